// Browser suite for the link: it holds filters, the selected site and the
// map view; a reload or a shared link restores exactly that state; Back and
// Forward step through selections; broken parts of a link fall back to
// defaults while valid parts stay; "Copy link" copies it.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import {
  SCREENSHOTS, mapSiteIds, openPage, queryOf, readFeatures, settledUrl, readView, useBrowserAndServer, waitForAtlas,
} from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);
const ids = (features) => features.map((f) => f.properties.id).sort();
const title = (page) => page.locator("#details-title").textContent().catch(() => null);

describe("permalinks", () => {
  test("filters, selection and view survive a reload exactly", async () => {
    const data = await readFeatures();
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      await page.click("#tab-filters");
      await page.locator("#sector-security").uncheck();
      await page.locator("#country-kz").check();
      await page.locator(".atlas-site-id-zhanatas-wind").click();
      await page.waitForFunction(() => new URL(location.href).searchParams.has("map"));
      await page.waitForTimeout(400); // let the framing settle; its moveend rewrites the link
      const link = await settledUrl(page);
      const before = { ids: await mapSiteIds(page), view: await readView(page), title: await title(page) };
      assert.deepEqual(
        before.ids,
        ids(data.filter((f) => f.properties.sector !== "security" && f.properties.countries.includes("KZ"))),
      );
      await page.reload();
      await waitForAtlas(page);
      await page.locator("#details-title").waitFor();
      assert.equal(await settledUrl(page), link, "the link is unchanged by loading it");
      assert.deepEqual(await mapSiteIds(page), before.ids);
      assert.equal(await title(page), before.title);
      assert.equal(await page.locator("#sector-security").isChecked(), false);
      assert.equal(await page.locator("#country-kz").isChecked(), true);
      const after = await readView(page);
      for (const k of ["south", "west", "north", "east"]) {
        assert.ok(Math.abs(after[k] - before.view[k]) < 0.01, `${k}: ${after[k]} vs ${before.view[k]}`);
      }
      assert.equal(after.zoom, before.view.zoom);
      assert.match(await page.locator(".atlas-site-id-zhanatas-wind").getAttribute("class"), /atlas-selected/);

      // The same link opened in a fresh browser context (as if shared).
      const shared = await openPage(suite.browser, link);
      try {
        await waitForAtlas(shared.page);
        await shared.page.locator("#details-title").waitFor();
        assert.equal(await title(shared.page), before.title);
        assert.deepEqual(await mapSiteIds(shared.page), before.ids);
      } finally {
        await shared.context.close();
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("Back and Forward step through selections", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      const names = [];
      for (const id of ["turgusun-hpp", "navoi-solar", "aktobe-oil-gas"]) {
        // From the list: after the first, the map is zoomed in on a site.
        await page.click("#tab-list");
        await page.click(`[data-site-id=${id}]`);
        await page.waitForFunction((id) => new URL(location.href).searchParams.get("site") === id, id);
        names.push(await title(page));
      }
      await page.goBack();
      await page.waitForFunction((n) => document.querySelector("#details-title")?.textContent === n, names[1]);
      assert.equal((await queryOf(page)).site, "navoi-solar");
      await page.goBack();
      await page.waitForFunction((n) => document.querySelector("#details-title")?.textContent === n, names[0]);
      await page.goBack();
      await page.locator("#details-title").waitFor({ state: "detached" });
      assert.equal((await queryOf(page)).site, undefined, "back to no selection");
      await page.goForward();
      await page.waitForFunction((n) => document.querySelector("#details-title")?.textContent === n, names[0]);
      assert.match(await page.locator(".atlas-site-id-turgusun-hpp").getAttribute("class"), /atlas-selected/);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a malformed link keeps what is valid and drops the rest, silently", async () => {
    const data = await readFeatures();
    const garbage =
      "?off=green.wind,not.a,layer&country=UZ,XX&status=%%%&years=2030-1990&site=<img src=x onerror=alert(1)>&map=99/999/abc";
    const { page, context, pageErrors, consoleErrors } = await openPage(suite.browser, suite.server.url + garbage);
    try {
      await waitForAtlas(page);
      const expected = data.filter((f) => f.properties.category !== "wind" && f.properties.countries.includes("UZ"));
      assert.deepEqual(await mapSiteIds(page), ids(expected));
      assert.equal(await page.locator("#details-title").count(), 0, "no site selected");
      assert.deepEqual(await queryOf(page), { off: "green.wind", country: "UZ" }, "the link is cleaned to its valid part");
      const view = await readView(page);
      assert.ok(view.zoom < 6, "the opening view, not zoom 99");
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
    const bad = await openPage(suite.browser, suite.server.url + "?site=no-such-site&map=6/41/69");
    try {
      await waitForAtlas(bad.page);
      assert.equal(await bad.page.locator("#details-title").count(), 0);
      const view = await readView(bad.page);
      assert.equal(view.zoom, 6, "a valid view is kept beside an unknown site");
    } finally {
      await bad.context.close();
    }
  });

  test("Copy link puts the current link on the clipboard", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url + "?country=KG");
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.server.url });
      await waitForAtlas(page);
      await page.getByRole("button", { name: "Copy link" }).click();
      await page.locator(".copy-link-status", { hasText: "Link copied" }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, await settledUrl(page));
      assert.equal(new URL(copied).searchParams.get("country"), "KG");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("where the clipboard refuses, the link is shown selected for copying by hand", async () => {
    const refuse = () => {
      Object.defineProperty(navigator, "clipboard", {
        value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) },
      });
    };
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url + "?status=planned", {
      initScript: refuse,
    });
    try {
      await waitForAtlas(page);
      await page.getByRole("button", { name: "Copy link" }).click();
      const field = page.getByRole("textbox", { name: "Link to this view" });
      await field.waitFor();
      assert.equal(await field.inputValue(), await settledUrl(page));
      const selected = await field.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
      assert.equal(selected, await settledUrl(page), "the whole link is selected");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});

describe("phone layout", () => {
  test("at 390 px: bottom sheet, no horizontal scrolling, map still usable", async () => {
    const viewport = { width: 390, height: 844 };
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url + "?site=bash-wind", { viewport });
    try {
      await waitForAtlas(page);
      await page.locator("#details-title").waitFor();
      const overflow = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        panel: document.querySelector(".panel-body").scrollWidth - document.querySelector(".panel-body").clientWidth,
      }));
      assert.ok(overflow.doc <= viewport.width, `page width ${overflow.doc}`);
      assert.equal(overflow.panel, 0, "nothing in the sheet overflows sideways");
      const map = await page.locator(".map").boundingBox();
      assert.ok(map.height >= viewport.height * 0.45, `the map keeps room (${map.height} px)`);
      await page.screenshot({ path: join(SCREENSHOTS, "phone-details.png") });
      // The map still takes a tap: select another site by tapping it.
      await page.locator(".atlas-site-id-dzhankeldy-wind").click();
      await page.waitForFunction(() => document.querySelector("#details-title")?.textContent.startsWith("Dzhankeldy"));
      await page.click("#tab-filters");
      await page.screenshot({ path: join(SCREENSHOTS, "phone-filters.png") });
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
