"""Shared fixtures: real project copies, real builds, a real browser.

Tests that only read a built site share one full build of the project (with
every PDF) per test session; tests that change something build their own copy
in their own temporary folder. Nothing we own is mocked.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.project import copy_sources

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def loaded_plugin():
    """The career-kit plugin of this checkout's mkdocs.yml as a build's start
    leaves it: configured, its project loaded (in-process, no build)."""
    from mkdocs.config import load_config  # noqa: PLC0415

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["career-kit"]
    plugin.on_config(config)
    plugin.on_pre_build(config)
    return plugin


def copy_project(destination: Path) -> Path:
    """A copy of the kit's sources (not its site or caches) to change freely."""
    return copy_sources(ROOT, destination)


def run_generator(project: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    """`python -m generator …` in a project folder, as the Makefile runs it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env,
                            capture_output=True, text=True, timeout=900)
    if check and result.returncode != 0:
        raise AssertionError(f"generator {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def pytest_collection_modifyitems(items):
    """The slow tests first: the workers take tests in this order, and a long
    one started last keeps one worker busy while the other waits."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session", autouse=True)
def shared_pdf_cache(tmp_path_factory):
    """One PDF cache for all the builds of a test run, so that copies of the
    project do not render the same PDFs again. Kept beside the tests' folders."""
    cache = Path(os.environ.get("CAREER_KIT_TEST_CACHE") or ROOT / ".cache" / "tests")
    cache.mkdir(parents=True, exist_ok=True)
    os.environ["CAREER_KIT_CACHE"] = str(cache)
    return cache


def _run_folder(tmp_path_factory) -> Path:
    """The test run's folder, shared by the pytest-xdist workers (each has its own below it)."""
    run_folder = tmp_path_factory.getbasetemp()
    return run_folder.parent if os.environ.get("PYTEST_XDIST_WORKER") else run_folder


@contextlib.contextmanager
def _once_per_run(tmp_path_factory, name: str):
    """Yields the path of a folder and whether to fill it: the first worker to
    get here fills it while the others wait, then find it done."""
    folder = _run_folder(tmp_path_factory) / name
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / ".done"
        if done.exists():
            yield folder, False
            return
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        yield folder, True
        done.touch()


@pytest.fixture(scope="session")
def built_project(tmp_path_factory, shared_pdf_cache) -> Path:
    """The real project, copied and fully built (site, every PDF) once per test
    run, and shared by the pytest-xdist workers. Tests only read it; a test
    that changes the project or builds again uses its own copy or its own site
    folder."""
    with _once_per_run(tmp_path_factory, "shared-build") as (folder, fill):
        if fill:
            copy_project(folder / "kit")
            run_generator(folder / "kit", "build", check=True)
    return folder / "kit"


@pytest.fixture(scope="session")
def packaged(built_project, tmp_path_factory) -> Path:
    """`python -m generator package` of the built project, once per test run:
    the folder holding the zip and the two SCORM zips."""
    with _once_per_run(tmp_path_factory, "shared-dist") as (folder, fill):
        if fill:
            run_generator(built_project, "package", "-o", str(folder), check=True)
    return folder


@pytest.fixture(scope="session")
def no_pdf_site(tmp_path_factory) -> Path:
    """A copy of the kit built without PDFs, once per test run, with text that
    looks like markup in its pages and catalogs (`add_hostile_text`): the tests
    of a site without PDFs and of escaping read it."""
    with _once_per_run(tmp_path_factory, "no-pdf-build") as (folder, fill):
        if fill:
            add_hostile_text(copy_project(folder / "kit"))
            run_generator(folder / "kit", "build", "--no-pdf", check=True)
    return folder / "kit" / "site"


def add_hostile_text(project: Path) -> None:
    """Markup where text belongs: a <script> as a French UI string, an <img>
    that runs code as a Spanish worksheet string and as a Spanish page's title,
    and a note in English text showing HTML to search for."""
    po = project / "locales/fr/LC_MESSAGES/theme.po"
    text, count = re.subn(r'(msgid "Skip to content"\nmsgstr ")[^"]*"', r'\1<script>window.pwned=1</script>"',
                          po.read_text(encoding="utf-8"))
    assert count == 1
    po.write_text(text, encoding="utf-8")
    worksheets_po = project / "locales/es/LC_MESSAGES/worksheets.po"
    text, count = re.subn(r'(msgid "Not at all"\nmsgstr ")[^"]*"', r'\1\\"><img src=x onerror=\\"window.pwned=2\\">"',
                          worksheets_po.read_text(encoding="utf-8"))
    assert count == 1
    worksheets_po.write_text(text, encoding="utf-8")
    page_md = project / "content/es/trust.md"
    page_md.write_text(page_md.read_text(encoding="utf-8").replace(  # the old title becomes a comment
        "title:", 'title: "\\"><img src=x onerror=window.pwned=3>"\n#', 1), encoding="utf-8")
    trust = project / "content" / "en" / "trust.md"
    trust.write_text(trust.read_text(encoding="utf-8") + "\nA zanzibarite note: `<img src=x onerror=\"window.pwned=1\">` "
                     "is how Zanzibarites write it.\n", encoding="utf-8")


@pytest.fixture(scope="session")
def site(built_project) -> Path:
    return built_project / "site"


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the project for a test to change."""
    return copy_project(tmp_path / "kit")


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_folder(folder: Path, port: int | None = None):
    """Serve a folder on a free loopback port; yields the base URL."""
    port = port or free_port()
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt package chromium)")
    with playwright_sync.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
