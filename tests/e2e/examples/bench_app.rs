//! The app's speed in headless Chromium, read from the page's own Performance marks
//! (see `crates/unimargin-app/src/web.rs`):
//!
//! - `um-first-figures`: when the page first shows figures, from navigation start, on a
//!   cold visit (fresh profile: no cache, no service worker) and on a warm one (reload,
//!   served by the service worker);
//! - `um-keystroke`: from an `input` event to the frame showing the updated page rendered, for the
//!   default preset and for a 200-position account.
//!
//! Run by `scripts/bench-app` (after `trunk build --release`); prints a Markdown table.
//! Not a test: nothing here passes or fails on a time.

use std::time::Duration;

use anyhow::{bail, Result};
use unimargin_e2e::perf::{digit_and_back, measures, percentile, type_each};
use unimargin_e2e::{dist_dir, wait_until, Browser, StaticServer, DEFAULT_TIMEOUT};

const COLD_VISITS: usize = 7;
const KEYSTROKES: usize = 60;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// The start time of the first-figures mark (ms from navigation start).
async fn first_figures(b: &Browser) -> Result<f64> {
    wait_until(DEFAULT_TIMEOUT, "the first-figures mark", || async {
        let t = b
            .eval(
                "const m = performance.getEntriesByName('um-first-figures');
                 return m.length ? m[0].startTime : null;",
            )
            .await?;
        Ok(t.as_f64())
    })
    .await
}

/// Types `keys` one at a time into the input `testid`, each after the last one's measure is
/// in, and gives the durations of the `um-keystroke` measures (ms), and of the engine's
/// part of them (`um-compute`).
async fn keystrokes(b: &Browser, testid: &str, keys: &[&str]) -> Result<(Vec<f64>, Vec<f64>)> {
    b.eval("performance.clearMeasures('um-keystroke'); performance.clearMeasures('um-compute');")
        .await?;
    type_each(b, testid, keys, "um-keystroke").await?;
    Ok((
        measures(b, "um-keystroke").await?,
        measures(b, "um-compute").await?,
    ))
}

fn row(what: &str, xs: &[f64]) -> String {
    format!(
        "| {what} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
        median(xs.to_vec()),
        percentile(xs.to_vec(), 0.95),
        xs.iter().copied().fold(f64::NAN, f64::max),
        xs.iter().copied().fold(f64::NAN, f64::min),
        xs.len()
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let server = StaticServer::start(dist_dir()?).await?;
    let url = server.url("/");

    // Cold: a fresh profile each time (no HTTP cache, no service worker).
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for visit in 0..COLD_VISITS {
        let b = Browser::start().await?;
        b.open(&url).await?;
        cold.push(first_figures(&b).await?);
        if visit == 0 {
            // Warm: reloads served by the service worker.
            b.wait_for_service_worker().await?;
            for _ in 0..COLD_VISITS {
                b.reload().await?;
                warm.push(first_figures(&b).await?);
            }
        }
        b.assert_no_console_errors().await?;
        b.close().await?;
    }

    // Keystrokes: the futures account (the first visit's page until issue 12; now an
    // example), then 200 positions.
    let b = Browser::start().await?;
    b.open(&url).await?;
    b.click("presets-menu").await?;
    b.click("preset-futures-account").await?;
    b.wait_for_value("adjusted-equity", "98860.9").await?;
    b.wait_for_value("results-state", "fresh").await?;
    let default = keystrokes(&b, "coins[0].balance", &digit_and_back(KEYSTROKES)).await?;

    let account = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/bench/positions-200.json"),
    )?;
    let payload = b
        .eval(&format!(
            "const bytes = new TextEncoder().encode({});
             let s = ''; for (const x of bytes) s += String.fromCharCode(x);
             return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');",
            serde_json::to_string(&account)?
        ))
        .await?;
    let link = format!("{url}#scenario={}", payload.as_str().unwrap_or_default());
    b.client().goto(&link).await?;
    let seen = wait_until(DEFAULT_TIMEOUT, "the 200 positions", || async {
        let n = b
            .eval("return document.querySelectorAll('[data-testid^=\"position-\"][data-testid$=\"-pnl\"]').length;")
            .await?;
        Ok((n.as_u64() == Some(200)).then_some(()))
    })
    .await;
    if let Err(e) = seen {
        let notices = b
            .eval("return [...document.querySelectorAll('[data-testid=notice]')].map((n) => n.innerText);")
            .await?;
        bail!("{e:#}: notices {notices}, console {:?}", b.console().await?);
    }
    b.wait_for_value("results-state", "fresh").await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let many = keystrokes(&b, "positions[0].size", &digit_and_back(KEYSTROKES)).await?;
    b.assert_no_console_errors().await?;
    b.close().await?;

    println!("| figure (ms) | median | p95 | max | min | runs |");
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "{}",
        row("navigation to first figures, cold (fresh profile)", &cold)
    );
    println!(
        "{}",
        row("navigation to first figures, warm (service worker)", &warm)
    );
    println!(
        "{}",
        row("keystroke to updated figures, default preset", &default.0)
    );
    println!(
        "{}",
        row(
            "of which the engine (draft → report), default preset",
            &default.1
        )
    );
    println!(
        "{}",
        row("keystroke to updated figures, 200 positions", &many.0)
    );
    println!(
        "{}",
        row(
            "of which the engine (draft → report), 200 positions",
            &many.1
        )
    );
    Ok(())
}
