//! Every way a scenario (or a command, or an argument) can be refused: a path naming where
//! the problem is, and a typed [`ErrorKind`] naming what it is, with the data a sentence
//! needs. The English sentence is rendered from the kind (its `Display`), at the edges only
//! (the CLI, the JS package, the page), so that the same kinds can be worded in another
//! language, and a script can branch on [`ErrorKind::code`].
//!
//! As in rust_decimal's `error.rs`: a small enum whose variants carry data, and the sentence
//! written by `Display`.

use crate::num::NumberError;
use crate::read::{Expected, Found, JsonProblem};
use crate::scenario::{Market, MarketReference, PositionSide};
use crate::text::side_name;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// The engine's error: a JSON path into the scenario and what is wrong there.
///
/// The path uses the document's own names (`coins[2].discount_tiers[1].rate`); an empty
/// path means the document as a whole. The CLI's options are named as typed (`--coin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    path: String,
    kind: ErrorKind,
}

/// What is wrong, with the data a sentence needs. `Display` is the English sentence (which
/// does not repeat the path); [`ErrorKind::code`] is its stable snake_case name.
///
/// A `field` is FORMAT.md's name of the field (`rate`, `up_to_usd`); a `got` is the value
/// given, as the engine read it; a `text` is the value as written, cut to 40 characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    // ---- reading: the text is not JSON, or not a document of the format ----
    /// The text is not JSON (a syntax error, or nested too deeply). The position is 0 where
    /// none is known.
    #[error("invalid JSON: {problem}{}", position(*line, *column))]
    InvalidJson {
        problem: JsonProblem,
        line: usize,
        column: usize,
    },
    /// A field that must be there is not (the path names the field).
    #[error("missing field `{field}`")]
    MissingField { field: String },
    /// A field the format does not have (names are case-sensitive).
    #[error("unknown field `{field}`, {}", one_of(expected, "fields"))]
    UnknownField {
        field: String,
        /// The fields this object has.
        expected: Vec<String>,
    },
    /// A field given twice in one object.
    #[error("duplicate field `{field}`")]
    DuplicateField { field: String },
    /// A value that is not one of the names allowed (`side`: `long` or `short`).
    #[error("unknown variant `{got}`, {}", one_of(expected, "variants"))]
    UnknownVariant { got: String, expected: Vec<String> },
    /// A value of the wrong JSON type (a list where a coin goes, `true` where a number goes).
    #[error("invalid type: {got}, expected {expected}")]
    WrongType { expected: Expected, got: Found },
    /// A number that is not a finite decimal the engine keeps exactly.
    #[error("{0}")]
    Number(NumberError),

    // ---- validation: a value breaks a rule of the format ----
    /// The `format` tag is not the one this engine reads.
    #[error("expected \"{expected}\", got \"{got}\"")]
    WrongFormat { expected: &'static str, got: String },
    /// A value that must be above zero (a price, a size, a leverage, a tier bound).
    #[error("{field} must be greater than 0, got {got}")]
    NotPositive { field: &'static str, got: Decimal },
    /// A value that must not be below zero.
    #[error("{field} must not be negative, got {got}")]
    Negative { field: &'static str, got: Decimal },
    /// A rate or fee that must be a fraction, from 0 to 1.
    #[error("{field} must be between 0 and 1, got {got}")]
    NotAFraction { field: &'static str, got: Decimal },
    /// The warning rate above the liquidation rate (either may be the default).
    #[error("warning_rate ({warning}) must not be above liquidation_rate ({liquidation})")]
    WarningAboveLiquidation {
        warning: Decimal,
        liquidation: Decimal,
    },
    /// A tier table longer than the format allows (the path names the table).
    #[error("a tier table holds at most {max} tiers, got {got}")]
    TooManyTiers { max: usize, got: usize },
    /// A value above the largest the format allows (a threshold rate far above 1, whose
    /// figures would mean nothing and whose search would reach beyond exact arithmetic).
    #[error("{field} must be at most {max}, got {got}")]
    AboveMaximum {
        field: &'static str,
        max: Decimal,
        got: Decimal,
    },
    /// A coin or symbol name that is empty or has spaces around it.
    #[error("{field} must be a name without surrounding spaces, got \"{got}\"")]
    NotAName { field: &'static str, got: String },
    /// A contract whose `base` is blank.
    #[error("base must name the coin the contract tracks, such as BTC")]
    NoBase,
    /// A coin or contract defined twice; `first_path` is where it was defined first.
    #[error("{name} is already defined at {first_path}")]
    Duplicate { name: String, first_path: String },
    /// A coin named (as a settle coin, an order's base or quote) that the scenario lacks.
    #[error("{name} is not one of the coins; add it to `coins`")]
    UnknownCoin { name: String },
    /// A contract named (by a position or an order) that the scenario lacks.
    #[error("{name} is not one of the contracts; add it to `contracts`")]
    UnknownContract { name: String },
    /// A coin other than USDT and USDC without its price.
    #[error("missing field `price`: the price of {coin} in its quote")]
    MissingPrice { coin: String },
    /// USDT's or USDC's price in its own unit other than 1.
    #[error("the price of {coin} in its own unit is 1 (its USD price is settings.{}_usd), got {got}", coin.to_lowercase())]
    StablecoinPrice { coin: String, got: Decimal },
    /// USDT or USDC quoted in something other than itself.
    #[error("{coin} is priced by settings.{}_usd; its quote must be {coin}, got {got}", coin.to_lowercase())]
    StablecoinQuote { coin: String, got: String },
    /// A quote other than USD, USDT, USDC and BTC.
    #[error("quote must be USD, USDT, USDC or BTC, got \"{got}\"")]
    UnknownQuote { got: String },
    /// A coin quoted in BTC in a scenario without BTC.
    #[error(
        "{coin} is quoted in BTC, but BTC is not one of the coins; add BTC with its USD price"
    )]
    NoBtcToQuoteIn { coin: String },
    /// BTC quoted in BTC.
    #[error("BTC cannot be quoted in BTC: its price would depend on itself; quote it in USD, USDT or USDC")]
    BtcQuotedInBtc,
    /// Tier bounds that do not ascend strictly.
    #[error(
        "tiers must ascend strictly: {field} {bound} is not above the previous tier's {previous}"
    )]
    TiersNotAscending {
        field: &'static str,
        bound: Decimal,
        previous: Decimal,
    },
    /// A last tier with an upper bound.
    #[error("the last tier must be unbounded: leave out {field} (or add a tier above it)")]
    LastTierBounded { field: &'static str },
    /// A tier without an upper bound that is not the last (`number` counts from 1).
    #[error(
        "only the last tier may be unbounded: this tier (number {number} of {count}) needs {field}"
    )]
    UnboundedTierNotLast {
        field: &'static str,
        number: usize,
        count: usize,
    },
    /// A contract without position tiers.
    #[error("a contract needs at least one position tier, such as [{{\"mmr\": \"0.004\"}}]")]
    NoPositionTiers,
    /// An order field that its market does not have (`symbol` on a spot order).
    #[error("a {market} order has no {field}")]
    NotForMarket {
        field: &'static str,
        market: MarketName,
    },
    /// An order field that its market needs (`base` on a spot order).
    #[error("missing field `{field}`: a {market} order needs it")]
    MissingForMarket {
        field: &'static str,
        market: MarketName,
    },
    /// A spot order whose base and quote are the same coin.
    #[error("a spot order trades two different coins; base and quote are both {coin}")]
    SameCoinTwice { coin: String },
    /// `size_step` on a pending order.
    #[error("size_step belongs only to the order in `check`")]
    SizeStepOutsideCheck,
    /// A long and a short of one contract in one-way position mode (RULES §12), refused at
    /// the second; `first_path` is the first position of the other side.
    #[error("{symbol} already has a {} position at {first_path}: in one_way position mode a contract holds one net position, so net the two into one, or set settings.position_mode to hedge", side_name(other_side(*side)))]
    HedgeInOneWayMode {
        symbol: String,
        side: PositionSide,
        first_path: String,
    },
    /// An index past the account's coins or contracts (a price update on a validated account).
    #[error("the account has no such entry")]
    NoSuchEntry,
    /// One coin's discount tiers bounded both in USD (`up_to_usd`) and in coin units (`up_to`),
    /// or one tier with both bounds (the path names the first tier of the other kind).
    #[error("a coin's discount tiers are bounded all in USD (up_to_usd) or all in coin units (up_to), never both")]
    MixedTierUnits,
    /// A date (`as_of`) not written `YYYY-MM-DD`, or not a day of the calendar.
    #[error(
        "{field} must be a date written YYYY-MM-DD, such as 2025-09-26, got \"{}\"",
        cut(got)
    )]
    NotADate { field: &'static str, got: String },

    // ---- the market document (MARKET.md) and a scenario resolved against it ----
    /// A scenario that names a market (`"market": {"name", "as_of"}`) evaluated without that
    /// market (`given` is `None`) or with another one.
    #[error("{}", wrong_market(named, given.as_ref()))]
    WrongMarket {
        named: MarketReference,
        given: Option<MarketReference>,
    },
    /// A table that neither the scenario nor the market in use gives: the coin or contract is
    /// not in the market (`listed` false), or is listed there without that table.
    #[error("{name} {} the market '{market}'; give its {table}", if *listed { format!("has no {table} in") } else { "is not in".to_string() })]
    NotInMarket {
        entity: Entity,
        name: String,
        table: MarketTable,
        market: String,
        listed: bool,
    },
    /// A contract's leverage above the `max_leverage` the market sets for it.
    #[error("leverage {got} is above the {max} that the market '{market}' allows for {symbol}")]
    LeverageAboveMax {
        symbol: String,
        got: Decimal,
        max: Decimal,
        market: String,
    },

    // ---- evaluation ----
    /// A debt in a coin without loan tiers: the account's own, or one a pending order leaves.
    #[error("{cause} a debt of {} {coin}, but {coin} cannot be borrowed: give it loan_tiers", owed.normalize())]
    NotBorrowable {
        coin: String,
        owed: Decimal,
        cause: DebtCause,
    },
    /// A figure beyond exact decimal arithmetic (about 7.9 × 10²⁸).
    #[error("{what} is too large to compute exactly (over about 7.9e28)")]
    TooLarge { what: Figure },

    // ---- the adapters: the CLI's command line, the JS package's arguments ----
    /// A command line the CLI does not understand.
    #[error("{problem} (see unimargin --help)")]
    Usage { problem: UsageProblem },
    /// A file (or standard input, `-`) that cannot be read; `reason` is the system's words.
    #[error("cannot read {file}: {reason}")]
    CannotRead { file: String, reason: String },
    /// The CLI's `--coin` left out.
    #[error("name the coin with --coin, such as --coin BTC")]
    NoCoinNamed,
    /// A name the account does not have (the CLI's `--coin`, a JS price update): `names` are
    /// the first names it has (all, or a few), `count` how many it has.
    #[error("this account has no {entity} \"{name}\" (it has: {})", names_shown(names, *count))]
    NotInAccount {
        entity: Entity,
        name: String,
        names: Vec<String>,
        count: usize,
    },
    /// The CLI's `--points` outside 2 to 100,000.
    #[error("--points must be a whole number from 2 to 100000, got {got}")]
    PointCount { got: String },
    /// Standard output that cannot be written (a full disk); `reason` is the system's words.
    #[error("cannot write the output: {reason}")]
    CannotWrite { reason: String },
    /// An exchange's saved answer that reports a failure (Bitget: a `code` other than
    /// "00000"), with the exchange's own code and words.
    #[error(
        "the exchange answered with code {code} (\"{}\"), not with its data",
        cut(message)
    )]
    ExchangeRefused { code: String, message: String },
    /// An exchange's answer that lists no tiers.
    #[error("the answer lists no tiers")]
    NoTiers,
    /// An exchange's tier list whose first tier does not start at 0.
    #[error("the first tier must start at 0, got {field} {got}")]
    FirstTierNotAtZero { field: &'static str, got: Decimal },
    /// An exchange's tier that does not start where the previous one ended (a gap or an
    /// overlap).
    #[error("each tier must start where the previous one ends: {field} is {got}, the previous tier ends at {previous}")]
    TiersNotContiguous {
        field: &'static str,
        got: Decimal,
        previous: Decimal,
    },
    /// An exchange's tier listed out of its order (`number` counts from 1).
    #[error(
        "tier \"{}\" is listed where tier {number} belongs: list the tiers in order, 1, 2, 3, …",
        cut(got)
    )]
    TierOutOfOrder { got: String, number: usize },
    /// A coin asked for that an exchange's answer does not list.
    #[error("the answer has no {name}")]
    NotInAnswer { name: String },
    /// An exchange's answer saved before the date from which its figures are in the unit
    /// read (Bitget's position tiers in USDT: from 2025-07-24).
    #[error("this answer was saved on {saved}, before {since}, when the exchange changed the unit of these figures; save a new answer")]
    AnswerTooOld { saved: String, since: &'static str },
    /// A JS argument left `undefined`.
    #[error("expected {argument}, got undefined")]
    MissingArgument { argument: Argument },
    /// A JS argument that `JSON.stringify` refuses (a BigInt); `reason` is the JS engine's.
    #[error("{argument} cannot be written as JSON: {reason}")]
    NotSerializable { argument: Argument, reason: String },
    /// JSON text given as something other than a string or UTF-8 bytes.
    #[error("expected JSON text: a string, or its UTF-8 bytes as a Uint8Array")]
    NotJsonText,
    /// A JS call that needs an order to check without one.
    #[error("an order to check is needed")]
    NoOrderToCheck,
    /// A JS `Account` used after its `free()`: thrown by the package's JS module (`npm/web.js`),
    /// which writes this sentence (a test of the JS crate holds the two together). `method` is
    /// the method called.
    #[error("this Account was freed (free() was called), so {method}() cannot use it; create a new Account")]
    AccountFreed { method: String },
    /// What none of the kinds above describes (a message of a library, kept as it is).
    #[error("{detail}")]
    Other { detail: String },
}

/// The other side of a position.
fn other_side(side: PositionSide) -> PositionSide {
    match side {
        PositionSide::Long => PositionSide::Short,
        PositionSide::Short => PositionSide::Long,
    }
}

/// " at line L column C", or nothing where the position is unknown (0).
fn position(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" at line {line} column {column}")
    }
}

/// serde's words for the names allowed: "expected `a`", "expected `a` or `b`", "expected
/// one of `a`, `b`, `c`", "there are no fields".
fn one_of(names: &[String], what: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => format!("there are no {what}"),
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        all => format!("expected one of {}", all.join(", ")),
    }
}

/// "A, B", or "A, B, …, N in all" when the names shown are not all of them.
fn names_shown(names: &[String], count: usize) -> String {
    let shown = names.join(", ");
    if count > names.len() {
        format!("{shown}, …, {count} in all")
    } else {
        shown
    }
}

/// `text` cut to 40 characters (an ellipsis marks the cut).
fn cut(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or(text)),
        None => text.to_string(),
    }
}

/// The sentence of [`ErrorKind::WrongMarket`].
fn wrong_market(named: &MarketReference, given: Option<&MarketReference>) -> String {
    let named_words = format!("'{}' of {}", named.name, named.as_of);
    match given {
        None => format!(
            "this scenario takes its tables from the market {named_words}: load that market to evaluate it"
        ),
        Some(given) => format!(
            "this scenario takes its tables from the market {named_words}, not from '{}' of {}: load {named_words}",
            given.name, given.as_of
        ),
    }
}

/// A table a coin or a contract takes from a market, as an error names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarketTable {
    DiscountTiers,
    Base,
    Settle,
    PositionTiers,
}

impl MarketTable {
    /// The field of the scenario that holds the table (the error's path ends with it).
    pub fn field(self) -> &'static str {
        match self {
            MarketTable::DiscountTiers => "discount_tiers",
            MarketTable::Base => "base",
            MarketTable::Settle => "settle",
            MarketTable::PositionTiers => "mm_tiers",
        }
    }
}

impl fmt::Display for MarketTable {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            MarketTable::DiscountTiers => "discount tiers",
            MarketTable::Base => "base coin",
            MarketTable::Settle => "settle coin",
            MarketTable::PositionTiers => "position tiers (mm_tiers)",
        })
    }
}

/// A market, as an order's words name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarketName(pub Market);

impl fmt::Display for MarketName {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self.0 {
            Market::Spot => "spot",
            Market::Futures => "futures",
        })
    }
}

/// What leaves a debt that cannot be borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DebtCause {
    /// The coin's balance plus the unrealized PnL settled in it.
    Balance,
    /// A pending order, once filled (the path names the order).
    PendingOrder,
}

impl fmt::Display for DebtCause {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            DebtCause::Balance => "balance plus unrealized PnL leaves",
            DebtCause::PendingOrder => "filled, this order would leave",
        })
    }
}

/// What a name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Coin,
    Contract,
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Entity::Coin => "coin",
            Entity::Contract => "contract",
        })
    }
}

/// An argument of a JS function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Argument {
    Scenario,
    Order,
    Update,
    Step,
    Market,
}

impl fmt::Display for Argument {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Argument::Scenario => "a scenario",
            Argument::Order => "an order",
            Argument::Update => "an update",
            Argument::Step => "a size step",
            Argument::Market => "a market document",
        })
    }
}

/// What is wrong with a command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsageProblem {
    #[error("missing command")]
    MissingCommand,
    /// A command, an option or an argument the CLI does not have (here).
    #[error("unknown command or arguments: {0}")]
    Unknown(String),
    /// An option without its value (`--coin` last), named without its dashes.
    #[error("--{0} needs a value")]
    MissingValue(String),
    /// A command without its FILE.
    #[error("{0} needs a FILE, or - for standard input")]
    MissingFile(String),
    /// A required option left out (`--name` of `market from-bitget`).
    #[error("{0} is needed")]
    MissingOption(String),
    /// An option given twice that is given once (rather than keeping the last silently).
    #[error("{0} is given more than once")]
    Repeated(String),
    /// An option's value that is not `NAME=FILE` (`--position-tier BTCUSDT=btc.json`).
    #[error("{option} takes NAME=FILE, such as {example}, got \"{got}\"")]
    NotAPair {
        option: String,
        example: String,
        got: String,
    },
    /// Standard input (`-`) named for two documents.
    #[error("standard input (-) can hold one document: give the other as a file")]
    StdinTwice,
    /// What the CLI's argument parser says, when none of the above (kept as it is).
    #[error("{0}")]
    Other(String),
}

/// The figure whose computation went beyond exact decimal arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    UsdPrice,
    UnrealizedPnl,
    PositionSize,
    PositionFigures,
    Equity,
    UsdEquity,
    Discount,
    LoanInitialMargin,
    LoanMaintenanceMargin,
    DebtUsd,
    Interest,
    DailyInterest,
    AccountEquity,
    AdjustedEquity,
    LoansUsd,
    LoansInitialMargin,
    LoansMaintenanceMargin,
    Order,
    OrderFill,
    /// The account with the checked order filled at its limit price (`fill::filled`).
    AccountAfterFill,
    SpotTradingLoss,
    SpotTradingLosses,
    Fee,
    PendingFees,
    LargestSize,
    Margins,
    Notional,
    FuturesNotional,
    DerivativesInitialMargin,
    DerivativesMaintenanceMargin,
    PartialLiquidationFees,
    MarginReserved,
    AvailableMargin,
    MaintenanceMargin,
    PositionValue,
    AccountLeverage,
    CrossMarginRate,
    Prices,
    ShockedPrice,
    ShockedMarkPrice,
    WhatIfTerms,
    LiquidationPrices,
    LiquidationPlayOut,
    Sweep,
}

impl Figure {
    /// Every figure, for tests and translators.
    pub const ALL: [Figure; 44] = [
        Figure::UsdPrice,
        Figure::UnrealizedPnl,
        Figure::PositionSize,
        Figure::PositionFigures,
        Figure::Equity,
        Figure::UsdEquity,
        Figure::Discount,
        Figure::LoanInitialMargin,
        Figure::LoanMaintenanceMargin,
        Figure::DebtUsd,
        Figure::Interest,
        Figure::DailyInterest,
        Figure::AccountEquity,
        Figure::AdjustedEquity,
        Figure::LoansUsd,
        Figure::LoansInitialMargin,
        Figure::LoansMaintenanceMargin,
        Figure::Order,
        Figure::OrderFill,
        Figure::AccountAfterFill,
        Figure::SpotTradingLoss,
        Figure::SpotTradingLosses,
        Figure::Fee,
        Figure::PendingFees,
        Figure::LargestSize,
        Figure::Margins,
        Figure::Notional,
        Figure::FuturesNotional,
        Figure::DerivativesInitialMargin,
        Figure::DerivativesMaintenanceMargin,
        Figure::PartialLiquidationFees,
        Figure::MarginReserved,
        Figure::AvailableMargin,
        Figure::MaintenanceMargin,
        Figure::PositionValue,
        Figure::AccountLeverage,
        Figure::CrossMarginRate,
        Figure::Prices,
        Figure::ShockedPrice,
        Figure::ShockedMarkPrice,
        Figure::WhatIfTerms,
        Figure::LiquidationPrices,
        Figure::LiquidationPlayOut,
        Figure::Sweep,
    ];
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Figure::UsdPrice => "the USD price",
            Figure::UnrealizedPnl => "the unrealized PnL",
            Figure::PositionSize => "the position size",
            Figure::PositionFigures => "the position's figures",
            Figure::Equity => "the equity",
            Figure::UsdEquity => "the USD equity",
            Figure::Discount => "the discount",
            Figure::LoanInitialMargin => "the loan's initial margin",
            Figure::LoanMaintenanceMargin => "the loan's maintenance margin",
            Figure::DebtUsd => "the debt in USD",
            Figure::Interest => "the interest",
            Figure::DailyInterest => "the daily interest",
            Figure::AccountEquity => "account equity",
            Figure::AdjustedEquity => "adjusted equity",
            Figure::LoansUsd => "the loans in USD",
            Figure::LoansInitialMargin => "the loans' initial margin",
            Figure::LoansMaintenanceMargin => "the loans' maintenance margin",
            Figure::Order => "the order",
            Figure::OrderFill => "the order's fill",
            Figure::AccountAfterFill => "the account after the fill",
            Figure::SpotTradingLoss => "the spot trading loss",
            Figure::SpotTradingLosses => "the spot trading losses",
            Figure::Fee => "the fee",
            Figure::PendingFees => "the pending fees",
            Figure::LargestSize => "the largest size",
            Figure::Margins => "the margins",
            Figure::Notional => "the notional",
            Figure::FuturesNotional => "the futures notional",
            Figure::DerivativesInitialMargin => "the derivatives' initial margin",
            Figure::DerivativesMaintenanceMargin => "the derivatives' maintenance margin",
            Figure::PartialLiquidationFees => "the partial liquidation fees",
            Figure::MarginReserved => "margin reserved",
            Figure::AvailableMargin => "available margin",
            Figure::MaintenanceMargin => "maintenance margin",
            Figure::PositionValue => "position value",
            Figure::AccountLeverage => "account leverage",
            Figure::CrossMarginRate => "the cross margin rate",
            Figure::Prices => "the prices",
            Figure::ShockedPrice => "the shocked price",
            Figure::ShockedMarkPrice => "the shocked mark price",
            Figure::WhatIfTerms => "the what-if terms",
            Figure::LiquidationPrices => "the liquidation prices",
            Figure::LiquidationPlayOut => "the liquidation play-out",
            Figure::Sweep => "the sweep",
        })
    }
}

impl ErrorKind {
    /// Every code [`ErrorKind::code`] gives, in the order of the variants: the list the README
    /// and the JS package's `types.d.ts` document.
    pub const CODES: [&'static str; 65] = [
        "invalid_json",
        "missing_field",
        "unknown_field",
        "duplicate_field",
        "unknown_variant",
        "wrong_type",
        "not_a_decimal",
        "number_too_large",
        "too_many_decimal_places",
        "too_many_digits",
        "not_finite",
        "wrong_format",
        "not_positive",
        "negative",
        "not_a_fraction",
        "warning_above_liquidation",
        "too_many_tiers",
        "above_maximum",
        "not_a_name",
        "no_base",
        "duplicate",
        "unknown_coin",
        "unknown_contract",
        "missing_price",
        "stablecoin_price",
        "stablecoin_quote",
        "unknown_quote",
        "no_btc_to_quote_in",
        "btc_quoted_in_btc",
        "tiers_not_ascending",
        "last_tier_bounded",
        "unbounded_tier_not_last",
        "no_position_tiers",
        "not_for_market",
        "missing_for_market",
        "same_coin_twice",
        "size_step_outside_check",
        "hedge_in_one_way_mode",
        "no_such_entry",
        "mixed_tier_units",
        "not_a_date",
        "wrong_market",
        "not_in_market",
        "leverage_above_max",
        "not_borrowable",
        "too_large",
        "usage",
        "cannot_read",
        "no_coin_named",
        "not_in_account",
        "point_count",
        "cannot_write",
        "exchange_refused",
        "no_tiers",
        "first_tier_not_at_zero",
        "tiers_not_contiguous",
        "tier_out_of_order",
        "not_in_answer",
        "answer_too_old",
        "missing_argument",
        "not_serializable",
        "not_json_text",
        "no_order_to_check",
        "account_freed",
        "other",
    ];

    /// The kind's stable name, in snake_case: the `kind` of the error document.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::InvalidJson { .. } => "invalid_json",
            ErrorKind::MissingField { .. } => "missing_field",
            ErrorKind::UnknownField { .. } => "unknown_field",
            ErrorKind::DuplicateField { .. } => "duplicate_field",
            ErrorKind::UnknownVariant { .. } => "unknown_variant",
            ErrorKind::WrongType { .. } => "wrong_type",
            ErrorKind::Number(number) => number.code(),
            ErrorKind::WrongFormat { .. } => "wrong_format",
            ErrorKind::NotPositive { .. } => "not_positive",
            ErrorKind::Negative { .. } => "negative",
            ErrorKind::NotAFraction { .. } => "not_a_fraction",
            ErrorKind::WarningAboveLiquidation { .. } => "warning_above_liquidation",
            ErrorKind::TooManyTiers { .. } => "too_many_tiers",
            ErrorKind::AboveMaximum { .. } => "above_maximum",
            ErrorKind::NotAName { .. } => "not_a_name",
            ErrorKind::NoBase => "no_base",
            ErrorKind::Duplicate { .. } => "duplicate",
            ErrorKind::UnknownCoin { .. } => "unknown_coin",
            ErrorKind::UnknownContract { .. } => "unknown_contract",
            ErrorKind::MissingPrice { .. } => "missing_price",
            ErrorKind::StablecoinPrice { .. } => "stablecoin_price",
            ErrorKind::StablecoinQuote { .. } => "stablecoin_quote",
            ErrorKind::UnknownQuote { .. } => "unknown_quote",
            ErrorKind::NoBtcToQuoteIn { .. } => "no_btc_to_quote_in",
            ErrorKind::BtcQuotedInBtc => "btc_quoted_in_btc",
            ErrorKind::TiersNotAscending { .. } => "tiers_not_ascending",
            ErrorKind::LastTierBounded { .. } => "last_tier_bounded",
            ErrorKind::UnboundedTierNotLast { .. } => "unbounded_tier_not_last",
            ErrorKind::NoPositionTiers => "no_position_tiers",
            ErrorKind::NotForMarket { .. } => "not_for_market",
            ErrorKind::MissingForMarket { .. } => "missing_for_market",
            ErrorKind::SameCoinTwice { .. } => "same_coin_twice",
            ErrorKind::SizeStepOutsideCheck => "size_step_outside_check",
            ErrorKind::HedgeInOneWayMode { .. } => "hedge_in_one_way_mode",
            ErrorKind::NoSuchEntry => "no_such_entry",
            ErrorKind::MixedTierUnits => "mixed_tier_units",
            ErrorKind::NotADate { .. } => "not_a_date",
            ErrorKind::WrongMarket { .. } => "wrong_market",
            ErrorKind::NotInMarket { .. } => "not_in_market",
            ErrorKind::LeverageAboveMax { .. } => "leverage_above_max",
            ErrorKind::NotBorrowable { .. } => "not_borrowable",
            ErrorKind::TooLarge { .. } => "too_large",
            ErrorKind::Usage { .. } => "usage",
            ErrorKind::CannotRead { .. } => "cannot_read",
            ErrorKind::NoCoinNamed => "no_coin_named",
            ErrorKind::NotInAccount { .. } => "not_in_account",
            ErrorKind::PointCount { .. } => "point_count",
            ErrorKind::CannotWrite { .. } => "cannot_write",
            ErrorKind::ExchangeRefused { .. } => "exchange_refused",
            ErrorKind::NoTiers => "no_tiers",
            ErrorKind::FirstTierNotAtZero { .. } => "first_tier_not_at_zero",
            ErrorKind::TiersNotContiguous { .. } => "tiers_not_contiguous",
            ErrorKind::TierOutOfOrder { .. } => "tier_out_of_order",
            ErrorKind::NotInAnswer { .. } => "not_in_answer",
            ErrorKind::AnswerTooOld { .. } => "answer_too_old",
            ErrorKind::MissingArgument { .. } => "missing_argument",
            ErrorKind::NotSerializable { .. } => "not_serializable",
            ErrorKind::NotJsonText => "not_json_text",
            ErrorKind::NoOrderToCheck => "no_order_to_check",
            ErrorKind::AccountFreed { .. } => "account_freed",
            ErrorKind::Other { .. } => "other",
        }
    }
}

/// The error as FORMAT.md writes it, with its kind: `{"error": {"path": …, "kind": …,
/// "message": …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorDocument<'a> {
    pub error: ErrorBody<'a>,
}

/// The body of [`ErrorDocument`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorBody<'a> {
    pub path: &'a str,
    /// [`ErrorKind::code`].
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ErrorKind::CODES.as_slice())))]
    pub kind: &'a str,
    pub message: &'a str,
}

impl Error {
    /// `kind` at `path`.
    pub fn new(path: impl Into<String>, kind: ErrorKind) -> Error {
        Error {
            path: path.into(),
            kind,
        }
    }

    /// Where in the scenario the problem is, as a JSON path (empty: the whole document).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, with its data.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The kind's stable name ([`ErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// What is wrong, in an English sentence that does not repeat the path.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// The path and the kind.
    pub fn into_parts(self) -> (String, ErrorKind) {
        (self.path, self.kind)
    }

    /// The same error for a value read as the document's `root` (an order read on its own
    /// as the scenario's `check`: `size` → `check.size`, `[0]` → `check[0]`).
    pub fn within(mut self, root: &str) -> Error {
        self.path = match (root.is_empty(), self.path.is_empty()) {
            (true, _) => self.path,
            (false, true) => root.to_string(),
            (false, false) if self.path.starts_with('[') => format!("{root}{}", self.path),
            (false, false) => format!("{root}.{}", self.path),
        };
        self
    }

    /// The same error in another document than the scenario: the path is rooted at
    /// `document` and a colon (`market:coins[0].discount_tiers[1].rate`, `btc.json:data[0]`;
    /// `market:` for the whole market document). A scenario's paths have no colon.
    pub fn in_document(mut self, document: &str) -> Error {
        self.path = format!("{document}:{}", self.path);
        self
    }

    /// The error as the JSON document of FORMAT.md, with its kind.
    pub fn to_json(&self) -> String {
        let message = self.message();
        let document = ErrorDocument {
            error: ErrorBody {
                path: &self.path,
                kind: self.code(),
                message: &message,
            },
        };
        // three strings: writing them cannot fail
        serde_json::to_string(&document).unwrap_or_default()
    }

    /// An overflow computing `what`, reported at `path`.
    pub fn too_large(path: impl Into<String>, what: Figure) -> Error {
        Error::new(path, ErrorKind::TooLarge { what })
    }
}

impl fmt::Display for Error {
    /// `path: message`, or the message alone for the whole document.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.path, self.kind)
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.kind)
    }
}
