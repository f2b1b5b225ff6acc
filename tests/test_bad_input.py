"""Bad input ends the build with a clear message (file, line, fix), a non-zero
exit, and the previous site/ untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_generator


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


def test_broken_front_matter_names_file_and_line(project):
    previous_site(project)
    replace(project / "content/fr/employee/e2-what-matters.md", "role: employee", "role: [employee")
    result = run_generator(project, "build", "--no-pdf")
    assert_failed_cleanly(project, result, "content/fr/employee/e2-what-matters.md:", "front matter is not valid YAML")


def test_link_to_missing_page_names_file_and_line(project):
    previous_site(project)
    page = project / "content/es/employee/e1-owning-my-career.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("## ")) + 2
    lines.insert(number - 1, "Vea [la página perdida](no-existe.md).")
    page.write_text("\n".join(lines), encoding="utf-8")
    result = run_generator(project, "build", "--no-pdf")
    assert_failed_cleanly(project, result, f"content/es/employee/e1-owning-my-career.md:{number}:",
                          "'no-existe.md' points to a page that does not exist")


def test_english_page_without_twins_fails(project):
    previous_site(project)
    (project / "content/en/extra.md").write_text("---\ntitle: Extra\nrole: shared\n---\n\nMore.\n", encoding="utf-8")
    result = run_generator(project, "build", "--no-pdf")
    assert_failed_cleanly(project, result,
                          "content/en/extra.md: this page has no Français twin → translate it into content/fr/extra.md",
                          "content/en/extra.md: this page has no Español twin → translate it into content/es/extra.md")


def test_all_content_errors_are_reported_together(project):
    previous_site(project)
    replace(project / "content/en/manager/m1-your-role.md", "role: manager", "role: boss")
    replace(project / "content/fr/hr/h3-tools-and-technology.md", "duration:", "duration: -5\nx_duration:")
    result = run_generator(project, "build", "--no-pdf")
    assert_failed_cleanly(project, result, "content/en/manager/m1-your-role.md:4: unknown role 'boss'",
                          "content/fr/hr/h3-tools-and-technology.md:", "duration -5 is not a positive number of minutes",
                          "unknown front matter key 'x_duration'")


@pytest.mark.parametrize("change, expected", [
    (("role: employee", "role: visitor"), "unknown role 'visitor'"),
    (("objectives:", "goals:"), "'objectives' must list at least one learning objective"),
    (("worksheets: [check-in]", "worksheets: [check-out]"), "worksheet 'check-out' does not exist"),
    (("duration: 45", "duration: soon"), "duration 'soon' is not a positive number of minutes"),
])
def test_front_matter_schema_errors(project, change, expected):
    """An unknown role, missing objectives, a missing worksheet, a bad duration."""
    replace(project / "content/en/employee/e1-owning-my-career.md", *change)
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "content/en/employee/e1-owning-my-career.md:" in result.stderr
    assert expected in result.stderr


def test_session_plan_that_does_not_add_up(project):
    replace(project / "sessions/hr-briefing.yml", "duration: 90", "duration: 95")
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "sessions/hr-briefing.yml:" in result.stderr
    assert "the segments add up to 90 minutes, but the plan says 95" in result.stderr


def test_page_that_is_not_utf8(project):
    (project / "content/fr/trust.md").write_bytes("---\ntitle: Confiance\nrole: shared\n---\n\nÉté\n".encode("latin-1"))
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "content/fr/trust.md:6: the page is not valid UTF-8 text" in result.stderr


def test_empty_page(project):
    (project / "content/es/glossary.md").write_text("\n", encoding="utf-8")
    result = run_generator(project, "check")
    assert "content/es/glossary.md: the page is empty" in result.stderr


def test_link_leaving_the_content_folder(project):
    page = project / "content/en/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[secret](../../mkdocs.yml)\n", encoding="utf-8")
    (project / "content/fr/leak.md").symlink_to(project / "mkdocs.yml")
    result = run_generator(project, "check")
    assert "the link '../../mkdocs.yml' leads outside the content folder" in result.stderr
    assert "content/fr/leak.md: this file is a link that leads outside the content folder" in result.stderr


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


CORPUS = {
    "broken front matter": (_replace("content/fr/index.md", "role: shared", "role: [shared"), "content/fr/index.md:"),
    "unknown role": (_replace("content/es/manager/m4-reality-and-options.md", "role: manager", "role: director"),
                     "content/es/manager/m4-reality-and-options.md:"),
    "missing worksheet": (_replace("content/en/manager/m5-creating-opportunities.md", "opportunity-grid", "opportunity-map"),
                          "content/en/manager/m5-creating-opportunities.md:"),
    "duplicate field id": (_replace("worksheets/idp.yml", "id: job-role", "id: name"), "worksheets/idp.yml:"),
    "unknown field type": (_replace("worksheets/options.yml", "type: table", "type: spreadsheet"), "worksheets/options.yml:"),
    "placeholder mismatch": (_replace("locales/es/LC_MESSAGES/theme.po", "%(count)s páginas", "%(total)s páginas"),
                             "locales/es/LC_MESSAGES/theme.po:"),
    "fuzzy entry": (_replace("locales/fr/LC_MESSAGES/sessions.po", '\nmsgid "Break"', '\n#, fuzzy\nmsgid "Break"'),
                    "locales/fr/LC_MESSAGES/sessions.po:"),
    "broken link": (_append("content/fr/glossary.md", "\nVoir [la page](nulle-part.md).\n"), "content/fr/glossary.md:"),
    "missing image": (_append("content/en/trust.md", "\n![A diagram](diagram.png)\n"), "content/en/trust.md:"),
    "session that does not add up": (_replace("sessions/manager-half-day.yml", "minutes: 5\n", "minutes: 10\n"),
                                     "sessions/manager-half-day.yml:"),
    "unreadable branding colour": (_replace("branding.yml", 'brand: "#1d4f91"', 'brand: "#f0e68c"'), "branding.yml:"),
    "link leaving the content folder": (_append("content/es/index.md", "\n[fuera](../../../etc/passwd)\n"),
                                        "content/es/index.md:"),
    "symlink leaving the content folder": (_symlink("content/en/secrets.md", "mkdocs.yml"),
                                           "content/en/secrets.md"),
    "empty page": (_write("content/fr/champion.md", b""), "content/fr/champion.md"),
    "page that is not UTF-8": (_write("content/es/trust.md", "---\ntitle: Confianza\nrole: shared\n---\n\nCañón\n".encode("cp1252")),
                               "content/es/trust.md:"),
    "very large page": (_append("content/en/glossary.md", "Filler words for a page far too large. " * 16000),
                        "content/en/glossary.md"),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_robustness_corpus(project, case):
    """Each bad input: a clear error naming the file, a non-zero exit, the previous site intact."""
    change, where = CORPUS[case]
    previous_site(project)
    change(project)
    result = run_generator(project, "build", "--no-pdf")
    assert_failed_cleanly(project, result, where, "→")


def test_template_error_in_a_generated_page_names_the_template_line(project):
    """Worksheet pages are rendered in a background process: an error in a
    customised template still fails the build, naming the template and line."""
    previous_site(project)
    replace(project / "theme/kit/worksheet.html", "{{ T(ws.intro) }}", "{{ ws.intro.nope.deeper }}")
    result = run_generator(project, "build", "--no-pdf")
    assert_failed_cleanly(project, result, "theme/kit/worksheet.html:6: UndefinedError:")
    assert "Traceback" not in result.stderr


def test_link_to_a_generated_worksheet_page_says_how_to_list_it(project):
    previous_site(project)
    with (project / "content/en/employee/e7-planning-and-preparing.md").open("a", encoding="utf-8") as page:
        page.write("\nFill in [the plan](../worksheets/idp.md).\n")
    result = run_generator(project, "build", "--no-pdf")
    assert_failed_cleanly(project, result, "content/en/employee/e7-planning-and-preparing.md:",
                          "points to a generated page → list worksheets in the front matter")
