"""Role-play cards for the manager workshop's practice (`sessions/cards/*.yml`):
loading, checking, and what the cards PDF prints.

Each scenario gives two cards: one for the person playing the employee (the
background facts, what they want, a hidden concern) and one for the person
playing the manager (the same facts, what they can and cannot offer). The
PDF (`theme/kit/cards-pdf.html`) prints four cards per page with dashed cut
lines, then the observer checklist four times, in A4 and US Letter.
"""

from __future__ import annotations

from pathlib import Path

from . import yamlfile
from .errors import ErrorList, relative

FACTS = ("tenure", "performance", "wants", "can_offer", "cannot_offer", "hidden_concern")
KEYS = {"id", "title", *FACTS}


def load_all(root: Path, folder: Path, errors: ErrorList) -> list[dict]:
    found: list[dict] = []
    for path in sorted(folder.glob("*.yml")):
        shown = relative(path, root)
        data = yamlfile.load_mapping(path, shown, errors, "a file of role-play cards")
        if data is None:
            continue
        cards = data.get("cards")
        if not isinstance(cards, list) or not cards:
            errors.add(shown, data.line_of("cards"), "the file has no cards", "add 'cards:' with '- id: …' items")
            continue
        for card in cards:
            if not isinstance(card, dict):
                errors.add(shown, data.line_of("cards"), "a card must be a mapping", "start it with '- id: …'")
                continue
            missing = [key for key in ("id", "title", *FACTS) if not isinstance(card.get(key), str)
                       or not card[key].strip()]
            for key in card:
                if key not in KEYS:
                    errors.add(shown, card.line_of(key), f"unknown card key '{key}'", f"use only {', '.join(sorted(KEYS))}")
            if missing:
                errors.add(shown, card.line, f"the card has no {', '.join(missing)}",
                           "give every card its background facts: " + ", ".join(FACTS))
                continue
            if any(other["id"] == card["id"] for other in found):
                errors.add(shown, card.line_of("id"), f"the card id '{card['id']}' is used twice", "rename one")
                continue
            found.append(dict(card))
    return found


def pdf_name(plan_id: str) -> str:
    """The name of a plan's cards PDF, for generated.pdf_file."""
    return f"cards-{plan_id}"
