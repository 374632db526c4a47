//! The what-if panel's figures for one coin of the account as typed (RULES §11): its
//! liquidation and warning prices, and the chart's sweep of the cross margin rate over a
//! price axis that shows them ([`crate::chart_scale::price_axis`]). The engine does the
//! work; each search is timed for the benchmarks.

use crate::chart_scale::price_axis;
use crate::checked::Checked;
use crate::web;
use unimargin::evaluate::Evaluation;
use unimargin::whatif::{liquidation_prices, sweep, LiquidationPrices, PriceFigures, PriceProbe};
use unimargin::{Account, Decimal};

/// Prices the chart evaluates.
pub const POINTS: u32 = 200;

/// The what-if figures of one coin of the account as typed (worked out by the engine's
/// worker: [`crate::wire`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    pub coin: String,
    #[serde(with = "crate::wire::LiquidationPricesDef")]
    pub prices: LiquidationPrices,
    #[serde(with = "crate::wire::curve")]
    pub curve: Vec<PriceFigures>,
    /// The chart's price axis: `bottom` to `top`.
    pub bottom: Decimal,
    pub top: Decimal,
    pub warning_rate: Decimal,
    pub liquidation_rate: Decimal,
}

/// Liquidation prices and the chart's sweep for coin `x` (each timed for the benchmarks).
pub fn analyse(account: &Account, x: usize) -> Option<Analysis> {
    let evaluation = Evaluation::new(account).ok()?;
    let prices = web::measure(web::LIQUIDATION_MEASURE, || {
        liquidation_prices(&evaluation, x)
    })
    .ok()?;
    let found = [
        prices.liquidation.below,
        prices.liquidation.above,
        prices.warning.below,
        prices.warning.above,
    ];
    let above = [prices.liquidation.above, prices.warning.above];
    let (bottom, top) = price_axis(prices.current_price, &found, &above, prices.searched_to);
    // From the first step above 0 when the axis starts at 0 (no price is 0).
    let from = if bottom.is_zero() {
        top.over(Decimal::from(POINTS)).unwrap_or(top)
    } else {
        bottom
    };
    let curve = web::measure(web::SWEEP_MEASURE, || {
        let mut probe = PriceProbe::new(&evaluation, x).ok()?;
        sweep(&mut probe, from, top, POINTS).ok()
    })?;
    let settings = &account.settings;
    Some(Analysis {
        coin: account.coins.get(x)?.name.clone(),
        prices,
        curve,
        bottom,
        top,
        warning_rate: settings.warning_rate,
        liquidation_rate: settings.liquidation_rate,
    })
}

/// The coin the what-if panel is about: the one chosen when it is in the account, else the
/// base of the first contract, else the first coin.
pub fn coin_of(account: &Account, chosen: Option<&str>) -> Option<usize> {
    let by_name = |name: &str| account.coins.iter().position(|c| c.name == name);
    chosen
        .and_then(by_name)
        .or_else(|| account.contracts.iter().find_map(|c| c.base_coin))
        .or((!account.coins.is_empty()).then_some(0))
}
