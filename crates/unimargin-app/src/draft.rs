//! The editable form: every field kept as the text the person typed, so a half-typed or
//! wrong value survives (and is saved) until it is fixed.
//!
//! A [`Draft`] mirrors FORMAT.md's scenario with strings for every value and an [`Id`] for
//! every row, so rows can be added and removed while the page keeps its inputs.
//! [`Draft::to_scenario`] reads it back, naming each field that does not parse by the
//! engine's own path (`coins[2].discount_tiers[1].rate`).
//!
//! Rates (discount rates, MMRs, fees, interest, the risk thresholds) are typed as
//! percentages (`98`, `0.06`) and read into FORMAT.md's fractions.

use crate::number::{for_field, parse_percent, parse_typed, percent_for_field, EntryError};
use serde::{Deserialize, Serialize};
use unimargin::scenario::{
    Coin, Contract, DiscountTier, LoanTier, MaintenanceTier, Market, Order, OrderSide, Position,
    PositionSide, Scenario, Settings, SCENARIO_FORMAT,
};
use unimargin::Decimal;

/// A row's identity within a draft (not saved: rows are numbered again on load).
pub type Id = u32;

/// A problem with one field (or row) of the draft, at the engine's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub kind: FieldProblem,
}

impl FieldError {
    /// What is wrong, in an English sentence.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl From<unimargin::Error> for FieldError {
    fn from(error: unimargin::Error) -> Self {
        let (path, kind) = error.into_parts();
        FieldError {
            path,
            kind: FieldProblem::Engine(kind),
        }
    }
}

/// What is wrong with a field: the engine's kind, or one of the page's own (a number typed,
/// a choice, the what-if price). `Display` is the English sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    /// A rule of the engine broken.
    #[error("{0}")]
    Engine(unimargin::ErrorKind),
    /// A number typed that cannot be read.
    #[error("{0}")]
    Entry(EntryError),
    /// A value that is not one of the field's two choices (`side`: `long` or `short`).
    #[error("{field} must be {} or {}, got \"{got}\"", choices[0], choices[1])]
    NotAChoice {
        field: &'static str,
        got: String,
        choices: [&'static str; 2],
    },
    /// The what-if price of `coin` that cannot be applied to the account.
    #[error("the what-if price of {coin}: {error}")]
    WhatIf {
        coin: String,
        error: unimargin::Error,
    },
    /// The what-if coin's own price, too large to compute.
    #[error("the price of {coin} is too large")]
    PriceTooLarge { coin: String },
}

/// Generates, for a row type, the access to its text fields by a field enum whose
/// [`name`](SettingField::name) is the FORMAT.md field name.
macro_rules! fields {
    ($row:ty, $field:ident { $($variant:ident => $name:ident),* $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $field { $($variant),* }

        impl $field {
            /// The field's name in FORMAT.md (the last segment of its path).
            pub fn name(self) -> &'static str {
                match self { $($field::$variant => stringify!($name)),* }
            }
        }

        impl $row {
            pub fn get(&self, field: $field) -> &str {
                match field { $($field::$variant => &self.$name),* }
            }

            pub fn get_mut(&mut self, field: $field) -> &mut String {
                match field { $($field::$variant => &mut self.$name),* }
            }
        }
    };
}

/// Settings as typed; an empty field takes the engine's default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsDraft {
    pub usdt_usd: String,
    pub usdc_usd: String,
    pub spot_taker_fee: String,
    pub warning_rate: String,
    pub liquidation_rate: String,
}

fields!(SettingsDraft, SettingField {
    UsdtUsd => usdt_usd,
    UsdcUsd => usdc_usd,
    SpotTakerFee => spot_taker_fee,
    WarningRate => warning_rate,
    LiquidationRate => liquidation_rate,
});

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiscountTierDraft {
    #[serde(skip)]
    pub id: Id,
    pub up_to_usd: String,
    /// A bound in coin units (RULES §3), kept as imported: not yet a field of the form.
    pub up_to: String,
    pub rate: String,
}

fields!(DiscountTierDraft, DiscountField { UpToUsd => up_to_usd, Rate => rate });

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoanTierDraft {
    #[serde(skip)]
    pub id: Id,
    pub up_to: String,
    pub leverage: String,
    pub mmr: String,
}

fields!(LoanTierDraft, LoanField { UpTo => up_to, Leverage => leverage, Mmr => mmr });

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoinDraft {
    #[serde(skip)]
    pub id: Id,
    pub coin: String,
    pub balance: String,
    pub price: String,
    /// `""` (the default: USD), `USD`, `USDT`, `USDC` or `BTC`.
    pub quote: String,
    pub discount_tiers: Vec<DiscountTierDraft>,
    pub loan_tiers: Vec<LoanTierDraft>,
    pub hourly_interest: String,
    pub interest_free: String,
}

fields!(CoinDraft, CoinField {
    Coin => coin,
    Balance => balance,
    Price => price,
    Quote => quote,
    HourlyInterest => hourly_interest,
    InterestFree => interest_free,
});

impl CoinDraft {
    /// USDT and USDC are priced by the settings, not by their own price and quote.
    pub fn is_stablecoin(&self) -> bool {
        is_stablecoin(&self.coin)
    }
}

/// Whether a coin of this name is priced by the settings (RULES §1).
pub fn is_stablecoin(name: &str) -> bool {
    name == "USDT" || name == "USDC"
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MmTierDraft {
    #[serde(skip)]
    pub id: Id,
    pub up_to_usd: String,
    pub mmr: String,
}

fields!(MmTierDraft, MmField { UpToUsd => up_to_usd, Mmr => mmr });

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractDraft {
    #[serde(skip)]
    pub id: Id,
    pub symbol: String,
    pub base: String,
    pub settle: String,
    pub mark_price: String,
    pub leverage: String,
    pub taker_fee: String,
    pub liquidation_fee: String,
    pub mm_tiers: Vec<MmTierDraft>,
}

fields!(ContractDraft, ContractField {
    Symbol => symbol,
    Base => base,
    Settle => settle,
    MarkPrice => mark_price,
    Leverage => leverage,
    TakerFee => taker_fee,
    LiquidationFee => liquidation_fee,
});

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PositionDraft {
    #[serde(skip)]
    pub id: Id,
    pub symbol: String,
    /// `long` or `short`.
    pub side: String,
    pub size: String,
    pub entry_price: String,
}

fields!(PositionDraft, PositionField {
    Symbol => symbol,
    Side => side,
    Size => size,
    EntryPrice => entry_price,
});

/// A pending order, or the order to check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderDraft {
    #[serde(skip)]
    pub id: Id,
    /// `spot` or `futures`.
    pub market: String,
    /// Futures only.
    pub symbol: String,
    /// `buy` or `sell`.
    pub side: String,
    /// Spot only.
    pub base: String,
    /// Spot only.
    pub quote: String,
    pub size: String,
    pub price: String,
    /// The check only.
    pub size_step: String,
}

fields!(OrderDraft, OrderField {
    Market => market,
    Symbol => symbol,
    Side => side,
    Base => base,
    Quote => quote,
    Size => size,
    Price => price,
    SizeStep => size_step,
});

impl OrderDraft {
    pub fn is_futures(&self) -> bool {
        self.market == "futures"
    }
}

/// The whole form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub settings: SettingsDraft,
    pub coins: Vec<CoinDraft>,
    pub contracts: Vec<ContractDraft>,
    pub positions: Vec<PositionDraft>,
    pub orders: Vec<OrderDraft>,
    pub check: Option<OrderDraft>,
    #[serde(skip)]
    next_id: Id,
}

/// One text field of the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Setting(SettingField),
    Coin(Id, CoinField),
    Discount(Id, Id, DiscountField),
    Loan(Id, Id, LoanField),
    Contract(Id, ContractField),
    Mm(Id, Id, MmField),
    Position(Id, PositionField),
    Order(Id, OrderField),
    Check(OrderField),
}

/// A row of the draft (a coin, a tier, a position…), for row-level errors and removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    Coin(Id),
    Discount(Id, Id),
    Loan(Id, Id),
    Contract(Id),
    Mm(Id, Id),
    Position(Id),
    Order(Id),
    Check,
}

/// A list rows can be added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    Coins,
    Discount(Id),
    Loan(Id),
    Contracts,
    Mm(Id),
    Positions,
    Orders,
}

fn find<T>(rows: &[T], id: Id, id_of: impl Fn(&T) -> Id) -> Option<usize> {
    rows.iter().position(|r| id_of(r) == id)
}

impl Draft {
    fn alloc(&mut self) -> Id {
        self.next_id += 1;
        self.next_id
    }

    /// Gives every row a fresh id (after loading a draft, whose ids are not saved).
    pub fn renumber(&mut self) {
        let mut next = 0;
        let mut id = || {
            next += 1;
            next
        };
        for c in &mut self.coins {
            c.id = id();
            for t in &mut c.discount_tiers {
                t.id = id();
            }
            for t in &mut c.loan_tiers {
                t.id = id();
            }
        }
        for c in &mut self.contracts {
            c.id = id();
            for t in &mut c.mm_tiers {
                t.id = id();
            }
        }
        for p in &mut self.positions {
            p.id = id();
        }
        for o in &mut self.orders {
            o.id = id();
        }
        if let Some(check) = &mut self.check {
            check.id = id();
        }
        self.next_id = next;
    }

    fn coin(&self, id: Id) -> Option<&CoinDraft> {
        self.coins.iter().find(|c| c.id == id)
    }

    fn coin_mut(&mut self, id: Id) -> Option<&mut CoinDraft> {
        self.coins.iter_mut().find(|c| c.id == id)
    }

    fn contract(&self, id: Id) -> Option<&ContractDraft> {
        self.contracts.iter().find(|c| c.id == id)
    }

    fn contract_mut(&mut self, id: Id) -> Option<&mut ContractDraft> {
        self.contracts.iter_mut().find(|c| c.id == id)
    }

    /// The text of a field (`None`: the row is gone).
    pub fn get(&self, field: Field) -> Option<&str> {
        Some(match field {
            Field::Setting(f) => self.settings.get(f),
            Field::Coin(c, f) => self.coin(c)?.get(f),
            Field::Discount(c, t, f) => self
                .coin(c)?
                .discount_tiers
                .iter()
                .find(|x| x.id == t)?
                .get(f),
            Field::Loan(c, t, f) => self.coin(c)?.loan_tiers.iter().find(|x| x.id == t)?.get(f),
            Field::Contract(c, f) => self.contract(c)?.get(f),
            Field::Mm(c, t, f) => self
                .contract(c)?
                .mm_tiers
                .iter()
                .find(|x| x.id == t)?
                .get(f),
            Field::Position(p, f) => self.positions.iter().find(|x| x.id == p)?.get(f),
            Field::Order(o, f) => self.orders.iter().find(|x| x.id == o)?.get(f),
            Field::Check(f) => self.check.as_ref()?.get(f),
        })
    }

    /// Sets the text of a field; false if the row is gone.
    pub fn set(&mut self, field: Field, text: String) -> bool {
        let slot = match field {
            Field::Setting(f) => Some(self.settings.get_mut(f)),
            Field::Coin(c, f) => self.coin_mut(c).map(|x| x.get_mut(f)),
            Field::Discount(c, t, f) => self
                .coin_mut(c)
                .and_then(|x| x.discount_tiers.iter_mut().find(|x| x.id == t))
                .map(|x| x.get_mut(f)),
            Field::Loan(c, t, f) => self
                .coin_mut(c)
                .and_then(|x| x.loan_tiers.iter_mut().find(|x| x.id == t))
                .map(|x| x.get_mut(f)),
            Field::Contract(c, f) => self.contract_mut(c).map(|x| x.get_mut(f)),
            Field::Mm(c, t, f) => self
                .contract_mut(c)
                .and_then(|x| x.mm_tiers.iter_mut().find(|x| x.id == t))
                .map(|x| x.get_mut(f)),
            Field::Position(p, f) => self
                .positions
                .iter_mut()
                .find(|x| x.id == p)
                .map(|x| x.get_mut(f)),
            Field::Order(o, f) => self
                .orders
                .iter_mut()
                .find(|x| x.id == o)
                .map(|x| x.get_mut(f)),
            Field::Check(f) => self.check.as_mut().map(|x| x.get_mut(f)),
        };
        match slot {
            Some(slot) => {
                *slot = text;
                true
            }
            None => false,
        }
    }

    /// The shape of the draft: its rows' ids, in order.
    pub fn layout(&self) -> Layout {
        Layout {
            coins: self
                .coins
                .iter()
                .map(|c| CoinLayout {
                    id: c.id,
                    discount: c.discount_tiers.iter().map(|t| t.id).collect(),
                    loan: c.loan_tiers.iter().map(|t| t.id).collect(),
                })
                .collect(),
            contracts: self
                .contracts
                .iter()
                .map(|c| ContractLayout {
                    id: c.id,
                    mm: c.mm_tiers.iter().map(|t| t.id).collect(),
                })
                .collect(),
            positions: self.positions.iter().map(|p| p.id).collect(),
            orders: self.orders.iter().map(|o| o.id).collect(),
            check: self.check.is_some(),
        }
    }

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
                market: "futures".into(),
                symbol: c.symbol.clone(),
                side: "buy".into(),
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
                    market: "spot".into(),
                    side: "buy".into(),
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
                    quote: "USD".into(),
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
                    side: "long".into(),
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

    /// The draft of a scenario: every value written as a field shows it.
    pub fn from_scenario(scenario: &Scenario) -> Draft {
        let opt = |v: Option<Decimal>| v.map(for_field).unwrap_or_default();
        let opt_rate = |v: Option<Decimal>| v.map(percent_for_field).unwrap_or_default();
        let s = &scenario.settings;
        let order = |o: &Order| OrderDraft {
            id: 0,
            market: match o.market {
                Market::Spot => "spot",
                Market::Futures => "futures",
            }
            .into(),
            symbol: o.symbol.clone().unwrap_or_default(),
            side: match o.side {
                OrderSide::Buy => "buy",
                OrderSide::Sell => "sell",
            }
            .into(),
            base: o.base.clone().unwrap_or_default(),
            quote: o.quote.clone().unwrap_or_default(),
            size: for_field(o.size),
            price: for_field(o.price),
            size_step: opt(o.size_step),
        };
        let mut draft = Draft {
            settings: SettingsDraft {
                usdt_usd: opt(s.usdt_usd),
                usdc_usd: opt(s.usdc_usd),
                spot_taker_fee: opt_rate(s.spot_taker_fee),
                warning_rate: opt_rate(s.warning_rate),
                liquidation_rate: opt_rate(s.liquidation_rate),
            },
            coins: scenario
                .coins
                .iter()
                .map(|c| CoinDraft {
                    id: 0,
                    coin: c.coin.clone(),
                    balance: for_field(c.balance),
                    price: opt(c.price),
                    quote: c.quote.clone().unwrap_or_default(),
                    discount_tiers: c
                        .discount_tiers
                        .iter()
                        .flatten()
                        .map(|t| DiscountTierDraft {
                            id: 0,
                            up_to_usd: opt(t.up_to_usd),
                            up_to: opt(t.up_to),
                            rate: percent_for_field(t.rate),
                        })
                        .collect(),
                    loan_tiers: c
                        .loan_tiers
                        .iter()
                        .flatten()
                        .map(|t| LoanTierDraft {
                            id: 0,
                            up_to: opt(t.up_to),
                            leverage: for_field(t.leverage),
                            mmr: percent_for_field(t.mmr),
                        })
                        .collect(),
                    hourly_interest: opt_rate(c.hourly_interest),
                    interest_free: opt(c.interest_free),
                })
                .collect(),
            contracts: scenario
                .contracts
                .iter()
                .map(|c| ContractDraft {
                    id: 0,
                    symbol: c.symbol.clone(),
                    base: c.base.clone().unwrap_or_default(),
                    settle: c.settle.clone().unwrap_or_default(),
                    mark_price: for_field(c.mark_price),
                    leverage: for_field(c.leverage),
                    taker_fee: opt_rate(c.taker_fee),
                    liquidation_fee: opt_rate(c.liquidation_fee),
                    mm_tiers: c
                        .mm_tiers
                        .iter()
                        .flatten()
                        .map(|t| MmTierDraft {
                            id: 0,
                            up_to_usd: opt(t.up_to_usd),
                            mmr: percent_for_field(t.mmr),
                        })
                        .collect(),
                })
                .collect(),
            positions: scenario
                .positions
                .iter()
                .map(|p| PositionDraft {
                    id: 0,
                    symbol: p.symbol.clone(),
                    side: match p.side {
                        PositionSide::Long => "long",
                        PositionSide::Short => "short",
                    }
                    .into(),
                    size: for_field(p.size),
                    entry_price: for_field(p.entry_price),
                })
                .collect(),
            orders: scenario.orders.iter().map(order).collect(),
            check: scenario.check.as_ref().map(order),
            next_id: 0,
        };
        draft.renumber();
        draft
    }

    /// The text of every rate field (typed as a percentage), for turning the fractions of
    /// work saved by the app's first version into percentages.
    pub fn rate_texts_mut(&mut self) -> Vec<&mut String> {
        let s = &mut self.settings;
        let mut texts = vec![
            &mut s.spot_taker_fee,
            &mut s.warning_rate,
            &mut s.liquidation_rate,
        ];
        for c in &mut self.coins {
            texts.extend(c.discount_tiers.iter_mut().map(|t| &mut t.rate));
            texts.extend(c.loan_tiers.iter_mut().map(|t| &mut t.mmr));
            texts.push(&mut c.hourly_interest);
        }
        for c in &mut self.contracts {
            texts.push(&mut c.taker_fee);
            texts.push(&mut c.liquidation_fee);
            texts.extend(c.mm_tiers.iter_mut().map(|t| &mut t.mmr));
        }
        texts
    }

    /// Reads the draft as a scenario, or names every field that does not parse.
    /// (The engine checks the rest: ranges, tiers, references.)
    pub fn to_scenario(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut r = Reader::default();
        let s = &self.settings;
        let settings = Settings {
            usdt_usd: r.optional("settings.usdt_usd", &s.usdt_usd),
            usdc_usd: r.optional("settings.usdc_usd", &s.usdc_usd),
            spot_taker_fee: r.optional_rate("settings.spot_taker_fee", &s.spot_taker_fee),
            warning_rate: r.optional_rate("settings.warning_rate", &s.warning_rate),
            liquidation_rate: r.optional_rate("settings.liquidation_rate", &s.liquidation_rate),
            // the page has no position mode yet: hedge, the default
            position_mode: None,
        };
        let coins = self
            .coins
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let path = format!("coins[{i}]");
                let stable = c.is_stablecoin();
                Coin {
                    coin: c.coin.clone(),
                    balance: r.required(&format!("{path}.balance"), &c.balance),
                    // USDT and USDC: priced by the settings, whatever the fields hold.
                    price: if stable {
                        None
                    } else {
                        r.optional(&format!("{path}.price"), &c.price)
                    },
                    quote: (!stable && !c.quote.is_empty()).then(|| c.quote.clone()),
                    // no tiers in the form: none in the scenario (the coin counts for 0)
                    discount_tiers: non_empty(
                        c.discount_tiers
                            .iter()
                            .enumerate()
                            .map(|(t, tier)| {
                                let path = format!("{path}.discount_tiers[{t}]");
                                DiscountTier {
                                    up_to_usd: r
                                        .optional(&format!("{path}.up_to_usd"), &tier.up_to_usd),
                                    up_to: r.optional(&format!("{path}.up_to"), &tier.up_to),
                                    rate: r.required_rate(&format!("{path}.rate"), &tier.rate),
                                }
                            })
                            .collect(),
                    ),
                    loan_tiers: non_empty(
                        c.loan_tiers
                            .iter()
                            .enumerate()
                            .map(|(t, tier)| {
                                let path = format!("{path}.loan_tiers[{t}]");
                                LoanTier {
                                    up_to: r.optional(&format!("{path}.up_to"), &tier.up_to),
                                    leverage: r
                                        .required(&format!("{path}.leverage"), &tier.leverage),
                                    mmr: r.required_rate(&format!("{path}.mmr"), &tier.mmr),
                                }
                            })
                            .collect(),
                    ),
                    hourly_interest: r
                        .optional_rate(&format!("{path}.hourly_interest"), &c.hourly_interest),
                    interest_free: r.optional(&format!("{path}.interest_free"), &c.interest_free),
                }
            })
            .collect();
        let contracts = self
            .contracts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let path = format!("contracts[{i}]");
                Contract {
                    symbol: c.symbol.clone(),
                    base: Some(c.base.clone()),
                    settle: Some(c.settle.clone()),
                    mark_price: r.required(&format!("{path}.mark_price"), &c.mark_price),
                    leverage: r.required(&format!("{path}.leverage"), &c.leverage),
                    taker_fee: r.optional_rate(&format!("{path}.taker_fee"), &c.taker_fee),
                    liquidation_fee: r
                        .optional_rate(&format!("{path}.liquidation_fee"), &c.liquidation_fee),
                    mm_tiers: Some(
                        c.mm_tiers
                            .iter()
                            .enumerate()
                            .map(|(t, tier)| {
                                let path = format!("{path}.mm_tiers[{t}]");
                                MaintenanceTier {
                                    up_to_usd: r
                                        .optional(&format!("{path}.up_to_usd"), &tier.up_to_usd),
                                    mmr: r.required_rate(&format!("{path}.mmr"), &tier.mmr),
                                }
                            })
                            .collect(),
                    ),
                }
            })
            .collect();
        let positions = self
            .positions
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = format!("positions[{i}]");
                Position {
                    symbol: p.symbol.clone(),
                    side: r.position_side(&format!("{path}.side"), &p.side),
                    size: r.required(&format!("{path}.size"), &p.size),
                    entry_price: r.required(&format!("{path}.entry_price"), &p.entry_price),
                }
            })
            .collect();
        let orders = self
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| r.order(&format!("orders[{i}]"), o, false))
            .collect();
        let check = self.check.as_ref().map(|o| r.order("check", o, true));
        if r.errors.is_empty() {
            Ok(Scenario {
                format: SCENARIO_FORMAT.to_string(),
                settings,
                coins,
                contracts,
                positions,
                orders,
                check,
                market: None,
            })
        } else {
            Err(r.errors)
        }
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
        Some(b) if b > Decimal::ZERO => for_field(b * Decimal::TWO),
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
        let at = tiers.len() - 1;
        tiers.insert(at, tier);
    }
}

trait BoundedTier {
    fn bound_mut(&mut self) -> &mut String;
}

/// A list of tiers, or none when it is empty (FORMAT.md: no tiers is a field left out).
fn non_empty<T>(tiers: Vec<T>) -> Option<Vec<T>> {
    (!tiers.is_empty()).then_some(tiers)
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
        let was_last = i + 1 == tiers.len();
        tiers.remove(i);
        if was_last {
            if let Some(new_last) = tiers.last_mut() {
                bound(new_last).clear();
            }
        }
    }
}

/// Reads fields, keeping every error.
#[derive(Default)]
struct Reader {
    errors: Vec<FieldError>,
}

impl Reader {
    fn fail(&mut self, path: &str, kind: FieldProblem) {
        self.errors.push(FieldError {
            path: path.to_string(),
            kind,
        });
    }

    /// `text` in `field` (at `path`) is not one of its `choices`.
    fn not_a_choice(
        &mut self,
        path: &str,
        field: &'static str,
        text: &str,
        choices: [&'static str; 2],
    ) {
        let got = text.to_string();
        self.fail(
            path,
            FieldProblem::NotAChoice {
                field,
                got,
                choices,
            },
        );
    }

    fn required(&mut self, path: &str, text: &str) -> Decimal {
        parse_typed(text).unwrap_or_else(|error| {
            self.fail(path, FieldProblem::Entry(error));
            Decimal::ZERO
        })
    }

    fn optional(&mut self, path: &str, text: &str) -> Option<Decimal> {
        if text.trim().is_empty() {
            None
        } else {
            Some(self.required(path, text))
        }
    }

    /// A rate typed as a percentage, as its fraction.
    fn required_rate(&mut self, path: &str, text: &str) -> Decimal {
        parse_percent(text).unwrap_or_else(|error| {
            self.fail(path, FieldProblem::Entry(error));
            Decimal::ZERO
        })
    }

    fn optional_rate(&mut self, path: &str, text: &str) -> Option<Decimal> {
        if text.trim().is_empty() {
            None
        } else {
            Some(self.required_rate(path, text))
        }
    }

    fn position_side(&mut self, path: &str, text: &str) -> PositionSide {
        match text {
            "long" => PositionSide::Long,
            "short" => PositionSide::Short,
            other => {
                self.not_a_choice(path, "side", other, ["long", "short"]);
                PositionSide::Long
            }
        }
    }

    fn order(&mut self, path: &str, o: &OrderDraft, is_check: bool) -> Order {
        let market = match o.market.as_str() {
            "spot" => Market::Spot,
            "futures" => Market::Futures,
            other => {
                self.not_a_choice(
                    &format!("{path}.market"),
                    "market",
                    other,
                    ["spot", "futures"],
                );
                Market::Spot
            }
        };
        let side = match o.side.as_str() {
            "buy" => OrderSide::Buy,
            "sell" => OrderSide::Sell,
            other => {
                self.not_a_choice(&format!("{path}.side"), "side", other, ["buy", "sell"]);
                OrderSide::Buy
            }
        };
        let named = |text: &str| (!text.is_empty()).then(|| text.to_string());
        let futures = market == Market::Futures;
        Order {
            market,
            symbol: if futures { named(&o.symbol) } else { None },
            side,
            base: if futures { None } else { named(&o.base) },
            quote: if futures { None } else { named(&o.quote) },
            size: self.required(&format!("{path}.size"), &o.size),
            price: self.required(&format!("{path}.price"), &o.price),
            size_step: if is_check {
                self.optional(&format!("{path}.size_step"), &o.size_step)
            } else {
                None
            },
        }
    }
}

/// A coin's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CoinLayout {
    pub id: Id,
    pub discount: Vec<Id>,
    pub loan: Vec<Id>,
}

/// A contract's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContractLayout {
    pub id: Id,
    pub mm: Vec<Id>,
}

/// The ids of a draft's rows, in order: what the page's lists are keyed by, and how a
/// field's id becomes the engine's path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub coins: Vec<CoinLayout>,
    pub contracts: Vec<ContractLayout>,
    pub positions: Vec<Id>,
    pub orders: Vec<Id>,
    pub check: bool,
}

fn index(ids: &[Id], id: Id) -> Option<usize> {
    ids.iter().position(|x| *x == id)
}

impl Layout {
    fn coin(&self, id: Id) -> Option<(usize, &CoinLayout)> {
        self.coins.iter().enumerate().find(|(_, c)| c.id == id)
    }

    fn contract(&self, id: Id) -> Option<(usize, &ContractLayout)> {
        self.contracts.iter().enumerate().find(|(_, c)| c.id == id)
    }

    /// The ids of a list's rows.
    pub fn ids(&self, list: List) -> Vec<Id> {
        match list {
            List::Coins => self.coins.iter().map(|c| c.id).collect(),
            List::Discount(c) => self
                .coin(c)
                .map(|(_, c)| c.discount.clone())
                .unwrap_or_default(),
            List::Loan(c) => self
                .coin(c)
                .map(|(_, c)| c.loan.clone())
                .unwrap_or_default(),
            List::Contracts => self.contracts.iter().map(|c| c.id).collect(),
            List::Mm(c) => self
                .contract(c)
                .map(|(_, c)| c.mm.clone())
                .unwrap_or_default(),
            List::Positions => self.positions.clone(),
            List::Orders => self.orders.clone(),
        }
    }

    /// The path of a list (`coins[0].discount_tiers`).
    pub fn list_path(&self, list: List) -> Option<String> {
        Some(match list {
            List::Coins => "coins".into(),
            List::Discount(c) => format!("coins[{}].discount_tiers", self.coin(c)?.0),
            List::Loan(c) => format!("coins[{}].loan_tiers", self.coin(c)?.0),
            List::Contracts => "contracts".into(),
            List::Mm(c) => format!("contracts[{}].mm_tiers", self.contract(c)?.0),
            List::Positions => "positions".into(),
            List::Orders => "orders".into(),
        })
    }

    /// The path of a row (`coins[0].discount_tiers[1]`).
    pub fn row_path(&self, row: Row) -> Option<String> {
        Some(match row {
            Row::Coin(c) => format!("coins[{}]", self.coin(c)?.0),
            Row::Discount(c, t) => {
                let (i, coin) = self.coin(c)?;
                format!("coins[{i}].discount_tiers[{}]", index(&coin.discount, t)?)
            }
            Row::Loan(c, t) => {
                let (i, coin) = self.coin(c)?;
                format!("coins[{i}].loan_tiers[{}]", index(&coin.loan, t)?)
            }
            Row::Contract(c) => format!("contracts[{}]", self.contract(c)?.0),
            Row::Mm(c, t) => {
                let (i, contract) = self.contract(c)?;
                format!("contracts[{i}].mm_tiers[{}]", index(&contract.mm, t)?)
            }
            Row::Position(p) => format!("positions[{}]", index(&self.positions, p)?),
            Row::Order(o) => format!("orders[{}]", index(&self.orders, o)?),
            Row::Check => self.check.then(|| "check".to_string())?,
        })
    }

    /// The index of a row in its list.
    pub fn row_index(&self, row: Row) -> Option<usize> {
        match row {
            Row::Coin(c) => Some(self.coin(c)?.0),
            Row::Discount(c, t) => index(&self.coin(c)?.1.discount, t),
            Row::Loan(c, t) => index(&self.coin(c)?.1.loan, t),
            Row::Contract(c) => Some(self.contract(c)?.0),
            Row::Mm(c, t) => index(&self.contract(c)?.1.mm, t),
            Row::Position(p) => index(&self.positions, p),
            Row::Order(o) => index(&self.orders, o),
            Row::Check => self.check.then_some(0),
        }
    }

    /// The engine's path of a field (`coins[2].discount_tiers[1].rate`).
    pub fn path_of(&self, field: Field) -> Option<String> {
        let (row, name) = match field {
            Field::Setting(f) => return Some(format!("settings.{}", f.name())),
            Field::Coin(c, f) => (Row::Coin(c), f.name()),
            Field::Discount(c, t, f) => (Row::Discount(c, t), f.name()),
            Field::Loan(c, t, f) => (Row::Loan(c, t), f.name()),
            Field::Contract(c, f) => (Row::Contract(c), f.name()),
            Field::Mm(c, t, f) => (Row::Mm(c, t), f.name()),
            Field::Position(p, f) => (Row::Position(p), f.name()),
            Field::Order(o, f) => (Row::Order(o), f.name()),
            Field::Check(f) => (Row::Check, f.name()),
        };
        Some(format!("{}.{name}", self.row_path(row)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(name: &str) -> Scenario {
        let text = match name {
            "3" => include_str!("../../../tests/fixtures/seeds/seed-3-buy-dot.json"),
            _ => include_str!("../../../tests/fixtures/seeds/seed-1-btc-dot-collateral.json"),
        };
        unimargin::parse_scenario(text).unwrap()
    }

    #[test]
    fn a_scenario_round_trips_through_the_draft() {
        for name in ["1", "3"] {
            let scenario = seed(name);
            let draft = Draft::from_scenario(&scenario);
            let mut back = draft.to_scenario().unwrap();
            // USDT's own price and quote are left out: the settings price it.
            for coin in &mut back.coins {
                if coin.coin == "USDT" {
                    coin.price = Some(Decimal::ONE);
                    coin.quote = Some("USDT".into());
                }
            }
            assert_eq!(back, scenario, "seed {name}");
        }
        let draft = Draft::from_scenario(&seed("1"));
        assert_eq!(draft.coins[0].discount_tiers[0].up_to_usd, "1,000,000");
        assert_eq!(draft.coins[0].price, "50,000");
    }

    #[test]
    fn rates_are_typed_as_percentages_and_read_as_fractions() {
        let futures = unimargin::parse_scenario(include_str!(
            "../../../tests/fixtures/presets/futures-account.json"
        ))
        .unwrap();
        let mut draft = Draft::from_scenario(&futures);
        // the file's fractions, shown as percentages: 0.98, 0.05, 0.000002, 0.0006, 0.004
        let btc = &draft.coins[0];
        assert_eq!(btc.discount_tiers[0].rate, "98");
        assert_eq!(btc.loan_tiers[0].mmr, "5");
        assert_eq!(btc.hourly_interest, "0.0002");
        assert_eq!(draft.contracts[0].taker_fee, "0.06");
        assert_eq!(draft.contracts[0].mm_tiers[0].mmr, "0.4");
        assert_eq!(draft.settings.warning_rate, "80");
        assert_eq!(draft.settings.spot_taker_fee, "0.1");
        assert_eq!(draft.to_scenario().unwrap(), futures);
        // 97.5 typed is 0.975 in the scenario; a leverage is not a rate
        let (id, tier) = (draft.coins[0].id, draft.coins[0].discount_tiers[0].id);
        draft.set(
            Field::Discount(id, tier, DiscountField::Rate),
            "97.5 %".into(),
        );
        let scenario = draft.to_scenario().unwrap();
        assert_eq!(
            scenario.coins[0].discount_tiers.as_deref().unwrap()[0]
                .rate
                .to_string(),
            "0.975"
        );
        assert_eq!(scenario.contracts[0].leverage, Decimal::from(20));
        // every rate field is one of the texts a saved fraction is turned from
        assert_eq!(
            draft.rate_texts_mut().len(),
            3 + (2 + 2 + 1) + (3 + 2 + 1) + (1 + 2 + 1) + (2 + 6)
        );
    }

    #[test]
    fn every_field_that_does_not_parse_is_named_by_its_path() {
        let mut draft = Draft::from_scenario(&seed("3"));
        let (btc, dot) = (draft.coins[0].id, draft.coins[2].id);
        let dot_tier = draft.coins[2].discount_tiers[0].id;
        assert!(draft.set(Field::Coin(btc, CoinField::Balance), "1,5".into()));
        assert!(draft.set(
            Field::Discount(dot, dot_tier, DiscountField::Rate),
            "half".into()
        ));
        assert!(draft.set(Field::Check(OrderField::Size), "".into()));
        let errors = draft.to_scenario().unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "coins[0].balance",
                "coins[2].discount_tiers[0].rate",
                "check.size"
            ]
        );
        assert!(matches!(
            errors[0].kind,
            FieldProblem::Entry(EntryError::BadGrouping { .. })
        ));
        assert!(errors[0].message().contains("every three digits"));
        assert_eq!(errors[2].kind, FieldProblem::Entry(EntryError::Empty));
        assert_eq!(errors[2].message(), "enter a number");
    }

    #[test]
    fn typed_forms_of_one_number_give_the_same_scenario() {
        let mut draft = Draft::from_scenario(&seed("1"));
        let btc = draft.coins[0].id;
        let mut seen = Vec::new();
        for typed in ["50000", "50,000", "50 000"] {
            draft.set(Field::Coin(btc, CoinField::Price), typed.into());
            seen.push(draft.to_scenario().unwrap().coins[0].price);
        }
        assert_eq!(seen, vec![Some(Decimal::from(50000)); 3]);
    }

    #[test]
    fn paths_follow_rows_as_they_move() {
        let mut draft = Draft::from_scenario(&seed("3"));
        let dot = draft.coins[2].id;
        let tier = draft.coins[2].loan_tiers[0].id;
        let field = Field::Loan(dot, tier, LoanField::Mmr);
        assert_eq!(
            draft.layout().path_of(field).as_deref(),
            Some("coins[2].loan_tiers[0].mmr")
        );
        draft.remove(Row::Coin(draft.coins[0].id));
        assert_eq!(
            draft.layout().path_of(field).as_deref(),
            Some("coins[1].loan_tiers[0].mmr")
        );
        assert_eq!(draft.get(field), Some("10"));
        assert_eq!(
            draft
                .layout()
                .path_of(Field::Check(OrderField::Size))
                .as_deref(),
            Some("check.size")
        );
        draft.remove(Row::Check);
        assert_eq!(draft.layout().path_of(Field::Check(OrderField::Size)), None);
        assert!(!draft.set(Field::Check(OrderField::Size), "1".into()));
    }

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

    #[test]
    fn stablecoins_are_priced_by_the_settings_whatever_their_fields_hold() {
        let mut draft = Draft::from_scenario(&seed("3"));
        let usdt = draft.coins[1].id;
        draft.set(Field::Coin(usdt, CoinField::Price), "oops".into());
        draft.set(Field::Coin(usdt, CoinField::Quote), "BTC".into());
        let scenario = draft.to_scenario().unwrap();
        assert_eq!(scenario.coins[1].price, None);
        assert_eq!(scenario.coins[1].quote, None);
    }

    #[test]
    fn a_saved_draft_reads_back_with_fresh_ids() {
        let draft = Draft::from_scenario(&seed("3"));
        let text = serde_json::to_string(&draft).unwrap();
        let mut back: Draft = serde_json::from_str(&text).unwrap();
        back.renumber();
        assert_eq!(back, draft);
    }
}
