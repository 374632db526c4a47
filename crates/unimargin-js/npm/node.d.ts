export * from "../web/unimargin.js";
export { default } from "../web/unimargin.js";
