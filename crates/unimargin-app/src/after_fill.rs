//! What the order check tells a trader beyond "accepted": the leverage the order uses, where
//! its fee goes, and the account once it fills: the figures and the liquidation and warning
//! prices of the whole cross account with the order as a position at its limit price.
//!
//! The engine does the work: [`unimargin::fill::filled`] makes the account after the fill,
//! [`Evaluation`] its figures, [`liquidation_prices`] its prices.

use unimargin::evaluate::Evaluation;
use unimargin::model::{Account, OrderModel};
use unimargin::report::{AccountReport, Report};
use unimargin::rules::pending::pending_fee;
use unimargin::whatif::{liquidation_prices, LiquidationPrices};
use unimargin::{Decimal, Error};

/// The order's terms the check card shows beside its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderTerms {
    /// A futures order's contract (its index) and the leverage set for it.
    pub leverage: Option<(usize, Decimal)>,
    /// A futures order's taker fee in USD, which its initial margin holds: the taker term
    /// of `IM_open = size × price × (1/leverage + taker) × p(settle)` (RULES §5), the same
    /// product a spot order's pending fee is (`pending_fee`).
    pub fee_in_margin: Option<Decimal>,
}

/// The leverage and fee of the order to check, if there is one.
pub fn order_terms(account: &Account, report: &Report) -> Option<OrderTerms> {
    let check = account.check.as_ref()?;
    Some(match check.order {
        OrderModel::Spot { .. } => OrderTerms {
            leverage: None,
            fee_in_margin: None,
        },
        OrderModel::Futures {
            contract,
            size,
            price,
            ..
        } => {
            let c = &account.contracts[contract];
            let settle_usd = report.coins.get(c.settle).map(|s| s.usd_price)?;
            OrderTerms {
                leverage: Some((contract, c.leverage)),
                fee_in_margin: pending_fee(size, price, settle_usd, c.taker_fee).ok(),
            }
        }
    })
}

/// The account once the order to check has filled (worked out by the engine's worker:
/// [`crate::wire`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AfterFill {
    #[serde(with = "crate::wire::AccountReportDef")]
    pub account: AccountReport,
    /// The liquidation and warning prices of the coin the order trades (a contract's base,
    /// a spot order's bought or sold coin), when that coin is in the account.
    #[serde(with = "crate::wire::prices_option")]
    pub prices: Option<LiquidationPrices>,
}

/// The account after the order to check fills at its limit price (`None`: there is no
/// order to check).
pub fn after_fill(account: &Account) -> Option<Result<AfterFill, Error>> {
    let order = account.check.as_ref()?.order;
    Some((|| {
        let filled = unimargin::fill::filled(account, &order)?;
        let evaluation = Evaluation::new(&filled)?;
        let coin = match order {
            OrderModel::Spot { base, .. } => Some(base),
            OrderModel::Futures { contract, .. } => filled.contracts[contract].base_coin,
        };
        let prices = coin
            .map(|x| liquidation_prices(&evaluation, x))
            .transpose()?;
        Ok(AfterFill {
            account: evaluation.report().account.clone(),
            prices,
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use unimargin::evaluate::evaluate;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn account(json: &str) -> Account {
        Account::from_scenario(&unimargin::parse_scenario(json).unwrap()).unwrap()
    }

    /// The demo account with its check set to buying 0.5 BTCUSDT at 64,000.
    fn demo_buy() -> Account {
        let json = include_str!("../../../tests/fixtures/presets/futures-account.json").replace(
            r#""size": "0.3", "price": "63500""#,
            r#""size": "0.5", "price": "64000""#,
        );
        account(&json)
    }

    #[test]
    fn a_futures_order_shows_its_leverage_and_the_fee_its_margin_holds() {
        let acc = demo_buy();
        let report = evaluate(&acc).unwrap();
        let terms = order_terms(&acc, &report).unwrap();
        assert_eq!(terms.leverage, Some((0, d("20"))));
        // 0.5 × 64,000 × 0.06 % × 1 USD = 19.20 USD, inside the order's initial margin
        assert_eq!(terms.fee_in_margin, Some(d("19.2")));
        // which is 0.5 × 64,000 × (1/20 + 0.0006) = 1,619.20 (the long side binds)
        assert_eq!(report.check.unwrap().initial_margin_added, d("1619.2"));
    }

    #[test]
    fn after_the_fill_the_whole_account_liquidates_near_15677() {
        // worked out by hand in unimargin::fill's tests: P = 31,925.1 ÷ 2.0364
        let after = after_fill(&demo_buy()).unwrap().unwrap();
        let prices = after.prices.unwrap();
        assert_eq!(prices.coin, "BTC");
        assert_eq!(prices.liquidation.below.unwrap().round_dp(2), d("15677.22"));
        assert_eq!(prices.warning.below.unwrap().round_dp(2), d("15805.12"));
        // the figures after: the long is 1 BTC at 62,500, so PnL at 64,000 is
        // 1,500 − 300 (the short) = 1,200 USDT more than before the fill (0.5 × 3,000 − 300)
        let before = evaluate(&demo_buy()).unwrap().account;
        assert_eq!(
            after.account.account_equity - before.account_equity,
            Decimal::ZERO,
            "a fill at the mark adds no PnL"
        );
        // margin: the long side's IM grows by the 1,619.20 the check reserved
        assert_eq!(
            after.account.margin_reserved - before.margin_reserved,
            d("1619.2")
        );
    }

    #[test]
    fn a_spot_order_has_no_leverage_and_its_coin_is_the_one_bought() {
        let acc = account(include_str!(
            "../../../tests/fixtures/seeds/seed-3-buy-dot.json"
        ));
        let report = evaluate(&acc).unwrap();
        assert_eq!(
            order_terms(&acc, &report),
            Some(OrderTerms {
                leverage: None,
                fee_in_margin: None
            })
        );
        let after = after_fill(&acc).unwrap().unwrap();
        // 40 DOT at 5 × 50 % + 0 USDT + 1 BTC at 50,000: 50,100, the check's figure
        assert_eq!(after.account.adjusted_equity, d("50100"));
        assert_eq!(after.prices.unwrap().coin, "DOT");
        assert!(after_fill(&account(include_str!(
            "../../../tests/fixtures/seeds/seed-1-btc-dot-collateral.json"
        )))
        .is_none());
    }
}
