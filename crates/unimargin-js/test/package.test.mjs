// The built package in Node: the seeds, errors with their paths, round trips, the order
// functions against evaluate's check, the reusable Account, and the browser (web/) build.
// (packing.test.mjs checks the packed tarball as an installed dependency.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { unimargin, seeds, pkgDir, root, readJson, withoutCheck, benchmarkScenarios } from "./helpers.mjs";

const { evaluate, evaluateJson, checkOrder, maxOrderSize, Account, UnimarginError, version } = unimargin;

test("version is the workspace's", () => {
  const cargo = readFileSync(path.join(root, "Cargo.toml"), "utf8");
  assert.equal(version(), cargo.match(/^version = "(.*)"$/m)[1]);
});

test("seed 1: 1 BTC at 50,000 rate 0.98 and 500 DOT at 4 rate 0 give 49,000", () => {
  const report = evaluate(seeds["seed-1-btc-dot-collateral"]);
  assert.equal(report.format, "unimargin/report@1");
  assert.equal(report.account.adjusted_equity, "49000");
  assert.deepEqual(
    report.coins.map((c) => [c.coin, c.usd_equity, c.contribution]),
    [
      ["BTC", "50000", "49000"],
      ["DOT", "2000", "0"],
    ],
  );
  assert.equal(report.check, undefined);
});

test("seed 2: 40 BTC across two tiers give 980,000 + 970,000 = 1,950,000", () => {
  const report = evaluate(seeds["seed-2-btc-two-tiers"]);
  assert.equal(report.account.adjusted_equity, "1950000");
  assert.deepEqual(
    report.coins[0].discount_slices.map((s) => [s.from_usd, s.to_usd, s.discounted_usd]),
    [
      ["0", "1000000", "980000"],
      ["1000000", null, "970000"],
    ],
  );
});

test("seed 3: buying 20 DOT at 5 USDT costs a spot loss of 50, leaving 50,100", () => {
  const report = evaluate(seeds["seed-3-buy-dot"]);
  assert.equal(report.account.adjusted_equity, "50150");
  assert.equal(report.check.accepted, true);
  assert.equal(report.check.spot_loss, "50");
  assert.equal(report.check.adjusted_equity_after, "50100");
  assert.equal(report.check.headroom, "50100");
});

test("seed 4: selling 20 DOT on a loan reserves 20 × 5 ÷ 10 = 10", () => {
  const report = evaluate(seeds["seed-4-sell-dot-on-loan"]);
  assert.equal(report.account.adjusted_equity, "50100");
  assert.equal(report.check.accepted, true);
  assert.equal(report.check.initial_margin_added, "10");
  assert.equal(report.check.margin_reserved_after, "10");
  assert.equal(report.check.headroom, "50090");
});

const badRate = () => {
  const scenario = structuredClone(seeds["seed-1-btc-dot-collateral"]);
  scenario.coins[0].discount_tiers[0].rate = 1.5;
  return scenario;
};

/** `fn` throws an UnimarginError at `path` saying `message` (and of `kind`, when given). */
function assertUnimarginError(fn, path, message, kind) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof UnimarginError, `an UnimarginError, not ${e}`);
    assert.ok(e instanceof Error, "an Error");
    assert.equal(e.name, "UnimarginError");
    assert.equal(e.path, path);
    if (kind !== undefined) assert.equal(e.kind, kind, e.message);
    if (message instanceof RegExp) assert.match(e.message, message);
    else assert.equal(e.message, message);
    return true;
  });
}

test("a rate of 1.5 is an Error naming its path, from every entry point", () => {
  const scenario = badRate();
  const path = "coins[0].discount_tiers[0].rate";
  const message = "rate must be between 0 and 1, got 1.5";
  assertUnimarginError(() => evaluate(scenario), path, message);
  assertUnimarginError(() => evaluateJson(JSON.stringify(scenario)), path, message);
  assertUnimarginError(() => new Account(scenario), path, message);
  assertUnimarginError(() => Account.fromJson(JSON.stringify(scenario)), path, message);
  const order = seeds["seed-3-buy-dot"].check;
  assertUnimarginError(() => checkOrder(scenario, order), path, message);
  assertUnimarginError(() => maxOrderSize(scenario, order), path, message);
});

test("reading errors name their path too, and never panic", () => {
  const seed = seeds["seed-1-btc-dot-collateral"];
  assertUnimarginError(() => evaluate({ ...seed, coins: [{ coin: "BTC", price: "1" }] }), "coins[0].balance", "missing field `balance`");
  assertUnimarginError(() => evaluate({ ...seed, coins: [{ coin: "BTC", balance: "1 BTC", price: "1" }] }), "coins[0].balance", /expected a decimal number/);
  assertUnimarginError(() => evaluate({ ...seed, colour: "red" }), "colour", /unknown field `colour`/);
  assertUnimarginError(() => evaluate({ ...seed, coins: [42] }), "coins[0]", /invalid type/);
  assertUnimarginError(() => evaluate(null), "", /invalid type/);
  assertUnimarginError(() => evaluate({ ...seed, format: "unimargin/scenario@2" }), "format", /expected "unimargin\/scenario@1"/);
  assertUnimarginError(() => evaluateJson('{"format": "unimargin/scenario@1", "coins": ['), "coins", /invalid JSON/);
  assertUnimarginError(() => evaluateJson(7), "", /expected JSON text/);
  const order = { ...seeds["seed-3-buy-dot"].check, size: "-1" };
  assertUnimarginError(() => checkOrder(seeds["seed-3-buy-dot"], order), "check.size", "size must be greater than 0, got -1");
  assertUnimarginError(() => maxOrderSize(seeds["seed-3-buy-dot"], seeds["seed-3-buy-dot"].check, "abc"), "check.size_step", /expected a decimal number/);
  const account = new Account(seeds["seed-3-buy-dot"]);
  assertUnimarginError(() => account.checkOrder({ ...order, size: "1", quote: "EUR" }), "check.quote", "EUR is not one of the coins; add it to `coins`");
  assertUnimarginError(() => account.checkOrder({ market: "futures", symbol: "BTCUSDT", side: "buy", size: "1", price: "1" }), "check.symbol", /BTCUSDT is not one of the contracts/);
  account.free();
});

test("a report round-trips through JSON, and both crossings give the same report", () => {
  for (const [name, scenario] of Object.entries(seeds)) {
    const report = evaluate(scenario);
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report, name);
    assert.deepEqual(JSON.parse(evaluateJson(JSON.stringify(scenario))), report, name);
    assert.deepEqual(JSON.parse(evaluateJson(Buffer.from(JSON.stringify(scenario)))), report, name);
    // the scenario, written back as text, reads as the same account
    assert.deepEqual(evaluate(JSON.parse(JSON.stringify(scenario))), report, name);
  }
});

test("text beyond ASCII crosses intact, as a string and as bytes", () => {
  const scenario = structuredClone(seeds["seed-1-btc-dot-collateral"]);
  scenario.coins[1].coin = "DÖT€😀";
  const report = evaluate(scenario);
  assert.equal(report.coins[1].coin, "DÖT€😀");
  assert.deepEqual(JSON.parse(evaluateJson(JSON.stringify(scenario))), report);
  assert.deepEqual(JSON.parse(evaluateJson(Buffer.from(JSON.stringify(scenario)))), report);
  // a text long enough to cross through TextEncoder (the short one crossed the usual way)
  const preset = readJson(path.join(root, "tests/fixtures/presets/futures-account.json"));
  preset.coins[1].coin = "ÉTH€😀·永续";
  const long = JSON.stringify(preset);
  assert.ok(long.length > 1024, "the preset is long");
  const fromText = JSON.parse(evaluateJson(long));
  assert.equal(fromText.coins[1].coin, "ÉTH€😀·永续");
  assert.deepEqual(fromText, evaluate(preset));
  assert.deepEqual(fromText, JSON.parse(evaluateJson(Buffer.from(long))));
  // a lone surrogate is no text: JSON.stringify escapes it, and the engine refuses it
  scenario.coins[1].coin = "D\ud800T";
  assert.throws(() => evaluate(scenario), { name: "UnimarginError", message: /invalid JSON/ });
});

test("the published package has no benchmark-only exports", { skip: path.basename(pkgDir).includes("bench") && "a bench build" }, () => {
  assert.equal(unimargin.evaluateSerde, undefined);
});

// evaluateSerde exists only in a package built with the `bench` feature:
// UNIMARGIN_JS_PKG=target/js-pkg-bench node --test crates/unimargin-js/test/*.test.mjs after scripts/bench-js
test("evaluateSerde (serde-wasm-bindgen) answers as evaluate does", { skip: !unimargin.evaluateSerde && "built without the bench feature" }, () => {
  const scenarios = [...Object.values(seeds), ...benchmarkScenarios().filter((b) => b.name !== "large").map((b) => JSON.parse(b.text))];
  for (const scenario of scenarios) assert.deepEqual(unimargin.evaluateSerde(scenario), evaluate(scenario));
  assertUnimarginError(() => unimargin.evaluateSerde(badRate()), "coins[0].discount_tiers[0].rate", "rate must be between 0 and 1, got 1.5");
  assertUnimarginError(() => unimargin.evaluateSerde({ ...seeds["seed-1-btc-dot-collateral"], coins: [42] }), "coins[0]", /invalid type/);
  // a value quoting serde_json's position words is not cut short, by either reader
  const odd = { ...seeds["seed-1-btc-dot-collateral"], coins: [{ coin: "BTC", balance: "1 at line 5", price: "1" }] };
  assertUnimarginError(() => unimargin.evaluateSerde(odd), "coins[0].balance", /got "1 at line 5"$/);
  assertUnimarginError(() => evaluate(odd), "coins[0].balance", /got "1 at line 5"$/);
});

test("a field set to undefined is left out, as JSON leaves it out", () => {
  const seed = seeds["seed-1-btc-dot-collateral"];
  const coins = seed.coins.map((c) => ({ ...c, hourly_interest: undefined }));
  assert.deepEqual(evaluate({ ...seed, coins, check: undefined }), evaluate(seed));
  assertUnimarginError(() => evaluate(undefined), "", /expected a scenario/);
  assertUnimarginError(() => evaluate({ ...seed, coins: [{ ...seed.coins[0], balance: 10n }] }), "", /cannot be written as JSON/);
});

test("JS numbers read as their shortest text", () => {
  const seed = seeds["seed-3-buy-dot"];
  const numeric = JSON.parse(JSON.stringify(seed), (key, value) => (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value));
  assert.equal(typeof numeric.coins[0].balance, "number");
  assert.deepEqual(evaluate(numeric), evaluate(seed));
});

test("checkOrder and maxOrderSize answer what evaluate's check says", () => {
  const scenarios = [
    ["seed-3", seeds["seed-3-buy-dot"]],
    ["seed-4", seeds["seed-4-sell-dot-on-loan"]],
    ...benchmarkScenarios()
      .filter((b) => b.name !== "large")
      .map((b) => [b.name, JSON.parse(b.text)]),
  ];
  for (const [name, scenario] of scenarios) {
    const expected = evaluate(scenario).check;
    const bare = withoutCheck(scenario);
    assert.deepEqual(checkOrder(bare, scenario.check), expected, name);
    assert.equal(maxOrderSize(bare, scenario.check), expected.max_size, name);
    const account = new Account(bare);
    assert.deepEqual(account.checkOrder(scenario.check), expected, name);
    assert.equal(account.maxOrderSize(scenario.check), expected.max_size, name);
    assert.deepEqual(account.report(), evaluate(bare), name);
    account.free();
    const withIt = Account.fromJson(JSON.stringify(scenario));
    assert.deepEqual(JSON.parse(withIt.reportJson()), evaluate(scenario), name);
    withIt.free();
  }
});

test("maxOrderSize on another grid: the largest multiple accepted, the next one not", () => {
  const seed = seeds["seed-3-buy-dot"];
  // buying s DOT at 5 USDT: spot loss 2.5 s; past 20 DOT it borrows 5 s − 100 USDT at
  // leverage 10, reserving 0.5 s − 10; headroom 50,150 − 2.5 s − (0.5 s − 10) = 50,160 − 3 s
  assert.equal(maxOrderSize(seed, seed.check), "16720");
  assert.equal(maxOrderSize(seed, seed.check, "3"), "16719");
  assert.equal(maxOrderSize(seed, seed.check, 7), "16716");
  assert.equal(checkOrder(seed, { ...seed.check, size: "16720" }).headroom, "0");
  assert.equal(checkOrder(seed, { ...seed.check, size: "16720" }).accepted, true);
  assert.equal(checkOrder(seed, { ...seed.check, size: "16720.00000001" }).accepted, false);
  // an order on another contract or coin than the scenario's check, through one Account
  const bench = readJson(path.join(root, "tests/fixtures/bench/typical.json"));
  const account = new Account(bench);
  for (const order of [
    { market: "spot", side: "buy", base: "BTC", quote: "USDT", size: "1", price: "64000" },
    { market: "spot", side: "sell", base: bench.coins[4].coin, quote: "USDT", size: "3", price: "1" },
    { market: "futures", side: "sell", symbol: bench.contracts[bench.contracts.length - 1].symbol, size: "2", price: bench.contracts[bench.contracts.length - 1].mark_price },
  ]) {
    assert.deepEqual(account.checkOrder(order), checkOrder(bench, order), JSON.stringify(order));
    assert.equal(account.maxOrderSize(order, "0.01"), maxOrderSize(bench, order, "0.01"), JSON.stringify(order));
  }
  account.free();
});

test("Account.update moves prices: the figures are those of the changed scenario, evaluated afresh", () => {
  for (const { name, text } of benchmarkScenarios()) {
    const scenario = JSON.parse(text);
    const account = new Account(scenario);
    const contract = scenario.contracts[scenario.contracts.length - 1];
    const coin = scenario.coins.find((c) => c.price !== undefined);
    // a tick: the last contract's mark down 3 %, the first priced coin's price up 2 %
    const mark = (Number(contract.mark_price) * 0.97).toFixed(2);
    const price = (Number(coin.price) * 1.02).toFixed(2);
    account.update({ mark_prices: { [contract.symbol]: mark }, prices: { [coin.coin]: Number(price) } });
    const moved = structuredClone(scenario);
    moved.contracts[moved.contracts.length - 1].mark_price = mark;
    moved.coins.find((c) => c.coin === coin.coin).price = price;
    const expected = evaluate(moved);
    assert.notDeepEqual(expected.account, evaluate(scenario).account, `${name}: the tick moves the figures`);
    assert.deepEqual(account.summary(), expected.account, name);
    assert.deepEqual(account.report(), expected, name);
    assert.deepEqual(account.checkOrder(scenario.check), expected.check, name);
    account.free();
  }
});

test("a failed Account.update names the field and leaves the account as it was", () => {
  const scenario = readJson(path.join(root, "tests/fixtures/presets/futures-account.json"));
  const account = new Account(scenario);
  const before = account.report();
  // the good change in each update is undone along with the bad one
  assertUnimarginError(() => account.update({ prices: { BTC: "1" }, mark_prices: { ETHUSDT: "3000" } }), "contracts", 'this account has no contract "ETHUSDT" (it has: BTCUSDT)');
  assertUnimarginError(() => account.update({ mark_prices: { BTCUSDT: "1" }, prices: { DOT: 5 } }), "coins", 'this account has no coin "DOT" (it has: BTC, ETH, USDT)');
  assertUnimarginError(() => account.update({ prices: { ETH: "3000" }, mark_prices: { BTCUSDT: "-1" } }), "contracts[0].mark_price", /greater than 0/);
  assertUnimarginError(() => account.update({ prices: { BTC: "a lot" } }), "prices.BTC", /expected a decimal number/);
  assertUnimarginError(() => account.update({ marks: { BTCUSDT: "1" } }), "marks", /unknown field `marks`/);
  assertUnimarginError(() => account.update(undefined), "", /expected an update/);
  assert.deepEqual(account.report(), before);
  account.free();
});

test("NaN and ±Infinity given as numbers are named as given, where JSON would carry null", () => {
  const seed = seeds["seed-3-buy-dot"];
  const order = seed.check;
  // null is what JSON.stringify writes for them; where null means "left out" (a coin's
  // quote: USD), a NaN would have passed unnoticed
  const withQuote = (value) => ({ ...seed, coins: seed.coins.map((c, i) => (i === 2 ? { ...c, quote: value } : c)) });
  assert.doesNotThrow(() => evaluate(withQuote(null)));
  const balance = (value) => ({ ...seed, coins: seed.coins.map((c, i) => (i === 0 ? { ...c, balance: value } : c)) });
  const account = new Account(seed);
  for (const [number, spelled] of [[NaN, "NaN"], [Infinity, "Infinity"], [-Infinity, "-Infinity"]]) {
    // the engine's NumberError::NotFinite, spelled as JS spells the number
    const message = `expected a finite decimal number, got ${spelled}`;
    const refused = (fn, path) => assertUnimarginError(fn, path, message, "not_finite");
    refused(() => evaluate(balance(number)), "coins[0].balance");
    refused(() => new Account(balance(number)), "coins[0].balance");
    refused(() => evaluate(withQuote(number)), "coins[2].quote");
    refused(() => checkOrder(seed, { ...order, price: number }), "check.price");
    refused(() => maxOrderSize(seed, order, number), "check.size_step");
    refused(() => account.checkOrder({ ...order, size: number }), "check.size");
    refused(() => account.update({ prices: { DOT: number } }), "prices.DOT");
    refused(() => account.update({ mark_prices: {}, prices: { DOT: "5", USDT: number } }), "prices.USDT");
    if (unimargin.evaluateSerde) refused(() => unimargin.evaluateSerde(balance(number)), "coins[0].balance");
  }
  // a value whose toJSON gives a number is looked at as JSON.stringify sees it
  const boxed = { ...seed, coins: seed.coins.map((c, i) => (i === 0 ? { ...c, price: { toJSON: () => NaN } } : c)) };
  assertUnimarginError(() => evaluate(boxed), "coins[0].price", "expected a finite decimal number, got NaN", "not_finite");
  // a null that is no number keeps the engine's own message
  assertUnimarginError(() => evaluate({ ...seed, coins: [{ ...seed.coins[0], balance: null }] }), "coins[0].balance", /invalid type: null/);
  account.free();
});

test("an Account used after free() throws an UnimarginError saying it was freed", () => {
  const seed = seeds["seed-3-buy-dot"];
  const account = new Account(seed);
  assert.equal(account.summary().adjusted_equity, "50150");
  account.free();
  const calls = {
    report: () => account.report(),
    reportJson: () => account.reportJson(),
    summary: () => account.summary(),
    update: () => account.update({ prices: { DOT: "6" } }),
    checkOrder: () => account.checkOrder(seed.check),
    maxOrderSize: () => account.maxOrderSize(seed.check, "1"),
  };
  for (const [name, call] of Object.entries(calls)) {
    assertUnimarginError(call, "", `this Account was freed (free() was called), so ${name}() cannot use it; create a new Account`, "account_freed");
  }
  // every method is guarded (a method added later is, too)
  const methods = Object.getOwnPropertyNames(Account.prototype).filter((n) => !["constructor", "free"].includes(n) && !n.startsWith("__"));
  assert.deepEqual(methods.sort(), Object.keys(calls).sort());
  account.free(); // freeing again does nothing, as disposing again does
  if (typeof Symbol.dispose === "symbol") account[Symbol.dispose]();
  // another account is untouched
  const other = new Account(seed);
  assert.equal(other.summary().adjusted_equity, "50150");
  other.free();
});

test("the browser build (web/) works once initialised with the wasm, with the same errors", async () => {
  const web = await import(path.join(pkgDir, "web/unimargin.js"));
  await web.default({ module_or_path: readFileSync(path.join(pkgDir, "web/unimargin_bg.wasm")) });
  const seed = seeds["seed-3-buy-dot"];
  assert.deepEqual(web.evaluate(seed), evaluate(seed));
  assert.throws(() => web.evaluate(badRate()), (e) => e instanceof web.UnimarginError && e.name === "UnimarginError" && e.path === "coins[0].discount_tiers[0].rate");
  // init again returns at once, the wasm being loaded
  assert.equal(await web.default(), await web.default());
  const account = new web.Account(seed);
  account.free();
  assert.throws(() => account.summary(), (e) => e instanceof web.UnimarginError && e.kind === "account_freed" && /was freed/.test(e.message));
});

test("Node and the browser build have one surface: the same names, init and initSync included", async () => {
  const esm = await import(path.join(pkgDir, "node/unimargin.js"));
  const web = await import(path.join(pkgDir, "web/unimargin.js"));
  const names = (module) => Object.keys(module).sort();
  assert.deepEqual(names(unimargin), names(esm), "require() and import in Node");
  assert.deepEqual(names(esm), names(web), "Node and the browser");
  for (const name of ["default", "initSync", "evaluate", "evaluateJson", "checkOrder", "maxOrderSize", "Account", "UnimarginError", "resolve", "version"]) {
    assert.ok(names(esm).includes(name), name);
  }
  // in Node the wasm is loaded: init() resolves at once, to the wasm's exports, as the
  // browser build's does once loaded; initSync() too
  for (const module of [unimargin, esm]) {
    const exports = await module.default();
    assert.ok(exports.memory instanceof WebAssembly.Memory);
    assert.equal(await module.default({ module_or_path: "ignored.wasm" }), exports);
    assert.equal(module.initSync(), exports);
  }
  assert.equal(esm.evaluate(seeds["seed-1-btc-dot-collateral"]).account.adjusted_equity, "49000");
  // the Node ES module is the browser module with its wasm loaded: one class
  assert.equal(esm.UnimarginError, web.UnimarginError);
});

test("the package ships its modules, one wasm, types and README, for node and the browser", () => {
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  assert.equal(pkg.version, version());
  const files = ["node/unimargin.js", "node/unimargin.cjs", "node/unimargin.d.ts", "node/unimargin.d.cts", "web/unimargin.js", "web/bindings.js", "web/unimargin_bg.wasm", "web/unimargin.d.ts", "web/bindings.d.ts", "README.md", "LICENSE-MIT", "LICENSE-APACHE"];
  for (const file of files) {
    assert.ok(readFileSync(path.join(pkgDir, file)).length > 0, file);
  }
  for (const file of ["web/bindings.d.ts", "node/unimargin.d.cts"]) {
    const types = readFileSync(path.join(pkgDir, file), "utf8");
    for (const name of ["interface Scenario", "interface Report", "interface Check", "interface MarketDocument", "class UnimarginError extends Error", "export function evaluate(scenario: Scenario, market?: MarketDocument | null): Report", "checkOrder(scenario: Scenario, order: Order, market?: MarketDocument | null): Check", "maxOrderSize(scenario: Scenario, order: Order, step?: DecimalInput | null, market?: MarketDocument | null): string", "maxOrderSize(order: Order, step?: DecimalInput | null): string", "export function resolve(scenario: Scenario, market: MarketDocument): Scenario"]) {
      assert.ok(types.includes(name), `${file} has ${name}`);
    }
  }
});
