//! The upgrade checker starts from the message the platform showed: a message pasted (or
//! half remembered) is matched to one of the seven refusal prompts of the source article,
//! by the words that tell them apart, in whichever of the page's languages it is written
//! (a person may read the platform in another language than this page).
//!
//! Words are compared lower case, a plural's `s` dropped; Chinese, written without spaces,
//! is compared by its pairs of adjacent characters. A word that tells nothing apart is left
//! out: in English the list below; in the other languages their small words, and any word
//! that three or more of the seven prompts share.

use crate::i18n::Locale;
use crate::wording::upgrade::prompt;
use leptos_i18n::Locale as _;
use unimargin::upgrade::UpgradeBlocker;

/// Words every English prompt shares, or that tell nothing apart.
const COMMON: &[&str] = &[
    "a",
    "an",
    "and",
    "the",
    "to",
    "is",
    "for",
    "of",
    "in",
    "your",
    "or",
    "due",
    "not",
    "supported",
    "support",
    "upgrade",
    "upgrading",
    "unified",
    "trading",
    "account",
    "uta",
    "user",
];

/// The small words of Spanish and French that tell nothing apart.
const SMALL_WORDS: &[&str] = &[
    // Spanish
    "a", "al", "de", "del", "el", "la", "las", "lo", "los", "en", "un", "una", "o", "y", "no", "se",
    "su", "tu", "por", "para", "con", "que", "es", "esta", "está", // French
    "au", "aux", "d", "des", "du", "l", "le", "les", "une", "ou", "et", "n", "ne", "pas", "est",
    "pour", "par", "dans", "votre", "vos", "sur",
];

/// How many of the seven prompts may share a word that still tells them apart.
const TELLING_AT_MOST: usize = 2;

/// Whether a character is written without spaces between words (Chinese).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// The words of a text, lower case, a plural's `s` dropped (`traders` → `trader`); a run of
/// Chinese characters gives its pairs of adjacent characters (a lone one, itself).
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut latin = String::new();
        let mut han: Vec<char> = Vec::new();
        for c in word.chars().chain(std::iter::once(' ')) {
            if is_cjk(c) {
                push_latin(&mut out, &mut latin);
                han.push(c);
            } else {
                push_han(&mut out, &mut han);
                if c != ' ' {
                    latin.push(c);
                }
            }
        }
        push_latin(&mut out, &mut latin);
    }
    out.sort();
    out.dedup();
    out
}

fn push_latin(out: &mut Vec<String>, latin: &mut String) {
    if latin.is_empty() {
        return;
    }
    let w = latin.to_lowercase();
    latin.clear();
    out.push(match w.strip_suffix('s') {
        Some(stem) if stem.chars().count() > 3 && !stem.ends_with('s') => stem.to_string(),
        _ => w,
    });
}

fn push_han(out: &mut Vec<String>, han: &mut Vec<char>) {
    match han.as_slice() {
        [] => {}
        [one] => out.push(one.to_string()),
        all => out.extend(all.windows(2).map(|pair| pair.iter().collect::<String>())),
    }
    han.clear();
}

/// The words of an English text that can tell prompts apart.
fn words(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter(|w| !COMMON.contains(&w.as_str()))
        .collect()
}

/// Words a person may use instead of a prompt's own, in each language.
fn extra(blocker: UpgradeBlocker, locale: Locale) -> &'static str {
    match (blocker, locale) {
        (UpgradeBlocker::ThirdPartyLogin, Locale::en) => "telegram third party",
        (UpgradeBlocker::ThirdPartyLogin, Locale::zh) => "telegram 第三方 电报",
        (UpgradeBlocker::ThirdPartyLogin, Locale::es) => "telegram terceros",
        (UpgradeBlocker::ThirdPartyLogin, Locale::fr) => "telegram tierce tiers",
        (UpgradeBlocker::ActiveTradingBots, Locale::zh) => "bot 机器人",
        (UpgradeBlocker::ActiveTradingBots, _) => "bot",
        (UpgradeBlocker::UnsupportedRegion, Locale::zh) => "kyc 身份认证",
        (UpgradeBlocker::UnsupportedRegion, _) => "kyc",
        (UpgradeBlocker::EliteTraderOrSignalProvider, Locale::zh) => "带单",
        _ => "",
    }
}

/// The words that point to a blocker in one language: its prompt's, and a few a person may
/// use instead.
fn vocabulary(blocker: UpgradeBlocker, locale: Locale) -> Vec<String> {
    let mut words = if locale == Locale::en {
        words(prompt(blocker, locale))
    } else {
        let shared_by_many = |w: &String| {
            UpgradeBlocker::ALL
                .iter()
                .filter(|&&b| tokens(prompt(b, locale)).contains(w))
                .count()
                > TELLING_AT_MOST
        };
        tokens(prompt(blocker, locale))
            .into_iter()
            .filter(|w| !SMALL_WORDS.contains(&w.as_str()) && !shared_by_many(w))
            .collect()
    };
    words.extend(tokens(extra(blocker, locale)));
    words.sort();
    words.dedup();
    words
}

/// What a pasted message matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// One prompt fits best.
    One(UpgradeBlocker),
    /// Several fit as well as each other: the person picks.
    Several(Vec<UpgradeBlocker>),
    /// No prompt shares a telling word with it.
    None,
}

/// A blocker's fit: the telling words shared, and how many its vocabulary has.
type Fit = (usize, usize);

/// Whether fit `a` is better than `b`: more words shared, then the larger share of the
/// vocabulary (shared ÷ vocabulary, compared exactly as shared × other's length; counts of
/// words, so their products fit a u128 exactly).
fn better(a: Fit, b: Fit) -> std::cmp::Ordering {
    let cross = |x: usize, y: usize| (x as u128).saturating_mul(y as u128);
    a.0.cmp(&b.0).then(cross(a.0, b.1).cmp(&cross(b.0, a.1)))
}

/// The prompt a pasted message is: the one sharing the most telling words with it, then the
/// one of which it holds the larger share, in the language it fits best.
pub fn match_message(pasted: &str) -> Match {
    let said = tokens(pasted);
    let score = |b: UpgradeBlocker| {
        Locale::get_all()
            .iter()
            .map(|&locale| {
                let vocabulary = vocabulary(b, locale);
                let shared = vocabulary.iter().filter(|w| said.contains(w)).count();
                (shared, vocabulary.len())
            })
            .max_by(|a, b| better(*a, *b))
            .unwrap_or((0, 0))
    };
    let scored: Vec<(UpgradeBlocker, Fit)> = UpgradeBlocker::ALL
        .iter()
        .map(|&b| (b, score(b)))
        .filter(|(_, (shared, _))| *shared > 0)
        .collect();
    let Some(best) = scored.iter().map(|(_, s)| *s).max_by(|a, b| better(*a, *b)) else {
        return Match::None;
    };
    let top: Vec<UpgradeBlocker> = scored
        .iter()
        .filter(|(_, s)| better(*s, best).is_eq())
        .map(|(b, _)| *b)
        .collect();
    match top[..] {
        [one] => Match::One(one),
        _ => Match::Several(top),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::upgrade::who_sees_it;

    #[test]
    fn each_prompt_matches_itself_in_every_language() {
        for locale in Locale::get_all().iter().copied() {
            for b in UpgradeBlocker::ALL {
                let words = prompt(b, locale);
                assert_eq!(match_message(words), Match::One(b), "{locale:?} {b:?}");
                // as a person may paste it: another case, no full stop, spaces around
                let pasted = format!("  {}  ", words.to_uppercase().trim_end_matches(['.', '。']));
                assert_eq!(match_message(&pasted), Match::One(b), "{pasted}");
            }
        }
    }

    #[test]
    fn the_english_prompts_are_the_source_articles() {
        for b in UpgradeBlocker::ALL {
            assert_eq!(prompt(b, Locale::en), b.prompt(), "{b:?}");
        }
    }

    #[test]
    fn the_two_copy_trading_messages_are_told_apart() {
        assert_eq!(
            match_message("not supported due to active copy trading orders"),
            Match::One(UpgradeBlocker::ActiveCopyTrading)
        );
        assert_eq!(
            match_message("ongoing copy relationship"),
            Match::One(UpgradeBlocker::ActiveCopyTrading)
        );
        assert_eq!(
            match_message("Upgrade is not supported for elite traders"),
            Match::One(UpgradeBlocker::EliteTraderOrSignalProvider)
        );
        assert_eq!(
            match_message("signal provider"),
            Match::One(UpgradeBlocker::EliteTraderOrSignalProvider)
        );
        for locale in Locale::get_all().iter().copied() {
            assert_ne!(
                who_sees_it(UpgradeBlocker::ActiveCopyTrading, locale),
                who_sees_it(UpgradeBlocker::EliteTraderOrSignalProvider, locale)
            );
        }
    }

    #[test]
    fn half_remembered_messages_find_their_prompt() {
        for (pasted, blocker) in [
            ("active trading bots", UpgradeBlocker::ActiveTradingBots),
            ("bots", UpgradeBlocker::ActiveTradingBots),
            (
                "login not supported in UTA mode",
                UpgradeBlocker::ThirdPartyLogin,
            ),
            ("I use Telegram", UpgradeBlocker::ThirdPartyLogin),
            ("Abnormal account status", UpgradeBlocker::AbnormalAccount),
            (
                "not available in your country",
                UpgradeBlocker::UnsupportedRegion,
            ),
            (
                "institutional loan",
                UpgradeBlocker::InstitutionalLoanSubAccount,
            ),
            // Chinese, remembered in part: the characters, not spaced words
            ("交易机器人", UpgradeBlocker::ActiveTradingBots),
            ("跟单关系", UpgradeBlocker::ActiveCopyTrading),
            ("精英交易员", UpgradeBlocker::EliteTraderOrSignalProvider),
            ("机构借贷", UpgradeBlocker::InstitutionalLoanSubAccount),
            ("账户状态异常", UpgradeBlocker::AbnormalAccount),
            ("国家或地区", UpgradeBlocker::UnsupportedRegion),
            ("第三方登录", UpgradeBlocker::ThirdPartyLogin),
            // Spanish
            ("bots de trading activos", UpgradeBlocker::ActiveTradingBots),
            ("relación de copia", UpgradeBlocker::ActiveCopyTrading),
            ("traders élite", UpgradeBlocker::EliteTraderOrSignalProvider),
            (
                "préstamos institucionales",
                UpgradeBlocker::InstitutionalLoanSubAccount,
            ),
            (
                "estado de la cuenta anómalo",
                UpgradeBlocker::AbnormalAccount,
            ),
            ("en tu país", UpgradeBlocker::UnsupportedRegion),
            ("inicio de sesión", UpgradeBlocker::ThirdPartyLogin),
            // French
            ("bots de trading actifs", UpgradeBlocker::ActiveTradingBots),
            (
                "relation de copie en cours",
                UpgradeBlocker::ActiveCopyTrading,
            ),
            (
                "fournisseur de signaux",
                UpgradeBlocker::EliteTraderOrSignalProvider,
            ),
            (
                "prêt institutionnel",
                UpgradeBlocker::InstitutionalLoanSubAccount,
            ),
            ("statut de compte anormal", UpgradeBlocker::AbnormalAccount),
            ("dans votre pays", UpgradeBlocker::UnsupportedRegion),
            ("la connexion", UpgradeBlocker::ThirdPartyLogin),
        ] {
            assert_eq!(match_message(pasted), Match::One(blocker), "{pasted}");
        }
    }

    #[test]
    fn a_message_that_is_none_of_them_says_so() {
        assert_eq!(match_message(""), Match::None);
        for locale in Locale::get_all().iter().copied() {
            // what every prompt of a language says, and nothing that tells them apart
            let common = match locale {
                Locale::en => "Upgrade to a unified trading account is not supported",
                Locale::zh => "暂不支持升级统一账户",
                Locale::es => "No se admite la actualización a una cuenta de trading unificada",
                Locale::fr => {
                    "La mise à niveau vers un compte de trading unifié n'est pas prise en charge"
                }
            };
            assert_eq!(match_message(common), Match::None, "{locale:?}");
        }
        assert_eq!(match_message("network error 502"), Match::None);
        // "active" alone fits the bots' prompt best (half its words), the copy one less
        assert_eq!(
            match_message("active"),
            Match::One(UpgradeBlocker::ActiveTradingBots)
        );
    }
}
