//! Reading JSON documents strictly, and saying what is wrong with one as a typed [`Error`]
//! at the path of the problem.
//!
//! serde reports a problem as English text. The kinds are taken from it in two ways:
//! - a number the engine refuses is read again at the error's path ([`value_at`]) and given
//!   to [`parse_decimal`], whose error is typed;
//! - every other problem is serde's (or serde_json's) own wording, which is the only source
//!   of its data: [`kind_of_message`] is the one function that reads it.

use crate::error::{Error, ErrorKind};
use crate::num::{parse_decimal, NumberError};
use crate::scenario::{Scenario, SCENARIO_FORMAT};
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_path_to_error::{Path, Segment};
use std::fmt;

/// Reads a scenario from JSON text, strictly: unknown fields, bad numbers and wrong types
/// are errors whose path names where they are.
pub fn parse_scenario(json: &str) -> Result<Scenario, Error> {
    read_document(json, SCENARIO_FORMAT)
}

/// Reads a document whose `format` tag is `format`, strictly (as [`read_json`]). A document
/// refused whose tag is another format's (a market given as a scenario) is said to be of the
/// wrong format rather than to have unknown fields.
pub fn read_document<T: DeserializeOwned>(json: &str, format: &'static str) -> Result<T, Error> {
    serde_json::from_str(json).map_err(|_| {
        // only a refused document is read a second time, to learn its tag
        let tag = match serde_json::from_str::<serde_json::Value>(json) {
            Ok(serde_json::Value::Object(mut fields)) => fields.remove("format"),
            _ => None,
        };
        match tag {
            Some(serde_json::Value::String(got)) if got != format => Error::new(
                "format",
                ErrorKind::WrongFormat {
                    expected: format,
                    got,
                },
            ),
            _ => explain_failure::<T>(json),
        }
    })
}

/// Reads any document of the format (a scenario, an order, a price update) from JSON text,
/// strictly, with the engine's errors.
pub fn read_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    // Tracking the path costs as much as the parse itself, so it is done only to explain
    // a document already known to be bad.
    serde_json::from_str(json).map_err(|_| explain_failure::<T>(json))
}

/// Reads `json` again, tracking the path, and says what is wrong with it.
fn explain_failure<T: DeserializeOwned>(json: &str) -> Error {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let read: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);
    match read {
        Err(error) => {
            let path = error.path().clone();
            json_error(json, Some(&path), error.into_inner())
        }
        Ok(_) => match deserializer.end() {
            Err(error) => json_error(json, None, error),
            // the fast reader refused what this one read: say so, rather than nothing
            Ok(()) => Error::new(
                "",
                ErrorKind::Other {
                    detail: "the document could not be read".into(),
                },
            ),
        },
    }
}

/// The path as the engine writes it (`coins[0].balance`), leaving out the segments
/// serde_path_to_error cannot name (a key not yet read shows as `?`). Public so that the
/// adapters reading documents with serde_path_to_error name paths the same way.
pub fn path_text(path: &Path) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => text.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    text
}

/// A serde_json error met reading `json`, at `path` (`None`: after the document).
fn json_error(json: &str, path: Option<&Path>, error: serde_json::Error) -> Error {
    use serde_json::error::Category;
    let (line, column) = (error.line(), error.column());
    // serde_json's own suffix, exactly: its message is the rest
    let full = error.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = match line {
        0 => full.as_str(),
        _ => full.strip_suffix(&suffix).unwrap_or(&full),
    };
    let at = path.map(path_text).unwrap_or_default();
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => Error::new(
            at,
            ErrorKind::InvalidJson {
                problem: JsonProblem::of_message(message),
                line,
                column,
            },
        ),
        Category::Data => {
            let kind = kind_of_message(message);
            // not serde's words: the engine's decimal reader's, whose reason the value read
            // again gives, typed
            let number = match (&kind, path) {
                (ErrorKind::Other { .. }, Some(path)) => number_error_at(json, path),
                _ => None,
            };
            match number {
                Some(number) => Error::new(at, ErrorKind::Number(number)),
                None => at_field(at, kind),
            }
        }
    }
}

/// Why the number at `path` in `json` is refused, if a number is there and refused.
fn number_error_at(json: &str, path: &Path) -> Option<NumberError> {
    let text = match value_at(json, path)? {
        serde_json::Value::String(text) => text,
        serde_json::Value::Number(number) => number.to_string(),
        _ => return None,
    };
    parse_decimal(&text).err()
}

/// A reading error said by serde as `message` (without serde_json's position), at `path`:
/// its kind, and a missing field named by its own path, as the engine's other errors are
/// (`coins[0]` + "missing field `balance`" → `coins[0].balance`). Public so that the
/// adapters reading documents another way (serde-wasm-bindgen) say their errors the same way.
pub fn reading_error(path: String, message: &str) -> Error {
    at_field(path, kind_of_message(message))
}

/// A reading error of `kind` at `path`, a missing field named by its own path.
fn at_field(path: String, kind: ErrorKind) -> Error {
    let path = match &kind {
        ErrorKind::MissingField { field } if path.is_empty() => field.clone(),
        ErrorKind::MissingField { field } => format!("{path}.{field}"),
        _ => path,
    };
    Error::new(path, kind)
}

/// The kind of a reading error from serde's words: the one place they are read.
///
/// serde's data errors (`de::Error`'s `missing_field`, `unknown_field`, `duplicate_field`,
/// `unknown_variant`, `invalid_type`) and serde_json's syntax errors are recognized; any
/// other message (such as a visitor's own) is [`ErrorKind::Other`], kept as it is.
pub fn kind_of_message(message: &str) -> ErrorKind {
    let other = || ErrorKind::Other {
        detail: message.to_string(),
    };
    // "`name`" at the start of `text`, and what follows it
    let quoted = |text: &str| -> Option<(String, String)> {
        let (name, rest) = text.strip_prefix('`')?.split_once('`')?;
        Some((name.to_string(), rest.to_string()))
    };
    // "expected `a`", "expected `a` or `b`", "expected one of `a`, `b`", "there are no …"
    let names = |text: &str| -> Option<Vec<String>> {
        if text.starts_with("there are no ") {
            return Some(Vec::new());
        }
        let list = text
            .strip_prefix("expected one of ")
            .or_else(|| text.strip_prefix("expected "))?;
        let names: Vec<String> = list
            .split(", ")
            .flat_map(|part| part.split(" or "))
            .map(|name| {
                name.strip_prefix('`')?
                    .strip_suffix('`')
                    .map(str::to_string)
            })
            .collect::<Option<_>>()?;
        Some(names)
    };
    if let Some(rest) = message.strip_prefix("missing field ") {
        return match quoted(rest) {
            Some((field, tail)) if tail.is_empty() => ErrorKind::MissingField { field },
            _ => other(),
        };
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return match quoted(rest) {
            Some((field, tail)) if tail.is_empty() => ErrorKind::DuplicateField { field },
            _ => other(),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let found = quoted(rest).and_then(|(field, tail)| {
            Some(ErrorKind::UnknownField {
                expected: names(tail.strip_prefix(", ")?)?,
                field,
            })
        });
        return found.unwrap_or_else(other);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let found = quoted(rest).and_then(|(got, tail)| {
            Some(ErrorKind::UnknownVariant {
                expected: names(tail.strip_prefix(", ")?)?,
                got,
            })
        });
        return found.unwrap_or_else(other);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return match Found::of_message(rest) {
            Some((got, tail)) => match tail.strip_prefix(", expected ") {
                Some(expected) => ErrorKind::WrongType {
                    expected: Expected::of_message(expected),
                    got,
                },
                None => other(),
            },
            None => other(),
        };
    }
    match JsonProblem::of_message(message) {
        JsonProblem::Other(_) => other(),
        problem => ErrorKind::InvalidJson {
            problem,
            line: 0,
            column: 0,
        },
    }
}

/// What JSON text is wrong: serde_json's syntax errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonProblem {
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    ExpectedDoubleQuote,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    InvalidUnicodeCodePoint,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    LoneLeadingSurrogateInHexEscape,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimitExceeded,
    /// Bytes given as JSON text that are not UTF-8.
    NotUtf8,
    /// serde_json's words for a problem not listed above.
    Other(String),
}

impl JsonProblem {
    /// Every problem but [`JsonProblem::Other`].
    pub const ALL: [JsonProblem; 22] = [
        JsonProblem::EofWhileParsingList,
        JsonProblem::EofWhileParsingObject,
        JsonProblem::EofWhileParsingString,
        JsonProblem::EofWhileParsingValue,
        JsonProblem::ExpectedColon,
        JsonProblem::ExpectedListCommaOrEnd,
        JsonProblem::ExpectedObjectCommaOrEnd,
        JsonProblem::ExpectedSomeIdent,
        JsonProblem::ExpectedSomeValue,
        JsonProblem::ExpectedDoubleQuote,
        JsonProblem::InvalidEscape,
        JsonProblem::InvalidNumber,
        JsonProblem::NumberOutOfRange,
        JsonProblem::InvalidUnicodeCodePoint,
        JsonProblem::ControlCharacterWhileParsingString,
        JsonProblem::KeyMustBeAString,
        JsonProblem::LoneLeadingSurrogateInHexEscape,
        JsonProblem::TrailingComma,
        JsonProblem::TrailingCharacters,
        JsonProblem::UnexpectedEndOfHexEscape,
        JsonProblem::RecursionLimitExceeded,
        JsonProblem::NotUtf8,
    ];

    /// The problem serde_json words as `message` (its position left out).
    fn of_message(message: &str) -> JsonProblem {
        JsonProblem::ALL
            .into_iter()
            .find(|problem| problem.to_string() == message)
            .unwrap_or_else(|| JsonProblem::Other(message.to_string()))
    }
}

impl fmt::Display for JsonProblem {
    /// serde_json's words (its `ErrorCode`'s), so that messages stay as they were.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            JsonProblem::EofWhileParsingList => "EOF while parsing a list",
            JsonProblem::EofWhileParsingObject => "EOF while parsing an object",
            JsonProblem::EofWhileParsingString => "EOF while parsing a string",
            JsonProblem::EofWhileParsingValue => "EOF while parsing a value",
            JsonProblem::ExpectedColon => "expected `:`",
            JsonProblem::ExpectedListCommaOrEnd => "expected `,` or `]`",
            JsonProblem::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            JsonProblem::ExpectedSomeIdent => "expected ident",
            JsonProblem::ExpectedSomeValue => "expected value",
            JsonProblem::ExpectedDoubleQuote => "expected `\"`",
            JsonProblem::InvalidEscape => "invalid escape",
            JsonProblem::InvalidNumber => "invalid number",
            JsonProblem::NumberOutOfRange => "number out of range",
            JsonProblem::InvalidUnicodeCodePoint => "invalid unicode code point",
            JsonProblem::ControlCharacterWhileParsingString => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            JsonProblem::KeyMustBeAString => "key must be a string",
            JsonProblem::LoneLeadingSurrogateInHexEscape => "lone leading surrogate in hex escape",
            JsonProblem::TrailingComma => "trailing comma",
            JsonProblem::TrailingCharacters => "trailing characters",
            JsonProblem::UnexpectedEndOfHexEscape => "unexpected end of hex escape",
            JsonProblem::RecursionLimitExceeded => "recursion limit exceeded",
            JsonProblem::NotUtf8 => "the bytes are not UTF-8",
            JsonProblem::Other(message) => message,
        })
    }
}

/// An object of the format, as a wrong-type error names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Scenario,
    Settings,
    Coin,
    DiscountTier,
    LoanTier,
    Contract,
    PositionTier,
    Position,
    Order,
    MarketReference,
    Market,
    MarketCoin,
    MarketContract,
    /// An exchange's answer read by an importer (the CLI's `market from-bitget`).
    Answer,
    /// An object within an exchange's answer.
    AnswerEntry,
}

impl Section {
    pub const ALL: [Section; 15] = [
        Section::Scenario,
        Section::Settings,
        Section::Coin,
        Section::DiscountTier,
        Section::LoanTier,
        Section::Contract,
        Section::PositionTier,
        Section::Position,
        Section::Order,
        Section::MarketReference,
        Section::Market,
        Section::MarketCoin,
        Section::MarketContract,
        Section::Answer,
        Section::AnswerEntry,
    ];
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Section::Scenario => "the scenario",
            Section::Settings => "the settings",
            Section::Coin => "a coin",
            Section::DiscountTier => "a discount tier",
            Section::LoanTier => "a loan tier",
            Section::Contract => "a contract",
            Section::PositionTier => "a position tier",
            Section::Position => "a position",
            Section::Order => "an order",
            Section::MarketReference => "the market named",
            Section::Market => "the market",
            Section::MarketCoin => "a market coin",
            Section::MarketContract => "a market contract",
            Section::Answer => "an exchange's answer",
            Section::AnswerEntry => "an entry of an exchange's answer",
        })
    }
}

/// The JSON type a value should have had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A decimal, as a string or a JSON number (the engine's own reader).
    Decimal,
    /// A string (a name).
    Text,
    /// A list.
    List,
    /// An object of names to values (a price update's prices).
    Map,
    /// One of the format's objects.
    Object(Section),
    /// One of a few names (`long` or `short`).
    Name,
    /// serde's words for another expectation.
    Other(String),
}

impl Expected {
    /// The expectation serde words as `message` (what the visitor's `expecting` wrote).
    fn of_message(message: &str) -> Expected {
        let known = [
            Expected::Decimal,
            Expected::Text,
            Expected::List,
            Expected::Map,
            Expected::Name,
        ];
        known
            .into_iter()
            .chain(Section::ALL.map(Expected::Object))
            .find(|expected| expected.to_string() == message)
            .unwrap_or_else(|| Expected::Other(message.to_string()))
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Expected::Decimal => {
                f.write_str("a decimal number, as a string such as \"50000\" or a JSON number")
            }
            Expected::Text => f.write_str("a string"),
            Expected::List => f.write_str("a sequence"),
            Expected::Map => f.write_str("a map"),
            Expected::Object(section) => write!(f, "a JSON object ({section})"),
            Expected::Name => f.write_str("variant identifier"),
            Expected::Other(words) => f.write_str(words),
        }
    }
}

/// The value found where another type belongs, as serde names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Null,
    Boolean(bool),
    /// An integer, as written.
    Integer(String),
    /// A number with a fraction or an exponent, as serde writes it.
    Float(String),
    /// A string, as serde quotes it (escaped as Rust's `Debug` escapes, without the quotes).
    Text(String),
    List,
    Object,
    /// serde's words for another value.
    Other(String),
}

impl Found {
    /// The value serde names at the start of `message`, and the rest of the message.
    fn of_message(message: &str) -> Option<(Found, &str)> {
        if let Some(rest) = message.strip_prefix("string \"") {
            // the closing quote is the first one not escaped
            let mut escaped = false;
            let end = rest.char_indices().find_map(|(i, c)| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes.then_some(i)
            })?;
            // the quote is one byte: what follows it starts at a character's boundary
            let (text, closing) = rest.split_at_checked(end)?;
            return Some((Found::Text(text.to_string()), closing.get(1..)?));
        }
        let simple = [
            ("null", Found::Null),
            ("sequence", Found::List),
            ("map", Found::Object),
        ];
        for (words, found) in simple {
            if let Some(rest) = message.strip_prefix(words) {
                if rest.is_empty() || rest.starts_with(',') {
                    return Some((found, rest));
                }
            }
        }
        if let Some((value, rest)) = message.strip_prefix("boolean ").and_then(ticked) {
            return Some((Found::Boolean(value == "true"), rest));
        }
        if let Some((value, rest)) = message.strip_prefix("integer ").and_then(ticked) {
            return Some((Found::Integer(value), rest));
        }
        if let Some((value, rest)) = message.strip_prefix("floating point ").and_then(ticked) {
            return Some((Found::Float(value), rest));
        }
        let (words, _) = message.split_once(", expected ")?;
        Some((Found::Other(words.to_string()), message.get(words.len()..)?))
    }
}

/// "`value`" at the start of `text`, and the rest.
fn ticked(text: &str) -> Option<(String, &str)> {
    let (value, rest) = text.strip_prefix('`')?.split_once('`')?;
    Some((value.to_string(), rest))
}

impl fmt::Display for Found {
    /// serde's words (its `Unexpected`'s, `null` as serde_json says it).
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Found::Null => f.write_str("null"),
            Found::Boolean(value) => write!(f, "boolean `{value}`"),
            Found::Integer(value) => write!(f, "integer `{value}`"),
            Found::Float(value) => write!(f, "floating point `{value}`"),
            Found::Text(value) => write!(f, "string \"{value}\""),
            Found::List => f.write_str("sequence"),
            Found::Object => f.write_str("map"),
            Found::Other(words) => f.write_str(words),
        }
    }
}

// ---- the value at a path, read again ----

/// The JSON value at `path` in `json`, read again after a failed read to learn what is
/// there. Only what leads to it is read: the document may be broken after it. `None` where
/// the path cannot be followed (a segment serde_path_to_error could not name).
pub fn value_at(json: &str, path: &Path) -> Option<serde_json::Value> {
    let steps: Vec<Step> = path
        .iter()
        .map(|segment| match segment {
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Map { key } => Some(Step::Key(key)),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect::<Option<_>>()?;
    let mut found = None;
    let mut deserializer = serde_json::Deserializer::from_str(json);
    // the walk stops with an error once the value is found (or cannot be): what it found
    // is kept either way
    let _ = Find {
        steps: &steps,
        found: &mut found,
    }
    .deserialize(&mut deserializer);
    found
}

enum Step<'a> {
    Index(usize),
    Key(&'a str),
}

/// Follows `steps` into a value and keeps what is at their end in `found`.
struct Find<'s, 'f> {
    steps: &'s [Step<'s>],
    found: &'f mut Option<serde_json::Value>,
}

impl<'de> DeserializeSeed<'de> for Find<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.steps.first() {
            None => {
                *self.found = Some(serde_json::Value::deserialize(d)?);
                Ok(())
            }
            Some(Step::Index(_)) => d.deserialize_seq(self),
            Some(Step::Key(_)) => d.deserialize_map(self),
        }
    }
}

impl<'de> Visitor<'de> for Find<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the value at the path")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (Some(Step::Index(index)), rest) = (self.steps.first(), &self.steps[1..]) else {
            return Ok(());
        };
        for _ in 0..*index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        let seed = Find {
            steps: rest,
            found: self.found,
        };
        seq.next_element_seed(seed)?;
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (Some(Step::Key(wanted)), rest) = (self.steps.first(), &self.steps[1..]) else {
            return Ok(());
        };
        while let Some(key) = map.next_key::<String>()? {
            if key == *wanted {
                let seed = Find {
                    steps: rest,
                    found: self.found,
                };
                return map.next_value_seed(seed);
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of<T: DeserializeOwned>(json: &str) -> Path {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize::<_, T>(&mut deserializer)
            .err()
            .expect("the document is refused")
            .path()
            .clone()
    }

    #[test]
    fn the_value_at_a_path_is_read_even_when_the_document_is_broken_after_it() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            a: Vec<Inner>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            b: u8,
        }
        // `b` is 300 in the second element; the text is cut after it
        let json = r#"{"x": [1, {"y": 2}], "a": [{"b": 1}, {"b": "300", "c": ["#;
        let path = path_of::<Doc>(json);
        assert_eq!(path_text(&path), "a[1].b");
        assert_eq!(value_at(json, &path), Some(serde_json::json!("300")));
    }

    #[test]
    fn serde_s_words_are_read_into_kinds() {
        let table: [(&str, ErrorKind); 12] = [
            (
                "missing field `balance`",
                ErrorKind::MissingField {
                    field: "balance".into(),
                },
            ),
            (
                "duplicate field `coin`",
                ErrorKind::DuplicateField {
                    field: "coin".into(),
                },
            ),
            (
                "unknown field `up_to`, expected `up_to_usd` or `rate`",
                ErrorKind::UnknownField {
                    field: "up_to".into(),
                    expected: vec!["up_to_usd".into(), "rate".into()],
                },
            ),
            (
                "unknown field `x`, expected one of `a`, `b`, `c`",
                ErrorKind::UnknownField {
                    field: "x".into(),
                    expected: vec!["a".into(), "b".into(), "c".into()],
                },
            ),
            (
                "unknown field `x`, there are no fields",
                ErrorKind::UnknownField {
                    field: "x".into(),
                    expected: vec![],
                },
            ),
            (
                "unknown variant `up`, expected `long` or `short`",
                ErrorKind::UnknownVariant {
                    got: "up".into(),
                    expected: vec!["long".into(), "short".into()],
                },
            ),
            (
                "invalid type: integer `5`, expected a JSON object (the scenario)",
                ErrorKind::WrongType {
                    expected: Expected::Object(Section::Scenario),
                    got: Found::Integer("5".into()),
                },
            ),
            (
                r#"invalid type: string "a \"b\", expected c", expected a sequence"#,
                ErrorKind::WrongType {
                    expected: Expected::List,
                    got: Found::Text(r#"a \"b\", expected c"#.into()),
                },
            ),
            (
                "invalid type: floating point `1.5`, expected a string",
                ErrorKind::WrongType {
                    expected: Expected::Text,
                    got: Found::Float("1.5".into()),
                },
            ),
            (
                "invalid type: unit variant, expected something else",
                ErrorKind::WrongType {
                    expected: Expected::Other("something else".into()),
                    got: Found::Other("unit variant".into()),
                },
            ),
            (
                "trailing comma",
                ErrorKind::InvalidJson {
                    problem: JsonProblem::TrailingComma,
                    line: 0,
                    column: 0,
                },
            ),
            (
                "something new",
                ErrorKind::Other {
                    detail: "something new".into(),
                },
            ),
        ];
        for (message, want) in table {
            let kind = kind_of_message(message);
            assert_eq!(kind, want, "{message}");
            // and the kind says it again as serde said it (a syntax error saying what it is)
            let again = kind.to_string();
            assert!(
                again == message || again == format!("invalid JSON: {message}"),
                "{message}: {again}"
            );
        }
    }

    #[test]
    fn serde_json_s_syntax_words_are_each_a_problem() {
        for problem in JsonProblem::ALL {
            assert_eq!(JsonProblem::of_message(&problem.to_string()), problem);
        }
        // serde_json's words, from its `ErrorCode`, as this version of it writes them
        let mut wrong = Vec::new();
        for (json, want) in [
            ("[1 2]", JsonProblem::ExpectedListCommaOrEnd),
            (r#"{"a" 1}"#, JsonProblem::ExpectedColon),
            (r#"{"a": 1 "b"}"#, JsonProblem::ExpectedObjectCommaOrEnd),
            ("trux", JsonProblem::ExpectedSomeIdent),
            (r#""\q""#, JsonProblem::InvalidEscape),
            ("-x", JsonProblem::InvalidNumber),
            ("\"\u{1}\"", JsonProblem::ControlCharacterWhileParsingString),
            (
                r#""\ud800\u0041""#,
                JsonProblem::LoneLeadingSurrogateInHexEscape,
            ),
            (&"[".repeat(200), JsonProblem::RecursionLimitExceeded),
        ] {
            let error = read_json::<serde_json::Value>(json).unwrap_err();
            match error.kind() {
                ErrorKind::InvalidJson { problem, .. } if *problem == want => {}
                other => wrong.push(format!("{json}: {other:?}, want {want:?}")),
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
