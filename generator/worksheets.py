"""Worksheet definitions: loading and validating `worksheets/<id>.yml`.

A definition holds a worksheet's structure once (sections, fields, ids, types,
sizes) and its English text; translations come from the `worksheets` catalog.
Every problem is reported with the file, the line and the fix, all together.
Rendering lives in `worksheet_render.py`, PDFs in `pdf.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import examples, scoring, yamlfile
from .errors import ErrorList, relative

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ROLES = ("shared", "employee", "manager", "hr")
TOP_KEYS = {"id", "title", "role", "modules", "intro", "sections", "footer", "scoring", "example"}
SECTION_KEYS = {"heading", "instructions", "fields", "dimension"}
COMMON = {"id", "type", "label", "hint"}
FIELD_TYPES = {
    "short_text": {"width"},
    "long_text": {"lines"},
    "rating": {"low", "high"},
    "single_choice": {"options"},
    "checklist": {"options", "max"},
    "table": {"columns", "rows"},
    "date": set(),
    "signature": set(),
}
COLUMN_KINDS = ("text", "rating", "date", "choice")


def load_all(root: Path, folder: Path, errors: ErrorList) -> dict[str, dict]:
    """Every valid definition in `folder`, by id; problems go into `errors`."""
    worksheets = {}
    for path in sorted(folder.glob("*.yml")):
        definition = load_one(root, path, errors)
        if definition is not None:
            worksheets[definition["id"]] = definition
    return worksheets


def load_one(root: Path, path: Path, errors: ErrorList) -> dict | None:
    shown = relative(path, root)
    data = yamlfile.load_mapping(path, shown, errors, "a worksheet definition")
    if data is None:
        return None
    before = len(errors)
    _check(shown, path.stem, data, errors)
    if len(errors) == before:
        scoring.check(shown, data, errors)
        examples.check(shown, data, errors)
    if len(errors) > before:
        return None
    data["source"] = shown
    return data


def _need_text(shown, mapping, key, errors, what):
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.add(shown, mapping.line_of(key), f"{what} has no {key}", f"add '{key}: …'")


def _unknown_keys(shown, mapping, allowed, errors, what):
    for key in mapping:
        if key not in allowed:
            errors.add(shown, mapping.line_of(key), f"unknown key '{key}' in {what}",
                       f"use only {', '.join(sorted(allowed))}")


def _check(shown: str, stem: str, data, errors: ErrorList) -> None:
    _unknown_keys(shown, data, TOP_KEYS, errors, "the worksheet")
    if data.get("id") != stem:
        errors.add(shown, data.line_of("id"), f"the id {data.get('id')!r} differs from the file name",
                   f"set 'id: {stem}' or rename the file")
    for key in ("title", "intro"):
        _need_text(shown, data, key, errors, "the worksheet")
    if data.get("role") not in ROLES:
        errors.add(shown, data.line_of("role"), f"unknown role {data.get('role')!r}", f"use one of {', '.join(ROLES)}")
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections:
        errors.add(shown, data.line_of("sections"), "the worksheet has no sections", "add 'sections:' with at least one")
        return
    seen: dict[str, int] = {}
    for section in sections:
        if not isinstance(section, dict):
            errors.add(shown, data.line_of("sections"), "a section must be a mapping", "start it with '- heading: …'")
            continue
        _unknown_keys(shown, section, SECTION_KEYS, errors, "a section")
        _need_text(shown, section, "heading", errors, "a section")
        fields = section.get("fields")
        if not isinstance(fields, list) or not fields:
            errors.add(shown, section.line, "the section has no fields", "add 'fields:' with at least one")
            continue
        for field in fields:
            _check_field(shown, field, seen, errors)


def _check_field(shown, field, seen, errors) -> None:
    if not isinstance(field, dict):
        errors.add(shown, None, "a field must be a mapping", "start it with '- id: …'")
        return
    line = field.line
    field_id = field.get("id")
    if not isinstance(field_id, str) or not ID.match(field_id):
        errors.add(shown, line, f"field id {field_id!r} is not lowercase words joined by hyphens",
                   "use an id like 'short-term-goal'")
    elif field_id in seen:
        errors.add(shown, line, f"duplicate field id '{field_id}' (first used on line {seen[field_id]})",
                   "give each field its own id")
    else:
        seen[field_id] = line
    kind = field.get("type")
    if kind not in FIELD_TYPES:
        errors.add(shown, field.line_of("type"), f"unknown field type {kind!r}",
                   f"use one of {', '.join(FIELD_TYPES)}")
        return
    _unknown_keys(shown, field, COMMON | FIELD_TYPES[kind], errors, f"a {kind} field")
    _need_text(shown, field, "label", errors, f"field '{field_id}'")
    if kind == "short_text" and field.get("width", "wide") not in ("narrow", "wide"):
        errors.add(shown, field.line_of("width"), "width must be narrow or wide", "write 'width: narrow'")
    if kind == "long_text":
        lines = field.get("lines")
        if not isinstance(lines, int) or not 2 <= lines <= 20:
            errors.add(shown, field.line_of("lines"), f"field '{field_id}' needs 'lines:' from 2 to 20",
                       "write e.g. 'lines: 4'")
    if kind == "rating":
        for key in ("low", "high"):
            _need_text(shown, field, key, errors, f"rating '{field_id}'")
    if kind in ("single_choice", "checklist"):
        _check_options(shown, field, field_id, errors)
        if kind == "checklist" and "max" in field:
            count = len(field.get("options") or [])
            if not isinstance(field["max"], int) or not 1 <= field["max"] <= count:
                errors.add(shown, field.line_of("max"), f"max must be a whole number from 1 to {count}",
                           "write e.g. 'max: 3'")
    if kind == "table":
        _check_table(shown, field, field_id, errors)


def _check_options(shown, field, field_id, errors) -> None:
    options = field.get("options")
    if not isinstance(options, list) or len(options) < 2:
        errors.add(shown, field.line_of("options"), f"field '{field_id}' needs at least two options",
                   "add 'options:' with '- id: …' and 'label: …' for each")
        return
    ids = set()
    for option in options:
        if not isinstance(option, dict) or not ID.match(str(option.get("id", ""))):
            errors.add(shown, getattr(option, "line", field.line), "an option needs an id (lowercase, hyphens)",
                       "write '- id: my-option'")
            continue
        _unknown_keys(shown, option, {"id", "label"}, errors, "an option")
        if option["id"] in ids:
            errors.add(shown, option.line, f"duplicate option id '{option['id']}'", "give each option its own id")
        ids.add(option["id"])
        _need_text(shown, option, "label", errors, f"option '{option['id']}'")


def _check_table(shown, field, field_id, errors) -> None:
    columns = field.get("columns")
    if not isinstance(columns, list) or not columns:
        errors.add(shown, field.line_of("columns") if "columns" in field else field.line,
                   f"table '{field_id}' has no columns", "add 'columns:' with '- id: …' and 'label: …' for each")
    else:
        if len(columns) > 6:
            errors.add(shown, field.line_of("columns"), f"table '{field_id}' has {len(columns)} columns; "
                       "more than 6 do not fit a printed page", "merge or drop columns")
        ids = set()
        for column in columns:
            if not isinstance(column, dict) or not ID.match(str(column.get("id", ""))):
                errors.add(shown, getattr(column, "line", field.line), "a column needs an id (lowercase, hyphens)",
                           "write '- id: my-column'")
                continue
            choice = column.get("kind") == "choice"
            _unknown_keys(shown, column, {"id", "label", "kind"} | ({"options"} if choice else set()), errors,
                          "a choice column" if choice else "a column")
            if choice:
                _check_options(shown, column, column.get("id"), errors)
            if column["id"] in ids:
                errors.add(shown, column.line, f"duplicate column id '{column['id']}'", "give each column its own id")
            ids.add(column["id"])
            _need_text(shown, column, "label", errors, f"column '{column['id']}'")
            if column.get("kind", "text") not in COLUMN_KINDS:
                errors.add(shown, column.line_of("kind"), f"unknown column kind {column.get('kind')!r}",
                           f"use one of {', '.join(COLUMN_KINDS)}")
    rows = field.get("rows")
    if not isinstance(rows, int) or not 1 <= rows <= 12:
        errors.add(shown, field.line_of("rows") if "rows" in field else field.line,
                   f"table '{field_id}' needs 'rows:' from 1 to 12", "write e.g. 'rows: 5'")


def fields(definition: dict):
    """Every field of a worksheet, in order."""
    for section in definition["sections"]:
        yield from section["fields"]


RATING_VALUES = range(1, 6)  # a rating field's scale (worksheet.html draws the same)


def form_fields(definition: dict, pdf: bool = False) -> dict[str, str]:
    """The form a worksheet must produce, on the web and in its PDFs:
    {field name: "text" | "radio" | "checkbox" | "choice"} (a choice column's
    cells are drop-down lists). Names are stable, so saved
    answers and filled PDFs survive changes elsewhere in the definition.
    A scored worksheet's PDF adds the boxes of its scoring table; on the web
    the page scores itself."""
    prefix = definition["id"]
    expected: dict[str, str] = {}
    if pdf and "scoring" in definition:
        for dimension in definition["scoring"]["dimensions"]:
            expected[f"{prefix}.score.{dimension['id']}.sum"] = "text"
            expected[f"{prefix}.score.{dimension['id']}.average"] = "text"
        expected[f"{prefix}.score.total"] = "text"
    for field in fields(definition):
        name = f"{prefix}.{field['id']}"
        kind = field["type"]
        if kind in ("short_text", "long_text", "date"):
            expected[name] = "text"
        elif kind in ("rating", "single_choice"):
            expected[name] = "radio"
        elif kind == "checklist":
            for option in field["options"]:
                expected[f"{name}.{option['id']}"] = "checkbox"
        elif kind == "table":
            for row in range(1, field["rows"] + 1):
                for column in field["columns"]:
                    expected[f"{name}.{row}.{column['id']}"] = "choice" if column.get("kind") == "choice" else "text"
        elif kind == "signature":
            expected[name] = "text"
            expected[f"{name}.date"] = "text"
    return expected
