// Browser suite for accessibility: axe-core (npm, pinned in
// package-lock.json) audits every view of the atlas against WCAG 2.0 and
// 2.1, levels A and AA — the report, the key and filters, the list of
// sites, a site's details, the search results, "Your data" before and
// after an import and with an import error, an imported feature's details,
// and the phone layout's bottom sheet — and there must be no violation.
// A failure lists each violation's rule, impact, help and the selectors of
// the elements at fault.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SCREENSHOTS, afterFrames, openPage, useBrowserAndServer, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);

/** The WCAG 2.0 and 2.1 rules at levels A and AA (axe's tags for them). */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// axe's source, put into the page with `page.evaluate`: the atlas's
// Content-Security-Policy refuses inline scripts (which is what
// `addScriptTag` would add), but an evaluation from the test driver is not
// a page script and needs no exemption — the audited page keeps its policy.
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe on the whole page as it is now and returns its violations, each
 * labelled with `view` (what the page was showing).
 */
async function audit(page, view) {
  await afterFrames(page);
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async (tags) => {
      const result = await window.axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      });
      // Proof that the audit ran at all: some rules passed.
      if (result.passes.length === 0) throw new Error("axe ran no rule");
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
      }));
    },
    TAGS,
  );
  // axe leaves an ARIA reference to a missing id for review (it may be
  // added later); here every one must resolve now.
  const dangling = await page.evaluate(() => {
    const attrs = ["aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant"];
    const found = [];
    for (const el of document.querySelectorAll(attrs.map((a) => `[${a}]`).join(","))) {
      for (const attr of attrs) {
        for (const id of (el.getAttribute(attr) ?? "").split(/\s+/).filter(Boolean)) {
          if (!document.getElementById(id)) {
            const cls = [...el.classList].slice(0, 3).map((c) => `.${c}`).join("");
            found.push({ target: `${el.localName}${el.id ? `#${el.id}` : ""}${cls}`, summary: `${attr}="${id}": no element has that id` });
          }
        }
      }
    }
    return found;
  });
  if (dangling.length) {
    violations.push({
      id: "aria-idref-missing",
      impact: "serious",
      help: "ARIA references must name elements that exist (the suite's own check)",
      helpUrl: "https://www.w3.org/TR/wai-aria-1.2/#valuetype_idref",
      nodes: dangling,
    });
  }
  return violations.map((v) => ({ view, ...v }));
}

/** One line per violation and one per element at fault. */
function describeViolations(violations) {
  return violations
    .map((v) =>
      [
        `[${v.view}] ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, "\n      ")}`),
      ].join("\n"),
    )
    .join("\n");
}

/** Asserts that no view had a violation, listing them all if any did. */
function assertNone(violations) {
  assert.equal(violations.length, 0, `WCAG 2.1 A/AA violations:\n${describeViolations(violations)}`);
}

/** Waits for a panel view to be shown and built. */
async function showTab(page, id, ready) {
  await page.locator(`#tab-${id}`).click();
  await page.locator(`#tabpanel-${id} ${ready}`).first().waitFor();
}

/** Waits for the import to end (loaded or refused) and returns its message. */
async function importStatus(page, name) {
  await page.waitForFunction((name) => {
    const t = document.querySelector("#import-status")?.textContent ?? "";
    return t.includes(name) && (t.startsWith("Loaded") || t.includes("was not loaded"));
  }, name);
  return page.locator("#import-status").innerText();
}

describe("accessibility (axe-core, WCAG 2.1 A and AA)", () => {
  test("desktop: the report, search, key & filters, sites, a site's details", async () => {
    const { page, context, pageErrors, consoleErrors } = await openPage(suite.browser, suite.server.url);
    const found = [];
    try {
      await waitForAtlas(page);
      await page.locator("#tabpanel-report .report").waitFor();
      found.push(...(await audit(page, "report (opening view)")));
      await page.screenshot({ path: join(SCREENSHOTS, "a11y-report.png") });

      // A section folded, the map filtered to one sector (its chip shown),
      // and "Copy link" pressed (copied, or the link shown to copy).
      await page.locator(".report-section-toggle").first().click();
      await page.locator(".section-filter").first().click();
      await page.locator(".chip").waitFor();
      await page.locator(".copy-link-button").click();
      await page.locator(".copy-link-status:not(:empty)").waitFor();
      found.push(...(await audit(page, "report: section folded, sector chip, copy link")));
      await page.locator(".chip-remove").click();

      await page.locator("#search-input").fill("hydro");
      await page.locator("#search-results .search-result").first().waitFor();
      await page.keyboard.press("ArrowDown");
      found.push(...(await audit(page, "search results")));
      await page.locator("#search-input").fill("zzzz");
      await page.locator("#search-results .search-none").waitFor();
      found.push(...(await audit(page, "search, no match")));
      await page.keyboard.press("Escape");

      await showTab(page, "filters", ".legend");
      found.push(...(await audit(page, "key & filters")));
      await page.screenshot({ path: join(SCREENSHOTS, "a11y-filters.png") });
      // Nothing ticked: the empty notices in the panel and over the map.
      await page.locator(".legend-actions button", { hasText: "Hide all" }).click();
      await page.locator(".map-empty .empty-notice").waitFor();
      found.push(...(await audit(page, "key & filters, nothing shown")));
      await page.locator(".legend-actions button", { hasText: "Show all" }).click();

      // An approximate site, opened from the map (from the key, since a map
      // click with the report open marks its sentence instead).
      await page.locator(".atlas-site-id-turgusun-hpp").click();
      await page.waitForFunction(() => document.querySelector("#details-title")?.textContent.includes("Turgusun"));
      found.push(...(await audit(page, "a site's details (from the map)")));
      await page.screenshot({ path: join(SCREENSHOTS, "a11y-details.png") });

      await showTab(page, "list", ".site-item");
      found.push(...(await audit(page, "sites list")));
      await page.screenshot({ path: join(SCREENSHOTS, "a11y-list.png") });

      // A route, opened from the list.
      await page.locator("[data-site-id=air-xian-almaty]").click();
      await page.waitForFunction(() => document.querySelector("#details-title")?.textContent.includes("Almaty"));
      found.push(...(await audit(page, "a route's details (from the list)")));

      // Back to the report with that site selected: its selection card and
      // the marked sentence.
      await page.locator("#tab-report").click();
      await page.locator(".selection-bar").waitFor();
      found.push(...(await audit(page, "report with a site selected")));

      // The map's layers control, opened; OpenStreetMap switched on with
      // no internet brings up the tile notice.
      await page.hover(".leaflet-control-layers");
      await page.locator(".leaflet-control-layers-expanded").waitFor();
      found.push(...(await audit(page, "map layers control open")));
      await page.getByLabel("OpenStreetMap tiles (needs internet)").check();
      await page.locator(".map-notice").waitFor({ timeout: 10_000 });
      found.push(...(await audit(page, "map tile notice")));

      assertNone(found);
      assert.deepEqual(pageErrors, []);
      // The only console errors are the blocked tiles.
      assert.deepEqual(consoleErrors.filter((e) => !e.url.includes("tile.openstreetmap.org")), []);
    } finally {
      await context.close();
    }
  });

  test("Your data: before and after an import, an imported feature, an import error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "atlas-a11y-"));
    const good = join(dir, "my-sites.geojson");
    const broken = join(dir, "broken.geojson");
    await writeFile(
      good,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          { type: "Feature", properties: { name: "Survey point", sector: "survey", url: "https://example.org/p" }, geometry: { type: "Point", coordinates: [69.24, 41.31] } },
          { type: "Feature", properties: { name: "Planned road", sector: "roads" }, geometry: { type: "LineString", coordinates: [[66.9, 39.6], [69.2, 41.3]] } },
          { type: "Feature", properties: { name: "Out of range" }, geometry: { type: "Point", coordinates: [69, 95] } },
        ],
      }),
    );
    await writeFile(broken, '{ "type": "FeatureCollection",\n  "features": [ } ');
    const { page, context, pageErrors, consoleErrors } = await openPage(suite.browser, suite.server.url);
    const found = [];
    try {
      await waitForAtlas(page);
      await showTab(page, "filters", ".your-data");
      await page.locator(".your-data").scrollIntoViewIfNeeded();
      found.push(...(await audit(page, "Your data, nothing imported")));

      await page.setInputFiles("#import-file", good);
      assert.match(await importStatus(page, "my-sites.geojson"), /Loaded 2 features/);
      await page.locator(".imported-entry .skipped summary").click();
      await page.locator(".imported-entry").scrollIntoViewIfNeeded();
      found.push(...(await audit(page, "Your data, a file imported (skipped features open)")));
      await page.screenshot({ path: join(SCREENSHOTS, "a11y-imported.png") });

      await showTab(page, "list", ".imported-item");
      found.push(...(await audit(page, "sites list with imported features")));
      await page.locator(".imported-item").first().click();
      await page.locator("#tabpanel-details .details-imported").waitFor();
      found.push(...(await audit(page, "an imported feature's details")));

      await showTab(page, "filters", ".your-data");
      await page.setInputFiles("#import-file", broken);
      assert.match(await importStatus(page, "broken.geojson"), /was not loaded: the file is not valid JSON/);
      await page.locator("#import-status").scrollIntoViewIfNeeded();
      found.push(...(await audit(page, "Your data, an import error")));
      await page.screenshot({ path: join(SCREENSHOTS, "a11y-import-error.png") });

      assertNone(found);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("phone (390×844): the bottom sheet's views, and the sheet folded", async () => {
    const viewport = { width: 390, height: 844 };
    const { page, context, pageErrors, consoleErrors } = await openPage(suite.browser, suite.server.url, { viewport });
    const found = [];
    try {
      await waitForAtlas(page);
      await page.locator("#tabpanel-report .report").waitFor();
      found.push(...(await audit(page, "phone: report")));
      await page.screenshot({ path: join(SCREENSHOTS, "a11y-phone-report.png") });

      await showTab(page, "filters", ".legend");
      found.push(...(await audit(page, "phone: key & filters")));
      await showTab(page, "list", ".site-item");
      found.push(...(await audit(page, "phone: sites list")));
      await page.locator(".site-item").first().click();
      await page.locator("#tabpanel-details #details-title").waitFor();
      found.push(...(await audit(page, "phone: a site's details")));
      await page.screenshot({ path: join(SCREENSHOTS, "a11y-phone-details.png") });
      await page.locator("#tab-report").click();
      await page.locator(".selection-bar").waitFor();
      found.push(...(await audit(page, "phone: report with a site selected")));

      await page.locator(".panel-toggle").click();
      await page.locator("#panel-body").waitFor({ state: "hidden" });
      found.push(...(await audit(page, "phone: sheet folded")));
      await page.screenshot({ path: join(SCREENSHOTS, "a11y-phone-folded.png") });

      assertNone(found);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });
});
