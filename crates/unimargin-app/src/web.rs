//! Browser glue: localStorage, the address, the clipboard, files, and the
//! Performance marks the benchmarks read. Only the app's components call these, in the
//! browser; the domain modules never do.

use crate::refused::Refusal;
use crate::storage::KeyValue;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The browser's window; none off the browser (the first view is rendered at build time on
/// the host, where every call into the browser would panic).
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The browser's localStorage, when the page may use it.
pub struct BrowserStorage(web_sys::Storage);

impl BrowserStorage {
    pub fn open() -> Option<BrowserStorage> {
        thread_local! {
            // asked of the window once, not at each save; none when the browser blocks it
            // (the getter then throws)
            static STORAGE: Option<web_sys::Storage> =
                window().and_then(|w| w.local_storage().ok().flatten());
        }
        STORAGE.with(|s| s.clone().map(BrowserStorage))
    }
}

impl KeyValue for BrowserStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        self.0.set_item(key, value).map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the browser refused to save".into())
        })
    }
}

/// The browser's storage, or nothing when the browser blocks it (the page then works
/// without keeping anything).
pub enum Store {
    Browser(BrowserStorage),
    Blocked,
}

impl KeyValue for Store {
    fn get(&self, key: &str) -> Option<String> {
        match self {
            Store::Browser(s) => s.get(key),
            Store::Blocked => None,
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match self {
            Store::Browser(s) => s.set(key, value),
            Store::Blocked => Err("this browser does not let the page keep anything".into()),
        }
    }
}

/// Runs `f` with the browser's storage.
pub fn with_storage<T>(f: impl FnOnce(&mut Store) -> T) -> T {
    let mut store = BrowserStorage::open().map_or(Store::Blocked, Store::Browser);
    f(&mut store)
}

/// The page's fragment, with its `#` (empty when there is none).
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The browser's preferred languages, most preferred first (`navigator.languages`).
pub fn browser_languages() -> Vec<String> {
    window()
        .map(|w| {
            js_sys::Array::from(&w.navigator().languages())
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Sets `<html lang>` (what screen readers and the browser's own translation read).
pub fn set_document_lang(code: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        root.set_attribute("lang", code).ok();
    }
}

/// The page's full address.
pub fn page_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Takes the fragment out of the address without reloading or adding a history entry.
pub fn clear_fragment() {
    let Some(w) = window() else { return };
    let location = w.location();
    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
}

/// Whether an element has the keyboard focus.
pub fn has_focus(element: &web_sys::Element) -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|active| &active == element)
}

/// The element with this `data-testid`, if it is on the page.
fn by_testid(testid: &str) -> Option<web_sys::HtmlElement> {
    let selector = format!("[data-testid=\"{}\"]", testid.replace('"', ""));
    window()?
        .document()?
        .query_selector(&selector)
        .ok()??
        .dyn_into()
        .ok()
}

/// Focuses the element with this `data-testid` once the page has drawn it (a row just
/// added): after the current task, when Leptos has put it in the page.
pub fn focus_testid_soon(testid: String) {
    focus_soon(testid, false);
}

/// As [`focus_testid_soon`], and selects what the field holds: a new row's starting value
/// (`NEW`, `0`) is then replaced by what the person types, not joined to it ("NEWBTC").
pub fn focus_and_select_soon(testid: String) {
    focus_soon(testid, true);
}

fn focus_soon(testid: String, select: bool) {
    let Some(w) = window() else { return };
    let focus = Closure::once_into_js(move || {
        if let Some(el) = by_testid(&testid) {
            let _ = el.focus();
            if select {
                if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                    input.select();
                }
            }
        }
    });
    let _ = w.set_timeout_with_callback(focus.unchecked_ref());
}

/// Moves the focus to the element with this `data-testid` now if it is on the page (the
/// list's add button, before the row holding the focus goes: the focus is then never on
/// the page's body, where a screen reader would start again from the top), else as soon as
/// it is drawn.
pub fn move_focus_to(testid: String) {
    match by_testid(&testid) {
        Some(el) => {
            let _ = el.focus();
        }
        None => focus_testid_soon(testid),
    }
}

/// Scrolls to the element with this `data-testid` (or the nearest row holding it) and
/// focuses it.
pub fn focus_testid(testid: &str) {
    let error = format!("error-{testid}");
    if let Some(el) = by_testid(testid).or_else(|| by_testid(&error)) {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// An observer of an element, stopped when the element goes.
pub struct Watching(Box<dyn FnOnce()>);

impl Watching {
    pub fn stop(self) {
        (self.0)();
    }
}

/// Follows whether `element` is on the screen or within `margin` of it (a root margin:
/// `100% 0px` is a screen's height above and below): `near` is called with the answer once
/// it is known, then at each change.
pub fn watch_nearness(
    element: &web_sys::Element,
    margin: &str,
    near: impl Fn(bool) + 'static,
) -> Option<Watching> {
    let seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // several entries at once: the last is the newest
        if let Some(entry) = entries.iter().last() {
            near(
                entry
                    .unchecked_into::<web_sys::IntersectionObserverEntry>()
                    .is_intersecting(),
            );
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(margin);
    let observer =
        web_sys::IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &options)
            .ok()?;
    observer.observe(element);
    Some(Watching(Box::new(move || {
        observer.disconnect();
        // the callback goes with its observer (not leaked as `forget` would)
        drop(seen);
    })))
}

/// Calls `resized` each time `element`'s size changes, the first time once it is laid out
/// (also when it is shown after being hidden).
pub fn watch_size(element: &web_sys::Element, resized: impl Fn() + 'static) -> Option<Watching> {
    let seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| resized());
    let observer = web_sys::ResizeObserver::new(seen.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some(Watching(Box::new(move || {
        observer.disconnect();
        drop(seen);
    })))
}

/// The width in CSS pixels of the element with this `data-testid` (0 when absent).
pub fn width_of_testid(testid: &str) -> f64 {
    by_testid(testid).map_or(0.0, |el| el.get_bounding_client_rect().width())
}

/// Puts text on the clipboard; `done(false)` when the browser refuses.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(w) = window() else {
        done(false);
        return;
    };
    let clipboard = w.navigator().clipboard();
    // Older browsers have no `navigator.clipboard`.
    if clipboard.is_undefined() {
        done(false);
        return;
    }
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document
        .create_element("a")
        .map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Reads the file chosen in a file input: `done(name, text or why not)`.
pub fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
    done: impl FnOnce(String, Result<String, Refusal>) + 'static,
) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let name = file.name();
    // Choosing the same file again must fire `change` again.
    input.set_value("");
    let promise = file.text();
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .ok_or(Refusal::FileUnreadable);
        done(name, text);
    });
}

/// The performance timeline of the page, or of the engine's worker when called there (a
/// worker has no window); none off the browser: the domain modules that time their work,
/// such as [`crate::analysis`], run in host tests too.
fn performance() -> Option<web_sys::Performance> {
    thread_local! {
        // looked up once: a key measures two or three times, and each lookup crossed into
        // JavaScript with the name "performance" (issue 14)
        static PERFORMANCE: Option<web_sys::Performance> = if cfg!(target_arch = "wasm32") {
            js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
                .ok()
                .and_then(|p| p.dyn_into().ok())
        } else {
            None
        };
    }
    PERFORMANCE.with(Clone::clone)
}

#[wasm_bindgen]
extern "C" {
    /// `{ start, end }`, the span `performance.measure` takes (web-sys has it only among its
    /// unstable APIs).
    #[wasm_bindgen(extends = js_sys::Object)]
    type MeasureSpan;
    #[wasm_bindgen(method, setter = start)]
    fn set_start(this: &MeasureSpan, at: f64);
    #[wasm_bindgen(method, setter = end)]
    fn set_end(this: &MeasureSpan, at: f64);
    /// The page's `performance`, seen as what takes a [`MeasureSpan`].
    #[wasm_bindgen(extends = js_sys::Object)]
    type Timeline;
    /// `performance.measure(name, span)`.
    #[wasm_bindgen(method, catch, js_name = measure)]
    fn measure_span(this: &Timeline, name: &str, span: &MeasureSpan) -> Result<JsValue, JsValue>;
}

/// The durations (ms) of the measures named `names` taken so far, which are then dropped:
/// what the engine's worker timed, sent to the page with its answer.
pub fn take_measures(names: &[&str]) -> Vec<(String, f64)> {
    let Some(p) = performance() else {
        return Vec::new();
    };
    let mut taken = Vec::new();
    for name in names {
        let entries = p.get_entries_by_name_with_entry_type(name, "measure");
        for entry in entries.iter() {
            if let Ok(entry) = entry.dyn_into::<web_sys::PerformanceEntry>() {
                taken.push((name.to_string(), entry.duration()));
            }
        }
        p.clear_measures_with_measure_name(name);
        KEPT.with_borrow_mut(|kept| kept.retain(|(n, _)| n != name));
    }
    taken
}

/// Records in the page's timeline a measure the engine's worker took (ending now), so the
/// benchmarks read it as before the work moved there.
pub fn record_measure(name: &str, duration: f64) {
    let Some(p) = performance() else { return };
    let now = p.now();
    measure_between(&p, name, now - duration, now);
}

thread_local! {
    /// How many measures of each name the timeline holds (counted here: listing them to
    /// count them cost the page more than the measures themselves).
    static KEPT: std::cell::RefCell<Vec<(String, u32)>> = const { std::cell::RefCell::new(Vec::new()) };
    /// When the last input event came, until `um-keystroke` is measured from it.
    static INPUT_AT: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
}

/// Records the measure `name` from `start` to `end` (ms on the page's clock); at most
/// [`MEASURES_KEPT`] of a name are kept.
fn measure_between(p: &web_sys::Performance, name: &str, start: f64, end: f64) {
    let full = KEPT.with_borrow_mut(|kept| {
        let Some((_, count)) = kept.iter_mut().find(|(n, _)| n == name) else {
            kept.push((name.to_string(), 1));
            return false;
        };
        let full = *count >= MEASURES_KEPT;
        *count = if full { 1 } else { count.saturating_add(1) };
        full
    });
    if full {
        p.clear_measures_with_measure_name(name);
    }
    let span: MeasureSpan = js_sys::Object::new().unchecked_into();
    span.set_start(start);
    span.set_end(end);
    let _ = p.unchecked_ref::<Timeline>().measure_span(name, &span);
}

/// Measured from each input event to the page updated and rendered.
pub const KEYSTROKE_MEASURE: &str = "um-keystroke";
/// Set once, when the page first shows figures (its time is from navigation start).
pub const FIRST_FIGURES_MARK: &str = "um-first-figures";
/// At most this many measures of each kind are kept.
const MEASURES_KEPT: u32 = 1000;

/// Marks the task rendering part `n` of the page as the app starts (`um-part-n`; the one
/// after the last puts the page on), for bench/page/startup-tasks.mjs.
pub fn mark_part(n: u8) {
    if let Some(p) = performance() {
        let _ = p.mark(&format!("um-part-{n}"));
    }
}

/// Notes the time of an input event (the start of `um-keystroke`).
pub fn mark_input() {
    if let Some(p) = performance() {
        INPUT_AT.set(Some(p.now()));
    }
}

/// Whether an input event came since figures were last published: the figures about to be
/// published follow a key (not an example opened, a file imported or an undo).
pub fn typed_since_published() -> bool {
    INPUT_AT.get().is_some()
}

/// Gives way once to the other tasks of the page's executor (Leptos' effects run there,
/// in order: a task spawned after them runs after them).
struct YieldOnce(bool);

impl std::future::Future for YieldOnce {
    type Output = ();

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0 {
            std::task::Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

/// Called when new figures have been published: once the effects that write them into the
/// page have run (they were woken by the publishing, so they run before a task spawned
/// now, and a second turn leaves room for effects they wake), measures `um-keystroke` from
/// the last input event to the end of the next frame (a task queued from its animation
/// frame callback runs once that frame is rendered). Nothing is forced: reading a layout
/// here would lay the page out once more than the frame does (issue 14).
pub fn figures_published() {
    let Some(p) = performance() else { return };
    let Some(input_at) = INPUT_AT.take() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        YieldOnce(false).await;
        YieldOnce(false).await;
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(
                move || measure_between(&p, KEYSTROKE_MEASURE, input_at, p.now()),
                std::time::Duration::ZERO,
            );
        });
    });
}

/// The engine's part of a keystroke: `um-compute` measures each run of the one memo.
pub const COMPUTE_MEASURE: &str = "um-compute";

/// Runs `f`, measuring it as `um-compute` (kept like the keystroke measures).
pub fn measure_compute<T>(f: impl FnOnce() -> T) -> T {
    measure(COMPUTE_MEASURE, f)
}

/// Marks the first time figures are on the page.
pub fn mark_first_figures() {
    if let Some(p) = performance() {
        if p.get_entries_by_name(FIRST_FIGURES_MARK).length() == 0 {
            let _ = p.mark(FIRST_FIGURES_MARK);
        }
    }
}

/// What-if measures (issue 5): the liquidation prices of the chosen coin, and the chart's
/// sweep.
pub const LIQUIDATION_MEASURE: &str = "um-liquidation-prices";
pub const SWEEP_MEASURE: &str = "um-sweep";

/// The engine's worker, on the page's side (issue 14): `um-request` the request sent after
/// new figures (the complete scenario written as a document), `um-answer` an answer
/// read and shown (the panels rendered again).
pub const REQUEST_MEASURE: &str = "um-request";
pub const ANSWER_MEASURE: &str = "um-answer";

/// The app's start (issue 14): its first render, off the page (its context and the page's
/// frame; its parts follow, a task each, marked `um-part-n`).
pub const TAKE_OVER_MEASURE: &str = "um-take-over";

/// Runs `f`, measuring it as `name` (at most [`MEASURES_KEPT`] kept).
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let p = performance();
    let start = p.as_ref().map(web_sys::Performance::now);
    let out = f();
    if let (Some(p), Some(start)) = (&p, start) {
        measure_between(p, name, start, p.now());
    }
    out
}

/// An element off the page, where the app renders before it is put on ([`put_on_page`]).
pub fn offstage() -> Option<web_sys::HtmlElement> {
    window()?
        .document()?
        .create_element("div")
        .ok()?
        .dyn_into()
        .ok()
}

/// Moves what was rendered off the page onto it (at the end of the body), then takes the
/// pre-rendered first view away, in the same task.
pub fn put_on_page(offstage: &web_sys::HtmlElement) {
    let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        return;
    };
    while let Some(child) = offstage.first_child() {
        if body.append_child(&child).is_err() {
            break;
        }
    }
    remove_first_view();
}

/// Takes the pre-rendered first view off the page (the app's own view has just been put
/// after it, identical in a first visit): see `web/first-view.js`.
pub fn remove_first_view() {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(nodes) = document.query_selector_all("[data-first-view]") {
        for i in 0..nodes.length() {
            if let Some(element) = nodes
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                element.remove();
            }
        }
    }
}

/// Fetches a text file served beside the page (the market document): its text, or what
/// went wrong. The browser's HTTP cache is asked to check with the server, so a file
/// replaced on the server is used on the next load.
pub fn fetch_text(url: &str, done: impl FnOnce(Result<String, Refusal>) + 'static) {
    let Some(window) = window() else {
        done(Err(Refusal::NoWindow));
        return;
    };
    // revalidated with the server each time (an HTTP cache's copy is used only if unchanged)
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let promise = window.fetch_with_str_and_init(url, &init);
    wasm_bindgen_futures::spawn_local(async move {
        let fetched = async {
            let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map_err(|_| Refusal::NotFetched)?
                .dyn_into()
                .map_err(|_| Refusal::NotAResponse)?;
            if !response.ok() {
                return Err(Refusal::ServerAnswered {
                    status: response.status(),
                });
            }
            let text = response.text().map_err(|_| Refusal::TextUnreadable)?;
            wasm_bindgen_futures::JsFuture::from(text)
                .await
                .ok()
                .and_then(|t| t.as_string())
                .ok_or(Refusal::TextUnreadable)
        };
        done(fetched.await);
    });
}
