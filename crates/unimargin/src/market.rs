//! The market document of MARKET.md (`unimargin/market@1`): the tables an exchange
//! publishes for everyone, so that a scenario needs only what a person holds.
//!
//! A market is read as strictly as a scenario (unknown fields refused) and validated with the
//! scenario's own checks of the same tables ([`crate::model`]'s). Its errors are at paths
//! rooted at `market:` (`market:coins[0].discount_tiers[1].rate`), so that they are never
//! taken for the scenario's.
//!
//! [`resolve`] turns a scenario and a market into the complete scenario they stand for: what
//! the scenario gives wins, what it leaves out comes from the market entry of the same name,
//! and what neither gives is an error at the scenario's path that names the market.
//! [`crate::model`] then validates that complete scenario as any other.

use crate::error::{Entity, Error, ErrorKind, MarketTable};
use crate::model::{
    check_base, check_discount_tiers, check_loan_tiers, check_mm_tiers, check_quote_name, fraction,
    index_names, join, non_negative, positive, resolve_settings, Account,
};
use crate::num;
use crate::objects_only;
use crate::read::{read_document, Section};
use crate::scenario::{
    Coin, Contract, DiscountTier, LoanTier, MaintenanceTier, MarketReference, Scenario, Settings,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// The `format` tag of a version-1 market document.
pub const MARKET_FORMAT: &str = "unimargin/market@1";

/// The root of the paths of errors in a market document: `market:coins[0].coin`.
pub const MARKET_DOCUMENT: &str = "market";

/// A market document as written (MARKET.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "MarketDocument"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct MarketDocument {
    /// Always [`MARKET_FORMAT`].
    pub format: String,
    /// The name a scenario names it by, with `as_of`.
    pub name: String,
    /// The date of the tables, `YYYY-MM-DD`.
    pub as_of: String,
    /// Where the tables come from (text or URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Settings a scenario takes field by field when it leaves them out.
    #[serde(default, skip_serializing_if = "Settings::is_empty")]
    pub settings: Settings,
    #[serde(default)]
    pub coins: Vec<MarketCoin>,
    #[serde(default)]
    pub contracts: Vec<MarketContract>,
}

/// A coin's tables in a market: what a scenario's coin of the same name takes when it leaves
/// them out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "MarketCoin"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct MarketCoin {
    pub coin: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// None: no table is known; a scenario holding the coin must give its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_tiers: Option<Vec<DiscountTier>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loan_tiers: Option<Vec<LoanTier>>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub hourly_interest: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub interest_free: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// A contract's tables in a market.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "MarketContract"))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct MarketContract {
    pub symbol: String,
    pub base: String,
    pub settle: String,
    /// The largest leverage a person may set on the contract.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub max_leverage: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub taker_fee: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Decimal"))]
    #[serde(default, with = "num::option", skip_serializing_if = "Option::is_none")]
    pub liquidation_fee: Option<Decimal>,
    /// None: no table is known; a scenario with the contract must give its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mm_tiers: Option<Vec<MaintenanceTier>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

objects_only! {
    MarketDocument: Section::Market,
    MarketCoin: Section::MarketCoin,
    MarketContract: Section::MarketContract,
}

/// A market document that passed validation, with its entries indexed by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Market {
    document: MarketDocument,
    coins: HashMap<String, usize>,
    contracts: HashMap<String, usize>,
}

/// Reads and validates a market document; its errors are at `market:` paths.
pub fn parse_market(json: &str) -> Result<Market, Error> {
    let document = read_document::<MarketDocument>(json, MARKET_FORMAT)
        .map_err(|e| e.in_document(MARKET_DOCUMENT))?;
    Market::new(document)
}

impl Market {
    /// Validates a market document with the checks a scenario's tables get; the first
    /// problem is returned at its `market:` path.
    pub fn new(document: MarketDocument) -> Result<Market, Error> {
        let (coins, contracts) = validate(&document).map_err(|e| e.in_document(MARKET_DOCUMENT))?;
        Ok(Market {
            document,
            coins,
            contracts,
        })
    }

    /// The document as given.
    pub fn document(&self) -> &MarketDocument {
        &self.document
    }

    /// The market's name and date, as a scenario names it and a report says it.
    pub fn reference(&self) -> MarketReference {
        MarketReference {
            name: self.document.name.clone(),
            as_of: self.document.as_of.clone(),
        }
    }

    /// The market's entry for a coin.
    pub fn coin(&self, name: &str) -> Option<&MarketCoin> {
        self.coins.get(name).map(|&i| &self.document.coins[i])
    }

    /// The market's entry for a contract.
    pub fn contract(&self, symbol: &str) -> Option<&MarketContract> {
        self.contracts
            .get(symbol)
            .map(|&i| &self.document.contracts[i])
    }
}

/// Checks a market document; the indices of its coins and contracts by name.
#[allow(clippy::type_complexity)]
fn validate(d: &MarketDocument) -> Result<(HashMap<String, usize>, HashMap<String, usize>), Error> {
    if d.format != MARKET_FORMAT {
        return Err(Error::new(
            "format",
            ErrorKind::WrongFormat {
                expected: MARKET_FORMAT,
                got: d.format.clone(),
            },
        ));
    }
    check_name(&d.name, "", "name")?;
    check_date(&d.as_of, "", "as_of")?;
    // the settings a scenario would have if it took them all from the market
    resolve_settings(&d.settings)?;
    let coins = index_names(d.coins.iter().map(|c| c.coin.as_str()), "coins", "coin")?;
    for (i, c) in d.coins.iter().enumerate() {
        let path = format!("coins[{i}]");
        if let Some(quote) = &c.quote {
            check_quote_name(&c.coin, quote, &path)?;
        }
        if let Some(tiers) = &c.discount_tiers {
            check_discount_tiers(tiers, &path)?;
        }
        if let Some(tiers) = &c.loan_tiers {
            check_loan_tiers(tiers, &path)?;
        }
        if let Some(rate) = c.hourly_interest {
            fraction(rate, &path, "hourly_interest")?;
        }
        if let Some(amount) = c.interest_free {
            non_negative(amount, &path, "interest_free")?;
        }
        if let Some(date) = &c.as_of {
            check_date(date, &path, "as_of")?;
        }
    }
    let contracts = index_names(
        d.contracts.iter().map(|c| c.symbol.as_str()),
        "contracts",
        "symbol",
    )?;
    for (i, c) in d.contracts.iter().enumerate() {
        let path = format!("contracts[{i}]");
        check_base(&c.base, &path)?;
        check_name(&c.settle, &path, "settle")?;
        if let Some(leverage) = c.max_leverage {
            positive(leverage, &path, "max_leverage")?;
        }
        if let Some(fee) = c.taker_fee {
            fraction(fee, &path, "taker_fee")?;
        }
        if let Some(fee) = c.liquidation_fee {
            fraction(fee, &path, "liquidation_fee")?;
        }
        if let Some(tiers) = &c.mm_tiers {
            check_mm_tiers(tiers, &path)?;
        }
        if let Some(date) = &c.as_of {
            check_date(date, &path, "as_of")?;
        }
    }
    let owned = |index: HashMap<&str, usize>| -> HashMap<String, usize> {
        index.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    };
    Ok((owned(coins), owned(contracts)))
}

/// A name: not blank, no spaces around it.
fn check_name(name: &str, path: &str, field: &'static str) -> Result<(), Error> {
    if name.trim().is_empty() || name.trim() != name {
        return Err(Error::new(
            join(path, field),
            ErrorKind::NotAName {
                field,
                got: name.to_string(),
            },
        ));
    }
    Ok(())
}

/// Whether `text` is a day of the (proleptic Gregorian) calendar written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return false;
    }
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .and_then(|digits| digits.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    (1..=days).contains(&day)
}

fn check_date(date: &str, path: &str, field: &'static str) -> Result<(), Error> {
    if is_date(date) {
        Ok(())
    } else {
        Err(Error::new(
            join(path, field),
            ErrorKind::NotADate {
                field,
                got: date.to_string(),
            },
        ))
    }
}

/// The complete scenario that `scenario` stands for with `market` (MARKET.md):
/// - a scenario that names a market (`"market": {"name", "as_of"}`) is refused at `market`
///   without that market or with another one (other name or date);
/// - without a market, the scenario is itself (borrowed);
/// - with one, each coin's and contract's table field the scenario leaves out is taken from
///   the market entry of the same `coin` or `symbol` (coins: `quote`, `discount_tiers`,
///   `loan_tiers`, `hourly_interest`, `interest_free`; contracts: `base`, `settle`,
///   `taker_fee`, `liquidation_fee`, `mm_tiers`), and `settings` field by field; what the
///   scenario gives wins;
/// - a coin that ends without discount tiers (not in the market, or listed there without
///   them) is refused at `coins[i].discount_tiers`: with a market, a missing table is a
///   mistake, not "counts for 0"; a contract without `base`, `settle` or `mm_tiers` likewise
///   at its field; a contract's `leverage` above the market's `max_leverage` for it at
///   `contracts[i].leverage`;
/// - every other field keeps its FORMAT.md default. The result names no market: it is an
///   ordinary complete scenario that gives the same figures without one.
pub fn resolve<'s>(
    scenario: &'s Scenario,
    market: Option<&Market>,
) -> Result<Cow<'s, Scenario>, Error> {
    if let Some(named) = &scenario.market {
        let given = market.map(Market::reference);
        if given.as_ref() != Some(named) {
            return Err(Error::new(
                "market",
                ErrorKind::WrongMarket {
                    named: named.clone(),
                    given,
                },
            ));
        }
    }
    let Some(market) = market else {
        return Ok(Cow::Borrowed(scenario));
    };
    let mut complete = scenario.clone();
    complete.market = None;
    complete.settings = merge_settings(&scenario.settings, &market.document.settings);
    for (i, coin) in complete.coins.iter_mut().enumerate() {
        fill_coin(i, coin, market)?;
    }
    for (i, contract) in complete.contracts.iter_mut().enumerate() {
        fill_contract(i, contract, market)?;
    }
    Ok(Cow::Owned(complete))
}

/// The scenario's settings, each left out taken from the market's (field by field, as
/// MARKET.md says of `settings`): `position_mode` too, so a market may say how its venue
/// holds positions and a scenario that gives its own mode keeps it.
fn merge_settings(scenario: &Settings, market: &Settings) -> Settings {
    // every field named, so that a new setting cannot be left out of the merge
    let Settings {
        usdt_usd,
        usdc_usd,
        spot_taker_fee,
        warning_rate,
        liquidation_rate,
        position_mode,
    } = scenario.clone();
    Settings {
        usdt_usd: usdt_usd.or(market.usdt_usd),
        usdc_usd: usdc_usd.or(market.usdc_usd),
        spot_taker_fee: spot_taker_fee.or(market.spot_taker_fee),
        warning_rate: warning_rate.or(market.warning_rate),
        liquidation_rate: liquidation_rate.or(market.liquidation_rate),
        position_mode: position_mode.or(market.position_mode),
    }
}

/// `value`, or the market's when the scenario leaves it out.
fn or_market<T: Clone>(value: &mut Option<T>, market: Option<&T>) {
    if value.is_none() {
        *value = market.cloned();
    }
}

fn fill_coin(i: usize, coin: &mut Coin, market: &Market) -> Result<(), Error> {
    let entry = market.coin(&coin.coin);
    if let Some(m) = entry {
        or_market(&mut coin.quote, m.quote.as_ref());
        or_market(&mut coin.discount_tiers, m.discount_tiers.as_ref());
        or_market(&mut coin.loan_tiers, m.loan_tiers.as_ref());
        or_market(&mut coin.hourly_interest, m.hourly_interest.as_ref());
        or_market(&mut coin.interest_free, m.interest_free.as_ref());
    }
    if coin.discount_tiers.is_none() {
        return Err(not_in_market(
            format!("coins[{i}]"),
            Entity::Coin,
            &coin.coin,
            MarketTable::DiscountTiers,
            market,
            entry.is_some(),
        ));
    }
    Ok(())
}

fn fill_contract(i: usize, contract: &mut Contract, market: &Market) -> Result<(), Error> {
    let path = format!("contracts[{i}]");
    let entry = market.contract(&contract.symbol);
    if let Some(m) = entry {
        or_market(&mut contract.base, Some(&m.base));
        or_market(&mut contract.settle, Some(&m.settle));
        or_market(&mut contract.taker_fee, m.taker_fee.as_ref());
        or_market(&mut contract.liquidation_fee, m.liquidation_fee.as_ref());
        or_market(&mut contract.mm_tiers, m.mm_tiers.as_ref());
    }
    for (table, missing) in [
        (MarketTable::Base, contract.base.is_none()),
        (MarketTable::Settle, contract.settle.is_none()),
        (MarketTable::PositionTiers, contract.mm_tiers.is_none()),
    ] {
        if missing {
            return Err(not_in_market(
                path,
                Entity::Contract,
                &contract.symbol,
                table,
                market,
                entry.is_some(),
            ));
        }
    }
    if let Some(max) = entry.and_then(|m| m.max_leverage) {
        if contract.leverage > max {
            return Err(Error::new(
                join(&path, "leverage"),
                ErrorKind::LeverageAboveMax {
                    symbol: contract.symbol.clone(),
                    got: contract.leverage,
                    max,
                    market: market.document.name.clone(),
                },
            ));
        }
    }
    Ok(())
}

fn not_in_market(
    path: String,
    entity: Entity,
    name: &str,
    table: MarketTable,
    market: &Market,
    listed: bool,
) -> Error {
    Error::new(
        join(&path, table.field()),
        ErrorKind::NotInMarket {
            entity,
            name: name.to_string(),
            table,
            market: market.document.name.clone(),
            listed,
        },
    )
}

impl Account {
    /// Resolves a scenario against a market ([`resolve`]) and validates the complete
    /// scenario; the account remembers the market, which its reports name.
    pub fn with_market(scenario: &Scenario, market: Option<&Market>) -> Result<Account, Error> {
        let complete = resolve(scenario, market)?;
        let mut account = Account::from_scenario(&complete)?;
        account.market = market.map(Market::reference);
        Ok(account)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_of_the_calendar() {
        for good in [
            "2025-09-26",
            "2024-02-29",
            "2000-02-29",
            "1999-12-31",
            "0001-01-01",
        ] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2025-9-26",
            "2025-09-26T00:00:00Z",
            "2025/09/26",
            "2023-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-04-31",
            "2025-09-00",
            "+025-09-26",
            "2025-09-2a",
            "",
            "２０２５-09-26",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
