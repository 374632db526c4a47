//! The engine alone: JSON text in, one figure (or the error) out.
use wasm_bindgen::prelude::*;

/// Parses and evaluates a scenario; its adjusted equity, or the error's text.
#[wasm_bindgen]
pub fn adjusted_equity(json: &str) -> String {
    match unimargin::parse_scenario(json).and_then(|s| unimargin::evaluate_scenario(&s)) {
        Ok(report) => report.account.adjusted_equity.to_string(),
        Err(e) => e.to_string(),
    }
}
