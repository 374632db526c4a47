//! # unimargin-js
//!
//! The unimargin engine as a JavaScript package: a thin wasm-bindgen adapter with no rules of
//! its own. Scenarios and reports are the documents of docs/format.md as plain JS objects or as JSON
//! text, and cross the boundary as JSON text (see "the JS boundary" below for why); every
//! error is thrown as an `UnimarginError` (a JS `Error`, `js/boundary.js`) whose `path` names
//! where in the scenario the problem is and whose `kind` names what it is (the engine's code),
//! and bad input never panics.
//!
//! | export | what |
//! | --- | --- |
//! | `evaluate(scenario, market?)` | the report (with its `check` when the scenario has one) |
//! | `checkOrder(scenario, order, market?)` | the verdict on `order` (the report's `check`) |
//! | `maxOrderSize(scenario, order, step?, market?)` | the largest multiple of `step` of `order` accepted |
//! | `evaluateJson(text, marketText?)` | `evaluate` on JSON text, answering JSON text (the cheaper crossing) |
//! | `new Account(scenario, market?)`, `Account.fromJson(text, marketText?)` | an account evaluated once, kept in wasm for repeated checks; `.update(prices)` moves its prices (a tick), `.summary()` gives its figures |
//! | `resolve(scenario, market)` | the complete scenario the scenario stands for with the market (docs/format.md) |
//! | `version()` | the engine's version |
//! | `UnimarginError` | the class of the errors thrown (`js/boundary.js`, re-exported) |
//! | `evaluateSerde(scenario, market?)` | `evaluate` through serde-wasm-bindgen, for comparison (only with the `bench` feature) |
//!
//! A `market` is a market document (docs/format.md, `unimargin/market@1`) whose tables fill what
//! the scenario leaves out; `undefined` or `null` for none. Its errors' paths start with
//! `market:`. The order given to `checkOrder`, `maxOrderSize` and `Account.checkOrder` is
//! validated as the scenario's `check`, so the paths of its errors begin with `check`.
//!
//! The [`core`] module holds the same operations on Rust types, so that they are tested on
//! the host; the exported functions only convert at the boundary.

use serde::Serialize;
use unimargin::error::Argument;
use unimargin::evaluate::Evaluation;
use unimargin::market::{Market, MARKET_DOCUMENT};
use unimargin::num::NumberError;
use unimargin::report::{AccountReport, CheckReport, Report};
use unimargin::scenario::Order;
use unimargin::{Decimal, Error, ErrorKind, Scenario};
use wasm_bindgen::prelude::*;

/// The TypeScript definitions of the documents (Scenario, Report, Check, the error), kept in
/// sync with the Rust types by `tests/typescript.rs`.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The package's TypeScript definitions (the same text as the custom section).
pub const TYPESCRIPT_DEFINITIONS: &str = include_str!("types.d.ts");

/// The operations of the package on Rust types: no JS, no rules.
pub mod core {
    use super::*;
    use unimargin::names::Names;
    use unimargin::Account as Model;

    pub use unimargin::names::{Price, PriceUpdate as Update};

    /// The scenario with `order` as its `check` (and `step`, when given, as its grid).
    pub fn with_check(mut scenario: Scenario, mut order: Order, step: Option<Decimal>) -> Scenario {
        if step.is_some() {
            order.size_step = step;
        }
        scenario.check = Some(order);
        scenario
    }

    /// Validates and evaluates a scenario, with its market's tables.
    pub fn evaluate(scenario: &Scenario, market: Option<&Market>) -> Result<Report, Error> {
        unimargin::evaluate_with_market(scenario, market)
    }

    /// The verdict on `order` against `scenario` (whose own `check`, if any, is replaced).
    pub fn check_order(
        scenario: Scenario,
        order: Order,
        market: Option<&Market>,
    ) -> Result<CheckReport, Error> {
        let account = Model::with_market(&with_check(scenario, order, None), market)?;
        let check = account.check.ok_or_else(no_check)?;
        Evaluation::new(&account)?.check(&check.order, check.size_step)
    }

    /// The largest multiple of the step (`step`, else the order's `size_step`, else one
    /// satoshi) of `order` that is accepted against `scenario`.
    pub fn max_order_size(
        scenario: Scenario,
        order: Order,
        step: Option<Decimal>,
        market: Option<&Market>,
    ) -> Result<Decimal, Error> {
        let account = Model::with_market(&with_check(scenario, order, step), market)?;
        let check = account.check.ok_or_else(no_check)?;
        Ok(Evaluation::new(&account)?
            .max_order_size(&check.order, check.size_step)?
            .0)
    }

    pub(crate) fn no_check() -> Error {
        Error::new("check", ErrorKind::NoOrderToCheck)
    }

    self_cell::self_cell!(
        struct Cell {
            owner: Model,
            #[covariant]
            dependent: Evaluation,
        }
    );

    /// An account validated and evaluated once, against which orders are checked cheaply and
    /// whose prices can be moved (a price tick) without reading the scenario again; orders
    /// and updates name its coins and contracts, resolved by the engine's [`Names`].
    pub struct Evaluated {
        cell: Cell,
        names: Names,
    }

    impl Evaluated {
        /// The account of `scenario` with its market's tables (every table written out in
        /// the validated account), so orders and updates are resolved without the market.
        pub fn new(scenario: Scenario, market: Option<&Market>) -> Result<Evaluated, Error> {
            let cell = Cell::try_new(Model::with_market(&scenario, market)?, |account| {
                Evaluation::new(account)
            })?;
            let names = Names::of(cell.borrow_owner());
            Ok(Evaluated { cell, names })
        }

        /// The report, with the scenario's own check if it had one.
        pub fn report(&self) -> Result<Report, Error> {
            self.cell.borrow_dependent().report_with_check()
        }

        /// The account's figures (the report's `account`).
        pub fn summary(&self) -> &AccountReport {
            &self.cell.borrow_dependent().report().account
        }

        /// Moves the prices named in `update` and evaluates the account again, all or nothing:
        /// when a name is unknown or a new price breaks a rule, the error names the field
        /// (`contracts[0].mark_price`, `coins[1].price`) and the account stays as it was.
        ///
        /// Why a handle rather than a new scenario: a price tick changes a few figures of the
        /// input, and reading and validating the whole scenario again (text, names, tiers)
        /// costs as much as evaluating it (BENCHMARKS.md); only the new prices are checked.
        pub fn update(&mut self, update: &Update) -> Result<(), Error> {
            let account = self.names.with_prices(self.cell.borrow_owner(), update)?;
            self.cell = Cell::try_new(account, |account| Evaluation::new(account))?;
            Ok(())
        }

        /// The verdict on `order`, as if it were the scenario's `check`.
        pub fn check_order(&self, order: Order) -> Result<CheckReport, Error> {
            let check = self.names.resolve_check(&order, None)?;
            self.cell
                .borrow_dependent()
                .check(&check.order, check.size_step)
        }

        /// The largest multiple of the step of `order` that is accepted.
        pub fn max_order_size(
            &self,
            order: Order,
            step: Option<Decimal>,
        ) -> Result<Decimal, Error> {
            let check = self.names.resolve_check(&order, step)?;
            Ok(self
                .cell
                .borrow_dependent()
                .max_order_size(&check.order, check.size_step)?
                .0)
        }
    }
}

// ---- the JS boundary ----
//
// Documents cross as JSON text: an object is written by the JS engine's own `JSON.stringify`,
// read by the engine's parser (so errors and their paths are those of the CLI), and a report
// is written by serde_json and read back by `JSON.parse`. Measured (BENCHMARKS.md), this is 2
// to 3.5 times cheaper than serde-wasm-bindgen's property-by-property crossing, which is kept
// as `evaluateSerde` for comparison.

/// The engine's error as a JS `UnimarginError`: `name` "UnimarginError", `message`, `path`,
/// `kind`.
fn js_error(error: &Error) -> JsValue {
    UnimarginError::new(&error.message(), error.path(), error.code()).into()
}

/// `kind` for the whole argument, as a JS `UnimarginError`.
fn js_error_of(kind: ErrorKind) -> JsValue {
    js_error(&Error::new("", kind))
}

#[wasm_bindgen(module = "/js/boundary.js")]
extern "C" {
    /// The class of the errors thrown (a subclass of `Error`), re-exported by the package so
    /// that `error instanceof UnimarginError` holds; typed in `types.d.ts`.
    #[wasm_bindgen(extends = js_sys::Error, reexport)]
    type UnimarginError;
    #[wasm_bindgen(constructor)]
    fn new(message: &str, path: &str, kind: &str) -> UnimarginError;
    /// `[path, spelling]` of the first number in `value` that JSON cannot carry, its path
    /// under `root`; `None` when there is none.
    #[wasm_bindgen(js_name = nonFinite)]
    fn non_finite(value: &JsValue, root: &str) -> Option<js_sys::Array>;
}

#[wasm_bindgen]
extern "C" {
    /// The JS `TextEncoder` (Node and browsers).
    type TextEncoder;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextEncoder, JsValue>;
    /// The UTF-8 bytes of a JS string, as a new `Uint8Array`.
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
}

thread_local! {
    static ENCODER: Option<TextEncoder> = TextEncoder::new().ok();
}

/// The length (UTF-16 units) from which a string crosses through the TextEncoder.
const ENCODER_FROM: u32 = 1024;

/// A JS string as a Rust one. wasm-bindgen's own conversion copies a string into wasm memory
/// character by character in JS; `TextEncoder.encode` does it natively and the bytes then
/// cross as one block, which makes `evaluateJson` on a 46 KB scenario about a fifth faster
/// (BENCHMARKS.md). A short string (an order, a price update) is cheaper the usual way, as
/// is any string without a TextEncoder.
fn utf8(text: &JsValue) -> Option<String> {
    let text = text.dyn_ref::<js_sys::JsString>()?;
    if text.length() < ENCODER_FROM {
        return text.as_string();
    }
    let bytes = ENCODER.with(|encoder| encoder.as_ref().map(|e| e.encode(text).to_vec()));
    match bytes.map(String::from_utf8) {
        Some(Ok(text)) => Some(text),
        // TextEncoder writes only UTF-8 (a lone surrogate becomes U+FFFD)
        Some(Err(_)) | None => text.as_string(),
    }
}

/// A JS value as JSON text (`undefined`, functions and symbols have none).
fn stringify(value: &JsValue, argument: Argument) -> Result<String, JsValue> {
    match js_sys::JSON::stringify(value) {
        Ok(text) => utf8(&text).ok_or_else(|| js_error_of(ErrorKind::MissingArgument { argument })),
        Err(e) => {
            let reason = e
                .dyn_ref::<js_sys::Error>()
                .map_or_else(|| "not serializable".to_string(), |e| e.message().into());
            Err(js_error_of(ErrorKind::NotSerializable { argument, reason }))
        }
    }
}

/// A scenario given as a plain object.
fn read_scenario(value: &JsValue) -> Result<Scenario, JsValue> {
    read_argument(value, Argument::Scenario, "")
}

/// A market document given as a plain object, or none for `undefined` and `null`; its
/// errors' paths start with `market:` (a NaN or an infinity in it too).
fn read_market(value: Option<JsValue>) -> Result<Option<Market>, JsValue> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => {
            let text = stringify(&value, Argument::Market)?;
            if text.contains("null") {
                if let Some(error) = non_finite_error(&value, "") {
                    return Err(js_error(&error.in_document(MARKET_DOCUMENT)));
                }
            }
            unimargin::parse_market(&text)
                .map(Some)
                .map_err(|e| js_error(&e))
        }
        _ => Ok(None),
    }
}

/// A market document given as JSON text (a string or UTF-8 bytes), or none for `undefined`
/// and `null`.
fn read_market_json(value: Option<JsValue>) -> Result<Option<Market>, JsValue> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => {
            unimargin::parse_market(&json_text(&value)?)
                .map(Some)
                .map_err(|e| js_error(&e))
        }
        _ => Ok(None),
    }
}

/// Refuses a number that JSON cannot carry (`NaN`, `Infinity`, `-Infinity`) in a value given
/// as an object (whose paths start at `root`), naming it as JS spells it. `JSON.stringify`
/// writes such a number as `null`, which the engine would report as "invalid type: null", or
/// take as a field left out where `null` means that (`quote`, `check`); so an object whose JSON
/// has a `null` is looked through (the usual object has none, and costs a scan of its text).
fn refuse_non_finite(value: &JsValue, root: &str) -> Result<(), JsValue> {
    match non_finite_error(value, root) {
        Some(error) => Err(js_error(&error)),
        None => Ok(()),
    }
}

/// The error for the first number in `value` that JSON cannot carry, at its path under
/// `root`; `None` when there is none.
fn non_finite_error(value: &JsValue, root: &str) -> Option<Error> {
    let found = non_finite(value, root)?;
    let text = found.get(1).as_string().unwrap_or_default();
    let path = found.get(0).as_string().unwrap_or_default();
    Some(Error::new(
        path,
        ErrorKind::Number(NumberError::NotFinite { text }),
    ))
}

/// An order given as a plain object, read as the scenario's `check` (its paths start there).
fn read_order(value: &JsValue) -> Result<Order, JsValue> {
    read_argument(value, Argument::Order, "check")
}

/// An argument given as a plain object, read through JSON text by the engine's reader; the
/// paths of its errors start at `root` (empty: the argument is the document).
fn read_argument<T: serde::de::DeserializeOwned>(
    value: &JsValue,
    argument: Argument,
    root: &str,
) -> Result<T, JsValue> {
    let text = stringify(value, argument)?;
    if text.contains("null") {
        refuse_non_finite(value, root)?;
    }
    unimargin::read::read_json(&text).map_err(|e: Error| js_error(&e.within(root)))
}

/// What cannot happen (the engine's own JSON not read back), said rather than panicking.
fn internal(detail: impl Into<String>) -> JsValue {
    js_error_of(ErrorKind::Other {
        detail: detail.into(),
    })
}

/// JSON text into a JS value.
fn parse(json: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(json).map_err(|_| internal("the report could not be read back"))
}

fn to_json<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| internal(e.to_string()))?;
    parse(&text)
}

/// JSON text given as a string or as UTF-8 bytes (a `Uint8Array`, such as a file's `Buffer`:
/// copied into wasm memory at once, where a string is copied character by character).
fn json_text(value: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = utf8(value) {
        return Ok(text);
    }
    match value.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => String::from_utf8(bytes.to_vec()).map_err(|e| {
            // the position of the first byte that is not UTF-8, as serde_json gives one
            let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            // counts of bytes in memory, far below usize::MAX: the sums cannot saturate
            let line = before
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                .saturating_add(1);
            let column = (before.iter().rev())
                .take_while(|&&b| b != b'\n')
                .count()
                .saturating_add(1);
            js_error_of(ErrorKind::InvalidJson {
                problem: unimargin::read::JsonProblem::NotUtf8,
                line,
                column,
            })
        }),
        None => Err(js_error_of(ErrorKind::NotJsonText)),
    }
}

/// A decimal argument: a string such as "0.001" or a JS number, read as the engine reads one.
#[derive(serde::Deserialize)]
#[serde(transparent)]
struct DecimalArg(#[serde(with = "unimargin::num")] Decimal);

/// A step given as a JS number is read from the number itself (a NaN is said to be one); any
/// other value through JSON text, as the engine reads a decimal.
fn read_step(step: Option<JsValue>) -> Result<Option<Decimal>, JsValue> {
    const PATH: &str = "check.size_step";
    match step {
        Some(step) if !step.is_undefined() && !step.is_null() => {
            // a NaN or an infinity named as JS spells it
            refuse_non_finite(&step, PATH)?;
            match step.as_f64() {
                Some(number) => unimargin::num::decimal_from_f64(number)
                    .map(Some)
                    .map_err(|e| js_error(&Error::new(PATH, ErrorKind::Number(e)))),
                None => read_argument::<DecimalArg>(&step, Argument::Step, PATH).map(|s| Some(s.0)),
            }
        }
        _ => Ok(None),
    }
}

/// Evaluates a scenario (docs/format.md, as a plain object), with the tables of `market` (a
/// market document, docs/format.md) where it leaves them out: every figure, and the verdict on its
/// `check` if it has one. Throws an `Error` with `path` and `message` on bad input.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MarketDocument | null")] market: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let market = read_market(market)?;
    let scenario = read_scenario(&scenario)?;
    let report = core::evaluate(&scenario, market.as_ref()).map_err(|e| js_error(&e))?;
    parse(&unimargin::report_to_json(&report))
}

/// `evaluate` on JSON text (a string, or UTF-8 bytes), answering the report as JSON text: for
/// a scenario that is text already (a file, a request), no object is made on either side. The
/// market, if any, is JSON text too.
#[wasm_bindgen(js_name = evaluateJson)]
pub fn evaluate_json(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] scenario: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | Uint8Array | null")] market: Option<
        JsValue,
    >,
) -> Result<String, JsValue> {
    let market = read_market_json(market)?;
    unimargin::evaluate_json_with_market(&json_text(&scenario)?, market.as_ref())
        .map(|report| unimargin::report_to_json(&report))
        .map_err(|e| js_error(&e))
}

/// The complete scenario that `scenario` stands for with `market` (docs/format.md): each table it
/// leaves out written out from the market, what it gives kept. It names no market and gives
/// the same figures without one (to export, share or keep).
#[wasm_bindgen(unchecked_return_type = "Scenario")]
pub fn resolve(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MarketDocument")] market: JsValue,
) -> Result<JsValue, JsValue> {
    let market = read_market(Some(market))?.ok_or_else(|| {
        js_error_of(ErrorKind::MissingArgument {
            argument: Argument::Market,
        })
    })?;
    let scenario = read_scenario(&scenario)?;
    let complete =
        unimargin::market::resolve(&scenario, Some(&market)).map_err(|e| js_error(&e))?;
    to_json(&*complete)
}

/// The verdict on `order` against the account of `scenario` (the report's `check` for that
/// order). The order is validated as the scenario's `check`: its errors' paths start there.
#[wasm_bindgen(js_name = checkOrder, unchecked_return_type = "Check")]
pub fn check_order(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MarketDocument | null")] market: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let market = read_market(market)?;
    let scenario = read_scenario(&scenario)?;
    let order = read_order(&order)?;
    to_json(&core::check_order(scenario, order, market.as_ref()).map_err(|e| js_error(&e))?)
}

/// The largest multiple of `step` (default: the order's `size_step`, else 0.00000001) of
/// `order` that is accepted, as a decimal string (`"0"` when none is).
#[wasm_bindgen(js_name = maxOrderSize)]
pub fn max_order_size(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecimalInput | null")] step: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "MarketDocument | null")] market: Option<
        JsValue,
    >,
) -> Result<String, JsValue> {
    let market = read_market(market)?;
    let scenario = read_scenario(&scenario)?;
    let order = read_order(&order)?;
    let step = read_step(step)?;
    core::max_order_size(scenario, order, step, market.as_ref())
        .map(|size| size.normalize().to_string())
        .map_err(|e| js_error(&e))
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// An account validated and evaluated once and kept in wasm memory, for repeated checks of
/// orders against it (a bot sizing orders, a form checking as one types). Free it with
/// `free()` when done.
#[wasm_bindgen(js_name = Account)]
pub struct AccountHandle(core::Evaluated);

#[wasm_bindgen(js_class = Account)]
impl AccountHandle {
    /// Validates and evaluates `scenario` with the tables of `market`, if given; throws like
    /// `evaluate`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MarketDocument | null")] market: Option<
            JsValue,
        >,
    ) -> Result<AccountHandle, JsValue> {
        let market = read_market(market)?;
        core::Evaluated::new(read_scenario(&scenario)?, market.as_ref())
            .map(AccountHandle)
            .map_err(|e| js_error(&e))
    }

    /// The same from JSON text (a string, or UTF-8 bytes), the market's too.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] scenario: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | Uint8Array | null")]
        market: Option<JsValue>,
    ) -> Result<AccountHandle, JsValue> {
        let market = read_market_json(market)?;
        unimargin::parse_scenario(&json_text(&scenario)?)
            .and_then(|scenario| core::Evaluated::new(scenario, market.as_ref()))
            .map(AccountHandle)
            .map_err(|e| js_error(&e))
    }

    /// The report (as `evaluate` gives it).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue, JsValue> {
        parse(&self.report_json()?)
    }

    /// The report as JSON text.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self) -> Result<String, JsValue> {
        self.0
            .report()
            .map(|r| unimargin::report_to_json(&r))
            .map_err(|e| js_error(&e))
    }

    /// The account's figures (the report's `account`), without the per-coin and per-contract
    /// ones: what a price tick changes, and a small crossing.
    #[wasm_bindgen(unchecked_return_type = "AccountReport")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_json(self.0.summary())
    }

    /// Moves prices and evaluates the account again: `{ mark_prices: { BTCUSDT: "51000" },
    /// prices: { ETH: "3000" } }` (contracts' `mark_price` by symbol, coins' `price` by name;
    /// decimal strings or numbers). All or nothing: on an unknown name or a price that breaks
    /// a rule it throws, naming the field (`contracts[0].mark_price`), and the account stays
    /// as it was.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "AccountUpdate")] update: JsValue,
    ) -> Result<(), JsValue> {
        let update: core::Update = read_argument(&update, Argument::Update, "")?;
        self.0.update(&update).map_err(|e| js_error(&e))
    }

    /// The verdict on `order` (as `checkOrder` gives it), without evaluating the account again.
    #[wasm_bindgen(js_name = checkOrder, unchecked_return_type = "Check")]
    pub fn check_order(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_json(
            &self
                .0
                .check_order(read_order(&order)?)
                .map_err(|e| js_error(&e))?,
        )
    }

    /// The largest size of `order` accepted (as `maxOrderSize` gives it).
    #[wasm_bindgen(js_name = maxOrderSize)]
    pub fn max_order_size(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
        step: Option<JsValue>,
    ) -> Result<String, JsValue> {
        let order = read_order(&order)?;
        let step = read_step(step)?;
        self.0
            .max_order_size(order, step)
            .map(|size| size.normalize().to_string())
            .map_err(|e| js_error(&e))
    }
}

// ---- serde-wasm-bindgen: objects read and written property by property ----
//
// Benchmark only (the `bench` feature: off in the published package, on in scripts/bench-js).

/// Reads a scenario from a JS value with serde-wasm-bindgen. A value it refuses is read
/// again through JSON text, so that its error is the engine's, typed (serde-wasm-bindgen's
/// own words are the fallback, should JSON text read it).
#[cfg(feature = "bench")]
fn read_serde(value: JsValue) -> Result<Scenario, JsValue> {
    let deserializer = serde_wasm_bindgen::Deserializer::from(value.clone());
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = unimargin::path_text(e.path());
        match read_scenario(&value) {
            Err(typed) => typed,
            Ok(_) => js_error(&unimargin::reading_error(path, &message(e.into_inner()))),
        }
    })
}

/// The text of a reading error. serde's own errors keep their message; an exception that
/// serde-wasm-bindgen met in JS (asking a number for its iterator, where an object or a list
/// belongs) says what was expected instead.
#[cfg(feature = "bench")]
fn message(error: serde_wasm_bindgen::Error) -> String {
    let value = JsValue::from(error);
    match value.dyn_ref::<js_sys::Error>() {
        Some(e) if e.name() == "Error" => e.message().into(),
        Some(_) => "invalid type: expected a JSON object or array here".into(),
        None => value
            .as_string()
            .unwrap_or_else(|| "the document could not be read".into()),
    }
}

/// `evaluate` with the scenario read and the report written by serde-wasm-bindgen, property
/// by property across the boundary: the crossing the package does not use by default, kept to
/// measure it against (BENCHMARKS.md). Same answers; reading errors are worded by serde.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = evaluateSerde, unchecked_return_type = "Report")]
pub fn evaluate_serde(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MarketDocument | null")] market: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let market = read_market(market)?;
    let scenario = read_serde(scenario)?;
    let report = core::evaluate(&scenario, market.as_ref()).map_err(|e| js_error(&e))?;
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| internal(message(e)))
}
