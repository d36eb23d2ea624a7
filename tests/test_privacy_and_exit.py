"""Nothing leaves the site, the security policy holds, and the quick exit works."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from crawl import crawl

EXIT_URL = "https://www.bbc.co.uk/weather"


@pytest.fixture(scope="module")
def all_pages(site_url):
    broken: list[str] = []
    pages = crawl(site_url, broken=broken)
    return pages, broken


def test_every_page_is_reachable_and_no_link_is_dead(all_pages):
    pages, broken = all_pages
    assert len(pages) > 20
    assert broken == []


def test_no_page_requests_anything_from_a_third_party(page, all_pages, outside_requests, page_errors):
    pages, _ = all_pages
    for url in pages:
        page.goto(url, wait_until="networkidle")
    assert outside_requests == []
    assert page_errors == [], "no script errors and no Content-Security-Policy violations"


def test_pages_carry_the_security_policy(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self';" in policy, "scripts from files of the site only: no inline script, no hashes"
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"


def test_external_links_do_not_leak_the_referrer(page, site_url):
    page.goto(site_url + "briefs/familial-homicide-in-a-care-home/", wait_until="networkidle")
    links = page.locator('a[href^="http"]')
    assert links.count() > 3
    for rel in links.evaluate_all("links => links.map(a => a.rel)"):
        assert rel == "noopener noreferrer"


def test_security_header_files_are_written(built_site):
    netlify = (built_site / "_headers").read_text()
    assert "Content-Security-Policy: default-src 'self'" in netlify
    assert "frame-ancestors 'self'" in netlify
    assert "Referrer-Policy: no-referrer" in netlify and "X-Content-Type-Options: nosniff" in netlify
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', (built_site / "index.html").read_text()).group(1)
    assert f"Content-Security-Policy: {meta}; frame-ancestors 'self'" in netlify, "the header adds framing to the page's policy"
    assert "Header always set Content-Security-Policy" in (built_site / ".htaccess").read_text()
    assert "add_header Content-Security-Policy" in (built_site / "security-headers.nginx.conf").read_text()


@pytest.fixture
def harmless_site(page):
    """Stand in for BBC Weather, so leaving works with the network closed."""
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><h1>Weather</h1>"))
    return page


@pytest.mark.parametrize("path", ["", "briefs/familial-homicide-in-a-care-home/", "quizzes/think-family/"])
def test_shift_three_times_leaves_and_back_does_not_return(harmless_site, site_url, path):
    page = harmless_site
    page.goto(site_url + "about-reviews/", wait_until="networkidle")
    page.goto(site_url + path, wait_until="networkidle")
    exit_control = page.get_by_role("button", name="Emergency Exit this page")
    expect(exit_control).to_be_visible()
    page.keyboard.press("Shift")
    expect(page.locator("[data-lb-exit-status]")).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.press("Shift")
    expect(page.locator("[data-lb-exit-status]")).to_have_text("Shift, press 1 more time to exit.")
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL + "**")
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    page.go_back()
    assert page.url == site_url + "about-reviews/", "the exited page was replaced in the history"


def test_back_does_not_return_after_moving_within_the_page(harmless_site, site_url):
    """The handout and back, and the contents, are moves within one page; each
    would be one more entry in the history that Back after leaving returns to."""
    page = harmless_site
    page.goto(site_url + "about-reviews/", wait_until="networkidle")
    page.goto(site_url + "briefs/familial-homicide-in-a-care-home/", wait_until="networkidle")
    page.get_by_role("link", name="7-minute briefing handout").click()
    expect(page.get_by_role("heading", name="Team action plan")).to_be_visible()
    page.get_by_role("link", name="Back to the full brief").click()
    page.locator(".lb-contents").get_by_role("link", name="Learning", exact=True).click()
    assert page.url.endswith("#learning")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL + "**")
    page.go_back()
    assert page.url == site_url + "about-reviews/", "no earlier place in the exited page is left in the history"


def test_back_does_not_return_after_a_menu_link_to_the_page_itself(harmless_site, site_url):
    page = harmless_site
    page.set_viewport_size({"width": 1280, "height": 900})  # the menu beside the page
    page.goto(site_url + "about-reviews/", wait_until="networkidle")
    page.goto(site_url + "staying-safe-online/", wait_until="networkidle")
    page.locator(".md-sidebar--secondary a[href^='#']").first.click()
    assert "#" in page.url
    page.locator(".md-sidebar--primary").get_by_role("link", name="Staying safe online", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL + "**")
    page.go_back()
    assert page.url == site_url + "about-reviews/", "the page's own menu link added no entry to the history"


def test_the_skip_link_still_takes_focus_into_the_page_without_adding_to_the_history(page, site_url):
    page.goto(site_url + "briefs/familial-homicide-in-a-care-home/", wait_until="networkidle")
    entries = page.evaluate("history.length")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#main-content') !== null"), "past the header and the menu"
    assert page.evaluate("history.length") == entries


def test_exit_button_leaves(harmless_site, site_url):
    page = harmless_site
    page.goto(site_url + "themes/carers/", wait_until="networkidle")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL + "**")


def test_another_key_resets_the_count(harmless_site, site_url):
    page = harmless_site
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    expect(page.locator("[data-lb-exit-status]")).to_have_text("Exit this page cancelled.")
    page.keyboard.press("Shift")
    expect(page.locator("[data-lb-exit-status]")).to_have_text("Shift, press 2 more times to exit.")
    assert page.url == site_url


def test_page_is_hidden_at_once_and_restored_from_the_back_forward_cache(page, site_url):
    # A 204 answer cancels the navigation, leaving us on the covered page.
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=204))
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("button", name="Emergency Exit this page").click()
    overlay = page.locator(".lb-exit-overlay")
    expect(overlay).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_hidden()
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    expect(overlay).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_staying_safe_page_is_linked_from_the_exit_area(page, site_url):
    page.goto(site_url + "briefs/", wait_until="networkidle")
    page.locator(".lb-exit").get_by_role("link", name="Staying safe online").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staying safe online")
    expect(page.get_by_text("it does not delete your browsing history")).to_be_visible()


def test_without_javascript_the_exit_is_a_plain_link(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert page.get_by_role("button", name="Emergency Exit this page").get_attribute("href") == EXIT_URL
    context.close()
