//! Issue 11, accessibility: axe-core (npm, pinned in tests/e2e/package.json) run inside the
//! page on every state a person reaches, with zero violations of its WCAG 2.0, 2.1 and 2.2
//! A and AA rules; and the keyboard-only path through adding a coin, typing a balance,
//! checking an order and using the largest size, with the focus visible at every step and
//! never lost when a row comes or goes.

use anyhow::{bail, ensure, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use unimargin_e2e::{wait_until, App, Browser, DEFAULT_TIMEOUT};

/// axe-core's tags for the success criteria of WCAG 2.0, 2.1 and 2.2, levels A and AA.
const WCAG_AA: &str = r#"["wcag2a","wcag2aa","wcag21a","wcag21aa","wcag22a","wcag22aa"]"#;

/// axe-core's source, as `scripts/setup` installed it from the lockfile.
fn axe_source() -> Result<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/node_modules/axe-core/axe.min.js"
    );
    std::fs::read_to_string(path)
        .with_context(|| format!("reading {path}: run scripts/setup (npm ci in tests/e2e)"))
}

/// Runs axe on the whole page as it stands and fails, listing each violation with the
/// elements it found, unless there is none. `state` names the state in the message.
async fn no_violations(b: &Browser, axe: &str, state: &str) -> Result<()> {
    // Injected through WebDriver, which the page's Content-Security-Policy does not govern.
    b.eval(&format!("{axe}\nreturn typeof axe;")).await?;
    // At the top of the page: axe reads whatever scrolled under the sticky figures bar
    // as a target "obscured", which only that scroll position makes it (the bar keeps
    // focused fields clear of itself: scroll-padding in newcomer.css). Every element of
    // the page is checked either way, not only those in the window.
    b.eval("window.scrollTo(0, 0); return 0;").await?;
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {WCAG_AA} }}, resultTypes: ['violations'] }})
           .then((r) => done(r.violations.map((v) => v.id + ' (' + v.impact + '): ' +
              v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\\s+/g, ' ') + [...n.any, ...n.all, ...n.none].flatMap((c) => c.relatedNodes || []).slice(0, 3).map((r) => ' [related: ' + r.html.slice(0, 160) + ']').join('')).join(' | '))))
           .catch((e) => done(['axe failed: ' + e]));"
    );
    let violations = b.client().execute_async(&script, vec![]).await?;
    let violations = violations.as_array().context("axe's answer")?;
    if !violations.is_empty() {
        let list: Vec<String> = violations
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect();
        bail!(
            "{state}: {} accessibility violation(s):\n{}",
            list.len(),
            list.join("\n")
        );
    }
    println!("{state}: no axe violation (WCAG 2.2 A and AA)");
    Ok(())
}

/// Opens every folded part of the page (the rows' exchange tables, the explanations), but
/// the examples menu, which has its own state: open, it lies over the form as a menu does.
async fn open_everything(b: &Browser) -> Result<()> {
    b.eval(
        "document.querySelectorAll('details').forEach((d) => {
           d.open = !d.querySelector('[data-testid=\"presets-menu\"]');
         });",
    )
    .await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn axe_finds_nothing_in_any_state() -> Result<()> {
    let axe = axe_source()?;
    for (window, width, height, mobile) in
        [("desktop", 1400, 900, false), ("phone", 390, 844, true)]
    {
        let app = App::start().await?;
        let b = &app.browser;
        b.set_viewport(width, height, mobile).await?;
        no_violations(b, &axe, &format!("{window}, first visit")).await?;

        b.click("presets-menu").await?;
        no_violations(b, &axe, &format!("{window}, the examples menu open")).await?;
        b.click("preset-seed-1").await?;
        for preset in [
            "seed-1",
            "seed-2",
            "seed-3",
            "seed-4",
            "leveraged-long",
            "futures-account",
        ] {
            // Everything was opened for the last state, the menu too: close it first.
            b.eval("document.querySelectorAll('details').forEach((d) => { d.open = false; });")
                .await?;
            b.click("presets-menu").await?;
            b.click(&format!("preset-{preset}")).await?;
            b.wait_for_app().await?;
            open_everything(b).await?;
            no_violations(b, &axe, &format!("{window}, example {preset}, all open")).await?;
        }

        // Fold everything again (an open menu would cover the fields on a phone).
        b.eval("document.querySelectorAll('details').forEach((d) => { d.open = false; });")
            .await?;
        // The futures example is loaded: the order check, rejected (a buy far beyond what
        // the account can carry: 1,000 BTCUSDT at 64,000 and 20× needs 3,238,400 USD of
        // margin against about 98,861 of adjusted equity).
        b.type_into("check.size", "1000").await?;
        b.wait_for_value("check-verdict", "rejected").await?;
        no_violations(b, &axe, &format!("{window}, the order check rejected")).await?;

        // An error shown beside a field.
        b.type_into("coins[0].balance", "1,5x").await?;
        wait_until(DEFAULT_TIMEOUT, "the field's error", || async {
            let n = b
                .eval("return document.querySelectorAll('[aria-invalid=\"true\"]').length;")
                .await?;
            Ok((n.as_u64().unwrap_or(0) > 0).then_some(()))
        })
        .await?;
        no_violations(b, &axe, &format!("{window}, an error shown")).await?;
        b.type_into("coins[0].balance", "1").await?;

        // The what-if shock on.
        b.type_into("shock-percent", "-20").await?;
        b.by_testid("shock-banner").await?;
        no_violations(b, &axe, &format!("{window}, the what-if shock on")).await?;

        // The upgrade checker with a refusal pasted and its questions shown.
        b.click("nav-upgrade").await?;
        b.eval("document.querySelectorAll('#upgrade details').forEach((d) => { d.open = true; });")
            .await?;
        no_violations(b, &axe, &format!("{window}, the upgrade checker open")).await?;
        app.finish().await?;
    }
    Ok(())
}

/// What has the focus: its test id (or tag name), and whether its focus is drawn (an
/// outline or a ring, not `outline: none` with nothing else).
async fn focused(b: &Browser) -> Result<(String, bool)> {
    let v = b
        .eval(
            "const e = document.activeElement;
             if (!e || e === document.body) return ['', false];
             const s = getComputedStyle(e);
             const drawn = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
               || (s.boxShadow && s.boxShadow !== 'none');
             return [e.dataset.testid || e.tagName.toLowerCase(), drawn];",
        )
        .await?;
    let id = v[0].as_str().unwrap_or_default().to_owned();
    Ok((id, v[1].as_bool().unwrap_or(false)))
}

/// Counts, in `window.focusOnBody`, the changes of the page made while the focus is on its
/// body (each change seen as it is made, not only where the focus ends).
async fn watch_focus_on_body(b: &Browser) -> Result<()> {
    b.eval(
        "window.focusOnBody = 0;
         new MutationObserver(() => {
           if (document.activeElement === document.body) window.focusOnBody += 1;
         }).observe(document.body, { childList: true, subtree: true });
         return null;",
    )
    .await?;
    Ok(())
}

/// A person at the keyboard: only keys, no clicks.
struct Keyboard<'a> {
    b: &'a Browser,
    presses: u32,
}

impl Keyboard<'_> {
    /// Presses `keys` one after the other (each down then up, a modifier held while the
    /// keys after it are pressed until `Key::Null`), sent to whatever has the focus, as a
    /// keyboard does: WebDriver's actions, not an element's `send_keys`.
    async fn press(&mut self, keys: &str) -> Result<()> {
        self.presses += 1;
        let null = char::from(Key::Null);
        let mut held = Vec::new();
        let mut actions = KeyActions::new("keyboard".into());
        for key in keys.chars() {
            if key == null {
                for m in held.drain(..) {
                    actions = actions.then(KeyAction::Up { value: m });
                }
            } else if [Key::Control, Key::Shift].map(char::from).contains(&key) {
                actions = actions.then(KeyAction::Down { value: key });
                held.push(key);
            } else {
                actions = actions
                    .then(KeyAction::Down { value: key })
                    .then(KeyAction::Up { value: key });
            }
        }
        for m in held {
            actions = actions.then(KeyAction::Up { value: m });
        }
        self.b.client().perform_actions(actions).await?;
        Ok(())
    }

    /// Presses Tab until the element with this test id has the focus (at most `limit`
    /// times), checking at each stop that the focus is drawn and on something.
    async fn tab_to(&mut self, testid: &str, limit: u32) -> Result<()> {
        self.move_focus_to(&char::from(Key::Tab).to_string(), "Tab", testid, limit)
            .await
    }

    /// As [`Keyboard::tab_to`], backwards (Shift+Tab).
    async fn shift_tab_to(&mut self, testid: &str, limit: u32) -> Result<()> {
        let back = format!("{}{}", char::from(Key::Shift), char::from(Key::Tab));
        self.move_focus_to(&back, "Shift+Tab", testid, limit).await
    }

    /// Presses `keys` (named `name`) until `testid` has the focus, at most `limit` times.
    async fn move_focus_to(
        &mut self,
        keys: &str,
        name: &str,
        testid: &str,
        limit: u32,
    ) -> Result<()> {
        for _ in 0..limit {
            self.press(keys).await?;
            let (id, drawn) = focused(self.b).await?;
            ensure!(!id.is_empty(), "the focus was lost on the way to {testid}");
            ensure!(drawn, "the focus on {id} is not visible");
            if id == testid {
                return Ok(());
            }
        }
        bail!("{testid} not reached with {limit} presses of {name}")
    }

    /// Types over what the focused field holds.
    async fn type_over(&mut self, text: &str) -> Result<()> {
        let select_all = format!("{}a{}", char::from(Key::Control), char::from(Key::Null));
        self.press(&select_all).await?;
        self.press(text).await
    }

    async fn enter(&mut self) -> Result<()> {
        self.press(&char::from(Key::Enter).to_string()).await
    }
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn keyboard_only_add_a_coin_check_an_order_use_the_largest_size() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    b.set_viewport(1400, 900, false).await?;
    let mut k = Keyboard { b, presses: 0 };

    k.tab_to("example-futures-account", 40).await?;
    k.enter().await?;
    b.wait_for_value("adjusted-equity", "98860.9").await?;

    // Add a coin: the new row's first field takes the focus.
    k.tab_to("add-coin", 200).await?;
    k.enter().await?;
    let new_coin = wait_until(
        DEFAULT_TIMEOUT,
        "the focus in the new coin's row",
        || async {
            let (id, _) = focused(b).await?;
            Ok((id.starts_with("coins[") && id.ends_with("].coin")).then_some(id))
        },
    )
    .await?;
    let row = new_coin.trim_end_matches(".coin").to_owned();
    // The row's starting name is selected: typing replaces it, it does not join it.
    k.press("DOGE").await?;
    ensure!(b.input_value(&new_coin).await? == "DOGE");
    k.tab_to(&format!("{row}.balance"), 5).await?;
    k.type_over("1000").await?;
    ensure!(b.input_value(&format!("{row}.balance")).await? == "1000");

    // Enter in a field sends nothing: each field is in a form of its own (for Chrome's
    // autofill), and Enter in a form of one field would send it: refused by the page's CSP
    // (`form-action 'none'`), an error in the console, or with another policy the page
    // loaded again.
    b.assert_no_console_errors().await?;
    b.eval("window.stillThisPage = true; return null;").await?;
    k.enter().await?;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    b.assert_no_console_errors()
        .await
        .context("Enter in a field")?;
    let same = b
        .eval("return window.stillThisPage === true && location.search === '';")
        .await?;
    ensure!(
        same.as_bool() == Some(true),
        "Enter in a field loaded the page again"
    );
    ensure!(focused(b).await?.0 == format!("{row}.balance"));

    // A field's name, clicked, focuses its input, as a label does.
    let name_clicked = b
        .eval(&format!(
            "const name = document.querySelector('[data-testid=\"{row}.coin\"]')
               .closest('.field').querySelector('.field-label');
             name.click();
             return document.activeElement.dataset.testid;"
        ))
        .await?;
    ensure!(
        name_clicked.as_str() == Some(&format!("{row}.coin")),
        "clicking the coin's name focused {name_clicked}"
    );

    // Remove it again: the focus goes somewhere near, never to the page's body, not even
    // for a moment: each change of the page is watched as it is made.
    k.tab_to(&format!("remove-{row}"), 20).await?;
    watch_focus_on_body(b).await?;
    k.enter().await?;
    wait_until(DEFAULT_TIMEOUT, "the row removed", || async {
        let n = b
            .eval(&format!(
                "return document.querySelectorAll('[data-testid=\"{row}.coin\"]').length;"
            ))
            .await?;
        Ok((n.as_u64() == Some(0)).then_some(()))
    })
    .await?;
    let (after_remove, drawn) = focused(b).await?;
    ensure!(
        !after_remove.is_empty(),
        "the focus was lost when the row went"
    );
    ensure!(drawn, "the focus on {after_remove} is not visible");
    let on_body = b.eval("return window.focusOnBody;").await?;
    ensure!(
        on_body.as_u64() == Some(0),
        "the focus was on the page's body while the row went ({on_body} changes)"
    );
    b.wait_for_value("adjusted-equity", "98860.9").await?;

    // Check an order: 0.5 BTCUSDT at 64,000, then the largest size. The largest size is
    // worked out in newcomer.rs (task 2): 96,251.70 ÷ 3,238.40 = 29.7219… → 29.721.
    k.tab_to("check.size", 400).await?;
    k.type_over("0.5").await?;
    k.tab_to("check.price", 10).await?;
    k.type_over("64000").await?;
    b.wait_for_value("check-verdict", "accepted").await?;
    b.wait_for_value("check-max-size", "29.721").await?;
    k.tab_to("check-use-max", 60).await?;
    k.enter().await?;
    wait_until(DEFAULT_TIMEOUT, "the size set to the largest", || async {
        Ok((b.input_value("check.size").await? == "29.721").then_some(()))
    })
    .await?;
    b.wait_for_value("check-verdict", "accepted").await?;

    // Remove the check: its button goes, and "check an order" takes the focus; in between
    // the focus is never on the page's body (a screen reader would start again from the top).
    k.shift_tab_to("check-remove", 40).await?;
    watch_focus_on_body(b).await?;
    k.enter().await?;
    wait_until(DEFAULT_TIMEOUT, "the focus on check an order", || async {
        Ok((focused(b).await?.0 == "check-add").then_some(()))
    })
    .await?;
    ensure!(focused(b).await?.1, "the focus on check-add is not visible");
    let on_body = b.eval("return window.focusOnBody;").await?;
    ensure!(
        on_body.as_u64() == Some(0),
        "the focus was on the page's body while the check went ({on_body} changes)"
    );
    println!(
        "keyboard only: {} key presses from the first visit to the largest size used and the check removed",
        k.presses
    );
    app.finish().await
}
