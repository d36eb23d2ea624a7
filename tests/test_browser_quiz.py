"""Taking a quiz as a learner would, by visible labels and buttons, in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import ROOT, pdf_pages
from looking import printed_past_the_edge
from macros.content.loader import load_content

SHIPPED = load_content(ROOT).content.quizzes


def question(page, number: int, total: int):
    return page.get_by_role("group", name=f"Question {number} of {total}")


def answer_all_correctly(page, quiz):
    total = len(quiz.questions)
    for number, q in enumerate(quiz.questions, start=1):
        group = question(page, number, total)
        for option in q.options:
            if option.correct:
                group.get_by_label(option.text, exact=True).check()
        group.get_by_role("button", name="Check answer").click()
        expect(group.locator(".lb-feedback")).to_contain_text("Correct.")


@pytest.mark.parametrize("quiz_id", sorted(SHIPPED))
def test_all_correct_attempt_scores_full_marks(page, site_url, quiz_id, outside_requests, page_errors):
    quiz = SHIPPED[quiz_id]
    page.goto(f"{site_url}quizzes/{quiz_id}/", wait_until="networkidle")
    answer_all_correctly(page, quiz)
    page.get_by_role("button", name="Finish and see my score").click()
    total = len(quiz.questions)
    expect(page.get_by_role("status").filter(has_text="You scored")).to_have_text(
        f"You scored {total} of {total} (100%). You passed: the pass mark is {quiz.pass_mark}%."
    )
    assert outside_requests == []
    assert page_errors == []


def test_wrong_answer_shows_its_feedback_and_the_explanation(page, fixture_site_url):
    page.goto(fixture_site_url + "quizzes/small/", wait_until="networkidle")
    first = question(page, 1, 2)
    expect(first.get_by_text("Scattering makes the sky look blue")).to_be_hidden()
    first.get_by_label("Green").check()
    first.get_by_role("button", name="Check answer").click()
    feedback = first.locator(".lb-feedback")
    expect(feedback).to_be_focused()
    expect(feedback).to_contain_text("Not quite.")
    expect(feedback).to_contain_text("Not green; that is grass.")
    expect(feedback).to_contain_text("Correct answer: Blue")
    expect(feedback).to_contain_text("Scattering makes the sky look blue")
    expect(first.get_by_text("Your answer: not correct")).to_be_visible()

    second = question(page, 2, 2)
    second.get_by_label("2", exact=True).check()
    second.get_by_label("3", exact=True).check()
    second.get_by_role("button", name="Check answer").click()
    expect(second.locator(".lb-feedback")).to_contain_text("Three is odd.")
    expect(second.locator(".lb-feedback")).to_contain_text("Even numbers divide by two.")
    expect(second.get_by_text("Correct answer", exact=True)).to_be_visible()  # 4 was missed

    page.get_by_role("button", name="Finish and see my score").click()
    result = page.locator("[data-lb-result]")
    expect(result).to_be_focused()
    expect(result.get_by_role("status")).to_have_text(
        "You scored 0 of 2 (0%). You did not pass this time: the pass mark is 50%. Read the explanations, then try again."
    )
    expect(page.get_by_label("Your name (optional)")).to_be_hidden()


def test_checking_with_nothing_chosen_asks_for_an_answer_and_keeps_the_question_open(page, fixture_site_url):
    """A stray tap on "Check answer" used to mark the question wrong and lock
    it, for good: only clearing the whole quiz undid it."""
    page.goto(fixture_site_url + "quizzes/small/", wait_until="networkidle")
    for number, words in ((1, "Choose an answer, then check it."), (2, "Choose one or more answers, then check them.")):
        asked = question(page, number, 2)
        asked.get_by_role("button", name="Check answer").click()
        feedback = asked.locator(".lb-feedback")
        expect(feedback).to_be_focused()
        expect(feedback).to_have_text(words)
        expect(asked.get_by_role("button", name="Check answer")).to_be_visible()
        expect(asked.get_by_role("radio").or_(asked.get_by_role("checkbox")).first).to_be_enabled()
    page.reload(wait_until="networkidle")  # nothing was kept as checked
    first = question(page, 1, 2)
    expect(first.locator(".lb-feedback")).to_be_hidden()
    first.get_by_role("button", name="Check answer").click()
    first.get_by_label("Blue").check()  # choosing takes the prompt away
    expect(first.locator(".lb-feedback")).to_be_hidden()
    first.get_by_role("button", name="Check answer").click()
    expect(first.locator(".lb-feedback")).to_contain_text("Correct.")


def test_keyboard_only_attempt_and_retry(page, fixture_site_url):
    page.goto(fixture_site_url + "quizzes/small/", wait_until="networkidle")
    first_option = question(page, 1, 2).get_by_label("Blue")
    first_option.focus()
    page.keyboard.press("Space")
    expect(first_option).to_be_checked()
    page.keyboard.press("Tab")
    expect(question(page, 1, 2).get_by_role("button", name="Check answer")).to_be_focused()
    page.keyboard.press("Enter")
    expect(question(page, 1, 2).locator(".lb-feedback")).to_be_focused()
    for label in ("2", "4"):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.labels[0].textContent")
        if focused != label:
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
    group = question(page, 2, 2)
    expect(group.get_by_label("2", exact=True)).to_be_checked()
    expect(group.get_by_label("4", exact=True)).to_be_checked()
    expect(group.get_by_label("3", exact=True)).not_to_be_checked()
    group.get_by_role("button", name="Check answer").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Finish and see my score").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="You scored")).to_contain_text("You scored 2 of 2 (100%). You passed")

    page.get_by_role("button", name="Try the quiz again").focus()
    page.keyboard.press("Enter")
    expect(question(page, 1, 2).get_by_label("Blue")).to_be_focused()
    expect(question(page, 1, 2).get_by_label("Blue")).not_to_be_checked()
    expect(page.locator(".lb-feedback").first).to_be_hidden()
    expect(page.locator("[data-lb-result]")).to_be_hidden()


def test_completion_record_prints_on_one_page(page, fixture_site_url, tmp_path):
    page.goto(fixture_site_url + "quizzes/small/", wait_until="networkidle")
    page.evaluate("window.print = () => {}")
    question(page, 1, 2).get_by_label("Blue").check()
    question(page, 2, 2).get_by_label("2", exact=True).check()
    question(page, 2, 2).get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Finish and see my score").click()
    page.get_by_label("Your name (optional)").fill("Sam Example")
    page.get_by_role("button", name="Print or save completion record").click()
    page.emulate_media(media="print")
    record = page.locator("[data-lb-certificate]")
    expect(record).to_be_visible()
    for text in ("Sam Example", "A small quiz", "2 of 2 (100%)", "50%", "Carers", "Example Community Safety Partnership"):
        expect(record).to_contain_text(text)
    expect(page.locator(".lb-quiz")).to_be_hidden()
    pdf = page.pdf(path=str(tmp_path / "record.pdf"), format="A4")
    assert pdf_pages(pdf) == 1
    assert printed_past_the_edge(page, "15mm") == [], "the record's border is all on the paper"
    # The name is never stored.
    stored = page.evaluate("JSON.stringify(localStorage)")
    assert "Sam Example" not in stored


def test_progress_is_kept_in_this_browser_and_can_be_cleared(page, fixture_site_url, outside_requests):
    page.goto(fixture_site_url + "quizzes/small/", wait_until="networkidle")
    expect(page.get_by_text("Your answers stay on this device.")).to_be_visible()
    question(page, 1, 2).get_by_label("Green").check()
    question(page, 1, 2).get_by_role("button", name="Check answer").click()
    page.reload(wait_until="networkidle")
    expect(question(page, 1, 2).get_by_label("Green")).to_be_checked()
    expect(question(page, 1, 2).locator(".lb-feedback")).to_contain_text("Not quite.")
    page.get_by_role("button", name="Clear my answers").click()
    expect(question(page, 1, 2).get_by_label("Green")).not_to_be_checked()
    page.reload(wait_until="networkidle")
    expect(question(page, 1, 2).get_by_label("Green")).not_to_be_checked()
    assert page.evaluate("localStorage.getItem('lb-quiz:small')") in (None, '{"answers":{},"checked":{}}')
    assert outside_requests == []


def test_without_javascript_answers_can_be_revealed(browser, fixture_site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_site_url + "quizzes/small/")
    first = question(page, 1, 2)
    expect(first.get_by_label("Blue")).to_be_visible()
    expect(first.get_by_role("button", name="Check answer")).to_be_hidden()
    first.get_by_text("Show the answer").click()
    expect(first.get_by_text("Correct answer: Blue")).to_be_visible()
    expect(first.get_by_text("Scattering makes the sky look blue")).to_be_visible()
    context.close()


def test_quiz_is_linked_from_brief_and_theme(page, site_url):
    page.goto(site_url + "briefs/familial-homicide-in-a-care-home/", wait_until="networkidle")
    page.get_by_role("link", name="Take the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Think Family")
    page.goto(site_url + "themes/carers/", wait_until="networkidle")
    expect(page.get_by_role("region", name="Quizzes on this theme").get_by_role("link", name="Think Family").first).to_have_attribute("href", "../../quizzes/think-family/")
    page.goto(site_url + "quizzes/", wait_until="networkidle")
    expect(page.locator(".lb-card__title")).to_have_count(len(SHIPPED))
