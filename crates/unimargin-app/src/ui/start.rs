//! A first visit: an empty page that says what to enter first, with the example accounts one
//! click away and named as examples. It goes once the person has entered something.

use super::toolbar::load_preset;
use super::Ctx;
use crate::draft::{CoinField, Field, List};
use crate::i18n::{t, td_string};
use crate::presets::PRESETS;
use leptos::prelude::*;

/// "Start here".
#[component]
pub fn StartHere() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    let blank = ctx.is_blank();
    let add_coin = move |_| {
        ctx.restructure_then_focus(|d| d.add(List::Coins).map(|c| Field::Coin(c, CoinField::Coin)))
    };
    move || {
        blank.get().then(|| {
            view! {
                <section class="card start" id="start" aria-labelledby="start-h" data-testid="start-here">
                    <h2 id="start-h">{t!(i18n, ui.start.title)}</h2>
                    <ol class="steps">
                        <li><strong>{t!(i18n, ui.start.step1_strong)}</strong>{t!(i18n, ui.start.step1)}</li>
                        <li>{t!(i18n, ui.start.step2)}</li>
                        <li>{t!(i18n, ui.start.step3)}</li>
                    </ol>
                    <button type="button" class="btn primary" data-testid="start-add-coin" on:click=add_coin>
                        {t!(i18n, ui.start.add_first)}
                    </button>
                    <h3 class="gap">{t!(i18n, ui.start.or_example)}</h3>
                    <p class="help">{t!(i18n, ui.start.examples_help)}</p>
                    <ul class="examples">
                        {PRESETS
                            .iter()
                            .map(|p| view! {
                                <li>
                                    <button type="button" class="example" data-testid=format!("example-{}", p.key)
                                        on:click=move |_| load_preset(ctx, p)>
                                        <strong>{move || td_string!(i18n.get_locale(), ui.start.example, title = p.title_in(i18n.get_locale()))}</strong>
                                        <span>{move || p.summary_in(i18n.get_locale())}</span>
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
