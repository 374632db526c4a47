//! The market on the page (issue 10) and each position's own figures (issue 15).
//!
//! Every figure expected is worked out by hand in a comment, not copied from the engine.

use anyhow::{ensure, Context, Result};
use unimargin_e2e::{wait_until, App, Browser, DEFAULT_TIMEOUT};

/// The exact value of a figure, as a number.
async fn number(b: &Browser, testid: &str) -> Result<f64> {
    let value = b.value(testid).await?.with_context(|| testid.to_string())?;
    value.parse().with_context(|| format!("{testid}: {value}"))
}

/// Chooses an option of the select with this test id, by its value.
async fn choose(b: &Browser, testid: &str, value: &str) -> Result<()> {
    let select = b.by_testid(testid).await?;
    b.center(&select).await?;
    select.select_by_value(value).await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn each_position_of_the_futures_example_has_its_own_figures() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    // a phone: the table scrolls sideways inside its card, the page does not
    b.set_viewport(390, 844, true).await?;
    b.click("example-futures-account").await?;
    b.wait_for_value("adjusted-equity", "98860.9").await?;
    // BTCUSDT at mark 64,000, 20× (1/20 = 0.05), taker fee 0.06 %, settled in USDT at 1 USD,
    // its first position tier's MMR 0.4 % (each side's notional is under 200,000 USD).
    // Long 0.5 from 61,000: PnL 0.5 × (64,000 − 61,000) = 1,500 USDT = 1,500 USD;
    // initial margin 0.5 × 64,000 × (0.05 + 0.0006) = 32,000 × 0.0506 = 1,619.20;
    // maintenance 32,000 × (0.004 + 0.0006) = 147.20; ROI 1,500 ÷ 1,619.20 = 0.92638…
    // Short 0.2 from 62,500: PnL 0.2 × (62,500 − 64,000) = −300; initial margin 12,800 ×
    // 0.0506 = 647.68; maintenance 12,800 × 0.0046 = 58.88; ROI −300 ÷ 647.68 = −0.46319…
    // Hedge mode: both sizes positive, each available to close in full.
    let expected = [
        ("positions[0].signed_size", 0.5),
        ("positions[0].available", 0.5),
        ("positions[0].unrealized_pnl", 1500.0),
        ("positions[0].unrealized_pnl_usd", 1500.0),
        ("positions[0].initial_margin", 1619.2),
        ("positions[0].maintenance_margin", 147.2),
        ("positions[0].roi", 1500.0 / 1619.2),
        ("positions[1].signed_size", 0.2),
        ("positions[1].available", 0.2),
        ("positions[1].unrealized_pnl", -300.0),
        ("positions[1].unrealized_pnl_usd", -300.0),
        ("positions[1].initial_margin", 647.68),
        ("positions[1].maintenance_margin", 58.88),
        ("positions[1].roi", -300.0 / 647.68),
    ];
    for (testid, value) in expected {
        let got = number(b, testid).await?;
        ensure!((got - value).abs() < 1e-9, "{testid}: {got}, not {value}");
    }
    // the ROI shown as a percentage: 92.64 %
    let roi = b.by_testid("positions[0].roi").await?.text().await?;
    ensure!(roi.contains("92.6"), "{roi}");
    // the table fits the phone: it scrolls inside its card, the page keeps its width
    let page_width = b
        .eval("return document.documentElement.scrollWidth <= window.innerWidth;")
        .await?;
    ensure!(
        page_width == serde_json::json!(true),
        "the page scrolls sideways"
    );

    // One-way mode (chosen with the settings): the short removed, the long turned short,
    // its size is shown negative (−0.5) and its PnL 0.5 × (61,000 − 64,000) = −1,500.
    b.click("remove-positions[1]").await?;
    wait_until(DEFAULT_TIMEOUT, "the short to go", || async {
        let left = b
            .eval("return document.querySelectorAll('[data-testid=\"positions[1].signed_size\"]').length;")
            .await?;
        Ok((left == serde_json::json!(0)).then_some(()))
    })
    .await?;
    // the settings are folded: opened as a person would, by their summary
    b.eval("document.getElementById('settings').open = true; return null;")
        .await?;
    choose(b, "settings.position_mode", "one_way").await?;
    choose(b, "positions[0].side", "short").await?;
    b.wait_for_value("positions[0].signed_size", "-0.5").await?;
    ensure!(number(b, "positions[0].unrealized_pnl").await? == -1500.0);
    app.finish().await
}

async fn wait_for_notice(b: &Browser, kind: &str) -> Result<String> {
    wait_until(DEFAULT_TIMEOUT, &format!("a notice {kind}"), || async {
        let notices = b
            .eval(
                "return [...document.querySelectorAll('[data-testid=notice]')]
                   .map((n) => [n.dataset.value, n.innerText]);",
            )
            .await?;
        let found = notices.as_array().and_then(|list| {
            list.iter()
                .find(|n| n[0] == kind)
                .and_then(|n| n[1].as_str().map(str::to_owned))
        });
        Ok(found)
    })
    .await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn import_market_refuses_what_is_not_a_market_and_uses_one_that_is() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    b.wait_for_value("market-line", "Bitget UTA, public sources")
        .await?;
    let dir = tempfile::tempdir()?;

    // A scenario is not a market: refused, saying why, and the market in use stays.
    let scenario = dir.path().join("seed-1.json");
    std::fs::write(
        &scenario,
        include_str!("../../../fixtures/seeds/seed-1-btc-dot-collateral.json"),
    )?;
    b.by_testid("import-market")
        .await?
        .send_keys(scenario.to_str().unwrap())
        .await?;
    let notice = wait_for_notice(b, "market-refused").await?;
    ensure!(
        notice.contains("seed-1.json is not a market document"),
        "{notice}"
    );
    ensure!(notice.contains("market in use is unchanged"), "{notice}");
    ensure!(
        b.value("market-line").await?.as_deref() == Some("Bitget UTA, public sources"),
        "the market changed"
    );

    // A market document is used from then on: its name in the market line.
    let market = dir.path().join("other.json");
    let text = include_str!("../../../../web/market.json")
        .replace("Bitget UTA, public sources", "Another venue");
    std::fs::write(&market, text)?;
    b.by_testid("import-market")
        .await?
        .send_keys(market.to_str().unwrap())
        .await?;
    let notice = wait_for_notice(b, "market-imported").await?;
    ensure!(notice.contains("\"Another venue\""), "{notice}");
    b.wait_for_value("market-line", "Another venue").await?;
    app.finish().await
}
