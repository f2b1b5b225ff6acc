"""Workshop activities as data: declared in a page's front matter, checked,
indexed for the session plans, and rendered into the page.

A page declares its activities under `activities:` (id, title, minutes,
grouping, materials, worksheets); its body keeps the steps in an admonition
named by the id, `!!! activity "energy-interviews"`. The page's heading, time,
grouping and materials are rendered from the data (`render_markdown`), so the
time and grouping are written once, and a session plan segment that runs the
activity (`activity: e2/energy-interviews`) takes them from the same data.

Every key but `title` is the same in every language: a translation repeats
them and the build checks that they match the English page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .errors import ErrorList, relative

# How people work during an activity; an activity may go through several in turn.
GROUPINGS = ("plenary", "alone", "pairs", "threes", "groups", "break")
# The closed list of materials. Room materials are what the venue or the
# facilitator brings; kit artefacts are made by this kit, and a plan naming one
# links to it (sessions.py checks that it exists for the plan).
ROOM_MATERIALS = ("projector", "flip-chart", "markers", "sticky-notes", "pens", "timer", "devices",
                  "local-policies")
KIT_ARTEFACTS = ("slides", "participant-pack", "roleplay-cards", "observer-checklist", "evaluation-form")
MATERIALS = ROOM_MATERIALS + KIT_ARTEFACTS
KEYS = {"id", "title", "minutes", "grouping", "materials", "worksheets"}
NEUTRAL_KEYS = ("minutes", "grouping", "materials", "worksheets")  # the same in every language
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The admonition that holds an activity's steps: `!!! activity "<id>"`.
BLOCK = re.compile(r'^!!! activity "([^"]*)"[ \t]*$', re.MULTILINE)


def material_labels(_) -> dict[str, str]:
    """Each material's name in one language (`_` is the theme's gettext)."""
    return {
        "projector": _("Projector and screen"), "flip-chart": _("Flip chart"), "markers": _("Marker pens"),
        "sticky-notes": _("Sticky notes"), "pens": _("Pens"), "timer": _("Timer"),
        "devices": _("A phone or laptop per pair"), "local-policies": _("Your local policy documents"),
        "slides": _("Slides"), "participant-pack": _("Participant pack"), "roleplay-cards": _("Role-play cards"),
        "observer-checklist": _("Observer checklist"), "evaluation-form": _("Evaluation form"),
    }


def grouping_phrases(_) -> dict[str, str]:
    """Each grouping as it reads inside a sentence ("alone, then in pairs")."""
    return {"plenary": _("as a whole group"), "alone": _("alone"), "pairs": _("in pairs"),
            "threes": _("in threes"), "groups": _("in small groups"), "break": _("break")}


def describe_grouping(grouping: list[str], _) -> str:
    phrases = grouping_phrases(_)
    text = phrases[grouping[0]]
    for step in grouping[1:]:
        text = _("%(before)s, then %(after)s", before=text, after=phrases[step])
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Activity:
    ref: str  # how a plan names it: "e2/energy-interviews"
    id: str
    title: str
    minutes: int
    grouping: tuple[str, ...]
    materials: tuple[str, ...]
    worksheets: tuple[str, ...]
    page: str  # the page's path in its language folder: "employee/e2-what-matters.md"
    source: str  # the file, for messages
    line: int  # the line of the activity in its file
    page_title: str = ""  # the page's title, in the page's language
    steps: tuple[str, ...] = ()  # the first sentence of each numbered step, as plain text (for slides)
    lines: dict = field(default_factory=dict, compare=False)  # key -> line


def prefix(page) -> str:
    """The first part of a reference: the module code ("e2"), or the page's
    name for pages that are not modules ("trust")."""
    module = page.meta.get("module")
    return str(module).lower() if module else PurePosixPath(page.path).stem


def check_page(shown: str, page, worksheet_ids, errors: ErrorList) -> list[Activity]:
    """The page's activities, checked against the schema and against its body."""
    declared = page.meta.get("activities")
    body_ids = BLOCK.findall(page.body)
    if declared is None:
        for activity_id in body_ids:
            errors.add(shown, _body_line(page, activity_id), f"the activity '{activity_id}' is not declared",
                       f"add it under 'activities:' in the front matter (id: {activity_id}, title, minutes, "
                       "grouping, materials, worksheets)")
        return []
    base = page.lines.get("activities", 1)
    if not isinstance(declared, list) or not declared:
        errors.add(shown, base, "'activities' must list at least one activity",
                   "write '- id: …' lines with title, minutes, grouping, materials and worksheets")
        return []
    found = []
    for item in declared:
        if not isinstance(item, dict):
            errors.add(shown, base, "each activity must be a mapping", "start it with '- id: …'")
            continue
        activity = _check_item(shown, page, item, worksheet_ids, errors)
        if activity is not None:
            found.append(activity)
    ids = [a.id for a in found]
    for activity in found:
        if ids.count(activity.id) > 1:
            errors.add(shown, activity.line, f"the activity id '{activity.id}' is declared twice",
                       "give each activity of the page its own id")
        elif activity.id not in body_ids:
            errors.add(shown, activity.line, f"the activity '{activity.id}' has no steps in the page",
                       f'add its steps in the body, under `!!! activity "{activity.id}"`')
    named = {item.get("id") for item in declared if isinstance(item, dict)}  # broken ones too: reported above
    for activity_id in body_ids:
        if activity_id not in named:
            errors.add(shown, _body_line(page, activity_id), f"the activity '{activity_id}' is not declared",
                       f"add it under 'activities:' in the front matter, or use one of {', '.join(ids)}")
    return found


def _check_item(shown, page, item, worksheet_ids, errors) -> Activity | None:
    def line(key):  # the front matter starts on the file's second line
        return item.line_of(key) + 1

    ok = True
    for key in item:
        if key not in KEYS:
            errors.add(shown, line(key), f"unknown activity key '{key}'", f"use only {', '.join(sorted(KEYS))}")
    activity_id = item.get("id")
    if not isinstance(activity_id, str) or not ID.match(activity_id):
        errors.add(shown, line("id"), f"activity id {activity_id!r} is not like 'energy-interviews'",
                   "use lower-case words joined by hyphens")
        ok = False
    if not isinstance(item.get("title"), str) or not item["title"].strip():
        errors.add(shown, line("title"), "the activity has no title", "add 'title: …' in this page's language")
        ok = False
    minutes = item.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        errors.add(shown, line("minutes"), f"minutes {minutes!r} is not a positive whole number",
                   "write e.g. 'minutes: 25'")
        ok = False
    grouping = item.get("grouping")
    grouping = [grouping] if isinstance(grouping, str) else grouping
    if not isinstance(grouping, list) or not grouping or any(g not in GROUPINGS for g in grouping):
        errors.add(shown, line("grouping"), f"unknown grouping {item.get('grouping')!r}",
                   f"use one of {', '.join(GROUPINGS)}, or a list of them in order, e.g. [alone, pairs]")
        ok = False
    materials = item.get("materials", [])
    if not isinstance(materials, list):
        errors.add(shown, line("materials"), "'materials' must be a list", "write e.g. 'materials: [pens, timer]'")
        ok = False
    else:
        for material in materials:
            if material not in MATERIALS:
                errors.add(shown, line("materials"), f"unknown material {material!r}",
                           f"use one of {', '.join(MATERIALS)}")
                ok = False
    worksheets = item.get("worksheets", [])
    if not isinstance(worksheets, list):
        errors.add(shown, line("worksheets"), "'worksheets' must be a list of worksheet ids",
                   "write e.g. 'worksheets: [check-in]'")
        ok = False
    elif worksheet_ids is not None:
        for worksheet in worksheets:
            if worksheet not in worksheet_ids:
                errors.add(shown, line("worksheets"), f"worksheet '{worksheet}' does not exist",
                           "use an id from worksheets/")
                ok = False
    if not ok:
        return None
    return Activity(f"{prefix(page)}/{activity_id}", activity_id, item["title"].strip(), minutes, tuple(grouping),
                    tuple(materials), tuple(worksheets), page.path, shown, item.line + 1,
                    str(page.meta.get("title", "")), _steps(page.body, activity_id), {key: line(key) for key in item})


STEP = re.compile(r"^    \d+\.\s+(.*)$")
MARKUP = re.compile(r"\*\*|\*|`|\[([^\]]*)\]\([^)]*\)")


def _steps(body: str, activity_id: str) -> tuple[str, ...]:
    """The first sentence of each numbered step in the activity's admonition."""
    at = body.find(f'!!! activity "{activity_id}"')
    steps = []
    for text in body[at:].split("\n")[1:]:
        if text.strip() and not text.startswith("    "):
            break  # the admonition ends at the first line that is not indented
        match = STEP.match(text)
        if match:
            plain = MARKUP.sub(lambda m: m.group(1) or "", match.group(1))
            steps.append(re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0])
    return tuple(steps)


def _body_line(page, activity_id: str) -> int:
    at = page.body.find(f'!!! activity "{activity_id}"')
    return page.body_line + page.body[:at].count("\n")


def index(tree, errors: ErrorList) -> dict[str, dict[str, Activity]]:
    """Every language's activities by reference; a translation's neutral keys
    must match the English page's."""
    by_language: dict[str, dict[str, Activity]] = {}
    for language in tree.languages:
        found: dict[str, Activity] = {}
        for page in tree.pages.get(language.code, {}).values():
            for activity in page.activities:
                found[activity.ref] = activity
        by_language[language.code] = found
    source = by_language.get(tree.default.code, {})
    for language in tree.languages[1:]:
        for ref, activity in by_language[language.code].items():
            original = source.get(ref)
            if original is None:
                errors.add(activity.source, activity.line, f"the activity '{activity.id}' is not in the English page",
                           f"use the English page's activity ids ({', '.join(sorted(source)) or 'none'})")
                continue
            for key in NEUTRAL_KEYS:
                if getattr(activity, key) != getattr(original, key):
                    english = list(getattr(original, key)) if key != "minutes" else original.minutes
                    errors.add(activity.source, activity.lines.get(key, activity.line),
                               f"the activity's {key} differ from the English page's ({original.source})",
                               f"set '{key}: {_yaml(english)}' as in English: only the title is translated")
        for ref, original in source.items():
            page = tree.page(language.code, original.page)
            if page is not None and ref not in by_language[language.code]:
                errors.add(relative(page.file, tree.root), page.lines.get("activities", 1),
                           f"the activity '{original.id}' of the English page is missing",
                           f"declare it under 'activities:' with its title in {language.name}")
    return by_language


def _yaml(value) -> str:
    return f"[{', '.join(value)}]" if isinstance(value, list) else str(value)


def render_markdown(markdown: str, activities: dict[str, Activity], links: dict[str, str], _) -> str:
    """The page's activity admonitions, with the heading and facts from the data.

    `activities` are the page's own, by id; `links` maps a worksheet id to its
    title and link as Markdown. The steps stay as the author wrote them.
    """
    labels = material_labels(_)

    def replace(match) -> str:
        activity = activities.get(match.group(1))
        if activity is None:  # reported by check_page
            return match.group(0)
        # Babel does not see calls inside f-strings: the labels come first.
        time, grouping, materials, worksheets = _("Time:"), _("Grouping:"), _("Materials:"), _("Worksheets:")
        facts = [f"**{time}** " + _("%(minutes)s minutes", minutes=activity.minutes),
                 f"**{grouping}** " + describe_grouping(list(activity.grouping), _)]
        if activity.materials:
            facts.append(f"**{materials}** " + ", ".join(labels[m] for m in activity.materials))
        if activity.worksheets:
            facts.append(f"**{worksheets}** " + ", ".join(links.get(w, w) for w in activity.worksheets))
        # Admonition titles are text (Markdown escapes them); only the quote would end it.
        title = _("Workshop activity: %(title)s", title=activity.title).replace('"', "”")
        anchor = f'<span id="activity-{activity.id}" class="activity-anchor"></span>\n\n'
        return anchor + f'!!! activity "{title}"\n    ' + " · ".join(facts) + "\n"

    return BLOCK.sub(replace, markdown)


def render_page(markdown: str, plugin, path: str) -> str:
    """`render_markdown` for one page of the language being built (a fallback
    page shows its English activities)."""
    tree, code = plugin.project.tree, plugin.language.code
    page = tree.page(code, path) or tree.page(tree.default.code, path)
    if page is None or not page.activities:
        return markdown
    worksheets = plugin.project.worksheets
    titles = {w: plugin.translate.worksheet(worksheets[w]["title"]) for w in worksheets}
    return render_markdown(markdown, {a.id: a for a in page.activities}, titles, plugin.translate)
