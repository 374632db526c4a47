// Shared by the node tests: the built package (scripts/build-js; $UNIMARGIN_JS_PKG, default
// target/js-pkg at the repository root) and the test scenarios.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const pkgDir = path.resolve(root, process.env.UNIMARGIN_JS_PKG ?? "target/js-pkg");
if (!existsSync(path.join(pkgDir, "package.json"))) {
  throw new Error(`no package at ${pkgDir}: build it with scripts/build-js`);
}

const require = createRequire(import.meta.url);
/** The package as Node loads it (its `exports` "node" entry). */
export const unimargin = require(pkgDir);

export const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** The seed scenarios by name (`seed-1-btc-dot-collateral`, …). */
export const seeds = Object.fromEntries(
  readdirSync(path.join(root, "tests/fixtures/seeds"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => [f.replace(/\.json$/, ""), readJson(path.join(root, "tests/fixtures/seeds", f))]),
);

/** The benchmark scenarios: the default preset (when it exists, else the typical account), the
 * 200-position account and the 20,000-position account. */
export function benchmarkScenarios() {
  const preset = path.join(root, "tests/fixtures/presets/futures-account.json");
  const first = existsSync(preset)
    ? ["preset futures-account", preset]
    : ["typical", path.join(root, "tests/fixtures/bench/typical.json")];
  return [first, ["positions-200", path.join(root, "tests/fixtures/bench/positions-200.json")], ["large", path.join(root, "tests/fixtures/bench/large.json")]].map(
    ([name, file]) => ({ name, file, text: readFileSync(file, "utf8") }),
  );
}

/** The scenario without its `check`. */
export function withoutCheck(scenario) {
  const { check: _check, ...rest } = scenario;
  return rest;
}
