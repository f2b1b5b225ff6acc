"""`i18n-compile`: check every catalog and write its .mo (the build does this too)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import catalogs, languages
from .common import load, project_root


@click.command("i18n-compile")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Fail on fuzzy or untranslated entries of complete languages.")
def command(config_file: str, strict: bool) -> None:
    """Check and compile the gettext catalogs."""
    config = load(config_file)
    root = project_root(config_file)
    errors = catalogs.compile_catalogs(root, Path(config.plugins["career-kit"].config.locales_dir),
                                       languages.from_i18n_config(config.plugins["i18n"].config), strict=strict)
    if errors:
        click.echo(f"{len(set(errors))} catalog error(s):", err=True)
        for error in sorted(set(errors), key=str):
            click.echo(f"  {error}", err=True)
        sys.exit(1)
    click.echo("Catalogs compiled.")
