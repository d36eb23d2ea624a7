"""Addresses match MkDocs' own, in both URL styles, and links are relative."""

import pytest
from mkdocs.structure.files import File

from macros.render.routes import Router, slugify

PAGES = [
    "index.md", "briefs/index.md", "briefs/a-brief.md", "briefs/page/2.md", "briefs/by-year/2024.md",
    "themes/carers/index.md", "themes/carers/page/3.md", "quizzes/think-family.md", "briefs/a-brief/page.md",
]


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("src", PAGES)
def test_urls_match_mkdocs(src, directory_urls):
    expected = File(src, "docs", "site", directory_urls)
    router = Router(directory_urls)
    assert router.url(src) == ("" if expected.url == "./" else expected.url)
    assert router.output_path(src) == expected.dest_uri


@pytest.mark.parametrize(
    "directory_urls, target, source, expected",
    [
        (True, "index.md", "briefs/a.md", "../../"),
        (True, "briefs/a.md", "index.md", "briefs/a/"),
        (True, "themes/x/index.md", "briefs/a.md", "../../themes/x/"),
        (True, "briefs/a/inner.md", "briefs/a.md", "inner/"),
        (True, "briefs/a.md", "briefs/a.md", "./"),
        (True, "assets/site.css", "briefs/a/inner.md", "../../../assets/site.css"),
        (False, "index.md", "briefs/a.md", "../index.html"),
        (False, "themes/x/index.md", "briefs/a.md", "../themes/x/index.html"),
        (False, "briefs/a/inner.md", "briefs/a.md", "a/inner.html"),
    ],
)
def test_links_are_relative(directory_urls, target, source, expected):
    assert Router(directory_urls).href(target, source) == expected


def test_pagination_and_facets():
    router = Router()
    assert router.briefs_listing(1) == "briefs/index.md"
    assert router.briefs_listing(3) == "briefs/page/3.md"
    assert router.theme("carers", 2) == "themes/carers/page/2.md"
    assert router.by_partnership("Southend, Essex & Thurrock") == "briefs/by-partnership/southend-essex-thurrock.md"
    assert router.href("briefs/a.md", "index.md", fragment="rec-1") == "briefs/a/#rec-1"


def test_slugify_folds_accents():
    assert slugify("Bae’r Gorllewin Ŵ") == "baer-gorllewin-w"
    assert slugify("!!!") == "other"


def test_relative_links_match_posixpath_relpath():
    import posixpath
    import random

    from macros.render.routes import _relative_path

    rng = random.Random(3)
    parts = ["briefs", "themes", "a", "page", "index.html", "t.js"]
    for _ in range(5000):
        target = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 4)))
        from_dir = "/".join(rng.choice(parts[:4]) for _ in range(rng.randint(0, 3)))
        assert _relative_path(target, from_dir) == posixpath.relpath(target or ".", from_dir or "."), (target, from_dir)


def test_a_partnership_called_index_keeps_the_list_of_partnerships_address():
    router = Router(True)
    assert router.by_partnership("Index") == "briefs/by-partnership/index-partnership.md"
    assert router.by_partnership("Index") != router.partnerships_index
