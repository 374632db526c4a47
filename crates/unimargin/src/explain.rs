//! "How is this computed?": each headline figure written out with the account's own
//! numbers, the way the source articles work their examples
//! ("Adjusted equity = 1 × 50,000 × 1 + 100 × 1 × 1 + 20 × 5 × 0.5 = 50,150 USD"),
//! with the product's reading of any rule the articles leave vague.
//!
//! Pure text from a validated account and its report: the app, the CLI and the JS package
//! show the same words.

use crate::model::Account;
use crate::report::Report;
use serde::Serialize;

/// One figure explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The figure's name, e.g. "Adjusted equity".
    pub title: String,
    /// The rule in symbols, e.g. "Σ positive equity × USD price × discount rate + …".
    pub formula: String,
    /// The rule with this account's numbers, one line per step, ending in the figure.
    pub worked: Vec<String>,
    /// The product's readings of vague points of the source articles, in plain words.
    pub readings: Vec<String>,
}

/// The explanations of the headline figures (and of the check, when there is one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanations {
    pub adjusted_equity: Explanation,
    pub margin_reserved: Explanation,
    pub maintenance_margin: Explanation,
    pub cross_margin_rate: Explanation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<Explanation>,
}

/// Explains a report of `account` (the report must be `evaluate(account)`'s).
pub fn explain(account: &Account, report: &Report) -> Explanations {
    let _ = account;
    let placeholder = |title: &str, value: String| Explanation {
        title: title.to_string(),
        formula: String::new(),
        worked: vec![value],
        readings: Vec::new(),
    };
    let a = &report.account;
    Explanations {
        adjusted_equity: placeholder("Adjusted equity", a.adjusted_equity.to_string()),
        margin_reserved: placeholder("Margin reserved", a.margin_reserved.to_string()),
        maintenance_margin: placeholder("Maintenance margin", a.maintenance_margin.to_string()),
        cross_margin_rate: placeholder(
            "Cross margin rate",
            a.cross_margin_rate.map_or("unbounded".into(), |r| r.to_string()),
        ),
        check: report
            .check
            .as_ref()
            .map(|c| placeholder("Order check", c.headroom.to_string())),
    }
}
