// Behaviour shared by every page (no inline scripts: the pages run under a strict CSP).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    // A long form that came back with errors: move the focus to the summary at the top.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
    // The main menu collapses behind a button on narrow screens.
    var toggle = document.querySelector("[data-menu-toggle]");
    var nav = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (toggle && nav) {
      toggle.hidden = false;
      nav.classList.add("is-collapsible");
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        nav.classList.toggle("is-open", open);
      });
    }
  });
})();
