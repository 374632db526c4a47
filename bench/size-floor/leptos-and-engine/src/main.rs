//! Leptos and the engine: the default preset in a textarea, its adjusted equity as one types.
use leptos::prelude::*;

const PRESET: &str = include_str!("../../../../tests/fixtures/presets/futures-account.json");

fn adjusted_equity(json: &str) -> String {
    match unimargin::parse_scenario(json).and_then(|s| unimargin::evaluate_scenario(&s)) {
        Ok(report) => report.account.adjusted_equity.to_string(),
        Err(e) => e.to_string(),
    }
}

fn main() {
    mount_to_body(|| {
        let (text, set_text) = signal(PRESET.to_string());
        view! {
            <textarea on:input=move |ev| set_text.set(event_target_value(&ev)) prop:value=text />
            <p>"Adjusted equity: " {move || text.with(|t| adjusted_equity(t))}</p>
        }
    })
}
