//! RULES §9: partial liquidation, played out step by step.
//!
//! Readings of what the source article leaves open, shown to users with the steps:
//! - At or past the liquidation rate, every open order (spot and futures) is cancelled
//!   first; if the rate is then below the liquidation rate, nothing is liquidated.
//! - Positions are reduced and coins converted at the mark and USD index prices, with no
//!   fee or slippage charged: the article has the maintenance margin of what is liquidated
//!   cover slippage, the remainder going to the platform's risk provision, so a real
//!   liquidation ends somewhat worse than shown. Filling at mark leaves adjusted equity as it
//!   is (realized PnL was already counted), so no step ever raises the rate.
//! - Liquidation stops as soon as the cross margin rate is below the liquidation rate (the
//!   account may still be at warning).
//! - Stage 1 closes the overlap of each hedged contract, the largest hedged notional first.
//! - Stage 2 repays the largest debt first, converting the coin with the highest discount
//!   rate (at its current tier) first, each step repaying the debt or using up that coin.
//! - Stage 3 takes one position tier off one side at a time: the side whose reduction to
//!   the top of its next lower tier cuts maintenance margin plus liquidation fees the most;
//!   within a side, the largest position first. When every side is at its first tier and
//!   the account is still past the liquidation rate, the platform takes it over.

use crate::error::{Error, Figure};
use crate::evaluate::evaluate;
use crate::model::Account;
use crate::num::{add, div, mul, sub, Overflow};
use crate::report::Report;
use crate::rules::initial_margin::{ContractBook, SideBook};
use crate::rules::maintenance_margin::{derivatives_maintenance_margin, position_tier};
use crate::scenario::PositionSide;
use crate::text::{group_thousands, side_name, usd};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};
use std::fmt;

/// What a step of partial liquidation does. `Display` is the step in an English sentence
/// (the step's `description`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum LiquidationAction {
    /// Every open order is cancelled.
    CancelOrders { count: usize },
    /// The hedged overlap of a contract is closed on both sides.
    CloseHedge {
        symbol: String,
        #[serde(with = "crate::num::normalized")]
        size: Decimal,
        /// The USD notional closed on each side (named in the description only).
        #[serde(skip)]
        notional_usd: Decimal,
    },
    /// A coin is converted to repay a debt.
    Convert {
        from_coin: String,
        #[serde(with = "crate::num::normalized")]
        amount: Decimal,
        to_coin: String,
        #[serde(with = "crate::num::normalized")]
        repaid: Decimal,
    },
    /// One side of a contract is reduced to the top of its next lower position tier.
    ReducePosition {
        symbol: String,
        side: PositionSide,
        #[serde(with = "crate::num::normalized")]
        size: Decimal,
        /// The tier (1 = first) the side is in afterwards.
        tier_after: usize,
    },
}

impl fmt::Display for LiquidationAction {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            LiquidationAction::CancelOrders { count } => {
                write!(f, "Cancel all {count} open order(s).")
            }
            LiquidationAction::CloseHedge {
                symbol,
                size,
                notional_usd,
            } => write!(
                f,
                "Close the hedged {} of {symbol} on both sides ({} a side) at the mark price.",
                group_thousands(*size),
                usd(*notional_usd)
            ),
            LiquidationAction::Convert {
                from_coin,
                amount,
                to_coin,
                repaid,
            } => write!(
                f,
                "Convert {} {from_coin} into {} {to_coin} to repay the {to_coin} debt.",
                group_thousands(amount.round_dp(12)),
                group_thousands(repaid.round_dp(12))
            ),
            LiquidationAction::ReducePosition {
                symbol,
                side,
                size,
                tier_after,
            } => write!(
                f,
                "Reduce the {} side of {symbol} by {} to the top of position tier {tier_after}.",
                side_name(*side),
                group_thousands(size.round_dp(12))
            ),
        }
    }
}

/// One step, and the account after it. Written with its `description`, the step in a
/// sentence, after the action's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiquidationStep {
    /// 0 for the cancellation of open orders, then the article's stages 1, 2 and 3.
    pub stage: u8,
    pub action: LiquidationAction,
    pub adjusted_equity: Decimal,
    pub maintenance_margin: Decimal,
    pub cross_margin_rate: Option<Decimal>,
}

impl LiquidationStep {
    /// The step in an English sentence.
    pub fn description(&self) -> String {
        self.action.to_string()
    }
}

impl Serialize for LiquidationStep {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Written<'a> {
            stage: u8,
            #[serde(flatten)]
            action: &'a LiquidationAction,
            description: String,
            #[serde(with = "crate::num::normalized")]
            adjusted_equity: Decimal,
            #[serde(with = "crate::num::normalized")]
            maintenance_margin: Decimal,
            #[serde(with = "crate::num::normalized::option")]
            cross_margin_rate: Option<Decimal>,
        }
        Written {
            stage: self.stage,
            action: &self.action,
            description: self.description(),
            adjusted_equity: self.adjusted_equity,
            maintenance_margin: self.maintenance_margin,
            cross_margin_rate: self.cross_margin_rate,
        }
        .serialize(s)
    }
}

/// How partial liquidation ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LiquidationOutcome {
    /// The account is below the liquidation rate: nothing happens.
    NotNeeded,
    /// The steps brought the rate below the liquidation rate.
    Safe,
    /// Every position is at its first tier and the account is still past the rate: the
    /// platform takes over its assets and positions.
    TakenOver,
}

/// The whole play-out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiquidationPlan {
    #[serde(with = "crate::num::normalized::option")]
    pub starting_rate: Option<Decimal>,
    #[serde(with = "crate::num::normalized")]
    pub liquidation_rate: Decimal,
    pub steps: Vec<LiquidationStep>,
    pub outcome: LiquidationOutcome,
    /// The readings of the article this play-out follows (written as sentences).
    pub readings: Vec<Reading>,
}

/// A reading of what the source article leaves open, followed by the play-out. `Display`
/// (and serialization) is the reading in plain English words, as shown to users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reading {
    OrdersCancelledFirst,
    NoFeeOrSlippage,
    StopsBelowTheRate,
    HedgesFirst,
    LargestDebtFirst,
    OneTierAtATime,
}

impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Reading::OrdersCancelledFirst => "At the liquidation rate all open orders, spot and futures, are cancelled first; liquidation starts only if the rate is still at or above it.",
            Reading::NoFeeOrSlippage => "Positions are closed and coins converted at the mark and index prices with no fee or slippage: the maintenance margin of what is liquidated pays for slippage, so a real liquidation ends somewhat worse than shown.",
            Reading::StopsBelowTheRate => "Liquidation stops as soon as the cross margin rate is back below the liquidation rate; the account may still be at warning.",
            Reading::HedgesFirst => "Stage 1 closes the hedged overlap of each contract, the largest first.",
            Reading::LargestDebtFirst => "Stage 2 repays the largest debt first, converting the coin with the highest discount rate first.",
            Reading::OneTierAtATime => "Stage 3 lowers one side of one contract by one position tier at a time, the one that cuts maintenance margin most first, largest position first; when all are at their first tier, the platform takes the account over.",
        })
    }
}

impl Serialize for Reading {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The readings, in the order they are shown.
pub const READINGS: [Reading; 6] = [
    Reading::OrdersCancelledFirst,
    Reading::NoFeeOrSlippage,
    Reading::StopsBelowTheRate,
    Reading::HedgesFirst,
    Reading::LargestDebtFirst,
    Reading::OneTierAtATime,
];

fn is_past(report: &Report, liquidation_rate: Decimal) -> bool {
    report
        .account
        .cross_margin_rate
        .is_none_or(|r| r >= liquidation_rate)
}

fn overflow(_: Overflow) -> Error {
    Error::too_large("", Figure::LiquidationPlayOut)
}

/// Plays out partial liquidation of an account (its pending orders included, its check
/// ignored): stage 0 cancels the open orders, stage 1 closes hedges, stage 2 repays debts,
/// stage 3 reduces positions a tier at a time, each until the account is safe.
pub fn liquidate(account: &Account) -> Result<LiquidationPlan, Error> {
    let mut run = PlayOut::start(account)?;
    if !run.is_past() {
        return Ok(run.plan);
    }
    let stages: [Stage; 4] = [
        cancel_orders,
        close_hedges,
        repay_debts,
        reduce_tier_by_tier,
    ];
    for stage in stages {
        // each stage answers whether the account is safe after it
        if stage(&mut run)? {
            break;
        }
    }
    Ok(run.plan)
}

/// A stage of the play-out: its steps, and whether the account is safe after them.
type Stage = fn(&mut PlayOut) -> Result<bool, Error>;

/// The play-out so far: the account as the steps left it, its report, and the plan.
struct PlayOut {
    account: Account,
    report: Report,
    plan: LiquidationPlan,
}

impl PlayOut {
    fn start(account: &Account) -> Result<PlayOut, Error> {
        let mut account = account.clone();
        account.check = None;
        let report = evaluate(&account)?;
        let plan = LiquidationPlan {
            starting_rate: report.account.cross_margin_rate,
            liquidation_rate: account.settings.liquidation_rate,
            steps: Vec::new(),
            outcome: LiquidationOutcome::NotNeeded,
            readings: READINGS.to_vec(),
        };
        Ok(PlayOut {
            account,
            report,
            plan,
        })
    }

    fn is_past(&self) -> bool {
        is_past(&self.report, self.plan.liquidation_rate)
    }

    /// Evaluates the account after a step and records the step; true when it is now safe.
    fn record(&mut self, stage: u8, action: LiquidationAction) -> Result<bool, Error> {
        self.report = evaluate(&self.account)?;
        let a = &self.report.account;
        self.plan.steps.push(LiquidationStep {
            stage,
            action,
            adjusted_equity: a.adjusted_equity,
            maintenance_margin: a.maintenance_margin,
            cross_margin_rate: a.cross_margin_rate,
        });
        let safe = !self.is_past();
        if safe {
            self.plan.outcome = LiquidationOutcome::Safe;
        }
        Ok(safe)
    }
}

/// Stage 0: every open order is cancelled.
fn cancel_orders(run: &mut PlayOut) -> Result<bool, Error> {
    if run.account.orders.is_empty() {
        return Ok(false);
    }
    let count = run.account.orders.len();
    run.account.orders.clear();
    run.record(0, LiquidationAction::CancelOrders { count })
}

/// Stage 1: the hedged overlap of each contract is closed on both sides, the largest
/// notional first.
fn close_hedges(run: &mut PlayOut) -> Result<bool, Error> {
    let mut hedges: Vec<(usize, Decimal, Decimal)> = Vec::new();
    for (j, c) in run.account.contracts.iter().enumerate() {
        let long = held(&run.account, j, PositionSide::Long).map_err(overflow)?;
        let short = held(&run.account, j, PositionSide::Short).map_err(overflow)?;
        let overlap = long.min(short);
        if overlap > Decimal::ZERO {
            let settle_usd = run.report.contracts[j].settle_usd_price;
            let notional =
                mul(mul(overlap, c.mark_price).map_err(overflow)?, settle_usd).map_err(overflow)?;
            hedges.push((j, overlap, notional));
        }
    }
    hedges.sort_by_key(|h| std::cmp::Reverse(h.2));
    for (j, overlap, notional) in hedges {
        reduce_side(&mut run.account, j, PositionSide::Long, overlap).map_err(overflow)?;
        reduce_side(&mut run.account, j, PositionSide::Short, overlap).map_err(overflow)?;
        let action = LiquidationAction::CloseHedge {
            symbol: run.account.contracts[j].symbol.clone(),
            size: overlap,
            notional_usd: notional,
        };
        if run.record(1, action)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// One conversion of stage 2: `amount` of coin `from` repays `repaid` of coin `to`'s debt.
struct Conversion {
    from: usize,
    to: usize,
    amount: Decimal,
    repaid: Decimal,
}

/// The next conversion: the largest debt (in USD) first, repaid from the coin with the
/// highest discount rate at its current tier (the larger value on a tie), each step repaying
/// the debt or using that coin up. `None` when no debt is left or nothing can repay one.
fn next_conversion(report: &Report) -> Result<Option<Conversion>, Overflow> {
    let coins = &report.coins;
    // a debt's USD value is −usd_equity: the largest debt has the lowest (the last of equals)
    let Some(d) = (0..coins.len())
        .filter(|&i| coins[i].debt > Decimal::ZERO && coins[i].usd_price > Decimal::ZERO)
        .max_by(|&a, &b| coins[b].usd_equity.cmp(&coins[a].usd_equity))
    else {
        return Ok(None);
    };
    // the rate of the tier holding each coin's value: its last slice's
    let top_rate = |i: usize| {
        coins[i]
            .discount_slices
            .last()
            .map_or(Decimal::ZERO, |s| s.rate)
    };
    let Some(c) = (0..coins.len())
        .filter(|&i| {
            i != d && coins[i].equity > Decimal::ZERO && coins[i].usd_price > Decimal::ZERO
        })
        .max_by(|&a, &b| {
            top_rate(a)
                .cmp(&top_rate(b))
                .then(coins[a].usd_equity.cmp(&coins[b].usd_equity))
        })
    else {
        return Ok(None);
    };
    let debt_usd = crate::num::neg(coins[d].usd_equity);
    let needed = div(debt_usd, coins[c].usd_price)?;
    let (amount, repaid) = if needed <= coins[c].equity {
        (needed, coins[d].debt)
    } else {
        let amount = coins[c].equity;
        let value = mul(amount, coins[c].usd_price)?;
        (amount, div(value, coins[d].usd_price)?.min(coins[d].debt))
    };
    Ok(Some(Conversion {
        from: c,
        to: d,
        amount,
        repaid,
    }))
}

/// Stage 2: coins converted to repay debts, one conversion at a time.
fn repay_debts(run: &mut PlayOut) -> Result<bool, Error> {
    let coins = run.account.coins.len();
    for _ in 0..coins.saturating_mul(coins).saturating_add(1) {
        let Some(conversion) = next_conversion(&run.report).map_err(overflow)? else {
            return Ok(false);
        };
        let Conversion {
            from,
            to,
            amount,
            repaid,
        } = conversion;
        let balance = &mut run.account.coins[from].balance;
        *balance = sub(*balance, amount).map_err(overflow)?;
        let balance = &mut run.account.coins[to].balance;
        *balance = add(*balance, repaid).map_err(overflow)?;
        let action = LiquidationAction::Convert {
            from_coin: run.account.coins[from].name.clone(),
            amount,
            to_coin: run.account.coins[to].name.clone(),
            repaid,
        };
        if run.record(2, action)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// One reduction of stage 3: a side of a contract cut by `size` to the top of the tier
/// below its own (`tier_after`, from 1), relieving the account of `relief`.
struct TierCut {
    relief: Decimal,
    contract: usize,
    side: PositionSide,
    size: Decimal,
    tier_after: usize,
}

/// The side whose reduction to the top of its next lower position tier cuts maintenance
/// margin plus liquidation fees the most; `None` when every side is at its first tier.
fn best_tier_cut(account: &Account, report: &Report) -> Result<Option<TierCut>, Overflow> {
    let mut best: Option<TierCut> = None;
    for (j, c) in account.contracts.iter().enumerate() {
        let settle_usd = report.contracts[j].settle_usd_price;
        let unit = mul(c.mark_price, settle_usd)?;
        if unit.is_zero() {
            continue;
        }
        let held_side = |side| {
            Ok::<_, Overflow>(SideBook {
                held: held(account, j, side)?,
                ..SideBook::default()
            })
        };
        let book = ContractBook {
            long: held_side(PositionSide::Long)?,
            short: held_side(PositionSide::Short)?,
        };
        let before = derivatives_maintenance_margin(&book, c, settle_usd)?;
        for side in [PositionSide::Long, PositionSide::Short] {
            let size = match side {
                PositionSide::Long => book.long.held,
                PositionSide::Short => book.short.held,
            };
            let tier = position_tier(&c.mm_tiers, mul(size, unit)?);
            let lower = tier.checked_sub(1).and_then(|t| c.mm_tiers.get(t));
            let Some(lower_top) = lower.and_then(|t| t.up_to_usd).filter(|_| !size.is_zero())
            else {
                continue;
            };
            // round the size left down, so the side lands at or under the lower tier's top
            let keep = div(lower_top, unit)?.round_dp_with_strategy(18, RoundingStrategy::ToZero);
            let mut after = book;
            match side {
                PositionSide::Long => after.long.held = keep,
                PositionSide::Short => after.short.held = keep,
            }
            let after = derivatives_maintenance_margin(&after, c, settle_usd)?;
            let relief = sub(
                add(before.maintenance_margin, before.partial_liquidation_fee)?,
                add(after.maintenance_margin, after.partial_liquidation_fee)?,
            )?;
            if best.as_ref().is_none_or(|b| relief > b.relief) {
                best = Some(TierCut {
                    relief,
                    contract: j,
                    side,
                    size: sub(size, keep)?,
                    tier_after: tier,
                });
            }
        }
    }
    Ok(best)
}

/// Stage 3: one side of one contract down by one position tier at a time; the platform
/// takes the account over when every side is at its first tier and it is still past the
/// liquidation rate.
fn reduce_tier_by_tier(run: &mut PlayOut) -> Result<bool, Error> {
    for _ in 0..10_000 {
        let Some(cut) = best_tier_cut(&run.account, &run.report).map_err(overflow)? else {
            break;
        };
        reduce_side(&mut run.account, cut.contract, cut.side, cut.size).map_err(overflow)?;
        let action = LiquidationAction::ReducePosition {
            symbol: run.account.contracts[cut.contract].symbol.clone(),
            side: cut.side,
            size: cut.size,
            tier_after: cut.tier_after,
        };
        if run.record(3, action)? {
            return Ok(true);
        }
    }
    run.plan.outcome = LiquidationOutcome::TakenOver;
    Ok(false)
}

/// Reduces the held size of one side of contract `j` by `size`, largest position first,
/// realizing each reduced part's PnL at mark into the settle coin's balance.
fn reduce_side(
    account: &mut Account,
    j: usize,
    side: PositionSide,
    size: Decimal,
) -> Result<(), Overflow> {
    let contract = &account.contracts[j];
    let (mark, settle) = (contract.mark_price, contract.settle);
    let mut order: Vec<usize> = (0..account.positions.len())
        .filter(|&k| account.positions[k].contract == j && account.positions[k].side == side)
        .collect();
    order.sort_by(|&a, &b| account.positions[b].size.cmp(&account.positions[a].size));
    let mut left = size;
    for k in order {
        if left <= Decimal::ZERO {
            break;
        }
        let p = &mut account.positions[k];
        let cut = left.min(p.size);
        let pnl = crate::rules::equity::unrealized_pnl(p.side, mark, p.entry_price, cut)?;
        p.size = sub(p.size, cut)?;
        left = sub(left, cut)?;
        account.coins[settle].balance = add(account.coins[settle].balance, pnl)?;
    }
    account.positions.retain(|p| p.size > Decimal::ZERO);
    Ok(())
}

/// The size held on one side of contract `j`.
fn held(account: &Account, j: usize, side: PositionSide) -> Result<Decimal, Overflow> {
    (account.positions.iter())
        .filter(|p| p.contract == j && p.side == side)
        .try_fold(Decimal::ZERO, |sum, p| add(sum, p.size))
}
