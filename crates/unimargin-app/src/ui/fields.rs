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
use crate::entry::{self, ReadAs};
use crate::glossary::Term;
use crate::i18n::{td_string, Locale};
use crate::labels::ordinal;
use crate::web;
use crate::wording::field_problem;
use leptos::html::Input;
use leptos::prelude::*;

/// Words of the page in the current language: a key of namespace `ui`, looked up when the
/// form is rendered (again on a language change). Written `w!(ui.form.balance)`.
pub type Words = fn(Locale) -> &'static str;

fn no_words(_: Locale) -> &'static str {
    ""
}

/// How an input reads and looks.
#[derive(Clone, Copy)]
pub struct Spec {
    pub label: Words,
    /// Numbers: the keypad on phones, right-aligned digits.
    pub numeric: bool,
    /// A rate, typed as a percentage: shown with a `%` after it.
    pub rate: bool,
    pub placeholder: Option<Words>,
    /// The id of a `<datalist>` of suggestions.
    pub list: Option<&'static str>,
    /// In a table row: the label shows only where the row is a card (narrow screens).
    pub compact: bool,
    /// For a field the page itself sets (the check's size).
    pub node: Option<NodeRef<Input>>,
    /// A short help text under the label.
    pub help: Option<Words>,
    /// The field is shown in two places (a contract's leverage, on its row and on the order
    /// check): the input follows the draft while it does not have the focus.
    pub synced: bool,
    /// The second input of a field: its own test id (and element ids), not the path's.
    pub alias: Option<&'static str>,
    /// A term of the trade the label names, explained by a tip beside it.
    pub term: Option<Term>,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            label: no_words,
            numeric: false,
            rate: false,
            placeholder: None,
            list: None,
            compact: false,
            node: None,
            help: None,
            synced: false,
            alias: None,
            term: None,
        }
    }
}

impl Spec {
    pub fn text(label: Words) -> Spec {
        Spec {
            label,
            ..Spec::default()
        }
    }

    pub fn number(label: Words) -> Spec {
        Spec {
            label,
            numeric: true,
            ..Spec::default()
        }
    }

    pub fn rate(label: Words) -> Spec {
        Spec {
            label,
            numeric: true,
            rate: true,
            ..Spec::default()
        }
    }

    pub fn placeholder(mut self, placeholder: Words) -> Spec {
        self.placeholder = Some(placeholder);
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

    pub fn help(mut self, help: Words) -> Spec {
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

/// The ids an input's accessible name is made of: its row's names, then its own (a field
/// is not a `label`: see [`in_own_form`]).
fn labelled_by(field: Field, label_id: &str) -> String {
    match name_ids(field) {
        Some(rows) => format!("{rows} {label_id}"),
        None => label_id.to_owned(),
    }
}

/// A key of a field for element ids: `Coin(3,Balance)`.
fn field_key(field: Field) -> String {
    format!("{field:?}").replace(' ', "")
}

/// A row's name, for screen readers (its visible form is the row itself): what the names
/// of its inputs start with.
pub fn row_name(ctx: Ctx, row: Row) -> impl IntoView {
    let name = Memo::new(move |_| {
        let locale = ctx.i18n.get_locale();
        let index = ctx.layout.with(|l| l.row_index(row))?;
        ctx.names.with(|n| {
            Some(match row {
                Row::Coin(_) => n.coins.get(index)?.clone(),
                Row::Contract(_) => n.contracts.get(index)?.clone(),
                Row::Position(_) => n.positions.get(index)?.clone(),
                Row::Order(_) => n.orders.get(index)?.clone(),
                Row::Discount(..) => td_string!(locale, ui.rows.discount_tier, n = ordinal(index)),
                Row::Loan(..) => td_string!(locale, ui.rows.borrowing_tier, n = ordinal(index)),
                Row::Mm(..) => td_string!(locale, ui.rows.position_tier, n = ordinal(index)),
                Row::Check => td_string!(locale, ui.rows.order_to_check).into(),
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
    let i18n = crate::i18n::use_i18n();
    Memo::new(move |_| {
        let locale = i18n.get_locale();
        path.with(|p| {
            ctx.problem_at(p)?
                .with(|problem| problem.as_ref().map(|k| field_problem(k, locale)))
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
    // A number is shown and typed with the page's marks, kept with the engine's
    // (`crate::entry`); the form is rendered again when the language changes.
    let locale = ctx.i18n.get_locale_untracked();
    let shown = move |text: &str| {
        if spec.numeric {
            entry::for_input(text, locale)
        } else {
            text.to_string()
        }
    };
    let initial = ctx
        .draft
        .with_untracked(|d| shown(d.get(field).unwrap_or_default()));
    let path = field_path(ctx, field);
    let error = error_at(ctx, path);
    let node = spec.node.unwrap_or_default();
    let invalid = move || error.with(Option::is_some);
    let key = spec.alias.map_or_else(|| field_key(field), str::to_string);
    let label_id = format!("lb-{key}");
    let testid = move || spec.alias.map_or_else(|| path.get(), str::to_string);
    let labelled_by = labelled_by(field, &label_id);
    if spec.synced {
        // the other input of this field changed it: show the draft's text (not while typing here)
        let typed = ctx.text_at(field);
        Effect::new(move |_| {
            let text = typed.with(|t| shown(t));
            if let Some(input) = node.get() {
                if !web::has_focus(&input) && input.value() != text {
                    input.set_value(&text);
                }
            }
        });
    }
    let input = view! {
                <input type="text" class="input" class:num=spec.numeric
                    inputmode=if spec.numeric { "decimal" } else { "text" }
                    autocomplete="off" spellcheck="false" placeholder=spec.placeholder.map(|p| p(locale))
                    list=spec.list
                    data-testid=testid data-path=move || path.get()
                    aria-labelledby=labelled_by
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=move || invalid().then(|| format!("error-{}", testid()))
                    prop:value=initial
                    node_ref=node
                    on:input=move |ev| {
                        web::mark_input();
                        let typed = event_target_value(&ev);
                        let kept = if spec.numeric { entry::to_engine_marks(&typed, locale) } else { typed };
                        ctx.edit(field, kept);
                    }
                />
    };
    // A field is a `div` (see `in_own_form`); its name, a click on which focuses the input
    // as a `label`'s would, names the input (`aria-labelledby`).
    let field = view! {
        <div class="field" class:compact=spec.compact class:invalid=invalid>
            <span class="field-label" id=label_id on:click=move |_| super::focus_node(node)>
                {(spec.label)(locale)}{spec.rate.then_some(" (%)")}
            </span>
            {spec.help.map(|h| view! { <span class="field-help">{h(locale)}</span> })}
            <div class="input-box" class:with-unit=spec.rate>
                {in_own_form(field, input)}
                {spec.rate.then(|| view! { <span class="unit" aria-hidden="true">"%"</span> })}
            </div>
            {error_note_as(path, spec.alias, error)}
            {spec.numeric.then(|| read_as_note(ctx, field, locale, testid))}
        </div>
    };
    match spec.term {
        // the tip beside the field's name, outside the field
        Some(term) => view! { <div class="field-box">{field}<Tip term=term/></div> }.into_any(),
        None => field.into_any(),
    }
}

/// What a number typed in French or Spanish was read as, where the reading could surprise
/// (`1,234`: "read as 1,234, the comma is the decimal mark").
fn read_as_note(
    ctx: Ctx,
    field: Field,
    locale: Locale,
    testid: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = ctx.i18n;
    let typed = ctx.text_at(field);
    let reading = Memo::new(move |_| typed.with(|t| entry::read_as(t, locale)));
    move || {
        reading.get().map(|r| {
            let text = match r {
                ReadAs::DecimalComma { value } => {
                    td_string!(i18n.get_locale_untracked(), ui.entry.read_as_decimal, value)
                }
                ReadAs::ThousandsPoint { value } => {
                    td_string!(i18n.get_locale_untracked(), ui.entry.read_as_thousands, value)
                }
            };
            view! { <span class="field-read-as" data-testid=format!("read-as-{}", testid())>{text}</span> }
        })
    }
}

/// A choice among fixed values (a side, a market, a quote): each option's value is the
/// choice's name, which the draft reads back as the typed value.
pub fn select_field<C: Choice>(
    ctx: Ctx,
    field: Field,
    label: Words,
    options: &'static [(C, Words)],
    compact: bool,
) -> impl IntoView {
    let locale = ctx.i18n.get_locale_untracked();
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
    let labelled_by = labelled_by(field, &label_id);
    let node = NodeRef::<leptos::html::Select>::new();
    let select = view! {
            <select class="input" data-testid=move || path.get() aria-labelledby=labelled_by node_ref=node
                on:change=move |ev| {
                    web::mark_input();
                    let value = event_target_value(&ev);
                    ctx.edit(field, value);
                }>
                {options
                    .iter()
                    .map(|(value, text)| {
                        let value = value.name();
                        view! { <option value=value selected=chosen == value>{text(locale)}</option> }
                    })
                    .collect_view()}
            </select>
    };
    view! {
        <div class="field" class:compact=compact class:invalid=move || error.with(Option::is_some)>
            <span class="field-label" id=label_id on:click=move |_| super::focus_node(node)>{label(locale)}</span>
            {in_own_form(field, select)}
            {error_note(path, error)}
        </div>
    }
}

/// The input of a field, in a form of its own (never sent), but for a position's.
///
/// Chrome's autofill reads the whole form of an input at each key, each field with its
/// label worked out: an input in no form makes it read every input in none (about 2 ms a
/// key in the futures example), one in a form of its own only itself. Positions stay out of
/// forms: at 200 positions their 800 inputs are over autofill's limit of 200 fields, where
/// it stops early, and 800 forms would cost it more on each key (1.2–1.4 ms against 0.7–0.9).
/// And since it matches a form's fields against every `label` of the page, a field is not a
/// `label`.
fn in_own_form(field: Field, input: impl IntoView + 'static) -> AnyView {
    if matches!(field, Field::Position(..)) {
        return input.into_any();
    }
    view! {
        // Enter in a form of one field would send it, and reload the page
        <form class="own-form" on:submit=|ev| ev.prevent_default()>{input}</form>
    }
    .into_any()
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
