// The JS side of the package's boundary, imported by the wasm through wasm-bindgen: the class
// of the errors it throws, and the search for numbers that JSON cannot carry.

/** Every error the package throws on bad input. The package re-exports this class, so that
 * `error instanceof UnimarginError` holds, in Node and in browsers. */
export class UnimarginError extends Error {
  /**
   * @param {string} message what is wrong, in a sentence that does not repeat the path
   * @param {string} [path] where in the scenario ("coins[2].discount_tiers[1].rate"; "" for
   *   the whole document)
   * @param {string} [kind] what is wrong, as the engine's stable code (`ErrorKind::code`,
   *   such as "not_a_fraction"); "other" when not given
   */
  constructor(message, path = "", kind = "other") {
    super(message);
    this.name = "UnimarginError";
    this.path = path;
    this.kind = kind;
  }
}

/**
 * The first number in `value` that JSON cannot carry (NaN, Infinity, -Infinity), looking
 * where JSON.stringify looks (`toJSON`, array items, own enumerable string keys):
 * `[path, spelling]`, the path written as the engine writes paths under `root`
 * ("coins[0].balance"); undefined when there is none.
 * @param {unknown} value
 * @param {string} root
 * @returns {[string, string] | undefined}
 */
export function nonFinite(value, root) {
  const segments = [];
  const number = find(value, "", segments);
  if (number === undefined) return undefined;
  let path = root;
  for (const segment of segments.reverse()) {
    if (typeof segment === "number") path += `[${segment}]`;
    else path += path === "" ? segment : `.${segment}`;
  }
  return [path, String(number)];
}

/** The number JSON cannot carry in `value`, pushing the way to it (innermost first). */
function find(value, key, segments) {
  if (value !== null && typeof value === "object" && typeof value.toJSON === "function") {
    value = value.toJSON(key);
  }
  if (typeof value === "number") return Number.isFinite(value) ? undefined : value;
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const number = find(value[i], String(i), segments);
      if (number !== undefined) return segments.push(i), number;
    }
    return undefined;
  }
  for (const name of Object.keys(value)) {
    const number = find(value[name], name, segments);
    if (number !== undefined) return segments.push(name), number;
  }
  return undefined;
}
