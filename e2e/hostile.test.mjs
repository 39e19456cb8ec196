// Browser suite for untrusted input: a corpus of 25 hostile and broken
// GeoJSON files (e2e/corpus, outcomes in expected.json), drag-and-drop,
// ?data=, export → import round trips, a 100k-feature file, the strict
// Content-Security-Policy and subresource integrity, a panic shown to the
// user, and a seeded "monkey" session of 300 random actions. An XSS canary
// (window.__xss, and alert) must never fire.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  SCREENSHOTS, mapSiteIds, openPage, queryOf, readFeatures, readView, useBrowserAndServer, waitForAtlas,
} from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const CORPUS = resolve("e2e/corpus");
const suite = useBrowserAndServer(DIST);

/** Canary and CSP-violation recorder, installed before any page script. */
function guards() {
  window.__xss = 0;
  window.__csp = [];
  window.alert = () => { window.__xss += 1; };
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
}

async function openGuarded(url, options = {}) {
  const handle = await openPage(suite.browser, url, { initScript: guards, ...options });
  await waitForAtlas(handle.page);
  return handle;
}

async function canary(page) {
  return page.evaluate(() => ({ xss: window.__xss, csp: window.__csp }));
}

/** The pixel of a latitude/longitude inside the map element (Web Mercator). */
async function pixelOf(page, lat, lon) {
  const view = await readView(page);
  const box = await page.locator(".map").boundingBox();
  const merc = (l) => Math.log(Math.tan(Math.PI / 4 + (l * Math.PI) / 360));
  const x = box.x + ((lon - view.west) / (view.east - view.west)) * box.width;
  const y = box.y + ((merc(view.north) - merc(lat)) / (merc(view.north) - merc(view.south))) * box.height;
  return { x, y };
}

async function importFile(page, path) {
  await page.locator("#tab-filters").click();
  await page.setInputFiles("#import-file", path);
}

const statusText = (page) => page.locator("#import-status").innerText();

describe("untrusted data", () => {
  test("every file of the hostile corpus is rejected with its reason or partly loaded, and nothing runs", async () => {
    const expected = JSON.parse(await readFile(join(CORPUS, "expected.json"), "utf8"));
    const files = (await readdir(CORPUS)).filter((f) => f.endsWith(".geojson")).sort();
    assert.ok(files.length >= 20, `${files.length} corpus files`);
    assert.deepEqual(Object.keys(expected).sort(), files, "every file has an expected outcome");
    const sites = (await readFeatures()).map((f) => f.properties.id).sort();
    const { page, context, pageErrors, consoleErrors } = await openGuarded(suite.server.url);
    try {
      for (const file of files) {
        const want = expected[file];
        const hadLayer = await page.locator(".imported-entry").count();
        const before = hadLayer ? await page.locator(".imported-entry .legend-label").innerText() : null;
        await importFile(page, join(CORPUS, file));
        await page.waitForFunction(
          (name) => {
            const t = document.querySelector("#import-status")?.textContent ?? "";
            return t.includes(name) && !t.startsWith("Reading") && !t.startsWith("Checked") && !t.startsWith("Drawing");
          },
          file,
        );
        const status = await statusText(page);
        if (want.outcome === "rejected") {
          assert.match(status, new RegExp(`${file} was not loaded: .*${want.message}`), `${file}: ${status}`);
          assert.equal(await page.locator("#import-status").getAttribute("class"), "import-status import-failed");
          // A rejected file changes nothing: the previous layer (if any) stays.
          assert.equal(await page.locator(".imported-entry").count(), hadLayer, `${file}: layer unchanged`);
          if (before) assert.equal(await page.locator(".imported-entry .legend-label").innerText(), before);
        } else {
          assert.match(status, new RegExp(`Loaded ${want.loaded} features? from ${file.replace(".", "\\.")}`), `${file}: ${status}`);
          assert.equal(Number(await page.locator(".imported-entry .legend-count").innerText()), want.loaded);
          const skipped = page.locator(".imported-entry .skipped summary");
          if (want.skipped) {
            assert.equal(await skipped.innerText(), `${want.skipped} skipped`);
            assert.equal(await page.locator(".imported-entry .skipped li").count(), want.skipped);
          } else {
            assert.equal(await skipped.count(), 0);
          }
          if (want.xss) {
            // Open the feature's details: from the map for the first one
            // (the opening view shows it), from the list for the next (the
            // map is then framed on the first).
            if (file.startsWith("19-")) {
              const [lat, lon] = want.at;
              const v = await readView(page);
              assert.ok(lat > v.south && lat < v.north && lon > v.west && lon < v.east, "on screen");
              const { x, y } = await pixelOf(page, lat, lon);
              await page.mouse.click(x, y);
            } else {
              await page.click("#tab-list");
              await page.locator(".imported-item").first().click();
            }
            const details = page.locator(".details-imported");
            await details.waitFor();
            assert.equal(await page.locator("#details-title").textContent(), want.title, "the title is the text, verbatim");
            const html = await details.evaluate((el) => el.innerHTML);
            assert.ok(!/<(img|script|iframe|svg|style|b)\b/i.test(html.replace(/&lt;/g, "")), `no element from data: ${html}`);
            const hrefs = await details.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
            assert.ok(hrefs.every((h) => /^https?:\/\//.test(h)), `only http(s) links: ${hrefs}`);
            await page.keyboard.press("Escape");
          }
        }
        assert.deepEqual(await mapSiteIds(page), sites, `${file}: the atlas's own sites are untouched`);
      }
      await page.screenshot({ path: join(SCREENSHOTS, "import.png") });
      assert.deepEqual(await canary(page), { xss: 0, csp: [] }, "the canary never fired");
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a dropped file and a ?data= link are imported; the link keeps its source; a bad source says so", async () => {
    const text = await readFile(join(CORPUS, "16-partly-valid.geojson"), "utf8");
    const { page, context, pageErrors } = await openGuarded(suite.server.url);
    try {
      await page.evaluate((text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], "dropped.geojson", { type: "application/geo+json" }));
        const target = document.querySelector(".map");
        for (const type of ["dragenter", "dragover", "drop"]) {
          target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
      }, text);
      await page.waitForFunction(() => document.querySelector("#import-status")?.textContent.startsWith("Loaded 2 features from dropped.geojson"));
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }

    // Same origin, served here by routing (the suite blocks other hosts).
    const linked = await openPage(suite.browser, "about:blank", { initScript: guards });
    try {
      await linked.context.route("**/shared/sample.geojson", (route) =>
        route.fulfill({ status: 200, contentType: "application/geo+json", body: text }));
      await linked.page.goto(`${suite.server.url}?data=shared%2Fsample.geojson&country=KZ`);
      await waitForAtlas(linked.page);
      // Named by host and path, so it is not taken for the report's sites.
      await linked.page.waitForFunction(() => document.querySelector("#import-status")?.textContent.startsWith(`Loaded 2 features from ${location.host}/shared/sample.geojson`));
      await linked.page.waitForFunction(() => new URL(location.href).searchParams.get("data") === "shared/sample.geojson");
      assert.equal((await queryOf(linked.page)).country, "KZ", "the rest of the link is kept");
      await linked.page.goto(`${suite.server.url}?data=shared%2Fmissing.geojson`);
      await waitForAtlas(linked.page);
      await linked.page.waitForFunction(() => /was not loaded: the server answered 404/.test(document.querySelector("#import-status")?.textContent ?? ""));
      assert.equal((await mapSiteIds(linked.page)).length, (await readFeatures()).length, "the atlas works without it");
      assert.deepEqual(linked.pageErrors, []);
    } finally {
      await linked.context.close();
    }
  });

  test("export → import gives back the visible sites; the CSV has a row per site", async () => {
    const data = await readFeatures();
    const wind = data.filter((f) => f.properties.sector !== "security");
    const { page, context, pageErrors } = await openGuarded(suite.server.url, { acceptDownloads: true });
    try {
      await page.locator("#tab-filters").click();
      await page.locator("#sector-security").uncheck();
      const [geojson] = await Promise.all([page.waitForEvent("download"), page.click("#export-geojson")]);
      assert.equal(geojson.suggestedFilename(), "cca-atlas-sites.geojson");
      const path = await geojson.path();
      const exported = JSON.parse(await readFile(path, "utf8"));
      assert.deepEqual(exported.features.map((f) => f.properties.id).sort(), wind.map((f) => f.properties.id).sort());
      await page.setInputFiles("#import-file", path);
      await page.waitForFunction((n) => document.querySelector("#import-status")?.textContent.startsWith(`Loaded ${n} features`), wind.length);
      const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
      const rows = (await readFile(await csv.path(), "utf8")).trim().split("\n");
      assert.match(rows[0], /^id,name,alt_names,sector,category/);
      assert.equal(rows.length, wind.length + 1, "header plus one row per visible site (no line breaks in cells)");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("an import with a sector property gets one checkbox per sector: hiding one hides its canvas, its clicks and its list entries", async () => {
    // Points in a row across the opening view, sectors in turn; one without.
    const sectors = ["energy", "green", "security"];
    const features = Array.from({ length: 12 }, (_, i) => ({
      type: "Feature",
      properties: i === 11 ? { name: "Loose point" } : { name: `P${i}`, sector: sectors[i % 3] },
      geometry: { type: "Point", coordinates: [60 + i * 2, 42] },
    }));
    const { page, context, pageErrors, consoleErrors } = await openGuarded(suite.server.url);
    try {
      await page.locator("#tab-filters").click();
      await page.setInputFiles("#import-file", { name: "sectors.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify({ type: "FeatureCollection", features })) });
      await page.waitForFunction(() => document.querySelector("#import-status")?.textContent.startsWith("Loaded 12 features"));
      await page.waitForFunction(() => document.querySelectorAll(".atlas-import-canvas").length === 4);
      const rows = await page.locator(".import-groups label").evaluateAll((ls) =>
        ls.map((l) => [l.querySelector(".legend-label").textContent, Number(l.querySelector(".legend-count").textContent), l.querySelector("input").checked]));
      assert.deepEqual(rows, [["energy", 4], ["green", 4], ["security", 3], ["(none)", 1]].map((r) => [...r, true]));
      assert.equal(await page.locator(".atlas-import-canvas").count(), 4, "one canvas per group");
      assert.equal(await page.locator(".import-groups").evaluate((ul) => getComputedStyle(ul).listStyleType), "none", "indented like the legend's layers, no bullets");

      // P1 is green: the pointer over it is a hand; a click on it opens it;
      // with green hidden, neither.
      const cursor = () => page.locator(".map").evaluate((m) => getComputedStyle(m).cursor);
      const at = await pixelOf(page, 42, 62);
      const empty = await pixelOf(page, 45, 62);
      await page.mouse.move(empty.x, empty.y);
      assert.notEqual(await cursor(), "pointer", "no hand over empty map");
      await page.mouse.move(at.x, at.y);
      assert.equal(await cursor(), "pointer", "a hand over an imported feature");
      await page.mouse.click(at.x, at.y);
      await page.locator(".details-imported").waitFor();
      assert.equal(await page.locator("#details-title").textContent(), "P1");
      await page.keyboard.press("Escape");
      // Opening it framed the map on it: where is it now?
      await page.waitForTimeout(400);
      const now = await pixelOf(page, 42, 62);
      await page.locator("#tab-filters").click();
      const canvases = page.locator(".atlas-import-canvas");
      const widthBefore = await canvases.nth(1).evaluate((c) => c.width);
      await page.locator("#import-group-green").uncheck();
      assert.equal(await canvases.nth(1).evaluate((c) => getComputedStyle(c).display), "none", "green's canvas is hidden");
      assert.equal(await canvases.nth(0).evaluate((c) => getComputedStyle(c).display), "block", "energy's is not");
      await page.mouse.move(now.x + 1, now.y);
      assert.notEqual(await cursor(), "pointer", "no hand over a hidden feature");
      await page.mouse.click(now.x, now.y);
      await page.waitForTimeout(300);
      assert.equal(await page.locator(".details-imported").count(), 0, "a hidden feature cannot be clicked");
      await page.locator("#tab-list").click();
      const listed = await page.locator(".imported-item .site-item-name").allInnerTexts();
      assert.deepEqual(listed, features.map((f) => f.properties).filter((p) => p.sector !== "green").map((p) => p.name));
      await page.locator("#tab-filters").click();
      await page.locator("#import-group-green").check();
      assert.equal(await canvases.nth(1).evaluate((c) => getComputedStyle(c).display), "block");
      assert.equal(await canvases.nth(1).evaluate((c) => c.width), widthBefore, "shown again without a new canvas size");
      await page.mouse.click(now.x, now.y);
      await page.locator(".details-imported").waitFor();
      await page.keyboard.press("Escape");
      // The whole import hidden: nothing of it is drawn, pointed at or clicked.
      await page.locator("#tab-filters").click();
      await page.locator("#imported-toggle").uncheck();
      await page.mouse.move(now.x, now.y + 1);
      assert.notEqual(await cursor(), "pointer", "no hand over a hidden import");
      await page.mouse.click(now.x, now.y);
      await page.waitForTimeout(300);
      assert.equal(await page.locator(".details-imported").count(), 0, "a hidden import cannot be clicked");
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  test("100,000 features load with visible progress, and the page answers meanwhile", async () => {
    // Seeded and deterministic: points across the region.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const features = Array.from({ length: 100_000 }, (_, i) => ({
      type: "Feature",
      properties: { name: `Point ${i}` },
      geometry: { type: "Point", coordinates: [50 + rand() * 40, 36 + rand() * 16] },
    }));
    const text = JSON.stringify({ type: "FeatureCollection", features });
    const { page, context, pageErrors } = await openGuarded(suite.server.url);
    try {
      await page.locator("#tab-filters").click();
      // Record every status message and count animation frames during the load.
      await page.evaluate(() => {
        window.__messages = [];
        window.__frames = 0;
        new MutationObserver(() => window.__messages.push(document.querySelector("#import-status").textContent))
          .observe(document.querySelector("#import-status"), { childList: true, characterData: true, subtree: true });
        const tick = () => { window.__frames += 1; requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      });
      await page.setInputFiles("#import-file", { name: "big.geojson", mimeType: "application/geo+json", buffer: Buffer.from(text) });
      await page.waitForFunction(() => document.querySelector("#import-status")?.textContent.startsWith("Loaded 100,000 features"), null, { timeout: 120_000 });
      const { messages, frames } = await page.evaluate(() => ({ messages: window.__messages, frames: window.__frames }));
      const checked = new Set(messages.filter((m) => m.startsWith("Checked")));
      assert.ok(checked.size >= 5, `progress while checking: ${[...checked].slice(0, 3)}`);
      assert.ok(frames >= 10, `the page kept painting (${frames} frames)`);
      assert.equal(await page.locator(".imported-entry .legend-count").innerText(), "100000");
      // Drawn by our own rasteriser: one canvas (no sector property, one
      // group), with ink where the points are; no Leaflet layer per feature.
      const canvas = await page.evaluate(() => {
        const canvases = [...document.querySelectorAll(".atlas-import-canvas")];
        const c = canvases[0];
        const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let inked = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked += 1;
        return { count: canvases.length, inked, paths: document.querySelectorAll(".leaflet-overlay-pane path").length };
      });
      assert.equal(canvas.count, 1);
      assert.ok(canvas.inked > 10_000, `the points are drawn (${canvas.inked} pixels)`);
      assert.ok(canvas.paths < 100, `no SVG path per feature (${canvas.paths})`);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});

describe("hardening", () => {
  test("a strict CSP holds: no unsafe-inline or unsafe-eval, no violation, injected script blocked; assets carry SRI", async () => {
    const html = await readFile(join(DIST, "index.html"), "utf8");
    const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    assert.ok(policy, "the policy is in index.html");
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|TRUNK_INLINE/);
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.match(policy, /object-src 'none'/);
    for (const tag of html.match(/<(script|link)\b[^>]*(src|href)="\/[^"]+\.(js|css|wasm)"[^>]*>/g) ?? []) {
      assert.match(tag, /integrity="sha384-/, `SRI on ${tag}`);
    }
    // The two bundles are loaded by the start-up script, not by tags: their
    // scripts through the import map's integrity, their wasm by fetch with
    // an integrity option. Each must be covered, with the file's real hash.
    const importMap = JSON.parse(html.match(/<script type="importmap">([\s\S]*?)<\/script>/)?.[1] ?? "null");
    const wasmHashes = JSON.parse(html.match(/const integrity = (\{[^\n]*\});/)?.[1] ?? "null");
    assert.ok(importMap && wasmHashes, "an import map and the wasm hashes are in index.html");
    const covered = { ...importMap.integrity, ...wasmHashes };
    const loaded = [...html.matchAll(/(?:import\(?\s*(?:\w+ from )?|wasm\()"(\/[^"]+\.(?:js|wasm))"/g)].map((m) => m[1]);
    assert.equal(loaded.length, 4, `the start-up script loads two scripts and two wasm files: ${loaded}`);
    for (const url of loaded) {
      const expected = `sha384-${createHash("sha384").update(await readFile(join(DIST, url))).digest("base64")}`;
      assert.equal(covered[url], expected, `integrity of ${url}`);
    }
    // Workers: only the import worker, from this origin. Its script cannot
    // carry integrity (new Worker takes none); its wasm is fetched with it.
    assert.match(policy, /worker-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /blob:/);
    const workerScript = html.match(/<meta name="atlas-import-worker" content="([^"]+)">/)?.[1] ?? "";
    assert.match(workerScript, /^import-worker-[0-9a-f]+\.js$/, "the worker's hashed address is in index.html");
    const boot = await readFile(join(DIST, workerScript), "utf8");
    const [, workerWasm, workerIntegrity] = boot.match(/fetch\("\.\/(import-worker-[0-9a-f]+_bg\.wasm)", \{ integrity: "([^"]+)" \}\)/) ?? [];
    assert.ok(workerWasm, "the worker fetches its wasm with an integrity value");
    assert.equal(workerIntegrity, `sha384-${createHash("sha384").update(await readFile(join(DIST, workerWasm))).digest("base64")}`, "integrity of the worker's wasm");
    const { page, context, pageErrors, consoleErrors } = await openGuarded(suite.server.url);
    try {
      assert.deepEqual(await canary(page), { xss: 0, csp: [] }, "the app runs under the policy");
      const ran = await page.evaluate(async () => {
        const s = document.createElement("script");
        s.textContent = "window.__injected = true";
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 50));
        return window.__injected === true;
      });
      assert.equal(ran, false, "an injected inline script does not run");
      assert.ok((await canary(page)).csp.some((v) => v.startsWith("script-src")), "and is reported as a violation");
      assert.deepEqual(pageErrors, []);
      assert.ok(consoleErrors.every((e) => /Content Security Policy/.test(e.text)), "the only console error is the refusal");
    } finally {
      await context.close();
    }
  });

  test("a panic is shown as 'something went wrong' with its details, not a frozen page", async () => {
    const { page, context } = await openPage(suite.browser, `${suite.server.url}?debug=panic`);
    try {
      await waitForAtlas(page);
      const crash = page.locator(".crash");
      await crash.waitFor({ timeout: 5_000 });
      assert.match(await crash.innerText(), /Something went wrong/);
      assert.match(await crash.locator("pre").innerText(), /deliberate panic/);
      assert.equal(await crash.getAttribute("role"), "alert");
    } finally {
      await context.close();
    }
  });

  test("a seeded monkey: 300 random clicks, keys, filters and searches without an error", async (t) => {
    const { page, context, pageErrors, consoleErrors } = await openGuarded(suite.server.url);
    let seed = 20261128;
    const rand = (n) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const keys = ["Tab", "Shift+Tab", "Enter", " ", "Escape", "ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight", "Home", "End", "+", "-"];
    const words = ["wind", "Zankerdi", "<b>", "Ташкент", "", "x".repeat(300), "%", "CNPC"];
    // `log` holds the actions really performed; an action that could not be
    // (no visible search box or year select, a fill that timed out) goes to
    // `failed` instead, so the count says how much the app was exercised.
    const log = [];
    const failed = [];
    const attempt = async (action, run) => {
      try {
        await run();
        log.push(action);
      } catch (err) {
        failed.push(`${action}: ${err.message.split("\n")[0]}`);
      }
    };
    try {
      for (let step = 0; step < 300; step++) {
        try {
          const kind = rand(10);
          if (kind < 5) {
            // Click (a real mouse click) the middle of something clickable and
            // visible that does not leave the page; one query per step.
            const boxes = await page.evaluate(() =>
              [...document.querySelectorAll(
                "button, input[type=checkbox], .mention, .atlas-site, .site-item, summary",
              )]
                .map((el) => el.getBoundingClientRect())
                .filter((r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth)
                .map((r) => [r.left + Math.min(r.width, 40) / 2, r.top + Math.min(r.height, 40) / 2]),
            );
            if (boxes.length === 0) {
              failed.push("click: nothing clickable in view");
              continue;
            }
            const [x, y] = boxes[rand(boxes.length)];
            await page.mouse.click(x, y);
            log.push(`click ${Math.round(x)},${Math.round(y)}`);
          } else if (kind < 8) {
            const key = keys[rand(keys.length)];
            await page.keyboard.press(key);
            log.push(`key ${key}`);
          } else if (kind < 9) {
            const word = words[rand(words.length)];
            await attempt(`search ${word.slice(0, 10)}`, () => page.locator("#search-input").fill(word, { timeout: 500 }));
          } else {
            const selects = page.locator("select:visible");
            const n = await selects.count();
            if (n === 0) {
              failed.push("year: no year select visible");
              continue;
            }
            const year = String(1997 + rand(29));
            await attempt(`year ${year}`, () => selects.nth(rand(n)).selectOption(year, { timeout: 500 }));
          }
          if (new URL(page.url()).origin !== new URL(suite.server.url).origin) throw new Error(`left the app at step ${step}`);
        } catch (err) {
          // Say which actions led here (a navigation away shows up as a
          // destroyed execution context in the next query).
          throw new Error(`step ${step}, after: ${log.slice(-8).join("; ")}: ${err.message}`);
        }
      }
      await page.screenshot({ path: join(SCREENSHOTS, "monkey.png") });
      assert.equal(await page.locator(".crash").count(), 0, "no panic");
      assert.deepEqual(await canary(page), { xss: 0, csp: [] });
      assert.deepEqual(pageErrors, [], log.slice(-10).join("; "));
      assert.deepEqual(consoleErrors, [], log.slice(-10).join("; "));
      t.diagnostic(`${log.length} actions performed, ${failed.length} could not be: ${failed.slice(0, 10).join("; ")}`);
      assert.ok(log.length >= 250, `only ${log.length} of 300 actions performed; failed: ${failed.join("; ")}`);
    } finally {
      await context.close();
    }
  });
});
