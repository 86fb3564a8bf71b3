// Autosave of worksheet items: each item's form posts on change (one item per request, with
// the item's version, so two people never overwrite each other's answer unnoticed).
(function () {
  "use strict";
  function text(id) { return document.getElementById(id); }
  function save(form) {
    var status = form.querySelector(".lke-saved");
    var data = new FormData(form);
    status.classList.remove("lke-error");
    status.textContent = "…";
    fetch(form.action, {method: "POST", body: data, credentials: "same-origin",
                        headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json().then(function (body) {
        return {ok: response.ok, body: body}; }); })
      .then(function (result) {
        var body = result.body;
        if (body.version !== undefined) { form.querySelector("[name=version]").value = body.version; }
        if (!result.ok) {
          status.classList.add("lke-error");
          status.textContent = body.error || "Gagal menyimpan";
          return;
        }
        status.textContent = form.dataset.savedLabel || "Tersimpan";
        [["self-total", body.self_total], ["evaluator-total", body.evaluator_total],
         ["answered", body.answered], ["progress", body.progress]].forEach(function (pair) {
          var el = text(pair[0]);
          if (el && pair[1] !== undefined) { el.textContent = pair[1]; }
        });
      })
      .catch(function () {
        status.classList.add("lke-error");
        status.textContent = "Gagal menyimpan; coba lagi";
      });
  }
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form.lke-autosave");
    if (form && event.target.name !== "items") { save(form); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList && form.classList.contains("lke-autosave")) {
      event.preventDefault();
      save(form);
    }
  });
})();
