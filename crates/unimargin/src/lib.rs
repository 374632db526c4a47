//! # unimargin
//!
//! The margin engine of a crypto unified trading account (advanced mode): a scenario of
//! coins, futures positions and orders in; adjusted equity, tiered discounts, margin, risk
//! and an order's verdict out. Every figure is an exact [`Decimal`], every operation is
//! checked, and nothing here does IO: the text of a document comes in as an argument.
//!
//! ```
//! let report = unimargin::evaluate_json(r#"{
//!   "format": "unimargin/scenario@1",
//!   "coins": [{ "coin": "BTC", "balance": "40", "price": "50000",
//!               "discount_tiers": [{ "up_to_usd": "1000000", "rate": "0.98" },
//!                                  { "rate": "0.97" }] }]
//! }"#).unwrap();
//! assert_eq!(report.account.adjusted_equity.normalize().to_string(), "1950000");
//! ```
//!
//! The rules are those of `shared/spec/RULES.md`, one function each in [`rules`]; the
//! documents are those of `shared/spec/FORMAT.md`, in [`scenario`] and [`report`].

pub mod error;
pub mod evaluate;
pub mod explain;
pub mod fill;
pub mod liquidation;
pub mod model;
pub mod num;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod text;
pub mod upgrade;
pub mod whatif;

#[cfg(test)]
mod testing;

pub use error::Error;
pub use model::Account;
pub use report::Report;
pub use rust_decimal::Decimal;
pub use scenario::Scenario;

/// Reads a scenario from JSON text, strictly: unknown fields, bad numbers and wrong types
/// are errors whose path names where they are.
pub fn parse_scenario(json: &str) -> Result<Scenario, Error> {
    // Tracking the path costs as much as the parse itself, so it is done only to explain
    // a document already known to be bad.
    match serde_json::from_str(json) {
        Ok(scenario) => Ok(scenario),
        Err(_) => Err(parse_scenario_with_path(json)
            .err()
            .unwrap_or_else(|| Error::InvalidJson {
                path: String::new(),
                message: "the document could not be read".into(),
            })),
    }
}

fn parse_scenario_with_path(json: &str) -> Result<Scenario, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let scenario: Scenario = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| classify_json_error(path_text(e.path()), e.into_inner()))?;
    deserializer
        .end()
        .map_err(|e| classify_json_error(String::new(), e))?;
    Ok(scenario)
}

/// The path as the engine writes it (`coins[0].balance`), leaving out the segments
/// serde_path_to_error cannot name (a key not yet read shows as `?`). Public so that the
/// adapters reading documents with serde_path_to_error name paths the same way.
pub fn path_text(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
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

/// A reading error's path and message as the engine gives them: a missing field is named by
/// its own path, as the engine's other errors do (`coins[0]` + "missing field `balance`" →
/// `coins[0].balance`), and serde_json's " at line L column C" is left out of the message.
/// Public so that the adapters reading documents themselves say their errors the same way.
pub fn reading_error(path: String, message: &str) -> (String, String) {
    let path = match message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        Some(field) if path.is_empty() => field.to_string(),
        Some(field) => format!("{path}.{field}"),
        None => path,
    };
    // only serde_json's own suffix, at the very end: a value quoted in the message may hold
    // the same words
    let position = message.rfind(" at line ").filter(|&i| {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (message[i + " at line ".len()..].split_once(" column "))
            .is_some_and(|(line, column)| digits(line) && digits(column))
    });
    let plain = match position {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    };
    (path, plain)
}

fn classify_json_error(path: String, error: serde_json::Error) -> Error {
    use serde_json::error::Category;
    let message = error.to_string();
    // the position stays in the message only where the text is the problem
    let (path, plain) = reading_error(path, &message);
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => Error::InvalidJson { path, message },
        Category::Data => {
            // `true` or `{}` where a number goes is a wrong JSON type, not a bad number.
            let wrong_type = plain.starts_with("invalid type");
            if !wrong_type
                && (plain.contains("decimal")
                    || plain.contains("too large")
                    || plain.contains("exactly")
                    || plain.contains("finite"))
            {
                Error::Number {
                    path,
                    message: plain,
                }
            } else {
                Error::Field {
                    path,
                    message: plain,
                }
            }
        }
    }
}

/// Validates a scenario and evaluates it.
pub fn evaluate_scenario(scenario: &Scenario) -> Result<Report, Error> {
    evaluate::evaluate(&Account::from_scenario(scenario)?)
}

/// Parses, validates and evaluates a scenario written as JSON.
pub fn evaluate_json(json: &str) -> Result<Report, Error> {
    evaluate_scenario(&parse_scenario(json)?)
}

/// The report as JSON text (FORMAT.md's report document).
pub fn report_to_json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_else(|e| {
        // Reports hold only strings, booleans and lists: this cannot fail.
        Error::InvalidJson {
            path: String::new(),
            message: e.to_string(),
        }
        .to_json()
    })
}
