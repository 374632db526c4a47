//! The explanations in English: the one renderer of [`Explanation`]s, for the CLI's
//! `explain`, the JS package and the page.
//!
//! Style: inputs (sizes, prices, rates) appear exactly as entered, with thousands
//! separators; computed terms appear exact (to at most 8 decimals); each line's result is in
//! USD to the cent. A conversion by a USD price of exactly 1 (a quote or settle coin at par)
//! is left out of fees, losses and futures margins; a coin's own price always shows. Rates
//! are cut (never rounded up) to 4 decimals of a percent, so that a rate below a threshold
//! never reads as the threshold.

use super::*;
use crate::text::{group_thousands, percent, side_name, usd};
use rust_decimal::RoundingStrategy;
use serde::Serialize;

/// An explanation in English words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct English {
    /// The figure's name, e.g. "Adjusted equity".
    pub title: String,
    /// The rule in symbols, e.g. "Adjusted equity = Σ positive coin equity × …".
    pub formula: String,
    /// The rule with this account's numbers, one line per step, ending in the figure.
    pub worked: Vec<String>,
    /// The product's readings of vague points of the source articles, in plain words.
    pub readings: Vec<String>,
}

/// The explanations in English (the CLI's `explain` document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnglishExplanations {
    pub adjusted_equity: English,
    pub margin_reserved: English,
    pub maintenance_margin: English,
    pub cross_margin_rate: English,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<English>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<English>,
}

/// Every explanation in English.
pub fn render_all(all: &Explanations) -> EnglishExplanations {
    EnglishExplanations {
        adjusted_equity: render(&all.adjusted_equity),
        margin_reserved: render(&all.margin_reserved),
        maintenance_margin: render(&all.maintenance_margin),
        cross_margin_rate: render(&all.cross_margin_rate),
        check: all.check.as_ref().map(render),
        positions: all.positions.iter().map(render).collect(),
    }
}

/// One explanation in English.
pub fn render(x: &Explanation) -> English {
    English {
        title: title(&x.subject),
        formula: formula(x.formula).to_string(),
        worked: x.worked.iter().map(line).collect(),
        readings: x.readings.iter().map(|r| reading(*r).to_string()).collect(),
    }
}

/// The figure's name.
pub fn title(subject: &Subject) -> String {
    match subject {
        Subject::AdjustedEquity => "Adjusted equity",
        Subject::MarginReserved => "Margin reserved",
        Subject::MaintenanceMargin => "Maintenance margin",
        Subject::CrossMarginRate => "Cross margin rate",
        Subject::OrderCheck => "Order check",
        Subject::Position {
            number,
            symbol,
            side,
        } => return format!("Position {number}: {symbol} {}", side_name(*side)),
    }
    .to_string()
}

/// The rule in symbols.
pub fn formula(formula: Formula) -> &'static str {
    match formula {
        Formula::AdjustedEquity => "Adjusted equity = Σ positive coin equity × USD price × discount rate (tier by tier) + Σ negative coin equity × USD price − spot trading losses − pending fees",
        Formula::MarginReserved => "Margin reserved = Σ loans: debt × USD price ÷ leverage + Σ contracts: max(long side, short side), each side = (held size × mark price + Σ open size × order price) × (1 ÷ leverage + taker fee) × settle coin's USD price",
        Formula::MaintenanceMargin => "Maintenance margin = Σ loans: debt × USD price × maintenance margin rate + Σ contracts: max(long side, short side), each side = (held size + open size) × (maintenance margin rate + taker fee) × mark price × settle coin's USD price",
        Formula::CrossMarginRate => "Cross margin rate = (maintenance margin + partial liquidation fees) ÷ adjusted equity",
        Formula::OrderCheck => "Accepted when adjusted equity after ≥ margin reserved after, where adjusted equity after = adjusted equity − the order's spot trading loss − its fee, and margin reserved after = margin reserved + the initial margin the order adds",
        Formula::Position => "Unrealized PnL = direction × (mark price − entry price) × size, in the settle coin; initial margin = size × mark price × (1 ÷ leverage + taker fee) × settle coin's USD price; maintenance margin = size × (maintenance margin rate + taker fee) × mark price × settle coin's USD price; ROI = unrealized PnL in USD ÷ initial margin",
    }
}

/// A reading in plain words.
pub fn reading(reading: Reading) -> &'static str {
    match reading {
        Reading::DiscountLikeTaxBrackets => "A coin's USD value is discounted like tax brackets: each slice between two tier bounds counts at its own tier's rate, so only the part above a bound gets the next tier's rate.",
        Reading::TierHoldsItsUpperBound => "A tier holds its upper bound: a value exactly at a bound is in the lower tier; the next tier starts just above it.",
        Reading::DebtCountsInFull => "A coin in debt (negative equity) counts in full, without a discount. A coin without discount tiers counts for nothing.",
        Reading::PendingOrdersInListOrder => "Pending spot orders are read as filled at their limit price, one after another in list order, each on the balances the ones before it leave.",
        Reading::NoCreditBeforeTheFill => "A pending order never makes the account look safer than it is without it: its spot trading loss is taken off now, but a gain counts only once the order fills.",
        Reading::FuturesFeeInsideInitialMargin => "A futures order's fee is already inside its initial margin (the taker fee term), so it is not taken off adjusted equity a second time.",
        Reading::LoanTakesTheTierOfItsWholeDebt => "A loan takes the leverage of the borrowing tier that holds its whole debt: the debt is not cut into slices across tiers. A tier holds its upper bound.",
        Reading::NoTiersNoBorrowing => "A coin without borrowing tiers cannot be borrowed: anything that would put it in debt is refused.",
        Reading::PendingSpotOrderAddsLoanMargin => "A pending spot order adds the loan margin its fill would open; no pending order releases margin before it fills.",
        Reading::ContractReservesItsLargerSide => "A buy order adds to the long side and a sell order to the short side, and a contract reserves only its larger side: an order that only closes a position reserves nothing extra.",
        Reading::FuturesFeeIsTheTakerTerm => "A futures order's fee is its taker fee term in the initial margin.",
        Reading::FuturesOrdersCancelledBelowReserved => "When adjusted equity is below margin reserved, all futures open orders are cancelled; spot orders stay.",
        Reading::LoanTakesTheMaintenanceRateOfItsTier => "A loan takes the maintenance rate of the borrowing tier that holds its whole debt.",
        Reading::SideTakesTheTierOfItsWholeNotional => "A contract side takes the maintenance rate of the position tier that holds its whole notional at mark price, open orders included; that rate applies to the whole side, not slice by slice. A tier holds its upper bound.",
        Reading::OpenOrdersAtMark => "Open orders count at the mark price, not at their order price.",
        Reading::LargerSideSetsMaintenance => "The larger side sets a contract's maintenance margin; on a tie, the long side.",
        Reading::PendingSpotOrderAddsLoanMaintenance => "A pending spot order adds the loan maintenance margin its fill would open, and releases none before it fills.",
        Reading::LiquidationFeeOnTheBindingSide => "The partial liquidation fee is taken on the notional at mark price (held plus open orders) of the side that sets the contract's maintenance margin, the long side on a tie.",
        Reading::NothingToMaintainIsZero => "With nothing to maintain the rate is 0 %, whatever the adjusted equity.",
        Reading::NoEquityIsUnbounded => "With something to maintain and adjusted equity at or below zero, the rate is unbounded, which counts as liquidation.",
        Reading::ThresholdReachedAtIt => "A rate exactly at a threshold has reached it.",
        Reading::CheckedAsTheLastPendingOrder => "The order is checked as if it were the last pending order, on the balances and positions the pending orders leave.",
        Reading::SpotOrderReadAsFilled => "It is read as filled at its limit price: its spot trading loss and its fee come off adjusted equity; a gain is not credited before it fills.",
        Reading::LoanTierAfterTheOrder => "A loan it opens takes the borrowing tier that holds the coin's whole debt after it; it releases no margin before it fills.",
        Reading::NotBorrowableRefused => "An order that would put a coin without borrowing tiers in debt is refused, whatever the headroom.",
        Reading::FuturesOrderTakesNothingOffEquity => "A futures order takes nothing off adjusted equity: its fee is the taker fee term of its initial margin.",
        Reading::ClosingOrderReservesNothingExtra => "A buy adds to the long side and a sell to the short side, and the contract reserves its larger side: an order that only closes a position reserves nothing extra while the other side stays the larger.",
        Reading::LargestSizeOnTheGrid => "The largest size that passes is the largest multiple of the size step whose order is accepted.",
        Reading::PositionTakesItsSideTier => "A position's maintenance margin takes the rate of the position tier that holds its whole side's notional at mark price, open orders included, as its side does.",
        Reading::RoiOnItsInitialMargin => "ROI is the unrealized PnL in USD over the position's own initial margin at the mark price; there is none when that margin is 0.",
        Reading::AvailableIsTheWholePosition => "The size available to close is the whole position: a new close order replaces older ones that would exceed it.",
        Reading::OneWayNetPosition => "In one-way (buy/sell) mode a contract holds one net position: positive when long, negative when short.",
    }
}

// ---------------------------------------------------------------------------------------
// Numbers as text

/// An input as entered (normalized), grouped: `50000` → `50,000`.
fn num(value: Decimal) -> String {
    group_thousands(value)
}

/// A computed term: exact, to at most 8 decimals, grouped.
fn amount(value: Decimal) -> String {
    group_thousands(value.round_dp_with_strategy(8, RoundingStrategy::MidpointAwayFromZero))
}

/// A rate as a percentage, cut (never rounded up) to 4 decimals of a percent; a rate whose
/// percentage is beyond exact decimals (an ROI on a tiny margin) is said to be too large.
fn rate(value: Decimal) -> String {
    let cut = value.round_dp_with_strategy(6, RoundingStrategy::ToZero);
    match cut.checked_mul(Decimal::ONE_HUNDRED) {
        Some(_) => percent(cut),
        None => "too large to show as a percentage".to_string(),
    }
}

/// `× p` for a conversion into USD, left out at par.
fn times_usd(price: Decimal) -> String {
    if price == Decimal::ONE {
        String::new()
    } else {
        format!(" × {}", num(price))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    let count = group_thousands(Decimal::from(n));
    if n == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

fn order_side(side: OrderSide) -> &'static str {
    match side {
        OrderSide::Buy => "buy",
        OrderSide::Sell => "sell",
    }
}

/// A sum written term by term: `a + b − c`.
#[derive(Default)]
struct Terms {
    text: String,
}

impl Terms {
    fn plus(&mut self, term: &str) {
        if !self.text.is_empty() {
            self.text.push_str(" + ");
        }
        self.text.push_str(term);
    }

    fn minus(&mut self, term: &str) {
        self.text
            .push_str(if self.text.is_empty() { "-" } else { " − " });
        self.text.push_str(term);
    }
}

fn unit(unit: &Unit) -> &str {
    match unit {
        Unit::Usd => "USD",
        Unit::Coin(coin) => coin,
    }
}

/// `up to 200,000 USD`, `above 200,000 up to 1,000,000 USD`, `above 1,000,000 USD`.
fn tier_range(range: &TierRange) -> String {
    let unit = unit(&range.unit);
    match (range.lower, range.upper) {
        (None, Some(u)) => format!("up to {} {unit}", num(u)),
        (Some(l), Some(u)) => format!("above {} up to {} {unit}", num(l), num(u)),
        (Some(l), None) => format!("above {} {unit}", num(l)),
        (None, None) => "of any size".to_string(),
    }
}

/// `buy 20 DOT at 5 USDT`, `sell 2 BTCUSDT at 50,000`.
fn order_words(o: &OrderWords) -> String {
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
fn pending_order(p: &PendingOrder) -> String {
    format!("order {} ({})", p.number, order_words(&p.order))
}

/// `20 × 5 ÷ 10 = 10 USD`, and the tier note when there is one.
fn loan_margin(m: &LoanMargin) -> (String, Option<String>) {
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
fn loan_change(c: &LoanChange) -> String {
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
fn side_value(terms: &[ValueTerm]) -> String {
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
fn side_initial_margin(s: &SideInitialMargin) -> String {
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
fn side_maintenance_margin(s: &SideMaintenanceMargin) -> String {
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
fn spot_loss(loss: &SpotLossWorked) -> String {
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
fn fee(f: &FeeWorked) -> String {
    format!(
        "{} × {}{} × {} = {} USD",
        num(f.size),
        num(f.price),
        times_usd(f.quote_usd),
        num(f.rate),
        amount(f.fee)
    )
}

fn total_name(total: Total) -> &'static str {
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
fn total(
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
fn more(count: usize, what: Many, sum: Option<Decimal>) -> String {
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
fn adjusted_equity_sum(terms: &[SumTerm], total: Decimal) -> String {
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
                terms.minus(&format!("{} unrealized PnL", amount(-*unrealized_pnl)));
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
