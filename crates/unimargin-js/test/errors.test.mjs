// The kind of every UnimarginError: a stable code (the engine's ErrorKind::code) beside its
// path and message, from every entry point and for the package's own errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { unimargin, seeds, pkgDir } from "./helpers.mjs";

const { evaluate, evaluateJson, checkOrder, maxOrderSize, Account, UnimarginError } = unimargin;

/** Calls `fn`, which must throw a UnimarginError, and gives back its [kind, path, message]. */
function refused(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof UnimarginError && e instanceof Error, `an UnimarginError, not ${e}`);
    assert.equal(e.name, "UnimarginError");
    return [e.kind, e.path, e.message];
  }
  assert.fail("no error was thrown");
}

test("an error has a kind beside its path and message", () => {
  const scenario = structuredClone(seeds["seed-1-btc-dot-collateral"]);
  scenario.coins[0].discount_tiers[0].rate = "1.5";
  const want = ["not_a_fraction", "coins[0].discount_tiers[0].rate", "rate must be between 0 and 1, got 1.5"];
  assert.deepEqual(refused(() => evaluate(scenario)), want);
  assert.deepEqual(refused(() => evaluateJson(JSON.stringify(scenario))), want);
  assert.deepEqual(refused(() => new Account(scenario)), want);
  // evaluateSerde exists only in a package built with the `bench` feature (scripts/bench-js)
  if (unimargin.evaluateSerde) assert.deepEqual(refused(() => unimargin.evaluateSerde(scenario)), want);
});

test("reading errors have their kinds", () => {
  const seed = seeds["seed-1-btc-dot-collateral"];
  const table = [
    [() => evaluate({ ...seed, coins: [{ coin: "BTC", price: "1" }] }), "missing_field", "coins[0].balance"],
    [() => evaluate({ ...seed, colour: "red" }), "unknown_field", "colour"],
    [() => evaluate({ ...seed, coins: [42] }), "wrong_type", "coins[0]"],
    ...(unimargin.evaluateSerde ? [[() => unimargin.evaluateSerde({ ...seed, coins: [42] }), "wrong_type", "coins[0]"]] : []),
    [() => evaluate({ ...seed, coins: [{ coin: "BTC", balance: "1 BTC", price: "1" }] }), "not_a_decimal", "coins[0].balance"],
    [() => evaluate({ ...seed, coins: [{ coin: "BTC", balance: "1e29", price: "1" }] }), "number_too_large", "coins[0].balance"],
    [() => evaluate({ ...seed, format: "unimargin/scenario@2" }), "wrong_format", "format"],
    [() => evaluateJson('{"format": "unimargin/scenario@1", "coins": ['), "invalid_json", "coins"],
    [() => evaluateJson(new Uint8Array([0x7b, 0xff])), "invalid_json", ""],
  ];
  for (const [fn, kind, where] of table) {
    const [gotKind, gotPath, message] = refused(fn);
    assert.equal(gotKind, kind, message);
    assert.equal(gotPath, where, message);
  }
});

test("the package's own errors have kinds too", () => {
  const seed = seeds["seed-3-buy-dot"];
  assert.deepEqual(refused(() => evaluate(undefined)), ["missing_argument", "", "expected a scenario, got undefined"]);
  assert.equal(refused(() => evaluate({ ...seed, coins: [{ ...seed.coins[0], balance: 10n }] }))[0], "not_serializable");
  assert.equal(refused(() => evaluateJson(7))[0], "not_json_text");
  assert.deepEqual(refused(() => maxOrderSize(seed, seed.check, "abc")).slice(0, 2), ["not_a_decimal", "check.size_step"]);
  assert.deepEqual(refused(() => maxOrderSize(seed, seed.check, NaN)), ["not_finite", "check.size_step", "expected a finite decimal number, got NaN"]);
  assert.deepEqual(refused(() => checkOrder(seed, { ...seed.check, size: "-1" })).slice(0, 2), ["not_positive", "check.size"]);
  const account = new Account(seed);
  assert.deepEqual(refused(() => account.checkOrder({ ...seed.check, quote: "EUR" })).slice(0, 2), ["unknown_coin", "check.quote"]);
  assert.deepEqual(refused(() => account.update({ prices: { XRP: "1" } })), [
    "not_in_account",
    "coins",
    `this account has no coin "XRP" (it has: ${seed.coins.map((c) => c.coin).join(", ")})`,
  ]);
  assert.deepEqual(refused(() => account.update({ prices: { DOT: "0" } })).slice(0, 2), ["not_positive", "coins[2].price"]);
  assert.deepEqual(refused(() => account.update({ marks: {} })).slice(0, 2), ["unknown_field", "marks"]);
  assert.deepEqual(refused(() => account.update({ prices: { DOT: Infinity } })), ["not_finite", "prices.DOT", "expected a finite decimal number, got Infinity"]);
  account.free();
  assert.deepEqual(refused(() => account.summary()), [
    "account_freed",
    "",
    "this Account was freed (free() was called), so summary() cannot use it; create a new Account",
  ]);
});

test("the class can be constructed with a kind, which defaults to other", () => {
  const made = new UnimarginError("a sentence", "coins[0]", "not_positive");
  assert.deepEqual([made.name, made.kind, made.path, made.message], ["UnimarginError", "not_positive", "coins[0]", "a sentence"]);
  const bare = new UnimarginError("a sentence");
  assert.deepEqual([bare.kind, bare.path], ["other", ""]);
});

test("the TypeScript definitions list every kind thrown here", () => {
  const definitions = readFileSync(path.join(pkgDir, "web/bindings.d.ts"), "utf8");
  const start = definitions.indexOf("export type UnimarginErrorKind =");
  assert.ok(start >= 0, "UnimarginErrorKind is defined");
  const listed = definitions.slice(start, definitions.indexOf(";", start));
  for (const kind of ["not_a_fraction", "missing_field", "invalid_json", "not_in_account", "not_finite", "missing_argument", "account_freed"]) {
    assert.ok(listed.includes(`"${kind}"`), kind);
  }
  assert.match(definitions, /kind: UnimarginErrorKind;/);
});
