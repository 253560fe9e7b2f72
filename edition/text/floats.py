"""Stage 2b, floats: a table the editor has not re-keyed yet, read as a table where it stands.

A typesetter floats a table to the top of a page (or below the line that called it), so the
extraction puts its caption and cells in the middle of whatever paragraph runs there: `…就是維`,
`表1`, `日期`, `事件`, …, `持 1924 年…`. Read as text, the cells would cut that paragraph in two.

In: a text laid out by `layout` in an extractor's convention (not the seeds', whose tables are all
re-keyed). Out: a provisional `Table` for each caption no re-keyed table claims: the caption line
(with the next line when the caption holds only its number, `表1` then `1945 年中蘇談判日程`)
and every raw line after it, one row each (cells where `-layout` set them apart by two or more
spaces), up to the first line of text on the same page: one as wide as a paragraph's first line,
or the line before a fragment that opens with a comma or a closing bracket (no cell does), or a
heading of one of the text's declared levels, or a last row that alone of the rows ends a sentence (the short
last line of the paragraph the table floated into). The paragraph stages then treat it as any
table, and one set inside a paragraph follows that paragraph (`printed.inside_paragraph`).
Nothing is found when no line of text follows on the caption's page: the lines are then read as text.
A provisional table holds exactly the characters of its lines, and its caption stays on add-text's
list of undecided things until the editor re-keys it in sources/tables/.
"""
from __future__ import annotations

import re

from edition.core.inputs import RawLine, Table, TextSource
from edition.core.model import Page
from edition.text.breaks import CONTINUES
from edition.text.footnotes import read_label
from edition.text.headings import candidate
from edition.text.markers import BRACKETED
from edition.text.printed import PrintedLine

# A table's caption opening a line: '表1　1945年中蘇談判日期', '表 2 ...', 'Table 3', '表一　…' (a
# Taiwanese journal's Chinese numeral), '表1-1　…' (a book's, numbered in its chapter), or '表1' alone;
# and '续表 1', a table's part continued on the next page.
TABLE_NUMBER = r"(?:\d+(?:[-–.．]\d+)?|[一二三四五六七八九十]+)"
TABLE_CAPTION = re.compile(rf"^[\s\f]*([续續]?表|Table)\s*{TABLE_NUMBER}(?:[\s\u3000]|$)")
CAPTION_NUMBER_ONLY = re.compile(rf"^[\s\f]*([续續]?表|Table)\s*{TABLE_NUMBER}\s*$")
CELL_GAP = re.compile(r"\s{2,}|\u3000")
SENTENCE_MARK = re.compile(r"[，。；：,;]")    # a caption names its table, it holds no clause
# A sentence's end closing a line, after its closing quotation and any note markers ('一半。[4][5]',
# '所示。②③', '之一。”12').
SENTENCE_END = re.compile(rf"[。！？!?][”’」』]?(?:{BRACKETED}|[①-⑳➀-➉❶-❿➊-➓]|[⁰¹²³⁴-⁹]|\d{{1,3}})*\s*$")


def provisional_tables(source: TextSource, pages: tuple[Page, ...]) -> tuple[Table, ...]:
    """The tables of `pages` that no re-keyed table claims (module docstring)."""
    widths = sorted(_width(page, line) for page in pages for line in page.body)
    if not widths:
        return ()
    # a line of text: as wide as a paragraph's first line (the measure, as `breaks._measure`, less
    # its two-character indent and one more), where a table's cells are short
    text_width = widths[int(0.9 * (len(widths) - 1))] - 3
    tables = []
    for page in pages:
        body = list(page.body)
        for start, line in enumerate(body):
            wide = _width(page, line) >= text_width
            if not TABLE_CAPTION.match(line.text) or (wide and SENTENCE_MARK.search(line.text)):
                continue          # a caption is a line of its own, not a sentence opening '表 1 所列，…'; on a
                # narrow page it may run as wide as a line of text ('表一　中蘇莫斯科會談日程（民國三十四年）')
            end = next((i for i in range(start + 1, len(body)) if _width(page, body[i]) >= text_width
                        or _fragment(body[i]) or _heading(source, body[i])), None)
            if end is not None and end > start + 1 and _fragment(body[end]):
                end -= 1          # no cell opens with a comma: the line is a fragment of the text line above it
            if end is not None:
                end = _paragraph_end(body, start, end)
            if end is None or end <= start + 1 or not _alone(source, body[start:end]):
                continue
            tables.append(_table(source, body[start:end]))
    return tuple(tables)


def _fragment(line: RawLine) -> bool:
    """Whether `line` goes on the text line above it: it opens with a comma, a full stop or a closing
    bracket, after any note marker (`①。宋子文…`: PyMuPDF cuts a line before a superscript marker)."""
    text = line.text.lstrip(" \f\u3000")
    while (label := read_label(text)) and label[0].kind != "digits":   # bare digits may be a cell's ('1.')
        text = text[label[1]:]
    return bool(CONTINUES.match(text))


def _paragraph_end(body: list[RawLine], start: int, end: int) -> int:
    """Where the table that `body[start]` captions ends, short of `end`: before its last row when that
    row alone of all its rows ends a sentence (after any note markers). A table floated into a
    paragraph is followed by the rest of that paragraph; its full lines end the table already, its
    last line is short as a cell is, and ends the paragraph: '两国合计约占总额的一半。[4][5]' under a
    table of shares. A table whose cells are sentences has more than one row ending so."""
    rows = [i for i in range(start + 1, end) if body[i].text.strip()]
    ending = [i for i in rows if SENTENCE_END.search(body[i].text)]
    return ending[0] if len(rows) > 2 and ending == rows[-1:] else end


def _heading(source: TextSource, line: RawLine) -> bool:
    """Whether `line` is a heading of one of the text's declared levels: '第四章 條約的影響' under a
    table that floated to the top of the page where the chapter begins, '2.1 第一号至第四号' after
    the last line ('将其隐去5 。') of the paragraph a table floated into, where the text's first level
    is '1 背景'."""
    levels = source.layout.headings
    return bool(levels) and candidate(line.text.strip(" \f\u3000"), levels) is not None


def _alone(source: TextSource, lines: list[RawLine]) -> bool:
    """Whether the raw lines from the first of `lines` to the last hold nothing else but blank lines
    (a table replaces a span of raw lines: no note line or furniture may stand inside it)."""
    held = {line.number for line in lines}
    if any(before.number >= after.number for before, after in zip(lines, lines[1:], strict=False)):
        return False      # not in raw order: lines a page read elsewhere than written are no one span
    span = source.lines[lines[0].number - 1:lines[-1].number]
    return all(line.number in held or not line.text.strip() for line in span)


def _table(source: TextSource, lines: list[RawLine]) -> Table:
    texts = [line.text.strip(" \f\u3000") for line in lines]
    caption, rows = texts[0], texts[1:]
    if CAPTION_NUMBER_ONLY.match(caption) and rows:
        caption, rows = f"{caption} {rows[0]}", rows[1:]
    cells = [[cell for cell in CELL_GAP.split(row) if cell] for row in rows]
    columns = max((len(row) for row in cells), default=1)
    grid = tuple(tuple(row + [""] * (columns - len(row))) for row in cells)
    return Table(source.path, lines[0].number, lines[-1].number, caption, grid, 0, rows_line=lines[0].number)


def _width(page: Page, line: RawLine) -> float:
    return PrintedLine(page, [line], spaces_printed=False).width()
