// The answers kept on this device, and the answers file that carries them to
// another device. Used by worksheet.js (one worksheet) and my-answers.js (all).
//
// Storage: localStorage "careerkit:<lang>:<worksheet>" holds one worksheet's
// answers as {"<worksheet>.<field>": value}; "careerkit-changed:<lang>:<worksheet>"
// the time of its last change. The file (AUTHORING.md, "The answers file"):
//   {"format": "career-conversations-kit-answers", "version": 1, "saved": ISO time,
//    "worksheets": {"<worksheet>": {"<lang>": {"changed": ISO time | null,
//                                             "fields": {"<field>": value}}}}}
// where a value is text, true (a ticked box) or a radio group's value.
// Nothing here makes a request: files are read and written on the device.
(function () {
  "use strict";
  var FORMAT = "career-conversations-kit-answers";
  var VERSION = 1;
  var MAX_BYTES = 1024 * 1024;
  var PREFIX = "careerkit:";
  var CHANGED = "careerkit-changed:";
  var KEY = /^careerkit:([a-z]{2,3}(?:-[A-Za-z]+)?):([a-z0-9-]+)$/;

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function get(lang, worksheet) {
    var storage = store();
    try { return JSON.parse((storage && storage.getItem(PREFIX + lang + ":" + worksheet)) || "{}") || {}; }
    catch (e) { return {}; }
  }
  function changed(lang, worksheet) {
    var storage = store();
    return (storage && storage.getItem(CHANGED + lang + ":" + worksheet)) || null;
  }
  function put(lang, worksheet, data, when) {
    var storage = store();
    if (!storage) { return; }
    if (!Object.keys(data).length) { remove(lang, worksheet); return; }
    storage.setItem(PREFIX + lang + ":" + worksheet, JSON.stringify(data));
    storage.setItem(CHANGED + lang + ":" + worksheet, when || new Date().toISOString());
  }
  function remove(lang, worksheet) {
    var storage = store();
    if (!storage) { return; }
    storage.removeItem(PREFIX + lang + ":" + worksheet);
    storage.removeItem(CHANGED + lang + ":" + worksheet);
  }
  // Every worksheet answered on this device: [{worksheet, lang, changed}].
  function list() {
    var storage = store(), found = [];
    if (!storage) { return found; }
    for (var index = 0; index < storage.length; index += 1) {
      var match = KEY.exec(storage.key(index) || "");
      if (match && Object.keys(get(match[1], match[2])).length) {
        found.push({ worksheet: match[2], lang: match[1], changed: changed(match[1], match[2]) });
      }
    }
    return found;
  }

  // The file's text for some of the stored answers ([{worksheet, lang}]).
  function toFile(entries) {
    var worksheets = {};
    entries.forEach(function (entry) {
      var prefix = entry.worksheet + ".", stored = get(entry.lang, entry.worksheet), fields = {};
      Object.keys(stored).sort().forEach(function (name) {
        if (name.indexOf(prefix) === 0) { fields[name.slice(prefix.length)] = stored[name]; }
      });
      worksheets[entry.worksheet] = worksheets[entry.worksheet] || {};
      worksheets[entry.worksheet][entry.lang] = { changed: changed(entry.lang, entry.worksheet), fields: fields };
    });
    return JSON.stringify({ format: FORMAT, version: VERSION, saved: new Date().toISOString(),
                            worksheets: worksheets }, null, 2) + "\n";
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function plural(forms, count, lang) {
    return format(window.kitPlural(forms, count, lang), { num: count });
  }
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // Check a file's text against what the site knows: {worksheets: {id: {title,
  // fields: {key: "text" | "checkbox" | [values]}}}, languages: [codes]}.
  // Returns {error: message} or {entries: [{worksheet, lang, changed, data}]},
  // where data is keyed as the storage keeps it. With `only`, a worksheet's
  // page takes its own answers from a file that may hold other worksheets.
  function parse(text, known, strings, only) {
    var file;
    try { file = JSON.parse(text); } catch (e) { return { error: strings.notJson }; }
    if (!isObject(file) || file.format !== FORMAT) { return { error: strings.otherKit }; }
    if (typeof file.version !== "number" || file.version > VERSION || file.version < 1) {
      return { error: strings.newerVersion };
    }
    if (!isObject(file.worksheets)) { return { error: format(strings.damaged, { what: "worksheets" }) }; }
    var entries = [], error = null;
    var ids = only ? Object.keys(file.worksheets).filter(function (id) { return id === only; }) : Object.keys(file.worksheets);
    if (only && !ids.length) { return { error: strings.notThisWorksheet }; }
    ids.some(function (id) {
      var sheet = known.worksheets[id], byLanguage = file.worksheets[id];
      if (!sheet) { error = format(strings.unknownWorksheet, { worksheet: id }); return true; }
      if (!isObject(byLanguage)) { error = format(strings.damaged, { what: id }); return true; }
      return Object.keys(byLanguage).some(function (lang) {
        var entry = byLanguage[lang];
        if (known.languages.indexOf(lang) < 0) { error = format(strings.unknownLanguage, { language: lang }); return true; }
        if (!isObject(entry) || !isObject(entry.fields)) { error = format(strings.damaged, { what: id + " · " + lang }); return true; }
        var data = {};
        var bad = Object.keys(entry.fields).some(function (key) {
          var accepts = sheet.fields[key], value = entry.fields[key];
          if (accepts === undefined) {
            error = format(strings.unknownField, { worksheet: sheet.title, field: key });
            return true;
          }
          var ok = accepts === "text" ? typeof value === "string"
            : accepts === "checkbox" ? typeof value === "boolean"
              : typeof value === "string" && accepts.indexOf(value) >= 0;
          if (!ok) { error = format(strings.wrongType, { worksheet: sheet.title, field: key }); return true; }
          if (value !== false && value !== "") { data[id + "." + key] = value; }
          return false;
        });
        if (bad) { return true; }
        var when = typeof entry.changed === "string" && !isNaN(Date.parse(entry.changed)) ? entry.changed : null;
        entries.push({ worksheet: id, lang: lang, changed: when, data: data });
        return false;
      });
    });
    return error ? { error: error } : { entries: entries };
  }

  // Read a file the reader picked, with the size checked first.
  function readFile(file, strings, done) {
    if (file.size > MAX_BYTES) { done(strings.tooBig); return; }
    var reader = new FileReader();
    reader.onload = function () { done(null, String(reader.result)); };
    reader.onerror = function () { done(strings.notJson); };
    reader.readAsText(file);
  }

  // Entries whose worksheet already has different answers stored on this device.
  function replacing(entries) {
    return entries.filter(function (entry) {
      var stored = get(entry.lang, entry.worksheet);
      return Object.keys(stored).length && JSON.stringify(sorted(stored)) !== JSON.stringify(sorted(entry.data));
    });
  }
  function sorted(data) {
    var copy = {};
    Object.keys(data).sort().forEach(function (key) { copy[key] = data[key]; });
    return copy;
  }

  // Hand bytes or text to the browser as a download, without leaving the device.
  function download(name, content, type) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  window.CareerKitAnswers = {
    get: get, put: put, remove: remove, changed: changed, list: list, toFile: toFile, parse: parse,
    readFile: readFile, replacing: replacing, download: download, format: format, plural: plural
  };
})();
