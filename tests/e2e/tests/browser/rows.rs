//! A table of many positions (issue 14): its rows come in blocks, rendered while near the
//! screen, so that a key typed at 200 positions lays out and paints what a person can see.
//! The table must still read as one table of every row, keep its height as blocks come and
//! go, and print whole.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use base64::Engine;
use serde_json::Value;
use unimargin_e2e::{wait_until, App, Browser, DEFAULT_TIMEOUT};

/// The 200-position account the keystroke benchmarks type into.
const MANY: &str = include_str!("../../../fixtures/bench/positions-200.json");

/// The rows of the positions table: rendered, standing away, `aria-rowcount`, the table's
/// height and where the page is scrolled to.
async fn rows(b: &Browser) -> Result<Value> {
    b.eval(
        "const t = document.querySelector('[data-testid=\"positions-table\"]');
         return {
           rendered: t.querySelectorAll('tbody tr:not(.rows-away)').length,
           away: t.querySelectorAll('tbody tr.rows-away').length,
           rowcount: t.getAttribute('aria-rowcount'),
           height: t.getBoundingClientRect().height,
         };",
    )
    .await
}

fn number(v: &Value, key: &str) -> Result<f64> {
    v[key].as_f64().with_context(|| format!("{key} in {v}"))
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn many_positions_render_the_rows_near_the_screen_and_print_them_all() -> Result<()> {
    let link = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(MANY);
    let app = App::start_at(&format!("/#scenario={link}")).await?;
    let b = &app.browser;
    b.set_viewport(1400, 900, false).await?;
    b.wait_for_value("results-state", "fresh").await?;
    // the last position, as the account gives it (its figures are checked against this)
    let scenario: Value = serde_json::from_str(MANY)?;
    let last = &scenario["positions"][199];
    let last_size = last["size"].as_str().context("the last position's size")?;
    let last_name = format!(
        "{} {}",
        last["symbol"].as_str().context("symbol")?,
        last["side"].as_str().context("side")?
    );

    // at the top of the page the table is far below: its first block only
    let top = rows(b).await?;
    ensure!(top["rowcount"] == "201", "every row and the header: {top}");
    ensure!(
        number(&top, "rendered")? == 20.0 && number(&top, "away")? == 9.0,
        "the first block of 20 rows, nine blocks away: {top}"
    );
    ensure!(b.count("positions[199].signed_size").await? == 0);

    // the table's end on the screen: its last block is there, at the height it stood for
    b.eval(
        "document.querySelector('[data-testid=\"positions-table\"] tbody:last-of-type')
           .scrollIntoView({ block: 'center', behavior: 'instant' });",
    )
    .await?;
    let figure = wait_until(DEFAULT_TIMEOUT, "the last row as it comes near", || async {
        b.value("positions[199].signed_size").await
    })
    .await?;
    ensure!(
        figure.trim_start_matches('-') == last_size,
        "the last position's size: {figure} against {last_size}"
    );
    let row: Value = b
        .eval(
            "const f = document.querySelector('[data-testid=\"positions[199].signed_size\"]');
             const tr = f.closest('tr');
             return { index: tr.getAttribute('aria-rowindex'), name: tr.querySelector('th').textContent };",
        )
        .await?;
    ensure!(
        row["index"] == "201",
        "the last row says where it is: {row}"
    );
    ensure!(
        row["name"]
            .as_str()
            .is_some_and(|n| n.eq_ignore_ascii_case(&last_name)),
        "{row} against {last_name}"
    );
    let end = rows(b).await?;
    ensure!(
        number(&end, "rendered")? < 200.0,
        "the blocks near the top are gone: {end}"
    );
    ensure!(
        (number(&end, "height")? - number(&top, "height")?).abs() <= 2.0,
        "a block away stands at its rows' height: {top} then {end}"
    );

    // printed: every row, then back to the blocks near the screen
    b.eval("window.dispatchEvent(new Event('beforeprint'));")
        .await?;
    wait_until(Duration::from_secs(5), "every row for print", || async {
        let now = rows(b).await?;
        Ok((now["rendered"] == 200 && now["away"] == 0).then_some(()))
    })
    .await?;
    ensure!(b.value("positions[0].signed_size").await?.is_some());
    b.eval("window.dispatchEvent(new Event('afterprint'));")
        .await?;
    wait_until(
        Duration::from_secs(5),
        "the blocks again after print",
        || async { Ok((number(&rows(b).await?, "rendered")? < 200.0).then_some(())) },
    )
    .await?;

    // exact values make the columns wider; shown rounded again, they narrow again (a
    // column keeps its widest width only for the table as it is shown)
    let narrow = header_width(b).await?;
    b.click("exact-toggle").await?;
    wait_until(
        DEFAULT_TIMEOUT,
        "wider columns with exact values",
        || async { Ok((header_width(b).await? > narrow + 20.0).then_some(())) },
    )
    .await?;
    // blocks that go and come while the columns are wide
    scroll_to_block(b, "first-of-type").await?;
    scroll_to_block(b, "last-of-type").await?;
    b.click("exact-toggle").await?;
    // (no wider than before: the blocks seen before may have widened a column more than
    // those near the screen now)
    wait_until(
        DEFAULT_TIMEOUT,
        "the columns as narrow as before",
        || async { Ok((header_width(b).await? <= narrow + 2.0).then_some(())) },
    )
    .await?;
    app.finish().await
}

/// The table's header row's width: the sum of its columns'.
async fn header_width(b: &Browser) -> Result<f64> {
    b.eval(
        "return document.querySelector('[data-testid=\"positions-table\"] thead tr')
           .getBoundingClientRect().width;",
    )
    .await?
    .as_f64()
    .context("a width")
}

/// Scrolls to the table's first or last block (`first-of-type`, `last-of-type`) and lets
/// the blocks near it come.
async fn scroll_to_block(b: &Browser, which: &str) -> Result<()> {
    b.eval(&format!(
        "document.querySelector('[data-testid=\"positions-table\"] tbody:{which}')
           .scrollIntoView({{ block: 'center', behavior: 'instant' }});"
    ))
    .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    Ok(())
}
