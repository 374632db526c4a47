//! Every sentence the engine writes, from its typed value: each error kind, each reason of an
//! order check, each mode reason, each step and reading of the liquidation play-out.
//!
//! One row per value, as in rust_decimal's `tests/decimal_tests.rs`: the typed value and the
//! English sentence it must render. The sentences are those users saw before the kinds were
//! typed; a row changes only when a sentence is deliberately reworded.

use std::collections::BTreeSet;
use unimargin::error::{
    Argument, DebtCause, Entity, Figure, MarketName, MarketTable, UsageProblem,
};
use unimargin::liquidation::{LiquidationAction, LiquidationStep, READINGS};
use unimargin::num::NumberError;
use unimargin::read::{Expected, Found, JsonProblem, Section};
use unimargin::scenario::{Market, PositionSide};
use unimargin::text::Reason;
use unimargin::upgrade::{Debt, ModeReason};
use unimargin::{Decimal, Error, ErrorKind};

fn d(text: &str) -> Decimal {
    text.parse().expect("a decimal literal")
}

fn market_reference(name: &str, as_of: &str) -> unimargin::scenario::MarketReference {
    unimargin::scenario::MarketReference {
        name: name.into(),
        as_of: as_of.into(),
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|n| n.to_string()).collect()
}

/// Every kind, with the English sentence it renders.
fn kinds() -> Vec<(ErrorKind, &'static str)> {
    use ErrorKind::*;
    vec![
        (
            InvalidJson {
                problem: JsonProblem::EofWhileParsingValue,
                line: 1,
                column: 0,
            },
            "invalid JSON: EOF while parsing a value at line 1 column 0",
        ),
        (
            InvalidJson {
                problem: JsonProblem::NotUtf8,
                line: 0,
                column: 0,
            },
            "invalid JSON: the bytes are not UTF-8",
        ),
        (
            MissingField {
                field: "balance".into(),
            },
            "missing field `balance`",
        ),
        (
            UnknownField {
                field: "colour".into(),
                expected: names(&["coin", "balance", "price"]),
            },
            "unknown field `colour`, expected one of `coin`, `balance`, `price`",
        ),
        (
            UnknownField {
                field: "up_to".into(),
                expected: names(&["up_to_usd", "rate"]),
            },
            "unknown field `up_to`, expected `up_to_usd` or `rate`",
        ),
        (
            UnknownField {
                field: "x".into(),
                expected: vec![],
            },
            "unknown field `x`, there are no fields",
        ),
        (
            DuplicateField {
                field: "coin".into(),
            },
            "duplicate field `coin`",
        ),
        (
            UnknownVariant {
                got: "up".into(),
                expected: names(&["long", "short"]),
            },
            "unknown variant `up`, expected `long` or `short`",
        ),
        (
            WrongType {
                expected: Expected::Decimal,
                got: Found::Boolean(true),
            },
            r#"invalid type: boolean `true`, expected a decimal number, as a string such as "50000" or a JSON number"#,
        ),
        (
            WrongType {
                expected: Expected::Object(Section::Scenario),
                got: Found::Integer("5".into()),
            },
            "invalid type: integer `5`, expected a JSON object (the scenario)",
        ),
        (
            WrongType {
                expected: Expected::Text,
                got: Found::Null,
            },
            "invalid type: null, expected a string",
        ),
        (
            WrongType {
                expected: Expected::List,
                got: Found::Object,
            },
            "invalid type: map, expected a sequence",
        ),
        (
            Number(NumberError::NotADecimal { text: "abc".into() }),
            r#"expected a decimal number such as "50000" or "0.98", got "abc""#,
        ),
        (
            Number(NumberError::TooLarge {
                text: "1e29".into(),
            }),
            r#""1e29" is too large: figures must stay below about 7.9e28"#,
        ),
        (
            Number(NumberError::TooManyDecimalPlaces {
                text: "1e-29".into(),
            }),
            r#""1e-29" has more decimal places than the 28 that can be kept exactly"#,
        ),
        (
            Number(NumberError::TooManyDigits {
                text: "1234567890123456789012345.67890".into(),
            }),
            r#""1234567890123456789012345.67890" has more significant digits than the 28 that can be kept exactly"#,
        ),
        (
            Number(NumberError::NotFinite { text: "NaN".into() }),
            "expected a finite decimal number, got NaN",
        ),
        (
            WrongFormat {
                expected: "unimargin/scenario@1",
                got: "unimargin/scenario@2".into(),
            },
            r#"expected "unimargin/scenario@1", got "unimargin/scenario@2""#,
        ),
        (
            NotPositive {
                field: "price",
                got: d("0"),
            },
            "price must be greater than 0, got 0",
        ),
        (
            Negative {
                field: "interest_free",
                got: d("-1.50"),
            },
            "interest_free must not be negative, got -1.50",
        ),
        (
            NotAFraction {
                field: "rate",
                got: d("1.5"),
            },
            "rate must be between 0 and 1, got 1.5",
        ),
        (
            WarningAboveLiquidation {
                warning: d("0.8"),
                liquidation: d("0.5"),
            },
            "warning_rate (0.8) must not be above liquidation_rate (0.5)",
        ),
        (
            TooManyTiers { max: 200, got: 3000 },
            "a tier table holds at most 200 tiers, got 3000",
        ),
        (
            AboveMaximum {
                field: "liquidation_rate",
                max: d("10"),
                got: d("1e27"),
            },
            "liquidation_rate must be at most 10, got 1000000000000000000000000000",
        ),
        (
            NotAName {
                field: "coin",
                got: " BTC".into(),
            },
            r#"coin must be a name without surrounding spaces, got " BTC""#,
        ),
        (
            NoBase,
            "base must name the coin the contract tracks, such as BTC",
        ),
        (
            Duplicate {
                name: "BTC".into(),
                first_path: "coins[0]".into(),
            },
            "BTC is already defined at coins[0]",
        ),
        (
            UnknownCoin { name: "ETH".into() },
            "ETH is not one of the coins; add it to `coins`",
        ),
        (
            UnknownContract {
                name: "ETHUSDT".into(),
            },
            "ETHUSDT is not one of the contracts; add it to `contracts`",
        ),
        (
            MissingPrice { coin: "BTC".into() },
            "missing field `price`: the price of BTC in its quote",
        ),
        (
            StablecoinPrice {
                coin: "USDT".into(),
                got: d("2"),
            },
            "the price of USDT in its own unit is 1 (its USD price is settings.usdt_usd), got 2",
        ),
        (
            StablecoinQuote {
                coin: "USDC".into(),
                got: "USDT".into(),
            },
            "USDC is priced by settings.usdc_usd; its quote must be USDC, got USDT",
        ),
        (
            UnknownQuote { got: "EUR".into() },
            r#"quote must be USD, USDT, USDC or BTC, got "EUR""#,
        ),
        (
            NoBtcToQuoteIn { coin: "DOT".into() },
            "DOT is quoted in BTC, but BTC is not one of the coins; add BTC with its USD price",
        ),
        (
            BtcQuotedInBtc,
            "BTC cannot be quoted in BTC: its price would depend on itself; quote it in USD, USDT or USDC",
        ),
        (
            TiersNotAscending {
                field: "up_to_usd",
                bound: d("1000.0"),
                previous: d("1000"),
            },
            "tiers must ascend strictly: up_to_usd 1000.0 is not above the previous tier's 1000",
        ),
        (
            LastTierBounded { field: "up_to" },
            "the last tier must be unbounded: leave out up_to (or add a tier above it)",
        ),
        (
            UnboundedTierNotLast {
                field: "up_to_usd",
                number: 2,
                count: 3,
            },
            "only the last tier may be unbounded: this tier (number 2 of 3) needs up_to_usd",
        ),
        (
            NoPositionTiers,
            r#"a contract needs at least one position tier, such as [{"mmr": "0.004"}]"#,
        ),
        (
            NotForMarket {
                field: "symbol",
                market: MarketName(Market::Spot),
            },
            "a spot order has no symbol",
        ),
        (
            MissingForMarket {
                field: "symbol",
                market: MarketName(Market::Futures),
            },
            "missing field `symbol`: a futures order needs it",
        ),
        (
            SameCoinTwice { coin: "BTC".into() },
            "a spot order trades two different coins; base and quote are both BTC",
        ),
        (
            SizeStepOutsideCheck,
            "size_step belongs only to the order in `check`",
        ),
        (
            HedgeInOneWayMode {
                symbol: "BTCUSDT".into(),
                side: PositionSide::Short,
                first_path: "positions[0]".into(),
            },
            "BTCUSDT already has a long position at positions[0]: in one_way position mode a contract holds one net position, so net the two into one, or set settings.position_mode to hedge",
        ),
        (NoSuchEntry, "the account has no such entry"),
        (
            MixedTierUnits,
            "a coin's discount tiers are bounded all in USD (up_to_usd) or all in coin units (up_to), never both",
        ),
        (
            NotADate {
                field: "as_of",
                got: "26/09/2025".into(),
            },
            r#"as_of must be a date written YYYY-MM-DD, such as 2025-09-26, got "26/09/2025""#,
        ),
        (
            // a value as written is cut to 40 characters
            NotADate {
                field: "as_of",
                got: "x".repeat(50),
            },
            r#"as_of must be a date written YYYY-MM-DD, such as 2025-09-26, got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…""#,
        ),
        (
            WrongMarket {
                named: market_reference("Bitget UTA", "2025-09-26"),
                given: None,
            },
            "this scenario takes its tables from the market 'Bitget UTA' of 2025-09-26: load that market to evaluate it",
        ),
        (
            WrongMarket {
                named: market_reference("Bitget UTA", "2025-09-26"),
                given: Some(market_reference("Bitget UTA", "2025-10-01")),
            },
            "this scenario takes its tables from the market 'Bitget UTA' of 2025-09-26, not from 'Bitget UTA' of 2025-10-01: load 'Bitget UTA' of 2025-09-26",
        ),
        (
            NotInMarket {
                entity: Entity::Coin,
                name: "DOGE".into(),
                table: MarketTable::DiscountTiers,
                market: "Example UTA tables".into(),
                listed: false,
            },
            "DOGE is not in the market 'Example UTA tables'; give its discount tiers",
        ),
        (
            NotInMarket {
                entity: Entity::Coin,
                name: "ETH".into(),
                table: MarketTable::DiscountTiers,
                market: "Example UTA tables".into(),
                listed: true,
            },
            "ETH has no discount tiers in the market 'Example UTA tables'; give its discount tiers",
        ),
        (
            NotInMarket {
                entity: Entity::Contract,
                name: "DOGEUSDT".into(),
                table: MarketTable::Settle,
                market: "M".into(),
                listed: false,
            },
            "DOGEUSDT is not in the market 'M'; give its settle coin",
        ),
        (
            NotInMarket {
                entity: Entity::Contract,
                name: "DOGEUSDT".into(),
                table: MarketTable::Base,
                market: "M".into(),
                listed: false,
            },
            "DOGEUSDT is not in the market 'M'; give its base coin",
        ),
        (
            NotInMarket {
                entity: Entity::Contract,
                name: "XUSDT".into(),
                table: MarketTable::PositionTiers,
                market: "M".into(),
                listed: true,
            },
            "XUSDT has no position tiers (mm_tiers) in the market 'M'; give its position tiers (mm_tiers)",
        ),
        (
            LeverageAboveMax {
                symbol: "BTCUSDT".into(),
                got: d("200"),
                max: d("150"),
                market: "M".into(),
            },
            "leverage 200 is above the 150 that the market 'M' allows for BTCUSDT",
        ),
        (
            // the debt is written without trailing zeros
            NotBorrowable {
                coin: "USDT".into(),
                owed: d("100.00"),
                cause: DebtCause::Balance,
            },
            "balance plus unrealized PnL leaves a debt of 100 USDT, but USDT cannot be borrowed: give it loan_tiers",
        ),
        (
            NotBorrowable {
                coin: "USDT".into(),
                owed: d("400"),
                cause: DebtCause::PendingOrder,
            },
            "filled, this order would leave a debt of 400 USDT, but USDT cannot be borrowed: give it loan_tiers",
        ),
        (
            TooLarge {
                what: Figure::UsdEquity,
            },
            "the USD equity is too large to compute exactly (over about 7.9e28)",
        ),
        (
            // the order check's account once the order fills (fill::filled)
            TooLarge {
                what: Figure::AccountAfterFill,
            },
            "the account after the fill is too large to compute exactly (over about 7.9e28)",
        ),
        (
            Usage {
                problem: UsageProblem::MissingCommand,
            },
            "missing command (see unimargin --help)",
        ),
        (
            Usage {
                problem: UsageProblem::Unknown("--json".into()),
            },
            "unknown command or arguments: --json (see unimargin --help)",
        ),
        (
            Usage {
                problem: UsageProblem::MissingValue("coin".into()),
            },
            "--coin needs a value (see unimargin --help)",
        ),
        (
            Usage {
                problem: UsageProblem::MissingFile("evaluate".into()),
            },
            "evaluate needs a FILE, or - for standard input (see unimargin --help)",
        ),
        (
            Usage {
                problem: UsageProblem::MissingOption("--name".into()),
            },
            "--name is needed (see unimargin --help)",
        ),
        (
            Usage {
                problem: UsageProblem::Repeated("--coin".into()),
            },
            "--coin is given more than once (see unimargin --help)",
        ),
        (
            Usage {
                problem: UsageProblem::NotAPair {
                    option: "--position-tier".into(),
                    example: "BTCUSDT=btcusdt.json".into(),
                    got: "btcusdt.json".into(),
                },
            },
            r#"--position-tier takes NAME=FILE, such as BTCUSDT=btcusdt.json, got "btcusdt.json" (see unimargin --help)"#,
        ),
        (
            Usage {
                problem: UsageProblem::StdinTwice,
            },
            "standard input (-) can hold one document: give the other as a file (see unimargin --help)",
        ),
        (
            Usage {
                problem: UsageProblem::Other("invalid UTF-8 was detected in one or more arguments".into()),
            },
            "invalid UTF-8 was detected in one or more arguments (see unimargin --help)",
        ),
        (
            CannotRead {
                file: "a.json".into(),
                reason: "No such file or directory (os error 2)".into(),
            },
            "cannot read a.json: No such file or directory (os error 2)",
        ),
        (NoCoinNamed, "name the coin with --coin, such as --coin BTC"),
        (
            NotInAccount {
                entity: Entity::Coin,
                name: "XRP".into(),
                names: names(&["USDT", "BTC"]),
                count: 2,
            },
            r#"this account has no coin "XRP" (it has: USDT, BTC)"#,
        ),
        (
            // 3 of 12 names shown
            NotInAccount {
                entity: Entity::Contract,
                name: "NOPE".into(),
                names: names(&["A", "B", "C"]),
                count: 12,
            },
            r#"this account has no contract "NOPE" (it has: A, B, C, …, 12 in all)"#,
        ),
        (
            PointCount { got: "1".into() },
            "--points must be a whole number from 2 to 100000, got 1",
        ),
        (
            CannotWrite {
                reason: "No space left on device (os error 28)".into(),
            },
            "cannot write the output: No space left on device (os error 28)",
        ),
        (
            ExchangeRefused {
                code: "40034".into(),
                message: "Parameter does not exist".into(),
            },
            r#"the exchange answered with code 40034 ("Parameter does not exist"), not with its data"#,
        ),
        (NoTiers, "the answer lists no tiers"),
        (
            FirstTierNotAtZero {
                field: "tierStartValue",
                got: d("100"),
            },
            "the first tier must start at 0, got tierStartValue 100",
        ),
        (
            TiersNotContiguous {
                field: "minTierValue",
                got: d("150000"),
                previous: d("200000"),
            },
            "each tier must start where the previous one ends: minTierValue is 150000, the previous tier ends at 200000",
        ),
        (
            TierOutOfOrder {
                got: "3".into(),
                number: 2,
            },
            r#"tier "3" is listed where tier 2 belongs: list the tiers in order, 1, 2, 3, …"#,
        ),
        (
            NotInAnswer { name: "DOGE".into() },
            "the answer has no DOGE",
        ),
        (
            AnswerTooOld {
                saved: "2024-11-09".into(),
                since: "2025-07-24",
            },
            "this answer was saved on 2024-11-09, before 2025-07-24, when the exchange changed the unit of these figures; save a new answer",
        ),
        (
            MissingArgument {
                argument: Argument::Scenario,
            },
            "expected a scenario, got undefined",
        ),
        (
            MissingArgument {
                argument: Argument::Market,
            },
            "expected a market document, got undefined",
        ),
        (
            NotSerializable {
                argument: Argument::Order,
                reason: "Do not know how to serialize a BigInt".into(),
            },
            "an order cannot be written as JSON: Do not know how to serialize a BigInt",
        ),
        (
            NotJsonText,
            "expected JSON text: a string, or its UTF-8 bytes as a Uint8Array",
        ),
        (NoOrderToCheck, "an order to check is needed"),
        (
            AccountFreed {
                method: "summary".into(),
            },
            "this Account was freed (free() was called), so summary() cannot use it; create a new Account",
        ),
        (
            Other {
                detail: "the document could not be read".into(),
            },
            "the document could not be read",
        ),
    ]
}

#[test]
fn every_kind_renders_its_english_sentence() {
    let failures: Vec<String> = kinds()
        .into_iter()
        .filter_map(|(kind, want)| {
            let got = kind.to_string();
            (got != want).then(|| format!("{kind:?}:\n  got  {got}\n  want {want}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_table_covers_every_code_and_the_codes_are_distinct_snake_case() {
    let covered: BTreeSet<&str> = kinds().iter().map(|(kind, _)| kind.code()).collect();
    let codes: BTreeSet<&str> = ErrorKind::CODES.into_iter().collect();
    assert_eq!(
        codes.len(),
        ErrorKind::CODES.len(),
        "two kinds share a code"
    );
    assert_eq!(
        covered, codes,
        "a kind without its row, or a code not listed"
    );
    for code in ErrorKind::CODES {
        assert!(
            !code.is_empty()
                && code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !code.starts_with('_')
                && !code.ends_with('_'),
            "{code}"
        );
    }
}

#[test]
fn an_error_is_its_path_and_its_kind() {
    let error = Error::new(
        "coins[0].price",
        ErrorKind::NotPositive {
            field: "price",
            got: d("-1"),
        },
    );
    assert_eq!(error.path(), "coins[0].price");
    assert_eq!(error.code(), "not_positive");
    assert_eq!(error.message(), "price must be greater than 0, got -1");
    assert_eq!(
        error.to_string(),
        "coins[0].price: price must be greater than 0, got -1"
    );
    assert_eq!(
        error.to_json(),
        r#"{"error":{"path":"coins[0].price","kind":"not_positive","message":"price must be greater than 0, got -1"}}"#
    );
    // the whole document: the message alone
    let whole = Error::new("", ErrorKind::NoSuchEntry);
    assert_eq!(whole.to_string(), "the account has no such entry");
    // an argument read as the document's `check`
    let size = Error::new("size", ErrorKind::NoSuchEntry).within("check");
    assert_eq!(size.path(), "check.size");
    assert_eq!(
        Error::new("[0]", ErrorKind::NoSuchEntry)
            .within("check")
            .path(),
        "check[0]"
    );
    assert_eq!(
        Error::new("", ErrorKind::NoSuchEntry)
            .within("check")
            .path(),
        "check"
    );
    assert_eq!(
        Error::new("a", ErrorKind::NoSuchEntry).within("").path(),
        "a"
    );
}

#[test]
fn each_figure_is_named_once() {
    let nouns: BTreeSet<String> = Figure::ALL.iter().map(|f| f.to_string()).collect();
    assert_eq!(nouns.len(), Figure::ALL.len(), "two figures share a name");
    assert_eq!(Figure::AdjustedEquity.to_string(), "adjusted equity");
    assert_eq!(
        Figure::LoanInitialMargin.to_string(),
        "the loan's initial margin"
    );
    assert_eq!(Figure::Sweep.to_string(), "the sweep");
}

#[test]
fn every_reason_of_an_order_check_renders_its_sentence() {
    let table: Vec<(Reason, &str)> = vec![
        (
            Reason::NotBorrowable { coin: "DOT".into() },
            "Rejected: the order would leave DOT below zero, and DOT cannot be borrowed (it has no loan tiers).",
        ),
        (
            // USD to the cent, grouped by thousands
            Reason::Accepted {
                adjusted_equity_after: d("50100"),
                margin_reserved_after: d("0"),
                headroom: d("50100"),
            },
            "Accepted: adjusted equity after the order, 50,100.00 USD, covers the margin reserved with it, 0.00 USD, with 50,100.00 USD to spare.",
        ),
        (
            Reason::Rejected {
                adjusted_equity_after: d("1000"),
                margin_reserved_after: d("1234.5"),
                shortfall: d("234.5"),
            },
            "Rejected: adjusted equity after the order, 1,000.00 USD, is 234.50 USD short of the margin reserved with it, 1,234.50 USD.",
        ),
        (
            Reason::SpotLoss {
                loss: d("50"),
                bought: "DOT".into(),
                paid: "USDT".into(),
            },
            "Its spot trading loss is 50.00 USD: after discount rates, the DOT it brings in counts for that much less adjusted equity than the USDT it gives up.",
        ),
        (
            Reason::NoSpotLoss {
                bought: "USDT".into(),
                paid: "DOT".into(),
            },
            "It has no spot trading loss: the USDT it brings in counts for at least as much adjusted equity as the DOT it gives up.",
        ),
        (
            // 0.001 is 0.1 %
            Reason::Fee {
                fee: d("0.105"),
                rate: d("0.001"),
            },
            "Its estimated fee is 0.11 USD (spot taker fee 0.1 %).",
        ),
        (
            Reason::Borrows {
                amount: d("1500"),
                coin: "USDT".into(),
                initial_margin: d("150"),
            },
            "It borrows 1,500 USDT, adding 150.00 USD of loan initial margin.",
        ),
        (
            Reason::FuturesMargin {
                margin: d("3201.92"),
                symbol: "BTCUSDT".into(),
                side: PositionSide::Long,
            },
            "It adds 3,201.92 USD of initial margin on BTCUSDT, its taker fee included, as an open order on the long side.",
        ),
        (
            Reason::NoFuturesMargin {
                symbol: "BTCUSDT".into(),
                side: PositionSide::Short,
            },
            "It adds no initial margin: the short side of BTCUSDT, with it, stays within the margin of the other side.",
        ),
        (
            Reason::LargestSize { size: d("16720") },
            "The largest size that passes is 16,720.",
        ),
        (
            Reason::NoSizePasses,
            "No size of this order passes at this price.",
        ),
    ];
    for (reason, want) in table {
        assert_eq!(reason.to_string(), want, "{reason:?}");
        // serialized as the same sentence (the report's `check.reasons`)
        assert_eq!(serde_json::to_value(&reason).unwrap(), want, "{reason:?}");
    }
}

#[test]
fn every_mode_reason_renders_its_sentence() {
    let table = [
        (
            ModeReason::OpenOrders { count: 2 },
            "Cancel the 2 open order(s) before switching modes.",
        ),
        (
            ModeReason::Positions { count: 1 },
            "Close the 1 position(s) before switching modes.",
        ),
        (
            ModeReason::Debts {
                debts: vec![
                    Debt {
                        coin: "USDT".into(),
                        amount: d("1234.5"),
                    },
                    Debt {
                        coin: "DOT".into(),
                        amount: d("20"),
                    },
                ],
            },
            "Repay the debts (1,234.5 USDT, 20 DOT) before switching modes.",
        ),
        (
            ModeReason::AdvancedModeEligible { equity: d("50000") },
            "Account equity of 50,000.00 USD meets advanced mode's 1,000 USD (the quiz must also be passed).",
        ),
        (
            ModeReason::AdvancedModeNeedsEquity {
                equity: d("999.99"),
            },
            "Advanced mode needs account equity of at least 1,000 USD; this account has 999.99 USD.",
        ),
    ];
    for (reason, want) in table {
        assert_eq!(reason.to_string(), want, "{reason:?}");
        assert_eq!(serde_json::to_value(&reason).unwrap(), want, "{reason:?}");
    }
}

#[test]
fn every_liquidation_step_and_reading_renders_its_sentence() {
    let table = [
        (
            LiquidationAction::CancelOrders { count: 3 },
            "Cancel all 3 open order(s).",
        ),
        (
            LiquidationAction::CloseHedge {
                symbol: "BTCUSDT".into(),
                size: d("1.5"),
                notional_usd: d("90045"),
            },
            "Close the hedged 1.5 of BTCUSDT on both sides (90,045.00 USD a side) at the mark price.",
        ),
        (
            // amounts to 12 decimal places
            LiquidationAction::Convert {
                from_coin: "BTC".into(),
                amount: d("0.0123456789012345"),
                to_coin: "USDT".into(),
                repaid: d("1234"),
            },
            "Convert 0.012345678901 BTC into 1,234 USDT to repay the USDT debt.",
        ),
        (
            LiquidationAction::ReducePosition {
                symbol: "BTCUSDT".into(),
                side: PositionSide::Long,
                size: d("0.5"),
                tier_after: 1,
            },
            "Reduce the long side of BTCUSDT by 0.5 to the top of position tier 1.",
        ),
    ];
    for (action, want) in table {
        let step = LiquidationStep {
            stage: 1,
            action: action.clone(),
            adjusted_equity: d("1"),
            maintenance_margin: d("1"),
            cross_margin_rate: None,
        };
        assert_eq!(step.description(), want, "{action:?}");
        let written = serde_json::to_value(&step).unwrap();
        assert_eq!(written["description"], want, "{action:?}");
        // the notional is in the sentence only: the play-out's fields are as they were
        assert!(written.get("notional_usd").is_none(), "{written}");
    }
    let readings: BTreeSet<String> = READINGS.iter().map(|r| r.to_string()).collect();
    assert_eq!(readings.len(), READINGS.len());
    assert!(readings
        .iter()
        .any(|r| r == "Stage 1 closes the hedged overlap of each contract, the largest first."));
}
