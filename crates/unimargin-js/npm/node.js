// The package's module for Node (an ES module; ./unimargin.cjs is the same bundled as
// CommonJS): the browser module (../web/) with its wasm loaded at once from the package's one
// copy of it, so that nothing needs to be awaited. `init()` and `initSync()` are there as in the
// browser, so that code shared with a page runs unchanged: the wasm being loaded, they
// return at once.
import { readFileSync } from "node:fs";
import { initSync } from "../web/unimargin.js";

initSync({ module: readFileSync(new URL("../web/unimargin_bg.wasm", import.meta.url)) });

export * from "../web/unimargin.js";
export { default } from "../web/unimargin.js";
