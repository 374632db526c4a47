//! What the engine's worker works out for the page, off its main thread: the what-if
//! panel's liquidation prices and chart, partial liquidation's stages and the account
//! after the order to check fills. Plain Rust, tested on the host; the worker's messaging
//! is `src/bin/worker.rs`, the page's side `ui/engine.rs`.
//!
//! One request at a time, one job per step (each step is a task of the worker's own): a
//! request arriving between two steps replaces the one in progress, whose jobs left are
//! dropped. Each job's last answer is kept with what it was worked out from, so a request
//! that changes only the what-if price is answered at once for the jobs it does not touch.

use crate::after_fill::after_fill;
use crate::analysis::{analyse, coin_of, Analysis};
use crate::wire::{AfterFillPart, Answer, Job, Part, Request};
use std::collections::VecDeque;
use std::sync::Arc;
use unimargin::liquidation::{liquidate, LiquidationPlan};
use unimargin::{Account, Decimal};

/// The accounts of a request, read once its first job runs.
struct Accounts {
    /// The account as typed.
    typed: Account,
    /// With the what-if price, when there is one.
    shocked: Option<Account>,
}

impl Accounts {
    /// `None`: the scenario does not compute here (the page computed it, so this is a
    /// bug; the panels then show nothing rather than wait).
    fn read(scenario: &str, shock: Option<(usize, Decimal)>) -> Option<Accounts> {
        let scenario = unimargin::parse_scenario(scenario).ok()?;
        let typed = Account::from_scenario(&scenario).ok()?;
        let shocked = match shock {
            Some((index, price)) => Some(unimargin::whatif::shock(&typed, index, price).ok()?),
            None => None,
        };
        Some(Accounts { typed, shocked })
    }
}

/// The request in progress.
struct Current {
    seq: u64,
    scenario: Arc<str>,
    shock: Option<(usize, Decimal)>,
    jobs: VecDeque<Job>,
    /// Read at its first job that is not answered from the cache.
    accounts: Option<Option<Accounts>>,
}

impl Current {
    fn accounts(&mut self) -> Option<&Accounts> {
        let (scenario, shock) = (&self.scenario, self.shock);
        self.accounts
            .get_or_insert_with(|| Accounts::read(scenario, shock))
            .as_ref()
    }
}

/// What a job was last worked out from (the scenario's text, and what else it reads).
#[derive(Clone, PartialEq)]
enum Key {
    Analysis(Arc<str>, Option<String>),
    Stages(Arc<str>, Option<(usize, Decimal)>),
    AfterFill(Arc<str>),
}

/// The worker's state: the request in progress and the last answer of each job.
#[derive(Default)]
pub struct WorkQueue {
    current: Option<Current>,
    last: Vec<(Key, Part)>,
}

impl WorkQueue {
    /// Takes a request: it replaces the one in progress.
    pub fn receive(&mut self, request: Request) {
        self.current = Some(Current {
            seq: request.seq,
            scenario: request.scenario.into(),
            shock: request.shock,
            jobs: request.jobs.into(),
            accounts: None,
        });
    }

    /// Whether a job is left.
    pub fn has_work(&self) -> bool {
        self.current.as_ref().is_some_and(|c| !c.jobs.is_empty())
    }

    /// Works out the next job of the request in progress (`None`: nothing is left).
    pub fn step(&mut self) -> Option<Answer> {
        let current = self.current.as_mut()?;
        let job = current.jobs.pop_front()?;
        let key = match &job {
            Job::Analysis { coin } => Key::Analysis(current.scenario.clone(), coin.clone()),
            Job::Stages => Key::Stages(current.scenario.clone(), current.shock),
            Job::AfterFill => Key::AfterFill(current.scenario.clone()),
        };
        let seq = current.seq;
        if let Some((_, part)) = self.last.iter().find(|(k, _)| *k == key) {
            return Some(Answer {
                seq,
                part: part.clone(),
                timings: Vec::new(),
            });
        }
        let part = work(current.accounts(), &job);
        self.last
            .retain(|(k, _)| std::mem::discriminant(k) != std::mem::discriminant(&key));
        self.last.push((key, part.clone()));
        Some(Answer {
            seq,
            part,
            timings: Vec::new(),
        })
    }
}

/// One job on the accounts of a request.
fn work(accounts: Option<&Accounts>, job: &Job) -> Part {
    match job {
        Job::Analysis { coin } => {
            Part::Analysis(accounts.and_then(|a| analysis(a, coin)).map(Box::new))
        }
        Job::Stages => Part::Stages(accounts.and_then(stages)),
        Job::AfterFill => Part::AfterFill(accounts.and_then(|a| {
            after_fill(&a.typed).map(|r| match r {
                Ok(after) => AfterFillPart::Filled(Box::new(after)),
                Err(_) => AfterFillPart::Failed,
            })
        })),
    }
}

fn analysis(accounts: &Accounts, coin: &Option<String>) -> Option<Analysis> {
    let x = coin_of(&accounts.typed, coin.as_deref())?;
    analyse(&accounts.typed, x)
}

fn stages(accounts: &Accounts) -> Option<LiquidationPlan> {
    liquidate(accounts.shocked.as_ref().unwrap_or(&accounts.typed)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{decode, encode, FromWorker};
    use std::str::FromStr;
    use unimargin::liquidation::LiquidationOutcome;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    /// The futures example with its check set to buying 0.5 BTCUSDT at 64,000 (as in
    /// `after_fill`'s tests).
    fn demo_buy() -> String {
        include_str!("../../../tests/fixtures/presets/futures-account.json").replace(
            r#""size": "0.3", "price": "63500""#,
            r#""size": "0.5", "price": "64000""#,
        )
    }

    fn request(seq: u64, scenario: &str, shock: Option<(usize, Decimal)>) -> Request {
        Request {
            seq,
            scenario: scenario.into(),
            shock,
            jobs: vec![Job::Analysis { coin: None }, Job::AfterFill, Job::Stages],
        }
    }

    /// Every answer of a request, each through its text as the worker posts it.
    fn answers(queue: &mut WorkQueue) -> Vec<Answer> {
        std::iter::from_fn(|| queue.step())
            .map(|a| {
                let text = encode(&FromWorker::Answer(a));
                match decode::<FromWorker>(&text) {
                    Some(FromWorker::Answer(a)) => a,
                    other => panic!("{text} read as {other:?}"),
                }
            })
            .collect()
    }

    #[test]
    fn each_job_is_answered_in_order_through_its_text() {
        let mut queue = WorkQueue::default();
        // the request itself through its text, as the page posts it
        let text = encode(&request(7, &demo_buy(), None));
        queue.receive(decode(&text).unwrap());
        let got = answers(&mut queue);
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|a| a.seq == 7));
        let Part::Analysis(Some(analysis)) = &got[0].part else {
            panic!("{:?}", got[0].part)
        };
        // the futures example's contract is on BTC: the default coin, at 64,000 in the
        // example; the chart's 200 points
        assert_eq!(analysis.coin, "BTC");
        assert_eq!(analysis.prices.current_price, d("64000"));
        assert_eq!(analysis.curve.len(), 200);
        let Part::AfterFill(Some(AfterFillPart::Filled(after))) = &got[1].part else {
            panic!("{:?}", got[1].part)
        };
        // worked out by hand in unimargin::fill's tests: P = 31,925.1 ÷ 2.0364
        let prices = after.prices.as_ref().unwrap();
        assert_eq!(prices.liquidation.below.unwrap().round_dp(2), d("15677.22"));
        let Part::Stages(Some(plan)) = &got[2].part else {
            panic!("{:?}", got[2].part)
        };
        // at 64,000 the example is far from liquidation: nothing happens
        assert_eq!(plan.outcome, LiquidationOutcome::NotNeeded);
        assert!(plan.steps.is_empty());
    }

    #[test]
    fn a_newer_request_drops_the_jobs_left_of_the_older_one() {
        let mut queue = WorkQueue::default();
        queue.receive(request(1, &demo_buy(), None));
        assert_eq!(queue.step().unwrap().seq, 1);
        queue.receive(request(2, &demo_buy(), None));
        let seqs: Vec<u64> = answers(&mut queue).iter().map(|a| a.seq).collect();
        assert_eq!(seqs, [2, 2, 2]);
        assert!(!queue.has_work());
    }

    #[test]
    fn a_request_without_jobs_drops_the_work_left_and_reads_nothing() {
        // what the page sends when no panel is near the screen: the figures moved on
        let mut queue = WorkQueue::default();
        queue.receive(request(1, &demo_buy(), None));
        assert_eq!(queue.step().unwrap().seq, 1);
        queue.receive(Request {
            seq: 2,
            scenario: String::new(),
            shock: None,
            jobs: Vec::new(),
        });
        assert!(!queue.has_work());
        assert!(queue.step().is_none());
        // the answers kept still serve a later request of the same scenario at once
        queue.receive(request(3, &demo_buy(), None));
        let seqs: Vec<u64> = answers(&mut queue).iter().map(|a| a.seq).collect();
        assert_eq!(seqs, [3, 3, 3]);
    }

    #[test]
    fn a_shock_reaches_the_stages_only_and_liquidates_past_the_price() {
        let leveraged = include_str!("../../../tests/fixtures/presets/leveraged-long.json");
        let mut queue = WorkQueue::default();
        queue.receive(request(1, leveraged, None));
        let before = answers(&mut queue);
        // BTC (coin 0) at half its liquidation price below: past it, so the stages play out
        let Part::Analysis(Some(analysis)) = &before[0].part else {
            panic!()
        };
        let past = analysis.prices.liquidation.below.unwrap() / d("2");
        queue.receive(request(2, leveraged, Some((0, past))));
        let after = answers(&mut queue);
        // the account as typed is unchanged: the same analysis (and no order to check)
        assert_eq!(after[0].part, before[0].part);
        assert_eq!(after[1].part, before[1].part);
        let Part::Stages(Some(plan)) = &after[2].part else {
            panic!()
        };
        assert_ne!(plan.outcome, LiquidationOutcome::NotNeeded);
        assert!(!plan.steps.is_empty());
        // a stage's typed action survives the trip (no sentence is carried)
        let Part::Stages(Some(direct)) = Part::Stages(
            liquidate(
                &unimargin::whatif::shock(
                    &Account::from_scenario(&unimargin::parse_scenario(leveraged).unwrap())
                        .unwrap(),
                    0,
                    past,
                )
                .unwrap(),
            )
            .ok(),
        ) else {
            panic!()
        };
        assert_eq!(*plan, direct);
    }

    #[test]
    fn a_scenario_that_does_not_read_gives_nothing_rather_than_no_answer() {
        let mut queue = WorkQueue::default();
        queue.receive(request(3, "{", None));
        let got = answers(&mut queue);
        assert_eq!(
            got.into_iter().map(|a| a.part).collect::<Vec<_>>(),
            [
                Part::Analysis(None),
                Part::AfterFill(None),
                Part::Stages(None)
            ]
        );
    }
}
