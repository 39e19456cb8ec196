// Browser suite for offline use (issue 15): after one visit the service
// worker (tools/sw.js, written by tools/postbuild.mjs) has the whole build,
// so a reload with no network shows every site; a new build is cached
// whole beside the old, offered as a reload, and then replaces it — the
// page never runs files of two builds.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launchBrowser, mapSiteIds, readFeatures, serveDir, waitForAtlas } from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A context whose pages reach only the local server. */
async function localContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort("internetdisconnected"));
  return context;
}

/** Waits until the service worker controls the page and has the build cached. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  return page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("atlas-")));
}

describe("offline after one visit", () => {
  test("the worker caches the build; an offline reload, and an offline link to a site, show every site", async () => {
    const server = await serveDir(DIST);
    const context = await localContext();
    try {
      const ids = (await readFeatures()).map((f) => f.properties.id).sort();
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(server.url);
      await waitForAtlas(page);
      const caches = await controlled(page);
      assert.equal(caches.length, 1, `one cache: ${caches}`);
      const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), caches[0]);
      const worker = await readFile(join(DIST, "sw.js"), "utf8");
      const files = JSON.parse(worker.match(/const FILES = (\[.*\]);/)[1]);
      assert.equal(cached.length, files.length, "every file of the build is cached");
      for (const must of ["/index.html", "/data/energy.geojson", "/context/context.json", "/data/names.json"]) {
        assert.ok(cached.includes(must), `${must} is cached`);
      }
      assert.ok(cached.some((p) => /\/cca-atlas-[0-9a-f]+_bg\.wasm$/.test(p)), "the app's wasm is cached");
      // Installable: Chromium finds nothing missing in the manifest, its
      // icon or the worker. (Its one objection is that a test browser
      // context is incognito, which no visitor's window is.)
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      assert.deepEqual(installabilityErrors.map((e) => e.errorId), ["in-incognito"], JSON.stringify(installabilityErrors));
      const { errors: manifestErrors } = await cdp.send("Page.getAppManifest");
      assert.deepEqual(manifestErrors, [], "the manifest parses without complaint");
      await cdp.detach();
      await context.setOffline(true);
      await page.reload();
      await waitForAtlas(page);
      assert.deepEqual(await mapSiteIds(page), ids, "offline, every site is on the map");
      await page.goto(server.url + "?site=bash-wind&lang=zh");
      await waitForAtlas(page);
      await page.locator("#details-title").waitFor();
      assert.match(await page.locator("#details-title").textContent(), /[\u4e00-\u9fff]/, "the names file came from the cache too");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("a new build is cached whole, offered as a reload, and replaces the old one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "atlas-offline-"));
    await cp(DIST, dir, { recursive: true });
    const server = await serveDir(dir);
    const context = await localContext();
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await waitForAtlas(page);
      const [oldCache] = await controlled(page);
      const site = ".atlas-site-id-dushanbe-2-tpp";
      const oldName = await page.locator(site).getAttribute("aria-label");
      // A new build: a site renamed in its data file, and the worker that
      // names the build anew (as tools/postbuild.mjs writes it).
      const data = join(dir, "data/energy.geojson");
      await writeFile(data, (await readFile(data, "utf8")).replace("Dushanbe-2 thermal power plant", "Dushanbe-2 power plant, new build"));
      const sw = join(dir, "sw.js");
      const worker = await readFile(sw, "utf8");
      await writeFile(sw, worker.replace(/const VERSION = "([0-9a-f]+)"/, (_, v) => `const VERSION = "${v.split("").reverse().join("")}"`));
      // The next visit finds it: the page stays on the old build (served
      // whole from the old cache) and offers the new one.
      await page.reload();
      await waitForAtlas(page);
      assert.equal(await page.locator(site).getAttribute("aria-label"), oldName, "still the old build, whole");
      await page.locator("#update-reload").waitFor({ timeout: 30_000 });
      assert.match(await page.locator(".update-notice").textContent(), /newer version/);
      await Promise.all([page.waitForEvent("load"), page.locator("#update-reload").click()]);
      await waitForAtlas(page);
      assert.match(await page.locator(site).getAttribute("aria-label"), /new build/, "the new build's data");
      const caches = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("atlas-")));
      assert.equal(caches.length, 1);
      assert.notEqual(caches[0], oldCache, "the old build's cache is gone");
      // And offline it is the new build that opens.
      await context.setOffline(true);
      await page.reload();
      await waitForAtlas(page);
      assert.match(await page.locator(site).getAttribute("aria-label"), /new build/);
    } finally {
      await context.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
