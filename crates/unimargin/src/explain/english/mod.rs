//! The explanations in English: the one renderer of [`Explanation`]s, for the CLI's
//! `explain` and the page (and the JS package, should it export explanations).
//!
//! Style: inputs (sizes, prices, rates) appear exactly as entered, with thousands
//! separators; computed terms appear exact (to at most 8 decimals); each line's result is in
//! USD to the cent. A conversion by a USD price of exactly 1 (a quote or settle coin at par)
//! is left out of fees, losses and futures margins; a coin's own price always shows. Rates
//! are cut (never rounded up) to 4 decimals of a percent, so that a rate below a threshold
//! never reads as the threshold.

use super::*;
use crate::text::side_name;
use serde::Serialize;

mod line;
mod words;

pub use line::line;

/// An explanation in English words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct English {
    /// The figure's name, e.g. "Adjusted equity".
    pub title: String,
    /// The rule in symbols, e.g. "Adjusted equity = Σ positive coin equity × …".
    pub formula: String,
    /// The rule with this account's numbers, one line per step, ending in the figure.
    pub worked: Vec<String>,
    /// The product's readings of vague points of the source articles, in plain words.
    pub readings: Vec<String>,
}

/// The explanations in English (the CLI's `explain` document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnglishExplanations {
    pub adjusted_equity: English,
    pub margin_reserved: English,
    pub maintenance_margin: English,
    pub cross_margin_rate: English,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<English>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<English>,
}

/// Every explanation in English.
pub fn render_all(all: &Explanations) -> EnglishExplanations {
    EnglishExplanations {
        adjusted_equity: render(&all.adjusted_equity),
        margin_reserved: render(&all.margin_reserved),
        maintenance_margin: render(&all.maintenance_margin),
        cross_margin_rate: render(&all.cross_margin_rate),
        check: all.check.as_ref().map(render),
        positions: all.positions.iter().map(render).collect(),
    }
}

/// One explanation in English.
pub fn render(x: &Explanation) -> English {
    English {
        title: title(&x.subject),
        formula: formula(x.formula).to_string(),
        worked: x.worked.iter().map(line).collect(),
        readings: x.readings.iter().map(|r| reading(*r).to_string()).collect(),
    }
}

/// The figure's name.
pub fn title(subject: &Subject) -> String {
    match subject {
        Subject::AdjustedEquity => "Adjusted equity",
        Subject::MarginReserved => "Margin reserved",
        Subject::MaintenanceMargin => "Maintenance margin",
        Subject::CrossMarginRate => "Cross margin rate",
        Subject::OrderCheck => "Order check",
        Subject::Position {
            number,
            symbol,
            side,
        } => return format!("Position {number}: {symbol} {}", side_name(*side)),
    }
    .to_string()
}

/// The rule in symbols.
pub fn formula(formula: Formula) -> &'static str {
    match formula {
        Formula::AdjustedEquity => "Adjusted equity = Σ positive coin equity × USD price × discount rate (tier by tier) + Σ negative coin equity × USD price − spot trading losses − pending fees",
        Formula::MarginReserved => "Margin reserved = Σ loans: debt × USD price ÷ leverage + Σ contracts: max(long side, short side), each side = (held size × mark price + Σ open size × order price) × (1 ÷ leverage + taker fee) × settle coin's USD price",
        Formula::MaintenanceMargin => "Maintenance margin = Σ loans: debt × USD price × maintenance margin rate + Σ contracts: max(long side, short side), each side = (held size + open size) × (maintenance margin rate + taker fee) × mark price × settle coin's USD price",
        Formula::CrossMarginRate => "Cross margin rate = (maintenance margin + partial liquidation fees) ÷ adjusted equity",
        Formula::OrderCheck => "Accepted when adjusted equity after ≥ margin reserved after, where adjusted equity after = adjusted equity − the order's spot trading loss − its fee, and margin reserved after = margin reserved + the initial margin the order adds",
        Formula::Position => "Unrealized PnL = direction × (mark price − entry price) × size, in the settle coin; initial margin = size × mark price × (1 ÷ leverage + taker fee) × settle coin's USD price; maintenance margin = size × (maintenance margin rate + taker fee) × mark price × settle coin's USD price; ROI = unrealized PnL in USD ÷ initial margin",
    }
}

/// A reading in plain words.
pub fn reading(reading: Reading) -> &'static str {
    match reading {
        Reading::DiscountLikeTaxBrackets => "A coin's USD value is discounted like tax brackets: each slice between two tier bounds counts at its own tier's rate, so only the part above a bound gets the next tier's rate.",
        Reading::TierHoldsItsUpperBound => "A tier holds its upper bound: a value exactly at a bound is in the lower tier; the next tier starts just above it.",
        Reading::DebtCountsInFull => "A coin in debt (negative equity) counts in full, without a discount. A coin without discount tiers counts for nothing.",
        Reading::PendingOrdersInListOrder => "Pending spot orders are read as filled at their limit price, one after another in list order, each on the balances the ones before it leave.",
        Reading::NoCreditBeforeTheFill => "A pending order never makes the account look safer than it is without it: its spot trading loss is taken off now, but a gain counts only once the order fills.",
        Reading::FuturesFeeInsideInitialMargin => "A futures order's fee is already inside its initial margin (the taker fee term), so it is not taken off adjusted equity a second time.",
        Reading::LoanTakesTheTierOfItsWholeDebt => "A loan takes the leverage of the borrowing tier that holds its whole debt: the debt is not cut into slices across tiers. A tier holds its upper bound.",
        Reading::NoTiersNoBorrowing => "A coin without borrowing tiers cannot be borrowed: anything that would put it in debt is refused.",
        Reading::PendingSpotOrderAddsLoanMargin => "A pending spot order adds the loan margin its fill would open; no pending order releases margin before it fills.",
        Reading::ContractReservesItsLargerSide => "A buy order adds to the long side and a sell order to the short side, and a contract reserves only its larger side: an order that only closes a position reserves nothing extra.",
        Reading::FuturesFeeIsTheTakerTerm => "A futures order's fee is its taker fee term in the initial margin.",
        Reading::FuturesOrdersCancelledBelowReserved => "When adjusted equity is below margin reserved, all futures open orders are cancelled; spot orders stay.",
        Reading::LoanTakesTheMaintenanceRateOfItsTier => "A loan takes the maintenance rate of the borrowing tier that holds its whole debt.",
        Reading::SideTakesTheTierOfItsWholeNotional => "A contract side takes the maintenance rate of the position tier that holds its whole notional at mark price, open orders included; that rate applies to the whole side, not slice by slice. A tier holds its upper bound.",
        Reading::OpenOrdersAtMark => "Open orders count at the mark price, not at their order price.",
        Reading::LargerSideSetsMaintenance => "The larger side sets a contract's maintenance margin; on a tie, the long side.",
        Reading::PendingSpotOrderAddsLoanMaintenance => "A pending spot order adds the loan maintenance margin its fill would open, and releases none before it fills.",
        Reading::LiquidationFeeOnTheBindingSide => "The partial liquidation fee is taken on the notional at mark price (held plus open orders) of the side that sets the contract's maintenance margin, the long side on a tie.",
        Reading::NothingToMaintainIsZero => "With nothing to maintain the rate is 0 %, whatever the adjusted equity.",
        Reading::NoEquityIsUnbounded => "With something to maintain and adjusted equity at or below zero, the rate is unbounded, which counts as liquidation.",
        Reading::ThresholdReachedAtIt => "A rate exactly at a threshold has reached it.",
        Reading::CheckedAsTheLastPendingOrder => "The order is checked as if it were the last pending order, on the balances and positions the pending orders leave.",
        Reading::SpotOrderReadAsFilled => "It is read as filled at its limit price: its spot trading loss and its fee come off adjusted equity; a gain is not credited before it fills.",
        Reading::LoanTierAfterTheOrder => "A loan it opens takes the borrowing tier that holds the coin's whole debt after it; it releases no margin before it fills.",
        Reading::NotBorrowableRefused => "An order that would put a coin without borrowing tiers in debt is refused, whatever the headroom.",
        Reading::FuturesOrderTakesNothingOffEquity => "A futures order takes nothing off adjusted equity: its fee is the taker fee term of its initial margin.",
        Reading::ClosingOrderReservesNothingExtra => "A buy adds to the long side and a sell to the short side, and the contract reserves its larger side: an order that only closes a position reserves nothing extra while the other side stays the larger.",
        Reading::LargestSizeOnTheGrid => "The largest size that passes is the largest multiple of the size step whose order is accepted.",
        Reading::PositionTakesItsSideTier => "A position's maintenance margin takes the rate of the position tier that holds its whole side's notional at mark price, open orders included, as its side does.",
        Reading::RoiOnItsInitialMargin => "ROI is the unrealized PnL in USD over the position's own initial margin at the mark price; there is none when that margin is 0.",
        Reading::AvailableIsTheWholePosition => "The size available to close is the whole position: a new close order replaces older ones that would exceed it.",
        Reading::OneWayNetPosition => "In one-way (buy/sell) mode a contract holds one net position: positive when long, negative when short.",
    }
}
