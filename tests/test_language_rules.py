"""One register (vous, usted) and one French inclusive-writing policy (AUTHORING.md),
checked by the build in pages and catalogs; each check fails on a planted example."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_generator

from generator import language_checks


def append(path: Path, text: str) -> int:
    """Add a line at the end of a page; returns its line number."""
    content = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(content + text + "\n", encoding="utf-8")
    return content.count("\n") + 1


def familiar(language: str, text: str) -> list[str]:
    return [match.group() for match in language_checks.REGISTER[language].finditer(text)]


@pytest.mark.parametrize(("text", "found"), [
    ("« Qu’est-ce que tu veux ? »", ["tu"]),
    ("« Je te tiens au courant et je t’appelle. »", ["te", "t’"]),
    ("« Veux-tu qu’on en parle ? C’est toi qui décides, avec ton manager et tes collègues, selon ta priorité. »",
     ["-tu", "toi", "ton", "tes", "ta"]),
    ("« Ne vous inquiétez pas : le ton compte, comme un ton posé. Du ton de la voix. »", []),
    ("« Qu’en pensez-vous ? Voulez-vous qu’on en parle ? Peut-être. A-t-elle raison ? »", []),
])
def test_french_familiar_forms_are_found_and_formal_ones_are_not(text, found):
    """tu, te, toi, ton, ta, tes, t’ and -tu are familiar; « le ton » (the noun) and vous are not."""
    assert familiar("fr", text) == found


@pytest.mark.parametrize(("text", "found"), [
    ("«¿Qué quieres hacer? Cuéntame, dime qué puedes y qué tienes en mente.»",
     ["quieres", "Cuéntame", "dime", "puedes", "tienes"]),
    ("«Tú decides: te apoyo, cuenta conmigo y contigo; es para ti y tus planes, tu carrera.»",
     ["Tú", "te", "contigo", "ti", "tus", "tu"]),
    ("«¿Qué quiere hacer? Cuénteme, dígame qué puede y qué tiene en mente. Usted decide.»", []),
])
def test_spanish_familiar_forms_are_found_and_usted_is_not(text, found):
    """tú, te, ti, tu, tus, contigo and tú verb forms are familiar; usted forms are not."""
    assert familiar("es", text) == found


def test_familiar_forms_in_pages_and_catalogs_fail_the_check(project):
    """A tu in a French dialogue, a tú form in a Spanish page and in a catalog: each reported at its line."""
    french = project / "content/fr/manager/m6-following-through.md"
    french_line = append(french, "> **Lucía :** Tu pourrais m’aider ?")
    spanish = project / "content/es/manager/m3-listening-and-feedback.md"
    spanish_line = append(spanish, "«¿Qué necesitas de mí?», pregunta Tendai.")
    catalog = project / "locales/fr/LC_MESSAGES/worksheets.po"
    text = catalog.read_text(encoding="utf-8")
    old = 'msgstr "Mon travail me satisfait"'
    assert old in text
    catalog.write_text(text.replace(old, 'msgstr "Ton travail te satisfait"'), encoding="utf-8")
    catalog_line = next(n for n, line in enumerate(catalog.read_text(encoding="utf-8").splitlines(), 1)
                        if "Ton travail" in line)
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert (f"content/fr/manager/m6-following-through.md:{french_line}: 'Tu' is a familiar form of address "
            "→ use vous, as everywhere in the kit") in result.stderr
    assert (f"content/es/manager/m3-listening-and-feedback.md:{spanish_line}: 'necesitas' is a familiar form "
            "of address → use usted, as everywhere in the kit") in result.stderr
    assert f"locales/fr/LC_MESSAGES/worksheets.po:{catalog_line}: 'Ton' is a familiar form of address" in result.stderr
    assert f"locales/fr/LC_MESSAGES/worksheets.po:{catalog_line}: 'te' is a familiar form of address" in result.stderr


def test_a_quotation_marked_in_place_may_keep_its_tu(project):
    """`<!-- register: allow tu -->` accepts the line's tu."""
    page = project / "content/fr/manager/m6-following-through.md"
    append(page, "Le slogan de l’affiche disait « Et toi, tu en es où ? ». <!-- register: allow tu --> "
                 "<!-- register: allow toi -->")
    assert run_generator(project, "check").returncode == 0


@pytest.mark.parametrize(("text", "found"), [
    ("Chaque salarié·e et les référent·es", ["salarié·e", "référent·es"]),
    ("un ou une salarié(e) et des candidat(e)s", ["salarié(e)", "candidat(e)s"]),
    ("les salarié/es et les salarié.e.s", ["salarié/es", "salarié.e.s"]),
    ("Les salariés et salariées, la personne, chaque relais carrière. Fin.", []),
    ("Voir www.exemple.fr/e et 3.5 ; R.H. ; U.S.", []),
])
def test_abbreviated_inclusive_forms_are_found(text, found):
    """Median dot, parentheses, slash and full-stop forms are flagged; doublets, épicène words and URLs are not."""
    matches = [language_checks._word_around(text, m.start(), m.end())
               for m in language_checks.ABBREVIATED_INCLUSIVE.finditer(text)]
    assert matches == found


def test_a_median_dot_in_a_french_page_or_catalog_fails_the_check(project):
    """A planted « salarié·e » in a page and « Prêt·e » in a catalog are each reported with the policy."""
    page = project / "content/fr/trust.md"
    line = append(page, "Chaque salarié·e peut en parler.")
    catalog = project / "locales/fr/LC_MESSAGES/worksheets.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Démarrage immédiat"', 'msgstr "Prêt·e"'), encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert (f"content/fr/trust.md:{line}: 'salarié·e' is an abbreviated inclusive form → write an épicène "
            "wording or a doublet (AUTHORING.md, inclusive writing)") in result.stderr
    assert "locales/fr/LC_MESSAGES/worksheets.po:" in result.stderr and "'Prêt·e' is an abbreviated" in result.stderr


def test_the_inclusive_policy_is_french_only(project):
    """A middle dot in a Spanish page (a Catalan name, say) is not a French inclusive form."""
    page = project / "content/es/trust.md"
    append(page, "La colega de Sabadell, Montse Col·lecció, lo resume bien.")
    assert run_generator(project, "check").returncode == 0


def test_authoring_guide_states_the_policy():
    """AUTHORING.md writes the policy the check enforces."""
    from conftest import ROOT

    guide = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    assert "### French inclusive writing" in guide
    assert "**No abbreviated forms**" in guide and "**Épicène wording first**" in guide
    assert "### One register: *vous* and *usted*, both ways" in guide
