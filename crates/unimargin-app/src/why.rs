//! "Why is adjusted equity lower than equity?", answered with the account's own numbers,
//! coin by coin: "Adjusted equity is 640.00 USD lower than equity: your 0.5 BTC
//! (32,000.00 USD) counts at 98 % (−640.00 USD)."
//!
//! Every figure is the engine's (the report's per-coin `usd_equity`, `haircut` and
//! discount slices; the pending orders' spot losses and fees): the gap is their sum, as
//! `AE = Σ f(c) − losses − fees` and `equity = Σ usd_equity` make it. No rule is worked
//! out here.

use crate::checked::Checked;
use crate::i18n::{td_string, Locale};
use crate::show::{self, Shown};
use unimargin::report::Report;
use unimargin::text::group_thousands;
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
    /// The gap, `equity − adjusted equity` (never negative: rates are at most 100 %);
    /// `None` beyond a decimal (equity near the largest decimal, adjusted equity far below
    /// 0).
    pub fn gap(&self) -> Option<Decimal> {
        self.equity.minus(self.adjusted_equity)
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
fn rates_text(rates: &[(Decimal, Option<Decimal>)], locale: Locale) -> String {
    let percent = |rate: Decimal| show::shown_in(&show::percent(rate), locale);
    let usd = |value: Decimal| show::number_in(&show::usd_text(value), locale);
    match rates {
        [] => td_string!(locale, ui.why.nothing).into(),
        [(rate, _)] => percent(*rate),
        _ => {
            let parts: Vec<String> = rates
                .iter()
                .map(|(rate, to)| match to {
                    Some(to) => {
                        td_string!(locale, ui.why.up_to, rate = percent(*rate), to = usd(*to))
                    }
                    None => td_string!(locale, ui.why.above, rate = percent(*rate)),
                })
                .collect();
            match parts.split_last() {
                Some((last, first)) => td_string!(
                    locale,
                    ui.why.and,
                    first = first.join(td_string!(locale, ui.why.list_sep)),
                    last = last.as_str()
                ),
                None => String::new(),
            }
        }
    }
}

fn cause_text(cause: &Cause, locale: Locale) -> String {
    let usd = |value: Decimal| show::number_in(&show::usd_text(value), locale);
    match cause {
        Cause::Discount {
            coin,
            amount,
            value_usd,
            haircut,
            rates,
        } => td_string!(
            locale,
            ui.why.discount,
            amount = show::number_in(&group_thousands(amount.normalize()), locale),
            coin = coin.as_str(),
            value = usd(*value_usd),
            rates = rates_text(rates, locale),
            haircut = usd(*haircut)
        ),
        Cause::SpotLosses(loss) => td_string!(locale, ui.why.spot_losses, loss = usd(*loss)),
        Cause::PendingFees(fees) => td_string!(locale, ui.why.fees, fees = usd(*fees)),
    }
}

/// The answer in one sentence, in `locale`.
pub fn sentence(why: &Why, locale: Locale) -> String {
    if why.causes.is_empty() {
        return td_string!(locale, ui.why.equal).into();
    }
    let parts: Vec<String> = why.causes.iter().map(|c| cause_text(c, locale)).collect();
    let gap = why.gap().map_or_else(
        || show::shown_in(&Shown::TooLarge, locale),
        |gap| show::number_in(&show::usd_text(gap), locale),
    );
    td_string!(
        locale,
        ui.why.sentence,
        gap,
        causes = parts.join(td_string!(locale, ui.why.cause_sep))
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
        assert_eq!(w.gap(), Some(Decimal::from(640)));
        assert_eq!(w.adjusted_equity, Decimal::from(33360));
        assert_eq!(
            sentence(&w, Locale::en),
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
            sentence(&why(&seed2), Locale::en),
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
        assert_eq!(w.gap(), Some(Decimal::from(100)));
        assert_eq!(
            sentence(&w, Locale::en),
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
        assert_eq!(Some(sum), w.gap());
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
            sentence(&w, Locale::en).ends_with("their fees take 3.10 USD."),
            "{}",
            sentence(&w, Locale::en)
        );
    }

    #[test]
    fn a_gap_beyond_a_decimal_is_said_to_be_too_large() {
        // equity at the largest decimal, adjusted equity 1e28 below 0: the gap, 8.9e28, is
        // beyond a decimal
        let w = Why {
            equity: Decimal::MAX,
            adjusted_equity: Decimal::from_i128_with_scale(
                -10_000_000_000_000_000_000_000_000_000,
                0,
            ),
            causes: vec![Cause::SpotLosses(Decimal::MAX)],
        };
        assert_eq!(w.gap(), None);
        assert!(
            sentence(&w, Locale::en)
                .starts_with("Adjusted equity is too large to show lower than equity"),
            "{}",
            sentence(&w, Locale::en)
        );
    }

    #[test]
    fn nothing_to_explain_says_so() {
        let r = report(
            r#"{"format":"unimargin/scenario@1","coins":[
              {"coin":"USDT","balance":"2000","discount_tiers":[{"rate":"1"}]}]}"#,
        );
        assert!(sentence(&why(&r), Locale::en).starts_with("Adjusted equity equals equity"));
        let none = report(
            r#"{"format":"unimargin/scenario@1","coins":[
              {"coin":"X","balance":"3","price":"2"}]}"#,
        );
        assert_eq!(
            sentence(&why(&none), Locale::en),
            "Adjusted equity is 6.00 USD lower than equity: your 3 X (6.00 USD) counts at nothing (it has no discount tiers) (−6.00 USD)."
        );
    }
}
