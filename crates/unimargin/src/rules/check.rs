//! RULES §7: order acceptance, and the largest size that passes.
//!
//! The account is evaluated once; a [`Probe`] then holds only what the order changes (two
//! coins, or one contract's book), so trying another size costs a few operations.

use super::initial_margin::ContractBook;
use super::pending::{
    futures_order_effect, spot_order_effect, CoinTerms, ContractMargins, FillCoin, OrderEffect,
};
use crate::model::{CoinModel, ContractModel, OrderModel};
use crate::num::{add, div, mul, sub, Overflow};
use crate::scenario::OrderSide;
use rust_decimal::Decimal;

/// The account as the order to check finds it, reduced to what the order touches.
#[derive(Debug, Clone, Copy)]
pub enum Probe<'a> {
    Spot {
        side: OrderSide,
        price: Decimal,
        base: FillCoin<'a>,
        quote: FillCoin<'a>,
        spot_taker_fee: Decimal,
    },
    Futures {
        side: OrderSide,
        price: Decimal,
        index: usize,
        contract: &'a ContractModel,
        settle_usd: Decimal,
        book: ContractBook,
        margins: ContractMargins,
    },
}

/// What a probe needs of the evaluated account.
pub struct ProbeInputs<'a> {
    pub coins: &'a [CoinModel],
    pub contracts: &'a [ContractModel],
    pub usd_prices: &'a [Decimal],
    /// Each coin's terms after the pending orders.
    pub terms: &'a [CoinTerms],
    /// Contract books after the pending orders.
    pub books: &'a [ContractBook],
    pub spot_taker_fee: Decimal,
}

impl<'a> Probe<'a> {
    /// Prepares the probe of an order: the terms it does not change are computed here, once.
    pub fn new(inputs: &ProbeInputs<'a>, order: &OrderModel) -> Result<Probe<'a>, Overflow> {
        Ok(match *order {
            OrderModel::Spot {
                side,
                base,
                quote,
                price,
                ..
            } => {
                let coin = |i: usize| FillCoin {
                    index: i,
                    coin: &inputs.coins[i],
                    usd_price: inputs.usd_prices[i],
                    terms: inputs.terms[i],
                };
                Probe::Spot {
                    side,
                    price,
                    base: coin(base),
                    quote: coin(quote),
                    spot_taker_fee: inputs.spot_taker_fee,
                }
            }
            OrderModel::Futures {
                side,
                contract,
                price,
                ..
            } => {
                let c = &inputs.contracts[contract];
                let settle_usd = inputs.usd_prices[c.settle];
                let book = inputs.books[contract];
                Probe::Futures {
                    side,
                    price,
                    index: contract,
                    contract: c,
                    settle_usd,
                    book,
                    margins: ContractMargins::of(&book, c, settle_usd)?,
                }
            }
        })
    }

    /// The effect of the order at `size` (RULES §4–§6): a spot order read as filled on its
    /// two coins, or a futures order opened on its contract's book.
    pub fn effect(&self, size: Decimal) -> Result<OrderEffect, Overflow> {
        match self {
            Probe::Spot {
                side,
                price,
                base,
                quote,
                spot_taker_fee,
            } => spot_order_effect(*side, size, *price, base, quote, *spot_taker_fee)
                .map(OrderEffect::Spot),
            Probe::Futures {
                side,
                price,
                index,
                contract,
                settle_usd,
                book,
                margins,
            } => futures_order_effect(
                *side,
                size,
                *price,
                *index,
                contract,
                *settle_usd,
                book,
                margins,
            )
            .map(OrderEffect::Futures),
        }
    }
}

/// The account's standing with the order included as the last pending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acceptance {
    /// `AE_after = AE − its spot loss − its fee`.
    pub adjusted_equity_after: Decimal,
    /// Margin reserved with the order included.
    pub margin_reserved_after: Decimal,
    /// `AE_after − reserved_after`.
    pub headroom: Decimal,
    /// `AE_after ≥ reserved_after`, and no loan of a coin that cannot be borrowed.
    pub accepted: bool,
}

/// Order acceptance: `AE_after = AE − spot loss − fee`, `reserved_after = reserved + IM
/// added`; accepted when `AE_after ≥ reserved_after`.
pub fn order_acceptance(
    adjusted_equity: Decimal,
    margin_reserved: Decimal,
    effect: &OrderEffect,
) -> Result<Acceptance, Overflow> {
    let adjusted_equity_after = sub(sub(adjusted_equity, effect.spot_loss())?, effect.fee())?;
    let margin_reserved_after = add(margin_reserved, effect.initial_margin_added())?;
    let headroom = sub(adjusted_equity_after, margin_reserved_after)?;
    Ok(Acceptance {
        adjusted_equity_after,
        margin_reserved_after,
        headroom,
        accepted: headroom >= Decimal::ZERO && effect.not_borrowable().is_none(),
    })
}

/// Sizes above this are not searched: no account holds enough to back them.
const SIZE_CAP: Decimal = Decimal::from_parts(0xA764_0000, 0x0DE0_B6B3, 0, false, 0); // 1e18

/// The most steps a search may count in, far below the decimal range.
const STEPS_CAP: Decimal = Decimal::from_parts(0xE800_0000, 0x9FD0_803C, 0x033B_2E3C, false, 0);

/// The largest multiple of `step` that is accepted, and how many sizes were tried.
///
/// Acceptance is monotone in size for tiers as exchanges set them (discount rates and loan
/// leverage falling, maintenance rates rising): headroom is piecewise linear and falling.
/// The search brackets the first rejected size by secant steps, then closes in by regula
/// falsi, which lands on the answer at once on a linear piece, falling back to bisection
/// where a piece bends, so it needs a handful of probes rather than a bisection's ~60.
pub fn max_order_size(
    probe: &Probe,
    adjusted_equity: Decimal,
    margin_reserved: Decimal,
    step: Decimal,
) -> Result<(Decimal, u32), Overflow> {
    let mut probes = 0u32;
    // headroom at `k` steps, `None` when that size is refused outright (or cannot be computed)
    let mut headroom = |k: Decimal| -> Option<Decimal> {
        probes = probes.saturating_add(1);
        let size = mul(k, step).ok()?;
        let effect = probe.effect(size).ok()?;
        let acceptance = order_acceptance(adjusted_equity, margin_reserved, &effect).ok()?;
        effect
            .not_borrowable()
            .is_none()
            .then_some(acceptance.headroom)
    };
    let ok = |h: Option<Decimal>| h.is_some_and(|h| h >= Decimal::ZERO);
    let cap = SIZE_CAP
        .checked_div(step)
        .map_or(STEPS_CAP, |c| c.min(STEPS_CAP))
        .floor()
        .max(Decimal::ONE);
    let one = Decimal::ONE;

    let h_one = headroom(one);
    if !ok(h_one) {
        return Ok((Decimal::ZERO, probes));
    }
    // Bracket: `lo` accepted, `hi` refused.
    let (mut prev_k, mut prev_h) = (Decimal::ZERO, sub(adjusted_equity, margin_reserved)?);
    let (mut lo, mut h_lo) = (one, h_one.unwrap_or_default());
    let (mut hi, mut h_hi) = loop {
        if lo >= cap {
            return Ok((mul(cap, step)?, probes));
        }
        // one step past where the line through the last two points reaches 0, but at
        // least twice the last stride further, so that a flat or flattening curve is
        // outrun in a few dozen probes rather than crawled along
        let stride = sub(lo, prev_k)?;
        let outrun = add(lo, mul(stride, Decimal::TWO)?)?;
        let next = match zero_of_line(prev_k, prev_h, lo, h_lo) {
            Some(root) => add(root.min(cap).floor(), one)?,
            None => outrun,
        }
        .max(outrun)
        .min(cap);
        let h = headroom(next);
        if ok(h) {
            (prev_k, prev_h) = (lo, h_lo);
            (lo, h_lo) = (next, h.unwrap_or_default());
        } else {
            break (next, h);
        }
    };
    // Close in: regula falsi while it shrinks the bracket well, bisection otherwise.
    // (sizes are whole numbers of steps from 0 to the cap, 1e27: none of the arithmetic
    // below can overflow, and it is checked all the same)
    let mut bisect_next = false;
    while sub(hi, lo)? > one {
        let width = sub(hi, lo)?;
        let midpoint = add(lo, div(width, Decimal::TWO)?)?.floor();
        let k = match h_hi {
            Some(h_hi) if !bisect_next => {
                zero_of_line(lo, h_lo, hi, h_hi).map_or(midpoint, |root| root.floor())
            }
            _ => midpoint,
        }
        .max(add(lo, one)?)
        .min(sub(hi, one)?);
        let h = headroom(k);
        if ok(h) {
            (lo, h_lo) = (k, h.unwrap_or_default());
            // on a linear piece the next size is the first refused: try it at once
            let after_lo = add(lo, one)?;
            if hi > after_lo {
                let h_next = headroom(after_lo);
                if !ok(h_next) {
                    (hi, h_hi) = (after_lo, h_next);
                }
            }
        } else {
            (hi, h_hi) = (k, h);
        }
        bisect_next = !bisect_next && mul(sub(hi, lo)?, Decimal::TWO)? > width;
    }
    Ok((mul(lo, step)?, probes))
}

/// Where the line through `(k0, h0)` and `(k1, h1)` reaches 0, if it falls (`h0 > h1`).
fn zero_of_line(k0: Decimal, h0: Decimal, k1: Decimal, h1: Decimal) -> Option<Decimal> {
    if h0 <= h1 {
        return None;
    }
    let run = h1
        .checked_mul(k1.checked_sub(k0)?)?
        .checked_div(h0.checked_sub(h1)?)?;
    k1.checked_add(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rules::initial_margin::SideBook;
    use crate::testing::contract;
    use rust_decimal_macros::dec;

    #[test]
    fn a_flat_then_falling_headroom_is_searched_in_few_probes() {
        // long 10 BTC held at mark 50,000, leverage 20, no fees: IM_long = 500,000 ÷ 20 = 25,000
        let c = contract(dec!(50000), dec!(20), dec!(0));
        let books = [ContractBook {
            long: SideBook {
                held: dec!(10),
                ..SideBook::default()
            },
            short: SideBook::default(),
        }];
        let contracts = [c];
        let inputs = ProbeInputs {
            coins: &[],
            contracts: &contracts,
            usd_prices: &[dec!(1)],
            terms: &[],
            books: &books,
            spot_taker_fee: dec!(0),
        };
        let sell = OrderModel::Futures {
            side: OrderSide::Sell,
            contract: 0,
            size: dec!(1),
            price: dec!(50000),
        };
        let probe = Probe::new(&inputs, &sell).unwrap();
        // selling s reserves 2,500 s on the short side, nothing extra until it passes 25,000:
        // h(s) = (30,000 − 25,000) − max(0, 2,500 s − 25,000) ≥ 0 ⇔ s ≤ 12
        let (max, probes) =
            max_order_size(&probe, dec!(30000), dec!(25000), dec!(0.00000001)).unwrap();
        assert_eq!(max, dec!(12));
        assert!(probes <= 80, "{probes} probes");
        // on a 0.7 grid: 17 × 0.7 = 11.9 passes, 12.6 does not
        let (max, _) = max_order_size(&probe, dec!(30000), dec!(25000), dec!(0.7)).unwrap();
        assert_eq!(max, dec!(11.9));
    }

    #[test]
    fn caps_are_large_round_numbers() {
        assert_eq!(SIZE_CAP.to_string(), "1000000000000000000");
        assert_eq!(STEPS_CAP.to_string(), "1000000000000000000000000000");
    }
}
