"""YAML files read with line numbers, for error messages that say where.

`load` returns plain dicts and lists, except that every mapping is a `Located`
dict that knows the line of each of its keys.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import yaml


class Located(dict):
    line: int = 0  # line of the mapping itself (1-based)
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser when PyYAML has it (its wheels do): several times faster.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    def construct_mapping(self, node, deep=False):
        mapping = Located(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
        return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)


class YamlError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def load(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(1, "the file is not valid UTF-8 text") from exc
    return loads(text)


def load_mapping(path: Path, shown: str, errors, what: str):
    """A file's YAML mapping, or None after reporting why there is none."""
    try:
        data = load(path)
    except YamlError as exc:
        errors.add(shown, exc.line, exc.message, "fix the YAML syntax")
        return None
    if not isinstance(data, dict):
        errors.add(shown, 1, f"{what} must be a mapping of keys to values", "start from the kit's own example")
        return None
    return data


# Each text parsed in this process, pickled: `serve` rebuilds everything on
# every change, and building the objects is most of the parse (libyaml only
# scans); unpickling them is twenty times faster. Keyed by the text itself, so
# an edited file is parsed afresh; unpickled, so no caller shares an object.
_PARSED: dict[str, bytes] = {}
_PARSED_LIMIT = 5000  # texts; the kit's own project has some 400


def loads(text: str, first_line: int = 1):
    """Parse YAML text whose first line is line `first_line` of its file
    (the result does not depend on it, only the errors' lines do)."""
    kept = _PARSED.get(text)
    if kept is not None:
        return pickle.loads(kept)
    data = _parse(text, first_line)
    if len(_PARSED) >= _PARSED_LIMIT:
        _PARSED.clear()
    _PARSED[text] = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    return data


def _parse(text: str, first_line: int):
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        # Where the broken construct starts (an unclosed '[' or quote) is where
        # the author must look; YAML notices the problem only further on.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        raise YamlError(line, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
