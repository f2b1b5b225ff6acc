"""Whole-site work after the last language: the sitemap and the offline check.

The offline check reads every HTML, CSS and JS file of the built site and
fails the build on anything that would load from another host: scripts,
stylesheets, fonts, images, frames, CSS url() and @import, preconnects. Plain
links to outside pages are allowed: they load nothing until followed.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape

from .errors import ErrorList

REMOTE = r"(?:[a-z][a-z0-9+.-]*:)?//"  # http://, https://, //host
TAG = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object|track|input|form|image|use)\b([^>]*)>", re.I | re.S)
ATTR = re.compile(r"""\b(src|href|srcset|data|poster|action|xlink:href|formaction)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
JS_FETCH = re.compile(r"""(?:fetch|XMLHttpRequest|sendBeacon|EventSource|WebSocket|importScripts)\s*\(\s*['"](?:https?:)?//""", re.I)
STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.I | re.S)
STYLE_ATTR = re.compile(r"""\bstyle\s*=\s*("[^"]*"|'[^']*')""", re.I)
LOADING_REL = re.compile(r"""rel\s*=\s*["']?[^"'>]*(stylesheet|icon|preload|prefetch|preconnect|dns-prefetch|modulepreload|manifest)""", re.I)
CSS_ESCAPE = re.compile(r"\\([0-9a-f]{1,6})\s?", re.I)
# Two slashes, or a slash written as an HTML entity or a CSS escape: a file
# with none of these has nothing to check (most pages).
MAY_BE_REMOTE = re.compile(r"//|&#0*47;|&#x0*2f;|&sol;|\\0*2f", re.I)


CHECKED = (".html", ".css", ".js", ".svg", ".xml")  # the files that can make a browser load something


def _is_remote(url: str) -> bool:
    return bool(re.match(REMOTE, url.strip(), re.I)) and not url.strip().lower().startswith("file:")


def check_offline(site: Path) -> ErrorList:
    """Check every file of the site that can load something."""
    errors = ErrorList()
    for folder, _, names in os.walk(site):  # os.walk and strings: pathlib is slow over a whole site
        for name in names:
            suffix = os.path.splitext(name)[1].lower()
            if suffix in CHECKED and name != "sitemap.xml":
                _check_file(site, Path(folder, name), suffix, errors)
    return errors


def _check_file(site: Path, path: Path, suffix: str, errors: ErrorList) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    if not MAY_BE_REMOTE.search(text):
        return  # most pages: no "//" at all, written or encoded
    shown = f"site/{path.relative_to(site).as_posix()}"
    if suffix in (".html", ".svg"):
        for match in TAG.finditer(text):
            tag, attributes = match.group(1).lower(), match.group(2)
            if tag == "link" and not LOADING_REL.search(attributes):
                continue
            for name, value in ATTR.findall(attributes):
                value = html.unescape(value.strip("\"'"))  # the browser decodes &#47; too
                candidates = value.split(",") if name.lower() == "srcset" else [value]
                for candidate in candidates:
                    if _is_remote(candidate.strip().split(" ")[0]):
                        line = text.count("\n", 0, match.start()) + 1
                        errors.add(shown, line, f"<{tag} {name}> loads from another host: {candidate.strip()}",
                                   "ship the file with the site (theme/assets/ or content/) and link it relatively")
        css = " ".join(STYLE_BLOCK.findall(text) + [html.unescape(m.strip("\"'")) for m in STYLE_ATTR.findall(text)])
    else:
        css = text if suffix == ".css" else ""
    for match in CSS_URL.finditer(css):
        url = CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), match.group(2) or match.group(4) or "")
        if url and _is_remote(url):
            errors.add(shown, None, f"CSS loads from another host: {url}",
                       "ship the file with the site and use a relative url()")
    if suffix == ".js" and JS_FETCH.search(text):
        errors.add(shown, None, "a script requests another host",
                   "the kit must work offline: remove the request")


def write_sitemap(site: Path, site_url: str | None, languages, tree, generated_paths) -> None:
    """sitemap.xml with every page and its alternates in the other languages
    (the search page left out: it has nothing of its own to index)."""
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
