//! RULES §5: initial margin (margin reserved).

use crate::model::ContractModel;
use crate::num::{add, div, mul, sub, Overflow};
use rust_decimal::Decimal;

/// One side of a contract's book: held size, and its open orders' size and value
/// (`Σ size × order price`, in the settle coin).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SideBook {
    pub held: Decimal,
    pub open_size: Decimal,
    pub open_value: Decimal,
}

impl SideBook {
    /// The book with one more open order of `size` at `price`.
    pub fn with_order(self, size: Decimal, price: Decimal) -> Result<SideBook, Overflow> {
        Ok(SideBook {
            held: self.held,
            open_size: add(self.open_size, size)?,
            open_value: add(self.open_value, mul(size, price)?)?,
        })
    }
}

/// Both sides of a contract's book: a buy order opens on the long side, a sell on the short.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContractBook {
    pub long: SideBook,
    pub short: SideBook,
}

/// Initial margin of one side, hold plus open:
/// `IM_hold = size × mark × (1/leverage + taker) × p(settle)` and
/// `IM_open = size × order price × (1/leverage + taker) × p(settle)`: [`initial_margin_at`]
/// the side's notional `N = (held × mark + open value) × p(settle)`.
pub fn side_initial_margin(
    side: &SideBook,
    contract: &ContractModel,
    settle_usd: Decimal,
) -> Result<Decimal, Overflow> {
    if side.held.is_zero() && side.open_value.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let value = add(mul(side.held, contract.mark_price)?, side.open_value)?;
    initial_margin_at(mul(value, settle_usd)?, contract)
}

/// Initial margin of a notional `N` in USD: `N × (1/leverage + taker)`, where `1/leverage` is
/// exact (the contract's `initial_rate`), and otherwise `N ÷ leverage + N × taker`: the same
/// sum, rounded once instead of at `1/leverage`.
pub fn initial_margin_at(
    notional_usd: Decimal,
    contract: &ContractModel,
) -> Result<Decimal, Overflow> {
    match contract.initial_rate {
        Some(rate) => mul(notional_usd, rate),
        None => add(
            div(notional_usd, contract.leverage)?,
            mul(notional_usd, contract.taker_fee)?,
        ),
    }
}

/// Initial margin of a contract:
/// `max(IM_hold_long + IM_open_long, IM_hold_short + IM_open_short)`.
pub fn derivatives_initial_margin(
    book: &ContractBook,
    contract: &ContractModel,
    settle_usd: Decimal,
) -> Result<Decimal, Overflow> {
    Ok(
        side_initial_margin(&book.long, contract, settle_usd)?.max(side_initial_margin(
            &book.short,
            contract,
            settle_usd,
        )?),
    )
}

/// Margin reserved = loans IM + derivatives IM.
pub fn margin_reserved(loans: Decimal, derivatives: Decimal) -> Result<Decimal, Overflow> {
    add(loans, derivatives)
}

/// Available margin = `AE − margin reserved`.
pub fn available_margin(
    adjusted_equity: Decimal,
    margin_reserved: Decimal,
) -> Result<Decimal, Overflow> {
    sub(adjusted_equity, margin_reserved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::contract;
    use rust_decimal_macros::dec;

    #[test]
    fn derivatives_take_the_larger_side() {
        // mark 50,000, leverage 20, taker 0.0006, settle at 1 USD
        let c = contract(dec!(50000), dec!(20), dec!(0.0006));
        let book = ContractBook {
            // long: hold 0.5 → 25,000 USD; 25,000 ÷ 20 + 25,000 × 0.0006 = 1,250 + 15 = 1,265
            long: SideBook {
                held: dec!(0.5),
                ..SideBook::default()
            },
            // short: open 0.1 at 51,000 → 5,100 USD; 255 + 3.06 = 258.06
            short: SideBook::default()
                .with_order(dec!(0.1), dec!(51000))
                .unwrap(),
        };
        assert_eq!(side_initial_margin(&book.long, &c, dec!(1)), Ok(dec!(1265)));
        assert_eq!(
            side_initial_margin(&book.short, &c, dec!(1)),
            Ok(dec!(258.06))
        );
        assert_eq!(
            derivatives_initial_margin(&book, &c, dec!(1)),
            Ok(dec!(1265))
        );
        // settled in a coin worth 0.999 USD: 1,265 × 0.999 = 1,263.735
        assert_eq!(
            derivatives_initial_margin(&book, &c, dec!(0.999)),
            Ok(dec!(1263.735))
        );
    }

    #[test]
    fn a_leverage_whose_reciprocal_does_not_terminate_is_divided_by() {
        // 1/20 = 0.05 is exact: the rate 0.05 + 0.0006 = 0.0506 is kept
        assert_eq!(
            crate::model::exact_initial_rate(dec!(20), dec!(0.0006)),
            Some(dec!(0.0506))
        );
        // 1/3 is not: 0.1 × 30,000 = 3,000 USD ÷ 3 = 1,000 exactly, not 999.99…
        assert_eq!(crate::model::exact_initial_rate(dec!(3), dec!(0)), None);
        let c = contract(dec!(30000), dec!(3), dec!(0));
        let side = SideBook {
            held: dec!(0.1),
            ..SideBook::default()
        };
        assert_eq!(side_initial_margin(&side, &c, dec!(1)), Ok(dec!(1000)));
        // an empty side reserves nothing
        assert_eq!(
            side_initial_margin(&SideBook::default(), &c, dec!(1)),
            Ok(dec!(0))
        );
    }

    #[test]
    fn reserved_and_available() {
        // 10 + 1,265 = 1,275 reserved; 50,100 − 1,275 = 48,825 available
        let reserved = margin_reserved(dec!(10), dec!(1265)).unwrap();
        assert_eq!(reserved, dec!(1275));
        assert_eq!(available_margin(dec!(50100), reserved), Ok(dec!(48825)));
    }
}
