// Trunk post-build hook, run on the staged dist/ before Trunk publishes it:
//
// 1. Hashed names for the first-map bundle. Trunk builds it as a "worker"
//    (built, not loaded), and workers keep their plain names; a host that
//    caches by name would then mix an old first map with a new app. The
//    files get the same kind of content-hash names as the rest, and
//    index.html follows.
//    The import worker (the third bundle, built as a worker too) gets
//    hashed names as well, and its start-up script is written from
//    tools/import-worker.js, its address put in index.html's <meta
//    name="atlas-import-worker"> for the app to start it by.
// 2. Subresource integrity for what the start-up script loads (below).
// 3. The Content-Security-Policy allows each inline <script> by its
//    SHA-256, in place of the placeholder 'sha256-TRUNK_INLINE_SCRIPTS'
//    (after the page's comments are taken out). The
//    inline scripts (the start-up script from Trunk.toml, the import map)
//    name hashed files, so their hashes are only known now.
// 3b. The service worker, written from tools/sw.js with this build's files.
// 4. Precompressed copies for hosts that serve them (nginx gzip_static /
//    brotli_static, Caddy precompressed): X.gz (gzip -9) and X.br (brotli
//    quality 11) beside every text, script, style and wasm file.
//
// Fails the build when something it expects is missing, so a page with a
// broken policy or a missing bundle never ships.
import { createHash } from "node:crypto";
import { readFile, readdir, rename, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const indexFile = join(dir, "index.html");
let html = await readFile(indexFile, "utf8");

// 1. Hashed first-map names.
const hashOf = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
const wasm = await readFile(join(dir, "first-map_bg.wasm"));
const js = await readFile(join(dir, "first-map.js"));
const stem = `first-map-${hashOf(Buffer.concat([js, wasm]))}`;
for (const [from, to] of [["first-map_bg.wasm", `${stem}_bg.wasm`], ["first-map.js", `${stem}.js`]]) {
  if (!html.includes(from)) throw new Error(`${indexFile} does not name ${from}`);
  await rename(join(dir, from), join(dir, to));
  html = html.replaceAll(from, to);
}

// 1b. The import worker: hashed glue and wasm, and its start-up script,
//     which fetches the wasm with its integrity (a worker's own script
//     cannot carry it: see tools/import-worker.js).
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
{
  const glue = await readFile(join(dir, "import-worker.js"));
  const wasm = await readFile(join(dir, "import-worker_bg.wasm"));
  const hash = hashOf(Buffer.concat([glue, wasm]));
  const glueName = `import-worker-glue-${hash}.js`;
  const wasmName = `import-worker-${hash}_bg.wasm`;
  await rename(join(dir, "import-worker.js"), join(dir, glueName));
  await rename(join(dir, "import-worker_bg.wasm"), join(dir, wasmName));
  const template = await readFile(new URL("./import-worker.js", import.meta.url), "utf8");
  const boot = template
    .replace("__WASM__", wasmName)
    .replace("__WASM_INTEGRITY__", sri(wasm))
    .replace("__GLUE__", glueName);
  if (/__[A-Z_]+__/.test(boot)) throw new Error("tools/import-worker.js has a placeholder left");
  const bootName = `import-worker-${hashOf(Buffer.from(boot))}.js`;
  await writeFile(join(dir, bootName), boot);
  const WORKER_PLACEHOLDER = "__ATLAS_IMPORT_WORKER__";
  if (!html.includes(WORKER_PLACEHOLDER)) throw new Error(`${indexFile} has no ${WORKER_PLACEHOLDER}`);
  html = html.replace(WORKER_PLACEHOLDER, bootName);
}

// 1c. Files loaded later by name from a <meta> (each named by placeholders
//     in index.html): a hashed name, and that name and its integrity put in.
//     html-to-image, for the map picture (<meta name="atlas-picture-script">),
//     and the app's own stylesheet, assets/app.css, added by the start-up
//     script when it loads the app (<meta name="atlas-app-style">).
for (const [file, stem, ext, namePlaceholder, integrityPlaceholder] of [
  ["html-to-image.js", "html-to-image", "js", "__ATLAS_PICTURE_SCRIPT__", "__ATLAS_PICTURE_INTEGRITY__"],
  ["app.css", "app", "css", "__ATLAS_APP_STYLE__", "__ATLAS_APP_STYLE_INTEGRITY__"],
]) {
  const bytes = await readFile(join(dir, file));
  const name = `${stem}-${hashOf(bytes)}.${ext}`;
  await rename(join(dir, file), join(dir, name));
  for (const [placeholder, value] of [[namePlaceholder, name], [integrityPlaceholder, sri(bytes)]]) {
    if (!html.includes(placeholder)) throw new Error(`${indexFile} has no ${placeholder}`);
    html = html.replace(placeholder, value);
  }
}

// 2. Subresource integrity. Trunk adds it to the tags it writes, but both
//    bundles are loaded by the start-up script: the scripts by `import`,
//    checked through an import map's "integrity"; the wasm by `fetch` with
//    the `integrity` option, its hash put in for __ATLAS_WASM_INTEGRITY__.
const named = (pattern) => {
  const found = html.match(pattern)?.[0];
  if (!found) throw new Error(`${indexFile} names no file like ${pattern}`);
  return found;
};
const scripts = [named(/\/first-map-[0-9a-f]+\.js/), named(/\/cca-atlas-[0-9a-f]+\.js/)];
const wasms = [named(/\/first-map-[0-9a-f]+_bg\.wasm/), named(/\/cca-atlas-[0-9a-f]+_bg\.wasm/)];
const integrity = {};
for (const url of [...scripts, ...wasms]) integrity[url] = sri(await readFile(join(dir, url)));
const WASM_PLACEHOLDER = "__ATLAS_WASM_INTEGRITY__";
if (!html.includes(WASM_PLACEHOLDER)) throw new Error(`${indexFile} has no ${WASM_PLACEHOLDER}`);
html = html.replace(WASM_PLACEHOLDER, JSON.stringify(Object.fromEntries(wasms.map((u) => [u, integrity[u]]))));
const importMap = { integrity: Object.fromEntries(scripts.map((u) => [u, integrity[u]])) };
let preloads = 0;
html = html.replace(/<link rel="(?:modulepreload|preload)" href="([^"]+)"/g, (tag, url) => {
  if (!integrity[url]) return tag; // the data files: not code, and edited by hand
  preloads++;
  return `${tag} integrity="${integrity[url]}"`;
});
if (preloads !== 2) throw new Error(`${indexFile}: expected the first map's two preloads, found ${preloads}`);
// Trunk appends the preloads at the end of <head>. They become a script at
// the top of <head> that adds them at once, unless the link has ?data=: such
// a link loads the app alone, and the first map's ~160 KB would only compete
// with it for the connection.
const preloadTags = html.match(/<link rel="(?:modulepreload|preload)" href="\/first-map-[^>]*>/g) ?? [];
for (const tag of preloadTags) html = html.replace(tag, "");
const attributesOf = (tag) => Object.fromEntries([...tag.matchAll(/ ([a-z]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const firstMapPreloads = preloadTags.map(attributesOf);
if (firstMapPreloads.length !== 2) throw new Error(`${indexFile}: expected the first map's two preloads`);
const preloadScript = `<script>
if (!new URLSearchParams(location.search).has("data")) {
  for (const a of ${JSON.stringify(firstMapPreloads)}) {
    const link = document.createElement("link");
    for (const [name, value] of Object.entries(a)) link.setAttribute(name, value);
    document.head.appendChild(link);
  }
}
</script>`;
preloadTags.length = 0;
preloadTags.push(preloadScript);
const firstStylesheet = html.indexOf('<link rel="stylesheet"');
if (firstStylesheet < 0) throw new Error(`${indexFile} has no stylesheet to put the preloads before`);
// Leaflet is a deferred script, which Chromium fetches at low priority and,
// over HTTP/1.1, only once a connection is free: the first map cannot start
// without it, so it is preloaded with them, under the integrity of its tag.
const leaflet = html.match(/<script src="(\/leaflet-[0-9a-f]+\.js)" defer integrity="([^"]+)"/);
if (!leaflet) throw new Error(`${indexFile} has no deferred Leaflet script to preload`);
preloadTags.push(`<link rel="preload" href="${leaflet[1]}" as="script" integrity="${leaflet[2]}">`);
// The import map must come before any module is loaded, preloads included.
const head = [`<script type="importmap">${JSON.stringify(importMap)}</script>`, ...preloadTags];
html = `${html.slice(0, firstStylesheet)}${head.join("\n  ")}\n  ${html.slice(firstStylesheet)}`;

// 3. The policy. First the comments go: index.html's and the inline
//    scripts' are for whoever reads the source, not for every visitor's
//    first load (the scripts' hashes are taken after).
html = html.replace(/<!--[\s\S]*?-->[ \t]*\n?/g, "");
html = html.replace(/(<script(?![^>]*\bsrc=)[^>]*>)([\s\S]*?)(<\/script>)/g,
  (_, open, body, close) => open + body.replace(/^[ \t]*\/\/.*\n/gm, "") + close);
const PLACEHOLDER = "'sha256-TRUNK_INLINE_SCRIPTS'";
if (!html.includes(PLACEHOLDER)) throw new Error(`${indexFile} has no ${PLACEHOLDER} in its policy`);
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length === 0) throw new Error(`${indexFile} has no inline script to allow`);
const hashes = inline.map((text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
html = html.replace(PLACEHOLDER, hashes.join(" "));
await writeFile(indexFile, html);

// 3b. The service worker (tools/sw.js): every file of this build, named
//     relative to the page, and a version made from their names and bytes,
//     so any change to the build is a new worker.
{
  const list = [];
  async function walk(folder, prefix) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (!/\.(gz|br|md)$/.test(entry.name) && entry.name !== "sw.js") list.push(`${prefix}${entry.name}`);
    }
  }
  await walk(dir, "");
  list.sort();
  const version = createHash("sha256");
  for (const name of list) version.update(name).update(await readFile(join(dir, name)));
  const template = await readFile(new URL("./sw.js", import.meta.url), "utf8");
  const worker = template.replace("__VERSION__", version.digest("hex").slice(0, 16)).replace("__FILES__", JSON.stringify(list));
  if (/__[A-Z]+__/.test(worker)) throw new Error("tools/sw.js has a placeholder left");
  await writeFile(join(dir, "sw.js"), worker);
}

// 4. Precompressed copies.
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".wasm", ".geojson", ".json", ".svg", ".txt"]);
async function* files(folder) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.has(extname(entry.name))) yield path;
  }
}
let count = 0;
for await (const path of files(dir)) {
  const bytes = await readFile(path);
  await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  await writeFile(
    `${path}.br`,
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  );
  count++;
}
console.log(`postbuild: ${stem}, ${hashes.length} inline script(s) allowed, ${count} files precompressed`);
