//! Fields named as a person sees them on the page ("BTC balance", "BTCUSDT long position
//! size"), from the engine's paths (`coins[0].balance`, `positions[0].size`). The problems
//! at those fields are worded for the page by [`crate::wording`].
//!
//! The paths stay for tests (`data-testid`, `data-path`); people read these.

use crate::draft::Draft;
use crate::entry::for_input;
use crate::i18n::{td_string, Locale};
use crate::number::parse_typed;
use unimargin::scenario::{OrderSide, PositionSide};

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

/// A field's own words in English, from its FORMAT.md name ([`field_words_in`]).
pub fn field_words(name: &str) -> &str {
    field_words_in(name, Locale::en)
}

/// A field's own words in `locale`, from its FORMAT.md name.
pub fn field_words_in(name: &str, locale: Locale) -> &str {
    match name {
        "coin" => td_string!(locale, ui.field.coin),
        "balance" => td_string!(locale, ui.field.balance),
        "price" => td_string!(locale, ui.field.price),
        "quote" => td_string!(locale, ui.field.quote),
        "hourly_interest" => td_string!(locale, ui.field.hourly_interest),
        "interest_free" => td_string!(locale, ui.field.interest_free),
        "up_to_usd" => td_string!(locale, ui.field.up_to_usd),
        "up_to" => td_string!(locale, ui.field.up_to),
        "rate" => td_string!(locale, ui.field.rate),
        "leverage" => td_string!(locale, ui.field.leverage),
        "mmr" => td_string!(locale, ui.field.mmr),
        "symbol" => td_string!(locale, ui.field.symbol),
        "base" => td_string!(locale, ui.field.base),
        "settle" => td_string!(locale, ui.field.settle),
        "mark_price" => td_string!(locale, ui.field.mark_price),
        "taker_fee" => td_string!(locale, ui.field.taker_fee),
        "liquidation_fee" => td_string!(locale, ui.field.liquidation_fee),
        "side" => td_string!(locale, ui.field.side),
        "size" => td_string!(locale, ui.field.size),
        "entry_price" => td_string!(locale, ui.field.entry_price),
        "market" => td_string!(locale, ui.field.market),
        "size_step" => td_string!(locale, ui.field.size_step),
        "usdt_usd" => td_string!(locale, ui.field.usdt_usd),
        "usdc_usd" => td_string!(locale, ui.field.usdc_usd),
        "spot_taker_fee" => td_string!(locale, ui.field.spot_taker_fee),
        "warning_rate" => td_string!(locale, ui.field.warning_rate),
        "liquidation_rate" => td_string!(locale, ui.field.liquidation_rate),
        "discount_tiers" => td_string!(locale, ui.field.discount_tiers),
        "loan_tiers" => td_string!(locale, ui.field.loan_tiers),
        "mm_tiers" => td_string!(locale, ui.field.mm_tiers),
        other => other,
    }
}

/// What a list's row is called, numbered (`discount tier 2`).
fn tier_words(list: &str, n: usize, locale: Locale) -> String {
    match list {
        "discount_tiers" => td_string!(locale, ui.rows.discount_tier, n),
        "loan_tiers" => td_string!(locale, ui.rows.borrowing_tier, n),
        "mm_tiers" => td_string!(locale, ui.rows.position_tier, n),
        other => format!("{other} {n}"),
    }
}

/// A position's side as its row's name says it.
fn position_side(side: PositionSide, locale: Locale) -> &'static str {
    match side {
        PositionSide::Long => td_string!(locale, ui.rows.long),
        PositionSide::Short => td_string!(locale, ui.rows.short),
    }
}

/// A row's number as people read it, counted from 1 (an index of a list that fits in
/// memory is far below `usize::MAX`, so this never saturates).
pub fn ordinal(index: usize) -> usize {
    index.saturating_add(1)
}

/// A row's name, or `what` numbered while it has none.
fn or_numbered(
    name: &str,
    what: fn(usize, Locale) -> String,
    index: usize,
    locale: Locale,
) -> String {
    if name.trim().is_empty() {
        what(ordinal(index), locale)
    } else {
        name.to_string()
    }
}

fn coin_n(n: usize, locale: Locale) -> String {
    td_string!(locale, ui.rows.coin_n, n)
}

fn contract_n(n: usize, locale: Locale) -> String {
    td_string!(locale, ui.rows.contract_n, n)
}

/// A position's base name: `BTCUSDT long position`.
fn position_words(symbol: &str, side: PositionSide, index: usize, locale: Locale) -> String {
    let symbol = or_numbered(symbol, contract_n, index, locale);
    let side = position_side(side, locale);
    td_string!(locale, ui.rows.position, symbol, side)
}

/// A coin's row, by its name: `BTC` (`coin 2` while it has none).
pub fn coin_label(draft: &Draft, index: usize, locale: Locale) -> String {
    let name = draft.coins.get(index).map_or("", |c| c.coin.as_str());
    or_numbered(name, coin_n, index, locale)
}

/// A contract's row, by its symbol.
pub fn contract_label(draft: &Draft, index: usize, locale: Locale) -> String {
    let name = draft.contracts.get(index).map_or("", |c| c.symbol.as_str());
    or_numbered(name, contract_n, index, locale)
}

/// A position's row: `BTCUSDT long position`, numbered when the account holds more than
/// one of that contract and side (`BTCUSDT long position 2`).
pub fn position_label(draft: &Draft, index: usize, locale: Locale) -> String {
    let Some(p) = draft.positions.get(index) else {
        return td_string!(locale, ui.rows.position_n, n = ordinal(index));
    };
    let same = |q: &&crate::draft::PositionDraft| q.symbol == p.symbol && q.side == p.side;
    let base = position_words(&p.symbol, p.side, index, locale);
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
pub fn order_label(draft: &Draft, index: usize, locale: Locale) -> String {
    let what = draft
        .orders
        .get(index)
        .map(|o| order_words(o, locale))
        .unwrap_or_default();
    td_string!(locale, ui.rows.order, n = ordinal(index), what)
}

fn order_words(o: &crate::draft::OrderDraft, locale: Locale) -> String {
    let side = match o.side {
        OrderSide::Buy => td_string!(locale, ui.rows.buy),
        OrderSide::Sell => td_string!(locale, ui.rows.sell),
    };
    if o.is_futures() {
        td_string!(
            locale,
            ui.rows.order_futures,
            side,
            symbol = o.symbol.as_str()
        )
    } else {
        td_string!(
            locale,
            ui.rows.order_spot,
            side,
            base = o.base.as_str(),
            quote = o.quote.as_str()
        )
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
pub fn row_names(draft: &Draft, locale: Locale) -> RowNames {
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
            let base = position_words(&p.symbol, p.side, i, locale);
            if twins.get(&key).is_some_and(|n| *n > 1) {
                format!("{base} {rank}")
            } else {
                base
            }
        })
        .collect();
    RowNames {
        coins: (0..draft.coins.len())
            .map(|i| coin_label(draft, i, locale))
            .collect(),
        contracts: (0..draft.contracts.len())
            .map(|i| contract_label(draft, i, locale))
            .collect(),
        positions,
        orders: (0..draft.orders.len())
            .map(|i| order_label(draft, i, locale))
            .collect(),
    }
}

/// What a coin's exchange tables hold, in a few words for the line that stands for them
/// while they are folded: "counts at 98 %, then 97 % · can be borrowed · interest 0.0002 %
/// an hour". Read from the fields as typed.
pub fn coin_tables_summary(coin: &crate::draft::CoinDraft, locale: Locale) -> String {
    let typed = |text: &str| for_input(text.trim(), locale);
    let rates: Vec<String> = coin.discount_tiers.iter().map(|t| typed(&t.rate)).collect();
    let mut parts = vec![match &rates[..] {
        [] => td_string!(locale, ui.rows.counts_nothing).to_string(),
        [one] => td_string!(locale, ui.rows.counts_at, rate = one.as_str()),
        [first, .., last] => td_string!(
            locale,
            ui.rows.counts_at_then,
            first = first.as_str(),
            last = last.as_str()
        ),
    }];
    parts.push(match coin.loan_tiers.first() {
        None => td_string!(locale, ui.rows.cannot_borrow).into(),
        Some(t) => td_string!(locale, ui.rows.can_borrow, leverage = typed(&t.leverage)),
    });
    let interest = coin.hourly_interest.trim();
    if !interest.is_empty() && parse_typed(interest).is_ok_and(|r| !r.is_zero()) {
        parts.push(td_string!(locale, ui.rows.interest, rate = typed(interest)));
    }
    parts.join(" · ")
}

/// The same for a contract's: "taker fee 0.06 % · MMR from 0.4 %".
pub fn contract_tables_summary(contract: &crate::draft::ContractDraft, locale: Locale) -> String {
    let typed = |text: &str| for_input(text.trim(), locale);
    let fee = match contract.taker_fee.trim() {
        "" => "0".to_string(),
        fee => typed(fee),
    };
    let mut parts = vec![td_string!(locale, ui.rows.taker_fee, fee)];
    match &contract.mm_tiers[..] {
        [] => parts.push(td_string!(locale, ui.rows.no_position_tiers).into()),
        [one] => parts.push(td_string!(locale, ui.rows.mmr, rate = typed(&one.mmr))),
        [first, ..] => parts.push(td_string!(
            locale,
            ui.rows.mmr_from,
            rate = typed(&first.mmr)
        )),
    }
    parts.join(" · ")
}

/// The name of a path's field or row as a person sees it on the page, first letter
/// capitalised: `coins[0].balance` → "BTC balance".
pub fn field_label(draft: &Draft, path: &str) -> String {
    field_label_in(draft, path, Locale::en)
}

/// [`field_label`] in `locale`.
pub fn field_label_in(draft: &Draft, path: &str, locale: Locale) -> String {
    capitalised(&label_words(draft, path, locale))
}

fn label_words(draft: &Draft, path: &str, locale: Locale) -> String {
    let parts = segments(path);
    let row = match parts.first() {
        None => return td_string!(locale, ui.rows.the_account).into(),
        Some(("settings", _)) => {
            return match parts.get(1) {
                Some((field, _)) => field_words_in(field, locale).to_string(),
                None => td_string!(locale, ui.rows.the_settings).into(),
            }
        }
        Some(("coins", Some(i))) => coin_label(draft, *i, locale),
        Some(("contracts", Some(i))) => contract_label(draft, *i, locale),
        Some(("positions", Some(i))) => position_label(draft, *i, locale),
        Some(("orders", Some(i))) => order_label(draft, *i, locale),
        Some(("check", _)) => td_string!(locale, ui.rows.checked_order).into(),
        Some((list, None)) => return field_words_in(list, locale).to_string(),
        Some((other, Some(i))) => format!("{other} {}", ordinal(*i)),
    };
    let list = parts.first().map_or("", |p| p.0);
    let mut words = vec![row];
    for (name, index) in parts.get(1..).unwrap_or_default() {
        match (index, list, *name) {
            (Some(i), _, _) => words.push(tier_words(name, ordinal(*i), locale)),
            (None, "orders" | "check", "price") => {
                words.push(td_string!(locale, ui.rows.limit_price).into())
            }
            (None, "contracts", "symbol") => words.push(td_string!(locale, ui.rows.symbol).into()),
            (None, _, _) => words.push(field_words_in(name, locale).to_string()),
        }
    }
    words.join(td_string!(locale, ui.rows.joiner))
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
        let names = row_names(&draft, Locale::en);
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
            assert_eq!(*name, position_label(&draft, i, Locale::en));
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
            coin_tables_summary(&draft.coins[0], Locale::en),
            "counts at 98 %, then down to 97 % · can be borrowed at 10× · interest 0.0002 % an hour"
        );
        assert_eq!(
            coin_tables_summary(&draft.coins[2], Locale::en),
            "counts at 100 % · can be borrowed at 10× · interest 0.00035 % an hour"
        );
        draft.coins[0].discount_tiers.clear();
        draft.coins[0].loan_tiers.clear();
        draft.coins[0].hourly_interest.clear();
        assert_eq!(
            coin_tables_summary(&draft.coins[0], Locale::en),
            "counts for nothing (no discount tiers) · cannot be borrowed"
        );
        assert_eq!(
            contract_tables_summary(&draft.contracts[0], Locale::en),
            "taker fee 0.06 % · MMR from 0.4 %"
        );
    }
}
