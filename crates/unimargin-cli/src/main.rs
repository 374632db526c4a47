//! `unimargin`: the margin engine on the command line, for scripts and bots.

use std::io::{Read, Write};
use std::process::ExitCode;
use unimargin::error::{Entity, Figure, UsageProblem};
use unimargin::{Error, ErrorKind};

const HELP: &str = r#"unimargin — margin calculator for crypto unified trading accounts

USAGE:
    unimargin evaluate FILE      evaluate a scenario (FILE, or - for standard input)
    unimargin explain FILE       the headline figures worked out with the account's numbers
    unimargin sweep FILE --coin C [--from P] [--to P] [--points N]
                                 cross margin rate, adjusted equity and maintenance
                                 margin at N prices of coin C (USD; default: half to
                                 one and a half times its price, 200 points)
    unimargin liquidation FILE --coin C
                                 the prices of coin C, below and above the current one,
                                 where the account reaches its warning and liquidation
                                 rates (searched from 0 to 10 times the price)
    unimargin liquidate FILE     partial liquidation played out step by step
    unimargin --help             this text
    unimargin --version          the version

A scenario is a JSON document (format "unimargin/scenario@1") listing coins,
futures contracts, positions, pending orders and, optionally, an order to
check. The report (format "unimargin/report@1") gives each coin's USD price,
equity, debt and contribution to adjusted equity; the account's adjusted
equity, margin reserved, maintenance margin, cross margin rate and risk; and,
for the checked order, the verdict, the headroom and the largest size that
passes. Numbers are decimal strings ("50000", "0.98"); rates are fractions.

EXAMPLE:
    $ cat account.json
    { "format": "unimargin/scenario@1",
      "coins": [
        { "coin": "BTC", "balance": "1", "price": "50000",
          "discount_tiers": [ { "up_to_usd": "1000000", "rate": "0.98" },
                              { "rate": "0.97" } ] },
        { "coin": "USDT", "balance": "100",
          "discount_tiers": [ { "rate": "1" } ],
          "loan_tiers": [ { "leverage": "10", "mmr": "0.03" } ] } ],
      "check": { "market": "spot", "side": "buy", "base": "BTC",
                 "quote": "USDT", "size": "0.01", "price": "50000" } }
    $ unimargin evaluate account.json
    {"format":"unimargin/report@1","coins":[...],"account":{
     "adjusted_equity":"49100",...},"check":{"accepted":true,...}}

EXIT STATUS:
    0  the report is on standard output
    2  bad input: nothing on standard output, and on standard error
       {"error":{"path":"coins[0].price","kind":"not_positive","message":"..."}},
       the path naming where in the document the problem is, the kind what it
       is (a stable code such as "not_positive", "missing_field" or "too_large")

The full format: FORMAT.md; the rules: RULES.md (shared/spec in the project).
"#;

fn usage_error(problem: UsageProblem) -> ExitCode {
    let error = Error::new("", ErrorKind::Usage { problem });
    eprintln!("{}", error.to_json());
    ExitCode::from(2)
}

fn read_input(source: &str) -> Result<String, Error> {
    let mut text = String::new();
    let result = if source == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(source).map(|t| text = t)
    };
    result.map(|_| text).map_err(|e| {
        Error::new(
            "",
            ErrorKind::CannotRead {
                file: source.to_string(),
                reason: e.to_string(),
            },
        )
    })
}

/// Prints a document on standard output, or the error on standard error with exit 2.
fn answer<T: serde::Serialize>(outcome: Result<T, Error>) -> ExitCode {
    answer_as(None, outcome)
}

/// The same, with a `format` tag put first in the document.
fn answer_as<T: serde::Serialize>(format: Option<&str>, outcome: Result<T, Error>) -> ExitCode {
    match outcome {
        Ok(document) => {
            let json = match format {
                None => serde_json::to_string(&document),
                Some(tag) => serde_json::to_value(&document).and_then(|value| {
                    let mut tagged = serde_json::Map::new();
                    tagged.insert("format".into(), tag.into());
                    if let serde_json::Value::Object(fields) = value {
                        tagged.extend(fields);
                    }
                    serde_json::to_string(&tagged)
                }),
            }
            .unwrap_or_else(|e| {
                let detail = e.to_string();
                Error::new("", ErrorKind::Other { detail }).to_json()
            });
            let mut out = std::io::stdout().lock();
            if writeln!(out, "{json}").and_then(|_| out.flush()).is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", error.to_json());
            ExitCode::from(2)
        }
    }
}

/// `--name value` options after the FILE.
struct Options<'a> {
    pairs: Vec<(&'a str, &'a str)>,
}

impl<'a> Options<'a> {
    fn parse(args: &[&'a str], allowed: &[&str]) -> Result<Options<'a>, UsageProblem> {
        let mut pairs = Vec::new();
        let mut rest = args.iter();
        while let Some(&flag) = rest.next() {
            let name = flag.strip_prefix("--").filter(|n| allowed.contains(n));
            let Some(name) = name else {
                return Err(UsageProblem::Unknown(flag.to_string()));
            };
            let Some(&value) = rest.next() else {
                return Err(UsageProblem::MissingValue(name.to_string()));
            };
            pairs.push((name, value));
        }
        Ok(Options { pairs })
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.pairs
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    fn decimal(&self, name: &str) -> Result<Option<unimargin::Decimal>, Error> {
        self.get(name)
            .map(|text| {
                unimargin::num::parse_decimal(text)
                    .map_err(|number| Error::new(format!("--{name}"), ErrorKind::Number(number)))
            })
            .transpose()
    }
}

/// Reads, validates and evaluates the scenario in `source`.
fn load(source: &str) -> Result<unimargin::Account, Error> {
    let text = read_input(source)?;
    unimargin::Account::from_scenario(&unimargin::parse_scenario(&text)?)
}

fn coin_index(account: &unimargin::Account, name: Option<&str>) -> Result<usize, Error> {
    let name = name.ok_or_else(|| Error::new("--coin", ErrorKind::NoCoinNamed))?;
    account
        .coins
        .iter()
        .position(|c| c.name == name)
        .ok_or_else(|| {
            let names: Vec<String> = account.coins.iter().map(|c| c.name.clone()).collect();
            let kind = ErrorKind::NotInAccount {
                entity: Entity::Coin,
                name: name.to_string(),
                count: names.len(),
                names,
            };
            Error::new("--coin", kind)
        })
}

fn sweep(source: &str, options: &Options) -> Result<serde_json::Value, Error> {
    use unimargin::Decimal;
    let account = load(source)?;
    let coin = coin_index(&account, options.get("coin"))?;
    let evaluation = unimargin::evaluate::Evaluation::new(&account)?;
    let mut probe = unimargin::whatif::PriceProbe::new(&evaluation, coin)?;
    let current = probe.current_price();
    let from = options
        .decimal("from")?
        .unwrap_or(current * Decimal::new(5, 1));
    let to = options
        .decimal("to")?
        .unwrap_or(current * Decimal::new(15, 1));
    let points = match options.get("points") {
        None => 200,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (2..=100_000).contains(n))
            .ok_or_else(|| {
                let got = text.to_string();
                Error::new("--points", ErrorKind::PointCount { got })
            })?,
    };
    for (field, value) in [("--from", from), ("--to", to)] {
        if value < Decimal::ZERO {
            return Err(Error::new(field, ErrorKind::Negative { field, got: value }));
        }
    }
    let figures = unimargin::whatif::sweep(&mut probe, from, to, points)
        .map_err(|_| Error::too_large("--to", Figure::Sweep))?;
    Ok(serde_json::json!({
        "format": "unimargin/sweep@1",
        "coin": account.coins[coin].name,
        "current_price": current.normalize().to_string(),
        "points": figures,
    }))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => usage_error(UsageProblem::MissingCommand),
        ["--help" | "-h" | "help", ..] => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        ["--version" | "-V"] => {
            println!("unimargin {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        ["evaluate", source] => {
            answer(read_input(source).and_then(|text| unimargin::evaluate_json(&text)))
        }
        ["explain", source] => answer_as(
            Some("unimargin/explanation@1"),
            load(source).and_then(|account| {
                let report = unimargin::evaluate::evaluate(&account)?;
                let explained = unimargin::explain::explain(&account, &report);
                Ok(unimargin::explain::english::render_all(&explained))
            }),
        ),
        ["liquidate", source] => answer_as(
            Some("unimargin/liquidation@1"),
            load(source).and_then(|account| unimargin::liquidation::liquidate(&account)),
        ),
        ["sweep", source, rest @ ..] => {
            match Options::parse(rest, &["coin", "from", "to", "points"]) {
                Ok(options) => answer(sweep(source, &options)),
                Err(problem) => usage_error(problem),
            }
        }
        ["liquidation", source, rest @ ..] => match Options::parse(rest, &["coin"]) {
            Ok(options) => answer_as(
                Some("unimargin/liquidation-prices@1"),
                load(source).and_then(|account| {
                    let coin = coin_index(&account, options.get("coin"))?;
                    let evaluation = unimargin::evaluate::Evaluation::new(&account)?;
                    unimargin::whatif::liquidation_prices(&evaluation, coin)
                }),
            ),
            Err(problem) => usage_error(problem),
        },
        [command @ ("evaluate" | "explain" | "liquidate" | "sweep" | "liquidation")] => {
            usage_error(UsageProblem::MissingFile(command.to_string()))
        }
        ["evaluate" | "explain" | "liquidate", _, extra, ..] => {
            usage_error(UsageProblem::AfterFile(extra.to_string()))
        }
        [command, ..] => usage_error(UsageProblem::Unknown(command.to_string())),
    }
}
