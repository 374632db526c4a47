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
        Refusal::Rule { path, draft, kind } => {
            let problem = super::engine_problem(kind, locale);
            match path.as_str() {
                "" => problem,
                path => fill(
                    td_string!(locale, messages.refused.at),
                    &[
                        ("place", &crate::labels::field_label_in(draft, path, locale)),
                        ("problem", &problem),
                    ],
                ),
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

#[cfg(test)]
mod tests {
    use super::*;
    use unimargin::{Error, ErrorKind};

    #[test]
    fn every_refusal_in_every_language_the_english_as_the_notices_had_it() {
        let market_error = Error::new(
            "market.coins[0].discount_tiers[0].rate",
            ErrorKind::NotAFraction {
                field: "rate",
                got: "1.5".parse().unwrap(),
            },
        );
        let table = [
            (
                Refusal::LinkNotBase64 {
                    detail: "Invalid symbol 33, offset 0.".into(),
                },
                "the link is damaged (it is not base64url: Invalid symbol 33, offset 0.)",
            ),
            (
                Refusal::LinkNotText,
                "the link is damaged (its content is not text)",
            ),
            (
                Refusal::NotAScenario(Box::new(Error::new(
                    "",
                    ErrorKind::MissingField {
                        field: "coins".into(),
                    },
                ))),
                "it is not a valid scenario: missing field `coins`",
            ),
            (
                Refusal::StoredNotJson {
                    detail: "EOF while parsing".into(),
                },
                "it is not the JSON the app writes (EOF while parsing)",
            ),
            (Refusal::NotOurs, "it was not written by unimargin"),
            (
                Refusal::Newer {
                    version: 3,
                    reads: 2,
                },
                "it was saved by a newer version of the app (format 3; this one reads 2)",
            ),
            (
                Refusal::UnknownVersion { version: Some(0) },
                "its format version is 0, which this app does not read",
            ),
            (
                Refusal::UnknownVersion { version: None },
                "its format version is missing, which this app does not read",
            ),
            (
                Refusal::StoredDamaged { detail: "x".into() },
                "it is damaged (x)",
            ),
            // the market's rate as the percentage typed, at the document's path
            (
                Refusal::Market(Box::new(market_error)),
                "market.coins[0].discount_tiers[0].rate: must be between 0 % and 100 %, got 150 %",
            ),
            (Refusal::FileUnreadable, "the file could not be read"),
            (Refusal::NoWindow, "the page has no window"),
            (Refusal::NotFetched, "it could not be fetched"),
            (Refusal::NotAResponse, "the answer is not a response"),
            (
                Refusal::ServerAnswered { status: 404 },
                "the server answered 404",
            ),
            (Refusal::TextUnreadable, "its text could not be read"),
        ];
        for (refusal, english) in table {
            assert_eq!(words(&refusal, Locale::en), english);
            assert_eq!(refusal.to_string(), english);
            for locale in [Locale::zh, Locale::es, Locale::fr] {
                let got = words(&refusal, locale);
                assert_ne!(got, english, "{locale:?}");
                assert!(!got.contains('{'), "{got}");
            }
        }
        // the same market problem in French: the rate as a French percentage
        assert!(words(
            &Refusal::Market(Box::new(Error::new(
                "market",
                ErrorKind::NotAFraction {
                    field: "rate",
                    got: "1.5".parse().unwrap(),
                },
            ))),
            Locale::fr
        )
        .ends_with("150\u{202f}%"));
    }
}
