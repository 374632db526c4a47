//! The form's selects, typed: a field whose value is one of fixed choices (an order's
//! market and side, a position's side, a coin's quote, the position mode) holds that value,
//! never a text that might be another. Each is written by its FORMAT.md name, in saved
//! work as in the page's `<select>`, so work saved when they were strings reads the same.

use serde::{Deserialize, Deserializer, Serializer};
use unimargin::scenario::{Market, OrderSide, PositionMode, PositionSide};

/// A value chosen among fixed ones, known by its FORMAT.md name.
pub trait Choice: Copy + PartialEq + Sized + 'static {
    /// Every value.
    const ALL: &'static [Self];

    /// Its name: in FORMAT.md, in saved work and as the `value` of its `<option>`.
    fn name(self) -> &'static str;

    /// The value of that name (`None`: not one of them).
    fn named(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl Choice for Market {
    const ALL: &'static [Market] = &[Market::Spot, Market::Futures];

    fn name(self) -> &'static str {
        match self {
            Market::Spot => "spot",
            Market::Futures => "futures",
        }
    }
}

impl Choice for OrderSide {
    const ALL: &'static [OrderSide] = &[OrderSide::Buy, OrderSide::Sell];

    fn name(self) -> &'static str {
        match self {
            OrderSide::Buy => "buy",
            OrderSide::Sell => "sell",
        }
    }
}

impl Choice for PositionSide {
    const ALL: &'static [PositionSide] = &[PositionSide::Long, PositionSide::Short];

    fn name(self) -> &'static str {
        match self {
            PositionSide::Long => "long",
            PositionSide::Short => "short",
        }
    }
}

/// What a coin's price is quoted in (FORMAT.md `coins[].quote`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoinQuote {
    Usd,
    Usdt,
    Usdc,
    Btc,
}

impl CoinQuote {
    pub fn name(self) -> &'static str {
        match self {
            CoinQuote::Usd => "USD",
            CoinQuote::Usdt => "USDT",
            CoinQuote::Usdc => "USDC",
            CoinQuote::Btc => "BTC",
        }
    }
}

/// A coin's quote, or none given (`""`: USD, or a stablecoin itself, as FORMAT.md says).
impl Choice for Option<CoinQuote> {
    const ALL: &'static [Option<CoinQuote>] = &[
        None,
        Some(CoinQuote::Usd),
        Some(CoinQuote::Usdt),
        Some(CoinQuote::Usdc),
        Some(CoinQuote::Btc),
    ];

    fn name(self) -> &'static str {
        self.map_or("", CoinQuote::name)
    }
}

/// The position mode (RULES §12), or none given (`""`: hedge, the engine's default).
impl Choice for Option<PositionMode> {
    const ALL: &'static [Option<PositionMode>] =
        &[None, Some(PositionMode::Hedge), Some(PositionMode::OneWay)];

    fn name(self) -> &'static str {
        match self {
            None => "",
            Some(PositionMode::Hedge) => "hedge",
            Some(PositionMode::OneWay) => "one_way",
        }
    }
}

/// Serde for a choice, by its name (`#[serde(with = "by_name")]`): any other text is an
/// error naming the choices, so saved work holding one is kept aside as unreadable.
pub mod by_name {
    use super::*;

    pub fn serialize<C: Choice, S: Serializer>(
        value: &C,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.name())
    }

    pub fn deserialize<'de, C: Choice, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<C, D::Error> {
        let text = String::deserialize(deserializer)?;
        C::named(&text).ok_or_else(|| {
            let names: Vec<&str> = C::ALL.iter().map(|c| c.name()).collect();
            serde::de::Error::custom(format!("\"{text}\" is not one of {names:?}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value's name reads back as that value, and no two share a name.
    fn names_read_back<C: Choice + std::fmt::Debug>() {
        for c in C::ALL {
            assert_eq!(C::named(c.name()), Some(*c), "{c:?}");
        }
        assert_eq!(C::named("no such name"), None);
    }

    #[test]
    fn every_choice_reads_back_from_its_name() {
        names_read_back::<Market>();
        names_read_back::<OrderSide>();
        names_read_back::<PositionSide>();
        names_read_back::<Option<CoinQuote>>();
        names_read_back::<Option<PositionMode>>();
    }

    #[test]
    fn the_names_are_the_engines() {
        // FORMAT.md's names, as the engine writes a scenario: the draft saves the same text
        let engine = |value: serde_json::Value| value.as_str().unwrap().to_string();
        for m in Market::ALL {
            assert_eq!(engine(serde_json::to_value(m).unwrap()), m.name());
        }
        for s in OrderSide::ALL {
            assert_eq!(engine(serde_json::to_value(s).unwrap()), s.name());
        }
        for s in PositionSide::ALL {
            assert_eq!(engine(serde_json::to_value(s).unwrap()), s.name());
        }
        for mode in Option::<PositionMode>::ALL.iter().flatten() {
            assert_eq!(
                engine(serde_json::to_value(mode).unwrap()),
                Some(*mode).name()
            );
        }
        // a coin's quote is text in the scenario: FORMAT.md's four names
        let quotes: Vec<&str> = Option::<CoinQuote>::ALL.iter().map(|q| q.name()).collect();
        assert_eq!(quotes, ["", "USD", "USDT", "USDC", "BTC"]);
    }
}
