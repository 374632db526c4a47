//! Decimal figures: strict parsing (strings or JSON numbers in, strings out) and checked
//! arithmetic, so that an overflow is an error rather than a panic or a wrong number.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Serializer;
use std::fmt;

/// A checked operation overflowed the decimal range (about ±7.9 × 10²⁸).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

#[inline]
pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(Overflow)
}

#[inline]
pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_sub(b).ok_or(Overflow)
}

#[inline]
pub(crate) fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_mul(b).ok_or(Overflow)
}

/// Division; a zero divisor is reported as an overflow (validation rules it out beforehand).
#[inline]
pub(crate) fn div(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_div(b).ok_or(Overflow)
}

/// `−x`. Cannot overflow: the decimal range is symmetric (`Decimal::MIN = −Decimal::MAX`), so
/// negation only flips the sign; written as that flip so that no arithmetic is left unchecked.
#[inline]
pub fn neg(x: Decimal) -> Decimal {
    let mut negated = x;
    negated.set_sign_negative(x.is_sign_positive());
    negated
}

/// `(x)⁺`, the positive part.
pub(crate) fn positive_part(x: Decimal) -> Decimal {
    crate::regime::note(u32::from(x > Decimal::ZERO));
    x.max(Decimal::ZERO)
}

/// Why a text is not a decimal the engine keeps exactly. `text` is the number as written,
/// cut to 40 characters (then `…`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// Not a decimal at all (letters, separators, spaces, `NaN`).
    #[error("expected a decimal number such as \"50000\" or \"0.98\", got \"{text}\"")]
    NotADecimal { text: String },
    /// Beyond the decimal range (about ±7.9 × 10²⁸).
    #[error("\"{text}\" is too large: figures must stay below about 7.9e28")]
    TooLarge { text: String },
    /// More than 28 decimal places: it would be rounded.
    #[error("\"{text}\" has more decimal places than the 28 that can be kept exactly")]
    TooManyDecimalPlaces { text: String },
    /// More significant digits than fit: it would be rounded.
    #[error("\"{text}\" has more significant digits than the 28 that can be kept exactly")]
    TooManyDigits { text: String },
    /// A floating-point NaN or infinity (from a reader other than JSON text).
    #[error("expected a finite decimal number, got {text}")]
    NotFinite { text: String },
}

impl NumberError {
    /// The kind's stable name (see [`crate::error::ErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        match self {
            NumberError::NotADecimal { .. } => "not_a_decimal",
            NumberError::TooLarge { .. } => "number_too_large",
            NumberError::TooManyDecimalPlaces { .. } => "too_many_decimal_places",
            NumberError::TooManyDigits { .. } => "too_many_digits",
            NumberError::NotFinite { .. } => "not_finite",
        }
    }
}

/// Parses a decimal written as `50000`, `-1.5`, `0.0006` or `5e-4`, exactly.
///
/// Refuses anything else (spaces, `NaN`, `inf`, thousands separators, underscores) and
/// anything that would be rounded (more than 28 decimal places) or does not fit.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    parse_plain_decimal(text).map_or_else(|| parse_any_decimal(text), Ok)
}

/// The common case in one pass: an optional `-`, at most 19 digits with at most one point
/// (so the digits fit a `u64`). `None` for anything else, left to the full parser.
fn parse_plain_decimal(text: &str) -> Option<Decimal> {
    let (negative, body) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        bytes => (false, bytes),
    };
    if body.is_empty() || body.len() > 19 {
        return None;
    }
    let (mut magnitude, mut scale, mut digits, mut point) = (0u64, 0u32, 0u32, false);
    // at most 19 digits: the magnitude stays below 10¹⁹ < u64::MAX, the counts below 20
    for &byte in body {
        match char::from(byte).to_digit(10) {
            Some(digit) => {
                magnitude = magnitude.checked_mul(10)?.checked_add(u64::from(digit))?;
                digits = digits.saturating_add(1);
                scale = scale.saturating_add(u32::from(point));
            }
            None if byte == b'.' && !point => point = true,
            None => return None,
        }
    }
    // "-0" keeps its sign in the full parser
    if digits == 0 || (negative && magnitude == 0) {
        return None;
    }
    let signed = if negative {
        i128::from(magnitude).checked_neg()?
    } else {
        i128::from(magnitude)
    };
    Decimal::try_from_i128_with_scale(signed, scale).ok()
}

/// Any form [`parse_decimal`] reads, with the reason for what it refuses.
fn parse_any_decimal(text: &str) -> Result<Decimal, NumberError> {
    // what the messages quote of the text; written only for a text that is refused
    let shown = || {
        if text.len() > 40 {
            format!(
                "{}…",
                text.get(..text.char_indices().nth(40).map_or(text.len(), |(i, _)| i))
                    .unwrap_or(text)
            )
        } else {
            text.to_string()
        }
    };
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (text, None),
    };
    let digits = mantissa.strip_prefix(['-', '+']).unwrap_or(mantissa);
    let well_formed = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit())
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
        });
    if !well_formed {
        return Err(NumberError::NotADecimal { text: shown() });
    }
    // Beyond a billion, an exponent only says "far too large" or "far too small" (and kept
    // within ±1e9, the arithmetic on it below cannot overflow).
    const EXPONENT_BOUND: i64 = 1_000_000_000;
    let exponent = exponent.map_or(0, |e| {
        e.parse::<i64>()
            .unwrap_or(if e.starts_with('-') {
                -EXPONENT_BOUND
            } else {
                EXPONENT_BOUND
            })
            .clamp(-EXPONENT_BOUND, EXPONENT_BOUND)
    });
    Decimal::from_str_exact(mantissa)
        .ok()
        .and_then(|m| scale_by_power_of_ten(m, exponent))
        .ok_or_else(|| why_not_exact(digits, exponent, shown()))
}

/// `m × 10^exponent` with the scale as written (`1.50e1` is `15.0`), or `None` if it cannot
/// be kept exactly.
fn scale_by_power_of_ten(mut m: Decimal, exponent: i64) -> Option<Decimal> {
    let scale = i64::from(m.scale()).checked_sub(exponent)?;
    if scale >= 0 {
        m.set_scale(u32::try_from(scale).ok()?).ok()?;
        return Some(m);
    }
    m.set_scale(0).ok()?;
    if m.is_zero() {
        return Some(m);
    }
    let ten = Decimal::TEN;
    (0..scale.unsigned_abs()).try_fold(m, |v, _| v.checked_mul(ten))
}

/// Why the decimal written as `digits` (no sign) `× 10^exponent` cannot be kept exactly.
fn why_not_exact(digits: &str, exponent: i64, text: String) -> NumberError {
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    let length = |text: &str| i64::try_from(text.len()).unwrap_or(i64::MAX);
    let places = length(frac).saturating_sub(exponent);
    let too_large = all.iter().position(|&d| d != b'0').is_some_and(|first| {
        // The power of ten of the first significant digit.
        let order = length(int)
            .saturating_sub(1)
            .saturating_sub(i64::try_from(first).unwrap_or(i64::MAX))
            .saturating_add(exponent);
        let max = Decimal::MAX.to_string();
        let integer_digits: Vec<u8> = all[first..]
            .iter()
            .copied()
            .chain(std::iter::repeat(b'0'))
            .take(max.len())
            .collect();
        order > 28 || (order == 28 && integer_digits.as_slice() > max.as_bytes())
    });
    if too_large {
        NumberError::TooLarge { text }
    } else if places > 28 {
        NumberError::TooManyDecimalPlaces { text }
    } else {
        NumberError::TooManyDigits { text }
    }
}

/// A float as the decimal its writer meant: the shortest text that reads back as it (so
/// `0.1` is 0.1, not 0.1000000000000000055…), parsed by [`parse_decimal`].
pub fn decimal_from_f64(v: f64) -> Result<Decimal, NumberError> {
    if !v.is_finite() {
        return Err(NumberError::NotFinite {
            text: v.to_string(),
        });
    }
    parse_decimal(&v.to_string())
}

struct DecimalVisitor;

/// serde_json's private key for a number kept as text (`arbitrary_precision`).
const ARBITRARY_PRECISION_KEY: &str = "$serde_json::private::Number";

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", crate::read::Expected::Decimal)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        decimal_from_f64(v).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == ARBITRARY_PRECISION_KEY => {
                let text: String = map.next_value()?;
                parse_decimal(&text).map_err(de::Error::custom)
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

/// Reads a decimal from a string or a JSON number.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

/// Writes a decimal as a string, as typed (scale kept).
pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(write_decimal(value, false, &mut [0; DECIMAL_TEXT_CAPACITY]))
}

/// The same for optional fields (`#[serde(default, with = "num::option")]`).
pub mod option {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        super::deserialize(d).map(Some)
    }

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_str(write_decimal(v, false, &mut [0; DECIMAL_TEXT_CAPACITY])),
            None => s.serialize_none(),
        }
    }
}

/// Room for any decimal's text: a sign, 29 digits, a point and up to 28 leading zeros.
pub const DECIMAL_TEXT_CAPACITY: usize = 64;

/// Writes `value` as text into `buf`: as typed (`"50000.00"`), or `normalized` without
/// trailing zeros (`"50000"`, as `Decimal::normalize` would). The same text as `Display`,
/// from the integer mantissa (`itoa`), without the formatting machinery: reports are mostly
/// decimals, so this is most of writing one.
pub fn write_decimal<'b>(
    value: &Decimal,
    normalized: bool,
    buf: &'b mut [u8; DECIMAL_TEXT_CAPACITY],
) -> &'b str {
    let magnitude = value.mantissa().unsigned_abs();
    let mut scale = value.scale() as usize;
    let mut digits_buffer = itoa::Buffer::new();
    // u64 arithmetic is several times cheaper than u128, and almost every figure fits it
    let digits = match u64::try_from(magnitude) {
        Ok(mut small) => {
            while normalized && scale > 0 && small.is_multiple_of(10) {
                small /= 10;
                scale = scale.saturating_sub(1);
            }
            digits_buffer.format(small).as_bytes()
        }
        Err(_) => {
            let mut large = magnitude;
            while normalized && scale > 0 && large.is_multiple_of(10) {
                large /= 10;
                scale = scale.saturating_sub(1);
            }
            digits_buffer.format(large).as_bytes()
        }
    };
    let magnitude_is_zero = magnitude == 0;
    let mut len = 0usize;
    // the capacity holds any decimal's text, so nothing is ever cut; were it not, the text
    // would end early rather than the program stop
    let mut put = |bytes: &[u8]| {
        let end = len.saturating_add(bytes.len());
        if let Some(room) = buf.get_mut(len..end) {
            room.copy_from_slice(bytes);
            len = end;
        }
    };
    // a negative zero is written as rust_decimal writes it, with its sign
    if value.is_sign_negative() && (!magnitude_is_zero || !normalized) {
        put(b"-");
    }
    match digits.len().checked_sub(scale) {
        _ if scale == 0 => put(digits),
        Some(point) if point > 0 => {
            let (integer, fraction) = digits.split_at(point);
            put(integer);
            put(b".");
            put(fraction);
        }
        _ => {
            put(b"0.");
            for _ in digits.len()..scale {
                put(b"0");
            }
            put(digits);
        }
    }
    // only ASCII digits, '-' and '.' were written
    buf.get(..len)
        .and_then(|text| std::str::from_utf8(text).ok())
        .unwrap_or_default()
}

/// Report figures: normalized strings (`"49000"`, never `"49000.00"`).
pub mod normalized {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(write_decimal(value, true, &mut [0; DECIMAL_TEXT_CAPACITY]))
    }

    /// `null` for an unbounded figure.
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => s.serialize_str(write_decimal(v, true, &mut [0; DECIMAL_TEXT_CAPACITY])),
                None => s.serialize_none(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn text_is_written_as_display_writes_it() {
        let table = [
            "0",
            "1",
            "-1",
            "50000",
            "50000.00",
            "0.0006",
            "-0.0006",
            "123.456",
            "1e-28",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "1000000.000",
            "-0",
            "-0.00",
        ];
        for text in table {
            let value = parse_decimal(text).unwrap();
            let mut buf = [0; DECIMAL_TEXT_CAPACITY];
            assert_eq!(
                write_decimal(&value, false, &mut buf),
                value.to_string(),
                "{text}"
            );
            let mut buf = [0; DECIMAL_TEXT_CAPACITY];
            let normalized = value.normalize().to_string();
            assert_eq!(write_decimal(&value, true, &mut buf), normalized, "{text}");
        }
    }

    #[test]
    fn the_one_pass_parser_agrees_with_the_full_one() {
        for text in [
            "0",
            "7",
            "-7",
            "50000.00",
            "0.0006",
            ".5",
            "5.",
            "1234567890123456789",
            "-0.000000000000000001",
            "12.34.5",
            "-",
            "",
            "1e3",
            "+2",
            "-0",
        ] {
            let fast = parse_plain_decimal(text);
            let full = parse_any_decimal(text).ok();
            if let Some(value) = fast {
                assert_eq!(Some(value), full, "{text}");
                assert_eq!(value.scale(), full.unwrap().scale(), "{text}");
            }
        }
        // the forms it leaves to the full parser
        for text in ["1e3", "+2", "-0", "12345678901234567890", ".", "-", ""] {
            assert_eq!(parse_plain_decimal(text), None, "{text}");
        }
    }

    #[test]
    fn parses_the_forms_the_format_allows() {
        let table = [
            ("50000", dec!(50000)),
            ("-1.5", dec!(-1.5)),
            ("0.0006", dec!(0.0006)),
            ("+2", dec!(2)),
            ("5e-4", dec!(0.0005)),
            ("1.5E3", dec!(1500)),
            ("50000.00", dec!(50000.00)),
            ("1.50e1", dec!(15.0)),
            ("1e28", dec!(10000000000000000000000000000)),
            ("79228162514264337593543950335", Decimal::MAX),
            ("7.9228162514264337593543950335e28", Decimal::MAX),
            ("1e-28", dec!(0.0000000000000000000000000001)),
            ("0e99999", dec!(0)),
        ];
        for (text, want) in table {
            let got = parse_decimal(text);
            assert_eq!(got, Ok(want), "{text}");
            assert_eq!(got.unwrap().scale(), want.scale(), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_exact_decimal() {
        let table = [
            ("", "expected a decimal"),
            ("abc", "expected a decimal"),
            ("NaN", "expected a decimal"),
            ("inf", "expected a decimal"),
            ("1,000", "expected a decimal"),
            ("1_000", "expected a decimal"),
            (" 1", "expected a decimal"),
            ("1.2.3", "expected a decimal"),
            ("-", "expected a decimal"),
            ("1e", "expected a decimal"),
            ("1e99999", "too large"),
            ("1e999", "too large"),
            ("1e29", "too large"),
            ("8e28", "too large"),
            ("79228162514264337593543950336", "too large"),
            ("100000000000000000000000000000", "too large"),
            ("1e-99999", "more decimal places"),
            // exponents at and beyond i64's ends (their arithmetic once overflowed)
            ("1e-9223372036854775808", "more decimal places"),
            ("1e9223372036854775807", "too large"),
            ("1e-99999999999999999999999", "more decimal places"),
            ("1.5e+99999999999999999999999", "too large"),
            ("0.00000000000000000000000000001", "more decimal places"),
            (
                "1.00000000000000000000000000000001e0",
                "more decimal places",
            ),
            ("123456789012345678901234567890e-5", "significant digits"),
        ];
        for (text, want) in table {
            let got = parse_decimal(text).unwrap_err().to_string();
            assert!(got.contains(want), "{text}: {got}");
        }
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        assert_eq!(mul(Decimal::MAX, dec!(2)), Err(Overflow));
        assert_eq!(add(Decimal::MAX, dec!(1)), Err(Overflow));
        assert_eq!(div(dec!(1), Decimal::ZERO), Err(Overflow));
        assert_eq!(sub(Decimal::MIN, dec!(1)), Err(Overflow));
    }
}
