//! A coin's or contract's exchange tables (discount, borrowing and position tiers, fees,
//! interest), folded under its row: closed by default with a line saying what they hold,
//! opened and marked when one of their fields has a problem. (The market document to come
//! will fill them; the page will then show them read-only.)

use super::fields::{has_error_under, list_error, row_error, row_name, text_field, Spec};
use super::inputs::{add_button, remove_button};
use super::tip::Tip;
use super::Ctx;
use crate::draft::{
    CoinField, ContractField, DiscountField, Field, Id, List, LoanField, MmField, Row,
};
use crate::glossary::Term;
use crate::labels::{coin_tables_summary, contract_tables_summary};
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
                <span class="tables-title">"Exchange tables"</span>
                <span class="summary-line">{move || summary.get()}</span>
                <span class="tables-error" class:hidden=move || !has_error.get()>"— check the marked field"</span>
            </summary>
            {body}
        </details>
    }
}

/// A coin's discount and borrowing tiers and interest.
pub fn coin_tables(ctx: Ctx, id: Id) -> impl IntoView {
    let summary = Memo::new(move |_| {
        ctx.draft.with(|d| {
            d.coins
                .iter()
                .find(|c| c.id == id)
                .map(coin_tables_summary)
                .unwrap_or_default()
        })
    });
    let body = view! {
        <p class="help">"The exchange's numbers for this coin. "<Tip term=Term::ExchangeTables/></p>
        <div class="tier-groups">
            <div class="tier-group">
                <h3>"Discount tiers " <Tip term=Term::DiscountTiers/></h3>
                <p class="terms">"Each slice of the coin's USD value counts at its rate; the rest is its haircut. "<Tip term=Term::Haircut/></p>
                <div class="tier-row tier-head" aria-hidden="true"
                    class:hidden=move || ctx.layout.with(|l| l.ids(List::Discount(id)).is_empty())>
                    <span>"Up to (USD)"</span><span>"Rate (%)"</span><span></span>
                </div>
                {list_error(ctx, List::Discount(id))}
                <For each=move || ctx.layout.with(|l| l.ids(List::Discount(id))) key=|t| *t let:tier>
                    <div class="tier-row">
                        {row_name(ctx, Row::Discount(id, tier))}
                        {text_field(ctx, Field::Discount(id, tier, DiscountField::UpToUsd), Spec::number("Up to (USD)").compact().placeholder("and above"))}
                        {text_field(ctx, Field::Discount(id, tier, DiscountField::Rate), Spec::rate("Rate").compact())}
                        {remove_button(ctx, Row::Discount(id, tier), "tier", format!("add-discount-tier-{id}"))}
                        {row_error(ctx, Row::Discount(id, tier))}
                    </div>
                </For>
                {add_button(ctx, "Add tier", format!("add-discount-tier-{id}"), move |d| {
                    d.add(List::Discount(id)).map(|t| Field::Discount(id, t, DiscountField::UpToUsd))
                })}
            </div>
            <div class="tier-group">
                <h3>"Borrowing tiers " <Tip term=Term::BorrowingTiers/></h3>
                <p class="terms">"Debt up to (coins) "<Tip term=Term::DebtUpTo/>" · MMR "<Tip term=Term::Mmr/></p>
                <div class="tier-row three tier-head" aria-hidden="true"
                    class:hidden=move || ctx.layout.with(|l| l.ids(List::Loan(id)).is_empty())>
                    <span>"Debt up to"</span><span>"Leverage"</span><span>"MMR (%)"</span><span></span>
                </div>
                {list_error(ctx, List::Loan(id))}
                <For each=move || ctx.layout.with(|l| l.ids(List::Loan(id))) key=|t| *t let:tier>
                    <div class="tier-row three">
                        {row_name(ctx, Row::Loan(id, tier))}
                        {text_field(ctx, Field::Loan(id, tier, LoanField::UpTo), Spec::number("Debt up to (coin)").compact().placeholder("and above"))}
                        {text_field(ctx, Field::Loan(id, tier, LoanField::Leverage), Spec::number("Leverage").compact())}
                        {text_field(ctx, Field::Loan(id, tier, LoanField::Mmr), Spec::rate("MMR").compact())}
                        {remove_button(ctx, Row::Loan(id, tier), "tier", format!("add-loan-tier-{id}"))}
                        {row_error(ctx, Row::Loan(id, tier))}
                    </div>
                </For>
                {add_button(ctx, "Add tier", format!("add-loan-tier-{id}"), move |d| {
                    d.add(List::Loan(id)).map(|t| Field::Loan(id, t, LoanField::UpTo))
                })}
            </div>
        </div>
        <div class="grid two">
            {text_field(ctx, Field::Coin(id, CoinField::HourlyInterest), Spec::rate("Hourly interest").placeholder("0").term(Term::HourlyInterest))}
            {text_field(ctx, Field::Coin(id, CoinField::InterestFree), Spec::number("Interest-free amount").placeholder("0").term(Term::InterestFree))}
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
    let f = move |c| Field::Contract(id, c);
    let summary = Memo::new(move |_| {
        ctx.draft.with(|d| {
            d.contracts
                .iter()
                .find(|c| c.id == id)
                .map(contract_tables_summary)
                .unwrap_or_default()
        })
    });
    let body = view! {
        <p class="help">"The exchange's numbers for this contract. "<Tip term=Term::ExchangeTables/></p>
        <div class="grid">
            {text_field(ctx, f(ContractField::TakerFee), Spec::rate("Taker fee").placeholder("0").term(Term::TakerFee))}
            {text_field(ctx, f(ContractField::LiquidationFee), Spec::rate("Liquidation fee").placeholder("0").term(Term::LiquidationFee))}
        </div>
        <div class="tier-group">
            <h3>"Position tiers " <Tip term=Term::PositionTiers/></h3>
            <p class="terms">"Notional "<Tip term=Term::Notional/>" · MMR "<Tip term=Term::Mmr/></p>
            <div class="tier-row tier-head" aria-hidden="true">
                <span>"Notional up to (USD)"</span><span>"MMR (%)"</span><span></span>
            </div>
            {list_error(ctx, List::Mm(id))}
            <For each=move || ctx.layout.with(|l| l.ids(List::Mm(id))) key=|t| *t let:tier>
                <div class="tier-row">
                    {row_name(ctx, Row::Mm(id, tier))}
                    {text_field(ctx, Field::Mm(id, tier, MmField::UpToUsd), Spec::number("Notional up to (USD)").compact().placeholder("and above"))}
                    {text_field(ctx, Field::Mm(id, tier, MmField::Mmr), Spec::rate("MMR").compact())}
                    {remove_button(ctx, Row::Mm(id, tier), "tier", format!("add-mm-tier-{id}"))}
                    {row_error(ctx, Row::Mm(id, tier))}
                </div>
            </For>
            {add_button(ctx, "Add tier", format!("add-mm-tier-{id}"), move |d| {
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
