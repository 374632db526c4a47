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
use crate::rules::initial_margin::ContractBook;
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

/// Evaluates the account after a step and records the step; true when it is now safe.
fn record(
    plan: &mut LiquidationPlan,
    report: &mut Report,
    acc: &Account,
    stage: u8,
    action: LiquidationAction,
) -> Result<bool, Error> {
    *report = evaluate(acc)?;
    plan.steps.push(LiquidationStep {
        stage,
        action,
        adjusted_equity: report.account.adjusted_equity,
        maintenance_margin: report.account.maintenance_margin,
        cross_margin_rate: report.account.cross_margin_rate,
    });
    let safe = !is_past(report, plan.liquidation_rate);
    if safe {
        plan.outcome = LiquidationOutcome::Safe;
    }
    Ok(safe)
}

fn held(account: &Account, j: usize, side: PositionSide) -> Decimal {
    account
        .positions
        .iter()
        .filter(|p| p.contract == j && p.side == side)
        .fold(Decimal::ZERO, |sum, p| sum + p.size)
}

/// Plays out partial liquidation of an account (its pending orders included, its check
/// ignored).
pub fn liquidate(account: &Account) -> Result<LiquidationPlan, Error> {
    let mut acc = account.clone();
    acc.check = None;
    let rate = acc.settings.liquidation_rate;
    let mut report = evaluate(&acc)?;
    let mut plan = LiquidationPlan {
        starting_rate: report.account.cross_margin_rate,
        liquidation_rate: rate,
        steps: Vec::new(),
        outcome: LiquidationOutcome::NotNeeded,
        readings: READINGS.to_vec(),
    };
    if !is_past(&report, rate) {
        return Ok(plan);
    }
    // Stage 0: open orders
    if !acc.orders.is_empty() {
        let count = acc.orders.len();
        acc.orders.clear();
        if record(
            &mut plan,
            &mut report,
            &acc,
            0,
            LiquidationAction::CancelOrders { count },
        )? {
            return Ok(plan);
        }
    }

    // Stage 1: hedged overlaps, largest notional first
    let mut hedges: Vec<(usize, Decimal, Decimal)> = Vec::new();
    for (j, c) in acc.contracts.iter().enumerate() {
        let overlap = held(&acc, j, PositionSide::Long).min(held(&acc, j, PositionSide::Short));
        if overlap > Decimal::ZERO {
            let notional = mul(
                mul(overlap, c.mark_price).map_err(overflow)?,
                report.contracts[j].settle_usd_price,
            )
            .map_err(overflow)?;
            hedges.push((j, overlap, notional));
        }
    }
    hedges.sort_by_key(|h| std::cmp::Reverse(h.2));
    for (j, overlap, notional) in hedges {
        reduce_side(&mut acc, j, PositionSide::Long, overlap).map_err(overflow)?;
        reduce_side(&mut acc, j, PositionSide::Short, overlap).map_err(overflow)?;
        let symbol = acc.contracts[j].symbol.clone();
        if record(
            &mut plan,
            &mut report,
            &acc,
            1,
            LiquidationAction::CloseHedge {
                symbol,
                size: overlap,
                notional_usd: notional,
            },
        )? {
            return Ok(plan);
        }
    }

    // Stage 2: convert coins into debts
    for _ in 0..acc.coins.len() * acc.coins.len() + 1 {
        let coins = &report.coins;
        let Some(d) = (0..coins.len())
            .filter(|&i| coins[i].debt > Decimal::ZERO && coins[i].usd_price > Decimal::ZERO)
            .max_by(|&a, &b| {
                mul(coins[a].debt, coins[a].usd_price)
                    .unwrap_or(Decimal::MAX)
                    .cmp(&mul(coins[b].debt, coins[b].usd_price).unwrap_or(Decimal::MAX))
            })
        else {
            break;
        };
        // the top tier's rate of each coin with value, highest first
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
            break;
        };
        let debt_usd = mul(coins[d].debt, coins[d].usd_price).map_err(overflow)?;
        let needed = div(debt_usd, coins[c].usd_price).map_err(overflow)?;
        let (amount, repaid) = if needed <= coins[c].equity {
            (needed, coins[d].debt)
        } else {
            let amount = coins[c].equity;
            let value = mul(amount, coins[c].usd_price).map_err(overflow)?;
            (
                amount,
                div(value, coins[d].usd_price)
                    .map_err(overflow)?
                    .min(coins[d].debt),
            )
        };
        let (from_coin, to_coin) = (coins[c].coin.clone(), coins[d].coin.clone());
        acc.coins[c].balance = sub(acc.coins[c].balance, amount).map_err(overflow)?;
        acc.coins[d].balance = add(acc.coins[d].balance, repaid).map_err(overflow)?;
        let action = LiquidationAction::Convert {
            from_coin,
            amount,
            to_coin,
            repaid,
        };
        if record(&mut plan, &mut report, &acc, 2, action)? {
            return Ok(plan);
        }
    }

    // Stage 3: one position tier at a time
    for _ in 0..10_000 {
        let mut best: Option<(Decimal, usize, PositionSide, Decimal, usize)> = None;
        for (j, c) in acc.contracts.iter().enumerate() {
            let settle_usd = report.contracts[j].settle_usd_price;
            let unit = mul(c.mark_price, settle_usd).map_err(overflow)?;
            if unit.is_zero() {
                continue;
            }
            let book = ContractBook {
                long: crate::rules::initial_margin::SideBook {
                    held: held(&acc, j, PositionSide::Long),
                    ..Default::default()
                },
                short: crate::rules::initial_margin::SideBook {
                    held: held(&acc, j, PositionSide::Short),
                    ..Default::default()
                },
            };
            let before = derivatives_maintenance_margin(&book, c, settle_usd).map_err(overflow)?;
            for side in [PositionSide::Long, PositionSide::Short] {
                let size = if side == PositionSide::Long {
                    book.long.held
                } else {
                    book.short.held
                };
                let notional = mul(size, unit).map_err(overflow)?;
                let tier = position_tier(&c.mm_tiers, notional);
                if size.is_zero() || tier == 0 {
                    continue;
                }
                let Some(lower_top) = c.mm_tiers[tier - 1].up_to_usd else {
                    continue;
                };
                // round the size left down, so the side lands at or under the lower tier's top
                let keep = div(lower_top, unit)
                    .map_err(overflow)?
                    .round_dp_with_strategy(18, RoundingStrategy::ToZero);
                let cut = sub(size, keep).map_err(overflow)?;
                let mut after = book;
                match side {
                    PositionSide::Long => after.long.held = keep,
                    PositionSide::Short => after.short.held = keep,
                }
                let after_mm =
                    derivatives_maintenance_margin(&after, c, settle_usd).map_err(overflow)?;
                let relief = sub(
                    add(before.maintenance_margin, before.partial_liquidation_fee)
                        .map_err(overflow)?,
                    add(
                        after_mm.maintenance_margin,
                        after_mm.partial_liquidation_fee,
                    )
                    .map_err(overflow)?,
                )
                .map_err(overflow)?;
                if best.is_none_or(|b| relief > b.0) {
                    best = Some((relief, j, side, cut, tier));
                }
            }
        }
        let Some((_, j, side, cut, tier)) = best else {
            plan.outcome = LiquidationOutcome::TakenOver;
            return Ok(plan);
        };
        reduce_side(&mut acc, j, side, cut).map_err(overflow)?;
        let symbol = acc.contracts[j].symbol.clone();
        let action = LiquidationAction::ReducePosition {
            symbol,
            side,
            size: cut,
            tier_after: tier,
        };
        if record(&mut plan, &mut report, &acc, 3, action)? {
            return Ok(plan);
        }
    }
    plan.outcome = LiquidationOutcome::TakenOver;
    Ok(plan)
}
