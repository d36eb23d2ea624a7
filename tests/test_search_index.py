"""The search index's terms and scores, against plain reference versions.

The build counts terms and scores postings with shortcuts that matter at
10,000 briefs; each is compared here with the obvious way of doing the same
thing, on text chosen to reach the edge cases: accents, stop words, one-letter
words, digits, and words longer than a term may be."""

from __future__ import annotations

import math
import random
import re
from collections import Counter

from macros.render.search_index import B, K1, MAX_TERM, STOPWORDS, SearchIndex, _postings, fold, term_counts
from macros.render.site import Memo

EDGE_TEXT = (
    "The Llŷr café ÉCOLE école a I x 12 3 and-or it's "
    + "safeguarding" * 4 + " " + "safeguarding" * 4 + "x " + "coercivecontrol" * 3
    + " the THE The to to TO domestic domestic Domestic"
)


def tokens(text: str) -> list[str]:
    """The terms of a text, one by one, the plain way."""
    return [word[:MAX_TERM] for word in re.findall(r"[0-9a-z]+", fold(text)) if len(word) > 1 and word not in STOPWORDS]


def test_term_counts_are_the_tokens_counted():
    words = ["abuse", "risk", "a", "the", "Café", "school", "x" * 45, "x" * 31 + "y", "de", "12", "7", *STOPWORDS]
    rng = random.Random(7)
    samples = [EDGE_TEXT, "", "a the I", *(" ".join(rng.choices(words, k=rng.randint(0, 60))) for _ in range(300))]
    for text in samples:
        counts, length = term_counts(text)
        expected = Counter(tokens(text))
        assert counts == expected, text
        assert length == sum(expected.values()), text
    # Two words that differ only past the term limit are one term, counted twice.
    assert term_counts("x" * 45 + " " + "x" * 40)[0] == {"x" * MAX_TERM: 2}


def _reference_postings(weighted: list[dict[str, int]], lengths: list[int]) -> dict[str, list[tuple[int, int]]]:
    """BM25 as the textbook writes it: term -> [(document number, score x 10, rounded, at least 1)]."""
    total = len(weighted)
    average = sum(lengths) / total
    found: dict[str, list[tuple[int, int]]] = {}
    for term in sorted({t for counts in weighted for t in counts}):
        n = sum(1 for counts in weighted if term in counts)
        idf = math.log(1 + (total - n + 0.5) / (n + 0.5))
        for number, counts in enumerate(weighted):
            if term in counts:
                tf = counts[term]
                score = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[number] / average))
                found.setdefault(term, []).append((number, max(1, round(score * 10))))
    return found


def _decoded(flat: list[int]) -> list[tuple[int, int]]:
    pairs, number = [], 0
    for gap, score in zip(flat[::2], flat[1::2]):
        number += gap
        pairs.append((number, score))
    return pairs


def test_postings_are_bm25_scores_in_document_order():
    rng = random.Random(2026)
    vocabulary = [f"term{n}" for n in range(60)]
    weighted = [{t: rng.choice([1, 2, 3, 8, 12, 40]) for t in rng.sample(vocabulary, rng.randint(1, 30))}
                for _ in range(120)]
    weighted.append({})  # a document with no terms at all
    lengths = [sum(c.values()) // 2 for c in weighted]
    postings = _postings(weighted, lengths)
    assert list(postings) == sorted(postings)
    assert {term: _decoded(flat) for term, flat in postings.items()} == _reference_postings(weighted, lengths)


def test_an_unchanged_piece_of_the_index_keeps_its_text_and_a_changed_one_is_made_again():
    def index(abuse_scores: list[int]) -> SearchIndex:
        return SearchIndex({"version": 3}, {"ab": {"abuse": abuse_scores}, "ri": {"risk": [0, 5]}},
                           [{"columns": ["url"], "rows": [["briefs/a/"]]}])

    memo = Memo(keep=True)
    memo.start(("shared",))
    first = index([0, 12, 3, 4]).files(memo)
    memo.start(("shared",))
    second = index([0, 12, 3, 5]).files(memo)
    assert second["search/t/ri.js"] is first["search/t/ri.js"]
    assert second["search/catalog.js"] is first["search/catalog.js"]
    assert second["search/t/ab.js"] == 'lbSearch.shard("ab",{"abuse":[0,12,3,5]});\n'
    assert second == index([0, 12, 3, 5]).files(), "what a build without a memo writes"
