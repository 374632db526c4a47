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
pub mod model;
pub mod num;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod text;

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
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let scenario: Scenario = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| classify_json_error(e.path().to_string(), e.into_inner()))?;
    deserializer
        .end()
        .map_err(|e| classify_json_error(String::new(), e))?;
    Ok(scenario)
}

fn classify_json_error(path: String, error: serde_json::Error) -> Error {
    use serde_json::error::Category;
    let path = if path == "." { String::new() } else { path };
    let message = error.to_string();
    // serde_json appends " at line L column C"; keep it only where the text is the problem.
    let plain = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.clone(),
    };
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => Error::InvalidJson { path, message },
        Category::Data => {
            if plain.contains("decimal") || plain.contains("too large") || plain.contains("finite")
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
