//! `unimargin market from-bitget`: saved answers of Bitget's public v3 endpoints (of the
//! documented shape: `tests/bitget/*-documented.json` are the documentation's examples as
//! published) into a market document; malformed answers refused at `FILE:path`.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_unimargin");

fn answers_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bitget")
}

/// Runs the binary in `dir` (so that files are named as given), with no standard input.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the unimargin binary runs")
}

fn from_bitget(args: &[&str]) -> Output {
    let mut all = vec!["market", "from-bitget", "--name", "Bitget test"];
    all.extend_from_slice(args);
    run_in(&answers_dir(), &all)
}

fn ok(output: &Output) -> Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// Exit 2, nothing on stdout, the error document on stderr: (path, kind, message).
fn refused(output: &Output) -> (String, String, String) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    let error: Value = serde_json::from_str(&stderr).expect("stderr is JSON");
    let text = |field: &str| error["error"][field].as_str().unwrap().to_string();
    (text("path"), text("kind"), text("message"))
}

#[test]
fn the_documented_answers_make_a_market() {
    let market = ok(&from_bitget(&[
        "--discount-rate",
        "discount-rate-documented.json",
        "--margin-loans",
        "ETH=margin-loans-documented.json",
    ]));
    assert_eq!(market["format"], "unimargin/market@1");
    // the documented ETH bands, [0, 40,000) at 0.99 and from 40,000 at 0.98: "up to" the
    // next start
    assert_eq!(
        market["coins"][0]["discount_tiers"],
        json!([{"up_to_usd": "40000", "rate": "0.99"}, {"rate": "0.98"}])
    );
    // dailyInterest 0.1 ÷ 24 = 0.0041666…, up at 12 places (annualInterest is not read)
    assert_eq!(market["coins"][0]["hourly_interest"], "0.004166666667");
    // the dates of the answers: 2024-11-06 for both; the market's, the newest
    assert_eq!(market["coins"][0]["as_of"], "2024-11-06");
    assert_eq!(market["as_of"], "2024-11-06");
    let source = market["coins"][0]["source"].as_str().unwrap();
    assert!(
        source.contains("discount-rate (2024-11-06)") && source.contains("margin-loans"),
        "{source}"
    );
}

#[test]
fn a_full_set_of_answers_makes_a_market_that_evaluates() {
    let output = from_bitget(&[
        "--discount-rate",
        "discount-rate.json",
        "--coin",
        "BTC",
        "--coin",
        "USDT",
        "--position-tier",
        "BTCUSDT=position-tier-btcusdt.json",
        "--instruments",
        "instruments.json",
        "--loan-tier",
        "USDT=position-tier-usdt-margin.json",
        "--margin-loans",
        "USDT=margin-loans-documented.json",
        "--as-of",
        "2025-10-03",
    ]);
    let market = ok(&output);
    let coins: Vec<&str> = market["coins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["coin"].as_str().unwrap())
        .collect();
    // ETH is in the answer but not asked for
    assert_eq!(coins, ["BTC", "USDT"]);
    assert_eq!(
        market["coins"][0]["discount_tiers"],
        json!([{"up_to_usd": "1000000", "rate": "0.98"}, {"rate": "0.97"}])
    );
    let usdt = &market["coins"][1];
    assert_eq!(usdt["discount_tiers"], json!([{"rate": "1"}]));
    // MARGIN tiers: up to each maxTierValue in coin units, the last unbounded
    assert_eq!(
        usdt["loan_tiers"],
        json!([
            {"up_to": "100000", "leverage": "10", "mmr": "0.03"},
            {"up_to": "500000", "leverage": "5", "mmr": "0.05"},
            {"leverage": "3", "mmr": "0.1"}
        ])
    );
    // the oldest of its three answers (2025-10-01, 2025-10-01, 2024-11-06)
    assert_eq!(usdt["as_of"], "2024-11-06");
    let contract = &market["contracts"][0];
    assert_eq!(contract["symbol"], "BTCUSDT");
    assert_eq!(contract["base"], "BTC");
    assert_eq!(contract["settle"], "USDT");
    assert_eq!(contract["taker_fee"], "0.0006");
    assert_eq!(contract["max_leverage"], "150");
    // up to each maxTierValue; the last tier's cap (15,000,000) dropped: unbounded
    assert_eq!(
        contract["mm_tiers"],
        json!([
            {"up_to_usd": "200000", "mmr": "0.004"},
            {"up_to_usd": "1000000", "mmr": "0.005"},
            {"up_to_usd": "5000000", "mmr": "0.007"},
            {"mmr": "0.01"}
        ])
    );
    assert_eq!(contract["as_of"], "2025-10-02");
    assert_eq!(market["as_of"], "2025-10-03");

    // the market it wrote evaluates a scenario that gives only what it holds
    let dir = scratch("full-set");
    std::fs::write(dir.join("market.json"), &output.stdout).unwrap();
    std::fs::write(
        dir.join("account.json"),
        r#"{"format":"unimargin/scenario@1",
            "coins":[{"coin":"BTC","balance":"1","price":"100000"},{"coin":"USDT","balance":"-8000"}],
            "contracts":[{"symbol":"BTCUSDT","mark_price":"100000","leverage":"20"}],
            "positions":[{"symbol":"BTCUSDT","side":"long","size":"0.3","entry_price":"100000"}]}"#,
    )
    .unwrap();
    let report = ok(&run_in(
        &dir,
        &["evaluate", "account.json", "--market", "market.json"],
    ));
    // 100,000 × 0.98 − 8,000 = 90,000; loans IM 8,000 ÷ 10 = 800 (tier 1, up to 100,000 USDT);
    // derivatives IM 0.3 × 100,000 × (1/20 + 0.0006) = 1,518
    assert_eq!(report["account"]["adjusted_equity"], "90000");
    assert_eq!(report["account"]["margin_reserved"], "2318");
    // interest: 8,000 × 0.004166666667 = 33.333333336 USD an hour
    assert_eq!(report["account"]["hourly_interest_usd"], "33.333333336");
    assert_eq!(report["market"]["name"], "Bitget test");
}

#[test]
fn without_instruments_base_and_settle_come_from_the_symbol() {
    let market = ok(&from_bitget(&[
        "--position-tier",
        "BTCUSDT=position-tier-btcusdt.json",
    ]));
    let contract = &market["contracts"][0];
    assert_eq!(
        (&contract["base"], &contract["settle"]),
        (&json!("BTC"), &json!("USDT"))
    );
    // the largest tier leverage; no taker fee (not in these answers)
    assert_eq!(contract["max_leverage"], "150");
    assert!(contract.get("taker_fee").is_none());
    assert!(contract["source"]
        .as_str()
        .unwrap()
        .contains("base and settle coin read from the symbol"));
}

/// A directory of its own for a test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "unimargin-from-bitget-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn discount_answer(list: &str) -> String {
    format!(
        r#"{{"code":"00000","msg":"success","requestTime":1759276800000,"data":[{{"coin":"BTC","list":{list}}}]}}"#
    )
}

fn tier_answer(rows: &str) -> String {
    format!(r#"{{"code":"00000","msg":"success","requestTime":1759363200000,"data":{rows}}}"#)
}

#[test]
fn malformed_answers_are_refused_naming_the_file_and_the_path() {
    let dir = scratch("malformed");
    // (case, option, answer text, path, kind, part of the message)
    #[rustfmt::skip]
    let table: Vec<(&str, &str, String, &str, &str, &str)> = vec![
        ("a refusal", "--discount-rate", r#"{"code":"40034","msg":"Parameter does not exist","requestTime":1759276800000,"data":null}"#.into(),
         "bad.json:code", "exchange_refused", r#"the exchange answered with code 40034 ("Parameter does not exist")"#),
        ("no envelope", "--discount-rate", r#"[{"coin":"BTC","list":[]}]"#.into(),
         "bad.json:", "wrong_type", "invalid type: sequence, expected a JSON object (an exchange's answer)"),
        ("a band as a list", "--discount-rate", discount_answer(r#"[["0","0.98"]]"#),
         "bad.json:data[0].list[0]", "wrong_type", "expected a JSON object (an entry of an exchange's answer)"),
        ("no code", "--discount-rate", r#"{"msg":"success","data":[]}"#.into(),
         "bad.json:code", "missing_field", "missing field `code`"),
        ("a scenario instead", "--discount-rate", r#"{"format":"unimargin/scenario@1","coins":[]}"#.into(),
         "bad.json:code", "missing_field", "missing field `code`"),
        ("a truncated file", "--discount-rate", r#"{"code":"00000","msg":"success","data":[{"coin":"BTC","list":[{"tierStartValue":"0""#.into(),
         "bad.json:data", "invalid_json", "EOF while parsing an object at line 1 column 83"),
        ("no data", "--discount-rate", r#"{"code":"00000","msg":"success"}"#.into(),
         "bad.json:data", "missing_field", "missing field `data`"),
        ("data an object", "--discount-rate", r#"{"code":"00000","msg":"success","data":{}}"#.into(),
         "bad.json:data", "wrong_type", "expected a sequence"),
        ("a band without its rate", "--discount-rate", discount_answer(r#"[{"tierStartValue":"0","discountRate":"0.98"},{"tierStartValue":"1000000"}]"#),
         "bad.json:data[0].list[1].discountRate", "missing_field", "missing field `discountRate`"),
        ("a rate not a number", "--discount-rate", discount_answer(r#"[{"tierStartValue":"0","discountRate":"abc"}]"#),
         "bad.json:data[0].list[0].discountRate", "not_a_decimal", r#"got "abc""#),
        ("a rate in percent", "--discount-rate", discount_answer(r#"[{"tierStartValue":"0","discountRate":"98"}]"#),
         "bad.json:data[0].list[0].discountRate", "not_a_fraction", "discountRate must be between 0 and 1, got 98"),
        ("bands out of order", "--discount-rate", discount_answer(r#"[{"tierStartValue":"0","discountRate":"0.98"},{"tierStartValue":"50000","discountRate":"0.97"},{"tierStartValue":"40000","discountRate":"0.96"}]"#),
         "bad.json:data[0].list[2].tierStartValue", "tiers_not_ascending", "tierStartValue 40000 is not above the previous tier's 50000"),
        ("a first band above 0", "--discount-rate", discount_answer(r#"[{"tierStartValue":"100","discountRate":"0.98"}]"#),
         "bad.json:data[0].list[0].tierStartValue", "first_tier_not_at_zero", "the first tier must start at 0, got tierStartValue 100"),
        ("no bands", "--discount-rate", discount_answer("[]"),
         "bad.json:data[0].list", "no_tiers", "the answer lists no tiers"),
        ("a coin twice", "--discount-rate", r#"{"code":"00000","data":[{"coin":"BTC","list":[{"tierStartValue":"0","discountRate":"1"}]},{"coin":"BTC","list":[{"tierStartValue":"0","discountRate":"1"}]}]}"#.into(),
         "bad.json:data[1].coin", "duplicate", "BTC is already defined at data[0]"),
        ("tiers out of order", "--position-tier", tier_answer(r#"[{"tier":"2","minTierValue":"200000","maxTierValue":"1000000","leverage":"100","mmr":"0.005"},{"tier":"1","minTierValue":"0","maxTierValue":"200000","leverage":"150","mmr":"0.004"}]"#),
         "bad.json:data[0].tier", "tier_out_of_order", r#"tier "2" is listed where tier 1 belongs"#),
        ("a gap between tiers", "--position-tier", tier_answer(r#"[{"tier":"1","minTierValue":"0","maxTierValue":"200000","leverage":"150","mmr":"0.004"},{"tier":"2","minTierValue":"250000","maxTierValue":"1000000","leverage":"100","mmr":"0.005"}]"#),
         "bad.json:data[1].minTierValue", "tiers_not_contiguous", "minTierValue is 250000, the previous tier ends at 200000"),
        ("a tier ending at its start", "--position-tier", tier_answer(r#"[{"tier":"1","minTierValue":"0","maxTierValue":"0","leverage":"150","mmr":"0.004"},{"tier":"2","minTierValue":"0","maxTierValue":"1000000","leverage":"100","mmr":"0.005"}]"#),
         "bad.json:data[0].maxTierValue", "tiers_not_ascending", "maxTierValue 0 is not above the previous tier's 0"),
        ("a futures tier without bounds", "--position-tier", tier_answer(r#"[{"tier":"1","leverage":"150","mmr":"0.004"}]"#),
         "bad.json:data[0].minTierValue", "missing_field", "missing field `minTierValue`"),
        ("an mmr above 1", "--position-tier", tier_answer(r#"[{"tier":"1","minTierValue":"0","maxTierValue":"200000","leverage":"150","mmr":"4"}]"#),
         "bad.json:data[0].mmr", "not_a_fraction", "mmr must be between 0 and 1, got 4"),
        ("leverage 0", "--position-tier", tier_answer(r#"[{"tier":"1","minTierValue":"0","maxTierValue":"200000","leverage":"0","mmr":"0.004"}]"#),
         "bad.json:data[0].leverage", "not_positive", "leverage must be greater than 0, got 0"),
        ("no tiers", "--position-tier", tier_answer("[]"),
         "bad.json:data", "no_tiers", "the answer lists no tiers"),
        ("before the unit change", "--position-tier", include_str!("bitget/position-tier-documented.json").into(),
         "bad.json:requestTime", "answer_too_old", "saved on 2024-11-09, before 2025-07-24"),
        ("a margin tier without its bound", "--loan-tier", tier_answer(r#"[{"tier":"1","leverage":"10","mmr":"0.03"},{"tier":"2","leverage":"5","mmr":"0.05"}]"#),
         "bad.json:data[0].maxTierValue", "missing_field", "missing field `maxTierValue`"),
        ("interest as a list", "--margin-loans", r#"{"code":"00000","msg":"success","requestTime":1759276800000,"data":[]}"#.into(),
         "bad.json:data", "wrong_type", "invalid type: sequence"),
        ("negative interest", "--margin-loans", r#"{"code":"00000","msg":"success","requestTime":1759276800000,"data":{"dailyInterest":"-0.001"}}"#.into(),
         "bad.json:data.dailyInterest", "not_a_fraction", "dailyInterest must be between 0 and 1, got -0.001"),
        ("interest missing", "--margin-loans", r#"{"code":"00000","msg":"success","requestTime":1759276800000,"data":{"annualInterest":"0.01"}}"#.into(),
         "bad.json:data.dailyInterest", "missing_field", "missing field `dailyInterest`"),
    ];
    let mut failures = Vec::new();
    for (case, option, text, path, kind, message) in &table {
        std::fs::write(dir.join("bad.json"), text).unwrap();
        let value = match *option {
            "--position-tier" => "BTCUSDT=bad.json",
            "--loan-tier" | "--margin-loans" => "USDT=bad.json",
            _ => "bad.json",
        };
        let output = run_in(
            &dir,
            &["market", "from-bitget", "--name", "M", option, value],
        );
        let (got_path, got_kind, got_message) = refused(&output);
        if (got_path.as_str(), got_kind.as_str()) != (*path, *kind)
            || !got_message.contains(message)
        {
            failures.push(format!(
                "{case}: {got_path} {got_kind} {got_message:?}, want {path} {kind} {message:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_command_line_names_each_file_once_with_what_it_answers() {
    let dir = answers_dir();
    let table: [(&[&str], &str, &str); 6] = [
        (
            &["--position-tier", "position-tier-btcusdt.json"],
            "usage",
            r#"--position-tier takes NAME=FILE, such as BTCUSDT=btcusdt.json, got "position-tier-btcusdt.json""#,
        ),
        (
            &[
                "--position-tier",
                "BTCUSDT=position-tier-btcusdt.json",
                "--position-tier",
                "BTCUSDT=position-tier-btcusdt.json",
            ],
            "usage",
            "--position-tier BTCUSDT is given more than once",
        ),
        (
            &[
                "--discount-rate",
                "discount-rate.json",
                "--discount-rate",
                "x.json",
            ],
            "usage",
            "--discount-rate is given more than once",
        ),
        (
            &["--coin", "BTC"],
            "usage",
            "--discount-rate (for --coin) is needed",
        ),
        (
            &["--discount-rate", "discount-rate.json", "--coin", "DOGE"],
            "not_in_answer",
            "the answer has no DOGE",
        ),
        (
            &["--discount-rate", "no-such-file.json"],
            "cannot_read",
            "cannot read no-such-file.json",
        ),
    ];
    for (args, kind, message) in table {
        let mut all = vec!["market", "from-bitget", "--name", "M"];
        all.extend_from_slice(args);
        let (_, got_kind, got_message) = refused(&run_in(&dir, &all));
        assert_eq!(got_kind, kind, "{args:?}: {got_message}");
        assert!(got_message.contains(message), "{args:?}: {got_message}");
    }
    // --name is required; --as-of must be a date
    let (_, kind, message) = refused(&run_in(&dir, &["market", "from-bitget"]));
    assert_eq!(
        (kind.as_str(), message.as_str()),
        ("usage", "--name is needed (see unimargin --help)")
    );
    let (path, kind, _) = refused(&from_bitget(&[
        "--discount-rate",
        "discount-rate.json",
        "--as-of",
        "October",
    ]));
    assert_eq!((path.as_str(), kind.as_str()), ("--as-of", "not_a_date"));
}

#[test]
fn the_help_says_how_the_answers_are_read() {
    let output = run_in(&answers_dir(), &["market", "from-bitget", "--help"]);
    let help = String::from_utf8(ok_text(&output)).unwrap();
    for needle in [
        "--position-tier <SYMBOL=FILE>",
        "--loan-tier <COIN=FILE>",
        "--margin-loans <COIN=FILE>",
        "--discount-rate <FILE>",
        "--instruments <FILE>",
        "category=USDT-FUTURES",
        "tierStartValue",
        "dailyInterest ÷ 24, rounded up",
        "EXAMPLE",
    ] {
        assert!(help.contains(needle), "the help lacks {needle:?}:\n{help}");
    }
}

fn ok_text(output: &Output) -> Vec<u8> {
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty());
    output.stdout.clone()
}
