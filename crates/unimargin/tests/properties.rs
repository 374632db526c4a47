//! Properties that must hold for every account, checked on generated ones. Failing cases are
//! kept by proptest under `proptest-regressions/` and committed, so they are re-run first.
// tests work figures out with plain operators: an overflow here fails the test
#![allow(clippy::arithmetic_side_effects)]
// Amounts at scale 2 group their cents apart: `5_000_000_00` is 5,000,000.00.
#![allow(clippy::inconsistent_digit_grouping)]

use proptest::prelude::*;
use unimargin::rules::discount::discounted_value;
use unimargin::scenario::{
    Coin, Contract, DiscountTier, LoanTier, MaintenanceTier, Market, Order, OrderSide, Position,
    PositionSide, Scenario, Settings, SCENARIO_FORMAT,
};
use unimargin::{evaluate_scenario, parse_scenario, Decimal, Report};

/// A decimal `n × 10^-scale` for `n` in `range`.
fn decimal(range: std::ops::Range<i64>, scale: u32) -> impl Strategy<Value = Decimal> {
    range.prop_map(move |n| Decimal::new(n, scale))
}

fn tiers_strategy() -> impl Strategy<Value = Vec<DiscountTier>> {
    // 1–4 tiers with ascending bounds and any rates in [0, 1]
    prop::collection::vec((decimal(1..1_000_000, 0), decimal(0..101, 2)), 1..=4).prop_map(|raw| {
        let mut bound = Decimal::ZERO;
        let count = raw.len();
        raw.into_iter()
            .enumerate()
            .map(|(i, (width, rate))| {
                bound += width;
                DiscountTier {
                    up_to_usd: (i + 1 < count).then_some(bound),
                    up_to: None,
                    rate: rate.min(Decimal::ONE),
                }
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn discount_is_continuous_non_decreasing_and_never_above_the_value(
        tiers in tiers_strategy(),
        value in decimal(0..5_000_000_00, 2),
        epsilon in decimal(1..1_000_00, 2),
    ) {
        let at = discounted_value(&tiers, value, Decimal::ONE).unwrap();
        let above = discounted_value(&tiers, value + epsilon, Decimal::ONE).unwrap();
        // rates are at most 1, so the discount rises by at most what the value rises by
        prop_assert!(above >= at);
        prop_assert!(above - at <= epsilon);
        prop_assert!(at <= value);
        prop_assert_eq!(discounted_value(&tiers, Decimal::ZERO, Decimal::ONE).unwrap(), Decimal::ZERO);
    }
}

fn usdt() -> Coin {
    Coin {
        coin: "USDT".into(),
        balance: Decimal::ZERO,
        price: None,
        quote: None,
        discount_tiers: Some(vec![DiscountTier {
            up_to_usd: None,
            up_to: None,
            rate: Decimal::ONE,
        }]),
        loan_tiers: Some(vec![
            LoanTier {
                up_to: Some(Decimal::new(10_000, 0)),
                leverage: Decimal::new(10, 0),
                mmr: Decimal::new(2, 2),
            },
            LoanTier {
                up_to: None,
                leverage: Decimal::new(5, 0),
                mmr: Decimal::new(5, 2),
            },
        ]),
        hourly_interest: None,
        interest_free: None,
    }
}

/// Realistic tiers: discount rates fall and loan leverage falls as amounts grow.
fn coin(
    name: &str,
    balance: Decimal,
    price: Decimal,
    quote: &str,
    rates: (Decimal, Decimal),
) -> Coin {
    let (high, low) = if rates.0 >= rates.1 {
        rates
    } else {
        (rates.1, rates.0)
    };
    Coin {
        coin: name.into(),
        balance,
        price: Some(price),
        quote: Some(quote.into()),
        discount_tiers: Some(vec![
            DiscountTier {
                up_to_usd: Some(Decimal::new(100_000, 0)),
                up_to: None,
                rate: high,
            },
            DiscountTier {
                up_to_usd: None,
                up_to: None,
                rate: low,
            },
        ]),
        loan_tiers: Some(vec![
            LoanTier {
                up_to: Some(Decimal::new(50, 0)),
                leverage: Decimal::new(10, 0),
                mmr: Decimal::new(5, 2),
            },
            LoanTier {
                up_to: None,
                leverage: Decimal::new(4, 0),
                mmr: Decimal::new(1, 1),
            },
        ]),
        hourly_interest: Some(Decimal::new(1, 5)),
        interest_free: Some(Decimal::new(100, 0)),
    }
}

fn order_strategy() -> impl Strategy<Value = Order> {
    let side = prop_oneof![Just(OrderSide::Buy), Just(OrderSide::Sell)];
    let spot = (
        side.clone(),
        prop_oneof![
            Just(("BTC", "USDT")),
            Just(("DOT", "USDT")),
            Just(("DOT", "BTC"))
        ],
        decimal(1..500_000, 4),
        decimal(90..110, 2),
    )
        .prop_map(|(side, (base, quote), size, factor)| {
            let price = match (base, quote) {
                ("BTC", _) => Decimal::new(50_000, 0) * factor,
                (_, "USDT") => Decimal::new(5, 0) * factor,
                _ => Decimal::new(1, 4) * factor,
            };
            let size = if base == "BTC" {
                size / Decimal::new(100, 0)
            } else {
                size
            };
            Order {
                market: Market::Spot,
                symbol: None,
                side,
                base: Some(base.into()),
                quote: Some(quote.into()),
                size,
                price,
                size_step: None,
            }
        });
    let futures =
        (side, decimal(1..50_000, 4), decimal(90..110, 2)).prop_map(|(side, size, factor)| Order {
            market: Market::Futures,
            symbol: Some("BTCUSDT".into()),
            side,
            base: None,
            quote: None,
            size,
            price: Decimal::new(50_000, 0) * factor,
            size_step: None,
        });
    prop_oneof![spot, futures]
}

fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    let positions = prop::collection::vec(
        (
            any::<bool>(),
            decimal(1..30_000, 4),
            decimal(40_000..60_000, 0),
        ),
        0..4,
    );
    (
        (
            decimal(-20_000_00..200_000_00, 2),
            decimal(0..500, 2),
            decimal(20_000..100_000, 0),
        ),
        (
            decimal(-200_00..2_000_00, 2),
            decimal(1_00..10_00, 2),
            (decimal(0..101, 2), decimal(0..101, 2)),
        ),
        (decimal(1..100, 0), decimal(0..10, 4), decimal(0..3, 3)),
        positions,
        prop::collection::vec(order_strategy(), 0..4),
        order_strategy(),
    )
        .prop_map(|(btc_and_usdt, dot, fees, positions, orders, check)| {
            let (usdt_balance, btc_balance, btc_price) = btc_and_usdt;
            let (dot_balance, dot_price, dot_rates) = dot;
            let (leverage, taker, spot_fee) = fees;
            let mut usdt = usdt();
            usdt.balance = usdt_balance;
            let btc = coin(
                "BTC",
                btc_balance,
                btc_price,
                "USD",
                (Decimal::new(98, 2), Decimal::new(97, 2)),
            );
            let dot = coin("DOT", dot_balance, dot_price, "USDT", dot_rates);
            Scenario {
                format: SCENARIO_FORMAT.into(),
                settings: Settings {
                    spot_taker_fee: Some(spot_fee),
                    ..Settings::default()
                },
                coins: vec![usdt, btc, dot],
                contracts: vec![Contract {
                    symbol: "BTCUSDT".into(),
                    base: Some("BTC".into()),
                    settle: Some("USDT".into()),
                    mark_price: btc_price,
                    leverage,
                    taker_fee: Some(taker),
                    liquidation_fee: Some(Decimal::new(2, 4)),
                    mm_tiers: Some(vec![
                        MaintenanceTier {
                            up_to_usd: Some(Decimal::new(200_000, 0)),
                            mmr: Decimal::new(4, 3),
                        },
                        MaintenanceTier {
                            up_to_usd: Some(Decimal::new(1_000_000, 0)),
                            mmr: Decimal::new(5, 3),
                        },
                        MaintenanceTier {
                            up_to_usd: None,
                            mmr: Decimal::new(7, 3),
                        },
                    ]),
                }],
                positions: positions
                    .into_iter()
                    .map(|(long, size, entry)| Position {
                        symbol: "BTCUSDT".into(),
                        side: if long {
                            PositionSide::Long
                        } else {
                            PositionSide::Short
                        },
                        size,
                        entry_price: entry,
                    })
                    .collect(),
                orders,
                check: Some(Order {
                    size_step: Some(Decimal::new(1, 4)),
                    ..check
                }),
                market: None,
            }
        })
}

fn evaluate(scenario: &Scenario) -> Report {
    evaluate_scenario(scenario).unwrap_or_else(|e| panic!("{e}"))
}

fn accepted_at(scenario: &Scenario, size: Decimal) -> bool {
    let mut s = scenario.clone();
    s.check.as_mut().unwrap().size = size;
    evaluate(&s).check.unwrap().accepted
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn adjusted_equity_is_never_above_account_equity(scenario in scenario_strategy()) {
        let account = evaluate(&scenario).account;
        prop_assert!(account.adjusted_equity <= account.account_equity);
    }

    #[test]
    fn a_pending_order_never_makes_the_account_look_safer(
        scenario in scenario_strategy(),
        extra in order_strategy(),
    ) {
        let before = evaluate(&scenario).account;
        let mut with_order = scenario.clone();
        with_order.orders.push(extra);
        let after = evaluate(&with_order).account;
        prop_assert!(after.adjusted_equity <= before.adjusted_equity);
        prop_assert!(after.margin_reserved >= before.margin_reserved);
        prop_assert!(after.maintenance_margin >= before.maintenance_margin);
    }

    #[test]
    fn acceptance_is_monotone_in_size(
        scenario in scenario_strategy(),
        a in decimal(1..2_000_000, 4),
        b in decimal(1..2_000_000, 4),
    ) {
        let (small, large) = (a.min(b), a.max(b));
        if accepted_at(&scenario, large) {
            prop_assert!(accepted_at(&scenario, small), "{large} passes but {small} does not");
        }
    }

    #[test]
    fn the_largest_size_passes_and_one_step_more_does_not(scenario in scenario_strategy()) {
        let check = evaluate(&scenario).check.unwrap();
        let step = check.size_step;
        if check.max_size > Decimal::ZERO {
            prop_assert!(accepted_at(&scenario, check.max_size), "max {} fails", check.max_size);
        }
        prop_assert!(!accepted_at(&scenario, check.max_size + step), "max {} + step passes", check.max_size);
    }

    #[test]
    fn scenario_json_round_trips_unchanged(scenario in scenario_strategy()) {
        let json = serde_json::to_string(&scenario).unwrap();
        let parsed = parse_scenario(&json).unwrap();
        prop_assert_eq!(&parsed, &scenario);
        prop_assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
    }
}
