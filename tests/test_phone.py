"""Every worksheet in every language on a 390 px phone (Chromium's mobile
emulation): no sideways scrolling, tables as cards whose fields show their
column, text fields at least 60 % of the screen wide, touch targets at least
24 × 24 px (WCAG 2.2), no axe violations; print keeps the table."""

from __future__ import annotations

import pytest
from conftest import ROOT
from accessibility import violations, with_axe

from generator import worksheets
from generator.errors import ErrorList

pytestmark = pytest.mark.browser

WIDTH = 390
PREFIXES = {"en": "", "fr": "fr/", "es": "es/"}

MEASURE = """width => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} px`);
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const name = el => el.name || el.id || el.className || el.tagName;
  for (const el of document.querySelectorAll('main *')) {
    if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
      problems.push(`${name(el)} scrolls sideways`);
  }
  for (const el of document.querySelectorAll('form.worksheet input[type=text], form.worksheet input[type=date], form.worksheet textarea')) {
    const box = el.getBoundingClientRect();
    if (box.width < 0.6 * width) problems.push(`${name(el)} is ${Math.round(box.width)} px wide`);
    if (box.right > width + 0.5) problems.push(`${name(el)} ends at ${Math.round(box.right)} px`);
  }
  for (const el of document.querySelectorAll('main input:not([type=file]), main button, main select, main textarea')) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 24 || box.height < 24) problems.push(`${name(el)} is ${box.width.toFixed(1)} × ${box.height.toFixed(1)} px`);
  }
  for (const cell of document.querySelectorAll('.ws-table td')) {
    const label = cell.querySelector('.cell-column');
    if (!label || !shown(label) || !label.textContent.trim()) problems.push(`a cell of ${cell.closest('table').querySelector('caption').textContent} shows no column`);
  }
  return problems;
}"""


def worksheet_pages():
    ids = sorted(worksheets.load_all(ROOT, ROOT / "worksheets", ErrorList()))
    return [(language, worksheet_id) for language in PREFIXES for worksheet_id in ids]


@pytest.fixture(scope="module")
def phone(browser):
    """One phone-sized tab (iPhone-like: 390 × 844, touch, 3× pixels), reused
    for every page, with axe loaded in each page it opens (once: a second
    init script would load it again on every page)."""
    context = with_axe(browser.new_context(viewport={"width": WIDTH, "height": 844}, device_scale_factor=3,
                                           is_mobile=True, has_touch=True))
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.slow
@pytest.mark.parametrize("language", list(PREFIXES))  # one test per language: the workers share them
def test_every_worksheet_fits_a_phone_and_passes_axe(site, phone, language):
    """All the worksheets of a language, one tab: every problem listed together."""
    problems, seen = [], 0
    for language, worksheet_id in [page for page in worksheet_pages() if page[0] == language]:
        phone.goto((site / PREFIXES[language] / "worksheets" / f"{worksheet_id}.html").as_uri())
        assert phone.evaluate("window.innerWidth") == WIDTH
        problems += [f"{language}/{worksheet_id}: {p}" for p in phone.evaluate(MEASURE, WIDTH)]
        problems += [f"{language}/{worksheet_id}: axe {v}" for v in violations(phone)]
        seen += 1
    assert seen == len(worksheets.load_all(ROOT, ROOT / "worksheets", ErrorList()))
    assert not problems, "\n".join(problems[:40])


def test_table_cells_name_their_column_and_row_for_screen_readers(site, phone):
    """On a phone the visible column name is hidden from screen readers, which hear "Skill, row 1"."""
    phone.goto((site / "fr" / "worksheets" / "what-matters.html").as_uri())
    cell = phone.locator('input[name="what-matters.skills.2.skill"]')
    assert phone.evaluate("el => el.labels[0].textContent", cell.element_handle()) == "Compétence, ligne 2"
    column = phone.locator("td:has(input[name='what-matters.skills.2.skill']) .cell-column")
    assert column.inner_text() == "Compétence"
    assert column.get_attribute("aria-hidden") == "true"


def test_print_on_a_phone_keeps_the_table_layout(site, phone):
    """The cards are for screens: printed, a table is still a table, without the column names repeated."""
    phone.goto((site / "worksheets" / "what-matters.html").as_uri())
    assert phone.evaluate("getComputedStyle(document.querySelector('.ws-table tr')).display") == "block"
    phone.emulate_media(media="print")
    try:
        assert phone.evaluate("getComputedStyle(document.querySelector('.ws-table tr')).display") == "table-row"
        assert phone.evaluate("getComputedStyle(document.querySelector('.cell-column')).display") == "none"
    finally:
        phone.emulate_media(media="screen")


def test_the_pdf_form_has_no_phone_only_column_names():
    """The PDFs render the same template in PDF mode: the cards' column names never reach them."""
    from generator import catalogs, render
    from generator.context import Formats
    from generator.languages import Language

    translate = catalogs.Translator(ROOT / "locales", "en")
    definition = worksheets.load_all(ROOT, ROOT / "worksheets", ErrorList())["what-matters"]
    html = render.render(ROOT / "theme" / "kit", "worksheet-pdf.html", ws=definition, rules=None, _=translate,
                         T=translate.worksheet, S=translate.session, ngettext=translate.ngettext, lang="en",
                         organisation="", kit=Formats(Language("en", "English", True), translate), mode="pdf")
    assert 'name="what-matters.skills.8.proficiency"' in html
    assert "cell-column" not in html
