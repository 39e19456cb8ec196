// The atlas's service worker, written into dist/ by tools/postbuild.mjs
// with this build's files and a version made from them (the two
// placeholders below). After one visit the atlas opens offline: every file of
// the build is kept in one cache named after the build, and served from
// it; an address outside the atlas (map tiles, another server's data)
// goes to the network as usual.
//
// A new build never mixes with the old: its worker caches the whole new
// build first and then waits. The page, told a newer version is ready,
// asks it to take over ("skip-waiting") and reloads once it has; only
// then are the old build's files dropped. A page of the old build keeps
// the old worker, and so the old files, until then.
"use strict";
const VERSION = "__VERSION__";
const CACHE = `atlas-${VERSION}`;
const FILES = __FILES__;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("atlas-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

// The build's own addresses. Anything else (a ?data= link to the atlas's
// server, map tiles, another server) is left to the browser, untouched.
const PATHS = new Set(FILES.map((f) => new URL(f, self.registration.scope).pathname));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Every page of the atlas is index.html with a query.
  const navigation = request.mode === "navigate" && url.pathname.startsWith(new URL(self.registration.scope).pathname);
  if (!navigation && (url.search || !PATHS.has(url.pathname))) return;
  const key = navigation ? "index.html" : request;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key))
      .then((cached) => cached || fetch(request)),
  );
});
