"""Slide decks generated from each session plan, in each language.

A deck is a generated page with its own outer template (`theme/deck.html`,
no site chrome): a title slide, the objectives, the agenda with clock times,
one slide per segment (its key points, optional `slides:` bullets from the
plan, and the facilitator's instructions as presenter notes) and a closing
slide that points to the evaluation. `assets/js/deck.js` does the navigation,
the presenter view and the timer; `assets/css/deck.css` the handout printing.

We write our own rather than use reveal.js 6.0.2. Measured in Chromium with
the strict CSP: its core navigates and passes axe on a small deck (it sets
element.style through the CSSOM, which the CSP allows), but its speaker view,
a pop-up written with an inline script, stays on "Loading speaker view..."
(it works without the CSP), so it has no presenter view here; and it weighs
119 KB of JS and 54 KB of CSS, over our 100 KB page budget. Ours: 5.7 KB of
JS and 4.7 KB of CSS.
"""

from __future__ import annotations

from . import render, sessions
from .activities import describe_grouping, material_labels
from .sessions import deck_path

__all__ = ["deck_path", "render_deck"]


def render_deck(pages, kit, plan) -> str:
    """The slides of one plan in the language being built (`pages`: GeneratedPages)."""
    _ = pages._
    start = pages.config.session_start  # a time: the option is typed (config.py)
    names = material_labels(_)
    segments = []
    for segment, slot in zip(plan["segments"], sessions.timetable(plan, start), strict=True):
        titles, steps = segment.get("titles") or {}, segment.get("steps") or {}
        segments.append({
            "title": titles.get(pages.language.code) or titles.get("en") or _.session(segment["title"]),
            "minutes": segment["minutes"], "slot": slot, "is_break": segment["grouping"] == ["break"],
            "grouping": describe_grouping(segment["grouping"], _),
            "materials": [names[m] for m in segment.get("materials") or [] if m in names],
            "worksheets": [pages.worksheet_link(w, kit)["title"] for w in segment.get("worksheets") or []],
            # The plan's own bullets, or else the activity's steps in this language.
            "bullets": [_.session(text) for text in segment.get("slides") or []]
                       or steps.get(pages.language.code) or steps.get("en") or [],
            "instructions": _.session(segment["instructions"]) if segment.get("instructions") else "",
            "cut": _.session(segment["cut"]) if segment.get("cut") else "",
        })
    links = {key: pages.worksheet_link(plan[key], kit) for key in ("evaluation", "follow_up") if plan.get(key)}
    return render.render(pages.kit_dir, "deck-slides.html", plan=plan, segments=segments, start=start,
                         links=links, session_href=kit.href(f"sessions/{plan['id']}.md"), **pages._common(kit))
