// Start-up watchdog. If the wasm app fails before it marks the page ready
// (a missing or broken bundle, an old browser), replace "Loading…" with a
// message saying so, instead of leaving a blank or stuck page.
// Plain text only: messages are set with textContent, never as HTML.
(function () {
  "use strict";
  // The reader's language, chosen as i18n::choose does (the link's lang=,
  // else the browser's languages, else English), so the page is in it
  // from its first paint: <html lang> picks the loading line's version
  // (assets/atlas.css). The Rust bundles set it again, and the title.
  var WORDS = {
    en: ["The atlas could not start (", "). Try reloading the page; it needs a browser with WebAssembly."],
    zh: ["地图集无法启动（", "）。请重新加载页面；它需要支持 WebAssembly 的浏览器。"],
    ru: ["Атлас не запустился (", "). Перезагрузите страницу; нужен браузер с WebAssembly."]
  };
  function parse(tag) {
    var primary = String(tag || "").trim().split(/[-_]/)[0].toLowerCase();
    return primary === "en" || primary === "zh" || primary === "ru" ? primary : null;
  }
  var lang = null, query = null;
  try { query = new URLSearchParams(location.search); } catch (e) { query = null; }
  if (query) lang = parse(query.get("lang"));
  // The embed view (?embed=1): the first map's frame drops its panel too.
  if (query && query.get("embed") === "1") document.documentElement.classList.add("atlas-embed-page");
  var tags = navigator.languages || [navigator.language];
  for (var i = 0; !lang && i < tags.length; i++) lang = parse(tags[i]);
  lang = lang || "en";
  var words = WORDS[lang];
  document.documentElement.lang = lang === "zh" ? "zh-Hans" : lang;
  function fail(reason) {
    if (document.documentElement.hasAttribute("data-atlas-ready")) return;
    var box = document.getElementById("boot-status");
    if (!box) {
      // The first map drew (and removed "Loading…"), then the app failed.
      if (!document.body) return;
      box = document.createElement("div");
      box.id = "boot-status";
      box.className = "boot-status";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.classList.add("boot-failed");
    var p = box.querySelector(".boot-message") || box.appendChild(document.createElement("p"));
    p.textContent = words[0] + reason + words[1];
  }
  function reasonOf(value) {
    if (value && value.message) return String(value.message);
    return String(value || "?");
  }
  window.addEventListener("error", function (e) { fail(reasonOf(e.error || e.message)); });
  window.addEventListener("unhandledrejection", function (e) { fail(reasonOf(e.reason)); });
  if (typeof WebAssembly !== "object") {
    document.addEventListener("DOMContentLoaded", function () { fail("this browser has no WebAssembly"); });
  }
})();
