// Compares MiniSearch (node_modules/minisearch, the build the site would ship)
// with our search.js on the relevance sets, over the same built index: the
// same sections, the same build-time Snowball stems and stop words, page
// title and heading boosted, a page's best section first. Prints first-hit
// and top-3 rates, the time to build the engine, the slowest query, and the
// size of MiniSearch's serialised index (what it would ship prebuilt).
//
//   node tools/search-minisearch-compare.js SITE_DIR   (after `python -m generator build --no-pdf -d SITE_DIR`)
"use strict";
const fs = require("fs"), vm = require("vm"), path = require("path");
const root = path.resolve(__dirname, "..");
const site = process.argv[2];
const yaml = (file) => {  // the sets' simple YAML: "- query: …" then "answers: [a, b]" (maybe wrapped)
  const text = fs.readFileSync(file, "utf8").replace(/,\n\s+/g, ", ");
  const cases = [];
  for (const line of text.split("\n")) {
    const query = /^- query: (.*)$/.exec(line), answers = /^\s+answers: \[(.*)\]$/.exec(line);
    if (query) { cases.push({ query: query[1], answers: [] }); }
    if (answers) { cases[cases.length - 1].answers = answers[1].split(",").map((a) => a.trim()); }
  }
  return cases;
};
globalThis.window = globalThis;
// Both load as the browser loads them: plain scripts.
vm.runInThisContext(fs.readFileSync(path.join(root, "node_modules/minisearch/dist/umd/index.js"), "utf8"));
vm.runInThisContext(fs.readFileSync(path.join(root, "theme/assets/js/search.js"), "utf8"));
const MiniSearch = globalThis.MiniSearch;
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

for (const [language, prefix] of [["en", ""], ["fr", "fr/"], ["es", "es/"]]) {
  vm.runInThisContext(fs.readFileSync(path.join(site, prefix, "assets/search-index.js"), "utf8"));
  const index = window.careerKitSearchIndex;
  const cases = yaml(path.join(root, "tests/relevance", `${language}.yml`));
  const ours = careerKitSearch.engine(index);  // for its word cutting and stems
  const stop = new Set(index.stop), routine = new Set(index.routine);
  const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
  const fold = (w) => w.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/’/g, "'")
    .replace(/^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'/, "");
  const term = (word) => { const form = fold(word); return form.length > 1 ? ours.stemOf(form) : null; };

  function rates(search) {
    let first = 0, top3 = 0, slowest = 0;
    for (const c of cases) {
      const start = process.hrtime.bigint();
      const top = search(c.query).slice(0, 3);
      slowest = Math.max(slowest, ms(start));
      if (top[0] && c.answers.includes(top[0])) { first++; }
      if (top.some((u) => c.answers.includes(u))) { top3++; }
    }
    return `first ${first}/${cases.length}, top 3 ${top3}/${cases.length}, slowest query ${slowest.toFixed(1)} ms`;
  }

  let start = process.hrtime.bigint();
  const mini = new MiniSearch({
    fields: ["title", "heading", "text"], storeFields: ["url", "page"],
    tokenize: (text) => text.match(WORD) || [],
    processTerm: term,
    searchOptions: {
      boost: { title: 1, heading: 3 }, combineWith: "OR",
      // The same weights as search.js for worksheets and routine sections.
      boostDocument: (id) => (index.pages[index.sections[id][0]].f ? careerKitSearch.ranking.FORM : 1) *
        (routine.has(id) ? careerKitSearch.ranking.ROUTINE : 1),
      processTerm: (word) => { const form = fold(word); return form.length > 1 && !stop.has(form) ? ours.stemOf(form) : null; },
    },
  });
  mini.addAll(index.sections.map((s, id) => ({
    id, page: s[0], url: index.pages[s[0]].u + (s[1] ? "#" + s[1] : ""), title: index.pages[s[0]].t, heading: s[2], text: s[3],
  })));
  const miniLoad = ms(start);
  const miniSearch = (query) => {
    const seen = new Set(), urls = [];
    for (const r of mini.search(query)) {
      if (!seen.has(r.page)) { seen.add(r.page); urls.push(r.url); }
    }
    return urls;
  };
  start = process.hrtime.bigint();
  careerKitSearch.engine(JSON.parse(JSON.stringify(index)));  // a fresh engine, timed
  const oursLoad = ms(start);
  const oursSearch = (query) => ours.search(query, false).map((r) => ours.describe(r.sections[0].section).url);
  const serialised = Buffer.byteLength(JSON.stringify(mini)) / 1024;
  console.log(`${language} MiniSearch: ${rates(miniSearch)}, built in ${miniLoad.toFixed(0)} ms, ` +
    `serialised index ${serialised.toFixed(0)} KB (the text for snippets comes on top)`);
  console.log(`${language} search.js:  ${rates(oursSearch)}, built in ${oursLoad.toFixed(0)} ms`);
}
