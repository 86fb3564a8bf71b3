/* Front-desk questionnaire that keeps working when the office connection drops.
 *
 * Each submitted questionnaire gets an idempotency key (crypto.randomUUID) and joins a queue in
 * localStorage; the queue is sent in order whenever the browser is online (at once, on the
 * "online" event and every 30 seconds). The server stores each key once, so a queue sent twice
 * (a reply lost on the way back) never counts a response twice. A response the server refuses
 * as invalid (422) is dropped: it would never become valid. No CDN, no framework. */
(function () {
  "use strict";
  var form = document.getElementById("kiosk-form");
  if (!form) { return; }
  var url = form.dataset.submitUrl;
  var storeKey = form.dataset.queueKey;
  var status = document.getElementById("kiosk-status");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(storeKey, JSON.stringify(queue)); }
  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }
  function show(text) { status.textContent = text; }
  function showPending() {
    var n = load().length;
    if (n) {
      show((navigator.onLine ? "" : form.dataset.msgWaiting + " ") + form.dataset.msgPending + " " + n);
    }
  }

  function answers() {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "form_token") { data[name] = value; }
    });
    return data;
  }

  function flush() {
    if (sending || !navigator.onLine) { showPending(); return Promise.resolve(); }
    var queue = load();
    if (!queue.length) { return Promise.resolve(); }
    sending = true;
    var item = queue[0];
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({idempotency_key: item.key, answers: item.answers,
                            website: item.answers.website || ""})
    }).then(function (response) {
      if (response.ok || response.status === 422 || response.status === 400) {
        var rest = load().filter(function (other) { return other.key !== item.key; });
        save(rest);
        sending = false;
        if (rest.length) { return flush(); }
        show(form.dataset.msgSaved);
      } else {
        sending = false;
        showPending();
      }
    }).catch(function () { sending = false; show(form.dataset.msgWaiting); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var missing = Array.prototype.some.call(form.querySelectorAll("fieldset.skm-choice"),
      function (group) { return group.querySelector("input[required]") && !group.querySelector("input:checked"); });
    if (missing) { show(form.dataset.msgMissing); return; }
    var queue = load();
    queue.push({key: newKey(), answers: answers()});
    save(queue);
    form.reset();
    window.scrollTo(0, 0);
    show(navigator.onLine ? form.dataset.msgSaved : form.dataset.msgWaiting);
    flush();
  });
  if ("serviceWorker" in navigator && form.dataset.workerUrl) {
    navigator.serviceWorker.register(form.dataset.workerUrl).catch(function () {});
  }
  window.addEventListener("online", flush);
  setInterval(flush, 30000);
  flush();
}());
