//! The numbers and the recurring phrases of the explanations, in the reader's language:
//! the engine's number styles (`unimargin::explain::english` states them) written the
//! locale's way, tiers, orders, loans and contract sides.

use super::say;
use crate::i18n::{localize_number, Locale};
use rust_decimal::{Decimal, RoundingStrategy};
use unimargin::explain::*;
use unimargin::scenario::{OrderSide, PositionSide};
use unimargin::text::{group_thousands, percent, usd as usd_text};

/// An input as entered (normalized), grouped: `50000` → `50,000` (`50 000` in French).
pub(super) fn num(value: Decimal, locale: Locale) -> String {
    localize_number(&group_thousands(value), locale)
}

/// A computed term: exact, to at most 8 decimals, grouped.
pub(super) fn amount(value: Decimal, locale: Locale) -> String {
    num(
        value.round_dp_with_strategy(8, RoundingStrategy::MidpointAwayFromZero),
        locale,
    )
}

/// A count of items, grouped.
pub(super) fn count(n: usize, locale: Locale) -> String {
    num(Decimal::from(n), locale)
}

/// A figure in USD, to the cent: `50,150.00 USD`.
pub(super) fn usd(value: Decimal, locale: Locale) -> String {
    let text = usd_text(value);
    let figure = text.strip_suffix(" USD").unwrap_or(&text);
    format!("{} USD", localize_number(figure, locale))
}

/// A rate as a percentage, cut (never rounded up) to 4 decimals of a percent, so that a rate
/// below a threshold never reads as the threshold; one whose percentage is beyond exact
/// decimals (an ROI on a tiny margin) is said to be too large.
pub(super) fn rate(value: Decimal, locale: Locale) -> String {
    let cut = value.round_dp_with_strategy(6, RoundingStrategy::ToZero);
    match cut.checked_mul(Decimal::ONE_HUNDRED) {
        Some(_) => {
            let text = percent(cut);
            let figure = text.strip_suffix(" %").unwrap_or(&text);
            say!(locale, percent, value = localize_number(figure, locale))
        }
        None => say!(locale, rate_too_large),
    }
}

/// `× p` for a conversion into USD, left out at par.
pub(super) fn times_usd(price: Decimal, locale: Locale) -> String {
    if price == Decimal::ONE {
        String::new()
    } else {
        format!(" × {}", num(price, locale))
    }
}

/// The word for a side: long or short.
pub(super) fn side(side: PositionSide, locale: Locale) -> String {
    match side {
        PositionSide::Long => say!(locale, side_long),
        PositionSide::Short => say!(locale, side_short),
    }
}

/// Items joined into a list: `a, b`.
pub(super) fn list(items: &[String], locale: Locale) -> String {
    items.join(&say!(locale, list_separator))
}

/// Clauses joined: `a; b`.
pub(super) fn clauses(items: &[String], locale: Locale) -> String {
    items.join(&say!(locale, clause_separator))
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

fn unit(unit: &Unit) -> &str {
    match unit {
        Unit::Usd => "USD",
        Unit::Coin(coin) => coin,
    }
}

/// `up to 200,000 USD`, `above 200,000 up to 1,000,000 USD`, `above 1,000,000 USD`.
pub(super) fn tier_range(range: &TierRange, locale: Locale) -> String {
    let unit = unit(&range.unit);
    match (range.lower, range.upper) {
        (None, Some(u)) => say!(locale, tier_up_to, upper = num(u, locale), unit = unit),
        (Some(l), Some(u)) => say!(
            locale,
            tier_between,
            lower = num(l, locale),
            upper = num(u, locale),
            unit = unit
        ),
        (Some(l), None) => say!(locale, tier_above, lower = num(l, locale), unit = unit),
        (None, None) => say!(locale, tier_any),
    }
}

/// `buy 20 DOT at 5 USDT`, `sell 2 BTCUSDT at 50,000`.
pub(super) fn order_words(o: &OrderWords, locale: Locale) -> String {
    let size = num(o.size, locale);
    let price = match &o.quote {
        Some(quote) => format!("{} {quote}", num(o.price, locale)),
        None => num(o.price, locale),
    };
    let traded = &o.traded;
    match o.side {
        OrderSide::Buy => say!(
            locale,
            order_buy,
            size = size,
            traded = traded,
            price = price
        ),
        OrderSide::Sell => say!(
            locale,
            order_sell,
            size = size,
            traded = traded,
            price = price
        ),
    }
}

/// `Pending order 2 (sell 0.1 BTC at 50,000 USDT)`.
pub(super) fn pending_order(p: &PendingOrder, locale: Locale) -> String {
    let order = order_words(&p.order, locale);
    say!(locale, pending_order, number = p.number, order = order)
}

/// `20 × 5 ÷ 10 = 10 USD`, and the tier that holds the whole debt when there is one.
pub(super) fn loan_margin(m: &LoanMargin, locale: Locale) -> (String, Option<String>) {
    let operation = match m.rate {
        LoanRate::Leverage(leverage) => format!("÷ {}", num(leverage, locale)),
        LoanRate::Mmr(mmr) => format!("× {}", num(mmr, locale)),
    };
    let text = format!(
        "{} × {} {operation} = {} USD",
        num(m.debt, locale),
        num(m.usd_price, locale),
        amount(m.margin, locale)
    );
    (text, m.tier.as_ref().map(|t| tier_range(t, locale)))
}

/// `DOT loan 20 × 5 ÷ 10 = 10 USD (before: none)`, `USDT loan repaid (before: 10 USD)`.
pub(super) fn loan_change(c: &LoanChange, locale: Locale) -> String {
    let before = match c.before {
        None => say!(locale, before_none),
        Some(margin) => format!("{} USD", amount(margin, locale)),
    };
    let coin = &c.coin;
    match &c.after {
        None => say!(locale, loan_repaid, coin = coin, before = before),
        Some(after) => match loan_margin(after, locale) {
            (margin, Some(range)) => say!(
                locale,
                loan_changed_in_tier,
                coin = coin,
                margin = margin,
                range = range,
                before = before
            ),
            (margin, None) => say!(
                locale,
                loan_changed,
                coin = coin,
                margin = margin,
                before = before
            ),
        },
    }
}

/// `(1 × 50,000 + 0.5 × 49,000)`: a side's value; `0` without terms.
fn side_value(terms: &[ValueTerm], locale: Locale) -> String {
    let mut sum = Terms::default();
    for t in terms {
        sum.plus(&match t {
            ValueTerm::AtPrice { size, price } => {
                format!("{} × {}", num(*size, locale), num(*price, locale))
            }
            ValueTerm::OpenOrders(value) => {
                say!(locale, open_orders_value, value = amount(*value, locale))
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
pub(super) fn side_initial_margin(s: &SideInitialMargin, locale: Locale) -> String {
    if s.value.is_empty() {
        return "0".to_string();
    }
    format!(
        "{} × (1 ÷ {} + {}){} = {} USD",
        side_value(&s.value, locale),
        num(s.leverage, locale),
        num(s.taker_fee, locale),
        times_usd(s.settle_usd, locale),
        amount(s.margin, locale)
    )
}

/// `(1 + 0.5) × (0.004 + 0.0006) × 50,000 = 345 USD`, without the tier.
pub(super) fn side_maintenance_worked(s: &SideMaintenanceMargin, locale: Locale) -> String {
    let size = match (s.held.is_zero(), s.open.is_zero()) {
        (true, true) => return "0".to_string(),
        (false, true) => num(s.held, locale),
        (true, false) => num(s.open, locale),
        (false, false) => format!("({} + {})", num(s.held, locale), num(s.open, locale)),
    };
    format!(
        "{size} × ({} + {}) × {}{} = {} USD",
        num(s.mmr, locale),
        num(s.taker_fee, locale),
        num(s.mark_price, locale),
        times_usd(s.settle_usd, locale),
        amount(s.margin, locale)
    )
}

/// The side's maintenance margin worked out, with its notional and tier when the contract
/// has more than one: `… = 345 USD (notional 75,000 USD, in the tier up to 200,000 USD)`.
pub(super) fn side_maintenance_margin(s: &SideMaintenanceMargin, locale: Locale) -> String {
    let worked = side_maintenance_worked(s, locale);
    match (&s.tier, worked == "0") {
        (Some((notional, range)), false) => say!(
            locale,
            side_in_tier,
            margin = worked,
            notional = amount(*notional, locale),
            range = tier_range(range, locale)
        ),
        _ => worked,
    }
}

/// `20 × 5 × (1 − 0.5) = 50 USD`, or a gain that is not credited.
pub(super) fn spot_loss(loss: &SpotLossWorked, locale: Locale) -> String {
    let expression = match &loss.form {
        SpotLoss::OneRateEach {
            size,
            price,
            quote_usd,
            paid_rate,
            bought_rate,
        } => format!(
            "{} × {}{} × ({} − {})",
            num(*size, locale),
            num(*price, locale),
            times_usd(*quote_usd, locale),
            num(*paid_rate, locale),
            num(*bought_rate, locale)
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
            amount(*paid, locale),
            num(*paid_usd, locale),
            num(*paid_rate, locale),
            amount(*bought, locale),
            num(*bought_usd, locale),
            num(*bought_rate, locale)
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
            amount(*paid_before, locale),
            amount(*bought_before, locale),
            amount(*paid_after, locale),
            amount(*bought_after, locale)
        ),
    };
    if loss.lost < Decimal::ZERO {
        say!(
            locale,
            spot_gain,
            expression = expression,
            gain = amount(loss.lost, locale)
        )
    } else {
        format!("{expression} = {} USD", amount(loss.lost, locale))
    }
}

/// `20 × 5 × 0.001 = 0.1 USD`.
pub(super) fn fee(f: &FeeWorked, locale: Locale) -> String {
    format!(
        "{} × {}{} × {} = {} USD",
        num(f.size, locale),
        num(f.price, locale),
        times_usd(f.quote_usd, locale),
        num(f.rate, locale),
        amount(f.fee, locale)
    )
}

/// The name of the figure a total works out.
pub(super) fn total_name(total: Total, locale: Locale) -> String {
    match total {
        Total::AdjustedEquity => say!(locale, figure_adjusted_equity),
        Total::MarginReserved => say!(locale, figure_margin_reserved),
        Total::MaintenanceMargin => say!(locale, figure_maintenance_margin),
        Total::AvailableMargin => say!(locale, figure_available_margin),
        Total::CrossMarginRate => say!(locale, figure_cross_margin_rate),
        Total::AdjustedEquityAfter => say!(locale, figure_adjusted_equity_after),
        Total::MarginReservedAfter => say!(locale, figure_margin_reserved_after),
        Total::Headroom => say!(locale, figure_headroom),
    }
}
