//! The regime of a computation: the branch each piecewise rule took in it (which tier holds
//! a value, whether an equity is positive, whether a positive part is zero, whether adjusted
//! equity is above zero), noted as the rules run while [`observe`] watches.
//!
//! What it is for (RULES §11): as a coin's price moves, the quantities these branches test
//! (coin equities, USD values, notionals) move monotonically, so two prices with the same
//! regime have it on the whole interval between them, where the cross margin rate's terms
//! are then affine in the price (a product of two at most quadratic): a crossing inside
//! such an interval is found exactly from its ends, and the liquidation price search
//! (`whatif`) cannot step over one. A thread-local, so that the rules need no extra
//! argument; outside [`observe`] noting is one check.

use std::cell::RefCell;

thread_local! {
    static DECISIONS: RefCell<Option<Vec<u32>>> = const { RefCell::new(None) };
}

/// Notes the branch a piecewise rule took (a tier's index, a sign), when observed.
pub(crate) fn note(decision: u32) {
    DECISIONS.with(|decisions| {
        if let Ok(mut decisions) = decisions.try_borrow_mut() {
            if let Some(list) = decisions.as_mut() {
                list.push(decision);
            }
        }
    });
}

/// Notes which of `tiers`-like choices `index` was (`None` as a choice of its own).
pub(crate) fn note_index(index: Option<usize>) {
    note(index.map_or(0, |i| {
        u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1)
    }));
}

/// Runs `f`, with the branches it took, in order.
pub fn observe<T>(f: impl FnOnce() -> T) -> (T, Vec<u32>) {
    let previous = DECISIONS.with(|d| d.replace(Some(Vec::new())));
    let out = f();
    let decisions = DECISIONS.with(|d| d.replace(previous)).unwrap_or_default();
    (out, decisions)
}
