// thidua's service worker (tools/postbuild.mjs fills in VERSION and FILES).
// Precaches the whole build at install, serves it cache-first so the app
// opens with the network off, and waits to take over until the page asks:
// a new version is offered to the user, never forced in the middle of an edit.
const VERSION = '__VERSION__';
const FILES = ['__FILES__'];
const CACHE = `thidua-${VERSION}`;

self.addEventListener('install', (event) => {
  // From the network, past the HTTP cache: index.html and the export worker
  // keep their names from build to build, and a stale copy must not be
  // precached under the new version.
  const fresh = FILES.map((file) => new Request(file, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(fresh)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('thidua-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(request, { ignoreSearch: true });
      if (hit) return hit;
      try {
        return await fetch(request);
      } catch (error) {
        // Offline: any page of the site is the app (its routes live in the hash).
        if (request.mode === 'navigate') return cache.match('./');
        throw error;
      }
    }),
  );
});
