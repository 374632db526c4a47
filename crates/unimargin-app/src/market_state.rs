//! The market the page uses (MARKET.md): the document served beside the page
//! (`market.json`, fetched at start), or one a person imports. Plain Rust: the page shows
//! [`MarketState`] and gives the loaded market to the one computation.

use crate::calc::Shared;
use crate::i18n::{td_string, Locale};
use crate::number::{for_field, percent_for_field};
use crate::refused::Refusal;
use crate::show::number_in;
use std::sync::Arc;
use unimargin::scenario::MarketReference;
use unimargin::{Decimal, Market};

/// Where the page's market stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum MarketState {
    /// Being fetched.
    #[default]
    Loading,
    /// In use.
    Loaded(Shared<Market>),
    /// None could be loaded: tables are asked for, row by row.
    Missing { reason: Refusal },
}

impl MarketState {
    /// Reads the text of a market document: the market, or why it is none (the engine's
    /// error at its `market:` path).
    pub fn read(text: &str) -> MarketState {
        match unimargin::parse_market(text) {
            Ok(market) => MarketState::Loaded(Shared(Arc::new(market))),
            Err(error) => MarketState::Missing {
                reason: Refusal::Market(Box::new(error)),
            },
        }
    }

    /// The market in use.
    pub fn market(&self) -> Option<&Market> {
        match self {
            MarketState::Loaded(m) => Some(m),
            _ => None,
        }
    }

    /// The name and date a draft started now names.
    pub fn reference(&self) -> Option<MarketReference> {
        self.market().map(Market::reference)
    }
}

/// The compact line saying which market is in use: "Bitget UTA, public sources, tables of
/// 2025-09-26".
pub fn market_line(state: &MarketState, locale: Locale) -> String {
    match state {
        MarketState::Loading => td_string!(locale, ui.market.loading).into(),
        MarketState::Loaded(m) => {
            let d = m.document();
            td_string!(
                locale,
                ui.market.line,
                name = d.name.as_str(),
                as_of = d.as_of.as_str()
            )
        }
        MarketState::Missing { reason } => {
            td_string!(
                locale,
                ui.market.missing,
                reason = crate::wording::refused::words(reason, locale)
            )
        }
    }
}

/// The coins the market lists, in its order (none without a market).
pub fn coin_names(state: &MarketState) -> Vec<String> {
    state.market().map_or_else(Vec::new, |m| {
        m.document().coins.iter().map(|c| c.coin.clone()).collect()
    })
}

/// The contracts the market lists, in its order.
pub fn contract_symbols(state: &MarketState) -> Vec<String> {
    state.market().map_or_else(Vec::new, |m| {
        m.document()
            .contracts
            .iter()
            .map(|c| c.symbol.clone())
            .collect()
    })
}

/// A table as the market gives it, for showing read-only: one line per tier, the
/// market's source and date for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketTable {
    /// "up to 1,000,000 USD: 98 %", …, "above: 97 %".
    pub tiers: Vec<String>,
    /// The entry's source (else the market's).
    pub source: String,
    /// The entry's date (else the market's).
    pub as_of: String,
}

impl MarketTable {
    /// What the folded tables' summary says: "the market's: 98 %, then down to 97 %".
    pub fn summary(&self, locale: Locale) -> String {
        let rate = |line: &String| line.rsplit(": ").next().unwrap_or_default().to_string();
        match &self.tiers[..] {
            [] => td_string!(locale, ui.market.summary_none).into(),
            [one] => td_string!(locale, ui.market.summary_one, rate = rate(one)),
            [first, .., last] => td_string!(
                locale,
                ui.market.summary_many,
                first = rate(first),
                last = rate(last)
            ),
        }
    }
}

/// One tier's line: "up to 1,000,000 USD: 98 %" (a bound in coin units: "up to 500 BTC"),
/// "above: 97 %" for the last.
fn tier_line(bound: Option<String>, rate: Decimal, locale: Locale) -> String {
    let rate = number_in(&format!("{} %", percent_for_field(rate)), locale);
    match bound {
        Some(bound) => td_string!(locale, ui.market.up_to, bound, rate),
        None => td_string!(locale, ui.market.above, rate),
    }
}

fn dated(market: &Market, source: &Option<String>, as_of: &Option<String>) -> (String, String) {
    let d = market.document();
    (
        source
            .clone()
            .or_else(|| d.source.clone())
            .unwrap_or_default(),
        as_of.clone().unwrap_or_else(|| d.as_of.clone()),
    )
}

/// The market's discount tiers for a coin (None: the market lacks the coin or the table).
pub fn coin_table(market: &Market, coin: &str, locale: Locale) -> Option<MarketTable> {
    let entry = market.coin(coin)?;
    let tiers = entry.discount_tiers.as_ref()?;
    let (source, as_of) = dated(market, &entry.source, &entry.as_of);
    Some(MarketTable {
        tiers: tiers
            .iter()
            .map(|t| {
                let bound = match (t.up_to_usd, t.up_to) {
                    (Some(usd), _) => Some(format!("{} USD", number_in(&for_field(usd), locale))),
                    (None, Some(units)) => {
                        Some(format!("{} {coin}", number_in(&for_field(units), locale)))
                    }
                    (None, None) => None,
                };
                tier_line(bound, t.rate, locale)
            })
            .collect(),
        source,
        as_of,
    })
}

/// The market's position tiers for a contract, with its taker fee first (None: the market
/// lacks the contract or its tiers).
pub fn contract_table(market: &Market, symbol: &str, locale: Locale) -> Option<MarketTable> {
    let entry = market.contract(symbol)?;
    let tiers = entry.mm_tiers.as_ref()?;
    let (source, as_of) = dated(market, &entry.source, &entry.as_of);
    Some(MarketTable {
        tiers: tiers
            .iter()
            .map(|t| {
                tier_line(
                    t.up_to_usd.map(|b| {
                        td_string!(
                            locale,
                            ui.market.notional,
                            usd = number_in(&for_field(b), locale)
                        )
                    }),
                    t.mmr,
                    locale,
                )
            })
            .collect(),
        source,
        as_of,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_market_reads_and_names_itself() {
        let state = MarketState::read(include_str!("../../../web/market.json"));
        let reference = state.reference().unwrap();
        assert_eq!(reference.name, "Bitget UTA, public sources");
        assert_eq!(reference.as_of, "2025-09-26");
        assert_eq!(
            market_line(&state, Locale::en),
            "Exchange tables: Bitget UTA, public sources, as of 2025-09-26"
        );
    }

    #[test]
    fn the_markets_tables_are_shown_as_published() {
        let state = MarketState::read(include_str!("../../../web/market.json"));
        let market = state.market().unwrap();
        // BTC: 0.98 up to 1,000,000 USD, 0.97 above (the seed article's worked example)
        let btc = coin_table(market, "BTC", Locale::en).unwrap();
        assert_eq!(btc.tiers, ["up to 1,000,000 USD: 98 %", "above: 97 %"]);
        assert_eq!(btc.as_of, "2025-08-01");
        assert!(btc.source.contains("12560603834587"), "{}", btc.source);
        assert_eq!(btc.summary(Locale::en), "the market's: 98 %, then 97 %");
        // the same table in French: words and marks, the figures unchanged
        let btc_fr = coin_table(market, "BTC", Locale::fr).unwrap();
        assert_eq!(
            btc_fr.tiers,
            [
                "jusqu'à 1\u{202f}000\u{202f}000 USD\u{a0}: 98\u{202f}%",
                "au-delà\u{a0}: 97\u{202f}%"
            ]
        );
        // ETH is listed without discount tiers, DOGE not at all: both are asked for
        assert_eq!(coin_table(market, "ETH", Locale::en), None);
        assert_eq!(coin_table(market, "DOGE", Locale::en), None);
        // BTCUSDT: 0.4 % MMR up to 200,000 USD of notional first
        let contract = contract_table(market, "BTCUSDT", Locale::en).unwrap();
        assert_eq!(contract.tiers[0], "up to 200,000 USD notional: 0.4 %");
    }

    #[test]
    fn the_picker_offers_the_markets_entries() {
        let state = MarketState::read(include_str!("../../../web/market.json"));
        assert_eq!(coin_names(&state), ["BTC", "USDT", "USDC", "ETH", "SOL"]);
        assert_eq!(contract_symbols(&state)[0], "BTCUSDT");
        assert!(coin_names(&MarketState::Loading).is_empty());
    }

    #[test]
    fn a_file_that_is_not_a_market_is_none_and_says_why() {
        let scenario = include_str!("../../../tests/fixtures/seeds/seed-3-buy-dot.json");
        for text in [
            scenario,
            "{}",
            "{\"format\": \"unimargin/market@1\", \"na",
            "",
        ] {
            let state = MarketState::read(text);
            assert!(state.market().is_none(), "{text}");
            let MarketState::Missing { reason } = &state else {
                panic!("{text}");
            };
            assert!(reason.to_string().starts_with("market"), "{reason}");
        }
    }
}
