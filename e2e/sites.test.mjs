// Browser suite for the atlas's data on the map: every site in
// assets/data is drawn, and clicking one opens a popup that names it.
// Expected values are read from the data files, not written here.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { SCREENSHOTS, openPage, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const DATA = resolve("assets/data");

async function features() {
  const files = (await readdir(DATA)).filter((f) => f.endsWith(".geojson"));
  const all = [];
  for (const file of files) {
    all.push(...JSON.parse(await readFile(join(DATA, file), "utf8")).features);
  }
  return all;
}

const suite = useBrowserAndServer(DIST);

describe("sites from the report on the map", () => {
  test("every site in the data files is drawn, points and routes alike", async () => {
    const data = await features();
    assert.ok(data.length >= 25, `the data holds the report's sites (${data.length})`);
    const lines = data.filter((f) => f.geometry.type === "LineString").length;
    const { page, context, pageErrors, consoleErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      assert.equal(await page.locator("path.atlas-site").count(), data.length);
      assert.equal(await page.locator("path.atlas-site-line").count(), lines);
      assert.equal(await page.locator("path.atlas-site-point").count(), data.length - lines);
      assert.match(await page.locator(".panel-count").innerText(), new RegExp(`^${data.length} `));
      const pointsOnTop = await page.evaluate(() => {
        const paths = [...document.querySelectorAll("path.atlas-site")];
        const first = paths.findIndex((p) => p.classList.contains("atlas-site-point"));
        return first >= 0 && paths.slice(first).every((p) => p.classList.contains("atlas-site-point"));
      });
      assert.ok(pointsOnTop, "point markers are drawn after (above) every route");
      await page.screenshot({ path: join(SCREENSHOTS, "sites.png") });
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  test("clicking a site opens a popup with its name, precision and the report's words", async () => {
    const data = await features();
    const site = data.find((f) => f.properties.id === "turgusun-hpp");
    assert.ok(site, "the Turgusun plant is in the data");
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      await page.locator("path.atlas-site-id-turgusun-hpp").click();
      const popup = page.locator(".leaflet-popup-content");
      await popup.waitFor();
      const text = await popup.innerText();
      assert.ok(text.includes(site.properties.name), `popup names the site: ${text}`);
      assert.ok(text.includes(site.properties.report_quote), "popup quotes the report");
      assert.match(text, /Location: /);
      assert.match(text, /Green energy · hydro/);
      assert.match(text, /approximate, within about 3 km/);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("sites drawn at the same point are all listed in the popup", async () => {
    const data = await features();
    const key = (f) => JSON.stringify(f.geometry.coordinates);
    const points = data.filter((f) => f.geometry.type === "Point");
    const shared = points.filter((f) => points.some((g) => g !== f && key(g) === key(f)));
    assert.ok(shared.length >= 2, "the data has sites sharing a point (e.g. two institutions in one city)");
    const here = shared.filter((f) => key(f) === key(shared[0]));
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      // The markers overlap exactly: whichever is on top is what a user hits.
      await page.locator(`path.atlas-site-id-${here[0].properties.id}`).click({ force: true });
      const popup = page.locator(".leaflet-popup-content");
      await popup.waitFor();
      const text = await popup.innerText();
      for (const f of here) {
        assert.ok(text.includes(f.properties.name), `popup lists ${f.properties.name}: ${text}`);
      }
      assert.equal(await popup.locator(".atlas-popup-site").count(), here.length);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
