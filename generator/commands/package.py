"""`package`: the built site as one versioned zip, ready to unzip on a web
server or a shared drive, with a manifest of every file and its SHA-256; and
beside it a SCORM 1.2 and a SCORM 2004 package of the same site for an LMS
(generator/scorm.py).

`make package` builds first; this command only packs what is in site/, after
checking the project as a build does, so a broken page fails here too.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import click
from mkdocs.exceptions import PluginError

from .. import __version__, scorm
from .check import load_project
from .common import load, project_root


def version_label(root: Path) -> str:
    """The kit's version, with the commit when the project is a git checkout."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                                text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return __version__
    return f"{__version__}+{commit}"


def package_name(version: str) -> str:
    return f"career-conversations-kit-{version.replace('+', '-')}"


def make_package(site: Path, out_dir: Path, version: str) -> Path:
    if not (site / "index.html").is_file():
        raise click.ClickException(f"{site} holds no built site: run `make site` first")
    name = package_name(version)
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"{name}.zip"
    files = sorted(p for p in site.rglob("*") if p.is_file())
    entries = []
    for path in files:
        data = path.read_bytes()
        entries.append({"path": path.relative_to(site).as_posix(), "bytes": len(data),
                        "sha256": hashlib.sha256(data).hexdigest()})
    manifest = {"name": "Career Conversations Kit", "version": version,
                "built": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "files": len(entries), "bytes": sum(e["bytes"] for e in entries), "entries": entries}
    checksums = "".join(f"{e['sha256']}  {e['path']}\n" for e in entries)
    partial = archive.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path, entry in zip(files, entries, strict=True):
            bundle.write(path, f"{name}/{entry['path']}")
        bundle.writestr(f"{name}/MANIFEST.json", json.dumps(manifest, indent=2) + "\n")
        bundle.writestr(f"{name}/SHA256SUMS", checksums)
    partial.replace(archive)
    return archive


def make_scorm_packages(site: Path, out_dir: Path, version: str, project, site_name: str) -> list[Path]:
    """The SCORM 1.2 and 2004 zips, beside the plain one and versioned like it."""
    paths = scorm.role_paths(project.tree)
    scorm.check_site(site, paths, project.languages, project.root)
    schemas = {edition: scorm.schema_files(project.root, edition) for edition in scorm.EDITIONS}
    name = package_name(version)
    out_dir.mkdir(parents=True, exist_ok=True)
    archives = []
    for edition in scorm.EDITIONS:
        suffix = "scorm12" if edition == "1.2" else "scorm2004"
        archives.append(scorm.write_package(site, out_dir / f"{name}-{suffix}.zip", edition,
                                            identifier="career-conversations-kit", version=version,
                                            site_name=site_name, paths=paths, languages=project.languages,
                                            schemas=schemas[edition], root=project.root))
    return archives


@click.command("package")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("-o", "--output", default="dist", show_default=True, help="Folder for the zip.")
def command(config_file: str, output: str) -> None:
    """Zip site/ with a manifest of checksums (SHA256SUMS, MANIFEST.json), and as SCORM 1.2 and 2004 packages."""
    config = load(config_file)
    root = project_root(config_file)
    try:
        # The same checks as a build: a site built before a page broke is not packed.
        project = load_project(config_file)
        site, version = Path(config.site_dir), version_label(root)
        if not (site / "index.html").is_file():
            raise click.ClickException(f"{site} holds no built site: run `make site` first")
        # SCORM first: it checks the site, and nothing is written when it fails.
        scorm_archives = make_scorm_packages(site, root / output, version, project, config.site_name)
        archives = [make_package(site, root / output, version), *scorm_archives]
    except PluginError as exc:
        click.echo(f"Package failed: {exc}\nNo package was written.", err=True)
        sys.exit(1)
    for archive in archives:
        click.echo(f"Wrote {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
