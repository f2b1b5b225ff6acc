"""axe-core in Chromium: the WCAG 2.0, 2.1 and 2.2 A and AA rules, for every
test that checks a page, a deck or a form for accessibility."""

from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_RUN = ("async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations"
        ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)")


def _source() -> Path:
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` installs it with npm")
    return AXE


def with_axe(context):
    """Every page `context` opens from now on has axe loaded before its own
    scripts. For a test that checks many pages: sending axe's half a megabyte
    to each page took about as long as checking it."""
    context.add_init_script(path=str(_source()))
    return context


def violations(page) -> list[str]:
    """axe's violations on the page as it is now (after what the test did to
    it), each with its impact and up to three of its elements."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_source().read_text(encoding="utf-8"))
    return page.evaluate(_RUN, WCAG)
