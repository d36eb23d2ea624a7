"""The content model: what a brief, a quiz and the theme vocabulary may contain.

This module is the public contract for authors. The field definitions below
drive validation, the JSON Schemas that editors use, and the README's field
reference, so a field is described once, here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .fields import (
    Boolean,
    PartialDate,
    PartialDateSpec,
    Choice,
    Context,
    Date,
    FieldDef,
    Id,
    Integer,
    ListOf,
    Markdown,
    QuizRef,
    Record,
    Text,
    TextValue,
    ThemeRef,
    Url,
)

REVIEW_TYPES = {
    "DHR": "Domestic Homicide Review",
    "DARDR": "Domestic Abuse Related Death Review",
    "SAR": "Safeguarding Adults Review",
    "CSPR": "Child Safeguarding Practice Review",
    "thematic": "Thematic review",
    "lessons-learned": "Lessons-learned review",
}

STATUSES = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "complete": "Complete",
}

# Slides of present mode that can carry facilitator notes (issue: seminars).
NOTE_SECTIONS = {
    "title": "Title and context",
    "background": "Background",
    "why_it_matters": "Why it matters",
    "recommendations": "Recommendations",
    "reflective_questions": "Questions for reflection",
    "resources": "Resources and quiz",
}

# Brief slugs that would collide with the listing pages under /briefs/.
RESERVED_BRIEF_SLUGS = frozenset({"index", "page", "by-year", "by-type", "by-partnership", "feed"})
RESERVED_QUIZ_IDS = frozenset({"index", "page"})
# Theme ids that would collide with the pages under /themes/.
RESERVED_THEME_IDS = frozenset({"index", "page", "overview", "matrix"})


# -- dataclasses the renderers use -----------------------------------------------


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Learning:
    theme: str
    points: tuple[str, ...]
    facilitator_notes: str | None = None


@dataclass(frozen=True)
class Recommendation:
    number: int  # 1-based position in its brief: the stable row id with the slug
    text: str
    lead: str | None = None
    themes: tuple[str, ...] = ()
    status: str | None = None
    due: dt.date | None = None
    evidence: str | None = None

    @property
    def status_name(self) -> str:
        return STATUSES.get(self.status or "", "Not recorded")


@dataclass(frozen=True)
class Resource:
    title: str
    url: str
    description: str | None = None


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Brief:
    slug: str
    path: str
    title: str
    review_type: str
    partnership: str
    published: dt.date
    summary: str
    background: str
    themes: tuple[str, ...]
    learning: tuple[Learning, ...]
    engagement: str | None = None
    key_questions: tuple[str, ...] = ()
    why_it_matters: str | None = None
    recommendations: tuple[Recommendation, ...] = ()
    suggestions: tuple[str, ...] = ()  # not recommendations: never tracked
    reflective_questions: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    quiz: str | None = None
    notes: str | None = None
    facilitator_notes: dict[str, str] = field(default_factory=dict)
    review_published: PartialDate | None = None
    source: Source | None = None
    texts: tuple[TextValue, ...] = ()  # every text field with its line, for prose checks

    @property
    def review_type_name(self) -> str:
        return REVIEW_TYPES[self.review_type]

    @property
    def year(self) -> int:
        return self.published.year

    def learning_for(self, theme_id: str) -> Learning | None:
        return next((item for item in self.learning if item.theme == theme_id), None)


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str | None = None


@dataclass(frozen=True)
class Question:
    prompt: str
    type: str
    options: tuple[Option, ...]
    explanation: str
    source: str | None = None
    shuffle: bool = True


@dataclass(frozen=True)
class Quiz:
    id: str
    path: str
    title: str
    intro: str
    themes: tuple[str, ...]
    pass_mark: int
    questions: tuple[Question, ...]


# -- cross-field checks -------------------------------------------------------------


def _learning_themes_are_listed(brief: dict, ctx: Context, where: str) -> None:
    listed = set(brief.get("themes", ()))
    seen: dict[str, int] = {}
    for index, item in enumerate(brief.get("learning", ()), start=1):
        here = f"learning[{index}].theme"
        theme = item["theme"]
        line = ctx.lines.get(here)
        if theme not in listed:
            ctx.log.add(
                line,
                here,
                f'"{theme}" is not in this brief\'s themes.',
                f"Add {theme} to the themes list, or choose one of: {', '.join(sorted(listed))}.",
            )
        if theme in seen:
            ctx.log.add(
                line,
                here,
                f'"{theme}" already has learning in item {seen[theme]}.',
                "Put all the points for one theme in a single learning item.",
            )
        seen.setdefault(theme, index)


def _question_answers_fit_type(question: dict, ctx: Context, where: str) -> None:
    options = question.get("options", [])
    correct = sum(1 for option in options if option["correct"])
    line = ctx.lines.get(f"{where}.options") or ctx.lines.get(where)
    if question["type"] == "single" and correct != 1:
        ctx.log.add(
            line,
            f"{where}.options",
            f"has {correct} correct options, but a single-answer question needs exactly one.",
            'Mark one option "correct: true", or make the question "type: multiple".',
        )
    if question["type"] == "multiple" and correct < 1:
        ctx.log.add(
            line,
            f"{where}.options",
            "has no correct option.",
            'Mark at least one option "correct: true".',
        )
    seen: dict[str, int] = {}
    for index, option in enumerate(options, start=1):
        key = " ".join(option["text"].split()).casefold()
        if key in seen:
            ctx.log.add(
                ctx.lines.get(f"{where}.options[{index}].text"),
                f"{where}.options[{index}].text",
                f"repeats option {seen[key]}.",
                "Each option's text must be different; reword or delete it.",
            )
        seen.setdefault(key, index)


# -- quiz advice: warnings, not errors --------------------------------------------------

_ABOVE = re.compile(r"\b(?:all|none|both|neither) of (?:the )?(?:above|these|them)\b", re.I)
# What an explanation names when it names its source: a statute, a guidance
# document, a review or report, an organisation that publishes guidance.
_CITES = re.compile(
    r"\b(?:Act|s\.\s?\d|[Ss]ection \d|[Gg]uidance|[Rr]eview|[Rr]eport|[Ss]tudy|[Bb]rief|paper|NICE|SafeLives|"
    r"Home Office|College of Policing|Working Together|Care Act|Refuge|Women's Aid|NSPCC|Regulations?)\b")


def _question_advice(question: dict, ctx: Context, where: str) -> None:
    for index, option in enumerate(question.get("options", []), start=1):
        if _ABOVE.search(option["text"]):
            here = f"{where}.options[{index}].text"
            ctx.warn(here, f'"{option["text"]}" refers to the other options, and their order is mixed for each learner.',
                     "Write the option out in full, or set shuffle: false on this question.")
    if not question.get("source") and not _CITES.search(question.get("explanation", "")):
        ctx.warn(f"{where}.explanation", "names no source for the answer.",
                 "Name the law, guidance or review it rests on, in the explanation or in a source: line.")


def _quiz_advice(quiz: dict, ctx: Context, where: str) -> None:
    """A quiz whose right answers give themselves away: always in one place in
    the file, or always the longest option."""
    singles = [(i, q) for i, q in enumerate(quiz.get("questions", []), start=1) if q["type"] == "single"]
    if len(singles) < 3:
        return
    places = {next(n for n, o in enumerate(q["options"]) if o["correct"]) for _, q in singles}
    if len(places) == 1:
        ctx.warn("questions", f"has the right answer as option {places.pop() + 1} in every one of its "
                 f"{len(singles)} single-answer questions.",
                 "Vary where the right answer sits; the site mixes the order, but a printed copy or shuffle: false would not.")
    longest = [i for i, q in singles
               if max(q["options"], key=lambda o: len(o["text"]))["correct"]
               and sorted(len(o["text"]) for o in q["options"])[-2] < len(next(o for o in q["options"] if o["correct"])["text"])]
    if len(longest) * 2 > len(singles):
        ctx.warn("questions", f"has the right answer as the longest option in {len(longest)} of its {len(singles)} "
                 "single-answer questions, so a learner can guess it without reading.",
                 "Give some wrong options the same detail as the right one, or shorten the right ones.")


# -- field definitions ---------------------------------------------------------------

THEME_ENTRY = Record(
    name="a theme",
    fields=[
        FieldDef("id", Id(), True, description="Used in briefs' themes lists and in the theme's web address.", example="id: think-family"),
        FieldDef("title", Text(one_line=True), True, description="The theme's name as readers see it.", example="title: Think Family"),
        FieldDef("description", Text(one_paragraph=True), True, description="One paragraph on what the theme covers.", example="description: Seeing the whole family ..."),
    ],
)

THEME_VOCABULARY = ListOf(item=THEME_ENTRY, min_items=1, description="The site's themes.")

LEARNING = Record(
    name="a learning item",
    fields=[
        FieldDef("theme", ThemeRef(), True, description="The theme this learning belongs to; it must also be in the brief's themes.", example="theme: think-family"),
        FieldDef("points", ListOf(item=Markdown(), min_items=1), True, description="The learning points, one Markdown item each.", example="points:\n  - Offer carers an assessment proactively."),
        FieldDef("facilitator_notes", Markdown(), description="Notes for whoever presents this theme's slide. Never on a slide, but published in the page's source: nothing confidential.", example="facilitator_notes: Ask the room for an example."),
    ],
)

RECOMMENDATION = Record(
    name="a recommendation",
    fields=[
        FieldDef("text", Markdown(), True, description="What should change.", example="text: Review the carers' assessment offer."),
        FieldDef("lead", Text(one_line=True), description="The agency or role that leads the action.", example="lead: Adult Social Care"),
        FieldDef("themes", ListOf(item=ThemeRef(), unique=True), description="Themes the recommendation addresses.", example="themes: [carers]"),
        FieldDef("status", Choice(values=list(STATUSES), names=STATUSES), description="Progress on the action.", example="status: in-progress"),
        FieldDef("due", Date(), description="When the action is due.", example="due: 2025-03-31"),
        FieldDef("evidence", Markdown(), description="What shows the action changed practice.", example="evidence: Audit of 40 cases in 2025."),
    ],
)

SOURCE = Record(
    name="a source",
    fields=[
        FieldDef("title", Text(one_line=True), True, description="The review report or paper's title, as published.", example='title: "Domestic Homicide Reviews: Common Themes Identified as Lessons to be Learned"'),
        FieldDef("url", Url(), description="Where it is published.", example="url: https://www.gov.uk/government/publications/domestic-homicide-review-lessons-learned"),
    ],
)

RESOURCE = Record(
    name="a resource",
    fields=[
        FieldDef("title", Text(one_line=True), True, description="The link text.", example="title: National Domestic Abuse Helpline"),
        FieldDef("url", Url(), True, description="A full https://, http://, mailto: or tel: address.", example="url: https://www.nationaldahelpline.org.uk/"),
        FieldDef("description", Text(), description="A sentence on what the reader will find.", example="description: Free, 24 hours, run by Refuge."),
    ],
)

FACILITATOR_NOTES = Record(
    name="facilitator notes",
    fields=[
        FieldDef(key, Markdown(), description=f"Notes for the {label.lower()} slide.", example=f"{key}: ...")
        for key, label in NOTE_SECTIONS.items()
    ],
)

BRIEF = Record(
    name="a brief",
    checks=[_learning_themes_are_listed],
    fields=[
        FieldDef("title", Text(one_line=True), True, description="The brief's title.", example='title: "Think Family: a familial homicide in a care home"'),
        FieldDef("review_type", Choice(values=list(REVIEW_TYPES), names=REVIEW_TYPES), True, description="The kind of review; the page shows its full name.", example="review_type: DHR"),
        FieldDef("partnership", Text(one_line=True), True, description="The partnership that commissioned the review.", example="partnership: Southend, Essex and Thurrock"),
        FieldDef("published", Date(), True, description="When this brief was published on the site (YYYY-MM-DD); listings and the feed use it.", example="published: 2024-05-31"),
        FieldDef("review_published", PartialDateSpec(), description="When the review report or paper itself was published, only as precisely as it says: 2013, 2013-11 or 2013-11-05.", example="review_published: 2013-11"),
        FieldDef("source", SOURCE, description="The review report or paper the brief is drawn from; the page and the 7-minute handout name it.", example='source:\n  title: "Domestic Homicide Reviews: Common Themes"\n  url: https://www.gov.uk/government/publications/domestic-homicide-review-lessons-learned'),
        FieldDef("summary", Text(one_paragraph=True), True, description="One plain-text paragraph for listings, search results and the feed.", example="summary: A grandson killed his grandmother in her care home ..."),
        FieldDef("background", Markdown(), True, description="What happened and what the review looked at.", example="background: |\n  The review looked at ..."),
        FieldDef("themes", ListOf(item=ThemeRef(), min_items=1, unique=True), True, description="Theme ids from briefs/_themes.yml.", example="themes:\n  - think-family\n  - carers"),
        FieldDef("learning", ListOf(item=LEARNING, min_items=1), True, description="Learning points grouped by theme.", example="learning:\n  - theme: carers\n    points:\n      - Offer carers' assessments proactively."),
        FieldDef("engagement", Markdown(), description="Who took part in the review.", example="engagement: Nine agencies and one family member took part."),
        FieldDef("key_questions", ListOf(item=Text()), description="The questions the review set out to answer.", example="key_questions:\n  - How do agencies engage families?"),
        FieldDef("why_it_matters", Markdown(), description="Why this learning matters to practitioners (used by the 7-minute briefing).", example="why_it_matters: Carers are often the first to see ..."),
        FieldDef("recommendations", ListOf(item=RECOMMENDATION), description="Actions, with lead, status and due date.", example="recommendations:\n  - text: Seek assurance that support for carers is available.\n    lead: Safeguarding Adults Board\n    status: in-progress\n    due: 2025-03-31"),
        FieldDef("suggestions", ListOf(item=Text()), description="Ideas the review or paper put forward without making them formal recommendations, in its own terms. Shown apart from recommendations, with no lead or status, and never in the tracker.", example="suggestions:\n  - Check that the right agencies attend the local MARAC."),
        FieldDef("reflective_questions", ListOf(item=Text()), description="Questions for practitioners to discuss.", example="reflective_questions:\n  - Who else lives in the household?"),
        FieldDef("resources", ListOf(item=RESOURCE), description="Links for further help and reading.", example="resources:\n  - title: SafeLives\n    url: https://safelives.org.uk/"),
        FieldDef("quiz", QuizRef(), description="The id of a related quiz in quizzes/.", example="quiz: think-family"),
        FieldDef("notes", Markdown(), description="Footnotes and sources.", example="notes: Paraphrased from the published learning brief."),
        FieldDef("facilitator_notes", FACILITATOR_NOTES, description="Notes for presenters, per slide: " + ", ".join(NOTE_SECTIONS) + ". Published in the page's source: nothing confidential.", example="facilitator_notes:\n  background: Keep this to two minutes."),
    ],
)

OPTION = Record(
    name="an option",
    fields=[
        FieldDef("text", Text(), True, description="The answer as the learner sees it.", example="text: Economic abuse"),
        FieldDef("correct", Boolean(), True, description="true for a right answer, false otherwise.", example="correct: true"),
        FieldDef("feedback", Markdown(), description="Shown when the learner chooses this option.", example="feedback: Yes: controlling money is economic abuse."),
    ],
)

QUESTION = Record(
    name="a question",
    checks=[_question_answers_fit_type, _question_advice],
    fields=[
        FieldDef("prompt", Markdown(), True, description="The question; a scenario works well.", example="prompt: A colleague tells you ..."),
        FieldDef("type", Choice(values=["single", "multiple"]), True, description="single: one right answer; multiple: one or more.", example="type: single"),
        FieldDef("options", ListOf(item=OPTION, min_items=2), True, description="At least two options, each with different text.", example="options:\n  - text: Yes\n    correct: true\n  - text: No\n    correct: false"),
        FieldDef("explanation", Markdown(), True, description="Why the answer is right, naming its source.", example="explanation: Domestic Abuse Act 2021, s.1(3) ..."),
        FieldDef("source", Text(), description="Where the fact comes from, as a citation.", example="source: Domestic Abuse Act 2021, s.1"),
        FieldDef("shuffle", Boolean(), default=True, description="false keeps the options in the order written (a scale, say); otherwise each is shown in a mixed order that gives nothing away.", example="shuffle: false"),
    ],
)

QUIZ = Record(
    name="a quiz",
    checks=[_quiz_advice],
    fields=[
        FieldDef("title", Text(one_line=True), True, description="The quiz's title.", example="title: Recognising coercive control"),
        FieldDef("intro", Markdown(), True, description="What the quiz covers and who it is for.", example="intro: Ten questions on ..."),
        FieldDef("themes", ListOf(item=ThemeRef(), min_items=1, unique=True), True, description="Theme ids; the quiz is listed on each theme's page.", example="themes: [awareness-coercive-control]"),
        FieldDef("pass_mark", Integer(minimum=1, maximum=100), default=80, description="Percentage needed to pass (1 to 100). Default 80.", example="pass_mark: 80"),
        FieldDef("questions", ListOf(item=QUESTION, min_items=1), True, description="One or more questions.", example="questions:\n  - prompt: ..."),
    ],
)
