"""The order quizzes show their options in: a learner who always picks the
same place, or never reads, must not pass."""

from __future__ import annotations

import math
import textwrap

import pytest

from conftest import ROOT
from macros.content.loader import load_content
from macros.content.model import Option, Question, Quiz
from macros.render.quiz_order import option_orders, options_shown

SHIPPED = load_content(ROOT).content.quizzes


def score_by_place(quiz: Quiz, pick) -> float:
    """The percentage scored by a learner who, in every question, ticks only
    the option at place pick(number of options shown)."""
    right = 0
    for question, order in zip(quiz.questions, option_orders(quiz)):
        chosen = {order[pick(len(order))]}
        right += chosen == {i for i, o in enumerate(question.options) if o.correct}
    return 100 * right / len(quiz.questions)


def score_by_length(quiz: Quiz) -> float:
    """The percentage scored by a learner who ticks only the longest option."""
    right = 0
    for question in quiz.questions:
        longest = max(range(len(question.options)), key=lambda i: len(question.options[i].text))
        right += {longest} == {i for i, o in enumerate(question.options) if o.correct}
    return 100 * right / len(quiz.questions)


def quiz_of(questions, quiz_id="held-out", pass_mark=70) -> Quiz:
    return Quiz(id=quiz_id, path=f"quizzes/{quiz_id}.yml", title="T", intro="I", themes=("carers",),
                pass_mark=pass_mark, questions=tuple(questions))


def single(prompt: str, options: int = 4, right: int = 0, shuffle: bool = True) -> Question:
    return Question(prompt=prompt, type="single", explanation="E",
                    options=tuple(Option(text=f"{prompt} option {i}", correct=i == right) for i in range(options)),
                    shuffle=shuffle)


@pytest.mark.parametrize("quiz_id", sorted(SHIPPED))
@pytest.mark.parametrize("place", ["first", "second", "last"])
def test_a_learner_who_always_picks_one_place_fails_the_shipped_quizzes(quiz_id, place):
    quiz = SHIPPED[quiz_id]
    pick = {"first": lambda n: 0, "second": lambda n: 1, "last": lambda n: n - 1}[place]
    assert score_by_place(quiz, pick) < quiz.pass_mark


@pytest.mark.parametrize("quiz_id", sorted(SHIPPED))
def test_a_learner_who_picks_the_longest_option_fails_the_shipped_quizzes(quiz_id):
    quiz = SHIPPED[quiz_id]
    assert score_by_length(quiz) < quiz.pass_mark


def test_a_quiz_written_with_every_answer_first_is_still_mixed():
    # Held out: not one of the shipped quizzes, and written the careless way.
    quiz = quiz_of(single(f"Question {n}") for n in range(1, 11))
    assert score_by_place(quiz, lambda n: 0) <= 100 * math.ceil(10 / 4) / 10 < quiz.pass_mark
    places = [order.index(0) for order in option_orders(quiz)]
    counts = [places.count(p) for p in range(4)]
    assert max(counts) - min(counts) <= 1, f"right answers spread over the places: {counts}"


def test_a_quiz_written_with_every_answer_last_is_still_mixed():
    quiz = quiz_of(single(f"Question {n}", options=3, right=2) for n in range(1, 10))
    places = [order.index(2) for order in option_orders(quiz)]
    assert sorted(places.count(p) for p in range(3)) == [3, 3, 3]


def test_multiple_answer_questions_never_show_their_answers_first():
    questions = [
        Question(prompt=f"Pick {n}", type="multiple", explanation="E",
                 options=tuple(Option(text=f"{n}-{i}", correct=i < 2) for i in range(4)))
        for n in range(40)
    ]
    for question, order in zip(questions, option_orders(quiz_of(questions))):
        assert {order[0], order[1]} != {0, 1}, f"{question.prompt} shows its two right answers first"


def test_the_order_is_the_same_on_every_build_and_follows_the_text():
    quiz = SHIPPED[sorted(SHIPPED)[0]]
    assert option_orders(quiz) == option_orders(quiz)
    reworded = quiz_of([single("Another question entirely", options=6)] + list(quiz.questions[1:]), quiz.id)
    assert option_orders(reworded)[0] != tuple(range(6))


def test_shuffle_false_keeps_the_written_order():
    quiz = quiz_of([single("A scale", options=5, right=0, shuffle=False)] + [single(f"Q{n}") for n in range(5)])
    assert option_orders(quiz)[0] == (0, 1, 2, 3, 4)
    assert [number for number, _ in options_shown(quiz)[0]] == [1, 2, 3, 4, 5]


def test_each_shown_option_keeps_its_number_in_the_file():
    for quiz in SHIPPED.values():
        for question, shown in zip(quiz.questions, options_shown(quiz)):
            assert sorted(number for number, _ in shown) == list(range(1, len(question.options) + 1))
            for number, option in shown:
                assert question.options[number - 1] is option


def test_the_page_shows_the_mixed_order_without_javascript(fixture_site):
    """The order is in the HTML, so it is the same with JavaScript off, on
    paper, and for every learner."""
    from bs4 import BeautifulSoup

    quiz = load_content(fixture_site.parent).content.quizzes["small"]
    html = (fixture_site / "quizzes" / "small" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    for number, (question, shown) in enumerate(zip(quiz.questions, options_shown(quiz)), start=1):
        inputs = soup.select(f"#q{number} .lb-options input")
        assert [int(i["value"]) for i in inputs] == [n for n, _ in shown]
        labels = [soup.select_one(f'label[for="{i["id"]}"]').get_text() for i in inputs]
        assert labels == [o.text for _, o in shown]
        assert [i.has_attr("data-lb-correct") for i in inputs] == [o.correct for _, o in shown]


def test_advice_names_a_quiz_that_gives_its_answers_away(tmp_path):
    from conftest import make_project
    from macros.content.project import load_project

    questions = "".join(textwrap.dedent(f"""\
          - prompt: Question {n}?
            type: single
            options:
              - text: The right answer, written out with all the care and detail it deserves {n}
                correct: true
              - text: Wrong {n}
                correct: false
              - text: None of the above
                correct: false
            explanation: Because.
        """) for n in range(1, 5))
    quiz = "title: Careless\nintro: Four questions.\nthemes: [carers]\npass_mark: 50\nquestions:\n" + textwrap.indent(questions, "  ")
    project = make_project(tmp_path / "p", quizzes={"careless.yml": quiz}, seed_briefs=False, seed_quizzes=False)
    loaded = load_project(project / "mkdocs.yml")
    assert loaded.problems == [], "advice does not stop the build"
    said = [str(w) for w in loaded.warnings]
    assert any("option 1 in every one of its 4" in w and "quizzes/careless.yml:5: questions:" in w for w in said), said
    assert any("longest option in 4 of its 4" in w for w in said), said
    assert sum('"None of the above" refers to the other options' in w for w in said) == 4, said
    assert sum("names no source" in w for w in said) == 4, said
