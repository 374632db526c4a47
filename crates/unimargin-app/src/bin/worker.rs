//! The engine's worker: a module Web Worker of the page's origin that works out the heavy
//! panels ([`unimargin_app::worker`]) off the page's main thread. Messages are JSON text
//! ([`unimargin_app::wire`]): it says `Ready` once it listens, then answers each job of
//! the last request it received, one job per task, so that a newer request arriving in
//! between replaces the rest of an older one.

use std::cell::RefCell;
use unimargin_app::web;
use unimargin_app::wire::{decode, encode, FromWorker, Request};
use unimargin_app::worker::WorkQueue;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

#[derive(Default)]
struct State {
    queue: WorkQueue,
    /// A step is scheduled.
    scheduled: bool,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &FromWorker) {
    let _ = scope().post_message(&JsValue::from_str(&encode(message)));
}

/// Runs the next job a task from now (messages that arrive before it are taken first).
fn schedule() {
    let first = STATE.with_borrow_mut(|s| !std::mem::replace(&mut s.scheduled, true));
    if first {
        let step = Closure::once_into_js(step);
        let _ =
            scope().set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), 0);
    }
}

fn step() {
    let (answer, more) = STATE.with_borrow_mut(|s| {
        s.scheduled = false;
        let answer = s.queue.step();
        (answer, s.queue.has_work())
    });
    if let Some(mut answer) = answer {
        answer.timings = web::take_measures(&[web::LIQUIDATION_MEASURE, web::SWEEP_MEASURE]);
        post(&FromWorker::Answer(answer));
    }
    if more {
        schedule();
    }
}

fn receive(event: MessageEvent) {
    let text = event.data().as_string().unwrap_or_default();
    match decode::<Request>(&text) {
        Some(request) => {
            STATE.with_borrow_mut(|s| s.queue.receive(request));
            schedule();
        }
        None => post(&FromWorker::Unreadable {
            seq: decode::<serde_json::Value>(&text)
                .and_then(|v| v.get("seq").and_then(serde_json::Value::as_u64)),
        }),
    }
}

fn main() {
    console_error_panic_hook::set_once();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(receive);
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&FromWorker::Ready);
}
