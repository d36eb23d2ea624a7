"""The anonymisation check: likely personal data stops the build, with file and line."""

import shutil

import pytest

from conftest import FIXTURES, ROOT, build, make_project
from macros.content.loader import load_content
from macros.content.personal_data import PersonalDataCheck
from macros.content.problems import format_report
from macros.content.settings import load_settings

CASES = FIXTURES / "briefs" / "personal-data"
SETTINGS, _ = load_settings(ROOT / "mkdocs.yml")
HELPLINES = [h.phone for h in SETTINGS.helplines if h.phone]


def check(tmp_path, files: dict[str, str], allowlist: str | None = None, quizzes: dict[str, str] | None = None):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "quizzes").mkdir()
    shutil.copy2(ROOT / "briefs" / "_themes.yml", tmp_path / "briefs")
    for name, text in files.items():
        (tmp_path / "briefs" / name).write_text(text)
    for name, text in (quizzes or {}).items():
        (tmp_path / "quizzes" / name).write_text(text)
    if allowlist is not None:
        (tmp_path / "briefs" / "_personal_data_allowlist.yml").write_text(allowlist)
    personal_data = PersonalDataCheck(tmp_path, HELPLINES)
    return personal_data.problems + load_content(tmp_path, checks=[personal_data]).problems


@pytest.mark.parametrize(
    "fixture, kind, found",
    [
        ("postcode.yml", "a UK postcode", "SW1A 1AA"),
        ("mobile-number.yml", "a phone number", "07700 900123"),
        ("date-of-birth.yml", "a date of birth", "born 3 March 1961"),
        ("dob-abbreviation.yml", "a date of birth", "DOB 03/03/1961"),
        ("nhs-number.yml", "an NHS number", "943 476 5919"),
        ("national-insurance.yml", "a National Insurance number", "QQ 12 34 56 C"),
        ("email-address.yml", "an email address", "jane.doe@example.com"),
        ("age-next-to-name.yml", "an exact age next to a name", "Jane Smith, 34"),
        ("age-in-brackets.yml", "an exact age next to a name", "Tom (aged 19)"),
        ("year-old-name.yml", "an exact age next to a name", "72-year-old Margaret"),
    ],
)
def test_each_pattern_is_caught_with_file_line_and_field(tmp_path, fixture, kind, found):
    problems = check(tmp_path, {fixture: (CASES / fixture).read_text()})
    matching = [p for p in problems if kind in p.message]
    assert matching, format_report(problems)
    problem = matching[0]
    assert (problem.path, problem.line, problem.field) == (f"briefs/{fixture}", 8, "background")
    assert found in problem.message
    assert "_personal_data_allowlist.yml" in problem.fix


def test_a_real_brief_with_dates_figures_and_helplines_passes(tmp_path):
    allowlist = (CASES / "allowlist.yml").read_text()
    problems = check(tmp_path, {"clean-brief.yml": (CASES / "clean-brief.yml").read_text()}, allowlist)
    assert problems == [], format_report(problems)


def test_agency_number_without_allowlist_entry_is_caught(tmp_path):
    problems = check(tmp_path, {"clean-brief.yml": (CASES / "clean-brief.yml").read_text()})
    assert [p.message for p in problems] == [
        'contains what looks like a phone number ("01632 960123"). Published content must be anonymised.'
    ]
    assert problems[0].line == 10


def test_allowlist_entries_apply_to_their_own_file_only(tmp_path):
    allowlist = (CASES / "allowlist.yml").read_text()
    text = (CASES / "clean-brief.yml").read_text()
    problems = check(tmp_path, {"clean-brief.yml": text, "other.yml": text}, allowlist)
    assert {p.path for p in problems} == {"briefs/other.yml"}


def test_allowlist_is_validated_like_content(tmp_path):
    problems = check(tmp_path, {"clean-brief.yml": (CASES / "clean-brief.yml").read_text()}, "- file: x.yml\n  text: y\n")
    assert any(p.path == "briefs/_personal_data_allowlist.yml" and p.field == "[1].reason" for p in problems)


def test_seed_briefs_and_quizzes_pass():
    personal_data = PersonalDataCheck(ROOT, HELPLINES)
    problems = personal_data.problems + load_content(ROOT, checks=[personal_data]).problems
    assert problems == [], format_report(problems)


# -- the forms people really write -------------------------------------------------------

TEMPLATE = (CASES / "postcode.yml").read_text().replace(
    "  She lived at a flat near SW1A 1AA with her son.", "  {sentence}")

REAL_FORMS = [
    ("Call her on +44 (0)20 7946 0000 after six.", "a phone number", "+44 (0)20 7946 0000"),
    ("Her number was 020.7946.0000.", "a phone number", "020.7946.0000"),
    ("Her mobile, 07700-900-123, was switched off.", "a phone number", "07700-900-123"),
    ("Her mobile was 07700\u00a0900\u00a0123.", "a phone number", "07700 900 123"),
    ("Her mobile was 0044 7700 900123.", "a phone number", "0044 7700 900123"),
    ("Victim: D.O.B. 12/03/1985.", "a date of birth", "D.O.B. 12/03/1985"),
    ("Recorded d.o.b: 3 March 1961.", "a date of birth", "d.o.b: 3 March 1961"),
    ("She was born on 3 Mar. 1961.", "a date of birth", "born on 3 Mar. 1961"),
    ("NI number ab 12 34 56 c on file.", "a National Insurance number", "ab 12 34 56 c"),
    ("NI number AB-12-34-56-C on file.", "a National Insurance number", "AB-12-34-56-C"),
    ("NI number qq123456c on file.", "a National Insurance number", "qq123456c"),
    ("Her NHS number 943.476.5919 was on the referral.", "an NHS number", "NHS number 943.476.5919"),
    ("The number 943\u00a0476\u00a05919 was on the referral.", "an NHS number", "943 476 5919"),
    ("NHS no: 943/476/5919.", "an NHS number", "NHS no: 943/476/5919"),
    ("Zoë, 34, lived with her partner.", "an exact age next to a name", "Zoë, 34"),
    ("Siân (42) was a carer.", "an exact age next to a name", "Siân (42)"),
    ("José aged 30 was the perpetrator.", "an exact age next to a name", "José aged 30"),
    ("The 72-year-old Ífeoma lived alone.", "an exact age next to a name", "72-year-old Ífeoma"),
    ("She lived near sw1a-1aa.", "a UK postcode", "sw1a-1aa"),
    # Split by Markdown or HTML entities: found in the text as a reader sees it.
    ("Her mobile was 0770**0** 900123.", "a phone number", "07700 900123"),
    ("Her mobile was &#48;7700 900123.", "a phone number", "07700 900123"),
    ("Her mobile was 07700&nbsp;900123.", "a phone number", "07700 900123"),
    ("Her mobile was 07700&thinsp;900123.", "a phone number", "07700 900123"),
    ("Victim details: *D.O.B.* 12/03/1985.", "a date of birth", "D.O.B. 12/03/1985"),
    ("She was born on the 12th of March 1985.", "a date of birth", "born on the 12th of March 1985"),
    ("DOB: 12th of March 1985.", "a date of birth", "DOB: 12th of March 1985"),
    ("Siobhan McDonald (34) was a carer.", "an exact age next to a name", "Siobhan McDonald (34)"),
    ("Ewan McGregor, 34, was the perpetrator.", "an exact age next to a name", "Ewan McGregor, 34"),
    ("Zoë (34 yrs) lived alone.", "an exact age next to a name", "Zoë (34 yrs)"),
    ("Zoë was 34 years old.", "an exact age next to a name", "Zoë was 34 years old"),
    ("The victim was Jane Sutton (34).", "an exact age next to a name", "Jane Sutton (34)"),
    ("She lived near LS1  4AP.", "a UK postcode", "LS1 4AP"),
    # A hostile pass found each of these published.
    ("Jane Smith was 34 when she died.", "an exact age next to a name", "Jane Smith was 34"),
    ("Jane was 34.", "an exact age next to a name", "Jane was 34"),
    ("Jane, a 34-year-old mother, had called her GP.", "an exact age next to a name", "Jane, a 34-year-old"),
    ("Jane Smith, 34-years-old, had moved.", "an exact age next to a name", "Jane Smith, 34-years-old"),
    ("She was born 3rd March, 1985.", "a date of birth", "born 3rd March, 1985"),
    ("Her mobile was 07700 - 900123.", "a phone number", "07700 - 900123"),
    ("Her mobile (no.07700 900123) was off.", "a phone number", "no.07700 900123"),
    ("She messaged from https://wa.me/447700900123 twice.", "a phone number", "wa.me/447700900123"),
    ("Her National Insurance number is AB123456.", "a National Insurance number",
     "National Insurance number is AB123456"),
]


def test_two_people_with_their_ages_are_both_caught(tmp_path):
    problems = check(tmp_path, {"case.yml": TEMPLATE.format(sentence="Zoë (34) and Tom (36) lived together.")})
    assert sorted(p.message.split('"')[1] for p in problems) == ["Tom (36)", "Zoë (34)"], format_report(problems)


def test_an_invisible_character_written_as_an_entity_is_refused(tmp_path):
    problems = check(tmp_path, {"case.yml": TEMPLATE.format(sentence="Her mobile was 07700&#8203;900123.")})
    assert [(p.line, p.field) for p in problems] == [(6, "background")], format_report(problems)
    assert "writes U+200B (ZERO WIDTH SPACE) as an HTML entity" in problems[0].message


def test_the_theme_vocabulary_and_the_site_settings_are_checked(tmp_path):
    from macros.content.project import load_project

    project = make_project(tmp_path / "p", settings={
        "    footer_text: Learning from reviews is shared so that practice changes and future deaths are prevented.":
            "    footer_text: Ring Jane on 07700 900123 for copies.",
        # MkDocs' own settings that every page prints were not checked at all.
        "site_name: Learning from reviews": "site_name: Learning from reviews 07700 900119",
    })
    themes = project / "briefs/_themes.yml"
    themes.write_text(themes.read_text().replace("description: ", "description: Call zoe.smith@example.com about ", 1))
    about = project / "docs/about-reviews.md"  # a hand-written page is published as it is
    about.write_text(about.read_text(encoding="utf-8") + "\nFor copies, write to jane.smith@gmail.com.\n", encoding="utf-8")
    problems = load_project(project / "mkdocs.yml").problems
    found = {(p.path, p.field, p.message.split('"')[1]) for p in problems}
    assert ("mkdocs.yml", "extra.site.footer_text", "07700 900123") in found, format_report(problems)
    assert ("mkdocs.yml", "site_name", "07700 900119") in found, format_report(problems)
    assert ("docs/about-reviews.md", "page", "jane.smith@gmail.com") in found, format_report(problems)
    line = len(about.read_text(encoding="utf-8").splitlines())
    assert any(p.path == "docs/about-reviews.md" and p.line == line for p in problems), format_report(problems)
    assert ("briefs/_themes.yml", "[1].description", "zoe.smith@example.com") in found, format_report(problems)


@pytest.mark.parametrize("sentence, kind, found", REAL_FORMS, ids=[c[0][:40] for c in REAL_FORMS])
def test_real_forms_of_personal_data_are_caught(tmp_path, sentence, kind, found):
    problems = check(tmp_path, {"case.yml": TEMPLATE.format(sentence=sentence)})
    assert [(p.path, p.line, p.field) for p in problems] == [("briefs/case.yml", 8, "background")], format_report(problems)
    assert f'looks like {kind} ("{found}")' in problems[0].message


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "briefs/not-personal-data").glob("*.yml")))
def test_what_only_looks_like_personal_data_passes(tmp_path, name):
    problems = check(tmp_path, {name: (FIXTURES / "briefs/not-personal-data" / name).read_text()})
    assert problems == [], format_report(problems)


def test_what_only_looks_like_personal_data_builds(tmp_path):
    folder = FIXTURES / "briefs/not-personal-data"
    project = make_project(tmp_path / "p", briefs={p.name: p.read_text() for p in folder.glob("*.yml")})
    result = build(project)
    assert result.returncode == 0, result.output


def test_every_quiz_field_is_checked(tmp_path):
    quiz = (ROOT / "quizzes/think-family.yml").read_text()
    quiz = quiz.replace("feedback:", "feedback: Ring her on 07700 900123.", 1)
    problems = check(tmp_path, {}, quizzes={"think-family.yml": quiz})
    assert len(problems) == 1, format_report(problems)
    problem = problems[0]
    line = next(i for i, text in enumerate(quiz.splitlines(), 1) if "07700 900123" in text)
    assert (problem.path, problem.line) == ("quizzes/think-family.yml", line)
    assert problem.field.startswith("questions[") and problem.field.endswith(".feedback")


@pytest.mark.parametrize("name, kind", [
    ("zoe-aged-34.yml", "an exact age next to a name"),
    ("zoe-34.yml", "an exact age next to a name"),
    ("flat-near-sw1a-1aa.yml", "a UK postcode"),
    ("call-07700-900123.yml", "a phone number"),
])
def test_file_names_are_checked_because_they_are_addresses(tmp_path, name, kind):
    problems = check(tmp_path, {name: (CASES / "clean-brief.yml").read_text().replace(
        "0808 2000 247, or the council's safeguarding line on 01632 960123.", "0808 2000 247.")})
    assert [(p.path, p.line, p.field) for p in problems] == [(f"briefs/{name}", None, "file name")], format_report(problems)
    assert kind in problems[0].message and "Rename the file." in problems[0].fix


@pytest.mark.parametrize("name", ["northshire-dhr-3.yml", "dhr-12.yml", "learning-brief-2.yml", "seminar-12.yml",
                                  "copy-1.yml", "croydon-dhr-7.yml"])
def test_a_numbered_review_or_copy_in_a_file_name_is_not_an_age(tmp_path, name):
    """Each of these stopped the build as "an exact age next to a name" ("Northshire Dhr, 3")."""
    problems = check(tmp_path, {name: (CASES / "clean-brief.yml").read_text().replace(
        "0808 2000 247, or the council's safeguarding line on 01632 960123.", "0808 2000 247.")})
    assert problems == [], format_report(problems)
