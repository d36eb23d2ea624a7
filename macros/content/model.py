"""The content model: what a brief, a quiz and the theme vocabulary may contain.

This module is the public contract for authors. Each model is one dataclass,
and each field an author writes is declared once, on it, with
`content_field`: its type, whether it is required, its default, and its
description and example. From that one declaration come the validation
(`Record.of`), the JSON Schemas that editors use, the README's field
reference and the objects the renderers read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .uk_places import PLACES
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
    content_field,
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
    "not-accepted": "Not accepted",  # the lead agency declined it; the update's note says why
    "superseded": "Superseded",  # replaced by another action; the note says which
}
# Statuses that close a recommendation: it can be neither overdue nor quiet.
CLOSED_STATUSES = frozenset({"complete", "not-accepted", "superseded"})
# Statuses whose update must say why, in its note.
EXPLAINED_STATUSES = frozenset({"not-accepted", "superseded"})

# -- the sections of a brief ----------------------------------------------------------


@dataclass(frozen=True)
class BriefSection:
    """One section of a brief, in the one order the page, the slides, the
    handout and the facilitator notes all follow."""

    anchor: str  # the heading's id on the page, and the slide's name in present mode
    title: str  # its heading on the page
    field: str  # the Brief field it shows ("quiz": the quiz the brief links to)
    always: bool = False  # shown even when empty, to say there is nothing ("no recommendations")
    handout: str = ""  # its heading on the 7-minute briefing handout, if it has a part there
    slide: str = "section"  # in present mode: "section" (one slide), "each" (one per item: learning) or "none"
    notes: str = ""  # the label of its facilitator notes, if its slide can carry them


BRIEF_SECTIONS = (
    BriefSection("background", "Background", "background", always=True, handout="Background", notes="Background"),
    BriefSection("engagement", "Who took part", "engagement"),
    BriefSection("key-questions", "Key questions", "key_questions"),
    BriefSection("why-it-matters", "Why it matters", "why_it_matters", handout="Why it matters", notes="Why it matters"),
    BriefSection("learning", "Learning", "learning", always=True, handout="Key findings", slide="each"),
    BriefSection("recommendations", "Recommendations", "recommendations", always=True,
                 handout="What agencies will do", notes="Recommendations"),
    BriefSection("suggestions", "Suggestions", "suggestions"),
    BriefSection("reflective-questions", "Questions for reflection", "reflective_questions", always=True,
                 handout="Questions for reflection", notes="Questions for reflection"),
    BriefSection("resources", "Resources", "resources", notes="Resources and quiz"),
    BriefSection("quiz", "Check your learning", "quiz"),
    BriefSection("notes", "Notes", "notes", slide="none"),
)

# The slides that can carry facilitator notes: the title slide, then each
# section that says so, by the field name an author writes under facilitator_notes.
NOTE_SECTIONS = {"title": "Title and context", **{s.field: s.notes for s in BRIEF_SECTIONS if s.notes}}


# Brief slugs that would collide with the listing pages under /briefs/.
RESERVED_BRIEF_SLUGS = frozenset({"index", "page", "by-year", "by-type", "by-partnership", "feed"})
RESERVED_QUIZ_IDS = frozenset({"index", "page"})
# Theme ids that would collide with the pages under /themes/.
RESERVED_THEME_IDS = frozenset({"index", "page", "overview", "matrix"})


# -- cross-field checks -------------------------------------------------------------


def _learning_themes_are_listed(brief: dict, ctx: Context, where: str) -> None:
    listed = set(brief.get("themes", ()))
    seen: dict[str, int] = {}
    for index, item in enumerate(brief.get("learning", ()), start=1):
        here = f"learning[{index}].theme"
        theme = item.theme
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
    correct = sum(1 for option in options if option.correct)
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
        key = " ".join(option.text.split()).casefold()
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
        if _ABOVE.search(option.text):
            here = f"{where}.options[{index}].text"
            ctx.warn(here, f'"{option.text}" refers to the other options, and their order is mixed for each learner.',
                     "Write the option out in full, or set shuffle: false on this question.")
    if not question.get("source") and not _CITES.search(question.get("explanation", "")):
        ctx.warn(f"{where}.explanation", "names no source for the answer.",
                 "Name the law, guidance or review it rests on, in the explanation or in a source: line.")


def _quiz_advice(quiz: dict, ctx: Context, where: str) -> None:
    """A quiz whose right answers give themselves away: always in one place in
    the file, or always the longest option."""
    singles = [(i, q) for i, q in enumerate(quiz.get("questions", []), start=1) if q.type == "single"]
    if len(singles) < 3:
        return
    places = {next(n for n, o in enumerate(q.options) if o.correct) for _, q in singles}
    if len(places) == 1:
        ctx.warn("questions", f"has the right answer as option {places.pop() + 1} in every one of its "
                 f"{len(singles)} single-answer questions.",
                 "Vary where the right answer sits; the site mixes the order, but a printed copy or shuffle: false would not.")
    longest = [i for i, q in singles
               if max(q.options, key=lambda o: len(o.text)).correct
               and sorted(len(o.text) for o in q.options)[-2] < len(next(o for o in q.options if o.correct).text)]
    if len(longest) * 2 > len(singles):
        ctx.warn("questions", f"has the right answer as the longest option in {len(longest)} of its {len(singles)} "
                 "single-answer questions, so a learner can guess it without reading.",
                 "Give some wrong options the same detail as the right one, or shorten the right ones.")


# -- the models, each field declared once ------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Theme:
    id: str = content_field(Id(), required=True, description="Used in briefs' themes lists and in the theme's web address.", example="id: think-family")
    title: str = content_field(Text(one_line=True), required=True, description="The theme's name as readers see it.", example="title: Think Family")
    description: str = content_field(Text(one_paragraph=True), required=True, description="One paragraph on what the theme covers.", example="description: Seeing the whole family ...")


THEME_ENTRY = Record.of(Theme, name="a theme")
THEME_VOCABULARY = ListOf(item=THEME_ENTRY, min_items=1, description="The site's themes.")


@dataclass(frozen=True, kw_only=True)
class Learning:
    theme: str = content_field(ThemeRef(), required=True, description="The theme this learning belongs to; it must also be in the brief's themes.", example="theme: think-family")
    points: tuple[str, ...] = content_field(ListOf(item=Markdown(), min_items=1), required=True, description="The learning points, one Markdown item each.", example="points:\n  - Offer carers an assessment proactively.")
    facilitator_notes: str | None = content_field(Markdown(), description="Notes for whoever presents this theme's slide. Never on a slide, but published in the page's source: nothing confidential.", example="facilitator_notes: Ask the room for an example.")


LEARNING = Record.of(Learning, name="a learning item")


# Words that say a phrase names a role or an organisation, not a person.
_ROLE_WORDS = frozenset("""
    a&e acute adult adults advice advocacy advocate advocates agencies agency aid alcohol ambulance assistant
    association authorities authority board boards care centre center chair chief children children's citizens
    cic clinic clinical college commissioner commissioners commissioning communities community company
    constabulary co-ordinator coordinator council councils court courts cps crown csp csps deputy department
    designated directorate director directors doctor doctors domestic drug drugs dwp early education emergency
    executive families family fire forum foundation gp gps government group groups head heads health help
    helpline helplines hospital hospitals housing hub icb idva idvas isva jobcentre justice lead leads local
    ltd manager managers marac mappa mash men's mental midwife midwifery midwives named network nhs nurse nurses
    office officer officers operational panel paramedic partnership partnerships people plc police practice
    practices practitioner practitioners primary principal prison prisons probation project prosecution
    protection public refuge rehabilitation rescue sab safelives safer safeguarding school schools scp
    secondary secretariat senior service services sexual social society staff strategic substance support
    surgery team teams trust trusts unit units university victim victims violence visitor visitors witness
    women's worker workers young youth yot abuse ccg lscb lsab
""".split())
# Titles and ranks written before a name ("DS Smith", "Mrs. Patel", "Cllr Jones").
_HONORIFICS = frozenset("""
    mr mrs ms miss mx dr prof professor cllr councillor ds dc di dci dsi dcs det pc pcso sgt insp supt rev revd
    sir dame lord lady
""".split())
# Words that never belong to a person's name: a phrase with one names something else ("Kent and Medway").
_NOT_NAME_WORDS = frozenset({"and", "&", "of", "the", "for", "in", "on", "at", "with"})
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # letters of any script, with ' or - inside
_PARTS = re.compile(r"[,;()/\[\]|]|\s[-–—]\s")


def names_a_person(value: str) -> bool:
    """Whether `value`, a `by` or a `lead`, reads as a person's name rather
    than a role or an organisation. Each part (between commas, brackets,
    slashes and dashes: "Jane Smith, Head of Safeguarding") is read on its own.
    A name is a title or rank with a name after it ("DS Smith", "PC 1234 Jane
    Jones"); or two to four words of letters (initials, O'Neill, Siân, ap
    Gwilym), none of them saying role or organisation and none a place; or a
    surname, a comma and a forename ("Smith, Jane"). A single word is let
    through: "Jane" and "CAMHS" cannot be told apart. A heuristic, so a role
    or an agency whose name is plain words ("Northshire Direct") needs a word
    that says what it is ("Northshire Direct helpline")."""
    parts = [[word.strip(".") for word in part.split()] for part in _PARTS.split(value)]
    parts = [[word for word in part if word] for part in parts]
    parts = [part for part in parts if part]

    def could_be_a_name(word: str) -> bool:
        return bool(_NAME_WORD.fullmatch(word)) and word.casefold() not in _ROLE_WORDS and word not in PLACES

    def name_beside_a_role(words: list[str]) -> bool:
        # "Named Nurse Sarah Jones", "Jane Smith Head of Safeguarding": two or
        # more name words straight after, or straight before, a role word.
        for ordered in (words, words[::-1]):
            run = []
            for word in reversed(ordered):
                if not could_be_a_name(word) or word.casefold() in _NOT_NAME_WORDS:
                    break
                run.append(word)
            rest = ordered[: len(ordered) - len(run)]
            if len(run) >= 2 and rest and rest[-1].casefold() in _ROLE_WORDS and " ".join(reversed(run)) not in PLACES:
                return True
        return False

    for words in parts:
        lowered = [word.casefold() for word in words]
        if any(word in _ROLE_WORDS or word in _NOT_NAME_WORDS for word in lowered) or " ".join(words) in PLACES:
            if name_beside_a_role(words):
                return True
            continue
        names = [word for word in words if could_be_a_name(word)]
        if lowered[0] in _HONORIFICS and len(names) >= 2:
            return True
        if 2 <= len(words) <= 4 and len(names) == len(words):
            return True
    return len(parts) == 2 and all(len(part) == 1 and could_be_a_name(part[0]) for part in parts)


def _update_is_complete(update: dict, ctx: Context, where: str) -> None:
    status = update.get("status")
    if status in EXPLAINED_STATUSES and not update.get("note"):
        ctx.problem(None, f"{where}.status", f'is "{status}" but the update has no note saying why.',
                    f"Add a note: line giving the reason it is {STATUSES[status].lower()}.")
    if status == "complete" and not update.get("evidence"):
        ctx.warn(f"{where}.status", "marks the recommendation complete without evidence.",
                 "Add an evidence: line saying what shows practice changed (an audit, a new procedure, training figures).")
    by = update.get("by")
    if by and names_a_person(by):
        ctx.problem(None, f"{where}.by", f'"{by}" looks like a person\'s name; updates are published.',
                    "Write a role or an agency instead, for example: by: Adult Social Care.")


@dataclass(frozen=True, kw_only=True)
class Update:
    date: dt.date = content_field(Date(), required=True, description="When this progress was recorded (YYYY-MM-DD); not later than the build date.", example="date: 2025-06-30")
    status: str = content_field(Choice(values=list(STATUSES), names=STATUSES), required=True, description="The recommendation's status as of this update.", example="status: in-progress")
    note: str | None = content_field(Markdown(headings=False), description="What was done or decided. Required for not-accepted and superseded: say why.", example="note: Carers' leaflet agreed by the Safeguarding Adults Board.")
    evidence: str | None = content_field(Markdown(headings=False), description="What shows it: an audit, a procedure, training figures. Expected when the status is complete.", example="evidence: Audit of 40 cases, March 2025.")
    by: str | None = content_field(Text(one_line=True), description="The role or agency reporting it; never a person's name.", example="by: Adult Social Care")


UPDATE = Record.of(Update, name="an update", checks=[_update_is_complete])


def _updates_agree(recommendation: dict, ctx: Context, where: str) -> None:
    """Updates in date order, none after the build date, and a status that
    says the same as the latest update; a status without updates held to the
    same rules as an update's; a lead that is a role or an agency."""
    updates = recommendation.get("updates") or ()
    lead = recommendation.get("lead")
    if lead and names_a_person(lead):
        ctx.problem(None, f"{where}.lead", f'"{lead}" looks like a person\'s name; recommendations are published.',
                    "Write the agency or role that leads the action, for example: lead: Adult Social Care.")
    status = recommendation.get("status")
    if not updates and status in EXPLAINED_STATUSES:
        ctx.problem(None, f"{where}.status", f'is "{status}" with no update saying why.',
                    "Record it as an update (date, status and a note giving the reason) instead of a status: line.")
    if not updates and status == "complete" and not recommendation.get("evidence"):
        ctx.warn(f"{where}.status", "marks the recommendation complete without evidence.",
                 "Add an evidence: line saying what shows practice changed (an audit, a new procedure, training figures).")
    for index in range(1, len(updates)):
        if updates[index].date < updates[index - 1].date:
            here = f"{where}.updates[{index + 1}].date"
            ctx.problem(None, here, f"{updates[index].date.isoformat()} is earlier than the update before it "
                        f"({updates[index - 1].date.isoformat()}).", "List updates oldest first.")
    if ctx.today is not None:
        for index, update in enumerate(updates, start=1):
            if update.date > ctx.today:
                ctx.problem(None, f"{where}.updates[{index}].date",
                            f"{update.date.isoformat()} is later than today ({ctx.today.isoformat()}).",
                            "An update records what has happened: check the year and the month.")
    if updates and status and status != updates[-1].status:
        ctx.problem(None, f"{where}.status", f'is "{status}", but the latest update says "{updates[-1].status}".',
                    "Remove the status: line (the latest update gives it), or make them agree.")


@dataclass(frozen=True, kw_only=True)
class Recommendation:
    text: str = content_field(Markdown(headings=False), required=True, description="What should change.", example="text: Review the carers' assessment offer.")
    lead: str | None = content_field(Text(one_line=True), description="The agency or role that leads the action.", example="lead: Adult Social Care")
    themes: tuple[str, ...] = content_field(ListOf(item=ThemeRef(), unique=True), default=(), description="Themes the recommendation addresses.", example="themes: [carers]")
    status: str | None = content_field(Choice(values=list(STATUSES), names=STATUSES), description="Progress on the action, when there are no updates; with updates, the latest update's status is the status.", example="status: in-progress")
    due: dt.date | None = content_field(Date(), description="When the action is due.", example="due: 2025-03-31")
    evidence: str | None = content_field(Markdown(headings=False), description="What shows the action changed practice.", example="evidence: Audit of 40 cases in 2025.")
    updates: tuple[Update, ...] = content_field(ListOf(item=UPDATE), default=(), description="Progress reports, oldest first, each with a date and the status it left the recommendation in.", example="updates:\n  - date: 2025-03-31\n    status: in-progress\n    note: Training plan agreed.\n    by: Safeguarding Adults Board")
    number: int = 0  # its place in its brief, from 1 (set by the loader): with the slug, the row's stable id

    @property
    def current_status(self) -> str | None:
        """The latest update's status, or the status written without updates."""
        return self.updates[-1].status if self.updates else self.status

    @property
    def last_update(self) -> dt.date | None:
        return self.updates[-1].date if self.updates else None

    @property
    def status_name(self) -> str:
        return STATUSES.get(self.current_status or "", "Not recorded")

    def status_on(self, day: dt.date) -> str | None:
        """Its status as it stood on `day`, from the updates (None before the first)."""
        if not self.updates:
            return self.status
        known = [u.status for u in self.updates if u.date <= day]
        return known[-1] if known else None


RECOMMENDATION = Record.of(Recommendation, name="a recommendation", checks=[_updates_agree])


@dataclass(frozen=True, kw_only=True)
class Source:
    title: str = content_field(Text(one_line=True), required=True, description="The review report or paper's title, as published.", example='title: "Domestic Homicide Reviews: Common Themes Identified as Lessons to be Learned"')
    url: str | None = content_field(Url(), description="Where it is published.", example="url: https://www.gov.uk/government/publications/domestic-homicide-review-lessons-learned")


SOURCE = Record.of(Source, name="a source")


@dataclass(frozen=True, kw_only=True)
class Resource:
    title: str = content_field(Text(one_line=True), required=True, description="The link text.", example="title: National Domestic Abuse Helpline")
    url: str = content_field(Url(), required=True, description="A full https://, http://, mailto: or tel: address.", example="url: https://www.nationaldahelpline.org.uk/")
    description: str | None = content_field(Text(), description="A sentence on what the reader will find.", example="description: Free, 24 hours, run by Refuge.")


RESOURCE = Record.of(Resource, name="a resource")

FACILITATOR_NOTES = Record(
    name="facilitator notes",
    fields=[
        FieldDef(key, Markdown(), description=f"Notes for the {label.lower()} slide.", example=f"{key}: ...")
        for key, label in NOTE_SECTIONS.items()
    ],
)


@dataclass(frozen=True)
class Origin:
    """Where a brief harvested from another site's open data comes from
    (content/sources.py): that site, and the brief's address there, which is
    its canonical address."""

    site_name: str
    site_url: str
    partnership: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Brief:
    title: str = content_field(Text(one_line=True), required=True, description="The brief's title.", example='title: "Think Family: a familial homicide in a care home"')
    review_type: str = content_field(Choice(values=list(REVIEW_TYPES), names=REVIEW_TYPES), required=True, description="The kind of review; the page shows its full name.", example="review_type: DHR")
    partnership: str = content_field(Text(one_line=True), required=True, description="The partnership that commissioned the review.", example="partnership: Southend, Essex and Thurrock")
    published: dt.date = content_field(Date(), required=True, description="When this brief was published on the site (YYYY-MM-DD); listings and the feed use it.", example="published: 2024-05-31")
    review_published: PartialDate | None = content_field(PartialDateSpec(), description="When the review report or paper itself was published, only as precisely as it says: 2013, 2013-11 or 2013-11-05.", example="review_published: 2013-11")
    source: Source | None = content_field(SOURCE, description="The review report or paper the brief is drawn from; the page and the 7-minute handout name it.", example='source:\n  title: "Domestic Homicide Reviews: Common Themes"\n  url: https://www.gov.uk/government/publications/domestic-homicide-review-lessons-learned')
    summary: str = content_field(Text(one_paragraph=True), required=True, description="One plain-text paragraph for listings, search results and the feed.", example="summary: A grandson killed his grandmother in her care home ...")
    background: str = content_field(Markdown(), required=True, description="What happened and what the review looked at.", example="background: |\n  The review looked at ...")
    themes: tuple[str, ...] = content_field(ListOf(item=ThemeRef(), min_items=1, unique=True), required=True, description="Theme ids from briefs/_themes.yml.", example="themes:\n  - think-family\n  - carers")
    learning: tuple[Learning, ...] = content_field(ListOf(item=LEARNING, min_items=1), required=True, description="Learning points grouped by theme.", example="learning:\n  - theme: carers\n    points:\n      - Offer carers' assessments proactively.")
    engagement: str | None = content_field(Markdown(), description="Who took part in the review.", example="engagement: Nine agencies and one family member took part.")
    key_questions: tuple[str, ...] = content_field(ListOf(item=Text()), default=(), description="The questions the review set out to answer.", example="key_questions:\n  - How do agencies engage families?")
    why_it_matters: str | None = content_field(Markdown(), description="Why this learning matters to practitioners (used by the 7-minute briefing).", example="why_it_matters: Carers are often the first to see ...")
    recommendations: tuple[Recommendation, ...] = content_field(ListOf(item=RECOMMENDATION), default=(), description="Actions, with lead, status and due date.", example="recommendations:\n  - text: Seek assurance that support for carers is available.\n    lead: Safeguarding Adults Board\n    due: 2025-03-31\n    # Progress, oldest first; the latest update gives the status.\n    updates:\n      - date: 2024-12-10\n        status: in-progress\n        note: Partners asked to report their carers' support offer.\n        by: Safeguarding Adults Board\n      - date: 2025-03-28\n        status: complete\n        note: All partners reported; support for carers added to safeguarding training.\n        evidence: Training materials updated; 120 staff trained by March 2025.\n        by: Safeguarding Adults Board")
    suggestions: tuple[str, ...] = content_field(ListOf(item=Text()), default=(), description="Ideas the review or paper put forward without making them formal recommendations, in its own terms. Shown apart from recommendations, with no lead or status, and never in the tracker.", example="suggestions:\n  - Check that the right agencies attend the local MARAC.")
    reflective_questions: tuple[str, ...] = content_field(ListOf(item=Text()), default=(), description="Questions for practitioners to discuss.", example="reflective_questions:\n  - Who else lives in the household?")
    resources: tuple[Resource, ...] = content_field(ListOf(item=RESOURCE), default=(), description="Links for further help and reading.", example="resources:\n  - title: SafeLives\n    url: https://safelives.org.uk/")
    quiz: str | None = content_field(QuizRef(), description="The id of a related quiz in quizzes/.", example="quiz: think-family")
    notes: str | None = content_field(Markdown(), description="Footnotes and sources.", example="notes: Paraphrased from the published learning brief.")
    facilitator_notes: dict[str, str] = content_field(FACILITATOR_NOTES, default={}, description="Notes for presenters, per slide: " + ", ".join(NOTE_SECTIONS) + ". Published in the page's source: nothing confidential.", example="facilitator_notes:\n  background: Keep this to two minutes.")
    # Set by the loader, not written by authors:
    slug: str = ""  # from the file name
    path: str = ""  # the file, as "briefs/<slug>.yml"; for a harvested brief, its source
    texts: tuple[TextValue, ...] = ()  # every text field with its line, for prose checks
    origin: Origin | None = None  # set for a brief harvested from another site (sources.py)

    @property
    def review_type_name(self) -> str:
        return REVIEW_TYPES[self.review_type]

    @property
    def year(self) -> int:
        return self.published.year

    def learning_for(self, theme_id: str) -> Learning | None:
        return next((item for item in self.learning if item.theme == theme_id), None)

    def sections(self, has_quiz: bool) -> list[BriefSection]:
        """The sections its page shows, in order: the empty ones left out,
        except those that say there is nothing."""
        return [s for s in BRIEF_SECTIONS
                if s.always or (has_quiz if s.field == "quiz" else bool(getattr(self, s.field)))]


BRIEF = Record.of(Brief, name="a brief", checks=[_learning_themes_are_listed])


@dataclass(frozen=True, kw_only=True)
class Option:
    text: str = content_field(Text(), required=True, description="The answer as the learner sees it.", example="text: Economic abuse")
    correct: bool = content_field(Boolean(), required=True, description="true for a right answer, false otherwise.", example="correct: true")
    feedback: str | None = content_field(Markdown(), description="Shown when the learner chooses this option.", example="feedback: Yes: controlling money is economic abuse.")


OPTION = Record.of(Option, name="an option")


@dataclass(frozen=True, kw_only=True)
class Question:
    prompt: str = content_field(Markdown(), required=True, description="The question; a scenario works well.", example="prompt: A colleague tells you ...")
    type: str = content_field(Choice(values=["single", "multiple"]), required=True, description="single: one right answer; multiple: one or more.", example="type: single")
    options: tuple[Option, ...] = content_field(ListOf(item=OPTION, min_items=2), required=True, description="At least two options, each with different text.", example="options:\n  - text: Yes\n    correct: true\n  - text: No\n    correct: false")
    explanation: str = content_field(Markdown(), required=True, description="Why the answer is right, naming its source.", example="explanation: Domestic Abuse Act 2021, s.1(3) ...")
    source: str | None = content_field(Text(), description="Where the fact comes from, as a citation.", example="source: Domestic Abuse Act 2021, s.1")
    shuffle: bool = content_field(Boolean(), default=True, description="false keeps the options in the order written (a scale, say); otherwise each is shown in a mixed order that gives nothing away.", example="shuffle: false")


QUESTION = Record.of(Question, name="a question", checks=[_question_answers_fit_type, _question_advice])


@dataclass(frozen=True, kw_only=True)
class Quiz:
    title: str = content_field(Text(one_line=True), required=True, description="The quiz's title.", example="title: Recognising coercive control")
    intro: str = content_field(Markdown(), required=True, description="What the quiz covers and who it is for.", example="intro: Ten questions on ...")
    themes: tuple[str, ...] = content_field(ListOf(item=ThemeRef(), min_items=1, unique=True), required=True, description="Theme ids; the quiz is listed on each theme's page.", example="themes: [awareness-coercive-control]")
    pass_mark: int = content_field(Integer(minimum=1, maximum=100), default=80, description="Percentage needed to pass (1 to 100). Default 80.", example="pass_mark: 80")
    questions: tuple[Question, ...] = content_field(ListOf(item=QUESTION, min_items=1), required=True, description="One or more questions.", example="questions:\n  - prompt: ...")
    # Set by the loader:
    id: str = ""  # from the file name
    path: str = ""  # the file, as "quizzes/<id>.yml"


QUIZ = Record.of(Quiz, name="a quiz", checks=[_quiz_advice])
