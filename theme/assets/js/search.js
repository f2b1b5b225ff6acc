// Search over this language's index (assets/search-index.js, loaded before
// this script as a plain script, so it works from file:// and any sub-path).
// Words are folded (no accents, lower case), looked up in the index's map of
// word forms to Snowball stems, or matched as the start of known forms.
(function () {
  "use strict";
  var index = window.careerKitSearchIndex;
  var form = document.querySelector(".search-page");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!index || !form || !input || !status || !list) { return; }
  var formKeys = Object.keys(index.forms);
  var WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;  // as in search.py: "d’aujourd’hui" is one word
  var ELISION = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]/i;

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function tokens(text) {
    return (text.match(WORD) || []).map(function (w) { return fold(w.replace(ELISION, "")); })
      .filter(function (w) { return w.length > 1; });
  }
  function stemsFor(token) {
    if (index.forms[token]) { return [index.forms[token]]; }
    var found = {};
    for (var i = 0; i < formKeys.length; i++) {
      if (formKeys[i].lastIndexOf(token, 0) === 0) { found[index.forms[formKeys[i]]] = true; }
    }
    return Object.keys(found);
  }
  function search(query) {
    var words = tokens(query);
    var scores = {}, hits = {};
    words.forEach(function (word) {
      var seen = {};
      stemsFor(word).forEach(function (stem) {
        (index.stems[stem] || []).forEach(function (posting) {
          var doc = posting[0];
          scores[doc] = (scores[doc] || 0) + posting[1];
          if (!seen[doc]) { seen[doc] = true; hits[doc] = (hits[doc] || 0) + 1; }
        });
      });
    });
    return Object.keys(scores).map(Number)
      .sort(function (a, b) { return (hits[b] - hits[a]) || (scores[b] - scores[a]); })
      .filter(function (doc) { return hits[doc] === words.length || words.length > 1 && hits[doc] > 0; });
  }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  function show(query) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    var results = search(query);
    // The count's plural form in this language (plural.js); none is its own sentence.
    status.textContent = results.length === 0 ? fill(status.getAttribute("data-none"), { query: query })
      : fill(window.kitPlural(JSON.parse(status.getAttribute("data-count-forms")), results.length,
        document.documentElement.lang), { query: query, num: results.length });
    results.slice(0, 50).forEach(function (number) {
      var doc = index.docs[number];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc.u;
      link.textContent = doc.t;
      var section = document.createElement("span");
      section.className = "result-section";
      section.textContent = doc.s;
      var preview = document.createElement("p");
      preview.className = "result-preview";
      preview.textContent = doc.p.length > 200 ? doc.p.slice(0, 200) + "…" : doc.p;
      item.appendChild(link);
      item.appendChild(section);
      item.appendChild(preview);
      list.appendChild(item);
    });
  }
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  show(input.value);
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    if (window.history && window.location.protocol !== "file:") {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
  });
})();
