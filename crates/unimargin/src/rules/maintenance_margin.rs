//! RULES §6 (first half): maintenance margin and partial liquidation fees.

use super::initial_margin::{ContractBook, SideBook};
use super::tiers::tier_holding;
use crate::model::ContractModel;
use crate::num::{add, mul, Overflow};
use crate::scenario::{MaintenanceTier, PositionSide};
use rust_decimal::Decimal;

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

/// The position tier that holds a side's notional (USD), by its index (a contract has at
/// least one tier, the last unbounded: validated).
pub fn position_tier(tiers: &[MaintenanceTier], notional_usd: Decimal) -> usize {
    tier_holding(tiers, notional_usd).unwrap_or(tiers.len().saturating_sub(1))
}

/// Maintenance margin at a rate: `notional × (mmr + taker)`, the notional at mark in USD.
pub fn maintenance_at_rate(
    notional_usd: Decimal,
    mmr: Decimal,
    taker_fee: Decimal,
) -> Result<Decimal, Overflow> {
    mul(notional_usd, add(mmr, taker_fee)?)
}

/// One side's maintenance margin, hold plus open, both at mark:
/// `size × (mmr + taker) × mark × p(settle)`, `mmr` that of the position tier holding the
/// side's whole notional.
pub fn side_maintenance_margin(
    side: &SideBook,
    contract: &ContractModel,
    settle_usd: Decimal,
) -> Result<SideMaintenance, Overflow> {
    let notional_usd = side_notional_usd(side, contract, settle_usd)?;
    let tier = position_tier(&contract.mm_tiers, notional_usd);
    let mmr = contract.mm_tiers.get(tier).map_or(Decimal::ZERO, |t| t.mmr);
    Ok(SideMaintenance {
        notional_usd,
        tier,
        mmr,
        maintenance_margin: maintenance_at_rate(notional_usd, mmr, contract.taker_fee)?,
    })
}

/// The maintenance terms of one side of a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SideMaintenance {
    pub notional_usd: Decimal,
    /// The index of the position tier that holds the notional.
    pub tier: usize,
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
    contract_maintenance(
        side_maintenance_margin(&book.long, contract, settle_usd)?,
        side_maintenance_margin(&book.short, contract, settle_usd)?,
        contract.liquidation_fee,
    )
}

/// The contract's maintenance terms from its two sides': the larger side's margin (the long
/// side on a tie) and that side's partial liquidation fee.
pub fn contract_maintenance(
    long: SideMaintenance,
    short: SideMaintenance,
    liquidation_fee: Decimal,
) -> Result<ContractMaintenance, Overflow> {
    let long_binds = long.maintenance_margin >= short.maintenance_margin;
    crate::regime::note(u32::from(long_binds));
    let (binding_side, binding) = if long_binds {
        (PositionSide::Long, long)
    } else {
        (PositionSide::Short, short)
    };
    Ok(ContractMaintenance {
        long,
        short,
        binding_side,
        maintenance_margin: binding.maintenance_margin,
        partial_liquidation_fee: partial_liquidation_fee(binding.notional_usd, liquidation_fee)?,
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
