// Browser suite for the sites on the map: every site in assets/data is
// drawn as a named, focusable element with its category's symbol; clicking
// one opens its details in the panel and highlights and frames it.
// Expected values are read from the data files, not written here.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  SCREENSHOTS, mapSiteIds, openPage, readFeatures, readView, settledUrl, useBrowserAndServer, viewContains, waitForAtlas,
} from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);

describe("sites from the report on the map", () => {
  test("every site is drawn once, named and focusable, in its category's layer", async () => {
    const data = await readFeatures();
    assert.ok(data.length >= 25, `the data holds the report's sites (${data.length})`);
    const lines = data.filter((f) => f.geometry.type === "LineString");
    const { page, context, pageErrors, consoleErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      assert.deepEqual(await mapSiteIds(page), data.map((f) => f.properties.id).sort());
      assert.equal(await page.locator("path.atlas-site-line").count(), lines.length);
      assert.equal(await page.locator(".leaflet-marker-pane .atlas-site-point").count(), data.length - lines.length);
      for (const f of data) {
        const el = page.locator(`.atlas-site-id-${f.properties.id}`);
        assert.equal(await el.getAttribute("tabindex"), "0", `${f.properties.id} is focusable`);
        assert.equal(await el.getAttribute("role"), "button");
        const label = await el.getAttribute("aria-label");
        assert.ok(label?.startsWith(f.properties.name), `${f.properties.id} is named: ${label}`);
        const classes = await el.getAttribute("class");
        assert.match(classes, new RegExp(`atlas-category-${f.properties.category.replace("_", "-")}`));
        assert.match(classes, new RegExp(`atlas-precision-${f.properties.precision}`));
      }
      // Approximate points are hollow (white fill), exact ones filled.
      const fills = await page.evaluate(() =>
        [...document.querySelectorAll(".atlas-site-point")].map((el) => [
          [...el.classList].find((c) => c.startsWith("atlas-precision-")),
          el.querySelector("circle")?.getAttribute("fill"),
        ]),
      );
      for (const [precision, fill] of fills) {
        assert.equal(fill === "#ffffff", precision !== "atlas-precision-exact", `${precision} fill ${fill}`);
      }
      // Railways and highways are drawn differently: an inner line with
      // ties for railways, a solid centre line for highways.
      const innerDash = (id) =>
        page.evaluate((id) => {
          const casing = document.querySelector(`path.atlas-site-id-${id}`);
          const inner = casing?.nextElementSibling;
          return inner?.classList.contains("atlas-site-inner") ? inner.getAttribute("stroke-dasharray") : "missing";
        }, id);
      const rail = lines.find((f) => f.properties.category === "railway").properties.id;
      const road = lines.find((f) => f.properties.category === "highway").properties.id;
      assert.notEqual(await innerDash(rail), "missing");
      assert.notEqual(await innerDash(rail), null, "railway ties are dashed");
      assert.equal(await innerDash(road), null, "highway centre line is solid");
      await page.screenshot({ path: join(SCREENSHOTS, "sites.png") });
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  test("no marker or badge hides another: at the opening view and zoomed out, each is hit at its own centre", async () => {
    const viewport = { width: 1280, height: 800 };
    for (const size of [viewport, { width: 390, height: 844 }]) {
      const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url, { viewport: size });
      try {
        await waitForAtlas(page);
        for (let zoomOut = 0; zoomOut < 2; zoomOut++) {
          const hidden = await page.evaluate(() =>
            [...document.querySelectorAll(".leaflet-marker-pane .atlas-site:not(.atlas-clustered), .leaflet-marker-pane .atlas-cluster")]
              .map((el) => {
                const r = el.getBoundingClientRect();
                const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest(".atlas-site, .atlas-cluster");
                return inside && hit !== el ? el.getAttribute("aria-label") : null;
              })
              .filter(Boolean),
          );
          assert.deepEqual(hidden, [], `${size.width}px, zoom-out ${zoomOut}: markers covered by others`);
          const zoomOut_ = page.locator(".leaflet-control-zoom-out");
          if ((await zoomOut_.getAttribute("class")).includes("leaflet-disabled")) break;
          const zoom = (await readView(page)).zoom;
          await zoomOut_.click();
          await page.waitForFunction((z) => Number(document.querySelector(".map").dataset.view.split(",")[4]) < z, zoom);
          await page.waitForTimeout(300);
        }
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    }
  });

  test("the spread of crowded markers follows the filters: hiding and showing a sector re-spreads, with a leader per moved marker", async () => {
    const data = await readFeatures();
    const sectors = [...new Set(data.filter((f) => f.geometry.type === "Point").map((f) => f.properties.sector))].sort();
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      // Each shown marker: its centre, and whether the declutter moved it
      // (its CSS translate is the offset); the leaders.
      const layout = () => page.evaluate(() => {
        const markers = [...document.querySelectorAll(".leaflet-marker-pane .atlas-site")]
          .filter((el) => el.checkVisibility({ visibilityProperty: true }))
          .map((el) => {
            const r = el.getBoundingClientRect();
            const id = [...el.classList].find((c) => c.startsWith("atlas-site-id-"));
            const half = r.width / 2;
            const [tx = 0, ty = 0] = (el.style.translate || "0px").split(" ").map(parseFloat);
            const moved = Math.hypot(tx, ty) >= 1;
            return { id, x: Math.round(r.left + half), y: Math.round(r.top + r.height / 2), moved };
          })
          .sort((a, b) => a.id.localeCompare(b.id));
        const covered = markers.filter((m) => document.elementFromPoint(m.x, m.y)?.closest(".atlas-site")?.classList.contains(m.id) === false);
        return {
          markers,
          covered: covered.map((m) => m.id),
          // Every leader line is a subpath ("M… L…") of one path.
          leaders: [...document.querySelectorAll("path.atlas-leader")]
            .flatMap((path) => (path.getAttribute("d") ?? "").split("M").filter((sub) => sub.includes("L"))).length,
          dots: [...document.querySelectorAll("path.atlas-leader-dot")].filter((dot) => dot.checkVisibility({ visibilityProperty: true })).length,
        };
      });
      await page.click("#tab-filters");
      const opening = await layout();
      assert.ok(opening.markers.some((m) => m.moved), "the opening view has crowded markers to spread");
      let changed = false;
      for (const sector of sectors) {
        await page.locator(`#sector-${sector}`).uncheck();
        await page.waitForTimeout(50);
        const without = await layout();
        assert.deepEqual(without.covered, [], `without ${sector}: no marker covers another`);
        const moved = without.markers.filter((m) => m.moved).length;
        assert.equal(without.leaders, moved, `without ${sector}: one leader per moved marker`);
        assert.equal(without.dots, moved, `without ${sector}: one true-place dot per moved marker`);
        const stay = opening.markers.filter((m) => without.markers.some((w) => w.id === m.id));
        changed ||= JSON.stringify(stay) !== JSON.stringify(without.markers);
        await page.locator(`#sector-${sector}`).check();
        await page.waitForTimeout(50);
        assert.deepEqual(await layout(), opening, `with ${sector} again: the opening layout`);
      }
      assert.ok(changed, "hiding some sector moved the markers that stayed");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("clicking a site shows its details in the panel, highlighted and framed on the map", async () => {
    const data = await readFeatures();
    const site = data.find((f) => f.properties.id === "turgusun-hpp");
    assert.ok(site, "the Turgusun plant is in the data");
    const [lon, lat] = site.geometry.coordinates;
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      // From the map key (from the report, a map click marks the report's
      // sentence instead: see report.test.mjs).
      await page.click("#tab-filters");
      const before = await readView(page);
      await page.locator(".atlas-site-id-turgusun-hpp").click();
      const details = page.locator(".details");
      await details.waitFor();
      assert.equal(await page.locator("#details-title").innerText(), site.properties.name);
      const text = await details.innerText();
      assert.ok(text.includes(site.properties.report_quote), "quotes the report verbatim");
      for (const alt of site.properties.alt_names) assert.ok(text.includes(alt), `alt name ${alt}`);
      assert.match(text, /Approximate, within about 3 km/);
      assert.match(text, /Hydropower plant/);
      assert.match(text, /Kazakhstan/);
      assert.ok(text.includes(site.properties.operator), "operator");
      assert.match(text, /2017–2021/);
      const links = await details.locator(".details-sources a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      // The feature's sources, then those of its Chinese and Russian names,
      // then those of its companies' (data/names.json).
      const file = JSON.parse(await readFile("assets/data/names.json", "utf8"));
      const companies = [site.properties.operator, ...(site.properties.partners ?? [])]
        .flatMap((c) => file.companies?.[c]?.sources ?? []);
      assert.ok(companies.length > 0, "this site has a company named in another language");
      assert.deepEqual(links, [...site.properties.sources, ...(file.sites[site.properties.id]?.sources ?? []), ...companies].map((s) => s.url));
      // Focus moved into the panel.
      await page.waitForFunction(() => document.activeElement?.id === "details-title");
      // Highlighted, framed, and its radius shown.
      assert.match(await page.locator(".atlas-site-id-turgusun-hpp").getAttribute("class"), /atlas-selected/);
      await page.waitForFunction((z) => {
        const v = document.querySelector(".map").dataset.view.split(",").map(Number);
        return v[4] > z;
      }, before.zoom);
      const after = await readView(page);
      assert.ok(viewContains(after, lat, lon), "the site is in view");
      assert.ok(after.zoom >= 7, `zoomed in to it (${after.zoom})`);
      assert.equal(await page.locator(".leaflet-atlas-halos-pane path.atlas-halo").count(), 1, "radius halo");
      assert.equal(new URL(await settledUrl(page)).searchParams.get("site"), "turgusun-hpp");
      // Escape closes the details; the highlight goes (and, with the
      // pointer off the marker, its halo).
      await page.mouse.move(5, 400);
      await page.keyboard.press("Escape");
      await details.waitFor({ state: "detached" });
      // The map follows in the next frame (before it is painted).
      await page.waitForFunction(() => !document.querySelector(".atlas-site-id-turgusun-hpp").classList.contains("atlas-selected"));
      // Focus went back to the marker, which shows its radius while focused.
      assert.match(await page.evaluate(() => document.activeElement?.getAttribute("class")), /atlas-site-id-turgusun-hpp/);
      assert.equal(await page.locator(".leaflet-atlas-halos-pane path.atlas-halo").count(), 1);
      await page.evaluate(() => document.activeElement.blur());
      assert.equal(await page.locator(".leaflet-atlas-halos-pane path.atlas-halo").count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a route's details give its geodesic length; sites sharing a point are spread and cross-linked", async () => {
    const data = await readFeatures();
    const key = (f) => JSON.stringify(f.geometry.coordinates);
    const points = data.filter((f) => f.geometry.type === "Point");
    const shared = points.filter((f) => points.some((g) => g !== f && key(g) === key(f)));
    assert.ok(shared.length >= 2, "the data has sites sharing a point");
    const [a, b] = shared.filter((f) => key(f) === key(shared[0]));
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      await page.click("#tab-list");
      const boxA = await page.locator(`.atlas-site-id-${a.properties.id}`).boundingBox();
      const boxB = await page.locator(`.atlas-site-id-${b.properties.id}`).boundingBox();
      // Spread so they do not overlap: centres at least a marker's width
      // apart (26 px markers; the map spreads them 27 px apart, give or
      // take Leaflet's rounding to whole pixels).
      assert.equal(boxA.width, 26, "a marker is 26 px wide");
      const apart = Math.hypot(boxA.x - boxB.x, boxA.y - boxB.y);
      assert.ok(apart >= boxA.width, `markers at one point do not overlap (${apart.toFixed(1)} px apart)`);
      await page.locator(`.atlas-site-id-${b.properties.id}`).click();
      await page.locator(".details-here").waitFor();
      await page.locator(".details-here button", { hasText: a.properties.name }).click();
      await page.waitForFunction((name) => document.querySelector("#details-title")?.textContent === name, a.properties.name);

      // From the list this time (the route's middle is off screen now).
      await page.click("#tab-list");
      await page.click("[data-site-id=air-xian-almaty]");
      await page.waitForFunction(() => document.querySelector("#details-title")?.textContent.includes("Almaty"));
      const length = await page.locator(".details-fact", { hasText: "Length" }).innerText();
      // Xi'an–Almaty is about 2,900 km on the great circle.
      const km = Number(length.match(/([\d,]+) km/)[1].replace(/,/g, ""));
      assert.ok(km > 2800 && km < 3000, `Xi'an–Almaty length ${km} km`);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
