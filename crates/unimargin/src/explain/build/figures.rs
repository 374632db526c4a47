//! The headline figures: adjusted equity, margin reserved, maintenance margin, cross margin rate.

use super::*;

impl Ctx<'_> {
    // -----------------------------------------------------------------------------------
    // Adjusted equity

    pub(super) fn adjusted_equity(&self) -> Explanation {
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
                hidden = hidden.saturating_add(1);
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
                hidden = hidden.saturating_add(1);
                continue;
            }
            listed = listed.saturating_add(1);
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
                rest_count = rest_count.saturating_add(1);
                rest = rest.and_then(|s| s.checked_add(r.contribution));
                continue;
            }
            listed = listed.saturating_add(1);
            if r.equity < Decimal::ZERO {
                terms.push(SumTerm::Debt {
                    owed: crate::num::neg(r.equity),
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
                        // tiers in coin units are written in the coin's units
                        let range = match &s.coin_units {
                            Some(q) => TierRange {
                                lower: (!q.from.is_zero()).then_some(q.from),
                                upper: q.to,
                                unit: Unit::Coin(coin.name.clone()),
                            },
                            None => TierRange {
                                lower: (!s.from_usd.is_zero()).then_some(s.from_usd),
                                upper: s.to_usd,
                                unit: Unit::Usd,
                            },
                        };
                        by_tier.push((range, s.rate));
                    }
                    tier_lines = tier_lines.saturating_add(1);
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
                hidden = hidden.saturating_add(1);
                continue;
            }
            shown = shown.saturating_add(1);
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

    pub(super) fn side_initial_margin(
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

    pub(super) fn side_maintenance_margin(
        &self,
        j: usize,
        side: PositionSide,
    ) -> SideMaintenanceMargin {
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

    pub(super) fn margin_reserved(&self) -> Explanation {
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

    pub(super) fn maintenance_margin(&self) -> Explanation {
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

    pub(super) fn cross_margin_rate(&self) -> Explanation {
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
}
