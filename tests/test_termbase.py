"""The termbase (termbase.yml): the build reports rejected terms in pages and
catalogs, accepts exceptions marked in place, agrees with the glossaries, and
exports as TBX that translate-toolkit reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_generator

from generator import termbase
from generator.errors import ErrorList


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def glossary_terms(language: str) -> list[str]:
    """The terms of a glossary page: each line followed by a ':   ' definition."""
    lines = (ROOT / "content" / language / "glossary.md").read_text(encoding="utf-8").splitlines()
    return [line for line, following in zip(lines, lines[1:], strict=False) if following.startswith(":   ")]


def test_the_kit_has_no_rejected_term():
    """The real pages and catalogs pass `generator check` (termbase, register, inclusive writing)."""
    result = run_generator(ROOT, "check")
    assert result.returncode == 0, result.stderr
    assert "OK: " in result.stdout


def test_rejected_terms_in_pages_and_catalogs_are_all_reported_with_their_line(project):
    """A rejected variant planted in a French page, a Spanish page and a catalog: all three reported."""
    page = project / "content/fr/employee/e4-strengths-and-perception.md"
    replace(page, "## Nommer mes points forts, preuves à l’appui", "## Nommer mes forces, preuves à l’appui")
    spanish = project / "content/es/manager/m1-your-role.md"
    text = spanish.read_text(encoding="utf-8")
    spanish.write_text(text + "\nHable con su jefe antes de la reunión.\n", encoding="utf-8")
    catalog = project / "locales/es/LC_MESSAGES/worksheets.po"
    replace(catalog, 'msgstr "Un encargo desafiante en el puesto actual"', 'msgstr "Una tarea desafiante en el puesto actual"')
    result = run_generator(project, "check")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "3 content errors:" in output
    assert (f"content/fr/employee/e4-strengths-and-perception.md:{line_of(page, 'Nommer mes forces')}: "
            "'forces' is a rejected term for strengths → use 'points forts'") in output
    assert (f"content/es/manager/m1-your-role.md:{line_of(spanish, 'su jefe antes')}: "
            "'jefe' is a rejected term for manager → use 'responsable'") in output
    assert (f"locales/es/LC_MESSAGES/worksheets.po:{line_of(catalog, 'Una tarea desafiante')}: "
            "'tarea desafiante' is a rejected term for stretch assignment → use 'encargo desafiante'") in output


def test_a_strict_build_stops_on_a_rejected_term(project):
    """The build (not only `check`) fails on a rejected variant, naming it."""
    replace(project / "locales/fr/LC_MESSAGES/theme.po", 'msgstr "Organisation"', 'msgstr "Modalité"')
    result = run_generator(project, "build", "--no-pdf")
    assert result.returncode != 0
    assert "'Modalité' is a rejected term for grouping (of a workshop activity) → use 'Organisation'" in result.stderr


def test_english_msgids_and_code_are_not_checked(project):
    """Only translations are scanned: an English msgid, inline code and a link target may hold anything."""
    page = project / "content/es/glossary.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nEl campo `jefe` y [el módulo](manager/index.md#jefe) no cuentan.\n", encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode == 0, result.stderr


def test_an_exception_marked_in_place_is_accepted(project):
    """`<!-- termbase: allow … -->` in a page and `# termbase: allow …` above a .po entry silence one variant."""
    page = project / "content/fr/employee/e4-strengths-and-perception.md"
    replace(page, "## Nommer mes points forts, preuves à l’appui",
            "## Nommer mes forces, preuves à l’appui <!-- termbase: allow forces -->")
    catalog = project / "locales/es/LC_MESSAGES/worksheets.po"
    replace(catalog, '#: worksheets/development-menu.yml:15\nmsgid "A stretch task in the current role"\n'
                     'msgstr "Un encargo desafiante en el puesto actual"',
            '# termbase: allow tarea desafiante\n#: worksheets/development-menu.yml:15\n'
            'msgid "A stretch task in the current role"\nmsgstr "Una tarea desafiante en el puesto actual"')
    assert run_generator(project, "check").returncode == 0
    # The exception covers the variant it names, not another one on the same line.
    replace(page, "## Nommer mes forces, preuves", "## Nommer mes forces et mes incontournables, preuves")
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "'incontournables' is a rejected term for non-negotiables" in result.stderr
    assert "'forces'" not in result.stderr


def test_a_broken_termbase_pattern_is_a_clear_error(project):
    """A rejected regex that does not compile names the variant and the concept."""
    replace(project / "termbase.yml", 'rejected: ["re:\\\\*\\\\*Tiempo:\\\\*\\\\*"]', 'rejected: ["re:(Tiempo"]')
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "termbase.yml: rejected variant 're:(Tiempo' of 'time (of a workshop activity)' is not a valid regular expression" in result.stderr


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_glossary_and_the_termbase_agree(language):
    """Every glossary term is a termbase concept's glossary entry holding its preferred term, and back."""
    data = yaml.safe_load((ROOT / "termbase.yml").read_text(encoding="utf-8"))
    entries = [concept[language] for concept in data["concepts"] if language in concept]
    in_termbase = {entry["glossary"]: entry["preferred"] for entry in entries if entry.get("glossary")}
    assert sorted(in_termbase) == sorted(glossary_terms(language))
    for term, preferred in in_termbase.items():
        assert preferred.casefold() in term.casefold(), (term, preferred)
    assert len(in_termbase) == {"fr": 25, "es": 24}[language]


def test_the_tbx_export_opens_with_translate_toolkit(project, tmp_path):
    """`generator tbx` writes one termEntry per concept: preferred and deprecated terms, notes per language."""
    from translate.storage import tbx

    output = tmp_path / "termbase.tbx"
    result = run_generator(project, "tbx", "-o", str(output), check=True)
    concepts = len(yaml.safe_load((project / "termbase.yml").read_text(encoding="utf-8"))["concepts"])
    assert concepts >= 58
    assert f"{concepts} concepts written to" in result.stdout
    store = tbx.tbxfile.parsefile(str(output))
    units = {unit.getid(): unit for unit in store.units}
    assert len(units) == concepts
    stretch = units["stretch-assignment"]
    assert stretch.source == "stretch assignment"
    french = stretch.get_target_terms("fr")
    assert french[0].text == "mission de développement" and not french[0].deprecated
    assert ("missions stimulantes", True) in [(term.text, term.deprecated) for term in french]
    spanish = stretch.get_target_terms("es")
    assert spanish[0].text == "encargo desafiante" and not spanish[0].deprecated
    assert spanish[0].notes[0].text == "Siempre «encargo desafiante», en singular o plural."
    # A regex variant is for the build only: it is not a term.
    assert [term.text for term in units["manager"].get_target_terms("es")] == [
        "responsable", "jefe directo", "jefa directa", "jefes directos"]


def test_literal_variants_match_whole_words_either_apostrophe_and_case_but_not_accents():
    """'mission d'élargissement' matches « Mission d’élargissement », not « émission » or unaccented text."""
    pattern = termbase.variant_pattern("mission d'élargissement")
    assert pattern.search("Une Mission d’élargissement utile")
    assert pattern.search("une mission  d'élargissement")
    assert not pattern.search("une émission d’élargissement")
    assert not pattern.search("une mission d’elargissement")
    assert not pattern.search("les missions d’élargissement")


def test_a_missing_termbase_checks_nothing(tmp_path):
    """A project without termbase.yml has an empty termbase (and no error)."""
    errors = ErrorList()
    assert termbase.load(tmp_path, errors).entries == {}
    assert errors == []


def test_every_rejected_variant_differs_from_its_preferred_term():
    """No concept rejects its own preferred term (the kit could never pass)."""
    errors = ErrorList()
    terms = termbase.load(ROOT, errors)
    assert errors == []
    for language, entries in terms.entries.items():
        for entry in entries:
            for variant in entry.rejected:
                assert not variant.pattern.search(entry.preferred), (language, entry.concept, variant.text)
    assert len(terms.concepts) == len(yaml.safe_load((ROOT / "termbase.yml").read_text(encoding="utf-8"))["concepts"])
    assert re.search(r"\bconcepts:", (ROOT / "termbase.yml").read_text(encoding="utf-8"))


def test_a_variant_that_starts_with_a_hyphenated_word_is_found(tmp_path):
    """« check-list » is looked up under the line's word "check", as lines are cut into words."""
    from generator import language_checks  # noqa: PLC0415

    terms = termbase.load(ROOT, ErrorList())
    page = tmp_path / "page.md"
    page.write_text("Gardez une check-list sous la main.\nUne contre-proposition arrive.\n", encoding="utf-8")
    found = [str(error) for error in language_checks.check_files({"fr": [(page, "page.md")]}, terms)]
    assert any(message.startswith("page.md:1: 'check-list' is a rejected term") for message in found), found
    assert any(message.startswith("page.md:2: 'contre-proposition' is a rejected term") for message in found), found
