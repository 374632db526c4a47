//! Evaluates one account N times, for profilers (callgrind counts instructions, not time):
//! `cargo run --release -p unimargin --example evaluate_loop -- FILE [N]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let runs: u32 = args.next().map_or(1000, |n| n.parse().expect("N"));
    let text = std::fs::read_to_string(path).expect("readable FILE");
    let mut account =
        unimargin::Account::from_scenario(&unimargin::parse_scenario(&text).unwrap()).unwrap();
    account.check = None;
    let mut total = unimargin::Decimal::ZERO;
    for _ in 0..runs {
        total = total.saturating_add(
            unimargin::evaluate::evaluate(&account)
                .unwrap()
                .account
                .adjusted_equity,
        );
    }
    println!("{total}");
}
