"""The site's structure as readers move through it: sections by role, the
reading order inside each section, previous / next, and the language switcher.

Built once per language from the content tree (plus the generated pages:
session plans, worksheets, search) and handed to the theme. MkDocs' own nav
is alphabetical and knows nothing of roles, so the theme uses this instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from mkdocs.utils import get_relative_url

from .content import ContentTree
from .languages import Language


def N_(message: str) -> str:
    """Marks a string for the theme catalog; it is translated where it is shown."""
    return message


# The default site name, translated in the header when the catalog has it.
SITE_NAME = N_("Career Conversations Kit")

# (section id, folder or pages, UI label msgid)
SECTIONS = (
    ("start", ["index.md", "trust.md", "champion.md", "case-study.md", "career-paths.md", "inclusion.md",
               "templates.md", "glossary.md"], N_("Start here")),
    ("employee", "employee", N_("Employee")),
    ("manager", "manager", N_("Manager")),
    ("hr", "hr", N_("HR")),
    ("facilitator", "facilitator", N_("Facilitator")),
    ("worksheets", "worksheets", N_("Worksheets")),
)
ROLE_SECTIONS = ("employee", "manager", "hr", "facilitator")


@dataclass
class Entry:
    path: str  # source path relative to the language folder: "employee/e1-x.md"
    title: str
    section: str
    translated: bool = True  # False: the English page stands in

    @property
    def html(self) -> str:
        return str(PurePosixPath(self.path).with_suffix(".html"))


@dataclass
class Section:
    id: str
    label: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def landing(self) -> Entry | None:
        return self.entries[0] if self.entries else None


def _module_order(path: str, meta: dict) -> tuple:
    if PurePosixPath(path).name == "index.md":
        return (0, 0, path)
    code = str(meta.get("module", ""))
    number = int(code[1:]) if code[1:].isdigit() else 99
    return (1, number, path)


def build_sections(tree: ContentTree, language: Language, _, generated: dict[str, list[Entry]]) -> list[Section]:
    """The sections of one language, each with its pages in reading order.

    `generated` adds pages that have no Markdown source (session plans under
    'facilitator', worksheets under 'worksheets').
    """
    source = tree.pages[tree.default.code]
    own = tree.pages.get(language.code, {})
    sections = []
    for section_id, members, label in SECTIONS:
        if isinstance(members, list):
            paths = [p for p in members if p in source]
        else:
            paths = sorted((p for p in source if p.startswith(members + "/")),
                           key=lambda p: _module_order(p, source[p].meta))
        entries = []
        for path in paths:
            page = own.get(path) or source[path]
            entries.append(Entry(path, str(page.meta.get("title", path)), section_id, path in own))
        entries += generated.get(section_id, [])
        sections.append(Section(section_id, _(label), entries))
    return sections


def section_of(path: str) -> str:
    first = PurePosixPath(path).parts[0] if "/" in path else ""
    for section_id, members, _label in SECTIONS:
        if (isinstance(members, list) and path in members) or first == members:
            return section_id
    if first == "sessions":
        return "facilitator"
    return "start"


def neighbours(sections: list[Section], path: str) -> tuple[Entry | None, Entry | None]:
    """Previous and next pages within the page's own section."""
    for section in sections:
        paths = [e.path for e in section.entries]
        if path in paths:
            index = paths.index(path)
            previous = section.entries[index - 1] if index > 0 else None
            following = section.entries[index + 1] if index + 1 < len(paths) else None
            return previous, following
    return None, None


@dataclass
class SwitcherLink:
    language: Language
    href: str
    label: str  # "Español"
    current: bool
    translated: bool


def switcher(languages: list[Language], current: Language, path: str, page_url: str,
             is_translated) -> list[SwitcherLink]:
    """Links to the same page in every language, relative to the current page.

    Every language has every page (complete languages by rule, languages in
    progress through fallback pages), so the target always exists; `translated`
    tells whether it is really in that language.
    """
    html = str(PurePosixPath(path).with_suffix(".html"))
    links = []
    for language in languages:
        target = language.prefix + html
        links.append(SwitcherLink(language, get_relative_url(target, page_url), language.name,
                                  language.code == current.code, is_translated(language, path)))
    return links
