"""The termbase: the term each language uses for each concept of the kit.

`termbase.yml` at the project root lists, per English concept, the preferred
French and Spanish term, the variants that must not appear, and a note for
translators. `language_checks` enforces it on every build; `export_tbx` writes
it as TBX (ISO 30042) through translate-toolkit, for translation tools.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import ErrorList, relative

FILE = "termbase.yml"
REGEX_PREFIX = "re:"
FIRST_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Variant:
    text: str  # as written in the termbase
    pattern: re.Pattern


@dataclass
class Entry:
    """One concept in one language."""

    concept: str  # the English concept
    preferred: str
    rejected: list[Variant] = field(default_factory=list)
    note: str = ""
    glossary: str | None = None  # the glossary entry (term) that defines it


@dataclass
class Termbase:
    concepts: list[dict] = field(default_factory=list)  # the file's entries, as read
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # language -> entries

    def for_language(self, code: str) -> list[Entry]:
        return self.entries.get(code, [])

    def index(self, code: str) -> tuple[dict[str, list[tuple[Entry, Variant]]], list[tuple[Entry, Variant]]]:
        """A language's variants by the first word of the literal (lowercase), and its regex
        variants: a line is matched only against the variants whose first word it holds."""
        by_word: dict[str, list[tuple[Entry, Variant]]] = {}
        regexes = []
        for entry in self.for_language(code):
            for variant in entry.rejected:
                if variant.text.startswith(REGEX_PREFIX):
                    regexes.append((entry, variant))
                else:
                    # The first word as language_checks cuts a line into words (\w+): "check-list"
                    # is found under "check", "N+1" under "n".
                    first = (FIRST_WORD.findall(variant.text.casefold()) or [""])[0]
                    by_word.setdefault(first, []).append((entry, variant))
        return by_word, regexes


def variant_source(text: str) -> str:
    """A rejected variant as a regex: as written after 're:', else whole words of the literal."""
    if text.startswith(REGEX_PREFIX):
        return text[len(REGEX_PREFIX):]
    words = [re.sub(r"['’]", "['’]", re.escape(word)) for word in text.split()]
    # Case-insensitive, accent-sensitive: "évidence" is not "evidence".
    return r"(?i:(?<![\w·])" + r"\s+".join(words) + r"(?![\w·]))"


def variant_pattern(text: str) -> re.Pattern:
    return re.compile(variant_source(text))


def load(root: Path, errors: ErrorList) -> Termbase:
    """Read termbase.yml; a missing file is an empty termbase, a broken one an error."""
    path = root / FILE
    if not path.exists():
        return Termbase()
    shown = relative(path, root)
    try:
        data = yamlfile.load(path)
    except (yamlfile.YamlError, OSError) as error:
        errors.add(shown, getattr(error, "line", None), f"the termbase cannot be read: {error}",
                   "fix the YAML syntax")
        return Termbase()
    concepts = data.get("concepts") if isinstance(data, dict) else None
    if not isinstance(concepts, list):
        errors.add(shown, None, "the termbase has no `concepts:` list", "list the concepts under `concepts:`")
        return Termbase()
    termbase = Termbase(concepts)
    for number, concept in enumerate(concepts, 1):
        if not isinstance(concept, dict) or not concept.get("en"):
            errors.add(shown, None, f"concept {number} has no English term `en:`", "add `en: <the English term>`")
            continue
        for code, spec in concept.items():
            if code in ("id", "en"):
                continue
            if not isinstance(spec, dict) or not spec.get("preferred"):
                errors.add(shown, None, f"concept '{concept['en']}' has no preferred {code} term",
                           f"add `preferred:` under `{code}:`")
                continue
            entry = Entry(concept["en"], spec["preferred"], note=spec.get("note", ""), glossary=spec.get("glossary"))
            for text in spec.get("rejected") or []:
                try:
                    entry.rejected.append(Variant(str(text), variant_pattern(str(text))))
                except re.error as error:
                    errors.add(shown, None, f"rejected variant {text!r} of '{concept['en']}' is not a valid "
                               f"regular expression ({error})", "fix the pattern after 're:'")
            termbase.entries.setdefault(code, []).append(entry)
    return termbase


def export_tbx(termbase: Termbase, destination: Path) -> Path:
    """Write the termbase as TBX: one termEntry per concept, rejected literals as deprecated terms."""
    from translate.storage import tbx  # noqa: PLC0415 (only `make tbx` needs translate-toolkit)

    store = tbx.tbxfile(sourcelanguage="en")
    for concept in termbase.concepts:
        unit = store.addsourceunit(concept["en"])
        unit.setid(concept.get("id") or concept["en"])
        for code, spec in concept.items():
            if code in ("id", "en") or not isinstance(spec, dict):
                continue
            literals = [text for text in spec.get("rejected") or [] if not str(text).startswith(REGEX_PREFIX)]
            unit.set_target_terms([spec["preferred"], *literals], lang=code)
            language = unit.get_target_dom(code)
            for number, tig in enumerate(language.findall(unit.namespaced("tig"))):
                status = "preferredTerm-admn-sts" if number == 0 else "deprecatedTerm-admn-sts"
                note = tig.makeelement(unit.namespaced("termNote"), {"type": "administrativeStatus"})
                note.text = status
                tig.append(note)
            if spec.get("note"):  # the note for translators of this language
                note = language.makeelement(unit.namespaced("note"), {})
                note.text = spec["note"]
                language.insert(0, note)
    destination.parent.mkdir(parents=True, exist_ok=True)
    store.savefile(str(destination))
    return destination
