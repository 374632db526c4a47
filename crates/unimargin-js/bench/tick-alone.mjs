// A price tick on the default preset, each variant in a hot loop of its own (not interleaved
// with the other variants as in bench.mjs, which leaves plain JS numbers less JIT-hot):
// (a5) account.update(tick) + account.summary() against (c5) the plain-number rules on the
// ticked scenario. CPU time per tick, median of 7 rounds. BENCHMARKS.md quotes it.
//
//   scripts/build-js && node crates/unimargin-js/bench/tick-alone.mjs
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import * as float from "./reference-number.mjs";
import { priceTick } from "./tick.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const pkg = createRequire(import.meta.url)(path.resolve(root, process.env.UNIMARGIN_JS_PKG ?? "target/js-pkg"));
const { bare, ticks, ticked } = priceTick(JSON.parse(readFileSync(path.join(root, "tests/fixtures/presets/futures-account.json"), "utf8")));
const account = new pkg.Account(bare);
let [a, c] = [0, 0];
const tick = () => {
  account.update(ticks[(a ^= 1)]);
  return account.summary();
};
const plain = () => float.evaluate(ticked[(c ^= 1)]).account;
// the two answer the same figures, to floating-point precision
for (let i = 0; i < 2; i++) {
  const [exact, inexact] = [tick(), plain()];
  for (const [key, value] of Object.entries(inexact)) {
    if (!(key in exact)) throw new Error(`the tick has no ${key}`);
    if (typeof value === "number" && Math.abs(Number(exact[key]) - value) > 1e-6 * Math.max(1, Math.abs(value))) {
      throw new Error(`${key}: ${exact[key]} against ${value}`);
    }
  }
}

const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
function perCall(fn, n) {
  for (let i = 0; i < 3000; i++) fn();
  const t0 = cpu();
  for (let i = 0; i < n; i++) fn();
  return (cpu() - t0) / n;
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const [ta, tc, tu, ts] = [[], [], [], []];
for (let r = 0; r < 7; r++) {
  ta.push(perCall(tick, 30000));
  tc.push(perCall(plain, 30000));
  tu.push(perCall(() => account.update(ticks[(a ^= 1)]), 30000));
  ts.push(perCall(() => account.summary(), 30000));
}
const us = (x) => `${x.toFixed(2)} µs`;
console.log(`(a5) update + summary ${us(median(ta))} (update ${us(median(tu))}, summary ${us(median(ts))}); (c5) plain numbers ${us(median(tc))}; (a5) ÷ (c5) ${(median(ta) / median(tc)).toFixed(2)}×`);
account.free();
