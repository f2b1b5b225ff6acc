"""Our own Jinja environment, for the fragments the generator renders itself:
worksheet forms (for the web page and for the PDF: one template, two outputs),
session plans, the search page and the worksheet index.

Templates live in the theme's `kit/` folder. Autoescaping is on: translated strings are
text, never markup, so a catalog entry holding `<script>` shows as text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape


@cache
def environment(folder: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["field_id"] = field_id
    return env


def field_id(*parts) -> str:
    """The HTML id of a worksheet control: f-<worksheet>-<field>[-<row>-<column>]
    (a Python function: a Jinja macro per table cell was the slowest part of a form)."""
    return "f-" + "-".join(str(part) for part in parts)


def render(folder: Path, template: str, **context) -> str:
    """Render one of the theme's `kit/` templates."""
    return environment(Path(folder)).get_template(template).render(**context)
