//! The page. Data flows one way: the draft (a signal holding the text of every field) →
//! ONE memo that runs the engine ([`Outcome::next`]) → components that only display.
//! Inputs are written by the person, not by the page: each shows its text once, when its
//! row appears, and reports every `input` event to the draft. Replacing the whole draft
//! (a preset, an import, a link, Undo) renders the form again ([`Ctx::generation`]).

/// Words of namespace `ui` as a [`fields::Words`]: `w!(ui.form.balance)`.
macro_rules! w {
    ($($key:tt)+) => {
        (|locale: $crate::i18n::Locale| $crate::i18n::td_string!(locale, $($key)+))
            as $crate::ui::fields::Words
    };
}

mod bar;
mod chart;
mod check;
mod engine;
mod explain;
pub mod fields;
mod figure;
pub mod first_view;
mod inputs;
mod language;
mod positions;
mod results;
mod stages;
mod start;
mod tables;
mod tip;
mod toolbar;
mod upgrade;
mod whatif;

use crate::calc::{Computed, Outcome, Shared, Shock};
use crate::draft::{Draft, Field, FieldError, FieldProblem, Layout};
use crate::i18n::t;
use crate::i18n::{self, Locale};
use crate::labels::{row_names, RowNames};
use crate::market_state::MarketState;
use crate::session::{self, Message};
use crate::storage;
use crate::web;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::collections::HashMap;
use std::sync::Arc;
use unimargin::explain::Explanations;

/// A message shown at the top of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u32,
    pub message: Message,
}

/// What every component reads (all `Copy` handles).
///
/// Keystrokes reach only what they change: the draft's subscribers are the one memo and a
/// few small ones; rows find their paths in `layout`, which changes only when rows come and
/// go; figures and errors are published by one effect, each figure to its own signal and
/// only when its value changed (see [`figure::Board`]). So a keystroke in a 200-position
/// account wakes tens of effects, not thousands.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The form as typed.
    pub draft: RwSignal<Draft>,
    /// Bumped when the whole draft is replaced: the form is rendered again from it.
    pub generation: RwSignal<u64>,
    /// The draft's rows, by id: set when rows are added or removed.
    pub layout: RwSignal<Layout>,
    /// Every row's name ("BTC", "BTCUSDT long position"): what inputs' names start with.
    /// Worked out again only when a field a name is made of changed ([`names_changed`]).
    pub names: Memo<RowNames>,
    /// Bumped when a field that names a row is edited (a coin's name, a position's side…).
    names_edited: RwSignal<u64>,
    /// The what-if price (issue 5): an input of the computation beside the draft, never
    /// part of the scenario, the saved work or a share link.
    pub shock: RwSignal<Option<Shock>>,
    /// The market whose tables fill what the draft leaves out, when the draft names it.
    pub market: RwSignal<MarketState>,
    /// The one computation.
    pub outcome: Memo<Outcome>,
    /// The figures shown (fresh, or the last good ones), published by the outcome.
    pub figures: RwSignal<Option<Shared<Computed>>>,
    /// The problems with the draft, each at its engine path (set only when they change).
    pub errors: RwSignal<Arc<Vec<FieldError>>>,
    /// The same problems by path, each path its own signal ([`Ctx::problem_at`]).
    problems: StoredValue<Problems>,
    /// The text of each field a part of the page watches, its own signal ([`Ctx::text_at`]).
    texts: StoredValue<HashMap<Field, ArcRwSignal<String>>>,
    /// Every figure on the page and its own signal.
    pub board: StoredValue<figure::Board>,
    /// What the engine's worker worked out for the panels ([`engine`]).
    pub answers: engine::Answers,
    /// "How is this computed?" (computed only while a panel is open).
    pub explained: Memo<Option<Shared<Explanations>>>,
    /// Show the engine's exact values instead of rounded figures.
    pub exact: RwSignal<bool>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Saving would overwrite unreadable work that could not be copied aside.
    pub save_paused: RwSignal<bool>,
    /// The page's language (saved with the work).
    pub i18n: I18nContext<Locale>,
    /// How many of the page's parts are rendered ([`PARTS`]): the app renders them a task
    /// each when it starts, so that no task blocks the page for long; all of them on the
    /// host.
    pub parts: RwSignal<u8>,
    /// The `data-testid` of what has the focus in the page's main part (a field's is its
    /// path): a problem in the field being typed in is told under it, and only once the
    /// field is left in the account's summary.
    pub focused: RwSignal<Option<String>>,
    /// The summary's list of problems waits: a field with a problem has the focus, or had
    /// it less than [`LIST_AFTER_LEAVING`] ago ([`list_waits_for_the_field`]).
    pub list_waits: RwSignal<bool>,
}

/// How long after a field with a problem is left the summary lists it: what follows the
/// summary moves then, after the click that left the field has landed where it was aimed
/// (as the field's own message, `style.css`).
const LIST_AFTER_LEAVING: std::time::Duration = std::time::Duration::from_millis(400);

/// Whether a field with a problem has the focus.
fn typing_in_a_problem(ctx: Ctx) -> bool {
    ctx.focused.with(|f| {
        f.as_ref()
            .is_some_and(|f| ctx.errors.with(|e| e.iter().any(|e| e.path == *f)))
    })
}

/// Keeps [`Ctx::list_waits`]: set as soon as a field with a problem has the focus, cleared
/// [`LIST_AFTER_LEAVING`] after it no longer has.
fn list_waits_for_the_field(ctx: Ctx) {
    let timer: Timer = StoredValue::new(None);
    Effect::new(move |_| {
        if typing_in_a_problem(ctx) {
            cancel(timer);
            if !ctx.list_waits.get_untracked() {
                ctx.list_waits.set(true);
            }
        } else if ctx.list_waits.get_untracked() {
            restart(timer, LIST_AFTER_LEAVING, move || ctx.list_waits.set(false));
        }
    });
}

/// Whether the summary's list of problems waits now ([`Ctx::list_waits`], or a field with
/// a problem has just been given the focus).
pub fn list_waits(ctx: Ctx) -> bool {
    ctx.list_waits.get() || typing_in_a_problem(ctx)
}

impl Ctx {
    fn new(
        start: session::Startup,
        i18n: I18nContext<Locale>,
        market: MarketState,
        parts: u8,
    ) -> Ctx {
        let layout = RwSignal::new(start.draft.layout());
        let draft = RwSignal::new(start.draft);
        let shock = RwSignal::new(None::<Shock>);
        let market = RwSignal::new(market);
        let outcome = Memo::new(move |previous: Option<&Outcome>| {
            market.with(|m| {
                shock.with(|s| {
                    draft.with(|d| {
                        web::measure_compute(|| Outcome::next(previous, d, m.market(), s.as_ref()))
                    })
                })
            })
        });
        let first = outcome.get_untracked();
        let figures = RwSignal::new(first.figures.clone());
        let notices = start
            .messages
            .into_iter()
            .enumerate()
            .map(|(i, message)| Notice {
                id: u32::try_from(i).map_or(u32::MAX, |i| i.saturating_add(1)),
                message,
            })
            .collect();
        let names_edited = RwSignal::new(0);
        let ctx = Ctx {
            draft,
            generation: RwSignal::new(0),
            layout,
            // not on every keystroke: a balance typed renames nothing
            names: Memo::new(move |_| {
                names_edited.track();
                layout.track();
                let locale = i18n.get_locale();
                draft.with_untracked(|d| row_names(d, locale))
            }),
            names_edited,
            shock,
            market,
            outcome,
            figures,
            errors: RwSignal::new(first.errors.clone()),
            problems: StoredValue::new(Problems::default()),
            texts: StoredValue::new(HashMap::new()),
            board: StoredValue::new(figure::Board::default()),
            answers: engine::Answers::new(),
            explained: Memo::new(move |_| {
                figures.with(|f| f.as_ref().map(|c| Shared(Arc::new(c.explain()))))
            }),
            exact: RwSignal::new(false),
            notices: RwSignal::new(notices),
            save_paused: RwSignal::new(start.save_paused),
            i18n,
            parts: RwSignal::new(parts),
            focused: RwSignal::new(None),
            list_waits: RwSignal::new(false),
        };
        ctx.publish();
        ctx
    }

    /// Publishes each new outcome: the figures, the errors, and every figure whose value
    /// changed.
    fn publish(self) {
        Effect::new(move |_| {
            self.outcome.with(|o| {
                let new_figures = self.figures.with_untracked(|f| *f != o.figures);
                if new_figures {
                    self.figures.set(o.figures.clone());
                }
                if self.errors.with_untracked(|e| *e != o.errors) {
                    let before = self.errors.get_untracked();
                    self.problems.with_value(|p| p.publish(&before, &o.errors));
                    self.errors.set(o.errors.clone());
                }
                // the same figures (a field that does not read): no figure changed
                if new_figures {
                    let typed = web::typed_since_published();
                    self.board
                        .with_value(|board| board.publish(o.figures.as_ref(), typed));
                }
            });
            web::figures_published();
        });
    }

    /// The problem at a path (the first, if several), as a signal of its own: a field
    /// watching it is woken only when its own problem changes, not by every change of the
    /// list (a 200-position form has over a thousand fields).
    pub fn problem_at(&self, path: &str) -> Option<ArcRwSignal<Option<FieldProblem>>> {
        let errors = self.errors;
        self.problems.try_update_value(|p| {
            p.by_path
                .entry(path.to_string())
                .or_insert_with(|| ArcRwSignal::new(errors.with_untracked(|e| first_at(e, path))))
                .clone()
        })
    }

    /// The text of one field of the draft, as a signal of its own: what watches a field's
    /// text (the note of how a number was read, the second input of a field) is woken by
    /// that field's changes only, not by every keystroke in the form (a 200-position form
    /// has over a thousand fields, and a source's subscribers are costly to remove).
    pub fn text_at(&self, field: Field) -> ArcRwSignal<String> {
        let draft = self.draft;
        self.texts
            .try_update_value(|texts| {
                texts
                    .entry(field)
                    .or_insert_with(|| ArcRwSignal::new(text_of(draft, field)))
                    .clone()
            })
            .unwrap_or_else(|| ArcRwSignal::new(String::new()))
    }

    /// Sets the watched fields' signals whose text is no longer the draft's.
    fn refresh_texts(&self) {
        let draft = self.draft;
        self.texts.with_value(|texts| {
            for (field, signal) in texts {
                refresh_text(draft, *field, signal);
            }
        });
    }

    /// Sets the text of a field, as typed.
    pub fn edit(&self, field: Field, text: String) {
        self.draft.update(|d| {
            d.set(field, text);
        });
        // as the draft took it (a select's text naming none of its choices is refused)
        if let Some(signal) = self.texts.with_value(|texts| texts.get(&field).cloned()) {
            refresh_text(self.draft, field, &signal);
        }
        if names_changed(field) {
            self.names_edited.update(bump);
        }
    }

    /// A draft started on the page takes its tables from the market loaded (it names it),
    /// so its first rows ask for nothing the market gives.
    fn adopt_market(&self, draft: &mut Draft) {
        if draft.is_empty() && draft.market.is_none() {
            draft.market = self.market.with_untracked(MarketState::reference);
        }
    }

    /// Adds or removes rows.
    pub fn restructure(&self, change: impl FnOnce(&mut Draft)) {
        self.restructure_then_focus(|d| {
            change(d);
            None
        });
    }

    /// Adds or removes rows, then moves the focus to the field `then` names in the new
    /// layout (the first field of a row just added, say), once it is on the page, selecting
    /// what it holds so that typing replaces it.
    pub fn restructure_then_focus(&self, change: impl FnOnce(&mut Draft) -> Option<Field>) {
        let mut target = None;
        self.draft.update(|d| {
            self.adopt_market(d);
            target = change(d);
        });
        self.refresh_texts();
        let layout = self.draft.with_untracked(Draft::layout);
        let path = target.and_then(|f| layout.path_of(f));
        self.layout.set(layout);
        if let Some(path) = path {
            web::focus_and_select_soon(path);
        }
    }

    /// Whether the draft holds nothing yet (a first visit).
    pub fn is_blank(&self) -> Memo<bool> {
        let layout = self.layout;
        Memo::new(move |_| {
            layout.with(|l| {
                l.coins.is_empty()
                    && l.contracts.is_empty()
                    && l.positions.is_empty()
                    && l.orders.is_empty()
                    && !l.check
            })
        })
    }

    /// Shows a message (replacing an earlier one of the same kind).
    pub fn tell(&self, message: Message) {
        self.notices.update(|list| {
            let id = list
                .iter()
                .map(|n| n.id)
                .max()
                .unwrap_or(0)
                .saturating_add(1);
            list.retain(|n| std::mem::discriminant(&n.message) != std::mem::discriminant(&message));
            list.push(Notice { id, message });
        });
    }

    /// Replaces the whole draft (keeping the current one to bring back) and renders the
    /// form again. Gives whether the current work was kept.
    pub fn replace(&self, next: Draft) -> bool {
        let kept = self
            .draft
            .with_untracked(|current| web::with_storage(|kv| session::replace(kv, current, &next)));
        self.layout.set(next.layout());
        self.shock.set(None);
        self.draft.set(next);
        self.refresh_texts();
        self.names_edited.update(bump);
        self.generation.update(bump);
        save_now(*self);
        kept
    }

    /// Brings back the work the last replacement kept.
    pub fn undo(&self) {
        if let Some(previous) = web::with_storage(|kv| storage::previous(kv)) {
            self.replace(previous);
            self.notices
                .update(|list| list.retain(|n| !n.message.can_undo()));
            self.tell(Message::Restored);
        }
    }

    /// Whether the figures are those of the draft.
    pub fn fresh(&self) -> bool {
        self.outcome.with(Outcome::is_fresh)
    }
}

/// The problems by path, each path watched by a field its own signal (paths are kept
/// once watched: a form has a bounded number of them).
#[derive(Default)]
struct Problems {
    by_path: HashMap<String, ArcRwSignal<Option<FieldProblem>>>,
}

impl Problems {
    /// Sets the signals of the paths whose problem changed (those with a problem before
    /// or now: the others had none and have none).
    fn publish(&self, before: &[FieldError], now: &[FieldError]) {
        for path in before.iter().chain(now).map(|e| e.path.as_str()) {
            if let Some(signal) = self.by_path.get(path) {
                let problem = first_at(now, path);
                if signal.with_untracked(|p| *p != problem) {
                    signal.set(problem);
                }
            }
        }
    }
}

/// A field's text in the draft (empty: no such field).
fn text_of(draft: RwSignal<Draft>, field: Field) -> String {
    draft.with_untracked(|d| d.get(field).unwrap_or_default().to_string())
}

/// Sets a watched field's signal to its text in the draft, if that changed.
fn refresh_text(draft: RwSignal<Draft>, field: Field, signal: &ArcRwSignal<String>) {
    let text = text_of(draft, field);
    if signal.with_untracked(|t| *t != text) {
        signal.set(text);
    }
}

/// The first problem at a path.
fn first_at(errors: &[FieldError], path: &str) -> Option<FieldProblem> {
    errors
        .iter()
        .find(|e| e.path == path)
        .map(|e| e.kind.clone())
}

/// Moves a change counter on (only its changing matters: it wraps rather than stop).
fn bump(counter: &mut u64) {
    *counter = counter.wrapping_add(1);
}

/// Whether a field is part of a row's name ([`row_names`]).
fn names_changed(field: Field) -> bool {
    use crate::draft::{CoinField, ContractField, OrderField, PositionField};
    matches!(
        field,
        Field::Coin(_, CoinField::Coin)
            | Field::Contract(_, ContractField::Symbol)
            | Field::Position(_, PositionField::Symbol | PositionField::Side)
            | Field::Order(
                _,
                OrderField::Market
                    | OrderField::Side
                    | OrderField::Symbol
                    | OrderField::Base
                    | OrderField::Quote
            )
    )
}

/// Saves the draft now (unless saving is paused).
fn save_now(ctx: Ctx) {
    if ctx.save_paused.get_untracked() {
        return;
    }
    ctx.draft
        .with_untracked(|d| {
            let lang = ctx.i18n.get_locale_untracked();
            web::with_storage(|kv| storage::save(kv, d, lang))
        })
        .ok();
}

/// Calls `near` with whether `node` is on the screen or within half a screen's height of
/// it ([`NEAR_THE_SCREEN`]), once that is known and then at each change
/// ([`web::watch_nearness`]); the observer goes with the element. What the worker's panels
/// and the figure tables share.
pub(crate) fn follow_screen_nearness<E>(node: NodeRef<E>, near: impl Fn(bool) + Clone + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    follow_nearness_of(node, NEAR_THE_SCREEN, near);
}

/// Near the screen: on it, or within half a screen above or below. Scrolled to at a reading
/// pace (seconds for half a screen), a panel asked for as it comes near is ready (its answer
/// takes milliseconds); and a key costs nothing for what is further away, such as the order
/// check's last lines below the form's top on a desktop (issue 14).
const NEAR_THE_SCREEN: &str = "50% 0px";

/// Focuses `node`'s element if it is on the page (a field's input when its name is
/// clicked, as a `label` does; a heading that holds the focus while a button goes).
pub(crate) fn focus_node<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: AsRef<web_sys::HtmlElement> + wasm_bindgen::JsCast + Clone + 'static,
{
    if let Some(el) = node.get_untracked() {
        let el: &web_sys::HtmlElement = el.as_ref();
        let _ = el.focus();
    }
}

/// Follows whether `node` is on the screen or within `margin` of it (an
/// `IntersectionObserver`'s root margin): `near` is called with the answer once it is
/// known, then at each change, until the element goes.
pub(crate) fn follow_nearness_of<E>(
    node: NodeRef<E>,
    margin: &'static str,
    near: impl Fn(bool) + Clone + 'static,
) where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    watch_element(node, move |element| {
        web::watch_nearness(element, margin, near.clone())
    });
}

/// Starts `watch` on `node`'s element once it is in the page, and stops it when the
/// element goes.
pub(crate) fn watch_element<E>(
    node: NodeRef<E>,
    watch: impl Fn(&web_sys::Element) -> Option<web::Watching> + 'static,
) where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        let Some(element) = node.get() else {
            return;
        };
        let watching =
            send_wrapper::SendWrapper::new(watch(wasm_bindgen::JsCast::unchecked_ref(&element)));
        on_cleanup(move || {
            if let Some(watching) = watching.take() {
                watching.stop();
            }
        });
    });
}

/// A timer that each call starts again: what it runs waits until calls stop for its delay.
pub(crate) type Timer = StoredValue<Option<leptos::leptos_dom::helpers::TimeoutHandle>>;

/// Runs `then` once `delay` has passed without another call on `timer` (the timer is then
/// empty).
pub(crate) fn restart(timer: Timer, delay: std::time::Duration, then: impl FnOnce() + 'static) {
    cancel(timer);
    let handle = set_timeout_with_handle(
        move || {
            timer.set_value(None);
            then();
        },
        delay,
    )
    .ok();
    timer.set_value(handle);
}

/// Stops what `timer` would run (nothing if it is empty).
pub(crate) fn cancel(timer: Timer) {
    if let Some(handle) = timer.get_value() {
        handle.clear();
    }
    timer.set_value(None);
}

/// Saves a moment after the typing stops, and when the page is left.
fn keep_saving(ctx: Ctx) {
    let pending: Timer = StoredValue::new(None);
    Effect::new(move |_| {
        ctx.draft.track();
        restart(pending, std::time::Duration::from_millis(300), move || {
            save_now(ctx)
        });
    });
    let flush = move |_| {
        // a save still waiting is done now
        if pending.with_value(Option::is_some) {
            cancel(pending);
            save_now(ctx);
        }
    };
    window_event_listener_untyped("pagehide", flush);
    window_event_listener_untyped("visibilitychange", flush);
}

/// Opens a share link pasted into the address of the open page.
fn follow_links(ctx: Ctx) {
    window_event_listener(leptos::ev::hashchange, move |_| {
        let fragment = web::fragment();
        let Some(payload) = crate::share::payload(&fragment) else {
            return;
        };
        match crate::share::decode(payload) {
            Ok(scenario) => {
                let previous_kept = ctx.replace(crate::draft::Draft::from_scenario(&scenario));
                ctx.tell(Message::LinkOpened { previous_kept });
            }
            Err(reason) => ctx.tell(Message::LinkRefused { reason }),
        }
        web::clear_fragment();
    });
}

/// The page's language: the one saved with the work, else the browser's first known one
/// (a first visit), provided to every component (`use_i18n`) and set in `<html lang>`.
/// A share link carries no language: it opens in the reader's.
fn provide_language(saved: Option<Locale>) -> I18nContext<Locale> {
    let initial = saved.unwrap_or_else(|| i18n::from_browser(&web::browser_languages()));
    // leptos_i18n's main provider would settle on `navigator.languages` after the first
    // render, over the saved choice; its sub-context takes the initial locale given.
    let context = leptos_i18n::context::init_i18n_subcontext(Some(Signal::stored(initial)));
    provide_context(context);
    Effect::new(move |_| web::set_document_lang(i18n::code(context.get_locale())));
    context
}

/// The page, in the browser: the saved work (or a share link, or nothing), the language,
/// saving, links, the engine's worker. `market` is the market document as far as it was
/// fetched when the page started ([`mount`]).
fn app(market: MarketState) -> impl IntoView {
    let start = web::with_storage(|kv| session::startup(kv, &web::fragment()));
    if start.clear_fragment {
        web::clear_fragment();
    }
    let i18n = provide_language(start.language);
    // its parts rendered one a task from here (take_over)
    let ctx = Ctx::new(start, i18n, market, 0);
    provide_context(ctx);
    STARTED.with(|m| m.set(Some(ctx)));
    keep_saving(ctx);
    follow_links(ctx);
    list_waits_for_the_field(ctx);
    engine::connect(ctx);
    figure::catch_up_when_typing_stops(ctx);
    // The benchmark's "first figures" mark: after the first render with figures.
    Effect::new(move |_| {
        if ctx.figures.with(Option::is_some) {
            web::mark_first_figures();
        }
    });
    view! {
        {page(ctx)}
        // Tells end-to-end tests that the wasm app has started and rendered.
        <span data-testid="app-ready" data-value="ok" hidden=true></span>
        // Where the heavy panels are worked out: `worker` once the engine's worker listens.
        <span data-testid="engine" data-value=move || ctx.answers.runs_in.get() hidden=true></span>
        // How many panels are not up to date with the figures (worked out, or waiting to be
        // near the screen or for typing to stop).
        <span data-testid="panels-pending" data-value=move || ctx.answers.pending.with(Vec::len).to_string() hidden=true></span>
    }
}

/// How many parts [`page`] has.
const PARTS: u8 = 10;

/// Part `n` of the page ([`page`]), once the app has rendered that far ([`Ctx::parts`]).
fn part<V: IntoView + 'static>(
    ctx: Ctx,
    n: u8,
    view: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let parts = ctx.parts;
    let reached = move || parts.get() >= n;
    view! { <Show when=reached>{view()}</Show> }
}

/// Keeps [`Ctx::focused`]: the `data-testid` of the element the focus went to (`None`: it
/// left).
fn follow_focus(ctx: Ctx, to: Option<web_sys::Event>) {
    let testid = to
        .and_then(|ev| ev.target())
        .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
        .and_then(|element| element.get_attribute("data-testid"));
    if ctx.focused.with_untracked(|f| *f != testid) {
        ctx.focused.set(testid);
    }
}

/// What the page shows, from its context: the same in the browser and in the first view
/// rendered at build time ([`first_view`]).
fn page(ctx: Ctx) -> impl IntoView {
    let i18n = ctx.i18n;
    view! {
        <a class="skip" href="#account">{t!(i18n, ui.page.skip)}</a>
        <header class="top">
            <div class="brand">
                <h1>"unimargin"</h1>
                <p class="tagline">{t!(i18n, ui.page.tagline)}</p>
            </div>
            {part(ctx, 1, || view! { <language::LanguageSelect/> <toolbar::Toolbar/> })}
        </header>
        {part(ctx, 2, || view! { <toolbar::Notices/> })}
        <p class="market-line" data-testid="market-line"
            data-value=move || ctx.market.with(|m| m.reference().map(|r| r.name).unwrap_or_default())>
            {move || { let locale = i18n.get_locale(); ctx.market.with(|m| crate::market_state::market_line(m, locale)) }}
        </p>
        {part(ctx, 2, || view! { <bar::SummaryBar/> })}
        <main class="layout" on:focusin=move |ev| follow_focus(ctx, Some(ev.into())) on:focusout=move |_| follow_focus(ctx, None)>
            <div class="column inputs">
                {part(ctx, 3, || view! { <start::StartHere/> })}
                {part(ctx, 4, move || {
                    move || {
                        ctx.generation.track();
                        untrack(|| view! { <inputs::Form/> })
                    }
                })}
            </div>
            <div class="column outputs">
                {part(ctx, 5, || view! { <whatif::ShockBanner/> <results::Summary/> })}
                {part(ctx, 6, || view! { <check::CheckPanel/> })}
                {part(ctx, 7, || view! { <whatif::WhatIfPanel/> })}
                {part(ctx, 8, || view! { <results::CoinTable/> <results::ContractTable/> })}
                {part(ctx, 9, || view! { <positions::PositionTable/> <stages::StagesPanel/> })}
                {part(ctx, 10, || view! { <upgrade::UpgradePanel/> })}
            </div>
        </main>
        <footer class="foot">
            <p>{t!(i18n, ui.page.footer)}</p>
        </footer>
    }
}

thread_local! {
    /// The page's context, once the app has started: a market fetched after that (a slow
    /// server) is set in it, and its parts are rendered one by one ([`take_over`]).
    static STARTED: std::cell::Cell<Option<Ctx>> = const { std::cell::Cell::new(None) };
}

/// How long the page waits for the market document before it starts without it (the
/// tables then arrive when they do, as a change of the market).
const MARKET_WAIT: std::time::Duration = std::time::Duration::from_millis(2000);

/// Starts the app in the page: once the market document served beside the page
/// (replaceable at deploy time without a rebuild) is read, or [`MARKET_WAIT`] has passed,
/// so that a first visit's first render is the first view pre-rendered at build time
/// (`web/first-view.js`), which it then replaces in the same task: no flash, no shift.
pub fn mount() {
    console_error_panic_hook::set_once();
    web::fetch_text("market.json", |fetched| {
        let market = match fetched {
            Ok(text) => MarketState::read(&text),
            Err(reason) => MarketState::Missing { reason },
        };
        // in a task of its own: reading the market is work enough for one
        set_timeout(move || take_over(market), std::time::Duration::ZERO);
    });
    set_timeout(|| take_over(MarketState::Loading), MARKET_WAIT);
}

/// Puts the app on the page in place of the pre-rendered first view: rendered off the
/// page, one part a task ([`PARTS`]: each task short, so the page never stops answering
/// for long), then put on the page and the first view taken away, in one task (no flash,
/// no shift: the same view). Until then the first view stays, inert.
/// Called twice, whichever comes first: with the market read, and when [`MARKET_WAIT`] has
/// passed (with none); once the app is on, a market read late is set in it, the wait's
/// none ignored.
fn take_over(market: MarketState) {
    if let Some(ctx) = STARTED.with(std::cell::Cell::get) {
        if !matches!(market, MarketState::Loading) {
            ctx.market.set(market);
        }
        return;
    }
    let Some(offstage) = web::offstage() else {
        return; // no document: nowhere to show a page
    };
    web::measure(web::TAKE_OVER_MEASURE, || {
        leptos::mount::mount_to(offstage.clone(), move || app(market)).forget();
    });
    render_part(1, offstage);
}

/// Renders part `n` in a task of its own, then the next; after the last, puts the page on.
fn render_part(n: u8, offstage: web_sys::HtmlElement) {
    set_timeout(
        move || {
            let Some(ctx) = STARTED.with(std::cell::Cell::get) else {
                return;
            };
            if n <= PARTS {
                web::mark_part(n);
                ctx.parts.set(n);
                render_part(n.saturating_add(1), offstage);
            } else {
                web::mark_part(n);
                web::put_on_page(&offstage);
            }
        },
        std::time::Duration::ZERO,
    );
}
