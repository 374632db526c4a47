//! The scenario document of FORMAT.md, as typed: every optional field stays optional here so
//! that a document round-trips as written. [`crate::model`] resolves defaults and references.

use crate::num;
use crate::read::{Expected, Section};
use rust_decimal::Decimal;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// serde's derive reads a struct from a JSON object or from an array of its fields in order;
/// the format has only objects, so each struct (derived with `remote = "Self"`) is read
/// through [`ObjectOnly`] and `["unimargin/scenario@1"]` is an error, not a scenario. Exported
/// for the adapters' own documents (the CLI reads an exchange's answers so).
#[macro_export]
macro_rules! objects_only {
    // structs derived with `Deserialize` alone (an importer's)
    (read: $($name:ident: $what:expr),* $(,)?) => {$(
        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $name::deserialize($crate::scenario::ObjectOnly { inner: d, what: $what })
            }
        }
    )*};
    // structs derived with `Serialize` and `Deserialize` (the documents)
    ($($name:ident: $what:expr),* $(,)?) => {
        $crate::objects_only!(read: $($name: $what),*);
        $(
            impl $crate::__serde::Serialize for $name {
                fn serialize<S: $crate::__serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    $name::serialize(self, s)
                }
            }
        )*
    };
}

/// A deserializer that reads a struct from a JSON object only.
pub struct ObjectOnly<D> {
    pub inner: D,
    pub what: Section,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(ObjectVisitor {
            inner: visitor,
            what: self.what,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The derived visitor, accepting only a map and saying what it expected in the format's words.
struct ObjectVisitor<V> {
    inner: V,
    what: Section,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ObjectVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", Expected::Object(self.what))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(map)
    }
}

/// The `format` tag of a version-1 scenario.
pub const SCENARIO_FORMAT: &str = "unimargin/scenario@1";

/// An account to evaluate: coins, futures, pending orders and an optional order to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Scenario"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Scenario {
    /// Always [`SCENARIO_FORMAT`].
    pub format: String,
    #[serde(default, skip_serializing_if = "Settings::is_empty")]
    pub settings: Settings,
    #[serde(default)]
    pub coins: Vec<Coin>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<Contract>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Position>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orders: Vec<Order>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<Order>,
    /// The market document whose tables fill what this scenario leaves out (MARKET.md): it
    /// is evaluated with that market only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<MarketReference>,
}

/// A market document named by its `name` and its date (`as_of`, `YYYY-MM-DD`): what a
/// scenario names and a report says it used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "MarketReference"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct MarketReference {
    pub name: String,
    pub as_of: String,
}

/// Account-wide settings; each left out takes its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Settings"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Settings {
    /// USDT/USD index price (default 1).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub usdt_usd: Option<Decimal>,
    /// USDC/USD index price (default 1).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub usdc_usd: Option<Decimal>,
    /// Spot taker fee rate charged on pending spot orders (default 0).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub spot_taker_fee: Option<Decimal>,
    /// Cross margin rate from which the account is at warning (default 0.8).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub warning_rate: Option<Decimal>,
    /// Cross margin rate from which partial liquidation starts (default 1).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub liquidation_rate: Option<Decimal>,
    /// How positions are held (RULES §12): `hedge` (default) or `one_way`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_mode: Option<PositionMode>,
}

/// How a person trades futures (RULES §12): open/close (hedge) mode, where a contract may
/// hold a long and a short, or buy/sell (one-way) mode, one net position per contract.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PositionMode {
    #[default]
    Hedge,
    OneWay,
}

impl Settings {
    /// No setting given.
    pub fn is_empty(&self) -> bool {
        self == &Settings::default()
    }
}

/// A coin held (or owed) in the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Coin"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Coin {
    pub coin: String,
    /// Balance in coin units; negative is a loan.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub balance: Decimal,
    /// Price in `quote`; for USDT and USDC it may be left out (their USD price is a setting).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
    /// `USD`, `USDT`, `USDC` or `BTC` (default `USD`; USDT and USDC: themselves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// None: the coin counts for 0, or, with a market, the market's tiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_tiers: Option<Vec<DiscountTier>>,
    /// None: the coin cannot be borrowed, or, with a market, the market's tiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loan_tiers: Option<Vec<LoanTier>>,
    /// Interest per hour on debt, as a fraction (default 0).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub hourly_interest: Option<Decimal>,
    /// Debt from unrealized losses free of interest, in coin units (default 0).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub interest_free: Option<Decimal>,
}

/// One bracket of a coin's discount: `rate` applies to the USD value up to `up_to_usd`, or
/// to the quantity up to `up_to` coins (RULES §3; one coin's tiers are all of one kind).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "DiscountTier"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct DiscountTier {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub up_to_usd: Option<Decimal>,
    /// The bound in coin units (Bybit, KuCoin).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub up_to: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub rate: Decimal,
}

/// One borrowing tier: a debt up to `up_to` coins is margined whole at these values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "LoanTier"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct LoanTier {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub up_to: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub leverage: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub mmr: Decimal,
}

/// A perpetual futures contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Contract"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Contract {
    pub symbol: String,
    /// The coin the contract tracks; if it is one of the coins, their prices move together.
    /// Required without a market.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The coin profits, losses and margin are counted in. Required without a market.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settle: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub mark_price: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub leverage: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub taker_fee: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub liquidation_fee: Option<Decimal>,
    /// Required without a market.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mm_tiers: Option<Vec<MaintenanceTier>>,
}

/// A position tier: the maintenance margin rate of a side whose notional is up to `up_to_usd`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "MaintenanceTier"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct MaintenanceTier {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub up_to_usd: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub mmr: Decimal,
}

/// Which way a futures position points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum PositionSide {
    Long,
    Short,
}

/// A held futures position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Position"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Position {
    pub symbol: String,
    pub side: PositionSide,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub size: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub entry_price: Decimal,
}

/// Where an order trades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Market {
    Spot,
    Futures,
}

/// Buy or sell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum OrderSide {
    Buy,
    Sell,
}

/// A pending order, or (as `check`) the order to verify.
///
/// A spot order names `base` and `quote`; a futures order names `symbol`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Order"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Order {
    pub market: Market,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    pub side: OrderSide,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub size: Decimal,
    /// Limit price, in `quote` (spot) or the contract's settle coin (futures).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(with = "num")]
    pub price: Decimal,
    /// Only for `check`: the grid of the largest size that passes (default 0.00000001).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub size_step: Option<Decimal>,
}

objects_only! {
    Scenario: Section::Scenario,
    Settings: Section::Settings,
    Coin: Section::Coin,
    DiscountTier: Section::DiscountTier,
    LoanTier: Section::LoanTier,
    Contract: Section::Contract,
    MaintenanceTier: Section::PositionTier,
    Position: Section::Position,
    Order: Section::Order,
    MarketReference: Section::MarketReference,
}
