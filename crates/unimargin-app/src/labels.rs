//! Fields named as a person sees them on the page ("BTC balance", "BTCUSDT long position
//! size"), from the engine's paths (`coins[0].balance`, `positions[0].size`). The problems
//! at those fields are worded for the page by [`crate::wording`].
//!
//! The paths stay for tests (`data-testid`, `data-path`); people read these.

use crate::draft::{Choice, Draft};
use crate::number::parse_typed;
use unimargin::scenario::PositionSide;

/// A path's segments: `coins[0].discount_tiers[1].rate` → `coins` 0, `discount_tiers` 1,
/// `rate`.
fn segments(path: &str) -> Vec<(&str, Option<usize>)> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|segment| match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
            None => (segment, None),
        })
        .collect()
}

/// A field's own words, from its FORMAT.md name.
pub fn field_words(name: &str) -> &str {
    match name {
        "coin" => "name",
        "balance" => "balance",
        "price" => "price",
        "quote" => "quoted in",
        "hourly_interest" => "hourly interest",
        "interest_free" => "interest-free amount",
        "up_to_usd" => "up to (USD)",
        "up_to" => "debt up to",
        "rate" => "rate",
        "leverage" => "leverage",
        "mmr" => "MMR",
        "symbol" => "contract",
        "base" => "base coin",
        "settle" => "settle coin",
        "mark_price" => "mark price",
        "taker_fee" => "taker fee",
        "liquidation_fee" => "liquidation fee",
        "side" => "side",
        "size" => "size",
        "entry_price" => "entry price",
        "market" => "market",
        "size_step" => "size step",
        "usdt_usd" => "USDT/USD index price",
        "usdc_usd" => "USDC/USD index price",
        "spot_taker_fee" => "spot taker fee",
        "warning_rate" => "warning rate",
        "liquidation_rate" => "liquidation rate",
        "discount_tiers" => "discount tiers",
        "loan_tiers" => "borrowing tiers",
        "mm_tiers" => "position tiers",
        other => other,
    }
}

/// What a list's row is called (`discount tier 2`).
fn tier_words(list: &str) -> &str {
    match list {
        "discount_tiers" => "discount tier",
        "loan_tiers" => "borrowing tier",
        "mm_tiers" => "position tier",
        other => other,
    }
}

/// A row's number as people read it, counted from 1 (an index of a list that fits in
/// memory is far below `usize::MAX`, so this never saturates).
pub fn ordinal(index: usize) -> usize {
    index.saturating_add(1)
}

fn or_numbered(name: &str, what: &str, index: usize) -> String {
    if name.trim().is_empty() {
        format!("{what} {}", ordinal(index))
    } else {
        name.to_string()
    }
}

/// A coin's row, by its name: `BTC` (`coin 2` while it has none).
pub fn coin_label(draft: &Draft, index: usize) -> String {
    let name = draft.coins.get(index).map_or("", |c| c.coin.as_str());
    or_numbered(name, "coin", index)
}

/// A contract's row, by its symbol.
pub fn contract_label(draft: &Draft, index: usize) -> String {
    let name = draft.contracts.get(index).map_or("", |c| c.symbol.as_str());
    or_numbered(name, "contract", index)
}

/// A position's row: `BTCUSDT long position`, numbered when the account holds more than
/// one of that contract and side (`BTCUSDT long position 2`).
pub fn position_label(draft: &Draft, index: usize) -> String {
    let Some(p) = draft.positions.get(index) else {
        return format!("position {}", ordinal(index));
    };
    let same = |q: &&crate::draft::PositionDraft| q.symbol == p.symbol && q.side == p.side;
    let symbol = or_numbered(&p.symbol, "contract", index);
    let base = format!("{symbol} {} position", p.side.name());
    if draft.positions.iter().filter(same).count() > 1 {
        let before = draft.positions.get(..index).unwrap_or_default();
        let rank = ordinal(before.iter().filter(same).count());
        format!("{base} {rank}")
    } else {
        base
    }
}

/// A pending order's row: `pending order 2 (sell BTCUSDT)`, `pending order 1 (buy BTC with
/// USDT)`.
pub fn order_label(draft: &Draft, index: usize) -> String {
    let what = draft.orders.get(index).map(order_words).unwrap_or_default();
    format!("pending order {}{what}", ordinal(index))
}

fn order_words(o: &crate::draft::OrderDraft) -> String {
    if o.is_futures() {
        format!(" ({} {})", o.side.name(), o.symbol)
    } else {
        format!(" ({} {} with {})", o.side.name(), o.base, o.quote)
    }
}

/// Every row's name at once (what inputs' accessible names start with): coins, contracts,
/// positions and pending orders, in the draft's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowNames {
    pub coins: Vec<String>,
    pub contracts: Vec<String>,
    pub positions: Vec<String>,
    pub orders: Vec<String>,
}

/// The names of every row of a draft (positions numbered where twins share a name, in one
/// pass however many there are).
pub fn row_names(draft: &Draft) -> RowNames {
    use std::collections::HashMap;
    let mut twins: HashMap<(&str, PositionSide), usize> = HashMap::new();
    for p in &draft.positions {
        let twin = twins.entry((&p.symbol, p.side)).or_default();
        *twin = ordinal(*twin);
    }
    let mut seen: HashMap<(&str, PositionSide), usize> = HashMap::new();
    let positions = draft
        .positions
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let key = (p.symbol.as_str(), p.side);
            let rank = seen.entry(key).or_default();
            *rank = ordinal(*rank);
            let base = format!(
                "{} {} position",
                or_numbered(&p.symbol, "contract", i),
                p.side.name()
            );
            if twins.get(&key).is_some_and(|n| *n > 1) {
                format!("{base} {rank}")
            } else {
                base
            }
        })
        .collect();
    RowNames {
        coins: (0..draft.coins.len())
            .map(|i| coin_label(draft, i))
            .collect(),
        contracts: (0..draft.contracts.len())
            .map(|i| contract_label(draft, i))
            .collect(),
        positions,
        orders: (0..draft.orders.len())
            .map(|i| order_label(draft, i))
            .collect(),
    }
}

/// What a coin's exchange tables hold, in a few words for the line that stands for them
/// while they are folded: "counts at 98 %, then 97 % · can be borrowed · interest 0.0002 %
/// an hour". Read from the fields as typed.
pub fn coin_tables_summary(coin: &crate::draft::CoinDraft) -> String {
    let rates: Vec<&str> = coin.discount_tiers.iter().map(|t| t.rate.trim()).collect();
    let mut parts = vec![match rates[..] {
        [] => "counts for nothing (no discount tiers)".to_string(),
        [one] => format!("counts at {one} %"),
        [first, .., last] => format!("counts at {first} %, then down to {last} %"),
    }];
    parts.push(match coin.loan_tiers.first() {
        None => "cannot be borrowed".into(),
        Some(t) => format!("can be borrowed at {}×", t.leverage.trim()),
    });
    let interest = coin.hourly_interest.trim();
    if !interest.is_empty() && parse_typed(interest).is_ok_and(|r| !r.is_zero()) {
        parts.push(format!("interest {interest} % an hour"));
    }
    parts.join(" · ")
}

/// The same for a contract's: "taker fee 0.06 % · MMR from 0.4 %".
pub fn contract_tables_summary(contract: &crate::draft::ContractDraft) -> String {
    let fee = match contract.taker_fee.trim() {
        "" => "0".to_string(),
        fee => fee.to_string(),
    };
    let mut parts = vec![format!("taker fee {fee} %")];
    match &contract.mm_tiers[..] {
        [] => parts.push("no position tiers".into()),
        [one] => parts.push(format!("MMR {} %", one.mmr.trim())),
        [first, ..] => parts.push(format!("MMR from {} %", first.mmr.trim())),
    }
    parts.join(" · ")
}

/// The name of a path's field or row as a person sees it on the page, first letter
/// capitalised: `coins[0].balance` → "BTC balance".
pub fn field_label(draft: &Draft, path: &str) -> String {
    capitalised(&label_words(draft, path))
}

fn label_words(draft: &Draft, path: &str) -> String {
    let parts = segments(path);
    let row = match parts.first() {
        None => return "the account".into(),
        Some(("settings", _)) => {
            return match parts.get(1) {
                Some((field, _)) => field_words(field).to_string(),
                None => "the settings".into(),
            }
        }
        Some(("coins", Some(i))) => coin_label(draft, *i),
        Some(("contracts", Some(i))) => contract_label(draft, *i),
        Some(("positions", Some(i))) => position_label(draft, *i),
        Some(("orders", Some(i))) => order_label(draft, *i),
        Some(("check", _)) => "checked order".into(),
        Some((list, None)) => return field_words(list).to_string(),
        Some((other, Some(i))) => format!("{other} {}", ordinal(*i)),
    };
    let list = parts.first().map_or("", |p| p.0);
    let mut words = vec![row];
    for (name, index) in parts.get(1..).unwrap_or_default() {
        match (index, list, *name) {
            (Some(i), _, _) => words.push(format!("{} {}", tier_words(name), ordinal(*i))),
            (None, "orders" | "check", "price") => words.push("limit price".into()),
            (None, "contracts", "symbol") => words.push("symbol".into()),
            (None, _, _) => words.push(field_words(name).to_string()),
        }
    }
    words.join(" ")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn futures() -> Draft {
        let scenario = unimargin::parse_scenario(include_str!(
            "../../../tests/fixtures/presets/futures-account.json"
        ))
        .unwrap();
        Draft::from_scenario(&scenario)
    }

    #[test]
    fn fields_are_named_as_the_page_shows_them() {
        let draft = futures();
        let table = [
            ("coins[0].balance", "BTC balance"),
            ("coins[2].price", "USDT price"),
            (
                "coins[1].discount_tiers[1].rate",
                "ETH discount tier 2 rate",
            ),
            (
                "coins[0].discount_tiers[0].up_to_usd",
                "BTC discount tier 1 up to (USD)",
            ),
            (
                "coins[2].loan_tiers[0].up_to",
                "USDT borrowing tier 1 debt up to",
            ),
            ("coins[2].loan_tiers[1].mmr", "USDT borrowing tier 2 MMR"),
            ("coins[0].loan_tiers", "BTC borrowing tiers"),
            ("coins[1]", "ETH"),
            ("contracts[0].leverage", "BTCUSDT leverage"),
            (
                "contracts[0].mm_tiers[5].mmr",
                "BTCUSDT position tier 6 MMR",
            ),
            ("positions[0].size", "BTCUSDT long position size"),
            (
                "positions[1].entry_price",
                "BTCUSDT short position entry price",
            ),
            (
                "orders[0].price",
                "Pending order 1 (buy BTC with USDT) limit price",
            ),
            ("contracts[0].symbol", "BTCUSDT symbol"),
            ("positions[0].symbol", "BTCUSDT long position contract"),
            ("orders[1].size", "Pending order 2 (sell BTCUSDT) size"),
            ("check.size", "Checked order size"),
            ("check.size_step", "Checked order size step"),
            ("settings.warning_rate", "Warning rate"),
            ("settings.usdt_usd", "USDT/USD index price"),
            ("", "The account"),
            ("coins", "Coins"),
        ];
        for (path, label) in table {
            assert_eq!(field_label(&draft, path), label, "{path}");
        }
    }

    #[test]
    fn rows_without_a_name_are_numbered_and_twins_are_told_apart() {
        let mut draft = futures();
        draft.coins[1].coin = String::new();
        assert_eq!(field_label(&draft, "coins[1].balance"), "Coin 2 balance");
        draft.positions[1].side = PositionSide::Long;
        assert_eq!(
            field_label(&draft, "positions[0].size"),
            "BTCUSDT long position 1 size"
        );
        assert_eq!(
            field_label(&draft, "positions[1].size"),
            "BTCUSDT long position 2 size"
        );
        // a row gone since (a stale path) still gets words, never a panic
        assert_eq!(field_label(&draft, "positions[7].size"), "Position 8 size");
    }

    #[test]
    fn row_names_are_those_of_the_labels() {
        let mut draft = futures();
        draft.positions.push(draft.positions[0].clone());
        let names = row_names(&draft);
        assert_eq!(names.coins, ["BTC", "ETH", "USDT"]);
        assert_eq!(names.contracts, ["BTCUSDT"]);
        assert_eq!(
            names.positions,
            [
                "BTCUSDT long position 1",
                "BTCUSDT short position",
                "BTCUSDT long position 2"
            ]
        );
        for (i, name) in names.positions.iter().enumerate() {
            assert_eq!(*name, position_label(&draft, i));
        }
        assert_eq!(
            names.orders,
            [
                "pending order 1 (buy BTC with USDT)",
                "pending order 2 (sell BTCUSDT)"
            ]
        );
    }

    #[test]
    fn folded_tables_say_what_they_hold() {
        let mut draft = futures();
        assert_eq!(
            coin_tables_summary(&draft.coins[0]),
            "counts at 98 %, then down to 97 % · can be borrowed at 10× · interest 0.0002 % an hour"
        );
        assert_eq!(
            coin_tables_summary(&draft.coins[2]),
            "counts at 100 % · can be borrowed at 10× · interest 0.00035 % an hour"
        );
        draft.coins[0].discount_tiers.clear();
        draft.coins[0].loan_tiers.clear();
        draft.coins[0].hourly_interest.clear();
        assert_eq!(
            coin_tables_summary(&draft.coins[0]),
            "counts for nothing (no discount tiers) · cannot be borrowed"
        );
        assert_eq!(
            contract_tables_summary(&draft.contracts[0]),
            "taker fee 0.06 % · MMR from 0.4 %"
        );
    }
}
