//! `unimargin`: the margin engine on the command line, for scripts and bots.

use std::io::{Read, Write};
use std::process::ExitCode;

const HELP: &str = r#"unimargin — margin calculator for crypto unified trading accounts

USAGE:
    unimargin evaluate FILE      evaluate a scenario (FILE, or - for standard input)
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
       {"error":{"path":"coins[0].price","message":"..."}}, the path naming
       where in the document the problem is

The full format: FORMAT.md; the rules: RULES.md (shared/spec in the project).
"#;

fn usage_error(message: &str) -> ExitCode {
    let error = unimargin::Error::Field {
        path: String::new(),
        message: format!("{message} (see unimargin --help)"),
    };
    eprintln!("{}", error.to_json());
    ExitCode::from(2)
}

fn read_input(source: &str) -> Result<String, unimargin::Error> {
    let mut text = String::new();
    let result = if source == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(source).map(|t| text = t)
    };
    result.map(|_| text).map_err(|e| unimargin::Error::Field {
        path: String::new(),
        message: format!("cannot read {source}: {e}"),
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => usage_error("missing command"),
        ["--help" | "-h" | "help", ..] => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        ["--version" | "-V"] => {
            println!("unimargin {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        ["evaluate", source] => {
            let outcome = read_input(source).and_then(|text| unimargin::evaluate_json(&text));
            match outcome {
                Ok(report) => {
                    let mut out = std::io::stdout().lock();
                    let json = unimargin::report_to_json(&report);
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
        ["evaluate"] => usage_error("evaluate needs a FILE, or - for standard input"),
        [command, ..] => usage_error(&format!("unknown command or arguments: {command}")),
    }
}
