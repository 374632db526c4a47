// Keystrokes as a person feels them (issue 14), from a Chrome trace: every task the
// page's main thread (`CrRendererMain`) runs after a key, everything included (the input
// event, the figures, the what-if prices and chart, the stages, the worker's answer, the
// rendering, the save a moment later), until the next key. Per key: the longest task
// and the total main-thread time (wall, and the thread's CPU time, which a loaded machine
// does not inflate); the median over the keys of each kind.
//
// Kinds: "valid" (a digit typed, then Backspace: the field stays readable) and
// "unreadable" (a stray letter typed: the field cannot be read; the Backspace after it
// is "readable again"). Accounts: the futures example (from the examples menu) and a
// 200-position account (tests/fixtures/bench/positions-200.json, opened by a share link).
// Also: cold navigation (a fresh browser context: no cache, no service worker) to the
// page's first figures.
//
//   node bench/page/keystrokes.mjs DIST [--keys 10] [--gap 800] [--cold 7] [--encoding gzip|br] [--phone]
//
// `--phone`: a phone's window (390 × 844, touch) and CPU (4× slower, as Lighthouse's mobile
// preset), for the keys; cold navigation is then skipped (Lighthouse measures start-up).
//
// Served compressed by serve.mjs; the system Chromium (CHROME_PATH), headless, in a
// desktop's window (1400 × 900), without CPU throttling. Not a test.

import puppeteer from "puppeteer-core";
import { parseArgs } from "node:util";
import { serve } from "./serve.mjs";
import { DESKTOP_VIEWPORT, PHONE_VIEWPORT, median, newPage, openExample, openManyPositions } from "./keys-common.mjs";

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: {
    keys: { type: "string", default: "10" },
    gap: { type: "string", default: "800" },
    cold: { type: "string", default: "7" },
    encoding: { type: "string", default: "gzip" },
    phone: { type: "boolean", default: false },
  },
});
const dist = positionals[0];
if (!dist) {
  console.error("usage: node keystrokes.mjs DIST [--keys N] [--gap MS] [--cold N] [--encoding gzip|br] [--phone]");
  process.exit(2);
}
const KEYS = Number(options.keys);
// Longer than what a key sets off while typing goes on (the save 300 ms after typing
// stops); not the catch-up of the panels away from the screen, a second after the last key
// (`--gap 1600` includes it: a key typed alone).
const GAP = Number(options.gap);
const PHONE = options.phone;
const COLD = PHONE ? 0 : Number(options.cold);
const VIEWPORT = PHONE ? PHONE_VIEWPORT : DESKTOP_VIEWPORT;

/// A page for the keys: on a phone's CPU with `--phone`.
const keysPage = (browser) => newPage(browser, PHONE);
const { encoding } = options;
const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const TIMEOUT = options.phone ? 90_000 : 30_000;

const tid = (id) => `[data-testid="${id}"]`;

async function waitValue(page, testid, value) {
  await page.waitForFunction(
    (sel, v) => document.querySelector(sel)?.dataset.value === v,
    { timeout: TIMEOUT },
    tid(testid),
    value,
  );
}

/// Presses each key into the input `testid` (scrolled to the middle of the window, focused,
/// caret at its end), GAP ms apart, under a trace; gives per key its kind, longest task
/// and total (ms) on the page's main thread. Each key is preceded by a Performance mark
/// (`bench-key-N`, in a task of its own): a key's tasks are those that start after its
/// mark's task and before the next mark's.
async function traced(page, testid, keys) {
  await page.evaluate((sel) => {
    const input = document.querySelector(sel);
    input.scrollIntoView({ block: "center" });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, tid(testid));
  await new Promise((r) => setTimeout(r, GAP));
  await page.tracing.start({ categories: ["toplevel", "blink.user_timing"] });
  for (const [i, { key }] of keys.entries()) {
    await page.evaluate((n) => performance.mark(`bench-key-${n}`), i);
    await page.keyboard.press(key);
    await new Promise((r) => setTimeout(r, GAP));
  }
  const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
  const events = trace.traceEvents ?? trace;
  const names = new Map();
  for (const e of events) {
    if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const marks = events.filter((e) => e.name?.startsWith("bench-key-")).sort((a, b) => a.ts - b.ts);
  if (marks.length !== keys.length) throw new Error(`${marks.length} marks traced for ${keys.length} keys`);
  const thread = `${marks[0].pid}:${marks[0].tid}`;
  if (names.get(thread) !== "CrRendererMain") throw new Error(`marks on ${names.get(thread)}`);
  // Top-level tasks only (Chromium names them RunTask or ThreadControllerImpl::RunTask).
  const all = events
    .filter(
      (e) =>
        e.ph === "X" &&
        (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") &&
        `${e.pid}:${e.tid}` === thread,
    )
    .sort((a, b) => a.ts - b.ts);
  const tasks = [];
  let end = 0;
  for (const t of all) {
    if (t.ts >= end) {
      tasks.push(t);
      end = t.ts + t.dur;
    }
  }
  const markTask = (m) => tasks.findLast((t) => t.ts <= m.ts);
  return keys.map((k, i) => {
    const own = markTask(marks[i]);
    const from = own ? own.ts + own.dur : marks[i].ts;
    const to = i + 1 < marks.length ? (markTask(marks[i + 1])?.ts ?? marks[i + 1].ts) : Infinity;
    const own_tasks = tasks.filter((t) => t.ts >= from && t.ts < to);
    const mine = own_tasks.map((t) => t.dur / 1000);
    // the thread's CPU time: what the page's own work costs, whatever else the machine runs
    const cpu = own_tasks.map((t) => (t.tdur ?? NaN) / 1000);
    return {
      kind: k.kind,
      longest: Math.max(0, ...mine),
      total: mine.reduce((a, b) => a + b, 0),
      cpuLongest: Math.max(0, ...cpu),
      cpuTotal: cpu.reduce((a, b) => a + b, 0),
      tasks: mine.length,
    };
  });
}

const BACKSPACE = "Backspace";
const valid = (n) =>
  Array.from({ length: n }, (_, i) => (i % 2 ? { key: BACKSPACE, kind: "valid" } : { key: "5", kind: "valid" }));
const unreadable = (n) =>
  Array.from({ length: n }, (_, i) =>
    i % 2 ? { key: BACKSPACE, kind: "readable again" } : { key: "x", kind: "unreadable" },
  );

/// The floor: the same keys typed into a plain input that nothing listens to, put beside
/// the field on the same page: what the browser itself spends on a key in this page (the
/// input's own editing, style, layout, paint), whatever the app does.
const PLAIN = "bench-plain-input";
const floor = (n) =>
  Array.from({ length: n }, (_, i) => (i % 2 ? { key: BACKSPACE, kind: "plain input" } : { key: "5", kind: "plain input" }));

/// A second floor: a plain input whose only listener writes what it holds beside the
/// summary's adjusted equity ("plain input, one figure"): the least any calculator must
/// do on a key, on this page (a figure changed: its line laid out and painted again).
const PLAIN_FIGURE = "bench-plain-figure-input";
const floorWithFigure = (n) =>
  Array.from({ length: n }, (_, i) =>
    i % 2 ? { key: BACKSPACE, kind: "plain input, one figure" } : { key: "5", kind: "plain input, one figure" },
  );

/// A floor outside the page: a plain input alone on an empty page ("plain input, empty page"): what
/// the browser spends on a key in any text field, whatever the page around it.
const PLAIN_EMPTY = "bench-plain-empty";
const floorEmptyPage = (n) =>
  Array.from({ length: n }, (_, i) =>
    i % 2 ? { key: BACKSPACE, kind: "plain input, empty page" } : { key: "5", kind: "plain input, empty page" },
  );

async function tracedOnAnEmptyPage(browser) {
  const page = await keysPage(browser);
  await page.setContent(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>floor</title><form><input type="text" data-testid="${PLAIN_EMPTY}"></form></html>`,
  );
  const keys = await traced(page, PLAIN_EMPTY, floorEmptyPage(KEYS));
  await page.close();
  return keys;
}

/// Defines, in the page, how a floor's plain input is made and put beside the app's field
/// `field`: put as the field is, in a form of its own where the field is in one
/// (`in_own_form`, ui/fields.rs: Chrome's autofill then reads that form alone at a key, not
/// every input of the page in no form), so that a floor pays what the field pays.
function definePlainInput() {
  window.benchPlainInputBeside = (field, id) => {
    const input = document.createElement("input");
    input.type = "text";
    input.className = "input num";
    input.dataset.testid = id;
    let put = input;
    if (field.closest("form")) {
      put = document.createElement("form");
      put.className = "own-form";
      put.addEventListener("submit", (e) => e.preventDefault());
      put.append(input);
    }
    field.closest(".field").after(put);
    return input;
  };
}

async function addPlainInputWritingAFigure(page, testid) {
  await page.evaluate(definePlainInput);
  await page.evaluate(
    (field, id, figure) => {
      const input = window.benchPlainInputBeside(document.querySelector(field), id);
      const shown = document.createElement("span");
      shown.className = "fig";
      document.querySelector(figure).after(shown);
      input.addEventListener("input", () => {
        shown.textContent = input.value;
      });
    },
    tid(testid),
    PLAIN_FIGURE,
    tid("adjusted-equity"),
  );
}

/// A third floor: a plain input whose only listener makes, in the key's own task, the very
/// changes the app made to the page for one key typed into `field` ("plain input, the
/// app's changes"): what the browser spends showing this key's changes, with no app code
/// at all (no engine, no worker, no second frame, no save). The changes are recorded
/// (a MutationObserver, for as long as a key is traced) on one "5" typed into the field,
/// then undone; the plain input's "5" makes them again and its Backspace undoes them.
const PLAIN_CHANGES = "bench-plain-changes-input";
const floorWithChanges = (n) =>
  Array.from({ length: n }, (_, i) =>
    i % 2 ? { key: BACKSPACE, kind: "plain input, the app's changes" } : { key: "5", kind: "plain input, the app's changes" },
  );

async function addPlainInputMakingTheAppsChanges(page, field) {
  await page.evaluate(definePlainInput);
  await page.evaluate((sel) => {
    const input = document.querySelector(sel);
    input.scrollIntoView({ block: "center" });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    window.benchTyped = input.value;
  }, tid(field));
  await new Promise((r) => setTimeout(r, GAP));
  await page.evaluate(() => {
    window.benchRecords = [];
    window.benchObserver = new MutationObserver((rs) => window.benchRecords.push(...rs));
    window.benchObserver.observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
      attributeOldValue: true,
      characterDataOldValue: true,
    });
  });
  await page.keyboard.press("5");
  await new Promise((r) => setTimeout(r, GAP));
  const count = await page.evaluate(
    (sel, id, testid) => {
      const records = [...window.benchRecords, ...window.benchObserver.takeRecords()];
      window.benchObserver.disconnect();
      // what each value became: the old value of the next change of the same thing, or
      // what it is now
      const later = new Map();
      const keyOf = (r) => (r.type === "attributes" ? `${r.attributeNamespace ?? ""}|${r.attributeName}` : "data");
      const now = (r) => (r.type === "attributes" ? r.target.getAttributeNS(r.attributeNamespace, r.attributeName) : r.target.data);
      const changes = [];
      for (const r of [...records].reverse()) {
        if (r.type === "childList") {
          changes.push({ r });
          continue;
        }
        let byKey = later.get(r.target);
        if (!byKey) later.set(r.target, (byKey = new Map()));
        const k = keyOf(r);
        const value = byKey.has(k) ? byKey.get(k) : now(r);
        byKey.set(k, r.oldValue);
        changes.push({ r, value });
      }
      changes.reverse();
      const set = (r, value) => {
        if (r.type === "characterData") r.target.data = value;
        else if (value === null) r.target.removeAttributeNS(r.attributeNamespace, r.attributeName);
        // as the app sets it, through the CSSOM: the page's CSP refuses a style attribute
        else if (r.attributeName === "style") r.target.style.cssText = value;
        else r.target.setAttributeNS(r.attributeNamespace, r.attributeName, value);
      };
      const put = (target, nodes, before) => {
        for (const n of nodes) target.insertBefore(n, before && before.parentNode === target ? before : null);
      };
      const make = () => {
        for (const { r, value } of changes) {
          if (r.type !== "childList") set(r, value);
          else {
            for (const n of r.removedNodes) n.remove();
            put(r.target, r.addedNodes, r.nextSibling);
          }
        }
      };
      const undo = () => {
        for (const { r } of [...changes].reverse()) {
          if (r.type !== "childList") set(r, r.oldValue);
          else {
            for (const n of r.addedNodes) n.remove();
            put(r.target, r.removedNodes, r.nextSibling);
          }
        }
      };
      const field = document.querySelector(sel);
      // the app's own field as it was: its listeners are not called (no event)
      field.value = window.benchTyped;
      undo();
      const input = window.benchPlainInputBeside(field, id);
      input.addEventListener("input", () => (input.value.endsWith("5") ? make() : undo()));
      return records.length;
    },
    tid(field),
    PLAIN_CHANGES,
  );
  if (count === 0) throw new Error("the app changed nothing on a key");
  return count;
}

async function addPlainInput(page, testid) {
  await page.evaluate(definePlainInput);
  await page.evaluate(
    (field, id) => {
      window.benchPlainInputBeside(document.querySelector(field), id);
    },
    tid(testid),
    PLAIN,
  );
}

function rows(account, results) {
  const out = [];
  for (const kind of [
    "valid",
    "unreadable",
    "readable again",
    "plain input",
    "plain input, one figure",
    "plain input, the app's changes",
    "plain input, empty page",
  ]) {
    const rs = results.filter((r) => r.kind === kind);
    if (!rs.length) continue;
    out.push(
      `| ${account} | ${kind} | ${median(rs.map((r) => r.total)).toFixed(1)} | ${median(rs.map((r) => r.longest)).toFixed(1)} | ${Math.max(...rs.map((r) => r.total)).toFixed(1)} | ${Math.max(...rs.map((r) => r.longest)).toFixed(1)} | ${median(rs.map((r) => r.cpuTotal)).toFixed(1)} | ${median(rs.map((r) => r.cpuLongest)).toFixed(1)} | ${median(rs.map((r) => r.tasks))} | ${rs.length} |`,
    );
  }
  return out;
}

async function pageMeasures(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n).map((m) => m.duration), name);
}

const server = await serve(dist, { encoding });
const browser = await puppeteer.launch({
  executablePath: chrome,
  headless: true,
  args: ["--no-sandbox", `--window-size=${VIEWPORT.width},${VIEWPORT.height}`],
  defaultViewport: VIEWPORT,
  protocolTimeout: 120_000,
});
const out = [];
try {
  // Cold navigation: a fresh context each time.
  const cold = [];
  for (let i = 0; i < COLD; i++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    await page.waitForFunction(() => performance.getEntriesByName("um-first-figures").length > 0, {
      timeout: TIMEOUT,
    });
    cold.push(
      await page.evaluate(() => ({
        figures: performance.getEntriesByName("um-first-figures")[0].startTime,
        fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
        ready: performance.getEntriesByName("um-app-ready")[0]?.startTime ?? NaN,
      })),
    );
    await context.close();
  }

  const page = await keysPage(browser);
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await openExample(page, server.url, TIMEOUT);
  await waitValue(page, "adjusted-equity", "98860.9");
  const example = [
    ...(await traced(page, "coins[0].balance", valid(KEYS))),
    ...(await traced(page, "coins[0].balance", unreadable(KEYS))),
  ];
  const exampleApp = await pageMeasures(page, "um-keystroke");
  await addPlainInput(page, "coins[0].balance");
  example.push(...(await traced(page, PLAIN, floor(KEYS))));
  await addPlainInputWritingAFigure(page, "coins[0].balance");
  example.push(...(await traced(page, PLAIN_FIGURE, floorWithFigure(KEYS))));
  const exampleChanges = await addPlainInputMakingTheAppsChanges(page, "coins[0].balance");
  example.push(...(await traced(page, PLAIN_CHANGES, floorWithChanges(KEYS))));

  await page.close();
  example.push(...(await tracedOnAnEmptyPage(browser)));
  // a page of its own, opened at the share link
  const page2 = await keysPage(browser);
  page2.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page2.on("pageerror", (e) => errors.push(String(e)));
  await openManyPositions(page2, server.url, TIMEOUT);
  const many = [
    ...(await traced(page2, "positions[0].size", valid(KEYS))),
    ...(await traced(page2, "positions[0].size", unreadable(KEYS))),
  ];
  const manyApp = await pageMeasures(page2, "um-keystroke");
  await addPlainInput(page2, "positions[0].size");
  many.push(...(await traced(page2, PLAIN, floor(KEYS))));
  await addPlainInputWritingAFigure(page2, "positions[0].size");
  many.push(...(await traced(page2, PLAIN_FIGURE, floorWithFigure(KEYS))));
  const manyChanges = await addPlainInputMakingTheAppsChanges(page2, "positions[0].size");
  many.push(...(await traced(page2, PLAIN_CHANGES, floorWithChanges(KEYS))));
  if (errors.length) throw new Error(`console errors: ${errors.join("; ")}`);

  out.push(
    `Chromium ${(await browser.version()).replace(/^[^/]*\//, "")}, headless, ${VIEWPORT.width} × ${VIEWPORT.height}${PHONE ? " (a phone: touch, CPU 4× slower)" : ""}, ${encoding} on loopback`,
  );
  out.push("");
  if (COLD > 0) {
    out.push("Cold navigation (fresh context), median of " + COLD + " (ms from navigation start):");
    out.push("");
    out.push("| figure | median | min | max |");
    out.push("|---|---:|---:|---:|");
    for (const [name, key] of [
      ["first contentful paint", "fcp"],
      ["first figures (um-first-figures)", "figures"],
      ["app ready (um-app-ready)", "ready"],
    ]) {
      const xs = cold.map((c) => c[key]).filter((x) => typeof x === "number" && !Number.isNaN(x));
      if (!xs.length) continue;
      out.push(`| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`);
    }
    out.push("");
  }
  out.push(`Main thread per keystroke (Chrome trace, RunTask on CrRendererMain, ${GAP} ms after each key), ms:`);
  out.push("");
  out.push(
    "| account | key | total, median | longest task, median | total, max | longest, max | CPU total, median | CPU longest, median | tasks | keys |",
  );
  out.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  out.push(...rows("futures example", example));
  out.push(...rows("200 positions", many));
  out.push("");
  out.push(
    `The page's own um-keystroke (input to the frame showing the figures), median: futures example ${median(exampleApp).toFixed(1)} ms, 200 positions ${median(manyApp).toFixed(1)} ms`,
  );
  out.push(
    `The app's changes to the page for one key, made again by "plain input, the app's changes": futures example ${exampleChanges} mutation records, 200 positions ${manyChanges}`,
  );
} finally {
  await browser.close();
  await server.close();
}
console.log(out.join("\n"));
