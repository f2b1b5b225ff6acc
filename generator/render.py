"""Our own Jinja environment, for the fragments the generator renders itself:
worksheet forms (for the web page and for the PDF: one template, two outputs),
session plans, the search page and the worksheet index.

Templates live in the theme's `kit/` folder. Autoescaping is on: translated strings are
text, never markup, so a catalog entry holding `<script>` shows as text.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
import traceback
import types
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, TemplateError, select_autoescape
from mkdocs.exceptions import PluginError


@cache
def environment(folder: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["field_id"] = field_id
    env.globals["table_rows"] = table_rows
    # Data for scripts in attributes: accented text as itself, not \u00e9 (a
    # third of a French page's script strings otherwise).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def field_id(*parts) -> str:
    """The HTML id of a worksheet control: f-<worksheet>-<field>[-<row>-<column>]
    (a Python function: a Jinja macro per table cell was the slowest part of a form)."""
    return "f-" + "-".join(str(part) for part in parts)


@dataclass(frozen=True, slots=True)
class Cell:
    """One control of a worksheet's table: a row's answer in one column."""

    kind: str  # the column's kind: text, date, rating or choice
    id: str  # the control's HTML id
    name: str  # its field name: <worksheet>.<field>.<row>.<column>
    heading: str  # the column's label (shown in the cell on a phone, where a row becomes a card)
    label: str  # what a screen reader hears: "Skill, row 1"
    choices: tuple = ()  # (option id, its label), for a choice column


def table_rows(worksheet_id: str, field: dict, T, _) -> list[tuple[int, list[Cell]]]:
    """A table field's cells, row by row. Tables hold most of a form's
    controls: each column's strings are translated once, not once per row."""
    columns = [(column.get("kind") or "text", column["id"], T(column["label"]),
                tuple((option["id"], T(option["label"])) for option in column.get("options", ())))
               for column in field["columns"]]
    name = f"{worksheet_id}.{field['id']}"
    return [(row, [Cell(kind, field_id(worksheet_id, field["id"], row, column_id), f"{name}.{row}.{column_id}",
                        heading, _("%(column)s, row %(row)s", column=heading, row=row), choices)
                   for kind, column_id, heading, choices in columns])
            for row in range(1, field["rows"] + 1)]


def render(folder: Path, template: str, **context) -> str:
    """Render one of the theme's `kit/` templates; an error in a template is
    told as `template:line: error`, where the author can fix it."""
    try:
        return environment(Path(folder)).get_template(template).render(**context)
    except TemplateError as error:
        raise PluginError(_where(error)) from error


# Renders kept for the life of the process. `serve` rebuilds the whole site on
# every change, and the worksheet forms are the dearest of our templates (some
# hundreds of controls each, every value escaped): each web page's form, and
# the HTML of every PDF, which a rebuild renders to find the PDF in the cache.
# A render given only data is a function of that data, of the templates and of
# our code, so it is kept under a digest of the first two (the code cannot
# change under a running process): the context, every value reduced to data
# (`_data_key`), and a digest of the templates' contents (`_sources`).
_KEPT: dict[bytes, str] = {}
_KEPT_LIMIT = 2000  # renders; a build of the kit's own project keeps 216 (3 MB)
_SOURCES: dict[str, tuple[tuple, str]] = {}  # folder -> (its files' names, sizes and times, their contents' digest)


def render_data(folder: Path, template: str, **context) -> str:
    """`render`, kept between builds, for a context of data only: strings,
    numbers, dicts, lists, dates and times, dataclasses, and the objects that
    say what they depend on (`memo_key`: a Translator, its bound methods, the
    PDFs' Formats). Anything else is a TypeError: a page's context, which
    knows the whole site, must go through `render`."""
    text = json.dumps([str(folder), template, _sources(folder), context], sort_keys=True, default=_data_key)
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass")).digest()
    kept = _KEPT.get(key)
    if kept is None:
        kept = render(folder, template, **context)
        if len(_KEPT) >= _KEPT_LIMIT:
            _KEPT.clear()
        _KEPT[key] = kept
    return kept


def _sources(folder: Path) -> str:
    """A digest of the contents of every template in `folder`, read again
    whenever a file's name, size or time changes. Jinja reloads a template
    only when its time (as a float, in coarse ticks) changes: when the
    contents change, its compiled templates are dropped too, so that the
    render kept under the new digest is made from the new text."""
    stats = tuple(sorted((entry.name, stat.st_mtime_ns, stat.st_size, stat.st_ino)
                         for entry in os.scandir(folder) if entry.is_file() for stat in (entry.stat(),)))
    seen = _SOURCES.get(str(folder))
    if seen is not None and seen[0] == stats:
        return seen[1]
    hasher = hashlib.blake2b()
    for name, *_ in stats:
        hasher.update(name.encode() + b"\0" + (Path(folder) / name).read_bytes() + b"\0")
    digest = hasher.hexdigest()
    if seen is not None and seen[1] != digest:
        environment(Path(folder)).cache.clear()
    _SOURCES[str(folder)] = (stats, digest)
    return digest


def _data_key(value):
    """What `json.dumps` cannot write itself, as data that changes when the value does."""
    if isinstance(value, types.MethodType):  # T=translate.worksheet: the method and whose it is
        return [value.__func__.__qualname__, _data_key(value.__self__)]
    key = getattr(value, "memo_key", None)
    if key is not None:
        return key
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__qualname__, dataclasses.asdict(value)]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    raise TypeError(f"{type(value).__qualname__} is not data that a kept render can be keyed by: "
                    "give the template plain values, or render it with render()")


def _where(error: TemplateError) -> str:
    lineno = getattr(error, "lineno", None)
    if getattr(error, "filename", None) and lineno:  # a syntax error knows its place
        return f"{error.filename}:{lineno}: {type(error).__name__}: {error}"
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".html")]
    if frames:
        return f"{frames[-1].filename}:{frames[-1].lineno}: {type(error).__name__}: {error}"
    return f"{type(error).__name__}: {error}"


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept for the life of the process.

    MkDocs makes a new Jinja environment for every build and mkdocs-static-i18n
    builds once per language, so without this every theme template would be
    parsed and compiled again for each language (and on each `serve` rebuild).
    Jinja stores each template's source checksum with its code: an edited
    template is compiled afresh.
    """

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # resets the bucket if the source changed

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_CACHES: dict[tuple, MemoryBytecodeCache] = {}


def share_compiled_templates(env: Environment) -> None:
    """Give `env` the process-wide cache for environments set up like it
    (compiled code depends on autoescaping and on the extensions)."""
    settings = (repr(env.autoescape), tuple(sorted(env.extensions)), env.trim_blocks, env.lstrip_blocks)
    env.bytecode_cache = _CACHES.setdefault(settings, MemoryBytecodeCache())
