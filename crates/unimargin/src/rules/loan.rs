//! RULES §5, §6 (loans): a coin's debt is margined whole at the borrowing tier that holds it.

use super::tiers::tier_holding;
use crate::num::{div, mul, Overflow};
use crate::scenario::LoanTier;
use rust_decimal::Decimal;

/// The borrowing tier that holds a debt (in coin units), by its index: the first whose
/// `up_to` is at or above it, else the unbounded last. `None` when the coin has no tiers
/// (it cannot be borrowed).
pub fn loan_tier(tiers: &[LoanTier], debt: Decimal) -> Option<usize> {
    tier_holding(tiers, debt)
}

/// Initial margin of a coin's loan (§5): `debt(c) × p(c) ÷ loan_leverage(c)`, the leverage
/// of the tier that holds the whole debt.
pub fn loan_initial_margin(
    tier: &LoanTier,
    debt: Decimal,
    usd_price: Decimal,
) -> Result<Decimal, Overflow> {
    div(mul(debt, usd_price)?, tier.leverage)
}

/// Maintenance margin of a coin's loan (§6): `debt(c) × p(c) × loan_mmr(c)`, the rate of the
/// tier that holds the whole debt.
pub fn loan_maintenance_margin(
    tier: &LoanTier,
    debt: Decimal,
    usd_price: Decimal,
) -> Result<Decimal, Overflow> {
    mul(mul(debt, usd_price)?, tier.mmr)
}

/// A coin's loan: its debt, the tier that holds it, and its two margins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoanTerms {
    /// In coin units.
    pub debt: Decimal,
    /// The index of the borrowing tier used; `None` when there is no debt.
    pub tier: Option<usize>,
    pub initial_margin: Decimal,
    pub maintenance_margin: Decimal,
}

/// The loan of a coin owing `debt`: no debt, no margin; a debt with no tier to hold it is
/// `None` (the coin cannot be borrowed).
pub fn loan_terms(
    tiers: &[LoanTier],
    debt: Decimal,
    usd_price: Decimal,
) -> Result<Option<LoanTerms>, Overflow> {
    if debt.is_zero() {
        return Ok(Some(LoanTerms::default()));
    }
    let Some(index) = loan_tier(tiers, debt) else {
        return Ok(None);
    };
    let tier = &tiers[index];
    Ok(Some(LoanTerms {
        debt,
        tier: Some(index),
        initial_margin: loan_initial_margin(tier, debt, usd_price)?,
        maintenance_margin: loan_maintenance_margin(tier, debt, usd_price)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
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
        // a DOT loan of 20 at 5 USD, leverage 10, mmr 0.1: IM 20 × 5 ÷ 10 = 10, MM 20 × 5 × 0.1 = 10
        let one = vec![LoanTier {
            up_to: None,
            leverage: dec!(10),
            mmr: dec!(0.1),
        }];
        let loan = loan_terms(&one, dec!(20), dec!(5)).unwrap().unwrap();
        assert_eq!(
            (loan.initial_margin, loan.maintenance_margin),
            (dec!(10), dec!(10))
        );
        assert_eq!(loan.tier, Some(0));
    }

    #[test]
    fn the_whole_debt_takes_the_tier_that_holds_it() {
        // 50 is held by the first tier: 50 × 2 ÷ 10 = 10, 50 × 2 × 0.05 = 5
        let at_bound = loan_terms(&tiers(), dec!(50), dec!(2)).unwrap().unwrap();
        assert_eq!(at_bound.tier, Some(0));
        assert_eq!(at_bound.initial_margin, dec!(10));
        assert_eq!(at_bound.maintenance_margin, dec!(5));
        // 51 is above it, so all 51 at leverage 5: 51 × 2 ÷ 5 = 20.4; 51 × 2 × 0.1 = 10.2
        let above = loan_terms(&tiers(), dec!(51), dec!(2)).unwrap().unwrap();
        assert_eq!(above.tier, Some(1));
        assert_eq!(above.initial_margin, dec!(20.4));
        assert_eq!(above.maintenance_margin, dec!(10.2));
    }

    #[test]
    fn no_debt_needs_no_tier_and_a_debt_without_tiers_cannot_be_borrowed() {
        assert_eq!(
            loan_terms(&[], dec!(0), dec!(2)),
            Ok(Some(LoanTerms::default()))
        );
        assert_eq!(loan_terms(&[], dec!(1), dec!(2)), Ok(None));
    }
}
