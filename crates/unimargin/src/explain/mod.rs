//! "How is this computed?": each headline figure written out with the account's own
//! numbers, the way the source articles work their examples
//! ("Adjusted equity = 1 × 50,000 × 1 + 100 × 1 × 1 + 20 × 5 × 0.5 = 50,150 USD"),
//! with the product's reading of any rule the articles leave vague.
//!
//! An explanation is a typed value ([`Explanation`]): which figure, its formula (an id), its
//! worked lines ([`Line`], each carrying its numbers as decimals) and its readings (ids). It
//! is made from the report and its [`Record`](crate::record::Record): nothing is worked out
//! again here. [`english`] writes it in English (the CLI's `explain`); another language is
//! another renderer over the same values (the page words them in its reader's language).
//! The values are serde data, so that they can travel (from a Web Worker to the page).
//!
//! Long accounts are cut short: at most [`LISTED`] items of a kind are written out, the rest
//! summed into one [`Line::More`], so the text stays short and cheap on every keystroke.

use crate::model::Account;
use crate::report::Report;
use crate::rules::risk::Risk;
use crate::scenario::{OrderSide, PositionSide};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

mod build;
pub mod english;

/// At most this many items of a kind (coins, loans, contracts, orders, positions) are
/// written out; the others are summed into one line.
pub const LISTED: usize = 12;

/// The explanations of the headline figures (and of the check, when there is one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanations {
    pub adjusted_equity: Explanation,
    pub margin_reserved: Explanation,
    pub maintenance_margin: Explanation,
    pub cross_margin_rate: Explanation,
    pub check: Option<Explanation>,
    /// The first [`LISTED`] positions' own figures ([`explain_position`] explains any).
    pub positions: Vec<Explanation>,
}

/// One figure explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What is explained (the title).
    pub subject: Subject,
    /// The rule in symbols.
    pub formula: Formula,
    /// The rule with this account's numbers, one line per step, ending in the figure.
    pub worked: Vec<Line>,
    /// The product's readings of vague points of the source articles.
    pub readings: Vec<Reading>,
}

/// What an explanation explains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    AdjustedEquity,
    MarginReserved,
    MaintenanceMargin,
    CrossMarginRate,
    OrderCheck,
    /// A position's own figures: its number in the list (from 1), contract and side.
    Position {
        number: usize,
        symbol: String,
        side: PositionSide,
    },
}

/// A rule in symbols, by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Formula {
    /// `AE = Σ positive equity × p × discount rate (by tier) + Σ negative equity × p − spot
    /// trading losses − pending fees`.
    AdjustedEquity,
    /// Loans `debt × p ÷ leverage` plus each contract's larger side's initial margin.
    MarginReserved,
    /// Loans `debt × p × mmr` plus each contract's larger side's maintenance margin.
    MaintenanceMargin,
    /// `(maintenance margin + partial liquidation fees) ÷ adjusted equity`.
    CrossMarginRate,
    /// Accepted when adjusted equity after ≥ margin reserved after.
    OrderCheck,
    /// A position's PnL, margins and ROI (RULES §12).
    Position,
}

/// A reading of a rule the source articles leave vague, by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reading {
    // adjusted equity
    DiscountLikeTaxBrackets,
    TierHoldsItsUpperBound,
    DebtCountsInFull,
    PendingOrdersInListOrder,
    NoCreditBeforeTheFill,
    FuturesFeeInsideInitialMargin,
    // margin reserved
    LoanTakesTheTierOfItsWholeDebt,
    NoTiersNoBorrowing,
    PendingSpotOrderAddsLoanMargin,
    ContractReservesItsLargerSide,
    FuturesFeeIsTheTakerTerm,
    FuturesOrdersCancelledBelowReserved,
    // maintenance margin
    LoanTakesTheMaintenanceRateOfItsTier,
    SideTakesTheTierOfItsWholeNotional,
    OpenOrdersAtMark,
    LargerSideSetsMaintenance,
    PendingSpotOrderAddsLoanMaintenance,
    // cross margin rate
    LiquidationFeeOnTheBindingSide,
    NothingToMaintainIsZero,
    NoEquityIsUnbounded,
    ThresholdReachedAtIt,
    // the order check
    CheckedAsTheLastPendingOrder,
    SpotOrderReadAsFilled,
    LoanTierAfterTheOrder,
    NotBorrowableRefused,
    FuturesOrderTakesNothingOffEquity,
    ClosingOrderReservesNothingExtra,
    LargestSizeOnTheGrid,
    // a position
    PositionTakesItsSideTier,
    RoiOnItsInitialMargin,
    AvailableIsTheWholePosition,
    OneWayNetPosition,
}

/// The figure a [`Line::Total`] works out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Total {
    AdjustedEquity,
    MarginReserved,
    MaintenanceMargin,
    AvailableMargin,
    CrossMarginRate,
    AdjustedEquityAfter,
    MarginReservedAfter,
    Headroom,
}

/// A term of a [`Line::Total`]: a figure added or taken off, and what it is when named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Whether the term is taken off (the first term is never).
    pub minus: bool,
    pub value: Decimal,
    pub label: Option<TermLabel>,
}

/// What a [`Term`] is, when the line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TermLabel {
    Loans,
    Derivatives,
}

/// The verdict a [`Line::Total`] of the headroom ends with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Accepted,
    Rejected,
    /// Rejected: the coin named cannot be borrowed.
    NotBorrowable(String),
}

/// A kind of item left out of a long listing ([`Line::More`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Many {
    /// Coins whose equity includes unrealized PnL (no sum).
    CoinsWithPnl,
    /// Coins priced through a quote not at par (no sum).
    CoinsPricedThroughAQuote,
    /// Pending orders with a spot loss or a fee (no sum).
    PendingOrdersWithCosts,
    /// Loans, with their margins' sum.
    Loans,
    /// Pending spot orders adding loan margin, with its sum.
    PendingOrdersAddingMargin,
    /// Contracts, with their margins' sum.
    Contracts,
    /// Contracts, with their partial liquidation fees' sum.
    ContractsLiquidationFees,
}

/// An order in words: `buy 20 DOT at 5 USDT`, `sell 2 BTCUSDT at 50,000`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderWords {
    pub side: OrderSide,
    pub size: Decimal,
    /// The base coin (spot) or the contract's symbol (futures).
    pub traded: String,
    pub price: Decimal,
    /// The quote coin of a spot order.
    pub quote: Option<String>,
}

/// A pending order: its number in the list (from 1) and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingOrder {
    pub number: usize,
    pub order: OrderWords,
}

/// A unit of a tier's bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    Usd,
    Coin(String),
}

/// The range a tier covers: `up to 200,000 USD`, `above 200,000 up to 1,000,000 USD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierRange {
    pub lower: Option<Decimal>,
    pub upper: Option<Decimal>,
    pub unit: Unit,
}

/// The rate of a loan margin: the tier's leverage (initial) or its rate (maintenance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoanRate {
    Leverage(Decimal),
    Mmr(Decimal),
}

/// A loan's margin worked out: `20 × 5 ÷ 10 = 10 USD` or `20 × 5 × 0.1 = 10 USD`, with the
/// tier that holds the whole debt when the coin has more than one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanMargin {
    pub debt: Decimal,
    pub usd_price: Decimal,
    pub rate: LoanRate,
    pub margin: Decimal,
    pub tier: Option<TierRange>,
}

/// What a fill does to one coin's loan: its margin before, and after (`None`: repaid).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanChange {
    pub coin: String,
    /// The loan's margin before (`None`: no debt).
    pub before: Option<Decimal>,
    pub after: Option<LoanMargin>,
}

/// A term of a contract side's value: a size at a price, or its open orders' total value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueTerm {
    /// `size × price` (held at mark, or an order at its price).
    AtPrice { size: Decimal, price: Decimal },
    /// Σ size × price of the side's open orders, when there are more than three.
    OpenOrders(Decimal),
}

/// One side's initial margin: `(1 × 50,000 + 0.5 × 49,000) × (1 ÷ 20 + 0.0006) = 3,769.7
/// USD`; nothing (`0`) without terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideInitialMargin {
    pub value: Vec<ValueTerm>,
    pub leverage: Decimal,
    pub taker_fee: Decimal,
    pub settle_usd: Decimal,
    pub margin: Decimal,
}

/// One side's maintenance margin: `(1 + 0.5) × (0.004 + 0.0006) × 50,000 = 345 USD`, with
/// its notional and tier when the contract has more than one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideMaintenanceMargin {
    pub held: Decimal,
    pub open: Decimal,
    pub mmr: Decimal,
    pub taker_fee: Decimal,
    pub mark_price: Decimal,
    pub settle_usd: Decimal,
    pub margin: Decimal,
    pub tier: Option<(Decimal, TierRange)>,
}

/// A spot order's loss in the simplest form that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpotLoss {
    /// Both coins change at one rate each for the same USD value: the article's
    /// `20 × 5 × (1 − 0.5)`.
    OneRateEach {
        size: Decimal,
        price: Decimal,
        quote_usd: Decimal,
        paid_rate: Decimal,
        bought_rate: Decimal,
    },
    /// One rate each, different USD values: `paid × p × rate − bought × p × rate`.
    TwoRates {
        paid: Decimal,
        paid_usd: Decimal,
        paid_rate: Decimal,
        bought: Decimal,
        bought_usd: Decimal,
        bought_rate: Decimal,
    },
    /// Across tiers: the two coins' contributions before less after.
    Contributions {
        paid: String,
        bought: String,
        paid_before: Decimal,
        bought_before: Decimal,
        paid_after: Decimal,
        bought_after: Decimal,
    },
}

/// A spot order's loss worked out: its form and the contributions lost (negative: a gain,
/// not credited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpotLossWorked {
    pub form: SpotLoss,
    pub lost: Decimal,
}

/// A spot order's fee worked out: `20 × 5 × 0.001 = 0.1 USD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeWorked {
    pub size: Decimal,
    pub price: Decimal,
    pub quote_usd: Decimal,
    pub rate: Decimal,
    pub fee: Decimal,
}

/// A coin a spot order moves: its equity before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoinMove {
    pub coin: String,
    pub before: Decimal,
    pub after: Decimal,
}

/// How the order checked is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderReading {
    /// A spot order, read as filled (on what the pending orders leave, when there are any).
    Filled {
        after_pending: bool,
        base: CoinMove,
        quote: CoinMove,
    },
    /// A futures order, an open order on one side.
    OpensOn(PositionSide),
}

/// How a coin's USD price comes about, when it is not its own price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PriceVia {
    /// USDT or USDC: the settings' index price.
    Setting,
    /// A price in a quote, times the quote's USD price.
    Quote {
        price: Decimal,
        quote: String,
        quote_usd: Decimal,
    },
}

/// A term of the adjusted-equity sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SumTerm {
    /// `1 × 50,000 × 0.98`: a coin in one tier (`× 0` without tiers).
    Coin {
        equity: Decimal,
        usd_price: Decimal,
        rate: Decimal,
    },
    /// `− 3,000 × 0.999`: a coin in debt, undiscounted.
    Debt {
        owed: Decimal,
        usd_price: Decimal,
    },
    /// `1,000,000 × 0.98`: one slice of a coin whose value spans tiers.
    Slice {
        value_usd: Decimal,
        rate: Decimal,
    },
    /// The coins left out, and their contributions' sum (`None`: beyond exact arithmetic).
    MoreCoins {
        count: usize,
        sum: Option<Decimal>,
    },
    SpotTradingLosses(Decimal),
    PendingFees(Decimal),
}

/// One worked line. Numbers are decimals as the engine holds them; the renderer formats
/// them (inputs as entered, computed terms to at most 8 decimals, results to the cent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Line {
    // ---- the items of a figure ----
    /// `USDT equity = 10,000 balance + 2,400 unrealized PnL = 12,400 USDT`.
    CoinEquity {
        coin: String,
        balance: Decimal,
        unrealized_pnl: Decimal,
        equity: Decimal,
    },
    /// `ETH: 0.05 BTC × 60,000 = 3,000 USD`; `USDT: 1 USDT = 0.999 USD (…settings)`.
    CoinPrice {
        coin: String,
        via: PriceVia,
        usd_price: Decimal,
    },
    /// `BTC: 40 × 50,000 = 2,000,000 USD, discounted tier by tier: up to 1,000,000 USD at
    /// 0.98, above 1,000,000 USD at 0.97 = 1,950,000 USD`.
    TieredDiscount {
        coin: String,
        equity: Decimal,
        usd_price: Decimal,
        usd_equity: Decimal,
        slices: Vec<(TierRange, Decimal)>,
        contribution: Decimal,
    },
    /// A pending spot order's loss and fee.
    PendingOrderCosts {
        order: PendingOrder,
        loss: SpotLossWorked,
        fee: FeeWorked,
    },
    /// A loan's initial or maintenance margin: `USDT loan: 3,000 × 0.999 ÷ 5 = 599.4 USD`.
    Loan { coin: String, margin: LoanMargin },
    /// A pending spot order whose fill adds loan margin, and what it does to each loan.
    PendingOrderLoans {
        order: PendingOrder,
        added: Decimal,
        changes: Vec<LoanChange>,
    },
    /// A contract's initial margin: both sides, and the larger.
    ContractInitialMargin {
        symbol: String,
        long: SideInitialMargin,
        short: SideInitialMargin,
        larger: Decimal,
    },
    /// A contract's maintenance margin: the side that sets it, worked out, and the other's.
    ContractMaintenanceMargin {
        symbol: String,
        side: PositionSide,
        margin: SideMaintenanceMargin,
        other: Decimal,
        tie: bool,
    },
    /// A contract's partial liquidation fee: the binding side's notional × the rate.
    LiquidationFee {
        symbol: String,
        side: PositionSide,
        notional_usd: Decimal,
        rate: Decimal,
        fee: Decimal,
    },
    /// `988 more contracts: 9,880 USD`: the items of a kind left out.
    More {
        count: usize,
        what: Many,
        /// Their sum, for the kinds that have one (`None` also when beyond exact arithmetic).
        sum: Option<Decimal>,
    },

    // ---- sums and results ----
    /// The adjusted-equity sum, term by term.
    AdjustedEquitySum { terms: Vec<SumTerm>, total: Decimal },
    /// `Figure = a + b − c = total`, terms optional (`Margin reserved = 10 (loans) + 0
    /// (derivatives) = 10.00 USD`, `Headroom = 50,100 − 10 = 50,090.00 USD: accepted`).
    /// `value` is `None` only for an unbounded cross margin rate.
    Total {
        total: Total,
        terms: Vec<Term>,
        value: Option<Decimal>,
        verdict: Option<Verdict>,
    },
    /// `No loans and no futures: nothing is reserved` (or: to maintain).
    NothingToWorkOut { total: Total },
    /// Adjusted equity below margin reserved: futures open orders are cancelled.
    FuturesOrdersCancelled {
        adjusted_equity: Decimal,
        margin_reserved: Decimal,
    },
    /// `Cross margin rate = (345 + 15) ÷ 36,895 = 0.9757 %` (`None`: unbounded).
    CrossMarginRate {
        maintenance_margin: Decimal,
        liquidation_fees: Decimal,
        adjusted_equity: Decimal,
        rate: Option<Decimal>,
    },
    /// The risk level and the thresholds it is judged by.
    RiskLevel {
        risk: Risk,
        unbounded: bool,
        warning_rate: Decimal,
        liquidation_rate: Decimal,
    },

    // ---- the order check ----
    /// `The order: buy 20 DOT at 5 USDT, read as filled: DOT 20 → 40, USDT 100 → 0`.
    Order {
        order: OrderWords,
        reading: OrderReading,
    },
    /// `Spot trading loss = 20 × 5 × (1 − 0.5) = 50 USD`.
    SpotTradingLoss(SpotLossWorked),
    /// `Fee = 20 × 5 × 0 = 0 USD`.
    Fee(FeeWorked),
    /// The order would put a coin without borrowing tiers in debt.
    CannotBeBorrowed { coin: String },
    /// The order opens no loan.
    NoLoanOpened { added: Decimal },
    /// `After the order, DOT loan 20 × 5 ÷ 10 = 10 USD (before: none)`.
    LoanAfterOrder(LoanChange),
    /// `Initial margin it adds = max(0, 10 − 0) = 10 USD`.
    MarginAdded {
        after: Decimal,
        before: Decimal,
        added: Decimal,
    },
    /// A futures order leaves adjusted equity as it is.
    AdjustedEquityUnchanged { adjusted_equity: Decimal },
    /// `BTCUSDT short side with it: … = 6,072 USD`.
    SideWithOrder {
        symbol: String,
        side: PositionSide,
        margin: SideInitialMargin,
    },
    /// `BTCUSDT reserves max(long 3,769.7, short 6,072) = 6,072 USD instead of …`.
    ContractReserves {
        symbol: String,
        long: Decimal,
        short: Decimal,
        larger: Decimal,
        before: Decimal,
        added: Decimal,
    },
    /// The largest size that passes, on its grid (`0`: none).
    LargestSize { size: Decimal, step: Decimal },

    // ---- a position ----
    /// `Unrealized PnL = (50,000 − 48,000) × 1 = 2,000 USDT = 2,000.00 USD`.
    PositionPnl {
        side: PositionSide,
        mark_price: Decimal,
        entry_price: Decimal,
        size: Decimal,
        pnl: Decimal,
        settle: String,
        settle_usd: Decimal,
        pnl_usd: Decimal,
    },
    /// `Initial margin = 1 × 50,000 × (1 ÷ 20 + 0.0006) = 2,530 USD`.
    PositionInitialMargin(SideInitialMargin),
    /// `Maintenance margin = 1 × (0.004 + 0.0006) × 50,000 = 230 USD`, with the tier that
    /// holds its side's notional when the contract has more than one.
    PositionMaintenanceMargin {
        margin: SideMaintenanceMargin,
        side: PositionSide,
    },
    /// `ROI = 2,000 ÷ 2,530 = 79.0513 %` (`None`: no initial margin).
    PositionRoi {
        pnl_usd: Decimal,
        initial_margin: Decimal,
        roi: Option<Decimal>,
    },
    /// The size that can be closed: all of it.
    PositionAvailable { size: Decimal },
}

/// Explains a report of `account` (the report must be `evaluate(account)`'s; one of another
/// account gets the figures without their working, never a panic).
pub fn explain(account: &Account, report: &Report) -> Explanations {
    build::explain(account, report)
}

/// Explains position `k` (from 0) of a report of `account`: how its PnL, margins and ROI
/// come about. `None` when there is no such position or the report is not the account's.
pub fn explain_position(account: &Account, report: &Report, k: usize) -> Option<Explanation> {
    build::explain_position(account, report, k)
}
