//! The figures: the account summary with its risk gauge and the answer to "why is adjusted
//! equity lower than equity?", the per-coin table and the futures margin by contract.
//! Display only: every number is the engine's.

use super::explain::ExplainPanel;
use super::figure::{figure, Fig};
use super::tip::Tip;
use super::Ctx;
use crate::calc::Computed;
use crate::glossary::Term;
use crate::labels::field_label;
use crate::show;
use crate::threshold::{gauge, margin_rate, GaugePlaces, Thresholds, WARNING_ZONE_RIGHT};
use crate::wording::field_problem;
use leptos::prelude::*;
use unimargin::report::{AccountReport, SideReport};
use unimargin::Decimal;

/// A line of the summary: label, figure (with its test id) and an optional explanation.
fn line(
    ctx: Ctx,
    label: &'static str,
    testid: &'static str,
    get: impl Fn(&AccountReport) -> Fig + Send + Sync + 'static,
) -> impl IntoView {
    line_of(ctx, label, None, testid, Box::new(get))
}

/// A line whose label is a term of the trade, explained by a tip.
fn term_line(
    ctx: Ctx,
    label: &'static str,
    term: Term,
    testid: &'static str,
    get: impl Fn(&AccountReport) -> Fig + Send + Sync + 'static,
) -> impl IntoView {
    line_of(ctx, label, Some(term), testid, Box::new(get))
}

type AccountGetter = Box<dyn Fn(&AccountReport) -> Fig + Send + Sync>;

fn line_of(
    ctx: Ctx,
    label: &'static str,
    term: Option<Term>,
    testid: &'static str,
    get: AccountGetter,
) -> impl IntoView {
    view! {
        <div class="line">
            <dt>{label}{term.map(|t| view! { " " <Tip term=t/> })}</dt>
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
    let i18n = crate::i18n::use_i18n();
    move || {
        let errors = ctx.errors.get();
        let locale = i18n.get_locale();
        (!errors.is_empty()).then(|| {
            let lead = if state.get() == "stale" {
                "These figures are stale: they are those of the last valid input. Fix the marked field to update them."
            } else if ctx.outcome.with(|o| o.partial) {
                "These figures count the marked coins for nothing until their tables are given."
            } else {
                "No figures yet: fix the marked field."
            };
            let labels: Vec<String> = ctx
                .draft
                .with_untracked(|d| errors.iter().map(|e| field_label(d, &e.path)).collect());
            view! {
                <div class="stale-banner" role="status" data-testid="stale-banner">
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
                                        ": "{field_problem(&e.kind, locale)}
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
    let risk = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().map(|c| show::risk_name(c.report.account.risk)))
    });
    let cancelled = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_ref()
                .is_some_and(|c| c.report.account.futures_orders_cancelled)
        })
    });
    let blank = ctx.is_blank();
    let why = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_ref()
                .map(|c| crate::why::sentence(&crate::why::why(&c.report)))
        })
    });
    view! {
        <section class="card summary" id="account" class:stale=move || state.get() == "stale"
            aria-labelledby="summary-h" data-testid="results-state" data-value=move || state.get()>
            <div class="card-head">
                <h2 id="summary-h">"Your account's figures"</h2>
                // A polite live region: its words change only when the level does, so a
                // screen reader announces a new level, not every keystroke.
                <span data-testid="risk" role="status" data-value=move || risk.get().unwrap_or_default()
                    class=move || format!(
                        "risk risk-{}{}",
                        risk.get().unwrap_or("none"),
                        if blank.get() { " hidden" } else { "" }
                    )>
                    <span class="sr-only">"Risk level: "</span>
                    {move || match risk.get() {
                        Some("safe") => "Safe",
                        Some("warning") => "Warning",
                        Some("liquidation") => "Liquidation",
                        _ => "—",
                    }}
                </span>
                <label class="toggle">
                    <input type="checkbox" data-testid="exact-toggle"
                        prop:checked=move || ctx.exact.get()
                        on:change=move |ev| ctx.exact.set(event_target_checked(&ev)) />
                    "Exact values"
                </label>
            </div>
            <p class="empty" class:hidden=move || !blank.get() data-testid="summary-blank">
                "Your figures appear here as soon as you add a coin."
            </p>
            {problems(ctx)}
            <div class:hidden=move || blank.get()>
            <dl class="figures">
                {term_line(ctx, "Account equity", Term::Equity, "account-equity", |a| Fig::Usd(a.account_equity))}
                <div class="line key">
                    <dt>"Adjusted equity "<Tip term=Term::AdjustedEquity/></dt>
                    <dd>{figure(ctx, Some("adjusted-equity".into()), |c| Some(Fig::Usd(c.report.account.adjusted_equity)))}</dd>
                    <dd class="explain-dd">
                        <p class="why" data-testid="why-adjusted-equity">{move || why.get()}</p>
                        <ExplainPanel which="adjusted_equity"/>
                    </dd>
                </div>
                <div class="line">
                    <dt>"Margin reserved "<Tip term=Term::MarginReserved/></dt>
                    <dd>{figure(ctx, Some("margin-reserved".into()), |c| Some(Fig::Usd(c.report.account.margin_reserved)))}</dd>
                    <dd class="explain-dd"><ExplainPanel which="margin_reserved"/></dd>
                </div>
                {term_line(ctx, "Available margin", Term::AvailableMargin, "available-margin", |a| Fig::Usd(a.available_margin))}
                <div class="line">
                    <dt>"Maintenance margin "<Tip term=Term::MaintenanceMargin/></dt>
                    <dd>{figure(ctx, Some("maintenance-margin".into()), |c| Some(Fig::Usd(c.report.account.maintenance_margin)))}</dd>
                    <dd class="explain-dd"><ExplainPanel which="maintenance_margin"/></dd>
                </div>
                {term_line(ctx, "Position value", Term::PositionValue, "position-value", |a| Fig::Usd(a.position_value))}
                {term_line(ctx, "Account leverage", Term::AccountLeverage, "account-leverage", |a| Fig::Leverage(a.account_leverage))}
                <div class="line key">
                    <dt>"Cross margin rate "<Tip term=Term::CrossMarginRate/></dt>
                    <dd>{figure(ctx, Some("cross-margin-rate".into()), |c| Some(margin_rate_fig(&c.report.account)))}</dd>
                    <dd class="explain-dd"><ExplainPanel which="cross_margin_rate"/></dd>
                </div>
            </dl>
            <p class="terms">"A rate or leverage shown as unbounded "<Tip term=Term::Unbounded/></p>
            <Gauge/>
            <p class="warning-banner" role="alert" data-testid="futures-orders-cancelled"
                data-value=move || cancelled.get().to_string() class:hidden=move || !cancelled.get()>
                <strong>"Futures orders would be cancelled. "</strong>
                "Adjusted equity is below the margin reserved, so every open futures order is cancelled (spot orders stay)."
            </p>
            <details class="breakdown">
                <summary>"Breakdown and interest"</summary>
                <dl class="figures small">
                    {line(ctx, "Discounted equity (Σ coin contributions)", "discounted-equity", |a| Fig::Usd(a.discounted_equity))}
                    {term_line(ctx, "Spot trading losses of pending orders", Term::SpotTradingLoss, "spot-trading-losses", |a| Fig::Usd(a.spot_trading_losses))}
                    {line(ctx, "Pending fees", "pending-fees", |a| Fig::Usd(a.pending_fees))}
                    {line(ctx, "Initial margin: loans", "initial-margin-loans", |a| Fig::Usd(a.initial_margin_loans))}
                    {line(ctx, "Initial margin: futures", "initial-margin-derivatives", |a| Fig::Usd(a.initial_margin_derivatives))}
                    {line(ctx, "Maintenance margin: loans", "maintenance-margin-loans", |a| Fig::Usd(a.maintenance_margin_loans))}
                    {line(ctx, "Maintenance margin: futures", "maintenance-margin-derivatives", |a| Fig::Usd(a.maintenance_margin_derivatives))}
                    {term_line(ctx, "Partial liquidation fees", Term::LiquidationFee, "partial-liquidation-fees", |a| Fig::Usd(a.partial_liquidation_fees))}
                    {term_line(ctx, "Futures notional (held, at mark)", Term::Notional, "futures-notional", |a| Fig::Usd(a.futures_notional_usd))}
                    {line(ctx, "Loans in USD", "loans-usd", |a| Fig::Usd(a.loans_usd))}
                    {line(ctx, "Interest per hour (estimate)", "interest-hour", |a| Fig::Usd(a.hourly_interest_usd))}
                    {line(ctx, "Interest per day (estimate)", "interest-day", |a| Fig::Usd(a.daily_interest_usd))}
                </dl>
            </details>
            </div>
        </section>
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
fn Gauge() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let marks = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_ref().map(|c| {
                let a = &c.report.account;
                let thresholds = Thresholds::of(a);
                Marks {
                    places: gauge(a.cross_margin_rate, thresholds),
                    warning: show::percent(a.warning_rate).to_string(),
                    liquidation: show::percent(a.liquidation_rate).to_string(),
                    risk: show::risk_name(a.risk),
                    rate: margin_rate(a.cross_margin_rate, thresholds).to_string(),
                }
            })
        })
    });
    let get = move |pick: fn(&Marks) -> String| {
        move || marks.with(|m| m.as_ref().map(pick).unwrap_or_default())
    };
    view! {
        <div class="gauge" role="img"
            aria-label=move || marks.with(|m| m.as_ref().map(|m| format!(
                "Cross margin rate {}: warning from {}, liquidation from {}", m.rate, m.warning, m.liquidation
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
    let count = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().map_or(0, |c| c.report.coins.len()))
    });
    let name = move |i: usize| {
        move || {
            ctx.figures.with(|f| {
                f.as_ref()
                    .and_then(|c| c.report.coins.get(i))
                    .map(|c| c.coin.clone())
                    .unwrap_or_default()
            })
        }
    };
    let total = |get: fn(&AccountReport) -> Decimal, testid: &'static str| {
        figure(ctx, Some(testid.to_string()), move |c| {
            Some(Fig::Cell(get(&c.report.account)))
        })
    };
    view! {
        <section class="card" aria-labelledby="coins-out-h" class:hidden=move || count.get() == 0>
            <div class="card-head"><h2 id="coins-out-h">"Coin by coin"</h2></div>
            <p class="scroll-cue" aria-hidden="true">"Swipe the table sideways for every column →"</p>
            <div class="scroll" tabindex="0" role="region" aria-label="Coin by coin, a table that scrolls sideways" data-testid="coins-table-scroll">
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">"Coin"</th>
                            <th scope="col" class="num">"USD price"</th>
                            <th scope="col" class="num">"Equity"</th>
                            <th scope="col" class="num">"Unrealized PnL"</th>
                            <th scope="col" class="num">"Debt"</th>
                            <th scope="col" class="num">"USD value"</th>
                            <th scope="col" class="num">"Haircut"</th>
                            <th scope="col" class="num">"Contribution"</th>
                            <th scope="col" class="num">"Interest / hour"</th>
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
                            <th scope="row">"Total"</th>
                            <td></td><td></td><td></td><td></td>
                            <td class="num">{total(|a| a.account_equity, "total-usd-value")}</td>
                            <td></td>
                            <td class="num">{total(|a| a.discounted_equity, "total-contribution")}</td>
                            <td class="num">{total(|a| a.hourly_interest_usd, "total-interest")}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="help">"Equity, PnL and debt in each coin's own units; the rest in USD. The contribution is what the coin adds to adjusted equity: its USD value less its haircut (a negative equity counts in full). “Exact values”, at the top of the figures, shows every figure unrounded."</p>
            <p class="terms">"Haircut "<Tip term=Term::Haircut/>" · debt, a negative equity "<Tip term=Term::BorrowingTiers/></p>
            <details class="breakdown">
                <summary>"Discount by tier"</summary>
                {move || ctx.figures.with(|f| f.as_deref().map(slices_view))}
            </details>
        </section>
    }
}

fn slices_view(c: &Computed) -> impl IntoView {
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
                        || "above".to_string(),
                        |t| format!("to {}", show::usd_cell(t)),
                    );
                    format!(
                        "{} {} × {} = {}",
                        show::usd_cell(s.from_usd),
                        to,
                        show::amount(s.rate),
                        show::usd_cell(s.discounted_usd)
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
    let pick = move |c: &Computed| -> Option<SideReport> {
        c.report.contracts.get(j).map(|k| {
            if long {
                k.long.clone()
            } else {
                k.short.clone()
            }
        })
    };
    let cell = move |get: fn(&SideReport) -> Fig| {
        view! { <td class="num">{figure(ctx, None, move |c| pick(c).map(|s| get(&s)))}</td> }
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
    let count = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().map_or(0, |c| c.report.contracts.len()))
    });
    view! {
        <section class="card" aria-labelledby="contracts-out-h" class:hidden=move || count.get() == 0>
            <div class="card-head"><h2 id="contracts-out-h">"Futures margin"</h2></div>
            <p class="scroll-cue" aria-hidden="true">"Swipe the table sideways for every column →"</p>
            <div class="scroll" tabindex="0" role="region" aria-label="Futures margin, a table that scrolls sideways">
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">"Contract"</th>
                            <th scope="col">"Side"</th>
                            <th scope="col" class="num">"Held"</th>
                            <th scope="col" class="num">"Open orders"</th>
                            <th scope="col" class="num">"Notional (USD)"</th>
                            <th scope="col" class="num">"MMR"</th>
                            <th scope="col" class="num">"Initial margin"</th>
                            <th scope="col" class="num">"Maint. margin"</th>
                        </tr>
                    </thead>
                    <For each=move || 0..count.get() key=|j| *j let:j>
                        <tbody class="contract">
                            <tr>
                                <th scope="rowgroup" rowspan="2">
                                    {move || ctx.figures.with(|f| f.as_ref().and_then(|c| c.report.contracts.get(j)).map(|k| k.symbol.clone()))}
                                </th>
                                <td>"Long"</td>
                                {side_cells(ctx, j, true)}
                            </tr>
                            <tr>
                                <td>"Short"</td>
                                {side_cells(ctx, j, false)}
                            </tr>
                        </tbody>
                    </For>
                </table>
            </div>
            <p class="help">"Each contract reserves the larger side's initial margin (held + open orders), and maintains the larger side's maintenance margin at the MMR of the position tier holding that side's notional."</p>
            <p class="terms">"Notional "<Tip term=Term::Notional/>" · MMR "<Tip term=Term::Mmr/>" · hedge mode "<Tip term=Term::HedgeMode/></p>
        </section>
    }
}
