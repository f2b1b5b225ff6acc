"""Print packs: each holds its worksheets and the content pages that belong with
it (generator/packs.py), in its language, tagged, with one bookmark per
document; the pages print without clipping, their links as text, the career
paths picture drawn with its words; and they join the PDF cache."""

from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, loaded_plugin, run_generator
from PIL import Image
from pypdf import PdfReader
from test_pdf_layout import DPI, MARGIN_MM, ink_margins_mm
from test_worksheets import DEFINITIONS, LANGUAGES, PAPERS, assert_tagged, normal, pdf_fields, structure_elements

from generator import packs, pdf_build, worksheets
from generator.frontmatter import split as split_front_matter

# Each pack's content pages, in the order they follow its worksheets (or, in the
# facilitator pack, the session plans and cards; the worked examples come after the case study).
PAGES = {"employee": ["career-paths.md"],
         "manager": ["manager/question-bank.md", "manager/difficult-conversations.md",
                     "manager/remote-and-hybrid.md", "career-paths.md"],
         "hr": ["inclusion.md", "templates.md"],
         "facilitator": ["case-study.md", "templates.md"]}
PLANS = sorted(path.stem for path in (ROOT / "sessions").glob("*.yml"))
EXAMPLES = [w for w, d in DEFINITIONS.items() if "example" in d]


def pack_worksheets(pack: str) -> list[str]:
    roles = {"employee": ("shared", "employee"), "manager": ("shared", "manager"), "hr": ("shared", "hr")}.get(pack)
    return [w for w, d in DEFINITIONS.items() if roles is None or d["role"] in roles]


# A question of the question bank in each language (content/<lang>/manager/question-bank.md).
QUESTION = {"en": "What do I actually know about what they want, and what am I only assuming?",
            "fr": "Que sais-je réellement de ses souhaits, et qu’est-ce que je suppose seulement ?",
            "es": "¿Qué sabe realmente de lo que quiere esta persona, y qué está dando por supuesto?"}


def pack_path(site: Path, pack: str, language: str, paper: str = "a4") -> Path:
    return site / LANGUAGES[language] / "worksheets" / "pdf" / f"pack-{pack}-{language}-{paper}.pdf"


def page_title(language: str, path: str) -> str:
    text = (ROOT / "content" / language / path).read_text(encoding="utf-8")
    return split_front_matter(text).data["title"]


def documents(path: Path) -> list[tuple[str, range]]:
    """Each bookmark's title and the pages (0-based) of its document (pikepdf:
    pypdf looks each bookmark's page up by scanning the pages)."""
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        numbers = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        marks = [(item.title, numbers[item.destination[0].objgen]) for item in outline.root]
        count = len(pdf.pages)
    ends = [first for _, first in marks[1:]] + [count]
    return [(title, range(first, end)) for (title, first), end in zip(marks, ends, strict=True)]


def pages_of(path: Path, title: str) -> range:
    found = [pages for name, pages in documents(path) if normal(name) == normal(title)]
    assert found, f"no bookmark {title!r} in {[name for name, _ in documents(path)]}"
    return found[0]


def poppler_text(path: Path, pages: range) -> str:
    return normal(subprocess.run(["pdftotext", "-f", str(pages.start + 1), "-l", str(pages.stop), str(path), "-"],
                                 capture_output=True, text=True, check=True).stdout)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS)
def test_packs_hold_their_pages_after_their_worksheets(site, language, paper):
    """One bookmark per document, the content pages' titles in the pack's
    language, in packs.py's order; the facilitator pack opens with the plans
    (each with its cards) and ends with every worksheet."""
    cards = len(list(pack_path(site, "facilitator", language).parent.glob(f"cards-*-{language}-a4.pdf")))
    assert cards >= 1
    for pack, paths in PAGES.items():
        titles = [normal(title) for title, _ in documents(pack_path(site, pack, language, paper))]
        expected = [normal(page_title(language, path)) for path in paths]
        assert [title for title in titles if title in expected] == expected, pack
        others = len(PLANS) + cards + len(EXAMPLES) if pack == "facilitator" else 0
        assert len(titles) == len(pack_worksheets(pack)) + len(paths) + others, pack
        if pack != "facilitator":
            assert titles[-len(expected):] == expected, f"{pack}: the pages come after the worksheets"
    titles = [normal(title) for title, _ in documents(pack_path(site, "facilitator", language, paper))]
    case_study = titles.index(normal(page_title(language, "case-study.md")))
    assert case_study == len(PLANS) + cards
    # Each card sheet right after its plan: its title names the plan ("Role-play cards: <plan>").
    plans_and_cards = titles[:case_study]
    pairs = zip(plans_and_cards, plans_and_cards[1:], strict=False)
    assert sum(1 for before, title in pairs if before in title) == cards
    templates = titles.index(normal(page_title(language, "templates.md")))
    assert templates - case_study == 1 + len(EXAMPLES)
    assert len(titles) - templates - 1 == len(DEFINITIONS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_manager_pack_holds_the_question_bank_text(site, language):
    """Poppler reads a question of the question bank in the manager pack, in
    the pack's language, inside the question bank's pages."""
    path = pack_path(site, "manager", language)
    pages = pages_of(path, page_title(language, "manager/question-bank.md"))
    assert len(pages) >= 2
    assert normal(QUESTION[language]) in poppler_text(path, pages)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("pack", PAGES)
def test_packs_with_pages_stay_tagged(site, language, pack):
    """Structure tree, MarkInfo and the language; every document, the
    content pages with the rest, is a Document element of the merged tree
    with its title as H1 and its sections as H2."""
    path = pack_path(site, pack, language)
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == language
    assert_tagged(path)  # MarkInfo too
    titles = [normal(title) for title, _ in documents(path)]
    assert all(normal(page_title(language, page)) in titles for page in PAGES[pack])
    kinds = structure_kinds(path)
    assert len(kinds["/Document"]) == len(kinds["/H1"]) == len(titles)
    assert len(kinds["/H2"]) > 4 * len(PAGES[pack])


def structure_kinds(path: Path) -> dict[str, list[str]]:
    """The pack's structure elements by type, each as its text alternative
    ('' where it has none)."""
    kinds: dict[str, list[str]] = {}
    with pikepdf.open(path) as pdf:
        for element in structure_elements(pdf):
            if "/S" in element:
                kinds.setdefault(str(element.S), []).append(str(element.get("/Alt", "")))
    return kinds


@pytest.mark.parametrize("language", LANGUAGES)
def test_career_paths_picture_renders_with_its_words(site, language, tmp_path):
    """The career paths page of the employee pack: its picture drawn (ink
    where the picture is, pdftoppm), every label of the SVG readable as text
    in the page's language, only the kit's font embedded, and the figure
    tagged with its text alternative."""
    path = pack_path(site, "employee", language)
    pages = pages_of(path, page_title(language, "career-paths.md"))
    first = pages.start + 1
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", str(first), "-l", str(first), str(path),
                    str(tmp_path / "paths")], check=True)
    with Image.open(next(tmp_path.glob("paths*.png"))) as image:
        grey = image.convert("L")
        width, height = grey.size
        picture = grey.crop((int(width * 0.2), int(height * 0.2), int(width * 0.8), int(height * 0.55)))
        dark = sum(1 for value in picture.get_flattened_data() if value < 200)
        assert dark > 0.05 * picture.width * picture.height, "the picture area is blank"
    source = (ROOT / "content" / language / "career-paths.md").read_text(encoding="utf-8")
    labels = re.findall(r"<tspan[^>]*>([^<]+)</tspan>", source)
    assert len(labels) >= 16
    text = poppler_text(path, range(pages.start, pages.start + 1))
    missing = [label for label in labels if normal(label) not in text]
    assert not missing, f"labels not found in the page's text: {missing}"
    fonts = subprocess.run(["pdffonts", "-f", str(first), "-l", str(first), str(path)], capture_output=True,
                           text=True, check=True).stdout
    assert "Source-Sans-3" in fonts and "DejaVu" not in fonts, fonts
    title = re.search(r"<title[^>]*>([^<]+)</title>", source).group(1)
    figures = structure_kinds(path).get("/Figure", [])
    assert any(normal(title) in normal(alt) and len(alt) > len(title) + 40 for alt in figures), figures


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("pack, language", [("manager", "en"), ("hr", "fr"), ("facilitator", "es")])
def test_content_pages_are_not_clipped(site, pack, language, paper, tmp_path):
    """Every page of the content pages (tables, templates, the picture) keeps
    12 mm of blank paper on every side, as the worksheets do, on both papers."""
    path = pack_path(site, pack, language, paper)
    for page_path in PAGES[pack]:
        pages = pages_of(path, page_title(language, page_path))
        prefix = tmp_path / Path(page_path).stem
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", str(pages.start + 1), "-l", str(pages.stop),
                        str(path), str(prefix)], check=True)
        images = sorted(tmp_path.glob(f"{prefix.name}-*.png"))
        assert len(images) == len(pages)
        for image_path in images:
            with Image.open(image_path) as image:
                margins = ink_margins_mm(image)
            assert min(margins) >= MARGIN_MM, f"{page_path} {image_path.name}: margins {margins} mm"


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_to_other_pages_print_as_their_text(site, language):
    """A link to another page of the site goes nowhere on paper: the content
    pages carry no link to a relative address, and keep the link's words."""
    path = pack_path(site, "manager", language)
    reader = PdfReader(path)
    pages = pages_of(path, page_title(language, "manager/question-bank.md"))
    for number in pages:
        for annotation in reader.pages[number].get("/Annots", []):
            action = annotation.get_object().get("/A", {})
            if "/URI" in action:
                assert re.match(r"(https?|mailto):", str(action["/URI"])), action["/URI"]
    assert "M2" in poppler_text(path, pages) and "M3" in poppler_text(path, pages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_facilitator_pack_keeps_each_worked_example_apart(site, language):
    """The worked examples' fields are named <worksheet>-example.<field>: the
    blank worksheet and its example stay two forms, the example filled in."""
    fields = pdf_fields(pack_path(site, "facilitator", language))
    with_examples = EXAMPLES
    expected = {}
    for definition in DEFINITIONS.values():
        expected.update(worksheets.form_fields(definition, pdf=True))
    for worksheet_id in with_examples:
        for name, kind in worksheets.form_fields(DEFINITIONS[worksheet_id], pdf=True).items():
            expected[f"{worksheet_id}-example{name[len(worksheet_id):]}"] = kind
    assert set(fields) == set(expected)
    for worksheet_id in with_examples:
        filled = [name for name, value in fields.items()
                  if name.startswith(f"{worksheet_id}-example.") and value.strip("/ ") not in ("", "Off")]
        blank = [name for name, value in fields.items()
                 if name.startswith(f"{worksheet_id}.") and value.strip("/ ") not in ("", "Off")]
        assert filled and not blank, worksheet_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_worksheet_index_says_what_each_pack_holds(site, language):
    html = (site / LANGUAGES[language] / "worksheets" / "index.html").read_text(encoding="utf-8")
    contents = [normal(re.sub(r"<[^>]+>", "", found))
                for found in re.findall(r'<span class="pack-contents">(.*?)</span>', html, re.S)]
    assert len(contents) == 4
    for (pack, paths), line in zip(PAGES.items(), contents, strict=True):
        for page_path in paths:
            assert normal(page_title(language, page_path)) in line, (pack, line)
    counted = {"en": r"\b11 worksheets\b", "fr": r"\b11 fiches\b", "es": r"\b11 hojas de trabajo\b"}
    assert re.search(counted[language], contents[0])


def test_print_body_keeps_what_paper_can_use():
    """Links to other pages become their text, web links stay, scripts and
    buttons go; an SVG gets the kit's font and its full text alternative."""
    html = ('<p>See <a href="../m2.html">M2</a>, <a href="https://example.org/a">the site</a> and '
            '<a href="#part">below</a>.</p><button>Copy</button><script>x()</script>'
            '<svg viewBox="0 0 10 10" aria-labelledby="t d"><title id="t">Paths</title>'
            '<desc id="d">Eight arrows.</desc><text>Up</text></svg>')
    printed = packs.print_body(html)
    assert printed.startswith('<p>See M2, <a href="https://example.org/a">the site</a> and below.</p><svg')
    assert "<button" not in printed and "<script" not in printed
    assert '<svg viewBox="0 0 10 10" aria-labelledby="t d" font-family="Source Sans 3">' in printed
    assert '<title id="t">Paths. Eight arrows.</title>' in printed


def test_french_page_pdfs_get_french_typography(tmp_path):
    """What WeasyPrint gets for a French content page has the no-break spaces, as the worksheets' PDFs do."""
    plugin = loaded_plugin()
    plugin.pack_pages[("fr", "case-study.md")] = packs.CapturedPage(
        "Étude de cas : Léa", "<p>Étape 1 : 18 mois ; « oui »</p>", "fr")
    jobs, all_packs = pdf_build.plan_for(plugin, tmp_path)
    page_jobs = [job for job in jobs if job.output is None]
    assert len(page_jobs) == 2
    assert "<p>Étape 1\u00a0: 18\u00a0mois\u202f; «\u202foui\u202f»</p>" in page_jobs[0].html
    assert '<html lang="fr">' in page_jobs[0].html
    facilitator = next(pack for pack in all_packs if pack.output.name == "pack-facilitator-fr-a4.pdf")
    assert [title for title, job, _ in facilitator.members].count("Étude de cas : Léa") == 1


def test_an_edited_page_renders_only_its_own_pdfs(built_project, project, tmp_path):
    """The pages join the PDF cache: after the shared build, a copy whose
    English question bank changed renders that page alone (on both papers)
    and assembles only the packs that hold it."""
    page = project / "content" / "en" / "manager" / "question-bank.md"
    text = page.read_text(encoding="utf-8")
    edit = f"Good questions (edit {uuid.uuid4().hex[:8]}) do most of the work"  # new to the shared cache
    page.write_text(text.replace("Good questions do most of the work", edit, 1), encoding="utf-8")
    result = run_generator(project, "build", "-d", str(tmp_path / "site"), check=True)
    assert re.search(r"PDFs: \d+ documents and 24 packs in [\d.]+ s \(2 rendered, 2 packs assembled", result.stderr), \
        result.stderr[-2000:]
