/* The words a traveller searched, marked on the page a search result opened.
   Material's search links its results with the query in "?h=" and marks it on arrival from its own
   (lunr) index, which this site no longer loads: this script marks it from the page text instead.
   Each searched word of two letters or more is marked where a word of the page starts with it,
   without regard to accents or case (« securite » marks « sécurité »), inside the article only.
   Nothing is fetched; the marks are plain <mark> elements, which the stylesheet and screen readers know. */
(function () {
  "use strict";

  var params = new URLSearchParams(window.location.search);
  var query = params.get("h");
  if (!query) return;

  function foldChar(c) {
    var folded = c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    return folded.length === 1 ? folded : c.toLowerCase();
  }

  /* The text folded one character at a time, so that a match's place is the same in the original. */
  function fold(text) {
    return Array.from(text, foldChar).join("");
  }

  var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (term) { return term.length >= 2; });
  var article = document.querySelector("article.md-content__inner");
  if (!terms.length || !article) return;
  var pattern = new RegExp("(?<![\\p{L}\\p{N}])(" + terms.map(function (term) {
    return term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }).join("|") + ")", "gu");

  var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      return node.parentElement.closest("script, style, mark, .headerlink") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    }
  });
  var found = [];
  for (var node = walker.nextNode(); node; node = walker.nextNode()) found.push(node);
  found.forEach(function (node) {
    var text = node.textContent;
    var chars = Array.from(text);
    if (chars.length !== text.length) return;  // characters outside the basic plane: left as they are
    var folded = fold(text);
    var parts = [];
    var last = 0;
    pattern.lastIndex = 0;
    for (var match = pattern.exec(folded); match; match = pattern.exec(folded)) {
      parts.push(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(match.index, match.index + match[0].length);
      parts.push(mark);
      last = match.index + match[0].length;
    }
    if (!parts.length) return;
    parts.push(document.createTextNode(text.slice(last)));
    node.replaceWith.apply(node, parts);
  });
})();
