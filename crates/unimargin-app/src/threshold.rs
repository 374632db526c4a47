//! Rounding that never crosses a threshold: a cross margin rate of 99.996 % is never shown
//! as "100 %" beside "warning", and the gauge's fill never reaches a mark the rate has not.
//!
//! A figure is rounded to the nearest; if that puts it on the other side of a threshold
//! than the exact figure (at a threshold counts as past it, as the risk levels read it:
//! RULES §8, `risk_level`), it is rounded toward the side it is really on; if that crosses
//! another threshold (two thresholds within one rounding step), it gets more digits. The
//! thresholds themselves are shown exactly ([`crate::show::percent`]), so a reader comparing
//! the two numbers always reads the side the account is on.

use crate::checked::Checked;
use crate::show::{self, Shown};
use rust_decimal::RoundingStrategy;
use unimargin::report::AccountReport;
use unimargin::Decimal;

/// The rates the risk is judged by: the account's own warning and liquidation rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub warning: Decimal,
    pub liquidation: Decimal,
}

impl Thresholds {
    /// The thresholds a report judged its risk by.
    pub fn of(account: &AccountReport) -> Thresholds {
        Thresholds {
            warning: account.warning_rate,
            liquidation: account.liquidation_rate,
        }
    }

    fn list(self) -> [Decimal; 2] {
        [self.warning, self.liquidation]
    }
}

/// Whether `shown` is on the side of each threshold it should be: `(threshold, past)`, where
/// `past` says the exact figure is at or above it.
fn on_sides(shown: Decimal, sides: &[(Decimal, bool)]) -> bool {
    sides.iter().all(|&(t, past)| (shown >= t) == past)
}

/// `value` rounded to `places` decimals (or more) so that it stays on the given side of
/// each threshold: to the nearest when that does, else toward the side it is on, else with
/// one more decimal, up to the value itself.
pub fn round_on_sides(value: Decimal, places: u32, sides: &[(Decimal, bool)]) -> Decimal {
    for dp in places..=Decimal::MAX_SCALE {
        let nearest = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
        if on_sides(nearest, sides) {
            return nearest;
        }
        // rounding up crossed a threshold above the value: round down, and the other way
        let toward = if nearest > value {
            value.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity)
        } else {
            value.round_dp_with_strategy(dp, RoundingStrategy::ToPositiveInfinity)
        };
        if on_sides(toward, sides) {
            return toward;
        }
    }
    value
}

/// `value` rounded to `places` decimals (or more) on the same side of every threshold as
/// the value itself.
pub fn round_beside(value: Decimal, places: u32, thresholds: &[Decimal]) -> Decimal {
    let sides: Vec<(Decimal, bool)> = thresholds.iter().map(|&t| (t, value >= t)).collect();
    round_on_sides(value, places, &sides)
}

/// A cross margin rate as a percentage, to two decimals where that crosses no threshold
/// (`0.99996` beside a liquidation rate of 100 % is `99.99 %`, never `100 %`); unbounded
/// when there is none; "< 0.01 %" for a small rate above 0.
pub fn margin_rate(rate: Option<Decimal>, thresholds: Thresholds) -> Shown {
    let Some(rate) = rate else {
        return Shown::Unbounded;
    };
    let shown = round_beside(rate, 4, &thresholds.list());
    if shown.is_zero() && !rate.is_zero() {
        // below one hundredth of a percent, and not past a threshold (both are above 0)
        return show::rate(rate);
    }
    show::percent(shown)
}

/// Where the risk gauge's parts go, as CSS lengths in percent of its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GaugePlaces {
    /// The fill's width: the cross margin rate.
    pub fill: String,
    pub warning_mark: String,
    pub liquidation_mark: String,
}

/// The warning zone ends where the liquidation zone starts: its right edge is this far
/// from the gauge's right end (the liquidation mark is at 80 %).
pub const WARNING_ZONE_RIGHT: &str = "20%";

/// A rate's place on the gauge, in percent of its width: the gauge runs from 0 to 125 % of
/// the liquidation rate, so the liquidation mark is always at 80 % (`rate ÷ liquidation ×
/// 80`, beyond 125 % at the end).
fn place(rate: Decimal, liquidation: Decimal) -> Decimal {
    let end = Decimal::ONE_HUNDRED;
    match rate.over(liquidation) {
        Some(share) if share >= Decimal::new(125, 2) => end,
        Some(share) => share
            .max(Decimal::ZERO)
            .times(Decimal::from(80))
            .map_or(end, |p| p.min(end)),
        // a liquidation rate of 0 is refused; a quotient beyond a decimal is past the end
        None => end,
    }
}

/// The gauge: its marks at the thresholds' exact places, its fill rounded to two decimals
/// of a percent on the side of each mark the rate is on (a rate just below the warning rate
/// never fills up to the warning mark); an unbounded rate fills it.
pub fn gauge(rate: Option<Decimal>, thresholds: Thresholds) -> GaugePlaces {
    let css = |d: Decimal| format!("{}%", d.normalize());
    let warning = place(thresholds.warning, thresholds.liquidation);
    let liquidation = place(thresholds.liquidation, thresholds.liquidation);
    let fill = match rate {
        None => Decimal::ONE_HUNDRED,
        Some(rate) => {
            let sides = [
                (warning, rate >= thresholds.warning),
                (liquidation, rate >= thresholds.liquidation),
            ];
            round_on_sides(place(rate, thresholds.liquidation), 2, &sides)
        }
    };
    GaugePlaces {
        fill: css(fill),
        warning_mark: css(warning),
        liquidation_mark: css(liquidation),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn defaults() -> Thresholds {
        Thresholds {
            warning: d("0.8"),
            liquidation: Decimal::ONE,
        }
    }

    fn shown(rate: &str, t: Thresholds) -> String {
        margin_rate(Some(d(rate)), t).to_string()
    }

    #[test]
    fn near_the_liquidation_rate_the_shown_rate_stays_on_its_side() {
        let t = defaults();
        // 0.99996 rounds to 1.0000 (100 %), past the liquidation rate it is below: 99.99 %
        assert_eq!(shown("0.99996", t), "99.99 %");
        assert_eq!(shown("0.99995", t), "99.99 %");
        assert_eq!(shown("0.999999999", t), "99.99 %");
        // at it exactly, and just above (1.00004 rounds to 1.0000, still at or above)
        assert_eq!(shown("1", t), "100 %");
        assert_eq!(shown("1.00004", t), "100 %");
        assert_eq!(shown("1.00005", t), "100.01 %");
        // far from it: the nearest
        assert_eq!(shown("0.99994", t), "99.99 %");
        assert_eq!(shown("0.0034917748068245383159570669", t), "0.35 %");
    }

    #[test]
    fn near_the_warning_rate_the_shown_rate_stays_on_its_side() {
        let t = defaults();
        // 0.79996 would be 80 %, the warning rate it is below
        assert_eq!(shown("0.79996", t), "79.99 %");
        assert_eq!(shown("0.79999999999999", t), "79.99 %");
        assert_eq!(shown("0.8", t), "80 %");
        assert_eq!(shown("0.80001", t), "80 %");
        assert_eq!(shown("0.79994", t), "79.99 %");
        assert_eq!(shown("0.80005", t), "80.01 %");
    }

    #[test]
    fn the_accounts_own_thresholds_are_kept_too() {
        // warning at 85.5 %, liquidation at 97.25 %
        let t = Thresholds {
            warning: d("0.855"),
            liquidation: d("0.9725"),
        };
        assert_eq!(shown("0.85496", t), "85.49 %");
        assert_eq!(shown("0.855", t), "85.5 %");
        assert_eq!(shown("0.85504", t), "85.5 %");
        assert_eq!(shown("0.97246", t), "97.24 %");
        assert_eq!(shown("0.9725", t), "97.25 %");
        assert_eq!(shown("0.97251", t), "97.25 %");
        // a threshold between two hundredths: 90.005 %. 0.900049 rounds to 90.00 %, below
        // it, as it is; 0.900051 rounds to 90.01 %, above it, as it is; 0.900045 is below,
        // and rounds down to 90.00 % too
        let odd = Thresholds {
            warning: d("0.90005"),
            liquidation: Decimal::ONE,
        };
        assert_eq!(shown("0.900049", odd), "90 %");
        assert_eq!(shown("0.900051", odd), "90.01 %");
        assert_eq!(shown("0.90005", odd), "90.01 %");
        // at or above a threshold that nearest rounding would take below it: rounded up
        // (0.9000504 ≥ 0.90005, and 90.00 % would be below 90.005 %)
        let up = Thresholds {
            warning: d("0.900041"),
            liquidation: Decimal::ONE,
        };
        assert_eq!(shown("0.900045", up), "90.01 %");
        assert_eq!(shown("0.90004", up), "90 %");
    }

    #[test]
    fn two_thresholds_in_one_step_get_more_digits() {
        // warning 99.995 %, liquidation 100 %: 0.99996 is past the warning rate and below
        // the liquidation rate; 99.99 % would be below the one, 100 % past the other
        let t = Thresholds {
            warning: d("0.99995"),
            liquidation: Decimal::ONE,
        };
        assert_eq!(shown("0.99996", t), "99.996 %");
        // 0.999951 to five decimals is 0.99995, at the warning rate as it is
        assert_eq!(shown("0.999951", t), "99.995 %");
        assert_eq!(shown("0.99994", t), "99.99 %");
        // equal thresholds (warning = liquidation = 80 %)
        let same = Thresholds {
            warning: d("0.8"),
            liquidation: d("0.8"),
        };
        assert_eq!(shown("0.79999", same), "79.99 %");
        assert_eq!(shown("0.8", same), "80 %");
    }

    #[test]
    fn small_unbounded_and_too_large_rates() {
        let t = defaults();
        assert_eq!(shown("0.00001", t), "< 0.01 %");
        assert_eq!(shown("0", t), "0 %");
        assert_eq!(margin_rate(None, t), Shown::Unbounded);
        // a rate of 1e27 is 1e29 %, beyond a decimal: said, not miswritten
        assert_eq!(
            margin_rate(Some(d("1000000000000000000000000000")), t),
            Shown::TooLarge
        );
        // thresholds too large to show as percentages still round a rate beside them
        let huge = Thresholds {
            warning: Decimal::MAX,
            liquidation: Decimal::MAX,
        };
        assert_eq!(shown("0.5", huge), "50 %");
    }

    #[test]
    fn every_rounding_stays_on_the_side_of_every_threshold() {
        // rates around each threshold, from 0.00001 below to 0.00001 above it, by 0.000001
        for t in [
            defaults(),
            Thresholds {
                warning: d("0.90005"),
                liquidation: d("0.90006"),
            },
        ] {
            for threshold in [t.warning, t.liquidation] {
                for step in -10..=10 {
                    let rate = threshold + Decimal::new(step, 6);
                    let text = margin_rate(Some(rate), t).to_string();
                    let percent: Decimal = text.trim_end_matches(" %").parse().unwrap();
                    let fraction = percent / Decimal::ONE_HUNDRED;
                    for limit in [t.warning, t.liquidation] {
                        assert_eq!(fraction >= limit, rate >= limit, "{rate} shown as {text}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_gauge_never_fills_up_to_a_mark_the_rate_has_not_reached() {
        let t = defaults();
        // marks: 0.8 ÷ 1 × 80 = 64 %, 1 ÷ 1 × 80 = 80 %
        let g = gauge(Some(d("0.5")), t);
        assert_eq!(
            (g.warning_mark.as_str(), g.liquidation_mark.as_str()),
            ("64%", "80%")
        );
        assert_eq!(g.fill, "40%");
        // 0.99996 × 80 = 79.9968 → 80.00 at two decimals, the mark: 79.99
        assert_eq!(gauge(Some(d("0.99996")), t).fill, "79.99%");
        assert_eq!(gauge(Some(Decimal::ONE), t).fill, "80%");
        // 0.79996 × 80 = 63.9968 → 64.00: 63.99
        assert_eq!(gauge(Some(d("0.79996")), t).fill, "63.99%");
        assert_eq!(gauge(Some(d("0.8")), t).fill, "64%");
        assert_eq!(gauge(Some(d("0.0123")), t).fill, "0.98%");
        assert_eq!(gauge(Some(d("3")), t).fill, "100%");
        assert_eq!(gauge(None, t).fill, "100%");
        assert_eq!(gauge(Some(Decimal::ZERO), t).fill, "0%");
        // the account's own: warning 70 %, liquidation 90 %: the warning mark at
        // 0.7 ÷ 0.9 × 80 = 62.2…%; a rate just below 70 % stays below it
        let own = Thresholds {
            warning: d("0.7"),
            liquidation: d("0.9"),
        };
        let g = gauge(Some(d("0.69999")), own);
        let mark: Decimal = g.warning_mark.trim_end_matches('%').parse().unwrap();
        let fill: Decimal = g.fill.trim_end_matches('%').parse().unwrap();
        assert!(fill < mark, "{g:?}");
        assert!(mark > d("62.22") && mark < d("62.23"), "{g:?}");
        let g = gauge(Some(d("0.7")), own);
        let fill: Decimal = g.fill.trim_end_matches('%').parse().unwrap();
        assert!(fill >= mark, "{g:?}");
        // a liquidation rate too large to multiply: no panic, every mark in the gauge
        let huge = Thresholds {
            warning: Decimal::MAX,
            liquidation: Decimal::MAX,
        };
        assert_eq!(gauge(Some(Decimal::ONE), huge).fill, "0%");
        assert_eq!(gauge(Some(Decimal::ONE), huge).liquidation_mark, "80%");
    }
}
