//! "How is this computed?": each headline figure written out with the account's own
//! numbers, the way the source articles work their examples
//! ("Adjusted equity = 1 × 50,000 × 1 + 100 × 1 × 1 + 20 × 5 × 0.5 = 50,150 USD"),
//! with the product's reading of any rule the articles leave vague.
//!
//! Pure text from a validated account and its report: the app, the CLI and the JS package
//! show the same words.
//!
//! Style: inputs (sizes, prices, rates) appear exactly as entered, with thousands
//! separators; computed terms appear exact (to at most 8 decimals); each line's result is in
//! USD to the cent. A conversion by a USD price of exactly 1 (a quote or settle coin at
//! par) is left out of fees, losses and futures margins; a coin's own price always shows.
//! Long accounts are cut short: at most [`LISTED`] items of a kind are written out, the
//! rest summed into one term, so the text stays short and cheap on every keystroke.

use crate::model::{Account, CoinModel, OrderModel, Quote};
use crate::report::{CoinReport, ContractReport, Report, SideReport};
use crate::rules::discount::{contribution, discount_rate_at};
use crate::rules::initial_margin::{loan_tier, side_initial_margin, SideBook};
use crate::rules::pending::spot_fill;
use crate::rules::risk::Risk;
use crate::scenario::{OrderSide, PositionSide};
use crate::text::{group_thousands, percent, usd};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// One figure explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The figure's name, e.g. "Adjusted equity".
    pub title: String,
    /// The rule in symbols, e.g. "Σ positive equity × USD price × discount rate + …".
    pub formula: String,
    /// The rule with this account's numbers, one line per step, ending in the figure.
    pub worked: Vec<String>,
    /// The product's readings of vague points of the source articles, in plain words.
    pub readings: Vec<String>,
}

/// The explanations of the headline figures (and of the check, when there is one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanations {
    pub adjusted_equity: Explanation,
    pub margin_reserved: Explanation,
    pub maintenance_margin: Explanation,
    pub cross_margin_rate: Explanation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<Explanation>,
}

/// At most this many items of a kind (coins, loans, contracts, orders) are written out;
/// the others are summed into one term.
pub const LISTED: usize = 12;

const AE_FORMULA: &str = "Adjusted equity = Σ positive coin equity × USD price × discount rate (tier by tier) + Σ negative coin equity × USD price − spot trading losses − pending fees";
const MR_FORMULA: &str = "Margin reserved = Σ loans: debt × USD price ÷ leverage + Σ contracts: max(long side, short side), each side = (held size × mark price + Σ open size × order price) × (1 ÷ leverage + taker fee) × settle coin's USD price";
const MM_FORMULA: &str = "Maintenance margin = Σ loans: debt × USD price × maintenance margin rate + Σ contracts: max(long side, short side), each side = (held size + open size) × (maintenance margin rate + taker fee) × mark price × settle coin's USD price";
const CMR_FORMULA: &str =
    "Cross margin rate = (maintenance margin + partial liquidation fees) ÷ adjusted equity";
const CHECK_FORMULA: &str = "Accepted when adjusted equity after ≥ margin reserved after, where adjusted equity after = adjusted equity − the order's spot trading loss − its fee, and margin reserved after = margin reserved + the initial margin the order adds";

const AE_READINGS: &[&str] = &[
    "A coin's USD value is discounted like tax brackets: each slice between two tier bounds counts at its own tier's rate, so only the part above a bound gets the next tier's rate.",
    "A tier holds its upper bound: a value exactly at a bound is in the lower tier; the next tier starts just above it.",
    "A coin in debt (negative equity) counts in full, without a discount. A coin without discount tiers counts for nothing.",
    "Pending spot orders are read as filled at their limit price, one after another in list order, each on the balances the ones before it leave.",
    "A pending order never makes the account look safer than it is without it: its spot trading loss is taken off now, but a gain counts only once the order fills.",
    "A futures order's fee is already inside its initial margin (the taker fee term), so it is not taken off adjusted equity a second time.",
];

const MR_READINGS: &[&str] = &[
    "A loan takes the leverage of the borrowing tier that holds its whole debt: the debt is not cut into slices across tiers. A tier holds its upper bound.",
    "A coin without borrowing tiers cannot be borrowed: anything that would put it in debt is refused.",
    "A pending spot order adds the loan margin its fill would open; no pending order releases margin before it fills.",
    "A buy order adds to the long side and a sell order to the short side, and a contract reserves only its larger side: an order that only closes a position reserves nothing extra.",
    "A futures order's fee is its taker fee term in the initial margin.",
    "When adjusted equity is below margin reserved, all futures open orders are cancelled; spot orders stay.",
];

const MM_READINGS: &[&str] = &[
    "A loan takes the maintenance rate of the borrowing tier that holds its whole debt.",
    "A contract side takes the maintenance rate of the position tier that holds its whole notional at mark price, open orders included; that rate applies to the whole side, not slice by slice. A tier holds its upper bound.",
    "Open orders count at the mark price, not at their order price.",
    "The larger side sets a contract's maintenance margin; on a tie, the long side.",
    "A pending spot order adds the loan maintenance margin its fill would open, and releases none before it fills.",
];

const CMR_READINGS: &[&str] = &[
    "The partial liquidation fee is taken on the notional at mark price (held plus open orders) of the side that sets the contract's maintenance margin, the long side on a tie.",
    "With nothing to maintain the rate is 0 %, whatever the adjusted equity.",
    "With something to maintain and adjusted equity at or below zero, the rate is unbounded, which counts as liquidation.",
    "A rate exactly at a threshold has reached it.",
];

const CHECK_READINGS: &[&str] = &[
    "The order is checked as if it were the last pending order, on the balances and positions the pending orders leave.",
];

const CHECK_SPOT_READINGS: &[&str] = &[
    "It is read as filled at its limit price: its spot trading loss and its fee come off adjusted equity; a gain is not credited before it fills.",
    "A loan it opens takes the borrowing tier that holds the coin's whole debt after it; it releases no margin before it fills.",
    "An order that would put a coin without borrowing tiers in debt is refused, whatever the headroom.",
];

const CHECK_FUTURES_READINGS: &[&str] = &[
    "A futures order takes nothing off adjusted equity: its fee is the taker fee term of its initial margin.",
    "A buy adds to the long side and a sell to the short side, and the contract reserves its larger side: an order that only closes a position reserves nothing extra while the other side stays the larger.",
];

const LARGEST_READING: &str =
    "The largest size that passes is the largest multiple of the size step whose order is accepted.";

/// Explains a report of `account` (the report must be `evaluate(account)`'s).
pub fn explain(account: &Account, report: &Report) -> Explanations {
    let consistent = report.coins.len() == account.coins.len()
        && report.contracts.len() == account.contracts.len()
        && report.orders.len() == account.orders.len()
        && report.check.is_some() == account.check.is_some();
    if !consistent {
        return out_of_date(report);
    }
    let ctx = Ctx::new(account, report);
    Explanations {
        adjusted_equity: ctx.adjusted_equity(),
        margin_reserved: ctx.margin_reserved(),
        maintenance_margin: ctx.maintenance_margin(),
        cross_margin_rate: ctx.cross_margin_rate(),
        check: ctx.check(),
    }
}

fn explanation(title: &str, formula: &str, worked: Vec<String>, readings: &[&str]) -> Explanation {
    Explanation {
        title: title.to_string(),
        formula: formula.to_string(),
        worked,
        readings: readings.iter().map(|r| r.to_string()).collect(),
    }
}

/// A report that is not the account's (a caller's mistake): the rules and the figures, no
/// working, rather than a panic.
fn out_of_date(report: &Report) -> Explanations {
    let a = &report.account;
    let line = |title: &str, value: Decimal| vec![format!("{title} = {}", usd(value))];
    Explanations {
        adjusted_equity: explanation(
            "Adjusted equity",
            AE_FORMULA,
            line("Adjusted equity", a.adjusted_equity),
            AE_READINGS,
        ),
        margin_reserved: explanation(
            "Margin reserved",
            MR_FORMULA,
            line("Margin reserved", a.margin_reserved),
            MR_READINGS,
        ),
        maintenance_margin: explanation(
            "Maintenance margin",
            MM_FORMULA,
            line("Maintenance margin", a.maintenance_margin),
            MM_READINGS,
        ),
        cross_margin_rate: explanation(
            "Cross margin rate",
            CMR_FORMULA,
            vec![match a.cross_margin_rate {
                Some(r) => format!("Cross margin rate = {}", rate(r)),
                None => "Cross margin rate: unbounded".to_string(),
            }],
            CMR_READINGS,
        ),
        check: report.check.as_ref().map(|c| {
            explanation(
                "Order check",
                CHECK_FORMULA,
                vec![format!("Headroom = {}", usd(c.headroom))],
                CHECK_READINGS,
            )
        }),
    }
}

// ---------------------------------------------------------------------------------------
// Numbers and sums as text

/// An input as entered (normalized), grouped: `50000` → `50,000`.
fn num(value: Decimal) -> String {
    group_thousands(value)
}

/// A computed term: exact, to at most 8 decimals, grouped.
fn amount(value: Decimal) -> String {
    group_thousands(value.round_dp_with_strategy(8, RoundingStrategy::MidpointAwayFromZero))
}

/// A rate as a percentage, cut (never rounded up) to 4 decimals of a percent, so that a
/// rate below a threshold never reads as the threshold.
fn rate(value: Decimal) -> String {
    percent(value.round_dp_with_strategy(6, RoundingStrategy::ToZero))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    let count = group_thousands(Decimal::from(n));
    if n == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

/// A sum written term by term: `a + b − c`.
#[derive(Default)]
struct Terms {
    text: String,
}

impl Terms {
    fn plus(&mut self, term: &str) {
        if !self.text.is_empty() {
            self.text.push_str(" + ");
        }
        self.text.push_str(term);
    }

    fn minus(&mut self, term: &str) {
        self.text
            .push_str(if self.text.is_empty() { "-" } else { " − " });
        self.text.push_str(term);
    }

    /// A signed amount with a label: `+ 1,234 (988 more coins)` or `− 5 (pending fees)`.
    fn signed(&mut self, value: Decimal, label: &str) {
        let term = format!("{} ({label})", amount(value.abs()));
        if value.is_sign_negative() && !value.is_zero() {
            self.minus(&term);
        } else {
            self.plus(&term);
        }
    }
}

/// The first [`LISTED`] items of a kind, written out; the rest counted and summed for one
/// closing line ("988 more contracts: 9,880 USD").
struct Listing {
    listed: usize,
    hidden: usize,
    /// `None` once the sum overflowed: the closing line then shows "…".
    hidden_sum: Option<Decimal>,
}

impl Listing {
    fn new() -> Listing {
        Listing {
            listed: 0,
            hidden: 0,
            hidden_sum: Some(Decimal::ZERO),
        }
    }

    /// Whether the next item is written out; if not, its `value` goes into the rest.
    fn admit(&mut self, value: Decimal) -> bool {
        if self.listed < LISTED {
            self.listed += 1;
            return true;
        }
        self.hidden += 1;
        self.hidden_sum = self.hidden_sum.and_then(|s| s.checked_add(value));
        false
    }

    /// "988 more contracts" and the rest's sum, when anything was left out.
    fn rest(&self, one: &str, many: &str) -> Option<(String, String)> {
        (self.hidden > 0).then(|| {
            (
                plural(self.hidden, one, many),
                self.hidden_sum.map_or("…".into(), amount),
            )
        })
    }
}

fn side_name(side: PositionSide) -> &'static str {
    match side {
        PositionSide::Long => "long",
        PositionSide::Short => "short",
    }
}

fn order_side_name(side: OrderSide) -> &'static str {
    match side {
        OrderSide::Buy => "buy",
        OrderSide::Sell => "sell",
    }
}

/// The range a tier covers: `up to 200,000 USD`, `above 200,000 up to 1,000,000 USD`.
fn tier_range(lower: Option<Decimal>, upper: Option<Decimal>, unit: &str) -> String {
    match (lower, upper) {
        (None, Some(u)) => format!("up to {} {unit}", num(u)),
        (Some(l), Some(u)) => format!("above {} up to {} {unit}", num(l), num(u)),
        (Some(l), None) => format!("above {} {unit}", num(l)),
        (None, None) => "of any size".to_string(),
    }
}

/// The lower bound of the tier at `index` in a list of upper bounds.
fn lower_bound(mut bounds: impl Iterator<Item = Option<Decimal>>, index: usize) -> Option<Decimal> {
    if index == 0 {
        None
    } else {
        bounds.nth(index - 1).flatten()
    }
}

/// The discount rate that applies to an equity at a USD price: the rate of the tier holding
/// it when positive (0 without tiers), 1 when zero or negative (debt counts in full).
fn rate_at(coin: &CoinModel, equity: Decimal, usd_price: Decimal) -> Decimal {
    if equity <= Decimal::ZERO {
        return Decimal::ONE;
    }
    discount_rate_at(&coin.discount_tiers, equity, usd_price).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// The account as the explanations read it

struct Ctx<'a> {
    account: &'a Account,
    report: &'a Report,
    /// For each pending order: the equities of its base and quote coin just before it
    /// (spot orders only). Empty when no spot order needs it.
    before_order: Vec<Option<(Decimal, Decimal)>>,
    /// Every coin's equity after the pending orders. Empty when no spot order needs it.
    after_pending: Vec<Decimal>,
}

/// A spot order's two coins: what it brings in and what it gives up, in coin units.
#[derive(Clone, Copy)]
struct Fill {
    bought: usize,
    paid: usize,
    bought_qty: Decimal,
    paid_qty: Decimal,
}

fn fill_of(side: OrderSide, base: usize, quote: usize, size: Decimal, price: Decimal) -> Fill {
    let cost = size.checked_mul(price).unwrap_or(Decimal::MAX);
    match side {
        OrderSide::Buy => Fill {
            bought: base,
            paid: quote,
            bought_qty: size,
            paid_qty: cost,
        },
        OrderSide::Sell => Fill {
            bought: quote,
            paid: base,
            bought_qty: cost,
            paid_qty: size,
        },
    }
}

impl<'a> Ctx<'a> {
    fn new(account: &'a Account, report: &'a Report) -> Ctx<'a> {
        let is_spot = |o: &OrderModel| matches!(o, OrderModel::Spot { .. });
        let needed = account.orders.iter().any(is_spot)
            || account.check.as_ref().is_some_and(|c| is_spot(&c.order));
        let (mut before_order, mut after_pending) = (Vec::new(), Vec::new());
        if needed {
            after_pending = report.coins.iter().map(|c| c.equity).collect();
            before_order.reserve(account.orders.len());
            for order in &account.orders {
                let OrderModel::Spot {
                    side,
                    base,
                    quote,
                    size,
                    price,
                } = *order
                else {
                    before_order.push(None);
                    continue;
                };
                let equities: &mut Vec<Decimal> = &mut after_pending;
                before_order.push(Some((equities[base], equities[quote])));
                // the evaluation applied these same fills: they cannot overflow here
                if let Ok((d_base, d_quote)) = spot_fill(side, size, price) {
                    equities[base] = equities[base].checked_add(d_base).unwrap_or(equities[base]);
                    equities[quote] = equities[quote]
                        .checked_add(d_quote)
                        .unwrap_or(equities[quote]);
                }
            }
        }
        Ctx {
            account,
            report,
            before_order,
            after_pending,
        }
    }

    fn coin(&self, i: usize) -> (&'a CoinModel, &'a CoinReport) {
        (&self.account.coins[i], &self.report.coins[i])
    }

    /// The USD price of a coin's quote.
    fn quote_usd(&self, i: usize) -> Decimal {
        match self.account.coins[i].quote {
            Quote::Usd => Decimal::ONE,
            Quote::Usdt => self.account.settings.usdt_usd,
            Quote::Usdc => self.account.settings.usdc_usd,
            Quote::Btc(btc) => self.report.coins[btc].usd_price,
        }
    }

    /// `× p` for a conversion into USD, left out at par.
    fn times_usd(price: Decimal) -> String {
        if price == Decimal::ONE {
            String::new()
        } else {
            format!(" × {}", num(price))
        }
    }

    /// "order 2 (sell 0.1 BTC at 50,000 USDT)".
    fn order_name(&self, k: usize, order: &OrderModel) -> String {
        format!("order {} ({})", k + 1, self.order_words(order))
    }

    fn order_words(&self, order: &OrderModel) -> String {
        match *order {
            OrderModel::Spot {
                side,
                base,
                quote,
                size,
                price,
            } => format!(
                "{} {} {} at {} {}",
                order_side_name(side),
                num(size),
                self.account.coins[base].name,
                num(price),
                self.account.coins[quote].name
            ),
            OrderModel::Futures {
                side,
                contract,
                size,
                price,
            } => format!(
                "{} {} {} at {}",
                order_side_name(side),
                num(size),
                self.account.contracts[contract].symbol,
                num(price)
            ),
        }
    }

    fn contribution_of(&self, i: usize, equity: Decimal) -> Option<Decimal> {
        let (coin, report) = self.coin(i);
        contribution(&coin.discount_tiers, equity, report.usd_price).ok()
    }

    /// The spot trading loss of a fill from the given equities, written out: in the
    /// article's form `20 × 5 × (1 − 0.5) = 50 USD` when both coins change at one rate each
    /// for the same USD value; otherwise term by term, or, across tiers, as the two coins'
    /// contributions before less after.
    fn spot_loss_text(
        &self,
        order: &OrderModel,
        equity_base: Decimal,
        equity_quote: Decimal,
    ) -> String {
        let OrderModel::Spot {
            side,
            base,
            quote,
            size,
            price,
        } = *order
        else {
            return "0 USD".to_string();
        };
        let fill = fill_of(side, base, quote, size, price);
        let equity_of = |i: usize| if i == base { equity_base } else { equity_quote };
        let leg = |i: usize, change: Decimal| -> Option<(Decimal, Decimal, Decimal, Decimal)> {
            // equity before, after; contribution before, after
            let before = equity_of(i);
            let after = before.checked_add(change)?;
            Some((
                before,
                after,
                self.contribution_of(i, before)?,
                self.contribution_of(i, after)?,
            ))
        };
        let (Some(paid), Some(bought)) = (
            leg(fill.paid, -fill.paid_qty),
            leg(fill.bought, fill.bought_qty),
        ) else {
            return "see the figures".to_string();
        };
        let p_paid = self.report.coins[fill.paid].usd_price;
        let p_bought = self.report.coins[fill.bought].usd_price;
        // the one rate at which a coin's contribution changed, if there is one
        let linear_rate = |i: usize, (e0, e1, f0, f1): (Decimal, Decimal, Decimal, Decimal)| {
            let p = self.report.coins[i].usd_price;
            let change = f1.checked_sub(f0)?;
            let value_change = e1.checked_sub(e0)?.checked_mul(p)?;
            [e0, e1]
                .into_iter()
                .map(|e| rate_at(&self.account.coins[i], e, p))
                .find(|r| value_change.checked_mul(*r) == Some(change))
        };
        let loss = (|| {
            paid.2
                .checked_add(bought.2)?
                .checked_sub(paid.3.checked_add(bought.3)?)
        })();
        let Some(loss) = loss else {
            return "see the figures".to_string();
        };
        let expression = match (
            linear_rate(fill.paid, paid),
            linear_rate(fill.bought, bought),
        ) {
            (Some(r_paid), Some(r_bought))
                if fill.paid_qty.checked_mul(p_paid) == fill.bought_qty.checked_mul(p_bought) =>
            {
                let quote_usd = self.report.coins[quote].usd_price;
                format!(
                    "{} × {}{} × ({} − {})",
                    num(size),
                    num(price),
                    Self::times_usd(quote_usd),
                    num(r_paid),
                    num(r_bought)
                )
            }
            (Some(r_paid), Some(r_bought)) => format!(
                "{} × {} × {} − {} × {} × {}",
                amount(fill.paid_qty),
                num(p_paid),
                num(r_paid),
                amount(fill.bought_qty),
                num(p_bought),
                num(r_bought)
            ),
            _ => {
                let (paid_name, bought_name) = (
                    &self.account.coins[fill.paid].name,
                    &self.account.coins[fill.bought].name,
                );
                format!(
                    "({paid_name} {} + {bought_name} {}) − ({paid_name} {} + {bought_name} {})",
                    amount(paid.2),
                    amount(bought.2),
                    amount(paid.3),
                    amount(bought.3)
                )
            }
        };
        if loss < Decimal::ZERO {
            format!(
                "{expression} = {}: a gain, not credited before it fills, so 0 USD",
                amount(loss)
            )
        } else {
            format!("{expression} = {} USD", amount(loss))
        }
    }

    /// `20 × 5 × 0.001 = 0.1 USD`: a spot order's fee.
    fn fee_text(&self, order: &OrderModel, fee: Decimal) -> String {
        let OrderModel::Spot {
            quote, size, price, ..
        } = *order
        else {
            return format!("{} USD", amount(fee));
        };
        format!(
            "{} × {}{} × {} = {} USD",
            num(size),
            num(price),
            Self::times_usd(self.report.coins[quote].usd_price),
            num(self.account.settings.spot_taker_fee),
            amount(fee)
        )
    }

    /// A loan's margin written out: `20 × 5 ÷ 10 = 10 USD` (initial) or `20 × 5 × 0.1 =
    /// 10 USD` (maintenance), its value, and the tier that holds the debt when the coin has
    /// more than one; `None` when the coin cannot be borrowed.
    fn loan_text(
        &self,
        i: usize,
        debt: Decimal,
        maintenance: bool,
    ) -> Option<(String, Decimal, Option<String>)> {
        let (coin, report) = self.coin(i);
        let tier = loan_tier(&coin.loan_tiers, debt)?;
        let value = debt.checked_mul(report.usd_price)?;
        let (operation, margin) = if maintenance {
            (format!("× {}", num(tier.mmr)), value.checked_mul(tier.mmr)?)
        } else {
            (
                format!("÷ {}", num(tier.leverage)),
                value.checked_div(tier.leverage)?,
            )
        };
        let text = format!(
            "{} × {} {operation} = {} USD",
            num(debt),
            num(report.usd_price),
            amount(margin)
        );
        let note = (coin.loan_tiers.len() > 1).then(|| {
            let index = coin
                .loan_tiers
                .iter()
                .position(|t| std::ptr::eq(t, tier))
                .unwrap_or(0);
            let lower = lower_bound(coin.loan_tiers.iter().map(|t| t.up_to), index);
            format!(
                "the whole debt in the tier {}",
                tier_range(lower, tier.up_to, &coin.name)
            )
        });
        Some((text, margin, note))
    }

    /// What a spot fill does to the two coins' loans: one part per coin whose debt changes,
    /// and the two coins' loan margins before and after. `Err(coin)` when it would put a
    /// coin that cannot be borrowed in debt.
    #[allow(clippy::type_complexity)]
    fn loan_changes(
        &self,
        fill: Fill,
        equity_bought: Decimal,
        equity_paid: Decimal,
        maintenance: bool,
    ) -> Result<(Vec<String>, Decimal, Decimal), usize> {
        let mut parts = Vec::new();
        let (mut before_total, mut after_total) = (Decimal::ZERO, Decimal::ZERO);
        for (i, before, change) in [
            (fill.paid, equity_paid, -fill.paid_qty),
            (fill.bought, equity_bought, fill.bought_qty),
        ] {
            let after = before.checked_add(change).unwrap_or(before);
            let (debt_before, debt_after) = (
                before.min(Decimal::ZERO).abs(),
                after.min(Decimal::ZERO).abs(),
            );
            let margin_before = if debt_before.is_zero() {
                Decimal::ZERO
            } else {
                self.loan_text(i, debt_before, maintenance)
                    .map_or(Decimal::ZERO, |m| m.1)
            };
            before_total += margin_before;
            if debt_after == debt_before {
                after_total += margin_before;
                continue;
            }
            let name = &self.account.coins[i].name;
            let was = if debt_before.is_zero() {
                "none".to_string()
            } else {
                format!("{} USD", amount(margin_before))
            };
            if debt_after.is_zero() {
                parts.push(format!("{name} loan repaid (before: {was})"));
                continue;
            }
            let Some((text, margin, note)) = self.loan_text(i, debt_after, maintenance) else {
                return Err(i);
            };
            after_total += margin;
            match note {
                Some(note) => parts.push(format!("{name} loan {text} ({note}; before: {was})")),
                None => parts.push(format!("{name} loan {text} (before: {was})")),
            }
        }
        Ok((parts, before_total, after_total))
    }

    /// Lines for the coins in debt: each loan's margin, then the pending spot orders'.
    fn coin_loan_lines(&self, lines: &mut Vec<String>, maintenance: bool) {
        let mut listing = Listing::new();
        for (i, (coin, r)) in self
            .account
            .coins
            .iter()
            .zip(&self.report.coins)
            .enumerate()
        {
            if r.debt.is_zero() {
                continue;
            }
            let margin = if maintenance {
                r.loan_maintenance_margin
            } else {
                r.loan_initial_margin
            };
            if !listing.admit(margin) {
                continue;
            }
            lines.push(match self.loan_text(i, r.debt, maintenance) {
                Some((text, _, Some(note))) => format!("{} loan: {text} ({note})", coin.name),
                Some((text, _, None)) => format!("{} loan: {text}", coin.name),
                None => format!("{} loan: {} USD", coin.name, amount(margin)),
            });
        }
        if let Some((count, sum)) = listing.rest("more loan", "more loans") {
            lines.push(format!("{count}: {sum} USD"));
        }
        self.pending_loan_lines(lines, maintenance);
    }

    /// Lines for the pending spot orders whose fill adds loan margin.
    fn pending_loan_lines(&self, lines: &mut Vec<String>, maintenance: bool) {
        let mut listing = Listing::new();
        for (k, (order, r)) in self
            .account
            .orders
            .iter()
            .zip(&self.report.orders)
            .enumerate()
        {
            let added = if maintenance {
                r.maintenance_margin_added
            } else {
                r.initial_margin_added
            };
            let OrderModel::Spot {
                side,
                base,
                quote,
                size,
                price,
            } = *order
            else {
                continue;
            };
            if added.is_zero() {
                continue;
            }
            if !listing.admit(added) {
                continue;
            }
            let fill = fill_of(side, base, quote, size, price);
            let Some(Some((e_base, e_quote))) = self.before_order.get(k) else {
                continue;
            };
            let equity = |i: usize| if i == base { *e_base } else { *e_quote };
            let parts = match self.loan_changes(
                fill,
                equity(fill.bought),
                equity(fill.paid),
                maintenance,
            ) {
                Ok((parts, _, _)) => parts.join("; "),
                Err(_) => String::new(),
            };
            lines.push(format!(
                "Pending {}, read as filled, adds {} USD: {parts}",
                self.order_name(k, order),
                amount(added)
            ));
        }
        if let Some((count, sum)) = listing.rest("more pending order", "more pending orders") {
            lines.push(format!("{count} add {sum} USD"));
        }
    }

    // -----------------------------------------------------------------------------------
    // Adjusted equity

    fn adjusted_equity(&self) -> Explanation {
        let a = &self.report.account;
        let mut lines = Vec::new();

        // equities that include unrealized PnL
        let mut hidden = 0usize;
        for (coin, r) in self.account.coins.iter().zip(&self.report.coins) {
            if r.unrealized_pnl.is_zero() {
                continue;
            }
            if lines.len() == LISTED {
                hidden += 1;
                continue;
            }
            let mut terms = Terms::default();
            terms.plus(&format!("{} balance", num(coin.balance)));
            if r.unrealized_pnl > Decimal::ZERO {
                terms.plus(&format!("{} unrealized PnL", amount(r.unrealized_pnl)));
            } else {
                terms.minus(&format!("{} unrealized PnL", amount(-r.unrealized_pnl)));
            }
            lines.push(format!(
                "{} equity = {} = {} {}",
                coin.name,
                terms.text,
                amount(r.equity),
                coin.name
            ));
        }
        if hidden > 0 {
            lines.push(format!(
                "(and {} with unrealized PnL)",
                plural(hidden, "more coin", "more coins")
            ));
        }

        // USD prices through a quote not at par
        let (mut listed, mut hidden) = (0usize, 0usize);
        for (i, (coin, r)) in self
            .account
            .coins
            .iter()
            .zip(&self.report.coins)
            .enumerate()
        {
            if r.equity.is_zero() || r.usd_price == coin.price {
                continue;
            }
            if listed == LISTED {
                hidden += 1;
                continue;
            }
            listed += 1;
            let line = if coin.stablecoin.is_some() {
                format!(
                    "{}: 1 {} = {} USD (the {}/USD price in the settings)",
                    coin.name,
                    coin.name,
                    num(r.usd_price),
                    coin.name
                )
            } else {
                let quote = match coin.quote {
                    Quote::Usd => "USD",
                    Quote::Usdt => "USDT",
                    Quote::Usdc => "USDC",
                    Quote::Btc(_) => "BTC",
                };
                format!(
                    "{}: {} {quote} × {} = {} USD",
                    coin.name,
                    num(coin.price),
                    num(self.quote_usd(i)),
                    num(r.usd_price)
                )
            };
            lines.push(line);
        }
        if hidden > 0 {
            lines.push(format!(
                "(and {} priced through a quote)",
                plural(hidden, "more coin", "more coins")
            ));
        }

        // coins whose value spans tiers, and the sum itself
        let mut sum = Terms::default();
        let (mut listed, mut rest_count) = (0usize, 0usize);
        let mut rest = Some(Decimal::ZERO);
        let mut tier_lines = 0usize;
        for (coin, r) in self.account.coins.iter().zip(&self.report.coins) {
            if r.equity.is_zero() {
                continue;
            }
            if listed == LISTED {
                rest_count += 1;
                rest = rest.and_then(|s| s.checked_add(r.contribution));
                continue;
            }
            listed += 1;
            if r.equity < Decimal::ZERO {
                sum.minus(&format!("{} × {}", num(-r.equity), num(r.usd_price)));
                continue;
            }
            match r.discount_slices.as_slice() {
                [] => sum.plus(&format!("{} × {} × 0", num(r.equity), num(r.usd_price))),
                [one] => sum.plus(&format!(
                    "{} × {} × {}",
                    num(r.equity),
                    num(r.usd_price),
                    num(one.rate)
                )),
                slices => {
                    let mut by_tier = Vec::with_capacity(slices.len());
                    for s in slices {
                        sum.plus(&format!("{} × {}", amount(s.value_usd), num(s.rate)));
                        // tiers in coin units are written in the coin's units
                        let range = match &s.coin_units {
                            Some(q) => {
                                let lower = (!q.from.is_zero()).then_some(q.from);
                                tier_range(lower, q.to, &coin.name)
                            }
                            None => {
                                let lower = (!s.from_usd.is_zero()).then_some(s.from_usd);
                                tier_range(lower, s.to_usd, "USD")
                            }
                        };
                        by_tier.push(format!("{range} at {}", num(s.rate)));
                    }
                    tier_lines += 1;
                    if tier_lines <= LISTED {
                        lines.push(format!(
                            "{}: {} × {} = {} USD, discounted tier by tier: {} = {} USD",
                            coin.name,
                            num(r.equity),
                            num(r.usd_price),
                            amount(r.usd_equity),
                            by_tier.join(", "),
                            amount(r.contribution)
                        ));
                    }
                }
            }
        }
        if rest_count > 0 {
            match rest {
                Some(rest) => sum.signed(rest, &plural(rest_count, "more coin", "more coins")),
                None => sum.plus(&format!(
                    "… ({})",
                    plural(rest_count, "more coin", "more coins")
                )),
            }
        }

        // pending spot orders: what each takes off
        let mut shown = 0usize;
        let mut hidden = 0usize;
        for (k, (order, r)) in self
            .account
            .orders
            .iter()
            .zip(&self.report.orders)
            .enumerate()
        {
            if r.spot_loss.is_zero() && r.fee.is_zero() {
                continue;
            }
            if shown == LISTED {
                hidden += 1;
                continue;
            }
            shown += 1;
            let loss = match self.before_order.get(k) {
                Some(Some((e_base, e_quote))) => self.spot_loss_text(order, *e_base, *e_quote),
                _ => format!("{} USD", amount(r.spot_loss)),
            };
            lines.push(format!(
                "Pending {}, read as filled: spot trading loss {loss}; fee {}",
                self.order_name(k, order),
                self.fee_text(order, r.fee)
            ));
        }
        if hidden > 0 {
            lines.push(format!(
                "(and {} with a loss or a fee)",
                plural(hidden, "more pending order", "more pending orders")
            ));
        }
        if !a.spot_trading_losses.is_zero() {
            sum.minus(&format!(
                "{} (spot trading losses)",
                amount(a.spot_trading_losses)
            ));
        }
        if !a.pending_fees.is_zero() {
            sum.minus(&format!("{} (pending fees)", amount(a.pending_fees)));
        }
        if sum.text.is_empty() {
            lines.push(format!(
                "Adjusted equity = {}: no coin holds anything",
                usd(a.adjusted_equity)
            ));
        } else {
            lines.push(format!(
                "Adjusted equity = {} = {}",
                sum.text,
                usd(a.adjusted_equity)
            ));
        }
        explanation("Adjusted equity", AE_FORMULA, lines, AE_READINGS)
    }

    // -----------------------------------------------------------------------------------
    // Margin reserved

    /// `(1 × 50,000 + 0.5 × 49,000)`: a side's held and open value, with an extra order.
    fn side_value(
        &self,
        j: usize,
        side: PositionSide,
        s: &SideReport,
        extra: Option<(Decimal, Decimal)>,
    ) -> String {
        let c = &self.account.contracts[j];
        let mut terms = Terms::default();
        let mut count = 0usize;
        if !s.held_size.is_zero() {
            terms.plus(&format!("{} × {}", num(s.held_size), num(c.mark_price)));
            count += 1;
        }
        if !s.open_size.is_zero() {
            let wanted = match side {
                PositionSide::Long => OrderSide::Buy,
                PositionSide::Short => OrderSide::Sell,
            };
            let orders = self.account.orders.iter().filter_map(|o| match *o {
                OrderModel::Futures {
                    side,
                    contract,
                    size,
                    price,
                } if contract == j && side == wanted => Some((size, price)),
                _ => None,
            });
            let n = orders.clone().take(4).count();
            if n <= 3 {
                for (size, price) in orders {
                    terms.plus(&format!("{} × {}", num(size), num(price)));
                    count += 1;
                }
            } else {
                terms.plus(&format!(
                    "{} (its open orders' size × price)",
                    amount(s.open_value)
                ));
                count += 1;
            }
        }
        if let Some((size, price)) = extra {
            terms.plus(&format!("{} × {}", num(size), num(price)));
            count += 1;
        }
        match count {
            0 => "0".to_string(),
            1 => terms.text,
            _ => format!("({})", terms.text),
        }
    }

    /// `(0.4 × 50,000 + 2 × 50,000) × (1 ÷ 20 + 0.0006) = 6,072 USD`.
    fn side_initial_margin_text(
        &self,
        j: usize,
        side: PositionSide,
        s: &SideReport,
        extra: Option<(Decimal, Decimal)>,
        margin: Decimal,
    ) -> String {
        let value = self.side_value(j, side, s, extra);
        if value == "0" {
            return "0".to_string();
        }
        let c = &self.account.contracts[j];
        format!(
            "{value} × (1 ÷ {} + {}){} = {} USD",
            num(c.leverage),
            num(c.taker_fee),
            Self::times_usd(self.report.contracts[j].settle_usd_price),
            amount(margin)
        )
    }

    fn contract_has_book(r: &ContractReport) -> bool {
        [&r.long, &r.short]
            .iter()
            .any(|s| !s.held_size.is_zero() || !s.open_size.is_zero())
    }

    fn margin_reserved(&self) -> Explanation {
        let a = &self.report.account;
        let mut lines = Vec::new();

        self.coin_loan_lines(&mut lines, false);

        // derivatives
        let mut listing = Listing::new();
        for (j, r) in self.report.contracts.iter().enumerate() {
            if !Self::contract_has_book(r) {
                continue;
            }
            if !listing.admit(r.initial_margin) {
                continue;
            }
            let long = self.side_initial_margin_text(
                j,
                PositionSide::Long,
                &r.long,
                None,
                r.long.initial_margin,
            );
            let short = self.side_initial_margin_text(
                j,
                PositionSide::Short,
                &r.short,
                None,
                r.short.initial_margin,
            );
            lines.push(format!(
                "{}: long {long}; short {short}; the larger: {} USD",
                r.symbol,
                amount(r.initial_margin)
            ));
        }
        if let Some((count, sum)) = listing.rest("more contract", "more contracts") {
            lines.push(format!("{count}: {sum} USD"));
        }

        if lines.is_empty() {
            lines.push("No loans and no futures: nothing is reserved".to_string());
        }
        lines.push(format!(
            "Margin reserved = {} (loans) + {} (derivatives) = {}",
            amount(a.initial_margin_loans),
            amount(a.initial_margin_derivatives),
            usd(a.margin_reserved)
        ));
        lines.push(format!(
            "Available margin = {} − {} = {}",
            amount(a.adjusted_equity),
            amount(a.margin_reserved),
            usd(a.available_margin)
        ));
        if a.futures_orders_cancelled {
            lines.push(format!(
                "Adjusted equity, {}, is below margin reserved, {}: all futures open orders are cancelled; spot orders stay",
                usd(a.adjusted_equity),
                usd(a.margin_reserved)
            ));
        }
        explanation("Margin reserved", MR_FORMULA, lines, MR_READINGS)
    }

    // -----------------------------------------------------------------------------------
    // Maintenance margin

    /// `(1 + 0.5) × (0.004 + 0.0006) × 50,000 = 345 USD`, with the tier that set the rate.
    fn side_maintenance_text(&self, j: usize, s: &SideReport) -> String {
        let c = &self.account.contracts[j];
        let r = &self.report.contracts[j];
        let size = match (s.held_size.is_zero(), s.open_size.is_zero()) {
            (true, true) => return "0".to_string(),
            (false, true) => num(s.held_size),
            (true, false) => num(s.open_size),
            (false, false) => format!("({} + {})", num(s.held_size), num(s.open_size)),
        };
        let mut text = format!(
            "{size} × ({} + {}) × {}{} = {} USD",
            num(s.mmr),
            num(c.taker_fee),
            num(c.mark_price),
            Self::times_usd(r.settle_usd_price),
            amount(s.maintenance_margin)
        );
        if c.mm_tiers.len() > 1 {
            let index = c
                .mm_tiers
                .iter()
                .position(|t| t.up_to_usd.is_none_or(|u| s.notional_usd <= u))
                .unwrap_or(c.mm_tiers.len() - 1);
            let lower = lower_bound(c.mm_tiers.iter().map(|t| t.up_to_usd), index);
            text.push_str(&format!(
                " (notional {} USD, in the tier {})",
                amount(s.notional_usd),
                tier_range(lower, c.mm_tiers[index].up_to_usd, "USD")
            ));
        }
        text
    }

    fn maintenance_margin(&self) -> Explanation {
        let a = &self.report.account;
        let mut lines = Vec::new();

        self.coin_loan_lines(&mut lines, true);

        let mut listing = Listing::new();
        for (j, r) in self.report.contracts.iter().enumerate() {
            if !Self::contract_has_book(r) {
                continue;
            }
            if !listing.admit(r.maintenance_margin) {
                continue;
            }
            let (binding, other, other_side) = match r.maintenance_side {
                PositionSide::Long => (&r.long, &r.short, PositionSide::Short),
                PositionSide::Short => (&r.short, &r.long, PositionSide::Long),
            };
            let tie = if r.long.maintenance_margin == r.short.maintenance_margin {
                " (a tie: the long side)"
            } else {
                ""
            };
            lines.push(format!(
                "{}: {} side {}; {} side {} USD; the {} side sets it{tie}",
                r.symbol,
                side_name(r.maintenance_side),
                self.side_maintenance_text(j, binding),
                side_name(other_side),
                amount(other.maintenance_margin),
                side_name(r.maintenance_side),
            ));
        }
        if let Some((count, sum)) = listing.rest("more contract", "more contracts") {
            lines.push(format!("{count}: {sum} USD"));
        }

        if lines.is_empty() {
            lines.push("No loans and no futures: nothing to maintain".to_string());
        }
        lines.push(format!(
            "Maintenance margin = {} (loans) + {} (derivatives) = {}",
            amount(a.maintenance_margin_loans),
            amount(a.maintenance_margin_derivatives),
            usd(a.maintenance_margin)
        ));
        explanation("Maintenance margin", MM_FORMULA, lines, MM_READINGS)
    }

    // -----------------------------------------------------------------------------------
    // Cross margin rate

    fn cross_margin_rate(&self) -> Explanation {
        let a = &self.report.account;
        let mut lines = Vec::new();

        let mut listing = Listing::new();
        for (j, r) in self.report.contracts.iter().enumerate() {
            if r.partial_liquidation_fee.is_zero() {
                continue;
            }
            if !listing.admit(r.partial_liquidation_fee) {
                continue;
            }
            let binding = match r.maintenance_side {
                PositionSide::Long => &r.long,
                PositionSide::Short => &r.short,
            };
            lines.push(format!(
                "{}: partial liquidation fee on the {} side's notional {} USD × {} = {} USD",
                r.symbol,
                side_name(r.maintenance_side),
                amount(binding.notional_usd),
                num(self.account.contracts[j].liquidation_fee),
                amount(r.partial_liquidation_fee)
            ));
        }
        if let Some((count, sum)) = listing.rest("more contract", "more contracts") {
            lines.push(format!("{count}: {sum} USD of partial liquidation fees"));
        }

        let numerator = format!(
            "({} + {})",
            amount(a.maintenance_margin),
            amount(a.partial_liquidation_fees)
        );
        let nothing = a.maintenance_margin.is_zero() && a.partial_liquidation_fees.is_zero();
        match a.cross_margin_rate {
            Some(_) if nothing => lines.push(
                "Cross margin rate = 0 %: there is nothing to maintain (no maintenance margin, no partial liquidation fee)"
                    .to_string(),
            ),
            Some(r) => lines.push(format!(
                "Cross margin rate = {numerator} ÷ {} = {}",
                amount(a.adjusted_equity),
                rate(r)
            )),
            None => lines.push(format!(
                "Cross margin rate = {numerator} ÷ {}: unbounded, since adjusted equity is not above zero while there is margin to maintain",
                amount(a.adjusted_equity)
            )),
        }
        let (warning, liquidation) = (rate(a.warning_rate), rate(a.liquidation_rate));
        lines.push(match (a.risk, a.cross_margin_rate) {
            (Risk::Safe, _) => format!(
                "Safe: below the warning rate of {warning} (partial liquidation from {liquidation})"
            ),
            (Risk::Warning, _) => format!(
                "Warning: at or above the warning rate of {warning}, below the liquidation rate of {liquidation}"
            ),
            (Risk::Liquidation, Some(_)) => format!(
                "Liquidation: at or above the liquidation rate of {liquidation}: partial liquidation starts"
            ),
            (Risk::Liquidation, None) => format!(
                "Liquidation: an unbounded rate is past the liquidation rate of {liquidation}"
            ),
        });
        explanation("Cross margin rate", CMR_FORMULA, lines, CMR_READINGS)
    }

    // -----------------------------------------------------------------------------------
    // Order check

    fn check(&self) -> Option<Explanation> {
        let check = self.report.check.as_ref()?;
        let model = self.account.check.as_ref()?;
        let order = &model.order;
        let a = &self.report.account;
        let mut lines = Vec::new();
        let mut readings: Vec<&str> = CHECK_READINGS.to_vec();

        match *order {
            OrderModel::Spot {
                side,
                base,
                quote,
                size,
                price,
            } => {
                readings.extend_from_slice(CHECK_SPOT_READINGS);
                let fill = fill_of(side, base, quote, size, price);
                let equity = |i: usize| {
                    self.after_pending
                        .get(i)
                        .copied()
                        .unwrap_or(self.report.coins[i].equity)
                };
                let (e_base, e_quote) = (equity(base), equity(quote));
                let moved = |i: usize, change: Decimal| {
                    format!(
                        "{} {} → {}",
                        self.account.coins[i].name,
                        num(equity(i)),
                        num(equity(i).checked_add(change).unwrap_or(equity(i)))
                    )
                };
                let (d_base, d_quote) = spot_fill(side, size, price).unwrap_or_default();
                let after_what = if self.account.orders.is_empty() {
                    ""
                } else {
                    " on the balances the pending orders leave"
                };
                lines.push(format!(
                    "The order: {}, read as filled{after_what}: {}, {}",
                    self.order_words(order),
                    moved(base, d_base),
                    moved(quote, d_quote)
                ));
                lines.push(format!(
                    "Spot trading loss = {}",
                    self.spot_loss_text(order, e_base, e_quote)
                ));
                lines.push(format!("Fee = {}", self.fee_text(order, check.fee)));
                lines.push(format!(
                    "Adjusted equity after = {} − {} − {} = {}",
                    amount(a.adjusted_equity),
                    amount(check.spot_loss),
                    amount(check.fee),
                    usd(check.adjusted_equity_after)
                ));
                match self.loan_changes(fill, equity(fill.bought), equity(fill.paid), false) {
                    Err(i) => {
                        let name = &self.account.coins[i].name;
                        lines.push(format!(
                            "It would put {name} in debt, and {name} has no borrowing tiers: it cannot be borrowed"
                        ));
                    }
                    Ok((parts, _, _)) if parts.is_empty() => lines.push(format!(
                        "It opens no loan: the initial margin it adds is {} USD",
                        amount(check.initial_margin_added)
                    )),
                    Ok((parts, before, after)) => {
                        for part in parts {
                            lines.push(format!("After the order, {part}"));
                        }
                        lines.push(format!(
                            "Initial margin it adds = max(0, {} − {}) = {} USD",
                            amount(after),
                            amount(before),
                            amount(check.initial_margin_added)
                        ));
                    }
                }
            }
            OrderModel::Futures {
                side,
                contract: j,
                size,
                price,
            } => {
                readings.extend_from_slice(CHECK_FUTURES_READINGS);
                let r = &self.report.contracts[j];
                let c = &self.account.contracts[j];
                let book_side = match side {
                    OrderSide::Buy => PositionSide::Long,
                    OrderSide::Sell => PositionSide::Short,
                };
                let (s, other) = match book_side {
                    PositionSide::Long => (&r.long, &r.short),
                    PositionSide::Short => (&r.short, &r.long),
                };
                lines.push(format!(
                    "The order: {}, an open order on the {} side",
                    self.order_words(order),
                    side_name(book_side)
                ));
                lines.push(format!(
                    "Adjusted equity after = {}, unchanged: a futures order's fee is inside its initial margin",
                    usd(check.adjusted_equity_after)
                ));
                let with_order = (|| {
                    let book = SideBook {
                        held: s.held_size,
                        open_size: s.open_size.checked_add(size)?,
                        open_value: s.open_value.checked_add(size.checked_mul(price)?)?,
                    };
                    side_initial_margin(&book, c, r.settle_usd_price).ok()
                })();
                if let Some(im) = with_order {
                    lines.push(format!(
                        "{} {} side with it: {}",
                        r.symbol,
                        side_name(book_side),
                        self.side_initial_margin_text(j, book_side, s, Some((size, price)), im)
                    ));
                    let after = im.max(other.initial_margin);
                    let (first, second) = match book_side {
                        PositionSide::Long => (im, other.initial_margin),
                        PositionSide::Short => (other.initial_margin, im),
                    };
                    lines.push(if check.initial_margin_added.is_zero() {
                        format!(
                            "{} reserves max(long {}, short {}) = {} USD, as before: the order adds nothing",
                            r.symbol,
                            amount(first),
                            amount(second),
                            amount(after)
                        )
                    } else {
                        format!(
                            "{} reserves max(long {}, short {}) = {} USD instead of {} USD: the order adds {} USD",
                            r.symbol,
                            amount(first),
                            amount(second),
                            amount(after),
                            amount(r.initial_margin),
                            amount(check.initial_margin_added)
                        )
                    });
                } else {
                    lines.push(format!(
                        "Initial margin it adds = {} USD",
                        amount(check.initial_margin_added)
                    ));
                }
            }
        }

        lines.push(format!(
            "Margin reserved after = {} + {} = {}",
            amount(a.margin_reserved),
            amount(check.initial_margin_added),
            usd(check.margin_reserved_after)
        ));
        let verdict = match (&check.not_borrowable, check.accepted) {
            (Some(coin), _) => format!("rejected: {coin} cannot be borrowed"),
            (None, true) => "accepted".to_string(),
            (None, false) => "rejected".to_string(),
        };
        lines.push(format!(
            "Headroom = {} − {} = {}: {verdict}",
            amount(check.adjusted_equity_after),
            amount(check.margin_reserved_after),
            usd(check.headroom)
        ));
        lines.push(if check.max_size > Decimal::ZERO {
            format!(
                "The largest size that passes is {} (in steps of {})",
                num(check.max_size),
                num(check.size_step)
            )
        } else {
            "No size of this order passes at this price".to_string()
        });
        readings.push(LARGEST_READING);
        Some(explanation("Order check", CHECK_FORMULA, lines, &readings))
    }
}
