"""The stash of finished HTML blocks (edition/site/rawblocks.py) gives what Python-Markdown gives
without it: on every page the build writes, and on generated pages of HTML blocks, damaged blocks
and Markdown mixed (Hypothesis); and MkDocs collects the same anchors from the page. Python-Markdown
alone, with the site's extensions, and MkDocs' own collector of anchors are the oracles."""
import markdown
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from edition.site.rawblocks import RawBlocksExtension, elements
from tests.conftest import ROOT

EXTENSIONS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
NAMES = [e if isinstance(e, str) else next(iter(e)) for e in EXTENSIONS]
CONFIGS = {next(iter(e)): next(iter(e.values())) for e in EXTENSIONS if isinstance(e, dict)}


def convert(source: str, stash: bool) -> tuple[str, set, int]:
    """Python-Markdown's HTML for `source` as MkDocs converts a page (its preprocessor that collects
    the page's anchors registered after the extensions), with or without the stash; the anchors
    MkDocs collected; how many blocks were stashed."""
    from mkdocs.structure.pages import _RawHTMLPreprocessor
    md = markdown.Markdown(extensions=[*NAMES, *([RawBlocksExtension()] if stash else [])], extension_configs=CONFIGS)
    anchors = _RawHTMLPreprocessor()
    anchors._register(md)
    return md.convert(source), anchors.present_anchor_ids, md.htmlStash.html_counter


def both(source: str) -> tuple[tuple, tuple, int]:
    """(HTML, anchors) of `source` without the stash and with it, and how many blocks were stashed."""
    plain, ours = convert(source, False), convert(source, True)
    return plain[:2], ours[:2], ours[2]


def test_every_page_the_build_writes_converts_as_without_the_stash(site):
    pages = sorted((site.parent / "build" / "docs").rglob("*.md"))
    assert len(pages) > 100
    stashed = 0
    for page in pages:
        plain, ours, count = both(page.read_text(encoding="utf-8"))
        assert ours == plain, page
        stashed += count
    assert stashed > len(pages)      # the stash took blocks (Python-Markdown's own stash counts too)


TEXT = st.sampled_from(["a", "中文", " ", "*x*", "_y_", "`c`", "&amp;", "&#32;", "&#x4e2d;", "&amp", "AT&T", "<", ">",
                        "a < b", "\t", "\r", "\x02", "\u200b", "{ #id }", "[l](x.md)", "<!-- c -->", "#", "-", "|"])
INLINE = st.sampled_from(["span", "a", "sup", "code", "em", "strong", "mark", "script", "style", "textarea"])
BLOCK = st.sampled_from(["p", "div", "section", "blockquote", "nav", "figure", "ul", "ol", "table", "details"])
ATTRS = st.sampled_from(["", ' class="ed-p"', ' id="p0001"', ' id="n1" value="2"', ' title="a &amp; b"',
                         ' markdown="1"', " data-x='q'", ' hidden', ' title="a>b"', ' id=unquoted', ' id',
                         ' ID="Up"', ' id="a&amp;b"', ' name="n"', ' id=""', ' data-id="no"', ' id="x" id="y"'])


@st.composite
def inline(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.integers(0, 4 if depth < 2 else 1))
        if kind <= 1:
            parts.append(draw(TEXT))
        elif kind == 2:
            parts.append(draw(st.sampled_from(["<br>", "<hr>", '<img src="x" alt="">', "<br/>", "<wbr>"])))
        else:
            tag = draw(INLINE)
            parts.append(f"<{tag}{draw(ATTRS)}>{draw(inline(depth + 1))}</{tag}>")
    return "".join(parts)


@st.composite
def element(draw, depth: int = 0) -> str:
    tag = draw(BLOCK)
    if depth < 2 and draw(st.booleans()):
        inner = draw(st.sampled_from(["", "\n"])).join(draw(st.lists(element(depth + 1), max_size=3)))
    else:
        inner = draw(inline())
    made = f"<{tag}{draw(ATTRS)}>{inner}</{tag}>"
    damage = draw(st.integers(0, 9))        # most are whole; some are damaged as an editor's input might be
    if damage == 0:
        made = made[:-len(f"</{tag}>")]                       # left open
    elif damage == 1:
        made = made + draw(TEXT)                              # text after its end
    elif damage == 2:
        made = made.replace(f"<{tag}", f"<{tag.upper()}", 1)   # a tag in capitals
    elif damage == 3:
        made = "   " + made                                   # indented
    elif damage == 4:
        made = made.replace(f"<{tag}", f"<{tag}\n", 1)        # a line break in its start tag
    return made


MARKDOWN = st.sampled_from(["# Title { #t }", "## Section", "- item", "- item\n    more", "1. one", "    code",
                            "| a | b |\n|---|---|\n| 1 | 2 |", "text *em*", "> quoted", "***",
                            '[l](x.md){ rel="prev" }'])


@st.composite
def page(draw) -> str:
    chunks = []
    for _ in range(draw(st.integers(1, 6))):
        lines = draw(st.lists(st.one_of(element(), MARKDOWN, inline()), min_size=1, max_size=3))
        chunks.append("\n".join(lines))
    out = chunks[0]
    for chunk in chunks[1:]:
        out += draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\n", "\n\t\n", "\n\u3000\n", "\n\xa0\n",
                                     "\n\x0c\n"])) + chunk
    return out + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=400)
@given(page())
# found by the generator: a reference after a raw block's end on its line is held back by
# Python-Markdown for the next raw block (the stash took that next block as it stood)
@example("<p></p>&amp;\n\n<p></p>")
@example("<hr>&#32;\n\n<div></div>")
@example("<div><p>a</p></div><!-- c -->\n\n<p>b</p>")
def test_any_page_converts_as_without_the_stash(source):
    try:
        plain = convert(source, False)
    except IndexError:       # Python-Markdown's own failure on some damaged lists: the same with the stash
        with pytest.raises(IndexError):
            convert(source, True)
        return
    assert convert(source, True)[:2] == plain[:2]


@pytest.mark.parametrize("block, parts", [
    ('<p id="p1" class="ed-p">文字<sup id="nref1"><a href="#n1">1</a></sup>。</p>', 1),
    ('<p class="k"><strong>章</strong></p>\n<ul class="kwic"><li>a</li><li>b</li></ul>', 2),
    ('<div class="ed-page-line"><span id="page-3"></span></div>', 1),
    ("<p>a</p>tail", None),                        # text after the element
    ('<div class="x"></div>\n## heading', None),   # Markdown after it
    ('<nav markdown="1">[a](a.md)</nav>', None),    # md_in_html reads it
    ("<p>a<p>b</p>", None),                        # left open
    ("<span>a</span>", None),                      # not a block-level tag
    ("<p>a &amp b</p>", None),                     # a reference Python-Markdown would complete
    ("<hr>", None),                                # a void element alone
    ("<p id='q'>a</p>", None),                     # attributes not as the build writes them
    ("<br />", None),
    ('<p\nid="m">x</p>', None),                     # found by review: a line break in the start tag
    ('<div><script><p id="x"></p></script></div>', None),   # found by review: an id in a script is no anchor
])
def test_which_blocks_are_whole_elements(block, parts):
    """Cases found by review are kept here too, and in the generator's alphabet (a line of only an
    ideographic or no-break space between blocks is not blank to Python-Markdown)."""
    md = markdown.Markdown()
    found = elements(block, md.is_block_level)
    assert (None if found is None else len(found)) == parts
