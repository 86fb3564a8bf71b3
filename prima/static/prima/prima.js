// Prima's small page behaviours, kept out of the HTML: the Content-Security-Policy allows no
// inline scripts or on* attributes.
"use strict";
document.addEventListener("click", function (event) {
  // <button data-print>: print the page (receipts).
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});
