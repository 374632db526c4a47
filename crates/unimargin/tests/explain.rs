//! The "How is this computed?" text, exactly, for the seeds and hand-worked accounts.
// tests work figures out with plain operators: an overflow here fails the test
#![allow(clippy::arithmetic_side_effects)]

use std::path::PathBuf;
use unimargin::explain::english::{render_all, English as Explanation, EnglishExplanations};
use unimargin::explain::explain;

fn seed(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seeds")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The explanations of an account, written in English.
fn explained(json: &str) -> EnglishExplanations {
    let scenario = unimargin::parse_scenario(json).unwrap();
    let account = unimargin::Account::from_scenario(&scenario).unwrap();
    let report = unimargin::evaluate::evaluate(&account).unwrap();
    render_all(&explain(&account, &report))
}

// The next three accounts are those of tests/golden.rs, whose figures are worked out there.

/// A hedged BTCUSDT account with a pending futures buy, a pending spot sell and a check.
const HEDGED: &str = include_str!("../../../tests/fixtures/accounts/hedged.json");

/// USDT below par, a coin quoted in BTC, and a USDT debt from a losing position.
const QUOTED_AND_IN_DEBT: &str =
    include_str!("../../../tests/fixtures/accounts/quoted-and-in-debt.json");

/// A USDT loan larger than the discounted collateral: adjusted equity below zero.
const UNDERWATER: &str = include_str!("../../../tests/fixtures/accounts/underwater.json");

/// Seed 4's coins with its sale pending, and a second sale checked on what it leaves.
const PENDING_LOAN: &str = r#"{
  "format": "unimargin/scenario@1",
  "coins": [
    { "coin": "BTC", "balance": "1", "price": "50000", "discount_tiers": [ { "rate": "1" } ] },
    { "coin": "USDT", "balance": "100", "price": "1", "quote": "USDT",
      "discount_tiers": [ { "rate": "1" } ],
      "loan_tiers": [ { "leverage": "10", "mmr": "0.1" } ] },
    { "coin": "DOT", "balance": "0", "price": "5", "quote": "USDT",
      "discount_tiers": [ { "rate": "0.5" } ],
      "loan_tiers": [ { "up_to": "25", "leverage": "10", "mmr": "0.1" },
                      { "leverage": "5", "mmr": "0.2" } ] }
  ],
  "orders": [ { "market": "spot", "side": "sell", "base": "DOT", "quote": "USDT",
                "size": "20", "price": "5" } ],
  "check": { "market": "spot", "side": "sell", "base": "DOT", "quote": "USDT",
             "size": "10", "price": "5" }
}"#;

/// A buy of BTC that carries its value across a discount tier bound.
const ACROSS_TIERS: &str = r#"{
  "format": "unimargin/scenario@1",
  "settings": { "spot_taker_fee": "0.001" },
  "coins": [
    { "coin": "USDT", "balance": "200000", "discount_tiers": [ { "rate": "1" } ] },
    { "coin": "BTC", "balance": "19", "price": "50000",
      "discount_tiers": [ { "up_to_usd": "1000000", "rate": "0.98" }, { "rate": "0.97" } ] }
  ],
  "check": { "market": "spot", "side": "buy", "base": "BTC", "quote": "USDT",
             "size": "2", "price": "50000" }
}"#;

/// 30 coins (USDT and 29 others worth 10 USD each, 10 of them owed), 1,000 contracts with a
/// long position each, 30 pending spot orders and a futures check.
fn large_account() -> String {
    let mut coins = vec![
        r#"{ "coin": "USDT", "balance": "100000", "discount_tiers": [ { "rate": "1" } ],
        "loan_tiers": [ { "leverage": "10", "mmr": "0.1" } ] }"#
            .to_string(),
    ];
    for i in 1..30 {
        let balance = if i <= 10 { "-1" } else { "1" };
        coins.push(format!(
            r#"{{ "coin": "C{i}", "balance": "{balance}", "price": "10", "discount_tiers": [ {{ "rate": "1" }} ],
               "loan_tiers": [ {{ "leverage": "5", "mmr": "0.1" }} ] }}"#
        ));
    }
    let contracts: Vec<String> = (0..1000)
        .map(|j| {
            format!(
                r#"{{ "symbol": "K{j}", "base": "K{j}", "settle": "USDT", "mark_price": "100",
                   "leverage": "10", "liquidation_fee": "0.001", "mm_tiers": [ {{ "mmr": "0.01" }} ] }}"#
            )
        })
        .collect();
    let positions: Vec<String> = (0..1000)
        .map(|j| {
            format!(r#"{{ "symbol": "K{j}", "side": "long", "size": "1", "entry_price": "100" }}"#)
        })
        .collect();
    let orders: Vec<String> = (0..30)
        .map(|k| {
            format!(
                r#"{{ "market": "spot", "side": "sell", "base": "C{}", "quote": "USDT", "size": "1", "price": "10" }}"#,
                k % 29 + 1
            )
        })
        .collect();
    format!(
        r#"{{ "format": "unimargin/scenario@1", "settings": {{ "spot_taker_fee": "0.001" }},
             "coins": [{}], "contracts": [{}], "positions": [{}], "orders": [{}],
             "check": {{ "market": "futures", "symbol": "K999", "side": "buy", "size": "1", "price": "100" }} }}"#,
        coins.join(","),
        contracts.join(","),
        positions.join(","),
        orders.join(",")
    )
}

#[track_caller]
fn assert_worked(got: &Explanation, want: &[&str]) {
    assert_eq!(
        got.worked,
        want,
        "\n{} worked out:\n{}\n",
        got.title,
        got.worked.join("\n")
    );
}

const NOTHING_RESERVED: &[&str] = &[
    "No loans and no futures: nothing is reserved",
    "Margin reserved = 0 (loans) + 0 (derivatives) = 0.00 USD",
];

const NOTHING_TO_MAINTAIN: &[&str] = &[
    "No loans and no futures: nothing to maintain",
    "Maintenance margin = 0 (loans) + 0 (derivatives) = 0.00 USD",
];

const RATE_ZERO: &[&str] = &[
    "Cross margin rate = 0 %: there is nothing to maintain (no maintenance margin, no partial liquidation fee)",
    "Safe: below the warning rate of 80 % (partial liquidation from 100 %)",
];

fn with(lines: &[&'static str], more: &'static str) -> Vec<&'static str> {
    let mut all = lines.to_vec();
    all.push(more);
    all
}

#[test]
fn seed_1_btc_and_worthless_dot() {
    let e = explained(&seed("seed-1-btc-dot-collateral.json"));
    assert_worked(
        &e.adjusted_equity,
        &["Adjusted equity = 1 × 50,000 × 0.98 + 500 × 4 × 0 = 49,000.00 USD"],
    );
    assert_worked(
        &e.margin_reserved,
        &with(
            NOTHING_RESERVED,
            "Available margin = 49,000 − 0 = 49,000.00 USD",
        ),
    );
    assert_worked(&e.maintenance_margin, NOTHING_TO_MAINTAIN);
    assert_worked(&e.cross_margin_rate, RATE_ZERO);
    assert_eq!(e.check, None);
}

#[test]
fn seed_2_btc_across_two_tiers() {
    let e = explained(&seed("seed-2-btc-two-tiers.json"));
    assert_worked(
        &e.adjusted_equity,
        &[
            "BTC: 40 × 50,000 = 2,000,000 USD, discounted tier by tier: up to 1,000,000 USD at 0.98, above 1,000,000 USD at 0.97 = 1,950,000 USD",
            "Adjusted equity = 1,000,000 × 0.98 + 1,000,000 × 0.97 = 1,950,000.00 USD",
        ],
    );
    assert_worked(&e.cross_margin_rate, RATE_ZERO);
}

#[test]
fn seed_3_buy_dot_reads_as_the_article() {
    let e = explained(&seed("seed-3-buy-dot.json"));
    assert_worked(
        &e.adjusted_equity,
        &["Adjusted equity = 1 × 50,000 × 1 + 100 × 1 × 1 + 20 × 5 × 0.5 = 50,150.00 USD"],
    );
    assert_worked(
        &e.margin_reserved,
        &with(
            NOTHING_RESERVED,
            "Available margin = 50,150 − 0 = 50,150.00 USD",
        ),
    );
    assert_worked(&e.maintenance_margin, NOTHING_TO_MAINTAIN);
    assert_worked(
        e.check.as_ref().unwrap(),
        &[
            "The order: buy 20 DOT at 5 USDT, read as filled: DOT 20 → 40, USDT 100 → 0",
            "Spot trading loss = 20 × 5 × (1 − 0.5) = 50 USD",
            "Fee = 20 × 5 × 0 = 0 USD",
            "Adjusted equity after = 50,150 − 50 − 0 = 50,100.00 USD",
            "It opens no loan: the initial margin it adds is 0 USD",
            "Margin reserved after = 0 + 0 = 0.00 USD",
            "Headroom = 50,100 − 0 = 50,100.00 USD: accepted",
            "The largest size that passes is 16,720 (in steps of 0.00000001)",
        ],
    );
}

#[test]
fn seed_4_sell_dot_on_loan_shows_the_loan_margin() {
    let e = explained(&seed("seed-4-sell-dot-on-loan.json"));
    assert_worked(
        &e.adjusted_equity,
        &["Adjusted equity = 1 × 50,000 × 1 + 100 × 1 × 1 = 50,100.00 USD"],
    );
    assert_worked(
        e.check.as_ref().unwrap(),
        &[
            "The order: sell 20 DOT at 5 USDT, read as filled: DOT 0 → -20, USDT 100 → 200",
            "Spot trading loss = 20 × 5 × (1 − 1) = 0 USD",
            "Fee = 20 × 5 × 0 = 0 USD",
            "Adjusted equity after = 50,100 − 0 − 0 = 50,100.00 USD",
            "After the order, DOT loan 20 × 5 ÷ 10 = 10 USD (before: none)",
            "Initial margin it adds = max(0, 10 − 0) = 10 USD",
            "Margin reserved after = 0 + 10 = 10.00 USD",
            "Headroom = 50,100 − 10 = 50,090.00 USD: accepted",
            "The largest size that passes is 100,200 (in steps of 0.00000001)",
        ],
    );
}

#[test]
fn a_hedged_futures_account() {
    let e = explained(HEDGED);
    assert_worked(
        &e.adjusted_equity,
        &[
            "USDT equity = 10,000 balance + 2,400 unrealized PnL = 12,400 USDT",
            "Pending order 2 (sell 0.1 BTC at 50,000 USDT), read as filled: spot trading loss 0.1 × 50,000 × (0.98 − 1) = -100: a gain, not credited before it fills, so 0 USD; fee 0.1 × 50,000 × 0.001 = 5 USD",
            "Adjusted equity = 12,400 × 1 × 1 + 0.5 × 50,000 × 0.98 − 5 (pending fees) = 36,895.00 USD",
        ],
    );
    assert_worked(
        &e.margin_reserved,
        &[
            "BTCUSDT: long (1 × 50,000 + 0.5 × 49,000) × (1 ÷ 20 + 0.0006) = 3,769.7 USD; short 0.4 × 50,000 × (1 ÷ 20 + 0.0006) = 1,012 USD; the larger: 3,769.7 USD",
            "Margin reserved = 0 (loans) + 3,769.7 (derivatives) = 3,769.70 USD",
            "Available margin = 36,895 − 3,769.7 = 33,125.30 USD",
        ],
    );
    assert_worked(
        &e.maintenance_margin,
        &[
            "BTCUSDT: long side (1 + 0.5) × (0.004 + 0.0006) × 50,000 = 345 USD (notional 75,000 USD, in the tier up to 200,000 USD); short side 92 USD; the long side sets it",
            "Maintenance margin = 0 (loans) + 345 (derivatives) = 345.00 USD",
        ],
    );
    assert_worked(
        &e.cross_margin_rate,
        &[
            "BTCUSDT: partial liquidation fee on the long side's notional 75,000 USD × 0.0002 = 15 USD",
            "Cross margin rate = (345 + 15) ÷ 36,895 = 0.9757 %",
            "Safe: below the warning rate of 80 % (partial liquidation from 100 %)",
        ],
    );
    assert_worked(
        e.check.as_ref().unwrap(),
        &[
            "The order: sell 2 BTCUSDT at 50,000, an open order on the short side",
            "Adjusted equity after = 36,895.00 USD, unchanged: a futures order's fee is inside its initial margin",
            "BTCUSDT short side with it: (0.4 × 50,000 + 2 × 50,000) × (1 ÷ 20 + 0.0006) = 6,072 USD",
            "BTCUSDT reserves max(long 3,769.7, short 6,072) = 6,072 USD instead of 3,769.7 USD: the order adds 2,302.3 USD",
            "Margin reserved after = 3,769.7 + 2,302.3 = 6,072.00 USD",
            "Headroom = 36,895 − 6,072 = 30,823.00 USD: accepted",
            "The largest size that passes is 14.183 (in steps of 0.001)",
        ],
    );
}

#[test]
fn an_order_that_only_closes_reserves_nothing_extra() {
    // selling 0.5 against the 1.5 long: the short side grows to 0.9 × 50,000 × 0.0506 = 2,277
    let closing = HEDGED.replace(
        r#""side": "sell", "size": "2","#,
        r#""side": "sell", "size": "0.5","#,
    );
    let check = explained(&closing).check.unwrap();
    assert_eq!(
        check.worked[2..4],
        [
            "BTCUSDT short side with it: (0.4 × 50,000 + 0.5 × 50,000) × (1 ÷ 20 + 0.0006) = 2,277 USD",
            "BTCUSDT reserves max(long 3,769.7, short 2,277) = 3,769.7 USD, as before: the order adds nothing",
        ]
    );
}

#[test]
fn prices_through_a_quote_and_a_loan_in_tiers() {
    let e = explained(QUOTED_AND_IN_DEBT);
    assert_worked(
        &e.adjusted_equity,
        &[
            "USDT equity = 1,000 balance − 4,000 unrealized PnL = -3,000 USDT",
            "ETH: 0.05 BTC × 60,000 = 3,000 USD",
            "USDT: 1 USDT = 0.999 USD (the USDT/USD price in the settings)",
            "Adjusted equity = 1 × 60,000 × 0.95 + 10 × 3,000 × 0.9 − 3,000 × 0.999 = 81,003.00 USD",
        ],
    );
    assert_worked(
        &e.margin_reserved,
        &[
            "USDT loan: 3,000 × 0.999 ÷ 5 = 599.4 USD (the whole debt in the tier up to 5,000 USDT)",
            "ETHUSDT: long 20 × 3,003 × (1 ÷ 10 + 0.0005) × 0.999 = 6,029.99397 USD; short 0; the larger: 6,029.99397 USD",
            "Margin reserved = 599.4 (loans) + 6,029.99397 (derivatives) = 6,629.39 USD",
            "Available margin = 81,003 − 6,629.39397 = 74,373.61 USD",
        ],
    );
    assert_worked(
        &e.maintenance_margin,
        &[
            "USDT loan: 3,000 × 0.999 × 0.02 = 59.94 USD (the whole debt in the tier up to 5,000 USDT)",
            "ETHUSDT: long side 20 × (0.01 + 0.0005) × 3,003 × 0.999 = 629.99937 USD; short side 0 USD; the long side sets it",
            "Maintenance margin = 59.94 (loans) + 629.99937 (derivatives) = 689.94 USD",
        ],
    );
    assert_worked(
        &e.cross_margin_rate,
        &[
            "Cross margin rate = (689.93937 + 0) ÷ 81,003 = 0.8517 %",
            "Safe: below the warning rate of 80 % (partial liquidation from 100 %)",
        ],
    );
}

#[test]
fn an_underwater_account_is_unbounded_and_cancels_futures_orders() {
    let e = explained(UNDERWATER);
    assert_worked(
        &e.adjusted_equity,
        &["Adjusted equity = -1,000 × 1 + 0.01 × 50,000 × 0.5 = -750.00 USD"],
    );
    assert_worked(
        &e.margin_reserved,
        &[
            "USDT loan: 1,000 × 1 ÷ 5 = 200 USD",
            "Margin reserved = 200 (loans) + 0 (derivatives) = 200.00 USD",
            "Available margin = -750 − 200 = -950.00 USD",
            "Adjusted equity, -750.00 USD, is below margin reserved, 200.00 USD: all futures open orders are cancelled; spot orders stay",
        ],
    );
    assert_worked(
        &e.cross_margin_rate,
        &[
            "Cross margin rate = (100 + 0) ÷ -750: unbounded, since adjusted equity is not above zero while there is margin to maintain",
            "Liquidation: an unbounded rate is past the liquidation rate of 100 %",
        ],
    );
    assert_worked(
        e.check.as_ref().unwrap(),
        &[
            "The order: buy 0.001 BTC at 50,000 USDT, read as filled: BTC 0.01 → 0.011, USDT -1,000 → -1,050",
            "Spot trading loss = 0.001 × 50,000 × (1 − 0.5) = 25 USD",
            "Fee = 0.001 × 50,000 × 0 = 0 USD",
            "Adjusted equity after = -750 − 25 − 0 = -775.00 USD",
            "After the order, USDT loan 1,050 × 1 ÷ 5 = 210 USD (before: 200 USD)",
            "Initial margin it adds = max(0, 210 − 200) = 10 USD",
            "Margin reserved after = 200 + 10 = 210.00 USD",
            "Headroom = -775 − 210 = -985.00 USD: rejected",
            "No size of this order passes at this price",
        ],
    );
}

#[test]
fn pending_orders_apply_in_list_order_and_the_check_comes_last() {
    let e = explained(PENDING_LOAN);
    assert_worked(
        &e.margin_reserved,
        &[
            "Pending order 1 (sell 20 DOT at 5 USDT), read as filled, adds 10 USD: DOT loan 20 × 5 ÷ 10 = 10 USD (the whole debt in the tier up to 25 DOT; before: none)",
            "Margin reserved = 10 (loans) + 0 (derivatives) = 10.00 USD",
            "Available margin = 50,100 − 10 = 50,090.00 USD",
        ],
    );
    assert_worked(
        &e.maintenance_margin,
        &[
            "Pending order 1 (sell 20 DOT at 5 USDT), read as filled, adds 10 USD: DOT loan 20 × 5 × 0.1 = 10 USD (the whole debt in the tier up to 25 DOT; before: none)",
            "Maintenance margin = 10 (loans) + 0 (derivatives) = 10.00 USD",
        ],
    );
    assert_worked(
        e.check.as_ref().unwrap(),
        &[
            "The order: sell 10 DOT at 5 USDT, read as filled on the balances the pending orders leave: DOT -20 → -30, USDT 200 → 250",
            "Spot trading loss = 10 × 5 × (1 − 1) = 0 USD",
            "Fee = 10 × 5 × 0 = 0 USD",
            "Adjusted equity after = 50,100 − 0 − 0 = 50,100.00 USD",
            "After the order, DOT loan 30 × 5 ÷ 5 = 30 USD (the whole debt in the tier above 25 DOT; before: 10 USD)",
            "Initial margin it adds = max(0, 30 − 10) = 20 USD",
            "Margin reserved after = 10 + 20 = 30.00 USD",
            "Headroom = 50,100 − 30 = 50,070.00 USD: accepted",
            "The largest size that passes is 50,080 (in steps of 0.00000001)",
        ],
    );
}

#[test]
fn a_fill_across_a_tier_bound_is_worked_by_contributions() {
    let e = explained(ACROSS_TIERS);
    assert_worked(
        e.check.as_ref().unwrap(),
        &[
            "The order: buy 2 BTC at 50,000 USDT, read as filled: BTC 19 → 21, USDT 200,000 → 100,000",
            "Spot trading loss = (USDT 200,000 + BTC 931,000) − (USDT 100,000 + BTC 1,028,500) = 2,500 USD",
            "Fee = 2 × 50,000 × 0.001 = 100 USD",
            "Adjusted equity after = 1,131,000 − 2,500 − 100 = 1,128,400.00 USD",
            "It opens no loan: the initial margin it adds is 0 USD",
            "Margin reserved after = 0 + 0 = 0.00 USD",
            "Headroom = 1,128,400 − 0 = 1,128,400.00 USD: accepted",
            "The largest size that passes is 4 (in steps of 0.00000001)",
        ],
    );
    // 5 BTC cost 250,000 USDT: USDT would be owed, and it has no borrowing tiers; the loss is
    // (200,000 + 931,000) − (−50,000 + 980,000 + 200,000 × 0.97) = 7,000, the fee 250
    // 1,131,000 − 7,000 − 250 = 1,123,750
    let refused = ACROSS_TIERS.replace(r#""size": "2""#, r#""size": "5""#);
    let check = explained(&refused).check.unwrap();
    assert_eq!(
        check.worked[4..],
        [
            "It would put USDT in debt, and USDT has no borrowing tiers: it cannot be borrowed",
            "Margin reserved after = 0 + 0 = 0.00 USD",
            "Headroom = 1,123,750 − 0 = 1,123,750.00 USD: rejected: USDT cannot be borrowed",
            "The largest size that passes is 4 (in steps of 0.00000001)",
        ]
    );
}

#[test]
fn readings_are_attached_to_what_they_concern() {
    let e = explained(HEDGED);
    let has = |x: &Explanation, words: &str| {
        assert!(
            x.readings.iter().any(|r| r.contains(words)),
            "{}: no reading says {words:?}",
            x.title
        )
    };
    has(&e.adjusted_equity, "like tax brackets");
    has(&e.adjusted_equity, "A tier holds its upper bound");
    has(&e.adjusted_equity, "counts in full, without a discount");
    has(
        &e.adjusted_equity,
        "read as filled at their limit price, one after another in list order",
    );
    has(&e.adjusted_equity, "never makes the account look safer");
    has(
        &e.adjusted_equity,
        "not taken off adjusted equity a second time",
    );
    has(&e.margin_reserved, "holds its whole debt");
    has(&e.margin_reserved, "cannot be borrowed");
    has(
        &e.margin_reserved,
        "an order that only closes a position reserves nothing extra",
    );
    has(
        &e.margin_reserved,
        "all futures open orders are cancelled; spot orders stay",
    );
    has(
        &e.maintenance_margin,
        "whole notional at mark price, open orders included",
    );
    has(&e.maintenance_margin, "on a tie, the long side");
    has(
        &e.cross_margin_rate,
        "of the side that sets the contract's maintenance margin",
    );
    has(&e.cross_margin_rate, "the rate is 0 %");
    has(&e.cross_margin_rate, "the rate is unbounded");
    let futures = e.check.as_ref().unwrap();
    has(futures, "as if it were the last pending order");
    has(futures, "reserves nothing extra");
    assert!(!futures
        .readings
        .iter()
        .any(|r| r.contains("borrowing tiers")));
    let spot = explained(&seed("seed-4-sell-dot-on-loan.json"))
        .check
        .unwrap();
    has(&spot, "without borrowing tiers in debt is refused");
    assert!(!spot
        .readings
        .iter()
        .any(|r| r.contains("reserves nothing extra")));
    assert!(e
        .adjusted_equity
        .formula
        .starts_with("Adjusted equity = Σ positive coin equity × USD price × discount rate"));
    assert_eq!(
        e.cross_margin_rate.formula,
        "Cross margin rate = (maintenance margin + partial liquidation fees) ÷ adjusted equity"
    );
}

#[test]
fn a_large_account_is_cut_short() {
    let e = explained(&large_account());
    let all = [
        &e.adjusted_equity,
        &e.margin_reserved,
        &e.maintenance_margin,
        &e.cross_margin_rate,
        e.check.as_ref().unwrap(),
    ];
    // at most 12 items of each kind (loans, pending orders, contracts) are written out
    for x in all {
        let chars: usize = x.worked.iter().map(|l| l.chars().count()).sum();
        assert!(
            x.worked.len() <= 40,
            "{}: {} lines",
            x.title,
            x.worked.len()
        );
        assert!(chars <= 6_000, "{}: {chars} characters", x.title);
    }
    // 12 coins written out, then the other 18 (worth 10 USD each) in one term
    assert_eq!(
        e.adjusted_equity.worked.last().unwrap(),
        "Adjusted equity = 100,000 × 1 × 1 − 1 × 10 − 1 × 10 − 1 × 10 − 1 × 10 − 1 × 10 − 1 × 10 − 1 × 10 − 1 × 10 − 1 × 10 − 1 × 10 + 1 × 10 × 1 + 180 (18 more coins) − 0.3 (pending fees) = 100,089.70 USD"
    );
    assert!(e
        .adjusted_equity
        .worked
        .contains(&"(and 18 more pending orders with a loss or a fee)".to_string()));
    // 12 contracts written out, 988 summed: 10 USD of initial margin, 1 of maintenance each
    let mr = &e.margin_reserved.worked;
    assert_eq!(mr[mr.len() - 3], "988 more contracts: 9,880 USD");
    assert_eq!(
        mr[mr.len() - 4],
        "K11: long 1 × 100 × (1 ÷ 10 + 0) = 10 USD; short 0; the larger: 10 USD"
    );
    let mm = &e.maintenance_margin.worked;
    assert_eq!(mm[mm.len() - 2], "988 more contracts: 988 USD");
    let cmr = &e.cross_margin_rate.worked;
    assert_eq!(
        cmr[cmr.len() - 3],
        "988 more contracts: 98.8 USD of partial liquidation fees"
    );
    assert_eq!(
        cmr[cmr.len() - 2],
        "Cross margin rate = (1,021 + 100) ÷ 100,089.7 = 1.1199 %"
    );
}

#[test]
fn a_report_of_another_account_gives_figures_not_a_panic() {
    let scenario = unimargin::parse_scenario(&seed("seed-1-btc-dot-collateral.json")).unwrap();
    let account = unimargin::Account::from_scenario(&scenario).unwrap();
    let other = unimargin::evaluate_json(HEDGED).unwrap();
    let e = render_all(&explain(&account, &other));
    assert_worked(&e.adjusted_equity, &["Adjusted equity = 36,895.00 USD"]);
    assert_worked(e.check.as_ref().unwrap(), &["Headroom = 30,823.00 USD"]);
}

#[test]
fn the_typed_lines_carry_the_numbers_and_the_renderer_words_them() {
    use unimargin::explain::english::line;
    use unimargin::explain::{FeeWorked, Line, Reading, SpotLoss, SpotLossWorked, Subject, Total};
    use unimargin::Decimal;
    let d = |text: &str| text.parse::<Decimal>().unwrap();
    let scenario = unimargin::parse_scenario(&seed("seed-3-buy-dot.json")).unwrap();
    let account = unimargin::Account::from_scenario(&scenario).unwrap();
    let report = unimargin::evaluate::evaluate(&account).unwrap();
    let check = explain(&account, &report).check.unwrap();
    assert_eq!(check.subject, Subject::OrderCheck);
    assert_eq!(check.readings[0], Reading::CheckedAsTheLastPendingOrder);
    // buy 20 DOT at 5 USDT: USDT (rate 1) paid for DOT (rate 0.5), the same 100 USD each way,
    // so the article's form: 20 × 5 × (1 − 0.5) = 50 lost
    let loss = SpotLossWorked {
        form: SpotLoss::OneRateEach {
            size: d("20"),
            price: d("5"),
            quote_usd: d("1"),
            paid_rate: d("1"),
            bought_rate: d("0.5"),
        },
        lost: d("50"),
    };
    assert_eq!(check.worked[1], Line::SpotTradingLoss(loss));
    assert_eq!(
        check.worked[2],
        Line::Fee(FeeWorked {
            size: d("20"),
            price: d("5"),
            quote_usd: d("1"),
            rate: d("0"),
            fee: d("0"),
        })
    );
    // AE after = 50,150 − 50 − 0 = 50,100
    let Line::Total {
        total: Total::AdjustedEquityAfter,
        terms,
        value,
        verdict: None,
    } = &check.worked[3]
    else {
        panic!("{:?}", check.worked[3]);
    };
    let values: Vec<(bool, Decimal)> = terms.iter().map(|t| (t.minus, t.value)).collect();
    assert_eq!(
        values,
        [(false, d("50150")), (true, d("50")), (true, d("0"))]
    );
    assert_eq!(*value, Some(d("50100")));
    // one renderer words every line: the same typed line, the same English
    assert_eq!(
        line(&check.worked[3]),
        "Adjusted equity after = 50,150 − 50 − 0 = 50,100.00 USD"
    );
}

#[test]
fn each_position_is_worked_out_with_its_side_tier_and_roi() {
    let e = explained(HEDGED);
    assert_eq!(e.positions.len(), 2);
    assert_eq!(e.positions[0].title, "Position 1: BTCUSDT long");
    // the long side holds 1 and has 0.5 open: 75,000 USD of notional, the first tier
    assert_worked(
        &e.positions[0],
        &[
            "Unrealized PnL = (50,000 − 48,000) × 1 = 2,000 USDT = 2,000.00 USD",
            "Initial margin = 1 × 50,000 × (1 ÷ 20 + 0.0006) = 2,530 USD",
            "Maintenance margin = 1 × (0.004 + 0.0006) × 50,000 = 230 USD (the long side's notional, 75,000 USD, is in the tier up to 200,000 USD)",
            "ROI = 2,000 ÷ 2,530 = 79.0513 %",
            "Available to close = 1, the whole position",
        ],
    );
    assert_worked(
        &e.positions[1],
        &[
            "Unrealized PnL = −(50,000 − 51,000) × 0.4 = 400 USDT = 400.00 USD",
            "Initial margin = 0.4 × 50,000 × (1 ÷ 20 + 0.0006) = 1,012 USD",
            "Maintenance margin = 0.4 × (0.004 + 0.0006) × 50,000 = 92 USD (the short side's notional, 20,000 USD, is in the tier up to 200,000 USD)",
            "ROI = 400 ÷ 1,012 = 39.5256 %",
            "Available to close = 0.4, the whole position",
        ],
    );
    assert!(e.positions[0]
        .readings
        .iter()
        .any(|r| r.contains("its whole side's notional")));
    assert!(!e.positions[0]
        .readings
        .iter()
        .any(|r| r.contains("one-way")));
    // settled below par: the USD figure converts, a single position tier gives no tier note
    let quoted = explained(QUOTED_AND_IN_DEBT);
    assert_worked(
        &quoted.positions[0],
        &[
            "Unrealized PnL = (3,003 − 3,203) × 20 = -4,000 USDT × 0.999 = -3,996.00 USD",
            "Initial margin = 20 × 3,003 × (1 ÷ 10 + 0.0005) × 0.999 = 6,029.99397 USD",
            "Maintenance margin = 20 × (0.01 + 0.0005) × 3,003 × 0.999 = 629.99937 USD",
            "ROI = -3,996 ÷ 6,029.99397 = -66.2687 %",
            "Available to close = 20, the whole position",
        ],
    );
    // one-way mode says so
    let one_way = HEDGED
        .replace(
            r#""spot_taker_fee": "0.001""#,
            r#""spot_taker_fee": "0.001", "position_mode": "one_way""#,
        )
        .replace(
            r#"{ "symbol": "BTCUSDT", "side": "short", "size": "0.4", "entry_price": "51000" }"#,
            "",
        )
        .replace(
            r#""entry_price": "48000" },"#,
            r#""entry_price": "48000" }"#,
        );
    let e = explained(&one_way);
    assert_eq!(e.positions.len(), 1);
    assert!(e.positions[0]
        .readings
        .iter()
        .any(|r| r.contains("one-way")));
    // 12 positions at most are written out; any other is explained on demand
    let large = large_account();
    assert_eq!(explained(&large).positions.len(), 12);
    let scenario = unimargin::parse_scenario(&large).unwrap();
    let account = unimargin::Account::from_scenario(&scenario).unwrap();
    let report = unimargin::evaluate::evaluate(&account).unwrap();
    let last = unimargin::explain::explain_position(&account, &report, 999).unwrap();
    assert_eq!(
        unimargin::explain::english::render(&last).title,
        "Position 1000: K999 long"
    );
    assert_eq!(
        unimargin::explain::explain_position(&account, &report, 1000),
        None
    );
}

/// The typed explanations travel as data (a Web Worker sends them to the page, which words
/// them in the reader's language): serialized and read back, they are the same values, and
/// the document holds numbers and ids, not sentences.
#[test]
fn the_typed_explanations_survive_serde_as_data() {
    let accounts = [
        seed("seed-3-buy-dot.json"),
        seed("seed-4-sell-dot-on-loan.json"),
        HEDGED.to_string(),
        QUOTED_AND_IN_DEBT.to_string(),
        UNDERWATER.to_string(),
        PENDING_LOAN.to_string(),
        large_account(),
    ];
    for json in accounts {
        let scenario = unimargin::parse_scenario(&json).unwrap();
        let account = unimargin::Account::from_scenario(&scenario).unwrap();
        let report = unimargin::evaluate::evaluate(&account).unwrap();
        let typed = explain(&account, &report);
        let document = serde_json::to_string(&typed).unwrap();
        let back: unimargin::explain::Explanations = serde_json::from_str(&document).unwrap();
        assert_eq!(back, typed);
        assert!(!document.contains("Adjusted equity"), "{document}");
    }
}
