"""The content tree: every Markdown page of every language, read and checked.

Called once per build by the plugin (before MkDocs renders anything) and by
`python -m generator check` and `status`. It reads `content/<lang>/**/*.md`
with line numbers and reports, all together: unreadable or empty pages, broken
front matter, front matter that breaks the schema, pages missing in a complete
language, translations with no English original, links to pages or images that
do not exist, and files that lead outside the content folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import activities as activities_module
from . import cast as cast_module
from . import frontmatter, placeholders
from .errors import ErrorList, relative
from .languages import Language

ROLES = ("shared", "employee", "manager", "hr", "facilitator")
MODULE_KEYS = ("duration", "objectives", "worksheets", "takeaways")
KNOWN_KEYS = {"title", "description", "role", "module", "translation_of", "activities", *MODULE_KEYS}
MODULE_CODE = re.compile(r"^([EMH])([1-9])$")
ROLE_OF_LETTER = {"E": "employee", "M": "manager", "H": "hr"}
MAX_PAGE_BYTES = 512 * 1024

# Inline links and images, outside code; reference-style links are rare here.
LINK = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")


@dataclass
class Page:
    language: str
    path: str  # relative to content/<lang>/, posix, e.g. "employee/e1-owning-my-career.md"
    file: Path
    meta: dict
    lines: dict[str, int]
    body: str
    body_line: int
    activities: list = field(default_factory=list)  # activities.Activity, declared in the front matter

    def words(self) -> int:
        return len(re.findall(r"\w+", self.body))


@dataclass
class ContentTree:
    root: Path  # the project folder, for messages
    docs_dir: Path
    languages: list[Language]
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)  # lang -> path -> Page
    assets: dict[str, set[str]] = field(default_factory=dict)  # lang -> non-Markdown files
    generated: frozenset[str] = frozenset()  # the generated pages' paths, the same in every language
    # lang -> pages that exist but could not be read (reported on their own: they
    # still count as there for twins and links, so one error is not told thrice)
    unreadable: dict[str, set[str]] = field(default_factory=dict)
    activities: dict = field(default_factory=dict)  # lang -> "e2/energy-interviews" -> Activity

    @property
    def default(self) -> Language:
        return self.languages[0]

    def page(self, language: str, path: str) -> Page | None:
        return self.pages.get(language, {}).get(path)

    def source_paths(self) -> list[str]:
        return sorted(self.pages.get(self.default.code, {}))


def load(root: Path, docs_dir: Path, languages: list[Language], worksheet_ids: set[str] | None,
         errors: ErrorList, generated: frozenset[str] = frozenset()) -> ContentTree:
    """Read every language's pages and check them; problems go into `errors`.
    `generated` holds the paths of the generated pages, which links may name."""
    tree = ContentTree(root, docs_dir, languages, generated=generated)
    for language in languages:
        tree.pages[language.code], tree.assets[language.code], tree.unreadable[language.code] = _read_language(
            root, docs_dir, language, worksheet_ids, errors
        )
    _check_twins(tree, errors)
    for language in languages:
        for page in tree.pages[language.code].values():
            _check_links(tree, page, errors)
    # The cast and the templates' placeholders compare pages across languages.
    cast_module.check(cast_module.load(root, [lang.code for lang in languages], errors, docs_dir), tree, errors)
    placeholders.check(tree, errors)
    tree.activities = activities_module.index(tree, errors)
    return tree


def _read_language(root, docs_dir, language, worksheet_ids, errors):
    folder = docs_dir / language.code
    pages, assets, unreadable = {}, set(), set()
    if not folder.is_dir():
        errors.add(relative(folder, root), None, f"the folder for language '{language.code}' is missing",
                   f"create {relative(folder, root)}/ with its pages, or remove the language from mkdocs.yml")
        return pages, assets, unreadable
    content_root = docs_dir.resolve()
    for file in sorted(folder.rglob("*")):
        shown = relative(file, root)
        # A symlink may point anywhere; only what stays inside content/ is content.
        if not file.resolve().is_relative_to(content_root):
            errors.add(shown, None, "this file is a link that leads outside the content folder",
                       "copy the file into content/ instead of linking to it")
            continue
        if not file.is_file():
            continue
        path = file.relative_to(folder).as_posix()
        if file.suffix != ".md":
            assets.add(path)
            continue
        page = _read_page(root, language, path, file, worksheet_ids, errors)
        if page is not None:
            pages[path] = page
        else:
            unreadable.add(path)
    return pages, assets, unreadable


def _read_page(root, language, path, file, worksheet_ids, errors) -> Page | None:
    shown = relative(file, root)
    raw = file.read_bytes()
    if len(raw) > MAX_PAGE_BYTES:
        errors.add(shown, None, f"the page is {len(raw) // 1024} KB, over the {MAX_PAGE_BYTES // 1024} KB limit",
                   "split it into several pages")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.add(shown, line, "the page is not valid UTF-8 text",
                   "save it as UTF-8 in your editor (Save with encoding → UTF-8)")
        return None
    if not text.strip():
        errors.add(shown, None, "the page is empty", "write its content, or delete the file")
        return None
    try:
        matter = frontmatter.split(text.lstrip("\ufeff"))
    except frontmatter.FrontMatterError as exc:
        errors.add(shown, exc.line, exc.message, "fix the YAML between the two '---' lines")
        return None
    page = Page(language.code, path, file, matter.data, matter.lines, matter.body, matter.body_line)
    if not matter.body.strip():
        errors.add(shown, matter.body_line, "the page has front matter but no text",
                   "write the page's content below the front matter")
    _check_schema(shown, page, worksheet_ids, errors)
    return page


def _check_schema(shown: str, page: Page, worksheet_ids, errors: ErrorList) -> None:
    meta, lines = page.meta, page.lines
    first = 1

    def line(key):
        return lines.get(key, first)

    for key in meta:
        if key not in KNOWN_KEYS:
            errors.add(shown, line(key), f"unknown front matter key '{key}'",
                       f"use only {', '.join(sorted(KNOWN_KEYS))}")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        errors.add(shown, line("title"), "the page has no title", "add a line 'title: …' to the front matter")
    role = meta.get("role")
    if role not in ROLES:
        errors.add(shown, line("role"), f"unknown role {role!r}" if role is not None else "the page has no role",
                   f"set 'role:' to one of {', '.join(ROLES)}")
    parts = PurePosixPath(page.path).parts
    # Module files are named e1-…, m2-…; other pages of a role folder (a question bank) need no module.
    in_role_folder = (len(parts) == 2 and parts[0] in ROLE_OF_LETTER.values()
                      and re.match(r"[emh][1-9]-", parts[1]) is not None)
    if in_role_folder and "module" not in meta:
        errors.add(shown, first, "a page in a role folder must be a module",
                   "add 'module:' (E1–E7, M1–M6, H1–H7) and the module keys")
    if "module" in meta:
        match = MODULE_CODE.match(str(meta["module"]))
        if not match:
            errors.add(shown, line("module"), f"module code {meta['module']!r} is not like E1, M2 or H3",
                       "use a role letter (E, M, H) and a number")
        elif role in ROLE_OF_LETTER.values() and ROLE_OF_LETTER[match.group(1)] != role:
            errors.add(shown, line("module"), f"module {meta['module']} does not belong to role '{role}'",
                       f"use role '{ROLE_OF_LETTER[match.group(1)]}' or fix the module code")
    if "module" in meta or any(key in meta for key in MODULE_KEYS):
        _check_module_keys(shown, meta, line, worksheet_ids, errors)
    page.activities = activities_module.check_page(shown, page, worksheet_ids, errors)


def _check_module_keys(shown, meta, line, worksheet_ids, errors) -> None:
    duration = meta.get("duration")
    if isinstance(duration, bool) or not isinstance(duration, int) or duration <= 0:
        errors.add(shown, line("duration"), f"duration {duration!r} is not a positive number of minutes",
                   "write the duration in whole minutes, e.g. 'duration: 45'")
    for key, what in (("objectives", "learning objective"), ("takeaways", "key takeaway")):
        value = meta.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            errors.add(shown, line(key), f"'{key}' must list at least one {what}",
                       f"add '{key}:' with one '- …' line per {what}")
    worksheets = meta.get("worksheets", [])
    if not isinstance(worksheets, list):
        errors.add(shown, line("worksheets"), "'worksheets' must be a list of worksheet ids",
                   "write e.g. 'worksheets: [check-in]', or 'worksheets: []'")
    elif worksheet_ids is not None:
        for worksheet in worksheets:
            if worksheet not in worksheet_ids:
                errors.add(shown, line("worksheets"), f"worksheet '{worksheet}' does not exist",
                           f"use one of the ids in worksheets/ ({', '.join(sorted(worksheet_ids)[:6])}, …)")


def _check_twins(tree: ContentTree, errors: ErrorList) -> None:
    source = set(tree.pages.get(tree.default.code, {})) | tree.unreadable.get(tree.default.code, set())
    for language in tree.languages[1:]:
        have = set(tree.pages.get(language.code, {})) | tree.unreadable.get(language.code, set())
        if not language.in_progress:
            for path in sorted(source - have):
                errors.add(relative(tree.docs_dir / tree.default.code / path, tree.root), None,
                           f"this page has no {language.name} twin",
                           f"translate it into {relative(tree.docs_dir / language.code / path, tree.root)}")
        for path in sorted(have - source):
            errors.add(relative(tree.docs_dir / language.code / path, tree.root), None,
                       "this translation has no English original",
                       f"create {relative(tree.docs_dir / tree.default.code / path, tree.root)} or rename the page to match it")


def _check_links(tree: ContentTree, page: Page, errors: ErrorList) -> None:
    shown = relative(page.file, tree.root)
    pages = tree.pages[page.language].keys() | tree.unreadable[page.language]
    fallback = tree.pages[tree.default.code].keys() | tree.unreadable[tree.default.code]
    assets = tree.assets[page.language] | tree.assets[tree.default.code]
    in_fence = False
    has_fences = "```" in page.body or "~~~" in page.body
    for number, text in enumerate(page.body.split("\n"), start=page.body_line):
        if has_fences and FENCE.match(text):
            in_fence = not in_fence
            continue
        if in_fence or "](" not in text:  # most lines hold no link
            continue
        for match in LINK.finditer(INLINE_CODE.sub("", text)):
            is_image, target = match.group(1), match.group(2)
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith(("#", "/")):
                continue
            target_path = target.split("#", 1)[0].split("?", 1)[0]
            if not target_path:
                continue
            resolved = _resolve(page.path, target_path)
            if resolved is None:
                errors.add(shown, number, f"the link '{target}' leads outside the content folder",
                           "link only to pages and files inside content/")
                continue
            if is_image or not resolved.endswith(".md"):
                if resolved not in assets:
                    errors.add(shown, number, f"the {'image' if is_image else 'file'} '{target}' does not exist",
                               f"add content/{page.language}/{resolved} or fix the path")
                continue
            if resolved not in pages and resolved not in fallback and resolved not in tree.generated:
                errors.add(shown, number, f"the link '{target}' points to a page that does not exist",
                           "fix the path (relative to this page) or create the page")


def _resolve(base: str, target: str) -> str | None:
    parts: list[str] = list(PurePosixPath(base).parent.parts)
    for part in PurePosixPath(target).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
