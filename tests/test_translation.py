"""Translation workflow: status of pages, stale and fallback notices, a fourth
language with no code change, locale formats and French typography."""

from __future__ import annotations

import json
import re
from datetime import date, time

from links import broken_links
from conftest import run_generator

from generator import dates, typography
from generator.languages import Language


def test_status_lists_current_pages_and_marks_stale_ones(project):
    """Changing an English page makes its translations stale until marked current."""
    result = run_generator(project, "status", check=True)
    assert "  current       35  career-paths.md, case-study.md, champion.md, employee/e1-owning-my-career.md" in result.stdout
    assert "  stale          0  \n" in result.stdout
    page = project / "content/en/employee/e3-picturing-success.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more thing to picture.\n", encoding="utf-8")
    report = project / "status.json"
    result = run_generator(project, "status", "--json", str(report), check=True)
    assert "  stale          1  employee/e3-picturing-success.md" in result.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["fr"]["stale"] == ["employee/e3-picturing-success.md"]
    assert data["es"]["stale"] == ["employee/e3-picturing-success.md"]
    run_generator(project, "mark-current", "fr", "content/fr/employee/e3-picturing-success.md", check=True)
    data = json.loads(run_generator(project, "status", "--json", str(report), check=True) and report.read_text())
    assert data["fr"]["stale"] == [] and data["es"]["stale"] == ["employee/e3-picturing-success.md"]


def test_stale_page_shows_a_notice_in_the_readers_language(project):
    page = project / "content/en/trust.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    run_generator(project, "build", "--no-pdf", check=True)
    french = (project / "site/fr/trust.html").read_text(encoding="utf-8")
    assert 'class="notice notice-stale"' in french
    assert "L’original anglais a été modifié depuis cette traduction." in french
    spanish = (project / "site/es/trust.html").read_text(encoding="utf-8")
    assert "El original en inglés ha cambiado desde que se hizo esta traducción" in spanish
    assert "notice-stale" not in (project / "site/fr/glossary.html").read_text(encoding="utf-8")


def add_language(project, code="de", name="Deutsch"):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = f"        - locale: {code}\n          name: {name}\n          extra: {{translation: in-progress}}\n"
    config.write_text(text.replace("  - career-kit:", entry + "  - career-kit:", 1)
                      if "  - career-kit:" in text else text, encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    marker = "        - locale: es\n          name: Español\n"
    config.write_text(text.replace(entry, "").replace(marker, marker + entry), encoding="utf-8")
    folder = project / "content" / code
    folder.mkdir()
    (folder / "index.md").write_text(
        "---\ntitle: Willkommen\ndescription: Das Kit für Karrieregespräche.\nrole: shared\n---\n\n"
        "Karriere ist eine Partnerschaft zu dritt.\n", encoding="utf-8")
    messages = project / "locales" / code / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "theme.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\n'
        'msgid "This page has not been translated into %(language)s yet. You are reading the English original."\n'
        'msgstr "Diese Seite ist noch nicht auf %(language)s übersetzt. Sie lesen das englische Original."\n',
        encoding="utf-8")


def test_a_fourth_language_needs_no_code_change(project):
    """A folder, a catalog and one mkdocs.yml entry; missing pages fall back with a notice."""
    add_language(project)
    run_generator(project, "build", "--no-pdf", check=True)
    site = project / "site"
    home = (site / "de/index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in home and "Karriere ist eine Partnerschaft" in home
    assert "notice-fallback" not in home
    fallback = (site / "de/employee/e1-owning-my-career.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in fallback
    assert '<article lang="en">' in fallback, "the text is English and must say so"
    assert "Diese Seite ist noch nicht auf Deutsch übersetzt. Sie lesen das englische Original." in fallback
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', fallback, re.S).group(0)
    assert re.findall(r'lang="(\w+)" hreflang', switcher) == ["en", "fr", "es", "de"]
    french = (site / "fr/employee/e1-owning-my-career.html").read_text(encoding="utf-8")
    assert 'href="../../de/employee/e1-owning-my-career.html" lang="de" hreflang="de" class="untranslated"' in french
    assert "(pas encore traduit)" in french
    assert (site / "de/assets/search-index.js").exists() and (site / "de/404.html").exists()
    alternates = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', fallback)
    assert alternates[0] == ("en", "../../employee/e1-owning-my-career.html")
    assert broken_links(site, pdfs=False) == []


def test_dates_numbers_and_times_follow_each_language():
    day = date(2026, 11, 22)
    assert dates.formatted(day, Language("en", "English", default=True).locale) == "22 November 2026"
    assert dates.formatted(day, Language("fr", "Français").locale) == "22 novembre 2026"
    assert dates.formatted(day, Language("es", "Español").locale) == "22 de noviembre de 2026"
    from babel.dates import format_time
    assert format_time(time(9, 5), format="short", locale=Language("es", "Español").locale) == "9:05"
    assert format_time(time(9, 5), format="short", locale=Language("fr", "Français").locale) == "09:05"
    assert Language("fr", "Français").display_name(Language("es", "Español")) == "francés"
    assert Language("es", "Español").display_name(Language("fr", "Français")) == "espagnol"


def test_built_pages_carry_localised_dates(site):
    french = (site / "fr/index.html").read_text(encoding="utf-8")
    assert re.search(r"Dernière mise à jour\u00a0: \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|"
                     r"septembre|octobre|novembre|décembre) 20\d\d", french)
    spanish = (site / "es/index.html").read_text(encoding="utf-8")
    assert re.search(r"Última actualización: \d{1,2} de [a-z]+ de 20\d\d", spanish)


def test_french_typography_spaces():
    assert typography.french_text("Pourquoi ? Voici : « le plan » ; enfin !") == \
        "Pourquoi\u202f? Voici\u00a0: «\u202fle plan\u202f»\u202f; enfin\u202f!"
    assert typography.french_text("Et alors?") == "Et alors\u202f?"


def test_french_typography_leaves_code_urls_attributes_and_scripts_alone():
    html = ('<p title="Note : x ?">Lien : <a href="https://exemple.fr/a?b=1">ici</a> à 10:30, '
            'https://exemple.fr/page?x=1</p><code>a : b ?</code><script>if (a ? b : c) {}</script>')
    out = typography.french_html(html)
    assert 'title="Note : x ?"' in out and 'href="https://exemple.fr/a?b=1"' in out
    assert "Lien\u00a0:" in out and "10:30" in out and "https://exemple.fr/page?x=1" in out
    assert "<code>a : b ?</code>" in out and "<script>if (a ? b : c) {}</script>" in out


def test_french_headings_in_the_built_site_have_narrow_spaces(site):
    html = (site / "fr/employee/e1-owning-my-career.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h[23][^>]*>([^<]*[?!:;][^<]*)</h[23]>", html)
    assert headings, "expected a French heading with ? ! : or ;"
    for heading in headings:
        assert not re.search(r" [?!;:]", heading), heading
    assert "Questions de réflexion" in html
    assert "Dans ce module" in html and "Vous serez en mesure de\u00a0:" in html


def test_every_extracted_string_is_in_each_complete_catalog(tmp_path):
    """What Babel finds in the templates, the code and the definitions today is
    in the French and Spanish catalogs: no UI string can reach a page untranslated."""
    import subprocess
    import sys

    from babel.messages.pofile import read_po

    from conftest import ROOT

    for domain in ("theme", "worksheets", "sessions"):
        pot = tmp_path / f"{domain}.pot"
        # -k as in the Makefile: the browser's plural strings (theme templates' plural_forms).
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "--omit-header",
                        "-F", f"babel/{domain}.cfg", "-k", "plural_forms:1,2", "-o", str(pot), "."],
                       cwd=ROOT, check=True, capture_output=True)
        wanted = {m.id for m in read_po(pot.open("rb")) if m.id}
        assert wanted, domain
        for language in ("fr", "es"):
            with (ROOT / "locales" / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
                have = {m.id for m in read_po(handle) if m.id and m.string and not m.fuzzy}
            assert not wanted - have, f"{language}/{domain}.po lacks {sorted(wanted - have)[:5]}"
