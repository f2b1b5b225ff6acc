"""Two slow paths in the libraries under WeasyPrint 70, worked around in the
PDF workers (`pdf.init_worker` installs both) without changing a byte of what
they produce.

- tinyhtml5 2.1.0 means to cache the regular expression `chars_until` builds
  for each set of stop characters, but its chained assignment stores it under
  the compiled pattern instead of the characters, so every call builds and
  compiles it again: half the time of parsing our HTML (0.9 of 1.8 s over the
  132 documents of a cold build). A dict that builds the missing pattern
  itself answers the lookup `chars_until` makes first, so the faulty branch is
  never reached.
- WeasyPrint's `_get_human_name`, which names each form field for screen
  readers (/TU) by its label, walks every label of the form and then every box
  of the form for each field: quadratic in the size of a worksheet (0.8 s over
  a cold build, 4,311 fields). Ours finds the same label with one pass over
  the form, kept for the form's other fields.

Each is installed only over the exact version it was written against; any
other version keeps its own code, slower but correct. `tests/test_pdf_workarounds.py`
renders with and without them and compares the trees and the field names.
"""

from __future__ import annotations

import re
import weakref
from importlib.metadata import version

WRITTEN_FOR = {"tinyhtml5": "2.1.0", "weasyprint": "70.0"}

_originals: dict[str, object] = {}


class _StopCharacterPatterns(dict):
    """chars_until's cache: {(characters, opposite): the pattern matching a run
    of characters outside `characters` (inside them if `opposite`)}, built as
    tinyhtml5 builds it."""

    def __missing__(self, key):
        characters, opposite = key
        escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
        self[key] = pattern = re.compile(f"[{escaped}]+" if opposite else f"[^{escaped}]+")
        return pattern


class _FormLabels:
    """One form's labels, found as `_get_human_name` finds them: the first
    label, in document order, that names the field by `for` or holds it."""

    def __init__(self, form):
        self.first_by_for: dict[str, int] = {}
        self.first_holding: dict[int, int] = {}
        self.labels = form.element.findall(".//label")
        for index, label in enumerate(self.labels):
            if target := label.get("for"):
                self.first_by_for.setdefault(target, index)
            for held in label.findall(".//input"):
                self.first_holding.setdefault(id(held), index)
        self.boxes: dict[int, object] = {}
        wanted = {id(label) for label in self.labels}
        for box in form.descendants():
            if id(box.element) in wanted:
                self.boxes.setdefault(id(box.element), box)

    def text(self, element) -> str | None:
        input_id = element.get("id")
        found = [index for index in (self.first_by_for.get(input_id) if input_id else None,
                                     self.first_holding.get(id(element))) if index is not None]
        if not found:
            return None
        label = self.labels[min(found)]
        if box := self.boxes.get(id(label)):
            return box.content_text
        text = (label.text or "") + "".join(child.tail or "" for child in label)
        return text.strip()


# Each form box's labels, for as long as its layout lives (a form split over
# pages is one box per page, as WeasyPrint's own search sees it).
_forms: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _human_name(form, element, input_name):
    """WeasyPrint's `_get_human_name`, with each form's labels found once."""
    if form:
        if form not in _forms:
            _forms[form] = _FormLabels(form)
        if (text := _forms[form].text(element)) is not None:
            return text
    return element.get("title") or element.get("placeholder") or element.get("name", "")


def install() -> None:
    """Put both workarounds in place, each only over the version it fixes."""
    import tinyhtml5.inputstream  # noqa: PLC0415
    import weasyprint.pdf.anchors  # noqa: PLC0415

    if version("tinyhtml5") == WRITTEN_FOR["tinyhtml5"] and "chars_until" not in _originals:
        _originals["chars_until"] = tinyhtml5.inputstream.characters_until_regex
        tinyhtml5.inputstream.characters_until_regex = _StopCharacterPatterns()
    if version("weasyprint") == WRITTEN_FOR["weasyprint"] and "human_name" not in _originals:
        _originals["human_name"] = weasyprint.pdf.anchors._get_human_name
        weasyprint.pdf.anchors._get_human_name = _human_name


def uninstall() -> None:
    """The libraries' own code back (the tests compare both)."""
    import tinyhtml5.inputstream  # noqa: PLC0415
    import weasyprint.pdf.anchors  # noqa: PLC0415

    if "chars_until" in _originals:
        tinyhtml5.inputstream.characters_until_regex = _originals.pop("chars_until")
    if "human_name" in _originals:
        weasyprint.pdf.anchors._get_human_name = _originals.pop("human_name")
