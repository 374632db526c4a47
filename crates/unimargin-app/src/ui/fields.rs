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
    /// Greyed out while this is true.
    pub disabled: Option<Memo<bool>>,
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

    pub fn disabled(mut self, when: Memo<bool>) -> Spec {
        self.disabled = Some(when);
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
            ctx.errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| &e.path == p)
                    .map(|e| e.message.clone())
            })
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
    let disabled = spec.disabled;
    view! {
        <label class="field" class:compact=spec.compact class:invalid=invalid
            class:disabled=move || disabled.is_some_and(|d| d.get())>
            <span class="field-label" class:sr-only=spec.compact>{spec.label}</span>
            {spec.help.map(|h| view! { <span class="field-help">{h}</span> })}
            <input type="text" class="input" class:num=spec.numeric
                inputmode=if spec.numeric { "decimal" } else { "text" }
                autocomplete="off" spellcheck="false" placeholder=spec.placeholder
                list=spec.list
                data-testid=move || path.get()
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=move || invalid().then(|| format!("error-{}", path.get()))
                disabled=move || disabled.is_some_and(|d| d.get())
                prop:value=initial
                node_ref=node
                on:input=move |ev| {
                    web::mark_input();
                    let text = event_target_value(&ev);
                    if spec.rate {
                        typed.set(text.clone());
                    }
                    ctx.draft.update(|d| {
                        d.set(field, text);
                    });
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
    disabled: Option<Memo<bool>>,
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
                disabled=move || disabled.is_some_and(|d| d.get())
                on:change=move |ev| {
                    web::mark_input();
                    let value = event_target_value(&ev);
                    ctx.draft.update(|d| {
                        d.set(field, value);
                    });
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

/// A figure as shown and as the engine computed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    /// The engine's exact decimal (empty: unbounded).
    pub exact: String,
}

impl Shown {
    pub fn new(text: String, exact: String) -> Shown {
        Shown { text, exact }
    }

    pub fn usd(value: Decimal) -> Shown {
        Shown::new(show::usd_text(value), show::exact(value))
    }

    pub fn usd_cell(value: Decimal) -> Shown {
        Shown::new(show::usd_cell(value), show::exact(value))
    }

    pub fn price(value: Decimal) -> Shown {
        Shown::new(show::price(value), show::exact(value))
    }

    pub fn amount(value: Decimal) -> Shown {
        Shown::new(show::amount(value), show::exact(value))
    }

    pub fn rate(value: Decimal) -> Shown {
        Shown::new(show::rate(value), show::exact(value))
    }
}

/// How a figure is read from the computed figures.
pub type Getter = Box<dyn Fn(&Computed) -> Option<Shown> + Send + Sync>;

/// A figure from the computed figures: rounded text, the exact value in `title` (one hover
/// away) and `data-value`, and shown exactly in "exact values" mode (one click away).
pub fn figure(
    ctx: Ctx,
    testid: Option<String>,
    get: impl Fn(&Computed) -> Option<Shown> + Send + Sync + 'static,
) -> impl IntoView {
    // One instance of the view for every figure of the page (small code).
    figure_of(ctx, testid, Box::new(get))
}

fn figure_of(ctx: Ctx, testid: Option<String>, get: Getter) -> impl IntoView {
    let shown = Memo::new(move |_| {
        ctx.figures
            .with(|f| f.as_deref().and_then(&get))
            .unwrap_or_default()
    });
    let exact = move || {
        shown.with(|s| {
            if s.exact.is_empty() {
                "unbounded".to_string()
            } else {
                s.exact.clone()
            }
        })
    };
    view! {
        <span class="fig" data-testid=testid
            data-value=move || shown.with(|s| s.exact.clone())
            title=exact>
            {move || if ctx.exact.get() { exact() } else { shown.with(|s| s.text.clone()) }}
        </span>
    }
}
