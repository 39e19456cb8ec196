// Browser suite for the timeline (issue 15): the sites as of a year, by
// the slider (mouse or keyboard) or by Play, which steps through the
// years and stops at the end; the slider and the year pickers are one
// model, kept in the link; sites being built or planned then are marked;
// less motion asked, nothing fades in. Expectations come from the data.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { SCREENSHOTS, afterFrames, mapSiteIds, openPage, queryOf, readFeatures, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);

/** The ids shown as of `year`: started by then (the completion year when the start is not known); every site at the last year. */
function asOf(features, year, last) {
  if (year >= last) return features.map((f) => f.properties.id).sort();
  return features
    .filter((f) => {
      const first = f.properties.start_year ?? f.properties.completion_year;
      return first != null && first <= year;
    })
    .map((f) => f.properties.id)
    .sort();
}

function span(features) {
  const years = features.flatMap((f) => [f.properties.start_year, f.properties.completion_year]).filter((y) => y != null);
  return [Math.min(...years), Math.max(...years)];
}

async function open(query = "", options = {}) {
  const handle = await openPage(suite.browser, suite.server.url + query, options);
  await waitForAtlas(handle.page);
  return handle;
}

const year = (page) => page.locator("#timeline-year").inputValue().then(Number);

describe("the timeline", () => {
  test("the slider shows the sites as of its year, by keyboard too; the pickers and the link follow", async () => {
    const features = await readFeatures();
    const [first, last] = span(features);
    const { page, context, pageErrors } = await open();
    try {
      assert.equal(await year(page), last, "it starts at the last year: everything");
      assert.deepEqual(await mapSiteIds(page), asOf(features, last, last));
      await page.locator("#timeline-year").fill("2016");
      await afterFrames(page);
      assert.deepEqual(await mapSiteIds(page), asOf(features, 2016, last));
      assert.equal((await queryOf(page)).years, `${first}-2016`, "the year is in the link");
      assert.match(await page.locator(".timeline-year").textContent(), /As of 2016/);
      // Keyboard: the slider is focusable and arrows move it a year.
      await page.locator("#timeline-year").focus();
      await page.keyboard.press("ArrowRight");
      await afterFrames(page);
      assert.equal(await year(page), 2017);
      assert.deepEqual(await mapSiteIds(page), asOf(features, 2017, last));
      await page.keyboard.press("Home");
      await afterFrames(page);
      assert.equal(await year(page), first);
      assert.deepEqual(await mapSiteIds(page), asOf(features, first, last));
      // One model: the year pickers show the slider's range, and moving
      // the end picker moves the slider.
      await page.click("#tab-filters");
      assert.equal(await page.locator("#years-to").inputValue(), String(first));
      await page.locator("#years-to").selectOption("2021");
      await afterFrames(page);
      assert.equal(await year(page), 2021);
      assert.deepEqual(await mapSiteIds(page), asOf(features, 2021, last));
      // The link round-trips.
      const link = new URL(page.url());
      const again = await open(link.search);
      try {
        assert.equal(await year(again.page), 2021);
        assert.deepEqual(await mapSiteIds(again.page), asOf(features, 2021, last));
      } finally {
        await again.context.close();
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("Play steps through the years, changing the sites shown, and stops at the end", async () => {
    const features = await readFeatures();
    const [first, last] = span(features);
    const { page, context, pageErrors } = await open(`?years=${first}-${last - 5}`);
    try {
      const seen = [];
      await page.exposeFunction("__sawYear", (y, ids) => seen.push([y, ids]));
      await page.evaluate(() => {
        const slider = document.querySelector("#timeline-year");
        const ids = () => [...document.querySelectorAll(".leaflet-container .atlas-site")]
          .filter((el) => el.checkVisibility({ visibilityProperty: true }))
          .map((el) => [...el.classList].find((c) => c.startsWith("atlas-site-id-"))?.slice(14)).filter(Boolean).sort();
        let before = slider.value;
        (function watch() {
          if (slider.value !== before) {
            before = slider.value;
            requestAnimationFrame(() => window.__sawYear(Number(slider.value), ids()));
          }
          requestAnimationFrame(watch);
        })();
      });
      const play = page.locator("#timeline-play");
      assert.equal(await play.getAttribute("aria-pressed"), "false");
      await play.click();
      assert.equal(await play.getAttribute("aria-pressed"), "true");
      await page.waitForFunction(() => document.querySelector("#timeline-play").getAttribute("aria-pressed") === "false", null, { timeout: 20_000 });
      assert.equal(await year(page), last, "it stopped at the last year");
      const years = seen.map(([y]) => y);
      assert.deepEqual(years, Array.from({ length: 5 }, (_, i) => last - 4 + i), "one year at a time, in order");
      for (const [y, ids] of seen) assert.deepEqual(ids, asOf(features, y, last), `as of ${y}`);
      assert.ok(new Set(seen.map(([, ids]) => ids.length)).size > 1, "the sites shown changed over the years");
      assert.equal((await queryOf(page)).years, undefined, "at the end the facet is off");
      // Pause halts it: played again (from the start), then paused.
      await play.click();
      await page.waitForFunction((f) => Number(document.querySelector("#timeline-year").value) > f, first, { timeout: 5_000 });
      await play.click();
      const paused = await year(page);
      await page.waitForTimeout(2_000);
      assert.equal(await year(page), paused, "paused, it stays");
      assert.equal(await play.getAttribute("aria-pressed"), "false");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("sites being built or planned as of the year are marked; less motion asked, nothing fades in", async () => {
    const features = await readFeatures();
    const [, last] = span(features);
    const { page, context, pageErrors } = await open("?years=1997-2019&map=5/42/70");
    try {
      // Started by 2019, completed after it: being built then.
      const building = features.filter((f) => f.properties.start_year <= 2019 && f.properties.completion_year > 2019).map((f) => f.properties.id);
      assert.ok(building.length > 0, "the data has such a site");
      // What the corner mark shows is said in the site's accessible name too.
      const nameOf = (id) => page.locator(`.atlas-site-id-${id}[aria-label]`).first().getAttribute("aria-label");
      for (const id of building) {
        assert.ok(await page.locator(`.atlas-site-id-${id}.atlas-stage-building`).count() > 0, `${id} marked as being built in 2019`);
        assert.match(await nameOf(id), /: Under construction$/, `${id}'s name says it is being built`);
      }
      await page.screenshot({ path: join(SCREENSHOTS, "timeline-2019.png") });
      await page.locator("#timeline-year").fill(String(last));
      await afterFrames(page);
      for (const id of building) {
        assert.equal(await page.locator(`.atlas-site-id-${id}.atlas-stage-building`).count(), 0, `${id} done by ${last}`);
        assert.doesNotMatch(await nameOf(id), /: Under construction$/, `${id}'s name no longer says so`);
      }
      const planned = features.filter((f) => f.properties.status === "planned").map((f) => f.properties.id);
      for (const id of planned) {
        assert.ok(await page.locator(`.atlas-site-id-${id}.atlas-stage-planned`).count() > 0, `${id} planned`);
        assert.match(await nameOf(id), /: Planned$/, `${id}'s name says it is planned`);
      }
      assert.notEqual(await page.locator(".atlas-site.leaflet-marker-icon").first().evaluate((el) => getComputedStyle(el).animationName), "none", "sites fade in");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
    const reduced = await suite.browser.newContext({ reducedMotion: "reduce", viewport: { width: 1280, height: 800 } });
    try {
      await reduced.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort("internetdisconnected"));
      const page = await reduced.newPage();
      await page.goto(suite.server.url + "?years=1997-2019");
      await waitForAtlas(page);
      assert.equal(await page.locator(".atlas-site.leaflet-marker-icon").first().evaluate((el) => getComputedStyle(el).animationName), "none");
    } finally {
      await reduced.close();
    }
  });
});
