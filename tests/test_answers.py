"""The reader's answers leave the browser only as files the reader keeps: a
filled PDF made in the page, and an answers file saved and loaded again.
Everything opened from disk (file://), with every request watched."""

from __future__ import annotations

import io
import json
import time

import pytest
import test_hosting
from pypdf import PdfReader

pytestmark = pytest.mark.browser

nginx = test_hosting.nginx  # the fixture: nginx serving the site with a strict CSP
NAME = "Éloïse Núñez-Çelik — «œ» ¿sí?"
LANGUAGES = {"en": "", "fr": "fr/", "es": "es/"}


@pytest.fixture
def watched(page):
    """The page, with every request it makes recorded; any that is not a file
    of the site on disk is refused."""
    requests = []

    def record(route):
        requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", record)
    page.on("request", lambda request: requests.append(request.url))
    page.requests = requests
    return page


def nothing_left_the_device(page):
    outside = [url for url in page.requests if not url.startswith(("file://", "blob:", "data:"))]
    assert not outside, outside


def worksheet(site, language, worksheet_id):
    return (site / LANGUAGES[language] / "worksheets" / f"{worksheet_id}.html").as_uri()


def download(page, selector):
    with page.expect_download() as info:
        page.click(selector)
    return info.value


def pdf_of(download_):
    with open(download_.path(), "rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def still_tagged_and_fillable(reader, original, language):
    """The structure tree, /Lang and every field of the original are there, unflattened."""
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert "/StructTreeRoot" in root and root["/StructTreeRoot"]["/K"]
    assert root["/MarkInfo"]["/Marked"]
    assert set(reader.get_fields()) == set(original.get_fields())
    widgets = [a.get_object() for p in reader.pages for a in p.get("/Annots", []) if a.get_object()["/Subtype"] == "/Widget"]
    originals = [a for p in original.pages for a in p.get("/Annots", [])]
    assert len(widgets) == len(originals)
    assert all("/StructParent" in widget for widget in widgets)
    fonts = root["/AcroForm"]["/DR"]["/Font"]
    for widget in widgets:
        parts = str(widget.get("/DA") or widget.get("/Parent", {}).get("/DA") or "").split()
        if "Tf" in parts:  # a viewer that redraws the field finds its font
            assert parts[parts.index("Tf") - 2] in fonts, parts


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_filled_pdf_holds_every_answer_and_stays_tagged_and_fillable(site, watched, language):
    """Text (with « é ñ œ ¿ — »), a table cell, ratings, a single choice, checkboxes and a date."""
    page = watched
    paper = "letter" if language == "en" else "a4"
    page.goto(worksheet(site, language, "conversation-prep"))
    page.fill('input[name="conversation-prep.hoped-outcome"]', NAME)
    page.fill('input[name="conversation-prep.options.2.pros"]', "«œ» ¿sí?")
    page.check('input[name="conversation-prep.energy"][value="4"]')
    page.check('input[name="conversation-prep.purpose"][value="feedback"]')
    page.select_option(".paper-choice", paper)
    started = time.perf_counter()
    filled = download(page, '[data-action="download-pdf"]')
    seconds = time.perf_counter() - started
    assert filled.suggested_filename == f"conversation-prep-{language}-{paper}-filled.pdf"
    reader = pdf_of(filled)
    original = PdfReader(site / LANGUAGES[language] / "worksheets" / "pdf" / f"conversation-prep-{language}-{paper}.pdf")
    values = {name: field.get("/V") for name, field in reader.get_fields().items() if field.get("/V") not in (None, "", "/Off")}
    assert values == {"conversation-prep.hoped-outcome": NAME, "conversation-prep.options.2.pros": "«œ» ¿sí?",
                      "conversation-prep.energy": "/3", "conversation-prep.purpose": "/1"}
    assert reader.get_fields()["conversation-prep.purpose"]["/Opt"][1] == "feedback"
    still_tagged_and_fillable(reader, original, language)
    assert seconds < 10, seconds

    page.goto(worksheet(site, language, "conversation-guide"))
    page.check('input[name="conversation-guide.before.strengths"]', force=True)
    page.check('input[name="conversation-guide.avoid.rating"]', force=True)
    page.fill('input[name="conversation-guide.follow-up"]', "2027-01-15")
    page.fill('textarea[name="conversation-guide.my-actions"]', NAME + "\n2")
    reader = pdf_of(download(page, '[data-action="download-pdf"]'))
    values = {name: field.get("/V") for name, field in reader.get_fields().items() if field.get("/V") not in (None, "", "/Off")}
    assert values == {"conversation-guide.before.strengths": "/on", "conversation-guide.avoid.rating": "/on",
                      "conversation-guide.follow-up": "15/01/2027", "conversation-guide.my-actions": NAME + "\n2"}
    original = PdfReader(site / LANGUAGES[language] / "worksheets" / "pdf" / f"conversation-guide-{language}-a4.pdf")
    still_tagged_and_fillable(reader, original, language)
    nothing_left_the_device(page)


def test_an_answer_whose_field_was_renamed_is_named_and_the_rest_downloads(site, watched):
    """A saved answer with no field in the PDF: the reader is told which, in French, and gets the rest."""
    page = watched
    page.goto(worksheet(site, "fr", "check-in"))
    page.fill('textarea[name="check-in.feeling"]', NAME)
    page.evaluate("""() => {
        const key = 'careerkit:fr:check-in';
        const data = JSON.parse(localStorage.getItem(key));
        data['check-in.old-question'] = 'oui';
        localStorage.setItem(key, JSON.stringify(data));
    }""")
    reader = pdf_of(download(page, '[data-action="download-pdf"]'))
    assert reader.get_fields()["check-in.feeling"]["/V"] == NAME
    assert page.inner_text(".save-status") == (
        "Votre PDF a été téléchargé, mais 1 réponse n’a pas pu y être reportée, car son champ a changé "
        "depuis que vous l’avez saisie\u00a0: old-question.")  # French spacing, as in every message
    nothing_left_the_device(page)


def test_a_site_built_without_pdfs_says_so_instead_of_downloading(no_pdf_site, browser):
    """No PDF scripts beside the page: a message, no download, no error."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((no_pdf_site / "worksheets" / "check-in.html").as_uri())
    page.click('[data-action="download-pdf"]')
    page.wait_for_function("document.querySelector('.save-status').textContent.startsWith('The PDF could not')")
    assert page.inner_text(".save-status") == ("The PDF could not be prepared: this copy of the site has no PDFs. "
                                               "Ask whoever set it up to build it with its PDFs.")
    assert not errors
    context.close()


def test_answers_file_round_trip_on_a_worksheet(site, watched):
    """Save to a file, clear, load the file: every kind of answer is back."""
    page = watched
    page.goto(worksheet(site, "es", "conversation-prep"))
    page.fill('input[name="conversation-prep.hoped-outcome"]', NAME)
    page.check('input[name="conversation-prep.energy"][value="2"]')
    page.fill('input[name="conversation-prep.options.1.option"]', "Mentoría")
    saved = download(page, '[data-action="save-file"]')
    assert saved.suggested_filename == "conversation-prep-es-answers.json"
    content = json.loads(open(saved.path(), encoding="utf-8").read())
    assert content["format"] == "career-conversations-kit-answers" and content["version"] == 1
    assert content["worksheets"]["conversation-prep"]["es"]["fields"] == {
        "energy": "2", "hoped-outcome": NAME, "options.1.option": "Mentoría"}
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('button[data-action="clear"]')
    assert page.input_value('input[name="conversation-prep.hoped-outcome"]') == ""
    page.set_input_files(".answers-file-input", saved.path())
    page.wait_for_function("document.querySelector('.save-status').textContent.includes('1 hoja')")
    assert page.inner_text(".save-status") == "Respuestas cargadas para 1 hoja de trabajo."
    page.reload()
    assert page.input_value('input[name="conversation-prep.hoped-outcome"]') == NAME
    assert page.is_checked('input[name="conversation-prep.energy"][value="2"]')
    assert page.input_value('input[name="conversation-prep.options.1.option"]') == "Mentoría"
    nothing_left_the_device(page)


def test_my_answers_lists_saves_clears_and_loads_everything(site, watched):
    """Two worksheets in two languages: listed with their last change, saved in one file, deleted, loaded back."""
    page = watched
    page.goto(worksheet(site, "en", "check-in"))
    page.fill('textarea[name="check-in.feeling"]', NAME)
    page.goto(worksheet(site, "fr", "what-matters"))
    page.check('input[name="what-matters.values.leading"]', force=True)
    page.goto((site / "worksheets" / "my-answers.html").as_uri())
    items = page.locator(".answers-list li")
    assert items.count() == 2
    texts = sorted(items.all_inner_texts())
    assert texts[0].startswith("Check-in: where I am now · English · last changed ")
    assert texts[1].startswith("What matters to me · Français · last changed ")
    saved = download(page, '[data-action="save-all"]')
    content = json.loads(open(saved.path(), encoding="utf-8").read())
    assert content["worksheets"]["check-in"]["en"]["fields"] == {"feeling": NAME}
    assert content["worksheets"]["what-matters"]["fr"]["fields"] == {"values.leading": True}
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.click('[data-action="clear-all"]')
    assert messages == ["Delete every answer saved on this device, for every worksheet and language? "
                        "This cannot be undone."]
    assert page.inner_text(".answers-empty") == "No worksheet has been answered on this device yet."
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('careerkit:')).length") == 0
    page.set_input_files(".answers-file-input", saved.path())
    page.wait_for_function("document.querySelectorAll('.answers-list li').length === 2")
    assert page.inner_text(".save-status") == "Answers loaded for 2 worksheets."
    page.goto(worksheet(site, "fr", "what-matters"))
    assert page.is_checked('input[name="what-matters.values.leading"]')
    nothing_left_the_device(page)


def test_loading_over_different_answers_asks_first_and_a_no_changes_nothing(site, watched):
    page = watched
    page.goto(worksheet(site, "en", "check-in"))
    page.fill('textarea[name="check-in.feeling"]', "first")
    saved = download(page, '[data-action="save-file"]')
    page.fill('textarea[name="check-in.feeling"]', "second")
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.set_input_files(".answers-file-input", saved.path())
    page.wait_for_function("document.querySelector('.save-status').textContent === 'Nothing was changed.'")
    assert messages == ["This replaces the answers already saved on this device for 1 worksheet. Continue?"]
    page.reload()
    assert page.input_value('textarea[name="check-in.feeling"]') == "second"


def answers_file(worksheets, **top):
    return json.dumps({"format": "career-conversations-kit-answers", "version": 1, "saved": "2026-12-01T10:00:00Z",
                       "worksheets": worksheets, **top}).encode()


GOOD = {"check-in": {"en": {"changed": None, "fields": {"feeling": "from the file"}}}}
BAD_FILES = {
    "not-json": (b"\x89PNG not json at all",
                 "This file cannot be read: it is not a file of answers saved by this kit (it is not JSON). Nothing was changed."),
    "another-kit": (json.dumps({"format": "some-other-tool", "answers": {}}).encode(),
                    "This file was not saved by this kit, so its answers cannot be loaded. Nothing was changed."),
    "newer-version": (answers_file(GOOD, version=2),
                      "This file was saved by a newer version of the kit, which this site cannot read. Nothing was changed."),
    "unknown-worksheet": (answers_file({**GOOD, "no-such-sheet": {"en": {"fields": {}}}}),
                          "The file has answers for a worksheet this site does not have (no-such-sheet). Nothing was changed."),
    "unknown-field": (answers_file({"check-in": {"en": {"fields": {"feeling": "x", "renamed": "y"}}}}),
                      "The file has an answer for a field that the worksheet “Check-in: where I am now” does not have "
                      "(renamed). Nothing was changed."),
    "wrong-type": (answers_file({"check-in": {"en": {"fields": {"satisfaction": "6"}}}}),
                   "The answer to “satisfaction” in the worksheet “Check-in: where I am now” is not a value this field "
                   "accepts. Nothing was changed."),
    "number-for-text": (answers_file({"check-in": {"en": {"fields": {"feeling": 42}}}}),
                        "The answer to “feeling” in the worksheet “Check-in: where I am now” is not a value this field "
                        "accepts. Nothing was changed."),
    "over-1-mb": (answers_file({"check-in": {"en": {"fields": {"feeling": "x" * (1024 * 1024)}}}}),
                  "This file is larger than 1 MB: it cannot be a file of answers from this kit. Nothing was changed."),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_answers_file_gets_a_clear_message_and_changes_nothing(site, watched, case):
    """On the My answers page; the answers already on the device stay as they were."""
    page = watched
    content, message = BAD_FILES[case]
    page.goto(worksheet(site, "en", "check-in"))
    page.fill('textarea[name="check-in.feeling"]', "kept")
    before = page.evaluate("JSON.stringify(Object.entries(localStorage).sort())")
    page.goto((site / "worksheets" / "my-answers.html").as_uri())
    page.on("dialog", lambda dialog: pytest.fail(f"asked {dialog.message!r} for a bad file"))
    page.set_input_files(".answers-file-input", files=[{"name": f"{case}.json", "mimeType": "application/json",
                                                        "buffer": content}])
    page.wait_for_function("document.querySelector('.save-status').textContent !== ''")
    assert page.inner_text(".save-status") == message
    assert page.evaluate("JSON.stringify(Object.entries(localStorage).sort())") == before
    nothing_left_the_device(page)


def test_a_bad_file_on_a_french_worksheet_is_explained_in_french(site, watched):
    page = watched
    page.goto(worksheet(site, "fr", "check-in"))
    page.set_input_files(".answers-file-input", files=[{"name": "x.json", "mimeType": "application/json",
                                                        "buffer": answers_file({"idp": GOOD["check-in"]})}])
    page.wait_for_function("document.querySelector('.save-status').textContent !== ''")
    assert page.inner_text(".save-status") == "Ce fichier ne contient aucune réponse pour cette fiche. Rien n’a été modifié."


def test_filled_pdf_downloads_under_a_sub_path_with_a_strict_csp(nginx, page):
    """Served by nginx with default-src 'self': the scripts load, no violation, the PDF arrives filled."""
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" or "Content Security Policy" in m.text
            else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(nginx + "es/worksheets/check-in.html")
    assert response.headers.get("content-security-policy") == test_hosting.CSP
    page.fill('textarea[name="check-in.feeling"]', NAME)
    page.check('input[name="check-in.energy"][value="5"]')
    reader = pdf_of(download(page, '[data-action="download-pdf"]'))
    assert reader.get_fields()["check-in.feeling"]["/V"] == NAME
    assert reader.get_fields()["check-in.energy"]["/V"] == "/4"
    assert not problems, problems
