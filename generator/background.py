"""A second process for the build's checks and search indexes.

MkDocs renders pages in one thread of Python; the machines the kit is built on
have two cores or more. Three jobs need nothing from the pages still to come,
and nothing in the build needs their results before its end:
- the language checks (every line of the French and Spanish pages and
  catalogs against the termbase, the register and the inclusive-writing rules),
- each language's search index (its sections cut from the rendered pages,
  stemmed, written as a script), from when its last page is rendered, while
  MkDocs puts the pages in the theme and writes them,
- the offline check of each language's pages, once they are written (but the
  last language's: the build checks them with the rest of the site, while the
  worker finishes that language's index).
They run in one worker process while MkDocs goes on, and the build collects
their findings at the end, before the PDFs; `make bench` times
the build with and without it (CAREER_KIT_BACKGROUND=0 does the work in the
build's own process instead).

The worker is spawned, never forked: `serve` has its server and watcher
threads alive, where a fork is unsafe, and spawn exists on every platform.
Starting it costs the build's own process a few milliseconds; the worker's
interpreter starts on the other core. Like the PDF workers, it ends with the
process that started it (`exit_with_parent`).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .errors import ErrorList

VARIABLE = "CAREER_KIT_BACKGROUND"


def children_cpu_seconds() -> float:
    """CPU time of this process's children that have ended (0 where there is no `resource` module: Windows)."""
    try:
        import resource  # noqa: PLC0415
    except ImportError:
        return 0.0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def enabled() -> bool:
    return os.environ.get(VARIABLE, "1") != "0"


class Background:
    """The jobs of one build: started as the build goes, collected by `finish`."""

    def __init__(self):
        self._pool: ProcessPoolExecutor | None = None
        self._checks: list[tuple[str, Task]] = []
        self._closing: threading.Thread | None = None  # the worker's shutdown, when not waited for
        self._exited: tuple[float, float] | None = None  # when it ended, and the CPU seconds it had used
        self.checked: set[str] = set()  # the site's files a job checks for the offline rule

    def run(self, job, *args) -> Task:
        """Start `job(*args)` in the worker (here, when the worker is off); its
        result when the task's `result()` is asked for."""
        if not enabled():
            return Task(None, job, args)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=exit_with_parent)
        try:
            return Task(self._pool.submit(job, *args), job, args)
        except BrokenProcessPool:  # the worker could not start, or died
            return Task(None, job, args)

    def submit(self, what: str, job, *args) -> None:
        """Start a check: `job(*args)` returns an ErrorList, of `what` errors
        ('content', 'offline'), which `finish` returns."""
        self._checks.append((what, self.run(job, *args)))

    def finish(self, wait: bool = True) -> dict[str, ErrorList]:
        """The checks' errors, by what they are (a job's own exception, a bug,
        is raised here); then the worker stops. `wait=False` lets it exit in
        its own time (a tenth to a fifth of a second: its interpreter's
        shutdown); `wait_closed` waits for that."""
        found: dict[str, ErrorList] = {}
        try:
            for what, task in self._checks:
                found.setdefault(what, ErrorList()).extend(task.result())
        finally:
            self.close(wait)
        return found

    def close(self, wait: bool = True) -> None:
        """Stop the worker (a failed build does not wait for its jobs)."""
        self._checks = []
        if self._pool is not None:
            pool, self._pool = self._pool, None
            if wait:
                pool.shutdown(wait=True, cancel_futures=True)
            else:
                self._closing = threading.Thread(target=self._shut_down, args=(pool,), name="background-shutdown",
                                                 daemon=True)
                self._closing.start()

    def _shut_down(self, pool: ProcessPoolExecutor) -> None:
        """Let the worker exit, and keep when it did and its CPU: the system adds
        a child's CPU to its parent's as the child is reaped, here, which is
        often in the middle of the PDFs' stage (`exit_cpu_since`)."""
        before = children_cpu_seconds()
        pool.shutdown(wait=True, cancel_futures=True)
        self._exited = (time.perf_counter(), children_cpu_seconds() - before)

    def exit_cpu_since(self, moment: float) -> float:
        """The CPU seconds of the worker's exit, if it exited after `moment` (a perf_counter time)."""
        exited = self._exited
        return exited[1] if exited is not None and exited[0] > moment else 0.0

    def wait_closed(self) -> None:
        """Return once the worker has exited, and with it the pool's threads
        (the PDF workers fork only where no other thread runs)."""
        if self._closing is not None:
            self._closing.join()
            self._closing = None


class Task:
    """A job started in the worker, or to be done here (`future` None)."""

    _UNSET = object()

    def __init__(self, future: Future | None, job, args: tuple):
        self._future, self._job, self._args = future, job, args
        self._value = self._UNSET

    def result(self):
        if self._value is self._UNSET:
            try:
                self._value = self._future.result() if self._future is not None else self._job(*self._args)
            except BrokenProcessPool:
                # The worker died or could not start: a script that builds the
                # site from its top level, unguarded by `if __name__ ==
                # "__main__"`, is run again by a spawned child, which fails.
                self._value = self._job(*self._args)
        return self._value


def exit_with_parent() -> None:
    """A worker's initializer: the worker ends when the process that started it
    does. A pool's worker holds both ends of its own task queue, so it never
    sees the queue close: `serve` or a build stopped by SIGTERM (a closed
    terminal, a CI timeout) would leave it waiting for tasks for ever, and
    holding the terminal's or the caller's pipe open."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch():
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)  # nothing to hand back to: the parent is gone

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


# -- a job of its own (any module-level function can be one: the worker imports it by name) --

def write_index(index, index_path: Path, site: Path) -> ErrorList:
    """Write a language's search index, then check it for the offline rule."""
    from . import site_checks  # noqa: PLC0415

    index.write(index_path)
    return site_checks.check_files(site, [index_path])
