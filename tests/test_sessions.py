"""Activities as data and the session plans that run them: the checks in
process on small inputs, the bad inputs through real builds, and the site
run-sheets and module pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, run_generator

from generator import activities, sessions, yamlfile
from generator.content import Page
from generator.errors import ErrorList

# -- in process ----------------------------------------------------------------


def module_page(front_matter: str, body: str, path="employee/e2-what-matters.md") -> Page:
    from generator import frontmatter

    matter = frontmatter.split(f"---\n{front_matter}---\n{body}")
    return Page("en", path, Path(path), matter.data, matter.lines, matter.body, matter.body_line)


ENERGY = """module: E2
activities:
  - id: energy-interviews
    title: Energy interviews
    minutes: 40
    grouping: [pairs]
    materials: [participant-pack, timer]
    worksheets: [what-matters]
"""
STEPS = '\nText.\n\n!!! activity "energy-interviews"\n\n    1. Interview.\n'


def plan_with(segment: str) -> dict:
    text = f"id: p\nduration: 40\nsegments:\n{segment}"
    plan = yamlfile.loads(text)
    plan["source"] = "sessions/p.yml"
    return plan


def resolved(segment: str) -> tuple[dict, ErrorList]:
    errors = ErrorList()
    page = module_page(ENERGY, STEPS)
    found = activities.check_page("content/en/employee/e2-what-matters.md", page, {"what-matters"}, errors)
    assert list(errors) == []
    plan = plan_with(segment)
    sessions.resolve({"p": plan}, {"en": {a.ref: a for a in found}}, "en", errors)
    return plan, errors


def test_activity_is_read_from_the_front_matter_with_its_file_line():
    """The declared activity becomes data: reference, minutes, grouping, line."""
    errors = ErrorList()
    [activity] = activities.check_page("x.md", module_page(ENERGY, STEPS), {"what-matters"}, errors)
    assert list(errors) == []
    assert (activity.ref, activity.minutes, activity.grouping, activity.line) == (
        "e2/energy-interviews", 40, ("pairs",), 4)


def test_activity_without_steps_in_the_body_is_reported():
    """A declared activity needs its admonition in the body."""
    errors = ErrorList()
    activities.check_page("x.md", module_page(ENERGY, "\nNo steps.\n"), {"what-matters"}, errors)
    assert [str(e) for e in errors] == [
        ("x.md:4: the activity 'energy-interviews' has no steps in the page → add its steps in the body, "
        'under `!!! activity "energy-interviews"`')]


def test_unknown_material_in_an_activity_is_reported():
    """Materials are a closed list, in modules too."""
    errors = ErrorList()
    activities.check_page("x.md", module_page(ENERGY.replace("timer", "whiteboard"), STEPS), {"what-matters"}, errors)
    assert len(errors) == 1 and errors[0].line == 8 and "unknown material 'whiteboard'" in errors[0].message


def test_segment_takes_minutes_grouping_and_materials_from_its_activity():
    """A segment naming an activity gets its time, grouping, materials, worksheets and module."""
    plan, errors = resolved("  - activity: e2/energy-interviews\n")
    assert list(errors) == []
    segment = plan["segments"][0]
    assert (segment["minutes"], segment["grouping"], segment["materials"], segment["worksheets"],
            segment["modules"]) == (40, ["pairs"], ["participant-pack", "timer"], ["what-matters"], ["E2"])


def test_slot_shorter_than_its_activity_needs_a_cut():
    """30 minutes for a 40-minute activity fails without a cut."""
    _, errors = resolved("  - activity: e2/energy-interviews\n    minutes: 30\n  - title: T\n    minutes: 10\n"
                         "    grouping: plenary\n    instructions: I\n")
    assert [str(e) for e in errors] == [
        ("sessions/p.yml:5: the slot gives 30 minutes, but the activity 'e2/energy-interviews' takes 40 "
        "(content/en/employee/e2-what-matters.md:4) → set 'minutes: 40', or add 'cut:' saying what to drop "
        "to fit 30 minutes")]


def test_slot_shorter_than_its_activity_with_a_cut_is_accepted():
    """A cut note makes the shorter slot explicit."""
    _, errors = resolved("  - activity: e2/energy-interviews\n    minutes: 30\n    cut: Ten-minute interviews.\n"
                         "  - title: T\n    minutes: 10\n    grouping: plenary\n    instructions: I\n")
    assert list(errors) == []


def test_grouping_that_differs_from_the_activity_is_reported():
    """The plan may repeat the grouping, but not contradict it."""
    _, errors = resolved("  - activity: e2/energy-interviews\n    grouping: threes\n")
    assert len(errors) == 1 and errors[0].line == 5
    assert errors[0].message.startswith("the segment says grouping threes, but the activity 'e2/energy-interviews' "
                                        "is done pairs")


def test_unknown_activity_suggests_the_closest():
    """A misspelt reference names the activity it probably meant."""
    _, errors = resolved("  - activity: e2/energy-interview\n")
    assert str(errors[0]) == ("sessions/p.yml:4: the activity 'e2/energy-interview' does not exist → "
                              "did you mean 'e2/energy-interviews'?")


def test_kit_artefact_the_plan_does_not_have_is_reported():
    """Role-play cards need role-plays in the plan."""
    _, errors = resolved("  - activity: e2/energy-interviews\n    materials: [roleplay-cards]\n")
    assert [str(e) for e in errors] == [
        ("sessions/p.yml:5: the kit has no roleplay-cards for the plan 'p' → remove 'roleplay-cards' from the "
        "materials, or add what makes it (roleplays:)")]


# -- the real plans -------------------------------------------------------------


def test_every_plan_fits_its_activities_and_adds_up():
    """The kit's own plans: every activity segment is its activity's length or has a cut, and they add up."""
    result = run_generator(ROOT, "check")
    assert result.returncode == 0, result.stderr
    for path in sorted((ROOT / "sessions").glob("*.yml")):
        plan = yamlfile.load(path)
        refs = [s["activity"] for s in plan["segments"] if "activity" in s]
        assert len(refs) >= 2, path


@pytest.mark.parametrize("lang", ["", "fr/", "es/"])
def test_run_sheet_links_each_activity_to_its_steps(site, lang):
    """Every activity segment links to the activity's anchor on its module page."""
    for plan in ("employee-half-day", "manager-half-day", "hr-briefing"):
        page = site / f"{lang}sessions/{plan}.html"
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<span class="segment-steps"><a href="([^"#]+)#(activity-[a-z0-9-]+)"', html)
        assert len(links) >= 2, plan
        for href, anchor in links:
            target = (page.parent / href).resolve()
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (plan, href, anchor)


def test_run_sheet_links_the_participant_pack_of_its_audience(site):
    """The participant pack is a kit artefact: the run-sheet links its PDFs."""
    html = (site / "fr/sessions/manager-half-day.html").read_text(encoding="utf-8")
    assert '<a href="../worksheets/pdf/pack-manager-fr-a4.pdf">A4</a>' in html
    assert ('Cartes de mise en situation <span class="pdf-links">(PDF\u00a0: '
            '<a href="../worksheets/pdf/cards-manager-half-day-fr-a4.pdf">A4</a>') in html


def test_module_page_renders_the_activity_from_its_data(site):
    """Heading, time, grouping and materials come from the front matter, in the page's language."""
    html = (site / "es/employee/e5-options.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Actividad de taller: Opciones en tríos</p>' in html
    assert ("<strong>Duración:</strong> 30 minutos · <strong>Agrupación:</strong> Individualmente, luego en tríos"
            in html)


def test_trust_comes_early_in_both_half_days():
    """The trust activity runs within the first hour of each half-day."""
    for name in ("employee-half-day", "manager-half-day"):
        plan = yamlfile.load(ROOT / "sessions" / f"{name}.yml")
        refs = [s.get("activity") for s in plan["segments"]]
        assert "trust/safe-to-speak" in refs[:3], name
    manager = yamlfile.load(ROOT / "sessions/manager-half-day.yml")
    assert "m4/reality-message-drill" in [s.get("activity") for s in manager["segments"]]


# -- bad input through real builds --------------------------------------------------


def previous_site(project: Path) -> None:
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous build", encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split(text)[0].count("\n") + 1


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = {
    "slot too short": ("sessions/employee-half-day.yml", "  - activity: e2/energy-interviews\n",
                       "  - activity: e2/energy-interviews\n    minutes: 30\n", "    minutes: 30",
                       "the slot gives 30 minutes, but the activity 'e2/energy-interviews' takes 40",
                       "set 'minutes: 40', or add 'cut:'"),
    "grouping mismatch": ("sessions/employee-half-day.yml", "  - activity: e4/strength-spotting\n",
                          "  - activity: e4/strength-spotting\n    grouping: pairs\n", "    grouping: pairs",
                          "the segment says grouping pairs, but the activity 'e4/strength-spotting' is done threes",
                          "remove 'grouping:'"),
    "unknown activity": ("sessions/hr-briefing.yml", "activity: h4/mapping-the-links", "activity: h4/mapping-links",
                         "activity: h4/mapping-links", "the activity 'h4/mapping-links' does not exist",
                         "did you mean 'h4/mapping-the-links'?"),
    "unknown material": ("sessions/hr-briefing.yml", "materials: [projector, slides]", "materials: [whiteboard, slides]",
                         "materials: [whiteboard, slides]", "unknown material 'whiteboard'", "use one of projector"),
    "kit material that does not exist": (
        "sessions/employee-half-day.yml", "materials: [sticky-notes, evaluation-form]",
        "materials: [sticky-notes, evaluation-form, roleplay-cards]", "materials: [sticky-notes, evaluation-form, roleplay-cards]", "the kit has no roleplay-cards for the plan 'employee-half-day'",
        "remove 'roleplay-cards' from the materials"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_plan_fails_the_build_with_file_line_and_fix(project, case):
    """Each bad plan: file:line: what → fix, a non-zero exit, the previous site intact."""
    name, old, new, marker, what, fix = CASES[case]
    previous_site(project)
    path = project / name
    edit(path, old, new)
    result = run_generator(project, "build", "--no-pdf")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"{name}:{line_of(path, marker)}: {what}" in output, output
    assert f"→ {fix}" in output, output
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous build"
    assert "previous site was left untouched" in output


def test_translated_activity_with_other_minutes_fails_the_build(project):
    """Only the title is translated: the French page's minutes must match the English."""
    previous_site(project)
    path = project / "content/fr/employee/e2-what-matters.md"
    edit(path, "    minutes: 40\n", "    minutes: 35\n")
    result = run_generator(project, "build", "--no-pdf")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"content/fr/employee/e2-what-matters.md:{line_of(path, '    minutes: 35')}: the activity's minutes "
            "differ from the English page's (content/en/employee/e2-what-matters.md) → set 'minutes: 40'") in output
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous build"


# -- evaluation -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["", "fr/", "es/"])
def test_every_plan_links_its_evaluation_and_the_follow_up(site, lang):
    """Each plan's page links its audience's evaluation form and the 6–8-week follow-up, page and PDFs."""
    code = lang.rstrip("/") or "en"
    for plan, audience in (("employee-half-day", "employee"), ("manager-half-day", "manager"), ("hr-briefing", "hr")):
        html = (site / f"{lang}sessions/{plan}.html").read_text(encoding="utf-8")
        section = html.split('<h2 id="evaluation">')[1].split("</ul>")[0]
        for worksheet in (f"evaluation-{audience}", "evaluation-follow-up"):
            assert f'href="../worksheets/{worksheet}.html"' in section, (plan, worksheet)
            assert f'href="../worksheets/pdf/{worksheet}-{code}-a4.pdf"' in section
            assert (site / f"{lang}worksheets/{worksheet}.html").exists()
        assert f'href="../worksheets/evaluation-{audience}.html"' in html.split('class="materials"')[1]


def test_h7_lists_the_evaluation_forms_as_measures(site):
    """Module H7 links every evaluation form."""
    html = (site / "fr/hr/h7-measuring-progress.html").read_text(encoding="utf-8")
    for worksheet in ("evaluation-employee", "evaluation-manager", "evaluation-hr", "evaluation-follow-up"):
        assert f"../worksheets/{worksheet}.html" in html


def test_manager_evaluation_rates_each_stage_of_the_conversation_guide_before_and_after():
    """Six stages, rated before and after: twelve ratings in two dimensions."""
    definition = yamlfile.load(ROOT / "worksheets/evaluation-manager.yml")
    before, after = [s for s in definition["sections"] if s.get("dimension") in ("before", "after")]
    assert [f["label"] for f in before["fields"]] == [f["label"] for f in after["fields"]]
    assert len(before["fields"]) == 6


def test_evaluation_results_show_before_and_after(site, page):
    """Rated in the browser, the results table shows the averages before and after the workshop."""
    from conftest import serve_folder

    with serve_folder(site) as base:
        page.goto(f"{base}/worksheets/evaluation-employee.html")
        for name, value in (("relevance", 5), ("clarity", 4), ("facilitation", 4)):
            page.check(f"#f-evaluation-employee-{name}-{value}")
        for outcome in ("direction", "self-insight", "options", "confidence"):
            page.check(f"#f-evaluation-employee-before-{outcome}-2")
            page.check(f"#f-evaluation-employee-after-{outcome}-4")
        assert page.locator('tr[data-dimension="before"] .average').inner_text() == "2.0"
        assert page.locator('tr[data-dimension="after"] .average').inner_text() == "4.0"


def test_segment_with_minutes_that_are_not_a_number_is_reported_once():
    """A broken 'minutes' is reported by the plan check, and resolving it does not crash."""
    errors = ErrorList()
    plan = plan_with("  - activity: e2/energy-interviews\n    minutes: forty\n")
    sessions.check("sessions/p.yml", "p", plan, set(), errors)
    page = module_page(ENERGY, STEPS)
    found = activities.check_page("x.md", page, {"what-matters"}, ErrorList())
    sessions.resolve({"p": plan}, {"en": {a.ref: a for a in found}}, "en", errors)
    assert [e.message for e in errors if "minutes" in e.message] == ["minutes 'forty' is not a positive whole number",
                                            "the segments add up to 0 minutes, but the plan says 40"]
