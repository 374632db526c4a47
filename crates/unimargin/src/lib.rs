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
//! The rules are those of the repository's `docs/rules.md`, one function each in [`rules`];
//! the documents are those of `docs/format.md`, in [`scenario`], [`report`] and [`market`].
//!
//! Total on its input: every operation is checked (Clippy's `arithmetic_side_effects` is
//! denied, in `Cargo.toml`), and the library neither unwraps, nor panics, nor slices text at
//! a byte that may not start a character (denied below, outside tests). Indexing is left to
//! review: the indices are those validation resolved, into the account's own lists.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::string_slice
    )
)]

pub mod error;
pub mod evaluate;
pub mod explain;
pub mod fill;
pub mod liquidation;
pub mod market;
pub mod model;
pub mod names;
pub mod num;
pub mod read;
pub mod record;
pub mod regime;
pub mod report;
pub mod rules;
pub mod scenario;
#[cfg(feature = "schema")]
pub mod schema;
pub mod text;
pub mod upgrade;
pub mod whatif;

#[cfg(test)]
mod testing;

pub use error::{Error, ErrorKind};
pub use market::{parse_market, Market, MarketDocument};
pub use model::Account;
pub use read::{parse_scenario, path_text, reading_error};
pub use report::Report;
pub use rust_decimal::Decimal;
pub use scenario::Scenario;

/// serde, for [`objects_only!`]'s expansion in other crates.
#[doc(hidden)]
pub use serde as __serde;

/// Validates a scenario and evaluates it.
pub fn evaluate_scenario(scenario: &Scenario) -> Result<Report, Error> {
    evaluate::evaluate(&Account::from_scenario(scenario)?)
}

/// Parses, validates and evaluates a scenario written as JSON.
pub fn evaluate_json(json: &str) -> Result<Report, Error> {
    evaluate_scenario(&parse_scenario(json)?)
}

/// Resolves a scenario against a market (MARKET.md: what the scenario leaves out comes from
/// the market), validates and evaluates it; the report names the market.
pub fn evaluate_with_market(scenario: &Scenario, market: Option<&Market>) -> Result<Report, Error> {
    evaluate::evaluate(&Account::with_market(scenario, market)?)
}

/// [`evaluate_with_market`] on a scenario written as JSON.
pub fn evaluate_json_with_market(json: &str, market: Option<&Market>) -> Result<Report, Error> {
    evaluate_with_market(&parse_scenario(json)?, market)
}

/// The report as JSON text (FORMAT.md's report document).
pub fn report_to_json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_else(|e| {
        // Reports hold only strings, booleans and lists: this cannot fail.
        Error::new(
            "",
            ErrorKind::Other {
                detail: e.to_string(),
            },
        )
        .to_json()
    })
}
