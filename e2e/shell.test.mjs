// Browser suite for the app shell, run against the release bundle in dist/
// (`./dev test` builds it first). Every non-local request is blocked, so a
// pass here means the atlas works with no internet.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  SCREENSHOTS,
  mapSiteIds,
  readFeatures,
  openPage,
  readView,
  serveDir,
  useBrowserAndServer,
  viewContains,
  waitForAtlas,
} from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const FOCUS = { kz: "Kazakhstan", kg: "Kyrgyzstan", tj: "Tajikistan", tm: "Turkmenistan", uz: "Uzbekistan", cn: "China" };

const suite = useBrowserAndServer(DIST);

async function waitUntil(condition, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}


describe("app shell (release build, offline)", () => {
  test("loads with the map, the panel and the basemap's six countries, without errors or network", async () => {
    const { page, context, blocked, consoleErrors, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      assert.equal(await page.locator(".leaflet-container").count(), 1, "one Leaflet map");
      assert.match(await page.locator(".panel-title").innerText(), /China–Central Asia Cooperation Atlas/);
      assert.equal(await page.locator("#boot-status").count(), 0, "the loading message is gone");

      const countries = await page.locator("path.atlas-country").count();
      assert.ok(countries >= 20, `basemap draws its countries (got ${countries})`);
      for (const [code, name] of Object.entries(FOCUS)) {
        const box = await page.locator(`path.atlas-country-${code}`).boundingBox();
        assert.ok(box && box.width > 5 && box.height > 5, `${name} is drawn with a visible area`);
      }
      const labels = await page.locator(".atlas-country-label").allInnerTexts();
      for (const name of Object.values(FOCUS)) {
        assert.ok(labels.some((l) => l.toLowerCase() === name.toLowerCase()), `label for ${name} (labels: ${labels})`);
      }
      assert.match(await page.locator(".leaflet-control-attribution").innerText(), /Natural Earth/);

      await page.screenshot({ path: join(SCREENSHOTS, "desktop.png") });
      assert.deepEqual(pageErrors, [], "no uncaught exceptions");
      assert.deepEqual(consoleErrors, [], "no console errors");
      assert.deepEqual(blocked, [], "no request left this machine");
    } finally {
      await context.close();
    }
  });

  test("opens on Central Asia with Xinjiang; zoomed out, the basemap's edge never shows and Xi'an to Ashgabat fits", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      const start = await readView(page);
      for (const [lat, lon, what] of [
        [55.4, 69.0, "northern Kazakhstan"],
        [35.2, 62.0, "southern Turkmenistan"],
        [46.8, 48.0, "Kazakhstan's Caspian shore"],
        [49.1, 87.3, "Xinjiang's northern tip"],
        [35.0, 78.0, "southern Xinjiang"],
        [42.0, 96.3, "eastern Xinjiang"],
      ]) {
        assert.ok(viewContains(start, lat, lon), `${what} (${lat}, ${lon}) is in the first view ${JSON.stringify(start)}`);
      }
      // Zoomed out as far as the map allows, the view stays inside the
      // basemap's box (30–130° E, 15–60° N: no edge of it floats in the
      // sea), and still holds the whole air-link network, Xi'an to
      // Ashgabat, at once.
      const zoomOut = page.locator(".leaflet-control-zoom-out");
      while (!(await zoomOut.getAttribute("class")).includes("leaflet-disabled")) {
        const before = (await readView(page)).zoom;
        await zoomOut.click();
        await page.waitForFunction((z) => Number(document.querySelector(".map").dataset.view.split(",")[4]) < z, before);
      }
      const out = await readView(page);
      assert.ok(out.zoom < start.zoom, "the map zooms out from the opening view");
      const eps = 0.01;
      assert.ok(out.west >= 30 - eps && out.east <= 130 + eps && out.south >= 15 - eps && out.north <= 60 + eps, `the least zoom stays inside the basemap ${JSON.stringify(out)}`);
      await page.goto(suite.server.url + `?map=${out.zoom}/40/84`);
      await waitForAtlas(page);
      const network = await readView(page);
      for (const [lat, lon, what] of [[34.26, 108.94, "Xi'an"], [37.95, 58.38, "Ashgabat"]]) {
        assert.ok(viewContains(network, lat, lon), `${what} is in view at the least zoom ${JSON.stringify(network)}`);
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("the panel collapses to give the map the room, and opens again", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      const toggle = page.locator(".panel-toggle");
      const mapWidth = () => page.locator(".leaflet-container").evaluate((el) => el.clientWidth);
      const before = await mapWidth();
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");

      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.equal(await page.locator("#panel-body").isVisible(), false, "panel body hidden");
      await page.waitForFunction((w) => document.querySelector(".leaflet-container").clientWidth > w + 200, before);
      // Leaflet was told about the new size: its panes cover the wider map.
      const size = await page.evaluate(() => document.querySelector(".map").dataset.view);
      assert.ok(size, "view still published after resize");

      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      assert.equal(await page.locator("#panel-body").isVisible(), true);
      await page.waitForFunction((w) => document.querySelector(".leaflet-container").clientWidth === w, before);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("under 700 px wide the panel is a bottom sheet under the map", async () => {
    const viewport = { width: 390, height: 844 };
    const { page, context, pageErrors, consoleErrors } = await openPage(suite.browser, suite.server.url, { viewport });
    try {
      await waitForAtlas(page);
      const panel = await page.locator(".panel").boundingBox();
      const map = await page.locator(".map").boundingBox();
      assert.ok(panel && map);
      assert.ok(Math.abs(panel.y + panel.height - viewport.height) < 2, "panel touches the bottom edge");
      assert.ok(Math.abs(panel.width - viewport.width) < 2, "panel spans the width");
      assert.ok(map.y + map.height <= panel.y + 1, "map sits above the panel");
      assert.ok(map.height > viewport.height * 0.5, `map keeps most of the screen (${map.height}px)`);
      await page.screenshot({ path: join(SCREENSHOTS, "mobile.png") });

      await page.locator(".panel-toggle").click();
      const collapsed = await page.locator(".panel").boundingBox();
      assert.ok(collapsed.height < 90, `collapsed sheet shows only its header (${collapsed.height}px)`);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  test("switching on OpenStreetMap offline shows a notice and keeps the basemap", async () => {
    const { page, context, blocked, consoleErrors, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      await page.hover(".leaflet-control-layers");
      const checkbox = page.getByLabel("OpenStreetMap tiles (needs internet)");
      await checkbox.check();
      await page.waitForSelector(".map-notice", { timeout: 10_000 });
      assert.match(await page.locator(".map-notice").innerText(), /could not be loaded/);
      assert.ok(blocked.some((u) => u.includes("tile.openstreetmap.org")), "tile requests were attempted and blocked");
      assert.ok(await page.locator("path.atlas-country-kz").isVisible(), "basemap still drawn");
      await page.screenshot({ path: join(SCREENSHOTS, "osm-offline.png") });

      await page.locator(".map-notice button").click();
      assert.equal(await page.locator(".map-notice").count(), 0, "notice can be dismissed");

      // More failing tiles while panning do not bring a dismissed notice back…
      const attempts = blocked.length;
      await page.click(".leaflet-control-zoom-in");
      await waitUntil(() => blocked.length > attempts, "zooming in requests more tiles");
      // A failed image turns `complete` in the same task that fires its error
      // event (and so Leaflet's tileerror): once every tile is complete, all
      // the errors have been handled.
      await page.waitForFunction(() => {
        const tiles = [...document.querySelectorAll("img.leaflet-tile")];
        return tiles.length > 0 && tiles.every((t) => t.complete);
      });
      assert.equal(await page.locator(".map-notice").count(), 0, "dismissed notice stays dismissed");
      // …but switching the layer off and on again reports again.
      await page.hover(".leaflet-control-layers");
      await checkbox.uncheck();
      await checkbox.check();
      await page.waitForSelector(".map-notice", { timeout: 10_000 });
      assert.deepEqual(pageErrors, [], "no uncaught exceptions");
      const unexpected = consoleErrors.filter((e) => !e.url.includes("tile.openstreetmap.org"));
      assert.deepEqual(unexpected, [], "the only console errors are the blocked tiles");
    } finally {
      await context.close();
    }
  });

  test("credit links open in a new tab: following one from the keyboard keeps the atlas", async () => {
    const { page, context } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      await page.hover(".leaflet-control-layers");
      await page.getByLabel("OpenStreetMap tiles (needs internet)").check();
      await page.waitForSelector(".leaflet-control-attribution a[href*='openstreetmap']");
      await page.waitForSelector(".leaflet-control-attribution a[href*='geonames']");
      const links = await page.locator(".leaflet-control-attribution a").evaluateAll((as) =>
        as.map((a) => ({ text: a.textContent.trim(), target: a.target, rel: a.rel })),
      );
      assert.deepEqual(links.map((l) => l.text).sort(), ["GeoNames", "Leaflet", "Natural Earth", "OpenStreetMap"]);
      for (const link of links) {
        assert.equal(link.target, "_blank", `${link.text} opens in a new tab`);
        assert.match(link.rel, /noopener/, `${link.text} gives the new tab no handle on the atlas`);
      }
      // Enter on a focused credit link (the last stop of the page's tab
      // order) opens it beside the atlas, which stays loaded.
      await page.getByRole("link", { name: "Natural Earth" }).focus();
      const before = page.url();
      const [popup] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("Enter")]);
      assert.notEqual(popup, page);
      assert.equal(page.url(), before, "the atlas stayed where it was");
      assert.equal(await page.locator("[data-atlas-ready]").count(), 1);
    } finally {
      await context.close();
    }
  });
});

describe("failures the user must be told about", () => {
  let broken;
  let brokenDir;

  before(async () => {
    brokenDir = await mkdtemp(join(tmpdir(), "atlas-broken-"));
    await cp(DIST, brokenDir, { recursive: true });
    broken = await serveDir(brokenDir);
  });

  after(async () => {
    await broken?.close();
    await rm(brokenDir, { recursive: true, force: true });
  });

  test("a corrupt app bundle: the first map still shows, the app never reaches ready, and the page says it could not start", async () => {
    const wasm = (await readdir(brokenDir)).filter((f) => /^cca-atlas-.*_bg\.wasm$/.test(f));
    assert.equal(wasm.length, 1, `dist has one app wasm file (${wasm})`);
    await writeFile(join(brokenDir, wasm[0]), "this is not WebAssembly");
    const { page, context, pageErrors, consoleErrors } = await openPage(suite.browser, broken.url);
    try {
      await page.waitForFunction(() => performance.getEntriesByName("atlas:first-map-drawn").length > 0, null, { timeout: 10_000 });
      assert.ok((await page.locator("#first-map .atlas-site").count()) > 0, "the first map shows the sites");
      await assert.rejects(waitForAtlas(page, 4_000), "the readiness check fails when the app does not start");
      await page.waitForSelector(".boot-failed", { timeout: 5_000 });
      assert.match(await page.locator("#boot-status").innerText(), /could not start/);
      assert.ok(await page.locator("#boot-status").isVisible(), "the message is in sight, above the first map");
      assert.ok(pageErrors.length + consoleErrors.length > 0, "the failure is visible to the suite");
    } finally {
      await context.close();
      await cp(join(DIST, wasm[0]), join(brokenDir, wasm[0]));
    }
  });

  test("a corrupt first-map bundle: the app starts anyway, with every site", async () => {
    const wasm = (await readdir(brokenDir)).filter((f) => /^first-map-.*_bg\.wasm$/.test(f));
    assert.equal(wasm.length, 1, `dist has one first-map wasm file (${wasm})`);
    await writeFile(join(brokenDir, wasm[0]), "this is not WebAssembly");
    const { page, context } = await openPage(suite.browser, broken.url);
    try {
      await waitForAtlas(page);
      assert.equal(new Set(await mapSiteIds(page)).size, (await readFeatures()).length, "every site is on the map");
      assert.equal(await page.locator("#first-page").count(), 0, "the first page's frame is gone");
    } finally {
      await context.close();
      await cp(join(DIST, wasm[0]), join(brokenDir, wasm[0]));
    }
  });

  test("without Leaflet the app still starts and says the map library did not load", async () => {
    const leaflet = (await readdir(brokenDir)).filter((f) => /^leaflet-.*\.js$/.test(f));
    assert.equal(leaflet.length, 1, `dist has one Leaflet script (${leaflet})`);
    await rm(join(brokenDir, leaflet[0]));
    // Restore a valid wasm so only Leaflet is missing.
    const wasm = (await readdir(DIST)).filter((f) => f.endsWith(".wasm"));
    await cp(join(DIST, wasm[0]), join(brokenDir, wasm[0]));
    const { page, context, pageErrors } = await openPage(suite.browser, broken.url);
    try {
      await page.waitForSelector(".map-error", { timeout: 20_000 });
      assert.match(await page.locator(".map-error").innerText(), /Leaflet\) did not load/);
      assert.ok(await page.locator(".panel-title").isVisible(), "the panel still works");
      assert.deepEqual(pageErrors, [], "no uncaught exceptions");
    } finally {
      await context.close();
    }
  });

  test("a missing and a corrupt data file are named in a banner; every other site still loads", async () => {
    const dir = await mkdtemp(join(tmpdir(), "atlas-data-"));
    await cp(DIST, dir, { recursive: true });
    await rm(join(dir, "data", "green.geojson"));
    await writeFile(join(dir, "data", "security.geojson"), '{ "type": "FeatureCollection", "features": [ {');
    const server = await serveDir(dir);
    const { page, context, pageErrors } = await openPage(suite.browser, server.url);
    try {
      await waitForAtlas(page);
      const banner = page.locator(".data-error");
      await banner.waitFor();
      const text = await banner.innerText();
      assert.match(text, /green\.geojson could not be fetched: the server answered 404/);
      assert.match(text, /security\.geojson: not valid GeoJSON/);
      const expected = (await readFeatures())
        .filter((f) => !["green", "security"].includes(f.properties.sector))
        .map((f) => f.properties.id)
        .sort();
      assert.deepEqual(await mapSiteIds(page), expected, "the other files' sites are all drawn");
      await banner.getByRole("button", { name: "Dismiss" }).click();
      assert.equal(await banner.count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
