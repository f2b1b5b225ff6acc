// The kit in an LMS (SCORM 1.2 and 2004). Runs on lms.html, the launch page that
// `make package` writes into the SCORM packages only; anywhere else it stops at
// once. The launch page holds one SCORM session while the learner reads the
// kit's pages in its frame (a SCO may Initialize and Terminate only once).
//
// What it tells the LMS: the page being read (location), the ids of the modules
// visited (suspend_data, e.g. "E1,E2"), the share of the path's modules visited
// (progress_measure, 2004) and, once every module of the path has been visited,
// completion. It learns what the learner reads from the frame's address only:
// it never looks inside a page, and it touches no browser storage, so worksheet
// answers cannot reach the LMS. A test holds it to that.
(function () {
  "use strict";
  var frame = document.getElementById("lms-content");
  if (!frame || !frame.hasAttribute("data-lms-launcher")) { return; }
  var settings = JSON.parse(frame.getAttribute("data-lms-launcher"));
  var v12 = settings.edition === "1.2";
  var names = v12 ? {
    location: "cmi.core.lesson_location", status: "cmi.core.lesson_status", exit: "cmi.core.exit",
    language: "cmi.student_preference.language", time: "cmi.core.session_time"
  } : {
    location: "cmi.location", status: "cmi.completion_status", exit: "cmi.exit",
    language: "cmi.learner_preference.language", time: "cmi.session_time", progress: "cmi.progress_measure"
  };
  var base = window.location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
  var params = new URLSearchParams(window.location.search);
  var path = settings.paths[params.get("path")] || null;
  var targets = path ? path.modules : Object.keys(settings.modules).map(function (page) {
    return settings.modules[page];
  });
  var known = {};
  Object.keys(settings.modules).forEach(function (page) { known[settings.modules[page]] = true; });

  // The API as the specifications find it: this window and up to 7 parents,
  // then the same from the window that opened this one (an LMS's pop-up).
  function search(win, name) {
    for (var level = 0; win && level <= 7; level += 1) {
      try {
        if (win[name]) { return win[name]; }
      } catch (e) { /* a frame of another origin: keep climbing */ }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  function findApi(name) {
    var api = search(window, name);
    try {
      if (!api && window.opener) { api = search(window.opener, name); }
      if (!api && window.top && window.top.opener) { api = search(window.top.opener, name); }
    } catch (e) { /* an opener of another origin */ }
    return api;
  }

  var api = findApi(v12 ? "API" : "API_1484_11");
  var session = null;
  if (api) {
    var call = v12 ? {
      init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish"
    } : {
      init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate"
    };
    var lms = function (what, a, b) {
      try {
        return String(what === "set" ? api[call.set](a, b) : api[call[what]](a === undefined ? "" : a));
      } catch (e) { return ""; }
    };
    if (lms("init") === "true") {
      session = { lms: lms, started: Date.now(), visited: {}, done: false, finished: false };
    }
  }

  // Where to start: where the learner left off, else the path's first page
  // in the learner's language when the LMS knows it and the kit has it.
  function startPage() {
    var start = path ? path.start : settings.home;
    if (!session) { return start; }
    var saved = session.lms("get", names.location);
    // A page of the kit, never the launch page itself (that would nest it).
    if (/^[a-z0-9][a-z0-9_\-/]*\.html$/.test(saved) && saved.indexOf("..") < 0 && saved !== "lms.html") {
      return saved;
    }
    var language = session.lms("get", names.language).toLowerCase().split(/[-_]/)[0];
    if (Object.prototype.hasOwnProperty.call(settings.languages, language)) {
      return settings.languages[language] + start;
    }
    return start;
  }

  function status() {
    var count = targets.filter(function (id) { return session.visited[id]; }).length;
    return { count: count, complete: targets.length > 0 && count === targets.length };
  }

  function report(page) {
    var withoutLanguage = page;
    Object.keys(settings.languages).forEach(function (code) {
      var prefix = settings.languages[code];
      if (prefix && page.indexOf(prefix) === 0) { withoutLanguage = page.slice(prefix.length); }
    });
    var module = settings.modules[withoutLanguage];
    if (module) { session.visited[module] = true; }
    var progress = status();
    session.lms("set", names.location, page);
    session.lms("set", "cmi.suspend_data", Object.keys(session.visited).sort().join(","));
    if (names.progress) {
      session.lms("set", names.progress, String(targets.length ? Math.round(100 * progress.count / targets.length) / 100 : 0));
    }
    if (progress.complete && !session.done) {
      session.done = true;
      session.lms("set", names.status, "completed");
    }
    session.lms("commit");
  }

  function begin() {
    String(session.lms("get", "cmi.suspend_data")).split(",").forEach(function (id) {
      if (known[id]) { session.visited[id] = true; }
    });
    var current = session.lms("get", names.status);
    session.done = current === "completed" || current === "passed";
    if (!session.done) { session.lms("set", names.status, "incomplete"); }
    session.lms("set", names.exit, "suspend");
    session.lms("commit");
  }

  function elapsed() {
    var seconds = Math.round((Date.now() - session.started) / 1000);
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    if (!v12) { return "PT" + h + "H" + m + "M" + s + "S"; }
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(h) + ":" + two(m) + ":" + two(s);
  }

  function finish() {
    if (!session || session.finished) { return; }
    session.finished = true;
    session.lms("set", names.time, elapsed());
    session.lms("commit");
    session.lms("finish");
  }

  // Each page the frame shows, by its address (a page of another origin or a
  // PDF is not a page of the kit, and is not reported).
  frame.addEventListener("load", function () {
    if (!session || session.finished) { return; }
    var href;
    try { href = frame.contentWindow.location.href; } catch (e) { return; }
    if (!href || href.indexOf(base) !== 0) { return; }
    var page = href.slice(base.length).replace(/[?#].*$/, "");
    if (/\.html$/.test(page) && page !== "lms.html") { report(page); }
  });

  if (session) {
    begin();
    window.addEventListener("pagehide", finish);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && session && !session.finished) { session.lms("commit"); }
    });
  }
  frame.src = startPage();
})();
