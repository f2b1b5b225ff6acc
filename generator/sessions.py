"""Facilitator session plans: loading `sessions/<id>.yml`, checking that the
segments add up, and computing clock times from a start time.

A segment either runs a module's activity (`activity: e2/energy-interviews`),
and takes its title, minutes, grouping, materials and worksheets from the
activity's data (activities.py), or is a segment of its own (welcome, input,
break, close) with those keys written in the plan. `resolve` does the first,
once the content is loaded, and checks that each slot fits its activity.

The plugin renders each plan as a page per language (`session_render.py`);
the facilitator pack includes them as PDFs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from difflib import get_close_matches
from pathlib import Path

from . import yamlfile
from .activities import GROUPINGS, KIT_ARTEFACTS, MATERIALS, material_labels
from .errors import ErrorList, relative

TOP_KEYS = {"id", "title", "audience", "duration", "people", "purpose", "preparation", "segments",
            "roleplays", "observer_checklist"}
SEGMENT_KEYS = {"minutes", "title", "activity", "cut", "instructions", "grouping", "materials", "worksheets",
                "modules", "slides"}
MODULE = re.compile(r"^[EMH][1-9]$")
PACK_OF_LETTER = {"E": "employee", "M": "manager", "H": "hr"}


def load_all(root: Path, folder: Path, worksheet_ids: set[str], errors: ErrorList) -> dict[str, dict]:
    plans = {}
    for path in sorted(folder.glob("*.yml")):
        shown = relative(path, root)
        plan = yamlfile.load_mapping(path, shown, errors, "a session plan")
        if plan is None:
            continue
        before = len(errors)
        check(shown, path.stem, plan, worksheet_ids, errors)
        if len(errors) == before:
            plan["source"] = shown
            plans[plan["id"]] = plan
    return dict(sorted(plans.items(), key=lambda item: curriculum_order(item[1])))


def curriculum_order(plan: dict) -> tuple:
    """Plans follow the curriculum: the employee's first, then the manager's,
    then HR's, going by the first module a plan works with."""
    for segment in plan["segments"]:
        for module in segment.get("modules") or []:
            return ("EMH".find(str(module)[0]) % 4, plan["id"])
    return (3, plan["id"])


def check(shown: str, stem: str, plan, worksheet_ids: set[str], errors: ErrorList) -> None:
    for key in plan:
        if key not in TOP_KEYS:
            errors.add(shown, plan.line_of(key), f"unknown key '{key}'", f"use only {', '.join(sorted(TOP_KEYS))}")
    if plan.get("id") != stem:
        errors.add(shown, plan.line_of("id"), f"the id {plan.get('id')!r} differs from the file name",
                   f"set 'id: {stem}'")
    for key in ("title", "audience", "purpose"):
        if not isinstance(plan.get(key), str) or not plan[key].strip():
            errors.add(shown, plan.line_of(key), f"the plan has no {key}", f"add '{key}: …'")
    duration = plan.get("duration")
    if isinstance(duration, bool) or not isinstance(duration, int) or duration <= 0:
        errors.add(shown, plan.line_of("duration"), f"duration {duration!r} is not a positive number of minutes",
                   "write e.g. 'duration: 210'")
        duration = None
    segments = plan.get("segments")
    if not isinstance(segments, list) or not segments:
        errors.add(shown, plan.line_of("segments"), "the plan has no segments", "add 'segments:'")
        return
    for segment in segments:
        if not isinstance(segment, dict):
            errors.add(shown, plan.line_of("segments"), "a segment must be a mapping",
                       "start it with '- activity: …' or '- title: …'")
            continue
        for key in segment:
            if key not in SEGMENT_KEYS:
                errors.add(shown, segment.line_of(key), f"unknown segment key '{key}'",
                           f"use only {', '.join(sorted(SEGMENT_KEYS))}")
        runs_activity = "activity" in segment
        minutes = segment.get("minutes")
        if (minutes is not None or not runs_activity) and (
                isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0):
            errors.add(shown, segment.line_of("minutes"), f"minutes {minutes!r} is not a positive whole number",
                       "write e.g. 'minutes: 20'")
        grouping = segment.get("grouping")
        if grouping is not None or not runs_activity:
            listed = [grouping] if isinstance(grouping, str) else grouping
            if not isinstance(listed, list) or not listed or any(g not in GROUPINGS for g in listed):
                errors.add(shown, segment.line_of("grouping"), f"unknown grouping {grouping!r}",
                           f"use one of {', '.join(GROUPINGS)}, or a list of them in order")
        keys = ("activity",) if runs_activity else ("title", "instructions")
        for key in keys + tuple(k for k in ("cut",) if k in segment):
            if not isinstance(segment.get(key), str) or not segment[key].strip():
                errors.add(shown, segment.line_of(key), f"a segment has no {key}", f"add '{key}: …'")
        materials = segment.get("materials") or []
        if not isinstance(materials, list):
            errors.add(shown, segment.line_of("materials"), "'materials' must be a list",
                       "write e.g. 'materials: [flip-chart, timer]'")
            materials = []
        for item in materials:
            if item not in MATERIALS:
                close = get_close_matches(str(item).lower().replace(" ", "-"), MATERIALS, 1)
                errors.add(shown, segment.line_of("materials"), f"unknown material {item!r}",
                           (f"did you mean '{close[0]}'? " if close else "")
                           + f"use one of {', '.join(MATERIALS)}")
        for worksheet in segment.get("worksheets") or []:
            if worksheet not in worksheet_ids:
                errors.add(shown, segment.line_of("worksheets"), f"worksheet '{worksheet}' does not exist",
                           "use an id from worksheets/")
        bullets = segment.get("slides", [])
        if not isinstance(bullets, list) or not all(isinstance(b, str) and b.strip() for b in bullets):
            errors.add(shown, segment.line_of("slides"), "'slides' must be a list of short bullet points",
                       "write one '- …' line per bullet, in English (the catalogs translate them)")
        for module in segment.get("modules") or []:
            if not MODULE.match(str(module)):
                errors.add(shown, segment.line_of("modules"), f"module code {module!r} is not like E1, M2 or H3",
                           "fix the module code")


def resolve(plans: dict[str, dict], by_language: dict, default: str, errors: ErrorList,
            worksheet_ids=frozenset(), has_cards: bool = False) -> None:
    """Fill in each activity segment from its activity (`by_language`: each
    language's activities by reference), and check that every slot fits it and
    every kit artefact the plan names exists."""
    activities = by_language.get(default, {})
    for plan in plans.values():
        shown = plan["source"]
        for segment in plan["segments"]:
            ref = segment.get("activity")
            if ref is not None:
                _resolve_segment(shown, segment, ref, activities, errors)
                found_in = {code: found[ref] for code, found in by_language.items() if ref in found}
                segment["titles"] = {code: activity.title for code, activity in found_in.items()}
                segment["page_titles"] = {code: activity.page_title for code, activity in found_in.items()}
                segment["steps"] = {code: list(activity.steps) for code, activity in found_in.items()}
            segment["grouping"] = [segment["grouping"]] if isinstance(segment.get("grouping"), str) \
                else list(segment.get("grouping") or [])
        # The evaluation of the plan's audience, and the follow-up weeks later (worksheets/).
        for key, worksheet in (("evaluation", f"evaluation-{pack(plan)}"), ("follow_up", "evaluation-follow-up")):
            if worksheet in worksheet_ids:
                plan[key] = worksheet
        plan["cards"] = has_cards and bool(plan.get("roleplays"))  # its practice prints the role-play cards
        _check_total(shown, plan, errors)
        _check_artefacts(shown, plan, errors)


def _resolve_segment(shown, segment, ref, activities, errors) -> None:
    activity = activities.get(ref)
    line = segment.line_of("activity")
    if activity is None:
        close = get_close_matches(ref, list(activities), 1)
        errors.add(shown, line, f"the activity '{ref}' does not exist",
                   f"did you mean '{close[0]}'?" if close else
                   f"name a module's activity as '<module>/<id>', e.g. {next(iter(activities), 'e2/energy-interviews')}")
        segment.setdefault("minutes", 0)
        return
    minutes = segment.get("minutes", activity.minutes)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        segment["minutes"] = 0  # reported by `check`
        return
    if minutes < activity.minutes and not segment.get("cut"):
        errors.add(shown, segment.line_of("minutes"),
                   f"the slot gives {minutes} minutes, but the activity '{ref}' takes {activity.minutes} "
                   f"({activity.source}:{activity.line})",
                   f"set 'minutes: {activity.minutes}', or add 'cut:' saying what to drop to fit {minutes} minutes")
    elif minutes > activity.minutes:
        errors.add(shown, segment.line_of("minutes"),
                   f"the slot gives {minutes} minutes, but the activity '{ref}' takes {activity.minutes}",
                   f"set 'minutes: {activity.minutes}' (or remove it) and give the rest of the time its own segment")
    elif segment.get("cut") and minutes == activity.minutes:
        errors.add(shown, segment.line_of("cut"), f"the segment has a cut but gives the activity its full "
                   f"{activity.minutes} minutes", "remove 'cut:', or shorten 'minutes:'")
    grouping = segment.get("grouping")
    if grouping is not None:
        listed = [grouping] if isinstance(grouping, str) else list(grouping)
        if listed != list(activity.grouping):
            errors.add(shown, segment.line_of("grouping"),
                       f"the segment says grouping {_flow(listed)}, but the activity '{ref}' is done "
                       f"{_flow(activity.grouping)} ({activity.source}:{activity.lines.get('grouping', activity.line)})",
                       "remove 'grouping:' (the activity's is used), or change the activity")
    segment["minutes"] = minutes
    segment["grouping"] = list(activity.grouping)
    segment["title"] = activity.title  # English; the run-sheet shows each language's (`titles`)
    segment["page"] = activity.page
    segment["anchor"] = f"activity-{activity.id}"
    segment["materials"] = _union(activity.materials, segment.get("materials") or [])
    segment["worksheets"] = _union(activity.worksheets, segment.get("worksheets") or [])
    module = ref.split("/")[0].upper()
    segment["modules"] = _union([module] if MODULE.match(module) else [], segment.get("modules") or [])


def _flow(grouping) -> str:
    return " then ".join(grouping)


def _union(first, second) -> list:
    return list(dict.fromkeys([*first, *second]))


def _check_total(shown, plan, errors) -> None:
    duration = plan.get("duration")
    if isinstance(duration, bool) or not isinstance(duration, int):
        return
    total = sum(s.get("minutes") or 0 for s in plan["segments"] if isinstance(s, dict)
                and isinstance(s.get("minutes", 0), int))
    if total != duration:
        errors.add(shown, plan.line_of("duration"),
                   f"the segments add up to {total} minutes, but the plan says {duration}",
                   f"make the segments add up to {duration} (choose fewer activities rather than shorter slots), "
                   f"or set 'duration: {total}'")


def deck_path(plan_id: str) -> str:
    """Where a plan's slide deck is, in its language folder (decks.py makes it)."""
    return f"sessions/{plan_id}-slides.md"


def pack(plan: dict) -> str:
    """The participant pack of the plan's audience, from the modules it runs."""
    for segment in plan["segments"]:
        for module in segment.get("modules") or []:
            return PACK_OF_LETTER[str(module)[0]]
    return "facilitator"


def artefacts(plan: dict) -> dict[str, tuple[str, str]]:
    """The kit artefacts this plan has: id -> (kind, target). A `pdf` target is
    a name for generated.pdf_file, a `worksheet` a worksheet id; an `anchor`
    is a section of the plan's page."""
    found = {"participant-pack": ("pdf", f"pack-{pack(plan)}"), "slides": ("page", deck_path(plan["id"]))}
    if plan.get("evaluation"):
        found["evaluation-form"] = ("worksheet", plan["evaluation"])
    if plan.get("cards"):
        found["roleplay-cards"] = ("pdf", f"cards-{plan['id']}")
    elif plan.get("roleplays"):
        found["roleplay-cards"] = ("anchor", "roleplays")
    if plan.get("observer_checklist"):
        found["observer-checklist"] = ("anchor", "observer-checklist")
    return found


def _check_artefacts(shown, plan, errors) -> None:
    have = artefacts(plan)
    for segment in plan["segments"]:
        for item in segment.get("materials") or []:
            if item in KIT_ARTEFACTS and item not in have:
                where = segment.line_of("materials") if "materials" in segment else segment.line_of("activity")
                errors.add(shown, where, f"the kit has no {item} for the plan '{plan['id']}'",
                           f"remove '{item}' from the materials, or add what makes it "
                           f"({'roleplays:' if item == 'roleplay-cards' else 'observer_checklist:' if item == 'observer-checklist' else f'worksheets/evaluation-{pack(plan)}.yml' if item == 'evaluation-form' else 'it to the generator'})")


@dataclass(frozen=True)
class Slot:
    start: time
    end: time
    elapsed: int  # minutes from the start of the session


def timetable(plan: dict, start: time) -> list[Slot]:
    """The clock times of each segment, one after the other from `start`."""
    moment = datetime.combine(datetime(2000, 1, 1), start)
    slots, elapsed = [], 0
    for segment in plan["segments"]:
        end = moment + timedelta(minutes=segment["minutes"])
        slots.append(Slot(moment.time(), end.time(), elapsed))
        elapsed += segment["minutes"]
        moment = end
    return slots


def materials(plan: dict) -> list[dict]:
    """Every material the plan needs, once each, in order of first use: its id,
    English name (the template translates it) and, for a kit artefact, where it is."""
    names = material_labels(lambda text: text)
    have = artefacts(plan)
    seen = dict.fromkeys(item for segment in plan["segments"] for item in segment.get("materials") or [])
    return [{"id": item, "name": names[item], "target": have.get(item)} for item in seen if item in names]
