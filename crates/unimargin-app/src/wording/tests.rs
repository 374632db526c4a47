use super::*;
use crate::i18n::Locale;
use crate::number::EntryError;
use unimargin::error::{DebtCause, Entity, Figure, MarketName};
use unimargin::scenario::{Market, MarketReference};
use unimargin::Error;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn rates_are_worded_as_the_percentages_typed() {
    // 150 % typed is the fraction 1.5: the page says 150 %, as typed
    assert_eq!(
        engine_problem(
            &ErrorKind::NotAFraction {
                field: "rate",
                got: d("1.5")
            },
            Locale::en
        ),
        "must be between 0 % and 100 %, got 150 %"
    );
    // −0.06 % typed as a taker fee is the fraction −0.0006
    assert_eq!(
        engine_problem(
            &ErrorKind::NotAFraction {
                field: "taker_fee",
                got: d("-0.0006")
            },
            Locale::en
        ),
        "must be between 0 % and 100 %, got -0.06 %"
    );
    // warning 90 %, liquidation 85 %: the fractions 0.9 and 0.85
    assert_eq!(
        engine_problem(
            &ErrorKind::WarningAboveLiquidation {
                warning: d("0.9"),
                liquidation: d("0.85")
            },
            Locale::en
        ),
        "the warning rate (90 %) must not be above the liquidation rate (85 %)"
    );
    // a warning rate of 0 % is a rate too, on both sides of the sentence
    assert_eq!(
        engine_problem(
            &ErrorKind::NotPositive {
                field: "warning_rate",
                got: Decimal::ZERO
            },
            Locale::en
        ),
        "must be greater than 0 %, got 0 %"
    );
    // a fraction that has no percentage within exact decimals is shown as it is
    assert_eq!(
        engine_problem(
            &ErrorKind::NotAFraction {
                field: "mmr",
                got: Decimal::MAX
            },
            Locale::en
        ),
        "must be between 0 % and 100 %, got 79,228,162,514,264,337,593,543,950,335 (as a fraction)"
    );
}

#[test]
fn other_numbers_are_grouped_and_not_rates() {
    assert_eq!(
        engine_problem(
            &ErrorKind::NotPositive {
                field: "entry_price",
                got: d("-62500")
            },
            Locale::en
        ),
        "must be greater than 0, got -62,500"
    );
    assert_eq!(
        engine_problem(
            &ErrorKind::Negative {
                field: "interest_free",
                got: d("-1000.5")
            },
            Locale::en
        ),
        "must not be negative, got -1,000.5"
    );
}

#[test]
fn fields_are_named_by_the_page_words_never_their_json_names() {
    let table = [
        (
            ErrorKind::NotBorrowable {
                coin: "DOT".into(),
                owed: d("5.00"),
                cause: DebtCause::Balance,
            },
            "balance plus unrealized PnL leaves a debt of 5 DOT, but DOT cannot be borrowed: give it borrowing tiers (in its exchange tables)",
        ),
        (
            ErrorKind::TiersNotAscending {
                field: "up_to_usd",
                bound: d("100000"),
                previous: d("200000"),
            },
            "each tier's “up to (USD)” must be above the previous tier's: 100,000 is not above 200,000",
        ),
        (
            ErrorKind::LastTierBounded { field: "up_to" },
            "the last tier has no upper bound: leave its “debt up to” empty (or add a tier after it)",
        ),
        (
            ErrorKind::UnboundedTierNotLast {
                field: "up_to_usd",
                number: 1,
                count: 3,
            },
            "only the last tier may be left without “up to (USD)”: tier 1 of 3 needs one",
        ),
        (
            ErrorKind::StablecoinPrice {
                coin: "USDT".into(),
                got: d("1.01"),
            },
            "the price of USDT in USDT is 1 (its USD price is the USDT/USD index price, in the settings), got 1.01",
        ),
        (
            ErrorKind::MissingForMarket {
                field: "base",
                market: MarketName(Market::Spot),
            },
            "a spot order needs its base coin",
        ),
        (
            ErrorKind::Duplicate {
                name: "BTC".into(),
                first_path: "coins[0]".into(),
            },
            "BTC is already defined above, in row 1",
        ),
        (
            ErrorKind::UnknownCoin { name: "SOL".into() },
            "SOL is not one of the coins; add it under “Your coins”",
        ),
        (
            ErrorKind::SizeStepOutsideCheck,
            "only the checked order has a size step",
        ),
        (
            ErrorKind::MixedTierUnits,
            "a coin's discount tiers are bounded all in USD or all in coin units, never both (nor both on one tier)",
        ),
        // the default market lists ETH without discount tiers (no public table)
        (
            ErrorKind::NotInMarket {
                entity: Entity::Coin,
                name: "ETH".into(),
                table: MarketTable::DiscountTiers,
                market: "X".into(),
                listed: true,
            },
            "ETH has no discount tiers in the market 'X': give them in its exchange tables",
        ),
        (
            ErrorKind::NotInMarket {
                entity: Entity::Coin,
                name: "DOGE".into(),
                table: MarketTable::DiscountTiers,
                market: "X".into(),
                listed: false,
            },
            "DOGE is not in the market 'X': give its discount tiers in its exchange tables",
        ),
        (
            ErrorKind::NotInMarket {
                entity: Entity::Contract,
                name: "DOGEUSDT".into(),
                table: MarketTable::PositionTiers,
                market: "X".into(),
                listed: false,
            },
            "DOGEUSDT is not in the market 'X': give its position tiers in its exchange tables",
        ),
        // base and settle are fields of the contract's row, where the problem shows
        (
            ErrorKind::NotInMarket {
                entity: Entity::Contract,
                name: "DOGEUSDT".into(),
                table: MarketTable::Settle,
                market: "X".into(),
                listed: false,
            },
            "DOGEUSDT is not in the market 'X': enter its settle coin here",
        ),
        (
            ErrorKind::NotInMarket {
                entity: Entity::Contract,
                name: "BTCUSDT".into(),
                table: MarketTable::Base,
                market: "X".into(),
                listed: true,
            },
            "BTCUSDT has no base coin in the market 'X': enter it here",
        ),
        // leverage is typed as the multiple shown beside it (150×), 1500 grouped
        (
            ErrorKind::LeverageAboveMax {
                symbol: "BTCUSDT".into(),
                got: d("1500.0"),
                max: d("150"),
                market: "X".into(),
            },
            "must be at most 150× (the most the market 'X' allows for BTCUSDT), got 1,500×",
        ),
    ];
    for (kind, want) in table {
        let got = engine_problem(&kind, Locale::en);
        assert_eq!(got, want, "{kind:?}");
        for json in [
            "loan_tiers",
            "discount_tiers",
            "mm_tiers",
            "up_to",
            "usdt_usd",
            "size_step",
            "`",
        ] {
            assert!(!got.contains(json), "{json} in {got}");
        }
    }
}

#[test]
fn a_hedge_in_one_way_mode_names_the_row_not_the_json() {
    // the engine's sentence names positions[0] and settings.position_mode; the page's the
    // row (counted from 1) and no JSON name
    let kind = ErrorKind::HedgeInOneWayMode {
        symbol: "BTCUSDT".into(),
        side: PositionSide::Short,
        first_path: "positions[0]".into(),
    };
    assert_eq!(
        engine_problem(&kind, Locale::en),
        "BTCUSDT already has a long position, in row 1: in one-way position mode a contract holds one net position, so net the two into one row"
    );
    assert!(kind.to_string().contains("settings.position_mode"));
}

#[test]
fn the_market_of_the_account_and_its_dates_are_worded_for_the_page() {
    let named = MarketReference {
        name: "Bitget UTA, public sources".into(),
        as_of: "2025-09-26".into(),
    };
    assert_eq!(
        engine_problem(&ErrorKind::WrongMarket {
            named: named.clone(),
            given: None
        }, Locale::en),
        "this account takes its exchange tables from the market 'Bitget UTA, public sources' of 2025-09-26, which is not loaded: load it to see the figures"
    );
    let given = MarketReference {
        name: "Bitget UTA, public sources".into(),
        as_of: "2025-10-01".into(),
    };
    assert_eq!(
        engine_problem(&ErrorKind::WrongMarket {
            named,
            given: Some(given)
        }, Locale::en),
        "this account takes its exchange tables from the market 'Bitget UTA, public sources' of 2025-09-26, not from 'Bitget UTA, public sources' of 2025-10-01: load 'Bitget UTA, public sources' of 2025-09-26"
    );
    // the field is not named again (the sentence shows beside it), nor its JSON name
    assert_eq!(
        engine_problem(
            &ErrorKind::NotADate {
                field: "as_of",
                got: "26/09/2025".into()
            },
            Locale::en
        ),
        "must be a date written year-month-day, such as 2025-09-26, got \"26/09/2025\""
    );
    // a long paste is cut to 40 characters
    let long = "2025-09-26".repeat(5);
    let got = engine_problem(
        &ErrorKind::NotADate {
            field: "as_of",
            got: long.clone(),
        },
        Locale::en,
    );
    assert!(got.ends_with(&format!("got \"{}…\"", &long[..40])), "{got}");
}

#[test]
fn kinds_the_page_has_nothing_to_add_to_keep_the_engine_sentence() {
    // an overflow, and what only the CLI and the JS package meet
    let kinds = [
        ErrorKind::TooLarge {
            what: Figure::AccountAfterFill,
        },
        ErrorKind::CannotWrite {
            reason: "No space left on device".into(),
        },
        ErrorKind::NoTiers,
        ErrorKind::NotInAnswer { name: "BTC".into() },
        ErrorKind::AccountFreed {
            method: "summary".into(),
        },
    ];
    for kind in kinds {
        assert_eq!(engine_problem(&kind, Locale::en), kind.to_string());
    }
}

#[test]
fn the_pages_own_problems_are_worded_too() {
    assert_eq!(
        field_problem(&FieldProblem::Entry(EntryError::Empty), Locale::en),
        "enter a number"
    );
    // the what-if price's own problem, worded as the page words the engine's
    let error = Error::new(
        "coins[0].price",
        ErrorKind::NotPositive {
            field: "price",
            got: d("-1"),
        },
    );
    assert_eq!(
        field_problem(
            &FieldProblem::WhatIf {
                coin: "BTC".into(),
                error
            },
            Locale::en
        ),
        "the what-if price of BTC: must be greater than 0, got -1"
    );
    assert_eq!(
        field_problem(
            &FieldProblem::Engine(ErrorKind::NotAFraction {
                field: "rate",
                got: d("1.5")
            }),
            Locale::en
        ),
        "must be between 0 % and 100 %, got 150 %"
    );
}

// ---- every language ----

const LANGUAGES: [Locale; 4] = [Locale::en, Locale::zh, Locale::es, Locale::fr];

/// A kind of every variant the page can show, with figures to localize.
fn every_kind() -> Vec<ErrorKind> {
    use unimargin::num::NumberError;
    use unimargin::read::{Expected, Found, JsonProblem, Section};
    let market = MarketReference {
        name: "X".into(),
        as_of: "2025-09-26".into(),
    };
    let mut kinds = vec![
        ErrorKind::NotAFraction {
            field: "rate",
            got: d("1.5"),
        },
        ErrorKind::NotAFraction {
            field: "other",
            got: d("1234.5"),
        },
        ErrorKind::NotPositive {
            field: "entry_price",
            got: d("-62500"),
        },
        ErrorKind::Negative {
            field: "interest_free",
            got: d("-1000.5"),
        },
        ErrorKind::WarningAboveLiquidation {
            warning: d("0.9"),
            liquidation: d("0.85"),
        },
        ErrorKind::NotAName {
            field: "coin",
            got: " BTC".into(),
        },
        ErrorKind::Duplicate {
            name: "BTC".into(),
            first_path: "coins[0]".into(),
        },
        ErrorKind::Duplicate {
            name: "BTC".into(),
            first_path: "".into(),
        },
        ErrorKind::UnknownCoin { name: "SOL".into() },
        ErrorKind::UnknownContract {
            name: "SOLUSDT".into(),
        },
        ErrorKind::MissingPrice { coin: "ETH".into() },
        ErrorKind::StablecoinPrice {
            coin: "USDT".into(),
            got: d("1.01"),
        },
        ErrorKind::StablecoinQuote {
            coin: "USDT".into(),
            got: "BTC".into(),
        },
        ErrorKind::TiersNotAscending {
            field: "up_to_usd",
            bound: d("100000"),
            previous: d("200000"),
        },
        ErrorKind::LastTierBounded { field: "up_to" },
        ErrorKind::UnboundedTierNotLast {
            field: "up_to_usd",
            number: 1,
            count: 3,
        },
        ErrorKind::NoPositionTiers,
        ErrorKind::NotBorrowable {
            coin: "DOT".into(),
            owed: d("5000.5"),
            cause: DebtCause::Balance,
        },
        ErrorKind::NotBorrowable {
            coin: "DOT".into(),
            owed: d("5"),
            cause: DebtCause::PendingOrder,
        },
        ErrorKind::NotForMarket {
            field: "symbol",
            market: MarketName(Market::Spot),
        },
        ErrorKind::NotForMarket {
            field: "base",
            market: MarketName(Market::Futures),
        },
        ErrorKind::MissingForMarket {
            field: "base",
            market: MarketName(Market::Spot),
        },
        ErrorKind::MissingForMarket {
            field: "symbol",
            market: MarketName(Market::Futures),
        },
        ErrorKind::SizeStepOutsideCheck,
        ErrorKind::MixedTierUnits,
        ErrorKind::NotADate {
            field: "as_of",
            got: "26/09/2025".into(),
        },
        ErrorKind::WrongMarket {
            named: market.clone(),
            given: None,
        },
        ErrorKind::WrongMarket {
            named: market.clone(),
            given: Some(market),
        },
        ErrorKind::LeverageAboveMax {
            symbol: "BTCUSDT".into(),
            got: d("1500"),
            max: d("150"),
            market: "X".into(),
        },
        ErrorKind::HedgeInOneWayMode {
            symbol: "BTCUSDT".into(),
            side: PositionSide::Short,
            first_path: "positions[0]".into(),
        },
        ErrorKind::HedgeInOneWayMode {
            symbol: "BTCUSDT".into(),
            side: PositionSide::Long,
            first_path: "positions[0]".into(),
        },
        ErrorKind::HedgeInOneWayMode {
            symbol: "BTCUSDT".into(),
            side: PositionSide::Short,
            first_path: "".into(),
        },
        ErrorKind::HedgeInOneWayMode {
            symbol: "BTCUSDT".into(),
            side: PositionSide::Long,
            first_path: "".into(),
        },
        ErrorKind::InvalidJson {
            problem: JsonProblem::TrailingComma,
            line: 0,
            column: 0,
        },
        ErrorKind::MissingField {
            field: "coins".into(),
        },
        ErrorKind::UnknownField {
            field: "coin".into(),
            expected: vec![],
        },
        ErrorKind::UnknownField {
            field: "coin".into(),
            expected: vec!["a".into()],
        },
        ErrorKind::UnknownField {
            field: "coin".into(),
            expected: vec!["a".into(), "b".into()],
        },
        ErrorKind::UnknownField {
            field: "coin".into(),
            expected: vec!["a".into(), "b".into(), "c".into()],
        },
        ErrorKind::DuplicateField {
            field: "coin".into(),
        },
        ErrorKind::UnknownVariant {
            got: "up".into(),
            expected: vec!["long".into(), "short".into()],
        },
        ErrorKind::UnknownVariant {
            got: "up".into(),
            expected: vec![],
        },
        ErrorKind::WrongFormat {
            expected: "unimargin/1",
            got: "other".into(),
        },
        ErrorKind::TooManyTiers {
            max: 200,
            got: 1234,
        },
        ErrorKind::AboveMaximum {
            field: "warning_rate",
            max: d("10"),
            got: d("12345.5"),
        },
        ErrorKind::NoBase,
        ErrorKind::SameCoinTwice { coin: "BTC".into() },
        ErrorKind::UnknownQuote { got: "EUR".into() },
        ErrorKind::NoBtcToQuoteIn { coin: "ETH".into() },
        ErrorKind::BtcQuotedInBtc,
        ErrorKind::NoSuchEntry,
        ErrorKind::NotInMarket {
            entity: Entity::Coin,
            name: "ETH".into(),
            table: MarketTable::DiscountTiers,
            market: "X".into(),
            listed: true,
        },
        ErrorKind::NotInMarket {
            entity: Entity::Contract,
            name: "DOGEUSDT".into(),
            table: MarketTable::Settle,
            market: "X".into(),
            listed: false,
        },
    ];
    kinds.extend(
        JsonProblem::ALL
            .into_iter()
            .map(|problem| ErrorKind::InvalidJson {
                problem,
                line: 3,
                column: 14,
            }),
    );
    kinds.extend(
        [
            Expected::Decimal,
            Expected::Text,
            Expected::List,
            Expected::Map,
            Expected::Name,
        ]
        .into_iter()
        .chain(Section::ALL.map(Expected::Object))
        .map(|expected| ErrorKind::WrongType {
            expected,
            got: Found::Null,
        }),
    );
    kinds.extend(
        [
            Found::Null,
            Found::Boolean(true),
            Found::Integer("3".into()),
            Found::Float("1.5".into()),
            Found::Text("x".into()),
            Found::List,
            Found::Object,
        ]
        .into_iter()
        .map(|got| ErrorKind::WrongType {
            expected: Expected::Decimal,
            got,
        }),
    );
    let text = || "1e99".to_string();
    kinds.extend([
        ErrorKind::Number(NumberError::NotADecimal { text: text() }),
        ErrorKind::Number(NumberError::TooLarge { text: text() }),
        ErrorKind::Number(NumberError::TooManyDecimalPlaces { text: text() }),
        ErrorKind::Number(NumberError::TooManyDigits { text: text() }),
        ErrorKind::Number(NumberError::NotFinite { text: text() }),
    ]);
    kinds.extend(Figure::ALL.map(|what| ErrorKind::TooLarge { what }));
    kinds
}

#[test]
fn every_kind_is_worded_in_every_language() {
    for kind in every_kind() {
        let english = engine_problem(&kind, Locale::en);
        for locale in LANGUAGES {
            let got = engine_problem(&kind, locale);
            assert!(
                !got.contains("{") || english.contains("{"),
                "{locale:?} {kind:?}: {got}"
            );
            assert!(!got.trim().is_empty(), "{locale:?} {kind:?}");
            if locale != Locale::en {
                assert_ne!(got, english, "{locale:?} {kind:?}");
            }
        }
    }
}

#[test]
fn a_files_problems_keep_the_engines_english() {
    // what the page had nothing to add to: its English is the engine's sentence, as before
    let worded_by_the_page = |kind: &ErrorKind| {
        matches!(
            kind,
            ErrorKind::NotAFraction { .. }
                | ErrorKind::NotPositive { .. }
                | ErrorKind::Negative { .. }
                | ErrorKind::WarningAboveLiquidation { .. }
                | ErrorKind::NotAName { .. }
                | ErrorKind::Duplicate { .. }
                | ErrorKind::UnknownCoin { .. }
                | ErrorKind::UnknownContract { .. }
                | ErrorKind::MissingPrice { .. }
                | ErrorKind::StablecoinPrice { .. }
                | ErrorKind::StablecoinQuote { .. }
                | ErrorKind::TiersNotAscending { .. }
                | ErrorKind::LastTierBounded { .. }
                | ErrorKind::UnboundedTierNotLast { .. }
                | ErrorKind::NoPositionTiers
                | ErrorKind::NotBorrowable { .. }
                | ErrorKind::NotForMarket { .. }
                | ErrorKind::MissingForMarket { .. }
                | ErrorKind::SizeStepOutsideCheck
                | ErrorKind::MixedTierUnits
                | ErrorKind::NotADate { .. }
                | ErrorKind::WrongMarket { .. }
                | ErrorKind::NotInMarket { .. }
                | ErrorKind::LeverageAboveMax { .. }
                | ErrorKind::HedgeInOneWayMode { .. }
        )
    };
    let mut compared = 0;
    for kind in every_kind().into_iter().filter(|k| !worded_by_the_page(k)) {
        assert_eq!(
            engine_problem(&kind, Locale::en),
            kind.to_string(),
            "{kind:?}"
        );
        compared += 1;
    }
    // 22 JSON problems, 20 + 7 types, 5 numbers, 44 figures and the 18 others above
    assert_eq!(compared, 22 + 20 + 7 + 5 + 44 + 18);
}

#[test]
fn figures_are_written_the_languages_way() {
    // -62,500 typed as an entry price: grouped by ',' (en, zh), '.' (es), U+202F (fr)
    let kind = ErrorKind::NotPositive {
        field: "entry_price",
        got: d("-62500"),
    };
    let table = [
        (Locale::en, "must be greater than 0, got -62,500"),
        (Locale::zh, "须大于0，当前为-62,500"),
        (Locale::es, "debe ser mayor que 0; se indicó -62.500"),
        (
            Locale::fr,
            "doit être supérieur à 0\u{202f}; valeur saisie\u{a0}: -62\u{202f}500",
        ),
    ];
    for (locale, want) in table {
        assert_eq!(engine_problem(&kind, locale), want, "{locale:?}");
    }
    // 150 % typed as a rate is the fraction 1.5; −0.06 % a fraction of −0.0006
    let kind = ErrorKind::NotAFraction {
        field: "taker_fee",
        got: d("-0.0006"),
    };
    let table = [
        (Locale::en, "must be between 0 % and 100 %, got -0.06 %"),
        (Locale::zh, "须在0%到100%之间，当前为-0.06%"),
        (Locale::es, "debe estar entre 0 % y 100 %; se indicó -0,06 %"),
        (
            Locale::fr,
            "doit être compris entre 0\u{202f}% et 100\u{202f}%\u{202f}; valeur saisie\u{a0}: -0,06\u{202f}%",
        ),
    ];
    for (locale, want) in table {
        assert_eq!(engine_problem(&kind, locale), want, "{locale:?}");
    }
    // a debt of 15,000.5 DOT left by the balance
    let kind = ErrorKind::NotBorrowable {
        coin: "DOT".into(),
        owed: d("15000.50"),
        cause: DebtCause::Balance,
    };
    assert!(engine_problem(&kind, Locale::es).contains("15.000,5 DOT"));
    assert!(engine_problem(&kind, Locale::fr).contains("15\u{202f}000,5 DOT"));
    assert!(engine_problem(&kind, Locale::zh).contains("15,000.5 DOT"));
}

#[test]
fn the_pages_own_problems_in_every_language() {
    let problems = [
        FieldProblem::Entry(EntryError::Empty),
        FieldProblem::Entry(EntryError::PercentTooPrecise { text: "1".into() }),
        FieldProblem::Entry(EntryError::SeparatorInFraction { text: "1".into() }),
        FieldProblem::Entry(EntryError::MixedSeparators { text: "1".into() }),
        FieldProblem::Entry(EntryError::BadGrouping { text: "1".into() }),
        FieldProblem::PriceTooLarge { coin: "BTC".into() },
        FieldProblem::WhatIf {
            coin: "BTC".into(),
            error: Error::new(
                "coins[0].price",
                ErrorKind::NotPositive {
                    field: "price",
                    got: d("-1"),
                },
            ),
        },
    ];
    for problem in problems {
        let english = field_problem(&problem, Locale::en);
        if !matches!(problem, FieldProblem::WhatIf { .. }) {
            assert_eq!(english, problem.to_string(), "{problem:?}");
        }
        for locale in [Locale::zh, Locale::es, Locale::fr] {
            let got = field_problem(&problem, locale);
            assert_ne!(got, english, "{locale:?}");
            assert!(!got.contains('{'), "{got}");
        }
    }
    for problem in [
        crate::whatif_input::ShockProblem::NotAPrice,
        crate::whatif_input::ShockProblem::PriceNotPositive,
        crate::whatif_input::ShockProblem::NotAChange,
        crate::whatif_input::ShockProblem::FallOfAll,
        crate::whatif_input::ShockProblem::TooLarge,
        crate::whatif_input::price_typed("1e999").unwrap_err(),
    ] {
        let english = reading::shock_problem(&problem, Locale::en);
        assert_eq!(english, problem.to_string());
        for locale in [Locale::zh, Locale::es, Locale::fr] {
            assert_ne!(reading::shock_problem(&problem, locale), english);
        }
    }
}

// ---- the translation files ----

/// Every template of a language, by its key (`problem.between`).
fn templates(json: &str) -> Vec<(String, String)> {
    fn walk(value: &serde_json::Value, prefix: &str, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(inner, &path, out);
                }
            }
            serde_json::Value::String(text) => out.push((prefix.to_string(), text.clone())),
            other => panic!("{prefix}: {other}"),
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::from_str(json).unwrap(), "", &mut out);
    out
}

fn slots(template: &str) -> std::collections::BTreeSet<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !name.is_empty())
        .collect()
}

const FILES: [(Locale, &str); 4] = [
    (Locale::en, include_str!("../../locales/en/messages.json")),
    (Locale::zh, include_str!("../../locales/zh/messages.json")),
    (Locale::es, include_str!("../../locales/es/messages.json")),
    (Locale::fr, include_str!("../../locales/fr/messages.json")),
];

#[test]
fn every_template_is_translated_with_the_english_slots_only() {
    let english = templates(FILES[0].1);
    assert!(english.len() > 200, "{}", english.len());
    for (locale, json) in &FILES[1..] {
        let theirs: std::collections::BTreeMap<String, String> =
            templates(json).into_iter().collect();
        assert_eq!(theirs.len(), english.len(), "{locale:?}");
        for (key, template) in &english {
            let translated = &theirs[key];
            // a slot the English does not fill would be left as written
            assert!(
                slots(translated).is_subset(&slots(template)),
                "{locale:?} {key}: {translated}"
            );
            // a singular may say "the order" where English says "the 1 order(s)"
            if !key.ends_with("_singular") {
                assert_eq!(slots(translated), slots(template), "{locale:?} {key}");
            }
            let same_everywhere = [
                "read.found.null",
                "read.list_separator",
                "upgrade.mode.debt_separator",
                "refused.at",
                "upgrade.quoted",
                "field.mmr",
            ];
            if !same_everywhere.contains(&key.as_str()) {
                assert_ne!(translated, template, "{locale:?} {key}");
            }
        }
    }
}

#[test]
fn no_english_is_left_in_the_translations() {
    // no three English words in a row of a template (codes such as USD aside) may be found
    // in a row in its translation; a row ends at punctuation (an arrow, a comma) or a slot
    let runs = |text: &str| -> Vec<String> {
        let mut runs = Vec::new();
        for phrase in text.split(|c: char| !c.is_alphabetic() && c != ' ' && c != '\'') {
            let words: Vec<String> = phrase
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            for run in words.windows(3) {
                let english_like = run.iter().all(|w| {
                    w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
                        && w.chars().any(|c| c.is_ascii_lowercase())
                });
                if english_like {
                    runs.push(run.join(" "));
                }
            }
        }
        runs
    };
    // a slot's name is not a word of the sentence
    let without_slots = |text: &str| -> String {
        text.split('{')
            .enumerate()
            .map(|(i, part)| match (i, part.split_once('}')) {
                (0, _) | (_, None) => part,
                (_, Some((_, rest))) => rest,
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let english = templates(FILES[0].1);
    let mut checked = 0;
    for (locale, json) in &FILES[1..] {
        let theirs: std::collections::BTreeMap<String, String> =
            templates(json).into_iter().collect();
        for (key, template) in &english {
            let translated = runs(&without_slots(&theirs[key]));
            for run in runs(&without_slots(template)) {
                assert!(!translated.contains(&run), "{locale:?} {key}: \"{run}\"");
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn chinese_has_no_space_around_its_punctuation() {
    for (key, template) in templates(FILES[1].1) {
        for mark in ['，', '。', '：', '；', '（', '）', '“', '”', '、'] {
            assert!(
                !template.contains(&format!(" {mark}")) && !template.contains(&format!("{mark} ")),
                "{key}: {template}"
            );
        }
    }
}
