"""Content errors: what is wrong, where, and how to fix it.

Every check in the generator reports problems as `ContentError`s into an
`ErrorList`, so that one build reports all of its content errors together and
then stops once, with a message a content author can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class ContentError:
    """One problem in one file: `path:line: message. fix`."""

    path: str
    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" → {self.fix}"
        return text


class ErrorList(list):
    """Collects ContentErrors; `raise_if_any` turns them into one PluginError."""

    def add(self, path: str | Path, line: int | None, message: str, fix: str = "") -> None:
        self.append(ContentError(str(path), line, message, fix))

    def raise_if_any(self, what: str = "content") -> None:
        if not self:
            return
        unique = sorted(set(self), key=lambda e: (e.path, e.line or 0, e.message))
        count = f"{len(unique)} {what} error{'s' if len(unique) != 1 else ''}"
        lines = "\n".join(f"  {error}" for error in unique)
        raise PluginError(f"{count}:\n{lines}")


def relative(path: Path, root: Path) -> str:
    """A path as the author knows it: relative to the project when possible."""
    # absolute(), not resolve(): a symlink is shown where it is, not where it leads.
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return str(path)
