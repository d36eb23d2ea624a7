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
    average = max(1, round(sum(lengths) / total))  # in whole terms, so that an edit rarely moves it
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
    postings = _postings(weighted, lengths).lists
    assert list(postings) == sorted(postings)
    assert {term: _decoded(flat) for term, flat in postings.items()} == _reference_postings(weighted, lengths)


def test_postings_patched_after_an_edit_are_the_postings_made_afresh():
    """`mkdocs serve` patches the last build's postings when a few documents
    change; whatever the edit, the result is what scoring from nothing gives."""
    rng = random.Random(19)
    vocabulary = [f"term{n}" for n in range(80)]

    def document() -> dict[str, int]:
        return {t: rng.choice([1, 2, 3, 8, 12]) for t in rng.sample(vocabulary, rng.randint(1, 25))}

    weighted = [document() for _ in range(200)]
    lengths = [sum(c.values()) for c in weighted]
    last = _postings(weighted, lengths)
    patched_runs = 0
    for step in range(400):
        weighted, lengths = list(weighted), list(lengths)
        for n in rng.sample(range(len(weighted)), rng.choice([1, 1, 2, 3, 30])):
            counts = dict(weighted[n])
            edit = rng.choice(["tf", "add", "remove", "new word", "length only", "copy", "replace"])
            if edit == "tf":
                term = rng.choice(list(counts))
                counts[term] += rng.choice([-1, 1, 5]) if counts[term] > 1 else 1
            elif edit == "add":
                counts[rng.choice(vocabulary)] = rng.choice([1, 8])
            elif edit == "remove" and len(counts) > 1:
                del counts[rng.choice(list(counts))]
            elif edit == "new word":
                counts[f"new{step}"] = 3
            elif edit == "replace":
                counts = document()
            weighted[n] = counts  # "copy": an equal document that is not the same object
            lengths[n] = max(0, sum(counts.values()) + (rng.choice([-40, 40]) if edit == "length only" else 0))
        if step % 50 == 0:  # the term seen in only one document leaves with it
            lone = [t for t, n in last.frequency.items() if n == 1]
            if lone:
                holder = next(n for n, c in enumerate(weighted) if lone[0] in c)
                weighted[holder] = {t: v for t, v in weighted[holder].items() if t != lone[0]} or {"term0": 1}
        revised = _postings(weighted, lengths, last)
        fresh = _postings(weighted, lengths)
        assert revised.lists == fresh.lists, f"step {step}"
        assert list(revised.lists) == list(fresh.lists), f"step {step}: terms out of order"
        assert revised.frequency == fresh.frequency, f"step {step}"
        kept = [t for t in revised.lists if revised.lists[t] is last.lists.get(t)]
        patched_runs += bool(kept)
        last = revised
    # Most steps change a document or three of 200, and are patched: what no
    # changed document holds is the last build's list itself.
    assert patched_runs > 250


def test_postings_are_made_afresh_when_the_mean_length_or_the_documents_move():
    weighted = [{"abuse": 2, "risk": 1}, {"abuse": 1}, {"risk": 3, "carer": 1}]
    lengths = [3, 1, 4]
    last = _postings(weighted, lengths)
    longer = _postings(weighted, [3, 1, 40], last)  # the mean moves from 3 to 15
    assert longer.lists == _postings(weighted, [3, 1, 40]).lists
    assert all(longer.lists[t] is not last.lists[t] for t in longer.lists)
    more = _postings(weighted + [{"carer": 1}], lengths + [1], last)
    assert more.lists == _postings(weighted + [{"carer": 1}], lengths + [1]).lists


def test_memo_revise_hands_over_the_last_build_s_result_only_while_kept():
    memo = Memo(keep=True)
    memo.start(("shared",))
    assert memo.revise("count", lambda last: (last or 0) + 1) == 1
    memo.start(("shared",))
    assert memo.revise("count", lambda last: (last or 0) + 1) == 2
    memo.start(("other shared",))  # what every page shares changed: nothing is handed over
    assert memo.revise("count", lambda last: (last or 0) + 1) == 1
    plain = Memo()
    plain.start(("shared",))
    plain.revise("count", lambda last: (last or 0) + 1)
    assert plain.revise("count", lambda last: (last or 0) + 1) == 1


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
