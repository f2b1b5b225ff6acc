// Search over this language's sections (assets/search-index.js, a plain script
// loaded before this one, so it works from file:// and any sub-path).
//
// window.careerKitSearch holds the engine, shared by the search page (below)
// and the header's instant results (search-box.js). On first use it builds its
// word lists from the sections' text: words are cut and folded as
// generator/search.py cuts them, and mapped to the Snowball stems computed at
// build time. Sections are ranked with BM25 (inverse document frequency,
// length normalisation), words of the page title and of the section heading
// counting more than those of the text; the last word typed also matches as
// the start of longer words. Nothing here uses innerHTML: text from the index
// reaches the page as text nodes only.
(function (root) {
  "use strict";
  var WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;  // as WORD in search.py
  var ELISION = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'/;
  // K1 and B: BM25's saturation and length normalisation. A word of a section's
  // heading counts as HEADING words of its text; a word of the page's title adds
  // TITLE times its BM25 weight to every section of the page. PREFIX weighs a
  // word that the last one typed only starts. All tuned on tests/relevance/
  // (see `make bench` and tools/search-minisearch-compare.js). Pages scoring
  // under FLOOR times the best are left out. A worksheet's fields
  // are prompts rather than explanations, so its sections count FORM times as
  // much as a module's; one under a heading that many pages have ("Reflection
  // questions"), ROUTINE times. The words an abbreviation stands for weigh
  // EXPANSION each (0.5 already put the glossary's "RH" before "qu'attendre des RH").
  var RANKING = { K1: 3, B: 0.3, TITLE: 0.5, HEADING: 12, PREFIX: 0.6, FORM: 0.5, ROUTINE: 0.3, FLOOR: 0.15,
    EXPANSION: 0.3 };
  var SNIPPET = 180, LEAD = 50;

  var folded = new Map();
  function fold(word) {
    var form = folded.get(word);
    if (form === undefined) {
      form = word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/’/g, "'")
        .replace(ELISION, "");
      folded.set(word, form);
    }
    return form;
  }

  // [{form, start, end}] for each word of `text` longer than one letter.
  function cut(text) {
    var found = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      var form = fold(match[0]);
      if (form.length > 1) { found.push({ form: form, start: match.index, end: match.index + match[0].length }); }
    }
    return found;
  }

  function decodeStems(coded) {
    var stems = new Map(), previous = "";
    (coded ? coded.split(" ") : []).forEach(function (entry) {
      var parts = /^(\d)([^:>]*)([:>])(.*)$/.exec(entry);
      var form = previous.slice(0, Number(parts[1])) + parts[2];
      stems.set(form, parts[3] === ":" ? form.slice(0, Number(parts[4])) : parts[4]);
      previous = form;
    });
    return stems;
  }

  function Engine(index) {
    var self = this;
    this.index = index;
    this.stems = decodeStems(index.stems);
    this.stop = new Set(index.stop || []);
    this.aliases = index.aliases || {};
    this.expansions = index.expansions || {};
    this.forms = new Set();
    this.postings = new Map();  // stem → [[section, weighted count]]
    this.titles = new Map();  // stem → [[page, count]]
    this.openings = [];  // page → its first section
    this.routine = new Set(index.routine || []);
    index.pages.forEach(function (page, number) {
      self.count(page.t).forEach(function (n, stem) { push(self.titles, stem, [number, n]); });
    });
    var lengths = [];
    index.sections.forEach(function (section, number) {
      if (self.openings[section[0]] === undefined) { self.openings[section[0]] = number; }
      var text = self.count(section[3]), heading = self.count(section[2]);
      var counts = new Map();
      text.forEach(function (n, stem) { counts.set(stem, [number, n, 0]); });
      heading.forEach(function (n, stem) { (counts.get(stem) || counts.set(stem, [number, 0, 0]).get(stem))[2] = n; });
      counts.forEach(function (posting, stem) { push(self.postings, stem, posting); });
      lengths.push(total(text));
    });
    this.lengths = lengths;
    this.averageLength = average(lengths);
    this.sortedForms = Array.from(this.forms).sort();
  }

  function total(counts) {
    var sum = 0;
    counts.forEach(function (n) { sum += n; });
    return sum;
  }

  function average(numbers) {
    return numbers.reduce(function (a, b) { return a + b; }, 0) / Math.max(1, numbers.length);
  }

  function push(map, key, value) {
    if (!map.has(key)) { map.set(key, []); }
    map.get(key).push(value);
  }

  Engine.prototype.stemOf = function (form) {
    return this.stems.get(form) || form;
  };

  // stem → count for the words of a text; remembers every form seen.
  Engine.prototype.count = function (text) {
    var counts = new Map(), self = this;
    cut(text).forEach(function (word) {
      self.forms.add(word.form);
      var stem = self.stemOf(word.form);
      counts.set(stem, (counts.get(stem) || 0) + 1);
    });
    return counts;
  };

  // The query's words, each as {stem: weight}: its own stem, and for the last
  // word while typing, the stems of the known words it starts. Listed stop
  // words are left out, unless the query has nothing else.
  Engine.prototype.terms = function (query, typing) {
    var self = this;
    // A word the termbase replaced (index.aliases) is searched as the term that replaced it.
    var words = [];
    cut(query).forEach(function (word) {
      var alias = self.aliases[word.form];
      Array.prototype.push.apply(words, alias ? alias.split(" ") : [word.form]);
    });
    var meaningful = words.filter(function (form) { return !self.stop.has(form); });
    var last = words.length && typing && !/\s$/.test(query) ? words[words.length - 1] : null;
    var chosen = meaningful.length ? meaningful : words;
    // An abbreviation also stands for the words it abbreviates (index.expansions),
    // each weighing EXPANSION: "PDI" finds "plan de développement individuel".
    var expanded = [];
    chosen.forEach(function (form) {
      (self.expansions[form] || "").split(" ").forEach(function (word) {
        if (word && !self.stop.has(word) && chosen.indexOf(word) < 0 && expanded.indexOf(word) < 0) { expanded.push(word); }
      });
    });
    return chosen.map(function (form) {
      var stems = new Map([[self.stemOf(form), 1]]);
      if (!self.forms.has(form)) {
        // A form the pages never use has no stem here ("prometerme"): the
        // longest word they use that starts it stands in for it ("prometer").
        var known = self.longestStart(form);
        if (known) { stems.set(self.stemOf(known), RANKING.PREFIX); }
      }
      if (form === last) {
        for (var i = lowerBound(self.sortedForms, form); i < self.sortedForms.length; i++) {
          var known = self.sortedForms[i];
          if (known.lastIndexOf(form, 0) !== 0) { break; }
          var stem = self.stemOf(known);
          if (!stems.has(stem)) { stems.set(stem, RANKING.PREFIX); }
        }
      }
      return stems;
    }).concat(expanded.map(function (word) { return new Map([[self.stemOf(word), RANKING.EXPANSION]]); }));
  };

  // The longest known form of at least four letters that `form` starts with.
  Engine.prototype.longestStart = function (form) {
    for (var length = form.length - 1; length >= 4; length--) {
      if (this.forms.has(form.slice(0, length))) { return form.slice(0, length); }
    }
    return null;
  };

  function lowerBound(sorted, value) {
    var low = 0, high = sorted.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (sorted[middle] < value) { low = middle + 1; } else { high = middle; }
    }
    return low;
  }

  // Pages in order, each {page, sections: [{section, score}], score, stems}, its best section first.
  // A section scores by its words (BM25); a word of its page's title adds to
  // every section of the page alike, so a page found by its title alone leads
  // to its opening.
  Engine.prototype.search = function (query, typing) {
    var self = this, terms = this.terms(query, typing);
    var total = this.lengths.length, index = this.index, scores = new Map();
    function entry(section) {
      if (!scores.has(section)) { scores.set(section, { text: new Array(terms.length).fill(0) }); }
      return scores.get(section);
    }
    var titleScores = terms.map(function (stems) {
      var best = new Map();  // page → score of this word in its title
      stems.forEach(function (weight, stem) {
        var postings = self.postings.get(stem) || [];
        var idf = Math.log(1 + (total - postings.length + 0.5) / (postings.length + 0.5));
        (self.titles.get(stem) || []).forEach(function (posting) {
          var score = weight * idf * RANKING.TITLE * posting[1] * (RANKING.K1 + 1) / (posting[1] + RANKING.K1);
          if (score > (best.get(posting[0]) || 0)) { best.set(posting[0], score); }
        });
      });
      best.forEach(function (_, page) { entry(self.openings[page]); });
      return best;
    });
    terms.forEach(function (stems, term) {
      stems.forEach(function (weight, stem) {
        var postings = self.postings.get(stem) || [];
        var idf = Math.log(1 + (total - postings.length + 0.5) / (postings.length + 0.5));
        postings.forEach(function (posting) {
          // BM25F: the text's count normalised by its length, the heading's
          // weighed (headings are all short), added, then saturated.
          var section = posting[0];
          var n = posting[1] / (1 - RANKING.B + RANKING.B * self.lengths[section] / self.averageLength) +
            RANKING.HEADING * posting[2];
          var score = weight * idf * n * (RANKING.K1 + 1) / (n + RANKING.K1);
          var scored = entry(posting[0]);
          if (score > scored.text[term]) { scored.text[term] = score; }
        });
      });
    });
    var ranked = [];
    scores.forEach(function (scored, section) {
      var page = index.sections[section][0], score = 0;
      scored.text.forEach(function (text, term) { score += text + (titleScores[term].get(page) || 0); });
      score *= (index.pages[page].f ? RANKING.FORM : 1) * (self.routine.has(section) ? RANKING.ROUTINE : 1);
      ranked.push({ section: section, page: page, score: score });
    });
    var pages = new Map();
    ranked.forEach(function (candidate) {
      if (!pages.has(candidate.page)) { pages.set(candidate.page, { page: candidate.page, sections: [], score: 0 }); }
      var result = pages.get(candidate.page);
      result.sections.push({ section: candidate.section, score: candidate.score });
      result.score = Math.max(result.score, candidate.score);
    });
    var matched = new Set();
    terms.forEach(function (stems) { stems.forEach(function (_, stem) { matched.add(stem); }); });
    var best = 0;
    pages.forEach(function (result) { best = Math.max(best, result.score); });
    // Pages found by a stray word only, far below the best, are noise.
    return Array.from(pages.values()).filter(function (result) { return result.score >= RANKING.FLOOR * best; })
      .sort(function (a, b) { return b.score - a.score || a.page - b.page; })
      .map(function (result) {
        result.sections.sort(function (a, b) { return b.score - a.score || a.section - b.section; });
        result.stems = matched;
        return result;
      });
  };

  // Where a section leads (relative to the language's root) and what to show of it.
  Engine.prototype.describe = function (section) {
    var entry = this.index.sections[section], page = this.index.pages[entry[0]];
    return { title: page.t, label: page.s, heading: entry[2], url: page.u + (entry[1] ? "#" + entry[1] : ""),
      text: entry[3] };
  };

  // The passage around the first matched word: [{text, mark}] pieces.
  Engine.prototype.snippet = function (section, stems) {
    var text = this.index.sections[section][3], self = this;
    var hits = cut(text).filter(function (word) { return stems.has(self.stemOf(word.form)); });
    var start = 0;
    if (hits.length && hits[0].start > LEAD) {
      start = text.indexOf(" ", hits[0].start - LEAD) + 1;
      if (start <= 0 || start > hits[0].start) { start = hits[0].start; }
    }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      end = space > start + SNIPPET / 2 ? space : end;
    }
    var pieces = [], at = start;
    if (start > 0) { pieces.push({ text: "…", mark: false }); }
    hits.forEach(function (word) {
      if (word.start < at || word.end > end) { return; }
      if (word.start > at) { pieces.push({ text: text.slice(at, word.start), mark: false }); }
      pieces.push({ text: text.slice(word.start, word.end), mark: true });
      at = word.end;
    });
    if (end > at) { pieces.push({ text: text.slice(at, end), mark: false }); }
    if (end < text.length) { pieces.push({ text: "…", mark: false }); }
    return pieces;
  };

  // A short text (a section's heading) whole, its matched words marked: a section
  // found by its heading alone shows there why it was found.
  Engine.prototype.marked = function (text, stems) {
    var self = this, pieces = [], at = 0;
    cut(text).forEach(function (word) {
      if (!stems.has(self.stemOf(word.form))) { return; }
      if (word.start > at) { pieces.push({ text: text.slice(at, word.start), mark: false }); }
      pieces.push({ text: text.slice(word.start, word.end), mark: true });
      at = word.end;
    });
    if (text.length > at) { pieces.push({ text: text.slice(at), mark: false }); }
    return pieces;
  };

  var engines = new WeakMap();
  var api = {
    ranking: RANKING,  // the constants above, to tune them against tests/relevance/
    // The engine for an index (built once, on first use).
    engine: function (index) {
      if (!engines.has(index)) { engines.set(index, new Engine(index)); }
      return engines.get(index);
    },
    // Fill `element` with a snippet: text nodes, and <mark> around matched words.
    showSnippet: function (element, pieces) {
      var document = element.ownerDocument;
      pieces.forEach(function (piece) {
        var node = document.createTextNode(piece.text);
        if (piece.mark) {
          var mark = document.createElement("mark");
          mark.appendChild(node);
          node = mark;
        }
        element.appendChild(node);
      });
    },
    // "%(name)s" placeholders filled from `values`.
    format: function (template, values) {
      return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
    }
  };
  root.careerKitSearch = api;

  // The search page.
  if (typeof document === "undefined") { return; }
  var form = document.querySelector(".search-page");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!root.careerKitSearchIndex || !form || !input || !status || !list) { return; }

  function sectionLine(element, description, stems) {
    element.textContent = description.heading ? description.label + " › " : description.label;
    if (description.heading) { api.showSnippet(element, api.engine(root.careerKitSearchIndex).marked(description.heading, stems)); }
  }

  // While typing, the last word also matches as the start of longer words.
  function show(query, typing) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    var engine = api.engine(root.careerKitSearchIndex);
    var results = engine.search(query, typing);
    // The count's plural form in this language (plural.js); none is its own sentence.
    status.textContent = results.length === 0 ? api.format(status.getAttribute("data-none"), { query: query })
      : api.format(window.kitPlural(JSON.parse(status.getAttribute("data-count-forms")), results.length,
        document.documentElement.lang), { query: query, num: results.length });
    results.slice(0, 50).forEach(function (result) {
      var best = engine.describe(result.sections[0].section);
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = best.url;
      link.className = "result-link";
      link.textContent = best.title;
      var where = document.createElement("span");
      where.className = "result-section";
      sectionLine(where, best, result.stems);
      var preview = document.createElement("p");
      preview.className = "result-preview";
      api.showSnippet(preview, engine.snippet(result.sections[0].section, result.stems));
      item.appendChild(link);
      item.appendChild(where);
      item.appendChild(preview);
      var others = result.sections.slice(1, 4);
      if (others.length) {
        var more = document.createElement("ul");
        more.className = "result-more";
        others.forEach(function (other) {
          var description = engine.describe(other.section);
          var entry = document.createElement("li");
          var otherLink = document.createElement("a");
          otherLink.href = description.url;
          otherLink.textContent = description.heading || description.title;
          entry.appendChild(otherLink);
          more.appendChild(entry);
        });
        item.appendChild(more);
      }
      list.appendChild(item);
    });
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  show(input.value, false);
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value, true); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value, false);
    if (window.history && window.location.protocol !== "file:") {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
  });
})(typeof window !== "undefined" ? window : globalThis);
