//! Figures written for people: thousands separators, USD to cents, rates as percentages;
//! and the reasons that explain an order check, typed, with their English sentences.

use crate::model::{Account, OrderModel};
use crate::rules::check::Acceptance;
use crate::rules::pending::OrderEffect;
use crate::scenario::{OrderSide, PositionSide};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};
use std::fmt;

/// Groups the integer digits by thousands: `1234567.5` → `1,234,567.5`.
pub fn group_thousands(value: Decimal) -> String {
    let mut out = String::with_capacity(40);
    push_grouped(&mut out, value);
    out
}

/// Appends `value` to `out`, its integer digits grouped by thousands.
fn push_grouped(out: &mut String, value: Decimal) {
    let mut buf = [0; crate::num::DECIMAL_TEXT_CAPACITY];
    let text = crate::num::write_decimal(&value, true, &mut buf);
    let (digits, fraction) = match text.strip_prefix('-') {
        Some(rest) => {
            out.push('-');
            rest.split_once('.')
                .map_or((rest, None), |(i, f)| (i, Some(f)))
        }
        None => text
            .split_once('.')
            .map_or((text, None), |(i, f)| (i, Some(f))),
    };
    push_grouped_digits(out, digits);
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
}

/// Appends the integer `digits` (ASCII digits, no sign), grouped by thousands.
fn push_grouped_digits(out: &mut String, digits: &str) {
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && digits.len().saturating_sub(i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
}

/// A USD figure to the cent, grouped: `50100` → `50,100.00 USD`.
pub fn usd(value: Decimal) -> String {
    let cents = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let mut out = String::with_capacity(40);
    push_grouped(&mut out, cents);
    match out.split_once('.').map(|(_, f)| f.len()) {
        Some(1) => out.push('0'),
        Some(_) => {}
        None => out.push_str(".00"),
    }
    out.push_str(" USD");
    out
}

/// A fraction as a percentage: `0.0006` → `0.06 %`. The point is moved two places in the
/// fraction's text rather than the fraction multiplied by 100, so that any decimal has its
/// percentage (`1e27` → `100,000,000,000,000,000,000,000,000,000 %`, beyond the decimal range).
pub fn percent(rate: Decimal) -> String {
    let mut buf = [0; crate::num::DECIMAL_TEXT_CAPACITY];
    let text = crate::num::write_decimal(&rate, true, &mut buf);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (integer, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    // the first two digits of the fraction (zeros where it has fewer) join the integer part
    let moved: String = fraction.chars().chain(['0', '0']).take(2).collect();
    let rest = fraction.get(2..).unwrap_or_default();
    let whole = format!("{integer}{moved}");
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        trimmed => trimmed,
    };
    let mut out = String::with_capacity(48);
    out.push_str(sign);
    push_grouped_digits(&mut out, whole);
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
    out.push_str(" %");
    out
}

/// One reason of an order check (RULES §7), with the figures it names. `Display` writes
/// it as an English sentence, and so does serialization (the report's `check.reasons`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The order would leave `coin`, which has no loan tiers, below zero.
    NotBorrowable { coin: String },
    /// Adjusted equity after the order covers the margin reserved with it.
    Accepted {
        adjusted_equity_after: Decimal,
        margin_reserved_after: Decimal,
        headroom: Decimal,
    },
    /// Adjusted equity after the order is `shortfall` short of the margin reserved with it.
    Rejected {
        adjusted_equity_after: Decimal,
        margin_reserved_after: Decimal,
        shortfall: Decimal,
    },
    /// A spot order's trading loss: `bought` counts for less than `paid` after discounts.
    SpotLoss {
        loss: Decimal,
        bought: String,
        paid: String,
    },
    /// A spot order without trading loss.
    NoSpotLoss { bought: String, paid: String },
    /// A spot order's estimated fee, at the spot taker fee `rate`.
    Fee { fee: Decimal, rate: Decimal },
    /// A spot order that borrows `amount` of `coin`, adding `initial_margin` of loan margin.
    Borrows {
        amount: Decimal,
        coin: String,
        initial_margin: Decimal,
    },
    /// A futures order's initial margin, as an open order on its `side` of `symbol`.
    FuturesMargin {
        margin: Decimal,
        symbol: String,
        side: PositionSide,
    },
    /// A futures order whose side stays within the margin of the other side.
    NoFuturesMargin { symbol: String, side: PositionSide },
    /// The largest size that passes (on the `size_step` grid).
    LargestSize { size: Decimal },
    /// No size passes at this price.
    NoSizePasses,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Reason::NotBorrowable { coin } => write!(
                f,
                "Rejected: the order would leave {coin} below zero, and {coin} cannot be borrowed (it has no loan tiers)."
            ),
            Reason::Accepted {
                adjusted_equity_after,
                margin_reserved_after,
                headroom,
            } => write!(
                f,
                "Accepted: adjusted equity after the order, {}, covers the margin reserved with it, {}, with {} to spare.",
                usd(*adjusted_equity_after),
                usd(*margin_reserved_after),
                usd(*headroom)
            ),
            Reason::Rejected {
                adjusted_equity_after,
                margin_reserved_after,
                shortfall,
            } => write!(
                f,
                "Rejected: adjusted equity after the order, {}, is {} short of the margin reserved with it, {}.",
                usd(*adjusted_equity_after),
                usd(*shortfall),
                usd(*margin_reserved_after)
            ),
            Reason::SpotLoss { loss, bought, paid } => write!(
                f,
                "Its spot trading loss is {}: after discount rates, the {bought} it brings in counts for that much less adjusted equity than the {paid} it gives up.",
                usd(*loss)
            ),
            Reason::NoSpotLoss { bought, paid } => write!(
                f,
                "It has no spot trading loss: the {bought} it brings in counts for at least as much adjusted equity as the {paid} it gives up."
            ),
            Reason::Fee { fee, rate } => write!(
                f,
                "Its estimated fee is {} (spot taker fee {}).",
                usd(*fee),
                percent(*rate)
            ),
            Reason::Borrows {
                amount,
                coin,
                initial_margin,
            } => write!(
                f,
                "It borrows {} {coin}, adding {} of loan initial margin.",
                group_thousands(*amount),
                usd(*initial_margin)
            ),
            Reason::FuturesMargin {
                margin,
                symbol,
                side,
            } => write!(
                f,
                "It adds {} of initial margin on {symbol}, its taker fee included, as an open order on the {} side.",
                usd(*margin),
                side_name(*side)
            ),
            Reason::NoFuturesMargin { symbol, side } => write!(
                f,
                "It adds no initial margin: the {} side of {symbol}, with it, stays within the margin of the other side.",
                side_name(*side)
            ),
            Reason::LargestSize { size } => write!(
                f,
                "The largest size that passes is {}.",
                group_thousands(*size)
            ),
            Reason::NoSizePasses => f.write_str("No size of this order passes at this price."),
        }
    }
}

/// A reason is written as its sentence.
impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `long` or `short`.
pub fn side_name(side: PositionSide) -> &'static str {
    match side {
        PositionSide::Long => "long",
        PositionSide::Short => "short",
    }
}

/// The reasons of an order check (RULES §7): the verdict with its binding figures, what
/// the order costs, and the largest size that passes.
pub fn check_reasons(
    account: &Account,
    order: &OrderModel,
    effect: &OrderEffect,
    debt_added: Decimal,
    acceptance: &Acceptance,
    max_size: Decimal,
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if let Some(i) = effect.not_borrowable() {
        reasons.push(Reason::NotBorrowable {
            coin: account.coins[i].name.clone(),
        });
    } else if acceptance.accepted {
        reasons.push(Reason::Accepted {
            adjusted_equity_after: acceptance.adjusted_equity_after,
            margin_reserved_after: acceptance.margin_reserved_after,
            headroom: acceptance.headroom,
        });
    } else {
        reasons.push(Reason::Rejected {
            adjusted_equity_after: acceptance.adjusted_equity_after,
            margin_reserved_after: acceptance.margin_reserved_after,
            shortfall: crate::num::neg(acceptance.headroom),
        });
    }
    match *order {
        OrderModel::Spot {
            side, base, quote, ..
        } => {
            let (bought, paid) = match side {
                OrderSide::Buy => (base, quote),
                OrderSide::Sell => (quote, base),
            };
            let (bought, paid) = (
                account.coins[bought].name.clone(),
                account.coins[paid].name.clone(),
            );
            let borrows = debt_added > Decimal::ZERO && effect.not_borrowable().is_none();
            let coin = paid.clone();
            if effect.spot_loss() > Decimal::ZERO {
                reasons.push(Reason::SpotLoss {
                    loss: effect.spot_loss(),
                    bought,
                    paid,
                });
            } else {
                reasons.push(Reason::NoSpotLoss { bought, paid });
            }
            if effect.fee() > Decimal::ZERO {
                reasons.push(Reason::Fee {
                    fee: effect.fee(),
                    rate: account.settings.spot_taker_fee,
                });
            }
            if borrows {
                reasons.push(Reason::Borrows {
                    amount: debt_added,
                    coin,
                    initial_margin: effect.initial_margin_added(),
                });
            }
        }
        OrderModel::Futures { side, contract, .. } => {
            let symbol = account.contracts[contract].symbol.clone();
            let side = match side {
                OrderSide::Buy => PositionSide::Long,
                OrderSide::Sell => PositionSide::Short,
            };
            if effect.initial_margin_added() > Decimal::ZERO {
                reasons.push(Reason::FuturesMargin {
                    margin: effect.initial_margin_added(),
                    symbol,
                    side,
                });
            } else {
                reasons.push(Reason::NoFuturesMargin { symbol, side });
            }
        }
    }
    if max_size > Decimal::ZERO {
        reasons.push(Reason::LargestSize { size: max_size });
    } else {
        reasons.push(Reason::NoSizePasses);
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn figures_are_grouped_and_rounded_for_people() {
        let table = [
            (group_thousands(dec!(1234567.50)), "1,234,567.5"),
            (group_thousands(dec!(-1000)), "-1,000"),
            (group_thousands(dec!(999)), "999"),
            (usd(dec!(50100)), "50,100.00 USD"),
            (usd(dec!(0.105)), "0.11 USD"),
            (usd(dec!(1234.5)), "1,234.50 USD"),
            (percent(dec!(0.0006)), "0.06 %"),
            (percent(dec!(0.8)), "80 %"),
        ];
        for (got, want) in table {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn any_fraction_has_its_percentage() {
        // beyond the decimal range once multiplied by 100: the point moves in the text
        let table = [
            (dec!(1e27), "100,000,000,000,000,000,000,000,000,000 %"),
            (Decimal::MAX, "7,922,816,251,426,433,759,354,395,033,500 %"),
            (Decimal::MIN, "-7,922,816,251,426,433,759,354,395,033,500 %"),
            (
                dec!(0.0000000000000000000000000001),
                "0.00000000000000000000000001 %",
            ),
            (dec!(-0.25), "-25 %"),
            (dec!(1.5), "150 %"),
            (dec!(12.345), "1,234.5 %"),
            (dec!(0.99996), "99.996 %"),
            (dec!(0), "0 %"),
            (dec!(0.010), "1 %"),
        ];
        for (rate, want) in table {
            assert_eq!(percent(rate), want, "{rate}");
        }
        // where rate × 100 fits, the same text as the product grouped
        for rate in [
            dec!(0.0006),
            dec!(0.8),
            dec!(-3.14159),
            dec!(123456.7),
            dec!(1e20),
        ] {
            let product = rate.checked_mul(Decimal::ONE_HUNDRED).unwrap();
            assert_eq!(percent(rate), format!("{} %", group_thousands(product)));
        }
    }
}
