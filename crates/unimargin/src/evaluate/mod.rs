//! Evaluation: a validated [`Account`] in, a [`Report`] out, applying the rules of RULES.md
//! in their order, one phase each: the prices (§1), the positions held (§2), the coins (§2,
//! §3, §5, §6, §8), the pending orders (§4), the contracts (§5, §6) and the account's totals.
//! Each figure comes from the rule function named after it; what each pending order and each
//! contract did is kept in the report's [`Record`](crate::record::Record).

use crate::error::{DebtCause, Error, ErrorKind, Figure};
use crate::model::{Account, OrderModel};
use crate::num::Overflow;
use crate::record::Record;
use crate::report::{CheckReport, Report, REPORT_FORMAT};
use crate::rules::check::{max_order_size, order_acceptance, Probe, ProbeInputs};
use crate::rules::initial_margin::ContractBook;
use crate::rules::pending::{CoinTerms, OrderEffect};
use crate::text;
use phases::{
    account_totals, apply_pending_orders, figure_positions, hold_positions, margin_contracts,
    usd_prices, value_coins,
};
use rust_decimal::Decimal;

mod phases;

/// Attaches a path to an overflow.
trait At<T> {
    fn at(self, path: impl FnOnce() -> String, what: Figure) -> Result<T, Error>;
}

impl<T> At<T> for Result<T, Overflow> {
    fn at(self, path: impl FnOnce() -> String, what: Figure) -> Result<T, Error> {
        self.map_err(|_| Error::too_large(path(), what))
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

fn coin_path(i: usize) -> impl Fn() -> String {
    move || format!("coins[{i}]")
}

/// An evaluated account: its report (without a check) and the state that the pending
/// orders leave, against which any order can then be checked cheaply.
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    account: &'a Account,
    prices: Vec<Decimal>,
    /// Each coin's terms after the pending orders.
    terms: Vec<CoinTerms>,
    /// Contract books after the pending orders.
    books: Vec<ContractBook>,
    report: Report,
}

/// Evaluates an account: every figure of the report, and the check if there is one.
pub fn evaluate(account: &Account) -> Result<Report, Error> {
    Evaluation::new(account)?.into_report()
}

impl<'a> Evaluation<'a> {
    /// Evaluates the account's figures (RULES §1–§6, §8), leaving its check aside.
    pub fn new(account: &'a Account) -> Result<Evaluation<'a>, Error> {
        let prices = usd_prices(account)?;
        let held = hold_positions(account)?;
        let coins = value_coins(account, &prices, &held.pnl_by_coin)?;
        let mut terms = coins.terms.clone();
        let mut books = held.books;
        let pending = apply_pending_orders(account, &prices, &mut terms, &mut books)?;
        let contracts = margin_contracts(account, &prices, &books, &pending.margins)?;
        let totals = account_totals(account, &coins.sums, &pending.sums, &contracts.sums)?;
        let positions = figure_positions(account, &prices, &held.pnl, &contracts.margins)?;
        let report = Report {
            format: REPORT_FORMAT,
            market: account.market.clone(),
            coins: coins.reports,
            account: totals,
            contracts: contracts.reports,
            positions,
            orders: pending.reports,
            check: None,
            record: Record {
                coins: coins.terms,
                orders: pending.effects,
                contracts: contracts.margins,
                check: None,
            },
        };
        Ok(Evaluation {
            account,
            prices,
            terms,
            books,
            report,
        })
    }

    /// The report of an account, without its check.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The report with the account's own check, when it has one (RULES §7).
    pub fn report_with_check(&self) -> Result<Report, Error> {
        let check = self.own_check()?;
        let mut report = self.report.clone();
        (report.check, report.record.check) = check.unzip();
        Ok(report)
    }

    /// The same, the evaluation given up for it.
    pub fn into_report(self) -> Result<Report, Error> {
        let check = self.own_check()?;
        let mut report = self.report;
        (report.check, report.record.check) = check.unzip();
        Ok(report)
    }

    fn own_check(&self) -> Result<Option<(CheckReport, OrderEffect)>, Error> {
        (self.account.check.as_ref())
            .map(|c| self.checked(&c.order, c.size_step))
            .transpose()
    }

    /// What the evaluation did beyond the report's figures.
    pub fn record(&self) -> &Record {
        &self.report.record
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
            terms: &self.terms,
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
        Ok(self.checked(order, size_step)?.0)
    }

    /// The check of an order, and what the order does.
    fn checked(
        &self,
        order: &OrderModel,
        size_step: Decimal,
    ) -> Result<(CheckReport, OrderEffect), Error> {
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
        let debt_added = effect.debt_added().at(path, Figure::Order)?;
        let report = CheckReport {
            accepted: acceptance.accepted,
            spot_loss: effect.spot_loss(),
            fee: effect.fee(),
            initial_margin_added: effect.initial_margin_added(),
            adjusted_equity_after: acceptance.adjusted_equity_after,
            margin_reserved_after: acceptance.margin_reserved_after,
            headroom: acceptance.headroom,
            max_size,
            size_step,
            reasons: text::check_reasons(
                self.account,
                order,
                &effect,
                debt_added,
                &acceptance,
                max_size,
            ),
            not_borrowable: effect
                .not_borrowable()
                .map(|i| self.account.coins[i].name.clone()),
        };
        Ok((report, effect))
    }
}
