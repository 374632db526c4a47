// The package as a user gets it: the tarball `npm pack` makes of target/js-pkg, checked by
// publint and arethetypeswrong, unpacked as an installed dependency, loaded by Node (as an ES
// module and as CommonJS, with module detection off as on Node 18) and compiled against by
// TypeScript under --strict with the default libraries of targets es2020 and es2022. The
// tools are pinned in crates/unimargin-js/package.json (installed by scripts/setup).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { pkgDir, root } from "./helpers.mjs";

/** The JSON Schemas the package ships (docs/schema/NAME.json as unimargin/schema/NAME.json). */
const schemas = ["scenario", "report", "market", "error"];
const bin = (tool) => path.join(root, "crates/unimargin-js/node_modules/.bin", tool);

/** Runs a command; its exit status and output (the test decides what a failure is). */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}${result.stderr}` };
}

let scratch; // a temporary directory: the tarball, and a project that depends on it
let packed; // what npm pack says it packed
let tarball;
let project;

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "unimargin-pack-"));
  [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: pkgDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  tarball = path.join(scratch, packed.filename);
  project = path.join(scratch, "project");
  const installed = path.join(project, "node_modules/unimargin");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test("the tarball holds one wasm, the modules and their types, the JSON Schemas, the README and the licenses", () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "LICENSE-APACHE",
    "LICENSE-MIT",
    "README.md",
    "node/unimargin.cjs",
    "node/unimargin.d.cts",
    "node/unimargin.d.ts",
    "node/unimargin.js",
    "package.json",
    "schema/error.json",
    "schema/market.json",
    "schema/report.json",
    "schema/scenario.json",
    "web/bindings.d.ts",
    "web/bindings.js",
    ...files.filter((f) => f.startsWith("web/snippets/")),
    "web/unimargin.d.ts",
    "web/unimargin.js",
    "web/unimargin_bg.wasm",
  ].sort());
  assert.deepEqual(files.filter((f) => f.startsWith("web/snippets/")).map((f) => path.basename(f)), ["boundary.js"]);
  const wasm = packed.files.find((f) => f.path === "web/unimargin_bg.wasm");
  assert.ok(packed.size < wasm.size, "the tarball is smaller than one uncompressed wasm");
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  assert.equal(pkg.exports["./unimargin_bg.wasm"], "./web/unimargin_bg.wasm", "the wasm is reachable through exports");
  assert.equal(pkg.license, "MIT OR Apache-2.0");
  const cargo = readFileSync(path.join(root, "Cargo.toml"), "utf8");
  assert.equal(cargo.match(/^license = "(.*)"$/m)[1], pkg.license, "the crates' license is the package's");
  assert.equal(pkg.repository.url, `git+${cargo.match(/^repository = "(.*)"$/m)[1]}.git`);
  for (const file of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.equal(readFileSync(path.join(pkgDir, file), "utf8"), readFileSync(path.join(root, file), "utf8"), file);
  }
});

test("the installed package exports the JSON Schemas of docs/schema/ as unimargin/schema/NAME.json", () => {
  const require = createRequire(path.join(project, "index.js"));
  for (const name of schemas) {
    const resolved = require.resolve(`unimargin/schema/${name}.json`);
    assert.equal(resolved, path.join(project, "node_modules/unimargin/schema", `${name}.json`));
    const shipped = readFileSync(resolved, "utf8");
    assert.equal(shipped, readFileSync(path.join(root, "docs/schema", `${name}.json`), "utf8"), `${name}.json is the checked-in schema`);
    const schema = JSON.parse(shipped);
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema", name);
  }
  assert.equal(require(`unimargin/schema/scenario.json`).properties.format.const, "unimargin/scenario@1");
});

test("publint finds nothing to say about the tarball", () => {
  const result = run(bin("publint"), ["run", tarball, "--level", "suggestion", "--strict"], scratch);
  assert.equal(result.status, 0, result.output);
  assert.match(result.output, /All good!/, result.output);
});

// attw resolves each entry point as TypeScript would; the wasm is an asset to serve or
// bundle, and the JSON Schemas are data, not modules with types, so they are left out.
const attw = (file) => run(bin("attw"), [file, "--profile", "strict", "--exclude-entrypoints", "./unimargin_bg.wasm", ...schemas.map((name) => `./schema/${name}.json`), "--format", "ascii", "--no-color"], scratch);

test("arethetypeswrong finds no problem under node10, node16 (CommonJS and ESM) and bundler resolution", () => {
  const result = attw(tarball);
  assert.equal(result.status, 0, result.output);
  assert.match(result.output, /No problems found/, result.output);
  const entry = result.stdout.split('"unimargin"')[1].split("***")[0];
  for (const line of ["node10: 🟢", "node16 (from CJS): 🟢 (CJS)", "node16 (from ESM): 🟢 (ESM)", "bundler: 🟢"]) {
    assert.ok(entry.includes(line), `${line}\n${result.output}`);
  }
});

test("publint and arethetypeswrong do find the problem of a package whose ES modules read as CommonJS", () => {
  // the package before this check: no "type": "module", so its .js files are CommonJS to Node
  const broken = path.join(scratch, "broken");
  execFileSync("cp", ["-r", pkgDir, broken]);
  const pkg = JSON.parse(readFileSync(path.join(broken, "package.json"), "utf8"));
  delete pkg.type;
  writeFileSync(path.join(broken, "package.json"), JSON.stringify(pkg, null, 2));
  const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", broken], { cwd: broken, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  const lint = run(bin("publint"), ["run", path.join(broken, filename), "--strict"], scratch);
  assert.notEqual(lint.status, 0);
  assert.match(lint.output, /is written in ESM, but is interpreted as CJS/, lint.output);
  const types = attw(path.join(broken, filename));
  assert.notEqual(types.status, 0);
  assert.doesNotMatch(types.output, /No problems found/, types.output);
});

test("npm publish --dry-run packs it without a warning about the package", () => {
  const result = run("npm", ["publish", "--dry-run", "--ignore-scripts", tarball], scratch);
  assert.equal(result.status, 0, result.output);
  assert.match(result.output, /\+ unimargin@\d+\.\d+\.\d+/);
  // npm warns that this machine is not logged in to the registry: about npm, not the package
  const warnings = result.stderr.split("\n").filter((line) => /warn/i.test(line) && !/requires you to be logged in/.test(line));
  assert.deepEqual(warnings, [], result.stderr);
});

const consumerEsm = `
import init, { initSync, evaluate, Account, UnimarginError, version } from "unimargin";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const scenario = JSON.parse(readFileSync(process.argv[2], "utf8"));
const facts = {};
facts.init = typeof (await init()).memory;
facts.initSync = typeof initSync().memory;
facts.version = version();
facts.equity = evaluate(scenario).account.adjusted_equity;
try { evaluate({ ...scenario, coins: [{ ...scenario.coins[0], balance: "lots" }] }); } catch (e) {
  facts.error = { instance: e instanceof UnimarginError, error: e instanceof Error, name: e.name, path: e.path, kind: e.kind };
}
const account = new Account(scenario);
account.free();
try { account.summary(); } catch (e) { facts.freed = e instanceof UnimarginError && [e.kind, e.message]; }
// the browser module, by its file (the package exports it as "." outside Node)
const web = await import(new URL("./node_modules/unimargin/web/unimargin.js", import.meta.url));
facts.webNames = Object.keys(web).sort();
facts.nodeNames = Object.keys(await import("unimargin")).sort();
const required = createRequire(import.meta.url)("unimargin");
facts.requireNames = Object.keys(required).sort();
facts.requireEquity = required.evaluate(scenario).account.adjusted_equity;
facts.requireInit = typeof (await required.default()).memory;
try { required.evaluate({ ...scenario, format: "x" }); } catch (e) { facts.requireError = e instanceof required.UnimarginError && e.kind; }
facts.wasm = import.meta.resolve("unimargin/unimargin_bg.wasm").endsWith("/node_modules/unimargin/web/unimargin_bg.wasm");
console.log(JSON.stringify(facts));
`;

test("Node loads the installed package as an ES module and as CommonJS, without module detection", () => {
  writeFileSync(path.join(project, "consumer.mjs"), consumerEsm);
  const seed = path.join(root, "tests/fixtures/seeds/seed-1-btc-dot-collateral.json");
  // as on Node 18: a .js file is ESM only by "type": "module", never by its syntax
  const result = run(process.execPath, ["--no-experimental-detect-module", "consumer.mjs", seed], project);
  assert.equal(result.status, 0, result.output);
  assert.doesNotMatch(result.stderr, /warning/i, result.stderr);
  const facts = JSON.parse(result.stdout);
  assert.equal(facts.init, "object");
  assert.equal(facts.initSync, "object");
  assert.equal(facts.equity, "49000"); // 1 BTC × 50,000 × 0.98 + 500 DOT × 4 × 0
  assert.deepEqual(facts.error, { instance: true, error: true, name: "UnimarginError", path: "coins[0].balance", kind: "not_a_decimal" });
  assert.equal(facts.freed[0], "account_freed");
  assert.match(facts.freed[1], /was freed/);
  assert.deepEqual(facts.webNames, facts.nodeNames);
  assert.deepEqual(facts.requireNames, facts.nodeNames);
  assert.ok(facts.nodeNames.includes("default") && facts.nodeNames.includes("UnimarginError"));
  assert.equal(facts.requireEquity, "49000");
  assert.equal(facts.requireInit, "object");
  assert.equal(facts.requireError, "wrong_format");
  assert.equal(facts.wasm, true);
  assert.equal(facts.version, JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")).version);
});

// A consumer written as the README says, for each way TypeScript resolves the package.
const consumerTs = (module) => `
import init, { evaluate, checkOrder, maxOrderSize, resolve, Account, UnimarginError, type Scenario, type Report, type Check, type MarketDocument, type MarketReference, type DecimalInput, type UnimarginErrorKind } from "unimargin";

export async function use(scenario: Scenario, market: MarketDocument, marketText: string): Promise<string> {
  await init();
  const report: Report = evaluate(scenario);
  const check: Check = checkOrder(scenario, { market: "spot", side: "buy", base: "DOT", quote: "USDT", size: "20", price: 5 });
  const size: string = maxOrderSize(scenario, { market: "spot", side: "buy", base: "DOT", quote: "USDT", size: "1", price: "5" }, "1");
  const account = new Account(scenario);
  account.update({ prices: { BTC: "48500" } });
  const equity: string = account.summary().adjusted_equity;
  account.free();
  // with a market document beside the scenario, in every entry point
  const used: MarketReference | undefined = evaluate(scenario, market).market;
  checkOrder(scenario, { market: "futures", symbol: "BTCUSDT", side: "buy", size: "0.1", price: "100000" }, market);
  maxOrderSize(scenario, { market: "futures", symbol: "BTCUSDT", side: "buy", size: "0.1", price: "100000" }, null, market);
  const complete: Scenario = resolve(scenario, market);
  const withMarket = Account.fromJson(JSON.stringify(complete), marketText);
  const risk: string = withMarket.summary().risk;
  withMarket.free();
  const tiers: DecimalInput | undefined = market.coins?.[0]?.discount_tiers?.[0]?.rate;
  try {
    // @ts-expect-error a market is a document, not the name of a file
    evaluate(scenario, "market.json");
    // @ts-expect-error a scenario is an object, not text (the types are not \`any\`)
    evaluate("{}");
  } catch (e) {
    if (e instanceof UnimarginError) {
      const where: string = e.path;
      const kind: UnimarginErrorKind = e.kind;
      // @ts-expect-error a kind is one of the engine's codes, not any string
      if (kind === "no_such_kind") return "";
      const what: string = e.message;
      return where + kind + what;
    }
  }
  return [report.account.risk, check.accepted, size, equity, used?.name, risk, tiers, "${module}"].join();
}
`;

test("TypeScript compiles a consumer under --strict, targets es2020 and es2022, without skipLibCheck", () => {
  const files = { "esm.mts": consumerTs("esm"), "cjs.cts": consumerTs("cjs"), "bundled.ts": consumerTs("bundler") };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(project, name), text);
  // `using` with esnext's own Symbol.dispose: the package's declaration of it must agree
  writeFileSync(path.join(project, "using.mts"), `import { Account, type Scenario } from "unimargin";\nexport function use(s: Scenario) { using account = new Account(s); return account.summary(); }\n`);
  const setups = [
    ["node16/nodenext (ESM and CommonJS)", ["--module", "nodenext", "--moduleResolution", "nodenext", "esm.mts", "cjs.cts"]],
    ["bundler", ["--module", "esnext", "--moduleResolution", "bundler", "bundled.ts"]],
    ["node10", ["--module", "commonjs", "--moduleResolution", "node10", "--esModuleInterop", "cjs.cts"]],
  ];
  for (const target of ["es2020", "es2022"]) {
    for (const [what, args] of setups) {
      const result = run(bin("tsc"), ["--strict", "--noEmit", "--skipLibCheck", "false", "--target", target, ...args], project);
      assert.equal(result.status, 0, `${target}, ${what}:\n${result.output}`);
    }
  }
  const esnext = run(bin("tsc"), ["--strict", "--noEmit", "--target", "esnext", "--module", "nodenext", "using.mts"], project);
  assert.equal(esnext.status, 0, `esnext, using:\n${esnext.output}`);
  // and the check can fail: a wrong type is reported
  writeFileSync(path.join(project, "wrong.mts"), `import { evaluate } from "unimargin";\nconst risk: number = evaluate({ format: "unimargin/scenario@1" }).account.risk;\nexport { risk };\n`);
  const wrong = run(bin("tsc"), ["--strict", "--noEmit", "--target", "es2020", "--module", "nodenext", "wrong.mts"], project);
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.output, /TS2322/);
});
