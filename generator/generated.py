"""Pages with no Markdown source: each worksheet, the worksheet index, each
session plan, and the search page, in every language.

They are real MkDocs files (`File.generated`, the mkdocs-gen-files pattern),
added in `on_files` after mkdocs-static-i18n has chosen the language's files,
where a page of that language would be (`fr/worksheets/idp.md`, written to
`fr/worksheets/idp.html`). MkDocs reads, renders and writes them like any other
page, its link validation knows them, and authors link to them with ordinary
Markdown links. Their source is only front matter with the title; the plugin
fills the body from our `kit/` templates in `on_page_content`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import yaml
from markupsafe import Markup
from mkdocs.structure.files import File

from . import answers, decks, examples, packs, render, scoring, sessions
from .navigation import Entry

PAPERS = ("a4", "letter")


def pdf_file(name: str, language: str, paper: str) -> str:
    """Where a PDF lives inside its language folder: the worksheet id, or
    'session-<id>' or 'pack-<id>', then the language and the paper. The links
    and the renderer both use this, so they cannot drift apart."""
    return f"worksheets/pdf/{name}-{language}-{paper}.pdf"


def pack_titles(_) -> dict[str, str]:
    """The packs, in the order they are listed, with their titles in one language."""
    return {"employee": _("Participant pack: employees"), "manager": _("Participant pack: managers"),
            "hr": _("Participant pack: HR and L&D"), "facilitator": _("Facilitator pack")}


SEARCH_PAGE = "search.md"
WORKSHEET_INDEX = "worksheets/index.md"


def worksheet_page(worksheet_id: str) -> str:
    return f"worksheets/{worksheet_id}.md"


def session_page(plan_id: str) -> str:
    return f"sessions/{plan_id}.md"


def page_paths(worksheet_ids, plan_ids) -> frozenset[str]:
    """Where the generated pages are, inside every language folder: what a
    Markdown link may point to besides the Markdown pages."""
    return frozenset([SEARCH_PAGE, WORKSHEET_INDEX, *map(worksheet_page, worksheet_ids), *map(session_page, plan_ids)])


@dataclass
class GeneratedPage:
    path: str  # inside the language folder: "worksheets/check-in.md"
    src_uri: str  # with the language folder, as MkDocs knows it: "fr/worksheets/check-in.md"
    title: str
    section: str
    renderer: Callable  # the page's `kit` → its body
    searchable: bool = True
    template: str = "main.html"  # the theme's outer template (decks have their own)

    def file(self, config, prefix: str) -> File:
        """The page as a MkDocs file; `prefix` is where the language's pages are
        written ('' for the default language, which lives at the site root)."""
        meta = {"title": self.title} if self.template == "main.html" else {"title": self.title, "template": self.template}
        source = yaml.safe_dump(meta, allow_unicode=True, width=1000)
        file = File.generated(config, self.src_uri, content=f"---\n{source}---\n")
        file.dest_uri = prefix + self.path[:-3] + ".html"
        return file


class GeneratedPages:
    def __init__(self, plugin):
        self.plugin = plugin
        self.project, self.language, self._ = plugin.project, plugin.language, plugin.translate
        self.config = plugin.config
        self.kit_dir = plugin.theme_dir / "kit"
        translate = plugin.translate
        self.pages: dict[str, GeneratedPage] = {}
        self.paths: set[str] = set()
        _ = translate  # under this name, so that Babel extracts the strings
        self._add(SEARCH_PAGE, _("Search"), "start", self._render_search, searchable=False)
        self._add(WORKSHEET_INDEX, _("Worksheets and packs"), "worksheets", self._render_worksheet_index)
        # Searchable: it is where a reader learns where the answers are kept, and saves or deletes them.
        self._add(answers.PAGE, _("My answers"), "worksheets", lambda kit: answers.render_page(self, kit))
        for worksheet_id, definition in self.project.worksheets.items():
            self._add(worksheet_page(worksheet_id), translate.worksheet(definition["title"]), "worksheets",
                      lambda kit, d=definition: self._render_worksheet(kit, d))
        for plan_id, plan in self.project.sessions.items():
            self._add(session_page(plan_id), translate.session(plan["title"]), "facilitator",
                      lambda kit, p=plan: self._render_session(kit, p))
            self._add(decks.deck_path(plan_id), _("Slides: %(plan)s", plan=translate.session(plan["title"])),
                      "facilitator", lambda kit, p=plan: decks.render_deck(self, kit, p), searchable=False,
                      template="deck.html")

    def _add(self, path, title, section, renderer, searchable=True, template="main.html"):
        src_uri = f"{self.language.code}/{path}"
        self.pages[src_uri] = GeneratedPage(path, src_uri, title, section, renderer, searchable, template)
        self.paths.add(path)

    def __iter__(self):
        return iter(self.pages.values())

    def files(self, config) -> list[File]:
        """This language's generated pages as MkDocs files, for `on_files`."""
        return [page.file(config, self.language.prefix) for page in self.pages.values()]

    def of(self, page) -> GeneratedPage | None:
        """The generated page behind a MkDocs page, or None for a Markdown page."""
        return self.pages.get(page.file.src_uri) if page.file.generated_by else None

    def is_generated_path(self, path: str) -> bool:
        return path in self.paths

    def entries(self) -> dict[str, list[Entry]]:
        """Navigation entries by section (the search page is in the header instead)."""
        by_section: dict[str, list[Entry]] = {}
        for page in self.pages.values():
            if page.path != SEARCH_PAGE:
                by_section.setdefault(page.section, []).append(Entry(page.path, page.title, page.section))
        return by_section

    # -- links ------------------------------------------------------------------
    def pdf_path(self, worksheet_id: str, paper: str) -> str:
        return pdf_file(worksheet_id, self.language.code, paper)

    def pack_path(self, pack_id: str, paper: str) -> str:
        return pdf_file(f"pack-{pack_id}", self.language.code, paper)

    def worksheet_link(self, worksheet_id: str, kit) -> dict:
        definition = self.project.worksheets[worksheet_id]
        return {
            "id": worksheet_id,
            "title": self._.worksheet(definition["title"]),
            "href": kit.href(worksheet_page(worksheet_id)),
            "pdfs": {paper: kit.href(self.pdf_path(worksheet_id, paper)) for paper in PAPERS},
        }

    # -- renderers -------------------------------------------------------------
    def _common(self, kit) -> dict:
        return {"_": self._, "T": self._.worksheet, "S": self._.session, "ngettext": self._.ngettext,
                "plural_forms": self._.plural_forms, "answers_strings": self.answers_strings,
                "kit": kit, "lang": self.language.code, "papers": PAPERS, "mode": "web"}

    @cached_property
    def answers_strings(self) -> Markup:
        """The answers scripts' messages, as the attribute that carries them: the
        same on every worksheet page of the language, so rendered once."""
        return Markup(render.render_data(self.kit_dir, "answers-strings.html", lang=self.language.code,
                                         languages=[language.code for language in self.plugin.languages],
                                         _=self._, plural_forms=self._.plural_forms))

    def _render_search(self, kit) -> str:
        return render.render(self.kit_dir, "search.html", **self._common(kit))

    def _render_worksheet_index(self, kit) -> str:
        context = self._common(kit)
        groups = {}
        for worksheet_id, definition in self.project.worksheets.items():
            groups.setdefault(definition["role"], []).append(self.worksheet_link(worksheet_id, kit))
        pack_list = [{"id": pack_id, "title": title,
                      "contents": packs.describe(pack_id, self.project, self._, self.language.code),
                      "pdfs": {paper: kit.href(self.pack_path(pack_id, paper)) for paper in PAPERS}}
                     for pack_id, title in pack_titles(self._).items()]
        return render.render(self.kit_dir, "worksheet-index.html", groups=groups, packs=pack_list, **context)

    def _render_worksheet(self, kit, definition) -> str:
        context = self._common(kit)
        pdfs = {paper: kit.href(self.pdf_path(definition["id"], paper)) for paper in PAPERS}
        rules = scoring.client_rules(definition, self._) if "scoring" in definition else None
        example = examples.view(definition, self._, self.language.locale) if "example" in definition else None
        example_pdfs = {paper: kit.href(self.pdf_path(f"{definition['id']}-example", paper)) for paper in PAPERS}
        # The form knows nothing of the page it is on: kept between builds, with its data only
        # (the scoring rules are the PDF's: the page shows them below the form, not in it).
        form = Markup(render.render_data(self.kit_dir, "worksheet.html", ws=definition, mode="web",
                                         lang=self.language.code, T=self._.worksheet, _=self._, values={}, rules=None))
        return render.render(self.kit_dir, "worksheet-page.html", ws=definition, form=form, pdfs=pdfs, rules=rules,
                             example=example, example_pdfs=example_pdfs, **context)

    def _render_session(self, kit, plan) -> str:
        context = self._common(kit)
        start = self.config.session_start
        worksheet_links = {w: self.worksheet_link(w, kit) for w in self.project.worksheets}
        return render.render(self.kit_dir, "session.html", plan=plan, slots=sessions.timetable(plan, start),
                             materials=sessions.materials(plan), start=start, worksheet_links=worksheet_links,
                             **context)
