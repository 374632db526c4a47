//! What the engine says of a document it cannot read (its JSON, its types, its numbers, a
//! rule of the format the page's fields cannot break), of a figure beyond exact arithmetic,
//! and the page's own problems with a number or a what-if price typed. In English each is
//! the engine's (or the page's) sentence as it was; in the other languages the same sentence
//! from the same kind. A few kinds only the CLI and the JS package meet keep the engine's
//! English: the page never shows them.

use super::say::{fill, number};
use crate::i18n::{td_string, Locale};
use crate::number::EntryError;
use crate::whatif_input::ShockProblem;
use unimargin::error::Figure;
use unimargin::num::NumberError;
use unimargin::read::{Expected, Found, JsonProblem, Section};
use unimargin::ErrorKind;

/// A kind that [`super::engine_problem`] leaves to this module.
pub fn engine_kind(kind: &ErrorKind, locale: Locale) -> String {
    let t = |template: &str, args: &[(&str, &str)]| fill(template, args);
    match kind {
        ErrorKind::InvalidJson {
            problem,
            line,
            column,
        } => {
            let problem = json_problem(problem, locale);
            if *line == 0 {
                t(
                    td_string!(locale, messages.read.invalid_json),
                    &[("problem", &problem)],
                )
            } else {
                t(
                    td_string!(locale, messages.read.invalid_json_at),
                    &[
                        ("problem", &problem),
                        ("line", &line.to_string()),
                        ("column", &column.to_string()),
                    ],
                )
            }
        }
        ErrorKind::MissingField { field } => t(
            td_string!(locale, messages.read.missing_field),
            &[("field", field)],
        ),
        ErrorKind::UnknownField { field, expected } => t(
            td_string!(locale, messages.read.unknown_field),
            &[
                ("field", field),
                (
                    "expected",
                    &one_of(
                        expected,
                        td_string!(locale, messages.read.none_fields),
                        locale,
                    ),
                ),
            ],
        ),
        ErrorKind::DuplicateField { field } => t(
            td_string!(locale, messages.read.duplicate_field),
            &[("field", field)],
        ),
        ErrorKind::UnknownVariant { got, expected } => t(
            td_string!(locale, messages.read.unknown_variant),
            &[
                ("got", got),
                (
                    "expected",
                    &one_of(
                        expected,
                        td_string!(locale, messages.read.none_variants),
                        locale,
                    ),
                ),
            ],
        ),
        ErrorKind::WrongType { expected, got } => t(
            td_string!(locale, messages.read.wrong_type),
            &[
                ("got", &found(got, locale)),
                ("expected", &expected_words(expected, locale)),
            ],
        ),
        ErrorKind::Number(error) => number_error(error, locale),
        ErrorKind::WrongFormat { expected, got } => t(
            td_string!(locale, messages.problem.wrong_format),
            &[("expected", expected), ("got", got)],
        ),
        ErrorKind::TooManyTiers { max, got } => t(
            td_string!(locale, messages.problem.too_many_tiers),
            &[
                ("max", &number(&max.to_string(), locale)),
                ("got", &number(&got.to_string(), locale)),
            ],
        ),
        ErrorKind::AboveMaximum { field, max, got } => t(
            td_string!(locale, messages.problem.above_maximum),
            &[
                ("field", field),
                ("max", &number(&max.to_string(), locale)),
                ("got", &number(&got.to_string(), locale)),
            ],
        ),
        ErrorKind::NoBase => td_string!(locale, messages.problem.no_base).into(),
        ErrorKind::SameCoinTwice { coin } => t(
            td_string!(locale, messages.problem.same_coin_twice),
            &[("coin", coin)],
        ),
        ErrorKind::UnknownQuote { got } => t(
            td_string!(locale, messages.problem.unknown_quote),
            &[("got", got)],
        ),
        ErrorKind::NoBtcToQuoteIn { coin } => t(
            td_string!(locale, messages.problem.no_btc_to_quote_in),
            &[("coin", coin)],
        ),
        ErrorKind::BtcQuotedInBtc => td_string!(locale, messages.problem.btc_quoted_in_btc).into(),
        ErrorKind::NoSuchEntry => td_string!(locale, messages.problem.no_such_entry).into(),
        ErrorKind::TooLarge { what } => t(
            td_string!(locale, messages.problem.too_large),
            &[("what", figure(*what, locale))],
        ),
        // The CLI's command line and files, the JS package's arguments, an exchange's saved
        // answer (the CLI's importer): never met on the page.
        other => other.to_string(),
    }
}

/// serde's words for the names allowed, in the language: "expected `a`", "expected `a` or
/// `b`", "expected one of `a`, `b`, `c`", "there are no fields".
fn one_of(names: &[String], none: &str, locale: Locale) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => none.to_string(),
        [one] => fill(td_string!(locale, messages.read.one), &[("one", one)]),
        [a, b] => fill(td_string!(locale, messages.read.two), &[("a", a), ("b", b)]),
        all => fill(
            td_string!(locale, messages.read.many),
            &[(
                "all",
                &all.join(td_string!(locale, messages.read.list_separator)),
            )],
        ),
    }
}

/// What is wrong with a JSON text.
fn json_problem(problem: &JsonProblem, locale: Locale) -> String {
    let words = match problem {
        JsonProblem::EofWhileParsingList => td_string!(locale, messages.read.json.eof_list),
        JsonProblem::EofWhileParsingObject => td_string!(locale, messages.read.json.eof_object),
        JsonProblem::EofWhileParsingString => td_string!(locale, messages.read.json.eof_string),
        JsonProblem::EofWhileParsingValue => td_string!(locale, messages.read.json.eof_value),
        JsonProblem::ExpectedColon => td_string!(locale, messages.read.json.expected_colon),
        JsonProblem::ExpectedListCommaOrEnd => {
            td_string!(locale, messages.read.json.expected_list_comma_or_end)
        }
        JsonProblem::ExpectedObjectCommaOrEnd => {
            td_string!(locale, messages.read.json.expected_object_comma_or_end)
        }
        JsonProblem::ExpectedSomeIdent => td_string!(locale, messages.read.json.expected_ident),
        JsonProblem::ExpectedSomeValue => td_string!(locale, messages.read.json.expected_value),
        JsonProblem::ExpectedDoubleQuote => {
            td_string!(locale, messages.read.json.expected_double_quote)
        }
        JsonProblem::InvalidEscape => td_string!(locale, messages.read.json.invalid_escape),
        JsonProblem::InvalidNumber => td_string!(locale, messages.read.json.invalid_number),
        JsonProblem::NumberOutOfRange => {
            td_string!(locale, messages.read.json.number_out_of_range)
        }
        JsonProblem::InvalidUnicodeCodePoint => {
            td_string!(locale, messages.read.json.invalid_unicode_code_point)
        }
        JsonProblem::ControlCharacterWhileParsingString => {
            td_string!(locale, messages.read.json.control_character)
        }
        JsonProblem::KeyMustBeAString => {
            td_string!(locale, messages.read.json.key_must_be_a_string)
        }
        JsonProblem::LoneLeadingSurrogateInHexEscape => {
            td_string!(locale, messages.read.json.lone_leading_surrogate)
        }
        JsonProblem::TrailingComma => td_string!(locale, messages.read.json.trailing_comma),
        JsonProblem::TrailingCharacters => {
            td_string!(locale, messages.read.json.trailing_characters)
        }
        JsonProblem::UnexpectedEndOfHexEscape => {
            td_string!(locale, messages.read.json.unexpected_end_of_hex_escape)
        }
        JsonProblem::RecursionLimitExceeded => {
            td_string!(locale, messages.read.json.recursion_limit_exceeded)
        }
        JsonProblem::NotUtf8 => td_string!(locale, messages.read.json.not_utf8),
        // serde_json's own words for a problem it has added since: kept as they are
        JsonProblem::Other(words) => words,
    };
    words.to_string()
}

/// The type a value should have had.
fn expected_words(expected: &Expected, locale: Locale) -> String {
    match expected {
        Expected::Decimal => td_string!(locale, messages.read.expected.decimal).into(),
        Expected::Text => td_string!(locale, messages.read.expected.text).into(),
        Expected::List => td_string!(locale, messages.read.expected.list).into(),
        Expected::Map => td_string!(locale, messages.read.expected.map).into(),
        Expected::Object(section) => fill(
            td_string!(locale, messages.read.expected.object),
            &[("section", section_words(*section, locale))],
        ),
        Expected::Name => td_string!(locale, messages.read.expected.name).into(),
        Expected::Other(words) => words.clone(),
    }
}

/// The value found where another type belongs.
fn found(found: &Found, locale: Locale) -> String {
    match found {
        Found::Null => td_string!(locale, messages.read.found.null).into(),
        Found::Boolean(value) => fill(
            td_string!(locale, messages.read.found.boolean),
            &[("value", &value.to_string())],
        ),
        Found::Integer(value) => fill(
            td_string!(locale, messages.read.found.integer),
            &[("value", value)],
        ),
        Found::Float(value) => fill(
            td_string!(locale, messages.read.found.float),
            &[("value", value)],
        ),
        Found::Text(value) => fill(
            td_string!(locale, messages.read.found.text),
            &[("value", value)],
        ),
        Found::List => td_string!(locale, messages.read.found.list).into(),
        Found::Object => td_string!(locale, messages.read.found.object).into(),
        Found::Other(words) => words.clone(),
    }
}

/// An object of the format.
fn section_words(section: Section, locale: Locale) -> &'static str {
    match section {
        Section::Scenario => td_string!(locale, messages.read.section.scenario),
        Section::Settings => td_string!(locale, messages.read.section.settings),
        Section::Coin => td_string!(locale, messages.read.section.coin),
        Section::DiscountTier => td_string!(locale, messages.read.section.discount_tier),
        Section::LoanTier => td_string!(locale, messages.read.section.loan_tier),
        Section::Contract => td_string!(locale, messages.read.section.contract),
        Section::PositionTier => td_string!(locale, messages.read.section.position_tier),
        Section::Position => td_string!(locale, messages.read.section.position),
        Section::Order => td_string!(locale, messages.read.section.order),
        Section::MarketReference => td_string!(locale, messages.read.section.market_reference),
        Section::Market => td_string!(locale, messages.read.section.market),
        Section::MarketCoin => td_string!(locale, messages.read.section.market_coin),
        Section::MarketContract => td_string!(locale, messages.read.section.market_contract),
        Section::Answer => td_string!(locale, messages.read.section.answer),
        Section::AnswerEntry => td_string!(locale, messages.read.section.answer_entry),
    }
}

/// A number of a document that is not a decimal the engine keeps exactly.
fn number_error(error: &NumberError, locale: Locale) -> String {
    let (template, text) = match error {
        NumberError::NotADecimal { text } => {
            (td_string!(locale, messages.read.not_a_decimal), text)
        }
        NumberError::TooLarge { text } => {
            (td_string!(locale, messages.read.number_too_large), text)
        }
        NumberError::TooManyDecimalPlaces { text } => (
            td_string!(locale, messages.read.too_many_decimal_places),
            text,
        ),
        NumberError::TooManyDigits { text } => {
            (td_string!(locale, messages.read.too_many_digits), text)
        }
        NumberError::NotFinite { text } => (td_string!(locale, messages.read.not_finite), text),
    };
    fill(template, &[("text", text)])
}

/// A figure, as a sentence names it ("adjusted equity").
pub fn figure(what: Figure, locale: Locale) -> &'static str {
    match what {
        Figure::UsdPrice => td_string!(locale, messages.figure.usd_price),
        Figure::UnrealizedPnl => td_string!(locale, messages.figure.unrealized_pnl),
        Figure::PositionSize => td_string!(locale, messages.figure.position_size),
        Figure::PositionFigures => td_string!(locale, messages.figure.position_figures),
        Figure::Equity => td_string!(locale, messages.figure.equity),
        Figure::UsdEquity => td_string!(locale, messages.figure.usd_equity),
        Figure::Discount => td_string!(locale, messages.figure.discount),
        Figure::LoanInitialMargin => td_string!(locale, messages.figure.loan_initial_margin),
        Figure::LoanMaintenanceMargin => {
            td_string!(locale, messages.figure.loan_maintenance_margin)
        }
        Figure::DebtUsd => td_string!(locale, messages.figure.debt_usd),
        Figure::Interest => td_string!(locale, messages.figure.interest),
        Figure::DailyInterest => td_string!(locale, messages.figure.daily_interest),
        Figure::AccountEquity => td_string!(locale, messages.figure.account_equity),
        Figure::AdjustedEquity => td_string!(locale, messages.figure.adjusted_equity),
        Figure::LoansUsd => td_string!(locale, messages.figure.loans_usd),
        Figure::LoansInitialMargin => td_string!(locale, messages.figure.loans_initial_margin),
        Figure::LoansMaintenanceMargin => {
            td_string!(locale, messages.figure.loans_maintenance_margin)
        }
        Figure::Order => td_string!(locale, messages.figure.order),
        Figure::OrderFill => td_string!(locale, messages.figure.order_fill),
        Figure::AccountAfterFill => td_string!(locale, messages.figure.account_after_fill),
        Figure::SpotTradingLoss => td_string!(locale, messages.figure.spot_trading_loss),
        Figure::SpotTradingLosses => td_string!(locale, messages.figure.spot_trading_losses),
        Figure::Fee => td_string!(locale, messages.figure.fee),
        Figure::PendingFees => td_string!(locale, messages.figure.pending_fees),
        Figure::LargestSize => td_string!(locale, messages.figure.largest_size),
        Figure::Margins => td_string!(locale, messages.figure.margins),
        Figure::Notional => td_string!(locale, messages.figure.notional),
        Figure::FuturesNotional => td_string!(locale, messages.figure.futures_notional),
        Figure::DerivativesInitialMargin => {
            td_string!(locale, messages.figure.derivatives_initial_margin)
        }
        Figure::DerivativesMaintenanceMargin => {
            td_string!(locale, messages.figure.derivatives_maintenance_margin)
        }
        Figure::PartialLiquidationFees => {
            td_string!(locale, messages.figure.partial_liquidation_fees)
        }
        Figure::MarginReserved => td_string!(locale, messages.figure.margin_reserved),
        Figure::AvailableMargin => td_string!(locale, messages.figure.available_margin),
        Figure::MaintenanceMargin => td_string!(locale, messages.figure.maintenance_margin),
        Figure::PositionValue => td_string!(locale, messages.figure.position_value),
        Figure::AccountLeverage => td_string!(locale, messages.figure.account_leverage),
        Figure::CrossMarginRate => td_string!(locale, messages.figure.cross_margin_rate),
        Figure::Prices => td_string!(locale, messages.figure.prices),
        Figure::ShockedPrice => td_string!(locale, messages.figure.shocked_price),
        Figure::ShockedMarkPrice => td_string!(locale, messages.figure.shocked_mark_price),
        Figure::WhatIfTerms => td_string!(locale, messages.figure.what_if_terms),
        Figure::LiquidationPrices => td_string!(locale, messages.figure.liquidation_prices),
        Figure::LiquidationPlayOut => td_string!(locale, messages.figure.liquidation_play_out),
        Figure::Sweep => td_string!(locale, messages.figure.sweep),
    }
}

/// A number typed into a field that cannot be read.
pub fn entry_problem(error: &EntryError, locale: Locale) -> String {
    let t = |template: &str, text: &str| fill(template, &[("text", text)]);
    match error {
        EntryError::Empty => td_string!(locale, messages.entry.empty).into(),
        EntryError::NotANumber { text, cause } => unreadable(
            text,
            cause,
            td_string!(locale, messages.entry.a_number),
            locale,
        ),
        EntryError::NotAPercentage { text, cause } => unreadable(
            text,
            cause,
            td_string!(locale, messages.entry.a_percentage),
            locale,
        ),
        EntryError::PercentTooPrecise { text } => {
            t(td_string!(locale, messages.entry.percent_too_precise), text)
        }
        EntryError::SeparatorInFraction { text } => t(
            td_string!(locale, messages.entry.separator_in_fraction),
            text,
        ),
        EntryError::MixedSeparators { text } => {
            t(td_string!(locale, messages.entry.mixed_separators), text)
        }
        EntryError::BadGrouping { text } => {
            t(td_string!(locale, messages.entry.bad_grouping), text)
        }
    }
}

/// Why `text` cannot be read, by its cause: not a number (`expected` says what is), or a
/// number too large or too precise to keep exactly.
fn unreadable(text: &str, cause: &NumberError, expected: &str, locale: Locale) -> String {
    let t = |template: &str| fill(template, &[("text", text), ("expected", expected)]);
    match cause {
        NumberError::TooLarge { .. } => t(td_string!(locale, messages.entry.too_large)),
        NumberError::TooManyDecimalPlaces { .. } => {
            t(td_string!(locale, messages.entry.too_many_decimal_places))
        }
        NumberError::TooManyDigits { .. } => t(td_string!(locale, messages.entry.too_many_digits)),
        NumberError::NotADecimal { .. } | NumberError::NotFinite { .. } => {
            t(td_string!(locale, messages.entry.expected))
        }
    }
}

/// A what-if price or change that cannot be applied.
pub fn shock_problem(problem: &ShockProblem, locale: Locale) -> String {
    let sentence = match problem {
        ShockProblem::NotAPrice => td_string!(locale, messages.shock.not_a_price),
        ShockProblem::PriceNotPositive => td_string!(locale, messages.shock.price_not_positive),
        ShockProblem::NotAChange => td_string!(locale, messages.shock.not_a_change),
        ShockProblem::FallOfAll => td_string!(locale, messages.shock.fall_of_all),
        ShockProblem::TooLarge => td_string!(locale, messages.shock.too_large),
        ShockProblem::Unreadable(error) => return entry_problem(error, locale),
    };
    sentence.into()
}
