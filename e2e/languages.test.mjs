// Browser suite for the interface's languages (issue 14): English, Chinese
// and Russian by link (?lang=), by the browser's languages, and by the
// switch in the panel's header; <html lang> and the title follow; the
// choice is kept in the link and round-trips.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { SCREENSHOTS, afterFrames, queryOf, readFeatures, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);

/** What the page says about its language. */
function language(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    heading: document.querySelector(".panel-title")?.textContent,
    tabs: [...document.querySelectorAll(".panel-tab")].map((el) => el.textContent),
    search: document.querySelector("#search-input")?.placeholder,
    switch: document.querySelector(".lang-button[aria-pressed=true]")?.dataset.lang,
  }));
}

/** A page in a browser whose languages are `locale` (navigator.languages). */
async function openIn(locale, query = "", viewport = { width: 1280, height: 800 }) {
  const context = await suite.browser.newContext({ locale, viewport });
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort("internetdisconnected"));
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(suite.server.url + query);
  await waitForAtlas(page);
  await afterFrames(page);
  return { page, context, pageErrors };
}

const HAN = /[\u4e00-\u9fff]/;
const CYRILLIC = /[\u0400-\u04ff]/;

describe("languages", () => {
  test("?lang=zh and ?lang=ru give the interface in that language, whatever the browser's", async () => {
    for (const [code, htmlLang, script] of [["zh", "zh-Hans", HAN], ["ru", "ru", CYRILLIC]]) {
      const { page, context, pageErrors } = await openIn("en-US", `?lang=${code}`);
      try {
        const seen = await language(page);
        assert.equal(seen.lang, htmlLang);
        assert.equal(seen.switch, code);
        for (const text of [seen.title, seen.heading, seen.search, ...seen.tabs]) {
          assert.match(text, script, `"${text}" is in ${code}`);
        }
        assert.equal((await queryOf(page)).lang, code, "the link keeps the language");
        await page.screenshot({ path: join(SCREENSHOTS, `lang-${code}.png`) });
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    }
  });

  test("with no lang= the browser's languages decide, and the link does not carry one", async () => {
    for (const [locale, htmlLang, script] of [["ru-RU", "ru", CYRILLIC], ["zh-CN", "zh-Hans", HAN], ["de-DE", "en", /^[^\u0400-\u04ff\u4e00-\u9fff]*$/]]) {
      const { page, context, pageErrors } = await openIn(locale);
      try {
        const seen = await language(page);
        assert.equal(seen.lang, htmlLang, locale);
        assert.match(seen.heading, script, `${locale}: "${seen.heading}"`);
        assert.equal((await queryOf(page)).lang, undefined, "a browser's language is not put in a shared link");
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    }
  });

  test("the switch changes the language at once, puts it in the link, and the link round-trips", async () => {
    const { page, context, pageErrors } = await openIn("zh-CN");
    try {
      assert.equal((await language(page)).lang, "zh-Hans");
      await page.locator(".lang-button[data-lang=ru]").click();
      await page.waitForFunction(() => document.documentElement.lang === "ru");
      const seen = await language(page);
      assert.match(seen.heading, CYRILLIC);
      assert.match(seen.title, CYRILLIC);
      assert.equal((await queryOf(page)).lang, "ru");
      // The link opens in Russian in a Chinese browser, and English can be chosen back.
      await page.reload();
      await waitForAtlas(page);
      assert.equal((await language(page)).lang, "ru");
      await page.locator(".lang-button[data-lang=en]").click();
      await page.waitForFunction(() => document.documentElement.lang === "en");
      assert.equal((await language(page)).heading, "China–Central Asia Cooperation Atlas");
      assert.equal((await queryOf(page)).lang, "en");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  // Words that stay as they are in every language: names of products,
  // formats and data sets.
  const KEPT = new Set(["GeoJSON", "CSV", "MiB", "OpenStreetMap", "Leaflet", "Natural", "Earth", "world-atlas", "GeoNames"]);
  // What is English by design, or not translated yet, and said so: the
  // map's credits and place names (GeoNames' and Natural Earth's spellings),
  // other names of a site (its English name among them), companies'
  // names (operator, partners), the import's messages, and the titles of
  // English sources on links.
  const SKIPPED = [".leaflet-control-attribution", ".atlas-place", ".atlas-water-label", ".atlas-range-label",
    ".details-alt", "#import-status", ".leaflet-control-layers"];

  for (const [code, script] of [["zh", HAN], ["ru", CYRILLIC]]) {
    test(`in ${code}, the interface shows no English outside the report and what is English by design`, async () => {
      const names = JSON.parse(await readFile("assets/data/names.json", "utf8")).sites;
      const features = await readFeatures();
      // Sites with no sourced name in this language keep their English one.
      const untranslated = features.filter((f) => !names[f.properties.id]?.names?.[code]).map((f) => f.properties.name);
      const companies = features.flatMap((f) => [f.properties.operator, ...(f.properties.partners ?? [])]).filter(Boolean);
      const allowed = new Set([...KEPT, ...[...untranslated, ...companies].flatMap((n) => n.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? [])]);
      const { page, context, pageErrors } = await openIn("en-US", `?lang=${code}&site=bash-wind`);
      try {
        const found = new Set();
        for (const tab of ["details", "report", "filters", "list"]) {
          await page.locator(`#tab-${tab}`).click();
          await afterFrames(page);
          const words = await page.evaluate((skipped) => {
            const out = [];
            const foreign = (el) => {
              const marked = el.closest("[lang]:not(html)");
              return marked && marked.getAttribute("lang") !== document.documentElement.lang;
            };
            const skip = (el) => foreign(el) || skipped.some((s) => el.closest(s)) || el.closest("script, style");
            const words = (text, where) => { for (const w of text.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? []) out.push([w, where]); };
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el = n.parentElement;
              if (el && !skip(el) && el.checkVisibility({ visibilityProperty: true })) words(n.textContent, el.className || el.tagName);
            }
            for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
              if (skip(el) || (el.matches("a[href^=http]") && el.hasAttribute("title"))) continue;
              for (const a of ["aria-label", "title", "placeholder"]) if (el.getAttribute(a)) words(el.getAttribute(a), `${a} of ${el.className || el.tagName}`);
            }
            return out;
          }, SKIPPED);
          for (const [w, where] of words) if (!allowed.has(w)) found.add(`${w} (${tab}: ${where})`);
        }
        assert.deepEqual([...found], [], `English left in the ${code} interface`);
        assert.match(await page.locator("#details-title").textContent(), script, "the selected site's name");
        await page.locator("#tab-report").click();
        await page.screenshot({ path: join(SCREENSHOTS, `lang-${code}-report.png`) });
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    });
  }

  test("before the app arrives, the first map's frame and its names are in the reader's language", async () => {
    const context = await suite.browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
    await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort("internetdisconnected"));
    // Hold the app back: only the first map runs.
    await context.route(/cca-atlas-[0-9a-f]+\.js$/, (route) => route.abort("blockedbyclient"));
    const page = await context.newPage();
    try {
      await page.goto(suite.server.url + "?lang=ru");
      await page.waitForFunction(() => performance.getEntriesByName("atlas:first-map-drawn").length > 0, null, { timeout: 20_000 });
      const frame = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        heading: document.querySelector("#first-title")?.textContent,
        note: document.querySelector("#first-note")?.textContent,
        countries: [...document.querySelectorAll(".atlas-country-label span")].map((el) => el.textContent),
        site: document.querySelector(".atlas-site-id-dushanbe-2-tpp")?.getAttribute("aria-label"),
      }));
      assert.equal(frame.lang, "ru");
      for (const text of [frame.title, frame.heading, frame.note, ...frame.countries]) {
        assert.match(text ?? "", CYRILLIC, `"${text}" is Russian`);
      }
      // Sites' own names in other languages come with the app (data/names.json);
      // until then a marker is named in English, its category in the reader's language.
      assert.match(frame.site ?? "", /\(Тепловая электростанция\)$/);
    } finally {
      await context.close();
    }
  });

  test("a lang= that is not one of ours is ignored", async () => {
    const { page, context, pageErrors } = await openIn("en-US", "?lang=%3Cb%3Exx");
    try {
      assert.equal((await language(page)).lang, "en");
      assert.equal((await queryOf(page)).lang, undefined);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
