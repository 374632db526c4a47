//! An account's coins and contracts by name, for documents that name them and come after the
//! account was validated: an order to check, a price update (a tick). They are resolved
//! against the account as its scenario's would be, without validating the scenario again.

use crate::error::{Entity, Error, ErrorKind};
use crate::model::{resolve_check, Account, CheckModel};
use crate::scenario::Order;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// How many names an unknown-name error lists.
pub const NAMES_SHOWN: usize = 8;

/// The names of an account's coins and contracts, to their indices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    coins: HashMap<String, usize>,
    contracts: HashMap<String, usize>,
}

/// New prices for an account: contracts' mark prices by symbol, coins' prices (in their
/// quote) by name. Read strictly: an unknown field or a price that is not a decimal is an
/// error at its path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceUpdate {
    /// `contracts[].mark_price`, by `symbol`.
    #[serde(default)]
    pub mark_prices: BTreeMap<String, Price>,
    /// `coins[].price` (in the coin's `quote`), by `coin`.
    #[serde(default)]
    pub prices: BTreeMap<String, Price>,
}

/// A price in a [`PriceUpdate`], read as the engine reads a decimal (a string or a number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Price(#[serde(with = "crate::num")] pub Decimal);

impl Names {
    /// The names of `account`'s coins and contracts.
    pub fn of(account: &Account) -> Names {
        Names {
            coins: (account.coins.iter().enumerate())
                .map(|(i, c)| (c.name.clone(), i))
                .collect(),
            contracts: (account.contracts.iter().enumerate())
                .map(|(i, c)| (c.symbol.clone(), i))
                .collect(),
        }
    }

    /// An order given as a document, validated and resolved as the scenario's `check` would
    /// be (its errors' paths begin with `check`); `size_step`, when given, replaces the
    /// order's own grid.
    pub fn resolve_check(
        &self,
        order: &Order,
        size_step: Option<Decimal>,
    ) -> Result<CheckModel, Error> {
        match size_step {
            None => resolve_check(order, &self.coins, &self.contracts),
            Some(step) => {
                let order = Order {
                    size_step: Some(step),
                    ..order.clone()
                };
                resolve_check(&order, &self.coins, &self.contracts)
            }
        }
    }

    /// `account` with the prices of `update`, each checked as a scenario's would be, all or
    /// nothing: the first name the account lacks (marks first) or price that breaks a rule is
    /// the error, naming the field (`contracts[0].mark_price`, `coins[1].price`).
    pub fn with_prices(&self, account: &Account, update: &PriceUpdate) -> Result<Account, Error> {
        let marks = indices(&update.mark_prices, &self.contracts, |symbol| {
            let symbols = account.contracts.iter().map(|c| &c.symbol);
            unknown("contracts", Entity::Contract, symbol, symbols)
        })?;
        let prices = indices(&update.prices, &self.coins, |coin| {
            let coins = account.coins.iter().map(|c| &c.name);
            unknown("coins", Entity::Coin, coin, coins)
        })?;
        let mut moved = account.clone();
        for (i, mark) in marks {
            moved.set_mark_price(i, mark)?;
        }
        for (i, price) in prices {
            moved.set_price(i, price)?;
        }
        Ok(moved)
    }
}

/// The new prices by index, or the error `unknown` makes of the first name not in `index`.
fn indices(
    prices: &BTreeMap<String, Price>,
    index: &HashMap<String, usize>,
    unknown: impl Fn(&str) -> Error,
) -> Result<Vec<(usize, Decimal)>, Error> {
    (prices.iter())
        .map(|(name, price)| match index.get(name) {
            Some(&i) => Ok((i, price.0)),
            None => Err(unknown(name)),
        })
        .collect()
}

/// A name that the account does not have, with the names it has (the first [`NAMES_SHOWN`]
/// of them, and how many there are in all).
fn unknown<'a>(
    path: &str,
    entity: Entity,
    name: &str,
    names: impl ExactSizeIterator<Item = &'a String>,
) -> Error {
    let count = names.len();
    let kind = ErrorKind::NotInAccount {
        entity,
        name: name.to_string(),
        names: names.take(NAMES_SHOWN).cloned().collect(),
        count,
    };
    Error::new(path, kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> Account {
        let scenario = crate::parse_scenario(
            r#"{"format":"unimargin/scenario@1",
                "coins":[{"coin":"BTC","balance":"1","price":"50000"},{"coin":"USDT","balance":"10"}],
                "contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000",
                              "leverage":"20","mm_tiers":[{"mmr":"0.004"}]}]}"#,
        )
        .unwrap();
        Account::from_scenario(&scenario).unwrap()
    }

    fn order(json: &str) -> Order {
        crate::read::read_json(json).unwrap()
    }

    #[test]
    fn an_order_resolves_to_the_account_indices_or_errs_as_the_check_would() {
        let account = account();
        let names = Names::of(&account);
        let spot = order(
            r#"{"market":"spot","side":"buy","base":"USDT","quote":"BTC","size":"1","price":"2"}"#,
        );
        let check = names.resolve_check(&spot, Some(Decimal::ONE)).unwrap();
        assert!(matches!(
            check.order,
            crate::model::OrderModel::Spot {
                base: 1,
                quote: 0,
                ..
            }
        ));
        assert_eq!(check.size_step, Decimal::ONE);
        let unknown =
            order(r#"{"market":"futures","symbol":"ETHUSDT","side":"buy","size":"1","price":"2"}"#);
        let error = names.resolve_check(&unknown, None).unwrap_err();
        assert_eq!(error.path(), "check.symbol");
        assert_eq!(error.code(), "unknown_contract");
        let zero_step = names.resolve_check(&spot, Some(Decimal::ZERO)).unwrap_err();
        assert_eq!(zero_step.path(), "check.size_step");
    }

    #[test]
    fn a_price_update_is_all_or_nothing() {
        let account = account();
        let names = Names::of(&account);
        let update = |json: &str| -> PriceUpdate { serde_json::from_str(json).unwrap() };
        let moved = names
            .with_prices(
                &account,
                &update(r#"{"mark_prices":{"BTCUSDT":"51000"},"prices":{"BTC":51000}}"#),
            )
            .unwrap();
        assert_eq!(moved.contracts[0].mark_price, Decimal::from(51000));
        assert_eq!(moved.coins[0].price, Decimal::from(51000));
        // a known mark with an unknown coin: the error, and no account
        let error = names
            .with_prices(
                &account,
                &update(r#"{"mark_prices":{"BTCUSDT":"1"},"prices":{"DOT":"5"}}"#),
            )
            .unwrap_err();
        assert_eq!(error.path(), "coins");
        assert_eq!(
            error.message(),
            r#"this account has no coin "DOT" (it has: BTC, USDT)"#
        );
    }
}
