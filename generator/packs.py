"""What each print pack holds, in order, and the content pages it prints.

The lists are data (`PACKS`), read by the PDF build (`pdf_build.plan_for`,
which assembles each pack from its documents' PDFs) and by the worksheet index
(`generated.py`, which says what each pack holds), so the two cannot disagree.
A content page joins a pack as a PDF document of its own: the plugin keeps the
body MkDocs converted (`capture`, from `on_page_content`), and `print_body`
makes it fit for paper before it is rendered through `kit/page-pdf.html`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each pack's parts in order. A part is one of:
#   ("worksheets", role, …)  the worksheets of those roles (every worksheet when no role is given)
#   ("plans",)               every session plan, each followed by its role-play cards
#   ("examples",)            every worksheet's worked example
#   ("page", path)           a content page (its path inside content/<lang>/)
PACKS: dict[str, tuple[tuple[str, ...], ...]] = {
    "employee": (("worksheets", "shared", "employee"), ("page", "career-paths.md")),
    "manager": (("worksheets", "shared", "manager"), ("page", "manager/question-bank.md"),
                ("page", "manager/difficult-conversations.md"), ("page", "manager/remote-and-hybrid.md"),
                ("page", "career-paths.md")),
    "hr": (("worksheets", "shared", "hr"), ("page", "inclusion.md"), ("page", "templates.md")),
    "facilitator": (("plans",), ("page", "case-study.md"), ("examples",), ("page", "templates.md"),
                    ("worksheets",)),
}
PAGES = frozenset(part[1] for parts in PACKS.values() for part in parts if part[0] == "page")


def documents(pack_id: str, project) -> list[tuple[str, str]]:
    """The pack's documents in order: ("worksheet" | "example" | "plan" | "cards" | "page", id)."""
    found: list[tuple[str, str]] = []
    for kind, *values in PACKS[pack_id]:
        if kind == "worksheets":
            found += [("worksheet", w) for w, d in project.worksheets.items() if not values or d["role"] in values]
        elif kind == "examples":
            found += [("example", w) for w, d in project.worksheets.items() if "example" in d]
        elif kind == "plans":
            for plan_id, plan in project.sessions.items():
                found.append(("plan", plan_id))
                if plan.get("cards"):
                    found.append(("cards", plan_id))
        else:
            found.append(("page", values[0]))
    return found


def describe(pack_id: str, project, _, language: str) -> list[str]:
    """What the pack holds, a few words per part, for the worksheet index
    (`_` is the language's Translator, under this name for Babel)."""
    parts = []
    for kind, *values in PACKS[pack_id]:
        if kind == "worksheets":
            count = sum(1 for d in project.worksheets.values() if not values or d["role"] in values)
            parts.append(_.ngettext("%(num)s worksheet", "%(num)s worksheets", count))
        elif kind == "examples":
            count = sum(1 for d in project.worksheets.values() if "example" in d)
            parts.append(_.ngettext("%(num)s worked example", "%(num)s worked examples", count))
        elif kind == "plans":
            parts.append(_.ngettext("%(num)s session plan", "%(num)s session plans", len(project.sessions)))
            count = sum(1 for plan in project.sessions.values() if plan.get("cards"))
            if count:
                parts.append(_.ngettext("%(num)s set of role-play cards", "%(num)s sets of role-play cards", count))
        else:
            page = project.tree.page(language, values[0]) or project.tree.page(project.tree.default.code, values[0])
            if page is not None:
                parts.append(str(page.meta.get("title", "")))
    return parts


@dataclass
class CapturedPage:
    title: str
    html: str  # the body MkDocs converted, before the theme wraps it
    language: str  # the language of its text (a fallback page's is the default language)


def capture(plugin, page, path: str, html: str) -> None:
    """Keep the converted body of a page a pack prints (called from `on_page_content`)."""
    if path not in PAGES or page.file.generated_by:
        return
    translated = plugin.project.tree.page(plugin.language.code, path) is not None
    text_language = plugin.language.code if translated else plugin.project.tree.default.code
    plugin.pack_pages[plugin.language.code, path] = CapturedPage(page.title or "", html, text_language)


EXTERNAL = re.compile(r"^(?:https?:|mailto:|tel:)", re.I)
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.S | re.I)
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
SVG = re.compile(r"<svg\b.*?</svg\s*>", re.S | re.I)
SVG_START = re.compile(r"<svg\b[^>]*>", re.I)
SVG_TITLE = re.compile(r"(<title\b[^>]*>).*?(</title\s*>)", re.S)
LABELLED_BY = re.compile(r"""\baria-labelledby=["']([^"']+)["']""")
# What only a screen can use.
SCREEN_ONLY = re.compile(r"<(script|button|noscript)\b[^>]*>.*?</\1\s*>", re.S | re.I)


def print_body(html: str) -> str:
    """A page's body as paper shows it: a link to another page of the site
    goes nowhere in a PDF, so it becomes its text; links to the web stay
    (with their address printed after them, by pdf.css); what only works on
    a screen goes."""
    def link(match: re.Match) -> str:
        href = HREF.search(match.group(1))
        target = (href.group(1) or href.group(2) or "") if href else ""
        return match.group(0) if EXTERNAL.match(target) else match.group(2)

    html = LINK.sub(link, SCREEN_ONLY.sub("", html))
    return SVG.sub(_print_svg, html)


def _print_svg(match: re.Match) -> str:
    """An inline picture for WeasyPrint, which draws its text in the SVG's
    own font unless told (we tell it the kit's: no other font is embedded),
    and takes the PDF figure's text alternative from its <title> alone: the
    title gets what `aria-labelledby` names, as a browser reads it out."""
    svg = match.group(0)
    start = SVG_START.match(svg).group(0)
    if "font-family=" not in start:
        svg = svg.replace(start, start[:-1] + ' font-family="Source Sans 3">', 1)
    labelled = LABELLED_BY.search(start)
    texts = []
    for element_id in labelled.group(1).split() if labelled else ():
        found = re.search(rf"""<(\w+)\b[^>]*\bid=["']{re.escape(element_id)}["'][^>]*>(.*?)</\1\s*>""", svg, re.S)
        if found and found.group(2).strip():
            text = " ".join(found.group(2).split())
            texts.append(text if text[-1] in ".!?:;" else text + ".")
    if texts:
        svg = SVG_TITLE.sub(lambda m: m.group(1) + " ".join(texts) + m.group(2), svg, count=1)
    return svg
