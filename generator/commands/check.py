"""`check`: read and check all content, definitions and catalogs without building."""

from __future__ import annotations

import sys

import click
from mkdocs.exceptions import MkDocsException

from ..project import Project
from .common import load


def load_project(config_file: str, strict: bool = True) -> Project:
    return Project.from_config(load(config_file), strict=strict)


@click.command("check")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
def command(config_file: str) -> None:
    """Check pages, worksheets, session plans and catalogs; build nothing."""
    try:
        project = load_project(config_file)
    except MkDocsException as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    pages = sum(len(p) for p in project.tree.pages.values())
    click.echo(f"OK: {pages} pages in {len(project.languages)} languages, {len(project.worksheets)} worksheets, "
               f"{len(project.sessions)} session plans")
