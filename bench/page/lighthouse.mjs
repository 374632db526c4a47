// Lighthouse (the version pinned in package-lock.json) against a built dist/, served
// compressed by serve.mjs as a static host serves it, in the system Chromium
// (CHROME_PATH, headless, no sandbox: the machine runs as root). Runs the mobile preset
// (Lighthouse's default: simulated slow 4G, 4× CPU slowdown, a phone's screen) and the
// desktop preset, RUNS times each, alternately, and prints the median of each figure as
// Markdown, with every run's figures below.
//
//   node bench/page/lighthouse.mjs DIST [--runs 5] [--encoding gzip|br] [--path /]
//
// Not a test: nothing here passes or fails on a time.

import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { serve } from "./serve.mjs";
import { median } from "./keys-common.mjs";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: {
    runs: { type: "string", default: "5" },
    encoding: { type: "string", default: "gzip" },
    path: { type: "string", default: "/" },
    // "simulate" (Lighthouse's default: the load observed unthrottled, then simulated on a
    // slow phone) or "devtools" (the load itself throttled: what a phone would observe)
    throttling: { type: "string", default: "simulate" },
  },
});
const dist = positionals[0];
if (!dist) {
  console.error("usage: node lighthouse.mjs DIST [--runs N] [--encoding gzip|br] [--path /] [--throttling simulate|devtools]");
  process.exit(2);
}
const runs = Number(options.runs);
const { encoding, path } = options;
const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";

const FIGURES = [
  ["performance", (r) => r.categories.performance.score, (v) => v.toFixed(2)],
  ["LCP (ms)", (r) => r.audits["largest-contentful-paint"].numericValue, (v) => v.toFixed(0)],
  ["TBT (ms)", (r) => r.audits["total-blocking-time"].numericValue, (v) => v.toFixed(0)],
  ["FCP (ms)", (r) => r.audits["first-contentful-paint"].numericValue, (v) => v.toFixed(0)],
  ["CLS", (r) => r.audits["cumulative-layout-shift"].numericValue, (v) => v.toFixed(3)],
  ["Speed Index (ms)", (r) => r.audits["speed-index"].numericValue, (v) => v.toFixed(0)],
  ["TTI (ms)", (r) => r.audits.interactive.numericValue, (v) => v.toFixed(0)],
  ["bytes (transferred)", (r) => r.audits["total-byte-weight"].numericValue, (v) => v.toFixed(0)],
];

async function lighthouse(url, preset) {
  const flags = [
    url,
    "--only-categories=performance",
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    "--chrome-flags=--headless=new --no-sandbox",
  ];
  if (preset === "desktop") flags.push("--preset=desktop");
  flags.push(`--throttling-method=${options.throttling}`);
  const { stdout } = await run(join(here, "node_modules/.bin/lighthouse"), flags, {
    env: { ...process.env, CHROME_PATH: chrome },
    maxBuffer: 256 * 1024 * 1024,
  });
  const report = JSON.parse(stdout);
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message}`);
  return report;
}

const server = await serve(dist, { encoding });
const url = new URL(path, server.url).href;
const results = { mobile: [], desktop: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const preset of ["mobile", "desktop"]) {
      const report = await lighthouse(url, preset);
      results[preset].push(FIGURES.map(([, get]) => get(report)));
      if (i === 0 && preset === "mobile") results.version = report.lighthouseVersion;
    }
  }
} finally {
  await server.close();
}

console.log(
  `Lighthouse ${results.version}, ${chrome}, ${encoding} served on loopback, throttling ${options.throttling}, median of ${runs} runs`,
);
console.log();
console.log(`| preset | ${FIGURES.map(([name]) => name).join(" | ")} |`);
console.log(`|---|${FIGURES.map(() => "---:").join("|")}|`);
for (const preset of ["mobile", "desktop"]) {
  const cells = FIGURES.map(([, , fmt], k) => fmt(median(results[preset].map((r) => r[k]))));
  console.log(`| ${preset} | ${cells.join(" | ")} |`);
}
console.log();
for (const preset of ["mobile", "desktop"]) {
  results[preset].forEach((r, i) => {
    console.log(`${preset} run ${i + 1}: ${FIGURES.map(([name, , fmt], k) => `${name} ${fmt(r[k])}`).join(", ")}`);
  });
}
