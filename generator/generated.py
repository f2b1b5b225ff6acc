"""Pages with no Markdown source: each worksheet, the worksheet index, each
session plan, and the search page, in every language.

They have no Markdown, so they skip MkDocs' page pipeline: `write_all` renders
each body with our `kit/` templates, wraps it in the theme's `main.html` (the
same template and `kit` context as every other page), applies the language's
typography and writes the file. The plugin runs it in the background while
MkDocs builds the Markdown pages (see background.py), and adds what it returns
to the search index. Their links come from `kit`, and authors do not link to
them from Markdown (AUTHORING.md), so MkDocs never needs to know them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from . import decks, render, scoring, sessions, typography
from .navigation import Entry

PAPERS = ("a4", "letter")
# The kit/ templates of the web pages, with those they include.
WEB_TEMPLATES = ("search.html", "worksheet-index.html", "worksheet-page.html", "worksheet.html",
                 "scoring-results.html", "session.html", "deck-slides.html")


def pdf_file(name: str, language: str, paper: str) -> str:
    """Where a PDF lives inside its language folder: the worksheet id, or
    'session-<id>' or 'pack-<id>', then the language and the paper. The links
    and the renderer both use this, so they cannot drift apart."""
    return f"worksheets/pdf/{name}-{language}-{paper}.pdf"


def pack_titles(_) -> dict[str, str]:
    """The packs, in the order they are listed, with their titles in one language."""
    return {"employee": _("Participant pack: employees"), "manager": _("Participant pack: managers"),
            "hr": _("Participant pack: HR and L&D"), "facilitator": _("Facilitator pack")}


@dataclass
class GeneratedPage:
    path: str  # inside the language folder: "worksheets/check-in.md"
    src_uri: str  # with the language folder, as MkDocs knows it
    title: str
    section: str
    renderer: Callable  # the page's `kit` → its body
    searchable: bool = True
    template: str = "main.html"  # the theme's outer template (decks have their own)


@dataclass
class Written:
    """A generated page, written into the site: what the search index needs of it."""

    title: str
    url: str  # relative to the site root, as MkDocs would give it
    section: str
    body: str  # the page's own HTML, without the theme around it
    searchable: bool


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
        self._add("search.md", _("Search"), "start", self._render_search, searchable=False)
        self._add("worksheets/index.md", _("Worksheets and packs"), "worksheets", self._render_worksheet_index)
        for worksheet_id, definition in self.project.worksheets.items():
            self._add(f"worksheets/{worksheet_id}.md", translate.worksheet(definition["title"]), "worksheets",
                      lambda kit, d=definition: self._render_worksheet(kit, d))
        for plan_id, plan in self.project.sessions.items():
            self._add(f"sessions/{plan_id}.md", translate.session(plan["title"]), "facilitator",
                      lambda kit, p=plan: self._render_session(kit, p))
            self._add(decks.deck_path(plan_id), _("Slides: %(plan)s", plan=translate.session(plan["title"])),
                      "facilitator", lambda kit, p=plan: decks.render_deck(self, kit, p), searchable=False,
                      template="deck.html")

    def _add(self, path, title, section, renderer, searchable=True, template="main.html"):
        src_uri = path if self.language.default else f"{self.language.code}/{path}"
        self.pages[src_uri] = GeneratedPage(path, src_uri, title, section, renderer, searchable, template)
        self.paths.add(path)

    def __iter__(self):
        return iter(self.pages.values())

    def is_generated_path(self, path: str) -> bool:
        return path in self.paths

    def entries(self) -> dict[str, list[Entry]]:
        """Navigation entries by section (the search page is in the header instead)."""
        by_section: dict[str, list[Entry]] = {}
        for page in self.pages.values():
            if page.path != "search.md":
                by_section.setdefault(page.section, []).append(Entry(page.path, page.title, page.section))
        return by_section

    # -- writing -----------------------------------------------------------------
    def compile_templates(self, env) -> None:
        """Compile the templates `write_all` needs, before it is forked: each
        language's child then inherits them compiled."""
        env.get_template("main.html")
        env.get_template("deck.html")
        kit = render.environment(self.kit_dir)
        for name in WEB_TEMPLATES:
            kit.get_template(name)

    def write_all(self, config, env) -> list[Written]:
        """Render and write every generated page of this language; `env` is the
        theme's environment, set up as the plugin's `on_env` does."""
        finish = typography.for_language(self.language.code)
        written = []
        for generated in self.pages.values():
            file = File.generated(config, generated.src_uri, content="")
            page = Page(generated.title, file, config)
            kit = self._page_kit(page)
            page.content = generated.renderer(kit)
            output = Path(file.abs_dest_path)
            output.parent.mkdir(parents=True, exist_ok=True)
            html = env.get_template(generated.template).render(page=page, config=config, kit=kit)
            output.write_text(finish(html), encoding="utf-8")
            written.append(Written(generated.title, page.url, generated.section, page.content,
                                   generated.searchable))
        return written

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
            "href": kit.href(f"worksheets/{worksheet_id}.md"),
            "pdfs": {paper: kit.href(self.pdf_path(worksheet_id, paper)) for paper in PAPERS},
        }

    # -- renderers -------------------------------------------------------------
    def _page_kit(self, page):
        from .context import PageContext  # noqa: PLC0415

        return PageContext(self.plugin, page, self._path(page), self.language, True)

    def _path(self, page) -> str:
        uri = page.file.src_uri
        return uri if self.language.default else uri[len(self.language.code) + 1:]

    def _common(self, kit) -> dict:
        return {"_": self._, "T": self._.worksheet, "S": self._.session,
                "kit": kit, "lang": self.language.code, "papers": PAPERS, "mode": "web"}

    def _render_search(self, kit) -> str:
        return render.render(self.kit_dir, "search.html", **self._common(kit))

    def _render_worksheet_index(self, kit) -> str:
        context = self._common(kit)
        groups = {}
        for worksheet_id, definition in self.project.worksheets.items():
            groups.setdefault(definition["role"], []).append(self.worksheet_link(worksheet_id, kit))
        packs = [{"id": pack_id, "title": title,
                  "pdfs": {paper: kit.href(self.pack_path(pack_id, paper)) for paper in PAPERS}}
                 for pack_id, title in pack_titles(self._).items()]
        return render.render(self.kit_dir, "worksheet-index.html", groups=groups, packs=packs, **context)

    def _render_worksheet(self, kit, definition) -> str:
        context = self._common(kit)
        pdfs = {paper: kit.href(self.pdf_path(definition["id"], paper)) for paper in PAPERS}
        rules = scoring.client_rules(definition, self._) if "scoring" in definition else None
        return render.render(self.kit_dir, "worksheet-page.html", ws=definition, pdfs=pdfs, rules=rules, **context)

    def _render_session(self, kit, plan) -> str:
        context = self._common(kit)
        start = sessions.parse_start(self.config.session_start)
        worksheet_links = {w: self.worksheet_link(w, kit) for w in self.project.worksheets}
        return render.render(self.kit_dir, "session.html", plan=plan, slots=sessions.timetable(plan, start),
                             materials=sessions.materials(plan), start=start, worksheet_links=worksheet_links,
                             **context)
