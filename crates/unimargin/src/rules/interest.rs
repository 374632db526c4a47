//! RULES §8: loans and interest.

use crate::num::{mul, positive_part, sub, Overflow};
use rust_decimal::Decimal;

/// The part of a debt that bears interest: the part that comes from negative unrealized
/// PnL, `min(debt, (−PnL)⁺)`, is free up to the interest-free amount; the rest bears it.
pub fn interest_bearing_debt(
    debt: Decimal,
    unrealized_pnl: Decimal,
    interest_free: Decimal,
) -> Result<Decimal, Overflow> {
    let from_losses = debt.min(positive_part(crate::num::neg(unrealized_pnl)));
    let free = from_losses.min(interest_free);
    sub(debt, free)
}

/// Estimated interest per hour in USD: `interest-bearing debt × hourly rate × p(c)`.
pub fn hourly_interest(
    debt: Decimal,
    unrealized_pnl: Decimal,
    interest_free: Decimal,
    hourly_rate: Decimal,
    usd_price: Decimal,
) -> Result<Decimal, Overflow> {
    if debt.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let bearing = interest_bearing_debt(debt, unrealized_pnl, interest_free)?;
    mul(mul(bearing, hourly_rate)?, usd_price)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn losses_are_free_up_to_the_interest_free_amount() {
        // balance 100 USDT, PnL −400: debt 300, all from losses; 200 free, 100 bears
        // 100 × 0.00001 × 1 = 0.001 USD an hour
        assert_eq!(
            hourly_interest(dec!(300), dec!(-400), dec!(200), dec!(0.00001), dec!(1)),
            Ok(dec!(0.001))
        );
        // a loan from a sale (balance −50) with no PnL: all 50 bears interest
        assert_eq!(
            interest_bearing_debt(dec!(50), dec!(0), dec!(1000)),
            Ok(dec!(50))
        );
        // balance −50 and PnL −30: debt 80, of which 30 from losses and free: 50 bears
        assert_eq!(
            interest_bearing_debt(dec!(80), dec!(-30), dec!(1000)),
            Ok(dec!(50))
        );
    }
}
