"""The site as practitioners, trainers and board members use it: on a phone
(Chromium's own phone emulation, not a narrow desktop window), by keyboard,
and on paper. axe cannot see any of this.

Every page kind at 320 and 390 px on a phone and at 1280 px on a desktop:
no sideways scroll, and "Exit this page" fully on screen. A keyboard walk
where every focus stop can be seen. Prints to A4 that fit the paper, with
text of 10pt at least and the page counts the forms are designed for.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from conftest import pdf_pages
from crawl import crawl, one_of_each_kind
from looking import PHONE, focus_walk, layout_problems, printed_past_the_edge, pushes_that_end_a_page_with

SCREENS = {"phone-320": {"width": 320, **PHONE}, "phone-390": {"width": 390, **PHONE},
           "desktop-1280": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def every_kind(site_url, fixture_site_url) -> dict[str, str]:
    """One address of every kind of page, and the pages a crawl cannot reach."""
    kinds = one_of_each_kind(site_url, crawl(site_url))
    kinds.update({
        "not-found": site_url + "404.html",
        "present-mode": site_url + "briefs/familial-homicide-in-a-care-home/?present",
        "presenter-view": site_url + "briefs/familial-homicide-in-a-care-home/?presenter",
        "long-handout": fixture_site_url + "briefs/long-brief/#handout",
        "hostile-brief": fixture_site_url + "briefs/hostile/",
        "hostile-handout": fixture_site_url + "briefs/hostile/#handout",
        "hostile-tracker": fixture_site_url + "recommendations/",
        "search-results": site_url + "search/?q=carers",
        "filtered-tracker": site_url + "recommendations/?status=overdue",
    })
    return kinds


def context_for(browser, screen: str):
    settings = dict(SCREENS[screen])
    width, height = settings.pop("width"), settings.pop("height")
    return browser.new_context(viewport={"width": width, "height": height}, **settings)


@pytest.mark.parametrize("screen", SCREENS)
def test_no_sideways_scroll_and_the_exit_is_always_on_screen(browser, every_kind, screen):
    context = context_for(browser, screen)
    page = context.new_page()
    problems = {}
    for kind, url in sorted(every_kind.items()):
        page.goto(url, wait_until="networkidle")
        found = layout_problems(page)
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # it stays, however far you scroll
        found += [f"after scrolling: {p}" for p in layout_problems(page) if "Exit" in p]
        if found:
            problems[kind] = found
    context.close()
    assert not problems, problems


KEYBOARD_PAGES = ("home", "brief", "themes-index", "recommendations", "quiz", "search-results", "brief-handout",
                  "feedback-form", "seminar-pack", "not-found")


@pytest.mark.parametrize("screen", ["phone-390", "desktop-1280"])
def test_every_keyboard_focus_stop_can_be_seen(browser, every_kind, screen):
    context = context_for(browser, screen)
    page = context.new_page()
    problems = {}
    for kind in KEYBOARD_PAGES:
        page.goto(every_kind[kind], wait_until="networkidle")
        stops, unseen = focus_walk(page)
        assert len(stops) > 5, (kind, stops)
        if "#" in every_kind[kind]:
            # A view opened at a fragment (the handout): as after any link to a
            # place in a page, Tab starts there, and Shift+Tab soon reaches the exit.
            assert stops[0] == "Print or save as PDF", (kind, stops[:3])
            page.goto(every_kind[kind], wait_until="networkidle")
            back, unseen_back = focus_walk(page, key="Shift+Tab")
            assert "Emergency Exit this page" in back and "Print or save as PDF" not in back, (kind, back)
            unseen += unseen_back
        else:
            assert stops[:2] == ["Skip to main content", "Emergency Exit this page"], (kind, stops[:3])
        if unseen:
            problems[kind] = unseen
    context.close()
    assert not problems, problems


FIELD_BOUNDARY = """() => Array.from(document.querySelectorAll(
    'input:not([type=radio]):not([type=checkbox]):not([type=hidden]), select, textarea'))
  .filter(field => field.getClientRects().length && getComputedStyle(field).visibility !== 'hidden')
  .filter(field => {
    const style = getComputedStyle(field);
    const edge = side => parseFloat(style[`border${side}Width`]) >= 1 && style[`border${side}Style`] !== 'none';
    return !edge('Bottom') && !['Top', 'Left', 'Right'].some(edge);
  })
  .map(field => field.id || field.name || field.outerHTML.slice(0, 80))"""


def test_every_field_shows_where_to_type_before_it_has_focus(page, every_kind, site_url):
    """WCAG 1.4.11: a field is seen as one without focus. The board report's
    date had no border at all, only loose text and a calendar glyph."""
    problems = {}
    for kind, url in sorted({**every_kind, "board-report": site_url + "recommendations/board-report/"}.items()):
        page.goto(url, wait_until="networkidle")
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        unbounded = page.evaluate(FIELD_BOUNDARY)
        if unbounded:
            problems[kind] = unbounded
    assert not problems, problems


@pytest.mark.parametrize("screen", ["phone-320", "desktop-1280"])
def test_the_skip_link_is_as_large_as_the_text_it_skips_to_and_leaves_the_exit_clear(browser, every_kind, screen):
    """It showed at 10px, the theme's base size, against 16px body text; at
    its new size it covered the start of "Exit this page" on a phone."""
    context = context_for(browser, screen)
    page = context.new_page()
    found = {}
    for kind in ("home", "brief", "quiz", "feedback-form", "not-found"):
        page.goto(every_kind[kind], wait_until="networkidle")
        page.keyboard.press("Tab")
        found[kind] = page.evaluate("""() => {
            const skip = document.activeElement, exit = document.querySelector('.lb-exit__button');
            if (!skip.classList.contains('lb-skip')) return 'not the skip link';
            const a = skip.getBoundingClientRect(), b = exit.getBoundingClientRect();
            const overlaps = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            return [parseFloat(getComputedStyle(skip).fontSize) >= 16, !overlaps, a.top >= 0];
          }""")
    context.close()
    assert all(result == [True, True, True] for result in found.values()), found


def test_the_closed_menu_takes_no_focus_and_opens_by_keyboard(browser, site_url):
    context = context_for(browser, "phone-390")
    page = context.new_page()
    page.goto(site_url + "about-reviews/", wait_until="networkidle")
    stops, unseen = focus_walk(page)
    assert unseen == []
    assert "Menu" in stops and "Briefs" not in stops, "the drawer's links are skipped while it is closed"
    page.goto(site_url + "about-reviews/", wait_until="networkidle")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    drawer_link = page.locator(".md-sidebar--primary").get_by_role("link", name="Briefs", exact=True)
    expect(drawer_link).to_be_in_viewport()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(drawer_link).not_to_be_in_viewport()
    context.close()


def test_the_open_menu_is_a_dialog_for_the_keyboard(browser, site_url):
    """Open on a phone, the drawer covers the page: Tab stays among what can be
    seen, and the table of contents it holds opens and closes by keyboard."""
    context = context_for(browser, "phone-390")
    page = context.new_page()
    page.goto(site_url + "about-reviews/", wait_until="networkidle")
    menu = page.get_by_role("button", name="Menu")
    menu.focus()
    page.keyboard.press("Enter")
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => { const e = document.activeElement;
            return {name: (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40),
                    place: e === document.body ? 'browser' : e.closest('.md-sidebar--primary') ? 'drawer' : e.closest('.lb-exit') ? 'exit'
                         : e.matches('label.md-header__button[for=__drawer]') ? 'menu' : 'page'}; }""")
        seen.append(where)
        assert where["place"] != "page", f"focus went behind the open menu: {seen}"
    toc_links = page.locator(".md-nav--primary .md-nav--secondary a")
    assert all(not link.evaluate("e => e === document.activeElement") for link in toc_links.all())
    # The page's contents, as the drawer's second panel.
    contents = page.locator('.md-nav--primary label.md-nav__link[for="__toc"]')
    contents.focus()
    expect(contents).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(contents).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and focused.startswith("#"), focused
    expect(page.locator(".md-nav--primary .md-nav--secondary a").first).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(menu).to_be_focused()
    assert page.evaluate("document.querySelector('.md-content').inert") is False
    context.close()


def test_a_wide_table_scrolls_in_its_own_labelled_region_and_says_so(browser, site_url):
    context = context_for(browser, "phone-390")
    page = context.new_page()
    page.goto(site_url + "themes/", wait_until="networkidle")
    region = page.get_by_role("region", name=re.compile("^Briefs 1 to"))
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    hint = page.locator(".lb-scroll-hint").filter(has_text="Scroll sideways")
    assert hint.count() >= 1 and any(h.is_visible() for h in hint.all())
    context.close()


@pytest.mark.parametrize("screen", ["phone-320", "desktop-1280"])
def test_a_table_caption_is_read_whole_however_its_table_is_scrolled(browser, site_url, screen):
    """A caption is as wide as its table: at 320 px "Recommendations by year of
    review, by status" read "..., by" until the table was scrolled, and at
    1280 px the themes matrix's read "...emes each raises" once it was."""
    context = context_for(browser, screen)
    page = context.new_page()
    cut = {}
    for path in ("recommendations/", "themes/", "themes/carers/seminar/"):
        page.goto(site_url + path, wait_until="networkidle")
        for end in ("start", "end"):
            page.evaluate(f"""() => document.querySelectorAll('.lb-table-wrap').forEach(w =>
                w.scrollLeft = '{end}' === 'end' ? w.scrollWidth : 0)""")
            cut[(path, end)] = page.evaluate("""() => [...document.querySelectorAll('.lb-table-wrap > table > caption')]
              .filter(c => !c.classList.contains('lb-visually-hidden')).filter(c => {
                const range = document.createRange(); range.selectNodeContents(c);
                const text = range.getBoundingClientRect(), region = c.closest('.lb-table-wrap').getBoundingClientRect();
                return text.left < region.left - 1 || text.right > region.right + 1;
              }).map(c => c.textContent.trim())""")
    context.close()
    assert not any(cut.values()), cut


def test_the_tracker_is_cards_on_a_phone_and_keeps_its_filters_in_the_address(browser, site_url):
    context = context_for(browser, "phone-390")
    page = context.new_page()
    page.goto(site_url + "recommendations/", wait_until="networkidle")
    lead = page.get_by_label("Lead", exact=True).locator("option").nth(1).get_attribute("value")
    page.goto(site_url + "recommendations/?" + urlencode({"lead": lead}), wait_until="networkidle")
    expect(page.get_by_label("Lead", exact=True)).to_have_value(lead)
    rows = page.locator("[data-lb-rec-rows] tr")
    expect(rows.first).to_be_visible()
    label = rows.first.locator("td[data-label='Status']").evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Status: "'
    # The published briefs give no due dates, so nothing is overdue: a filter with no matches.
    page.get_by_label("Status", exact=True).select_option("overdue")
    expect(page.locator("[data-lb-rec-none]")).to_be_visible()
    assert "status=overdue" in page.url and urlencode({"lead": lead}) in page.url
    page.get_by_role("button", name="Clear the filters").click()
    expect(page.locator("[data-lb-rec-none]")).to_be_hidden()
    assert "?" not in page.url
    context.close()


def test_a_chart_label_is_as_large_as_the_text_around_it(browser, site_url):
    context = context_for(browser, "phone-320")
    page = context.new_page()
    page.goto(site_url + "themes/", wait_until="networkidle")
    sizes = page.locator(".lb-chart__label").evaluate_all("labels => labels.map(l => parseFloat(getComputedStyle(l).fontSize))")
    assert sizes and min(sizes) >= 14
    context.close()


# -- paper -----------------------------------------------------------------------------

PRINTED = [
    # (page, which margins, the most pages it may take)
    ("site:feedback/", "12mm", 1),
    ("fixture:briefs/long-brief/#handout", "12mm", 2),
    ("site:briefs/familial-homicide-in-a-care-home/#handout", "12mm", 2),
    ("site:themes/carers/seminar/", "15mm", 4),
    ("site:briefs/familial-homicide-in-a-care-home/", "15mm", 6),
    ("site:recommendations/", "15mm", 8),
    ("site:themes/", "15mm", 6),
    ("site:quizzes/think-family/", "15mm", 8),
]


@pytest.mark.parametrize("address, paper, most", PRINTED, ids=[p[0].split(":", 1)[1] for p in PRINTED])
def test_printed_pages_fit_a4_with_every_border_and_readable_text(page, site_url, fixture_site_url, address, paper, most):
    base, path = address.split(":", 1)
    page.goto((site_url if base == "site" else fixture_site_url) + path, wait_until="networkidle")
    assert printed_past_the_edge(page, paper) == []
    sizes = page.locator("main p, main li, main td, main dd").evaluate_all(
        "nodes => nodes.filter(n => n.offsetParent !== null && n.innerText.trim()).map(n => parseFloat(getComputedStyle(n).fontSize))")
    assert sizes and min(sizes) >= 10 * 96 / 72 - 0.01, "body text at 10pt or more"
    pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
    assert 1 <= pages <= most


def test_the_seminar_pack_does_not_start_with_a_mostly_blank_page(page, site_url):
    page.goto(site_url + "themes/carers/seminar/", wait_until="networkidle")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 1000})
    # The first brief card may break across pages, so it starts on page one.
    assert page.locator("li.lb-card").first.evaluate("e => getComputedStyle(e).breakInside") == "auto"
    # A card that breaks is closed at the foot of one page and opened at the top of the next.
    assert page.locator("li.lb-card").first.evaluate("e => getComputedStyle(e).boxDecorationBreak") == "clone"


def test_theme_names_in_a_table_are_never_broken_mid_word(browser, site_url):
    context = context_for(browser, "phone-320")
    page = context.new_page()
    page.goto(site_url + "themes/", wait_until="networkidle")
    broken = page.locator("table.lb-table a").evaluate_all("""links => links.filter(a => {
        const words = a.textContent.trim().split(/\\s+/).length;
        const range = document.createRange(); range.selectNodeContents(a);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        return lines.size > words;
      }).map(a => a.textContent.trim())""")
    assert broken == [], broken
    context.close()


def test_on_paper_the_theme_matrix_fits_the_page_and_buttons_are_left_off(page, site_url):
    page.goto(site_url + "themes/", wait_until="networkidle")
    assert printed_past_the_edge(page, "15mm") == []
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 1000})
    table = page.locator("table.lb-matrix")
    assert table.evaluate("t => t.getBoundingClientRect().right") <= table.evaluate(
        "t => t.closest('.md-content').getBoundingClientRect().right") + 1, "every theme column on the paper"
    sizes = table.locator("th[scope=col]").evaluate_all("hs => hs.map(h => parseFloat(getComputedStyle(h).fontSize))")
    assert min(sizes) >= 9 * 96 / 72 - 0.01
    page.goto(site_url + "quizzes/think-family/", wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator("button").evaluate_all("bs => bs.filter(b => b.offsetParent !== null).length") == 0
    page.emulate_media(media="screen")
    assert page.get_by_role("button", name=re.compile("^Check answer")).first.is_visible()


def test_a_quiz_question_sits_inside_its_box_and_each_option_stays_whole_on_paper(page, site_url):
    """As a plain legend, a long question ran across the box's top border; on
    paper, a box to tick printed at the top of one page and its words at the
    foot of the one before."""
    page.goto(site_url + "quizzes/think-family/", wait_until="networkidle")
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        across = page.locator("fieldset.lb-question").evaluate_all("""sets => sets.filter(set => {
            const legend = set.querySelector('legend').getBoundingClientRect();
            return legend.top < set.getBoundingClientRect().top + parseFloat(getComputedStyle(set).borderTopWidth);
          }).map(set => set.id)""")
        assert across == [], (media, across)
    breaks = page.locator(".lb-option").evaluate_all("os => [...new Set(os.map(o => getComputedStyle(o).breakInside))]")
    assert breaks == ["avoid"], breaks


def test_on_paper_a_table_starts_on_its_captions_page(page, fixture_site_url):
    """The tracker printed "Recommendations by status at the end of each
    quarter" alone at the foot of a page, its table on the next."""
    page.goto(fixture_site_url + "recommendations/", wait_until="networkidle")
    caption = page.locator(".lb-table-wrap > table > caption").first.inner_text().strip()
    assert pushes_that_end_a_page_with(page, ".lb-table-wrap", (caption,), step=60) == [], caption


def test_on_paper_a_quiz_question_stays_with_its_first_option(page, site_url):
    """A question and "Select one answer." were left at the foot of a page with
    every option on the next."""
    page.goto(site_url + "quizzes/recognising-coercive-control/", wait_until="networkidle")
    hints = ("Select one answer.", "Select all that apply.")
    assert pushes_that_end_a_page_with(page, "fieldset.lb-question", hints, step=50) == []


def test_links_worth_following_up_carry_their_address_on_paper(page, site_url):
    page.goto(site_url + "recommendations/", wait_until="networkidle")
    printed = page.locator(".lb-downloads .lb-print-address")
    expect(printed.first).to_be_hidden()
    page.emulate_media(media="print")
    expect(printed.first).to_be_visible()
    assert re.search(r"\(https?://\S+/recommendations/recommendations\.csv\)", printed.first.inner_text())
    page.goto(site_url + "briefs/familial-homicide-in-a-care-home/#handout", wait_until="networkidle")
    html = page.locator(".lb-handout__source").inner_html()
    assert "://<wbr>" not in html and "//<wbr>" not in html, "never broken straight after https://"
    # A trainer's printed pack: each brief to cover and the quiz, findable from the paper.
    page.goto(site_url + "themes/carers/seminar/", wait_until="networkidle")
    page.emulate_media(media="print")
    for section, path in (("#briefs-to-cover", "/briefs/"), ("#pack-quiz", "/quizzes/")):
        links = page.locator(f"section:has({section}) li a:not(.lb-no-print a)").filter(visible=True)
        printed = page.locator(f"section:has({section}) li .lb-print-address")
        expect(printed.first).to_be_visible()
        assert links.count() == printed.count() > 0, section
        assert all(path in text for text in printed.all_inner_texts()), printed.all_inner_texts()



def test_a_printed_address_breaks_only_between_its_parts(page, site_url):
    page.goto(site_url + "briefs/familial-homicide-in-a-care-home/#handout", wait_until="networkidle")
    source = page.locator(".lb-handout__source")
    assert source.locator("wbr").count() >= 3
    assert source.evaluate("e => getComputedStyle(e).wordBreak") == "normal"
