//! RULES §11: what-if prices: shocks, sweeps, and the prices where the account breaks.
//!
//! A shock sets one coin's USD price `P`; coins priced through it follow (BTC-quoted coins
//! when it is BTC; USDT- or USDC-quoted coins when it is that stablecoin, whose USD price is
//! then the setting), and so do the marks of contracts whose base coin moved.
//!
//! Reading: a mark moves in proportion to its base coin's USD price (and inversely to its
//! settle coin's), `mark' = mark × p'(base) × p(settle) ÷ (p(base) × p'(settle))`, so the
//! basis between mark and spot is kept and the current price gives the current figures;
//! where the mark equals the coin's price this is RULES' `mark = P ÷ p(settle)`.
//!
//! [`PriceProbe`] evaluates the account once and then, per price, recomputes only the terms
//! that price touches: the moving coins, the contracts on them, the coins their PnL settles
//! in, and the pending orders that trade any of those. Its figures equal a full evaluation
//! of the shocked account to about 20 significant digits (a shocked mark is a quotient, and
//! the probe sums a contract's PnL as `mark × Σ size − Σ cost`); prices it finds are checked
//! by full evaluation in the tests.

use crate::error::{Error, Figure};
use crate::evaluate::Evaluation;
use crate::model::{
    Account, CoinModel, ContractModel, OrderModel, Quote, ResolvedSettings, Stablecoin,
};
use crate::num::{add, div, mul, neg, sub, Overflow};
use crate::rules::equity::coin_equity;
use crate::rules::initial_margin::ContractBook;
use crate::rules::pending::{coin_terms, spot_fill, spot_order_effect, ContractMargins, FillCoin};
use crate::rules::prices::usd_price;
use crate::rules::risk::cross_margin_rate;
use crate::scenario::PositionSide;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

fn overflow(what: Figure) -> impl Fn(Overflow) -> Error {
    move |_| Error::too_large("", what)
}

/// Which coins' USD prices move with coin `x`'s (RULES §11), `x` included.
pub fn moving_coins(account: &Account, x: usize) -> Vec<bool> {
    let stable = account.coins[x].stablecoin;
    let direct = |c: &CoinModel| match (c.quote, stable) {
        (Quote::Usdt, Some(Stablecoin::Usdt)) | (Quote::Usdc, Some(Stablecoin::Usdc)) => true,
        (Quote::Btc(b), _) => b == x,
        _ => false,
    };
    let mut moving: Vec<bool> = account
        .coins
        .iter()
        .enumerate()
        .map(|(i, c)| i == x || direct(c))
        .collect();
    // BTC may itself be quoted in a moving stablecoin: its BTC-quoted coins follow
    for (i, c) in account.coins.iter().enumerate() {
        if let Quote::Btc(b) = c.quote {
            moving[i] |= moving[b];
        }
    }
    moving
}

/// Sets coin `x`'s USD price to `usd_price` in `coins`/`settings` (its own price, or the
/// stablecoin setting).
fn set_usd_price(
    coins: &mut [CoinModel],
    settings: &mut ResolvedSettings,
    x: usize,
    new_usd_price: Decimal,
) -> Result<(), Overflow> {
    match coins[x].stablecoin {
        Some(Stablecoin::Usdt) => settings.usdt_usd = new_usd_price,
        Some(Stablecoin::Usdc) => settings.usdc_usd = new_usd_price,
        None => {
            let quote_usd = crate::rules::prices::quote_usd_price(coins[x].quote, coins, settings)?;
            coins[x].price = div(new_usd_price, quote_usd)?;
        }
    }
    Ok(())
}

/// A contract's mark after its base and settle coins' USD prices moved from `before` to
/// `after`: `mark × p'(base) × p(settle) ÷ (p(base) × p'(settle))`.
pub fn shocked_mark(
    mark: Decimal,
    base_before: Decimal,
    base_after: Decimal,
    settle_before: Decimal,
    settle_after: Decimal,
) -> Result<Decimal, Overflow> {
    div(
        mul(mul(mark, base_after)?, settle_before)?,
        mul(base_before, settle_after)?,
    )
}

/// The account with coin `x`'s USD price set to `usd_price` and everything priced through it
/// following.
pub fn shock(account: &Account, x: usize, new_usd_price: Decimal) -> Result<Account, Error> {
    let before = usd_prices(&account.coins, &account.settings).map_err(overflow(Figure::Prices))?;
    let mut shocked = account.clone();
    set_usd_price(&mut shocked.coins, &mut shocked.settings, x, new_usd_price)
        .map_err(overflow(Figure::ShockedPrice))?;
    let after = usd_prices(&shocked.coins, &shocked.settings).map_err(overflow(Figure::Prices))?;
    for contract in &mut shocked.contracts {
        if let Some(b) = contract.base_coin {
            let s = contract.settle;
            if before[b] != after[b] || before[s] != after[s] {
                contract.mark_price = shocked_mark(
                    contract.mark_price,
                    before[b],
                    after[b],
                    before[s],
                    after[s],
                )
                .map_err(overflow(Figure::ShockedMarkPrice))?;
            }
        }
    }
    Ok(shocked)
}

fn usd_prices(coins: &[CoinModel], settings: &ResolvedSettings) -> Result<Vec<Decimal>, Overflow> {
    coins
        .iter()
        .map(|c| usd_price(c, coins, settings))
        .collect()
}

/// The figures of the account at one price of the shocked coin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PriceFigures {
    #[serde(with = "crate::num::normalized")]
    pub usd_price: Decimal,
    #[serde(with = "crate::num::normalized")]
    pub adjusted_equity: Decimal,
    #[serde(with = "crate::num::normalized")]
    pub margin_reserved: Decimal,
    #[serde(with = "crate::num::normalized")]
    pub maintenance_margin: Decimal,
    #[serde(with = "crate::num::normalized")]
    pub partial_liquidation_fees: Decimal,
    /// `None` when unbounded.
    #[serde(with = "crate::num::normalized::option")]
    pub cross_margin_rate: Option<Decimal>,
}

/// A contract whose figures move with the price: its positions reduced to
/// `PnL(mark) = mark × Σ dir·size − Σ dir·entry·size`.
struct MovingContract {
    index: usize,
    contract: ContractModel,
    book: ContractBook,
    signed_size: Decimal,
    signed_cost: Decimal,
    mark_moves: bool,
}

/// A pending spot order that trades a coin whose figures move, with the fills that the
/// orders before it left on its two coins (fills do not depend on prices).
struct MovingOrder {
    order: OrderModel,
    base_offset: Decimal,
    quote_offset: Decimal,
}

/// The sums that do not move with the price.
#[derive(Default)]
struct FixedTerms {
    contributions: Decimal,
    loans_im: Decimal,
    loans_mm: Decimal,
    losses: Decimal,
    fees: Decimal,
    orders_im: Decimal,
    orders_mm: Decimal,
    derivatives_im: Decimal,
    derivatives_mm: Decimal,
    liquidation_fees: Decimal,
}

/// The account evaluated once, ready to be re-priced for one coin cheaply.
pub struct PriceProbe<'a> {
    account: &'a Account,
    coin: usize,
    /// Working copies of the coins and settings whose price is set per probe.
    coins: Vec<CoinModel>,
    settings: ResolvedSettings,
    prices_before: Vec<Decimal>,
    moving: Vec<bool>,
    /// Coins whose equity or price moves, with their balance plus the PnL that does not move.
    changing: Vec<(usize, Decimal)>,
    /// Each coin's equity before pending orders (the report's), for the orders' replay.
    equities: Vec<Decimal>,
    contracts: Vec<MovingContract>,
    orders: Vec<MovingOrder>,
    fixed: FixedTerms,
}

impl<'a> PriceProbe<'a> {
    /// Prepares the probe of coin `x` from an evaluation of the account.
    pub fn new(evaluation: &Evaluation<'a>, x: usize) -> Result<PriceProbe<'a>, Error> {
        let account = evaluation.account();
        let report = evaluation.report();
        let prices = evaluation.usd_prices();
        let moving = moving_coins(account, x);
        let fail = overflow(Figure::WhatIfTerms);

        // contracts that move: base or settle coin moves
        let mut contracts = Vec::new();
        let mut moving_contract = vec![false; account.contracts.len()];
        for (j, c) in account.contracts.iter().enumerate() {
            // a mark is in settle units: it moves when either coin's USD price does
            let mark_moves = c.base_coin.is_some_and(|b| moving[b] || moving[c.settle]);
            if mark_moves || moving[c.settle] {
                moving_contract[j] = true;
                contracts.push(MovingContract {
                    index: j,
                    contract: c.clone(),
                    book: evaluation.books()[j],
                    signed_size: Decimal::ZERO,
                    signed_cost: Decimal::ZERO,
                    mark_moves,
                });
            }
        }
        let slot: Vec<Option<usize>> = {
            let mut slot = vec![None; account.contracts.len()];
            for (k, m) in contracts.iter().enumerate() {
                slot[m.index] = Some(k);
            }
            slot
        };
        // coins whose figures change: moving prices, and settle coins of moving marks
        let mut is_changing = moving.clone();
        for m in &contracts {
            if m.mark_moves {
                is_changing[m.contract.settle] = true;
            }
        }
        // positions: on moving marks, reduced to Σ dir·size and Σ dir·entry·size; the rest
        // of each changing coin's PnL stays as it is
        let mut fixed_pnl = vec![Decimal::ZERO; account.coins.len()];
        for p in &account.positions {
            let c = &account.contracts[p.contract];
            let sign = |v: Decimal| {
                if p.side == PositionSide::Long {
                    v
                } else {
                    neg(v)
                }
            };
            match slot[p.contract].filter(|&k| contracts[k].mark_moves) {
                Some(k) => {
                    let m = &mut contracts[k];
                    m.signed_size = add(m.signed_size, sign(p.size)).map_err(&fail)?;
                    let cost = mul(p.entry_price, p.size).map_err(&fail)?;
                    m.signed_cost = add(m.signed_cost, sign(cost)).map_err(&fail)?;
                }
                None if is_changing[c.settle] => {
                    let pnl = crate::rules::equity::unrealized_pnl(
                        p.side,
                        c.mark_price,
                        p.entry_price,
                        p.size,
                    )
                    .map_err(&fail)?;
                    fixed_pnl[c.settle] = add(fixed_pnl[c.settle], pnl).map_err(&fail)?;
                }
                None => {}
            }
        }
        let changing = (0..account.coins.len())
            .filter(|&i| is_changing[i])
            .map(|i| Ok((i, add(account.coins[i].balance, fixed_pnl[i])?)))
            .collect::<Result<Vec<_>, Overflow>>()
            .map_err(&fail)?;

        // pending spot orders on changing coins, with the fills before them
        let mut fills = vec![Decimal::ZERO; account.coins.len()];
        let mut orders = Vec::new();
        let mut fixed = FixedTerms::default();
        for (k, order) in account.orders.iter().enumerate() {
            if let OrderModel::Spot {
                side,
                base,
                quote,
                size,
                price,
            } = *order
            {
                if is_changing[base] || is_changing[quote] {
                    orders.push(MovingOrder {
                        order: *order,
                        base_offset: fills[base],
                        quote_offset: fills[quote],
                    });
                } else {
                    let r = &report.orders[k];
                    fixed.losses = add(fixed.losses, r.spot_loss).map_err(&fail)?;
                    fixed.fees = add(fixed.fees, r.fee).map_err(&fail)?;
                    fixed.orders_im =
                        add(fixed.orders_im, r.initial_margin_added).map_err(&fail)?;
                    fixed.orders_mm =
                        add(fixed.orders_mm, r.maintenance_margin_added).map_err(&fail)?;
                }
                let (d_base, d_quote) = spot_fill(side, size, price).map_err(&fail)?;
                fills[base] = add(fills[base], d_base).map_err(&fail)?;
                fills[quote] = add(fills[quote], d_quote).map_err(&fail)?;
            }
        }
        for (i, coin) in report.coins.iter().enumerate() {
            if !is_changing[i] {
                fixed.contributions = add(fixed.contributions, coin.contribution).map_err(&fail)?;
                fixed.loans_im = add(fixed.loans_im, coin.loan_initial_margin).map_err(&fail)?;
                fixed.loans_mm =
                    add(fixed.loans_mm, coin.loan_maintenance_margin).map_err(&fail)?;
            }
        }
        for (j, c) in report.contracts.iter().enumerate() {
            if !moving_contract[j] {
                fixed.derivatives_im =
                    add(fixed.derivatives_im, c.initial_margin).map_err(&fail)?;
                fixed.derivatives_mm =
                    add(fixed.derivatives_mm, c.maintenance_margin).map_err(&fail)?;
                fixed.liquidation_fees =
                    add(fixed.liquidation_fees, c.partial_liquidation_fee).map_err(&fail)?;
            }
        }
        Ok(PriceProbe {
            account,
            coin: x,
            coins: account.coins.clone(),
            settings: account.settings.clone(),
            prices_before: prices.to_vec(),
            moving,
            changing,
            equities: report.coins.iter().map(|c| c.equity).collect(),
            contracts,
            orders,
            fixed,
        })
    }

    /// The coin's current USD price.
    pub fn current_price(&self) -> Decimal {
        self.prices_before[self.coin]
    }

    /// The account's figures with the coin at `usd_price`.
    pub fn at(&mut self, new_usd_price: Decimal) -> Result<PriceFigures, Overflow> {
        let account = self.account;
        set_usd_price(
            &mut self.coins,
            &mut self.settings,
            self.coin,
            new_usd_price,
        )?;
        let mut prices = self.prices_before.clone();
        for (i, price) in prices.iter_mut().enumerate() {
            if self.moving[i] {
                *price = usd_price(&self.coins[i], &self.coins, &self.settings)?;
            }
        }
        // moving contracts: new marks, their PnL into the settle coins
        let mut pnl = vec![Decimal::ZERO; prices.len()];
        for m in &mut self.contracts {
            let s = m.contract.settle;
            if let Some(b) = m.contract.base_coin.filter(|_| m.mark_moves) {
                let original = &account.contracts[m.index];
                m.contract.mark_price = shocked_mark(
                    original.mark_price,
                    self.prices_before[b],
                    prices[b],
                    self.prices_before[s],
                    prices[s],
                )?;
                let moved_pnl = sub(mul(m.contract.mark_price, m.signed_size)?, m.signed_cost)?;
                pnl[s] = add(pnl[s], moved_pnl)?;
            }
        }
        // changing coins: equity, contribution, loan margins
        let mut equities = self.equities.clone();
        let mut terms = FixedTerms::default();
        for &(i, fixed_part) in &self.changing {
            let equity = coin_equity(fixed_part, pnl[i])?;
            equities[i] = equity;
            let coin = coin_terms(&account.coins[i], prices[i], equity)?;
            let loan = coin.loan.ok_or(Overflow)?;
            terms.contributions = add(terms.contributions, coin.contribution)?;
            terms.loans_im = add(terms.loans_im, loan.initial_margin)?;
            terms.loans_mm = add(terms.loans_mm, loan.maintenance_margin)?;
        }
        // pending spot orders on changing coins, replayed on their running balances
        for m in &self.orders {
            let OrderModel::Spot {
                side,
                base,
                quote,
                size,
                price,
            } = m.order
            else {
                continue;
            };
            let coin = |i: usize, offset: Decimal| -> Result<FillCoin, Overflow> {
                let model = &account.coins[i];
                let terms = coin_terms(model, prices[i], add(equities[i], offset)?)?;
                terms.loan.ok_or(Overflow)?;
                Ok(FillCoin {
                    index: i,
                    coin: model,
                    usd_price: prices[i],
                    terms,
                })
            };
            let effect = spot_order_effect(
                side,
                size,
                price,
                &coin(base, m.base_offset)?,
                &coin(quote, m.quote_offset)?,
                account.settings.spot_taker_fee,
            )?;
            if effect.not_borrowable().is_some() {
                return Err(Overflow);
            }
            terms.losses = add(terms.losses, effect.spot_loss)?;
            terms.fees = add(terms.fees, effect.fee)?;
            terms.orders_im = add(terms.orders_im, effect.initial_margin_added)?;
            terms.orders_mm = add(terms.orders_mm, effect.maintenance_margin_added)?;
        }
        // moving contracts' margins
        for m in &self.contracts {
            let settle_usd = prices[m.contract.settle];
            let margins = ContractMargins::of(&m.book, &m.contract, settle_usd)?;
            let maintenance = &margins.maintenance;
            terms.derivatives_im = add(terms.derivatives_im, margins.initial_margin())?;
            terms.derivatives_mm = add(terms.derivatives_mm, maintenance.maintenance_margin)?;
            terms.liquidation_fees =
                add(terms.liquidation_fees, maintenance.partial_liquidation_fee)?;
        }
        let f = &self.fixed;
        let adjusted_equity = sub(
            sub(
                add(f.contributions, terms.contributions)?,
                add(f.losses, terms.losses)?,
            )?,
            add(f.fees, terms.fees)?,
        )?;
        let margin_reserved = add(
            add(
                add(f.loans_im, terms.loans_im)?,
                add(f.orders_im, terms.orders_im)?,
            )?,
            add(f.derivatives_im, terms.derivatives_im)?,
        )?;
        let maintenance_margin = add(
            add(
                add(f.loans_mm, terms.loans_mm)?,
                add(f.orders_mm, terms.orders_mm)?,
            )?,
            add(f.derivatives_mm, terms.derivatives_mm)?,
        )?;
        let partial_liquidation_fees = add(f.liquidation_fees, terms.liquidation_fees)?;
        Ok(PriceFigures {
            usd_price: new_usd_price,
            adjusted_equity,
            margin_reserved,
            maintenance_margin,
            partial_liquidation_fees,
            cross_margin_rate: cross_margin_rate(
                maintenance_margin,
                partial_liquidation_fees,
                adjusted_equity,
            )?,
        })
    }
}

/// The figures at `points` prices evenly spread from `from` to `to` (both included).
pub fn sweep(
    probe: &mut PriceProbe,
    from: Decimal,
    to: Decimal,
    points: u32,
) -> Result<Vec<PriceFigures>, Overflow> {
    let points = points.max(2);
    let intervals = sub(Decimal::from(points), Decimal::ONE)?;
    let step = div(sub(to, from)?, intervals)?;
    (0..points)
        .map(|i| {
            let price = if Some(i) == points.checked_sub(1) {
                to
            } else {
                add(from, mul(step, Decimal::from(i))?)?
            };
            probe.at(price)
        })
        .collect()
}

/// Where the cross margin rate reaches one threshold, searching from the current price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThresholdPrices {
    /// The threshold (a cross margin rate).
    #[serde(with = "crate::num::normalized")]
    pub rate: Decimal,
    /// The account is at or past the threshold already: no price is searched.
    pub already_past: bool,
    /// The nearest price below the current one where the rate reaches the threshold.
    #[serde(with = "crate::num::normalized::option")]
    pub below: Option<Decimal>,
    /// The nearest price above the current one where the rate reaches the threshold.
    #[serde(with = "crate::num::normalized::option")]
    pub above: Option<Decimal>,
}

/// The liquidation and warning prices of a coin (RULES §11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiquidationPrices {
    pub coin: String,
    #[serde(with = "crate::num::normalized")]
    pub current_price: Decimal,
    /// The range searched: 0 to 10 × the current price.
    #[serde(with = "crate::num::normalized")]
    pub searched_from: Decimal,
    #[serde(with = "crate::num::normalized")]
    pub searched_to: Decimal,
    pub liquidation: ThresholdPrices,
    pub warning: ThresholdPrices,
    /// How many prices were evaluated.
    pub probes: u32,
}

fn is_past(figures: &PriceFigures, threshold: Decimal) -> bool {
    figures
        .cross_margin_rate
        .is_none_or(|rate| rate >= threshold)
}

/// `(MM + fees) − threshold × AE`: crosses 0 where the rate crosses the threshold (AE > 0),
/// and is close to linear in price, which makes it a good function to interpolate.
fn distance(figures: &PriceFigures, threshold: Decimal) -> Option<Decimal> {
    let numerator = figures
        .maintenance_margin
        .checked_add(figures.partial_liquidation_fees)?;
    numerator.checked_sub(threshold.checked_mul(figures.adjusted_equity)?)
}

/// How finely the search tells two tier regimes apart: an interval narrower than this
/// (relative to the current price) holding a change of regime is not split further. Only a
/// window past the threshold that opens and closes inside such an interval, narrower than
/// 1e-9 of the price, could go unseen.
const RESOLUTION: Decimal = Decimal::from_parts(1, 0, 0, false, 9);

/// The figures at a price, and the regime the rules were in there ([`crate::regime`]).
#[derive(Clone)]
struct Point {
    figures: PriceFigures,
    regime: Vec<u32>,
}

/// The probe with the points it has evaluated: the liquidation and the warning search
/// split the range at the same prices (where the regime changes, whatever the threshold), so
/// the second finds most of its points here.
struct Points<'p, 'a> {
    probe: &'p mut PriceProbe<'a>,
    seen: std::collections::HashMap<Decimal, Point>,
    probes: u32,
}

impl Points<'_, '_> {
    /// The figures and regime at `price`.
    fn at(&mut self, price: Decimal) -> Result<Point, Overflow> {
        if let Some(point) = self.seen.get(&price) {
            return Ok(point.clone());
        }
        let (figures, regime) = crate::regime::observe(|| self.probe.at(price));
        self.probes = self.probes.saturating_add(1);
        let point = Point {
            figures: figures?,
            regime,
        };
        self.seen.insert(price, point.clone());
        Ok(point)
    }
}

/// The vertex, strictly inside `(a, b)`, of the quadratic through the values `fa`, `fm`,
/// `fb` at `a`, the midpoint and `b`: where a term that is a product of two affine ones
/// (a coin quoted in BTC whose equity moves with BTC) can turn back.
fn vertex(a: Decimal, b: Decimal, fa: Decimal, fm: Decimal, fb: Decimal) -> Option<Decimal> {
    let two = Decimal::TWO;
    // q(t) = fa + B t + A t² on t ∈ [0, 1]: A = 2 (fa − 2 fm + fb), B = 4 fm − 3 fa − fb
    let curvature = fa.checked_sub(fm.checked_mul(two)?)?.checked_add(fb)?;
    if curvature.is_zero() {
        return None;
    }
    let a2 = curvature.checked_mul(two)?;
    let b1 = fm
        .checked_mul(Decimal::from(4))?
        .checked_sub(fa.checked_mul(Decimal::from(3))?)?
        .checked_sub(fb)?;
    let t = crate::num::neg(b1).checked_div(a2.checked_mul(two)?)?;
    if t <= Decimal::ZERO || t >= Decimal::ONE {
        return None;
    }
    a.checked_add(b.checked_sub(a)?.checked_mul(t)?)
}

/// The nearest price from `near` (not past the threshold) towards `far` at which the rate
/// reaches `threshold`, or `None` when it does not between them.
///
/// Cannot step over a crossing: the interval is split until each piece has one regime at
/// both ends, hence on the whole piece ([`crate::regime`]); on such a piece the rate's terms
/// are affine in the price, so a crossing shows at an end, or at the vertex where a quadratic
/// term turns; the nearer piece is searched first. The crossing is then narrowed by
/// [`refine`] between a price not past and one past it.
fn nearest_crossing(
    points: &mut Points,
    near: Point,
    far: Point,
    threshold: Decimal,
    scale: Decimal,
) -> Result<Option<Decimal>, Overflow> {
    let resolution = mul(scale, RESOLUTION)?;
    // nearer pieces last, so popped first; every `a` popped is not past (see below)
    let mut stack = vec![(near, far)];
    while let Some((a, b)) = stack.pop() {
        let width = sub(b.figures.usd_price, a.figures.usd_price)?.abs();
        let past_b = is_past(&b.figures, threshold);
        if a.regime == b.regime {
            let m = points.at(midpoint(&a, &b)?)?;
            // where the terms may turn back inside the piece (a quadratic term's vertex)
            let (pa, pb) = (a.figures.usd_price, b.figures.usd_price);
            let turns = [
                distance(&a.figures, threshold)
                    .zip(distance(&m.figures, threshold))
                    .zip(distance(&b.figures, threshold))
                    .and_then(|((fa, fm), fb)| vertex(pa, pb, fa, fm, fb)),
                vertex(
                    pa,
                    pb,
                    a.figures.adjusted_equity,
                    m.figures.adjusted_equity,
                    b.figures.adjusted_equity,
                ),
            ];
            let mut candidates = vec![m.figures, b.figures];
            for v in turns.into_iter().flatten() {
                candidates.push(points.at(v)?.figures);
            }
            // the nearest past one: between it and `a` the rate crosses once
            let past = candidates
                .into_iter()
                .filter(|f| is_past(f, threshold))
                .filter_map(|f| Some((sub(f.usd_price, pa).ok()?.abs(), f)))
                .min_by_key(|(d, _)| *d)
                .map(|(_, f)| f);
            if let Some(past) = past {
                let (found, count) = refine(points.probe, a.figures, past, threshold)?;
                points.probes = points.probes.saturating_add(count);
                return Ok(Some(found));
            }
            continue;
        }
        let m_price = midpoint(&a, &b)?;
        // too narrow to split: below the resolution, or no decimal strictly between the ends
        // (a price near 1e-28, whose resolution rounds to 0)
        let unsplittable = m_price == a.figures.usd_price || m_price == b.figures.usd_price;
        if width <= resolution || unsplittable {
            if past_b {
                // past at the far end of a change of regime too narrow to split (a tier's
                // margin jumping at its bound): narrowed between a price not past and one past
                let (found, count) = refine(points.probe, a.figures, b.figures, threshold)?;
                points.probes = points.probes.saturating_add(count);
                return Ok(Some(found));
            }
            continue;
        }
        let m = points.at(m_price)?;
        // if m is past, the piece (a, m) ends past and returns a crossing before (m, b) is
        // popped; otherwise m is not past: either way every `a` popped is not past
        stack.push((m.clone(), b));
        stack.push((a, m));
    }
    Ok(None)
}

fn midpoint(a: &Point, b: &Point) -> Result<Decimal, Overflow> {
    div(add(a.figures.usd_price, b.figures.usd_price)?, Decimal::TWO)
}

/// The liquidation and warning prices of coin `x`: for each threshold, the nearest price
/// below and above the current one at which the cross margin rate reaches it, searched down
/// to 0 (1e-9 × the price, where 0 itself is undefined) and up to 10 × the current price;
/// none where it is not reached. No crossing in the range is stepped over
/// ([`nearest_crossing`]); found to 1e-13 relative, the price returned is the first at or
/// past the threshold.
pub fn liquidation_prices(evaluation: &Evaluation, x: usize) -> Result<LiquidationPrices, Error> {
    let mut probe = PriceProbe::new(evaluation, x)?;
    let fail = overflow(Figure::LiquidationPrices);
    let settings = &evaluation.account().settings;
    let current = probe.current_price();
    let top = mul(current, Decimal::TEN).map_err(&fail)?;
    let bottom = mul(current, Decimal::new(1, 9)).map_err(&fail)?;
    let mut points = Points {
        probe: &mut probe,
        seen: std::collections::HashMap::new(),
        probes: 0,
    };
    let now = points.at(current).map_err(&fail)?;
    let low = points.at(bottom).map_err(&fail)?;
    let high = points.at(top).map_err(&fail)?;
    let mut find = |threshold: Decimal| -> Result<ThresholdPrices, Overflow> {
        if is_past(&now.figures, threshold) {
            return Ok(ThresholdPrices {
                rate: threshold,
                already_past: true,
                below: None,
                above: None,
            });
        }
        let mut side = |far: &Point, towards_past: RoundingStrategy| {
            let found =
                nearest_crossing(&mut points, now.clone(), far.clone(), threshold, current)?;
            // to 12 significant digits (the search is good to 1e-13), rounded towards the
            // side past the threshold so the price stays the first at or past it
            Ok::<_, Overflow>(found.map(|p| round_significant(p, 12, towards_past)))
        };
        Ok(ThresholdPrices {
            rate: threshold,
            already_past: false,
            below: side(&low, RoundingStrategy::ToZero)?,
            above: side(&high, RoundingStrategy::AwayFromZero)?,
        })
    };
    let liquidation = find(settings.liquidation_rate).map_err(&fail)?;
    let warning = find(settings.warning_rate).map_err(&fail)?;
    Ok(LiquidationPrices {
        coin: evaluation.account().coins[x].name.clone(),
        current_price: current,
        searched_from: Decimal::ZERO,
        searched_to: top,
        probes: points.probes,
        liquidation,
        warning,
    })
}

/// `value` to `digits` significant digits.
pub fn round_significant(value: Decimal, digits: u32, strategy: RoundingStrategy) -> Decimal {
    let integer_digits = value
        .abs()
        .trunc()
        .normalize()
        .to_string()
        .trim_start_matches('0')
        .len() as i64;
    let places = i64::from(digits)
        .saturating_sub(integer_digits)
        .clamp(0, 28) as u32;
    value.round_dp_with_strategy(places, strategy).normalize()
}

/// Narrows `[safe, past]` (either order in price) to where the rate reaches `threshold`:
/// regula falsi on [`distance`] with the Illinois halving, bisection where it stalls.
fn refine(
    probe: &mut PriceProbe,
    safe: PriceFigures,
    past: PriceFigures,
    threshold: Decimal,
) -> Result<(Decimal, u32), Overflow> {
    let tolerance = Decimal::new(1, 13);
    let (mut safe, mut past) = (safe, past);
    let (mut d_safe, mut d_past) = (distance(&safe, threshold), distance(&past, threshold));
    let mut probes = 0u32;
    let mut last_moved_safe: Option<bool> = None;
    for _ in 0..200 {
        let width = sub(past.usd_price, safe.usd_price)?.abs();
        let scale = past.usd_price.abs().max(safe.usd_price.abs());
        if width <= mul(scale, tolerance)? || width.is_zero() {
            break;
        }
        let midpoint = div(add(safe.usd_price, past.usd_price)?, Decimal::TWO)?;
        // interpolate where the distance is finite on both ends and of opposite signs
        let interpolated = match (d_safe, d_past) {
            (Some(a), Some(b)) if a < Decimal::ZERO && b >= Decimal::ZERO => sub(a, b)
                .and_then(|span| div(a, span))
                .and_then(|t| mul(sub(past.usd_price, safe.usd_price)?, t))
                .and_then(|run| add(safe.usd_price, run))
                .ok(),
            _ => None,
        };
        // keep the guess strictly inside, away from the ends
        let (lo, hi) = (
            safe.usd_price.min(past.usd_price),
            safe.usd_price.max(past.usd_price),
        );
        let guess = interpolated
            .filter(|g| *g > lo && *g < hi)
            .unwrap_or(midpoint);
        let figures = probe.at(guess)?;
        probes = probes.saturating_add(1);
        if is_past(&figures, threshold) {
            past = figures;
            d_past = distance(&past, threshold);
            if last_moved_safe == Some(false) {
                d_safe = d_safe.and_then(|d| d.checked_div(Decimal::TWO));
            }
            last_moved_safe = Some(false);
        } else {
            safe = figures;
            d_safe = distance(&safe, threshold);
            if last_moved_safe == Some(true) {
                d_past = d_past.and_then(|d| d.checked_div(Decimal::TWO));
            }
            last_moved_safe = Some(true);
        }
    }
    Ok((past.usd_price, probes))
}
