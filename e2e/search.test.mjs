// Browser suite for search and the keyboard: the report's own spellings
// find their sites, results are keyboard-selectable, and a keyboard-only
// user can go from the first Tab to a site's details and back.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { afterFrames, openPage, readFeatures, settledUrl, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

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
      assert.equal(new URL(await settledUrl(page)).searchParams.get("site"), "dzhankeldy-wind");

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

  test("keyboard only: skip to the map, Tab to a site, Enter marks it in the report, Escape returns; tabs and list by keys", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url);
    try {
      await waitForAtlas(page);
      const active = () =>
        page.evaluate(() => {
          const el = document.activeElement;
          return { id: el?.id, label: el?.getAttribute("aria-label"), cls: el?.getAttribute("class") ?? "", text: el?.textContent ?? "" };
        });
      // The first Tab reaches the skip link; Enter jumps to the map.
      await page.keyboard.press("Tab");
      assert.equal((await active()).text, "Skip to the map");
      await page.keyboard.press("Enter");
      let focused = null;
      for (let i = 0; i < 10 && !focused; i++) {
        await page.keyboard.press("Tab");
        const a = await active();
        focused = a.cls.includes("atlas-site") ? a.label : null;
      }
      assert.ok(focused, "a site on the map is a few Tabs after the skip link");
      const name = focused.replace(/ \([^)]*\)$/, "");
      await page.keyboard.press("Enter");
      // The report is open by default: the site stays in it, its sentence
      // is marked and takes focus.
      await page.waitForFunction(() => document.activeElement?.classList.contains("sentence"));
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-current")), "true");
      assert.equal(await page.locator("#selection-title").innerText(), name);
      await page.keyboard.press("Escape");
      await page.locator("#selection-title").waitFor({ state: "detached" });
      assert.equal((await active()).label, focused, "focus is back on the site");
      // Space opens it as well.
      await page.keyboard.press(" ");
      await page.locator("#selection-title").waitFor();
      await page.keyboard.press("Escape");
      await page.locator("#selection-title").waitFor({ state: "detached" });
      // Space then Escape within one frame: the sentence the Space asked to
      // focus (in the next frame) must not take focus from the site.
      await page.evaluate(async () => {
        const site = document.activeElement;
        const key = (k) => site.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
        key(" ");
        await new Promise((r) => setTimeout(r, 0));
        key("Escape");
      });
      await afterFrames(page);
      assert.equal(await page.locator("#selection-title").count(), 0, "closed again");
      const now = await active();
      assert.equal(now.label, focused, `focus stayed on the site, not on ${now.id || now.cls || now.text.slice(0, 40)}`);

      // The tabs take arrow keys; the list's entries take Enter.
      await page.locator("#tab-report").focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      assert.equal((await active()).id, "tab-list");
      assert.equal(await page.locator("#tab-list").getAttribute("aria-selected"), "true");
      await page.keyboard.press("Tab");
      const first = await page.locator(".site-item .site-item-name").first().innerText();
      assert.match((await active()).cls, /site-item/, "Tab goes from the tab into its list");
      await page.keyboard.press("Enter");
      await page.waitForFunction((n) => document.querySelector("#details-title")?.textContent === n, first);
      // Focus moves into the details (in the frame after they render).
      await page.waitForFunction(() => document.activeElement?.id === "details-title");
      await page.keyboard.press("Escape");
      await page.locator("#details-title").waitFor({ state: "detached" });
      assert.equal(
        await page.evaluate(() => document.activeElement?.querySelector(".site-item-name")?.textContent),
        first,
        "focus is back on the list entry",
      );
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
