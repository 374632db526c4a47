//! The problems the page shows, worded for the page from their typed kinds in the page's
//! language: rates as the percentages people type (`150 %`, never the fraction `1.5`),
//! fields by the words the page shows them with ("up to (USD)", "borrowing tiers"), never
//! FORMAT.md's JSON names, figures written the language's way.
//!
//! A problem is shown beside its field, or after the field's name in a list ("BTC discount
//! tier 1 rate: …"), so a sentence about a field does not name the field again. What the
//! engine says of a file (its JSON, a rule of the format) is worded from its kind too
//! ([`reading`]); its English is the engine's sentence.
//!
//! The sentences are the `messages` namespace's (`locales/<lang>/messages.json`); the order
//! check's reasons, the liquidation play-out and the upgrade checker are worded beside them
//! ([`check`], [`stages`], [`upgrade`]).

pub mod check;
pub mod reading;
pub mod refused;
pub mod say;
pub mod stages;
pub mod upgrade;

use crate::draft::FieldProblem;
use crate::i18n::{td_string, Locale};
use say::{field, fill, grouped, percent};
use unimargin::error::MarketTable;
use unimargin::scenario::{Market, PositionSide};
use unimargin::{Decimal, ErrorKind};

/// A problem with a field of the draft, in the page's words.
pub fn field_problem(problem: &FieldProblem, locale: Locale) -> String {
    match problem {
        FieldProblem::Engine(kind) => engine_problem(kind, locale),
        FieldProblem::Entry(error) => reading::entry_problem(error, locale),
        FieldProblem::WhatIf { coin, error } => fill(
            td_string!(locale, messages.problem.what_if),
            &[
                ("coin", coin),
                ("problem", &engine_problem(error.kind(), locale)),
            ],
        ),
        FieldProblem::PriceTooLarge { coin } => fill(
            td_string!(locale, messages.problem.price_too_large),
            &[("coin", coin)],
        ),
    }
}

/// One of the engine's problems, in the page's words.
pub fn engine_problem(kind: &ErrorKind, locale: Locale) -> String {
    let t = |template: &str, args: &[(&str, &str)]| fill(template, args);
    match kind {
        ErrorKind::NotAFraction { field, got } if is_rate(field) => t(
            td_string!(locale, messages.problem.between),
            &[
                ("low", &percent(Decimal::ZERO, locale)),
                ("high", &percent(Decimal::ONE, locale)),
                ("got", &percent(*got, locale)),
            ],
        ),
        ErrorKind::NotAFraction { got, .. } => t(
            td_string!(locale, messages.problem.between),
            &[
                ("low", &grouped(Decimal::ZERO, locale)),
                ("high", &grouped(Decimal::ONE, locale)),
                ("got", &grouped(*got, locale)),
            ],
        ),
        ErrorKind::NotPositive { field, got } => t(
            td_string!(locale, messages.problem.not_positive),
            &[
                ("zero", &value(field, Decimal::ZERO, locale)),
                ("got", &value(field, *got, locale)),
            ],
        ),
        ErrorKind::Negative { field, got } => t(
            td_string!(locale, messages.problem.negative),
            &[("got", &value(field, *got, locale))],
        ),
        ErrorKind::WarningAboveLiquidation {
            warning,
            liquidation,
        } => t(
            td_string!(locale, messages.problem.warning_above_liquidation),
            &[
                ("warning", &percent(*warning, locale)),
                ("liquidation", &percent(*liquidation, locale)),
            ],
        ),
        ErrorKind::NotAName { got, .. } => t(
            td_string!(locale, messages.problem.not_a_name),
            &[("got", got)],
        ),
        ErrorKind::Duplicate { name, first_path } => match row_number(first_path) {
            Some(row) => t(
                td_string!(locale, messages.problem.duplicate_in_row),
                &[("name", name), ("row", &row.to_string())],
            ),
            None => t(
                td_string!(locale, messages.problem.duplicate),
                &[("name", name)],
            ),
        },
        ErrorKind::UnknownCoin { name } => t(
            td_string!(locale, messages.problem.unknown_coin),
            &[("name", name)],
        ),
        ErrorKind::UnknownContract { name } => t(
            td_string!(locale, messages.problem.unknown_contract),
            &[("name", name)],
        ),
        ErrorKind::MissingPrice { coin } => t(
            td_string!(locale, messages.problem.missing_price),
            &[("coin", coin)],
        ),
        ErrorKind::StablecoinPrice { coin, got } => t(
            td_string!(locale, messages.problem.stablecoin_price),
            &[("coin", coin), ("got", &grouped(*got, locale))],
        ),
        ErrorKind::StablecoinQuote { coin, got } => t(
            td_string!(locale, messages.problem.stablecoin_quote),
            &[("coin", coin), ("got", got)],
        ),
        ErrorKind::TiersNotAscending {
            field: name,
            bound,
            previous,
        } => t(
            td_string!(locale, messages.problem.tiers_not_ascending),
            &[
                ("field", &field(name, locale)),
                ("bound", &grouped(*bound, locale)),
                ("previous", &grouped(*previous, locale)),
            ],
        ),
        ErrorKind::LastTierBounded { field: name } => t(
            td_string!(locale, messages.problem.last_tier_bounded),
            &[("field", &field(name, locale))],
        ),
        ErrorKind::UnboundedTierNotLast {
            field: name,
            number,
            count,
        } => t(
            td_string!(locale, messages.problem.unbounded_tier_not_last),
            &[
                ("field", &field(name, locale)),
                ("number", &number.to_string()),
                ("count", &count.to_string()),
            ],
        ),
        ErrorKind::NoPositionTiers => td_string!(locale, messages.problem.no_position_tiers).into(),
        ErrorKind::NotBorrowable { coin, owed, cause } => t(
            match cause {
                unimargin::error::DebtCause::Balance => {
                    td_string!(locale, messages.problem.not_borrowable_balance)
                }
                unimargin::error::DebtCause::PendingOrder => {
                    td_string!(locale, messages.problem.not_borrowable_order)
                }
            },
            &[("coin", coin), ("owed", &grouped(owed.normalize(), locale))],
        ),
        ErrorKind::NotForMarket {
            field: name,
            market,
        } => t(
            match market.0 {
                Market::Spot => td_string!(locale, messages.problem.spot_has_no),
                Market::Futures => td_string!(locale, messages.problem.futures_has_no),
            },
            &[("field", &field(name, locale))],
        ),
        ErrorKind::MissingForMarket {
            field: name,
            market,
        } => t(
            match market.0 {
                Market::Spot => td_string!(locale, messages.problem.spot_needs),
                Market::Futures => td_string!(locale, messages.problem.futures_needs),
            },
            &[("field", &field(name, locale))],
        ),
        ErrorKind::SizeStepOutsideCheck => {
            td_string!(locale, messages.problem.size_step_outside_check).into()
        }
        ErrorKind::MixedTierUnits => td_string!(locale, messages.problem.mixed_tier_units).into(),
        ErrorKind::NotADate { got, .. } => t(
            td_string!(locale, messages.problem.not_a_date),
            &[("got", &cut(got))],
        ),
        ErrorKind::WrongMarket { named, given } => match given {
            None => t(
                td_string!(locale, messages.problem.market_not_loaded),
                &[("name", &named.name), ("as_of", &named.as_of)],
            ),
            Some(given) => t(
                td_string!(locale, messages.problem.market_elsewhere),
                &[
                    ("name", &named.name),
                    ("as_of", &named.as_of),
                    ("given_name", &given.name),
                    ("given_as_of", &given.as_of),
                ],
            ),
        },
        ErrorKind::NotInMarket {
            name,
            table,
            market,
            listed,
            ..
        } => not_in_market(name, *table, market, *listed, locale),
        ErrorKind::LeverageAboveMax {
            symbol,
            got,
            max,
            market,
        } => t(
            td_string!(locale, messages.problem.leverage_above_max),
            &[
                ("max", &grouped(max.normalize(), locale)),
                ("market", market),
                ("symbol", symbol),
                ("got", &grouped(got.normalize(), locale)),
            ],
        ),
        ErrorKind::HedgeInOneWayMode {
            symbol,
            side,
            first_path,
        } => {
            // the side already held is the other one
            let template = match (side, row_number(first_path).is_some()) {
                (PositionSide::Short, true) => td_string!(locale, messages.problem.hedge_long_row),
                (PositionSide::Long, true) => td_string!(locale, messages.problem.hedge_short_row),
                (PositionSide::Short, false) => td_string!(locale, messages.problem.hedge_long),
                (PositionSide::Long, false) => td_string!(locale, messages.problem.hedge_short),
            };
            let row = row_number(first_path).map_or(String::new(), |row| row.to_string());
            t(template, &[("symbol", symbol), ("row", &row)])
        }
        other => reading::engine_kind(other, locale),
    }
}

/// The account after the checked order's fill that cannot be worked out, and why.
pub fn after_fill_problem(kind: &ErrorKind, locale: Locale) -> String {
    fill(
        td_string!(locale, messages.problem.after_fill),
        &[("problem", &engine_problem(kind, locale))],
    )
}

/// A table neither the account nor its market gives, said where it is asked for: tiers in
/// the row's exchange tables, a base or settle coin in its own field (beside which it shows).
fn not_in_market(
    name: &str,
    table: MarketTable,
    market: &str,
    listed: bool,
    locale: Locale,
) -> String {
    let words = field(table.field(), locale);
    let tiers = matches!(
        table,
        MarketTable::DiscountTiers | MarketTable::PositionTiers
    );
    let template = match (listed, tiers) {
        (true, true) => td_string!(locale, messages.problem.market_lacks_tiers),
        (false, true) => td_string!(locale, messages.problem.market_lacks_name_tiers),
        (true, false) => td_string!(locale, messages.problem.market_lacks_field),
        (false, false) => td_string!(locale, messages.problem.market_lacks_name_field),
    };
    fill(
        template,
        &[("name", name), ("market", market), ("words", &words)],
    )
}

/// `text` cut to 40 characters, an ellipsis marking the cut (a pasted page kept short).
pub(crate) fn cut(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or(text)),
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

/// A value of `field` as the page shows it: a rate as a percentage, a number grouped.
fn value(field: &str, number: Decimal, locale: Locale) -> String {
    if is_rate(field) {
        percent(number, locale)
    } else {
        grouped(number, locale)
    }
}

/// The row a path like `coins[2]` names, counted from 1 as the page shows rows.
fn row_number(path: &str) -> Option<usize> {
    let (_, rest) = path.split_once('[')?;
    let index: usize = rest.split_once(']')?.0.parse().ok()?;
    Some(crate::labels::ordinal(index))
}

#[cfg(test)]
mod tests;
