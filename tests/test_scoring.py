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
    """Ratings (1–5) that add up to `total`, spread over the items in order
    (and a yes to any yes/no must-pass item)."""
    items = [item for group in scoring.rated_items(definition).values() for item in group]
    values = [1] * len(items)
    remaining = total - len(items)
    for index in range(len(items)):
        step = min(4, remaining)
        values[index] += step
        remaining -= step
    assert remaining == 0
    answers = dict(zip(items, values, strict=True))
    answers.update({i["field"]: i["equals"] for i in definition["scoring"].get("must_pass", []) if "equals" in i})
    return answers


@pytest.mark.parametrize("total, band", [
    (31, "Foundations needed"), (77, "Foundations needed"), (78, "Emerging"), (108, "Emerging"),
    (109, "Established"), (131, "Established"), (132, "Embedded"), (155, "Embedded"),
])
def test_health_check_bands_are_exact_at_their_boundaries(total, band):
    result = scoring.score(HEALTH, answers_totalling(HEALTH, total))
    assert result.complete and result.total == total and result.band["label"] == band


@pytest.mark.parametrize("rating, band", [(2, "Foundations needed"), (3, "Emerging"), (4, "Established"),
                                          (5, "Embedded")])
def test_the_same_rating_everywhere_gives_its_honest_band(rating, band):
    """An organisation answering 3 to everything is Emerging, not Established."""
    answers = {item: rating for group in scoring.rated_items(HEALTH).values() for item in group}
    assert len(answers) == 31
    assert scoring.score(HEALTH, answers).band["label"] == band


@pytest.mark.parametrize("total, band", [
    (13, "Develop first"), (41, "Develop first"), (42, "Ready with support"), (53, "Ready with support"),
    (54, "Ready"), (65, "Ready"),
])
def test_champion_bands_are_exact_at_their_boundaries(total, band):
    answers = answers_totalling(CHAMPION, total)
    if total >= 54:
        assert answers["keeps-confidences"] == 5 and answers["time-agreed"] == "yes"
    result = scoring.score(CHAMPION, answers)
    assert result.total == total and result.band["label"] == band and not result.capped


def champion_answers(keeps: int, time: str, others: int = 5) -> dict:
    answers = {item: others for group in scoring.rated_items(CHAMPION).values() for item in group}
    answers.update({"keeps-confidences": keeps, "time-agreed": time})
    return answers


@pytest.mark.parametrize("keeps, time, total, band, capped", [
    (5, "yes", 65, "Ready", False),
    (4, "yes", 64, "Ready", False),  # 4 is the lowest pass
    (3, "yes", 63, "Ready with support", True),
    (5, "no", 65, "Ready with support", True),
    (1, "no", 61, "Ready with support", True),
])
def test_a_failed_must_pass_item_caps_the_champion_below_ready(keeps, time, total, band, capped):
    """Whatever the total, a low 'keeps confidences' or no agreed time means not Ready."""
    result = scoring.score(CHAMPION, champion_answers(keeps, time))
    assert (result.total, result.band["label"], result.capped) == (total, band, capped)


def test_a_cap_never_raises_a_band_and_strategies_follow_the_band():
    """Below the cap the band stays; nobody who is Ready gets 'develop first' strategies."""
    low = scoring.score(CHAMPION, champion_answers(1, "no", others=2))
    assert low.total == 25 and low.band["label"] == "Develop first" and not low.capped
    assert low.failed == ["keeps-confidences", "time-agreed"]
    ready = scoring.score(CHAMPION, champion_answers(5, "yes"))
    develop_first = CHAMPION["scoring"]["bands"][0]["strategies"]
    assert ready.strategies and not set(ready.strategies) & set(develop_first)
    assert ready.strategies[0] == "Tell HR you are interested and book a place at the next champions' briefing."


def test_the_yes_no_prerequisite_must_be_answered_to_score():
    answers = champion_answers(5, "yes")
    del answers["time-agreed"]
    result = scoring.score(CHAMPION, answers)
    assert not result.complete and result.band is None and (result.answered, result.items) == (13, 14)


MUST_PASS_ERRORS = [
    ("{field: time-agreed, equals: \"yes\"}", "{field: time-agreed, equals: maybe}",
     "must-pass choice 'time-agreed' needs 'equals:' one of its options → write 'equals: yes' (options: yes, no)"),
    ("{field: keeps-confidences, at_least: 4}", "{field: keeps-confidences, at_least: 6}",
     "must-pass rating 'keeps-confidences' needs 'at_least:' a whole number from 2 to 5"
     " → write '- {field: keeps-confidences, at_least: 4}'"),
    ("{field: keeps-confidences, at_least: 4}", "{field: discretion, at_least: 4}",
     "must-pass item 'discretion' is not a field of the worksheet → name a rating or single_choice field: '- {field: …}'"),
    ("{field: keeps-confidences, at_least: 4}", "{field: needs, at_least: 4}",
     "must-pass item 'needs' is a long_text field → use a rating (with at_least) or a single_choice (with equals)"),
    ("cap_at: Ready with support", "cap_at: Ready",
     "'cap_at' is 'Ready', not a band below the highest → name the band a failed must-pass item caps the result at:"
     " one of Develop first, Ready with support"),
]


@pytest.mark.parametrize("before, after, message", MUST_PASS_ERRORS)
def test_must_pass_rules_are_validated(tmp_path, before, after, message):
    """In-process, with the exact message and the line of the rule."""
    text = (ROOT / "worksheets" / "champion-self-check.yml").read_text(encoding="utf-8")
    assert before in text
    path = tmp_path / "worksheets" / "champion-self-check.yml"
    path.parent.mkdir()
    path.write_text(text.replace(before, after), encoding="utf-8")
    errors = ErrorList()
    assert worksheets.load_one(tmp_path, path, errors) is None
    line = text.splitlines().index(next(l for l in text.splitlines() if before in l)) + 1
    assert [str(e) for e in errors] == [f"worksheets/champion-self-check.yml:{line}: {message}"]


def test_band_strategies_must_be_on_every_band_or_none(tmp_path):
    text = (ROOT / "worksheets" / "champion-self-check.yml").read_text(encoding="utf-8")
    start = text.index("      strategies:\n        - Co-host")
    end = text.index("    - min: 54")
    path = tmp_path / "worksheets" / "champion-self-check.yml"
    path.parent.mkdir()
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    errors = ErrorList()
    worksheets.load_one(tmp_path, path, errors)
    line = text.splitlines().index("    - min: 42") + 1
    assert [str(e) for e in errors] == [f"worksheets/champion-self-check.yml:{line}: band 'Ready with support' has no"
                                        " strategies, but other bands do → give every band 'strategies:' with at least"
                                        " one, or none of them"]


def test_priorities_are_dimensions_averaging_below_three():
    answers = {item: 4 for group in scoring.rated_items(HEALTH).values() for item in group}
    culture = scoring.rated_items(HEALTH)["culture"]
    answers.update(dict(zip(culture, [3, 3, 3, 2, 3, 2], strict=True)))  # 16 / 6
    mobility = scoring.rated_items(HEALTH)["mobility"]
    answers.update({item: 3 for item in mobility})  # exactly 3: not below
    result = scoring.score(HEALTH, answers)
    assert result.averages["culture"] == pytest.approx(16 / 6) and result.averages["mobility"] == 3
    assert result.priorities == ["culture"]


def test_an_incomplete_assessment_has_no_total_and_no_band():
    answers = answers_totalling(HEALTH, 120)
    del answers[next(iter(answers))]
    result = scoring.score(HEALTH, answers)
    assert not result.complete and result.total is None and result.band is None
    assert result.answered == 30 and result.items == 31
    assert "culture" not in result.averages and "measurement" in result.averages


def test_scoring_rules_with_a_gap_are_refused(project):
    path = project / "worksheets" / "champion-self-check.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    - min: 42\n", "    - min: 43\n"),
                    encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "worksheets/champion-self-check.yml:" in result.stderr
    assert "band 'Ready with support' starts at 43, expected 42" in result.stderr


def answer_in_browser(page, definition, answers):
    """Choose each answer as a click on its radio button would (click, input,
    change): one round trip, where Playwright's checks before each click cost
    a twentieth of a second per answer."""
    page.evaluate("""answers => { for (const [name, value] of answers) {
        document.querySelector(`input[name="${name}"][value="${value}"]`).click(); } }""",
                  [[f"{definition['id']}.{item}", str(value)] for item, value in answers.items()])


@pytest.mark.browser
@pytest.mark.parametrize("total, band", [(77, "Fondations à poser"), (78, "Culture émergente"), (93, "Culture émergente")])
def test_browser_scores_the_health_check_like_python(site, page, total, band):
    with serve_folder(site) as base:
        page.goto(f"{base}/fr/worksheets/health-check.html")
        assert page.get_attribute("#results", "data-state") == "incomplete"
        answers = answers_totalling(HEALTH, total)
        answer_in_browser(page, HEALTH, answers)
        assert page.get_attribute("#results", "data-state") == "complete"
        assert page.inner_text(".band-label") == band
        assert page.inner_text(".results-status").replace("\u202f", " ").replace("\u00a0", " ") \
            == f"Total : {total} sur 155."
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
        answers = answers_totalling(CHAMPION, 45)
        first = next(iter(answers))
        partial = {k: v for k, v in answers.items() if k != first}
        answer_in_browser(page, CHAMPION, partial)
        assert page.get_attribute("#results", "data-state") == "incomplete"
        assert page.is_hidden(".results-band")
        assert "Ha valorado 13 afirmaciones de 14" in page.inner_text(".results-status")
        page.check(f'input[name="champion-self-check.{first}"][value="{answers[first]}"]')
        assert page.inner_text(".band-label") == "Puede empezar con apoyo"
        page.reload()
        assert page.inner_text(".band-label") == "Puede empezar con apoyo"
        assert page.is_visible('.band-strategy[data-band="1"]') and page.is_hidden('.band-strategy[data-band="0"]')
        table = page.inner_text('tr[data-dimension="traits"] .average')
        assert table == "5,0"
    assert all(url.startswith(base) for url in requests)


@pytest.mark.browser
def test_results_print_on_one_page(site, page, tmp_path):
    """'Print my results' prints only the results on a single A4 page, even when
    every dimension is a priority (the longest results there can be)."""
    with serve_folder(site) as base:
        page.goto(f"{base}/worksheets/health-check.html")
        answer_in_browser(page, HEALTH, answers_totalling(HEALTH, 31))
        page.evaluate("document.documentElement.classList.add('print-results')")
        page.emulate_media(media="print")
        target = tmp_path / "results.pdf"
        page.pdf(path=str(target), format="A4")
    from pypdf import PdfReader
    assert len(PdfReader(target).pages) == 1
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Foundations needed" in text and "Total: 31 out of 155." in text
    for dimension in ("Culture", "Conversations", "Tools and integration", "Mobility", "Measurement"):
        assert text.count(dimension) >= 2, dimension  # in the table and over its strategies
    assert "Rate each statement" not in text, "the form printed too"


@pytest.mark.browser
@pytest.mark.parametrize("keeps, time, band, capped", [
    (5, "yes", "Ready", False), (4, "yes", "Ready", False), (3, "yes", "Ready with support", True),
    (5, "no", "Ready with support", True),
])
def test_browser_caps_the_champion_like_python(site, page, keeps, time, band, capped):
    """The page applies the must-pass cap at the same boundary, says why, and shows
    only the strategies of the band reached."""
    answers = champion_answers(keeps, time)
    assert scoring.score(CHAMPION, answers).band["label"] == band
    with serve_folder(site) as base:
        page.goto(f"{base}/worksheets/champion-self-check.html")
        answer_in_browser(page, CHAMPION, answers)
        assert page.inner_text(".band-label") == band
        assert page.is_visible(".results-capped") == capped
        if capped:
            assert page.inner_text(".results-capped").startswith("Your total alone would place you in “Ready”")
        index = 2 if band == "Ready" else 1
        visible = page.eval_on_selector_all(".band-strategy:not([hidden])", "nodes => nodes.map(n => n.dataset.band)")
        assert visible == [str(index)]


@pytest.mark.browser
def test_browser_names_a_failed_must_pass_item_even_below_the_cap(site, page):
    with serve_folder(site) as base:
        page.goto(f"{base}/fr/worksheets/champion-self-check.html")
        answer_in_browser(page, CHAMPION, champion_answers(5, "no", others=2))
        assert page.inner_text(".band-label") == "Bases à consolider"
        assert "J’ai convenu avec mon manager" in page.inner_text(".results-capped")


@pytest.mark.browser
def test_browser_rates_three_everywhere_as_emerging(site, page):
    """The recalibrated bands in the page too: 3 to every statement is 93, Emerging."""
    answers = {item: 3 for group in scoring.rated_items(HEALTH).values() for item in group}
    with serve_folder(site) as base:
        page.goto(f"{base}/worksheets/health-check.html")
        answer_in_browser(page, HEALTH, answers)
        assert page.inner_text(".results-status") == "Total: 93 out of 155."
        assert page.inner_text(".band-label") == "Emerging"
