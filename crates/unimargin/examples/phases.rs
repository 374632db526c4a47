//! Times each phase on one file: `cargo run --release -p unimargin --example phases -- FILE`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(path).unwrap();
    let runs = 20u32;
    let t = Instant::now();
    for _ in 0..runs {
        let _: serde_json::Value = serde_json::from_str(&text).unwrap();
    }
    println!(
        "serde_json::Value   {:?}",
        t.elapsed().checked_div(runs).unwrap_or_default()
    );
    let t = Instant::now();
    for _ in 0..runs {
        let _: unimargin::Scenario = serde_json::from_str(&text).unwrap();
    }
    println!(
        "typed, no path      {:?}",
        t.elapsed().checked_div(runs).unwrap_or_default()
    );
    let t = Instant::now();
    let mut scenario = None;
    for _ in 0..runs {
        scenario = Some(unimargin::parse_scenario(&text).unwrap());
    }
    println!(
        "parse_scenario      {:?}",
        t.elapsed().checked_div(runs).unwrap_or_default()
    );
    let scenario = scenario.unwrap();
    let t = Instant::now();
    let mut account = None;
    for _ in 0..runs {
        account = Some(unimargin::Account::from_scenario(&scenario).unwrap());
    }
    println!(
        "validate            {:?}",
        t.elapsed().checked_div(runs).unwrap_or_default()
    );
    let account = account.unwrap();
    let t = Instant::now();
    let mut report = None;
    for _ in 0..runs {
        report = Some(unimargin::evaluate::evaluate(&account).unwrap());
    }
    println!(
        "evaluate            {:?}",
        t.elapsed().checked_div(runs).unwrap_or_default()
    );
    let report = report.unwrap();
    let t = Instant::now();
    for _ in 0..runs {
        let _ = unimargin::report_to_json(&report);
    }
    println!(
        "report_to_json      {:?}",
        t.elapsed().checked_div(runs).unwrap_or_default()
    );
}
