//! The report document of FORMAT.md. Figures are decimal strings (normalized), USD unless
//! named in a coin's units; unbounded ratios are `null`. Fields beyond FORMAT.md's list are
//! additions (explanations of the figures), allowed by its version-1 contract.

use crate::num::normalized;
use crate::record::Record;
use crate::rules::risk::Risk;
use crate::scenario::{Market, MarketReference, OrderSide, PositionSide};
use rust_decimal::Decimal;
use serde::Serialize;

/// The `format` tag of a version-1 report.
pub const REPORT_FORMAT: &str = "unimargin/report@1";

/// Everything the engine computes for a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    pub format: &'static str,
    /// The market whose tables filled what the scenario left out; absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market: Option<MarketReference>,
    /// Every coin, in the scenario's order.
    pub coins: Vec<CoinReport>,
    pub account: AccountReport,
    /// Every contract, in the scenario's order, with its margin worked out by side.
    pub contracts: Vec<ContractReport>,
    /// Every position, in the scenario's order.
    pub positions: Vec<PositionReport>,
    /// What each pending order takes or reserves, in the scenario's order.
    pub orders: Vec<PendingOrderReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckReport>,
    /// What the evaluation did beyond these figures (not serialized): what the explanations
    /// format.
    #[serde(skip)]
    pub record: Record,
}

/// One coin's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CoinReport {
    pub coin: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub usd_price: Decimal,
    /// Σ unrealized PnL of positions settled in this coin, in coin units.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub unrealized_pnl: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub equity: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub debt: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub usd_equity: Decimal,
    /// `f(c)`: what the coin adds to adjusted equity.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub contribution: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub hourly_interest_usd: Decimal,
    /// What the discount takes off: `usd_equity − contribution` when equity is positive.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub haircut: Decimal,
    /// The discount worked out by tier (only the tiers that hold value).
    pub discount_slices: Vec<DiscountSliceReport>,
    /// The loan's initial and maintenance margin, and the tier used (none without debt).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub loan_initial_margin: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub loan_maintenance_margin: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Figure>"))]
    #[serde(with = "normalized::option")]
    pub loan_leverage: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Figure>"))]
    #[serde(with = "normalized::option")]
    pub loan_mmr: Option<Decimal>,
    /// The part of the debt that bears interest, in coin units.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub interest_bearing_debt: Decimal,
}

/// One bracket of a coin's discount.
pub type DiscountSliceReport = crate::rules::discount::DiscountSlice;

/// The account's figures (RULES §2–§6, §8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AccountReport {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub account_equity: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub adjusted_equity: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub spot_trading_losses: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub pending_fees: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub position_value: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub initial_margin_loans: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub initial_margin_derivatives: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub margin_reserved: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub available_margin: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub maintenance_margin_loans: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub maintenance_margin_derivatives: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub maintenance_margin: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub partial_liquidation_fees: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Figure>"))]
    #[serde(with = "normalized::option")]
    pub account_leverage: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Figure>"))]
    #[serde(with = "normalized::option")]
    pub cross_margin_rate: Option<Decimal>,
    pub risk: Risk,
    pub futures_orders_cancelled: bool,
    /// `Σ_c f(c)` before pending orders: adjusted equity's first term.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub discounted_equity: Decimal,
    /// Futures notional at mark of held positions, both sides (a term of position value).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub futures_notional_usd: Decimal,
    /// Σ debt × price (a term of position value).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub loans_usd: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub hourly_interest_usd: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub daily_interest_usd: Decimal,
    /// The thresholds the risk was judged by.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub warning_rate: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub liquidation_rate: Decimal,
}

/// One side of a contract: sizes and margins, held plus open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SideReport {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub held_size: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub open_size: Decimal,
    /// Σ size × price of the side's open orders, in the settle coin.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub open_value: Decimal,
    /// (held + open) × mark × p(settle).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub notional_usd: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub mmr: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub initial_margin: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub maintenance_margin: Decimal,
}

/// One contract's margin, worked out by side (pending futures orders included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ContractReport {
    pub symbol: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub mark_price: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub settle_usd_price: Decimal,
    pub long: SideReport,
    pub short: SideReport,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub initial_margin: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub maintenance_margin: Decimal,
    /// The side whose maintenance margin counts (long on a tie).
    pub maintenance_side: PositionSide,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub partial_liquidation_fee: Decimal,
}

/// One position's own figures (RULES §12; the scenario's position at the same index).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PositionReport {
    pub side: PositionSide,
    /// In the settle coin.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub unrealized_pnl: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub unrealized_pnl_usd: Decimal,
    /// `size × mark × (1 ÷ leverage + taker fee) × p(settle)`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub initial_margin: Decimal,
    /// `size × (mmr + taker fee) × mark × p(settle)`, the mmr of its side's tier.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub maintenance_margin: Decimal,
    /// Unrealized PnL in USD ÷ initial margin, a fraction; `None` (`null`) when the initial
    /// margin is 0.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Figure>"))]
    #[serde(with = "normalized::option")]
    pub roi: Option<Decimal>,
    /// The size that can be closed.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub available: Decimal,
}

/// What one pending order takes off adjusted equity and adds to margins, as applied in
/// list order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PendingOrderReport {
    pub market: Market,
    pub side: OrderSide,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub spot_loss: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub fee: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub initial_margin_added: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub maintenance_margin_added: Decimal,
}

/// The verdict on the order in `check` (RULES §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckReport {
    pub accepted: bool,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub spot_loss: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub fee: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub initial_margin_added: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub adjusted_equity_after: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub margin_reserved_after: Decimal,
    /// `adjusted_equity_after − margin_reserved_after`; may be negative.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub headroom: Decimal,
    /// The largest multiple of `size_step` accepted (`0` when none is).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub max_size: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Figure"))]
    #[serde(with = "normalized")]
    pub size_step: Decimal,
    /// Reasons a person can act on, naming the binding figures; written as sentences.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub reasons: Vec<crate::text::Reason>,
    /// The coin the order would have to borrow but cannot, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_borrowable: Option<String>,
}
