"""What the theme's templates get as `kit`: plain data about the current page.

Templates stay simple: every URL here is already relative to the page being
rendered, so the site works at any sub-path and from disk.
"""

from __future__ import annotations

from functools import cached_property

from babel.dates import format_time
from mkdocs.utils import get_relative_url

from . import dates, navigation


class Formats:
    """Times and durations in one language's conventions: all that the PDF
    templates need of `kit`, and the base of the pages' `kit`."""

    def __init__(self, language, translate):
        self.language, self._translate = language, translate

    @property
    def memo_key(self) -> tuple:
        """What its answers depend on, for a render kept between builds
        (render.render_data): the language's conventions and catalogs."""
        return ("formats", self.language.code, str(self.language.locale), self._translate.memo_key)

    def clock(self, moment) -> str:
        """A clock time in this language's convention (09:00, 9:00)."""
        return format_time(moment, format="short", locale=self.language.locale)

    def duration(self, minutes: int) -> str:
        _ = self._translate
        hours, rest = divmod(int(minutes), 60)
        if not hours:
            return _("%(minutes)s min", minutes=rest)
        if not rest:
            return _("%(hours)s h", hours=hours)
        return _("%(hours)s h %(minutes)s min", hours=hours, minutes=f"{rest:02d}")


class PageContext(Formats):
    memo_key = None  # a page's facts (its URL, its section, the site's navigation): never kept

    def __init__(self, plugin, page, path: str, language, translated: bool):
        super().__init__(language, plugin.translate)
        self.plugin, self.page, self.path = plugin, page, path
        self.languages = plugin.languages
        self.translated = translated
        self.branding = plugin.project.branding
        self.organisation = self.branding.organisation
        self.sections = plugin.sections
        self.section_id = navigation.section_of(path)
        self._url = page.url

    # URLs, relative to this page ------------------------------------------
    def href(self, path: str, language=None) -> str:
        """A page of this (or another) language, by its source path."""
        language = language or self.language
        html = path[:-3] + ".html" if path.endswith(".md") else path  # string work: pathlib is slow here
        return get_relative_url(language.prefix + html, self._url)

    def asset(self, path: str) -> str:
        """A file at the site root (CSS, JS, fonts)."""
        return get_relative_url(path, self._url)

    # Facts for the template -------------------------------------------------
    @property
    def policies(self) -> list[tuple[str, str]]:
        return self.branding.policy_links(self.language.code, self.languages[0].code)

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def content_lang(self) -> str:
        """The language the page's text is really in (English on fallback pages)."""
        return self.language.code if self.translated else self.plugin.languages[0].code

    @cached_property
    def section(self):
        return next((s for s in self.sections if s.id == self.section_id), None)

    @property
    def roles(self):
        return [s for s in self.sections if s.id in navigation.ROLE_SECTIONS]

    @cached_property
    def previous_next(self):
        return navigation.neighbours(self.sections, self.path)

    @cached_property
    def switcher(self):
        return navigation.switcher(self.languages, self.language, self.path, self._url,
                                   self.plugin._is_translated_or_generated)

    @property
    def meta(self) -> dict:
        return self.page.meta or {}

    @cached_property
    def last_updated(self) -> str | None:
        """The date the page's text last changed, in this language's conventions."""
        tree = self.plugin.project.tree
        source = tree.page(self.content_lang, self.path) or tree.page(tree.default.code, self.path)
        if source is None:
            return None
        return dates.formatted(dates.page_date(self.plugin.project.changed, source.file), self.language.locale)

    @property
    def stale(self) -> bool:
        """A translation whose English original changed since it was marked current."""
        return self.translated and not self.language.default and self.plugin.is_stale(self.language, self.path)

    @cached_property
    def worksheets(self):
        """The module's worksheets: (title, page href, {paper: pdf href})."""
        generated = self.plugin.generated
        return [generated.worksheet_link(worksheet_id, self) for worksheet_id in self.meta.get("worksheets", [])
                if worksheet_id in self.plugin.project.worksheets]


def static_context(plugin):
    """For templates rendered without a page (404.html): no relative URLs here,
    MkDocs gives them `base_url` from site_url instead."""
    return {"lang": plugin.language.code, "language": plugin.language, "languages": plugin.languages,
            "organisation": plugin.project.branding.organisation, "branding": plugin.project.branding}
