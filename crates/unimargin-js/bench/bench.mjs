// The JavaScript package against what a JavaScript calculator would otherwise use, side by side
// in one Node run (scripts/bench-js):
//
//   (a) the package (target/js-pkg), boundary crossing included, by three crossings:
//       a1 evaluate(object): the package's crossing, one JSON string each way (JSON.stringify
//          and JSON.parse by the JS engine, serde_json in wasm),
//       a2 evaluateSerde(object): serde-wasm-bindgen in and out, property by property,
//       a3 evaluateJson(text): the scenario already JSON text (a file, a fetch), report as text;
//       and, on an Account kept in wasm: (a4) account.checkOrder(order), a repeated check;
//       (a5) account.update(tick) then account.summary(), a price tick (one contract's mark
//       price moves) and the account's figures after it;
//   (b) the same rules over decimal.js (reference-decimal.mjs, exact: agrees on every figure);
//   (c) the same rules in plain numbers (reference-number.mjs, inexact: the speed limit).
//   (b5), (c5): (b) and (c) on the scenario after the tick (without its check, as (a5) has
//       none), which is how a stateless calculator answers a tick.
//
// Each variant takes the scenario as the same plain object (FORMAT.md, decimal strings) and
// answers the whole report ((b) and (c): every FORMAT.md figure of coins, account and check,
// and the per-contract, per-position and per-order figures; the package's report has more).
// Times are CPU time (user + system of this process) per evaluation, the median of interleaved
// rounds, so that other work on the machine disturbs them less than it would wall time.
//
//   node crates/unimargin-js/bench/bench.mjs [--quick] [--markdown]
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import os from "node:os";
import path from "node:path";
import * as exact from "./reference-decimal.mjs";
import * as float from "./reference-number.mjs";
import { priceTick } from "./tick.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const pkgDir = path.resolve(root, process.env.UNIMARGIN_JS_PKG ?? "target/js-pkg");
const require = createRequire(import.meta.url);
const pkg = require(pkgDir);
const quick = process.argv.includes("--quick");
const markdown = process.argv.includes("--markdown");

const preset = path.join(root, "tests/fixtures/presets/futures-account.json");
const scenarios = [
  existsSync(preset) ? ["default preset (futures-account)", preset] : ["typical", path.join(root, "tests/fixtures/bench/typical.json")],
  ["200 positions", path.join(root, "tests/fixtures/bench/positions-200.json")],
  ["20,000 positions (large)", path.join(root, "tests/fixtures/bench/large.json")],
].map(([name, file]) => {
  const text = readFileSync(file, "utf8");
  return { name, file: path.relative(root, file), text, scenario: JSON.parse(text) };
});

const cpu = () => {
  const c = process.cpuUsage();
  return c.user + c.system; // µs
};

/** µs of CPU per call: the median of `rounds` rounds of at least `ms` each (and 2 calls). */
function measure(fn, rounds, ms) {
  const results = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = cpu();
    let elapsed;
    do {
      fn();
      n++;
      elapsed = cpu() - t0;
    } while (elapsed < ms * 1000 || n < 2);
    results.push(elapsed / n);
  }
  results.sort((x, y) => x - y);
  return results[Math.floor(results.length / 2)];
}

const loadBefore = os.loadavg();
const rows = [];
for (const s of scenarios) {
  const { scenario, text } = s;
  const account = new pkg.Account(scenario);
  // a tick: the last contract's mark price 1 % up, then back, alternately
  const { bare, ticks, ticked } = priceTick(scenario);
  const tickAccount = new pkg.Account(bare);
  let [ta, tb, tc] = [0, 0, 0];
  const variants = [
    ["a1", "package: evaluate(object)", () => pkg.evaluate(scenario)],
    ["a2", "package: evaluateSerde(object)", () => pkg.evaluateSerde(scenario)],
    ["a3", "package: evaluateJson(text), text out", () => pkg.evaluateJson(text)],
    ["b", "decimal.js", () => exact.evaluate(scenario)],
    ["c", "plain numbers", () => float.evaluate(scenario)],
    ["a4", "package: account.checkOrder(order) on an Account", () => account.checkOrder(scenario.check)],
    ["a5", "package: account.update(tick) + account.summary()", () => {
      tickAccount.update(ticks[(ta ^= 1)]);
      return tickAccount.summary();
    }],
    ["b5", "decimal.js: evaluate(scenario after the tick)", () => exact.evaluate(ticked[(tb ^= 1)]).account],
    ["c5", "plain numbers: evaluate(scenario after the tick)", () => float.evaluate(ticked[(tc ^= 1)]).account],
  ];
  // the variants answer the same: the figures the goal compares
  const engine = pkg.evaluate(scenario);
  const reference = exact.evaluate(scenario);
  for (const key of ["adjusted_equity", "margin_reserved", "maintenance_margin", "cross_margin_rate"]) {
    if (new exact.Decimal(engine.account[key]).cmp(reference.account[key]) !== 0) throw new Error(`${s.name}: ${key} differs`);
  }
  if (engine.check.max_size !== reference.check.max_size) throw new Error(`${s.name}: max_size differs`);
  if (JSON.stringify(account.checkOrder(scenario.check)) !== JSON.stringify(engine.check)) throw new Error(`${s.name}: Account check differs`);
  for (const i of [1, 0]) {
    tickAccount.update(ticks[i]);
    const after = tickAccount.summary();
    if (JSON.stringify(after) !== JSON.stringify(pkg.evaluate(ticked[i]).account)) throw new Error(`${s.name}: tick ${i} differs`);
    if (new exact.Decimal(after.adjusted_equity).cmp(exact.evaluate(ticked[i]).account.adjusted_equity) !== 0) throw new Error(`${s.name}: tick ${i} AE differs from (b)`);
  }

  const large = text.length > 1e6;
  const [rounds, ms] = quick ? [3, large ? 300 : 60] : [7, large ? 1500 : 300];
  for (const [, , fn] of variants) for (let i = 0; i < (large ? 3 : 50); i++) fn(); // warm up
  const times = Object.fromEntries(variants.map(([id]) => [id, []]));
  for (let r = 0; r < rounds; r++) for (const [id, , fn] of variants) times[id].push(measure(fn, 1, ms));
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const t = Object.fromEntries(Object.entries(times).map(([id, xs]) => [id, median(xs)]));
  rows.push({ name: s.name, file: s.file, bytes: text.length, t, labels: Object.fromEntries(variants.map(([id, label]) => [id, label])) });
  account.free();
  tickAccount.free();
  if (!markdown) console.error(`measured ${s.name}`);
}
const loadAfter = os.loadavg();

const wasm = readFileSync(path.join(pkgDir, "web/unimargin_bg.wasm"));
const us = (x) => (x >= 1000 ? `${(x / 1000).toFixed(1)} ms` : `${x.toFixed(1)} µs`);
const ratio = (x) => `${x.toFixed(1)}×`;

const lines = [];
lines.push(`Machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${os.type()} ${os.release()}.`);
lines.push(`Date: ${new Date().toISOString().slice(0, 10)}. Load average (1 min) ${loadBefore[0].toFixed(1)} before, ${loadAfter[0].toFixed(1)} after.`);
lines.push(`Package: unimargin ${pkg.version()}; \`unimargin_bg.wasm\` ${wasm.length.toLocaleString("en")} bytes, ${gzipSync(wasm, { level: 9 }).length.toLocaleString("en")} gzipped (level 9).`);
lines.push("");
lines.push("CPU time per evaluation (median of interleaved rounds; evaluations per second in brackets):");
lines.push("");
lines.push("| scenario | (a1) evaluate(object) | (a2) evaluateSerde(object) | (a3) evaluateJson(text) | (b) decimal.js | (c) plain numbers | (a4) Account.checkOrder |");
lines.push("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  const cell = (id) => `${us(r.t[id])} (${Math.round(1e6 / r.t[id]).toLocaleString("en")}/s)`;
  lines.push(`| ${r.name} (\`${r.file}\`, ${(r.bytes / 1024).toFixed(0)} KiB) | ${cell("a1")} | ${cell("a2")} | ${cell("a3")} | ${cell("b")} | ${cell("c")} | ${cell("a4")} |`);
}
lines.push("");
lines.push("Ratios (goal: (a) at least 3× faster than (b), and within 3× of (c)):");
lines.push("");
lines.push("| scenario | (b) ÷ (a1) | (b) ÷ (a2) | (b) ÷ (a3) | (a1) ÷ (c) | (a2) ÷ (c) | (a3) ÷ (c) |");
lines.push("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  const { t } = r;
  lines.push(`| ${r.name} | ${ratio(t.b / t.a1)} | ${ratio(t.b / t.a2)} | ${ratio(t.b / t.a3)} | ${ratio(t.a1 / t.c)} | ${ratio(t.a2 / t.c)} | ${ratio(t.a3 / t.c)} |`);
}
lines.push("");
lines.push("Repeated work on one account, where the package keeps the account evaluated in wasm and (b) and (c), stateless as written, evaluate the scenario again: (a4) a check of the scenario's order against (b) and (c) above (which answer it within their evaluation); (a5) a price tick, `update` then `summary`, against (b5) and (c5), the same rules on the scenario after the tick (without the check):");
lines.push("");
lines.push("| scenario | (a4) Account.checkOrder | (b) ÷ (a4) | (a4) ÷ (c) | (a5) update + summary | (b5) decimal.js | (c5) plain numbers | (b5) ÷ (a5) | (a5) ÷ (c5) |");
lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  const { t } = r;
  lines.push(`| ${r.name} | ${us(t.a4)} | ${ratio(t.b / t.a4)} | ${ratio(t.a4 / t.c)} | ${us(t.a5)} | ${us(t.b5)} | ${us(t.c5)} | ${ratio(t.b5 / t.a5)} | ${ratio(t.a5 / t.c5)} |`);
}
console.log(lines.join("\n"));
