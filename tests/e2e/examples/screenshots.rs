//! PNGs of the page's main states on a phone (390 × 844) and a desktop (1400 × 900), into
//! `docs/screenshots/` (or the folder given as the first argument), for the README and for
//! anyone checking the layout without running the app.
//!
//! Run by `scripts/screenshots` after `trunk build --release`. Each state is reached the way
//! a person reaches it (clicks and typing); `*-page.png` are whole pages, the others what
//! the window shows.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use unimargin_e2e::{dist_dir, Browser, StaticServer};

/// The windows: name, width, height, a phone's.
const WINDOWS: [(&str, u32, u32, bool); 2] = [("390", 390, 844, true), ("1400", 1400, 900, false)];

struct Shots<'a> {
    b: &'a Browser,
    dir: &'a Path,
    window: &'static str,
}

impl Shots<'_> {
    /// What the window shows, after the page settled.
    async fn window(&self, state: &str) -> Result<()> {
        settle(self.b).await?;
        let path = self.dir.join(format!("{state}-{}.png", self.window));
        self.b.screenshot(&path).await?;
        println!("{}", path.display());
        Ok(())
    }

    /// The whole page.
    async fn page(&self, state: &str) -> Result<()> {
        settle(self.b).await?;
        let path = self.dir.join(format!("{state}-page-{}.png", self.window));
        // a whole page has no window for the bar to stick to: it is drawn where it starts
        self.b
            .eval("document.querySelector('.bar').style.position = 'static';")
            .await?;
        self.b.full_screenshot(&path).await?;
        self.b
            .eval("document.querySelector('.bar').style.position = '';")
            .await?;
        println!("{}", path.display());
        Ok(())
    }

    /// Scrolls the element with this id to the top (below the bar).
    async fn show(&self, id: &str) -> Result<()> {
        self.b
            .eval(&format!(
                "document.getElementById('{id}').scrollIntoView({{block: 'start'}});"
            ))
            .await?;
        Ok(())
    }
}

/// Lets the deferred panels (what-if, the order check's after-fill) and layout finish.
async fn settle(b: &Browser) -> Result<()> {
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    b.eval("return document.body.offsetHeight;").await?;
    Ok(())
}

async fn fresh(b: &Browser) -> Result<()> {
    b.wait_for_value("results-state", "fresh").await
}

async fn run(
    server: &StaticServer,
    dir: &Path,
    window: (&'static str, u32, u32, bool),
) -> Result<()> {
    let (name, width, height, mobile) = window;
    let b = Browser::start().await?;
    b.open(&server.url("/")).await?;
    b.set_viewport(width, height, mobile).await?;
    let s = Shots {
        b: &b,
        dir,
        window: name,
    };

    // 1. A first visit: empty, "start here", the examples one click away.
    s.window("first-visit").await?;

    // 2. Holding 0.5 BTC and 2,000 USDT, typed from the empty page.
    b.wait_for_value("market-line", "Bitget UTA, public sources")
        .await?;
    // the tables are the market's (issue 10)
    b.type_holdings(&[("BTC", "0.5", Some("64000")), ("USDT", "2000", None)])
        .await?;
    b.wait_for_value("adjusted-equity", "33360").await?;
    s.page("two-coins").await?;
    s.show("account").await?;
    s.window("two-coins-figures").await?;

    // 3. A half-typed value: the figures are marked stale, in the bar too.
    b.type_into("coins[0].balance", "0,5").await?;
    b.wait_for_value("bar-state", "stale").await?;
    s.show("holdings").await?;
    s.window("stale").await?;

    // 4. The examples menu, inside the window.
    b.eval("window.scrollTo(0, 0);").await?;
    b.click("presets-menu").await?;
    s.window("examples-menu").await?;
    b.click("preset-futures-account").await?;
    fresh(&b).await?;
    s.page("futures-example").await?;

    // 5. The order check: buying 0.5 BTCUSDT at 64,000 at 20×, and the account once it fills.
    b.type_into("check.size", "0.5").await?;
    b.type_into("check.price", "64000").await?;
    b.wait_for_value("check-verdict", "accepted").await?;
    unimargin_e2e::wait_until(
        unimargin_e2e::DEFAULT_TIMEOUT,
        "the account after the fill",
        || async { Ok(b.by_testid("after-liquidation").await.ok().map(|_| ())) },
    )
    .await?;
    s.show("check").await?;
    s.window("order-check").await?;

    // 6. What-if: BTC at 41,000; the chart, and the bar says a shock is on.
    b.type_into("shock-price", "41000").await?;
    b.wait_for_value("shock-banner", "BTC:41000").await?;
    s.show("whatif").await?;
    s.window("what-if").await?;
    b.click("shock-reset").await?;

    // 7. The coin table: on a phone it scrolls sideways, and says so.
    s.show("account").await?;
    b.eval(
        "const t = document.querySelector('[data-testid=coins-table-scroll]');
         t.scrollIntoView({block: 'center'});",
    )
    .await?;
    s.window("coin-table").await?;

    // 8. The upgrade checker, from a pasted refusal message.
    s.show("upgrade").await?;
    b.type_into(
        "upgrade-paste",
        "not supported due to active copy trading orders or an ongoing copy relationship",
    )
    .await?;
    b.wait_for_value("upgrade-match", "one").await?;
    s.show("upgrade").await?;
    s.window("upgrade").await?;

    b.assert_no_console_errors().await?;
    b.close().await
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let dir: PathBuf = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots"));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let dir = dir.canonicalize()?;
    let server = StaticServer::start(dist_dir()?).await?;
    for window in WINDOWS {
        run(&server, &dir, window)
            .await
            .with_context(|| format!("the {} px window", window.1))?;
    }
    Ok(())
}
