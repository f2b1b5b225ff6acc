"""Slide decks generated from the session plans, in a real Chromium: keyboard
navigation, the slide in the URL, the presenter view and its timer, the printed
handout, from file:// and under nginx with the strict CSP, and axe."""

from __future__ import annotations

import io

from conftest import run_generator
from accessibility import violations, with_axe
from pypdf import PdfReader
from test_hosting import CSP, serve_with_nginx

PLANS = {"employee-half-day": 12, "manager-half-day": 13, "hr-briefing": 8}  # slides in each deck


def counter(page) -> str:
    return page.locator(".deck-counter").inner_text()


def test_keyboard_moves_through_the_slides_and_the_url_keeps_the_slide(site, page):
    """→ Space PageDown forward, ← PageUp back, Home End to the ends; a reload stays on the slide."""
    page.goto((site / "sessions/manager-half-day-slides.html").as_uri())
    assert counter(page) == "Slide 1 of 13"
    for key, expected in (("ArrowRight", 2), (" ", 3), ("PageDown", 4), ("PageUp", 3), ("ArrowLeft", 2),
                          ("End", 13), ("Home", 1), ("End", 13)):
        page.keyboard.press(key)
        assert counter(page) == f"Slide {expected} of 13", key
    assert page.url.endswith("#slide-13")
    assert page.evaluate("document.activeElement.id") == "slide-13-title"
    assert page.locator(".slide:visible").count() == 1
    page.keyboard.press("ArrowLeft")
    page.reload()
    assert counter(page) == "Slide 12 of 13"
    assert page.locator("#slide-12").is_visible() and not page.locator("#slide-13").is_visible()


def test_buttons_and_the_agenda_start_time(site, page):
    """The toolbar buttons move too, and the agenda's clock times follow the start time."""
    page.goto((site / "fr/sessions/employee-half-day-slides.html").as_uri() + "#slide-3")
    assert counter(page) == "Diapositive 3 sur 12"
    assert page.locator("#slide-3 .agenda li").first.inner_text().startswith("09:00–09:20")
    page.fill("#deck-start", "13:30")
    page.dispatch_event("#deck-start", "change")
    assert page.locator("#slide-3 .agenda li").first.inner_text().startswith("13:30–13:50")
    assert page.locator("#slide-3 .agenda li").last.inner_text().startswith("16:40–17:00")
    page.click('[data-deck="next"]')
    assert counter(page) == "Diapositive 4 sur 12"
    assert page.locator("#slide-4 .slide-meta time").first.inner_text() == "13:30"


def test_presenter_view_shows_notes_next_slide_and_the_segments_minutes(site, page):
    """Presenter view: the segment's notes, the next slide's title, elapsed and remaining minutes."""
    page.clock.install()
    page.goto((site / "sessions/manager-half-day-slides.html").as_uri() + "#slide-10")
    page.keyboard.press("p")
    presenter = page.locator(".presenter")
    assert presenter.is_visible()
    assert page.locator('[data-deck="presenter"]').get_attribute("aria-pressed") == "true"
    assert page.locator("#slide-10-title").inner_text() == "Practice in threes"
    assert "Role-play cards" in presenter.locator(".presenter-notes").inner_text()
    assert presenter.locator(".presenter-next").inner_text() == "Three Es in ten minutes"
    assert presenter.locator(".presenter-timer").inner_text() == "Elapsed: 0 min · Remaining: 60 min"
    page.clock.fast_forward("25:00")
    assert presenter.locator(".presenter-timer").inner_text() == "Elapsed: 25 min · Remaining: 35 min"
    page.clock.fast_forward("40:00")
    assert presenter.locator(".presenter-timer").inner_text() == "Elapsed: 65 min · Over time by 5 min"
    page.keyboard.press("ArrowRight")
    assert presenter.locator(".presenter-timer").inner_text() == "Elapsed: 0 min · Remaining: 25 min"


def test_handout_prints_one_slide_per_16_9_page(site, page):
    """Printing gives every slide on its own 16:9 page, without the toolbar."""
    page.goto((site / "es/sessions/hr-briefing-slides.html").as_uri())
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(pdf.pages) == PLANS["hr-briefing"]
    box = pdf.pages[0].mediabox
    assert round(float(box.width) / float(box.height), 3) == round(16 / 9, 3)
    assert "Diapositiva" not in pdf.pages[0].extract_text()  # the counter is not printed
    assert "Gracias" in pdf.pages[-1].extract_text()


def test_reduced_motion_turns_the_slide_fade_off(site, browser):
    """With prefers-reduced-motion, changing slides animates nothing. (The slide's
    computed animation, not the running ones: a 0.2 s fade can be over before a
    busy machine asks.)"""
    shown = "getComputedStyle(document.querySelector('.slide:not([hidden])')).animationName"
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto((site / "sessions/hr-briefing-slides.html").as_uri())
    page.keyboard.press("ArrowRight")
    assert page.evaluate(shown) == "none"
    context.close()
    page = browser.new_page()
    page.goto((site / "sessions/hr-briefing-slides.html").as_uri())
    page.keyboard.press("ArrowRight")
    assert page.evaluate(shown) == "deck-in"
    page.close()


def test_slides_are_labelled_regions_with_headings_in_the_pages_language(site):
    """Each slide is a region named by its heading; the page has the language of its folder."""
    for lang in ("", "fr/", "es/"):
        for plan, count in PLANS.items():
            html = (site / f"{lang}sessions/{plan}-slides.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang.rstrip("/") or "en"}"' in html
            assert html.count('<section class="slide') == count
            for number in range(1, count + 1):
                assert f'id="slide-{number}" aria-labelledby="slide-{number}-title"' in html
                assert f'id="slide-{number}-title" tabindex="-1"' in html
            assert "style=" not in html and "<script>" not in html


def test_every_deck_has_no_axe_violations(site, browser):
    """axe 0 on every deck in every language, audience and presenter views."""
    context = with_axe(browser.new_context())
    page = context.new_page()
    failures = []
    for lang in ("", "fr/", "es/"):
        for plan in PLANS:
            page.goto((site / f"{lang}sessions/{plan}-slides.html").as_uri() + "#slide-4")
            for view in ("audience", "presenter"):
                if view == "presenter":
                    page.keyboard.press("p")
                # The slide fades in over 0.2 s: check what people read once it has.
                page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
                failures += [f"{lang}{plan} {view}: {v}" for v in violations(page)]
    context.close()
    assert not failures, "\n".join(failures)


def test_decks_work_under_nginx_at_a_sub_path_with_the_strict_csp(site, browser, tmp_path):
    """Served at /intranet/careers/ with the strict CSP: no violation, and the deck still works."""
    with serve_with_nginx(site, tmp_path) as base:
        context = browser.new_context()
        page = context.new_page()
        problems = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("response", lambda response: problems.append(response.url) if response.status >= 400 else None)
        response = page.goto(base + "fr/sessions/manager-half-day-slides.html")
        assert response.headers.get("content-security-policy") == CSP
        page.keyboard.press("End")
        assert counter(page) == "Diapositive 13 sur 13"
        page.keyboard.press("p")
        assert page.locator(".presenter").is_visible()
        page.click("text=Plan de séance")
        assert page.url == base + "fr/sessions/manager-half-day.html"
        page.click("text=Ouvrir le diaporama")
        assert counter(page) == "Diapositive 1 sur 13"
        context.close()
        assert problems == []


def test_session_pages_link_their_decks(site):
    """Each session page opens its deck; the facilitator section lists them."""
    for plan in PLANS:
        html = (site / f"es/sessions/{plan}.html").read_text(encoding="utf-8")
        assert f'<a class="button" href="{plan}-slides.html">Abrir la presentación</a>' in html
        assert f'<li><a href="{plan}-slides.html">Diapositivas</a></li>' in html.split('class="materials"')[1]
    guide = (site / "facilitator/index.html").read_text(encoding="utf-8")
    for plan in PLANS:
        assert f"../sessions/{plan}-slides.html" in guide


def test_deck_bullet_with_a_fuzzy_translation_fails_the_build(project):
    """A `slides:` bullet whose French is fuzzy: catalog file:line, a fix, non-zero exit, previous site intact."""
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous build", encoding="utf-8")
    catalog = project / "locales/fr/LC_MESSAGES/sessions.po"
    text = catalog.read_text(encoding="utf-8")
    marker = '\nmsgid "Your career is yours to steer"'
    assert marker in text
    catalog.write_text(text.replace(marker, "\n#, fuzzy" + marker), encoding="utf-8")
    line = text.split(marker)[0].count("\n") + 3  # the msgid, after the new flag line
    result = run_generator(project, "build", "--no-pdf")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"locales/fr/LC_MESSAGES/sessions.po:{line}: the entry 'Your career is yours to steer' is fuzzy "
            "(the English changed) → check the translation, then remove the '#, fuzzy' line") in output
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous build"
    assert "previous site was left untouched" in output
