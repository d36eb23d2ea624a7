"""What the public sees once a partnership has set its own address and name:
no internal references, placeholders or sample addresses, in any output."""

from __future__ import annotations

import re

import pytest

from conftest import build, make_project

ADDRESS = "https://learning.northshire-csp.gov.uk/reviews/"
# Words and addresses that belong to the project's workshop, not to the public.
INTERNAL = re.compile(
    r"\bseed(?: document)?s? ?0\d\d\b|\bseed document\b|README|\bTODO\b|FIXME|lorem ipsum|"
    r"\bReplace with\b|example\.(?:org|com)|127\.0\.0\.1|localhost|\bplaceholder text\b",
    re.I,
)
TEXT_SUFFIXES = {".html", ".csv", ".json", ".xml", ".js", ".txt", ".webmanifest", ""}


@pytest.fixture(scope="module")
def partnership_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("partnership"), settings={
        "partnership: Example Community Safety Partnership": "partnership: Northshire Community Safety Partnership",
        "contact_email: community.safety@example.org": "contact_email: community.safety@northshire.gov.uk",
    })
    result = build(project, env={"SITE_URL": ADDRESS})
    assert result.returncode == 0, result.output
    return result.site


def test_no_output_mentions_internal_references_or_sample_addresses(partnership_site):
    found = []
    for path in sorted(partnership_site.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in INTERNAL.finditer(text):
            context = text[max(0, match.start() - 60): match.end() + 60].replace("\n", " ")
            found.append(f"{path.relative_to(partnership_site)}: {match.group(0)!r} in …{context}…")
    assert found == [], "\n".join(found[:40])


def test_the_partnership_address_is_the_one_used(partnership_site):
    sitemap = (partnership_site / "sitemap.xml").read_text(encoding="utf-8")
    assert ADDRESS + "briefs/" in sitemap
    feed = (partnership_site / "feed.xml").read_text(encoding="utf-8")
    assert ADDRESS in feed
