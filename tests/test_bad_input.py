"""Bad input ends the build with a clear message (file, line, fix), a non-zero
exit, and the previous site/ untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_generator
from mkdocs.exceptions import PluginError

from generator import config
from generator.project import Project


def previous_site(project: Path) -> Path:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    return site


def assert_failed_cleanly(project: Path, result, *expected: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for text in expected:
        assert text in output, f"{text!r} not in:\n{output}"
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    assert "previous site was left untouched" in output


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The line of `path` that holds `text` (expected lines follow the files)."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1)
                if text in line)


def errors_of(project: Path) -> list[str]:
    """The content errors a build of `project` would stop on, read in this
    process the way every build starts (mkdocs.yml, then the whole project)."""
    try:
        Project.from_config(config.load(str(project / "mkdocs.yml")))
    except PluginError as error:
        return [line.strip() for line in str(error).split("\n")[1:]]
    return []


def _append(path: str, text: str):
    def change(project: Path):
        target = project / path
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")
    return change


def _replace(path: str, old: str, new: str):
    return lambda project: replace(project / path, old, new)


def _write(path: str, data: bytes):
    return lambda project: (project / path).write_bytes(data)


def _symlink(path: str, target: str):
    return lambda project: (project / path).symlink_to(project / target)


def at(path: str, text: str | None, message: str):
    """The expected error: `path:line: message`, the line found by `text` once
    the change is made (None: the error names no line)."""
    return lambda project: f"{path}:{line_of(project / path, text)}: {message}" if text else f"{path}: {message}"


TWIN = "this page has no {} twin → translate it into content/{}/extra.md"
CORPUS = {
    "broken front matter": (
        _replace("content/fr/index.md", "role: shared", "role: [shared"),
        at("content/fr/index.md", "role: [shared", "front matter is not valid YAML: did not find expected ',' or ']' → "
           "fix the YAML between the two '---' lines")),
    "unknown role": (
        _replace("content/es/manager/m4-reality-and-options.md", "role: manager", "role: director"),
        at("content/es/manager/m4-reality-and-options.md", "role: director", "unknown role 'director' → set 'role:' "
           "to one of shared, employee, manager, hr, facilitator")),
    "missing objectives": (
        _replace("content/en/employee/e1-owning-my-career.md", "objectives:", "goals:"),
        lambda project: "\n".join([
            "content/en/employee/e1-owning-my-career.md:1: 'objectives' must list at least one learning objective → "
            "add 'objectives:' with one '- …' line per learning objective",
            at("content/en/employee/e1-owning-my-career.md", "goals:", "unknown front matter key 'goals' → use only "
               "activities, description, duration, module, objectives, role, takeaways, title, translation_of, worksheets")(project)])),
    "bad duration": (
        _replace("content/en/employee/e1-owning-my-career.md", "duration: 45", "duration: soon"),
        at("content/en/employee/e1-owning-my-career.md", "duration: soon", "duration 'soon' is not a positive number "
           "of minutes → write the duration in whole minutes, e.g. 'duration: 45'")),
    "missing worksheet": (
        _replace("content/en/manager/m5-creating-opportunities.md", "opportunity-grid", "opportunity-map"),
        at("content/en/manager/m5-creating-opportunities.md", "opportunity-map", "worksheet 'opportunity-map' does not "
           "exist → use one of the ids in worksheets/ (champion-self-check, check-in, check-in-card, conversation-guide, "
           "conversation-prep, development-menu, …)")),
    "duplicate field id": (
        _replace("worksheets/idp.yml", "id: job-role", "id: name"),
        at("worksheets/idp.yml", "id: name", "")),  # the second 'id: name' line: checked below
    "unknown field type": (
        _replace("worksheets/options.yml", "type: table", "type: spreadsheet"),
        at("worksheets/options.yml", "type: spreadsheet", "unknown field type 'spreadsheet' → use one of short_text, "
           "long_text, rating, single_choice, checklist, table, date, signature")),
    "fuzzy entry": (
        _replace("locales/fr/LC_MESSAGES/sessions.po", '\nmsgid "Break"', '\n#, fuzzy\nmsgid "Break"'),
        at("locales/fr/LC_MESSAGES/sessions.po", 'msgid "Break"', "the entry 'Break' is fuzzy (the English changed) → "
           "check the translation, then remove the '#, fuzzy' line")),
    "broken link": (
        _append("content/fr/glossary.md", "\nVoir [la page](nulle-part.md).\n"),
        at("content/fr/glossary.md", "nulle-part.md", "the link 'nulle-part.md' points to a page that does not exist → "
           "fix the path (relative to this page) or create the page")),
    "missing image": (
        _append("content/en/trust.md", "\n![A diagram](diagram.png)\n"),
        at("content/en/trust.md", "diagram.png", "the image 'diagram.png' does not exist → add content/en/diagram.png "
           "or fix the path")),
    "session that does not add up": (
        _replace("sessions/hr-briefing.yml", "duration: 90", "duration: 95"),
        at("sessions/hr-briefing.yml", "duration: 95", "the segments add up to 90 minutes, but the plan says 95 → make "
           "the segments add up to 95 (choose fewer activities rather than shorter slots), or set 'duration: 90'")),
    "unreadable branding colour": (
        _replace("branding.yml", 'brand: "#1d4f91"', 'brand: "#f0e68c"'),
        at("branding.yml", "#f0e68c", "colour brand #f0e68c has a contrast of 1.28:1 against white; WCAG AA needs "
           "4.5:1 → use a darker shade, e.g. \"#7c7748\"")),
    "link leaving the content folder": (
        _append("content/es/index.md", "\n[fuera](../../../etc/passwd)\n"),
        at("content/es/index.md", "etc/passwd", "the link '../../../etc/passwd' leads outside the content folder → "
           "link only to pages and files inside content/")),
    "symlink leaving the content folder": (
        _symlink("content/en/secrets.md", "mkdocs.yml"),
        at("content/en/secrets.md", None, "this file is a link that leads outside the content folder → copy the file "
           "into content/ instead of linking to it")),
    "empty page": (
        _write("content/fr/champion.md", b""),
        at("content/fr/champion.md", None, "the page is empty → write its content, or delete the file")),
    "page that is not UTF-8": (
        _write("content/es/trust.md", "---\ntitle: Confianza\nrole: shared\n---\n\nCañón\n".encode("cp1252")),
        at("content/es/trust.md", "Ca", "the page is not valid UTF-8 text → save it as UTF-8 in your editor (Save with "
           "encoding → UTF-8)")),
    "very large page": (
        _append("content/en/glossary.md", "Filler words for a page far too large. " * 16000),
        at("content/en/glossary.md", None, "the page is 613 KB, over the 512 KB limit → split it into several pages")),
    "English page without its twins": (
        _write("content/en/extra.md", b"---\ntitle: Extra\nrole: shared\n---\n\nMore.\n"),
        lambda project: "\n".join(["content/en/extra.md: " + TWIN.format("Español", "es"),
                                   "content/en/extra.md: " + TWIN.format("Français", "fr")])),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_each_bad_input_gets_exactly_its_own_message(project, case):
    """One bad input, one error: the file, the line, what is wrong, how to fix it
    (and nothing it would knock on: a broken page still counts as there)."""
    change, expected = CORPUS[case]
    change(project)
    message = expected(project)
    if case == "duplicate field id":
        first = line_of(project / "worksheets/idp.yml", "id: name")
        second = next(n for n, line in enumerate((project / "worksheets/idp.yml").read_text().split("\n"), 1)
                      if "id: name" in line and n != first)
        message = (f"worksheets/idp.yml:{second}: duplicate field id 'name' (first used on line {first}) → give each "
                   "field its own id")
    assert errors_of(project) == message.split("\n")


def test_the_kit_as_it_stands_has_no_content_errors(project):
    """The checks above pass on the real project: they would not fail for nothing."""
    assert errors_of(project) == []


def test_all_content_errors_are_reported_together_and_the_site_kept(project):
    """A real build with several errors: all of them, a non-zero exit, the
    previous site untouched, no half-built folder left."""
    previous_site(project)
    replace(project / "content/en/manager/m1-your-role.md", "role: manager", "role: boss")
    replace(project / "content/fr/hr/h3-tools-and-technology.md", "duration:", "duration: -5\nx_duration:")
    result = run_generator(project, "build", "--no-pdf")
    page = project / "content/fr/hr/h3-tools-and-technology.md"
    assert_failed_cleanly(project, result, "3 content errors:",
                          f"content/en/manager/m1-your-role.md:{line_of(project / 'content/en/manager/m1-your-role.md', 'role: boss')}: unknown role 'boss'",
                          f"content/fr/hr/h3-tools-and-technology.md:{line_of(page, 'duration: -5')}: duration -5 is not a positive number of minutes",
                          f"content/fr/hr/h3-tools-and-technology.md:{line_of(page, 'x_duration')}: unknown front matter key 'x_duration'")


def test_template_error_in_a_generated_page_names_the_template_line(project):
    """An error in a customised kit/ template fails the build, naming the
    template and its line, without a traceback."""
    previous_site(project)
    replace(project / "theme/kit/worksheet.html", "{{ T(ws.intro) }}", "{{ ws.intro.nope.deeper }}")
    result = run_generator(project, "build", "--no-pdf")
    line = line_of(project / "theme/kit/worksheet.html", "ws.intro.nope.deeper")
    assert_failed_cleanly(project, result, f"theme/kit/worksheet.html:{line}: UndefinedError:")
    assert "Traceback" not in result.stderr
