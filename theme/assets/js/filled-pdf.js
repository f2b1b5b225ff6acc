// "Download my filled PDF": the worksheet's own fillable PDF, filled here in
// the browser with the answers typed on this device, never flattened (its
// fields stay fillable, its tags and language stay). pdf-lib, fontkit, the
// kit's font and the PDF's bytes are scripts loaded on the first click: from
// file:// a page cannot fetch or XHR, but it can load a script, and that
// passes a strict CSP. Nothing is sent anywhere.
(function () {
  "use strict";
  var box = document.querySelector(".filled-pdf");
  var form = document.querySelector("form.worksheet");
  var answers = window.CareerKitAnswers;
  if (!box || !form || !answers) { return; }
  var lang = form.getAttribute("data-lang");
  var worksheet = form.getAttribute("data-worksheet");
  var status = document.querySelector(".worksheet-toolbar .save-status");
  var button = box.querySelector('[data-action="download-pdf"]');
  var loading = {};

  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { delete loading[src]; reject(new Error("missing")); };
        document.head.appendChild(script);
      });
    }
    return loading[src];
  }
  function bytes(name) {
    var text = window.atob(window.careerKitPdfs[name]), data = new Uint8Array(text.length);
    for (var index = 0; index < text.length; index += 1) { data[index] = text.charCodeAt(index); }
    return data;
  }
  function fileName(src) { return src.split("/").pop().replace(/\.js$/, ""); }
  // A date typed in the browser (yyyy-mm-dd) as the PDF asks for it (dd/mm/yyyy).
  function value(name, answer) {
    var control = form.elements[name];
    var match = control && control.type === "date" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(answer);
    return match ? match[3] + "/" + match[2] + "/" + match[1] : String(answer);
  }
  // Put every answer in its field; returns the field ids that have none.
  function fill(pdfForm, data) {
    var lib = window.PDFLib, unplaced = [], prefix = worksheet + ".";
    Object.keys(data).forEach(function (name) {
      var answer = data[name], field = pdfForm.getFieldMaybe(name);
      try {
        if (field instanceof lib.PDFTextField) { field.setText(value(name, answer)); }
        else if (field instanceof lib.PDFCheckBox && answer === true) { field.check(); }
        else if (field instanceof lib.PDFRadioGroup) { field.select(String(answer)); }
        else { throw new Error("no field"); }
        // Buttons keep the PDF's own drawings (they hold every state, and
        // the choice sets which shows); pdf-lib's would name a dummy font.
        if (!(field instanceof lib.PDFTextField)) { pdfForm.markFieldAsClean(field.ref); }
      } catch (e) {
        unplaced.push(name.indexOf(prefix) === 0 ? name.slice(prefix.length) : name);
      }
    });
    return unplaced;
  }
  // pdf-lib redraws some buttons with a font it names "dummy__noop" in
  // their /DA: no such font exists, and a viewer redrawing them would
  // complain. Buttons need no font; the entry goes.
  function withoutDummyFont(pdfForm) {
    var lib = window.PDFLib, DA = lib.PDFName.of("DA");
    pdfForm.getFields().forEach(function (field) {
      if (field instanceof lib.PDFTextField) { return; }
      [field.acroField].concat(field.acroField.getWidgets()).forEach(function (node) {
        var da = node.dict.get(DA);
        if (da && String(da.decodeText ? da.decodeText() : da).indexOf("dummy__noop") >= 0) { node.dict.delete(DA); }
      });
    });
  }
  function make(paper) {
    var lib = window.PDFLib, src = box.getAttribute("data-pdf-" + paper);
    var data = answers.get(lang, worksheet);
    // What is on screen counts too, in case this browser keeps nothing.
    var onScreen = window.CareerKitWorksheet ? window.CareerKitWorksheet.collect() : {};
    Object.keys(onScreen).forEach(function (name) { data[name] = onScreen[name]; });
    return lib.PDFDocument.load(bytes(fileName(src)), { updateMetadata: false }).then(function (doc) {
      doc.registerFontkit(window.fontkit);
      return doc.embedFont(bytes(box.getAttribute("data-font-name")), { subset: false }).then(function (font) {
        var pdfForm = doc.getForm();
        var unplaced = fill(pdfForm, data);
        pdfForm.updateFieldAppearances(font);
        // The fields now name this font: a viewer that redraws them (the
        // PDF asks for that) finds it in the form's resources.
        var resources = pdfForm.acroForm.dict.lookup(lib.PDFName.of("DR"), lib.PDFDict);
        var fonts = resources && resources.lookup(lib.PDFName.of("Font"), lib.PDFDict);
        if (fonts) { fonts.set(lib.PDFName.of(font.name), font.ref); }
        withoutDummyFont(pdfForm);
        return doc.save({ updateFieldAppearances: false }).then(function (pdf) { return { pdf: pdf, unplaced: unplaced, name: fileName(src) }; });
      });
    });
  }
  button.addEventListener("click", function () {
    var paper = box.querySelector(".paper-choice").value;
    var src = box.getAttribute("data-pdf-" + paper);
    button.disabled = true;
    status.textContent = box.getAttribute("data-working");
    load(box.getAttribute("data-pdf-lib"))
      .then(function () { return load(box.getAttribute("data-fontkit")); })
      .then(function () { return load(box.getAttribute("data-font")); })
      .then(function () { return load(src); })
      .then(function () { return make(paper); }, function () { throw new Error("missing"); })
      .then(function (result) {
        answers.download(result.name.replace(/\.pdf$/, "-filled.pdf"), result.pdf, "application/pdf");
        var count = result.unplaced.length;
        status.textContent = count ? answers.format(
          window.kitPlural(JSON.parse(box.getAttribute("data-unplaced-forms")), count, lang),
          { num: count, fields: result.unplaced.join(", ") }) : box.getAttribute("data-done");
      })
      .catch(function (error) {
        status.textContent = error.message === "missing" ? box.getAttribute("data-missing")
          : answers.format(box.getAttribute("data-failed"), { error: error.message });
      })
      .then(function () { button.disabled = false; });
  });
})();
