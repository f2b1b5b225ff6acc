"""Per-language search: an index built at build time, served as a script.

MkDocs' own search loads one JSON index for all languages through XHR in a web
worker, which fails from file:// and mixes languages. We write one index per
language as `<lang>/assets/search-index.js`, a plain script that works from disk
and under any sub-path. Words are stemmed here with Snowball for the page's
language; the index also maps every word form seen in the pages to its stem, so
the browser needs no stemmer of its own: it looks a typed word up in that map,
or matches it as a prefix of known forms.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "de": "german", "it": "italian",
            "pt": "portuguese", "nl": "dutch", "ca": "catalan", "ro": "romanian", "sv": "swedish",
            "da": "danish", "no": "norwegian", "fi": "finnish"}
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)  # "d’aujourd’hui" is one word
TAG = re.compile(r"<[^>]+>")
SKIP_BLOCKS = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S | re.I)
HEADING = re.compile(r"<h[1-4][^>]*>(.*?)</h[1-4]>", re.S | re.I)
# French and Spanish elisions: "l’entretien" is found as "entretien".
ELIDED = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"})
TITLE_WEIGHT, HEADING_WEIGHT = 10, 4


COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lowercase without accents, so 'Développement' is typed as 'developpement'."""
    return COMBINING.sub("", unicodedata.normalize("NFD", text.lower()))


def plain_text(fragment: str) -> str:
    text = SKIP_BLOCKS.sub(" ", fragment)
    return re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", text))).strip()


@lru_cache(maxsize=200_000)
def _word_form(word: str) -> str:
    """A word as the index keeps it: folded, without an elided article ("L’équipe" → "equipe")."""
    folded = fold(word)
    head, apostrophe, tail = folded.replace("’", "'").partition("'")
    return folded[len(head) + 1:] if apostrophe and head in ELIDED else folded


@cache
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=200_000)
def _stem(algorithm: str | None, folded: str) -> str:
    """Stems are cached across languages' builds and `serve` rebuilds."""
    return _stemmer(algorithm).stemWord(folded) if algorithm else folded


@dataclass
class Document:
    title: str
    url: str  # relative to the language's root, e.g. "employee/e1-owning-my-career.html"
    section: str
    text: str
    headings: list[str]

    @classmethod
    def from_html(cls, title: str, url: str, section: str, content_html: str) -> Document:
        headings = [plain_text(h) for h in HEADING.findall(content_html)]
        return cls(title, url, section, plain_text(content_html), headings)


class SearchIndex:
    """Collects one language's pages, then writes its index script."""

    def __init__(self, language: str):
        self.language = language
        self._algorithm = STEMMERS.get(language.split("-")[0])
        self._pages: list[tuple[str, str, str, str]] = []

    def add(self, title: str, url: str, section: str, content_html: str) -> None:
        """Keep a page for the index; its text is taken out of the HTML when the
        index is built (in the background, see plugin.py)."""
        self._pages.append((title, url, section, content_html))

    def build(self) -> dict:
        documents = [Document.from_html(*page) for page in self._pages]
        forms: dict[str, str] = {}  # word form → stem, shipped for the browser
        stem_of: dict[str, str] = {}  # word as written → stem ("" for one-letter words)
        postings: dict[str, list[list[int]]] = defaultdict(list)
        for number, document in enumerate(documents):
            # Count the words as written first: pages repeat their words, so
            # folding and stemming happen once per distinct word, not per use.
            counts = Counter(WORD.findall(document.text))
            for text, weight in [(document.title, TITLE_WEIGHT)] + [(h, HEADING_WEIGHT) for h in document.headings]:
                for word in WORD.findall(text):
                    counts[word] += weight
            weights: dict[str, int] = defaultdict(int)
            for word, count in counts.items():
                stem = stem_of.get(word)
                if stem is None:
                    form = _word_form(word)
                    stem = stem_of[word] = "" if len(form) < 2 else forms.setdefault(form, _stem(self._algorithm, form))
                if stem:
                    weights[stem] += count
            for stem, weight in weights.items():
                postings[stem].append([number, weight])  # documents in ascending order
        return {
            "lang": self.language,
            "docs": [{"t": d.title, "u": d.url, "s": d.section, "p": d.text[:400]} for d in documents],
            "forms": dict(sorted(forms.items())),
            "stems": dict(sorted(postings.items())),
        }

    def script(self) -> str:
        data = json.dumps(self.build(), ensure_ascii=False, separators=(",", ":"))
        # Escape '<' so that no text in the index can close the script early.
        return "window.careerKitSearchIndex=" + data.replace("<", "\\u003c") + ";\n"

    def write(self, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.script(), encoding="utf-8")
