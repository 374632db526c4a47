//! Random scenario and market documents, as JSON values: mostly valid (names that resolve,
//! tiers that ascend), with numbers drawn from everyday magnitudes and from the edges of
//! exact arithmetic (28 digits, `1e27`, `1e-28`, zero, negatives), now and then thousands
//! of tiers; and near-valid ones, a valid document with one thing broken.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

/// The coins a document names (USDT and USDC are priced by the settings).
const COINS: [&str; 6] = ["BTC", "USDT", "USDC", "ETH", "DOT", "X"];
const SETTLES: [&str; 2] = ["USDT", "USDC"];
const BASES: [&str; 3] = ["BTC", "ETH", "DOT"];

/// The numbers at the edges: the largest and smallest exact decimals, 28 digits, zero.
const EXTREME: [&str; 14] = [
    "1e27",
    "-1e27",
    "1e-28",
    "-1e-28",
    "0",
    "-0",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "1234567890123456789012345678",
    "0.0000000000000000000000000001",
    "9999999999999999999999999999",
    "1e28",
    "0.9999999999999999999999999999",
    "1.0000000000000000000000000001",
];

/// A decimal as text: `scale` sets the everyday magnitude; one in forty is an extreme.
pub fn number(scale: f64) -> impl Strategy<Value = String> {
    prop_oneof![
        39 => (0.0..1.0f64, 2u32..7).prop_map(move |(x, digits)| {
            let v = x * scale;
            format!("{v:.digits$}", digits = digits as usize)
        }),
        1 => select(&EXTREME[..]).prop_map(str::to_string),
    ]
}

/// A fraction (a rate, a fee, an MMR), now and then an extreme.
fn fraction(max: f64) -> impl Strategy<Value = String> {
    number(max)
}

/// Ascending bounds, `n - 1` of them, each tier holding about `step`: the bounds of `n` tiers.
fn bounds(n: usize, step: f64) -> Vec<String> {
    (1..n).map(|i| format!("{:.2}", i as f64 * step)).collect()
}

/// `n` tiers whose bounds (all but the last) are `field` and whose value fields come from
/// `value` (one per tier, cycling).
fn tiers(bound_field: &str, bounds: &[String], values: &[Map<String, Value>]) -> Value {
    let n = bounds.len() + 1;
    let list = (0..n)
        .map(|i| {
            let mut tier = values[i % values.len()].clone();
            if let Some(b) = bounds.get(i) {
                tier.insert(bound_field.to_string(), json!(b));
            }
            Value::Object(tier)
        })
        .collect();
    Value::Array(list)
}

/// How many tiers: mostly a few, now and then thousands (refused since the 200-tier limit).
fn tier_count() -> impl Strategy<Value = usize> {
    prop_oneof![30 => 1usize..5, 1 => 1000usize..3000]
}

fn discount_tiers() -> impl Strategy<Value = Value> {
    (
        tier_count(),
        vec(fraction(1.0), 1..4),
        0.1..1e6f64,
        any::<bool>(),
    )
        .prop_map(|(n, rates, step, in_coin)| {
            let values: Vec<_> = rates
                .into_iter()
                .map(|r| {
                    json!({ "rate": r })
                        .as_object()
                        .cloned()
                        .unwrap_or_default()
                })
                .collect();
            let field = if in_coin { "up_to" } else { "up_to_usd" };
            tiers(field, &bounds(n, step), &values)
        })
}

fn loan_tiers() -> impl Strategy<Value = Value> {
    (
        tier_count(),
        vec((number(20.0), fraction(0.2)), 1..4),
        1.0..1e7f64,
    )
        .prop_map(|(n, values, step)| {
            let values: Vec<_> = values
                .into_iter()
                .map(|(leverage, mmr)| {
                    json!({ "leverage": leverage, "mmr": mmr })
                        .as_object()
                        .cloned()
                        .unwrap_or_default()
                })
                .collect();
            tiers("up_to", &bounds(n, step), &values)
        })
}

fn mm_tiers() -> impl Strategy<Value = Value> {
    (tier_count(), vec(fraction(0.1), 1..4), 10.0..1e7f64).prop_map(|(n, mmrs, step)| {
        let values: Vec<_> = mmrs
            .into_iter()
            .map(|m| json!({ "mmr": m }).as_object().cloned().unwrap_or_default())
            .collect();
        tiers("up_to_usd", &bounds(n, step), &values)
    })
}

/// A coin; USDT and USDC without a price (the settings price them).
fn coin(name: &'static str) -> impl Strategy<Value = Value> {
    (
        prop_oneof![3 => number(100.0), 2 => number(1e6), 1 => number(10.0).prop_map(|n| format!("-{n}"))],
        number(1e5),
        prop::option::weighted(0.9, discount_tiers()),
        prop::option::weighted(0.8, loan_tiers()),
        prop::option::of(fraction(0.001)),
        prop::option::of(number(1000.0)),
        prop::option::weighted(0.1, select(&["USD", "USDT", "USDC", "BTC"][..])),
    )
        .prop_map(move |(balance, price, discount, loan, interest, free, quote)| {
            let mut c = Map::new();
            c.insert("coin".into(), json!(name));
            c.insert("balance".into(), json!(balance));
            if name != "USDT" && name != "USDC" {
                c.insert("price".into(), json!(price));
                if let Some(q) = quote {
                    c.insert("quote".into(), json!(q));
                }
            }
            for (field, value) in [
                ("discount_tiers", discount),
                ("loan_tiers", loan),
                ("hourly_interest", interest.map(Value::from)),
                ("interest_free", free.map(Value::from)),
            ] {
                if let Some(v) = value {
                    c.insert(field.into(), v);
                }
            }
            Value::Object(c)
        })
}

fn contract(i: usize, settles: Vec<&'static str>) -> impl Strategy<Value = Value> {
    (
        select(&BASES[..]),
        select(settles),
        number(1e5),
        number(125.0),
        prop::option::of(fraction(0.001)),
        prop::option::of(fraction(0.01)),
        prop::option::weighted(0.97, mm_tiers()),
    )
        .prop_map(move |(base, settle, mark, leverage, taker, liq, tiers)| {
            let mut c = Map::new();
            c.insert("symbol".into(), json!(format!("{base}{settle}{i}")));
            c.insert("base".into(), json!(base));
            c.insert("settle".into(), json!(settle));
            c.insert("mark_price".into(), json!(mark));
            c.insert("leverage".into(), json!(leverage));
            for (field, value) in [("taker_fee", taker), ("liquidation_fee", liq)] {
                if let Some(v) = value {
                    c.insert(field.into(), json!(v));
                }
            }
            if let Some(t) = tiers {
                c.insert("mm_tiers".into(), t);
            }
            Value::Object(c)
        })
}

/// An order on one of the coins or contracts (`symbols` names the contracts).
fn order(
    coins: Vec<&'static str>,
    symbols: Vec<String>,
    is_check: bool,
) -> impl Strategy<Value = Value> {
    let futures = !symbols.is_empty();
    (
        any::<bool>(),
        any::<bool>(),
        any::<prop::sample::Index>(),
        1..coins.len().max(2),
        any::<prop::sample::Index>(),
        number(10.0),
        number(1e5),
        prop::option::weighted(0.3, number(0.1)),
    )
        .prop_map(move |(is_futures, buy, b, offset, k, size, price, step)| {
            // two different coins where the scenario has two
            let b = b.index(coins.len());
            let (base, quote) = (coins[b], coins[(b + offset) % coins.len()]);
            let step = step.filter(|_| is_check);
            let side = if buy { "buy" } else { "sell" };
            let mut o = if is_futures && futures {
                json!({ "market": "futures", "symbol": symbols[k.index(symbols.len())],
                        "side": side, "size": size, "price": price })
            } else {
                json!({ "market": "spot", "side": side, "base": base, "quote": quote,
                        "size": size, "price": price })
            };
            if let (Some(step), Some(map)) = (step, o.as_object_mut()) {
                map.insert("size_step".into(), json!(step));
            }
            o
        })
}

fn settings() -> impl Strategy<Value = Value> {
    (
        prop::option::weighted(0.2, number(2.0)),
        prop::option::weighted(0.2, fraction(0.01)),
        prop::option::weighted(0.3, (fraction(1.0), number(3.0))),
        prop::option::weighted(0.3, any::<bool>()),
    )
        .prop_map(|(usdt, fee, thresholds, hedge)| {
            let mut s = Map::new();
            if let Some(u) = usdt {
                s.insert("usdt_usd".into(), json!(u));
            }
            if let Some(f) = fee {
                s.insert("spot_taker_fee".into(), json!(f));
            }
            if let Some((w, l)) = thresholds {
                s.insert("warning_rate".into(), json!(w));
                s.insert("liquidation_rate".into(), json!(l));
            }
            if let Some(h) = hedge {
                let mode = if h { "hedge" } else { "one_way" };
                s.insert("position_mode".into(), json!(mode));
            }
            Value::Object(s)
        })
}

/// A valid-looking scenario: its orders and positions name its own coins and contracts.
pub fn scenario() -> impl Strategy<Value = Value> {
    (prop::sample::subsequence(COINS.to_vec(), 1..=4), 0usize..3)
        .prop_flat_map(|(mut names, n_contracts)| {
            if n_contracts > 0 && !names.contains(&"USDT") {
                names.push("USDT");
            }
            let settles: Vec<&'static str> = SETTLES
                .iter()
                .copied()
                .filter(|s| names.contains(s))
                .collect();
            let coins: Vec<_> = names.iter().map(|&n| coin(n).boxed()).collect();
            let contracts: Vec<_> = (0..n_contracts)
                .map(|i| contract(i, settles.clone()).boxed())
                .collect();
            (Just(names), coins, contracts, settings())
        })
        .prop_flat_map(|(names, coins, contracts, settings)| {
            let symbols: Vec<String> = contracts
                .iter()
                .filter_map(|c| c["symbol"].as_str().map(str::to_string))
                .collect();
            let positions =
                if symbols.is_empty() {
                    Just(vec![]).boxed()
                } else {
                    vec(
                    (select(symbols.clone()), any::<bool>(), number(10.0), number(1e5)).prop_map(
                        |(symbol, long, size, entry)| {
                            json!({ "symbol": symbol, "side": if long { "long" } else { "short" },
                                    "size": size, "entry_price": entry })
                        },
                    ),
                    0..3,
                )
                .boxed()
                };
            let orders = vec(order(names.clone(), symbols.clone(), false), 0..3);
            let check = prop::option::of(order(names, symbols, true));
            (Just((coins, contracts, settings)), positions, orders, check)
        })
        .prop_map(|((coins, contracts, settings), positions, orders, check)| {
            let mut s = json!({
                "format": "unimargin/scenario@1",
                "settings": settings,
                "coins": coins,
                "contracts": contracts,
                "positions": positions,
                "orders": orders,
            });
            if let (Some(check), Some(map)) = (check, s.as_object_mut()) {
                map.insert("check".into(), check);
            }
            s
        })
}

/// A market holding the tables of `scenario`'s coins and contracts, the scenario keeping
/// some of them (what it gives wins) and leaving the others to the market.
pub fn with_market(scenario: Value, keep: u64) -> (Value, Value) {
    let mut scenario = scenario;
    let mut coins = vec![];
    let mut contracts = vec![];
    let mut bit = 0u32;
    let mut next = || {
        bit = (bit + 1) % 64;
        keep >> bit & 1 == 1
    };
    if let Some(list) = scenario["coins"].as_array_mut() {
        for c in list.iter_mut() {
            let mut m = json!({ "coin": c["coin"] });
            for table in [
                "discount_tiers",
                "loan_tiers",
                "hourly_interest",
                "interest_free",
            ] {
                if let Some(v) = c.get(table).cloned() {
                    m[table] = v;
                    if !next() {
                        c.as_object_mut().map(|o| o.remove(table));
                    }
                }
            }
            coins.push(m);
        }
    }
    if let Some(list) = scenario["contracts"].as_array_mut() {
        for c in list.iter_mut() {
            let mut m = json!({ "symbol": c["symbol"], "base": c["base"], "settle": c["settle"] });
            for table in ["mm_tiers", "taker_fee", "liquidation_fee"] {
                if let Some(v) = c.get(table).cloned() {
                    m[table] = v;
                    if !next() {
                        c.as_object_mut().map(|o| o.remove(table));
                    }
                }
            }
            if next() {
                m["max_leverage"] = json!("125");
            }
            contracts.push(m);
        }
    }
    let market = json!({
        "format": "unimargin/market@1", "name": "fuzz", "as_of": "2025-09-26",
        "coins": coins, "contracts": contracts,
    });
    (scenario, market)
}

/// One thing broken in a valid document.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// A leaf (found by walking `path` choices) replaced by another value.
    Replace(Vec<prop::sample::Index>, Value),
    /// A field removed.
    Remove(Vec<prop::sample::Index>),
    /// A field added with a name the format lacks (or a near miss of one it has).
    Add(Vec<prop::sample::Index>, String, Value),
    /// The text cut at a point.
    Truncate(prop::sample::Index),
    /// A character of the text replaced.
    Splice(prop::sample::Index, char),
    /// The document nested `depth` lists deep at a leaf.
    Nest(Vec<prop::sample::Index>, usize),
}

fn odd_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        select(&EXTREME[..]).prop_map(Value::from),
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-zA-Z0-9 .eE+-]{0,12}".prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        select(&COINS[..]).prop_map(Value::from),
        Just(json!("1e-9223372036854775808")),
        Just(json!("1e9223372036854775807")),
        Just(json!("NaN")),
    ]
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let path = || vec(any::<prop::sample::Index>(), 1..6);
    prop_oneof![
        6 => (path(), odd_value()).prop_map(|(p, v)| Mutation::Replace(p, v)),
        2 => path().prop_map(Mutation::Remove),
        1 => (path(), "[a-z_]{1,12}", odd_value()).prop_map(|(p, k, v)| Mutation::Add(p, k, v)),
        1 => any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        1 => (any::<prop::sample::Index>(), any::<char>()).prop_map(|(i, c)| Mutation::Splice(i, c)),
        1 => (path(), prop_oneof![1usize..200, 100_000usize..200_000])
            .prop_map(|(p, d)| Mutation::Nest(p, d)),
    ]
}

/// The JSON pointer of the node `path`'s choices lead to: at each step a child of the node
/// (a field or an element), stopping at a leaf or an empty container.
fn locate(value: &Value, path: &[prop::sample::Index]) -> String {
    let mut pointer = String::new();
    let mut node = value;
    for choice in path {
        let (token, child) = match node {
            Value::Object(map) if !map.is_empty() => {
                let Some((key, child)) = map.iter().nth(choice.index(map.len())) else {
                    break;
                };
                (key.replace('~', "~0").replace('/', "~1"), child)
            }
            Value::Array(list) if !list.is_empty() => {
                let k = choice.index(list.len());
                (k.to_string(), &list[k])
            }
            _ => break,
        };
        pointer.push('/');
        pointer.push_str(&token);
        node = child;
    }
    pointer
}

/// The pointer's parent and last token (`None` for the root).
fn split(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

/// The text of `document` with `mutation` applied.
pub fn mutate(document: &Value, mutation: &Mutation) -> String {
    let mut value = document.clone();
    match mutation {
        Mutation::Replace(path, new) => {
            let pointer = locate(&value, path);
            if let Some(node) = value.pointer_mut(&pointer) {
                *node = new.clone();
            }
        }
        Mutation::Remove(path) => {
            let pointer = locate(&value, path);
            if let Some((parent, last)) = split(&pointer) {
                match value.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&last);
                    }
                    Some(Value::Array(list)) => {
                        if let Ok(k) = last.parse::<usize>() {
                            if k < list.len() {
                                list.remove(k);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::Add(path, key, new) => {
            let pointer = locate(&value, path);
            let parent = split(&pointer).map_or("", |(parent, _)| parent);
            if let Some(Value::Object(map)) = value.pointer_mut(parent) {
                map.insert(key.clone(), new.clone());
            }
        }
        Mutation::Truncate(at) => {
            let text = value.to_string();
            let cut = text
                .char_indices()
                .nth(at.index(text.chars().count().max(1)));
            return cut.map_or(text.clone(), |(i, _)| text[..i].to_string());
        }
        Mutation::Splice(at, c) => {
            let mut chars: Vec<char> = value.to_string().chars().collect();
            let n = chars.len();
            if n > 0 {
                chars[at.index(n)] = *c;
            }
            return chars.into_iter().collect();
        }
        Mutation::Nest(path, depth) => {
            // written as text: serde_json's own writer recurses too
            let marker = "\"__nest__\"";
            let pointer = locate(&value, path);
            if let Some(node) = value.pointer_mut(&pointer) {
                *node = json!("__nest__");
            }
            let text = value.to_string();
            let nested = format!("{}0{}", "[".repeat(*depth), "]".repeat(*depth));
            return text.replacen(marker, &nested, 1);
        }
    }
    value.to_string()
}
