"""Author Markdown is rendered with content kept as data."""

import re
from html import unescape

from macros.content.markdown import disallowed_links, is_inline, plain_text, to_html, to_inline_html


def test_raw_html_is_shown_as_text():
    html = to_html('<script>alert(1)</script>\n\nHello <b onclick="x">bold</b>')
    assert "<script" not in html and "<b" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b onclick=" in html


def test_template_syntax_stays_literal():
    html = to_html("{{ config.site_name }} and {% if x %}y{% endif %}")
    assert "{{ config.site_name }}" in html and "{% if x %}" in html


def test_only_allowed_link_schemes_are_live():
    html = to_html("[a](https://example.org/) [b](javascript:alert(1)) [c](mailto:x@example.org) [d](tel:0123) [e](page.html)")
    assert '<a href="https://example.org/">a</a>' in html
    assert '<a href="mailto:x@example.org">c</a>' in html
    assert "javascript:" not in html and 'href="page.html"' not in html
    assert "<span>b</span>" in html
    assert disallowed_links("[b](javascript:alert(1)) [e](page.html)") == ("javascript:alert(1)", "page.html")


def test_scheme_tricks_are_refused():
    for href in ("JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example/"):
        assert disallowed_links(f"[x]({href})"), href


def test_images_become_links_so_nothing_is_fetched():
    html = to_html("![pixel](https://tracker.example.net/p.png)")
    assert "<img" not in html
    assert '<a href="https://tracker.example.net/p.png">Image: pixel</a>' in html


def test_images_from_other_schemes_are_reported_like_links():
    text = "![a](javascript:alert(1)) ![b](//tracker.example.net/p.png) ![c](data:image/png;base64,AAAA)"
    assert disallowed_links(text) == ("javascript:alert(1)", "//tracker.example.net/p.png", "data:image/png;base64,AAAA")
    html = to_html(text)
    assert "<a" not in html and "<img" not in html
    assert "Image: a" in html and "Image: b" in html and "Image: c" in html


def test_a_linked_image_is_text_inside_the_link_not_a_second_link():
    html = to_html("[![Logo](https://example.org/logo.png)](https://example.org/)")
    assert html.count("<a ") == 1
    assert '<a href="https://example.org/"><span>Image: Logo</span></a>' in html
    assert disallowed_links("[![x](javascript:alert(1))](https://example.org/)") == ("javascript:alert(1)",)


def test_a_field_too_costly_to_convert_is_refused_before_converting(tmp_path, monkeypatch):
    import macros.content.markdown as markdown
    from macros.content.fields import Context, Markdown
    from macros.content.problems import ProblemLog
    import yaml

    bomb = "![" * 20_000
    converted = []
    monkeypatch.setattr(markdown, "_convert", lambda text: converted.append(text) or ("", ()))
    node = yaml.compose(f'background: "{bomb}"')
    log = ProblemLog("briefs/bomb.yml")
    field = node.value[0][1]
    assert Markdown().convert(field, Context(log=log), "background") is not None
    assert converted == []
    assert [(p.line, p.field) for p in log.problems] == [(1, "background")]
    assert 'has 20,000 "[" brackets; a field may have at most 400.' in log.problems[0].message


def test_author_headings_sit_below_page_sections():
    assert "<h3>Heading</h3>" in to_html("# Heading")
    assert "<h6>Deep</h6>" in to_html("##### Deep")


def test_tables_and_unicode_survive():
    html = to_html("| Agency | Llŷn |\n|---|---|\n| “Heddlu” | ŵ |")
    assert "<table>" in html and "Llŷn" in html and "“Heddlu”" in html


def test_a_column_aligned_in_markdown_is_aligned_by_class_not_inline_style():
    """The policy blocks inline styles: as style="text-align: right" the
    alignment was lost (and each cell logged a policy violation)."""
    html = to_html("| Agency | Contacts | Shared? |\n|:--|--:|:-:|\n| Heddlu | 4 | Yes |")
    assert "style=" not in html
    assert html.count('class="lb-align-left"') == 2 and html.count('class="lb-align-right"') == 2
    assert html.count('class="lb-align-center"') == 2


def test_plain_text_keeps_punctuation_against_the_words_it_follows():
    """Tags inside a line became spaces: "a link ." in feeds, slides and the handout."""
    assert plain_text("Call [a helpline](https://example.org/). Ask about *coercive control*, always.") == \
        "Call a helpline. Ask about coercive control, always."
    assert plain_text("One.\n\n- two\n- three") == "One. two three"  # blocks still part words


def test_inline_helpers():
    assert to_inline_html("One **point**.") == "One <strong>point</strong>."
    assert is_inline("One paragraph.")
    assert not is_inline("One.\n\nTwo.")
    assert to_inline_html("One.\n\nTwo.").startswith("<p>")
    assert plain_text("Some *emphasis* and <b>tags</b>") == "Some emphasis and <b>tags</b>"


def test_link_addresses_are_percent_encoded_as_a_browser_would_send_them():
    html = to_html('[a](https://example.org/search?q="x"{y}) [b](https://example.org/Gwasanaethau/cymraeg-ŵ)')
    assert 'href="https://example.org/search?q=%22x%22%7By%7D"' in html
    assert 'href="https://example.org/Gwasanaethau/cymraeg-%C5%B5"' in html
    # Existing escapes and the reserved characters of a query are kept as written.
    html = to_html("[c](https://example.org/a%20b?x=1&y=[2]#part)")
    assert 'href="https://example.org/a%20b?x=1&amp;y=[2]#part"' in html


def _python_markdown(text: str) -> str:
    from macros.content.markdown import _converter

    md = _converter()
    md.reset()
    return md.convert(text)


def test_the_plain_prose_shortcut_gives_exactly_what_markdown_would():
    import random

    from macros.content.markdown import _plain_prose_html

    samples = [
        "One paragraph.", "Two\nlines.", "First.\n\nSecond, with “quotes” – and ‘more’ (50%).",
        "Welsh: Llŷr and Ŵ.", "2014. A year at the start", "2014) also a list", "- a list", "ends with two  ",
        " leading space", "a - b", "9 of 14 briefs", "a\n\n\n\nb\n",
    ]
    rng = random.Random(7)
    alphabet = list("abŵ ’“”–—.,;:'\"?()/%-\n19") + ["\n\n", "- ", "1. ", "  ", "\n ", "2014) ", "*", "_", "<b>", "&"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    shortcut_used = 0
    for text in samples:
        html = _plain_prose_html(text)
        if html is None or not text.strip():
            continue
        shortcut_used += 1
        long_way = _python_markdown(text)
        assert html == long_way, repr(text)
        # plain_text's shortcut too: the words of that HTML, with tags gone and entities decoded.
        assert plain_text(text) == re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", long_way))).strip(), repr(text)
    assert shortcut_used > 200  # the comparison really ran


def test_markdown_syntax_never_takes_the_shortcut():
    from macros.content.markdown import _plain_prose_html

    for text in ("*bold*", "a_b", "[link](https://x.org)", "<b>", "# heading", "- item", "1. item", "a | b", "`code`", "a & b", "line  \nbreak"):
        assert _plain_prose_html(text) is None, text


def test_the_kept_conversions_stay_within_their_bound(monkeypatch):
    # A long preview session keeps every saved version of a long Markdown field; the cache starts again past its bound.
    from macros.content import markdown

    monkeypatch.setattr(markdown, "_MAX_CONVERTED_CHARACTERS", 20_000)
    for number in range(200):
        assert "<em>" in to_html(f"Save {number}: *a long field* " + "words " * 50)
        kept = sum(len(text) + len(done[0]) for text, done in markdown._CONVERTED.items())
        assert kept <= 20_000 and kept == markdown._converted_characters


def test_the_quick_prose_check_agrees_with_its_definition():
    # _is_plain_prose checks ASCII text byte by byte; it must say what the two
    # patterns it stands for say, in every script and at every line.
    import random

    from macros.content.markdown import _is_plain_prose

    def by_definition(text: str) -> bool:
        not_prose = r"[^\w \n.,;:'\"?()/%\u2018\u2019\u201c\u201d\u2013\u2014-]|_"
        markdown_line = r"^(?:[ -]|\d+[.)])|[ ]$"
        return not re.search(not_prose, text) and not re.search(markdown_line, text.strip("\n"), re.M)

    rng = random.Random(11)
    alphabet = list("aZ9 .,;:'\"?()/%-\n_\t\r*#ŵé’“”–—") + [
        "١", "²", "٣)", "\u00a0", "\u2028", "\n\n", "- ", "1. ", "12) ", " \n", "\n ", "\n-", "ab",
    ]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(20000)]
    agreed_prose = 0
    for text in samples:
        assert _is_plain_prose(text) == by_definition(text), repr(text)
        agreed_prose += by_definition(text)
    assert agreed_prose > 500  # both answers were really seen
