"""When each page last changed, for the "last updated" line.

One `git log` over the content folder per build (not one per page); outside a
git checkout, or for files git does not know yet, the file's modification time.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date


def last_changed(root: Path, folder: Path) -> dict[Path, date]:
    """{absolute file path: date of its last commit} for the files under `folder`."""
    try:
        output = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--no-renames", "--", str(folder)],
            cwd=root, capture_output=True, text=True, timeout=60, check=True,
        ).stdout
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                             text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    # Git names files as they are in the repository: only its top needs
    # resolving (a resolve per line was a system call per folder, a thousand times).
    top_folder = Path(top).resolve()
    dates: dict[Path, date] = {}
    current = None
    for line in output.splitlines():
        if line.startswith("@"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(top_folder / line, current)
    return dates


def page_date(dates: dict[Path, date], file: Path) -> date:
    known = dates.get(_resolved(file))
    return known if known is not None else datetime.fromtimestamp(file.stat().st_mtime).date()


@lru_cache(maxsize=4096)
def _resolved(file: Path) -> Path:
    return file.resolve()  # a system call per folder: once per file, not once per page and language


@lru_cache(maxsize=1024)
def formatted(day: date, locale) -> str:
    """'22 November 2026', '22 novembre 2026', '22 de noviembre de 2026'."""
    return format_date(day, format="long", locale=locale)
