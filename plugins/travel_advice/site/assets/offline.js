/* Offline reading, page side (README: "Offline reading"): registers the site's worker (sw.js at the site root,
   next to this script's folder), shows when the page is a copy saved on the device and when it was saved, and
   runs the "Save for offline" control of destination pages, hidden until the worker is active.
   Every word comes from the page (the build's words in both languages); the date is in the page's locale. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  var script = document.currentScript;
  var worker = new URL("../sw.js", script.src);

  function showSavedCopy() {
    var moment = document.documentElement.getAttribute("data-ta-saved");
    var notice = document.getElementById("ta-saved-copy");
    if (!moment || !notice) return;
    var saved = new Date(moment);
    if (isNaN(saved.getTime())) return;
    notice.querySelector(".ta-saved-copy__date").textContent = new Intl.DateTimeFormat(notice.getAttribute("data-locale"), { dateStyle: "long", timeStyle: "short" }).format(saved);
    notice.hidden = false;
  }

  function ask(registration, message) {
    return new Promise(function (resolve, reject) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data); };
      registration.active.postMessage(message, [channel.port2]);
      setTimeout(function () { reject(new Error("no answer")); }, 30000);
    });
  }

  /* This page and the links of its language outside the destinations folder: its guidance pages. */
  function pagesToSave(control, scope) {
    var within = new URL(control.getAttribute("data-within"), scope).href;
    var skip = control.getAttribute("data-skip").split(" ").filter(Boolean).map(function (path) { return new URL(path, scope).href; });
    var here = location.href.split("#")[0].split("?")[0];
    var urls = [here];
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (link) {
      var url = new URL(link.getAttribute("href"), location.href);
      url.hash = "";
      url.search = "";
      var address = url.href;
      var isPage = /\/$|\.html$/.test(url.pathname);
      var outside = skip.some(function (prefix) { return address.indexOf(prefix) === 0; });
      if (isPage && address.indexOf(within) === 0 && !outside && urls.indexOf(address) < 0) urls.push(address);
    });
    return urls;
  }

  function setUpSave(registration) {
    var control = document.getElementById("ta-save");
    if (!control) return;
    var button = control.querySelector("button");
    var status = control.querySelector("[aria-live]");
    button.addEventListener("click", function () {
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist();  /* ask the browser not to evict what is saved */
      button.disabled = true;
      status.textContent = control.getAttribute("data-saving");
      var urls = pagesToSave(control, registration.scope);
      ask(registration, { type: "save", urls: urls })
        .then(function (answer) { return Boolean(answer && answer.saved > 0 && answer.saved === answer.wanted); }, function () { return false; })
        .then(function (done) {
          status.textContent = control.getAttribute(done ? "data-saved" : "data-failed");
          control.classList.toggle("ta-save--saved", done);
          button.disabled = false;
        });
    });
    control.hidden = false;
  }

  showSavedCopy();
  var uncontrolled = !navigator.serviceWorker.controller;
  navigator.serviceWorker.register(worker.href).catch(function () { /* no worker: the site works online as before */ });
  navigator.serviceWorker.ready.then(function (registration) {
    setUpSave(registration);
    if (uncontrolled) {
      /* The first page, loaded before the worker: kept like every page opened after it. */
      registration.active.postMessage({ type: "save", urls: [location.href.split("#")[0]] });
    } else if (navigator.onLine && !document.documentElement.hasAttribute("data-ta-saved")) {
      registration.active.postMessage({ type: "refresh" });
    }
  });
})();
