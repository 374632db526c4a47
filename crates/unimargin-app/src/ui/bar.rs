//! The bar that stays at the top of the window: the headline figures with their state (a
//! half-typed value marks them stale, never current; a what-if price is named), and a link
//! to each section, so that nothing on a phone is thousands of pixels away.

use super::figure::{figure, Fig};
use super::Ctx;
use crate::calc::Outcome;
use crate::labels::field_label;
use crate::show;
use leptos::prelude::*;

/// The sections the bar links to: (element id, link text).
pub const SECTIONS: &[(&str, &str)] = &[
    ("holdings", "Coins"),
    ("positions", "Positions"),
    ("orders", "Orders"),
    ("account", "Figures"),
    ("check", "Order check"),
    ("whatif", "What-if"),
    ("upgrade", "Upgrade"),
];

/// The state of the figures: `fresh`, `stale` (the last good ones, the draft has a problem),
/// `empty` (a problem and no figures yet) or `blank` (nothing entered yet).
pub fn figures_state(ctx: Ctx) -> Memo<&'static str> {
    let blank = ctx.is_blank();
    Memo::new(move |_| {
        ctx.outcome.with(|o: &Outcome| {
            if o.is_stale() {
                "stale"
            } else if !o.is_fresh() {
                "empty"
            } else if blank.get() {
                "blank"
            } else {
                "fresh"
            }
        })
    })
}

/// The summary bar.
#[component]
pub fn SummaryBar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let state = figures_state(ctx);
    let risk = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().map(|c| show::risk_name(c.report.account.risk)))
    });
    // the first problem, named as the page names the field
    let problem = Memo::new(move |_| {
        ctx.errors.with(|errors| {
            errors.first().map(|e| {
                let label = ctx.draft.with_untracked(|d| field_label(d, &e.path));
                (e.path.clone(), label)
            })
        })
    });
    let whatif = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_ref().and_then(|c| {
                c.shock.as_ref().map(|(a, _)| {
                    format!(
                        "What-if: {} at {}",
                        a.coin,
                        super::whatif::price_and_change(a.to, a.from)
                    )
                })
            })
        })
    });
    let status = move || match state.get() {
        "stale" => "Stale",
        "empty" => "No figures yet",
        "blank" => "Add what you hold to see figures",
        _ => "",
    };
    view! {
        <div class="bar" data-testid="bar" class:stale=move || state.get() == "stale"
            class:whatif=move || whatif.with(Option::is_some)>
            <div class="bar-figures">
                <span class="bar-state" data-testid="bar-state" data-value=move || state.get()
                    class:hidden=move || state.get() == "fresh">
                    <strong>{status}</strong>
                    {move || problem.get().map(|(path, label)| view! {
                        " "
                        <button type="button" class="link" data-path=path.clone()
                            on:click=move |_| crate::web::focus_testid(&path)>
                            {format!("fix {label}")}
                        </button>
                    })}
                </span>
                <span class="bar-whatif" data-testid="bar-whatif" class:hidden=move || whatif.with(Option::is_none)
                    data-value=move || whatif.get().unwrap_or_default()>
                    <strong>{move || whatif.get()}</strong>
                    " "
                    <button type="button" class="link" on:click=move |_| ctx.shock.set(None)>"back to the typed price"</button>
                </span>
                <span class="bar-fig" class:hidden=move || state.get() == "blank">
                    <small>"Adjusted equity, USD"</small>
                    {figure(ctx, Some("bar-adjusted-equity".into()), |c| Some(Fig::Cell(c.report.account.adjusted_equity)))}
                </span>
                <span class="bar-fig" class:hidden=move || state.get() == "blank">
                    <small>"Available, USD"</small>
                    {figure(ctx, Some("bar-available-margin".into()), |c| Some(Fig::Cell(c.report.account.available_margin)))}
                </span>
                <span class="bar-fig" class:hidden=move || state.get() == "blank">
                    <small>"Margin rate"</small>
                    {figure(ctx, Some("bar-cross-margin-rate".into()), |c| Some(Fig::RateOrUnbounded(c.report.account.cross_margin_rate)))}
                </span>
                <span class=move || format!(
                    "risk risk-{}{}",
                    risk.get().unwrap_or("none"),
                    if state.get() == "blank" { " hidden" } else { "" }
                )>
                    {move || risk.get().unwrap_or("—")}
                </span>
            </div>
            <nav class="bar-nav" aria-label="Sections">
                {SECTIONS
                    .iter()
                    .map(|(id, text)| view! {
                        <a href=format!("#{id}") data-testid=format!("nav-{id}")>{*text}</a>
                    })
                    .collect_view()}
            </nav>
        </div>
    }
}
