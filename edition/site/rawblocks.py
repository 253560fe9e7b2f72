"""A Python-Markdown extension that stashes the pages' finished HTML blocks without parsing them.

A page's Markdown (edition/site/pages.py) is mostly HTML the build has already made: paragraphs
with their note markers, glossary links and page markers, the notes, the cite box. Python-Markdown
reads every raw HTML block with its HTML parser (pure Python, character by character) only to stash
the block's text unchanged: on the seeds' pages that was a third of MkDocs' time. This extension
stashes a block itself, before Python-Markdown's own HTML block preprocessor (and MkDocs' reader of
a page's anchors, which is handed the anchors of what was stashed), when the block is one that
preprocessor would stash unchanged anyway: a run of non-blank lines that is whole, well-formed
elements of block-level tags, each on lines of its own, with attributes as the build writes them
and no `markdown` attribute, comment, declaration, bare `<`/`>` or incomplete `&` reference.
Anything else is left to Python-Markdown. The output and the anchors are the same either way
(tests/site/test_rawblocks.py compares them on every page of the built site and on generated pages).
"""
from __future__ import annotations

import html
import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)( [^<>\n]*)?>")     # on one line, attributes after a space
# a start tag's attributes as the build writes them (name or name="value"): read here as Python's
# HTML parser reads them, for the anchors MkDocs checks links against
ATTRIBUTES = re.compile(r'(?: +[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)* *')
ATTRIBUTE = re.compile(r' +([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# what Python-Markdown's HTML parser would not give back as written: a `markdown` attribute
# (md_in_html reads the block), comments and declarations, characters its whitespace rules change,
# an `&` that is not a whole reference (`&amp` comes back as `&amp;`), elements whose content the
# parser reads as text (their ids are no anchors to MkDocs)
UNSURE = re.compile(r"markdown|<!|<\?|[\t\r\x02\x03]|&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)"
                    r"|<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b", re.I)


def tags_of(block: str) -> list[re.Match] | None:
    """The tags of `block` in order, or None when it holds a `<` or `>` that is not part of a plain
    tag (a comment, a declaration, text Python-Markdown's HTML parser may read otherwise)."""
    if "<!" in block or "<?" in block or block.count("<") != block.count(">"):
        return None
    tags = list(TAG.finditer(block))
    if len(tags) != block.count("<") or any(tag.group(3) and not ATTRIBUTES.fullmatch(tag.group(3)) for tag in tags):
        return None
    return tags


def nesting(tags: list[re.Match]) -> list[int] | None:
    """The depth after each tag, or None when an end tag does not close the innermost open one."""
    stack: list[str] = []
    depths = []
    for tag in tags:
        closing, name = tag.group(1), tag.group(2)
        if closing:
            if not stack or stack.pop() != name:
                return None
        elif name not in VOID and not tag.group(0).endswith("/>"):
            stack.append(name)
        depths.append(len(stack))
    return depths


def elements(block: str, block_level) -> list[str] | None:
    """The elements `block` consists of, or None unless it is whole elements of block-level tags,
    one after another, each from the start of a line to the end of a line, well-formed by a plain
    scan of its tags; with no `markdown` attribute (md_in_html reads those)."""
    if UNSURE.search(block):
        return None
    tags = tags_of(block)
    if not tags or tags[-1].end() != len(block):
        return None
    depths = nesting(tags)
    if depths is None or depths[-1] != 0:
        return None
    found, start = [], 0
    for tag, depth, before in zip(tags, depths, [0, *depths[:-1]], strict=True):
        if before == 0:                 # an element starts: at a line's start, with its own tag
            if tag.start() != start or tag.group(1) or depth == 0 or not block_level(tag.group(2)):
                return None
        if depth == 0:                  # it ends: at a line's end
            end = tag.end()
            if end != len(block) and block[end] != "\n":
                return None
            found.append(block[start:end])
            start = end + 1
    return found


def anchor_ids(part: str) -> set[str | None]:
    """The ids (and names of `a` elements) in `part`, as MkDocs collects them from a page's HTML
    (mkdocs/structure/pages.py, _HTMLHandler): names lower-cased, values unescaped, None for a
    name without a value."""
    found: set[str | None] = set()
    for tag in TAG.finditer(part):
        for attribute in ATTRIBUTE.finditer(tag.group(3) or ""):
            name, value = attribute.group(1).lower(), attribute.group(2)
            if name == "id" or name == "name" and tag.group(2) == "a":
                found.add(None if value is None else html.unescape(value))
    return found


def closed(block: str) -> bool:
    """Whether every element `block` opens it also closes (so no raw block runs on past it)."""
    if "<" not in block:
        return True
    tags = tags_of(block)
    depths = None if tags is None else nesting(tags)
    return depths is not None and (not depths or depths[-1] == 0)


# a tag that may end Python-Markdown's raw block: any end tag, a void or self-closed start tag
ENDING = re.compile(r"<(/)?([a-zA-Z][a-zA-Z0-9]*)[^<>]*?(/)?>")


def held(block: str, block_level) -> bool:
    """Whether Python-Markdown's HTML parser may hold back text of `block` for a later block: a raw
    block that ends before its line does leaves the parser "in the tail", where a reference, a
    comment or a tag on the rest of that line is kept in the next raw block's text (so `<p></p>&amp;`
    and a later `<p></p>` give `<p>&amp;<p></p>`). Read broadly: any block-level end tag (or void or
    self-closed block-level tag) with a `&` or `<` after it on its line."""
    for tag in ENDING.finditer(block):
        if (tag.group(1) or tag.group(3) or tag.group(2).lower() in VOID) and block_level(tag.group(2).lower()):
            rest = block[tag.end():].partition("\n")[0]
            if "&" in rest or "<" in rest:
                return True
    return False


class RawBlocks(Preprocessor):
    """Stash each block of whole elements (`elements`) as Python-Markdown's HTML block
    preprocessor does: its text (and a newline where a blank line follows) in the stash, its
    placeholder on a line with blank lines around it. Blocks that follow each other with only
    blank lines between are stashed as one (joined as Python-Markdown's output joins them), so the
    inline patterns run over one placeholder instead of one per block. After a block that may leave
    an element open (`closed`), the rest of the page is left to Python-Markdown. The anchors of
    what it stashed are kept in `ids` for MkDocs (`Anchors`)."""

    def __init__(self, md) -> None:
        super().__init__(md)
        self.ids: set[str | None] = set()

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        group: list[str] = []          # the stash text of the blocks since the last other line
        start, count, sure = 0, len(lines), True
        self.ids = set()
        while start < count:
            if not lines[start]:         # blank as Python-Markdown's blocks are (spaces emptied before)
                if not group:
                    out.append(lines[start])
                start += 1
                continue
            end = start
            while end < count and lines[end]:
                end += 1
            block = "\n".join(lines[start:end])
            parts = elements(block, self.md.is_block_level) if sure and lines[start].startswith("<") else None
            if parts:
                group += parts[:-1] + [parts[-1] + "\n" if end + 1 < count else parts[-1]]
                self.ids |= anchor_ids(block)
            else:
                if group:
                    out += ["", self.md.htmlStash.store("\n".join(group)), "", "", ""]
                    group = []
                out.extend(lines[start:end])
                sure = sure and closed(block) and not held(block, self.md.is_block_level)
            start = end
        if group:
            out += ["", self.md.htmlStash.store("\n".join(group)), "", ""]
        return out


class Anchors(Preprocessor):
    """Hands the anchors of the stashed blocks to MkDocs' own preprocessor of raw HTML (which runs
    between the two and reads the rest of the page), so its anchor checks see every anchor."""

    def __init__(self, md, stash: RawBlocks) -> None:
        super().__init__(md)
        self.stash = stash

    def run(self, lines: list[str]) -> list[str]:
        if MKDOCS in self.md.preprocessors:
            mkdocs = self.md.preprocessors[MKDOCS]
            mkdocs.present_anchor_ids = mkdocs.present_anchor_ids | self.stash.ids
        return lines


MKDOCS = "mkdocs_raw_html"     # MkDocs' preprocessor (priority 21) that collects a page's anchors


class RawBlocksExtension(Extension):
    def extendMarkdown(self, md) -> None:   # noqa: N802 (Python-Markdown's name)
        # after every preprocessor that comes before the HTML readers (whitespace normalized,
        # fenced code taken out: 25), before MkDocs' reader of anchors (21) and html_block (20)
        stash = RawBlocks(md)
        md.preprocessors.register(stash, "edition_raw_blocks", 21.5)
        md.preprocessors.register(Anchors(md, stash), "edition_raw_anchors", 20.9)
