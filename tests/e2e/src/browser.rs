//! Headless Chromium driven through chromedriver by fantoccini.
//!
//! Each [`Browser`] has its own chromedriver, in its own process group, and a fresh
//! Chromium profile in a temporary folder. Dropping it (also while a test panics) kills the
//! whole group, so no Chromium process outlives the test.

use std::cell::RefCell;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::{wait_until, DEFAULT_TIMEOUT};

/// The flags Chromium needs on this closed-network machine, as root, without a display.
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
];

/// One message of the browser console (chromedriver's `browser` log).
#[derive(Clone, Debug)]
pub struct ConsoleEntry {
    /// `SEVERE`, `WARNING`, `INFO` or `DEBUG`.
    pub level: String,
    pub message: String,
}

impl ConsoleEntry {
    pub fn is_error(&self) -> bool {
        self.level == "SEVERE"
    }
}

/// A headless Chromium with a fresh profile, driven by its own chromedriver.
pub struct Browser {
    client: Option<Client>,
    driver: Child,
    /// Holds the Chromium profile and chromedriver's log; removed on drop.
    dir: TempDir,
    console: Mutex<Vec<ConsoleEntry>>,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a fresh, empty profile.
    pub async fn start() -> Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("unimargin-e2e-")
            .tempdir()?;
        let profile = dir.path().join("profile");
        let port = free_port()?;
        let driver = Command::new(chromedriver_path())
            .arg(format!("--port={port}"))
            .arg(format!(
                "--log-path={}",
                dir.path().join("chromedriver.log").display()
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // A process group of its own: dropping the Browser kills chromedriver and every
            // Chromium process it started, whatever state the test ended in.
            .process_group(0)
            .spawn()
            .with_context(|| format!("starting {}", chromedriver_path().display()))?;
        let mut browser = Self {
            client: None,
            driver,
            dir,
            console: Mutex::new(Vec::new()),
        };

        let ready = Instant::now() + DEFAULT_TIMEOUT;
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            if let Some(status) = browser.driver.try_wait()? {
                bail!("chromedriver exited at start: {status}");
            }
            if Instant::now() > ready {
                bail!("chromedriver did not listen on port {port}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium_path(), "args": args },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .with_context(|| {
                format!(
                    "starting a Chromium session (see {})",
                    browser.dir.path().join("chromedriver.log").display()
                )
            })?;
        browser.client = Some(client);
        Ok(browser)
    }

    /// The fantoccini client, for anything the helpers here do not cover.
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("the browser is running")
    }

    /// Navigates to `url` and waits until the app has started (`app-ready` is `ok`).
    pub async fn open(&self, url: &str) -> Result<()> {
        self.client()
            .goto(url)
            .await
            .with_context(|| format!("opening {url}"))?;
        self.wait_for_app().await
    }

    /// Reloads the page and waits until the app has started again.
    pub async fn reload(&self) -> Result<()> {
        self.client().refresh().await.context("reloading")?;
        self.wait_for_app().await
    }

    /// Waits until the wasm app has rendered (`data-testid="app-ready"` holds `ok`).
    pub async fn wait_for_app(&self) -> Result<()> {
        self.wait_for_value("app-ready", "ok").await
    }

    /// The `data-value` attribute of the element with this `data-testid`.
    pub async fn value(&self, testid: &str) -> Result<Option<String>> {
        Ok(self.by_testid(testid).await?.attr("data-value").await?)
    }

    /// Waits until the `data-value` of `testid` equals `expected`.
    pub async fn wait_for_value(&self, testid: &str, expected: &str) -> Result<()> {
        let last = RefCell::new(None);
        wait_until(
            DEFAULT_TIMEOUT,
            &format!("data-testid={testid} to have data-value={expected:?}"),
            || async {
                let value = self.value(testid).await?;
                let done = value.as_deref() == Some(expected);
                *last.borrow_mut() = value;
                Ok(done.then_some(()))
            },
        )
        .await
        .with_context(|| format!("last data-value seen: {:?}", last.borrow()))
    }

    /// The `value` of the input or select with this `data-testid` (what it holds now).
    pub async fn input_value(&self, testid: &str) -> Result<String> {
        Ok(self
            .by_testid(testid)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// The visible text of the element with this `data-testid`.
    pub async fn text(&self, testid: &str) -> Result<String> {
        Ok(self.by_testid(testid).await?.text().await?)
    }

    /// The visible text of the element with this `data-testid`, once it is shown (the
    /// summary's list of problems comes a moment after a field with a problem is left).
    pub async fn shown_text(&self, testid: &str) -> Result<String> {
        crate::wait_until(
            crate::DEFAULT_TIMEOUT,
            &format!("{testid} shown"),
            || async {
                let element = self.by_testid(testid).await?;
                Ok(if element.is_displayed().await? {
                    Some(element.text().await?)
                } else {
                    None
                })
            },
        )
        .await
    }

    /// How many elements carry this `data-testid`.
    pub async fn count(&self, testid: &str) -> Result<usize> {
        let n = self
            .eval(&format!(
                "return document.querySelectorAll('[data-testid=\"{testid}\"]').length;"
            ))
            .await?;
        Ok(n.as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0))
    }

    /// Waits for a notice of this kind (`data-testid="notice"`, its `data-value`) and gives
    /// its text.
    pub async fn wait_for_notice(&self, kind: &str) -> Result<String> {
        wait_until(DEFAULT_TIMEOUT, &format!("a notice {kind}"), || async {
            let notices = self
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

    /// From a first visit, types the coins a person holds, each in a new row ("Add your
    /// first coin", then "Add a coin"): its name, its balance and, where given, its price.
    pub async fn type_holdings(&self, holdings: &[(&str, &str, Option<&str>)]) -> Result<()> {
        for (i, (coin, balance, price)) in holdings.iter().enumerate() {
            self.click(if i == 0 { "start-add-coin" } else { "add-coin" })
                .await?;
            self.type_into(&format!("coins[{i}].coin"), coin).await?;
            self.type_into(&format!("coins[{i}].balance"), balance)
                .await?;
            if let Some(price) = price {
                self.type_into(&format!("coins[{i}].price"), price).await?;
            }
        }
        Ok(())
    }

    /// The element with this `data-testid`.
    pub async fn by_testid(&self, testid: &str) -> Result<fantoccini::elements::Element> {
        self.client()
            .find(Locator::Css(&format!("[data-testid=\"{testid}\"]")))
            .await
            .with_context(|| format!("finding data-testid={testid}"))
    }

    /// Replaces the text of the input with this `data-testid` by `text`, typed key by key
    /// (one `input` event per key, as a person types): select all, then type over it.
    pub async fn type_into(&self, testid: &str, text: &str) -> Result<()> {
        let input = self.by_testid(testid).await?;
        self.center(&input).await?;
        input.click().await?;
        let select_all = format!("{}a{}", char::from(Key::Control), char::from(Key::Null));
        input.send_keys(&select_all).await?;
        if text.is_empty() {
            input
                .send_keys(&char::from(Key::Backspace).to_string())
                .await?;
        } else {
            input.send_keys(text).await?;
        }
        Ok(())
    }

    /// Types `keys` at the end of what the input with this `data-testid` holds.
    pub async fn type_keys(&self, testid: &str, keys: &str) -> Result<()> {
        Ok(self.by_testid(testid).await?.send_keys(keys).await?)
    }

    /// Clicks the element with this `data-testid`.
    pub async fn click(&self, testid: &str) -> Result<()> {
        let element = self.by_testid(testid).await?;
        self.center(&element).await?;
        Ok(element.click().await?)
    }

    /// Scrolls an element to the middle of the window, as a person brings what they use into
    /// view (WebDriver would scroll it to the top edge, under the page's sticky bar).
    pub async fn center(&self, element: &fantoccini::elements::Element) -> Result<()> {
        self.client()
            .execute(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                vec![serde_json::to_value(element)?],
            )
            .await?;
        Ok(())
    }

    /// Runs `script` in the page (`return …` gives the result back).
    pub async fn eval(&self, script: &str) -> Result<Value> {
        Ok(self.client().execute(script, vec![]).await?)
    }

    /// Waits until a service worker controls the page and has finished installing, so every
    /// asset is cached and the page can load offline.
    pub async fn wait_for_service_worker(&self) -> Result<()> {
        let installed = self
            .client()
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 navigator.serviceWorker.ready
                   .then((r) => done(r.active ? 'active' : 'none'))
                   .catch((e) => done('error: ' + e));",
                vec![],
            )
            .await
            .context("waiting for navigator.serviceWorker.ready")?;
        if installed != "active" {
            bail!("service worker not active: {installed}");
        }
        wait_until(
            DEFAULT_TIMEOUT,
            "a service worker to control the page",
            || async {
                let controlled = self
                    .eval("return navigator.serviceWorker.controller !== null;")
                    .await?;
                Ok((controlled == Value::Bool(true)).then_some(()))
            },
        )
        .await
    }

    /// Every console message seen so far in this browser (the log is read and kept).
    pub async fn console(&self) -> Result<Vec<ConsoleEntry>> {
        let log = self
            .client()
            .issue_cmd(GetBrowserLog)
            .await
            .context("reading the browser console log")?;
        let entries = log
            .as_array()
            .ok_or_else(|| anyhow!("the browser log is not a list: {log}"))?;
        let mut console = self.console.lock().unwrap();
        for entry in entries {
            console.push(ConsoleEntry {
                level: entry["level"].as_str().unwrap_or_default().to_owned(),
                message: entry["message"].as_str().unwrap_or_default().to_owned(),
            });
        }
        Ok(console.clone())
    }

    /// The console errors seen so far: uncaught exceptions, panics (console_error_panic_hook),
    /// CSP violations, failed loads.
    pub async fn console_errors(&self) -> Result<Vec<ConsoleEntry>> {
        Ok(self
            .console()
            .await?
            .into_iter()
            .filter(ConsoleEntry::is_error)
            .collect())
    }

    /// Fails if the browser console has shown any error so far.
    pub async fn assert_no_console_errors(&self) -> Result<()> {
        let errors = self.console_errors().await?;
        if !errors.is_empty() {
            let list: Vec<String> = errors.iter().map(|e| format!("  {}", e.message)).collect();
            bail!("console errors:\n{}", list.join("\n"));
        }
        Ok(())
    }

    /// Saves a PNG screenshot of the page (for looking at a failing test).
    pub async fn screenshot(&self, path: impl Into<PathBuf>) -> Result<()> {
        let png = self.client().screenshot().await?;
        std::fs::write(path.into(), png)?;
        Ok(())
    }

    /// Runs a Chrome DevTools Protocol command (chromedriver's `goog/cdp/execute`) and gives
    /// its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        self.client()
            .issue_cmd(Cdp {
                body: json!({ "cmd": cmd, "params": params }).to_string(),
            })
            .await
            .with_context(|| format!("CDP {cmd}"))
    }

    /// Lays the open page out in a window of `width` × `height` CSS pixels: a phone's
    /// (touch, the page's mobile viewport) when `mobile`, else a desktop's. The page keeps
    /// its state, and so does the next page opened in this browser.
    pub async fn set_viewport(&self, width: u32, height: u32, mobile: bool) -> Result<()> {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        )
        .await?;
        self.cdp(
            "Emulation.setTouchEmulationEnabled",
            json!({ "enabled": mobile, "maxTouchPoints": if mobile { 5 } else { 1 } }),
        )
        .await?;
        let inner = self.eval("return window.innerWidth;").await?;
        if inner.as_u64() != Some(u64::from(width)) {
            bail!("asked for a window {width} px wide, got {inner}");
        }
        Ok(())
    }

    /// Saves a PNG of the whole page, beyond the window (what a person would scroll through).
    pub async fn full_screenshot(&self, path: impl Into<PathBuf>) -> Result<()> {
        std::fs::write(path.into(), self.full_screenshot_png().await?)?;
        Ok(())
    }

    /// A PNG of the whole page, beyond the window.
    pub async fn full_screenshot_png(&self) -> Result<Vec<u8>> {
        let metrics = self.cdp("Page.getLayoutMetrics", json!({})).await?;
        let size = &metrics["cssContentSize"];
        let (width, height) = (
            size["width"].as_f64().unwrap_or(1280.0),
            size["height"].as_f64().unwrap_or(900.0),
        );
        let shot = self
            .cdp(
                "Page.captureScreenshot",
                json!({
                    "format": "png",
                    "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 },
                }),
            )
            .await?;
        let data = shot["data"]
            .as_str()
            .ok_or_else(|| anyhow!("no screenshot data"))?;
        use base64::Engine;
        Ok(base64::engine::general_purpose::STANDARD.decode(data)?)
    }

    /// Ends the WebDriver session (Chromium quits), then kills what is left.
    pub async fn close(mut self) -> Result<()> {
        if let Some(client) = self.client.take() {
            client.close().await?;
        }
        Ok(())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The group id is chromedriver's pid (process_group(0) above).
        let group = self.driver.id() as libc::pid_t;
        // SAFETY: plain syscall; the group is the one this Browser created.
        unsafe {
            libc::killpg(group, libc::SIGKILL);
        }
        let _ = self.driver.wait();
    }
}

/// chromedriver's `browser` log (enabled by `goog:loggingPrefs`), through fantoccini's
/// extension point for vendor commands.
#[derive(Debug)]
struct GetBrowserLog;

impl WebDriverCompatibleCommand for GetBrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// chromedriver's `goog/cdp/execute`: one Chrome DevTools Protocol command.
#[derive(Debug)]
struct Cdp {
    body: String,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.clone()))
    }
}

fn chromedriver_path() -> PathBuf {
    std::env::var_os("UNIMARGIN_CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"))
}

fn chromium_path() -> String {
    std::env::var("UNIMARGIN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}
