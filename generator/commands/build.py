"""`build`: a strict build into a temporary folder that replaces site/ only
when everything succeeded, so a failed build never leaves a half-written site."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException

from .common import failure_reason, load, setup_logging


def build_site(config_file: str, site_dir: str | None = None, pdfs: bool = True, strict: bool = True) -> Path:
    """Build into a fresh folder beside the target, then swap it in."""
    config = load(config_file, pdfs=pdfs, strict=strict)
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    try:
        config.site_dir = str(staging)  # nothing has read it yet: plugins see it from on_config on
        with failure_reason():
            mkdocs_build(config)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{time.time_ns()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


@click.command("build")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, help="The MkDocs configuration.")
@click.option("-d", "--site-dir", default=None, help="Where to write the site (default: site_dir of mkdocs.yml).")
@click.option("--pdf/--no-pdf", "pdfs", default=True, show_default=True, help="Render the PDF worksheets and packs.")
@click.option("-v", "--verbose", is_flag=True)
def command(config_file: str, site_dir: str | None, pdfs: bool, verbose: bool) -> None:
    """Build the whole site (every language, every PDF) into site/."""
    setup_logging(verbose)
    started = time.perf_counter()
    try:
        target = build_site(config_file, site_dir, pdfs=pdfs)
    except MkDocsException as exc:
        # The reason comes last: it is what the reader acts on.
        click.echo(f"Build failed; the previous site was left untouched.\n{exc or 'the build failed'}", err=True)
        sys.exit(1)
    click.echo(f"Built {target} in {time.perf_counter() - started:.1f} s", err=True)
