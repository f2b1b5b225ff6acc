"""Worked examples: validated against their worksheet, translated, shown
read-only under the form and as filled PDFs that stay fillable."""

from __future__ import annotations

import io
import subprocess

import pytest
from conftest import ROOT, serve_folder
from accessibility import violations
from pypdf import PdfReader, PdfWriter

from generator import catalogs, examples, worksheets
from generator.errors import ErrorList

SHEETS = worksheets.load_all(ROOT, ROOT / "worksheets", ErrorList())
WITH_EXAMPLES = ("idp", "conversation-prep", "options", "what-matters", "opportunity-grid", "health-check-panels")
LANGUAGES = {"en": "", "fr": "fr/", "es": "es/"}


def load(tmp_path, text: str) -> tuple[dict | None, list[str]]:
    """Load one definition written to a temporary worksheets folder."""
    path = tmp_path / "worksheets" / "sample.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    errors = ErrorList()
    definition = worksheets.load_one(tmp_path, path, errors)
    return definition, [str(e) for e in errors]


SAMPLE = """\
id: sample
title: Sample
role: employee
intro: A sheet to test examples.
sections:
  - heading: One
    fields:
      - id: goal
        type: long_text
        label: Goal
        lines: 3
      - id: energy
        type: rating
        label: Energy
        low: Low
        high: High
      - id: purpose
        type: single_choice
        label: Purpose
        options:
          - {id: explore, label: Explore}
          - {id: review, label: Review}
      - id: values
        type: checklist
        label: Values
        max: 2
        options:
          - {id: a, label: A}
          - {id: b, label: B}
          - {id: c, label: C}
      - id: plan
        type: table
        label: Plan
        columns:
          - {id: action, label: Action}
          - {id: fit, label: Fit, kind: rating}
          - {id: due, label: Due, kind: date}
          - {id: type, label: Type, kind: choice, options: [{id: experience, label: Experience}, {id: education, label: Education}]}
        rows: 2
example:
"""


def test_a_valid_example_loads(tmp_path):
    """Text, rating, choice, checklist and table answers of the right types load without error."""
    definition, errors = load(tmp_path, SAMPLE + """\
  goal: Lead onboarding
  energy: 4
  purpose: explore
  values: [a, c]
  plan:
    - {action: Redesign the first week, fit: 5, due: 2026-05-29, type: experience}
""")
    assert errors == []
    assert definition["example"]["energy"] == 4


def test_every_wrong_example_is_reported_with_its_line_and_fix(tmp_path):
    """A missing field, a rating off the scale, an unknown option, too many ticks and table cells
    of the wrong column or type are all reported together, each on its own line."""
    _, errors = load(tmp_path, SAMPLE + """\
  gaol: Lead onboarding
  energy: 6
  purpose: promotion
  values: [a, b, c]
  plan:
    - {action: Redesign, fit: 7, due: soon, type: exposure, owner: Daniel}
    - {action: Course}
    - {action: Shadow}
""")
    assert errors == [
        "worksheets/sample.yml:41: the example answers field 'gaol', which the worksheet does not have"
        " → use one of its field ids: goal, energy, purpose, values, plan",
        "worksheets/sample.yml:42: the example rating for 'energy' is 6, outside the scale 1–5"
        " → write a whole number from 1 to 5",
        "worksheets/sample.yml:43: the example for 'purpose' chooses 'promotion', which is not one of its options"
        " → use one of explore, review",
        "worksheets/sample.yml:44: the example for 'values' ticks 3 options; the field allows 2 → tick at most 2",
        "worksheets/sample.yml:45: the example for table 'plan' has 3 rows; the table has 2"
        " → keep at most 2 rows, or raise 'rows:'",
        "worksheets/sample.yml:46: column 'fit' of table 'plan' is rated 1–5, not 7 → write a whole number from 1 to 5",
        "worksheets/sample.yml:46: column 'due' of table 'plan' holds dates, not 'soon' → write it as 2026-03-15",
        "worksheets/sample.yml:46: column 'type' of table 'plan' chooses 'exposure', which is not one of its options"
        " → use one of experience, education",
        "worksheets/sample.yml:46: table 'plan' has no column 'owner' → use its columns: action, fit, due, type",
    ]


def test_an_example_of_the_wrong_shape_is_an_error(tmp_path):
    """Text where a rating is expected, a single value for a checklist and a table given as text."""
    _, errors = load(tmp_path, SAMPLE + """\
  goal: 12
  energy: high
  values: a
  plan: Redesign the first week
""")
    assert errors == [
        "worksheets/sample.yml:41: the example for 'goal' (long_text) must be text → write 'goal: …' with a sentence",
        "worksheets/sample.yml:42: the example rating for 'energy' is 'high', outside the scale 1–5"
        " → write a whole number from 1 to 5",
        "worksheets/sample.yml:43: the example for checklist 'values' must be a list of option ids"
        " → write 'values: [a, b]'",
        "worksheets/sample.yml:44: the example for table 'plan' must be a list of rows → write each row as '- {action: …}'",
    ]


def test_a_broken_example_stops_the_build_with_the_others_errors(project):
    """Through the real command: the error names the file and line, and other files' errors come too."""
    from conftest import run_generator

    idp = project / "worksheets" / "idp.yml"
    idp.write_text(idp.read_text(encoding="utf-8").replace("      type: education\n", "      type: course\n"),
                   encoding="utf-8")
    options = project / "worksheets" / "options.yml"
    options.write_text(options.read_text(encoding="utf-8").replace("      fit: 2\n", "      fit: 0\n"), encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "column 'type' of table 'actions' chooses 'course', which is not one of its options" in result.stderr
    assert "worksheets/options.yml:" in result.stderr and "column 'fit' of table 'options' is rated 1–5, not 0" in result.stderr


def test_only_example_text_goes_to_the_catalog():
    """Babel gets the example's sentences and text cells, never option ids, ratings or dates."""
    with open(ROOT / "worksheets" / "idp.yml", "rb") as handle:
        found = {message for _, _, message, _ in catalogs.extract_yaml(handle, [], [], {})}
    assert "Customer insight analyst" in found
    assert "Spend two days shadowing the service design team" in found
    assert "Maya" in found and "Alan" in found
    assert "experience" not in found and "2026-06-30" not in found
    assert "Individual Development Plan (IDP)" in found  # the definition's own strings still come


@pytest.mark.parametrize("worksheet_id", WITH_EXAMPLES)
def test_the_kit_has_worked_examples_for_the_case_study_sheets(worksheet_id):
    """Each sheet of the case study carries an example that fills most of its fields."""
    definition = SHEETS[worksheet_id]
    ids = [f["id"] for f in worksheets.fields(definition)]
    assert len(definition["example"]) >= len(ids) * 0.6, worksheet_id


EXAMPLE_NOTE = ("How one person in our case study filled in this worksheet. The people and the details are invented; "
                "the example shows the level of detail that helps, and your own answers will be different.")


@pytest.mark.parametrize("language, name, manager", [("en", "Maya", "Alan"), ("fr", "Léa", "Olivier"),
                                                     ("es", "Carla", "Julián")])
def test_example_pdf_holds_the_translated_answers_and_stays_fillable(site, language, name, manager):
    """The IDP's example PDF has every field of the form, filled in this language's story,
    with the choice column set; a viewer can still change any field."""
    definition = SHEETS["idp"]
    path = site / LANGUAGES[language] / "worksheets" / "pdf" / f"idp-example-{language}-a4.pdf"
    reader = PdfReader(path)
    fields = reader.get_fields()
    assert set(fields) == set(worksheets.form_fields(definition, pdf=True))
    assert fields["idp.name"]["/V"] == name
    assert fields["idp.manager"]["/V"] == manager
    assert fields["idp.actions.1.type"]["/V"] == "experience"
    assert fields["idp.actions.3.type"]["/V"] == "education"
    assert fields["idp.plan-date"]["/V"] == "10/02/2026"
    assert fields["idp.actions.5.goal"].get("/V", "") == ""  # rows the example leaves empty stay empty
    assert fields["idp.employee-signature"]["/V"] == name
    first_page = " ".join(subprocess.run(["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True,
                                         check=True).stdout.split())  # poppler keeps the spaces pypdf loses here
    note = catalogs.Translator(site.parent / "locales", language)(EXAMPLE_NOTE)  # the catalogs the build compiled
    assert note != EXAMPLE_NOTE or language == "en"
    assert " ".join(note.split()[:6]) in first_page  # the page says the example is invented
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        writer.update_page_form_field_values(page, {"idp.name": "Someone else"}, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert PdfReader(buffer).get_fields()["idp.name"]["/V"] == "Someone else"


def test_example_pdfs_tick_boxes_and_radios(site):
    """Checklists and ratings of an example come out ticked in the PDF, in French too."""
    what = PdfReader(site / "fr" / "worksheets" / "pdf" / "what-matters-example-fr-letter.pdf").get_fields()
    assert {n for n, f in what.items() if n.startswith("what-matters.values.") and f.get("/V") == "/on"} == {
        "what-matters.values.service", "what-matters.values.variety", "what-matters.values.independence"}
    assert what["what-matters.skills.1.enjoyment"]["/V"] == "5"
    prep = PdfReader(site / "worksheets" / "pdf" / "conversation-prep-example-en-a4.pdf")
    fields = prep.get_fields()
    purpose = fields["conversation-prep.purpose"]
    options = [str(o) for o in purpose["/_States_"]] if "/_States_" in purpose else []
    assert purpose["/V"] != "/Off", options
    learning = fields["conversation-prep.learning"]
    assert learning["/V"] not in (None, "/Off")


def test_the_example_pdfs_are_built_for_every_sheet_paper_and_language(site):
    """Six sheets, three languages, two papers: 36 example PDFs, none in the packs' place."""
    found = sorted(p.name for p in site.rglob("*-example-*.pdf"))
    assert len(found) == 36
    assert "health-check-panels-example-es-letter.pdf" in found


@pytest.mark.browser
@pytest.mark.parametrize("language, text", [("en", "Customer insight analyst"),
                                            ("fr", "Chargée d’études clients"),
                                            ("es", "Analista de conocimiento del cliente")])
def test_worked_example_opens_under_the_form_and_passes_axe(site, page, language, text):
    """Folded at first, opened from the keyboard; translated answers, choice labels, the PDF
    links that exist, and no accessibility violation with the example open."""
    with serve_folder(site) as base:
        page.goto(f"{base}/{LANGUAGES[language]}worksheets/idp.html")
        assert not page.is_visible(".worked-example-table")
        page.focus(".worked-example summary")
        page.keyboard.press("Enter")
        assert page.is_visible(".worked-example-table")
        body = page.inner_text(".worked-example")
        assert text in body
        assert {"en": "Exposure", "fr": "Exposition", "es": "Exposición"}[language] in body
        assert page.locator("form.worksheet input[name='idp.name']").input_value() == ""  # the form stays empty
        for href in page.eval_on_selector_all(".worked-example .pdf-links a", "links => links.map(a => a.href)"):
            assert page.request.get(href).status == 200, href
        assert violations(page) == []
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # a phone scrolls no page sideways


def test_the_web_view_reads_answers_with_their_labels():
    """Ratings say their scale, choices show their labels, dates follow the language."""
    translate = catalogs.Translator(ROOT / "locales", "en")
    sections = examples.view(SHEETS["conversation-prep"], translate, "en_GB")
    items = {item["label"]: item for section in sections for item in section["items"]}
    assert items["I am learning and growing"]["text"] == "2 out of 5 (1 = Not at all, 5 = Completely)"
    assert items["What I most want from this conversation"]["choices"] == ["To explore what I want next"]
    idp = {item["label"]: item for section in examples.view(SHEETS["idp"], translate, "en_GB")
           for item in section["items"]}
    assert idp["Date agreed"]["text"] == "10 February 2026"
    assert idp["Actions"]["rows"][0][2] == "Experience"
