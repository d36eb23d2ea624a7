"""The anonymisation check: likely personal data stops the build, with file and line."""

import shutil

import pytest

from conftest import FIXTURES, ROOT
from macros.content.loader import load_content
from macros.content.personal_data import personal_data_check
from macros.content.problems import format_report
from macros.content.settings import load_settings

CASES = FIXTURES / "briefs" / "personal-data"
SETTINGS, _ = load_settings(ROOT / "mkdocs.yml")


def check(tmp_path, files: dict[str, str], allowlist: str | None = None):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "quizzes").mkdir()
    shutil.copy2(ROOT / "briefs" / "_themes.yml", tmp_path / "briefs")
    for name, text in files.items():
        (tmp_path / "briefs" / name).write_text(text)
    if allowlist is not None:
        (tmp_path / "briefs" / "_personal_data_allowlist.yml").write_text(allowlist)
    return load_content(tmp_path, extra_checks=[personal_data_check(SETTINGS)]).problems


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
        'contains what looks like a phone number ("01632 960123"). Published briefs must be anonymised.'
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


def test_seed_briefs_pass():
    problems = load_content(ROOT, extra_checks=[personal_data_check(SETTINGS)]).problems
    assert problems == [], format_report(problems)
