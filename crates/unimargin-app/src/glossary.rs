//! The terms of the trade, each explained in one short line where the page uses it (a tip a
//! person opens by tap, click or keyboard: `ui::tip`), in the page's language (namespace
//! `ui`, keys `term.<name>.ask` and `.text`; the glossaries in `docs/glossary/` keep the
//! translations' words consistent).

use crate::i18n::{td_string, Locale};

/// A term the page explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    Equity,
    AdjustedEquity,
    MarginReserved,
    AvailableMargin,
    MaintenanceMargin,
    PositionValue,
    AccountLeverage,
    CrossMarginRate,
    Haircut,
    DiscountTiers,
    BorrowingTiers,
    DebtUpTo,
    Mmr,
    PositionTiers,
    Leverage,
    TakerFee,
    LiquidationFee,
    HourlyInterest,
    InterestFree,
    MarkPrice,
    Settle,
    Notional,
    SpotTradingLoss,
    Headroom,
    SizeStep,
    Unbounded,
    TakenOver,
    Basis,
    HedgeMode,
    IndexPrice,
    ExchangeTables,
}

impl Term {
    /// The tip's question, for its button's accessible name ("What is MMR?").
    pub fn ask(self, locale: Locale) -> &'static str {
        match self {
            Term::Equity => td_string!(locale, ui.term.equity.ask),
            Term::AdjustedEquity => td_string!(locale, ui.term.adjusted_equity.ask),
            Term::MarginReserved => td_string!(locale, ui.term.margin_reserved.ask),
            Term::AvailableMargin => td_string!(locale, ui.term.available_margin.ask),
            Term::MaintenanceMargin => td_string!(locale, ui.term.maintenance_margin.ask),
            Term::PositionValue => td_string!(locale, ui.term.position_value.ask),
            Term::AccountLeverage => td_string!(locale, ui.term.account_leverage.ask),
            Term::CrossMarginRate => td_string!(locale, ui.term.cross_margin_rate.ask),
            Term::Haircut => td_string!(locale, ui.term.haircut.ask),
            Term::DiscountTiers => td_string!(locale, ui.term.discount_tiers.ask),
            Term::BorrowingTiers => td_string!(locale, ui.term.borrowing_tiers.ask),
            Term::DebtUpTo => td_string!(locale, ui.term.debt_up_to.ask),
            Term::Mmr => td_string!(locale, ui.term.mmr.ask),
            Term::PositionTiers => td_string!(locale, ui.term.position_tiers.ask),
            Term::Leverage => td_string!(locale, ui.term.leverage.ask),
            Term::TakerFee => td_string!(locale, ui.term.taker_fee.ask),
            Term::LiquidationFee => td_string!(locale, ui.term.liquidation_fee.ask),
            Term::HourlyInterest => td_string!(locale, ui.term.hourly_interest.ask),
            Term::InterestFree => td_string!(locale, ui.term.interest_free.ask),
            Term::MarkPrice => td_string!(locale, ui.term.mark_price.ask),
            Term::Settle => td_string!(locale, ui.term.settle.ask),
            Term::Notional => td_string!(locale, ui.term.notional.ask),
            Term::SpotTradingLoss => td_string!(locale, ui.term.spot_trading_loss.ask),
            Term::Headroom => td_string!(locale, ui.term.headroom.ask),
            Term::SizeStep => td_string!(locale, ui.term.size_step.ask),
            Term::Unbounded => td_string!(locale, ui.term.unbounded.ask),
            Term::TakenOver => td_string!(locale, ui.term.taken_over.ask),
            Term::Basis => td_string!(locale, ui.term.basis.ask),
            Term::HedgeMode => td_string!(locale, ui.term.hedge_mode.ask),
            Term::IndexPrice => td_string!(locale, ui.term.index_price.ask),
            Term::ExchangeTables => td_string!(locale, ui.term.exchange_tables.ask),
        }
    }

    /// What it means, in one short line.
    pub fn text(self, locale: Locale) -> &'static str {
        match self {
            Term::Equity => td_string!(locale, ui.term.equity.text),
            Term::AdjustedEquity => td_string!(locale, ui.term.adjusted_equity.text),
            Term::MarginReserved => td_string!(locale, ui.term.margin_reserved.text),
            Term::AvailableMargin => td_string!(locale, ui.term.available_margin.text),
            Term::MaintenanceMargin => td_string!(locale, ui.term.maintenance_margin.text),
            Term::PositionValue => td_string!(locale, ui.term.position_value.text),
            Term::AccountLeverage => td_string!(locale, ui.term.account_leverage.text),
            Term::CrossMarginRate => td_string!(locale, ui.term.cross_margin_rate.text),
            Term::Haircut => td_string!(locale, ui.term.haircut.text),
            Term::DiscountTiers => td_string!(locale, ui.term.discount_tiers.text),
            Term::BorrowingTiers => td_string!(locale, ui.term.borrowing_tiers.text),
            Term::DebtUpTo => td_string!(locale, ui.term.debt_up_to.text),
            Term::Mmr => td_string!(locale, ui.term.mmr.text),
            Term::PositionTiers => td_string!(locale, ui.term.position_tiers.text),
            Term::Leverage => td_string!(locale, ui.term.leverage.text),
            Term::TakerFee => td_string!(locale, ui.term.taker_fee.text),
            Term::LiquidationFee => td_string!(locale, ui.term.liquidation_fee.text),
            Term::HourlyInterest => td_string!(locale, ui.term.hourly_interest.text),
            Term::InterestFree => td_string!(locale, ui.term.interest_free.text),
            Term::MarkPrice => td_string!(locale, ui.term.mark_price.text),
            Term::Settle => td_string!(locale, ui.term.settle.text),
            Term::Notional => td_string!(locale, ui.term.notional.text),
            Term::SpotTradingLoss => td_string!(locale, ui.term.spot_trading_loss.text),
            Term::Headroom => td_string!(locale, ui.term.headroom.text),
            Term::SizeStep => td_string!(locale, ui.term.size_step.text),
            Term::Unbounded => td_string!(locale, ui.term.unbounded.text),
            Term::TakenOver => td_string!(locale, ui.term.taken_over.text),
            Term::Basis => td_string!(locale, ui.term.basis.text),
            Term::HedgeMode => td_string!(locale, ui.term.hedge_mode.text),
            Term::IndexPrice => td_string!(locale, ui.term.index_price.text),
            Term::ExchangeTables => td_string!(locale, ui.term.exchange_tables.text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_explanation_is_one_short_line() {
        let all = [
            Term::Equity,
            Term::AdjustedEquity,
            Term::MarginReserved,
            Term::AvailableMargin,
            Term::MaintenanceMargin,
            Term::PositionValue,
            Term::AccountLeverage,
            Term::CrossMarginRate,
            Term::Haircut,
            Term::DiscountTiers,
            Term::BorrowingTiers,
            Term::DebtUpTo,
            Term::Mmr,
            Term::PositionTiers,
            Term::Leverage,
            Term::TakerFee,
            Term::LiquidationFee,
            Term::HourlyInterest,
            Term::InterestFree,
            Term::MarkPrice,
            Term::Settle,
            Term::Notional,
            Term::SpotTradingLoss,
            Term::Headroom,
            Term::SizeStep,
            Term::Unbounded,
            Term::TakenOver,
            Term::Basis,
            Term::HedgeMode,
            Term::IndexPrice,
            Term::ExchangeTables,
        ];
        for term in all {
            let text = term.text(Locale::en);
            assert!(text.len() <= 200, "{term:?} is {} long", text.len());
            assert!(text.ends_with('.'), "{term:?}");
            // one sentence or two short ones, never a paragraph
            assert!(text.matches(". ").count() <= 1, "{term:?}");
            for (locale, _) in crate::i18n::LANGUAGES {
                let text = term.text(locale);
                assert!(text.chars().count() <= 200, "{term:?} {locale:?}");
                assert!(text.ends_with(['.', '。']), "{term:?} {locale:?}");
                assert!(
                    term.ask(locale).ends_with(['?', '？']),
                    "{term:?} {locale:?}"
                );
                if locale != Locale::en {
                    assert_ne!(
                        text,
                        term.text(Locale::en),
                        "{term:?} {locale:?} untranslated"
                    );
                }
            }
        }
    }
}
