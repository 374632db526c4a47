//! The language switcher in the header: a labelled select, each language named in itself.
//! Switching shows the form again with the language's number marks (the draft keeps the
//! engine's, so nothing typed is read differently: [`crate::entry`]) and saves the choice
//! with the work.

use super::{bump, save_now, Ctx};
use crate::i18n::{code, from_code, t, Locale, LANGUAGES};
use leptos::prelude::*;

/// Puts the page in `locale`.
pub fn switch_to(ctx: Ctx, locale: Locale) {
    if ctx.i18n.get_locale_untracked() == locale {
        return;
    }
    ctx.i18n.set_locale(locale);
    // the inputs show their text once: render the form again in the new marks
    ctx.generation.update(bump);
    save_now(ctx);
}

/// The select.
#[component]
pub fn LanguageSelect() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let i18n = ctx.i18n;
    view! {
        <label class="language">
            <span class="language-label">{t!(i18n, ui.language)}</span>
            <select class="input" data-testid="language" data-value=move || code(i18n.get_locale())
                on:change=move |ev| {
                    if let Some(locale) = from_code(&event_target_value(&ev)) {
                        switch_to(ctx, locale);
                    }
                }>
                {LANGUAGES
                    .iter()
                    .map(|(locale, name)| {
                        let locale = *locale;
                        view! {
                            <option value=code(locale) lang=code(locale)
                                selected=move || i18n.get_locale() == locale>{*name}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
