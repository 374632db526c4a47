//! The JSON Schemas of docs/schema/ (generated from the engine's serde types by
//! `unimargin::schema`): the files checked in are the ones the code generates, and every
//! document the project shows or ships validates against its schema with a JSON Schema
//! validator (boon, draft 2020-12): the docs' examples, the test fixtures, the default market,
//! the reports the engine writes for them, and the errors it gives. The schemas refuse what
//! the engine refuses for its shape (unknown fields, wrong types, decimals that are not).

mod common;

use boon::{Compiler, SchemaIndex, Schemas};
use common::{docs_files, examples, format_of, read, repo, run_cli, shown};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use unimargin::num::{parse_decimal, NumberError};

const REGENERATE: &str = "cargo run -p unimargin --features schema --example schemas";

fn schema_dir() -> PathBuf {
    repo().join("docs/schema")
}

#[test]
fn the_checked_in_schemas_are_the_ones_the_engine_generates() {
    let generated = unimargin::schema::files();
    let mut names: Vec<String> = std::fs::read_dir(schema_dir())
        .expect("docs/schema/ exists")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let mut expected: Vec<String> = generated.iter().map(|(name, _)| name.to_string()).collect();
    expected.sort();
    assert_eq!(
        names, expected,
        "docs/schema/ holds the generated schemas only ({REGENERATE})"
    );
    for (name, text) in generated {
        let path = schema_dir().join(name);
        assert!(
            read(&path) == text,
            "{} differs from the schema the engine's types give: run `{REGENERATE}` and check the change in",
            shown(&path)
        );
    }
}

/// The four schemas, compiled from the files checked in.
struct Validator {
    schemas: Schemas,
    scenario: SchemaIndex,
    market: SchemaIndex,
    report: SchemaIndex,
    error: SchemaIndex,
    decimal: SchemaIndex,
}

impl Validator {
    fn new() -> Validator {
        let mut schemas = Schemas::new();
        let mut compiler = Compiler::new();
        let mut compile = |location: String| {
            compiler
                .compile(&location, &mut schemas)
                .unwrap_or_else(|e| panic!("{location}: {e:#}"))
        };
        let file = |name: &str| schema_dir().join(name).display().to_string();
        let scenario = compile(file("scenario.json"));
        let market = compile(file("market.json"));
        let report = compile(file("report.json"));
        let error = compile(file("error.json"));
        let decimal = compile(format!("{}#/$defs/Decimal", file("scenario.json")));
        Validator {
            schemas,
            scenario,
            market,
            report,
            error,
            decimal,
        }
    }

    /// The schema of a document, by its `format` tag (an error document has none).
    fn for_document(&self, value: &Value) -> Option<SchemaIndex> {
        match format_of(value) {
            Some("unimargin/scenario@1") => Some(self.scenario),
            Some("unimargin/market@1") => Some(self.market),
            Some("unimargin/report@1") => Some(self.report),
            None if value.get("error").is_some() => Some(self.error),
            _ => None,
        }
    }

    /// Validates `value`; the validator's explanation when it is refused.
    fn check(&self, value: &Value, schema: SchemaIndex) -> Result<(), String> {
        self.schemas
            .validate(value, schema)
            .map_err(|e| format!("{e:#}"))
    }
}

/// The JSON files under `dir`, recursively.
fn json_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            json_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
}

fn json_text(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

/// The report the engine writes for a scenario (with the default market when it names it),
/// or its error document.
fn engine_answer(scenario: &str) -> Value {
    let market = unimargin::parse_market(&read(&repo().join("web/market.json")))
        .expect("the default market");
    let named = json_text(scenario).get("market").cloned();
    let market = named.map(|_| &market);
    match unimargin::evaluate_json_with_market(scenario, market) {
        Ok(report) => json_text(&unimargin::report_to_json(&report)),
        Err(error) => json_text(&error.to_json()),
    }
}

/// The kinds of error that a document's shape causes, which its schema sees too.
const SHAPE_KINDS: [&str; 7] = [
    "missing_field",
    "unknown_field",
    "unknown_variant",
    "wrong_type",
    "not_a_decimal",
    "wrong_format",
    "not_finite",
];

/// Whether a docs example is a document the engine reads: a scenario (of any version) or a
/// market document.
fn is_input(value: &Value) -> bool {
    format_of(value)
        .is_some_and(|f| f.starts_with("unimargin/scenario@") || f == "unimargin/market@1")
}

/// The kind of the error the engine refuses an input example with, if it does.
fn input_refusal(text: &str, value: &Value) -> Option<&'static str> {
    if format_of(value) == Some("unimargin/market@1") {
        return unimargin::parse_market(text).err().map(|e| e.code());
    }
    let answer = engine_answer(text);
    let kind = answer.get("error")?.get("kind")?.as_str()?;
    Some(
        unimargin::ErrorKind::CODES
            .into_iter()
            .find(|code| *code == kind)
            .unwrap_or("other"),
    )
}

#[test]
fn every_document_the_project_shows_or_ships_validates_against_its_schema() {
    let validator = Validator::new();
    let mut failures = Vec::new();
    let mut wrongly_accepted = Vec::new();
    let mut validated = 0;
    let mut check = |place: &str, value: &Value, schema: SchemaIndex| {
        validated += 1;
        if let Err(why) = validator.check(value, schema) {
            failures.push(format!("{place}: {why}"));
        }
    };
    // the docs' examples: documents shown whole, and what the engine answers to each input
    for file in docs_files() {
        for example in examples(&file) {
            let value = &example.value;
            let is_report = format_of(value) == Some("unimargin/report@1");
            // an input the engine refuses for its shape (an unknown field, "1,5" for a
            // number) is one its schema refuses too; one it refuses for a rule a schema does
            // not say (a rate above 1) has a valid shape
            let shape_refused = is_input(value)
                .then(|| input_refusal(&example.text, value))
                .flatten()
                .filter(|kind| SHAPE_KINDS.contains(kind));
            match (validator.for_document(value), shape_refused) {
                // a report shown in the docs may leave figures out: the engine's is checked
                (Some(_), _) if is_report => {}
                (Some(schema), None) => check(&example.place, value, schema),
                (Some(schema), Some(kind)) => {
                    if validator.check(value, schema).is_ok() {
                        wrongly_accepted.push(format!(
                            "{}: the engine refuses it ({kind}), its schema accepts it",
                            example.place
                        ));
                    }
                }
                (None, _) => {}
            }
            if format_of(value) == Some("unimargin/scenario@1") && example.command.is_none() {
                let answer = engine_answer(&example.text);
                let schema = validator
                    .for_document(&answer)
                    .expect("a report or an error");
                check(
                    &format!("{} (the engine's answer)", example.place),
                    &answer,
                    schema,
                );
            }
            if let Some(args) = &example.command {
                let (_, answer) = run_cli(args);
                if let Some(schema) = validator.for_document(&answer) {
                    check(
                        &format!("{} (unimargin {})", example.place, args.join(" ")),
                        &answer,
                        schema,
                    );
                }
            }
        }
    }
    // the fixtures and the default market, and the engine's reports of the scenarios
    let mut unknown = Vec::new();
    let mut files = vec![repo().join("web/market.json")];
    json_files(&repo().join("tests/fixtures"), &mut files);
    for path in files {
        let text = read(&path);
        let value = json_text(&text);
        let place = shown(&path);
        let Some(schema) = validator.for_document(&value) else {
            unknown.push(place);
            continue;
        };
        check(&place, &value, schema);
        if format_of(&value) == Some("unimargin/scenario@1") {
            let answer = engine_answer(&text);
            assert!(answer.get("error").is_none(), "{place}: {answer}");
            check(
                &format!("{place} (the engine's report)"),
                &answer,
                validator.report,
            );
        }
    }
    assert!(
        unknown.is_empty(),
        "not documents of the format: {unknown:?}"
    );
    assert!(
        wrongly_accepted.is_empty(),
        "{}",
        wrongly_accepted.join("\n")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(validated >= 60, "only {validated} documents validated");
}

/// A scenario of one coin, changed by `edit`.
fn scenario_with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut scenario = json!({
        "format": "unimargin/scenario@1",
        "coins": [ { "coin": "BTC", "balance": "1", "price": "50000",
                     "discount_tiers": [ { "rate": "0.98" } ] },
                   { "coin": "USDT", "balance": "1000", "discount_tiers": [ { "rate": "1" } ] } ],
        "check": { "market": "spot", "side": "buy", "base": "BTC", "quote": "USDT",
                   "size": "0.01", "price": "50000" }
    });
    edit(&mut scenario);
    scenario
}

#[test]
fn the_schemas_refuse_the_shapes_the_engine_refuses() {
    let validator = Validator::new();
    let valid = scenario_with(|_| {});
    validator
        .check(&valid, validator.scenario)
        .expect("the base scenario validates");
    unimargin::evaluate_json(&valid.to_string()).expect("the engine evaluates the base scenario");
    let numbers = scenario_with(|s| s["coins"][0]["balance"] = json!(1.5));
    validator
        .check(&numbers, validator.scenario)
        .expect("a decimal may be a JSON number");
    let refused: Vec<(&str, Value)> = vec![
        (
            "no format",
            scenario_with(|s| drop(s.as_object_mut().map(|o| o.remove("format")))),
        ),
        (
            "another format",
            scenario_with(|s| s["format"] = json!("unimargin/market@1")),
        ),
        (
            "an unknown field",
            scenario_with(|s| s["coins"][0]["Balance"] = json!("1")),
        ),
        (
            "an unknown field in a tier",
            scenario_with(|s| s["coins"][0]["discount_tiers"][0]["up_to_USD"] = json!("1")),
        ),
        (
            "a decimal with a separator",
            scenario_with(|s| s["coins"][0]["balance"] = json!("1,000")),
        ),
        (
            "a decimal as true",
            scenario_with(|s| s["coins"][0]["price"] = json!(true)),
        ),
        (
            "a decimal as null",
            scenario_with(|s| s["coins"][0]["price"] = Value::Null),
        ),
        (
            "a side that is none",
            scenario_with(|s| s["check"]["side"] = json!("long")),
        ),
        (
            "coins as an object",
            scenario_with(|s| s["coins"] = json!({ "BTC": "1" })),
        ),
        (
            "a coin without balance",
            scenario_with(|s| drop(s["coins"][0].as_object_mut().map(|o| o.remove("balance")))),
        ),
        (
            "a position mode that is none",
            scenario_with(|s| s["settings"] = json!({ "position_mode": "oneway" })),
        ),
    ];
    for (what, scenario) in refused {
        assert!(
            validator.check(&scenario, validator.scenario).is_err(),
            "the schema accepts {what}"
        );
        let text = scenario.to_string();
        assert!(
            unimargin::parse_scenario(&text).is_err() || unimargin::evaluate_json(&text).is_err(),
            "the engine accepts {what}, which its schema refuses"
        );
    }
    let error = json!({ "error": { "path": "", "kind": "no_such_kind", "message": "…" } });
    assert!(
        validator.check(&error, validator.error).is_err(),
        "an unknown kind"
    );
    let market = json!({ "format": "unimargin/market@1", "name": "x", "as_of": "2025-01-01",
                         "coins": [ { "coin": "BTC", "rate": "1" } ] });
    assert!(
        validator.check(&market, validator.market).is_err(),
        "a market's unknown field"
    );
}

#[test]
fn the_decimal_pattern_accepts_what_the_engine_reads_and_refuses_what_it_cannot() {
    let validator = Validator::new();
    let texts = [
        "0",
        "7",
        "-7",
        "+2",
        "50000",
        "50000.00",
        "0.0006",
        ".5",
        "5.",
        "-1.5",
        "5e-4",
        "1.5E3",
        "1e28",
        "1e29",
        "1e-99999",
        "79228162514264337593543950336",
        "0.00000000000000000000000000001",
        "123456789012345678901234567890e-5",
        "",
        " 1",
        "1 ",
        "1,000",
        "1_000",
        "NaN",
        "inf",
        "Infinity",
        "-",
        "+",
        ".",
        "1e",
        "e5",
        "1.2.3",
        "0x10",
        "١٢",
        "--1",
        "1e+",
        "5%",
    ];
    for text in texts {
        let schema_reads = validator.check(&json!(text), validator.decimal).is_ok();
        match parse_decimal(text) {
            Ok(_) => assert!(
                schema_reads,
                "the engine reads {text:?}, the schema refuses it"
            ),
            Err(NumberError::NotADecimal { .. }) => {
                assert!(
                    !schema_reads,
                    "the schema accepts {text:?}, which is no decimal to the engine"
                )
            }
            // the right form, beyond the range or the digits kept: the engine says which
            Err(_) => assert!(schema_reads, "{text:?} has a decimal's form"),
        }
    }
}
