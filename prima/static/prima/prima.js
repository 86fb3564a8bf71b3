// Behaviour shared by every page (no inline scripts: the pages run under a strict CSP).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  // <button data-print>: print the page (receipts); no onclick attribute under the CSP.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });
  ready(function () {
    // A long form that came back with errors: move the focus to the summary at the top.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
    // A table wider than its frame scrolls inside it: keyboard users reach it too.
    document.querySelectorAll(".table-wrap").forEach(function (frame) {
      if (frame.scrollWidth > frame.clientWidth && !frame.hasAttribute("tabindex")) {
        frame.setAttribute("tabindex", "0");
        if (!frame.hasAttribute("role")) { frame.setAttribute("role", "region"); }
        if (!frame.hasAttribute("aria-label")) {
          var table = frame.querySelector("table");
          var caption = table && table.querySelector("caption");
          var label = (caption && caption.textContent) || (table && table.getAttribute("aria-label"));
          var heading = frame.closest("section") && frame.closest("section").querySelector("h2, h3");
          frame.setAttribute("aria-label", (label || (heading && heading.textContent) || document.title).trim());
        }
      }
    });
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
