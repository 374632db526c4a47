//! unimargin in the browser: a Leptos 0.8 client-side-rendered app, built by Trunk.
//!
//! The domain modules are plain Rust, tested on the host:
//! [`number`] (numbers as typed), [`draft`] (the form as text → a scenario, with errors at
//! the engine's paths), [`calc`] (the one computation), [`share`] (links and files),
//! [`storage`] (what the browser keeps), [`presets`], [`show`] (figures for people),
//! [`labels`] (fields by their names on the page), [`wording`] (problems in the page's words,
//! from their typed kinds).
//! The components in [`ui`] only display what those give them.

pub mod after_fill;
pub mod calc;
pub mod chart_scale;
pub mod draft;
pub mod glossary;
pub mod labels;
pub mod number;
pub mod presets;
pub mod refusal;
pub mod session;
pub mod share;
pub mod show;
pub mod storage;
pub mod ui;
pub mod web;
pub mod why;
pub mod wording;
