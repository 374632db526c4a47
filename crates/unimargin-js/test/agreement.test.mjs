// The engine (through the package) against the same rules written again in JavaScript:
// (b) over decimal.js must agree on every figure, exactly; (c) in plain numbers must come
// close (it is inexact by nature: this only shows it computes the same thing).
//
// How figures are compared: every figure (b) answers (FORMAT.md's `coins`, `account` and
// `check`, and each contract's, position's and pending order's figures) is looked up at the
// same place in the engine's report. Decimal strings are normalized on both sides (parsed by
// decimal.js and written back: "49000.00" and "4.9e4" read as "49000") and must then be equal
// as text; booleans, `risk` and `null` (unbounded) must be identical. (b) computes exactly
// (50 significant digits) and rounds a result only where the engine must: to the engine's
// format, half to even, at most 28 decimal places within a 96-bit mantissa. In these scenarios
// that happens only to quotients (and to the secant points that choose the sizes the
// largest-size search tries, not its answer); the test checks that nothing else was rounded,
// so every other figure is compared exact against exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { unimargin, seeds, root, benchmarkScenarios } from "./helpers.mjs";
import * as exact from "../bench/reference-decimal.mjs";
import * as float from "../bench/reference-number.mjs";

const { Decimal, rounded } = exact;

const normalize = (v) => (typeof v === "string" && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v) ? new Decimal(v).toString() : v);

/** Every leaf of `ours`, with its path, compared to the engine's value at that path. */
function compare(ours, engine, path, mismatches, count) {
  if (ours === null || typeof ours !== "object") {
    count.n++;
    if (normalize(ours) !== normalize(engine)) mismatches.push(`${path}: reference ${ours}, engine ${engine}`);
    return;
  }
  for (const key of Object.keys(ours)) compare(ours[key], engine?.[key], `${path}.${key}`, mismatches, count);
}

const benchmarks = benchmarkScenarios();
if (!benchmarks.some((b) => b.name === "typical")) {
  benchmarks.push({ name: "typical", text: readFileSync(path.join(root, "tests/fixtures/bench/typical.json"), "utf8") });
}
// discount tiers bounded in coin units (RULES §3, as Bybit and KuCoin publish them): KuCoin's
// 660 BTC across three tiers, a pending buy and a check that cross a bound, on a USDT loan
const coinUnits = {
  format: "unimargin/scenario@1",
  coins: [
    { coin: "BTC", balance: "660", price: "100000", discount_tiers: [{ up_to: "500", rate: "0.98" }, { up_to: "600", rate: "0.975" }, { rate: "0.97" }] },
    { coin: "USDT", balance: "0", discount_tiers: [{ rate: "1" }], loan_tiers: [{ up_to: "10000000", leverage: "10", mmr: "0.03" }, { leverage: "5", mmr: "0.05" }] },
  ],
  orders: [{ market: "spot", side: "sell", base: "BTC", quote: "USDT", size: "100", price: "100000" }],
  check: { market: "spot", side: "buy", base: "BTC", quote: "USDT", size: "50", price: "100000", size_step: "1" },
};
const cases = [
  ...Object.entries(seeds).map(([name, scenario]) => ({ name, scenario })),
  ...benchmarks.map((b) => ({ name: b.name, scenario: JSON.parse(b.text) })),
  { name: "tiers in coin units", scenario: coinUnits },
];

for (const { name, scenario } of cases) {
  test(`decimal.js agrees with the engine on every figure: ${name}`, () => {
    const engine = unimargin.evaluate(scenario);
    Object.assign(rounded, { quotients: 0, search: 0, other: 0 });
    const ours = exact.evaluate(scenario);
    const mismatches = [];
    const count = { n: 0 };
    compare(ours, engine, "", mismatches, count);
    assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} of ${count.n} figures differ`);
    assert.equal(rounded.other, 0, "only quotients (and the search's secant points) are rounded");
    // every FORMAT.md figure of coins, account and check was compared
    const formatFields = {
      coins: ["coin", "usd_price", "unrealized_pnl", "equity", "debt", "usd_equity", "contribution", "hourly_interest_usd"],
      account: ["account_equity", "adjusted_equity", "spot_trading_losses", "pending_fees", "position_value", "initial_margin_loans", "initial_margin_derivatives", "margin_reserved", "available_margin", "maintenance_margin_loans", "maintenance_margin_derivatives", "maintenance_margin", "partial_liquidation_fees", "account_leverage", "cross_margin_rate", "risk", "futures_orders_cancelled"],
      check: ["accepted", "spot_loss", "fee", "initial_margin_added", "adjusted_equity_after", "margin_reserved_after", "headroom", "max_size"],
      positions: ["unrealized_pnl", "unrealized_pnl_usd", "initial_margin", "maintenance_margin", "roi", "available"],
    };
    for (const field of formatFields.coins) for (const coin of ours.coins) assert.ok(field in coin, `coins[].${field}`);
    for (const field of formatFields.account) assert.ok(field in ours.account, `account.${field}`);
    if (scenario.check) for (const field of formatFields.check) assert.ok(field in ours.check, `check.${field}`);
    for (const field of formatFields.positions) for (const p of ours.positions) assert.ok(field in p, `positions[].${field}`);
    assert.equal(ours.coins.length, engine.coins.length);
    assert.equal(ours.positions.length, engine.positions.length);
    assert.equal(ours.orders.length, engine.orders.length);
    assert.equal(ours.contracts.length, engine.contracts.length);
  });

  test(`plain numbers come within 1e-6 of the engine: ${name}`, () => {
    const engine = unimargin.evaluate(scenario);
    const ours = float.evaluate(scenario);
    const off = [];
    (function walk(a, b, path) {
      if (a === null || typeof a !== "object") {
        if (typeof a === "number") {
          const e = Number(b);
          if (!(Math.abs(a - e) <= 1e-6 * Math.max(1, Math.abs(e)))) off.push(`${path}: ${a} vs ${b}`);
        } else if (a !== b) off.push(`${path}: ${a} vs ${b}`);
        return;
      }
      for (const key of Object.keys(a)) walk(a[key], b?.[key], `${path}.${key}`);
    })(ours, engine, "");
    assert.deepEqual(off.slice(0, 20), []);
  });
}

test("the reference is no mirror of the engine: a changed rule shows", () => {
  // the same account with every discount rate raised: the reference must notice the change
  const scenario = structuredClone(seeds["seed-1-btc-dot-collateral"]);
  const before = exact.evaluate(scenario).account.adjusted_equity;
  scenario.coins[0].discount_tiers = [{ rate: "0.5" }];
  assert.equal(before, "49000");
  assert.equal(exact.evaluate(scenario).account.adjusted_equity, "25000");
  assert.equal(unimargin.evaluate(scenario).account.adjusted_equity, "25000");
});
