//! `fuzz --cases N [--seed S] [--limit-ms L]`: the long run of the fuzz suite (scripts/fuzz).
//! Exits 0 when no case found anything, 1 with the (shrunk) case otherwise.

use std::time::Duration;
use unimargin_fuzz::{run, Plan};

fn main() {
    let mut plan = Plan {
        cases: 10_000,
        seed: 1,
        limit: Duration::from_secs(10),
        progress_every: 10_000,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).and_then(|v| v.parse::<u64>().ok());
        match (pair[0].as_str(), value) {
            ("--cases", Some(n)) => plan.cases = u32::try_from(n).unwrap_or(u32::MAX),
            ("--seed", Some(s)) => plan.seed = s,
            ("--limit-ms", Some(ms)) => plan.limit = Duration::from_millis(ms),
            ("--progress", Some(n)) => plan.progress_every = n,
            _ => {
                eprintln!("usage: fuzz [--cases N] [--seed S] [--limit-ms L] [--progress N]");
                std::process::exit(2);
            }
        }
    }
    let summary = run(&plan);
    println!(
        "cases {} (seed {}): {} read, {} evaluated, {} entry point calls, {:.1?}",
        summary.cases, plan.seed, summary.parsed, summary.evaluated, summary.calls, summary.took
    );
    if let Some((reason, case)) = summary.failure {
        println!(
            "FOUND: {reason}\nscenario: {}\nmarket: {:?}",
            case.scenario, case.market
        );
        std::process::exit(1);
    }
    println!(
        "no panic, every refusal typed, every call within {:?}",
        plan.limit
    );
}
