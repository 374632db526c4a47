//! Partial liquidation (RULES §9): the stages in order, each step lowering (never raising)
//! the cross margin rate, ending safe or taken over.

use unimargin::liquidation::{liquidate, LiquidationAction, LiquidationOutcome};
use unimargin::{parse_scenario, Account, Decimal};

fn account(json: &str) -> Account {
    Account::from_scenario(&parse_scenario(json).unwrap()).unwrap()
}

/// BTCUSDT tiers like Bitget's (0.4 % to 200k, 0.5 % to 1M, 0.7 % above), 20×, 0.06 % taker.
fn scenario(usdt: &str, btc: &str, positions: &str, orders: &str) -> String {
    format!(
        r#"{{
  "format": "unimargin/scenario@1",
  "coins": [
    {{ "coin": "USDT", "balance": "{usdt}", "discount_tiers": [ {{ "rate": "1" }} ],
      "loan_tiers": [ {{ "leverage": "10", "mmr": "0.02" }} ] }},
    {{ "coin": "BTC", "balance": "{btc}", "price": "50000", "discount_tiers": [ {{ "rate": "0.95" }} ],
      "loan_tiers": [ {{ "leverage": "5", "mmr": "0.05" }} ] }},
    {{ "coin": "ETH", "balance": "2", "price": "2500", "discount_tiers": [ {{ "rate": "0.9" }} ] }}
  ],
  "contracts": [
    {{ "symbol": "BTCUSDT", "base": "BTC", "settle": "USDT", "mark_price": "50000", "leverage": "20",
      "taker_fee": "0.0006", "liquidation_fee": "0.0002",
      "mm_tiers": [ {{ "up_to_usd": "200000", "mmr": "0.004" }}, {{ "up_to_usd": "1000000", "mmr": "0.005" }}, {{ "mmr": "0.007" }} ] }}
  ],
  "positions": [ {positions} ],
  "orders": [ {orders} ]
}}"#
    )
}

fn rate_key(rate: Option<Decimal>) -> Decimal {
    rate.unwrap_or(Decimal::MAX)
}

#[test]
fn a_safe_account_needs_nothing() {
    let plan = liquidate(&account(&scenario("100000", "1", "", ""))).unwrap();
    assert_eq!(plan.outcome, LiquidationOutcome::NotNeeded);
    assert!(plan.steps.is_empty());
}

#[test]
fn open_orders_go_first_then_hedges_are_closed() {
    // long 12 and short 10 BTC at 50,000: the long side binds, 600,000 notional in tier 2:
    // MM = 600,000 × (0.005 + 0.0006) = 3,360; fees 600,000 × 0.0002 = 120.
    // USDT 1,500 and BTC 0.01 × 50,000 × 0.95 = 475, ETH 5,000 × 0.9 = 4,500: AE ≈ 6,475 − losses
    let positions = r#"{ "symbol": "BTCUSDT", "side": "long", "size": "12", "entry_price": "50000" },
                       { "symbol": "BTCUSDT", "side": "short", "size": "10", "entry_price": "50000" }"#;
    let orders = r#"{ "market": "futures", "symbol": "BTCUSDT", "side": "buy", "size": "1", "price": "50000" }"#;
    let plan = liquidate(&account(&scenario("-2000", "0.01", positions, orders))).unwrap();
    assert!(
        rate_key(plan.starting_rate) >= Decimal::ONE,
        "{:?}",
        plan.starting_rate
    );
    assert_eq!(plan.steps[0].stage, 0);
    assert_eq!(
        plan.steps[0].action,
        LiquidationAction::CancelOrders { count: 1 }
    );
    let hedge = plan
        .steps
        .iter()
        .find(|s| s.stage == 1)
        .expect("a stage 1 step");
    // the overlap of 10 BTC at the mark of 50,000 USDT, at 1 USD each: 500,000 USD a side
    assert_eq!(
        hedge.action,
        LiquidationAction::CloseHedge {
            symbol: "BTCUSDT".into(),
            size: Decimal::new(10, 0),
            notional_usd: Decimal::new(500_000, 0),
        }
    );
    assert_eq!(
        hedge.description(),
        "Close the hedged 10 of BTCUSDT on both sides (500,000.00 USD a side) at the mark price."
    );
    assert_eq!(plan.outcome, LiquidationOutcome::Safe);
    assert!(rate_key(plan.steps.last().unwrap().cross_margin_rate) < Decimal::ONE);
}

#[test]
fn debts_are_repaid_from_the_highest_discount_rate_first() {
    // a USDT debt of 5,600 against BTC (0.95) and ETH (0.9), long 3 BTC (150,000 notional):
    // BTC is converted first
    let positions =
        r#"{ "symbol": "BTCUSDT", "side": "long", "size": "3", "entry_price": "50000" }"#;
    let plan = liquidate(&account(&scenario("-5600", "0.02", positions, ""))).unwrap();
    assert!(
        rate_key(plan.starting_rate) >= Decimal::ONE,
        "{:?}",
        plan.starting_rate
    );
    let stage2: Vec<_> = plan.steps.iter().filter(|s| s.stage == 2).collect();
    assert!(!stage2.is_empty());
    match &stage2[0].action {
        LiquidationAction::Convert {
            from_coin,
            to_coin,
            amount,
            ..
        } => {
            assert_eq!((from_coin.as_str(), to_coin.as_str()), ("BTC", "USDT"));
            assert_eq!(*amount, Decimal::new(2, 2)); // all 0.02 BTC: it covers 1,000 of 5,600
        }
        other => panic!("{other:?}"),
    }
    match &stage2[1].action {
        LiquidationAction::Convert { from_coin, .. } => assert_eq!(from_coin, "ETH"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn positions_at_their_first_tier_are_taken_over() {
    // long 3 BTC (150,000, first tier) with almost nothing behind it
    let positions =
        r#"{ "symbol": "BTCUSDT", "side": "long", "size": "3", "entry_price": "52000" }"#;
    let plan = liquidate(&account(&scenario("0", "0", positions, ""))).unwrap();
    assert_eq!(plan.outcome, LiquidationOutcome::TakenOver);
    assert!(plan.steps.iter().all(|s| s.stage != 3));
}

#[test]
fn stage_three_lowers_one_tier_at_a_time() {
    // long 30 BTC: 1,500,000 notional, third tier; AE too thin for it
    let positions =
        r#"{ "symbol": "BTCUSDT", "side": "long", "size": "30", "entry_price": "50000" }"#;
    let plan = liquidate(&account(&scenario("-1000", "0", positions, ""))).unwrap();
    let stage3: Vec<_> = plan.steps.iter().filter(|s| s.stage == 3).collect();
    assert!(!stage3.is_empty(), "{plan:#?}");
    match &stage3[0].action {
        // down to 1,000,000 ÷ 50,000 = 20 BTC: the top of tier 2
        LiquidationAction::ReducePosition {
            size, tier_after, ..
        } => {
            assert_eq!(*size, Decimal::new(10, 0));
            assert_eq!(*tier_after, 2);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn no_step_raises_the_rate_and_every_play_out_ends_safe_or_taken_over() {
    let mut played = 0;
    for usdt in [
        "-20000", "-8000", "-3000", "-1000", "0", "500", "2000", "8000",
    ] {
        for (long, short) in [("3", ""), ("30", "4"), ("12", "10"), ("", "25"), ("4", "4")] {
            let mut positions = Vec::new();
            if !long.is_empty() {
                positions.push(format!(r#"{{ "symbol": "BTCUSDT", "side": "long", "size": "{long}", "entry_price": "51000" }}"#));
            }
            if !short.is_empty() {
                positions.push(format!(r#"{{ "symbol": "BTCUSDT", "side": "short", "size": "{short}", "entry_price": "49000" }}"#));
            }
            let orders = r#"{ "market": "spot", "side": "buy", "base": "ETH", "quote": "USDT", "size": "1", "price": "2500" }"#;
            let plan = liquidate(&account(&scenario(
                usdt,
                "0.5",
                &positions.join(","),
                orders,
            )))
            .unwrap();
            let mut previous = rate_key(plan.starting_rate);
            for step in &plan.steps {
                let now = rate_key(step.cross_margin_rate);
                assert!(
                    now <= previous,
                    "{usdt} {long}/{short}: {} raised the rate {previous} → {now}",
                    step.description()
                );
                previous = now;
            }
            match plan.outcome {
                LiquidationOutcome::NotNeeded => assert!(plan.steps.is_empty()),
                LiquidationOutcome::Safe => assert!(previous < Decimal::ONE),
                LiquidationOutcome::TakenOver => assert!(previous >= Decimal::ONE),
            }
            played += 1;
        }
    }
    assert_eq!(played, 40);
}
