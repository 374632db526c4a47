//! The building blocks: an input bound to one field of the draft, a select, the error
//! beside a row, and a figure (rounded for people, exact on hover, in `data-value`, and
//! in "exact values" mode).

use super::Ctx;
use crate::calc::Computed;
use crate::draft::{Field, List, Row};
use crate::number::parse_typed;
use crate::show;
use crate::web;
use leptos::html::Input;
use leptos::prelude::*;
use unimargin::Decimal;

/// How an input reads and looks.
#[derive(Clone, Copy, Default)]
pub struct Spec {
    pub label: &'static str,
    /// Numbers: the keypad on phones, right-aligned digits.
    pub numeric: bool,
    /// A fraction: shows it back as a percentage while typing.
    pub rate: bool,
    pub placeholder: &'static str,
    /// The id of a `<datalist>` of suggestions.
    pub list: Option<&'static str>,
    /// In a table row: the label is for screen readers only.
    pub compact: bool,
    /// For a field the page itself sets (the check's size).
    pub node: Option<NodeRef<Input>>,
    /// A short help text under the label.
    pub help: Option<&'static str>,
}

impl Spec {
    pub fn text(label: &'static str) -> Spec {
        Spec {
            label,
            ..Spec::default()
        }
    }

    pub fn number(label: &'static str) -> Spec {
        Spec {
            label,
            numeric: true,
            ..Spec::default()
        }
    }

    pub fn rate(label: &'static str) -> Spec {
        Spec {
            label,
            numeric: true,
            rate: true,
            ..Spec::default()
        }
    }

    pub fn placeholder(mut self, placeholder: &'static str) -> Spec {
        self.placeholder = placeholder;
        self
    }

    pub fn compact(mut self) -> Spec {
        self.compact = true;
        self
    }

    pub fn list(mut self, id: &'static str) -> Spec {
        self.list = Some(id);
        self
    }

    pub fn node(mut self, node: NodeRef<Input>) -> Spec {
        self.node = Some(node);
        self
    }

    pub fn help(mut self, help: &'static str) -> Spec {
        self.help = Some(help);
        self
    }
}

/// The engine's path of a field, following its row as rows come and go.
fn field_path(ctx: Ctx, field: Field) -> Memo<String> {
    Memo::new(move |_| ctx.layout.with(|l| l.path_of(field)).unwrap_or_default())
}

/// The message for a path, if the draft has a problem there.
fn error_at(ctx: Ctx, path: Memo<String>) -> Memo<Option<String>> {
    Memo::new(move |_| {
        path.with(|p| {
            ctx.errors
                .with(|errors| errors.iter().find(|e| &e.path == p).map(|e| e.message()))
        })
    })
}

fn error_note(path: Memo<String>, error: Memo<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            let p = path.get();
            view! {
                <span class="field-error" role="alert" id=format!("error-{p}")
                    data-testid=format!("error-{p}")>{message}</span>
            }
        })
    }
}

/// A text input for one field of the draft. It shows the field's text when it appears and
/// reports every keystroke (`input` event) to the draft.
pub fn text_field(ctx: Ctx, field: Field, spec: Spec) -> impl IntoView {
    let initial = ctx
        .draft
        .with_untracked(|d| d.get(field).unwrap_or_default().to_string());
    let path = field_path(ctx, field);
    let error = error_at(ctx, path);
    let node = spec.node.unwrap_or_default();
    let invalid = move || error.with(Option::is_some);
    // A rate is typed as a fraction and shown back as a percentage.
    let typed = RwSignal::new(initial.clone());
    let hint = spec.rate.then_some({
        move || {
            typed.with(|t| {
                parse_typed(t)
                    .ok()
                    .map(|d| format!("= {}", show::input_rate(d)))
            })
        }
    });
    view! {
        <label class="field" class:compact=spec.compact class:invalid=invalid>
            <span class="field-label" class:sr-only=spec.compact>{spec.label}</span>
            {spec.help.map(|h| view! { <span class="field-help">{h}</span> })}
            <input type="text" class="input" class:num=spec.numeric
                inputmode=if spec.numeric { "decimal" } else { "text" }
                autocomplete="off" spellcheck="false" placeholder=spec.placeholder
                list=spec.list
                data-testid=move || path.get()
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=move || invalid().then(|| format!("error-{}", path.get()))
                prop:value=initial
                node_ref=node
                on:input=move |ev| {
                    web::mark_input();
                    let text = event_target_value(&ev);
                    if spec.rate {
                        typed.set(text.clone());
                    }
                    ctx.edit(field, text);
                }
            />
            {hint.map(|h| view! { <span class="field-hint">{h}</span> })}
            {error_note(path, error)}
        </label>
    }
}

/// A choice among fixed values (a side, a market, a quote).
pub fn select_field(
    ctx: Ctx,
    field: Field,
    label: &'static str,
    options: &'static [(&'static str, &'static str)],
    compact: bool,
) -> impl IntoView {
    let initial = ctx
        .draft
        .with_untracked(|d| d.get(field).unwrap_or_default().to_string());
    // An empty value is the first option (a coin's quote left out is USD).
    let chosen = if options.iter().any(|(v, _)| *v == initial) {
        initial
    } else {
        options[0].0.to_string()
    };
    let path = field_path(ctx, field);
    let error = error_at(ctx, path);
    view! {
        <label class="field" class:compact=compact class:invalid=move || error.with(Option::is_some)>
            <span class="field-label" class:sr-only=compact>{label}</span>
            <select class="input" data-testid=move || path.get()
                on:change=move |ev| {
                    web::mark_input();
                    let value = event_target_value(&ev);
                    ctx.edit(field, value);
                }>
                {options
                    .iter()
                    .map(|(value, text)| {
                        view! { <option value=*value selected=chosen == *value>{*text}</option> }
                    })
                    .collect_view()}
            </select>
            {error_note(path, error)}
        </label>
    }
}

/// The engine's message about a whole row (a tier without a bound, a loan that cannot be
/// taken), shown under it.
pub fn row_error(ctx: Ctx, row: Row) -> impl IntoView {
    let path = Memo::new(move |_| ctx.layout.with(|l| l.row_path(row)).unwrap_or_default());
    problem_note(ctx, path)
}

/// The engine's message about a list (a contract without position tiers).
pub fn list_error(ctx: Ctx, list: List) -> impl IntoView {
    let path = Memo::new(move |_| ctx.layout.with(|l| l.list_path(list)).unwrap_or_default());
    problem_note(ctx, path)
}

fn problem_note(ctx: Ctx, path: Memo<String>) -> impl IntoView {
    let error = error_at(ctx, path);
    move || {
        error.get().map(|message| {
            let p = path.get();
            view! { <p class="row-error" role="alert" data-testid=format!("error-{p}")>{message}</p> }
        })
    }
}

/// A figure as the engine computed it, and how it is shown. Small and `Copy`: comparing
/// two is cheap, so a figure's text is written only when its value changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fig {
    /// `50,100.00 USD`
    Usd(Decimal),
    /// `50,100.00` (in a table whose heading says USD)
    Cell(Decimal),
    /// A price: to the cent from 1 up, else up to 8 decimals.
    Price(Decimal),
    /// A coin amount, exact and grouped.
    Amount(Decimal),
    /// A rate as a percentage.
    Rate(Decimal),
    /// A rate that may be unbounded (`None`).
    RateOrUnbounded(Option<Decimal>),
    /// Account leverage (`None`: unbounded).
    Leverage(Option<Decimal>),
}

impl Fig {
    /// The engine's exact decimal (empty: unbounded).
    pub fn exact(self) -> String {
        match self {
            Fig::Usd(d) | Fig::Cell(d) | Fig::Price(d) | Fig::Amount(d) | Fig::Rate(d) => {
                show::exact(d)
            }
            Fig::RateOrUnbounded(d) | Fig::Leverage(d) => show::exact_or_empty(d),
        }
    }

    /// The text for people.
    pub fn text(self) -> String {
        match self {
            Fig::Usd(d) => show::usd_text(d),
            Fig::Cell(d) => show::usd_cell(d),
            Fig::Price(d) => show::price(d),
            Fig::Amount(d) => show::amount(d),
            Fig::Rate(d) => show::rate(d),
            Fig::RateOrUnbounded(d) => show::rate_or_unbounded(d),
            Fig::Leverage(d) => show::leverage(d),
        }
    }

    fn is_negative(self) -> bool {
        match self {
            Fig::Usd(d) | Fig::Cell(d) | Fig::Price(d) | Fig::Amount(d) | Fig::Rate(d) => {
                d.is_sign_negative() && !d.is_zero()
            }
            Fig::RateOrUnbounded(_) | Fig::Leverage(_) => false,
        }
    }
}

/// How a figure is read from the computed figures.
pub type Getter = Box<dyn Fn(&Computed) -> Option<Fig> + Send + Sync>;

struct Slot {
    get: Getter,
    value: RwSignal<Option<Fig>>,
}

/// Every figure on the page, each with its own signal: [`Ctx`]'s publishing effect reads
/// each from new figures and sets only those that changed.
#[derive(Default)]
pub struct Board {
    slots: Vec<Option<Slot>>,
    free: Vec<usize>,
}

impl Board {
    fn insert(&mut self, slot: Slot) -> usize {
        match self.free.pop() {
            Some(i) => {
                self.slots[i] = Some(slot);
                i
            }
            None => {
                self.slots.push(Some(slot));
                self.slots.len() - 1
            }
        }
    }

    fn remove(&mut self, key: usize) {
        if let Some(slot) = self.slots.get_mut(key) {
            if slot.take().is_some() {
                self.free.push(key);
            }
        }
    }

    /// Sets every figure whose value changed.
    pub fn publish(&self, computed: Option<&Computed>) {
        for slot in self.slots.iter().flatten() {
            let value = computed.and_then(|c| (slot.get)(c));
            if slot.value.try_get_untracked().is_some_and(|v| v != value) {
                slot.value.try_set(value);
            }
        }
    }
}

/// A figure from the computed figures: rounded text, the exact value in `title` (one hover
/// away) and `data-value`, and shown exactly in "exact values" mode (one click away).
/// The getter runs against each new report; the element is touched only on a change.
pub fn figure(
    ctx: Ctx,
    testid: Option<String>,
    get: impl Fn(&Computed) -> Option<Fig> + Send + Sync + 'static,
) -> impl IntoView {
    // One instance of the view for every figure of the page (small code).
    figure_of(ctx, testid, Box::new(get))
}

fn figure_of(ctx: Ctx, testid: Option<String>, get: Getter) -> impl IntoView {
    let first = ctx.figures.with_untracked(|f| f.as_deref().and_then(&get));
    let value = RwSignal::new(first);
    let key = ctx
        .board
        .try_update_value(|b| b.insert(Slot { get, value }));
    on_cleanup(move || {
        if let Some(key) = key {
            ctx.board.try_update_value(|b| b.remove(key));
        }
    });
    let exact = move || value.with(|v| v.map(Fig::exact).unwrap_or_default());
    let title = move || {
        let e = exact();
        if e.is_empty() && value.with(Option::is_some) {
            "unbounded".to_string()
        } else {
            e
        }
    };
    view! {
        <span class="fig" data-testid=testid data-value=exact title=title
            class:neg=move || value.with(|v| v.is_some_and(Fig::is_negative))>
            {move || {
                if ctx.exact.get() {
                    title()
                } else {
                    value.with(|v| v.map(Fig::text).unwrap_or_default())
                }
            }}
        </span>
    }
}
