"""`status` and `mark-current`: which translations are current, stale or missing."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from mkdocs.exceptions import MkDocsException

from .. import status as translation_status
from .check import load_project


@click.command("status")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write a JSON report here.")
def command(config_file: str, json_path: Path | None) -> None:
    """Print a table per language: current, stale, untracked and missing pages."""
    try:
        project = load_project(config_file, strict=False)
    except MkDocsException as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    data = translation_status.report(project.tree)
    click.echo(translation_status.format_table(project.tree, data))
    if json_path:
        translation_status.write_json(data, json_path)
        click.echo(f"Wrote {json_path}")


@click.command("mark-current")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.argument("language")
@click.argument("pages", nargs=-1)
@click.option("--all", "all_pages", is_flag=True, help="Every page of the language.")
def mark_current(config_file: str, language: str, pages: tuple[str, ...], all_pages: bool) -> None:
    """Record that LANGUAGE's PAGES (paths like employee/e1-owning-my-career.md)
    now match their English original."""
    project = load_project(config_file, strict=False)
    target = next((lang for lang in project.languages[1:] if lang.code == language), None)
    if target is None:
        raise click.BadParameter(f"'{language}' is not a translated language of this site", param_hint="LANGUAGE")
    paths = sorted(project.tree.pages[target.code]) if all_pages else [p.removeprefix(f"content/{language}/") for p in pages]
    if not paths:
        raise click.UsageError("name the pages to mark, or use --all")
    try:
        changed = translation_status.mark_current(project.tree, target, paths)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Marked {len(changed)} page(s) of {target.name} as current.")
