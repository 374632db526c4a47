//! Evaluation speed on the benchmark accounts of `tests/fixtures/bench` (made by
//! `scripts/gen-bench-fixtures.py`). Figures go to BENCHMARKS.md.
//!
//! cargo bench -p unimargin --bench evaluate
// a benchmark: plain operators on its own counters
#![allow(clippy::arithmetic_side_effects)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use unimargin::evaluate::{evaluate, Evaluation};
use unimargin::{parse_scenario, Account};

fn load(name: &str) -> (String, Account) {
    let path = format!(
        "{}/../../tests/fixtures/bench/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let account = Account::from_scenario(&parse_scenario(&text).unwrap()).unwrap();
    (text, account)
}

fn accounts(c: &mut Criterion) {
    for name in ["typical", "positions-200", "large"] {
        let (text, account) = load(name);
        let check = account.check.expect("benchmark accounts carry a check");
        let mut without_check = account.clone();
        without_check.check = None;

        let mut group = c.benchmark_group(name);
        if name == "large" {
            group.sample_size(20);
        }
        // the account's figures, from a validated account, without the check
        group.bench_function("evaluate", |b| {
            b.iter(|| evaluate(black_box(&without_check)).unwrap())
        });
        // the same with the check and its largest-size search
        group.bench_function("evaluate+check", |b| {
            b.iter(|| evaluate(black_box(&account)).unwrap())
        });
        // the largest-size search alone, against the account evaluated once
        let evaluation = Evaluation::new(&without_check).unwrap();
        let (_, probes) = evaluation
            .max_order_size(&check.order, check.size_step)
            .unwrap();
        println!("{name}: largest-size search tries {probes} sizes");
        group.bench_function("max_size_search", |b| {
            b.iter(|| {
                evaluation
                    .max_order_size(black_box(&check.order), check.size_step)
                    .unwrap()
            })
        });
        // everything from JSON text: parse, validate, evaluate, check
        group.bench_function("json_to_report", |b| {
            b.iter(|| unimargin::evaluate_json(black_box(&text)).unwrap())
        });
        group.finish();
    }
}

/// What-if on the default preset (the futures account a first visit shows) and the typical
/// account: liquidation and warning prices of BTC, and a 200-point sweep.
fn what_if(c: &mut Criterion) {
    use unimargin::whatif::{liquidation_prices, sweep, PriceProbe};
    for (name, path) in [
        ("preset", "presets/futures-account"),
        ("typical", "bench/typical"),
    ] {
        let full = format!(
            "{}/../../tests/fixtures/{path}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let Ok(text) = std::fs::read_to_string(&full) else {
            println!("{full} is missing: skipped");
            continue;
        };
        let account = Account::from_scenario(&parse_scenario(&text).unwrap()).unwrap();
        let btc = account.coins.iter().position(|c| c.name == "BTC").unwrap();
        let evaluation = Evaluation::new(&account).unwrap();
        let found = liquidation_prices(&evaluation, btc).unwrap();
        println!(
            "{name}: liquidation prices after {} probes: {:?} / {:?}",
            found.probes, found.liquidation.below, found.liquidation.above
        );
        let mut group = c.benchmark_group(format!("{name}-whatif"));
        group.bench_function("liquidation_prices", |b| {
            b.iter(|| liquidation_prices(black_box(&evaluation), btc).unwrap())
        });
        let current = evaluation.usd_prices()[btc];
        group.bench_function("sweep_200", |b| {
            b.iter(|| {
                let mut probe = PriceProbe::new(&evaluation, btc).unwrap();
                sweep(
                    &mut probe,
                    current / rust_decimal_two(),
                    current * rust_decimal_two(),
                    200,
                )
                .unwrap()
            })
        });
        group.finish();
    }
}

fn rust_decimal_two() -> unimargin::Decimal {
    unimargin::Decimal::TWO
}

criterion_group!(benches, accounts, what_if);
criterion_main!(benches);
