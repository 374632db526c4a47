//! The first view of a first visit as HTML, rendered at build time on the host
//! (`crates/unimargin-prerender`, a Trunk post-build step) so that a reader sees the page
//! before the app's wasm has arrived (issue 14). It is [`page`](super::page) itself, in a
//! given language, with no saved work and the market document the build serves: what the
//! app renders for a first visit, which then replaces it (`web/first-view.js` says when
//! the page shows it).

use super::{page, Ctx, PARTS};
use crate::i18n::Locale;
use crate::market_state::MarketState;
use crate::{session, web};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// The first view in `locale`, with the market read from `market_text`, as the HTML of the
/// body's content, every part of it. Effects must not run here: the caller gives Leptos an
/// executor that runs nothing (`crates/unimargin-prerender`), since what they would change
/// (saving, the worker, the document's language) belongs to the app.
pub fn first_view_html(locale: Locale, market_text: &str) -> String {
    let owner = Owner::new();
    owner.with(|| {
        // the locale is given: the browser's languages (here, a request's) are not asked
        let no_request = leptos_use::UseLocalesOptions::default().ssr_lang_header_getter(|| None);
        let i18n = leptos_i18n::context::init_i18n_subcontext_with_options(
            Some(Signal::stored(locale)),
            None,
            None,
            Some(no_request),
        );
        provide_context(i18n);
        // a first visit: nothing kept, no link
        let start = session::startup(&mut web::Store::Blocked, "");
        let ctx = Ctx::new(start, i18n, MarketState::read(market_text), PARTS);
        provide_context(ctx);
        page(ctx).to_html()
    })
}
