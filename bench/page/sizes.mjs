// The bytes of a built dist/, raw, gzip -9 and brotli 11 (as serve.mjs sends them), each
// file put in one of four groups:
// - "first view": what the page needs to be shown: index.html (with the first view
//   pre-rendered in it, issue 14) and its stylesheets;
// - "app": what it needs to be used, loaded once the first view is painted: the loader,
//   the app's JS and wasm (src, data-js, data-wasm in index.html);
// - "engine": the engine's worker (files named unimargin-worker*), started by the page
//   at once but needed only for figures;
// - "later": the rest (service worker, manifest, icon, the market document), fetched
//   after the page or by the service worker for offline use.
//
//   node bench/page/sizes.mjs DIST
//
// Prints a Markdown table. Not a test.

import { readFileSync } from "node:fs";
import { load } from "./serve.mjs";

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node sizes.mjs DIST");
  process.exit(2);
}
const files = load(dist);
const html = readFileSync(`${dist}/index.html`, "utf8");
const shown = new Set(["/index.html"]);
for (const m of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
  shown.add(new URL(m[1], "http://x/").pathname);
}
const usable = new Set();
for (const m of html.matchAll(/(?:src|data-js|data-wasm)="([^"]+)"/g)) {
  usable.add(new URL(m[1], "http://x/").pathname);
}
const group = (path) =>
  shown.has(path)
    ? "first view"
    : usable.has(path)
      ? "app"
      : /\/unimargin-worker/.test(path)
        ? "engine"
        : "later";
// Hashed names vary from build to build: show the stable part.
const stable = (path) => path.replace(/-[0-9a-f]{8,}(_bg)?\./, "$1.");

const rows = [...files.entries()]
  .map(([path, f]) => ({
    path,
    group: group(path),
    raw: f.identity.length,
    gzip: (f.gzip ?? f.identity).length,
    br: (f.br ?? f.identity).length,
  }))
  .sort((a, b) => a.group.localeCompare(b.group) || b.gzip - a.gzip);

console.log("| group | file | bytes | gzip -9 | brotli 11 |");
console.log("|---|---|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.group} | ${stable(r.path)} | ${r.raw} | ${r.gzip} | ${r.br} |`);
for (const g of ["first view", "app", "engine", "later"]) {
  const rs = rows.filter((r) => r.group === g);
  if (!rs.length) continue;
  const sum = (k) => rs.reduce((a, r) => a + r[k], 0);
  console.log(`| **${g}** | ${rs.length} files | ${sum("raw")} | **${sum("gzip")}** | **${sum("br")}** |`);
}
const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
console.log(`| **all** | ${rows.length} files | ${sum("raw")} | ${sum("gzip")} | ${sum("br")} |`);
