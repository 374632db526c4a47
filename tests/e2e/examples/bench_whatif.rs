//! What-if in headless Chromium (issue 5), read from the page's own Performance measures
//! (see `crates/unimargin-app/src/web.rs`):
//!
//! - `um-liquidation-prices`: the liquidation and warning prices of the chart's coin (one
//!   evaluation of the account, then the engine's search);
//! - `um-sweep`: the chart's 200-point sweep of the cross margin rate.
//!
//! Both run each time the account changes (not when only the what-if price moves); it is
//! changed by typing into a balance (a digit, then Backspace), on the default preset and on
//! the leveraged one. Run by `scripts/bench-app`; prints Markdown table rows. Not a test.

use anyhow::{bail, Context, Result};
use unimargin_e2e::{dist_dir, wait_until, Browser, StaticServer, DEFAULT_TIMEOUT};

const KEYSTROKES: usize = 40;

fn percentile(mut xs: Vec<f64>, p: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    if xs.is_empty() {
        return f64::NAN;
    }
    let i = ((xs.len() as f64 - 1.0) * p).round() as usize;
    xs[i]
}

fn row(what: &str, xs: &[f64]) -> String {
    format!(
        "| {what} | {:.2} | {:.2} | {:.2} | {:.2} | {} |",
        percentile(xs.to_vec(), 0.5),
        percentile(xs.to_vec(), 0.95),
        xs.iter().copied().fold(f64::NAN, f64::max),
        xs.iter().copied().fold(f64::NAN, f64::min),
        xs.len()
    )
}

async fn measures(b: &Browser, name: &str) -> Result<Vec<f64>> {
    let durations = b
        .eval(&format!(
            "return performance.getEntriesByName('{name}').map((m) => m.duration);"
        ))
        .await?;
    Ok(durations
        .as_array()
        .context("measures")?
        .iter()
        .filter_map(|v| v.as_f64())
        .collect())
}

/// Types a digit, then Backspace, into the input `testid`, and gives the durations of the
/// liquidation-price and sweep measures taken meanwhile.
async fn run(b: &Browser, testid: &str) -> Result<(Vec<f64>, Vec<f64>)> {
    b.eval(
        "performance.clearMeasures('um-liquidation-prices'); performance.clearMeasures('um-sweep');",
    )
    .await?;
    let input = b.by_testid(testid).await?;
    input.click().await?;
    input
        .send_keys(&char::from(fantoccini::key::Key::End).to_string())
        .await?;
    for i in 0..KEYSTROKES {
        input
            .send_keys(if i % 2 == 0 { "5" } else { "\u{E003}" })
            .await?;
        wait_until(DEFAULT_TIMEOUT, "the sweep's measure", || async {
            let n = b
                .eval("return performance.getEntriesByName('um-sweep').length;")
                .await?;
            Ok((n.as_u64() == Some(i as u64 + 1)).then_some(()))
        })
        .await?;
    }
    let prices = measures(b, "um-liquidation-prices").await?;
    let sweeps = measures(b, "um-sweep").await?;
    if sweeps.len() != KEYSTROKES {
        bail!("{} sweeps for {KEYSTROKES} keystrokes", sweeps.len());
    }
    Ok((prices, sweeps))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let server = StaticServer::start(dist_dir()?).await?;
    let b = Browser::start().await?;
    b.open(&server.url("/")).await?;
    b.wait_for_value("results-state", "fresh").await?;
    let default = run(&b, "coins[1].balance").await?;
    b.click("presets-menu").await?;
    b.click("preset-leveraged-long").await?;
    b.wait_for_value("liquidation-price-state", "found").await?;
    let leveraged = run(&b, "coins[0].balance").await?;
    b.assert_no_console_errors().await?;
    b.close().await?;

    println!("| figure (ms) | median | p95 | max | min | runs |");
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "{}",
        row("liquidation prices, default preset (BTC)", &default.0)
    );
    println!(
        "{}",
        row("200-point sweep, default preset (BTC)", &default.1)
    );
    println!(
        "{}",
        row("liquidation prices, leveraged preset (BTC)", &leveraged.0)
    );
    println!(
        "{}",
        row("200-point sweep, leveraged preset (BTC)", &leveraged.1)
    );
    Ok(())
}
