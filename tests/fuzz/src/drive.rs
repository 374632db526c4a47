//! One case through every entry point: the engine's, the JS adapter's core and the CLI's
//! commands (in process, through `run_from`), each call timed and its panics caught.
//!
//! What a case must do: no panic; every refusal a typed error (a code of
//! `ErrorKind::CODES`, a sentence) at a path; every answer of the CLI a JSON document; and
//! what `evaluate` accepts, every other entry point accepts too (an overflow, `too_large`,
//! being the one refusal allowed after it).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Duration;
use unimargin::evaluate::Evaluation;
use unimargin::upgrade::UpgradeBlocker;
use unimargin::{Account, Decimal, Error, ErrorKind};
use unimargin_cli::Outcome;
use unimargin_js::core;

/// A case: a scenario's text and, sometimes, a market's.
#[derive(Debug, Clone)]
pub struct Case {
    pub scenario: String,
    pub market: Option<String>,
    /// Which upgrade blockers are ticked (a bit each).
    pub ticks: u8,
}

/// What went wrong in a case.
#[derive(Debug, Clone)]
pub enum Finding {
    Panic { entry: String, message: String },
    Untyped { entry: String, error: String },
    Inconsistent { entry: String, error: String },
    NotJson { entry: String, output: String },
    Slow { entry: String, took: Duration },
}

/// How a case went: how many entry points it reached.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reached {
    pub calls: u32,
    /// The scenario was read (JSON of the format).
    pub parsed: bool,
    /// `evaluate` gave a report.
    pub evaluated: bool,
}

struct Driver {
    limit: Duration,
    reached: Reached,
}

impl Driver {
    /// Calls `f` as the entry point `entry`: its panic or its taking longer than the limit
    /// (in this thread's CPU time, which a loaded machine does not inflate as it does wall
    /// time; the watchdog catches hangs in wall time) is a finding.
    fn call<T>(&mut self, entry: &str, f: impl FnOnce() -> T) -> Result<T, Finding> {
        self.reached.calls += 1;
        let started = thread_cpu_time();
        let result = catch_unwind(AssertUnwindSafe(f)).map_err(|payload| Finding::Panic {
            entry: entry.to_string(),
            message: payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        })?;
        let took = thread_cpu_time().saturating_sub(started);
        if took > self.limit {
            return Err(Finding::Slow {
                entry: entry.to_string(),
                took,
            });
        }
        Ok(result)
    }
}

/// The CPU time this thread has used.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given and nothing else.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if status != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

/// A refusal must be typed: a known code, a sentence, and a document that is JSON.
fn typed(entry: &str, error: &Error) -> Result<(), Finding> {
    let document: Result<serde_json::Value, _> = serde_json::from_str(&error.to_json());
    let ok = ErrorKind::CODES.contains(&error.code())
        && !error.message().is_empty()
        && document.is_ok_and(|d| d["error"]["path"].as_str() == Some(error.path()));
    if ok {
        Ok(())
    } else {
        Err(Finding::Untyped {
            entry: entry.to_string(),
            error: format!("{error:?}"),
        })
    }
}

/// After `evaluate` accepted the account, an entry point may refuse only an overflow.
fn accepted<T>(entry: &str, result: Result<T, Error>) -> Result<Option<T>, Finding> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) => {
            typed(entry, &error)?;
            if error.code() == "too_large" {
                Ok(None)
            } else {
                Err(Finding::Inconsistent {
                    entry: entry.to_string(),
                    error: format!("{} at {}: {}", error.code(), error.path(), error.message()),
                })
            }
        }
    }
}

/// Any answer, or a typed refusal.
fn answered<T>(entry: &str, result: Result<T, Error>) -> Result<Option<T>, Finding> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) => typed(entry, &error).map(|()| None),
    }
}

/// Runs `case` through every entry point, each call within `limit`; `files` is where the
/// CLI's documents are written (a directory of this run's own).
pub fn drive(case: &Case, limit: Duration, files: &Files) -> Result<Reached, Finding> {
    let mut d = Driver {
        limit,
        reached: Reached::default(),
    };
    let market = match &case.market {
        Some(text) => answered(
            "parse_market",
            d.call("parse_market", || unimargin::parse_market(text))?,
        )?,
        None => None,
    };
    let parsed = d.call("parse_scenario", || {
        unimargin::parse_scenario(&case.scenario)
    })?;
    if let (Err(e), true) = (
        &parsed,
        std::env::var_os("UNIMARGIN_FUZZ_VERBOSE").is_some(),
    ) {
        eprintln!("REFUSED parse {} {}", e.code(), e.path());
    }
    let evaluated = match answered("parse_scenario", parsed)? {
        Some(scenario) => {
            d.reached.parsed = true;
            engine(&mut d, case, &scenario, market.as_ref())?
        }
        None => false,
    };
    d.reached.evaluated = evaluated;
    cli(
        &mut d,
        case,
        evaluated,
        market.is_some() || case.market.is_none(),
        files,
    )?;
    Ok(d.reached)
}

/// The engine's and the JS core's entry points; whether `evaluate` accepted the scenario.
fn engine(
    d: &mut Driver,
    case: &Case,
    scenario: &unimargin::Scenario,
    market: Option<&unimargin::Market>,
) -> Result<bool, Finding> {
    answered(
        "market::resolve",
        d.call("market::resolve", || {
            unimargin::market::resolve(scenario, market).map(|_| ())
        })?,
    )?;
    let account = d.call("Account::with_market", || {
        Account::with_market(scenario, market)
    })?;
    let report = d.call("evaluate", || {
        unimargin::evaluate_with_market(scenario, market)
    })?;
    let (account, report) = match (account, report) {
        (Ok(account), Ok(report)) => (account, report),
        (Err(error), Err(again)) => {
            if std::env::var_os("UNIMARGIN_FUZZ_VERBOSE").is_some() {
                eprintln!("REFUSED valid {} {}", error.code(), error.path());
            }
            typed("evaluate", &error)?;
            if error != again {
                return Err(Finding::Inconsistent {
                    entry: "Account::with_market".into(),
                    error: format!("{error:?} but evaluate says {again:?}"),
                });
            }
            // the JS core refuses it too
            let js = d.call("js::evaluate", || core::evaluate(scenario, market))?;
            if js.as_ref().err() != Some(&error) {
                return Err(Finding::Inconsistent {
                    entry: "js::evaluate".into(),
                    error: format!("{js:?} where evaluate says {error:?}"),
                });
            }
            return Ok(false);
        }
        // valid, but refused by a rule of the evaluation (a debt without loan tiers) or
        // beyond exact arithmetic
        (Ok(_), Err(error)) => {
            if std::env::var_os("UNIMARGIN_FUZZ_VERBOSE").is_some() {
                eprintln!("REFUSED eval {} {}", error.code(), error.path());
            }
            typed("evaluate", &error)?;
            return Ok(false);
        }
        (a, r) => {
            return Err(Finding::Inconsistent {
                entry: "evaluate".into(),
                error: format!("validation {:?}, evaluation {:?}", a.err(), r.err()),
            })
        }
    };
    d.call("report_to_json", || {
        serde_json::from_str::<serde_json::Value>(&unimargin::report_to_json(&report)).is_ok()
    })?
    .then_some(())
    .ok_or_else(|| Finding::NotJson {
        entry: "report_to_json".into(),
        output: String::new(),
    })?;

    let explained = d.call("explain", || {
        let explained = unimargin::explain::explain(&account, &report);
        unimargin::explain::english::render_all(&explained);
        for k in 0..account.positions.len() {
            if let Some(x) = unimargin::explain::explain_position(&account, &report, k) {
                unimargin::explain::english::render(&x);
            }
        }
    });
    explained?;
    accepted(
        "liquidate",
        d.call("liquidate", || unimargin::liquidation::liquidate(&account))?,
    )?;
    d.call("mode_check", || {
        unimargin::upgrade::mode_check(&report, account.orders.len(), account.positions.len())
    })?;
    let ticked: Vec<UpgradeBlocker> = UpgradeBlocker::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| case.ticks >> (i % 8) & 1 == 1)
        .map(|(_, b)| *b)
        .collect();
    d.call("upgrade_check", || {
        unimargin::upgrade::upgrade_check(&ticked)
    })?;

    let Some(evaluation) = accepted(
        "Evaluation::new",
        d.call("Evaluation::new", || Evaluation::new(&account))?,
    )?
    else {
        return Ok(true);
    };
    accepted(
        "report_with_check",
        d.call("report_with_check", || evaluation.report_with_check())?,
    )?;
    if let Some(check) = &account.check {
        accepted(
            "check",
            d.call("check", || evaluation.check(&check.order, check.size_step))?,
        )?;
        accepted(
            "max_order_size",
            d.call("max_order_size", || {
                evaluation.max_order_size(&check.order, check.size_step)
            })?,
        )?;
    }
    for x in 0..account.coins.len() {
        accepted(
            "liquidation_prices",
            d.call("liquidation_prices", || {
                unimargin::whatif::liquidation_prices(&evaluation, x)
            })?,
        )?;
        let probe = accepted(
            "PriceProbe::new",
            d.call("PriceProbe::new", || {
                unimargin::whatif::PriceProbe::new(&evaluation, x)
            })?,
        )?;
        if let Some(mut probe) = probe {
            let current = probe.current_price();
            let to = current.checked_mul(Decimal::TWO).unwrap_or(current);
            d.call("sweep", || {
                unimargin::whatif::sweep(&mut probe, Decimal::ZERO, to, 5)
            })?
            .ok();
        }
    }

    // the JS package's core: the same account through its handle
    let order = scenario
        .check
        .clone()
        .or_else(|| scenario.orders.first().cloned());
    accepted(
        "js::evaluate",
        d.call("js::evaluate", || core::evaluate(scenario, market))?,
    )?;
    if let Some(order) = &order {
        // an order that was a pending one becomes the check: it is refused only as a check
        answered(
            "js::check_order",
            d.call("js::check_order", || {
                core::check_order(scenario.clone(), order.clone(), market)
            })?,
        )?;
        answered(
            "js::max_order_size",
            d.call("js::max_order_size", || {
                core::max_order_size(scenario.clone(), order.clone(), None, market)
            })?,
        )?;
    }
    let handle = accepted(
        "js::Evaluated::new",
        d.call("js::Evaluated::new", || {
            core::Evaluated::new(scenario.clone(), market)
        })?,
    )?;
    if let Some(mut handle) = handle {
        d.call("js::summary", || handle.summary().cross_margin_rate)?;
        accepted("js::report", d.call("js::report", || handle.report())?)?;
        if let Some(order) = &order {
            answered(
                "js::Evaluated::check_order",
                d.call("js::Evaluated::check_order", || {
                    handle.check_order(order.clone())
                })?,
            )?;
            answered(
                "js::Evaluated::max_order_size",
                d.call("js::Evaluated::max_order_size", || {
                    handle.max_order_size(order.clone(), None)
                })?,
            )?;
        }
        let update = price_update(&account);
        answered(
            "js::Evaluated::update",
            d.call("js::Evaluated::update", || handle.update(&update))?,
        )?;
    }
    Ok(true)
}

/// Every coin's price and every mark doubled (a price tick).
fn price_update(account: &Account) -> core::Update {
    let double = |p: Decimal| core::Price(p.checked_mul(Decimal::TWO).unwrap_or(p));
    core::Update {
        mark_prices: (account.contracts.iter())
            .map(|c| (c.symbol.clone(), double(c.mark_price)))
            .collect(),
        prices: (account.coins.iter())
            .filter(|c| c.name != "USDT" && c.name != "USDC")
            .map(|c| (c.name.clone(), double(c.price)))
            .collect(),
    }
}

/// Where the CLI reads its documents from: two files of this run's own.
pub struct Files {
    pub scenario: PathBuf,
    pub market: PathBuf,
}

impl Files {
    /// Two files in the system's temporary directory, named after the process and `tag`.
    pub fn new(tag: &str) -> Files {
        let dir = std::env::temp_dir();
        let id = std::process::id();
        Files {
            scenario: dir.join(format!("unimargin-fuzz-{id}-{tag}-scenario.json")),
            market: dir.join(format!("unimargin-fuzz-{id}-{tag}-market.json")),
        }
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.scenario);
        let _ = std::fs::remove_file(&self.market);
    }
}

/// The CLI's commands on the case, in process.
fn cli(
    d: &mut Driver,
    case: &Case,
    evaluated: bool,
    market_ok: bool,
    files: &Files,
) -> Result<(), Finding> {
    let coin = first_coin(&case.scenario);
    let scenario = files.scenario.to_string_lossy().to_string();
    let market = files.market.to_string_lossy().to_string();
    let write = |path: &PathBuf, text: &str| {
        std::fs::write(path, text).map_err(|e| Finding::Untyped {
            entry: "cli: writing the case".into(),
            error: e.to_string(),
        })
    };
    write(&files.scenario, &case.scenario)?;
    let mut with_market: Vec<String> = vec![];
    if let Some(text) = &case.market {
        write(&files.market, text)?;
        with_market = vec!["--market".into(), market.clone()];
    }
    let mut commands: Vec<(Vec<String>, bool)> = vec![
        (vec!["evaluate".into()], false),
        (vec!["explain".into()], true),
        (vec!["liquidate".into()], true),
        (
            vec!["liquidation".into(), "--coin".into(), coin.clone()],
            true,
        ),
        (
            vec![
                "sweep".into(),
                "--coin".into(),
                coin.clone(),
                "--points".into(),
                "7".into(),
            ],
            true,
        ),
    ];
    if case.market.is_some() {
        commands.push((vec!["resolve".into()], false));
        commands.push((vec!["market".into(), "check".into(), market.clone()], false));
    }
    for (command, needs_evaluate) in commands {
        let entry = format!("cli {}", command.join(" "));
        let mut args = vec!["unimargin".to_string()];
        args.extend(command.iter().cloned());
        if command[0] != "market" {
            args.push(scenario.clone());
            args.extend(with_market.iter().cloned());
        }
        let outcome = d.call(&entry, || {
            unimargin_cli::run_from(args, &mut std::io::empty())
        })?;
        match outcome {
            Outcome::Answer(text) => {
                if serde_json::from_str::<serde_json::Value>(&text).is_err() {
                    return Err(Finding::NotJson {
                        entry,
                        output: text,
                    });
                }
            }
            Outcome::Refused(error) => {
                typed(&entry, &error)?;
                let evaluate_said_yes = evaluated && market_ok && needs_evaluate;
                // an option the account does not answer (`--coin` naming no coin of it) is
                // the command line's problem, not the document's
                let option = error.path().starts_with("--");
                if evaluate_said_yes && !option && error.code() != "too_large" {
                    return Err(Finding::Inconsistent {
                        entry,
                        error: format!("{} at {}: {}", error.code(), error.path(), error.message()),
                    });
                }
                if command[0] == "evaluate" && evaluated && market_ok {
                    return Err(Finding::Inconsistent {
                        entry,
                        error: format!("the engine evaluated it, the CLI refused: {error:?}"),
                    });
                }
            }
        }
    }
    Ok(())
}

/// The first coin the scenario names, for `--coin` (or a name it lacks).
fn first_coin(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v["coins"][0]["coin"].as_str().map(str::to_string))
        .unwrap_or_else(|| "BTC".into())
}
