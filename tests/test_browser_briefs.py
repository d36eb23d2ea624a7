"""A reader's path through the site in real Chromium: the listing, a brief,
a theme page, and finding a brief through search."""

from __future__ import annotations

import re

from playwright.sync_api import expect

BRIEF = "Think Family: a familial homicide in a care home"


def test_listing_to_brief_to_theme(page, site_url, outside_requests, page_errors):
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Briefs").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Briefs")
    cards = page.locator(".lb-card__title")
    titles = cards.all_inner_texts()
    assert titles[0] == "What 33 domestic homicide reviews asked of children's services"  # newest first
    assert titles[1:] == sorted(titles[1:], key=str.casefold), "then by title among briefs of one day"

    page.get_by_role("link", name=BRIEF).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BRIEF)
    expect(page.locator("dl.lb-facts").first).to_contain_text("Domestic Homicide Review")
    expect(page.get_by_role("heading", name="Learning", exact=True)).to_be_visible()
    expect(page.locator("#rec-1")).to_contain_text("Lead")

    page.locator("#learning-carers").get_by_role("link", name="Carers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carers")
    expect(page.get_by_role("link", name=BRIEF, exact=True)).to_be_visible()
    expect(page.locator(".lb-points li").first).to_contain_text("Offer carers' assessments proactively")
    page.locator(".lb-point-source").first.click()
    assert page.url.endswith("#learning-carers")
    assert outside_requests == []
    assert page_errors == []


def test_listing_filters_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "briefs/")
    expect(page.locator("form.lb-filter")).to_be_hidden()
    browse = page.get_by_role("navigation", name="Browse briefs")
    browse.get_by_role("link", name="Lessons-learned review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lessons-learned reviews")
    expect(page.locator(".lb-card__title")).to_have_count(1)
    page.go_back()
    browse.get_by_role("link", name="2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Briefs published in 2026")
    expect(page.locator(".lb-card__title")).to_have_count(4)
    page.go_back()
    browse.get_by_role("link", name="All 4 partnerships").click()
    page.get_by_role("link", name="Southend, Essex and Thurrock").click()
    expect(page.locator(".lb-card__title")).to_have_text([BRIEF])
    context.close()


def test_find_a_brief_through_search(page, site_url, outside_requests, page_errors):
    page.goto(site_url, wait_until="networkidle")
    page.get_by_label("Search briefs, quizzes and pages").fill("grandson care home")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("result")
    first = page.locator(".lb-search__results li").first
    expect(first).to_contain_text(BRIEF)
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BRIEF)
    assert outside_requests == []
    assert page_errors == []


def test_search_matches_word_beginnings_and_filters(page, site_url):
    page.goto(site_url + "search/?q=coerc", wait_until="networkidle")
    expect(page.get_by_role("status")).to_contain_text("results for “coerc”")
    page.get_by_text("Filter by type of review, partnership, year or theme").click()
    page.get_by_label("Type of review").select_option("lessons-learned")
    expect(page.locator(".lb-search__results li")).to_have_count(1)
    expect(page.locator(".lb-search__results")).to_contain_text("Kent and Medway")
    assert "type=lessons-learned" in page.url

    page.get_by_label("Search briefs, quizzes and pages").fill("")
    page.get_by_label("Type of review").select_option("")
    page.get_by_label("Theme", exact=True).select_option("carers")
    expect(page.locator(".lb-search__results li")).to_have_count(1)
    page.get_by_label("Search briefs, quizzes and pages").fill("zzzzqqq")
    expect(page.get_by_role("status")).to_have_text(re.compile("No results"))


def test_listing_filter_form_leads_to_search(page, site_url):
    page.goto(site_url + "briefs/", wait_until="networkidle")
    form = page.get_by_role("search", name="Filter briefs")
    form.get_by_text("Filter by type of review, partnership, year or theme").click()
    form.get_by_label("Partnership").select_option(label="Kent and Medway")
    form.get_by_role("button", name="Show briefs").click()
    expect(page.locator(".lb-search__results li")).to_have_count(1)
    expect(page.locator(".lb-search__results")).to_contain_text("Kent and Medway")


def test_search_explains_itself_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/")
    expect(page.get_by_text("Search needs JavaScript")).to_be_visible()
    expect(page.get_by_role("link", name="browse every brief")).to_be_visible()
    context.close()


def test_brief_page_is_readable_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "briefs/familial-homicide-in-a-care-home/", wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "no sideways scrolling on a phone"
    expect(page.get_by_role("button", name="Emergency Exit this page")).to_be_in_viewport()
    context.close()


def test_brief_prints_as_a_clean_handout(page, site_url, tmp_path):
    page.goto(site_url + "briefs/familial-homicide-in-a-care-home/", wait_until="networkidle")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".lb-footer", ".lb-exit__button", ".lb-contents"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.get_by_role("heading", name="Learning", exact=True)).to_be_visible()
    pdf = page.pdf(path=str(tmp_path / "brief.pdf"), format="A4")
    assert pdf[:4] == b"%PDF"
