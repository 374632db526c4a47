//! The bar that stays at the top of the window: the headline figures with their state (a
//! half-typed value marks them stale, never current; a what-if price is named), and a link
//! to each section, so that nothing on a phone is thousands of pixels away.

use super::figure::{figure, Fig};
use super::Ctx;
use crate::calc::Outcome;
use crate::i18n::{t, t_string, td_string, Locale};
use crate::labels::field_label_in;
use crate::show;
use leptos::prelude::*;

/// The sections the bar links to (element ids).
pub const SECTIONS: &[&str] = &[
    "holdings",
    "positions",
    "orders",
    "account",
    "check",
    "whatif",
    "upgrade",
];

/// A section's link text.
fn section_name(id: &str, locale: Locale) -> &'static str {
    match id {
        "holdings" => td_string!(locale, ui.bar.nav_holdings),
        "positions" => td_string!(locale, ui.bar.nav_positions),
        "orders" => td_string!(locale, ui.bar.nav_orders),
        "account" => td_string!(locale, ui.bar.nav_account),
        "check" => td_string!(locale, ui.bar.nav_check),
        "whatif" => td_string!(locale, ui.bar.nav_whatif),
        _ => td_string!(locale, ui.bar.nav_upgrade),
    }
}

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

/// "What-if: BTC at 41,234.56 USD (−23.4 %)" (`data-value` keeps the English).
fn whatif_text(
    (coin, to, from): &(String, unimargin::Decimal, unimargin::Decimal),
    locale: Locale,
) -> String {
    let price = super::whatif::price_and_change(*to, *from, locale);
    td_string!(locale, ui.bar.whatif, coin = coin.as_str(), price)
}

/// The summary bar.
#[component]
pub fn SummaryBar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    let state = figures_state(ctx);
    let risk = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().map(|c| c.report.account.risk))
    });
    // the first problem, named as the page names the field
    let problem = Memo::new(move |_| {
        ctx.errors.with(|errors| {
            errors.first().map(|e| {
                let label = ctx
                    .draft
                    .with_untracked(|d| field_label_in(d, &e.path, i18n.get_locale()));
                (e.path.clone(), label)
            })
        })
    });
    let whatif = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_ref().and_then(|c| {
                c.shock
                    .as_ref()
                    .map(|(a, _)| (a.coin.clone(), a.to, a.from))
            })
        })
    });
    let status = move || {
        let locale = i18n.get_locale();
        match state.get() {
            "stale" => td_string!(locale, ui.bar.stale),
            "empty" => td_string!(locale, ui.bar.empty),
            "blank" => td_string!(locale, ui.bar.blank),
            _ => "",
        }
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
                            {move || td_string!(i18n.get_locale(), ui.bar.fix, label = label.as_str())}
                        </button>
                    })}
                </span>
                <span class="bar-whatif" data-testid="bar-whatif" class:hidden=move || whatif.with(Option::is_none)
                    data-value=move || whatif.with(|w| w.as_ref().map(|w| whatif_text(w, Locale::en))).unwrap_or_default()>
                    <strong>{move || whatif.with(|w| w.as_ref().map(|w| whatif_text(w, i18n.get_locale())))}</strong>
                    " "
                    <button type="button" class="link" on:click=move |_| ctx.shock.set(None)>{t!(i18n, ui.bar.back)}</button>
                </span>
                <span class="bar-fig" class:hidden=move || state.get() == "blank">
                    <small>{t!(i18n, ui.bar.adjusted_equity)}</small>
                    {figure(ctx, Some("bar-adjusted-equity".into()), |c| Some(Fig::Cell(c.report.account.adjusted_equity)))}
                </span>
                <span class="bar-fig" class:hidden=move || state.get() == "blank">
                    <small>{t!(i18n, ui.bar.available)}</small>
                    {figure(ctx, Some("bar-available-margin".into()), |c| Some(Fig::Cell(c.report.account.available_margin)))}
                </span>
                <span class="bar-fig" class:hidden=move || state.get() == "blank">
                    <small>{t!(i18n, ui.bar.margin_rate)}</small>
                    {figure(ctx, Some("bar-cross-margin-rate".into()), |c| Some(super::results::margin_rate_fig(&c.report.account)))}
                </span>
                <span class=move || format!(
                    "risk risk-{}{}",
                    risk.get().map_or("none", show::risk_name),
                    if state.get() == "blank" { " hidden" } else { "" }
                )>
                    {move || risk.get().map_or("—", |r| show::risk_word(r, i18n.get_locale()))}
                </span>
            </div>
            <nav class="bar-nav" aria-label=move || t_string!(i18n, ui.bar.sections)>
                {SECTIONS
                    .iter()
                    .map(|id| view! {
                        <a href=format!("#{id}") data-testid=format!("nav-{id}")>
                            {move || section_name(id, i18n.get_locale())}
                        </a>
                    })
                    .collect_view()}
            </nav>
        </div>
    }
}
