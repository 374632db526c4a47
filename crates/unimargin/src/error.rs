//! Every way a scenario can be refused, each naming where the problem is.

use serde::Serialize;

/// The engine's error: a JSON path into the scenario and a sentence a person can act on.
///
/// The path uses the document's own names (`coins[2].discount_tiers[1].rate`); an empty
/// path means the document as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The text is not JSON at all (a syntax error, or nested too deeply).
    #[error("{}invalid JSON: {message}", at(path))]
    InvalidJson { path: String, message: String },
    /// A field is missing, unknown, or of the wrong JSON type.
    #[error("{}{message}", at(path))]
    Field { path: String, message: String },
    /// A number is not a finite decimal that fits the engine's range.
    #[error("{}{message}", at(path))]
    Number { path: String, message: String },
    /// The `format` tag is not the one this engine reads.
    #[error("{}{message}", at(path))]
    Format { path: String, message: String },
    /// A value is outside its allowed range (a price of 0, a rate above 1).
    #[error("{}{message}", at(path))]
    OutOfRange { path: String, message: String },
    /// Tiers are not strictly ascending, or the last tier is bounded.
    #[error("{}{message}", at(path))]
    Tiers { path: String, message: String },
    /// A coin or contract is named that the scenario does not define.
    #[error("{}{message}", at(path))]
    UnknownReference { path: String, message: String },
    /// A coin or contract is defined twice.
    #[error("{}{message}", at(path))]
    Duplicate { path: String, message: String },
    /// A price is quoted in a way that cannot be resolved to USD.
    #[error("{}{message}", at(path))]
    Quote { path: String, message: String },
    /// The account or an order needs a loan of a coin that cannot be borrowed.
    #[error("{}{message}", at(path))]
    NotBorrowable { path: String, message: String },
    /// A figure is too large for exact decimal arithmetic (about 7.9 × 10²⁸).
    #[error("{}{message}", at(path))]
    Overflow { path: String, message: String },
}

fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

/// The error as FORMAT.md writes it: `{"error": {"path": …, "message": …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorDocument<'a> {
    pub error: ErrorBody<'a>,
}

/// The body of [`ErrorDocument`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody<'a> {
    pub path: &'a str,
    pub message: &'a str,
}

impl Error {
    /// Where in the scenario the problem is, as a JSON path (empty: the whole document).
    pub fn path(&self) -> &str {
        match self {
            Error::InvalidJson { path, .. }
            | Error::Field { path, .. }
            | Error::Number { path, .. }
            | Error::Format { path, .. }
            | Error::OutOfRange { path, .. }
            | Error::Tiers { path, .. }
            | Error::UnknownReference { path, .. }
            | Error::Duplicate { path, .. }
            | Error::Quote { path, .. }
            | Error::NotBorrowable { path, .. }
            | Error::Overflow { path, .. } => path,
        }
    }

    /// What is wrong, in a sentence that does not repeat the path.
    pub fn message(&self) -> String {
        match self {
            Error::InvalidJson { message, .. } => format!("invalid JSON: {message}"),
            Error::Field { message, .. }
            | Error::Number { message, .. }
            | Error::Format { message, .. }
            | Error::OutOfRange { message, .. }
            | Error::Tiers { message, .. }
            | Error::UnknownReference { message, .. }
            | Error::Duplicate { message, .. }
            | Error::Quote { message, .. }
            | Error::NotBorrowable { message, .. }
            | Error::Overflow { message, .. } => message.clone(),
        }
    }

    /// The error as the JSON document of FORMAT.md.
    pub fn to_json(&self) -> String {
        let message = self.message();
        let document = ErrorDocument {
            error: ErrorBody {
                path: self.path(),
                message: &message,
            },
        };
        serde_json::to_string(&document).expect("an error document always serializes")
    }

    /// An overflow computing `what`, reported at `path`.
    pub fn overflow_at(path: impl Into<String>, what: impl std::fmt::Display) -> Error {
        Error::overflow(path, what)
    }

    /// An overflow computing `what`, reported at `path`.
    pub(crate) fn overflow(path: impl Into<String>, what: impl std::fmt::Display) -> Error {
        Error::Overflow {
            path: path.into(),
            message: format!("{what} is too large to compute exactly (over about 7.9e28)"),
        }
    }
}
