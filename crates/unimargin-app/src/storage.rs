//! What the browser keeps between visits, and how: the person's work (the draft, as typed,
//! in a versioned envelope), the work a link, an import or a preset replaced (so it can be
//! brought back), and copies of anything found unreadable (never overwritten silently).
//!
//! The logic is written against [`KeyValue`], so it is tested here without a browser; the
//! app gives it `localStorage`.
//!
//! Versions of the envelope: 1 kept rates as typed then, fractions (`0.98`); 2 keeps them as
//! they are typed now, percentages (`98`). Work of version 1 is read by moving each rate's
//! decimal point ([`migrate_v1`]), never by reading `0.98` as 0.98 %.
//!
//! The page's language is kept beside the draft (`lang`: `en`, `zh`, `es`, `fr`), added to
//! version 2 without a new version: work saved before it has none and still reads (the
//! language is then chosen from the browser's), and a `lang` this app does not know (a
//! newer app's) is ignored rather than making the work unreadable. The draft's texts are
//! kept with the engine's marks whatever the language (`0.98`, see [`crate::entry`]).

use crate::draft::Draft;
use crate::i18n::{self, Locale};
use crate::number::{parse_typed, percent_for_field};
use serde::{Deserialize, Serialize};

/// The person's work.
pub const WORK_KEY: &str = "unimargin.work";
/// The work replaced by the last link, import or preset (for "Undo").
pub const PREVIOUS_KEY: &str = "unimargin.previous";
/// Copies of unreadable work: `unimargin.unreadable.1`, `.2`, …
pub const UNREADABLE_PREFIX: &str = "unimargin.unreadable.";
/// How many unreadable copies are kept at most.
const UNREADABLE_SLOTS: u32 = 20;

/// The envelope's name and version.
const APP: &str = "unimargin";
pub const VERSION: u32 = 2;

/// A key-value store of text (the browser's `localStorage`).
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), String>;
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    app: &'static str,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'static str>,
    draft: &'a Draft,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    app: String,
    version: u32,
    /// Read by [`saved_language`]; any JSON value, so that an odd one never costs the work.
    #[serde(default)]
    #[allow(dead_code, reason = "read by saved_language, from the header")]
    lang: Option<serde_json::Value>,
    draft: Draft,
}

/// The text kept for a draft (and the page's language, when there is one to keep).
pub fn encode(draft: &Draft, lang: Option<Locale>) -> String {
    let envelope = EnvelopeOut {
        app: APP,
        version: VERSION,
        lang: lang.map(i18n::code),
        draft,
    };
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Reads kept text back, or says why it cannot.
pub fn decode(text: &str) -> Result<Draft, String> {
    #[derive(Deserialize)]
    struct Header {
        app: Option<String>,
        version: Option<u32>,
    }
    let header: Header = serde_json::from_str(text)
        .map_err(|e| format!("it is not the JSON the app writes ({e})"))?;
    if header.app.as_deref() != Some(APP) {
        return Err("it was not written by unimargin".into());
    }
    match header.version {
        Some(VERSION) | Some(1) => {}
        Some(v) if v > VERSION => {
            return Err(format!(
                "it was saved by a newer version of the app (format {v}; this one reads {VERSION})"
            ))
        }
        other => {
            return Err(format!(
                "its format version is {}, which this app does not read",
                other.map_or("missing".to_string(), |v| v.to_string())
            ))
        }
    }
    let envelope: EnvelopeIn =
        serde_json::from_str(text).map_err(|e| format!("it is damaged ({e})"))?;
    debug_assert_eq!(envelope.app.as_str(), APP);
    let mut draft = envelope.draft;
    if envelope.version == 1 {
        migrate_v1(&mut draft);
    }
    draft.renumber();
    Ok(draft)
}

/// Turns the rates of a version-1 draft (fractions as typed: `0.98`) into percentages
/// (`98`). A rate that did not read as a number then is left as typed: it does not read now
/// either, so it stays marked until the person types it again.
pub fn migrate_v1(draft: &mut Draft) {
    for text in draft.rate_texts_mut() {
        if let Ok(fraction) = parse_typed(text) {
            *text = percent_for_field(fraction);
        }
    }
}

/// What was found in the browser on start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// Nothing: a first visit.
    Nothing,
    /// The person's work, as they left it.
    Work(Box<Draft>),
    /// Work that cannot be read. Its text was copied to `kept_at` (`None`: the copy
    /// failed, so the app must not save over it).
    Unreadable {
        reason: String,
        kept_at: Option<String>,
    },
}

/// Reads the person's work, copying it aside if it cannot be read.
pub fn load(kv: &mut impl KeyValue) -> Loaded {
    let Some(text) = kv.get(WORK_KEY) else {
        return Loaded::Nothing;
    };
    match decode(&text) {
        Ok(draft) => Loaded::Work(Box::new(draft)),
        Err(reason) => Loaded::Unreadable {
            reason,
            kept_at: keep_unreadable(kv, &text),
        },
    }
}

/// Copies unreadable text under a key of its own (the same text is kept once), and gives
/// the key.
pub fn keep_unreadable(kv: &mut impl KeyValue, text: &str) -> Option<String> {
    let mut free = None;
    for n in 1..=UNREADABLE_SLOTS {
        let key = format!("{UNREADABLE_PREFIX}{n}");
        match kv.get(&key) {
            Some(kept) if kept == text => return Some(key),
            Some(_) => {}
            None => {
                free.get_or_insert(key);
            }
        }
    }
    let key = free?;
    kv.set(&key, text).ok()?;
    Some(key)
}

/// Saves the person's work, in the page's language.
pub fn save(kv: &mut impl KeyValue, draft: &Draft, lang: Locale) -> Result<(), String> {
    kv.set(WORK_KEY, &encode(draft, Some(lang)))
}

/// The page's language saved with the work, if one was and this app knows it (whether or
/// not the draft itself still reads).
pub fn saved_language(kv: &impl KeyValue) -> Option<Locale> {
    #[derive(Deserialize)]
    struct Lang {
        lang: Option<serde_json::Value>,
    }
    let text = kv.get(WORK_KEY)?;
    let header: Lang = serde_json::from_str(&text).ok()?;
    i18n::from_code(header.lang?.as_str()?)
}

/// Keeps the work that is about to be replaced (by a link, an import or a preset).
pub fn keep_previous(kv: &mut impl KeyValue, draft: &Draft) -> Result<(), String> {
    kv.set(PREVIOUS_KEY, &encode(draft, None))
}

/// The work kept by [`keep_previous`], if it can be read.
pub fn previous(kv: &impl KeyValue) -> Option<Draft> {
    decode(&kv.get(PREVIOUS_KEY)?).ok()
}

#[cfg(test)]
pub mod memory {
    //! An in-memory [`KeyValue`] for tests.
    use super::KeyValue;
    use std::collections::BTreeMap;

    #[derive(Default, Debug)]
    pub struct Memory {
        pub map: BTreeMap<String, String>,
        /// Every write fails (a full or blocked storage).
        pub full: bool,
    }

    impl KeyValue for Memory {
        fn get(&self, key: &str) -> Option<String> {
            self.map.get(key).cloned()
        }

        fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
            if self.full {
                return Err("the storage is full".into());
            }
            self.map.insert(key.into(), value.into());
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::memory::Memory;
    use super::*;
    use crate::draft::{CoinField, Field};

    fn draft() -> Draft {
        let scenario = unimargin::parse_scenario(include_str!(
            "../../../tests/fixtures/seeds/seed-3-buy-dot.json"
        ))
        .unwrap();
        Draft::from_scenario(&scenario)
    }

    #[test]
    fn work_is_kept_as_typed_even_when_it_does_not_parse() {
        let mut kv = Memory::default();
        assert_eq!(load(&mut kv), Loaded::Nothing);
        let mut work = draft();
        let btc = work.coins[0].id;
        work.set(Field::Coin(btc, CoinField::Balance), "1,5x".into());
        save(&mut kv, &work, crate::i18n::Locale::en).unwrap();
        assert!(
            kv.map[WORK_KEY].starts_with(r#"{"app":"unimargin","version":2,"lang":"en","draft":"#)
        );
        assert_eq!(load(&mut kv), Loaded::Work(Box::new(work)));
    }

    #[test]
    fn the_language_is_kept_with_the_work_and_older_work_still_reads() {
        use crate::i18n::Locale;
        let mut kv = Memory::default();
        assert_eq!(saved_language(&kv), None);
        let work = draft();
        save(&mut kv, &work, Locale::fr).unwrap();
        assert_eq!(saved_language(&kv), Some(Locale::fr));
        assert_eq!(load(&mut kv), Loaded::Work(Box::new(work.clone())));
        // work saved before languages: no `lang`, the draft reads, no language
        let older = encode(&work, None);
        assert!(!older.contains("\"lang\""));
        kv.map.insert(WORK_KEY.into(), older);
        assert_eq!(saved_language(&kv), None);
        assert_eq!(load(&mut kv), Loaded::Work(Box::new(work.clone())));
        // a language this app does not know, or an odd value: ignored, the work still reads
        for odd in [r#""de""#, "7", "null", r#"{"x":1}"#] {
            let text = encode(&work, Some(Locale::zh)).replace(r#""zh""#, odd);
            kv.map.insert(WORK_KEY.into(), text);
            assert_eq!(saved_language(&kv), None, "{odd}");
            assert_eq!(load(&mut kv), Loaded::Work(Box::new(work.clone())), "{odd}");
        }
    }

    #[test]
    fn unreadable_work_is_copied_aside_never_lost() {
        for (text, reason) in [
            ("{not json", "not the JSON the app writes"),
            (r#"{"app":"other","version":1}"#, "not written by unimargin"),
            (
                r#"{"app":"unimargin","version":3,"draft":{}}"#,
                "newer version of the app (format 3",
            ),
            (
                r#"{"app":"unimargin","version":2,"draft":{"coins":7}}"#,
                "it is damaged",
            ),
            (
                r#"{"app":"unimargin","version":0,"draft":{}}"#,
                "its format version is 0",
            ),
        ] {
            let mut kv = Memory::default();
            kv.map.insert(WORK_KEY.into(), text.into());
            kv.map
                .insert(format!("{UNREADABLE_PREFIX}1"), "an older copy".into());
            match load(&mut kv) {
                Loaded::Unreadable {
                    reason: got,
                    kept_at,
                } => {
                    assert!(got.contains(reason), "{text}: {got}");
                    let key = kept_at.unwrap();
                    assert_eq!(key, format!("{UNREADABLE_PREFIX}2"));
                    assert_eq!(kv.map[&key], text);
                    // The older copy and the work itself are untouched.
                    assert_eq!(kv.map[&format!("{UNREADABLE_PREFIX}1")], "an older copy");
                    assert_eq!(kv.map[WORK_KEY], text);
                }
                other => panic!("{text}: {other:?}"),
            }
            // Loading again does not copy it twice.
            let again = load(&mut kv);
            assert!(
                matches!(again, Loaded::Unreadable { kept_at: Some(k), .. } if k.ends_with(".2"))
            );
            assert_eq!(kv.map.len(), 3);
        }
    }

    #[test]
    fn a_failed_copy_is_reported_so_the_app_does_not_save_over_it() {
        let mut kv = Memory::default();
        kv.map.insert(WORK_KEY.into(), "garbage".into());
        kv.full = true;
        assert!(matches!(
            load(&mut kv),
            Loaded::Unreadable { kept_at: None, .. }
        ));
    }

    /// Work as the app's first version saved it: rates as fractions, one half-typed.
    const SAVED_V1: &str = r#"{"app":"unimargin","version":1,"draft":{
        "settings":{"usdt_usd":"","usdc_usd":"","spot_taker_fee":"0.001","warning_rate":"0.8","liquidation_rate":""},
        "coins":[
          {"coin":"BTC","balance":"1","price":"50,000","quote":"USD",
           "discount_tiers":[{"up_to_usd":"1,000,000","rate":"0.98"},{"up_to_usd":"","rate":"0.97"}],
           "loan_tiers":[{"up_to":"","leverage":"10","mmr":"0.05"}],
           "hourly_interest":"0.000002","interest_free":""},
          {"coin":"DOT","balance":"500","price":"4","quote":"USD",
           "discount_tiers":[{"up_to_usd":"","rate":"0,5"}],"loan_tiers":[],
           "hourly_interest":"","interest_free":""}],
        "contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"BTC","mark_price":"50000",
          "leverage":"20","taker_fee":"0.0006","liquidation_fee":"",
          "mm_tiers":[{"up_to_usd":"","mmr":"0.004"}]}],
        "positions":[],"orders":[],"check":null}}"#;

    #[test]
    fn work_saved_with_fractions_opens_as_percentages() {
        let mut kv = Memory::default();
        kv.map.insert(WORK_KEY.into(), SAVED_V1.into());
        let Loaded::Work(draft) = load(&mut kv) else {
            panic!("version 1 work did not load");
        };
        let btc = &draft.coins[0];
        // 0.98 → 98 %, never 0.98 %
        assert_eq!(btc.discount_tiers[0].rate, "98");
        assert_eq!(btc.discount_tiers[1].rate, "97");
        assert_eq!(btc.loan_tiers[0].mmr, "5");
        assert_eq!(btc.hourly_interest, "0.0002");
        assert_eq!(draft.contracts[0].taker_fee, "0.06");
        assert_eq!(draft.contracts[0].mm_tiers[0].mmr, "0.4");
        assert_eq!(draft.settings.spot_taker_fee, "0.1");
        assert_eq!(draft.settings.warning_rate, "80");
        // empty fields stay empty (the default), not "0"; what is not a rate is untouched
        assert_eq!(draft.settings.liquidation_rate, "");
        assert_eq!(draft.contracts[0].liquidation_fee, "");
        assert_eq!(btc.price, "50,000");
        assert_eq!(draft.contracts[0].leverage, "20");
        // the half-typed rate is left as typed: still marked, never read as a percentage
        assert_eq!(draft.coins[1].discount_tiers[0].rate, "0,5");
        let errors = draft.to_scenario().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "coins[1].discount_tiers[0].rate");

        // fixed, the figures are those the fractions gave: 1 BTC at 50,000 × 0.98 = 49,000,
        // and 500 DOT at 4 × 0.5 = 1,000
        let mut draft = *draft;
        let (dot, tier) = (draft.coins[1].id, draft.coins[1].discount_tiers[0].id);
        draft.set(
            crate::draft::Field::Discount(dot, tier, crate::draft::DiscountField::Rate),
            "50".into(),
        );
        let scenario = draft.to_scenario().unwrap();
        assert_eq!(
            scenario.coins[0].discount_tiers.as_deref().unwrap()[0]
                .rate
                .to_string(),
            "0.98"
        );
        assert_eq!(
            scenario.settings.spot_taker_fee.unwrap().to_string(),
            "0.001"
        );
        let report = unimargin::evaluate_scenario(&scenario).unwrap();
        assert_eq!(
            report.account.adjusted_equity,
            unimargin::Decimal::from(50000)
        );

        // saved again, it is version 2 and reads back the same
        save(&mut kv, &draft, crate::i18n::Locale::en).unwrap();
        assert!(kv.map[WORK_KEY].contains(r#""version":2"#));
        assert_eq!(load(&mut kv), Loaded::Work(Box::new(draft)));
    }

    /// Version-2 work as the page saved it when its selects were text (before they were
    /// typed): every field written out, `up_to` empty, the quote left out as `""`.
    const SAVED_TEXT_SELECTS: &str = r#"{"app":"unimargin","version":2,"draft":{
        "settings":{"usdt_usd":"1","usdc_usd":"","spot_taker_fee":"","warning_rate":"",
          "liquidation_rate":""},
        "coins":[{"coin":"BTC","balance":"1","price":"50000","quote":"",
           "discount_tiers":[{"up_to_usd":"","up_to":"","rate":"98"}],"loan_tiers":[],
           "hourly_interest":"","interest_free":""},
          {"coin":"ETH","balance":"2","price":"0.05","quote":"BTC",
           "discount_tiers":[],"loan_tiers":[],"hourly_interest":"","interest_free":""}],
        "contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000",
          "leverage":"10","taker_fee":"","liquidation_fee":"",
          "mm_tiers":[{"up_to_usd":"","mmr":"0.5"}]}],
        "positions":[{"symbol":"BTCUSDT","side":"short","size":"0.1","entry_price":"49000"}],
        "orders":[{"market":"futures","symbol":"BTCUSDT","side":"sell","base":"","quote":"",
          "size":"0.2","price":"51000","size_step":""}],
        "check":{"market":"spot","symbol":"","side":"buy","base":"ETH","quote":"USDT",
          "size":"1","price":"2500","size_step":""}}}"#;

    #[test]
    fn work_saved_when_the_selects_were_text_reads_the_same() {
        use unimargin::scenario::{Market, OrderSide, PositionSide};
        let draft = decode(SAVED_TEXT_SELECTS).unwrap();
        assert_eq!(draft.coins[0].quote, None);
        assert_eq!(draft.coins[1].quote, Some(crate::draft::CoinQuote::Btc));
        assert_eq!(draft.positions[0].side, PositionSide::Short);
        assert_eq!(draft.orders[0].market, Market::Futures);
        assert_eq!(draft.orders[0].side, OrderSide::Sell);
        let check = draft.check.as_ref().unwrap();
        assert_eq!((check.market, check.side), (Market::Spot, OrderSide::Buy));
        assert_eq!(draft.settings.position_mode, None);

        // the scenario is the one those texts gave: ETH quoted in BTC, USD for BTC (left
        // out), a short, a futures sell, hedge mode (left out)
        let scenario = draft.to_scenario().unwrap();
        assert_eq!(scenario.coins[0].quote, None);
        assert_eq!(scenario.coins[1].quote.as_deref(), Some("BTC"));
        assert_eq!(scenario.positions[0].side, PositionSide::Short);
        assert_eq!(scenario.orders[0].market, Market::Futures);
        assert_eq!(scenario.orders[0].side, OrderSide::Sell);
        assert_eq!(scenario.settings.position_mode, None);

        // saved again, every select is written as the same text; only the empty coin-unit
        // bound and the absent position mode are left out
        let saved: serde_json::Value = serde_json::from_str(&encode(&draft, None)).unwrap();
        let old: serde_json::Value = serde_json::from_str(SAVED_TEXT_SELECTS).unwrap();
        let mut old = old;
        old["draft"]["coins"][0]["discount_tiers"][0]
            .as_object_mut()
            .unwrap()
            .remove("up_to");
        assert_eq!(saved, old);

        // a text no select offers is not silently read as another value: the work is
        // unreadable, so it is copied aside, never lost
        let wrong = SAVED_TEXT_SELECTS.replace(r#""side":"short""#, r#""side":"up""#);
        let reason = decode(&wrong).unwrap_err();
        assert!(reason.contains("\"up\" is not one of"), "{reason}");
    }

    #[test]
    fn work_with_a_position_mode_keeps_it() {
        use unimargin::scenario::PositionMode;
        let mut draft = decode(SAVED_TEXT_SELECTS).unwrap();
        assert!(draft.set(
            Field::Setting(crate::draft::SettingField::PositionMode),
            "one_way".into()
        ));
        assert!(!draft.set(
            Field::Setting(crate::draft::SettingField::PositionMode),
            "sideways".into()
        ));
        assert_eq!(draft.settings.position_mode, Some(PositionMode::OneWay));
        let text = encode(&draft, None);
        assert!(text.contains(r#""position_mode":"one_way""#), "{text}");
        let back = decode(&text).unwrap();
        assert_eq!(
            back.to_scenario().unwrap().settings.position_mode,
            Some(PositionMode::OneWay)
        );
    }

    #[test]
    fn replaced_work_can_be_brought_back() {
        let mut kv = Memory::default();
        assert_eq!(previous(&kv), None);
        let work = draft();
        keep_previous(&mut kv, &work).unwrap();
        assert_eq!(previous(&kv), Some(work));
    }
}
