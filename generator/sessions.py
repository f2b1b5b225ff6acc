"""Facilitator session plans: loading `sessions/<id>.yml`, checking that the
segments add up, and computing clock times from a start time.

The plugin renders each plan as a page per language (`session_render.py`);
the facilitator pack includes them as PDFs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from . import yamlfile
from .errors import ErrorList, relative

GROUPINGS = ("plenary", "alone", "pairs", "threes", "groups", "break")
TOP_KEYS = {"id", "title", "audience", "duration", "people", "purpose", "preparation", "segments",
            "roleplays", "observer_checklist"}
SEGMENT_KEYS = {"minutes", "title", "activity", "grouping", "materials", "worksheets", "modules"}
MODULE = re.compile(r"^[EMH][1-9]$")


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
    total = 0
    for segment in segments:
        if not isinstance(segment, dict):
            errors.add(shown, plan.line_of("segments"), "a segment must be a mapping", "start it with '- minutes: …'")
            continue
        for key in segment:
            if key not in SEGMENT_KEYS:
                errors.add(shown, segment.line_of(key), f"unknown segment key '{key}'",
                           f"use only {', '.join(sorted(SEGMENT_KEYS))}")
        minutes = segment.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
            errors.add(shown, segment.line_of("minutes"), f"minutes {minutes!r} is not a positive whole number",
                       "write e.g. 'minutes: 20'")
        else:
            total += minutes
        if segment.get("grouping") not in GROUPINGS:
            errors.add(shown, segment.line_of("grouping"), f"unknown grouping {segment.get('grouping')!r}",
                       f"use one of {', '.join(GROUPINGS)}")
        for key in ("title", "activity"):
            if not isinstance(segment.get(key), str) or not segment[key].strip():
                errors.add(shown, segment.line_of(key), f"a segment has no {key}", f"add '{key}: …'")
        for worksheet in segment.get("worksheets") or []:
            if worksheet not in worksheet_ids:
                errors.add(shown, segment.line_of("worksheets"), f"worksheet '{worksheet}' does not exist",
                           "use an id from worksheets/")
        for module in segment.get("modules") or []:
            if not MODULE.match(str(module)):
                errors.add(shown, segment.line_of("modules"), f"module code {module!r} is not like E1, M2 or H3",
                           "fix the module code")
    if duration is not None and total != duration:
        errors.add(shown, plan.line_of("duration"),
                   f"the segments add up to {total} minutes, but the plan says {duration}",
                   f"make the segments add up to {duration}, or set 'duration: {total}'")


@dataclass(frozen=True)
class Slot:
    start: time
    end: time
    elapsed: int  # minutes from the start of the session


def parse_start(text: str) -> time:
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", str(text).strip())
    if not match:
        raise ValueError(f"start time {text!r} is not like 09:00")
    return time(int(match.group(1)), int(match.group(2)))


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


def materials(plan: dict) -> list[str]:
    """Every material the plan needs, once each, in order of first use."""
    seen: list[str] = []
    for segment in plan["segments"]:
        for item in segment.get("materials") or []:
            if item not in seen:
                seen.append(item)
    return seen
