"""In a real Chromium: switching language, searching, filling a worksheet."""

from __future__ import annotations

import re

import pytest
from conftest import serve_folder

pytestmark = pytest.mark.browser


def test_french_home_to_spanish_twin_then_spanish_search(site, page):
    """Open the French home page, switch to Spanish, search a Spanish word."""
    with serve_folder(site) as base:
        page.goto(f"{base}/fr/index.html")
        assert page.get_attribute("html", "lang") == "fr"
        page.click('.language-switcher a[lang="es"]')
        page.wait_for_url(f"{base}/es/index.html")
        assert page.get_attribute("html", "lang") == "es"
        page.fill("#site-search", "conversaciones")
        page.press("#site-search", "Enter")
        page.wait_for_url(re.compile(r".*/es/search\.html\?q=conversaciones$"))
        page.wait_for_selector("#search-results li")
        status = page.inner_text("#search-status")
        assert "conversaciones" in status
        hrefs = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
        assert len(hrefs) >= 5
        assert all(href.startswith(f"{base}/es/") for href in hrefs)
        page.click("#search-results li:first-child a")
        assert page.get_attribute("html", "lang") == "es"


def test_search_finds_other_forms_of_a_word_and_accentless_typing(site, page):
    """Stemmed: 'entretiens' finds pages saying 'entretien'; 'developpement' finds 'développement'."""
    with serve_folder(site) as base:
        for query in ("entretiens", "developpement"):
            page.goto(f"{base}/fr/search.html?q={query}")
            page.wait_for_selector("#search-results li")
            assert page.locator("#search-results li").count() >= 3


def test_worksheet_answers_are_saved_restored_and_cleared_on_the_device(site, page):
    """Type, reload, find the answers; clear them; no request ever carries them."""
    secret = "Éloïse veut changer d’équipe"
    requests = []
    page.on("request", lambda request: requests.append((request.url, request.post_data or "")))
    with serve_folder(site) as base:
        url = f"{base}/es/worksheets/check-in.html"
        page.goto(url)
        page.check('input[name="check-in.satisfaction"][value="4"]')
        page.fill('textarea[name="check-in.feeling"]', secret)
        page.wait_for_timeout(200)
        page.reload()
        assert page.input_value('textarea[name="check-in.feeling"]') == secret
        assert page.is_checked('input[name="check-in.satisfaction"][value="4"]')
        # The same worksheet in French has its own answers.
        page.goto(f"{base}/fr/worksheets/check-in.html")
        assert page.input_value('textarea[name="check-in.feeling"]') == ""
        page.goto(url)
        page.once("dialog", lambda dialog: dialog.accept())
        page.click('button[data-action="clear"]')
        assert page.input_value('textarea[name="check-in.feeling"]') == ""
        page.reload()
        assert page.input_value('textarea[name="check-in.feeling"]') == ""
        assert not page.is_checked('input[name="check-in.satisfaction"][value="4"]')
    assert requests, "the page made no request at all?"
    for request_url, body in requests:
        assert request_url.startswith(base), request_url
        for fragment in ("Éloïse", "%C3%89lo", "changer"):
            assert fragment not in request_url and fragment not in body


def test_checklist_limits_ticks_to_its_maximum(site, page):
    with serve_folder(site) as base:
        page.goto(f"{base}/worksheets/what-matters.html")
        boxes = page.locator('fieldset.field-checklist input[data-max="3"]')
        for index in range(4):
            boxes.nth(index).check(force=True) if index < 3 else boxes.nth(index).click()
        assert page.locator('fieldset.field-checklist input[data-max="3"]:checked').count() == 3


def test_facilitator_view_opens_facilitator_notes(site, page):
    with serve_folder(site) as base:
        page.goto(f"{base}/manager/m2-running-the-conversation.html")
        assert not page.locator("details.facilitator").evaluate("d => d.open")
        page.click(".facilitator-toggle")
        assert page.locator("details.facilitator").evaluate("d => d.open")
        page.reload()
        assert page.locator("details.facilitator").evaluate("d => d.open")
        assert page.get_attribute(".facilitator-toggle", "aria-pressed") == "true"


def test_search_works_from_disk(site, page):
    """Opened from a shared drive (file://): the index is a script, not a fetch."""
    page.goto((site / "es" / "search.html").as_uri() + "?q=plan")
    page.wait_for_selector("#search-results li")
    first = page.eval_on_selector("#search-results a", "a => a.href")
    assert first.startswith("file://") and "/es/" in first


def test_session_start_time_recomputes_the_run_sheet(site, page):
    with serve_folder(site) as base:
        page.goto(f"{base}/sessions/employee-half-day.html")
        first, last = page.locator("td.clock").first, page.locator("td.clock").last
        assert first.inner_text().startswith("09:00–")  # British English: 24-hour clock
        page.fill("#session-start", "13:30")
        page.dispatch_event("#session-start", "change")
        assert first.inner_text().startswith("13:30–")
        end = 13 * 60 + 30 + int(last.get_attribute("data-offset")) + int(last.get_attribute("data-minutes"))
        assert last.inner_text().endswith(f"–{end // 60:02d}:{end % 60:02d}")
