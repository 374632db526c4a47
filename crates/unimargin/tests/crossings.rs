//! Liquidation and warning prices that cannot miss a crossing (RULES §11, issue 9): accounts
//! whose rate is past a threshold only on a price window narrower than the old search's
//! sample step (48 samples each side: 9,375 apart above a price of 50,000), checked against
//! a hand-derived price and a dense brute-force scan.

// tests work figures out with plain operators (the lint is for the library)
#![allow(clippy::arithmetic_side_effects)]

use proptest::prelude::*;
use unimargin::evaluate::{evaluate, Evaluation};
use unimargin::whatif::{liquidation_prices, shock, PriceProbe};
use unimargin::{parse_scenario, Account, Decimal};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// USDT `collateral`, 1 BTC long on BTCUSDT entered at 50,000 (the mark and BTC's price),
/// no fees (USDT borrowable, for the prices where the loss exceeds the collateral: the
/// account is past every threshold there already); the position's MMR is `low` up to a notional of `bound` USD and `high` above it
/// (a tier's MMR applies to the whole notional, so the margin jumps at the bound).
fn long_with_tier_jump(collateral: &str, bound: &str, low: &str, high: &str) -> Account {
    let text = format!(
        r#"{{"format":"unimargin/scenario@1",
        "coins":[{{"coin":"USDT","balance":"{collateral}","discount_tiers":[{{"rate":"1"}}],
                  "loan_tiers":[{{"leverage":"10","mmr":"0.01"}}]}},
                 {{"coin":"BTC","balance":"0","price":"50000","discount_tiers":[{{"rate":"1"}}]}}],
        "contracts":[{{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000",
                       "leverage":"10","taker_fee":"0","liquidation_fee":"0",
                       "mm_tiers":[{{"up_to_usd":"{bound}","mmr":"{low}"}},{{"mmr":"{high}"}}]}}],
        "positions":[{{"symbol":"BTCUSDT","side":"long","size":"1","entry_price":"50000"}}]}}"#
    );
    Account::from_scenario(&parse_scenario(&text).unwrap()).unwrap()
}

fn rate_at(account: &Account, x: usize, price: Decimal) -> Option<Decimal> {
    evaluate(&shock(account, x, price).unwrap())
        .unwrap()
        .account
        .cross_margin_rate
}

fn is_past(rate: Option<Decimal>, threshold: Decimal) -> bool {
    rate.is_none_or(|r| r >= threshold)
}

#[test]
fn a_crossing_narrower_than_the_old_sample_step_is_found() {
    // AE(p) = 1000 + (p − 50000) = p − 49000; MM(p) = 0.01 p up to p = 60000, 0.2 p above.
    // Rate at 50,000: 500 / 1000 = 0.5.
    // Liquidation (1) above: 0.2 p ≥ p − 49000 ⇔ p ≤ 61250, so past only on (60000, 61250]:
    // 1,250 wide, inside one old step (samples at 59,375 and 68,750, both safe: the old
    // search said "none"). The first price past is just above the bound, 60,000.
    // Warning (0.8) above: 0.2 p ≥ 0.8 (p − 49000) ⇔ p ≤ 65333.3…: also from just above 60,000.
    // Below: 0.01 p ≥ p − 49000 ⇔ p ≤ 49000 / 0.99 = 49494.949494…; warning 0.01 p ≥
    // 0.8 (p − 49000) ⇔ p ≤ 39200 / 0.79 = 49620.253164…
    let account = long_with_tier_jump("1000", "60000", "0.01", "0.2");
    let evaluation = Evaluation::new(&account).unwrap();
    let found = liquidation_prices(&evaluation, 1).unwrap();
    let tolerance = d("0.0001");
    for (prices, threshold) in [
        (&found.liquidation, Decimal::ONE),
        (&found.warning, d("0.8")),
    ] {
        let above = prices.above.expect("the narrow window above");
        assert!(
            above > d("60000") && above <= d("60000") + tolerance,
            "{above}"
        );
        assert!(is_past(rate_at(&account, 1, above), threshold));
        assert!(!is_past(rate_at(&account, 1, d("60000")), threshold));
    }
    // below: never on the safe side (rounded down), within 1e-9 relative of the hand value
    let below = found.liquidation.below.unwrap();
    let hand = d("49494.949494949494949494949495");
    assert!(below <= hand && hand - below < d("0.0001"), "{below}");
    let below = found.warning.below.unwrap();
    let hand = d("49620.253164556962025316455696");
    assert!(below <= hand && hand - below < d("0.0001"), "{below}");
}

/// The first price past `threshold` scanning from the current price up to `to` in `step`s.
fn scan_up(
    probe: &mut PriceProbe,
    to: Decimal,
    step: Decimal,
    threshold: Decimal,
) -> Option<Decimal> {
    let mut price = probe.current_price();
    while price <= to {
        if is_past(probe.at(price).unwrap().cross_margin_rate, threshold) {
            return Some(price);
        }
        price += step;
    }
    None
}

#[test]
fn the_search_agrees_with_a_dense_scan() {
    let account = long_with_tier_jump("1000", "60000", "0.01", "0.2");
    let evaluation = Evaluation::new(&account).unwrap();
    let found = liquidation_prices(&evaluation, 1).unwrap();
    let mut probe = PriceProbe::new(&evaluation, 1).unwrap();
    // every 10 from 50,000 to 500,000: the first past is 60,010
    let scanned = scan_up(&mut probe, d("500000"), d("10"), Decimal::ONE);
    assert_eq!(scanned, Some(d("60010")));
    let above = found.liquidation.above.unwrap();
    assert!(above <= d("60010") && above > d("60000"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Windows of every width, above the price: the price found is past the threshold, no
    /// scanned price before it is, and where the scan finds a past price the search found
    /// one at or before it.
    #[test]
    fn narrow_windows_are_never_missed(
        collateral in 200u32..5000,
        bound in 51_000u32..300_000,
        high in 2u32..90,
    ) {
        let high = Decimal::new(i64::from(high), 2);
        let account = long_with_tier_jump(
            &collateral.to_string(), &bound.to_string(), "0.005", &high.to_string());
        let evaluation = Evaluation::new(&account).unwrap();
        let found = liquidation_prices(&evaluation, 1).unwrap();
        let mut probe = PriceProbe::new(&evaluation, 1).unwrap();
        for (prices, threshold) in [(&found.liquidation, Decimal::ONE), (&found.warning, d("0.8"))] {
            if prices.already_past {
                continue;
            }
            let scanned = scan_up(&mut probe, d("500000"), d("250"), threshold);
            if let Some(above) = prices.above {
                prop_assert!(is_past(rate_at(&account, 1, above), threshold));
                // nothing past before it: the scan's first past is not before it
                if let Some(s) = scanned {
                    prop_assert!(above <= s, "found {} after the scan's {}", above, s);
                }
                let just_before = above - above * d("0.000001");
                prop_assert!(scan_up_between(&mut probe, just_before, threshold));
            } else {
                prop_assert!(scanned.is_none(), "missed the crossing at {:?}", scanned);
            }
        }
    }
}

/// No price from the current one to `to`, every 250, is past `threshold`.
fn scan_up_between(probe: &mut PriceProbe, to: Decimal, threshold: Decimal) -> bool {
    scan_up(probe, to, d("250"), threshold).is_none()
}
