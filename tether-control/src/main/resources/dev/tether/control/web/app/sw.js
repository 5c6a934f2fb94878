// Tether's service worker: keeps the app shell for offline start and shows Web Push notifications.
// It never caches or answers /api, /v1 or /mcp: live data always comes from the server.
const CACHE = 'tether-shell-v1';
const SHELL = [
  '/', '/manifest.webmanifest', '/assets/app.css', '/assets/icons/icon.svg', '/assets/icons/icon-192.png',
  '/assets/js/main.js', '/assets/js/api.js', '/assets/js/dom.js', '/assets/js/sse.js', '/assets/js/store.js',
  '/assets/js/markdown.js', '/assets/js/highlight.js', '/assets/js/format.js', '/assets/js/push.js', '/assets/js/icons.js',
  '/assets/js/views/signin.js', '/assets/js/views/list.js', '/assets/js/views/newsession.js',
  '/assets/js/views/session.js', '/assets/js/views/conversation.js', '/assets/js/views/approval.js',
  '/assets/js/views/toolinput.js', '/assets/js/views/diff.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

function isLive(url) {
  return url.pathname.startsWith('/api') || url.pathname.startsWith('/v1') || url.pathname.startsWith('/mcp');
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || isLive(url)) {
    return; // the browser handles it, uncached
  }
  // Network first, so a new server version shows at once; the cache is for when the server is away.
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((c) => c.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request, { ignoreSearch: true })
    .then((hit) => hit || caches.match('/'))));
});

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: 'Tether', body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(self.registration.showNotification(data.title || 'Tether', {
    body: data.body || '',
    tag: data.tag || data.approval_id || data.session_id || 'tether',
    icon: '/assets/icons/icon-192.png',
    badge: '/assets/icons/icon-192.png',
    data: { url: data.url || '/' },
    requireInteraction: Boolean(data.approval_id),
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || '/', self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
    for (const c of clients) {
      if (new URL(c.url).origin === self.location.origin) {
        c.navigate(target).catch(() => {});
        return c.focus();
      }
    }
    return self.clients.openWindow(target);
  }));
});
