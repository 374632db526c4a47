//! Numbers as people type them: `50000`, `50,000` and `50 000` are the same number.
//!
//! Thousands separators (a comma or a space, never both in one number) are allowed in the
//! integer part, every three digits; what is left must be a decimal the engine reads
//! exactly ([`unimargin::num::parse_decimal`]).
//!
//! Rates are typed and shown as percentages (`98`, `0.06`) and kept as FORMAT.md's fractions
//! (`0.98`, `0.0006`) everywhere else: [`parse_percent`] and [`percent_for_field`] convert.

use crate::checked::Checked;
use std::borrow::Cow;
use unimargin::num::{parse_decimal, NumberError};
use unimargin::Decimal;

/// Spaces people (and spreadsheets) use between groups of digits.
const SPACES: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// Why a number typed into a field cannot be read; `text` is what was typed (trimmed).
/// `Display` is the English sentence shown beside the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// Nothing typed.
    #[error("enter a number")]
    Empty,
    /// Not a number the engine reads exactly; `cause` says why.
    #[error("{}", unreadable(.text, .cause, "a number such as 50000, 50,000, 50 000 or 0.98"))]
    NotANumber { text: String, cause: NumberError },
    /// A rate (typed as a percentage) that is not a number the engine reads exactly.
    #[error("{}", unreadable(.text, .cause, "a percentage such as 98 or 0.06"))]
    NotAPercentage { text: String, cause: NumberError },
    /// A percentage with more decimal places than its fraction can keep (28).
    #[error("too many decimal places in \"{text}\"")]
    PercentTooPrecise { text: String },
    /// A separator after the decimal point.
    #[error("separators go only between thousands, before the decimal point: got \"{text}\"")]
    SeparatorInFraction { text: String },
    /// Both commas and spaces between thousands.
    #[error("use one kind of thousands separator (a comma or a space), got \"{text}\"")]
    MixedSeparators { text: String },
    /// Separators that are not every three digits.
    #[error("thousands separators go every three digits, as in 50,000 or 1 250 000; for decimals use a point: got \"{text}\"")]
    BadGrouping { text: String },
}

/// Why `text` cannot be read, by its cause: not a number (`expected` says what is), or a
/// number too large or too precise to keep exactly.
fn unreadable(text: &str, cause: &NumberError, expected: &str) -> String {
    match cause {
        NumberError::TooLarge { .. } => {
            format!("\"{text}\" is too large: a number here must stay below about 7.9e28")
        }
        NumberError::TooManyDecimalPlaces { .. } => {
            format!("\"{text}\" has more than the 28 decimal places that can be kept exactly")
        }
        NumberError::TooManyDigits { .. } => {
            format!("\"{text}\" has more than the 28 significant digits that can be kept exactly")
        }
        NumberError::NotADecimal { .. } | NumberError::NotFinite { .. } => {
            format!("expected {expected}, got \"{text}\"")
        }
    }
}

/// Reads a number typed into a field.
pub fn parse_typed(text: &str) -> Result<Decimal, EntryError> {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace());
    if trimmed.is_empty() {
        return Err(EntryError::Empty);
    }
    let plain = strip_grouping(trimmed)?;
    parse_decimal(&plain).map_err(|cause| EntryError::NotANumber {
        text: trimmed.to_string(),
        cause,
    })
}

/// Reads a rate typed as a percentage (`98`, `0.06`, `98 %`) into the fraction FORMAT.md
/// keeps (`0.98`, `0.0006`), exactly: the decimal point moves two places, nothing is divided.
pub fn parse_percent(text: &str) -> Result<Decimal, EntryError> {
    let number = text.trim().trim_end_matches('%');
    let percent = parse_typed(number).map_err(|error| match error {
        EntryError::NotANumber { text, cause } => EntryError::NotAPercentage { text, cause },
        other => other,
    })?;
    let too_precise = || EntryError::PercentTooPrecise {
        text: text.trim().to_string(),
    };
    let mut fraction = percent;
    let scale = percent.scale().checked_add(2).ok_or_else(too_precise)?;
    fraction.set_scale(scale).map_err(|_| too_precise())?;
    Ok(fraction.normalize())
}

/// A fraction as it goes into a percentage field: `0.98` → `98`, `0.0006` → `0.06`.
/// A fraction whose percentage is beyond a decimal (from a file or a link: `1e27` is
/// 1e29 %) goes in as that percentage in scientific notation, which the field then refuses
/// as too large: never as digits that would read as another number.
pub fn percent_for_field(fraction: Decimal) -> String {
    match fraction.times(Decimal::ONE_HUNDRED) {
        Some(p) => for_field(p.normalize()),
        None => {
            // d.ddd…e(n + 2): the fraction's digits, its point after the first
            let n = fraction.normalize();
            let all = n.mantissa().unsigned_abs().to_string();
            let places = i64::try_from(all.len()).unwrap_or(0).saturating_sub(1);
            let exponent = places
                .saturating_sub(i64::from(n.scale()))
                .saturating_add(2);
            let digits = all.trim_end_matches('0');
            let (first, rest) = digits.split_at(1.min(digits.len()));
            let sign = if n.is_sign_negative() { "-" } else { "" };
            let point = if rest.is_empty() { "" } else { "." };
            format!("{sign}{first}{point}{rest}e{exponent}")
        }
    }
}

/// Removes thousands separators, checking that they sit every three digits (the text
/// itself when it has none: every field is read again at each key, issue 14).
fn strip_grouping(text: &str) -> Result<Cow<'_, str>, EntryError> {
    let is_separator = |c: char| c == ',' || SPACES.contains(&c);
    if !text.contains(is_separator) {
        return Ok(Cow::Borrowed(text));
    }
    let (sign, rest) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (rest, None),
    };
    let typed = || text.to_string();
    if frac.is_some_and(|f| f.contains(is_separator)) {
        return Err(EntryError::SeparatorInFraction { text: typed() });
    }
    let commas = int.contains(',');
    let spaces = int.contains(SPACES);
    if commas && spaces {
        return Err(EntryError::MixedSeparators { text: typed() });
    }
    let groups: Vec<&str> = int.split(is_separator).collect();
    // `0,001` is no thousand: a first group starting with 0 is refused (in French and
    // Spanish, where the point groups, `0.001` typed for a thousandth must not read as 1)
    let well_grouped = groups[0].len() <= 3
        && !groups[0].is_empty()
        && !groups[0].starts_with('0')
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    if !well_grouped {
        return Err(EntryError::BadGrouping { text: typed() });
    }
    let mut plain = String::with_capacity(text.len());
    plain.push_str(sign);
    plain.extend(groups);
    if let Some(f) = frac {
        plain.push('.');
        plain.push_str(f);
    }
    Ok(Cow::Owned(plain))
}

/// A decimal as it goes back into a field: the engine's digits (scale kept), with the
/// integer part grouped by thousands (`1000000.50` → `1,000,000.50`).
pub fn for_field(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len().saturating_mul(2));
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        // digits left after this one, a multiple of three: a separator before it
        let left = int.len().saturating_sub(i);
        if i > 0 && left.is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn reads_plain_grouped_and_spaced_numbers() {
        let table = [
            ("50000", "50000"),
            ("50,000", "50000"),
            ("50 000", "50000"),
            ("50\u{a0}000", "50000"),
            ("1,250,000.75", "1250000.75"),
            ("1 250 000.75", "1250000.75"),
            ("-6,800", "-6800"),
            (" 0.98 ", "0.98"),
            ("0.0006", "0.0006"),
            ("5e-4", "0.0005"),
            ("999", "999"),
        ];
        for (typed, want) in table {
            assert_eq!(parse_typed(typed), Ok(d(want)), "{typed}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number_with_its_kind_and_a_message() {
        let not_a_number = |text: &str, cause: NumberError| EntryError::NotANumber {
            text: text.into(),
            cause,
        };
        let grouping = |text: &str| EntryError::BadGrouping { text: text.into() };
        let table = [
            ("", EntryError::Empty, "enter a number"),
            ("   ", EntryError::Empty, "enter a number"),
            (
                "abc",
                not_a_number("abc", NumberError::NotADecimal { text: "abc".into() }),
                "expected a number such as 50000, 50,000, 50 000 or 0.98, got \"abc\"",
            ),
            (
                "1e99",
                not_a_number(
                    "1e99",
                    NumberError::TooLarge {
                        text: "1e99".into(),
                    },
                ),
                "\"1e99\" is too large: a number here must stay below about 7.9e28",
            ),
            (
                "50,00",
                grouping("50,00"),
                "thousands separators go every three digits",
            ),
            (
                "5,0000",
                grouping("5,0000"),
                "thousands separators go every three digits",
            ),
            (
                ",500",
                grouping(",500"),
                "thousands separators go every three digits",
            ),
            (
                "0,5",
                grouping("0,5"),
                "thousands separators go every three digits",
            ),
            (
                "1,000 000",
                EntryError::MixedSeparators {
                    text: "1,000 000".into(),
                },
                "use one kind of thousands separator",
            ),
            (
                "1.000,5",
                EntryError::SeparatorInFraction {
                    text: "1.000,5".into(),
                },
                "separators go only between thousands",
            ),
            (
                "1.2.3",
                not_a_number(
                    "1.2.3",
                    NumberError::NotADecimal {
                        text: "1.2.3".into(),
                    },
                ),
                "expected a number",
            ),
            (
                "12a,000",
                grouping("12a,000"),
                "thousands separators go every three digits",
            ),
        ];
        for (typed, kind, want) in table {
            let got = parse_typed(typed).unwrap_err();
            assert_eq!(got, kind, "{typed:?}");
            assert!(got.to_string().contains(want), "{typed:?}: {got}");
        }
    }

    #[test]
    fn percentages_are_read_as_the_fractions_files_keep() {
        let table = [
            ("98", "0.98"),
            ("98 %", "0.98"),
            ("98%", "0.98"),
            ("0.06", "0.0006"),
            ("0.0002", "0.000002"),
            ("100", "1"),
            ("97.5", "0.975"),
            ("0", "0"),
            ("1,000", "10"),
        ];
        for (typed, want) in table {
            let got = parse_percent(typed).unwrap();
            assert_eq!(got, d(want), "{typed}");
            // exactly the digits of the fraction, as a file would write it
            assert_eq!(got.to_string(), want, "{typed}");
        }
        assert_eq!(parse_percent(""), Err(EntryError::Empty));
        assert_eq!(parse_percent(" % "), Err(EntryError::Empty));
        let ninety = parse_percent("ninety %").unwrap_err();
        assert_eq!(
            ninety,
            EntryError::NotAPercentage {
                text: "ninety".into(),
                cause: NumberError::NotADecimal {
                    text: "ninety".into()
                }
            }
        );
        assert_eq!(
            ninety.to_string(),
            "expected a percentage such as 98 or 0.06, got \"ninety\""
        );
        assert_eq!(
            parse_percent("0,5"),
            Err(EntryError::BadGrouping { text: "0,5".into() })
        );
        // more places than a decimal holds (28) once moved: 27 typed, 29 as a fraction
        let tiny = format!("0.{}1", "0".repeat(26));
        let error = parse_percent(&tiny).unwrap_err();
        assert_eq!(error, EntryError::PercentTooPrecise { text: tiny.clone() });
        assert_eq!(
            error.to_string(),
            format!("too many decimal places in \"{tiny}\"")
        );
    }

    #[test]
    fn fractions_go_back_into_fields_as_percentages() {
        for (fraction, shown) in [
            ("0.98", "98"),
            ("0.0006", "0.06"),
            ("0.000002", "0.0002"),
            ("1", "100"),
            ("0.975", "97.5"),
            ("0", "0"),
            ("25", "2,500"),
        ] {
            assert_eq!(percent_for_field(d(fraction)), shown, "{fraction}");
            assert_eq!(parse_percent(shown), Ok(d(fraction)), "{shown}");
        }
    }

    #[test]
    fn numbers_too_large_or_too_precise_say_so() {
        let forty = "1234567890123456789012345678901234567890";
        assert_eq!(
            parse_typed(forty).unwrap_err().to_string(),
            format!("\"{forty}\" is too large: a number here must stay below about 7.9e28")
        );
        assert_eq!(
            parse_percent("1e29").unwrap_err().to_string(),
            "\"1e29\" is too large: a number here must stay below about 7.9e28"
        );
        let precise = "123456789.123456789012345678901";
        assert_eq!(
            parse_typed(precise).unwrap_err().to_string(),
            format!(
                "\"{precise}\" has more than the 28 significant digits that can be kept exactly"
            )
        );
        let places = format!("0.{}1", "0".repeat(28));
        assert_eq!(
            parse_typed(&places).unwrap_err().to_string(),
            format!("\"{places}\" has more than the 28 decimal places that can be kept exactly")
        );
    }

    #[test]
    fn a_fraction_whose_percentage_is_too_large_goes_in_as_such() {
        // a rate of 1e27 (from a link or a file) is 1e29 %: written so, and refused so,
        // never as digits that read as another percentage
        assert_eq!(percent_for_field(d("1e27")), "1e29");
        assert_eq!(
            percent_for_field(Decimal::MAX),
            "7.9228162514264337593543950335e30"
        );
        assert_eq!(
            percent_for_field(Decimal::MIN),
            "-7.9228162514264337593543950335e30"
        );
        for fraction in [d("1e27"), Decimal::MAX, Decimal::MIN] {
            let error = parse_percent(&percent_for_field(fraction)).unwrap_err();
            assert!(
                matches!(
                    error,
                    EntryError::NotAPercentage {
                        cause: NumberError::TooLarge { .. },
                        ..
                    }
                ),
                "{fraction}: {error:?}"
            );
        }
        // the largest that fits still goes in as its digits: 7.9e26 is 7.9e28 %
        let fits = d("792281625142643375935439503.35");
        assert_eq!(parse_percent(&percent_for_field(fits)), Ok(fits));
    }

    #[test]
    fn writes_fields_grouped_with_the_scale_kept() {
        assert_eq!(for_field(d("1000000")), "1,000,000");
        assert_eq!(for_field(d("1000000.50")), "1,000,000.50");
        assert_eq!(for_field(d("-6800")), "-6,800");
        assert_eq!(for_field(d("0.0006")), "0.0006");
        assert_eq!(for_field(d("100")), "100");
        for text in ["1000000.50", "-6800", "0.0006", "123456789.123"] {
            assert_eq!(parse_typed(&for_field(d(text))), Ok(d(text)));
        }
    }
}
