"""Material for team briefings and seminars, generated from the same YAML:
slides for present mode, the 7-minute briefing handout, seminar packs per
theme and printable feedback forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ..content.markdown import plain_text, to_html
from ..content.model import Brief, Theme
from .environment import render
from .site import Site

# What a 7-minute briefing handout may hold and still print on two A4 pages.
HANDOUT_FINDINGS = 14  # learning points across all themes (at least one per theme)
HANDOUT_WORDS = {"background": 110, "why": 90, "point": 45, "recommendation": 40}
HANDOUT_RECOMMENDATIONS = 4
PACK_BRIEFS = 4  # briefs a seminar pack covers


@dataclass(frozen=True)
class Slide:
    anchor: str
    title: str
    body: Markup
    notes: Markup | None = None


def _notes(text: str | None) -> Markup | None:
    return Markup(to_html(text)) if text else None


def slides(site: Site, brief: Brief, link) -> list[Slide]:
    """The deck: title, background, why it matters, one slide per theme, then
    recommendations, reflective questions, and resources with the quiz."""
    notes = brief.facilitator_notes
    quiz = site.content.quizzes.get(brief.quiz) if brief.quiz else None

    def body(template: str, **context) -> Markup:
        return Markup(render(f"slides/{template}", site=site, brief=brief, link=link, **context))

    deck = [
        Slide("title", brief.title, body("title.html"), _notes(notes.get("title"))),
        Slide("background", "Background", body("markdown.html", text=brief.background), _notes(notes.get("background"))),
        Slide("why-it-matters", "Why it matters", body("why.html"), _notes(notes.get("why_it_matters"))),
    ]
    for item in brief.learning:
        deck.append(
            Slide(f"learning-{item.theme}", site.theme_title(item.theme), body("learning.html", item=item),
                  _notes(item.facilitator_notes))
        )
    deck += [
        Slide("recommendations", "Recommendations", body("recommendations.html"), _notes(notes.get("recommendations"))),
        Slide("reflective-questions", "Questions for reflection", body("questions.html"), _notes(notes.get("reflective_questions"))),
        Slide("resources", "Resources and quiz", body("resources.html", quiz=quiz), _notes(notes.get("resources"))),
    ]
    return deck


# -- the 7-minute briefing handout ----------------------------------------------------


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
    chosen: dict[str, list[str]] = {item.theme: [] for item in brief.learning}
    depth = 0
    while budget > 0 and any(len(item.points) > depth for item in brief.learning):
        for item in brief.learning:
            if budget and len(item.points) > depth:
                chosen[item.theme].append(clip_words(plain_text(item.points[depth]), HANDOUT_WORDS["point"])[0])
                budget -= 1
        depth += 1
    return [
        HandoutFinding(site.theme_title(item.theme), chosen[item.theme], len(item.points) - len(chosen[item.theme]))
        for item in brief.learning
    ]


def handout_context(site: Site, brief: Brief) -> dict:
    background, background_cut = clip_words(plain_text(brief.background), HANDOUT_WORDS["background"])
    why_source = brief.why_it_matters or brief.summary
    why, why_cut = clip_words(plain_text(why_source), HANDOUT_WORDS["why"])
    recommendations = [
        (clip_words(plain_text(r.text), HANDOUT_WORDS["recommendation"])[0], r.lead)
        for r in brief.recommendations[:HANDOUT_RECOMMENDATIONS]
    ]
    return {
        "background": background,
        "background_cut": background_cut,
        "why": why,
        "why_cut": why_cut,
        "findings": handout_findings(site, brief),
        "recommendations": recommendations,
        "more_recommendations": max(0, len(brief.recommendations) - HANDOUT_RECOMMENDATIONS),
    }


# -- seminar packs ---------------------------------------------------------------------


def pack_briefs(site: Site, theme: Theme) -> list[Brief]:
    return site.briefs_by_theme.get(theme.id, [])[:PACK_BRIEFS]


def discussion_questions(site: Site, theme: Theme, briefs: list[Brief]) -> list[str]:
    questions = list(dict.fromkeys(q for b in briefs for q in b.reflective_questions))
    questions.append(f"Where does {theme.title.lower()} show up in your own caseload or service?")
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
