//! The app skeleton in a real browser: it starts, shows no console error, and works offline.
//! Run by `scripts/test` after `trunk build --release` (they are ignored by a plain
//! `cargo test`, which needs no browser). Further browser tests: here, or in modules of
//! `tests/browser/` declared with `#[path = "browser/NAME.rs"] mod NAME;`, so they stay in
//! this one test target.

use anyhow::{ensure, Result};
use serde_json::Value;
use unimargin_e2e::App;

#[path = "browser/access.rs"]
mod access;
#[path = "browser/app.rs"]
mod app;
#[path = "browser/explain.rs"]
mod explain;
#[path = "browser/extremes.rs"]
mod extremes;
#[path = "browser/first_view.rs"]
mod first_view;
#[path = "browser/languages.rs"]
mod languages;
#[path = "browser/layout.rs"]
mod layout;
#[path = "browser/market.rs"]
mod market;
#[path = "browser/newcomer.rs"]
mod newcomer;
#[path = "browser/rows.rs"]
mod rows;
#[path = "browser/whatif.rs"]
mod whatif;

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn page_loads_and_shows_app_ready() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    ensure!(b.client().title().await? == "unimargin", "page title");
    ensure!(b.value("app-ready").await?.as_deref() == Some("ok"));
    ensure!(
        b.eval("return document.querySelectorAll('main').length;")
            .await?
            == 1,
        "one <main>"
    );
    app.finish().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn no_console_errors_and_no_other_origin() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    // The service worker has installed (its errors would show by now).
    b.wait_for_service_worker().await?;
    // The CSP is in force and every resource came from this origin.
    let csp = b
        .eval(
            "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]');
             return m ? m.content : null;",
        )
        .await?;
    let csp = csp.as_str().unwrap_or_default();
    ensure!(csp.contains("default-src 'self'"), "CSP meta tag: {csp:?}");
    let foreign = b
        .eval(
            "return performance.getEntriesByType('resource')
               .map((e) => e.name)
               .filter((u) => !u.startsWith(location.origin + '/'));",
        )
        .await?;
    ensure!(
        foreign == Value::Array(vec![]),
        "requests to other origins: {foreign}"
    );
    // Not even a warning (a CSP directive ignored in a meta tag, an unused preload...).
    let noisy: Vec<_> = b
        .console()
        .await?
        .into_iter()
        .filter(|e| e.level == "SEVERE" || e.level == "WARNING")
        .collect();
    ensure!(noisy.is_empty(), "console warnings or errors: {noisy:#?}");
    app.finish().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn reload_works_with_the_server_stopped() -> Result<()> {
    let mut app = App::start().await?;
    app.browser.wait_for_service_worker().await?;

    app.server.stop().await;
    ensure!(
        std::net::TcpStream::connect(app.server.addr()).is_err(),
        "the server is down"
    );
    app.browser.reload().await?;
    let controlled = app
        .browser
        .eval("return navigator.serviceWorker.controller !== null;")
        .await?;
    ensure!(
        controlled == Value::Bool(true),
        "served by the service worker"
    );

    // Back online, the page still loads (from the network for the page itself).
    app.server.restart().await?;
    app.browser.reload().await?;
    app.finish().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn the_harness_sees_console_errors_and_csp_violations() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    b.eval("console.error('e2e-probe: an error');").await?;
    // An inline script: the Content-Security-Policy must refuse it, and say so.
    b.eval(
        "const s = document.createElement('script');
         s.textContent = 'window.inlineRan = true';
         document.body.append(s);",
    )
    .await?;
    let errors = unimargin_e2e::wait_until(
        unimargin_e2e::DEFAULT_TIMEOUT,
        "both errors in the console",
        || async {
            let errors = b.console_errors().await?;
            Ok((errors.len() >= 2).then_some(errors))
        },
    )
    .await?;
    ensure!(errors
        .iter()
        .any(|e| e.message.contains("e2e-probe: an error")));
    ensure!(errors
        .iter()
        .any(|e| e.message.contains("Content Security Policy")));
    ensure!(b.eval("return window.inlineRan === true;").await? == false);
    ensure!(b.assert_no_console_errors().await.is_err());
    app.browser.close().await
}
