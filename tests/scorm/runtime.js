// The test LMS: every call the package makes is recorded in window.lmsCalls
// (name, arguments, result); window.lmsData() gives the runtime's whole CMI
// data as JSON; window.closeSco() removes the package's frame, as an LMS does
// when the learner leaves. With window=new, a button opens the package in a
// new window instead.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var v12 = params.get("edition") === "1.2";
  var api = v12 ? new window.Scorm12API({ logLevel: 5 }) : new window.Scorm2004API({ logLevel: 5 });
  var preload = {};
  if (params.get("language")) {
    preload[v12 ? "student_preference" : "learner_preference"] = { language: params.get("language") };
  }
  if (params.get("location")) {
    if (v12) { preload.core = { lesson_location: params.get("location"), entry: "resume" }; }
    else { preload.location = params.get("location"); preload.entry = "resume"; }
  }
  if (Object.keys(preload).length) { api.loadFromJSON(preload, "cmi"); }
  var calls = window.lmsCalls = [];
  var names = v12 ? ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"]
                  : ["Initialize", "GetValue", "SetValue", "Commit", "Terminate"];
  names.forEach(function (name) {
    var original = api[name];
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments).map(String);
      var result = original.apply(api, arguments);
      calls.push({ name: name, args: args, result: String(result), error: String(api.lmsGetLastError ? api.lmsGetLastError() : api.GetLastError()) });
      return result;
    };
  });
  if (v12) { window.API = api; } else { window.API_1484_11 = api; }
  window.lmsData = function () { return JSON.stringify(api.cmi); };
  var frame;
  window.closeSco = function () { frame.remove(); };
  document.addEventListener("DOMContentLoaded", function () {
    if (params.get("window") === "new") {
      // As an LMS that opens courses in a new window: the course finds the API through its opener.
      var button = document.createElement("button");
      button.id = "launch";
      button.textContent = "Open the course";
      button.addEventListener("click", function () { window.open(params.get("launch"), "course"); });
      document.body.appendChild(button);
      return;
    }
    frame = document.createElement("iframe");
    frame.id = "sco";
    frame.title = "Course";
    frame.width = "1000";
    frame.height = "700";
    frame.src = params.get("launch");
    document.body.appendChild(frame);
  });
})();
