// Where the time goes during one cold load: a CPU profile (CDP Profiler)
// from navigation to the page's "drawn" mark, summarised by script and by
// function (self time), plus the page's User Timing marks.
//
//   node bench/profile.mjs URL MARK [TOP]
//
// e.g. node bench/profile.mjs http://127.0.0.1:8080/ atlas:sites-drawn
import { launchBrowser } from "../e2e/harness.mjs";

const [url, mark, top = "25"] = process.argv.slice(2);
if (!url || !mark) {
  console.error("usage: node bench/profile.mjs URL MARK [TOP]");
  process.exit(2);
}
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await page.goto(url, { timeout: 600_000 });
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 600_000, polling: 50 });
  const { profile } = await cdp.send("Profiler.stop");
  const marks = await page.evaluate(() =>
    performance.getEntriesByType("mark").map((m) => [m.name, m.startTime])
      .concat(performance.getEntriesByType("navigation").flatMap((n) => [["responseEnd", n.responseEnd], ["domContentLoaded", n.domContentLoadedEventEnd], ["load", n.loadEventEnd]]))
      .sort((a, b) => a[1] - b[1]),
  );
  console.log("User Timing and navigation (ms from navigation start):");
  for (const [name, t] of marks) console.log(`  ${t.toFixed(1).padStart(9)}  ${name}`);

  // Self time per node: samples × interval.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0) / 1000));
  const byScript = new Map();
  const byFunction = new Map();
  for (const [id, t] of self) {
    const f = byId.get(id).callFrame;
    const script = f.url ? f.url.replace(/^https?:\/\/[^/]+/, "").replace(/-[0-9a-f]{12,}/, "") : `(${f.functionName || "program"})`;
    byScript.set(script, (byScript.get(script) ?? 0) + t);
    const key = `${f.functionName || "(anonymous)"}  ${script}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  }
  const show = (title, m, n) => {
    console.log(title);
    for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${t.toFixed(1).padStart(8)} ms  ${k}`);
  };
  show("Self time by script:", byScript, 15);
  show("Self time by function:", byFunction, Number(top));
} finally {
  await browser.close();
}
