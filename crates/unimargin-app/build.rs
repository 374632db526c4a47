//! Compiles the translations in (leptos_i18n 0.6): `locales/<lang>/<namespace>.json` become
//! the module `src/i18n.rs` includes. A key missing from a language is a build error here
//! (leptos_i18n itself only warns and falls back to English, which would leave English on a
//! page that claims to be French).

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const DEFAULT: &str = "en";
const OTHERS: [&str; 3] = ["zh", "es", "fr"];
/// One namespace per engineer: the page's own words, the engine's messages, the explanations.
const NAMESPACES: [&str; 3] = ["ui", "messages", "explain"];
/// leptos_i18n's plural suffixes: a language has the plural forms its grammar has.
const PLURAL_SUFFIXES: [&str; 6] = ["_zero", "_one", "_two", "_few", "_many", "_other"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    check_every_key_in_every_language()?;

    let cfg = Config::new(DEFAULT)?
        .add_locales(OTHERS)?
        .add_namespaces(NAMESPACES)?
        // `td_string!(locale, key, name = value)` outside views (plain functions that word
        // a typed kind return a `String`)
        .parse_options(ParseOptions::new().interpolate_display(true));
    let infos = TranslationsInfos::parse(cfg)?;
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("i18n");
    infos.generate_i18n_module(out)?;
    Ok(())
}

/// Every namespace of every language has exactly the keys of the English one (plural forms
/// counted as their key).
fn check_every_key_in_every_language() -> Result<(), String> {
    let mut problems = Vec::new();
    for namespace in NAMESPACES {
        let english = keys(DEFAULT, namespace)?;
        for lang in OTHERS {
            let theirs = keys(lang, namespace)?;
            for missing in english.difference(&theirs) {
                problems.push(format!(
                    "locales/{lang}/{namespace}.json lacks \"{missing}\""
                ));
            }
            for extra in theirs.difference(&english) {
                problems.push(format!(
                    "locales/{lang}/{namespace}.json has \"{extra}\", which English lacks"
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn keys(lang: &str, namespace: &str) -> Result<BTreeSet<String>, String> {
    let path = Path::new("locales")
        .join(lang)
        .join(format!("{namespace}.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut found = BTreeSet::new();
    collect(&value, String::new(), &mut found);
    Ok(found)
}

fn collect(value: &serde_json::Value, prefix: String, found: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let key = PLURAL_SUFFIXES
                    .iter()
                    .find_map(|suffix| key.strip_suffix(suffix))
                    .unwrap_or(key);
                let path = if prefix.is_empty() {
                    key.to_owned()
                } else {
                    format!("{prefix}.{key}")
                };
                collect(inner, path, found);
            }
        }
        _ => {
            found.insert(prefix);
        }
    }
}
