//! What-if prices (issue 5, RULES §11): a price shock on one coin that every figure of the
//! page follows, the prices where the account reaches the warning and liquidation rates,
//! and a chart of the cross margin rate against the coin's price. The shock is an overlay
//! ([`Ctx::shock`]): it never goes into the scenario, the saved work or a share link.

use super::Ctx;
use crate::analysis::Analysis;
use crate::calc::{change_percent, Computed, Shared, Shock};
use crate::chart_scale::{change_at, position_of};
use crate::entry;
use crate::i18n::{t, t_string, td_string, Locale};
use crate::number::parse_typed;
use crate::show;
use crate::whatif_input::{
    change_for_field, price_after_change, price_for_field, price_typed, ShockProblem,
};
use leptos::prelude::*;
use std::sync::Arc;
use unimargin::Decimal;

/// `−35.9 %`, `+12.0 %` (one decimal, a real minus sign).
pub fn signed_percent(value: Decimal) -> String {
    let rounded = value.round_dp(1);
    let sign = if rounded < Decimal::ZERO {
        "−"
    } else if rounded > Decimal::ZERO {
        "+"
    } else {
        ""
    };
    format!(
        "{sign}{} %",
        unimargin::text::group_thousands(rounded.abs().round_dp(1))
    )
}

/// A price with its change from `from`: `41,234.56 USD (−23.4 %)` (a change beyond a
/// decimal is said to be too large to show).
pub fn price_and_change(price: Decimal, from: Decimal, locale: Locale) -> String {
    let change = change_percent(from, price).map_or(show::Shown::TooLarge, |c| {
        show::Shown::Text(signed_percent(c.round_dp(4)))
    });
    format!(
        "{} USD ({})",
        show::number_in(&show::price(price), locale),
        show::shown_in(&change, locale)
    )
}

/// The figures of `source` that `wanted` picks, a task later: work a keystroke's frame cannot
/// afford (the mode rules under a what-if shock evaluate the account as typed once more) runs
/// just after the page's figures are on screen, so a keystroke shows its figures first.
/// Changes that come faster than the page can follow are folded into one. Figures `wanted`
/// does not pick are `None` at once, with no timer: a keystroke that needs no later work
/// schedules none.
pub fn deferred(
    source: ReadSignal<Option<Shared<Computed>>>,
    wanted: fn(&Computed) -> bool,
) -> ReadSignal<Option<Shared<Computed>>> {
    let pick = move || source.get_untracked().filter(|c| wanted(&c.0));
    let (get, set) = signal(pick());
    let pending: super::Timer = StoredValue::new(None);
    Effect::new(move |first: Option<()>| {
        source.track();
        let now = pick();
        // the first run takes figures published since the signal's creation (a panel drawn
        // again with the form, as the order check is) at once
        if first.is_none() || now.is_none() {
            super::cancel(pending);
            if get.with_untracked(|seen| *seen != now) {
                set.set(now);
            }
            return;
        }
        super::restart(pending, std::time::Duration::ZERO, move || set.set(pick()));
    });
    get
}

/// The shared state of the what-if panel.
#[derive(Clone, Copy)]
struct Panel {
    ctx: Ctx,
    /// The coin chosen in the select (`None`: the default one).
    chosen: RwSignal<Option<String>>,
    /// The analysis of the chosen coin (of the account as typed).
    analysis: Memo<Option<Arc<Analysis>>>,
}

impl Panel {
    fn new(ctx: Ctx) -> Panel {
        // worked out by the engine's worker, for the account as typed and the coin chosen
        let chosen = ctx.answers.chosen;
        let analysis = Memo::new(move |_| ctx.answers.analysis.get());
        Panel {
            ctx,
            chosen,
            analysis,
        }
    }

    fn coin(&self) -> Option<String> {
        self.analysis.with(|a| a.as_ref().map(|a| a.coin.clone()))
    }

    fn current(&self) -> Option<Decimal> {
        self.analysis
            .with(|a| a.as_ref().map(|a| a.prices.current_price))
    }
}

/// "What-if: BTC at 41,000.00 USD (−35.9 %)", while a shock is on.
#[component]
pub fn ShockBanner() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    let applied = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_ref()
                .and_then(|c| c.shock.as_ref().map(|(applied, _)| applied.clone()))
        })
    });
    move || {
        applied.get().map(|a| {
            let coin = a.coin.clone();
            let text = move || {
                let locale = i18n.get_locale();
                let price = price_and_change(a.to, a.from, locale);
                td_string!(locale, ui.bar.whatif, coin = coin.as_str(), price)
            };
            view! {
                <div class="whatif-banner" role="status" data-testid="shock-banner"
                    data-value=format!("{}:{}", a.coin, show::exact(a.to))>
                    <p>
                        <strong data-testid="shock-banner-text">{text}</strong>
                        {t!(i18n, ui.whatif.banner)}
                    </p>
                    <button type="button" class="btn" data-testid="shock-banner-reset"
                        on:click=move |_| ctx.shock.set(None)>{t!(i18n, ui.whatif.back)}</button>
                </div>
            }
        })
    }
}

/// The what-if panel: coin, shock, liquidation prices and the chart.
#[component]
pub fn WhatIfPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    let panel = Panel::new(ctx);
    let coins = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_ref()
                .map(|c| {
                    c.unshocked()
                        .coins
                        .iter()
                        .map(|c| c.name.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let blank = ctx.is_blank();
    let section = NodeRef::new();
    super::engine::follow_panel(ctx, section, super::engine::Kind::Analysis);
    let choose = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        ctx.shock.set(None);
        panel.chosen.set(Some(name));
    };
    view! {
        <section node_ref=section class="card whatif" id="whatif" aria-labelledby="whatif-h" data-testid="whatif"
            class:hidden=move || blank.get()
            aria-busy=move || ctx.answers.updating(super::engine::Kind::Analysis).to_string()>
            <div class="card-head">
                <h2 id="whatif-h">{t!(i18n, ui.whatif.title)}</h2>
                <label class="inline">
                    {t!(i18n, ui.whatif.coin)}
                    <select data-testid="shock-coin" class="input" on:change=choose
                        prop:value=move || panel.coin().unwrap_or_default()>
                        {move || coins.get().into_iter().map(|name| {
                            let selected = panel.coin().as_deref() == Some(name.as_str());
                            view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <p class="help">{t!(i18n, ui.whatif.reading)}" "<super::tip::Tip term=crate::glossary::Term::Basis/></p>
            {shock_controls(panel)}
            {liquidation_lines(panel)}
            {super::chart::chart(ctx, panel.analysis)}
        </section>
    }
}

/// Which control a shock came from (that one keeps its text as typed).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Slider,
    Percent,
    Price,
}

fn shock_controls(panel: Panel) -> impl IntoView {
    let ctx = panel.ctx;
    let price_text = RwSignal::new(String::new());
    let percent_text = RwSignal::new(String::new());
    let slider = RwSignal::new("0".to_string());
    let problem = RwSignal::new(None::<ShockProblem>);
    // The two fields hold their text as shown, with the page's marks ([`crate::entry`]):
    // read with the engine's, rewritten when the language changes.
    let i18n = ctx.i18n;
    let engine_marks = move |text: &str| entry::to_engine_marks(text, i18n.get_locale_untracked());
    let page_marks = move |text: String| entry::for_input(&text, i18n.get_locale_untracked());
    Effect::new(move |before: Option<Locale>| {
        let now = i18n.get_locale();
        if let Some(before) = before.filter(|b| *b != now) {
            for text in [price_text, percent_text] {
                text.update(|t| *t = entry::for_input(&entry::to_engine_marks(t, before), now));
            }
        }
        now
    });
    let set = move |from: Origin, price: Option<Decimal>| {
        let (Some(coin), Some(current)) = (panel.coin(), panel.current()) else {
            return;
        };
        let change = price.and_then(|p| change_percent(current, p));
        if from != Origin::Price {
            price_text.set(
                price
                    .map(price_for_field)
                    .map(page_marks)
                    .unwrap_or_default(),
            );
        }
        if from != Origin::Percent {
            percent_text.set(
                change
                    .map(change_for_field)
                    .map(page_marks)
                    .unwrap_or_default(),
            );
        }
        if from != Origin::Slider {
            slider.set(
                change
                    .map(|c| position_of(c).to_string())
                    .unwrap_or_else(|| "0".into()),
            );
        }
        problem.set(None);
        ctx.shock.set(price.map(|price| Shock { coin, price }));
    };
    // A shock cleared elsewhere (reset, another coin, a new scenario) clears the fields.
    Effect::new(move |_| {
        if ctx.shock.with(Option::is_none) {
            price_text.set(String::new());
            percent_text.set(String::new());
            slider.set("0".into());
        }
    });
    let by_percent = move |text: &str, from: Origin| {
        let Some(current) = panel.current() else {
            return;
        };
        match price_after_change(current, text) {
            Ok(price) => set(from, price),
            Err(error) => problem.set(Some(error)),
        }
    };
    // the slider's position (−100 to 100, zero in the middle) is a change of −95 % to +200 %
    let on_slider = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if let Ok(position) = parse_typed(&text) {
            slider.set(text);
            by_percent(&change_at(position).to_string(), Origin::Slider);
        }
    };
    let slider_text = move || {
        slider.with(|s| {
            parse_typed(s)
                .map(|p| show::number_in(&signed_percent(change_at(p)), i18n.get_locale()))
                .unwrap_or_default()
        })
    };
    let on_percent = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        percent_text.set(text.clone());
        by_percent(&engine_marks(&text), Origin::Percent);
    };
    let on_price = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        price_text.set(text.clone());
        match price_typed(&engine_marks(&text)) {
            Ok(price) => set(Origin::Price, price),
            Err(error) => problem.set(Some(error)),
        }
    };
    // while what is typed is refused, the price the figures stay at (the last one read),
    // which a prefix of the refused text may have set
    let kept = Memo::new(move |_| {
        let locale = i18n.get_locale();
        ctx.figures.with(|f| {
            let (applied, _) = f.as_ref()?.shock.as_ref()?;
            Some(td_string!(
                locale,
                ui.whatif.kept,
                price = show::number_in(&show::price(applied.to), locale)
            ))
        })
    });
    let current_text = move || {
        panel
            .current()
            .map(|p| {
                let locale = i18n.get_locale();
                td_string!(
                    locale,
                    ui.whatif.now,
                    price = show::number_in(&show::price(p), locale)
                )
            })
            .unwrap_or_default()
    };
    view! {
        <div class="shock" data-testid="shock">
            <label class="shock-slider">
                <span>{t!(i18n, ui.whatif.change)}" "<output data-testid="shock-slider-value">{slider_text}</output></span>
                <input type="range" min="-100" max="100" step="0.5" data-testid="shock-slider"
                    aria-label=move || t_string!(i18n, ui.whatif.price_change) aria-valuetext=slider_text
                    prop:value=move || slider.get() on:input=on_slider />
                <span class="slider-scale" aria-hidden="true">
                    <span>{move || show::number_in("−95 %", i18n.get_locale())}</span><span>"0"</span><span>{move || show::number_in("+200 %", i18n.get_locale())}</span>
                </span>
            </label>
            <label>
                <span>{t!(i18n, ui.whatif.change_pct)}</span>
                <input type="text" class="input" inputmode="decimal" data-testid="shock-percent" placeholder="0"
                    prop:value=move || percent_text.get() on:input=on_percent />
            </label>
            <label>
                <span>{t!(i18n, ui.whatif.price_usd)}</span>
                <input type="text" class="input" inputmode="decimal" data-testid="shock-price"
                    placeholder=current_text
                    prop:value=move || price_text.get() on:input=on_price />
            </label>
            <button type="button" class="btn" data-testid="shock-reset"
                disabled=move || ctx.shock.with(Option::is_none)
                on:click=move |_| ctx.shock.set(None)>{t!(i18n, ui.whatif.reset)}</button>
            <span class="help">{current_text}</span>
            {move || problem.get().map(|p| view! { <p class="field-error" data-testid="shock-error">{crate::wording::reading::shock_problem(&p, i18n.get_locale())}</p> })}
            {move || problem.with(Option::is_some).then(|| kept.get()).flatten().map(|price| view! { <p class="help" data-testid="shock-kept">{price}</p> })}
        </div>
    }
}

/// One threshold's prices as sentences.
fn threshold_lines(
    what: &'static str,
    key: &'static str,
    a: &Analysis,
    t: &unimargin::whatif::ThresholdPrices,
    locale: Locale,
) -> AnyView {
    let current = a.prices.current_price;
    let coin = a.coin.clone();
    if t.already_past {
        let rate = show::shown_in(&show::percent(t.rate), locale);
        return view! {
            <li data-testid=format!("{key}-price-state") data-value="past">
                <strong>{td_string!(locale, ui.whatif.already_past, what)}</strong>
                {td_string!(locale, ui.whatif.at_or_above, rate)}
            </li>
        }
        .into_any();
    }
    if t.below.is_none() && t.above.is_none() {
        let to = show::number_in(&show::price(a.prices.searched_to), locale);
        return view! {
            <li data-testid=format!("{key}-price-state") data-value="none">
                {td_string!(locale, ui.whatif.none_in_range, what, coin = coin.as_str(), to)}
            </li>
        }
        .into_any();
    }
    let one = |side: &'static str, price: Option<Decimal>| {
        price.map(|p| {
            let price = price_and_change(p, current, locale);
            view! {
                <li data-testid=format!("{key}-price-{side}") data-value=show::exact(p)>
                    <strong>{td_string!(locale, ui.whatif.at_price, what, coin = coin.as_str(), price)}</strong>
                </li>
            }
        })
    };
    view! {
        <span data-testid=format!("{key}-price-state") data-value="found" hidden=true></span>
        {one("below", t.below)}
        {one("above", t.above)}
    }
    .into_any()
}

fn liquidation_lines(panel: Panel) -> impl IntoView {
    let i18n = panel.ctx.i18n;
    move || {
        let locale = i18n.get_locale();
        panel.analysis.get().map(|a| {
            let liquidation = td_string!(locale, ui.whatif.liquidation);
            let warning = td_string!(locale, ui.whatif.warning);
            view! {
                <ul class="liquidation-lines" data-testid="liquidation-prices">
                    {threshold_lines(liquidation, "liquidation", &a, &a.prices.liquidation, locale)}
                    {threshold_lines(warning, "warning", &a, &a.prices.warning, locale)}
                </ul>
            }
        })
    }
}
