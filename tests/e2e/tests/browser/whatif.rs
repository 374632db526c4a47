//! What-if in a real browser (issue 5): a price shock that every figure follows, the chart,
//! the liquidation price, the stages of partial liquidation and the upgrade checker. The
//! expected figures are the engine's, computed here with `unimargin` from the same files.

use anyhow::{ensure, Context, Result};
use serde_json::Value;
use unimargin::evaluate::{evaluate, Evaluation};
use unimargin::liquidation::liquidate;
use unimargin::report::Report;
use unimargin::upgrade::{mode_check, UpgradeBlocker};
use unimargin::whatif::{liquidation_prices, shock, PriceProbe};
use unimargin::{Account, Decimal};
use unimargin_e2e::{wait_until, App, Browser, DEFAULT_TIMEOUT};

const FUTURES: &str = include_str!("../../../fixtures/presets/futures-account.json");
const LEVERAGED: &str = include_str!("../../../fixtures/presets/leveraged-long.json");

fn account(json: &str) -> Result<Account> {
    let scenario = unimargin::parse_scenario(json)?;
    Ok(Account::from_scenario(&scenario)?)
}

/// The engine's exact decimal as the page writes it in `data-value`.
fn exact(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A price as the page writes it: to the cent, grouped.
fn group(price: Decimal) -> String {
    unimargin::text::usd(price).replace(" USD", "")
}

fn d(text: &str) -> Result<Decimal> {
    text.parse::<Decimal>()
        .with_context(|| format!("not a decimal: {text:?}"))
}

async fn load_preset(b: &Browser, key: &str) -> Result<()> {
    b.click("presets-menu").await?;
    b.click(&format!("preset-{key}")).await?;
    b.wait_for_value("results-state", "fresh").await
}

/// The visible texts of every element with this test id.
async fn texts(b: &Browser, testid: &str) -> Result<Vec<String>> {
    each(b, testid, "e.innerText.trim()").await
}

/// The `data-value`s of every element with this test id.
async fn values(b: &Browser, testid: &str) -> Result<Vec<String>> {
    each(b, testid, "e.dataset.value").await
}

/// `read` (a JS expression of the element `e`) of every element with this test id, where
/// it is a string.
async fn each(b: &Browser, testid: &str, read: &str) -> Result<Vec<String>> {
    let v = b
        .eval(&format!(
            "return [...document.querySelectorAll('[data-testid=\"{testid}\"]')].map((e) => {read});"
        ))
        .await?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn a_shock_moves_every_figure_and_never_the_scenario() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    load_preset(b, "futures-account").await?;
    let plain = evaluate(&account(FUTURES)?)?;
    b.wait_for_value("adjusted-equity", &exact(plain.account.adjusted_equity))
        .await?;
    ensure!(b.value("shock-coin").await?.is_none());
    ensure!(
        b.by_testid("shock-coin")
            .await?
            .prop("value")
            .await?
            .as_deref()
            == Some("BTC"),
        "BTC is the default coin (the base of the contract)"
    );

    b.type_into("shock-price", "41000").await?;
    let shocked = evaluate(&shock(&account(FUTURES)?, 0, Decimal::from(41000))?)?;
    let a = &shocked.account;
    ensure!(a.adjusted_equity != plain.account.adjusted_equity);
    b.wait_for_value("adjusted-equity", &exact(a.adjusted_equity))
        .await?;
    for (id, value) in [
        ("account-equity", a.account_equity),
        ("maintenance-margin", a.maintenance_margin),
        ("margin-reserved", a.margin_reserved),
        ("available-margin", a.available_margin),
        ("position-value", a.position_value),
    ] {
        ensure!(
            b.value(id).await?.as_deref() == Some(exact(value).as_str()),
            "{id}: {:?}, the engine says {value}",
            b.value(id).await?
        );
    }
    ensure!(
        b.value("cross-margin-rate").await?.as_deref()
            == Some(exact(a.cross_margin_rate.unwrap()).as_str())
    );
    b.wait_for_value("shock-banner", "BTC:41000").await?;
    let banner = b.text("shock-banner-text").await?;
    ensure!(
        banner == "What-if: BTC at 41,000.00 USD (−35.9 %)",
        "banner: {banner:?}"
    );
    // A price beyond what can be kept exactly is refused by name, not as "enter a price".
    b.type_into("shock-price", "1e999").await?;
    let refused = wait_until(DEFAULT_TIMEOUT, "the what-if price refused", || async {
        let text = b.text("shock-error").await.unwrap_or_default();
        Ok(text.contains("too large").then_some(text))
    })
    .await?;
    ensure!(
        refused.contains("\"1e999\" is too large"),
        "refused with: {refused:?}"
    );
    // The figures stay at the last price read (here a prefix of what was typed), and the
    // field says which, as the banner does.
    let banner_now = b.text("shock-banner-text").await?;
    let price = banner_now
        .split_once(" at ")
        .and_then(|(_, rest)| rest.split_once(" USD"))
        .map(|(price, _)| price.to_string())
        .context("the banner's price")?;
    let kept = b.text("shock-kept").await?;
    ensure!(
        kept == format!("The figures stay at {price} USD, the last price that could be read."),
        "kept: {kept:?}, banner: {banner_now:?}"
    );
    b.type_into("shock-price", "41000").await?;
    b.wait_for_value("shock-banner", "BTC:41000").await?;
    b.wait_for_value("adjusted-equity", &exact(a.adjusted_equity))
        .await?;
    ensure!(
        b.count("shock-kept").await? == 0,
        "nothing refused any more"
    );
    // The percent field and the slider follow the price typed.
    ensure!(
        b.by_testid("shock-percent")
            .await?
            .prop("value")
            .await?
            .as_deref()
            == Some("-35.94")
    );
    // Never written into the saved work (it saves a moment after a change).
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let saved = b
        .eval("return JSON.stringify(Object.assign({}, localStorage));")
        .await?;
    let saved = saved.as_str().unwrap_or_default();
    ensure!(
        saved.contains("\\\"64,000\\\"") && !saved.contains("41000") && !saved.contains("41,000"),
        "saved work: {saved}"
    );

    // Nor into a share link.
    b.click("share").await?;
    let link = wait_until(DEFAULT_TIMEOUT, "the share link", || async {
        b.value("share-link").await
    })
    .await?;
    let payload = &link[link.find("#scenario=").context("a scenario link")? + 10..];
    let shared = b
        .eval(&format!(
            "return new TextDecoder().decode(Uint8Array.from(atob('{}'), (c) => c.charCodeAt(0)));",
            payload.replace('-', "+").replace('_', "/")
        ))
        .await?;
    let shared = shared.as_str().unwrap_or_default();
    ensure!(
        shared.contains("\"64000\"") && !shared.contains("41000"),
        "shared scenario: {shared}"
    );

    // By percent: +10 % of 64,000.
    b.type_into("shock-percent", "10").await?;
    let up = evaluate(&shock(&account(FUTURES)?, 0, Decimal::from(70400))?)?;
    b.wait_for_value("adjusted-equity", &exact(up.account.adjusted_equity))
        .await?;
    b.wait_for_value("shock-banner", "BTC:70400").await?;

    b.click("shock-reset").await?;
    b.wait_for_value("adjusted-equity", &exact(plain.account.adjusted_equity))
        .await?;
    ensure!(
        b.eval("return document.querySelector('[data-testid=shock-banner]') === null;")
            .await?
            == Value::Bool(true),
        "no banner once reset"
    );
    // The default preset has no liquidation price in range.
    b.wait_for_value("liquidation-price-state", "none").await?;
    app.finish().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn the_chart_and_the_liquidation_price_verify() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    load_preset(b, "leveraged-long").await?;
    let acc = account(LEVERAGED)?;
    let evaluation = Evaluation::new(&acc)?;
    let engine = liquidation_prices(&evaluation, 0)?;
    let below = engine
        .liquidation
        .below
        .context("a liquidation price below")?;
    b.wait_for_value("liquidation-price-below", &exact(below))
        .await?;
    // The price found verifies: the rate there is the liquidation rate.
    let mut probe = PriceProbe::new(&evaluation, 0)?;
    let rate = probe
        .at(below)
        .map_err(|_| anyhow::anyhow!("overflow"))?
        .cross_margin_rate
        .unwrap();
    ensure!(
        (rate - Decimal::ONE).abs() < Decimal::new(1, 6),
        "rate at {below}: {rate}"
    );
    let line = b.text("liquidation-price-below").await?;
    ensure!(
        line == "Liquidation at BTC = 59,478.96 USD (−7.1 %)",
        "line: {line:?}"
    );
    ensure!(
        b.value("warning-price-below").await?.as_deref()
            == Some(exact(engine.warning.below.unwrap()).as_str())
    );

    // The chart: 200 prices, the levels and the marks.
    ensure!(
        b.by_testid("chart")
            .await?
            .attr("data-points")
            .await?
            .as_deref()
            == Some("200")
    );
    ensure!(b.value("chart-warning-rate").await?.as_deref() == Some("0.8"));
    ensure!(b.value("chart-liquidation-rate").await?.as_deref() == Some("1"));
    ensure!(b.value("chart-current").await?.as_deref() == Some("64000"));
    ensure!(b.value("chart-liquidation-below").await?.as_deref() == Some(exact(below).as_str()));
    ensure!(
        b.value("chart-warning-below").await?.as_deref()
            == Some(exact(engine.warning.below.unwrap()).as_str())
    );
    // Zoomed in around the prices found: twice the farthest one's distance either side.
    let reach = (engine.current_price - below)
        .abs()
        .max((engine.current_price - engine.warning.below.unwrap()).abs())
        * Decimal::TWO;
    let caption = b
        .eval("return document.querySelector('[data-testid=chart] figcaption').innerText;")
        .await?;
    let range = format!(
        "{} to {} USD, 200 prices",
        group(engine.current_price - reach),
        group(engine.current_price + reach)
    );
    ensure!(
        caption.as_str().unwrap_or_default().contains(&range),
        "caption {caption}, expected {range}"
    );
    // The curve is drawn in runs of one zone (safe, warning, liquidation), each run after the
    // first starting at the last point of the one before: 200 points in all.
    let points = b
        .eval(
            "const runs = [...document.querySelectorAll('[data-testid=chart-curve] polyline')];
             const n = runs.map((r) => r.getAttribute('points').trim().split(/\\s+/).length);
             return n.reduce((a, b) => a + b, 0) - (runs.length - 1);",
        )
        .await?;
    ensure!(points == 200, "polyline points: {points}");
    // Coloured by zone, left to right: past liquidation below its price, warning up to the
    // warning price, safe from there through 64,000 and above (nothing is found above).
    ensure!(engine.liquidation.above.is_none() && engine.warning.above.is_none());
    let zones = b
        .eval("return [...document.querySelectorAll('[data-testid=chart-curve] polyline')].map((r) => r.getAttribute('class'));")
        .await?;
    ensure!(
        zones == serde_json::json!(["curve liquidation", "curve warning", "curve safe"]),
        "zones: {zones}"
    );

    // The readout under the pointer: at a quarter of the plot, the engine's figures there.
    b.eval(
        "const svg = document.querySelector('[data-testid=chart] svg');
         const r = svg.getBoundingClientRect();
         svg.dispatchEvent(new PointerEvent('pointermove', {
           clientX: r.left + r.width * 0.55, clientY: r.top + r.height / 2, bubbles: true }));",
    )
    .await?;
    let price = wait_until(DEFAULT_TIMEOUT, "the readout to move", || async {
        let p = b
            .by_testid("chart-readout")
            .await?
            .attr("data-price")
            .await?
            .unwrap_or_default();
        Ok((p != "64000" && !p.is_empty()).then_some(p))
    })
    .await?;
    let readout = b.by_testid("chart-readout").await?;
    let at = probe
        .at(d(&price)?)
        .map_err(|_| anyhow::anyhow!("overflow"))?;
    ensure!(
        readout.attr("data-rate").await?.as_deref()
            == Some(at.cross_margin_rate.map(exact).unwrap_or_default().as_str()),
        "readout rate at {price}"
    );
    ensure!(
        readout.attr("data-value").await?.as_deref() == Some(exact(at.adjusted_equity).as_str())
    );
    let shown = readout.text().await?;
    ensure!(shown.contains("cross margin rate") && shown.contains("adjusted equity"));

    // A shock draws its price on the chart too.
    b.type_into("shock-price", "60000").await?;
    b.wait_for_value("chart-shock", "60000").await?;
    app.finish().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn the_stages_play_out_an_account_past_liquidation() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    load_preset(b, "leveraged-long").await?;
    b.wait_for_value("stages-outcome", "not_needed").await?;

    // Below the liquidation price (59,478.96).
    b.type_into("shock-price", "58000").await?;
    b.wait_for_value("risk", "liquidation").await?;
    let shocked = shock(&account(LEVERAGED)?, 0, Decimal::from(58000))?;
    let plan = liquidate(&shocked)?;
    let outcome = serde_json::to_value(plan.outcome)?;
    let outcome = outcome.as_str().unwrap_or_default();
    ensure!(outcome == "safe" || outcome == "taken_over", "{outcome}");
    b.wait_for_value("stages-outcome", outcome).await?;
    ensure!(!plan.steps.is_empty());
    ensure!(b.value("stages").await?.as_deref() == Some(plan.steps.len().to_string().as_str()));
    let rates = values(b, "stage-step").await?;
    let expected: Vec<String> = plan
        .steps
        .iter()
        .map(|s| s.cross_margin_rate.map(exact).unwrap_or_default())
        .collect();
    ensure!(rates == expected, "rates {rates:?}, engine {expected:?}");
    let steps = texts(b, "stage-step").await?;
    for (shown, step) in steps.iter().zip(&plan.steps) {
        ensure!(
            shown.contains(&step.description()),
            "{shown:?} lacks {:?}",
            step.description()
        );
    }
    // The readings are on the page.
    let readings = b.text("stages-readings").await?;
    ensure!(readings.contains("How this play-out reads the rules"));
    let html = b
        .eval("return document.querySelector('[data-testid=stages-readings]').textContent;")
        .await?;
    for r in &plan.readings {
        ensure!(
            html.as_str().unwrap_or_default().contains(&r.to_string()),
            "reading {r:?}"
        );
    }
    app.finish().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn each_upgrade_blocker_shows_its_remedy_and_the_mode_rules_apply() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    // Nothing picked: the page asks for the message, and never says the upgrade can go ahead.
    b.wait_for_value("upgrade-verdict", "none").await?;
    ensure!(!b.text("upgrade").await?.contains("can go ahead"));
    for blocker in UpgradeBlocker::ALL {
        let key = serde_json::to_value(blocker)?
            .as_str()
            .unwrap_or_default()
            .replace('_', "-");
        let checkbox = format!("upgrade-q-{key}");
        // each choice is the message the platform shows
        let label = b
            .eval(&format!(
                "return document.querySelector('[data-testid=\"{checkbox}\"]').parentElement.querySelector('[data-testid=upgrade-option]').innerText.trim();"
            ))
            .await?;
        ensure!(label == format!("“{}”", blocker.prompt()), "{label}");
        b.click(&checkbox).await?;
        b.wait_for_value("upgrade-verdict", "cannot").await?;
        ensure!(values(b, "upgrade-blocker").await? == vec![key.clone()]);
        let prompt = b.text("upgrade-prompt").await?;
        ensure!(prompt == format!("“{}”", blocker.prompt()), "{prompt}");
        let remedy = texts(b, "upgrade-remedy").await?;
        let expected: Vec<String> = blocker.remedy().iter().map(|s| s.to_string()).collect();
        ensure!(remedy == expected, "{key}: {remedy:?}");
        b.click(&checkbox).await?;
        b.wait_for_value("upgrade-verdict", "none").await?;
    }
    // Two at once: both, in the article's order.
    b.click("upgrade-q-unsupported-region").await?;
    b.click("upgrade-q-active-trading-bots").await?;
    b.wait_for_value("upgrade-verdict", "cannot").await?;
    ensure!(values(b, "upgrade-blocker").await? == ["active-trading-bots", "unsupported-region"]);

    // Modes, from the futures example: 2 positions, 2 orders, a USDT debt; equity ≥ 1,000.
    load_preset(b, "futures-account").await?;
    let acc = account(FUTURES)?;
    let report = evaluate(&acc)?;
    let modes = mode_check(&report, 2, 2);
    b.wait_for_value("mode-check", "switch:false advanced:true")
        .await?;
    ensure!(!modes.can_switch_modes && modes.advanced_mode_eligible);
    let sentences: Vec<String> = modes.reasons.iter().map(|r| r.to_string()).collect();
    ensure!(texts(b, "mode-reason").await? == sentences);

    // A key that moves the equity: its sentence follows. 2 BTC instead of 1.2.
    let richer = FUTURES.replace(r#""balance": "1.2""#, r#""balance": "2""#);
    let sentences_of = |report: &Report| -> Vec<String> {
        let m = mode_check(report, 2, 2);
        m.reasons.iter().map(|r| r.to_string()).collect()
    };
    let typed = sentences_of(&evaluate(&account(&richer)?)?);
    ensure!(typed != sentences, "2 BTC moves the equity");
    b.type_into("coins[0].balance", "2").await?;
    wait_until(
        DEFAULT_TIMEOUT,
        "the equity's sentence to follow",
        || async { Ok((texts(b, "mode-reason").await? == typed).then_some(())) },
    )
    .await?;
    // A shock moves the figures, not the mode rules: they read the account as typed.
    let shocked = sentences_of(&evaluate(&shock(
        &account(&richer)?,
        0,
        Decimal::from(41000),
    )?)?);
    ensure!(shocked != typed, "the shock moves the equity");
    b.type_into("shock-price", "41000").await?;
    b.wait_for_value("shock-banner", "BTC:41000").await?;
    b.wait_for_value("panels-pending", "0").await?;
    ensure!(
        texts(b, "mode-reason").await? == typed,
        "the mode rules under a shock"
    );
    b.click("shock-reset").await?;

    // Seed 1 (no orders, positions or debts): switching is possible.
    load_preset(b, "seed-1").await?;
    b.wait_for_value("mode-check", "switch:true advanced:true")
        .await?;
    app.finish().await
}

/// Where the stages panel is: its top, in screen heights below the window's bottom.
async fn stages_screens_below(b: &Browser) -> Result<f64> {
    let v = b
        .eval(
            "const r = document.getElementById('stages').getBoundingClientRect();
             return (r.top - window.innerHeight) / window.innerHeight;",
        )
        .await?;
    v.as_f64().context("the stages panel's place")
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn a_panel_away_from_the_screen_is_brought_up_to_date_when_typing_stops() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    load_preset(b, "futures-account").await?;
    b.wait_for_value("panels-pending", "0").await?;
    let starting = |json: &str| -> Result<String> {
        let plan = liquidate(&account(json)?)?;
        Ok(plan.starting_rate.map(exact).unwrap_or_default())
    };
    let before = starting(FUTURES)?;
    let after = starting(&FUTURES.replace(r#""balance": "1.2""#, r#""balance": "2""#))?;
    ensure!(before != after, "the new balance moves the starting rate");
    b.wait_for_value("stages-start", &before).await?;

    // Typed at the top of the form: the stages panel, screens away, is not worked out at
    // each key; the figures are.
    b.type_into("coins[0].balance", "2").await?;
    let away = stages_screens_below(b).await?;
    ensure!(
        away > 1.0,
        "the stages panel is {away:.2} screens below the window: not away"
    );
    // 400 ms after the figures: long after the worker's answer (a few ms), before the
    // catch-up (a second after the last key)
    let seen = b
        .client()
        .execute_async(
            "const [after, done] = [arguments[0], arguments[arguments.length - 1]];
             const value = (id) => document.querySelector(`[data-testid=\"${id}\"]`)?.dataset.value;
             const start = performance.now();
             (function poll() {
               if (value('cross-margin-rate') === after) {
                 setTimeout(() => done([value('stages-start'), value('panels-pending')]), 400);
               } else if (performance.now() - start > 20000) {
                 done(null);
               } else {
                 setTimeout(poll, 5);
               }
             })();",
            vec![Value::from(after.clone())],
        )
        .await?;
    ensure!(
        seen[0].as_str() == Some(before.as_str()) && !matches!(seen[1].as_str(), None | Some("0")),
        "400 ms after the figures, the stages panel away from the screen still waits: {seen}"
    );
    // A second after the last key, without scrolling: up to date.
    b.wait_for_value("stages-start", &after).await?;
    b.wait_for_value("panels-pending", "0").await?;
    ensure!(stages_screens_below(b).await? > 1.0, "not scrolled");
    app.finish().await
}
