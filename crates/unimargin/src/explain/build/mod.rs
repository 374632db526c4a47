//! The explanations made from a report and its record: which items to write out, in which
//! form, with which numbers. Every figure is read (from the report, the record or the
//! account's inputs), none worked out again.

use super::*;
use crate::model::{CoinModel, OrderModel, Quote};
use crate::record::{CoinChange, LoanTerms, OrderEffect, SpotOrderEffect};
use crate::report::{ContractReport, SideReport};
use crate::rules::discount::discount_rate_at;
use crate::rules::pending::book_side;
use crate::rules::tiers::{tier_bounds, Tier};

mod check;
mod figures;
mod position;
use crate::scenario::PositionMode;

/// Explains a report of `account`; a report that is not the account's (a caller's mistake)
/// gets the figures without their working.
pub(super) fn explain(account: &Account, report: &Report) -> Explanations {
    if !consistent(account, report) {
        return out_of_date(report);
    }
    let ctx = Ctx { account, report };
    Explanations {
        adjusted_equity: ctx.adjusted_equity(),
        margin_reserved: ctx.margin_reserved(),
        maintenance_margin: ctx.maintenance_margin(),
        cross_margin_rate: ctx.cross_margin_rate(),
        check: ctx.check(),
        positions: (0..account.positions.len().min(LISTED))
            .map(|k| ctx.position(k))
            .collect(),
    }
}

pub(super) fn explain_position(
    account: &Account,
    report: &Report,
    k: usize,
) -> Option<Explanation> {
    (consistent(account, report) && k < account.positions.len())
        .then(|| Ctx { account, report }.position(k))
}

/// Whether `report` (and its record) can be `evaluate(account)`'s.
fn consistent(account: &Account, report: &Report) -> bool {
    let record = &report.record;
    let orders_match = (account.orders.iter().zip(&record.orders)).all(|(o, e)| same_market(o, e));
    let check_matches = match (&account.check, &report.check, &record.check) {
        (None, None, None) => true,
        (Some(model), Some(_), Some(effect)) => same_market(&model.order, effect),
        _ => false,
    };
    report.coins.len() == account.coins.len()
        && report.positions.len() == account.positions.len()
        && record.coins.len() == account.coins.len()
        && report.contracts.len() == account.contracts.len()
        && record.contracts.len() == account.contracts.len()
        && report.orders.len() == account.orders.len()
        && record.orders.len() == account.orders.len()
        && orders_match
        && check_matches
}

fn same_market(order: &OrderModel, effect: &OrderEffect) -> bool {
    matches!(
        (order, effect),
        (OrderModel::Spot { .. }, OrderEffect::Spot(_))
            | (OrderModel::Futures { .. }, OrderEffect::Futures(_))
    )
}

fn explanation(
    subject: Subject,
    formula: Formula,
    worked: Vec<Line>,
    readings: &[Reading],
) -> Explanation {
    Explanation {
        subject,
        formula,
        worked,
        readings: readings.to_vec(),
    }
}

const AE_READINGS: &[Reading] = &[
    Reading::DiscountLikeTaxBrackets,
    Reading::TierHoldsItsUpperBound,
    Reading::DebtCountsInFull,
    Reading::PendingOrdersInListOrder,
    Reading::NoCreditBeforeTheFill,
    Reading::FuturesFeeInsideInitialMargin,
];

const MR_READINGS: &[Reading] = &[
    Reading::LoanTakesTheTierOfItsWholeDebt,
    Reading::NoTiersNoBorrowing,
    Reading::PendingSpotOrderAddsLoanMargin,
    Reading::ContractReservesItsLargerSide,
    Reading::FuturesFeeIsTheTakerTerm,
    Reading::FuturesOrdersCancelledBelowReserved,
];

const MM_READINGS: &[Reading] = &[
    Reading::LoanTakesTheMaintenanceRateOfItsTier,
    Reading::SideTakesTheTierOfItsWholeNotional,
    Reading::OpenOrdersAtMark,
    Reading::LargerSideSetsMaintenance,
    Reading::PendingSpotOrderAddsLoanMaintenance,
];

const CMR_READINGS: &[Reading] = &[
    Reading::LiquidationFeeOnTheBindingSide,
    Reading::NothingToMaintainIsZero,
    Reading::NoEquityIsUnbounded,
    Reading::ThresholdReachedAtIt,
];

/// The figures alone, for a report that is not the account's.
fn out_of_date(report: &Report) -> Explanations {
    let a = &report.account;
    let figure = |total: Total, value: Option<Decimal>| {
        vec![Line::Total {
            total,
            terms: Vec::new(),
            value,
            verdict: None,
        }]
    };
    Explanations {
        adjusted_equity: explanation(
            Subject::AdjustedEquity,
            Formula::AdjustedEquity,
            figure(Total::AdjustedEquity, Some(a.adjusted_equity)),
            AE_READINGS,
        ),
        margin_reserved: explanation(
            Subject::MarginReserved,
            Formula::MarginReserved,
            figure(Total::MarginReserved, Some(a.margin_reserved)),
            MR_READINGS,
        ),
        maintenance_margin: explanation(
            Subject::MaintenanceMargin,
            Formula::MaintenanceMargin,
            figure(Total::MaintenanceMargin, Some(a.maintenance_margin)),
            MM_READINGS,
        ),
        cross_margin_rate: explanation(
            Subject::CrossMarginRate,
            Formula::CrossMarginRate,
            figure(Total::CrossMarginRate, a.cross_margin_rate),
            CMR_READINGS,
        ),
        check: report.check.as_ref().map(|c| {
            explanation(
                Subject::OrderCheck,
                Formula::OrderCheck,
                figure(Total::Headroom, Some(c.headroom)),
                &[Reading::CheckedAsTheLastPendingOrder],
            )
        }),
        positions: Vec::new(),
    }
}

/// The first [`LISTED`] items of a kind, written out; the rest counted and summed for one
/// closing [`Line::More`].
struct Listing {
    listed: usize,
    hidden: usize,
    /// `None` once the sum went beyond exact arithmetic.
    hidden_sum: Option<Decimal>,
}

impl Listing {
    fn new() -> Listing {
        Listing {
            listed: 0,
            hidden: 0,
            hidden_sum: Some(Decimal::ZERO),
        }
    }

    /// Whether the next item is written out; if not, its `value` goes into the rest.
    fn admit(&mut self, value: Decimal) -> bool {
        if self.listed < LISTED {
            self.listed = self.listed.saturating_add(1);
            return true;
        }
        self.hidden = self.hidden.saturating_add(1);
        self.hidden_sum = self.hidden_sum.and_then(|s| s.checked_add(value));
        false
    }

    /// The closing line, when anything was left out.
    fn rest(&self, what: Many) -> Option<Line> {
        (self.hidden > 0).then_some(Line::More {
            count: self.hidden,
            what,
            sum: self.hidden_sum,
        })
    }
}

/// The range of tier `index` of `tiers`, in `unit`.
fn tier_range<T: Tier>(tiers: &[T], index: usize, unit: Unit) -> TierRange {
    let (lower, upper) = tier_bounds(tiers, index);
    TierRange { lower, upper, unit }
}

/// The discount rate that applies to an equity at a USD price: the rate of the tier holding
/// it when positive (0 without tiers), 1 when zero or negative (debt counts in full).
fn rate_at(coin: &CoinModel, equity: Decimal, usd_price: Decimal) -> Option<Decimal> {
    if equity <= Decimal::ZERO {
        return Some(Decimal::ONE);
    }
    discount_rate_at(&coin.discount_tiers, equity, usd_price).ok()
}

fn has_book(r: &ContractReport) -> bool {
    [&r.long, &r.short]
        .iter()
        .any(|s| !s.held_size.is_zero() || !s.open_size.is_zero())
}

fn side_of(r: &ContractReport, side: PositionSide) -> &SideReport {
    match side {
        PositionSide::Long => &r.long,
        PositionSide::Short => &r.short,
    }
}

fn other(side: PositionSide) -> PositionSide {
    match side {
        PositionSide::Long => PositionSide::Short,
        PositionSide::Short => PositionSide::Long,
    }
}

/// The account as the explanations read it.
struct Ctx<'a> {
    account: &'a Account,
    report: &'a Report,
}

impl Ctx<'_> {
    fn coin_name(&self, i: usize) -> String {
        self.account.coins[i].name.clone()
    }

    fn usd_price(&self, i: usize) -> Decimal {
        self.report.coins[i].usd_price
    }

    /// The USD price of a coin's quote.
    fn quote_usd(&self, i: usize) -> Decimal {
        match self.account.coins[i].quote {
            Quote::Usd => Decimal::ONE,
            Quote::Usdt => self.account.settings.usdt_usd,
            Quote::Usdc => self.account.settings.usdc_usd,
            Quote::Btc(btc) => self.usd_price(btc),
        }
    }

    fn order_words(&self, order: &OrderModel) -> OrderWords {
        match *order {
            OrderModel::Spot {
                side,
                base,
                quote,
                size,
                price,
            } => OrderWords {
                side,
                size,
                traded: self.coin_name(base),
                price,
                quote: Some(self.coin_name(quote)),
            },
            OrderModel::Futures {
                side,
                contract,
                size,
                price,
            } => OrderWords {
                side,
                size,
                traded: self.account.contracts[contract].symbol.clone(),
                price,
                quote: None,
            },
        }
    }

    fn pending(&self, k: usize) -> PendingOrder {
        PendingOrder {
            number: k.saturating_add(1),
            order: self.order_words(&self.account.orders[k]),
        }
    }

    /// A loan's margin (`maintenance` or initial) with its tier; `None` without debt.
    fn loan_margin(&self, i: usize, loan: &LoanTerms, maintenance: bool) -> Option<LoanMargin> {
        let coin = &self.account.coins[i];
        let index = loan.tier?;
        let tier = coin.loan_tiers.get(index)?;
        let (rate, margin) = if maintenance {
            (LoanRate::Mmr(tier.mmr), loan.maintenance_margin)
        } else {
            (LoanRate::Leverage(tier.leverage), loan.initial_margin)
        };
        Some(LoanMargin {
            debt: loan.debt,
            usd_price: self.usd_price(i),
            rate,
            margin,
            tier: (coin.loan_tiers.len() > 1)
                .then(|| tier_range(&coin.loan_tiers, index, Unit::Coin(coin.name.clone()))),
        })
    }

    /// What a fill does to its coins' loans, the paid coin first: one change per coin whose
    /// debt changes.
    fn loan_changes(&self, effect: &SpotOrderEffect, maintenance: bool) -> Vec<LoanChange> {
        let mut changes = Vec::new();
        for c in [effect.paid(), effect.bought()] {
            let (Some(before), Some(after)) = (c.before.loan, c.after.loan) else {
                continue;
            };
            if before.debt == after.debt {
                continue;
            }
            let margin = |l: &LoanTerms| {
                if maintenance {
                    l.maintenance_margin
                } else {
                    l.initial_margin
                }
            };
            changes.push(LoanChange {
                coin: self.coin_name(c.coin),
                before: (!before.debt.is_zero()).then(|| margin(&before)),
                after: self.loan_margin(c.coin, &after, maintenance),
            });
        }
        changes
    }

    /// A spot order's loss in the simplest form that shows it: in the article's form when
    /// both coins change at one rate each for the same USD value; otherwise term by term,
    /// or, across tiers, as the two coins' contributions before less after.
    fn spot_loss(&self, order: &OrderModel, effect: &SpotOrderEffect) -> SpotLossWorked {
        let (paid, bought) = (effect.paid(), effect.bought());
        let (p_paid, p_bought) = (self.usd_price(paid.coin), self.usd_price(bought.coin));
        // the one rate at which a coin's contribution changed, if there is one
        let linear_rate = |c: &CoinChange, p: Decimal| {
            let change = c.after.contribution.checked_sub(c.before.contribution)?;
            let value_change = c
                .after
                .equity
                .checked_sub(c.before.equity)?
                .checked_mul(p)?;
            let coin = &self.account.coins[c.coin];
            [c.before.equity, c.after.equity]
                .into_iter()
                .filter_map(|e| rate_at(coin, e, p))
                .find(|r| value_change.checked_mul(*r) == Some(change))
        };
        let (paid_qty, bought_qty) = (crate::num::neg(paid.change), bought.change);
        let form = match (
            linear_rate(paid, p_paid),
            linear_rate(bought, p_bought),
            order,
        ) {
            (
                Some(paid_rate),
                Some(bought_rate),
                OrderModel::Spot {
                    quote, size, price, ..
                },
            ) if paid_qty.checked_mul(p_paid) == bought_qty.checked_mul(p_bought) => {
                SpotLoss::OneRateEach {
                    size: *size,
                    price: *price,
                    quote_usd: self.usd_price(*quote),
                    paid_rate,
                    bought_rate,
                }
            }
            (Some(paid_rate), Some(bought_rate), _) => SpotLoss::TwoRates {
                paid: paid_qty,
                paid_usd: p_paid,
                paid_rate,
                bought: bought_qty,
                bought_usd: p_bought,
                bought_rate,
            },
            _ => SpotLoss::Contributions {
                paid: self.coin_name(paid.coin),
                bought: self.coin_name(bought.coin),
                paid_before: paid.before.contribution,
                bought_before: bought.before.contribution,
                paid_after: paid.after.contribution,
                bought_after: bought.after.contribution,
            },
        };
        SpotLossWorked {
            form,
            lost: effect.contributions_lost,
        }
    }

    /// A spot order's fee: `size × price × p(quote) × the spot taker fee`.
    fn fee(&self, order: &OrderModel, fee: Decimal) -> FeeWorked {
        let (size, price, quote_usd) = match *order {
            OrderModel::Spot {
                quote, size, price, ..
            } => (size, price, self.usd_price(quote)),
            OrderModel::Futures { size, price, .. } => (size, price, Decimal::ONE),
        };
        FeeWorked {
            size,
            price,
            quote_usd,
            rate: self.account.settings.spot_taker_fee,
            fee,
        }
    }
}

/// `count` more items of a kind that has no sum.
fn more(count: usize, what: Many) -> Line {
    Line::More {
        count,
        what,
        sum: None,
    }
}

/// `Figure = first − second − … = value`.
fn total(total: Total, terms: &[Decimal], value: Decimal, verdict: Option<Verdict>) -> Line {
    Line::Total {
        total,
        terms: (terms.iter().enumerate())
            .map(|(i, &value)| Term {
                minus: i > 0,
                value,
                label: None,
            })
            .collect(),
        value: Some(value),
        verdict,
    }
}
