//! Golden figures: the source articles' worked examples, and hand-worked accounts whose
//! arithmetic is written out beside each expected figure. One table; one row per figure.

use serde_json::Value;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn report_of(json: &str) -> Value {
    let report = unimargin::evaluate_json(json).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&unimargin::report_to_json(&report)).unwrap()
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(fixtures().join("seeds").join(name)).unwrap()
}

/// A hedged BTCUSDT account with a pending futures buy, a pending spot sell and a check.
const HEDGED: &str = include_str!("../../../tests/fixtures/accounts/hedged.json");

/// USDT below par, a coin quoted in BTC, and a USDT debt from a losing position.
const QUOTED_AND_IN_DEBT: &str =
    include_str!("../../../tests/fixtures/accounts/quoted-and-in-debt.json");

/// A USDT loan larger than the discounted collateral: adjusted equity below zero.
const UNDERWATER: &str = include_str!("../../../tests/fixtures/accounts/underwater.json");

/// One-way mode: a long whose side crosses into the second position tier only with a
/// pending buy.
const ONE_WAY: &str = r#"{
  "format": "unimargin/scenario@1",
  "settings": { "position_mode": "one_way" },
  "coins": [ { "coin": "USDT", "balance": "100000", "discount_tiers": [ { "rate": "1" } ] } ],
  "contracts": [
    { "symbol": "BTCUSDT", "base": "BTC", "settle": "USDT", "mark_price": "50000",
      "leverage": "20", "taker_fee": "0.0006",
      "mm_tiers": [ { "up_to_usd": "200000", "mmr": "0.004" },
                    { "up_to_usd": "1000000", "mmr": "0.005" }, { "mmr": "0.007" } ] }
  ],
  "positions": [ { "symbol": "BTCUSDT", "side": "long", "size": "3", "entry_price": "52000" } ],
  "orders": [ { "market": "futures", "symbol": "BTCUSDT", "side": "buy", "size": "2",
                "price": "49000" } ]
}"#;

#[test]
fn golden_figures() {
    let seed1 = seed("seed-1-btc-dot-collateral.json");
    let seed2 = seed("seed-2-btc-two-tiers.json");
    let seed3 = seed("seed-3-buy-dot.json");
    let seed4 = seed("seed-4-sell-dot-on-loan.json");
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, &str)] = &[
        // Seed 1: 50,000 × 1 × 0.98 + 4 × 500 × 0 = 49,000
        ("seed 1", &seed1, "/account/adjusted_equity", "49000"),
        ("seed 1", &seed1, "/coins/1/contribution", "0"),
        ("seed 1", &seed1, "/coins/1/haircut", "2000"),
        ("seed 1", &seed1, "/account/account_equity", "52000"),
        // Seed 2: 1,000,000 × 0.98 + 1,000,000 × 0.97 = 1,950,000
        ("seed 2", &seed2, "/account/adjusted_equity", "1950000"),
        ("seed 2", &seed2, "/coins/0/discount_slices/0/discounted_usd", "980000"),
        ("seed 2", &seed2, "/coins/0/discount_slices/1/discounted_usd", "970000"),
        // Seed 3: 1 × 50,000 × 1 + 100 × 1 × 1 + 20 × 5 × 0.5 = 50,150
        ("seed 3", &seed3, "/account/adjusted_equity", "50150"),
        // the order's loss: 20 × 5 × (1 − 0.5) = 50; accepted with 50,150 − 50 = 50,100 to spare
        ("seed 3", &seed3, "/check/spot_loss", "50"),
        ("seed 3", &seed3, "/check/accepted", "true"),
        ("seed 3", &seed3, "/check/adjusted_equity_after", "50100"),
        ("seed 3", &seed3, "/check/headroom", "50100"),
        // beyond 20 DOT the USDT runs out: h(s) = 50,150 − 2.5 s − (5 s − 100) ÷ 10 = 50,160 − 3 s
        ("seed 3", &seed3, "/check/max_size", "16720"),
        // Seed 4: 1 × 50,000 × 1 + 100 × 1 = 50,100; the DOT loan: 20 × 5 ÷ 10 = 10
        ("seed 4", &seed4, "/account/adjusted_equity", "50100"),
        ("seed 4", &seed4, "/check/spot_loss", "0"),
        ("seed 4", &seed4, "/check/initial_margin_added", "10"),
        ("seed 4", &seed4, "/check/margin_reserved_after", "10"),
        ("seed 4", &seed4, "/check/accepted", "true"),
        // h(s) = 50,100 − 5 s ÷ 10 ≥ 0 ⇔ s ≤ 100,200
        ("seed 4", &seed4, "/check/max_size", "100200"),

        // Hedged: PnL long (50,000 − 48,000) × 1 = 2,000; short −(50,000 − 51,000) × 0.4 = 400
        ("hedged", HEDGED, "/coins/0/unrealized_pnl", "2400"),
        ("hedged", HEDGED, "/coins/0/equity", "12400"),
        // Σ f = 12,400 + 0.5 × 50,000 × 0.98 = 12,400 + 24,500 = 36,900
        ("hedged", HEDGED, "/account/discounted_equity", "36900"),
        ("hedged", HEDGED, "/account/account_equity", "37400"),
        // spot sell 0.1 BTC at 50,000: BTC −4,900 of contribution, USDT +5,000: a gain, no loss;
        // fee 0.1 × 50,000 × 1 × 0.001 = 5
        ("hedged", HEDGED, "/orders/1/spot_loss", "0"),
        ("hedged", HEDGED, "/account/pending_fees", "5"),
        // AE = 36,900 − 0 − 5
        ("hedged", HEDGED, "/account/adjusted_equity", "36895"),
        // long: (1 × 50,000 + 0.5 × 49,000) × (1/20 + 0.0006) = 74,500 × 0.0506 = 3,769.7
        ("hedged", HEDGED, "/contracts/0/long/initial_margin", "3769.7"),
        // short: 0.4 × 50,000 × 0.0506 = 1,012
        ("hedged", HEDGED, "/contracts/0/short/initial_margin", "1012"),
        ("hedged", HEDGED, "/account/initial_margin_derivatives", "3769.7"),
        ("hedged", HEDGED, "/account/margin_reserved", "3769.7"),
        // 36,895 − 3,769.7
        ("hedged", HEDGED, "/account/available_margin", "33125.3"),
        // long notional 1.5 × 50,000 = 75,000 ≤ 200,000: mmr 0.4 %; 75,000 × 0.0046 = 345
        ("hedged", HEDGED, "/contracts/0/long/mmr", "0.004"),
        ("hedged", HEDGED, "/account/maintenance_margin", "345"),
        // the long side binds: 75,000 × 0.0002 = 15
        ("hedged", HEDGED, "/account/partial_liquidation_fees", "15"),
        // (345 + 15) ÷ 36,895 = 0.009757419704567014500609838731
        ("hedged", HEDGED, "/account/cross_margin_rate", "0.0097574197045670145006098387"),
        // held notional (1 + 0.4) × 50,000 = 70,000; ÷ 36,895
        ("hedged", HEDGED, "/account/position_value", "70000"),
        ("hedged", HEDGED, "/account/account_leverage", "1.8972760536658083751185797534"),
        ("hedged", HEDGED, "/account/risk", "safe"),
        // check: sell 2 opens on the short side: (20,000 + 100,000) × 0.0506 = 6,072 > 3,769.7
        ("hedged", HEDGED, "/check/initial_margin_added", "2302.3"),
        ("hedged", HEDGED, "/check/margin_reserved_after", "6072"),
        ("hedged", HEDGED, "/check/headroom", "30823"),
        // 36,895 − 1,012 − 2,530 s ≥ 0 ⇔ s ≤ 14.18300…, on a 0.001 grid
        ("hedged", HEDGED, "/check/max_size", "14.183"),

        // p(ETH) = 0.05 × p(BTC) = 0.05 × 60,000 = 3,000; p(USDT) = 0.999
        ("quoted", QUOTED_AND_IN_DEBT, "/coins/1/usd_price", "3000"),
        ("quoted", QUOTED_AND_IN_DEBT, "/coins/2/usd_price", "0.999"),
        // PnL (3,003 − 3,203) × 20 = −4,000; USDT equity 1,000 − 4,000 = −3,000
        ("quoted", QUOTED_AND_IN_DEBT, "/coins/2/equity", "-3000"),
        ("quoted", QUOTED_AND_IN_DEBT, "/coins/2/debt", "3000"),
        // f = 60,000 × 0.95 + 30,000 × 0.9 − 3,000 × 0.999 = 57,000 + 27,000 − 2,997 = 81,003
        ("quoted", QUOTED_AND_IN_DEBT, "/account/adjusted_equity", "81003"),
        ("quoted", QUOTED_AND_IN_DEBT, "/account/account_equity", "87003"),
        // loan: 3,000 ≤ 5,000, first tier: 3,000 × 0.999 ÷ 5 = 599.4; MM 2,997 × 0.02 = 59.94
        ("quoted", QUOTED_AND_IN_DEBT, "/account/initial_margin_loans", "599.4"),
        ("quoted", QUOTED_AND_IN_DEBT, "/account/maintenance_margin_loans", "59.94"),
        // futures: 20 × 3,003 × 0.999 = 59,999.94; IM 5,999.994 + 29.99997 = 6,029.99397
        ("quoted", QUOTED_AND_IN_DEBT, "/account/initial_margin_derivatives", "6029.99397"),
        // MM 59,999.94 × (0.01 + 0.0005) = 629.99937
        ("quoted", QUOTED_AND_IN_DEBT, "/account/maintenance_margin_derivatives", "629.99937"),
        ("quoted", QUOTED_AND_IN_DEBT, "/account/margin_reserved", "6629.39397"),
        ("quoted", QUOTED_AND_IN_DEBT, "/account/maintenance_margin", "689.93937"),
        // position value 59,999.94 + 2,997 = 62,996.94
        ("quoted", QUOTED_AND_IN_DEBT, "/account/position_value", "62996.94"),
        // all 3,000 of debt is from losses, 500 of it free: 2,500 × 0.00001 × 0.999 = 0.024975 an hour
        ("quoted", QUOTED_AND_IN_DEBT, "/coins/2/interest_bearing_debt", "2500"),
        ("quoted", QUOTED_AND_IN_DEBT, "/account/hourly_interest_usd", "0.024975"),
        ("quoted", QUOTED_AND_IN_DEBT, "/account/daily_interest_usd", "0.5994"),

        // each position's own figures (RULES §12); BTCUSDT: leverage 20, taker 0.0006, USDT at par
        // long 1 at 48,000: PnL (50,000 − 48,000) × 1 = 2,000; IM 1 × 50,000 × (1/20 + 0.0006)
        // = 2,530; its side (1 held + 0.5 open) × 50,000 = 75,000 ≤ 200,000: mmr 0.004, so
        // MM 1 × (0.004 + 0.0006) × 50,000 = 230; ROI 2,000 ÷ 2,530 = 0.79051383399209486166007905138…
        ("hedged", HEDGED, "/positions/0/unrealized_pnl_usd", "2000"),
        ("hedged", HEDGED, "/positions/0/initial_margin", "2530"),
        ("hedged", HEDGED, "/positions/0/maintenance_margin", "230"),
        ("hedged", HEDGED, "/positions/0/roi", "0.7905138339920948616600790514"),
        ("hedged", HEDGED, "/positions/0/available", "1"),
        // short 0.4 at 51,000: PnL −(50,000 − 51,000) × 0.4 = 400; IM 0.4 × 50,000 × 0.0506 = 1,012;
        // MM 20,000 × 0.0046 = 92; ROI 400 ÷ 1,012 = 0.39525691699604743083003952569…
        ("hedged", HEDGED, "/positions/1/unrealized_pnl", "400"),
        ("hedged", HEDGED, "/positions/1/unrealized_pnl_usd", "400"),
        ("hedged", HEDGED, "/positions/1/initial_margin", "1012"),
        ("hedged", HEDGED, "/positions/1/maintenance_margin", "92"),
        ("hedged", HEDGED, "/positions/1/roi", "0.3952569169960474308300395257"),
        ("hedged", HEDGED, "/positions/1/available", "0.4"),

        // ETHUSDT long 20 at 3,203, mark 3,003, settled in USDT at 0.999: PnL −4,000 USDT,
        // × 0.999 = −3,996 USD; IM 20 × 3,003 × 0.999 × (1/10 + 0.0005) = 59,999.94 × 0.1005
        // = 6,029.99397; MM 59,999.94 × 0.0105 = 629.99937;
        // ROI −3,996 ÷ 6,029.99397 = −4,000 ÷ 6,036.03 = −0.66268722985140895588656782686…
        ("quoted", QUOTED_AND_IN_DEBT, "/positions/0/unrealized_pnl", "-4000"),
        ("quoted", QUOTED_AND_IN_DEBT, "/positions/0/unrealized_pnl_usd", "-3996"),
        ("quoted", QUOTED_AND_IN_DEBT, "/positions/0/initial_margin", "6029.99397"),
        ("quoted", QUOTED_AND_IN_DEBT, "/positions/0/maintenance_margin", "629.99937"),
        ("quoted", QUOTED_AND_IN_DEBT, "/positions/0/roi", "-0.6626872298514089558865678269"),
        ("quoted", QUOTED_AND_IN_DEBT, "/positions/0/available", "20"),

        // one-way, long 3 at 52,000, mark 50,000: PnL (50,000 − 52,000) × 3 = −6,000;
        // IM 3 × 50,000 × 0.0506 = 7,590; ROI −6,000 ÷ 7,590 = −0.79051383399209486166007905138…
        // its side with the pending buy of 2: 5 × 50,000 = 250,000 > 200,000, the second tier:
        // mmr 0.005 for the position too: MM 3 × (0.005 + 0.0006) × 50,000 = 840
        ("one-way", ONE_WAY, "/positions/0/unrealized_pnl", "-6000"),
        ("one-way", ONE_WAY, "/positions/0/initial_margin", "7590"),
        ("one-way", ONE_WAY, "/positions/0/maintenance_margin", "840"),
        ("one-way", ONE_WAY, "/positions/0/roi", "-0.7905138339920948616600790514"),
        ("one-way", ONE_WAY, "/positions/0/available", "3"),
        ("one-way", ONE_WAY, "/contracts/0/long/mmr", "0.005"),

        // AE = 0.01 × 50,000 × 0.5 − 1,000 = −750; loan IM 1,000 ÷ 5 = 200, MM 1,000 × 0.1 = 100
        ("underwater", UNDERWATER, "/account/adjusted_equity", "-750"),
        ("underwater", UNDERWATER, "/account/margin_reserved", "200"),
        ("underwater", UNDERWATER, "/account/maintenance_margin", "100"),
        // a rate over AE ≤ 0 is unbounded: null; that is liquidation
        ("underwater", UNDERWATER, "/account/cross_margin_rate", "null"),
        ("underwater", UNDERWATER, "/account/account_leverage", "null"),
        ("underwater", UNDERWATER, "/account/risk", "liquidation"),
        // −750 < 200: futures orders are cancelled
        ("underwater", UNDERWATER, "/account/futures_orders_cancelled", "true"),
        ("underwater", UNDERWATER, "/check/accepted", "false"),
        ("underwater", UNDERWATER, "/check/max_size", "0"),
    ];
    let mut failures = Vec::new();
    for (name, json, pointer, want) in table {
        let report = report_of(json);
        let got = match report.pointer(pointer) {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => "<missing>".into(),
        };
        if got != *want {
            failures.push(format!("{name} {pointer}: got {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_reasons_name_the_binding_figures() {
    let report = report_of(&seed("seed-4-sell-dot-on-loan.json"));
    let reasons: Vec<&str> = report["check"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "Accepted: adjusted equity after the order, 50,100.00 USD, covers the margin reserved with it, 10.00 USD, with 50,090.00 USD to spare.",
            "It has no spot trading loss: the USDT it brings in counts for at least as much adjusted equity as the DOT it gives up.",
            "It borrows 20 DOT, adding 10.00 USD of loan initial margin.",
            "The largest size that passes is 100,200.",
        ]
    );
    let underwater = report_of(UNDERWATER);
    let first = underwater["check"]["reasons"][0].as_str().unwrap();
    assert!(
        first.starts_with("Rejected: adjusted equity after the order, -"),
        "{first}"
    );
}

#[test]
fn fixtures_match_the_shared_spec_examples_when_present() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/examples");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        return; // outside the workplace the copies in tests/fixtures stand alone
    };
    let mut compared = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let ours = std::fs::read_to_string(fixtures().join("seeds").join(&name))
            .unwrap_or_else(|_| panic!("tests/fixtures/seeds lacks {name}"));
        assert_eq!(ours, std::fs::read_to_string(&path).unwrap(), "{name}");
        compared += 1;
    }
    assert_eq!(compared, 4);
}
