"""`serve`: MkDocs' live preview. PDFs are off unless asked for: they are slow
to redo on every save and not needed to read the pages."""

from __future__ import annotations

import os
from pathlib import Path

import click
from mkdocs.commands.serve import serve

from .common import project_root, setup_logging


@click.command("serve")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("--pdf/--no-pdf", "pdfs", default=False, show_default=True)
def command(config_file: str, dev_addr: str, pdfs: bool) -> None:
    """Preview the site, rebuilding when content, worksheets or catalogs change."""
    setup_logging()
    os.environ["CAREER_KIT_PDFS"] = "1" if pdfs else "0"
    root = project_root(config_file)
    # Besides content/ and theme/ (MkDocs watches those), whatever the project
    # has of these, and the generator itself for those who work on it.
    paths = [root / name for name in ("worksheets", "sessions", "locales", "branding.yml")] + [Path(__file__).parents[1]]
    serve(config_file=config_file, dev_addr=dev_addr, livereload=True,
          watch=[str(path) for path in paths if path.exists()])
