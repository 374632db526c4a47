//! Evaluation: a validated [`Account`] in, a [`Report`] out, applying the rules of RULES.md
//! in their order. Each figure comes from the rule function named after it.

use crate::error::{DebtCause, Error, ErrorKind, Figure};
use crate::model::{Account, OrderModel};
use crate::num::{add, mul, Overflow};
use crate::report::{
    AccountReport, CheckReport, CoinReport, ContractReport, PendingOrderReport, PositionReport,
    Report, SideReport, REPORT_FORMAT,
};
use crate::rules::check::{max_order_size, order_acceptance, Probe, ProbeInputs};
use crate::rules::discount::{contribution, discount_slices};
use crate::rules::equity::{coin_equity, debt, unrealized_pnl, usd_equity};
use crate::rules::initial_margin::{
    available_margin, loan_initial_margin, loan_tier, margin_reserved, side_initial_margin,
    ContractBook,
};
use crate::rules::interest::{hourly_interest, interest_bearing_debt};
use crate::rules::maintenance_margin::{
    derivatives_maintenance_margin, loan_maintenance_margin, ContractMaintenance,
};
use crate::rules::pending::{
    adjusted_equity, margin_added, pending_fee, spot_fill, spot_trading_loss,
};
use crate::rules::prices::usd_price;
use crate::rules::risk::{
    account_leverage, cross_margin_rate, futures_orders_cancelled, position_value, risk_level,
};
use crate::scenario::{Market, OrderSide, PositionSide};
use crate::text;
use rust_decimal::Decimal;

/// Attaches a path to an overflow.
trait At<T> {
    fn at(self, path: impl FnOnce() -> String, what: Figure) -> Result<T, Error>;
}

impl<T> At<T> for Result<T, Overflow> {
    fn at(self, path: impl FnOnce() -> String, what: Figure) -> Result<T, Error> {
        self.map_err(|_| Error::too_large(path(), what))
    }
}

/// A coin's terms that depend on its equity: contribution and loan margins.
#[derive(Clone, Copy)]
struct CoinTerms {
    contribution: Decimal,
    loan_initial_margin: Option<Decimal>,
    loan_maintenance_margin: Option<Decimal>,
}

fn coin_terms(
    account: &Account,
    prices: &[Decimal],
    i: usize,
    equity: Decimal,
) -> Result<CoinTerms, Overflow> {
    let coin = &account.coins[i];
    let owed = debt(equity);
    Ok(CoinTerms {
        contribution: contribution(&coin.discount_tiers, equity, prices[i])?,
        loan_initial_margin: loan_initial_margin(&coin.loan_tiers, owed, prices[i])?,
        loan_maintenance_margin: loan_maintenance_margin(&coin.loan_tiers, owed, prices[i])?,
    })
}

/// A contract's margins for a book: each side's initial margin, and its maintenance terms.
#[derive(Clone, Copy)]
struct ContractFigures {
    im_long: Decimal,
    im_short: Decimal,
    maintenance: ContractMaintenance,
}

impl ContractFigures {
    fn of(
        book: &ContractBook,
        contract: &crate::model::ContractModel,
        settle_usd: Decimal,
    ) -> Result<ContractFigures, Overflow> {
        Ok(ContractFigures {
            im_long: side_initial_margin(&book.long, contract, settle_usd)?,
            im_short: side_initial_margin(&book.short, contract, settle_usd)?,
            maintenance: derivatives_maintenance_margin(book, contract, settle_usd)?,
        })
    }

    /// `max(IM_long, IM_short)`, as [`derivatives_initial_margin`] computes it.
    fn initial_margin(&self) -> Decimal {
        self.im_long.max(self.im_short)
    }
}

fn not_borrowable(path: String, coin: &str, owed: Decimal, cause: DebtCause) -> Error {
    Error::new(
        path,
        ErrorKind::NotBorrowable {
            coin: coin.to_string(),
            owed,
            cause,
        },
    )
}

/// An evaluated account: its report (without a check) and the state that the pending
/// orders leave, against which any order can then be checked cheaply.
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    account: &'a Account,
    prices: Vec<Decimal>,
    /// Coin equities after the pending orders.
    equities: Vec<Decimal>,
    /// Contract books after the pending orders.
    books: Vec<ContractBook>,
    report: Report,
}

/// Evaluates an account: every figure of the report, and the check if there is one.
pub fn evaluate(account: &Account) -> Result<Report, Error> {
    let evaluation = Evaluation::new(account)?;
    let check = match &account.check {
        None => None,
        Some(check) => Some(evaluation.check(&check.order, check.size_step)?),
    };
    let mut report = evaluation.report;
    report.check = check;
    Ok(report)
}

impl<'a> Evaluation<'a> {
    /// The report of an account, without its check.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The account evaluated.
    pub fn account(&self) -> &'a Account {
        self.account
    }

    /// Each coin's USD price (RULES §1), in the scenario's order.
    pub fn usd_prices(&self) -> &[Decimal] {
        &self.prices
    }

    /// Each contract's book after the pending orders (held and open sizes by side).
    pub fn books(&self) -> &[ContractBook] {
        &self.books
    }

    fn probe(&self, order: &OrderModel) -> Result<Probe<'_>, Error> {
        let inputs = ProbeInputs {
            coins: &self.account.coins,
            contracts: &self.account.contracts,
            usd_prices: &self.prices,
            equities: &self.equities,
            books: &self.books,
            spot_taker_fee: self.account.settings.spot_taker_fee,
        };
        Probe::new(&inputs, order).at(|| "check".into(), Figure::Order)
    }

    /// The largest multiple of `size_step` of `order` that is accepted (RULES §7), and the
    /// number of sizes tried.
    pub fn max_order_size(
        &self,
        order: &OrderModel,
        size_step: Decimal,
    ) -> Result<(Decimal, u32), Error> {
        let account = &self.report.account;
        max_order_size(
            &self.probe(order)?,
            account.adjusted_equity,
            account.margin_reserved,
            size_step,
        )
        .at(|| "check".into(), Figure::LargestSize)
    }

    /// Checks an order as if it were the last pending order (RULES §7).
    pub fn check(&self, order: &OrderModel, size_step: Decimal) -> Result<CheckReport, Error> {
        let path = || "check".to_string();
        let (ae, reserved) = (
            self.report.account.adjusted_equity,
            self.report.account.margin_reserved,
        );
        let probe = self.probe(order)?;
        let effect = probe.effect(order.size()).at(path, Figure::Order)?;
        let acceptance = order_acceptance(ae, reserved, &effect).at(path, Figure::Order)?;
        let (max_size, _probes) =
            max_order_size(&probe, ae, reserved, size_step).at(path, Figure::LargestSize)?;
        Ok(CheckReport {
            accepted: acceptance.accepted,
            spot_loss: effect.spot_loss,
            fee: effect.fee,
            initial_margin_added: effect.initial_margin_added,
            adjusted_equity_after: acceptance.adjusted_equity_after,
            margin_reserved_after: acceptance.margin_reserved_after,
            headroom: acceptance.headroom,
            max_size,
            size_step,
            reasons: text::check_reasons(self.account, order, &effect, &acceptance, max_size),
            not_borrowable: effect
                .not_borrowable
                .map(|i| self.account.coins[i].name.clone()),
        })
    }

    /// Evaluates the account's figures (RULES §1–§6, §8), leaving its check aside.
    pub fn new(account: &'a Account) -> Result<Evaluation<'a>, Error> {
        let coins = &account.coins;
        let contracts = &account.contracts;
        let settings = &account.settings;
        let coin_path = |i: usize| move || format!("coins[{i}]");

        // §1 prices
        let mut prices = Vec::with_capacity(coins.len());
        for (i, c) in coins.iter().enumerate() {
            prices.push(usd_price(c, coins, settings).at(coin_path(i), Figure::UsdPrice)?);
        }
        let settle_usd: Vec<Decimal> = contracts.iter().map(|c| prices[c.settle]).collect();

        // §2 positions: PnL into their settle coin, sizes into their contract's book
        let mut pnl = vec![Decimal::ZERO; coins.len()];
        let mut books = vec![ContractBook::default(); contracts.len()];
        let mut position_reports = Vec::with_capacity(account.positions.len());
        for (k, p) in account.positions.iter().enumerate() {
            let path = || format!("positions[{k}]");
            let c = &contracts[p.contract];
            let profit = unrealized_pnl(p.side, c.mark_price, p.entry_price, p.size)
                .at(path, Figure::UnrealizedPnl)?;
            pnl[c.settle] =
                add(pnl[c.settle], profit).at(coin_path(c.settle), Figure::UnrealizedPnl)?;
            let book = &mut books[p.contract];
            let side = match p.side {
                PositionSide::Long => &mut book.long,
                PositionSide::Short => &mut book.short,
            };
            side.held = add(side.held, p.size).at(path, Figure::PositionSize)?;
            position_reports.push(PositionReport {
                side: p.side,
                unrealized_pnl: profit,
            });
        }

        // §2, §3, §5, §6, §8 per coin
        let mut equities = Vec::with_capacity(coins.len());
        let mut terms_now = Vec::with_capacity(coins.len());
        let mut coin_reports = Vec::with_capacity(coins.len());
        let (mut discounted, mut account_equity) = (Decimal::ZERO, Decimal::ZERO);
        let (mut loans_im, mut loans_mm, mut loans_usd) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        let mut interest_usd = Decimal::ZERO;
        for (i, coin) in coins.iter().enumerate() {
            let path = coin_path(i);
            let equity = coin_equity(coin.balance, pnl[i]).at(path, Figure::Equity)?;
            let owed = debt(equity);
            let value = usd_equity(equity, prices[i]).at(path, Figure::UsdEquity)?;
            // the discount by tier, once: its slices are reported and their sum is f(c)
            let slices = if value > Decimal::ZERO {
                discount_slices(&coin.discount_tiers, equity, prices[i])
                    .at(path, Figure::Discount)?
            } else {
                Vec::new()
            };
            let terms = CoinTerms {
                contribution: if value > Decimal::ZERO {
                    slices
                        .iter()
                        .try_fold(Decimal::ZERO, |sum, s| add(sum, s.discounted_usd))
                        .at(path, Figure::Discount)?
                } else {
                    value
                },
                loan_initial_margin: loan_initial_margin(&coin.loan_tiers, owed, prices[i])
                    .at(path, Figure::LoanInitialMargin)?,
                loan_maintenance_margin: loan_maintenance_margin(&coin.loan_tiers, owed, prices[i])
                    .at(path, Figure::LoanMaintenanceMargin)?,
            };
            let (Some(loan_im), Some(loan_mm)) =
                (terms.loan_initial_margin, terms.loan_maintenance_margin)
            else {
                return Err(not_borrowable(
                    format!("coins[{i}].loan_tiers"),
                    &coin.name,
                    owed,
                    DebtCause::Balance,
                ));
            };
            // most coins owe nothing: their loan and interest terms are 0 without arithmetic
            let owed_usd = if owed.is_zero() {
                Decimal::ZERO
            } else {
                mul(owed, prices[i]).at(path, Figure::DebtUsd)?
            };
            let interest = hourly_interest(
                owed,
                pnl[i],
                coin.interest_free,
                coin.hourly_interest,
                prices[i],
            )
            .at(path, Figure::Interest)?;
            let tier = (!owed.is_zero())
                .then(|| loan_tier(&coin.loan_tiers, owed))
                .flatten();
            discounted = add(discounted, terms.contribution).at(path, Figure::AdjustedEquity)?;
            account_equity = add(account_equity, value).at(path, Figure::AccountEquity)?;
            loans_im = add(loans_im, loan_im).at(path, Figure::LoansInitialMargin)?;
            loans_mm = add(loans_mm, loan_mm).at(path, Figure::LoansMaintenanceMargin)?;
            loans_usd = add(loans_usd, owed_usd).at(path, Figure::LoansUsd)?;
            interest_usd = add(interest_usd, interest).at(path, Figure::Interest)?;
            coin_reports.push(CoinReport {
                coin: coin.name.clone(),
                usd_price: prices[i],
                unrealized_pnl: pnl[i],
                equity,
                debt: owed,
                usd_equity: value,
                contribution: terms.contribution,
                hourly_interest_usd: interest,
                haircut: if value > Decimal::ZERO {
                    value - terms.contribution
                } else {
                    Decimal::ZERO
                },
                discount_slices: slices,
                loan_initial_margin: loan_im,
                loan_maintenance_margin: loan_mm,
                loan_leverage: tier.map(|t| t.leverage),
                loan_mmr: tier.map(|t| t.mmr),
                interest_bearing_debt: interest_bearing_debt(owed, pnl[i], coin.interest_free)
                    .at(path, Figure::Interest)?,
            });
            equities.push(equity);
            terms_now.push(terms);
        }

        // §4 pending orders, one after another on the balances the ones before them left
        let mut losses = Decimal::ZERO;
        let mut fees = Decimal::ZERO;
        let (mut orders_im, mut orders_mm) = (Decimal::ZERO, Decimal::ZERO);
        let mut order_reports = Vec::with_capacity(account.orders.len());
        // each contract's (IM, MM) as the orders so far leave it, once an order touches it
        let mut margins_now: Vec<Option<ContractFigures>> = vec![None; contracts.len()];
        for (k, order) in account.orders.iter().enumerate() {
            let path = || format!("orders[{k}]");
            let report = match *order {
                OrderModel::Spot {
                    side,
                    base,
                    quote,
                    size,
                    price,
                } => {
                    let before = [terms_now[base], terms_now[quote]];
                    let (d_base, d_quote) =
                        spot_fill(side, size, price).at(path, Figure::OrderFill)?;
                    equities[base] = add(equities[base], d_base).at(path, Figure::OrderFill)?;
                    equities[quote] = add(equities[quote], d_quote).at(path, Figure::OrderFill)?;
                    let after = [
                        coin_terms(account, &prices, base, equities[base])
                            .at(path, Figure::Order)?,
                        coin_terms(account, &prices, quote, equities[quote])
                            .at(path, Figure::Order)?,
                    ];
                    for (j, &c) in [base, quote].iter().enumerate() {
                        if after[j].loan_initial_margin.is_none() {
                            return Err(not_borrowable(
                                path(),
                                &coins[c].name,
                                debt(equities[c]),
                                DebtCause::PendingOrder,
                            ));
                        }
                    }
                    (terms_now[base], terms_now[quote]) = (after[0], after[1]);
                    let sum =
                        |t: &[CoinTerms; 2], f: fn(&CoinTerms) -> Decimal| add(f(&t[0]), f(&t[1]));
                    let contribution_of = |t: &CoinTerms| t.contribution;
                    let im_of = |t: &CoinTerms| t.loan_initial_margin.unwrap_or_default();
                    let mm_of = |t: &CoinTerms| t.loan_maintenance_margin.unwrap_or_default();
                    let loss = spot_trading_loss(
                        sum(&before, contribution_of).at(path, Figure::Order)?,
                        sum(&after, contribution_of).at(path, Figure::Order)?,
                    )
                    .at(path, Figure::SpotTradingLoss)?;
                    let fee = pending_fee(size, price, prices[quote], settings.spot_taker_fee)
                        .at(path, Figure::Fee)?;
                    let im = margin_added(
                        sum(&before, im_of).at(path, Figure::Order)?,
                        sum(&after, im_of).at(path, Figure::Order)?,
                    )
                    .at(path, Figure::Order)?;
                    let mm = margin_added(
                        sum(&before, mm_of).at(path, Figure::Order)?,
                        sum(&after, mm_of).at(path, Figure::Order)?,
                    )
                    .at(path, Figure::Order)?;
                    losses = add(losses, loss).at(path, Figure::SpotTradingLosses)?;
                    fees = add(fees, fee).at(path, Figure::PendingFees)?;
                    orders_im = add(orders_im, im).at(path, Figure::LoansInitialMargin)?;
                    orders_mm = add(orders_mm, mm).at(path, Figure::LoansMaintenanceMargin)?;
                    PendingOrderReport {
                        market: Market::Spot,
                        side,
                        spot_loss: loss,
                        fee,
                        initial_margin_added: im,
                        maintenance_margin_added: mm,
                    }
                }
                OrderModel::Futures {
                    side,
                    contract,
                    size,
                    price,
                } => {
                    let c = &contracts[contract];
                    let settle = settle_usd[contract];
                    let before = books[contract];
                    let book = &mut books[contract];
                    match side {
                        OrderSide::Buy => {
                            book.long = book.long.with_order(size, price).at(path, Figure::Order)?
                        }
                        OrderSide::Sell => {
                            book.short =
                                book.short.with_order(size, price).at(path, Figure::Order)?
                        }
                    }
                    let after = *book;
                    let margins_before = match margins_now[contract] {
                        Some(margins) => margins,
                        None => ContractFigures::of(&before, c, settle).at(path, Figure::Order)?,
                    };
                    let margins_after =
                        ContractFigures::of(&after, c, settle).at(path, Figure::Order)?;
                    margins_now[contract] = Some(margins_after);
                    let im = margin_added(
                        margins_before.initial_margin(),
                        margins_after.initial_margin(),
                    )
                    .at(path, Figure::Order)?;
                    let mm = margin_added(
                        margins_before.maintenance.maintenance_margin,
                        margins_after.maintenance.maintenance_margin,
                    )
                    .at(path, Figure::Order)?;
                    PendingOrderReport {
                        market: Market::Futures,
                        side,
                        spot_loss: Decimal::ZERO,
                        fee: Decimal::ZERO,
                        initial_margin_added: im,
                        maintenance_margin_added: mm,
                    }
                }
            };
            order_reports.push(report);
        }

        // §5, §6 derivatives, per contract, with the pending futures orders in their books
        let (mut derivatives_im, mut derivatives_mm, mut liquidation_fees) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        let mut contract_reports = Vec::with_capacity(contracts.len());
        let mut futures_notional_usd = Decimal::ZERO;
        for (j, c) in contracts.iter().enumerate() {
            let path = || format!("contracts[{j}]");
            let book = &books[j];
            let settle = settle_usd[j];
            // the margins the last pending order on this contract left, or the held book's
            let figures = match margins_now[j] {
                Some(figures) => figures,
                None => ContractFigures::of(book, c, settle).at(path, Figure::Margins)?,
            };
            let (im_long, im_short) = (figures.im_long, figures.im_short);
            let im = figures.initial_margin();
            // held notional at mark, both sides: Σ size × mark × p(settle), per contract
            let held_notional = add(book.long.held, book.short.held)
                .and_then(|held| mul(held, c.mark_price))
                .and_then(|value| mul(value, settle))
                .at(path, Figure::Notional)?;
            futures_notional_usd =
                add(futures_notional_usd, held_notional).at(path, Figure::FuturesNotional)?;
            let mm = figures.maintenance;
            derivatives_im = add(derivatives_im, im).at(path, Figure::DerivativesInitialMargin)?;
            derivatives_mm = add(derivatives_mm, mm.maintenance_margin)
                .at(path, Figure::DerivativesMaintenanceMargin)?;
            liquidation_fees = add(liquidation_fees, mm.partial_liquidation_fee)
                .at(path, Figure::PartialLiquidationFees)?;
            let side_report = |s: &crate::rules::initial_margin::SideBook,
                               m: &crate::rules::maintenance_margin::SideMaintenance,
                               im: Decimal| SideReport {
                held_size: s.held,
                open_size: s.open_size,
                open_value: s.open_value,
                notional_usd: m.notional_usd,
                mmr: m.mmr,
                initial_margin: im,
                maintenance_margin: m.maintenance_margin,
            };
            contract_reports.push(ContractReport {
                symbol: c.symbol.clone(),
                mark_price: c.mark_price,
                settle_usd_price: settle,
                long: side_report(&book.long, &mm.long, im_long),
                short: side_report(&book.short, &mm.short, im_short),
                initial_margin: im,
                maintenance_margin: mm.maintenance_margin,
                maintenance_side: mm.binding_side,
                partial_liquidation_fee: mm.partial_liquidation_fee,
            });
        }

        // totals
        let total = |what: Figure, r: Result<Decimal, Overflow>| r.at(String::new, what);
        let ae = total(
            Figure::AdjustedEquity,
            adjusted_equity(discounted, losses, fees),
        )?;
        let initial_margin_loans = total(Figure::LoansInitialMargin, add(loans_im, orders_im))?;
        let reserved = total(
            Figure::MarginReserved,
            margin_reserved(initial_margin_loans, derivatives_im),
        )?;
        let available = total(Figure::AvailableMargin, available_margin(ae, reserved))?;
        let maintenance_margin_loans =
            total(Figure::LoansMaintenanceMargin, add(loans_mm, orders_mm))?;
        let maintenance = total(
            Figure::MaintenanceMargin,
            add(maintenance_margin_loans, derivatives_mm),
        )?;
        let value = total(
            Figure::PositionValue,
            position_value(futures_notional_usd, loans_usd),
        )?;
        let leverage = account_leverage(value, ae).at(String::new, Figure::AccountLeverage)?;
        let rate = cross_margin_rate(maintenance, liquidation_fees, ae)
            .at(String::new, Figure::CrossMarginRate)?;

        let report = Report {
            format: REPORT_FORMAT,
            market: account.market.clone(),
            coins: coin_reports,
            account: AccountReport {
                account_equity,
                adjusted_equity: ae,
                spot_trading_losses: losses,
                pending_fees: fees,
                position_value: value,
                initial_margin_loans,
                initial_margin_derivatives: derivatives_im,
                margin_reserved: reserved,
                available_margin: available,
                maintenance_margin_loans,
                maintenance_margin_derivatives: derivatives_mm,
                maintenance_margin: maintenance,
                partial_liquidation_fees: liquidation_fees,
                account_leverage: leverage,
                cross_margin_rate: rate,
                risk: risk_level(rate, settings.warning_rate, settings.liquidation_rate),
                futures_orders_cancelled: futures_orders_cancelled(ae, reserved),
                discounted_equity: discounted,
                futures_notional_usd,
                loans_usd,
                hourly_interest_usd: interest_usd,
                daily_interest_usd: total(
                    Figure::DailyInterest,
                    mul(interest_usd, Decimal::from(24)),
                )?,
                warning_rate: settings.warning_rate,
                liquidation_rate: settings.liquidation_rate,
            },
            contracts: contract_reports,
            positions: position_reports,
            orders: order_reports,
            check: None,
        };
        Ok(Evaluation {
            account,
            prices,
            equities,
            books,
            report,
        })
    }
}
