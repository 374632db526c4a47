//! The page's every computation, on accounts with extreme values (issue 9): opened from a
//! share link or a file, with a what-if price or without, nothing panics, and nothing reads
//! back as another number.
//!
//! Each case is the futures example account (every kind of field) with one field, or both
//! risk thresholds, set to an extreme value as a file or a link carries it (rates as
//! fractions). A case the engine refuses to read is the engine's (its own tests cover it);
//! every other goes through the link and the import, into the form and back, through the
//! one computation with each what-if price, and through every panel the page shows: the
//! explanations, the what-if analysis and its chart's scales, the account after the order
//! to check fills, partial liquidation, the mode checks, the why-sentence, the gauge and
//! the rates beside their thresholds.

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;
use unimargin::liquidation::liquidate;
use unimargin::upgrade::mode_check;
use unimargin::{Decimal, Scenario};
use unimargin_app::after_fill::{after_fill, order_terms};
use unimargin_app::analysis::analyse;
use unimargin_app::calc::{compute, Computed, Shock};
use unimargin_app::chart_scale::{axis_labels, nice_ticks};
use unimargin_app::draft::Draft;
use unimargin_app::threshold::{gauge, margin_rate, Thresholds};
use unimargin_app::{session, share, show, why};

const EXAMPLE: &str = include_str!("../../../tests/fixtures/presets/futures-account.json");

/// The values put into each field: those the browser test types, and the largest rate whose
/// percentage is still a decimal.
const VALUES: [&str; 8] = [
    "1e27",
    "-79228162514264337593543950335",
    "79228162514264337593543950335",
    "1e-28",
    "0",
    "-1",
    "1234567890123456789012345678901234567890",
    "792281625142643375935439503.35",
];

/// Every numeric field of the example, as a JSON pointer.
const FIELDS: [&str; 30] = [
    "/settings/usdt_usd",
    "/settings/usdc_usd",
    "/settings/spot_taker_fee",
    "/settings/warning_rate",
    "/settings/liquidation_rate",
    "/coins/0/balance",
    "/coins/0/price",
    "/coins/0/hourly_interest",
    "/coins/2/balance",
    "/coins/2/interest_free",
    "/coins/0/discount_tiers/0/up_to_usd",
    "/coins/0/discount_tiers/0/rate",
    "/coins/0/loan_tiers/0/up_to",
    "/coins/0/loan_tiers/0/leverage",
    "/coins/0/loan_tiers/0/mmr",
    "/contracts/0/mark_price",
    "/contracts/0/leverage",
    "/contracts/0/taker_fee",
    "/contracts/0/liquidation_fee",
    "/contracts/0/mm_tiers/0/up_to_usd",
    "/contracts/0/mm_tiers/0/mmr",
    "/positions/0/size",
    "/positions/0/entry_price",
    "/orders/0/size",
    "/orders/0/price",
    "/orders/1/size",
    "/orders/1/price",
    "/check/size",
    "/check/price",
    "/check/size_step",
];

/// The example with `value` at each of `pointers`, as JSON text.
fn with(pointers: &[&str], value: &str) -> String {
    let mut doc: Value = serde_json::from_str(EXAMPLE).unwrap();
    for pointer in pointers {
        // the field may be left out of the example (a liquidation fee): set it on its row
        let (row, field) = pointer.rsplit_once('/').unwrap();
        let row = doc.pointer_mut(row).unwrap().as_object_mut().unwrap();
        row.insert(field.into(), Value::String(value.into()));
    }
    doc.to_string()
}

/// Every case: one field at a time, then both thresholds together.
fn cases() -> Vec<(String, String)> {
    let mut cases = Vec::new();
    for field in FIELDS {
        for value in VALUES {
            cases.push((format!("{field} = {value}"), with(&[field], value)));
        }
    }
    let both = ["/settings/warning_rate", "/settings/liquidation_rate"];
    for value in VALUES {
        cases.push((format!("both thresholds = {value}"), with(&both, value)));
    }
    cases
}

/// The form holds the scenario as it came, or says which field it cannot hold: never a
/// different number.
fn into_the_form(name: &str, scenario: &Scenario) -> Draft {
    // a link or a file of an account the engine refuses is refused with its message; one
    // it takes opens as the form the saved work would hold
    let linked = share::decode(&share::encode(scenario));
    let imported = session::import(&share::scenario_json_pretty(scenario));
    let draft = Draft::from_scenario(scenario);
    match (linked, imported) {
        (Ok(linked), Ok(imported)) => {
            assert_eq!(Draft::from_scenario(&linked), draft, "{name}: the link");
            assert_eq!(imported, draft, "{name}: the file");
        }
        (Err(linked), Err(imported)) => {
            assert!(
                !linked.to_string().is_empty() && linked == imported,
                "{name}: {linked} / {imported}"
            )
        }
        (linked, imported) => panic!("{name}: the link {linked:?}, the file {imported:?}"),
    }
    match draft.to_scenario() {
        Ok(back) => assert_eq!(&back, scenario, "{name}: read back as another scenario"),
        Err(errors) => assert!(
            errors.iter().all(|e| !e.path.is_empty()),
            "{name}: {errors:?}"
        ),
    }
    draft
}

/// Every panel of the page on these figures.
fn every_panel(c: &Computed) {
    let account = &c.report.account;
    let thresholds = Thresholds::of(account);
    margin_rate(account.cross_margin_rate, thresholds).to_string();
    gauge(account.cross_margin_rate, thresholds);
    show::leverage(account.account_leverage).to_string();
    // in every language: the figures written the locale's way never panic either
    for (locale, _) in unimargin_app::i18n::LANGUAGES {
        why::sentence(&why::why(&c.report), locale);
        show::shown_in(&margin_rate(account.cross_margin_rate, thresholds), locale);
    }
    c.explain();
    if let Some(check) = &c.report.check {
        check.reasons.iter().for_each(|r| drop(r.to_string()));
    }
    order_terms(&c.account, &c.report);
    let typed = c.unshocked();
    if let Some(Ok(after)) = after_fill(typed) {
        margin_rate(
            after.account.cross_margin_rate,
            Thresholds::of(&after.account),
        );
    }
    for x in 0..typed.coins.len() {
        if let Some(a) = analyse(typed, x) {
            let prices = nice_ticks(a.bottom, a.top, 8);
            axis_labels(&prices);
            let top_rate = a.liquidation_rate.checked_mul(Decimal::new(125, 2));
            for rate in nice_ticks(Decimal::ZERO, top_rate.unwrap_or(a.liquidation_rate), 6) {
                show::rate(rate).to_string();
            }
            for p in &a.curve {
                margin_rate(p.cross_margin_rate, thresholds).to_string();
            }
        }
    }
    if let Ok(plan) = liquidate(&c.account) {
        plan.steps.iter().for_each(|s| drop(s.description()));
        plan.readings.iter().for_each(|r| drop(r.to_string()));
        show::percent(plan.liquidation_rate).to_string();
    }
    mode_check(&c.report, c.report.positions.len(), 2);
}

#[test]
fn extreme_accounts_from_links_and_files_never_panic_in_any_panel() {
    let shocks = [
        None,
        Some("1e-28"),
        Some("1e27"),
        Some("79228162514264337593543950335"),
    ];
    let mut read = 0;
    let mut failed = Vec::new();
    for (name, json) in cases() {
        // a value the engine refuses to read is the engine's to name
        let Ok(scenario) = unimargin::parse_scenario(&json) else {
            continue;
        };
        read += 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let draft = into_the_form(&name, &scenario);
            for shock in shocks {
                let shock = shock.map(|price| Shock {
                    coin: "BTC".into(),
                    price: price.parse().unwrap(),
                });
                if let Ok(c) = compute(&draft, None, shock.as_ref()) {
                    every_panel(&c);
                }
            }
        }));
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("{name}: {message}"));
        }
    }
    // 30 fields × 8 values and the thresholds × 8: most are read (the engine refuses a
    // number beyond a decimal, and the 40 digits)
    println!("{read} cases read");
    assert!(read > 150, "only {read} cases read");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
