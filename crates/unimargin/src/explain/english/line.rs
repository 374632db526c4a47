//! One worked line in English.

use super::super::*;
use super::words::*;
use crate::text::{side_name, usd};

/// One worked line in English.
pub fn line(line: &Line) -> String {
    match line {
        Line::CoinEquity {
            coin,
            balance,
            unrealized_pnl,
            equity,
        } => {
            let mut terms = Terms::default();
            terms.plus(&format!("{} balance", num(*balance)));
            if *unrealized_pnl > Decimal::ZERO {
                terms.plus(&format!("{} unrealized PnL", amount(*unrealized_pnl)));
            } else {
                terms.minus(&format!("{} unrealized PnL", amount(crate::num::neg(*unrealized_pnl))));
            }
            format!("{coin} equity = {} = {} {coin}", terms.text, amount(*equity))
        }
        Line::CoinPrice {
            coin,
            via,
            usd_price,
        } => match via {
            PriceVia::Setting => format!(
                "{coin}: 1 {coin} = {} USD (the {coin}/USD price in the settings)",
                num(*usd_price)
            ),
            PriceVia::Quote {
                price,
                quote,
                quote_usd,
            } => format!(
                "{coin}: {} {quote} × {} = {} USD",
                num(*price),
                num(*quote_usd),
                num(*usd_price)
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
                .map(|(range, r)| format!("{} at {}", tier_range(range), num(*r)))
                .collect();
            format!(
                "{coin}: {} × {} = {} USD, discounted tier by tier: {} = {} USD",
                num(*equity),
                num(*usd_price),
                amount(*usd_equity),
                by_tier.join(", "),
                amount(*contribution)
            )
        }
        Line::PendingOrderCosts { order, loss, fee: f } => format!(
            "Pending {}, read as filled: spot trading loss {}; fee {}",
            pending_order(order),
            spot_loss(loss),
            fee(f)
        ),
        Line::Loan { coin, margin } => match loan_margin(margin) {
            (text, Some(note)) => format!("{coin} loan: {text} ({note})"),
            (text, None) => format!("{coin} loan: {text}"),
        },
        Line::PendingOrderLoans {
            order,
            added,
            changes,
        } => {
            let changes: Vec<String> = changes.iter().map(loan_change).collect();
            format!(
                "Pending {}, read as filled, adds {} USD: {}",
                pending_order(order),
                amount(*added),
                changes.join("; ")
            )
        }
        Line::ContractInitialMargin {
            symbol,
            long,
            short,
            larger,
        } => format!(
            "{symbol}: long {}; short {}; the larger: {} USD",
            side_initial_margin(long),
            side_initial_margin(short),
            amount(*larger)
        ),
        Line::ContractMaintenanceMargin {
            symbol,
            side,
            margin,
            other,
            tie,
        } => {
            let other_side = match side {
                PositionSide::Long => PositionSide::Short,
                PositionSide::Short => PositionSide::Long,
            };
            format!(
                "{symbol}: {} side {}; {} side {} USD; the {} side sets it{}",
                side_name(*side),
                side_maintenance_margin(margin),
                side_name(other_side),
                amount(*other),
                side_name(*side),
                if *tie { " (a tie: the long side)" } else { "" }
            )
        }
        Line::LiquidationFee {
            symbol,
            side,
            notional_usd,
            rate,
            fee,
        } => format!(
            "{symbol}: partial liquidation fee on the {} side's notional {} USD × {} = {} USD",
            side_name(*side),
            amount(*notional_usd),
            num(*rate),
            amount(*fee)
        ),
        Line::More { count, what, sum } => more(*count, *what, *sum),
        Line::AdjustedEquitySum { terms, total } => adjusted_equity_sum(terms, *total),
        Line::Total {
            total: t,
            terms,
            value,
            verdict,
        } => total(*t, terms, *value, verdict.as_ref()),
        Line::NothingToWorkOut { total } => match total {
            Total::MaintenanceMargin => "No loans and no futures: nothing to maintain",
            _ => "No loans and no futures: nothing is reserved",
        }
        .to_string(),
        Line::FuturesOrdersCancelled {
            adjusted_equity,
            margin_reserved,
        } => format!(
            "Adjusted equity, {}, is below margin reserved, {}: all futures open orders are cancelled; spot orders stay",
            usd(*adjusted_equity),
            usd(*margin_reserved)
        ),
        Line::CrossMarginRate {
            maintenance_margin,
            liquidation_fees,
            adjusted_equity,
            rate: r,
        } => {
            let numerator = format!("({} + {})", amount(*maintenance_margin), amount(*liquidation_fees));
            let nothing = maintenance_margin.is_zero() && liquidation_fees.is_zero();
            match r {
                Some(_) if nothing => "Cross margin rate = 0 %: there is nothing to maintain (no maintenance margin, no partial liquidation fee)".to_string(),
                Some(r) => format!(
                    "Cross margin rate = {numerator} ÷ {} = {}",
                    amount(*adjusted_equity),
                    rate(*r)
                ),
                None => format!(
                    "Cross margin rate = {numerator} ÷ {}: unbounded, since adjusted equity is not above zero while there is margin to maintain",
                    amount(*adjusted_equity)
                ),
            }
        }
        Line::RiskLevel {
            risk,
            unbounded,
            warning_rate,
            liquidation_rate,
        } => {
            let (warning, liquidation) = (rate(*warning_rate), rate(*liquidation_rate));
            match (risk, unbounded) {
                (Risk::Safe, _) => format!(
                    "Safe: below the warning rate of {warning} (partial liquidation from {liquidation})"
                ),
                (Risk::Warning, _) => format!(
                    "Warning: at or above the warning rate of {warning}, below the liquidation rate of {liquidation}"
                ),
                (Risk::Liquidation, false) => format!(
                    "Liquidation: at or above the liquidation rate of {liquidation}: partial liquidation starts"
                ),
                (Risk::Liquidation, true) => format!(
                    "Liquidation: an unbounded rate is past the liquidation rate of {liquidation}"
                ),
            }
        }
        Line::Order { order, reading } => match reading {
            OrderReading::Filled {
                after_pending,
                base,
                quote,
            } => {
                let moved = |c: &CoinMove| {
                    format!("{} {} → {}", c.coin, num(c.before), num(c.after))
                };
                format!(
                    "The order: {}, read as filled{}: {}, {}",
                    order_words(order),
                    if *after_pending {
                        " on the balances the pending orders leave"
                    } else {
                        ""
                    },
                    moved(base),
                    moved(quote)
                )
            }
            OrderReading::OpensOn(side) => format!(
                "The order: {}, an open order on the {} side",
                order_words(order),
                side_name(*side)
            ),
        },
        Line::SpotTradingLoss(loss) => format!("Spot trading loss = {}", spot_loss(loss)),
        Line::Fee(f) => format!("Fee = {}", fee(f)),
        Line::CannotBeBorrowed { coin } => format!(
            "It would put {coin} in debt, and {coin} has no borrowing tiers: it cannot be borrowed"
        ),
        Line::NoLoanOpened { added } => format!(
            "It opens no loan: the initial margin it adds is {} USD",
            amount(*added)
        ),
        Line::LoanAfterOrder(change) => format!("After the order, {}", loan_change(change)),
        Line::MarginAdded {
            after,
            before,
            added,
        } => format!(
            "Initial margin it adds = max(0, {} − {}) = {} USD",
            amount(*after),
            amount(*before),
            amount(*added)
        ),
        Line::AdjustedEquityUnchanged { adjusted_equity } => format!(
            "Adjusted equity after = {}, unchanged: a futures order's fee is inside its initial margin",
            usd(*adjusted_equity)
        ),
        Line::SideWithOrder {
            symbol,
            side,
            margin,
        } => format!(
            "{symbol} {} side with it: {}",
            side_name(*side),
            side_initial_margin(margin)
        ),
        Line::ContractReserves {
            symbol,
            long,
            short,
            larger,
            before,
            added,
        } => {
            if added.is_zero() {
                format!(
                    "{symbol} reserves max(long {}, short {}) = {} USD, as before: the order adds nothing",
                    amount(*long),
                    amount(*short),
                    amount(*larger)
                )
            } else {
                format!(
                    "{symbol} reserves max(long {}, short {}) = {} USD instead of {} USD: the order adds {} USD",
                    amount(*long),
                    amount(*short),
                    amount(*larger),
                    amount(*before),
                    amount(*added)
                )
            }
        }
        Line::PositionPnl {
            side,
            mark_price,
            entry_price,
            size,
            pnl,
            settle,
            settle_usd,
            pnl_usd,
        } => format!(
            "Unrealized PnL = {}({} − {}) × {} = {} {settle}{} = {}",
            match side {
                PositionSide::Long => "",
                PositionSide::Short => "−",
            },
            num(*mark_price),
            num(*entry_price),
            num(*size),
            amount(*pnl),
            times_usd(*settle_usd),
            usd(*pnl_usd)
        ),
        Line::PositionInitialMargin(margin) => {
            format!("Initial margin = {}", side_initial_margin(margin))
        }
        Line::PositionMaintenanceMargin { margin, side } => {
            let worked = side_maintenance_margin(&SideMaintenanceMargin {
                tier: None,
                ..margin.clone()
            });
            match &margin.tier {
                None => format!("Maintenance margin = {worked}"),
                Some((notional, range)) => format!(
                    "Maintenance margin = {worked} (the {} side's notional, {} USD, is in the tier {})",
                    side_name(*side),
                    amount(*notional),
                    tier_range(range)
                ),
            }
        }
        Line::PositionRoi {
            pnl_usd,
            initial_margin,
            roi,
        } => match roi {
            Some(roi) => format!(
                "ROI = {} ÷ {} = {}",
                amount(*pnl_usd),
                amount(*initial_margin),
                rate(*roi)
            ),
            None => "ROI: none, the initial margin is 0".to_string(),
        },
        Line::PositionAvailable { size } => {
            format!("Available to close = {}, the whole position", num(*size))
        }
        Line::LargestSize { size, step } => {
            if *size > Decimal::ZERO {
                format!(
                    "The largest size that passes is {} (in steps of {})",
                    num(*size),
                    num(*step)
                )
            } else {
                "No size of this order passes at this price".to_string()
            }
        }
    }
}
