//! The command line as clap reads it (issues 10 and 13): `--market` on every command, before
//! or after FILE; `--pretty`; `format` first in every answer; `--help` per command; a
//! repeated option refused; output that cannot be written.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_unimargin");

fn repo_file(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .to_str()
        .unwrap()
        .to_string()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the unimargin binary runs")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

fn ok(output: &Output) -> &str {
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "");
    text(&output.stdout)
}

fn refused(output: &Output) -> Value {
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    serde_json::from_slice(&output.stderr).unwrap()
}

/// The person of issue 10: 1.2 BTC, 8,000 USDT owed, long 0.3 BTCUSDT, tables from the
/// default market.
fn sparse() -> String {
    repo_file("tests/fixtures/market/btc-long.json")
}

fn market() -> String {
    repo_file("web/market.json")
}

/// The keys of a JSON object, in the order written.
fn keys(json: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(json);
    struct Keys<'a>(&'a mut Vec<String>);
    impl<'de> serde::de::Visitor<'de> for Keys<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                self.0.push(key);
                map.next_value::<serde::de::IgnoredAny>()?;
            }
            Ok(())
        }
    }
    serde::Deserializer::deserialize_map(&mut deserializer, Keys(&mut keys)).unwrap();
    keys
}

#[test]
fn every_command_takes_a_market_before_or_after_the_file_and_answers_format_first() {
    let (s, m) = (sparse(), market());
    let commands: [(&[&str], &str); 6] = [
        (&["evaluate"], "unimargin/report@1"),
        (&["explain"], "unimargin/explanation@1"),
        (&["liquidate"], "unimargin/liquidation@1"),
        (
            &["liquidation", "--coin", "BTC"],
            "unimargin/liquidation-prices@1",
        ),
        (
            &["sweep", "--coin", "BTC", "--points", "3"],
            "unimargin/sweep@1",
        ),
        (&["resolve"], "unimargin/scenario@1"),
    ];
    for (command, format) in commands {
        let after: Vec<&str> = command
            .iter()
            .copied()
            .chain([s.as_str(), "--market", m.as_str()])
            .collect();
        let before: Vec<&str> = command[..1]
            .iter()
            .copied()
            .chain(["--market", m.as_str()])
            .chain(command[1..].iter().copied())
            .chain([s.as_str()])
            .collect();
        let a = run(&after);
        let b = run(&before);
        let answer = ok(&a);
        assert_eq!(answer, ok(&b), "{command:?}: the same answer either way");
        assert_eq!(answer.lines().count(), 1, "{command:?}: one line");
        assert_eq!(keys(answer)[0], "format", "{command:?}: {answer:.80}");
        let value: Value = serde_json::from_str(answer).unwrap();
        assert_eq!(value["format"], format, "{command:?}");
    }
    // the report says which market it used, right after its format
    let report = run(&["evaluate", &s, "--market", &m]);
    assert_eq!(keys(ok(&report))[..2], ["format", "market"]);
    // without the market it names, the scenario is refused at `market`
    let error = refused(&run(&["evaluate", &s]));
    assert_eq!(error["error"]["path"], "market");
    assert_eq!(error["error"]["kind"], "wrong_market");
}

#[test]
fn pretty_indents_the_same_document() {
    let (s, m) = (sparse(), market());
    let compact = run(&["evaluate", &s, "--market", &m]);
    let pretty = run(&["--pretty", "evaluate", &s, "--market", &m]);
    let pretty_text = ok(&pretty);
    assert!(pretty_text.lines().count() > 20);
    assert!(pretty_text.starts_with("{\n  \"format\": \"unimargin/report@1\","));
    let a: Value = serde_json::from_str(ok(&compact)).unwrap();
    let b: Value = serde_json::from_str(pretty_text).unwrap();
    assert_eq!(a, b);
    // after the file too
    assert_eq!(
        ok(&run(&["evaluate", &s, "--market", &m, "--pretty"])),
        pretty_text
    );
}

#[test]
fn liquidation_says_what_a_null_price_means() {
    let (s, m) = (sparse(), market());
    let answer: Value = serde_json::from_str(ok(&run(&[
        "liquidation",
        &s,
        "--market",
        &m,
        "--coin",
        "BTC",
    ])))
    .unwrap();
    let note = answer["null_means"].as_str().unwrap();
    assert!(note.contains("searched_from and searched_to"), "{note}");
    assert_eq!(answer["searched_from"], "0");
    // 10 × 100,000
    assert_eq!(answer["searched_to"], "1000000");
    let help = run(&["liquidation", "--help"]);
    assert!(ok(&help).contains("A price of null means"));
}

#[test]
fn each_command_has_its_help() {
    for command in [
        "evaluate",
        "explain",
        "sweep",
        "liquidation",
        "liquidate",
        "resolve",
        "market",
    ] {
        for flag in ["--help", "-h"] {
            let output = run(&[command, flag]);
            let help = ok(&output);
            assert!(
                help.contains(&format!("Usage: unimargin {command}")),
                "{command} {flag}: {help}"
            );
        }
        let help = run(&["help", command]);
        assert!(ok(&help).contains(&format!("Usage: unimargin {command}")));
    }
    for sub in ["check", "from-bitget"] {
        let help = run(&["market", sub, "--help"]);
        assert!(ok(&help).contains(&format!("Usage: unimargin market {sub}")));
    }
    // the options of a command are in its help
    let help = run(&["sweep", "--help"]);
    for option in [
        "--market <M>",
        "--coin <C>",
        "--from <P>",
        "--points <N>",
        "--pretty",
    ] {
        assert!(ok(&help).contains(option), "{option}");
    }
}

#[test]
fn a_repeated_option_is_refused_rather_than_the_last_kept() {
    let s = sparse();
    let m = market();
    for (args, option) in [
        (
            vec![
                "liquidation",
                &s,
                "--coin",
                "BTC",
                "--coin",
                "USDT",
                "--market",
                &m,
            ],
            "--coin",
        ),
        (
            vec!["evaluate", &s, "--market", &m, "--market", &m],
            "--market",
        ),
        (vec!["evaluate", "--pretty", &s, "--pretty"], "--pretty"),
    ] {
        let error = refused(&run(&args));
        assert_eq!(error["error"]["kind"], "usage");
        assert_eq!(
            error["error"]["message"],
            format!("{option} is given more than once (see unimargin --help)")
        );
    }
}

#[test]
fn a_bad_market_is_refused_at_its_market_path() {
    let s = sparse();
    // a scenario given as the market
    let seed = repo_file("tests/fixtures/seeds/seed-1-btc-dot-collateral.json");
    let error = refused(&run(&["evaluate", &s, "--market", &seed]));
    assert_eq!(error["error"]["path"], "market:format");
    assert_eq!(error["error"]["kind"], "wrong_format");
    // a market file that cannot be read, named at --market
    let error = refused(&run(&["evaluate", &s, "--market", "no-such-market.json"]));
    assert_eq!(error["error"]["path"], "--market");
    assert_eq!(error["error"]["kind"], "cannot_read");
    // standard input holds one document
    let error = refused(&run(&["evaluate", "-", "--market", "-"]));
    assert_eq!(error["error"]["kind"], "usage");
    // resolve needs a market
    let error = refused(&run(&["resolve", &seed]));
    assert_eq!(error["error"]["path"], "--market");
    // market check: the summary, or the error
    let check: Value = serde_json::from_str(ok(&run(&["market", "check", &market()]))).unwrap();
    assert_eq!(check["format"], "unimargin/market-check@1");
    assert_eq!(check["contracts"][0], "BTCUSDT");
    let error = refused(&run(&["market", "check", &seed]));
    assert_eq!(error["error"]["path"], "market:format");
}

#[test]
fn the_resolved_scenario_gives_the_same_figures_without_the_market() {
    let (s, m) = (sparse(), market());
    let complete = ok(&run(&["resolve", &s, "--market", &m])).to_string();
    let mut child = Command::new(BIN)
        .args(["evaluate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(complete.as_bytes())
        .unwrap();
    let alone = child.wait_with_output().unwrap();
    let mut alone: Value = serde_json::from_str(ok(&alone)).unwrap();
    let mut with_market: Value =
        serde_json::from_str(ok(&run(&["evaluate", &s, "--market", &m]))).unwrap();
    with_market.as_object_mut().unwrap().remove("market");
    alone.as_object_mut().unwrap().remove("market");
    assert_eq!(alone, with_market);
    assert_eq!(alone["account"]["adjusted_equity"], "110200");
}

#[test]
fn a_full_disk_exits_1_with_a_message() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full on this system
    };
    let seed = repo_file("tests/fixtures/seeds/seed-1-btc-dot-collateral.json");
    for args in [vec!["evaluate", seed.as_str()], vec!["--help"]] {
        let output = Command::new(BIN)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let error: Value = serde_json::from_slice(&output.stderr).unwrap();
        assert_eq!(error["error"]["kind"], "cannot_write", "{args:?}");
        assert!(error["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("cannot write the output: "));
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly_with_exit_1() {
    let seed = std::fs::read(repo_file(
        "tests/fixtures/seeds/seed-1-btc-dot-collateral.json",
    ))
    .unwrap();
    let mut child = Command::new(BIN)
        .args(["evaluate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // the reader goes away before the answer is written: the run reads its input first
    drop(child.stdout.take());
    child.stdin.take().unwrap().write_all(&seed).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stderr), "", "no message, no panic");
}
