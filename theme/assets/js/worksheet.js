// Worksheet answers: saved in this browser's localStorage as the person types,
// one entry per worksheet and language, restored on return, cleared on request.
// Nothing here makes a request: the answers never leave the device.
(function () {
  "use strict";
  var form = document.querySelector("form.worksheet");
  var toolbar = document.querySelector(".worksheet-toolbar");
  if (!form || !toolbar) { return; }
  var key = "careerkit:" + form.getAttribute("data-lang") + ":" + form.getAttribute("data-worksheet");
  var status = toolbar.querySelector(".save-status");

  function read() {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }
  function collect() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) { return; }
      if (el.type === "radio") { if (el.checked) { data[el.name] = el.value; } }
      else if (el.type === "checkbox") { if (el.checked) { data[el.name] = true; } }
      else if (el.value) { data[el.name] = el.value; }
    });
    return data;
  }
  function restore(data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data)) { return; }
      if (el.type === "radio") { el.checked = data[el.name] === el.value; }
      else if (el.type === "checkbox") { el.checked = data[el.name] === true; }
      else { el.value = data[el.name]; }
    });
  }
  function save() {
    try {
      window.localStorage.setItem(key, JSON.stringify(collect()));
      status.textContent = toolbar.getAttribute("data-saved");
    } catch (e) { /* storage full or disabled: the form still works, unsaved */ }
  }
  function limit(event) {
    var box = event.target;
    var max = Number(box.getAttribute("data-max"));
    if (box.type !== "checkbox" || !max || !box.checked) { return; }
    var group = form.querySelectorAll('input[type="checkbox"][name^="' + box.name.replace(/\.[^.]*$/, ".") + '"]:checked');
    if (group.length > max) { box.checked = false; }
  }
  restore(read());
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function (event) { limit(event); save(); });
  form.addEventListener("input", save);
  toolbar.addEventListener("click", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("data-action");
    if (action === "print") { window.print(); }
    if (action === "clear" && window.confirm(toolbar.getAttribute("data-confirm"))) {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
      form.reset();
      status.textContent = toolbar.getAttribute("data-cleared");
    }
  });
})();
