//! The market document (MARKET.md) and scenarios resolved against it: the default market
//! shipped with the page validates and holds only sourced tables; the seed examples give
//! their figures against it; each rule of resolution, with its errors; and (proptest) a
//! sparse scenario resolved against a market gives exactly the figures of the complete
//! scenario written out by hand.
// tests work figures out with plain operators: an overflow here fails the test
#![allow(clippy::arithmetic_side_effects)]

use proptest::prelude::*;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::path::PathBuf;
use unimargin::explain::{Line, Unit};
use unimargin::market::{resolve, MarketCoin, MarketContract, MarketDocument, MARKET_FORMAT};
use unimargin::scenario::{
    Coin, Contract, DiscountTier, LoanTier, MaintenanceTier, Market as Venue, Order, OrderSide,
    Position, PositionMode, PositionSide, Scenario, Settings, SCENARIO_FORMAT,
};
use unimargin::{
    evaluate_json_with_market, evaluate_scenario, evaluate_with_market, parse_market,
    parse_scenario, report_to_json, Decimal, Market,
};

fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo_file(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The default market, as the page serves it (`web/market.json`, copied to `dist/`).
fn default_market() -> Market {
    parse_market(&read("web/market.json")).unwrap_or_else(|e| panic!("web/market.json: {e}"))
}

fn json(report: &unimargin::Report) -> Value {
    serde_json::from_str(&report_to_json(report)).unwrap()
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

// ---- the default market ----

#[test]
fn the_default_market_validates_and_every_table_has_its_source_and_date() {
    let market = default_market();
    let document = market.document();
    assert_eq!(document.format, MARKET_FORMAT);
    assert_eq!(document.name, "Bitget UTA, public sources");
    assert_eq!(document.as_of, "2025-09-26");
    assert!(
        document.settings.is_empty(),
        "a setting has no source of its own"
    );
    for coin in &document.coins {
        let source = coin.source.as_deref().unwrap_or("");
        assert!(!source.is_empty(), "{}: no source", coin.coin);
        let has_table = coin.discount_tiers.is_some()
            || coin.loan_tiers.is_some()
            || coin.hourly_interest.is_some()
            || coin.interest_free.is_some();
        if has_table {
            assert!(
                coin.as_of.is_some(),
                "{}: a table without a date",
                coin.coin
            );
        } else {
            assert!(source.contains("No public"), "{}: {source}", coin.coin);
        }
    }
    for contract in &document.contracts {
        assert!(contract.source.is_some(), "{}", contract.symbol);
        assert!(contract.as_of.is_some(), "{}", contract.symbol);
        assert!(contract.max_leverage.is_some(), "{}", contract.symbol);
    }
    let names = |list: Vec<&str>| list.join(",");
    assert_eq!(
        names(document.coins.iter().map(|c| c.coin.as_str()).collect()),
        "BTC,USDT,USDC,ETH,SOL"
    );
    assert_eq!(
        names(
            document
                .contracts
                .iter()
                .map(|c| c.symbol.as_str())
                .collect()
        ),
        "BTCUSDT,ETHUSDT,SOLUSDT"
    );
    // BTCUSDT: article 12560603838668 (2025-09-26), 150× and 0.40 % up to 200,000 USDT
    let btcusdt = market.contract("BTCUSDT").unwrap();
    assert_eq!(btcusdt.max_leverage, Some(d("150")));
    assert_eq!(btcusdt.taker_fee, Some(d("0.0006")));
    let tiers = btcusdt.mm_tiers.as_ref().unwrap();
    assert_eq!(tiers[0].up_to_usd, Some(d("200000")));
    assert_eq!(tiers[0].mmr, d("0.004"));
    assert_eq!(tiers.last().unwrap().mmr, d("0.6"));
}

#[test]
fn the_seed_examples_give_their_figures_against_the_default_market() {
    let market = default_market();
    // (fixture, JSON pointer, figure): the same figures as the complete seeds
    #[rustfmt::skip]
    let table: &[(&str, &str, &str)] = &[
        // BTC's 0.98 from the market: 50,000 × 0.98 + 2,000 × 0 = 49,000
        ("seed-1-btc-dot-collateral.json", "/account/adjusted_equity", "49000"),
        // 1,000,000 × 0.98 + 1,000,000 × 0.97 = 1,950,000, the market's two BTC tiers
        ("seed-2-btc-two-tiers.json", "/account/adjusted_equity", "1950000"),
        ("seed-2-btc-two-tiers.json", "/coins/0/discount_slices/1/discounted_usd", "970000"),
        // USDT's rate 1 from the market: 50,000 + 100 + 50 = 50,150; the order's loss 50
        ("seed-3-buy-dot.json", "/account/adjusted_equity", "50150"),
        ("seed-3-buy-dot.json", "/check/spot_loss", "50"),
        ("seed-3-buy-dot.json", "/check/headroom", "50100"),
        ("seed-4-sell-dot-on-loan.json", "/account/adjusted_equity", "50100"),
        ("seed-4-sell-dot-on-loan.json", "/check/initial_margin_added", "10"),
        ("seed-4-sell-dot-on-loan.json", "/check/accepted", "true"),
        // 1.2 BTC, 8,000 USDT owed, long 0.3 BTCUSDT from 98,000 at 100,000 (issue 10's person):
        // PnL 0.3 × 2,000 = 600 USDT, so USDT −7,400; AE = 1.2 × 100,000 × 0.98 − 7,400
        ("btc-long.json", "/account/adjusted_equity", "110200"),
        // loans IM 7,400 ÷ 5 = 1,480; derivatives IM 0.3 × 100,000 × (1/20 + 0.0006) = 1,518
        ("btc-long.json", "/account/margin_reserved", "2998"),
        // MM: 7,400 × 0.04 + 30,000 × (0.004 + 0.0006) = 296 + 138 (the market's tier 1)
        ("btc-long.json", "/account/maintenance_margin", "434"),
        // buying 0.3 more adds 1,518: reserved 4,516, headroom 110,200 − 4,516
        ("btc-long.json", "/check/headroom", "105684"),
        // (0.3 + s) × 5,060 ≤ 110,200 − 1,480 ⇔ s ≤ 21.18616…: 21.186 on the 0.001 grid
        ("btc-long.json", "/check/max_size", "21.186"),
        ("btc-long.json", "/market/name", "Bitget UTA, public sources"),
        ("btc-long.json", "/market/as_of", "2025-09-26"),
    ];
    for &(file, pointer, want) in table {
        let text = read(&format!("tests/fixtures/market/{file}"));
        let report = evaluate_json_with_market(&text, Some(&market))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let got = json(&report);
        let got = got
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{file}{pointer}"));
        let got = got.as_str().map_or_else(|| got.to_string(), str::to_string);
        assert_eq!(got, want, "{file}{pointer}");
    }
    // each seed that names the market gives exactly the complete seed's report
    for seed in [
        "seed-1-btc-dot-collateral.json",
        "seed-2-btc-two-tiers.json",
        "seed-3-buy-dot.json",
        "seed-4-sell-dot-on-loan.json",
    ] {
        let sparse = read(&format!("tests/fixtures/market/{seed}"));
        let complete = read(&format!("tests/fixtures/seeds/{seed}"));
        let mut with_market = evaluate_json_with_market(&sparse, Some(&market)).unwrap();
        with_market.market = None;
        let alone = unimargin::evaluate_json(&complete).unwrap();
        assert_eq!(with_market, alone, "{seed}");
    }
}

// ---- the rules of resolution ----

const MARKET: &str = r#"{
  "format": "unimargin/market@1", "name": "Example UTA tables", "as_of": "2025-09-26",
  "settings": { "spot_taker_fee": "0.001" },
  "coins": [
    { "coin": "BTC", "quote": "USD",
      "discount_tiers": [ { "up_to_usd": "1000000", "rate": "0.98" }, { "rate": "0.97" } ],
      "loan_tiers": [ { "up_to": "50", "leverage": "10", "mmr": "0.05" }, { "leverage": "5", "mmr": "0.1" } ],
      "hourly_interest": "0.000002", "source": "an example", "as_of": "2025-09-01" },
    { "coin": "USDT", "discount_tiers": [ { "rate": "1" } ],
      "loan_tiers": [ { "leverage": "10", "mmr": "0.03" } ] },
    { "coin": "ETH", "quote": "USD", "source": "no public table" }
  ],
  "contracts": [
    { "symbol": "BTCUSDT", "base": "BTC", "settle": "USDT", "max_leverage": "150",
      "taker_fee": "0.0006", "mm_tiers": [ { "up_to_usd": "200000", "mmr": "0.004" }, { "mmr": "0.005" } ] },
    { "symbol": "ETHUSDT", "base": "ETH", "settle": "USDT", "max_leverage": "100" }
  ]
}"#;

fn market() -> Market {
    parse_market(MARKET).unwrap()
}

/// A scenario with `coins` and `contracts` (JSON lists) and a BTCUSDT long when it has
/// contracts.
fn scenario(coins: &str, contracts: &str, extra: &str) -> Scenario {
    parse_scenario(&format!(
        r#"{{"format":"unimargin/scenario@1","coins":{coins},"contracts":{contracts}{extra}}}"#
    ))
    .unwrap()
}

#[test]
fn what_the_scenario_leaves_out_comes_from_the_market_and_what_it_gives_wins() {
    let sparse = scenario(
        r#"[{"coin":"BTC","balance":"2","price":"50000"},
            {"coin":"USDT","balance":"1000","discount_tiers":[{"rate":"0.9"}]}]"#,
        r#"[{"symbol":"BTCUSDT","mark_price":"50000","leverage":"20","taker_fee":"0.001"}]"#,
        r#","settings":{"warning_rate":"0.7"}"#,
    );
    let complete = resolve(&sparse, Some(&market())).unwrap().into_owned();
    let btc = &complete.coins[0];
    assert_eq!(btc.quote.as_deref(), Some("USD"));
    assert_eq!(btc.discount_tiers.as_ref().unwrap()[1].rate, d("0.97"));
    assert_eq!(btc.loan_tiers.as_ref().unwrap().len(), 2);
    assert_eq!(btc.hourly_interest, Some(d("0.000002")));
    // not in the market's entry: FORMAT.md's default (0) stays implicit
    assert_eq!(btc.interest_free, None);
    // the scenario's own table wins over the market's
    assert_eq!(
        complete.coins[1].discount_tiers.as_ref().unwrap()[0].rate,
        d("0.9")
    );
    let contract = &complete.contracts[0];
    assert_eq!(contract.base.as_deref(), Some("BTC"));
    assert_eq!(contract.settle.as_deref(), Some("USDT"));
    assert_eq!(contract.taker_fee, Some(d("0.001")));
    assert_eq!(contract.mm_tiers.as_ref().unwrap().len(), 2);
    // settings field by field
    assert_eq!(complete.settings.warning_rate, Some(d("0.7")));
    assert_eq!(complete.settings.spot_taker_fee, Some(d("0.001")));
    // the complete scenario names no market and gives the same figures without one
    assert_eq!(complete.market, None);
    let mut with_market = evaluate_with_market(&sparse, Some(&market())).unwrap();
    assert_eq!(
        with_market.market.as_ref().map(|m| m.name.as_str()),
        Some("Example UTA tables")
    );
    with_market.market = None;
    assert_eq!(with_market, evaluate_scenario(&complete).unwrap());
    // and written out, it reads back as itself
    let written = serde_json::to_string(&complete).unwrap();
    assert_eq!(parse_scenario(&written).unwrap(), complete);
}

#[test]
fn a_market_s_position_mode_is_a_setting_like_the_others() {
    // MARKET.md: `settings` field by field, what the scenario gives winning; so a market that
    // says its venue holds one net position per contract makes a hedge an error, unless the
    // scenario says it trades in hedge mode
    let one_way = parse_market(&MARKET.replace(
        r#""settings": { "spot_taker_fee": "0.001" }"#,
        r#""settings": { "spot_taker_fee": "0.001", "position_mode": "one_way" }"#,
    ))
    .unwrap();
    let hedged = |settings: &str| {
        scenario(
            r#"[{"coin":"BTC","balance":"1","price":"50000"},{"coin":"USDT","balance":"1000"}]"#,
            r#"[{"symbol":"BTCUSDT","mark_price":"50000","leverage":"20"}]"#,
            &format!(
                r#"{settings},"positions":[
                    {{"symbol":"BTCUSDT","side":"long","size":"0.1","entry_price":"50000"}},
                    {{"symbol":"BTCUSDT","side":"short","size":"0.1","entry_price":"50000"}}]"#
            ),
        )
    };
    let complete = resolve(&hedged(""), Some(&one_way)).unwrap().into_owned();
    assert_eq!(complete.settings.position_mode, Some(PositionMode::OneWay));
    assert_eq!(complete.settings.spot_taker_fee, Some(d("0.001")));
    let (path, code, message) = refusal(&hedged(""), Some(&one_way));
    assert_eq!(
        (path.as_str(), code),
        ("positions[1].side", "hedge_in_one_way_mode")
    );
    assert!(
        message.starts_with("BTCUSDT already has a long position at positions[0]"),
        "{message}"
    );
    // the scenario's own mode wins over the market's
    let own = hedged(r#","settings":{"position_mode":"hedge"}"#);
    let complete = resolve(&own, Some(&one_way)).unwrap().into_owned();
    assert_eq!(complete.settings.position_mode, Some(PositionMode::Hedge));
    assert_eq!(complete.settings.spot_taker_fee, Some(d("0.001")));
    assert!(evaluate_with_market(&own, Some(&one_way)).is_ok());
    // and a market that says nothing leaves the scenario's (FORMAT.md's default: hedge)
    let complete = resolve(&hedged(""), Some(&market())).unwrap().into_owned();
    assert_eq!(complete.settings.position_mode, None);
    assert!(evaluate_with_market(&hedged(""), Some(&market())).is_ok());
    // a scenario in one-way mode keeps it against a market without a mode
    let (path, code, _) = refusal(
        &hedged(r#","settings":{"position_mode":"one_way"}"#),
        Some(&market()),
    );
    assert_eq!(
        (path.as_str(), code),
        ("positions[1].side", "hedge_in_one_way_mode")
    );
}

#[test]
fn without_a_market_the_scenario_is_itself_and_the_report_names_none() {
    let complete = scenario(
        r#"[{"coin":"BTC","balance":"1","price":"50000","discount_tiers":[{"rate":"0.98"}]}]"#,
        "[]",
        "",
    );
    assert_eq!(*resolve(&complete, None).unwrap(), complete);
    let report = evaluate_with_market(&complete, None).unwrap();
    assert_eq!(report.market, None);
    assert!(json(&report).get("market").is_none());
}

/// The error of evaluating `scenario` against `market`: (path, code, message).
fn refusal(scenario: &Scenario, market: Option<&Market>) -> (String, &'static str, String) {
    let error = evaluate_with_market(scenario, market).unwrap_err();
    (error.path().to_string(), error.code(), error.message())
}

#[test]
fn what_neither_gives_is_an_error_at_its_path_naming_the_market() {
    let m = market();
    let table: [(Scenario, &str, &str, &str); 7] = [
        (
            scenario(r#"[{"coin":"DOGE","balance":"1","price":"0.1"}]"#, "[]", ""),
            "coins[0].discount_tiers",
            "not_in_market",
            "DOGE is not in the market 'Example UTA tables'; give its discount tiers",
        ),
        (
            // listed without tiers: asked for, never counted as 0
            scenario(r#"[{"coin":"ETH","balance":"1","price":"3000"}]"#, "[]", ""),
            "coins[0].discount_tiers",
            "not_in_market",
            "ETH has no discount tiers in the market 'Example UTA tables'; give its discount tiers",
        ),
        (
            scenario(
                r#"[{"coin":"USDT","balance":"1"}]"#,
                r#"[{"symbol":"DOGEUSDT","mark_price":"0.1","leverage":"10","base":"DOGE","mm_tiers":[{"mmr":"0.01"}]}]"#,
                "",
            ),
            "contracts[0].settle",
            "not_in_market",
            "DOGEUSDT is not in the market 'Example UTA tables'; give its settle coin",
        ),
        (
            scenario(
                r#"[{"coin":"USDT","balance":"1"}]"#,
                r#"[{"symbol":"DOGEUSDT","mark_price":"0.1","leverage":"10","base":"DOGE","settle":"USDT"}]"#,
                "",
            ),
            "contracts[0].mm_tiers",
            "not_in_market",
            "give its position tiers (mm_tiers)",
        ),
        (
            scenario(
                r#"[{"coin":"USDT","balance":"1"}]"#,
                r#"[{"symbol":"ETHUSDT","mark_price":"3000","leverage":"10"}]"#,
                "",
            ),
            "contracts[0].mm_tiers",
            "not_in_market",
            "ETHUSDT has no position tiers (mm_tiers) in the market",
        ),
        (
            scenario(
                r#"[{"coin":"USDT","balance":"1"}]"#,
                r#"[{"symbol":"BTCUSDT","mark_price":"50000","leverage":"200"}]"#,
                "",
            ),
            "contracts[0].leverage",
            "leverage_above_max",
            "leverage 200 is above the 150 that the market 'Example UTA tables' allows for BTCUSDT",
        ),
        (
            // a scenario's own leverage is capped even where it gives its own tiers
            scenario(
                r#"[{"coin":"USDT","balance":"1"}]"#,
                r#"[{"symbol":"ETHUSDT","mark_price":"3000","leverage":"100.5","mm_tiers":[{"mmr":"0.01"}]}]"#,
                "",
            ),
            "contracts[0].leverage",
            "leverage_above_max",
            "above the 100",
        ),
    ];
    for (s, path, code, message) in table {
        let (got_path, got_code, got_message) = refusal(&s, Some(&m));
        assert_eq!((got_path.as_str(), got_code), (path, code), "{got_message}");
        assert!(got_message.contains(message), "{got_message}");
    }
    // at the market's maximum exactly: accepted
    let at_max = scenario(
        r#"[{"coin":"USDT","balance":"1000"}]"#,
        r#"[{"symbol":"BTCUSDT","mark_price":"50000","leverage":"150"}]"#,
        "",
    );
    assert!(evaluate_with_market(&at_max, Some(&m)).is_ok());
    // without a market, a coin without tiers counts for 0 and a contract without settle
    // is a missing field, as FORMAT.md says
    let doge = scenario(r#"[{"coin":"DOGE","balance":"1","price":"0.1"}]"#, "[]", "");
    let report = evaluate_with_market(&doge, None).unwrap();
    assert!(report.account.adjusted_equity.is_zero());
    let no_settle = scenario(
        r#"[{"coin":"USDT","balance":"1"}]"#,
        r#"[{"symbol":"BTCUSDT","base":"BTC","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}]"#,
        "",
    );
    let (path, code, _) = refusal(&no_settle, None);
    assert_eq!(
        (path.as_str(), code),
        ("contracts[0].settle", "missing_field")
    );
}

#[test]
fn a_scenario_naming_a_market_is_evaluated_with_that_market_only() {
    let named = |name: &str, as_of: &str| {
        scenario(
            r#"[{"coin":"BTC","balance":"1","price":"50000"}]"#,
            "[]",
            &format!(r#","market":{{"name":"{name}","as_of":"{as_of}"}}"#),
        )
    };
    let m = market();
    let right = named("Example UTA tables", "2025-09-26");
    let report = evaluate_with_market(&right, Some(&m)).unwrap();
    // 50,000 × 0.98 from the market
    assert_eq!(report.account.adjusted_equity, d("49000"));
    for (s, market, message) in [
        (
            &right,
            None,
            "this scenario takes its tables from the market 'Example UTA tables' of 2025-09-26: load that market to evaluate it",
        ),
        (
            &named("Example UTA tables", "2025-10-01"),
            Some(&m),
            "from the market 'Example UTA tables' of 2025-10-01, not from 'Example UTA tables' of 2025-09-26",
        ),
        (
            &named("Other tables", "2025-09-26"),
            Some(&m),
            "not from 'Example UTA tables' of 2025-09-26: load 'Other tables' of 2025-09-26",
        ),
    ] {
        let (path, code, got) = refusal(s, market);
        assert_eq!((path.as_str(), code), ("market", "wrong_market"), "{got}");
        assert!(got.contains(message), "{got}");
    }
    // the plain entry points refuse it too: its figures need the market
    let error = unimargin::evaluate_scenario(&right).unwrap_err();
    assert_eq!((error.path(), error.code()), ("market", "wrong_market"));
}

// ---- discount tiers in coin units ----

/// KuCoin's published example, in coin units: 660 BTC at 100,000, 0.98 up to 500 BTC, 0.975
/// up to 600, 0.97 above; USDT to borrow at 10× (MMR 3 %).
const QUANTITY_TIERS: &str = r#"{
  "format": "unimargin/scenario@1",
  "coins": [
    { "coin": "BTC", "balance": "660", "price": "100000",
      "discount_tiers": [ { "up_to": "500", "rate": "0.98" }, { "up_to": "600", "rate": "0.975" }, { "rate": "0.97" } ] },
    { "coin": "USDT", "balance": "0", "discount_tiers": [ { "rate": "1" } ],
      "loan_tiers": [ { "leverage": "10", "mmr": "0.03" } ] }
  ],
  "check": { "market": "spot", "side": "buy", "base": "BTC", "quote": "USDT",
             "size": "50", "price": "100000", "size_step": "1" }
}"#;

#[test]
fn golden_figures_of_tiers_in_coin_units() {
    let pending = QUANTITY_TIERS.replace(
        r#""check": {"#,
        r#""orders": [ { "market": "spot", "side": "buy", "base": "BTC", "quote": "USDT", "size": "50", "price": "100000" } ], "check": {"#,
    );
    #[rustfmt::skip]
    let table: &[(&str, &str, &str)] = &[
        // 500 × 100,000 × 0.98 + 100 × 100,000 × 0.975 + 60 × 100,000 × 0.97
        // = 49,000,000 + 9,750,000 + 5,820,000 = 64,570,000
        (QUANTITY_TIERS, "/account/adjusted_equity", "64570000"),
        (QUANTITY_TIERS, "/coins/0/discount_slices/0/discounted_usd", "49000000"),
        (QUANTITY_TIERS, "/coins/0/discount_slices/1/coin_units/quantity", "100"),
        (QUANTITY_TIERS, "/coins/0/discount_slices/1/from_usd", "50000000"),
        (QUANTITY_TIERS, "/coins/0/discount_slices/2/discounted_usd", "5820000"),
        // 66,000,000 − 64,570,000
        (QUANTITY_TIERS, "/coins/0/haircut", "1430000"),
        // buying 50 BTC with borrowed USDT: BTC 710 → 500 × 0.98 + 100 × 0.975 + 110 × 0.97
        // = 694.2 BTC × 100,000 = 69,420,000, less the 5,000,000 USDT owed = 64,420,000:
        // a loss of 150,000 = 50 × 100,000 × (1 − 0.97)
        (QUANTITY_TIERS, "/check/spot_loss", "150000"),
        // the loan's IM: 5,000,000 ÷ 10
        (QUANTITY_TIERS, "/check/initial_margin_added", "500000"),
        // 64,570,000 − 150,000 − 500,000
        (QUANTITY_TIERS, "/check/headroom", "63920000"),
        // above 600 BTC every coin bought counts at 0.97: h(s) = 64,570,000 − 3,000 s −
        // 10,000 s ≥ 0 ⇔ s ≤ 4,966.92…: 4,966 on the grid of 1
        (QUANTITY_TIERS, "/check/max_size", "4966"),
        // the same buy as a pending order: its spot trading loss is taken off AE
        (&pending, "/account/spot_trading_losses", "150000"),
        (&pending, "/account/adjusted_equity", "64420000"),
        (&pending, "/account/initial_margin_loans", "500000"),
    ];
    for &(scenario, pointer, want) in table {
        let report = json(&unimargin::evaluate_json(scenario).unwrap());
        let got = report
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{pointer}"));
        assert_eq!(got.as_str(), Some(want), "{pointer}");
    }
}

#[test]
fn the_explanation_writes_coin_unit_tiers_in_the_coin() {
    let account =
        unimargin::Account::from_scenario(&parse_scenario(QUANTITY_TIERS).unwrap()).unwrap();
    let report = unimargin::evaluate::evaluate(&account).unwrap();
    let explained = unimargin::explain::explain(&account, &report);
    // the typed line carries the slices' ranges in BTC, as the tiers are bounded
    let tiered = (explained.adjusted_equity.worked.iter())
        .find_map(|line| match line {
            Line::TieredDiscount { slices, .. } => Some(slices),
            _ => None,
        })
        .expect("a tiered discount line");
    let btc = Unit::Coin("BTC".into());
    let ranges: Vec<_> = (tiered.iter())
        .map(|(r, rate)| (r.lower, r.upper, &r.unit, *rate))
        .collect();
    assert_eq!(
        ranges,
        [
            (None, Some(dec!(500)), &btc, dec!(0.98)),
            (Some(dec!(500)), Some(dec!(600)), &btc, dec!(0.975)),
            (Some(dec!(600)), None, &btc, dec!(0.97)),
        ]
    );
    let english = unimargin::explain::english::render_all(&explained);
    let text = serde_json::to_string(&english).unwrap();
    assert!(
        text.contains(
            "up to 500 BTC at 0.98, above 500 up to 600 BTC at 0.975, above 600 BTC at 0.97"
        ),
        "{text}"
    );
}

#[test]
fn one_coin_s_tiers_are_of_one_kind() {
    for (tiers, path) in [
        (
            r#"[{"up_to":"500","rate":"0.98"},{"up_to_usd":"1000000","rate":"0.97"},{"rate":"0.9"}]"#,
            "coins[0].discount_tiers[1]",
        ),
        (
            r#"[{"up_to_usd":"1000000","rate":"0.98"},{"up_to":"600","rate":"0.97"},{"rate":"0.9"}]"#,
            "coins[0].discount_tiers[1]",
        ),
        (
            r#"[{"up_to":"500","up_to_usd":"1000","rate":"0.98"},{"rate":"0.9"}]"#,
            "coins[0].discount_tiers[0]",
        ),
    ] {
        let text = format!(
            r#"{{"format":"unimargin/scenario@1","coins":[{{"coin":"BTC","balance":"1","price":"1","discount_tiers":{tiers}}}]}}"#
        );
        let error = unimargin::evaluate_json(&text).unwrap_err();
        assert_eq!((error.path(), error.code()), (path, "mixed_tier_units"));
    }
    // coin-unit bounds ascend like any others
    let text = r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to":"600","rate":"0.98"},{"up_to":"500","rate":"0.97"},{"rate":"0.9"}]}]}"#;
    let error = unimargin::evaluate_json(text).unwrap_err();
    assert_eq!(
        (error.path(), error.code()),
        ("coins[0].discount_tiers[1].up_to", "tiers_not_ascending")
    );
    assert!(error
        .message()
        .contains("up_to 500 is not above the previous tier's 600"));
}

/// A BTC-settled ETH contract: shocking ETH moves the BTC equity across a coin-unit bound.
const ETH_SETTLED_IN_BTC: &str = r#"{
  "format": "unimargin/scenario@1",
  "coins": [
    { "coin": "BTC", "balance": "520", "price": "100000",
      "discount_tiers": [ { "up_to": "500", "rate": "0.98" }, { "up_to": "600", "rate": "0.9" }, { "rate": "0.5" } ],
      "loan_tiers": [ { "leverage": "5", "mmr": "0.1" } ] },
    { "coin": "ETH", "balance": "0", "price": "3000", "discount_tiers": [ { "rate": "0.9" } ] }
  ],
  "contracts": [
    { "symbol": "ETHBTC", "base": "ETH", "settle": "BTC", "mark_price": "0.03", "leverage": "10",
      "mm_tiers": [ { "mmr": "0.05" } ] }
  ],
  "positions": [ { "symbol": "ETHBTC", "side": "long", "size": "100000", "entry_price": "0.03" } ]
}"#;

#[test]
fn liquidation_prices_with_coin_unit_tiers_verify_by_full_evaluation() {
    use unimargin::evaluate::{evaluate, Evaluation};
    use unimargin::whatif::{liquidation_prices, shock};
    let account =
        unimargin::Account::from_scenario(&parse_scenario(ETH_SETTLED_IN_BTC).unwrap()).unwrap();
    let evaluation = Evaluation::new(&account).unwrap();
    let found = liquidation_prices(&evaluation, 1).unwrap();
    // At ETH price P the mark is 0.03 × P ÷ 3,000 and the BTC equity q = 520 + 100,000 ×
    // (mark − 0.03) = P − 2,480; below P = 2,980, q < 500 BTC, all in the 0.98 tier:
    // AE = 98,000 × (P − 2,480); MM = 100,000 × 0.05 × mark × 100,000 = 5,000 P.
    // Rate 1: 5,000 P = 98,000 P − 243,040,000 ⇔ P = 2,613.333…
    // Rate 0.8: 5,000 P = 78,400 P − 194,432,000 ⇔ P = 2,648.9373…
    let below = found.liquidation.below.expect("a liquidation price");
    let warning = found.warning.below.expect("a warning price");
    let near = |got: Decimal, want: &str| (got - d(want)).abs() < d("0.000001");
    assert!(near(below, "2613.333333"), "{below}");
    assert!(near(warning, "2648.937329"), "{warning}");
    let rate = |price: Decimal| {
        evaluate(&shock(&account, 1, price).unwrap())
            .unwrap()
            .account
            .cross_margin_rate
            .unwrap()
    };
    for (price, threshold) in [(below, Decimal::ONE), (warning, d("0.8"))] {
        let nudge = price * d("0.000001");
        assert!(rate(price + nudge) < threshold, "safe just above {price}");
        assert!(rate(price) >= threshold, "past at {price}");
    }
}

// ---- a sparse scenario resolved against a market: the figures of the complete one ----

/// One table field: the market's value, the scenario's own, and whether the scenario
/// leaves it out (and so takes the market's).
#[derive(Debug, Clone)]
struct Field<T> {
    market: T,
    own: T,
    from_market: bool,
}

impl<T: Clone> Field<T> {
    /// The value in the complete scenario, chosen by hand.
    fn complete(&self) -> T {
        if self.from_market {
            self.market.clone()
        } else {
            self.own.clone()
        }
    }

    /// The value in the sparse scenario: left out where it comes from the market.
    fn sparse(&self) -> Option<T> {
        (!self.from_market).then(|| self.own.clone())
    }
}

fn field<T: Clone + std::fmt::Debug>(
    values: impl Strategy<Value = T> + Clone,
) -> impl Strategy<Value = Field<T>> {
    (values.clone(), values, any::<bool>()).prop_map(|(market, own, from_market)| Field {
        market,
        own,
        from_market,
    })
}

fn rate(range: std::ops::Range<i64>, scale: u32) -> impl Strategy<Value = Decimal> + Clone {
    range.prop_map(move |n| Decimal::new(n, scale))
}

/// Two or three discount tiers, bounded in USD or in coin units.
fn discount_tiers() -> impl Strategy<Value = Vec<DiscountTier>> + Clone {
    (
        any::<bool>(),
        prop::collection::vec((rate(1..200, 1), rate(50..101, 2)), 1..3),
        rate(0..101, 2),
    )
        .prop_map(|(coin_units, bounded, last)| {
            let mut bound = Decimal::ZERO;
            let mut tiers: Vec<DiscountTier> = bounded
                .into_iter()
                .map(|(width, rate)| {
                    // coin units: up to 20 BTC; USD: up to 2,000,000
                    bound += width;
                    let upper = if coin_units {
                        bound
                    } else {
                        bound * Decimal::new(10_000, 0)
                    };
                    DiscountTier {
                        up_to_usd: (!coin_units).then_some(upper),
                        up_to: coin_units.then_some(upper),
                        rate,
                    }
                })
                .collect();
            tiers.push(DiscountTier {
                rate: last,
                ..DiscountTier::default()
            });
            tiers
        })
}

fn loan_tiers() -> impl Strategy<Value = Vec<LoanTier>> + Clone {
    (rate(2..20, 0), rate(1..10, 2), rate(1..5, 0)).prop_map(|(leverage, mmr, lower)| {
        vec![
            LoanTier {
                up_to: Some(Decimal::new(50_000, 0)),
                leverage,
                mmr,
            },
            LoanTier {
                up_to: None,
                leverage: lower,
                mmr: mmr * Decimal::TWO,
            },
        ]
    })
}

fn mm_tiers() -> impl Strategy<Value = Vec<MaintenanceTier>> + Clone {
    (rate(1..10, 3), rate(100_000..300_000, 0)).prop_map(|(mmr, bound)| {
        vec![
            MaintenanceTier {
                up_to_usd: Some(bound),
                mmr,
            },
            MaintenanceTier {
                up_to_usd: None,
                mmr: mmr * Decimal::TWO,
            },
        ]
    })
}

#[derive(Debug, Clone)]
struct Case {
    btc_discount: Field<Vec<DiscountTier>>,
    btc_loans: Field<Vec<LoanTier>>,
    btc_interest: Field<Decimal>,
    usdt_discount: Field<Vec<DiscountTier>>,
    usdt_loans: Field<Vec<LoanTier>>,
    usdt_interest_free: Field<Decimal>,
    taker_fee: Field<Decimal>,
    liquidation_fee: Field<Decimal>,
    mm_tiers: Field<Vec<MaintenanceTier>>,
    spot_taker_fee: Field<Decimal>,
    warning_rate: Field<Decimal>,
    btc_balance: Decimal,
    usdt_balance: Decimal,
    btc_price: Decimal,
    leverage: Decimal,
    long: Decimal,
    short: Decimal,
    buy: Decimal,
}

fn case() -> impl Strategy<Value = Case> {
    (
        (
            field(discount_tiers()),
            field(loan_tiers()),
            field(rate(0..100, 7)),
            field(discount_tiers()),
            field(loan_tiers()),
            field(rate(0..1000, 0)),
        ),
        (
            field(rate(0..10, 4)),
            field(rate(0..10, 4)),
            field(mm_tiers()),
            field(rate(0..20, 4)),
            field(rate(50..95, 2)),
        ),
        (
            rate(0..5000, 2),
            rate(-200_000..200_000, 0),
            rate(20_000..120_000, 0),
            rate(1..150, 0),
            rate(0..300, 2),
            rate(0..300, 2),
            rate(1..200, 2),
        ),
    )
        .prop_map(|(coins, contract, account)| Case {
            btc_discount: coins.0,
            btc_loans: coins.1,
            btc_interest: coins.2,
            usdt_discount: coins.3,
            usdt_loans: coins.4,
            usdt_interest_free: coins.5,
            taker_fee: contract.0,
            liquidation_fee: contract.1,
            mm_tiers: contract.2,
            spot_taker_fee: contract.3,
            warning_rate: contract.4,
            btc_balance: account.0,
            usdt_balance: account.1,
            btc_price: account.2,
            leverage: account.3,
            long: account.4,
            short: account.5,
            buy: account.6,
        })
}

impl Case {
    fn market(&self) -> Market {
        Market::new(MarketDocument {
            format: MARKET_FORMAT.into(),
            name: "generated".into(),
            as_of: "2025-01-31".into(),
            source: None,
            settings: Settings {
                spot_taker_fee: Some(self.spot_taker_fee.market),
                warning_rate: Some(self.warning_rate.market),
                ..Settings::default()
            },
            coins: vec![
                MarketCoin {
                    coin: "BTC".into(),
                    quote: Some("USD".into()),
                    discount_tiers: Some(self.btc_discount.market.clone()),
                    loan_tiers: Some(self.btc_loans.market.clone()),
                    hourly_interest: Some(self.btc_interest.market),
                    ..MarketCoin::default()
                },
                MarketCoin {
                    coin: "USDT".into(),
                    discount_tiers: Some(self.usdt_discount.market.clone()),
                    loan_tiers: Some(self.usdt_loans.market.clone()),
                    interest_free: Some(self.usdt_interest_free.market),
                    ..MarketCoin::default()
                },
            ],
            contracts: vec![MarketContract {
                symbol: "BTCUSDT".into(),
                base: "BTC".into(),
                settle: "USDT".into(),
                max_leverage: Some(Decimal::new(150, 0)),
                taker_fee: Some(self.taker_fee.market),
                liquidation_fee: Some(self.liquidation_fee.market),
                mm_tiers: Some(self.mm_tiers.market.clone()),
                ..MarketContract::default()
            }],
        })
        .unwrap()
    }

    /// The scenario with each table either its own or, when `complete`, the market's written
    /// out; when not `complete`, the market's tables are left out.
    fn scenario(&self, complete: bool) -> Scenario {
        fn pick<T: Clone>(field: &Field<T>, complete: bool) -> Option<T> {
            if complete {
                Some(field.complete())
            } else {
                field.sparse()
            }
        }
        let positions = [
            (PositionSide::Long, self.long),
            (PositionSide::Short, self.short),
        ]
        .into_iter()
        .filter(|(_, size)| !size.is_zero())
        .map(|(side, size)| Position {
            symbol: "BTCUSDT".into(),
            side,
            size,
            entry_price: self.btc_price * Decimal::new(99, 2),
        })
        .collect();
        Scenario {
            format: SCENARIO_FORMAT.into(),
            settings: Settings {
                spot_taker_fee: pick(&self.spot_taker_fee, complete),
                warning_rate: pick(&self.warning_rate, complete),
                ..Settings::default()
            },
            coins: vec![
                Coin {
                    coin: "BTC".into(),
                    balance: self.btc_balance,
                    price: Some(self.btc_price),
                    // the market's quote is USD, FORMAT.md's default too
                    quote: complete.then(|| "USD".into()),
                    discount_tiers: pick(&self.btc_discount, complete),
                    loan_tiers: pick(&self.btc_loans, complete),
                    hourly_interest: pick(&self.btc_interest, complete),
                    interest_free: None,
                },
                Coin {
                    coin: "USDT".into(),
                    balance: self.usdt_balance,
                    price: None,
                    quote: None,
                    discount_tiers: pick(&self.usdt_discount, complete),
                    loan_tiers: pick(&self.usdt_loans, complete),
                    hourly_interest: None,
                    interest_free: pick(&self.usdt_interest_free, complete),
                },
            ],
            contracts: vec![Contract {
                symbol: "BTCUSDT".into(),
                base: complete.then(|| "BTC".into()),
                settle: complete.then(|| "USDT".into()),
                mark_price: self.btc_price,
                leverage: self.leverage,
                taker_fee: pick(&self.taker_fee, complete),
                liquidation_fee: pick(&self.liquidation_fee, complete),
                mm_tiers: pick(&self.mm_tiers, complete),
            }],
            positions,
            orders: vec![Order {
                market: Venue::Spot,
                symbol: None,
                side: OrderSide::Buy,
                base: Some("BTC".into()),
                quote: Some("USDT".into()),
                size: self.buy,
                price: self.btc_price,
                size_step: None,
            }],
            check: Some(Order {
                market: Venue::Futures,
                symbol: Some("BTCUSDT".into()),
                side: OrderSide::Buy,
                base: None,
                quote: None,
                size: Decimal::new(1, 1),
                price: self.btc_price,
                size_step: Some(Decimal::new(1, 3)),
            }),
            market: None,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_sparse_scenario_with_its_market_gives_the_figures_of_the_complete_one(case in case()) {
        let market = case.market();
        let sparse = case.scenario(false);
        let complete = case.scenario(true);
        let with_market = evaluate_with_market(&sparse, Some(&market));
        let alone = evaluate_scenario(&complete);
        match (with_market, alone) {
            (Ok(mut with_market), Ok(alone)) => {
                prop_assert_eq!(with_market.market.take().map(|m| m.name), Some("generated".to_string()));
                prop_assert_eq!(with_market, alone);
            }
            // an account that cannot be evaluated (a debt without loan tiers, …) is refused
            // the same way, at the same path
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "with the market {:?}, complete {:?}", a.map(|_| ()), b.map(|_| ())),
        }
        // and the resolver writes out the same complete scenario, up to the defaults it
        // leaves implicit (BTC's quote, the contract's base and settle are written)
        let resolved = resolve(&sparse, Some(&market)).unwrap().into_owned();
        prop_assert_eq!(resolved, complete);
    }
}
