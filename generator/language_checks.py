"""Checks on the wording of the French and Spanish kit: terms, register, inclusive writing.

Every page of content/<lang>/ and every msgstr of the language's catalogs is
scanned, line by line, for
- the termbase's rejected variants (termbase.yml),
- familiar forms of address: the kit says *vous* and *usted*, in instructions
  and in dialogue alike,
- French inclusive writing against AUTHORING.md's policy: no median dot
  (salarié·e) and no other abbreviated form (salarié(e), salarié/e, salarié.e).
Each finding is a ContentError at its file and line. A deliberate exception is
marked on its line: `<!-- termbase: allow <text> -->` (also `register: allow`,
`inclusive: allow`) in a page; a translator comment `# termbase: allow <text>`
above the entry in a catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import catalogs
from .errors import ErrorList, relative
from .termbase import Termbase

ALLOW = re.compile(r"\b(termbase|register|inclusive):\s*allow\s+(.+?)\s*(?:-->|$)")
COMMENT = re.compile(r"<!--.*?-->")
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
HTML_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*>")
FENCE = re.compile(r"^\s*(```|~~~)")

_W = r"(?<![\w·'’-])"  # starts a word (a hyphen too: "peut-être", "dis-tu" are handled apart)
_E = r"(?![\w·'’])"
# French familiar forms: tu, te, toi, ton, ta, tes, t’ (but "le ton", "un ton": the noun).
REGISTER = {
    "fr": re.compile(
        rf"{_W}(?:tu|toi|ta|tes)(?![\w·])|(?<![\w·'’])te(?![\w·'’-])"
        rf"|(?<!\b[Ll]e )(?<!\b[Uu]n )(?<!\b[Dd]u )(?<!\bau )(?<!\b[Cc]e )(?<!\bde )(?<!\bmême ){_W}ton{_E}"
        rf"|{_W}t['’](?=\w)|-(?:tu|toi|te)\b",
        re.IGNORECASE),
    "es": re.compile(
        rf"{_W}(?:tú|ti|tu|tus|te|contigo|puedes|quieres|tienes|sabes|haces|eres|estás|has|vas|crees|piensas"
        rf"|dices|necesitas|sientes|cuéntame|dime|dímelo|explícame|ayúdame|mírame|escúchame|fíjate)(?![\w·])",
        re.IGNORECASE),
}
FORMAL = {"fr": "vous", "es": "usted"}
WORD = re.compile(r"\w+")
# The words a familiar form is made of, to skip the lines that have none (and t’, elided).
FAMILIAR_WORDS = {
    "fr": {"tu", "te", "toi", "ton", "ta", "tes"},
    "es": {"tú", "ti", "tu", "tus", "te", "contigo", "puedes", "quieres", "tienes", "sabes", "haces", "eres",
           "estás", "has", "vas", "crees", "piensas", "dices", "necesitas", "sientes", "cuéntame", "dime",
           "dímelo", "explícame", "ayúdame", "mírame", "escúchame", "fíjate"},
}
ELIDED_TE = re.compile(r"(?<!\w)[Tt]['’]\w")
INCLUSIVE_SIGNS = re.compile(r"[·•⋅]|\((?:e|es|s|ne|le|rice|euse|ère)\)|/(?:e|es|nes?|rice|euse)|\.e")
# Abbreviated inclusive forms (AUTHORING.md: épicène wording or doublets instead).
ABBREVIATED_INCLUSIVE = re.compile(
    r"\w[·•⋅]\w"                              # salarié·e, référent·es, un·e
    r"|\w\((?:e|es|s|ne|le|rice|euse|ère)\)"   # salarié(e)(s)
    r"|(?<=[éèt])/es?\b|(?<=n)/nes?\b|(?<=eur)/(?:rice|euse)s?\b"  # salarié/e, candidat/es, acteur/rice
    r"|(?<=[a-zéè])\.e(?:s|\.s)?\b"           # salarié.e, salarié.es, salarié.e.s
)


@dataclass(frozen=True)
class Line:
    path: str  # as shown in messages
    number: int
    text: str
    allowed: tuple[tuple[str, str], ...]  # (kind, text) exceptions marked on the line


def check(root: Path, tree, locales_dir: Path, termbase: Termbase, errors: ErrorList) -> None:
    """Scan the pages and catalogs of every non-default language; findings go into `errors`."""
    errors.extend(check_files(files_to_check(root, tree, locales_dir), termbase))


def files_to_check(root: Path, tree, locales_dir: Path) -> dict[str, list[tuple[Path, str]]]:
    """Per non-default language: its pages, then its catalogs, as (file, path shown in messages)."""
    files = {}
    for language in tree.languages:
        if language.default:
            continue
        code = language.code
        pages = sorted(tree.pages.get(code, {}).values(), key=lambda page: page.path)
        catalog_files = [catalogs.po_path(locales_dir, code, domain) for domain in catalogs.DOMAINS]
        files[code] = [(page.file, relative(page.file, root)) for page in pages] + [
            (path, relative(path, root)) for path in catalog_files if path.exists()]
    return files


def check_files(files: dict[str, list[tuple[Path, str]]], termbase: Termbase) -> ErrorList:
    """Scan each language's files (`files_to_check`); a ContentError for each finding."""
    errors = ErrorList()
    for code, language_files in files.items():
        by_word, regexes = termbase.index(code)
        register = REGISTER.get(code.split("-")[0])
        inclusive = code.split("-")[0] == "fr"
        for line in _lines(language_files):
            # The words of the line pick the few variants worth matching (the line's text
            # against ~150 patterns, one by one, would take seconds per build).
            words = set(WORD.findall(line.text.casefold()))
            candidates = [pair for word in words & by_word.keys() for pair in by_word[word]]
            for entry, variant in candidates + regexes:
                for match in variant.pattern.finditer(line.text):
                    if not _allowed(line, "termbase", match.group()):
                        errors.add(line.path, line.number,
                                   f"'{match.group()}' is a rejected term for {entry.concept}",
                                   f"use '{entry.preferred}'")
            if register and (not words.isdisjoint(FAMILIAR_WORDS[code.split("-")[0]]) or ELIDED_TE.search(line.text)):
                for match in register.finditer(line.text):
                    if not _allowed(line, "register", match.group()):
                        errors.add(line.path, line.number,
                                   f"'{match.group()}' is a familiar form of address",
                                   f"use {FORMAL[code.split('-')[0]]}, as everywhere in the kit")
            if inclusive and INCLUSIVE_SIGNS.search(line.text):
                for match in ABBREVIATED_INCLUSIVE.finditer(line.text):
                    word = _word_around(line.text, match.start(), match.end())
                    if not _allowed(line, "inclusive", word):
                        errors.add(line.path, line.number,
                                   f"'{word}' is an abbreviated inclusive form",
                                   "write an épicène wording or a doublet (AUTHORING.md, inclusive writing)")
    return errors


def _allowed(line: Line, kind: str, found: str) -> bool:
    return any(k == kind and text.casefold() in (found.casefold(), "*") or
               (k == kind and found.casefold() in text.casefold()) for k, text in line.allowed)


def _word_around(text: str, start: int, end: int) -> str:
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "·•⋅."):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "·•⋅()/."):
        end += 1
    return text[start:end].rstrip(".")


def _lines(files: list[tuple[Path, str]]) -> Iterator[Line]:
    for file, shown in files:
        yield from (catalog_lines if file.suffix == ".po" else page_lines)(file, shown)


def page_lines(file: Path, shown: str) -> Iterator[Line]:
    """The prose lines of a Markdown page: no fenced or inline code, comments, link targets or tags."""
    fenced = False
    for number, raw in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(raw):
            fenced = not fenced
            continue
        if fenced:
            continue
        allowed = tuple((m.group(1), m.group(2)) for m in ALLOW.finditer(raw))
        text = COMMENT.sub(" ", raw)
        text = INLINE_CODE.sub(" ", text)
        text = LINK_TARGET.sub("]", text)
        text = HTML_ATTRIBUTE.sub(" ", text)
        yield Line(shown, number, text, allowed)


def catalog_lines(file: Path, shown: str) -> Iterator[Line]:
    """The translations of a .po file, line by line, with the exceptions its translator comments mark."""
    allowed: list[tuple[str, str]] = []
    in_msgstr = False
    for number, raw in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            allowed, in_msgstr = [], False
        elif line.startswith("#"):
            if line.startswith("#~"):
                in_msgstr = False
            elif line.startswith("# ") or line == "#":
                allowed.extend((m.group(1), m.group(2)) for m in ALLOW.finditer(line))
        elif line.startswith("msgstr"):
            in_msgstr = True
            yield Line(shown, number, _po_string(line[line.index('"'):]), tuple(allowed))
        elif line.startswith("msg"):
            in_msgstr = False
        elif line.startswith('"') and in_msgstr:
            yield Line(shown, number, _po_string(line), tuple(allowed))


PO_ESCAPE = re.compile(r"\\(.)")
PO_ESCAPES = {"n": "\n", "t": "\t"}


def _po_string(quoted: str) -> str:
    text = PO_ESCAPE.sub(lambda m: PO_ESCAPES.get(m.group(1), m.group(1)), quoted.strip()[1:-1])
    # The catalogs hold some HTML (links, emphasis): its attributes are not prose.
    return HTML_ATTRIBUTE.sub(" ", text)
