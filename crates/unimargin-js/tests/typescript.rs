//! The TypeScript definitions shipped with the package (`src/types.d.ts`, the custom section of
//! the generated `.d.ts`) against the Rust types they describe.
//!
//! Every document type is built here as a struct literal, once with every optional part filled
//! and once with none, so a field added to an engine type stops this test from compiling until
//! it is added here, and then to the TypeScript. The literals are serialized as the package
//! serializes them, and every object met is checked against its interface:
//! - the interface names exactly the fields the objects have;
//! - in a report, a field is optional (`?`) exactly when some object lacks it, and `| null`
//!   exactly when some object has `null` there;
//! - in a scenario, a field is optional exactly when the engine reads the full scenario with
//!   that field left out, and `| null` exactly when it reads it with `null` there;
//! - a decimal string is typed `Decimal` (`DecimalInput` on input), another string `string`
//!   or a union of string literals holding it, a boolean `boolean`, a list `T[]`, an object
//!   its interface.

use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use unimargin::market::{MarketCoin, MarketContract, MarketDocument, MARKET_FORMAT};
use unimargin::report::{
    AccountReport, CheckReport, CoinReport, ContractReport, PendingOrderReport, PositionReport,
    Report, SideReport, REPORT_FORMAT,
};
use unimargin::rules::discount::{CoinSlice, DiscountSlice};
use unimargin::rules::risk::Risk;
use unimargin::scenario::{
    Coin, Contract, DiscountTier, LoanTier, MaintenanceTier, Market, MarketReference, Order,
    OrderSide, Position, PositionMode, PositionSide, Scenario, Settings, SCENARIO_FORMAT,
};
use unimargin::text::Reason;
use unimargin::Decimal;
use unimargin_js::TYPESCRIPT_DEFINITIONS;

fn d(text: &str) -> Decimal {
    text.parse().expect("a decimal literal")
}

fn some(text: &str) -> Option<Decimal> {
    Some(d(text))
}

fn order(full: bool) -> Order {
    Order {
        market: if full { Market::Futures } else { Market::Spot },
        symbol: full.then(|| "BTCUSDT".to_string()),
        side: OrderSide::Buy,
        base: full.then(|| "BTC".to_string()),
        quote: full.then(|| "USDT".to_string()),
        size: d("0.5"),
        price: d("64000"),
        size_step: if full { some("0.001") } else { None },
    }
}

fn scenarios() -> Vec<Scenario> {
    let full_coin = Coin {
        coin: "BTC".into(),
        balance: d("1"),
        price: some("64000"),
        quote: Some("USD".into()),
        discount_tiers: Some(vec![
            DiscountTier {
                up_to_usd: some("1000000"),
                up_to: None,
                rate: d("0.98"),
            },
            DiscountTier {
                up_to_usd: None,
                up_to: None,
                rate: d("0.97"),
            },
        ]),
        loan_tiers: Some(vec![
            LoanTier {
                up_to: some("50"),
                leverage: d("10"),
                mmr: d("0.05"),
            },
            LoanTier {
                up_to: None,
                leverage: d("5"),
                mmr: d("0.1"),
            },
        ]),
        hourly_interest: some("0.000002"),
        interest_free: some("0"),
    };
    let bare_coin = Coin {
        coin: "USDT".into(),
        balance: d("100"),
        price: None,
        quote: None,
        discount_tiers: None,
        loan_tiers: None,
        hourly_interest: None,
        interest_free: None,
    };
    // a coin whose tiers are bounded in coin units
    let units_coin = Coin {
        coin: "ETH".into(),
        balance: d("2"),
        price: some("3000"),
        quote: None,
        discount_tiers: Some(vec![
            DiscountTier {
                up_to_usd: None,
                up_to: some("100"),
                rate: d("0.95"),
            },
            DiscountTier {
                up_to_usd: None,
                up_to: None,
                rate: d("0.9"),
            },
        ]),
        loan_tiers: None,
        hourly_interest: None,
        interest_free: None,
    };
    let contract = |full: bool| Contract {
        symbol: "BTCUSDT".into(),
        base: full.then(|| "BTC".into()),
        settle: full.then(|| "USDT".into()),
        mark_price: d("64000"),
        leverage: d("20"),
        taker_fee: if full { some("0.0006") } else { None },
        liquidation_fee: if full { some("0.0002") } else { None },
        mm_tiers: full.then(|| {
            vec![
                MaintenanceTier {
                    up_to_usd: some("200000"),
                    mmr: d("0.004"),
                },
                MaintenanceTier {
                    up_to_usd: None,
                    mmr: d("0.005"),
                },
            ]
        }),
    };
    let full = Scenario {
        format: SCENARIO_FORMAT.into(),
        settings: Settings {
            usdt_usd: some("1"),
            usdc_usd: some("1"),
            spot_taker_fee: some("0.001"),
            warning_rate: some("0.8"),
            liquidation_rate: some("1"),
            position_mode: Some(PositionMode::OneWay),
        },
        coins: vec![full_coin, bare_coin, units_coin],
        contracts: vec![contract(true), contract(false)],
        positions: vec![Position {
            symbol: "BTCUSDT".into(),
            side: PositionSide::Short,
            size: d("0.1"),
            entry_price: d("60000"),
        }],
        orders: vec![order(true), order(false)],
        check: Some(order(true)),
        market: Some(MarketReference {
            name: "Example UTA tables".into(),
            as_of: "2025-09-26".into(),
        }),
    };
    let bare = Scenario {
        format: SCENARIO_FORMAT.into(),
        settings: Settings::default(),
        coins: Vec::new(),
        contracts: Vec::new(),
        positions: Vec::new(),
        orders: Vec::new(),
        check: None,
        market: None,
    };
    vec![full, bare]
}

fn markets() -> Vec<MarketDocument> {
    let tiers = |units: bool| {
        vec![
            DiscountTier {
                up_to_usd: (!units).then(|| d("1000000")),
                up_to: units.then(|| d("500")),
                rate: d("0.98"),
            },
            DiscountTier {
                rate: d("0.97"),
                ..DiscountTier::default()
            },
        ]
    };
    let full = MarketDocument {
        format: MARKET_FORMAT.into(),
        name: "Example UTA tables".into(),
        as_of: "2025-09-26".into(),
        source: Some("an example".into()),
        settings: Settings {
            spot_taker_fee: some("0.001"),
            ..Settings::default()
        },
        coins: vec![
            MarketCoin {
                coin: "BTC".into(),
                quote: Some("USD".into()),
                discount_tiers: Some(tiers(false)),
                loan_tiers: Some(vec![LoanTier {
                    up_to: None,
                    leverage: d("5"),
                    mmr: d("0.1"),
                }]),
                hourly_interest: some("0.000002"),
                interest_free: some("0"),
                source: Some("an article".into()),
                as_of: Some("2025-08-01".into()),
            },
            MarketCoin {
                coin: "ETH".into(),
                discount_tiers: Some(tiers(true)),
                ..MarketCoin::default()
            },
            MarketCoin {
                coin: "SOL".into(),
                ..MarketCoin::default()
            },
        ],
        contracts: vec![
            MarketContract {
                symbol: "BTCUSDT".into(),
                base: "BTC".into(),
                settle: "USDT".into(),
                max_leverage: some("150"),
                taker_fee: some("0.0006"),
                liquidation_fee: some("0"),
                mm_tiers: Some(vec![MaintenanceTier {
                    up_to_usd: None,
                    mmr: d("0.004"),
                }]),
                source: Some("an announcement".into()),
                as_of: Some("2025-09-26".into()),
            },
            MarketContract {
                symbol: "SOLUSDT".into(),
                base: "SOL".into(),
                settle: "USDT".into(),
                ..MarketContract::default()
            },
        ],
    };
    let bare = MarketDocument {
        format: MARKET_FORMAT.into(),
        name: "Bare".into(),
        as_of: "2025-09-26".into(),
        source: None,
        settings: Settings::default(),
        coins: Vec::new(),
        contracts: Vec::new(),
    };
    vec![full, bare]
}

fn reports() -> Vec<Report> {
    let slice = |last: bool, units: bool| DiscountSlice {
        from_usd: d("0"),
        to_usd: if last { None } else { some("1000000") },
        rate: d("0.98"),
        value_usd: d("1000"),
        discounted_usd: d("980"),
        coin_units: units.then(|| CoinSlice {
            from: d("0"),
            to: if last { None } else { some("500") },
            quantity: d("0.5"),
        }),
    };
    let coin = |debt: bool| CoinReport {
        coin: "BTC".into(),
        usd_price: d("64000"),
        unrealized_pnl: d("-1.5"),
        equity: d("1"),
        debt: d("0"),
        usd_equity: d("64000"),
        contribution: d("62720"),
        hourly_interest_usd: d("0"),
        haircut: d("1280"),
        discount_slices: vec![
            slice(false, false),
            slice(true, false),
            slice(false, true),
            slice(true, true),
        ],
        loan_initial_margin: d("0"),
        loan_maintenance_margin: d("0"),
        loan_leverage: if debt { some("10") } else { None },
        loan_mmr: if debt { some("0.05") } else { None },
        interest_bearing_debt: d("0"),
    };
    let account = |bounded: bool| AccountReport {
        account_equity: d("1"),
        adjusted_equity: d("1"),
        spot_trading_losses: d("0"),
        pending_fees: d("0"),
        position_value: d("0"),
        initial_margin_loans: d("0"),
        initial_margin_derivatives: d("0"),
        margin_reserved: d("0"),
        available_margin: d("1"),
        maintenance_margin_loans: d("0"),
        maintenance_margin_derivatives: d("0"),
        maintenance_margin: d("0"),
        partial_liquidation_fees: d("0"),
        account_leverage: if bounded { some("0.5") } else { None },
        cross_margin_rate: if bounded { some("0.25") } else { None },
        risk: Risk::Safe,
        futures_orders_cancelled: false,
        discounted_equity: d("1"),
        futures_notional_usd: d("0"),
        loans_usd: d("0"),
        hourly_interest_usd: d("0"),
        daily_interest_usd: d("0"),
        warning_rate: d("0.8"),
        liquidation_rate: d("1"),
    };
    let side = SideReport {
        held_size: d("1"),
        open_size: d("0"),
        open_value: d("0"),
        notional_usd: d("64000"),
        mmr: d("0.004"),
        initial_margin: d("3200"),
        maintenance_margin: d("256"),
    };
    let check = |borrowing: bool| CheckReport {
        accepted: !borrowing,
        spot_loss: d("0"),
        fee: d("0"),
        initial_margin_added: d("0"),
        adjusted_equity_after: d("1"),
        margin_reserved_after: d("0"),
        headroom: d("1"),
        max_size: d("2"),
        size_step: d("0.001"),
        reasons: vec![Reason::LargestSize { size: d("2") }],
        not_borrowable: borrowing.then(|| "DOT".to_string()),
    };
    let report = |full: bool| Report {
        format: REPORT_FORMAT,
        market: full.then(|| MarketReference {
            name: "Example UTA tables".into(),
            as_of: "2025-09-26".into(),
        }),
        coins: vec![coin(full), coin(!full)],
        account: account(full),
        contracts: vec![ContractReport {
            symbol: "BTCUSDT".into(),
            mark_price: d("64000"),
            settle_usd_price: d("1"),
            long: side.clone(),
            short: side.clone(),
            initial_margin: d("3200"),
            maintenance_margin: d("256"),
            maintenance_side: PositionSide::Long,
            partial_liquidation_fee: d("0"),
        }],
        positions: vec![PositionReport {
            side: PositionSide::Long,
            unrealized_pnl: d("0"),
            unrealized_pnl_usd: d("0"),
            initial_margin: if full { d("3200") } else { d("0") },
            maintenance_margin: d("256"),
            roi: full.then(|| d("0")),
            available: d("1"),
        }],
        orders: vec![PendingOrderReport {
            market: Market::Spot,
            side: OrderSide::Sell,
            spot_loss: d("0"),
            fee: d("0"),
            initial_margin_added: d("0"),
            maintenance_margin_added: d("0"),
        }],
        check: full.then(|| check(full)),
        record: Default::default(),
    };
    let mut both = vec![report(true), report(false)];
    both[1].check = Some(check(false));
    let mut without = report(false);
    without.check = None;
    both.push(without);
    both
}

/// One field of an interface: optional, nullable, and its type without `| null`.
#[derive(Debug, Clone)]
struct Field {
    optional: bool,
    nullable: bool,
    ty: String,
}

struct Definitions {
    interfaces: BTreeMap<String, BTreeMap<String, Field>>,
    /// `export class X …` as its fields (its constructor and methods left out).
    classes: BTreeMap<String, BTreeMap<String, Field>>,
    /// `export type X = "a" | "b";` as X → {a, b}; other aliases (Decimal) as X → {}.
    aliases: BTreeMap<String, BTreeSet<String>>,
}

/// The objects met of each interface, with where they were met (`root#/json/pointer`).
type Found = BTreeMap<String, Vec<(String, serde_json::Map<String, Value>)>>;

fn parse_definitions(text: &str) -> Definitions {
    let mut interfaces = BTreeMap::new();
    let mut classes = BTreeMap::new();
    let mut aliases = BTreeMap::new();
    // the interface or class being read: its name, whether a class, its fields
    let mut current: Option<(String, bool, BTreeMap<String, Field>)> = None;
    // a type alias written over several lines, joined until its `;`
    let mut alias = String::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.starts_with("//") || line.starts_with("/*") || line.starts_with('*') {
            continue;
        }
        if line.starts_with("export type ") || !alias.is_empty() {
            alias.push_str(line);
            if !line.ends_with(';') {
                continue;
            }
        }
        let joined = std::mem::take(&mut alias);
        let line = if joined.is_empty() {
            line
        } else {
            joined.as_str()
        };
        let interface = line.strip_prefix("export interface ");
        let class = line.strip_prefix("export class ");
        if let Some(rest) = interface.or(class) {
            let name = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            current = Some((name, class.is_some(), BTreeMap::new()));
        } else if line == "}" {
            match current.take() {
                Some((name, false, fields)) => interfaces.insert(name, fields),
                Some((name, true, fields)) => classes.insert(name, fields),
                None => None,
            };
        } else if let Some(rest) = line.strip_prefix("export type ") {
            let (name, value) = rest.split_once('=').expect("type X = …");
            let literals = value
                .trim()
                .trim_end_matches(';')
                .split('|')
                .filter_map(|v| {
                    v.trim()
                        .strip_prefix('"')?
                        .strip_suffix('"')
                        .map(String::from)
                })
                .collect();
            aliases.insert(name.trim().to_string(), literals);
        } else if let Some((_, class, fields)) = current.as_mut() {
            if *class && line.contains('(') {
                continue; // a constructor or a method
            }
            let Some((name, ty)) = line.trim_end_matches(';').split_once(':') else {
                continue;
            };
            let optional = name.ends_with('?');
            let ty = ty.trim();
            let nullable = ty.ends_with("| null");
            fields.insert(
                name.trim_end_matches('?').to_string(),
                Field {
                    optional,
                    nullable,
                    ty: ty.trim_end_matches("| null").trim().to_string(),
                },
            );
        }
    }
    Definitions {
        interfaces,
        classes,
        aliases,
    }
}

/// Every object met, by the interface the definitions give it.
fn collect(
    defs: &Definitions,
    interface: &str,
    value: &Value,
    at: &str,
    found: &mut Found,
    problems: &mut Vec<String>,
) {
    let Some(object) = value.as_object() else {
        problems.push(format!(
            "{at}: expected an object ({interface}), got {value}"
        ));
        return;
    };
    let Some(fields) = defs.interfaces.get(interface) else {
        problems.push(format!("{at}: no interface {interface} in types.d.ts"));
        return;
    };
    found
        .entry(interface.to_string())
        .or_default()
        .push((at.to_string(), object.clone()));
    for (key, value) in object {
        let path = format!("{at}/{key}");
        let Some(field) = fields.get(key) else {
            problems.push(format!(
                "{path}: the Rust type has `{key}`, interface {interface} does not"
            ));
            continue;
        };
        check_value(defs, &field.ty, value, &path, found, problems);
    }
}

fn check_value(
    defs: &Definitions,
    ty: &str,
    value: &Value,
    at: &str,
    found: &mut Found,
    problems: &mut Vec<String>,
) {
    let is_decimal = |s: &str| s.parse::<Decimal>().is_ok();
    match value {
        Value::Null => {} // checked against `| null` by the caller's field rules
        Value::Bool(_) if ty == "boolean" => {}
        Value::String(s) if ty == "Decimal" || ty == "DecimalInput" => {
            if !is_decimal(s) {
                problems.push(format!("{at}: typed {ty} but holds \"{s}\""));
            }
        }
        Value::String(s) if ty == "string" => {
            if is_decimal(s) {
                problems.push(format!(
                    "{at}: a decimal \"{s}\" typed string: type it Decimal"
                ));
            }
        }
        Value::String(s) if ty.starts_with('"') => {
            if ty.trim_matches('"') != s {
                problems.push(format!("{at}: typed {ty} but holds \"{s}\""));
            }
        }
        Value::String(s) if defs.aliases.get(ty).is_some_and(|l| !l.is_empty()) => {
            if !defs.aliases[ty].contains(s) {
                problems.push(format!("{at}: \"{s}\" is not one of type {ty}"));
            }
        }
        Value::Array(items) if ty.ends_with("[]") => {
            for (i, item) in items.iter().enumerate() {
                check_value(
                    defs,
                    ty.trim_end_matches("[]"),
                    item,
                    &format!("{at}/{i}"),
                    found,
                    problems,
                );
            }
        }
        Value::Object(_) if defs.interfaces.contains_key(ty) => {
            collect(defs, ty, value, at, found, problems)
        }
        other => problems.push(format!("{at}: typed {ty} but holds {other}")),
    }
}

/// The field rules over every object met of each interface.
fn check_fields(
    defs: &Definitions,
    found: &Found,
    interfaces: &[&str],
    problems: &mut Vec<String>,
) {
    for &interface in interfaces {
        let Some(objects) = found.get(interface) else {
            problems.push(format!(
                "interface {interface}: no sample object of it was met"
            ));
            continue;
        };
        for (name, field) in &defs.interfaces[interface] {
            let missing = objects.iter().find(|(_, o)| !o.contains_key(name));
            let null = objects
                .iter()
                .find(|(_, o)| o.get(name) == Some(&Value::Null));
            match (field.optional, missing) {
                (false, Some((at, _))) => problems.push(format!(
                    "{interface}.{name} is required in TypeScript but missing at {at}"
                )),
                (true, None) => problems.push(format!(
                    "{interface}.{name} is optional in TypeScript but always present"
                )),
                _ => {}
            }
            match (field.nullable, null) {
                (false, Some((at, _))) => problems.push(format!(
                    "{interface}.{name} is null at {at}: type it `| null`"
                )),
                (true, None) => problems.push(format!(
                    "{interface}.{name} is typed `| null` but never null"
                )),
                _ => {}
            }
        }
    }
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("documents serialize")
}

/// The field rules for input: a field is optional exactly when the engine reads the scenario
/// without it, and `| null` exactly when it reads it with `null` there.
fn check_inputs(
    defs: &Definitions,
    document: &Value,
    found: &Found,
    interfaces: &[&str],
    problems: &mut Vec<String>,
) {
    check_inputs_read(defs, document, found, interfaces, problems, |text| {
        unimargin::parse_scenario(text).is_ok()
    })
}

/// [`check_inputs`] for a document that `reads` reads.
fn check_inputs_read(
    defs: &Definitions,
    document: &Value,
    found: &Found,
    interfaces: &[&str],
    problems: &mut Vec<String>,
    reads_text: impl Fn(&str) -> bool,
) {
    let reads = |edit: &dyn Fn(&mut serde_json::Map<String, Value>), pointer: &str| {
        let mut doc = document.clone();
        let target = if pointer.is_empty() {
            doc.as_object_mut()
        } else {
            doc.pointer_mut(pointer).and_then(Value::as_object_mut)
        };
        edit(target.unwrap_or_else(|| panic!("no object at {pointer}")));
        reads_text(&doc.to_string())
    };
    for &interface in interfaces {
        let Some(objects) = found.get(interface) else {
            problems.push(format!(
                "interface {interface}: no sample object of it was met"
            ));
            continue;
        };
        for (name, field) in &defs.interfaces[interface] {
            let Some((pointer, _)) = objects.iter().find(|(_, o)| o.contains_key(name)) else {
                problems.push(format!("{interface}.{name}: no sample object has it"));
                continue;
            };
            let pointer = pointer.split_once('#').map_or("", |(_, p)| p);
            if reads(&|o| drop(o.remove(name)), pointer) != field.optional {
                problems.push(format!(
                    "{interface}.{name}: TypeScript says {}optional, the engine disagrees",
                    if field.optional { "" } else { "not " }
                ));
            }
            if reads(&|o| drop(o.insert(name.clone(), Value::Null)), pointer) != field.nullable {
                problems.push(format!(
                    "{interface}.{name}: TypeScript says {}`| null`, the engine disagrees",
                    if field.nullable { "" } else { "not " }
                ));
            }
        }
    }
}

/// The interfaces of the scenario, checked as input by `check_inputs`.
const INPUTS: &[&str] = &[
    "Scenario",
    "MarketReference",
    "Settings",
    "Coin",
    "DiscountTier",
    "LoanTier",
    "Contract",
    "MaintenanceTier",
    "Position",
    "Order",
];

/// The interfaces of the market document, checked as input by `check_inputs_read`.
const MARKET_INPUTS: &[&str] = &["MarketDocument", "MarketCoin", "MarketContract"];

/// The interfaces of the report, checked as output by `check_fields`.
const OUTPUTS: &[&str] = &[
    "Report",
    "CoinReport",
    "DiscountSlice",
    "CoinSlice",
    "AccountReport",
    "SideReport",
    "ContractReport",
    "PositionReport",
    "PendingOrderReport",
    "Check",
];

#[test]
fn scenario_types_match_the_rust_types() {
    let defs = parse_definitions(TYPESCRIPT_DEFINITIONS);
    let (mut found, mut problems) = (BTreeMap::new(), Vec::new());
    let full = json(&scenarios()[0]);
    for (i, scenario) in scenarios().iter().enumerate() {
        collect(
            &defs,
            "Scenario",
            &json(scenario),
            &format!("scenario{i}#"),
            &mut found,
            &mut problems,
        );
    }
    // the objects of the full scenario only: the edits are made to it
    for objects in found.values_mut() {
        objects.retain(|(at, _)| at.starts_with("scenario0#"));
    }
    check_inputs(&defs, &full, &found, INPUTS, &mut problems);
    assert!(
        problems.is_empty(),
        "types.d.ts is out of step with the scenario types:\n{}",
        problems.join("\n")
    );
}

#[test]
fn market_types_match_the_rust_types() {
    let defs = parse_definitions(TYPESCRIPT_DEFINITIONS);
    let (mut found, mut problems) = (BTreeMap::new(), Vec::new());
    let full = json(&markets()[0]);
    for (i, market) in markets().iter().enumerate() {
        collect(
            &defs,
            "MarketDocument",
            &json(market),
            &format!("market{i}#"),
            &mut found,
            &mut problems,
        );
    }
    for objects in found.values_mut() {
        objects.retain(|(at, _)| at.starts_with("market0#"));
    }
    check_inputs_read(&defs, &full, &found, MARKET_INPUTS, &mut problems, |text| {
        unimargin::parse_market(text).is_ok()
    });
    assert!(
        problems.is_empty(),
        "types.d.ts is out of step with the market types:\n{}",
        problems.join("\n")
    );
}

#[test]
fn report_types_match_the_rust_types() {
    let defs = parse_definitions(TYPESCRIPT_DEFINITIONS);
    let (mut found, mut problems) = (BTreeMap::new(), Vec::new());
    for (i, report) in reports().iter().enumerate() {
        collect(
            &defs,
            "Report",
            &json(report),
            &format!("report#{i}"),
            &mut found,
            &mut problems,
        );
    }
    check_fields(&defs, &found, OUTPUTS, &mut problems);
    assert!(
        problems.is_empty(),
        "types.d.ts is out of step with the report types:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_interface_is_checked_and_the_checker_can_fail() {
    let defs = parse_definitions(TYPESCRIPT_DEFINITIONS);
    let mut all: Vec<&str> = defs.interfaces.keys().map(String::as_str).collect();
    // checked by a test of its own
    all.retain(|name| *name != "AccountUpdate");
    let mut sorted = [INPUTS, OUTPUTS, MARKET_INPUTS].concat();
    sorted.sort();
    assert_eq!(all, sorted, "a new interface must be checked here");
    // the error is a class (js/boundary.js), whose instances the node tests check
    let error = &defs.classes["UnimarginError"];
    for field in ["path", "message"] {
        assert_eq!(error[field].ty, "string", "{field}");
    }
    assert_eq!(error["kind"].ty, "UnimarginErrorKind");
    assert!(error
        .values()
        .all(|field| !field.optional && !field.nullable));

    // a definition with a field dropped, one made optional and one typed wrongly fails
    let broken = TYPESCRIPT_DEFINITIONS
        .replace("  usd_equity: Decimal;\n", "")
        .replace("  headroom: Decimal;", "  headroom?: Decimal;")
        .replace("  accepted: boolean;", "  accepted: Decimal;");
    let defs = parse_definitions(&broken);
    let (mut found, mut problems) = (BTreeMap::new(), Vec::new());
    for report in reports() {
        collect(
            &defs,
            "Report",
            &json(&report),
            "report",
            &mut found,
            &mut problems,
        );
    }
    check_fields(&defs, &found, &["CoinReport", "Check"], &mut problems);
    let text = problems.join("\n");
    assert!(text.contains("has `usd_equity`"), "{text}");
    assert!(text.contains("Check.headroom is optional"), "{text}");
    assert!(text.contains("typed Decimal but holds true"), "{text}");
}

#[test]
fn account_update_type_matches_the_rust_type() {
    use unimargin_js::core::Update;
    let defs = parse_definitions(TYPESCRIPT_DEFINITIONS);
    let fields = &defs.interfaces["AccountUpdate"];
    let reads = |json: &str| serde_json::from_str::<Update>(json).is_ok();
    // every field is optional, and the empty update reads
    assert!(reads("{}"));
    for (name, field) in fields {
        assert!(field.optional, "AccountUpdate.{name} should be optional");
        assert!(
            reads(&format!(r#"{{"{name}": {{"X": "1", "Y": 2}}}}"#)),
            "AccountUpdate.{name}: the engine does not read it as a map of decimals"
        );
        assert!(
            !reads(&format!(r#"{{"{name}": {{"X": "one"}}}}"#)),
            "AccountUpdate.{name}: the engine reads a non-decimal"
        );
    }
    // the Rust type has no field TypeScript lacks: it refuses names beyond those
    let all: Vec<String> = fields.keys().map(|n| format!(r#""{n}": {{}}"#)).collect();
    assert!(reads(&format!("{{{}}}", all.join(", "))));
    assert!(!reads(r#"{"marks": {}}"#));
    assert_eq!(
        fields.keys().map(String::as_str).collect::<Vec<_>>(),
        ["mark_prices", "prices"]
    );
}

/// `UnimarginErrorKind` lists exactly the engine's codes.
#[test]
fn the_error_kinds_are_the_engine_s_codes() {
    let defs = parse_definitions(TYPESCRIPT_DEFINITIONS);
    let listed = &defs.aliases["UnimarginErrorKind"];
    let codes: BTreeSet<String> = unimargin::ErrorKind::CODES
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(*listed, codes);
}
