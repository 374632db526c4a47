//! RULES §3: the tiered discount (haircut).

use crate::num::{add, mul, normalized, positive_part, sub, Overflow};
use crate::scenario::DiscountTier;
use rust_decimal::Decimal;
use serde::Serialize;

/// One bracket of a discounted value: `value_usd` of the coin's USD value fell in
/// `from_usd..to_usd` and counts for `rate × value_usd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DiscountSlice {
    #[serde(with = "normalized")]
    pub from_usd: Decimal,
    /// `None` (`null`) for the unbounded last tier.
    #[serde(with = "normalized::option")]
    pub to_usd: Option<Decimal>,
    #[serde(with = "normalized")]
    pub rate: Decimal,
    #[serde(with = "normalized")]
    pub value_usd: Decimal,
    #[serde(with = "normalized")]
    pub discounted_usd: Decimal,
}

/// The slices of `value_usd` by tier, like tax brackets; only slices that hold value.
pub fn discount_slices(
    tiers: &[DiscountTier],
    value_usd: Decimal,
) -> Result<Vec<DiscountSlice>, Overflow> {
    let mut slices = Vec::with_capacity(tiers.len());
    let mut lower = Decimal::ZERO;
    for tier in tiers {
        if value_usd <= lower {
            break;
        }
        let top = tier
            .up_to_usd
            .map_or(value_usd, |upper| value_usd.min(upper));
        let value = positive_part(sub(top, lower)?);
        slices.push(DiscountSlice {
            from_usd: lower,
            to_usd: tier.up_to_usd,
            rate: tier.rate,
            value_usd: value,
            discounted_usd: mul(tier.rate, value)?,
        });
        match tier.up_to_usd {
            Some(upper) => lower = upper,
            None => break,
        }
    }
    Ok(slices)
}

/// The discounted value of a positive USD equity `V`:
/// `D(V) = Σ_tiers rate × (min(V, upper) − lower)⁺`. No tiers: the coin counts for 0.
pub fn discounted_value(tiers: &[DiscountTier], value_usd: Decimal) -> Result<Decimal, Overflow> {
    // The same walk as `discount_slices`, without allocating: this is the hot path.
    let mut total = Decimal::ZERO;
    let mut lower = Decimal::ZERO;
    for tier in tiers {
        if value_usd <= lower {
            break;
        }
        let top = tier
            .up_to_usd
            .map_or(value_usd, |upper| value_usd.min(upper));
        total = add(total, mul(tier.rate, sub(top, lower)?)?)?;
        match tier.up_to_usd {
            Some(upper) => lower = upper,
            None => break,
        }
    }
    Ok(total)
}

/// A coin's contribution to adjusted equity: `f(c) = D(equity(c) × p(c))` when equity is
/// positive, `equity(c) × p(c)` (negative, undiscounted) when it is negative.
pub fn contribution(
    tiers: &[DiscountTier],
    equity: Decimal,
    usd_price: Decimal,
) -> Result<Decimal, Overflow> {
    let value = mul(equity, usd_price)?;
    if value > Decimal::ZERO {
        discounted_value(tiers, value)
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn tier(up_to: Option<Decimal>, rate: Decimal) -> DiscountTier {
        DiscountTier {
            up_to_usd: up_to,
            rate,
        }
    }

    fn btc_tiers() -> Vec<DiscountTier> {
        vec![
            tier(Some(dec!(1000000)), dec!(0.98)),
            tier(None, dec!(0.97)),
        ]
    }

    #[test]
    fn seed_one_btc_and_dot() {
        // 1 BTC at 50,000, rate 0.98: 50,000 × 0.98 = 49,000
        let btc = contribution(&btc_tiers(), dec!(1), dec!(50000)).unwrap();
        // 500 DOT at 4, rate 0: 2,000 × 0 = 0
        let dot = contribution(&[tier(None, dec!(0))], dec!(500), dec!(4)).unwrap();
        assert_eq!(btc + dot, dec!(49000));
    }

    #[test]
    fn seed_forty_btc_across_two_tiers() {
        // 40 × 50,000 = 2,000,000 USD:
        // 1,000,000 × 0.98 + (2,000,000 − 1,000,000) × 0.97 = 980,000 + 970,000 = 1,950,000
        let value = discounted_value(&btc_tiers(), dec!(2000000)).unwrap();
        assert_eq!(value, dec!(1950000));
        let slices = discount_slices(&btc_tiers(), dec!(2000000)).unwrap();
        assert_eq!(slices.len(), 2);
        assert_eq!(slices[0].discounted_usd, dec!(980000));
        assert_eq!(slices[1].from_usd, dec!(1000000));
        assert_eq!(slices[1].discounted_usd, dec!(970000));
    }

    #[test]
    fn a_tier_holds_its_upper_bound() {
        // exactly 1,000,000 is all in the first tier: 1,000,000 × 0.98
        assert_eq!(
            discounted_value(&btc_tiers(), dec!(1000000)),
            Ok(dec!(980000))
        );
        // one cent above: 980,000 + 0.01 × 0.97
        assert_eq!(
            discounted_value(&btc_tiers(), dec!(1000000.01)),
            Ok(dec!(980000.0097))
        );
    }

    #[test]
    fn negative_equity_counts_undiscounted_and_no_tiers_count_zero() {
        // −20 DOT at 5: −100, not discounted
        assert_eq!(
            contribution(&[tier(None, dec!(0.5))], dec!(-20), dec!(5)),
            Ok(dec!(-100))
        );
        assert_eq!(contribution(&[], dec!(20), dec!(5)), Ok(dec!(0)));
    }
}
