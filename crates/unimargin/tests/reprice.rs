//! `Account::set_mark_price` and `Account::set_price` (a price tick on a validated account)
//! against validating the changed scenario from scratch: the same account, or the same error
//! with the same path, for every contract and coin of the test accounts.
// tests work figures out with plain operators: an overflow here fails the test
#![allow(clippy::arithmetic_side_effects)]

use unimargin::scenario::Scenario;
use unimargin::{parse_scenario, Account, Decimal};

fn load(path: &str) -> Scenario {
    let path = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_scenario(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn accounts() -> Vec<(&'static str, Scenario)> {
    [
        "presets/futures-account.json",
        "presets/leveraged-long.json",
        "bench/typical.json",
        "accounts/quoted-and-in-debt.json",
    ]
    .into_iter()
    .map(|path| (path, load(path)))
    .collect()
}

/// New prices to try against a current one: moves either way, 1, and the invalid 0 and −1.
fn new_prices(current: Decimal) -> Vec<Decimal> {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    vec![
        current * d("0.5"),
        current * d("1.03"),
        current * d("2"),
        Decimal::ONE,
        Decimal::ZERO,
        d("-1"),
    ]
}

#[test]
fn moving_a_mark_price_is_validating_the_moved_scenario() {
    let mut tried = 0;
    for (name, scenario) in accounts() {
        let account = Account::from_scenario(&scenario).unwrap();
        for (i, contract) in scenario.contracts.iter().enumerate() {
            for mark in new_prices(contract.mark_price) {
                let mut moved = scenario.clone();
                moved.contracts[i].mark_price = mark;
                let expected = Account::from_scenario(&moved);
                let mut ticked = account.clone();
                let got = ticked.set_mark_price(i, mark).map(|()| ticked);
                assert_eq!(got, expected, "{name}: contracts[{i}] at {mark}");
                tried += 1;
            }
        }
    }
    assert!(tried >= 30, "only {tried} cases");
}

#[test]
fn moving_a_coin_price_is_validating_the_moved_scenario() {
    let mut tried = 0;
    let mut refused = 0;
    for (name, scenario) in accounts() {
        let account = Account::from_scenario(&scenario).unwrap();
        for (i, coin) in scenario.coins.iter().enumerate() {
            for price in new_prices(coin.price.unwrap_or(Decimal::ONE)) {
                let mut moved = scenario.clone();
                moved.coins[i].price = Some(price);
                let expected = Account::from_scenario(&moved);
                let mut ticked = account.clone();
                let got = ticked.set_price(i, price).map(|()| ticked);
                refused += usize::from(got.is_err());
                assert_eq!(got, expected, "{name}: coins[{i}] at {price}");
                tried += 1;
            }
        }
    }
    // zero and −1 everywhere, and anything but 1 for USDT and USDC
    assert!(
        tried >= 60 && refused > tried / 3,
        "{tried} cases, {refused} refused"
    );
}

#[test]
fn an_index_beyond_the_account_is_an_error_not_a_panic() {
    let scenario = load("presets/futures-account.json");
    let mut account = Account::from_scenario(&scenario).unwrap();
    let error = account.set_mark_price(7, Decimal::ONE).unwrap_err();
    assert_eq!(error.path(), "contracts[7]");
    let error = account.set_price(3, Decimal::ONE).unwrap_err();
    assert_eq!(error.path(), "coins[3]");
}
