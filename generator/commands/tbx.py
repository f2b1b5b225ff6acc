"""`tbx`: export the termbase (termbase.yml) as TBX, for translation tools."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import termbase
from ..errors import ErrorList
from .common import project_root


@click.command("tbx")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("-o", "--output", default="dist/termbase.tbx", show_default=True, type=click.Path(dir_okay=False))
def command(config_file: str, output: str) -> None:
    """Write the termbase as TBX (ISO 30042), which Weblate, memoQ and Trados import."""
    root = project_root(config_file)
    errors = ErrorList()
    terms = termbase.load(root, errors)
    if errors:
        for error in errors:
            click.echo(f"  {error}", err=True)
        sys.exit(1)
    destination = termbase.export_tbx(terms, Path(output) if Path(output).is_absolute() else root / output)
    click.echo(f"{len(terms.concepts)} concepts written to {destination}")
