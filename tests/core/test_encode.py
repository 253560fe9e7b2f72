"""Each output format's encoder (edition/core/encode.py) against a hostile alphabet, read back by
that format's own parser: the encoded string must come back as the same characters and make no
element, attribute, field or line of its own. Hypothesis draws the strings; the oracles are the
parsers (html.parser, Python-Markdown then html.parser, json, lxml, str.splitlines), never the
encoders themselves."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.core.encode import html_attribute, html_text, js_data, json_data, markdown_text, plain_line, xml_text
from tests.conftest import ROOT

# Pieces of syntax of every format the site writes, and characters that change how text reads.
HOSTILE = ["<", ">", "&", '"', "'", "\n", "\r\n", "\r", "\n---\n", "---", "...", "{", "}", "{: #x onclick=y}",
           "[", "]", "(", ")", "[x](javascript:alert(1))", "![i](x)", "*", "**", "_", "__init__", "`", "#", "# ",
           "|", "~~", "\\", "!", "- ", "+ ", "= ", "1. ", "1945) ", "    ", " ", "\t", "\n\n", "<script>",
           "</script>", "<!--", "-->", "<img src=x onerror=alert(1)>", "&amp;", "&#35;", "&lt;", "]]>", "<![CDATA[",
           "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "\u3000", "\xa0", "\x00",
           "\ufffe", "中", "東北", "𠮷", "Сталин", "石井明『中ソ』", "Ω", "e\u0301", "title: x", "@", "%", "$"]
# Any character but the C0 and C1 controls and lone surrogates, which the loader refuses in sources/
# (edition/sources/load.py: CONTROL) and HTML parsers read differently (Python's drops `&#31;`).
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=4)
hostile = st.lists(st.one_of(st.sampled_from(HOSTILE), TEXT), max_size=24).map("".join)
long_hostile = st.builds(lambda s, n: s * n, hostile, st.integers(1, 400))
strings = st.one_of(hostile, long_hostile)
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]     # the site's (mkdocs.yml)


class Tree(HTMLParser):
    """The elements, attributes and text an HTML parser finds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("<!--", (data,)))


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    return tree


@given(strings)
def test_html_text_is_one_text_node(value):
    tree = parse(f"<div>{html_text(value)}</div>")
    assert tree.tags == [("div", ())]
    assert "".join(tree.text) == value


@given(strings)
def test_html_attribute_is_one_attribute_value(value):
    tree = parse(f'<a title="{html_attribute(value)}">x</a>')
    assert tree.tags == [("a", (("title", value),))]


# The places a template prints a value in Markdown: a paragraph, a list item, a heading with an
# attribute list, a table cell, raw HTML text and a raw HTML attribute. `{}` is the value.
MARKDOWN_PLACES = ["{}\n", "- {}\n- b\n", "# {} { #h }\n", "| a | b |\n|---|---|\n| {} | c |\n",
                   "<p class=\"k\">{}</p>\n", "<p title=\"{}\">x</p>\n", "x {} y\n\nz\n"]


@pytest.mark.parametrize("place", MARKDOWN_PLACES)
@given(value=strings)
@settings(max_examples=60, deadline=None)
def test_markdown_text_makes_no_markup_in_any_place(place, value):
    assume(value)     # an empty value makes no paragraph: no markup, but not the neutral value's
    expected = parse(markdown.markdown(place.replace("{}", "VALUE"), extensions=EXTENSIONS))
    got = parse(markdown.markdown(place.replace("{}", markdown_text(value)), extensions=EXTENSIONS))
    shown = [(tag, tuple((k, v.replace(value, "VALUE") if v else v) for k, v in attrs)) for tag, attrs in got.tags]
    assert shown == expected.tags, "the value made markup"
    assert value in "".join(got.text) or 'title="' in place


def test_markdown_text_keeps_text_a_heading_would_eat():
    """`# title #` loses its closing hashes, and `- # x` is a heading inside a list item."""
    for value in ("題名 #", "# x", "- x", "1945. 年", "a  ", "  a"):
        got = parse(markdown.markdown(f"- {markdown_text(value)}\n", extensions=EXTENSIONS))
        assert [tag for tag, _ in got.tags] == ["ul", "li"] and "".join(got.text).strip("\n") == value


@given(st.recursive(strings | st.integers() | st.none() | st.booleans(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(strings, inner, max_size=4),
                    max_leaves=12))
def test_json_data_reads_back(value):
    for indent in (None, 1):
        assert json.loads(json_data(value, indent)) == value
    assert "\n" not in json_data(value)


@given(strings)
def test_js_data_cannot_leave_its_script_and_reads_back(value):
    literal = js_data(value)
    tree = parse(f"<script>var x = {literal};</script><p>after</p>")
    assert tree.tags == [("script", ()), ("p", ())]
    assert tree.text[0] == f"var x = {literal};"
    assert json.loads(literal) == value           # JSON is JavaScript: what the engine reads
    assert not {"\u2028", "\u2029", "<", ">"} & set(literal)


# XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets), written out here.
def xml_char(c: str) -> bool:
    n = ord(c)
    return n in (0x9, 0xA, 0xD) or 0x20 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD or 0x10000 <= n <= 0x10FFFF


@given(strings)
def test_xml_text_is_well_formed_text_and_attribute(value):
    encoded = xml_text(value)
    element = etree.Element("p", n=encoded)
    element.text = encoded
    back = etree.fromstring(etree.tostring(element, encoding="utf-8"))
    assert (back.text or "") == encoded and back.get("n") == encoded
    assert len(encoded) == len(value)
    assert all(a == b or (not xml_char(a) and b == "\ufffd") for a, b in zip(value, encoded, strict=True))
    assert len(back) == 0 and list(back.attrib) == ["n"]


@given(strings)
def test_plain_line_is_one_line(value):
    line = plain_line(value)
    assert len(line.splitlines()) <= 1
    assert re.sub(r"\s", "", line) == re.sub(r"\s", "", value)


def test_no_page_template_builds_front_matter_from_a_value():
    """YAML front matter built from a source string can end early (a newline then `---`) and turn
    what follows into Markdown: a page template's front matter, if it has one, holds no `{{`."""
    for template in (ROOT / "templates" / "pages").glob("*.md.j2"):
        text = template.read_text(encoding="utf-8")
        front = re.match(r"---\n(.*?)\n---\n", text, re.S)
        assert front is None or "{{" not in front.group(1) and "{%" not in front.group(1), template.name


def test_no_writer_escapes_by_hand():
    """Every writer of a format uses its encoder: no module but the encoders' own calls
    `html.escape` or builds JSON with `json.dumps`."""
    package = ROOT / "edition"
    allowed = {Path("core/encode.py")}
    for module in package.rglob("*.py"):
        if module.relative_to(package) in allowed:
            continue
        code = module.read_text(encoding="utf-8")
        assert "html.escape(" not in code, module
        assert "json.dumps(" not in code, module
