//! What the page starts from, and what happens to the person's work when something
//! replaces it: a share link, an imported file, a preset. The rule: work is never lost
//! silently. Replaced work is kept (and can be brought back); unreadable work is copied
//! aside and reported; a damaged link or file is refused with the reason and changes
//! nothing.

use crate::draft::Draft;
use crate::i18n::{td_string, Locale};
use crate::refused::Refusal;
use crate::share;
use crate::storage::{self, KeyValue, Loaded};

/// Something the page tells the person about their work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A share link's scenario was opened; `previous_kept`: the work it replaced can be
    /// brought back.
    LinkOpened { previous_kept: bool },
    /// A share link could not be read; nothing changed.
    LinkRefused { reason: Refusal },
    /// The saved work could not be read. `kept_at`: where its text was copied (`None`: the
    /// copy failed, so saving is paused to leave it in place).
    WorkUnreadable {
        reason: Refusal,
        kept_at: Option<String>,
    },
    /// A file was imported; the work it replaced can be brought back.
    Imported { name: String, previous_kept: bool },
    /// A file could not be imported; nothing changed.
    ImportRefused { name: String, reason: Refusal },
    /// A preset was loaded; the work it replaced can be brought back.
    PresetLoaded {
        /// The preset's key ([`crate::presets::Preset::key`]).
        key: &'static str,
        previous_kept: bool,
    },
    /// The replaced work was brought back.
    Restored,
    /// A market document was imported: its tables are used from now on.
    MarketImported { name: String, market: String },
    /// A file imported as a market is not one; the market in use is unchanged.
    MarketRefused { name: String, reason: Refusal },
}

impl Message {
    /// Whether it reports a problem.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            Message::LinkRefused { .. }
                | Message::WorkUnreadable { .. }
                | Message::ImportRefused { .. }
                | Message::MarketRefused { .. }
        )
    }

    /// Whether the person can bring back the work this replaced.
    pub fn can_undo(&self) -> bool {
        matches!(
            self,
            Message::LinkOpened {
                previous_kept: true
            } | Message::Imported {
                previous_kept: true,
                ..
            } | Message::PresetLoaded {
                previous_kept: true,
                ..
            }
        )
    }

    /// The sentence shown, in English (tests, logs).
    pub fn text(&self) -> String {
        self.text_in(Locale::en)
    }

    /// The sentence shown, in `locale`. (A `reason` is the reader's own words, passed on.)
    pub fn text_in(&self, locale: Locale) -> String {
        let kept = |previous_kept: bool| {
            if previous_kept {
                td_string!(locale, ui.notice.kept).to_string()
            } else {
                String::new()
            }
        };
        match self {
            Message::LinkOpened { previous_kept } => {
                format!(
                    "{}{}",
                    td_string!(locale, ui.notice.link_opened),
                    kept(*previous_kept)
                )
            }
            Message::LinkRefused { reason } => {
                td_string!(
                    locale,
                    ui.notice.link_refused,
                    reason = crate::wording::refused::words(reason, locale)
                )
            }
            Message::WorkUnreadable { reason, kept_at } => match kept_at {
                Some(key) => td_string!(
                    locale,
                    ui.notice.work_unreadable_kept,
                    reason = crate::wording::refused::words(reason, locale),
                    key = key.as_str()
                ),
                None => td_string!(
                    locale,
                    ui.notice.work_unreadable_in_place,
                    reason = crate::wording::refused::words(reason, locale)
                ),
            },
            Message::Imported {
                name,
                previous_kept,
            } => format!(
                "{}{}",
                td_string!(locale, ui.notice.imported, name = name.as_str()),
                kept(*previous_kept)
            ),
            Message::ImportRefused { name, reason } => td_string!(
                locale,
                ui.notice.import_refused,
                name = name.as_str(),
                reason = crate::wording::refused::words(reason, locale)
            ),
            Message::PresetLoaded { key, previous_kept } => {
                let title = crate::presets::Preset::by_key(key).map_or("", |p| p.title_in(locale));
                format!(
                    "{}{}",
                    td_string!(locale, ui.notice.preset_loaded, title),
                    kept(*previous_kept)
                )
            }
            Message::Restored => td_string!(locale, ui.notice.restored).to_string(),
            Message::MarketImported { name, market } => td_string!(
                locale,
                ui.notice.market_imported,
                name = name.as_str(),
                market = market.as_str()
            ),
            Message::MarketRefused { name, reason } => td_string!(
                locale,
                ui.notice.market_refused,
                name = name.as_str(),
                reason = crate::wording::refused::words(reason, locale)
            ),
        }
    }
}

/// The state the page starts in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    pub draft: Draft,
    pub messages: Vec<Message>,
    /// Saving would overwrite unreadable work that could not be copied aside.
    pub save_paused: bool,
    /// The address carried a share link, now read: take it out of the address so that a
    /// reload keeps the work rather than opening the link again.
    pub clear_fragment: bool,
    /// The page's language saved with the work (none on a first visit, or in work saved
    /// before languages; a share link never sets it).
    pub language: Option<crate::i18n::Locale>,
}

/// What a first visit starts from: nothing. The page says where to start, and the example
/// accounts ([`presets`](crate::presets)) are one click away.
pub fn default_draft() -> Draft {
    Draft::default()
}

/// Where the page starts: the saved work, or a share link in the address (`fragment`,
/// with its `#`), or an empty account.
pub fn startup(kv: &mut impl KeyValue, fragment: &str) -> Startup {
    let mut messages = Vec::new();
    let mut save_paused = false;
    let language = storage::saved_language(kv);
    let saved = match storage::load(kv) {
        Loaded::Nothing => None,
        Loaded::Work(draft) => Some(*draft),
        Loaded::Unreadable { reason, kept_at } => {
            save_paused = kept_at.is_none();
            messages.push(Message::WorkUnreadable { reason, kept_at });
            None
        }
    };
    let mut clear_fragment = false;
    let mut draft = None;
    if let Some(payload) = share::payload(fragment) {
        clear_fragment = true;
        match share::decode(payload) {
            Ok(scenario) => {
                let linked = Draft::from_scenario(&scenario);
                let previous_kept = match &saved {
                    Some(work) if *work != linked => storage::keep_previous(kv, work).is_ok(),
                    _ => false,
                };
                messages.push(Message::LinkOpened { previous_kept });
                draft = Some(linked);
            }
            Err(reason) => messages.push(Message::LinkRefused { reason }),
        }
    }
    Startup {
        draft: draft.or(saved).unwrap_or_else(default_draft),
        messages,
        save_paused,
        clear_fragment,
        language,
    }
}

/// Replaces the work by another draft, keeping the current one to bring back.
/// Gives whether it was kept.
pub fn replace(kv: &mut impl KeyValue, current: &Draft, next: &Draft) -> bool {
    current != next && storage::keep_previous(kv, current).is_ok()
}

/// Reads a file to import (FORMAT.md scenario JSON) into a draft, or says why not.
pub fn import(text: &str) -> Result<Draft, Refusal> {
    share::read_scenario(text).map(|s| Draft::from_scenario(&s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{CoinField, Field};
    use crate::storage::memory::Memory;
    use crate::storage::{PREVIOUS_KEY, WORK_KEY};

    fn seed(n: u8) -> Draft {
        let text = match n {
            1 => include_str!("../../../tests/fixtures/seeds/seed-1-btc-dot-collateral.json"),
            _ => include_str!("../../../tests/fixtures/seeds/seed-2-btc-two-tiers.json"),
        };
        Draft::from_scenario(&unimargin::parse_scenario(text).unwrap())
    }

    fn link_to(draft: &Draft) -> String {
        let scenario = draft.to_scenario().unwrap();
        let url = share::link("http://127.0.0.1/", &scenario);
        url[url.find('#').unwrap()..].to_string()
    }

    #[test]
    fn a_first_visit_starts_empty() {
        let mut kv = Memory::default();
        let start = startup(&mut kv, "");
        assert_eq!(start.draft, Draft::default());
        assert!(start.draft.coins.is_empty() && start.draft.check.is_none());
        assert!(start.messages.is_empty() && !start.save_paused && !start.clear_fragment);
    }

    #[test]
    fn saved_work_comes_back_as_typed() {
        let mut kv = Memory::default();
        let mut work = seed(1);
        let btc = work.coins[0].id;
        work.set(Field::Coin(btc, CoinField::Balance), "1.5x".into());
        storage::save(&mut kv, &work, crate::i18n::Locale::en).unwrap();
        let start = startup(&mut kv, "#unrelated");
        assert_eq!(start.draft, work);
        assert!(start.messages.is_empty() && !start.clear_fragment);
    }

    #[test]
    fn a_link_replaces_the_work_and_keeps_it_to_bring_back() {
        let mut kv = Memory::default();
        storage::save(&mut kv, &seed(1), crate::i18n::Locale::en).unwrap();
        let start = startup(&mut kv, &link_to(&seed(2)));
        assert_eq!(start.draft, seed(2));
        assert_eq!(
            start.messages,
            vec![Message::LinkOpened {
                previous_kept: true
            }]
        );
        assert!(start.clear_fragment);
        assert_eq!(storage::previous(&kv), Some(seed(1)));
        // The saved work itself is untouched until the page saves the new one.
        assert_eq!(storage::decode(&kv.map[WORK_KEY]), Ok(seed(1)));
    }

    #[test]
    fn a_damaged_link_is_refused_and_the_work_stays() {
        let mut kv = Memory::default();
        storage::save(&mut kv, &seed(1), crate::i18n::Locale::en).unwrap();
        let start = startup(&mut kv, "#scenario=eyJmb3JtYXQiOjF9");
        assert_eq!(start.draft, seed(1));
        assert!(start.clear_fragment);
        match &start.messages[..] {
            [m @ Message::LinkRefused { reason }] => {
                assert!(
                    reason.to_string().contains("not a valid scenario"),
                    "{reason}"
                );
                assert!(m.is_problem() && !m.can_undo());
                assert!(m.text().ends_with("Your work is unchanged."));
            }
            other => panic!("{other:?}"),
        }
        assert!(!kv.map.contains_key(PREVIOUS_KEY));
    }

    #[test]
    fn unreadable_work_is_reported_kept_and_not_saved_over_when_it_cannot_be_kept() {
        let mut kv = Memory::default();
        kv.map.insert(WORK_KEY.into(), "{broken".into());
        let start = startup(&mut kv, "");
        assert!(!start.save_paused);
        assert_eq!(start.draft, default_draft());
        match &start.messages[..] {
            [Message::WorkUnreadable {
                kept_at: Some(key), ..
            }] => assert_eq!(kv.map[key], "{broken"),
            other => panic!("{other:?}"),
        }

        let mut full = Memory {
            full: true,
            ..Memory::default()
        };
        full.map.insert(WORK_KEY.into(), "{broken".into());
        let start = startup(&mut full, "");
        assert!(start.save_paused);
        assert!(start.messages[0]
            .text()
            .contains("nothing is saved over it"));
    }

    #[test]
    fn an_import_reads_a_scenario_or_says_why_not() {
        let text = include_str!("../../../tests/fixtures/seeds/seed-2-btc-two-tiers.json");
        assert_eq!(import(text), Ok(seed(2)));
        assert!(import("{")
            .unwrap_err()
            .to_string()
            .contains("not a valid scenario"));
        let unknown = text.replace("\"balance\"", "\"balanse\"");
        assert!(import(&unknown)
            .unwrap_err()
            .to_string()
            .contains("balanse"));
        let mut kv = Memory::default();
        assert!(replace(&mut kv, &seed(1), &seed(2)));
        assert_eq!(storage::previous(&kv), Some(seed(1)));
        assert!(!replace(&mut kv, &seed(2), &seed(2)), "nothing to keep");
    }
}
