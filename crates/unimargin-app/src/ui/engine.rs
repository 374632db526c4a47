//! The page's side of the engine's worker ([`crate::worker`]): the heavy panels (what-if
//! prices and chart, liquidation stages, the account after the fill) are worked out off
//! the main thread, so a keystroke costs the page only its headline figures.
//!
//! Each time the figures (or what the panels ask for) change, one request is sent with a
//! new sequence number; an answer is taken only if it answers the last request (older
//! ones are dropped), and until it comes the panel keeps its last answer, marked as
//! updating (`aria-busy`). While a person types, only the panels on the screen or within
//! half a screen's height of it are worked out (a keystroke in a long form costs nothing for
//! panels out of sight); a panel scrolled near is asked for at once, and the others a
//! second after typing stops, so a panel reached later is never long out of date. The
//! first figures ask for every panel.
//!
//! The worker is a module worker of this origin (the page's CSP: `worker-src 'self'`),
//! started once; if it cannot be, the same work is done on the page, a task after the
//! figures, so nothing is lost.

use super::Ctx;
use crate::after_fill::{after_fill, AfterFill};
use crate::analysis::Analysis;
use crate::calc::{Computed, Shared};
use crate::wire::{decode, encode, AfterFillPart, Answer, FromWorker, Job, Part, Request};
use crate::worker::WorkQueue;
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;
use unimargin::liquidation::LiquidationPlan;
use unimargin::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's script (Trunk's loader of `src/bin/worker.rs`, not hashed: the service
/// worker's precache lists it like every file of the build).
const WORKER_SCRIPT: &str = "./unimargin-worker_loader.js";

/// What the worker answered last, for the panels (all `Copy` handles).
#[derive(Clone, Copy)]
pub struct Answers {
    /// The coin chosen in the what-if panel (`None`: its default).
    pub chosen: RwSignal<Option<String>>,
    pub analysis: RwSignal<Option<Arc<Analysis>>>,
    pub plan: RwSignal<Option<Shared<LiquidationPlan>>>,
    pub after: RwSignal<Option<Shared<Result<AfterFill, Error>>>>,
    /// Jobs not answered for the figures shown (asked for, or waiting for their panel to
    /// come near the screen): their panels show their last answers.
    pub pending: RwSignal<Vec<Kind>>,
    /// The panels on the screen or within half a screen's height of it ([`follow_panel`]).
    pub near: RwSignal<Vec<Kind>>,
    /// Where the work is done: `starting` (the worker not listening yet), `worker`, or
    /// `page` (no worker could be started).
    pub runs_in: RwSignal<&'static str>,
}

/// Which panel an answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Analysis,
    Stages,
    AfterFill,
}

impl Answers {
    pub fn new() -> Answers {
        Answers {
            chosen: RwSignal::new(None),
            analysis: RwSignal::new(None),
            plan: RwSignal::new(None),
            after: RwSignal::new(None),
            pending: RwSignal::new(Vec::new()),
            near: RwSignal::new(Vec::new()),
            runs_in: RwSignal::new("starting"),
        }
    }

    /// Whether the panel's figures are being worked out again.
    pub fn updating(self, kind: Kind) -> bool {
        self.pending.with(|p| p.contains(&kind))
    }
}

/// The link to the worker: the last request sent, and the worker (or its absence).
#[derive(Default)]
struct Link {
    seq: u64,
    worker: Option<web_sys::Worker>,
    /// The worker has said it listens.
    ready: bool,
    /// The last request, held until the worker listens.
    held: Option<String>,
    /// The jobs of the last request (the figures' own, or the same figures' for a panel
    /// come near): a panel come near asks again only if its job is not among them.
    asked: Vec<Kind>,
    /// A request has been sent (the first asks for every panel).
    started: bool,
    /// Jobs of the last request not answered yet: while none is, a request without jobs
    /// has no work to drop and is not sent.
    unanswered: usize,
    /// Working on the page instead (no worker).
    local: Option<WorkQueue>,
    /// The page's work is scheduled.
    local_scheduled: bool,
}

thread_local! {
    static LINK: RefCell<Link> = RefCell::default();
}

/// Starts the worker and sends it a request whenever the figures or the panels change,
/// and for a panel come near the screen that missed the figures shown.
pub fn connect(ctx: Ctx) {
    let answers = ctx.answers;
    start_worker(ctx);
    let catch_up: super::Timer = StoredValue::new(None);
    Effect::new(move |_| {
        let chosen = answers.chosen.get();
        let has_check = ctx.layout.with(|l| l.check);
        ctx.figures.with(|f| match f.as_deref() {
            Some(c) => crate::web::measure(crate::web::REQUEST_MEASURE, || {
                let mut pending = vec![Kind::Analysis, Kind::Stages];
                if has_check {
                    pending.push(Kind::AfterFill);
                } else {
                    answers.after.set(None);
                }
                let first = LINK.with_borrow_mut(|link| {
                    link.seq = link.seq.wrapping_add(1);
                    !std::mem::replace(&mut link.started, true)
                });
                answers.pending.set(pending.clone());
                // the first figures: every panel, so none is blank when scrolled to
                let ask = if first { Ask::All } else { Ask::Near };
                send(ctx, c, chosen, pending, ask);
            }),
            None => clear(answers),
        });
    });
    // typing has stopped: a second after the last change of the draft (a key that leaves
    // the figures as they were, an unreadable entry, counts) or of the figures
    Effect::new(move |_| {
        ctx.draft.track();
        ctx.figures.track();
        super::restart(catch_up, CATCH_UP, move || ask_again(ctx, Ask::All));
    });
    // a panel come near: its job, if the last request did not have it (same figures)
    Effect::new(move |_| {
        answers.near.track();
        ask_again(ctx, Ask::Near);
    });
}

/// How long typing stops before the panels away from the screen are brought up to date
/// (a keystroke while typing costs the page only the panels a person can see).
pub(crate) const CATCH_UP: std::time::Duration = std::time::Duration::from_millis(1000);

/// Which of the jobs wanted a request asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ask {
    /// Those of the panels on the screen or near it.
    Near,
    /// All (the first figures, or typing has stopped).
    All,
}

impl Ask {
    /// Whether the job of `kind` is asked for, `near` being the panels near the screen.
    fn wants(self, kind: Kind, near: &[Kind]) -> bool {
        self == Ask::All || near.contains(&kind)
    }
}

/// For the figures shown, asks again for the jobs still wanted that `ask` covers, if the
/// last request missed one (a request replaces the one in progress, so every job still
/// wanted is in it): a panel come near, or typing has stopped.
fn ask_again(ctx: Ctx, ask: Ask) {
    let near = ctx.answers.near.get_untracked();
    let missed = ctx.answers.pending.with_untracked(|pending| {
        LINK.with_borrow(|link| {
            pending
                .iter()
                .any(|k| ask.wants(*k, &near) && !link.asked.contains(k))
        })
    });
    if !missed {
        return;
    }
    let pending = ctx.answers.pending.get_untracked();
    let chosen = ctx.answers.chosen.get_untracked();
    ctx.figures.with_untracked(|f| {
        if let Some(c) = f.as_deref() {
            send(ctx, c, chosen, pending, ask);
        }
    });
}

/// Follows whether a panel (the element showing the job's answer) is on the screen or near
/// it ([`Answers::near`]).
pub fn follow_panel<E>(ctx: Ctx, panel: NodeRef<E>, kind: Kind)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let near = ctx.answers.near;
    super::follow_screen_nearness(panel, move |is_near| {
        if near.with_untracked(|n| n.contains(&kind)) != is_near {
            near.update(|n| {
                n.retain(|k| *k != kind);
                if is_near {
                    n.push(kind);
                }
            });
        }
    });
}

/// No figures: no panel figures either (and any answer still coming is dropped).
fn clear(answers: Answers) {
    LINK.with_borrow_mut(|link| {
        link.seq = link.seq.wrapping_add(1);
        link.asked.clear();
    });
    answers.analysis.set(None);
    answers.plan.set(None);
    answers.after.set(None);
    answers.pending.set(Vec::new());
}

/// Asks for the jobs of `pending` (those whose panels are near the screen, or all), under
/// the figures' sequence number.
fn send(ctx: Ctx, computed: &Computed, chosen: Option<String>, pending: Vec<Kind>, ask: Ask) {
    let near = ctx.answers.near.get_untracked();
    let asked: Vec<Kind> = pending
        .into_iter()
        .filter(|k| ask.wants(*k, &near))
        .collect();
    // in the order a person meets them: the what-if panel, the order's check, the stages
    let jobs: Vec<Job> = [Kind::Analysis, Kind::AfterFill, Kind::Stages]
        .into_iter()
        .filter(|k| asked.contains(k))
        .map(|k| match k {
            Kind::Analysis => Job::Analysis {
                coin: chosen.clone(),
            },
            Kind::Stages => Job::Stages,
            Kind::AfterFill => Job::AfterFill,
        })
        .collect();
    let (seq, idle) = LINK.with_borrow_mut(|link| {
        link.asked = asked;
        let idle = jobs.is_empty() && link.unanswered == 0;
        link.unanswered = jobs.len();
        (link.seq, idle)
    });
    if idle {
        // nothing in progress to drop: the worker (or the page's queue) is left alone
        return;
    }
    // no job: an empty request, to drop the work left of the last one
    let scenario = if jobs.is_empty() {
        String::new()
    } else {
        encode(&computed.complete)
    };
    let request = Request {
        seq,
        scenario,
        shock: computed.shock.as_ref().map(|(a, _)| (a.index, a.to)),
        jobs,
    };
    let local = LINK.with_borrow_mut(|link| {
        if let Some(queue) = link.local.as_mut() {
            queue.receive(request.clone());
            return true;
        }
        let text = encode(&request);
        match (&link.worker, link.ready) {
            (Some(worker), true) => {
                if worker.post_message(&JsValue::from_str(&text)).is_err() {
                    link.held = Some(text);
                }
            }
            _ => link.held = Some(text),
        }
        false
    });
    if local {
        schedule_local(ctx);
    }
}

fn start_worker(ctx: Ctx) {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let Ok(worker) = web_sys::Worker::new_with_options(WORKER_SCRIPT, &options) else {
        work_on_the_page(ctx);
        return;
    };
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            match decode::<FromWorker>(&text) {
                Some(FromWorker::Ready) => {
                    LINK.with_borrow_mut(|link| {
                        link.ready = true;
                        if let (Some(worker), Some(text)) = (&link.worker, link.held.take()) {
                            let _ = worker.post_message(&JsValue::from_str(&text));
                        }
                    });
                    ctx.answers.runs_in.set("worker");
                }
                Some(FromWorker::Answer(answer)) => take(ctx, answer),
                Some(FromWorker::Unreadable { .. }) | None => {
                    leptos::logging::error!("unimargin: the engine's worker and the page disagree");
                }
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // a worker that fails to load (a file missing from an old cache): work on the page
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        let ready = LINK.with_borrow(|link| link.ready);
        if !ready {
            work_on_the_page(ctx);
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    LINK.with_borrow_mut(|link| link.worker = Some(worker));
}

/// Without a worker: the same work, on the page, a task after the figures.
fn work_on_the_page(ctx: Ctx) {
    ctx.answers.runs_in.set("page");
    let held = LINK.with_borrow_mut(|link| {
        if let Some(worker) = link.worker.take() {
            worker.terminate();
        }
        let mut queue = WorkQueue::default();
        let held = link.held.take().and_then(|t| decode::<Request>(&t));
        let any = held.is_some();
        if let Some(request) = held {
            queue.receive(request);
        }
        link.local = Some(queue);
        any
    });
    if held {
        schedule_local(ctx);
    }
}

fn schedule_local(ctx: Ctx) {
    let first = LINK.with_borrow_mut(|link| !std::mem::replace(&mut link.local_scheduled, true));
    if first {
        set_timeout(move || run_local(ctx), std::time::Duration::ZERO);
    }
}

/// One job of the page's own queue, then the next a task later.
fn run_local(ctx: Ctx) {
    let (answer, more) = LINK.with_borrow_mut(|link| {
        link.local_scheduled = false;
        let Some(queue) = link.local.as_mut() else {
            return (None, false);
        };
        let answer = queue.step();
        (answer, queue.has_work())
    });
    if let Some(answer) = answer {
        take(ctx, answer);
    }
    if more {
        schedule_local(ctx);
    }
}

/// An answer: shown if it answers the last request (an older one is dropped).
fn take(ctx: Ctx, answer: Answer) {
    crate::web::measure(crate::web::ANSWER_MEASURE, || show(ctx, answer));
}

fn show(ctx: Ctx, answer: Answer) {
    let answers = ctx.answers;
    for (name, ms) in &answer.timings {
        crate::web::record_measure(name, *ms);
    }
    let current = LINK.with_borrow_mut(|link| {
        let current = link.seq == answer.seq;
        if current {
            link.unanswered = link.unanswered.saturating_sub(1);
        }
        current
    });
    if !current {
        return;
    }
    let kind = match answer.part {
        Part::Analysis(analysis) => {
            answers.analysis.set(analysis.map(|a| Arc::new(*a)));
            Kind::Analysis
        }
        Part::Stages(plan) => {
            answers.plan.set(plan.map(|p| Shared(Arc::new(p))));
            Kind::Stages
        }
        Part::AfterFill(after) => {
            let after = after.and_then(|part| match part {
                AfterFillPart::Filled(after) => Some(Ok(*after)),
                // the error's kind is the page's to word: worked out again here (rare)
                AfterFillPart::Failed => after_fill_error(ctx),
            });
            answers.after.set(after.map(|a| Shared(Arc::new(a))));
            Kind::AfterFill
        }
    };
    answers.pending.update(|p| p.retain(|k| *k != kind));
}

/// The after-fill error of the figures shown, worked out on the page.
fn after_fill_error(ctx: Ctx) -> Option<Result<AfterFill, Error>> {
    ctx.figures
        .with_untracked(|f| f.as_deref().and_then(|c| after_fill(c.unshocked())))
}
