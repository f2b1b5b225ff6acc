"""Whole-site work after the last language: the sitemap and the offline check.

The offline check parses every HTML and SVG file of the built site (lxml) and
reads every CSS and JS file, and fails the build on anything that would load
from another host: scripts, stylesheets, fonts, images (`src`, `srcset`, SVG
`href`), frames, objects, a `<base href>` that would send every relative URL
elsewhere, a `<meta http-equiv="refresh">` to another host, CSS `url()` and
`@import` (in files, `<style>` and `style=""`), preconnects. Plain links to
outside pages are allowed: they load nothing until followed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape

from lxml import etree, html

from .errors import ErrorList

REMOTE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //host
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
CSS_ESCAPE = re.compile(r"\\([0-9a-f]{1,6})\s?", re.I)
# A script's request to another host: one of these calls on a string naming a
# host. The regex finds the string (it starts with a literal "(", which re
# searches for quickly); the call's name is then checked before it. Searching
# for the names first took 30 ms per vendored library, every build.
JS_CALLS = ("fetch", "xmlhttprequest", "sendbeacon", "eventsource", "websocket", "importscripts")
JS_REMOTE_STRING = re.compile(r"""\(\s*['"](?:https?:)?//""", re.I)
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.I)
# Two slashes, or a slash written as an HTML entity or a CSS escape: a file
# with none of these cannot name another host (most pages), so it is not parsed.
MAY_BE_REMOTE = re.compile(r"//|&#0*47;|&#x0*2f;|&sol;|\\0*2f", re.I)
# <link rel=…> values that make the browser fetch the href.
LOADING_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                "modulepreload", "manifest", "mask-icon"}
# Attributes that load what they name, on any element (HTML or SVG).
LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "action", "formaction", "background")
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
CHECKED = (".html", ".css", ".js", ".svg", ".xml")  # the files that can make a browser load something


def _is_remote(url: str) -> bool:
    return bool(REMOTE.match(url)) and not url.strip().lower().startswith("file:")


def check_offline(site: Path, skip: frozenset[str] | set[str] = frozenset()) -> ErrorList:
    """Check every file of the site that can load something (but the files in
    `skip`, paths as strings, which the background worker checked)."""
    paths = []
    for folder, _, names in os.walk(site):  # os.walk and strings: pathlib is slow over a whole site
        for name in names:
            path = os.path.join(folder, name)
            if os.path.splitext(name)[1].lower() in CHECKED and name != "sitemap.xml" and os.path.normpath(path) not in skip:
                paths.append(Path(path))
    return check_files(site, paths)


def check_files(site: Path, paths) -> ErrorList:
    """Check these files of the site."""
    errors = ErrorList()
    for path in paths:
        check_text(path.read_text(encoding="utf-8", errors="replace"), path.suffix.lower(),
                   f"site/{path.relative_to(site).as_posix()}", errors)
    return errors


def check_text(text: str, suffix: str, shown: str, errors: ErrorList) -> None:
    """Report in `errors` what in one file's text would load from another host."""
    if not MAY_BE_REMOTE.search(text):
        return
    if suffix in (".html", ".svg"):
        _check_markup(text, suffix, shown, errors)
    elif suffix == ".css":
        _check_css(text, shown, None, errors)
    elif suffix == ".js" and _requests_another_host(text):
        errors.add(shown, None, "a script requests another host", "the kit must work offline: remove the request")


def _requests_another_host(script: str) -> bool:
    return any(script[max(0, found.start() - 20):found.start()].rstrip().lower().endswith(JS_CALLS)
               for found in JS_REMOTE_STRING.finditer(script))


def _check_markup(text: str, suffix: str, shown: str, errors: ErrorList) -> None:
    try:
        if suffix == ".svg":
            root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
        else:
            root = html.document_fromstring(text)
    except (etree.ParserError, etree.XMLSyntaxError) as exc:
        errors.add(shown, None, f"the file cannot be parsed: {exc}", "fix the markup")
        return
    fix = "ship the file with the site (theme/assets/ or content/) and link it relatively"
    for element in root.iter(etree.Element):
        tag = etree.QName(element).localname.lower()
        line = element.sourceline
        for name in LOADING_ATTRIBUTES:
            value = element.get(name)
            if value is None:
                continue
            candidates = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            for candidate in candidates:
                if _is_remote(candidate):
                    errors.add(shown, line, f"<{tag} {name}> loads from another host: {candidate.strip()}", fix)
        href = element.get("href") or element.get(XLINK_HREF) or element.get("xlink:href")  # HTML keeps the prefix
        if href is not None and _is_remote(href) and _href_loads(tag, element, suffix):
            errors.add(shown, line, f"<{tag} href> loads from another host: {href.strip()}",
                       "a <base> elsewhere sends every relative link there: remove it" if tag == "base" else fix)
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            target = REFRESH_URL.search(element.get("content") or "")
            if target and _is_remote(target.group(1)):
                errors.add(shown, line, f"<meta http-equiv=refresh> sends the reader to another host: "
                                        f"{target.group(1).strip()}", "point it to a page of the site, relatively")
        if tag == "style" and element.text:
            _check_css(element.text, shown, line, errors)
        if element.get("style"):
            _check_css(element.get("style"), shown, line, errors)


def _href_loads(tag: str, element, suffix: str) -> bool:
    """Whether an element's href makes the browser load it: <link rel=stylesheet>
    and the like, <base>, and SVG's <image>, <use>, <feImage> and <script>
    (an <a href> only leads somewhere when followed)."""
    if tag == "link":
        return bool(LOADING_RELS & set((element.get("rel") or "").lower().split()))
    if tag == "base":
        return True
    in_svg = suffix == ".svg" or any(etree.QName(parent).localname.lower() == "svg" for parent in element.iterancestors())
    return in_svg and tag in ("image", "use", "feimage", "script")


def _check_css(css: str, shown: str, line: int | None, errors: ErrorList) -> None:
    for match in CSS_URL.finditer(css):
        url = CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), match.group(2) or match.group(4) or "")
        if url and _is_remote(url):
            errors.add(shown, line, f"CSS loads from another host: {url}",
                       "ship the file with the site and use a relative url()")


def write_sitemap(site: Path, site_url: str | None, languages, tree, generated_paths) -> None:
    """sitemap.xml with every page and its alternates in the other languages
    (the search page left out: it has nothing of its own to index).

    Ours rather than mkdocs-static-i18n's: its sitemap lists only the files it
    chose itself, so the generated pages (added after it) would have no
    alternates, and a language in progress would list the English fallbacks
    as its own pages."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    sources = list(tree.source_paths()) + sorted(p for p in generated_paths if p != "search.md")
    paths = [str(PurePosixPath(p).with_suffix(".html")) for p in sources]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in paths:
        if path in ("404.html",):
            continue
        for language in languages:
            lines.append(f"  <url><loc>{escape(base + language.prefix + path)}</loc>")
            for alternate in languages:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{alternate.code}" '
                             f'href="{escape(base + alternate.prefix + path)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    (site / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
