"""Front matter: splitting it from a page and reading it with line numbers.

MkDocs silently ignores front matter it cannot parse; we read it ourselves so
that broken YAML and schema mistakes are reported with the file's line number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import yamlfile


@dataclass
class FrontMatter:
    data: dict
    lines: dict[str, int] = field(default_factory=dict)  # key -> line in the file
    body: str = ""
    body_line: int = 1  # line of the file where the body starts
    end_line: int = 0  # line of the closing '---' (0: no front matter)


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def split(text: str) -> FrontMatter:
    """Separate the YAML front matter from the Markdown body.

    Raises FrontMatterError (with the file's line number) when the YAML does not
    parse or is not a mapping.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter({}, body=text)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            break
    else:
        raise FrontMatterError(1, "front matter opened with '---' is never closed (add a line '---' after it)")
    source = "\n".join(lines[1:index])
    try:
        data = yamlfile.loads(source, first_line=2)
    except yamlfile.YamlError as exc:
        raise FrontMatterError(exc.line, f"front matter is {exc.message}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(2, "front matter must be a mapping of keys to values (key: value)")
    key_lines = {key: line + 1 for key, line in data.key_lines.items()}
    body = "\n".join(lines[index + 1 :])
    return FrontMatter(data, key_lines, body, body_line=index + 2, end_line=index + 1)
