//! The margin rules of RULES.md, one function per rule, each named after it.
//!
//! Every function is pure and works on validated values; arithmetic is checked and an
//! overflow comes back as [`Overflow`](crate::num::Overflow).

pub mod check;
pub mod discount;
pub mod equity;
pub mod initial_margin;
pub mod interest;
pub mod loan;
pub mod maintenance_margin;
pub mod pending;
pub mod position;
pub mod prices;
pub mod risk;
pub mod tiers;
