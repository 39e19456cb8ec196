// The first map (src/first/): the small bundle that draws map and sites
// before the full app has arrived. Here the app's wasm is held back by the
// test, so the first map is seen alone, used, and then handed over.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { openPage, readFeatures, readView, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);

/** Opens the atlas with the app's wasm held until `release()` is called. */
async function openHeld(query = "") {
  let release;
  const released = new Promise((ok) => (release = ok));
  let asked = false;
  const opened = await openPage(suite.browser, "about:blank");
  await opened.page.route(/\/cca-atlas-[0-9a-f]+_bg\.wasm$/, async (route) => {
    asked = true;
    await released;
    await route.continue();
  });
  await opened.page.goto(suite.server.url + query);
  await opened.page.waitForFunction(() => performance.getEntriesByName("atlas:first-map-drawn").length > 0, null, { timeout: 20_000 });
  return { ...opened, release, wasAsked: () => asked };
}

const firstMapIds = (page) =>
  page.evaluate(() => [
    ...new Set(
      [...document.querySelectorAll("#first-map .atlas-site")]
        .map((el) => [...el.classList].find((c) => c.startsWith("atlas-site-id-"))?.slice("atlas-site-id-".length))
        .filter(Boolean),
    ),
  ].sort());

describe("the first map, before the app", () => {
  test("shows every site on the basemap and says the rest is loading; then the app takes its place", async () => {
    const { page, context, release, wasAsked, pageErrors } = await openHeld();
    try {
      const features = await readFeatures();
      assert.deepEqual(await firstMapIds(page), features.map((f) => f.properties.id).sort());
      assert.ok((await page.locator("#first-map .atlas-country").count()) > 0, "the basemap is drawn");
      assert.match(await page.locator("#first-note").innerText(), /loading/);
      assert.equal(await page.locator("#boot-status").count(), 0, "no more 'Loading…' over the map");
      for (let waited = 0; !wasAsked(); waited += 50) {
        assert.ok(waited < 5_000, "the app is asked for once the first map is drawn");
        await new Promise((ok) => setTimeout(ok, 50));
      }
      release();
      await waitForAtlas(page);
      assert.equal(await page.locator("#first-page").count(), 0, "the first map's frame is gone");
      assert.equal(await page.locator(".leaflet-container").count(), 1, "one map: the app's");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a site clicked before the app is up has its details open when it is", async () => {
    const { page, context, release } = await openHeld();
    try {
      const site = (await readFeatures()).find((f) => f.properties.id === "turgusun-hpp");
      assert.ok(site, "the test's site exists");
      await page.locator("#first-map .atlas-site-id-turgusun-hpp").click();
      await page.waitForFunction(() => location.search.includes("site=turgusun-hpp"));
      assert.match(await page.locator("#first-note").innerText(), new RegExp(site.properties.name));
      release();
      await waitForAtlas(page);
      await page.waitForFunction((name) => document.querySelector("#details-title")?.textContent === name, site.properties.name);
    } finally {
      await context.close();
    }
  });

  test("a zoom on the first map is where the app opens", async () => {
    const { page, context, release } = await openHeld();
    try {
      const before = await readView(page);
      await page.locator("#first-map .leaflet-control-zoom-in").click();
      await page.waitForFunction((zoom) => {
        const view = document.querySelector("#first-map").getAttribute("data-view");
        return view && Number(view.split(",")[4]) > zoom;
      }, before.zoom);
      await page.waitForFunction(() => location.search.includes("map="));
      const zoomed = await readView(page);
      release();
      await waitForAtlas(page);
      const after = await readView(page);
      assert.equal(after.zoom, zoomed.zoom, "the same zoom");
      for (const side of ["south", "west", "north", "east"]) {
        assert.ok(Math.abs(after[side] - zoomed[side]) < 0.01, `the same ${side} edge: ${after[side]} vs ${zoomed[side]}`);
      }
    } finally {
      await context.close();
    }
  });

  test("the app takes the data files the first map read, and asks only for one that failed", async () => {
    const asked = [];
    let failedOnce = false;
    const opened = await openPage(suite.browser, "about:blank");
    const { page, context } = opened;
    try {
      await page.route(/\/data\/[a-z]+\.geojson$/, async (route) => {
        const name = route.request().url().split("/").pop();
        asked.push(name);
        // The first request for one file fails, as on a flaky connection.
        if (name === "energy.geojson" && !failedOnce) {
          failedOnce = true;
          return route.fulfill({ status: 503, body: "busy" });
        }
        return route.continue();
      });
      await page.goto(suite.server.url);
      await waitForAtlas(page);
      const files = (await readdir("assets/data")).filter((f) => f.endsWith(".geojson"));
      const expected = [...files, "energy.geojson"].sort();
      assert.deepEqual(asked.sort(), expected, "each file once, and the failed one again by the app");
      const features = await readFeatures();
      const energy = features.filter((f) => f.properties.sector === "energy").map((f) => f.properties.id);
      assert.ok(energy.length > 0);
      for (const id of energy) {
        assert.ok(await page.locator(`.leaflet-container .atlas-site-id-${id}`).count() > 0, `the app draws ${id}`);
      }
      assert.equal(await page.locator(".banner, [role=alert]").filter({ hasText: /energy/ }).count(), 0, "no error left about the file");
    } finally {
      await context.close();
    }
  });

  test("a ?data= link loads the app alone: the first map's files are not even downloaded", async () => {
    const opened = await openPage(suite.browser, "about:blank");
    const { page, context, pageErrors } = opened;
    const asked = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));
    try {
      await page.goto(`${suite.server.url}?data=data/energy.geojson`);
      await waitForAtlas(page);
      await page.waitForFunction(() => performance.getEntriesByName("atlas:import-drawn").length > 0, null, { timeout: 20_000 });
      assert.ok(asked.some((p) => /\/cca-atlas-[0-9a-f]+_bg\.wasm$/.test(p)), "the app is loaded");
      assert.deepEqual(asked.filter((p) => p.includes("first-map")), [], "nothing of the first map");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
