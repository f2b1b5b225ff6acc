// Session plans: recompute the run-sheet's clock times when the facilitator
// changes the start time; the build wrote them for the default start.
(function () {
  "use strict";
  var input = document.getElementById("session-start");
  var table = document.querySelector(".run-sheet");
  if (!input || !table) { return; }
  var format = new Intl.DateTimeFormat(input.getAttribute("data-format") || undefined,
    { hour: "numeric", minute: "2-digit", timeZone: "UTC" });
  function clock(minutes) {
    return format.format(new Date(Date.UTC(2000, 0, 1, 0, minutes)));
  }
  function iso(minutes) {
    var day = ((minutes % 1440) + 1440) % 1440;
    return String(Math.floor(day / 60)).padStart(2, "0") + ":" + String(day % 60).padStart(2, "0");
  }
  function show(element, minutes) {
    element.textContent = clock(minutes);
    element.setAttribute("datetime", iso(minutes));
  }
  function update() {
    var parts = (input.value || "").split(":");
    if (parts.length < 2) { return; }
    var start = Number(parts[0]) * 60 + Number(parts[1]);
    table.querySelectorAll("td.clock").forEach(function (cell) {
      var from = start + Number(cell.getAttribute("data-offset"));
      var times = cell.querySelectorAll("time");
      show(times[0], from);
      show(times[1], from + Number(cell.getAttribute("data-minutes")));
    });
  }
  input.addEventListener("change", update);
  document.querySelectorAll('[data-action="print"]').forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
