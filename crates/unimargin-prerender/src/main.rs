//! Writes the first view of a first visit, rendered in each of the page's languages, into
//! the page Trunk built (issue 14: a reader sees the page before the wasm has arrived).
//! Run by `scripts/post-build` (a Trunk post_build hook) on `$TRUNK_STAGING_DIR`:
//!
//! - each language's view goes into a `<template data-first-view-lang="…">` in place of
//!   the `<!-- first-view -->` mark of `index.html`;
//! - `web/first-view.js` follows them, inline so that it runs before the first paint: it
//!   picks the language the app will pick and shows that view, inert, unless the app will
//!   show something else (saved work, a share link); the app replaces it when it starts;
//! - the Content-Security-Policy allows that one script by its SHA-256 and no other inline
//!   script.

use anyhow::{bail, ensure, Context, Result};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use unimargin_app::i18n::{self, LANGUAGES};
use unimargin_app::ui::first_view::first_view_html;

/// Where the first view goes in `index.html`.
const MARK: &str = "<!-- first-view -->";
/// The CSP's script sources, to which the script's hash is added.
const SCRIPT_SRC: &str = "script-src 'self' 'wasm-unsafe-eval'";

/// Effects and tasks created while rendering are dropped: nothing runs on the host.
struct NothingRuns;

impl any_spawner::CustomExecutor for NothingRuns {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

fn main() -> Result<()> {
    let staging = match std::env::args_os().nth(1) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(
            std::env::var_os("TRUNK_STAGING_DIR")
                .context("give the built page's folder, or run as a Trunk hook")?,
        ),
    };
    let script = include_str!("../../../web/first-view.js");
    let index_path = staging.join("index.html");
    let index = read(&index_path)?;
    let market = read(&staging.join("market.json"))?;
    let page = with_first_view(&index, &market, script)?;
    std::fs::write(&index_path, page)
        .with_context(|| format!("writing {}", index_path.display()))?;
    println!(
        "prerender: first view in {} languages written into {}",
        LANGUAGES.len(),
        index_path.display()
    );
    Ok(())
}

/// The view's `style` attributes as `data-first-view-style`: the CSP (`style-src 'self'`)
/// refuses a style attribute in the page's markup, not one set by a script, so
/// `web/first-view.js` sets them. Only attributes inside tags are renamed, never text.
fn styles_as_data(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut quote = None;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if in_tag && quote.is_none() && rest.starts_with(" style=\"") {
            out.push_str(" data-first-view-style=\"");
            rest = &rest[" style=\"".len()..];
            quote = Some('"');
            continue;
        }
        match (in_tag, quote, c) {
            (false, _, '<') => in_tag = true,
            (true, None, '"' | '\'') => quote = Some(c),
            (true, Some(q), _) if c == q => quote = None,
            (true, None, '>') => in_tag = false,
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// The built page with the first view of each language, the blank draft the script
/// compares saved work with, the script, and the script's hash in the CSP.
fn with_first_view(index: &str, market: &str, script: &str) -> Result<String> {
    ensure!(
        index.matches(MARK).count() == 1,
        "index.html must hold the mark {MARK} once"
    );
    ensure!(
        index.matches(SCRIPT_SRC).count() == 1,
        "index.html's Content-Security-Policy must start its script sources with {SCRIPT_SRC}"
    );
    // once per process: a second call finds it set, which is as good
    let _ = any_spawner::Executor::init_custom_executor(NothingRuns);
    let mut block = String::new();
    for (locale, _) in LANGUAGES {
        let html = styles_as_data(&first_view_html(locale, market));
        if html.contains("</template") {
            bail!("the first view holds a </template>");
        }
        block.push_str(&format!(
            "<template data-first-view-lang=\"{}\">{html}</template>",
            i18n::code(locale)
        ));
    }
    // The draft of a first visit, as saved: work equal to it shows the same first view.
    let blank = serde_json::to_string(&unimargin_app::session::default_draft())?;
    ensure!(!blank.contains('<'), "the blank draft's JSON holds a <");
    block.push_str(&format!(
        "<script type=\"application/json\" id=\"first-view-blank\">{blank}</script>"
    ));
    block.push_str(&format!("<script>{script}</script>"));
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
    Ok(index
        .replace(MARK, &block)
        .replace(SCRIPT_SRC, &format!("{SCRIPT_SRC} 'sha256-{hash}'")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_attributes_become_data_and_text_is_left_alone() {
        let html = r#"<div class="a" style="left:64%;"><p title='x style="y"'>a style="b" c</p><span style="width:0%;"></span></div>"#;
        assert_eq!(
            styles_as_data(html),
            r#"<div class="a" data-first-view-style="left:64%;"><p title='x style="y"'>a style="b" c</p><span data-first-view-style="width:0%;"></span></div>"#
        );
    }

    #[test]
    fn the_page_gets_four_views_the_blank_draft_the_script_and_its_hash() {
        let index = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'\"></head><body><!-- first-view --></body></html>";
        let market = include_str!("../../../web/market.json");
        let page = with_first_view(index, market, "console.log(1);").unwrap();
        assert_eq!(page.matches("<template data-first-view-lang=").count(), 4);
        for lang in ["en", "zh", "es", "fr"] {
            assert!(page.contains(&format!("<template data-first-view-lang=\"{lang}\">")));
        }
        // sha256("console.log(1);") in base64, worked out with `printf %s 'console.log(1);' |
        // openssl dgst -sha256 -binary | base64`
        assert!(page.contains(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-NcFG924SlHfGQGG8hFEeEJDz1NgFlxPmZj3Us1sfdkI='"
        ), "{}", &page[..300]);
        assert!(page.contains("<script>console.log(1);</script>"));
        assert!(
            page.contains(r#"<script type="application/json" id="first-view-blank">{"settings":"#)
        );
        // the English view says where to start, and no view holds a style attribute
        assert!(page.contains("Add your first coin"));
        assert!(!page.contains(" style=\""));
        // no mark, no policy: refused, not written half
        assert!(with_first_view("<body></body>", market, "").is_err());
        assert!(with_first_view("<body><!-- first-view --></body>", market, "").is_err());
    }
}
