// "My answers": every worksheet answered on this device, with its last
// change; all of them saved to one file, loaded from one, or deleted.
// answers.js holds the storage and the file format. Nothing leaves the device.
(function () {
  "use strict";
  var page = document.querySelector(".my-answers");
  var answers = window.CareerKitAnswers;
  if (!page || !answers) { return; }
  var strings = JSON.parse(page.getAttribute("data-strings"));
  var worksheets = JSON.parse(page.getAttribute("data-worksheets"));
  var languages = JSON.parse(page.getAttribute("data-languages"));
  var lang = strings.lang;
  var list = page.querySelector(".answers-list");
  var empty = page.querySelector(".answers-empty");
  var status = page.querySelector(".save-status");
  var fileInput = page.querySelector(".answers-file-input");
  var dates = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });

  function known() {
    return answers.list().filter(function (entry) { return worksheets[entry.worksheet]; });
  }
  function show() {
    var entries = known().sort(function (a, b) { return (b.changed || "").localeCompare(a.changed || ""); });
    list.textContent = "";
    entries.forEach(function (entry) {
      var sheet = worksheets[entry.worksheet], item = document.createElement("li");
      var link = document.createElement("a");
      link.href = sheet.pages[entry.lang] || sheet.pages[lang];
      link.textContent = sheet.title;
      link.hreflang = entry.lang;
      item.appendChild(link);
      var facts = document.createElement("span");
      facts.className = "answers-facts";
      var when = entry.changed ? answers.format(strings.lastChange, { date: dates.format(new Date(entry.changed)) })
        : strings.unknownDate;
      facts.textContent = " · " + (languages[entry.lang] || entry.lang) + " · " + when;
      item.appendChild(facts);
      list.appendChild(item);
    });
    list.hidden = !entries.length;
    empty.hidden = !!entries.length;
  }
  function saveAll() {
    var entries = known();
    if (!entries.length) { status.textContent = strings.nothingToSave; return; }
    answers.download("career-answers-" + new Date().toISOString().slice(0, 10) + ".json", answers.toFile(entries),
                     "application/json");
    status.textContent = strings.saved;
  }
  function loadAll(file) {
    answers.readFile(file, strings, function (error, text) {
      if (error) { status.textContent = error; return; }
      var result = answers.parse(text, { worksheets: worksheets, languages: Object.keys(languages) }, strings);
      if (result.error) { status.textContent = result.error; return; }
      var replaced = answers.replacing(result.entries).length;
      if (replaced && !window.confirm(answers.plural(strings.replace, replaced, lang))) {
        status.textContent = strings.cancelled;
        return;
      }
      result.entries.forEach(function (entry) { answers.put(entry.lang, entry.worksheet, entry.data, entry.changed); });
      show();
      status.textContent = answers.plural(strings.loaded, result.entries.length, lang);
    });
  }
  page.addEventListener("click", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("data-action");
    if (action === "save-all") { saveAll(); }
    if (action === "load-all") { fileInput.click(); }
    if (action === "clear-all" && window.confirm(strings.clearAll)) {
      answers.list().forEach(function (entry) { answers.remove(entry.lang, entry.worksheet); });
      show();
      status.textContent = strings.clearedAll;
    }
  });
  fileInput.addEventListener("change", function () {
    if (fileInput.files.length) { loadAll(fileInput.files[0]); }
    fileInput.value = "";
  });
  show();
})();
