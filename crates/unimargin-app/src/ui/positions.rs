//! Each position's own figures (issue 15): its size (signed in one-way mode), what can be
//! closed, unrealized PnL in the settle coin and in USD, ROI, and its initial and
//! maintenance margin, from the report's `positions`. A table that scrolls sideways on a
//! phone, like the other figure tables; every figure has `data-testid`
//! `positions[i].<field>` and its exact value in `data-value`.

use super::figure::{figure, Fig};
use super::tip::Tip;
use super::Ctx;
use crate::calc::Computed;
use crate::checked::Checked;
use crate::glossary::Term;
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
    let count = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().map_or(0, |c| c.report.positions.len()))
    });
    let name = move |i: usize| {
        move || {
            ctx.figures.with(|f| {
                f.as_ref().and_then(|c| {
                    let p = c.scenario.positions.get(i)?;
                    let side = match p.side {
                        PositionSide::Long => "long",
                        PositionSide::Short => "short",
                    };
                    Some(format!("{} {side}", p.symbol))
                })
            })
        }
    };
    view! {
        <section class="card" aria-labelledby="positions-out-h" class:hidden=move || count.get() == 0>
            <div class="card-head"><h2 id="positions-out-h">"Positions"</h2></div>
            <p class="scroll-cue" aria-hidden="true">"Swipe the table sideways for every column →"</p>
            <div class="scroll" tabindex="0" role="region" aria-label="Positions, a table that scrolls sideways">
                <table class="figures-table" data-testid="positions-table">
                    <thead>
                        <tr>
                            <th scope="col">"Position"</th>
                            <th scope="col" class="num">"Size"</th>
                            <th scope="col" class="num">"Available to close"</th>
                            <th scope="col" class="num">"Unrealized PnL (settle coin)"</th>
                            <th scope="col" class="num">"Unrealized PnL (USD)"</th>
                            <th scope="col" class="num">"ROI"</th>
                            <th scope="col" class="num">"Initial margin (USD)"</th>
                            <th scope="col" class="num">"Maint. margin (USD)"</th>
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
            <p class="help">"ROI is the unrealized PnL over the position's initial margin. In one-way mode a short's size is negative."</p>
            <p class="terms">"Hedge mode "<Tip term=Term::HedgeMode/></p>
        </section>
    }
}
