// The benchmark's plain Leaflet peers: what a competent web developer
// writes to show the same GeoJSON with one checkbox per sector and a popup
// naming each site. Data files are named in ?data=a.geojson,b.geojson; every
// feature's properties.sector picks its layer.
//
// One script, four pages (see bench/README.md). The page's <script> tag says
// which variant it is:
//   data-markers="circle"   points are L.circleMarker (vector, cheap);
//                "default"  points are Leaflet's default L.Marker (an <img>
//                           icon each, as L.geoJSON does with no options);
//   data-canvas             the map prefers the canvas renderer
//                           (preferCanvas: true) over SVG;
//   data-basemap="URL"      also draws Natural Earth's countries from a
//                           world-atlas TopoJSON file, converted with
//                           topojson-client (loaded by the page), no tiles;
// and "&worker" in any page's link makes it register sw.js once drawn,
// which keeps the files the page loaded for the next visit.
(function () {
  "use strict";
  var config = document.currentScript.dataset;
  var urls = (new URLSearchParams(location.search).get("data") || "").split(",").filter(Boolean);
  var map = L.map("map", { preferCanvas: "canvas" in config });
  // The view the atlas opens on: Central Asia with Xinjiang (its
  // INITIAL_BOUNDS, src/geo/bounds.rs).
  map.fitBounds([[34.37, 46.4], [55.5, 96.38]]);
  // For the harness: it finds a site to click through the map (the canvas
  // renderer has no element per site).
  window.benchMap = map;

  var colours = { connectivity: "#1f6fb2", energy: "#d9731a", green: "#2e8b57", development: "#8e44ad", security: "#b03a2e" };
  var colour = function (sector) { return colours[sector] || "#555"; };
  var options = function (sector) {
    var o = {
      style: { color: colour(sector), weight: 3, opacity: 0.9 },
      onEachFeature: function (feature, layer) { layer.bindPopup(feature.properties.name); },
    };
    if (config.markers === "circle") {
      o.pointToLayer = function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 6, color: "#fff", weight: 1.5, fillColor: colour(sector), fillOpacity: 0.9 });
      };
    }
    return o;
  };

  var json = function (url) { return fetch(url).then(function (response) { return response.json(); }); };
  // Everything is fetched at once; the basemap is drawn first, under the sites.
  Promise.all([
    config.basemap ? json(config.basemap) : null,
    Promise.all(urls.map(json)),
  ]).then(function (loaded) {
    var topology = loaded[0];
    if (topology) {
      L.geoJSON(topojson.feature(topology, topology.objects.countries), {
        interactive: false,
        attribution: "Natural Earth",
        style: { color: "#9a9184", weight: 0.7, fillColor: "#f3efe6", fillOpacity: 1 },
      }).addTo(map);
    }
    var bySector = {};
    loaded[1].forEach(function (collection) {
      collection.features.forEach(function (feature) {
        var sector = feature.properties.sector;
        (bySector[sector] = bySector[sector] || []).push(feature);
      });
    });
    var box = document.getElementById("sectors");
    Object.keys(bySector).sort().forEach(function (sector) {
      var layer = L.geoJSON(bySector[sector], options(sector)).addTo(map);
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.checked = true;
      input.name = sector;
      input.addEventListener("change", function () {
        if (input.checked) layer.addTo(map); else map.removeLayer(layer);
      });
      label.append(input, " " + sector);
      box.append(label);
    });
    // Benchmark marks: every layer is on the map; then the next frame.
    performance.mark("bench:layers-added");
    requestAnimationFrame(function () {
      setTimeout(function () {
        performance.mark("bench:drawn");
        window.__benchDrawn = true;
        // The offline page: once the map is drawn, a service worker keeps
        // every file this visit loaded (the page itself too) for the next;
        // not the browser's own ask for /favicon.ico, which is not there.
        if (new URLSearchParams(location.search).has("worker") && navigator.serviceWorker) {
          // Sorted: the files come in whatever order they loaded, and a
          // worker named otherwise on the next visit would install again.
          var files = [location.href].concat(performance.getEntriesByType("resource")
            .filter(function (r) { return !(r.responseStatus >= 400); })
            .map(function (r) { return r.name; })).sort();
          navigator.serviceWorker.register("sw.js?files=" + encodeURIComponent(JSON.stringify(files)));
        }
      }, 0);
    });
  });
})();
