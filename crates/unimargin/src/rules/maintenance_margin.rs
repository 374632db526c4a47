//! RULES §6 (first half): maintenance margin and partial liquidation fees.

use super::initial_margin::{loan_tier, ContractBook, SideBook};
use crate::model::ContractModel;
use crate::num::{add, mul, Overflow};
use crate::scenario::{LoanTier, MaintenanceTier, PositionSide};
use rust_decimal::Decimal;

/// Maintenance margin of a coin's loan: `debt(c) × p(c) × loan_mmr(c)`, the rate of the
/// tier that holds the whole debt. A debt with no tier is `None`.
pub fn loan_maintenance_margin(
    tiers: &[LoanTier],
    debt: Decimal,
    usd_price: Decimal,
) -> Result<Option<Decimal>, Overflow> {
    if debt.is_zero() {
        return Ok(Some(Decimal::ZERO));
    }
    match loan_tier(tiers, debt) {
        None => Ok(None),
        Some(tier) => Ok(Some(mul(mul(debt, usd_price)?, tier.mmr)?)),
    }
}

/// A side's notional at mark in USD, held plus open: `(hold + open) × mark × p(settle)`.
pub fn side_notional_usd(
    side: &SideBook,
    contract: &ContractModel,
    settle_usd: Decimal,
) -> Result<Decimal, Overflow> {
    mul(
        mul(add(side.held, side.open_size)?, contract.mark_price)?,
        settle_usd,
    )
}

/// The maintenance margin rate of the position tier that holds a side's notional (USD).
pub fn position_tier_mmr(tiers: &[MaintenanceTier], notional_usd: Decimal) -> Decimal {
    tiers
        .iter()
        .find(|t| t.up_to_usd.is_none_or(|upper| notional_usd <= upper))
        .or(tiers.last())
        .map_or(Decimal::ZERO, |t| t.mmr)
}

/// One side's maintenance margin, hold plus open, both at mark:
/// `size × (mmr + taker) × mark × p(settle)`, `mmr` from the side's whole notional.
pub fn side_maintenance_margin(
    side: &SideBook,
    contract: &ContractModel,
    settle_usd: Decimal,
) -> Result<SideMaintenance, Overflow> {
    let notional_usd = side_notional_usd(side, contract, settle_usd)?;
    let mmr = position_tier_mmr(&contract.mm_tiers, notional_usd);
    Ok(SideMaintenance {
        notional_usd,
        mmr,
        maintenance_margin: mul(notional_usd, add(mmr, contract.taker_fee)?)?,
    })
}

/// The maintenance terms of one side of a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SideMaintenance {
    pub notional_usd: Decimal,
    pub mmr: Decimal,
    pub maintenance_margin: Decimal,
}

/// The maintenance terms of a contract: both sides, and which one sets its margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractMaintenance {
    pub long: SideMaintenance,
    pub short: SideMaintenance,
    /// The side whose margin is the larger; the long side on a tie.
    pub binding_side: PositionSide,
    /// `max(MM_long_hold + MM_long_open, MM_short_hold + MM_short_open)`.
    pub maintenance_margin: Decimal,
    /// Notional at mark of the binding side × the contract's liquidation fee rate.
    pub partial_liquidation_fee: Decimal,
}

/// Maintenance margin of a contract:
/// `max(MM_long_hold + MM_long_open, MM_short_hold + MM_short_open)`, with its partial
/// liquidation fee: `notional at mark (hold + open) of the side that sets the MM (the long
/// side on a tie) × the contract's liquidation fee rate`.
pub fn derivatives_maintenance_margin(
    book: &ContractBook,
    contract: &ContractModel,
    settle_usd: Decimal,
) -> Result<ContractMaintenance, Overflow> {
    let long = side_maintenance_margin(&book.long, contract, settle_usd)?;
    let short = side_maintenance_margin(&book.short, contract, settle_usd)?;
    let (binding_side, binding) = if long.maintenance_margin >= short.maintenance_margin {
        (PositionSide::Long, long)
    } else {
        (PositionSide::Short, short)
    };
    Ok(ContractMaintenance {
        long,
        short,
        binding_side,
        maintenance_margin: binding.maintenance_margin,
        partial_liquidation_fee: partial_liquidation_fee(
            binding.notional_usd,
            contract.liquidation_fee,
        )?,
    })
}

/// Partial liquidation fee of a contract: `notional × liquidation fee rate`.
pub fn partial_liquidation_fee(
    binding_notional_usd: Decimal,
    liquidation_fee: Decimal,
) -> Result<Decimal, Overflow> {
    mul(binding_notional_usd, liquidation_fee)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::contract;
    use rust_decimal_macros::dec;

    fn bitget_btcusdt() -> ContractModel {
        let mut c = contract(dec!(50000), dec!(20), dec!(0.0006));
        c.liquidation_fee = dec!(0.001);
        c.mm_tiers = vec![
            MaintenanceTier {
                up_to_usd: Some(dec!(200000)),
                mmr: dec!(0.004),
            },
            MaintenanceTier {
                up_to_usd: Some(dec!(1000000)),
                mmr: dec!(0.005),
            },
            MaintenanceTier {
                up_to_usd: None,
                mmr: dec!(0.007),
            },
        ];
        c
    }

    #[test]
    fn loan_maintenance_margin_uses_the_tier_rate() {
        // 20 DOT at 5 USD, mmr 0.1: 20 × 5 × 0.1 = 10
        let tiers = [LoanTier {
            up_to: None,
            leverage: dec!(10),
            mmr: dec!(0.1),
        }];
        assert_eq!(
            loan_maintenance_margin(&tiers, dec!(20), dec!(5)),
            Ok(Some(dec!(10)))
        );
    }

    #[test]
    fn the_whole_side_takes_the_tier_of_its_notional() {
        let c = bitget_btcusdt();
        let book = ContractBook {
            // long: hold 3 + open 1 = 4 × 50,000 = 200,000 → first tier (holds its bound), 0.4 %
            // MM = 200,000 × (0.004 + 0.0006) = 920
            long: SideBook {
                held: dec!(3),
                open_size: dec!(1),
                open_value: dec!(49000),
            },
            // short: 5 × 50,000 = 250,000 → second tier, 0.5 %: 250,000 × 0.0056 = 1,400
            short: SideBook {
                held: dec!(5),
                ..SideBook::default()
            },
        };
        let mm = derivatives_maintenance_margin(&book, &c, dec!(1)).unwrap();
        assert_eq!(mm.long.mmr, dec!(0.004));
        assert_eq!(mm.long.maintenance_margin, dec!(920));
        assert_eq!(mm.short.mmr, dec!(0.005));
        assert_eq!(mm.short.maintenance_margin, dec!(1400));
        assert_eq!(mm.binding_side, PositionSide::Short);
        assert_eq!(mm.maintenance_margin, dec!(1400));
        // fee: the short side's 250,000 × 0.001 = 250
        assert_eq!(mm.partial_liquidation_fee, dec!(250));
    }

    #[test]
    fn a_tie_is_set_by_the_long_side() {
        let c = bitget_btcusdt();
        let side = SideBook {
            held: dec!(1),
            ..SideBook::default()
        };
        let mm = derivatives_maintenance_margin(
            &ContractBook {
                long: side,
                short: side,
            },
            &c,
            dec!(1),
        )
        .unwrap();
        assert_eq!(mm.binding_side, PositionSide::Long);
        // 50,000 × 0.0046 = 230; fee 50,000 × 0.001 = 50
        assert_eq!(mm.maintenance_margin, dec!(230));
        assert_eq!(mm.partial_liquidation_fee, dec!(50));
    }
}
