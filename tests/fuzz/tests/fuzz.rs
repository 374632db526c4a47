//! The fuzz suite's bounded share in CI (`cargo test`): a fixed number of random cases from a
//! fixed seed through every entry point, and the regression cases found before. The long
//! run is `scripts/fuzz --cases 1000000` (BENCHMARKS.md).

use std::time::Duration;
use unimargin_fuzz::drive::{drive, Case, Files};
use unimargin_fuzz::{run, Plan};

/// Generous: a debug build on a shared machine; a hang, not a slow case, is what it catches.
const LIMIT: Duration = Duration::from_secs(20);

#[test]
fn random_documents_through_every_entry_point() {
    let cases = std::env::var("UNIMARGIN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let summary = run(&Plan {
        cases,
        seed: 9,
        limit: LIMIT,
        progress_every: 0,
    });
    if let Some((reason, case)) = &summary.failure {
        panic!(
            "{reason}\nscenario: {}\nmarket: {:?}",
            case.scenario, case.market
        );
    }
    assert_eq!(summary.cases, u64::from(cases));
    // The generator must reach the engine: most documents read, a good share evaluated (so
    // the commands after evaluate are exercised, not only refusals).
    assert!(summary.parsed * 2 > summary.cases, "{summary:?}");
    assert!(summary.evaluated * 8 > summary.cases, "{summary:?}");
}

/// Each file of `regressions/` is a case once found (a scenario, or `{"scenario":…,
/// "market":…}` as text), driven again.
#[test]
fn the_regression_cases_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut count = 0;
    let files = Files::new("regressions");
    for entry in std::fs::read_dir(&dir).expect("tests/fuzz/regressions") {
        let path = entry.expect("a directory entry").path();
        let text = std::fs::read_to_string(&path).expect("a regression case");
        let pair: Option<(String, Option<String>)> =
            serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .filter(|v| v.get("scenario").is_some_and(|s| s.is_string()))
                .map(|v| {
                    let s = v["scenario"].as_str().unwrap_or_default().to_string();
                    (s, v["market"].as_str().map(str::to_string))
                });
        let (scenario, market) = pair.unwrap_or((text, None));
        let case = Case {
            scenario,
            market,
            ticks: 0b0101_0101,
        };
        if let Err(finding) = drive(&case, LIMIT, &files) {
            panic!("{}: {finding:?}", path.display());
        }
        count += 1;
    }
    assert!(count > 0, "no regression cases in {}", dir.display());
}
