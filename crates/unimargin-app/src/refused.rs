//! Why a share link, an imported file, the saved work or a market document was refused,
//! typed, so that the page words it in its language ([`crate::wording::refused`]).
//! `Display` is the English sentence (a clause: the notice around it says what was refused).
//! The engine's errors are boxed: a refusal travels in `Result`s and signals, kept small.

use std::fmt;
use unimargin::{Error, ErrorKind};

/// What is wrong with a text the page was given to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A share link whose payload is not base64url (`detail`: the decoder's words).
    LinkNotBase64 { detail: String },
    /// A share link whose content is not UTF-8 text.
    LinkNotText,
    /// A link's or a file's text that the engine does not read as a scenario: its error, at
    /// the document's JSON path.
    NotAScenario(Box<Error>),
    /// A scenario that breaks a rule: the kind, at the engine's `path` (empty: the scenario
    /// as a whole), named as the page labels that field of `draft` (the scenario as a form)
    /// when it is worded.
    Rule {
        path: String,
        draft: Box<crate::draft::Draft>,
        kind: Box<ErrorKind>,
    },
    /// Saved work that is not the JSON the app writes (`detail`: serde's words).
    StoredNotJson { detail: String },
    /// Saved text written by another application.
    NotOurs,
    /// Saved work of a newer format than this app reads.
    Newer { version: u32, reads: u32 },
    /// Saved work of a format version this app does not read (`None`: none given).
    UnknownVersion { version: Option<u32> },
    /// Saved work whose draft cannot be read (`detail`: serde's words).
    StoredDamaged { detail: String },
    /// A market document the engine refuses: its error, at its path.
    Market(Box<Error>),
    /// A file chosen that the browser could not read.
    FileUnreadable,
    /// The page has no window (never in a browser).
    NoWindow,
    /// A file served beside the page that could not be fetched.
    NotFetched,
    /// A fetch whose answer is not an HTTP response.
    NotAResponse,
    /// A fetch the server answered with an error status.
    ServerAnswered { status: u16 },
    /// A fetched answer whose text could not be read.
    TextUnreadable,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&crate::wording::refused::words(
            self,
            crate::i18n::Locale::en,
        ))
    }
}
