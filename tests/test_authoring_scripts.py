"""The authors' commands in scripts/: start a brief, validate, and keep the
JSON Schemas and README field reference in step with the content model."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, ROOT, make_project
from macros.content.loader import load_content

SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(SCRIPTS))
import update_schemas  # noqa: E402


def run_script(name: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPTS / name), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


# -- update_schemas.py: check or update ----------------------------------------------------


def test_schemas_and_field_reference_are_up_to_date():
    checked = run_script("update_schemas.py", "--check")
    assert checked.returncode == 0, checked.stderr


def _schema_project(tmp_path: Path) -> Path:
    for part in ("docs/schemas", "briefs"):
        (tmp_path / part).mkdir(parents=True)
    for path in (ROOT / "docs" / "schemas").glob("*.json"):
        shutil.copy2(path, tmp_path / "docs" / "schemas" / path.name)
    shutil.copy2(ROOT / "briefs" / "_themes.yml", tmp_path / "briefs" / "_themes.yml")
    shutil.copy2(ROOT / "README.md", tmp_path / "README.md")
    return tmp_path


def test_a_new_theme_makes_the_schema_stale_until_updated(tmp_path, capsys):
    root = _schema_project(tmp_path)
    assert update_schemas.main(["--check"], root=root) == 0
    themes = root / "briefs" / "_themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8")
        + "- id: stalking\n  title: Stalking\n  description: Fixated, obsessive and repeated behaviour.\n",
        encoding="utf-8",
    )
    assert update_schemas.main(["--check"], root=root) == 1
    assert "Stale: docs/schemas/brief.schema.json" in capsys.readouterr().err
    assert update_schemas.main([], root=root) == 0
    assert update_schemas.main(["--check"], root=root) == 0
    schema = json.loads((root / "docs" / "schemas" / "brief.schema.json").read_text(encoding="utf-8"))
    assert "stalking" in schema["properties"]["themes"]["items"]["enum"]


def test_a_hand_edited_field_reference_is_stale(tmp_path):
    root = _schema_project(tmp_path)
    readme = root / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("The brief's title.", "Title."), encoding="utf-8")
    assert update_schemas.main(["--check"], root=root) == 1


class _DatesAsText(yaml.SafeLoader):
    """Reads YAML as an editor's schema checker does: dates stay text."""


_DatesAsText.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _schema(name: str) -> dict:
    return json.loads((ROOT / "docs" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("briefs/[!_]*.yml")) + sorted((FIXTURES / "briefs" / "valid").glob("*.yml")),
    ids=lambda p: p.name,
)
def test_valid_briefs_satisfy_the_brief_schema(path):
    jsonschema.validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText), _schema("brief"))


@pytest.mark.parametrize("path", sorted(ROOT.glob("quizzes/*.yml")), ids=lambda p: p.name)
def test_shipped_quizzes_satisfy_the_quiz_schema(path):
    jsonschema.validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText), _schema("quiz"))


def test_the_themes_file_satisfies_its_schema():
    jsonschema.validate(yaml.safe_load((ROOT / "briefs" / "_themes.yml").read_text(encoding="utf-8")), _schema("themes"))


@pytest.mark.parametrize(
    "change, complaint",
    [
        ({"titel": "typo"}, "Additional properties"),
        ({"review_type": "DHRR"}, "is not one of"),
        ({"themes": ["carer"]}, "is not one of"),
        ({"published": "31/05/2024"}, "does not match"),
        ({"resources": [{"title": "x", "url": "javascript:alert(1)"}]}, "does not match"),
    ],
)
def test_the_brief_schema_flags_what_the_validator_flags(change, complaint):
    brief = yaml.load((ROOT / "briefs" / "familial-homicide-in-a-care-home.yml").read_text(encoding="utf-8"), Loader=_DatesAsText)
    brief.update(change)
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        jsonschema.validate(brief, _schema("brief"))


# -- new_brief.py ------------------------------------------------------------------------------


def test_new_brief_writes_a_valid_skeleton_and_never_overwrites(tmp_path):
    project = make_project(tmp_path / "p")
    shutil.copytree(SCRIPTS, project / "scripts")
    # The copied script works on the project it sits in, never on this repository.
    made = subprocess.run(
        [sys.executable, str(project / "scripts" / "new_brief.py"), "Learning from a review in Llanfair: ‘carers’ matter",
         "--theme", "carers", "--type", "SAR"],
        cwd=project, capture_output=True, text=True, timeout=60,
    )
    assert made.returncode == 0, made.stderr
    path = project / "briefs" / "learning-from-a-review-in-llanfair-carers-matter.yml"
    assert path.exists()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/schemas/brief.schema.json")
    result = load_content(project)
    assert result.problems == []
    brief = next(b for b in result.content.briefs if b.slug == path.stem)
    assert brief.title == "Learning from a review in Llanfair: ‘carers’ matter"
    assert (brief.review_type, brief.themes) == ("SAR", ("carers",))

    again = subprocess.run(
        [sys.executable, str(project / "scripts" / "new_brief.py"), "Learning from a review in Llanfair: ‘carers’ matter"],
        cwd=project, capture_output=True, text=True, timeout=60,
    )
    assert again.returncode == 2
    assert "already exists and was not changed" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def test_new_brief_explains_an_unknown_theme(tmp_path):
    made = run_script("new_brief.py", "Anything", "--theme", "carer")
    assert made.returncode == 2
    assert 'Did you mean "carers"?' in made.stderr
    assert "Traceback" not in made.stderr
    assert not (ROOT / "briefs" / "anything.yml").exists()


# -- validate.py ----------------------------------------------------------------------------------


def test_validate_passes_the_projects_own_content():
    checked = run_script("validate.py")
    assert checked.returncode == 0, checked.stderr
    assert "All content is valid" in checked.stdout


def test_validate_reports_every_problem_without_a_traceback(tmp_path):
    invalid = FIXTURES / "briefs" / "invalid"
    project = make_project(
        tmp_path / "p",
        briefs={name: (invalid / name).read_bytes() for name in ("unknown-field.yml", "bad-url.yml", "alias-bomb.yml")},
    )
    checked = run_script("validate.py", str(project / "mkdocs.yml"))
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    for name in ("unknown-field.yml", "bad-url.yml", "alias-bomb.yml"):
        assert f"briefs/{name}:" in checked.stderr
