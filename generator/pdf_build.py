"""All the PDFs of a build: every worksheet and session plan in every language
on both papers, and the packs (a participant pack per role and a facilitator
pack), assembled from those PDFs rather than rendered again.

Called once per build, after the last language. The HTML of each PDF is
rendered here (cheap); WeasyPrint runs in two long-lived worker processes (one
per core). Each PDF is cached under `.cache/pdf/` by a hash of everything that
goes into it (its HTML, the paper, the stylesheet, the fonts, the versions), so
a rebuild with nothing changed renders none.
"""

from __future__ import annotations

import base64
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from . import cards, catalogs, examples, pdf, render, scoring, sessions, typography
from .context import Formats
from .generated import PAPERS, pack_titles, pdf_file

log = get_plugin_logger(__name__)
RENDER_VERSION = "2"  # bump when pdf.py's post-processing changes
PACK_VERSION = "3"  # bump when pdf.assemble changes
LAST_FIGURES: dict = {}  # the figures of the last build_all, for `python -m generator bench`
PACK_ROLES = {"employee": ("shared", "employee"), "manager": ("shared", "manager"), "hr": ("shared", "hr")}


@dataclass
class Job:
    output: Path  # where the PDF goes in the site
    html: str
    paper: str
    radio_labels: dict
    weight: int  # rough cost, to start the biggest first

    def key(self, fingerprint: str) -> str:
        digest = hashlib.sha256()
        for part in (fingerprint, self.paper, self.html, repr(sorted(self.radio_labels.items()))):
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
    members: list  # [(title, Job)] in order

    def key(self, fingerprint: str) -> str:
        digest = hashlib.sha256(f"{PACK_VERSION}|{self.title}|{self.language}".encode())
        for title, job in self.members:
            digest.update(f"{title}|{job.key(fingerprint)}".encode())
        return "pack-" + digest.hexdigest()[:27]


def plan_for(plugin, site: Path) -> tuple[list[Job], list[Pack]]:
    """Every PDF to render, and every pack to assemble from them."""
    project = plugin.project
    kit_dir = plugin.theme_dir / "kit"
    organisation = project.branding.organisation
    start = plugin.config.session_start
    jobs, packs = [], []
    for language in project.languages:
        translate = catalogs.Translator(project.locales_dir, language.code)
        context = {"_": translate, "T": translate.worksheet, "S": translate.session, "lang": language.code,
                   "ngettext": translate.ngettext, "plural_forms": translate.plural_forms,
                   "organisation": organisation, "kit": Formats(language, translate), "mode": "pdf"}
        finish = typography.for_language(language.code)
        folder = site / language.prefix
        by_paper: dict[str, dict[str, Job]] = {paper: {} for paper in PAPERS}
        titles = {}
        for worksheet_id, definition in project.worksheets.items():
            titles[worksheet_id] = translate.worksheet(definition["title"])
            rules = scoring.client_rules(definition, translate) if "scoring" in definition else None
            html = finish(render.render(kit_dir, "worksheet-pdf.html", ws=definition, rules=rules, **context))
            weight = sum(len(section["fields"]) for section in definition["sections"])
            for paper in PAPERS:
                job = Job(folder / pdf_file(worksheet_id, language.code, paper), html, paper,
                          _radio_labels(definition, translate), weight)
                by_paper[paper][worksheet_id] = job
                jobs.append(job)
            if "example" in definition:  # the worked example: the same form, filled in, outside the packs
                filled = finish(render.render(kit_dir, "worksheet-pdf.html", ws=definition, rules=rules,
                                              values=examples.form_values(definition, translate), **context))
                jobs += [Job(folder / pdf_file(f"{worksheet_id}-example", language.code, paper), filled, paper,
                             _radio_labels(definition, translate), weight) for paper in PAPERS]
        links = {w: {"title": titles[w], "href": ""} for w in project.worksheets}
        plan_jobs: dict[str, dict[str, Job]] = {paper: {} for paper in PAPERS}
        for plan_id, plan in project.sessions.items():
            titles[plan_id] = translate.session(plan["title"])
            html = finish(render.render(kit_dir, "session-pdf.html", plan=plan, start=start,
                                        slots=sessions.timetable(plan, start), materials=sessions.materials(plan),
                                        worksheet_links=links, **context))
            for paper in PAPERS:
                job = Job(folder / pdf_file(f"session-{plan_id}", language.code, paper), html, paper, {}, 30)
                plan_jobs[paper][plan_id] = job
                jobs.append(job)
            if plan.get("cards"):  # the role-play cards its practice uses (cards.py)
                html = finish(render.render(kit_dir, "cards-pdf.html", plan=plan, cards=project.cards, **context))
                jobs += [Job(folder / pdf_file(cards.pdf_name(plan_id), language.code, paper), html, paper, {}, 20)
                         for paper in PAPERS]
        for pack_id, title in pack_titles(translate).items():
            roles = PACK_ROLES.get(pack_id)
            sheets = [w for w, d in project.worksheets.items() if roles is None or d["role"] in roles]
            plans = list(project.sessions) if pack_id == "facilitator" else []
            for paper in PAPERS:
                members = [(titles[p], plan_jobs[paper][p]) for p in plans]
                members += [(titles[w], by_paper[paper][w]) for w in sheets]
                packs.append(Pack(folder / pdf_file(f"pack-{pack_id}", language.code, paper), title,
                                  language.code, members))
    return jobs, packs


def fingerprint(kit_dir: Path) -> str:
    """Everything besides the HTML that changes a PDF: stylesheet, fonts, versions."""
    import weasyprint  # noqa: PLC0415

    digest = hashlib.sha256(f"{weasyprint.__version__}|{RENDER_VERSION}".encode())
    digest.update((kit_dir / "pdf.css").read_bytes())
    for font in sorted((kit_dir.parent / "assets" / "fonts").glob("*.woff2")):
        digest.update(font.read_bytes())
    return digest.hexdigest()


class Progress:
    """A one-line progress bar on a terminal; a line every 10 % otherwise."""

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
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()
        else:
            decile = 10 * self.done // self.total
            if decile != self._last_decile:
                self._last_decile = decile
                log.info(f"{self.label}: {self.done}/{self.total}")


def build_all(plugin, site: Path) -> dict:
    """Render (or take from the cache) every PDF into `site`. Returns figures for the log and the benchmark."""
    started = time.perf_counter()
    kit_dir = plugin.theme_dir / "kit"
    # Tests and CI point CAREER_KIT_CACHE at one folder shared by their many builds.
    cache = Path(os.environ.get("CAREER_KIT_CACHE") or plugin.root / ".cache") / "pdf"
    brand_css = plugin.project.branding.css()
    stamp = fingerprint(kit_dir) + hashlib.sha256(brand_css.encode()).hexdigest()
    jobs, packs = plan_for(plugin, site)
    pending, total_bytes = [], 0
    for job in jobs:
        cached = cache / f"{job.key(stamp)}.pdf"
        if cached.exists():
            job.output.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, job.output)
            total_bytes += cached.stat().st_size
        else:
            pending.append((job, cached))
    rendered = len(pending)
    if pending:
        progress = Progress(len(pending), "Rendering PDFs")
        pending.sort(key=lambda item: -item[0].weight)
        workers = max(1, min(len(pending), os.cpu_count() or 1, 2))
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=pdf.init_worker,
                                 initargs=(str(kit_dir),)) as pool:
            futures = {pool.submit(pdf.render, {"html": job.html, "paper": job.paper, "kit_dir": str(kit_dir),
                                                "cache_path": str(cached), "radio_labels": job.radio_labels,
                                                "brand_css": brand_css}): job
                       for job, cached in pending}
            for future in as_completed(futures):
                job = futures[future]
                cached_path, size = future.result()
                job.output.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(cached_path, job.output)
                total_bytes += size
                progress.step()
    worksheet_bytes = total_bytes
    assembled = 0
    for pack in packs:
        cached = cache / f"{pack.key(stamp)}.pdf"
        if not cached.exists():
            pdf.assemble(pack.title, pack.language, [(title, str(cache / f"{job.key(stamp)}.pdf"))
                                                      for title, job in pack.members], cached)
            assembled += 1
        pack.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, pack.output)
    write_pdf_scripts(plugin.project, site, plugin.theme_dir)
    seconds = time.perf_counter() - started
    figures = {"pdfs": len(jobs) + len(packs), "rendered": rendered, "packs": len(packs), "seconds": seconds,
               "mean_bytes": worksheet_bytes / len(jobs) if jobs else 0}
    log.info(f"PDFs: {len(jobs)} documents and {len(packs)} packs in {seconds:.1f} s "
             f"({rendered} rendered, {assembled} packs assembled, the rest from the cache)")
    LAST_FIGURES.clear()
    LAST_FIGURES.update(figures)
    return figures


PDF_REGISTRY = "careerKitPdfs"  # the global the scripts fill in; assets/js/filled-pdf.js reads it
FONT_FILE = "SourceSans3-400-normal.woff2"  # the font the filled answers are written in


def write_pdf_scripts(project, site: Path, theme_dir: Path) -> None:
    """Each worksheet PDF again as a script beside it (`<pdf>.js`), and the
    kit's font as `assets/fonts/<font>.js`, for "Download my filled PDF".

    The page fills the PDF in the browser; from file:// it cannot fetch or
    XHR the PDF, but it can load a script, which also passes the strict CSP.
    Each script stores the bytes as base64 under the PDF's file name.
    """
    def script(name: str, data: bytes) -> str:
        return (f"window.{PDF_REGISTRY} = window.{PDF_REGISTRY} || {{}};\n"
                f"window.{PDF_REGISTRY}[{json.dumps(name)}] = \"{base64.b64encode(data).decode('ascii')}\";\n")

    for language in project.languages:
        for worksheet_id in project.worksheets:
            for paper in PAPERS:
                path = site / language.prefix / pdf_file(worksheet_id, language.code, paper)
                if path.exists():
                    path.with_name(path.name + ".js").write_text(script(path.name, path.read_bytes()),
                                                                  encoding="ascii")
    font = theme_dir / "assets" / "fonts" / FONT_FILE
    target = site / "assets" / "fonts" / f"{FONT_FILE}.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script(FONT_FILE, font.read_bytes()), encoding="ascii")
