"""Everything a build reads besides MkDocs' own config, loaded and checked once.

`Project.load` reads the content tree, the worksheet and session-plan
definitions and the branding, and compiles the catalogs; it reports every
problem it finds together, as one error. The plugin calls it at the start of a
build; `python -m generator check` calls it on its own.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import branding as branding_module
from . import catalogs, content, dates
from .background import Background
from .errors import ErrorList
from .languages import Language

# What a project is made of: copied whole by the benchmark and the tests.
SOURCES = ("mkdocs.yml", "branding.yml", "content", "theme", "worksheets", "sessions", "locales")


def copy_sources(root: Path, destination: Path) -> Path:
    """A copy of a project's sources, without built catalogs, to change freely."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


@dataclass
class Project:
    root: Path
    languages: list[Language]
    tree: content.ContentTree
    worksheets: dict = field(default_factory=dict)  # id -> worksheet definition
    sessions: dict = field(default_factory=dict)  # id -> session plan
    locales_dir: Path = Path("locales")
    changed: dict = field(default_factory=dict)  # file -> date of last change
    branding: branding_module.Branding = field(default_factory=branding_module.Branding)
    cards: list = field(default_factory=list)  # role-play cards (cards.py)

    @classmethod
    def load(cls, root: Path, docs_dir: Path, languages: list[Language], *, worksheets_dir: Path,
             sessions_dir: Path, locales_dir: Path, branding_file: Path | None = None,
             strict: bool = True) -> Project:
        # Four independent parts, read side by side (background.py): the
        # catalogs, git's history, the definitions, and the content here.
        background = Background()
        catalog_errors = background.run(catalogs.compile_catalogs, root, locales_dir, languages, strict)
        changed = background.run(dates.last_changed, root, docs_dir)
        definitions = background.run(_load_definitions, root, worksheets_dir, sessions_dir,
                                     branding_file or root / "branding.yml")
        errors = ErrorList()
        # A worksheet's id is its file name: pages are checked against the files
        # (a broken definition is reported on its own).
        tree = content.load(root, docs_dir, languages, {path.stem for path in worksheets_dir.glob("*.yml")}, errors)
        sheets, plans, brand, cards, definition_errors = definitions.result()
        errors.extend(definition_errors + catalog_errors.result())
        if not definition_errors:  # plans run the modules' activities: check them together
            from . import sessions

            sessions.resolve(plans, tree.activities, languages[0].code, errors, set(sheets), bool(cards))
        errors.raise_if_any()
        return cls(root, languages, tree, sheets, plans, locales_dir, changed.result(), brand, cards)

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)


def _load_definitions(root: Path, worksheets_dir: Path, sessions_dir: Path, branding_file: Path):
    """Worksheets, session plans and branding, with the problems found in them."""
    from . import cards, sessions, worksheets

    errors = ErrorList()
    sheets = worksheets.load_all(root, worksheets_dir, errors)
    plans = sessions.load_all(root, sessions_dir, set(sheets), errors)
    brand = branding_module.load(root, branding_file, errors)
    role_plays = cards.load_all(root, sessions_dir / "cards", errors)
    return sheets, plans, brand, role_plays, errors
