//! Reading the documentation (docs/*.md) as the tests of docs.rs and schema.rs check it: its
//! JSON examples, its tables, its links, read with a Markdown parser rather than by lines.
#![allow(dead_code)] // each test file uses its own part

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `unimargin` binary built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_unimargin");

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The documentation's Markdown files: `docs/*.md`, sorted.
pub fn docs_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/ is readable")
        .map(|entry| entry.expect("docs/ lists").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 3,
        "docs/ holds format.md, rules.md and cli.md"
    );
    files
}

/// A file's text.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A path as shown in messages: from the repository's root.
pub fn shown(path: &Path) -> String {
    let root = repo().canonicalize().expect("the root exists");
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root)
        .unwrap_or(&path)
        .display()
        .to_string()
}

/// A fenced code block: its language (the info string's first word) and its text, with the
/// line it starts on (from 1).
#[derive(Debug, Clone)]
pub struct Block {
    pub line: usize,
    pub language: String,
    pub text: String,
}

/// The line (from 1) of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count().saturating_add(1)
}

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
}

/// The fenced code blocks of a Markdown text, in order.
pub fn code_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in parser(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some(Block {
                    line: line_of(markdown, range.start),
                    language: info.split_whitespace().next().unwrap_or("").to_string(),
                    text: String::new(),
                });
            }
            Event::Text(text) => {
                if let Some(block) = current.as_mut() {
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// A JSON example of the documentation: the value shown, and the `unimargin` command whose
/// output it is when a `sh` block ending with one comes right before it.
#[derive(Debug, Clone)]
pub struct Example {
    /// `docs/format.md:120`.
    pub place: String,
    /// The block's text, as written.
    pub text: String,
    pub value: Value,
    pub command: Option<Vec<String>>,
}

/// Every `json` block of a documentation file, read as JSON (a block that is not JSON fails
/// the test: write text as `text`).
pub fn examples(path: &Path) -> Vec<Example> {
    let markdown = read(path);
    let mut examples = Vec::new();
    let mut command = None;
    for block in code_blocks(&markdown) {
        let place = format!("{}:{}", shown(path), block.line);
        match block.language.as_str() {
            "json" => {
                let value = serde_json::from_str(&block.text)
                    .unwrap_or_else(|e| panic!("{place}: the json block is not JSON: {e}"));
                examples.push(Example {
                    place,
                    text: block.text,
                    value,
                    command: command.take(),
                });
            }
            "sh" => {
                // the command a json block right after this one is the output of
                command = block
                    .text
                    .lines()
                    .rev()
                    .map(str::trim)
                    .find(|line| !line.is_empty())
                    .filter(|line| line.starts_with("unimargin "))
                    .map(|line| {
                        assert!(
                            !line.contains(['\'', '"', '|', '>', '<', '$', '\\']),
                            "{place}: a command shown with its output is run as it is written: no quotes, pipes or redirections"
                        );
                        line.split_whitespace().skip(1).map(String::from).collect()
                    });
            }
            _ => command = None,
        }
    }
    examples
}

/// The `format` tag of a document, if it has one.
pub fn format_of(value: &Value) -> Option<&str> {
    value.get("format").and_then(Value::as_str)
}

/// What the `unimargin` binary answers to `args`, run from the repository's root: its exit
/// status and the JSON it wrote (standard output on success, standard error otherwise).
pub fn run_cli(args: &[String]) -> (i32, Value) {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the unimargin binary runs");
    let code = output.status.code().unwrap_or(-1);
    let text = if code == 0 {
        &output.stdout
    } else {
        &output.stderr
    };
    let text = String::from_utf8_lossy(text);
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("unimargin {}: not JSON ({e}): {text}", args.join(" ")));
    (code, value)
}

/// The text `unimargin` prints for `args` (its help), standard output.
pub fn cli_text(args: &[&str]) -> String {
    let output = Command::new(BIN)
        .args(args)
        .output()
        .expect("the unimargin binary runs");
    assert!(output.status.success(), "unimargin {}", args.join(" "));
    String::from_utf8(output.stdout).expect("help is UTF-8")
}

/// A table of a Markdown text: its header cells' text and, per row, each cell's inline code
/// spans.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub line: usize,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Vec<String>>>,
}

/// The tables of a Markdown text, in order.
pub fn tables(markdown: &str) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut table: Option<Table> = None;
    let mut in_head = false;
    let mut cell_text = String::new();
    let mut cell_codes: Vec<String> = Vec::new();
    let mut row: Vec<Vec<String>> = Vec::new();
    for (event, range) in parser(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    line: line_of(markdown, range.start),
                    ..Table::default()
                });
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) => {
                cell_text.clear();
                cell_codes.clear();
            }
            Event::Text(text) => cell_text.push_str(&text),
            Event::Code(code) => {
                cell_text.push_str(&code);
                cell_codes.push(code.to_string());
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(table) = table.as_mut() {
                    if in_head {
                        table.header.push(cell_text.trim().to_string());
                    } else {
                        row.push(std::mem::take(&mut cell_codes));
                    }
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(table) = table.as_mut() {
                    table.rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::Table) => tables.extend(table.take()),
            _ => {}
        }
    }
    tables
}

/// A link of a Markdown text: where it goes, and its text (inline code included, without
/// the backquotes).
#[derive(Debug, Clone)]
pub struct Link {
    pub line: usize,
    pub target: String,
    pub text: String,
    /// The text is one inline code span (`` [`usd_price`](…) ``).
    pub code: bool,
}

/// The links of a Markdown text, in order.
pub fn links(markdown: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut current: Option<(Link, usize)> = None; // the link, and how many spans it has
    for (event, range) in parser(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let link = Link {
                    line: line_of(markdown, range.start),
                    target: dest_url.to_string(),
                    text: String::new(),
                    code: false,
                };
                current = Some((link, 0));
            }
            Event::Text(text) => {
                if let Some((link, spans)) = current.as_mut() {
                    link.text.push_str(&text);
                    *spans = spans.saturating_add(1);
                }
            }
            Event::Code(code) => {
                if let Some((link, spans)) = current.as_mut() {
                    link.text.push_str(&code);
                    link.code = *spans == 0;
                    *spans = spans.saturating_add(1);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((mut link, spans)) = current.take() {
                    link.code &= spans == 1;
                    links.push(link);
                }
            }
            _ => {}
        }
    }
    links
}

/// Whether `shown` is a part of `actual`: every field shown has the value shown (objects may
/// leave fields out; lists list every item). The first difference, as a path and both values.
pub fn shown_part_of(shown: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (shown, actual) {
        (Value::Object(shown), Value::Object(actual)) => {
            for (key, value) in shown {
                let at = format!("{path}/{key}");
                let Some(actual) = actual.get(key) else {
                    return Err(format!("{at}: shown, but the answer has no such field"));
                };
                shown_part_of(value, actual, &at)?;
            }
            Ok(())
        }
        (Value::Array(shown), Value::Array(actual)) => {
            if shown.len() != actual.len() {
                return Err(format!(
                    "{path}: {} items shown, the answer has {}",
                    shown.len(),
                    actual.len()
                ));
            }
            for (i, (shown, actual)) in shown.iter().zip(actual).enumerate() {
                shown_part_of(shown, actual, &format!("{path}/{i}"))?;
            }
            Ok(())
        }
        _ if shown == actual => Ok(()),
        _ => Err(format!("{path}: shown {shown}, the answer has {actual}")),
    }
}
