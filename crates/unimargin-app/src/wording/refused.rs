//! Why a link, a file, the saved work or a market document was refused, in words: the
//! engine's error worded like a field's ([`super::engine_problem`]), with where it is.

use super::say::fill;
use crate::i18n::{td_string, Locale};
use crate::refused::Refusal;

/// The refusal as a clause of the notice that reports it.
pub fn words(refusal: &Refusal, locale: Locale) -> String {
    match refusal {
        Refusal::LinkNotBase64 { detail } => fill(
            td_string!(locale, messages.refused.link_not_base64),
            &[("detail", detail)],
        ),
        Refusal::LinkNotText => td_string!(locale, messages.refused.link_not_text).into(),
        Refusal::NotAScenario(error) => fill(
            td_string!(locale, messages.refused.not_a_scenario),
            &[("problem", &at_path(error, locale))],
        ),
        Refusal::Rule { label, kind } => {
            let problem = super::engine_problem(kind, locale);
            match label {
                Some(label) => fill(
                    td_string!(locale, messages.refused.at),
                    &[("place", label), ("problem", &problem)],
                ),
                None => problem,
            }
        }
        Refusal::StoredNotJson { detail } => fill(
            td_string!(locale, messages.refused.stored_not_json),
            &[("detail", detail)],
        ),
        Refusal::NotOurs => td_string!(locale, messages.refused.not_ours).into(),
        Refusal::Newer { version, reads } => fill(
            td_string!(locale, messages.refused.newer),
            &[
                ("version", &version.to_string()),
                ("reads", &reads.to_string()),
            ],
        ),
        Refusal::UnknownVersion {
            version: Some(version),
        } => fill(
            td_string!(locale, messages.refused.unknown_version),
            &[("version", &version.to_string())],
        ),
        Refusal::UnknownVersion { version: None } => {
            td_string!(locale, messages.refused.no_version).into()
        }
        Refusal::StoredDamaged { detail } => fill(
            td_string!(locale, messages.refused.stored_damaged),
            &[("detail", detail)],
        ),
        Refusal::Market(error) => at_path(error, locale),
        Refusal::FileUnreadable => td_string!(locale, messages.refused.file_unreadable).into(),
        Refusal::NoWindow => td_string!(locale, messages.refused.no_window).into(),
        Refusal::NotFetched => td_string!(locale, messages.refused.not_fetched).into(),
        Refusal::NotAResponse => td_string!(locale, messages.refused.not_a_response).into(),
        Refusal::ServerAnswered { status } => fill(
            td_string!(locale, messages.refused.server_answered),
            &[("status", &status.to_string())],
        ),
        Refusal::TextUnreadable => td_string!(locale, messages.refused.text_unreadable).into(),
    }
}

/// An error of a document, after the JSON path where it is (none: the document as a whole).
fn at_path(error: &unimargin::Error, locale: Locale) -> String {
    let problem = super::engine_problem(error.kind(), locale);
    match error.path() {
        "" => problem,
        path => fill(
            td_string!(locale, messages.refused.at),
            &[("place", path), ("problem", &problem)],
        ),
    }
}
