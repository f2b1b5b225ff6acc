"""Copyable templates and their placeholders, compared across languages.

A template is an admonition of type `template` (`!!! template "Title"`); the
theme gives it a copy button. Its placeholders are words in square brackets,
`[Name]`, `[Nom]`, `[Nombre]`. A page with templates lists its placeholders in
a table whose first column is the placeholder (`| [Name] | … |`): row n of the
French table means what row n of the English table means. `check` (called by
`content.load`) reports a placeholder missing from its page's table, a
translation whose table has another number of rows or another number of
templates, and a template whose placeholders differ, in kind or count, from
its English original: a translated invitation that forgot [Date] would
otherwise go out with the date left blank.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .errors import ErrorList, relative

TEMPLATE = re.compile(r'^!!! template(?:\s+"([^"]*)")?\s*$')
PLACEHOLDER = re.compile(r"\[([^\]\n]+)\](?![(\[])")
TABLE_ROW = re.compile(r"^\|\s*\[([^\]\n]+)\]\s*\|")


@dataclass
class Template:
    title: str
    line: int
    uses: list[tuple[str, int]] = field(default_factory=list)  # (placeholder, line)


def templates_of(page) -> tuple[list[Template], list[str]]:
    """The page's templates in order, and its table of placeholders in order."""
    templates: list[Template] = []
    table: list[str] = []
    current = None
    for number, text in enumerate(page.body.split("\n"), start=page.body_line):
        match = TEMPLATE.match(text)
        if match:
            current = Template(match.group(1) or "", number)
            templates.append(current)
            continue
        if current is not None and text.strip() and not text.startswith("    "):
            current = None
        if current is not None:
            current.uses += [(m.group(1), number) for m in PLACEHOLDER.finditer(text)]
        else:
            row = TABLE_ROW.match(text)
            if row:
                table.append(row.group(1))
    return templates, table


def check(tree, errors: ErrorList) -> None:
    english = tree.pages.get(tree.default.code, {})
    for path, source in english.items():
        if "!!! template" not in source.body:
            continue
        source_templates, source_table = templates_of(source)
        source_keys = _keys(tree, source, source_templates, source_table, errors)
        for language in tree.languages[1:]:
            page = tree.pages.get(language.code, {}).get(path)
            if page is None:
                continue
            shown = relative(page.file, tree.root)
            templates, table = templates_of(page)
            if len(table) != len(source_table):
                errors.add(shown, page.body_line, f"the placeholder table has {len(table)} rows, the English one "
                           f"{len(source_table)}", "give each English placeholder one row, in the same order")
                continue
            if len(templates) != len(source_templates):
                errors.add(shown, page.body_line, f"the page has {len(templates)} templates, the English one "
                           f"{len(source_templates)}", "translate every template, in the same order")
                continue
            keys = _keys(tree, page, templates, table, errors)
            for template, mine, theirs in zip(templates, keys, source_keys, strict=True):
                if mine == theirs:
                    continue
                differences = ", ".join(
                    f"[{source_table[key]}] ×{theirs[key]} in English, [{table[key]}] ×{mine[key]} here"
                    for key in sorted(set(mine) | set(theirs)) if mine[key] != theirs[key])
                errors.add(shown, template.line, f"the template '{template.title}' has other placeholders than "
                           f"its English original ({differences})",
                           "use the same placeholders, as many times, as the English template")


def _keys(tree, page, templates: list[Template], table: list[str], errors: ErrorList) -> list[Counter]:
    """Each template's placeholders as row numbers of the page's table, counted."""
    shown = relative(page.file, tree.root)
    rows = {name: number for number, name in enumerate(table)}
    counted = []
    for template in templates:
        keys = Counter()
        for name, line in template.uses:
            if name in rows:
                keys[rows[name]] += 1
            else:
                errors.add(shown, line, f"the placeholder [{name}] is not in this page's table of placeholders",
                           "fix its spelling, or add a row '| [" + name + "] | what to write |' to the table")
        counted.append(keys)
    return counted
