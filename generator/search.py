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

import snowballstemmer

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "de": "german", "it": "italian",
            "pt": "portuguese", "nl": "dutch", "ca": "catalan", "ro": "romanian", "sv": "swedish",
            "da": "danish", "no": "norwegian", "fi": "finnish"}
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
TAG = re.compile(r"<[^>]+>")
SKIP_BLOCKS = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S | re.I)
HEADING = re.compile(r"<h[1-4][^>]*>(.*?)</h[1-4]>", re.S | re.I)
# French and Spanish elisions: "l’entretien" is found as "entretien".
ELISION = re.compile(r"\b(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’](?=\w)", re.I)
TITLE_WEIGHT, HEADING_WEIGHT = 10, 4


COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lowercase without accents, so 'Développement' is typed as 'developpement'."""
    return COMBINING.sub("", unicodedata.normalize("NFD", text.lower()))


def plain_text(fragment: str) -> str:
    text = SKIP_BLOCKS.sub(" ", fragment)
    return re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", text))).strip()


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


class SearchIndex:
    """Collects one language's pages, then writes its index script."""

    def __init__(self, language: str):
        self.language = language
        self._algorithm = STEMMERS.get(language.split("-")[0])
        self.documents: list[Document] = []

    def add(self, title: str, url: str, section: str, content_html: str) -> None:
        headings = [plain_text(h) for h in HEADING.findall(content_html)]
        self.documents.append(Document(title, url, section, plain_text(content_html), headings))

    def tokens(self, text: str) -> list[str]:
        return [w for w in WORD.findall(fold(ELISION.sub("", text))) if len(w) > 1]

    def stem(self, folded: str) -> str:
        return _stem(self._algorithm, folded)

    def build(self) -> dict:
        forms: dict[str, str] = {}
        postings: dict[str, dict[int, int]] = defaultdict(dict)
        for number, document in enumerate(self.documents):
            weights: Counter[str] = Counter()
            for text, weight in ([(document.title, TITLE_WEIGHT)]
                                 + [(h, HEADING_WEIGHT) for h in document.headings]
                                 + [(document.text, 1)]):
                for token in self.tokens(text):
                    stem = forms.get(token)
                    if stem is None:
                        stem = forms[token] = self.stem(token)
                    weights[stem] += weight
            for stem, weight in weights.items():
                postings[stem][number] = weight
        return {
            "lang": self.language,
            "docs": [{"t": d.title, "u": d.url, "s": d.section, "p": d.text[:400]} for d in self.documents],
            "forms": dict(sorted(forms.items())),
            "stems": {stem: [[doc, weight] for doc, weight in sorted(docs.items())]
                      for stem, docs in sorted(postings.items())},
        }

    def script(self) -> str:
        data = json.dumps(self.build(), ensure_ascii=False, separators=(",", ":"))
        # Escape '<' so that no text in the index can close the script early.
        return "window.careerKitSearchIndex=" + data.replace("<", "\\u003c") + ";\n"
