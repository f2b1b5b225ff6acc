"""The site's internal links, for the tests that check none is broken."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag in ("a", "link") and attributes.get("href"):  # <link>: alternates, stylesheets, icons
            self.links.append(attributes["href"])


def _internal(href: str) -> bool:
    """A link to a file of the site (not to another host, a mail address or a phone)."""
    return not (urlsplit(href).scheme or href.startswith("//"))


def broken_links(site: Path, pdfs: bool = True) -> list[str]:
    """Every link and anchor in the site's pages that leads nowhere, as
    'page: href' (404 pages left out: their links are absolute from site_url's
    path, and checked under nginx). `pdfs=False` for a site built without them."""
    parsed = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path.resolve()] = parser
    broken = []
    for path, parser in parsed.items():
        if path.name == "404.html":
            continue
        for href in parser.links:
            if not _internal(href):
                continue
            target, fragment = urldefrag(href)
            if not pdfs and target.endswith(".pdf"):
                continue
            target_path = (path.parent / unquote(target.split("?")[0])).resolve() if target else path
            if not target_path.exists():
                broken.append(f"{path.relative_to(site.resolve())}: {href}")
            elif fragment and target_path.suffix == ".html" and fragment not in parsed[target_path].ids:
                broken.append(f"{path.relative_to(site.resolve())}: #{fragment} missing in {target}")
    return broken


def reachable_pages(site: Path, start: str = "index.html") -> set[str]:
    """The pages a reader reaches by following links (<a href>) from `start`, as
    paths inside the site."""
    site = site.resolve()
    seen, queue = set(), [site / start]
    while queue:
        path = queue.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        for href in parser.links:
            target = urldefrag(href)[0].split("?")[0]
            if target.endswith(".html") and _internal(target):
                queue.append((path.parent / unquote(target)).resolve())
    return {path.relative_to(site).as_posix() for path in seen}
