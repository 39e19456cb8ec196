// Browser suite for sharing (issue 15): the map image, and the embed view: ?embed=1 shows the map with
// a compact key and no report panel, a link to the full atlas in a new
// tab, a card for a clicked site; the full atlas's Embed button gives an
// <iframe> snippet for the current view, which works when pasted in a page.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
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

describe("the map image", () => {
  test("Download map image writes a PNG of the map at twice its pixels, titled, with the link and credits in it", async () => {
    const { page, context, pageErrors, blocked } = await openPage(suite.browser, suite.server.url + "?years=1997-2019&lang=en", { acceptDownloads: true });
    try {
      await waitForAtlas(page);
      await afterFrames(page);
      const map = await page.locator("#atlas-map").boundingBox();
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.locator("#picture-button").click()]);
      assert.equal(download.suggestedFilename(), "cca-atlas-map.png");
      const png = await readFile(await download.path());
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG");
      assert.equal(png.toString("latin1", 12, 16), "IHDR");
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      assert.equal(width, Math.round(map.width) * 2, "twice the map's width");
      assert.ok(height > map.height * 2, `the map's height twice, and a band and a footer (${height} px)`);
      // The text chunks: title, link, credits.
      const text = {};
      for (let at = 8; at < png.length; ) {
        const len = png.readUInt32BE(at);
        if (png.toString("latin1", at + 4, at + 8) === "tEXt") {
          const data = png.subarray(at + 8, at + 8 + len);
          const zero = data.indexOf(0);
          text[data.toString("latin1", 0, zero)] = data.toString("latin1", zero + 1);
        }
        at += 12 + len;
      }
      assert.match(text.Title, /^China.Central Asia Cooperation Atlas$/);
      const link = new URL(text.Source);
      assert.equal(link.searchParams.get("years"), "1997-2019", "the link to the view shown");
      assert.match(text.Copyright, /Natural Earth/);
      assert.match(await page.locator(".picture-status").textContent(), /downloaded/);
      await writeFile(join(SCREENSHOTS, "map-image.png"), png);
      assert.deepEqual(blocked, [], "nothing from the network");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});

describe("printing", () => {
  test("a site's details and the map print on one page, without the controls", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url + "?site=turgusun-hpp&lang=en");
    try {
      await waitForAtlas(page);
      await page.locator("#details-title").waitFor();
      await page.emulateMedia({ media: "print" });
      const map = await page.locator(".map-area").boundingBox();
      const details = await page.locator("#details-title").boundingBox();
      assert.ok(map && details, "both shown");
      assert.ok(details.x >= map.x + map.width - 1, "the details beside the map");
      assert.equal(await page.locator(".panel-tabs").isVisible(), false, "no tabs");
      assert.equal(await page.locator(".leaflet-control-zoom").isVisible(), false, "no zoom buttons");
      await page.emulateMedia({ media: "screen" });
      const pdf = await page.pdf({ format: "A4", landscape: true, printBackground: true });
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.equal(pages, 1, `one page (${pages})`);
      await writeFile(join(SCREENSHOTS, "print.pdf"), pdf);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
