"""The cast: who the people in the kit's examples are, one list per language.

`cast.yml` (beside `content/`) gives, for each language, every person an
example names: the name, the role and the pages they appear on. `check` is
called by `content.load` once the pages are read and reports, with the other
content errors: a first name defined twice in one language; a page that names
someone the cast gives no part on that page (so two different people cannot
share a name without the build noticing); a cast entry for a page that does not
exist or no longer names them. A word counts as a person's name when it is a
first name in any language's cast: an English name left in a Spanish page is
caught too. `not_names` lists, per language, words spelt like a cast name that
are ordinary words there (Spanish «Marco», a frame).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import ErrorList, relative

FILE_NAME = "cast.yml"
# Capitalised words, hyphens included so that "Al-Rashid" is not "Al": ten times
# cheaper to collect than every word, and a name is always capitalised.
WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w-]*")


@dataclass
class Person:
    name: str
    role: str
    pages: list[str]
    line: int

    @property
    def first(self) -> str:
        return self.name.split()[0]


@dataclass
class Cast:
    file: str  # as shown in messages
    people: dict[str, dict[str, Person]] = field(default_factory=dict)  # lang -> first name -> person
    not_names: dict[str, set[str]] = field(default_factory=dict)

    def first_names(self) -> set[str]:
        return {first for people in self.people.values() for first in people}


def load(root: Path, codes: list[str], errors: ErrorList, docs_dir: Path | None = None) -> Cast | None:
    """The cast file's people per language, or None when the project has no cast file.
    A language the site does not build but has pages for (left out of mkdocs.yml
    for now) is skipped; any other unknown code is a mistake in the file."""
    path = root / FILE_NAME
    if not path.is_file():
        return None
    shown = relative(path, root)
    data = yamlfile.load_mapping(path, shown, errors, "the cast file")
    if data is None:
        return None
    cast = Cast(shown)
    for code, words in (data.get("not_names") or {}).items():
        cast.not_names[str(code)] = {str(word) for word in words or []}
    for code, entries in data.items():
        if code == "not_names":
            continue
        if code not in codes and docs_dir is not None and (docs_dir / str(code)).is_dir():
            continue
        if code not in codes:
            errors.add(shown, data.line_of(code), f"'{code}' is not a language of this site",
                       f"use one of {', '.join(codes)}, or add the language to mkdocs.yml")
            continue
        if not isinstance(entries, list):
            errors.add(shown, data.line_of(code), f"the cast of '{code}' must be a list of people",
                       "write one '- name: …' entry per person")
            continue
        cast.people[code] = _people(shown, code, entries, errors)
    return cast


def _people(shown: str, code: str, entries: list, errors: ErrorList) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for entry in entries:
        line = getattr(entry, "line", 0) or None
        if not isinstance(entry, dict):
            errors.add(shown, line, f"a cast entry of '{code}' is not a mapping",
                       "write 'name:', 'role:' and 'pages:' for each person")
            continue
        name, role, pages = entry.get("name"), entry.get("role"), entry.get("pages")
        if not isinstance(name, str) or not name.strip() or not isinstance(role, str) or not role.strip():
            errors.add(shown, line, "a cast entry needs a 'name' and a 'role'",
                       "write e.g. 'name: Amara' and 'role: data analyst in Marek's team'")
            continue
        if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
            errors.add(shown, entry.line_of("pages"), f"'{name}' has no list of pages",
                       "write 'pages: [manager/m1-your-role.md]'")
            continue
        person = Person(name.strip(), role.strip(), pages, line or 0)
        other = people.get(person.first)
        if other is not None:
            if other.role == person.role:
                how = f"twice, with the same role (also at line {other.line})"
                fix = "merge the two entries into one and list all the pages there"
            else:
                how = f"twice, as '{other.role}' (line {other.line}) and as '{person.role}'"
                fix = f"one name is one person: give one of them another name in the pages and here ({code})"
            errors.add(shown, line, f"the name '{person.first}' is defined {how} in '{code}'", fix)
            continue
        people[person.first] = person
    return people


def check(cast: Cast | None, tree, errors: ErrorList) -> None:
    """Every name a page uses belongs to the one person the cast gives that page."""
    if cast is None:
        return
    names = cast.first_names()
    if not names:
        return
    in_progress = {language.code for language in tree.languages if language.in_progress}
    for code, pages in tree.pages.items():
        if code not in cast.people and code in in_progress:
            continue  # a language being translated gets its cast when its examples do
        people = cast.people.get(code, {})
        ignored = cast.not_names.get(code, set())
        mentioned: dict[str, set[str]] = {}
        for path, page in pages.items():
            # The set of a page's capitalised words meets the set of names in C; only a
            # name found there is looked for again, to give its line.
            found = (set(WORD.findall(page.body)) & names) - ignored
            for first in sorted(found):
                mentioned.setdefault(first, set()).add(path)
                person = people.get(first)
                if person is not None and path in person.pages:
                    continue
                where = re.search(r"(?<![\w-])" + re.escape(first) + r"(?![\w-])", page.body)
                number = page.body_line + (page.body.count("\n", 0, where.start()) if where else 0)
                shown = relative(page.file, tree.root)
                if person is None:
                    errors.add(shown, number, f"'{first}' is not in the '{code}' cast of {cast.file}",
                               f"add them to the '{code}' cast (name, role, pages), or use a name the "
                               f"cast gives this page")
                else:
                    errors.add(shown, number, f"'{first}' is named here, but in {cast.file} '{first}' is "
                               f"{person.role}, on other pages only",
                               f"if it is the same person, add '{path}' to their pages (line {person.line}); "
                               "otherwise give this person another name")
        unreadable = tree.unreadable.get(code, set())  # reported on their own
        for person in people.values():
            for path in person.pages:
                if path in unreadable:
                    continue
                if path not in pages:
                    errors.add(cast.file, person.line, f"'{person.name}' is listed on '{path}', which is not "
                               f"a page of '{code}'", "fix the path (relative to content/<lang>/) or remove it")
                elif path not in mentioned.get(person.first, set()):
                    errors.add(cast.file, person.line, f"'{person.name}' is listed on '{path}', which does "
                               "not name them", "remove the page from their list")
