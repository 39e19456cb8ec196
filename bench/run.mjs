// The benchmark harness (see bench/README.md). One command:
//
//   node bench/run.mjs [--runs 5] [--runs-mobile 5] [--sets real,10k,100k]
//                      [--mobile-sets real] [--profiles desktop,mobile]
//                      [--pages ours,vanilla,canvas,basemap,offline,bare-offline,markers,folium]
//                      [--out BENCHMARKS.md] [--skip-build]
//
// builds the release bundle, makes the data sets and the peer pages, serves
// each page on localhost (as a host would: cache headers, and in the mobile
// profile gzip or brotli), drives headless Debian Chromium through
// playwright-core (a fresh browser per cold load) under each profile
// (desktop; mobile: a slow network and a 4× slower CPU through the DevTools
// protocol) and writes BENCHMARKS.md: median, min and max over the runs of
// every cell, the ratio ours / peer of the medians, and the targets of
// issue 12, met or not.

import { spawnSync } from "node:child_process";
import { X509Certificate, createHash } from "node:crypto";
import { createServer } from "node:http";
import { createSecureServer } from "node:http2";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, openSync, closeSync } from "node:fs";
import { cpus } from "node:os";
import { basename, extname, join, normalize, resolve, sep } from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, MIME } from "../e2e/harness.mjs";

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const WORK = join(ROOT, "target", "bench");
const DATA = join(WORK, "data");
const RESULTS = join(WORK, "results.json");
// The layout of results.json; older files cannot be resumed or reported.
const RESULTS_VERSION = 2;

const SETS = {
  real: { label: "real (30 sites)", count: null },
  "10k": { label: "synthetic 10k", count: 10_000 },
  "100k": { label: "synthetic 100k", count: 100_000 },
};
const SEED = 2025;
const TOGGLE_SECTOR = "connectivity";
const TOGGLES = 20;
// Time to interactive and the repeat visit answer the first-map question:
// they are measured on the real data only.
const INTERACTIVE_SETS = ["real"];

/**
 * The pages: ours and its peers. The plain Leaflet peers are one script,
 * bench/vanilla/peer.js, on four pages (two of them also with a service
 * worker).
 */
const PAGES = {
  ours: { name: "Atlas (Rust/wasm)" },
  vanilla: { name: "Leaflet, circle markers (SVG)", file: "index.html" },
  canvas: { name: "Leaflet, circle markers (canvas)", file: "canvas.html" },
  basemap: { name: "Leaflet + basemap, circle markers (SVG)", file: "basemap.html" },
  // The same pages with "&worker" in their link: they register bench/vanilla/sw.js.
  offline: { name: "Leaflet + basemap + service worker", file: "basemap.html", worker: true },
  "bare-offline": { name: "Leaflet + service worker, no basemap", file: "index.html", worker: true },
  markers: { name: "Leaflet, default markers", file: "markers.html" },
  folium: { name: "Folium 0.20" },
};

/**
 * How the browser is set up. The mobile profile is a mid-range phone on a
 * slow 4G link, applied through the DevTools protocol before navigation:
 * every request waits 150 ms, downloads share 1.6 Mbit/s, and the CPU runs
 * 4× slower. Its server compresses like a real host, once with gzip and
 * once with brotli (a row each).
 */
const PROFILES = {
  desktop: {
    label: "Desktop",
    about: "1280×800, loopback, no throttling; files sent uncompressed over plain HTTP/1.1",
    context: { viewport: { width: 1280, height: 800 } },
  },
  mobile: {
    label: "Mobile",
    about: "390×844 at device scale factor 3, touch; every request +150 ms, 1.6 Mbit/s down (200,000 B/s), 750 kbit/s up (93,750 B/s), CPU 4× slower (DevTools protocol: `Network.emulateNetworkConditions`, `Emulation.setCPUThrottlingRate`); the server compresses (gzip -9 or brotli -q 11, a row each)",
    // How the mobile pages are served, by --mobile-http1.
    served: (http1) => (http1 ? "plain HTTP/1.1 (at most six requests at a time)" : "HTTPS with HTTP/2, as hosts serve today (a self-signed certificate whose key the browser trusts)"),
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
    network: { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
    cpu: 4,
  },
};
const ENCODINGS = { gzip: "gzip", br: "brotli" };

// ---------------------------------------------------------------- options

function options(argv) {
  const o = {
    timeout: 60, toggleBudget: 60, runs: 5, runsMobile: 5,
    sets: ["real", "10k", "100k"], mobileSets: ["real"], profiles: ["desktop", "mobile"], encodings: ["gzip", "br"],
    pages: ["ours", "vanilla", "canvas", "basemap", "offline", "bare-offline", "markers", "folium"],
    out: "BENCHMARKS.md", build: true, given: new Set(),
  };
  const list = (i) => argv[i].split(",").filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--runs-mobile") o.runsMobile = Number(argv[++i]);
    else if (a === "--sets") o.sets = list(++i);
    else if (a === "--mobile-sets") o.mobileSets = list(++i);
    else if (a === "--pages") o.pages = list(++i);
    else if (a === "--profiles") o.profiles = list(++i);
    else if (a === "--encodings") o.encodings = list(++i);
    else if (a === "--out") o.out = argv[++i];
    else if (a === "--skip-build") o.build = false;
    else if (a === "--mobile-http1") o.mobileHttp1 = true;
    else if (a === "--resume") o.resume = true;
    else if (a === "--report-only") o.reportOnly = true;
    else if (a === "--timeout") o.timeout = Number(argv[++i]);
    else if (a === "--toggle-budget") o.toggleBudget = Number(argv[++i]);
    else throw new Error(`unknown option ${a}; see bench/README.md`);
    o.given.add(a);
  }
  if (!(o.runs >= 1) || !(o.runsMobile >= 1)) throw new Error("--runs and --runs-mobile need a positive number");
  for (const s of [...o.sets, ...o.mobileSets]) if (!SETS[s]) throw new Error(`unknown set ${s}`);
  for (const p of o.pages) if (!PAGES[p]) throw new Error(`unknown page ${p} (pages: ${Object.keys(PAGES).join(", ")})`);
  for (const p of o.profiles) if (!PROFILES[p]) throw new Error(`unknown profile ${p} (profiles: ${Object.keys(PROFILES).join(", ")})`);
  for (const e of o.encodings) if (!ENCODINGS[e]) throw new Error(`unknown encoding ${e} (encodings: ${Object.keys(ENCODINGS).join(", ")})`);
  return o;
}

/**
 * The rows measured: a profile with one encoding, its data sets and its
 * number of runs. Key "desktop", "mobile-gzip", "mobile-br".
 */
function conditions(o) {
  const list = [];
  if (o.profiles.includes("desktop")) list.push({ key: "desktop", profile: "desktop", encoding: null, sets: o.sets, runs: o.runs });
  if (o.profiles.includes("mobile")) {
    for (const encoding of o.encodings) list.push({ key: `mobile-${encoding}`, profile: "mobile", encoding, http2: !o.mobileHttp1, sets: o.mobileSets, runs: o.runsMobile });
  }
  return list;
}

const rowLabel = (cond, set) => (cond.encoding ? `${SETS[set].label}, ${ENCODINGS[cond.encoding]}` : SETS[set].label);

function run(command, args, { stdoutTo } = {}) {
  console.error(`$ ${command} ${args.join(" ")}`);
  const fd = stdoutTo ? openSync(stdoutTo, "w") : "inherit";
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ["ignore", fd, "inherit"] });
  if (stdoutTo) closeSync(fd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
}

// ---------------------------------------------------------------- data and pages

function makeData(sets) {
  mkdirSync(DATA, { recursive: true });
  const files = {};
  for (const set of sets) {
    const file = join(DATA, `${set}.geojson`);
    if (set === "real") {
      const dir = join(ROOT, "assets", "data");
      const features = readdirSync(dir)
        .filter((f) => f.endsWith(".geojson"))
        .sort()
        .flatMap((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).features);
      writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features }));
    } else {
      run("cargo", ["run", "--quiet", "--release", "--example", "synth", "--", String(SETS[set].count), String(SEED)], { stdoutTo: file });
    }
    files[set] = file;
  }
  return files;
}

function ensureFolium() {
  const python = join(ROOT, "bench", ".venv", "bin", "python");
  const requirements = join(ROOT, "bench", "folium", "requirements.txt");
  const stamp = join(ROOT, "bench", ".venv", "installed.txt");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === readFileSync(requirements, "utf8")) return python;
  run("python3", ["-m", "venv", join(ROOT, "bench", ".venv")]);
  run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements]);
  writeFileSync(stamp, readFileSync(requirements, "utf8"));
  return python;
}

function makeFoliumPages(files) {
  const python = ensureFolium();
  const dirs = {};
  for (const [set, file] of Object.entries(files)) {
    const dir = join(WORK, "folium", set);
    run(python, [join(ROOT, "bench", "folium", "make_page.py"), file, dir]);
    dirs[set] = dir;
  }
  return dirs;
}

/** An npm package's folder and the name@version the peer pages load it under. */
function npmPackage(name, sub = "") {
  const dir = join(ROOT, "node_modules", name);
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  return [`/vendor/${name}@${version}/`, join(dir, sub)];
}

// ---------------------------------------------------------------- serving

// Trunk's hashed file names (`cca-atlas-4d9ddd227b70405a_bg.wasm`) and the
// vendor folders named by version (`vendor/leaflet@1.9.4/`, as on a CDN)
// never change: cached for a year. Everything else (index.html, data files,
// the peers' own scripts) is revalidated on every use.
const IMMUTABLE = (path) => /-[0-9a-f]{12,}(_bg)?\.[a-z0-9]+$/.test(basename(path)) || /\/[^/]+@\d+\.\d+\.\d+[^/]*\//.test(path);
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".geojson", ".wasm", ".svg", ".txt"]);
const BROTLI = { [zlib.BROTLI_PARAM_QUALITY]: 11 };

/** Each file read once, with its ETag and its compressed forms once made. */
const fileCache = new Map();
function cached(file) {
  const { mtimeMs, size } = statSync(file);
  let entry = fileCache.get(file);
  if (!entry || entry.mtimeMs !== mtimeMs || entry.size !== size) {
    const raw = readFileSync(file);
    entry = { mtimeMs, size, raw, hash: createHash("sha256").update(raw).digest("base64url").slice(0, 22) };
    fileCache.set(file, entry);
  }
  return entry;
}

/**
 * `file` compressed as a host would send it: a precompressed `file.gz` or
 * `file.br` beside it if there is one, else gzip -9 or brotli -q 11.
 */
function encoded(file, encoding) {
  const entry = cached(file);
  if (!entry[encoding]) {
    const pre = `${file}.${encoding === "gzip" ? "gz" : "br"}`;
    entry[encoding] = existsSync(pre)
      ? readFileSync(pre)
      : encoding === "gzip"
      ? gzipSync(entry.raw, { level: 9 })
      : brotliCompressSync(entry.raw, { params: { ...BROTLI, [zlib.BROTLI_PARAM_SIZE_HINT]: entry.raw.length } });
  }
  return entry[encoding];
}

/** The encoding to send: the server's mode, if the file is text and the browser accepts it; else gzip if accepted. */
function pickEncoding(mode, file, accept = "") {
  if (!mode || !COMPRESSIBLE.has(extname(file))) return null;
  const accepts = (name) => accept.split(",").some((part) => {
    const [token, ...params] = part.trim().split(";");
    return token.trim().toLowerCase() === name && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
  if (mode === "br" && accepts("br")) return "br";
  return accepts("gzip") ? "gzip" : null;
}

/**
 * The key and self-signed certificate of the HTTPS server, made once with
 * openssl in target/bench/tls/, and the SHA-256 of its public key: the
 * browser is told to trust that key (--ignore-certificate-errors-spki-list),
 * which, unlike --ignore-certificate-errors, leaves its HTTP cache on.
 */
function tls() {
  const dir = join(WORK, "tls");
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  if (!existsSync(key) || !existsSync(cert)) {
    mkdirSync(dir, { recursive: true });
    run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
      "-days", "3650", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]);
  }
  const spki = new X509Certificate(readFileSync(cert)).publicKey.export({ type: "spki", format: "der" });
  return { key: readFileSync(key), cert: readFileSync(cert), spki: createHash("sha256").update(spki).digest("base64") };
}
const TLS = { current: null };

/**
 * Serves `mounts` ({ "/prefix/": dir }, longest prefix first) on 127.0.0.1,
 * as a sensible host would: hashed and versioned files cached for a year
 * (`immutable`), everything else `no-cache` with an ETag, answered with 304
 * when it still matches. `encoding` (null, "gzip" or "br") is set per
 * profile: null sends every file as it is. `served` lists the requests of
 * the current page load. Two listeners: `url`, plain HTTP/1.1 (the desktop
 * profile), and `secureUrl`, HTTPS with HTTP/2 as hosts serve today (the
 * mobile profile; one connection, no limit of six requests at a time).
 */
async function serve(mounts) {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const state = { encoding: null, served: [] };
  const handle = (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const [prefix, dir] = entries.find(([p]) => path.startsWith(p));
      const base = resolve(dir);
      let file = normalize(join(base, path.slice(prefix.length)));
      if (file !== base && !file.startsWith(base + sep)) throw new Error("outside");
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const entry = cached(file);
      const encoding = pickEncoding(state.encoding, file, req.headers["accept-encoding"]);
      const etag = `"${entry.hash}${encoding ? `-${encoding}` : ""}"`;
      const headers = {
        "content-type": MIME[extname(file)] ?? "application/octet-stream",
        "cache-control": IMMUTABLE(path) ? "public, max-age=31536000, immutable" : "no-cache",
        etag,
        ...(COMPRESSIBLE.has(extname(file)) && state.encoding ? { vary: "Accept-Encoding" } : {}),
      };
      const match = (req.headers["if-none-match"] ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
      if (match.includes(etag) || match.includes("*")) {
        state.served.push({ path, file, status: 304 });
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = encoding ? encoded(file, encoding) : entry.raw;
      state.served.push({ path, file, status: 200, bytes: body.length, encoding, protocol: req.httpVersion });
      res.writeHead(200, { ...headers, "content-length": body.length, ...(encoding ? { "content-encoding": encoding } : {}) });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  };
  const plain = createServer(handle);
  TLS.current ??= tls();
  const secure = createSecureServer({ key: TLS.current.key, cert: TLS.current.cert, allowHTTP1: true }, handle);
  const sessions = new Set();
  secure.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  await Promise.all([plain, secure].map((server) => new Promise((ok) => server.listen(0, "127.0.0.1", ok))));
  return {
    url: `http://127.0.0.1:${plain.address().port}`,
    secureUrl: `https://127.0.0.1:${secure.address().port}`,
    state,
    served: state.served,
    close: () => Promise.all([
      new Promise((ok) => { plain.closeAllConnections(); plain.close(ok); }),
      new Promise((ok) => { for (const session of sessions) session.destroy(); secure.close(ok); }),
    ]),
  };
}

// ---------------------------------------------------------------- measuring

function sizesOf(file) {
  return { raw: cached(file).raw.length, gzip: encoded(file, "gzip").length, brotli: encoded(file, "br").length };
}

/** A fresh browser as a server, so that it can be killed outright. */
async function launch() {
  TLS.current ??= tls();
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS, "--enable-precise-memory-info", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      // The HTTPS server's self-signed key, trusted (see tls()).
      `--ignore-certificate-errors-spki-list=${TLS.current.spki}`,
    ],
  });
  const browser = await chromium.connect(server.wsEndpoint());
  return { browser, server };
}

/** Runs `body(browser)` in a fresh browser, closed (or killed) afterwards. */
async function withBrowser(body) {
  const { browser, server } = await launch();
  try {
    return await body(browser);
  } finally {
    // A page still busy drawing can hold a graceful close for minutes.
    await Promise.race([browser.close(), new Promise((ok) => setTimeout(ok, 5_000))]);
    await server.kill();
  }
}

/** A context of the profile: its viewport and device. */
async function newContext(browser, cond) {
  // No request interception (it would add a round trip to every request,
  // and turn the HTTP cache off); the browser resolves no host name but
  // 127.0.0.1 instead.
  const context = await browser.newContext(PROFILES[cond.profile].context);
  // Our wasm memory: Trunk's loader announces the module's exports.
  await context.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", (e) => { window.__benchWasm = e.detail.wasm; });
  });
  return context;
}

/**
 * A new tab with the profile's network and CPU throttling, set through the
 * DevTools protocol before anything is loaded, so that the whole load is
 * throttled. The session must stay attached: detaching lifts the throttling.
 */
async function newPage(context, cond) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const { network, cpu } = PROFILES[cond.profile];
  if (network) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", network);
  }
  if (cpu) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, cdp, errors };
}

/**
 * Opens the page and waits for its drawn mark: its time (ms after
 * navigation start), or null past the time limit.
 *
 * The harness stays off the page's main thread while it loads: polling with
 * `waitForFunction` makes Playwright inject its script into the page and
 * evaluate a function every 50 ms, which on the mobile profile (4× slower
 * CPU) cost each page about 100 ms of its own load. Instead a
 * PerformanceObserver, added before any of the page's scripts, logs the
 * mark once, and the harness waits for that console message.
 */
async function loadUntilDrawn(page, spec, o) {
  const token = `bench-drawn-${Math.random().toString(36).slice(2)}`;
  await page.addInitScript(({ name, token }) => {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName(name).length === 0) return;
      observer.disconnect();
      console.debug(token);
    }).observe({ type: "mark", buffered: true });
  }, { name: spec.drawn, token });
  const timeout = o.timeout * 1000;
  const drawn = page.waitForEvent("console", { predicate: (m) => m.text() === token, timeout });
  try {
    // Not "load": a page whose scripts run for minutes may never get there
    // within the limit; the drawn mark is what counts.
    await page.goto(spec.url, { waitUntil: "commit", timeout });
    await drawn;
  } catch {
    drawn.catch(() => {});
    return null;
  }
  return page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, spec.drawn);
}

const filesOf = (served) => [...new Map(served.filter((s) => s.status === 200).map((s) => [s.path, s.file])).entries()];

/**
 * The stages of the load, in time order (ms after navigation start): the
 * HTML's download end, the wasm's request and download end (Resource
 * Timing `startTime`, `responseEnd`), the
 * first paint and first contentful paint (Paint Timing), and every User
 * Timing mark whose name starts with "atlas:" or "bench:" (the first of
 * each name). Marks are taken as they come: new ones appear, missing ones
 * are simply absent.
 */
function readTimeline() {
  const stages = [];
  const nav = performance.getEntriesByType("navigation")[0];
  if (nav) stages.push(["HTML downloaded", nav.responseEnd]);
  // Each wasm bundle by its name without the hash (ours: first-map, cca-atlas).
  for (const wasm of performance.getEntriesByType("resource").filter((r) => /_bg\.wasm$/.test(new URL(r.name).pathname))) {
    const bundle = new URL(wasm.name).pathname.split("/").pop().replace(/-[0-9a-f]+_bg\.wasm$/, "").replace(/_bg\.wasm$/, "");
    stages.push([`${bundle} wasm requested`, wasm.startTime], [`${bundle} wasm downloaded`, wasm.responseEnd]);
  }
  for (const p of performance.getEntriesByType("paint")) stages.push([p.name, p.startTime]);
  // A mark set twice (the first map and then the app build a map each)
  // keeps both: the second is "name (2)".
  const seen = new Map();
  for (const m of performance.getEntriesByType("mark")) {
    if (/^(atlas|bench):/.test(m.name)) {
      const n = (seen.get(m.name) ?? 0) + 1;
      seen.set(m.name, n);
      stages.push([n === 1 ? m.name : `${m.name} (${n})`, m.startTime]);
    }
  }
  return stages.sort((a, b) => a[1] - b[1]);
}

/**
 * One cold load of one page in a fresh browser: time to map, the stages,
 * memory and sector toggles; then, with `repeat`, the same URL again in a
 * new tab of the same context (HTTP cache warm): time to map again.
 */
async function measureLoad(spec, server, o, cond, { repeat }) {
  return withBrowser(async (browser) => {
    const context = await newContext(browser, cond);
    const { page, cdp, errors } = await newPage(context, cond);
    server.served.length = 0;
    const timeToMap = await loadUntilDrawn(page, spec, o);
    if (timeToMap === null) {
      // Not drawn within the time limit: the cell says so; nothing else is measured.
      return { timedOut: true, timeToMap: o.timeout * 1000, files: filesOf(server.served) };
    }
    // Only what the page asked for before its drawn mark: the harness hears of
    // the mark a little late, and ours asks for the app right after it.
    const before = new Set(await page.evaluate((name) => {
      const drawn = performance.getEntriesByName(name)[0].startTime;
      const started = performance.getEntriesByType("resource").filter((r) => r.startTime <= drawn);
      return [location.href, ...started.map((r) => r.name)].map((u) => decodeURIComponent(new URL(u).pathname));
    }, spec.drawn));
    const servedBefore = server.served.filter((s) => before.has(s.path));
    const files = filesOf(servedBefore);
    // Bytes the server sent (bodies, compressed or not) until drawn.
    const sent = servedBefore.reduce((t, s) => t + (s.bytes ?? 0), 0);
    const protocol = server.served[0]?.protocol === "2.0" ? "h2" : "http/1.1";
    // Ours draws a first map, then the app takes over: the timeline and
    // the toggles wait for the app (its stages are in the timeline).
    if (spec.ready) await page.waitForSelector(spec.ready, { state: "attached", timeout: o.timeout * 1000 }).catch(() => {});
    const timeline = await page.evaluate(readTimeline);

    // Memory after load, after a full garbage collection.
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await page.evaluate(() => performance.memory.usedJSHeapSize);
    const wasmBytes = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? 0);

    // Sector toggles: click, then the next painted frame; as many as fit
    // in the budget, up to TOGGLES.
    const toggles = await page.evaluate(
      async ({ selector, label, count, budget }) => {
        const find = () => selector
          ? document.querySelector(selector)
          : [...document.querySelectorAll(".leaflet-control-layers-overlays label")].find((l) => l.textContent.trim() === label)?.querySelector("input");
        // Our legend is built just after the map paints.
        for (let tries = 0; !find() && tries < 200; tries++) await new Promise((ok) => setTimeout(ok, 50));
        const input = find();
        if (!input) throw new Error(`no toggle ${selector ?? label}`);
        const frame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
        const times = [];
        const end = performance.now() + budget;
        for (let i = 0; i < count && performance.now() < end; i++) {
          await new Promise((ok) => setTimeout(ok, 30));
          const start = performance.now();
          input.click();
          await frame();
          times.push(performance.now() - start);
        }
        return { times, checked: input.checked };
      },
      { selector: spec.toggle, label: spec.toggleLabel, count: TOGGLES, budget: o.toggleBudget * 1000 },
    );
    if (toggles.times.length === TOGGLES && !toggles.checked) throw new Error("after an even number of toggles the sector should be shown again");
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    const m = { timeToMap, sent, protocol, timeline, heap, wasm: wasmBytes, toggle: median(toggles.times), toggles: toggles.times.length, files };

    if (repeat) {
      // The repeat visit: the first tab closed, the same URL in a new one
      // once the old one has gone quiet. A page with a service worker (ours
      // registers one once its map is drawn) is left until the worker has
      // the build and controls the page, as after any visit long enough to
      // read it; `offline` says whether it did within the time limit.
      if (spec.worker) {
        m.offline = await page
          .waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: o.timeout * 1000 })
          .then(() => true, () => false);
      }
      await page.close();
      await new Promise((ok) => setTimeout(ok, 1000));
      const second = await newPage(context, cond);
      server.served.length = 0;
      const again = await loadUntilDrawn(second.page, spec, o);
      m.repeat = again ?? o.timeout * 1000;
      m.repeatTimedOut = again === null;
      if (again !== null) m.repeatTimeline = await second.page.evaluate(readTimeline);
      // What still reached the server: downloads (200) and revalidations (304).
      m.repeatRequests = { downloaded: server.served.filter((s) => s.status === 200).length, revalidated: server.served.filter((s) => s.status === 304).length };
      if (second.errors.length) throw new Error(`page errors on the repeat visit: ${second.errors.join("; ")}`);
    }
    await context.close();
    return m;
  });
}

/**
 * Where to click a site, in the page: the centre of a site that is in view
 * and on top at that point, or null while there is none yet.
 * `{ found: true }` once the details (or popup) have appeared.
 */
function findSite(kind) {
  if (window.__benchFound) return { found: true };
  const inView = (x, y) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
  const centre = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  };
  if (kind === "atlas") {
    // Point markers first, then lines (whose centre may miss the line).
    const sites = [...document.querySelectorAll(".leaflet-marker-pane .atlas-site"), ...document.querySelectorAll(".leaflet-container path.atlas-site")];
    for (const el of sites) {
      const p = centre(el);
      if (p && inView(p.x, p.y) && document.elementFromPoint(p.x, p.y)?.closest(".atlas-site") === el) return { point: p };
    }
    return { point: null };
  }
  // A Leaflet page: its map (ours expose it; Folium's is a global).
  let map = window.benchMap;
  if (!map && window.L) {
    for (const key of Object.keys(window)) {
      try {
        if (window[key] instanceof L.Map) { map = window[key]; break; }
      } catch { /* a getter that throws */ }
    }
  }
  if (!map) return { point: null };
  const box = map.getContainer().getBoundingClientRect();
  let point = null;
  map.eachLayer((layer) => {
    if (point || !(layer instanceof L.Marker || layer instanceof L.CircleMarker)) return;
    let p;
    if (layer._icon) p = centre(layer._icon);
    else {
      const c = map.latLngToContainerPoint(layer.getLatLng());
      p = { x: box.left + c.x, y: box.top + c.y };
    }
    if (!p || !inView(p.x, p.y)) return;
    const hit = document.elementFromPoint(p.x, p.y);
    if (!hit || !map.getContainer().contains(hit) || hit.closest(".leaflet-control")) return;
    // An SVG marker or an icon must be the element hit; on a canvas the
    // renderer finds the marker under the point itself.
    if ((layer._icon && hit !== layer._icon) || (layer._path && hit !== layer._path)) return;
    point = p;
  });
  return { point };
}

/**
 * Time to interactive, in its own cold load (a fresh browser): navigation
 * start → the painted frame after a click on a site first showed its
 * details (ours) or popup (the peers). The harness clicks (taps, on
 * mobile) a site as soon as one is on screen, and again every 100 ms until
 * something shows; a MutationObserver in the page notes the moment.
 */
async function measureTti(spec, server, o, cond) {
  return withBrowser(async (browser) => {
    const context = await newContext(browser, cond);
    await context.addInitScript((selector) => {
      const observer = new MutationObserver(() => {
        if (window.__benchFound || !document.querySelector(selector)) return;
        observer.disconnect();
        window.__benchFound = performance.now();
        requestAnimationFrame(() => setTimeout(() => { window.__benchShown = performance.now(); }, 0));
      });
      observer.observe(document, { childList: true, subtree: true });
    }, spec.shown);
    const { page, errors } = await newPage(context, cond);
    const touch = PROFILES[cond.profile].context.hasTouch;
    const end = Date.now() + o.timeout * 1000;
    const left = () => Math.max(1, end - Date.now());
    // Page calls time out with the limit: a page busy for longer is not interactive.
    const limited = async (promise) => {
      let timer;
      try {
        return await Promise.race([promise, new Promise((_, fail) => { timer = setTimeout(() => fail(new Error("time limit")), left()); })]);
      } finally {
        clearTimeout(timer);
      }
    };
    let clicks = 0;
    try {
      await page.goto(spec.url, { waitUntil: "commit", timeout: left() });
      for (;;) {
        if (Date.now() >= end) throw new Error("time limit");
        const { found, point } = await limited(page.evaluate(findSite, spec.site));
        if (found) break;
        if (!point) {
          await page.waitForTimeout(20);
          continue;
        }
        await limited(touch ? page.touchscreen.tap(point.x, point.y) : page.mouse.click(point.x, point.y));
        clicks++;
        // Give the click 100 ms to show something before clicking again.
        await limited(page.evaluate(() => new Promise((ok) => {
          const until = performance.now() + 100;
          const poll = () => (window.__benchFound || performance.now() > until ? ok() : setTimeout(poll, 10));
          poll();
        })));
      }
      await page.waitForFunction(() => window.__benchShown !== undefined, null, { timeout: left(), polling: 20 });
    } catch (e) {
      if (!/time limit|Timeout/i.test(String(e.message))) throw e;
      return { tti: o.timeout * 1000, ttiTimedOut: true, ttiClicks: clicks };
    }
    const tti = await page.evaluate(() => window.__benchShown);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    await context.close();
    return { tti, ttiClicks: clicks };
  });
}

/** One unmeasured load, so that the server has compressed every file before the measured ones. */
async function warmUp(spec, server, o, cond) {
  await withBrowser(async (browser) => {
    const context = await newContext(browser, cond);
    const page = await context.newPage();
    await loadUntilDrawn(page, spec, o);
    await context.close();
  });
}

/** One run: the cold load (and repeat visit), and on the real data a second cold load for time to interactive. */
async function measureRun(spec, server, o, cond, set) {
  const interactive = INTERACTIVE_SETS.includes(set);
  const m = await measureLoad(spec, server, o, cond, { repeat: interactive });
  if (interactive) {
    try {
      Object.assign(m, await measureTti(spec, server, o, cond));
    } catch (e) {
      m.ttiFailed = String(e.message ?? e).split("\n")[0];
    }
  }
  return m;
}

/** How each page is opened (over HTTP/2 where the condition says so), told it is drawn, clicked and toggled. */
function pageSpec(kind, set, servers, cond) {
  const data = `/bench-data/${set}.geojson`;
  const origin = (server) => (cond.http2 ? server.secureUrl : server.url);
  if (kind === "ours") {
    const base = { site: "atlas", shown: "#selection-title, #details-title" };
    return set === "real"
      ? { ...base, url: `${origin(servers.ours)}/`, drawn: "atlas:first-map-drawn", ready: "html[data-atlas-ready]", toggle: `#sector-${TOGGLE_SECTOR}`, worker: true }
      : { ...base, url: `${origin(servers.ours)}/?data=${encodeURIComponent(data)}`, drawn: "atlas:import-drawn", ready: "html[data-atlas-ready]", toggle: `#import-group-${TOGGLE_SECTOR}` };
  }
  if (kind === "folium") return { url: `${origin(servers.folium[set])}/`, drawn: "bench:drawn", toggleLabel: TOGGLE_SECTOR, site: "leaflet", shown: ".leaflet-popup" };
  const page = PAGES[kind].file === "index.html" ? "" : PAGES[kind].file;
  const worker = PAGES[kind].worker === true;
  return { url: `${origin(servers.vanilla)}/${page}?data=${encodeURIComponent(data)}${worker ? "&worker" : ""}`, drawn: "bench:drawn", toggle: `input[name="${TOGGLE_SECTOR}"]`, site: "leaflet", shown: ".leaflet-popup", worker };
}

// ---------------------------------------------------------------- statistics and report

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (x) => (x / 1048576).toFixed(1);
const kb = (x) => (x / 1000).toFixed(1);
const cell = (s, f) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;

function chromiumVersion() {
  const r = spawnSync(CHROMIUM, ["--version"], { encoding: "utf8" });
  return (r.stdout || "").trim() || "unknown";
}

function git(args) {
  const r = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  return (r.stdout || "").trim();
}

/** What was measured: today, the commit of the working tree, and the run's settings. */
function buildInfo(o) {
  return {
    version: RESULTS_VERSION,
    date: new Date().toISOString().slice(0, 10),
    commit: git(["rev-parse", "--short", "HEAD"]),
    dirty: Boolean(git(["status", "--porcelain", "--untracked-files=no"])),
    // The settings the report quotes, so --report-only quotes the run's own.
    runs: o.runs,
    runsMobile: o.runsMobile,
    timeout: o.timeout,
    toggleBudget: o.toggleBudget,
    selection: { pages: o.pages, sets: o.sets, mobileSets: o.mobileSets, profiles: o.profiles, encodings: o.encodings, mobileHttp1: Boolean(o.mobileHttp1) },
  };
}

// The metrics whose runs may end at the time limit, and each run's flag for it.
const LIMITED = { timeToMap: "timedOut", repeat: "repeatTimedOut", tti: "ttiTimedOut" };

/**
 * A cell: median (min–max) of the runs that have the metric. A run past the
 * time limit counts as the limit for the limited metrics (`bound`: the
 * median itself is at the limit, a lower bound) and is left out of the
 * others (not drawn: nothing else was measured).
 */
function summarize(all, key, o) {
  if (!all?.length) return null;
  const n = all.length;
  const runs = all.filter((r) => !r.failed && !(key === "tti" && r.ttiFailed));
  const failed = n - runs.length;
  const flag = LIMITED[key];
  const values = runs.filter((r) => r[key] != null && (flag || !r.timedOut));
  const timedOut = flag ? values.filter((r) => r[flag]).length : runs.filter((r) => r.timedOut).length;
  // No value: the page was not drawn (or not interactive) within the limit, or every run failed.
  if (!values.length) return { none: true, n, failed, timedOut: runs.filter((r) => r.timedOut || (flag && r[flag])).length };
  const s = stats(values.map((r) => r[key]));
  return {
    ...s, n, failed, timedOut, limited: Boolean(flag),
    bound: Boolean(flag) && timedOut > 0 && s.median >= o.timeout * 1000,
    partial: key === "toggle" ? Math.min(...values.map((r) => r.toggles)) : 0,
  };
}

function show(c, fmt, o) {
  if (!c) return "–";
  if (c.none) return c.timedOut ? `not drawn within ${o.timeout} s` : c.failed ? "every run failed (see the log)" : "–";
  let text = cell(c, fmt);
  if (c.bound) text = `≥ ${fmt(c.median)} (${c.timedOut} of ${c.n} past the ${o.timeout} s limit)`;
  else if (c.timedOut) text += c.limited ? ` (${c.timedOut} of ${c.n} runs past the limit)` : ` (${c.timedOut} of ${c.n} runs not drawn)`;
  if (c.partial && c.partial < TOGGLES) text += ` (only ${c.partial} toggles fit in ${o.toggleBudget} s)`;
  if (c.failed) text += ` (${c.failed} run${c.failed > 1 ? "s" : ""} failed)`;
  return text;
}

/** ours ÷ peer of the medians; "≤"/"≥" where one side is only a bound. */
function quotient(a, b) {
  if (!a || !b || a.none || b.none) return "–";
  const r = `${(a.median / b.median).toFixed(2)}×`;
  if (a.bound && b.bound) return "? (both at the limit)";
  if (b.bound) return `≤ ${r}`;
  if (a.bound) return `≥ ${r}`;
  return r;
}

/** A cell's file list with sizes, from its first run that loaded any, desktop first; null if none did. */
function transferOf(results, kind, set) {
  for (const cells of Object.values(results.cells ?? {})) {
    const loaded = cells[kind]?.[set]?.find((r) => r.files?.length);
    if (loaded) return { page: kind, set, files: loaded.files.map(([path, file, sizes]) => [path, sizes ?? sizesOf(file)]) };
  }
  return null;
}

function report(o, results) {
  const L = [];
  const pages = o.pages;
  const peers = pages.filter((p) => p !== "ours");
  const conds = conditions(o);
  const cellsOf = (cond, page, set) => results.cells?.[cond.key]?.[page]?.[set];
  const meta = results.meta ?? buildInfo(o);
  L.push("# Benchmarks", "");
  L.push(`Written by \`./dev bench\` (\`bench/run.mjs\`, see bench/README.md); measured on ${meta.date}, commit \`${meta.commit}\`${meta.dirty ? " + local changes" : ""}.`);
  L.push(`${chromiumVersion()}, headless; ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}. Each cell: median (min–max) of the runs (${o.profiles.map((p) => `${p}: ${p === "mobile" ? o.runsMobile : o.runs}`).join(", ")}); each run is a cold load in a fresh browser. Ratios are ours ÷ peer of the medians (below 1 = ours is faster or smaller).`);
  L.push("", "Data sets: the atlas's real sites (all five files merged for the peers), and synthetic sets from `bench/synth.rs` (seed " + SEED + "; ~80% points, ~20% lines of 20–200 vertices, five sectors). Our app loads the synthetic sets through `?data=` (its GeoJSON import); the peers fetch (plain Leaflet) or embed (Folium) the same file.", "");
  L.push("Pages (`--pages` ids):", "");
  const about = {
    ours: "the atlas: Rust/wasm, Leptos, Leaflet; draws its embedded basemap (Natural Earth 1:50m, clipped) and the sites",
    vanilla: "plain Leaflet 1.9.4: `fetch`, one `L.geoJSON` per sector, points as `L.circleMarker` (SVG), a popup per feature, no basemap",
    canvas: "the same with `preferCanvas: true`: every feature on one canvas",
    basemap: "`vanilla` plus the same Natural Earth 1:50m countries (npm world-atlas, converted by topojson-client, one `L.geoJSON`, no tiles): the like-for-like peer",
    offline: "`basemap` plus a service worker that keeps every file the page loaded and answers cache-first (Workbox's precache, written out): the like-for-like peer for the repeat visit",
    "bare-offline": "`vanilla` plus the same service worker: the least a Leaflet page that opens offline does on a repeat visit",
    markers: "`vanilla` with Leaflet's default `L.Marker` for points (an image icon each): what `L.geoJSON` does with no options",
    folium: "Folium 0.20's page: a `FeatureGroup` with a default `GeoJson` (default markers, a `GeoJsonPopup`) per sector, a `LayerControl`",
  };
  for (const p of pages) L.push(`- **${PAGES[p].name}** (\`${p}\`): ${about[p]}.`);
  L.push("");

  // ---- targets
  const get = (condKey, page, set, key) => summarize(results.cells?.[condKey]?.[page]?.[set], key, o);
  const missing = (c, who) => (!c ? "not measured in this run" : c.timedOut ? `${who} not drawn within ${o.timeout} s` : `${who}: every run failed`);
  const relative = (ours, peer, limit) => {
    if (!ours || ours.none || !peer || peer.none) return ["–", `cannot tell: ${!ours || ours.none ? missing(ours, "ours") : missing(peer, "the peer")}`];
    const r = ours.median / peer.median;
    const text = `${r.toFixed(2)}×`;
    if (ours.bound && peer.bound) return ["?", "cannot tell (both at the time limit)"];
    if (peer.bound) return [`≤ ${text}`, r <= limit ? "**met**" : "cannot tell (the peer hit the time limit)"];
    if (ours.bound) return [`≥ ${text}`, r > limit ? "**not met**" : "cannot tell (ours hit the time limit)"];
    return [text, r <= limit ? "**met**" : "**not met**"];
  };
  const absolute = (ours, limitMs) => {
    if (!ours || ours.none) return ["–", `cannot tell: ${missing(ours, "ours")}`];
    if (ours.bound) return [`≥ ${ms(ours.median)} ms`, ours.median > limitMs ? "**not met**" : "cannot tell"];
    return [`${ms(ours.median)} ms`, ours.median <= limitMs ? "**met**" : "**not met**"];
  };
  const targets = [];
  const ourTransfer = transferOf(results, "ours", "real");
  if (ourTransfer?.files.length) {
    const gz = ourTransfer.files.reduce((t, [, s]) => t + s.gzip, 0);
    targets.push(["First load ≤ 250 KB gzip (real data)", `${kb(gz)} KB`, gz <= 250_000 ? "**met**" : "**not met**"]);
  } else targets.push(["First load ≤ 250 KB gzip (real data)", "–", "cannot tell: not measured in this run"]);
  const mobileKeys = o.encodings.map((e) => [`mobile-${e}`, ENCODINGS[e]]);
  for (const [key, enc] of mobileKeys) {
    targets.push([`Mobile (${enc}): time to map ≤ 2.5 s (real data)`, ...absolute(get(key, "ours", "real", "timeToMap"), 2500)]);
    targets.push([`Mobile (${enc}): time to map ≤ 0.7× plain Leaflet + basemap (real data)`, ...relative(get(key, "ours", "real", "timeToMap"), get(key, "basemap", "real", "timeToMap"), 0.7)]);
    targets.push([`Mobile (${enc}): repeat visit, time to map ≤ 0.8 s (real data; issue 15)`, ...absolute(get(key, "ours", "real", "repeat"), 800)]);
  }
  targets.push(["Desktop: time to map ≤ 1.0× plain Leaflet + basemap (real data)", ...relative(get("desktop", "ours", "real", "timeToMap"), get("desktop", "basemap", "real", "timeToMap"), 1.0)]);
  targets.push(["Desktop: time to map ≤ 2.0× plain Leaflet, circle markers, no basemap (real data)", ...relative(get("desktop", "ours", "real", "timeToMap"), get("desktop", "vanilla", "real", "timeToMap"), 2.0)]);
  targets.push(["Desktop: time to map at 100k ≤ 0.5× the canvas peer", ...relative(get("desktop", "ours", "100k", "timeToMap"), get("desktop", "canvas", "100k", "timeToMap"), 0.5)]);
  targets.push(["Desktop: time to map at 10k ≤ 0.8× the canvas peer", ...relative(get("desktop", "ours", "10k", "timeToMap"), get("desktop", "canvas", "10k", "timeToMap"), 0.8)]);
  targets.push(["Desktop: sector toggle at 100k ≤ 0.2× the canvas peer", ...relative(get("desktop", "ours", "100k", "toggle"), get("desktop", "canvas", "100k", "toggle"), 0.2)]);
  for (const [key, label] of [["desktop", "Desktop"], ...mobileKeys.map(([k, e]) => [k, `Mobile (${e})`])]) {
    targets.push([`${label}: sector toggle on the real data ≤ 1.0× plain Leaflet (circle markers, SVG)`, ...relative(get(key, "ours", "real", "toggle"), get(key, "vanilla", "real", "toggle"), 1.0)]);
  }
  L.push("## Targets (issues 12 and 15)", "", "Judged from the medians below. \"Cannot tell\" where a cell was not measured in this run or a time limit leaves the ratio open.", "");
  L.push("| target | this run | |", "|---|---|---|", ...targets.map((t) => `| ${t.join(" | ")} |`), "");

  // ---- transfer
  L.push("## First-load transfer", "", "Every file the page fetched until every feature was drawn, compressed here with gzip -9 and brotli -q 11, as the mobile profile's server sends them (the desktop profile sends them uncompressed). KB = 1,000 bytes.", "");
  L.push("| page | set | file | raw KB | gzip KB | brotli KB |", "|---|---|---|---|---|---|");
  const sets = [...new Set(conds.flatMap((c) => c.sets))];
  for (const set of sets) {
    for (const page of pages) {
      const t = transferOf(results, page, set);
      if (!t) continue;
      let raw = 0, gz = 0, br = 0;
      for (const [path, s] of t.files) {
        raw += s.raw; gz += s.gzip; br += s.brotli;
        if (set === "real") L.push(`| ${PAGES[page].name} | ${set} | \`${path}\` | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
      }
      L.push(`| **${PAGES[page].name}** | **${SETS[set].label}** | **total** | **${kb(raw)}** | **${kb(gz)}** | **${kb(br)}** |`);
    }
  }
  L.push("");

  // ---- one section per profile
  const table = (title, note, rows, key, fmt, { ratios = true } = {}) => {
    L.push(`### ${title}`, "", note, "");
    const head = ["data", ...pages.map((p) => PAGES[p].name), ...(ratios && pages.includes("ours") ? peers.map((p) => `ours ÷ ${p}`) : [])];
    L.push(`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`);
    for (const { label, cond, set } of rows) {
      const row = [label];
      for (const p of pages) row.push(show(summarize(cellsOf(cond, p, set), key, o), fmt, o));
      if (ratios && pages.includes("ours")) {
        const ours = summarize(cellsOf(cond, "ours", set), key, o);
        for (const p of peers) row.push(quotient(ours, summarize(cellsOf(cond, p, set), key, o)));
      }
      L.push(`| ${row.join(" | ")} |`);
    }
    L.push("");
  };
  for (const profile of o.profiles) {
    const pConds = conds.filter((c) => c.profile === profile);
    const rows = pConds.flatMap((cond) => cond.sets.map((set) => ({ label: rowLabel(cond, set), cond, set })));
    const interactive = rows.filter((r) => INTERACTIVE_SETS.includes(r.set));
    const runs = profile === "desktop" ? o.runs : o.runsMobile;
    const served = PROFILES[profile].served ? `; served over ${PROFILES[profile].served(o.mobileHttp1)}` : "";
    L.push(`## ${PROFILES[profile].label}`, "", `${PROFILES[profile].about}${served}. Runs per cell: ${runs}.`, "");
    table("Time to map (ms)", "Navigation start → a `performance.mark` when the last layer is on the map, then the next painted frame (`requestAnimationFrame` + `setTimeout 0`). Ours, real data: its first map (`atlas:first-map-drawn`: the basemap and every site, pannable and zoomable, drawn by the small first bundle; the app's own map follows, see the stage timeline and time to interactive); ours, a `?data=` set: the app's import drawn (`atlas:import-drawn`).", rows, "timeToMap", ms);
    if (pages.includes("ours")) timeline(L, rows.map((r) => ({ label: r.label, runs: (cellsOf(r.cond, "ours", r.set) ?? []).filter((x) => x.timeline) })));
    if (interactive.length) {
      table("Time to interactive (ms)", `Navigation start → the painted frame after a click on a site first showed its details (ours: the selection's or the details' title, \`#selection-title\` / \`#details-title\`; the peers: Leaflet's popup, \`.leaflet-popup\`). In its own cold load: the harness ${profile === "mobile" ? "taps" : "clicks"} the first site on screen as soon as there is one, again every 100 ms until something shows.`, interactive, "tti", ms);
      table("Repeat visit: time to map (ms)", "The same URL again, in a new tab of the same browser context, after the cold load: navigation start → the drawn mark, as above, with the HTTP cache warm (hashed and versioned files `immutable`; the HTML and the data revalidated, 304). The atlas's repeat visit is served by its service worker, and so is that of the peer with one (`offline`: plain Leaflet + basemap, whose worker keeps every file the page loaded): the harness waits for the worker to control the first tab. Issue 15's target: ≤ 800 ms on the mobile profile.", interactive, "repeat", ms);
      const seen = pages.map((p) => {
        const r = interactive.map((row) => cellsOf(row.cond, p, row.set)?.find((x) => x.repeatRequests)).find(Boolean);
        return r ? `${PAGES[p].name} ${r.repeatRequests.downloaded} / ${r.repeatRequests.revalidated}` : null;
      }).filter(Boolean);
      if (seen.length) L.push(`Requests that still reached the server on the repeat visit (downloaded / revalidated with 304): ${seen.join("; ")}.`, "");
    }
    table("Sector toggle (ms)", `Click on the "${TOGGLE_SECTOR}" sector's checkbox → the next painted frame; each run's value is the median of ${TOGGLES} toggles (off, on, …).`, rows, "toggle", ms);
    if (profile === "desktop") {
      table("JS heap after load (MB)", "`performance.memory.usedJSHeapSize` (Chromium, with `--enable-precise-memory-info`) after a forced garbage collection. MB = 2^20 bytes.", rows, "heap", mb);
      if (pages.includes("ours")) {
        L.push("### WebAssembly memory after load (MB)", "", "Our module's linear memory (`memory.buffer.byteLength`); the peers have none.", "");
        L.push("| data | Atlas |", "|---|---|");
        for (const r of rows) if (cellsOf(r.cond, "ours", r.set)) L.push(`| ${r.label} | ${show(summarize(cellsOf(r.cond, "ours", r.set), "wasm", o), mb, o)} |`);
        L.push("");
      }
    }
  }
  return L.join("\n");
}

/**
 * The atlas's stage timeline: each stage's median time (ms after navigation
 * start) per column, and the step from the stage before it. Stages are
 * whatever the runs recorded (see readTimeline), in time order.
 */
function timeline(L, columns) {
  L.push("### Stage timeline of the atlas (ms)", "");
  L.push("Median time after navigation start of each stage of our cold load, (+ the step from the stage above). `HTML downloaded`: Resource Timing `responseEnd` of the page; `wasm requested`, `wasm downloaded`: `startTime` and `responseEnd` of `*_bg.wasm`; `first-paint`, `first-contentful-paint`: Paint Timing; `atlas:*`: the app's own User Timing marks, whichever it set (a stage missing from some runs says in how many it was).", "");
  columns = columns.filter((c) => c.runs.length);
  if (!columns.length) {
    L.push("No run of ours drew the map.", "");
    return;
  }
  const byColumn = columns.map((c) => {
    const times = new Map();
    for (const run of c.runs) for (const [name, t] of run.timeline) (times.get(name) ?? times.set(name, []).get(name)).push(t);
    return new Map([...times].map(([name, ts]) => [name, { median: median(ts), count: ts.length, n: c.runs.length }]));
  });
  // In time order: by the median in the first column that has the stage.
  const names = [...new Set(byColumn.flatMap((m) => [...m.keys()]))];
  const key = (name) => byColumn.find((m) => m.has(name)).get(name).median;
  names.sort((a, b) => key(a) - key(b));
  L.push(`| stage | ${columns.map((c) => c.label).join(" | ")} |`, `|---|${columns.map(() => "---").join("|")}|`);
  const previous = columns.map(() => 0);
  for (const name of names) {
    const row = [`\`${name}\``];
    byColumn.forEach((m, i) => {
      const s = m.get(name);
      if (!s) return row.push("–");
      const step = s.median - previous[i];
      previous[i] = s.median;
      row.push(`${ms(s.median)} (${step >= 0 ? "+" : "−"}${ms(Math.abs(step))})${s.count < s.n ? ` (in ${s.count} of ${s.n} runs)` : ""}`);
    });
    L.push(`| ${row.join(" | ")} |`);
  }
  L.push("");
}

// ---------------------------------------------------------------- main

function loadResults() {
  const results = JSON.parse(readFileSync(RESULTS, "utf8"));
  if (results.meta?.version !== RESULTS_VERSION) throw new Error(`${RESULTS} is from an older harness; run the benchmarks again (without --resume)`);
  return results;
}

/** --report-only: BENCHMARKS.md again from target/bench/results.json. */
function reportOnly(o) {
  const results = loadResults();
  // The run's settings and selection, not this command's defaults, unless given.
  const m = results.meta;
  o = { ...o, runs: m.runs, runsMobile: m.runsMobile, timeout: m.timeout, toggleBudget: m.toggleBudget };
  const flags = { pages: "--pages", sets: "--sets", mobileSets: "--mobile-sets", profiles: "--profiles", encodings: "--encodings", mobileHttp1: "--mobile-http1" };
  for (const [k, flag] of Object.entries(flags)) if (!o.given.has(flag) && m.selection?.[k]) o[k] = m.selection[k];
  writeFileSync(resolve(ROOT, o.out), report(o, results) + "\n");
  console.error(`wrote ${o.out}`);
}

async function main() {
  const o = options(process.argv.slice(2));
  if (o.reportOnly) return reportOnly(o);
  if (o.build && o.pages.includes("ours")) run(join(ROOT, "dev"), ["build"]);
  const conds = conditions(o);
  const sets = [...new Set(conds.flatMap((c) => c.sets))];
  const files = makeData(sets);
  const servers = {};
  const cleanup = [];
  try {
    if (o.pages.includes("ours")) servers.ours = await serve({ "/bench-data/": DATA, "/": join(ROOT, "dist") });
    if (o.pages.some((p) => PAGES[p].file)) {
      servers.vanilla = await serve(Object.fromEntries([
        npmPackage("leaflet", "dist"),
        npmPackage("topojson-client", "dist"),
        npmPackage("world-atlas"),
        ["/bench-data/", DATA],
        ["/", join(ROOT, "bench", "vanilla")],
      ]));
    }
    if (o.pages.includes("folium")) {
      servers.folium = {};
      for (const [set, dir] of Object.entries(makeFoliumPages(files))) servers.folium[set] = await serve({ "/": dir });
    }
    for (const s of Object.values(servers)) cleanup.push(...(s.close ? [s] : Object.values(s)));

    // --resume: keep the cells an interrupted run finished (same build).
    const results = o.resume && existsSync(RESULTS) ? loadResults() : { meta: buildInfo(o) };
    results.meta.selection = buildInfo(o).selection;
    results.cells ??= {};
    const save = () => writeFileSync(RESULTS, JSON.stringify(results, null, 1));
    for (const cond of conds) {
      for (const s of cleanup) s.state.encoding = cond.encoding;
      for (const set of cond.sets) {
        for (const kind of o.pages) {
          const spec = pageSpec(kind, set, servers, cond);
          const server = kind === "folium" ? servers.folium[set] : kind === "ours" ? servers.ours : servers.vanilla;
          const cells = ((results.cells[cond.key] ??= {})[kind] ??= {});
          if (!(o.resume && cells[set]?.length >= cond.runs)) cells[set] = [];
          const name = `${cond.key} ${kind} ${set}`;
          // Compressing is the server's work, done once before the timed loads.
          if (cond.encoding && cells[set].length < cond.runs) {
            console.error(`${name}: warm-up load (compresses every file once)`);
            await warmUp(spec, server, o, cond);
          }
          for (let r = cells[set].length; r < cond.runs; r++) {
            let m;
            try {
              m = await measureRun(spec, server, o, cond, set);
            } catch (e) {
              // One broken run is reported, not fatal to the others.
              m = { failed: String(e.message ?? e).split("\n")[0], files: [] };
            }
            for (const f of m.files) f[2] = sizesOf(f[1]);
            cells[set].push(m);
            save();
            const extra = [
              m.repeat != null ? `repeat ${m.repeatTimedOut ? "≥ " : ""}${ms(m.repeat)} ms` : null,
              m.tti != null ? `interactive ${m.ttiTimedOut ? "≥ " : ""}${ms(m.tti)} ms (${m.ttiClicks} clicks)` : m.ttiFailed ? `interactive failed: ${m.ttiFailed}` : null,
            ].filter(Boolean).join(", ");
            console.error(m.failed
              ? `${name} run ${r + 1}/${cond.runs}: failed: ${m.failed}`
              : m.timedOut
              ? `${name} run ${r + 1}/${cond.runs}: not drawn within ${o.timeout} s${extra ? `; ${extra}` : ""}`
              : `${name} run ${r + 1}/${cond.runs}: map ${ms(m.timeToMap)} ms (${kb(m.sent)} KB sent, ${m.protocol}), toggle ${ms(m.toggle)} ms (${m.toggles} toggles), heap ${mb(m.heap)} MB, wasm ${mb(m.wasm)} MB${extra ? `, ${extra}` : ""}`);
          }
        }
      }
    }
    writeFileSync(resolve(ROOT, o.out), report(o, results) + "\n");
    save();
    console.error(`wrote ${o.out}`);
  } finally {
    for (const s of cleanup) await s.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
