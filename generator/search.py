"""Per-language search: an index of sections built at build time, served as a script.

MkDocs' own search loads one JSON index for all languages through XHR in a web
worker, which fails from file:// and mixes languages. We write one index per
language as `<lang>/assets/search-index.js`, a plain script that works from disk
and under any sub-path. The plugin hands us each page's rendered HTML; we cut it
into sections at its `##` and `###` headings (their ids come from the toc
extension), so a result can link to `page.html#section` and show the passage.

The index ships each section's plain text (the browser shows a snippet of it
around the match, and builds its word lists from it when it loads) and the
Snowball stem of every word form that has one: stemming happens here, for the
page's language, so the browser needs no stemmer of its own. It also lists the
stop words (from stopwords-iso) that are common in this language's pages; the
browser drops them from a query. A word the termbase rejects and the pages no
longer use stands, in a query, for the term that replaced it; an abbreviation
that a heading spells out ("Plan de développement individuel (PDI)") also stands
for its words. theme/assets/js/search.js ranks the sections.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

from lxml import etree
import snowballstemmer  # uses PyStemmer's C stemmers when installed (requirements.lock)
import stopwordsiso

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "de": "german", "it": "italian",
            "pt": "portuguese", "nl": "dutch", "ca": "catalan", "ro": "romanian", "sv": "swedish",
            "da": "danish", "no": "norwegian", "fi": "finnish"}
# As in search.js: "d’aujourd’hui" is one word. Both sides must cut words alike.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# French and Spanish elisions: "l’entretien" is found as "entretien".
ELIDED = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"})
COMBINING = re.compile(r"[\u0300-\u036f]")
# A listed stop word is ignored only where it is this common (share of sections
# using it): stopwords-iso lists "hr", "move" and "research" for English, which
# are words this kit is searched for; the frequent ones carry no meaning here.
STOP_SHARE = 0.08
ROUTINE_PAGES = 4

# "Individual Development Plan (IDP)": a heading that spells out an abbreviation.
SPELLED_OUT = re.compile(r"^(.+?)\s*\(([^\W\d_]{2,6})\)$")
# A term of a plain <dl> at the top of the body (the glossary's) is a section of its own.
SECTION_TAGS = frozenset({"h2", "h3", "dt"})
SKIPPED_TAGS = frozenset({"script", "style", "svg", "template", "button"})
# Reader-facing controls repeated on every worksheet or session page, rating
# scales (digits) and the words repeated there for screen readers: not content.
# A worksheet's worked example repeats its prompts under the same headings, with
# answers from the case study (a page of its own, indexed): a search for a
# prompt would find it twice on the page, and the index would carry it twice.
SKIPPED_CLASSES = frozenset({"worksheet-toolbar", "session-start", "save-status", "scale", "visually-hidden",
                             "worked-example"})
INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small",
                         "strong", "sub", "sup", "time", "u", "var", "wbr"})
WRAPPER_TAGS = frozenset({"html", "body"})  # what libxml2 wraps a fragment in
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr"})


def fold(text: str) -> str:
    """Lowercase without accents, so 'Développement' is typed as 'developpement'."""
    return COMBINING.sub("", unicodedata.normalize("NFD", text.lower()))


@lru_cache(maxsize=200_000)
def word_form(word: str) -> str:
    """A word as the index keeps it: folded, without an elided article ("L’équipe" → "equipe")."""
    folded = fold(word).replace("’", "'")
    head, apostrophe, _ = folded.partition("'")
    return folded[len(head) + 1:] if apostrophe and head in ELIDED else folded


@cache
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=200_000)
def _stem(algorithm: str | None, form: str) -> str:
    """Stems are cached across languages' builds and `serve` rebuilds."""
    return _stemmer(algorithm).stemWord(form) if algorithm else form


def words(text: str) -> list[str]:
    """The word forms of a text, as the browser cuts them (one-letter words left out)."""
    return [form for form in map(word_form, WORD.findall(text)) if len(form) > 1]


class _Sections:
    """Cuts a page body into sections: [anchor, heading, text] at each h2, h3 and dt.

    An lxml parser target: libxml2 parses the HTML in C and calls these methods
    for each tag and run of text (html.parser, in Python, took most of the
    index's time). libxml2 calls `end` for void elements too, and wraps the body
    in html and body elements, which are left out here."""

    def __init__(self):
        self.sections: list[list] = [["", "", []]]  # the part before the first heading
        self._skipping = 0  # depth inside an element left out
        self._heading: list[str] | None = None
        self._lists: list[bool] = []  # for each open <dl>: are its terms sections (a plain list, as the glossary's)?
        self._depth = 0  # elements open around the text read

    def start(self, tag, attributes):
        if tag in WRAPPER_TAGS:
            return
        if tag in VOID_TAGS:
            if not self._skipping and tag not in INLINE_TAGS:
                self._text().append(" ")
            return
        if self._skipping:
            self._skipping += 1
            return
        if (tag in SKIPPED_TAGS or attributes.get("aria-hidden") == "true"
                or SKIPPED_CLASSES.intersection((attributes.get("class") or "").split())):
            self._skipping = 1
            return
        if tag == "dl":
            self._lists.append(not attributes.get("class") and self._depth == 0)
        self._depth += 1
        if tag in SECTION_TAGS and (tag != "dt" or self._lists and self._lists[-1]):
            # A heading without an id is linked by the nearest one before it.
            self._heading = []
            self.sections.append([attributes.get("id") or self.sections[-1][0], "", []])
        elif tag not in INLINE_TAGS:
            self._text().append(" ")

    def end(self, tag):
        if tag in WRAPPER_TAGS or tag in VOID_TAGS:
            return
        if self._skipping:
            self._skipping -= 1
            return
        self._depth -= self._depth > 0
        if tag == "dl" and self._lists:
            self._lists.pop()
        if tag in SECTION_TAGS and self._heading is not None:
            self.sections[-1][1] = _squash("".join(self._heading))
            self._heading = None
        elif tag not in INLINE_TAGS:
            self._text().append(" ")

    def data(self, data):
        if not self._skipping:
            self._text().append(data)

    def close(self):
        return self.sections

    def _text(self) -> list[str]:
        return self._heading if self._heading is not None else self.sections[-1][2]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sections_of(content_html: str) -> list[tuple[str, str, str]]:
    """(anchor, heading, text) for each section with something in it; the first
    has no heading (the page's opening, linked as the page itself)."""
    sections = etree.fromstring(content_html or " ", etree.HTMLParser(target=_Sections(), encoding=None))
    found = [(anchor, heading, _squash("".join(parts))) for anchor, heading, parts in sections]
    return [section for number, section in enumerate(found) if section[2] or (number and section[1])]


def decode_stems(coded: str) -> dict[str, str]:
    """form → stem from an index's "stems" (as search.js reads them)."""
    stems, previous = {}, ""
    for entry in coded.split():
        shared, rest = int(entry[0]), entry[1:]
        cut = min(i for i in (rest.find(":"), rest.find(">"), len(rest)) if i >= 0)
        form = previous[:shared] + rest[:cut]
        stems[form] = form[:int(rest[cut + 1:])] if rest[cut] == ":" else rest[cut + 1:]
        previous = form
    return stems


def _expansions(headings) -> dict[str, str]:
    """abbreviation → the words it stands for, from the headings that spell one out
    (the glossary's "Plan de développement individuel (PDI)"), when the initials of
    its longer words make it: a query for "PDI" is also one for the words, which
    is how the pages that define it name it."""
    found = {}
    for heading in headings:
        match = SPELLED_OUT.match(heading)
        if not match or not match.group(2).isupper():
            continue
        spelled = words(match.group(1))
        if "".join(word[0] for word in spelled if len(word) > 2) == word_form(match.group(2)):
            found[word_form(match.group(2))] = " ".join(spelled)
    return dict(sorted(found.items()))


def read_index(path: Path) -> dict:
    """A written index script's data (as `SearchIndex.script` wrote it)."""
    script = path.read_text(encoding="utf-8")
    return json.loads(script[script.index("=") + 1:].rstrip().rstrip(";"))


def indexed_words(index: dict) -> int:
    """How many words an index's sections hold (headings and text): the measure
    of content its size is compared by, since the content grows."""
    return sum(len(words(heading)) + len(words(text)) for _, _, heading, text in index["sections"])


def term_aliases(terms, language: str) -> dict[str, str]:
    """The termbase's rejected one-word variants of `language` → its preferred term
    (termbase.yml): a reader who types the word the pages gave up ("incontournables")
    is searching for the term they use now."""
    from . import termbase  # noqa: PLC0415 (only the build needs it)

    aliases = {}
    for entry in terms.for_language(language.split("-")[0]) if terms is not None else ():
        for variant in entry.rejected:
            if not variant.text.startswith(termbase.REGEX_PREFIX) and len(words(variant.text)) == 1:
                aliases[words(variant.text)[0]] = entry.preferred
    return aliases


def read_page(title: str, content_html: str) -> tuple[bool, list[tuple[str, str, str]], list[list[str]]]:
    """What the index keeps of a page: whether it holds a form, its sections,
    and the word forms of each (with the page's title). The costly part of the
    index: the plugin has the whole index built in the background."""
    sections = sections_of(content_html)
    return ("<form" in content_html, sections,
            [sorted(set(words(f"{title} {heading} {text}"))) for _, heading, text in sections])


class SearchIndex:
    """Collects one language's pages as rendered, then reads them and writes its index script."""

    def __init__(self, language: str, aliases: dict[str, str] | None = None):
        self.language = language
        self._algorithm = STEMMERS.get(language.split("-")[0])
        self._pages: list[tuple[str, str, str, str]] = []
        self._aliases = aliases or {}

    def add(self, title: str, url: str, section: str, content_html: str) -> None:
        """Keep a page for the index: its title, URL, section label and rendered body."""
        self._pages.append((title, url, section, content_html))

    def build(self) -> dict:
        pages, sections = [], []
        document_frequency: dict[str, int] = {}
        for number, (title, url, label, html) in enumerate(self._pages):
            has_form, page_sections, forms = read_page(title, html)
            pages.append({"t": title, "u": url, "s": label, **({"f": 1} if has_form else {})})
            for (anchor, heading, text), section_forms in zip(page_sections, forms, strict=True):
                sections.append([number, anchor, heading, text])
                for form in section_forms:
                    document_frequency[form] = document_frequency.get(form, 0) + 1
        pages_with = Counter(heading for _, heading in {(s[0], s[2]) for s in sections if s[2]})
        return {
            "lang": self.language,
            "pages": pages,
            "sections": sections,
            # Sections under a heading found on many pages ("Reflection questions"):
            # a routine part of each page, seldom what a query is after.
            "routine": [number for number, s in enumerate(sections) if pages_with[s[2]] >= ROUTINE_PAGES],
            "expansions": _expansions(s[2] for s in sections),
            "stems": self._stems(sorted(document_frequency)),
            "stop": self._common_stop_words(document_frequency, len(sections)),
            # Only the words the pages do not use: where they do, the reader finds them.
            "aliases": {form: " ".join(words(term)) for form, term in sorted(self._aliases.items())
                        if form not in document_frequency},
        }

    def _stems(self, forms: list[str]) -> str:
        """The stem of every form that has one other than itself, front-coded (a fifth
        of the index as JSON, under a tenth so): entries apart by spaces, each the
        number of letters shared with the previous form (0-9), the rest of the form,
        then ":" and the stem's length when the stem starts the form, or ">" and the stem."""
        entries, previous = [], ""
        for form in forms:
            stem = _stem(self._algorithm, form)
            if stem == form:
                continue
            shared = 0
            while shared < min(9, len(form), len(previous)) and form[shared] == previous[shared]:
                shared += 1
            tail = f":{len(stem)}" if form.startswith(stem) else f">{stem}"
            entries.append(f"{shared}{form[shared:]}{tail}")
            previous = form
        return " ".join(entries)

    def _common_stop_words(self, document_frequency: dict[str, int], count: int) -> list[str]:
        """The listed stop words (folded, as typed) used in more than STOP_SHARE of the sections."""
        code = self.language.split("-")[0]
        listed = {word_form(word) for word in stopwordsiso.stopwords(code)} if stopwordsiso.has_lang(code) else set()
        # The list has a few numbers ("10"), which name things here (70-20-10).
        return sorted(word for word in listed
                      if document_frequency.get(word, 0) > STOP_SHARE * count and not word.isdigit())

    def script(self) -> str:
        data = json.dumps(self.build(), ensure_ascii=False, separators=(",", ":"))
        # Escape '<' so that no text in the index can close the script early.
        return "window.careerKitSearchIndex=" + data.replace("<", "\\u003c") + ";\n"

    def write(self, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.script(), encoding="utf-8")
