// Browser suite for the report in the panel: structure, key figures and the
// trade chart, and the sentence-level links both ways — a place name opens
// its site, a site on the map marks its sentence — plus the section chip
// that filters the map to one sector.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import {
  SCREENSHOTS, mapSiteIds, openPage, queryOf, readFeatures, settledUrl, readView, useBrowserAndServer, viewContains, waitForAtlas,
} from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);
const ids = (features) => features.map((f) => f.properties.id).sort();

/** Whether the element is fully inside the visible part of its scroll box. */
function inView(page, selector) {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector);
    const box = el?.closest(".panel-view");
    if (!el || !box) return false;
    const a = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return a.height > 0 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  }, selector);
}

describe("the report in the panel", () => {
  test("opens with title, date line, sections, key figures and the trade chart", async () => {
    const { page, context, pageErrors, consoleErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      assert.equal(await page.locator("#tab-report").getAttribute("aria-selected"), "true", "the report is the first view");
      assert.match(await page.locator("#report-title").innerText(), /^Championing the China-Central Asia Spirit/);
      assert.match(await page.locator(".report-dateline").innerText(), /Xinhua Institute · released Sunday 22 June 2025/);
      const headings = await page.locator(".report-section-toggle").allInnerTexts();
      assert.deepEqual(headings.slice(0, 7), [
        "Introduction", "1. Trade", "2. Connectivity", "3. Energy", "4. Green", "5. Development", "6. Security",
      ]);
      assert.equal(headings.length, 9, "intro, six achievements, two challenges");
      assert.ok(!(await page.locator(".report").innerText()).includes("Philippines"), "no reader comment");
      const cards = (await page.locator(".figure-card .figure-value").allInnerTexts()).map((t) => t.trim());
      for (const expected of [
        "US$94.8 bn", "+US$5.4 bn", "+7.2%", "US$460 M", "> US$17 bn", "> US$60 bn", "7 cities",
        "> 20,000 people", "262 M kWh → 1.74 bn kWh a year", "10 bn m³ a year", "≈ 3 bn kWh a year", "1.6 Mt a year",
      ]) {
        assert.ok(cards.includes(expected), `card ${expected} in ${JSON.stringify(cards)}`);
      }
      const bars = await page.locator(".trade-bar-value").allTextContents();
      assert.deepEqual(bars, ["US$89.4 bn", "US$94.8 bn"], "2023 = 94.8 − 5.4");
      const heights = await page.locator(".trade-bar rect").evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("height"))));
      assert.ok(Math.abs(heights[0] / heights[1] - 89.4 / 94.8) < 1e-9, "bars drawn to scale from zero");
      assert.match(await page.locator(".trade-chart figcaption").innerText(), /imply growth of 6\.0%; the report states 7\.2%/);

      // A card leads to its sentence.
      const card = page.locator(".figure-card", { hasText: "20,000" });
      const sentence = await card.getAttribute("data-sentence");
      await page.locator("#report-challenge-2").scrollIntoViewIfNeeded();
      await card.click();
      await page.waitForFunction((id) => document.activeElement?.id === id, sentence);
      assert.ok(await inView(page, `#${sentence}`), "the sentence is scrolled into view");
      assert.match(await page.locator(`#${sentence}`).innerText(), /more than 20,000 local people/);
      assert.match(await page.locator(`#${sentence}`).getAttribute("class"), /sentence-target/);

      // Sections collapse and open.
      const toggle = page.locator("#report-energy .report-section-toggle");
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.equal(await page.locator("#report-energy-body").isVisible(), false);
      await toggle.click();
      assert.equal(await page.locator("#report-energy-body").isVisible(), true);
      await page.screenshot({ path: join(SCREENSHOTS, "report.png") });
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a place name in the text opens that site's details and moves the map to it", async () => {
    const site = (await readFeatures()).find((f) => f.properties.id === "zhanatas-wind");
    const [lon, lat] = site.geometry.coordinates;
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      const before = await readView(page);
      const mention = page.locator(".mention", { hasText: "Zhanatas wind farm" });
      assert.equal(await mention.getAttribute("href"), "?site=zhanatas-wind", "a real link to the site's state");
      await mention.click();
      await page.waitForFunction((n) => document.querySelector("#details-title")?.textContent === n, site.properties.name);
      await page.waitForFunction((z) => Number(document.querySelector(".map").dataset.view.split(",")[4]) > z, before.zoom);
      assert.ok(viewContains(await readView(page), lat, lon), "the map frames the site");
      assert.equal((await queryOf(page)).site, "zhanatas-wind");
      // Every mapped name in the text is a mention; "Xi'an with 7 cities" names all seven air links.
      const air = await page.locator(".mention", { hasText: "Xi'an with 7 cities" }).getAttribute("data-sites");
      assert.equal(air.split(" ").length, 7);
      // From the details, back to the sentence in the report.
      await page.locator(".details-report button", { hasText: "Show in the report" }).first().click();
      await page.waitForFunction(() => document.activeElement?.classList.contains("sentence"));
      const id = await page.evaluate(() => document.activeElement.id);
      assert.ok(await inView(page, `#${id}`));
      assert.match(await page.locator(`#${id}`).innerText(), /Zhanatas wind farm/);
      assert.equal(await page.locator(`#${id}`).getAttribute("aria-current"), "true", "marked as citing the selected site");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("clicking a site on the map marks the sentence that cites it, in view", async () => {
    const site = (await readFeatures()).find((f) => f.properties.id === "turgusun-hpp");
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      assert.equal(await page.locator(".sentence[aria-current]").count(), 0);
      await page.locator(".atlas-site-id-turgusun-hpp").click();
      const marked = page.locator(".sentence[aria-current=true]");
      await marked.first().waitFor();
      assert.equal(await marked.count(), 1);
      const text = await marked.innerText();
      assert.ok(text.includes("Turgusun hydropower station"), text);
      assert.ok(text.includes(site.properties.report_quote), "the marked sentence holds the site's quote");
      const id = await marked.getAttribute("id");
      await page.waitForFunction((id) => document.activeElement?.id === id, id);
      assert.ok(await inView(page, `#${id}`), "scrolled into view");
      assert.equal(await page.locator("#tab-report").getAttribute("aria-selected"), "true", "the report stays open");
      assert.equal(await page.locator("#selection-title").innerText(), site.properties.name);
      await page.screenshot({ path: join(SCREENSHOTS, "report-marked.png") });
      // Another site, chosen elsewhere, moves the mark.
      await page.getByRole("combobox", { name: "Search sites" }).fill("Aktobe");
      await page.getByRole("option").first().click();
      await page.locator("#details-title").waitFor();
      await page.click("#tab-report");
      await page.waitForFunction(() => document.querySelector(".sentence[aria-current=true]")?.textContent.includes("Aktobe"));
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a section heading filters the map to its sector, shown as a removable chip", async () => {
    const data = await readFeatures();
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      await page.locator("#report-energy .section-filter").click();
      const energy = ids(data.filter((f) => f.properties.sector === "energy"));
      assert.deepEqual(await mapSiteIds(page), energy);
      const chip = page.locator(".panel-summary .chip");
      assert.match(await chip.innerText(), /Only Energy/);
      assert.equal(await page.locator("#report-energy .section-filter").getAttribute("aria-pressed"), "true");
      assert.ok((await queryOf(page)).off, "the link holds it");
      // Another section replaces it.
      await page.locator("#report-green .section-filter").click();
      assert.deepEqual(await mapSiteIds(page), ids(data.filter((f) => f.properties.sector === "green")));
      assert.match(await chip.innerText(), /Only Green energy/);
      await chip.getByRole("button", { name: "Remove filter: only Green energy" }).click();
      assert.deepEqual(await mapSiteIds(page), ids(data));
      assert.equal(await chip.count(), 0);
      assert.equal(new URL(await settledUrl(page)).search, "");
      // Trade has no sites, so no filter button.
      assert.equal(await page.locator("#report-trade .section-filter").count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
