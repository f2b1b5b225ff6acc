"""`make bench` runs (a smoke run: CI has no time for the full one) and
reports the figures against their budgets."""

from __future__ import annotations

import re

from conftest import ROOT, run_generator


def test_bench_smoke_run_reports_page_weight_and_fonts_within_budget():
    result = run_generator(ROOT, "bench", "--smoke", check=True)
    out = result.stdout
    assert "HTML build, every language (PDFs off)" in out
    mean, largest = map(float, re.search(r"mean / max\s+([\d.]+) / ([\d.]+) KB", out).groups())
    assert mean <= 100 and largest <= 150, out  # the largest: the 31-statement Health Check
    fonts = float(re.search(r"Fonts, all\s+([\d.]+) KB", out).group(1))
    assert fonts <= 150
    assert re.search(r"Search index \(fr\)\s+\d+ KB", out)
