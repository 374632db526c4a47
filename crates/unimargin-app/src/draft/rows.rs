//! Rows added and removed: a new coin, tier, contract, position or order gets values that
//! keep the account valid where they can (a tier goes before the unbounded last one, above
//! the highest bound).

use super::*;
use crate::checked::Checked;
use crate::number::{for_field, parse_typed};
use unimargin::scenario::{Market, OrderSide, PositionSide};
use unimargin::Decimal;

impl Draft {
    fn unused_name(&self, stem: &str, taken: impl Fn(&Draft, &str) -> bool) -> String {
        (1..)
            .map(|n| {
                if n == 1 {
                    stem.to_string()
                } else {
                    format!("{stem}{n}")
                }
            })
            .find(|name| !taken(self, name))
            .unwrap_or_default()
    }

    /// A coin that trades against others: the first that is not a stablecoin.
    fn first_volatile_coin(&self) -> Option<&str> {
        self.coins
            .iter()
            .map(|c| c.coin.as_str())
            .find(|c| !is_stablecoin(c))
    }

    /// The coin trades settle in: a stablecoin if there is one, else the first coin other
    /// than `base`, else the first coin.
    fn settlement_coin(&self, base: &str) -> Option<&str> {
        let names = || self.coins.iter().map(|c| c.coin.as_str());
        names()
            .find(|c| is_stablecoin(c))
            .or_else(|| names().find(|c| *c != base))
            .or_else(|| names().next())
    }

    /// A new order (or check) that is valid for this account, when it can be.
    pub fn new_order(&mut self) -> OrderDraft {
        let id = self.alloc();
        match self.contracts.first() {
            Some(c) => OrderDraft {
                id,
                market: Market::Futures,
                symbol: c.symbol.clone(),
                side: OrderSide::Buy,
                size: "0.1".into(),
                price: c.mark_price.clone(),
                ..OrderDraft::default()
            },
            None => {
                let base = self.first_volatile_coin().unwrap_or("BTC").to_string();
                let quote = self.settlement_coin(&base).unwrap_or("USDT").to_string();
                let price = self
                    .coins
                    .iter()
                    .find(|c| c.coin == base)
                    .map(|c| c.price.clone())
                    .unwrap_or_else(|| "1".into());
                OrderDraft {
                    id,
                    market: Market::Spot,
                    side: OrderSide::Buy,
                    base,
                    quote,
                    size: "1".into(),
                    price,
                    ..OrderDraft::default()
                }
            }
        }
    }

    /// Adds a row to a list, valid for the account where it can be, and gives its id.
    /// A tier goes before the last (unbounded) one, with a bound above the previous.
    pub fn add(&mut self, list: List) -> Option<Id> {
        let id = match list {
            List::Coins => {
                let id = self.alloc();
                let coin = self.unused_name("NEW", |d, n| d.coins.iter().any(|c| c.coin == n));
                let tier = self.alloc();
                self.coins.push(CoinDraft {
                    id,
                    coin,
                    balance: "0".into(),
                    price: "1".into(),
                    quote: Some(CoinQuote::Usd),
                    discount_tiers: vec![DiscountTierDraft {
                        id: tier,
                        rate: "90".into(),
                        ..DiscountTierDraft::default()
                    }],
                    ..CoinDraft::default()
                });
                id
            }
            List::Discount(coin) => {
                let id = self.alloc();
                let tiers = &mut self.coin_mut(coin)?.discount_tiers;
                let (up_to_usd, rate) = new_tier_values(
                    tiers.iter().map(|t| t.up_to_usd.as_str()),
                    tiers.last().map(|t| t.rate.clone()),
                    "100000",
                    "100",
                );
                insert_before_last(
                    tiers,
                    DiscountTierDraft {
                        id,
                        up_to_usd,
                        rate,
                        ..DiscountTierDraft::default()
                    },
                );
                id
            }
            List::Loan(coin) => {
                let id = self.alloc();
                let tiers = &mut self.coin_mut(coin)?.loan_tiers;
                let last = tiers.last().cloned().unwrap_or(LoanTierDraft {
                    leverage: "5".into(),
                    mmr: "10".into(),
                    ..LoanTierDraft::default()
                });
                let (up_to, _) =
                    new_tier_values(tiers.iter().map(|t| t.up_to.as_str()), None, "100", "");
                insert_before_last(
                    tiers,
                    LoanTierDraft {
                        id,
                        up_to,
                        leverage: last.leverage,
                        mmr: last.mmr,
                    },
                );
                id
            }
            List::Contracts => {
                let id = self.alloc();
                let tier = self.alloc();
                let base = self.first_volatile_coin().unwrap_or("BTC").to_string();
                let settle = self.settlement_coin(&base).unwrap_or("USDT").to_string();
                let symbol = self.unused_name(&format!("{base}{settle}"), |d, n| {
                    d.contracts.iter().any(|c| c.symbol == n)
                });
                let mark_price = self
                    .coins
                    .iter()
                    .find(|c| c.coin == base)
                    .map(|c| c.price.clone())
                    .unwrap_or_else(|| "1".into());
                self.contracts.push(ContractDraft {
                    id,
                    symbol,
                    base,
                    settle,
                    mark_price,
                    leverage: "10".into(),
                    taker_fee: "0.06".into(),
                    liquidation_fee: String::new(),
                    mm_tiers: vec![MmTierDraft {
                        id: tier,
                        up_to_usd: String::new(),
                        mmr: "0.5".into(),
                    }],
                });
                id
            }
            List::Mm(contract) => {
                let id = self.alloc();
                let tiers = &mut self.contract_mut(contract)?.mm_tiers;
                let (up_to_usd, mmr) = new_tier_values(
                    tiers.iter().map(|t| t.up_to_usd.as_str()),
                    tiers.last().map(|t| t.mmr.clone()),
                    "200000",
                    "0.5",
                );
                insert_before_last(tiers, MmTierDraft { id, up_to_usd, mmr });
                id
            }
            List::Positions => {
                let id = self.alloc();
                let (symbol, entry_price) = self
                    .contracts
                    .first()
                    .map(|c| (c.symbol.clone(), c.mark_price.clone()))
                    .unwrap_or_default();
                self.positions.push(PositionDraft {
                    id,
                    symbol,
                    side: PositionSide::Long,
                    size: "0.1".into(),
                    entry_price,
                });
                id
            }
            List::Orders => {
                let order = self.new_order();
                let id = order.id;
                self.orders.push(order);
                id
            }
        };
        Some(id)
    }

    /// Removes a row. Removing a list's last tier makes the one before it the unbounded one.
    pub fn remove(&mut self, row: Row) {
        match row {
            Row::Coin(id) => self.coins.retain(|c| c.id != id),
            Row::Discount(c, t) => {
                if let Some(coin) = self.coin_mut(c) {
                    remove_tier(&mut coin.discount_tiers, t, |x| x.id, |x| &mut x.up_to_usd);
                }
            }
            Row::Loan(c, t) => {
                if let Some(coin) = self.coin_mut(c) {
                    remove_tier(&mut coin.loan_tiers, t, |x| x.id, |x| &mut x.up_to);
                }
            }
            Row::Contract(id) => self.contracts.retain(|c| c.id != id),
            Row::Mm(c, t) => {
                if let Some(contract) = self.contract_mut(c) {
                    remove_tier(&mut contract.mm_tiers, t, |x| x.id, |x| &mut x.up_to_usd);
                }
            }
            Row::Position(id) => self.positions.retain(|p| p.id != id),
            Row::Order(id) => self.orders.retain(|o| o.id != id),
            Row::Check => self.check = None,
        }
    }

    /// Adds the order to check (when there is none), and gives its id.
    pub fn add_check(&mut self) -> Id {
        if self.check.is_none() {
            let order = self.new_order();
            self.check = Some(order);
        }
        self.check.as_ref().map_or(0, |c| c.id)
    }
}

/// The bound and rate of a tier inserted before the last: above the last bound there is.
fn new_tier_values<'a>(
    bounds: impl Iterator<Item = &'a str>,
    last_rate: Option<String>,
    first_bound: &str,
    default_rate: &str,
) -> (String, String) {
    let highest = bounds.filter_map(|b| parse_typed(b).ok()).max();
    let bound = match highest {
        // twice the highest, or the largest decimal (a bound not above the one before it,
        // which the engine then names) when twice is beyond a decimal
        Some(b) if b > Decimal::ZERO => for_field(b.times(Decimal::TWO).unwrap_or(Decimal::MAX)),
        _ => first_bound.to_string(),
    };
    (bound, last_rate.unwrap_or_else(|| default_rate.to_string()))
}

/// Inserts a bounded tier before the unbounded last one (or as the first tier, unbounded).
fn insert_before_last<T: BoundedTier>(tiers: &mut Vec<T>, mut tier: T) {
    if tiers.is_empty() {
        tier.bound_mut().clear();
        tiers.push(tier);
    } else {
        let at = tiers.len().saturating_sub(1);
        tiers.insert(at, tier);
    }
}

trait BoundedTier {
    fn bound_mut(&mut self) -> &mut String;
}

impl BoundedTier for DiscountTierDraft {
    fn bound_mut(&mut self) -> &mut String {
        &mut self.up_to_usd
    }
}

impl BoundedTier for LoanTierDraft {
    fn bound_mut(&mut self) -> &mut String {
        &mut self.up_to
    }
}

impl BoundedTier for MmTierDraft {
    fn bound_mut(&mut self) -> &mut String {
        &mut self.up_to_usd
    }
}

fn remove_tier<T>(
    tiers: &mut Vec<T>,
    id: Id,
    id_of: impl Fn(&T) -> Id,
    bound: impl Fn(&mut T) -> &mut String,
) {
    if let Some(i) = find(tiers, id, &id_of) {
        let was_last = i == tiers.len().saturating_sub(1);
        tiers.remove(i);
        if was_last {
            if let Some(new_last) = tiers.last_mut() {
                bound(new_last).clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::seed;

    #[test]
    fn added_tiers_go_before_the_unbounded_one_and_keep_the_draft_valid() {
        let mut draft = Draft::from_scenario(&seed("1"));
        let btc = draft.coins[0].id;
        let new = draft.add(List::Discount(btc)).unwrap();
        let tiers = &draft.coins[0].discount_tiers;
        let bounds: Vec<&str> = tiers.iter().map(|t| t.up_to_usd.as_str()).collect();
        assert_eq!(bounds, ["1,000,000", "2,000,000", ""]);
        assert_eq!(tiers[1].id, new);
        assert_eq!(tiers[1].rate, "97");
        let scenario = draft.to_scenario().unwrap();
        unimargin::evaluate_scenario(&scenario).unwrap();

        // Removing the unbounded tier unbinds the one before it.
        let last = draft.coins[0].discount_tiers[2].id;
        draft.remove(Row::Discount(btc, last));
        let bounds: Vec<&str> = draft.coins[0]
            .discount_tiers
            .iter()
            .map(|t| t.up_to_usd.as_str())
            .collect();
        assert_eq!(bounds, ["1,000,000", ""]);
        unimargin::evaluate_scenario(&draft.to_scenario().unwrap()).unwrap();
    }

    #[test]
    fn a_tier_added_after_the_largest_bound_does_not_overflow() {
        // twice 79,228,162,514,264,337,593,543,950,335 is beyond a decimal: the new tier
        // gets that bound again, which the engine names as not above the one before it
        let mut draft = Draft::from_scenario(&seed("1"));
        let btc = draft.coins[0].id;
        let first = draft.coins[0].discount_tiers[0].id;
        let max = "79,228,162,514,264,337,593,543,950,335";
        draft.set(
            Field::Discount(btc, first, DiscountField::UpToUsd),
            max.into(),
        );
        draft.add(List::Discount(btc)).unwrap();
        let bounds: Vec<&str> = draft.coins[0]
            .discount_tiers
            .iter()
            .map(|t| t.up_to_usd.as_str())
            .collect();
        assert_eq!(bounds, [max, max, ""]);
        let scenario = draft.to_scenario().unwrap();
        let error = unimargin::evaluate_scenario(&scenario).unwrap_err();
        assert_eq!(error.path(), "coins[0].discount_tiers[1].up_to_usd");
    }

    #[test]
    fn added_rows_are_valid_for_the_account() {
        let mut draft = Draft::from_scenario(&seed("3"));
        draft.add(List::Coins);
        draft.add(List::Contracts);
        draft.add(List::Positions);
        draft.add(List::Orders);
        let contract = draft.contracts[0].id;
        draft.add(List::Mm(contract));
        let usdt = draft.coins[1].id;
        draft.add(List::Loan(usdt));
        draft.remove(Row::Check);
        draft.add_check();
        let scenario = draft.to_scenario().unwrap();
        assert_eq!(scenario.coins[3].coin, "NEW");
        assert_eq!(scenario.contracts[0].symbol, "BTCUSDT");
        assert_eq!(scenario.positions[0].symbol.as_str(), "BTCUSDT");
        assert_eq!(scenario.check.as_ref().unwrap().market, Market::Futures);
        let report = unimargin::evaluate_scenario(&scenario).unwrap();
        assert_eq!(report.positions.len(), 1);
        assert!(report.check.is_some());
        // Ids stay unique.
        let layout = draft.layout();
        let mut ids: Vec<Id> = layout.coins.iter().map(|c| c.id).collect();
        ids.extend(layout.contracts.iter().map(|c| c.id));
        ids.extend(&layout.positions);
        ids.extend(&layout.orders);
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }
}
