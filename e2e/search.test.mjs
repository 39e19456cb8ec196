// Browser suite for search and the keyboard: the report's own spellings
// find their sites, results are keyboard-selectable, and a keyboard-only
// user can go from the first Tab to a site's details and back.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { openPage, readFeatures, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);

const byId = async (id) => (await readFeatures()).find((f) => f.properties.id === id);

describe("search and keyboard", () => {
  test("the report's spelling 'Zankerdi' finds the Dzhankeldy wind farm; arrows and Enter select", async () => {
    const site = await byId("dzhankeldy-wind");
    assert.ok(site.properties.alt_names.includes("Zankerdi"));
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      const input = page.getByRole("combobox", { name: "Search sites" });
      await input.fill("Zankerdi");
      const options = page.getByRole("option");
      await options.first().waitFor();
      assert.match(await options.first().innerText(), new RegExp(site.properties.name));
      assert.match(await options.first().innerText(), /Zankerdi/, "shows the spelling that matched");
      await input.press("ArrowDown");
      assert.equal(await input.getAttribute("aria-activedescendant"), "search-result-0");
      assert.equal(await options.first().getAttribute("aria-selected"), "true");
      await input.press("Enter");
      await page.waitForFunction((name) => document.querySelector("#details-title")?.textContent === name, site.properties.name);
      assert.equal(await input.inputValue(), "", "the search is cleared");
      assert.equal(new URL(page.url()).searchParams.get("site"), "dzhankeldy-wind");

      // "Bashi" and an operator name; clicking a result works too.
      await input.fill("Bashi");
      await page.getByRole("option").first().click();
      await page.waitForFunction(() => document.querySelector("#details-title")?.textContent.startsWith("Bash"));
      await input.fill("CNPC");
      const cnpc = await page.getByRole("option").allInnerTexts();
      assert.equal(cnpc.length, (await readFeatures()).filter((f) => (f.properties.operator ?? "").includes("CNPC")).length);
      await input.press("Escape");
      assert.equal(await input.inputValue(), "");
      assert.equal(await page.locator("#details-title").count(), 1, "Escape in search does not close the details");
      await input.fill("philippines");
      assert.match(await page.locator(".search-results").innerText(), /No site matches/);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("keyboard only: Tab to a marker, Enter opens its details, Escape returns focus to it", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      // Tab from the top of the page until a site on the map has focus.
      let focused = null;
      for (let i = 0; i < 80 && !focused; i++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => {
          const el = document.activeElement;
          return el?.classList.contains("atlas-site") ? el.getAttribute("aria-label") : null;
        });
      }
      assert.ok(focused, "a site on the map is reachable with Tab");
      const name = focused.replace(/ \([^)]*\)$/, "");
      await page.keyboard.press("Enter");
      await page.waitForFunction((n) => document.querySelector("#details-title")?.textContent === n, name);
      assert.equal(await page.evaluate(() => document.activeElement?.id), "details-title", "focus moved into the panel");
      await page.keyboard.press("Escape");
      await page.locator("#details-title").waitFor({ state: "detached" });
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), focused, "focus is back on the marker");
      // Space works as well as Enter.
      await page.keyboard.press(" ");
      await page.waitForFunction((n) => document.querySelector("#details-title")?.textContent === n, name);

      // The list is keyboard-operable: focus an item, press Enter.
      await page.keyboard.press("Escape");
      await page.locator("#tab-list").focus();
      await page.keyboard.press("Enter");
      await page.locator(".site-item").first().focus();
      const first = await page.locator(".site-item .site-item-name").first().innerText();
      await page.keyboard.press("Enter");
      await page.waitForFunction((n) => document.querySelector("#details-title")?.textContent === n, first);
      await page.keyboard.press("Escape");
      await page.locator("#details-title").waitFor({ state: "detached" });
      assert.equal(
        await page.evaluate(() => document.activeElement?.querySelector(".site-item-name")?.textContent),
        first,
        "focus is back on the list item",
      );
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
