"""The order a quiz shows its options in.

Authors tend to write the right answer first, so a learner who always picks
the top option would pass. Each question's options are shown in a mixed
order, fixed at build time: the same for every learner and with or without
JavaScript, so a trainer can say "option 3" to a room, and a saved answer
(kept by the option's place in the file) still matches after a rebuild.

The order is not left to chance alone. Across a quiz, the right answers of
single-answer questions are spread over the positions as evenly as the
questions allow, and no multiple-answer question shows its right answers
as the first options in a row.
"""

from __future__ import annotations

import hashlib
import random
from typing import Sequence

from ..content.model import Option, Question, Quiz

_ATTEMPTS = 50  # reshuffles allowed to avoid a giveaway order; far more than needed


def _seeded(*parts: str) -> random.Random:
    # From the text, not Python's hash(), which changes from run to run.
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def _right_answers_lead(order: Sequence[int], question: Question) -> bool:
    """True when the right answers are exactly the first options shown."""
    right = sum(1 for o in question.options if o.correct)
    return right < len(order) and all(question.options[i].correct for i in order[:right])


def option_orders(quiz: Quiz) -> tuple[tuple[int, ...], ...]:
    """For each question, the indexes (from 0, in the file's order) of its
    options in the order they are shown."""
    used = {}  # position -> single-answer questions with their right answer there
    orders = []
    for number, question in enumerate(quiz.questions, start=1):
        count = len(question.options)
        if not question.shuffle:
            orders.append(tuple(range(count)))
            continue
        rng = _seeded(quiz.id, str(number), question.prompt)
        if question.type == "single":
            right = next(i for i, o in enumerate(question.options) if o.correct)
            wrong = [i for i in range(count) if i != right]
            rng.shuffle(wrong)
            # The least used position, ties broken at random.
            places = list(range(count))
            rng.shuffle(places)
            place = min(places, key=lambda p: used.get(p, 0))
            used[place] = used.get(place, 0) + 1
            orders.append(tuple(wrong[:place] + [right] + wrong[place:]))
            continue
        order = list(range(count))
        for _ in range(_ATTEMPTS):
            rng.shuffle(order)
            if not _right_answers_lead(order, question):
                break
        orders.append(tuple(order))
    return tuple(orders)


def options_shown(quiz: Quiz) -> tuple[tuple[tuple[int, Option], ...], ...]:
    """For each question, its options in the order shown, each with its
    number in the file (from 1), which the page uses as its value and id."""
    return tuple(
        tuple((index + 1, question.options[index]) for index in order)
        for question, order in zip(quiz.questions, option_orders(quiz))
    )
