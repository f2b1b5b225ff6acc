"""Quality gates: accessibility in Chromium (axe-core), valid HTML (Nu HTML
Checker), links and anchors, keyboard use, print, and hostile translations."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, run_generator, serve_folder
from accessibility import violations, with_axe
from links import broken_links, reachable_pages
from test_hosting import CSP, serve_with_nginx

WORKSHEET_IDS = {path.stem for path in (ROOT / "worksheets").glob("*.yml")}
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def pages_of(site: Path, language: str) -> list[Path]:
    """A language's pages: those under its folder, or for English at the root, those under none."""
    others = ("fr/", "es/")
    return [path for path in all_pages(site) if path.relative_to(site).as_posix().startswith(language)
            and (language or not path.relative_to(site).as_posix().startswith(others))]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("language", ["", "fr/", "es/"])  # one test per language: the workers share them
def test_every_page_loads_under_the_strict_csp_and_passes_axe(site, browser, language, tmp_path):
    """Every page of a language, from a real nginx at a sub-path with the
    strict CSP: each page and asset loads (no 404), no CSP violation or script
    error, nothing from another host, and WCAG 2.0, 2.1 and 2.2 A and AA rules.
    The French and Spanish worksheets have axe run on them on a phone
    (test_phone.py, every worksheet of every language), the English ones here
    too: the same form at desktop width, where its table is a table."""
    context = with_axe(browser.new_context())
    page = context.new_page()
    problems, hosts = [], set()
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" or "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    paths = [path for path in pages_of(site, language) if path.name != "404.html"]  # 404s: test_hosting
    assert len(paths) > 60, language
    with serve_with_nginx(site, tmp_path) as base:
        for path in paths:
            response = page.goto(base + path.relative_to(site).as_posix())
            assert response.headers.get("content-security-policy") == CSP
            if not (language and path.parent.name == "worksheets" and path.stem in WORKSHEET_IDS):
                problems += [f"{path.relative_to(site)}: {v}" for v in violations(page)]
    context.close()
    assert not problems, "\n".join(problems[:30])
    assert hosts == {urlsplit(base).netloc}


@pytest.mark.browser
def test_the_accessibility_check_finds_what_it_checks_for(page):
    """The checker every accessibility test relies on (axe, violations only)
    reports a picture with no text alternative, a field with no label and
    grey text too faint to read, each with the element it found."""
    page.set_content('<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="9" height="9">'
                     '<input type="text"><p style="color:#ccc;background:#fff">faint</p></main></body></html>')
    found = violations(page)
    assert {v.split(" ")[0] for v in found} == {"image-alt", "label", "color-contrast"}, found
    assert any("img" in v for v in found if v.startswith("image-alt")), found


def test_every_page_is_reached_by_links_from_the_home_page(site):
    """A reader following links from the home page reaches every page (but the
    404 pages and the search page, which the search box opens)."""
    pages = {path.relative_to(site).as_posix() for path in all_pages(site)}
    unreached = {page for page in pages - reachable_pages(site)
                 if not page.endswith(("404.html", "search.html"))}
    assert not unreached, sorted(unreached)


def test_the_whole_site_is_valid_html(site):
    if not VNU.exists():
        pytest.fail("vnu-jar is missing: `make test` installs it with npm")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages if m.get("type") == "error"]
    assert not errors, "\n".join(errors[:20])


def test_every_internal_link_and_anchor_resolves(site):
    """Links, alternates and anchors of every page lead to something that exists."""
    broken = broken_links(site)
    assert not broken, "\n".join(broken[:20])


@pytest.mark.browser
def test_keyboard_only_fill_a_worksheet(site, page):
    with serve_folder(site) as base:
        page.goto(f"{base}/fr/worksheets/check-in.html")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        focused = []
        for _ in range(40):
            page.keyboard.press("Tab")
            name = page.evaluate("document.activeElement.name || ''")
            focused.append(name)
            if name == "check-in.satisfaction":
                break
        assert "check-in.satisfaction" in focused
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert page.is_checked('input[name="check-in.satisfaction"][value="3"]')
        while page.evaluate("document.activeElement.name || ''") != "check-in.feeling":
            page.keyboard.press("Tab")
        page.keyboard.type("Au clavier seulement")
        page.wait_for_timeout(100)
        page.reload()
        assert page.input_value('textarea[name="check-in.feeling"]') == "Au clavier seulement"


@pytest.mark.browser
def test_keyboard_only_switch_language_and_search(site, page):
    with serve_folder(site) as base:
        page.goto(f"{base}/es/manager/m3-listening-and-feedback.html")
        for _ in range(15):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('lang')") == "fr":
                break
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/fr/manager/m3-listening-and-feedback.html")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "site-search"
        page.keyboard.type("écoute")
        page.keyboard.press("Enter")
        page.wait_for_selector("#search-results li")
        assert page.locator("#search-results li").count() >= 2


@pytest.mark.browser
def test_print_has_no_navigation_and_loses_no_text(site, page, tmp_path):
    """Printed from Chromium: no navigation, the last words are there, pages render."""
    with serve_folder(site) as base:
        for path in ("fr/employee/e2-what-matters.html", "es/worksheets/idp.html"):
            page.goto(f"{base}/{path}")
            page.emulate_media(media="print")
            target = tmp_path / (Path(path).stem + ".pdf")
            page.pdf(path=str(target), format="A4", print_background=True)
            text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
            assert "Rechercher" not in text and "Buscar" not in text, "the header printed"
            assert "English" not in text, "the language switcher printed"
            final = page.evaluate("[...document.querySelectorAll('article p')].filter(p => p.offsetParent).pop().innerText")
            assert " ".join(final.split()[-4:]) in " ".join(text.split())
            subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")], check=True)
            assert any(tmp_path.glob("p*.png"))


def test_hostile_translations_show_as_text(no_pdf_site, browser):
    """A <script> in a catalog or markup in a page title is shown, never run."""
    site = no_pdf_site
    french = (site / "fr/index.html").read_text(encoding="utf-8")
    assert "<script>window.pwned" not in french and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in french
    context = browser.new_context()
    tab = context.new_page()
    with serve_folder(site) as base:
        for path in ("fr/index.html", "es/worksheets/check-in.html", "es/trust.html"):
            tab.goto(f"{base}/{path}")
            tab.wait_for_timeout(100)
            assert tab.evaluate("window.pwned") is None, path
            assert tab.locator('img[src="x"]').count() == 0, path
    context.close()


def test_missing_image_and_oversized_page_are_refused(project):
    page = project / "content/fr/champion.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![Schéma](images/absent.png)\n", encoding="utf-8")
    big = project / "content/es/glossary.md"
    big.write_text(big.read_text(encoding="utf-8") + ("Una línea de relleno. " * 40000), encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert re.search(r"content/fr/champion.md:\d+: the image 'images/absent.png' does not exist", result.stderr)
    assert re.search(r"content/es/glossary.md: the page is \d+ KB, over the 512 KB limit → split it", result.stderr)
