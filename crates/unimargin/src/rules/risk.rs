//! RULES §6 (second half): position value, account leverage, cross margin rate, risk.

use crate::num::{add, div, Overflow};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Position value = futures notional at mark (held) + loans in USD.
pub fn position_value(
    futures_notional_usd: Decimal,
    loans_usd: Decimal,
) -> Result<Decimal, Overflow> {
    add(futures_notional_usd, loans_usd)
}

/// Account leverage = position value ÷ AE: 0 when there is no position value, unbounded
/// (`None`) when there is and `AE ≤ 0`.
pub fn account_leverage(
    position_value: Decimal,
    adjusted_equity: Decimal,
) -> Result<Option<Decimal>, Overflow> {
    ratio(position_value, adjusted_equity)
}

/// Cross margin rate = `(MM + partial liquidation fees) ÷ AE`: 0 when the numerator is 0,
/// unbounded (`None`) when it is not and `AE ≤ 0`.
pub fn cross_margin_rate(
    maintenance_margin: Decimal,
    partial_liquidation_fees: Decimal,
    adjusted_equity: Decimal,
) -> Result<Option<Decimal>, Overflow> {
    ratio(
        add(maintenance_margin, partial_liquidation_fees)?,
        adjusted_equity,
    )
}

fn ratio(numerator: Decimal, adjusted_equity: Decimal) -> Result<Option<Decimal>, Overflow> {
    crate::regime::note(u32::from(numerator.is_zero()));
    crate::regime::note(u32::from(adjusted_equity > Decimal::ZERO));
    if numerator.is_zero() {
        Ok(Some(Decimal::ZERO))
    } else if adjusted_equity <= Decimal::ZERO {
        Ok(None)
    } else {
        div(numerator, adjusted_equity).map(Some)
    }
}

/// How close the account is to partial liquidation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    Safe,
    Warning,
    Liquidation,
}

/// Risk: safe below the warning rate, warning from it, liquidation from the liquidation
/// rate; an unbounded rate is liquidation.
pub fn risk_level(
    cross_margin_rate: Option<Decimal>,
    warning_rate: Decimal,
    liquidation_rate: Decimal,
) -> Risk {
    match cross_margin_rate {
        None => Risk::Liquidation,
        Some(rate) if rate >= liquidation_rate => Risk::Liquidation,
        Some(rate) if rate >= warning_rate => Risk::Warning,
        Some(_) => Risk::Safe,
    }
}

/// When `AE` is below margin reserved, all futures open orders are cancelled.
pub fn futures_orders_cancelled(adjusted_equity: Decimal, margin_reserved: Decimal) -> bool {
    adjusted_equity < margin_reserved
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn leverage_and_rate_are_ratios_to_adjusted_equity() {
        // 25,000 notional + 100 loans = 25,100; ÷ 50,200 = 0.5
        let pv = position_value(dec!(25000), dec!(100)).unwrap();
        assert_eq!(account_leverage(pv, dec!(50200)), Ok(Some(dec!(0.5))));
        // (1,400 + 250) ÷ 2,000 = 0.825
        assert_eq!(
            cross_margin_rate(dec!(1400), dec!(250), dec!(2000)),
            Ok(Some(dec!(0.825)))
        );
    }

    #[test]
    fn nothing_to_maintain_is_zero_and_no_equity_is_unbounded() {
        assert_eq!(account_leverage(dec!(0), dec!(-5)), Ok(Some(dec!(0))));
        assert_eq!(account_leverage(dec!(10), dec!(0)), Ok(None));
        assert_eq!(
            cross_margin_rate(dec!(0), dec!(0), dec!(-1)),
            Ok(Some(dec!(0)))
        );
        assert_eq!(cross_margin_rate(dec!(1), dec!(0), dec!(-1)), Ok(None));
    }

    #[test]
    fn risk_levels_start_at_their_thresholds() {
        let table = [
            (Some(dec!(0.79)), Risk::Safe),
            (Some(dec!(0.8)), Risk::Warning),
            (Some(dec!(0.99)), Risk::Warning),
            (Some(dec!(1)), Risk::Liquidation),
            (None, Risk::Liquidation),
        ];
        for (rate, want) in table {
            assert_eq!(risk_level(rate, dec!(0.8), dec!(1)), want, "{rate:?}");
        }
    }

    #[test]
    fn futures_orders_are_cancelled_below_margin_reserved() {
        assert!(futures_orders_cancelled(dec!(99), dec!(100)));
        assert!(!futures_orders_cancelled(dec!(100), dec!(100)));
    }
}
