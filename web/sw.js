// unimargin service worker: keeps every asset of the build so that, after one visit,
// the app loads and works with the network off.
// scripts/sw-precache (a Trunk post_build hook) fills in VERSION and PRECACHE in dist/sw.js;
// a new build changes VERSION, so the browser installs the new worker and drops the old cache.
const VERSION = "dev";
const PRECACHE = [];

const PREFIX = "unimargin-";
const CACHE = PREFIX + VERSION;
const INDEX = new URL("index.html", self.registration.scope).href;
const MARKET = new URL("market.json", self.registration.scope).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    // The network first, so a new build shows at once; the kept page when offline.
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(INDEX, { cacheName: CACHE }).then((hit) => hit || Response.error()),
      ),
    );
    return;
  }
  if (new URL(request.url).pathname === MARKET) {
    // The market document has no hash in its name and may be replaced at deploy time without
    // a new build: the network first (keeping the fresh copy), the kept copy when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(CACHE).then((cache) => cache.put(MARKET, copy)));
          }
          return response;
        })
        .catch(() => caches.match(MARKET, { cacheName: CACHE }).then((hit) => hit || Response.error())),
    );
    return;
  }
  // Assets: their names carry a content hash, so the kept copy is always right.
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(request)),
  );
});
