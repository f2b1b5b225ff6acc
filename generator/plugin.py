"""The MkDocs plugin: event wiring only; the work is in the plain modules.

mkdocs-static-i18n builds the site once per language, re-running every event
for each. Per-language work happens in the ordinary events; whole-site work
(404 pages, sitemap, vendored libraries, PDFs, the offline check) runs once, in
`on_post_build` after the last language, when the i18n plugin has finished.

Generated pages (worksheets, session plans, search) are MkDocs files added in
`on_files`; their bodies come from our templates in `on_page_content`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from . import activities, catalogs, navigation, packs, render, search, site_checks, typography, vendor
from . import background as background_jobs
from . import config as config_module
from . import languages as languages_module
from .context import PageContext, static_context
from .errors import ErrorList
from .generated import GeneratedPages
from .project import Project

log = get_plugin_logger(__name__)


class CareerKitPlugin(BasePlugin[config_module.CareerKitConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.project: Project | None = None
        self.not_found: dict[str, str] = {}
        self.pack_pages: dict[tuple[str, str], packs.CapturedPage] = {}  # (language, path): the pages packs print

    # -- configuration -----------------------------------------------------

    def on_config(self, config):
        """Find our languages in the i18n plugin and the current one being built."""
        names = list(config.plugins)
        if "i18n" not in names or names.index("i18n") > names.index(config_module.PLUGIN):
            line = config_module.line_of(config.config_file_path, "plugins", config_module.PLUGIN)
            raise PluginError(f"mkdocs.yml:{line}: plugins: the 'i18n' plugin (mkdocs-static-i18n) must come before "
                              f"'{config_module.PLUGIN}' → list '- i18n:' with its languages above "
                              f"'- {config_module.PLUGIN}:'")
        self.i18n = config.plugins["i18n"]
        self.root = Path(config.config_file_path).parent
        self.theme_dir = Path(config.theme.custom_dir)
        self.languages = languages_module.from_i18n_config(self.i18n.config)
        code = self.i18n.current_language or self.languages[0].code
        self.language = next(lang for lang in self.languages if lang.code == code)
        if os.environ.get("CAREER_KIT_PDFS") in ("0", "1"):  # set by `python -m generator serve`
            self.config.pdfs = os.environ["CAREER_KIT_PDFS"] == "1"
        return config

    def on_pre_build(self, config):
        """Load and check the whole project once, before the first language."""
        if self.language.default or self.project is None:
            self.background = background_jobs.Background()
            self.project = Project.from_config(config, strict=self.config.strict_catalogs, background=self.background)
            self.not_found = {}
        self.written: list[str] = []  # this language's pages, as written
        self.translate = catalogs.Translator(self.project.locales_dir, self.language.code)
        self.generated = GeneratedPages(self)
        self.sections = navigation.build_sections(self.project.tree, self.language, self.translate,
                                                  self.generated.entries())
        self.index = search.SearchIndex(self.language.code, search.term_aliases(self.project.terms, self.language.code))
        self.typography = typography.for_language(self.language.code)

    # -- files and pages -----------------------------------------------------

    @event_priority(-110)  # after i18n (-100) has picked this language's files
    def on_files(self, files, config):
        """Add this language's generated pages (worksheets, session plans,
        search) where its Markdown pages are."""
        for file in self.generated.files(config):
            files.append(file)
        return files

    def on_env(self, env, config, files):
        """Add to MkDocs' environment (other plugins add to it too) this
        language's UI strings, escaped like everything else.

        MkDocs' environment does not autoescape; the kit's does, so a catalog
        entry or a page title holding markup shows as text. Only the rendered
        body is inserted as HTML (`page.content|safe` in main.html).
        """
        env.autoescape = True
        # Jinja trusts translations as markup; ours are text, so escape them first.
        catalog = self.translate.catalogs["theme"]
        escaped: dict[str, str] = {}  # a page asks for some twenty strings, the same on every page

        def gettext(message: str) -> str:
            if message not in escaped:
                escaped[message] = escape(catalog.gettext(message))
            return escaped[message]

        if "jinja2.ext.i18n" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(
            gettext, lambda singular, plural, n: escape(catalog.ngettext(singular, plural, n)), newstyle=True)

        def underscore(message: str, **variables) -> Markup:
            """`_()` as jinja2.ext.i18n's newstyle gettext gives it (the translation as markup,
            then `% variables`, which escapes them), without its two context lookups per call:
            some 4,000 calls a build, 0.03 s of it."""
            return gettext(message) % variables

        env.globals["_"] = underscore
        env.globals["plural_forms"] = self.translate.plural_forms  # every form of a count's message, for plural.js
        render.share_compiled_templates(env)
        # Every page of the language has its body now (MkDocs renders them all,
        # then puts them in the theme): the worker builds the index while MkDocs
        # writes the pages, instead of after them.
        index_path = self._index_path(config)
        self.background.checked.add(os.path.normpath(index_path))
        self.background.submit("offline", background_jobs.write_index, self.index, index_path, Path(config.site_dir))
        return env

    def on_page_markdown(self, markdown, page, config, files):
        """Activities' headings, times and groupings from the front matter."""
        return activities.render_page(markdown, self, self._source_path(page))

    def on_page_content(self, html, page, config, files):
        """A generated page gets its body from our templates; each page joins
        this language's search index (fallback pages are English: they stay
        out of it); the pages the packs print are kept for their PDFs."""
        path = self._source_path(page)
        generated = self.generated.of(page)
        if generated is not None:
            html = generated.renderer(PageContext(self, page, path, self.language, True))
            if generated.searchable:
                self._index(generated.title, page.url, generated.section, html)
        elif self._is_translated(self.language, path):
            self._index(page.title or "", page.url, navigation.section_of(path), html)
        packs.capture(self, page, path, html)
        return html

    def _index(self, title: str, url: str, section: str, html: str) -> None:
        label = next((s.label for s in self.sections if s.id == section), "")
        url = url[len(self.language.prefix):] if url.startswith(self.language.prefix) else url
        self.index.add(title, url, label, html)

    def on_page_context(self, context, page, config, nav):
        """Hand the theme what it needs: sections, switcher, notices, module facts."""
        path = self._source_path(page)
        context["kit"] = PageContext(plugin=self, page=page, path=path, language=self.language,
                                     translated=self._is_translated_or_generated(self.language, path))
        return context

    def on_template_context(self, context, template_name, config):
        """Static templates (404.html, sitemap) get the same language facts."""
        context["kit"] = static_context(self)
        return context

    def on_post_page(self, output, page, config):
        """The language's typography (French spacing) over the whole rendered page."""
        self.written.append(page.file.abs_dest_path)
        return self.typography(output)

    # -- after each language, and after the last ------------------------------

    @event_priority(0)
    def _after_language(self, config):
        site = Path(config.site_dir)
        # MkDocs writes 404.html at the site root in every language's build;
        # keep each language's and put them in place at the end.
        not_found = site / "404.html"
        if not_found.exists():
            self.not_found[self.language.code] = not_found.read_text(encoding="utf-8")
        # The offline check of the pages written, in the background while
        # MkDocs builds the next language (the index is on its way: on_env).
        # The last language's are checked here with the rest of the site, as
        # the worker finishes that language's index.
        if self.language is not self.languages[-1]:
            pages = [Path(path) for path in self.written]
            self.background.checked.update(os.path.normpath(path) for path in pages)
            self.background.submit("offline", site_checks.check_files, site, pages)

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
    def _after_site(self, config):
        if self.i18n.building:
            return
        site = Path(config.site_dir)
        for language in self.languages:
            if language.code in self.not_found:
                (site / language.prefix / "404.html").write_text(self.not_found[language.code], encoding="utf-8")
        (site / "sitemap.xml.gz").unlink(missing_ok=True)
        brand = self.project.branding
        (site / "assets" / "css" / "brand.css").write_text(brand.css(), encoding="utf-8")
        if brand.logo is not None:
            shutil.copyfile(brand.logo, site / brand.logo_name)
        vendor.copy_all(self.root, site)
        site_checks.write_sitemap(site, config.site_url, self.languages, self.project.tree,
                                  [p.path for p in self.generated])
        if not self.config.pdfs:  # the rest of the site, while the worker finishes the last language
            offline = site_checks.check_offline(site, skip=self.background.checked)
        found = self.background.finish(wait=False)
        found.get("content", ErrorList()).raise_if_any()
        if self.config.pdfs:
            from . import pdf_build  # noqa: PLC0415 (WeasyPrint is slow to import; only when needed)
            # The PDF workers fork where they can, and the worker's pool keeps a
            # thread alive until it has exited: they start once it has (a
            # rebuild with every PDF in the cache starts none).
            figures = pdf_build.build_all(self, site, build_worker=self.background)
            # The PDFs' scripts (13 MB) are base64, in which no URL can be written,
            # under a file name of ours (pdf_build.write_pdf_scripts): not read again.
            scripts = {os.path.normpath(path) for path in figures["scripts"]}
            offline = site_checks.check_offline(site, skip=self.background.checked | scripts)
        offline.extend(found.get("offline", []))
        offline.raise_if_any("offline")

    def on_build_error(self, error):
        """A failed build does not wait for its background jobs."""
        if getattr(self, "background", None) is not None:
            self.background.close()

    on_post_build = CombinedEvent(_after_language, _after_site)

    # -- helpers ---------------------------------------------------------------

    def _index_path(self, config) -> Path:
        return Path(config.site_dir) / self.language.prefix / "assets" / "search-index.js"

    def _source_path(self, page) -> str:
        """The page's path inside its language folder: 'employee/e1-x.md'
        (a fallback page's file is in the default language's folder)."""
        folder, _, rest = page.file.src_uri.partition("/")
        return rest if rest and any(folder == language.code for language in self.languages) else page.file.src_uri

    def _is_translated(self, language, path: str) -> bool:
        return language.default or self.project.tree.page(language.code, path) is not None

    def _is_translated_or_generated(self, language, path: str) -> bool:
        """Is this page's text in `language`? Generated pages always are (their
        words come from the catalogs); fallback pages are not."""
        return self._is_translated(language, path) or self.generated.is_generated_path(path)

    def is_stale(self, language, path: str) -> bool:
        from . import status  # noqa: PLC0415

        return status.page_state(self.project.tree, language, path) == status.STALE

