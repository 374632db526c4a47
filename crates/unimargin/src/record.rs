//! What an evaluation did, beyond the figures of its report: the typed record that the
//! explanations format (and that nothing has to work out again).
//!
//! Kept by the [`Report`](crate::report::Report) the evaluation makes (not serialized: the
//! report's document is FORMAT.md's). Together with the report's own figures (each coin's,
//! each contract side's, each position's) it says what every rule did with the account:
//! - per coin: its terms before the pending orders (equity, contribution, its loan with the
//!   borrowing tier that holds the debt);
//! - per pending order, in list order: what it did ([`OrderEffect`]: a spot order's fill, its
//!   two coins before and after, its loss, fee and the margins it adds; a futures order's
//!   side, its contract's margins before and after);
//! - per contract side, with the pending futures orders: its initial margin, maintenance
//!   terms and the position tier that holds its notional ([`ContractMargins`]);
//! - the order checked, when there is one: what it does, as a pending order's;
//! - per position: the report's `positions` (RULES §12), whose maintenance rate is its side's.

pub use crate::rules::loan::LoanTerms;
pub use crate::rules::pending::{
    CoinChange, CoinTerms, ContractMargins, FuturesOrderEffect, OrderEffect, SpotOrderEffect,
};

/// What an evaluation did, item by item (see the module's documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Each coin's terms before the pending orders, in the scenario's order.
    pub coins: Vec<CoinTerms>,
    /// What each pending order did, in the scenario's order.
    pub orders: Vec<OrderEffect>,
    /// Each contract's margins with the pending futures orders, in the scenario's order.
    pub contracts: Vec<ContractMargins>,
    /// What the order checked does, when the report has its check.
    pub check: Option<OrderEffect>,
}
