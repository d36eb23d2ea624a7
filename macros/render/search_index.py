"""The site search index, built once at build time and loaded in pieces.

Nothing is fetched until someone searches. Then the browser loads a small
catalogue (titles, addresses and filter values) and, for each word typed, one
shard of the inverted index: the terms sharing the word's first two letters.
A chunk of addresses, titles and summaries is loaded only for the results
on screen. All pieces are plain
scripts, so search works from a web server and from a folder opened with
file:// (where fetch() is not allowed), and at 2,000 briefs a first search
downloads a few hundred kilobytes at most.

Scores are BM25 with field weights, computed here, so the browser only adds
numbers. Any word matches as a prefix of indexed terms ("contr" finds
"control" and "controlling"), which spares us a stemmer in two languages.
"""

from __future__ import annotations

import math
import re
import unicodedata
from html import unescape
from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import accumulate
from dataclasses import dataclass, field
from typing import Iterable

from ..content.markdown import plain_text
from ..content.model import REVIEW_TYPES, Brief, Quiz, Theme
from .routes import slugify
from .open_data import json_text
from .script_data import data_table
from .site import Memo, Site

INDEX_DIR = "search"
# What search.js reads from the catalogue, by name (script_data.py): what
# filtering and ordering need. What a result shows is in the summary chunks,
# loaded only for the results on screen; titles are the bulk of the catalogue,
# and leaving them out keeps a first search at 10,000 briefs under 300 KB.
SEARCH_DOC_COLUMNS = ("kind", "type", "partnership", "year", "themes", "date")
SUMMARY_COLUMNS = ("url", "title", "summary")
CHOICE_COLUMNS = ("id", "name")  # review types, themes and partnerships
SUMMARY_CHUNK = 25
MAX_TERM = 30
K1 = 1.2
B = 0.6
FIELD_WEIGHTS = {"title": 8, "themes": 4, "summary": 3, "meta": 2, "body": 1}
STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her his how
    i if in into is it its may might more most must no not of on or our she should so such than that
    the their them then there these they this those to too was we were what when where which while
    who whom why will with would you your also any all each other only own same some very""".split()
)


def fold(text: str) -> str:
    """Lower case without accents, so "Llŷr" and "llyr" meet."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_TOKEN = re.compile(r"[0-9a-z]+")


def term_counts(text: str) -> tuple[dict[str, int], int]:
    """The text's terms (its words of two letters or more, folded, without stop
    words, cut to MAX_TERM), each with its count, and how many there are.
    Counting the words first and filtering each distinct one once is several
    times quicker than filtering every word (a brief repeats its words)."""
    counts: dict[str, int] = {}
    length = 0
    for word, count in Counter(_TOKEN.findall(fold(text))).items():
        if len(word) > 1 and word not in STOPWORDS:
            term = word[:MAX_TERM]  # two long words may end up as one term
            counts[term] = counts.get(term, 0) + count
            length += count
    return counts, length


def shard_key(term: str) -> str:
    return term[:2]


@dataclass
class SearchDoc:
    url: str
    title: str
    kind: str  # brief, quiz, theme, page
    summary: str
    fields: dict[str, str]
    review_type: str = ""
    partnership: str = ""  # slug
    year: int = 0
    date: str = ""
    themes: tuple[str, ...] = ()


@dataclass
class SearchIndex:
    catalog: dict
    shards: dict[str, dict[str, list[int]]]
    summaries: list[dict] = field(default_factory=list)  # data tables of SUMMARY_COLUMNS

    def files(self, memo: Memo | None = None) -> dict[str, str]:
        """Relative path -> script text, ready to write under site/. `memo`:
        `mkdocs serve` keeps each piece's text while its data is equal (most
        shards are, after one brief is saved)."""
        memo = memo or Memo()

        def script(path: str, method: str, *args) -> tuple[str, str]:
            return path, memo.keyed(f"search file {path}", args, lambda: _script(method, *args))

        return dict([
            script(f"{INDEX_DIR}/catalog.js", "catalog", self.catalog),
            *(script(f"{INDEX_DIR}/t/{key}.js", "shard", key, terms) for key, terms in self.shards.items()),
            *(script(f"{INDEX_DIR}/s/{number}.js", "summaries", number, chunk)
              for number, chunk in enumerate(self.summaries)),
        ])


def _script(method: str, *args) -> str:
    body = ",".join(json_text(a) for a in args)
    return f"lbSearch.{method}({body});\n"


def brief_doc(site: Site, brief: Brief) -> SearchDoc:
    body = [
        plain_text(brief.background),
        plain_text(brief.engagement or ""),
        " ".join(brief.key_questions),
        plain_text(brief.why_it_matters or ""),
        " ".join(plain_text(p) for item in brief.learning for p in item.points),
        " ".join(plain_text(r.text) + " " + (r.lead or "") for r in brief.recommendations),
        " ".join(brief.suggestions),
        " ".join(brief.reflective_questions),
        " ".join(r.title + " " + (r.description or "") for r in brief.resources),
    ]
    return SearchDoc(
        url=site.router.url(site.router.brief(brief.slug)),
        title=brief.title,
        kind="brief",
        summary=brief.summary,
        fields={
            "title": brief.title,
            "themes": " ".join(site.theme_title(t) for t in brief.themes),
            "summary": brief.summary,
            "meta": f"{brief.partnership} {brief.review_type} {brief.review_type_name}",
            "body": " ".join(body),
        },
        review_type=brief.review_type,
        partnership=slugify(brief.partnership),
        year=brief.year,
        date=brief.published.isoformat(),
        themes=brief.themes,
    )


def quiz_doc(site: Site, quiz: Quiz) -> SearchDoc:
    return SearchDoc(
        url=site.router.url(site.router.quiz(quiz.id)),
        title=quiz.title,
        kind="quiz",
        summary=_clip(plain_text(quiz.intro)),
        fields={
            "title": quiz.title + " quiz",
            "themes": " ".join(site.theme_title(t) for t in quiz.themes),
            "summary": plain_text(quiz.intro),
            "body": " ".join(plain_text(q.prompt) for q in quiz.questions),
        },
        themes=quiz.themes,
    )


def theme_doc(site: Site, theme: Theme) -> SearchDoc:
    return SearchDoc(
        url=site.router.url(site.router.theme(theme.id)),
        title=theme.title,
        kind="theme",
        summary=theme.description,
        fields={"title": theme.title + " theme", "summary": theme.description},
        themes=(theme.id,),
    )


def page_doc(url: str, title: str, text: str) -> SearchDoc:
    return SearchDoc(url=url, title=title, kind="page", summary=_clip(text), fields={"title": title, "body": text})


def text_of_html(html_text: str) -> str:
    """The words of a rendered page, for indexing hand-written pages."""
    without_code = re.sub(r"<(script|style)\b.*?</\1>", " ", html_text, flags=re.S | re.I)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", without_code)).split())


def _clip(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def site_docs(site: Site, pages: Iterable[SearchDoc] = ()) -> list[SearchDoc]:
    docs = [site.memo.get("search entry", b, lambda b=b: brief_doc(site, b)) for b in site.briefs]
    docs += [quiz_doc(site, q) for q in site.content.quizzes.values()]
    docs += [theme_doc(site, t) for t in site.content.themes.values()]
    docs += list(pages)
    return docs


def _weighted_terms(doc: SearchDoc) -> tuple[dict[str, int], int]:
    """Each term's count in the document, weighted by field, and how many terms it has."""
    counts: dict[str, int] = {}
    length = 0
    for name, text in doc.fields.items():
        weight = FIELD_WEIGHTS[name]
        field_counts, field_length = term_counts(text)
        length += field_length
        for term, count in field_counts.items():
            counts[term] = counts.get(term, 0) + count * weight
    return counts, length


@dataclass
class Postings:
    """Each term, in sorted order, with its documents' numbers and BM25 scores
    (times ten, rounded, at least 1), interleaved: [gap, score, gap, score, ...],
    where a gap is the step from the previous document number (they ascend).
    Kept with what they were scored from, so that the next `mkdocs serve`
    rebuild can patch them (_patched)."""

    weighted: list[dict[str, int]]
    lengths: list[int]
    average: int
    frequency: dict[str, int]  # term -> how many documents have it
    lists: dict[str, list[int]]


def _average_length(lengths: list[int]) -> int:
    """The mean document length, to the nearest whole term (at least 1). Whole,
    so that an edit which leaves it where it was leaves every other document's
    scores as they were, and a rebuild patches the postings instead of scoring
    every term of every document again."""
    return max(1, round(sum(lengths) / len(lengths))) if lengths else 1


def _factor(total: int, having: int) -> float:
    """A term's part of every score: ten times (K1 + 1) times its idf."""
    return 10 * (K1 + 1) * math.log(1 + (total - having + 0.5) / (having + 0.5))


def _damping(length: int, average: int) -> float:
    """A document's part of every score: K1 scaled by its length against the mean."""
    return K1 * (1 - B + B * length / average)


def _score(factor: float, tf: int, damping: float) -> int:
    score = round(factor * tf / (tf + damping))
    return score if score > 1 else 1


def _postings(weighted: list[dict[str, int]], lengths: list[int], last: Postings | None = None) -> Postings:
    """The postings of these documents: `last`'s, patched, when only a few
    documents differ from the ones it was made from, and otherwise made anew.
    Made anew, this loop meets every term of every document, millions at
    10,000 briefs, so all it does per term is one division and two appends."""
    average = _average_length(lengths)
    patched = _patched(last, weighted, lengths, average) if last is not None else None
    if patched is not None:
        return patched
    total = len(weighted)
    frequency: Counter = Counter()
    for counts in weighted:
        frequency.update(counts.keys())
    factor = {term: _factor(total, n) for term, n in frequency.items()}
    lists: dict[str, list[int]] = {term: [] for term in sorted(frequency)}
    previous = dict.fromkeys(lists, 0)
    for number, counts in enumerate(weighted):
        damping = _damping(lengths[number], average)
        for term, tf in counts.items():
            flat = lists[term]
            flat.append(number - previous[term])
            previous[term] = number
            score = round(factor[term] * tf / (tf + damping))  # _score, inlined
            flat.append(score if score > 1 else 1)
    return Postings(weighted, lengths, average, dict(frequency), lists)


def _patched(last: Postings, weighted: list[dict[str, int]], lengths: list[int], average: int) -> Postings | None:
    """`last`, with the terms of the documents that changed scored again, or
    None when that is no quicker than starting afresh: the documents are
    not the same ones in the same order, or their mean length has moved (then
    every score may move). A term that is in the same documents as before
    keeps every score but the changed documents'; a term that gained or lost
    a document is scored again in full, its idf having moved."""
    total = len(weighted)
    if total != len(last.weighted) or average != last.average:
        return None
    changed = [
        n for n in range(total)
        if lengths[n] != last.lengths[n] or (weighted[n] is not last.weighted[n] and weighted[n] != last.weighted[n])
    ]
    if len(changed) * 20 > total:
        return None
    frequency = dict(last.frequency)
    touched: set[str] = set()
    for n in changed:
        before, after = last.weighted[n].keys(), weighted[n].keys()
        for term in before - after:
            frequency[term] -= 1
            if not frequency[term]:
                del frequency[term]
        for term in after - before:
            frequency[term] = frequency.get(term, 0) + 1
        touched.update(before, after)
    damping = {n: _damping(lengths[n], average) for n in changed}  # and the set of changed documents
    revised: dict[str, list[int]] = {}
    for term in touched & frequency.keys():
        factor = _factor(total, frequency[term])
        flat = last.lists.get(term, [])
        numbers = list(accumulate(flat[0::2]))
        if all((term in weighted[n]) == (term in last.weighted[n]) for n in changed):
            flat = flat.copy()
            for n in changed:
                if term in weighted[n]:
                    flat[2 * bisect_left(numbers, n) + 1] = _score(factor, weighted[n][term], damping[n])
        else:
            having = sorted({n for n in numbers if n not in damping} | {n for n in changed if term in weighted[n]})
            flat, previous = [], 0
            for n in having:
                flat += (n - previous, _score(factor, weighted[n][term], _damping(lengths[n], average)))
                previous = n
        revised[term] = flat
    order = last.lists.keys() if frequency.keys() == last.lists.keys() else sorted(frequency)
    lists = {term: revised[term] if term in revised else last.lists[term] for term in order}
    return Postings(weighted, lengths, average, frequency, lists)


def build_index(site: Site, docs: list[SearchDoc]) -> SearchIndex:
    themes = list(site.content.themes)
    theme_number = {t: i for i, t in enumerate(themes)}
    partnerships = list(site.partnerships.values())
    partnership_number = {p.slug: i for i, p in enumerate(partnerships)}
    types = list(REVIEW_TYPES)
    type_number = {t: i for i, t in enumerate(types)}

    weighted: list[dict[str, int]] = []
    lengths: list[int] = []
    for doc in docs:
        counts, length = site.memo.get("search terms", doc, lambda doc=doc: _weighted_terms(doc))
        weighted.append(counts)
        lengths.append(length)

    total = len(docs)
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    postings = site.memo.revise("search postings", lambda last: _postings(weighted, lengths, last))
    for term, flat in postings.lists.items():
        shards[shard_key(term)][term] = flat

    catalog = {
        "version": 3,
        "chunk": SUMMARY_CHUNK,
        "stopwords": sorted(STOPWORDS),
        "types": data_table(CHOICE_COLUMNS, [[t, REVIEW_TYPES[t]] for t in types]),
        "themes": data_table(CHOICE_COLUMNS, [[t, site.content.themes[t].title] for t in themes]),
        "partnerships": data_table(CHOICE_COLUMNS, [[p.slug, p.name] for p in partnerships]),
        "shards": sorted(shards),
        # type and partnership: a row number in their tables, or -1; year: 0 when none;
        # themes: row numbers in the themes table.
        "docs": data_table(SEARCH_DOC_COLUMNS, [
            [
                d.kind,
                type_number.get(d.review_type, -1),
                partnership_number.get(d.partnership, -1),
                d.year,
                [theme_number[t] for t in d.themes if t in theme_number],
                d.date,
            ]
            for d in docs
        ]),
    }
    summaries = [
        data_table(SUMMARY_COLUMNS, [[d.url, d.title, d.summary] for d in docs[i : i + SUMMARY_CHUNK]])
        for i in range(0, total, SUMMARY_CHUNK)
    ]
    return SearchIndex(catalog, dict(shards), summaries)
