// Scored self-assessments: the score, band, chart and strategies update as the
// person answers, in the browser only (the answers are saved by worksheet.js,
// on this device). The rules come from the page; the arithmetic matches
// generator/scoring.py: no total and no band until every statement is rated,
// and a failed must-pass item caps the band (at rules.capAt) whatever the total.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var results = document.getElementById("results");
  var form = document.querySelector("form.worksheet");
  if (!results || !form) { return; }
  var rules = JSON.parse(results.getAttribute("data-rules"));
  var lang = form.getAttribute("data-lang") || "en";
  var number = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var svg = results.querySelector("svg.chart");
  var status = results.querySelector(".results-status");

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  function text(name, values) {
    return fill(results.getAttribute("data-" + name), values);
  }
  // A string with a count: the form for `count` in this language (plural.js).
  function counted(name, count, values) {
    values.num = count;
    return fill(window.kitPlural(JSON.parse(results.getAttribute("data-" + name + "-forms")), count, lang), values);
  }
  function rating(item) {
    var checked = form.querySelector('input[type="radio"][name="' + rules.worksheet + "." + item + '"]:checked');
    return checked ? Number(checked.value) : null;
  }
  function choice(item) {
    var checked = form.querySelector('input[type="radio"][name="' + rules.worksheet + "." + item + '"]:checked');
    return checked ? checked.value : null;
  }
  function mustPass(score) {
    // Rated must-pass items are already counted among the statements; a yes/no one is counted here.
    score.failed = [];
    rules.mustPass.forEach(function (item) {
      var answer = "at_least" in item ? rating(item.field) : choice(item.field);
      if (!("at_least" in item)) {
        score.items += 1;
        if (answer !== null) { score.answered += 1; }
      }
      if (answer === null) { return; }
      if (("at_least" in item && answer < item.at_least) || ("equals" in item && answer !== item.equals)) {
        score.failed.push(item);
      }
    });
  }
  function compute() {
    var score = { answered: 0, items: 0, total: 0, averages: {}, priorities: [], capped: false };
    rules.dimensions.forEach(function (dimension) {
      var values = rules.items[dimension.id].map(rating);
      var given = values.filter(function (v) { return v !== null; });
      score.items += values.length;
      score.answered += given.length;
      if (given.length === values.length) {
        var sum = given.reduce(function (a, b) { return a + b; }, 0);
        score.total += sum;
        score.averages[dimension.id] = sum / values.length;
        if (rules.priorityBelow !== null && score.averages[dimension.id] < rules.priorityBelow) {
          score.priorities.push(dimension.id);
        }
      }
    });
    mustPass(score);
    score.complete = score.answered === score.items;
    score.band = null;
    if (score.complete) {
      var index = -1;
      rules.bands.forEach(function (band, i) {
        if (band.min <= score.total && score.total <= band.max) { index = i; }
      });
      if (score.failed.length && index > rules.capAt) { index = rules.capAt; score.capped = true; }
      score.byTotal = rules.bands.filter(function (band) { return band.min <= score.total && score.total <= band.max; })[0];
      score.band = rules.bands[index];
    }
    return score;
  }
  function element(name, attributes, content) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (content !== undefined) { node.textContent = content; }
    return node;
  }
  function drawChart(score) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var left = 200, width = 400, max = rules.scale.max, row = 40;
    rules.dimensions.forEach(function (dimension, index) {
      var y = 20 + index * row;
      var average = score.averages[dimension.id];
      svg.appendChild(element("text", { x: left - 10, y: y + 20, "text-anchor": "end", "class": "chart-label" }, dimension.label));
      svg.appendChild(element("rect", { x: left, y: y + 6, width: width, height: 20, "class": "chart-track" }));
      if (average !== undefined) {
        var priority = score.priorities.indexOf(dimension.id) !== -1;
        svg.appendChild(element("rect", { x: left, y: y + 6, width: width * average / max, height: 20,
          "class": priority ? "chart-bar chart-bar-priority" : "chart-bar", "data-average": average }));
        svg.appendChild(element("text", { x: left + width * average / max + 6, y: y + 21, "class": "chart-value" },
          number.format(average)));
      }
    });
    var height = 20 + rules.dimensions.length * row;
    if (rules.priorityBelow !== null) {
      var x = left + width * rules.priorityBelow / max;
      svg.appendChild(element("line", { x1: x, x2: x, y1: 10, y2: height, "class": "chart-line" }));
    }
    for (var tick = rules.scale.min; tick <= max; tick++) {
      svg.appendChild(element("text", { x: left + width * tick / max, y: height + 20, "text-anchor": "middle", "class": "chart-tick" }, String(tick)));
    }
  }
  function update() {
    var score = compute();
    status.textContent = score.complete
      ? text("complete", { total: score.total, max: rules.maxTotal })
      : counted("incomplete", score.answered, { items: score.items });
    results.setAttribute("data-state", score.complete ? "complete" : "incomplete");
    var band = results.querySelector(".results-band");
    band.hidden = !score.band;
    if (score.band) {
      band.querySelector(".band-label").textContent = score.band.label;
      band.querySelector(".band-meaning").textContent = score.band.meaning;
    }
    var capped = results.querySelector(".results-capped");
    if (capped) {
      capped.hidden = !(score.complete && score.failed.length);
      if (!capped.hidden) {
        capped.textContent = text(score.capped ? "capped" : "must-pass-failed", {
          band: score.byTotal.label,
          items: score.failed.map(function (item) { return item.label; }).join(" · ")
        });
      }
    }
    var bandIndex = rules.bands.indexOf(score.band);
    Array.prototype.forEach.call(results.querySelectorAll(".band-strategy"), function (node) {
      node.hidden = Number(node.getAttribute("data-band")) !== bandIndex;
    });
    rules.dimensions.forEach(function (dimension) {
      var cells = results.querySelector('tr[data-dimension="' + dimension.id + '"]');
      var average = score.averages[dimension.id];
      cells.querySelector(".average").textContent = average === undefined ? results.getAttribute("data-unanswered") : number.format(average);
      var priorityCell = cells.querySelector(".priority");
      var isPriority = score.priorities.indexOf(dimension.id) !== -1;
      if (priorityCell) {
        priorityCell.textContent = average === undefined ? "–" : results.getAttribute(isPriority ? "data-priority" : "data-not-priority");
      }
      var strategy = results.querySelector('.strategy[data-dimension="' + dimension.id + '"]');
      // Without a priority rule (one dimension), the strategies follow the band;
      // bands with strategies of their own replace the dimensions' (strategy is absent then).
      if (strategy) {
        strategy.hidden = rules.priorityBelow !== null ? !(score.complete && isPriority) : !score.complete;
      }
    });
    results.querySelector(".results-strategies").hidden = !results.querySelector(".strategy:not([hidden]), .band-strategy:not([hidden])");
    drawChart(score);
  }
  form.addEventListener("change", update);
  results.querySelector('[data-action="print-results"]').addEventListener("click", function () {
    document.documentElement.classList.add("print-results");
    window.print();
    document.documentElement.classList.remove("print-results");
  });
  update();
})();
