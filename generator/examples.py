"""Worked examples: a worksheet definition's `example:` answers.

A definition may carry, under `example:`, an answer for some of its fields,
keyed by field id, in English; the text is translated through the
`worksheets` catalog like the rest of the definition, so each language tells
the story with its own names. This module checks those answers against the
fields (a wrong field or type is an error with its line and a fix), finds the
strings to translate for Babel, and turns the answers into what the web page
shows (a read-only view) and what the example PDF's form holds (field values).
"""

from __future__ import annotations

import datetime
import re

from babel.dates import format_date

from .errors import ErrorList

TEXT_TYPES = ("short_text", "long_text", "signature")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SCALE = (1, 5)  # ratings are 1–5 everywhere (worksheet.html draws five points)


def _as_date(value):
    """A YAML date (unquoted 2026-03-15 loads as a date) or an ISO string, else None."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_rating(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and SCALE[0] <= value <= SCALE[1]


def check(shown: str, definition, errors: ErrorList) -> None:
    """Problems with a definition's `example:` answers, each with its line and fix."""
    example = definition.get("example")
    if example is None:
        return
    if not isinstance(example, dict) or not example:
        errors.add(shown, definition.line_of("example"), "'example' must map field ids to example answers",
                   "write e.g. 'example: {short-term-goal: …}' or remove 'example:'")
        return
    by_id = {f.get("id"): f for s in definition.get("sections") or [] if isinstance(s, dict)
             for f in s.get("fields") or [] if isinstance(f, dict)}
    for field_id, value in example.items():
        line = example.line_of(field_id)
        field = by_id.get(field_id)
        if field is None:
            errors.add(shown, line, f"the example answers field '{field_id}', which the worksheet does not have",
                       f"use one of its field ids: {', '.join(str(i) for i in by_id)}")
            continue
        _check_value(shown, line, field, value, errors)


def _check_value(shown, line, field, value, errors) -> None:
    kind, field_id = field.get("type"), field.get("id")
    if kind in TEXT_TYPES:
        if not _is_text(value):
            errors.add(shown, line, f"the example for '{field_id}' ({kind}) must be text",
                       f"write '{field_id}: …' with a sentence")
    elif kind == "date":
        if _as_date(value) is None:
            errors.add(shown, line, f"the example for '{field_id}' must be a date, not {value!r}",
                       f"write it as {field_id}: 2026-03-15")
    elif kind == "rating":
        if not _is_rating(value):
            errors.add(shown, line, f"the example rating for '{field_id}' is {value!r}, outside the scale 1–5",
                       "write a whole number from 1 to 5")
    elif kind in ("single_choice", "checklist"):
        options = [o.get("id") for o in field.get("options") or [] if isinstance(o, dict)]
        chosen = value if kind == "checklist" else [value]
        if kind == "checklist" and not isinstance(value, list):
            errors.add(shown, line, f"the example for checklist '{field_id}' must be a list of option ids",
                       f"write '{field_id}: [{', '.join(options[:2])}]'")
            return
        for choice in chosen:
            if choice not in options:
                errors.add(shown, line, f"the example for '{field_id}' chooses {choice!r}, which is not one of its options",
                           f"use one of {', '.join(options)}")
        most = field.get("max")
        if kind == "checklist" and isinstance(most, int) and len(value) > most:
            errors.add(shown, line, f"the example for '{field_id}' ticks {len(value)} options; the field allows {most}",
                       f"tick at most {most}")
    elif kind == "table":
        _check_table(shown, line, field, value, errors)


def _check_table(shown, line, field, value, errors) -> None:
    field_id, rows = field.get("id"), field.get("rows")
    columns = {c.get("id"): c.get("kind", "text") for c in field.get("columns") or [] if isinstance(c, dict)}
    options = {c.get("id"): [o.get("id") for o in c.get("options") or [] if isinstance(o, dict)]
               for c in field.get("columns") or [] if isinstance(c, dict)}
    if not isinstance(value, list) or not value or not all(isinstance(row, dict) for row in value):
        errors.add(shown, line, f"the example for table '{field_id}' must be a list of rows",
                   f"write each row as '- {{{next(iter(columns), 'column')}: …}}'")
        return
    if isinstance(rows, int) and len(value) > rows:
        errors.add(shown, line, f"the example for table '{field_id}' has {len(value)} rows; the table has {rows}",
                   f"keep at most {rows} rows, or raise 'rows:'")
    for row in value:
        for column_id, cell in row.items():
            cell_line = row.line_of(column_id)
            kind = columns.get(column_id)
            if kind is None:
                errors.add(shown, cell_line, f"table '{field_id}' has no column '{column_id}'",
                           f"use its columns: {', '.join(columns)}")
            elif kind == "rating" and not _is_rating(cell):
                errors.add(shown, cell_line, f"column '{column_id}' of table '{field_id}' is rated 1–5, not {cell!r}",
                           "write a whole number from 1 to 5")
            elif kind == "date" and _as_date(cell) is None:
                errors.add(shown, cell_line, f"column '{column_id}' of table '{field_id}' holds dates, not {cell!r}",
                           "write it as 2026-03-15")
            elif kind == "choice" and cell not in options[column_id]:
                errors.add(shown, cell_line, f"column '{column_id}' of table '{field_id}' chooses {cell!r}, "
                           "which is not one of its options", f"use one of {', '.join(map(str, options[column_id]))}")
            elif kind == "text" and not _is_text(cell):
                errors.add(shown, cell_line, f"column '{column_id}' of table '{field_id}' holds text, not {cell!r}",
                           "write a few words")


def translatable(example_node, definition: dict):
    """(line, text) of each example string to translate, for the Babel
    extractor: text answers and text table cells, never option ids, ratings
    or dates. `example_node` is the composed YAML node of `example:`."""
    import yaml  # noqa: PLC0415

    by_id = {f.get("id"): f for s in definition.get("sections") or [] if isinstance(s, dict)
             for f in s.get("fields") or [] if isinstance(f, dict)}
    for key_node, value_node in getattr(example_node, "value", []):
        field = by_id.get(key_node.value) or {}
        kind = field.get("type")
        if kind in TEXT_TYPES and isinstance(value_node, yaml.ScalarNode) and value_node.value.strip():
            yield value_node.start_mark.line + 1, value_node.value
        elif kind == "table" and isinstance(value_node, yaml.SequenceNode):
            kinds = {c.get("id"): c.get("kind", "text") for c in field.get("columns") or []}
            for row in value_node.value:
                for cell_key, cell in getattr(row, "value", []):
                    if kinds.get(cell_key.value) == "text" and isinstance(cell, yaml.ScalarNode) and cell.value.strip():
                        yield cell.start_mark.line + 1, cell.value


def _pdf_date(value, translate) -> str:
    """A date as the PDF's date fields ask for it: day/month/year, the order
    of their placeholder ("dd/mm/yyyy", "jj/mm/aaaa", "dd/mm/aaaa")."""
    moment = _as_date(value)
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year}"


def form_values(definition: dict, translate) -> dict[str, str]:
    """{form field name: value} that fills the example PDF, names as in
    worksheets.form_fields: text for text fields, the option id for a radio
    group, "yes" for a ticked box."""
    prefix, example = definition["id"], definition.get("example") or {}
    values: dict[str, str] = {}
    for section in definition["sections"]:
        for field in section["fields"]:
            if field["id"] not in example:
                continue
            value, name, kind = example[field["id"]], f"{prefix}.{field['id']}", field["type"]
            if kind in TEXT_TYPES:
                values[name] = translate.worksheet(value)
            elif kind == "date":
                values[name] = _pdf_date(value, translate)
            elif kind in ("rating", "single_choice"):
                values[name] = str(value)
            elif kind == "checklist":
                values.update({f"{name}.{option}": "yes" for option in value})
            elif kind == "table":
                kinds = {c["id"]: c.get("kind", "text") for c in field["columns"]}
                for number, row in enumerate(value, start=1):
                    for column_id, cell in row.items():
                        cell_name = f"{name}.{number}.{column_id}"
                        values[cell_name] = (_pdf_date(cell, translate) if kinds[column_id] == "date"
                                             else str(cell) if kinds[column_id] in ("rating", "choice")
                                             else translate.worksheet(cell))
    return values


def view(definition: dict, translate, language: str) -> list[dict]:
    """The example as the web page shows it, read-only: [{heading, items}]
    where each item is {label, kind, text | choices | columns+rows}."""
    example = definition.get("example") or {}
    _, T = translate, translate.worksheet  # `_` so that Babel extracts the theme string below
    sections = []
    for section in definition["sections"]:
        items = []
        for field in section["fields"]:
            if field["id"] not in example:
                continue
            value, kind = example[field["id"]], field["type"]
            item = {"label": T(field["label"]), "kind": kind}
            if kind in TEXT_TYPES:
                item["text"] = T(value)
            elif kind == "date":
                item["text"] = format_date(_as_date(value), "long", locale=language)
            elif kind == "rating":
                item["text"] = _("%(value)s out of 5 (1 = %(low)s, 5 = %(high)s)", value=value,
                                 low=T(field["low"]), high=T(field["high"]))
            elif kind in ("single_choice", "checklist"):
                labels = {o["id"]: T(o["label"]) for o in field["options"]}
                item["choices"] = [labels[v] for v in (value if kind == "checklist" else [value])]
            elif kind == "table":
                columns = field["columns"]
                item["columns"] = [T(c["label"]) for c in columns]
                item["rows"] = [[_cell(row.get(c["id"]), c, T, language) for c in columns]
                                for row in value]
            items.append(item)
        if items:
            sections.append({"heading": T(section["heading"]), "items": items})
    return sections


def _cell(value, column, T, language) -> str:
    kind = column.get("kind", "text")
    if value is None:
        return ""
    if kind == "choice":
        return next(T(o["label"]) for o in column["options"] if o["id"] == value)
    if kind == "date":
        return format_date(_as_date(value), "medium", locale=language)
    return str(value) if kind == "rating" else T(value)
