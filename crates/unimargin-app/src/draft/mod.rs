//! The editable form: every field kept as the text the person typed, so a half-typed or
//! wrong value survives (and is saved) until it is fixed.
//!
//! A [`Draft`] mirrors FORMAT.md's scenario with strings for every value and an [`Id`] for
//! every row, so rows can be added and removed while the page keeps its inputs.
//! [`Draft::to_scenario`] reads it back, naming each field that does not parse by the
//! engine's own path (`coins[2].discount_tiers[1].rate`).
//!
//! Rates (discount rates, MMRs, fees, interest, the risk thresholds) are typed as
//! percentages (`98`, `0.06`) and read into FORMAT.md's fractions. A select's field holds
//! the value chosen, typed ([`choice`]).
//!
//! The module's parts: the rows and fields here; [`choice`] (the selects' values),
//! [`convert`] (a scenario into the form and the form read back as one), [`rows`] (rows
//! added and removed), [`layout`] (the rows' ids and the engine's paths they have now).

mod choice;
mod convert;
mod layout;
mod rows;

use choice::by_name;
pub use choice::{Choice, CoinQuote};
pub use layout::{CoinLayout, ContractLayout, Layout};

use crate::number::EntryError;
use serde::{Deserialize, Serialize};
#[cfg(test)]
use unimargin::scenario::Scenario;
use unimargin::scenario::{Market, MarketReference, OrderSide, PositionMode, PositionSide};

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
/// the what-if price). `Display` is the English sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    /// A rule of the engine broken.
    #[error("{0}")]
    Engine(unimargin::ErrorKind),
    /// A number typed that cannot be read.
    #[error("{0}")]
    Entry(EntryError),
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

/// Generates, for a row type, the access to its fields by a field enum whose
/// [`name`](SettingField::name) is the FORMAT.md field name: text fields, kept as typed,
/// then the `choices`, typed ([`Choice`]) and read or set by their names (a `<select>`'s).
macro_rules! fields {
    ($row:ty, $field:ident { $($variant:ident => $name:ident),* $(,)? }
        $(choices { $($choice:ident => $choice_name:ident),* $(,)? })?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $field { $($variant,)* $($($choice,)*)? }

        impl $field {
            /// The field's name in FORMAT.md (the last segment of its path).
            pub fn name(self) -> &'static str {
                match self {
                    $($field::$variant => stringify!($name),)*
                    $($($field::$choice => stringify!($choice_name),)*)?
                }
            }
        }

        impl $row {
            /// The field's text as typed, or the name of the value chosen.
            pub fn get(&self, field: $field) -> &str {
                match field {
                    $($field::$variant => &self.$name,)*
                    $($($field::$choice => Choice::name(self.$choice_name),)*)?
                }
            }

            /// Sets a field's text; a choice only to the value of one of its names (false,
            /// and nothing changed, for any other text).
            pub fn set(&mut self, field: $field, text: String) -> bool {
                match field {
                    $($field::$variant => {
                        self.$name = text;
                        true
                    })*
                    $($($field::$choice => match Choice::named(&text) {
                        Some(value) => {
                            self.$choice_name = value;
                            true
                        }
                        None => false,
                    },)*)?
                }
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
    /// Kept from a scenario that gives it (not yet a field of the page); saved only then, so
    /// work without it is saved as before.
    #[serde(with = "by_name", skip_serializing_if = "Option::is_none")]
    pub position_mode: Option<PositionMode>,
}

fields!(SettingsDraft, SettingField {
    UsdtUsd => usdt_usd,
    UsdcUsd => usdc_usd,
    SpotTakerFee => spot_taker_fee,
    WarningRate => warning_rate,
    LiquidationRate => liquidation_rate,
} choices {
    PositionMode => position_mode,
});

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiscountTierDraft {
    #[serde(skip)]
    pub id: Id,
    pub up_to_usd: String,
    /// A bound in coin units (RULES §3), kept as imported: not yet a field of the form.
    /// Saved only when there is one, so work without it is saved as before.
    #[serde(skip_serializing_if = "String::is_empty")]
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
    /// `None` (saved as `""`): USD, the default.
    #[serde(with = "by_name")]
    pub quote: Option<CoinQuote>,
    pub discount_tiers: Vec<DiscountTierDraft>,
    pub loan_tiers: Vec<LoanTierDraft>,
    pub hourly_interest: String,
    pub interest_free: String,
}

fields!(CoinDraft, CoinField {
    Coin => coin,
    Balance => balance,
    Price => price,
    HourlyInterest => hourly_interest,
    InterestFree => interest_free,
} choices {
    Quote => quote,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PositionDraft {
    #[serde(skip)]
    pub id: Id,
    pub symbol: String,
    #[serde(with = "by_name")]
    pub side: PositionSide,
    pub size: String,
    pub entry_price: String,
}

/// Empty, long (the select's first choice).
impl Default for PositionDraft {
    fn default() -> Self {
        PositionDraft {
            id: 0,
            symbol: String::new(),
            side: PositionSide::Long,
            size: String::new(),
            entry_price: String::new(),
        }
    }
}

fields!(PositionDraft, PositionField {
    Symbol => symbol,
    Size => size,
    EntryPrice => entry_price,
} choices {
    Side => side,
});

/// A pending order, or the order to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderDraft {
    #[serde(skip)]
    pub id: Id,
    #[serde(with = "by_name")]
    pub market: Market,
    /// Futures only.
    pub symbol: String,
    #[serde(with = "by_name")]
    pub side: OrderSide,
    /// Spot only.
    pub base: String,
    /// Spot only.
    pub quote: String,
    pub size: String,
    pub price: String,
    /// The check only.
    pub size_step: String,
}

/// Empty, a spot buy (the selects' first choices).
impl Default for OrderDraft {
    fn default() -> Self {
        OrderDraft {
            id: 0,
            market: Market::Spot,
            symbol: String::new(),
            side: OrderSide::Buy,
            base: String::new(),
            quote: String::new(),
            size: String::new(),
            price: String::new(),
            size_step: String::new(),
        }
    }
}

fields!(OrderDraft, OrderField {
    Symbol => symbol,
    Base => base,
    Quote => quote,
    Size => size,
    Price => price,
    SizeStep => size_step,
} choices {
    Market => market,
    Side => side,
});

impl OrderDraft {
    pub fn is_futures(&self) -> bool {
        self.market == Market::Futures
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
    /// The market whose tables fill what the form leaves out (MARKET.md): a draft started
    /// on the page with a market loaded names it; presets, examples and complete scenarios
    /// name none and keep their own tables. Saved only when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market: Option<MarketReference>,
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
        // one id per row ever added: 2^32 rows would not fit in a browser's memory
        self.next_id = self.next_id.saturating_add(1);
        self.next_id
    }

    /// Gives every row a fresh id (after loading a draft, whose ids are not saved).
    pub fn renumber(&mut self) {
        let mut next: Id = 0;
        let mut id = || {
            next = next.saturating_add(1);
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

    /// Sets the text of a field (a select's: the name of its choice); false if the row is
    /// gone, or the text names none of the select's choices.
    pub fn set(&mut self, field: Field, text: String) -> bool {
        match field {
            Field::Setting(f) => self.settings.set(f, text),
            Field::Coin(c, f) => self.coin_mut(c).is_some_and(|x| x.set(f, text)),
            Field::Discount(c, t, f) => self
                .coin_mut(c)
                .and_then(|x| x.discount_tiers.iter_mut().find(|x| x.id == t))
                .is_some_and(|x| x.set(f, text)),
            Field::Loan(c, t, f) => self
                .coin_mut(c)
                .and_then(|x| x.loan_tiers.iter_mut().find(|x| x.id == t))
                .is_some_and(|x| x.set(f, text)),
            Field::Contract(c, f) => self.contract_mut(c).is_some_and(|x| x.set(f, text)),
            Field::Mm(c, t, f) => self
                .contract_mut(c)
                .and_then(|x| x.mm_tiers.iter_mut().find(|x| x.id == t))
                .is_some_and(|x| x.set(f, text)),
            Field::Position(p, f) => self
                .positions
                .iter_mut()
                .find(|x| x.id == p)
                .is_some_and(|x| x.set(f, text)),
            Field::Order(o, f) => self
                .orders
                .iter_mut()
                .find(|x| x.id == o)
                .is_some_and(|x| x.set(f, text)),
            Field::Check(f) => self.check.as_mut().is_some_and(|x| x.set(f, text)),
        }
    }

    /// Whether the draft holds no row yet (a first visit).
    pub fn is_empty(&self) -> bool {
        self.coins.is_empty()
            && self.contracts.is_empty()
            && self.positions.is_empty()
            && self.orders.is_empty()
            && self.check.is_none()
    }

    /// The order a field belongs to (a pending one, or the order to check).
    pub fn order_of(&self, field: Field) -> Option<&OrderDraft> {
        match field {
            Field::Order(o, _) => self.orders.iter().find(|x| x.id == o),
            Field::Check(_) => self.check.as_ref(),
            _ => None,
        }
    }
}

/// A seed scenario for the tests (`"3"`: buy DOT; else BTC and DOT as collateral).
#[cfg(test)]
fn seed(name: &str) -> Scenario {
    let text = match name {
        "3" => include_str!("../../../../tests/fixtures/seeds/seed-3-buy-dot.json"),
        _ => include_str!("../../../../tests/fixtures/seeds/seed-1-btc-dot-collateral.json"),
    };
    unimargin::parse_scenario(text).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

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
