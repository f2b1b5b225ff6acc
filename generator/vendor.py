"""Browser-side libraries the site ships, copied from node_modules at build time.

They are pinned in package.json/package-lock.json and installed by `make`
(`npm ci`); nothing built by npm is committed. The build copies each file
listed here, with its licence, into `site/assets/vendor/`, once per build (the
plugin calls `copy_all` after the last language). Pages load them as plain
scripts (never modules or workers), so they work from `file://` too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

# site path under assets/vendor/ → file inside node_modules/
LIBRARIES = {
    "pdf-lib/pdf-lib.min.js": "@cantoo/pdf-lib/dist/pdf-lib.min.js",
    "pdf-lib/LICENSE.md": "@cantoo/pdf-lib/LICENSE.md",
    "pdf-lib/fontkit.umd.min.js": "@pdf-lib/fontkit/dist/fontkit.umd.min.js",
    "reveal/reveal.js": "reveal.js/dist/reveal.js",
    "reveal/reveal.css": "reveal.js/dist/reveal.css",
    "reveal/LICENSE": "reveal.js/LICENSE",
}


def site_path(name: str) -> str:
    """Where a vendored file lives in the site, relative to a language root's parent."""
    return f"assets/vendor/{name}"


# The kit's own checkout, where `make` installs node_modules; a project of
# content elsewhere (or a test's copy of this one) uses the kit's install.
KIT_ROOT = Path(__file__).resolve().parent.parent


def copy_all(root: Path, site: Path) -> None:
    """Copy every library file from node_modules (the project's, else the
    kit's) into `site`/assets/vendor."""
    modules = next((folder for folder in (root / "node_modules", KIT_ROOT / "node_modules") if folder.is_dir()),
                   root / "node_modules")
    missing = [source for source in LIBRARIES.values() if not (modules / source).is_file()]
    if missing:
        raise PluginError(f"node_modules/{missing[0]}: missing ({len(missing)} library file(s) in all) "
                          f"→ run `make site` (or `npm ci`), which installs the pinned browser libraries")
    for name, source in LIBRARIES.items():
        target = site / site_path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(modules / source, target)
