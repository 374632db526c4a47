//! Check an order: the form for the new order with the leverage it uses (set right there),
//! the verdict with its reasons, the headroom, the fee where it goes, the largest size that
//! passes (with a button that sets the size to it), and the account once the order fills:
//! the liquidation and warning prices of the whole cross account with it as a position.

use super::explain::ExplainPanel;
use super::fields::{row_error, row_name, text_field, Spec};
use super::figure::{figure, figures_near, follow_nearness, Fig, Nearness};
use super::inputs::{is_futures_order, order_fields};
use super::tip::Tip;
use super::Ctx;
use crate::after_fill::{order_terms, AfterFill};
use crate::calc::Shared;
use crate::draft::{ContractField, Field, OrderField, Row};
use crate::glossary::Term;
use crate::i18n::{t, td_string, Locale};
use crate::number::for_field;
use crate::show;
use crate::threshold::{margin_rate, Thresholds};
use crate::web;
use crate::wording::after_fill_problem;
use crate::wording::check::reason;
use leptos::context::Provider;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use unimargin::whatif::{LiquidationPrices, ThresholdPrices};
use unimargin::{Decimal, Error};

/// The order check.
#[component]
pub fn CheckPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    let has_check = Memo::new(move |_| ctx.layout.with(|l| l.check));
    let blank = ctx.is_blank();
    let heading = NodeRef::<leptos::html::H2>::new();
    // far from the screen (on a phone, as a person types in the form above), it waits
    let section = NodeRef::new();
    let near = follow_nearness(ctx, section);
    view! {
        <Provider value=near>
        <section node_ref=section class="card check" id="check" aria-labelledby="check-h">
            <div class="card-head">
                <h2 id="check-h" node_ref=heading tabindex="-1">{t!(i18n, ui.check.title)}</h2>
                {move || has_check.get().then(|| view! {
                    <button type="button" class="btn remove-text" data-testid="check-remove"
                        on:click=move |_| {
                            // the button goes with the check and "check an order" comes after
                            // it: meanwhile the focus waits on the card's heading, not the body
                            super::focus_node(heading);
                            ctx.restructure(|d| d.remove(Row::Check));
                            web::focus_testid_soon("check-add".into());
                        }>{t!(i18n, ui.check.remove)}</button>
                })}
            </div>
            {move || {
                ctx.generation.track();
                if has_check.get() {
                    untrack(|| check_form(ctx, near)).into_any()
                } else {
                    view! {
                        <p class="help">{t!(i18n, ui.check.intro)}</p>
                        <p class="help" class:hidden=move || !blank.get()>{t!(i18n, ui.check.coins_first)}</p>
                        <button type="button" class="btn primary" data-testid="check-add"
                            on:click=move |_| ctx.restructure_then_focus(|d| {
                                d.add_check();
                                Some(Field::Check(OrderField::Size))
                            })>{t!(i18n, ui.check.title)}</button>
                    }
                    .into_any()
                }
            }}
        </section>
        </Provider>
    }
}

/// The contract the order to check is on (its id in the draft), for its leverage field.
fn check_contract(ctx: Ctx) -> Memo<Option<crate::draft::Id>> {
    Memo::new(move |_| {
        ctx.draft.with(|d| {
            let check = d.check.as_ref().filter(|c| c.is_futures())?;
            d.contracts
                .iter()
                .find(|k| k.symbol == check.symbol)
                .map(|k| k.id)
        })
    })
}

fn check_form(ctx: Ctx, near: Nearness) -> impl IntoView {
    let i18n = ctx.i18n;
    let size_input = NodeRef::<Input>::new();
    let figures = figures_near(ctx, near);
    let check =
        Memo::new(move |_| figures.with(|f| f.as_ref().and_then(|c| c.report.check.clone())));
    let verdict = Memo::new(move |_| {
        check.with(|c| {
            c.as_ref()
                .map(|c| if c.accepted { "accepted" } else { "rejected" })
        })
    });
    let futures = is_futures_order(ctx, Field::Check(OrderField::Market));
    let max_size = Memo::new(move |_| check.with(|c| c.as_ref().map(|c| c.max_size)));
    // The size the person typed, as the engine read it (to grey out the button when equal).
    let size_now = Memo::new(move |_| {
        figures.with(|f| {
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
            let locale = ctx.i18n.get_locale_untracked();
            input.set_value(&crate::entry::for_input(&text, locale));
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
    let contract = check_contract(ctx);
    let leverage = move || {
        contract.get().map(|k| {
            view! {
                <div class="leverage-line">
                    {text_field(ctx, Field::Contract(k, ContractField::Leverage),
                        Spec::number(w!(ui.form.leverage_x)).alias("check-leverage")
                            .help(w!(ui.form.help_leverage)).term(Term::Leverage))}
                </div>
            }
        })
    };
    let fee_in_margin = figure(ctx, Some("check-fee-in-margin".into()), |c| {
        order_terms(&c.account, &c.report).and_then(|t| t.fee_in_margin.map(Fig::Usd))
    });
    view! {
        {row_name(ctx, Row::Check)}
        <div class="grid order-grid">
            {order_fields(ctx, Field::Check, Spec::number(w!(ui.form.size)).node(size_input))}
            {text_field(ctx, Field::Check(OrderField::SizeStep), Spec::number(w!(ui.form.size_step)).placeholder(w!(ui.form.ph_tiny)).help(w!(ui.form.help_size_step)).term(Term::SizeStep))}
        </div>
        {leverage}
        {row_error(ctx, Row::Check)}
        <div class="verdict-box" class:accepted=move || verdict.get() == Some("accepted")
            class:rejected=move || verdict.get() == Some("rejected")>
            <p class="verdict" role="status" data-testid="check-verdict" data-value=move || verdict.get().unwrap_or_default()>
                {move || match verdict.get() {
                    Some("accepted") => td_string!(i18n.get_locale(), ui.check.accepted),
                    Some("rejected") => td_string!(i18n.get_locale(), ui.check.rejected),
                    _ => "—",
                }}
            </p>
            <ul class="reasons" data-testid="check-reasons">
                {move || { let locale = i18n.get_locale(); check.with(|c| c.as_ref().map(|c| c.reasons.iter().map(|r| view! { <li>{reason(r, locale)}</li> }).collect_view())) }}
            </ul>
            <dl class="figures small">
                <div class="line key">
                    <dt>{t!(i18n, ui.check.largest)}</dt>
                    <dd>
                        {fig("check-max-size", |c| Fig::Amount(c.max_size))}
                        <button type="button" class="btn small" data-testid="check-use-max"
                            disabled=move || !can_apply() on:click=use_max>{t!(i18n, ui.check.use_size)}</button>
                    </dd>
                </div>
                <div class="line key"><dt>{t!(i18n, ui.check.headroom)}<Tip term=Term::Headroom/></dt><dd>{fig("check-headroom", |c| Fig::Usd(c.headroom))}</dd></div>
                <div class="line"><dt>{t!(i18n, ui.check.equity_after)}</dt><dd>{fig("check-adjusted-equity-after", |c| Fig::Usd(c.adjusted_equity_after))}</dd></div>
                <div class="line"><dt>{t!(i18n, ui.check.reserved_after)}</dt><dd>{fig("check-margin-reserved-after", |c| Fig::Usd(c.margin_reserved_after))}</dd></div>
                <div class="line"><dt>{t!(i18n, ui.check.im_added)}</dt><dd>{fig("check-initial-margin-added", |c| Fig::Usd(c.initial_margin_added))}</dd></div>
                <div class="line" class:hidden=move || !futures.get()>
                    <dt>{t!(i18n, ui.check.fee_in_im)}<Tip term=Term::TakerFee/></dt>
                    <dd>{fee_in_margin}</dd>
                </div>
                <div class="line" class:hidden=move || futures.get()>
                    <dt>{t!(i18n, ui.check.spot_loss)}<Tip term=Term::SpotTradingLoss/></dt>
                    <dd>{fig("check-spot-loss", |c| Fig::Usd(c.spot_loss))}</dd>
                </div>
                <div class="line" class:hidden=move || futures.get()><dt>{t!(i18n, ui.check.fee)}</dt><dd>{fig("check-fee", |c| Fig::Usd(c.fee))}</dd></div>
            </dl>
            <ExplainPanel which="check"/>
        </div>
        {after_the_fill(ctx)}
    }
}

/// The account once the order fills, as the worker last answered it.
type AfterMemo = Memo<Option<Shared<Result<AfterFill, Error>>>>;

/// What the account once filled shows: which parts, not their figures. The parts are built
/// when this changes; a new answer of the same shape rewrites their texts and values in
/// place (a part built again would have each of its attributes removed and set again).
#[derive(Clone, Copy, PartialEq, Eq)]
enum AfterShape {
    /// The account once filled; `prices`: with the liquidation and warning prices of the
    /// order's coin (the coin is in the account).
    Filled { prices: bool },
    /// Why it cannot be worked out.
    Problem,
}

/// Reads the worker's last answer (`None`: none yet).
fn answer<R>(
    after: AfterMemo,
    read: impl FnOnce(&Result<AfterFill, Error>) -> Option<R>,
) -> Option<R> {
    after.with(|a| a.as_ref().and_then(|shared| read(&shared.0)))
}

/// Reads the account once filled, if the worker's answer has it; `""` otherwise.
fn filled(after: AfterMemo, read: impl FnOnce(&AfterFill) -> String) -> String {
    answer(after, |outcome| outcome.as_ref().ok().map(read)).unwrap_or_default()
}

/// A threshold the account once filled has prices for.
#[derive(Clone, Copy)]
enum Line {
    Liquidation,
    Warning,
}

impl Line {
    fn key(self) -> &'static str {
        match self {
            Line::Liquidation => "liquidation",
            Line::Warning => "warning",
        }
    }

    fn word(self, locale: Locale) -> &'static str {
        match self {
            Line::Liquidation => td_string!(locale, ui.whatif.liquidation),
            Line::Warning => td_string!(locale, ui.whatif.warning),
        }
    }

    fn of(self, prices: &LiquidationPrices) -> &ThresholdPrices {
        match self {
            Line::Liquidation => &prices.liquidation,
            Line::Warning => &prices.warning,
        }
    }
}

/// One threshold's prices after the fill, as a sentence.
fn after_line(after: AfterMemo, line: Line, i18n: I18nContext<Locale>) -> impl IntoView {
    let exact = move || {
        filled(after, |f| {
            f.prices.as_ref().map_or_else(String::new, |p| {
                let t = line.of(p);
                show::exact_or_empty(t.below.or(t.above))
            })
        })
    };
    let text = move || {
        let locale = i18n.get_locale();
        filled(after, |f| {
            f.prices.as_ref().map_or_else(String::new, |p| {
                threshold_sentence(
                    line.word(locale),
                    &p.coin,
                    p.current_price,
                    line.of(p),
                    locale,
                )
            })
        })
    };
    view! {
        <li data-testid=format!("after-{}", line.key()) data-value=exact>
            <strong>{text}</strong>
        </li>
    }
}

/// "Liquidation at BTC = 9,943.10 USD (−84.5 %)", or why there is no such price.
fn threshold_sentence(
    what: &'static str,
    coin: &str,
    current: Decimal,
    t: &ThresholdPrices,
    locale: Locale,
) -> String {
    if t.already_past {
        return td_string!(locale, ui.whatif.already_past, what);
    }
    let price = |p: Option<Decimal>| p.map(|p| super::whatif::price_and_change(p, current, locale));
    match (price(t.below), price(t.above)) {
        (None, None) => td_string!(locale, ui.check.none_between, what),
        (Some(price), None) | (None, Some(price)) => {
            td_string!(locale, ui.whatif.at_price, what, coin, price)
        }
        (Some(b), Some(a)) => {
            let price = td_string!(locale, ui.check.or, b, a);
            td_string!(locale, ui.whatif.at_price, what, coin, price)
        }
    }
}

/// The account once the order fills (a task after the figures, like the what-if panel).
fn after_the_fill(ctx: Ctx) -> impl IntoView {
    // the account once filled and its prices, worked out by the engine's worker from the
    // figures of the account as typed (a what-if price moves the price, not the thresholds)
    let after: AfterMemo = Memo::new(move |_| ctx.answers.after.get());
    let shape = Memo::new(move |_| {
        answer(after, |outcome| {
            Some(match outcome {
                Ok(f) => AfterShape::Filled {
                    prices: f.prices.is_some(),
                },
                Err(_) => AfterShape::Problem,
            })
        })
    });
    let i18n = ctx.i18n;
    let busy = move || {
        ctx.answers
            .updating(super::engine::Kind::AfterFill)
            .to_string()
    };
    // the panel the worker's job is for: these lines, not the whole card (the order's form
    // and verdict at its top are worked out with the figures); here while the check is, so
    // also before the first answer
    let place = NodeRef::<leptos::html::Div>::new();
    super::engine::follow_panel(ctx, place, super::engine::Kind::AfterFill);
    let lines = move || {
        shape.get().map(|shape| match shape {
            AfterShape::Filled { prices } => view! {
                <div class="after-fill" data-testid="after-fill" aria-busy=busy>
                    <h3>{t!(i18n, ui.check.once_it_fills)}</h3>
                    <p class="help">{t!(i18n, ui.check.after_help)}</p>
                    <ul class="liquidation-lines">
                        {prices.then(|| view! {
                            {after_line(after, Line::Liquidation, i18n)}
                            {after_line(after, Line::Warning, i18n)}
                        })}
                        {(!prices).then(|| view! { <li>{t!(i18n, ui.check.no_coin)}</li> })}
                    </ul>
                    <p class="after-figures">
                        {t!(i18n, ui.check.then_rate)}
                        <strong data-testid="after-cross-margin-rate"
                            data-value=move || filled(after, |f| show::exact_or_empty(f.account.cross_margin_rate))>
                            {move || filled(after, |f| {
                                let rate = margin_rate(f.account.cross_margin_rate, Thresholds::of(&f.account));
                                show::shown_in(&rate, i18n.get_locale())
                            })}
                        </strong>
                        {t!(i18n, ui.check.then_available)}
                        <strong data-testid="after-available-margin"
                            data-value=move || filled(after, |f| show::exact(f.account.available_margin))>
                            {move || filled(after, |f| show::number_in(&show::usd_text(f.account.available_margin), i18n.get_locale()))}
                        </strong>
                        {t!(i18n, ui.check.then_risk)}
                        <strong>{move || filled(after, |f| show::risk_word(f.account.risk, i18n.get_locale()).to_owned())}</strong>
                        {t!(i18n, ui.check.then_end)}
                    </p>
                </div>
            }
            .into_any(),
            AfterShape::Problem => view! {
                <div class="after-fill" data-testid="after-fill">
                    <h3>{t!(i18n, ui.check.once_it_fills)}</h3>
                    <p class="row-error" data-testid="after-fill-error">
                        {move || answer(after, |outcome| {
                            outcome.as_ref().err().map(|e| after_fill_problem(e.kind(), i18n.get_locale()))
                        })}
                    </p>
                </div>
            }
            .into_any(),
        })
    };
    view! { <div class="after-fill-place" node_ref=place>{lines}</div> }
}
