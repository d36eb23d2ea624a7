"""Present mode, the 7-minute briefing handout, seminar packs, the feedback
form and the offline pack, used as a trainer would use them."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conftest import FIXTURES, ROOT, pdf_pages
from looking import A4_WIDTH_PX, printed_pages
from macros.content.loader import load_content
from macros.content.markdown import plain_text
from macros.render.seminars import slide_notes

FULL = "full"  # tests/fixtures/briefs/valid/full.yml: facilitator notes everywhere


def load_fixture(slug: str):
    """The model of one of the valid example briefs."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "briefs").mkdir()
        (root / "quizzes").mkdir()
        shutil.copy2(ROOT / "briefs/_themes.yml", root / "briefs")
        for quiz in (ROOT / "quizzes").glob("*.yml"):
            shutil.copy2(quiz, root / "quizzes")
        shutil.copy2(FIXTURES / "briefs/valid" / f"{slug}.yml", root / "briefs")
        result = load_content(root)
        assert result.ok, result.problems
        return result.content.briefs[0]


def slide_count(brief) -> int:
    """The header, every section of the brief page but the learning and notes,
    and one slide per theme of learning."""
    sections = brief.sections(bool(brief.quiz))
    return 1 + len([s for s in sections if s.slide == "section"]) + len(brief.learning)


def facilitator_notes(brief) -> list[str]:
    return [plain_text(n) for n in brief.facilitator_notes.values()] + [
        plain_text(i.facilitator_notes) for i in brief.learning if i.facilitator_notes
    ]


def test_present_mode_by_keyboard(page, fixture_site_url, page_errors):
    brief = load_fixture(FULL)
    page.goto(f"{fixture_site_url}briefs/{FULL}/", wait_until="networkidle")
    page.get_by_role("button", name="Present as slides").click()
    position = page.locator("[data-lb-position]")
    total = slide_count(brief)
    expect(position).to_have_text(f"1 / {total}")
    expect(page.get_by_role("heading", level=1)).to_have_text(brief.title)
    expect(page.locator(".lb-slide:visible")).to_have_count(1)
    expect(page.locator(".md-header")).to_be_hidden()  # the deck is all the page shows
    expect(page.locator(".lb-exit__button")).to_be_visible()  # but the quick exit stays

    seen_text = []
    notes = facilitator_notes(brief)
    for number in range(1, total + 1):
        expect(position).to_have_text(f"{number} / {total}")
        slide = page.locator(".lb-slide:visible")
        text = slide.inner_text()
        seen_text.append(text)
        for note in notes:
            assert note not in text, f"facilitator notes on audience slide {number}"
        page.keyboard.press("ArrowRight")
    expect(position).to_have_text(f"{total} / {total}")  # stays on the last slide
    page.keyboard.press("Home")
    expect(position).to_have_text(f"1 / {total}")
    page.keyboard.press("End")
    expect(position).to_have_text(f"{total} / {total}")
    for _ in range(total - 1):
        page.keyboard.press("ArrowLeft")
    expect(position).to_have_text(f"1 / {total}")
    page.keyboard.press("Space")
    expect(position).to_have_text(f"2 / {total}")
    page.keyboard.press("PageUp")
    expect(position).to_have_text(f"1 / {total}")

    everything = " ".join("\n".join(seen_text).split())
    for item in brief.learning:
        for point in item.points:
            assert plain_text(point) in everything, point
    for question in brief.reflective_questions:
        assert " ".join(question.split()) in everything
    assert "See these in the recommendations tracker" not in everything  # marked as not for slides

    page.keyboard.press("Escape")
    expect(page.locator(".lb-deck")).to_be_hidden()
    expect(page.get_by_role("button", name="Present as slides")).to_be_focused()
    expect(page.locator(".md-header")).to_be_visible()
    assert "#" not in page.url and "?" not in page.url
    assert page_errors == []



def test_a_slide_too_long_for_the_screen_scrolls_with_a_clicker_before_moving_on(browser, fixture_site_url):
    """A projector at 1280 by 720, and a clicker, which sends Page Down and Page Up."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{fixture_site_url}briefs/long-brief/?present", wait_until="networkidle")
    position = page.locator("[data-lb-position]")
    more = page.locator(".lb-deck__more")
    found_long = False
    for _ in range(40):
        slide = page.locator(".lb-slide:visible")
        overflowing = slide.evaluate("s => s.scrollHeight > s.clientHeight + 1")
        if overflowing:
            found_long = True
            expect(more).to_be_visible()
            expect(more).to_have_text("More below: scroll, or press Page Down")
            notice, view = more.bounding_box(), slide.bounding_box()
            assert notice["y"] >= view["y"] + view["height"] - 1, "the notice sits under the slide, not over its text"
            start = position.inner_text()
            last = slide.locator("li, p").last
            seen_last = False
            while position.inner_text() == start:
                box, view = last.bounding_box(), slide.bounding_box()
                seen_last = seen_last or (box["y"] + box["height"] <= view["y"] + view["height"] + 1)
                page.keyboard.press("PageDown")
            assert seen_last, f"the end of slide {start} was never on screen"
            page.keyboard.press("PageUp")  # back to the long slide, at its top
            expect(position).to_have_text(start)
            page.keyboard.press("ArrowRight")
        else:
            expect(more).to_be_hidden()
            before = position.inner_text()
            page.keyboard.press("PageDown")
            if position.inner_text() == before:
                break  # the last slide
    assert found_long, "the long fixture brief has a slide taller than a projector screen"
    # Text shrinks to fit first, never below 70% of its size.
    scales = page.evaluate("""() => [...document.querySelectorAll('.lb-slide')]
        .map(s => parseFloat(s.style.getPropertyValue('--lb-slide-scale') || '1'))""")
    assert min(scales) >= 0.7
    context.close()

def test_facilitator_notes_only_in_the_presenter_window(page, fixture_site_url):
    """With a projector mirroring the laptop, the audience must never see the
    notes: they are only in the presenter view, a window of its own."""
    brief = load_fixture(FULL)
    page.goto(f"{fixture_site_url}briefs/{FULL}/?present", wait_until="networkidle")
    expect(page.locator("[data-lb-position]")).to_have_text(f"1 / {slide_count(brief)}")
    with page.context.expect_page() as opened:
        page.keyboard.press("n")
    presenter = opened.value
    presenter.wait_for_load_state("networkidle")
    notes = presenter.get_by_role("region", name="Facilitator notes, slide 1")
    expect(notes).to_contain_text("Introduce the partnership.")
    everything_shown = " ".join(page.locator("body").inner_text().split())
    for note in facilitator_notes(brief):
        assert note not in everything_shown, "a note reached the audience window"
    presenter.keyboard.press("End")  # the quiz, then the resources before it
    expect(presenter.locator(".lb-presenter__notes")).to_contain_text("No facilitator notes for this slide.")
    presenter.keyboard.press("ArrowLeft")
    expect(presenter.locator(".lb-slide:visible h2")).to_have_text("Resources")
    expect(presenter.locator(".lb-presenter__notes")).to_contain_text("Point to the helpline.")
    expect(page.locator(".lb-slide:visible h2")).to_have_text("Resources")  # the audience follows
    expect(presenter.locator("[data-lb-upcoming]")).to_have_text("Next: Check your learning")


def test_the_two_windows_keep_in_step_both_ways(page, fixture_site_url):
    brief = load_fixture(FULL)
    total = slide_count(brief)
    page.goto(f"{fixture_site_url}briefs/{FULL}/", wait_until="networkidle")
    page.get_by_role("button", name="Present as slides").click()
    page.keyboard.press("ArrowRight")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Presenter view").click()
    presenter = opened.value
    presenter.wait_for_load_state("networkidle")
    expect(presenter.locator("[data-lb-position]")).to_have_text(f"2 / {total}")  # opens where the audience is
    presenter.get_by_role("button", name="Next slide").click()
    expect(page.locator("[data-lb-position]")).to_have_text(f"3 / {total}")
    page.keyboard.press("ArrowRight")
    expect(presenter.locator("[data-lb-position]")).to_have_text(f"4 / {total}")
    presenter.get_by_role("button", name="Start timer").click()
    expect(presenter.get_by_role("timer")).to_have_text("00:01", timeout=10_000)
    # The audience window stops: the presenter is told, and a move there starts it again.
    page.keyboard.press("Escape")
    notice = presenter.locator("[data-lb-audience]")
    expect(notice).to_have_text("The audience window has stopped presenting. Move to a slide to start it again.")
    expect(presenter.locator("[aria-live]").filter(has_text="audience window has stopped")).to_have_count(1)
    presenter.keyboard.press("ArrowRight")
    expect(page.locator("[data-lb-position]")).to_have_text(f"5 / {total}")
    expect(notice).to_be_hidden()


def _to_a_long_slide(page):
    for _ in range(40):
        if page.locator(".lb-deck__more--shown").count():
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError("the long fixture brief has a slide taller than the screen")


def test_more_below_is_never_covered_and_names_only_what_the_device_has(browser, fixture_site_url):
    """Full screen, the controls came up over the notice; on a phone it named a
    Page Down key the phone has not got."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{fixture_site_url}briefs/long-brief/?present", wait_until="networkidle")
    _to_a_long_slide(page)
    page.get_by_role("button", name="Full screen").click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    page.mouse.move(300, 300)
    page.mouse.move(320, 320)  # the controls show while the pointer moves
    page.wait_for_function("() => getComputedStyle(document.querySelector('.lb-deck__toolbar')).opacity === '1'")
    notice, toolbar = page.locator(".lb-deck__more").bounding_box(), page.locator(".lb-deck__toolbar").bounding_box()
    assert notice["y"] + notice["height"] <= toolbar["y"] + 1, (notice, toolbar)
    context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{fixture_site_url}briefs/long-brief/?present", wait_until="networkidle")
    _to_a_long_slide(page)
    expect(page.locator(".lb-deck__more")).to_have_text("More below: scroll down")
    phone.close()


def test_full_screen_shows_only_the_slide(page, fixture_site_url):
    page.goto(f"{fixture_site_url}briefs/{FULL}/?present", wait_until="networkidle")
    page.get_by_role("button", name="Full screen").click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    toolbar = page.get_by_role("toolbar", name="Slide controls")
    # The controls fade once the pointer rests; no focus ring is left on a button.
    page.wait_for_function("() => getComputedStyle(document.querySelector('.lb-deck__toolbar')).opacity === '0'", timeout=10_000)
    assert page.evaluate("document.activeElement.classList.contains('lb-deck')")
    expect(page.locator(".lb-deck__help")).to_be_hidden()
    page.mouse.move(300, 300)
    page.mouse.move(320, 320)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.lb-deck__toolbar')).opacity === '1'", timeout=10_000)
    expect(toolbar).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-lb-position]")).to_contain_text("2 /")


def test_every_facilitator_note_reaches_a_slide():
    brief = load_fixture(FULL)
    notes = slide_notes(brief, brief.sections(bool(brief.quiz)))
    shown = " ".join(" ".join(plain_text(str(html)) for _, html in notes).split())
    for note in facilitator_notes(brief):
        assert " ".join(note.split()) in shown
    # A brief without "why it matters" still shows those notes, on the nearest slide before it.
    bare = dataclasses.replace(brief, why_it_matters=None, key_questions=(), engagement=None)
    moved = dict(slide_notes(bare, bare.sections(bool(bare.quiz))))
    assert plain_text(brief.facilitator_notes["why_it_matters"]) in plain_text(str(moved["background"]))
    with_engagement = dataclasses.replace(brief, why_it_matters=None, key_questions=())
    moved = dict(slide_notes(with_engagement, with_engagement.sections(bool(brief.quiz))))
    assert plain_text(brief.facilitator_notes["why_it_matters"]) in plain_text(str(moved["engagement"]))


def test_present_mode_is_linked_from_the_brief_and_has_full_screen(page, site_url):
    page.goto(site_url + "briefs/kent-and-medway-lessons-learned/", wait_until="networkidle")
    page.get_by_role("button", name="Present as slides").click()
    expect(page.locator("[data-lb-position]")).to_have_text(re.compile(r"^1 / \d+$"))
    expect(page.get_by_role("button", name="Full screen")).to_be_visible()
    page.get_by_role("button", name="Next slide").click()
    expect(page.locator("[data-lb-position]")).to_have_text(re.compile(r"^2 / \d+$"))
    assert page.url.endswith("#slide=2")
    page.get_by_role("button", name="Back to the brief").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kent and Medway")
    expect(page.locator(".lb-deck")).to_be_hidden()


def test_present_button_only_with_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "briefs/kent-and-medway-lessons-learned/")
    expect(page.get_by_role("button", name="Present as slides")).to_be_hidden()
    expect(page.get_by_role("heading", name="Learning", exact=True)).to_be_visible()
    context.close()


def test_the_handout_is_the_brief_page_at_handout_with_javascript_off(browser, site_url):
    """One page per brief: the 7-minute briefing is the brief page seen (and
    printed) at #handout, by CSS alone."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "briefs/kent-and-medway-lessons-learned/", wait_until="networkidle")
    plan = page.get_by_role("heading", name="Team action plan")
    learning = page.get_by_role("heading", name="Learning", exact=True)
    expect(plan).to_be_hidden()
    page.emulate_media(media="print")
    expect(plan).to_be_hidden()  # printing the brief prints the brief
    expect(learning).to_be_visible()
    page.emulate_media(media="screen")
    page.get_by_role("link", name="7-minute briefing handout").click()
    assert page.url.endswith("/#handout")
    expect(plan).to_be_visible()
    expect(learning).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("columnheader", name="By when")).to_be_visible()
    # Without JavaScript the print button would do nothing, so it is not shown.
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    page.get_by_role("link", name="Back to the full brief").click()
    expect(learning).to_be_visible()
    expect(plan).to_be_hidden()
    page.go_back()
    expect(plan).to_be_visible()
    context.close()


def test_the_handout_by_keyboard_and_back_into_present_mode(page, fixture_site_url):
    page.goto(f"{fixture_site_url}briefs/{FULL}/", wait_until="networkidle")
    page.get_by_role("link", name="7-minute briefing handout").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Team action plan")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_focused()
    # A presenter view opened in a second window starts the slides in this one,
    # handout and all; when they close, this window shows the brief again.
    presenter = page.context.new_page()
    presenter.goto(f"{fixture_site_url}briefs/{FULL}/?presenter", wait_until="networkidle")
    expect(page.locator("[data-lb-position]")).to_have_text(re.compile(r"^1 / \d+$"))
    page.bring_to_front()
    page.keyboard.press("Escape")
    expect(page.get_by_role("heading", name="Team action plan")).to_be_hidden()
    expect(page.get_by_role("button", name="Present as slides")).to_be_focused()
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Learning", exact=True)).to_be_visible()
    presenter.close()


def test_an_old_handout_address_goes_on_to_the_handout_view(page, site_url, built_site):
    """Handouts were pages of their own (briefs/<slug>/handout.html) until
    2026-12-01; a host shows the 404 page there, which moves on to the view."""
    page.route("**/handout.html", lambda route: route.fulfill(status=404, path=built_site / "404.html"))
    page.goto(site_url + "briefs/familial-homicide-in-a-care-home/handout.html")
    page.wait_for_url(site_url + "briefs/familial-homicide-in-a-care-home/#handout")
    expect(page.get_by_role("heading", name="Team action plan")).to_be_visible()
    # Never away from the site, whatever the path holds.
    left: list[str] = []
    page.route("http://evil.example/**", lambda route: (left.append(route.request.url), route.abort()))
    origin = site_url.split("/", 3)[:3]
    for odd in ("/evil.example/briefs/x/handout.html", "/\\evil.example/briefs/x/handout.html"):
        page.goto("/".join(origin) + "/" + odd)
        page.wait_for_url("/".join(origin) + "/**")
        page.wait_for_load_state("networkidle")
        assert page.url.startswith("/".join(origin) + "/") and left == [], (odd, page.url, left)
    page.route("**/nothing-here/", lambda route: route.fulfill(status=404, path=built_site / "404.html"))
    page.goto(site_url + "nothing-here/", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()


def test_a_table_in_the_background_is_left_to_the_full_brief(fixture_site):
    """Printed as a run of words, a table reads wrongly ("Heddlu 4 Yes Bwrdd
    Iechyd 7 No"): the handout leaves it out and says there is more."""
    html = (fixture_site / "briefs/welsh-and-quotes/index.html").read_text(encoding="utf-8")
    handout = html[html.index('id="handout"'):]
    background = handout[handout.index('id="handout-background"'):handout.index("</section>")]
    assert "The panel met in Llŷn" in background and "Heddlu" not in background
    assert "[a table: see the full brief]" in background


def test_without_the_stylesheet_the_page_is_the_brief_once(page, site_url):
    """While site.css loads, or if it never arrives, the handout stays hidden:
    the page reads as the brief, with one title."""
    page.route("**/site.css", lambda route: route.abort())
    page.goto(site_url + "briefs/kent-and-medway-lessons-learned/#handout", wait_until="load")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("heading", name="Team action plan")).to_have_count(0)
    expect(page.get_by_role("heading", name="Learning", exact=True)).to_be_visible()


def test_a_seminar_pack_and_the_open_data_lead_to_the_handout_view(page, site_url, built_site):
    page.goto(site_url + "themes/carers/seminar/", wait_until="networkidle")
    page.get_by_role("link", name=re.compile("^7-minute briefing handout")).first.click()
    assert page.url.endswith("/#handout")
    expect(page.get_by_role("heading", name="Team action plan")).to_be_visible()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    assert not list(built_site.glob("**/handout.html"))


@pytest.mark.parametrize("slug", ["long-brief", "full", "minimal", "welsh-and-quotes"])
def test_handout_prints_on_at_most_two_a4_pages(page, fixture_site_url, slug, tmp_path):
    brief = load_fixture(slug)
    page.goto(f"{fixture_site_url}briefs/{slug}/#handout", wait_until="networkidle")
    page.emulate_media(media="print")
    printed = " ".join(page.locator("main").inner_text().split())
    assert " ".join(brief.summary.split()) in printed
    for theme_id in brief.themes:
        title = load_content(ROOT).content.themes[theme_id].title
        assert title in printed, theme_id
    for question in brief.reflective_questions:
        assert " ".join(question.split()) in printed
    for section in ("Background", "Key findings", "What agencies will do", "What to remember",
                    "Questions for reflection", "Team action plan"):
        assert section in printed
    # "Why it matters" only where the brief says; never the summary a second time.
    assert ("Why it matters" in printed) == bool(brief.why_it_matters)
    assert printed.count(" ".join(brief.summary.split())) == 1
    # Each label on the action plan stays with its line to write on, at the
    # width of the paper.
    page.set_viewport_size({"width": A4_WIDTH_PX["12mm"], "height": 1100})
    fields = page.locator(".lb-handout__fields > span")
    assert fields.evaluate_all("spans => spans.every(s => s.getClientRects().length === 1)")
    expect(page.get_by_role("columnheader", name="By when")).to_be_visible()
    expect(page.locator(".lb-exit__button")).to_be_hidden()
    pdf = page.pdf(path=str(tmp_path / f"{slug}.pdf"), format="A4")
    assert 1 <= pdf_pages(pdf) <= 2


def test_seminar_pack_assembles_the_theme(page, site_url):
    page.goto(site_url + "themes/information-sharing/", wait_until="networkidle")
    page.get_by_role("link", name="Seminar pack for this theme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seminar pack: Information sharing")
    for heading in ("Learning objectives", "Session plan", "Briefs to cover", "Discussion questions", "Self-check quiz", "Sign-in sheet"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator(".lb-theme-briefs > li")).to_have_count(4)
    expect(page.get_by_role("link", name="Referral pathways")).to_be_visible()
    page.get_by_role("link", name="Present as slides").first.click()
    expect(page.locator("[data-lb-position]")).to_have_text(re.compile(r"^1 / \d+$"))
    page.keyboard.press("Escape")
    page.go_back()
    page.emulate_media(media="print")
    expect(page.locator(".lb-sign-in__table tbody tr")).to_have_count(18)
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()


def test_one_feedback_form_names_the_session_it_was_opened_from(page, site_url):
    page.goto(site_url + "briefs/kent-and-medway-lessons-learned/#handout", wait_until="networkidle")
    page.get_by_role("link", name="Feedback form").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback form")
    subject = page.locator("[data-lb-feedback-for]")
    expect(subject).to_contain_text("Kent and Medway")
    expect(page.get_by_text("Has the session helped you to develop or adapt your practice?")).to_be_visible()
    expect(page.get_by_text("You can also give feedback online")).to_have_count(0)
    # Real controls, to fill in on screen or on paper, but never a data store:
    # no <form> to submit, nothing sent, nothing kept in the browser.
    assert page.locator("form").count() == 0
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.get_by_role("group", name="How useful was the session to your work?").get_by_label("Useful", exact=True).check()
    answer = page.get_by_label("What will you do differently as a result? Please give an example.")
    answer.fill("Ask about carers at every visit.")
    answer.press("Enter")
    page.get_by_label("Date:").fill("1 December 2026")
    page.get_by_label("Date:").press("Enter")
    assert requests == [] and page.evaluate("localStorage.length + sessionStorage.length") == 0

    page.goto(site_url + "themes/carers/seminar/", wait_until="networkidle")
    page.get_by_role("link", name="Printable feedback form").click()
    expect(subject).to_have_text("Carers seminar")

    # Whatever a link puts in ?for= is shown as words, never as markup.
    page.goto(site_url + "feedback/?for=" + quote("<img src=x onerror=alert(1)>"), wait_until="networkidle")
    expect(subject).to_have_text("<img src=x onerror=alert(1)>")
    assert page.locator(".lb-feedback-form img").count() == 0


@pytest.mark.parametrize("browser_kind", ["chromium", "without field-sizing", "javascript off"])
def test_typed_answers_print_in_full(browser, site_url, browser_kind):
    """The form says answers can be typed and printed: a long answer printed
    cut to its box, a scrolled one without its start, and a long role on one
    line cut at the page's edge."""
    context = browser.new_context(java_script_enabled=browser_kind != "javascript off")
    page = context.new_page()
    if browser_kind == "without field-sizing":  # Firefox, say: boxes keep their size
        page.route("**/standalone.css", lambda route: route.fulfill(
            response=route.fetch(), body=route.fetch().text().replace("field-sizing: content;", "")))
    page.goto(site_url + "feedback/", wait_until="networkidle")
    answer = " ".join(f"Sentence {n} of what we will change, with enough words to fill a line or more on paper." for n in range(1, 9))
    page.get_by_label("What will you do differently as a result? Please give an example.").fill(answer)
    page.get_by_label("Any other comments").fill(answer.replace("Sentence", "Comment"))
    role = "Senior Practitioner, Adult Social Care Hospital Discharge and Integrated Neighbourhood Team (North Locality)"
    page.get_by_label("Your role or team (optional):").fill(role)
    if browser_kind == "chromium":  # put back by the browser (after Back, say), with no input event
        page.evaluate("() => { document.querySelector('#feedback-role').value += ' (restored)'; }")
        role += " (restored)"
    text = " ".join(printed_pages(page.pdf(format="A4")))
    context.close()
    for n in (1, 8):
        assert f"Sentence {n} of what we will change" in text and f"Comment {n} of what we will change" in text, text
    if browser_kind != "javascript off":  # a line of its own cannot wrap without the script's copy
        assert role in text, text


def test_online_feedback_link_appears_when_configured(tmp_path):
    from conftest import build, make_project

    project = make_project(tmp_path / "project", seed_briefs=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "    quick_exit_url: https://www.bbc.co.uk/weather\n",
        "    quick_exit_url: https://www.bbc.co.uk/weather\n    seminar_feedback_url: https://forms.example.org/seminar\n",
    ))
    result = build(project)
    assert result.returncode == 0, result.output
    pack = (result.site / "themes/carers/seminar/index.html").read_text()
    form = (result.site / "feedback/index.html").read_text()
    assert 'href="https://forms.example.org/seminar"' in pack
    assert 'href="https://forms.example.org/seminar"' in form
    default = build(make_project(tmp_path / "default", seed_briefs=True))
    assert "forms.example.org" not in (default.site / "feedback/index.html").read_text()


@pytest.fixture(scope="module")
def offline_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / "pack.zip"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts/offline_pack.py"), "--output", str(archive)],
        capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(folder)
    return folder / "learning-briefs"


def test_offline_pack_works_from_disk_with_no_network(browser, offline_folder):
    context = browser.new_context()
    leaked: list[str] = []

    def block(route):
        leaked.append(route.request.url)
        route.abort()

    context.route("http://**", block)
    context.route("https://**", block)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    home = offline_folder / "index.html"
    assert (offline_folder / "README.txt").is_file()

    page.goto(home.as_uri())
    page.get_by_role("link", name="Think Family: a familial homicide in a care home").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Think Family: a familial homicide in a care home")
    assert page.url.endswith("briefs/familial-homicide-in-a-care-home.html")

    page.locator("#learning-carers").get_by_role("link", name="Carers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carers")

    page.goto((offline_folder / "search/index.html").as_uri())
    page.get_by_label("Search briefs, quizzes and pages").fill("grandson")
    result = page.locator(".lb-search__results li a").first
    expect(result).to_have_text("Think Family: a familial homicide in a care home")
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Think Family: a familial homicide in a care home")

    page.goto((offline_folder / "quizzes/think-family.html").as_uri())
    group = page.get_by_role("group", name="Question 1 of 9")
    group.get_by_label("To work only with the family member who was referred").check()
    group.get_by_role("button", name="Check answer").click()
    expect(group.locator(".lb-feedback")).to_contain_text("Not quite.")

    page.goto((offline_folder / "briefs/familial-homicide-in-a-care-home.html").as_uri())
    page.get_by_role("link", name="7-minute briefing handout").click()
    expect(page.get_by_role("heading", name="Team action plan")).to_be_visible()
    page.get_by_role("link", name="Back to the full brief").click()
    page.get_by_role("button", name="Present as slides").click()
    page.keyboard.press("End")
    expect(page.locator("[data-lb-position]")).to_have_text(re.compile(r"^(\d+) / \1$"))
    assert leaked == []
    assert errors == []
    context.close()
