"""Role-play cards: the scenarios with their background facts, checked, and
printed as cards (A4 and US Letter, several per page, cut lines) that the
manager workshop's run-sheet links."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from pypdf import PdfReader

from generator import cards
from generator.errors import ErrorList

SCENARIOS = {"promotion-not-available", "promotion-not-ready", "flight-risk", "quit-and-stay",
             "pay-in-career-conversation", "strong-emotion", "happy-where-they-are", "move-not-released",
             "outside-policy"}


def test_the_kit_has_a_card_for_every_difficult_scenario_with_its_facts():
    """Nine scenarios, each with tenure, performance, wants, can and cannot offer, and a hidden concern."""
    errors = ErrorList()
    found = cards.load_all(ROOT, ROOT / "sessions/cards", errors)
    assert list(errors) == []
    assert {card["id"] for card in found} == SCENARIOS
    for card in found:
        assert all(card[key].strip() for key in cards.FACTS), card["id"]


def test_card_without_a_hidden_concern_is_reported_with_its_line(tmp_path):
    """A card missing a fact: file:line, what is missing, the fix."""
    folder = tmp_path / "sessions/cards"
    folder.mkdir(parents=True)
    (folder / "cards.yml").write_text(
        "cards:\n  - id: one\n    title: One\n    tenure: T\n    performance: P\n    wants: W\n"
        "    can_offer: C\n    cannot_offer: N\n", encoding="utf-8")
    errors = ErrorList()
    assert cards.load_all(tmp_path, folder, errors) == []
    assert [str(e) for e in errors] == [
        ("sessions/cards/cards.yml:2: the card has no hidden_concern → give every card its background facts: "
        "tenure, performance, wants, can_offer, cannot_offer, hidden_concern")]


@pytest.mark.parametrize("lang, code, words", [("", "en", "Tenure"), ("fr/", "fr", "Ancienneté"),
                                                ("es/", "es", "Antigüedad")])
def test_cards_print_four_to_a_page_in_a4_and_letter(site: Path, lang, code, words):
    """Each language's cards PDF, in both papers: 18 player cards and 4 observer checklists, 4 per page."""
    sizes = {}
    for paper in ("a4", "letter"):
        reader = PdfReader(site / f"{lang}worksheets/pdf/cards-manager-half-day-{code}-{paper}.pdf")
        assert len(reader.pages) == 6, paper  # (18 + 4) cards, four to a page, rounded up
        text = reader.pages[0].extract_text()
        assert words in text
        box = reader.pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"a4": (595, 842), "letter": (612, 792)}


def test_manager_run_sheet_links_the_card_pdfs(site: Path):
    """The run-sheet's role-play cards material points to the cards PDFs."""
    html = (site / "fr/sessions/manager-half-day.html").read_text(encoding="utf-8")
    materials = html.split('class="materials"')[1].split("</ul>")[0]
    assert '<a href="../worksheets/pdf/cards-manager-half-day-fr-a4.pdf">A4</a>' in materials
    assert (site / "fr/worksheets/pdf/cards-manager-half-day-fr-letter.pdf").exists()
