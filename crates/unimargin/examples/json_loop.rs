//! Scenario JSON text → report JSON text, N times, for profilers (what the JS package's
//! `evaluateJson` does): `cargo run --release -p unimargin --example json_loop -- FILE [N]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let runs: u32 = args.next().map_or(1000, |n| n.parse().expect("N"));
    let text = std::fs::read_to_string(path).expect("readable FILE");
    let mut bytes = 0usize;
    for _ in 0..runs {
        let report = unimargin::evaluate_json(&text).unwrap();
        bytes = bytes.saturating_add(unimargin::report_to_json(&report).len());
    }
    println!("{bytes}");
}
