"""Scored self-assessments: checking a worksheet's scoring rules, and scoring.

A scored worksheet groups its 1–5 ratings into dimensions (each section says
its `dimension:`), and declares under `scoring:` the scale, the dimensions
with their suggested strategies, the bands of the total with their meaning,
and optionally `priority_below`, the dimension average under which a dimension
is a priority. The browser scores with the same rules (assets/js/scoring.js);
`score` is the reference the tests hold both to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ErrorList

SCORING_KEYS = {"scale", "dimensions", "bands", "priority_below"}


def rated_items(definition: dict) -> dict[str, list[str]]:
    """{dimension id: [rating field ids]} in the worksheet's order."""
    items: dict[str, list[str]] = {}
    for section in definition["sections"]:
        if "dimension" in section:
            items.setdefault(section["dimension"], []).extend(
                f["id"] for f in section["fields"] if f["type"] == "rating")
    return items


def check(shown: str, definition, errors: ErrorList) -> None:
    """Problems with a definition's `scoring:` block, with lines and fixes."""
    scoring = definition.get("scoring")
    sections_with_dimension = [s for s in definition.get("sections") or [] if isinstance(s, dict) and "dimension" in s]
    if scoring is None:
        for section in sections_with_dimension:
            errors.add(shown, section.line_of("dimension"), "a section names a dimension but the worksheet has no scoring",
                       "add a 'scoring:' block, or remove 'dimension:'")
        return
    if not isinstance(scoring, dict):
        errors.add(shown, definition.line_of("scoring"), "'scoring' must be a mapping", "see AUTHORING.md")
        return
    for key in scoring:
        if key not in SCORING_KEYS:
            errors.add(shown, scoring.line_of(key), f"unknown scoring key '{key}'", f"use only {', '.join(sorted(SCORING_KEYS))}")
    scale = scoring.get("scale") or {}
    low, high = scale.get("min"), scale.get("max")
    if not (isinstance(low, int) and isinstance(high, int) and low < high):
        errors.add(shown, scoring.line_of("scale"), "the scale needs whole numbers min < max", "write 'scale: {min: 1, max: 5}'")
        return
    dimensions = scoring.get("dimensions") or []
    ids = [d.get("id") for d in dimensions if isinstance(d, dict)]
    for dimension in dimensions:
        if not isinstance(dimension, dict) or not dimension.get("label"):
            errors.add(shown, getattr(dimension, "line", scoring.line_of("dimensions")), "a dimension needs an id and a label",
                       "write '- id: culture' and 'label: Culture'")
        elif not dimension.get("strategies"):
            errors.add(shown, dimension.line, f"dimension '{dimension['id']}' has no strategies",
                       "add 'strategies:' with at least one suggestion")
    used = set()
    for section in sections_with_dimension:
        if section["dimension"] not in ids:
            errors.add(shown, section.line_of("dimension"), f"dimension '{section['dimension']}' is not under scoring",
                       f"use one of {', '.join(map(str, ids))}")
        used.add(section["dimension"])
        if not any(isinstance(f, dict) and f.get("type") == "rating" for f in section.get("fields") or []):
            errors.add(shown, section.line, "a scored section has no rating", "add 'type: rating' fields to it")
    for dimension_id in ids:
        if dimension_id not in used:
            errors.add(shown, scoring.line_of("dimensions"), f"no section rates dimension '{dimension_id}'",
                       "add a section with 'dimension: " + str(dimension_id) + "'")
    count = sum(len(v) for v in rated_items(definition).values()) if not errors else 0
    bands = scoring.get("bands") or []
    expected_low = count * low
    for band in bands:
        if not isinstance(band, dict) or not all(k in band for k in ("min", "max", "label", "meaning")):
            errors.add(shown, getattr(band, "line", scoring.line_of("bands")), "a band needs min, max, label and meaning",
                       "write '- {min: 20, max: 39, label: …, meaning: …}'")
            return
        if count and band["min"] != expected_low:
            errors.add(shown, band.line, f"band '{band['label']}' starts at {band['min']}, expected {expected_low}",
                       "make the bands follow each other with no gap or overlap")
        expected_low = band["max"] + 1
    if count and bands and bands[-1]["max"] != count * high:
        errors.add(shown, bands[-1].line, f"the last band ends at {bands[-1]['max']}, but the highest total is {count * high}",
                   f"end it at {count * high}")
    priority = scoring.get("priority_below")
    if priority is not None and not (isinstance(priority, (int, float)) and low < priority <= high):
        errors.add(shown, scoring.line_of("priority_below"), f"priority_below must lie within the scale ({low}–{high})",
                   "write e.g. 'priority_below: 3'")


@dataclass
class Result:
    complete: bool
    answered: int
    items: int
    total: int | None = None
    band: dict | None = None
    averages: dict[str, float] = field(default_factory=dict)
    priorities: list[str] = field(default_factory=list)


def score(definition: dict, answers: dict[str, int]) -> Result:
    """Score answers {field id: rating}. An incomplete assessment is never
    scored as if the missing answers were zero: it has no total and no band."""
    scoring = definition["scoring"]
    items = rated_items(definition)
    every = [item for group in items.values() for item in group]
    answered = [item for item in every if answers.get(item) is not None]
    result = Result(complete=len(answered) == len(every), answered=len(answered), items=len(every))
    for dimension, group in items.items():
        values = [answers[item] for item in group if answers.get(item) is not None]
        if len(values) == len(group):
            result.averages[dimension] = sum(values) / len(values)
    if not result.complete:
        return result
    result.total = sum(answers[item] for item in every)
    result.band = next(band for band in scoring["bands"] if band["min"] <= result.total <= band["max"])
    threshold = scoring.get("priority_below")
    if threshold is not None:
        result.priorities = [d for d, average in result.averages.items() if average < threshold]
    return result


def client_rules(definition: dict, translate) -> dict:
    """What the browser needs to score, with the texts already translated."""
    scoring = definition["scoring"]
    items = rated_items(definition)
    return {
        "worksheet": definition["id"],
        "items": items,
        "maxTotal": sum(len(group) for group in items.values()) * scoring["scale"]["max"],
        "scale": scoring["scale"],
        "priorityBelow": scoring.get("priority_below"),
        "dimensions": [{"id": d["id"], "label": translate.worksheet(d["label"]),
                        "strategies": [translate.worksheet(s) for s in d["strategies"]]}
                       for d in scoring["dimensions"]],
        "bands": [{"min": b["min"], "max": b["max"], "label": translate.worksheet(b["label"]),
                   "meaning": translate.worksheet(b["meaning"])} for b in scoring["bands"]],
    }
