"""All the PDFs of a build: every worksheet, worked example, session plan and
role-play card sheet in every language on both papers, the content pages the
packs print (packs.py), and the packs (a participant pack per role and a
facilitator pack), assembled from those PDFs rather than rendered again.

Called once per build, after the last language. The HTML of each PDF is
rendered here (cheap); WeasyPrint runs in two long-lived worker processes (one
per core), which lay each document out once and write it on both papers
(pdf.py), then assemble the packs as soon as their documents are there. Each
PDF is cached under `.cache/pdf/` by a hash of everything that goes into it
(its HTML, the paper, the code that makes PDFs, the stylesheet and templates,
the fonts, the libraries' versions), so a rebuild with nothing changed renders
none, and a change to any of that code renders everything again.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from . import background, cards, catalogs, examples, packs, pdf, render, scoring, sessions, typography
from .context import Formats
from .generated import PAPERS, pack_titles, pdf_file

log = get_plugin_logger(__name__)
START_VARIABLE = "CAREER_KIT_PDF_START"  # forces the worker pool's start method: fork, forkserver or spawn
LAST_FIGURES: dict = {}  # the figures of the last build_all, for `python -m generator bench`


@dataclass
class Job:
    output: Path | None  # where the PDF goes in the site (None: it goes into packs only)
    html: str
    paper: str
    radio_labels: dict
    weight: int  # rough cost, to start the biggest first
    language: str = ""  # to render one language after the other, so its packs can start early

    def key(self, stamp: str) -> str:
        digest = hashlib.sha256()
        for part in (stamp, self.paper, self.html, repr(sorted(self.radio_labels.items()))):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()[:32]


def _radio_labels(definition, translate) -> dict:
    labels = {}
    for section in definition["sections"]:
        for field in section["fields"]:
            if field["type"] in ("rating", "single_choice"):
                labels[f"{definition['id']}.{field['id']}"] = translate.worksheet(field["label"])
    return labels


@dataclass
class Pack:
    output: Path
    title: str
    language: str
    members: list  # [(bookmark title, Job, what its fields are renamed to or "")] in order
    paper: str = pdf.LAYOUT_PAPER
    # On the layout paper: the same pack on the other papers, moved from this one as it is made (pdf.assemble).
    moved: list[Pack] = dataclasses.field(default_factory=list)

    def key(self, stamp: str) -> str:
        digest = hashlib.sha256(f"{self.title}|{self.language}".encode())
        for title, job, fields_as in self.members:
            digest.update(f"{title}|{job.key(stamp)}|{fields_as}".encode())
        return "pack-" + digest.hexdigest()[:27]


def plan_for(plugin, site: Path) -> tuple[list[Job], list[Pack]]:
    """Every PDF to render, and every pack to assemble from them (packs.py says what each holds)."""
    jobs, all_packs = [], []
    for language in plugin.project.languages:
        language_jobs, language_packs = plan_language(plugin, site, language)
        jobs += language_jobs
        all_packs += language_packs
    return jobs, all_packs


def plan_language(plugin, site: Path, language) -> tuple[list[Job], list[Pack]]:
    """One language's PDFs and packs."""
    translate = catalogs.Translator(plugin.project.locales_dir, language.code)
    folder = site / language.prefix
    documents = _documents(plugin, language, translate, folder)
    jobs = [job for _, by_paper in documents.values() for job in by_paper.values()]
    language_packs = []
    for pack_id, title in pack_titles(translate).items():
        members = [member for member in packs.documents(pack_id, plugin.project) if member in documents]
        on_paper = {paper: Pack(folder / pdf_file(f"pack-{pack_id}", language.code, paper), title, language.code,
                                [(documents[member][0], documents[member][1][paper],
                                  f"{member[1]}-example" if member[0] == "example" else "") for member in members],
                                paper)
                    for paper in PAPERS}
        # Assembled once, on the paper the documents are laid out on; moved onto the others.
        on_paper[pdf.LAYOUT_PAPER].moved = [pack for paper, pack in on_paper.items() if paper != pdf.LAYOUT_PAPER]
        language_packs += on_paper.values()
    return jobs, language_packs


def _documents(plugin, language, translate, folder: Path) -> dict[tuple[str, str], tuple[str, dict[str, Job]]]:
    """Every document of one language that is rendered, in order: (kind, id)
    (the kinds of packs.documents) → (its bookmark's title, {paper: Job})."""
    project = plugin.project
    kit_dir = plugin.theme_dir / "kit"
    start = plugin.config.session_start
    context = {"_": translate, "T": translate.worksheet, "S": translate.session, "lang": language.code,
               "ngettext": translate.ngettext, "plural_forms": translate.plural_forms,
               "organisation": project.branding.organisation, "kit": Formats(language, translate), "mode": "pdf"}
    finish = typography.for_language(language.code)
    documents: dict[tuple[str, str], tuple[str, dict[str, Job]]] = {}

    def add(kind: str, name: str, title: str, file: str | None, html: str, weight: int, labels=None) -> None:
        """A document on both papers; `file` is its name in the site (None: it goes into packs only)."""
        documents[kind, name] = (title, {paper: Job(folder / pdf_file(file, language.code, paper) if file else None,
                                                    html, paper, labels or {}, weight, language.code)
                                         for paper in PAPERS})

    titles = {}
    for worksheet_id, definition in project.worksheets.items():
        titles[worksheet_id] = translate.worksheet(definition["title"])
        rules = scoring.client_rules(definition, translate) if "scoring" in definition else None
        html = finish(render.render_data(kit_dir, "worksheet-pdf.html", ws=definition, rules=rules, **context))
        weight = sum(len(section["fields"]) for section in definition["sections"])
        labels = _radio_labels(definition, translate)
        add("worksheet", worksheet_id, titles[worksheet_id], worksheet_id, html, weight, labels)
        if "example" in definition:  # the worked example: the same form, filled in
            filled = finish(render.render_data(kit_dir, "worksheet-pdf.html", ws=definition, rules=rules,
                                               values=examples.form_values(definition, translate), **context))
            add("example", worksheet_id, translate("%(title)s: worked example", title=titles[worksheet_id]),
                f"{worksheet_id}-example", filled, weight, labels)
    links = {w: {"title": titles[w], "href": ""} for w in project.worksheets}
    for plan_id, plan in project.sessions.items():
        title = translate.session(plan["title"])
        html = finish(render.render_data(kit_dir, "session-pdf.html", plan=plan, start=start,
                                         slots=sessions.timetable(plan, start), materials=sessions.materials(plan),
                                         worksheet_links=links, **context))
        add("plan", plan_id, title, f"session-{plan_id}", html, 30)
        if plan.get("cards"):  # the role-play cards its practice uses (cards.py)
            html = finish(render.render_data(kit_dir, "cards-pdf.html", plan=plan, cards=project.cards, **context))
            add("cards", plan_id, translate("Role-play cards: %(plan)s", plan=title), cards.pdf_name(plan_id), html, 20)
    # The content pages packs print, as the plugin kept them (packs.capture): in packs only, not on their own.
    captured = getattr(plugin, "pack_pages", {})
    for path in sorted(packs.PAGES):
        page = captured.get((language.code, path))
        if page is not None:
            html = render.render_data(kit_dir, "page-pdf.html", page_title=page.title, body=packs.print_body(page.html),
                                      **{**context, "lang": page.language})
            add("page", path, page.title, None, typography.for_language(page.language)(html), len(page.html) // 400)
    return documents


def pdf_code_stamp(kit_dir: Path, code_dir: Path = Path(__file__).parent) -> str:
    """Everything besides the HTML that changes a PDF: the code that makes PDFs
    (generator/pdf*.py), the kit's PDF templates and stylesheet, the fonts, and
    the versions of the libraries that write them. Hashed rather than versioned
    by hand, so a change there can never be hidden by an old cached PDF."""
    from importlib.metadata import version  # noqa: PLC0415

    digest = hashlib.sha256("|".join(version(name) for name in ("weasyprint", "pydyf", "pikepdf", "tinyhtml5")).encode())
    files = [*sorted(code_dir.glob("pdf*.py")), *sorted(kit_dir.glob("*pdf*")),
             *sorted((kit_dir.parent / "assets" / "fonts").glob("*.woff2"))]
    for path in files:
        digest.update(f"\0{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def start_method() -> str:
    """How to start the PDF workers: 'fork' where it is safe (Linux, no other
    thread alive: `serve` has its server and watcher threads), else
    'forkserver' where it exists, else 'spawn' (Windows). CAREER_KIT_PDF_START
    forces one, so the tests can run the pool each way."""
    available = multiprocessing.get_all_start_methods()
    forced = os.environ.get(START_VARIABLE)
    if forced:
        if forced not in available:
            raise PluginError(f"{START_VARIABLE}={forced}: not a start method on this platform "
                              f"→ use one of {', '.join(available)}, or unset it")
        return forced
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in available else "spawn"


def _publish(cached: Path, output: Path) -> None:
    """Copy a cached PDF into the site (a copy, not a link: whatever is done
    to the site's file must not reach the cache)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, output)


class Progress:
    """A one-line progress bar on a terminal; a line every 10 % otherwise.
    The total may grow as work is found (`total += n`)."""

    def __init__(self, total: int, label: str = "PDFs"):
        self.total, self.done, self.label = total, 0, label
        self.tty = sys.stderr.isatty()
        self.started = time.perf_counter()
        self._last_decile = -1

    def step(self) -> None:
        self.done += 1
        if self.tty:
            filled = int(30 * self.done / self.total)
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            sys.stderr.flush()
        else:
            decile = 10 * self.done // self.total
            if decile != self._last_decile:
                self._last_decile = decile
                log.info(f"{self.label}: {self.done}/{self.total}")

    def close(self) -> None:
        if self.tty and self.done:
            sys.stderr.write("\n")


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the
    benchmark's measure beside wall time, steadier on a shared machine);
    this process's alone where there is no `resource` module (Windows)."""
    return time.process_time() + background.children_cpu_seconds()


def build_all(plugin, site: Path, build_worker=None) -> dict:
    """Render (or take from the cache) every PDF into `site`. Returns figures for the log and the benchmark,
    and under "scripts" the PDFs' scripts written (write_pdf_scripts). `build_worker`, the build's
    background.Background if given, is waited for before the worker processes start (if any do).

    One language after the other: its HTML is rendered here, then its
    documents go to the workers, the biggest first, while the next language's
    HTML is rendered; each pack is assembled as soon as its documents are there.
    """
    started, cpu_started = time.perf_counter(), cpu_seconds()
    kit_dir = plugin.theme_dir / "kit"
    # Tests and CI point CAREER_KIT_CACHE at one folder shared by their many builds.
    cache = Path(os.environ.get("CAREER_KIT_CACHE") or plugin.root / ".cache") / "pdf"
    brand_css = plugin.project.branding.css()
    stamp = pdf_code_stamp(kit_dir) + hashlib.sha256(brand_css.encode()).hexdigest()
    jobs, all_packs = [], []
    cached_path: dict[int, Path] = {}
    done: set[int] = set()  # the jobs whose PDF is there (by id)
    # Packs to make: [(a pack on the layout paper, [(it and each pack moved from it, its cache path)],
    # the jobs it waits for)].
    waiting = []
    running: dict = {}
    progress = Progress(0, "Rendering PDFs")
    pool, method = None, None  # the workers start with the first document or pack to make
    rendered = assembled = 0
    # Waiting for the build's background worker to exit is not the PDFs' time, nor is that worker's
    # CPU, which is counted when it exits, often during this stage: the figures leave both out.
    waited = 0.0

    def submit(*call):
        nonlocal pool, method, waited
        if pool is None:
            if build_worker is not None:
                waiting_since = time.perf_counter()
                build_worker.wait_closed()
                waited = time.perf_counter() - waiting_since
            method = start_method()
            context = multiprocessing.get_context(method)
            pool = ProcessPoolExecutor(max_workers=max(1, min(os.cpu_count() or 1, 2)), mp_context=context,
                                       initializer=pdf.init_worker, initargs=(str(kit_dir),))
        return pool.submit(*call)

    def submit_ready_packs() -> None:
        """Each pack as soon as what it is made from is there, the biggest first."""
        ready = [item for item in waiting if item[2] <= done]
        for item in sorted(ready, key=lambda item: -len(item[0].members)):
            waiting.remove(item)
            pack, on_papers, _ = item
            future = submit(pdf.assemble, pack.title, pack.language,
                            [(title, str(cached_path[id(job)]), fields_as) for title, job, fields_as in pack.members],
                            {each.paper: str(path) for each, path in on_papers})
            running[future] = ("pack", on_papers)

    def job_done(job: Job) -> None:
        """A document's PDF is in the cache: into the site (unless it goes into packs only)."""
        if job.output is not None:
            _publish(cached_path[id(job)], job.output)
        done.add(id(job))

    def collect(block: bool) -> None:
        """Publish what the workers finished (all of it, if `block`), and start the packs it made ready."""
        while running:
            finished, _ = wait(running, timeout=None if block else 0, return_when=FIRST_COMPLETED)
            if not finished:
                return
            for future in finished:
                kind, *what = running.pop(future)
                future.result()
                progress.step()
                if kind == "pack":
                    for pack, cached in what[0]:
                        _publish(cached, pack.output)
                    continue
                for job in what[0]:
                    job_done(job)
            submit_ready_packs()

    try:
        for language in plugin.project.languages:
            language_jobs, language_packs = plan_language(plugin, site, language)
            jobs += language_jobs
            all_packs += language_packs
            # A document is laid out once for both papers: its jobs share their HTML.
            documents: dict[tuple, list[Job]] = {}
            for job in language_jobs:
                cached_path[id(job)] = cache / f"{job.key(stamp)}.pdf"
                documents.setdefault((job.html, repr(sorted(job.radio_labels.items()))), []).append(job)
            pending = []
            for group in documents.values():
                if all(cached_path[id(job)].exists() for job in group):
                    for job in group:
                        job_done(job)
                else:
                    pending.append(group)
            new_waiting = []
            for pack in language_packs:
                if pack.paper != pdf.LAYOUT_PAPER:
                    continue  # made with the pack on the layout paper it is moved from
                # Made together, all or none: written on the layout paper, then moved onto the others.
                on_papers = [(each, cache / f"{each.key(stamp)}.pdf") for each in (pack, *pack.moved)]
                if all(cached.exists() for _, cached in on_papers):
                    for each, cached in on_papers:
                        _publish(cached, each.output)
                else:
                    new_waiting.append((pack, on_papers, {id(job) for _, job, _ in pack.members} - done))
            waiting += new_waiting
            rendered += sum(len(group) for group in pending)
            assembled += sum(len(on_papers) for _, on_papers, _ in new_waiting)
            progress.total += len(pending) + len(new_waiting)
            for group in sorted(pending, key=lambda group: -group[0].weight):
                running[submit(pdf.render, {"html": group[0].html, "kit_dir": str(kit_dir),
                                            "cache_paths": {j.paper: str(cached_path[id(j)]) for j in group},
                                            "radio_labels": group[0].radio_labels, "brand_css": brand_css})] = (
                    "document", group)
            submit_ready_packs()
            collect(block=False)
        collect(block=True)
        progress.close()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    scripts = write_pdf_scripts(plugin.project, site, plugin.theme_dir,
                                {job.output: cached_path[id(job)] for job in jobs})
    total_bytes = sum(cached_path[id(job)].stat().st_size for job in jobs)
    seconds = time.perf_counter() - started - waited
    not_ours = build_worker.exit_cpu_since(started) if build_worker is not None else 0.0
    figures = {"pdfs": len(jobs) + len(all_packs), "rendered": rendered, "packs": len(all_packs), "seconds": seconds,
               "cpu_seconds": cpu_seconds() - cpu_started - not_ours,
               "mean_bytes": total_bytes / len(jobs) if jobs else 0,
               "pack_bytes": sum(pack.output.stat().st_size for pack in all_packs),
               "start_method": method,
               "scripts": scripts,
               # for the benchmark's floor: the same documents through bare WeasyPrint
               "documents": [(job.html, job.paper) for job in jobs], "kit_dir": str(kit_dir), "brand_css": brand_css}
    workers_note = f" by {method} workers" if method else ""
    log.info(f"PDFs: {len(jobs)} documents and {len(all_packs)} packs in {seconds:.1f} s "
             f"({rendered} rendered, {assembled} packs assembled{workers_note}, the rest from the cache)")
    LAST_FIGURES.clear()
    LAST_FIGURES.update(figures)
    return figures


PDF_REGISTRY = "careerKitPdfs"  # the global the scripts fill in; assets/js/filled-pdf.js reads it
FONT_FILE = "SourceSans3-400-normal.woff2"  # the font the filled answers are written in


def write_pdf_scripts(project, site: Path, theme_dir: Path, cached: dict[Path, Path]) -> list[Path]:
    """Each worksheet PDF again as a script beside it (`<pdf>.js`), and the
    kit's font as `assets/fonts/<font>.js`, for "Download my filled PDF".

    The page fills the PDF in the browser; from file:// it cannot fetch or
    XHR the PDF, but it can load a script, which also passes the strict CSP.
    Each script stores the bytes as base64 under the PDF's file name. The
    scripts are kept in the cache beside their PDF (`cached`: the site's PDF →
    its cached copy): encoding them again took half a second of every build.
    Returns the PDFs' scripts written.
    """
    def script(name: str, data: bytes) -> str:
        return (f"window.{PDF_REGISTRY} = window.{PDF_REGISTRY} || {{}};\n"
                f"window.{PDF_REGISTRY}[{json.dumps(name)}] = \"{base64.b64encode(data).decode('ascii')}\";\n")

    written = []
    for language in project.languages:
        for worksheet_id in project.worksheets:
            for paper in PAPERS:
                path = site / language.prefix / pdf_file(worksheet_id, language.code, paper)
                if path not in cached:
                    continue
                kept = cached[path].with_name(f"{cached[path].stem}-{path.name}.js")
                if not kept.exists():
                    temporary = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")  # builds may share the cache
                    temporary.write_text(script(path.name, path.read_bytes()), encoding="ascii")
                    os.replace(temporary, kept)
                _publish(kept, path.with_name(path.name + ".js"))
                written.append(path.with_name(path.name + ".js"))
    font = theme_dir / "assets" / "fonts" / FONT_FILE
    target = site / "assets" / "fonts" / f"{FONT_FILE}.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script(FONT_FILE, font.read_bytes()), encoding="ascii")
    return written
