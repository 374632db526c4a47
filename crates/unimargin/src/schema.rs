//! The JSON Schemas (draft 2020-12) of the documents, derived from their serde types by
//! schemars: the scenario and the market document as the engine reads them, the report as
//! it writes them, and the error document. `docs/schema/` holds them, written by
//! `cargo run -p unimargin --features schema --example schemas`; a test fails when the files
//! there differ from these.
//!
//! A schema says what a document looks like: its fields, their JSON types, which are required,
//! that unknown fields are refused (`additionalProperties: false`, from
//! `deny_unknown_fields`). What it cannot say (a rate from 0 to 1, tiers in ascending order,
//! a coin named that the scenario lacks) the engine checks when it validates the document;
//! `docs/format.md` lists those errors.

use crate::error::ErrorDocument;
use crate::market::{MarketDocument, MARKET_FORMAT};
use crate::report::{Report, REPORT_FORMAT};
use crate::scenario::{Scenario, SCENARIO_FORMAT};
use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// What the engine reads as a decimal: a string of the digits (`"50000"`, `"-1.5"`,
/// `"0.0006"`, `"5e-4"`) or a JSON number. The pattern is the form; the engine also refuses a
/// value beyond about 7.9e28 or with more than 28 decimal places or significant digits.
pub const DECIMAL_PATTERN: &str = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$";

/// How the engine writes a figure: a string of the digits, normalized (no exponent, no
/// trailing zeros after the point, no sign on zero).
pub const FIGURE_PATTERN: &str = r"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$";

/// A decimal in a scenario or a market document (the schema of `num`'s fields).
pub struct Decimal;

impl JsonSchema for Decimal {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A decimal number, exactly: a string such as \"50000\", \"0.98\" or \"5e-4\" (preferred), or a JSON number. At most 28 significant digits and 28 decimal places, below about 7.9e28 in size.",
            "type": ["string", "number"],
            "pattern": DECIMAL_PATTERN,
        })
    }
}

/// A figure of the report (the schema of `num::normalized`'s fields).
pub struct Figure;

impl JsonSchema for Figure {
    fn schema_name() -> Cow<'static, str> {
        "Figure".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An exact decimal written as a string, normalized: \"49000\", \"0.0097\", \"-750\" (never \"49000.00\" nor an exponent).",
            "type": "string",
            "pattern": FIGURE_PATTERN,
        })
    }
}

/// The schema of a document with its title and description, and no other description: the
/// doc comments of the Rust types are written for the engine's developers (docs/format.md is
/// the reference for people), except those of [`Decimal`] and [`Figure`].
fn described(mut schema: Schema, title: &str, description: &str) -> Schema {
    strip_descriptions(schema.as_object_mut());
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    schema
}

/// Removes `description` from a schema object and every schema inside it, except the
/// definitions of [`Decimal`] and [`Figure`].
fn strip_descriptions(schema: Option<&mut Map<String, Value>>) {
    let Some(schema) = schema else { return };
    schema.remove("description");
    for (keyword, value) in schema.iter_mut() {
        match (keyword.as_str(), value) {
            // maps of names to schemas
            ("properties" | "$defs", Value::Object(named)) => {
                for (name, schema) in named.iter_mut() {
                    if keyword != "$defs" || !matches!(name.as_str(), "Decimal" | "Figure") {
                        strip_descriptions(schema.as_object_mut());
                    }
                }
            }
            // a schema, or a list of schemas
            ("items" | "additionalProperties", Value::Object(one)) => strip_descriptions(Some(one)),
            ("anyOf" | "oneOf" | "allOf", Value::Array(list)) => {
                for schema in list {
                    strip_descriptions(schema.as_object_mut());
                }
            }
            _ => {}
        }
    }
}

/// A document's schema, described, with the one `format` tag it must carry.
fn tagged(schema: Schema, title: &str, tag: &str, description: &str) -> Schema {
    let mut schema = described(schema, title, description);
    if let Some(format) = schema
        .get_mut("properties")
        .and_then(|p| p.get_mut("format"))
        .and_then(|f| f.as_object_mut())
    {
        format.insert("const".into(), tag.into());
    }
    schema
}

/// The scenario (`unimargin/scenario@1`), as the engine reads it.
pub fn scenario() -> Schema {
    let schema = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<Scenario>();
    tagged(
        schema,
        "unimargin scenario",
        SCENARIO_FORMAT,
        "An account to evaluate: coins, futures contracts, positions, pending orders and an optional order to check (docs/format.md).",
    )
}

/// The market document (`unimargin/market@1`), as the engine reads it.
pub fn market() -> Schema {
    let schema = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<MarketDocument>();
    tagged(
        schema,
        "unimargin market document",
        MARKET_FORMAT,
        "An exchange's tables (discount, loan and position tiers, fees, interest), which fill what a scenario leaves out (docs/format.md).",
    )
}

/// The report (`unimargin/report@1`), as the engine writes it. Version 1 may gain fields, so
/// the schema does not refuse unknown ones.
pub fn report() -> Schema {
    let schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Report>();
    tagged(
        schema,
        "unimargin report",
        REPORT_FORMAT,
        "Every figure the engine computes for a scenario (docs/format.md).",
    )
}

/// The error document: `{"error": {"path", "kind", "message"}}`, `kind` one of
/// [`ErrorKind::CODES`](crate::ErrorKind::CODES).
pub fn error() -> Schema {
    let schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<ErrorDocument>();
    described(
        schema,
        "unimargin error",
        "What is wrong with a document or a command, and where: `path` names the place, `kind` what is wrong (a stable code), `message` says it in English (docs/format.md).",
    )
}

/// Where each schema goes in `docs/schema/`, with its text (indented, a newline at the end).
pub fn files() -> Vec<(&'static str, String)> {
    let text = |schema: Schema| {
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    };
    vec![
        ("scenario.json", text(scenario())),
        ("report.json", text(report())),
        ("market.json", text(market())),
        ("error.json", text(error())),
    ]
}
