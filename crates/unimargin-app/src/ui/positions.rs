//! Each position's own figures (issue 15): its size (signed in one-way mode), what can be
//! closed, unrealized PnL in the settle coin and in USD, ROI, and its initial and
//! maintenance margin, from the report's `positions`. A table that scrolls sideways on a
//! phone, like the other figure tables; every figure has `data-testid`
//! `positions[i].<field>` and its exact value in `data-value`.

use super::figure::{figure, follow_nearness, Fig};
use super::tip::Tip;
use super::Ctx;
use crate::calc::Computed;
use crate::checked::Checked;
use crate::glossary::Term;
use crate::i18n::{t, t_string, td_string};
use leptos::context::Provider;
use leptos::prelude::*;
use unimargin::report::PositionReport;
use unimargin::scenario::{PositionMode, PositionSide};
use unimargin::Decimal;

/// The size as the position mode shows it: a one-way short is negative (RULES §12).
fn signed_size(c: &Computed, i: usize) -> Option<Decimal> {
    let p = c.account.positions.get(i)?;
    match (c.account.settings.position_mode, p.side) {
        (PositionMode::OneWay, PositionSide::Short) => Decimal::ZERO.minus(p.size),
        _ => Some(p.size),
    }
}

fn cell(
    ctx: Ctx,
    i: usize,
    field: &'static str,
    get: fn(&PositionReport) -> Option<Fig>,
) -> impl IntoView {
    view! {
        <td class="num">
            {figure(ctx, Some(format!("positions[{i}].{field}")), move |c| {
                c.report.positions.get(i).and_then(get)
            })}
        </td>
    }
}

/// The positions table.
#[component]
pub fn PositionTable() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // far from the screen, its figures wait (see `figure`)
    let section = NodeRef::new();
    let near = follow_nearness(ctx, section);
    let i18n = ctx.i18n;
    let count = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().map_or(0, |c| c.report.positions.len()))
    });
    // one subscriber of the figures for the rows' names (which seldom change), not one a row
    let names = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_deref().map_or_else(Vec::new, |c| {
                c.scenario
                    .positions
                    .iter()
                    .map(|p| (p.symbol.clone(), p.side))
                    .collect::<Vec<_>>()
            })
        })
    });
    let name = move |i: usize| {
        move || {
            let locale = ctx.i18n.get_locale();
            names.with(|n| {
                let (symbol, side) = n.get(i)?;
                let side = match side {
                    PositionSide::Long => td_string!(locale, ui.rows.long),
                    PositionSide::Short => td_string!(locale, ui.rows.short),
                };
                Some(td_string!(
                    locale,
                    ui.positions.name,
                    symbol = symbol.as_str(),
                    side
                ))
            })
        }
    };
    view! {
        <Provider value=near>
            <section node_ref=section class="card" aria-labelledby="positions-out-h" class:hidden=move || count.get() == 0>
                <div class="card-head"><h2 id="positions-out-h">{t!(i18n, ui.positions.title)}</h2></div>
                <p class="scroll-cue" aria-hidden="true">{t!(i18n, ui.results.swipe)}</p>
                <div class="scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, ui.positions.region)>
                    <table class="figures-table" data-testid="positions-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, ui.positions.position)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.form.size)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.positions.available)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.form.pnl_head)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.positions.upnl_usd)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.positions.roi)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.positions.im_usd)}</th>
                                <th scope="col" class="num">{t!(i18n, ui.positions.mm_usd)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || 0..count.get() key=|i| *i let:i>
                                <tr>
                                    <th scope="row">{name(i)}</th>
                                    <td class="num">
                                        {figure(ctx, Some(format!("positions[{i}].signed_size")), move |c| {
                                            signed_size(c, i).map(Fig::Amount)
                                        })}
                                    </td>
                                    {cell(ctx, i, "available", |p| Some(Fig::Amount(p.available)))}
                                    {cell(ctx, i, "unrealized_pnl", |p| Some(Fig::Amount(p.unrealized_pnl)))}
                                    {cell(ctx, i, "unrealized_pnl_usd", |p| Some(Fig::Cell(p.unrealized_pnl_usd)))}
                                    {cell(ctx, i, "roi", |p| p.roi.map(Fig::Rate))}
                                    {cell(ctx, i, "initial_margin", |p| Some(Fig::Cell(p.initial_margin)))}
                                    {cell(ctx, i, "maintenance_margin", |p| Some(Fig::Cell(p.maintenance_margin)))}
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </div>
                <p class="help">{t!(i18n, ui.positions.help)}</p>
                <p class="terms">{t!(i18n, ui.positions.hedge)}<Tip term=Term::HedgeMode/></p>
            </section>
        </Provider>
    }
}
