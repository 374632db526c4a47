//! The problems the page shows, worded for the page from their typed kinds: rates as the
//! percentages people type (`150 %`, never the fraction `1.5`), fields by the words the page
//! shows them with ("up to (USD)", "borrowing tiers"), never FORMAT.md's JSON names.
//!
//! A problem is shown beside its field, or after the field's name in a list ("BTC discount
//! tier 1 rate: …"), so a sentence about a field does not name the field again. A kind the
//! page has nothing to add to (an overflow, a file's JSON) keeps the engine's sentence.

use crate::checked::Checked;
use crate::draft::FieldProblem;
use crate::labels::field_words;
use unimargin::error::MarketTable;
use unimargin::scenario::PositionSide;
use unimargin::text::group_thousands;
use unimargin::{Decimal, ErrorKind};

/// A problem with a field of the draft, in the page's words.
pub fn field_problem(problem: &FieldProblem) -> String {
    match problem {
        FieldProblem::Engine(kind) => engine_problem(kind),
        FieldProblem::Entry(error) => error.to_string(),
        FieldProblem::WhatIf { coin, error } => {
            format!(
                "the what-if price of {coin}: {}",
                engine_problem(error.kind())
            )
        }
        FieldProblem::PriceTooLarge { .. } => problem.to_string(),
    }
}

/// One of the engine's problems, in the page's words.
pub fn engine_problem(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::NotAFraction { field, got } if is_rate(field) => {
            format!("must be between 0 % and 100 %, got {}", percent(*got))
        }
        ErrorKind::NotAFraction { got, .. } => {
            format!("must be between 0 and 1, got {}", group_thousands(*got))
        }
        ErrorKind::NotPositive { field, got } => {
            format!("must be greater than {}, got {}", value(field, Decimal::ZERO), value(field, *got))
        }
        ErrorKind::Negative { field, got } => {
            format!("must not be negative, got {}", value(field, *got))
        }
        ErrorKind::WarningAboveLiquidation {
            warning,
            liquidation,
        } => format!(
            "the warning rate ({}) must not be above the liquidation rate ({})",
            percent(*warning),
            percent(*liquidation)
        ),
        ErrorKind::NotAName { got, .. } => {
            format!("must be a name without spaces around it, got \"{got}\"")
        }
        ErrorKind::Duplicate { name, first_path } => match row_number(first_path) {
            Some(row) => format!("{name} is already defined above, in row {row}"),
            None => format!("{name} is already defined above"),
        },
        ErrorKind::UnknownCoin { name } => {
            format!("{name} is not one of the coins; add it under “Your coins”")
        }
        ErrorKind::UnknownContract { name } => {
            format!("{name} is not one of the contracts; add it under “Contracts”")
        }
        ErrorKind::MissingPrice { coin } => {
            format!("enter the price of {coin}, in the coin it is quoted in")
        }
        ErrorKind::StablecoinPrice { coin, got } => format!(
            "the price of {coin} in {coin} is 1 (its USD price is the {coin}/USD index price, in the settings), got {}",
            group_thousands(*got)
        ),
        ErrorKind::StablecoinQuote { coin, got } => format!(
            "{coin} is priced by the {coin}/USD index price (in the settings), so it is quoted in {coin}, not {got}"
        ),
        ErrorKind::TiersNotAscending {
            field,
            bound,
            previous,
        } => format!(
            "each tier's “{}” must be above the previous tier's: {} is not above {}",
            field_words(field),
            group_thousands(*bound),
            group_thousands(*previous)
        ),
        ErrorKind::LastTierBounded { field } => format!(
            "the last tier has no upper bound: leave its “{}” empty (or add a tier after it)",
            field_words(field)
        ),
        ErrorKind::UnboundedTierNotLast {
            field,
            number,
            count,
        } => format!(
            "only the last tier may be left without “{}”: tier {number} of {count} needs one",
            field_words(field)
        ),
        ErrorKind::NoPositionTiers => {
            "a contract needs at least one position tier, in its exchange tables".into()
        }
        ErrorKind::NotBorrowable { coin, owed, cause } => format!(
            "{cause} a debt of {} {coin}, but {coin} cannot be borrowed: give it borrowing tiers (in its exchange tables)",
            group_thousands(owed.normalize())
        ),
        ErrorKind::NotForMarket { field, market } => {
            format!("a {market} order has no {}", field_words(field))
        }
        ErrorKind::MissingForMarket { field, market } => {
            format!("a {market} order needs its {}", field_words(field))
        }
        ErrorKind::SizeStepOutsideCheck => "only the checked order has a size step".into(),
        ErrorKind::MixedTierUnits => {
            "a coin's discount tiers are bounded all in USD or all in coin units, never both (nor both on one tier)".into()
        }
        ErrorKind::NotADate { got, .. } => format!(
            "must be a date written year-month-day, such as 2025-09-26, got \"{}\"",
            cut(got)
        ),
        ErrorKind::WrongMarket { named, given } => match given {
            None => format!(
                "this account takes its exchange tables from the market '{}' of {}, which is not loaded: load it to see the figures",
                named.name, named.as_of
            ),
            Some(given) => format!(
                "this account takes its exchange tables from the market '{}' of {}, not from '{}' of {}: load '{}' of {}",
                named.name, named.as_of, given.name, given.as_of, named.name, named.as_of
            ),
        },
        ErrorKind::NotInMarket {
            name,
            table,
            market,
            listed,
            ..
        } => not_in_market(name, *table, market, *listed),
        ErrorKind::LeverageAboveMax {
            symbol,
            got,
            max,
            market,
        } => format!(
            "must be at most {}× (the most the market '{market}' allows for {symbol}), got {}×",
            group_thousands(max.normalize()),
            group_thousands(got.normalize())
        ),
        ErrorKind::HedgeInOneWayMode {
            symbol,
            side,
            first_path,
        } => {
            let other = match side {
                PositionSide::Long => "short",
                PositionSide::Short => "long",
            };
            let row = row_number(first_path).map_or(String::new(), |row| format!(", in row {row}"));
            format!(
                "{symbol} already has a {other} position{row}: in one-way position mode a contract holds one net position, so net the two into one row"
            )
        }
        other => other.to_string(),
    }
}

/// A table neither the account nor its market gives, said where it is asked for: tiers in
/// the row's exchange tables, a base or settle coin in its own field (beside which it shows).
fn not_in_market(name: &str, table: MarketTable, market: &str, listed: bool) -> String {
    let words = field_words(table.field());
    let tiers = matches!(
        table,
        MarketTable::DiscountTiers | MarketTable::PositionTiers
    );
    match (listed, tiers) {
        (true, true) => {
            format!(
                "{name} has no {words} in the market '{market}': give them in its exchange tables"
            )
        }
        (false, true) => format!(
            "{name} is not in the market '{market}': give its {words} in its exchange tables"
        ),
        (true, false) => format!("{name} has no {words} in the market '{market}': enter it here"),
        (false, false) => format!("{name} is not in the market '{market}': enter its {words} here"),
    }
}

/// `text` cut to 40 characters, an ellipsis marking the cut (a pasted page kept short).
fn cut(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Whether a FORMAT.md field is a rate, typed and shown on the page as a percentage.
pub fn is_rate(field: &str) -> bool {
    matches!(
        field,
        "rate"
            | "mmr"
            | "hourly_interest"
            | "taker_fee"
            | "liquidation_fee"
            | "spot_taker_fee"
            | "warning_rate"
            | "liquidation_rate"
    )
}

/// A fraction as the percentage typed for it, exactly: `1.5` → `150 %`. A fraction too large
/// to multiply by 100 is written as it is, said to be a fraction (never a wrong percentage).
fn percent(fraction: Decimal) -> String {
    match fraction.times(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{} %", group_thousands(p.normalize())),
        None => format!("{} (as a fraction)", group_thousands(fraction)),
    }
}

/// A value of `field` as the page shows it: a rate as a percentage, a number grouped.
fn value(field: &str, number: Decimal) -> String {
    if is_rate(field) {
        percent(number)
    } else {
        group_thousands(number)
    }
}

/// The row a path like `coins[2]` names, counted from 1 as the page shows rows.
fn row_number(path: &str) -> Option<usize> {
    let (_, rest) = path.split_once('[')?;
    let index: usize = rest.split_once(']')?.0.parse().ok()?;
    Some(crate::labels::ordinal(index))
}

#[cfg(test)]
mod tests {
    use super::*;
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
            engine_problem(&ErrorKind::NotAFraction {
                field: "rate",
                got: d("1.5")
            }),
            "must be between 0 % and 100 %, got 150 %"
        );
        // −0.06 % typed as a taker fee is the fraction −0.0006
        assert_eq!(
            engine_problem(&ErrorKind::NotAFraction {
                field: "taker_fee",
                got: d("-0.0006")
            }),
            "must be between 0 % and 100 %, got -0.06 %"
        );
        // warning 90 %, liquidation 85 %: the fractions 0.9 and 0.85
        assert_eq!(
            engine_problem(&ErrorKind::WarningAboveLiquidation {
                warning: d("0.9"),
                liquidation: d("0.85")
            }),
            "the warning rate (90 %) must not be above the liquidation rate (85 %)"
        );
        // a warning rate of 0 % is a rate too, on both sides of the sentence
        assert_eq!(
            engine_problem(&ErrorKind::NotPositive {
                field: "warning_rate",
                got: Decimal::ZERO
            }),
            "must be greater than 0 %, got 0 %"
        );
        // a fraction that has no percentage within exact decimals is shown as it is
        assert_eq!(
            engine_problem(&ErrorKind::NotAFraction {
                field: "mmr",
                got: Decimal::MAX
            }),
            "must be between 0 % and 100 %, got 79,228,162,514,264,337,593,543,950,335 (as a fraction)"
        );
    }

    #[test]
    fn other_numbers_are_grouped_and_not_rates() {
        assert_eq!(
            engine_problem(&ErrorKind::NotPositive {
                field: "entry_price",
                got: d("-62500")
            }),
            "must be greater than 0, got -62,500"
        );
        assert_eq!(
            engine_problem(&ErrorKind::Negative {
                field: "interest_free",
                got: d("-1000.5")
            }),
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
            let got = engine_problem(&kind);
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
            engine_problem(&kind),
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
            }),
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
            }),
            "this account takes its exchange tables from the market 'Bitget UTA, public sources' of 2025-09-26, not from 'Bitget UTA, public sources' of 2025-10-01: load 'Bitget UTA, public sources' of 2025-09-26"
        );
        // the field is not named again (the sentence shows beside it), nor its JSON name
        assert_eq!(
            engine_problem(&ErrorKind::NotADate {
                field: "as_of",
                got: "26/09/2025".into()
            }),
            "must be a date written year-month-day, such as 2025-09-26, got \"26/09/2025\""
        );
        // a long paste is cut to 40 characters
        let long = "2025-09-26".repeat(5);
        let got = engine_problem(&ErrorKind::NotADate {
            field: "as_of",
            got: long.clone(),
        });
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
            assert_eq!(engine_problem(&kind), kind.to_string());
        }
    }

    #[test]
    fn the_pages_own_problems_are_worded_too() {
        assert_eq!(
            field_problem(&FieldProblem::Entry(EntryError::Empty)),
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
            field_problem(&FieldProblem::WhatIf {
                coin: "BTC".into(),
                error
            }),
            "the what-if price of BTC: must be greater than 0, got -1"
        );
        assert_eq!(
            field_problem(&FieldProblem::Engine(ErrorKind::NotAFraction {
                field: "rate",
                got: d("1.5")
            })),
            "must be between 0 % and 100 %, got 150 %"
        );
    }
}
