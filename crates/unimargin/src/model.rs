//! The validated account: defaults filled in, names resolved to indices, every rule of the
//! format checked. Evaluation only ever sees an [`Account`], so it need not re-check input.

use crate::error::{Entity, Error, ErrorKind, MarketName};
use crate::scenario::{
    DiscountTier, LoanTier, MaintenanceTier, Market, MarketReference, OrderSide, PositionMode,
    PositionSide, Scenario, Settings, SCENARIO_FORMAT,
};
use rust_decimal::Decimal;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

/// The default grid of the largest size that passes: one satoshi.
pub const DEFAULT_SIZE_STEP: Decimal = Decimal::from_parts(1, 0, 0, false, 8);

/// Settings with their defaults applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedSettings {
    pub usdt_usd: Decimal,
    pub usdc_usd: Decimal,
    pub spot_taker_fee: Decimal,
    pub warning_rate: Decimal,
    pub liquidation_rate: Decimal,
    pub position_mode: PositionMode,
}

/// What a coin's price is quoted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    Usd,
    Usdt,
    Usdc,
    /// The BTC coin, by its index in [`Account::coins`].
    Btc(usize),
}

/// A coin whose price is fixed by the settings rather than by its own `price`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stablecoin {
    Usdt,
    Usdc,
}

/// A validated coin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoinModel {
    pub name: String,
    pub balance: Decimal,
    /// Price in `quote` units (1 for USDT and USDC, whose USD price is a setting).
    pub price: Decimal,
    pub quote: Quote,
    pub stablecoin: Option<Stablecoin>,
    pub discount_tiers: Vec<DiscountTier>,
    pub loan_tiers: Vec<LoanTier>,
    pub hourly_interest: Decimal,
    pub interest_free: Decimal,
}

/// A validated perpetual contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractModel {
    pub symbol: String,
    pub base: String,
    /// The base coin's index when it is one of the coins (prices then move together).
    pub base_coin: Option<usize>,
    pub settle: usize,
    pub mark_price: Decimal,
    pub leverage: Decimal,
    /// `1/leverage + taker`, when `1/leverage` is exact (20 → 0.05): the initial margin
    /// rate, computed once. `None` where `1/leverage` does not terminate (3 → 0.333…).
    pub initial_rate: Option<Decimal>,
    pub taker_fee: Decimal,
    pub liquidation_fee: Decimal,
    pub mm_tiers: Vec<MaintenanceTier>,
}

/// `1/leverage + taker` when `1/leverage` is an exact decimal.
pub fn exact_initial_rate(leverage: Decimal, taker_fee: Decimal) -> Option<Decimal> {
    let reciprocal = Decimal::ONE.checked_div(leverage)?;
    (reciprocal.checked_mul(leverage)? == Decimal::ONE)
        .then(|| reciprocal.checked_add(taker_fee))
        .flatten()
}

/// A validated position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionModel {
    pub contract: usize,
    pub side: PositionSide,
    pub size: Decimal,
    pub entry_price: Decimal,
}

/// A validated order: spot between two coins, or futures on a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderModel {
    Spot {
        side: OrderSide,
        base: usize,
        quote: usize,
        size: Decimal,
        price: Decimal,
    },
    Futures {
        side: OrderSide,
        contract: usize,
        size: Decimal,
        price: Decimal,
    },
}

impl OrderModel {
    pub fn size(&self) -> Decimal {
        match self {
            OrderModel::Spot { size, .. } | OrderModel::Futures { size, .. } => *size,
        }
    }

    /// The same order with another size.
    pub fn with_size(self, new_size: Decimal) -> OrderModel {
        match self {
            OrderModel::Spot {
                side,
                base,
                quote,
                price,
                ..
            } => OrderModel::Spot {
                side,
                base,
                quote,
                size: new_size,
                price,
            },
            OrderModel::Futures {
                side,
                contract,
                price,
                ..
            } => OrderModel::Futures {
                side,
                contract,
                size: new_size,
                price,
            },
        }
    }
}

/// The order to verify and the grid of its largest passing size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckModel {
    pub order: OrderModel,
    pub size_step: Decimal,
}

/// A scenario that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub settings: ResolvedSettings,
    pub coins: Vec<CoinModel>,
    pub contracts: Vec<ContractModel>,
    pub positions: Vec<PositionModel>,
    pub orders: Vec<OrderModel>,
    pub check: Option<CheckModel>,
    /// The market whose tables filled what the scenario left out ([`crate::market`]).
    pub market: Option<MarketReference>,
}

impl Account {
    /// Validates a scenario; the first problem found is returned with its path.
    pub fn from_scenario(scenario: &Scenario) -> Result<Account, Error> {
        if scenario.format != SCENARIO_FORMAT {
            return Err(Error::new(
                "format",
                ErrorKind::WrongFormat {
                    expected: SCENARIO_FORMAT,
                    got: scenario.format.clone(),
                },
            ));
        }
        if let Some(named) = &scenario.market {
            // a complete scenario has no market: this one needs its market to be resolved
            return Err(Error::new(
                "market",
                ErrorKind::WrongMarket {
                    named: named.clone(),
                    given: None,
                },
            ));
        }
        let settings = resolve_settings(&scenario.settings)?;
        let coin_index = index_names(
            scenario.coins.iter().map(|c| c.coin.as_str()),
            "coins",
            "coin",
        )?;
        let coins = scenario
            .coins
            .iter()
            .enumerate()
            .map(|(i, coin)| resolve_coin(i, coin, &coin_index, scenario))
            .collect::<Result<Vec<_>, _>>()?;
        let contract_index = index_names(
            scenario.contracts.iter().map(|c| c.symbol.as_str()),
            "contracts",
            "symbol",
        )?;
        let contracts = scenario
            .contracts
            .iter()
            .enumerate()
            .map(|(i, c)| resolve_contract(i, c, &coin_index))
            .collect::<Result<Vec<_>, _>>()?;
        let positions = scenario
            .positions
            .iter()
            .enumerate()
            .map(|(i, p)| {
                // paths are written only for a position found wrong: there may be many
                let contract = match contract_index.get(p.symbol.as_str()) {
                    Some(&contract) if p.size > Decimal::ZERO && p.entry_price > Decimal::ZERO => {
                        contract
                    }
                    // a position that fails the quick check fails one of these
                    _ => {
                        let path = format!("positions[{i}]");
                        let contract = find(
                            &contract_index,
                            &p.symbol,
                            &path,
                            "symbol",
                            Entity::Contract,
                        )?;
                        positive(p.size, &path, "size")?;
                        positive(p.entry_price, &path, "entry_price")?;
                        contract
                    }
                };
                Ok(PositionModel {
                    contract,
                    side: p.side,
                    size: p.size,
                    entry_price: p.entry_price,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        if settings.position_mode == PositionMode::OneWay {
            one_net_position_each(&positions, &contracts)?;
        }
        let orders = scenario
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let path = format!("orders[{i}]");
                if o.size_step.is_some() {
                    return Err(Error::new(
                        format!("{path}.size_step"),
                        ErrorKind::SizeStepOutsideCheck,
                    ));
                }
                resolve_order(o, &path, &coin_index, &contract_index)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let check = (scenario.check.as_ref())
            .map(|o| resolve_check(o, &coin_index, &contract_index))
            .transpose()?;
        Ok(Account {
            settings,
            coins,
            contracts,
            positions,
            orders,
            check,
            market: None,
        })
    }
}

impl Account {
    /// Moves contract `i`'s mark price, checked as [`Account::from_scenario`] checks it: a
    /// price tick on an account already validated, without validating the rest again.
    pub fn set_mark_price(&mut self, i: usize, mark_price: Decimal) -> Result<(), Error> {
        let path = format!("contracts[{i}]");
        let contract = self.contracts.get_mut(i).ok_or_else(|| no_such(&path))?;
        positive(mark_price, &path, "mark_price")?;
        contract.mark_price = mark_price;
        Ok(())
    }

    /// Moves coin `i`'s price in its quote, checked as [`Account::from_scenario`] checks it
    /// (USDT and USDC stay at 1: their USD price is a setting).
    pub fn set_price(&mut self, i: usize, price: Decimal) -> Result<(), Error> {
        let path = format!("coins[{i}]");
        let coin = self.coins.get_mut(i).ok_or_else(|| no_such(&path))?;
        if coin.stablecoin.is_some() && price != Decimal::ONE {
            return Err(stablecoin_price(&coin.name, &path, price));
        }
        positive(price, &path, "price")?;
        coin.price = price;
        Ok(())
    }
}

/// In one-way mode a contract holds one net position: a long and a short of the same
/// contract are refused at the second one's side.
fn one_net_position_each(
    positions: &[PositionModel],
    contracts: &[ContractModel],
) -> Result<(), Error> {
    // per contract: the first position's index and side
    let mut first: HashMap<usize, (usize, PositionSide)> = HashMap::new();
    for (i, p) in positions.iter().enumerate() {
        match first.get(&p.contract) {
            Some(&(k, side)) if side != p.side => {
                return Err(Error::new(
                    format!("positions[{i}].side"),
                    ErrorKind::HedgeInOneWayMode {
                        symbol: contracts[p.contract].symbol.clone(),
                        side: p.side,
                        first_path: format!("positions[{k}]"),
                    },
                ));
            }
            Some(_) => {}
            None => {
                first.insert(p.contract, (i, p.side));
            }
        }
    }
    Ok(())
}

fn no_such(path: &str) -> Error {
    Error::new(path, ErrorKind::NoSuchEntry)
}

/// USDT's or USDC's `price` other than 1.
fn stablecoin_price(own: &str, path: &str, price: Decimal) -> Error {
    Error::new(
        format!("{path}.price"),
        ErrorKind::StablecoinPrice {
            coin: own.to_string(),
            got: price,
        },
    )
}

pub(crate) fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

pub(crate) fn positive(value: Decimal, path: &str, field: &'static str) -> Result<(), Error> {
    if value > Decimal::ZERO {
        Ok(())
    } else {
        Err(Error::new(
            join(path, field),
            ErrorKind::NotPositive { field, got: value },
        ))
    }
}

pub(crate) fn non_negative(value: Decimal, path: &str, field: &'static str) -> Result<(), Error> {
    if value >= Decimal::ZERO {
        Ok(())
    } else {
        Err(Error::new(
            join(path, field),
            ErrorKind::Negative { field, got: value },
        ))
    }
}

fn is_fraction(value: Decimal) -> bool {
    (Decimal::ZERO..=Decimal::ONE).contains(&value)
}

pub(crate) fn fraction(value: Decimal, path: &str, field: &'static str) -> Result<(), Error> {
    if is_fraction(value) {
        Ok(())
    } else {
        Err(Error::new(
            join(path, field),
            ErrorKind::NotAFraction { field, got: value },
        ))
    }
}

/// The largest `warning_rate` and `liquidation_rate` (10, that is 1,000 %): a venue
/// liquidates at a rate of 1 (100 %), and a threshold far above it would mean maintenance
/// margin many times the equity, a threshold no venue uses (README, "Limits").
pub const MAX_THRESHOLD_RATE: Decimal = Decimal::TEN;

/// The most tiers a table (discount, loan or position tiers) may hold: exchanges publish a
/// few to a few dozen; the liquidation price search splits the price range at every tier
/// bound it crosses, so a table of thousands would make it slow (README, "Limits").
pub const MAX_TIERS: usize = 200;

/// Refuses a value above `max` (`above_maximum`).
pub(crate) fn at_most(
    value: Decimal,
    max: Decimal,
    path: &str,
    field: &'static str,
) -> Result<(), Error> {
    if value <= max {
        Ok(())
    } else {
        Err(Error::new(
            join(path, field),
            ErrorKind::AboveMaximum {
                field,
                max,
                got: value,
            },
        ))
    }
}

/// The settings with their defaults, checked (`settings.…` paths).
pub(crate) fn resolve_settings(s: &Settings) -> Result<ResolvedSettings, Error> {
    let settings = ResolvedSettings {
        usdt_usd: s.usdt_usd.unwrap_or(Decimal::ONE),
        usdc_usd: s.usdc_usd.unwrap_or(Decimal::ONE),
        spot_taker_fee: s.spot_taker_fee.unwrap_or(Decimal::ZERO),
        warning_rate: s.warning_rate.unwrap_or(Decimal::new(8, 1)),
        liquidation_rate: s.liquidation_rate.unwrap_or(Decimal::ONE),
        position_mode: s.position_mode.unwrap_or_default(),
    };
    positive(settings.usdt_usd, "settings", "usdt_usd")?;
    positive(settings.usdc_usd, "settings", "usdc_usd")?;
    fraction(settings.spot_taker_fee, "settings", "spot_taker_fee")?;
    positive(settings.warning_rate, "settings", "warning_rate")?;
    positive(settings.liquidation_rate, "settings", "liquidation_rate")?;
    at_most(
        settings.warning_rate,
        MAX_THRESHOLD_RATE,
        "settings",
        "warning_rate",
    )?;
    at_most(
        settings.liquidation_rate,
        MAX_THRESHOLD_RATE,
        "settings",
        "liquidation_rate",
    )?;
    if settings.warning_rate > settings.liquidation_rate {
        return Err(Error::new(
            "settings.warning_rate",
            ErrorKind::WarningAboveLiquidation {
                warning: settings.warning_rate,
                liquidation: settings.liquidation_rate,
            },
        ));
    }
    Ok(settings)
}

/// Maps names to indices, refusing empty names and duplicates.
pub(crate) fn index_names<'a>(
    names: impl Iterator<Item = &'a str>,
    list: &str,
    field: &'static str,
) -> Result<HashMap<&'a str, usize>, Error> {
    let mut index = HashMap::new();
    for (i, name) in names.enumerate() {
        let path = format!("{list}[{i}].{field}");
        if name.trim().is_empty() || name.trim() != name {
            return Err(Error::new(
                path,
                ErrorKind::NotAName {
                    field,
                    got: name.to_string(),
                },
            ));
        }
        if let Some(first) = index.insert(name, i) {
            return Err(Error::new(
                path,
                ErrorKind::Duplicate {
                    name: name.to_string(),
                    first_path: format!("{list}[{first}]"),
                },
            ));
        }
    }
    Ok(index)
}

fn find<K: Borrow<str> + Hash + Eq>(
    index: &HashMap<K, usize>,
    name: &str,
    path: &str,
    field: &str,
    what: Entity,
) -> Result<usize, Error> {
    index.get(name).copied().ok_or_else(|| {
        let name = name.to_string();
        Error::new(
            join(path, field),
            match what {
                Entity::Coin => ErrorKind::UnknownCoin { name },
                Entity::Contract => ErrorKind::UnknownContract { name },
            },
        )
    })
}

fn resolve_coin(
    i: usize,
    coin: &crate::scenario::Coin,
    coin_index: &HashMap<&str, usize>,
    scenario: &Scenario,
) -> Result<CoinModel, Error> {
    let path = format!("coins[{i}]");
    let stablecoin = match coin.coin.as_str() {
        "USDT" => Some(Stablecoin::Usdt),
        "USDC" => Some(Stablecoin::Usdc),
        _ => None,
    };
    let (price, quote) = match stablecoin {
        Some(kind) => {
            let own = coin.coin.as_str();
            if let Some(q) = coin.quote.as_deref() {
                check_quote_name(own, q, &path)?;
            }
            if let Some(p) = coin.price.filter(|p| *p != Decimal::ONE) {
                return Err(stablecoin_price(own, &path, p));
            }
            let quote = match kind {
                Stablecoin::Usdt => Quote::Usdt,
                Stablecoin::Usdc => Quote::Usdc,
            };
            (Decimal::ONE, quote)
        }
        None => {
            let price = coin.price.ok_or_else(|| {
                Error::new(
                    format!("{path}.price"),
                    ErrorKind::MissingPrice {
                        coin: coin.coin.clone(),
                    },
                )
            })?;
            positive(price, &path, "price")?;
            let quote_name = coin.quote.as_deref().unwrap_or("USD");
            check_quote_name(&coin.coin, quote_name, &path)?;
            let quote = match quote_name {
                "USD" => Quote::Usd,
                "USDT" => Quote::Usdt,
                "USDC" => Quote::Usdc,
                "BTC" => {
                    let btc = *coin_index.get("BTC").ok_or_else(|| {
                        Error::new(
                            format!("{path}.quote"),
                            ErrorKind::NoBtcToQuoteIn {
                                coin: coin.coin.clone(),
                            },
                        )
                    })?;
                    let btc_quote = scenario.coins[btc].quote.as_deref().unwrap_or("USD");
                    if btc_quote == "BTC" {
                        return Err(Error::new(
                            format!("coins[{btc}].quote"),
                            ErrorKind::BtcQuotedInBtc,
                        ));
                    }
                    Quote::Btc(btc)
                }
                // the other names were refused by check_quote_name
                _ => Quote::Usd,
            };
            (price, quote)
        }
    };
    let discount_tiers = coin.discount_tiers.clone().unwrap_or_default();
    let loan_tiers = coin.loan_tiers.clone().unwrap_or_default();
    check_discount_tiers(&discount_tiers, &path)?;
    check_loan_tiers(&loan_tiers, &path)?;
    let hourly_interest = coin.hourly_interest.unwrap_or(Decimal::ZERO);
    fraction(hourly_interest, &path, "hourly_interest")?;
    let interest_free = coin.interest_free.unwrap_or(Decimal::ZERO);
    non_negative(interest_free, &path, "interest_free")?;
    Ok(CoinModel {
        name: coin.coin.clone(),
        balance: coin.balance,
        price,
        quote,
        stablecoin,
        discount_tiers,
        loan_tiers,
        hourly_interest,
        interest_free,
    })
}

/// Checks a coin's `quote` by its name: `USD`, `USDT`, `USDC` or `BTC`; USDT and USDC are
/// quoted in themselves, and BTC cannot be quoted in BTC.
pub(crate) fn check_quote_name(coin: &str, quote: &str, path: &str) -> Result<(), Error> {
    let kind = match (coin, quote) {
        ("USDT" | "USDC", q) if q != coin => ErrorKind::StablecoinQuote {
            coin: coin.to_string(),
            got: q.to_string(),
        },
        ("BTC", "BTC") => {
            return Err(Error::new(join(path, "quote"), ErrorKind::BtcQuotedInBtc));
        }
        (_, "USD" | "USDT" | "USDC" | "BTC") => return Ok(()),
        (_, other) => ErrorKind::UnknownQuote {
            got: other.to_string(),
        },
    };
    Err(Error::new(join(path, "quote"), kind))
}

/// Checks that bounds ascend strictly, are positive, and that only the last tier is unbounded.
fn check_bounds(
    bounds: impl ExactSizeIterator<Item = Option<Decimal>>,
    path: &str,
    list: &str,
    field: &'static str,
) -> Result<(), Error> {
    let count = bounds.len();
    if count > MAX_TIERS {
        return Err(Error::new(
            format!("{path}.{list}"),
            ErrorKind::TooManyTiers {
                max: MAX_TIERS,
                got: count,
            },
        ));
    }
    let mut previous: Option<Decimal> = None;
    for (i, bound) in bounds.enumerate() {
        let tier = || format!("{path}.{list}[{i}]");
        let last = count.checked_sub(1) == Some(i);
        match (bound, last) {
            (Some(b), false) => {
                if b <= Decimal::ZERO {
                    positive(b, &tier(), field)?;
                }
                if let Some(p) = previous.filter(|p| b <= *p) {
                    return Err(Error::new(
                        format!("{}.{field}", tier()),
                        ErrorKind::TiersNotAscending {
                            field,
                            bound: b,
                            previous: p,
                        },
                    ));
                }
                previous = Some(b);
            }
            (Some(_), true) => {
                return Err(Error::new(
                    format!("{}.{field}", tier()),
                    ErrorKind::LastTierBounded { field },
                ))
            }
            (None, false) => {
                return Err(Error::new(
                    tier(),
                    ErrorKind::UnboundedTierNotLast {
                        field,
                        number: i.saturating_add(1),
                        count,
                    },
                ))
            }
            (None, true) => {}
        }
    }
    Ok(())
}

/// Checks a coin's discount tiers: bounded all in USD (`up_to_usd`) or all in coin units
/// (`up_to`), ascending, the last unbounded; rates from 0 to 1.
pub(crate) fn check_discount_tiers(tiers: &[DiscountTier], path: &str) -> Result<(), Error> {
    // the kind of the first bounded tier is the coin's; a tier of the other kind is refused
    let coin_units = tiers
        .iter()
        .find(|t| t.up_to_usd.is_some() || t.up_to.is_some())
        .is_some_and(|t| t.up_to.is_some() && t.up_to_usd.is_none());
    let other_kind = |t: &DiscountTier| {
        (t.up_to.is_some() && t.up_to_usd.is_some())
            || (coin_units && t.up_to_usd.is_some())
            || (!coin_units && t.up_to.is_some())
    };
    if let Some(i) = tiers.iter().position(other_kind) {
        return Err(Error::new(
            format!("{path}.discount_tiers[{i}]"),
            ErrorKind::MixedTierUnits,
        ));
    }
    let (bounds, field): (Vec<Option<Decimal>>, _) = if coin_units {
        (tiers.iter().map(|t| t.up_to).collect(), "up_to")
    } else {
        (tiers.iter().map(|t| t.up_to_usd).collect(), "up_to_usd")
    };
    check_bounds(bounds.into_iter(), path, "discount_tiers", field)?;
    for (i, t) in tiers.iter().enumerate() {
        if !is_fraction(t.rate) {
            fraction(t.rate, &format!("{path}.discount_tiers[{i}]"), "rate")?;
        }
    }
    Ok(())
}

/// Checks a coin's loan tiers: ascending `up_to`, the last unbounded, leverage above 0, mmr
/// from 0 to 1.
pub(crate) fn check_loan_tiers(tiers: &[LoanTier], path: &str) -> Result<(), Error> {
    check_bounds(tiers.iter().map(|t| t.up_to), path, "loan_tiers", "up_to")?;
    for (i, t) in tiers.iter().enumerate() {
        if t.leverage <= Decimal::ZERO || !is_fraction(t.mmr) {
            let tier = format!("{path}.loan_tiers[{i}]");
            positive(t.leverage, &tier, "leverage")?;
            fraction(t.mmr, &tier, "mmr")?;
        }
    }
    Ok(())
}

fn resolve_contract(
    i: usize,
    c: &crate::scenario::Contract,
    coin_index: &HashMap<&str, usize>,
) -> Result<ContractModel, Error> {
    let path = format!("contracts[{i}]");
    let missing = |field: &str| {
        Error::new(
            join(&path, field),
            ErrorKind::MissingField {
                field: field.to_string(),
            },
        )
    };
    let base = c.base.as_deref().ok_or_else(|| missing("base"))?;
    let settle = c.settle.as_deref().ok_or_else(|| missing("settle"))?;
    let settle = find(coin_index, settle, &path, "settle", Entity::Coin)?;
    check_base(base, &path)?;
    positive(c.mark_price, &path, "mark_price")?;
    positive(c.leverage, &path, "leverage")?;
    let taker_fee = c.taker_fee.unwrap_or(Decimal::ZERO);
    fraction(taker_fee, &path, "taker_fee")?;
    let liquidation_fee = c.liquidation_fee.unwrap_or(Decimal::ZERO);
    fraction(liquidation_fee, &path, "liquidation_fee")?;
    let mm_tiers = c.mm_tiers.as_deref().ok_or_else(|| missing("mm_tiers"))?;
    check_mm_tiers(mm_tiers, &path)?;
    Ok(ContractModel {
        symbol: c.symbol.clone(),
        base: base.to_string(),
        base_coin: coin_index.get(base).copied(),
        settle,
        mark_price: c.mark_price,
        leverage: c.leverage,
        initial_rate: exact_initial_rate(c.leverage, taker_fee),
        taker_fee,
        liquidation_fee,
        mm_tiers: mm_tiers.to_vec(),
    })
}

/// A contract's `base` must name a coin.
pub(crate) fn check_base(base: &str, path: &str) -> Result<(), Error> {
    if base.trim().is_empty() {
        return Err(Error::new(join(path, "base"), ErrorKind::NoBase));
    }
    Ok(())
}

/// Checks a contract's position tiers: at least one, ascending `up_to_usd`, the last
/// unbounded, mmr from 0 to 1.
pub(crate) fn check_mm_tiers(tiers: &[MaintenanceTier], path: &str) -> Result<(), Error> {
    if tiers.is_empty() {
        return Err(Error::new(
            format!("{path}.mm_tiers"),
            ErrorKind::NoPositionTiers,
        ));
    }
    check_bounds(
        tiers.iter().map(|t| t.up_to_usd),
        path,
        "mm_tiers",
        "up_to_usd",
    )?;
    for (t, tier) in tiers.iter().enumerate() {
        if !is_fraction(tier.mmr) {
            fraction(tier.mmr, &format!("{path}.mm_tiers[{t}]"), "mmr")?;
        }
    }
    Ok(())
}

/// The order to check, resolved against the account's names (its errors' paths begin with
/// `check`), with its grid.
pub(crate) fn resolve_check<K: Borrow<str> + Hash + Eq>(
    o: &crate::scenario::Order,
    coin_index: &HashMap<K, usize>,
    contract_index: &HashMap<K, usize>,
) -> Result<CheckModel, Error> {
    let order = resolve_order(o, "check", coin_index, contract_index)?;
    let size_step = o.size_step.unwrap_or(DEFAULT_SIZE_STEP);
    positive(size_step, "check", "size_step")?;
    Ok(CheckModel { order, size_step })
}

fn resolve_order<K: Borrow<str> + Hash + Eq>(
    o: &crate::scenario::Order,
    path: &str,
    coin_index: &HashMap<K, usize>,
    contract_index: &HashMap<K, usize>,
) -> Result<OrderModel, Error> {
    let unexpected = |field: &'static str| {
        let market = MarketName(o.market);
        Error::new(join(path, field), ErrorKind::NotForMarket { field, market })
    };
    let missing = |field: &'static str| {
        let market = MarketName(o.market);
        Error::new(
            join(path, field),
            ErrorKind::MissingForMarket { field, market },
        )
    };
    let order = match o.market {
        Market::Spot => {
            if o.symbol.is_some() {
                return Err(unexpected("symbol"));
            }
            let base_name = o.base.as_deref().ok_or_else(|| missing("base"))?;
            let quote_name = o.quote.as_deref().ok_or_else(|| missing("quote"))?;
            let base = find(coin_index, base_name, path, "base", Entity::Coin)?;
            let quote = find(coin_index, quote_name, path, "quote", Entity::Coin)?;
            if base == quote {
                return Err(Error::new(
                    join(path, "quote"),
                    ErrorKind::SameCoinTwice {
                        coin: base_name.to_string(),
                    },
                ));
            }
            OrderModel::Spot {
                side: o.side,
                base,
                quote,
                size: o.size,
                price: o.price,
            }
        }
        Market::Futures => {
            if o.base.is_some() {
                return Err(unexpected("base"));
            }
            if o.quote.is_some() {
                return Err(unexpected("quote"));
            }
            let symbol = o.symbol.as_deref().ok_or_else(|| missing("symbol"))?;
            let contract = find(contract_index, symbol, path, "symbol", Entity::Contract)?;
            OrderModel::Futures {
                side: o.side,
                contract,
                size: o.size,
                price: o.price,
            }
        }
    };
    positive(o.size, path, "size")?;
    positive(o.price, path, "price")?;
    Ok(order)
}
