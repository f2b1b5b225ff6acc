"""Work that runs beside the build, on the machine's other core.

mkdocs-static-i18n builds the languages one after the other, in one process.
Much of our own work needs nothing more from MkDocs once it can start:
loading the catalogs and definitions, rendering a language's generated pages,
writing its search index. Each runs in a forked child while MkDocs goes on. The build waits for every child before it finishes, and a child's failure
fails the build like any other error.

Where fork is not available (Windows, macOS), or with CAREER_KIT_SERIAL=1
(for profiling and debugging), the work simply runs inline.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import MkDocsException, PluginError

FORK = (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
        and os.environ.get("CAREER_KIT_SERIAL") != "1")


class BackgroundError(PluginError):
    """A child's error as text (exceptions do not cross processes intact): its
    message for an error we raised on purpose, the template and line for an
    error in a template, the whole traceback for anything else."""


def _failure() -> str:
    error = sys.exc_info()[1]
    if isinstance(error, MkDocsException):
        return str(error)
    # An error in a template is told where it is in the template, not in Jinja.
    in_templates = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".html")]
    if in_templates:
        return f"{in_templates[-1].filename}:{in_templates[-1].lineno}: {type(error).__name__}: {error}"
    return traceback.format_exc()


def _child(connection, function, args) -> None:
    # A child lives for a fraction of a second: collecting garbage would only
    # walk the parent's objects and copy the memory pages it shares with it.
    gc.disable()
    try:
        outcome = (True, function(*args))
    except BaseException:  # noqa: BLE001 (everything goes back to the parent)
        outcome = (False, _failure())
    try:
        connection.send(outcome)
    finally:
        connection.close()


class Job:
    """One piece of work: running in a child, or already done inline."""

    def __init__(self, function: Callable, args: tuple, parallel: bool):
        self._process = self._connection = None
        self._outcome: tuple[bool, Any] | None = None
        if not parallel:
            try:
                self._outcome = (True, function(*args))
            except Exception:  # noqa: BLE001 (reported by result(), as from a child)
                self._outcome = (False, _failure())
            return
        receive, send = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.get_context("fork").Process(target=_child, args=(send, function, args),
                                                                   daemon=True)
        self._process.start()
        send.close()
        self._connection = receive

    def result(self) -> Any:
        """Wait for the work and return what it returned; raise if it failed."""
        if self._outcome is None:
            try:
                self._outcome = self._connection.recv()
            except EOFError:
                self._outcome = (False, f"a background process ended without an answer "
                                        f"(exit code {self._process.exitcode})")
            finally:
                self._connection.close()
                self._process.join()
        ok, value = self._outcome
        if not ok:
            raise BackgroundError(value)
        return value

    def kill(self) -> None:
        if self._process is not None and self._outcome is None:
            self._process.kill()
            self._process.join()
            self._connection.close()
            self._outcome = (False, "cancelled")


class Background:
    """Starts jobs, and keeps them so that none is forgotten."""

    def __init__(self, parallel: bool = FORK):
        self.parallel = parallel
        self._jobs: list[Job] = []

    def run(self, function: Callable, *args) -> Job:
        job = Job(function, args, self.parallel)
        self._jobs.append(job)
        return job

    def wait(self) -> None:
        """Wait for every job; raise the first failure once all have ended."""
        jobs, self._jobs = self._jobs, []
        failure = None
        for job in jobs:
            try:
                job.result()
            except BackgroundError as error:
                failure = failure or error
        if failure is not None:
            raise failure

    def cancel(self) -> None:
        """Stop every job still running (the build failed elsewhere)."""
        for job in self._jobs:
            job.kill()
        self._jobs = []
