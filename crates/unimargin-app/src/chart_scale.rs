//! The arithmetic of a readable chart and slider, apart from drawing them: round tick values
//! (1, 2, 2.5 or 5 × a power of ten), threshold labels kept apart, the curve cut into runs by
//! risk zone, and the what-if slider's two-sided scale (zero in the middle).

use unimargin::Decimal;

/// A power of ten as a decimal (`e` from −20 to 20).
fn power_of_ten(e: i32) -> Decimal {
    if e >= 0 {
        Decimal::from(10u64.pow(e.min(19) as u32))
    } else {
        Decimal::new(1, (-e).min(28) as u32)
    }
}

/// Round values inside `[lo, hi]`, evenly spaced by 1, 2, 2.5 or 5 × a power of ten, at most
/// `max` of them (and at least two when the range is not empty): `54,958` to `73,042` gives
/// `55,000, 60,000, 65,000, 70,000`.
pub fn nice_ticks(lo: Decimal, hi: Decimal, max: usize) -> Vec<Decimal> {
    let span = hi - lo;
    if span <= Decimal::ZERO || max < 2 {
        return vec![lo];
    }
    let rough: f64 = (span / Decimal::from(max as u64)).try_into().unwrap_or(1.0);
    let exponent = rough.log10().floor() as i32;
    let power = power_of_ten(exponent.clamp(-20, 19));
    for factor in [10, 20, 25, 50, 100, 200, 250, 500] {
        let step = power * Decimal::new(factor, 1);
        let first = (lo / step).ceil() * step;
        let mut ticks = Vec::new();
        let mut tick = first;
        while tick <= hi {
            ticks.push(tick.normalize());
            tick += step;
        }
        if ticks.len() <= max {
            return ticks;
        }
    }
    vec![lo, hi]
}

/// An axis's tick values, short enough for a phone and in one unit along the axis: in
/// thousands (`20k … 120k`) when the largest reaches 100,000, in millions from 10,000,000,
/// else grouped (`55,000`), small prices as they are.
pub fn axis_labels(ticks: &[Decimal]) -> Vec<String> {
    let largest = ticks.iter().map(|t| t.abs()).max().unwrap_or_default();
    let (unit, suffix) = if largest >= Decimal::from(10_000_000) {
        (Decimal::from(1_000_000), "M")
    } else if largest >= Decimal::from(100_000) {
        (Decimal::from(1000), "k")
    } else {
        (Decimal::ONE, "")
    };
    ticks
        .iter()
        .map(|t| {
            let value = if suffix.is_empty() {
                t.normalize()
            } else {
                (t / unit).round_dp(2).normalize()
            };
            if value.is_zero() {
                "0".to_string()
            } else {
                format!("{}{suffix}", unimargin::text::group_thousands(value))
            }
        })
        .collect()
}

/// Label positions (in pixels down the chart) moved apart so that no two are nearer than
/// `gap`, each as near its own line as that allows, and kept within `[top, bottom]`.
pub fn spread_labels(wanted: &[f64], gap: f64, top: f64, bottom: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|&a, &b| wanted[a].total_cmp(&wanted[b]));
    let mut placed = vec![0.0; wanted.len()];
    let mut previous = f64::NEG_INFINITY;
    for &i in &order {
        let y = wanted[i].max(top).max(previous + gap);
        placed[i] = y;
        previous = y;
    }
    // pushed past the bottom: move the lowest ones back up, keeping the gaps
    let mut limit = bottom;
    for &i in order.iter().rev() {
        if placed[i] > limit {
            placed[i] = limit;
        }
        limit = placed[i] - gap;
    }
    placed
}

/// A risk zone of the cross margin rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Safe,
    Warning,
    Liquidation,
}

impl Zone {
    /// The zone of a rate (`None`: unbounded, past every threshold).
    pub fn of(rate: Option<Decimal>, warning: Decimal, liquidation: Decimal) -> Zone {
        match rate {
            Some(r) if r < warning => Zone::Safe,
            Some(r) if r < liquidation => Zone::Warning,
            _ => Zone::Liquidation,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Zone::Safe => "safe",
            Zone::Warning => "warning",
            Zone::Liquidation => "liquidation",
        }
    }
}

/// Consecutive points cut into runs of one zone. Each run after the first starts at the
/// last point of the one before, so the drawn line has no gap where the zone changes.
pub fn zone_runs<P: Copy>(points: &[(P, Zone)]) -> Vec<(Zone, Vec<P>)> {
    let mut runs: Vec<(Zone, Vec<P>)> = Vec::new();
    for &(point, zone) in points {
        match runs.last_mut() {
            Some((z, run)) if *z == zone => run.push(point),
            Some((_, run)) => {
                let joint = *run.last().expect("runs are never empty");
                runs.push((zone, vec![joint, point]));
            }
            None => runs.push((zone, vec![point])),
        }
    }
    runs
}

/// The what-if slider: its position runs from −100 to +100, zero in the middle; the left
/// half is a fall of up to 95 %, the right half a rise of up to 200 %.
pub const SLIDER_FALL: Decimal = Decimal::from_parts(95, 0, 0, false, 0);
pub const SLIDER_RISE: Decimal = Decimal::from_parts(200, 0, 0, false, 0);

/// The price change (in percent) at a slider position.
pub fn change_at(position: Decimal) -> Decimal {
    let position = position.clamp(-Decimal::ONE_HUNDRED, Decimal::ONE_HUNDRED);
    let scale = if position < Decimal::ZERO {
        SLIDER_FALL
    } else {
        SLIDER_RISE
    };
    (position * scale / Decimal::ONE_HUNDRED).normalize()
}

/// The slider position of a price change (in percent), at an end when beyond it.
pub fn position_of(change: Decimal) -> Decimal {
    let scale = if change < Decimal::ZERO {
        SLIDER_FALL
    } else {
        SLIDER_RISE
    };
    (change * Decimal::ONE_HUNDRED / scale)
        .clamp(-Decimal::ONE_HUNDRED, Decimal::ONE_HUNDRED)
        .round_dp(1)
        .normalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn texts(ticks: Vec<Decimal>) -> Vec<String> {
        ticks.into_iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn ticks_are_round_numbers_inside_the_range() {
        // the zoomed chart of the leveraged preset: 54,958 to 73,042
        assert_eq!(
            texts(nice_ticks(d("54957.92"), d("73042.08"), 6)),
            ["55000", "60000", "65000", "70000"]
        );
        // 0 to twice 64,000
        // (steps of 20,000 would make 7 ticks, one too many)
        assert_eq!(
            texts(nice_ticks(d("0"), d("128000"), 6)),
            ["0", "25000", "50000", "75000", "100000", "125000"]
        );
        // the rates: 0 to 125 %
        assert_eq!(
            texts(nice_ticks(d("0"), d("1.25"), 6)),
            ["0", "0.25", "0.5", "0.75", "1", "1.25"]
        );
        // small prices
        assert_eq!(
            texts(nice_ticks(d("0.0012"), d("0.0049"), 5)),
            ["0.002", "0.003", "0.004"]
        );
        for (lo, hi, max) in [("1", "2", 3), ("3", "97", 5), ("0.1", "123456", 4)] {
            let ticks = nice_ticks(d(lo), d(hi), max);
            assert!(
                ticks.len() >= 2 && ticks.len() <= max,
                "{lo}..{hi}: {ticks:?}"
            );
            assert!(ticks.iter().all(|t| *t >= d(lo) && *t <= d(hi)));
        }
        assert_eq!(nice_ticks(d("5"), d("5"), 5), vec![d("5")]);
    }

    #[test]
    fn axis_labels_are_short_and_in_one_unit() {
        let ticks = |list: &[&str]| list.iter().map(|t| d(t)).collect::<Vec<_>>();
        assert_eq!(
            axis_labels(&ticks(&["0", "20000", "60000", "100000", "120000"])),
            ["0", "20k", "60k", "100k", "120k"]
        );
        assert_eq!(
            axis_labels(&ticks(&["55000", "60000", "62500"])),
            ["55,000", "60,000", "62,500"]
        );
        assert_eq!(
            axis_labels(&ticks(&["0", "5000000", "12500000"])),
            ["0", "5M", "12.5M"]
        );
        assert_eq!(
            axis_labels(&ticks(&["0.002", "0.0025"])),
            ["0.002", "0.0025"]
        );
    }

    #[test]
    fn threshold_labels_never_overlap() {
        // warning at 95 %, liquidation at 100 %: 8 px apart on the chart, 14 px needed
        let placed = spread_labels(&[48.0, 40.0], 14.0, 0.0, 200.0);
        assert!((placed[0] - placed[1]).abs() >= 14.0, "{placed:?}");
        assert_eq!(placed[1], 40.0, "the upper one stays on its line");
        // far apart: untouched
        assert_eq!(spread_labels(&[80.0, 40.0], 14.0, 0.0, 200.0), [80.0, 40.0]);
        // at the bottom: moved up, not off the chart
        let placed = spread_labels(&[199.0, 198.0], 14.0, 0.0, 200.0);
        assert!(placed.iter().all(|y| *y <= 200.0));
        assert!((placed[0] - placed[1]).abs() >= 14.0);
    }

    #[test]
    fn the_curve_is_cut_where_its_zone_changes() {
        let (w, l) = (d("0.8"), d("1"));
        let zone = |r: &str| Zone::of(Some(d(r)), w, l);
        assert_eq!(zone("0.5"), Zone::Safe);
        assert_eq!(zone("0.8"), Zone::Warning);
        assert_eq!(zone("1"), Zone::Liquidation);
        assert_eq!(Zone::of(None, w, l), Zone::Liquidation);
        let points = [
            (1, Zone::Liquidation),
            (2, Zone::Warning),
            (3, Zone::Safe),
            (4, Zone::Safe),
        ];
        assert_eq!(
            zone_runs(&points),
            vec![
                (Zone::Liquidation, vec![1]),
                (Zone::Warning, vec![1, 2]),
                (Zone::Safe, vec![2, 3, 4]),
            ]
        );
    }

    #[test]
    fn the_slider_has_zero_in_the_middle() {
        for (position, change) in [
            ("-100", "-95"),
            ("-50", "-47.5"),
            ("0", "0"),
            ("50", "100"),
            ("100", "200"),
            ("150", "200"),
        ] {
            assert_eq!(change_at(d(position)), d(change), "{position}");
        }
        for (change, position) in [
            ("-95", "-100"),
            ("-35.94", "-37.8"),
            ("0", "0"),
            ("10", "5"),
            ("200", "100"),
            ("500", "100"),
        ] {
            assert_eq!(position_of(d(change)), d(position), "{change}");
        }
    }
}
