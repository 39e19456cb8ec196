#!/usr/bin/env python3
"""Build the Folium peer page of the benchmark.

    bench/.venv/bin/python bench/folium/make_page.py DATA.geojson OUT_DIR

reads a GeoJSON FeatureCollection whose features carry `properties.sector`
and writes

    OUT_DIR/index.html      the page exactly as Folium renders it: one
                            FeatureGroup (holding one default GeoJson layer
                            with a GeoJsonPopup of the feature's name) per
                            sector, plus an expanded LayerControl;
    OUT_DIR/vendor/...      local copies of the JS/CSS files the page loads,
                            taken from npm packages in node_modules, so the
                            page needs no network at all;
    OUT_DIR/rewrites.json   every external URL Folium put in the page and
                            the local file it now points to (null: dropped).

Only two things are changed in Folium's output: the external <script>/<link>
URLs are pointed at the local copies (or the tag is dropped, with a warning,
where no npm package has the file), and one small script is appended after
Folium's own scripts.  It sets the performance marks "bench:layers-added" and,
once a frame has been painted, "bench:drawn" plus `window.__benchDrawn = true`.

Uses the Python standard library and folium only.
"""

import argparse
import json
import re
import shutil
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import folium

# The repository's node_modules: this file is bench/folium/make_page.py.
DEFAULT_NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"

# Appended after the last of Folium's scripts.  Folium's scripts are classic
# inline/blocking scripts, so when this one runs every layer has been added to
# the map; the rAF + setTimeout pair waits for the next frame to be painted.
BENCH_MARK_SCRIPT = (
    '<script>performance.mark("bench:layers-added");'
    "requestAnimationFrame(function(){setTimeout(function(){"
    'performance.mark("bench:drawn");window.__benchDrawn=true;},0);});</script>'
)

# How an external URL maps to a file of an npm package.  Each rule is a regex
# on the URL and a function of its match giving (package name, exact version,
# path inside the package).
CDN_RULES = [
    # jsDelivr's npm mirror: .../npm/<name>@<version>/<path>, the package as is.
    (
        re.compile(
            r"^https://cdn\.jsdelivr\.net/npm/"
            r"(?P<name>(?:@[^/@]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<path>[^?#]+)$"
        ),
        lambda m: (m["name"], m["version"], m["path"]),
    ),
    # jQuery's own CDN serves the files of the npm package's dist/ folder.
    (
        re.compile(
            r"^https://code\.jquery\.com/jquery-(?P<version>\d+\.\d+\.\d+)(?P<min>\.min)?\.js$"
        ),
        lambda m: ("jquery", m["version"], f"dist/jquery{m['min'] or ''}.js"),
    ),
    # cdnjs's Leaflet.awesome-markers: the npm package
    # drmonty-leaflet-awesome-markers holds the same release, with the .js
    # files in js/ and the .css in css/ (its images in css/images/, beside
    # the CSS as on cdnjs).
    (
        re.compile(
            r"^https://cdnjs\.cloudflare\.com/ajax/libs/Leaflet\.awesome-markers/"
            r"(?P<version>[^/]+)/(?P<file>[^/?#]+\.(?P<ext>js|css))$"
        ),
        lambda m: ("drmonty-leaflet-awesome-markers", m["version"], f"{m['ext']}/{m['file']}"),
    ),
]

# URLs that no npm package provides: their tags are removed, with a warning.
# Neither is used by this page (both only style AwesomeMarkers icons).
NO_NPM_EQUIVALENT = [
    (
        re.compile(r"^https://netdna\.bootstrapcdn\.com/bootstrap/3\.0\.0/css/bootstrap-glyphicons\.css$"),
        "Bootstrap 3.0.0 is not on the npm registry and this stand-alone "
        "glyphicons stylesheet exists only on that CDN; it only serves "
        "AwesomeMarkers icons with prefix='glyphicon'",
    ),
    (
        re.compile(
            r"^https://cdn\.jsdelivr\.net/gh/python-visualization/folium/"
            r"[^?#]*/leaflet\.awesome\.rotate\.min\.css$"
        ),
        "a file of Folium's GitHub repository, in no npm package (nor in the "
        "folium wheel); it only rotates AwesomeMarkers icons",
    ),
]

URL_RE = re.compile(r"""https?://[^\s"'<>\\()]+""")
CSS_REF_RE = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def fail(message):
    sys.exit(f"make_page.py: error: {message}")


def warn(message):
    print(f"make_page.py: warning: {message}", file=sys.stderr)


# --------------------------------------------------------------------------
# 1. The Folium map
# --------------------------------------------------------------------------


def group_by_sector(collection):
    """Return {sector: [features...]} in sorted sector order."""
    if collection.get("type") != "FeatureCollection":
        fail("the data must be a GeoJSON FeatureCollection")
    groups = {}
    for index, feature in enumerate(collection.get("features", [])):
        sector = (feature.get("properties") or {}).get("sector")
        if sector is None:
            fail(f"feature #{index} has no properties.sector")
        groups.setdefault(str(sector), []).append(feature)
    return {sector: groups[sector] for sector in sorted(groups)}


def build_map(groups):
    """The map a Folium user gets with default styling: one layer per sector,
    a popup with each feature's name.

    Returns the map and the GeoJson layers (to find their data in the page).
    """
    m = folium.Map(location=[42.0, 70.0], zoom_start=5, tiles=None)
    layers = []
    for sector, features in groups.items():
        fg = folium.FeatureGroup(name=sector, show=True)
        # A popup naming each feature, as the other peers have (and as the
        # time-to-interactive measure clicks for).
        layer = folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name=sector,
            popup=folium.GeoJsonPopup(fields=["name"], labels=False),
        )
        layer.add_to(fg)
        fg.add_to(m)
        layers.append(layer)
    folium.LayerControl(collapsed=False).add_to(m)
    return m, layers


# --------------------------------------------------------------------------
# 2. Finding the page's external resources
# --------------------------------------------------------------------------


class TagScanner(HTMLParser):
    """Records, with their offsets in the text, every tag that has a src or
    href attribute and every <script> element."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.text = text
        # Offsets of line starts, to turn getpos()'s (line, column) into an offset.
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.links = []  # dicts: tag, url, start, end (of the start tag), element_end
        self.scripts = []  # dicts: attrs, start, end (of the whole element)
        self._open_script = None
        self._open_link = None

    def text_offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self.text_offset()
        end = start + len(self.get_starttag_text())
        attrs = dict(attrs)
        link = None
        for name in ("src", "href"):
            if attrs.get(name):
                link = {"tag": tag, "url": attrs[name], "start": start, "end": end, "element_end": end}
                self.links.append(link)
        if tag == "script":
            self._open_script = {"attrs": attrs, "start": start, "end": None}
            self._open_link = link
            self.scripts.append(self._open_script)

    def handle_endtag(self, tag):
        if tag == "script" and self._open_script is not None:
            end = self.text.index(">", self.text_offset()) + 1
            self._open_script["end"] = end
            if self._open_link is not None:
                self._open_link["element_end"] = end
            self._open_script = self._open_link = None


def resolve_url(url):
    """(package, version, path) for a URL we can serve from npm, the reason
    string for one that no npm package has, or None if the URL is unknown."""
    for pattern, to_package in CDN_RULES:
        match = pattern.match(url)
        if match:
            return to_package(match)
    for pattern, reason in NO_NPM_EQUIVALENT:
        if pattern.match(url):
            return reason
    return None


# --------------------------------------------------------------------------
# 3. Copying npm files into OUT_DIR/vendor
# --------------------------------------------------------------------------


def package_dirs(node_modules):
    """Every installed top-level package: {(name, version): directory}.
    Packages installed under an npm alias (e.g. leaflet-folium ->
    leaflet@1.9.3) are found by their real name and version."""
    found = {}
    candidates = []
    for entry in sorted(node_modules.iterdir()):
        if entry.name.startswith("@") and entry.is_dir():
            candidates.extend(sorted(entry.iterdir()))
        else:
            candidates.append(entry)
    for directory in candidates:
        manifest = directory / "package.json"
        if manifest.is_file():
            info = json.loads(manifest.read_text(encoding="utf-8"))
            key = (info.get("name"), info.get("version"))
            # Prefer the directory named like the package over an alias.
            if key not in found or directory.name == key[0].split("/")[-1]:
                found[key] = directory
    return found


def copy_into_vendor(package_dir, vendor_root, path, copied):
    """Copy package_dir/path to vendor_root/path.  For a stylesheet, also copy
    each folder its relative url(...)/@import references point into, whole:
    scripts derive further file names from those (Leaflet finds
    marker-icon-2x.png and marker-shadow.png beside the CSS's marker-icon.png).
    """
    source = package_dir / path
    if not source.is_file():
        fail(f"{source} does not exist")
    target = vendor_root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    if source.suffix != ".css":
        return
    css = source.read_text(encoding="utf-8", errors="replace")
    for match in CSS_REF_RE.finditer(css):
        ref = (match.group(1) or match.group(2)).strip()
        if ref.startswith(("data:", "#")):
            continue
        if re.match(r"^[a-z]+:|^//", ref, re.I):
            fail(f"{source} references {ref}, which is not a local file")
        folder = (source.parent / ref.split("?")[0].split("#")[0]).resolve().parent
        if package_dir.resolve() not in folder.parents and folder != package_dir.resolve():
            fail(f"{source} references {ref}, outside its package")
        relative = folder.relative_to(package_dir.resolve())
        if relative in copied:
            continue
        copied.add(relative)
        shutil.copytree(folder, vendor_root / relative, dirs_exist_ok=True)


# --------------------------------------------------------------------------
# 4. Putting it together
# --------------------------------------------------------------------------


def rewrite_resources(html, out_dir, node_modules):
    """Point every external src/href at a local copy (or drop its tag).
    Returns the new HTML and the list of rewrites."""
    scanner = TagScanner(html)
    scanner.feed(html)
    scanner.close()

    packages = None
    rewrites = []
    edits = []  # (start, end, replacement), applied back to front
    vendor = out_dir / "vendor"
    copied = {}  # vendor root -> folders already copied
    for link in scanner.links:
        url = link["url"]
        if not re.match(r"^(https?:)?//", url, re.I):
            continue
        target = resolve_url(url)
        if target is None:
            fail(f"no rule maps {url} (from a <{link['tag']}> tag) to a local file; add one to CDN_RULES")
        if isinstance(target, str):
            warn(f"dropped <{link['tag']}> for {url}: {target}")
            edits.append((link["start"], link["element_end"], ""))
            rewrites.append({"from": url, "to": None})
            continue
        name, version, path = target
        if packages is None:
            packages = package_dirs(node_modules)
        package_dir = packages.get((name, version))
        if package_dir is None:
            fail(
                f"{url} needs the npm package {name}@{version}, which is not in {node_modules}; "
                f"install it (an alias works: npm install --save-dev --save-exact ALIAS@npm:{name}@{version})"
            )
        vendor_root = vendor / f"{name}@{version}"
        copy_into_vendor(package_dir, vendor_root, path, copied.setdefault(vendor_root, set()))
        local = vendor_root.relative_to(out_dir).as_posix() + "/" + path
        tag_text = html[link["start"]:link["end"]]
        if tag_text.count(url) != 1:
            fail(f"cannot find {url} literally in {tag_text}")
        edits.append((link["start"], link["end"], tag_text.replace(url, local)))
        rewrites.append({"from": url, "to": local})

    for start, end, replacement in sorted(edits, reverse=True):
        html = html[:start] + replacement + html[end:]
    return html, rewrites, scanner.scripts


def append_bench_marks(html, scripts):
    """Insert BENCH_MARK_SCRIPT right after the last script of the page.

    Folium 0.20 renders its map script *after* </body> (the parser still puts
    it into the body), so "before </body>" would run before any layer exists;
    after the last </script> is after every layer has been added.
    """
    for script in scripts:
        attrs = script["attrs"]
        if "defer" in attrs or "async" in attrs or attrs.get("type") == "module":
            fail(f"a script runs deferred ({attrs}); the bench marks could run before it")
    last_script_end = html.rfind("</script>")
    if last_script_end < 0 or "L.control.layers(" not in html[:last_script_end]:
        fail("Folium's map script was not found")
    insert_at = last_script_end + len("</script>")
    return html[:insert_at] + "\n" + BENCH_MARK_SCRIPT + html[insert_at:]


def check_no_external_urls(html, layers):
    """Fail if any http(s) URL is left in the page, apart from inside the
    GeoJSON data itself (strings in feature properties are never fetched)."""
    found = [(m.start(), m.group()) for m in URL_RE.finditer(html)]
    if not found:
        return
    # Some URL is left: find where each layer's data is embedded (Folium
    # writes it as `<layer name>_add(<JSON>)`) and ignore the URLs inside.
    embedded = []
    decoder = json.JSONDecoder()
    for layer in layers:
        call = f"{layer.get_name()}_add("
        start = html.find(call)
        if start < 0:
            fail(f"cannot find the data of {layer.get_name()} in the page")
        start += len(call)
        _, end = decoder.raw_decode(html, start)
        embedded.append((start, end))
    leftovers = sorted(
        {url for at, url in found if not any(start <= at < end for start, end in embedded)}
    )
    if leftovers:
        fail("external URLs left in the page: " + ", ".join(leftovers))


def main():
    parser = argparse.ArgumentParser(
        description="Write OUT_DIR/index.html, a Folium 0.20 page showing DATA.geojson "
        "(one layer per properties.sector, default styling, a popup of each feature's name, expanded layer control), "
        "with every JS/CSS file served from OUT_DIR/vendor (copied from npm packages) "
        "and the benchmark's performance marks appended.",
    )
    parser.add_argument("data", type=Path, help="GeoJSON FeatureCollection; features need properties.sector")
    parser.add_argument("out_dir", type=Path, help="output folder (created; its vendor/ is replaced)")
    parser.add_argument(
        "--node-modules",
        type=Path,
        default=DEFAULT_NODE_MODULES,
        help=f"where the npm packages are installed (default: {DEFAULT_NODE_MODULES})",
    )
    args = parser.parse_args()
    started = time.perf_counter()

    with args.data.open(encoding="utf-8") as f:
        groups = group_by_sector(json.load(f))
    m, layers = build_map(groups)
    html = m.get_root().render()

    out_dir = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out_dir / "vendor", ignore_errors=True)
    html, rewrites, scripts = rewrite_resources(html, out_dir, args.node_modules)
    html = append_bench_marks(html, scripts)
    check_no_external_urls(html, layers)

    (out_dir / "index.html").write_text(html, encoding="utf-8")
    (out_dir / "rewrites.json").write_text(json.dumps(rewrites, indent=2) + "\n", encoding="utf-8")
    counts = ", ".join(f"{sector} {len(features)}" for sector, features in groups.items())
    print(
        f"wrote {out_dir / 'index.html'} ({len(html) / 1e6:.1f} MB; {counts}) "
        f"in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
