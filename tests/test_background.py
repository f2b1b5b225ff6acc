"""Work run beside the build in forked children: results come back, failures
fail the build with a message, and the site is the same as when everything
runs in one process."""

from __future__ import annotations

import filecmp
import os
import time

import pytest
from mkdocs.exceptions import PluginError

from conftest import copy_project, run_generator
from generator.background import Background, BackgroundError


def _square(n):
    return n * n, os.getpid()


def _fail_plainly():
    raise PluginError("worksheets/x.yml:3: a clear message")


def _crash():
    return {}["missing"]


@pytest.mark.parametrize("parallel", [True, False], ids=["forked", "inline"])
def test_jobs_return_their_results_in_order(parallel):
    background = Background(parallel=parallel)
    jobs = [background.run(_square, n) for n in range(4)]
    background.wait()
    assert [job.result()[0] for job in jobs] == [0, 1, 4, 9]
    pids = {job.result()[1] for job in jobs}
    assert (os.getpid() not in pids) if parallel else (pids == {os.getpid()})


@pytest.mark.parametrize("parallel", [True, False], ids=["forked", "inline"])
def test_a_failure_comes_back_as_a_build_error(parallel):
    background = Background(parallel=parallel)
    fine, plain, crash = background.run(_square, 3), background.run(_fail_plainly), background.run(_crash)
    with pytest.raises(BackgroundError) as raised:
        background.wait()
    # Our own errors keep their message; anything else comes with its traceback.
    assert str(raised.value) == "worksheets/x.yml:3: a clear message"
    assert isinstance(raised.value, PluginError)
    assert fine.result()[0] == 9
    with pytest.raises(BackgroundError, match=r"KeyError: 'missing'"):
        crash.result()
    with pytest.raises(BackgroundError):
        plain.result()


def test_cancel_stops_a_running_child():
    background = Background(parallel=True)
    job = background.run(time.sleep, 30)
    background.cancel()
    with pytest.raises(BackgroundError, match="cancelled"):
        job.result()


def test_the_site_is_the_same_built_in_one_process(tmp_path, monkeypatch):
    """CAREER_KIT_SERIAL=1 runs the background work inline; every file of the
    site must come out byte for byte the same."""
    project = copy_project(tmp_path / "kit")
    run_generator(project, "build", "--no-pdf", "-d", str(tmp_path / "forked"), check=True)
    monkeypatch.setenv("CAREER_KIT_SERIAL", "1")
    run_generator(project, "build", "--no-pdf", "-d", str(tmp_path / "inline"), check=True)
    comparison = filecmp.dircmp(tmp_path / "forked", tmp_path / "inline")
    differing = []

    def walk(node, prefix=""):
        differing.extend(prefix + name for name in node.diff_files + node.left_only + node.right_only)
        for name, sub in node.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison)
    assert not differing
    assert len(list((tmp_path / "forked").rglob("*.html"))) > 150
