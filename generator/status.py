"""Translation status of Markdown pages: current, stale or missing.

A translated page records, in `translation_of:`, a fingerprint of the English
page it translates. When the English page changes, the fingerprint no longer
matches and the translation is stale. `python -m generator status` prints a
table per language; `python -m generator mark-current` records the fingerprint
after a translator has brought a page up to date.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from .content import ContentTree

CURRENT, STALE, MISSING, UNTRACKED = "current", "stale", "missing", "untracked"


def fingerprint(text: str) -> str:
    """12 hex digits of the English page's text, front matter included,
    without `translation_of` and trailing spaces (editors add and remove them)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")
             if not line.startswith("translation_of:")]
    return hashlib.sha256("\n".join(lines).strip().encode("utf-8")).hexdigest()[:12]


def page_state(tree: ContentTree, language, path: str) -> str:
    source = tree.page(tree.default.code, path)
    page = tree.page(language.code, path)
    if page is None:
        return MISSING
    recorded = page.meta.get("translation_of")
    if not recorded:
        return UNTRACKED
    return CURRENT if source and str(recorded) == _file_fingerprint(source.file, source.file.stat().st_mtime_ns) else STALE


@lru_cache(maxsize=4096)
def _file_fingerprint(file: Path, mtime_ns: int) -> str:
    """Each English page is read and hashed once per change (it is asked for
    once per translation and per build)."""
    return fingerprint(file.read_text(encoding="utf-8"))


def report(tree: ContentTree) -> dict:
    """{language: {state: [paths]}} for every language but English."""
    result = {}
    for language in tree.languages[1:]:
        states: dict[str, list[str]] = {CURRENT: [], STALE: [], MISSING: [], UNTRACKED: []}
        for path in tree.source_paths():
            states[page_state(tree, language, path)].append(path)
        result[language.code] = states
    return result


def format_table(tree: ContentTree, data: dict) -> str:
    lines = []
    for language in tree.languages[1:]:
        states = data[language.code]
        total = len(tree.source_paths())
        lines.append(f"{language.name} ({language.code}){' · in progress' if language.in_progress else ''}")
        lines.append(f"  {'state':<10} {'pages':>5}  files")
        for state in (CURRENT, STALE, UNTRACKED, MISSING):
            files = states[state]
            shown = ", ".join(files[:4]) + (f", … (+{len(files) - 4})" if len(files) > 4 else "")
            lines.append(f"  {state:<10} {len(files):>5}  {shown}")
        lines.append(f"  {'total':<10} {total:>5}")
        lines.append("")
    return "\n".join(lines)


def mark_current(tree: ContentTree, language, paths: list[str]) -> list[Path]:
    """Record the English fingerprint in each translation's front matter."""
    changed = []
    for path in paths:
        source, page = tree.page(tree.default.code, path), tree.page(language.code, path)
        if source is None or page is None:
            raise FileNotFoundError(f"content/{language.code}/{path}: no such translated page")
        value = fingerprint(source.file.read_text(encoding="utf-8"))
        text = page.file.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n---")
        if re.search(r"^translation_of:.*$", head, re.M):
            head = re.sub(r"^translation_of:.*$", f"translation_of: {value}", head, flags=re.M)
        else:
            head = head + f"\ntranslation_of: {value}"
        page.file.write_text(head + sep + rest, encoding="utf-8")
        changed.append(page.file)
    return changed


def write_json(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
