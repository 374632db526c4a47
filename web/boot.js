// Starts the app: registers the service worker, then loads the wasm built by Trunk.
// It is a file of its own, not an inline script, so the page's Content-Security-Policy
// can forbid inline scripts. Trunk fills in the data- attributes of the <script> tag
// (pattern_script in Trunk.toml).
const tag = document.querySelector("script[data-wasm]");
const base = tag.dataset.base;

if ("serviceWorker" in navigator) {
  navigator.serviceWorker
    .register(`${base}sw.js`, { scope: base })
    .catch((err) => console.error("unimargin: service worker registration failed:", err));
}

// The app's JS and wasm are fetched once the first view is painted (the pre-rendered page,
// web/first-view.js): on a slow network they would otherwise take its bandwidth.
// (A tab opened in the background paints no frame: it starts after half a second anyway.)
await new Promise((painted) => {
  requestAnimationFrame(() => setTimeout(painted, 0));
  setTimeout(painted, 500);
});
performance.mark("um-load-start");
const { default: init } = await import(tag.dataset.js);
// Compiled from its bytes (V8 compiles off the main thread), not while streaming (which
// decodes on the main thread as the bytes arrive).
const bytes = await (await fetch(tag.dataset.wasm)).arrayBuffer();
await init({ module_or_path: await WebAssembly.compile(bytes) });
performance.measure("um-load", "um-load-start");
