//! What-if prices (RULES §11): the incremental probe agrees with a full evaluation of the
//! shocked account, and every liquidation or warning price found is verified by evaluating
//! the whole account there and just either side.

use unimargin::evaluate::{evaluate, Evaluation};
use unimargin::whatif::{liquidation_prices, shock, sweep, PriceProbe};
use unimargin::{parse_scenario, Account, Decimal};

fn account(path: &str) -> Account {
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Account::from_scenario(&parse_scenario(&text).unwrap()).unwrap()
}

fn coin(account: &Account, name: &str) -> usize {
    account.coins.iter().position(|c| c.name == name).unwrap()
}

/// A leveraged account: 2 BTC long on BTCUSDT at 20×, USDT collateral, some ETH.
const LEVERAGED: &str = r#"{
  "format": "unimargin/scenario@1",
  "coins": [
    { "coin": "USDT", "balance": "9000", "discount_tiers": [ { "rate": "1" } ],
      "loan_tiers": [ { "leverage": "10", "mmr": "0.02" } ] },
    { "coin": "BTC", "balance": "0.05", "price": "60000", "discount_tiers": [ { "rate": "0.95" } ],
      "loan_tiers": [ { "leverage": "5", "mmr": "0.05" } ] },
    { "coin": "ETH", "balance": "1", "price": "0.05", "quote": "BTC", "discount_tiers": [ { "rate": "0.9" } ] }
  ],
  "contracts": [
    { "symbol": "BTCUSDT", "base": "BTC", "settle": "USDT", "mark_price": "60030", "leverage": "20",
      "taker_fee": "0.0006", "liquidation_fee": "0.0002",
      "mm_tiers": [ { "up_to_usd": "200000", "mmr": "0.004" }, { "up_to_usd": "1000000", "mmr": "0.005" }, { "mmr": "0.007" } ] },
    { "symbol": "ETHUSDT", "base": "ETH", "settle": "USDT", "mark_price": "3000", "leverage": "10",
      "taker_fee": "0.0006", "mm_tiers": [ { "mmr": "0.01" } ] }
  ],
  "positions": [
    { "symbol": "BTCUSDT", "side": "long", "size": "2", "entry_price": "61000" },
    { "symbol": "BTCUSDT", "side": "short", "size": "0.5", "entry_price": "59000" },
    { "symbol": "ETHUSDT", "side": "short", "size": "3", "entry_price": "2900" }
  ],
  "orders": [
    { "market": "spot", "side": "buy", "base": "BTC", "quote": "USDT", "size": "0.01", "price": "59000" },
    { "market": "futures", "symbol": "BTCUSDT", "side": "buy", "size": "0.2", "price": "59500" }
  ]
}"#;

fn leveraged() -> Account {
    Account::from_scenario(&parse_scenario(LEVERAGED).unwrap()).unwrap()
}

fn accounts() -> Vec<(&'static str, Account)> {
    vec![
        ("leveraged", leveraged()),
        ("typical", account("bench/typical.json")),
        ("positions-200", account("bench/positions-200.json")),
        ("hedged seed 3", account("seeds/seed-3-buy-dot.json")),
    ]
}

#[test]
fn the_probe_agrees_with_a_full_evaluation_of_the_shocked_account() {
    let mut compared = 0;
    for (name, account) in accounts() {
        let evaluation = Evaluation::new(&account).unwrap();
        for x in 0..account.coins.len() {
            let mut probe = PriceProbe::new(&evaluation, x).unwrap();
            let current = probe.current_price();
            for factor in ["1", "0.5", "0.9137", "1.25", "3", "0", "0.00001"] {
                let price = current * factor.parse::<Decimal>().unwrap();
                let Ok(shocked) = shock(&account, x, price) else {
                    // a settle coin at 0 USD leaves its marks undefined: both refuse it
                    assert!(price.is_zero() && probe.at(price).is_err());
                    continue;
                };
                let fast = probe.at(price).unwrap();
                let full = evaluate(&shocked).unwrap().account;
                let what = format!("{name}, {} at {price}", account.coins[x].name);
                // a shocked mark is a quotient, rounded at the 28th digit; the probe sums
                // PnL as mark × Σ size − Σ cost, the full evaluation position by position
                let close = |a: Decimal, b: Decimal| {
                    (a - b).abs() <= Decimal::new(1, 18) * b.abs().max(Decimal::ONE)
                };
                assert!(
                    close(fast.adjusted_equity, full.adjusted_equity),
                    "AE: {what}: {} vs {}",
                    fast.adjusted_equity,
                    full.adjusted_equity
                );
                assert!(
                    close(fast.margin_reserved, full.margin_reserved),
                    "reserved: {what}"
                );
                assert!(
                    close(fast.maintenance_margin, full.maintenance_margin),
                    "MM: {what}"
                );
                assert!(
                    close(fast.partial_liquidation_fees, full.partial_liquidation_fees),
                    "fees: {what}"
                );
                match (fast.cross_margin_rate, full.cross_margin_rate) {
                    (Some(a), Some(b)) => assert!(close(a, b), "rate: {what}: {a} vs {b}"),
                    (a, b) => assert_eq!(a, b, "rate: {what}"),
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "{compared}");
}

#[test]
fn the_current_price_gives_the_current_figures() {
    for (name, account) in accounts() {
        let evaluation = Evaluation::new(&account).unwrap();
        let report = evaluation.report().account.clone();
        for x in 0..account.coins.len() {
            let mut probe = PriceProbe::new(&evaluation, x).unwrap();
            let now = probe.at(probe.current_price()).unwrap();
            assert_eq!(now.adjusted_equity, report.adjusted_equity, "{name} {x}");
            assert_eq!(
                now.cross_margin_rate, report.cross_margin_rate,
                "{name} {x}"
            );
        }
    }
}

#[test]
fn shocking_btc_moves_btc_quoted_coins_and_btc_marks() {
    let account = leveraged();
    let btc = coin(&account, "BTC");
    let shocked = shock(&account, btc, Decimal::new(30000, 0)).unwrap();
    let report = evaluate(&shocked).unwrap();
    // BTC at 30,000 USD; ETH is 0.05 BTC = 1,500 USD
    assert_eq!(report.coins[btc].usd_price.normalize().to_string(), "30000");
    assert_eq!(
        report.coins[coin(&account, "ETH")]
            .usd_price
            .normalize()
            .to_string(),
        "1500"
    );
    // marks keep their basis: 60,030 × 30,000 ÷ 60,000 = 30,015; ETH 3,000 × 1,500 ÷ 3,000 = 1,500
    assert_eq!(
        shocked.contracts[0].mark_price.normalize().to_string(),
        "30015"
    );
    assert_eq!(
        shocked.contracts[1].mark_price.normalize().to_string(),
        "1500"
    );
}

#[test]
fn shocking_usdt_sets_its_usd_price() {
    let account = leveraged();
    let shocked = shock(&account, coin(&account, "USDT"), Decimal::new(98, 2)).unwrap();
    assert_eq!(shocked.settings.usdt_usd, Decimal::new(98, 2));
    // USDT-settled marks are in USDT: the USD price of BTC did not move, so the mark rises
    // 60,030 × 60,000 × 1 ÷ (60,000 × 0.98) = 61,255.10204…
    assert!(shocked.contracts[0].mark_price > Decimal::new(61255, 0));
}

fn rate_at(account: &Account, x: usize, price: Decimal) -> Option<Decimal> {
    evaluate(&shock(account, x, price).unwrap())
        .unwrap()
        .account
        .cross_margin_rate
}

#[test]
fn liquidation_and_warning_prices_verify_by_full_evaluation() {
    let account = leveraged();
    let evaluation = Evaluation::new(&account).unwrap();
    let btc = coin(&account, "BTC");
    let found = liquidation_prices(&evaluation, btc).unwrap();
    assert!(!found.liquidation.already_past);
    // long 1.7 net BTC: the account breaks as BTC falls; shorts cannot break it going up in range
    let below = found.liquidation.below.expect("a liquidation price below");
    let warning = found.warning.below.expect("a warning price below");
    assert!(warning > below && below < found.current_price);
    let eps = Decimal::new(1, 6);
    for (price, threshold) in [(below, Decimal::ONE), (warning, Decimal::new(8, 1))] {
        let at = rate_at(&account, btc, price).unwrap();
        assert!(
            (at - threshold).abs() <= eps,
            "rate {at} at {price}, threshold {threshold}"
        );
        // just above the price the account is safe of it; just below it is past it
        let nudge = price * Decimal::new(1, 6);
        assert!(rate_at(&account, btc, price + nudge).unwrap() < threshold);
        assert!(rate_at(&account, btc, price - nudge).unwrap() > threshold);
    }
    assert!(found.probes < 400, "{} probes", found.probes);
}

#[test]
fn an_account_past_the_threshold_reports_that_instead_of_a_price() {
    let text = LEVERAGED.replace(r#""balance": "9000""#, r#""balance": "-60000""#);
    let account = Account::from_scenario(&parse_scenario(&text).unwrap()).unwrap();
    let evaluation = Evaluation::new(&account).unwrap();
    let found = liquidation_prices(&evaluation, coin(&account, "BTC")).unwrap();
    assert!(found.liquidation.already_past);
    assert_eq!(found.liquidation.below, None);
    assert_eq!(found.liquidation.above, None);
}

#[test]
fn a_sweep_has_its_points_in_order_and_matches_the_probe() {
    let account = leveraged();
    let evaluation = Evaluation::new(&account).unwrap();
    let mut probe = PriceProbe::new(&evaluation, 1).unwrap();
    let points = sweep(
        &mut probe,
        Decimal::new(30000, 0),
        Decimal::new(90000, 0),
        200,
    )
    .unwrap();
    assert_eq!(points.len(), 200);
    assert_eq!(points[0].usd_price, Decimal::new(30000, 0));
    assert_eq!(points[199].usd_price, Decimal::new(90000, 0));
    assert!(points.windows(2).all(|w| w[0].usd_price < w[1].usd_price));
    let mid = points[100];
    assert_eq!(
        mid.adjusted_equity,
        probe.at(mid.usd_price).unwrap().adjusted_equity
    );
}
