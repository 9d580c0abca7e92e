// On a phone the filter panel sits above the results folded, so the results are one tap away;
// without JavaScript it stays open (and still comes first).
(function () {
  "use strict";
  var panel = document.querySelector(".facet-panel");
  if (panel && window.matchMedia("(max-width: 51.99rem)").matches && !document.querySelector(".chips")) {
    panel.removeAttribute("open");
  }
})();
