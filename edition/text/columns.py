"""Stage 2, after page cutting: a note area set in two columns, read column by column.

In: pages from `edition.text.pages` (their notes still in the body). Out: the same pages, where a
page's foot holds notes set in two columns (LaTeX's dblfnote, in the notes' smaller type) that the
extractor wrote side by side on each line (`pdftotext -layout`: '〔8〕条约各条大意如下：      第三条，…';
plain `pdftotext` where two labels share a line: '…另有 〔2〕穆拉维约夫…'), with those lines cut at the
gap between the columns and read as printed: the left column's lines, then the right column's.

A piece keeps its raw line's number and its columns, the other column's characters written as
spaces, so that every later stage and the raw-order check read it against its raw line. Never
changes or drops a character; a page without such an area is returned as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace

from edition.core.inputs import RawLine
from edition.core.model import Page
from edition.text.footnotes import FRAMED, read_label
from edition.text.printed import em_width

# The gap between two columns on one line: text, then two spaces or more, or one space before a
# bracketed or circled note label ('…另有 〔2〕穆拉维约夫'); not a label's own gap ('[1]   條約…'),
# which no text precedes, nor a label glued to the body's text ('…总督〔2〕 ，授以').
COLUMN_GAP = re.compile(r"(?<=\S)(?: {2,}| (?=\S))")
LEFT_TEXT = 2        # characters of text a left column's piece has at least before its gap
# A left column's line unbroken may be this much wider than its widest piece (its brackets set
# narrow: '〔5〕本节所述谈判经过，…' is 24 em as written, 22 as printed), a body line is wider still.
COLUMN_SLACK = 1.2
RIGHT_INDENT = 0.5   # a line indented past this share of where right columns start is the right's alone


def read_note_columns(pages: tuple[Page, ...]) -> tuple[Page, ...]:
    """Each page with its two-column note area, if any, read left column first."""
    return tuple(_read_page_columns(page) for page in pages)


def _read_page_columns(page: Page) -> Page:
    lines = list(page.body)
    start = _area_start(lines)
    if start is None:
        return page
    return replace(page, body=tuple(lines[:start] + _column_order(lines[start:])))


def split_columns(text: str) -> tuple[str, str] | None:
    """`text` cut at a gap between two columns, each piece in its own columns, or None: the widest
    gap after text, or, where no gap is two spaces wide, a single space before a note label.

    >>> split_columns("〔4〕英法舰队曾于 1854 年进   载。")
    ('〔4〕英法舰队曾于 1854 年进', '                    载。')
    >>> split_columns("〔1〕…另有 〔2〕穆拉维约夫（N. N. Muravyov）")[1].lstrip()
    '〔2〕穆拉维约夫（N. N. Muravyov）'
    >>> split_columns("海峡，于 1850 年在江口附近擅自建立哨所〔3〕 ，并宣布") is None
    True
    """
    gaps = [gap for gap in COLUMN_GAP.finditer(text.rstrip())
            if len(_after_label(text[:gap.start()]).strip()) >= LEFT_TEXT
            and (gap.end() - gap.start() >= 2 or _framed_label(text[gap.end():]))]
    if not gaps:
        return None
    gap = max(gaps, key=lambda g: g.end() - g.start())
    return text[:gap.start()], " " * gap.end() + text[gap.end():]


def _area_start(lines: list[RawLine]) -> int | None:
    """Where the page's two-column note area begins, or None: at a line opening with a note label,
    the first such line from which every line to the page's foot is a line cut in two, one of the
    left column (no wider than its widest piece) or one of the right (indented to it), where two
    lines or more are cut and a note label opens a right column's piece ('… 〔6〕奕山（1790—1878）')."""
    for start, line in enumerate(lines):
        if read_label(line.text) and _two_columns(lines[start:]):
            return start
    return None


def _two_columns(lines: list[RawLine]) -> bool:
    """Whether `lines`, opening with a note label, are a two-column note area (see `_area_start`).
    Its labels are framed ('〔1〕', '①': a gap in a justified line of one column, '第   3   册', opens
    no piece with one) and of the opening label's kind, and read in column order they number on
    one by one: a label the cut puts in the right column is the next note, not a number in a note."""
    cut = [pieces for line in lines if (pieces := split_columns(line.text))]
    opening = read_label(lines[0].text)
    if len(cut) < 2 or opening is None or opening[0].kind not in FRAMED:
        return False
    right_labels = [label[0] for _, right in cut if (label := read_label(right))]
    if not right_labels or any(label.kind != opening[0].kind for label in right_labels):
        return False
    left_width = max(em_width(left.replace(" ", "")) for left, _ in cut)
    indent = _right_indent(cut)
    if not all(em_width(line.text.replace(" ", "")) <= left_width * COLUMN_SLACK or _indent(line.text) >= indent
               for line in lines if not split_columns(line.text)):
        return False
    numbers = [label[0].number for line in _column_order(lines) if (label := read_label(line.text))
               and label[0].kind == opening[0].kind]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _column_order(area: list[RawLine]) -> list[RawLine]:
    """The area's lines as read: each cut line's left piece among the left column's lines, its right
    piece among the right column's, a line indented to the right column in the right's."""
    cut = [pieces for line in area if (pieces := split_columns(line.text))]
    indent = _right_indent(cut)
    left: list[RawLine] = []
    right: list[RawLine] = []
    for line in area:
        pieces = split_columns(line.text)
        if pieces:
            left.append(RawLine(line.number, pieces[0]))
            right.append(RawLine(line.number, pieces[1]))
        elif line.text.strip() and _indent(line.text) >= indent:
            right.append(line)
        else:
            left.append(line)
    return left + right


def _framed_label(text: str) -> bool:
    """Whether `text` opens with a label no sentence's number reads as: bracketed or circled ('〔2〕',
    '③'), not digits ('…2007 年 7' ends on one; '1 日改稱' opens with one)."""
    label = read_label(text)
    return label is not None and label[0].kind in FRAMED


def _after_label(text: str) -> str:
    label = read_label(text)
    return text[label[1]:] if label else text


def _right_indent(cut: list[tuple[str, str]]) -> float:
    """How far a line is indented that holds the right column's text alone."""
    return RIGHT_INDENT * min(_indent(right) for _, right in cut)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))
