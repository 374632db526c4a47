//! Figures written for people (thousands separators, USD to the cent, rates as
//! percentages) and for tests (`data-value`: the engine's exact decimal).

use rust_decimal::RoundingStrategy;
use unimargin::rules::risk::Risk;
use unimargin::text::{group_thousands, percent, usd};
use unimargin::Decimal;

fn round(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// The engine's exact decimal, as the report writes it (`data-value`, tooltips).
pub fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

/// The same for a figure that may be unbounded (empty when it is).
pub fn exact_or_empty(value: Option<Decimal>) -> String {
    value.map(exact).unwrap_or_default()
}

/// `50,100.00 USD`.
pub fn usd_text(value: Decimal) -> String {
    usd(value)
}

/// `50,100.00`, for tables whose heading says USD.
pub fn usd_cell(value: Decimal) -> String {
    let text = usd(value);
    text.strip_suffix(" USD").unwrap_or(&text).to_string()
}

/// A price: to the cent from 1 up, else up to 8 decimal places (`0.00001234`).
pub fn price(value: Decimal) -> String {
    if value.abs() >= Decimal::ONE {
        usd_cell(value)
    } else {
        group_thousands(round(value, 8))
    }
}

/// A coin amount, exact and grouped: `1,234.5`.
pub fn amount(value: Decimal) -> String {
    group_thousands(value)
}

/// A rate as a percentage to two decimals: `0.0123456` → `1.23 %`.
pub fn rate(value: Decimal) -> String {
    let rounded = round(value, 4);
    if rounded.is_zero() && !value.is_zero() {
        if value > Decimal::ZERO {
            "< 0.01 %".into()
        } else {
            "> -0.01 %".into()
        }
    } else {
        percent(rounded)
    }
}

/// A rate that may be unbounded.
pub fn rate_or_unbounded(value: Option<Decimal>) -> String {
    value.map_or_else(|| "unbounded".into(), rate)
}

/// Account leverage: `0.31×`, or unbounded.
pub fn leverage(value: Option<Decimal>) -> String {
    value.map_or_else(
        || "unbounded".into(),
        |v| format!("{}×", group_thousands(round(v, 2))),
    )
}

/// `safe`, `warning` or `liquidation` (the report's words).
pub fn risk_name(risk: Risk) -> &'static str {
    match risk {
        Risk::Safe => "safe",
        Risk::Warning => "warning",
        Risk::Liquidation => "liquidation",
    }
}

/// Where a rate falls on the risk gauge, in percent of its width (a CSS length such as
/// `64%`): the gauge runs from 0 to 125 % of the liquidation rate, so its marks sit at
/// fixed places for the default rates. An unbounded rate fills it.
pub fn gauge_position(rate: Option<Decimal>, liquidation_rate: Decimal) -> String {
    let full = liquidation_rate * Decimal::new(125, 2);
    let share = match rate {
        Some(rate) if full > Decimal::ZERO => rate
            .checked_div(full)
            .unwrap_or(Decimal::ONE)
            .clamp(Decimal::ZERO, Decimal::ONE),
        _ => Decimal::ONE,
    };
    format!("{}%", round(share * Decimal::ONE_HUNDRED, 2).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn figures_for_people_and_for_tests() {
        assert_eq!(exact(d("50150.00")), "50150");
        assert_eq!(exact_or_empty(None), "");
        assert_eq!(exact_or_empty(Some(d("0.0125"))), "0.0125");
        assert_eq!(usd_text(d("1950000")), "1,950,000.00 USD");
        assert_eq!(usd_cell(d("-6800.456")), "-6,800.46");
        assert_eq!(price(d("64000")), "64,000.00");
        assert_eq!(price(d("0.0000123456789")), "0.00001235");
        assert_eq!(amount(d("1234.50")), "1,234.5");
        assert_eq!(rate(d("0.0123456")), "1.23 %");
        assert_eq!(rate(d("0.8")), "80 %");
        assert_eq!(rate(d("0.00001")), "< 0.01 %");
        assert_eq!(rate(Decimal::ZERO), "0 %");
        assert_eq!(rate_or_unbounded(None), "unbounded");
        assert_eq!(leverage(Some(d("0.31234"))), "0.31×");
        assert_eq!(leverage(None), "unbounded");
        assert_eq!(risk_name(Risk::Warning), "warning");
    }

    #[test]
    fn the_gauge_puts_the_marks_at_fixed_places() {
        let one = Decimal::ONE;
        assert_eq!(gauge_position(Some(d("0.8")), one), "64%");
        assert_eq!(gauge_position(Some(one), one), "80%");
        assert_eq!(gauge_position(Some(d("0.0123")), one), "0.98%");
        assert_eq!(gauge_position(Some(d("3")), one), "100%");
        assert_eq!(gauge_position(None, one), "100%");
        assert_eq!(gauge_position(Some(Decimal::ZERO), one), "0%");
    }
}
