//! The explanations in four languages: English word for word the engine's (every kind of
//! line, and every explanation of the example accounts), and zh/es/fr with every kind
//! worded, no English word left, every figure in the locale's format and the languages'
//! typography.
// tests build figures with plain operators: an overflow here fails the test
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use crate::i18n::localize_number;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use unimargin::explain::english;
use unimargin::explain::*;
use unimargin::rules::risk::Risk;
use unimargin::scenario::{OrderSide, PositionSide};

const OTHERS: [Locale; 3] = [Locale::zh, Locale::es, Locale::fr];

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn range(lower: Option<&str>, upper: Option<&str>, unit: Unit) -> TierRange {
    TierRange {
        lower: lower.map(d),
        upper: upper.map(d),
        unit,
    }
}

fn buy_dot() -> OrderWords {
    OrderWords {
        side: OrderSide::Buy,
        size: d("1250.5"),
        traded: "DOT".into(),
        price: d("4.25"),
        quote: Some("USDT".into()),
    }
}

fn sell_btcusdt() -> OrderWords {
    OrderWords {
        side: OrderSide::Sell,
        size: d("0.25"),
        traded: "BTCUSDT".into(),
        price: d("64250.5"),
        quote: None,
    }
}

fn side_im() -> SideInitialMargin {
    SideInitialMargin {
        value: vec![
            ValueTerm::AtPrice {
                size: d("0.5"),
                price: d("64000"),
            },
            ValueTerm::OpenOrders(d("19050.75")),
        ],
        leverage: d("20"),
        taker_fee: d("0.0006"),
        settle_usd: d("0.9998"),
        margin: d("2554.123456789"),
    }
}

fn side_mm(tier: bool) -> SideMaintenanceMargin {
    SideMaintenanceMargin {
        held: d("0.5"),
        open: d("0.3"),
        mmr: d("0.004"),
        taker_fee: d("0.0006"),
        mark_price: d("64000"),
        settle_usd: Decimal::ONE,
        margin: d("235.52"),
        tier: tier.then(|| (d("51200"), range(None, Some("200000"), Unit::Usd))),
    }
}

fn loan_margin(tier: bool) -> LoanMargin {
    LoanMargin {
        debt: d("6800.5"),
        usd_price: d("0.9998"),
        rate: if tier {
            LoanRate::Leverage(d("10"))
        } else {
            LoanRate::Mmr(d("0.02"))
        },
        margin: d("679.91599"),
        tier: tier.then(|| range(Some("1000"), Some("1000000"), Unit::Coin("USDT".into()))),
    }
}

fn one_rate_loss() -> SpotLossWorked {
    SpotLossWorked {
        form: SpotLoss::OneRateEach {
            size: d("1250.5"),
            price: d("4.25"),
            quote_usd: d("0.9998"),
            paid_rate: d("1"),
            bought_rate: d("0.5"),
        },
        lost: d("2656.93875"),
    }
}

fn fee_worked() -> FeeWorked {
    FeeWorked {
        size: d("1250.5"),
        price: d("4.25"),
        quote_usd: d("0.9998"),
        rate: d("0.001"),
        fee: d("5.3137"),
    }
}

/// The kind of a line, by name: a match without a wildcard, so a new kind of line is a
/// compile error here until the table below has it.
fn kind(line: &Line) -> &'static str {
    match line {
        Line::CoinEquity { .. } => "CoinEquity",
        Line::CoinPrice { .. } => "CoinPrice",
        Line::TieredDiscount { .. } => "TieredDiscount",
        Line::PendingOrderCosts { .. } => "PendingOrderCosts",
        Line::Loan { .. } => "Loan",
        Line::PendingOrderLoans { .. } => "PendingOrderLoans",
        Line::ContractInitialMargin { .. } => "ContractInitialMargin",
        Line::ContractMaintenanceMargin { .. } => "ContractMaintenanceMargin",
        Line::LiquidationFee { .. } => "LiquidationFee",
        Line::More { .. } => "More",
        Line::AdjustedEquitySum { .. } => "AdjustedEquitySum",
        Line::Total { .. } => "Total",
        Line::NothingToWorkOut { .. } => "NothingToWorkOut",
        Line::FuturesOrdersCancelled { .. } => "FuturesOrdersCancelled",
        Line::CrossMarginRate { .. } => "CrossMarginRate",
        Line::RiskLevel { .. } => "RiskLevel",
        Line::Order { .. } => "Order",
        Line::SpotTradingLoss(_) => "SpotTradingLoss",
        Line::Fee(_) => "Fee",
        Line::CannotBeBorrowed { .. } => "CannotBeBorrowed",
        Line::NoLoanOpened { .. } => "NoLoanOpened",
        Line::LoanAfterOrder(_) => "LoanAfterOrder",
        Line::MarginAdded { .. } => "MarginAdded",
        Line::AdjustedEquityUnchanged { .. } => "AdjustedEquityUnchanged",
        Line::SideWithOrder { .. } => "SideWithOrder",
        Line::ContractReserves { .. } => "ContractReserves",
        Line::LargestSize { .. } => "LargestSize",
        Line::PositionPnl { .. } => "PositionPnl",
        Line::PositionInitialMargin(_) => "PositionInitialMargin",
        Line::PositionMaintenanceMargin { .. } => "PositionMaintenanceMargin",
        Line::PositionRoi { .. } => "PositionRoi",
        Line::PositionAvailable { .. } => "PositionAvailable",
    }
}

const KINDS: usize = 32;

/// Every kind of line, each branch of its wording at least once, with figures that group
/// and have decimals (so that a figure left in the engine's format shows).
fn every_line() -> Vec<Line> {
    let mut lines = vec![
        Line::CoinEquity {
            coin: "USDT".into(),
            balance: d("-8000.5"),
            unrealized_pnl: d("1200.25"),
            equity: d("-6800.25"),
        },
        Line::CoinEquity {
            coin: "USDT".into(),
            balance: d("10000.5"),
            unrealized_pnl: d("-2400.75"),
            equity: d("7599.75"),
        },
        Line::CoinPrice {
            coin: "USDT".into(),
            via: PriceVia::Setting,
            usd_price: d("0.9998"),
        },
        Line::CoinPrice {
            coin: "ETH".into(),
            via: PriceVia::Quote {
                price: d("0.05"),
                quote: "BTC".into(),
                quote_usd: d("64250.5"),
            },
            usd_price: d("3212.525"),
        },
        Line::TieredDiscount {
            coin: "BTC".into(),
            equity: d("40.5"),
            usd_price: d("50000"),
            usd_equity: d("2025000"),
            slices: vec![
                (range(None, Some("1000000"), Unit::Usd), d("0.98")),
                (
                    range(Some("1000000"), Some("1500000.5"), Unit::Usd),
                    d("0.975"),
                ),
                (range(Some("1500000.5"), None, Unit::Usd), d("0.97")),
            ],
            contribution: d("1984987.4875"),
        },
        Line::TieredDiscount {
            coin: "BTC".into(),
            equity: d("1.5"),
            usd_price: d("50000"),
            usd_equity: d("75000"),
            slices: vec![(range(None, None, Unit::Usd), d("0.98"))],
            contribution: d("73500"),
        },
        Line::PendingOrderCosts {
            order: PendingOrder {
                number: 2,
                order: buy_dot(),
            },
            loss: one_rate_loss(),
            fee: fee_worked(),
        },
        Line::PendingOrderCosts {
            order: PendingOrder {
                number: 3,
                order: buy_dot(),
            },
            loss: SpotLossWorked {
                form: SpotLoss::TwoRates {
                    paid: d("5314.625"),
                    paid_usd: d("0.9998"),
                    paid_rate: d("1"),
                    bought: d("1250.5"),
                    bought_usd: d("4.25"),
                    bought_rate: d("0.95"),
                },
                lost: d("264.6"),
            },
            fee: fee_worked(),
        },
        Line::PendingOrderCosts {
            order: PendingOrder {
                number: 1,
                order: buy_dot(),
            },
            loss: SpotLossWorked {
                form: SpotLoss::Contributions {
                    paid: "USDT".into(),
                    bought: "DOT".into(),
                    paid_before: d("10000.5"),
                    bought_before: d("0"),
                    paid_after: d("4685.875"),
                    bought_after: d("5365.25"),
                },
                lost: d("-50.625"),
            },
            fee: fee_worked(),
        },
        Line::Loan {
            coin: "USDT".into(),
            margin: loan_margin(true),
        },
        Line::Loan {
            coin: "USDT".into(),
            margin: loan_margin(false),
        },
        Line::PendingOrderLoans {
            order: PendingOrder {
                number: 1,
                order: buy_dot(),
            },
            added: d("310.5"),
            changes: vec![
                LoanChange {
                    coin: "USDT".into(),
                    before: Some(d("680.25")),
                    after: Some(loan_margin(true)),
                },
                LoanChange {
                    coin: "DOT".into(),
                    before: None,
                    after: Some(loan_margin(false)),
                },
                LoanChange {
                    coin: "ETH".into(),
                    before: Some(d("1234.5")),
                    after: None,
                },
            ],
        },
        Line::ContractInitialMargin {
            symbol: "BTCUSDT".into(),
            long: side_im(),
            short: SideInitialMargin {
                value: vec![],
                leverage: d("20"),
                taker_fee: d("0.0006"),
                settle_usd: Decimal::ONE,
                margin: Decimal::ZERO,
            },
            larger: d("2554.123456789"),
        },
        Line::ContractMaintenanceMargin {
            symbol: "BTCUSDT".into(),
            side: PositionSide::Long,
            margin: side_mm(true),
            other: d("1235.52"),
            tie: true,
        },
        Line::ContractMaintenanceMargin {
            symbol: "ETHUSDT".into(),
            side: PositionSide::Short,
            margin: side_mm(false),
            other: d("1235.52"),
            tie: false,
        },
        Line::LiquidationFee {
            symbol: "BTCUSDT".into(),
            side: PositionSide::Short,
            notional_usd: d("51200.5"),
            rate: d("0.0005"),
            fee: d("25.60025"),
        },
        Line::AdjustedEquitySum {
            terms: vec![
                SumTerm::Coin {
                    equity: d("1.2"),
                    usd_price: d("64000"),
                    rate: d("0.98"),
                },
                SumTerm::Slice {
                    value_usd: d("1000000"),
                    rate: d("0.975"),
                },
                SumTerm::Debt {
                    owed: d("6800.5"),
                    usd_price: d("0.9998"),
                },
                SumTerm::MoreCoins {
                    count: 1,
                    sum: Some(d("-1234.5")),
                },
                SumTerm::MoreCoins {
                    count: 1234,
                    sum: None,
                },
                SumTerm::MoreCoins {
                    count: 2,
                    sum: Some(d("2500.75")),
                },
                SumTerm::SpotTradingLosses(d("2656.93875")),
                SumTerm::PendingFees(d("5.3137")),
            ],
            total: d("1061349.46"),
        },
        Line::AdjustedEquitySum {
            terms: vec![],
            total: Decimal::ZERO,
        },
        Line::NothingToWorkOut {
            total: Total::MaintenanceMargin,
        },
        Line::NothingToWorkOut {
            total: Total::MarginReserved,
        },
        Line::FuturesOrdersCancelled {
            adjusted_equity: d("1234.5"),
            margin_reserved: d("2609.2"),
        },
        Line::CrossMarginRate {
            maintenance_margin: d("345.2"),
            liquidation_fees: d("15.5"),
            adjusted_equity: d("98860.9"),
            rate: Some(d("0.00364856")),
        },
        Line::CrossMarginRate {
            maintenance_margin: Decimal::ZERO,
            liquidation_fees: Decimal::ZERO,
            adjusted_equity: d("98860.9"),
            rate: Some(Decimal::ZERO),
        },
        Line::CrossMarginRate {
            maintenance_margin: d("345.2"),
            liquidation_fees: d("15.5"),
            adjusted_equity: d("-1234.5"),
            rate: None,
        },
        Line::Order {
            order: buy_dot(),
            reading: OrderReading::Filled {
                after_pending: true,
                base: CoinMove {
                    coin: "DOT".into(),
                    before: d("20.5"),
                    after: d("1271"),
                },
                quote: CoinMove {
                    coin: "USDT".into(),
                    before: d("10000.5"),
                    after: d("4685.875"),
                },
            },
        },
        Line::Order {
            order: buy_dot(),
            reading: OrderReading::Filled {
                after_pending: false,
                base: CoinMove {
                    coin: "DOT".into(),
                    before: d("20.5"),
                    after: d("1271"),
                },
                quote: CoinMove {
                    coin: "USDT".into(),
                    before: d("10000.5"),
                    after: d("4685.875"),
                },
            },
        },
        Line::Order {
            order: sell_btcusdt(),
            reading: OrderReading::OpensOn(PositionSide::Short),
        },
        Line::SpotTradingLoss(one_rate_loss()),
        Line::Fee(fee_worked()),
        Line::CannotBeBorrowed { coin: "DOT".into() },
        Line::NoLoanOpened { added: d("1234.5") },
        Line::LoanAfterOrder(LoanChange {
            coin: "DOT".into(),
            before: None,
            after: Some(loan_margin(false)),
        }),
        Line::MarginAdded {
            after: d("2609.25"),
            before: d("1619.5"),
            added: d("989.75"),
        },
        Line::AdjustedEquityUnchanged {
            adjusted_equity: d("98860.9"),
        },
        Line::SideWithOrder {
            symbol: "BTCUSDT".into(),
            side: PositionSide::Long,
            margin: side_im(),
        },
        Line::ContractReserves {
            symbol: "BTCUSDT".into(),
            long: d("2583.13"),
            short: d("981.64"),
            larger: d("2583.13"),
            before: d("1619.2"),
            added: d("963.93"),
        },
        Line::ContractReserves {
            symbol: "BTCUSDT".into(),
            long: d("1583.13"),
            short: d("2981.64"),
            larger: d("2981.64"),
            before: d("2981.64"),
            added: Decimal::ZERO,
        },
        Line::LargestSize {
            size: d("1029.956"),
            step: d("0.001"),
        },
        Line::LargestSize {
            size: Decimal::ZERO,
            step: d("0.001"),
        },
        Line::PositionPnl {
            side: PositionSide::Long,
            mark_price: d("64000.5"),
            entry_price: d("61000.25"),
            size: d("0.5"),
            pnl: d("1500.125"),
            settle: "USDT".into(),
            settle_usd: Decimal::ONE,
            pnl_usd: d("1500.125"),
        },
        Line::PositionPnl {
            side: PositionSide::Short,
            mark_price: d("64000.5"),
            entry_price: d("62500.25"),
            size: d("0.2"),
            pnl: d("-300.05"),
            settle: "USDT".into(),
            settle_usd: d("0.9998"),
            pnl_usd: d("-299.98999"),
        },
        Line::PositionInitialMargin(side_im()),
        Line::PositionMaintenanceMargin {
            margin: side_mm(true),
            side: PositionSide::Short,
        },
        Line::PositionMaintenanceMargin {
            margin: side_mm(false),
            side: PositionSide::Long,
        },
        Line::PositionRoi {
            pnl_usd: d("1500.125"),
            initial_margin: d("1619.2"),
            roi: Some(d("0.92646183")),
        },
        Line::PositionRoi {
            pnl_usd: d("1500.125"),
            initial_margin: Decimal::ZERO,
            roi: None,
        },
        Line::PositionAvailable { size: d("1250.5") },
    ];
    for what in [
        Many::CoinsWithPnl,
        Many::CoinsPricedThroughAQuote,
        Many::PendingOrdersWithCosts,
        Many::Loans,
        Many::PendingOrdersAddingMargin,
        Many::Contracts,
        Many::ContractsLiquidationFees,
    ] {
        for (count, sum) in [
            (1, Some(d("1234.5"))),
            (1234, Some(d("9880.25"))),
            (2, None),
        ] {
            lines.push(Line::More { count, what, sum });
        }
    }
    let term = |minus: bool, value: &str, label: Option<TermLabel>| Term {
        minus,
        value: d(value),
        label,
    };
    let totals = [
        (Total::AdjustedEquity, Some("98860.9"), None),
        (Total::MarginReserved, Some("2609.2"), None),
        (Total::MaintenanceMargin, Some("345.2"), None),
        (Total::AvailableMargin, Some("96251.7"), None),
        (Total::CrossMarginRate, Some("0.00364856"), None),
        (Total::CrossMarginRate, None, None),
        (Total::AdjustedEquityAfter, Some("98860.9"), None),
        (Total::MarginReservedAfter, Some("3573.13"), None),
        (Total::Headroom, Some("95287.77"), Some(Verdict::Accepted)),
        (Total::Headroom, Some("-1287.77"), Some(Verdict::Rejected)),
        (
            Total::Headroom,
            Some("95287.77"),
            Some(Verdict::NotBorrowable("DOT".into())),
        ),
    ];
    for (total, value, verdict) in totals {
        lines.push(Line::Total {
            total,
            terms: vec![
                term(false, "990.5", Some(TermLabel::Loans)),
                term(false, "1619.2", Some(TermLabel::Derivatives)),
                term(true, "1234.5", None),
            ],
            value: value.map(d),
            verdict,
        });
    }
    for (risk, unbounded) in [
        (Risk::Safe, false),
        (Risk::Warning, false),
        (Risk::Liquidation, false),
        (Risk::Liquidation, true),
    ] {
        lines.push(Line::RiskLevel {
            risk,
            unbounded,
            warning_rate: d("0.8"),
            liquidation_rate: d("1"),
        });
    }
    lines
}

#[test]
fn the_table_has_every_kind_of_line() {
    let kinds: BTreeSet<&str> = every_line().iter().map(kind).collect();
    assert_eq!(kinds.len(), KINDS, "{kinds:?}");
}

#[test]
fn every_kind_of_line_in_english_is_the_engines_word_for_word() {
    for l in every_line() {
        assert_eq!(line(&l, Locale::en), english::line(&l), "{l:?}");
    }
}

#[test]
fn every_formula_reading_and_title_in_english_is_the_engines() {
    let formulas = [
        Formula::AdjustedEquity,
        Formula::MarginReserved,
        Formula::MaintenanceMargin,
        Formula::CrossMarginRate,
        Formula::OrderCheck,
        Formula::Position,
    ];
    for f in formulas {
        assert_eq!(formula(f, Locale::en), english::formula(f));
    }
    for r in every_reading() {
        assert_eq!(reading(r, Locale::en), english::reading(r));
    }
    for s in every_subject() {
        assert_eq!(title(&s, Locale::en), english::title(&s));
    }
}

fn every_subject() -> Vec<Subject> {
    vec![
        Subject::AdjustedEquity,
        Subject::MarginReserved,
        Subject::MaintenanceMargin,
        Subject::CrossMarginRate,
        Subject::OrderCheck,
        Subject::Position {
            number: 1000,
            symbol: "BTCUSDT".into(),
            side: PositionSide::Long,
        },
        Subject::Position {
            number: 2,
            symbol: "BTCUSDT".into(),
            side: PositionSide::Short,
        },
    ]
}

/// Every reading (a match without a wildcard keeps the list whole).
fn every_reading() -> Vec<Reading> {
    use Reading::*;
    let all = vec![
        DiscountLikeTaxBrackets,
        TierHoldsItsUpperBound,
        DebtCountsInFull,
        PendingOrdersInListOrder,
        NoCreditBeforeTheFill,
        FuturesFeeInsideInitialMargin,
        LoanTakesTheTierOfItsWholeDebt,
        NoTiersNoBorrowing,
        PendingSpotOrderAddsLoanMargin,
        ContractReservesItsLargerSide,
        FuturesFeeIsTheTakerTerm,
        FuturesOrdersCancelledBelowReserved,
        LoanTakesTheMaintenanceRateOfItsTier,
        SideTakesTheTierOfItsWholeNotional,
        OpenOrdersAtMark,
        LargerSideSetsMaintenance,
        PendingSpotOrderAddsLoanMaintenance,
        LiquidationFeeOnTheBindingSide,
        NothingToMaintainIsZero,
        NoEquityIsUnbounded,
        ThresholdReachedAtIt,
        CheckedAsTheLastPendingOrder,
        SpotOrderReadAsFilled,
        LoanTierAfterTheOrder,
        NotBorrowableRefused,
        FuturesOrderTakesNothingOffEquity,
        ClosingOrderReservesNothingExtra,
        LargestSizeOnTheGrid,
        PositionTakesItsSideTier,
        RoiOnItsInitialMargin,
        AvailableIsTheWholePosition,
        OneWayNetPosition,
    ];
    for r in &all {
        match r {
            DiscountLikeTaxBrackets
            | TierHoldsItsUpperBound
            | DebtCountsInFull
            | PendingOrdersInListOrder
            | NoCreditBeforeTheFill
            | FuturesFeeInsideInitialMargin
            | LoanTakesTheTierOfItsWholeDebt
            | NoTiersNoBorrowing
            | PendingSpotOrderAddsLoanMargin
            | ContractReservesItsLargerSide
            | FuturesFeeIsTheTakerTerm
            | FuturesOrdersCancelledBelowReserved
            | LoanTakesTheMaintenanceRateOfItsTier
            | SideTakesTheTierOfItsWholeNotional
            | OpenOrdersAtMark
            | LargerSideSetsMaintenance
            | PendingSpotOrderAddsLoanMaintenance
            | LiquidationFeeOnTheBindingSide
            | NothingToMaintainIsZero
            | NoEquityIsUnbounded
            | ThresholdReachedAtIt
            | CheckedAsTheLastPendingOrder
            | SpotOrderReadAsFilled
            | LoanTierAfterTheOrder
            | NotBorrowableRefused
            | FuturesOrderTakesNothingOffEquity
            | ClosingOrderReservesNothingExtra
            | LargestSizeOnTheGrid
            | PositionTakesItsSideTier
            | RoiOnItsInitialMargin
            | AvailableIsTheWholePosition
            | OneWayNetPosition => {}
        }
    }
    all
}

/// Words written in ASCII letters, at least two long, that are not a coin's or a
/// contract's symbol (all capitals), lowercased.
fn ascii_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .filter(|w| !w.chars().all(|c| c.is_ascii_uppercase()))
        .map(str::to_lowercase)
        .collect()
}

/// English words each language uses as its own: the exchange world's loanwords (the
/// glossaries' "equity ajustada", "trading spot", "frais de taker", "Taker 手续费", "PnL"),
/// `max` of the formulas, and words spelled alike in both languages.
fn shared_words(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::zh => &["max", "taker"],
        Locale::es => &["max", "spot", "trading", "taker", "equity", "pnl", "no"],
        Locale::fr => &[
            "max",
            "spot",
            "trading",
            "taker",
            "pnl",
            "long",
            "position",
            "positions",
            "maintenance",
            "liquidation",
            "plus",
            "gain",
            "multiple",
            "mode",
            "positive",
        ],
        _ => &[],
    }
}

/// `text`, worded in `locale`, against its English: no English word left, every English
/// figure in the locale's format, the language's typography.
#[track_caller]
fn assert_translated(text: &str, english: &str, locale: Locale) {
    assert!(!text.is_empty());
    assert_ne!(text, english, "{locale:?} left English");
    let english_words: BTreeSet<String> = ascii_words(english).into_iter().collect();
    for word in ascii_words(text) {
        let shared = shared_words(locale).contains(&word.as_str());
        assert!(
            shared || !english_words.contains(&word),
            "{locale:?}: the English word {word:?} in {text:?}"
        );
        if locale == Locale::zh {
            assert!(shared, "zh: the Latin word {word:?} in {text:?}");
        }
    }
    for figure in figures(english) {
        let localized = localize_number(&figure, locale);
        assert!(
            text.contains(&localized),
            "{locale:?}: {figure} should read {localized:?} in {text:?}"
        );
    }
    match locale {
        Locale::zh => {
            for punctuation in ['，', '：', '；', '（', '）', '。'] {
                assert!(
                    !text.contains(&format!(" {punctuation}"))
                        && !text.contains(&format!("{punctuation} ")),
                    "zh: a space around {punctuation} in {text:?}"
                );
            }
        }
        Locale::fr => {
            for mark in [" :", " ;", " ?", " %"] {
                assert!(!text.contains(mark), "fr: {mark:?} in {text:?}");
            }
        }
        Locale::es => assert!(!text.contains(" %"), "es: ' %' in {text:?}"),
        _ => {}
    }
}

/// The figures of an English text that have a grouping or a decimal mark: `1,619.2`, `0.98`.
fn figures(english: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    for c in english.chars().chain([' ']) {
        if c.is_ascii_digit() || (!current.is_empty() && (c == ',' || c == '.')) {
            current.push(c);
        } else {
            let figure = current.trim_end_matches([',', '.']);
            if figure.contains([',', '.']) {
                found.push(figure.to_string());
            }
            current.clear();
        }
    }
    found
}

#[test]
fn every_kind_of_line_is_worded_in_every_language() {
    for l in every_line() {
        let english = line(&l, Locale::en);
        for locale in OTHERS {
            assert_translated(&line(&l, locale), &english, locale);
        }
    }
}

#[test]
fn every_formula_reading_title_and_panel_word_is_in_every_language() {
    let formulas = [
        Formula::AdjustedEquity,
        Formula::MarginReserved,
        Formula::MaintenanceMargin,
        Formula::CrossMarginRate,
        Formula::OrderCheck,
        Formula::Position,
    ];
    for locale in OTHERS {
        for f in formulas {
            assert_translated(&formula(f, locale), &formula(f, Locale::en), locale);
        }
        for r in every_reading() {
            assert_translated(&reading(r, locale), &reading(r, Locale::en), locale);
        }
        for s in every_subject() {
            assert_translated(&title(&s, locale), &title(&s, Locale::en), locale);
        }
        assert_translated(&say!(locale, summary), &say!(Locale::en, summary), locale);
        assert_translated(
            &say!(locale, readings_title),
            &say!(Locale::en, readings_title),
            locale,
        );
    }
}

/// Lines worked out by hand from the translations and each locale's number format.
#[test]
fn lines_read_as_a_native_reader_expects() {
    let cases: [(Line, [&str; 4]); 5] = [
        (
            Line::CrossMarginRate {
                maintenance_margin: d("345.2"),
                liquidation_fees: d("15.5"),
                adjusted_equity: d("98860.9"),
                // 360.7 ÷ 98,860.9 = 0.0036485612…, cut to 0.3648 %
                rate: Some(d("0.0036485612")),
            },
            [
                "Cross margin rate = (345.2 + 15.5) ÷ 98,860.9 = 0.3648 %",
                "全仓保证金率 = (345.2 + 15.5) ÷ 98,860.9 = 0.3648%",
                "Tasa de margen cruzado = (345,2 + 15,5) ÷ 98.860,9 = 0,3648\u{a0}%",
                "Taux de marge croisée = (345,2 + 15,5) ÷ 98\u{202f}860,9 = 0,3648\u{a0}%",
            ],
        ),
        (
            Line::Loan {
                coin: "USDT".into(),
                margin: LoanMargin {
                    debt: d("6800"),
                    usd_price: d("1"),
                    rate: LoanRate::Leverage(d("10")),
                    margin: d("680"),
                    tier: Some(range(None, Some("1000000"), Unit::Coin("USDT".into()))),
                },
            },
            [
                "USDT loan: 6,800 × 1 ÷ 10 = 680 USD (the whole debt in the tier up to 1,000,000 USDT)",
                "USDT 借币：6,800 × 1 ÷ 10 = 680 USD（全部负债所在梯度：不超过 1,000,000 USDT）",
                "Préstamo de USDT: 6800 × 1 ÷ 10 = 680 USD (toda la deuda en el tramo hasta 1.000.000 USDT)",
                "Emprunt en USDT\u{a0}: 6\u{202f}800 × 1 ÷ 10 = 680 USD (toute la dette dans le palier jusqu'à 1\u{202f}000\u{202f}000 USDT)",
            ],
        ),
        (
            Line::Total {
                total: Total::Headroom,
                terms: vec![
                    Term {
                        minus: false,
                        value: d("98860.9"),
                        label: None,
                    },
                    Term {
                        minus: true,
                        value: d("3573.13"),
                        label: None,
                    },
                ],
                // 98,860.9 − 3,573.13 = 95,287.77
                value: Some(d("95287.77")),
                verdict: Some(Verdict::Accepted),
            },
            [
                "Headroom = 98,860.9 − 3,573.13 = 95,287.77 USD: accepted",
                "保证金余量 = 98,860.9 − 3,573.13 = 95,287.77 USD：可以下单",
                "Holgura = 98.860,9 − 3573,13 = 95.287,77 USD: aceptada",
                "Marge restante = 98\u{202f}860,9 − 3\u{202f}573,13 = 95\u{202f}287,77 USD\u{a0}: ordre accepté",
            ],
        ),
        (
            Line::More {
                count: 988,
                what: Many::Contracts,
                sum: Some(d("9880")),
            },
            [
                "988 more contracts: 9,880 USD",
                "另有 988 个合约：9,880 USD",
                "988 contratos más: 9880 USD",
                "988 autres contrats\u{a0}: 9\u{202f}880 USD",
            ],
        ),
        (
            Line::Order {
                order: OrderWords {
                    side: OrderSide::Buy,
                    size: d("0.3"),
                    traded: "BTCUSDT".into(),
                    price: d("63500"),
                    quote: None,
                },
                reading: OrderReading::OpensOn(PositionSide::Long),
            },
            [
                "The order: buy 0.3 BTCUSDT at 63,500, an open order on the long side",
                "该订单：以 63,500 买入 0.3 BTCUSDT，为多仓方向的挂单",
                "La orden: compra de 0,3 BTCUSDT a 63.500, una orden abierta en el lado largo",
                "L'ordre\u{a0}: achat de 0,3 BTCUSDT à 63\u{202f}500, un ordre ouvert du côté long",
            ],
        ),
    ];
    for (l, want) in cases {
        for (locale, want) in [Locale::en, Locale::zh, Locale::es, Locale::fr]
            .iter()
            .zip(want)
        {
            assert_eq!(line(&l, *locale), want, "{locale:?}");
        }
    }
}

/// The example accounts: the seeds (the spec's examples), the hand-worked accounts, the
/// page's presets, the benchmark accounts and those naming the default market.
fn example_accounts() -> Vec<(String, Explanations)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let market = unimargin::parse_market(include_str!("../../../../web/market.json")).unwrap();
    let mut found = Vec::new();
    for dir in ["seeds", "accounts", "presets", "market", "bench"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for path in files {
            let json = std::fs::read_to_string(&path).unwrap();
            let scenario = unimargin::parse_scenario(&json).unwrap();
            let complete = unimargin::market::resolve(&scenario, Some(&market)).unwrap();
            let account = unimargin::Account::from_scenario(&complete).unwrap();
            let report = unimargin::evaluate::evaluate(&account).unwrap();
            found.push((path.display().to_string(), explain(&account, &report)));
        }
    }
    assert!(found.len() >= 17, "{}", found.len());
    found
}

fn all_of(x: &Explanations) -> Vec<&Explanation> {
    let mut all = vec![
        &x.adjusted_equity,
        &x.margin_reserved,
        &x.maintenance_margin,
        &x.cross_margin_rate,
    ];
    all.extend(x.check.as_ref());
    all.extend(x.positions.iter());
    all
}

#[test]
fn the_example_accounts_read_in_english_exactly_as_the_engine_writes_them() {
    let mut lines = 0;
    for (name, x) in example_accounts() {
        for one in all_of(&x) {
            let mine = render(one, Locale::en);
            let engine = english::render(one);
            assert_eq!(mine.title, engine.title, "{name}");
            assert_eq!(mine.formula, engine.formula, "{name}");
            assert_eq!(mine.worked, engine.worked, "{name}");
            assert_eq!(mine.readings, engine.readings, "{name}");
            lines += mine.worked.len();
        }
    }
    assert!(lines > 100, "{lines}");
}

#[test]
fn the_example_accounts_read_in_every_language() {
    for (name, x) in example_accounts() {
        for one in all_of(&x) {
            let english = render(one, Locale::en);
            for locale in OTHERS {
                let worded = render(one, locale);
                assert_eq!(worded.worked.len(), english.worked.len(), "{name}");
                for (text, english) in worded.worked.iter().zip(&english.worked) {
                    assert_translated(text, english, locale);
                }
            }
        }
    }
}
