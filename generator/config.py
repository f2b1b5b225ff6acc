"""The plugin's options in mkdocs.yml, typed and validated, and loading
mkdocs.yml so that a bad value reads `mkdocs.yml:LINE: key: what → fix`.

MkDocs validates each option through its type (`config_options`); our
commands load the configuration through `load`, which reports every error
with the line it comes from and never a traceback. Plain `mkdocs build`
reports the same messages in MkDocs' own words.
"""

from __future__ import annotations

import logging
import re
from datetime import time
from pathlib import Path

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

PLUGIN = "career-kit"
log = logging.getLogger("mkdocs.config")


class ClockTime(c.BaseConfigOption[time]):
    """A 24-hour clock time written "HH:MM" (quoted: YAML reads 13:30 as a number)."""

    PATTERN = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")

    def __init__(self, default: str):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> time:
        if isinstance(value, time):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            # YAML 1.1 reads an unquoted 13:30 as 810 (base 60).
            hours, minutes = divmod(value, 60)
            raise c.ValidationError(f"{value} is a number, not a time (YAML reads an unquoted {hours}:{minutes:02d} "
                                    f"as one) → put the time in quotes: \"{hours:02d}:{minutes:02d}\"")
        match = self.PATTERN.fullmatch(str(value).strip())
        if not match:
            raise c.ValidationError(f"{str(value)!r} is not a time (HH:MM) → write a 24-hour time in quotes, "
                                    f"e.g. \"09:00\" or \"13:30\"")
        return time(int(match.group(1)), int(match.group(2)))


class _MustExist:
    """MkDocs' path options, with what to do in their message when the path is not there."""

    what = "path"

    def run_validation(self, value: object) -> str:
        try:
            return super().run_validation(value)
        except c.ValidationError:
            raise c.ValidationError(f"the {self.what} {value!r} does not exist → create it, or give its path "
                                    f"relative to mkdocs.yml") from None


class Folder(_MustExist, c.Dir):
    """An existing folder, relative to mkdocs.yml."""

    what = "folder"

    def __init__(self, default: str):
        super().__init__(exists=True, default=default)


class ExistingFile(_MustExist, c.File):
    """An existing file, relative to mkdocs.yml."""

    what = "file"

    def __init__(self):
        super().__init__(exists=True)


class CareerKitConfig(base.Config):
    worksheets_dir = Folder(default="worksheets")
    """Folder of worksheet definitions (`<id>.yml`), relative to mkdocs.yml."""

    sessions_dir = Folder(default="sessions")
    """Folder of session plans (`<id>.yml`), relative to mkdocs.yml."""

    locales_dir = Folder(default="locales")
    """Folder of gettext catalogs: `<lang>/LC_MESSAGES/{theme,worksheets,sessions}.po`."""

    session_start = ClockTime(default="09:00")
    """Clock time at which session plans start: `session_start: "13:30"`."""

    pdfs = c.Type(bool, default=True)
    """Render the PDF worksheets and packs (`python -m generator build --no-pdf` turns it off)."""

    branding = c.Optional(ExistingFile())
    """The branding file (organisation, logo, colours, contacts), relative to
    mkdocs.yml; without it, `branding.yml` beside mkdocs.yml if there is one."""

    strict_catalogs = c.Type(bool, default=True)
    """Fail on fuzzy or untranslated catalog entries of complete languages."""


class ConfigError(ConfigurationError):
    """mkdocs.yml has values that cannot be used: one line per problem."""


def line_of(config_file: str | Path, *keys: str) -> int | None:
    """The line of a key in mkdocs.yml, going down `keys` (a plugin in the
    `plugins` list is found by its name); the deepest line found."""
    try:
        node = yaml.compose(Path(config_file).read_text(encoding="utf-8"))  # nodes only: any tag will do
    except (OSError, yaml.YAMLError):
        return None
    line = None
    for key in keys:
        found = None
        if isinstance(node, yaml.SequenceNode):  # plugins: a list of names or {name: options}
            for item in node.value:
                if isinstance(item, yaml.ScalarNode) and item.value == key:
                    found = (item, item)
                elif isinstance(item, yaml.MappingNode):
                    found = next(((k, v) for k, v in item.value if k.value == key), None)
                if found:
                    break
        elif isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == key), None)
        if not found:
            break
        line, node = found[0].start_mark.line + 1, found[1]
    return line


PLUGIN_OPTION = re.compile(r"^Plugin '([^']+)' option '([^']+)': (.*)$", re.S)


def _located(config_file: str, name: str, message: str) -> list[str]:
    """MkDocs' error for one top-level key, as `mkdocs.yml:LINE: key.path: message` lines."""
    shown = Path(config_file).name
    lines = []
    for part in message.split("\n") if name == "plugins" else [message]:
        keys = [name]
        match = PLUGIN_OPTION.match(part)
        if match:
            keys += [match.group(1), match.group(2)]
            part = match.group(3)
        line = line_of(config_file, *keys)
        lines.append(f"{shown}:{line}: {'.'.join(keys)}: {part}" if line else f"{shown}: {'.'.join(keys)}: {part}")
    return lines


def load(config_file: str = "mkdocs.yml", **options) -> MkDocsConfig:
    """Load and validate mkdocs.yml as MkDocs does, raising one ConfigError
    that lists every problem with its line."""
    config = MkDocsConfig(config_file_path=config_file)
    try:
        with open(config_file, "rb") as handle:
            config.load_file(handle)
    except OSError as exc:
        raise ConfigError(f"{config_file}: cannot be read: {exc.strerror} → run the command where mkdocs.yml is, "
                          f"or give it with -f") from None
    config.load_dict({key: value for key, value in options.items() if value is not None})
    errors, warnings = config.validate()
    if config.strict:  # as MkDocs' strict mode: a warning about the configuration fails too
        errors += warnings
    else:
        for name, warning in warnings:
            log.warning("\n".join(_located(config_file, name, str(warning))))
    if errors:
        lines = [line for name, error in errors for line in _located(config_file, name, str(error))]
        raise ConfigError("\n".join(lines))
    return config
