/* The PPID's decide form: show only the fields the chosen outcome needs (progressive
   enhancement; without this script every field shows and the server checks them all). */
(function () {
  "use strict";
  function update(select) {
    var form = select.form;
    var chosen = select.value;
    form.querySelectorAll("[data-outcomes]").forEach(function (input) {
      var wrapper = input.closest(".field") || input;
      var wanted = input.getAttribute("data-outcomes").split(" ");
      wrapper.hidden = !chosen || wanted.indexOf(chosen) === -1;
    });
  }
  function init() {
    document.querySelectorAll("select[data-decide-outcome]").forEach(function (select) {
      select.addEventListener("change", function () { update(select); });
      update(select);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
