// Start-up watchdog. If the wasm app fails before it marks the page ready
// (a missing or broken bundle, an old browser), replace "Loading…" with a
// message saying so, instead of leaving a blank or stuck page.
// Plain text only: messages are set with textContent, never as HTML.
(function () {
  "use strict";
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
    p.textContent = "The atlas could not start (" + reason + "). " +
      "Try reloading the page; the atlas needs a browser with WebAssembly.";
  }
  function reasonOf(value) {
    if (value && value.message) return String(value.message);
    return String(value || "unknown error");
  }
  window.addEventListener("error", function (e) { fail(reasonOf(e.error || e.message)); });
  window.addEventListener("unhandledrejection", function (e) { fail(reasonOf(e.reason)); });
  if (typeof WebAssembly !== "object") {
    document.addEventListener("DOMContentLoaded", function () { fail("this browser has no WebAssembly"); });
  }
})();
