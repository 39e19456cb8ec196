// Browser suite for crowded markers on phones (issue 13): at the opening
// zoom on 320 and 390 px screens, markers that would overlap are spread (a
// few) or counted in a badge (more); nothing drawn overlaps, every site is
// drawn or counted exactly once, a badge's ring is split by sector colour,
// and every site can be reached by opening badges, by pointer or keyboard.
// Expectations come from assets/data, not from numbers written here.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { SCREENSHOTS, afterFrames, openPage, readFeatures, readView, until, useBrowserAndServer, viewContains, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const suite = useBrowserAndServer(DIST);
const FEATURES = await readFeatures();
const POINTS = FEATURES.filter((f) => f.geometry.type === "Point");
const BY_NAME = new Map(POINTS.map((f) => [f.properties.name, f]));

const PHONES = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
];

/** The site names a badge's accessible name lists ("N sites here: A (cat); B (cat). Zoom in …"). */
function memberNames(label) {
  const list = label.slice(label.indexOf(": ") + 2, label.lastIndexOf(". Zoom in"));
  return list.split("; ").map((item) => item.slice(0, item.lastIndexOf(" (")));
}

/** What the map shows of the report's point sites: markers drawn and badges. */
function drawn(page) {
  return page.evaluate(() => {
    const centre = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, r: r.width / 2 };
    };
    const shown = (el) => el.checkVisibility({ visibilityProperty: true });
    const id = (el) => [...el.classList].find((c) => c.startsWith("atlas-site-id-")).slice("atlas-site-id-".length);
    // Each sector's colour as its markers show it: the ring's fill when
    // filled (exact), its stroke when hollow.
    const colours = {};
    for (const el of document.querySelectorAll(".atlas-site-point")) {
      const sector = [...el.classList].find((c) => c.startsWith("atlas-sector-")).slice("atlas-sector-".length);
      const ring = el.querySelector(".atlas-marker-ring");
      colours[sector] = el.classList.contains("atlas-precision-exact") ? ring.getAttribute("fill") : ring.getAttribute("stroke");
    }
    return {
      colours,
      markers: [...document.querySelectorAll(".atlas-site-point")].filter(shown).map((el) => ({ id: id(el), ...centre(el) })),
      badges: [...document.querySelectorAll(".atlas-cluster")].filter(shown).map((el) => ({
        label: el.getAttribute("aria-label"),
        role: el.getAttribute("role"),
        tabindex: el.getAttribute("tabindex"),
        count: Number(el.querySelector("text").textContent),
        arcs: [...el.querySelectorAll("circle[stroke-dasharray]")].map((c) => ({
          colour: c.getAttribute("stroke"),
          count: Number(c.getAttribute("stroke-dasharray").split(" ")[0]),
        })),
        ...centre(el),
      })),
    };
  });
}

function assertNothingOverlaps({ markers, badges }, where) {
  const all = [...markers.map((m) => ({ ...m, what: m.id })), ...badges.map((b) => ({ ...b, what: `badge ${b.count}` }))];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i], all[j]];
      const apart = Math.hypot(a.x - b.x, a.y - b.y);
      assert.ok(apart >= a.r + b.r - 0.5, `${where}: ${a.what} and ${b.what} overlap (${apart.toFixed(1)} px apart)`);
    }
  }
}

/** Waits for a zoom the page reports in the map element's data-view. */
async function zoomedPast(page, zoom) {
  await until(page, (z) => Number(document.querySelector(".map").dataset.view.split(",")[4]) > z, zoom, 10_000);
  await page.waitForTimeout(400);
  await afterFrames(page);
}

describe("crowded markers on phones", () => {
  for (const viewport of PHONES) {
    test(`at ${viewport.width} px and the opening zoom nothing drawn overlaps, each site is drawn or counted once, each badge is split by sector colour`, async () => {
      const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url, { viewport });
      try {
        await waitForAtlas(page);
        await afterFrames(page);
        const shown = await drawn(page);
        assert.ok(shown.badges.length > 0, "the crowd of markers at this size is counted in a badge");
        assertNothingOverlaps(shown, `${viewport.width} px`);
        const counted = [...shown.markers.map((m) => m.id)];
        for (const badge of shown.badges) {
          assert.equal(badge.role, "button");
          assert.equal(badge.tabindex, "0");
          const names = memberNames(badge.label);
          assert.equal(names.length, badge.count, `the badge's number is its members: ${badge.label}`);
          const members = names.map((n) => BY_NAME.get(n));
          assert.ok(members.every(Boolean), `every name in "${badge.label}" is a site`);
          counted.push(...members.map((f) => f.properties.id));
          // One arc per sector among its members, as long as their count, in that sector's colour.
          const bySector = {};
          for (const f of members) bySector[f.properties.sector] = (bySector[f.properties.sector] ?? 0) + 1;
          const expected = Object.entries(bySector).map(([s, n]) => ({ colour: shown.colours[s], count: n }));
          const key = (a) => `${a.colour}:${a.count}`;
          assert.deepEqual(badge.arcs.map(key).sort(), expected.map(key).sort(), `arcs of ${badge.label}`);
        }
        assert.deepEqual(counted.sort(), POINTS.map((f) => f.properties.id).sort(), "every point site once, drawn or counted");
        await page.screenshot({ path: `${SCREENSHOTS}/clusters-${viewport.width}.png` });
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    });

    test(`at ${viewport.width} px every site is reachable: clicking badges zooms in until each member is a marker of its own`, async () => {
      const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url, { viewport });
      try {
        await waitForAtlas(page);
        await afterFrames(page);
        for (let b = 0; ; b++) {
          // Each badge of the opening view in turn, from a fresh opening view.
          if (b > 0) {
            await page.goto(suite.server.url);
            await waitForAtlas(page);
            await afterFrames(page);
          }
          const { badges } = await drawn(page);
          if (b >= badges.length) break;
          const wanted = memberNames(badges[b].label);
          for (let step = 0; ; step++) {
            const now = await drawn(page);
            const asMarkers = new Set(now.markers.map((m) => BY_NAME.get(wanted.find((n) => BY_NAME.get(n).properties.id === m.id))?.properties.name).filter(Boolean));
            const holding = now.badges.find((x) => memberNames(x.label).some((n) => wanted.includes(n) && !asMarkers.has(n)));
            if (!holding) {
              // Every member is a marker now; each is hit at its centre.
              for (const name of wanted) {
                const id = BY_NAME.get(name).properties.id;
                const hit = await page.evaluate((id) => {
                  const el = document.querySelector(`.atlas-site-id-${id}`);
                  const r = el.getBoundingClientRect();
                  return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest(".atlas-site") === el;
                }, id);
                assert.ok(hit, `${name} is a marker of its own, not covered`);
              }
              break;
            }
            assert.ok(step < 8, `badge "${badges[b].label}" opened in at most 8 steps`);
            const { zoom } = await readView(page);
            await page.mouse.click(holding.x, holding.y);
            await zoomedPast(page, zoom);
            const view = await readView(page);
            for (const name of memberNames(holding.label)) {
              const [lon, lat] = BY_NAME.get(name).geometry.coordinates;
              assert.ok(viewContains(view, lat, lon), `opening the badge shows ${name}`);
            }
            assertNothingOverlaps(await drawn(page), `${viewport.width} px after opening a badge`);
          }
        }
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    });
  }

  test("by keyboard: a badge is a named button; Enter opens it and focus goes to one of its members", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url, { viewport: PHONES[1] });
    try {
      await waitForAtlas(page);
      await afterFrames(page);
      const badge = page.locator(".atlas-cluster").first();
      const label = await badge.getAttribute("aria-label");
      const names = memberNames(label);
      const { zoom } = await readView(page);
      await badge.focus();
      await page.keyboard.press("Enter");
      await zoomedPast(page, zoom);
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return { label: el.getAttribute("aria-label"), site: el.classList.contains("atlas-site"), badge: el.classList.contains("atlas-cluster") };
      });
      assert.ok(focused.site || focused.badge, `focus is on a marker or badge, not ${JSON.stringify(focused)}`);
      const focusedNames = focused.badge ? memberNames(focused.label) : [focused.label.slice(0, focused.label.lastIndexOf(" ("))];
      assert.ok(focusedNames.some((n) => names.includes(n)), `focus went to a member of "${label}": ${focused.label}`);
      // Enter on the marker now selects it (the link names it).
      if (focused.site) {
        await page.keyboard.press("Enter");
        const id = BY_NAME.get(focusedNames[0]).properties.id;
        await page.waitForFunction((id) => new URLSearchParams(location.search).get("site") === id, id);
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("pointing at or focusing a badge marks where each of its members really is", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url, { viewport: PHONES[0] });
    try {
      await waitForAtlas(page);
      await afterFrames(page);
      // Centres of the dots shown, and of each clustered marker (hidden, at its true place).
      const places = () => page.evaluate(() => {
        const centre = (el) => {
          const r = el.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        };
        const shown = (el) => el.checkVisibility({ visibilityProperty: true });
        return {
          dots: [...document.querySelectorAll(".atlas-leader-dot")].filter(shown).map(centre),
          clustered: [...document.querySelectorAll(".atlas-site-point.atlas-clustered:not(.atlas-hidden)")].map((el) => ({
            name: el.getAttribute("aria-label").slice(0, el.getAttribute("aria-label").lastIndexOf(" (")),
            ...centre(el),
          })),
        };
      });
      const badge = page.locator(".atlas-cluster").first();
      const names = memberNames(await badge.getAttribute("aria-label"));
      const marked = async (how) => {
        const { dots, clustered } = await places();
        for (const member of clustered.filter((c) => names.includes(c.name))) {
          assert.ok(dots.some((d) => Math.hypot(d.x - member.x, d.y - member.y) < 1.5), `${how}: a dot at ${member.name}`);
        }
        return dots.length;
      };
      const before = (await places()).dots.length;
      await badge.hover();
      await afterFrames(page);
      assert.equal(await marked("hover"), before + names.length, "one dot per member while pointed at");
      await page.mouse.move(2, 630);
      await afterFrames(page);
      assert.equal((await places()).dots.length, before, "the dots go when the pointer leaves");
      await badge.focus();
      await afterFrames(page);
      assert.equal(await marked("focus"), before + names.length, "and on keyboard focus");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("badges follow the filters: hiding a sector takes its sites out of every badge", async () => {
    const { page, context, pageErrors } = await openPage(suite.browser, suite.server.url, { viewport: PHONES[1] });
    try {
      await waitForAtlas(page);
      await afterFrames(page);
      const before = await drawn(page);
      const first = memberNames(before.badges[0].label).map((n) => BY_NAME.get(n));
      const sector = first[0].properties.sector;
      await page.locator("#tab-filters").click();
      await page.locator(`#sector-${sector}`).uncheck();
      await page.waitForFunction((s) => !document.querySelector(`#sector-${s}`).checked, sector);
      await page.waitForTimeout(300);
      await afterFrames(page);
      const after = await drawn(page);
      const counted = [...after.markers.map((m) => m.id)];
      for (const badge of after.badges) {
        const members = memberNames(badge.label).map((n) => BY_NAME.get(n));
        assert.ok(members.every((f) => f.properties.sector !== sector), `no ${sector} site left in "${badge.label}"`);
        counted.push(...members.map((f) => f.properties.id));
      }
      const expected = POINTS.filter((f) => f.properties.sector !== sector).map((f) => f.properties.id);
      assert.deepEqual(counted.sort(), expected.sort(), "every shown point site once");
      assertNothingOverlaps(after, "after hiding a sector");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
