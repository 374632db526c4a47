//! RULES §2: coin equity, unrealized PnL, debt.

use crate::num::{add, mul, sub, Overflow};
use crate::scenario::PositionSide;
use rust_decimal::Decimal;

/// Unrealized PnL of a futures position: `dir × (mark − entry) × size`, `dir` +1 long,
/// −1 short, in the contract's settle coin.
pub fn unrealized_pnl(
    side: PositionSide,
    mark: Decimal,
    entry: Decimal,
    size: Decimal,
) -> Result<Decimal, Overflow> {
    let per_unit = sub(mark, entry)?;
    let pnl = mul(per_unit, size)?;
    Ok(match side {
        PositionSide::Long => pnl,
        PositionSide::Short => crate::num::neg(pnl),
    })
}

/// `equity(c) = balance(c) + Σ unrealized PnL of positions settled in c`.
pub fn coin_equity(balance: Decimal, unrealized_pnl: Decimal) -> Result<Decimal, Overflow> {
    add(balance, unrealized_pnl)
}

/// `debt(c) = abs(min(equity(c), 0))`.
pub fn debt(equity: Decimal) -> Decimal {
    crate::regime::note(u32::from(equity < Decimal::ZERO));
    equity.min(Decimal::ZERO).abs()
}

/// A coin's equity in USD, `equity(c) × p(c)`; account equity is their sum.
pub fn usd_equity(equity: Decimal, usd_price: Decimal) -> Result<Decimal, Overflow> {
    mul(equity, usd_price)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn pnl_has_the_sign_of_the_direction() {
        // long 0.5 from 48,000 to 50,000: +1 × 2,000 × 0.5 = 1,000
        assert_eq!(
            unrealized_pnl(PositionSide::Long, dec!(50000), dec!(48000), dec!(0.5)),
            Ok(dec!(1000))
        );
        // short 2 from 3,000 to 3,100: −1 × 100 × 2 = −200
        assert_eq!(
            unrealized_pnl(PositionSide::Short, dec!(3100), dec!(3000), dec!(2)),
            Ok(dec!(-200))
        );
    }

    #[test]
    fn debt_is_the_negative_part_of_equity() {
        // balance 100, PnL −250 → equity −150, debt 150
        let equity = coin_equity(dec!(100), dec!(-250)).unwrap();
        assert_eq!(equity, dec!(-150));
        assert_eq!(debt(equity), dec!(150));
        assert_eq!(debt(dec!(3)), dec!(0));
        // −150 USDT at 0.999 is −149.85 USD
        assert_eq!(usd_equity(equity, dec!(0.999)), Ok(dec!(-149.85)));
    }
}
