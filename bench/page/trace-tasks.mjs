// Where a keystroke's main-thread time goes (issue 14): the tasks after one key on the
// 200-position account, each with what ran inside it (Chrome trace events nested in the
// task, by their total time). A diagnostic for the keystroke figures of keystrokes.mjs.
//
//   node bench/page/trace-tasks.mjs DIST [--key 5|x] [--field positions[0].size]
//
// Not a test.

import puppeteer from "puppeteer-core";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: {
    key: { type: "string", default: "5" },
    field: { type: "string", default: "positions[0].size" },
    gap: { type: "string", default: "800" },
  },
});
const dist = positionals[0];
const GAP = Number(options.gap);
const tid = (id) => `[data-testid="${id}"]`;
const server = await serve(dist, { encoding: "gzip" });
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--window-size=1400,900"],
  defaultViewport: { width: 1400, height: 900 },
});
try {
  const page = await browser.newPage();
  const account = readFileSync(join(here, "../../tests/fixtures/bench/positions-200.json"));
  await page.goto(`${server.url}#scenario=${Buffer.from(account).toString("base64url")}`, { waitUntil: "load" });
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid^="position-"][data-testid$="-pnl"]').length === 200,
    { timeout: 30_000 },
  );
  await page.evaluate((sel) => {
    const input = document.querySelector(sel);
    input.scrollIntoView({ block: "center" });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, tid(options.field));
  await new Promise((r) => setTimeout(r, GAP));
  await page.tracing.start({
    categories: ["toplevel", "blink.user_timing", "devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute"],
  });
  await page.evaluate(() => performance.mark("bench-key"));
  await page.keyboard.press(options.key);
  await new Promise((r) => setTimeout(r, GAP));
  const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
  const events = trace.traceEvents ?? trace;
  const mark = events.find((e) => e.name === "bench-key");
  const thread = `${mark.pid}:${mark.tid}`;
  const mine = events.filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === thread && e.ts >= mark.ts);
  const tasks = [];
  let end = 0;
  for (const t of mine
    .filter((e) => e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask")
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    if (t.ts >= end) {
      tasks.push(t);
      end = t.ts + t.dur;
    }
  }
  let total = 0;
  let cpu = 0;
  for (const t of tasks) {
    const inside = mine.filter(
      (e) => e !== t && !/RunTask|Microtask/.test(e.name) && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur,
    );
    const by = new Map();
    for (const e of inside) {
      const what = e.name === "EventDispatch" ? `EventDispatch:${e.args?.data?.type}` : e.name === "TimerFire" ? "TimerFire" : e.name;
      by.set(what, (by.get(what) ?? 0) + e.dur / 1000);
    }
    const top = [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ");
    total += t.dur / 1000;
    cpu += (t.tdur ?? NaN) / 1000;
    if (t.dur < 300) continue;
    console.log(
      `${((t.ts - mark.ts) / 1000).toFixed(1).padStart(7)} ms  ${(t.dur / 1000).toFixed(2).padStart(6)} ms (cpu ${((t.tdur ?? NaN) / 1000).toFixed(2)})  ${top}`,
    );
  }
  console.log(`${tasks.length} tasks, ${total.toFixed(1)} ms (thread CPU time ${cpu.toFixed(1)} ms)`);
} finally {
  await browser.close();
  await server.close();
}
