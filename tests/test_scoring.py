"""Scored self-assessments: exact at the band boundaries, never scored while
incomplete, the same in the browser as in Python, kept on the device."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT, run_generator, serve_folder

from generator import scoring, worksheets
from generator.errors import ErrorList

SHEETS = worksheets.load_all(ROOT, ROOT / "worksheets", ErrorList())
HEALTH, CHAMPION = SHEETS["health-check"], SHEETS["champion-self-check"]


def answers_totalling(definition: dict, total: int) -> dict[str, int]:
    """Ratings (1–5) that add up to `total`, spread over the items in order."""
    items = [item for group in scoring.rated_items(definition).values() for item in group]
    values = [1] * len(items)
    remaining = total - len(items)
    for index in range(len(items)):
        step = min(4, remaining)
        values[index] += step
        remaining -= step
    assert remaining == 0
    return dict(zip(items, values, strict=True))


@pytest.mark.parametrize("total, band", [
    (20, "Foundations needed"), (39, "Foundations needed"), (40, "Emerging"), (59, "Emerging"),
    (60, "Established"), (79, "Established"), (80, "Embedded"), (100, "Embedded"),
])
def test_health_check_bands_are_exact_at_their_boundaries(total, band):
    result = scoring.score(HEALTH, answers_totalling(HEALTH, total))
    assert result.complete and result.total == total and result.band["label"] == band


@pytest.mark.parametrize("total, band", [
    (10, "Develop first"), (29, "Develop first"), (30, "Ready with support"), (39, "Ready with support"),
    (40, "Ready"), (50, "Ready"),
])
def test_champion_bands_are_exact_at_their_boundaries(total, band):
    result = scoring.score(CHAMPION, answers_totalling(CHAMPION, total))
    assert result.total == total and result.band["label"] == band


def test_priorities_are_dimensions_averaging_below_three():
    answers = {item: 4 for group in scoring.rated_items(HEALTH).values() for item in group}
    culture = scoring.rated_items(HEALTH)["culture"]
    answers.update({culture[0]: 3, culture[1]: 3, culture[2]: 3, culture[3]: 2})  # 2.75
    mobility = scoring.rated_items(HEALTH)["mobility"]
    answers.update({item: 3 for item in mobility})  # exactly 3: not below
    result = scoring.score(HEALTH, answers)
    assert result.averages["culture"] == 2.75 and result.averages["mobility"] == 3
    assert result.priorities == ["culture"]


def test_an_incomplete_assessment_has_no_total_and_no_band():
    answers = answers_totalling(HEALTH, 80)
    del answers[next(iter(answers))]
    result = scoring.score(HEALTH, answers)
    assert not result.complete and result.total is None and result.band is None
    assert result.answered == 19 and result.items == 20
    assert "culture" not in result.averages and "measurement" in result.averages


def test_scoring_rules_with_a_gap_are_refused(project):
    path = project / "worksheets" / "champion-self-check.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("{min: 30, max: 39", "{min: 31, max: 39"),
                    encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "worksheets/champion-self-check.yml:" in result.stderr
    assert "band 'Ready with support' starts at 31, expected 30" in result.stderr


def answer_in_browser(page, definition, answers):
    for item, value in answers.items():
        page.check(f'input[name="{definition["id"]}.{item}"][value="{value}"]')


@pytest.mark.browser
@pytest.mark.parametrize("total, band", [(39, "Fondations à poser"), (40, "Culture émergente")])
def test_browser_scores_the_health_check_like_python(site, page, total, band):
    with serve_folder(site) as base:
        page.goto(f"{base}/fr/worksheets/health-check.html")
        assert page.get_attribute("#results", "data-state") == "incomplete"
        answers = answers_totalling(HEALTH, total)
        answer_in_browser(page, HEALTH, answers)
        assert page.get_attribute("#results", "data-state") == "complete"
        assert page.inner_text(".band-label") == band
        assert page.inner_text(".results-status").replace("\u202f", " ").replace("\u00a0", " ") \
            == f"Total : {total} sur 100."
        expected = scoring.score(HEALTH, answers).averages
        bars = page.eval_on_selector_all("svg.chart rect.chart-bar",
                                         "bars => bars.map(b => Number(b.getAttribute('data-average')))")
        assert bars == pytest.approx([expected[d] for d in ("culture", "conversations", "tools", "mobility", "measurement")])


@pytest.mark.browser
def test_browser_results_survive_a_reload_and_stay_incomplete_until_done(site, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    with serve_folder(site) as base:
        page.goto(f"{base}/es/worksheets/champion-self-check.html")
        answers = answers_totalling(CHAMPION, 35)
        first = next(iter(answers))
        partial = {k: v for k, v in answers.items() if k != first}
        answer_in_browser(page, CHAMPION, partial)
        assert page.get_attribute("#results", "data-state") == "incomplete"
        assert page.is_hidden(".results-band")
        assert "9 afirmaciones valoradas de 10" in page.inner_text(".results-status")
        page.check(f'input[name="champion-self-check.{first}"][value="{answers[first]}"]')
        assert page.inner_text(".band-label") == "Preparado con apoyo"
        page.reload()
        assert page.inner_text(".band-label") == "Preparado con apoyo"
        assert page.is_visible('.strategy[data-dimension="readiness"]')
        table = page.inner_text('tr[data-dimension="readiness"] .average')
        assert table == "3,5"
    assert all(url.startswith(base) for url in requests)


@pytest.mark.browser
def test_results_print_on_one_page(site, page, tmp_path):
    """'Print my results' prints only the results on a single A4 page, even when
    every dimension is a priority (the longest results there can be)."""
    with serve_folder(site) as base:
        page.goto(f"{base}/worksheets/health-check.html")
        answer_in_browser(page, HEALTH, answers_totalling(HEALTH, 20))
        page.evaluate("document.documentElement.classList.add('print-results')")
        page.emulate_media(media="print")
        target = tmp_path / "results.pdf"
        page.pdf(path=str(target), format="A4")
    from pypdf import PdfReader
    assert len(PdfReader(target).pages) == 1
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Foundations needed" in text and "Total: 20 out of 100." in text
    for dimension in ("Culture", "Conversations", "Tools and integration", "Mobility", "Measurement"):
        assert text.count(dimension) >= 2, dimension  # in the table and over its strategies
    assert "Rate each statement" not in text, "the form printed too"
