// Browser suite for the legend that is the filter: sector and category
// checkboxes, country, status and year facets, live counts, the list view
// in step with the map, and the empty result with its reset.
// Every expectation is computed from the data files.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import {
  listSiteIds, mapSiteIds, openPage, queryOf, readFeatures, settledUrl, useBrowserAndServer, waitForAtlas,
} from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);

const ids = (features) => features.map((f) => f.properties.id).sort();
const years = (p) => [p.start_year, p.completion_year].filter((y) => y != null);

async function open() {
  const handle = await openPage(suite.browser, suite.server.url);
  await waitForAtlas(handle.page);
  await handle.page.click("#tab-filters");
  return handle;
}

/** The list view's ids, sorted, read from the visible list tab. */
async function listed(page) {
  await page.click("#tab-list");
  const list = (await listSiteIds(page)).sort();
  await page.click("#tab-filters");
  return list;
}

describe("the legend filters the map and the list", () => {
  test("unchecking a sector removes exactly its sites from the map and the list", async () => {
    const data = await readFeatures();
    const { page, context, pageErrors, consoleErrors } = await open();
    try {
      for (const sector of ["green", "connectivity"]) {
        const box = page.locator(`#sector-${sector}`);
        const count = Number(await page.locator(`#sector-${sector}-count`).innerText());
        assert.equal(count, data.filter((f) => f.properties.sector === sector).length, `${sector} count`);
        await box.uncheck();
        const rest = ids(data.filter((f) => f.properties.sector !== sector));
        assert.deepEqual(await mapSiteIds(page), rest, `map without ${sector}`);
        assert.deepEqual(await listed(page), rest, `list without ${sector}`);
        assert.match(await page.locator(".panel-summary").innerText(), new RegExp(`Showing ${rest.length} of ${data.length}`));
        await box.check();
        assert.deepEqual(await mapSiteIds(page), ids(data));
      }
      // One category within a sector, and its sector box goes indeterminate.
      await page.locator("#layer-connectivity-air-route").uncheck();
      const noAir = ids(data.filter((f) => f.properties.category !== "air_route"));
      assert.deepEqual(await mapSiteIds(page), noAir);
      assert.equal(await page.locator("#sector-connectivity").evaluate((el) => el.indeterminate), true);
      assert.equal((await queryOf(page)).off, "connectivity.air_route", "the link holds the filter");
      await page.getByRole("button", { name: "Hide all" }).click();
      assert.deepEqual(await mapSiteIds(page), []);
      await page.getByRole("button", { name: "Show all" }).click();
      assert.deepEqual(await mapSiteIds(page), ids(data));
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  test("country, status and year facets: OR within a facet, AND across, counts follow the others", async () => {
    const data = await readFeatures();
    const { page, context, pageErrors } = await open();
    try {
      const inCountry = (f, cs) => f.properties.countries.some((c) => cs.includes(c));
      // Counts before any facet: each country's count is its number of sites.
      for (const code of ["KZ", "TM"]) {
        const shown = Number(await page.locator(`#country-${code.toLowerCase()}-count`).innerText());
        assert.equal(shown, data.filter((f) => inCountry(f, [code])).length, `${code} count`);
      }
      await page.locator("#country-tm").check();
      assert.deepEqual(await mapSiteIds(page), ids(data.filter((f) => inCountry(f, ["TM"]))));
      await page.locator("#country-tj").check();
      const tmTj = data.filter((f) => inCountry(f, ["TM", "TJ"]));
      assert.deepEqual(await mapSiteIds(page), ids(tmTj), "OR within the country facet");
      // Status counts now follow the country facet.
      const operational = tmTj.filter((f) => f.properties.status === "operational");
      assert.equal(Number(await page.locator("#status-operational-count").innerText()), operational.length);
      await page.locator("#status-operational").check();
      assert.deepEqual(await mapSiteIds(page), ids(operational), "AND across facets");
      assert.deepEqual(await listed(page), ids(operational));
      assert.deepEqual((await queryOf(page)).country, "TJ,TM");
      await page.locator(".legend-reset").click();
      assert.deepEqual(await mapSiteIds(page), ids(data));
      assert.equal(new URL(await settledUrl(page)).search, "", "a reset leaves a bare link");

      // Years: a narrowed range keeps sites whose years overlap it and drops undated ones.
      await page.selectOption("#years-from", "2020");
      await page.selectOption("#years-to", "2021");
      const overlap = data.filter((f) => {
        const ys = years(f.properties);
        return ys.length > 0 && Math.min(...ys) <= 2021 && Math.max(...ys) >= 2020;
      });
      assert.ok(overlap.length > 0 && overlap.length < data.length);
      assert.deepEqual(await mapSiteIds(page), ids(overlap));
      assert.equal((await queryOf(page)).years, "2020-2021");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("an empty result says so on the map and offers a reset", async () => {
    const data = await readFeatures();
    const { page, context, pageErrors } = await open();
    try {
      // Planned sites in Turkmenistan: the data has none.
      assert.equal(data.filter((f) => f.properties.status === "planned" && f.properties.countries.includes("TM")).length, 0);
      await page.locator("#country-tm").check();
      await page.locator("#status-planned").check();
      assert.deepEqual(await mapSiteIds(page), []);
      const notice = page.locator(".map-empty .empty-notice");
      assert.match(await notice.innerText(), /No site matches/);
      await notice.getByRole("button", { name: "Reset filters" }).click();
      assert.deepEqual(await mapSiteIds(page), ids(data));
      assert.equal(await notice.count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a site the filters hide is gone for mouse, keyboard and screen readers, and its tooltip closes", async () => {
    const data = await readFeatures();
    const sector = "green";
    const hidden = data.filter((f) => f.properties.sector === sector);
    const point = hidden.find((f) => f.geometry.type === "Point");
    assert.ok(point, `${sector} has a marker`);
    const { page, context, pageErrors } = await open();
    try {
      const labels = [];
      for (const f of hidden) labels.push(await page.locator(`.atlas-site-id-${f.properties.id}`).first().getAttribute("aria-label"));
      const marker = page.locator(`.atlas-site-id-${point.properties.id}`);
      await marker.hover();
      const tooltip = page.locator(".leaflet-tooltip.atlas-tooltip");
      await tooltip.waitFor();
      assert.equal(await tooltip.innerText(), point.properties.name);
      // By keyboard, so the mouse stays where the marker was.
      await page.locator(`#sector-${sector}`).focus();
      await page.keyboard.press("Space");
      await page.waitForFunction((s) => !document.querySelector(`#sector-${s}`).checked, sector);
      // Closed: gone once Leaflet's fade-out has run.
      await tooltip.waitFor({ state: "detached", timeout: 2_000 });
      for (const [i, f] of hidden.entries()) {
        assert.equal(await page.getByRole("button", { name: labels[i], exact: true }).count(), 0, `${labels[i]}: not in the accessibility tree`);
        const focused = await page.evaluate((id) => {
          const node = document.querySelector(`.leaflet-container .atlas-site-id-${id}`);
          node?.focus();
          return node !== null && document.activeElement === node;
        }, f.properties.id);
        assert.equal(focused, false, `${labels[i]}: not a tab stop`);
      }
      const box = await page.locator(`.atlas-site-id-${data.find((f) => f.properties.sector !== sector && f.geometry.type === "Point").properties.id}`).boundingBox();
      assert.ok(box, "the other sectors' markers are still drawn");
      await page.locator(`#sector-${sector}`).press("Space");
      await marker.waitFor();
      assert.equal(await marker.evaluate((node) => { node.focus(); return document.activeElement === node; }), true, "shown again, it takes focus");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("the key, hidden behind another view while the filter changes, is up to date when shown", async () => {
    const data = await readFeatures();
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      await page.click("#tab-filters");
      assert.equal(await page.locator("#sector-energy").isChecked(), true);
      await page.click("#tab-report");
      // Changed from the report while the key is hidden: only energy.
      await page.locator("#report-energy .section-filter").click();
      await page.click("#tab-filters");
      const sectors = [...new Set(data.map((f) => f.properties.sector))];
      for (const sector of sectors) {
        assert.equal(await page.locator(`#sector-${sector}`).isChecked(), sector === "energy", `${sector} box`);
      }
      const energy = data.filter((f) => f.properties.sector === "energy");
      for (const code of ["KZ", "UZ", "TJ"]) {
        const want = energy.filter((f) => f.properties.countries.includes(code)).length;
        assert.equal(Number(await page.locator(`#country-${code.toLowerCase()}-count`).innerText()), want, `${code} count`);
      }
      assert.equal(await page.locator(".legend-reset").isDisabled(), false, "reset is offered");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
