/* Service worker of the front-desk kiosk: keeps the kiosk page and its assets on the device,
 * so the questionnaire still opens (or reloads) while the office connection is down. Pages are
 * fetched from the network first and the cached copy is used only when the network fails;
 * answers are queued by kiosk.js, never by this worker. Registered by kiosk.js with the
 * kiosk page's own scope (served from /survei/<key>/kios/sw.js). */
"use strict";
var CACHE = "prima-skm-kiosk-v1";

self.addEventListener("install", function (event) {
  var page = self.registration.scope;
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.add(page); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  var kioskPage = request.mode === "navigate" && request.url.indexOf(self.registration.scope) === 0;
  var asset = url.origin === self.location.origin && url.pathname.indexOf("/static/") === 0;
  if (!kioskPage && !asset) { return; }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(kioskPage ? self.registration.scope : request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(kioskPage ? self.registration.scope : request);
  }));
});
