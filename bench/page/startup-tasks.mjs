// Where the start-up's main-thread time goes (issue 14): a cold load (fresh profile, no
// service worker) of the page at a phone's size with the CPU slowed 4× as Lighthouse's
// mobile preset does, traced; every main-thread task over 10 ms with what ran inside it,
// and when the first paint with content and the app's first figures happened.
//
//   node bench/page/startup-tasks.mjs DIST [--slowdown 4]
//
// A diagnostic for Lighthouse's Total Blocking Time, not a test.

import puppeteer from "puppeteer-core";
import { parseArgs } from "node:util";
import { serve } from "./serve.mjs";

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { slowdown: { type: "string", default: "4" } },
});
const dist = positionals[0];
if (!dist) {
  console.error("usage: node startup-tasks.mjs DIST [--slowdown 4]");
  process.exit(2);
}
const server = await serve(dist, { encoding: "gzip" });
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox"],
  defaultViewport: { width: 390, height: 844, isMobile: true, hasTouch: true },
});
try {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(options.slowdown) });
  await page.tracing.start({
    categories: ["toplevel", "blink.user_timing", "devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "loading"],
  });
  await page.goto(server.url, { waitUntil: "load" });
  await page.waitForSelector('[data-testid="app-ready"]', { timeout: 60_000 });
  await new Promise((r) => setTimeout(r, 1500));
  const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
  if (!trace) throw new Error("no trace");
  const events = trace.traceEvents ?? trace;
  const nav = events.find((e) => e.name === "navigationStart" && e.args?.data?.isLoadingMainFrame && e.args?.data?.documentLoaderURL?.startsWith("http"));
  const t0 = nav ? nav.ts : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && e.pid === nav?.pid) ??
    events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const mine = events.filter((e) => e.ph === "X" && e.pid === main.pid && e.tid === main.tid && e.ts >= t0);
  const tasks = mine.filter((e) => e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask").sort((a, b) => a.ts - b.ts);
  const paints = events.filter((e) => ["firstContentfulPaint", "largestContentfulPaint::Candidate", "firstPaint"].includes(e.name));
  const measures = await page.evaluate(() => performance.getEntriesByType("measure").filter((m) => m.name.startsWith("um-")).map((m) => `${m.name} ${m.startTime.toFixed(0)}+${m.duration.toFixed(1)} ms`));
  console.log(measures.join("\n"));
  for (const p of paints) console.log(`${p.name} at ${((p.ts - t0) / 1000).toFixed(0)} ms ${p.args?.data ? JSON.stringify({ size: p.args.data.size, type: p.args.data.type, node: p.args.data.nodeId }) : ""}`);
  // From the first paint (a page that paints nothing useful until the app has rendered,
  // as before the pre-rendered first view, then has its longest task after it too) and
  // from the first contentful paint (Lighthouse's Total Blocking Time starts there).
  const since = (name) => paints.find((p) => p.name === name)?.ts ?? Infinity;
  const windows = { "first paint": since("firstPaint"), "first contentful paint": since("firstContentfulPaint") };
  const stats = Object.fromEntries(Object.keys(windows).map((k) => [k, { longest: 0, blocking: 0 }]));
  let end = 0;
  for (const t of tasks) {
    // nested RunTask events: count the outermost only
    if (t.ts < end) continue;
    end = t.ts + t.dur;
    for (const [k, from] of Object.entries(windows)) {
      if (t.ts >= from) {
        stats[k].blocking += Math.max(0, t.dur / 1000 - 50);
        stats[k].longest = Math.max(stats[k].longest, t.dur / 1000);
      }
    }
    if (t.dur < 10_000) continue;
    const inside = mine.filter((e) => e !== t && !/RunTask/.test(e.name) && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const by = new Map();
    for (const e of inside) {
      const what = e.name === "EventDispatch" ? `EventDispatch:${e.args?.data?.type}` : e.name === "FunctionCall" ? `FunctionCall:${(e.args?.data?.url ?? "").split("/").pop()}` : e.name;
      by.set(what, (by.get(what) ?? 0) + e.dur);
    }
    const marks = events
      .filter((e) => e.cat?.includes("user_timing") && e.ts >= t.ts && e.ts <= t.ts + t.dur && /^um-/.test(e.name))
      .map((e) => e.name);
    if (marks.length) by.set(`[${[...new Set(marks)].join(" ")}]`, 0);
    const top = [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 7).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(", ");
    console.log(`task at ${((t.ts - t0) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(1)} ms — ${top}`);
  }
  for (const [k, { longest, blocking }] of Object.entries(stats)) {
    console.log(
      `after the ${k} (slowed ${options.slowdown}×): longest task ${longest.toFixed(1)} ms, ` +
        `blocking time (the tasks' time over 50 ms, summed) ${blocking.toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
