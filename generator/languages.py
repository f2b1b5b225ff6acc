"""The site's languages, read from the i18n plugin's entries in mkdocs.yml.

A language whose entry says `extra: {translation: in-progress}` may miss pages
(they fall back to English with a notice); every other language must be
complete, and the build fails when one of its pages is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's own name for itself, e.g. "Français"
    default: bool = False
    in_progress: bool = False

    @property
    def prefix(self) -> str:
        """Where the language's pages live in the site: '' or 'fr/'."""
        return "" if self.default else f"{self.code}/"

    @property
    def locale(self) -> Locale:
        """Babel's locale for dates, times and numbers. The kit's English is
        British, so plain 'en' formats as en_GB (22 November 2026, 09:00)."""
        code = self.code.replace("-", "_")
        return Locale.parse("en_GB" if code == "en" else code)

    @property
    def tag(self) -> str:
        """The locale as the browser's Intl APIs take it: 'en-GB', 'fr'."""
        return str(self.locale).replace("_", "-")

    def display_name(self, in_language: Language) -> str:
        """This language's name as written in another language ('anglais')."""
        return self.locale.get_display_name(in_language.locale) or self.name


def from_i18n_config(i18n_config) -> list[Language]:
    """The languages to build, default first, from the i18n plugin's config."""
    languages = []
    for entry in i18n_config.languages:
        if not entry.build or entry.locale == "null":
            continue
        extra = entry.extra or {}
        name = entry.name or Locale.parse(entry.locale).get_display_name(entry.locale)
        languages.append(
            Language(
                code=entry.locale,
                name=name,
                default=bool(entry.default),
                in_progress=extra.get("translation") == "in-progress",
            )
        )
    languages.sort(key=lambda language: not language.default)
    return languages
