//! The form's building blocks: an input bound to one field of the draft, a select, and the
//! messages beside a field or a row.
//!
//! Every input has a name that says which row it is in ("BTC Balance", "BTCUSDT long
//! position Size"): `aria-labelledby` joins the row's name ([`row_name`], kept up to date
//! as the person renames the coin) and the field's own label. Its `data-testid` is the
//! engine's path (for tests); what people read names the field, never the path.

use super::tip::Tip;
use super::Ctx;
use crate::draft::{Choice, Field, List, Row};
use crate::glossary::Term;
use crate::labels::ordinal;
use crate::web;
use crate::wording::field_problem;
use leptos::html::Input;
use leptos::prelude::*;

/// How an input reads and looks.
#[derive(Clone, Copy, Default)]
pub struct Spec {
    pub label: &'static str,
    /// Numbers: the keypad on phones, right-aligned digits.
    pub numeric: bool,
    /// A rate, typed as a percentage: shown with a `%` after it.
    pub rate: bool,
    pub placeholder: &'static str,
    /// The id of a `<datalist>` of suggestions.
    pub list: Option<&'static str>,
    /// In a table row: the label shows only where the row is a card (narrow screens).
    pub compact: bool,
    /// For a field the page itself sets (the check's size).
    pub node: Option<NodeRef<Input>>,
    /// A short help text under the label.
    pub help: Option<&'static str>,
    /// The field is shown in two places (a contract's leverage, on its row and on the order
    /// check): the input follows the draft while it does not have the focus.
    pub synced: bool,
    /// The second input of a field: its own test id (and element ids), not the path's.
    pub alias: Option<&'static str>,
    /// A term of the trade the label names, explained by a tip beside it.
    pub term: Option<Term>,
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

    pub fn synced(mut self) -> Spec {
        self.synced = true;
        self
    }

    pub fn term(mut self, term: Term) -> Spec {
        self.term = Some(term);
        self
    }

    pub fn alias(mut self, testid: &'static str) -> Spec {
        self.alias = Some(testid);
        self.synced()
    }
}

/// The id of the element holding a row's name.
pub fn row_name_id(row: Row) -> String {
    match row {
        Row::Coin(c) => format!("rn-c{c}"),
        Row::Discount(_, t) | Row::Loan(_, t) | Row::Mm(_, t) => format!("rn-t{t}"),
        Row::Contract(k) => format!("rn-k{k}"),
        Row::Position(p) => format!("rn-p{p}"),
        Row::Order(o) => format!("rn-o{o}"),
        Row::Check => "rn-check".into(),
    }
}

/// The ids of the names a field's accessible name starts with (its row, and the row that
/// row is in).
fn name_ids(field: Field) -> Option<String> {
    Some(match field {
        Field::Setting(_) => return None,
        Field::Coin(c, _) => row_name_id(Row::Coin(c)),
        Field::Discount(c, t, _) => format!(
            "{} {}",
            row_name_id(Row::Coin(c)),
            row_name_id(Row::Discount(c, t))
        ),
        Field::Loan(c, t, _) => format!(
            "{} {}",
            row_name_id(Row::Coin(c)),
            row_name_id(Row::Loan(c, t))
        ),
        Field::Contract(k, _) => row_name_id(Row::Contract(k)),
        Field::Mm(k, t, _) => format!(
            "{} {}",
            row_name_id(Row::Contract(k)),
            row_name_id(Row::Mm(k, t))
        ),
        Field::Position(p, _) => row_name_id(Row::Position(p)),
        Field::Order(o, _) => row_name_id(Row::Order(o)),
        Field::Check(_) => row_name_id(Row::Check),
    })
}

/// A key of a field for element ids: `Coin(3,Balance)`.
fn field_key(field: Field) -> String {
    format!("{field:?}").replace(' ', "")
}

/// A row's name, for screen readers (its visible form is the row itself): what the names
/// of its inputs start with.
pub fn row_name(ctx: Ctx, row: Row) -> impl IntoView {
    let name = Memo::new(move |_| {
        let index = ctx.layout.with(|l| l.row_index(row))?;
        ctx.names.with(|n| {
            Some(match row {
                Row::Coin(_) => n.coins.get(index)?.clone(),
                Row::Contract(_) => n.contracts.get(index)?.clone(),
                Row::Position(_) => n.positions.get(index)?.clone(),
                Row::Order(_) => n.orders.get(index)?.clone(),
                Row::Discount(..) => format!("discount tier {}", ordinal(index)),
                Row::Loan(..) => format!("borrowing tier {}", ordinal(index)),
                Row::Mm(..) => format!("position tier {}", ordinal(index)),
                Row::Check => "order to check".into(),
            })
        })
    });
    view! { <span class="sr-only" id=row_name_id(row)>{move || name.get().unwrap_or_default()}</span> }
}

/// The engine's path of a field, following its row as rows come and go.
fn field_path(ctx: Ctx, field: Field) -> Memo<String> {
    Memo::new(move |_| ctx.layout.with(|l| l.path_of(field)).unwrap_or_default())
}

/// The message for a path (worded for the page), if the draft has a problem there
/// (woken only by a change of that path's problem: [`Ctx::problem_at`]).
fn error_at(ctx: Ctx, path: Memo<String>) -> Memo<Option<String>> {
    Memo::new(move |_| {
        path.with(|p| {
            ctx.problem_at(p)?
                .with(|problem| problem.as_ref().map(field_problem))
        })
    })
}

fn error_note(path: Memo<String>, error: Memo<Option<String>>) -> impl IntoView {
    error_note_as(path, None, error)
}

/// The message beside a field, its id `error-` + the field's test id.
fn error_note_as(
    path: Memo<String>,
    alias: Option<&'static str>,
    error: Memo<Option<String>>,
) -> impl IntoView {
    move || {
        error.get().map(|message| {
            let p = alias.map_or_else(|| path.get(), str::to_string);
            view! {
                <span class="field-error" id=format!("error-{p}")
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
    let key = spec.alias.map_or_else(|| field_key(field), str::to_string);
    let label_id = format!("lb-{key}");
    let testid = move || spec.alias.map_or_else(|| path.get(), str::to_string);
    let labelled_by = name_ids(field).map(|rows| format!("{rows} {label_id}"));
    if spec.synced {
        // the other input of this field changed it: show the draft's text (not while typing here)
        Effect::new(move |_| {
            let text = ctx
                .draft
                .with(|d| d.get(field).unwrap_or_default().to_string());
            if let Some(input) = node.get() {
                if !web::has_focus(&input) && input.value() != text {
                    input.set_value(&text);
                }
            }
        });
    }
    let field = view! {
        <label class="field" class:compact=spec.compact class:invalid=invalid>
            <span class="field-label" id=label_id>{spec.label}{spec.rate.then_some(" (%)")}</span>
            {spec.help.map(|h| view! { <span class="field-help">{h}</span> })}
            <span class="input-box" class:with-unit=spec.rate>
                <input type="text" class="input" class:num=spec.numeric
                    inputmode=if spec.numeric { "decimal" } else { "text" }
                    autocomplete="off" spellcheck="false" placeholder=spec.placeholder
                    list=spec.list
                    data-testid=testid data-path=move || path.get()
                    aria-labelledby=labelled_by
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=move || invalid().then(|| format!("error-{}", testid()))
                    prop:value=initial
                    node_ref=node
                    on:input=move |ev| {
                        web::mark_input();
                        ctx.edit(field, event_target_value(&ev));
                    }
                />
                {spec.rate.then(|| view! { <span class="unit" aria-hidden="true">"%"</span> })}
            </span>
            {error_note_as(path, spec.alias, error)}
        </label>
    };
    match spec.term {
        // the tip beside the label, outside it (a label's click goes to its input)
        Some(term) => view! { <div class="field-box">{field}<Tip term=term/></div> }.into_any(),
        None => field.into_any(),
    }
}

/// A choice among fixed values (a side, a market, a quote): each option's value is the
/// choice's name, which the draft reads back as the typed value.
pub fn select_field<C: Choice>(
    ctx: Ctx,
    field: Field,
    label: &'static str,
    options: &'static [(C, &'static str)],
    compact: bool,
) -> impl IntoView {
    let initial = ctx
        .draft
        .with_untracked(|d| d.get(field).unwrap_or_default().to_string());
    // A value left out is the first option (a coin's quote left out is USD).
    let chosen = if options.iter().any(|(v, _)| v.name() == initial) {
        initial
    } else {
        options.first().map_or("", |(v, _)| v.name()).to_string()
    };
    let path = field_path(ctx, field);
    let error = error_at(ctx, path);
    let label_id = format!("lb-{}", field_key(field));
    let labelled_by = name_ids(field).map(|rows| format!("{rows} {label_id}"));
    view! {
        <label class="field" class:compact=compact class:invalid=move || error.with(Option::is_some)>
            <span class="field-label" id=label_id>{label}</span>
            <select class="input" data-testid=move || path.get() aria-labelledby=labelled_by
                on:change=move |ev| {
                    web::mark_input();
                    let value = event_target_value(&ev);
                    ctx.edit(field, value);
                }>
                {options
                    .iter()
                    .map(|(value, text)| {
                        let value = value.name();
                        view! { <option value=value selected=chosen == value>{*text}</option> }
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

/// Whether the draft has a problem at a path starting with any of `prefixes` (as the
/// layout names them now).
pub fn has_error_under(
    ctx: Ctx,
    prefixes: impl Fn(&crate::draft::Layout) -> Vec<String> + Send + Sync + 'static,
) -> Memo<bool> {
    let prefixes = Memo::new(move |_| ctx.layout.with(&prefixes));
    Memo::new(move |_| {
        prefixes.with(|prefixes| {
            ctx.errors.with(|errors| {
                errors
                    .iter()
                    .any(|e| prefixes.iter().any(|p| e.path.starts_with(p.as_str())))
            })
        })
    })
}

fn problem_note(ctx: Ctx, path: Memo<String>) -> impl IntoView {
    let error = error_at(ctx, path);
    move || {
        error.get().map(|message| {
            let p = path.get();
            view! { <p class="row-error" data-testid=format!("error-{p}")>{message}</p> }
        })
    }
}
