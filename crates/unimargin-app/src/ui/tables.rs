//! A coin's or contract's exchange tables (discount, borrowing and position tiers, fees,
//! interest), folded under its row: closed by default with a line saying what they hold,
//! opened and marked when one of their fields has a problem. With a market, a row whose
//! form gives no tiers shows the market's, read-only with their source and date, and "Use
//! my own tiers" copies them into the form to edit.

use super::fields::{has_error_under, list_error, row_error, row_name, text_field, Spec};
use super::inputs::{add_button, remove_button};
use super::tip::Tip;
use super::Ctx;
use crate::draft::{
    CoinField, ContractField, DiscountField, Field, Id, List, LoanField, MmField, Row,
};
use crate::glossary::Term;
use crate::i18n::{t, td_string};
use crate::labels::{coin_tables_summary, contract_tables_summary};
use crate::market_state::{self, MarketTable};
use leptos::html::Details;
use leptos::prelude::*;

/// The folded part: `summary` says what it holds, `sections` are its table paths.
fn folded(
    ctx: Ctx,
    row: Row,
    summary: Memo<String>,
    sections: &'static [&'static str],
    body: impl IntoView + 'static,
) -> impl IntoView {
    let i18n = ctx.i18n;
    let has_error = has_error_under(ctx, move |l| {
        l.row_path(row)
            .map(|p| sections.iter().map(|s| format!("{p}.{s}")).collect())
            .unwrap_or_default()
    });
    let details = NodeRef::<Details>::new();
    // a problem in the tables opens them, so the marked field is in view
    Effect::new(move |_| {
        if has_error.get() {
            if let Some(d) = details.get() {
                d.set_open(true);
            }
        }
    });
    let testid = Memo::new(move |_| {
        ctx.layout
            .with(|l| l.row_path(row))
            .map(|p| format!("tables-{p}"))
            .unwrap_or_default()
    });
    view! {
        <details class="tables" class:has-error=move || has_error.get() node_ref=details
            data-value=move || if has_error.get() { "error" } else { "ok" }
            data-testid=move || format!("{}-box", testid.get())>
            <summary data-testid=move || testid.get()>
                <span class="tables-title">{t!(i18n, ui.tables.title)}</span>
                <span class="summary-line">{move || summary.get()}</span>
                <span class="tables-error" class:hidden=move || !has_error.get()>{t!(i18n, ui.tables.check_marked)}</span>
            </summary>
            {body}
        </details>
    }
}

/// The market's table for a row, read-only with its source and date, and "Use my own
/// tiers" to copy it into the form for editing (shown while the form gives none).
fn market_table(
    ctx: Ctx,
    row: Row,
    table: Memo<Option<MarketTable>>,
    use_own: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = ctx.i18n;
    let path = Memo::new(move |_| ctx.layout.with(|l| l.row_path(row)).unwrap_or_default());
    move || {
        table.get().map(|t| {
            view! {
                <div class="market-table" data-testid=move || format!("market-tables-{}", path.get())>
                    <p class="terms">{t!(i18n, ui.tables.from_market)}</p>
                    <ul>{t.tiers.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    <p class="terms">{move || td_string!(i18n.get_locale(), ui.tables.source, source = t.source.as_str(), as_of = t.as_of.as_str())}</p>
                    <button type="button" class="link"
                        data-testid=move || format!("own-tiers-{}", path.get())
                        on:click=move |_| use_own()>{t!(i18n, ui.tables.use_own)}</button>
                </div>
            }
        })
    }
}

/// A coin's discount and borrowing tiers and interest.
pub fn coin_tables(ctx: Ctx, id: Id) -> impl IntoView {
    let i18n = ctx.i18n;
    // the market's discount tiers, while the form gives none of its own
    let from_market = Memo::new(move |_| {
        let locale = ctx.i18n.get_locale();
        let coin = ctx.draft.with(|d| {
            d.coins
                .iter()
                .find(|c| c.id == id && d.market.is_some() && c.discount_tiers.is_empty())
                .map(|c| c.coin.clone())
        })?;
        ctx.market.with(|m| {
            m.market()
                .and_then(|m| market_state::coin_table(m, &coin, locale))
        })
    });
    let summary = Memo::new(move |_| {
        let locale = ctx.i18n.get_locale();
        let own = ctx.draft.with(|d| {
            d.coins
                .iter()
                .find(|c| c.id == id)
                .map(|c| coin_tables_summary(c, locale))
                .unwrap_or_default()
        });
        match from_market.get() {
            Some(table) => td_string!(
                locale,
                ui.tables.discount_summary,
                summary = table.summary(locale)
            ),
            None => own,
        }
    });
    let use_own = move || {
        ctx.restructure_then_focus(|d| {
            let name = d.coins.iter().find(|c| c.id == id)?.coin.clone();
            let tiers = ctx
                .market
                .with_untracked(|m| m.market()?.coin(&name)?.discount_tiers.clone())?;
            d.own_discount_tiers(id, &tiers)
                .map(|t| Field::Discount(id, t, DiscountField::Rate))
        });
    };
    let body = view! {
        <p class="help">{t!(i18n, ui.tables.coin_help)}<Tip term=Term::ExchangeTables/></p>
        {market_table(ctx, Row::Coin(id), from_market, use_own)}
        <div class="tier-groups">
            <div class="tier-group">
                <h3>{t!(i18n, ui.tables.discount_tiers)} <Tip term=Term::DiscountTiers/></h3>
                <p class="terms">{t!(i18n, ui.tables.discount_help)}<Tip term=Term::Haircut/></p>
                <div class="tier-row tier-head" aria-hidden="true"
                    class:hidden=move || ctx.layout.with(|l| l.ids(List::Discount(id)).is_empty())>
                    <span>{t!(i18n, ui.tables.up_to_usd)}</span><span>{t!(i18n, ui.tables.rate_pct)}</span><span></span>
                </div>
                {list_error(ctx, List::Discount(id))}
                <For each=move || ctx.layout.with(|l| l.ids(List::Discount(id))) key=|t| *t let:tier>
                    <div class="tier-row">
                        {row_name(ctx, Row::Discount(id, tier))}
                        {text_field(ctx, Field::Discount(id, tier, DiscountField::UpToUsd), Spec::number(w!(ui.form.up_to_usd)).compact().placeholder(w!(ui.form.ph_and_above)))}
                        {text_field(ctx, Field::Discount(id, tier, DiscountField::Rate), Spec::rate(w!(ui.form.rate)).compact())}
                        {remove_button(ctx, Row::Discount(id, tier), w!(ui.form.remove_tier), format!("add-discount-tier-{id}"))}
                        {row_error(ctx, Row::Discount(id, tier))}
                    </div>
                </For>
                {add_button(ctx, w!(ui.form.add_tier), format!("add-discount-tier-{id}"), move |d| {
                    d.add(List::Discount(id)).map(|t| Field::Discount(id, t, DiscountField::UpToUsd))
                })}
            </div>
            <div class="tier-group">
                <h3>{t!(i18n, ui.tables.borrowing_tiers)} <Tip term=Term::BorrowingTiers/></h3>
                <p class="terms">{t!(i18n, ui.tables.debt_up_to_coins)}<Tip term=Term::DebtUpTo/>{t!(i18n, ui.tables.mmr_sep)}<Tip term=Term::Mmr/></p>
                <div class="tier-row three tier-head" aria-hidden="true"
                    class:hidden=move || ctx.layout.with(|l| l.ids(List::Loan(id)).is_empty())>
                    <span>{t!(i18n, ui.tables.debt_up_to)}</span><span>{t!(i18n, ui.form.leverage)}</span><span>{t!(i18n, ui.tables.mmr_pct)}</span><span></span>
                </div>
                {list_error(ctx, List::Loan(id))}
                <For each=move || ctx.layout.with(|l| l.ids(List::Loan(id))) key=|t| *t let:tier>
                    <div class="tier-row three">
                        {row_name(ctx, Row::Loan(id, tier))}
                        {text_field(ctx, Field::Loan(id, tier, LoanField::UpTo), Spec::number(w!(ui.form.debt_up_to)).compact().placeholder(w!(ui.form.ph_and_above)))}
                        {text_field(ctx, Field::Loan(id, tier, LoanField::Leverage), Spec::number(w!(ui.form.leverage)).compact())}
                        {text_field(ctx, Field::Loan(id, tier, LoanField::Mmr), Spec::rate(w!(ui.form.mmr)).compact())}
                        {remove_button(ctx, Row::Loan(id, tier), w!(ui.form.remove_tier), format!("add-loan-tier-{id}"))}
                        {row_error(ctx, Row::Loan(id, tier))}
                    </div>
                </For>
                {add_button(ctx, w!(ui.form.add_tier), format!("add-loan-tier-{id}"), move |d| {
                    d.add(List::Loan(id)).map(|t| Field::Loan(id, t, LoanField::UpTo))
                })}
            </div>
        </div>
        <div class="grid two">
            {text_field(ctx, Field::Coin(id, CoinField::HourlyInterest), Spec::rate(w!(ui.form.hourly_interest)).placeholder(|_| "0").term(Term::HourlyInterest))}
            {text_field(ctx, Field::Coin(id, CoinField::InterestFree), Spec::number(w!(ui.form.interest_free)).placeholder(|_| "0").term(Term::InterestFree))}
        </div>
    };
    folded(
        ctx,
        Row::Coin(id),
        summary,
        &[
            "discount_tiers",
            "loan_tiers",
            "hourly_interest",
            "interest_free",
        ],
        body,
    )
}

/// A contract's fees and position tiers.
pub fn contract_tables(ctx: Ctx, id: Id) -> impl IntoView {
    let i18n = ctx.i18n;
    let f = move |c| Field::Contract(id, c);
    // the market's position tiers, while the form gives none of its own
    let from_market = Memo::new(move |_| {
        let locale = ctx.i18n.get_locale();
        let symbol = ctx.draft.with(|d| {
            d.contracts
                .iter()
                .find(|c| c.id == id && d.market.is_some() && c.mm_tiers.is_empty())
                .map(|c| c.symbol.clone())
        })?;
        ctx.market.with(|m| {
            m.market()
                .and_then(|m| market_state::contract_table(m, &symbol, locale))
        })
    });
    let summary = Memo::new(move |_| {
        let locale = ctx.i18n.get_locale();
        let own = ctx.draft.with(|d| {
            d.contracts
                .iter()
                .find(|c| c.id == id)
                .map(|c| contract_tables_summary(c, locale))
                .unwrap_or_default()
        });
        match from_market.get() {
            Some(table) => td_string!(
                locale,
                ui.tables.mmr_summary,
                summary = table.summary(locale)
            ),
            None => own,
        }
    });
    let use_own = move || {
        ctx.restructure_then_focus(|d| {
            let symbol = d.contracts.iter().find(|c| c.id == id)?.symbol.clone();
            let (tiers, fee) = ctx.market.with_untracked(|m| {
                let entry = m.market()?.contract(&symbol)?;
                Some((entry.mm_tiers.clone()?, entry.taker_fee))
            })?;
            d.own_mm_tiers(id, &tiers, fee)
                .map(|t| Field::Mm(id, t, MmField::Mmr))
        });
    };
    let body = view! {
        <p class="help">{t!(i18n, ui.tables.contract_help)}<Tip term=Term::ExchangeTables/></p>
        {market_table(ctx, Row::Contract(id), from_market, use_own)}
        <div class="grid">
            {text_field(ctx, f(ContractField::TakerFee), Spec::rate(w!(ui.form.taker_fee)).placeholder(|_| "0").term(Term::TakerFee))}
            {text_field(ctx, f(ContractField::LiquidationFee), Spec::rate(w!(ui.form.liquidation_fee)).placeholder(|_| "0").term(Term::LiquidationFee))}
        </div>
        <div class="tier-group">
            <h3>{t!(i18n, ui.tables.position_tiers)} <Tip term=Term::PositionTiers/></h3>
            <p class="terms">{t!(i18n, ui.tables.notional)}<Tip term=Term::Notional/>{t!(i18n, ui.tables.mmr_sep)}<Tip term=Term::Mmr/></p>
            <div class="tier-row tier-head" aria-hidden="true">
                <span>{t!(i18n, ui.tables.notional_up_to)}</span><span>{t!(i18n, ui.tables.mmr_pct)}</span><span></span>
            </div>
            {list_error(ctx, List::Mm(id))}
            <For each=move || ctx.layout.with(|l| l.ids(List::Mm(id))) key=|t| *t let:tier>
                <div class="tier-row">
                    {row_name(ctx, Row::Mm(id, tier))}
                    {text_field(ctx, Field::Mm(id, tier, MmField::UpToUsd), Spec::number(w!(ui.form.notional_up_to)).compact().placeholder(w!(ui.form.ph_and_above)))}
                    {text_field(ctx, Field::Mm(id, tier, MmField::Mmr), Spec::rate(w!(ui.form.mmr)).compact())}
                    {remove_button(ctx, Row::Mm(id, tier), w!(ui.form.remove_tier), format!("add-mm-tier-{id}"))}
                    {row_error(ctx, Row::Mm(id, tier))}
                </div>
            </For>
            {add_button(ctx, w!(ui.form.add_tier), format!("add-mm-tier-{id}"), move |d| {
                d.add(List::Mm(id)).map(|t| Field::Mm(id, t, MmField::UpToUsd))
            })}
        </div>
    };
    folded(
        ctx,
        Row::Contract(id),
        summary,
        &["taker_fee", "liquidation_fee", "mm_tiers"],
        body,
    )
}
