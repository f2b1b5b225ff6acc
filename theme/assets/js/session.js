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
  function update() {
    var parts = (input.value || "").split(":");
    if (parts.length < 2) { return; }
    var start = Number(parts[0]) * 60 + Number(parts[1]);
    table.querySelectorAll("td.clock").forEach(function (cell) {
      var from = start + Number(cell.getAttribute("data-offset"));
      var times = cell.querySelectorAll("time");
      times[0].textContent = clock(from);
      times[1].textContent = clock(from + Number(cell.getAttribute("data-minutes")));
    });
  }
  input.addEventListener("change", update);
  document.querySelectorAll('[data-action="print"]').forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
