// Shared pieces of the browser suite: a static server for dist/, a headless
// Debian Chromium driven by playwright-core, and a page wrapper that blocks
// every non-local request and records console errors and uncaught
// exceptions.

import { createServer } from "node:http";
import { mkdir, readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

/** Content types by extension, for the suite's server and the benchmarks'. */
export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

/**
 * Serves `root` on 127.0.0.1 at a free port. Resolves to { url, close }.
 * `routes(req, res)`, if given, sees each request first and returns true
 * when it has answered it (a test's own server behaviour).
 */
export async function serveDir(root, { routes } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    if (routes?.(req, res)) return;
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw new Error("outside root");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    // Connections a test's route holds open would keep close() waiting.
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

/** Where tests save screenshots (not tracked by git). */
export const SCREENSHOTS = resolve(process.env.SCREENSHOTS ?? "target/e2e");

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags for headless Debian Chromium here: no sandbox (root), no GPU, no background networking. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches headless Debian Chromium with no background networking. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

function isLocal(url) {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return true;
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

/**
 * Opens `url` in a fresh context. Every non-local request is aborted and
 * recorded in `blocked`; console errors and uncaught exceptions are recorded
 * too, so a test can assert there were none.
 *
 * The atlas's service worker is blocked unless `serviceWorkers: "allow"`:
 * once it controls a page it serves the build from its cache, so a test
 * that changes what the server answers and reloads would see the cached
 * answer. Offline use has its own suite (offline.test.mjs), with it allowed.
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, initScript, acceptDownloads = false, serviceWorkers = "block" } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads, serviceWorkers });
  if (initScript) await context.addInitScript(initScript);
  const blocked = [];
  await context.route("**/*", (route) => {
    const requestUrl = route.request().url();
    if (isLocal(requestUrl)) return route.continue();
    blocked.push(requestUrl);
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push({ text: msg.text(), url: msg.location().url });
  });
  page.on("pageerror", (err) => pageErrors.push(String(err)));
  await page.goto(url);
  return { page, context, blocked, consoleErrors, pageErrors };
}

/** Waits until the wasm app has mounted the map (it sets data-atlas-ready). */
export function waitForAtlas(page, timeout = 20_000) {
  return page.waitForSelector("html[data-atlas-ready]", { state: "attached", timeout });
}

/** Reads the map view the app mirrors onto the map element. */
export async function readView(page) {
  const raw = await page.getAttribute(".map", "data-view");
  if (!raw) throw new Error("the map element has no data-view attribute");
  const [south, west, north, east, zoom] = raw.split(",").map(Number);
  return { south, west, north, east, zoom };
}

export function viewContains(view, lat, lon) {
  return lat >= view.south && lat <= view.north && lon >= view.west && lon <= view.east;
}

/**
 * Registers before/after hooks that start one browser and one server for
 * `dist` for the whole test file (with `options.routes`, see serveDir).
 * Returns an object whose `browser` and `server` are set once the hooks
 * have run.
 */
export function useBrowserAndServer(dist, options = {}) {
  const suite = {};
  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    suite.browser = await launchBrowser();
    suite.server = await serveDir(dist, options);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** Every feature of assets/data/*.geojson: tests derive expectations from
 * the data itself, never from numbers written into the test. */
export async function readFeatures(dir = "assets/data") {
  const { readdir } = await import("node:fs/promises");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".geojson")).sort();
  const all = [];
  for (const file of files) {
    all.push(...JSON.parse(await readFile(join(dir, file), "utf8")).features);
  }
  return all;
}

/**
 * Ids of the sites currently drawn on the map (markers and routes): those
 * the browser renders (a site the filters hide stays in the page, undrawn).
 */
export function mapSiteIds(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".leaflet-container .atlas-site")]
      .filter((el) => el.checkVisibility({ visibilityProperty: true }))
      .map((el) => [...el.classList].find((c) => c.startsWith("atlas-site-id-"))?.slice("atlas-site-id-".length))
      .filter(Boolean)
      .sort(),
  );
}

/** Ids of the sites in the list view, in list order. */
export function listSiteIds(page) {
  return page.evaluate(() => [...document.querySelectorAll(".site-list .site-item")].map((el) => el.dataset.siteId));
}

/**
 * Resolves once work the app put off to the next frame has run: the app
 * defers some work (the address bar, focus, revealing a sentence) to just
 * after the next frame (requestAnimationFrame, then a zero timeout), so this
 * waits for two such turns in the page.
 */
export function afterFrames(page) {
  return page.evaluate(async () => {
    const turn = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await turn();
    await turn();
  });
}

/** The page's address once it has settled (see afterFrames). */
export async function settledUrl(page) {
  await afterFrames(page);
  return page.evaluate(() => location.href);
}

/** The query parameters of the page's settled address as a plain object. */
export async function queryOf(page) {
  return Object.fromEntries(new URL(await settledUrl(page)).searchParams);
}

/** Waits until a condition on the page holds (polling in the page). */
export function until(page, fn, arg, timeout = 5_000) {
  return page.waitForFunction(fn, arg, { timeout });
}
