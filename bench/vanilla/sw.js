// The offline peers' service worker (a page opened with "&worker",
// bench/README.md): what a
// competent developer writes for a page that should open offline after one
// visit, as Workbox's precache with a cache-first route would. The page
// registers it once its map is drawn, naming in the registration URL every
// file it loaded; it keeps them all when it installs, takes control at
// once, and then answers from the cache, going to the network only for a
// file it does not hold.
"use strict";
const FILES = JSON.parse(new URL(self.location.href).searchParams.get("files") || "[]");

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open("peer").then((cache) => cache.addAll(FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  event.respondWith(
    caches.match(event.request, { ignoreVary: true }).then((cached) => cached || fetch(event.request)),
  );
});
