//! RULES §5: initial margin (margin reserved).

use crate::model::ContractModel;
use crate::num::{add, div, mul, sub, Overflow};
use crate::scenario::LoanTier;
use rust_decimal::Decimal;

/// The borrowing tier that holds a debt (in coin units): the first whose `up_to` is at or
/// above it, else the unbounded last. `None` when the coin has no tiers (cannot be borrowed).
pub fn loan_tier(tiers: &[LoanTier], debt: Decimal) -> Option<&LoanTier> {
    tiers
        .iter()
        .find(|t| t.up_to.is_none_or(|upper| debt <= upper))
}

/// Initial margin of a coin's loan: `debt(c) × p(c) ÷ loan_leverage(c)`, the leverage of
/// the tier that holds the whole debt. No debt, no margin; a debt with no tier is `None`.
pub fn loan_initial_margin(
    tiers: &[LoanTier],
    debt: Decimal,
    usd_price: Decimal,
) -> Result<Option<Decimal>, Overflow> {
    if debt.is_zero() {
        return Ok(Some(Decimal::ZERO));
    }
    match loan_tier(tiers, debt) {
        None => Ok(None),
        Some(tier) => Ok(Some(div(mul(debt, usd_price)?, tier.leverage)?)),
    }
}

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
/// `IM_open = size × order price × (1/leverage + taker) × p(settle)`.
///
/// With `N = (held × mark + open value) × p(settle)`, this is `N × (1/leverage + taker)`
/// where `1/leverage` is exact (the contract's `initial_rate`), and otherwise
/// `N ÷ leverage + N × taker`: the same sum, rounded once instead of at `1/leverage`.
pub fn side_initial_margin(
    side: &SideBook,
    contract: &ContractModel,
    settle_usd: Decimal,
) -> Result<Decimal, Overflow> {
    if side.held.is_zero() && side.open_value.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let value = add(mul(side.held, contract.mark_price)?, side.open_value)?;
    let notional_usd = mul(value, settle_usd)?;
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

    fn tiers() -> Vec<LoanTier> {
        vec![
            LoanTier {
                up_to: Some(dec!(50)),
                leverage: dec!(10),
                mmr: dec!(0.05),
            },
            LoanTier {
                up_to: None,
                leverage: dec!(5),
                mmr: dec!(0.1),
            },
        ]
    }

    #[test]
    fn seed_four_dot_loan() {
        // a DOT loan of 20 at 5 USD, leverage 10: 20 × 5 ÷ 10 = 10
        let one = vec![LoanTier {
            up_to: None,
            leverage: dec!(10),
            mmr: dec!(0.1),
        }];
        assert_eq!(
            loan_initial_margin(&one, dec!(20), dec!(5)),
            Ok(Some(dec!(10)))
        );
    }

    #[test]
    fn the_whole_debt_takes_the_tier_that_holds_it() {
        // 50 is held by the first tier: 50 × 2 ÷ 10 = 10
        assert_eq!(
            loan_initial_margin(&tiers(), dec!(50), dec!(2)),
            Ok(Some(dec!(10)))
        );
        // 51 is above it, so all 51 at leverage 5: 51 × 2 ÷ 5 = 20.4
        assert_eq!(
            loan_initial_margin(&tiers(), dec!(51), dec!(2)),
            Ok(Some(dec!(20.4)))
        );
        assert_eq!(loan_initial_margin(&[], dec!(1), dec!(2)), Ok(None));
        assert_eq!(
            loan_initial_margin(&[], dec!(0), dec!(2)),
            Ok(Some(dec!(0)))
        );
    }

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
