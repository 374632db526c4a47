//! The upgrade checker starts from the message the platform showed: a message pasted (or
//! half remembered) is matched to one of the seven refusal prompts of the source article,
//! by the words that tell them apart.

use unimargin::upgrade::UpgradeBlocker;

/// Words every prompt shares, or that tell nothing apart.
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

/// The words of a text that can tell prompts apart: lower case, letters only, a plural's
/// `s` dropped (`traders` → `trader`).
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if stem.len() > 3 && !stem.ends_with('s') => stem.to_string(),
                _ => w,
            }
        })
        .filter(|w| !COMMON.contains(&w.as_str()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The words that point to a blocker: its prompt's, and a few a person may use instead.
fn vocabulary(blocker: UpgradeBlocker) -> Vec<String> {
    let extra: &[&str] = match blocker {
        UpgradeBlocker::ThirdPartyLogin => &["telegram", "third", "party"],
        UpgradeBlocker::ActiveTradingBots => &["bot"],
        UpgradeBlocker::UnsupportedRegion => &["kyc"],
        _ => &[],
    };
    let mut words = words(blocker.prompt());
    words.extend(extra.iter().map(|w| w.to_string()));
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

/// The prompt a pasted message is: the one sharing the most telling words with it, then the
/// one of which it holds the larger share.
pub fn match_message(pasted: &str) -> Match {
    let said = words(pasted);
    let score = |b: UpgradeBlocker| {
        let vocabulary = vocabulary(b);
        let shared = vocabulary.iter().filter(|w| said.contains(w)).count();
        // shared ÷ vocabulary, compared exactly as shared × other's length
        (shared, vocabulary.len())
    };
    let scored: Vec<(UpgradeBlocker, (usize, usize))> = UpgradeBlocker::ALL
        .iter()
        .map(|&b| (b, score(b)))
        .filter(|(_, (shared, _))| *shared > 0)
        .collect();
    let better =
        |a: (usize, usize), b: (usize, usize)| a.0.cmp(&b.0).then((a.0 * b.1).cmp(&(b.0 * a.1)));
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

/// Who sees the message, in a line that tells the two copy-trading cases apart.
pub fn who_sees_it(blocker: UpgradeBlocker) -> &'static str {
    match blocker {
        UpgradeBlocker::EliteTraderOrSignalProvider => {
            "You lead copy trading: others copy you, as an elite trader or a signal provider."
        }
        UpgradeBlocker::ActiveCopyTrading => {
            "You follow someone: you have copy-trading orders open, or you copy an elite trader."
        }
        UpgradeBlocker::ActiveTradingBots => "You have trading bots running.",
        UpgradeBlocker::InstitutionalLoanSubAccount => {
            "You are in a sub-account of an institutional loan."
        }
        UpgradeBlocker::ThirdPartyLogin => "You logged in through another app, such as Telegram.",
        UpgradeBlocker::AbnormalAccount => "The platform has flagged the account.",
        UpgradeBlocker::UnsupportedRegion => {
            "Your identity verification is from a country or region without the unified account."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_prompt_matches_itself() {
        for b in UpgradeBlocker::ALL {
            assert_eq!(match_message(b.prompt()), Match::One(b), "{b:?}");
            // as a person may paste it: another case, no full stop, spaces around
            let pasted = format!("  {}  ", b.prompt().to_uppercase().trim_end_matches('.'));
            assert_eq!(match_message(&pasted), Match::One(b), "{pasted}");
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
        assert_ne!(
            who_sees_it(UpgradeBlocker::ActiveCopyTrading),
            who_sees_it(UpgradeBlocker::EliteTraderOrSignalProvider)
        );
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
        ] {
            assert_eq!(match_message(pasted), Match::One(blocker), "{pasted}");
        }
    }

    #[test]
    fn a_message_that_is_none_of_them_says_so() {
        assert_eq!(match_message(""), Match::None);
        assert_eq!(
            match_message("Upgrade to a unified trading account is not supported"),
            Match::None
        );
        assert_eq!(match_message("network error 502"), Match::None);
        // "active" alone fits the bots' prompt best (half its words), the copy one less
        assert_eq!(
            match_message("active"),
            Match::One(UpgradeBlocker::ActiveTradingBots)
        );
    }
}
