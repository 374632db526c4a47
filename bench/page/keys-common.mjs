// What the page benchmarks share: the median, the phone they emulate, and the two accounts
// the keystroke benchmarks type into (the futures example, from the examples menu; 200
// positions, opened by a share link). Not a benchmark itself.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const tid = (id) => `[data-testid="${id}"]`;

export function median(xs) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/// A phone's window (touch) and a desktop's.
export const PHONE_VIEWPORT = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
export const DESKTOP_VIEWPORT = { width: 1400, height: 900 };

/// A new page, on a phone's CPU (4× slower, as Lighthouse's mobile preset) when `phone`.
export async function newPage(browser, phone) {
  const page = await browser.newPage();
  if (phone) {
    const cdp = await page.createCDPSession();
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  return page;
}

async function fresh(page, timeout) {
  await page.waitForFunction(() => document.querySelector('[data-testid="results-state"]')?.dataset.value === "fresh", {
    timeout,
  });
}

/// Opens the futures example from the examples menu; gives the field the keys go into.
export async function openExample(page, url, timeout) {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector(tid("presets-menu"), { timeout });
  await page.waitForSelector(tid("app-ready"), { timeout });
  await page.click(tid("presets-menu"));
  await page.click(tid("preset-futures-account"));
  await fresh(page, timeout);
  return "coins[0].balance";
}

/// Opens the 200-position account at its share link; gives the field the keys go into.
export async function openManyPositions(page, url, timeout) {
  const account = readFileSync(join(here, "../../tests/fixtures/bench/positions-200.json"));
  await page.goto(`${url}#scenario=${Buffer.from(account).toString("base64url")}`, { waitUntil: "load" });
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid^="position-"][data-testid$="-pnl"]').length === 200,
    { timeout },
  );
  await fresh(page, timeout);
  return "positions[0].size";
}
