// Browser suite for bounded input: a ?data= link is read at most up to the
// import limit (64 MiB) and for at most 60 seconds, whatever the server
// does; the newest of several imports wins; a link to another server is
// asked about, naming the server, before anything is requested; an
// imported layer names where it came from.
//
// The suite's own server answers /test/... with misbehaving routes and
// records what each request saw (was it cut off by the browser?). Other
// servers (https://data.example.org) are Playwright routes that count
// requests; every other non-local request is blocked by the harness.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  SCREENSHOTS, afterFrames, mapSiteIds, openPage, queryOf, readFeatures, useBrowserAndServer, waitForAtlas,
} from "./harness.mjs";

const DIST = resolve(process.env.DIST ?? "dist");
const LIMIT = 64 * 1024 * 1024;
const TOO_LARGE = (size) =>
  new RegExp(`was not loaded: it is ${size} bytes; the limit is ${LIMIT} bytes \\(64 MiB\\)\\.`);

/** What the server saw of each /test/ request, by path. */
const seen = {};
const record = (path) => (seen[path] ??= { requests: 0, closedEarly: false, sent: 0, answered: false, at: 0 });

const SMALL = JSON.stringify({
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { name: "Linked A" }, geometry: { type: "Point", coordinates: [69.2, 41.3] } },
    { type: "Feature", properties: { name: "Linked B" }, geometry: { type: "Point", coordinates: [76.9, 43.2] } },
  ],
});

/** Misbehaving servers, for the suite's own origin. */
function routes(req, res) {
  const path = new URL(req.url, "http://x").pathname;
  if (!path.startsWith("/test/")) return false;
  const entry = record(path);
  entry.requests += 1;
  entry.at = Date.now();
  res.on("close", () => { if (!res.writableFinished) entry.closedEarly = true; });
  if (path.startsWith("/test/endless")) {
    // A body that never ends, as fast as the browser takes it.
    res.writeHead(200, { "content-type": "application/geo+json" });
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed) {
        entry.sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
    };
    pump();
  } else if (path.startsWith("/test/huge")) {
    // Announces 100 MiB, sends a byte, then holds the connection.
    res.writeHead(200, { "content-type": "application/geo+json", "content-length": String(100 * 1024 * 1024) });
    res.write("{");
  } else if (path.startsWith("/test/silent")) {
    // Never answers.
  } else if (path.startsWith("/test/slow/")) {
    // /test/slow/<ms>/name.geojson: a valid file after <ms>.
    const ms = Number(path.split("/")[3]);
    setTimeout(() => {
      if (res.destroyed) return;
      entry.answered = true;
      res.writeHead(200, { "content-type": "application/geo+json" });
      res.end(SMALL);
    }, ms);
  } else if (path.startsWith("/test/redirect")) {
    res.writeHead(302, { location: "https://data.example.org/redirected.geojson" });
    res.end();
  } else {
    res.writeHead(404);
    res.end();
  }
  return true;
}

const suite = useBrowserAndServer(DIST, { routes });

const statusOf = (page) => page.locator("#import-status").textContent();
const waitStatus = (page, pattern, timeout = 10_000) =>
  page.waitForFunction(
    ([source, flags]) => new RegExp(source, flags).test(document.querySelector("#import-status")?.textContent ?? ""),
    [pattern.source, pattern.flags],
    { timeout },
  );

/** Opens `query` on the suite's server, with `setup(context)` done first. */
async function openWith(query, setup) {
  const handle = await openPage(suite.browser, "about:blank");
  await setup?.(handle.context, handle.page);
  await handle.page.goto(`${suite.server.url}${query}`);
  await waitForAtlas(handle.page);
  return handle;
}

/** The atlas still works: every site drawn, and a sector filter hides its own. */
async function assertAtlasWorks(page) {
  const features = await readFeatures();
  assert.deepEqual(await mapSiteIds(page), features.map((f) => f.properties.id).sort(), "every site is on the map");
  await page.locator("#tab-filters").click();
  await page.locator("#sector-security").uncheck();
  const others = features.filter((f) => f.properties.sector !== "security").map((f) => f.properties.id).sort();
  await page.waitForFunction((n) => [...document.querySelectorAll(".leaflet-container .atlas-site")].filter((el) => el.checkVisibility({ visibilityProperty: true })).length === n, others.length);
  assert.deepEqual(await mapSiteIds(page), others, "the filter still works");
  await page.locator("#sector-security").check();
  assert.equal(await page.locator(".crash").count(), 0, "no panic");
}

describe("a ?data= link is bounded", () => {
  test("a server that streams without end: reading stops at the limit with the size message, and the atlas keeps working", async () => {
    const path = "/test/endless.geojson";
    const { page, context, pageErrors } = await openWith(`?data=${encodeURIComponent(path.slice(1))}`);
    try {
      await waitStatus(page, /was not loaded: it is more than \d+ bytes; the limit is \d+ bytes \(64 MiB\)\./, 60_000);
      const status = await statusOf(page);
      assert.match(status, new RegExp(`^The data at 127\\.0\\.0\\.1:\\d+${path.replace(/\./g, "\\.")} was not loaded: it is more than ${LIMIT} bytes; the limit is ${LIMIT} bytes \\(64 MiB\\)\\.`));
      assert.equal(await page.locator("#import-status").getAttribute("class"), "import-status import-failed");
      // The browser cancelled the body: the server's response was cut off,
      // and it had sent a little more than the limit, not without end.
      await until(() => seen[path].closedEarly, "the server saw the stream cancelled");
      const sent = seen[path].sent;
      await sleep(500);
      assert.equal(seen[path].sent, sent, "nothing more is sent");
      assert.ok(sent >= LIMIT && sent < LIMIT + 64 * 1024 * 1024, `sent ${sent} bytes`);
      assert.equal(await page.locator(".imported-entry").count(), 0, "no layer");
      await assertAtlasWorks(page);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a Content-Length over the limit is refused at once, in the file's words; a file over the limit too", async () => {
    const path = "/test/huge.geojson";
    const { page, context, pageErrors } = await openWith(`?data=${encodeURIComponent(path.slice(1))}`);
    try {
      // At once: the server sends one byte and then nothing.
      await waitStatus(page, TOO_LARGE(100 * 1024 * 1024), 5_000);
      assert.match(await statusOf(page), /^The data at 127\.0\.0\.1:\d+\/test\/huge\.geojson was not loaded: it is 104857600 bytes/);
      await until(() => seen[path].closedEarly, "the server saw the request end");
      // The file path says the same of a file one byte too large.
      await page.evaluate((size) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(size)], "big.geojson", { type: "application/geo+json" }));
        for (const type of ["dragenter", "dragover", "drop"]) {
          document.querySelector(".map").dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
      }, LIMIT + 1);
      await waitStatus(page, /^big\.geojson was not loaded/);
      assert.match(await statusOf(page), TOO_LARGE(LIMIT + 1));
      await assertAtlasWorks(page);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a server that never answers: the link gives up after 60 seconds, stopping the request", async () => {
    // The page's clock is Playwright's: it runs as usual, and jumps 60
    // seconds ahead on request, so the app's own time limit is what fires.
    const path = "/test/silent.geojson";
    const { page, context, pageErrors } = await openWith(`?data=${encodeURIComponent(path.slice(1))}`, (ctx, p) => p.clock.install());
    try {
      await waitStatus(page, /^Fetching 127\.0\.0\.1:\d+\/test\/silent\.geojson…$/);
      await until(() => seen[path]?.requests === 1, "the server got the request");
      await sleep(300);
      assert.match(await statusOf(page), /^Fetching/, "still waiting before the limit");
      // The page's clock runs as the test's does until it is moved on. The
      // page may have been busy building its map for a second or more since
      // it set its limit, so the time is counted from when the server got
      // the request, which comes a little after (once the import worker has
      // started): 58 seconds after it, the limit has not passed.
      await page.clock.fastForward(58_000 - (Date.now() - seen[path].at));
      await afterFrames(page);
      assert.match(await statusOf(page), /^Fetching/, "still waiting 58 seconds after the request");
      await page.clock.fastForward(3_000);
      await waitStatus(page, /was not loaded: no complete answer came within 60 seconds\./);
      await until(() => seen[path].closedEarly, "the browser dropped the request");
      assert.equal(await page.locator(".imported-entry").count(), 0);
      await assertAtlasWorks(page);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});

describe("the newest import wins", () => {
  test("a slow link, then a file: the file stays, and the link's request is stopped", async () => {
    const path = "/test/slow/1500/first.geojson";
    const { page, context, pageErrors } = await openWith(`?data=${encodeURIComponent(path.slice(1))}`);
    try {
      await waitStatus(page, /^Fetching /);
      await page.locator("#tab-filters").click();
      await page.setInputFiles("#import-file", { name: "second.geojson", mimeType: "application/geo+json", buffer: Buffer.from(SMALL) });
      await waitStatus(page, /^Loaded 2 features from second\.geojson/);
      // Past the time the link would have answered.
      await sleep(2_000);
      assert.equal(await page.locator(".imported-entry .legend-label").innerText(), "second.geojson");
      assert.match(await statusOf(page), /^Loaded 2 features from second\.geojson/);
      assert.equal((await queryOf(page)).data, undefined, "the address does not claim the link's data");
      assert.equal(seen[path].answered, false, "the link's request was stopped before its answer");
      assert.equal(seen[path].closedEarly, true);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a large file still being checked, then a small one: the small one stays", async () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const big = JSON.stringify({
      type: "FeatureCollection",
      features: Array.from({ length: 40_000 }, (_, i) => ({
        type: "Feature",
        properties: { name: `Big ${i}` },
        geometry: { type: "Point", coordinates: [50 + rand() * 40, 36 + rand() * 16] },
      })),
    });
    const { page, context, pageErrors } = await openWith("");
    try {
      await page.locator("#tab-filters").click();
      const pick = (name, text) => page.setInputFiles("#import-file", { name, mimeType: "application/geo+json", buffer: Buffer.from(text) });
      // How long the big file takes alone.
      const started = Date.now();
      await pick("big.geojson", big);
      await waitStatus(page, /^(Loaded|Drawing) 40,000 features from big\.geojson/, 60_000);
      const alone = Date.now() - started;
      await page.locator("#imported-remove").click();
      // Now the big one again, and the moment its first slice is checked
      // (the page then waits a tick before the next), a small one is
      // dropped: the big one is still far from done.
      await page.evaluate((small) => {
        window.__statuses = [];
        const status = document.querySelector("#import-status");
        let dropped = false;
        new MutationObserver(() => {
          const text = status.textContent;
          window.__statuses.push(text);
          if (dropped || !/^Checked 5,000 of 40,000 features in big\.geojson/.test(text)) return;
          dropped = true;
          const transfer = new DataTransfer();
          transfer.items.add(new File([small], "small.geojson", { type: "application/geo+json" }));
          for (const type of ["dragenter", "dragover", "drop"]) {
            document.querySelector(".map").dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
          }
        }).observe(status, { childList: true, characterData: true, subtree: true });
      }, SMALL);
      await pick("big.geojson", big);
      await waitStatus(page, /^Loaded 2 features from small\.geojson/, 30_000);
      await sleep(Math.max(2 * alone, 1_000));
      assert.equal(await page.locator(".imported-entry .legend-label").innerText(), "small.geojson");
      assert.equal(await page.locator(".imported-entry .legend-count").innerText(), "2");
      const statuses = await page.evaluate(() => window.__statuses);
      const small = statuses.findIndex((s) => s.includes("small.geojson"));
      const before = statuses.slice(0, small);
      assert.ok(small > 0 && before.some((s) => s.startsWith("Checked 5,000 of 40,000")), "the big file was being checked");
      assert.ok(!before.some((s) => s.includes("40,000 features from big")), "the small file came before the big one was done");
      const late = statuses.slice(small).filter((s) => s.includes("big.geojson"));
      assert.deepEqual(late, [], "no word of the big file after the small one started");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});

describe("a link to another server", () => {
  const OTHER = "https://data.example.org/layers/roads.geojson";

  /** Serves OTHER (with CORS) and counts the requests for it. */
  function serveOther(counter) {
    return (ctx) => ctx.route("https://data.example.org/**", (route) => {
      counter.requests.push(route.request().url());
      return route.fulfill({
        status: 200,
        contentType: "application/geo+json",
        headers: { "access-control-allow-origin": "*" },
        body: SMALL,
      });
    });
  }

  test("asks first, naming the server, and requests nothing until Load; then loads and names its source", async () => {
    const other = { requests: [] };
    const { page, context, pageErrors, blocked } = await openWith(`?data=${encodeURIComponent(OTHER)}&country=KZ`, serveOther(other));
    try {
      const question = page.locator("#link-question");
      await question.waitFor();
      assert.equal(await page.locator("#link-question-text").innerText(), "This link wants to load data from data.example.org. Load it?");
      assert.equal(await question.locator(".link-question-host").innerText(), "data.example.org");
      assert.equal(await question.locator(".link-question-address").innerText(), "data.example.org/layers/roads.geojson");
      await afterFrames(page);
      await sleep(500);
      assert.deepEqual(other.requests, [], "nothing was requested before the user agreed");
      assert.deepEqual(blocked, []);
      assert.equal(await page.locator(".imported-entry").count(), 0);
      assert.equal((await queryOf(page)).data, OTHER, "the address keeps the link while it is asked about");
      await page.screenshot({ path: join(SCREENSHOTS, "link-question.png") });

      await page.locator("#link-question-load").click();
      await waitStatus(page, /^Loaded 2 features from data\.example\.org\/layers\/roads\.geojson\./);
      assert.deepEqual(other.requests, [OTHER], "one request, once agreed");
      assert.equal(await question.count(), 0, "the question is gone");
      // Where it came from, in the legend entry and in a feature's details.
      assert.equal(await page.locator(".imported-entry .legend-label").innerText(), "data.example.org/layers/roads.geojson");
      await page.locator("#tab-list").click();
      await page.locator(".imported-item").first().click();
      assert.equal(await page.locator(".details-imported .details-source").innerText(), "From your data: data.example.org/layers/roads.geojson");
      const query = await queryOf(page);
      assert.equal(query.data, OTHER);
      assert.equal(query.country, "KZ", "the rest of the link is kept");
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("Don't load: nothing is requested, no layer, and the address drops the link", async () => {
    const other = { requests: [] };
    const { page, context, pageErrors } = await openWith(`?data=${encodeURIComponent(OTHER)}`, serveOther(other));
    try {
      await page.locator("#link-question").waitFor();
      await page.locator("#link-question-skip").click();
      assert.equal(await page.locator("#link-question").count(), 0);
      await sleep(500);
      assert.deepEqual(other.requests, []);
      assert.equal(await page.locator(".imported-entry").count(), 0);
      assert.equal((await queryOf(page)).data, undefined);
      await assertAtlasWorks(page);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a link to the atlas's own server that redirects to another is not followed there; other schemes are refused as text", async () => {
    const other = { requests: [] };
    // Playwright's routes do not see a redirect's target (a followed one
    // goes to the real network), so the page's request events are watched.
    const elsewhere = [];
    const { page, context, pageErrors, blocked } = await openWith("?data=test%2Fredirect.geojson", (ctx, p) => {
      p.on("request", (r) => { if (r.url().startsWith("https://data.example.org/")) elsewhere.push({ url: r.url(), from: r.redirectedFrom()?.url() }); });
      p.on("requestfailed", (r) => { if (r.url().startsWith("https://data.example.org/")) elsewhere.push({ url: r.url(), error: r.failure()?.errorText }); });
      return serveOther(other)(ctx);
    });
    try {
      await waitStatus(page, /^The data at 127\.0\.0\.1:\d+\/test\/redirect\.geojson was not loaded: the request failed/);
      assert.equal(await page.locator("#link-question").count(), 0, "same origin: not asked");
      assert.equal(seen["/test/redirect.geojson"].requests, 1);
      // Chromium stops the redirect before the network (ERR_ABORTED); a
      // followed one would be "redirected from" the atlas's server.
      assert.ok(elsewhere.every((r) => r.from === undefined && (r.error === undefined || r.error === "net::ERR_ABORTED")),
        `the redirect to another server was not followed: ${JSON.stringify(elsewhere)}`);
      assert.deepEqual(other.requests, [], "the other server got no request");
      assert.deepEqual(blocked, []);
      // A script address with markup is refused and shown as text.
      await page.evaluate(() => { window.__xss = 0; window.alert = () => { window.__xss += 1; }; });
      const hostile = "javascript:alert(1)//<img src=x onerror=alert(2)>";
      await page.goto(`${suite.server.url}?data=${encodeURIComponent(hostile)}`);
      await waitForAtlas(page);
      await waitStatus(page, /only http and https addresses can be loaded, not javascript:/);
      assert.ok((await statusOf(page)).includes(hostile), "the link's text, verbatim");
      assert.equal(await page.locator("#import-status img").count(), 0, "as text, not markup");
      assert.equal(await page.locator("#link-question").count(), 0);
      // Another server over plain http is refused without asking.
      await page.goto(`${suite.server.url}?data=${encodeURIComponent("http://data.example.org/a.geojson")}`);
      await waitForAtlas(page);
      await waitStatus(page, /was not loaded: data from another server must come over https/);
      assert.deepEqual(other.requests, []);
      assert.deepEqual(blocked, []);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});

/** Polls a condition in the test process (server-side records). */
async function until(fn, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}
