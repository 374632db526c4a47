//! RULES §10: account modes, and why an upgrade to the unified trading account is refused
//! (the seven prompts of the source article `000_1a3a5c2ef542c51c.txt`, each with its remedy).

use crate::report::Report;
use crate::text::{group_thousands, usd};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A reason the platform refuses an upgrade to the unified trading account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UpgradeBlocker {
    /// The account is a copy-trading elite trader or a signal provider.
    EliteTraderOrSignalProvider,
    /// The account has active copy-trading orders or copies an elite trader.
    ActiveCopyTrading,
    /// The account runs trading bots.
    ActiveTradingBots,
    /// The account is an institutional-loan sub-account.
    InstitutionalLoanSubAccount,
    /// The person logged in through a third-party app such as Telegram.
    ThirdPartyLogin,
    /// The account is flagged abnormal.
    AbnormalAccount,
    /// The country or region of the identity verification is not supported.
    UnsupportedRegion,
}

impl UpgradeBlocker {
    /// All seven, in the article's order.
    pub const ALL: [UpgradeBlocker; 7] = [
        UpgradeBlocker::EliteTraderOrSignalProvider,
        UpgradeBlocker::ActiveCopyTrading,
        UpgradeBlocker::ActiveTradingBots,
        UpgradeBlocker::InstitutionalLoanSubAccount,
        UpgradeBlocker::ThirdPartyLogin,
        UpgradeBlocker::AbnormalAccount,
        UpgradeBlocker::UnsupportedRegion,
    ];

    /// What the person ticks in the checker.
    pub fn question(self) -> &'static str {
        match self {
            Self::EliteTraderOrSignalProvider => {
                "I am a copy-trading elite trader or signal provider"
            }
            Self::ActiveCopyTrading => {
                "I have active copy-trading orders or I copy an elite trader"
            }
            Self::ActiveTradingBots => "I have active trading bots",
            Self::InstitutionalLoanSubAccount => "This is an institutional-loan sub-account",
            Self::ThirdPartyLogin => "I logged in through a third-party app such as Telegram",
            Self::AbnormalAccount => "My account has been flagged as abnormal",
            Self::UnsupportedRegion => "My verified country or region is not supported",
        }
    }

    /// The prompt the platform shows, as the article quotes it.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::EliteTraderOrSignalProvider => "Upgrade to a unified trading account is not supported for elite traders or signal providers",
            Self::ActiveCopyTrading => "Upgrade to a unified trading account is not supported due to active copy trading orders or an ongoing copy relationship",
            Self::ActiveTradingBots => "Upgrade not supported due to active trading bots.",
            Self::InstitutionalLoanSubAccount => "Upgrade to a unified trading account is not supported for institutional loan users",
            Self::ThirdPartyLogin => "Login is not supported in unified trading account mode",
            Self::AbnormalAccount => "Abnormal account status. Upgrade to a unified trading account is not supported.",
            Self::UnsupportedRegion => "Upgrade to a unified trading account is not supported in your country or region.",
        }
    }

    /// What to do about it, as the article says, web and app paths included.
    pub fn remedy(self) -> &'static [&'static str] {
        match self {
            Self::EliteTraderOrSignalProvider => &[
                "Go to the copy trading page, revoke your copy trading status, and try again.",
                "Web (revoking elite trader status only), e.g. for spot elite traders: Copy trading page → User info → Personal settings → Revoke status.",
                "App, e.g. for spot elite traders: Copy trading page → My assets → Spot → Settings → Revoke status.",
                "Signal providers: Copy trading page → Signal page → Settings → Revoke status.",
            ],
            Self::ActiveCopyTrading => &[
                "Go to the copy trading page, cancel any active copy trading orders or stop copying the elite trader you are currently copying, then try again.",
            ],
            Self::ActiveTradingBots => &["Go to the trading bots page, stop any active bots, then try again."],
            Self::InstitutionalLoanSubAccount => &[
                "Only institutional loan main accounts can be upgraded: upgrade the main account instead; this sub-account cannot be.",
            ],
            Self::ThirdPartyLogin => &[
                "Telegram and other third-party applications do not support unified trading account mode: log in on the platform's own web site or app to upgrade and trade.",
            ],
            Self::AbnormalAccount => &[
                "Your account does not allow upgrading to a unified trading account; there is nothing to change on your side.",
            ],
            Self::UnsupportedRegion => &[
                "The unified trading account is not offered in your country or region, based on your identity verification; it cannot be enabled.",
            ],
        }
    }

    /// Whether the person can remove the blocker themselves.
    pub fn can_be_fixed(self) -> bool {
        matches!(
            self,
            Self::EliteTraderOrSignalProvider
                | Self::ActiveCopyTrading
                | Self::ActiveTradingBots
                | Self::ThirdPartyLogin
        )
    }
}

/// One blocker found. Its words (the platform's prompt and the remedy) are the blocker's
/// own, [`UpgradeBlocker::prompt`] and [`UpgradeBlocker::remedy`]; they are written with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockerVerdict {
    pub blocker: UpgradeBlocker,
    pub can_be_fixed: bool,
}

impl Serialize for BlockerVerdict {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Written {
            blocker: UpgradeBlocker,
            prompt: &'static str,
            remedy: &'static [&'static str],
            can_be_fixed: bool,
        }
        Written {
            blocker: self.blocker,
            prompt: self.blocker.prompt(),
            remedy: self.blocker.remedy(),
            can_be_fixed: self.can_be_fixed,
        }
        .serialize(s)
    }
}

/// The answer of the upgrade checker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpgradeVerdict {
    pub can_upgrade: bool,
    /// In the article's order, whatever order they were ticked in.
    pub blockers: Vec<BlockerVerdict>,
}

/// The upgrade goes ahead only when none of the seven blockers applies.
pub fn upgrade_check(ticked: &[UpgradeBlocker]) -> UpgradeVerdict {
    let blockers: Vec<BlockerVerdict> = UpgradeBlocker::ALL
        .iter()
        .filter(|b| ticked.contains(b))
        .map(|&b| BlockerVerdict {
            blocker: b,
            can_be_fixed: b.can_be_fixed(),
        })
        .collect();
    UpgradeVerdict {
        can_upgrade: blockers.is_empty(),
        blockers,
    }
}

/// The equity advanced mode requires, in USD.
pub const ADVANCED_MODE_MIN_EQUITY_USD: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// What the scenario says about account modes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModeCheck {
    /// Switching modes needs no open orders, no positions and no debt.
    pub can_switch_modes: bool,
    /// Advanced mode needs account equity of at least 1,000 USD (and a passed quiz).
    pub advanced_mode_eligible: bool,
    /// What stands in the way, or that nothing does (written as sentences).
    pub reasons: Vec<ModeReason>,
}

/// A debt that stands in the way of switching modes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debt {
    pub coin: String,
    pub amount: Decimal,
}

/// What the mode rules say about an account, with its figures. `Display` (and
/// serialization) is the English sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModeReason {
    /// Open orders to cancel before switching modes.
    OpenOrders { count: usize },
    /// Positions to close before switching modes.
    Positions { count: usize },
    /// Debts to repay before switching modes.
    Debts { debts: Vec<Debt> },
    /// Account equity meets advanced mode's minimum.
    AdvancedModeEligible { equity: Decimal },
    /// Account equity below advanced mode's minimum.
    AdvancedModeNeedsEquity { equity: Decimal },
}

impl fmt::Display for ModeReason {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ModeReason::OpenOrders { count } => {
                write!(f, "Cancel the {count} open order(s) before switching modes.")
            }
            ModeReason::Positions { count } => {
                write!(f, "Close the {count} position(s) before switching modes.")
            }
            ModeReason::Debts { debts } => {
                let debts: Vec<String> = debts
                    .iter()
                    .map(|d| format!("{} {}", group_thousands(d.amount), d.coin))
                    .collect();
                write!(
                    f,
                    "Repay the debts ({}) before switching modes.",
                    debts.join(", ")
                )
            }
            ModeReason::AdvancedModeEligible { equity } => write!(
                f,
                "Account equity of {} meets advanced mode's 1,000 USD (the quiz must also be passed).",
                usd(*equity)
            ),
            ModeReason::AdvancedModeNeedsEquity { equity } => write!(
                f,
                "Advanced mode needs account equity of at least 1,000 USD; this account has {}.",
                usd(*equity)
            ),
        }
    }
}

impl Serialize for ModeReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Mode rules: switching needs no open orders, positions or debts; advanced mode needs
/// account equity ≥ 1,000 USD. Only advanced mode is available, and a sub-account that was
/// upgraded cannot go back to a classic account.
pub fn mode_check(report: &Report, open_orders: usize, positions: usize) -> ModeCheck {
    let debts: Vec<Debt> = report
        .coins
        .iter()
        .filter(|c| c.debt > Decimal::ZERO)
        .map(|c| Debt {
            coin: c.coin.clone(),
            amount: c.debt,
        })
        .collect();
    let can_switch_modes = open_orders == 0 && positions == 0 && debts.is_empty();
    let mut reasons = Vec::new();
    if open_orders > 0 {
        reasons.push(ModeReason::OpenOrders { count: open_orders });
    }
    if positions > 0 {
        reasons.push(ModeReason::Positions { count: positions });
    }
    if !debts.is_empty() {
        reasons.push(ModeReason::Debts { debts });
    }
    let equity = report.account.account_equity;
    let advanced_mode_eligible = equity >= ADVANCED_MODE_MIN_EQUITY_USD;
    if advanced_mode_eligible {
        reasons.push(ModeReason::AdvancedModeEligible { equity });
    } else {
        reasons.push(ModeReason::AdvancedModeNeedsEquity { equity });
    }
    ModeCheck {
        can_switch_modes,
        advanced_mode_eligible,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_blocker_refuses_the_upgrade_with_its_own_remedy() {
        assert!(upgrade_check(&[]).can_upgrade);
        let mut remedies = std::collections::HashSet::new();
        for blocker in UpgradeBlocker::ALL {
            let verdict = upgrade_check(&[blocker]);
            assert!(!verdict.can_upgrade, "{blocker:?}");
            assert_eq!(verdict.blockers.len(), 1);
            assert_eq!(verdict.blockers[0].blocker, blocker);
            assert!(
                remedies.insert(verdict.blockers[0].blocker.remedy()[0]),
                "{blocker:?} shares a remedy"
            );
        }
        // the article's paths
        let elite = upgrade_check(&[UpgradeBlocker::EliteTraderOrSignalProvider]);
        let remedy = elite.blockers[0].blocker.remedy();
        assert!(remedy
            .iter()
            .any(|r| r.contains("User info → Personal settings → Revoke status")));
        assert!(remedy
            .iter()
            .any(|r| r.contains("My assets → Spot → Settings → Revoke status")));
        assert!(remedy
            .iter()
            .any(|r| r.contains("Signal page → Settings → Revoke status")));
    }

    #[test]
    fn blockers_come_in_the_articles_order() {
        let verdict = upgrade_check(&[
            UpgradeBlocker::UnsupportedRegion,
            UpgradeBlocker::ActiveTradingBots,
        ]);
        let order: Vec<_> = verdict.blockers.iter().map(|b| b.blocker).collect();
        assert_eq!(
            order,
            [
                UpgradeBlocker::ActiveTradingBots,
                UpgradeBlocker::UnsupportedRegion
            ]
        );
        assert!(verdict.blockers[0].can_be_fixed);
        assert!(!verdict.blockers[1].can_be_fixed);
    }

    fn mode_check_of(json: &str) -> ModeCheck {
        let scenario = crate::parse_scenario(json).unwrap();
        let report = crate::evaluate_scenario(&scenario).unwrap();
        mode_check(&report, scenario.orders.len(), scenario.positions.len())
    }

    #[test]
    fn switching_needs_no_orders_positions_or_debts_and_advanced_needs_1000_usd() {
        // 1 BTC at 50,000: nothing open, no debt, 50,000 ≥ 1,000
        let clean = mode_check_of(
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"50000"}]}"#,
        );
        assert!(clean.can_switch_modes && clean.advanced_mode_eligible);
        // 999.99 USD of equity is not enough
        let small = mode_check_of(
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"999.99"}]}"#,
        );
        assert!(small.can_switch_modes && !small.advanced_mode_eligible);
        assert_eq!(
            small.reasons,
            [ModeReason::AdvancedModeNeedsEquity {
                equity: "999.99".parse().unwrap()
            }]
        );
        assert!(
            small.reasons[0].to_string().contains("999.99 USD"),
            "{:?}",
            small.reasons
        );
        // a DOT debt of 20 and a pending order stand in the way
        let busy = mode_check_of(
            r#"{"format":"unimargin/scenario@1","coins":[
            {"coin":"USDT","balance":"5000"},
            {"coin":"DOT","balance":"-20","price":"5","loan_tiers":[{"leverage":"10","mmr":"0.1"}]}],
            "orders":[{"market":"spot","side":"buy","base":"DOT","quote":"USDT","size":"1","price":"5"}]}"#,
        );
        assert!(!busy.can_switch_modes);
        assert_eq!(
            busy.reasons[0].to_string(),
            "Cancel the 1 open order(s) before switching modes."
        );
        assert_eq!(
            busy.reasons[1].to_string(),
            "Repay the debts (20 DOT) before switching modes."
        );
    }
}
