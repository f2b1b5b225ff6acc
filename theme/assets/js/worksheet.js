// Worksheet answers: saved in this browser's localStorage as the person types,
// one entry per worksheet and language, restored on return, cleared on
// request, saved to and loaded from a file (answers.js holds the storage and
// the file format). Nothing here makes a request: the answers never leave the device.
(function () {
  "use strict";
  var form = document.querySelector("form.worksheet");
  var toolbar = document.querySelector(".worksheet-toolbar");
  var answers = window.CareerKitAnswers;
  if (!form || !toolbar || !answers) { return; }
  var lang = form.getAttribute("data-lang");
  var worksheet = form.getAttribute("data-worksheet");
  var status = toolbar.querySelector(".save-status");
  var strings = JSON.parse(toolbar.getAttribute("data-strings"));
  var fileInput = toolbar.querySelector(".answers-file-input");

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
  // What this form accepts, as answers.parse wants it: the form is the truth.
  function accepted() {
    var prefix = worksheet + ".", fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.indexOf(prefix) !== 0) { return; }
      var key = el.name.slice(prefix.length);
      if (el.type === "radio") { (fields[key] = fields[key] || []).push(el.value); }
      else { fields[key] = el.type === "checkbox" ? "checkbox" : "text"; }
    });
    var known = {};
    known[worksheet] = { title: document.title.split(" · ")[0], fields: fields };
    return known;
  }
  function save() {
    try {
      // Answers to fields this form no longer has (renamed since) are kept:
      // the filled PDF names them, and they are not lost without a word.
      var data = collect(), stored = answers.get(lang, worksheet);
      Object.keys(stored).forEach(function (name) { if (!form.elements.namedItem(name)) { data[name] = stored[name]; } });
      answers.put(lang, worksheet, data);
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
  function saveFile() {
    if (!Object.keys(collect()).length) { status.textContent = strings.nothingToSave; return; }
    save();
    answers.download(worksheet + "-" + lang + "-answers.json", answers.toFile([{ worksheet: worksheet, lang: lang }]),
                     "application/json");
    status.textContent = strings.saved;
  }
  function loadFile(file) {
    answers.readFile(file, strings, function (error, text) {
      if (error) { status.textContent = error; return; }
      var result = answers.parse(text, { worksheets: accepted(), languages: strings.languages }, strings, worksheet);
      if (result.error) { status.textContent = result.error; return; }
      // Field ids are the same in every language: answers typed in another
      // language's page load here too when this language has none in the file.
      var mine = result.entries.filter(function (entry) { return entry.lang === lang; })[0] || result.entries[0];
      if (!mine) { status.textContent = strings.notThisWorksheet; return; }
      var target = { worksheet: worksheet, lang: lang, data: mine.data };
      if (answers.replacing([target]).length && !window.confirm(answers.plural(strings.replace, 1, lang))) {
        status.textContent = strings.cancelled;
        return;
      }
      form.reset();
      restore(mine.data);
      answers.put(lang, worksheet, collect(), mine.changed);
      status.textContent = answers.plural(strings.loaded, 1, lang);
    });
  }

  restore(answers.get(lang, worksheet));
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function (event) { limit(event); save(); });
  form.addEventListener("input", save);
  fileInput.addEventListener("change", function () {
    if (fileInput.files.length) { loadFile(fileInput.files[0]); }
    fileInput.value = "";
  });
  toolbar.addEventListener("click", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("data-action");
    if (action === "print") { window.print(); }
    if (action === "save-file") { saveFile(); }
    if (action === "load-file") { fileInput.click(); }
    if (action === "clear" && window.confirm(toolbar.getAttribute("data-confirm"))) {
      try { answers.remove(lang, worksheet); } catch (e) { /* nothing stored */ }
      form.reset();
      status.textContent = toolbar.getAttribute("data-cleared");
    }
  });
  window.CareerKitWorksheet = { collect: collect, status: status };
})();
