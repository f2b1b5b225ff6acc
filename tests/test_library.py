"""The facilitation library: question bank, difficult conversations, case study,
templates, career paths, remote and inclusive practice; the cast and the
templates' placeholders, checked by the build; the copy button in Chromium."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, run_generator, serve_folder

from generator import cast, content, placeholders
from generator import languages as languages_module
from generator.errors import ErrorList
from generator.generated import page_paths
from generator.yamlfile import load

LANGUAGES = [languages_module.Language("en", "English", default=True),
             languages_module.Language("fr", "Français"), languages_module.Language("es", "Español")]
ERRORS = ErrorList()
TREE = content.load(ROOT, ROOT / "content", LANGUAGES, None, ERRORS,
                    page_paths({p.stem for p in (ROOT / "worksheets").glob("*.yml")}, {p.stem for p in (ROOT / "sessions").glob("*.yml")}))  # pages may link generated ones
LIBRARY = ["manager/question-bank.md", "manager/difficult-conversations.md", "manager/remote-and-hybrid.md",
           "case-study.md", "templates.md", "career-paths.md", "inclusion.md"]

PROBES = {"en": "**Follow-up probes", "fr": "**Relances", "es": "**Preguntas para profundizar"}
SCENARIO_PARTS = {"en": ["**Signals.**", "**What to say.**", "**What to avoid.**", "**Follow-up.**"],
                  "fr": ["**Signaux.**", "**Ce qu’il faut dire.**", "**Ce qu’il faut éviter.**", "**Le suivi.**"],
                  "es": ["**Señales.**", "**Qué decir.**", "**Qué evitar.**", "**Seguimiento.**"]}
HARD_MOMENTS = {"en": ["silence", "vague", "cannot grant", "cry", "Just tell me what to do"],
                "fr": ["silence", "floue", "ne pouvez pas accorder", "pleure", "Dites-moi simplement ce que je dois faire"],
                "es": ["silencio", "vaga", "no puede conceder", "Llora", "Dígame simplemente qué tengo que hacer"]}


def _sections(body: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", body, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_library_pages_exist_in_every_language_and_are_current():
    """Seven pages, each with its French and Spanish twin marked as a translation."""
    assert not ERRORS, "\n".join(map(str, ERRORS))
    for path in LIBRARY:
        assert path in TREE.pages["en"], path
        for language in ("fr", "es"):
            assert "translation_of" in TREE.pages[language][path].meta, f"{language}/{path}"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_question_bank_has_sixty_questions_by_stage_with_probes(language):
    """At least 60 questions over the eight stages of the guide, probes for each, the hard moments."""
    sections = _sections(TREE.pages[language]["manager/question-bank.md"].body)
    stages = list(sections)[:-1]
    assert len(stages) == 8, stages
    questions = [line for stage in stages for line in sections[stage].split("\n")
                 if line.startswith("- ") and line.rstrip().endswith("?")]
    assert len(questions) >= 60, len(questions)
    for stage in stages:
        assert PROBES[language] in sections[stage], f"{language}: no probes under '{stage}'"
    phrases = list(sections.values())[-1]
    assert len(re.findall(r"^\*\*.+\*\* ", phrases, flags=re.M)) >= 8
    for moment in HARD_MOMENTS[language]:
        assert moment in phrases, f"{language}: '{moment}'"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_difficult_conversations_have_nine_scenarios_of_four_parts(language):
    """Each numbered scenario gives the signals, what to say, what to avoid and the follow-up."""
    sections = _sections(TREE.pages[language]["manager/difficult-conversations.md"].body)
    scenarios = {title: text for title, text in sections.items() if re.match(r"\d\. ", title)}
    assert len(scenarios) == 9
    for title, text in scenarios.items():
        positions = [text.find(part) for part in SCENARIO_PARTS[language]]
        assert -1 not in positions and positions == sorted(positions), f"{language}: {title}"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_case_study_follows_one_employee_through_the_journey(language):
    """Links to E1–E7, M2 and M6, and a transcript of at least twenty turns in the formal register."""
    body = TREE.pages[language]["case-study.md"].body
    for module in ("e1-owning-my-career", "e2-what-matters", "e3-picturing-success", "e4-strengths-and-perception",
                   "e5-options", "e6-processes-and-profile", "e7-planning-and-preparing",
                   "m2-running-the-conversation", "m6-following-through"):
        assert f"{module}.md" in body, f"{language}: {module}"
    turns = re.findall(r"^> \*\*(\w+)", body, flags=re.M)
    assert len(turns) >= 20 and len(set(turns)) == 2
    dialogue = "\n".join(line for line in body.split("\n") if line.startswith(">"))
    informal = {"en": r"$^", "fr": r"\b(tu|toi|ton|ta|tes|t’)\b", "es": r"\b(tú|ti|contigo|tu|tus)\b"}
    assert not re.search(informal[language], dialogue, flags=re.I)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_six_templates_with_a_table_of_their_placeholders(language):
    """The six messages, each with placeholders from the page's table."""
    templates, table = placeholders.templates_of(TREE.pages[language]["templates.md"])
    assert len(templates) == 6 and len(table) == 9
    for template in templates:
        assert template.uses, template.title
        assert {name for name, _ in template.uses} <= set(table)


def test_templates_use_the_same_placeholders_in_every_language():
    """Row n of each table means the same; each template uses the same rows as often."""
    counted = {}
    for language in ("en", "fr", "es"):
        templates, table = placeholders.templates_of(TREE.pages[language]["templates.md"])
        rows = {name: number for number, name in enumerate(table)}
        counted[language] = [sorted(rows[name] for name, _ in t.uses) for t in templates]
    assert counted["fr"] == counted["en"] and counted["es"] == counted["en"]
    assert counted["en"][0] == [0, 1, 2, 2, 3, 4, 6]


def test_no_name_is_defined_twice_in_a_language_of_the_cast():
    """One first name, one person, one role, in each language."""
    data = load(ROOT / "cast.yml")
    for language in ("en", "fr", "es"):
        firsts = [entry["name"].split()[0] for entry in data[language]]
        assert len(firsts) == len(set(firsts)), [n for n in firsts if firsts.count(n) > 1]
    errors = ErrorList()
    loaded = cast.load(ROOT, ["en", "fr", "es"], errors)
    assert not errors and len(loaded.people["fr"]) == len(data["fr"])
    assert loaded.people["en"]["Maya"].pages == ["case-study.md"]
    assert loaded.people["fr"]["Léa"].name == "Léa Moreau"


def test_a_name_defined_twice_with_two_roles_stops_the_build(project):
    """A planted duplicate fails the build with the cast file's line and a fix."""
    path = project / "cast.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    french = lines.index("fr:")
    lines[french + 1:french + 1] = ["  - name: Léa Dubois", "    role: a second Léa", "    pages: [case-study.md]"]
    path.write_text("\n".join(lines), encoding="utf-8")
    real = lines.index("  - name: Léa Moreau") + 1
    result = run_generator(project, "build", "--no-pdf", "-d", str(project / "out"))
    assert result.returncode != 0
    assert (f"cast.yml:{real}: the name 'Léa' is defined twice, as 'a second Léa' (line {french + 2}) and as "
            "'customer insight analyst at a water company, the case study's employee' in 'fr' → one name is one "
            "person: give one of them another name in the pages and here (fr)") in result.stdout + result.stderr
    assert not (project / "out" / "index.html").exists()


def test_a_page_naming_someone_the_cast_places_elsewhere_is_an_error(project):
    """Reusing a cast name for a new person on another page is reported at the page's line."""
    page = project / "content" / "en" / "manager" / "m5-creating-opportunities.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("**Example.** Beatriz heads", "**Example.** Maya heads", 1), encoding="utf-8")
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("**Example.** Beatriz heads"))) + 1
    result = run_generator(project, "check")
    assert result.returncode != 0
    assert (f"content/en/manager/m5-creating-opportunities.md:{line}: 'Maya' is named here, but in cast.yml 'Maya' "
            "is customer insight analyst at a water company, the case study's employee, on other pages only"
            ) in result.stdout + result.stderr


def test_a_spanish_page_keeping_an_english_only_name_is_an_error(project):
    """A name of another language's cast counts as a person's name."""
    page = project / "content" / "es" / "case-study.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Carla Méndez es", "Siobhan Méndez es", 1),
                    encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode != 0
    assert "content/es/case-study.md:" in result.stdout + result.stderr
    assert "'Siobhan' is not in the 'es' cast of cast.yml" in result.stdout + result.stderr


def test_a_translated_template_missing_a_placeholder_is_an_error(project):
    """A French invitation that lost its [Date limite] is reported at the template's line."""
    page = project / "content" / "fr" / "templates.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("avant le [Date limite]. Si vous avez", "rapidement. Si vous avez", 1),
                    encoding="utf-8")
    line = text.split("\n").index('!!! template "Invitation à l’atelier"') + 1
    result = run_generator(project, "check")
    assert result.returncode != 0
    assert (f"content/fr/templates.md:{line}: the template 'Invitation à l’atelier' has other placeholders than "
            "its English original ([Deadline] ×1 in English, [Date limite] ×0 here)") in result.stdout + result.stderr


LABELS = {"": ("Lateral move", "Dual ladder"), "fr/": ("Mobilité transversale", "Double filière"),
          "es/": ("Movimiento lateral", "Doble vía")}


@pytest.mark.parametrize("prefix", ["", "fr/", "es/"])
def test_the_career_paths_picture_is_accessible_and_its_labels_translated(site, prefix):
    """An inline SVG with a title and description, eight labelled directions in the page's language."""
    html = (site / f"{prefix}career-paths.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, flags=re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="paths-title paths-desc"' in svg
    assert re.search(r'<title id="paths-title">[^<]{10,}</title>', svg)
    assert re.search(r'<desc id="paths-desc">[^<]{100,}</desc>', svg)
    assert svg.count("<rect") == 8
    for label in LABELS[prefix]:
        assert f">{label}</tspan>" in svg
    if prefix:
        assert "Lateral move" not in svg and "Where you" not in svg


def test_the_new_pages_appear_in_the_navigation(site):
    """Start here lists the shared library pages; the manager section lists the manager ones."""
    home = (site / "fr" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="section-nav".*?</nav>', home, flags=re.S).group(0)
    for page in ("case-study.html", "career-paths.html", "inclusion.html", "templates.html"):
        assert page in nav
    manager = (site / "es" / "manager" / "m1-your-role.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="section-nav".*?</nav>', manager, flags=re.S).group(0)
    assert "question-bank.html" in nav and "difficult-conversations.html" in nav and "remote-and-hybrid.html" in nav
    m2 = (site / "manager" / "m2-running-the-conversation.html").read_text(encoding="utf-8")
    assert 'href="question-bank.html"' in m2


@pytest.mark.browser
def test_the_copy_button_copies_a_template_and_announces_it_in_french(site, browser):
    """The text without its title reaches the clipboard; « Copié » is announced politely."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    with serve_folder(site) as base:
        tab.goto(f"{base}/fr/templates.html")
        buttons = tab.locator("button.copy-button")
        assert buttons.count() == 6
        assert buttons.first.inner_text() == "Copier"
        assert tab.locator(".copy-status").get_attribute("role") == "status"
        buttons.first.click()
        tab.wait_for_function("document.querySelector('.copy-status').textContent !== ''")
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert tab.locator(".copy-status").text_content() == "Copié"
        assert buttons.first.inner_text() == "Copié"
    context.close()
    assert copied.startswith("Objet\xa0: Atelier sur les entretiens de carrière le [Date]\n\nBonjour [Prénom],\n\n")
    assert "Invitation à l’atelier" not in copied and "Copier" not in copied
    assert copied.endswith("Bien cordialement,\n[Votre nom]\n")


@pytest.mark.browser
def test_the_copy_button_works_from_a_file(site, browser):
    """Opened from disk, the page still gets its buttons and announces the copy in Spanish."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto((site / "es" / "templates.html").as_uri())
    tab.locator("button.copy-button").nth(2).click()
    tab.wait_for_function("document.querySelector('.copy-status').textContent !== ''")
    assert tab.locator(".copy-status").text_content() == "Copiado"
    context.close()


def test_a_cast_entry_for_a_page_that_no_longer_names_them_is_reported():
    """Stale entries are caught: a page that does not exist, a page without the person."""
    errors = ErrorList()
    loaded = cast.load(ROOT, ["en", "fr", "es"], errors)
    maya = loaded.people["en"]["Maya"]
    maya.pages = ["case-study.md", "templates.md", "manager/m9-missing.md"]
    cast.check(loaded, TREE, errors)
    assert [str(e) for e in errors] == [
        f"cast.yml:{maya.line}: 'Maya Okafor' is listed on 'templates.md', which does not name them → remove the "
        "page from their list",
        f"cast.yml:{maya.line}: 'Maya Okafor' is listed on 'manager/m9-missing.md', which is not a page of 'en' → fix "
        "the path (relative to content/<lang>/) or remove it"]
