//! The upgrade checker (RULES §10) in words: the seven refusal prompts as the platform shows
//! them in each language, who sees each, the remedies, what a pasted message matched, and
//! what the mode rules say of the account, from the engine's typed [`UpgradeBlocker`] and
//! [`ModeReason`].

use super::say::{fill, grouped, singular, usd};
use crate::i18n::{td_string, Locale};
use crate::refusal::Match;
use unimargin::upgrade::{ModeReason, UpgradeBlocker, ADVANCED_MODE_MIN_EQUITY_USD};

/// The prompt the platform shows, in the language (the source article's words in English).
pub fn prompt(blocker: UpgradeBlocker, locale: Locale) -> &'static str {
    match blocker {
        UpgradeBlocker::EliteTraderOrSignalProvider => {
            td_string!(
                locale,
                messages.upgrade.prompt.elite_trader_or_signal_provider
            )
        }
        UpgradeBlocker::ActiveCopyTrading => {
            td_string!(locale, messages.upgrade.prompt.active_copy_trading)
        }
        UpgradeBlocker::ActiveTradingBots => {
            td_string!(locale, messages.upgrade.prompt.active_trading_bots)
        }
        UpgradeBlocker::InstitutionalLoanSubAccount => {
            td_string!(
                locale,
                messages.upgrade.prompt.institutional_loan_sub_account
            )
        }
        UpgradeBlocker::ThirdPartyLogin => {
            td_string!(locale, messages.upgrade.prompt.third_party_login)
        }
        UpgradeBlocker::AbnormalAccount => {
            td_string!(locale, messages.upgrade.prompt.abnormal_account)
        }
        UpgradeBlocker::UnsupportedRegion => {
            td_string!(locale, messages.upgrade.prompt.unsupported_region)
        }
    }
}

/// The prompt quoted as the language quotes: “…” in English and Chinese, «…» in Spanish,
/// « … » in French.
pub fn quoted_prompt(blocker: UpgradeBlocker, locale: Locale) -> String {
    fill(
        td_string!(locale, messages.upgrade.quoted),
        &[("prompt", prompt(blocker, locale))],
    )
}

/// Who sees the message, in a line that tells the two copy-trading cases apart.
pub fn who_sees_it(blocker: UpgradeBlocker, locale: Locale) -> &'static str {
    match blocker {
        UpgradeBlocker::EliteTraderOrSignalProvider => {
            td_string!(locale, messages.upgrade.who.elite_trader_or_signal_provider)
        }
        UpgradeBlocker::ActiveCopyTrading => {
            td_string!(locale, messages.upgrade.who.active_copy_trading)
        }
        UpgradeBlocker::ActiveTradingBots => {
            td_string!(locale, messages.upgrade.who.active_trading_bots)
        }
        UpgradeBlocker::InstitutionalLoanSubAccount => {
            td_string!(locale, messages.upgrade.who.institutional_loan_sub_account)
        }
        UpgradeBlocker::ThirdPartyLogin => {
            td_string!(locale, messages.upgrade.who.third_party_login)
        }
        UpgradeBlocker::AbnormalAccount => {
            td_string!(locale, messages.upgrade.who.abnormal_account)
        }
        UpgradeBlocker::UnsupportedRegion => {
            td_string!(locale, messages.upgrade.who.unsupported_region)
        }
    }
}

/// What to do about it, as the article says, web and app paths included.
pub fn remedy(blocker: UpgradeBlocker, locale: Locale) -> Vec<&'static str> {
    match blocker {
        UpgradeBlocker::EliteTraderOrSignalProvider => vec![
            td_string!(locale, messages.upgrade.remedy.elite_revoke),
            td_string!(locale, messages.upgrade.remedy.elite_web),
            td_string!(locale, messages.upgrade.remedy.elite_app),
            td_string!(locale, messages.upgrade.remedy.elite_signal),
        ],
        UpgradeBlocker::ActiveCopyTrading => {
            vec![td_string!(
                locale,
                messages.upgrade.remedy.active_copy_trading
            )]
        }
        UpgradeBlocker::ActiveTradingBots => {
            vec![td_string!(
                locale,
                messages.upgrade.remedy.active_trading_bots
            )]
        }
        UpgradeBlocker::InstitutionalLoanSubAccount => vec![td_string!(
            locale,
            messages.upgrade.remedy.institutional_loan_sub_account
        )],
        UpgradeBlocker::ThirdPartyLogin => {
            vec![td_string!(
                locale,
                messages.upgrade.remedy.third_party_login
            )]
        }
        UpgradeBlocker::AbnormalAccount => {
            vec![td_string!(locale, messages.upgrade.remedy.abnormal_account)]
        }
        UpgradeBlocker::UnsupportedRegion => {
            vec![td_string!(
                locale,
                messages.upgrade.remedy.unsupported_region
            )]
        }
    }
}

/// What a pasted message matched, said under the field.
pub fn match_note(found: &Match, locale: Locale) -> String {
    match found {
        Match::One(_) => td_string!(locale, messages.upgrade.match_found).into(),
        Match::Several(list) => fill(
            td_string!(locale, messages.upgrade.match_several),
            &[("count", &list.len().to_string())],
        ),
        Match::None => td_string!(locale, messages.upgrade.match_none).into(),
    }
}

/// What the mode rules say of the account, as a sentence.
pub fn mode_reason(reason: &ModeReason, locale: Locale) -> String {
    let minimum = format!("{} USD", grouped(ADVANCED_MODE_MIN_EQUITY_USD, locale));
    match reason {
        ModeReason::OpenOrders { count } => fill(
            if singular(*count) {
                td_string!(locale, messages.upgrade.mode.open_orders_singular)
            } else {
                td_string!(locale, messages.upgrade.mode.open_orders_plural)
            },
            &[("count", &count.to_string())],
        ),
        ModeReason::Positions { count } => fill(
            if singular(*count) {
                td_string!(locale, messages.upgrade.mode.positions_singular)
            } else {
                td_string!(locale, messages.upgrade.mode.positions_plural)
            },
            &[("count", &count.to_string())],
        ),
        ModeReason::Debts { debts } => {
            let debts: Vec<String> = debts
                .iter()
                .map(|d| format!("{} {}", grouped(d.amount, locale), d.coin))
                .collect();
            fill(
                td_string!(locale, messages.upgrade.mode.debts),
                &[(
                    "debts",
                    &debts.join(td_string!(locale, messages.upgrade.mode.debt_separator)),
                )],
            )
        }
        ModeReason::AdvancedModeEligible { equity } => fill(
            td_string!(locale, messages.upgrade.mode.advanced_eligible),
            &[("equity", &usd(*equity, locale)), ("minimum", &minimum)],
        ),
        ModeReason::AdvancedModeNeedsEquity { equity } => fill(
            td_string!(locale, messages.upgrade.mode.advanced_needs_equity),
            &[("equity", &usd(*equity, locale)), ("minimum", &minimum)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unimargin::upgrade::Debt;
    use unimargin::Decimal;

    const OTHERS: [Locale; 3] = [Locale::zh, Locale::es, Locale::fr];

    #[test]
    fn every_blocker_in_every_language_the_english_the_articles() {
        for b in UpgradeBlocker::ALL {
            assert_eq!(prompt(b, Locale::en), b.prompt());
            assert_eq!(remedy(b, Locale::en), b.remedy());
            for locale in OTHERS {
                assert_ne!(prompt(b, locale), b.prompt());
                assert_ne!(who_sees_it(b, locale), who_sees_it(b, Locale::en));
                let theirs = remedy(b, locale);
                assert_eq!(theirs.len(), b.remedy().len());
                for (line, english) in theirs.iter().zip(b.remedy()) {
                    assert_ne!(line, english);
                }
            }
        }
    }

    #[test]
    fn the_mode_reasons_in_every_language_the_english_the_engines() {
        let reasons = [
            ModeReason::OpenOrders { count: 1 },
            ModeReason::OpenOrders { count: 2 },
            ModeReason::Positions { count: 1 },
            ModeReason::Positions { count: 3 },
            ModeReason::Debts {
                debts: vec![
                    Debt {
                        coin: "USDT".into(),
                        amount: "1500.5".parse().unwrap(),
                    },
                    Debt {
                        coin: "DOT".into(),
                        amount: Decimal::from(5),
                    },
                ],
            },
            ModeReason::AdvancedModeEligible {
                equity: Decimal::from(35000),
            },
            ModeReason::AdvancedModeNeedsEquity {
                equity: "999.5".parse().unwrap(),
            },
        ];
        for r in &reasons {
            let english = mode_reason(r, Locale::en);
            assert_eq!(english, r.to_string());
            for locale in OTHERS {
                let got = mode_reason(r, locale);
                assert_ne!(got, english);
                assert!(!got.contains('{'), "{got}");
            }
        }
        assert_eq!(
            mode_reason(&reasons[4], Locale::zh),
            "切换模式前，请偿还负债（1,500.5 USDT、5 DOT）。"
        );
        assert_eq!(
            mode_reason(&reasons[6], Locale::es),
            "El modo avanzado necesita una equity de la cuenta de al menos 1000 USD; esta cuenta tiene 999,50 USD."
        );
        assert_eq!(
            mode_reason(&reasons[1], Locale::fr),
            "Annulez les 2 ordres ouverts avant de changer de mode."
        );
    }

    #[test]
    fn the_match_notes_in_every_language() {
        let notes = [
            Match::One(UpgradeBlocker::AbnormalAccount),
            Match::Several(vec![
                UpgradeBlocker::ActiveCopyTrading,
                UpgradeBlocker::ActiveTradingBots,
            ]),
            Match::None,
        ];
        assert_eq!(
            match_note(&notes[1], Locale::en),
            "It could be any of 2 messages; pick yours in the list."
        );
        for m in &notes {
            for locale in OTHERS {
                assert_ne!(match_note(m, locale), match_note(m, Locale::en));
            }
        }
    }
}
