//! A corpus of malformed scenarios: each is refused with the right kind of error, the exact
//! path of the problem and a message naming it, and none panics.
//!
//! One row per case, as in rust_decimal's `tests/decimal_tests.rs`: a name, the JSON text,
//! the expected kind (its code, [`ErrorKind::code`]), the exact `path`, and a substring of
//! the message. The
//! larger documents are files under `tests/malformed/`; documents too large to write out
//! (100,000 nested brackets) are built in [`deeply_nested_json_is_an_error_not_a_stack_overflow`].

use std::panic::{catch_unwind, AssertUnwindSafe};
use unimargin::ErrorKind;

/// Evaluates `json` and checks the error it must give; returns a description of what went
/// wrong instead, so that one table run lists every failing row.
fn check(
    name: &str,
    json: &str,
    want_kind: &str,
    want_path: &str,
    want_message: &str,
) -> Option<String> {
    check_reading(name, json, want_kind, want_path, want_message, |json| {
        unimargin::evaluate_json(json).map(|_| ())
    })
}

/// [`check`] for any reader of a document.
fn check_reading(
    name: &str,
    json: &str,
    want_kind: &str,
    want_path: &str,
    want_message: &str,
    read: impl Fn(&str) -> Result<(), unimargin::Error>,
) -> Option<String> {
    let outcome = match catch_unwind(AssertUnwindSafe(|| read(json))) {
        Ok(outcome) => outcome,
        Err(_) => return Some(format!("{name}: panicked")),
    };
    let error = match outcome {
        Ok(_) => return Some(format!("{name}: evaluated without an error")),
        Err(error) => error,
    };
    let mut problems = Vec::new();
    if error.code() != want_kind {
        problems.push(format!("kind {:?}, want {want_kind:?}", error.kind()));
    }
    if error.path() != want_path {
        problems.push(format!("path {:?}, want {want_path:?}", error.path()));
    }
    let message = error.message();
    if !message.contains(want_message) {
        problems.push(format!("message {message:?} lacks {want_message:?}"));
    }
    // The error document of FORMAT.md with its kind, exactly: one object, one key, three
    // strings.
    let document: serde_json::Value = match serde_json::from_str(&error.to_json()) {
        Ok(document) => document,
        Err(e) => return Some(format!("{name}: to_json is not JSON: {e}")),
    };
    let want_document =
        serde_json::json!({"error": {"path": want_path, "kind": want_kind, "message": message}});
    if document != want_document {
        problems.push(format!("to_json {document}, want {want_document}"));
    }
    (!problems.is_empty()).then(|| format!("{name}: {}", problems.join("; ")))
}

fn run(table: &[(&str, &str, &str, &str, &str)]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|&(name, json, kind, path, message)| check(name, json, kind, path, message))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

/// Every malformed document, with the error it must give.
#[rustfmt::skip]
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    // ---- not JSON, or not a scenario object ----
    ("empty text", "", "invalid_json", "", "EOF while parsing a value"),
    ("only whitespace", " \n\t ", "invalid_json", "", "EOF while parsing a value"),
    ("truncated object", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1""#, "invalid_json", "coins[0]", "EOF while parsing an object"),
    ("truncated string", r#"{"format":"unimargin/scen"#, "invalid_json", "format", "EOF while parsing a string"),
    ("truncated after a key", r#"{"format""#, "invalid_json", "", "EOF while parsing an object"),
    ("lone opening brace", "{", "invalid_json", "", "EOF while parsing an object"),
    ("trailing garbage", r#"{"format":"unimargin/scenario@1"} x"#, "invalid_json", "", "trailing characters"),
    ("two documents", r#"{"format":"unimargin/scenario@1"}{"format":"unimargin/scenario@1"}"#, "invalid_json", "", "trailing characters"),
    ("trailing comma in an object", r#"{"format":"unimargin/scenario@1",}"#, "invalid_json", "", "trailing comma"),
    ("trailing comma in a list", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},]}"#, "invalid_json", "coins", "trailing comma"),
    ("single quotes", r#"{'format':'unimargin/scenario@1'}"#, "invalid_json", "", "key must be a string"),
    ("a comment", "// a scenario\n{\"format\":\"unimargin/scenario@1\"}", "invalid_json", "", "expected value"),
    ("a byte order mark", "\u{feff}{\"format\":\"unimargin/scenario@1\"}", "invalid_json", "", "expected value"),
    ("bare NaN as a value", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":NaN,"price":"1"}]}"#, "invalid_json", "coins[0].balance", "expected value"),
    ("a bare number", "5", "wrong_type", "", "invalid type: integer `5`, expected a JSON object (the scenario)"),
    ("a bare string", r#""unimargin/scenario@1""#, "wrong_type", "", "expected a JSON object (the scenario)"),
    ("null", "null", "wrong_type", "", "invalid type: null, expected a JSON object (the scenario)"),
    ("an empty array at top level", "[]", "wrong_type", "", "invalid type: sequence, expected a JSON object (the scenario)"),
    ("the fields as an array at top level", r#"["unimargin/scenario@1"]"#, "wrong_type", "", "invalid type: sequence, expected a JSON object (the scenario)"),
    ("a coin as an array", r#"{"format":"unimargin/scenario@1","coins":[["BTC","1","50000"]]}"#, "wrong_type", "coins[0]", "expected a JSON object (a coin)"),
    ("a tier as an array", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[[null,"0.5"]]}]}"#, "wrong_type", "coins[0].discount_tiers[0]", "expected a JSON object (a discount tier)"),
    ("settings as an array", r#"{"format":"unimargin/scenario@1","settings":[]}"#, "wrong_type", "settings", "expected a JSON object (the settings)"),
    ("settings as null", r#"{"format":"unimargin/scenario@1","settings":null}"#, "wrong_type", "settings", "invalid type: null"),
    ("check as an array", r#"{"format":"unimargin/scenario@1","check":["spot","buy"]}"#, "wrong_type", "check", "expected a JSON object (an order)"),
    ("coins as an object", r#"{"format":"unimargin/scenario@1","coins":{"BTC":{"balance":"1"}}}"#, "wrong_type", "coins", "invalid type: map, expected a sequence"),
    ("a coin name as a number", r#"{"format":"unimargin/scenario@1","coins":[{"coin":7,"balance":"1","price":"1"}]}"#, "wrong_type", "coins[0].coin", "invalid type: integer `7`, expected a string"),

    // ---- the format tag ----
    ("format missing", r#"{"coins":[]}"#, "missing_field", "format", "missing field `format`"),
    ("format of another version", r#"{"format":"unimargin/scenario@2"}"#, "wrong_format", "format", r#"expected "unimargin/scenario@1", got "unimargin/scenario@2""#),
    ("format of a report", r#"{"format":"unimargin/report@1"}"#, "wrong_format", "format", r#"got "unimargin/report@1""#),
    ("format in other case", r#"{"format":"Unimargin/Scenario@1"}"#, "wrong_format", "format", r#"expected "unimargin/scenario@1""#),
    ("format empty", r#"{"format":""}"#, "wrong_format", "format", r#"got """#),
    ("format as a number", r#"{"format":1}"#, "wrong_type", "format", "invalid type: integer `1`, expected a string"),

    // ---- bad numbers ----
    ("letters", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"abc","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"expected a decimal number such as "50000" or "0.98", got "abc""#),
    ("NaN as a string", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"NaN","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "NaN""#),
    ("Infinity", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"Infinity","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "Infinity""#),
    ("negative infinity", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"-inf","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "-inf""#),
    ("1e999 as a string", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1e999","price":"1"}]}"#, "number_too_large", "coins[0].balance", r#""1e999" is too large: figures must stay below about 7.9e28"#),
    ("1e999 as a JSON number", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":1e999,"price":"1"}]}"#, "number_too_large", "coins[0].balance", "is too large"),
    ("an exponent of five digits", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1e99999","price":"1"}]}"#, "number_too_large", "coins[0].balance", "is too large"),
    ("1e29", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1e29","price":"1"}]}"#, "number_too_large", "coins[0].balance", r#""1e29" is too large"#),
    ("one above the decimal range", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"79228162514264337593543950336","price":"1"}]}"#, "number_too_large", "coins[0].balance", "is too large"),
    ("a JSON number of 40 digits", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":1234567890123456789012345678901234567890,"price":"1"}]}"#, "number_too_large", "coins[0].balance", r#""1234567890123456789012345678901234567890" is too large"#),
    ("thousands separator", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1,000","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "1,000""#),
    ("underscore separator", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1_000","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "1_000""#),
    ("leading space", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":" 1","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got " 1""#),
    ("trailing space", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1 ","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "1 ""#),
    ("empty string", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got """#),
    ("hexadecimal", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"0x10","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "0x10""#),
    ("two points", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1.2.3","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "1.2.3""#),
    ("two signs", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"--1","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "--1""#),
    ("an exponent without digits", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1e","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "1e""#),
    ("non-ASCII digits", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"١٢","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "١٢""#),
    ("29 decimal places", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"0.00000000000000000000000000001","price":"1"}]}"#, "too_many_decimal_places", "coins[0].balance", "has more decimal places than the 28 that can be kept exactly"),
    ("1e-40 as a JSON number", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":1e-40,"price":"1"}]}"#, "too_many_decimal_places", "coins[0].balance", "has more decimal places than the 28"),
    ("32 decimal places with an exponent", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1.00000000000000000000000000000001e0","price":"1"}]}"#, "too_many_decimal_places", "coins[0].balance", "has more decimal places than the 28"),
    ("30 significant digits", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1234567890123456789012345.67890","price":"1"}]}"#, "too_many_digits", "coins[0].balance", "has more significant digits than the 28"),
    ("a very long string is cut in the message", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"12345678901234567890123456789012345678901234567890x","price":"1"}]}"#, "not_a_decimal", "coins[0].balance", r#"got "1234567890123456789012345678901234567890…""#),
    ("true as a number", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":true,"price":"1"}]}"#, "wrong_type", "coins[0].balance", "invalid type: boolean `true`, expected a decimal number"),
    ("null as a number", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":null,"price":"1"}]}"#, "wrong_type", "coins[0].balance", "invalid type: null, expected a decimal number"),
    ("an object as a number", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":{"value":"1"},"price":"1"}]}"#, "wrong_type", "coins[0].balance", "invalid type: map, expected a decimal number"),
    ("an array as a number", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":["1"],"price":"1"}]}"#, "wrong_type", "coins[0].balance", "invalid type: sequence, expected a decimal number"),
    ("a bad price", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"50k"}]}"#, "not_a_decimal", "coins[0].price", r#"got "50k""#),
    ("a bad tier rate", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000","rate":"0.9"},{"rate":"97%"}]}]}"#, "not_a_decimal", "coins[0].discount_tiers[1].rate", r#"got "97%""#),
    ("a bad setting", r#"{"format":"unimargin/scenario@1","settings":{"spot_taker_fee":"0.1 %"}}"#, "not_a_decimal", "settings.spot_taker_fee", r#"got "0.1 %""#),
    ("a bad order size", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"1e999","price":"1"}]}"#, "number_too_large", "orders[0].size", "is too large"),
    ("a bad size_step", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"check":{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"1","price":"1","size_step":"tiny"}}"#, "not_a_decimal", "check.size_step", r#"got "tiny""#),

    // ---- figures that overflow during evaluation ----
    ("balance 7e28 at price 10", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"70000000000000000000000000000","price":"10"}]}"#, "too_large", "coins[0]", "the USD equity is too large to compute exactly (over about 7.9e28)"),
    ("a huge position", include_str!("malformed/overflow-position.json"), "too_large", "positions[0]", "the unrealized PnL is too large to compute exactly"),
    ("a huge pending order", include_str!("malformed/overflow-pending-order.json"), "too_large", "orders[0]", "too large to compute exactly"),
    ("a huge order to check", include_str!("malformed/overflow-check.json"), "too_large", "check", "too large to compute exactly"),

    // ---- missing fields ----
    ("coin without its name", r#"{"format":"unimargin/scenario@1","coins":[{"balance":"1","price":"1"}]}"#, "missing_field", "coins[0].coin", "missing field `coin`"),
    ("coin without balance", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","price":"1"}]}"#, "missing_field", "coins[0].balance", "missing field `balance`"),
    ("coin without price", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"},{"coin":"BTC","balance":"1"}]}"#, "missing_price", "coins[1].price", "missing field `price`: the price of BTC in its quote"),
    ("discount tier without rate", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000"},{"rate":"0.9"}]}]}"#, "missing_field", "coins[0].discount_tiers[0].rate", "missing field `rate`"),
    ("loan tier without mmr", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"leverage":"10"}]}]}"#, "missing_field", "coins[0].loan_tiers[0].mmr", "missing field `mmr`"),
    ("contract without mark_price", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}]}"#, "missing_field", "contracts[0].mark_price", "missing field `mark_price`"),
    ("contract without mm_tiers", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20"}]}"#, "missing_field", "contracts[0].mm_tiers", "missing field `mm_tiers`"),
    ("contract without settle", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}]}"#, "missing_field", "contracts[0].settle", "missing field `settle`"),
    ("position tier without mmr", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"up_to_usd":"1000"}]}]}"#, "missing_field", "contracts[0].mm_tiers[0].mmr", "missing field `mmr`"),
    ("position without entry_price", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"positions":[{"symbol":"BTCUSDT","side":"long","size":"1"}]}"#, "missing_field", "positions[0].entry_price", "missing field `entry_price`"),
    ("order without side", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","base":"BTC","quote":"USDT","size":"1","price":"1"}]}"#, "missing_field", "orders[0].side", "missing field `side`"),
    ("spot order without base", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"buy","quote":"USDT","size":"1","price":"1"}]}"#, "missing_for_market", "orders[0].base", "missing field `base`: a spot order needs it"),
    ("futures order without symbol", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"orders":[{"market":"futures","side":"buy","size":"1","price":"1"}]}"#, "missing_for_market", "orders[0].symbol", "missing field `symbol`: a futures order needs it"),
    ("check without price", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"check":{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"1"}}"#, "missing_field", "check.price", "missing field `price`"),

    // ---- unknown fields, at every level ----
    ("unknown field at the root", r#"{"format":"unimargin/scenario@1","extra":1}"#, "unknown_field", "extra", "unknown field `extra`, expected one of `format`, `settings`, `coins`"),
    ("a field name in another case", r#"{"format":"unimargin/scenario@1","Coins":[]}"#, "unknown_field", "Coins", "unknown field `Coins`"),
    ("unknown field in settings", r#"{"format":"unimargin/scenario@1","settings":{"usdt":"1"}}"#, "unknown_field", "settings.usdt", "unknown field `usdt`, expected one of `usdt_usd`"),
    ("unknown field in a coin", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","colour":"orange"}]}"#, "unknown_field", "coins[0].colour", "unknown field `colour`"),
    ("unknown field in a discount tier", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"upto":"1000","rate":"0.9"},{"rate":"0.8"}]}]}"#, "unknown_field", "coins[0].discount_tiers[0].upto", "unknown field `upto`, expected one of `up_to_usd`, `up_to`, `rate`"),
    ("unknown field in a loan tier", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"leverage":"10","mmr":"0.1","imr":"0.1"}]}]}"#, "unknown_field", "coins[0].loan_tiers[0].imr", "unknown field `imr`"),
    ("unknown field in a contract", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","index_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}]}"#, "unknown_field", "contracts[0].index_price", "unknown field `index_price`"),
    ("unknown field in a position tier", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01","max_leverage":"100"}]}]}"#, "unknown_field", "contracts[0].mm_tiers[0].max_leverage", "unknown field `max_leverage`"),
    ("unknown field in a position", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"positions":[{"symbol":"BTCUSDT","side":"long","size":"1","entry_price":"1","leverage":"20"}]}"#, "unknown_field", "positions[0].leverage", "unknown field `leverage`"),
    ("unknown field in an order", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"1","price":"1","time_in_force":"gtc"}]}"#, "unknown_field", "orders[0].time_in_force", "unknown field `time_in_force`"),
    ("unknown field in the check", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"check":{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"1","price":"1","step":"0.1"}}"#, "unknown_field", "check.step", "unknown field `step`"),

    // ---- enumerations ----
    ("position side up", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"positions":[{"symbol":"BTCUSDT","side":"up","size":"1","entry_price":"1"}]}"#, "unknown_variant", "positions[0].side", "unknown variant `up`, expected `long` or `short`"),
    ("order market margin", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"margin","side":"buy","base":"BTC","quote":"USDT","size":"1","price":"1"}]}"#, "unknown_variant", "orders[0].market", "unknown variant `margin`, expected `spot` or `futures`"),
    ("order side long", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"long","base":"BTC","quote":"USDT","size":"1","price":"1"}]}"#, "unknown_variant", "orders[0].side", "unknown variant `long`, expected `buy` or `sell`"),
    ("order side capitalised", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"check":{"market":"spot","side":"Buy","base":"BTC","quote":"USDT","size":"1","price":"1"}}"#, "unknown_variant", "check.side", "unknown variant `Buy`"),

    // ---- ranges ----
    ("price 0", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"0"}]}"#, "not_positive", "coins[0].price", "price must be greater than 0, got 0"),
    ("negative price", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"-50000"}]}"#, "not_positive", "coins[0].price", "price must be greater than 0, got -50000"),
    ("mark_price 0", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"0","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}]}"#, "not_positive", "contracts[0].mark_price", "mark_price must be greater than 0, got 0"),
    ("discount rate above 1", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000","rate":"0.9"},{"rate":"1.5"}]}]}"#, "not_a_fraction", "coins[0].discount_tiers[1].rate", "rate must be between 0 and 1, got 1.5"),
    ("negative discount rate", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"rate":"-0.1"}]}]}"#, "not_a_fraction", "coins[0].discount_tiers[0].rate", "rate must be between 0 and 1, got -0.1"),
    ("loan mmr above 1", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"leverage":"10","mmr":"2"}]}]}"#, "not_a_fraction", "coins[0].loan_tiers[0].mmr", "mmr must be between 0 and 1, got 2"),
    ("position tier mmr above 1", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"up_to_usd":"1000","mmr":"0.01"},{"mmr":"1.01"}]}]}"#, "not_a_fraction", "contracts[0].mm_tiers[1].mmr", "mmr must be between 0 and 1, got 1.01"),
    ("negative taker fee", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","taker_fee":"-0.0006","mm_tiers":[{"mmr":"0.01"}]}]}"#, "not_a_fraction", "contracts[0].taker_fee", "taker_fee must be between 0 and 1, got -0.0006"),
    ("liquidation fee above 1", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","liquidation_fee":"1.1","mm_tiers":[{"mmr":"0.01"}]}]}"#, "not_a_fraction", "contracts[0].liquidation_fee", "liquidation_fee must be between 0 and 1, got 1.1"),
    ("spot taker fee above 1", r#"{"format":"unimargin/scenario@1","settings":{"spot_taker_fee":"1.5"}}"#, "not_a_fraction", "settings.spot_taker_fee", "spot_taker_fee must be between 0 and 1, got 1.5"),
    ("hourly interest above 1", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","hourly_interest":"2"}]}"#, "not_a_fraction", "coins[0].hourly_interest", "hourly_interest must be between 0 and 1, got 2"),
    ("negative interest-free amount", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","interest_free":"-1"}]}"#, "negative", "coins[0].interest_free", "interest_free must not be negative, got -1"),
    ("warning rate 0", r#"{"format":"unimargin/scenario@1","settings":{"warning_rate":"0"}}"#, "not_positive", "settings.warning_rate", "warning_rate must be greater than 0, got 0"),
    ("liquidation rate 0", r#"{"format":"unimargin/scenario@1","settings":{"warning_rate":"0.5","liquidation_rate":"0"}}"#, "not_positive", "settings.liquidation_rate", "liquidation_rate must be greater than 0, got 0"),
    ("warning rate above liquidation rate", r#"{"format":"unimargin/scenario@1","settings":{"warning_rate":"0.9","liquidation_rate":"0.8"}}"#, "warning_above_liquidation", "settings.warning_rate", "warning_rate (0.9) must not be above liquidation_rate (0.8)"),
    ("liquidation rate 1e27 (explain exited 101 on it)", r#"{"format":"unimargin/scenario@1","settings":{"warning_rate":"1e27","liquidation_rate":"1e27"}}"#, "above_maximum", "settings.warning_rate", "warning_rate must be at most 10, got 1000000000000000000000000000"),
    ("201 loan tiers", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"up_to":"1","leverage":"10","mmr":"0.01"},{"up_to":"2","leverage":"10","mmr":"0.01"},{"up_to":"3","leverage":"10","mmr":"0.01"},{"up_to":"4","leverage":"10","mmr":"0.01"},{"up_to":"5","leverage":"10","mmr":"0.01"},{"up_to":"6","leverage":"10","mmr":"0.01"},{"up_to":"7","leverage":"10","mmr":"0.01"},{"up_to":"8","leverage":"10","mmr":"0.01"},{"up_to":"9","leverage":"10","mmr":"0.01"},{"up_to":"10","leverage":"10","mmr":"0.01"},{"up_to":"11","leverage":"10","mmr":"0.01"},{"up_to":"12","leverage":"10","mmr":"0.01"},{"up_to":"13","leverage":"10","mmr":"0.01"},{"up_to":"14","leverage":"10","mmr":"0.01"},{"up_to":"15","leverage":"10","mmr":"0.01"},{"up_to":"16","leverage":"10","mmr":"0.01"},{"up_to":"17","leverage":"10","mmr":"0.01"},{"up_to":"18","leverage":"10","mmr":"0.01"},{"up_to":"19","leverage":"10","mmr":"0.01"},{"up_to":"20","leverage":"10","mmr":"0.01"},{"up_to":"21","leverage":"10","mmr":"0.01"},{"up_to":"22","leverage":"10","mmr":"0.01"},{"up_to":"23","leverage":"10","mmr":"0.01"},{"up_to":"24","leverage":"10","mmr":"0.01"},{"up_to":"25","leverage":"10","mmr":"0.01"},{"up_to":"26","leverage":"10","mmr":"0.01"},{"up_to":"27","leverage":"10","mmr":"0.01"},{"up_to":"28","leverage":"10","mmr":"0.01"},{"up_to":"29","leverage":"10","mmr":"0.01"},{"up_to":"30","leverage":"10","mmr":"0.01"},{"up_to":"31","leverage":"10","mmr":"0.01"},{"up_to":"32","leverage":"10","mmr":"0.01"},{"up_to":"33","leverage":"10","mmr":"0.01"},{"up_to":"34","leverage":"10","mmr":"0.01"},{"up_to":"35","leverage":"10","mmr":"0.01"},{"up_to":"36","leverage":"10","mmr":"0.01"},{"up_to":"37","leverage":"10","mmr":"0.01"},{"up_to":"38","leverage":"10","mmr":"0.01"},{"up_to":"39","leverage":"10","mmr":"0.01"},{"up_to":"40","leverage":"10","mmr":"0.01"},{"up_to":"41","leverage":"10","mmr":"0.01"},{"up_to":"42","leverage":"10","mmr":"0.01"},{"up_to":"43","leverage":"10","mmr":"0.01"},{"up_to":"44","leverage":"10","mmr":"0.01"},{"up_to":"45","leverage":"10","mmr":"0.01"},{"up_to":"46","leverage":"10","mmr":"0.01"},{"up_to":"47","leverage":"10","mmr":"0.01"},{"up_to":"48","leverage":"10","mmr":"0.01"},{"up_to":"49","leverage":"10","mmr":"0.01"},{"up_to":"50","leverage":"10","mmr":"0.01"},{"up_to":"51","leverage":"10","mmr":"0.01"},{"up_to":"52","leverage":"10","mmr":"0.01"},{"up_to":"53","leverage":"10","mmr":"0.01"},{"up_to":"54","leverage":"10","mmr":"0.01"},{"up_to":"55","leverage":"10","mmr":"0.01"},{"up_to":"56","leverage":"10","mmr":"0.01"},{"up_to":"57","leverage":"10","mmr":"0.01"},{"up_to":"58","leverage":"10","mmr":"0.01"},{"up_to":"59","leverage":"10","mmr":"0.01"},{"up_to":"60","leverage":"10","mmr":"0.01"},{"up_to":"61","leverage":"10","mmr":"0.01"},{"up_to":"62","leverage":"10","mmr":"0.01"},{"up_to":"63","leverage":"10","mmr":"0.01"},{"up_to":"64","leverage":"10","mmr":"0.01"},{"up_to":"65","leverage":"10","mmr":"0.01"},{"up_to":"66","leverage":"10","mmr":"0.01"},{"up_to":"67","leverage":"10","mmr":"0.01"},{"up_to":"68","leverage":"10","mmr":"0.01"},{"up_to":"69","leverage":"10","mmr":"0.01"},{"up_to":"70","leverage":"10","mmr":"0.01"},{"up_to":"71","leverage":"10","mmr":"0.01"},{"up_to":"72","leverage":"10","mmr":"0.01"},{"up_to":"73","leverage":"10","mmr":"0.01"},{"up_to":"74","leverage":"10","mmr":"0.01"},{"up_to":"75","leverage":"10","mmr":"0.01"},{"up_to":"76","leverage":"10","mmr":"0.01"},{"up_to":"77","leverage":"10","mmr":"0.01"},{"up_to":"78","leverage":"10","mmr":"0.01"},{"up_to":"79","leverage":"10","mmr":"0.01"},{"up_to":"80","leverage":"10","mmr":"0.01"},{"up_to":"81","leverage":"10","mmr":"0.01"},{"up_to":"82","leverage":"10","mmr":"0.01"},{"up_to":"83","leverage":"10","mmr":"0.01"},{"up_to":"84","leverage":"10","mmr":"0.01"},{"up_to":"85","leverage":"10","mmr":"0.01"},{"up_to":"86","leverage":"10","mmr":"0.01"},{"up_to":"87","leverage":"10","mmr":"0.01"},{"up_to":"88","leverage":"10","mmr":"0.01"},{"up_to":"89","leverage":"10","mmr":"0.01"},{"up_to":"90","leverage":"10","mmr":"0.01"},{"up_to":"91","leverage":"10","mmr":"0.01"},{"up_to":"92","leverage":"10","mmr":"0.01"},{"up_to":"93","leverage":"10","mmr":"0.01"},{"up_to":"94","leverage":"10","mmr":"0.01"},{"up_to":"95","leverage":"10","mmr":"0.01"},{"up_to":"96","leverage":"10","mmr":"0.01"},{"up_to":"97","leverage":"10","mmr":"0.01"},{"up_to":"98","leverage":"10","mmr":"0.01"},{"up_to":"99","leverage":"10","mmr":"0.01"},{"up_to":"100","leverage":"10","mmr":"0.01"},{"up_to":"101","leverage":"10","mmr":"0.01"},{"up_to":"102","leverage":"10","mmr":"0.01"},{"up_to":"103","leverage":"10","mmr":"0.01"},{"up_to":"104","leverage":"10","mmr":"0.01"},{"up_to":"105","leverage":"10","mmr":"0.01"},{"up_to":"106","leverage":"10","mmr":"0.01"},{"up_to":"107","leverage":"10","mmr":"0.01"},{"up_to":"108","leverage":"10","mmr":"0.01"},{"up_to":"109","leverage":"10","mmr":"0.01"},{"up_to":"110","leverage":"10","mmr":"0.01"},{"up_to":"111","leverage":"10","mmr":"0.01"},{"up_to":"112","leverage":"10","mmr":"0.01"},{"up_to":"113","leverage":"10","mmr":"0.01"},{"up_to":"114","leverage":"10","mmr":"0.01"},{"up_to":"115","leverage":"10","mmr":"0.01"},{"up_to":"116","leverage":"10","mmr":"0.01"},{"up_to":"117","leverage":"10","mmr":"0.01"},{"up_to":"118","leverage":"10","mmr":"0.01"},{"up_to":"119","leverage":"10","mmr":"0.01"},{"up_to":"120","leverage":"10","mmr":"0.01"},{"up_to":"121","leverage":"10","mmr":"0.01"},{"up_to":"122","leverage":"10","mmr":"0.01"},{"up_to":"123","leverage":"10","mmr":"0.01"},{"up_to":"124","leverage":"10","mmr":"0.01"},{"up_to":"125","leverage":"10","mmr":"0.01"},{"up_to":"126","leverage":"10","mmr":"0.01"},{"up_to":"127","leverage":"10","mmr":"0.01"},{"up_to":"128","leverage":"10","mmr":"0.01"},{"up_to":"129","leverage":"10","mmr":"0.01"},{"up_to":"130","leverage":"10","mmr":"0.01"},{"up_to":"131","leverage":"10","mmr":"0.01"},{"up_to":"132","leverage":"10","mmr":"0.01"},{"up_to":"133","leverage":"10","mmr":"0.01"},{"up_to":"134","leverage":"10","mmr":"0.01"},{"up_to":"135","leverage":"10","mmr":"0.01"},{"up_to":"136","leverage":"10","mmr":"0.01"},{"up_to":"137","leverage":"10","mmr":"0.01"},{"up_to":"138","leverage":"10","mmr":"0.01"},{"up_to":"139","leverage":"10","mmr":"0.01"},{"up_to":"140","leverage":"10","mmr":"0.01"},{"up_to":"141","leverage":"10","mmr":"0.01"},{"up_to":"142","leverage":"10","mmr":"0.01"},{"up_to":"143","leverage":"10","mmr":"0.01"},{"up_to":"144","leverage":"10","mmr":"0.01"},{"up_to":"145","leverage":"10","mmr":"0.01"},{"up_to":"146","leverage":"10","mmr":"0.01"},{"up_to":"147","leverage":"10","mmr":"0.01"},{"up_to":"148","leverage":"10","mmr":"0.01"},{"up_to":"149","leverage":"10","mmr":"0.01"},{"up_to":"150","leverage":"10","mmr":"0.01"},{"up_to":"151","leverage":"10","mmr":"0.01"},{"up_to":"152","leverage":"10","mmr":"0.01"},{"up_to":"153","leverage":"10","mmr":"0.01"},{"up_to":"154","leverage":"10","mmr":"0.01"},{"up_to":"155","leverage":"10","mmr":"0.01"},{"up_to":"156","leverage":"10","mmr":"0.01"},{"up_to":"157","leverage":"10","mmr":"0.01"},{"up_to":"158","leverage":"10","mmr":"0.01"},{"up_to":"159","leverage":"10","mmr":"0.01"},{"up_to":"160","leverage":"10","mmr":"0.01"},{"up_to":"161","leverage":"10","mmr":"0.01"},{"up_to":"162","leverage":"10","mmr":"0.01"},{"up_to":"163","leverage":"10","mmr":"0.01"},{"up_to":"164","leverage":"10","mmr":"0.01"},{"up_to":"165","leverage":"10","mmr":"0.01"},{"up_to":"166","leverage":"10","mmr":"0.01"},{"up_to":"167","leverage":"10","mmr":"0.01"},{"up_to":"168","leverage":"10","mmr":"0.01"},{"up_to":"169","leverage":"10","mmr":"0.01"},{"up_to":"170","leverage":"10","mmr":"0.01"},{"up_to":"171","leverage":"10","mmr":"0.01"},{"up_to":"172","leverage":"10","mmr":"0.01"},{"up_to":"173","leverage":"10","mmr":"0.01"},{"up_to":"174","leverage":"10","mmr":"0.01"},{"up_to":"175","leverage":"10","mmr":"0.01"},{"up_to":"176","leverage":"10","mmr":"0.01"},{"up_to":"177","leverage":"10","mmr":"0.01"},{"up_to":"178","leverage":"10","mmr":"0.01"},{"up_to":"179","leverage":"10","mmr":"0.01"},{"up_to":"180","leverage":"10","mmr":"0.01"},{"up_to":"181","leverage":"10","mmr":"0.01"},{"up_to":"182","leverage":"10","mmr":"0.01"},{"up_to":"183","leverage":"10","mmr":"0.01"},{"up_to":"184","leverage":"10","mmr":"0.01"},{"up_to":"185","leverage":"10","mmr":"0.01"},{"up_to":"186","leverage":"10","mmr":"0.01"},{"up_to":"187","leverage":"10","mmr":"0.01"},{"up_to":"188","leverage":"10","mmr":"0.01"},{"up_to":"189","leverage":"10","mmr":"0.01"},{"up_to":"190","leverage":"10","mmr":"0.01"},{"up_to":"191","leverage":"10","mmr":"0.01"},{"up_to":"192","leverage":"10","mmr":"0.01"},{"up_to":"193","leverage":"10","mmr":"0.01"},{"up_to":"194","leverage":"10","mmr":"0.01"},{"up_to":"195","leverage":"10","mmr":"0.01"},{"up_to":"196","leverage":"10","mmr":"0.01"},{"up_to":"197","leverage":"10","mmr":"0.01"},{"up_to":"198","leverage":"10","mmr":"0.01"},{"up_to":"199","leverage":"10","mmr":"0.01"},{"up_to":"200","leverage":"10","mmr":"0.01"},{"leverage":"10","mmr":"0.01"}]}]}"#, "too_many_tiers", "coins[0].loan_tiers", "a tier table holds at most 200 tiers, got 201"),
    ("liquidation rate just above 10", r#"{"format":"unimargin/scenario@1","settings":{"liquidation_rate":"10.0000000001"}}"#, "above_maximum", "settings.liquidation_rate", "liquidation_rate must be at most 10, got 10.0000000001"),
    ("default warning rate above a lower liquidation rate", r#"{"format":"unimargin/scenario@1","settings":{"liquidation_rate":"0.5"}}"#, "warning_above_liquidation", "settings.warning_rate", "warning_rate (0.8) must not be above liquidation_rate (0.5)"),
    ("usdt_usd 0", r#"{"format":"unimargin/scenario@1","settings":{"usdt_usd":"0"}}"#, "not_positive", "settings.usdt_usd", "usdt_usd must be greater than 0, got 0"),
    ("negative usdc_usd", r#"{"format":"unimargin/scenario@1","settings":{"usdc_usd":"-1"}}"#, "not_positive", "settings.usdc_usd", "usdc_usd must be greater than 0, got -1"),
    ("loan leverage 0", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"leverage":"0","mmr":"0.1"}]}]}"#, "not_positive", "coins[0].loan_tiers[0].leverage", "leverage must be greater than 0, got 0"),
    ("contract leverage negative", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"-20","mm_tiers":[{"mmr":"0.01"}]}]}"#, "not_positive", "contracts[0].leverage", "leverage must be greater than 0, got -20"),
    ("position size 0", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"positions":[{"symbol":"BTCUSDT","side":"long","size":"0","entry_price":"50000"}]}"#, "not_positive", "positions[0].size", "size must be greater than 0, got 0"),
    ("negative position size", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"positions":[{"symbol":"BTCUSDT","side":"short","size":"-1","entry_price":"50000"}]}"#, "not_positive", "positions[0].size", "size must be greater than 0, got -1"),
    ("entry_price 0", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"positions":[{"symbol":"BTCUSDT","side":"long","size":"1","entry_price":"0"}]}"#, "not_positive", "positions[0].entry_price", "entry_price must be greater than 0, got 0"),
    ("order size 0", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"0","price":"1"}]}"#, "not_positive", "orders[0].size", "size must be greater than 0, got 0"),
    ("order price 0", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"sell","base":"BTC","quote":"USDT","size":"1","price":"0"}]}"#, "not_positive", "orders[0].price", "price must be greater than 0, got 0"),
    ("check size negative", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"check":{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"-1","price":"1"}}"#, "not_positive", "check.size", "size must be greater than 0, got -1"),
    ("size_step 0", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"check":{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"1","price":"1","size_step":"0"}}"#, "not_positive", "check.size_step", "size_step must be greater than 0, got 0"),
    ("a tier bound of 0", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"0","rate":"1"},{"rate":"0.9"}]}]}"#, "not_positive", "coins[0].discount_tiers[0].up_to_usd", "up_to_usd must be greater than 0, got 0"),
    ("USDT at price 2", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"50000"},{"coin":"USDT","balance":"1","price":"2"}]}"#, "stablecoin_price", "coins[1].price", "the price of USDT in its own unit is 1 (its USD price is settings.usdt_usd), got 2"),

    // ---- tiers ----
    ("discount tiers unsorted", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000000","rate":"0.98"},{"up_to_usd":"500000","rate":"0.97"},{"rate":"0.9"}]}]}"#, "tiers_not_ascending", "coins[0].discount_tiers[1].up_to_usd", "tiers must ascend strictly: up_to_usd 500000 is not above the previous tier's 1000000"),
    ("discount tiers with equal bounds", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000","rate":"0.98"},{"up_to_usd":"1000.0","rate":"0.97"},{"rate":"0.9"}]}]}"#, "tiers_not_ascending", "coins[0].discount_tiers[1].up_to_usd", "up_to_usd 1000.0 is not above the previous tier's 1000"),
    ("discount tiers with a bounded last tier", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000","rate":"0.98"},{"up_to_usd":"2000","rate":"0.97"}]}]}"#, "last_tier_bounded", "coins[0].discount_tiers[1].up_to_usd", "the last tier must be unbounded: leave out up_to_usd"),
    ("discount tiers with an unbounded middle tier", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000","rate":"0.98"},{"rate":"0.97"},{"rate":"0.9"}]}]}"#, "unbounded_tier_not_last", "coins[0].discount_tiers[1]", "only the last tier may be unbounded: this tier (number 2 of 3) needs up_to_usd"),
    ("loan tiers unsorted", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"up_to":"50","leverage":"10","mmr":"0.05"},{"up_to":"20","leverage":"5","mmr":"0.1"},{"leverage":"2","mmr":"0.2"}]}]}"#, "tiers_not_ascending", "coins[0].loan_tiers[1].up_to", "up_to 20 is not above the previous tier's 50"),
    ("loan tiers with equal bounds", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"up_to":"50","leverage":"10","mmr":"0.05"},{"up_to":"50","leverage":"5","mmr":"0.1"},{"leverage":"2","mmr":"0.2"}]}]}"#, "tiers_not_ascending", "coins[0].loan_tiers[1].up_to", "tiers must ascend strictly"),
    ("loan tiers with a bounded last tier", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"up_to":"50","leverage":"10","mmr":"0.05"}]}]}"#, "last_tier_bounded", "coins[0].loan_tiers[0].up_to", "the last tier must be unbounded: leave out up_to"),
    ("loan tiers with an unbounded middle tier", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"leverage":"10","mmr":"0.05"},{"leverage":"5","mmr":"0.1"}]}]}"#, "unbounded_tier_not_last", "coins[0].loan_tiers[0]", "only the last tier may be unbounded: this tier (number 1 of 2) needs up_to"),
    ("position tiers unsorted", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"up_to_usd":"150000","mmr":"0.004"},{"up_to_usd":"100000","mmr":"0.01"},{"mmr":"0.02"}]}]}"#, "tiers_not_ascending", "contracts[0].mm_tiers[1].up_to_usd", "up_to_usd 100000 is not above the previous tier's 150000"),
    ("position tiers with equal bounds", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"up_to_usd":"150000","mmr":"0.004"},{"up_to_usd":"150000","mmr":"0.01"},{"mmr":"0.02"}]}]}"#, "tiers_not_ascending", "contracts[0].mm_tiers[1].up_to_usd", "tiers must ascend strictly"),
    ("position tiers with a bounded last tier", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"up_to_usd":"150000","mmr":"0.004"}]}]}"#, "last_tier_bounded", "contracts[0].mm_tiers[0].up_to_usd", "the last tier must be unbounded"),
    ("position tiers with an unbounded middle tier", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.004"},{"up_to_usd":"300000","mmr":"0.01"},{"mmr":"0.02"}]}]}"#, "unbounded_tier_not_last", "contracts[0].mm_tiers[0]", "only the last tier may be unbounded"),
    ("no position tiers", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[]}]}"#, "no_position_tiers", "contracts[0].mm_tiers", "a contract needs at least one position tier"),

    // ---- references ----
    ("unknown settle coin", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDC","base":"BTC","settle":"USDC","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}]}"#, "unknown_coin", "contracts[0].settle", "USDC is not one of the coins; add it to `coins`"),
    ("unknown order base", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"buy","base":"ETH","quote":"USDT","size":"1","price":"1"}]}"#, "unknown_coin", "orders[0].base", "ETH is not one of the coins"),
    ("unknown order quote", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"sell","base":"BTC","quote":"USDC","size":"1","price":"1"}]}"#, "unknown_coin", "orders[0].quote", "USDC is not one of the coins"),
    ("unknown order symbol", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"orders":[{"market":"futures","symbol":"ETHUSDT","side":"buy","size":"1","price":"1"}]}"#, "unknown_contract", "orders[0].symbol", "ETHUSDT is not one of the contracts; add it to `contracts`"),
    ("unknown position symbol", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"positions":[{"symbol":"btcusdt","side":"long","size":"1","entry_price":"1"}]}"#, "unknown_contract", "positions[0].symbol", "btcusdt is not one of the contracts"),
    ("unknown check base", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"check":{"market":"spot","side":"buy","base":"DOT","quote":"USDT","size":"1","price":"1"}}"#, "unknown_coin", "check.base", "DOT is not one of the coins"),
    ("spot order with base equal to quote", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"buy","base":"BTC","quote":"BTC","size":"1","price":"1"}]}"#, "same_coin_twice", "orders[0].quote", "a spot order trades two different coins; base and quote are both BTC"),
    ("spot order with a symbol", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","symbol":"BTCUSDT","side":"buy","base":"BTC","quote":"USDT","size":"1","price":"1"}]}"#, "not_for_market", "orders[0].symbol", "a spot order has no symbol"),
    ("futures order with a base", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"orders":[{"market":"futures","symbol":"BTCUSDT","base":"BTC","side":"buy","size":"1","price":"1"}]}"#, "not_for_market", "orders[0].base", "a futures order has no base"),
    ("futures order with a quote", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}],"check":{"market":"futures","symbol":"BTCUSDT","quote":"USDT","side":"sell","size":"1","price":"1"}}"#, "not_for_market", "check.quote", "a futures order has no quote"),
    ("a hedge in one-way mode", r#"{"format":"unimargin/scenario@1","settings":{"position_mode":"one_way"},"coins":[{"coin":"USDT","balance":"1000"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.004"}]},{"symbol":"ETHUSDT","base":"ETH","settle":"USDT","mark_price":"3000","leverage":"20","mm_tiers":[{"mmr":"0.004"}]}],"positions":[{"symbol":"BTCUSDT","side":"long","size":"1","entry_price":"50000"},{"symbol":"ETHUSDT","side":"short","size":"1","entry_price":"3000"},{"symbol":"BTCUSDT","side":"long","size":"1","entry_price":"49000"},{"symbol":"BTCUSDT","side":"short","size":"0.5","entry_price":"51000"}]}"#, "hedge_in_one_way_mode", "positions[3].side", "BTCUSDT already has a long position at positions[0]: in one_way position mode a contract holds one net position"),
    ("an unknown position mode", r#"{"format":"unimargin/scenario@1","settings":{"position_mode":"oneway"},"coins":[]}"#, "unknown_variant", "settings.position_mode", "unknown variant `oneway`, expected `hedge` or `one_way`"),
    ("size_step on a pending order", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"}],"orders":[{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"1","price":"1","size_step":"0.1"}]}"#, "size_step_outside_check", "orders[0].size_step", "size_step belongs only to the order in `check`"),
    ("contract with an empty base", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":" ","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]}]}"#, "no_base", "contracts[0].base", "base must name the coin the contract tracks"),

    // ---- names defined twice, or not names ----
    ("duplicate coin", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"},{"coin":"USDT","balance":"1"},{"coin":"BTC","balance":"2","price":"1"}]}"#, "duplicate", "coins[2].coin", "BTC is already defined at coins[0]"),
    ("duplicate symbol", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"}],"contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"20","mm_tiers":[{"mmr":"0.01"}]},{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000","leverage":"10","mm_tiers":[{"mmr":"0.01"}]}]}"#, "duplicate", "contracts[1].symbol", "BTCUSDT is already defined at contracts[0]"),
    ("empty coin name", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"","balance":"1","price":"1"}]}"#, "not_a_name", "coins[0].coin", r#"coin must be a name without surrounding spaces, got """#),
    ("coin name with spaces", r#"{"format":"unimargin/scenario@1","coins":[{"coin":" BTC","balance":"1","price":"1"}]}"#, "not_a_name", "coins[0].coin", r#"got " BTC""#),

    // ---- quotes ----
    ("unknown quote EUR", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"45000","quote":"EUR"}]}"#, "unknown_quote", "coins[0].quote", r#"quote must be USD, USDT, USDC or BTC, got "EUR""#),
    ("quote in lower case", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"50000","quote":"usd"}]}"#, "unknown_quote", "coins[0].quote", r#"got "usd""#),
    ("quoted in BTC without BTC", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"DOT","balance":"1","price":"0.0001","quote":"BTC"}]}"#, "no_btc_to_quote_in", "coins[0].quote", "DOT is quoted in BTC, but BTC is not one of the coins; add BTC with its USD price"),
    ("BTC quoted in BTC", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","quote":"BTC"}]}"#, "btc_quoted_in_btc", "coins[0].quote", "BTC cannot be quoted in BTC"),
    ("BTC quoted in BTC, seen from a coin quoted in BTC", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1"},{"coin":"DOT","balance":"1","price":"0.0001","quote":"BTC"},{"coin":"BTC","balance":"1","price":"1","quote":"BTC"}]}"#, "btc_quoted_in_btc", "coins[2].quote", "BTC cannot be quoted in BTC"),
    ("USDT quoted in USD", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDT","balance":"1","price":"1","quote":"USD"}]}"#, "stablecoin_quote", "coins[0].quote", "USDT is priced by settings.usdt_usd; its quote must be USDT, got USD"),
    ("USDC quoted in USDT", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"USDC","balance":"1","quote":"USDT"}]}"#, "stablecoin_quote", "coins[0].quote", "USDC is priced by settings.usdc_usd; its quote must be USDC, got USDT"),

    // ---- debts that cannot be borrowed ----
    ("a negative balance without loan tiers", r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"50000"},{"coin":"USDT","balance":"-100"}]}"#, "not_borrowable", "coins[1].loan_tiers", "balance plus unrealized PnL leaves a debt of 100 USDT, but USDT cannot be borrowed: give it loan_tiers"),
    ("a position's loss without loan tiers", include_str!("malformed/loss-without-loan-tiers.json"), "not_borrowable", "coins[1].loan_tiers", "a debt of 900 USDT, but USDT cannot be borrowed"),
    ("a pending order that borrows", include_str!("malformed/pending-order-borrows.json"), "not_borrowable", "orders[1]", "filled, this order would leave a debt of 400 USDT, but USDT cannot be borrowed: give it loan_tiers"),
];

/// Malformed market documents (MARKET.md): each refused at a path rooted at `market:`, so
/// that its errors are never taken for a scenario's.
#[rustfmt::skip]
const MARKET_CASES: &[(&str, &str, &str, &str, &str)] = &[
    // ---- not a market ----
    ("a scenario given as a market", include_str!("../../../tests/fixtures/seeds/seed-3-buy-dot.json"), "wrong_format", "market:format", r#"expected "unimargin/market@1", got "unimargin/scenario@1""#),
    ("a bare scenario given as a market", r#"{"format":"unimargin/scenario@1"}"#, "wrong_format", "market:format", r#"expected "unimargin/market@1""#),
    ("a report given as a market", r#"{"format":"unimargin/report@1","coins":[],"account":{}}"#, "wrong_format", "market:format", r#"got "unimargin/report@1""#),
    ("another version", r#"{"format":"unimargin/market@2","name":"M","as_of":"2025-09-26"}"#, "wrong_format", "market:format", r#"expected "unimargin/market@1", got "unimargin/market@2""#),
    ("other JSON", r#"{"hello":"world"}"#, "unknown_field", "market:hello", "unknown field `hello`, expected one of `format`, `name`, `as_of`"),
    ("an array", "[]", "wrong_type", "market:", "expected a JSON object (the market)"),
    ("a number", "42", "wrong_type", "market:", "invalid type: integer `42`, expected a JSON object (the market)"),
    ("empty text", "", "invalid_json", "market:", "EOF while parsing a value"),
    ("a truncated file", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"BTC","discount_tiers":[{"rate":"0.9""#, "invalid_json", "market:coins[0].discount_tiers[0]", "EOF while parsing an object"),
    ("trailing garbage", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26"} }"#, "invalid_json", "market:", "trailing characters"),
    // ---- the document's own fields ----
    ("format missing", r#"{"name":"M","as_of":"2025-09-26"}"#, "missing_field", "market:format", "missing field `format`"),
    ("name missing", r#"{"format":"unimargin/market@1","as_of":"2025-09-26"}"#, "missing_field", "market:name", "missing field `name`"),
    ("name blank", r#"{"format":"unimargin/market@1","name":" ","as_of":"2025-09-26"}"#, "not_a_name", "market:name", "name must be a name without surrounding spaces"),
    ("as_of missing", r#"{"format":"unimargin/market@1","name":"M"}"#, "missing_field", "market:as_of", "missing field `as_of`"),
    ("as_of not a date", r#"{"format":"unimargin/market@1","name":"M","as_of":"26/09/2025"}"#, "not_a_date", "market:as_of", r#"as_of must be a date written YYYY-MM-DD, such as 2025-09-26, got "26/09/2025""#),
    ("as_of not a day", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-02-29"}"#, "not_a_date", "market:as_of", "got \"2025-02-29\""),
    ("a coin's as_of", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"BTC","as_of":"yesterday"}]}"#, "not_a_date", "market:coins[0].as_of", "got \"yesterday\""),
    ("a contract's as_of", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","as_of":"2025-9-26"}]}"#, "not_a_date", "market:contracts[0].as_of", "got \"2025-9-26\""),
    ("settings: warning above liquidation", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","settings":{"warning_rate":"1.2"}}"#, "warning_above_liquidation", "market:settings.warning_rate", "warning_rate (1.2) must not be above liquidation_rate (1)"),
    ("settings: a fee above 1", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","settings":{"spot_taker_fee":"1.5"}}"#, "not_a_fraction", "market:settings.spot_taker_fee", "spot_taker_fee must be between 0 and 1, got 1.5"),
    // ---- coins ----
    ("a coin with a balance", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"BTC","balance":"1"}]}"#, "unknown_field", "market:coins[0].balance", "unknown field `balance`"),
    ("a coin twice", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"BTC"},{"coin":"BTC"}]}"#, "duplicate", "market:coins[1].coin", "BTC is already defined at coins[0]"),
    ("a coin without a name", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":""}]}"#, "not_a_name", "market:coins[0].coin", "coin must be a name"),
    ("an unknown quote", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"ETH","quote":"EUR"}]}"#, "unknown_quote", "market:coins[0].quote", r#"quote must be USD, USDT, USDC or BTC, got "EUR""#),
    ("USDT quoted in USD", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"USDT","quote":"USD"}]}"#, "stablecoin_quote", "market:coins[0].quote", "its quote must be USDT, got USD"),
    ("a discount rate above 1", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"BTC","discount_tiers":[{"up_to_usd":"1000000","rate":"0.98"},{"rate":"1.5"}]}]}"#, "not_a_fraction", "market:coins[0].discount_tiers[1].rate", "rate must be between 0 and 1, got 1.5"),
    ("discount tiers out of order", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"BTC","discount_tiers":[{"up_to_usd":"2000","rate":"0.98"},{"up_to_usd":"1000","rate":"0.97"},{"rate":"0.9"}]}]}"#, "tiers_not_ascending", "market:coins[0].discount_tiers[1].up_to_usd", "up_to_usd 1000 is not above the previous tier's 2000"),
    ("a bounded last discount tier", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"BTC","discount_tiers":[{"up_to":"500","rate":"0.98"}]}]}"#, "last_tier_bounded", "market:coins[0].discount_tiers[0].up_to", "leave out up_to"),
    ("discount tiers of both kinds", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"BTC","discount_tiers":[{"up_to":"500","rate":"0.98"},{"up_to_usd":"90000000","rate":"0.97"},{"rate":"0.9"}]}]}"#, "mixed_tier_units", "market:coins[0].discount_tiers[1]", "all in USD (up_to_usd) or all in coin units (up_to)"),
    ("a loan tier with leverage 0", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"USDT","loan_tiers":[{"leverage":"0","mmr":"0.03"}]}]}"#, "not_positive", "market:coins[0].loan_tiers[0].leverage", "leverage must be greater than 0, got 0"),
    ("a negative interest-free amount", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"USDT","interest_free":"-1"}]}"#, "negative", "market:coins[0].interest_free", "interest_free must not be negative, got -1"),
    ("hourly interest not a number", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","coins":[{"coin":"USDT","hourly_interest":"0.1%"}]}"#, "not_a_decimal", "market:coins[0].hourly_interest", r#"got "0.1%""#),
    // ---- contracts ----
    ("a contract without base", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","contracts":[{"symbol":"BTCUSDT","settle":"USDT"}]}"#, "missing_field", "market:contracts[0].base", "missing field `base`"),
    ("a contract with a blank settle", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":""}]}"#, "not_a_name", "market:contracts[0].settle", "settle must be a name"),
    ("a contract with a mark price", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mark_price":"50000"}]}"#, "unknown_field", "market:contracts[0].mark_price", "unknown field `mark_price`"),
    ("max_leverage 0", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","max_leverage":"0"}]}"#, "not_positive", "market:contracts[0].max_leverage", "max_leverage must be greater than 0, got 0"),
    ("a taker fee above 1", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","taker_fee":"6"}]}"#, "not_a_fraction", "market:contracts[0].taker_fee", "taker_fee must be between 0 and 1, got 6"),
    ("empty position tiers", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mm_tiers":[]}]}"#, "no_position_tiers", "market:contracts[0].mm_tiers", "at least one position tier"),
    ("an unbounded position tier first", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT","mm_tiers":[{"mmr":"0.004"},{"mmr":"0.005"}]}]}"#, "unbounded_tier_not_last", "market:contracts[0].mm_tiers[0]", "number 1 of 2"),
    ("a contract twice", r#"{"format":"unimargin/market@1","name":"M","as_of":"2025-09-26","contracts":[{"symbol":"BTCUSDT","base":"BTC","settle":"USDT"},{"symbol":"BTCUSDT","base":"BTC","settle":"USDT"}]}"#, "duplicate", "market:contracts[1].symbol", "BTCUSDT is already defined"),
];

#[test]
fn every_malformed_market_is_refused_at_its_market_path() {
    let failures: Vec<String> = MARKET_CASES
        .iter()
        .filter_map(|&(name, json, kind, path, message)| {
            check_reading(name, json, kind, path, message, |json| {
                unimargin::parse_market(json).map(|_| ())
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // a market given where a scenario goes is said to be one
    let market = include_str!("../../../web/market.json");
    let error = unimargin::evaluate_json(market).unwrap_err();
    assert_eq!((error.path(), error.code()), ("format", "wrong_format"));
    assert!(error.message().contains(r#"got "unimargin/market@1""#));
}

#[test]
fn every_malformed_document_is_refused_with_its_path() {
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
    run(CASES);
}

#[test]
fn the_names_of_the_cases_are_distinct() {
    let mut names: Vec<&str> = CASES.iter().map(|case| case.0).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "two cases share a name");
}

/// The documents of the corpus files are valid once the one defect is taken out, so each
/// row tests the defect it names and nothing else.
#[test]
fn the_corpus_files_are_valid_without_their_defect() {
    let huge = r#""size": "10000000000000000000000000""#;
    let fixed = [
        (
            include_str!("malformed/overflow-position.json"),
            huge,
            r#""size": "1""#,
        ),
        (
            include_str!("malformed/overflow-pending-order.json"),
            huge,
            r#""size": "1""#,
        ),
        (
            include_str!("malformed/overflow-check.json"),
            huge,
            r#""size": "1""#,
        ),
        (
            include_str!("malformed/loss-without-loan-tiers.json"),
            r#""entry_price": "60000""#,
            r#""entry_price": "50000""#,
        ),
        (
            include_str!("malformed/pending-order-borrows.json"),
            r#""size": "0.011""#,
            r#""size": "0.001""#,
        ),
    ];
    for (document, defect, fix) in fixed {
        assert_eq!(document.matches(defect).count(), 1, "{defect}");
        let repaired = document.replace(defect, fix);
        if let Err(e) = unimargin::evaluate_json(&repaired) {
            panic!("{defect} → {fix}: {}", e.to_json());
        }
    }
}

/// 100,000 levels of nesting: refused at the first level that has the wrong type, without
/// recursing (a stack overflow would abort the test run, not fail one test).
#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    const DEPTH: usize = 100_000;
    let brackets = "[".repeat(DEPTH);
    let closed = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let objects = format!("{}1{}", r#"{"a":"#.repeat(DEPTH), "}".repeat(DEPTH));
    let in_balance = format!(
        r#"{{"format":"unimargin/scenario@1","coins":[{{"coin":"BTC","balance":{objects},"price":"1"}}]}}"#
    );
    let in_setting =
        format!(r#"{{"format":"unimargin/scenario@1","settings":{{"usdt_usd":{closed}}}}}"#);
    let in_coins = format!(r#"{{"format":"unimargin/scenario@1","coins":[{brackets}"#);
    let in_tiers = format!(
        r#"{{"format":"unimargin/scenario@1","coins":[{{"coin":"BTC","balance":"1","price":"1","discount_tiers":{closed}}}]}}"#
    );
    let in_check = format!(
        r#"{{"format":"unimargin/scenario@1","check":{{"market":"spot","side":"buy","size":{objects}}}}}"#
    );
    let table: [(&str, &str, &str, &str, &str); 8] = [
        (
            "100,000 opening brackets",
            &brackets,
            "wrong_type",
            "",
            "invalid type: sequence, expected a JSON object (the scenario)",
        ),
        (
            "100,000 balanced brackets",
            &closed,
            "wrong_type",
            "",
            "invalid type: sequence",
        ),
        (
            "100,000 nested objects",
            &objects,
            "unknown_field",
            "a",
            "unknown field `a`",
        ),
        (
            "nested objects in a balance",
            &in_balance,
            "wrong_type",
            "coins[0].balance",
            "invalid type: map, expected a decimal number",
        ),
        (
            "nested arrays in a setting",
            &in_setting,
            "wrong_type",
            "settings.usdt_usd",
            "invalid type: sequence, expected a decimal number",
        ),
        (
            "nested arrays in the coins",
            &in_coins,
            "wrong_type",
            "coins[0]",
            "invalid type: sequence, expected a JSON object (a coin)",
        ),
        (
            "nested arrays in the tiers",
            &in_tiers,
            "wrong_type",
            "coins[0].discount_tiers[0]",
            "expected a JSON object (a discount tier)",
        ),
        (
            "nested objects in the check",
            &in_check,
            "wrong_type",
            "check.size",
            "invalid type: map, expected a decimal number",
        ),
    ];
    run(&table);
}

/// `to_json` is FORMAT.md's error document with the kind, byte for byte.
#[test]
fn the_error_document_is_exactly_path_kind_and_message() {
    let table = [
        (
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"0"}]}"#,
            r#"{"error":{"path":"coins[0].price","kind":"not_positive","message":"price must be greater than 0, got 0"}}"#,
        ),
        (
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000","rate":"0.9"},{"rate":"1.5"}]}]}"#,
            r#"{"error":{"path":"coins[0].discount_tiers[1].rate","kind":"not_a_fraction","message":"rate must be between 0 and 1, got 1.5"}}"#,
        ),
        (
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"\"1\"","price":"1"}]}"#,
            r#"{"error":{"path":"coins[0].balance","kind":"not_a_decimal","message":"expected a decimal number such as \"50000\" or \"0.98\", got \"\"1\"\""}}"#,
        ),
        (
            "",
            r#"{"error":{"path":"","kind":"invalid_json","message":"invalid JSON: EOF while parsing a value at line 1 column 0"}}"#,
        ),
    ];
    for (json, want) in table {
        let error = unimargin::evaluate_json(json).unwrap_err();
        assert_eq!(error.to_json(), want);
    }
}

/// The parsed scenario is refused by the same rules when it comes in as a value.
#[test]
fn a_scenario_built_in_code_is_validated_too() {
    let mut scenario = unimargin::parse_scenario(
        r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"}]}"#,
    )
    .unwrap();
    scenario.coins[0].price = Some(unimargin::Decimal::NEGATIVE_ONE);
    let error = unimargin::evaluate_scenario(&scenario).unwrap_err();
    assert_eq!(error.path(), "coins[0].price");
    assert_eq!(error.message(), "price must be greater than 0, got -1");
    assert_eq!(
        error.to_string(),
        "coins[0].price: price must be greater than 0, got -1"
    );
}

#[test]
fn a_reading_error_names_a_missing_field_by_its_path() {
    use unimargin::reading_error;
    let error = reading_error("coins[0]".into(), "missing field `balance`");
    assert_eq!(error.path(), "coins[0].balance");
    assert_eq!(
        error.kind(),
        &ErrorKind::MissingField {
            field: "balance".into()
        }
    );
    assert_eq!(error.message(), "missing field `balance`");
    assert_eq!(
        reading_error(String::new(), "missing field `format`").path(),
        "format"
    );
}

/// The kinds carry the data a sentence needs: what the tables above see as text.
#[test]
fn the_kinds_carry_their_data() {
    use unimargin::error::Figure;
    use unimargin::num::NumberError;
    use unimargin::read::{Expected, Found, Section};
    use unimargin::Decimal;
    let kind_of = |json: &str| unimargin::evaluate_json(json).unwrap_err().into_parts().1;
    let table: [(&str, ErrorKind); 6] = [
        (
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000000","rate":"0.98"},{"up_to_usd":"500000","rate":"0.97"},{"rate":"0.9"}]}]}"#,
            ErrorKind::TiersNotAscending {
                field: "up_to_usd",
                bound: Decimal::from(500_000),
                previous: Decimal::from(1_000_000),
            },
        ),
        (
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","loan_tiers":[{"leverage":"10","mmr":"0.05"},{"leverage":"5","mmr":"0.1"}]}]}"#,
            ErrorKind::UnboundedTierNotLast {
                field: "up_to",
                number: 1,
                count: 2,
            },
        ),
        (
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1e29","price":"1"}]}"#,
            ErrorKind::Number(NumberError::TooLarge {
                text: "1e29".into(),
            }),
        ),
        (
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":true,"price":"1"}]}"#,
            ErrorKind::WrongType {
                expected: Expected::Decimal,
                got: Found::Boolean(true),
            },
        ),
        (
            r#"{"format":"unimargin/scenario@1","coins":[["BTC","1","50000"]]}"#,
            ErrorKind::WrongType {
                expected: Expected::Object(Section::Coin),
                got: Found::List,
            },
        ),
        (
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"70000000000000000000000000000","price":"10"}]}"#,
            ErrorKind::TooLarge {
                what: Figure::UsdEquity,
            },
        ),
    ];
    for (json, want) in table {
        assert_eq!(kind_of(json), want, "{json}");
    }
}

/// A bad number is named by its own reason even when the document is also broken after it.
#[test]
fn a_bad_number_in_a_broken_document_is_named_by_its_reason() {
    let json =
        r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1e99","price":"#;
    let error = unimargin::evaluate_json(json).unwrap_err();
    assert_eq!(error.path(), "coins[0].balance");
    assert_eq!(error.code(), "number_too_large");
    assert_eq!(
        error.message(),
        r#""1e99" is too large: figures must stay below about 7.9e28"#
    );
}
