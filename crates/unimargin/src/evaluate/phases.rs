//! The phases of an evaluation, in RULES.md's order: each coin's USD price (§1), the
//! positions held (§2), the coins (§2, §3, §5, §6, §8), the pending orders (§4), the
//! contracts (§5, §6), and the account's totals.

use super::{coin_path, not_borrowable, At};
use crate::error::{DebtCause, Error, Figure};
use crate::model::{Account, ContractModel, OrderModel};
use crate::num::{add, mul, sub, Overflow};
use crate::report::{
    AccountReport, CoinReport, ContractReport, PendingOrderReport, PositionReport, SideReport,
};
use crate::rules::discount::discount_slices;
use crate::rules::equity::{coin_equity, debt, unrealized_pnl, usd_equity};
use crate::rules::initial_margin::{available_margin, margin_reserved, ContractBook, SideBook};
use crate::rules::interest::{hourly_interest, interest_bearing_debt};
use crate::rules::loan::loan_terms;
use crate::rules::maintenance_margin::SideMaintenance;
use crate::rules::pending::{
    adjusted_equity, futures_order_effect, spot_order_effect, CoinTerms, ContractMargins, FillCoin,
    OrderEffect,
};
use crate::rules::position::position_figures;
use crate::rules::prices::usd_price;
use crate::rules::risk::{
    account_leverage, cross_margin_rate, futures_orders_cancelled, position_value, risk_level,
};
use crate::scenario::{Market, OrderSide, PositionSide};
use rust_decimal::Decimal;

// ---- §1 prices ----

/// Each coin's USD price: `p(c) = price × p(quote)`.
pub(super) fn usd_prices(account: &Account) -> Result<Vec<Decimal>, Error> {
    (account.coins.iter().enumerate())
        .map(|(i, c)| {
            usd_price(c, &account.coins, &account.settings).at(coin_path(i), Figure::UsdPrice)
        })
        .collect()
}

// ---- §2 positions held ----

/// The positions held: each one's unrealized PnL, summed into its settle coin, and each
/// contract's book of held sizes.
pub(super) struct Held {
    /// Each position's unrealized PnL, in its settle coin.
    pub(super) pnl: Vec<Decimal>,
    /// Σ unrealized PnL per coin.
    pub(super) pnl_by_coin: Vec<Decimal>,
    pub(super) books: Vec<ContractBook>,
}

pub(super) fn hold_positions(account: &Account) -> Result<Held, Error> {
    let contracts = &account.contracts;
    let mut held = Held {
        pnl: Vec::with_capacity(account.positions.len()),
        pnl_by_coin: vec![Decimal::ZERO; account.coins.len()],
        books: vec![ContractBook::default(); contracts.len()],
    };
    for (k, p) in account.positions.iter().enumerate() {
        let path = || format!("positions[{k}]");
        let c = &contracts[p.contract];
        let profit = unrealized_pnl(p.side, c.mark_price, p.entry_price, p.size)
            .at(path, Figure::UnrealizedPnl)?;
        let settled = &mut held.pnl_by_coin[c.settle];
        *settled = add(*settled, profit).at(coin_path(c.settle), Figure::UnrealizedPnl)?;
        let book = &mut held.books[p.contract];
        let side = match p.side {
            PositionSide::Long => &mut book.long,
            PositionSide::Short => &mut book.short,
        };
        side.held = add(side.held, p.size).at(path, Figure::PositionSize)?;
        held.pnl.push(profit);
    }
    Ok(held)
}

// ---- §2, §3, §5, §6, §8 coins ----

/// The coins before the pending orders: their reports, their terms, and the account's sums.
pub(super) struct Coins {
    pub(super) reports: Vec<CoinReport>,
    pub(super) terms: Vec<CoinTerms>,
    pub(super) sums: CoinSums,
}

/// The coins' terms summed over the account.
#[derive(Default)]
pub(super) struct CoinSums {
    /// `Σ_c f(c)`.
    pub(super) discounted: Decimal,
    pub(super) account_equity: Decimal,
    pub(super) loans_im: Decimal,
    pub(super) loans_mm: Decimal,
    pub(super) loans_usd: Decimal,
    pub(super) interest_usd: Decimal,
}

/// Each coin's equity, discount by tier, loan and interest, and their sums.
pub(super) fn value_coins(
    account: &Account,
    prices: &[Decimal],
    pnl: &[Decimal],
) -> Result<Coins, Error> {
    let n = account.coins.len();
    let mut coins = Coins {
        reports: Vec::with_capacity(n),
        terms: Vec::with_capacity(n),
        sums: CoinSums::default(),
    };
    for i in 0..n {
        let (report, terms) = value_coin(account, i, prices[i], pnl[i])?;
        let path = coin_path(i);
        let owed_usd = if report.debt.is_zero() {
            // most coins owe nothing: their loan terms are 0 without arithmetic
            Decimal::ZERO
        } else {
            mul(report.debt, prices[i]).at(&path, Figure::DebtUsd)?
        };
        let s = &mut coins.sums;
        s.discounted = add(s.discounted, terms.contribution).at(&path, Figure::AdjustedEquity)?;
        s.account_equity =
            add(s.account_equity, report.usd_equity).at(&path, Figure::AccountEquity)?;
        s.loans_im =
            add(s.loans_im, report.loan_initial_margin).at(&path, Figure::LoansInitialMargin)?;
        s.loans_mm = add(s.loans_mm, report.loan_maintenance_margin)
            .at(&path, Figure::LoansMaintenanceMargin)?;
        s.loans_usd = add(s.loans_usd, owed_usd).at(&path, Figure::LoansUsd)?;
        s.interest_usd =
            add(s.interest_usd, report.hourly_interest_usd).at(&path, Figure::Interest)?;
        coins.reports.push(report);
        coins.terms.push(terms);
    }
    Ok(coins)
}

/// One coin: equity, debt, USD value, its discount by tier, its loan and its interest.
fn value_coin(
    account: &Account,
    i: usize,
    price: Decimal,
    pnl: Decimal,
) -> Result<(CoinReport, CoinTerms), Error> {
    let coin = &account.coins[i];
    let path = coin_path(i);
    let equity = coin_equity(coin.balance, pnl).at(&path, Figure::Equity)?;
    let owed = debt(equity);
    let value = usd_equity(equity, price).at(&path, Figure::UsdEquity)?;
    // the discount by tier, once: its slices are reported and their sum is f(c)
    let (slices, contribution) = if value > Decimal::ZERO {
        let slices =
            discount_slices(&coin.discount_tiers, equity, price).at(&path, Figure::Discount)?;
        let sum = (slices.iter())
            .try_fold(Decimal::ZERO, |sum, s| add(sum, s.discounted_usd))
            .at(&path, Figure::Discount)?;
        (slices, sum)
    } else {
        (Vec::new(), value)
    };
    let loan = loan_terms(&coin.loan_tiers, owed, price).at(&path, Figure::LoanInitialMargin)?;
    let Some(loan) = loan else {
        return Err(not_borrowable(
            format!("coins[{i}].loan_tiers"),
            &coin.name,
            owed,
            DebtCause::Balance,
        ));
    };
    let interest = hourly_interest(owed, pnl, coin.interest_free, coin.hourly_interest, price)
        .at(&path, Figure::Interest)?;
    let tier = loan.tier.map(|t| &coin.loan_tiers[t]);
    let report = CoinReport {
        coin: coin.name.clone(),
        usd_price: price,
        unrealized_pnl: pnl,
        equity,
        debt: owed,
        usd_equity: value,
        contribution,
        hourly_interest_usd: interest,
        haircut: if value > Decimal::ZERO {
            sub(value, contribution).at(&path, Figure::Discount)?
        } else {
            Decimal::ZERO
        },
        discount_slices: slices,
        loan_initial_margin: loan.initial_margin,
        loan_maintenance_margin: loan.maintenance_margin,
        loan_leverage: tier.map(|t| t.leverage),
        loan_mmr: tier.map(|t| t.mmr),
        interest_bearing_debt: interest_bearing_debt(owed, pnl, coin.interest_free)
            .at(&path, Figure::Interest)?,
    };
    let terms = CoinTerms {
        equity,
        contribution,
        loan: Some(loan),
    };
    Ok((report, terms))
}

// ---- §4 pending orders ----

/// The pending orders applied: what each did, their reports and sums, and each contract's
/// margins as the last pending order on it left them.
pub(super) struct Pending {
    pub(super) effects: Vec<OrderEffect>,
    pub(super) reports: Vec<PendingOrderReport>,
    pub(super) sums: PendingSums,
    pub(super) margins: Vec<Option<ContractMargins>>,
}

/// What the pending orders take off adjusted equity and add to the loans' margins.
#[derive(Default)]
pub(super) struct PendingSums {
    pub(super) losses: Decimal,
    pub(super) fees: Decimal,
    pub(super) loans_im: Decimal,
    pub(super) loans_mm: Decimal,
}

/// The pending orders, one after another, each on the coins' terms and the books the ones
/// before it left (`terms` and `books` are left as the last one leaves them).
pub(super) fn apply_pending_orders(
    account: &Account,
    prices: &[Decimal],
    terms: &mut [CoinTerms],
    books: &mut [ContractBook],
) -> Result<Pending, Error> {
    let n = account.orders.len();
    let mut pending = Pending {
        effects: Vec::with_capacity(n),
        reports: Vec::with_capacity(n),
        sums: PendingSums::default(),
        margins: vec![None; account.contracts.len()],
    };
    for (k, order) in account.orders.iter().enumerate() {
        let path = || format!("orders[{k}]");
        let effect = match *order {
            OrderModel::Spot {
                side,
                base,
                quote,
                size,
                price,
            } => {
                let spot = SpotOrder {
                    side,
                    base,
                    quote,
                    size,
                    price,
                };
                apply_spot_order(account, prices, terms, spot, k)?
            }
            OrderModel::Futures {
                side,
                contract,
                size,
                price,
            } => {
                let futures = FuturesOrder {
                    side,
                    contract,
                    size,
                    price,
                };
                apply_futures_order(account, prices, books, &mut pending.margins, futures, k)?
            }
        };
        let s = &mut pending.sums;
        s.losses = add(s.losses, effect.spot_loss()).at(path, Figure::SpotTradingLosses)?;
        s.fees = add(s.fees, effect.fee()).at(path, Figure::PendingFees)?;
        s.loans_im = add(s.loans_im, effect.loan_initial_margin_added())
            .at(path, Figure::LoansInitialMargin)?;
        s.loans_mm = add(s.loans_mm, effect.loan_maintenance_margin_added())
            .at(path, Figure::LoansMaintenanceMargin)?;
        let (market, side) = match *order {
            OrderModel::Spot { side, .. } => (Market::Spot, side),
            OrderModel::Futures { side, .. } => (Market::Futures, side),
        };
        pending.reports.push(PendingOrderReport {
            market,
            side,
            spot_loss: effect.spot_loss(),
            fee: effect.fee(),
            initial_margin_added: effect.initial_margin_added(),
            maintenance_margin_added: effect.maintenance_margin_added(),
        });
        pending.effects.push(effect);
    }
    Ok(pending)
}

/// The fields of an [`OrderModel::Spot`].
struct SpotOrder {
    side: OrderSide,
    base: usize,
    quote: usize,
    size: Decimal,
    price: Decimal,
}

/// The fields of an [`OrderModel::Futures`].
struct FuturesOrder {
    side: OrderSide,
    contract: usize,
    size: Decimal,
    price: Decimal,
}

/// A pending spot order read as filled: its two coins move; a debt it leaves in a coin
/// that cannot be borrowed is an error at the order.
fn apply_spot_order(
    account: &Account,
    prices: &[Decimal],
    terms: &mut [CoinTerms],
    order: SpotOrder,
    k: usize,
) -> Result<OrderEffect, Error> {
    let SpotOrder {
        side,
        base,
        quote,
        size,
        price,
    } = order;
    let coin = |i: usize| FillCoin {
        index: i,
        coin: &account.coins[i],
        usd_price: prices[i],
        terms: terms[i],
    };
    let effect = spot_order_effect(
        side,
        size,
        price,
        &coin(base),
        &coin(quote),
        account.settings.spot_taker_fee,
    )
    .at(|| format!("orders[{k}]"), Figure::Order)?;
    if let Some(c) = effect.not_borrowable() {
        let owed = if c == base {
            debt(effect.base.after.equity)
        } else {
            debt(effect.quote.after.equity)
        };
        return Err(not_borrowable(
            format!("orders[{k}]"),
            &account.coins[c].name,
            owed,
            DebtCause::PendingOrder,
        ));
    }
    terms[base] = effect.base.after;
    terms[quote] = effect.quote.after;
    Ok(OrderEffect::Spot(effect))
}

/// A pending futures order: an open order on its contract's book.
fn apply_futures_order(
    account: &Account,
    prices: &[Decimal],
    books: &mut [ContractBook],
    margins: &mut [Option<ContractMargins>],
    order: FuturesOrder,
    k: usize,
) -> Result<OrderEffect, Error> {
    let FuturesOrder {
        side,
        contract: j,
        size,
        price,
    } = order;
    let path = || format!("orders[{k}]");
    let c = &account.contracts[j];
    let settle_usd = prices[c.settle];
    let before = match margins[j] {
        Some(margins) => margins,
        None => ContractMargins::of(&books[j], c, settle_usd).at(path, Figure::Order)?,
    };
    let effect = futures_order_effect(side, size, price, j, c, settle_usd, &books[j], &before)
        .at(path, Figure::Order)?;
    books[j] = effect.book;
    margins[j] = Some(effect.after);
    Ok(OrderEffect::Futures(effect))
}

// ---- §5, §6 contracts ----

/// The contracts with the pending futures orders in their books: their reports and margins,
/// and the account's sums.
pub(super) struct Contracts {
    pub(super) reports: Vec<ContractReport>,
    pub(super) margins: Vec<ContractMargins>,
    pub(super) sums: ContractSums,
}

#[derive(Default)]
pub(super) struct ContractSums {
    pub(super) initial_margin: Decimal,
    pub(super) maintenance_margin: Decimal,
    pub(super) liquidation_fees: Decimal,
    /// Held notional at mark, both sides: `Σ size × mark × p(settle)`.
    pub(super) held_notional_usd: Decimal,
}

/// Each contract's margins (those the last pending order on it left, or its held book's).
pub(super) fn margin_contracts(
    account: &Account,
    prices: &[Decimal],
    books: &[ContractBook],
    margins_now: &[Option<ContractMargins>],
) -> Result<Contracts, Error> {
    let n = account.contracts.len();
    let mut contracts = Contracts {
        reports: Vec::with_capacity(n),
        margins: Vec::with_capacity(n),
        sums: ContractSums::default(),
    };
    for (j, c) in account.contracts.iter().enumerate() {
        let path = || format!("contracts[{j}]");
        let (book, settle) = (&books[j], prices[c.settle]);
        let margins = match margins_now[j] {
            Some(margins) => margins,
            None => ContractMargins::of(book, c, settle).at(path, Figure::Margins)?,
        };
        let held_notional = held_notional_usd(book, c, settle).at(path, Figure::Notional)?;
        let s = &mut contracts.sums;
        let m = &margins.maintenance;
        s.held_notional_usd =
            add(s.held_notional_usd, held_notional).at(path, Figure::FuturesNotional)?;
        s.initial_margin = add(s.initial_margin, margins.initial_margin())
            .at(path, Figure::DerivativesInitialMargin)?;
        s.maintenance_margin = add(s.maintenance_margin, m.maintenance_margin)
            .at(path, Figure::DerivativesMaintenanceMargin)?;
        s.liquidation_fees = add(s.liquidation_fees, m.partial_liquidation_fee)
            .at(path, Figure::PartialLiquidationFees)?;
        contracts
            .reports
            .push(contract_report(c, book, settle, &margins));
        contracts.margins.push(margins);
    }
    Ok(contracts)
}

/// Held notional at mark of a contract, both sides: `(held long + held short) × mark ×
/// p(settle)` (a term of position value).
fn held_notional_usd(
    book: &ContractBook,
    contract: &ContractModel,
    settle_usd: Decimal,
) -> Result<Decimal, Overflow> {
    mul(
        mul(add(book.long.held, book.short.held)?, contract.mark_price)?,
        settle_usd,
    )
}

fn contract_report(
    c: &ContractModel,
    book: &ContractBook,
    settle_usd: Decimal,
    margins: &ContractMargins,
) -> ContractReport {
    let side = |s: &SideBook, m: &SideMaintenance, initial_margin: Decimal| SideReport {
        held_size: s.held,
        open_size: s.open_size,
        open_value: s.open_value,
        notional_usd: m.notional_usd,
        mmr: m.mmr,
        initial_margin,
        maintenance_margin: m.maintenance_margin,
    };
    let m = &margins.maintenance;
    ContractReport {
        symbol: c.symbol.clone(),
        mark_price: c.mark_price,
        settle_usd_price: settle_usd,
        long: side(&book.long, &m.long, margins.long_initial_margin),
        short: side(&book.short, &m.short, margins.short_initial_margin),
        initial_margin: margins.initial_margin(),
        maintenance_margin: m.maintenance_margin,
        maintenance_side: m.binding_side,
        partial_liquidation_fee: m.partial_liquidation_fee,
    }
}

// ---- §12 positions' own figures ----

/// Each position's own figures: its PnL in USD, margins (the maintenance rate of its side's
/// tier, pending orders included) and ROI.
pub(super) fn figure_positions(
    account: &Account,
    prices: &[Decimal],
    pnl: &[Decimal],
    margins: &[ContractMargins],
) -> Result<Vec<PositionReport>, Error> {
    (account.positions.iter().zip(pnl).enumerate())
        .map(|(k, (p, &unrealized_pnl))| {
            let c = &account.contracts[p.contract];
            let m = &margins[p.contract].maintenance;
            let side_mmr = match p.side {
                PositionSide::Long => m.long.mmr,
                PositionSide::Short => m.short.mmr,
            };
            let f = position_figures(p.size, unrealized_pnl, c, prices[c.settle], side_mmr)
                .at(|| format!("positions[{k}]"), Figure::PositionFigures)?;
            Ok(PositionReport {
                side: p.side,
                unrealized_pnl: f.unrealized_pnl,
                unrealized_pnl_usd: f.unrealized_pnl_usd,
                initial_margin: f.initial_margin,
                maintenance_margin: f.maintenance_margin,
                roi: f.roi,
                available: f.available,
            })
        })
        .collect()
}

// ---- §4, §5, §6 the account's totals ----

/// The account's figures from the coins', the pending orders' and the contracts' sums.
pub(super) fn account_totals(
    account: &Account,
    coins: &CoinSums,
    pending: &PendingSums,
    contracts: &ContractSums,
) -> Result<AccountReport, Error> {
    let settings = &account.settings;
    let total = |what: Figure, r: Result<Decimal, Overflow>| r.at(String::new, what);
    let ae = total(
        Figure::AdjustedEquity,
        adjusted_equity(coins.discounted, pending.losses, pending.fees),
    )?;
    let initial_margin_loans = total(
        Figure::LoansInitialMargin,
        add(coins.loans_im, pending.loans_im),
    )?;
    let reserved = total(
        Figure::MarginReserved,
        margin_reserved(initial_margin_loans, contracts.initial_margin),
    )?;
    let maintenance_margin_loans = total(
        Figure::LoansMaintenanceMargin,
        add(coins.loans_mm, pending.loans_mm),
    )?;
    let maintenance = total(
        Figure::MaintenanceMargin,
        add(maintenance_margin_loans, contracts.maintenance_margin),
    )?;
    let value = total(
        Figure::PositionValue,
        position_value(contracts.held_notional_usd, coins.loans_usd),
    )?;
    let rate = cross_margin_rate(maintenance, contracts.liquidation_fees, ae)
        .at(String::new, Figure::CrossMarginRate)?;
    Ok(AccountReport {
        account_equity: coins.account_equity,
        adjusted_equity: ae,
        spot_trading_losses: pending.losses,
        pending_fees: pending.fees,
        position_value: value,
        initial_margin_loans,
        initial_margin_derivatives: contracts.initial_margin,
        margin_reserved: reserved,
        available_margin: total(Figure::AvailableMargin, available_margin(ae, reserved))?,
        maintenance_margin_loans,
        maintenance_margin_derivatives: contracts.maintenance_margin,
        maintenance_margin: maintenance,
        partial_liquidation_fees: contracts.liquidation_fees,
        account_leverage: account_leverage(value, ae).at(String::new, Figure::AccountLeverage)?,
        cross_margin_rate: rate,
        risk: risk_level(rate, settings.warning_rate, settings.liquidation_rate),
        futures_orders_cancelled: futures_orders_cancelled(ae, reserved),
        discounted_equity: coins.discounted,
        futures_notional_usd: contracts.held_notional_usd,
        loans_usd: coins.loans_usd,
        hourly_interest_usd: coins.interest_usd,
        daily_interest_usd: total(
            Figure::DailyInterest,
            mul(coins.interest_usd, Decimal::from(24)),
        )?,
        warning_rate: settings.warning_rate,
        liquidation_rate: settings.liquidation_rate,
    })
}
