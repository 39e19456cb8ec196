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
  // formats and data sets, and GeoJSON's keywords, which the import's
  // reasons quote as the file has them.
  const KEPT = new Set(["GeoJSON", "CSV", "MiB", "OpenStreetMap", "Leaflet", "Natural", "Earth", "world-atlas", "GeoNames",
    "JSON", "Feature", "FeatureCollection", "GeometryCollection", "Point", "MultiPoint", "LineString", "MultiLineString",
    "Polygon", "MultiPolygon", "type", "coordinates", "features", "geometries", "properties", "null", "JSON-"]);
  // What is English by design, and said so: the map's place names
  // (GeoNames' and Natural Earth's spellings), other names of a site (its
  // English name among them), companies' names (operator, partners), and
  // the titles of English sources on links.
  const SKIPPED = [".atlas-place", ".atlas-water-label", ".atlas-range-label", ".details-alt"];
  // The user's file: its name and what it says are the user's words.
  const FILE = "sites_2025.geojson";
  const FILE_WORDS = ["sites", "geojson", "Hexagon"];

  /** English-looking words in visible text and accessible names, outside `skipped` and foreign-language subtrees. */
  function walk(page) {
    return page.evaluate((skipped) => {
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
  }

  for (const [code, script] of [["zh", HAN], ["ru", CYRILLIC]]) {
    test(`in ${code}, the interface shows no English outside the report and what is English by design, imports and credits included`, async () => {
      const names = JSON.parse(await readFile("assets/data/names.json", "utf8")).sites;
      const features = await readFeatures();
      // Sites with no sourced name in this language keep their English one.
      const untranslated = features.filter((f) => !names[f.properties.id]?.names?.[code]).map((f) => f.properties.name);
      const companies = features.flatMap((f) => [f.properties.operator, ...(f.properties.partners ?? [])]).filter(Boolean);
      const allowed = new Set([...KEPT, ...FILE_WORDS, ...[...untranslated, ...companies].flatMap((n) => n.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? [])]);
      const { page, context, pageErrors } = await openIn("en-US", `?lang=${code}&site=bash-wind`);
      try {
        const found = new Set();
        const note = (words, step) => { for (const [w, where] of words) if (!allowed.has(w)) found.add(`${w} (${step}: ${where})`); };
        for (const tab of ["details", "report", "filters", "list"]) {
          await page.locator(`#tab-${tab}`).click();
          await afterFrames(page);
          note(await walk(page), tab);
        }
        // An import with skipped features: its message, its entry and each reason.
        await page.locator("#tab-filters").click();
        await page.setInputFiles("#import-file", { name: FILE, mimeType: "application/geo+json", buffer: await readFile("e2e/corpus/16-partly-valid.geojson") });
        await page.waitForSelector(".imported-entry .skipped summary");
        await page.locator(".imported-entry .skipped summary").click();
        await afterFrames(page);
        const status = await page.locator("#import-status").textContent();
        assert.match(status, script, `the import's message "${status}"`);
        assert.match(status, /2/, "it counts the features loaded");
        const reasons = await page.locator(".imported-entry .skipped li").allTextContents();
        assert.equal(reasons.length, 3);
        for (const reason of reasons) assert.match(reason, script, `the reason "${reason}"`);
        // The credits and the layer switch, opened.
        await page.locator(".leaflet-control-layers").hover();
        await afterFrames(page);
        note(await walk(page), "import");
        assert.deepEqual([...found], [], `English left in the ${code} interface`);
        assert.match(await page.locator("#details-title").textContent(), script, "the selected site's name");
        // A refused file: the sentence and the reason are in the language;
        // only the JSON parser's own words ("EOF while parsing") are not.
        await page.setInputFiles("#import-file", { name: "broken.geojson", mimeType: "application/geo+json", buffer: Buffer.from('{"type":') });
        await page.waitForFunction(() => document.querySelector("#import-status")?.textContent.startsWith("broken.geojson"));
        const refused = await page.locator("#import-status").textContent();
        assert.match(refused, code === "zh" ? /^broken\.geojson 未加载：文件不是有效的 JSON：.+（第 1 行，第 \d+ 列）。$/ : /^broken\.geojson не загружен: файл — не корректный JSON: .+ \(строка 1, столбец \d+\)\.$/);
        // Switching language rewords the message already shown.
        await page.locator(".lang-button[data-lang=en]").click();
        await page.waitForFunction(() => /^broken\.geojson was not loaded: the file is not valid JSON/.test(document.querySelector("#import-status")?.textContent));
        assert.match(await page.locator(".leaflet-control-attribution").textContent(), /Basemap: Natural Earth/);
        await page.locator(`.lang-button[data-lang=${code}]`).click();
        await page.locator("#tab-report").click();
        await page.screenshot({ path: join(SCREENSHOTS, `lang-${code}-report.png`) });
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    });
  }

  test("the loading line and the start-up failure are in the reader's language", async () => {
    for (const [locale, query, script] of [["ru-RU", "", CYRILLIC], ["en-US", "?lang=zh", HAN]]) {
      const context = await suite.browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
      await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort("internetdisconnected"));
      // Neither bundle's wasm arrives intact: the page stays at its loading
      // line until the watchdog says the atlas could not start.
      // They are held until the loading line has been read.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await context.route(/(first-map|cca-atlas)-[0-9a-f]+_bg\.wasm$/, async (route) => {
        await held;
        await route.fulfill({ status: 200, contentType: "application/wasm", body: "not wasm" });
      });
      const page = await context.newPage();
      try {
        await page.goto(suite.server.url + query, { waitUntil: "commit" });
        // Once the stylesheet applies, one version of the line is shown.
        await page.waitForFunction(() => {
          const shown = [...document.querySelectorAll(".boot-message > [lang]")].filter((el) => getComputedStyle(el).display !== "none");
          return shown.length === 1;
        });
        const loading = await page.locator(".boot-message").innerText();
        release();
        assert.match(loading, script, `the loading line "${loading}"`);
        assert.doesNotMatch(loading, /Loading/);
        await page.waitForSelector(".boot-failed", { timeout: 10_000 });
        const failed = await page.locator("#boot-status").innerText();
        assert.match(failed, script, `the failure "${failed}"`);
        assert.doesNotMatch(failed, /could not start/);
      } finally {
        await context.close();
      }
    }
  });

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

  test("companies with a standard Chinese or Russian name are named in it, and found by it", async () => {
    for (const [code, operator] of [["zh", "中国石油天然气集团有限公司"], ["ru", "Китайская национальная нефтегазовая корпорация"]]) {
      const { page, context, pageErrors } = await openIn("en-US", `?lang=${code}&site=aktobe-oil-gas`);
      try {
        await page.locator("#tab-details").click();
        const facts = await page.locator(".details-facts dd").allTextContents();
        assert.ok(facts.includes(operator), `${code}: the operator among ${JSON.stringify(facts)}`);
        await page.locator("#search-input").fill(operator.slice(0, 8));
        await page.locator("#search-results .search-result").first().waitFor();
        const found = await page.locator("#search-results .search-result-name").allTextContents();
        const aktobe = await page.locator("#details-title").textContent();
        assert.ok(found.includes(aktobe), `${code}: searching "${operator.slice(0, 8)}" finds ${aktobe} among ${JSON.stringify(found)}`);
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
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
