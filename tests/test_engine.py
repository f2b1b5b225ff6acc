"""The build engine as MkDocs users expect it: validated configuration with
the line of each bad value, the reason of a failure as the last words, other
plugins' additions to the Jinja environment kept, generated pages that
Markdown may link to, and a live preview that shows the current catalogs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from datetime import time as clock
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import free_port

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from generator import background, catalogs, config, render, yamlfile
from generator.cli import main
from generator.context import PageContext


def line_number(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line)


def set_option(project: Path, old: str, new: str) -> Path:
    mkdocs_yml = project / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    assert old in text
    mkdocs_yml.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mkdocs_yml


def build(project: Path, *args: str):
    """`python -m generator build --no-pdf`, in this process."""
    return CliRunner().invoke(main, ["build", "--no-pdf", "-f", str(project / "mkdocs.yml"),
                                     "-d", str(project / "site"), *args])


def last_line(result) -> str:
    return result.output.strip().split("\n")[-1]


def test_clock_time_option_reads_hours_and_minutes():
    """A quoted 24-hour time becomes a time of day."""
    option = config.ClockTime(default="09:00")
    assert option.validate("13:30") == clock(13, 30)
    assert option.validate("9:05") == clock(9, 5)


@pytest.mark.parametrize(("value", "message"), [
    ('"9h"', "'9h' is not a time (HH:MM) → write a 24-hour time in quotes, e.g. \"09:00\" or \"13:30\""),
    ('"25:00"', "'25:00' is not a time (HH:MM) → write a 24-hour time in quotes, e.g. \"09:00\" or \"13:30\""),
    ("13:30", "810 is a number, not a time (YAML reads an unquoted 13:30 as one) → put the time in quotes: \"13:30\""),
])
def test_bad_session_start_names_its_line_and_the_fix(project, value, message):
    """A bad clock time fails before building, with mkdocs.yml's line, and no traceback."""
    mkdocs_yml = set_option(project, 'session_start: "09:00"', f"session_start: {value}")
    result = build(project)
    assert result.exit_code == 1
    line = line_number(mkdocs_yml, "session_start:")
    assert last_line(result) == f"mkdocs.yml:{line}: plugins.career-kit.session_start: {message}"
    assert "Traceback" not in result.output and not (project / "site").exists()


def test_missing_folder_in_config_names_its_line(project):
    """Folders are checked to exist, relative to mkdocs.yml."""
    mkdocs_yml = set_option(project, "      branding: branding.yml", "      branding: branding.yml\n      sessions_dir: plans")
    result = CliRunner().invoke(main, ["check", "-f", str(mkdocs_yml)])
    assert result.exit_code == 1
    assert last_line(result) == (f"mkdocs.yml:{line_number(mkdocs_yml, 'sessions_dir')}: plugins.career-kit.sessions_dir: "
                                 "the folder 'plans' does not exist → create it, or give its path relative to mkdocs.yml")


def test_plugins_in_the_wrong_order_are_explained(project):
    """career-kit reads the i18n plugin's languages, so it must come after it."""
    mkdocs_yml = project / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    i18n, kit = text.split("plugins:\n", 1)[1].split("  - career-kit:")
    mkdocs_yml.write_text(text.split("plugins:\n", 1)[0] + "plugins:\n  - career-kit:" + kit.rstrip("\n") + "\n" + i18n,
                          encoding="utf-8")
    result = build(project)
    assert result.exit_code == 1
    assert last_line(result) == (f"mkdocs.yml:{line_number(mkdocs_yml, '- career-kit:')}: plugins: the 'i18n' plugin "
                                 "(mkdocs-static-i18n) must come before 'career-kit' → list '- i18n:' with its languages "
                                 "above '- career-kit:'")
    assert "Aborted" not in result.output


def test_failed_build_ends_with_its_reason_not_mkdocs_abort(project):
    """The content errors are the last words, said once."""
    page = project / "content/fr/trust.md"
    page.write_text(page.read_text(encoding="utf-8").replace("role: shared", "role: everyone", 1), encoding="utf-8")
    result = build(project)
    assert result.exit_code == 1
    line = line_number(page, "role: everyone")
    reason = (f"content/fr/trust.md:{line}: unknown role 'everyone' → set 'role:' to one of shared, employee, manager, "
              "hr, facilitator")
    assert result.output.endswith(f"1 content error:\n  {reason}\n")
    assert result.output.count(reason) == 1
    assert "Aborted" not in result.output


def test_other_plugins_keep_what_they_add_to_the_jinja_environment(project):
    """A hook's filter and mkdocs-static-i18n's loopcontrols reach our templates."""
    (project / "hooks.py").write_text(
        "from mkdocs.plugins import event_priority\n\n\n"
        "@event_priority(100)  # before ours, as a plugin listed earlier would be\n"
        "def on_env(env, config, files):\n"
        "    env.filters['shout'] = lambda text: str(text).upper() + '!'\n"
        "    return env\n", encoding="utf-8")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    main_html = project / "theme/main.html"
    main_html.write_text(main_html.read_text(encoding="utf-8").replace(
        "{% block meta %}",
        "{% block meta %}\n  <meta name=\"x-test\" content=\"{{ 'kit'|shout }}"
        "{% for n in [1, 2] %}{% if n == 1 %}{% continue %}{% endif %}{{ n }}{% endfor %}\">", 1), encoding="utf-8")
    result = build(project)
    assert result.exit_code == 0, result.output
    assert '<meta name="x-test" content="KIT!2">' in (project / "site/fr/worksheets/idp.html").read_text(encoding="utf-8")
    assert '<meta name="x-test" content="KIT!2">' in (project / "site/trust.html").read_text(encoding="utf-8")


def test_markdown_links_to_generated_pages_are_ordinary_links(project):
    """A worksheet or a session plan is a page like any other: link it, and a
    wrong link to one is caught like any other."""
    for language, words in (("en", "Fill in [the IDP](worksheets/idp.md) and read [the plan](sessions/hr-briefing.md)."),
                            ("fr", "Remplissez [le PDI](worksheets/idp.md)."),
                            ("es", "Rellene [el PDI](worksheets/idp.md).")):
        page = project / f"content/{language}/trust.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")
    assert build(project).exit_code == 0
    assert '<a href="worksheets/idp.html">the IDP</a>' in (project / "site/trust.html").read_text(encoding="utf-8")
    assert '<a href="sessions/hr-briefing.html">the plan</a>' in (project / "site/trust.html").read_text(encoding="utf-8")
    assert '<a href="worksheets/idp.html">le PDI</a>' in (project / "site/fr/trust.html").read_text(encoding="utf-8")
    page = project / "content/es/trust.md"
    page.write_text(page.read_text(encoding="utf-8").replace("worksheets/idp.md", "worksheets/pdi.md"), encoding="utf-8")
    result = build(project)
    assert result.exit_code == 1
    assert f"content/es/trust.md:{line_number(page, 'worksheets/pdi.md')}: the link 'worksheets/pdi.md' points to a page " \
           "that does not exist → fix the path (relative to this page) or create the page" in result.output


@pytest.mark.slow
def test_live_preview_shows_an_edited_french_catalog(project):
    """`serve` rebuilds on a catalog edit, and the French page shows the new words."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/fr/trust.html"
        assert "Aller au contenu" in wait_for(url, lambda page: "Aller au contenu" in page)
        catalog = project / "locales/fr/LC_MESSAGES/theme.po"
        text = catalog.read_text(encoding="utf-8")
        assert 'msgstr "Aller au contenu"' in text
        catalog.write_text(text.replace('msgstr "Aller au contenu"', 'msgstr "Passer au texte"'), encoding="utf-8")
        assert "Passer au texte" in wait_for(url, lambda page: "Passer au texte" in page)
        # A worksheet's form is kept between builds (render.render_data): an
        # edited worksheet string still reaches it.
        form = f"http://127.0.0.1:{port}/fr/worksheets/check-in.html"
        assert "Un regard rapide sur" in wait_for(form, lambda page: "Un regard rapide sur" in page)
        catalog = project / "locales/fr/LC_MESSAGES/worksheets.po"
        text = catalog.read_text(encoding="utf-8")
        catalog.write_text(text.replace('msgstr "Un regard rapide sur', 'msgstr "Un bref regard sur', 1), encoding="utf-8")
        assert "Un bref regard sur" in wait_for(form, lambda page: "Un bref regard sur" in page)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors


def wait_for(url: str, ready, seconds: float = 90) -> str:
    """The page at `url` once `ready(page)` holds (the server builds first)."""
    deadline, page = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if ready(page):
                return page
        except OSError:
            pass
        time.sleep(0.5)
    return page


def test_parsed_yaml_kept_between_builds_is_never_shared_nor_stale():
    text = "title: Owning my career\nobjectives:\n  - Name one goal\n"
    first = yamlfile.loads(text)
    first["objectives"].append("changed by a caller")
    again = yamlfile.loads(text)
    assert again == {"title": "Owning my career", "objectives": ["Name one goal"]}
    assert again.line_of("objectives") == 2  # the lines survive being kept
    edited = yamlfile.loads(text.replace("one goal", "two goals"))
    assert edited["objectives"] == ["Name two goals"]
    for first_line in (4, 9):  # a broken text is never kept: its error, at its line, every time
        with pytest.raises(yamlfile.YamlError) as error:
            yamlfile.loads("title: [unclosed\n", first_line=first_line)
        assert error.value.line == first_line


def test_kept_renders_follow_their_templates_catalogs_and_data(tmp_path):
    """A render kept between builds is given again only for the same template
    sources, catalogs and data; a page's context is refused, not kept."""
    kit = tmp_path / "kit"
    kit.mkdir()
    template = kit / "form.html"
    template.write_text("<p>{{ T(ws.label) }}</p>", encoding="utf-8")

    def translator(goal: str) -> catalogs.Translator:
        catalog = Catalog(locale="fr")
        catalog.add("Goal", goal)
        mo = tmp_path / "locales/fr/LC_MESSAGES/worksheets.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)
        catalogs.load_translations.cache_clear()  # as compile_catalogs does after writing a .mo
        return catalogs.Translator(tmp_path / "locales", "fr")

    french = translator("Objectif")
    first = render.render_data(kit, "form.html", ws={"label": "Goal"}, T=french.worksheet)
    assert first == "<p>Objectif</p>"
    assert render.render_data(kit, "form.html", ws={"label": "Goal"}, T=french.worksheet) is first  # kept
    assert render.render_data(kit, "form.html", ws={"label": "Role"}, T=french.worksheet) == "<p>Role</p>"
    assert render.render_data(kit, "form.html", ws={"label": "Goal"}, T=translator("But").worksheet) == "<p>But</p>"
    template.write_text("<h2>{{ T(ws.label) }}</h2>", encoding="utf-8")
    assert render.render_data(kit, "form.html", ws={"label": "Goal"}, T=french.worksheet) == "<h2>Objectif</h2>"
    # The same size, a nanosecond later: Jinja's float time does not see it, the contents' digest does.
    before = template.stat().st_mtime_ns
    template.write_text("<h3>{{ T(ws.label) }}</h3>", encoding="utf-8")
    os.utime(template, ns=(before + 1, before + 1))
    assert render.render_data(kit, "form.html", ws={"label": "Goal"}, T=french.worksheet) == "<h3>Objectif</h3>"
    page = object.__new__(PageContext)  # knows its page's URL and the whole site: no key can stand for it
    with pytest.raises(TypeError, match="PageContext is not data"):
        render.render_data(kit, "form.html", ws={"label": "Goal"}, T=french.worksheet, kit=page)


def test_cli_reports_a_missing_mkdocs_yml_without_a_traceback(tmp_path):
    """Run where there is no mkdocs.yml: one line says what to do."""
    result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=tmp_path, capture_output=True,
                            text=True, env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent), "PATH": ""})
    assert result.returncode == 1
    assert re.fullmatch(r"mkdocs\.yml: cannot be read: No such file or directory → run the command where mkdocs\.yml "
                        r"is, or give it with -f\n", result.stderr)


def test_work_done_in_the_background_gives_the_same_site(project, monkeypatch):
    """The search indexes and the checks run in a second process while MkDocs
    renders; done in the build's own process instead, the site is byte for byte the same."""
    assert build(project).exit_code == 0
    in_background = {path.relative_to(project / "site"): path.read_bytes()
                     for path in (project / "site").rglob("*") if path.is_file()}
    monkeypatch.setenv(background.VARIABLE, "0")
    assert build(project).exit_code == 0
    in_process = {path.relative_to(project / "site"): path.read_bytes()
                  for path in (project / "site").rglob("*") if path.is_file()}
    assert in_background.keys() == in_process.keys()
    assert [path for path in in_background if in_background[path] != in_process[path]] == []
    assert Path("fr/assets/search-index.js") in in_background


def _workers_of(pid: int) -> set[int]:
    """The multiprocessing workers `pid` has started (from /proc)."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if re.search(rf"^PPid:\s+{pid}$", status.read_text(), re.M) and \
                    b"spawn_main" in (status.parent / "cmdline").read_bytes():
                found.add(int(status.parent.name))
        except OSError:  # it ended meanwhile
            pass
    return found


def _running(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()  # a zombie has ended
    except OSError:
        return False


def test_a_build_stopped_by_sigterm_leaves_no_worker_behind(project):
    """A build (or `serve`) killed by SIGTERM, as a closed terminal or a CI
    timeout does: its background worker ends with it, instead of waiting for
    tasks for ever with the caller's pipe open."""
    builder = subprocess.Popen([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline, workers = time.monotonic() + 60, set()
    while not workers and builder.poll() is None and time.monotonic() < deadline:
        workers = _workers_of(builder.pid)
        time.sleep(0.01)
    assert workers, "the build started no worker"
    time.sleep(0.3)  # the worker is up, at work or waiting for the next task
    builder.terminate()
    builder.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _running(pid)]
    builder.stderr.read()  # every writer of the pipe is gone: no wait here
    builder.stderr.close()


@pytest.mark.skipif(sys.platform == "win32", reason="no children's CPU time without the resource module")
def test_the_background_workers_exit_is_told_apart_from_the_pdfs_cpu(monkeypatch):
    """The system adds the worker's CPU to the build's as the worker exits, often
    during the PDFs' stage; the Background says how much that was, and when, so
    the PDFs' figures leave it out (pdf_build.build_all)."""
    monkeypatch.setenv(background.VARIABLE, "1")
    work = background.Background()
    before = time.perf_counter()
    task = work.run(sum, range(20_000_000))  # about a second of the worker's CPU
    assert task.result() == sum(range(20_000_000))
    work.finish(wait=False)
    work.wait_closed()
    assert work.exit_cpu_since(before) > 0.2
    assert work.exit_cpu_since(time.perf_counter()) == 0.0


def test_background_findings_fail_the_build_with_the_others(project):
    """A rejected term (found in the background) and a page error (found at
    once) are reported together; a catalog whose compiled file is current is
    still checked (its checks run in the background)."""
    assert build(project).exit_code == 0
    catalog = project / "locales/fr/LC_MESSAGES/theme.po"
    compiled = catalog.with_suffix(".mo")
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        '\nmsgid "Skip to content"', '\n#, fuzzy\nmsgid "Skip to content"', 1), encoding="utf-8")
    os.utime(catalog, ns=(compiled.stat().st_mtime_ns - 10**9,) * 2)  # older than its .mo: not compiled again
    result = build(project)
    assert result.exit_code == 1
    line = line_number(catalog, 'msgid "Skip to content"')
    assert f"locales/fr/LC_MESSAGES/theme.po:{line}: the entry " \
           "'Skip to content' is fuzzy (the English changed)" in result.output
    page = project / "content/fr/trust.md"
    page.write_text(page.read_text(encoding="utf-8").replace("role: shared", "role: everyone", 1)
                    + "\nNommez vos forces.\n", encoding="utf-8")
    result = build(project)
    assert result.exit_code == 1
    assert f"content/fr/trust.md:{line_number(page, 'role: everyone')}: unknown role 'everyone'" in result.output
    assert f"content/fr/trust.md:{line_number(page, 'Nommez vos forces')}: 'forces' is a rejected term for " \
           "strengths → use 'points forts'" in result.output
    assert (project / "site/fr/trust.html").exists()  # the previous site, intact


def test_every_languages_pages_are_checked_for_the_offline_rule(project):
    """The worker checks the first languages' pages and MkDocs' process the
    last one's, as the worker finishes its index: a page loading from another
    host is reported in each language."""
    for language in ("en", "fr", "es"):
        page = project / "content" / language / "trust.md"
        page.write_text(page.read_text(encoding="utf-8") + '\n<img src="https://x.example.com/a.png" alt="">\n',
                        encoding="utf-8")
    result = build(project)
    assert result.exit_code == 1
    for shown in ("site/trust.html", "site/fr/trust.html", "site/es/trust.html"):
        assert re.search(rf"{shown}:\d+: <img src> loads from another host: https://x\.example\.com/a\.png → ",
                         result.output), shown
