// A copy of a built page with CSS appended to its style sheet, to measure a change of style
// before making it (issue 14): `node bench/page/ab-keys.mjs DIST OUT` then compares them.
// Trunk gives the sheet an `integrity` hash in index.html; a sheet that no longer matches it
// is dropped by the browser and the page measured unstyled, so the hash is written again.
// Measure a no-op variant first (`'/* */'`): it must give the original's figures.
//
//   node bench/page/css-variant.mjs DIST OUT 'CSS'
//
// Not a test.

import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const [dist, out, css] = process.argv.slice(2);
if (!dist || !out || css === undefined) {
  console.error("usage: node css-variant.mjs DIST OUT 'CSS'");
  process.exit(2);
}
const integrity = (file) => `sha384-${createHash("sha384").update(readFileSync(file)).digest("base64")}`;

rmSync(out, { recursive: true, force: true });
cpSync(dist, out, { recursive: true });
const sheet = readdirSync(out).find((f) => /^style-[0-9a-f]+\.css$/.test(f));
if (!sheet) throw new Error(`${dist}: no style-*.css`);
const path = join(out, sheet);
const before = integrity(path);
appendFileSync(path, `\n${css}\n`);
const index = join(out, "index.html");
const html = readFileSync(index, "utf8");
if (!html.includes(before)) throw new Error(`${index}: no integrity ${before} for ${sheet}`);
writeFileSync(index, html.replaceAll(before, integrity(path)));
console.log(`${out}: ${sheet} + ${css.length} characters of CSS`);
