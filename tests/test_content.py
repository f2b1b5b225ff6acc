"""The curriculum: complete and parallel in three languages, consistent in its
terms, written afresh, with session plans that add up."""

from __future__ import annotations

import re
from datetime import time

import pytest
from conftest import ROOT

from generator import content, sessions
from generator import languages as languages_module
from generator.errors import ErrorList
from generator.generated import page_paths
from generator.worksheets import load_all

LANGUAGES = [languages_module.Language("en", "English", default=True),
             languages_module.Language("fr", "Français"), languages_module.Language("es", "Español")]
ERRORS = ErrorList()
WORKSHEETS = load_all(ROOT, ROOT / "worksheets", ERRORS)
TREE = content.load(ROOT, ROOT / "content", LANGUAGES, set(WORKSHEETS), ERRORS,
                    page_paths({p.stem for p in (ROOT / "worksheets").glob("*.yml")}, {p.stem for p in (ROOT / "sessions").glob("*.yml")}))  # pages may link generated ones
PLANS = sessions.load_all(ROOT, ROOT / "sessions", set(WORKSHEETS), ERRORS)
sessions.resolve(PLANS, TREE.activities, "en", ERRORS, set(WORKSHEETS))  # segments take their minutes from the activities
MODULES = [f"E{n}" for n in range(1, 8)] + [f"M{n}" for n in range(1, 7)] + [f"H{n}" for n in range(1, 8)]


def test_the_content_has_no_errors():
    assert not ERRORS, "\n".join(map(str, ERRORS))


def test_every_module_of_the_curriculum_exists():
    codes = sorted(str(p.meta["module"]) for p in TREE.pages["en"].values() if "module" in p.meta)
    assert codes == sorted(MODULES)
    for shared in ("index.md", "trust.md", "champion.md", "glossary.md", "facilitator/index.md"):
        assert shared in TREE.pages["en"]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_translations_mirror_the_english_structure(language):
    """Same pages, same worksheets, same activities and facilitator notes."""
    assert set(TREE.pages[language]) == set(TREE.pages["en"])
    for path, english in TREE.pages["en"].items():
        twin = TREE.pages[language][path]
        for key in ("role", "module", "duration", "worksheets"):
            assert twin.meta.get(key) == english.meta.get(key), f"{language}/{path}: {key}"
        for marker in ("!!! activity", "??? facilitator"):
            assert twin.body.count(marker) == english.body.count(marker), f"{language}/{path}: {marker}"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_module_has_substance(language):
    """At least 400 words, an activity, facilitator notes and reflection questions."""
    for page in TREE.pages[language].values():
        if "module" not in page.meta:
            continue
        assert page.words() >= 400, f"{page.file}: {page.words()} words"
        assert "!!! activity" in page.body and "??? facilitator" in page.body, page.file
        assert len(page.meta["objectives"]) >= 2 and len(page.meta["takeaways"]) >= 2, page.file


GLOSSARY = {
    "fr": {"required": ["plan de développement individuel", "PDI", "entretien de carrière", "relais carrière",
                        "mobilité interne"],
           "forbidden": [r"plan de développement personnel", r"plan individuel de développement", r"\bIDP\b",
                         r"champion de carrière", r"entretien de développement de carrière"]},
    "es": {"required": ["plan de desarrollo individual", "PDI", "conversación de carrera", "referente de carrera",
                        "movilidad interna"],
           "forbidden": [r"plan de desarrollo personal", r"plan individual de desarrollo", r"\bIDP\b",
                         r"campeón de carrera", r"\bvos\b", r"\btenés\b", r"\bpodés\b"]},
}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_glossary_terms_are_used_consistently(language):
    """The glossary's terms everywhere, never their near-synonyms."""
    everything = "\n".join(p.body + str(p.meta) for p in TREE.pages[language].values())
    glossary = TREE.pages[language]["glossary.md"].body
    for term in GLOSSARY[language]["required"]:
        assert term in everything, f"{language}: '{term}' never used"
    assert "PDI" in glossary
    for pattern in GLOSSARY[language]["forbidden"]:
        offenders = [p.path for p in TREE.pages[language].values() if re.search(pattern, p.body + str(p.meta))]
        assert not offenders, f"{language}: /{pattern}/ in {offenders}"
    idp_pages = [p for p in TREE.pages[language].values() if "idp" in p.meta.get("worksheets", [])]
    for page in idp_pages:
        assert "PDI" in page.body, f"{page.path} speaks of the IDP without the glossary's term"


def _narration(body: str) -> str:
    """The text that addresses the reader: without quoted dialogue or blockquoted scenes."""
    body = "\n".join(line for line in body.split("\n") if not line.lstrip().startswith(">"))
    return re.sub(r"«[^»]*»|\"[^\"]*\"|“[^”]*”", "", body)


def test_spanish_is_formal_and_french_uses_vous():
    """The reader is « vous » and «usted»; characters in a scene may speak as they like."""
    for page in TREE.pages["es"].values():
        assert not re.search(r"\b(tú|contigo|vosotros|vos)\b", _narration(page.body)), page.path
    for page in TREE.pages["fr"].values():
        assert not re.search(r"\b(tu|toi|ta|tes)\b", _narration(page.body)), page.path


def _sentences(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z’']+", text.lower())
    return {tuple(words[i:i + 8]) for i in range(len(words) - 7)}


def test_no_sentence_is_copied_from_the_source_articles():
    """The seeds are for ideas only: no run of eight words may reappear."""
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the source articles are not beside this checkout")
    source = set()
    for seed in seeds.glob("*.txt"):
        source |= _sentences(seed.read_text(encoding="utf-8"))
    for page in TREE.pages["en"].values():
        copied = _sentences(page.body) & source
        assert not copied, f"{page.path}: {' '.join(next(iter(copied)))}"


def test_every_worksheet_referenced_exists_and_every_worksheet_is_used():
    referenced = set()
    for language in TREE.pages.values():
        for page in language.values():
            referenced |= set(page.meta.get("worksheets", []))
    assert referenced <= set(WORKSHEETS)
    assert set(WORKSHEETS) <= referenced


def test_session_plans_add_up_and_compute_clock_times():
    assert set(PLANS) == {"employee-half-day", "manager-half-day", "hr-briefing"}
    for plan in PLANS.values():
        assert sum(s["minutes"] for s in plan["segments"]) == plan["duration"]
    slots = sessions.timetable(PLANS["employee-half-day"], time(9, 0))
    assert (slots[0].start, slots[0].end) == (time(9, 0), time(9, 20))
    assert slots[3].start == time(10, 20) and PLANS["employee-half-day"]["segments"][3]["grouping"] == ["break"]
    assert slots[-1].end == time(12, 30)
    briefing = sessions.timetable(PLANS["hr-briefing"], time(13, 45))
    assert briefing[-1].end == time(15, 15)
    manager = PLANS["manager-half-day"]
    assert len(manager["roleplays"]) == 4 and len(manager["observer_checklist"]) == 5


def test_session_plan_pages_show_timings_materials_and_role_plays(site):
    html = (site / "fr/sessions/manager-half-day.html").read_text(encoding="utf-8")
    assert re.search(r'<time datetime="09:00">09:00</time>–<time datetime="09:05">09:05</time>', html)
    assert '<time datetime="12:30">12:30</time>' in html
    assert html.count('class="roleplay"') == 4
    assert 'class="materials"' in html and "Paperboard" in html
    spanish = (site / "es/sessions/hr-briefing.html").read_text(encoding="utf-8")
    assert re.search(r'<time datetime="09:00">9:00</time>–<time datetime="09:10">9:10</time>', spanish)
