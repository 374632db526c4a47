//! The example accounts, one click from a first visit (which starts empty): the four seed
//! examples of the spec, a realistic futures account and a leveraged long. The files are the
//! shared test fixtures.

use crate::i18n::{td_string, Locale};
use unimargin::Scenario;

/// One preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Stable name, used in `data-testid`s (`preset-futures-account`).
    pub key: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// A FORMAT.md scenario.
    pub json: &'static str,
}

pub const PRESETS: [Preset; 6] = [
    Preset {
        key: "futures-account",
        title: "Futures account",
        summary: "BTC, ETH and a USDT loan as collateral; hedged BTCUSDT long and short with Bitget's position tiers; two pending orders.",
        json: include_str!("../../../tests/fixtures/presets/futures-account.json"),
    },
    Preset {
        key: "seed-1",
        title: "Seed 1: BTC and DOT collateral",
        summary: "1 BTC at 50,000 (rate 0.98) and 500 DOT at 4 (rate 0): adjusted equity 49,000.",
        json: include_str!("../../../tests/fixtures/seeds/seed-1-btc-dot-collateral.json"),
    },
    Preset {
        key: "seed-2",
        title: "Seed 2: BTC over two tiers",
        summary: "40 BTC at 50,000, 0.98 up to 1,000,000 USD and 0.97 above: 1,950,000.",
        json: include_str!("../../../tests/fixtures/seeds/seed-2-btc-two-tiers.json"),
    },
    Preset {
        key: "seed-3",
        title: "Seed 3: buy DOT",
        summary: "Adjusted equity 50,150; buying 20 DOT at 5 USDT costs 50 of spot trading loss.",
        json: include_str!("../../../tests/fixtures/seeds/seed-3-buy-dot.json"),
    },
    Preset {
        key: "seed-4",
        title: "Seed 4: sell DOT on a loan",
        summary: "Adjusted equity 50,100; selling 20 DOT you do not hold opens a loan with 10 of initial margin.",
        json: include_str!("../../../tests/fixtures/seeds/seed-4-sell-dot-on-loan.json"),
    },
    Preset {
        key: "leveraged-long",
        title: "Leveraged BTC long",
        summary: "6,000 USDT and 0.05 BTC behind 3 BTC long and 0.5 BTC short on BTCUSDT at 50×: liquidation about 7 % below the price.",
        json: include_str!("../../../tests/fixtures/presets/leveraged-long.json"),
    },
];

impl Preset {
    /// Its title in `locale` (the English one is [`Preset::title`]).
    pub fn title_in(&self, locale: Locale) -> &'static str {
        match self.key {
            "futures-account" => td_string!(locale, ui.preset.futures_account.title),
            "seed-1" => td_string!(locale, ui.preset.seed_1.title),
            "seed-2" => td_string!(locale, ui.preset.seed_2.title),
            "seed-3" => td_string!(locale, ui.preset.seed_3.title),
            "seed-4" => td_string!(locale, ui.preset.seed_4.title),
            _ => td_string!(locale, ui.preset.leveraged_long.title),
        }
    }

    /// Its summary in `locale`.
    pub fn summary_in(&self, locale: Locale) -> &'static str {
        match self.key {
            "futures-account" => td_string!(locale, ui.preset.futures_account.summary),
            "seed-1" => td_string!(locale, ui.preset.seed_1.summary),
            "seed-2" => td_string!(locale, ui.preset.seed_2.summary),
            "seed-3" => td_string!(locale, ui.preset.seed_3.summary),
            "seed-4" => td_string!(locale, ui.preset.seed_4.summary),
            _ => td_string!(locale, ui.preset.leveraged_long.summary),
        }
    }

    /// The preset by its key.
    pub fn by_key(key: &str) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.key == key)
    }

    /// Its scenario (the files are checked by the tests below).
    pub fn scenario(&self) -> Result<Scenario, crate::refused::Refusal> {
        crate::share::read_scenario(self.json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unimargin::Decimal;

    fn figures(key: &str) -> unimargin::Report {
        let scenario = Preset::by_key(key).unwrap().scenario().unwrap();
        unimargin::evaluate_scenario(&scenario).unwrap()
    }

    #[test]
    fn each_preset_is_named_in_each_language_and_in_english_as_before() {
        for p in &PRESETS {
            assert_eq!(p.title_in(Locale::en), p.title, "{}", p.key);
            assert_eq!(p.summary_in(Locale::en), p.summary, "{}", p.key);
            for (locale, _) in crate::i18n::LANGUAGES.into_iter().skip(1) {
                assert_ne!(p.summary_in(locale), p.summary, "{} {locale:?}", p.key);
            }
        }
    }

    #[test]
    fn the_seeds_give_the_spec_figures() {
        assert_eq!(
            figures("seed-1").account.adjusted_equity,
            Decimal::from(49000)
        );
        assert_eq!(
            figures("seed-2").account.adjusted_equity,
            Decimal::from(1950000)
        );
        let seed3 = figures("seed-3");
        assert_eq!(seed3.account.adjusted_equity, Decimal::from(50150));
        let check = seed3.check.unwrap();
        assert!(check.accepted);
        assert_eq!(check.spot_loss, Decimal::from(50));
        assert_eq!(check.headroom, Decimal::from(50100));
        let seed4 = figures("seed-4");
        assert_eq!(seed4.account.adjusted_equity, Decimal::from(50100));
        let check = seed4.check.unwrap();
        assert!(check.accepted);
        assert_eq!(check.adjusted_equity_after, Decimal::from(50100));
        assert_eq!(check.initial_margin_added, Decimal::from(10));
    }

    #[test]
    fn the_futures_account_is_hedged_with_bitgets_tiers() {
        let scenario = Preset::by_key("futures-account")
            .unwrap()
            .scenario()
            .unwrap();
        let names: Vec<&str> = scenario.coins.iter().map(|c| c.coin.as_str()).collect();
        assert_eq!(names, ["BTC", "ETH", "USDT"]);
        assert!(scenario.coins[2].balance < Decimal::ZERO, "a USDT loan");
        let contract = &scenario.contracts[0];
        assert_eq!(contract.symbol, "BTCUSDT");
        assert_eq!(contract.taker_fee, Some(Decimal::new(6, 4)));
        let mmrs: Vec<String> = contract
            .mm_tiers
            .iter()
            .flatten()
            .map(|t| t.mmr.to_string())
            .collect();
        assert_eq!(mmrs, ["0.004", "0.005", "0.007", "0.01", "0.02", "0.03"]);
        let sides: Vec<_> = scenario.positions.iter().map(|p| p.side).collect();
        assert_eq!(
            sides,
            [
                unimargin::scenario::PositionSide::Long,
                unimargin::scenario::PositionSide::Short
            ]
        );
        assert_eq!(scenario.orders.len(), 2);
        let report = unimargin::evaluate_scenario(&scenario).unwrap();
        assert_eq!(crate::show::risk_name(report.account.risk), "safe");
        assert!(report.check.unwrap().accepted);
    }
}
