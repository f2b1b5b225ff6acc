// Site behaviour that every page shares: the facilitator view (facilitator
// notes open, and printed). Kept in localStorage; nothing leaves the device.
(function () {
  "use strict";
  var KEY = "careerkit:facilitator-view";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function apply(on) {
    root.classList.toggle("facilitator-view", on);
    document.querySelectorAll("details.facilitator").forEach(function (d) { d.open = on; });
    document.querySelectorAll(".facilitator-toggle").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var toggles = document.querySelectorAll(".facilitator-toggle");
    var hasNotes = document.querySelector("details.facilitator") !== null;
    toggles.forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
        apply(on);
      });
    });
    apply(stored());
    if (!hasNotes) { return; }
    window.addEventListener("beforeprint", function () { if (stored()) { apply(true); } });
  });
})();
