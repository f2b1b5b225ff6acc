"""The route to ProperDocs stays open: the kit builds with ProperDocs (the
maintained fork of MkDocs 1.x) installed in place of MkDocs, through the same
command, into the same files. `make test` makes that environment."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

PROPERDOCS_PYTHON = os.environ.get("CAREER_KIT_PROPERDOCS_PYTHON")


@pytest.mark.slow
@pytest.mark.skipif(not PROPERDOCS_PYTHON, reason="run through `make test`, which installs ProperDocs beside MkDocs")
def test_the_site_builds_with_properdocs_into_the_same_files(site, project, tmp_path):
    """Same project, same command: ProperDocs writes the pages MkDocs writes
    (in the run's shared build: PDFs add no page)."""
    python = Path(PROPERDOCS_PYTHON).absolute()
    probe = subprocess.run([python, "-c", "import importlib.util as u; print(u.find_spec('mkdocs') is None)"],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "True", "MkDocs itself must not be installed beside ProperDocs"
    built = subprocess.run([python, "-m", "generator", "build", "--no-pdf", "-d", str(tmp_path / "properdocs")],
                           cwd=project, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr

    def pages(folder: Path) -> set[str]:
        return {path.relative_to(folder).as_posix() for path in folder.rglob("*.html")}

    assert pages(tmp_path / "properdocs") == pages(site)
    home = (tmp_path / "properdocs" / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home
