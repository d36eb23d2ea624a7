"""Every class of content mistake has a fixture and an asserted message.

Each problem must name the file, the line and the field, say what is wrong and
how to fix it; all problems in all files come back from one run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build, make_project
from macros.content.loader import load_content
from macros.content.settings import load_settings
from macros.content.problems import format_report

INVALID_BRIEFS = FIXTURES / "briefs" / "invalid"
INVALID_QUIZZES = FIXTURES / "quizzes" / "invalid"


def content_project(tmp_path: Path, briefs: dict[str, Path | bytes | str] = {}, quizzes: dict[str, Path | str] = {}) -> Path:
    """Just the content folders: the theme vocabulary, one quiz, and the given files."""
    (tmp_path / "briefs").mkdir()
    (tmp_path / "quizzes").mkdir()
    shutil.copy2(ROOT / "briefs" / "_themes.yml", tmp_path / "briefs" / "_themes.yml")
    shutil.copy2(ROOT / "quizzes" / "referral-pathways.yml", tmp_path / "quizzes" / "referral-pathways.yml")
    for folder, files in (("briefs", briefs), ("quizzes", quizzes)):
        for name, source in files.items():
            target = tmp_path / folder / name
            if isinstance(source, Path):
                shutil.copy2(source, target)
            elif isinstance(source, bytes):
                target.write_bytes(source)
            else:
                target.write_text(source, encoding="utf-8")
    return tmp_path


# (fixture, saved as, line, field, words the message must contain)
BRIEF_CASES = [
    ("unknown-field.yml", None, 5, "sumary", 'is not a field of a brief. Did you mean "summary"?'),
    ("duplicate-key.yml", None, 13, "title", "appears twice (lines 1 and 13)"),
    ("wrong-type.yml", None, 7, "themes", "should be a list, not a single value"),
    ("missing-field.yml", None, 1, "background", "is missing from a brief"),
    ("unknown-theme.yml", None, 9, "themes[2]", '"thinkfamily" is not a known theme. Did you mean "think-family"?'),
    ("impossible-date.yml", None, 4, "published", "2025-02-30 is not a real date"),
    ("bad-date-format.yml", None, 4, "published", "is not a date in the form YYYY-MM-DD"),
    ("bad-url.yml", None, 15, "resources[1].url", 'uses "javascript:", which is not allowed'),
    ("bad-markdown-link.yml", None, 6, "background", 'links to "javascript:alert(1)"'),
    ("bad-review-type.yml", None, 2, "review_type", 'Did you mean "DHR"?'),
    ("learning-theme-not-listed.yml", None, 10, "learning[1].theme", "is not in this brief's themes"),
    ("missing-quiz.yml", None, 13, "quiz", "there is no quizzes/no-such-quiz.yml"),
    ("yaml-tag.yml", None, 1, None, 'uses the YAML tag "tag:yaml.org,2002:python/object/apply:os.system"'),
    ("alias-bomb.yml", None, 1, None, 'uses the YAML anchor "&a"'),
    ("top-level-list.yml", None, 1, None, "the top level must be a mapping"),
    ("empty.yml", None, None, None, "is empty"),
    ("syntax-error.yml", None, 5, None, "is not valid YAML"),
    ("summary-two-paragraphs.yml", None, 5, "summary", "should be a single paragraph"),
    ("no-learning-points.yml", None, 11, "learning[1].points", "needs at least 1 item"),
    ("reserved-name.yml", "index.yml", None, None, 'uses the reserved name "index"'),
    ("multiple-documents.yml", None, 13, None, "more than one YAML document"),
    ("norway.yml", None, 3, "partnership", "should be text, not a list"),
    ("colon-in-text.yml", None, 12, "learning[1].points[1]", 'looks like text containing ": "'),
    ("not-utf8.yml", None, 3, None, "is not UTF-8 text"),
    ("control-escape.yml", None, 7, "summary", "contains U+0001 (CONTROL CHARACTER)"),
    ("terminal-escape.yml", None, 3, "title", "contains U+001B (ESCAPE)"),
    ("nul-escape.yml", None, 5, "partnership", "contains U+0000 (NULL)"),
    ("bidi-override.yml", None, 3, "title", "contains U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("invisible-in-url.yml", None, 11, "resources[1].url", "contains U+200B (ZERO WIDTH SPACE)"),
    ("noncharacter.yml", None, 3, "title", "contains U+FFFE (INVISIBLE CHARACTER)"),
    ("tag-character.yml", None, 5, "partnership", "contains U+E0041 (TAG LATIN CAPITAL LETTER A)"),
    ("direction-mark.yml", None, 7, "summary", "contains U+061C (ARABIC LETTER MARK)"),
]


@pytest.mark.parametrize("fixture, saved_as, line, field, words", BRIEF_CASES, ids=[c[0] for c in BRIEF_CASES])
def test_invalid_brief_is_reported_with_file_line_and_field(tmp_path, fixture, saved_as, line, field, words):
    name = saved_as or fixture
    project = content_project(tmp_path, briefs={name: INVALID_BRIEFS / fixture})
    result = load_content(project)
    matching = [p for p in result.problems if words in p.message]
    assert matching, format_report(result.problems)
    problem = matching[0]
    assert problem.path == f"briefs/{name}"
    assert problem.line == line
    assert problem.field == field
    assert problem.fix, "every problem says how to fix it"
    assert not result.content.briefs, "an invalid brief is not published"


def test_unknown_field_also_reports_what_went_missing(tmp_path):
    project = content_project(tmp_path, briefs={"x.yml": INVALID_BRIEFS / "unknown-field.yml"})
    messages = [str(p) for p in load_content(project).problems]
    assert any("summary: is missing" in m for m in messages)


def test_bad_file_name_suggests_a_slug(tmp_path):
    project = content_project(tmp_path, briefs={"My Brief_2024.yml": (FIXTURES / "briefs/valid/minimal.yml")})
    problems = load_content(project).problems
    assert len(problems) == 1
    assert problems[0].path == "briefs/My Brief_2024.yml"
    assert "cannot be used as a web address" in problems[0].message
    assert "my-brief-2024.yml" in problems[0].fix


def test_two_files_with_one_slug_are_both_reported(tmp_path):
    minimal = FIXTURES / "briefs/valid/minimal.yml"
    project = content_project(tmp_path, briefs={"same.yml": minimal, "same.yaml": minimal})
    problems = load_content(project).problems
    assert sorted(p.path for p in problems) == ["briefs/same.yaml", "briefs/same.yml"]
    assert all('shares the id "same"' in p.message for p in problems)


def test_stray_file_in_briefs_folder_is_reported(tmp_path):
    project = content_project(tmp_path, briefs={"notes.txt": "not a brief"})
    problems = load_content(project).problems
    assert [p.path for p in problems] == ["briefs/notes.txt"]
    assert "only .yml files belong" in problems[0].message


def test_all_problems_in_all_files_come_back_in_one_run(tmp_path):
    files = {name: INVALID_BRIEFS / name for name in ("unknown-field.yml", "impossible-date.yml", "bad-url.yml", "empty.yml")}
    project = content_project(tmp_path, briefs=files)
    problems = load_content(project).problems
    assert {p.path for p in problems} == {f"briefs/{name}" for name in files}
    report = format_report(problems)
    assert report.startswith(f"Found {len(problems)} problems in 4 files:")


def test_alias_bomb_is_refused_before_anything_expands(tmp_path, monkeypatch):
    # Expanding the aliases is what costs memory and time, and that happens when
    # the file is composed into nodes; the refusal must come first. (How long
    # validation takes is measured by scripts/bench.py, not asserted here.)
    import macros.content.yaml_source as yaml_source

    compose = yaml_source.yaml.compose

    def compose_anything_but_the_bomb(text, *args, **kwargs):
        assert "*a" not in text, "an alias bomb reached the composer"
        return compose(text, *args, **kwargs)

    monkeypatch.setattr(yaml_source.yaml, "compose", compose_anything_but_the_bomb)
    project = content_project(tmp_path, briefs={"bomb.yml": INVALID_BRIEFS / "alias-bomb.yml"})
    problems = [p for p in load_content(project).problems if p.path == "briefs/bomb.yml"]
    assert len(problems) == 1
    assert problems[0].line == 1 and 'uses the YAML anchor "&a"' in problems[0].message


def test_huge_file_is_refused_before_parsing(tmp_path):
    project = content_project(tmp_path, briefs={"huge.yml": "title: x\n" + "# padding\n" * 120_000})
    problems = load_content(project).problems
    assert "content files must be under 1000 KB" in problems[0].message


def test_deep_nesting_is_reported_not_crashed(tmp_path):
    project = content_project(tmp_path, briefs={"deep.yml": "title: x\nsummary: " + "[" * 5000 + "]" * 5000 + "\n"})
    problems = load_content(project).problems
    assert [(p.path, p.line) for p in problems] == [("briefs/deep.yml", 2)]
    assert "is nested too deeply" in problems[0].message


@pytest.mark.parametrize("command", ["validate", "build"])
def test_nesting_that_would_crash_the_yaml_library_gets_a_message(tmp_path, command):
    # 30,000 brackets overflow libyaml's composer, which recurses in C: the
    # process died with SIGSEGV and printed nothing. The depth is now bounded
    # while the file is still a stream of events.
    project = make_project(tmp_path / "p", briefs={"deep.yml": "title: x\nbackground: " + "[" * 30_000 + "]" * 30_000 + "\n"})
    if command == "validate":
        ran = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(project / "mkdocs.yml")],
                             capture_output=True, text=True, timeout=300)
        output = ran.stderr
    else:
        ran = build(project)
        output = ran.output
    assert ran.returncode == 1, output
    assert "briefs/deep.yml:2: is nested too deeply" in output
    assert "Traceback" not in output


def test_raw_control_bytes_are_reported_with_their_lines(tmp_path):
    minimal = (FIXTURES / "briefs/valid/minimal.yml").read_bytes()
    broken = minimal.replace(b"One paragraph of background.", b"One paragraph\x00 of back\x1bground.")
    project = content_project(tmp_path, briefs={"raw.yml": broken})
    problems = load_content(project).problems
    assert sorted((p.line, p.message.split(",")[0]) for p in problems) == [
        (7, "contains the invisible control character U+0000"),
        (7, "contains the invisible control character U+001B"),
    ]


def test_a_message_never_replays_a_terminal_escape(tmp_path):
    # A field name is repeated in the message ("... is not a field of a brief").
    brief = '"sum\\e[2Jmary": x\n' + (FIXTURES / "briefs/valid/minimal.yml").read_text(encoding="utf-8")
    project = content_project(tmp_path, briefs={"escape.yml": brief})
    report = format_report(load_content(project).problems)
    assert "\x1b" not in report
    assert '"sum\\x1b[2Jmary" is not a field of a brief' in report


def test_files_that_are_not_plain_briefs_are_refused_without_reading_them(tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text((FIXTURES / "briefs/valid/minimal.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "p").mkdir()
    project = content_project(tmp_path / "p", briefs={"inside.yml": FIXTURES / "briefs/valid/minimal.yml"})
    briefs = project / "briefs"
    os.mkfifo(briefs / "pipe.yml")
    (briefs / "zero.yml").symlink_to("/dev/zero")
    (briefs / "elsewhere.yml").symlink_to(outside)
    (briefs / "linked.yml").symlink_to(briefs / "inside.yml")  # a link inside the project is fine
    (briefs / "folder.yml").mkdir()
    shutil.copy2(FIXTURES / "briefs/valid/minimal.yml", briefs / "folder.yml" / "lost.yml")
    (briefs / "drafts").mkdir()
    # In a process of its own, so that a read that blocks fails the test instead of hanging it.
    ran = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                          "from macros.content.loader import load_content; from macros.content.problems import format_report;"
                          "print(format_report(load_content(sys.argv[2]).problems))", str(ROOT), str(project)],
                         capture_output=True, text=True, timeout=120)
    report = ran.stdout
    assert "briefs/pipe.yml: is not an ordinary file (it is a pipe, a device or a socket)." in report
    assert "briefs/zero.yml: is a link to /dev/zero, outside the project." in report
    assert f"briefs/elsewhere.yml: is a link to {outside}, outside the project." in report
    assert "briefs/folder.yml: is a folder; nothing inside a folder in briefs/ is read." in report
    assert "briefs/drafts: is a folder" in report
    assert "linked.yml" not in report and "inside.yml" not in report
    assert "Found 5 problems in 5 files" in report, report


def test_two_quizzes_with_one_id_are_reported_once_and_the_brief_using_it_is_not_blamed(tmp_path):
    quiz = (ROOT / "quizzes/think-family.yml").read_text(encoding="utf-8")
    brief = (FIXTURES / "briefs/valid/minimal.yml").read_text(encoding="utf-8") + "quiz: same\n"
    project = content_project(tmp_path, briefs={"uses-it.yml": brief}, quizzes={"same.yml": quiz, "same.yaml": quiz})
    problems = load_content(project).problems
    assert sorted((p.path, p.message.split(" (")[0]) for p in problems) == [
        ("quizzes/same.yaml", 'shares the id "same" with another file'),
        ("quizzes/same.yml", 'shares the id "same" with another file'),
    ]


def test_mkdocs_yml_follows_mkdocs_rules_for_anchors_and_tags(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("markdown_extensions:", "x_shared: &shared\n  - tables\nmarkdown_extensions:", 1)
    config = config.replace("  - tables\n  - admonition", "  - admonition", 1) + "x_again: *shared\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    settings, problems = load_settings(tmp_path / "mkdocs.yml")
    assert problems == [] and settings is not None


def test_plain_scalars_keep_the_text_the_author_typed(tmp_path):
    brief = (FIXTURES / "briefs/valid/minimal.yml").read_text().replace(
        "title: A minimal brief", "title: no"
    ).replace("partnership: Exampleshire Safeguarding Adults Board", "partnership: 012")
    project = content_project(tmp_path, briefs={"typed.yml": brief})
    result = load_content(project)
    assert result.ok, format_report(result.problems)
    assert result.content.briefs[0].title == "no"
    assert result.content.briefs[0].partnership == "012"


@pytest.mark.parametrize("name", ["minimal.yml", "full.yml", "welsh-and-quotes.yml", "hostile.yml"])
def test_valid_brief_examples_load(tmp_path, name):
    project = content_project(tmp_path, briefs={name: FIXTURES / "briefs/valid" / name})
    result = load_content(project)
    assert result.ok, format_report(result.problems)
    assert [b.slug for b in result.content.briefs] == [name[:-4]]


def test_briefs_are_sorted_newest_first(tmp_path):
    valid = FIXTURES / "briefs/valid"
    project = content_project(tmp_path, briefs={n: valid / n for n in ("minimal.yml", "full.yml", "welsh-and-quotes.yml")})
    dates = [b.published for b in load_content(project).content.briefs]
    assert dates == sorted(dates, reverse=True)


def test_the_projects_own_content_is_valid():
    result = load_content(ROOT)
    assert result.ok, format_report(result.problems)
    assert len(result.content.briefs) >= 4
    assert set(result.content.quizzes) >= {"recognising-coercive-control", "think-family", "referral-pathways"}


# -- quizzes -----------------------------------------------------------------------------

QUIZ_CASES = [
    ("two-correct-single.yml", 8, "questions[1].options", "has 2 correct options, but a single-answer question needs exactly one"),
    ("no-correct.yml", 8, "questions[1].options", "has no correct option"),
    ("one-option.yml", 8, "questions[1].options", "needs at least 2 items"),
    ("no-questions.yml", 5, "questions", "needs at least 1 item"),
    ("pass-mark-out-of-range.yml", 4, "pass_mark", "150 is out of range"),
    ("missing-explanation.yml", 6, "questions[1].explanation", "is missing from a question"),
    ("unknown-type.yml", 7, "questions[1].type", '"truefalse" is not one of the allowed values'),
    ("duplicate-options.yml", 11, "questions[1].options[2].text", "repeats option 1"),
    ("correct-not-boolean.yml", 10, "questions[1].options[1].correct", '"yes" is not true or false'),
]


@pytest.mark.parametrize("fixture, line, field, words", QUIZ_CASES, ids=[c[0] for c in QUIZ_CASES])
def test_invalid_quiz_is_reported_with_file_line_and_field(tmp_path, fixture, line, field, words):
    project = content_project(tmp_path, quizzes={fixture: INVALID_QUIZZES / fixture})
    result = load_content(project)
    matching = [p for p in result.problems if words in p.message]
    assert matching, format_report(result.problems)
    assert matching[0].path == f"quizzes/{fixture}"
    assert (matching[0].line, matching[0].field) == (line, field)
    assert fixture[:-4] not in result.content.quizzes


def test_valid_quiz_example_loads_with_default_pass_mark(tmp_path):
    text = (FIXTURES / "quizzes/valid/small.yml").read_text().replace("pass_mark: 50\n", "")
    project = content_project(tmp_path, quizzes={"small.yml": text})
    result = load_content(project)
    assert result.ok, format_report(result.problems)
    assert result.content.quizzes["small"].pass_mark == 80


def test_brief_can_link_to_a_quiz_in_the_same_run(tmp_path):
    project = content_project(tmp_path, briefs={"full.yml": FIXTURES / "briefs/valid/full.yml"})
    result = load_content(project)
    assert result.ok, format_report(result.problems)
    assert result.content.briefs[0].quiz == "referral-pathways"


def test_a_link_that_leads_round_in_a_loop_is_reported(tmp_path):
    project = content_project(tmp_path)
    (project / "briefs" / "loop.yml").symlink_to("loop.yml")
    (project / "briefs" / "gone.yml").symlink_to("missing.yml")
    problems = load_content(project).problems
    assert {(p.path, p.message.split(" (")[0]) for p in problems} == {
        ("briefs/loop.yml", "is a link that leads nowhere"), ("briefs/gone.yml", "is a link that leads nowhere")}


def test_markdown_nested_deeper_than_python_can_recurse_is_reported(tmp_path):
    nested = "".join("    " * depth + "- level\n" for depth in range(260))
    brief = (FIXTURES / "briefs/valid/minimal.yml").read_text(encoding="utf-8").replace(
        "background: One paragraph of background.", "background: |\n" + "".join("  " + line + "\n" for line in nested.splitlines()))
    problems = load_content(content_project(tmp_path, briefs={"deep.yml": brief})).problems
    assert [(p.line, p.field) for p in problems] == [(7, "background")], format_report(problems)
    assert "indented by" in problems[0].message and "nested too deeply to read" in problems[0].message


@pytest.mark.parametrize("text", [
    "a." * 400_000 + " 1",  # an email pattern that rescans from every word boundary
    "Reviews in Kent (12). " * 35_000,  # rules that read all the text before each match
])
def test_validation_time_grows_in_line_with_the_text(tmp_path, text):
    """Nearly 1 MB of text that an unbounded pattern takes half an hour over.
    A generous limit on the whole run, not a timing: a linear check finishes
    in a second or two, a quadratic one never within the limit."""
    brief = (FIXTURES / "briefs/valid/minimal.yml").read_text(encoding="utf-8").replace(
        "background: One paragraph of background.", f"background: {text!r}")
    project = make_project(tmp_path / "p", briefs={"big.yml": brief})
    ran = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(project / "mkdocs.yml")],
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode in (0, 1) and "Traceback" not in ran.stderr


def test_an_alias_bomb_in_mkdocs_yml_is_read_once(tmp_path):
    bomb = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10) if n else ', '.join(['x'] * 10)}]\n" for n in range(9))
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nx_bomb:\n" + "".join("  " + line + "\n" for line in bomb.splitlines()),
                      encoding="utf-8")
    ran = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(config)],
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_an_id_too_long_to_name_a_folder_is_refused_with_its_line(tmp_path):
    project = content_project(tmp_path)
    themes = project / "briefs" / "_themes.yml"
    long_id = "-".join(["long"] * 60)  # 299 characters: a folder name past most systems' limit
    themes.write_text(themes.read_text(encoding="utf-8") + f"- id: {long_id}\n  title: Long\n  description: Too long an id.\n",
                      encoding="utf-8")
    problems = load_content(project).problems
    [problem] = [p for p in problems if p.path == "briefs/_themes.yml"]
    assert problem.line == len(themes.read_text(encoding="utf-8").splitlines()) - 2
    assert problem.field.endswith(".id") and "299 characters long" in str(problem) and "at most 80" in str(problem)


def test_a_long_name_gets_a_short_slug_of_its_own():
    from macros.content.fields import MAX_ID, slugify

    first = "The " + "Very " * 40 + "Long Partnership of the North"
    second = "The " + "Very " * 40 + "Long Partnership of the South"
    assert len(slugify(first)) <= MAX_ID and len(slugify(second)) <= MAX_ID
    assert slugify(first) != slugify(second)
    assert slugify(first) == slugify(first.upper()), "the same name, however written, keeps one slug"
    assert slugify("Example Community Safety Partnership") == "example-community-safety-partnership"
