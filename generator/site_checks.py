"""Whole-site work after the last language: the sitemap and the offline check.

The offline check reads every HTML, CSS and JS file of the built site and
fails the build on anything that would load from another host: scripts,
stylesheets, fonts, images, frames, CSS url() and @import, preconnects. Plain
links to outside pages are allowed: they load nothing until followed.
"""

from __future__ import annotations

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


def _is_remote(url: str) -> bool:
    return bool(re.match(REMOTE, url.strip(), re.I)) and not url.strip().lower().startswith("file:")


def check_offline(site: Path) -> ErrorList:
    errors = ErrorList()
    for path in sorted(site.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in (".html", ".css", ".js", ".svg", ".xml") or path.name == "sitemap.xml":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = path.relative_to(site).as_posix()
        if suffix in (".html", ".svg"):
            for match in TAG.finditer(text):
                tag, attributes = match.group(1).lower(), match.group(2)
                if tag == "link" and not re.search(r"""rel\s*=\s*["']?[^"'>]*(stylesheet|icon|preload|prefetch|preconnect|dns-prefetch|modulepreload|manifest)""", attributes, re.I):
                    continue
                for name, value in ATTR.findall(attributes):
                    value = value.strip("\"'")
                    candidates = value.split(",") if name.lower() == "srcset" else [value]
                    for candidate in candidates:
                        if _is_remote(candidate.strip().split(" ")[0]):
                            line = text.count("\n", 0, match.start()) + 1
                            errors.add(f"site/{shown}", line, f"<{tag} {name}> loads from another host: {candidate.strip()}",
                                       "ship the file with the site (theme/assets/ or content/) and link it relatively")
            css = " ".join(STYLE_BLOCK.findall(text) + [m.strip("\"'") for m in STYLE_ATTR.findall(text)])
        else:
            css = text if suffix == ".css" else ""
        for match in CSS_URL.finditer(css):
            url = match.group(2) or match.group(4)
            if url and _is_remote(url):
                errors.add(f"site/{shown}", None, f"CSS loads from another host: {url}",
                           "ship the file with the site and use a relative url()")
        if suffix == ".js" and JS_FETCH.search(text):
            errors.add(f"site/{shown}", None, "a script requests another host",
                       "the kit must work offline: remove the request")
    return errors


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
