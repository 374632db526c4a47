//! Checked decimal arithmetic for the page, each operation one function in its code:
//! `None` when the result is beyond a decimal (or a division by zero), never a panic.
//!
//! rust_decimal's own `checked_*` are `#[inline(always)]`, so every call would carry its own
//! copy of the multiplication or division algorithm (the chart's ticks alone took 9 KB more
//! of the page's wasm); these wrappers keep one copy of each.

use unimargin::Decimal;

/// `checked_add`, `checked_sub`, `checked_mul` and `checked_div`, not inlined.
pub trait Checked: Sized {
    /// `self + other`.
    fn plus(self, other: Self) -> Option<Self>;
    /// `self − other`.
    fn minus(self, other: Self) -> Option<Self>;
    /// `self × other`.
    fn times(self, other: Self) -> Option<Self>;
    /// `self ÷ other` (`None` for 0 too).
    fn over(self, other: Self) -> Option<Self>;
}

impl Checked for Decimal {
    #[inline(never)]
    fn plus(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }

    #[inline(never)]
    fn minus(self, other: Decimal) -> Option<Decimal> {
        self.checked_sub(other)
    }

    #[inline(never)]
    fn times(self, other: Decimal) -> Option<Decimal> {
        self.checked_mul(other)
    }

    #[inline(never)]
    fn over(self, other: Decimal) -> Option<Decimal> {
        self.checked_div(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operation_or_none_beyond_a_decimal() {
        let two = Decimal::TWO;
        assert_eq!(two.plus(two), Some(Decimal::from(4)));
        assert_eq!(two.minus(Decimal::from(5)), Some(Decimal::from(-3)));
        assert_eq!(two.times(Decimal::from(3)), Some(Decimal::from(6)));
        assert_eq!(Decimal::ONE.over(two), Some(Decimal::new(5, 1)));
        assert_eq!(Decimal::MAX.plus(Decimal::ONE), None);
        assert_eq!(Decimal::MIN.minus(Decimal::ONE), None);
        assert_eq!(Decimal::MAX.times(two), None);
        assert_eq!(Decimal::ONE.over(Decimal::ZERO), None);
        assert_eq!(Decimal::MAX.over(Decimal::new(1, 1)), None);
    }
}
