//! RULES §12: what a futures position's row shows, its own figures.

use super::initial_margin::initial_margin_at;
use super::maintenance_margin::maintenance_at_rate;
use crate::model::ContractModel;
use crate::num::{div, mul, Overflow};
use rust_decimal::Decimal;

/// One position's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PositionFigures {
    /// `dir × (mark − entry) × size`, in the settle coin (§2).
    pub unrealized_pnl: Decimal,
    /// The same in USD: `× p(settle)`.
    pub unrealized_pnl_usd: Decimal,
    pub initial_margin: Decimal,
    pub maintenance_margin: Decimal,
    /// `None` when the initial margin is 0.
    pub roi: Option<Decimal>,
    pub available: Decimal,
}

/// A position's notional at mark in USD: `size × mark × p(settle)`.
pub fn position_notional_usd(
    size: Decimal,
    contract: &ContractModel,
    settle_usd: Decimal,
) -> Result<Decimal, Overflow> {
    mul(mul(size, contract.mark_price)?, settle_usd)
}

/// Initial margin of a position: `size × mark × (1 ÷ leverage + taker fee) × p(settle)`,
/// the §5 rule at its notional.
pub fn position_initial_margin(
    notional_usd: Decimal,
    contract: &ContractModel,
) -> Result<Decimal, Overflow> {
    initial_margin_at(notional_usd, contract)
}

/// Maintenance margin of a position: `size × (mmr + taker fee) × mark × p(settle)`, `mmr`
/// that of the position tier holding its side's notional (§6), given as `side_mmr`.
pub fn position_maintenance_margin(
    notional_usd: Decimal,
    contract: &ContractModel,
    side_mmr: Decimal,
) -> Result<Decimal, Overflow> {
    maintenance_at_rate(notional_usd, side_mmr, contract.taker_fee)
}

/// Return on (initial) margin: `unrealized PnL in USD ÷ initial margin`, `None` when the
/// initial margin is 0.
pub fn roi(
    unrealized_pnl_usd: Decimal,
    initial_margin: Decimal,
) -> Result<Option<Decimal>, Overflow> {
    if initial_margin.is_zero() {
        return Ok(None);
    }
    div(unrealized_pnl_usd, initial_margin).map(Some)
}

/// A position's figures from its unrealized PnL (in the settle coin) and its side's mmr. The
/// size available to close is the whole position (open/close mode: a new close order
/// replaces older ones that would exceed it).
pub fn position_figures(
    size: Decimal,
    unrealized_pnl: Decimal,
    contract: &ContractModel,
    settle_usd: Decimal,
    side_mmr: Decimal,
) -> Result<PositionFigures, Overflow> {
    let unrealized_pnl_usd = mul(unrealized_pnl, settle_usd)?;
    let notional_usd = position_notional_usd(size, contract, settle_usd)?;
    let initial_margin = position_initial_margin(notional_usd, contract)?;
    Ok(PositionFigures {
        unrealized_pnl,
        unrealized_pnl_usd,
        initial_margin,
        maintenance_margin: position_maintenance_margin(notional_usd, contract, side_mmr)?,
        roi: roi(unrealized_pnl_usd, initial_margin)?,
        available: size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::contract;
    use rust_decimal_macros::dec;

    #[test]
    fn a_long_position_in_profit() {
        // long 1 at 48,000, mark 50,000, leverage 20, taker 0.0006, settle at par, mmr 0.004:
        // PnL (50,000 − 48,000) × 1 = 2,000; IM 1 × 50,000 × (0.05 + 0.0006) = 2,530;
        // MM 50,000 × (0.004 + 0.0006) = 230; ROI 2,000 ÷ 2,530 = 0.790513833992094861660079051
        let c = contract(dec!(50000), dec!(20), dec!(0.0006));
        let f = position_figures(dec!(1), dec!(2000), &c, dec!(1), dec!(0.004)).unwrap();
        assert_eq!(f.unrealized_pnl_usd, dec!(2000));
        assert_eq!(f.initial_margin, dec!(2530));
        assert_eq!(f.maintenance_margin, dec!(230));
        assert_eq!(f.roi, Some(dec!(0.7905138339920948616600790514)));
        assert_eq!(f.available, dec!(1));
    }

    #[test]
    fn a_short_position_at_a_loss_settled_below_par() {
        // short 0.4 at 49,000, mark 50,000: PnL −(50,000 − 49,000) × 0.4 = −400 USDT,
        // × 0.999 = −399.6 USD; IM 0.4 × 50,000 × (0.05 + 0.0006) × 0.999 = 1,012 × 0.999
        // = 1,010.988; MM 0.4 × 50,000 × 0.999 × (0.004 + 0.0006) = 19,980 × 0.0046 = 91.908
        let c = contract(dec!(50000), dec!(20), dec!(0.0006));
        let f = position_figures(dec!(0.4), dec!(-400), &c, dec!(0.999), dec!(0.004)).unwrap();
        assert_eq!(f.unrealized_pnl_usd, dec!(-399.6));
        assert_eq!(f.initial_margin, dec!(1010.988));
        assert_eq!(f.maintenance_margin, dec!(91.908));
        // ROI −399.6 ÷ 1,010.988 = −400 ÷ 1,012 = −0.39525691699604743083003952569…, to 28
        // places
        assert_eq!(f.roi, Some(dec!(-0.3952569169960474308300395257)));
    }

    #[test]
    fn no_initial_margin_no_roi() {
        assert_eq!(roi(dec!(5), dec!(0)), Ok(None));
        assert_eq!(roi(dec!(-5), dec!(10)), Ok(Some(dec!(-0.5))));
    }
}
