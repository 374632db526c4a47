//! Issue 14, the first view before the wasm: the page of a first visit is in the HTML,
//! pre-rendered at build time in each language (crates/unimargin-prerender), shown by
//! web/first-view.js in the language the app will choose, inert, and replaced by the app
//! without a visible change: the whole page, screenshot at a phone's size, is the same
//! pixels before the wasm has arrived and after the app has started. It is not shown when
//! the app will show something else (a share link, saved work). If the wasm never comes,
//! the page says so in its language rather than look ready.

use anyhow::{ensure, Context, Result};
use serde_json::json;
use unimargin_e2e::{dist_dir, wait_until, Browser, StaticServer, DEFAULT_TIMEOUT};

/// What becomes of the page's request for the app's wasm.
#[derive(Clone, Copy, PartialEq)]
enum Wasm {
    Arrives,
    /// Never answered: a slow network that has not brought it yet.
    Hangs,
    /// Refused: it will not come.
    Fails,
}

/// A browser whose preferred languages are `languages`, with a phone's window (390 × 844,
/// touch), its requests for the app's wasm answered as `wasm` says.
async fn browser(languages: &[&str], wasm: Wasm) -> Result<Browser> {
    let b = Browser::start().await?;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({
            "source": format!(
                "Object.defineProperty(navigator, 'languages', {{ get: () => {} }});",
                json!(languages)
            )
        }),
    )
    .await?;
    // before any page (`Browser::set_viewport` checks the width on the open page)
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true }),
    )
    .await?;
    // scrollbars are drawn or faded by the browser's own timing: not what is compared
    b.cdp("Emulation.setScrollbarsHidden", json!({ "hidden": true }))
        .await?;
    match wasm {
        Wasm::Arrives => {}
        // paused by the DevTools protocol, and nobody lets it go on
        Wasm::Hangs => {
            b.cdp(
                "Fetch.enable",
                json!({ "patterns": [{ "urlPattern": "*_bg.wasm*" }] }),
            )
            .await?;
        }
        Wasm::Fails => {
            b.cdp("Network.enable", json!({})).await?;
            b.cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] }))
                .await?;
        }
    }
    Ok(b)
}

/// What the page shows before the app: how many first-view elements, whether all are inert,
/// `<html lang>`, and whether the app has started.
async fn before_the_app(b: &Browser) -> Result<(u64, bool, String, bool)> {
    let v = b
        .eval(
            "const fv = [...document.querySelectorAll('[data-first-view]')];
             return [fv.length, fv.every((e) => e.inert), document.documentElement.lang,
                     !!document.querySelector('[data-testid=\"app-ready\"]')];",
        )
        .await?;
    Ok((
        v[0].as_u64().context("count")?,
        v[1].as_bool().context("inert")?,
        v[2].as_str().context("lang")?.to_owned(),
        v[3].as_bool().context("app")?,
    ))
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn the_first_view_is_the_page_before_the_wasm_arrives_in_each_language() -> Result<()> {
    let server = StaticServer::start(dist_dir()?).await?;
    for (preferred, lang, start_button, cannot_start) in [
        (
            ["en-US", "en"],
            "en",
            "Add your first coin",
            "could not start",
        ),
        (["zh-CN", "zh"], "zh", "添加第一个币种", "无法启动"),
        (
            ["es-ES", "es"],
            "es",
            "Añade tu primera moneda",
            "no pudo iniciarse",
        ),
        (
            ["fr-CA", "en"],
            "fr",
            "Ajoutez votre première crypto",
            "n’a pas pu démarrer",
        ),
    ] {
        // The wasm has not arrived: the first view is there, in the browser's language.
        let b = browser(&preferred, Wasm::Hangs).await?;
        b.client().goto(&server.url("/")).await?;
        let (count, inert, shown_lang, app) = before_the_app(&b).await?;
        ensure!(
            count > 0 && !app,
            "{lang}: no first view before the app ({count})"
        );
        ensure!(
            inert,
            "{lang}: a first-view element takes input the app would lose"
        );
        ensure!(shown_lang == lang, "{lang}: <html lang> is {shown_lang}");
        let button = b
            .eval("return document.querySelector('[data-testid=\"start-add-coin\"]').textContent;")
            .await?;
        ensure!(
            button == start_button,
            "{lang}: the start button says {button}"
        );
        // Inert: nothing there can take the focus (nor a tap or a key).
        let focused = b
            .eval(
                "const e = document.querySelector('[data-testid=\"start-add-coin\"]');
                 e.focus(); return document.activeElement === e;",
            )
            .await?;
        ensure!(
            focused == false,
            "{lang}: the first view's button took the focus"
        );
        let before = b.full_screenshot_png().await?;
        b.close().await?;

        // The wasm will not come: the page says so in its language, instead of looking
        // ready.
        let b = browser(&preferred, Wasm::Fails).await?;
        b.client().goto(&server.url("/")).await?;
        let said = wait_until(DEFAULT_TIMEOUT, "the message that the app could not start", || async {
            let said = b
                .eval("const e = document.querySelector('[data-testid=\"boot-error\"]'); return e ? e.textContent : null;")
                .await?;
            Ok(said.as_str().map(str::to_owned))
        })
        .await?;
        ensure!(
            said.contains(cannot_start),
            "{lang}: the message is {said:?}"
        );
        b.close().await?;

        // The same browser language with the wasm: the app replaces the first view, and
        // the page is the same pixels.
        let b = browser(&preferred, Wasm::Arrives).await?;
        b.open(&server.url("/")).await?;
        b.wait_for_value("language", lang).await?;
        let left = b
            .eval("return document.querySelectorAll('[data-first-view], template').length;")
            .await?;
        ensure!(
            left == 0,
            "{lang}: {left} first-view nodes left after the app started"
        );
        // the worker's first answers and the page's last effects settled
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let after = b.full_screenshot_png().await?;
        if before != after {
            let dir = std::env::temp_dir();
            std::fs::write(dir.join(format!("first-view-{lang}-before.png")), &before)?;
            std::fs::write(dir.join(format!("first-view-{lang}-after.png")), &after)?;
            anyhow::bail!(
                "{lang}: the page changed when the app took over (screenshots in {})",
                dir.display()
            );
        }
        let checked = b.assert_no_console_errors().await;
        b.close().await?;
        checked?;
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn the_first_view_is_shown_only_when_it_is_what_the_app_will_show() -> Result<()> {
    let server = StaticServer::start(dist_dir()?).await?;

    // A share link: the app will open it, so no first view.
    let b = browser(&["en"], Wasm::Fails).await?;
    b.client().goto(&server.url("/#scenario=eyJ9")).await?;
    let (count, ..) = before_the_app(&b).await?;
    ensure!(count == 0, "a share link got the first view");

    // Work saved with a coin in it: the app will show it, so no first view.
    b.eval(
        r#"localStorage.setItem("unimargin.work", JSON.stringify({app: "unimargin", version: 2, lang: "en",
             draft: {settings: {usdt_usd: "1", usdc_usd: "", spot_taker_fee: "", warning_rate: "", liquidation_rate: ""},
               coins: [{coin: "BTC", balance: "1", price: "50000", quote: "", discount_tiers: [], loan_tiers: [],
                        hourly_interest: "", interest_free: ""}],
               contracts: [], positions: [], orders: [], check: null}}));"#,
    )
    .await?;
    b.client().goto(&server.url("/")).await?;
    let (count, ..) = before_the_app(&b).await?;
    ensure!(count == 0, "saved work with a coin got the first view");

    // Unreadable saved work: the app will say so, so no first view.
    b.eval(r#"localStorage.setItem("unimargin.work", "{not json");"#)
        .await?;
    b.client().goto(&server.url("/")).await?;
    let (count, ..) = before_the_app(&b).await?;
    ensure!(count == 0, "unreadable saved work got the first view");
    b.close().await?;

    // A first visit's work saved in Spanish (the app saved it: an empty account) by a
    // browser that prefers English: the first view, in Spanish, as the app will be.
    let b = browser(&["en"], Wasm::Arrives).await?;
    b.open(&server.url("/")).await?;
    b.eval(
        "const s = document.querySelector('[data-testid=\"language\"]');
         s.value = 'es'; s.dispatchEvent(new Event('change', { bubbles: true }));",
    )
    .await?;
    wait_until(DEFAULT_TIMEOUT, "the work saved in Spanish", || async {
        let saved = b
            .eval("return localStorage.getItem('unimargin.work') || '';")
            .await?;
        Ok(saved
            .as_str()
            .is_some_and(|s| s.contains(r#""lang":"es""#))
            .then_some(()))
    })
    .await?;
    b.cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] }))
        .await?;
    b.client().goto(&server.url("/")).await?;
    let (count, _, lang, app) = before_the_app(&b).await?;
    ensure!(
        count > 0 && !app && lang == "es",
        "a first visit's work saved in Spanish: {count} first-view elements, lang {lang}"
    );
    b.close().await?;
    Ok(())
}
