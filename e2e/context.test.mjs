// Browser suite for the map's context (issue 13): lakes and rivers drawn as
// water, towns, lakes, rivers and ranges named without overlapping each
// other, a site or a country name; the context file loads after the first
// map, and a missing or hostile file is said and harmless. Expectations come
// from assets/context/context.json, not from numbers written here.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { SCREENSHOTS, afterFrames, openPage, readView, until, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const CONTEXT = JSON.parse(await readFile("assets/context/context.json", "utf8"));

// What the server answers for the context file: undefined = the real file.
let contextAnswer;
const suite = useBrowserAndServer(DIST, {
  routes(req, res) {
    if (!req.url.startsWith("/context/context.json") || contextAnswer === undefined) return false;
    const { status, body } = contextAnswer;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body);
    return true;
  },
});

const LABELS = ".atlas-place span, .atlas-water-label span, .atlas-range-label span";

/** Waits until the context is on the map (its names placed). */
function contextShown(page) {
  return until(page, (sel) => document.querySelectorAll(sel).length > 0, LABELS, 15_000);
}

/** Screen boxes of the context's names, the country names and the site markers shown. */
function boxes(page) {
  return page.evaluate((sel) => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const shown = (el) => el.checkVisibility({ visibilityProperty: true });
    return {
      labels: [...document.querySelectorAll(sel)].filter(shown).map(box),
      countries: [...document.querySelectorAll(".atlas-country-label span")].filter(shown).map(box),
      sites: [...document.querySelectorAll(".leaflet-marker-icon.atlas-site, .atlas-cluster")].filter(shown).map(box),
      // Each named place's dot: 5 px round its point, the top-left of its marker element.
      dots: [...document.querySelectorAll(".atlas-place")].filter(shown).map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent, left: r.left - 2.5, top: r.top - 2.5, right: r.left + 2.5, bottom: r.top + 2.5 };
      }),
      controls: [...document.querySelectorAll(".leaflet-control")].filter(shown).map(box),
      map: box(document.querySelector(".map")),
    };
  }, LABELS);
}

/**
 * The boxes once the map has settled: read a frame apart until two reads
 * agree (a name is placed again a frame after what moved it, and a phone's
 * panel can resize the map after a site is framed), at most ~40 frames.
 * What is checked is the state the reader is left looking at.
 */
async function settledBoxes(page) {
  let before = await boxes(page);
  for (let i = 0; i < 20; i++) {
    await afterFrames(page);
    const now = await boxes(page);
    if (JSON.stringify(now) === JSON.stringify(before)) return now;
    before = now;
  }
  return before;
}

const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function assertApart({ labels, countries, sites, dots, controls, map }, where) {
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i];
    assert.ok(a.left >= map.left - 1 && a.right <= map.right + 1, `${where}: "${a.text}" lies inside the map`);
    for (const b of labels.slice(i + 1)) assert.ok(!overlap(a, b), `${where}: "${a.text}" overlaps "${b.text}"`);
    for (const b of countries) assert.ok(!overlap(a, b), `${where}: "${a.text}" overlaps the country name "${b.text}"`);
    for (const b of sites) assert.ok(!overlap(a, b), `${where}: "${a.text}" covers a site marker or badge`);
    for (const b of controls) assert.ok(!overlap(a, b), `${where}: "${a.text}" lies under a map control`);
    for (const b of dots) if (b.text !== a.text) assert.ok(!overlap(a, b), `${where}: "${a.text}" covers the dot of "${b.text}"`);
  }
}

describe("the map's context", () => {
  test("lakes are drawn as water, rivers as lines, and the file loads only after the first map", async () => {
    contextAnswer = undefined;
    const { page, context, pageErrors, consoleErrors, blocked } = await openPage(suite.browser, suite.server.url + "?map=6/45.9/75.5");
    try {
      await waitForAtlas(page);
      await contextShown(page);
      const lakes = CONTEXT.lakes.length;
      const rivers = CONTEXT.rivers.length;
      assert.equal(await page.locator("path.atlas-lake").count(), lakes);
      assert.equal(await page.locator("path.atlas-river").count(), rivers);
      const water = await page.evaluate(() => ({
        sea: getComputedStyle(document.querySelector(".map")).backgroundColor,
        lake: getComputedStyle(document.querySelector("path.atlas-lake")).fill,
        river: getComputedStyle(document.querySelector("path.atlas-river")).fill,
      }));
      assert.equal(water.lake, water.sea, "lakes are the sea's colour");
      assert.equal(water.river, "none", "rivers are lines");
      // Lake Balkhash is named, and its name lies on the lake's water.
      const onWater = await page.evaluate(() => {
        const label = [...document.querySelectorAll(".atlas-lake-label span")].find((el) => el.textContent === "Lake Balkhash");
        if (!label) return "no label";
        const r = label.getBoundingClientRect();
        return [...document.querySelectorAll("path.atlas-lake")].some((path) => {
          const point = new DOMPoint(r.left + r.width / 2, r.top + r.height / 2).matrixTransform(path.getScreenCTM().inverse());
          return path.isPointInFill(point);
        });
      });
      assert.equal(onWater, true, "Lake Balkhash's name lies on a lake");
      const order = await page.evaluate(() => {
        const drawn = performance.getEntriesByName("atlas:first-map-drawn")[0] ?? performance.getEntriesByName("atlas:sites-drawn")[0];
        const file = performance.getEntriesByType("resource").find((e) => e.name.includes("/context/context.json"));
        return { drawn: drawn?.startTime, requested: file?.startTime };
      });
      assert.ok(order.drawn > 0 && order.requested > order.drawn, `the context was requested after the map was drawn (${JSON.stringify(order)})`);
      await page.screenshot({ path: join(SCREENSHOTS, "context-balkhash.png") });
      assert.deepEqual(blocked, []);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  for (const [id, viewport] of [
    ["turgusun-hpp", { width: 1280, height: 800 }],
    ["navoi-solar", { width: 390, height: 844 }],
    ["china-kyrgyzstan-uzbekistan-railway", { width: 1280, height: 800 }],
  ]) {
    test(`framing ${id} (${viewport.width} px) names towns around it, none overlapping`, async () => {
      contextAnswer = undefined;
      const { page, context, pageErrors, blocked } = await openPage(suite.browser, suite.server.url + `?site=${id}`, { viewport });
      try {
        await waitForAtlas(page);
        // Framed on the site (after the next frame), then named.
        await until(page, () => Number(document.querySelector(".map").dataset.view.split(",")[4]) >= 6, undefined, 10_000);
        await contextShown(page);
        const found = await settledBoxes(page);
        const towns = await page.locator(".atlas-place span").evaluateAll((els) =>
          els.filter((el) => el.checkVisibility({ visibilityProperty: true })).map((el) => el.textContent),
        );
        assert.ok(towns.length >= 3, `towns are named around ${id}: ${towns.join(", ")}`);
        assertApart(found, id);
        await page.screenshot({ path: join(SCREENSHOTS, `context-${id}-${viewport.width}.png`) });
        assert.deepEqual(blocked, []);
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    });
  }

  test("names stay apart at the opening view and after zooming and hiding a sector", async () => {
    contextAnswer = undefined;
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      await contextShown(page);
      const opening = await settledBoxes(page);
      const capitals = CONTEXT.towns.filter((t) => t.capital).map((t) => t.name);
      const named = opening.labels.map((l) => l.text);
      // Tashkent and Bishkek sit under groups of site markers, which their names
      // may not cover; the other capitals in view are named.
      assert.ok(capitals.filter((c) => named.includes(c)).length >= 3, `capitals named at the opening view: ${named.join(", ")}`);
      assertApart(opening, "opening view");
      await page.goto(suite.server.url + "?map=7/40.8/71.5");
      await waitForAtlas(page);
      await contextShown(page);
      assertApart(await settledBoxes(page), "Fergana at zoom 7");
      await page.click("#tab-filters");
      await page.locator("#sector-connectivity").uncheck();
      await afterFrames(page);
      await afterFrames(page);
      assertApart(await settledBoxes(page), "Fergana, connectivity hidden");
      // On phones, where markers are counted in badges, at the opening
      // view; and views where names fell under the zoom buttons or the
      // attribution (Kabul, Lahore, Jaipur).
      for (const [width, link] of [[320, ""], [390, ""], [390, "?map=5/42/70"], [1280, "?map=5/42/70"]]) {
        await page.setViewportSize({ width, height: width < 500 ? 700 : 800 });
        await page.goto(suite.server.url + link);
        await waitForAtlas(page);
        await contextShown(page);
        await afterFrames(page);
        if (link === "") assert.ok(await page.locator(".atlas-cluster").count() > 0, `${width} px: badges drawn`);
        assertApart(await settledBoxes(page), `${width} px ${link || "opening view"}`);
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("zoomed in, the 1:10m borders replace the basemap's outline; zoomed out, the outline is back", async () => {
    contextAnswer = undefined;
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url + "?map=8/40.5/73.3");
    try {
      await waitForAtlas(page);
      await contextShown(page);
      const look = () => page.evaluate(() => {
        const borders = [...document.querySelectorAll("path.atlas-border")];
        return {
          borders: borders.length,
          shown: borders.filter((p) => getComputedStyle(p).display !== "none").length,
          outline: getComputedStyle(document.querySelector("path.atlas-focus")).stroke,
        };
      });
      const close = await look();
      assert.equal(close.borders, CONTEXT.borders.length, "every border line of the file is drawn");
      assert.equal(close.shown, close.borders, "at zoom 8 the borders show");
      assert.equal(close.outline, "none", "and the basemap's outline does not");
      await page.screenshot({ path: join(SCREENSHOTS, "context-borders-z8.png") });
      await page.goto(suite.server.url + "?map=5/42/70");
      await waitForAtlas(page);
      await contextShown(page);
      const far = await look();
      assert.equal(far.shown, 0, "at zoom 5 the 1:10m borders are not drawn");
      assert.notEqual(far.outline, "none", "the basemap's outline is");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a missing context file is said, and the map keeps working", async () => {
    contextAnswer = { status: 404, body: "not found" };
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      const notice = page.locator(".map-notice");
      await notice.waitFor({ timeout: 10_000 });
      assert.match(await notice.textContent(), /towns, rivers and lakes could not be shown: context\/context\.json/);
      assert.equal(await page.locator(LABELS).count(), 0);
      await page.locator(".atlas-site-id-turgusun-hpp").click();
      await page.locator("#details-title, #selection-title").first().waitFor();
      assert.deepEqual(pageErrors, []);
    } finally {
      contextAnswer = undefined;
      await context.close();
    }
  });

  test("names from the file are text, never markup; a broken file is named", async () => {
    const hostile = structuredClone(CONTEXT);
    // A capital in the opening view whose name is placed (Astana's, beside its summit marker).
    const capital = hostile.towns.find((t) => t.name === "Astana");
    capital.name = '<img src=x onerror="document.title=1">Town';
    contextAnswer = { status: 200, body: JSON.stringify(hostile) };
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      await contextShown(page);
      const label = page.locator(".atlas-place span", { hasText: "<img" });
      await label.waitFor();
      assert.equal(await label.textContent(), capital.name);
      assert.equal(await page.locator(".atlas-place img").count(), 0);
      assert.notEqual(await page.title(), "1");

      contextAnswer = { status: 200, body: JSON.stringify({ ...CONTEXT, scale: 0 }) };
      await page.reload();
      await waitForAtlas(page);
      const notice = page.locator(".map-notice");
      await notice.waitFor({ timeout: 10_000 });
      assert.match(await notice.textContent(), /scale must be a positive number/);
      assert.deepEqual(pageErrors, []);
    } finally {
      contextAnswer = undefined;
      await context.close();
    }
  });

  test("on a 1920 px screen zoomed out, the view stays inside the basemap's box", async () => {
    contextAnswer = undefined;
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url + "?map=3/40/80", { viewport: { width: 1920, height: 1080 } });
    try {
      await waitForAtlas(page);
      const view = await readView(page);
      const eps = 0.01;
      assert.ok(view.zoom > 3, `a link's zoom 3 is raised to what the screen needs (${view.zoom})`);
      assert.ok(view.west >= 30 - eps && view.east <= 130 + eps && view.south >= 15 - eps && view.north <= 60 + eps, `inside 30–130° E, 15–60° N: ${JSON.stringify(view)}`);
      await page.screenshot({ path: join(SCREENSHOTS, "context-1920-zoomed-out.png") });
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  for (const width of [320, 390]) test(`on a ${width} px phone the panel's tabs do not touch and their labels fit`, async () => {
    contextAnswer = undefined;
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url, { viewport: { width, height: 640 } });
    try {
      await waitForAtlas(page);
      const tabs = await page.locator(".panel-tab").evaluateAll((els) =>
        els.filter((el) => el.checkVisibility()).map((el) => {
          const r = el.getBoundingClientRect();
          return { text: el.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, overflow: el.scrollWidth - el.clientWidth };
        }),
      );
      assert.ok(tabs.length >= 3, `the tabs are shown (${tabs.length})`);
      for (const tab of tabs) assert.ok(tab.overflow <= 0, `"${tab.text}" fits its tab (${tab.overflow} px over)`);
      // Tabs on one row keep 2 px apart; a tab that wrapped sits below.
      for (let i = 0; i < tabs.length; i++) {
        for (let j = i + 1; j < tabs.length; j++) {
          const [a, b] = [tabs[i], tabs[j]];
          const sameRow = a.top < b.bottom && b.top < a.bottom;
          if (sameRow) assert.ok(Math.max(a.left, b.left) - Math.min(a.right, b.right) >= 2, `"${a.text}" and "${b.text}" are apart`);
        }
      }
      await page.screenshot({ path: join(SCREENSHOTS, `context-${width}.png`) });
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
