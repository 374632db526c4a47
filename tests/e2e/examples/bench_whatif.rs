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

use anyhow::Result;
use unimargin_e2e::perf::{digit_and_back, measures, percentile, type_each};
use unimargin_e2e::{dist_dir, Browser, StaticServer};

const KEYSTROKES: usize = 40;

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

/// Types a digit, then Backspace, into the input `testid`, and gives the durations of the
/// liquidation-price and sweep measures taken meanwhile.
async fn run(b: &Browser, testid: &str) -> Result<(Vec<f64>, Vec<f64>)> {
    b.eval(
        "performance.clearMeasures('um-liquidation-prices'); performance.clearMeasures('um-sweep');",
    )
    .await?;
    type_each(b, testid, &digit_and_back(KEYSTROKES), "um-sweep").await?;
    Ok((
        measures(b, "um-liquidation-prices").await?,
        measures(b, "um-sweep").await?,
    ))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let server = StaticServer::start(dist_dir()?).await?;
    let b = Browser::start().await?;
    b.open(&server.url("/")).await?;
    // the futures account (the first visit's page until issue 12; now an example)
    b.click("presets-menu").await?;
    b.click("preset-futures-account").await?;
    b.wait_for_value("adjusted-equity", "98860.9").await?;
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
