//! The numbers and the recurring phrases of the English explanations (inputs as entered,
//! computed terms to 8 decimals, results to the cent, tiers, orders, loans, contract sides).

use super::super::*;
use crate::text::{group_thousands, percent, usd};
use rust_decimal::RoundingStrategy;

/// An input as entered (normalized), grouped: `50000` → `50,000`.
pub(super) fn num(value: Decimal) -> String {
    group_thousands(value)
}

/// A computed term: exact, to at most 8 decimals, grouped.
pub(super) fn amount(value: Decimal) -> String {
    group_thousands(value.round_dp_with_strategy(8, RoundingStrategy::MidpointAwayFromZero))
}

/// A rate as a percentage, cut (never rounded up) to 4 decimals of a percent; a rate whose
/// percentage is beyond exact decimals (an ROI on a tiny margin) is said to be too large.
pub(super) fn rate(value: Decimal) -> String {
    let cut = value.round_dp_with_strategy(6, RoundingStrategy::ToZero);
    match cut.checked_mul(Decimal::ONE_HUNDRED) {
        Some(_) => percent(cut),
        None => "too large to show as a percentage".to_string(),
    }
}

/// `× p` for a conversion into USD, left out at par.
pub(super) fn times_usd(price: Decimal) -> String {
    if price == Decimal::ONE {
        String::new()
    } else {
        format!(" × {}", num(price))
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    let count = group_thousands(Decimal::from(n));
    if n == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

pub(super) fn order_side(side: OrderSide) -> &'static str {
    match side {
        OrderSide::Buy => "buy",
        OrderSide::Sell => "sell",
    }
}

/// A sum written term by term: `a + b − c`.
#[derive(Default)]
pub(super) struct Terms {
    pub(super) text: String,
}

impl Terms {
    pub(super) fn plus(&mut self, term: &str) {
        if !self.text.is_empty() {
            self.text.push_str(" + ");
        }
        self.text.push_str(term);
    }

    pub(super) fn minus(&mut self, term: &str) {
        self.text
            .push_str(if self.text.is_empty() { "-" } else { " − " });
        self.text.push_str(term);
    }
}

pub(super) fn unit(unit: &Unit) -> &str {
    match unit {
        Unit::Usd => "USD",
        Unit::Coin(coin) => coin,
    }
}

/// `up to 200,000 USD`, `above 200,000 up to 1,000,000 USD`, `above 1,000,000 USD`.
pub(super) fn tier_range(range: &TierRange) -> String {
    let unit = unit(&range.unit);
    match (range.lower, range.upper) {
        (None, Some(u)) => format!("up to {} {unit}", num(u)),
        (Some(l), Some(u)) => format!("above {} up to {} {unit}", num(l), num(u)),
        (Some(l), None) => format!("above {} {unit}", num(l)),
        (None, None) => "of any size".to_string(),
    }
}

/// `buy 20 DOT at 5 USDT`, `sell 2 BTCUSDT at 50,000`.
pub(super) fn order_words(o: &OrderWords) -> String {
    let words = format!(
        "{} {} {} at {}",
        order_side(o.side),
        num(o.size),
        o.traded,
        num(o.price)
    );
    match &o.quote {
        Some(quote) => format!("{words} {quote}"),
        None => words,
    }
}

/// `order 2 (sell 0.1 BTC at 50,000 USDT)`.
pub(super) fn pending_order(p: &PendingOrder) -> String {
    format!("order {} ({})", p.number, order_words(&p.order))
}

/// `20 × 5 ÷ 10 = 10 USD`, and the tier note when there is one.
pub(super) fn loan_margin(m: &LoanMargin) -> (String, Option<String>) {
    let operation = match m.rate {
        LoanRate::Leverage(leverage) => format!("÷ {}", num(leverage)),
        LoanRate::Mmr(mmr) => format!("× {}", num(mmr)),
    };
    let text = format!(
        "{} × {} {operation} = {} USD",
        num(m.debt),
        num(m.usd_price),
        amount(m.margin)
    );
    let note = m
        .tier
        .as_ref()
        .map(|t| format!("the whole debt in the tier {}", tier_range(t)));
    (text, note)
}

/// `DOT loan 20 × 5 ÷ 10 = 10 USD (before: none)`, `USDT loan repaid (before: 10 USD)`.
pub(super) fn loan_change(c: &LoanChange) -> String {
    let was = match c.before {
        None => "none".to_string(),
        Some(margin) => format!("{} USD", amount(margin)),
    };
    let name = &c.coin;
    match &c.after {
        None => format!("{name} loan repaid (before: {was})"),
        Some(after) => match loan_margin(after) {
            (text, Some(note)) => format!("{name} loan {text} ({note}; before: {was})"),
            (text, None) => format!("{name} loan {text} (before: {was})"),
        },
    }
}

/// `(1 × 50,000 + 0.5 × 49,000)`: a side's value; `0` without terms.
pub(super) fn side_value(terms: &[ValueTerm]) -> String {
    let mut sum = Terms::default();
    for t in terms {
        sum.plus(&match t {
            ValueTerm::AtPrice { size, price } => format!("{} × {}", num(*size), num(*price)),
            ValueTerm::OpenOrders(value) => {
                format!("{} (its open orders' size × price)", amount(*value))
            }
        });
    }
    match terms.len() {
        0 => "0".to_string(),
        1 => sum.text,
        _ => format!("({})", sum.text),
    }
}

/// `(0.4 × 50,000 + 2 × 50,000) × (1 ÷ 20 + 0.0006) = 6,072 USD`; `0` for an empty side.
pub(super) fn side_initial_margin(s: &SideInitialMargin) -> String {
    if s.value.is_empty() {
        return "0".to_string();
    }
    format!(
        "{} × (1 ÷ {} + {}){} = {} USD",
        side_value(&s.value),
        num(s.leverage),
        num(s.taker_fee),
        times_usd(s.settle_usd),
        amount(s.margin)
    )
}

/// `(1 + 0.5) × (0.004 + 0.0006) × 50,000 = 345 USD (notional 75,000 USD, in the tier up to
/// 200,000 USD)`.
pub(super) fn side_maintenance_margin(s: &SideMaintenanceMargin) -> String {
    let size = match (s.held.is_zero(), s.open.is_zero()) {
        (true, true) => return "0".to_string(),
        (false, true) => num(s.held),
        (true, false) => num(s.open),
        (false, false) => format!("({} + {})", num(s.held), num(s.open)),
    };
    let mut text = format!(
        "{size} × ({} + {}) × {}{} = {} USD",
        num(s.mmr),
        num(s.taker_fee),
        num(s.mark_price),
        times_usd(s.settle_usd),
        amount(s.margin)
    );
    if let Some((notional, range)) = &s.tier {
        text.push_str(&format!(
            " (notional {} USD, in the tier {})",
            amount(*notional),
            tier_range(range)
        ));
    }
    text
}

/// `20 × 5 × (1 − 0.5) = 50 USD`, or a gain that is not credited.
pub(super) fn spot_loss(loss: &SpotLossWorked) -> String {
    let expression = match &loss.form {
        SpotLoss::OneRateEach {
            size,
            price,
            quote_usd,
            paid_rate,
            bought_rate,
        } => format!(
            "{} × {}{} × ({} − {})",
            num(*size),
            num(*price),
            times_usd(*quote_usd),
            num(*paid_rate),
            num(*bought_rate)
        ),
        SpotLoss::TwoRates {
            paid,
            paid_usd,
            paid_rate,
            bought,
            bought_usd,
            bought_rate,
        } => format!(
            "{} × {} × {} − {} × {} × {}",
            amount(*paid),
            num(*paid_usd),
            num(*paid_rate),
            amount(*bought),
            num(*bought_usd),
            num(*bought_rate)
        ),
        SpotLoss::Contributions {
            paid,
            bought,
            paid_before,
            bought_before,
            paid_after,
            bought_after,
        } => format!(
            "({paid} {} + {bought} {}) − ({paid} {} + {bought} {})",
            amount(*paid_before),
            amount(*bought_before),
            amount(*paid_after),
            amount(*bought_after)
        ),
    };
    if loss.lost < Decimal::ZERO {
        format!(
            "{expression} = {}: a gain, not credited before it fills, so 0 USD",
            amount(loss.lost)
        )
    } else {
        format!("{expression} = {} USD", amount(loss.lost))
    }
}

/// `20 × 5 × 0.001 = 0.1 USD`.
pub(super) fn fee(f: &FeeWorked) -> String {
    format!(
        "{} × {}{} × {} = {} USD",
        num(f.size),
        num(f.price),
        times_usd(f.quote_usd),
        num(f.rate),
        amount(f.fee)
    )
}

pub(super) fn total_name(total: Total) -> &'static str {
    match total {
        Total::AdjustedEquity => "Adjusted equity",
        Total::MarginReserved => "Margin reserved",
        Total::MaintenanceMargin => "Maintenance margin",
        Total::AvailableMargin => "Available margin",
        Total::CrossMarginRate => "Cross margin rate",
        Total::AdjustedEquityAfter => "Adjusted equity after",
        Total::MarginReservedAfter => "Margin reserved after",
        Total::Headroom => "Headroom",
    }
}

/// `Margin reserved = 0 (loans) + 3,769.7 (derivatives) = 3,769.70 USD`.
pub(super) fn total(
    total: Total,
    terms: &[Term],
    value: Option<Decimal>,
    verdict: Option<&Verdict>,
) -> String {
    let name = total_name(total);
    let value = match (total, value) {
        (Total::CrossMarginRate, None) => return format!("{name}: unbounded"),
        (Total::CrossMarginRate, Some(r)) => rate(r),
        (_, v) => usd(v.unwrap_or_default()),
    };
    let mut text = String::from(name);
    for (i, t) in terms.iter().enumerate() {
        text.push_str(match (i, t.minus) {
            (0, _) => " = ",
            (_, true) => " − ",
            (_, false) => " + ",
        });
        text.push_str(&amount(t.value));
        match t.label {
            Some(TermLabel::Loans) => text.push_str(" (loans)"),
            Some(TermLabel::Derivatives) => text.push_str(" (derivatives)"),
            None => {}
        }
    }
    text.push_str(" = ");
    text.push_str(&value);
    match verdict {
        None => {}
        Some(Verdict::Accepted) => text.push_str(": accepted"),
        Some(Verdict::Rejected) => text.push_str(": rejected"),
        Some(Verdict::NotBorrowable(coin)) => {
            text.push_str(&format!(": rejected: {coin} cannot be borrowed"))
        }
    }
    text
}

/// `988 more contracts: 9,880 USD`.
pub(super) fn more(count: usize, what: Many, sum: Option<Decimal>) -> String {
    let sum = sum.map_or("…".to_string(), amount);
    match what {
        Many::CoinsWithPnl => format!(
            "(and {} with unrealized PnL)",
            plural(count, "more coin", "more coins")
        ),
        Many::CoinsPricedThroughAQuote => format!(
            "(and {} priced through a quote)",
            plural(count, "more coin", "more coins")
        ),
        Many::PendingOrdersWithCosts => format!(
            "(and {} with a loss or a fee)",
            plural(count, "more pending order", "more pending orders")
        ),
        Many::Loans => format!("{}: {sum} USD", plural(count, "more loan", "more loans")),
        Many::PendingOrdersAddingMargin => format!(
            "{} add {sum} USD",
            plural(count, "more pending order", "more pending orders")
        ),
        Many::Contracts => format!(
            "{}: {sum} USD",
            plural(count, "more contract", "more contracts")
        ),
        Many::ContractsLiquidationFees => format!(
            "{}: {sum} USD of partial liquidation fees",
            plural(count, "more contract", "more contracts")
        ),
    }
}

/// The adjusted-equity sum: `1 × 50,000 × 0.98 + 500 × 4 × 0 = 49,000.00 USD`.
pub(super) fn adjusted_equity_sum(terms: &[SumTerm], total: Decimal) -> String {
    let mut sum = Terms::default();
    for t in terms {
        match t {
            SumTerm::Coin {
                equity,
                usd_price,
                rate,
            } => sum.plus(&format!(
                "{} × {} × {}",
                num(*equity),
                num(*usd_price),
                num(*rate)
            )),
            SumTerm::Debt { owed, usd_price } => {
                sum.minus(&format!("{} × {}", num(*owed), num(*usd_price)))
            }
            SumTerm::Slice { value_usd, rate } => {
                sum.plus(&format!("{} × {}", amount(*value_usd), num(*rate)))
            }
            SumTerm::MoreCoins { count, sum: rest } => {
                let label = plural(*count, "more coin", "more coins");
                match rest {
                    Some(rest) => {
                        let term = format!("{} ({label})", amount(rest.abs()));
                        if rest.is_sign_negative() && !rest.is_zero() {
                            sum.minus(&term);
                        } else {
                            sum.plus(&term);
                        }
                    }
                    None => sum.plus(&format!("… ({label})")),
                }
            }
            SumTerm::SpotTradingLosses(losses) => {
                sum.minus(&format!("{} (spot trading losses)", amount(*losses)))
            }
            SumTerm::PendingFees(fees) => sum.minus(&format!("{} (pending fees)", amount(*fees))),
        }
    }
    if sum.text.is_empty() {
        format!("Adjusted equity = {}: no coin holds anything", usd(total))
    } else {
        format!("Adjusted equity = {} = {}", sum.text, usd(total))
    }
}
