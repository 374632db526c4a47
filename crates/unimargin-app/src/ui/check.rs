//! Check an order: the form for the new order, the verdict with its reasons, the headroom
//! and the largest size that passes, with a button that sets the size to it.

use super::explain::ExplainPanel;
use super::fields::{figure, row_error, Fig, Spec};
use super::inputs::order_fields;
use super::Ctx;
use crate::draft::{Field, OrderField, Row};
use crate::number::for_field;
use crate::web;
use leptos::html::Input;
use leptos::prelude::*;

/// The order check.
#[component]
pub fn CheckPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let has_check = Memo::new(move |_| ctx.layout.with(|l| l.check));
    view! {
        <section class="card check" aria-labelledby="check-h">
            <div class="card-head">
                <h2 id="check-h">"Check an order"</h2>
                {move || has_check.get().then(|| view! {
                    <button type="button" class="btn remove-text" data-testid="check-remove"
                        on:click=move |_| ctx.restructure(|d| d.remove(Row::Check))>"Remove"</button>
                })}
            </div>
            {move || {
                ctx.generation.track();
                if has_check.get() {
                    untrack(|| check_form(ctx)).into_any()
                } else {
                    view! {
                        <p class="help">"Will a new order be accepted? It is checked as if it were the last pending order: accepted when adjusted equity after it covers the margin reserved with it."</p>
                        <button type="button" class="btn primary" data-testid="check-add"
                            on:click=move |_| ctx.restructure(|d| {
                                d.add_check();
                            })>"Check an order"</button>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

fn check_form(ctx: Ctx) -> impl IntoView {
    let size_input = NodeRef::<Input>::new();
    let check = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_ref().and_then(|c| c.report.check.clone()))
    });
    let verdict = Memo::new(move |_| {
        check.with(|c| {
            c.as_ref()
                .map(|c| if c.accepted { "accepted" } else { "rejected" })
        })
    });
    let max_size = Memo::new(move |_| check.with(|c| c.as_ref().map(|c| c.max_size)));
    // The size the person typed, as the engine read it (to grey out the button when equal).
    let size_now = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_ref()
                .and_then(|c| c.scenario.check.as_ref().map(|o| o.size))
        })
    });
    let use_max = move |_| {
        let Some(max) = max_size.get_untracked() else {
            return;
        };
        let text = for_field(max.normalize());
        web::mark_input();
        if let Some(input) = size_input.get_untracked() {
            input.set_value(&text);
        }
        ctx.edit(Field::Check(OrderField::Size), text);
    };
    let can_apply = move || {
        ctx.fresh()
            && max_size
                .get()
                .is_some_and(|m| !m.is_zero() && Some(m) != size_now.get())
    };
    let fig = |testid: &'static str, get: fn(&unimargin::report::CheckReport) -> Fig| {
        figure(ctx, Some(testid.to_string()), move |c| {
            c.report.check.as_ref().map(get)
        })
    };
    view! {
        <div class="grid order-grid">
            {order_fields(ctx, Field::Check, Spec::number("Size").node(size_input))}
            {super::fields::text_field(ctx, Field::Check(OrderField::SizeStep), Spec::number("Size step").placeholder("0.00000001").help("the grid of the largest size"))}
        </div>
        {row_error(ctx, Row::Check)}
        <div class="verdict-box" class:accepted=move || verdict.get() == Some("accepted")
            class:rejected=move || verdict.get() == Some("rejected")>
            <p class="verdict" data-testid="check-verdict" data-value=move || verdict.get().unwrap_or_default()>
                {move || match verdict.get() {
                    Some("accepted") => "✓ Accepted",
                    Some("rejected") => "✗ Rejected",
                    _ => "—",
                }}
            </p>
            <ul class="reasons" data-testid="check-reasons">
                {move || check.with(|c| c.as_ref().map(|c| c.reasons.iter().map(|r| view! { <li>{r.to_string()}</li> }).collect_view()))}
            </ul>
            <dl class="figures small">
                <div class="line"><dt>"Adjusted equity after"</dt><dd>{fig("check-adjusted-equity-after", |c| Fig::Usd(c.adjusted_equity_after))}</dd></div>
                <div class="line"><dt>"Margin reserved after"</dt><dd>{fig("check-margin-reserved-after", |c| Fig::Usd(c.margin_reserved_after))}</dd></div>
                <div class="line key"><dt>"Headroom"</dt><dd>{fig("check-headroom", |c| Fig::Usd(c.headroom))}</dd></div>
                <div class="line"><dt>"Spot trading loss"</dt><dd>{fig("check-spot-loss", |c| Fig::Usd(c.spot_loss))}</dd></div>
                <div class="line"><dt>"Fee"</dt><dd>{fig("check-fee", |c| Fig::Usd(c.fee))}</dd></div>
                <div class="line"><dt>"Initial margin added"</dt><dd>{fig("check-initial-margin-added", |c| Fig::Usd(c.initial_margin_added))}</dd></div>
                <div class="line key">
                    <dt>"Largest size that passes"</dt>
                    <dd>
                        {fig("check-max-size", |c| Fig::Amount(c.max_size))}
                        <button type="button" class="btn small" data-testid="check-use-max"
                            disabled=move || !can_apply() on:click=use_max>"Use this size"</button>
                    </dd>
                </div>
            </dl>
            <ExplainPanel which="check"/>
        </div>
    }
}
