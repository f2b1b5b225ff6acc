"""The built site: languages, switcher, search indexes, 404s, alternates, offline."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from generator import search, site_checks

LANGS = {"": "en", "fr/": "fr", "es/": "es"}


def pages_of(site: Path, prefix: str) -> list[Path]:
    folder = site / prefix if prefix else site
    others = [site / p for p in LANGS if p and p != prefix]
    return [p for p in folder.rglob("*.html") if not any(p.is_relative_to(o) for o in others)]


def test_every_page_declares_its_language(site):
    """Each language's pages say so in <html lang>."""
    for prefix, lang in LANGS.items():
        pages = pages_of(site, prefix)
        assert len(pages) > 40, f"too few pages in {lang}"
        for page in pages:
            match = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8"))
            assert match and match.group(1) == lang, page


def test_french_pages_link_to_their_spanish_and_english_twins(site):
    """Every switcher and hreflang link points to a file that exists, in its language."""
    for prefix in LANGS:
        for page in pages_of(site, prefix):
            if page.name == "404.html":
                continue
            html = page.read_text(encoding="utf-8")
            switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
            links = re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switcher)
            assert [lang for _, lang in links] == ["en", "fr", "es"], page
            for href, lang in links:
                target = (page.parent / href).resolve()
                assert target.exists(), f"{page}: {href}"
                expected_root = site / next(p for p, code in LANGS.items() if code == lang)
                assert target.is_relative_to(expected_root.resolve())
                assert target.relative_to(expected_root.resolve()).as_posix() == \
                    page.relative_to(site / prefix if prefix else site).as_posix()
            alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
            assert sorted(lang for lang, _ in alternates) == ["en", "es", "fr"]


def load_index(site: Path, prefix: str) -> dict:
    script = (site / prefix / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.careerKitSearchIndex=")
    return json.loads(script[len("window.careerKitSearchIndex="):].rstrip().rstrip(";"))


def test_each_language_has_its_own_search_index(site):
    """A French reader searches French pages only, stemmed for French."""
    for prefix, lang in LANGS.items():
        index = load_index(site, prefix)
        assert index["lang"] == lang
        assert len(index["pages"]) > 40 and len(index["sections"]) > 200
        for doc in index["pages"]:
            target = site / prefix / doc["u"]
            assert target.exists(), doc["u"]
            assert f'<html lang="{lang}"' in target.read_text(encoding="utf-8")
    stems = {lang: search.decode_stems(load_index(site, prefix)["stems"]) for prefix, lang in LANGS.items()}
    # Stemming: plural and singular forms share a stem, found by either.
    assert stems["fr"]["entretiens"] == stems["fr"].get("entretien", "entretien") == "entretien"
    assert stems["es"]["conversaciones"] == stems["es"]["conversacion"] == "convers"
    english, spanish = load_index(site, ""), load_index(site, "es/")
    assert not any("entretien" in section[3] for section in english["sections"] + spanish["sections"])


def test_each_language_has_its_own_404(site):
    """A 404 page in each language, in that language."""
    expected = {"": ("en", "Page not found"), "fr/": ("fr", "Page introuvable"), "es/": ("es", "Página no encontrada")}
    for prefix, (lang, heading) in expected.items():
        html = (site / prefix / "404.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        assert f"<h1>{heading}</h1>" in html


def test_sitemap_lists_every_page_with_its_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://careers.example.org/fr/employee/e1-owning-my-career.html</loc>" in sitemap
    assert 'hreflang="es" href="https://careers.example.org/es/employee/e1-owning-my-career.html"' in sitemap
    # every page but the 404 and the search page, in each of the three languages
    assert sitemap.count("<url>") == 3 * (len(pages_of(site, "")) - 2)


def test_nothing_loads_from_another_host(site):
    """No script, style, font, image or frame from elsewhere; links may point out."""
    assert not site_checks.check_offline(site)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag, url in re.findall(r'<(script|link|img|iframe)\b[^>]*?(?:src|href)="([^"]+)"', html):
            assert not urlsplit(url).netloc and not url.startswith("//"), f"{page}: {tag} {url}"
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            assert "//" not in url, f"{css}: {url}"


def test_module_pages_show_objectives_duration_worksheets_and_takeaways(site):
    html = (site / "fr/employee/e7-planning-and-preparing.html").read_text(encoding="utf-8")
    assert 'href="../worksheets/idp.html"' in html and "../worksheets/pdf/idp-fr-a4.pdf" in html
    assert '<h2 id="takeaways-heading" lang="fr">À retenir</h2>' in html
    assert re.search(r'<aside class="module-facts"', html)


def test_fallback_notice_absent_on_translated_pages(site):
    for prefix in ("fr/", "es/"):
        html = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert "notice-fallback" not in html
        assert '<article lang="' + LANGS[prefix] + '"' in html


def test_previous_and_next_follow_the_role_path(site):
    html = (site / "es/manager/m2-running-the-conversation.html").read_text(encoding="utf-8")
    assert 'rel="prev"' in html and 'href="m1-your-role.html" rel="prev"' in html
    assert 'href="m3-listening-and-feedback.html" rel="next"' in html


def test_print_stylesheet_hides_navigation(site):
    css = (site / "assets/css/print.css").read_text(encoding="utf-8")
    hidden = re.search(r"^([^{}]+)\{\s*display:\s*none !important;\s*\}", css, re.M).group(1)
    assert {".site-header", ".role-nav", ".section-nav", ".pager"} <= {s.strip() for s in hidden.split(",")}
    assert 'content: " (" attr(href) ")"' in css


def test_fonts_are_bundled_and_small(site):
    fonts = list((site / "assets/fonts").glob("*.woff2"))
    assert len(fonts) == 3
    assert sum(f.stat().st_size for f in fonts) <= 150 * 1024
