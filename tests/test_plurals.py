"""Strings with a count take the plural form of their language: in Python through
the catalogs' ngettext, in the browser through the forms the page ships and
Intl.PluralRules. 0, 1 and 2 in English, French and Spanish."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import ROOT, run_generator, serve_folder

from generator import catalogs, plurals, worksheets
from generator.errors import ErrorList
from generator.languages import Language

# The health check's statements, one radio group each.
STATEMENTS = [field for field in worksheets.fields(worksheets.load_all(ROOT, ROOT / "worksheets", ErrorList())["health-check"])
              if field["type"] == "rating"]

SCORING = ("%(num)s statement answered out of %(items)s. Answer every statement to see your total and band.",
           "%(num)s statements answered out of %(items)s. Answer every statement to see your total and band.")
SEARCH = ("%(num)s page matches “%(query)s”.", "%(num)s pages match “%(query)s”.")
PEOPLE = ("%(min)s to %(num)s person", "%(min)s to %(num)s people")

EXPECTED_SCORING = {
    "en": {0: "0 statements answered out of 20.", 1: "1 statement answered out of 20.",
           2: "2 statements answered out of 20."},
    "fr": {0: "Vous avez noté 0 affirmation sur 20.", 1: "Vous avez noté 1 affirmation sur 20.",
           2: "Vous avez noté 2 affirmations sur 20."},
    "es": {0: "Ha valorado 0 afirmaciones de 20.", 1: "Ha valorado 1 afirmación de 20.",
           2: "Ha valorado 2 afirmaciones de 20."},
}
EXPECTED_SEARCH = {
    "en": {1: "1 page matches “plan”.", 2: "2 pages match “plan”."},
    "fr": {0: "0 page correspond à «\u202fplan\u202f».", 1: "1 page correspond à «\u202fplan\u202f».",
           2: "2 pages correspondent à «\u202fplan\u202f»."},
    "es": {0: "0 páginas coinciden con «plan».", 1: "1 página coincide con «plan».",
           2: "2 páginas coinciden con «plan»."},
}


@pytest.fixture(scope="module")
def translators(tmp_path_factory):
    """Translators over freshly compiled copies of the kit's catalogs."""
    locales = tmp_path_factory.mktemp("plurals") / "locales"
    shutil.copytree(ROOT / "locales", locales, ignore=shutil.ignore_patterns("*.mo"))
    languages = [Language("en", "English", default=True), Language("fr", "Français"), Language("es", "Español")]
    assert catalogs.compile_catalogs(locales.parent, locales, languages) == []
    return {code: catalogs.Translator(locales, code) for code in ("en", "fr", "es")}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("count", [0, 1, 2])
def test_python_picks_the_plural_form_of_the_language(translators, language, count):
    """ngettext: French puts 0 and 1 in the singular, English and Spanish only 1."""
    text = translators[language].ngettext(*SCORING, count, items=20)
    assert text.startswith(EXPECTED_SCORING[language][count])


def test_session_group_sizes_are_plural(translators):
    """« De 8 à 20 personnes », «De 8 a 20 personas», "8 to 20 people"; one person is singular."""
    assert translators["fr"].ngettext(*PEOPLE, 20, min=8) == "De 8 à 20 personnes"
    assert translators["es"].ngettext(*PEOPLE, 20, min=8) == "De 8 a 20 personas"
    assert translators["en"].ngettext(*PEOPLE, 20, min=8) == "8 to 20 people"
    assert translators["fr"].ngettext(*PEOPLE, 1, min=1) == "De 1 à 1 personne"


def test_plural_categories_come_from_cldr():
    """Each language's CLDR categories with their smallest number."""
    assert plurals.samples("en") == {"other": 0, "one": 1}
    assert plurals.samples("fr") == {"one": 0, "other": 2, "many": 1000000}
    assert plurals.samples("es") == {"other": 0, "one": 1, "many": 1000000}


def test_the_browser_gets_one_form_per_category(translators):
    """plural_forms: French « one » is the singular, « other » and « many » the plural."""
    forms = translators["fr"].plural_forms(*SEARCH)
    # with French spacing: the script puts them in the page after its typography pass
    assert forms == {"one": "%(num)s page correspond à «\u202f%(query)s\u202f».",
                     "other": "%(num)s pages correspondent à «\u202f%(query)s\u202f».",
                     "many": "%(num)s pages correspondent à «\u202f%(query)s\u202f»."}


def test_a_missing_plural_form_fails_the_strict_check(project):
    """A catalog entry with msgstr[1] left empty is reported, naming the entry."""
    catalog = project / "locales/es/LC_MESSAGES/theme.po"
    text = catalog.read_text(encoding="utf-8")
    old = 'msgstr[1] "De %(min)s a %(num)s personas"'
    assert old in text
    catalog.write_text(text.replace(old, 'msgstr[1] ""'), encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "the entry '%(min)s to %(num)s person' lacks a plural form → write every msgstr[0] to msgstr[1]" in result.stderr


@pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("fr", "fr/"), ("es", "es/")])
def test_the_browser_counts_rated_statements_in_the_language(site, page, language, prefix):
    """The health check's status with 0, 1 and 2 statements rated, in Chromium, under the strict CSP."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve_folder(site) as base:
        page.goto(f"{base}/{prefix}worksheets/health-check.html")
        status = page.locator(".results-status")
        names = page.eval_on_selector_all('form.worksheet input[type="radio"]',
                                          "inputs => [...new Set(inputs.map(i => i.name))]")
        assert len(names) == len(STATEMENTS)
        seen = [status.text_content()]
        for name in names[:2]:
            page.check(f'input[name="{name}"][value="3"]')
            seen.append(status.text_content())
    for count, text in enumerate(seen):
        expected = EXPECTED_SCORING[language][count].replace(" 20.", f" {len(STATEMENTS)}.")  # the real check's size
        assert text.startswith(expected), (count, text)
    assert errors == []


@pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("fr", "fr/"), ("es", "es/")])
def test_the_search_page_ships_forms_chromium_picks_from(site, page, language, prefix):
    """The search page's forms and plural.js give the right sentence for 0, 1 and 2 results in Chromium."""
    with serve_folder(site) as base:
        page.goto(f"{base}/{prefix}search.html")
        forms = json.loads(page.get_attribute("#search-status", "data-count-forms"))
        assert set(forms) >= {"one", "other"}
        for count, expected in EXPECTED_SEARCH[language].items():
            template = page.evaluate("([forms, n, lang]) => window.kitPlural(forms, n, lang)",
                                     [forms, count, language])
            values = {"num": str(count), "query": "plan"}
            sentence = re.sub(r"%\((\w+)\)s", lambda m, values=values: values[m.group(1)], template)
            assert sentence == expected


def test_a_search_with_results_says_how_many_in_french(site, page):
    """A real French search: the status counts the results with the right form."""
    with serve_folder(site) as base:
        page.goto(f"{base}/fr/search.html?q=entretiens")
        page.wait_for_selector("#search-results li")
        count = page.locator("#search-results li").count()
        text = page.text_content("#search-status")
    assert count >= 2
    assert re.fullmatch(r"\d+ pages correspondent à «\u202fentretiens\u202f»\.", text), text
