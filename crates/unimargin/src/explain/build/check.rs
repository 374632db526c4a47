//! The order check.

use super::*;

impl Ctx<'_> {
    pub(super) fn check(&self) -> Option<Explanation> {
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
