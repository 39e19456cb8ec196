// The benchmark's "vanilla Leaflet" peer: what a web developer would write
// to show the same GeoJSON with one checkbox per sector. Data files are
// named in ?data=a.geojson,b.geojson; every feature's properties.sector
// picks its layer. Leaflet defaults throughout (points become L.Marker).
(function () {
  "use strict";
  var urls = (new URLSearchParams(location.search).get("data") || "").split(",").filter(Boolean);
  var map = L.map("map").setView([42, 70], 5);

  Promise.all(urls.map(function (url) {
    return fetch(url).then(function (response) { return response.json(); });
  })).then(function (collections) {
    var bySector = {};
    collections.forEach(function (collection) {
      collection.features.forEach(function (feature) {
        var sector = feature.properties.sector;
        (bySector[sector] = bySector[sector] || []).push(feature);
      });
    });
    var box = document.getElementById("sectors");
    Object.keys(bySector).sort().forEach(function (sector) {
      var layer = L.geoJSON(bySector[sector]).addTo(map);
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
      setTimeout(function () { performance.mark("bench:drawn"); window.__benchDrawn = true; }, 0);
    });
  });
})();
