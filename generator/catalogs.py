"""Gettext catalogs: extracting YAML strings, checking and compiling catalogs,
and loading translations.

Three catalogs per language live in `locales/<lang>/LC_MESSAGES/`: `theme`
(the UI), `worksheets` and `sessions`. English strings are the msgids. The
compile step (`make i18n-compile`, run by every build) checks each catalog and
writes the `.mo` beside it; in a strict build, fuzzy or untranslated entries of
a complete language fail the build, naming the catalog, the line and the msgid.
"""

from __future__ import annotations

import hashlib
import io
import re
from functools import cache
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from . import examples
from .errors import ErrorList, relative

DOMAINS = ("theme", "worksheets", "sessions")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")

# Keys of worksheet and session-plan definitions whose values are text to translate.
TEXT_KEYS = {"title", "intro", "heading", "instructions", "label", "hint", "low", "high", "footer",
             "audience", "purpose", "cut", "employee_brief", "manager_brief", "statement",
             "meaning", "strategy", "name", "summary", "scoring_help", "tenure", "performance", "wants",
             "can_offer", "cannot_offer", "hidden_concern"}
TEXT_LIST_KEYS = {"preparation", "strategies", "slides"}


def extract_yaml(fileobj, keywords, comment_tags, options):
    """Babel extractor for worksheet and session-plan definitions.

    Yields every translatable string with its line, so that translators (and
    our error messages) can find where it comes from. Referenced from
    `babel/*.cfg` as `generator.catalogs.extract_yaml`.
    """
    text = fileobj.read().decode("utf-8")
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    # A worked example's answers are keyed by field id, so which of them are
    # text (and not option ids, ratings or dates) depends on the fields.
    example = None
    if isinstance(node, yaml.MappingNode):
        example = next((v for k, v in node.value if k.value == "example"), None)
        node.value = [(k, v) for k, v in node.value if k.value != "example"]
    yield from _walk(node, None)
    if example is not None:
        for line, message in examples.translatable(example, yaml.safe_load(text)):
            yield line, "gettext", message, []


def _walk(node, key):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield from _walk(value_node, key_node.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and key in TEXT_LIST_KEYS:
                yield item.start_mark.line + 1, "gettext", item.value, []
            else:
                yield from _walk(item, key)
    elif isinstance(node, yaml.ScalarNode) and key in TEXT_KEYS and node.value.strip():
        yield node.start_mark.line + 1, "gettext", node.value, []


def po_path(locales_dir: Path, language: str, domain: str) -> Path:
    return locales_dir / language / "LC_MESSAGES" / f"{domain}.po"


def compile_catalogs(root: Path, locales_dir: Path, languages, strict: bool = True, background=None) -> ErrorList:
    """Check every catalog of every non-default language and write its .mo.

    Placeholder mismatches and syntax errors always count; fuzzy and
    untranslated entries count for complete languages when `strict`. With
    `background` (the build's worker), a catalog whose .mo is newer than it is
    not compiled again, and its checks run there: their errors come with the
    build's other background findings.
    """
    errors = ErrorList()
    for language in languages:
        if language.default:
            continue
        for domain in DOMAINS:
            path = po_path(locales_dir, language.code, domain)
            shown = relative(path, root)
            template = locales_dir / f"{domain}.pot"
            if not path.exists():
                if template.exists() and not language.in_progress:
                    errors.add(shown, None, "the catalog is missing",
                               "create it with `make i18n-update` and translate it")
                continue
            mo = path.with_suffix(".mo")
            if background is not None and mo.exists() and mo.stat().st_mtime_ns >= path.stat().st_mtime_ns:
                background.submit("content", check_catalog, path, shown, language, strict)
                continue
            catalog, found = read_catalog(path, shown, language, strict)
            errors.extend(found)
            if catalog is not None:
                with mo.open("wb") as handle:
                    write_mo(handle, catalog, use_fuzzy=False)
    load_translations.cache_clear()
    return errors


def check_catalog(path: Path, shown: str, language, strict: bool) -> ErrorList:
    """A catalog's errors (`read_catalog`), without compiling it."""
    return read_catalog(path, shown, language, strict)[1]


def read_catalog(path: Path, shown: str, language, strict: bool) -> tuple[Catalog | None, ErrorList]:
    """A catalog and its errors (None when it cannot be read)."""
    errors = ErrorList()
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language.code.replace("-", "_"), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        errors.add(shown, getattr(exc, "lineno", None), f"the catalog cannot be read: {exc}",
                   "fix the .po syntax (Poedit or `msgfmt -c` show where)")
        return None, errors
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        translated = [s for s in strings if s]
        wanted = sorted(PLACEHOLDER.findall(msgid))
        for string in translated:
            if sorted(PLACEHOLDER.findall(string)) != wanted:
                errors.add(shown, message.lineno,
                           f"the translation of {msgid!r} has placeholders {sorted(PLACEHOLDER.findall(string))}, the English has {wanted}",
                           "keep exactly the English placeholders, e.g. %(name)s, in the translation")
        if strict and not language.in_progress:
            if message.fuzzy:
                errors.add(shown, message.lineno, f"the entry {msgid!r} is fuzzy (the English changed)",
                           "check the translation, then remove the '#, fuzzy' line")
            elif not translated:
                errors.add(shown, message.lineno, f"the entry {msgid!r} is not translated",
                           "write its msgstr")
            elif len(translated) < len(strings):
                errors.add(shown, message.lineno, f"the entry {msgid!r} lacks a plural form",
                           f"write every msgstr[0] to msgstr[{len(strings) - 1}]")
    return catalog, errors


@cache
def load_translations(locales_dir: Path, language: str, domain: str) -> tuple[NullTranslations, str]:
    """The compiled translations of one catalog (English: none needed), and a
    digest of the bytes they were read from ("" for none)."""
    mo = po_path(locales_dir, language, domain).with_suffix(".mo")
    if not mo.exists():
        return NullTranslations(), ""
    data = mo.read_bytes()
    return Translations(io.BytesIO(data), domain=domain), hashlib.sha256(data).hexdigest()


class Translator:
    """gettext for one language over the three catalogs, with %(name)s formatting."""

    def __init__(self, locales_dir: Path, language: str):
        self.language = language
        loaded = {domain: load_translations(locales_dir, language, domain) for domain in DOMAINS}
        self.catalogs = {domain: translations for domain, (translations, _digest) in loaded.items()}
        # What a render kept between builds is keyed by (render.render_data):
        # the very catalogs this translator answers from.
        self.memo_key = ("translator", language, *(digest for _translations, digest in loaded.values()))

    def __call__(self, message: str, domain: str = "theme", **values) -> str:
        text = self.catalogs[domain].gettext(message) if message else message
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, domain: str = "theme", **values) -> str:
        """The form of a message for the count `n` (placeholder `%(num)s`), by the catalog's plural rule."""
        return self.catalogs[domain].ngettext(singular, plural, n) % {"num": n, **values}

    def plural_forms(self, singular: str, plural: str, domain: str = "theme") -> dict[str, str]:
        """Every form of a message, by CLDR plural category, for a script to pick from."""
        from . import plurals, typography  # noqa: PLC0415 (Babel's locale data, only for pages that count)

        finish = typography.text_for_language(self.language)
        return {category: finish(text)
                for category, text in plurals.forms(self.catalogs[domain], self.language, singular, plural).items()}

    def worksheet(self, text: str) -> str:
        """A string of a worksheet definition (the `worksheets` catalog)."""
        return self(text, "worksheets")

    def session(self, text: str) -> str:
        """A string of a session plan (the `sessions` catalog)."""
        return self(text, "sessions")

