//! The explanations made from a report and its record: which items to write out, in which
//! form, with which numbers. Every figure is read (from the report, the record or the
//! account's inputs), none worked out again.

use super::*;
use crate::model::{CoinModel, OrderModel, Quote};
use crate::record::{CoinChange, LoanTerms, OrderEffect, SpotOrderEffect};
use crate::report::{ContractReport, SideReport};
use crate::rules::pending::book_side;
use crate::rules::tiers::{tier_bounds, tier_holding, Tier};
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
            self.listed += 1;
            return true;
        }
        self.hidden += 1;
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

/// The discount rate that applies at a USD value: the rate of the tier holding it when
/// positive (0 without tiers), 1 when zero or negative (debt counts in full).
fn rate_at(coin: &CoinModel, value_usd: Decimal) -> Decimal {
    if value_usd <= Decimal::ZERO {
        return Decimal::ONE;
    }
    tier_holding(&coin.discount_tiers, value_usd)
        .map_or(Decimal::ZERO, |t| coin.discount_tiers[t].rate)
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
            number: k + 1,
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
                .filter_map(|e| e.checked_mul(p).map(|value| rate_at(coin, value)))
                .find(|r| value_change.checked_mul(*r) == Some(change))
        };
        let (paid_qty, bought_qty) = (-paid.change, bought.change);
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

    // -----------------------------------------------------------------------------------
    // Adjusted equity

    fn adjusted_equity(&self) -> Explanation {
        let a = &self.report.account;
        let coins = self.account.coins.iter().zip(&self.report.coins);
        let mut lines = Vec::new();

        // equities that include unrealized PnL
        let mut hidden = 0usize;
        for (coin, r) in coins.clone() {
            if r.unrealized_pnl.is_zero() {
                continue;
            }
            if lines.len() == LISTED {
                hidden += 1;
                continue;
            }
            lines.push(Line::CoinEquity {
                coin: coin.name.clone(),
                balance: coin.balance,
                unrealized_pnl: r.unrealized_pnl,
                equity: r.equity,
            });
        }
        if hidden > 0 {
            lines.push(more(hidden, Many::CoinsWithPnl));
        }

        // USD prices through a quote not at par
        let (mut listed, mut hidden) = (0usize, 0usize);
        for (i, (coin, r)) in coins.clone().enumerate() {
            if r.equity.is_zero() || r.usd_price == coin.price {
                continue;
            }
            if listed == LISTED {
                hidden += 1;
                continue;
            }
            listed += 1;
            let via = match (coin.stablecoin, coin.quote) {
                (Some(_), _) => PriceVia::Setting,
                (None, quote) => PriceVia::Quote {
                    price: coin.price,
                    quote: match quote {
                        Quote::Usd => "USD",
                        Quote::Usdt => "USDT",
                        Quote::Usdc => "USDC",
                        Quote::Btc(_) => "BTC",
                    }
                    .to_string(),
                    quote_usd: self.quote_usd(i),
                },
            };
            lines.push(Line::CoinPrice {
                coin: coin.name.clone(),
                via,
                usd_price: r.usd_price,
            });
        }
        if hidden > 0 {
            lines.push(more(hidden, Many::CoinsPricedThroughAQuote));
        }

        // coins whose value spans tiers, and the sum itself
        let mut terms = Vec::new();
        let (mut listed, mut rest_count, mut tier_lines) = (0usize, 0usize, 0usize);
        let mut rest = Some(Decimal::ZERO);
        for (coin, r) in coins {
            if r.equity.is_zero() {
                continue;
            }
            if listed == LISTED {
                rest_count += 1;
                rest = rest.and_then(|s| s.checked_add(r.contribution));
                continue;
            }
            listed += 1;
            if r.equity < Decimal::ZERO {
                terms.push(SumTerm::Debt {
                    owed: -r.equity,
                    usd_price: r.usd_price,
                });
                continue;
            }
            match r.discount_slices.as_slice() {
                [] | [_] => terms.push(SumTerm::Coin {
                    equity: r.equity,
                    usd_price: r.usd_price,
                    rate: r.discount_slices.first().map_or(Decimal::ZERO, |s| s.rate),
                }),
                slices => {
                    let mut by_tier = Vec::with_capacity(slices.len());
                    for s in slices {
                        terms.push(SumTerm::Slice {
                            value_usd: s.value_usd,
                            rate: s.rate,
                        });
                        let range = TierRange {
                            lower: (!s.from_usd.is_zero()).then_some(s.from_usd),
                            upper: s.to_usd,
                            unit: Unit::Usd,
                        };
                        by_tier.push((range, s.rate));
                    }
                    tier_lines += 1;
                    if tier_lines <= LISTED {
                        lines.push(Line::TieredDiscount {
                            coin: coin.name.clone(),
                            equity: r.equity,
                            usd_price: r.usd_price,
                            usd_equity: r.usd_equity,
                            slices: by_tier,
                            contribution: r.contribution,
                        });
                    }
                }
            }
        }
        if rest_count > 0 {
            terms.push(SumTerm::MoreCoins {
                count: rest_count,
                sum: rest,
            });
        }

        // pending spot orders: what each takes off
        let (mut shown, mut hidden) = (0usize, 0usize);
        for (k, r) in self.report.orders.iter().enumerate() {
            if r.spot_loss.is_zero() && r.fee.is_zero() {
                continue;
            }
            let (order, OrderEffect::Spot(effect)) =
                (&self.account.orders[k], &self.report.record.orders[k])
            else {
                continue;
            };
            if shown == LISTED {
                hidden += 1;
                continue;
            }
            shown += 1;
            lines.push(Line::PendingOrderCosts {
                order: self.pending(k),
                loss: self.spot_loss(order, effect),
                fee: self.fee(order, r.fee),
            });
        }
        if hidden > 0 {
            lines.push(more(hidden, Many::PendingOrdersWithCosts));
        }
        if !a.spot_trading_losses.is_zero() {
            terms.push(SumTerm::SpotTradingLosses(a.spot_trading_losses));
        }
        if !a.pending_fees.is_zero() {
            terms.push(SumTerm::PendingFees(a.pending_fees));
        }
        lines.push(Line::AdjustedEquitySum {
            terms,
            total: a.adjusted_equity,
        });
        explanation(
            Subject::AdjustedEquity,
            Formula::AdjustedEquity,
            lines,
            AE_READINGS,
        )
    }

    // -----------------------------------------------------------------------------------
    // Margin reserved and maintenance margin

    /// The coins in debt, each loan's margin; then the pending spot orders'.
    fn loan_lines(&self, lines: &mut Vec<Line>, maintenance: bool) {
        let mut listing = Listing::new();
        for (i, r) in self.report.coins.iter().enumerate() {
            if r.debt.is_zero() {
                continue;
            }
            let margin = if maintenance {
                r.loan_maintenance_margin
            } else {
                r.loan_initial_margin
            };
            if !listing.admit(margin) {
                continue;
            }
            let loan = self.report.record.coins[i].loan;
            if let Some(margin) = loan.and_then(|l| self.loan_margin(i, &l, maintenance)) {
                lines.push(Line::Loan {
                    coin: self.coin_name(i),
                    margin,
                });
            }
        }
        lines.extend(listing.rest(Many::Loans));

        let mut listing = Listing::new();
        for (k, r) in self.report.orders.iter().enumerate() {
            let added = if maintenance {
                r.maintenance_margin_added
            } else {
                r.initial_margin_added
            };
            let OrderEffect::Spot(effect) = &self.report.record.orders[k] else {
                continue;
            };
            if added.is_zero() || !listing.admit(added) {
                continue;
            }
            lines.push(Line::PendingOrderLoans {
                order: self.pending(k),
                added,
                changes: self.loan_changes(effect, maintenance),
            });
        }
        lines.extend(listing.rest(Many::PendingOrdersAddingMargin));
    }

    /// A side's value terms: held at mark, its open orders at their prices (their total
    /// beyond three), and an `extra` order.
    fn side_value(
        &self,
        j: usize,
        side: PositionSide,
        s: &SideReport,
        extra: Option<(Decimal, Decimal)>,
    ) -> Vec<ValueTerm> {
        let c = &self.account.contracts[j];
        let mut terms = Vec::new();
        if !s.held_size.is_zero() {
            terms.push(ValueTerm::AtPrice {
                size: s.held_size,
                price: c.mark_price,
            });
        }
        if !s.open_size.is_zero() {
            let orders = self.account.orders.iter().filter_map(|o| match *o {
                OrderModel::Futures {
                    side: order_side,
                    contract,
                    size,
                    price,
                } if contract == j && book_side(order_side) == side => {
                    Some(ValueTerm::AtPrice { size, price })
                }
                _ => None,
            });
            if orders.clone().take(4).count() <= 3 {
                terms.extend(orders);
            } else {
                terms.push(ValueTerm::OpenOrders(s.open_value));
            }
        }
        if let Some((size, price)) = extra {
            terms.push(ValueTerm::AtPrice { size, price });
        }
        terms
    }

    fn side_initial_margin(
        &self,
        j: usize,
        side: PositionSide,
        s: &SideReport,
        extra: Option<(Decimal, Decimal)>,
        margin: Decimal,
    ) -> SideInitialMargin {
        let c = &self.account.contracts[j];
        SideInitialMargin {
            value: self.side_value(j, side, s, extra),
            leverage: c.leverage,
            taker_fee: c.taker_fee,
            settle_usd: self.report.contracts[j].settle_usd_price,
            margin,
        }
    }

    fn side_maintenance_margin(&self, j: usize, side: PositionSide) -> SideMaintenanceMargin {
        let c = &self.account.contracts[j];
        let r = &self.report.contracts[j];
        let s = side_of(r, side);
        let m = &self.report.record.contracts[j].maintenance;
        let tier = match side {
            PositionSide::Long => m.long.tier,
            PositionSide::Short => m.short.tier,
        };
        SideMaintenanceMargin {
            held: s.held_size,
            open: s.open_size,
            mmr: s.mmr,
            taker_fee: c.taker_fee,
            mark_price: c.mark_price,
            settle_usd: r.settle_usd_price,
            margin: s.maintenance_margin,
            tier: (c.mm_tiers.len() > 1)
                .then(|| (s.notional_usd, tier_range(&c.mm_tiers, tier, Unit::Usd))),
        }
    }

    /// `Figure = loans + derivatives = total`.
    fn loans_and_derivatives(
        total: Total,
        loans: Decimal,
        derivatives: Decimal,
        sum: Decimal,
    ) -> Line {
        Line::Total {
            total,
            terms: vec![
                Term {
                    minus: false,
                    value: loans,
                    label: Some(TermLabel::Loans),
                },
                Term {
                    minus: false,
                    value: derivatives,
                    label: Some(TermLabel::Derivatives),
                },
            ],
            value: Some(sum),
            verdict: None,
        }
    }

    fn margin_reserved(&self) -> Explanation {
        let a = &self.report.account;
        let mut lines = Vec::new();
        self.loan_lines(&mut lines, false);

        let mut listing = Listing::new();
        for (j, r) in self.report.contracts.iter().enumerate() {
            if !has_book(r) || !listing.admit(r.initial_margin) {
                continue;
            }
            let side = |side: PositionSide| {
                let s = side_of(r, side);
                self.side_initial_margin(j, side, s, None, s.initial_margin)
            };
            lines.push(Line::ContractInitialMargin {
                symbol: r.symbol.clone(),
                long: side(PositionSide::Long),
                short: side(PositionSide::Short),
                larger: r.initial_margin,
            });
        }
        lines.extend(listing.rest(Many::Contracts));

        if lines.is_empty() {
            lines.push(Line::NothingToWorkOut {
                total: Total::MarginReserved,
            });
        }
        lines.push(Self::loans_and_derivatives(
            Total::MarginReserved,
            a.initial_margin_loans,
            a.initial_margin_derivatives,
            a.margin_reserved,
        ));
        lines.push(total(
            Total::AvailableMargin,
            &[a.adjusted_equity, a.margin_reserved],
            a.available_margin,
            None,
        ));
        if a.futures_orders_cancelled {
            lines.push(Line::FuturesOrdersCancelled {
                adjusted_equity: a.adjusted_equity,
                margin_reserved: a.margin_reserved,
            });
        }
        explanation(
            Subject::MarginReserved,
            Formula::MarginReserved,
            lines,
            MR_READINGS,
        )
    }

    fn maintenance_margin(&self) -> Explanation {
        let a = &self.report.account;
        let mut lines = Vec::new();
        self.loan_lines(&mut lines, true);

        let mut listing = Listing::new();
        for (j, r) in self.report.contracts.iter().enumerate() {
            if !has_book(r) || !listing.admit(r.maintenance_margin) {
                continue;
            }
            let side = r.maintenance_side;
            lines.push(Line::ContractMaintenanceMargin {
                symbol: r.symbol.clone(),
                side,
                margin: self.side_maintenance_margin(j, side),
                other: side_of(r, other(side)).maintenance_margin,
                tie: r.long.maintenance_margin == r.short.maintenance_margin,
            });
        }
        lines.extend(listing.rest(Many::Contracts));

        if lines.is_empty() {
            lines.push(Line::NothingToWorkOut {
                total: Total::MaintenanceMargin,
            });
        }
        lines.push(Self::loans_and_derivatives(
            Total::MaintenanceMargin,
            a.maintenance_margin_loans,
            a.maintenance_margin_derivatives,
            a.maintenance_margin,
        ));
        explanation(
            Subject::MaintenanceMargin,
            Formula::MaintenanceMargin,
            lines,
            MM_READINGS,
        )
    }

    // -----------------------------------------------------------------------------------
    // Cross margin rate

    fn cross_margin_rate(&self) -> Explanation {
        let a = &self.report.account;
        let mut lines = Vec::new();
        let mut listing = Listing::new();
        for (j, r) in self.report.contracts.iter().enumerate() {
            if r.partial_liquidation_fee.is_zero() || !listing.admit(r.partial_liquidation_fee) {
                continue;
            }
            lines.push(Line::LiquidationFee {
                symbol: r.symbol.clone(),
                side: r.maintenance_side,
                notional_usd: side_of(r, r.maintenance_side).notional_usd,
                rate: self.account.contracts[j].liquidation_fee,
                fee: r.partial_liquidation_fee,
            });
        }
        lines.extend(listing.rest(Many::ContractsLiquidationFees));
        lines.push(Line::CrossMarginRate {
            maintenance_margin: a.maintenance_margin,
            liquidation_fees: a.partial_liquidation_fees,
            adjusted_equity: a.adjusted_equity,
            rate: a.cross_margin_rate,
        });
        lines.push(Line::RiskLevel {
            risk: a.risk,
            unbounded: a.cross_margin_rate.is_none(),
            warning_rate: a.warning_rate,
            liquidation_rate: a.liquidation_rate,
        });
        explanation(
            Subject::CrossMarginRate,
            Formula::CrossMarginRate,
            lines,
            CMR_READINGS,
        )
    }

    // -----------------------------------------------------------------------------------
    // Order check

    fn check(&self) -> Option<Explanation> {
        let check = self.report.check.as_ref()?;
        let order = &self.account.check.as_ref()?.order;
        let a = &self.report.account;
        let mut lines = Vec::new();
        let mut readings = vec![Reading::CheckedAsTheLastPendingOrder];
        let words = self.order_words(order);

        match (order, self.report.record.check.as_ref()?) {
            (OrderModel::Spot { .. }, OrderEffect::Spot(effect)) => {
                readings.extend([
                    Reading::SpotOrderReadAsFilled,
                    Reading::LoanTierAfterTheOrder,
                    Reading::NotBorrowableRefused,
                ]);
                let moved = |c: &CoinChange| CoinMove {
                    coin: self.coin_name(c.coin),
                    before: c.before.equity,
                    after: c.after.equity,
                };
                lines.push(Line::Order {
                    order: words,
                    reading: OrderReading::Filled {
                        after_pending: !self.account.orders.is_empty(),
                        base: moved(&effect.base),
                        quote: moved(&effect.quote),
                    },
                });
                lines.push(Line::SpotTradingLoss(self.spot_loss(order, effect)));
                lines.push(Line::Fee(self.fee(order, check.fee)));
                lines.push(total(
                    Total::AdjustedEquityAfter,
                    &[a.adjusted_equity, check.spot_loss, check.fee],
                    check.adjusted_equity_after,
                    None,
                ));
                match effect.not_borrowable() {
                    Some(i) => lines.push(Line::CannotBeBorrowed {
                        coin: self.coin_name(i),
                    }),
                    None => {
                        let changes = self.loan_changes(effect, false);
                        if changes.is_empty() {
                            lines.push(Line::NoLoanOpened {
                                added: check.initial_margin_added,
                            });
                        } else {
                            lines.extend(changes.into_iter().map(Line::LoanAfterOrder));
                            let (before, after) = effect.loans_initial_margin;
                            lines.push(Line::MarginAdded {
                                after,
                                before,
                                added: check.initial_margin_added,
                            });
                        }
                    }
                }
            }
            (
                OrderModel::Futures {
                    contract: j,
                    size,
                    price,
                    ..
                },
                OrderEffect::Futures(effect),
            ) => {
                readings.extend([
                    Reading::FuturesOrderTakesNothingOffEquity,
                    Reading::ClosingOrderReservesNothingExtra,
                ]);
                let r = &self.report.contracts[*j];
                let side = effect.side;
                lines.push(Line::Order {
                    order: words,
                    reading: OrderReading::OpensOn(side),
                });
                lines.push(Line::AdjustedEquityUnchanged {
                    adjusted_equity: check.adjusted_equity_after,
                });
                lines.push(Line::SideWithOrder {
                    symbol: r.symbol.clone(),
                    side,
                    margin: self.side_initial_margin(
                        *j,
                        side,
                        side_of(r, side),
                        Some((*size, *price)),
                        effect.after.side_initial_margin(side),
                    ),
                });
                lines.push(Line::ContractReserves {
                    symbol: r.symbol.clone(),
                    long: effect.after.long_initial_margin,
                    short: effect.after.short_initial_margin,
                    larger: effect.after.initial_margin(),
                    before: effect.before.initial_margin(),
                    added: check.initial_margin_added,
                });
            }
            _ => return None,
        }

        lines.push(Line::Total {
            total: Total::MarginReservedAfter,
            terms: vec![
                Term {
                    minus: false,
                    value: a.margin_reserved,
                    label: None,
                },
                Term {
                    minus: false,
                    value: check.initial_margin_added,
                    label: None,
                },
            ],
            value: Some(check.margin_reserved_after),
            verdict: None,
        });
        let verdict = match (&check.not_borrowable, check.accepted) {
            (Some(coin), _) => Verdict::NotBorrowable(coin.clone()),
            (None, true) => Verdict::Accepted,
            (None, false) => Verdict::Rejected,
        };
        lines.push(total(
            Total::Headroom,
            &[check.adjusted_equity_after, check.margin_reserved_after],
            check.headroom,
            Some(verdict),
        ));
        lines.push(Line::LargestSize {
            size: check.max_size,
            step: check.size_step,
        });
        readings.push(Reading::LargestSizeOnTheGrid);
        Some(explanation(
            Subject::OrderCheck,
            Formula::OrderCheck,
            lines,
            &readings,
        ))
    }
}

impl Ctx<'_> {
    // -----------------------------------------------------------------------------------
    // A position (RULES §12)

    fn position(&self, k: usize) -> Explanation {
        let p = &self.account.positions[k];
        let f = &self.report.positions[k];
        let c = &self.account.contracts[p.contract];
        let r = &self.report.contracts[p.contract];
        let settle_usd = r.settle_usd_price;
        let held = SideReport {
            held_size: p.size,
            open_size: Decimal::ZERO,
            ..side_of(r, p.side).clone()
        };
        let side_margin = self.side_maintenance_margin(p.contract, p.side);
        let lines = vec![
            Line::PositionPnl {
                side: p.side,
                mark_price: c.mark_price,
                entry_price: p.entry_price,
                size: p.size,
                pnl: f.unrealized_pnl,
                settle: self.coin_name(c.settle),
                settle_usd,
                pnl_usd: f.unrealized_pnl_usd,
            },
            Line::PositionInitialMargin(self.side_initial_margin(
                p.contract,
                p.side,
                &held,
                None,
                f.initial_margin,
            )),
            Line::PositionMaintenanceMargin {
                margin: SideMaintenanceMargin {
                    held: p.size,
                    open: Decimal::ZERO,
                    margin: f.maintenance_margin,
                    ..side_margin
                },
                side: p.side,
            },
            Line::PositionRoi {
                pnl_usd: f.unrealized_pnl_usd,
                initial_margin: f.initial_margin,
                roi: f.roi,
            },
            Line::PositionAvailable { size: f.available },
        ];
        let mut readings = vec![
            Reading::PositionTakesItsSideTier,
            Reading::RoiOnItsInitialMargin,
            Reading::AvailableIsTheWholePosition,
        ];
        if self.account.settings.position_mode == PositionMode::OneWay {
            readings.push(Reading::OneWayNetPosition);
        }
        explanation(
            Subject::Position {
                number: k + 1,
                symbol: c.symbol.clone(),
                side: p.side,
            },
            Formula::Position,
            lines,
            &readings,
        )
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
