//! Builders for the unit tests of the rules.

use crate::model::{CoinModel, ContractModel, Quote, ResolvedSettings};
use rust_decimal::Decimal;

pub(crate) fn settings() -> ResolvedSettings {
    ResolvedSettings {
        usdt_usd: Decimal::ONE,
        usdc_usd: Decimal::ONE,
        spot_taker_fee: Decimal::ZERO,
        warning_rate: Decimal::new(8, 1),
        liquidation_rate: Decimal::ONE,
        position_mode: crate::scenario::PositionMode::Hedge,
    }
}

pub(crate) fn coin(name: &str, balance: Decimal, price: Decimal, quote: Quote) -> CoinModel {
    CoinModel {
        name: name.into(),
        balance,
        price,
        quote,
        stablecoin: None,
        discount_tiers: Vec::new(),
        loan_tiers: Vec::new(),
        hourly_interest: Decimal::ZERO,
        interest_free: Decimal::ZERO,
    }
}

pub(crate) fn contract(mark: Decimal, leverage: Decimal, taker: Decimal) -> ContractModel {
    ContractModel {
        symbol: "BTCUSDT".into(),
        base: "BTC".into(),
        base_coin: None,
        settle: 0,
        mark_price: mark,
        leverage,
        initial_rate: crate::model::exact_initial_rate(leverage, taker),
        taker_fee: taker,
        liquidation_fee: Decimal::ZERO,
        mm_tiers: vec![crate::scenario::MaintenanceTier {
            up_to_usd: None,
            mmr: Decimal::new(4, 3),
        }],
    }
}
