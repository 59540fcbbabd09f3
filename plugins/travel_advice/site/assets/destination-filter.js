/* Destination index filter: by name as you type, by level, by risk indicator.
   Boxes left unticked filter nothing; ticking a level or a risk shows only the destinations that have it.
   Progressive enhancement: without JavaScript the form stays hidden and the full table shows.
   Names match without regard to accents, case or punctuation (« cote d ivoire » finds
   « Côte d’Ivoire »), in both languages and with every other known name of the destination. */
(function () {
  "use strict";

  function fold(text) {
    return text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  function checkedValues(form, name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked'), function (box) {
      return box.value;
    });
  }

  function setUp() {
    var form = document.getElementById("ta-filter");
    var table = document.getElementById("ta-index");
    var status = document.getElementById("ta-filter-status");
    if (!form || !table || !status || form.dataset.ready) return;
    form.dataset.ready = "true";

    var rows = Array.from(table.tBodies[0].rows, function (row) {
      return {
        element: row,
        level: row.dataset.level,
        indicators: (row.dataset.indicators || "").split(" ").filter(Boolean),
        names: row.dataset.names.split("|").map(fold),
      };
    });
    var plural = new Intl.PluralRules(document.documentElement.lang || "en");
    var input = form.querySelector('input[type="search"]');

    function apply() {
      var query = fold(input.value);
      var levels = checkedValues(form, "level");
      var indicators = checkedValues(form, "indicator");
      var shown = 0;
      rows.forEach(function (row) {
        var match =
          (!levels.length || levels.indexOf(row.level) !== -1) &&
          (!indicators.length || row.indicators.some(function (key) { return indicators.indexOf(key) !== -1; })) &&
          (!query || row.names.some(function (name) { return name.indexOf(query) !== -1; }));
        row.element.hidden = !match;
        if (match) shown += 1;
      });
      var template = plural.select(shown) === "one" ? status.dataset.one : status.dataset.other;
      var count = template.replace("{shown}", shown).replace("{total}", rows.length);
      status.textContent = shown ? count : count + " " + status.dataset.none;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    // A search form elsewhere (the 404 page, the home page) sends the typed name as ?q=.
    var asked = new URLSearchParams(window.location.search).get("q");
    if (asked) input.value = asked;
    form.hidden = false;
    apply();
  }

  // Material's instant navigation, when enabled, swaps pages without a reload.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
