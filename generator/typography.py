"""French typography for HTML output.

French puts a no-break space before : ; ! ? and inside « », and keeps numbers
with what they count: 18 %, 1 400, 3 h 30, 45 minutes never break across lines.
Authors type ordinary spaces (or none); we set the right space when the page is
rendered (and its PDFs, from the same HTML). Only text between tags is touched,
never attributes, and never the inside of code, scripts, styles or form fields;
URLs in running text are left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

NBSP = "\u00a0"  # before a colon (Imprimerie nationale)
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »

SKIP_TAGS = ("code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math")
# Comments, and the elements whose text is never respaced (a self-closing one has no text).
SKIP_BLOCK = re.compile(rf"<!--.*?-->|<({'|'.join(SKIP_TAGS)})\b(?:[^>]*/>|[^>]*>.*?</\1\s*>)", re.S | re.I)
# Text between tags (never inside one) that holds a sign or a digit French spaces, with the '>' before it.
TEXT_RUN = re.compile(r">[^<:;!?«»\d]*[:;!?«»\d][^<]*")
ENTITY = re.compile(r"(&#?\w+;)")

_SPACE = r"[ \t\u00a0\u202f]"
_DIGITS = "0123456789"
# A number starts after a space, a bracket or a quote: not inside a word (E4), a URL or a code.
_NUMBER_START = r"(?<![\w/.,=#&:+-])"
# The units a number stays with (symbols, and the words for durations the kit uses).
_UNITS = ("min|s|km|m|cm|kg|g|€|Ko|Mo|Go|°C|minutes?|heures?|jours?|semaines?|mois|ans|années?|"
          "trimestres?|pages?|points?")
# (the signs a rule is about, its pattern, its replacement), applied in this order
_SPACING = [
    # a space (or none, after a letter, a digit or a closing sign) before ; ! ?
    (";!?", re.compile(rf"{_SPACE}+([;!?])"), NNBSP + r"\1"),
    (";!?", re.compile(r"(?<=[\w»)\]])([;!?])(?=[\s<]|$)"), NNBSP + r"\1"),
    # colon: not in URLs (http://) nor times (10:30)
    (":", re.compile(rf"{_SPACE}+:(?!//)"), NBSP + ":"),
    (":", re.compile(r"(?<=[^\W\d_])(?<!https)(?<!http)(?<!mailto):(?=[\s<]|$)"), NBSP + ":"),
    # guillemets
    ("«", re.compile(rf"«{_SPACE}*"), "«" + NNBSP),
    ("»", re.compile(rf"{_SPACE}*»"), NNBSP + "»"),
    # numbers (never one inside a word, a URL or a code like E4: the lookbehinds)
    (_DIGITS, re.compile(rf"{_NUMBER_START}(\d{{1,3}})((?:{_SPACE}\d{{3}})+)(?!\d)"),
     lambda m: m.group(1) + re.sub(_SPACE, NNBSP, m.group(2))),           # 1 400 → narrow space
    ("%", re.compile(rf"(\d){_SPACE}?%"), r"\1" + NNBSP + "%"),            # 18 % → narrow space
    ("h", re.compile(rf"{_NUMBER_START}(\d{{1,2}}){_SPACE}?h(?:{_SPACE}?(\d{{2}}))?(?![\w’'])"),
     lambda m: m.group(1) + NBSP + "h" + (NBSP + m.group(2) if m.group(2) else "")),  # 3 h 30, 1 h
    (_DIGITS, re.compile(rf"{_NUMBER_START}(\d+(?:[,.]\d+)?){_SPACE}+({_UNITS})(?![\w’'])"),
     r"\1" + NBSP + r"\2"),                                                # 45 minutes, 2 ans, 30 €
]

# A rule about signs the text lacks would change nothing: each rule's signs as
# one character class, a search far cheaper than the rule's own.
_RULES = [(re.compile(f"[{re.escape(signs)}]").search, pattern, replacement) for signs, pattern, replacement in _SPACING]


def french_text(text: str) -> str:
    """Apply the spacing rules to a run of plain text (no tags)."""
    for has_sign, pattern, replacement in _RULES:
        if has_sign(text):
            text = pattern.sub(replacement, text)
    return text


def french_html(html: str) -> str:
    """Apply French spacing to the text nodes of an HTML document or fragment."""
    # One regex finds the text runs that hold a sign to space: a page has a few
    # dozen among thousands of text nodes. Runs inside skipped elements stay.
    # The leading '>' lets a fragment's first text run be found like any other.
    html = ">" + html
    skipped = [(block.start(), block.end()) for block in SKIP_BLOCK.finditer(html)]
    starts = [start for start, _ in skipped]

    def space(match: re.Match) -> str:
        text_start = match.start() + 1  # after the '>' that opens the run
        inside = bisect_right(starts, text_start) - 1
        if inside >= 0 and text_start < skipped[inside][1]:
            return match.group()
        return ">" + _space_run(match.group()[1:])

    return TEXT_RUN.sub(space, html)[1:]


@lru_cache(maxsize=8192)  # the navigation, header and footer repeat their text on every page
def _space_run(text: str) -> str:
    if "&" not in text:
        return french_text(text)
    # keep entities (&amp; &#39;) intact: they end in ';'
    pieces = ENTITY.split(text)
    return "".join(p if i % 2 else french_text(p) for i, p in enumerate(pieces))


def _unchanged(html: str) -> str:
    return html


def for_language(code: str):
    """The typography pass for a language's HTML: French spacing for French, none otherwise."""
    return french_html if code.split("-")[0] == "fr" else _unchanged


def text_for_language(code: str):
    """The same pass for plain text a script shows (it is in an attribute, which the HTML pass skips)."""
    return french_text if code.split("-")[0] == "fr" else _unchanged
