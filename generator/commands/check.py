"""`check`: read and check all content, definitions and catalogs without building."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from mkdocs.exceptions import PluginError

from .. import languages
from ..project import Project
from .common import load, project_root


def load_project(config_file: str, strict: bool = True) -> Project:
    config = load(config_file)
    plugin = config.plugins["career-kit"]
    root = project_root(config_file)
    return Project.load(root, Path(config.docs_dir), languages.from_i18n_config(config.plugins["i18n"].config),
                        worksheets_dir=root / plugin.config.worksheets_dir,
                        sessions_dir=root / plugin.config.sessions_dir,
                        locales_dir=root / plugin.config.locales_dir,
                        branding_file=root / plugin.config.branding, strict=strict)


@click.command("check")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
def command(config_file: str) -> None:
    """Check pages, worksheets, session plans and catalogs; build nothing."""
    try:
        project = load_project(config_file)
    except PluginError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    pages = sum(len(p) for p in project.tree.pages.values())
    click.echo(f"OK: {pages} pages in {len(project.languages)} languages, {len(project.worksheets)} worksheets, "
               f"{len(project.sessions)} session plans")
