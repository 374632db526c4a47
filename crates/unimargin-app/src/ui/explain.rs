//! "How is this computed?": the engine's explanation of a figure, with the account's own
//! numbers, rendered as it comes. It is computed only while a panel is open.

use super::Ctx;
use leptos::prelude::*;
use unimargin::explain::english::{English as Explanation, EnglishExplanations as Explanations};

fn pick(all: &Explanations, which: &str) -> Option<Explanation> {
    match which {
        "adjusted_equity" => Some(all.adjusted_equity.clone()),
        "margin_reserved" => Some(all.margin_reserved.clone()),
        "maintenance_margin" => Some(all.maintenance_margin.clone()),
        "cross_margin_rate" => Some(all.cross_margin_rate.clone()),
        "check" => all.check.clone(),
        _ => None,
    }
}

/// A collapsed "How is this computed?" panel for one explanation of the engine.
#[component]
pub fn ExplainPanel(which: &'static str) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = RwSignal::new(false);
    let body = move || {
        open.get().then(|| {
            ctx.explained.with(|e| {
                e.as_deref().and_then(|all| pick(all, which)).map(|x| {
                    view! {
                        <div class="explain-body">
                            {(!x.formula.is_empty()).then(|| view! { <p class="formula"><code>{x.formula.clone()}</code></p> })}
                            <ol class="worked">
                                {x.worked.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                            </ol>
                            {(!x.readings.is_empty()).then(|| view! {
                                <div class="readings">
                                    <p class="readings-title">"How the rules are read here"</p>
                                    <ul>{x.readings.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                                </div>
                            })}
                        </div>
                    }
                })
            })
        })
    };
    view! {
        <details class="explain" data-testid=format!("explain-{which}")
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let is_open = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                    .is_some_and(|d| d.open());
                open.set(is_open);
            }>
            <summary>"How is this computed?"</summary>
            {body}
        </details>
    }
}
