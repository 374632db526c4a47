//! The figures: the account summary with its risk gauge and the answer to "why is adjusted
//! equity lower than equity?", the per-coin table and the futures margin by contract.
//! Display only: every number is the engine's.

use super::explain::ExplainPanel;
use super::fields::Words;
use super::figure::{figure, figures_near, follow_nearness, Fig};
use super::tip::Tip;
use super::Ctx;
use crate::calc::{Computed, Shared};
use crate::glossary::Term;
use crate::i18n::{t, t_string, td_string, Locale};
use crate::labels::field_label_in;
use crate::show;
use crate::threshold::{gauge, margin_rate, GaugePlaces, Thresholds, WARNING_ZONE_RIGHT};
use crate::wording::field_problem;
use leptos::context::Provider;
use leptos::prelude::*;
use unimargin::report::{AccountReport, SideReport};
use unimargin::Decimal;

/// A line of the summary: label, figure (with its test id) and an optional explanation.
fn line(
    ctx: Ctx,
    label: Words,
    testid: &'static str,
    get: impl Fn(&AccountReport) -> Fig + Send + Sync + 'static,
) -> impl IntoView {
    line_of(ctx, label, None, testid, Box::new(get))
}

/// A line whose label is a term of the trade, explained by a tip.
fn term_line(
    ctx: Ctx,
    label: Words,
    term: Term,
    testid: &'static str,
    get: impl Fn(&AccountReport) -> Fig + Send + Sync + 'static,
) -> impl IntoView {
    line_of(ctx, label, Some(term), testid, Box::new(get))
}

type AccountGetter = Box<dyn Fn(&AccountReport) -> Fig + Send + Sync>;

fn line_of(
    ctx: Ctx,
    label: Words,
    term: Option<Term>,
    testid: &'static str,
    get: AccountGetter,
) -> impl IntoView {
    view! {
        <div class="line">
            <dt>{move || label(ctx.i18n.get_locale())}{term.map(|t| view! { " " <Tip term=t/> })}</dt>
            <dd>{figure(ctx, Some(testid.to_string()), move |c| Some(get(&c.report.account)))}</dd>
        </div>
    }
}

/// Which state the figures are in: `fresh`, `stale` (the last good ones) or `empty`.
fn state(ctx: Ctx) -> Memo<&'static str> {
    Memo::new(move |_| {
        ctx.outcome.with(|o| {
            if o.is_fresh() {
                "fresh"
            } else if o.is_stale() {
                "stale"
            } else {
                "empty"
            }
        })
    })
}

/// The problems with the draft, with a way to reach each field.
fn problems(ctx: Ctx) -> impl IntoView {
    let state = state(ctx);
    move || {
        let errors = ctx.errors.get();
        (!errors.is_empty()).then(|| {
            let locale = ctx.i18n.get_locale();
            let lead = if state.get() == "stale" {
                td_string!(locale, ui.results.stale)
            } else if ctx.outcome.with(|o| o.partial) {
                td_string!(locale, ui.results.partial)
            } else {
                td_string!(locale, ui.results.no_figures)
            };
            let labels: Vec<String> = ctx
                .draft
                .with_untracked(|d| errors.iter().map(|e| field_label_in(d, &e.path, locale)).collect());
            // while a field with a problem is typed in, its callout tells it: the list waits
            // until the field is left, so that a key moves nothing on the page
            view! {
                <div class="stale-banner" class:waiting=move || super::list_waits(ctx) role="status" data-testid="stale-banner">
                    <p><strong>{lead}</strong></p>
                    <ul>
                        {errors
                            .iter()
                            .zip(labels)
                            .map(|(e, label)| {
                                let path = e.path.clone();
                                let target = path.clone();
                                view! {
                                    <li data-path=path.clone()>
                                        <button type="button" class="link" on:click=move |_| crate::web::focus_testid(&target)>
                                            {label}
                                        </button>
                                        {td_string!(locale, ui.results.colon)}{field_problem(&e.kind, locale)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The account summary.
#[component]
pub fn Summary() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let state = state(ctx);
    // far from the screen (on a phone, as a person types in the form above), it waits
    let section = NodeRef::new();
    let near = follow_nearness(ctx, section);
    let figures = figures_near(ctx, near);
    let risk = Memo::new(move |_| {
        figures.with(|f| f.as_ref().map(|c| show::risk_name(c.report.account.risk)))
    });
    let i18n = ctx.i18n;
    let cancelled = Memo::new(move |_| {
        figures.with(|f| {
            f.as_ref()
                .is_some_and(|c| c.report.account.futures_orders_cancelled)
        })
    });
    let blank = ctx.is_blank();
    let why = Memo::new(move |_| {
        figures.with(|f| {
            f.as_ref()
                .map(|c| crate::why::sentence(&crate::why::why(&c.report), i18n.get_locale()))
        })
    });
    view! {
        <Provider value=near>
        <section node_ref=section class="card summary" id="account" class:stale=move || state.get() == "stale"
            aria-labelledby="summary-h" data-testid="results-state" data-value=move || state.get()>
            <div class="card-head">
                <h2 id="summary-h">{t!(i18n, ui.results.title)}</h2>
                // A polite live region: its words change only when the level does, so a
                // screen reader announces a new level, not every keystroke.
                <span data-testid="risk" role="status" data-value=move || risk.get().unwrap_or_default()
                    class=move || format!(
                        "risk risk-{}{}",
                        risk.get().unwrap_or("none"),
                        if blank.get() { " hidden" } else { "" }
                    )>
                    <span class="sr-only">{t!(i18n, ui.results.risk_level)}</span>
                    {move || {
                        let locale = i18n.get_locale();
                        match risk.get() {
                            Some("safe") => td_string!(locale, ui.results.safe),
                            Some("warning") => td_string!(locale, ui.results.warning),
                            Some("liquidation") => td_string!(locale, ui.results.liquidation),
                            _ => "—",
                        }
                    }}
                </span>
                <label class="toggle">
                    <input type="checkbox" data-testid="exact-toggle"
                        prop:checked=move || ctx.exact.get()
                        on:change=move |ev| ctx.exact.set(event_target_checked(&ev)) />
                    {t!(i18n, ui.results.exact)}
                </label>
            </div>
            <p class="empty" class:hidden=move || !blank.get() data-testid="summary-blank">
                {t!(i18n, ui.results.blank)}
            </p>
            {problems(ctx)}
            <div class:hidden=move || blank.get()>
            <dl class="figures">
                {term_line(ctx, w!(ui.results.account_equity), Term::Equity, "account-equity", |a| Fig::Usd(a.account_equity))}
                <div class="line key">
                    <dt>{t!(i18n, ui.results.adjusted_equity)}<Tip term=Term::AdjustedEquity/></dt>
                    <dd>{figure(ctx, Some("adjusted-equity".into()), |c| Some(Fig::Usd(c.report.account.adjusted_equity)))}</dd>
                    <dd class="explain-dd">
                        <p class="why" data-testid="why-adjusted-equity">{move || why.get()}</p>
                        <ExplainPanel which="adjusted_equity"/>
                    </dd>
                </div>
                <div class="line">
                    <dt>{t!(i18n, ui.results.margin_reserved)}<Tip term=Term::MarginReserved/></dt>
                    <dd>{figure(ctx, Some("margin-reserved".into()), |c| Some(Fig::Usd(c.report.account.margin_reserved)))}</dd>
                    <dd class="explain-dd"><ExplainPanel which="margin_reserved"/></dd>
                </div>
                {term_line(ctx, w!(ui.results.available_margin), Term::AvailableMargin, "available-margin", |a| Fig::Usd(a.available_margin))}
                <div class="line">
                    <dt>{t!(i18n, ui.results.maintenance_margin)}<Tip term=Term::MaintenanceMargin/></dt>
                    <dd>{figure(ctx, Some("maintenance-margin".into()), |c| Some(Fig::Usd(c.report.account.maintenance_margin)))}</dd>
                    <dd class="explain-dd"><ExplainPanel which="maintenance_margin"/></dd>
                </div>
                {term_line(ctx, w!(ui.results.position_value), Term::PositionValue, "position-value", |a| Fig::Usd(a.position_value))}
                {term_line(ctx, w!(ui.results.account_leverage), Term::AccountLeverage, "account-leverage", |a| Fig::Leverage(a.account_leverage))}
                <div class="line key">
                    <dt>{t!(i18n, ui.results.cross_margin_rate)}<Tip term=Term::CrossMarginRate/></dt>
                    <dd>{figure(ctx, Some("cross-margin-rate".into()), |c| Some(margin_rate_fig(&c.report.account)))}</dd>
                    <dd class="explain-dd"><ExplainPanel which="cross_margin_rate"/></dd>
                </div>
            </dl>
            <p class="terms">{t!(i18n, ui.results.unbounded_note)}<Tip term=Term::Unbounded/></p>
            <Gauge figures=figures/>
            <p class="warning-banner" role="alert" data-testid="futures-orders-cancelled"
                data-value=move || cancelled.get().to_string() class:hidden=move || !cancelled.get()>
                <strong>{t!(i18n, ui.results.cancelled)}</strong>
                {t!(i18n, ui.results.cancelled_why)}
            </p>
            <details class="breakdown">
                <summary>{t!(i18n, ui.results.breakdown)}</summary>
                <dl class="figures small">
                    {line(ctx, w!(ui.results.discounted_equity), "discounted-equity", |a| Fig::Usd(a.discounted_equity))}
                    {term_line(ctx, w!(ui.results.spot_losses), Term::SpotTradingLoss, "spot-trading-losses", |a| Fig::Usd(a.spot_trading_losses))}
                    {line(ctx, w!(ui.results.pending_fees), "pending-fees", |a| Fig::Usd(a.pending_fees))}
                    {line(ctx, w!(ui.results.im_loans), "initial-margin-loans", |a| Fig::Usd(a.initial_margin_loans))}
                    {line(ctx, w!(ui.results.im_futures), "initial-margin-derivatives", |a| Fig::Usd(a.initial_margin_derivatives))}
                    {line(ctx, w!(ui.results.mm_loans), "maintenance-margin-loans", |a| Fig::Usd(a.maintenance_margin_loans))}
                    {line(ctx, w!(ui.results.mm_futures), "maintenance-margin-derivatives", |a| Fig::Usd(a.maintenance_margin_derivatives))}
                    {term_line(ctx, w!(ui.results.partial_liquidation_fees), Term::LiquidationFee, "partial-liquidation-fees", |a| Fig::Usd(a.partial_liquidation_fees))}
                    {term_line(ctx, w!(ui.results.futures_notional), Term::Notional, "futures-notional", |a| Fig::Usd(a.futures_notional_usd))}
                    {line(ctx, w!(ui.results.loans_usd), "loans-usd", |a| Fig::Usd(a.loans_usd))}
                    {line(ctx, w!(ui.results.interest_hour), "interest-hour", |a| Fig::Usd(a.hourly_interest_usd))}
                    {line(ctx, w!(ui.results.interest_day), "interest-day", |a| Fig::Usd(a.daily_interest_usd))}
                </dl>
            </details>
            </div>
        </section>
        </Provider>
    }
}

/// The cross margin rate of an account, rounded never across its thresholds.
pub fn margin_rate_fig(a: &AccountReport) -> Fig {
    Fig::MarginRate(a.cross_margin_rate, Thresholds::of(a))
}

/// What the gauge shows: where its parts go, and what its marks say.
#[derive(Clone, PartialEq)]
struct Marks {
    places: GaugePlaces,
    warning: String,
    liquidation: String,
    risk: &'static str,
    rate: String,
}

/// The cross margin rate on a scale with the warning and liquidation marks.
#[component]
fn Gauge(figures: ReadSignal<Option<Shared<Computed>>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    let marks = Memo::new(move |_| {
        let locale = i18n.get_locale();
        figures.with(|f| {
            f.as_ref().map(|c| {
                let a = &c.report.account;
                let thresholds = Thresholds::of(a);
                Marks {
                    places: gauge(a.cross_margin_rate, thresholds),
                    warning: show::shown_in(&show::percent(a.warning_rate), locale),
                    liquidation: show::shown_in(&show::percent(a.liquidation_rate), locale),
                    risk: show::risk_name(a.risk),
                    rate: show::shown_in(&margin_rate(a.cross_margin_rate, thresholds), locale),
                }
            })
        })
    });
    let get = move |pick: fn(&Marks) -> String| {
        move || marks.with(|m| m.as_ref().map(pick).unwrap_or_default())
    };
    view! {
        <div class="gauge" role="img"
            aria-label=move || marks.with(|m| m.as_ref().map(|m| td_string!(
                i18n.get_locale(), ui.results.gauge, rate = m.rate.as_str(), warning = m.warning.as_str(), liquidation = m.liquidation.as_str()
            )).unwrap_or_default())>
            <div class="gauge-track">
                <div class="gauge-zone warn" style:left=get(|m| m.places.warning_mark.clone())
                    style:right=WARNING_ZONE_RIGHT></div>
                <div class="gauge-zone liq" style:left=get(|m| m.places.liquidation_mark.clone())></div>
                <div class=move || format!("gauge-fill {}", marks.with(|m| m.as_ref().map_or("", |m| m.risk)))
                    data-testid="gauge-fill" data-value=get(|m| m.places.fill.clone())
                    style:width=get(|m| m.places.fill.clone())></div>
            </div>
            <div class="gauge-scale" aria-hidden="true">
                <span class="gauge-mark" data-testid="gauge-warning-mark" style:left=get(|m| m.places.warning_mark.clone())>
                    {get(|m| m.warning.clone())}
                </span>
                <span class="gauge-mark" data-testid="gauge-liquidation-mark" style:left=get(|m| m.places.liquidation_mark.clone())>
                    {get(|m| m.liquidation.clone())}
                </span>
            </div>
        </div>
    }
}

/// A cell of the coin table.
fn coin_cell(
    ctx: Ctx,
    i: usize,
    name: &'static str,
    get: fn(&unimargin::report::CoinReport) -> Fig,
) -> impl IntoView {
    view! {
        <td class="num">
            {figure(ctx, Some(format!("coin-{i}-{name}")), move |c| c.report.coins.get(i).map(get))}
        </td>
    }
}

/// Every coin's figures.
#[component]
pub fn CoinTable() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // far from the screen, its figures wait (see `figure`)
    let section = NodeRef::new();
    let near = follow_nearness(ctx, section);
    let i18n = ctx.i18n;
    let count = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().map_or(0, |c| c.report.coins.len()))
    });
    // one subscriber of the figures for the rows' names (which seldom change), not one a row
    let names = row_labels(ctx, |c| {
        c.report.coins.iter().map(|c| c.coin.clone()).collect()
    });
    let name = move |i: usize| move || names.with(|n| n.get(i).cloned().unwrap_or_default());
    let slices_open = RwSignal::new(false);
    let total = move |get: fn(&AccountReport) -> Decimal, testid: &'static str| {
        figure(ctx, Some(testid.to_string()), move |c| {
            Some(Fig::Cell(get(&c.report.account)))
        })
    };
    view! {
        <Provider value=near>
            <section node_ref=section class="card" aria-labelledby="coins-out-h" class:hidden=move || count.get() == 0>
                <div class="card-head"><h2 id="coins-out-h">{t!(i18n, ui.results.coin_by_coin)}</h2></div>
                <p class="scroll-cue" aria-hidden="true">{t!(i18n, ui.results.swipe)}</p>
                <div class="scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, ui.results.coins_region) data-testid="coins-table-scroll">
                    <table class="figures-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, ui.form.coin)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.usd_price)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.equity)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.upnl)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.debt)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.usd_value)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.haircut)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.contribution)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.interest_hour_head)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || 0..count.get() key=|i| *i let:i>
                                <tr>
                                    <th scope="row">{name(i)}</th>
                                    {coin_cell(ctx, i, "usd-price", |c| Fig::Price(c.usd_price))}
                                    {coin_cell(ctx, i, "equity", |c| Fig::Amount(c.equity))}
                                    {coin_cell(ctx, i, "unrealized-pnl", |c| Fig::Amount(c.unrealized_pnl))}
                                    {coin_cell(ctx, i, "debt", |c| Fig::Amount(c.debt))}
                                    {coin_cell(ctx, i, "usd-value", |c| Fig::Cell(c.usd_equity))}
                                    {coin_cell(ctx, i, "haircut", |c| Fig::Cell(c.haircut))}
                                    {coin_cell(ctx, i, "contribution", |c| Fig::Cell(c.contribution))}
                                    {coin_cell(ctx, i, "interest", |c| Fig::Cell(c.hourly_interest_usd))}
                                </tr>
                            </For>
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row">{t!(i18n, ui.results.total)}</th>
                                <td></td><td></td><td></td><td></td>
                                <td class="num">{total(|a| a.account_equity, "total-usd-value")}</td>
                                <td></td>
                                <td class="num">{total(|a| a.discounted_equity, "total-contribution")}</td>
                                <td class="num">{total(|a| a.hourly_interest_usd, "total-interest")}</td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
                <p class="help">{t!(i18n, ui.results.coins_help)}</p>
                <p class="terms">{t!(i18n, ui.results.haircut_note)}<Tip term=Term::Haircut/>{t!(i18n, ui.results.debt_note)}<Tip term=Term::BorrowingTiers/></p>
                <details class="breakdown" on:toggle=move |ev| slices_open.set(details_open(&ev))>
                    <summary data-testid="discount-breakdown">{t!(i18n, ui.results.discount_by_tier)}</summary>
                    <div data-testid="discount-slices">
                        {move || {
                            // rendered while open only: closed, it would be built again at each keystroke
                            slices_open.get().then(|| {
                                let locale = i18n.get_locale();
                                ctx.figures.with(|f| f.as_deref().map(|c| slices_view(c, locale)))
                            })
                        }}
                    </div>
                </details>
            </section>
        </Provider>
    }
}

/// The labels of a table's rows from the figures, in one memo: the rows read it, so a
/// keystroke that changes figures but no label wakes one memo, not every row.
fn row_labels(ctx: Ctx, labels: fn(&Computed) -> Vec<String>) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_deref().map(labels).unwrap_or_default())
    })
}

/// Whether the `<details>` a `toggle` event is from is open now.
fn details_open(ev: &leptos::ev::Event) -> bool {
    event_target::<web_sys::HtmlDetailsElement>(ev).open()
}

fn slices_view(c: &Computed, locale: Locale) -> impl IntoView {
    let cell = |d: Decimal| show::number_in(&show::usd_cell(d), locale);
    c.report
        .coins
        .iter()
        .filter(|coin| !coin.discount_slices.is_empty())
        .map(|coin| {
            let slices = coin
                .discount_slices
                .iter()
                .map(|s| {
                    let to = s.to_usd.map_or_else(
                        || td_string!(locale, ui.results.slice_above).to_string(),
                        |t| td_string!(locale, ui.results.slice_to, to = cell(t)),
                    );
                    format!(
                        "{} {} × {} = {}",
                        cell(s.from_usd),
                        to,
                        show::number_in(&show::amount(s.rate), locale),
                        cell(s.discounted_usd)
                    )
                })
                .collect::<Vec<_>>();
            view! {
                <div class="slices">
                    <strong>{coin.coin.clone()}</strong>
                    <ul>{slices.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                </div>
            }
        })
        .collect_view()
}

fn side_cells(ctx: Ctx, j: usize, long: bool) -> impl IntoView {
    let cell = move |get: fn(&SideReport) -> Fig| {
        let read = move |c: &Computed| {
            let k = c.report.contracts.get(j)?;
            Some(get(if long { &k.long } else { &k.short }))
        };
        view! { <td class="num">{figure(ctx, None, read)}</td> }
    };
    view! {
        {cell(|s| Fig::Amount(s.held_size))}
        {cell(|s| Fig::Amount(s.open_size))}
        {cell(|s| Fig::Cell(s.notional_usd))}
        {cell(|s| Fig::Rate(s.mmr))}
        {cell(|s| Fig::Cell(s.initial_margin))}
        {cell(|s| Fig::Cell(s.maintenance_margin))}
    }
}

/// Futures margin, contract by contract and side by side.
#[component]
pub fn ContractTable() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // far from the screen, its figures wait (see `figure`)
    let section = NodeRef::new();
    let near = follow_nearness(ctx, section);
    let i18n = ctx.i18n;
    let count = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().map_or(0, |c| c.report.contracts.len()))
    });
    let symbols = row_labels(ctx, |c| {
        c.report
            .contracts
            .iter()
            .map(|k| k.symbol.clone())
            .collect()
    });
    view! {
        <Provider value=near>
            <section node_ref=section class="card" aria-labelledby="contracts-out-h" class:hidden=move || count.get() == 0>
                <div class="card-head"><h2 id="contracts-out-h">{t!(i18n, ui.results.futures_margin)}</h2></div>
                <p class="scroll-cue" aria-hidden="true">{t!(i18n, ui.results.swipe)}</p>
                <div class="scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, ui.results.futures_region)>
                    <table class="figures-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, ui.form.contract)}</th>
                                <th scope="col">{t!(i18n, ui.form.side)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.held)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.open_orders)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.notional_usd)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.form.mmr)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.initial_margin)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.results.maint_margin)}</th>
                            </tr>
                        </thead>
                        <For each=move || 0..count.get() key=|j| *j let:j>
                            <tbody class="contract">
                                <tr>
                                    <th scope="rowgroup" rowspan="2">
                                        {move || symbols.with(|s| s.get(j).cloned())}
                                    </th>
                                    <td>{t!(i18n, ui.results.long)}</td>
                                    {side_cells(ctx, j, true)}
                                </tr>
                                <tr>
                                    <td>{t!(i18n, ui.results.short)}</td>
                                    {side_cells(ctx, j, false)}
                                </tr>
                            </tbody>
                        </For>
                    </table>
                </div>
                <p class="help">{t!(i18n, ui.results.contract_help)}</p>
                <p class="terms">{t!(i18n, ui.results.notional_note)}<Tip term=Term::Notional/>{t!(i18n, ui.results.mmr_note)}<Tip term=Term::Mmr/>{t!(i18n, ui.results.hedge_note)}<Tip term=Term::HedgeMode/></p>
            </section>
        </Provider>
    }
}
