//! Extreme values typed into every kind of field (issue 9): the page never dies, a value it
//! refuses gets a clear message, and typing the valid value back brings every figure back
//! to exactly what it was.
//!
//! One try is one value typed into one field of the futures example account (every kind of
//! field is in it: three coins with discount and borrowing tiers, a contract with position
//! tiers, positions, a spot and a futures order, a futures order to check) or into the
//! what-if price and change. After each try the test reads the console (a wasm panic logs
//! there, then the page stops answering), then types the field's text back and waits for
//! every `data-value` of the page to be what it was before. A page that died is opened
//! again (its saved work cleared, since it would hold the value that killed it) so that the
//! next tries still count. `--nocapture` prints each try and the totals.

use std::collections::BTreeMap;
use std::fmt;

use anyhow::{Context, Result};
use serde_json::Value;
use unimargin_e2e::{wait_until, App, Browser, DEFAULT_TIMEOUT};

/// The values typed: an exponent too large for a percentage's hundredfold, the smallest and
/// largest decimals, the smallest step, zero, a negative, and 40 digits.
const EXTREMES: [&str; 7] = [
    "1e27",
    "-79228162514264337593543950335",
    "79228162514264337593543950335",
    "1e-28",
    "0",
    "-1",
    "1234567890123456789012345678901234567890",
];

/// One field of each kind, by its test id (the engine's path, or the what-if controls').
const FIELDS: [&str; 32] = [
    "settings.usdt_usd",
    "settings.usdc_usd",
    "settings.spot_taker_fee",
    "settings.warning_rate",
    "settings.liquidation_rate",
    "coins[0].balance",
    "coins[0].price",
    "coins[0].hourly_interest",
    "coins[2].interest_free",
    "coins[0].discount_tiers[0].up_to_usd",
    "coins[0].discount_tiers[0].rate",
    "coins[0].loan_tiers[0].up_to",
    "coins[0].loan_tiers[0].leverage",
    "coins[0].loan_tiers[0].mmr",
    "contracts[0].mark_price",
    "contracts[0].leverage",
    "contracts[0].taker_fee",
    "contracts[0].liquidation_fee",
    "contracts[0].mm_tiers[0].up_to_usd",
    "contracts[0].mm_tiers[0].mmr",
    "positions[0].size",
    "positions[0].entry_price",
    "orders[0].size",
    "orders[0].price",
    "orders[1].size",
    "orders[1].price",
    "check.size",
    "check.price",
    "check.size_step",
    "check-leverage",
    "shock-price",
    "shock-percent",
];

/// How a try ended.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// The page took the value and computed it.
    Accepted,
    /// The page refused it with this message.
    Refused(String),
    /// The page refused it without a message saying so.
    Silent,
    /// A console error (a wasm panic, say): the page no longer answers.
    Killed(String),
    /// The page shows a number that is no number (`NaN`, `Infinity`, `undefined`).
    Garbled(String),
    /// After the valid value was typed back, these figures were not what they had been.
    NotRecomputed(String),
}

impl Outcome {
    fn passed(&self) -> bool {
        matches!(self, Outcome::Accepted | Outcome::Refused(_))
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Accepted => write!(f, "accepted"),
            Outcome::Refused(m) => write!(f, "refused: {m}"),
            Outcome::Silent => write!(f, "FAILED, refused without a message"),
            Outcome::Killed(e) => write!(f, "FAILED, killed the page: {e}"),
            Outcome::Garbled(t) => write!(f, "FAILED, shows {t}"),
            Outcome::NotRecomputed(d) => write!(f, "FAILED, did not recompute: {d}"),
        }
    }
}

/// Opens the futures example account with its exchange tables and settings unfolded.
async fn open_example(b: &Browser) -> Result<()> {
    // a window as tall as the page (4,400 px with the tables open): every panel is on the
    // screen, so each is worked out at every change, as the test reads them all (away from
    // it, a panel waits for typing to stop)
    b.set_viewport(1280, 4600, false).await?;
    b.click("presets-menu").await?;
    b.click("preset-futures-account").await?;
    b.wait_for_value("results-state", "fresh").await?;
    b.eval(
        "document.getElementById('settings').open = true;
         document.querySelectorAll('details.tables').forEach((d) => d.open = true);",
    )
    .await?;
    Ok(())
}

/// Waits until the page has handled what was typed: the figures, then the panels the
/// engine's worker works out (what-if, stages, the account after the fill), then a frame.
async fn settle(b: &Browser) -> Result<()> {
    b.wait_for_value("panels-pending", "0").await?;
    b.client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             setTimeout(() => requestAnimationFrame(() => setTimeout(() => done(true), 0)), 0);",
            vec![],
        )
        .await
        .context("waiting for the page to settle")?;
    Ok(())
}

/// Every `data-value` on the page, by test id (a repeated test id numbered in page order).
async fn snapshot(b: &Browser) -> Result<BTreeMap<String, String>> {
    let found = b
        .eval(
            "const seen = {};
             const out = {};
             document.querySelectorAll('[data-testid][data-value]').forEach((e) => {
               const id = e.dataset.testid;
               if (id === 'notice') return;
               const n = seen[id] = (seen[id] || 0) + 1;
               out[n === 1 ? id : id + '#' + n] = e.dataset.value;
             });
             return out;",
        )
        .await?;
    let map = found
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    Ok(map)
}

/// The keys whose values differ between two snapshots (at most a few, for the report).
fn differences(before: &BTreeMap<String, String>, now: &BTreeMap<String, String>) -> String {
    let keys: std::collections::BTreeSet<&String> = before.keys().chain(now.keys()).collect();
    let diff: Vec<String> = keys
        .into_iter()
        .filter(|k| before.get(*k) != now.get(*k))
        .take(4)
        .map(|k| format!("{k}: {:?} → {:?}", before.get(k), now.get(k)))
        .collect();
    diff.join("; ")
}

/// The text an input holds now.
async fn input_text(b: &Browser, testid: &str) -> Result<String> {
    Ok(b.by_testid(testid)
        .await?
        .prop("value")
        .await?
        .unwrap_or_default())
}

/// How many console errors the browser has shown so far, and the first of those after
/// the first `seen` (a panic's message comes before the `RuntimeError` it ends in).
async fn console_errors(b: &Browser, seen: usize) -> Result<(usize, String)> {
    let errors = b.console_errors().await?;
    let first = errors
        .get(seen)
        .map(|e| e.message.chars().take(300).collect())
        .unwrap_or_default();
    Ok((errors.len(), first))
}

/// The message the page shows about the value typed into `testid`, if it refused it: the
/// field's own message, or (for a rule that names another field or the what-if price) the
/// problems listed in the stale banner, or the what-if controls' message.
async fn message_for(b: &Browser, testid: &str) -> Result<Option<String>> {
    let found = b
        .eval(&format!(
            "const text = (id) => {{
               const e = document.querySelector(`[data-testid=\"${{id}}\"]`);
               return e && e.offsetParent !== null ? e.innerText.trim() : '';
             }};
             const state = document.querySelector('[data-testid=\"results-state\"]').dataset.value;
             const own = text('error-{testid}') || text('shock-error');
             if (own) return own;
             if (state === 'fresh') return null;
             const banner = document.querySelector('[data-testid=\"stale-banner\"] li');
             return banner ? banner.innerText.trim() : '';"
        ))
        .await?;
    Ok(match found {
        Value::String(s) => Some(s),
        _ => None,
    })
}

/// One value typed into one field, then the field's own text typed back.
async fn one_try(
    b: &Browser,
    testid: &str,
    value: &str,
    figures: &BTreeMap<String, String>,
    errors_before: usize,
) -> Result<Outcome> {
    let original = input_text(b, testid).await?;
    b.type_into(testid, value).await?;
    settle(b).await?;
    let (errors, first) = console_errors(b, errors_before).await?;
    if errors > errors_before {
        return Ok(Outcome::Killed(first));
    }
    let garbled = b
        .eval(
            "const t = document.body.innerText;
             const m = t.match(/.{0,40}\\b(NaN|Infinity|undefined)\\b.{0,40}/);
             return m ? m[0] : null;",
        )
        .await?;
    let outcome = match (garbled, message_for(b, testid).await?) {
        (Value::String(text), _) => Outcome::Garbled(text),
        (_, None) => Outcome::Accepted,
        (_, Some(m)) if m.is_empty() => Outcome::Silent,
        (_, Some(m)) => Outcome::Refused(m),
    };
    b.type_into(testid, &original).await?;
    let back = wait_until(DEFAULT_TIMEOUT, "the figures as they were", || async {
        settle(b).await?;
        Ok((snapshot(b).await? == *figures).then_some(()))
    })
    .await;
    let (errors, first) = console_errors(b, errors_before).await?;
    if errors > errors_before {
        return Ok(Outcome::Killed(first));
    }
    if back.is_err() {
        return Ok(Outcome::NotRecomputed(differences(
            figures,
            &snapshot(b).await?,
        )));
    }
    Ok(outcome)
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn extreme_values_in_every_field_never_kill_the_page() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    open_example(b).await?;
    settle(b).await?;
    let figures = snapshot(b).await?;
    assert!(
        figures.get("adjusted-equity").map(String::as_str) == Some("98860.9")
            && figures.contains_key("liquidation-price-state")
            && figures.contains_key("after-liquidation")
            && figures.contains_key("stages"),
        "the example account with every panel: {figures:?}"
    );
    let mut failed = Vec::new();
    let mut tries = 0;
    let (mut errors_before, _) = console_errors(b, 0).await?;
    for testid in FIELDS {
        for value in EXTREMES {
            tries += 1;
            let outcome = match one_try(b, testid, value, &figures, errors_before).await {
                Ok(outcome) => outcome,
                // the page stopped answering (a hang, or a dead page's inputs)
                Err(error) => Outcome::Killed(format!("{error:#}")),
            };
            println!("{testid} ← {value}: {outcome}");
            if !outcome.passed() {
                failed.push(format!("{testid} ← {value}: {outcome}"));
            }
            if matches!(outcome, Outcome::Killed(_) | Outcome::NotRecomputed(_)) {
                // a new page, without the saved work that holds the value
                b.eval("localStorage.clear();").await.ok();
                b.open(&app.server.url("/")).await?;
                open_example(b).await?;
                errors_before = console_errors(b, 0).await?.0;
            }
        }
    }
    println!(
        "extreme values: {tries} tries ({} fields × {} values), {} failed",
        FIELDS.len(),
        EXTREMES.len(),
        failed.len()
    );
    assert!(
        failed.is_empty(),
        "{} of {tries} tries failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
    app.finish().await
}
