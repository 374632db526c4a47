//! The sentences the package's own JS writes are the engine's: the freed-account error is
//! thrown by `npm/web.js` (the wasm cannot be reached through a freed handle), so its English
//! is written there too, and must stay the engine's `ErrorKind::AccountFreed`.

use unimargin::ErrorKind;

const WEB_JS: &str = include_str!("../npm/web.js");

#[test]
fn the_freed_account_error_is_the_engine_s_kind_word_for_word() {
    // the engine's sentence with the method left as the template's `${name}`
    let sentence = ErrorKind::AccountFreed {
        method: "${name}".into(),
    }
    .to_string();
    let thrown = format!("new UnimarginError(`{sentence}`, \"\", \"account_freed\")");
    assert!(WEB_JS.contains(&thrown), "npm/web.js must throw {thrown}");
}
