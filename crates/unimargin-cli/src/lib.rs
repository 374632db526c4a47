//! `unimargin`: the margin engine on the command line, for scripts and bots.
//!
//! JSON on standard output with `format` first (one line, or indented with `--pretty`), exit
//! 0; bad input: exit 2, nothing on standard output, the error document on standard error;
//! output that cannot be written: exit 1 (quietly when the reader closed the pipe).
//!
//! The binary (`main.rs`) only writes what [`run_from`] answers: the command line and
//! standard input in, an [`Outcome`] out, so that the whole command can be driven in process
//! (the fuzz suite, `tests/fuzz`).

mod bitget;
mod cli;

use clap::error::{ContextKind, ContextValue, ErrorKind as ClapKind};
use clap::Parser;
use cli::{Cli, Command, FromBitget, Input, MarketCommand};
use serde::Serialize;
use std::cell::RefCell;
use std::ffi::OsString;
use std::io::Read;
use unimargin::error::{Entity, Figure, UsageProblem};
use unimargin::market::Market;
use unimargin::{Account, Decimal, Error, ErrorKind};

/// What a run of the command line comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The text for standard output (a JSON document and a newline, or the help): exit 0.
    Answer(String),
    /// Bad input: the error document goes on standard error, exit 2.
    Refused(Error),
}

/// Runs the command line `args` (the program's name first, as `std::env::args_os` gives
/// them), reading `stdin` where a file is given as `-`.
pub fn run_from<I, T>(args: I, stdin: &mut dyn Read) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let files = Files {
        stdin: RefCell::new(stdin),
    };
    match run(cli.command, cli.pretty, &files) {
        Ok(json) => Outcome::Answer(json),
        Err(error) => Outcome::Refused(error),
    }
}

/// Where the documents are read from: files by name, standard input for `-`.
struct Files<'a> {
    stdin: RefCell<&'a mut dyn Read>,
}

/// The answer of a command, as the JSON text it prints (a line).
fn run(command: Command, pretty: bool, files: &Files) -> Result<String, Error> {
    let answer = |document: &dyn erased::Document| render(document, pretty);
    match command {
        Command::Evaluate { input, .. } => {
            let (scenario, market) = load(&input, files)?;
            answer(&unimargin::evaluate_with_market(
                &scenario,
                market.as_ref(),
            )?)
        }
        Command::Explain { input, .. } => {
            let account = account(&input, files)?;
            let report = unimargin::evaluate::evaluate(&account)?;
            let explained = unimargin::explain::explain(&account, &report);
            let explanation = unimargin::explain::english::render_all(&explained);
            answer(&Tagged::new("unimargin/explanation@1", &explanation))
        }
        Command::Liquidate { input, .. } => {
            let plan = unimargin::liquidation::liquidate(&account(&input, files)?)?;
            answer(&Tagged::new("unimargin/liquidation@1", &plan))
        }
        Command::Liquidation { input, coin, .. } => {
            let account = account(&input, files)?;
            let coin = coin_index(&account, coin.as_deref())?;
            let evaluation = unimargin::evaluate::Evaluation::new(&account)?;
            let prices = unimargin::whatif::liquidation_prices(&evaluation, coin)?;
            answer(&LiquidationPrices {
                format: "unimargin/liquidation-prices@1",
                null_means: "the rate does not reach that threshold between searched_from and \
                             searched_to on that side of the current price",
                prices: &prices,
            })
        }
        Command::Sweep {
            input,
            coin,
            from,
            to,
            points,
            ..
        } => answer(&sweep(&input, files, coin.as_deref(), from, to, points)?),
        Command::Resolve { input, .. } => {
            let (scenario, market) = load(&input, files)?;
            if market.is_none() {
                let problem = UsageProblem::MissingOption("--market".into());
                return Err(Error::new("--market", ErrorKind::Usage { problem }));
            }
            let complete = unimargin::market::resolve(&scenario, market.as_ref())?;
            // the complete scenario is checked as any other before it is given out
            Account::from_scenario(&complete)?;
            answer(&*complete)
        }
        Command::Market {
            command: MarketCommand::Check { file, .. },
        } => {
            let market = read_market(files, &file, "")?;
            let document = market.document();
            answer(&MarketCheck {
                format: "unimargin/market-check@1",
                name: &document.name,
                as_of: &document.as_of,
                coins: document.coins.iter().map(|c| c.coin.as_str()).collect(),
                contracts: document
                    .contracts
                    .iter()
                    .map(|c| c.symbol.as_str())
                    .collect(),
            })
        }
        Command::Market {
            command: MarketCommand::FromBitget(options),
        } => answer(&from_bitget(&options, files)?),
    }
}

/// Documents of any type, written by one function.
mod erased {
    /// A document that can be written as JSON, compact or indented.
    pub trait Document {
        fn to_json(&self, pretty: bool) -> serde_json::Result<String>;
    }

    impl<T: serde::Serialize> Document for T {
        fn to_json(&self, pretty: bool) -> serde_json::Result<String> {
            if pretty {
                serde_json::to_string_pretty(self)
            } else {
                serde_json::to_string(self)
            }
        }
    }
}

/// A document as the JSON text printed, its fields in their declared order (`format`
/// first), and a newline.
fn render(document: &dyn erased::Document, pretty: bool) -> Result<String, Error> {
    document
        .to_json(pretty)
        .map(|json| format!("{json}\n"))
        .map_err(|e| {
            let detail = e.to_string();
            Error::new("", ErrorKind::Other { detail })
        })
}

/// A document with its `format` tag first.
#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    format: &'static str,
    #[serde(flatten)]
    body: &'a T,
}

impl<'a, T: Serialize> Tagged<'a, T> {
    fn new(format: &'static str, body: &'a T) -> Tagged<'a, T> {
        Tagged { format, body }
    }
}

/// `liquidation`'s answer: the prices, and what a `null` price means.
#[derive(Serialize)]
struct LiquidationPrices<'a> {
    format: &'static str,
    null_means: &'static str,
    #[serde(flatten)]
    prices: &'a unimargin::whatif::LiquidationPrices,
}

#[derive(Serialize)]
struct Sweep {
    format: &'static str,
    coin: String,
    #[serde(with = "unimargin::num::normalized")]
    current_price: Decimal,
    points: Vec<unimargin::whatif::PriceFigures>,
}

#[derive(Serialize)]
struct MarketCheck<'a> {
    format: &'static str,
    name: &'a str,
    as_of: &'a str,
    coins: Vec<&'a str>,
    contracts: Vec<&'a str>,
}

// ---- input ----

/// The text of a file, or of standard input for `-`; `path` names where the file was given
/// (`""` for the scenario, `--market` for the market).
fn read_input(files: &Files, source: &str, path: &str) -> Result<String, Error> {
    let mut text = String::new();
    let result = if source == "-" {
        files
            .stdin
            .borrow_mut()
            .read_to_string(&mut text)
            .map(|_| ())
    } else {
        std::fs::read_to_string(source).map(|t| text = t)
    };
    result.map(|_| text).map_err(|e| {
        Error::new(
            path,
            ErrorKind::CannotRead {
                file: source.to_string(),
                reason: e.to_string(),
            },
        )
    })
}

fn read_market(files: &Files, source: &str, path: &str) -> Result<Market, Error> {
    unimargin::parse_market(&read_input(files, source, path)?)
}

/// The scenario and, with `--market`, its market.
fn load(input: &Input, files: &Files) -> Result<(unimargin::Scenario, Option<Market>), Error> {
    if input.file == "-" && input.market.as_deref() == Some("-") {
        let problem = UsageProblem::StdinTwice;
        return Err(Error::new("--market", ErrorKind::Usage { problem }));
    }
    let market = match &input.market {
        Some(file) => Some(read_market(files, file, "--market")?),
        None => None,
    };
    let scenario = unimargin::parse_scenario(&read_input(files, &input.file, "")?)?;
    Ok((scenario, market))
}

/// The validated account of the scenario with its market.
fn account(input: &Input, files: &Files) -> Result<Account, Error> {
    let (scenario, market) = load(input, files)?;
    Account::with_market(&scenario, market.as_ref())
}

fn coin_index(account: &Account, name: Option<&str>) -> Result<usize, Error> {
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

/// A decimal option, read as the engine reads a decimal.
fn decimal(option: &'static str, text: Option<String>) -> Result<Option<Decimal>, Error> {
    text.map(|text| {
        unimargin::num::parse_decimal(&text)
            .map_err(|number| Error::new(option, ErrorKind::Number(number)))
    })
    .transpose()
}

fn sweep(
    input: &Input,
    files: &Files,
    coin: Option<&str>,
    from: Option<String>,
    to: Option<String>,
    points: Option<String>,
) -> Result<Sweep, Error> {
    let account = account(input, files)?;
    let coin = coin_index(&account, coin)?;
    let evaluation = unimargin::evaluate::Evaluation::new(&account)?;
    let mut probe = unimargin::whatif::PriceProbe::new(&evaluation, coin)?;
    let current = probe.current_price();
    let default = |factor: Decimal| {
        current
            .checked_mul(factor)
            .ok_or_else(|| Error::too_large("--coin", Figure::Sweep))
    };
    let from = match decimal("--from", from)? {
        Some(from) => from,
        None => default(Decimal::new(5, 1))?,
    };
    let to = match decimal("--to", to)? {
        Some(to) => to,
        None => default(Decimal::new(15, 1))?,
    };
    let points = match points {
        None => 200,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (2..=100_000).contains(n))
            .ok_or_else(|| Error::new("--points", ErrorKind::PointCount { got: text }))?,
    };
    for (field, value) in [("--from", from), ("--to", to)] {
        if value < Decimal::ZERO {
            return Err(Error::new(field, ErrorKind::Negative { field, got: value }));
        }
    }
    let figures = unimargin::whatif::sweep(&mut probe, from, to, points)
        .map_err(|_| Error::too_large("--to", Figure::Sweep))?;
    Ok(Sweep {
        format: "unimargin/sweep@1",
        coin: account.coins[coin].name.clone(),
        current_price: current,
        points: figures,
    })
}

/// `NAME=FILE` pairs of a repeatable option, each file read; a name given twice is refused.
fn pairs(
    files: &Files,
    option: &str,
    example: &str,
    values: &[String],
) -> Result<Vec<(String, bitget::Answer)>, Error> {
    let mut read: Vec<(String, bitget::Answer)> = Vec::with_capacity(values.len());
    for value in values {
        let pair = value
            .split_once('=')
            .filter(|(name, file)| !name.is_empty() && !file.is_empty());
        let Some((name, file)) = pair else {
            let problem = UsageProblem::NotAPair {
                option: option.to_string(),
                example: example.to_string(),
                got: value.clone(),
            };
            return Err(Error::new(option, ErrorKind::Usage { problem }));
        };
        if read.iter().any(|(n, _)| n == name) {
            let problem = UsageProblem::Repeated(format!("{option} {name}"));
            return Err(Error::new(option, ErrorKind::Usage { problem }));
        }
        let answer = bitget::Answer {
            file: file.to_string(),
            text: read_input(files, file, option)?,
        };
        read.push((name.to_string(), answer));
    }
    Ok(read)
}

fn from_bitget(o: &FromBitget, files: &Files) -> Result<unimargin::MarketDocument, Error> {
    let single = |option: &str, file: &Option<String>| -> Result<Option<bitget::Answer>, Error> {
        file.as_ref()
            .map(|file| {
                Ok(bitget::Answer {
                    file: file.clone(),
                    text: read_input(files, file, option)?,
                })
            })
            .transpose()
    };
    if !o.coins.is_empty() && o.discount_rate.is_none() {
        let problem = UsageProblem::MissingOption("--discount-rate (for --coin)".into());
        return Err(Error::new("--coin", ErrorKind::Usage { problem }));
    }
    let answers = bitget::Answers {
        discount_rate: single("--discount-rate", &o.discount_rate)?,
        coins: o.coins.clone(),
        position_tiers: pairs(
            files,
            "--position-tier",
            "BTCUSDT=btcusdt.json",
            &o.position_tier,
        )?,
        loan_tiers: pairs(files, "--loan-tier", "USDT=usdt-loans.json", &o.loan_tier)?,
        margin_loans: pairs(
            files,
            "--margin-loans",
            "USDT=usdt-rate.json",
            &o.margin_loans,
        )?,
        instruments: single("--instruments", &o.instruments)?,
    };
    let naming = bitget::Naming {
        name: o.name.clone(),
        as_of: o.as_of.clone(),
        source: o.source.clone(),
    };
    bitget::market_from_bitget(&answers, &naming)
}

// ---- the command line ----

/// A command line clap refused, or asked for help or the version.
fn clap_error(e: clap::Error) -> Outcome {
    match e.kind() {
        ClapKind::DisplayHelp | ClapKind::DisplayVersion => Outcome::Answer(e.render().to_string()),
        _ => Outcome::Refused(Error::new(
            "",
            ErrorKind::Usage {
                problem: usage_problem(&e),
            },
        )),
    }
}

/// An option as clap names it (`--coin <C>`), without its value's name.
fn option_name(text: &str) -> String {
    text.split_whitespace().next().unwrap_or(text).to_string()
}

/// What clap found wrong, as a typed problem.
fn usage_problem(e: &clap::Error) -> UsageProblem {
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(text)) => Some(text.clone()),
        Some(ContextValue::Strings(texts)) => texts.first().cloned(),
        _ => None,
    };
    let invalid = context(ContextKind::InvalidArg);
    match e.kind() {
        ClapKind::MissingSubcommand | ClapKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            UsageProblem::MissingCommand
        }
        ClapKind::InvalidSubcommand => {
            UsageProblem::Unknown(context(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ClapKind::UnknownArgument => UsageProblem::Unknown(invalid.unwrap_or_default()),
        ClapKind::MissingRequiredArgument => match invalid.as_deref() {
            Some("<FILE>" | "<M>") => UsageProblem::MissingFile(command_of(e)),
            Some(option) => UsageProblem::MissingOption(option_name(option)),
            None => UsageProblem::Other(first_line(e)),
        },
        ClapKind::ArgumentConflict
            if invalid.is_some() && invalid == context(ContextKind::PriorArg) =>
        {
            UsageProblem::Repeated(option_name(&invalid.unwrap_or_default()))
        }
        ClapKind::InvalidValue if context(ContextKind::InvalidValue).as_deref() == Some("") => {
            let option = option_name(&invalid.unwrap_or_default());
            UsageProblem::MissingValue(option.trim_start_matches('-').to_string())
        }
        _ => UsageProblem::Other(first_line(e)),
    }
}

/// The command named in clap's usage line (`Usage: unimargin market check <M>` → `market
/// check`).
fn command_of(e: &clap::Error) -> String {
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => usage.to_string(),
        _ => String::new(),
    };
    usage
        .split_whitespace()
        .skip(2)
        .take_while(|word| !word.starts_with(['<', '[', '-']))
        .collect::<Vec<_>>()
        .join(" ")
}

/// clap's own sentence, for the problems not typed above.
fn first_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let line = text.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}
