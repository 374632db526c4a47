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
    let notice = b.wait_for_notice("market-refused").await?;
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
    let notice = b.wait_for_notice("market-imported").await?;
    ensure!(notice.contains("\"Another venue\""), "{notice}");
    b.wait_for_value("market-line", "Another venue").await?;
    app.finish().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn a_link_made_with_the_market_reproduces_its_figures_and_says_when_it_differs() -> Result<()>
{
    let app = App::start().await?;
    let b = &app.browser;
    b.wait_for_value("market-line", "Bitget UTA, public sources")
        .await?;
    // 0.5 BTC at 64,000 and 2,000 USDT with the market's tables: 32,000 × 0.98 + 2,000 =
    // 33,360 (no tier typed)
    b.type_holdings(&[("BTC", "0.5", Some("64000")), ("USDT", "2000", None)])
        .await?;
    b.wait_for_value("adjusted-equity", "33360").await?;
    b.click("share").await?;
    let link = wait_until(DEFAULT_TIMEOUT, "the share link", || async {
        b.value("share-link").await
    })
    .await?;

    // Another browser with the same market: the same figures, the tables still the market's.
    let other = app.open_in_fresh_profile(&link).await?;
    other.wait_for_value("adjusted-equity", "33360").await?;
    other.wait_for_value("results-state", "fresh").await?;
    ensure!(
        other
            .eval("return document.querySelectorAll('[data-testid=\"market-tables-coins[0]\"]').length;")
            .await?
            == serde_json::json!(1),
        "the BTC tables are not the market's"
    );

    // The same link with another market loaded (a later date): said, and not computed with
    // the wrong tables.
    let dir = tempfile::tempdir()?;
    let later = dir.path().join("later.json");
    std::fs::write(
        &later,
        include_str!("../../../../web/market.json")
            .replace("\"as_of\": \"2025-09-26\"", "\"as_of\": \"2026-01-01\""),
    )?;
    other
        .by_testid("import-market")
        .await?
        .send_keys(later.to_str().unwrap())
        .await?;
    other.wait_for_value("results-state", "stale").await?;
    let banner = other.shown_text("stale-banner").await?;
    ensure!(
        banner.contains("from the market 'Bitget UTA, public sources' of 2025-09-26, not from 'Bitget UTA, public sources' of 2026-01-01"),
        "{banner}"
    );
    other.close().await?;
    app.finish().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn a_coin_without_a_table_in_the_market_is_asked_for_while_the_rest_computes() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    b.wait_for_value("market-line", "Bitget UTA, public sources")
        .await?;
    b.click("start-add-coin").await?;
    // the coin's name offers the market's coins (the browser's combobox: type to filter)
    let offered = b
        .eval(
            "const i = document.querySelector('[data-testid=\"coins[0].coin\"]');
               return [...i.list.options].map((o) => o.value);",
        )
        .await?;
    ensure!(
        offered == serde_json::json!(["BTC", "USDT", "USDC", "ETH", "SOL"]),
        "{offered}"
    );
    b.type_into("coins[0].coin", "BTC").await?;
    b.type_into("coins[0].balance", "0.5").await?;
    b.type_into("coins[0].price", "64000").await?;
    b.wait_for_value("adjusted-equity", "31360").await?;
    // ETH: the default market lists it without discount tiers (no public number).
    b.click("add-coin").await?;
    b.type_into("coins[1].coin", "ETH").await?;
    b.type_into("coins[1].balance", "1").await?;
    b.type_into("coins[1].price", "3000").await?;
    // The figures stay the account's, ETH counted for nothing until its tiers are given:
    // equity 32,000 + 3,000 = 35,000, adjusted equity still 32,000 × 0.98 = 31,360.
    b.wait_for_value("account-equity", "35000").await?;
    b.wait_for_value("results-state", "fresh").await?;
    ensure!(b.value("adjusted-equity").await?.as_deref() == Some("31360"));
    let banner = b.shown_text("stale-banner").await?;
    ensure!(
        banner.contains("count the marked coins for nothing"),
        "{banner}"
    );
    let asked = b
        .eval("return [...document.querySelectorAll('[data-testid=\"stale-banner\"] li')].map(li => li.dataset.path);")
        .await?;
    ensure!(
        asked == serde_json::json!(["coins[1].discount_tiers"]),
        "{asked}"
    );
    // its tables open, marked, with the engine's sentence in the page's words
    b.wait_for_value("tables-coins[1]-box", "error").await?;
    let marked = b
        .eval("return document.querySelector('[data-testid=\"tables-coins[1]-box\"]').textContent;")
        .await?;
    ensure!(
        marked
            .as_str()
            .unwrap_or_default()
            .contains("ETH has no discount tiers in the market 'Bitget UTA, public sources'"),
        "{marked}"
    );
    // Given (one tier, 90 %): 3,000 × 0.9 = 2,700 more, 34,060.
    let add_tier = b
        .eval("return document.querySelectorAll('[data-testid^=\"add-discount-tier-\"]')[1].dataset.testid;")
        .await?;
    b.click(add_tier.as_str().unwrap_or_default()).await?;
    b.type_into("coins[1].discount_tiers[0].rate", "90").await?;
    b.wait_for_value("adjusted-equity", "34060").await?;
    b.wait_for_value("results-state", "fresh").await?;
    ensure!(
        b.eval("return document.querySelectorAll('[data-testid=\"stale-banner\"]').length;")
            .await?
            == serde_json::json!(0),
        "the banner stays"
    );
    app.finish().await
}

/// Copies a built app (flat: Trunk writes every file at the top of `dist/`).
fn copy_dist(to: &std::path::Path) -> Result<()> {
    for entry in std::fs::read_dir(unimargin_e2e::dist_dir()?)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn a_market_file_replaced_on_the_server_is_used_on_the_next_load() -> Result<()> {
    let dir = tempfile::tempdir()?;
    copy_dist(dir.path())?;
    let server = unimargin_e2e::StaticServer::start(dir.path()).await?;
    let browser = Browser::start().await?;
    browser.open(&server.url("/")).await?;
    let app = App { server, browser };
    let b = &app.browser;
    b.wait_for_value("market-line", "Bitget UTA, public sources")
        .await?;
    // the service worker installed, as on a second visit
    b.wait_for_service_worker().await?;

    // The operator replaces market.json at deploy time, without a rebuild.
    let replaced = include_str!("../../../../web/market.json")
        .replace("Bitget UTA, public sources", "Replaced at deploy time");
    std::fs::write(dir.path().join("market.json"), replaced)?;
    b.reload().await?;
    b.wait_for_value("market-line", "Replaced at deploy time")
        .await?;
    app.finish().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn a_new_person_opens_a_position_and_checks_an_order_without_typing_a_tier() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    b.wait_for_value("market-line", "Bitget UTA, public sources")
        .await?;
    b.type_holdings(&[("BTC", "1", Some("64000")), ("USDT", "10000", None)])
        .await?;
    // A position: its contract (BTCUSDT, from the coins held) comes with the market's tiers
    // and fee; only the leverage is the person's.
    b.click("add-position").await?;
    ensure!(
        b.by_testid("contracts[0].symbol")
            .await?
            .prop("value")
            .await?
            .as_deref()
            == Some("BTCUSDT")
    );
    b.type_into("contracts[0].leverage", "20").await?;
    b.type_into("positions[0].size", "0.5").await?;
    b.type_into("positions[0].entry_price", "60000").await?;
    b.click("check-add").await?;
    b.type_into("check.size", "0.2").await?;
    ensure!(
        b.eval("return document.querySelectorAll('[data-testid*=\"discount_tiers\"], [data-testid*=\"mm_tiers\"]').length;")
            .await?
            == serde_json::json!(0),
        "a tier field was needed"
    );

    // By hand: BTC 1 × 64,000 at the market's 98 % = 62,720; USDT 10,000 plus the long's
    // PnL 0.5 × (64,000 − 60,000) = 2,000: 12,000 at 100 %; adjusted equity 74,720. The
    // long's initial margin 0.5 × 64,000 × (1/20 + 0.06 %) = 32,000 × 0.0506 = 1,619.20 is all
    // the margin reserved; its maintenance 32,000 × (0.4 % + 0.06 %) = 147.20.
    b.wait_for_value("adjusted-equity", "74720").await?;
    b.wait_for_value("results-state", "fresh").await?;
    ensure!(b.value("margin-reserved").await?.as_deref() == Some("1619.2"));
    ensure!(b.value("maintenance-margin").await?.as_deref() == Some("147.2"));

    // And the engine on the equivalent complete scenario, every table written out (the
    // market's, as web/market.json gives them), as the CLI would evaluate it.
    let complete = r#"{
      "format": "unimargin/scenario@1",
      "coins": [
        { "coin": "BTC", "balance": "1", "price": "64000", "quote": "USD",
          "discount_tiers": [ { "up_to_usd": "1000000", "rate": "0.98" }, { "rate": "0.97" } ] },
        { "coin": "USDT", "balance": "10000", "discount_tiers": [ { "rate": "1" } ] }
      ],
      "contracts": [
        { "symbol": "BTCUSDT", "base": "BTC", "settle": "USDT", "mark_price": "64000",
          "leverage": "20", "taker_fee": "0.0006",
          "mm_tiers": [
            { "up_to_usd": "200000", "mmr": "0.004" }, { "up_to_usd": "1000000", "mmr": "0.005" },
            { "up_to_usd": "5000000", "mmr": "0.007" }, { "up_to_usd": "15000000", "mmr": "0.01" },
            { "up_to_usd": "50000000", "mmr": "0.02" }, { "up_to_usd": "100000000", "mmr": "0.03" },
            { "up_to_usd": "150000000", "mmr": "0.06" }, { "up_to_usd": "300000000", "mmr": "0.12" },
            { "up_to_usd": "500000000", "mmr": "0.15" }, { "up_to_usd": "700000000", "mmr": "0.2" },
            { "up_to_usd": "900000000", "mmr": "0.3" }, { "mmr": "0.6" } ] }
      ],
      "positions": [ { "symbol": "BTCUSDT", "side": "long", "size": "0.5", "entry_price": "60000" } ],
      "check": { "market": "futures", "symbol": "BTCUSDT", "side": "buy", "size": "0.2", "price": "64000" }
    }"#;
    let report = unimargin::evaluate_json(complete)?;
    let exact = |d: unimargin::Decimal| d.normalize().to_string();
    ensure!(exact(report.account.adjusted_equity) == "74720");
    let check = report.check.context("the check")?;
    b.wait_for_value("check-verdict", "accepted").await?;
    ensure!(check.accepted);
    let page_max = b.value("check-max-size").await?;
    ensure!(
        page_max.as_deref() == Some(exact(check.max_size).as_str()),
        "largest size: page {page_max:?}, engine {}",
        check.max_size
    );
    ensure!(
        b.value("positions[0].initial_margin").await?.as_deref()
            == Some(exact(report.positions[0].initial_margin).as_str())
    );
    app.finish().await
}
