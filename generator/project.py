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
from . import catalogs, content, dates, language_checks, termbase
from . import languages as languages_module
from .background import Background
from .errors import ErrorList
from .generated import page_paths
from .languages import Language

# What a project is made of: copied whole by the benchmark and the tests.
SOURCES = ("mkdocs.yml", "branding.yml", "termbase.yml", "cast.yml", "content", "theme", "worksheets", "sessions",
           "locales")


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
    terms: termbase.Termbase | None = None  # termbase.yml

    @classmethod
    def load(cls, root: Path, docs_dir: Path, languages: list[Language], *, worksheets_dir: Path,
             sessions_dir: Path, locales_dir: Path, branding_file: Path | None = None,
             strict: bool = True, background: Background | None = None) -> Project:
        """Read and check the whole project. With `background`, the language
        checks run there, and their errors come with the build's end (or with
        the other errors, if there are any)."""
        errors = catalogs.compile_catalogs(root, locales_dir, languages, strict, background)
        # A worksheet's id is its file name: pages are checked against the files
        # (a broken definition is reported on its own).
        worksheet_ids = {path.stem for path in worksheets_dir.glob("*.yml")}
        generated = page_paths(worksheet_ids, {path.stem for path in sessions_dir.glob("*.yml")})
        tree = content.load(root, docs_dir, languages, worksheet_ids, errors, generated)
        # Terms, register and inclusive writing of the translations (termbase.yml, AUTHORING.md).
        terms = termbase.load(root, errors)
        if background is None:
            language_checks.check(root, tree, locales_dir, terms, errors)
        else:
            background.submit("content", language_checks.check_files,
                              language_checks.files_to_check(root, tree, locales_dir), terms)
        before = len(errors)
        sheets, plans, brand, cards = _load_definitions(root, worksheets_dir, sessions_dir,
                                                        branding_file or root / "branding.yml", errors)
        if len(errors) == before:  # plans run the modules' activities: check them together
            from . import sessions  # noqa: PLC0415

            sessions.resolve(plans, tree.activities, languages[0].code, errors, set(sheets), bool(cards))
        if errors and background is not None:
            errors.extend(background.finish().get("content", []))
        errors.raise_if_any()
        return cls(root, languages, tree, sheets, plans, locales_dir, dates.last_changed(root, docs_dir), brand,
                   cards, terms)

    @classmethod
    def from_config(cls, config, *, strict: bool = True, background: Background | None = None) -> Project:
        """The project a loaded mkdocs.yml describes (the plugin's options, the
        i18n plugin's languages)."""
        options = config.plugins["career-kit"].config
        root = Path(config.config_file_path).resolve().parent
        return cls.load(root, Path(config.docs_dir), languages_module.from_i18n_config(config.plugins["i18n"].config),
                        worksheets_dir=Path(options.worksheets_dir), sessions_dir=Path(options.sessions_dir),
                        locales_dir=Path(options.locales_dir),
                        branding_file=Path(options.branding) if options.branding else None, strict=strict,
                        background=background)

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)


def _load_definitions(root: Path, worksheets_dir: Path, sessions_dir: Path, branding_file: Path, errors: ErrorList):
    """Worksheets, session plans, branding and role-play cards; the problems
    found in them go into `errors`."""
    from . import cards, sessions, worksheets  # noqa: PLC0415 (they import this module's types)

    sheets = worksheets.load_all(root, worksheets_dir, errors)
    # Plans are checked against the worksheet files: a broken one is reported on its own.
    plans = sessions.load_all(root, sessions_dir, {path.stem for path in worksheets_dir.glob("*.yml")}, errors)
    brand = branding_module.load(root, branding_file, errors)
    role_plays = cards.load_all(root, sessions_dir / "cards", errors)
    return sheets, plans, brand, role_plays
