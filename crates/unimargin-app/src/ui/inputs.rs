//! The form: settings, coins (with discount and borrowing tiers), futures contracts (with
//! position tiers), positions and pending orders. Rows can be added and removed.

use super::fields::{figure, list_error, row_error, select_field, text_field, Fig, Spec};
use super::Ctx;
use crate::draft::{
    CoinField, ContractField, DiscountField, Field, Id, List, LoanField, MmField, OrderField,
    PositionField, Row, SettingField,
};
use leptos::prelude::*;

pub const QUOTES: &[(&str, &str)] = &[
    ("USD", "USD"),
    ("USDT", "USDT"),
    ("USDC", "USDC"),
    ("BTC", "BTC"),
];
pub const POSITION_SIDES: &[(&str, &str)] = &[("long", "Long"), ("short", "Short")];
pub const ORDER_SIDES: &[(&str, &str)] = &[("buy", "Buy"), ("sell", "Sell")];
pub const MARKETS: &[(&str, &str)] = &[("spot", "Spot"), ("futures", "Futures")];

/// Ids of the suggestion lists for coin and contract names.
pub const COIN_NAMES: &str = "coin-names";
pub const CONTRACT_SYMBOLS: &str = "contract-symbols";

fn add_button(ctx: Ctx, list: List, label: &'static str, testid: String) -> impl IntoView {
    view! {
        <button type="button" class="btn add" data-testid=testid
            on:click=move |_| {
                ctx.restructure(|d| {
                    d.add(list);
                });
            }>
            <span aria-hidden="true">"+ "</span>{label}
        </button>
    }
}

fn remove_button(ctx: Ctx, row: Row, what: &'static str) -> impl IntoView {
    let testid = Memo::new(move |_| {
        ctx.layout
            .with(|l| l.row_path(row))
            .map(|p| format!("remove-{p}"))
            .unwrap_or_default()
    });
    view! {
        <button type="button" class="btn remove" title=format!("Remove this {what}")
            aria-label=format!("Remove this {what}") data-testid=move || testid.get()
            on:click=move |_| ctx.restructure(|d| d.remove(row))>
            <span aria-hidden="true">"×"</span>
        </button>
    }
}

/// The whole form, rendered from the draft as it is now.
#[component]
pub fn Form() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let coin_names = Memo::new(move |_| {
        ctx.draft
            .with(|d| d.coins.iter().map(|c| c.coin.clone()).collect::<Vec<_>>())
    });
    let symbols = Memo::new(move |_| {
        ctx.draft.with(|d| {
            d.contracts
                .iter()
                .map(|c| c.symbol.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <datalist id=COIN_NAMES>
            {move || coin_names.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
        </datalist>
        <datalist id=CONTRACT_SYMBOLS>
            {move || symbols.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
        </datalist>
        {coins(ctx)}
        {contracts(ctx)}
        {positions(ctx)}
        {orders(ctx)}
        {settings(ctx)}
    }
}

fn settings(ctx: Ctx) -> impl IntoView {
    let f = |s| Field::Setting(s);
    view! {
        <section class="card" aria-labelledby="settings-h">
            <div class="card-head">
                <h2 id="settings-h">"Settings"</h2>
            </div>
            <p class="help">"Index prices of the stablecoins, the spot taker fee charged on pending spot orders, and the cross margin rates at which the account is at warning and at liquidation. Empty fields take the default shown."</p>
            <div class="grid">
                {text_field(ctx, f(SettingField::UsdtUsd), Spec::number("USDT/USD index price").placeholder("1"))}
                {text_field(ctx, f(SettingField::UsdcUsd), Spec::number("USDC/USD index price").placeholder("1"))}
                {text_field(ctx, f(SettingField::SpotTakerFee), Spec::rate("Spot taker fee").placeholder("0"))}
                {text_field(ctx, f(SettingField::WarningRate), Spec::rate("Warning rate").placeholder("0.8"))}
                {text_field(ctx, f(SettingField::LiquidationRate), Spec::rate("Liquidation rate").placeholder("1"))}
            </div>
        </section>
    }
}

fn coins(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="coins-h">
            <div class="card-head">
                <h2 id="coins-h">"Coins"</h2>
                {add_button(ctx, List::Coins, "Add coin", "add-coin".into())}
            </div>
            <p class="help">
                "Each coin's balance (negative: a loan) and price. Its discount tiers cut its USD value into slices, like tax brackets, each counted at its rate; its borrowing tiers set the margin of a loan. Rates are fractions: 0.98 is 98 %."
            </p>
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
    let f = move |c| Field::Coin(id, c);
    let stable = Memo::new(move |_| {
        ctx.draft.with(|d| {
            d.coins
                .iter()
                .find(|c| c.id == id)
                .is_some_and(|c| c.is_stablecoin())
        })
    });
    view! {
        <article class="row-card">
            <div class="row-card-head">
                {text_field(ctx, f(CoinField::Coin), Spec::text("Coin"))}
                {text_field(ctx, f(CoinField::Balance), Spec::number("Balance"))}
                <div class="slot" class:hidden=move || stable.get()>
                    {text_field(ctx, f(CoinField::Price), Spec::number("Price"))}
                </div>
                <div class="slot" class:hidden=move || stable.get()>
                    {select_field(ctx, f(CoinField::Quote), "Quoted in", QUOTES, false)}
                </div>
                {remove_button(ctx, Row::Coin(id), "coin")}
            </div>
            <p class="note" class:hidden=move || !stable.get()>
                "Priced by the settings' index price (USDT/USD, USDC/USD): its own price is 1 in its own unit."
            </p>
            {row_error(ctx, Row::Coin(id))}
            <div class="tier-groups">
                <div class="tier-group">
                    <h3>"Discount tiers"</h3>
                    <div class="tier-row tier-head" aria-hidden="true">
                        <span>"Up to (USD)"</span><span>"Rate"</span><span></span>
                    </div>
                    {list_error(ctx, List::Discount(id))}
                    <For each=move || ctx.layout.with(|l| l.ids(List::Discount(id))) key=|t| *t let:tier>
                        <div class="tier-row">
                            {text_field(ctx, Field::Discount(id, tier, DiscountField::UpToUsd), Spec::number("Up to (USD)").compact().placeholder("and above"))}
                            {text_field(ctx, Field::Discount(id, tier, DiscountField::Rate), Spec::rate("Rate").compact())}
                            {remove_button(ctx, Row::Discount(id, tier), "tier")}
                            {row_error(ctx, Row::Discount(id, tier))}
                        </div>
                    </For>
                    {add_button(ctx, List::Discount(id), "Add tier", format!("add-discount-tier-{id}"))}
                </div>
                <div class="tier-group">
                    <h3>"Borrowing tiers"</h3>
                    <div class="tier-row three tier-head" aria-hidden="true">
                        <span>"Debt up to"</span><span>"Leverage"</span><span>"MMR"</span><span></span>
                    </div>
                    {list_error(ctx, List::Loan(id))}
                    <For each=move || ctx.layout.with(|l| l.ids(List::Loan(id))) key=|t| *t let:tier>
                        <div class="tier-row three">
                            {text_field(ctx, Field::Loan(id, tier, LoanField::UpTo), Spec::number("Debt up to (coin)").compact().placeholder("and above"))}
                            {text_field(ctx, Field::Loan(id, tier, LoanField::Leverage), Spec::number("Leverage").compact())}
                            {text_field(ctx, Field::Loan(id, tier, LoanField::Mmr), Spec::rate("Maintenance margin rate").compact())}
                            {remove_button(ctx, Row::Loan(id, tier), "tier")}
                            {row_error(ctx, Row::Loan(id, tier))}
                        </div>
                    </For>
                    {add_button(ctx, List::Loan(id), "Add tier", format!("add-loan-tier-{id}"))}
                </div>
            </div>
            <div class="grid two">
                {text_field(ctx, f(CoinField::HourlyInterest), Spec::rate("Hourly interest").placeholder("0"))}
                {text_field(ctx, f(CoinField::InterestFree), Spec::number("Interest-free amount").placeholder("0"))}
            </div>
        </article>
    }
}

fn contracts(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="contracts-h">
            <div class="card-head">
                <h2 id="contracts-h">"Futures contracts"</h2>
                {add_button(ctx, List::Contracts, "Add contract", "add-contract".into())}
            </div>
            <p class="help">"Perpetual contracts: the mark price, the leverage you set, the fees, and the position tiers that set the maintenance margin rate by notional."</p>
            {list_error(ctx, List::Contracts)}
            <div class="rows">
                <For each=move || ctx.layout.with(|l| l.ids(List::Contracts)) key=|id| *id let:id>
                    {contract_card(ctx, id)}
                </For>
            </div>
        </section>
    }
}

fn contract_card(ctx: Ctx, id: Id) -> impl IntoView {
    let f = move |c| Field::Contract(id, c);
    view! {
        <article class="row-card">
            <div class="row-card-head">
                {text_field(ctx, f(ContractField::Symbol), Spec::text("Symbol"))}
                {text_field(ctx, f(ContractField::Base), Spec::text("Base coin").list(COIN_NAMES))}
                {text_field(ctx, f(ContractField::Settle), Spec::text("Settled in").list(COIN_NAMES))}
                {remove_button(ctx, Row::Contract(id), "contract")}
            </div>
            {row_error(ctx, Row::Contract(id))}
            <div class="grid">
                {text_field(ctx, f(ContractField::MarkPrice), Spec::number("Mark price"))}
                {text_field(ctx, f(ContractField::Leverage), Spec::number("Leverage"))}
                {text_field(ctx, f(ContractField::TakerFee), Spec::rate("Taker fee").placeholder("0"))}
                {text_field(ctx, f(ContractField::LiquidationFee), Spec::rate("Liquidation fee").placeholder("0"))}
            </div>
            <div class="tier-group">
                <h3>"Position tiers"</h3>
                <div class="tier-row tier-head" aria-hidden="true">
                    <span>"Notional up to (USD)"</span><span>"MMR"</span><span></span>
                </div>
                {list_error(ctx, List::Mm(id))}
                <For each=move || ctx.layout.with(|l| l.ids(List::Mm(id))) key=|t| *t let:tier>
                    <div class="tier-row">
                        {text_field(ctx, Field::Mm(id, tier, MmField::UpToUsd), Spec::number("Notional up to (USD)").compact().placeholder("and above"))}
                        {text_field(ctx, Field::Mm(id, tier, MmField::Mmr), Spec::rate("Maintenance margin rate").compact())}
                        {remove_button(ctx, Row::Mm(id, tier), "tier")}
                        {row_error(ctx, Row::Mm(id, tier))}
                    </div>
                </For>
                {add_button(ctx, List::Mm(id), "Add tier", format!("add-mm-tier-{id}"))}
            </div>
        </article>
    }
}

fn positions(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="positions-h">
            <div class="card-head">
                <h2 id="positions-h">"Positions"</h2>
                {add_button(ctx, List::Positions, "Add position", "add-position".into())}
            </div>
            <p class="help">"Held futures positions. A long and a short of one contract are hedge mode: the larger side's margin counts."</p>
            {list_error(ctx, List::Positions)}
            <div class="table positions" role="table" aria-label="Positions">
                <div class="trow thead" role="row">
                    <span role="columnheader">"Contract"</span>
                    <span role="columnheader">"Side"</span>
                    <span role="columnheader">"Size"</span>
                    <span role="columnheader">"Entry price"</span>
                    <span role="columnheader" class="num">"Unrealized PnL (settle coin)"</span>
                    <span></span>
                </div>
                <For each=move || ctx.layout.with(|l| l.ids(List::Positions)) key=|id| *id let:id>
                    {position_row(ctx, id)}
                </For>
            </div>
        </section>
    }
}

fn position_row(ctx: Ctx, id: Id) -> impl IntoView {
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
        <div class="trow" role="row">
            {text_field(ctx, f(PositionField::Symbol), Spec::text("Contract").compact().list(CONTRACT_SYMBOLS))}
            {select_field(ctx, f(PositionField::Side), "Side", POSITION_SIDES, true)}
            {text_field(ctx, f(PositionField::Size), Spec::number("Size").compact())}
            {text_field(ctx, f(PositionField::EntryPrice), Spec::number("Entry price").compact())}
            <span class="out num"
                data-testid=move || format!("position-{}-pnl", index.get().unwrap_or_default())>{pnl}</span>
            {remove_button(ctx, Row::Position(id), "position")}
            {row_error(ctx, Row::Position(id))}
        </div>
    }
}

fn orders(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="orders-h">
            <div class="card-head">
                <h2 id="orders-h">"Pending orders"</h2>
                {add_button(ctx, List::Orders, "Add order", "add-order".into())}
            </div>
            <p class="help">"Open limit orders, applied one after another as if filled at their price. A pending order never makes the account look safer: no credit for gains, no margin released until it fills."</p>
            {list_error(ctx, List::Orders)}
            <div class="rows">
                <For each=move || ctx.layout.with(|l| l.ids(List::Orders)) key=|id| *id let:id>
                    {order_row(ctx, id)}
                </For>
            </div>
        </section>
    }
}

/// The fields of an order (a pending one, or the one to check).
pub fn order_fields(
    ctx: Ctx,
    field: impl Fn(OrderField) -> Field + Copy + Send + Sync + 'static,
    size: Spec,
) -> impl IntoView {
    let futures = Memo::new(move |_| {
        ctx.draft
            .with(|d| d.get(field(OrderField::Market)) == Some("futures"))
    });
    let spot = Memo::new(move |_| !futures.get());
    view! {
        {select_field(ctx, field(OrderField::Market), "Market", MARKETS, false)}
        {select_field(ctx, field(OrderField::Side), "Side", ORDER_SIDES, false)}
        <div class="slot" class:hidden=move || spot.get()>
            {text_field(ctx, field(OrderField::Symbol), Spec::text("Contract").list(CONTRACT_SYMBOLS))}
        </div>
        <div class="slot" class:hidden=move || futures.get()>
            {text_field(ctx, field(OrderField::Base), Spec::text("Base coin").list(COIN_NAMES))}
        </div>
        <div class="slot" class:hidden=move || futures.get()>
            {text_field(ctx, field(OrderField::Quote), Spec::text("Quote coin").list(COIN_NAMES))}
        </div>
        {text_field(ctx, field(OrderField::Size), size)}
        {text_field(ctx, field(OrderField::Price), Spec::number("Limit price"))}
    }
}

fn order_row(ctx: Ctx, id: Id) -> impl IntoView {
    let index = Memo::new(move |_| ctx.layout.with(|l| l.row_index(Row::Order(id))));
    let effect = move |what: fn(&unimargin::report::PendingOrderReport) -> unimargin::Decimal| {
        figure(ctx, None, move |c| {
            let o = c.report.orders.get(index.try_get_untracked().flatten()?)?;
            Some(Fig::Cell(what(o)))
        })
    };
    view! {
        <article class="row-card order">
            <div class="row-card-head">
                {order_fields(ctx, move |o| Field::Order(id, o), Spec::number("Size"))}
                {remove_button(ctx, Row::Order(id), "order")}
            </div>
            {row_error(ctx, Row::Order(id))}
            <p class="effects">
                <span class="effects-title">"Its effect, USD:"</span>
                <span>"spot trading loss "{effect(|o| o.spot_loss)}</span>
                <span>"fee "{effect(|o| o.fee)}</span>
                <span>"initial margin added "{effect(|o| o.initial_margin_added)}</span>
                <span>"maintenance margin added "{effect(|o| o.maintenance_margin_added)}</span>
            </p>
        </article>
    }
}
