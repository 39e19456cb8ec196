// Where the main thread's time goes during one cold load, from a Chromium
// trace: the renderer main thread's top-level tasks broken down by event
// (script, wasm compile, style, layout, paint…), from navigation to the
// page's "drawn" mark.
//
//   node bench/trace.mjs URL MARK
import { launchBrowser } from "../e2e/harness.mjs";

const [url, mark] = process.argv.slice(2);
if (!url || !mark) {
  console.error("usage: node bench/trace.mjs URL MARK");
  process.exit(2);
}
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await browser.startTracing(page, { categories: ["devtools.timeline", "blink.user_timing", "v8", "v8.wasm", "loading", "disabled-by-default-devtools.timeline"] });
  await page.goto(url, { timeout: 600_000 });
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 600_000, polling: 50 });
  const drawnAt = await page.evaluate((m) => performance.getEntriesByName(m)[0].startTime, mark);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;

  // The renderer main thread: the thread named CrRendererMain of the page's process.
  const navs = events.filter((e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL?.startsWith("http"));
  const nav = navs[0];
  if (!nav) throw new Error("no navigationStart in the trace");
  const main = { pid: nav.pid, tid: nav.tid };
  const start = nav.ts;
  const end = start + drawnAt * 1000;
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.ts >= start && e.ts <= end);

  // Self time per event name: each complete event minus its children.
  onMain.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  for (const e of onMain) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(e);
  }
  const busy = onMain.filter((e) => e.name === "RunTask").reduce((t, e) => t + e.dur, 0);
  console.log(`navigation → ${mark}: ${drawnAt.toFixed(1)} ms; main thread busy ${(busy / 1000).toFixed(1)} ms`);
  console.log("Self time on the main thread by trace event (ms):");
  for (const [name, t] of [...self].filter(([n]) => n !== "RunTask").sort((a, b) => b[1] - a[1]).slice(0, 18)) {
    if (t > 500) console.log(`  ${(t / 1000).toFixed(1).padStart(8)}  ${name}`);
  }
} finally {
  await browser.close();
}
