//! The fuzz suite of unimargin (issue 9): random valid and near-valid scenario and market
//! documents through every entry point of the engine, the JS adapter's core and the CLI (in
//! process), asserting no panic, an answer or a typed error with a path, the same
//! acceptance everywhere, and bounded time.
//!
//! `cargo test -p unimargin-fuzz` runs a bounded number of cases (CI); `scripts/fuzz
//! --cases N` a long run (BENCHMARKS.md records one).

pub mod documents;
pub mod drive;

use documents::{mutate, mutation, scenario, with_market};
use drive::{drive, Case, Files, Finding};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A case: a scenario, a market for one in four (the scenario leaving some tables to it),
/// and for two in five one thing broken in the scenario or the market.
pub fn case() -> impl Strategy<Value = Case> {
    (
        scenario(),
        prop::option::weighted(0.25, any::<u64>()),
        prop::option::weighted(0.4, mutation()),
        any::<u8>(),
        any::<bool>(),
    )
        .prop_map(|(scenario, keep, broken, ticks, in_market)| {
            let (scenario, market) = match keep {
                Some(keep) => {
                    let (s, m) = with_market(scenario, keep);
                    (s, Some(m))
                }
                None => (scenario, None),
            };
            let (scenario, market) = match (broken, market) {
                (Some(m), Some(market)) if in_market => {
                    (scenario.to_string(), Some(mutate(&market, &m)))
                }
                (Some(m), market) => (mutate(&scenario, &m), market.map(|m| m.to_string())),
                (None, market) => (scenario.to_string(), market.map(|m| m.to_string())),
            };
            Case {
                scenario,
                market,
                ticks,
            }
        })
}

/// A run's figures.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub cases: u64,
    /// Cases whose scenario was read (JSON of the format).
    pub parsed: u64,
    /// Cases that `evaluate` accepted.
    pub evaluated: u64,
    /// Entry point calls made.
    pub calls: u64,
    pub took: Duration,
    /// The first finding, shrunk to a smallest case, if any.
    pub failure: Option<(String, Case)>,
}

/// What a run is given.
#[derive(Debug, Clone)]
pub struct Plan {
    pub cases: u32,
    pub seed: u64,
    /// The longest one entry point may take on one case.
    pub limit: Duration,
    /// Print a line every so many cases (0: never).
    pub progress_every: u64,
}

/// Runs `plan.cases` cases from `plan.seed`, in this thread. A case that hangs (ten times
/// the limit) ends the process with its text on standard error, since it cannot be caught.
pub fn run(plan: &Plan) -> Summary {
    let seed: [u8; 32] = {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&plan.seed.to_le_bytes());
        bytes
    };
    let config = Config {
        cases: plan.cases,
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let files = Files::new(&format!("{}", plan.seed));
    let summary = Cell::new(Summary::default());
    let watch = Watchdog::start(plan.limit.saturating_mul(10));
    let started = Instant::now();
    let result = runner.run(&case(), |case| {
        watch.begin(&case);
        let outcome = drive(&case, plan.limit, &files);
        watch.end();
        let mut s = summary.take();
        s.cases += 1;
        if let Ok(reached) = &outcome {
            s.parsed += u64::from(reached.parsed);
            s.evaluated += u64::from(reached.evaluated);
            s.calls += u64::from(reached.calls);
        }
        if plan.progress_every > 0 && s.cases % plan.progress_every == 0 {
            eprintln!(
                "{} cases, {} read, {} evaluated, {} calls, {:.0?}",
                s.cases,
                s.parsed,
                s.evaluated,
                s.calls,
                started.elapsed()
            );
        }
        summary.set(s);
        outcome
            .map(|_| ())
            .map_err(|finding| TestCaseError::fail(describe(&finding)))
    });
    let mut s = summary.take();
    s.took = started.elapsed();
    if let Err(error) = result {
        s.failure = Some(match error {
            TestError::Fail(reason, case) => (reason.to_string(), case),
            TestError::Abort(reason) => (
                reason.to_string(),
                Case {
                    scenario: String::new(),
                    market: None,
                    ticks: 0,
                },
            ),
        });
    }
    s
}

fn describe(finding: &Finding) -> String {
    format!("{finding:?}")
}

/// Ends the process when one case runs past `hang`: a hang cannot be caught in the thread.
struct Watchdog {
    current: Arc<Mutex<Option<(Instant, String)>>>,
    _stop: Arc<AtomicU64>,
}

impl Watchdog {
    fn start(hang: Duration) -> Watchdog {
        let current: Arc<Mutex<Option<(Instant, String)>>> = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicU64::new(0));
        let (watched, stopped) = (Arc::clone(&current), Arc::clone(&stop));
        std::thread::spawn(move || {
            while stopped.load(Ordering::Relaxed) == 0 {
                std::thread::sleep(Duration::from_millis(200));
                let guard = watched.lock().unwrap_or_else(|e| e.into_inner());
                if let Some((since, text)) = guard.as_ref() {
                    if since.elapsed() > hang {
                        eprintln!("unimargin-fuzz: a case ran past {hang:?} (a hang):\n{text}");
                        std::process::exit(3);
                    }
                }
            }
        });
        Watchdog {
            current,
            _stop: stop,
        }
    }

    fn begin(&self, case: &Case) {
        let text = format!("scenario: {}\nmarket: {:?}", case.scenario, case.market);
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), text));
    }

    fn end(&self) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self._stop.store(1, Ordering::Relaxed);
    }
}
