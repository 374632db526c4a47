//! RULES §4: pending orders and adjusted equity.

use crate::num::{mul, positive_part, sub, Overflow};
use crate::scenario::OrderSide;
use rust_decimal::Decimal;

/// A pending spot order read as filled at its limit price: the change of the base and the
/// quote coin. A buy: base `+size`, quote `−size × price`; a sell: base `−size`, quote
/// `+size × price`. A fall below zero is a loan.
pub fn spot_fill(
    side: OrderSide,
    size: Decimal,
    price: Decimal,
) -> Result<(Decimal, Decimal), Overflow> {
    let cost = mul(size, price)?;
    Ok(match side {
        OrderSide::Buy => (size, -cost),
        OrderSide::Sell => (-size, cost),
    })
}

/// Spot trading loss of a fill: what it takes off the two coins' contributions,
/// `loss = max(0, −Δ Σ_c f(c))`. A gain is not credited until the order fills.
pub fn spot_trading_loss(
    contributions_before: Decimal,
    contributions_after: Decimal,
) -> Result<Decimal, Overflow> {
    Ok(positive_part(sub(
        contributions_before,
        contributions_after,
    )?))
}

/// Pending fee of a spot order: `cost_usd × the settings' spot taker fee`, with
/// `cost_usd = size × price × p(quote)`.
pub fn pending_fee(
    size: Decimal,
    price: Decimal,
    quote_usd: Decimal,
    spot_taker_fee: Decimal,
) -> Result<Decimal, Overflow> {
    mul(mul(mul(size, price)?, quote_usd)?, spot_taker_fee)
}

/// What a pending order adds to a margin: `max(0, margin after its fill − margin before it)`,
/// so that an order never releases margin before it fills.
pub fn margin_added(before: Decimal, after: Decimal) -> Result<Decimal, Overflow> {
    Ok(positive_part(sub(after, before)?))
}

/// Adjusted equity `AE = Σ_c f(c) − spot trading losses − pending fees`.
pub fn adjusted_equity(
    contributions: Decimal,
    spot_trading_losses: Decimal,
    pending_fees: Decimal,
) -> Result<Decimal, Overflow> {
    sub(sub(contributions, spot_trading_losses)?, pending_fees)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::discount::contribution;
    use crate::scenario::DiscountTier;
    use rust_decimal_macros::dec;

    fn one_tier(rate: Decimal) -> Vec<DiscountTier> {
        vec![DiscountTier {
            rate,
            ..DiscountTier::default()
        }]
    }

    #[test]
    fn seed_three_buy_dot() {
        // Σ f before: BTC 1 × 50,000 × 1 + USDT 100 × 1 × 1 + DOT 20 × 5 × 0.5 = 50,150
        let ae = adjusted_equity(dec!(50150), dec!(0), dec!(0)).unwrap();
        assert_eq!(ae, dec!(50150));
        // buy 20 DOT at 5 USDT: DOT 20 → 40, USDT 100 → 0
        let (d_dot, d_usdt) = spot_fill(OrderSide::Buy, dec!(20), dec!(5)).unwrap();
        assert_eq!((d_dot, d_usdt), (dec!(20), dec!(-100)));
        let dot = one_tier(dec!(0.5));
        let usdt = one_tier(dec!(1));
        // before: 20 × 5 × 0.5 + 100 × 1 = 150; after: 40 × 5 × 0.5 + 0 = 100
        let before = contribution(&dot, dec!(20), dec!(5)).unwrap()
            + contribution(&usdt, dec!(100), dec!(1)).unwrap();
        let after = contribution(&dot, dec!(40), dec!(5)).unwrap()
            + contribution(&usdt, dec!(0), dec!(1)).unwrap();
        // loss = 150 − 100 = 50 = 20 × 5 × (1 − 0.5)
        assert_eq!(spot_trading_loss(before, after), Ok(dec!(50)));
        // as a pending order: 50,150 − 50 = 50,100
        assert_eq!(
            adjusted_equity(dec!(50150), dec!(50), dec!(0)),
            Ok(dec!(50100))
        );
    }

    #[test]
    fn a_gain_is_not_credited() {
        // selling DOT (rate 0.5) for USDT (rate 1) raises Σ f: loss 0, not negative
        assert_eq!(spot_trading_loss(dec!(150), dec!(200)), Ok(dec!(0)));
        assert_eq!(margin_added(dec!(10), dec!(4)), Ok(dec!(0)));
        assert_eq!(margin_added(dec!(4), dec!(10)), Ok(dec!(6)));
    }

    #[test]
    fn fees_are_charged_on_the_usd_cost() {
        // 20 × 5 USDT × 0.999 USD × 0.001 = 0.0999 USD
        assert_eq!(
            pending_fee(dec!(20), dec!(5), dec!(0.999), dec!(0.001)),
            Ok(dec!(0.0999))
        );
    }
}
