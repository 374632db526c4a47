//! The terms of the trade, each explained in one short line where the page uses it (a tip a
//! person opens by tap, click or keyboard: `ui::tip`). One place for the words, so the
//! translations to come have one place to start from.

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
    /// The term's name, as the tip's button says it ("What is MMR?").
    pub fn name(self) -> &'static str {
        match self {
            Term::Equity => "equity",
            Term::AdjustedEquity => "adjusted equity",
            Term::MarginReserved => "margin reserved",
            Term::AvailableMargin => "available margin",
            Term::MaintenanceMargin => "maintenance margin",
            Term::PositionValue => "position value",
            Term::AccountLeverage => "account leverage",
            Term::CrossMarginRate => "the cross margin rate",
            Term::Haircut => "a haircut",
            Term::DiscountTiers => "a discount tier",
            Term::BorrowingTiers => "a borrowing tier",
            Term::DebtUpTo => "“debt up to”",
            Term::Mmr => "MMR",
            Term::PositionTiers => "a position tier",
            Term::Leverage => "leverage",
            Term::TakerFee => "the taker fee",
            Term::LiquidationFee => "the liquidation fee",
            Term::HourlyInterest => "hourly interest",
            Term::InterestFree => "the interest-free amount",
            Term::MarkPrice => "the mark price",
            Term::Settle => "the settle coin",
            Term::Notional => "notional",
            Term::SpotTradingLoss => "a spot trading loss",
            Term::Headroom => "headroom",
            Term::SizeStep => "the size step",
            Term::Unbounded => "“unbounded”",
            Term::TakenOver => "“taken over”",
            Term::Basis => "the basis",
            Term::HedgeMode => "hedge mode",
            Term::IndexPrice => "an index price",
            Term::ExchangeTables => "the exchange tables",
        }
    }

    /// What it means, in one short line.
    pub fn text(self) -> &'static str {
        match self {
            Term::Equity => "Everything you hold at its USD price, with the unrealized profit and loss of your positions; a loan counts as a minus.",
            Term::AdjustedEquity => "What your coins count for as margin: each coin's value at its discount rate, less what pending spot orders would cost.",
            Term::MarginReserved => "The initial margin your loans, positions and open orders hold back.",
            Term::AvailableMargin => "Adjusted equity less margin reserved: what new orders can still use.",
            Term::MaintenanceMargin => "The margin your loans and positions must keep. When it reaches adjusted equity, liquidation starts.",
            Term::PositionValue => "Your futures at their mark price plus your loans, in USD.",
            Term::AccountLeverage => "Position value ÷ adjusted equity.",
            Term::CrossMarginRate => "(Maintenance margin + liquidation fees) ÷ adjusted equity: warning from 80 %, liquidation from 100 % unless your settings say otherwise.",
            Term::Haircut => "The part of a coin's value that does not count as margin: 2 % of it at a discount rate of 98 %.",
            Term::DiscountTiers => "A coin's USD value is cut into slices, like tax brackets, each counted at its tier's rate (98 %: 98 of every 100 USD count).",
            Term::BorrowingTiers => "How a debt of the coin is margined: initial margin = debt ÷ leverage, maintenance = debt × MMR, the tier set by the size of the debt.",
            Term::DebtUpTo => "The tier holds a debt of up to this many coins; the last tier, left empty, holds any larger debt.",
            Term::Mmr => "Maintenance margin rate: the share of a position's or a loan's value it must keep as margin.",
            Term::PositionTiers => "The MMR of a contract's side, set by its notional in USD: larger positions keep more.",
            Term::Leverage => "The leverage set on the contract: a position's initial margin is its notional ÷ leverage, plus the taker fee.",
            Term::TakerFee => "The fee of an order that trades at once. A futures order's initial margin holds it.",
            Term::LiquidationFee => "The fee charged on what partial liquidation closes.",
            Term::HourlyInterest => "Interest on the coin's debt each hour, as a percentage of the debt.",
            Term::InterestFree => "Debt that comes from a position's loss bears no interest up to this many coins.",
            Term::MarkPrice => "The contract's fair price: PnL and margin are worked out at it.",
            Term::Settle => "The coin a contract's profit, loss and margin are paid in.",
            Term::Notional => "Size × mark price, in USD.",
            Term::SpotTradingLoss => "What a pending spot order, read as filled, takes off what your coins count for. A gain counts only once it fills.",
            Term::Headroom => "Adjusted equity after the order less margin reserved after it: at 0 or above, the order is accepted.",
            Term::SizeStep => "The exchange's smallest size increment for this order (0.001 BTC, say): the largest size that passes is a multiple of it.",
            Term::Unbounded => "No finite value: adjusted equity is at or below 0, so any margin at all is past 100 %.",
            Term::TakenOver => "The platform takes over the account's assets and positions, when partial liquidation cannot make it safe.",
            Term::Basis => "The gap between a contract's mark price and the coin's own price; a what-if price keeps it.",
            Term::HedgeMode => "A long and a short of one contract held at the same time; the larger side's margin counts.",
            Term::IndexPrice => "The USD price of a stablecoin, used for everything quoted or settled in it.",
            Term::ExchangeTables => "The exchange's own numbers for this coin or contract (discount, borrowing and position tiers, fees, interest). Your exchange's help centre publishes them.",
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
            let text = term.text();
            assert!(text.len() <= 200, "{term:?} is {} long", text.len());
            assert!(text.ends_with('.'), "{term:?}");
            assert!(!term.name().is_empty());
            // one sentence or two short ones, never a paragraph
            assert!(text.matches(". ").count() <= 1, "{term:?}");
        }
    }
}
