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
try {
  const { default: init } = await import(tag.dataset.js);
  // Compiled from its bytes (V8 compiles off the main thread), not while streaming (which
  // decodes on the main thread as the bytes arrive).
  const response = await fetch(tag.dataset.wasm);
  if (!response.ok) throw new Error(`${tag.dataset.wasm}: the server answered ${response.status}`);
  const bytes = await response.arrayBuffer();
  await init({ module_or_path: await WebAssembly.compile(bytes) });
  performance.measure("um-load", "um-load-start");
} catch (err) {
  cannotStart(err);
}

// The app could not start (its files did not arrive, or this browser cannot run them): say
// so above the page, in its language, rather than leave a page that looks ready and is not
// (the pre-rendered first view is inert until the app replaces it).
function cannotStart(err) {
  console.error("unimargin: the app could not start:", err);
  const words = {
    en: "The calculator could not start: its files did not arrive, or this browser cannot run WebAssembly. Reload the page to try again.",
    zh: "计算器无法启动：文件未能加载，或此浏览器无法运行 WebAssembly。请重新加载页面再试。",
    es: "La calculadora no pudo iniciarse: sus archivos no llegaron o este navegador no puede ejecutar WebAssembly. Recarga la página para intentarlo de nuevo.",
    fr: "Le calculateur n’a pas pu démarrer : ses fichiers ne sont pas arrivés, ou ce navigateur ne peut pas exécuter WebAssembly. Rechargez la page pour réessayer.",
  };
  const box = document.createElement("div");
  box.className = "notices";
  const notice = document.createElement("p");
  notice.className = "notice problem";
  notice.setAttribute("role", "alert");
  notice.dataset.testid = "boot-error";
  notice.textContent = words[document.documentElement.lang] ?? words.en;
  box.append(notice);
  document.body.prepend(box);
}
