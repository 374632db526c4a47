//! RULES §1 (last paragraph): which tier holds a value. Discount tiers (§3), borrowing tiers
//! (§5, §6) and position tiers (§6) all read it the same way, through [`tier_holding`].

use crate::scenario::{DiscountTier, LoanTier, MaintenanceTier};
use rust_decimal::Decimal;

/// A tier of a list with ascending upper bounds, the last unbounded (validated).
pub trait Tier {
    /// The tier's upper bound, `None` for the unbounded last tier.
    fn upper_bound(&self) -> Option<Decimal>;
}

/// A discount tier is bounded in USD (`up_to_usd`) or in coin units (`up_to`); one coin's
/// tiers are all of one kind (validated), so its bounds are compared with its USD value or
/// with its quantity (`rules::discount::in_coin_units` says which).
impl Tier for DiscountTier {
    fn upper_bound(&self) -> Option<Decimal> {
        self.up_to_usd.or(self.up_to)
    }
}

impl Tier for LoanTier {
    fn upper_bound(&self) -> Option<Decimal> {
        self.up_to
    }
}

impl Tier for MaintenanceTier {
    fn upper_bound(&self) -> Option<Decimal> {
        self.up_to_usd
    }
}

/// The index of the tier that holds `value`: a tier holds a value up to and including its
/// upper bound, and the next tier starts just above it. So the first tier whose bound is at
/// or above `value`, else the unbounded last; `None` only for an empty list.
pub fn tier_holding<T: Tier>(tiers: &[T], value: Decimal) -> Option<usize> {
    let index = tiers
        .iter()
        .position(|t| t.upper_bound().is_none_or(|upper| value <= upper));
    crate::regime::note_index(index);
    index
}

/// The bounds of tier `index`: the previous tier's upper bound (`None` for the first) and
/// its own (`None` for the last).
pub fn tier_bounds<T: Tier>(tiers: &[T], index: usize) -> (Option<Decimal>, Option<Decimal>) {
    let lower = index
        .checked_sub(1)
        .and_then(|i| tiers.get(i))
        .and_then(Tier::upper_bound);
    let upper = tiers.get(index).and_then(Tier::upper_bound);
    (lower, upper)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn tiers() -> Vec<MaintenanceTier> {
        [Some(dec!(200000)), Some(dec!(1000000)), None]
            .into_iter()
            .map(|up_to_usd| MaintenanceTier {
                up_to_usd,
                mmr: dec!(0.004),
            })
            .collect()
    }

    #[test]
    fn a_tier_holds_its_upper_bound_and_the_next_starts_above_it() {
        let t = tiers();
        assert_eq!(tier_holding(&t, dec!(0)), Some(0));
        // exactly at the first bound: still the first tier
        assert_eq!(tier_holding(&t, dec!(200000)), Some(0));
        // one cent above it: the second
        assert_eq!(tier_holding(&t, dec!(200000.01)), Some(1));
        assert_eq!(tier_holding(&t, dec!(1000000)), Some(1));
        // above every bound: the unbounded last
        assert_eq!(tier_holding(&t, dec!(5000000)), Some(2));
        assert_eq!(tier_holding::<MaintenanceTier>(&[], dec!(1)), None);
    }

    #[test]
    fn bounds_of_a_tier_are_the_previous_upper_and_its_own() {
        let t = tiers();
        assert_eq!(tier_bounds(&t, 0), (None, Some(dec!(200000))));
        assert_eq!(
            tier_bounds(&t, 1),
            (Some(dec!(200000)), Some(dec!(1000000)))
        );
        assert_eq!(tier_bounds(&t, 2), (Some(dec!(1000000)), None));
    }
}
