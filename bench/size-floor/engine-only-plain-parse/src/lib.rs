//! As engine-only, without the engine's second, path-tracking parse of a bad document.
use wasm_bindgen::prelude::*;

/// Parses and evaluates a scenario; its adjusted equity, or the error's text.
#[wasm_bindgen]
pub fn adjusted_equity(json: &str) -> String {
    match serde_json::from_str::<unimargin::Scenario>(json) {
        Ok(s) => match unimargin::evaluate_scenario(&s) {
            Ok(report) => report.account.adjusted_equity.to_string(),
            Err(e) => e.to_string(),
        },
        Err(e) => e.to_string(),
    }
}
