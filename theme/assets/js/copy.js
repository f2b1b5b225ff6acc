// Copy buttons for the message templates (admonitions of type "template"):
// copies the template's text, without its title, so it can be pasted into an
// email. The button's words and the "Copied" announcement come from the page
// (data-* attributes set from the theme catalog), so they are in the page's
// language; the announcement goes through a polite live region. Works from
// file:// (Chromium treats it as a secure context) and falls back to the
// selection-based copy where the Clipboard API is missing or refused.
(function () {
  "use strict";

  function templateText(box) {
    var parts = [];
    Array.prototype.forEach.call(box.children, function (child) {
      if (child.classList.contains("admonition-title") || child.classList.contains("copy-button")) { return; }
      parts.push(child.innerText.replace(/\s+$/, ""));
    });
    return parts.join("\n\n") + "\n";
  }

  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(area);
    return done;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () {
        return copyBySelection(text);
      });
    }
    return Promise.resolve(copyBySelection(text));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.querySelector(".copy-status");
    if (!status) { return; }
    var label = status.getAttribute("data-copy");
    var copied = status.getAttribute("data-copied");
    var failed = status.getAttribute("data-failed");
    var timer = null;
    document.querySelectorAll(".admonition.template").forEach(function (box, index) {
      var title = box.querySelector(".admonition-title");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = label;
      if (title) {
        if (!title.id) { title.id = "template-title-" + (index + 1); }
        button.setAttribute("aria-describedby", title.id);
        title.insertAdjacentElement("afterend", button);
      } else {
        box.insertBefore(button, box.firstChild);
      }
      button.addEventListener("click", function () {
        copy(templateText(box)).then(function (ok) {
          // Clear first, so that a second copy is announced again.
          status.textContent = "";
          window.setTimeout(function () { status.textContent = ok ? copied : failed; }, 50);
          button.textContent = ok ? copied : label;
          window.clearTimeout(timer);
          timer = window.setTimeout(function () { button.textContent = label; }, 3000);
        });
      });
    });
  });
})();
