//! The form, in the order a person answers it: the coins they hold, their futures positions
//! (with the contracts they are on), their pending orders, and the settings. Positions and
//! orders show a form only once the person adds one; each row's exchange tables are folded
//! away ([`super::tables`]).

use super::fields::{list_error, row_error, row_name, select_field, text_field, Spec, Words};
use super::figure::{figure, Fig};
use super::tables::{coin_tables, contract_tables};
use super::tip::Tip;
use super::Ctx;
use crate::draft::{
    is_stablecoin, Choice, CoinField, CoinQuote, ContractField, Field, Id, List, OrderField,
    PositionField, Row, SettingField,
};
use crate::glossary::Term;
use crate::i18n::t;
use leptos::prelude::*;
use unimargin::scenario::{Market, OrderSide, PositionMode, PositionSide};

pub const QUOTES: &[(Option<CoinQuote>, Words)] = &[
    (Some(CoinQuote::Usd), |_| "USD"),
    (Some(CoinQuote::Usdt), |_| "USDT"),
    (Some(CoinQuote::Usdc), |_| "USDC"),
    (Some(CoinQuote::Btc), |_| "BTC"),
];
pub const POSITION_SIDES: &[(PositionSide, Words)] = &[
    (PositionSide::Long, w!(ui.form.long)),
    (PositionSide::Short, w!(ui.form.short)),
];
pub const ORDER_SIDES: &[(OrderSide, Words)] = &[
    (OrderSide::Buy, w!(ui.form.buy)),
    (OrderSide::Sell, w!(ui.form.sell)),
];
/// Hedge (a long and a short of a contract at once) or one-way (RULES §12); a draft that
/// gives none is in hedge mode, the first choice.
pub const POSITION_MODES: &[(Option<PositionMode>, Words)] = &[
    (Some(PositionMode::Hedge), w!(ui.form.hedge)),
    (Some(PositionMode::OneWay), w!(ui.form.one_way)),
];
pub const MARKETS: &[(Market, Words)] = &[
    (Market::Spot, w!(ui.form.spot)),
    (Market::Futures, w!(ui.form.futures)),
];

/// Ids of the suggestion lists for coin and contract names.
pub const COIN_NAMES: &str = "coin-names";
pub const CONTRACT_SYMBOLS: &str = "contract-symbols";
/// Ids of the lists of the market's coins and contracts.
pub const MARKET_COINS: &str = "market-coins";
pub const MARKET_CONTRACTS: &str = "market-contracts";

/// A button that adds a row and moves the focus to the field `focus` names in it.
pub fn add_button(
    ctx: Ctx,
    label: Words,
    testid: String,
    add: impl Fn(&mut crate::draft::Draft) -> Option<Field> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let locale = ctx.i18n.get_locale_untracked();
    view! {
        <button type="button" class="btn add" data-testid=testid
            on:click=move |_| ctx.restructure_then_focus(add)>
            <span aria-hidden="true">"+ "</span>{label(locale)}
        </button>
    }
}

/// Adds a row to a list, focusing its field `field` of the new id.
fn add_to(
    list: List,
    field: fn(Id) -> Field,
) -> impl Fn(&mut crate::draft::Draft) -> Option<Field> + Copy {
    move |d| d.add(list).map(field)
}

/// A position, and the contract it needs when there is none yet.
fn add_position(d: &mut crate::draft::Draft) -> Option<Field> {
    if d.contracts.is_empty() {
        d.add(List::Contracts);
    }
    d.add(List::Positions)
        .map(|p| Field::Position(p, PositionField::Size))
}

/// A button that removes a row; the focus goes to `then` (the list's add button) before
/// the row goes, so it is not lost with the row, not even for a moment.
pub fn remove_button(ctx: Ctx, row: Row, what: Words, then: String) -> impl IntoView {
    let what = what(ctx.i18n.get_locale_untracked());
    let testid = Memo::new(move |_| {
        ctx.layout
            .with(|l| l.row_path(row))
            .map(|p| format!("remove-{p}"))
            .unwrap_or_default()
    });
    let name = super::fields::row_name_id(row);
    view! {
        <button type="button" class="btn remove" title=what
            aria-label=what aria-describedby=name
            data-testid=move || testid.get()
            on:click=move |_| {
                crate::web::move_focus_to(then.clone());
                ctx.restructure(|d| d.remove(row));
            }>
            <span aria-hidden="true">"×"</span>
        </button>
    }
}

/// The whole form, rendered from the draft as it is now.
#[component]
pub fn Form() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let coin_names = Memo::new(move |_| ctx.names.with(|n| n.coins.clone()));
    let symbols = Memo::new(move |_| ctx.names.with(|n| n.contracts.clone()));
    view! {
        <datalist id=COIN_NAMES>
            {move || coin_names.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
        </datalist>
        <datalist id=CONTRACT_SYMBOLS>
            {move || symbols.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
        </datalist>
        // The market's entries, offered where a coin or a contract is named: the browser's
        // own combobox (type to filter, keyboard, screen reader, phone), which also takes a
        // name the market does not list.
        <datalist id=MARKET_COINS>
            {move || ctx.market.with(crate::market_state::coin_names).into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
        </datalist>
        <datalist id=MARKET_CONTRACTS>
            {move || ctx.market.with(crate::market_state::contract_symbols).into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
        </datalist>
        {coins(ctx)}
        {futures(ctx)}
        {orders(ctx)}
        {settings(ctx)}
    }
}

fn settings(ctx: Ctx) -> impl IntoView {
    let i18n = ctx.i18n;
    let f = |s| Field::Setting(s);
    view! {
        <details class="card settings" id="settings">
            <summary><h2>{t!(i18n, ui.form.settings)}</h2>
                <span class="summary-line">{t!(i18n, ui.form.settings_line)}</span></summary>
            <p class="help">{t!(i18n, ui.form.settings_help)}</p>
            <div class="grid">
                {text_field(ctx, f(SettingField::UsdtUsd), Spec::number(w!(ui.form.usdt_usd)).placeholder(|_| "1").term(Term::IndexPrice))}
                {text_field(ctx, f(SettingField::UsdcUsd), Spec::number(w!(ui.form.usdc_usd)).placeholder(|_| "1"))}
                {text_field(ctx, f(SettingField::SpotTakerFee), Spec::rate(w!(ui.form.spot_taker_fee)).placeholder(|_| "0"))}
                {text_field(ctx, f(SettingField::WarningRate), Spec::rate(w!(ui.form.warning_rate)).placeholder(|_| "80"))}
                {text_field(ctx, f(SettingField::LiquidationRate), Spec::rate(w!(ui.form.liquidation_rate)).placeholder(|_| "100"))}
                {select_field(ctx, f(SettingField::PositionMode), w!(ui.form.position_mode), POSITION_MODES, false)}
            </div>
        </details>
    }
}

fn coins(ctx: Ctx) -> impl IntoView {
    let i18n = ctx.i18n;
    let none = Memo::new(move |_| ctx.layout.with(|l| l.coins.is_empty()));
    view! {
        <section class="card" id="holdings" aria-labelledby="coins-h">
            <div class="card-head">
                <h2 id="coins-h">{t!(i18n, ui.form.your_coins)}</h2>
                {add_button(ctx, w!(ui.form.add_coin), "add-coin".into(), add_to(List::Coins, |c| Field::Coin(c, CoinField::Coin)))}
            </div>
            <p class="help">
                {t!(i18n, ui.form.coins_help)}
            </p>
            <p class="empty" class:hidden=move || !none.get()>{t!(i18n, ui.form.no_coins)}</p>
            {list_error(ctx, List::Coins)}
            <div class="rows">
                <For each=move || ctx.layout.with(|l| l.ids(List::Coins)) key=|id| *id let:id>
                    {coin_card(ctx, id)}
                </For>
            </div>
        </section>
    }
}

fn coin_card(ctx: Ctx, id: Id) -> impl IntoView {
    let i18n = ctx.i18n;
    let f = move |c| Field::Coin(id, c);
    let name = ctx.text_at(f(CoinField::Coin));
    let stable = Memo::new(move |_| name.with(|n| is_stablecoin(n)));
    view! {
        <article class="row-card coin">
            {row_name(ctx, Row::Coin(id))}
            <div class="row-card-head">
                {text_field(ctx, f(CoinField::Coin), Spec::text(w!(ui.form.coin)).list(MARKET_COINS))}
                {text_field(ctx, f(CoinField::Balance), Spec::number(w!(ui.form.balance)))}
                <div class="slot" class:hidden=move || stable.get()>
                    {text_field(ctx, f(CoinField::Price), Spec::number(w!(ui.form.price)))}
                </div>
                <div class="slot" class:hidden=move || stable.get()>
                    {select_field(ctx, f(CoinField::Quote), w!(ui.form.quoted_in), QUOTES, false)}
                </div>
                {remove_button(ctx, Row::Coin(id), w!(ui.form.remove_coin), "add-coin".into())}
            </div>
            <p class="note" class:hidden=move || !stable.get()>
                {t!(i18n, ui.form.stable_note)}
            </p>
            {row_error(ctx, Row::Coin(id))}
            {coin_tables(ctx, id)}
        </article>
    }
}

fn futures(ctx: Ctx) -> impl IntoView {
    let i18n = ctx.i18n;
    let none = Memo::new(move |_| {
        ctx.layout
            .with(|l| l.contracts.is_empty() && l.positions.is_empty())
    });
    view! {
        <section class="card" id="positions" aria-labelledby="positions-h">
            <div class="card-head">
                <h2 id="positions-h">{t!(i18n, ui.form.futures_positions)}</h2>
                {move || (!none.get()).then(|| view! {
                    <span class="head-actions">
                        {add_button(ctx, w!(ui.form.add_contract), "add-contract".into(), add_to(List::Contracts, |k| Field::Contract(k, ContractField::Symbol)))}
                        {add_button(ctx, w!(ui.form.add_position), "add-position".into(), add_position)}
                    </span>
                })}
            </div>
            {move || none.get().then(|| view! {
                <p class="help">{t!(i18n, ui.form.futures_none)}</p>
                {add_button(ctx, w!(ui.form.add_futures_position), "add-position".into(), add_position)}
            })}
            <div class:hidden=move || none.get()>
                <h3>{t!(i18n, ui.form.contracts)}</h3>
                <p class="help">{t!(i18n, ui.form.contracts_help)}</p>
                {list_error(ctx, List::Contracts)}
                <div class="rows">
                    <For each=move || ctx.layout.with(|l| l.ids(List::Contracts)) key=|id| *id let:id>
                        {contract_card(ctx, id)}
                    </For>
                </div>
                <h3 class="gap">{t!(i18n, ui.form.positions)}</h3>
                <p class="help">{t!(i18n, ui.form.hedge_help)}<Tip term=Term::HedgeMode/></p>
                {list_error(ctx, List::Positions)}
                <div class="table positions">
                    <div class="trow thead" aria-hidden="true">
                        <span>{t!(i18n, ui.form.contract)}</span>
                        <span>{t!(i18n, ui.form.side)}</span>
                        <span>{t!(i18n, ui.form.size)}</span>
                        <span>{t!(i18n, ui.form.entry_price)}</span>
                        <span class="num">{t!(i18n, ui.form.pnl_head)}</span>
                        <span></span>
                    </div>
                    <For each=move || ctx.layout.with(|l| l.ids(List::Positions)) key=|id| *id let:id>
                        {position_row(ctx, id)}
                    </For>
                </div>
            </div>
        </section>
    }
}

fn contract_card(ctx: Ctx, id: Id) -> impl IntoView {
    let f = move |c| Field::Contract(id, c);
    view! {
        <article class="row-card contract">
            {row_name(ctx, Row::Contract(id))}
            <div class="row-card-head">
                {text_field(ctx, f(ContractField::Symbol), Spec::text(w!(ui.form.symbol)).list(MARKET_CONTRACTS))}
                {text_field(ctx, f(ContractField::Base), Spec::text(w!(ui.form.base_coin)).list(COIN_NAMES))}
                {text_field(ctx, f(ContractField::Settle), Spec::text(w!(ui.form.settled_in)).list(COIN_NAMES).term(Term::Settle))}
                {text_field(ctx, f(ContractField::MarkPrice), Spec::number(w!(ui.form.mark_price)).term(Term::MarkPrice))}
                {text_field(ctx, f(ContractField::Leverage), Spec::number(w!(ui.form.leverage)).synced().term(Term::Leverage))}
                {remove_button(ctx, Row::Contract(id), w!(ui.form.remove_contract), "add-contract".into())}
            </div>
            {row_error(ctx, Row::Contract(id))}
            {contract_tables(ctx, id)}
        </article>
    }
}

fn position_row(ctx: Ctx, id: Id) -> impl IntoView {
    let i18n = ctx.i18n;
    let f = move |p| Field::Position(id, p);
    let index = Memo::new(move |_| ctx.layout.with(|l| l.row_index(Row::Position(id))));
    let pnl = figure(ctx, None, move |c| {
        let i = index.try_get_untracked().flatten()?;
        c.report
            .positions
            .get(i)
            .map(|p| Fig::Amount(p.unrealized_pnl))
    });
    view! {
        <div class="trow">
            {row_name(ctx, Row::Position(id))}
            {text_field(ctx, f(PositionField::Symbol), Spec::text(w!(ui.form.contract)).compact().list(CONTRACT_SYMBOLS))}
            {select_field(ctx, f(PositionField::Side), w!(ui.form.side), POSITION_SIDES, true)}
            {text_field(ctx, f(PositionField::Size), Spec::number(w!(ui.form.size)).compact())}
            {text_field(ctx, f(PositionField::EntryPrice), Spec::number(w!(ui.form.entry_price)).compact())}
            <span class="out num">
                <span class="out-label">{t!(i18n, ui.form.pnl)}</span>
                <span data-testid=move || format!("position-{}-pnl", index.get().unwrap_or_default())>{pnl}</span>
            </span>
            {remove_button(ctx, Row::Position(id), w!(ui.form.remove_position), "add-position".into())}
            {row_error(ctx, Row::Position(id))}
        </div>
    }
}

fn orders(ctx: Ctx) -> impl IntoView {
    let i18n = ctx.i18n;
    let none = Memo::new(move |_| ctx.layout.with(|l| l.orders.is_empty()));
    let add = add_to(List::Orders, |o| Field::Order(o, OrderField::Size));
    view! {
        <section class="card" id="orders" aria-labelledby="orders-h">
            <div class="card-head">
                <h2 id="orders-h">{t!(i18n, ui.form.pending_orders)}</h2>
                {move || (!none.get()).then(|| view! {
                    <span class="head-actions">{add_button(ctx, w!(ui.form.add_order), "add-order".into(), add)}</span>
                })}
            </div>
            {move || none.get().then(|| view! {
                <p class="help">{t!(i18n, ui.form.orders_none)}</p>
                {add_button(ctx, w!(ui.form.add_pending_order), "add-order".into(), add)}
            })}
            <p class="help" class:hidden=move || none.get()>{t!(i18n, ui.form.orders_help)}</p>
            {list_error(ctx, List::Orders)}
            <div class="rows">
                <For each=move || ctx.layout.with(|l| l.ids(List::Orders)) key=|id| *id let:id>
                    {order_row(ctx, id)}
                </For>
            </div>
        </section>
    }
}

/// Whether the order whose market field is `market` is a futures order (no such order:
/// not), following that field only.
pub fn is_futures_order(ctx: Ctx, market: Field) -> Memo<bool> {
    let market = ctx.text_at(market);
    Memo::new(move |_| market.with(|m| Market::named(m) == Some(Market::Futures)))
}

/// The fields of an order (a pending one, or the one to check).
pub fn order_fields(
    ctx: Ctx,
    field: impl Fn(OrderField) -> Field + Copy + Send + Sync + 'static,
    size: Spec,
) -> impl IntoView {
    let futures = is_futures_order(ctx, field(OrderField::Market));
    let spot = Memo::new(move |_| !futures.get());
    view! {
        {select_field(ctx, field(OrderField::Market), w!(ui.form.market), MARKETS, false)}
        {select_field(ctx, field(OrderField::Side), w!(ui.form.side), ORDER_SIDES, false)}
        <div class="slot" class:hidden=move || spot.get()>
            {text_field(ctx, field(OrderField::Symbol), Spec::text(w!(ui.form.contract)).list(CONTRACT_SYMBOLS))}
        </div>
        <div class="slot" class:hidden=move || futures.get()>
            {text_field(ctx, field(OrderField::Base), Spec::text(w!(ui.form.base_coin)).list(COIN_NAMES))}
        </div>
        <div class="slot" class:hidden=move || futures.get()>
            {text_field(ctx, field(OrderField::Quote), Spec::text(w!(ui.form.quote_coin)).list(COIN_NAMES))}
        </div>
        {text_field(ctx, field(OrderField::Size), size)}
        {text_field(ctx, field(OrderField::Price), Spec::number(w!(ui.form.limit_price)))}
    }
}

fn order_row(ctx: Ctx, id: Id) -> impl IntoView {
    let i18n = ctx.i18n;
    let index = Memo::new(move |_| ctx.layout.with(|l| l.row_index(Row::Order(id))));
    let futures = is_futures_order(ctx, Field::Order(id, OrderField::Market));
    let effect = move |what: fn(&unimargin::report::PendingOrderReport) -> unimargin::Decimal| {
        figure(ctx, None, move |c| {
            let o = c.report.orders.get(index.try_get_untracked().flatten()?)?;
            Some(Fig::Cell(what(o)))
        })
    };
    view! {
        <article class="row-card order">
            {row_name(ctx, Row::Order(id))}
            <div class="row-card-head">
                {order_fields(ctx, move |o| Field::Order(id, o), Spec::number(w!(ui.form.size)))}
                {remove_button(ctx, Row::Order(id), w!(ui.form.remove_order), "add-order".into())}
            </div>
            {row_error(ctx, Row::Order(id))}
            <p class="effects">
                <span class="effects-title">{t!(i18n, ui.form.effect)}</span>
                <span class:hidden=move || futures.get()>{t!(i18n, ui.form.effect_spot_loss)}{effect(|o| o.spot_loss)}</span>
                <span class:hidden=move || futures.get()>{t!(i18n, ui.form.effect_fee)}{effect(|o| o.fee)}</span>
                <span>{t!(i18n, ui.form.effect_im)}{effect(|o| o.initial_margin_added)}</span>
                <span>{t!(i18n, ui.form.effect_mm)}{effect(|o| o.maintenance_margin_added)}</span>
                <span class:hidden=move || !futures.get()>{t!(i18n, ui.form.effect_taker)}</span>
            </p>
        </article>
    }
}
