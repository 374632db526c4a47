export * from "./bindings.js";
export { default } from "./bindings.js";
