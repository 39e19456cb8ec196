// The first-load byte budget (budget.json): what a visitor downloads before
// the first map is drawn, measured the way a host serves it (gzip -9 of
// each file). Bytes are deterministic, so unlike speed this is a test.
//
// "The first load" = every file the page requests, the document included,
// except what comes after the first map by design: the full app's bundle
// and its own stylesheet (assets/app.css),
// the import worker, the sites' names in other languages, the map's
// context and the service worker (registered once the map is drawn; what
// it then caches for offline use is its own requests, not the page's). Counting what was requested up to the `atlas:first-map-drawn`
// mark instead made the total depend on timing (the favicon and Leaflet's
// layers icon land on either side of it: ±1.5 KB between runs). Each file
// is read from dist/ and compressed here. The full app is checked to come
// after the mark: a page that drew its map by dropping the app would not
// pass.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { openPage, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const BUDGET = JSON.parse(await readFile(new URL("../budget.json", import.meta.url), "utf8")).firstLoadGzipBytes;

const suite = useBrowserAndServer(DIST);

/** The file in dist/ a same-origin URL names. */
function fileOf(url) {
  const path = decodeURIComponent(new URL(url).pathname);
  return join(DIST, path.endsWith("/") ? `${path}index.html` : path);
}

describe("first-load budget (release build)", () => {
  test(`what the first map needs (all but what loads after it by design) is at most ${BUDGET / 1000} KB gzipped`, async () => {
    const { page, context } = await openPage(suite.browser, suite.server.url);
    try {
      await page.waitForFunction(() => performance.getEntriesByName("atlas:first-map-drawn").length > 0, null, { timeout: 20_000 });
      const before = await page.evaluate(() => {
        const drawn = performance.getEntriesByName("atlas:first-map-drawn")[0].startTime;
        return performance.getEntriesByType("resource").filter((r) => r.startTime <= drawn).map((r) => r.name);
      });
      // Everything, once the app is up and the page has gone quiet.
      await waitForAtlas(page);
      await page.waitForLoadState("networkidle");
      const all = await page.evaluate(() => [location.href, ...performance.getEntriesByType("resource").map((r) => r.name)]);
      const later = /\/(sw\.js|app-[0-9a-f]+\.css|cca-atlas-[0-9a-f]+(_bg\.wasm|\.js)|import-worker[-a-z]*-[0-9a-f]+(_bg\.wasm|\.js)|data\/names\.json|context\/[^/]+)$/;
      // Every file once (a preload and its use are one download).
      const files = [...new Set(all.filter((u) => !later.test(new URL(u).pathname)).map(fileOf))];
      const rows = [];
      let total = 0;
      for (const file of files) {
        const gzip = gzipSync(await readFile(file), { level: 9 }).length;
        rows.push(`${(gzip / 1000).toFixed(1).padStart(7)} KB  ${file.slice(DIST.length)}`);
        total += gzip;
      }
      console.log(`first load, gzip -9:\n${rows.join("\n")}\n${(total / 1000).toFixed(1).padStart(7)} KB  total (budget ${BUDGET / 1000} KB)`);
      assert.ok(files.some((f) => f.endsWith("_bg.wasm")), `no wasm bundle among the first-load files: ${files.join(", ")}`);
      assert.ok(total <= BUDGET, `first load is ${total} bytes gzipped, over the budget of ${BUDGET} (budget.json)`);
      // The full app still comes, after the first map.
      assert.ok(all.some((u) => /cca-atlas-[0-9a-f]+_bg\.wasm$/.test(u)), "the full app's bundle was never loaded");
      assert.ok(!before.some((u) => /cca-atlas-[0-9a-f]+_bg\.wasm$/.test(u)), "the full app's bundle is on the first-load path");
      // And so do the app's own styles.
      assert.ok(all.some((u) => /\/app-[0-9a-f]+\.css$/.test(u)), "the app's stylesheet was never loaded");
      assert.ok(!before.some((u) => /\/app-[0-9a-f]+\.css$/.test(u)), "the app's stylesheet is on the first-load path");
    } finally {
      await context.close();
    }
  });
});
