// A static server for the benchmarks, serving a built dist/ as a static host does:
// the right Content-Type, and every text and wasm file compressed (brotli when the
// browser accepts it, else gzip; `--encoding gzip` or `br` forces one), compressed once
// at start-up at the strongest levels, as a host's build step or CDN does.
//
//   node bench/page/serve.mjs DIST [--port N] [--encoding br|gzip|identity]
//
// Prints `listening on http://127.0.0.1:PORT/` once ready. Also importable: `serve(dir,
// options)` gives `{ url, close() }`. Never shipped: it exists only to measure the page.

import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, extname, relative, sep } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
// Already compressed formats are sent as they are.
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".webmanifest", ".txt"]);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/// Every file of `dir`, read and compressed once: url path → variants.
export function load(dir) {
  const files = new Map();
  for (const path of walk(dir)) {
    const body = readFileSync(path);
    const ext = extname(path);
    const entry = { type: TYPES[ext] ?? "application/octet-stream", identity: body };
    if (COMPRESSIBLE.has(ext)) {
      entry.gzip = gzipSync(body, { level: 9 });
      entry.br = brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
    }
    files.set("/" + relative(dir, path).split(sep).join("/"), entry);
  }
  return files;
}

function pick(entry, accept, forced) {
  if (forced) return entry[forced] ? forced : "identity";
  const accepts = (e) => new RegExp(`(^|[ ,])${e}(;|,|$| )`).test(accept ?? "");
  if (entry.br && accepts("br")) return "br";
  if (entry.gzip && accepts("gzip")) return "gzip";
  return "identity";
}

/// Serves `dir` on 127.0.0.1 (`port` 0: a free one).
export function serve(dir, { port = 0, encoding = null } = {}) {
  const files = load(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const entry = files.get(path.endsWith("/") ? path + "index.html" : path);
    if (!entry || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(entry ? 405 : 404, { "content-type": "text/plain" });
      res.end(entry ? "method not allowed" : "not found");
      return;
    }
    const chosen = pick(entry, req.headers["accept-encoding"], encoding);
    const headers = { "content-type": entry.type, vary: "accept-encoding", "cache-control": "no-cache" };
    if (chosen !== "identity") headers["content-encoding"] = chosen;
    const body = entry[chosen];
    headers["content-length"] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      resolve({ url, files, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values: options, positionals } = parseArgs({
    allowPositionals: true,
    strict: false,
    options: { port: { type: "string" }, encoding: { type: "string" } },
  });
  const dir = positionals[0];
  if (!dir) {
    console.error("usage: node serve.mjs DIST [--port N] [--encoding br|gzip|identity]");
    process.exit(2);
  }
  const { url } = await serve(dir, { port: Number(options.port ?? 0), encoding: options.encoding ?? null });
  console.log(`listening on ${url}`);
}
