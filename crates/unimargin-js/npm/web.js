// The package's ES module for browsers and bundlers, and (through ../node/) for Node: the
// engine's wasm-bindgen bindings (./bindings.js), with the use of a freed Account made an
// UnimarginError that says so (wasm-bindgen's own is an Error "null pointer passed to rust"),
// and free() made harmless when repeated, as disposing is.
import { Account, UnimarginError } from "./bindings.js";

export * from "./bindings.js";
export { default } from "./bindings.js";

// wasm-bindgen zeroes the pointer it keeps (`__wbg_ptr`) when an account is freed.
const { prototype } = Account;
const define = (key, value) => Object.defineProperty(prototype, key, { value, writable: true, configurable: true });
for (const name of Object.getOwnPropertyNames(prototype)) {
  const method = prototype[name];
  if (["constructor", "free"].includes(name) || name.startsWith("__") || typeof method !== "function") continue;
  const guarded = {
    [name](...args) {
      if (!this.__wbg_ptr) {
        // the engine's ErrorKind::AccountFreed, word for word (tests/js_sources.rs)
        throw new UnimarginError(`this Account was freed (free() was called), so ${name}() cannot use it; create a new Account`, "", "account_freed");
      }
      return method.apply(this, args);
    },
  }[name];
  define(name, guarded);
}
const free = prototype.free;
define("free", {
  free() {
    if (this.__wbg_ptr) free.call(this);
  },
}.free);
if (typeof Symbol.dispose === "symbol" && Symbol.dispose in prototype) define(Symbol.dispose, prototype.free);
