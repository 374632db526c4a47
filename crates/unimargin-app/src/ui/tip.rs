//! A term explained where it appears: a small "?" button (24 px, reachable by keyboard and
//! by tap) that shows one line from the [`glossary`](crate::glossary) right under it, in the
//! flow of the page, so it is never outside the window. Escape or another tap closes it.

use crate::glossary::Term;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(1);

/// The "?" button of a term; its text opens below the element that holds it.
#[component]
pub fn Tip(term: Term) -> impl IntoView {
    let open = RwSignal::new(false);
    let id = format!("tip-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    let key = format!("{term:?}").to_lowercase();
    let i18n = crate::i18n::use_i18n();
    view! {
        <button type="button" class="tip-btn" aria-expanded=move || open.get().to_string()
            aria-controls=id.clone() aria-label=move || term.ask(i18n.get_locale())
            data-testid=format!("tip-{key}")
            on:click=move |_| open.update(|o| *o = !*o)
            on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
            "?"
        </button>
        <span class="tip-text" id=id role="note" hidden=move || !open.get()
            data-testid=format!("tip-text-{key}")>
            {move || term.text(i18n.get_locale())}
        </span>
    }
}
