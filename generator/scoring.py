"""Scored self-assessments: checking a worksheet's scoring rules, and scoring.

A scored worksheet groups its 1–5 ratings into dimensions (each section says
its `dimension:`), and declares under `scoring:` the scale, the dimensions
with their suggested strategies, the bands of the total with their meaning,
and optionally `priority_below`, the dimension average under which a dimension
is a priority. `must_pass` lists prerequisites (a rating at least some value,
or a yes/no choice answered a given way): one that fails caps the result at
the band `cap_at` names, whatever the total. Bands may carry their own
`strategies`, shown for the band reached instead of the dimensions' (so
nobody who is ready is told to develop first).
The browser scores with the same rules (assets/js/scoring.js);
`score` is the reference the tests hold both to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ErrorList

SCORING_KEYS = {"scale", "dimensions", "bands", "priority_below", "must_pass", "cap_at"}
BAND_KEYS = {"min", "max", "label", "meaning", "strategies"}


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
    band_strategies = any(isinstance(b, dict) and "strategies" in b for b in scoring.get("bands") or [])
    for dimension in dimensions:
        if not isinstance(dimension, dict) or not dimension.get("label"):
            errors.add(shown, getattr(dimension, "line", scoring.line_of("dimensions")), "a dimension needs an id and a label",
                       "write '- id: culture' and 'label: Culture'")
        elif not dimension.get("strategies") and not band_strategies:
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
        for key in band:
            if key not in BAND_KEYS:
                errors.add(shown, band.line, f"unknown key '{key}' in band '{band['label']}'",
                           f"use only {', '.join(sorted(BAND_KEYS))}")
        if band_strategies and not (isinstance(band.get("strategies"), list) and band["strategies"]):
            errors.add(shown, band.line, f"band '{band['label']}' has no strategies, but other bands do",
                       "give every band 'strategies:' with at least one, or none of them")
        if count and band["min"] != expected_low:
            errors.add(shown, band.line, f"band '{band['label']}' starts at {band['min']}, expected {expected_low}",
                       "make the bands follow each other with no gap or overlap")
        expected_low = band["max"] + 1
    if count and bands and bands[-1]["max"] != count * high:
        errors.add(shown, bands[-1].line, f"the last band ends at {bands[-1]['max']}, but the highest total is {count * high}",
                   f"end it at {count * high}")
    _check_must_pass(shown, definition, scoring, low, high, errors)
    priority = scoring.get("priority_below")
    if priority is not None and not (isinstance(priority, (int, float)) and low < priority <= high):
        errors.add(shown, scoring.line_of("priority_below"), f"priority_below must lie within the scale ({low}–{high})",
                   "write e.g. 'priority_below: 3'")


def _check_must_pass(shown, definition, scoring, low, high, errors) -> None:
    if "must_pass" not in scoring:
        if "cap_at" in scoring:
            errors.add(shown, scoring.line_of("cap_at"), "'cap_at' without 'must_pass' caps nothing",
                       "add 'must_pass:' items, or remove 'cap_at:'")
        return
    items = scoring["must_pass"]
    by_id = {f.get("id"): f for s in definition.get("sections") or [] if isinstance(s, dict)
             for f in s.get("fields") or [] if isinstance(f, dict)}
    if not isinstance(items, list) or not items:
        errors.add(shown, scoring.line_of("must_pass"), "'must_pass' must list at least one item",
                   "write '- {field: keeps-confidences, at_least: 4}'")
        return
    for item in items:
        line = getattr(item, "line", scoring.line_of("must_pass"))
        field = by_id.get(item.get("field")) if isinstance(item, dict) else None
        if field is None:
            errors.add(shown, line, f"must-pass item {item.get('field') if isinstance(item, dict) else item!r} "
                       "is not a field of the worksheet", "name a rating or single_choice field: '- {field: …}'")
            continue
        if field["type"] == "rating":
            at_least = item.get("at_least")
            if set(item) != {"field", "at_least"} or not (isinstance(at_least, int) and low < at_least <= high):
                errors.add(shown, line, f"must-pass rating '{field['id']}' needs 'at_least:' a whole number "
                           f"from {low + 1} to {high}", f"write '- {{field: {field['id']}, at_least: 4}}'")
        elif field["type"] == "single_choice":
            options = [o["id"] for o in field["options"]]
            if set(item) != {"field", "equals"} or item.get("equals") not in options:
                errors.add(shown, line, f"must-pass choice '{field['id']}' needs 'equals:' one of its options",
                           f"write 'equals: {options[0]}' (options: {', '.join(options)})")
        else:
            errors.add(shown, line, f"must-pass item '{field['id']}' is a {field['type']} field",
                       "use a rating (with at_least) or a single_choice (with equals)")
    labels = [b.get("label") for b in scoring.get("bands") or [] if isinstance(b, dict)]
    cap = scoring.get("cap_at")
    if cap not in labels[:-1]:
        errors.add(shown, scoring.line_of("cap_at") if "cap_at" in scoring else scoring.line_of("must_pass"),
                   f"'cap_at' is {cap!r}, not a band below the highest",
                   f"name the band a failed must-pass item caps the result at: one of {', '.join(map(str, labels[:-1]))}")


def must_pass_fails(definition: dict, answers: dict) -> list[str] | None:
    """The must-pass fields whose answer fails, or None while one is unanswered."""
    failed = []
    for item in definition["scoring"].get("must_pass", []):
        answer = answers.get(item["field"])
        if answer is None:
            return None
        if ("at_least" in item and answer < item["at_least"]) or ("equals" in item and answer != item["equals"]):
            failed.append(item["field"])
    return failed


def _unrated_must_pass(definition: dict) -> list[str]:
    rated = {item for group in rated_items(definition).values() for item in group}
    return [i["field"] for i in definition["scoring"].get("must_pass", []) if i["field"] not in rated]


@dataclass
class Result:
    complete: bool
    answered: int
    items: int
    total: int | None = None
    band: dict | None = None
    averages: dict[str, float] = field(default_factory=dict)
    priorities: list[str] = field(default_factory=list)
    capped: bool = False  # a must-pass item failed and lowered the band
    failed: list[str] = field(default_factory=list)  # must-pass fields that failed
    strategies: list[str] = field(default_factory=list)  # the band's own, when bands have them


def score(definition: dict, answers: dict[str, int]) -> Result:
    """Score answers {field id: rating}. An incomplete assessment is never
    scored as if the missing answers were zero: it has no total and no band."""
    scoring = definition["scoring"]
    items = rated_items(definition)
    rated = [item for group in items.values() for item in group]
    every = rated + _unrated_must_pass(definition)
    answered = [item for item in every if answers.get(item) is not None]
    result = Result(complete=len(answered) == len(every), answered=len(answered), items=len(every))
    for dimension, group in items.items():
        values = [answers[item] for item in group if answers.get(item) is not None]
        if len(values) == len(group):
            result.averages[dimension] = sum(values) / len(values)
    if not result.complete:
        return result
    result.total = sum(answers[item] for item in rated)
    bands = scoring["bands"]
    index = next(i for i, band in enumerate(bands) if band["min"] <= result.total <= band["max"])
    result.failed = must_pass_fails(definition, answers) or []
    if result.failed:
        cap = next(i for i, band in enumerate(bands) if band["label"] == scoring["cap_at"])
        result.capped, index = index > cap, min(index, cap)
    result.band = bands[index]
    result.strategies = list(result.band.get("strategies", []))
    threshold = scoring.get("priority_below")
    if threshold is not None:
        result.priorities = [d for d, average in result.averages.items() if average < threshold]
    return result


def client_rules(definition: dict, translate) -> dict:
    """What the browser needs to score, with the texts already translated."""
    scoring = definition["scoring"]
    items = rated_items(definition)
    labels = {f["id"]: f["label"] for s in definition["sections"] for f in s["fields"]}
    return {
        "worksheet": definition["id"],
        "items": items,
        "maxTotal": sum(len(group) for group in items.values()) * scoring["scale"]["max"],
        "mustPass": [{**item, "label": translate.worksheet(labels[item["field"]])} for item in scoring.get("must_pass", [])],
        "capAt": next((i for i, b in enumerate(scoring["bands"]) if b["label"] == scoring.get("cap_at")), None),
        "scale": scoring["scale"],
        "priorityBelow": scoring.get("priority_below"),
        "dimensions": [{"id": d["id"], "label": translate.worksheet(d["label"]),
                        "strategies": [translate.worksheet(s) for s in d.get("strategies", [])]}
                       for d in scoring["dimensions"]],
        "bands": [{"min": b["min"], "max": b["max"], "label": translate.worksheet(b["label"]),
                   "meaning": translate.worksheet(b["meaning"]),
                   "strategies": [translate.worksheet(s) for s in b.get("strategies", [])]} for b in scoring["bands"]],
    }
