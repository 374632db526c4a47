//! Numbers typed in the page's language (issue 11).
//!
//! English and Chinese type `98,860.90`: the point is the decimal mark, a comma or a space
//! goes between thousands ([`crate::number`]). French and Spanish type `98 860,90` or
//! `98.860,90`: **the comma is always the decimal mark**, and a point or a space goes between
//! thousands, every three digits, exactly as a comma does in English. So in French `1,234`
//! is 1.234 and `1.234` is 1234; `0,98` is 0.98; `0.98` and `1.5` are refused (a point not
//! followed by groups of three digits is no thousands separator), never guessed. Where a
//! reading could surprise (a comma before three digits, a point between thousands) the page
//! says what it understood beside the field ([`read_as`]: "read as 1,234").
//!
//! The rule is English's with `,` and `.` exchanged, and that is how it is implemented: the
//! draft keeps what was typed with the engine's marks ([`to_engine_marks`]: `0,98` is kept
//! as `0.98`, `1.234,5` as `1,234.5`, a half-typed `1,2,3` as `1.2.3`), and a field shows
//! its text with the page's marks ([`for_input`]). Exchanging two characters is undone by
//! exchanging them again, so what was typed is never lost, and a text reads in French
//! exactly as its exchange reads in English — the same number, or the same refusal. So
//! switching the language never reinterprets a field: `1,234` typed in French (1.234) shows
//! as `1.234` in English, still 1.234; a refused `1.5` stays refused as `1,5`. Saved work,
//! files and links hold the engine's marks whatever the language.

use crate::i18n::{decimal_comma, localize_number, Locale, NARROW_NBSP};
use crate::number::{for_field, parse_typed};

/// Exchanges `,` and `.` (its own inverse).
fn exchange_marks(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ',' => '.',
            '.' => ',',
            other => other,
        })
        .collect()
}

/// What was typed in `locale`, with the engine's marks (what the draft keeps).
pub fn to_engine_marks(typed: &str, locale: Locale) -> String {
    if decimal_comma(locale) {
        exchange_marks(typed)
    } else {
        typed.to_string()
    }
}

/// A field's text (the engine's marks) as `locale` types it: the inverse of
/// [`to_engine_marks`]. A French field groups with a narrow no-break space (which reads
/// back the same) where the text is a number.
pub fn for_input(text: &str, locale: Locale) -> String {
    if !decimal_comma(locale) {
        return text.to_string();
    }
    let exchanged = exchange_marks(text);
    if locale == Locale::fr && parse_typed(text).is_ok() {
        // in a number that reads, the points left are the thousands separators
        exchanged.replace('.', &NARROW_NBSP.to_string())
    } else {
        exchanged
    }
}

/// How a typed number was read, when the reading could surprise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadAs {
    /// The comma was read as the decimal mark: `1,234` is `1,234` (one point two…).
    DecimalComma { value: String },
    /// The point was read between thousands: `1.234` is `1 234`.
    ThousandsPoint { value: String },
}

/// What a field's text (the engine's marks) was read as, when `locale` reads it otherwise
/// than English would (French `1,234`: 1.234, where English reads 1234); `None` when the
/// reading is the only one, or the text is refused. The value is written the locale's way.
pub fn read_as(text: &str, locale: Locale) -> Option<ReadAs> {
    if !decimal_comma(locale) {
        return None;
    }
    let read = parse_typed(text).ok()?;
    let as_typed = exchange_marks(text);
    let elsewhere = parse_typed(&as_typed).ok()?;
    if elsewhere == read {
        return None;
    }
    let value = localize_number(&for_field(read), locale);
    Some(if as_typed.contains(',') {
        ReadAs::DecimalComma { value }
    } else {
        ReadAs::ThousandsPoint { value }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    /// The number a text typed in `locale` stands for.
    fn typed(text: &str, locale: Locale) -> Option<Decimal> {
        parse_typed(&to_engine_marks(text, locale)).ok()
    }

    #[test]
    fn each_locale_reads_its_own_way_of_typing() {
        // (typed, en, zh, es, fr): None = refused. Worked out from the rule: English and
        // Chinese read `.` as the decimal mark and `,`/spaces between thousands; Spanish
        // and French the other way round.
        type Row = (
            &'static str,
            Option<&'static str>,
            Option<&'static str>,
            Option<&'static str>,
        );
        let table: [Row; 18] = [
            ("0,98", None, Some("0.98"), Some("0.98")),
            ("0.98", Some("0.98"), None, None),
            ("1,234", Some("1234"), Some("1.234"), Some("1.234")),
            ("1.234", Some("1.234"), Some("1234"), Some("1234")),
            ("98.860,90", None, Some("98860.90"), Some("98860.90")),
            ("98,860.90", Some("98860.90"), None, None),
            ("98 860,90", None, Some("98860.90"), Some("98860.90")),
            ("98\u{202f}860,90", None, Some("98860.90"), Some("98860.90")),
            (
                "1 250 000",
                Some("1250000"),
                Some("1250000"),
                Some("1250000"),
            ),
            ("-6.800", Some("-6.800"), Some("-6800"), Some("-6800")),
            ("-0,5", None, Some("-0.5"), Some("-0.5")),
            ("1.5", Some("1.5"), None, None),
            ("1,5e-7", None, Some("0.00000015"), Some("0.00000015")),
            ("50000", Some("50000"), Some("50000"), Some("50000")),
            // a point then a comma in English: the separator sits in the fraction
            ("1.234,5", None, Some("1234.5"), Some("1234.5")),
            ("1,2,3", None, None, None),
            // a thousandth typed with a point in French is refused, never read as 1
            ("0.001", Some("0.001"), None, None),
            ("0,001", None, Some("0.001"), Some("0.001")),
        ];
        for (text, en, es, fr) in table {
            let want = |w: Option<&str>| w.map(d);
            assert_eq!(typed(text, Locale::en), want(en), "en {text}");
            assert_eq!(typed(text, Locale::zh), want(en), "zh {text}");
            assert_eq!(typed(text, Locale::es), want(es), "es {text}");
            assert_eq!(typed(text, Locale::fr), want(fr), "fr {text}");
        }
    }

    #[test]
    fn what_was_typed_comes_back_as_typed() {
        for text in ["0,98", "1.234,5", "1,2,3", "abc", "1.5", "98 860,90", ""] {
            for locale in [Locale::en, Locale::zh, Locale::es] {
                assert_eq!(for_input(&to_engine_marks(text, locale), locale), text);
            }
        }
        // French shows a number's thousands with a narrow no-break space, which reads the same
        assert_eq!(
            for_input(&to_engine_marks("98.860,90", Locale::fr), Locale::fr),
            "98\u{202f}860,90"
        );
        assert_eq!(
            for_input(&to_engine_marks("1,2,3", Locale::fr), Locale::fr),
            "1,2,3"
        );
    }

    #[test]
    fn switching_the_language_never_changes_what_a_field_reads_as() {
        // Typed in one language, shown in another: the same number, or refused in both.
        let typed_texts = [
            "0,98",
            "1,234",
            "1.234",
            "1.5",
            "1,2,3",
            "98 860,90",
            "-6.800",
            "1e3",
        ];
        let all = [Locale::en, Locale::zh, Locale::es, Locale::fr];
        for text in typed_texts {
            for from in all {
                let kept = to_engine_marks(text, from);
                let value = parse_typed(&kept).ok();
                for to in all {
                    let shown = for_input(&kept, to);
                    let kept_again = to_engine_marks(&shown, to);
                    assert_eq!(
                        parse_typed(&kept_again).ok(),
                        value,
                        "{text}: {from:?} → {to:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn says_what_it_understood_where_the_reading_could_surprise() {
        let nb = NARROW_NBSP;
        let hint = |text: &str, locale| read_as(&to_engine_marks(text, locale), locale);
        // French 1,234 is 1.234 (English would read 1234)
        assert_eq!(
            hint("1,234", Locale::fr),
            Some(ReadAs::DecimalComma {
                value: "1,234".into()
            })
        );
        // French 1.234 is 1234 (English would read 1.234)
        assert_eq!(
            hint("1.234", Locale::fr),
            Some(ReadAs::ThousandsPoint {
                value: format!("1{nb}234")
            })
        );
        // Spanish leaves four digits ungrouped
        assert_eq!(
            hint("1.234", Locale::es),
            Some(ReadAs::ThousandsPoint {
                value: "1234".into()
            })
        );
        // nothing to say: one reading only, or refused, or an English page
        assert_eq!(hint("0,98", Locale::fr), None);
        assert_eq!(hint("98 860,90", Locale::fr), None);
        assert_eq!(hint("1.234,5", Locale::es), None);
        assert_eq!(hint("1.5", Locale::fr), None);
        assert_eq!(hint("1,234", Locale::en), None);
        assert_eq!(hint("1,234", Locale::zh), None);
    }
}
