"""PDF layout on both papers: each document is laid out once and placed on A4
and on US Letter (generator/pdf.py), so each paper must get its exact size,
nothing clipped, at least 12 mm of blank paper on every side, and the fields,
links and bookmarks where the text is. Also: the PDF cache key follows the
code that makes PDFs, and the worker pool starts safely on every platform."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from mkdocs.exceptions import PluginError
from PIL import Image
from pypdf import PdfReader

from generator import pdf_build

MM = 72 / 25.4
SIZES = {"a4": (595.276, 841.89), "letter": (612.0, 792.0)}
# A4 pages are moved onto Letter by half the differences of width and height.
SHIFT = ((612.0 - 595.276) / 2, (792.0 - 841.89) / 2)
# A long table, a scored worksheet (its scoring table on a page of its own), a session plan, a pack.
REPRESENTATIVE = ("processes-and-stakeholders-en", "health-check-fr", "session-manager-half-day-es", "pack-manager-en")
DPI = 60
MARGIN_MM = 12


def pdf_path(site: Path, name: str, paper: str) -> Path:
    language = name.rsplit("-", 1)[1]
    return site / ("" if language == "en" else language) / "worksheets" / "pdf" / f"{name}-{paper}.pdf"


def ink_margins_mm(image: Image.Image) -> tuple[float, float, float, float]:
    """Blank paper left, top, right and bottom of everything printed, in mm."""
    grey = image.convert("L").point(lambda value: 255 if value < 245 else 0)
    box = grey.getbbox()
    assert box is not None, "a blank page"
    left, top, right, bottom = box
    to_mm = 25.4 / DPI
    return left * to_mm, top * to_mm, (image.width - right) * to_mm, (image.height - bottom) * to_mm


@pytest.mark.parametrize("paper", SIZES)
@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_every_page_is_exactly_the_paper_size(site, name, paper):
    """MediaBox, TrimBox and BleedBox of every page are the paper, to the hundredth of a point."""
    with pikepdf.open(pdf_path(site, name, paper)) as document:
        for number, page in enumerate(document.pages, 1):
            for box in ("/MediaBox", "/TrimBox", "/BleedBox", "/CropBox"):
                if box in page.obj:
                    left, bottom, right, top = (float(v) for v in page.obj[box])
                    assert (left, bottom) == (0, 0), f"page {number} {box}"
                    assert (round(right - SIZES[paper][0], 2), round(top - SIZES[paper][1], 2)) == (0, 0), \
                        f"page {number} {box}: {right} × {top}"


@pytest.mark.parametrize("paper", SIZES)
@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_rendered_pages_leave_12mm_of_blank_paper_on_every_side(site, name, paper, tmp_path):
    """pdftoppm's image of every page: nothing printed within 12 mm of an edge, header and footer included."""
    path = pdf_path(site, name, paper)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(pikepdf.open(path).pages)
    for image_path in images:
        with Image.open(image_path) as image:
            width_mm, height_mm = image.width * 25.4 / DPI, image.height * 25.4 / DPI
            assert abs(width_mm - SIZES[paper][0] / MM) < 1 and abs(height_mm - SIZES[paper][1] / MM) < 1
            margins = ink_margins_mm(image)
        assert min(margins) >= MARGIN_MM, f"{image_path.name}: margins (left, top, right, bottom) {margins} mm"


@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_both_papers_hold_the_same_text_fields_and_bookmarks(site, name):
    """The same text, fields and bookmarks on the same number of pages (what
    is visible stays on the paper: the margins test above)."""
    a4, letter = pdf_path(site, name, "a4"), pdf_path(site, name, "letter")
    texts = [[page.extract_text() for page in PdfReader(path).pages] for path in (a4, letter)]
    assert texts[0] == texts[1]
    assert len("".join(texts[0])) > 500
    with pikepdf.open(a4) as first, pikepdf.open(letter) as second:
        assert len(first.pages) == len(second.pages)
        names = [[str(f.get("/T", "")) for f in d.Root.AcroForm.Fields] if "/AcroForm" in d.Root else []
                 for d in (first, second)]
        assert names[0] == names[1]
        with first.open_outline() as one, second.open_outline() as two:
            assert [i.title for i in one.root] == [i.title for i in two.root]


@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_fields_links_and_bookmarks_move_with_the_page_content(site, name):
    """Each annotation rectangle and /XYZ destination on Letter is the A4 one
    moved by the same shift as the content, so fields sit on their boxes."""
    with pikepdf.open(pdf_path(site, name, "a4")) as a4, pikepdf.open(pdf_path(site, name, "letter")) as letter:
        count = 0
        for page_a4, page_letter in zip(a4.pages, letter.pages, strict=True):
            rects = [[[float(v) for v in annotation.Rect] for annotation in page.obj.get("/Annots", [])]
                     for page in (page_a4, page_letter)]
            assert len(rects[0]) == len(rects[1])
            for one, two in zip(*rects, strict=True):
                expected = [one[0] + SHIFT[0], one[1] + SHIFT[1], one[2] + SHIFT[0], one[3] + SHIFT[1]]
                assert max(abs(a - b) for a, b in zip(two, expected, strict=True)) < 0.01, (two, expected)
                count += 1
            # The shift is a stream of its own before the page's content, for a document
            # (pdf.move_to_paper) as for a pack moved whole (pdf.assemble).
            contents = page_letter.obj.Contents
            assert isinstance(contents, pikepdf.Array)
            assert contents[0].read_bytes().startswith(b"1 0 0 1 8.362205 -24.944882 cm")
        if not name.startswith("session-"):
            assert count >= 10  # the worksheets' fields
        with a4.open_outline() as one, letter.open_outline() as two:
            for first, second in zip(one.root, two.root, strict=True):
                if first.destination is not None and len(first.destination) == 5:
                    assert round(float(second.destination[2]) - float(first.destination[2]), 2) == round(SHIFT[0], 2)
                    assert round(float(second.destination[3]) - float(first.destination[3]), 2) == round(SHIFT[1], 2)


def test_pdf_cache_key_changes_when_the_code_that_makes_pdfs_changes(tmp_path):
    """The hash covers generator/pdf*.py, the kit's PDF templates and
    stylesheet, and the fonts; other files leave it alone."""
    code = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", code, ignore=shutil.ignore_patterns("__pycache__"))
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    kit = theme / "kit"
    original = pdf_build.pdf_code_stamp(kit, code)
    assert original == pdf_build.pdf_code_stamp(ROOT / "theme" / "kit", ROOT / "generator")
    keys = {original}

    def changed(path: Path) -> str:
        with path.open("ab") as handle:
            handle.write(b"\n/* changed */\n" if path.suffix in (".css", ".html") else b"\n# changed\n")
        return pdf_build.pdf_code_stamp(kit, code)

    (code / "search.py").write_text("# not PDF code\n", encoding="utf-8")
    (kit / "search.html").write_text("not a PDF template", encoding="utf-8")
    assert pdf_build.pdf_code_stamp(kit, code) == original
    for path in (code / "pdf.py", code / "pdf_build.py", kit / "pdf.css", kit / "pdf-base.html",
                 kit / "worksheet-pdf.html"):
        keys.add(changed(path))
    font = sorted((theme / "assets" / "fonts").glob("*.woff2"))[0]
    font.write_bytes(font.read_bytes() + b"\0")
    keys.add(pdf_build.pdf_code_stamp(kit, code))
    assert len(keys) == 7


def test_pool_does_not_fork_while_another_thread_is_alive(monkeypatch):
    """With a thread alive (serve's server and watcher) the pool is started by a fresh process."""
    monkeypatch.delenv(pdf_build.START_VARIABLE, raising=False)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert pdf_build.start_method() == "forkserver"
    finally:
        stop.set()
        thread.join()


def test_pool_start_method_can_be_forced_and_a_wrong_one_is_explained(monkeypatch):
    """CAREER_KIT_PDF_START picks the start method; an unknown one says which exist."""
    monkeypatch.setenv(pdf_build.START_VARIABLE, "spawn")
    assert pdf_build.start_method() == "spawn"
    monkeypatch.setenv(pdf_build.START_VARIABLE, "clone")
    with pytest.raises(PluginError, match=r"CAREER_KIT_PDF_START=clone: not a start method on this platform "
                                          r"→ use one of fork, spawn, forkserver, or unset it"):
        pdf_build.start_method()


def test_pdfs_build_with_workers_started_by_spawn(built_project, project):
    """An English-only copy whose Health Check changed, built with spawned
    workers: they render that worksheet (on both papers) and assemble the
    packs that hold it; every document and pack is written, fillable, on its
    paper. The rest comes from the cache the shared build filled: spawned
    workers do the same work whatever the document, and rendering all 82
    again took 15–37 s."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"\n        - locale: fr\n          name: Français\n        - locale: es\n          name: Español", "",
                  text)
    config.write_text(text, encoding="utf-8")
    for language in ("fr", "es"):
        shutil.rmtree(project / "content" / language)
    (project / "cast.yml").unlink()  # its French and Spanish casts name pages this copy no longer has
    marker = f"Spawned {uuid.uuid4().hex[:8]}."  # new to the shared cache
    definition = project / "worksheets" / "health-check.yml"
    definition.write_text(definition.read_text(encoding="utf-8").replace(
        "The result shows where to start, not a grade.", f"The result shows where to start, not a grade. {marker}", 1),
        encoding="utf-8")
    env = {**os.environ, pdf_build.START_VARIABLE: "spawn"}
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\(2 rendered, [1-9]\d* packs assembled by spawn workers", result.stderr), result.stderr[-2000:]
    folder = project / "site" / "worksheets" / "pdf"
    # Per paper: 27 worksheets, 6 worked examples, 3 session plans, the manager plan's cards, 4 packs.
    assert len(list(folder.glob("*.pdf"))) == 2 * (27 + 6 + 3 + 1 + 4)
    for paper, (width, height) in SIZES.items():
        with pikepdf.open(folder / f"health-check-en-{paper}.pdf") as document:
            assert [round(float(v), 2) for v in document.pages[0].MediaBox] == [0, 0, round(width, 2),
                                                                                  round(height, 2)]
            assert len(document.Root.AcroForm.Fields) > 10
        text = subprocess.run(["pdftotext", str(folder / f"health-check-en-{paper}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert marker in " ".join(text.split())
        with pikepdf.open(folder / f"pack-facilitator-en-{paper}.pdf") as pack:
            assert len(pack.pages) > 40


@pytest.mark.parametrize("language, prefix", [("en", ""), ("fr", "fr/"), ("es", "es/")])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_text_of_a_fillable_pdf_reads_as_written(site, language, prefix, paper):
    """Every glyph the text was drawn with maps to its characters: the spaces, the
    "ff" of « différentes » and the first capital of a line come out as text, for
    copying, search and screen readers (pdf.complete_text_maps)."""
    from generator import catalogs, typography  # noqa: PLC0415

    definition = (ROOT / "worksheets" / "options.yml").read_text(encoding="utf-8")
    intro = next(line.split(":", 1)[1].strip() for line in definition.splitlines() if line.startswith("intro:"))
    expected = typography.text_for_language(language)(catalogs.Translator(site.parent / "locales", language).worksheet(intro))
    text = PdfReader(site / prefix / "worksheets" / "pdf" / f"options-{language}-{paper}.pdf").pages[0].extract_text()
    assert " ".join(expected.split()) in " ".join(text.split())


def test_the_pdfs_fonts_are_cut_by_harfbuzz():
    """WeasyPrint cuts each PDF's fonts to the glyphs it uses with HarfBuzz's
    subsetter when it finds the library, and otherwise falls back on fontTools,
    which took a third of the PDF stage (20.1 s for 288 PDFs, 12.8 s with
    HarfBuzz): `make` installs it (scripts/system-deps.sh)."""
    from weasyprint.text import ffi  # noqa: PLC0415

    assert ffi.harfbuzz_subset is not None, "libharfbuzz-subset0 is missing: scripts/system-deps.sh site installs it"
