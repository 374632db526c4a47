//! The `unimargin` binary as a script or a bot sees it: exit status, standard output and
//! standard error, on the seed scenarios and on bad input.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_unimargin");

/// A file of the repository, from the root.
fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn seed(name: &str) -> PathBuf {
    repo_file(&format!("tests/fixtures/seeds/{name}"))
}

/// Runs the binary with `args`, feeding `stdin` (closed at once if `None`).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the unimargin binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.map(<[u8]>::to_vec);
    // Written from another thread: the binary may stop reading early on a bad document.
    let writer = std::thread::spawn(move || {
        if let Some(input) = input {
            let _ = pipe.write_all(&input);
        }
    });
    let output = child.wait_with_output().expect("the unimargin binary runs");
    writer.join().expect("the writer thread ends");
    output
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("output is UTF-8")
}

/// Checks a successful run: exit 0, nothing on stderr, one line of JSON on stdout.
fn report(output: &Output) -> Value {
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        text(&output.stderr)
    );
    assert_eq!(text(&output.stderr), "", "stderr of a successful run");
    assert!(
        stdout.ends_with('\n'),
        "stdout ends with a newline: {stdout:?}"
    );
    assert_eq!(
        stdout.lines().count(),
        1,
        "the report is one line: {stdout:?}"
    );
    let report: Value = serde_json::from_str(stdout).expect("stdout is JSON");
    assert_eq!(report["format"], "unimargin/report@1");
    report
}

/// Checks a refused run: exit 2, nothing on stdout, and on stderr exactly one line,
/// `{"error":{"path":…,"kind":…,"message":…}}` with the kind one of the engine's codes;
/// returns the kind and the message.
fn refusal(output: &Output, want_path: &str) -> (String, String) {
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(text(&output.stdout), "", "stdout of a refused run");
    assert!(
        stderr.ends_with('\n'),
        "stderr ends with a newline: {stderr:?}"
    );
    assert_eq!(
        stderr.lines().count(),
        1,
        "the error is one line: {stderr:?}"
    );
    let document: Value = serde_json::from_str(stderr).expect("stderr is JSON");
    let message = document["error"]["message"]
        .as_str()
        .expect("the message is a string")
        .to_string();
    assert!(!message.is_empty(), "an empty message");
    let kind = document["error"]["kind"]
        .as_str()
        .expect("the kind is a string")
        .to_string();
    assert!(
        unimargin::ErrorKind::CODES.contains(&kind.as_str()),
        "an unknown kind {kind:?}"
    );
    let want = serde_json::json!({"error": {"path": want_path, "kind": kind, "message": message}});
    assert_eq!(document, want, "the error document");
    (kind, message)
}

/// Figures of a report's `check`: (field, value).
type CheckFigures = [(&'static str, Value); 3];

#[test]
fn the_seeds_give_their_figures() {
    // (seed, adjusted equity, check figures or none)
    let table: [(&str, &str, Option<CheckFigures>); 4] = [
        ("seed-1-btc-dot-collateral.json", "49000", None),
        ("seed-2-btc-two-tiers.json", "1950000", None),
        (
            "seed-3-buy-dot.json",
            "50150",
            Some([
                ("spot_loss", "50".into()),
                ("accepted", true.into()),
                ("headroom", "50100".into()),
            ]),
        ),
        (
            "seed-4-sell-dot-on-loan.json",
            "50100",
            Some([
                ("margin_reserved_after", "10".into()),
                ("accepted", true.into()),
                ("initial_margin_added", "10".into()),
            ]),
        ),
    ];
    for (name, adjusted_equity, check) in table {
        let path = seed(name);
        let report = report(&run(&["evaluate", path.to_str().unwrap()], None));
        assert_eq!(
            report["account"]["adjusted_equity"], adjusted_equity,
            "{name}"
        );
        match check {
            None => assert!(report.get("check").is_none(), "{name}: no check"),
            Some(figures) => {
                for (field, want) in figures {
                    assert_eq!(report["check"][field], want, "{name}: check.{field}");
                }
            }
        }
    }
}

#[test]
fn the_report_lists_the_coins_in_the_scenario_order() {
    let path = seed("seed-3-buy-dot.json");
    let report = report(&run(&["evaluate", path.to_str().unwrap()], None));
    let coins: Vec<&str> = report["coins"]
        .as_array()
        .expect("coins is a list")
        .iter()
        .map(|c| c["coin"].as_str().expect("a coin name"))
        .collect();
    assert_eq!(coins, ["BTC", "USDT", "DOT"]);
}

#[test]
fn a_dash_reads_standard_input_and_gives_the_same_report() {
    for name in [
        "seed-1-btc-dot-collateral.json",
        "seed-4-sell-dot-on-loan.json",
    ] {
        let path = seed(name);
        let from_file = run(&["evaluate", path.to_str().unwrap()], None);
        let document = std::fs::read(&path).expect("the seed is readable");
        let from_stdin = run(&["evaluate", "-"], Some(&document));
        report(&from_stdin);
        assert_eq!(text(&from_stdin.stdout), text(&from_file.stdout), "{name}");
    }
}

#[test]
fn bad_input_on_standard_input_exits_2_with_the_path() {
    let deep = "[".repeat(100_000);
    // (case, input, path, kind, part of the message)
    let table: [(&str, &str, &str, &str, &str); 12] = [
        (
            "empty",
            "",
            "",
            "invalid_json",
            "invalid JSON: EOF while parsing a value",
        ),
        (
            "truncated",
            r#"{"format":"unimargin/scenario@1","coins":["#,
            "coins",
            "invalid_json",
            "invalid JSON",
        ),
        (
            "trailing garbage",
            r#"{"format":"unimargin/scenario@1"} x"#,
            "",
            "invalid_json",
            "trailing characters",
        ),
        (
            "an array",
            "[]",
            "",
            "wrong_type",
            "expected a JSON object (the scenario)",
        ),
        (
            "deeply nested",
            &deep,
            "",
            "wrong_type",
            "expected a JSON object (the scenario)",
        ),
        (
            "wrong format",
            r#"{"format":"unimargin/scenario@9"}"#,
            "format",
            "wrong_format",
            r#"expected "unimargin/scenario@1""#,
        ),
        (
            "bad number",
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"NaN","price":"1"}]}"#,
            "coins[0].balance",
            "not_a_decimal",
            r#"got "NaN""#,
        ),
        (
            "price 0",
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"0"}]}"#,
            "coins[0].price",
            "not_positive",
            "price must be greater than 0, got 0",
        ),
        (
            "rate above 1",
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"up_to_usd":"1000","rate":"0.9"},{"rate":"1.5"}]}]}"#,
            "coins[0].discount_tiers[1].rate",
            "not_a_fraction",
            "rate must be between 0 and 1, got 1.5",
        ),
        (
            "unknown field",
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","colour":"orange"}]}"#,
            "coins[0].colour",
            "unknown_field",
            "unknown field `colour`",
        ),
        (
            "unknown coin",
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1"}],"orders":[{"market":"spot","side":"buy","base":"BTC","quote":"USDT","size":"1","price":"1"}]}"#,
            "orders[0].quote",
            "unknown_coin",
            "USDT is not one of the coins",
        ),
        (
            "overflow",
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"70000000000000000000000000000","price":"10"}]}"#,
            "coins[0]",
            "too_large",
            "too large to compute exactly",
        ),
    ];
    for (name, input, path, want_kind, want) in table {
        let (kind, message) = refusal(&run(&["evaluate", "-"], Some(input.as_bytes())), path);
        assert_eq!(kind, want_kind, "{name}: {message}");
        assert!(message.contains(want), "{name}: {message:?} lacks {want:?}");
    }
    // the whole document, byte for byte
    let output = run(
        &["evaluate", "-"],
        Some(br#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"0"}]}"#),
    );
    assert_eq!(
        text(&output.stderr),
        "{\"error\":{\"path\":\"coins[0].price\",\"kind\":\"not_positive\",\"message\":\"price must be greater than 0, got 0\"}}\n"
    );
}

#[test]
fn a_bad_file_exits_2_with_the_path() {
    let path = repo_file("crates/unimargin/tests/malformed/loss-without-loan-tiers.json");
    let (kind, message) = refusal(
        &run(&["evaluate", path.to_str().unwrap()], None),
        "coins[1].loan_tiers",
    );
    assert_eq!(kind, "not_borrowable");
    assert!(message.contains("USDT cannot be borrowed"), "{message}");
}

#[test]
fn a_missing_file_exits_2_naming_the_file() {
    let missing = repo_file("tests/fixtures/seeds/no-such-scenario.json");
    let missing = missing.to_str().unwrap();
    let (kind, message) = refusal(&run(&["evaluate", missing], None), "");
    assert_eq!(kind, "cannot_read");
    assert!(
        message.contains(&format!("cannot read {missing}")),
        "{message}"
    );
}

#[test]
fn a_directory_or_a_binary_file_exits_2_naming_the_file() {
    let directory = repo_file("tests/fixtures/seeds");
    let directory = directory.to_str().unwrap();
    let (_, message) = refusal(&run(&["evaluate", directory], None), "");
    assert!(
        message.contains(&format!("cannot read {directory}")),
        "{message}"
    );

    let (_, message) = refusal(&run(&["evaluate", "-"], Some(&[0xff, 0xfe, b'{'])), "");
    assert!(message.contains("cannot read -"), "{message}");
}

#[test]
fn help_explains_the_commands_and_the_format() {
    for flag in ["--help", "-h", "help"] {
        let output = run(&[flag], None);
        assert_eq!(output.status.code(), Some(0), "{flag}");
        assert_eq!(text(&output.stderr), "", "{flag}");
        let help = text(&output.stdout);
        for needle in [
            "unimargin evaluate FILE",
            "- for standard input",
            "unimargin/scenario@1",
            "unimargin/report@1",
            "EXAMPLE",
            r#"{"error":{"path":"#,
        ] {
            assert!(help.contains(needle), "{flag}: the help lacks {needle:?}");
        }
    }
}

#[test]
fn version_prints_the_version() {
    let output = run(&["--version"], None);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stdout),
        format!("unimargin {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(text(&output.stderr), "");
}

#[test]
fn usage_errors_exit_2_and_point_to_help() {
    let table: [(&[&str], &str); 4] = [
        (&[], "missing command"),
        (&["frobnicate"], "unknown command or arguments: frobnicate"),
        (
            &["evaluate"],
            "evaluate needs a FILE, or - for standard input",
        ),
        (&["--json"], "unknown command or arguments: --json"),
    ];
    for (args, want) in table {
        let (kind, message) = refusal(&run(args, None), "");
        assert_eq!(kind, "usage", "{args:?}");
        assert!(message.contains(want), "{args:?}: {message}");
        assert!(message.contains("unimargin --help"), "{args:?}: {message}");
    }
}
