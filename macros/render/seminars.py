"""Material for team briefings and seminars, generated from the same YAML:
facilitator notes for present mode, the 7-minute briefing handout and
seminar packs per theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ..content.markdown import prose_text, to_html
from ..content.model import BRIEF_SECTIONS, Brief, BriefSection, Theme
from .site import Site

# What a 7-minute briefing handout may hold and still print on two A4 pages
# with body text at 10pt (tests/test_seminars.py prints the longest fixture).
HANDOUT_FINDINGS = 14  # learning points across all themes (at least one per theme)
HANDOUT_FINDING_WORDS = 280  # shared by the points chosen, so many themes mean shorter points
HANDOUT_WORDS = {"background": 90, "why": 70, "point": 45, "recommendation": 30}
HANDOUT_RECOMMENDATIONS = 3
PACK_BRIEFS = 4  # briefs a seminar pack covers


def slide_notes(brief: Brief, sections: list[BriefSection]) -> list[tuple[str, Markup]]:
    """Facilitator notes as (slide, notes HTML), in slide order. Present mode
    turns the brief page's header and its `sections` into slides; notes for a
    section the brief leaves out go to the nearest slide before it, so none
    is lost."""
    slides = ["title"]
    for section in sections:
        if section.slide == "each":
            slides += [f"{section.anchor}-{item.theme}" for item in brief.learning]
        elif section.slide == "section":
            slides.append(section.anchor)
    anchors = {s.field: s.anchor for s in BRIEF_SECTIONS}
    order = ["title"] + [s.anchor for s in BRIEF_SECTIONS]
    notes: dict[str, list[str]] = {}
    for key, text in brief.facilitator_notes.items():
        place = order.index(anchors.get(key, "title"))
        slide = next(a for a in reversed(order[: place + 1]) if a in slides)
        notes.setdefault(slide, []).append(text)
    for item in brief.learning:
        if item.facilitator_notes:
            notes.setdefault(f"learning-{item.theme}", []).append(item.facilitator_notes)
    return [(slide, Markup("".join(to_html(t) for t in notes[slide]))) for slide in slides if slide in notes]


# -- the 7-minute briefing handout ----------------------------------------------------


# Where a table was: the handout keeps prose only, and says so in its place.
TABLE_LEFT_OUT = "[a table: see the full brief]"
_TABLE_TOKEN = "\ue000"  # one "word" while clipping, so the note is never cut in two


def _clipped_prose(markdown: str, limit: int) -> tuple[str, bool]:
    """A field's prose cut to `limit` words, each table a note in its place;
    and whether words were left out."""
    text, _ = prose_text(markdown, table_as=_TABLE_TOKEN)
    clipped, cut = clip_words(text, limit)
    return clipped.replace(_TABLE_TOKEN, TABLE_LEFT_OUT), cut


def clip_words(text: str, limit: int) -> tuple[str, bool]:
    """`text` cut to `limit` words at a sentence end when possible; and whether it was cut."""
    words = text.split()
    if len(words) <= limit:
        return text, False
    cut = " ".join(words[:limit])
    sentence = re.match(r"^(.*[.!?])\s", cut + " ")
    if sentence and len(sentence.group(1).split()) >= limit // 2:
        return sentence.group(1), True
    return cut.rstrip(",;:") + "…", True


@dataclass(frozen=True)
class HandoutFinding:
    theme: str
    points: list[str]
    more: int  # points left out to fit two pages


def handout_findings(site: Site, brief: Brief) -> list[HandoutFinding]:
    """Every theme, with as many points as fit: round-robin, at least one each."""
    budget = max(HANDOUT_FINDINGS, len(brief.learning))
    picked: dict[str, list[str]] = {item.theme: [] for item in brief.learning}
    depth = 0
    while budget > 0 and any(len(item.points) > depth for item in brief.learning):
        for item in brief.learning:
            if budget and len(item.points) > depth:
                picked[item.theme].append(item.points[depth])
                budget -= 1
        depth += 1
    count = sum(len(points) for points in picked.values())
    words = min(HANDOUT_WORDS["point"], max(12, HANDOUT_FINDING_WORDS // max(count, 1)))
    chosen = {theme: [_clipped_prose(point, words)[0] for point in points] for theme, points in picked.items()}
    return [
        HandoutFinding(site.theme_title(item.theme), chosen[item.theme], len(item.points) - len(chosen[item.theme]))
        for item in brief.learning
    ]


def handout_context(site: Site, brief: Brief) -> dict:
    background, background_cut = _clipped_prose(brief.background, HANDOUT_WORDS["background"])
    if not background.replace(TABLE_LEFT_OUT, "").strip():  # only a table: the part is left out
        background, background_cut = "", False
    # Without its own "why it matters", the part is left out: the summary is
    # already under the title.
    why, why_cut = _clipped_prose(brief.why_it_matters, HANDOUT_WORDS["why"]) if brief.why_it_matters else ("", False)
    recommendations = [
        (_clipped_prose(r.text, HANDOUT_WORDS["recommendation"])[0], r.lead)
        for r in brief.recommendations[:HANDOUT_RECOMMENDATIONS]
    ]
    return {
        # The handout's parts take their headings from the brief's sections.
        "headings": {s.field: s.handout for s in BRIEF_SECTIONS if s.handout},
        "background": background,
        "background_cut": background_cut,
        "why": why,
        "why_cut": why_cut,
        "findings": handout_findings(site, brief),
        "recommendations": recommendations,
        "more_recommendations": max(0, len(brief.recommendations) - HANDOUT_RECOMMENDATIONS),
        # A brief without recommendations offers its suggestions, as suggestions.
        "suggestions": [] if brief.recommendations else [
            clip_words(s, HANDOUT_WORDS["recommendation"])[0] for s in brief.suggestions[:HANDOUT_RECOMMENDATIONS]],
        "more_suggestions": 0 if brief.recommendations else max(0, len(brief.suggestions) - HANDOUT_RECOMMENDATIONS),
    }


# -- seminar packs ---------------------------------------------------------------------


def pack_briefs(site: Site, theme: Theme) -> list[Brief]:
    return site.briefs_by_theme.get(theme.id, [])[:PACK_BRIEFS]


def discussion_questions(site: Site, theme: Theme, briefs: list[Brief]) -> list[str]:
    questions = list(dict.fromkeys(q for b in briefs for q in b.reflective_questions))
    # The theme's title is a name ("Think Family"), quoted as one rather than
    # bent into the sentence's grammar.
    questions.append(f"Think of the people your service works with now. Where does the theme “{theme.title}” "
                     "apply to them, and what would you look for?")
    questions.append("What is one thing you will do differently after this session, and how will your team know?")
    return questions


def session_plan(briefs: list[Brief], has_quiz: bool) -> list[tuple[int, str]]:
    """(minutes, activity) for a session of about 90 minutes or less."""
    plan = [(5, "Welcome, ground rules and support available (the topic can be distressing)"),
            (10, "Introduce the theme and the learning objectives")]
    plan += [(15, f"Brief: {b.title}") for b in briefs]
    if not briefs:
        plan.append((15, "Discuss the theme using a local case (anonymised)"))
    plan.append((20, "Discussion questions in small groups, then feedback"))
    if has_quiz:
        plan.append((10, "Self-check quiz, individually"))
    plan.append((10, "Actions for practice, evaluation and feedback forms"))
    return plan
