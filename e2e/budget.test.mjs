// The first-load byte budget (budget.json): what a visitor downloads before
// the first map is drawn, measured the way a host serves it (gzip -9 of
// each file). Bytes are deterministic, so unlike speed this is a test.
//
// "Before the first map" = every request the page started up to the
// `atlas:first-map-drawn` mark, the document included; each file is read
// from dist/ and compressed here. What loads after that mark (the full
// app) is on purpose not counted, but checked to exist: a page that drew
// its map by dropping the app would not pass.

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
  test(`what loads before the first map is drawn is at most ${BUDGET / 1000} KB gzipped`, async () => {
    const { page, context } = await openPage(suite.browser, suite.server.url);
    try {
      await page.waitForFunction(() => performance.getEntriesByName("atlas:first-map-drawn").length > 0, null, { timeout: 20_000 });
      const before = await page.evaluate(() => {
        const drawn = performance.getEntriesByName("atlas:first-map-drawn")[0].startTime;
        const started = performance.getEntriesByType("resource").filter((r) => r.startTime <= drawn);
        return [location.href, ...started.map((r) => r.name)];
      });
      // Every file once (a preload and its use are one download).
      const files = [...new Set(before.map(fileOf))];
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
      await waitForAtlas(page);
      const later = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name));
      assert.ok(later.some((u) => /cca-atlas-[0-9a-f]+_bg\.wasm$/.test(u)), "the full app's bundle was never loaded");
      assert.ok(!before.some((u) => /cca-atlas-[0-9a-f]+_bg\.wasm$/.test(u)), "the full app's bundle is on the first-load path");
    } finally {
      await context.close();
    }
  });
});
