//! `liquidation_loop FILE COIN N`: the liquidation and warning prices of COIN, N times (for
//! timing the search, BENCHMARKS.md); prints the prices and the probes of one search.

use unimargin::evaluate::Evaluation;
use unimargin::whatif::liquidation_prices;
use unimargin::{parse_scenario, Account};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(coin), Some(n)) = (args.get(1), args.get(2), args.get(3)) else {
        return Err("usage: liquidation_loop FILE COIN N".into());
    };
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let scenario = parse_scenario(&text).map_err(|e| e.message())?;
    let account = Account::from_scenario(&scenario).map_err(|e| e.message())?;
    let x = (account.coins.iter())
        .position(|c| &c.name == coin)
        .ok_or("no such coin")?;
    let evaluation = Evaluation::new(&account).map_err(|e| e.message())?;
    let runs: u32 = n.parse().map_err(|_| "N: a count")?;
    let mut last = None;
    for _ in 0..runs {
        last = Some(liquidation_prices(&evaluation, x).map_err(|e| e.message())?);
    }
    if let Some(found) = last {
        println!(
            "{}",
            serde_json::to_string(&found).map_err(|e| e.to_string())?
        );
    }
    Ok(())
}
