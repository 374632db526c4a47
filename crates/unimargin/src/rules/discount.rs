//! RULES §3: the tiered discount (haircut).

use crate::num::{add, mul, normalized, positive_part, sub, Overflow};
use crate::rules::tiers::{tier_holding, Tier};
use crate::scenario::DiscountTier;
use rust_decimal::Decimal;
use serde::Serialize;

/// One bracket of a discounted value: `value_usd` of the coin's USD value fell in
/// `from_usd..to_usd` and counts for `rate × value_usd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DiscountSlice {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub from_usd: Decimal,
    /// `None` (`null`) for the unbounded last tier.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Figure>"))]
    #[serde(with = "normalized::option")]
    pub to_usd: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub rate: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub value_usd: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub discounted_usd: Decimal,
    /// For tiers bounded in coin units: the slice in coin units (`from_usd`, `to_usd` are
    /// then its bounds at the coin's current price).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coin_units: Option<CoinSlice>,
}

/// A slice of a coin's quantity, for tiers bounded in coin units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CoinSlice {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub from: Decimal,
    /// `None` (`null`) for the unbounded last tier.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Figure>"))]
    #[serde(with = "normalized::option")]
    pub to: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub quantity: Decimal,
}

/// Whether a coin's tiers are bounded in coin units. Validation keeps one kind per coin, so
/// the first tier tells (a single unbounded tier has no unit, and slices the same either way).
pub fn in_coin_units(tiers: &[DiscountTier]) -> bool {
    tiers.first().is_some_and(|t| t.up_to.is_some())
}

/// What a coin's tiers are bounds of: the quantity `equity` when they are in coin units,
/// else the USD value `equity × usd_price`.
fn tiered_amount(
    tiers: &[DiscountTier],
    equity: Decimal,
    usd_price: Decimal,
) -> Result<Decimal, Overflow> {
    if in_coin_units(tiers) {
        Ok(equity)
    } else {
        mul(equity, usd_price)
    }
}

/// One slice as the walk sees it: in the tiers' own unit (`lower`, `upper`, `amount`) and
/// its USD value.
struct Slice {
    lower: Decimal,
    upper: Option<Decimal>,
    amount: Decimal,
    value_usd: Decimal,
    rate: Decimal,
}

/// Walks the tiers holding a positive `equity` at `usd_price`, like tax brackets, calling
/// `each` with every slice that holds value. The tiers slice the USD value
/// `equity × usd_price` when bounded in USD, the quantity `equity` when bounded in coin units
/// (the slice then is worth `quantity × usd_price`). A tier holds its upper bound.
fn for_each_slice(
    tiers: &[DiscountTier],
    equity: Decimal,
    usd_price: Decimal,
    mut each: impl FnMut(Slice) -> Result<(), Overflow>,
) -> Result<(), Overflow> {
    let coin_units = in_coin_units(tiers);
    let amount = tiered_amount(tiers, equity, usd_price)?;
    // the tier holding the amount decides which slices are full (regime, for §11)
    tier_holding(tiers, amount);
    let mut lower = Decimal::ZERO;
    for tier in tiers {
        if amount <= lower {
            break;
        }
        let upper = tier.upper_bound();
        let top = upper.map_or(amount, |upper| amount.min(upper));
        let slice = positive_part(sub(top, lower)?);
        let value_usd = if coin_units {
            mul(slice, usd_price)?
        } else {
            slice
        };
        each(Slice {
            lower,
            upper,
            amount: slice,
            value_usd,
            rate: tier.rate,
        })?;
        match upper {
            Some(upper) => lower = upper,
            None => break,
        }
    }
    Ok(())
}

/// The slices of a positive equity by tier (RULES §3); only slices that hold value.
pub fn discount_slices(
    tiers: &[DiscountTier],
    equity: Decimal,
    usd_price: Decimal,
) -> Result<Vec<DiscountSlice>, Overflow> {
    let coin_units = in_coin_units(tiers);
    let mut slices = Vec::with_capacity(tiers.len());
    for_each_slice(tiers, equity, usd_price, |s| {
        let in_usd = |bound: Decimal| {
            if coin_units {
                mul(bound, usd_price)
            } else {
                Ok(bound)
            }
        };
        slices.push(DiscountSlice {
            from_usd: in_usd(s.lower)?,
            to_usd: s.upper.map(in_usd).transpose()?,
            rate: s.rate,
            value_usd: s.value_usd,
            discounted_usd: mul(s.rate, s.value_usd)?,
            coin_units: coin_units.then_some(CoinSlice {
                from: s.lower,
                to: s.upper,
                quantity: s.amount,
            }),
        });
        Ok(())
    })?;
    Ok(slices)
}

/// The discounted value of a positive equity `q` at USD price `p` (RULES §3): with tiers in
/// USD, `D(V) = Σ_tiers rate × (min(V, upper) − lower)⁺` of `V = q × p`; with tiers in coin
/// units, `D = Σ_tiers rate × (min(q, upper) − lower)⁺ × p`. No tiers: the coin counts for 0.
/// The sum of [`discount_slices`]' `discounted_usd`, exactly, without allocating.
pub fn discounted_value(
    tiers: &[DiscountTier],
    equity: Decimal,
    usd_price: Decimal,
) -> Result<Decimal, Overflow> {
    let mut total = Decimal::ZERO;
    for_each_slice(tiers, equity, usd_price, |s| {
        total = add(total, mul(s.rate, s.value_usd)?)?;
        Ok(())
    })?;
    Ok(total)
}

/// The rate of the tier that holds a coin's positive equity `q` at USD price `p` (the USD
/// value `q × p`, or `q` for tiers in coin units; the tier is [`tier_holding`]'s); 0 without
/// tiers.
pub fn discount_rate_at(
    tiers: &[DiscountTier],
    equity: Decimal,
    usd_price: Decimal,
) -> Result<Decimal, Overflow> {
    let amount = tiered_amount(tiers, equity, usd_price)?;
    Ok(tier_holding(tiers, amount).map_or(Decimal::ZERO, |t| tiers[t].rate))
}

/// A coin's contribution to adjusted equity: `f(c) = D(equity(c) × p(c))` when equity is
/// positive, `equity(c) × p(c)` (negative, undiscounted) when it is negative.
pub fn contribution(
    tiers: &[DiscountTier],
    equity: Decimal,
    usd_price: Decimal,
) -> Result<Decimal, Overflow> {
    crate::regime::note(u32::from(equity > Decimal::ZERO));
    if equity > Decimal::ZERO {
        discounted_value(tiers, equity, usd_price)
    } else {
        mul(equity, usd_price)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn tier(up_to: Option<Decimal>, rate: Decimal) -> DiscountTier {
        DiscountTier {
            up_to_usd: up_to,
            up_to: None,
            rate,
        }
    }

    fn coin_tier(up_to: Option<Decimal>, rate: Decimal) -> DiscountTier {
        DiscountTier {
            up_to_usd: None,
            up_to,
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
        let value = discounted_value(&btc_tiers(), dec!(40), dec!(50000)).unwrap();
        assert_eq!(value, dec!(1950000));
        let slices = discount_slices(&btc_tiers(), dec!(40), dec!(50000)).unwrap();
        assert_eq!(slices.len(), 2);
        assert_eq!(slices[0].discounted_usd, dec!(980000));
        assert_eq!(slices[1].from_usd, dec!(1000000));
        assert_eq!(slices[1].discounted_usd, dec!(970000));
    }

    #[test]
    fn a_tier_holds_its_upper_bound() {
        // exactly 1,000,000 is all in the first tier: 1,000,000 × 0.98
        assert_eq!(
            discounted_value(&btc_tiers(), dec!(1000000), dec!(1)),
            Ok(dec!(980000))
        );
        // one cent above: 980,000 + 0.01 × 0.97
        assert_eq!(
            discounted_value(&btc_tiers(), dec!(1000000.01), dec!(1)),
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

    fn kucoin_btc() -> Vec<DiscountTier> {
        vec![
            coin_tier(Some(dec!(500)), dec!(0.98)),
            coin_tier(Some(dec!(600)), dec!(0.975)),
            coin_tier(None, dec!(0.97)),
        ]
    }

    #[test]
    fn tiers_in_coin_units_slice_the_quantity() {
        // KuCoin's example: 660 BTC at 100,000, 0.98 up to 500 BTC, 0.975 up to 600, 0.97 above:
        // 500 × 100,000 × 0.98 + 100 × 100,000 × 0.975 + 60 × 100,000 × 0.97
        // = 49,000,000 + 9,750,000 + 5,820,000 = 64,570,000
        let value = discounted_value(&kucoin_btc(), dec!(660), dec!(100000)).unwrap();
        assert_eq!(value, dec!(64570000));
        let slices = discount_slices(&kucoin_btc(), dec!(660), dec!(100000)).unwrap();
        let quantities: Vec<_> = slices
            .iter()
            .map(|s| s.coin_units.unwrap().quantity)
            .collect();
        assert_eq!(quantities, [dec!(500), dec!(100), dec!(60)]);
        // the bounds in USD at the price: 500 × 100,000 and 600 × 100,000
        assert_eq!(slices[1].from_usd, dec!(50000000));
        assert_eq!(slices[1].to_usd, Some(dec!(60000000)));
        assert_eq!(slices[2].to_usd, None);
        assert_eq!(slices[2].discounted_usd, dec!(5820000));
        // the rate of the tier holding 660 BTC is the last one's; 500 BTC is in the first
        assert_eq!(
            discount_rate_at(&kucoin_btc(), dec!(660), dec!(1)),
            Ok(dec!(0.97))
        );
        assert_eq!(
            discount_rate_at(&kucoin_btc(), dec!(500), dec!(100000)),
            Ok(dec!(0.98))
        );
    }

    #[test]
    fn a_coin_unit_bound_does_not_move_with_the_price() {
        // 550 BTC: 500 at 0.98 and 50 at 0.975 whatever the price; at 1 USD:
        // 500 × 0.98 + 50 × 0.975 = 490 + 48.75 = 538.75; at 2 USD, twice that
        assert_eq!(
            discounted_value(&kucoin_btc(), dec!(550), dec!(1)),
            Ok(dec!(538.75))
        );
        assert_eq!(
            discounted_value(&kucoin_btc(), dec!(550), dec!(2)),
            Ok(dec!(1077.5))
        );
        // a USD bound does move: 1,000,000 USD holds 20 BTC at 50,000 but 10 at 100,000
        assert_eq!(
            discounted_value(&btc_tiers(), dec!(20), dec!(100000)),
            Ok(dec!(1950000))
        );
    }
}
