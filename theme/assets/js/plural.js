// Plural forms in the browser. A page gives, for each string with a count, one
// translated form per CLDR plural category of its language (generator/plurals.py);
// Intl.PluralRules tells which category a count falls in. Nothing is evaluated
// (the strict CSP forbids it): the rule is the browser's, the words the catalog's.
(function () {
  "use strict";
  window.kitPlural = function (forms, count, lang) {
    var category = new Intl.PluralRules(lang).select(count);
    return forms[category] || forms.other || forms[Object.keys(forms)[0]];
  };
}());
