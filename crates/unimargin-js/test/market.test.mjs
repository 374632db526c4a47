// The market document beside the scenario (MARKET.md): every entry point that takes a
// scenario takes a market too, the report names it, and its errors are at market: paths.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { unimargin, root, readJson } from "./helpers.mjs";

const { evaluate, evaluateJson, checkOrder, maxOrderSize, resolve, Account } = unimargin;

/** The default market served beside the page. */
const marketText = readFileSync(path.join(root, "web/market.json"), "utf8");
const market = JSON.parse(marketText);

/** Issue 10's person: 1.2 BTC, 8,000 USDT owed, long 0.3 BTCUSDT; tables from the market. */
const sparseText = readFileSync(path.join(root, "tests/fixtures/market/btc-long.json"), "utf8");
const sparse = JSON.parse(sparseText);

/** The order to check: 0.3 BTCUSDT more. */
const order = { market: "futures", symbol: "BTCUSDT", side: "buy", size: "0.3", price: "100000", size_step: "0.001" };

function refused(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof unimargin.UnimarginError, String(e));
    assert.equal(e.name, "UnimarginError");
    return [e.kind, e.path, e.message];
  }
  assert.fail("no error was thrown");
}

test("a scenario with its market gives its figures from every entry point", () => {
  // AE = 1.2 × 100,000 × 0.98 − 7,400 (8,000 owed less 600 of PnL) = 110,200
  const report = evaluate(sparse, market);
  assert.equal(report.account.adjusted_equity, "110200");
  assert.deepEqual(report.market, { name: "Bitget UTA, public sources", as_of: "2025-09-26" });
  assert.deepEqual(JSON.parse(evaluateJson(sparseText, marketText)), report);
  assert.deepEqual(JSON.parse(evaluateJson(Buffer.from(sparseText), Buffer.from(marketText))), report);
  // evaluateSerde exists only in a package built with the `bench` feature (scripts/bench-js)
  if (unimargin.evaluateSerde) assert.deepEqual(unimargin.evaluateSerde(sparse, market), report);
  // the check: headroom 110,200 − (1,480 + 2 × 1,518); largest size 21.186
  const check = checkOrder(sparse, order, market);
  assert.equal(check.headroom, "105684");
  assert.equal(maxOrderSize(sparse, order, "0.001", market), "21.186");
  assert.equal(maxOrderSize(sparse, order, undefined, market), "21.186");
  const account = new Account(sparse, market);
  try {
    assert.deepEqual(account.report(), { ...report, check: account.report().check });
    assert.equal(account.checkOrder(order).headroom, "105684");
    assert.equal(account.maxOrderSize(order), "21.186");
    // a price tick keeps the market's tables: BTC at 90,000 → 1.2 × 90,000 × 0.98 − 7,400
    account.update({ prices: { BTC: "90000" }, mark_prices: { BTCUSDT: "100000" } });
    assert.equal(account.summary().adjusted_equity, "98440");
  } finally {
    account.free();
  }
  const fromJson = Account.fromJson(sparseText, marketText);
  try {
    assert.equal(fromJson.summary().adjusted_equity, "110200");
    assert.equal(fromJson.report().market.name, "Bitget UTA, public sources");
  } finally {
    fromJson.free();
  }
});

test("the resolved scenario gives the same figures without the market", () => {
  const complete = resolve(sparse, market);
  assert.equal(complete.market, undefined);
  assert.deepEqual(complete.coins[0].discount_tiers, [{ up_to_usd: "1000000", rate: "0.98" }, { rate: "0.97" }]);
  assert.equal(complete.contracts[0].settle, "USDT");
  const { market: _named, ...alone } = evaluate(sparse, market);
  assert.deepEqual(evaluate(complete), alone);
});

test("no market, or null, is none; a scenario naming one needs it", () => {
  const seed = readJson(path.join(root, "tests/fixtures/seeds/seed-2-btc-two-tiers.json"));
  assert.equal(evaluate(seed).market, undefined);
  assert.equal(evaluate(seed, null).account.adjusted_equity, "1950000");
  assert.equal(evaluate(seed, undefined).account.adjusted_equity, "1950000");
  assert.equal(JSON.parse(evaluateJson(JSON.stringify(seed), null)).market, undefined);
  const [kind, where, message] = refused(() => evaluate(sparse));
  assert.equal(kind, "wrong_market");
  assert.equal(where, "market");
  assert.match(message, /load that market/);
  assert.equal(refused(() => new Account(sparse))[0], "wrong_market");
  assert.equal(refused(() => evaluate(sparse, { ...market, as_of: "2025-10-01" }))[0], "wrong_market");
});

test("a bad market is refused at its market: path, and a coin it lacks at the coin's", () => {
  const table = [
    [() => evaluate(sparse, sparse), "wrong_format", "market:format"],
    [() => evaluate(sparse, { hello: "world" }), "unknown_field", "market:hello"],
    [() => evaluate(sparse, []), "wrong_type", "market:"],
    [() => evaluateJson(sparseText, marketText.slice(0, 200)), "invalid_json", "market:source"],
    [() => evaluate(sparse, { ...market, as_of: "26 September" }), "not_a_date", "market:as_of"],
    [() => evaluate(sparse, () => 1), "missing_argument", ""],
    [() => resolve(sparse, null), "missing_argument", ""],
    [
      () => evaluate({ ...sparse, coins: [...sparse.coins, { coin: "ETH", balance: "1", price: "3000" }] }, market),
      "not_in_market",
      "coins[2].discount_tiers",
    ],
    [
      () => evaluate({ ...sparse, contracts: [{ ...sparse.contracts[0], leverage: "200" }] }, market),
      "leverage_above_max",
      "contracts[0].leverage",
    ],
  ];
  for (const [fn, kind, where] of table) {
    const [gotKind, gotPath, message] = refused(fn);
    assert.equal(gotKind, kind, message);
    assert.equal(gotPath, where, message);
  }
  const [, , message] = refused(() =>
    evaluate({ ...sparse, coins: [...sparse.coins, { coin: "ETH", balance: "1", price: "3000" }] }, market),
  );
  assert.equal(message, "ETH has no discount tiers in the market 'Bitget UTA, public sources'; give its discount tiers");
});

test("NaN and ±Infinity in a market are named at its market: path, where JSON would carry null", () => {
  // null is what JSON.stringify writes for them: the market's reader would have said
  // "invalid type: null", not what was given
  const withMax = (value) => ({ ...market, contracts: market.contracts.map((c, i) => (i === 0 ? { ...c, max_leverage: value } : c)) });
  const [nullKind, nullPath, nullMessage] = refused(() => evaluate(sparse, withMax(null)));
  assert.equal(nullPath, "market:contracts[0].max_leverage");
  assert.notEqual(nullKind, "not_finite");
  assert.match(nullMessage, /invalid type: null/);
  const withRate = (value) => ({
    ...market,
    coins: market.coins.map((c, i) => (i === 0 ? { ...c, discount_tiers: [{ ...c.discount_tiers[0], rate: value }, ...c.discount_tiers.slice(1)] } : c)),
  });
  for (const [number, spelled] of [[NaN, "NaN"], [Infinity, "Infinity"], [-Infinity, "-Infinity"]]) {
    const message = `expected a finite decimal number, got ${spelled}`;
    const entryPoints = {
      evaluate: (m) => evaluate(sparse, m),
      checkOrder: (m) => checkOrder(sparse, order, m),
      maxOrderSize: (m) => maxOrderSize(sparse, order, undefined, m),
      Account: (m) => new Account(sparse, m),
      resolve: (m) => resolve(sparse, m),
      ...(unimargin.evaluateSerde ? { evaluateSerde: (m) => unimargin.evaluateSerde(sparse, m) } : {}),
    };
    for (const [name, call] of Object.entries(entryPoints)) {
      assert.deepEqual(refused(() => call(withMax(number))), ["not_finite", "market:contracts[0].max_leverage", message], name);
      assert.deepEqual(refused(() => call(withRate(number))), ["not_finite", "market:coins[0].discount_tiers[0].rate", message], name);
      // the market itself a number
      assert.deepEqual(refused(() => call(number)), ["not_finite", "market:", message], name);
    }
  }
});
