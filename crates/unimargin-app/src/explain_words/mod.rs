//! "How is this computed?" in the reader's language: the engine's typed explanations
//! ([`unimargin::explain`]) worded from the `explain` namespace of `locales/`, one function
//! per kind of value, each taking the [`Locale`]. The engine's own English renderer stays for
//! the CLI and the JS package; the English worded here is the same, word for word (tested).
//!
//! Numbers are the engine's (inputs as entered, computed terms to 8 decimals, results to the
//! cent, rates cut to 4 decimals of a percent) written the locale's way ([`localize_number`]).
//!
//! [`localize_number`]: crate::i18n::localize_number

use crate::i18n::Locale;
use unimargin::explain::{Explanation, Formula, Reading, Subject};
use unimargin::scenario::PositionSide;

mod line;
mod words;

#[cfg(test)]
mod tests;

pub use line::line;

/// `td_string!` in the `explain` namespace, as a `String`.
macro_rules! say {
    ($locale:expr, $key:ident $(, $name:ident = $value:expr)* $(,)?) => {
        crate::i18n::td_string!($locale, explain.$key $(, $name = $value)*).to_string()
    };
}
pub(crate) use say;

/// An explanation in one language's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    /// The figure's name, e.g. "Adjusted equity".
    pub title: String,
    /// The rule in symbols.
    pub formula: String,
    /// The rule with this account's numbers, one line per step, ending in the figure.
    pub worked: Vec<String>,
    /// The product's readings of vague points of the source articles.
    pub readings: Vec<String>,
}

/// One explanation in `locale`'s words.
pub fn render(x: &Explanation, locale: Locale) -> Worded {
    Worded {
        title: title(&x.subject, locale),
        formula: formula(x.formula, locale),
        worked: x.worked.iter().map(|l| line(l, locale)).collect(),
        readings: x.readings.iter().map(|r| reading(*r, locale)).collect(),
    }
}

/// The figure's name.
pub fn title(subject: &Subject, locale: Locale) -> String {
    match subject {
        Subject::AdjustedEquity => say!(locale, figure_adjusted_equity),
        Subject::MarginReserved => say!(locale, figure_margin_reserved),
        Subject::MaintenanceMargin => say!(locale, figure_maintenance_margin),
        Subject::CrossMarginRate => say!(locale, figure_cross_margin_rate),
        Subject::OrderCheck => say!(locale, title_order_check),
        Subject::Position {
            number,
            symbol,
            side,
        } => match side {
            PositionSide::Long => say!(
                locale,
                title_position_long,
                number = number,
                symbol = symbol
            ),
            PositionSide::Short => say!(
                locale,
                title_position_short,
                number = number,
                symbol = symbol
            ),
        },
    }
}

/// The rule in symbols.
pub fn formula(formula: Formula, locale: Locale) -> String {
    match formula {
        Formula::AdjustedEquity => say!(locale, formula_adjusted_equity),
        Formula::MarginReserved => say!(locale, formula_margin_reserved),
        Formula::MaintenanceMargin => say!(locale, formula_maintenance_margin),
        Formula::CrossMarginRate => say!(locale, formula_cross_margin_rate),
        Formula::OrderCheck => say!(locale, formula_order_check),
        Formula::Position => say!(locale, formula_position),
    }
}

/// A reading in plain words.
pub fn reading(reading: Reading, locale: Locale) -> String {
    match reading {
        Reading::DiscountLikeTaxBrackets => say!(locale, reading_discount_like_tax_brackets),
        Reading::TierHoldsItsUpperBound => say!(locale, reading_tier_holds_its_upper_bound),
        Reading::DebtCountsInFull => say!(locale, reading_debt_counts_in_full),
        Reading::PendingOrdersInListOrder => say!(locale, reading_pending_orders_in_list_order),
        Reading::NoCreditBeforeTheFill => say!(locale, reading_no_credit_before_the_fill),
        Reading::FuturesFeeInsideInitialMargin => {
            say!(locale, reading_futures_fee_inside_initial_margin)
        }
        Reading::LoanTakesTheTierOfItsWholeDebt => {
            say!(locale, reading_loan_takes_the_tier_of_its_whole_debt)
        }
        Reading::NoTiersNoBorrowing => say!(locale, reading_no_tiers_no_borrowing),
        Reading::PendingSpotOrderAddsLoanMargin => {
            say!(locale, reading_pending_spot_order_adds_loan_margin)
        }
        Reading::ContractReservesItsLargerSide => {
            say!(locale, reading_contract_reserves_its_larger_side)
        }
        Reading::FuturesFeeIsTheTakerTerm => say!(locale, reading_futures_fee_is_the_taker_term),
        Reading::FuturesOrdersCancelledBelowReserved => {
            say!(locale, reading_futures_orders_cancelled_below_reserved)
        }
        Reading::LoanTakesTheMaintenanceRateOfItsTier => {
            say!(locale, reading_loan_takes_the_maintenance_rate_of_its_tier)
        }
        Reading::SideTakesTheTierOfItsWholeNotional => {
            say!(locale, reading_side_takes_the_tier_of_its_whole_notional)
        }
        Reading::OpenOrdersAtMark => say!(locale, reading_open_orders_at_mark),
        Reading::LargerSideSetsMaintenance => say!(locale, reading_larger_side_sets_maintenance),
        Reading::PendingSpotOrderAddsLoanMaintenance => {
            say!(locale, reading_pending_spot_order_adds_loan_maintenance)
        }
        Reading::LiquidationFeeOnTheBindingSide => {
            say!(locale, reading_liquidation_fee_on_the_binding_side)
        }
        Reading::NothingToMaintainIsZero => say!(locale, reading_nothing_to_maintain_is_zero),
        Reading::NoEquityIsUnbounded => say!(locale, reading_no_equity_is_unbounded),
        Reading::ThresholdReachedAtIt => say!(locale, reading_threshold_reached_at_it),
        Reading::CheckedAsTheLastPendingOrder => {
            say!(locale, reading_checked_as_the_last_pending_order)
        }
        Reading::SpotOrderReadAsFilled => say!(locale, reading_spot_order_read_as_filled),
        Reading::LoanTierAfterTheOrder => say!(locale, reading_loan_tier_after_the_order),
        Reading::NotBorrowableRefused => say!(locale, reading_not_borrowable_refused),
        Reading::FuturesOrderTakesNothingOffEquity => {
            say!(locale, reading_futures_order_takes_nothing_off_equity)
        }
        Reading::ClosingOrderReservesNothingExtra => {
            say!(locale, reading_closing_order_reserves_nothing_extra)
        }
        Reading::LargestSizeOnTheGrid => say!(locale, reading_largest_size_on_the_grid),
        Reading::PositionTakesItsSideTier => say!(locale, reading_position_takes_its_side_tier),
        Reading::RoiOnItsInitialMargin => say!(locale, reading_roi_on_its_initial_margin),
        Reading::AvailableIsTheWholePosition => {
            say!(locale, reading_available_is_the_whole_position)
        }
        Reading::OneWayNetPosition => say!(locale, reading_one_way_net_position),
    }
}
