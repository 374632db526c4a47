//! One worked line in the reader's language: one arm per kind of [`Line`].

use super::say;
use super::words::*;
use crate::i18n::Locale;
use rust_decimal::Decimal;
use unimargin::explain::*;
use unimargin::rules::risk::Risk;
use unimargin::scenario::PositionSide;

/// One worked line in `locale`'s words.
pub fn line(line: &Line, locale: Locale) -> String {
    let l = locale;
    match line {
        Line::CoinEquity {
            coin,
            balance,
            unrealized_pnl,
            equity,
        } => {
            let mut terms = Terms::default();
            terms.plus(&say!(l, term_balance, value = num(*balance, l)));
            if *unrealized_pnl > Decimal::ZERO {
                terms.plus(&say!(
                    l,
                    term_unrealized_pnl,
                    value = amount(*unrealized_pnl, l)
                ));
            } else {
                let loss = amount(unimargin::num::neg(*unrealized_pnl), l);
                terms.minus(&say!(l, term_unrealized_pnl, value = loss));
            }
            say!(
                l,
                coin_equity,
                coin = coin,
                terms = terms.text,
                equity = amount(*equity, l)
            )
        }
        Line::CoinPrice {
            coin,
            via,
            usd_price,
        } => match via {
            PriceVia::Setting => say!(
                l,
                coin_price_setting,
                coin = coin,
                usd_price = num(*usd_price, l)
            ),
            PriceVia::Quote {
                price,
                quote,
                quote_usd,
            } => say!(
                l,
                coin_price_quote,
                coin = coin,
                price = num(*price, l),
                quote = quote,
                quote_usd = num(*quote_usd, l),
                usd_price = num(*usd_price, l)
            ),
        },
        Line::TieredDiscount {
            coin,
            equity,
            usd_price,
            usd_equity,
            slices,
            contribution,
        } => {
            let by_tier: Vec<String> = (slices.iter())
                .map(|(range, r)| say!(l, slice, range = tier_range(range, l), rate = num(*r, l)))
                .collect();
            say!(
                l,
                tiered_discount,
                coin = coin,
                equity = num(*equity, l),
                usd_price = num(*usd_price, l),
                usd_equity = amount(*usd_equity, l),
                slices = list(&by_tier, l),
                contribution = amount(*contribution, l)
            )
        }
        Line::PendingOrderCosts {
            order,
            loss,
            fee: f,
        } => say!(
            l,
            pending_order_costs,
            order = pending_order(order, l),
            loss = spot_loss(loss, l),
            fee = fee(f, l)
        ),
        Line::Loan { coin, margin } => match loan_margin(margin, l) {
            (margin, Some(range)) => {
                say!(l, loan_in_tier, coin = coin, margin = margin, range = range)
            }
            (margin, None) => say!(l, loan, coin = coin, margin = margin),
        },
        Line::PendingOrderLoans {
            order,
            added,
            changes,
        } => {
            let changes: Vec<String> = changes.iter().map(|c| loan_change(c, l)).collect();
            say!(
                l,
                pending_order_loans,
                order = pending_order(order, l),
                added = amount(*added, l),
                changes = clauses(&changes, l)
            )
        }
        Line::ContractInitialMargin {
            symbol,
            long,
            short,
            larger,
        } => say!(
            l,
            contract_initial_margin,
            symbol = symbol,
            long = side_initial_margin(long, l),
            short = side_initial_margin(short, l),
            larger = amount(*larger, l)
        ),
        Line::ContractMaintenanceMargin {
            symbol,
            side: which,
            margin,
            other,
            tie,
        } => {
            let other_side = match which {
                PositionSide::Long => PositionSide::Short,
                PositionSide::Short => PositionSide::Long,
            };
            let (side, other_side) = (side(*which, l), side(other_side, l));
            let (margin, other) = (side_maintenance_margin(margin, l), amount(*other, l));
            if *tie {
                say!(
                    l,
                    contract_maintenance_margin_tie,
                    symbol = symbol,
                    side = side,
                    margin = margin,
                    other_side = other_side,
                    other = other
                )
            } else {
                say!(
                    l,
                    contract_maintenance_margin,
                    symbol = symbol,
                    side = side,
                    margin = margin,
                    other_side = other_side,
                    other = other
                )
            }
        }
        Line::LiquidationFee {
            symbol,
            side: which,
            notional_usd,
            rate,
            fee,
        } => say!(
            l,
            liquidation_fee,
            symbol = symbol,
            side = side(*which, l),
            notional = amount(*notional_usd, l),
            rate = num(*rate, l),
            fee = amount(*fee, l)
        ),
        Line::More { count, what, sum } => more(*count, *what, *sum, l),
        Line::AdjustedEquitySum { terms, total } => adjusted_equity_sum(terms, *total, l),
        Line::Total {
            total: t,
            terms,
            value,
            verdict,
        } => total(*t, terms, *value, verdict.as_ref(), l),
        Line::NothingToWorkOut { total } => match total {
            Total::MaintenanceMargin => say!(l, nothing_to_maintain),
            _ => say!(l, nothing_reserved),
        },
        Line::FuturesOrdersCancelled {
            adjusted_equity,
            margin_reserved,
        } => say!(
            l,
            futures_orders_cancelled,
            adjusted_equity = usd(*adjusted_equity, l),
            margin_reserved = usd(*margin_reserved, l)
        ),
        Line::CrossMarginRate {
            maintenance_margin,
            liquidation_fees,
            adjusted_equity,
            rate: r,
        } => {
            let numerator = format!(
                "({} + {})",
                amount(*maintenance_margin, l),
                amount(*liquidation_fees, l)
            );
            let nothing = maintenance_margin.is_zero() && liquidation_fees.is_zero();
            let adjusted_equity = amount(*adjusted_equity, l);
            match r {
                Some(_) if nothing => say!(l, cross_margin_rate_nothing),
                Some(r) => say!(
                    l,
                    cross_margin_rate,
                    numerator = numerator,
                    adjusted_equity = adjusted_equity,
                    rate = rate(*r, l)
                ),
                None => say!(
                    l,
                    cross_margin_rate_unbounded,
                    numerator = numerator,
                    adjusted_equity = adjusted_equity
                ),
            }
        }
        Line::RiskLevel {
            risk,
            unbounded,
            warning_rate,
            liquidation_rate,
        } => {
            let (warning, liquidation) = (rate(*warning_rate, l), rate(*liquidation_rate, l));
            match (risk, unbounded) {
                (Risk::Safe, _) => say!(l, risk_safe, warning = warning, liquidation = liquidation),
                (Risk::Warning, _) => {
                    say!(
                        l,
                        risk_warning,
                        warning = warning,
                        liquidation = liquidation
                    )
                }
                (Risk::Liquidation, false) => say!(l, risk_liquidation, liquidation = liquidation),
                (Risk::Liquidation, true) => {
                    say!(l, risk_liquidation_unbounded, liquidation = liquidation)
                }
            }
        }
        Line::Order { order, reading } => {
            let order = order_words(order, l);
            match reading {
                OrderReading::Filled {
                    after_pending,
                    base,
                    quote,
                } => {
                    let moved = |c: &CoinMove| {
                        format!("{} {} → {}", c.coin, num(c.before, l), num(c.after, l))
                    };
                    let (base, quote) = (moved(base), moved(quote));
                    if *after_pending {
                        say!(
                            l,
                            order_filled_after_pending,
                            order = order,
                            base = base,
                            quote = quote
                        )
                    } else {
                        say!(l, order_filled, order = order, base = base, quote = quote)
                    }
                }
                OrderReading::OpensOn(which) => {
                    say!(l, order_opens, order = order, side = side(*which, l))
                }
            }
        }
        Line::SpotTradingLoss(loss) => say!(l, spot_trading_loss, loss = spot_loss(loss, l)),
        Line::Fee(f) => say!(l, fee, fee = fee(f, l)),
        Line::CannotBeBorrowed { coin } => say!(l, cannot_be_borrowed, coin = coin),
        Line::NoLoanOpened { added } => say!(l, no_loan_opened, added = amount(*added, l)),
        Line::LoanAfterOrder(change) => say!(l, after_the_order, change = loan_change(change, l)),
        Line::MarginAdded {
            after,
            before,
            added,
        } => say!(
            l,
            margin_added,
            after = amount(*after, l),
            before = amount(*before, l),
            added = amount(*added, l)
        ),
        Line::AdjustedEquityUnchanged { adjusted_equity } => say!(
            l,
            adjusted_equity_unchanged,
            adjusted_equity = usd(*adjusted_equity, l)
        ),
        Line::SideWithOrder {
            symbol,
            side: which,
            margin,
        } => say!(
            l,
            side_with_order,
            symbol = symbol,
            side = side(*which, l),
            margin = side_initial_margin(margin, l)
        ),
        Line::ContractReserves {
            symbol,
            long,
            short,
            larger,
            before,
            added,
        } => {
            let (long, short, larger) = (amount(*long, l), amount(*short, l), amount(*larger, l));
            if added.is_zero() {
                say!(
                    l,
                    contract_reserves_as_before,
                    symbol = symbol,
                    long = long,
                    short = short,
                    larger = larger
                )
            } else {
                say!(
                    l,
                    contract_reserves_more,
                    symbol = symbol,
                    long = long,
                    short = short,
                    larger = larger,
                    before = amount(*before, l),
                    added = amount(*added, l)
                )
            }
        }
        Line::PositionPnl {
            side: which,
            mark_price,
            entry_price,
            size,
            pnl,
            settle,
            settle_usd,
            pnl_usd,
        } => {
            let worked = format!(
                "{}({} − {}) × {} = {} {settle}{} = {}",
                match which {
                    PositionSide::Long => "",
                    PositionSide::Short => "−",
                },
                num(*mark_price, l),
                num(*entry_price, l),
                num(*size, l),
                amount(*pnl, l),
                times_usd(*settle_usd, l),
                usd(*pnl_usd, l)
            );
            say!(l, position_pnl, worked = worked)
        }
        Line::PositionInitialMargin(margin) => {
            say!(
                l,
                position_initial_margin,
                margin = side_initial_margin(margin, l)
            )
        }
        Line::PositionMaintenanceMargin {
            margin,
            side: which,
        } => {
            let worked = side_maintenance_worked(margin, l);
            match &margin.tier {
                None => say!(l, position_maintenance_margin, margin = worked),
                Some((notional, range)) => say!(
                    l,
                    position_maintenance_margin_in_tier,
                    margin = worked,
                    side = side(*which, l),
                    notional = amount(*notional, l),
                    range = tier_range(range, l)
                ),
            }
        }
        Line::PositionRoi {
            pnl_usd,
            initial_margin,
            roi,
        } => match roi {
            Some(roi) => say!(
                l,
                position_roi,
                pnl = amount(*pnl_usd, l),
                margin = amount(*initial_margin, l),
                roi = rate(*roi, l)
            ),
            None => say!(l, position_roi_none),
        },
        Line::PositionAvailable { size } => say!(l, position_available, size = num(*size, l)),
        Line::LargestSize { size, step } => {
            if *size > Decimal::ZERO {
                say!(l, largest_size, size = num(*size, l), step = num(*step, l))
            } else {
                say!(l, largest_size_none)
            }
        }
    }
}

/// A total: `Margin reserved = 0 (loans) + 3,769.7 (derivatives) = 3,769.70 USD`, with the
/// check's verdict when it is the headroom.
fn total(
    total: Total,
    terms: &[Term],
    value: Option<Decimal>,
    verdict: Option<&Verdict>,
    l: Locale,
) -> String {
    let name = total_name(total, l);
    let value = match (total, value) {
        (Total::CrossMarginRate, None) => return say!(l, total_unbounded, name = name),
        (Total::CrossMarginRate, Some(r)) => rate(r, l),
        (_, v) => usd(v.unwrap_or_default(), l),
    };
    let mut text = name;
    for (i, t) in terms.iter().enumerate() {
        text.push_str(match (i, t.minus) {
            (0, _) => " = ",
            (_, true) => " − ",
            (_, false) => " + ",
        });
        let figure = amount(t.value, l);
        text.push_str(&match t.label {
            Some(TermLabel::Loans) => say!(l, term_loans, value = figure),
            Some(TermLabel::Derivatives) => say!(l, term_derivatives, value = figure),
            None => figure,
        });
    }
    text.push_str(" = ");
    text.push_str(&value);
    match verdict {
        None => text,
        Some(Verdict::Accepted) => say!(l, verdict_accepted, worked = text),
        Some(Verdict::Rejected) => say!(l, verdict_rejected, worked = text),
        Some(Verdict::NotBorrowable(coin)) => {
            say!(l, verdict_not_borrowable, worked = text, coin = coin)
        }
    }
}

/// The items of a kind left out of a long listing: `988 more contracts: 9,880 USD`.
fn more(count: usize, what: Many, sum: Option<Decimal>, l: Locale) -> String {
    let sum = sum.map_or("…".to_string(), |s| amount(s, l));
    let one = count == 1;
    let count = super::words::count(count, l);
    macro_rules! by_number {
        ($one:ident, $many:ident $(, $name:ident = $value:expr)*) => {
            if one {
                say!(l, $one, count = count $(, $name = $value)*)
            } else {
                say!(l, $many, count = count $(, $name = $value)*)
            }
        };
    }
    match what {
        Many::CoinsWithPnl => by_number!(more_coins_with_pnl_1, more_coins_with_pnl_n),
        Many::CoinsPricedThroughAQuote => by_number!(
            more_coins_priced_through_a_quote_1,
            more_coins_priced_through_a_quote_n
        ),
        Many::PendingOrdersWithCosts => by_number!(
            more_pending_orders_with_costs_1,
            more_pending_orders_with_costs_n
        ),
        Many::Loans => by_number!(more_loans_1, more_loans_n, sum = sum),
        Many::PendingOrdersAddingMargin => by_number!(
            more_pending_orders_adding_margin_1,
            more_pending_orders_adding_margin_n,
            sum = sum
        ),
        Many::Contracts => by_number!(more_contracts_1, more_contracts_n, sum = sum),
        Many::ContractsLiquidationFees => by_number!(
            more_contracts_liquidation_fees_1,
            more_contracts_liquidation_fees_n,
            sum = sum
        ),
    }
}

/// The adjusted-equity sum: `1 × 50,000 × 0.98 + 500 × 4 × 0 = 49,000.00 USD`.
fn adjusted_equity_sum(terms: &[SumTerm], total: Decimal, l: Locale) -> String {
    let mut sum = Terms::default();
    for t in terms {
        match t {
            SumTerm::Coin {
                equity,
                usd_price,
                rate,
            } => sum.plus(&format!(
                "{} × {} × {}",
                num(*equity, l),
                num(*usd_price, l),
                num(*rate, l)
            )),
            SumTerm::Debt { owed, usd_price } => {
                sum.minus(&format!("{} × {}", num(*owed, l), num(*usd_price, l)))
            }
            SumTerm::Slice { value_usd, rate } => {
                sum.plus(&format!("{} × {}", amount(*value_usd, l), num(*rate, l)))
            }
            SumTerm::MoreCoins { count, sum: rest } => {
                let n = super::words::count(*count, l);
                let labelled = |value: String| {
                    if *count == 1 {
                        say!(l, term_more_coins_1, value = value, count = n)
                    } else {
                        say!(l, term_more_coins_n, value = value, count = n)
                    }
                };
                match rest {
                    Some(rest) => {
                        let term = labelled(amount(rest.abs(), l));
                        if rest.is_sign_negative() && !rest.is_zero() {
                            sum.minus(&term);
                        } else {
                            sum.plus(&term);
                        }
                    }
                    None => sum.plus(&labelled("…".to_string())),
                }
            }
            SumTerm::SpotTradingLosses(losses) => sum.minus(&say!(
                l,
                term_spot_trading_losses,
                value = amount(*losses, l)
            )),
            SumTerm::PendingFees(fees) => {
                sum.minus(&say!(l, term_pending_fees, value = amount(*fees, l)))
            }
        }
    }
    if sum.text.is_empty() {
        say!(l, adjusted_equity_sum_empty, total = usd(total, l))
    } else {
        say!(
            l,
            adjusted_equity_sum,
            terms = sum.text,
            total = usd(total, l)
        )
    }
}
