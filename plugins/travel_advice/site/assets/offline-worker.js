/* Offline reading for travellers (README: "Offline reading"). Written at the site root by the build, which
   fills in SETTINGS (site/offline.py): the shell to precache, its version, the offline page of each language.

   - The shell (stylesheets, scripts, icons, offline pages) is precached in a cache named by the version, a hash
     of those files: an update installs a new cache beside the old, which is deleted once the new one is active.
   - Pages (navigations) are network-first: an online traveller always gets the current advice. Every page
     fetched is kept in the pages cache with the moment it was saved; offline, the kept copy is served, marked
     with that moment (the page script shows the "saved on" notice), else the offline page of the page's language.
   - The "Save for offline" control asks (message "save") for a destination and its guidance pages to be kept.
   - After an update, the page script asks (message "refresh") for kept pages of an older version to be fetched
     again, so that none pairs old HTML with the new shell; a page gone from the site (404, 410) is dropped.
   - Nothing outside this worker's scope is handled: other origins go to the browser untouched. */
"use strict";

const SETTINGS = {};
const SCOPE = self.registration.scope;
const SHELL = "travel-advice-shell-" + SETTINGS.version + "@" + SCOPE;
const PAGES = "travel-advice-pages@" + SCOPE;
const SAVED = "X-Travel-Advice-Saved";
const VERSION = "X-Travel-Advice-Version";
const SHELL_URLS = new Set(SETTINGS.shell.map((path) => new URL(path, SCOPE).href));
const MOST_SAVED = 60;

self.addEventListener("install", (event) => {
  // "no-cache": files the page just loaded are revalidated (304), not downloaded again
  const requests = [...SHELL_URLS].map((url) => new Request(url, { cache: "no-cache" }));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter(isOldShell).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request, event));
  } else if (SHELL_URLS.has(withoutQuery(request.url))) {
    event.respondWith(caches.match(withoutQuery(request.url), { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = (answer) => event.ports[0] && event.ports[0].postMessage(answer);
  if (data.type === "save" && Array.isArray(data.urls)) {
    event.waitUntil(save(data.urls).then(reply, () => reply({ saved: 0, wanted: -1 })));
  } else if (data.type === "refresh") {
    event.waitUntil(refresh());
  }
});

function isOldShell(name) {
  return name.startsWith("travel-advice-shell-") && name.endsWith("@" + SCOPE) && name !== SHELL;
}

function withoutQuery(url) {
  const address = new URL(url);
  address.search = "";
  address.hash = "";
  return address.href;
}

function isPage(response) {
  return response.ok && response.type === "basic" && (response.headers.get("Content-Type") || "").startsWith("text/html");
}

/* A copy of a page's response, stamped with the moment it was saved and the build it belongs to. */
async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED, new Date().toISOString());
  headers.set(VERSION, SETTINGS.version);
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: headers });
}

async function keep(url, response) {
  const cache = await caches.open(PAGES);
  await cache.put(withoutQuery(url), await stamped(response));
}

async function page(request, event) {
  let response;
  try {
    response = await fetch(new Request(request, { cache: "no-cache" }));  // past the HTTP cache: the current advice or nothing
  } catch (offline) {
    return (await savedCopy(request.url)) || offlinePage(request.url);
  }
  if (isPage(response)) {
    event.waitUntil(keep(request.url, response.clone()));
  } else if (response.status === 404 || response.status === 410) {
    event.waitUntil(caches.open(PAGES).then((cache) => cache.delete(withoutQuery(request.url))));
  } else if (response.status >= 500) {
    return (await savedCopy(request.url)) || response;
  }
  return response;
}

/* The kept copy of a page, its <html> marked with the moment it was saved (the page script shows it). */
async function savedCopy(url) {
  const saved = await caches.match(withoutQuery(url), { cacheName: PAGES });
  if (!saved) return null;
  const moment = (saved.headers.get(SAVED) || "").replace(/[^0-9TZ:.+-]/g, "");
  const text = (await saved.text()).replace(/<html\b/i, '<html data-ta-saved="' + moment + '"');
  return new Response(text, { status: 200, headers: saved.headers });
}

/* The offline page of the language folder the address is in, its links resolved from its own address. */
async function offlinePage(url) {
  const path = url.slice(SCOPE.length);
  const folder = Object.keys(SETTINGS.offline).find((prefix) => path.startsWith(prefix));
  const address = new URL(SETTINGS.offline[folder], SCOPE).href;
  const cached = await caches.match(address, { cacheName: SHELL });
  if (!cached) return Response.error();
  const text = (await cached.text()).replace(/<head>/i, '<head><base href="' + address + '">');
  return new Response(text, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/* Keep pages of this scope (a destination and its guidance pages): how many were asked for and kept. */
async function save(urls) {
  const wanted = [...new Set(urls.filter((url) => typeof url === "string" && url.startsWith(SCOPE)).map(withoutQuery))].slice(0, MOST_SAVED);
  const kept = await Promise.all(
    wanted.map(async (url) => {
      const response = await fetch(url, { cache: "no-cache" });
      if (!isPage(response)) return 0;
      await keep(url, response);
      return 1;
    })
  );
  return { saved: kept.reduce((sum, one) => sum + one, 0), wanted: wanted.length };
}

/* Fetch again every kept page of an older version; drop those the site no longer has. */
async function refresh() {
  const cache = await caches.open(PAGES);
  for (const request of await cache.keys()) {
    const kept = await cache.match(request);
    if (!kept || kept.headers.get(VERSION) === SETTINGS.version) continue;
    try {
      const response = await fetch(request.url, { cache: "no-cache" });
      if (isPage(response)) await cache.put(request, await stamped(response));
      else if (response.status === 404 || response.status === 410) await cache.delete(request);
    } catch (offline) {
      return;
    }
  }
}
