//! The account after an order fills at its limit price: what the order check shows as "the
//! account after the fill", so that a trader reads the liquidation price of the whole cross
//! account with the order as a position before placing it ([`crate::whatif`] then works on
//! the filled account as on any other).
//!
//! Reading: the fill is the one RULES §4 reads a pending order as, made real.
//! - A spot order changes two balances by [`spot_fill`]: a buy adds `size` of the base coin
//!   and pays `size × price` of the quote coin (a fall below zero is a loan).
//! - A futures order becomes a position on its side (a buy long, a sell short, as §5 books
//!   open orders) at its limit price. Where the account already holds that side of the
//!   contract, the order is added to it at the size-weighted entry price ([`weighted_entry`]),
//!   which leaves the position's PnL exactly as two positions would.
//! - In one-way mode (RULES §12: one net position per contract) the order first closes what
//!   the account holds of the contract's other side, at the order's price: the closed part's
//!   PnL, §2's `dir × (price − entry) × closed`, is realized into the settle coin's balance;
//!   only what is left of the order opens (or joins) its own side. So the filled account
//!   still holds one net position, as the mode requires.
//! - Fees are not taken off the balances (the fill, like §4's, moves only what is traded);
//!   the other pending orders stay pending, and the account has no order to check.

use crate::error::{Error, Figure};
use crate::model::{Account, OrderModel, PositionModel};
use crate::num::{add, div, mul, sub, Overflow};
use crate::rules::equity::unrealized_pnl;
use crate::rules::pending::{book_side, spot_fill};
use crate::scenario::{PositionMode, PositionSide};
use rust_decimal::Decimal;

/// The entry price of a position of `size` at `entry` with `added` more at `price`:
/// `(size × entry + added × price) ÷ (size + added)`.
///
/// Where the quotient does not end within 28 digits it is rounded against the holder (a
/// long's entry up, a short's down), so the merged position never shows more profit than
/// the two it stands for.
pub fn weighted_entry(
    side: PositionSide,
    size: Decimal,
    entry: Decimal,
    added: Decimal,
    price: Decimal,
) -> Result<Decimal, Overflow> {
    let cost = add(mul(size, entry)?, mul(added, price)?)?;
    let total = add(size, added)?;
    let quotient = div(cost, total)?;
    let back = mul(quotient, total)?;
    let last_place = Decimal::new(1, quotient.scale());
    Ok(match side {
        PositionSide::Long if back < cost => add(quotient, last_place)?,
        PositionSide::Short if back > cost => sub(quotient, last_place)?,
        _ => quotient,
    })
}

/// The account with `order` filled at its limit price (see the module's reading).
pub fn filled(account: &Account, order: &OrderModel) -> Result<Account, Error> {
    let fail = |_: Overflow| Error::too_large("check", Figure::AccountAfterFill);
    let mut after = account.clone();
    after.check = None;
    match *order {
        OrderModel::Spot {
            side,
            base,
            quote,
            size,
            price,
        } => {
            let (d_base, d_quote) = spot_fill(side, size, price).map_err(fail)?;
            let coins = &mut after.coins;
            coins[base].balance = add(coins[base].balance, d_base).map_err(fail)?;
            coins[quote].balance = add(coins[quote].balance, d_quote).map_err(fail)?;
        }
        OrderModel::Futures {
            side,
            contract,
            size,
            price,
        } => {
            let side = book_side(side);
            let size = match after.settings.position_mode {
                PositionMode::Hedge => size,
                PositionMode::OneWay => {
                    close_other_side(&mut after, contract, side, size, price).map_err(fail)?
                }
            };
            if size > Decimal::ZERO {
                open_side(&mut after, contract, side, size, price).map_err(fail)?;
            }
        }
    }
    Ok(after)
}

/// `size` of `contract` opened on `side` at `price`: joining the position held on that side
/// at the size-weighted entry, or a new position.
fn open_side(
    account: &mut Account,
    contract: usize,
    side: PositionSide,
    size: Decimal,
    price: Decimal,
) -> Result<(), Overflow> {
    let held = (account.positions.iter_mut()).find(|p| p.contract == contract && p.side == side);
    match held {
        Some(p) => {
            p.entry_price = weighted_entry(side, p.size, p.entry_price, size, price)?;
            p.size = add(p.size, size)?;
        }
        None => account.positions.push(PositionModel {
            contract,
            side,
            size,
            entry_price: price,
        }),
    }
    Ok(())
}

/// One-way mode: an order of `size` on `side` closes, at `price`, what the account holds of
/// `contract` on the other side (its positions in order), realizing each closed part's PnL
/// into the settle coin's balance; positions closed in full go. What is left of the order.
fn close_other_side(
    account: &mut Account,
    contract: usize,
    side: PositionSide,
    size: Decimal,
    price: Decimal,
) -> Result<Decimal, Overflow> {
    let settle = account.contracts[contract].settle;
    let mut left = size;
    let mut realized = Decimal::ZERO;
    for p in (account.positions.iter_mut()).filter(|p| p.contract == contract && p.side != side) {
        if left.is_zero() {
            break;
        }
        let closed = left.min(p.size);
        realized = add(
            realized,
            unrealized_pnl(p.side, price, p.entry_price, closed)?,
        )?;
        p.size = sub(p.size, closed)?;
        left = sub(left, closed)?;
    }
    account.positions.retain(|p| !p.size.is_zero());
    let balance = &mut account.coins[settle].balance;
    *balance = add(*balance, realized)?;
    Ok(left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{evaluate, Evaluation};
    use crate::scenario::OrderSide;
    use crate::whatif::liquidation_prices;
    use rust_decimal_macros::dec;

    const FUTURES: &str = include_str!("../../../tests/fixtures/presets/futures-account.json");
    const SEED_3: &str = include_str!("../../../tests/fixtures/seeds/seed-3-buy-dot.json");

    fn account(json: &str) -> Account {
        Account::from_scenario(&crate::parse_scenario(json).unwrap()).unwrap()
    }

    fn futures_order(side: OrderSide, size: Decimal, price: Decimal) -> OrderModel {
        OrderModel::Futures {
            side,
            contract: 0,
            size,
            price,
        }
    }

    #[test]
    fn a_buy_joins_the_long_at_the_size_weighted_entry() {
        // the demo holds long 0.5 at 61,000 and short 0.2 at 62,500 on BTCUSDT
        let before = account(FUTURES);
        let after = filled(
            &before,
            &futures_order(OrderSide::Buy, dec!(0.5), dec!(64000)),
        )
        .unwrap();
        // (0.5 × 61,000 + 0.5 × 64,000) ÷ 1 = 62,500
        assert_eq!(after.positions.len(), 2);
        assert_eq!(after.positions[0].side, PositionSide::Long);
        assert_eq!(after.positions[0].size, dec!(1.0));
        assert_eq!(after.positions[0].entry_price, dec!(62500));
        assert_eq!(
            after.positions[1], before.positions[1],
            "the short is untouched"
        );
        assert_eq!(after.check, None);
        assert_eq!(
            after.orders, before.orders,
            "the pending orders stay pending"
        );
        // PnL at the mark of 64,000: long 1 × (64,000 − 62,500) = 1,500 and short
        // −0.2 × (64,000 − 62,500) = −300: 1,200, what the two longs apart give
        // (0.5 × 3,000 + 0.5 × 0 − 300)
        let report = evaluate(&after).unwrap();
        let pnl: Decimal = report.positions.iter().map(|p| p.unrealized_pnl).sum();
        assert_eq!(pnl, dec!(1200));
    }

    #[test]
    fn an_order_on_a_side_not_held_opens_a_position() {
        let mut before = account(FUTURES);
        before.positions.truncate(1); // only the long
        let after = filled(
            &before,
            &futures_order(OrderSide::Sell, dec!(0.3), dec!(65000)),
        )
        .unwrap();
        assert_eq!(
            after.positions[1],
            PositionModel {
                contract: 0,
                side: PositionSide::Short,
                size: dec!(0.3),
                entry_price: dec!(65000),
            }
        );
        assert_eq!(after.positions[0], before.positions[0]);
    }

    /// The demo futures account in one-way mode, holding only its long 0.5 BTCUSDT at 61,000
    /// (mark 64,000; USDT, coin 2, the settle coin, at a balance of −8,000).
    fn one_way_long() -> Account {
        let mut account = account(FUTURES);
        account.positions.truncate(1);
        account.settings.position_mode = PositionMode::OneWay;
        account
    }

    #[test]
    fn in_one_way_mode_an_opposite_order_closes_first_and_realizes_its_pnl() {
        let before = one_way_long();
        // sell 0.3 at 65,000: 0.3 of the long closes, realizing (65,000 − 61,000) × 0.3
        // = 1,200 USDT; the long keeps 0.2 at its entry, and no short opens
        let after = filled(
            &before,
            &futures_order(OrderSide::Sell, dec!(0.3), dec!(65000)),
        )
        .unwrap();
        assert_eq!(
            after.positions,
            [PositionModel {
                contract: 0,
                side: PositionSide::Long,
                size: dec!(0.2),
                entry_price: dec!(61000),
            }]
        );
        assert_eq!(after.coins[2].balance, dec!(-6800)); // −8,000 + 1,200
                                                         // USDT equity at the mark: before −8,000 + 0.5 × 3,000 = −6,500; after
                                                         // −6,800 + 0.2 × 3,000 = −6,200: 300 more, the 0.3 sold 1,000 above the mark
        let equity = |a: &Account| evaluate(a).unwrap().coins[2].equity;
        assert_eq!(equity(&before), dec!(-6500));
        assert_eq!(equity(&after), dec!(-6200));
    }

    #[test]
    fn in_one_way_mode_an_order_larger_than_the_position_turns_it_around() {
        // sell 0.8 at 65,000: the long 0.5 closes (realizing 0.5 × 4,000 = 2,000 USDT) and the
        // other 0.3 opens a short at 65,000
        let after = filled(
            &one_way_long(),
            &futures_order(OrderSide::Sell, dec!(0.8), dec!(65000)),
        )
        .unwrap();
        assert_eq!(
            after.positions,
            [PositionModel {
                contract: 0,
                side: PositionSide::Short,
                size: dec!(0.3),
                entry_price: dec!(65000),
            }]
        );
        assert_eq!(after.coins[2].balance, dec!(-6000));
        // and back: buy 0.1 at 60,000 closes 0.1 of that short, realizing
        // −(60,000 − 65,000) × 0.1 = 500 USDT
        let again = filled(
            &after,
            &futures_order(OrderSide::Buy, dec!(0.1), dec!(60000)),
        )
        .unwrap();
        assert_eq!(again.positions[0].size, dec!(0.2));
        assert_eq!(again.positions[0].side, PositionSide::Short);
        assert_eq!(again.coins[2].balance, dec!(-5500));
        // an order of exactly the position's size leaves none
        let flat = filled(
            &one_way_long(),
            &futures_order(OrderSide::Sell, dec!(0.5), dec!(61000)),
        )
        .unwrap();
        assert_eq!(flat.positions, []);
        assert_eq!(flat.coins[2].balance, dec!(-8000)); // closed at its entry: no PnL
    }

    #[test]
    fn in_one_way_mode_an_order_on_the_held_side_joins_it_as_in_hedge_mode() {
        // buy 0.5 at 64,000: (0.5 × 61,000 + 0.5 × 64,000) ÷ 1 = 62,500, nothing realized
        let after = filled(
            &one_way_long(),
            &futures_order(OrderSide::Buy, dec!(0.5), dec!(64000)),
        )
        .unwrap();
        assert_eq!(after.positions.len(), 1);
        assert_eq!(after.positions[0].size, dec!(1.0));
        assert_eq!(after.positions[0].entry_price, dec!(62500));
        assert_eq!(after.coins[2].balance, dec!(-8000));
    }

    #[test]
    fn an_entry_that_does_not_end_is_rounded_against_the_holder() {
        // (1 × 1 + 2 × 2) ÷ 3 = 5/3 = 1.666…: a long's entry up, a short's down
        let long = weighted_entry(PositionSide::Long, dec!(1), dec!(1), dec!(2), dec!(2)).unwrap();
        let short =
            weighted_entry(PositionSide::Short, dec!(1), dec!(1), dec!(2), dec!(2)).unwrap();
        assert!(long * dec!(3) >= dec!(5), "{long}");
        assert!(short * dec!(3) <= dec!(5), "{short}");
        assert!(
            long - short <= dec!(0.0000000000000000000000001),
            "{long} {short}"
        );
        assert!(long.to_string().starts_with("1.6666666"));
        // an exact quotient is kept as it is
        assert_eq!(
            weighted_entry(PositionSide::Short, dec!(1), dec!(100), dec!(1), dec!(200)),
            Ok(dec!(150))
        );
    }

    #[test]
    fn a_spot_fill_moves_the_two_balances() {
        // seed 3: BTC 1, USDT 100, DOT 20; buy 20 DOT at 5 USDT → DOT 40, USDT 0
        let before = account(SEED_3);
        let order = before.check.unwrap().order;
        let after = filled(&before, &order).unwrap();
        let balance =
            |a: &Account, coin: &str| a.coins.iter().find(|c| c.name == coin).unwrap().balance;
        assert_eq!(balance(&after, "DOT"), dec!(40));
        assert_eq!(balance(&after, "USDT"), dec!(0));
        assert_eq!(balance(&after, "BTC"), dec!(1));
        // filled, the order takes no spot trading loss: adjusted equity is the contributions,
        // 50,000 + 0 + 40 × 5 × 0.5 = 50,100 (what the check said: 50,150 − 50)
        assert_eq!(
            evaluate(&after).unwrap().account.adjusted_equity,
            dec!(50100)
        );
        // a sell of 150 DOT at 5 pays 750 USDT in and leaves DOT at −130 (a loan)
        let sell = OrderModel::Spot {
            side: OrderSide::Sell,
            base: 2,
            quote: 1,
            size: dec!(150),
            price: dec!(5),
        };
        let after = filled(&before, &sell).unwrap();
        assert_eq!(balance(&after, "DOT"), dec!(-130));
        assert_eq!(balance(&after, "USDT"), dec!(850));
    }

    #[test]
    fn a_fill_beyond_exact_arithmetic_is_an_error_at_the_check() {
        // a spot buy of the largest decimal at 2: its cost, MAX × 2, is beyond 7.9e28
        let before = account(SEED_3);
        let huge = OrderModel::Spot {
            side: OrderSide::Buy,
            base: 2,
            quote: 1,
            size: Decimal::MAX,
            price: dec!(2),
        };
        let error = filled(&before, &huge).unwrap_err();
        assert_eq!(error.path(), "check");
        assert_eq!(
            *error.kind(),
            crate::ErrorKind::TooLarge {
                what: Figure::AccountAfterFill
            }
        );
    }

    #[test]
    fn the_demo_buy_of_half_a_btc_at_20x_is_liquidated_near_15677() {
        // The demo futures account, buying 0.5 BTCUSDT at 64,000 (20×, taker 0.06 %), filled.
        // At a BTC price P (the mark follows: mark = P, settled in USDT at 1):
        // - positions: long 1 at 62,500 (the merged 0.5 at 61,000 and 0.5 at 64,000) and
        //   short 0.2 at 62,500: PnL = 0.8 × (P − 62,500) = 0.8P − 50,000 USDT;
        // - USDT equity −8,000 + 0.8P − 50,000 = 0.8P − 58,000 (a debt at these prices),
        //   counted in full; BTC 1.2 × P × 0.98 = 1.176P; ETH 10 × 3,200 × 0.95 = 30,400:
        //   Σ f = 1.976P − 27,600;
        // - the pending spot buy of 0.05 BTC at 62,000: BTC 1.25, USDT 3,100 more owed;
        //   its loss is −Δ Σ f = 3,100 − 0.05 × 0.98 × P = 3,100 − 0.049P, its fee
        //   3,100 × 0.001 = 3.1: AE = 1.976P − 27,600 − 3,100 + 0.049P − 3.1
        //   = 2.025P − 30,703.1;
        // - maintenance: the USDT loan (58,000 − 0.8P) × 0.02 = 1,160 − 0.016P, plus the
        //   spot order's 3,100 × 0.02 = 62 (the same tier); the contract's larger side,
        //   long 1 (notional P, under 200,000: MMR 0.4 %) against short 0.2 + 0.1 open:
        //   1 × (0.004 + 0.0006) × P = 0.0046P. MM = 1,222 − 0.0114P; no liquidation fee.
        // Liquidation where MM = AE: 1,222 − 0.0114P = 2.025P − 30,703.1, so
        // P = 31,925.1 ÷ 2.0364 = 15,677.2245…; warning where MM = 0.8 AE:
        // 1,222 − 0.0114P = 1.62P − 24,562.48, P = 25,784.48 ÷ 1.6314 = 15,805.1244…
        let before = account(FUTURES);
        let after = filled(
            &before,
            &futures_order(OrderSide::Buy, dec!(0.5), dec!(64000)),
        )
        .unwrap();
        let evaluation = Evaluation::new(&after).unwrap();
        let prices = liquidation_prices(&evaluation, 0).unwrap();
        let near = |found: Option<Decimal>, exact: Decimal| {
            let found = found.unwrap();
            assert!(
                (found - exact).abs() < dec!(0.0001),
                "{found} against {exact}"
            );
        };
        near(prices.liquidation.below, dec!(31925.1) / dec!(2.0364));
        near(prices.warning.below, dec!(25784.48) / dec!(1.6314));
        assert_eq!(
            prices.liquidation.below.unwrap().round_dp(2),
            dec!(15677.22)
        );
        assert_eq!(prices.liquidation.above, None);
    }
}
