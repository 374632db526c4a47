//! "How is this computed?": the engine's explanation of a figure, with the account's own
//! numbers, worded in the reader's language (`explain_words`). It is computed only while a
//! panel is open, and worded again when the language changes.

use super::Ctx;
use crate::explain_words::render;
use crate::i18n::t;
use leptos::prelude::*;
use unimargin::explain::{Explanation, Explanations};

fn pick<'a>(all: &'a Explanations, which: &str) -> Option<&'a Explanation> {
    match which {
        "adjusted_equity" => Some(&all.adjusted_equity),
        "margin_reserved" => Some(&all.margin_reserved),
        "maintenance_margin" => Some(&all.maintenance_margin),
        "cross_margin_rate" => Some(&all.cross_margin_rate),
        "check" => all.check.as_ref(),
        _ => None,
    }
}

/// A collapsed "How is this computed?" panel for one explanation of the engine.
#[component]
pub fn ExplainPanel(which: &'static str) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    let open = RwSignal::new(false);
    let body = move || {
        open.get().then(|| {
            let locale = i18n.get_locale();
            ctx.explained.with(|e| {
                e.as_deref().and_then(|all| pick(all, which)).map(|x| {
                    let x = render(x, locale);
                    view! {
                        <div class="explain-body">
                            {(!x.formula.is_empty()).then(|| view! { <p class="formula"><code>{x.formula.clone()}</code></p> })}
                            <ol class="worked">
                                {x.worked.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                            </ol>
                            {(!x.readings.is_empty()).then(|| view! {
                                <div class="readings">
                                    <p class="readings-title">{t!(i18n, explain.readings_title)}</p>
                                    <ul>{x.readings.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                                </div>
                            })}
                        </div>
                    }
                })
            })
        })
    };
    view! {
        // the element follows the signal too: a panel rendered again (the order form is, when
        // the language changes) could otherwise come back open with nothing in it
        <details class="explain" data-testid=format!("explain-{which}") prop:open=move || open.get()
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let is_open = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                    .is_some_and(|d| d.open());
                open.set(is_open);
            }>
            <summary>{t!(i18n, explain.summary)}</summary>
            {body}
        </details>
    }
}
