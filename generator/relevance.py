"""Search relevance: the queries of tests/relevance/<lang>.yml ranked by the
site's own search code, for `bench` and tests/test_search.py.

The ranking runs in Node.js on a built site: the language's search-index.js
and theme/assets/js/search.js are evaluated as a browser would (plain
scripts), so the figures are those of the code readers get.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

RELEVANCE = Path(__file__).resolve().parent.parent / "tests" / "relevance"
ENGINE = Path(__file__).resolve().parent.parent / "theme" / "assets" / "js" / "search.js"

# Reads {index, engine, queries} on stdin; prints, for each query, the URLs
# (page#section) of the best section of the first three pages, and how long
# building the engine and each query took.
RUNNER = r"""
const vm = require("vm");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
globalThis.window = globalThis;
vm.runInThisContext(require("fs").readFileSync(input.index, "utf8"));
vm.runInThisContext(require("fs").readFileSync(input.engine, "utf8"));
let started = process.hrtime.bigint();
const engine = careerKitSearch.engine(careerKitSearchIndex);
const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
const results = input.queries.map((query) => {
  started = process.hrtime.bigint();
  const found = engine.search(query, false);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return {query, ms, top: found.slice(0, 3).map((r) => engine.describe(r.sections[0].section).url)};
});
process.stdout.write(JSON.stringify({loadMs, results}));
"""


@dataclass
class Rates:
    language: str
    queries: int
    first: int  # answered by the first result
    top3: int  # answered by one of the first three
    misses: list[tuple[str, list[str], list[str]]]  # query, answers, first three found
    load_ms: float
    query_ms: float  # the slowest query

    @property
    def first_rate(self) -> float:
        return self.first / self.queries

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.queries


def load_set(language: str) -> list[dict]:
    return yaml.safe_load((RELEVANCE / f"{language}.yml").read_text(encoding="utf-8"))


def measure(site: Path, language: str, prefix: str) -> Rates:
    """Rank `language`'s relevance set against the index of a built `site`."""
    cases = load_set(language)
    request = {"index": str(site / prefix / "assets" / "search-index.js"), "engine": str(ENGINE),
               "queries": [case["query"] for case in cases]}
    output = subprocess.run(["node", "-e", RUNNER], input=json.dumps(request), capture_output=True, text=True,
                            check=True, timeout=120).stdout
    ranked = json.loads(output)
    first = top3 = 0
    misses = []
    for case, result in zip(cases, ranked["results"], strict=True):
        answers = [str(answer) for answer in case["answers"]]
        first += bool(result["top"]) and result["top"][0] in answers
        found = any(url in answers for url in result["top"])
        top3 += found
        if not result["top"] or result["top"][0] not in answers:
            misses.append((case["query"], answers, result["top"]))
    return Rates(language, len(cases), first, top3, misses, ranked["loadMs"],
                 max(r["ms"] for r in ranked["results"]))
