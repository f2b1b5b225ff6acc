// Instant results in the header's search box: the ARIA 1.2 combobox pattern
// (list autocomplete, selection by the reader). ↓ and ↑ move through the best
// sections and the "all results" option, Enter opens the one chosen (or, with
// none chosen, submits the form to the search page), Esc closes the list, and
// then clears the box. The number of results is announced through a live region.
//
// The index is loaded on the box's first focus, as plain <script> elements
// (no fetch, XHR or worker: they fail from file://); the engine is search.js.
// The strings come from the form's data attributes, rendered in this
// language by the template (main.html).
(function () {
  "use strict";
  var form = document.querySelector(".search-form[data-index]");
  var input = form && form.querySelector('[role="combobox"]');
  var list = input && document.getElementById(input.getAttribute("aria-controls"));
  var status = form && form.querySelector('[role="status"]');
  if (!form || !input || !list || !status) { return; }
  var SHOWN = 6, DELAY = 80;
  // Results link to the language's root, where the search page lives.
  var searchPage = new URL(form.getAttribute("action"), document.baseURI);
  var engine = null, requested = false, options = [], active = -1, timer = null, shown = null;

  function load() {
    if (requested) { return; }
    requested = true;
    var sources = [];
    if (!window.careerKitSearchIndex) { sources.push(form.getAttribute("data-index")); }
    if (!window.careerKitSearch) { sources.push(form.getAttribute("data-engine")); }
    (function next() {
      if (!sources.length) {
        engine = window.careerKitSearch.engine(window.careerKitSearchIndex);
        if (document.activeElement === input && input.value.trim()) { update(); }
        return;
      }
      var script = document.createElement("script");
      script.src = sources.shift();
      script.addEventListener("load", next);
      script.addEventListener("error", function () { requested = false; });  // the next focus tries again
      document.head.appendChild(script);
    })();
  }

  function text(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  function countMessage(count) {
    if (count === 0) { return form.getAttribute("data-none"); }
    var forms = JSON.parse(form.getAttribute("data-count-forms"));
    return text(window.kitPlural(forms, count, document.documentElement.lang), { count: count });
  }

  function option(id, href) {
    var item = document.createElement("li");
    item.id = id;
    item.className = "search-option";
    item.setAttribute("role", "option");
    item.setAttribute("aria-selected", "false");
    item.setAttribute("data-href", href);
    return item;
  }

  function part(className, content) {
    var span = document.createElement("span");
    span.className = className;
    if (content !== undefined) { span.textContent = content; }
    return span;
  }

  function update() {
    var query = input.value;
    clearTimeout(timer);
    shown = query;
    if (!engine || query.trim().length < 2) { close(); status.textContent = ""; return; }
    var results = engine.search(query, true);
    list.textContent = "";
    options = [];
    results.slice(0, SHOWN).forEach(function (result, number) {
      var section = result.sections[0].section, found = engine.describe(section);
      var item = option("site-search-option-" + number, new URL(found.url, searchPage).href);
      item.appendChild(part("search-option-title", found.title));
      var where = part("search-option-section", found.heading ? undefined : found.label);
      if (found.heading) { window.careerKitSearch.showSnippet(where, engine.marked(found.heading, result.stems)); }
      item.appendChild(where);
      var snippet = part("search-option-snippet");
      window.careerKitSearch.showSnippet(snippet, engine.snippet(section, result.stems));
      item.appendChild(snippet);
      options.push(item);
    });
    var all = new URL(searchPage.href);
    all.search = "?q=" + encodeURIComponent(query);
    var more = option("site-search-option-all", all.href);
    more.classList.add("search-option-all");
    more.textContent = text(form.getAttribute("data-all"), { query: query });
    options.push(more);
    options.forEach(function (item) { list.appendChild(item); });
    choose(-1);
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = countMessage(results.length);
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    choose(-1);
  }

  function choose(number) {
    if (options[active]) { options[active].setAttribute("aria-selected", "false"); }
    active = number;
    if (options[active]) {
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function go(item) {
    window.location.href = item.getAttribute("data-href");
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, DELAY);
  });
  input.addEventListener("keydown", function (event) {
    // A key pressed before the list caught up with the typing acts on the list for
    // what is typed, whether the list was open or not yet shown (its delay running).
    if (engine && input.value !== shown && /^(Arrow(Up|Down)|Enter)$/.test(event.key)) { update(); }
    var open = !list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) { update(); return; }
      var step = event.key === "ArrowDown" ? 1 : -1;
      choose(active === -1 && step < 0 ? options.length - 1 : (active + step + options.length + 1) % (options.length + 1));
      if (active === options.length) { choose(-1); }  // past either end: back in the box
    } else if (event.key === "Enter" && open && options[active]) {
      event.preventDefault();
      go(options[active]);
    } else if (event.key === "Escape") {
      if (open) { close(); } else { input.value = ""; status.textContent = ""; }
      event.preventDefault();
    }
  });
  // A press on an option must not take the focus from the box before the click.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  list.addEventListener("click", function (event) {
    var item = event.target.closest('[role="option"]');
    if (item) { go(item); }
  });
  form.addEventListener("focusout", function (event) {
    if (!form.contains(event.relatedTarget)) { close(); }
  });
})();
