//! Figures written for people (thousands separators, USD to the cent, rates as
//! percentages) and for tests (`data-value`: the engine's exact decimal).
//!
//! None of them panics or shows a wrong number: a figure that cannot be written in its
//! form (a rate of 1e27 is 1e29 %, beyond a decimal) is [`Shown::TooLarge`], and a figure
//! rounded to nothing keeps its first significant digit rather than show a sign it does not
//! have (`-0.004 USD`, never `0.00 USD` beside a rejected order).

use crate::checked::Checked;
use crate::i18n::{localize_number, td_string, Locale};
use rust_decimal::RoundingStrategy;
use std::fmt;
use unimargin::rules::risk::Risk;
use unimargin::text::group_thousands;
use unimargin::Decimal;

/// A figure as the page shows it, or why it is not a number. `Display` is the English text;
/// the variants are what another language words its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// The figure, written for people.
    Text(String),
    /// A rate or leverage without bound (adjusted equity at or below 0).
    Unbounded,
    /// Too large to write in this form exactly (its exact value is in `data-value`).
    TooLarge,
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Text(text) => f.write_str(text),
            Shown::Unbounded => f.write_str("unbounded"),
            Shown::TooLarge => f.write_str("too large to show"),
        }
    }
}

fn round(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// `value` to `places` decimals, or, where that leaves nothing of a value that is not 0, to
/// its first significant digit (`-0.004`, `0.000000003`).
pub fn round_kept(value: Decimal, places: u32) -> Decimal {
    let rounded = round(value, places);
    if !rounded.is_zero() || value.is_zero() {
        return rounded;
    }
    // the place of the first significant digit: where cutting leaves something
    let cut = |dp: u32| value.round_dp_with_strategy(dp, RoundingStrategy::ToZero);
    match (places..=Decimal::MAX_SCALE).find(|dp| !cut(*dp).is_zero()) {
        Some(dp) => round(value, dp),
        None => value,
    }
}

/// The engine's exact decimal, as the report writes it (`data-value`, tooltips).
pub fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

/// The same for a figure that may be unbounded (empty when it is).
pub fn exact_or_empty(value: Option<Decimal>) -> String {
    value.map(exact).unwrap_or_default()
}

/// `50,100.00`: grouped, to the cent (at least two decimals).
fn cents(value: Decimal) -> String {
    let mut out = group_thousands(round_kept(value, 2));
    match out.split_once('.').map(|(_, f)| f.len()) {
        Some(1) => out.push('0'),
        Some(_) => {}
        None => out.push_str(".00"),
    }
    out
}

/// `50,100.00 USD`.
pub fn usd_text(value: Decimal) -> String {
    format!("{} USD", cents(value))
}

/// `50,100.00`, for tables whose heading says USD.
pub fn usd_cell(value: Decimal) -> String {
    cents(value)
}

/// A price: to the cent from 1 up, else up to 8 decimal places (`0.00001234`).
pub fn price(value: Decimal) -> String {
    if value.abs() >= Decimal::ONE {
        usd_cell(value)
    } else {
        group_thousands(round_kept(value, 8))
    }
}

/// A coin amount, exact and grouped: `1,234.5`.
pub fn amount(value: Decimal) -> String {
    group_thousands(value)
}

/// A fraction as a percentage, exactly: `0.98` → `98 %`, `0.800041` → `80.0041 %` (the
/// thresholds a rate is read against are shown so).
pub fn percent(fraction: Decimal) -> Shown {
    match fraction.times(Decimal::ONE_HUNDRED) {
        Some(p) => Shown::Text(format!("{} %", group_thousands(p))),
        None => Shown::TooLarge,
    }
}

/// A rate as a percentage to two decimals: `0.0123456` → `1.23 %`. (A rate read against
/// the risk thresholds is [`crate::threshold::margin_rate`].)
pub fn rate(value: Decimal) -> Shown {
    let rounded = round(value, 4);
    if rounded.is_zero() && !value.is_zero() {
        Shown::Text(
            if value > Decimal::ZERO {
                "< 0.01 %"
            } else {
                "> -0.01 %"
            }
            .into(),
        )
    } else {
        percent(rounded)
    }
}

/// Account leverage: `0.31×`, or unbounded.
pub fn leverage(value: Option<Decimal>) -> Shown {
    match value {
        Some(v) => Shown::Text(format!("{}×", group_thousands(round_kept(v, 2)))),
        None => Shown::Unbounded,
    }
}

/// A figure as `locale` writes it: the number's marks ([`localize_number`]; French puts a
/// narrow no-break space before `%`), or the locale's words for what is not a number.
pub fn shown_in(shown: &Shown, locale: Locale) -> String {
    match shown {
        Shown::Text(text) => number_in(text, locale),
        Shown::Unbounded => td_string!(locale, ui.show.unbounded).to_string(),
        Shown::TooLarge => td_string!(locale, ui.show.too_large).to_string(),
    }
}

/// A figure's text written the engine's way (`50,100.00 USD`, `1.23 %`, `0.31×`) as
/// `locale` writes it.
pub fn number_in(text: &str, locale: Locale) -> String {
    let localized = localize_number(text, locale);
    if locale == Locale::fr {
        localized.replace(" %", "\u{202f}%")
    } else {
        localized
    }
}

/// The risk level in `locale`'s words (the report's `safe`, `warning`, `liquidation`).
pub fn risk_word(risk: Risk, locale: Locale) -> &'static str {
    match risk {
        Risk::Safe => td_string!(locale, ui.show.safe),
        Risk::Warning => td_string!(locale, ui.show.warning),
        Risk::Liquidation => td_string!(locale, ui.show.liquidation),
    }
}

/// `safe`, `warning` or `liquidation` (the report's words).
pub fn risk_name(risk: Risk) -> &'static str {
    match risk {
        Risk::Safe => "safe",
        Risk::Warning => "warning",
        Risk::Liquidation => "liquidation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn text(shown: Shown) -> String {
        shown.to_string()
    }

    #[test]
    fn figures_for_people_and_for_tests() {
        assert_eq!(exact(d("50150.00")), "50150");
        assert_eq!(exact_or_empty(None), "");
        assert_eq!(exact_or_empty(Some(d("0.0125"))), "0.0125");
        assert_eq!(usd_text(d("1950000")), "1,950,000.00 USD");
        assert_eq!(usd_text(d("0.5")), "0.50 USD");
        assert_eq!(usd_cell(d("-6800.456")), "-6,800.46");
        assert_eq!(price(d("64000")), "64,000.00");
        assert_eq!(price(d("0.0000123456789")), "0.00001235");
        assert_eq!(amount(d("1234.50")), "1,234.5");
        assert_eq!(text(rate(d("0.0123456"))), "1.23 %");
        assert_eq!(text(rate(d("0.8"))), "80 %");
        assert_eq!(text(rate(d("0.00001"))), "< 0.01 %");
        assert_eq!(text(rate(d("-0.00001"))), "> -0.01 %");
        assert_eq!(text(rate(Decimal::ZERO)), "0 %");
        assert_eq!(text(Shown::Unbounded), "unbounded");
        assert_eq!(text(leverage(Some(d("0.31234")))), "0.31×");
        assert_eq!(text(leverage(None)), "unbounded");
        assert_eq!(risk_name(Risk::Warning), "warning");
        // thresholds exactly: 80.0041 % is not 80 %
        assert_eq!(text(percent(d("0.800041"))), "80.0041 %");
        // in each language: the marks change, never the digits
        let fr = |s: Shown| shown_in(&s, Locale::fr);
        assert_eq!(fr(rate(d("0.0123456"))), "1,23\u{202f}%");
        assert_eq!(
            fr(Shown::Text(usd_text(d("98860.9")))),
            "98\u{202f}860,90 USD"
        );
        assert_eq!(
            shown_in(&Shown::Text(usd_text(d("98860.9"))), Locale::es),
            "98.860,90 USD"
        );
        assert_eq!(shown_in(&leverage(Some(d("0.31234"))), Locale::es), "0,31×");
        assert_eq!(shown_in(&rate(d("0.0123456")), Locale::zh), "1.23 %");
        assert_eq!(shown_in(&Shown::Unbounded, Locale::en), "unbounded");
        assert_eq!(shown_in(&Shown::Unbounded, Locale::fr), "illimité");
        assert_eq!(risk_word(Risk::Warning, Locale::zh), "预警");
        assert_eq!(text(percent(d("0.98"))), "98 %");
    }

    #[test]
    fn what_rounds_to_nothing_keeps_its_sign_and_first_digit() {
        // a headroom of -0.004 USD beside a rejected order is not 0.00
        assert_eq!(usd_text(d("-0.004")), "-0.004 USD");
        assert_eq!(usd_text(d("0.0046")), "0.005 USD");
        assert_eq!(usd_text(d("-0.005")), "-0.01 USD");
        assert_eq!(usd_text(Decimal::ZERO), "0.00 USD");
        assert_eq!(price(d("0.000000003")), "0.000000003");
        assert_eq!(text(leverage(Some(d("0.001")))), "0.001×");
    }

    #[test]
    fn figures_too_large_for_their_form_say_so() {
        // the largest decimals: USD, prices and amounts are written in full
        assert_eq!(
            usd_text(Decimal::MAX),
            "79,228,162,514,264,337,593,543,950,335.00 USD"
        );
        assert_eq!(
            price(Decimal::MIN),
            "-79,228,162,514,264,337,593,543,950,335.00"
        );
        assert_eq!(
            text(leverage(Some(Decimal::MAX))),
            "79,228,162,514,264,337,593,543,950,335×"
        );
        // a rate of 1e27 is 1e29 %: too large, never a wrong percentage
        let huge = d("1000000000000000000000000000");
        assert_eq!(rate(huge), Shown::TooLarge);
        assert_eq!(rate(Decimal::MIN), Shown::TooLarge);
        assert_eq!(percent(Decimal::MAX), Shown::TooLarge);
        assert_eq!(text(Shown::TooLarge), "too large to show");
        // the largest that fits: 7.9e26 is 7.9e28 %
        assert_eq!(
            text(rate(d("792281625142643375935439503.35"))),
            "79,228,162,514,264,337,593,543,950,335 %"
        );
    }
}
