"""`package`: the built site as one versioned zip, ready to unzip on a web
server or a shared drive, with a manifest of every file and its SHA-256.

`make package` builds first; this command only packs what is in site/.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import click

from .. import __version__
from .common import load, project_root


def version_label(root: Path) -> str:
    """The kit's version, with the commit when the project is a git checkout."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                                text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return __version__
    return f"{__version__}+{commit}"


def make_package(site: Path, out_dir: Path, version: str) -> Path:
    if not (site / "index.html").is_file():
        raise click.ClickException(f"{site} holds no built site: run `make site` first")
    name = f"career-conversations-kit-{version.replace('+', '-')}"
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


@click.command("package")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("-o", "--output", default="dist", show_default=True, help="Folder for the zip.")
def command(config_file: str, output: str) -> None:
    """Zip site/ with a manifest of checksums (SHA256SUMS, MANIFEST.json)."""
    config = load(config_file)
    root = project_root(config_file)
    archive = make_package(Path(config.site_dir), root / output, version_label(root))
    click.echo(f"Wrote {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
