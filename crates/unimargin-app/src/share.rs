//! Share links: the scenario travels in the page's fragment, `#scenario=<base64url of the
//! scenario JSON, no padding>`, so it never reaches a server.

use crate::refused::Refusal;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use unimargin::Scenario;

/// What a share link's fragment starts with.
pub const FRAGMENT_PREFIX: &str = "#scenario=";

/// The fragment's payload for a scenario.
pub fn encode(scenario: &Scenario) -> String {
    URL_SAFE_NO_PAD.encode(scenario_json(scenario))
}

/// The scenario as compact FORMAT.md JSON.
pub fn scenario_json(scenario: &Scenario) -> String {
    // A scenario holds strings, lists and objects only: serializing it cannot fail.
    serde_json::to_string(scenario).unwrap_or_default()
}

/// The scenario as FORMAT.md JSON, indented for a file people may read.
pub fn scenario_json_pretty(scenario: &Scenario) -> String {
    indent_json(&scenario_json(scenario))
}

/// Indents compact JSON by two spaces a level (one serializer in the app, not two).
fn indent_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len().saturating_mul(2));
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}') | Some(']')) {
                    out.extend(chars.next());
                } else {
                    // at most one level per character of the text: never near usize::MAX
                    depth = depth.saturating_add(1);
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out.push('\n');
    out
}

/// The share link for a scenario, from the page's address (its fragment is replaced).
pub fn link(page_url: &str, scenario: &Scenario) -> String {
    let base = page_url.split('#').next().unwrap_or(page_url);
    format!("{base}{FRAGMENT_PREFIX}{}", encode(scenario))
}

/// The payload of a fragment that carries a scenario (`None`: it carries none).
pub fn payload(fragment: &str) -> Option<&str> {
    fragment.strip_prefix(FRAGMENT_PREFIX)
}

/// Reads a scenario from a share link's payload, or says why it cannot.
pub fn decode(payload: &str) -> Result<Scenario, Refusal> {
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim().trim_end_matches('='))
        .map_err(|e| Refusal::LinkNotBase64 {
            detail: e.to_string(),
        })?;
    let text = String::from_utf8(bytes).map_err(|_| Refusal::LinkNotText)?;
    read_scenario(&text)
}

/// Reads a FORMAT.md scenario that is to replace the person's work (a link, an imported
/// file): it must parse and evaluate (one naming a market: parse), else the engine's path
/// and message say why not.
///
/// The scenario is read by the engine's own (strict) reader: a JSON problem is named by
/// line and column, a wrong field or value by its JSON path, a rule broken by its field.
pub fn read_scenario(text: &str) -> Result<Scenario, Refusal> {
    let scenario =
        unimargin::parse_scenario(text).map_err(|e| Refusal::NotAScenario(Box::new(e)))?;
    // A scenario that names a market is complete only with it: it is checked when the page
    // computes it with the market loaded, which says so when that is another market.
    if scenario.market.is_none() {
        unimargin::evaluate_scenario(&scenario).map_err(|e| describe(&scenario, &e))?;
    }
    Ok(scenario)
}

/// A rule the scenario breaks, with the field named as the page would show it ("BTC
/// discount tier 1 rate"), never by its JSON path.
fn describe(scenario: &Scenario, error: &unimargin::Error) -> Refusal {
    Refusal::Rule {
        path: error.path().to_string(),
        draft: Box::new(crate::draft::Draft::from_scenario(scenario)),
        kind: Box::new(error.kind().clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Scenario {
        unimargin::parse_scenario(include_str!(
            "../../../tests/fixtures/seeds/seed-3-buy-dot.json"
        ))
        .unwrap()
    }

    #[test]
    fn a_link_carries_the_scenario_in_its_fragment() {
        let scenario = seed();
        let url = link("http://127.0.0.1:8080/?x=1#old", &scenario);
        let fragment = &url[url.find('#').unwrap()..];
        assert!(url.starts_with("http://127.0.0.1:8080/?x=1#scenario="));
        let payload = payload(fragment).unwrap();
        assert!(
            !payload.contains(['=', '+', '/']),
            "base64url without padding"
        );
        assert_eq!(decode(payload), Ok(scenario.clone()));
        // The payload is the scenario JSON, base64url-encoded.
        let json = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        assert!(
            json.starts_with(r#"{"format":"unimargin/scenario@1""#),
            "{json}"
        );
        // Padding added by some tool is tolerated.
        assert_eq!(decode(&format!("{payload}==")), Ok(scenario));
    }

    #[test]
    fn a_damaged_link_says_why() {
        assert_eq!(payload("#other"), None);
        assert!(decode("!!!")
            .unwrap_err()
            .to_string()
            .contains("not base64url"));
        let not_json = URL_SAFE_NO_PAD.encode("hello");
        // the engine's reading: "hello" is not JSON from its first character
        assert_eq!(
            decode(&not_json).unwrap_err().to_string(),
            "it is not a valid scenario: invalid JSON: expected value at line 1 column 1"
        );
        let bad_rate = URL_SAFE_NO_PAD.encode(
            r#"{"format":"unimargin/scenario@1","coins":[{"coin":"BTC","balance":"1","price":"1","discount_tiers":[{"rate":"1.5"}]}]}"#,
        );
        // the field as the page names it, the rate as the page shows it
        assert_eq!(
            decode(&bad_rate).unwrap_err().to_string(),
            "BTC discount tier 1 rate: must be between 0 % and 100 %, got 150 %"
        );
    }

    #[test]
    fn files_are_pretty_json_that_reads_back() {
        let scenario = seed();
        let text = scenario_json_pretty(&scenario);
        assert!(text.starts_with("{\n  \"format\": \"unimargin/scenario@1\",\n  \"coins\": [\n    {\n      \"coin\": \"BTC\","), "{text}");
        assert_eq!(read_scenario(&text), Ok(scenario));
        assert_eq!(
            indent_json(r#"{"a":[],"b":"x,{\"}","c":{}}"#),
            "{\n  \"a\": [],\n  \"b\": \"x,{\\\"}\",\n  \"c\": {}\n}\n"
        );
        // Unknown fields are refused, as the engine refuses them.
        let typo = text.replace("\"balance\"", "\"balanse\"");
        let refusal = read_scenario(&typo).unwrap_err().to_string();
        assert!(
            refusal.starts_with("it is not a valid scenario: coins[0]"),
            "{refusal}"
        );
        assert!(refusal.contains("unknown field `balanse`"), "{refusal}");
    }
}
