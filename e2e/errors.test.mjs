// Browser suite for failures the browser itself causes: the user is told,
// and the atlas keeps working. (Failures of the data are in
// hostile.test.mjs; of the network, in the ?data= tests there.)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { mapSiteIds, openPage, readFeatures, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const CORPUS = resolve("e2e/corpus");
const suite = useBrowserAndServer(DIST);

describe("the browser refuses", () => {
  test("to write the address bar: the user is told, and Copy link still gives the right link", async () => {
    // A browser may refuse history writes (rate limits, sandboxed frames);
    // here it always does, and the clipboard is refused too, so the link is
    // shown in a field.
    const refuse = () => {
      for (const name of ["pushState", "replaceState"]) {
        History.prototype[name] = () => { throw new DOMException("refused by the test", "SecurityError"); };
      }
      Object.defineProperty(navigator, "clipboard", {
        value: { writeText: () => Promise.reject(new Error("refused by the test")) },
      });
    };
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url, { initScript: refuse });
    try {
      await waitForAtlas(page);
      await page.click("#tab-filters");
      await page.locator("#sector-green").uncheck();
      const status = page.locator(".copy-link-status");
      await status.getByText(/the address bar could not be updated: refused by the test/).waitFor();
      assert.equal(new URL(page.url()).search, "", "the address bar really was not written");
      await page.click(".copy-link-button");
      const field = page.locator(".copy-link-field");
      await field.waitFor();
      const link = new URL(await field.inputValue());
      assert.match(link.searchParams.get("off") ?? "", /^green\./, "the link holds the filter");
      // The atlas keeps working: filtering still changes the map.
      const data = await readFeatures();
      await page.locator("#sector-green").check();
      assert.equal((await mapSiteIds(page)).length, data.length);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a 2D canvas: the import says it could not be drawn, and the atlas keeps working", async () => {
    const noCanvas = () => {
      HTMLCanvasElement.prototype.getContext = () => null;
    };
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url, { initScript: noCanvas });
    try {
      await waitForAtlas(page);
      await page.click("#tab-filters");
      await page.setInputFiles("#import-file", join(CORPUS, "16-partly-valid.geojson"));
      await page.waitForFunction(() => document.querySelector("#import-status")?.textContent.startsWith("Loaded 2 features"));
      const alert = page.locator(".map-notice[role=alert]");
      await alert.waitFor();
      assert.match(await alert.innerText(), /Part of the map is missing: your data could not be drawn: the browser gave no 2D canvas/);
      // Said once, however many redraws fail; dismissible; the sites stay.
      await page.mouse.wheel(0, -300);
      assert.equal(await page.locator(".map-notice[role=alert]").count(), 1);
      await alert.getByRole("button", { name: "Dismiss" }).click();
      assert.equal(await page.locator(".map-notice[role=alert]").count(), 0);
      assert.equal((await mapSiteIds(page)).length, (await readFeatures()).length);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
