//! Keeping and moving work: presets, Export and Import of a FORMAT.md `.json` file, the
//! share link; and the messages about the person's work.

use super::Ctx;
use crate::draft::Draft;
use crate::i18n::{t, t_string, td_string};
use crate::market_state::MarketState;
use crate::presets::{Preset, PRESETS};
use crate::session::{self, Message};
use crate::share;
use crate::storage::{self, KeyValue};
use crate::web;
use leptos::html::Input;
use leptos::prelude::*;

/// Opens an example account (a preset) in place of the work, which is kept for Undo.
pub fn load_preset(ctx: Ctx, preset: &'static Preset) {
    let Ok(scenario) = preset.scenario() else {
        return;
    };
    let previous_kept = ctx.replace(Draft::from_scenario(&scenario));
    ctx.tell(Message::PresetLoaded {
        key: preset.key,
        previous_kept,
    });
}

/// The actions at the top of the page.
#[component]
pub fn Toolbar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    let file_input = NodeRef::<Input>::new();
    let market_input = NodeRef::<Input>::new();
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(None::<bool>);
    let fresh = Memo::new(move |_| ctx.fresh());
    let menu = NodeRef::<leptos::html::Details>::new();

    let export = move |_| {
        ctx.figures.with_untracked(|f| {
            if let Some(c) = f {
                web::download(
                    "unimargin-scenario.json",
                    &share::scenario_json_pretty(&c.scenario),
                    "application/json",
                );
            }
        });
    };
    let import = move |_| {
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        web::read_chosen_file(&input, move |name, text| {
            match text.and_then(|t| session::import(&t)) {
                Ok(draft) => {
                    let previous_kept = ctx.replace(draft);
                    ctx.tell(Message::Imported {
                        name,
                        previous_kept,
                    });
                }
                Err(reason) => ctx.tell(Message::ImportRefused { name, reason }),
            }
        });
    };
    // a market document from a file: used only when it reads as one
    let import_market = move |_| {
        let Some(input) = market_input.get_untracked() else {
            return;
        };
        web::read_chosen_file(&input, move |name, text| {
            let state = match text {
                Ok(text) => MarketState::read(&text),
                Err(reason) => MarketState::Missing { reason },
            };
            match state {
                MarketState::Loaded(market) => {
                    let market_name = market.document().name.clone();
                    ctx.market.set(MarketState::Loaded(market));
                    ctx.tell(Message::MarketImported {
                        name,
                        market: market_name,
                    });
                }
                MarketState::Missing { reason } => {
                    ctx.tell(Message::MarketRefused { name, reason })
                }
                MarketState::Loading => {}
            }
        });
    };
    let share_link = move |_| {
        let url = ctx.figures.with_untracked(|f| {
            f.as_ref()
                .map(|c| share::link(&web::page_url(), &c.scenario))
        });
        if let Some(url) = url {
            copied.set(None);
            web::copy_text(&url, move |ok| copied.set(Some(ok)));
            link.set(Some(url));
        }
    };

    view! {
        <nav class="toolbar" aria-label=move || t_string!(i18n, ui.toolbar.label)>
            <details class="menu" node_ref=menu>
                <summary class="btn" data-testid="presets-menu">{t!(i18n, ui.toolbar.examples)}</summary>
                <div class="menu-list" role="list" data-testid="presets-list">
                    {PRESETS
                        .iter()
                        .map(|p| {
                            view! {
                                <button type="button" class="menu-item" role="listitem"
                                    data-testid=format!("preset-{}", p.key)
                                    on:click=move |_| {
                                        load_preset(ctx, p);
                                        if let Some(menu) = menu.get_untracked() {
                                            menu.set_open(false);
                                        }
                                    }>
                                    <strong>{move || td_string!(i18n.get_locale(), ui.start.example, title = p.title_in(i18n.get_locale()))}</strong>
                                    <span>{move || p.summary_in(i18n.get_locale())}</span>
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </details>
            <button type="button" class="btn" data-testid="export" on:click=export
                disabled=move || !fresh.get()
                title=move || t_string!(i18n, ui.toolbar.export_title)>{t!(i18n, ui.toolbar.export)}</button>
            <label class="btn file" title=move || t_string!(i18n, ui.toolbar.import_title)>
                {t!(i18n, ui.toolbar.import)}
                <input type="file" accept=".json,application/json" class="sr-only"
                    data-testid="import" node_ref=file_input on:change=import />
            </label>
            <label class="btn file" title=move || t_string!(i18n, ui.toolbar.import_market_title)>
                {t!(i18n, ui.toolbar.import_market)}
                <input type="file" accept=".json,application/json" class="sr-only"
                    data-testid="import-market" node_ref=market_input on:change=import_market />
            </label>
            <button type="button" class="btn primary" data-testid="share" on:click=share_link
                disabled=move || !fresh.get()
                title=move || t_string!(i18n, ui.toolbar.share_title)>{t!(i18n, ui.toolbar.share)}</button>
        </nav>
        {move || link.get().map(|url| view! {
            <div class="share-box" role="status">
                <label class="field">
                    <span class="field-label">
                        {move || {
                            let locale = i18n.get_locale();
                            match copied.get() {
                                Some(true) => td_string!(locale, ui.toolbar.copied),
                                Some(false) => td_string!(locale, ui.toolbar.copy_this),
                                None => td_string!(locale, ui.toolbar.share_link),
                            }
                        }}
                    </span>
                    <input class="input" readonly=true data-testid="share-link" data-value=url.clone()
                        prop:value=url.clone() on:focus=move |ev| {
                            use wasm_bindgen::JsCast;
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        } />
                </label>
                <button type="button" class="btn small" on:click=move |_| link.set(None)>{t!(i18n, ui.toolbar.close)}</button>
            </div>
        })}
    }
}

/// Messages about the person's work, with what can be done about them.
#[component]
pub fn Notices() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    let dismiss = move |id: u32| ctx.notices.update(|list| list.retain(|n| n.id != id));
    view! {
        <div class="notices" aria-live="polite">
            <For each=move || ctx.notices.get() key=|n| n.id let:notice>
                {
                    let id = notice.id;
                    let message = notice.message.clone();
                    let undo = message.can_undo();
                    let kept = match &message {
                        Message::WorkUnreadable { kept_at, .. } => Some(kept_at.clone()),
                        _ => None,
                    };
                    view! {
                        <div class="notice" class:problem=message.is_problem() role="status"
                            data-testid="notice" data-value=notice_kind(&message)>
                            <p>{let message = message.clone(); move || message.text_in(i18n.get_locale())}</p>
                            <div class="notice-actions">
                                {undo.then(|| view! {
                                    <button type="button" class="btn small" data-testid="undo"
                                        on:click=move |_| { ctx.undo(); dismiss(id); }>{t!(i18n, ui.toolbar.undo)}</button>
                                })}
                                {kept.map(|kept_at| {
                                    let paused = kept_at.is_none();
                                    let key = kept_at.unwrap_or_else(|| storage::WORK_KEY.to_string());
                                    view! {
                                        <button type="button" class="btn small" data-testid="download-unreadable"
                                            on:click=move |_| {
                                                let text = web::with_storage(|kv| kv.get(&key)).unwrap_or_default();
                                                web::download("unimargin-unreadable-work.txt", &text, "text/plain");
                                            }>{t!(i18n, ui.toolbar.download_it)}</button>
                                        {paused.then(|| view! {
                                            <button type="button" class="btn small" data-testid="save-anyway"
                                                on:click=move |_| { ctx.save_paused.set(false); dismiss(id); }>{t!(i18n, ui.toolbar.save_anyway)}</button>
                                        })}
                                    }
                                })}
                                <button type="button" class="btn small ghost" aria-label=move || t_string!(i18n, ui.toolbar.dismiss)
                                    on:click=move |_| dismiss(id)>"×"</button>
                            </div>
                        </div>
                    }
                }
            </For>
        </div>
    }
}

/// A short name of a message, for tests.
fn notice_kind(message: &Message) -> &'static str {
    match message {
        Message::LinkOpened { .. } => "link-opened",
        Message::LinkRefused { .. } => "link-refused",
        Message::WorkUnreadable { .. } => "work-unreadable",
        Message::Imported { .. } => "imported",
        Message::ImportRefused { .. } => "import-refused",
        Message::PresetLoaded { .. } => "preset-loaded",
        Message::Restored => "restored",
        Message::MarketImported { .. } => "market-imported",
        Message::MarketRefused { .. } => "market-refused",
    }
}
