// Browser suite for the import worker (src/web/import_worker.rs): a large
// import is checked in a Web Worker, so the page has no long task while it
// runs; a second import started meanwhile wins and the first one's worker
// is terminated; when no worker can start (its script blocked, its wasm
// failing its integrity check, a policy refusing workers) the page checks
// the file itself and says so; and the worker's files are not loaded until
// an import starts.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { openPage, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const CORPUS = resolve("e2e/corpus");
const suite = useBrowserAndServer(DIST);

const WORKER_SCRIPT = /\/import-worker-[0-9a-f]+\.js$/;
const WORKER_FILES = /\/import-worker-(glue-)?[0-9a-f]+(_bg\.wasm|\.js)$/;

/** Records the page's long tasks (over 50 ms), from the start. */
function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
}

/**
 * Makes a seeded GeoJSON file of `count` features in the page (points, and
 * one line of 50 vertices in five; a sector property), drops it on the map
 * as `name`, and marks `test:<name>` just before the drop. Runs in the page.
 */
function dropSynthetic([count, name]) {
  let seed = 2025;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const sectors = ["energy", "green", "security", "connectivity", "development"];
  const parts = [];
  for (let i = 0; i < count; i++) {
    let geometry;
    if (i % 5 === 4) {
      let lon = 52 + rand() * 38;
      let lat = 36 + rand() * 14;
      const coordinates = [];
      for (let v = 0; v < 50; v++) {
        lon += (rand() - 0.5) * 0.05;
        lat += (rand() - 0.5) * 0.05;
        coordinates.push([+lon.toFixed(4), +lat.toFixed(4)]);
      }
      geometry = { type: "LineString", coordinates };
    } else {
      geometry = { type: "Point", coordinates: [+(52 + rand() * 38).toFixed(4), +(36 + rand() * 14).toFixed(4)] };
    }
    parts.push(JSON.stringify({
      type: "Feature",
      id: `f-${i}`,
      properties: { name: `Feature ${i}`, sector: sectors[i % 5], status: "planned" },
      geometry,
    }));
  }
  const file = new File([`{"type":"FeatureCollection","features":[${parts.join(",\n")}]}`], name, { type: "application/geo+json" });
  const transfer = new DataTransfer();
  transfer.items.add(file);
  performance.mark(`test:${name}`);
  for (const type of ["dragenter", "dragover", "drop"]) {
    document.querySelector(".map").dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }
  return file.size;
}

const status = (page) => page.locator("#import-status").textContent();
const waitStatus = (page, pattern, timeout = 60_000) =>
  page.waitForFunction(
    ([source, flags]) => new RegExp(source, flags).test(document.querySelector("#import-status")?.textContent ?? ""),
    [pattern.source, pattern.flags],
    { timeout },
  );

/** Opens the atlas, noting every worker the page starts (and when it closes). */
async function openWatched(query = "", options = {}) {
  const handle = await openPage(suite.browser, "about:blank", { initScript: recordLongTasks, ...options });
  const workers = [];
  handle.page.on("worker", (worker) => {
    const entry = { url: worker.url(), closed: false };
    worker.on("close", () => { entry.closed = true; });
    workers.push(entry);
  });
  const requests = [];
  handle.page.on("request", (r) => requests.push(r.url()));
  await options.setup?.(handle);
  await handle.page.goto(`${suite.server.url}${query}`);
  await waitForAtlas(handle.page);
  return { ...handle, workers, requests };
}

describe("the import worker", () => {
  test("a large import is checked in a worker: progress shows, and the page has no task over 200 ms", async () => {
    const { page, context, workers, requests, pageErrors, consoleErrors } = await openWatched();
    try {
      // Not loaded before an import starts.
      await page.waitForTimeout(300);
      assert.deepEqual(requests.filter((u) => WORKER_FILES.test(u)), [], "no worker file before an import");
      assert.deepEqual(workers, []);
      await page.locator("#tab-filters").click();
      const count = 100_000;
      const size = await page.evaluate(dropSynthetic, [count, "large.geojson"]);
      assert.ok(size > 20_000_000, `a large file (${size} bytes)`);
      await waitStatus(page, /^Checked [\d,]+ of 100,000 features in large\.geojson/);
      await waitStatus(page, /^Loaded 100,000 features from large\.geojson\./, 120_000);
      await page.waitForFunction(() => performance.getEntriesByName("atlas:import-drawn").length > 0);
      assert.equal(workers.length, 1, `one worker: ${JSON.stringify(workers)}`);
      assert.match(workers[0].url, WORKER_SCRIPT);
      const { longTasks, start, drawn } = await page.evaluate(() => ({
        longTasks: window.__longTasks,
        start: performance.getEntriesByName("test:large.geojson")[0].startTime,
        drawn: performance.getEntriesByName("atlas:import-drawn").at(-1).startTime,
      }));
      // The drop's own task builds the test's file: it is not the app's.
      const during = longTasks.filter((t) => t.start > start && t.start < drawn);
      const longest = Math.max(0, ...during.map((t) => t.duration));
      assert.ok(longest < 200, `the longest task during the import took ${longest} ms: ${JSON.stringify(during)}`);
      assert.equal(await page.locator(".imported-entry > label .legend-count").innerText(), String(count));
      assert.equal(await page.locator(".atlas-import-canvas").count(), 5, "one canvas per sector");
      // The worker's result is the same as the page's own check would be:
      // groups, counts and a feature's properties.
      const groups = await page.locator(".import-groups label").evaluateAll((ls) =>
        ls.map((l) => [l.querySelector(".legend-label").textContent, l.querySelector(".legend-count").textContent]));
      assert.deepEqual(groups, ["connectivity", "development", "energy", "green", "security"].map((s) => [s, String(count / 5)]));
      await page.locator("#tab-list").click();
      await page.locator(".imported-item").nth(3).click();
      assert.equal(await page.locator("#details-title").textContent(), "Feature 3");
      const facts = await page.locator(".details-imported .details-fact").evaluateAll((fs) =>
        fs.map((f) => [f.querySelector("dt").textContent, f.querySelector("dd").textContent]));
      assert.deepEqual(facts, [["name", "Feature 3"], ["sector", "connectivity"], ["status", "planned"]]);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a second import started while the first is checked wins, and the first one's worker is terminated", async () => {
    const { page, context, workers, pageErrors } = await openWatched();
    try {
      await page.locator("#tab-filters").click();
      await page.evaluate(() => {
        window.__statuses = [];
        const node = document.querySelector("#import-status");
        new MutationObserver(() => window.__statuses.push(node.textContent)).observe(node, { childList: true, characterData: true, subtree: true });
      });
      await page.evaluate(dropSynthetic, [100_000, "first.geojson"]);
      // The first one is in its worker, being checked.
      await waitStatus(page, /^Checked [\d,]+ of 100,000 features in first\.geojson/);
      assert.equal(workers.length, 1);
      await page.setInputFiles("#import-file", join(CORPUS, "16-partly-valid.geojson"));
      await waitStatus(page, /^Loaded 2 features from 16-partly-valid\.geojson/);
      await page.waitForFunction(() => performance.getEntriesByName("atlas:import-drawn").length > 0);
      assert.equal(workers.length, 2, "a worker for each import");
      for (let waited = 0; !workers[0].closed; waited += 100) {
        assert.ok(waited < 5_000, "the first import's worker was terminated");
        await page.waitForTimeout(100);
      }
      assert.equal(workers[1].closed, false, "the second import's worker stays, to draw it");
      // However long the first one would have taken, it never comes back.
      await page.waitForTimeout(3_000);
      assert.equal(await page.locator(".imported-entry .legend-label").innerText(), "16-partly-valid.geojson");
      assert.match(await status(page), /^Loaded 2 features from 16-partly-valid\.geojson/);
      const statuses = await page.evaluate(() => window.__statuses);
      const second = statuses.findIndex((s) => s.includes("16-partly-valid"));
      assert.ok(second > 0, "the second import reported");
      assert.deepEqual(statuses.slice(second).filter((s) => s.includes("first.geojson")), [], "no word of the first after the second started");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a worker that cannot start: the page checks the file itself and says so", async () => {
    const corrupt = (route) => route.fulfill({ status: 200, contentType: "application/wasm", body: Buffer.from("not the worker's wasm") });
    const cases = {
      "its script is blocked": ({ context }) => context.route(WORKER_SCRIPT, (route) => route.abort("blockedbyclient")),
      "its wasm fails its integrity check": ({ context }) => context.route(/\/import-worker-[0-9a-f]+_bg\.wasm$/, corrupt),
      "the page's policy refuses workers": ({ context }) => context.route((url) => new URL(url).pathname === "/", async (route) => {
        const html = await readFile(join(DIST, "index.html"), "utf8");
        route.fulfill({ status: 200, contentType: "text/html", body: html.replace("worker-src 'self'", "worker-src 'none'") });
      }),
    };
    for (const [why, setup] of Object.entries(cases)) {
      const { page, context, workers, pageErrors } = await openWatched("", { setup });
      try {
        await page.locator("#tab-filters").click();
        await page.evaluate(() => {
          window.__statuses = [];
          const node = document.querySelector("#import-status");
          new MutationObserver(() => window.__statuses.push(node.textContent)).observe(node, { childList: true, characterData: true, subtree: true });
        });
        await page.evaluate(dropSynthetic, [12_000, "fallback.geojson"]);
        await waitStatus(page, /^Loaded 12,000 features from fallback\.geojson\./);
        const statuses = await page.evaluate(() => window.__statuses);
        assert.ok(
          statuses.some((s) => /^Checking fallback\.geojson on this page: the background import could not start \(.+\)…$/.test(s)),
          `${why}: the page says it checks the file itself: ${statuses.slice(0, 4)}`,
        );
        assert.ok(statuses.some((s) => s.startsWith("Checked 5,000 of 12,000 features")), `${why}: with progress`);
        assert.equal(await page.locator(".imported-entry > label .legend-count").innerText(), "12000");
        assert.ok(workers.every((w) => w.closed), `${why}: no worker left running`);
        assert.equal(await page.locator(".crash").count(), 0);
        assert.deepEqual(pageErrors, [], why);
      } finally {
        await context.close();
      }
    }
  });

  test("a ?data= link is checked in a worker too, and a whole-file error keeps its line and column", async () => {
    const broken = '{"type": "FeatureCollection",\n "features": [1,,2]}';
    const { page, context, workers, pageErrors } = await openWatched("?data=shared%2Fbroken.geojson", {
      setup: ({ context }) => context.route("**/shared/broken.geojson", (route) =>
        route.fulfill({ status: 200, contentType: "application/geo+json", body: broken })),
    });
    try {
      await waitStatus(page, /was not loaded: the file is not valid JSON: .* \(line 2, column 17\)\./);
      assert.equal(workers.length, 1);
      assert.match(workers[0].url, WORKER_SCRIPT);
      assert.equal(await page.locator(".imported-entry").count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
