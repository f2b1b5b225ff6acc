"""French typography for numbers: no-break spaces in 18 %, 1 400, 3 h 30, 1 h and
between a number and its unit, in pages and PDFs, never in code, URLs or attributes."""

from __future__ import annotations

import pytest
from conftest import loaded_plugin

from generator import typography

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(("text", "expected"), [
    ("18 % des salariés", "18\u202f% des salariés"),
    ("18% des salariés", "18\u202f% des salariés"),
    ("un taux de 3,5 %", "un taux de 3,5\u202f%"),
    ("une entreprise de 1 400 salariés", "une entreprise de 1\u202f400 salariés"),
    ("12 000 € et 1 250 000 €", "12\u202f000\u00a0€ et 1\u202f250\u202f000\u00a0€"),
    ("une demi-journée (3 h 30)", "une demi-journée (3\u00a0h\u00a030)"),
    ("de 9 h à 11 h", "de 9\u00a0h à 11\u00a0h"),
    ("1 h par mois", "1\u00a0h par mois"),
    ("3h30 de travail", "3\u00a0h\u00a030 de travail"),
    ("Durée : 45 minutes, 10 min de pause", "Durée\u00a0: 45\u00a0minutes, 10\u00a0min de pause"),
    ("dans 2 à 3 ans, sous 18 mois", "dans 2 à 3\u00a0ans, sous 18\u00a0mois"),
])
def test_numbers_keep_their_spaces(text, expected):
    """Percent and thousands take a narrow no-break space; times and units a no-break space."""
    assert typography.french_text(text) == expected


@pytest.mark.parametrize("text", [
    "en 2025 300 personnes ont répondu",   # a year, then a count: not a thousands group
    "le module E4 12 questions",           # E4 is a code, not a number
    "H1 et M6",
    "un score de 40 à 50",
    "à 10:30 précises",
    "la version v2 du modèle",
    "l’heure de pointe",
])
def test_text_without_a_number_rule_is_unchanged(text):
    """Years, module codes, ranges and clock times written with a colon are left as typed."""
    assert typography.french_text(text) == text


def test_code_urls_and_attributes_keep_their_spaces():
    """Only running text changes: a title attribute, <code>, a URL's digits and a script stay as written."""
    html = ('<p title="18 % et 3 h">18 % et 3 h <code>1 400 km</code> '
            '<a href="https://exemple.fr/page?n=1 400">https://exemple.fr/1 400</a></p>'
            '<script>var x = "45 minutes";</script>')
    assert typography.french_html(html) == (
        '<p title="18 % et 3 h">18\u202f% et 3\u00a0h <code>1 400 km</code> '
        '<a href="https://exemple.fr/page?n=1 400">https://exemple.fr/1 400</a></p>'
        '<script>var x = "45 minutes";</script>')


def test_spanish_and_english_numbers_are_left_alone():
    """The number rules are French: other languages get no pass at all."""
    assert typography.for_language("es")("<p>18 % y 1 400</p>") == "<p>18 % y 1 400</p>"
    assert typography.for_language("en")("<p>18 % and 3 h</p>") == "<p>18 % and 3 h</p>"


def test_built_french_pages_have_the_spaces(built_project):
    """The built H1 page says « 1 400 personnes » with a narrow no-break space, and the facilitator page « (3 h 30) »."""
    html = (built_project / "site/fr/hr/h1-roles-and-strategy.html").read_text(encoding="utf-8")
    assert f"1{NNBSP}400 personnes" in html
    facilitator = (built_project / "site/fr/facilitator/index.html").read_text(encoding="utf-8")
    assert f"(3{NBSP}h{NBSP}30)" in facilitator


def test_the_html_of_french_pdfs_has_the_spaces(tmp_path):
    """What WeasyPrint gets for the French IDP PDF keeps « 18 mois » together. (The PDF's text layer
    cannot show it: the kit's font draws U+00A0 with its space glyph, so pdftotext and pypdf read a space.)"""
    from generator import pdf_build

    plugin = loaded_plugin()
    jobs, _ = pdf_build.plan_for(plugin, tmp_path)
    french = next(job.html for job in jobs if job.output.name == "idp-fr-a4.pdf")
    assert f"(jusqu’à 18{NBSP}mois)" in french
    assert "18 mois" not in french
    english = next(job.html for job in jobs if job.output.name == "idp-en-a4.pdf")
    assert "(up to 18 months)" in english
