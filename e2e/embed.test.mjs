// Browser suite for the embed view (issue 15): ?embed=1 shows the map with
// a compact key and no report panel, a link to the full atlas in a new
// tab, a card for a clicked site; the full atlas's Embed button gives an
// <iframe> snippet for the current view, which works when pasted in a page.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { SCREENSHOTS, afterFrames, mapSiteIds, openPage, readFeatures, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);

describe("the embed view", () => {
  test("?embed=1: the map, a compact key that filters, the link out, a card for a clicked site", async () => {
    const features = await readFeatures();
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url + "?embed=1&lang=en", { viewport: { width: 800, height: 500 } });
    try {
      await waitForAtlas(page);
      await afterFrames(page);
      assert.equal(await page.locator(".panel").count(), 0, "no report panel");
      assert.equal(await page.locator("#first-page").count(), 0);
      const map = await page.locator(".map").boundingBox();
      assert.ok(map.width >= 800 - 1, `the map is the page's width (${map.width})`);
      assert.match(await page.locator(".embed-title").textContent(), /China–Central Asia Cooperation Atlas/);
      // The link out: a new tab, the same view without embed.
      const open = page.locator("a.embed-open");
      assert.equal(await open.getAttribute("target"), "_blank");
      assert.match(await open.getAttribute("rel"), /noopener/);
      const out = new URL(await open.getAttribute("href"));
      assert.equal(out.searchParams.get("embed"), null);
      assert.equal(out.searchParams.get("lang"), "en");
      // The key: one button per sector with sites; pressing one hides its sites.
      const all = await mapSiteIds(page);
      assert.equal(all.length, features.length);
      const energy = features.filter((f) => f.properties.sector === "energy").map((f) => f.properties.id);
      const button = page.locator("#embed-sector-energy");
      assert.equal(await button.getAttribute("aria-pressed"), "true");
      await button.click();
      await afterFrames(page);
      assert.equal(await button.getAttribute("aria-pressed"), "false");
      assert.deepEqual(await mapSiteIds(page), all.filter((id) => !energy.includes(id)));
      await button.click();
      await afterFrames(page);
      assert.deepEqual(await mapSiteIds(page), all);
      // A site clicked: a card with its name and a link to its details.
      await page.locator(".atlas-site-id-turgusun-hpp").click();
      const card = page.locator(".embed-card");
      await card.waitFor();
      assert.match(await card.textContent(), /Turgusun-1/);
      const details = new URL(await card.locator("a").getAttribute("href"));
      assert.equal(details.searchParams.get("site"), "turgusun-hpp");
      assert.equal(details.searchParams.get("embed"), null);
      assert.equal(new URL(page.url()).searchParams.get("embed"), "1", "the embed view keeps its own link");
      await page.screenshot({ path: join(SCREENSHOTS, "embed.png") });
      await card.locator(".embed-card-close").click();
      assert.equal(await card.count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("the Embed button gives an <iframe> of the current view, and the snippet works in a page", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url + "?site=bash-wind&lang=ru");
    try {
      await waitForAtlas(page);
      await page.locator("#embed-button").click();
      const snippet = await page.locator("#embed-snippet").inputValue();
      assert.match(snippet, /^<iframe src="[^"]+" title="Атлас [^"]+" width="800" height="500"[^>]*><\/iframe>$/);
      const src = new URL(snippet.match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&"));
      assert.equal(src.searchParams.get("embed"), "1");
      assert.equal(src.searchParams.get("site"), "bash-wind");
      assert.equal(src.searchParams.get("lang"), "ru");
      // Pasted into a page: the frame shows the embed view of that site.
      const host = await context.newPage();
      await host.setContent(`<!doctype html><title>host</title><p>An article.</p>${snippet}`);
      const frame = host.frameLocator("iframe");
      await frame.locator("html[data-atlas-ready]").waitFor({ timeout: 20_000 });
      await frame.locator(".embed-card").waitFor();
      assert.equal(await frame.locator(".panel").count(), 0);
      assert.match(await frame.locator(".embed-card-name").textContent(), /[А-Яа-я]/, "in Russian, as the link says");
      await host.screenshot({ path: join(SCREENSHOTS, "embed-in-page.png") });
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
