//! Rows added and removed: a new coin, tier, contract, position or order gets values that
//! keep the account valid where they can (a tier goes before the unbounded last one, above
//! the highest bound).

use super::*;
use crate::checked::Checked;
use crate::number::{for_field, parse_typed, percent_for_field};
use unimargin::scenario::{DiscountTier, MaintenanceTier, Market, OrderSide, PositionSide};
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

    /// The price typed for `coin`, for a new row trading it; empty when no coin row gives
    /// one (an empty price asks for it at its field: none is invented).
    fn price_typed_for(&self, coin: &str) -> String {
        self.coins
            .iter()
            .find(|c| c.coin == coin)
            .map(|c| c.price.clone())
            .unwrap_or_default()
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
                let price = self.price_typed_for(&base);
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

    /// "Use my own tiers": a coin's discount tiers copied from the market's into the form,
    /// to edit (the draft's then win over the market's). Gives the first tier's id.
    pub fn own_discount_tiers(&mut self, coin: Id, tiers: &[DiscountTier]) -> Option<Id> {
        let ids: Vec<Id> = tiers.iter().map(|_| self.alloc()).collect();
        let row = self.coin_mut(coin)?;
        row.discount_tiers = tiers
            .iter()
            .zip(&ids)
            .map(|(t, &id)| DiscountTierDraft {
                id,
                up_to_usd: t.up_to_usd.map(for_field).unwrap_or_default(),
                up_to: t.up_to.map(for_field).unwrap_or_default(),
                rate: percent_for_field(t.rate),
            })
            .collect();
        ids.first().copied()
    }

    /// The same for a contract's position tiers (and its taker fee, when the form has none).
    pub fn own_mm_tiers(
        &mut self,
        contract: Id,
        tiers: &[MaintenanceTier],
        taker_fee: Option<Decimal>,
    ) -> Option<Id> {
        let ids: Vec<Id> = tiers.iter().map(|_| self.alloc()).collect();
        let row = self.contract_mut(contract)?;
        row.mm_tiers = tiers
            .iter()
            .zip(&ids)
            .map(|(t, &id)| MmTierDraft {
                id,
                up_to_usd: t.up_to_usd.map(for_field).unwrap_or_default(),
                mmr: percent_for_field(t.mmr),
            })
            .collect();
        if row.taker_fee.is_empty() {
            row.taker_fee = taker_fee.map(percent_for_field).unwrap_or_default();
        }
        ids.first().copied()
    }

    /// Adds a row to a list, valid for the account where it can be, and gives its id.
    /// A tier goes before the last (unbounded) one, with a bound above the previous.
    pub fn add(&mut self, list: List) -> Option<Id> {
        let id = match list {
            List::Coins => {
                let id = self.alloc();
                let coin = self.unused_name("NEW", |d, n| d.coins.iter().any(|c| c.coin == n));
                // No table is invented: with a market the coin takes the market's (an
                // override is the person's choice); without one, an empty tier asks for it.
                let discount_tiers = if self.market.is_some() {
                    Vec::new()
                } else {
                    vec![DiscountTierDraft {
                        id: self.alloc(),
                        ..DiscountTierDraft::default()
                    }]
                };
                // nor a price: an empty one asks for it (a price of 1 would count a BTC
                // typed without one at 1 USD, a wrong figure that looks right)
                self.coins.push(CoinDraft {
                    id,
                    coin,
                    balance: "0".into(),
                    price: String::new(),
                    discount_tiers,
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
                    // the first tier's rate is asked for, never invented
                    "",
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
                let base = self.first_volatile_coin().unwrap_or("BTC").to_string();
                let settle = self.settlement_coin(&base).unwrap_or("USDT").to_string();
                let symbol = self.unused_name(&format!("{base}{settle}"), |d, n| {
                    d.contracts.iter().any(|c| c.symbol == n)
                });
                let mark_price = self.price_typed_for(&base);
                // The leverage is the person's to give; the fees and position tiers are the
                // market's, or asked for by an empty tier without one.
                let mm_tiers = if self.market.is_some() {
                    Vec::new()
                } else {
                    vec![MmTierDraft {
                        id: self.alloc(),
                        ..MmTierDraft::default()
                    }]
                };
                self.contracts.push(ContractDraft {
                    id,
                    symbol,
                    base,
                    settle,
                    mark_price,
                    mm_tiers,
                    ..ContractDraft::default()
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
                    "",
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
    fn no_price_is_invented_for_a_new_row() {
        // No coin to take a price from: the spot order (no contract yet) and the contract
        // added to an empty form take none.
        let mut draft = Draft::default();
        let order = draft.add(List::Orders).unwrap();
        let contract = draft.add(List::Contracts).unwrap();
        let spot = draft.orders.iter().find(|o| o.id == order).unwrap();
        assert_eq!((spot.base.as_str(), spot.price.as_str()), ("BTC", ""));
        assert_eq!(draft.contract(contract).unwrap().mark_price, "");
        // each is asked for at its own field
        let errors = draft.to_scenario().unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert!(paths.contains(&"contracts[0].mark_price"), "{paths:?}");
        assert!(paths.contains(&"orders[0].price"), "{paths:?}");
        // nor does a new coin start with one
        let coin = draft.add(List::Coins).unwrap();
        assert_eq!(draft.coins[0].price, "");
        // a coin's price, once typed, is what the rows added after it start from
        draft.set(Field::Coin(coin, CoinField::Coin), "BTC".into());
        draft.set(Field::Coin(coin, CoinField::Price), "64000".into());
        let contract = draft.add(List::Contracts).unwrap();
        assert_eq!(draft.contract(contract).unwrap().mark_price, "64000");
    }

    #[test]
    fn added_rows_ask_for_their_tables_and_are_valid_once_given() {
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
        // without a market nothing is invented: the new coin's discount rate, the new
        // contract's leverage and its position tiers' MMRs are asked for, each at its field
        let errors = draft.to_scenario().unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "coins[3].discount_tiers[0].rate",
                "contracts[0].leverage",
                "contracts[0].mm_tiers[0].mmr",
                "contracts[0].mm_tiers[1].mmr",
            ]
        );
        let new_coin = draft.coins[3].id;
        let new_tier = draft.coins[3].discount_tiers[0].id;
        draft.set(
            Field::Discount(new_coin, new_tier, DiscountField::Rate),
            "90".into(),
        );
        draft.set(
            Field::Contract(contract, ContractField::Leverage),
            "10".into(),
        );
        let mm: Vec<Id> = draft.contracts[0].mm_tiers.iter().map(|t| t.id).collect();
        for (tier, mmr) in mm.into_iter().zip(["0.4", "0.5"]) {
            draft.set(Field::Mm(contract, tier, MmField::Mmr), mmr.into());
        }
        // nor its price: the engine asks for it
        let scenario = draft.to_scenario().unwrap();
        let error = unimargin::evaluate_scenario(&scenario).unwrap_err();
        assert_eq!(error.path(), "coins[3].price");
        draft.set(Field::Coin(new_coin, CoinField::Price), "2".into());
        let scenario = draft.to_scenario().unwrap();
        assert_eq!(scenario.coins[3].coin, "NEW");
        assert_eq!(scenario.contracts[0].symbol, "BTCUSDT");
        assert_eq!(scenario.contracts[0].taker_fee, None);
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

    #[test]
    fn rows_added_to_a_draft_with_a_market_take_its_tables() {
        let market = unimargin::parse_market(include_str!("../../../../web/market.json")).unwrap();
        let mut draft = Draft {
            market: Some(market.reference()),
            ..Draft::default()
        };
        let btc = draft.add(List::Coins).unwrap();
        draft.set(Field::Coin(btc, CoinField::Coin), "BTC".into());
        draft.set(Field::Coin(btc, CoinField::Balance), "0.5".into());
        draft.set(Field::Coin(btc, CoinField::Price), "64000".into());
        let usdt = draft.add(List::Coins).unwrap();
        draft.set(Field::Coin(usdt, CoinField::Coin), "USDT".into());
        draft.set(Field::Coin(usdt, CoinField::Balance), "2000".into());
        let contract = draft.add(List::Contracts).unwrap();
        draft.set(
            Field::Contract(contract, ContractField::Leverage),
            "20".into(),
        );
        assert!(draft.coins[0].discount_tiers.is_empty());
        assert!(draft.contracts[0].mm_tiers.is_empty());
        let scenario = draft.to_scenario().unwrap();
        assert_eq!(scenario.coins[0].discount_tiers, None);
        assert_eq!(scenario.contracts[0].mm_tiers, None);
        assert_eq!(scenario.contracts[0].symbol, "BTCUSDT");
        assert_eq!(scenario.market, Some(market.reference()));
        // the market's BTC: 0.98 up to 1,000,000 USD, so 0.5 × 64,000 = 32,000 counts
        // 31,360, and its USDT at 1: 2,000, so 33,360 in all; the BTCUSDT contract's fee
        // and base are the market's too (0.06 %)
        let complete = unimargin::market::resolve(&scenario, Some(&market)).unwrap();
        assert_eq!(complete.contracts[0].taker_fee, Some(Decimal::new(6, 4)));
        assert_eq!(complete.contracts[0].base.as_deref(), Some("BTC"));
        let complete = complete.into_owned();
        let report = unimargin::evaluate_scenario(&complete).unwrap();
        assert_eq!(report.account.adjusted_equity, Decimal::from(33360));

        // "Use my own tiers": the market's copied into the form, as percentages, then
        // edited: 90 % instead of 98 % makes 32,000 × 0.9 + 2,000 = 30,800
        let market_tiers = market.coin("BTC").unwrap().discount_tiers.clone().unwrap();
        let first = draft.own_discount_tiers(btc, &market_tiers).unwrap();
        let texts: Vec<(&str, &str)> = draft.coins[0]
            .discount_tiers
            .iter()
            .map(|t| (t.up_to_usd.as_str(), t.rate.as_str()))
            .collect();
        assert_eq!(texts, [("1,000,000", "98"), ("", "97")]);
        draft.set(
            Field::Discount(btc, first, DiscountField::Rate),
            "90".into(),
        );
        let scenario = draft.to_scenario().unwrap();
        let complete = unimargin::market::resolve(&scenario, Some(&market)).unwrap();
        let report = unimargin::evaluate_scenario(&complete).unwrap();
        assert_eq!(report.account.adjusted_equity, Decimal::from(30800));
    }
}
