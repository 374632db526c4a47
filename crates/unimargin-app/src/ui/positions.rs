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

/// Rows of the table rendered together: a block far from the screen holds one empty row of
/// its height instead (see [`PositionTable`]).
const BLOCK: usize = 20;

/// How near the screen a block of rows is written: half a screen above and below, so that
/// at a reading pace its rows are there before they are seen.
const BLOCK_NEAR: &str = "50% 0px";

/// A row's height in CSS pixels until one is measured.
const ROW_HEIGHT_GUESS: f64 = 30.0;

/// The blocks of a table of `count` rows.
fn blocks(count: usize) -> std::ops::Range<usize> {
    0..count.div_ceil(BLOCK)
}

/// The rows of block `block` in a table of `count` rows.
fn block_rows(block: usize, count: usize) -> std::ops::Range<usize> {
    let start = block.saturating_mul(BLOCK).min(count);
    start..start.saturating_add(BLOCK).min(count)
}

/// The height of the row standing for `rows` rows of `row_height` pixels, as CSS.
fn away_height(rows: usize, row_height: f64) -> String {
    // rows never exceed a table's length: exact in an f64
    let rows = u32::try_from(rows).map_or(f64::MAX, f64::from);
    format!("{}px", rows * row_height)
}

/// One position's row: its name and figures.
fn position_row(
    ctx: Ctx,
    i: usize,
    name: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    // the header row is the table's first (`aria-rowcount` counts it)
    view! {
        <tr aria-rowindex=i.saturating_add(2)>
            <th scope="row">{name}</th>
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
    }
}

/// The positions table.
///
/// At 200 positions its rows are most of the page's elements, and each one a key lays out
/// and paints again. So its rows come in blocks of [`BLOCK`]: the first is always there,
/// and each other one only while it is near the screen (or the page is printed); away, a
/// block is one empty row of its height, so the page does not move as blocks come and go.
/// A screen reader is told how many rows the table has (`aria-rowcount`) and where each
/// row is (`aria-rowindex`).
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
    let rows = RowBlocks::new();
    rows.follow_row_height();
    // the widest widths are those of the table as it is shown: shown otherwise (exact values,
    // another language, other positions), they are learnt again
    Effect::new(move |_| {
        ctx.exact.track();
        let _ = i18n.get_locale();
        count.track();
        rows.widths.try_set(Vec::new());
    });
    let block = move |block: usize| {
        let body = if block == 0 {
            rows.first
        } else {
            NodeRef::new()
        };
        let near = RwSignal::new(block == 0);
        if block > 0 {
            super::follow_nearness_of(body, BLOCK_NEAR, move |is_near| {
                // the columns as they are before this block comes or goes
                rows.keep_widths();
                near.try_set(is_near);
            });
        }
        let here = move || block_rows(block, count.get());
        let shown = move || near.get() || rows.printing.get();
        view! {
            <tbody node_ref=body>
                <Show when=shown fallback=move || view! {
                    <tr class="rows-away" aria-hidden="true">
                        <td colspan="8" style:height=move || away_height(here().len(), rows.height.get())></td>
                    </tr>
                }>
                    <For each=here key=|i| *i let:i>
                        {position_row(ctx, i, name(i))}
                    </For>
                </Show>
            </tbody>
        }
    };
    view! {
        <Provider value=near>
            <section node_ref=section class="card" aria-labelledby="positions-out-h" class:hidden=move || count.get() == 0>
                <div class="card-head"><h2 id="positions-out-h">{t!(i18n, ui.positions.title)}</h2></div>
                <p class="scroll-cue" aria-hidden="true">{t!(i18n, ui.results.swipe)}</p>
                <div class="scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, ui.positions.region)>
                    <table class="figures-table" data-testid="positions-table" aria-rowcount=move || count.get().saturating_add(1)>
                        <thead>
                            <tr aria-rowindex="1">
                                <th scope="col" style:min-width=rows.min_width(0)>{t!(i18n, ui.positions.position)}</th>
                                <th scope="col" class="num" style:min-width=rows.min_width(1)>{t!(i18n, ui.form.size)}</th>
                                <th scope="col" class="num" style:min-width=rows.min_width(2)>{t!(i18n, ui.positions.available)}</th>
                                <th scope="col" class="num" style:min-width=rows.min_width(3)>{t!(i18n, ui.form.pnl_head)}</th>
                                <th scope="col" class="num" style:min-width=rows.min_width(4)>{t!(i18n, ui.positions.upnl_usd)}</th>
                                <th scope="col" class="num" style:min-width=rows.min_width(5)>{t!(i18n, ui.positions.roi)}</th>
                                <th scope="col" class="num" style:min-width=rows.min_width(6)>{t!(i18n, ui.positions.im_usd)}</th>
                                <th scope="col" class="num" style:min-width=rows.min_width(7)>{t!(i18n, ui.positions.mm_usd)}</th>
                            </tr>
                        </thead>
                        <For each=move || blocks(count.get()) key=|b| *b let:b>
                            {block(b)}
                        </For>
                    </table>
                </div>
                <p class="help">{t!(i18n, ui.positions.help)}</p>
                <p class="terms">{t!(i18n, ui.positions.hedge)}<Tip term=Term::HedgeMode/></p>
            </section>
        </Provider>
    }
}

/// What the blocks of rows share: the first block (always rendered, whose rows give the
/// height of the others while away), that height, the columns' widest widths seen, and
/// whether the page is being printed (every row then).
#[derive(Clone, Copy)]
struct RowBlocks {
    first: NodeRef<leptos::html::Tbody>,
    height: RwSignal<f64>,
    /// A column's width follows the rows rendered; kept at the widest seen, a column does
    /// not narrow and widen again as blocks go and come.
    widths: RwSignal<Vec<f64>>,
    printing: RwSignal<bool>,
}

impl RowBlocks {
    fn new() -> Self {
        let printing = RwSignal::new(false);
        // a printed page holds every row (the browser lays the page out for print after
        // this); in the browser only (the first view is also rendered on the host, where no
        // window is)
        if cfg!(target_arch = "wasm32") {
            let before = window_event_listener_untyped("beforeprint", move |_| printing.set(true));
            let after = window_event_listener_untyped("afterprint", move |_| printing.set(false));
            on_cleanup(move || {
                before.remove();
                after.remove();
            });
        }
        Self {
            first: NodeRef::new(),
            height: RwSignal::new(ROW_HEIGHT_GUESS),
            widths: RwSignal::new(Vec::new()),
            printing,
        }
    }

    /// Takes a row's height from the first block (all rows are one line high) each time its
    /// size changes: once it is laid out, and as the text's size changes.
    fn follow_row_height(self) {
        let height = self.height;
        super::watch_element(self.first, move |body| {
            let measured = body.clone();
            crate::web::watch_size(body, move || {
                let rows = measured.child_element_count();
                let h = measured.get_bounding_client_rect().height();
                // hidden (no height), or a block of no rows: nothing to learn
                if rows > 0 && h > 0.0 {
                    let row = h / f64::from(rows);
                    if height.try_get_untracked() != Some(row) {
                        height.try_set(row);
                    }
                }
            })
        });
    }

    /// Keeps the columns' widths as the header has them now, where wider than those kept.
    fn keep_widths(self) {
        let Some(heads) = self
            .first
            .get_untracked()
            .and_then(|first| first.parent_element())
            .and_then(|table| table.query_selector_all("thead th").ok())
        else {
            return;
        };
        let seen: Vec<f64> = (0..heads.length())
            .filter_map(|i| heads.item(i))
            .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            .map(|th| th.get_bounding_client_rect().width())
            .collect();
        let widest = self.widths.with_untracked(|w| widest(w, &seen));
        if let Some(widest) = widest {
            self.widths.try_set(widest);
        }
    }

    /// Column `k`'s least width, as CSS (none until measured).
    fn min_width(self, k: usize) -> impl Fn() -> String + Send + Sync + Copy + 'static {
        move || {
            self.widths
                .with(|w| w.get(k).map(|px| format!("{px}px")))
                .unwrap_or_default()
        }
    }
}

/// The widest width of each column between those kept and those `seen` now (`None`: no
/// change). A new number of columns starts again from what is seen.
fn widest(kept: &[f64], seen: &[f64]) -> Option<Vec<f64>> {
    // a hidden table's columns have no width: nothing to learn
    if seen.iter().all(|w| *w <= 0.0) {
        return None;
    }
    if kept.len() != seen.len() {
        return (!seen.is_empty()).then(|| seen.to_vec());
    }
    let wider = kept.iter().zip(seen).any(|(k, s)| s > k);
    wider.then(|| kept.iter().zip(seen).map(|(k, s)| k.max(*s)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_in_blocks_the_last_one_short() {
        assert_eq!(blocks(0), 0..0);
        assert_eq!(blocks(1), 0..1);
        assert_eq!(blocks(20), 0..1);
        assert_eq!(blocks(21), 0..2);
        assert_eq!(blocks(200), 0..10);
        assert_eq!(block_rows(0, 3), 0..3);
        assert_eq!(block_rows(0, 200), 0..20);
        assert_eq!(block_rows(9, 200), 180..200);
        assert_eq!(block_rows(2, 45), 40..45);
        // a block past the end (its rows just removed) holds none
        assert_eq!(block_rows(3, 45), 45..45);
    }

    #[test]
    fn columns_keep_the_widest_width_seen() {
        assert_eq!(widest(&[], &[80.0, 60.0]), Some(vec![80.0, 60.0]));
        assert_eq!(widest(&[80.0, 60.0], &[86.0, 55.0]), Some(vec![86.0, 60.0]));
        assert_eq!(widest(&[86.0, 60.0], &[80.0, 60.0]), None);
        assert_eq!(widest(&[86.0, 60.0], &[]), None);
        assert_eq!(
            widest(&[], &[0.0, 0.0]),
            None,
            "a hidden table teaches nothing"
        );
    }

    #[test]
    fn a_block_away_keeps_its_rows_height() {
        assert_eq!(away_height(20, 31.5), "630px");
        assert_eq!(away_height(5, 30.0), "150px");
        assert_eq!(away_height(0, 30.0), "0px");
    }
}
