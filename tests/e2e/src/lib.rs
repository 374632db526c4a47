//! Browser end-to-end test harness for unimargin.
//!
//! Real headless Chromium, driven through chromedriver by fantoccini, against the built
//! `dist/` (one `trunk build --release`, made by `scripts/test`) served on 127.0.0.1.
//!
//! The tests in `tests/` are `#[ignore]`d, so a plain `cargo test --workspace` needs no
//! browser; `scripts/test` runs them with `cargo test -p unimargin-e2e -- --ignored`.
//!
//! A test usually reads:
//! ```no_run
//! # async fn t() -> anyhow::Result<()> {
//! let app = unimargin_e2e::App::start().await?; // serve dist/, start Chromium, open the page
//! app.browser.type_into("coin-balance-BTC", "2").await?;
//! app.browser.wait_for_value("account-equity", "100000").await?;
//! app.finish().await // fails on any console error, then closes the browser
//! # }
//! ```

mod browser;
pub mod perf;
mod server;

use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

pub use browser::{Browser, ConsoleEntry, CHROMIUM_FLAGS};
pub use server::{content_type, StaticServer};

/// How long the helpers wait for something the page should do (the machine may be busy).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// The built app: `UNIMARGIN_DIST`, or `dist/` at the workspace root.
pub fn dist_dir() -> Result<PathBuf> {
    let dir = std::env::var_os("UNIMARGIN_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist"));
    if !dir.join("index.html").is_file() {
        bail!(
            "no built app at {}: run `trunk build --release` first (scripts/test does)",
            dir.display()
        );
    }
    Ok(dir.canonicalize()?)
}

/// Calls `probe` every 50 ms until it gives `Some`, for at most `timeout`. An `Err` from the
/// probe (say, the element is not there yet) counts as "not yet"; the last one is reported
/// on timeout.
pub async fn wait_until<T, F, Fut>(timeout: Duration, what: &str, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let deadline = Instant::now() + timeout;
    let mut last_error = None;
    loop {
        match probe().await {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => {}
            Err(err) => last_error = Some(err),
        }
        if Instant::now() > deadline {
            match last_error {
                Some(err) => bail!("timed out after {timeout:?} waiting for {what}: {err:#}"),
                None => bail!("timed out after {timeout:?} waiting for {what}"),
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The app served from `dist/` and open in a fresh headless Chromium.
pub struct App {
    pub server: StaticServer,
    pub browser: Browser,
}

impl App {
    /// Serves `dist/` on a free port, starts Chromium and opens the page at `/`, waiting until
    /// the app has started.
    pub async fn start() -> Result<Self> {
        Self::start_at("/").await
    }

    /// Like [`App::start`], opening `path` (e.g. `/#scenario=…`).
    pub async fn start_at(path: &str) -> Result<Self> {
        let server = StaticServer::start(dist_dir()?).await?;
        let browser = Browser::start().await?;
        browser.open(&server.url(path)).await?;
        Ok(Self { server, browser })
    }

    /// Opens `url` in another Chromium with a fresh, empty profile (no storage, no service
    /// worker), as a person following a link on another machine would.
    pub async fn open_in_fresh_profile(&self, url: &str) -> Result<Browser> {
        let browser = Browser::start().await?;
        browser.open(url).await?;
        Ok(browser)
    }

    /// Ends the test: fails on any console error seen, then closes the browser.
    pub async fn finish(self) -> Result<()> {
        let checked = self.browser.assert_no_console_errors().await;
        self.browser.close().await?;
        checked
    }
}
