//! What the what-if controls read: a price typed in USD, or a change in percent (typed, or
//! from the slider), turned into the price to set, exactly and checked. A number that
//! cannot be a price gets a typed problem ([`ShockProblem`]), worded in one place.

use crate::checked::Checked;
use crate::number::{for_field, parse_typed, EntryError};
use rust_decimal::RoundingStrategy;
use unimargin::num::NumberError;
use unimargin::Decimal;

/// Why a what-if price or change cannot be applied. `Display` is the English sentence shown
/// under the controls.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShockProblem {
    /// The price typed is not a number.
    #[error("enter a price in USD")]
    NotAPrice,
    /// The price typed is 0 or below.
    #[error("a price must be above 0")]
    PriceNotPositive,
    /// The change typed is not a number.
    #[error("enter a change in percent, such as -20")]
    NotAChange,
    /// A fall of 100 % or more (no price is left).
    #[error("a price cannot fall by 100 % or more")]
    FallOfAll,
    /// A change that takes the price beyond what can be computed exactly (about 7.9e28).
    #[error("this change takes the price beyond what can be computed exactly")]
    TooLarge,
    /// A number that cannot be kept exactly (too large, too many digits or decimal places)
    /// or whose separators are misplaced: the form's own sentence for it, naming what was
    /// typed.
    #[error("{0}")]
    Unreadable(EntryError),
}

/// Reads a number typed into a what-if field: text that is no number at all is `not_one`
/// (which says what the field wants); a number that cannot be kept exactly says why.
fn read(text: &str, not_one: ShockProblem) -> Result<Decimal, ShockProblem> {
    parse_typed(text).map_err(|error| match error {
        EntryError::Empty
        | EntryError::NotANumber {
            cause: NumberError::NotADecimal { .. } | NumberError::NotFinite { .. },
            ..
        } => not_one,
        other => ShockProblem::Unreadable(other),
    })
}

/// The price typed into the what-if price field (`None`: left empty, no what-if price).
pub fn price_typed(text: &str) -> Result<Option<Decimal>, ShockProblem> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match read(text, ShockProblem::NotAPrice)? {
        price if price > Decimal::ZERO => Ok(Some(price)),
        _ => Err(ShockProblem::PriceNotPositive),
    }
}

/// The price after a change typed in percent of `current` (`None`: left empty):
/// `current × (1 + change ÷ 100)`.
pub fn price_after_change(current: Decimal, text: &str) -> Result<Option<Decimal>, ShockProblem> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let change = read(text, ShockProblem::NotAChange)?;
    if change <= Decimal::from(-100) {
        return Err(ShockProblem::FallOfAll);
    }
    let price = change
        .over(Decimal::ONE_HUNDRED)
        .and_then(|c| Decimal::ONE.plus(c))
        .and_then(|factor| current.times(factor))
        .ok_or(ShockProblem::TooLarge)?;
    if price <= Decimal::ZERO {
        // a fall a hair short of 100 %, rounded to nothing
        return Err(ShockProblem::FallOfAll);
    }
    Ok(Some(price))
}

/// A what-if price as it goes into the price field (set from the change or the slider): to
/// the cent from 1 up, else to 8 places, never to 0.
pub fn price_for_field(price: Decimal) -> String {
    let places = if price.abs() >= Decimal::ONE { 2 } else { 8 };
    for_field(crate::show::round_kept(price, places).normalize())
}

/// A change in percent as it goes into the change field (set from the price or the
/// slider): to two places, never to −100 % or below for a price above 0 (a fall of
/// 99.999 % shows as −99.99).
pub fn change_for_field(change: Decimal) -> String {
    let all = Decimal::from(-100);
    let rounded = change.round_dp(2);
    let shown = if rounded <= all && change > all {
        change.round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity)
    } else {
        rounded
    };
    shown.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_price_typed() {
        assert_eq!(price_typed("41,000"), Ok(Some(d("41000"))));
        assert_eq!(price_typed(" "), Ok(None));
        assert_eq!(price_typed("0"), Err(ShockProblem::PriceNotPositive));
        assert_eq!(price_typed("-1"), Err(ShockProblem::PriceNotPositive));
        assert_eq!(price_typed("1e-28"), Ok(Some(d("1e-28"))));
        assert_eq!(price_typed("abc"), Err(ShockProblem::NotAPrice));
        assert_eq!(price_typed("1e"), Err(ShockProblem::NotAPrice));
        // 40 digits, 1e999, 29 places, 1,00: numbers, but none the engine keeps exactly
        // (the largest decimal is 2^96 - 1, about 7.9e28) or written with thousands
        // separators where they cannot be; the form's sentence says which
        let forty = "1234567890123456789012345678901234567890";
        for (typed, says) in [
            (forty, "is too large"),
            ("1e999", "is too large"),
            ("0.00000000000000000000000000001", "28 decimal places"),
            ("1,00", "every three digits"),
        ] {
            let problem = price_typed(typed).unwrap_err();
            assert!(
                matches!(problem, ShockProblem::Unreadable(_)),
                "{typed}: {problem:?}"
            );
            let sentence = problem.to_string();
            assert!(
                sentence.contains(says) && sentence.contains(typed),
                "{typed}: {sentence}"
            );
        }
    }

    #[test]
    fn a_change_in_percent() {
        let now = d("64000");
        // 64,000 × (1 − 0.2) = 51,200; × (1 + 1) = 128,000
        assert_eq!(price_after_change(now, "-20"), Ok(Some(d("51200"))));
        assert_eq!(price_after_change(now, "100"), Ok(Some(d("128000"))));
        assert_eq!(price_after_change(now, ""), Ok(None));
        assert_eq!(price_after_change(now, "0"), Ok(Some(now)));
        assert_eq!(
            price_after_change(now, "-100"),
            Err(ShockProblem::FallOfAll)
        );
        assert_eq!(
            price_after_change(now, "-150"),
            Err(ShockProblem::FallOfAll)
        );
        assert_eq!(price_after_change(now, "x"), Err(ShockProblem::NotAChange));
        // 1e27 % is a factor of 1e25: 6.4e29, beyond a decimal (about 7.9e28)
        assert_eq!(price_after_change(now, "1e27"), Err(ShockProblem::TooLarge));
        assert_eq!(
            price_after_change(now, "79228162514264337593543950335"),
            Err(ShockProblem::TooLarge)
        );
        // the smallest change: 64,000 × (1 + 1e-30) rounds to 64,000
        assert_eq!(price_after_change(now, "1e-28"), Ok(Some(now)));
        assert_eq!(
            price_after_change(now, "-79228162514264337593543950335"),
            Err(ShockProblem::FallOfAll)
        );
        assert_eq!(
            ShockProblem::FallOfAll.to_string(),
            "a price cannot fall by 100 % or more"
        );
        assert_eq!(
            ShockProblem::TooLarge.to_string(),
            "this change takes the price beyond what can be computed exactly"
        );
    }

    #[test]
    fn the_other_fields_follow_without_crossing_zero_or_a_fall_of_all() {
        assert_eq!(price_for_field(d("41000")), "41,000");
        assert_eq!(price_for_field(d("41000.456")), "41,000.46");
        assert_eq!(price_for_field(d("0.123456789")), "0.12345679");
        // 64,000 × (1 − 0.99999999999999) = 0.00000000064: not 0
        assert_eq!(price_for_field(d("0.00000000064")), "0.0000000006");
        assert_eq!(price_for_field(d("0.00000000066")), "0.0000000007");
        assert_eq!(change_for_field(d("-35.9375")), "-35.94");
        assert_eq!(change_for_field(d("12.5")), "12.5");
        // a fall of 99.999 % is not a fall of 100 %
        assert_eq!(change_for_field(d("-99.999")), "-99.99");
        assert_eq!(change_for_field(d("-99.99999999")), "-99.99");
        assert_eq!(change_for_field(d("-99.994")), "-99.99");
    }
}
