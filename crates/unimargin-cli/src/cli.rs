//! The command line, as clap reads it: the commands, their options and their `--help`.
//! Options may come before or after FILE; an option given twice is an error (clap's default
//! for an option with one value), except those listed as repeatable.

use clap::{ArgAction, Args, Parser, Subcommand};

/// The text after the list of commands in `unimargin --help`.
const AFTER_HELP: &str = r#"USAGE:
    unimargin evaluate FILE [--market M] [--pretty]
    unimargin explain FILE [--market M] [--pretty]
    unimargin sweep FILE --coin C [--from P] [--to P] [--points N] [--market M] [--pretty]
    unimargin liquidation FILE --coin C [--market M] [--pretty]
    unimargin liquidate FILE [--market M] [--pretty]
    unimargin resolve FILE --market M [--pretty]
    unimargin market check M [--pretty]
    unimargin market from-bitget --name NAME [ANSWERS...] [--pretty]
FILE is a scenario, or - for standard input; options go before or after it.
`unimargin COMMAND --help` explains each command.

A scenario is a JSON document (format "unimargin/scenario@1") listing coins,
futures contracts, positions, pending orders and, optionally, an order to
check. The report (format "unimargin/report@1") gives each coin's USD price,
equity, debt and contribution to adjusted equity; the account's adjusted
equity, margin reserved, maintenance margin, cross margin rate and risk; and,
for the checked order, the verdict, the headroom and the largest size that
passes. Numbers are decimal strings ("50000", "0.98"); rates are fractions.

A market document (format "unimargin/market@1", --market M) holds an
exchange's tables: discount, loan and position tiers, fees and interest by
coin and contract. A scenario then leaves them out and gives only what the
person holds; what it gives wins. A scenario naming a market ("market":
{"name", "as_of"}) is evaluated with that market only.

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

OUTPUT:
    JSON on standard output, "format" first: one line (for machines), or
    indented with --pretty (for people).

EXIT STATUS:
    0  the answer is on standard output
    1  standard output cannot be written: a message on standard error, as
       {"error":{"path":"","kind":"cannot_write",...}} (a full disk); a reader
       that closed the pipe early (| head) ends the run quietly, as Unix tools do
    2  bad input: nothing on standard output, and on standard error
       {"error":{"path":"coins[0].price","kind":"not_positive","message":"..."}},
       the path naming where in the document the problem is (market:... in
       the market document, FILE:... in an exchange's answer, --option on the
       command line), the kind what it is (a stable code such as
       "not_positive", "missing_field" or "too_large")

DOCUMENTATION (in the repository and its source package):
    docs/cli.md     the commands, options, exit status and error output
    docs/format.md  the scenario, report, market and error documents, field by field
                    (JSON Schemas: docs/schema/*.json)
    docs/rules.md   how each figure is computed
"#;

#[derive(Debug, Parser)]
#[command(
    name = "unimargin",
    version,
    about = "unimargin — margin calculator for crypto unified trading accounts",
    after_help = AFTER_HELP,
    subcommand_required = true,
    disable_help_subcommand = false
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Indented JSON, for people (default: one line, for machines)
    #[arg(long, global = true)]
    pub pretty: bool,
}

/// The scenario and the market it takes its tables from.
#[derive(Debug, Args)]
pub struct Input {
    /// The scenario: a JSON file, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: String,
    /// A market document (unimargin/market@1) whose tables fill what the scenario leaves out
    #[arg(long, value_name = "M")]
    pub market: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate a scenario: the report (unimargin/report@1)
    #[command(long_about = concat!(
        "Evaluate a scenario: every figure of the report (unimargin/report@1), and the verdict on\n",
        "its `check` when it has one. With --market, the report names the market used (\"market\":\n",
        "{\"name\", \"as_of\"})."
    ))]
    Evaluate {
        #[command(flatten)]
        input: Input,
    },
    /// The headline figures worked out with the account's numbers (unimargin/explanation@1)
    Explain {
        #[command(flatten)]
        input: Input,
    },
    /// The account's figures at N prices of one coin (unimargin/sweep@1)
    #[command(long_about = concat!(
        "The cross margin rate, adjusted equity, margin reserved and maintenance margin at N\n",
        "evenly spread USD prices of coin C, everything priced through it following\n",
        "(unimargin/sweep@1). Default: from half to one and a half times its price, 200 points."
    ))]
    Sweep {
        #[command(flatten)]
        input: Input,
        /// The coin whose price moves, such as BTC
        #[arg(long, value_name = "C")]
        coin: Option<String>,
        /// The first USD price (default: half the current price)
        #[arg(long, value_name = "P", allow_negative_numbers = true)]
        from: Option<String>,
        /// The last USD price (default: one and a half times the current price)
        #[arg(long, value_name = "P", allow_negative_numbers = true)]
        to: Option<String>,
        /// How many prices, from 2 to 100000 (default 200)
        #[arg(long, value_name = "N")]
        points: Option<String>,
    },
    /// Where the account reaches its warning and liquidation rates (unimargin/liquidation-prices@1)
    #[command(long_about = concat!(
        "The USD prices of coin C, the nearest below and the nearest above the current one, at\n",
        "which the account's cross margin rate reaches its liquidation rate and its warning rate\n",
        "(unimargin/liquidation-prices@1). The search runs from 0 to 10 times the current price\n",
        "(searched_from, searched_to). A price of null means that the rate does not reach the\n",
        "threshold anywhere in that range on that side (the output says so in \"null_means\");\n",
        "already_past means the account is at or past the threshold now, and no price is\n",
        "searched."
    ))]
    Liquidation {
        #[command(flatten)]
        input: Input,
        /// The coin whose price moves, such as BTC
        #[arg(long, value_name = "C")]
        coin: Option<String>,
    },
    /// Partial liquidation played out step by step (unimargin/liquidation@1)
    Liquidate {
        #[command(flatten)]
        input: Input,
    },
    /// The complete scenario equivalent to FILE with its market: every table written out
    #[command(long_about = concat!(
        "The complete scenario (unimargin/scenario@1) that FILE stands for with the market M:\n",
        "each table the scenario leaves out written out from the market, what it gives kept. It\n",
        "names no market and gives the same figures without one: a scenario to keep, share or\n",
        "check elsewhere."
    ))]
    Resolve {
        #[command(flatten)]
        input: Input,
    },
    /// Market documents: check one, or build one from an exchange's answers
    Market {
        #[command(subcommand)]
        command: MarketCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum MarketCommand {
    /// Check a market document: its name, date, coins and contracts (unimargin/market-check@1)
    Check {
        /// The market document: a JSON file, or - for standard input
        #[arg(value_name = "M")]
        file: String,
    },
    /// Build a market document from saved answers of Bitget's public API (v3)
    #[command(long_about = FROM_BITGET_HELP)]
    FromBitget(FromBitget),
}

const FROM_BITGET_HELP: &str = "Build a market document (unimargin/market@1) from answers of Bitget's public v3
endpoints saved as files (curl -o). An answer does not say which coin or contract it is
for, so each file is named on the command line with what it answers: --position-tier
BTCUSDT=btcusdt.json. Every option but --name may be left out; a coin or contract
appears when an answer gives one of its tables.

Each table's as_of is the date of its answer (requestTime, UTC); a coin's or contract's
is the oldest of its answers'. How each figure is read (see docs/cli.md): discount bands
start at tierStartValue (USDT value) and run to the next start, written as up_to_usd;
position tiers run from minTierValue to maxTierValue (USDT notional), the last
unbounded; loan tiers are bounded by debt in coin units (Bitget does not document the
unit); hourly interest is dailyInterest ÷ 24, rounded up at 12 decimal places. Unknown
fields in the answers are ignored; an answer whose code is not \"00000\" is refused with
its msg.

EXAMPLE:
    curl -o rates.json 'https://api.bitget.com/api/v3/market/discount-rate'
    curl -o btcusdt.json 'https://api.bitget.com/api/v3/market/position-tier?category=USDT-FUTURES&symbol=BTCUSDT'
    curl -o usdt-loans.json 'https://api.bitget.com/api/v3/market/position-tier?category=MARGIN&coin=USDT'
    curl -o usdt-rate.json 'https://api.bitget.com/api/v3/market/margin-loans?coin=USDT'
    curl -o futures.json 'https://api.bitget.com/api/v3/market/instruments?category=USDT-FUTURES'
    unimargin market from-bitget --name 'Bitget UTA' --discount-rate rates.json --coin BTC --coin USDT \\
        --position-tier BTCUSDT=btcusdt.json --instruments futures.json \\
        --loan-tier USDT=usdt-loans.json --margin-loans USDT=usdt-rate.json > market.json";

#[derive(Debug, Args)]
pub struct FromBitget {
    /// The market's name (a scenario names the market by it and its date)
    #[arg(long)]
    pub name: String,
    /// The market's date, YYYY-MM-DD (default: the date of the newest answer)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Where the tables come from, for people (default: the endpoints and their dates)
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// GET /api/v3/market/discount-rate: every coin's discount tiers
    #[arg(long, value_name = "FILE")]
    pub discount_rate: Option<String>,
    /// Keep only this coin of --discount-rate (repeatable; default: every coin in it)
    #[arg(long = "coin", value_name = "COIN", action = ArgAction::Append)]
    pub coins: Vec<String>,
    /// GET /api/v3/market/position-tier?category=USDT-FUTURES&symbol=SYMBOL: the contract's
    /// position tiers and maximum leverage (repeatable)
    #[arg(long, value_name = "SYMBOL=FILE", action = ArgAction::Append)]
    pub position_tier: Vec<String>,
    /// GET /api/v3/market/position-tier?category=MARGIN&coin=COIN: the coin's loan tiers
    /// (repeatable)
    #[arg(long, value_name = "COIN=FILE", action = ArgAction::Append)]
    pub loan_tier: Vec<String>,
    /// GET /api/v3/market/margin-loans?coin=COIN: the coin's interest rate (repeatable)
    #[arg(long, value_name = "COIN=FILE", action = ArgAction::Append)]
    pub margin_loans: Vec<String>,
    /// GET /api/v3/market/instruments?category=USDT-FUTURES: each contract's base and settle
    /// coin, taker fee and maximum leverage (without it: base and settle from the symbol,
    /// BTCUSDT → BTC and USDT, and no taker fee)
    #[arg(long, value_name = "FILE")]
    pub instruments: Option<String>,
}
