/* The 404 page's feedback links: the build cannot know which address was missing, so their message
   carries a placeholder (« collez ici l’adresse demandée »), replaced here by this page's address.
   The address goes in percent-encoded, cut at 500 characters; without JavaScript the placeholder stays. */
(function () {
  "use strict";
  document.querySelectorAll("[data-ta-address]").forEach(function (box) {
    var placeholder = box.getAttribute("data-ta-address");
    var here = encodeURIComponent(location.href.slice(0, 500));
    box.querySelectorAll("a[href]").forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").split(placeholder).join(here));
    });
  });
})();
