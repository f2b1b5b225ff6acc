// A slide deck (decks.py): one slide at a time, keyboard and buttons, the
// slide number in the URL, a presenter view with notes, the next slide and the
// segment's timer, full screen and a printed handout. Works from file:// and
// under a strict CSP: no inline styles, only classes and the hidden attribute.
(function () {
  "use strict";
  var deck = document.querySelector(".deck");
  if (!deck) { return; }
  var slides = Array.prototype.slice.call(deck.querySelectorAll(".slide"));
  var counter = deck.querySelector(".deck-counter");
  var presenter = deck.querySelector(".presenter");
  var timer = presenter.querySelector(".presenter-timer");
  var current = 0, shownAt = Date.now();

  function text(name, values) {
    var template = deck.getAttribute("data-" + name) || "";
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  function fromHash() {
    var number = parseInt((location.hash || "").replace(/^#slide-/, ""), 10);
    return isNaN(number) ? 0 : Math.min(Math.max(number - 1, 0), slides.length - 1);
  }

  function go(index, focus) {
    index = Math.min(Math.max(index, 0), slides.length - 1);
    slides.forEach(function (slide, i) { slide.hidden = i !== index; });
    if (index !== current) { shownAt = Date.now(); deck.classList.add("has-moved"); }  // no fade on load
    current = index;
    counter.textContent = text("counter", { number: index + 1, total: slides.length });
    var hash = "#slide-" + (index + 1);
    if (location.hash !== hash) {
      try { history.replaceState(null, "", hash); } catch (error) { location.replace(hash); }
    }
    showPresenter();
    if (focus) { slides[index].querySelector("h1, h2").focus(); }
  }

  function showPresenter() {
    var notes = presenter.querySelector(".presenter-notes");
    var source = slides[current].querySelector(".notes");
    notes.textContent = "";
    if (source) {
      Array.prototype.forEach.call(source.children, function (child) { notes.appendChild(child.cloneNode(true)); });
    }
    var next = slides[current + 1];
    presenter.querySelector(".presenter-next").textContent =
      next ? next.querySelector("h1, h2").textContent : text("last", {});
    tick();
  }

  function tick() {
    var minutes = parseInt(slides[current].getAttribute("data-minutes") || "0", 10);
    var elapsed = Math.floor((Date.now() - shownAt) / 60000);
    if (!minutes) { timer.textContent = text("elapsed", { minutes: elapsed }); return; }
    timer.textContent = text("elapsed", { minutes: elapsed }) + " · " + (elapsed <= minutes
      ? text("remaining", { minutes: minutes - elapsed }) : text("over", { minutes: elapsed - minutes }));
    timer.classList.toggle("is-over", elapsed > minutes);
  }

  function togglePresenter() {
    var on = presenter.hidden;
    presenter.hidden = !on;
    deck.classList.toggle("is-presenting", on);
    deck.querySelector('[data-deck="presenter"]').setAttribute("aria-pressed", String(on));
    showPresenter();
  }

  function fullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
  }

  var actions = {
    previous: function () { go(current - 1, true); }, next: function () { go(current + 1, true); },
    presenter: togglePresenter, fullscreen: fullscreen, print: function () { window.print(); }
  };
  deck.querySelectorAll("[data-deck]").forEach(function (button) {
    button.addEventListener("click", function () { actions[button.getAttribute("data-deck")](); });
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target.closest && target.closest("input, textarea, select")) { return; }
    var onControl = target.closest && target.closest("button, a");
    var key = event.key;
    if (key === " " && onControl) { return; }  // Space presses the focused button or link
    if (key === "ArrowRight" || key === "PageDown" || (key === " " && !event.shiftKey)) { go(current + 1, true); }
    else if (key === "ArrowLeft" || key === "PageUp" || (key === " " && event.shiftKey)) { go(current - 1, true); }
    else if (key === "Home") { go(0, true); }
    else if (key === "End") { go(slides.length - 1, true); }
    else if (key === "p" || key === "P") { togglePresenter(); }
    else if (key === "f" || key === "F") { fullscreen(); }
    else { return; }
    event.preventDefault();
  });
  window.addEventListener("hashchange", function () { go(fromHash(), true); });

  // Clock times, recomputed from the start time like the run-sheet.
  var input = document.getElementById("deck-start");
  var format = new Intl.DateTimeFormat(input.getAttribute("data-format") || undefined,
    { hour: "numeric", minute: "2-digit", timeZone: "UTC" });
  function show(element, minutes) {
    var day = ((minutes % 1440) + 1440) % 1440;
    element.textContent = format.format(new Date(Date.UTC(2000, 0, 1, 0, minutes)));
    element.setAttribute("datetime", String(Math.floor(day / 60)).padStart(2, "0") + ":" + String(day % 60).padStart(2, "0"));
  }
  input.addEventListener("change", function () {
    var parts = (input.value || "").split(":");
    if (parts.length < 2) { return; }
    var start = Number(parts[0]) * 60 + Number(parts[1]);
    deck.querySelectorAll(".clock").forEach(function (clock) {
      var from = start + Number(clock.getAttribute("data-offset"));
      var times = clock.querySelectorAll("time");
      show(times[0], from);
      show(times[1], from + Number(clock.getAttribute("data-minutes")));
    });
  });

  setInterval(tick, 5000);
  document.documentElement.classList.add("deck-ready");
  go(fromHash(), false);
})();
