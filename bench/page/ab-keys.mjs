// Two builds' keystrokes compared side by side (issue 14): both open in one Chromium, keys
// typed into one build, then the other, round after round, so that what the machine does
// meanwhile falls on both alike. `keystrokes.mjs` runs one build at a time and is the
// reference; on a noisy machine its runs of the same build vary more than a small change.
//
// Per build: the median over every key of the main thread's CPU time (every task of
// `CrRendererMain` from a key to the next), and the median of a few of Chrome's steps in
// it (Paint, Layout, ...). Traced with `devtools.timeline`, which names those steps and adds
// to every figure: compare builds with it, not with `keystrokes.mjs`'s figures.
//
//   node bench/page/ab-keys.mjs BEFORE_DIST AFTER_DIST [--account 200|example] [--rounds 4]
//        [--keys 10] [--key 5] [--phone]
//
// Keys: `--key` (a digit: valid; a letter: unreadable) and Backspace, alternately, 800 ms
// apart, into the 200-position account's first position size or the futures example's
// first coin balance. `--phone`: 390 × 844, touch, CPU 4× slower. Not a test.

import puppeteer from "puppeteer-core";
import { parseArgs } from "node:util";
import { serve } from "./serve.mjs";
import { DESKTOP_VIEWPORT, PHONE_VIEWPORT, median, newPage, openExample, openManyPositions } from "./keys-common.mjs";

const { values: options, positionals: dists } = parseArgs({
  allowPositionals: true,
  options: {
    account: { type: "string", default: "200" },
    rounds: { type: "string", default: "4" },
    keys: { type: "string", default: "10" },
    key: { type: "string", default: "5" },
    phone: { type: "boolean", default: false },
  },
});
if (dists.length !== 2) {
  console.error("usage: node ab-keys.mjs BEFORE_DIST AFTER_DIST [--account 200|example] [--rounds N] [--keys N] [--key K] [--phone]");
  process.exit(2);
}
const GAP = 800;
const STEPS = ["Paint", "Layout", "PrePaint", "Layerize", "UpdateLayoutTree", "HitTest"];

async function open(browser, dist) {
  const server = await serve(dist, { encoding: "gzip" });
  const page = await newPage(browser, options.phone);
  const opening = options.account === "example" ? openExample : openManyPositions;
  const field = await opening(page, server.url, 90_000);
  return { dist, server, page, field, keys: [], steps: Object.fromEntries(STEPS.map((s) => [s, []])) };
}

/// Types `--keys` keys into the build's field under a trace; adds each key's CPU time and
/// steps to the build's lists.
async function round(build) {
  const { page, field } = build;
  await page.bringToFront();
  await page.evaluate((f) => {
    const input = document.querySelector(`[data-testid="${f}"]`);
    input.scrollIntoView({ block: "center" });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, field);
  await new Promise((r) => setTimeout(r, 1500));
  await page.tracing.start({ categories: ["toplevel", "blink.user_timing", "devtools.timeline"] });
  const count = Number(options.keys);
  for (let k = 0; k < count; k++) {
    await page.evaluate((n) => performance.mark(`ab-key-${n}`), k);
    await page.keyboard.press(k % 2 ? "Backspace" : options.key);
    await new Promise((r) => setTimeout(r, GAP));
  }
  await page.evaluate(() => performance.mark("ab-end"));
  const events = JSON.parse(new TextDecoder().decode(await page.tracing.stop())).traceEvents;
  const marks = events.filter((e) => /^ab-(key-\d+|end)$/.test(e.name ?? "")).sort((a, b) => a.ts - b.ts);
  const thread = `${marks[0].pid}:${marks[0].tid}`;
  const on = events.filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === thread);
  const cpu = (e) => (e.tdur ?? e.dur) / 1000;
  for (let k = 0; k + 1 < marks.length; k++) {
    const within = (e) => e.ts >= marks[k].ts && e.ts < marks[k + 1].ts;
    const tasks = on.filter((e) => within(e) && (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask"));
    build.keys.push(tasks.reduce((sum, t) => sum + cpu(t), 0));
    for (const step of STEPS) {
      // the outermost only: a step may hold another of its kind (a layer's paint in the page's)
      let end = 0;
      let sum = 0;
      for (const e of on.filter((e) => within(e) && e.name === step).sort((a, b) => a.ts - b.ts)) {
        if (e.ts >= end) {
          sum += cpu(e);
          end = e.ts + e.dur;
        }
      }
      build.steps[step].push(sum);
    }
  }
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox"],
  defaultViewport: options.phone ? PHONE_VIEWPORT : DESKTOP_VIEWPORT,
});
const builds = [];
for (const dist of dists) builds.push(await open(browser, dist));
for (let r = 0; r < Number(options.rounds); r++) for (const build of builds) await round(build);

const version = await browser.version();
console.log(`${version}, headless, ${options.phone ? "390 × 844, CPU 4× slower" : "1400 × 900"}; account ${options.account}, keys "${options.key}" and Backspace`);
console.log(`| build | CPU per key, median | ${STEPS.join(" | ")} | keys |`);
console.log(`|---|---:|${STEPS.map(() => "---:").join("|")}|---:|`);
for (const b of builds) {
  const steps = STEPS.map((s) => median(b.steps[s]).toFixed(2)).join(" | ");
  console.log(`| ${b.dist} | ${median(b.keys).toFixed(1)} | ${steps} | ${b.keys.length} |`);
  b.server.close();
}
await browser.close();
