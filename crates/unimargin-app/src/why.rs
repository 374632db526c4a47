//! "Why is adjusted equity lower than equity?", answered with the account's own numbers,
//! coin by coin: "Adjusted equity is 640.00 USD lower than equity: your 0.5 BTC
//! (32,000.00 USD) counts at 98 % (−640.00 USD)."
//!
//! Every figure is the engine's (the report's per-coin `usd_equity`, `haircut` and
//! discount slices; the pending orders' spot losses and fees): the gap is their sum, as
//! `AE = Σ f(c) − losses − fees` and `equity = Σ usd_equity` make it. No rule is worked
//! out here.

use crate::show;
use unimargin::report::Report;
use unimargin::text::{group_thousands, percent};
use unimargin::Decimal;

/// One thing that takes adjusted equity below equity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A coin counted at less than its full value.
    Discount {
        coin: String,
        /// In the coin's units.
        amount: Decimal,
        value_usd: Decimal,
        /// What the discount takes off (the haircut).
        haircut: Decimal,
        /// The rates its value is counted at, with the USD bound of each (`None`: above).
        rates: Vec<(Decimal, Option<Decimal>)>,
    },
    /// Pending spot orders, read as filled, take this off the coins' contributions.
    SpotLosses(Decimal),
    /// Pending spot orders' fees.
    PendingFees(Decimal),
}

/// The answer: the gap between equity and adjusted equity, and what makes it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub equity: Decimal,
    pub adjusted_equity: Decimal,
    pub causes: Vec<Cause>,
}

impl Why {
    /// The gap, `equity − adjusted equity` (never negative: rates are at most 100 %).
    pub fn gap(&self) -> Decimal {
        self.equity - self.adjusted_equity
    }
}

/// What makes adjusted equity lower than equity in this report.
pub fn why(report: &Report) -> Why {
    let mut causes: Vec<Cause> = report
        .coins
        .iter()
        .filter(|c| c.haircut > Decimal::ZERO)
        .map(|c| Cause::Discount {
            coin: c.coin.clone(),
            amount: c.equity,
            value_usd: c.usd_equity,
            haircut: c.haircut,
            rates: c
                .discount_slices
                .iter()
                .map(|s| (s.rate, s.to_usd))
                .collect(),
        })
        .collect();
    let a = &report.account;
    if a.spot_trading_losses > Decimal::ZERO {
        causes.push(Cause::SpotLosses(a.spot_trading_losses));
    }
    if a.pending_fees > Decimal::ZERO {
        causes.push(Cause::PendingFees(a.pending_fees));
    }
    Why {
        equity: a.account_equity,
        adjusted_equity: a.adjusted_equity,
        causes,
    }
}

/// "98 %", or "98 % up to 1,000,000.00 USD and 97 % above".
fn rates_text(rates: &[(Decimal, Option<Decimal>)]) -> String {
    match rates {
        [] => "nothing (it has no discount tiers)".into(),
        [(rate, _)] => percent(*rate),
        _ => {
            let parts: Vec<String> = rates
                .iter()
                .map(|(rate, to)| match to {
                    Some(to) => format!("{} up to {}", percent(*rate), show::usd_text(*to)),
                    None => format!("{} above", percent(*rate)),
                })
                .collect();
            let (last, first) = parts.split_last().expect("two or more");
            format!("{} and {last}", first.join(", "))
        }
    }
}

fn cause_text(cause: &Cause) -> String {
    match cause {
        Cause::Discount {
            coin,
            amount,
            value_usd,
            haircut,
            rates,
        } => format!(
            "your {} {coin} ({}) counts at {} (−{})",
            group_thousands(amount.normalize()),
            show::usd_text(*value_usd),
            rates_text(rates),
            show::usd_text(*haircut)
        ),
        Cause::SpotLosses(loss) => format!(
            "your pending spot orders, read as filled, take {} off what the coins count for",
            show::usd_text(*loss)
        ),
        Cause::PendingFees(fees) => {
            format!("their fees take {}", show::usd_text(*fees))
        }
    }
}

/// The answer in one sentence.
pub fn sentence(why: &Why) -> String {
    if why.causes.is_empty() {
        return "Adjusted equity equals equity: every coin with a balance counts in full (a loan always does), and no pending order takes anything off.".into();
    }
    let parts: Vec<String> = why.causes.iter().map(cause_text).collect();
    format!(
        "Adjusted equity is {} lower than equity: {}.",
        show::usd_text(why.gap()),
        parts.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(json: &str) -> Report {
        unimargin::evaluate_json(json).unwrap()
    }

    #[test]
    fn half_a_btc_at_98_percent_is_640_usd_lower() {
        // 0.5 BTC at 64,000 = 32,000 USD at 98 % = 31,360 (640 less); 2,000 USDT at 100 %:
        // adjusted equity 33,360 against equity 34,000
        let r = report(
            r#"{"format":"unimargin/scenario@1","coins":[
              {"coin":"BTC","balance":"0.5","price":"64000","discount_tiers":[{"rate":"0.98"}]},
              {"coin":"USDT","balance":"2000","discount_tiers":[{"rate":"1"}]}]}"#,
        );
        let w = why(&r);
        assert_eq!(w.gap(), Decimal::from(640));
        assert_eq!(w.adjusted_equity, Decimal::from(33360));
        assert_eq!(
            sentence(&w),
            "Adjusted equity is 640.00 USD lower than equity: your 0.5 BTC (32,000.00 USD) counts at 98 % (−640.00 USD)."
        );
    }

    #[test]
    fn every_coin_tier_and_pending_order_is_named() {
        // seed 2: 40 BTC at 50,000 = 2,000,000 USD: 98 % up to 1,000,000, 97 % above:
        // 20,000 + 30,000 = 50,000 off
        let seed2 = report(include_str!(
            "../../../tests/fixtures/seeds/seed-2-btc-two-tiers.json"
        ));
        assert_eq!(
            sentence(&why(&seed2)),
            "Adjusted equity is 50,000.00 USD lower than equity: your 40 BTC (2,000,000.00 USD) counts at 98 % up to 1,000,000.00 USD and 97 % above (−50,000.00 USD)."
        );
        // seed 3 with its check made a pending order: 20 DOT at 5 = 100 USD at 50 % (50 off),
        // and the pending buy of 20 DOT paid with 100 USDT loses 50 more
        let mut scenario = unimargin::parse_scenario(include_str!(
            "../../../tests/fixtures/seeds/seed-3-buy-dot.json"
        ))
        .unwrap();
        let mut order = scenario.check.take().unwrap();
        order.size_step = None;
        scenario.orders.push(order);
        let w = why(&unimargin::evaluate_scenario(&scenario).unwrap());
        assert_eq!(w.gap(), Decimal::from(100));
        assert_eq!(
            sentence(&w),
            "Adjusted equity is 100.00 USD lower than equity: your 20 DOT (100.00 USD) counts at 50 % (−50.00 USD); your pending spot orders, read as filled, take 50.00 USD off what the coins count for."
        );
    }

    #[test]
    fn the_gap_is_the_sum_of_its_causes() {
        // the demo account: BTC, ETH discounted, a USDT loan (counts in full), a pending spot
        // buy (a loss and a 0.1 % fee)
        let r = report(include_str!(
            "../../../tests/fixtures/presets/futures-account.json"
        ));
        let w = why(&r);
        let sum: Decimal = w
            .causes
            .iter()
            .map(|c| match c {
                Cause::Discount { haircut, .. } => *haircut,
                Cause::SpotLosses(x) | Cause::PendingFees(x) => *x,
            })
            .sum();
        assert_eq!(sum, w.gap());
        let coins: Vec<&str> = w
            .causes
            .iter()
            .filter_map(|c| match c {
                Cause::Discount { coin, .. } => Some(coin.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(coins, ["BTC", "ETH"], "USDT, a loan, counts in full");
        // 0.05 BTC at 62,000 = 3,100 USDT: a fee of 3.10 at 0.1 %
        assert!(
            sentence(&w).ends_with("their fees take 3.10 USD."),
            "{}",
            sentence(&w)
        );
    }

    #[test]
    fn nothing_to_explain_says_so() {
        let r = report(
            r#"{"format":"unimargin/scenario@1","coins":[
              {"coin":"USDT","balance":"2000","discount_tiers":[{"rate":"1"}]}]}"#,
        );
        assert!(sentence(&why(&r)).starts_with("Adjusted equity equals equity"));
        let none = report(
            r#"{"format":"unimargin/scenario@1","coins":[
              {"coin":"X","balance":"3","price":"2"}]}"#,
        );
        assert_eq!(
            sentence(&why(&none)),
            "Adjusted equity is 6.00 USD lower than equity: your 3 X (6.00 USD) counts at nothing (it has no discount tiers) (−6.00 USD)."
        );
    }
}
