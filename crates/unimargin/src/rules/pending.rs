//! RULES §4: pending orders and adjusted equity; and what one order does, spot
//! ([`spot_order_effect`]) or futures ([`futures_order_effect`]), the one place where a
//! pending order, the order checked, and the what-if replay of pending orders are worked out.

use super::discount::contribution;
use super::equity::debt;
use super::initial_margin::{side_initial_margin, ContractBook, SideBook};
use super::loan::{loan_terms, LoanTerms};
use super::maintenance_margin::{
    contract_maintenance, derivatives_maintenance_margin, side_maintenance_margin,
    ContractMaintenance,
};
use crate::model::{CoinModel, ContractModel};
use crate::num::{add, mul, neg, positive_part, sub, Overflow};
use crate::scenario::{OrderSide, PositionSide};
use rust_decimal::Decimal;

/// A pending spot order read as filled at its limit price: the change of the base and the
/// quote coin. A buy: base `+size`, quote `−size × price`; a sell: base `−size`, quote
/// `+size × price`. A fall below zero is a loan.
pub fn spot_fill(
    side: OrderSide,
    size: Decimal,
    price: Decimal,
) -> Result<(Decimal, Decimal), Overflow> {
    let cost = mul(size, price)?;
    Ok(match side {
        OrderSide::Buy => (size, neg(cost)),
        OrderSide::Sell => (neg(size), cost),
    })
}

/// Spot trading loss of a fill: what it takes off the two coins' contributions,
/// `loss = max(0, −Δ Σ_c f(c))`. A gain is not credited until the order fills.
pub fn spot_trading_loss(
    contributions_before: Decimal,
    contributions_after: Decimal,
) -> Result<Decimal, Overflow> {
    Ok(positive_part(sub(
        contributions_before,
        contributions_after,
    )?))
}

/// Pending fee of a spot order: `cost_usd × the settings' spot taker fee`, with
/// `cost_usd = size × price × p(quote)`.
pub fn pending_fee(
    size: Decimal,
    price: Decimal,
    quote_usd: Decimal,
    spot_taker_fee: Decimal,
) -> Result<Decimal, Overflow> {
    mul(mul(mul(size, price)?, quote_usd)?, spot_taker_fee)
}

/// What a pending order adds to a margin: `max(0, margin after its fill − margin before it)`,
/// so that an order never releases margin before it fills.
pub fn margin_added(before: Decimal, after: Decimal) -> Result<Decimal, Overflow> {
    Ok(positive_part(sub(after, before)?))
}

/// Adjusted equity `AE = Σ_c f(c) − spot trading losses − pending fees`.
pub fn adjusted_equity(
    contributions: Decimal,
    spot_trading_losses: Decimal,
    pending_fees: Decimal,
) -> Result<Decimal, Overflow> {
    sub(sub(contributions, spot_trading_losses)?, pending_fees)
}

/// A coin's terms that a spot fill changes (RULES §3, §5, §6): its equity, its contribution
/// to adjusted equity `f(c)`, and its loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoinTerms {
    /// In coin units.
    pub equity: Decimal,
    pub contribution: Decimal,
    /// `None` when the coin is in debt and cannot be borrowed (it has no loan tiers).
    pub loan: Option<LoanTerms>,
}

impl CoinTerms {
    /// The loan's initial margin (0 without a loan, or without one allowed).
    pub fn loan_initial_margin(&self) -> Decimal {
        self.loan.map_or(Decimal::ZERO, |l| l.initial_margin)
    }

    /// The loan's maintenance margin (0 without a loan, or without one allowed).
    pub fn loan_maintenance_margin(&self) -> Decimal {
        self.loan.map_or(Decimal::ZERO, |l| l.maintenance_margin)
    }
}

/// A coin's terms at `equity`: `f(c)` (RULES §3) and the loan of `debt(c)` (§5, §6).
pub fn coin_terms(
    coin: &CoinModel,
    usd_price: Decimal,
    equity: Decimal,
) -> Result<CoinTerms, Overflow> {
    Ok(CoinTerms {
        equity,
        contribution: contribution(&coin.discount_tiers, equity, usd_price)?,
        loan: loan_terms(&coin.loan_tiers, debt(equity), usd_price)?,
    })
}

/// One coin of a spot order as the order finds it: its index, model, USD price and terms.
#[derive(Debug, Clone, Copy)]
pub struct FillCoin<'a> {
    pub index: usize,
    pub coin: &'a CoinModel,
    pub usd_price: Decimal,
    pub terms: CoinTerms,
}

/// One coin of a spot order: its terms before the fill and after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoinChange {
    /// The coin's index in the account.
    pub coin: usize,
    /// What the fill adds to its equity (negative: what it takes), in coin units.
    pub change: Decimal,
    pub before: CoinTerms,
    pub after: CoinTerms,
}

impl CoinChange {
    /// How much more of the coin is owed after the fill (0 when the debt falls).
    pub fn debt_added(&self) -> Result<Decimal, Overflow> {
        sub(debt(self.after.equity), debt(self.before.equity))
    }
}

/// What a spot order does, read as filled at its limit price (RULES §4, §5, §6): both coins
/// before and after, its spot trading loss, its fee, and the loan margins it adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpotOrderEffect {
    pub side: OrderSide,
    pub base: CoinChange,
    pub quote: CoinChange,
    /// What the fill takes off the two coins' contributions, `Σ f before − Σ f after`
    /// (negative: a gain).
    pub contributions_lost: Decimal,
    /// `loss = max(0, −Δ Σ_c f(c))` over the two coins.
    pub spot_loss: Decimal,
    pub fee: Decimal,
    /// The two coins' loans' initial margin before the fill and after it.
    pub loans_initial_margin: (Decimal, Decimal),
    /// `max(0, loans IM after − loans IM before)` over the two coins.
    pub initial_margin_added: Decimal,
    /// `max(0, loans MM after − loans MM before)` over the two coins.
    pub maintenance_margin_added: Decimal,
}

impl SpotOrderEffect {
    /// The coin it brings in: the base coin for a buy, the quote coin for a sell.
    pub fn bought(&self) -> &CoinChange {
        match self.side {
            OrderSide::Buy => &self.base,
            OrderSide::Sell => &self.quote,
        }
    }

    /// The coin it gives up.
    pub fn paid(&self) -> &CoinChange {
        match self.side {
            OrderSide::Buy => &self.quote,
            OrderSide::Sell => &self.base,
        }
    }

    /// The coin (index) the fill would put in debt though it cannot be borrowed, the base
    /// coin first.
    pub fn not_borrowable(&self) -> Option<usize> {
        [&self.base, &self.quote]
            .into_iter()
            .find(|c| c.after.loan.is_none())
            .map(|c| c.coin)
    }
}

/// The effect of a spot order of `size` at `price` on its two coins as they stand: the fill
/// (`spot_fill`), both coins' terms after it, and what it takes off adjusted equity and adds
/// to the loans' margins.
pub fn spot_order_effect(
    side: OrderSide,
    size: Decimal,
    price: Decimal,
    base: &FillCoin,
    quote: &FillCoin,
    spot_taker_fee: Decimal,
) -> Result<SpotOrderEffect, Overflow> {
    let (d_base, d_quote) = spot_fill(side, size, price)?;
    let filled = |c: &FillCoin, change: Decimal| {
        coin_terms(c.coin, c.usd_price, add(c.terms.equity, change)?)
    };
    let base = CoinChange {
        coin: base.index,
        change: d_base,
        before: base.terms,
        after: filled(base, d_base)?,
    };
    let quote_change = CoinChange {
        coin: quote.index,
        change: d_quote,
        before: quote.terms,
        after: filled(quote, d_quote)?,
    };
    let both = |f: fn(&CoinTerms) -> Decimal, before: bool| {
        let pick = |c: &CoinChange| if before { c.before } else { c.after };
        add(f(&pick(&base)), f(&pick(&quote_change)))
    };
    let contribution_of = |t: &CoinTerms| t.contribution;
    let (before, after) = (both(contribution_of, true)?, both(contribution_of, false)?);
    let loans_im = (
        both(CoinTerms::loan_initial_margin, true)?,
        both(CoinTerms::loan_initial_margin, false)?,
    );
    Ok(SpotOrderEffect {
        side,
        contributions_lost: sub(before, after)?,
        spot_loss: spot_trading_loss(before, after)?,
        fee: pending_fee(size, price, quote.usd_price, spot_taker_fee)?,
        loans_initial_margin: loans_im,
        initial_margin_added: margin_added(loans_im.0, loans_im.1)?,
        maintenance_margin_added: margin_added(
            both(CoinTerms::loan_maintenance_margin, true)?,
            both(CoinTerms::loan_maintenance_margin, false)?,
        )?,
        base,
        quote: quote_change,
    })
}

/// A contract's margins for a book (RULES §5, §6): each side's initial margin, and the
/// maintenance terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractMargins {
    pub long_initial_margin: Decimal,
    pub short_initial_margin: Decimal,
    pub maintenance: ContractMaintenance,
}

impl ContractMargins {
    /// The margins of `book`.
    pub fn of(
        book: &ContractBook,
        contract: &ContractModel,
        settle_usd: Decimal,
    ) -> Result<ContractMargins, Overflow> {
        Ok(ContractMargins {
            long_initial_margin: side_initial_margin(&book.long, contract, settle_usd)?,
            short_initial_margin: side_initial_margin(&book.short, contract, settle_usd)?,
            maintenance: derivatives_maintenance_margin(book, contract, settle_usd)?,
        })
    }

    /// `max(IM_long, IM_short)`, the contract's initial margin (RULES §5).
    pub fn initial_margin(&self) -> Decimal {
        self.long_initial_margin.max(self.short_initial_margin)
    }

    /// One side's initial margin.
    pub fn side_initial_margin(&self, side: PositionSide) -> Decimal {
        match side {
            PositionSide::Long => self.long_initial_margin,
            PositionSide::Short => self.short_initial_margin,
        }
    }
}

/// The book side an order opens on: a buy the long side, a sell the short side.
pub fn book_side(side: OrderSide) -> PositionSide {
    match side {
        OrderSide::Buy => PositionSide::Long,
        OrderSide::Sell => PositionSide::Short,
    }
}

/// What a futures order does to its contract (RULES §5, §6): an open order on one side, the
/// contract's margins before and after it, and the margins it adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FuturesOrderEffect {
    /// The contract's index in the account.
    pub contract: usize,
    /// The side it opens on.
    pub side: PositionSide,
    /// The contract's book with the order.
    pub book: ContractBook,
    pub before: ContractMargins,
    pub after: ContractMargins,
    /// `max(0, IM after − IM before)`.
    pub initial_margin_added: Decimal,
    /// `max(0, MM after − MM before)`.
    pub maintenance_margin_added: Decimal,
}

/// The effect of a futures order of `size` at `price` on contract `index`, whose `book` has
/// the margins `before`: only the side it opens on is worked out again.
#[allow(clippy::too_many_arguments)]
pub fn futures_order_effect(
    side: OrderSide,
    size: Decimal,
    price: Decimal,
    index: usize,
    contract: &ContractModel,
    settle_usd: Decimal,
    book: &ContractBook,
    before: &ContractMargins,
) -> Result<FuturesOrderEffect, Overflow> {
    let side = book_side(side);
    let mut with_order = *book;
    let opened: &mut SideBook = match side {
        PositionSide::Long => &mut with_order.long,
        PositionSide::Short => &mut with_order.short,
    };
    *opened = opened.with_order(size, price)?;
    let opened = *opened;
    let initial = side_initial_margin(&opened, contract, settle_usd)?;
    let maintenance = side_maintenance_margin(&opened, contract, settle_usd)?;
    let m = &before.maintenance;
    let after = match side {
        PositionSide::Long => ContractMargins {
            long_initial_margin: initial,
            short_initial_margin: before.short_initial_margin,
            maintenance: contract_maintenance(maintenance, m.short, contract.liquidation_fee)?,
        },
        PositionSide::Short => ContractMargins {
            long_initial_margin: before.long_initial_margin,
            short_initial_margin: initial,
            maintenance: contract_maintenance(m.long, maintenance, contract.liquidation_fee)?,
        },
    };
    Ok(FuturesOrderEffect {
        contract: index,
        side,
        book: with_order,
        before: *before,
        after,
        initial_margin_added: margin_added(before.initial_margin(), after.initial_margin())?,
        maintenance_margin_added: margin_added(
            m.maintenance_margin,
            after.maintenance.maintenance_margin,
        )?,
    })
}

/// What an order does: a spot order to its two coins, a futures order to its contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEffect {
    Spot(SpotOrderEffect),
    Futures(FuturesOrderEffect),
}

impl OrderEffect {
    /// Its spot trading loss (0 for a futures order: RULES §4).
    pub fn spot_loss(&self) -> Decimal {
        match self {
            OrderEffect::Spot(s) => s.spot_loss,
            OrderEffect::Futures(_) => Decimal::ZERO,
        }
    }

    /// Its pending fee (0 for a futures order, whose fee is inside its initial margin).
    pub fn fee(&self) -> Decimal {
        match self {
            OrderEffect::Spot(s) => s.fee,
            OrderEffect::Futures(_) => Decimal::ZERO,
        }
    }

    pub fn initial_margin_added(&self) -> Decimal {
        match self {
            OrderEffect::Spot(s) => s.initial_margin_added,
            OrderEffect::Futures(f) => f.initial_margin_added,
        }
    }

    pub fn maintenance_margin_added(&self) -> Decimal {
        match self {
            OrderEffect::Spot(s) => s.maintenance_margin_added,
            OrderEffect::Futures(f) => f.maintenance_margin_added,
        }
    }

    /// The loans' initial margin it adds (a spot order's; a futures order's is the
    /// derivatives').
    pub fn loan_initial_margin_added(&self) -> Decimal {
        match self {
            OrderEffect::Spot(s) => s.initial_margin_added,
            OrderEffect::Futures(_) => Decimal::ZERO,
        }
    }

    /// The loans' maintenance margin it adds (a spot order's).
    pub fn loan_maintenance_margin_added(&self) -> Decimal {
        match self {
            OrderEffect::Spot(s) => s.maintenance_margin_added,
            OrderEffect::Futures(_) => Decimal::ZERO,
        }
    }

    /// The coin (index) it would put in debt though it cannot be borrowed.
    pub fn not_borrowable(&self) -> Option<usize> {
        match self {
            OrderEffect::Spot(s) => s.not_borrowable(),
            OrderEffect::Futures(_) => None,
        }
    }

    /// How much more of its coins is owed after it, in coin units (spot only).
    pub fn debt_added(&self) -> Result<Decimal, Overflow> {
        match self {
            OrderEffect::Spot(s) => Ok(positive_part(add(
                s.base.debt_added()?,
                s.quote.debt_added()?,
            )?)),
            OrderEffect::Futures(_) => Ok(Decimal::ZERO),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::discount::contribution;
    use crate::scenario::DiscountTier;
    use rust_decimal_macros::dec;

    fn one_tier(rate: Decimal) -> Vec<DiscountTier> {
        vec![DiscountTier {
            rate,
            ..DiscountTier::default()
        }]
    }

    #[test]
    fn seed_three_buy_dot() {
        // Σ f before: BTC 1 × 50,000 × 1 + USDT 100 × 1 × 1 + DOT 20 × 5 × 0.5 = 50,150
        let ae = adjusted_equity(dec!(50150), dec!(0), dec!(0)).unwrap();
        assert_eq!(ae, dec!(50150));
        // buy 20 DOT at 5 USDT: DOT 20 → 40, USDT 100 → 0
        let (d_dot, d_usdt) = spot_fill(OrderSide::Buy, dec!(20), dec!(5)).unwrap();
        assert_eq!((d_dot, d_usdt), (dec!(20), dec!(-100)));
        let dot = one_tier(dec!(0.5));
        let usdt = one_tier(dec!(1));
        // before: 20 × 5 × 0.5 + 100 × 1 = 150; after: 40 × 5 × 0.5 + 0 = 100
        let before = contribution(&dot, dec!(20), dec!(5)).unwrap()
            + contribution(&usdt, dec!(100), dec!(1)).unwrap();
        let after = contribution(&dot, dec!(40), dec!(5)).unwrap()
            + contribution(&usdt, dec!(0), dec!(1)).unwrap();
        // loss = 150 − 100 = 50 = 20 × 5 × (1 − 0.5)
        assert_eq!(spot_trading_loss(before, after), Ok(dec!(50)));
        // as a pending order: 50,150 − 50 = 50,100
        assert_eq!(
            adjusted_equity(dec!(50150), dec!(50), dec!(0)),
            Ok(dec!(50100))
        );
    }

    #[test]
    fn a_gain_is_not_credited() {
        // selling DOT (rate 0.5) for USDT (rate 1) raises Σ f: loss 0, not negative
        assert_eq!(spot_trading_loss(dec!(150), dec!(200)), Ok(dec!(0)));
        assert_eq!(margin_added(dec!(10), dec!(4)), Ok(dec!(0)));
        assert_eq!(margin_added(dec!(4), dec!(10)), Ok(dec!(6)));
    }

    #[test]
    fn fees_are_charged_on_the_usd_cost() {
        // 20 × 5 USDT × 0.999 USD × 0.001 = 0.0999 USD
        assert_eq!(
            pending_fee(dec!(20), dec!(5), dec!(0.999), dec!(0.001)),
            Ok(dec!(0.0999))
        );
    }
}
