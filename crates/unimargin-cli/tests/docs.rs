//! The documentation (docs/*.md) against the code, so that neither drifts from the other:
//! every JSON example is what the engine (or the `unimargin` command shown above it) answers;
//! the list of error kinds is the engine's; the rules' readings, formulas and upgrade prompts
//! are the engine's own words; every link leads to a file, and to the function it names;
//! every command and option of `unimargin --help` is in docs/cli.md; no file a person reads
//! sends them outside the repository for the contract.

mod common;

use common::{
    cli_text, docs_files, examples, format_of, links, read, repo, run_cli, shown, shown_part_of,
    tables, Example,
};
use serde_json::Value;
use std::path::{Path, PathBuf};
use unimargin::explain::english;
use unimargin::explain::{Formula, Reading};
use unimargin::market::Market;
use unimargin::upgrade::UpgradeBlocker;
use unimargin::ErrorKind;

fn doc(name: &str) -> PathBuf {
    repo().join("docs").join(name)
}

/// Whitespace collapsed and quote markers dropped, so that a sentence wrapped over lines in
/// Markdown (in a `>` quote or not) is found.
fn flat(text: &str) -> String {
    text.lines()
        .map(|line| line.trim_start().trim_start_matches('>'))
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The market documents the examples may name: those shown in docs/, and the default market
/// (web/market.json), by name and date.
fn known_markets() -> Vec<(Value, Market)> {
    let mut texts = vec![read(&repo().join("web/market.json"))];
    for file in docs_files() {
        texts.extend(
            examples(&file)
                .into_iter()
                .filter(|e| {
                    e.command.is_none() && format_of(&e.value) == Some("unimargin/market@1")
                })
                .map(|e| e.text),
        );
    }
    texts
        .iter()
        .filter_map(|text| unimargin::parse_market(text).ok())
        .map(|market| {
            let reference = serde_json::to_value(market.reference()).expect("a reference");
            (reference, market)
        })
        .collect()
}

/// JSON text as a value (the engine's answers are JSON text).
fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the engine writes JSON")
}

/// What the engine answers to an input example: a scenario's report (with the market it
/// names, if the docs or web/ hold it), or a market document's validation; `Err` is the error
/// document.
fn answer(example: &Example, markets: &[(Value, Market)]) -> Option<Result<Value, Value>> {
    match format_of(&example.value)? {
        // a scenario of another version is an input too (refused: `wrong_format`)
        scenario if scenario.starts_with("unimargin/scenario@") => {
            let market = example.value.get("market").and_then(|named| {
                markets
                    .iter()
                    .find(|(reference, _)| reference == named)
                    .map(|(_, market)| market)
            });
            Some(
                unimargin::evaluate_json_with_market(&example.text, market)
                    .map(|report| json(&unimargin::report_to_json(&report)))
                    .map_err(|error| json(&error.to_json())),
            )
        }
        "unimargin/market@1" => Some(
            unimargin::parse_market(&example.text)
                .map(|_| Value::Null)
                .map_err(|error| json(&error.to_json())),
        ),
        _ => None,
    }
}

#[test]
fn every_json_example_is_what_the_engine_answers() {
    let markets = known_markets();
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in docs_files() {
        // the answer to the last input shown, for the report or error shown after it
        let mut last: Option<(String, Result<Value, Value>)> = None;
        for example in examples(&file) {
            let place = &example.place;
            if let Some(args) = &example.command {
                let (code, answer) = run_cli(args);
                let expected_code = if example.value.get("error").is_some() {
                    2
                } else {
                    0
                };
                if code != expected_code {
                    failures.push(format!(
                        "{place}: unimargin {} exits {code}: {answer}",
                        args.join(" ")
                    ));
                } else if let Err(difference) = shown_part_of(&example.value, &answer, "") {
                    failures.push(format!(
                        "{place}: unimargin {}: {difference}",
                        args.join(" ")
                    ));
                }
                checked += 1;
                continue;
            }
            if let Some((input, Err(error))) = &last {
                if example.value.get("error").is_none() {
                    failures.push(format!("{input}: the engine refuses this example ({error}); show the error right after it, or fix the example"));
                }
            }
            if let Some(outcome) = answer(&example, &markets) {
                last = Some((place.clone(), outcome));
                checked += 1;
                continue;
            }
            let shown = &example.value;
            match (format_of(shown), shown.get("error"), &last) {
                (Some("unimargin/report@1"), _, Some((_, Ok(report)))) => {
                    if let Err(difference) = shown_part_of(shown, report, "") {
                        failures.push(format!("{place}: the report shown is not the engine's: {difference}"));
                    }
                }
                (None, Some(_), Some((_, Err(error)))) => {
                    if shown != error {
                        failures.push(format!("{place}: the error shown is not the engine's: {error}"));
                    }
                }
                _ => failures.push(format!(
                    "{place}: a json block is a scenario, a market document, a report or an error right after its input, or the output of the unimargin command in the sh block right before it"
                )),
            }
            last = None;
            checked += 1;
        }
        if let Some((input, Err(error))) = last {
            failures.push(format!("{input}: the engine refuses this example: {error}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 30, "only {checked} examples checked");
}

#[test]
fn the_error_kinds_of_format_md_are_the_engines_in_its_order() {
    let markdown = read(&doc("format.md"));
    let listed: Vec<String> = tables(&markdown)
        .into_iter()
        .filter(|table| table.header.first().is_some_and(|h| h == "kind"))
        .flat_map(|table| table.rows)
        .flat_map(|row| row.into_iter().next().unwrap_or_default())
        .collect();
    assert_eq!(
        listed,
        ErrorKind::CODES,
        "docs/format.md's tables headed `kind` list every code of ErrorKind::CODES, one a row, in its order"
    );
}

/// Every reading of the explanations, by the position of its variant: the match has no
/// wildcard, so a reading added to the engine does not compile here until it is listed.
const READINGS: [Reading; 32] = [
    Reading::DiscountLikeTaxBrackets,
    Reading::TierHoldsItsUpperBound,
    Reading::DebtCountsInFull,
    Reading::PendingOrdersInListOrder,
    Reading::NoCreditBeforeTheFill,
    Reading::FuturesFeeInsideInitialMargin,
    Reading::LoanTakesTheTierOfItsWholeDebt,
    Reading::NoTiersNoBorrowing,
    Reading::PendingSpotOrderAddsLoanMargin,
    Reading::ContractReservesItsLargerSide,
    Reading::FuturesFeeIsTheTakerTerm,
    Reading::FuturesOrdersCancelledBelowReserved,
    Reading::LoanTakesTheMaintenanceRateOfItsTier,
    Reading::SideTakesTheTierOfItsWholeNotional,
    Reading::OpenOrdersAtMark,
    Reading::LargerSideSetsMaintenance,
    Reading::PendingSpotOrderAddsLoanMaintenance,
    Reading::LiquidationFeeOnTheBindingSide,
    Reading::NothingToMaintainIsZero,
    Reading::NoEquityIsUnbounded,
    Reading::ThresholdReachedAtIt,
    Reading::CheckedAsTheLastPendingOrder,
    Reading::SpotOrderReadAsFilled,
    Reading::LoanTierAfterTheOrder,
    Reading::NotBorrowableRefused,
    Reading::FuturesOrderTakesNothingOffEquity,
    Reading::ClosingOrderReservesNothingExtra,
    Reading::LargestSizeOnTheGrid,
    Reading::PositionTakesItsSideTier,
    Reading::RoiOnItsInitialMargin,
    Reading::AvailableIsTheWholePosition,
    Reading::OneWayNetPosition,
];

fn reading_index(reading: Reading) -> usize {
    match reading {
        Reading::DiscountLikeTaxBrackets => 0,
        Reading::TierHoldsItsUpperBound => 1,
        Reading::DebtCountsInFull => 2,
        Reading::PendingOrdersInListOrder => 3,
        Reading::NoCreditBeforeTheFill => 4,
        Reading::FuturesFeeInsideInitialMargin => 5,
        Reading::LoanTakesTheTierOfItsWholeDebt => 6,
        Reading::NoTiersNoBorrowing => 7,
        Reading::PendingSpotOrderAddsLoanMargin => 8,
        Reading::ContractReservesItsLargerSide => 9,
        Reading::FuturesFeeIsTheTakerTerm => 10,
        Reading::FuturesOrdersCancelledBelowReserved => 11,
        Reading::LoanTakesTheMaintenanceRateOfItsTier => 12,
        Reading::SideTakesTheTierOfItsWholeNotional => 13,
        Reading::OpenOrdersAtMark => 14,
        Reading::LargerSideSetsMaintenance => 15,
        Reading::PendingSpotOrderAddsLoanMaintenance => 16,
        Reading::LiquidationFeeOnTheBindingSide => 17,
        Reading::NothingToMaintainIsZero => 18,
        Reading::NoEquityIsUnbounded => 19,
        Reading::ThresholdReachedAtIt => 20,
        Reading::CheckedAsTheLastPendingOrder => 21,
        Reading::SpotOrderReadAsFilled => 22,
        Reading::LoanTierAfterTheOrder => 23,
        Reading::NotBorrowableRefused => 24,
        Reading::FuturesOrderTakesNothingOffEquity => 25,
        Reading::ClosingOrderReservesNothingExtra => 26,
        Reading::LargestSizeOnTheGrid => 27,
        Reading::PositionTakesItsSideTier => 28,
        Reading::RoiOnItsInitialMargin => 29,
        Reading::AvailableIsTheWholePosition => 30,
        Reading::OneWayNetPosition => 31,
    }
}

const FORMULAS: [Formula; 6] = [
    Formula::AdjustedEquity,
    Formula::MarginReserved,
    Formula::MaintenanceMargin,
    Formula::CrossMarginRate,
    Formula::OrderCheck,
    Formula::Position,
];

fn formula_index(formula: Formula) -> usize {
    match formula {
        Formula::AdjustedEquity => 0,
        Formula::MarginReserved => 1,
        Formula::MaintenanceMargin => 2,
        Formula::CrossMarginRate => 3,
        Formula::OrderCheck => 4,
        Formula::Position => 5,
    }
}

#[test]
fn the_readings_formulas_and_upgrade_prompts_of_rules_md_are_the_engines_words() {
    for (i, reading) in READINGS.iter().enumerate() {
        assert_eq!(
            reading_index(*reading),
            i,
            "READINGS lists each reading once"
        );
    }
    for (i, formula) in FORMULAS.iter().enumerate() {
        assert_eq!(
            formula_index(*formula),
            i,
            "FORMULAS lists each formula once"
        );
    }
    let rules = flat(&read(&doc("rules.md")));
    let mut missing = Vec::new();
    let sentences = READINGS
        .iter()
        .map(|r| english::reading(*r).to_string())
        .chain(FORMULAS.iter().map(|f| english::formula(*f).to_string()))
        .chain(
            unimargin::liquidation::READINGS
                .iter()
                .map(ToString::to_string),
        )
        .chain(UpgradeBlocker::ALL.iter().map(|b| b.prompt().to_string()));
    for sentence in sentences {
        if !rules.contains(&flat(&sentence)) {
            missing.push(sentence);
        }
    }
    assert!(
        missing.is_empty(),
        "docs/rules.md lacks the engine's words:\n{}",
        missing.join("\n")
    );
}

/// The files that link to others: the documentation and the two READMEs.
fn linking_files() -> Vec<PathBuf> {
    let mut files = docs_files();
    files.push(repo().join("README.md"));
    files.push(repo().join("crates/unimargin-js/npm/README.md"));
    files
}

/// The name of the function a link's code names: `usd_price`, `rules::prices::usd_price`,
/// `usd_price()` or `Account::with_market` all name the last identifier.
fn function_named(text: &str) -> Option<&str> {
    let name = text.trim_end_matches("()").rsplit("::").next()?;
    let identifier = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
    identifier.then_some(name)
}

#[test]
fn every_link_leads_to_a_file_and_to_the_function_it_names() {
    let mut failures = Vec::new();
    let mut functions = 0;
    for file in linking_files() {
        let markdown = read(&file);
        for link in links(&markdown) {
            let place = format!("{}:{}", shown(&file), link.line);
            let target = link.target.split('#').next().unwrap_or("");
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let path = file.parent().unwrap_or(Path::new(".")).join(target);
            if !path.exists() {
                failures.push(format!("{place}: {target} does not exist"));
                continue;
            }
            let Some(name) = link.code.then(|| function_named(&link.text)).flatten() else {
                continue;
            };
            if !path.is_file() {
                continue;
            }
            let source = read(&path);
            let defined = [format!("fn {name}("), format!("fn {name}<")]
                .iter()
                .any(|definition| source.contains(definition.as_str()));
            if defined {
                functions += 1;
            } else {
                failures.push(format!("{place}: {target} has no function `{name}`"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(functions >= 30, "only {functions} links to functions");
}

/// The commands and options `unimargin … --help` lists, as typed: `evaluate`, `market check`;
/// `--market`.
fn help_words(command: &[&str], commands: &mut Vec<String>, options: &mut Vec<String>) {
    let mut args = command.to_vec();
    args.push("--help");
    let help = cli_text(&args);
    let mut in_commands = false;
    for line in help.lines() {
        let trimmed = line.trim_start();
        if line.ends_with(':') && !line.starts_with(' ') {
            in_commands = line == "Commands:";
            continue;
        }
        if in_commands && line.starts_with("  ") && !trimmed.is_empty() {
            let name = trimmed.split_whitespace().next().unwrap_or_default();
            if name != "help" {
                let mut sub = command.to_vec();
                sub.push(name);
                commands.push(sub.join(" "));
                help_words(&sub, commands, options);
            }
        } else if trimmed.starts_with('-') {
            let option = trimmed
                .split([' ', ','])
                .find(|word| word.starts_with("--"))
                .unwrap_or_default();
            if !option.is_empty() && !options.iter().any(|o| o == option) {
                options.push(option.to_string());
            }
        }
    }
}

#[test]
fn every_command_and_option_of_the_help_is_in_cli_md() {
    let (mut commands, mut options) = (Vec::new(), Vec::new());
    help_words(&[], &mut commands, &mut options);
    assert!(commands.len() >= 9, "{commands:?}");
    assert!(options.len() >= 15, "{options:?}");
    let cli = read(&doc("cli.md"));
    let missing: Vec<String> = commands
        .iter()
        .map(|c| format!("unimargin {c}"))
        .chain(options)
        .filter(|word| !cli.contains(word.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/cli.md does not mention: {missing:?}"
    );
}

#[test]
fn the_help_sends_people_to_docs() {
    let help = cli_text(&["--help"]);
    for page in ["docs/cli.md", "docs/format.md", "docs/rules.md"] {
        assert!(help.contains(page), "unimargin --help names {page}");
    }
}

#[test]
fn every_field_of_the_documents_is_named_in_format_md() {
    let format = read(&doc("format.md"));
    let mut missing = Vec::new();
    for schema in [
        unimargin::schema::scenario(),
        unimargin::schema::market(),
        unimargin::schema::report(),
        unimargin::schema::error(),
    ] {
        let value = serde_json::to_value(&schema).expect("a schema is JSON");
        let objects = std::iter::once(&value).chain(
            value
                .get("$defs")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|defs| defs.values()),
        );
        for object in objects {
            let names = object.get("properties").and_then(Value::as_object);
            for name in names.into_iter().flat_map(|p| p.keys()) {
                if !format.contains(&format!("`{name}`")) && !missing.contains(name) {
                    missing.push(name.clone());
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/format.md does not name these fields (as `name`): {missing:?}"
    );
}

/// Files people read: everything in the repository but tests, build output and tools.
fn readable_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let skipped = [
        ".git",
        "target",
        "node_modules",
        "dist",
        ".tools",
        "tests",
        "screenshots",
    ];
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a folder entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !skipped.contains(&name) {
                readable_files(&path, found);
            }
        } else {
            found.push(path);
        }
    }
}

#[test]
fn no_file_people_read_sends_them_to_the_specification_outside_the_repository() {
    let mut files = Vec::new();
    readable_files(&repo(), &mut files);
    assert!(files.len() > 50, "{} files", files.len());
    let offending: Vec<String> = files
        .iter()
        .filter(|path| {
            std::fs::read_to_string(path)
                .is_ok_and(|text| text.contains("shared/spec") || text.contains("../shared"))
        })
        .map(|path| shown(path))
        .collect();
    assert!(
        offending.is_empty(),
        "these files point outside the repository (to shared/spec); point them to docs/: {offending:?}"
    );
}
