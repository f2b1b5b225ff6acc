"""Worksheets: definitions checked when loaded; the same form on the web and in
fillable, tagged PDFs for every worksheet × language × paper."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, run_generator
from pypdf import PdfReader, PdfWriter

from generator import catalogs, worksheets
from generator.errors import ErrorList

DEFINITIONS = worksheets.load_all(ROOT, ROOT / "worksheets", ErrorList())
LANGUAGES = {"en": "", "fr": "fr/", "es": "es/"}
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
SAMPLE = "Éloïse Núñez-Çelik — «œ» ¿sí?"
RADIO = 1 << 15


def normal(text: str) -> str:
    """Text as extracted from a PDF, compared without caring about space kinds."""
    text = unicodedata.normalize("NFC", text).replace("\u202f", " ").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def field_kind(field) -> str:
    if field.get("/FT") == "/Tx":
        return "text"
    if field.get("/FT") == "/Ch":
        return "choice"
    return "radio" if int(field.get("/Ff", 0)) & RADIO else "checkbox"


def test_every_definition_loads():
    assert len(DEFINITIONS) == 27  # with the panel comparison sheet and the four evaluation forms
    assert {"idp", "conversation-prep", "conversation-guide", "trust-check", "health-check"} <= set(DEFINITIONS)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("worksheet_id", sorted(DEFINITIONS))
def test_pdf_has_exactly_the_definitions_fields(site, built_project, worksheet_id, language, paper):
    """Names and types as defined, each named for screen readers; translated
    title; right paper; a filled text reads back intact; radios can be set."""
    definition = DEFINITIONS[worksheet_id]
    path = site / LANGUAGES[language] / "worksheets" / "pdf" / f"{worksheet_id}-{language}-{paper}.pdf"
    reader = PdfReader(path)
    fields = reader.get_fields()
    assert {name: field_kind(f) for name, f in fields.items()} == worksheets.form_fields(definition, pdf=True)
    for name, field in fields.items():
        assert str(field.get("/TU", "")).strip(), f"{name} has no screen-reader name"
    # The built copy's catalogs are compiled; poppler extracts text as viewers do.
    title = catalogs.Translator(built_project / "locales", language).worksheet(definition["title"])
    text = subprocess.run(["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert normal(title) in normal(text)
    assert normal(str(reader.metadata.title)) == normal(title)
    assert str(reader.trailer["/Root"]["/Lang"]) == language
    assert_tagged(path)
    width, height = PAPERS[paper]
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - width) < 1 and abs(float(box.height) - height) < 1

    writer = PdfWriter(clone_from=reader)
    text_name = next(n for n, kind in worksheets.form_fields(definition).items() if kind == "text")
    values = {text_name: SAMPLE}
    radio_name = next((n for n, kind in worksheets.form_fields(definition).items() if kind == "radio"), None)
    if radio_name:
        states = [s for s in fields[radio_name]["/_States_"] if s != "/Off"]
        values[radio_name] = states[1]
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    filled = PdfReader(buffer).get_fields()
    assert filled[text_name]["/V"] == SAMPLE
    if radio_name:
        assert filled[radio_name]["/V"] == states[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdfs_render_to_images(site, language, tmp_path):
    """Page 1 of every worksheet PDF renders with pdftoppm (A4 and Letter)."""
    for path in sorted((site / LANGUAGES[language] / "worksheets" / "pdf").glob("*.pdf")):
        if path.name.startswith(("pack-", "session-")):
            continue
        out = tmp_path / path.stem
        subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "1", str(path), str(out)], check=True)
        image = next(tmp_path.glob(f"{path.stem}*.png"))
        assert image.stat().st_size > 500


def test_worksheet_pdfs_are_small(site):
    sizes = [p.stat().st_size for p in site.rglob("worksheets/pdf/*.pdf")
             if not p.name.startswith(("pack-", "session-", "cards-"))]
    examples = [p for p in site.rglob("worksheets/pdf/*-example-*.pdf")]
    assert len(sizes) == 27 * 3 * 2 + len(examples) and len(examples) == 6 * 3 * 2
    assert sum(sizes) / len(sizes) <= 80 * 1024


@pytest.mark.parametrize("language", LANGUAGES)
def test_web_form_has_the_same_fields(site, language):
    """The web page and the PDF come from one template: the same names."""
    for worksheet_id, definition in DEFINITIONS.items():
        html = (site / LANGUAGES[language] / "worksheets" / f"{worksheet_id}.html").read_text(encoding="utf-8")
        form = re.search(r"<form class=\"worksheet.*?</form>", html, re.S).group(0)
        names = set(re.findall(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"', form))
        assert names == set(worksheets.form_fields(definition)), worksheet_id
        for control_id in re.findall(r'<(?:input|textarea)[^>]*\bid="([^"]+)"', form):
            assert f'for="{control_id}"' in form, f"{worksheet_id}: {control_id} has no label"


def structure_elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every element of a PDF's structure tree, its root first. With pikepdf:
    a pack's tree has thousands of elements, which pypdf resolves in Python
    (a second per pack, against a twentieth)."""
    elements = [pdf.Root.StructTreeRoot]
    while elements:
        element = elements.pop()
        yield element
        kids = element.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        elements += [kid for kid in kids if isinstance(kid, pikepdf.Dictionary)]


def pdf_fields(path: Path) -> dict[str, str]:
    """A PDF's form fields by full name, each with its value as text ('' if it
    has none). With pikepdf: a pack has a thousand fields."""
    with pikepdf.open(path) as pdf:
        return {field.fully_qualified_name: "" if field.value is None else str(field.value)
                for field in pdf.acroform.fields}


def assert_tagged(path: Path) -> None:
    """A structure tree whose elements point at the document's own pages, and
    whose parent tree has an entry for every page and annotation that needs one."""
    with pikepdf.open(path) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked) is True
        pages = {page.obj.objgen for page in pdf.pages}
        keys = {int(key) for key in list(pdf.Root.StructTreeRoot.ParentTree.Nums)[0::2]}
        on_pages = [element for element in structure_elements(pdf) if "/Pg" in element]
        assert all(element.Pg.objgen in pages for element in on_pages)
        assert len(on_pages) > 10
        for page in pdf.pages:
            assert int(page.obj.StructParents) in keys
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    assert int(annotation.StructParent) in keys


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS)
def test_packs_have_bookmarks_and_unique_fields(site, language, paper):
    folder = site / LANGUAGES[language] / "worksheets" / "pdf"
    expected_roles = {"employee": {"shared", "employee"}, "manager": {"shared", "manager"}, "hr": {"shared", "hr"}}
    for pack, roles in list(expected_roles.items()) + [("facilitator", None)]:
        path = folder / f"pack-{pack}-{language}-{paper}.pdf"
        sheets = [d for d in DEFINITIONS.values() if roles is None or d["role"] in roles]
        expected = {}
        for definition in sheets:
            expected.update(worksheets.form_fields(definition, pdf=True))
            if pack == "facilitator" and "example" in definition:  # its worked example's own fields
                expected.update({f"{definition['id']}-example{name[len(definition['id']):]}": kind
                                 for name, kind in worksheets.form_fields(definition, pdf=True).items()})
        assert set(pdf_fields(path)) == set(expected)
        with pikepdf.open(path) as pdf:
            # A bookmark per document: the worksheets, then the pages, plans and examples (test_packs.py).
            with pdf.open_outline() as outline:
                assert len(outline.root) > len(sheets)
            assert str(pdf.Root.Lang) == language
        assert_tagged(path)


def test_definition_errors_name_file_line_and_fix(project):
    """Unknown type, duplicate id, missing label, a table without columns: all reported together."""
    path = project / "worksheets" / "check-in.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("type: long_text", "type: essay", 1)
    text = text.replace("id: energy", "id: satisfaction", 1)
    path.write_text(text, encoding="utf-8")
    (project / "worksheets" / "broken-table.yml").write_text(
        "id: broken-table\ntitle: Broken\nrole: hr\nmodules: []\nintro: Test.\nsections:\n"
        "  - heading: One\n    fields:\n      - id: grid\n        type: table\n        label: Grid\n        rows: 3\n"
        "      - id: nameless\n        type: short_text\n", encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode == 1
    errors = result.stderr
    assert re.search(r"worksheets/check-in.yml:\d+: unknown field type 'essay' → use one of short_text", errors)
    assert re.search(r"worksheets/check-in.yml:\d+: duplicate field id 'satisfaction' \(first used on line \d+\)", errors)
    assert "worksheets/broken-table.yml:9: table 'grid' has no columns → add 'columns:'" in errors
    assert "worksheets/broken-table.yml:13: field 'nameless' has no label → add 'label: …'" in errors


def test_catalog_placeholder_mismatch_fails(project):
    po = project / "locales/fr/LC_MESSAGES/theme.po"
    text = po.read_text(encoding="utf-8")
    text, count = re.subn(r'(msgid "Tick up to %\(max\)s\."\nmsgstr ")[^"]*"', r'\1Cochez-en au plus %(maximum)s."', text)
    assert count == 1
    po.write_text(text, encoding="utf-8")
    result = run_generator(project, "i18n-compile")
    assert result.returncode == 1
    assert re.search(r"locales/fr/LC_MESSAGES/theme.po:\d+: the translation of 'Tick up to %\(max\)s\.' has placeholders "
                     r"\['%\(maximum\)s'\], the English has \['%\(max\)s'\]", result.stderr)


def test_fuzzy_and_untranslated_entries_fail_a_strict_build(project):
    po = project / "locales/es/LC_MESSAGES/worksheets.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "Not at all"', '#, fuzzy\nmsgid "Not at all"', 1)
    text, count = re.subn(r'(msgid "Completely"\nmsgstr ")[^"]*"', r'\1"', text)
    assert count == 1
    po.write_text(text, encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous build", encoding="utf-8")
    result = run_generator(project, "build", "--no-pdf")
    assert result.returncode == 1
    assert re.search(r"locales/es/LC_MESSAGES/worksheets.po:\d+: the entry 'Not at all' is fuzzy", result.stderr)
    assert re.search(r"locales/es/LC_MESSAGES/worksheets.po:\d+: the entry 'Completely' is not translated", result.stderr)
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous build"


def test_no_change_rebuild_renders_no_pdf(built_project, tmp_path):
    """A second build of the same project takes every PDF from the cache."""
    result = run_generator(built_project, "build", "-d", str(tmp_path / "site"), check=True)
    assert re.search(r"PDFs: \d+ documents and 24 packs in [\d.]+ s \(0 rendered, 0 packs assembled", result.stderr)
