"""Remake the bundled fonts in theme/assets/fonts/ from the @fontsource package.

Fontsource splits each style into a Latin and a Latin-Extended file; browsers
cope, but WeasyPrint embeds every font a form field uses whole, so one small
file per style keeps PDFs light. This script merges the two halves and keeps
only Latin-1, Latin Extended-A and the punctuation French and Spanish need.

Run by hand when changing fonts (it needs the network to fetch the package):
    npm pack @fontsource/source-sans-3 && tar xzf fontsource-source-sans-3-*.tgz
    .venv/bin/python tools/subset_fonts.py package/files theme/assets/fonts
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

RANGES = (
    "U+0020-007E,U+00A0-00FF,U+0100-017F,U+0192,U+0218-021B,U+02C6,U+02DA,U+02DC,"
    "U+2009,U+200A,U+2010-2015,U+2018-201E,U+2020-2022,U+2026,U+202F,U+2030,"
    "U+2039,U+203A,U+2044,U+20AC,U+2122,U+2212,U+2190-2193,U+2713"
)
STYLES = ["400-normal", "600-normal", "400-italic"]


def main(src: Path, dest: Path) -> None:
    for style in STYLES:
        halves = []
        for part in ("latin", "latin-ext"):
            font = TTFont(src / f"source-sans-3-{part}-{style}.woff2")
            font.flavor = None
            path = dest / f".{part}-{style}.ttf"
            font.save(path)
            halves.append(path)
        merged = Merger().merge([str(p) for p in halves])
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(RANGES))
        subsetter.subset(merged)
        merged.flavor = "woff2"
        merged.save(dest / f"SourceSans3-{style}.woff2")
        for path in halves:
            path.unlink()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
