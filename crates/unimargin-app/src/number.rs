//! Numbers as people type them: `50000`, `50,000` and `50 000` are the same number.
//!
//! Thousands separators (a comma or a space, never both in one number) are allowed in the
//! integer part, every three digits; what is left must be a decimal the engine reads
//! exactly ([`unimargin::num::parse_decimal`]).
//!
//! Rates are typed and shown as percentages (`98`, `0.06`) and kept as FORMAT.md's fractions
//! (`0.98`, `0.0006`) everywhere else: [`parse_percent`] and [`percent_for_field`] convert.

use unimargin::num::parse_decimal;
use unimargin::Decimal;

/// Spaces people (and spreadsheets) use between groups of digits.
const SPACES: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// Reads a number typed into a field.
pub fn parse_typed(text: &str) -> Result<Decimal, String> {
    parse_like(text, "a number such as 50000, 50,000, 50 000 or 0.98")
}

fn parse_like(text: &str, expected: &str) -> Result<Decimal, String> {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace());
    if trimmed.is_empty() {
        return Err("enter a number".into());
    }
    let plain = strip_grouping(trimmed)?;
    parse_decimal(&plain).map_err(|_| format!("expected {expected}, got \"{trimmed}\""))
}

/// Reads a rate typed as a percentage (`98`, `0.06`, `98 %`) into the fraction FORMAT.md
/// keeps (`0.98`, `0.0006`), exactly: the decimal point moves two places, nothing is divided.
pub fn parse_percent(text: &str) -> Result<Decimal, String> {
    let number = text.trim().trim_end_matches('%');
    let percent = parse_like(number, "a percentage such as 98 or 0.06")?;
    let mut fraction = percent;
    fraction
        .set_scale(percent.scale() + 2)
        .map_err(|_| format!("too many decimal places in \"{}\"", text.trim()))?;
    Ok(fraction.normalize())
}

/// A fraction as it goes into a percentage field: `0.98` → `98`, `0.0006` → `0.06`.
pub fn percent_for_field(fraction: Decimal) -> String {
    fraction
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or_else(|| fraction.to_string(), |p| for_field(p.normalize()))
}

/// Removes thousands separators, checking that they sit every three digits.
fn strip_grouping(text: &str) -> Result<String, String> {
    let is_separator = |c: char| c == ',' || SPACES.contains(&c);
    if !text.contains(is_separator) {
        return Ok(text.to_string());
    }
    let (sign, rest) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (rest, None),
    };
    if frac.is_some_and(|f| f.contains(is_separator)) {
        return Err(format!(
            "separators go only between thousands, before the decimal point: got \"{text}\""
        ));
    }
    let commas = int.contains(',');
    let spaces = int.contains(SPACES);
    if commas && spaces {
        return Err(format!(
            "use one kind of thousands separator (a comma or a space), got \"{text}\""
        ));
    }
    let groups: Vec<&str> = int.split(is_separator).collect();
    let well_grouped = groups[0].len() <= 3
        && !groups[0].is_empty()
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    if !well_grouped {
        return Err(format!(
            "thousands separators go every three digits, as in 50,000 or 1 250 000; for decimals use a point: got \"{text}\""
        ));
    }
    let mut plain = String::with_capacity(text.len());
    plain.push_str(sign);
    plain.extend(groups);
    if let Some(f) = frac {
        plain.push('.');
        plain.push_str(f);
    }
    Ok(plain)
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
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
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
    fn refuses_what_is_not_a_number_with_a_message() {
        let table = [
            ("", "enter a number"),
            ("   ", "enter a number"),
            (
                "abc",
                "expected a number such as 50000, 50,000, 50 000 or 0.98, got \"abc\"",
            ),
            ("50,00", "thousands separators go every three digits"),
            ("5,0000", "thousands separators go every three digits"),
            (",500", "thousands separators go every three digits"),
            ("0,5", "thousands separators go every three digits"),
            ("1,000 000", "use one kind of thousands separator"),
            ("1.000,5", "separators go only between thousands"),
            ("1.2.3", "expected a number"),
            ("12a,000", "thousands separators go every three digits"),
        ];
        for (typed, want) in table {
            let got = parse_typed(typed).unwrap_err();
            assert!(got.contains(want), "{typed:?}: {got}");
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
        assert_eq!(parse_percent("").unwrap_err(), "enter a number");
        assert!(parse_percent("ninety")
            .unwrap_err()
            .starts_with("expected a percentage such as 98 or 0.06"));
        assert!(parse_percent("0,5")
            .unwrap_err()
            .contains("every three digits"));
        // more places than a decimal holds once moved
        assert!(parse_percent(&format!("0.{}1", "0".repeat(26)))
            .unwrap_err()
            .contains("too many decimal places"));
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
