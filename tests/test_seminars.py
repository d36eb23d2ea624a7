"""Present mode, the 7-minute briefing handout, seminar packs, feedback forms
and the offline pack, used as a trainer would use them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import FIXTURES, ROOT, pdf_pages
from macros.content.loader import load_content
from macros.content.markdown import plain_text

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


def test_present_mode_by_keyboard(page, fixture_site_url, page_errors):
    brief = load_fixture(FULL)
    page.goto(f"{fixture_site_url}briefs/{FULL}/present/", wait_until="networkidle")
    position = page.locator("[data-lb-position]")
    total = 3 + len(brief.learning) + 3
    expect(position).to_have_text(f"1 / {total}")
    expect(page.get_by_role("heading", level=1)).to_have_text(brief.title)
    expect(page.locator(".lb-slide:visible")).to_have_count(1)

    seen_text = []
    notes = [plain_text(n) for n in brief.facilitator_notes.values()] + [
        plain_text(i.facilitator_notes) for i in brief.learning if i.facilitator_notes
    ]
    for number in range(1, total + 1):
        expect(position).to_have_text(f"{number} / {total}")
        slide = page.locator(".lb-slide:visible")
        text = slide.inner_text()
        seen_text.append(text)
        for note in notes:
            assert note not in text, f"facilitator notes on audience slide {number}"
        page.keyboard.press("ArrowRight" if number % 2 else "PageDown")
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

    everything = "\n".join(seen_text)
    for item in brief.learning:
        for point in item.points:
            assert plain_text(point) in " ".join(everything.split()), point
    assert page_errors == []


def test_facilitator_notes_only_in_the_notes_panel(page, fixture_site_url):
    page.goto(f"{fixture_site_url}briefs/{FULL}/present/", wait_until="networkidle")
    panel = page.get_by_role("complementary", name="Facilitator notes", exact=True)
    expect(panel).to_be_hidden()
    page.keyboard.press("n")
    expect(panel).to_contain_text("Introduce the partnership.")
    expect(page.locator(".lb-slide:visible")).not_to_contain_text("Introduce the partnership.")
    for slide in page.locator(".lb-slide").all():
        assert "Introduce the partnership." not in slide.text_content()
    expect(page.get_by_role("button", name="Facilitator notes")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("End")
    expect(panel).to_contain_text("Point to the helpline.")
    page.keyboard.press("n")
    expect(panel).to_be_hidden()


def test_present_mode_is_linked_from_the_brief_and_has_full_screen(page, site_url):
    page.goto(site_url + "briefs/kent-and-medway-lessons-learned/", wait_until="networkidle")
    page.get_by_role("link", name="Present as slides").click()
    expect(page.locator("[data-lb-position]")).to_have_text("1 / 15")
    expect(page.get_by_role("button", name="Full screen")).to_be_visible()
    page.get_by_role("button", name="Next slide").click()
    expect(page.locator("[data-lb-position]")).to_have_text("2 / 15")
    page.get_by_role("link", name="Back to the brief").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kent and Medway")


@pytest.mark.parametrize("slug", ["long-brief", "full", "minimal", "welsh-and-quotes"])
def test_handout_prints_on_at_most_two_a4_pages(page, fixture_site_url, slug, tmp_path):
    brief = load_fixture(slug)
    page.goto(f"{fixture_site_url}briefs/{slug}/handout/", wait_until="networkidle")
    page.emulate_media(media="print")
    printed = " ".join(page.locator("main").inner_text().split())
    assert " ".join(brief.summary.split()) in printed
    for theme_id in brief.themes:
        title = load_content(ROOT).content.themes[theme_id].title
        assert title in printed, theme_id
    for question in brief.reflective_questions:
        assert " ".join(question.split()) in printed
    for section in ("Background", "Why it matters", "Key findings", "What agencies will do", "What to remember",
                    "Questions for reflection", "Team action plan"):
        assert section in printed
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
    page.emulate_media(media="print")
    expect(page.locator(".lb-sign-in__table tbody tr")).to_have_count(18)
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()


def test_feedback_forms_print_and_link_to_online_form_only_when_set(page, site_url, tmp_path):
    page.goto(site_url + "briefs/kent-and-medway-lessons-learned/feedback/", wait_until="networkidle")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Feedback")
    expect(page.get_by_text("Has the session helped you to develop or adapt your practice?")).to_be_visible()
    expect(page.get_by_text("You can also give feedback online")).to_have_count(0)
    assert page.locator("form, input, textarea").count() == 0, "a paper form, never a home-made data store"
    page.goto(site_url + "themes/carers/feedback/", wait_until="networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback: Carers seminar")


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
    form = (result.site / "briefs/familial-homicide-in-a-care-home/feedback/index.html").read_text()
    assert 'href="https://forms.example.org/seminar"' in pack
    assert 'href="https://forms.example.org/seminar"' in form


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

    page.goto((offline_folder / "briefs/familial-homicide-in-a-care-home/present.html").as_uri())
    page.keyboard.press("End")
    expect(page.locator("[data-lb-position]")).to_have_text("14 / 14")
    assert leaked == []
    assert errors == []
    context.close()
