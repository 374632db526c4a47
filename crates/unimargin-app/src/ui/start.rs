//! A first visit: an empty page that says what to enter first, with the example accounts one
//! click away and named as examples. It goes once the person has entered something.

use super::toolbar::load_preset;
use super::Ctx;
use crate::draft::{CoinField, Field, List};
use crate::presets::PRESETS;
use leptos::prelude::*;

/// "Start here".
#[component]
pub fn StartHere() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let blank = ctx.is_blank();
    let add_coin = move |_| {
        ctx.restructure_then_focus(|d| d.add(List::Coins).map(|c| Field::Coin(c, CoinField::Coin)))
    };
    move || {
        blank.get().then(|| {
            view! {
                <section class="card start" id="start" aria-labelledby="start-h" data-testid="start-here">
                    <h2 id="start-h">"Start here"</h2>
                    <ol class="steps">
                        <li><strong>"Add the coins you hold"</strong>" and how much of each (a loan is a negative balance). Your figures appear as you type."</li>
                        <li>"Trade futures? Add your positions, and the orders you have open."</li>
                        <li>"Before you place an order, check it: will it be accepted, and where would the whole account be liquidated once it fills?"</li>
                    </ol>
                    <button type="button" class="btn primary" data-testid="start-add-coin" on:click=add_coin>
                        "Add your first coin"
                    </button>
                    <h3 class="gap">"Or open an example account"</h3>
                    <p class="help">"Examples to look around with, not your account. Opening one replaces the page; Undo brings your work back."</p>
                    <ul class="examples">
                        {PRESETS
                            .iter()
                            .map(|p| view! {
                                <li>
                                    <button type="button" class="example" data-testid=format!("example-{}", p.key)
                                        on:click=move |_| load_preset(ctx, p)>
                                        <strong>{format!("Example: {}", p.title)}</strong>
                                        <span>{p.summary}</span>
                                    </button>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
