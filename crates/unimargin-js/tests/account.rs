//! The `Account` handle's operations on Rust types (`unimargin_js::core::Evaluated`): a price
//! update gives the same figures as evaluating the changed scenario from scratch, and a failed
//! update names the field and leaves the account as it was.

use unimargin::scenario::Scenario;
use unimargin::{evaluate_scenario, parse_scenario, report_to_json};
use unimargin_js::core::{Evaluated, Update};

fn preset() -> Scenario {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/presets/futures-account.json"
    );
    parse_scenario(&std::fs::read_to_string(path).expect("the preset")).expect("a valid preset")
}

fn update(json: &str) -> Update {
    serde_json::from_str(json).expect("a well-formed update")
}

/// The report JSON of a scenario evaluated from scratch.
fn fresh(scenario: &Scenario) -> String {
    report_to_json(&evaluate_scenario(scenario).expect("evaluates"))
}

#[test]
fn an_update_gives_the_figures_of_the_changed_scenario() {
    let mut account = Evaluated::new(preset(), None).unwrap();
    let before = report_to_json(&account.report().unwrap());
    assert_eq!(before, fresh(&preset()));

    // BTC falls 10 %: the mark of BTCUSDT and the price of BTC move together, as on a tick
    account
        .update(&update(
            r#"{"mark_prices": {"BTCUSDT": "57600"}, "prices": {"BTC": 57600}}"#,
        ))
        .unwrap();
    let mut moved = preset();
    moved.contracts[0].mark_price = "57600".parse().unwrap();
    moved.coins[0].price = Some("57600".parse().unwrap());
    let after = report_to_json(&account.report().unwrap());
    assert_eq!(after, fresh(&moved));
    assert_ne!(after, before, "the figures follow the prices");

    // the summary is the report's account section
    let summary = serde_json::to_value(account.summary()).unwrap();
    let report: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(summary, report["account"]);

    // orders are checked against the moved account
    let order = moved.check.clone().expect("the preset has a check");
    let check = serde_json::to_value(account.check_order(order).unwrap()).unwrap();
    assert_eq!(check, report["check"]);
}

#[test]
fn an_empty_update_changes_nothing() {
    let mut account = Evaluated::new(preset(), None).unwrap();
    account.update(&update("{}")).unwrap();
    assert_eq!(report_to_json(&account.report().unwrap()), fresh(&preset()));
}

#[test]
fn a_failed_update_names_the_field_and_changes_nothing() {
    let mut account = Evaluated::new(preset(), None).unwrap();
    let before = report_to_json(&account.report().unwrap());
    // (path, message fragment, update): the good change in each is undone too
    let cases = [
        (
            "contracts",
            r#"no contract "ETHUSDT" (it has: BTCUSDT)"#,
            r#"{"prices": {"BTC": "1"}, "mark_prices": {"ETHUSDT": "3000"}}"#,
        ),
        (
            "coins",
            r#"no coin "DOT" (it has: BTC, ETH, USDT)"#,
            r#"{"mark_prices": {"BTCUSDT": "1"}, "prices": {"DOT": "5"}}"#,
        ),
        (
            "contracts[0].mark_price",
            "",
            r#"{"prices": {"ETH": "3000"}, "mark_prices": {"BTCUSDT": "-1"}}"#,
        ),
        (
            "coins[1].price",
            "",
            r#"{"mark_prices": {"BTCUSDT": "60000"}, "prices": {"ETH": "0"}}"#,
        ),
    ];
    for (path, message, json) in cases {
        let error = account.update(&update(json)).expect_err(json);
        assert_eq!(error.path(), path, "{json}");
        assert!(
            error.message().contains(message),
            "{json}: {}",
            error.message()
        );
        assert_eq!(
            report_to_json(&account.report().unwrap()),
            before,
            "{json} left the account changed"
        );
    }
}

#[test]
fn an_update_with_an_unknown_field_or_a_bad_price_is_refused_when_read() {
    for json in [
        r#"{"marks": {"BTCUSDT": "1"}}"#,
        r#"{"prices": {"BTC": "abc"}}"#,
        r#"{"prices": ["BTC", "1"]}"#,
    ] {
        assert!(serde_json::from_str::<Update>(json).is_err(), "{json}");
    }
}

#[test]
fn an_unknown_name_on_a_large_account_lists_a_few_names_and_the_count() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/bench/large.json"
    );
    let scenario = parse_scenario(&std::fs::read_to_string(path).unwrap()).unwrap();
    let count = scenario.contracts.len();
    let first = scenario.contracts[0].symbol.clone();
    let mut account = Evaluated::new(scenario, None).unwrap();
    let error = account
        .update(&update(r#"{"mark_prices": {"NOPE": "1"}}"#))
        .unwrap_err();
    assert_eq!(error.path(), "contracts");
    let message = error.message();
    assert!(
        message.starts_with(&format!(
            r#"this account has no contract "NOPE" (it has: {first}, "#
        )),
        "{message}"
    );
    assert!(
        message.ends_with(&format!(", …, {count} in all)")),
        "{message}"
    );
    assert!(message.len() < 200, "{message}");
}
