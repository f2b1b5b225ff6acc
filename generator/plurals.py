"""Plural forms for strings with a count, in Python and in the browser.

In Python, gettext's ngettext picks the form with the catalog's Plural-Forms
rule. The browser cannot run that rule (no eval under the strict CSP), so a
page ships one translated form per CLDR plural category of its language, and
the script picks one with `Intl.PluralRules` (assets/js/plural.js). Each
category's form is what ngettext gives for a number of that category, so the
browser and the catalog agree for every count.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

# Enough numbers to meet every category of every language the kit may have
# (French "many" starts at a million).
_NUMBERS = (*range(0, 201), 1000, 10000, 100000, 1000000)


@cache
def samples(language: str) -> dict[str, int]:
    """The smallest number of each CLDR plural category of a language: {'one': 0, 'many': 1000000, 'other': 2}."""
    rule = Locale.parse(language.replace("-", "_")).plural_form
    found: dict[str, int] = {}
    for number in _NUMBERS:
        found.setdefault(rule(number), number)
    return found


def forms(translations, language: str, singular: str, plural: str) -> dict[str, str]:
    """The translation of a plural message for each plural category, placeholders untouched."""
    return {category: translations.ngettext(singular, plural, number)
            for category, number in samples(language).items()}
