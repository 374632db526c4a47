//! The messages between the page and the engine's worker ([`crate::worker`]), as JSON text:
//! typed data only, never words (the page renders every sentence, in its language).
//!
//! The engine's result types serialize as its documents (where a reading or a reason is an
//! English sentence) and do not deserialize; here each is carried field by field through a
//! serde "remote" definition, so both sides hold the engine's own types.

use crate::after_fill::AfterFill;
use crate::analysis::Analysis;
use serde::{Deserialize, Serialize};
use unimargin::liquidation::{
    LiquidationAction, LiquidationOutcome, LiquidationPlan, LiquidationStep, Reading,
};
use unimargin::report::AccountReport;
use unimargin::rules::risk::Risk;
use unimargin::scenario::PositionSide;
use unimargin::whatif::{LiquidationPrices, PriceFigures, ThresholdPrices};
use unimargin::Decimal;

/// What the page asks for one account. A newer request supersedes every older one: the
/// worker drops the work left of an older request, and the page drops answers whose `seq`
/// is not its last request's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Increases with every request the page sends.
    pub seq: u64,
    /// The complete scenario the page's figures are of (the market's tables written out;
    /// as a document, so the worker validates it as the page did).
    pub scenario: String,
    /// A what-if price on the figures: the coin's index and its USD price.
    pub shock: Option<(usize, Decimal)>,
    /// What to work out, in this order (the panels open on the page).
    pub jobs: Vec<Job>,
}

/// One piece of work: one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Job {
    /// The what-if panel's liquidation prices and chart for a coin of the account as typed
    /// (`None`: the panel's default coin).
    Analysis { coin: Option<String> },
    /// Partial liquidation played out on the account the figures are of (shocked or not).
    Stages,
    /// The account as typed once the order to check fills.
    AfterFill,
}

/// The answer to one job of request `seq`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub seq: u64,
    pub part: Part,
    /// What the worker timed meanwhile (the page's `um-liquidation-prices`, `um-sweep`
    /// measures: name, ms), recorded again in the page's timeline for the benchmarks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timings: Vec<(String, f64)>,
}

/// What a job gives (`None`: nothing to show, as the panel computing it itself would find).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Part {
    Analysis(Option<Box<Analysis>>),
    Stages(#[serde(with = "plan_option")] Option<LiquidationPlan>),
    AfterFill(Option<AfterFillPart>),
}

/// The account after the fill, or that working it out failed: the engine's error is not
/// carried (its kinds are many, and their words are the page's), the page works that rare
/// case out again itself to show it ([`crate::after_fill::after_fill`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AfterFillPart {
    Filled(Box<AfterFill>),
    Failed,
}

/// From the worker: it is listening (messages sent before are lost), or an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    Ready,
    Answer(Answer),
    /// A request it could not read (a bug: the page sent what the worker does not know).
    Unreadable {
        seq: Option<u64>,
    },
}

/// The text of a message.
pub fn encode<T: Serialize>(message: &T) -> String {
    // the types here serialize infallibly (no maps with non-string keys)
    serde_json::to_string(message).unwrap_or_default()
}

/// A message from its text.
pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

// The engine's types, field by field (serde's remote definitions: a field added to the
// engine's type fails to compile here until it is carried).

#[derive(Serialize, Deserialize)]
#[serde(remote = "ThresholdPrices")]
struct ThresholdPricesDef {
    rate: Decimal,
    already_past: bool,
    below: Option<Decimal>,
    above: Option<Decimal>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "LiquidationPrices")]
pub(crate) struct LiquidationPricesDef {
    coin: String,
    current_price: Decimal,
    searched_from: Decimal,
    searched_to: Decimal,
    #[serde(with = "ThresholdPricesDef")]
    liquidation: ThresholdPrices,
    #[serde(with = "ThresholdPricesDef")]
    warning: ThresholdPrices,
    probes: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "PriceFigures")]
struct PriceFiguresDef {
    usd_price: Decimal,
    adjusted_equity: Decimal,
    margin_reserved: Decimal,
    maintenance_margin: Decimal,
    partial_liquidation_fees: Decimal,
    cross_margin_rate: Option<Decimal>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "LiquidationAction")]
enum LiquidationActionDef {
    CancelOrders {
        count: usize,
    },
    CloseHedge {
        symbol: String,
        size: Decimal,
        notional_usd: Decimal,
    },
    Convert {
        from_coin: String,
        amount: Decimal,
        to_coin: String,
        repaid: Decimal,
    },
    ReducePosition {
        symbol: String,
        side: PositionSide,
        size: Decimal,
        tier_after: usize,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "LiquidationStep")]
struct LiquidationStepDef {
    stage: u8,
    #[serde(with = "LiquidationActionDef")]
    action: LiquidationAction,
    adjusted_equity: Decimal,
    maintenance_margin: Decimal,
    cross_margin_rate: Option<Decimal>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "LiquidationOutcome")]
enum LiquidationOutcomeDef {
    NotNeeded,
    Safe,
    TakenOver,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Reading")]
enum ReadingDef {
    OrdersCancelledFirst,
    NoFeeOrSlippage,
    StopsBelowTheRate,
    HedgesFirst,
    LargestDebtFirst,
    OneTierAtATime,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "LiquidationPlan")]
struct LiquidationPlanDef {
    starting_rate: Option<Decimal>,
    liquidation_rate: Decimal,
    #[serde(with = "steps")]
    steps: Vec<LiquidationStep>,
    #[serde(with = "LiquidationOutcomeDef")]
    outcome: LiquidationOutcome,
    #[serde(with = "readings")]
    readings: Vec<Reading>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "AccountReport")]
pub(crate) struct AccountReportDef {
    account_equity: Decimal,
    adjusted_equity: Decimal,
    spot_trading_losses: Decimal,
    pending_fees: Decimal,
    position_value: Decimal,
    initial_margin_loans: Decimal,
    initial_margin_derivatives: Decimal,
    margin_reserved: Decimal,
    available_margin: Decimal,
    maintenance_margin_loans: Decimal,
    maintenance_margin_derivatives: Decimal,
    maintenance_margin: Decimal,
    partial_liquidation_fees: Decimal,
    account_leverage: Option<Decimal>,
    cross_margin_rate: Option<Decimal>,
    risk: Risk,
    futures_orders_cancelled: bool,
    discounted_equity: Decimal,
    futures_notional_usd: Decimal,
    loans_usd: Decimal,
    hourly_interest_usd: Decimal,
    daily_interest_usd: Decimal,
    warning_rate: Decimal,
    liquidation_rate: Decimal,
}

/// `#[serde(with = …)]` modules for a `Vec` and an `Option` of a type carried by its
/// remote definition (serde carries only the type itself).
macro_rules! carried {
    ($vec:ident, $option:ident, $ty:ty, $def:ident) => {
        struct By<'a>(&'a $ty);

        impl Serialize for By<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $def::serialize(self.0, s)
            }
        }

        struct Owned($ty);

        impl<'de> Deserialize<'de> for Owned {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $def::deserialize(d).map(Owned)
            }
        }

        #[allow(dead_code)]
        pub(crate) mod $vec {
            use super::*;

            pub fn serialize<S: serde::Serializer>(v: &[$ty], s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(v.iter().map(By))
            }

            pub fn deserialize<'de, D: serde::Deserializer<'de>>(
                d: D,
            ) -> Result<Vec<$ty>, D::Error> {
                Ok(Vec::<Owned>::deserialize(d)?
                    .into_iter()
                    .map(|o| o.0)
                    .collect())
            }
        }

        #[allow(dead_code)]
        pub(crate) mod $option {
            use super::*;

            pub fn serialize<S: serde::Serializer>(
                v: &Option<$ty>,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                match v {
                    Some(v) => s.serialize_some(&By(v)),
                    None => s.serialize_none(),
                }
            }

            pub fn deserialize<'de, D: serde::Deserializer<'de>>(
                d: D,
            ) -> Result<Option<$ty>, D::Error> {
                Ok(Option::<Owned>::deserialize(d)?.map(|o| o.0))
            }
        }
    };
}

mod carried_steps {
    use super::*;
    carried!(steps, step_option, LiquidationStep, LiquidationStepDef);
}
use carried_steps::steps;

mod carried_readings {
    use super::*;
    carried!(readings, reading_option, Reading, ReadingDef);
}
use carried_readings::readings;

mod carried_plans {
    use super::*;
    carried!(plans, plan_option, LiquidationPlan, LiquidationPlanDef);
}
use carried_plans::plan_option;

mod carried_curve {
    use super::*;
    carried!(curve, price_figures_option, PriceFigures, PriceFiguresDef);
}
pub(crate) use carried_curve::curve;

mod carried_prices {
    use super::*;
    carried!(
        prices_vec,
        prices_option,
        LiquidationPrices,
        LiquidationPricesDef
    );
}
pub(crate) use carried_prices::prices_option;
