// The benchmark harness (see bench/README.md). One command:
//
//   node bench/run.mjs [--runs 5] [--sets real,10k,100k] [--pages ours,vanilla,folium]
//                      [--out BENCHMARKS.md] [--skip-build]
//
// builds the release bundle, makes the data sets and the peer pages, serves
// each page on localhost, drives headless Debian Chromium through
// playwright-core (a fresh browser per run, so every load is cold) and
// writes BENCHMARKS.md: median, min and max over the runs of every cell, and
// the ratio ours / peer of the medians.

import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, openSync, closeSync } from "node:fs";
import { cpus } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, MIME } from "../e2e/harness.mjs";

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const WORK = join(ROOT, "target", "bench");
const DATA = join(WORK, "data");

const SETS = {
  real: { label: "real (30 sites)", count: null },
  "10k": { label: "synthetic 10k", count: 10_000 },
  "100k": { label: "synthetic 100k", count: 100_000 },
};
const SEED = 2025;
const TOGGLE_SECTOR = "connectivity";
const TOGGLES = 20;

// ---------------------------------------------------------------- options

function options(argv) {
  const o = { timeout: 60, toggleBudget: 60, runs: 5, sets: ["real", "10k", "100k"], pages: ["ours", "vanilla", "folium"], out: "BENCHMARKS.md", build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--sets") o.sets = argv[++i].split(",");
    else if (a === "--pages") o.pages = argv[++i].split(",");
    else if (a === "--out") o.out = argv[++i];
    else if (a === "--skip-build") o.build = false;
    else if (a === "--resume") o.resume = true;
    else if (a === "--report-only") o.reportOnly = true;
    else if (a === "--timeout") o.timeout = Number(argv[++i]);
    else if (a === "--toggle-budget") o.toggleBudget = Number(argv[++i]);
    else throw new Error(`unknown option ${a}; see bench/README.md`);
  }
  if (!(o.runs >= 1)) throw new Error("--runs needs a positive number");
  for (const s of o.sets) if (!SETS[s]) throw new Error(`unknown set ${s}`);
  return o;
}

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

// ---------------------------------------------------------------- serving

/**
 * Serves `mounts` ({ "/prefix/": dir }, longest prefix first) on 127.0.0.1.
 * Uncompressed: the loads are timed on loopback; transfer sizes are computed
 * from the files served. `served` lists the files of the current page load.
 */
async function serve(mounts) {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const served = [];
  const server = createServer((req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const [prefix, dir] = entries.find(([p]) => path.startsWith(p));
      const base = resolve(dir);
      let file = normalize(join(base, path.slice(prefix.length)));
      if (file !== base && !file.startsWith(base + sep)) throw new Error("outside");
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      served.push({ path, file });
      res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, served, close: () => new Promise((ok) => server.close(ok)) };
}

// ---------------------------------------------------------------- measuring

const compressed = new Map();
function sizesOf(file) {
  if (!compressed.has(file)) {
    const raw = readFileSync(file);
    compressed.set(file, {
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      brotli: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }).length,
    });
  }
  return compressed.get(file);
}

/** A fresh browser as a server, so that it can be killed outright. */
async function launch() {
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, "--enable-precise-memory-info", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
  });
  const browser = await chromium.connect(server.wsEndpoint());
  return { browser, server };
}

/** How each page is opened, told it is drawn, and toggled. */
function pageSpec(kind, set, servers) {
  const data = `/bench-data/${set}.geojson`;
  if (kind === "ours") {
    return set === "real"
      ? { url: `${servers.ours.url}/`, drawn: "atlas:sites-drawn", toggle: `#sector-${TOGGLE_SECTOR}` }
      : { url: `${servers.ours.url}/?data=${encodeURIComponent(data)}`, drawn: "atlas:import-drawn", toggle: `#import-group-${TOGGLE_SECTOR}` };
  }
  if (kind === "vanilla") {
    return { url: `${servers.vanilla.url}/?data=${encodeURIComponent(data)}`, drawn: "bench:drawn", toggle: `input[name="${TOGGLE_SECTOR}"]` };
  }
  return { url: `${servers.folium[set].url}/`, drawn: "bench:drawn", toggleLabel: TOGGLE_SECTOR };
}

/** One cold load of one page: returns every metric of the run. */
async function measure(spec, server, o) {
  const { browser, server: browserServer } = await launch();
  try {
    // No request interception (it would add a round trip to every request);
    // the browser resolves no host name but 127.0.0.1 instead.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Our wasm memory: Trunk's loader announces the module's exports.
    await context.addInitScript(() => {
      addEventListener("TrunkApplicationStarted", (e) => { window.__benchWasm = e.detail.wasm; });
    });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    server.served.length = 0;
    try {
      // Not "load": a page whose scripts run for minutes may never get there
      // within the limit; the drawn mark is what counts.
      await page.goto(spec.url, { waitUntil: "commit", timeout: o.timeout * 1000 });
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, spec.drawn, { timeout: o.timeout * 1000, polling: 50 });
    } catch {
      // Not drawn within the time limit: the cell says so; nothing else is measured.
      return { timedOut: true, timeToMap: o.timeout * 1000, files: [...new Map(server.served.map((s) => [s.path, s.file])).entries()] };
    }
    const timeToMap = await page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, spec.drawn);
    const files = [...new Map(server.served.map((s) => [s.path, s.file])).entries()];

    // Memory after load, after a full garbage collection.
    const cdp = await context.newCDPSession(page);
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
    await cdp.detach();
    await context.close();
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    return { timeToMap, heap, wasm: wasmBytes, toggle: median(toggles.times), toggles: toggles.times.length, files };
  } finally {
    // A page still busy drawing can hold a graceful close for minutes.
    await Promise.race([browser.close(), new Promise((ok) => setTimeout(ok, 5_000))]);
    await browserServer.kill();
  }
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
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : "–");

function chromiumVersion() {
  const r = spawnSync(CHROMIUM, ["--version"], { encoding: "utf8" });
  return (r.stdout || "").trim() || "unknown";
}

function git(args) {
  const r = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  return (r.stdout || "").trim();
}

/** What was measured: today, and the commit of the working tree. */
function buildInfo(o) {
  return {
    date: new Date().toISOString().slice(0, 10),
    commit: git(["rev-parse", "--short", "HEAD"]),
    dirty: Boolean(git(["status", "--porcelain", "--untracked-files=no"])),
    // The settings the report quotes, so --report-only quotes the run's own.
    runs: o.runs,
    timeout: o.timeout,
    toggleBudget: o.toggleBudget,
  };
}

function report(o, results, transfer) {
  const L = [];
  const pages = o.pages;
  const name = { ours: "Atlas (Rust/wasm)", vanilla: "Leaflet 1.9.4 (plain JS)", folium: "Folium 0.20" };
  L.push("# Benchmarks", "");
  const meta = results.meta ?? buildInfo(o);
  L.push(`Written by \`./dev bench\` (\`bench/run.mjs\`, see bench/README.md); measured on ${meta.date}, commit \`${meta.commit}\`${meta.dirty ? " + local changes" : ""}.`);
  L.push(`${chromiumVersion()}, headless, 1280×800; ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}. Each cell: median (min–max) of ${o.runs} cold loads, each in a fresh browser; ratios are ours ÷ peer of the medians (below 1 = ours is faster or smaller).`);
  L.push("", "Data sets: the atlas's real sites (all five files merged for the peers), and synthetic sets from `bench/synth.rs` (seed " + SEED + "; ~80% points, ~20% lines of 20–200 vertices, five sectors). Our app loads the synthetic sets through `?data=` (its GeoJSON import); the peers fetch (plain Leaflet) or embed (Folium) the same file.", "");

  // A cell: median (min–max) of the runs that finished; runs that timed
  // out count as the time limit for time to map ("≥") and are left out of
  // the other metrics.
  const summary = (all, key) => {
    const runs = all?.filter((r) => !r.failed);
    const failed = (all?.length ?? 0) - (runs?.length ?? 0);
    if (!runs?.length) return all?.length ? { none: true, failed, timedOut: 0 } : null;
    const timedOut = runs.filter((r) => r.timedOut).length;
    if (key === "timeToMap") return { ...stats(runs.map((r) => r.timeToMap)), timedOut, failed, partial: 0 };
    const done = runs.filter((r) => !r.timedOut);
    if (!done.length) return { none: true, timedOut, failed };
    return { ...stats(done.map((r) => r[key])), timedOut, failed, partial: key === "toggle" ? Math.min(...done.map((r) => r.toggles)) : 0 };
  };
  const show = (c, fmt) => {
    if (!c) return "–";
    if (c.none) return c.timedOut ? `not drawn within ${o.timeout} s` : `every run failed (see the log)`;
    let text = cell(c, fmt);
    if (c.timedOut && c.median >= o.timeout * 1000) text = `≥ ${fmt(c.median)} (${c.timedOut} of ${o.runs} not drawn within ${o.timeout} s)`;
    else if (c.timedOut) text += ` (${c.timedOut} of ${o.runs} runs timed out)`;
    if (c.partial && c.partial < TOGGLES) text += ` (only ${c.partial} toggles fit in ${o.toggleBudget} s)`;
    if (c.failed) text += ` (${c.failed} run${c.failed > 1 ? "s" : ""} failed)`;
    return text;
  };
  const quotient = (a, b) => {
    if (!a || !b || a.none || b.none) return "–";
    const r = ratio(a.median, b.median);
    if (b.timedOut && b.median >= o.timeout * 1000) return `≤ ${r}`;
    return r;
  };
  const metric = (title, key, fmt, note) => {
    L.push(`## ${title}`, "", note, "");
    const head = ["set", ...pages.map((p) => name[p]), ...pages.filter((p) => p !== "ours").map((p) => `ours ÷ ${p}`)];
    L.push(`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`);
    for (const set of o.sets) {
      const row = [SETS[set].label];
      for (const p of pages) row.push(show(summary(results[p]?.[set], key), fmt));
      for (const p of pages.filter((q) => q !== "ours")) row.push(quotient(summary(results.ours?.[set], key), summary(results[p]?.[set], key)));
      L.push(`| ${row.join(" | ")} |`);
    }
    L.push("");
  };

  // The targets of issue 7, judged from the medians above.
  const med = (page, set, key) => {
    const c = summary(results[page]?.[set], key);
    return !c || c.none ? null : c;
  };
  const verdict = (ours, peer, limit) => {
    if (!ours || !peer) return ["–", "not measured in this run"];
    const r = ours.median / peer.median;
    const bound = peer.timedOut && peer.median >= o.timeout * 1000;
    if (r <= limit) return [bound ? `≤ ${r.toFixed(2)}×` : `${r.toFixed(2)}×`, "**met**"];
    return [`${r.toFixed(2)}×`, bound ? "cannot tell (the peer timed out)" : "**not met**"];
  };
  const targets = [];
  const real = transfer.find((t) => t.page === "ours" && t.set === "real");
  if (real) {
    const gz = real.files.reduce((t, [, s]) => t + s.gzip, 0);
    targets.push(["First load ≤ 300 KB gzipped", `${kb(gz)} KB`, gz <= 300_000 ? "**met**" : "**not met**"]);
  }
  for (const set of o.sets) {
    const [r1, v1] = verdict(med("ours", set, "timeToMap"), med("vanilla", set, "timeToMap"), 1.15);
    targets.push([`Time to map ≤ 1.15× plain Leaflet (${SETS[set].label})`, r1, v1]);
    const [r2, v2] = verdict(med("ours", set, "timeToMap"), med("folium", set, "timeToMap"), 0.5);
    targets.push([`Time to map ≤ 0.5× Folium (${SETS[set].label})`, r2, v2]);
  }
  if (o.sets.includes("100k")) {
    const vanillaToggle = med("vanilla", "100k", "toggle");
    const [r3, v3] = verdict(med("ours", "100k", "toggle"), vanillaToggle, 0.6);
    targets.push(["Sector toggle at 100k ≤ 0.6× plain Leaflet", r3, vanillaToggle ? v3 : `cannot tell: plain Leaflet did not draw 100k within ${o.timeout} s`]);
    const [r4, v4] = verdict(med("ours", "100k", "timeToMap"), med("vanilla", "100k", "timeToMap"), 1.0);
    targets.push(["100k through `?data=` ≤ 1.0× `fetch` + `JSON.parse` + `L.geoJSON` (the plain Leaflet page)", r4, v4]);
  }
  L.push("## Targets (issue 7)", "", "| target | this run | |", "|---|---|---|", ...targets.map((t) => `| ${t.join(" | ")} |`), "");

  L.push("## First-load transfer", "", "Every file the page fetched until every feature was drawn, compressed here with gzip -9 and brotli -q 11 (the server sends them uncompressed on loopback). KB = 1,000 bytes.", "");
  L.push("| page | set | file | raw KB | gzip KB | brotli KB |", "|---|---|---|---|---|---|");
  for (const { page, set, files } of transfer) {
    let raw = 0, gz = 0, br = 0;
    for (const [path, s] of files) {
      raw += s.raw; gz += s.gzip; br += s.brotli;
      if (set === "real") L.push(`| ${name[page]} | ${set} | \`${path}\` | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
    }
    L.push(`| **${name[page]}** | **${SETS[set].label}** | **total** | **${kb(raw)}** | **${kb(gz)}** | **${kb(br)}** |`);
  }
  L.push("");
  metric("Time to map (ms)", "timeToMap", ms, "Navigation start → a `performance.mark` when the last layer is on the map, then the next painted frame (`requestAnimationFrame` + `setTimeout 0`).");
  metric(`Sector toggle (ms)`, "toggle", ms, `Click on the "${TOGGLE_SECTOR}" sector's checkbox → the next painted frame; each run's value is the median of ${TOGGLES} toggles (off, on, …).`);
  metric("JS heap after load (MB)", "heap", mb, "`performance.memory.usedJSHeapSize` (Chromium, with `--enable-precise-memory-info`) after a forced garbage collection. MB = 2^20 bytes.");
  L.push("## WebAssembly memory after load (MB)", "", "Our module's linear memory (`memory.buffer.byteLength`); the peers have none.", "");
  L.push("| set | Atlas |", "|---|---|");
  for (const set of o.sets) if (results.ours?.[set]) L.push(`| ${SETS[set].label} | ${show(summary(results.ours[set], "wasm"), mb)} |`);
  L.push("");
  return L.join("\n");
}

// ---------------------------------------------------------------- main

/** A cell's files, from its first run that loaded any, with their compressed sizes; null if none did. */
function transferOf(results, kind, set) {
  const loaded = results[kind]?.[set]?.find((r) => r.files?.length);
  return loaded ? { page: kind, set, files: loaded.files.map(([path, file]) => [path, sizesOf(file)]) } : null;
}

/** --report-only: BENCHMARKS.md again from target/bench/results.json. */
function reportOnly(o) {
  const results = JSON.parse(readFileSync(join(WORK, "results.json"), "utf8"));
  // The run's settings, not this command's defaults (older files lack them).
  const { runs = o.runs, timeout = o.timeout, toggleBudget = o.toggleBudget } = results.meta ?? {};
  o = { ...o, runs, timeout, toggleBudget };
  const transfer = [];
  for (const set of o.sets) {
    for (const kind of o.pages) {
      const cell = transferOf(results, kind, set);
      if (cell) transfer.push(cell);
    }
  }
  writeFileSync(resolve(ROOT, o.out), report(o, results, transfer) + "\n");
  console.error(`wrote ${o.out}`);
}

async function main() {
  const o = options(process.argv.slice(2));
  if (o.reportOnly) return reportOnly(o);
  if (o.build && o.pages.includes("ours")) run(join(ROOT, "dev"), ["build"]);
  const files = makeData(o.sets);
  const servers = {};
  const cleanup = [];
  try {
    if (o.pages.includes("ours")) servers.ours = await serve({ "/bench-data/": DATA, "/": join(ROOT, "dist") });
    if (o.pages.includes("vanilla")) {
      servers.vanilla = await serve({ "/vendor/leaflet/": join(ROOT, "node_modules", "leaflet", "dist"), "/bench-data/": DATA, "/": join(ROOT, "bench", "vanilla") });
    }
    if (o.pages.includes("folium")) {
      servers.folium = {};
      for (const [set, dir] of Object.entries(makeFoliumPages(files))) servers.folium[set] = await serve({ "/": dir });
    }
    for (const s of Object.values(servers)) cleanup.push(...(s.close ? [s] : Object.values(s)));

    // --resume: keep the cells an interrupted run finished (same build).
    const saved = join(WORK, "results.json");
    const results = o.resume && existsSync(saved) ? JSON.parse(readFileSync(saved, "utf8")) : { meta: buildInfo(o) };
    const transfer = [];
    for (const set of o.sets) {
      for (const kind of o.pages) {
        const spec = pageSpec(kind, set, servers);
        const server = kind === "folium" ? servers.folium[set] : servers[kind];
        results[kind] ??= {};
        if (!(o.resume && results[kind][set]?.length >= o.runs)) results[kind][set] = [];
        for (let r = results[kind][set].length; r < o.runs; r++) {
          let m;
          try {
            m = await measure(spec, server, o);
          } catch (e) {
            // One broken run is reported, not fatal to the others.
            m = { failed: String(e.message ?? e).split("\n")[0], files: [] };
          }
          results[kind][set].push(m);
          writeFileSync(join(WORK, "results.json"), JSON.stringify(results, null, 1));
          console.error(m.failed
            ? `${kind} ${set} run ${r + 1}/${o.runs}: failed: ${m.failed}`
            : m.timedOut
            ? `${kind} ${set} run ${r + 1}/${o.runs}: not drawn within ${o.timeout} s`
            : `${kind} ${set} run ${r + 1}/${o.runs}: map ${ms(m.timeToMap)} ms, toggle ${ms(m.toggle)} ms (${m.toggles} toggles), heap ${mb(m.heap)} MB, wasm ${mb(m.wasm)} MB`);
        }
        // Sizes now: a later build may replace the files.
        transfer.push(transferOf(results, kind, set) ?? { page: kind, set, files: [] });
      }
    }
    writeFileSync(resolve(ROOT, o.out), report(o, results, transfer) + "\n");
    writeFileSync(join(WORK, "results.json"), JSON.stringify(results, null, 1));
    console.error(`wrote ${o.out}`);
  } finally {
    for (const s of cleanup) await s.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
