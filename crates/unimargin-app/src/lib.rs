//! unimargin in the browser: a Leptos 0.8 client-side-rendered app, built by Trunk.
//!
//! The domain modules are plain Rust, tested on the host:
//! [`number`] (numbers as typed), [`draft`] (the form as text → a scenario, with errors at
//! the engine's paths), [`calc`] (the one computation), [`share`] (links and files),
//! [`storage`] (what the browser keeps), [`presets`], [`show`] (figures for people),
//! [`labels`] (fields by their names on the page), [`wording`] (problems in the page's words,
//! from their typed kinds), [`threshold`] (rounding that never crosses a risk threshold),
//! [`whatif_input`] (the what-if price and change, read and checked), [`worker`] (what the
//! engine's worker works out off the page's main thread) and [`wire`] (its messages).
//! The components in [`ui`] only display what those give them.
//!
//! Every integer and decimal operation outside tests is checked: Clippy's
//! `arithmetic_side_effects` is denied for this crate (its `Cargo.toml`).

// Leptos's views are deeply nested types; rendered to HTML on the host (the first view,
// `ui::first_view`) their layout needs more than the default 128 levels.
#![recursion_limit = "256"]

pub mod after_fill;
pub mod analysis;
pub mod calc;
pub mod chart_scale;
pub mod checked;
pub mod draft;
pub mod entry;
pub mod explain_words;
pub mod glossary;
pub mod i18n;
pub mod labels;
pub mod market_state;
pub mod number;
pub mod presets;
pub mod refusal;
pub mod refused;
pub mod session;
pub mod share;
pub mod show;
pub mod storage;
pub mod threshold;
pub mod ui;
pub mod web;
pub mod whatif_input;
pub mod why;
pub mod wire;
pub mod wording;
pub mod worker;
