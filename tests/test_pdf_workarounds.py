"""The workarounds for tinyhtml5's and WeasyPrint's slow paths
(generator/pdf_workarounds.py) change nothing but the time: the same parsed
trees and the same screen-reader names for every field, with and without
them, over the kit's real documents."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pikepdf
import pytest
import tinyhtml5
from conftest import ROOT, loaded_plugin
from weasyprint import CSS, HTML

from generator import pdf, pdf_build, pdf_workarounds

# Labels that hold their field, labels by `for` before and after one that holds it,
# a hidden label, a field with no label (its title, then its placeholder,
# then its name), and a second form. A hidden label is its own text and its
# children's tails ("Hidden  text"), as WeasyPrint 70 has it.
EDGE_CASES = """<!doctype html><html lang="en"><body>
<form>
  <label>Held <input name="held"></label>
  <label for="for-first">By for, first</label><label>Holding it <input id="for-first" name="for-first"></label>
  <label>Holding first <input id="held-first" name="held-first"></label><label for="held-first">By for, after</label>
  <label for="hidden" style="display: none">Hidden <b>label</b> text</label><input id="hidden" name="hidden">
  <input name="titled" title="The title" placeholder="not this">
  <input name="placeholder" placeholder="The placeholder">
  <input name="bare">
  <label for="radio-1">One <span>(low)</span></label><input type="radio" id="radio-1" name="radio" value="1">
  <textarea id="notes" name="notes"></textarea><label for="notes">Notes, labelled after the field</label>
</form>
<form><label for="other">In another form</label><input id="other" name="other"></form>
<label for="outside">Outside any form</label><input id="outside" name="outside" title="Its title">
</body></html>"""


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[str]:
    """The HTML of every document a full build renders, each once."""
    plugin = loaded_plugin()
    jobs, _ = pdf_build.plan_for(plugin, tmp_path_factory.mktemp("plan"))
    return list(dict.fromkeys(job.html for job in jobs))


@pytest.fixture
def without_workarounds():
    pdf_workarounds.uninstall()
    yield
    pdf_workarounds.uninstall()


def field_names(html: str) -> dict[str, str]:
    """{/T: /TU} of every widget WeasyPrint writes for `html` (a radio button's
    /T is its group's, with the button's value)."""
    kit = ROOT / "theme" / "kit"
    data = HTML(string=html, base_url=f"{kit}/").write_pdf(stylesheets=[CSS(filename=kit / "pdf.css")],
                                                           **pdf.RENDER_OPTIONS)
    with pikepdf.open(io.BytesIO(data)) as document:
        names = {}
        for page in document.pages:
            for annotation in page.obj.get("/Annots", []):
                name = str(annotation.get("/Parent", annotation).get("/T"))
                if "/Parent" in annotation:
                    name += "=" + next(str(key) for key in annotation.AP.N.keys())
                names[name] = str(annotation.get("/TU"))
        return names


def test_parsing_gives_the_same_tree_with_the_cache(documents, without_workarounds):
    """Every document parses to the same tree with tinyhtml5's own chars_until cache and with ours."""
    def trees():
        return [ET.tostring(tinyhtml5.parse(html, namespace_html_elements=False)) for html in documents]

    theirs = trees()
    pdf_workarounds.install()
    assert trees() == theirs
    assert len(documents) > 100


def test_fields_keep_their_names_on_the_edge_cases(without_workarounds):
    """Held, hidden, late and missing labels, titles, placeholders and a second form name their fields as WeasyPrint does."""
    theirs = field_names(EDGE_CASES)
    pdf_workarounds.install()
    ours = field_names(EDGE_CASES)
    assert ours == theirs
    assert ours["held"] == "Held" and ours["for-first"] == "By for, first"
    assert ours["held-first"] == "Holding first" and ours["hidden"] == "Hidden  text"
    assert ours["titled"] == "The title" and ours["placeholder"] == "The placeholder" and ours["bare"] == "bare"
    assert ours["other"] == "In another form" and ours["outside"] == "Its title"


def test_worksheet_fields_keep_their_names(documents, without_workarounds):
    """The English worksheets with the most radio buttons, checkboxes and table cells name every field as before."""
    english = {worksheet_id(html): html for html in documents if '<html lang="en">' in html and worksheet_id(html)}
    chosen = {max(english, key=lambda name, kind=kind: english[name].count(kind))
              for kind in ('type="radio"', 'type="checkbox"', '<td class="kind-')}
    theirs = [field_names(english[name]) for name in sorted(chosen)]
    pdf_workarounds.install()
    assert [field_names(english[name]) for name in sorted(chosen)] == theirs
    assert len(chosen) == 3 and sum(map(len, theirs)) > 250


def worksheet_id(html: str) -> str | None:
    found = re.search(r'<form class="worksheet [^"]*" id="worksheet-([^"]+)"', html)
    return found and found[1]


def test_the_pdf_workers_use_the_workarounds(without_workarounds):
    """A PDF worker installs both, over the versions they were written for."""
    import tinyhtml5.inputstream  # noqa: PLC0415
    import weasyprint.pdf.anchors  # noqa: PLC0415

    pdf.init_worker(str(ROOT / "theme" / "kit"))
    assert weasyprint.pdf.anchors._get_human_name is pdf_workarounds._human_name
    assert isinstance(tinyhtml5.inputstream.characters_until_regex, pdf_workarounds._StopCharacterPatterns)
