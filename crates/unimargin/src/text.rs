//! Figures written for people: thousands separators, USD to cents, rates as percentages;
//! and the sentences that explain an order check.

use crate::model::{Account, OrderModel};
use crate::rules::check::{Acceptance, OrderEffect};
use crate::scenario::OrderSide;
use rust_decimal::{Decimal, RoundingStrategy};

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
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
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

/// A fraction as a percentage: `0.0006` → `0.06 %`.
pub fn percent(rate: Decimal) -> String {
    format!("{} %", group_thousands(rate * Decimal::ONE_HUNDRED))
}

/// The sentences of an order check (RULES §7): the verdict with its binding figures, what
/// the order costs, and the largest size that passes.
pub fn check_reasons(
    account: &Account,
    order: &OrderModel,
    effect: &OrderEffect,
    acceptance: &Acceptance,
    max_size: Decimal,
) -> Vec<String> {
    let mut reasons = Vec::new();
    if let Some(i) = effect.not_borrowable {
        let coin = &account.coins[i].name;
        reasons.push(format!(
            "Rejected: the order would leave {coin} below zero, and {coin} cannot be borrowed (it has no loan tiers)."
        ));
    } else if acceptance.accepted {
        reasons.push(format!(
            "Accepted: adjusted equity after the order, {}, covers the margin reserved with it, {}, with {} to spare.",
            usd(acceptance.adjusted_equity_after),
            usd(acceptance.margin_reserved_after),
            usd(acceptance.headroom)
        ));
    } else {
        reasons.push(format!(
            "Rejected: adjusted equity after the order, {}, is {} short of the margin reserved with it, {}.",
            usd(acceptance.adjusted_equity_after),
            usd(-acceptance.headroom),
            usd(acceptance.margin_reserved_after)
        ));
    }
    match *order {
        OrderModel::Spot {
            side, base, quote, ..
        } => {
            let (bought, paid) = match side {
                OrderSide::Buy => (base, quote),
                OrderSide::Sell => (quote, base),
            };
            let (bought, paid) = (&account.coins[bought].name, &account.coins[paid].name);
            if effect.spot_loss > Decimal::ZERO {
                reasons.push(format!(
                    "Its spot trading loss is {}: after discount rates, the {bought} it brings in counts for that much less adjusted equity than the {paid} it gives up.",
                    usd(effect.spot_loss)
                ));
            } else {
                reasons.push(format!(
                    "It has no spot trading loss: the {bought} it brings in counts for at least as much adjusted equity as the {paid} it gives up."
                ));
            }
            if effect.fee > Decimal::ZERO {
                reasons.push(format!(
                    "Its estimated fee is {} (spot taker fee {}).",
                    usd(effect.fee),
                    percent(account.settings.spot_taker_fee)
                ));
            }
            if effect.debt_added > Decimal::ZERO && effect.not_borrowable.is_none() {
                reasons.push(format!(
                    "It borrows {} {paid}, adding {} of loan initial margin.",
                    group_thousands(effect.debt_added),
                    usd(effect.initial_margin_added)
                ));
            }
        }
        OrderModel::Futures { side, contract, .. } => {
            let symbol = &account.contracts[contract].symbol;
            let book_side = match side {
                OrderSide::Buy => "long",
                OrderSide::Sell => "short",
            };
            if effect.initial_margin_added > Decimal::ZERO {
                reasons.push(format!(
                    "It adds {} of initial margin on {symbol}, its taker fee included, as an open order on the {book_side} side.",
                    usd(effect.initial_margin_added)
                ));
            } else {
                reasons.push(format!(
                    "It adds no initial margin: the {book_side} side of {symbol}, with it, stays within the margin of the other side."
                ));
            }
        }
    }
    if max_size > Decimal::ZERO {
        reasons.push(format!(
            "The largest size that passes is {}.",
            group_thousands(max_size)
        ));
    } else {
        reasons.push("No size of this order passes at this price.".to_string());
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
}
