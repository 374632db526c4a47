//! "How is this computed?" in each language (issue 11): the panels open on the futures
//! example follow the language switcher, word their lines in the language with the locale's
//! figures, and the figures themselves (`data-value`) stay the engine's.

use anyhow::{ensure, Result};
use unimargin_e2e::{wait_until, App, Browser, DEFAULT_TIMEOUT};

const PANELS: [&str; 2] = ["explain-adjusted_equity", "explain-check"];

/// Picks a language in the header's switcher, as a person does.
async fn choose_language(b: &Browser, code: &str) -> Result<()> {
    b.eval(&format!(
        "const s = document.querySelector('[data-testid=\"language\"]');
         s.value = '{code}'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return null;"
    ))
    .await?;
    b.wait_for_value("language", code).await
}

/// Opens a panel (its summary clicked) unless it is open.
async fn open(b: &Browser, testid: &str) -> Result<()> {
    let is_open = b
        .eval(&format!(
            "return document.querySelector('[data-testid=\"{testid}\"]').open;"
        ))
        .await?;
    if is_open != serde_json::Value::Bool(true) {
        let panel = b.by_testid(testid).await?;
        panel
            .find(fantoccini::Locator::Css("summary"))
            .await?
            .click()
            .await?;
    }
    Ok(())
}

/// A panel's text as the page holds it (no-break spaces kept, unlike WebDriver's text).
async fn panel_text(b: &Browser, testid: &str) -> Result<String> {
    let text = b
        .eval(&format!(
            "return document.querySelector('[data-testid=\"{testid}\"]').textContent;"
        ))
        .await?;
    Ok(text.as_str().unwrap_or_default().to_string())
}

/// Waits until the panel holds every one of `expected`. Switching the language renders the
/// order form again (its inputs show the language's number marks), and the check's panel
/// with it, closed: it is opened again when it is.
async fn wait_for_words(b: &Browser, testid: &str, expected: &[&str]) -> Result<()> {
    let seen = std::cell::RefCell::new(String::new());
    wait_until(
        DEFAULT_TIMEOUT,
        &format!("{testid} in its language"),
        || async {
            open(b, testid).await?;
            let text = panel_text(b, testid).await?;
            let found = expected.iter().all(|e| text.contains(e));
            *seen.borrow_mut() = text;
            Ok(found.then_some(()))
        },
    )
    .await
    .map_err(|e| {
        let expected = expected.join(" | ");
        e.context(format!("expected {expected:?} in {:?}", seen.borrow()))
    })
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by scripts/test"]
async fn how_it_is_computed_reads_in_each_language_with_its_figures() -> Result<()> {
    let app = App::start().await?;
    let b = &app.browser;
    choose_language(b, "en").await?;
    b.click("presets-menu").await?;
    b.click("preset-futures-account").await?;
    // 1.2 BTC × 64,000 × 0.98 + 10 ETH × 3,200 × 0.95 − 6,800 USDT owed − the pending buy's
    // fee 0.05 × 62,000 × 0.001 = 75,264 + 30,400 − 6,800 − 3.1 = 98,860.9
    b.wait_for_value("adjusted-equity", "98860.9").await?;
    for panel in PANELS {
        open(b, panel).await?;
    }
    // the order checked: headroom 98,860.9 − (2,609.2 margin reserved + 963.93 the order
    // adds) = 95,287.77, as tests/browser/app.rs and the engine's tests work it out
    let cases: [(&str, [&str; 3], &str); 4] = [
        (
            "en",
            [
                "How is this computed?",
                "Adjusted equity = 1.2 × 64,000 × 0.98 + 10 × 3,200 × 0.95 − 6,800 × 1 − 3.1 (pending fees) = 98,860.90 USD",
                "How the rules are read here",
            ],
            "Headroom = 98,860.9 − 3,573.13 = 95,287.77 USD: accepted",
        ),
        (
            "fr",
            [
                "Comment est-ce calculé\u{a0}?",
                "Capitaux propres ajustés = 1,2 × 64\u{202f}000 × 0,98 + 10 × 3\u{202f}200 × 0,95 − 6\u{202f}800 × 1 − 3,1 (frais en attente) = 98\u{202f}860,90 USD",
                "Comment les règles sont interprétées ici",
            ],
            "Marge restante = 98\u{202f}860,9 − 3\u{202f}573,13 = 95\u{202f}287,77 USD\u{a0}: ordre accepté",
        ),
        (
            "zh",
            [
                "这是如何计算的？",
                "调整后权益 = 1.2 × 64,000 × 0.98 + 10 × 3,200 × 0.95 − 6,800 × 1 − 挂单手续费 3.1 = 98,860.90 USD",
                "此处对规则的理解",
            ],
            "保证金余量 = 98,860.9 − 3,573.13 = 95,287.77 USD：可以下单",
        ),
        (
            "es",
            [
                "¿Cómo se calcula?",
                // Spanish leaves a four-digit integer ungrouped (3200, 6800)
                "Equity ajustada = 1,2 × 64.000 × 0,98 + 10 × 3200 × 0,95 − 6800 × 1 − 3,1 (comisiones pendientes) = 98.860,90 USD",
                "Cómo se interpretan aquí las reglas",
            ],
            "Holgura = 98.860,9 − 3573,13 = 95.287,77 USD: aceptada",
        ),
    ];
    for (code, adjusted_equity, headroom) in cases {
        choose_language(b, code).await?;
        wait_for_words(b, "explain-adjusted_equity", &adjusted_equity).await?;
        wait_for_words(b, "explain-check", &[headroom]).await?;
        // the figures are the engine's whatever the language
        ensure!(b.value("adjusted-equity").await?.as_deref() == Some("98860.9"));
        ensure!(b.value("check-verdict").await?.as_deref() == Some("accepted"));
    }
    app.finish().await
}
