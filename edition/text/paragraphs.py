"""Stage 4, paragraphs: body lines -> paragraphs; note lines -> note texts; repairs applied.

In: pages, markers and notes from `notes`, the text's tables and glyph repairs. Out: `Paragraph`s
in reading order (kind body, quote, list or table; headings are marked by `structure`) with note
references and page breaks as offsets, and the notes with normalized text. Every repair is logged
in the `Audit`. Never drops a non-whitespace character except note markers, which become refs.

Where a paragraph ends: the extraction ends the last line of a paragraph with a space after a
Chinese character (`…的瞭解。 `); where a superscript marker ends the paragraph that space comes
on a raw line of its own (`件與要求。20` + ` `), and an empty printed line between two paragraphs
is such a line too (`…寫著: `, ``, ` `, ``, then the quotation). A footnote rule (a line of 50 or
more spaces, `layout.is_separator`) is no such line: a page whose last line breaks mid-word
(`…的方式，努` + rule) goes on on the next page. A line-end space after a Latin word is a word
space, and no paragraph ends on a pause or an opening bracket (`…表述史實， ` + `反映…`).
Lines the extraction split at a superscript (no empty line between them) form one printed line.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from edition.core.inputs import Table, TextSource
from edition.core.model import SOURCE_CELL_MARKER, Audit, Marker, Note, Page, PageBreak, Paragraph
from edition.text.breaks import LIST_ITEM, LIST_LABEL, bare_list_label, group_lines
from edition.text.headings import CN, bare_label
from edition.text.layout import SEPARATOR_MIN_WIDTH, page_convention
from edition.text.printed import PrintedLine, inside_paragraph, printed_lines
from edition.text.repairs import (
    Glyph,
    NoteAnchor,
    PageAnchor,
    Token,
    apply_repairs,
    glyphs,
    is_anchor_or_space,
    is_cjk,
    join_wrapped_lines,
    render,
    strip_ends,
)

# Punctuation a paragraph cannot end on: pauses and opening brackets.
CANNOT_END = frozenset("、，；（「『《〈【〔“‘")

# A heading's Chinese numeral alone on its printed line: the extraction cut '一　引言' at its gap.
NUMERAL_ALONE = re.compile(f"[{CN}]{{1,3}}")    # 一 … 九十九


def build_paragraphs(source: TextSource, pages: tuple[Page, ...], markers: list[Marker],
                     notes: list[Note], glyph_map: dict[str, str], audit: Audit) -> tuple[list[Paragraph], list[Note]]:
    marker_at = {(m.line, m.column): (number, m) for number, m in enumerate(markers, 1) if m.column >= 0}
    raw = {line.number: line.text for line in source.lines}
    lines_convention = paragraph_convention(source) != "trailing-space"   # one raw line per printed line
    if not lines_convention:
        groups = group_paragraphs(printed_lines(pages, source.tables), raw, marker_at)
    else:
        named = tuple(name for name in ((() if source.title_supplied else (source.title,)) + (source.author or "",))
                      if name)
        groups = group_lines(printed_lines(pages, source.tables, join_split_lines=False), raw, marker_at,
                             source.layout.headings, named)
    full_width = _full_width(groups)
    paragraphs = []
    page = None  # the page the reader is on: a marker goes where it changes, wherever that is
    empty = _empty_pages_before(pages)
    for group in groups:      # in the lines convention no line-end space tells Latin words apart
        paragraphs.append(_paragraph(group, page, marker_at, markers, glyph_map, audit, lines_convention, empty))
        page = group[-1].page
    # a heading whose label the extraction set on a line of its own ('第一部分', then its title) is
    # two short lines, as a quotation is, but no quotation
    narrow = [_is_narrow(group, full_width, raw) and not _bare_label(group, source.layout.headings)
              for group in groups]
    # an item whose label the extraction cut from its text reads '第一款中國軍…': the label, set
    # off by no gap in the text, is known from the line it stood on alone; where lines are read as
    # printed, '（1）' labels a list item inside a quotation as it does in the body
    labelled = [bool(LIST_ITEM.match(p.text) or (lines_convention and LIST_LABEL.match(p.text)))
                or _bare_list_label(group, source.layout.headings)
                for p, group in zip(paragraphs, groups, strict=True)]
    paragraphs = classify_quotes(paragraphs, narrow, labelled)
    if lines_convention:
        listed = [p.kind == "body" and item for p, item in zip(paragraphs, labelled, strict=True)]
        paragraphs = [replace(p, kind="list") if item else p for p, item in zip(paragraphs, listed, strict=True)]
    return paragraphs, [normalize_note(note, source, glyph_map, audit, lines_convention) for note in notes]


def paragraph_convention(source: TextSource) -> str:
    """How paragraph ends are marked: as the profile declares, else `trailing-space` for the seeds'
    extraction (blank-line pages) and `lines` (see `group_lines`) for every other."""
    return source.layout.paragraphs or ("trailing-space" if page_convention(source) == "blank-lines" else "lines")


def ends_paragraph(line: PrintedLine, raw: dict[int, str], marker_at: dict) -> bool:
    """True when the printed line is the last line of its paragraph (see the module docstring)."""
    last = line.lines[-1]
    body = last.text.rstrip()
    end = len(body)
    while end and body[end - 1].isdigit() and (last.number, _run_start(body, end)) in marker_at:
        end = _run_start(body, end)  # a marker at the paragraph's end: look before it
    if end and body[end - 1] in CANNOT_END:
        return False
    if followed_by_empty_line(last.number, raw):
        return True
    return last.text.endswith((" ", "\u3000")) and bool(body[:end]) and is_cjk(body[end - 1])


def followed_by_empty_line(number: int, raw: dict[int, str]) -> bool:
    """True when a short run of spaces stands on its own raw line before the next text or footnote
    rule: the paragraph-end space pushed onto a line of its own, or an empty printed line.

    >>> raw = dict(enumerate(["件與要求。20", " ", "下一段"], 1))
    >>> followed_by_empty_line(1, raw)
    True
    >>> raw = dict(enumerate(["的方式，努", " " * 56, "1 張淑雅：…", "", " ", " 力维护"], 1))
    >>> followed_by_empty_line(1, raw)
    False
    """
    following = number + 1
    while raw.get(following) == "":
        following += 1
    text = raw.get(following, "")
    return text != "" and text.strip() == "" and len(text) < SEPARATOR_MIN_WIDTH


def _run_start(text: str, end: int) -> int:
    start = end
    while start and text[start - 1].isdigit():
        start -= 1
    return start


def group_paragraphs(printed: list[PrintedLine], raw: dict[int, str], marker_at: dict) -> list[list[PrintedLine]]:
    groups: list[list[PrintedLine]] = []
    previous: PrintedLine | None = None
    held: list[PrintedLine] = []      # tables set inside the paragraph being read: they follow it

    def goes_on(before: PrintedLine, after: PrintedLine) -> bool:
        return not (after.indent() >= 2 or ends_paragraph(before, raw, marker_at))
    for index, line in enumerate(printed):
        if inside_paragraph(printed, index, previous, goes_on):
            held.append(line)
            continue
        past_held = bool(held) and line.page is not held[0].page
        starts = (previous is None or line.table or previous.table or past_held or line.indent() >= 2
                  or ends_paragraph(previous, raw, marker_at))
        if starts:
            groups += [[table] for table in held] + [[line]]
            held = []
        else:
            groups[-1].append(line)
        previous = line
    return groups + [[table] for table in held]


def _full_width(groups: list[list[PrintedLine]]) -> float:
    widths = Counter(round(line.width()) for group in groups for line in group[:-1] if not line.table)
    return widths.most_common(1)[0][0] if widths else 0.0


def _bare_label(group: list[PrintedLine], headings: tuple[str, ...]) -> bool:
    return not group[0].table and bare_label(group[0].lines[0].text, headings)


def _bare_list_label(group: list[PrintedLine], headings: tuple[str, ...]) -> bool:
    return not group[0].table and len(group) > 1 and bare_list_label(group[0].lines[0].text, headings)


def _is_narrow(group: list[PrintedLine], full_width: float, raw: dict[int, str]) -> bool:
    """Wrapped lines set clearly narrower than the body's measure: a block quotation.

    A paragraph's first line is left out when it is indented, or when the extraction put its
    indentation on a raw line of its own (`'   '` then `莫斯科談判結束後…`).
    """
    first = group[0]
    if not first.table and not first.spaces_printed:
        # the other extractions drop a paragraph's first-line indent: the first line counts two more
        wrapped = [line.width() + (2 if line is first else 0) for line in group[:-1]]
        return bool(wrapped) and max(wrapped) <= full_width - 1.5
    lost_indent = not first.table and raw.get(first.lines[0].number - 2, "").startswith("  ")
    skip = 1 if (first.table or first.indent() > 0 or lost_indent) else 0
    wrapped = [line.width() for line in group[skip:-1] if not line.table]
    return bool(wrapped) and max(wrapped) <= full_width - 1.5


def _empty_pages_before(pages: tuple[Page, ...]) -> dict[int, tuple[int, ...]]:
    """Each page's index -> the printed pages just before it that print nothing but furniture (a
    chapter opening on an odd page leaves the even one before it empty, its number alone): each
    begins where the next page does, so that it has its anchor and its `<pb/>` too."""
    found: dict[int, tuple[int, ...]] = {}
    waiting: list[int] = []
    for page in pages:
        if any(line.text.strip() for line in page.body + page.notes) or page.table_lines:
            found[page.index], waiting = tuple(waiting), []
        else:
            waiting.append(page.printed)
    return found


def _paragraph(group: list[PrintedLine], current_page: Page | None, marker_at: dict, markers: list[Marker],
               glyph_map: dict[str, str], audit: Audit, latin_space: bool = False,
               empty: dict[int, tuple[int, ...]] | None = None) -> Paragraph:
    if group[0].table is not None:
        return _table_paragraph(group[0], group[0].table, current_page, markers, glyph_map, audit)
    tokens: list[Token] = []
    cut_numeral = len(group) > 1 and len(group[0].lines) == 1 and bool(NUMERAL_ALONE.fullmatch(
        group[0].lines[0].text.strip(" \f\u3000")))
    for line in group:
        piece: list[Token] = []
        if line.page is not current_page:
            if current_page is not None:    # the empty pages between, each where the next begins
                piece += [PageAnchor(printed) for printed in (empty or {}).get(line.page.index, ())]
            piece.append(PageAnchor(line.page.printed))
            current_page = line.page
        for raw_line in line.lines:
            text = raw_line.text[1:] if (raw_line is line.lines[0] and line.page_start) else raw_line.text
            offset = len(raw_line.text) - len(text)
            piece += _line_tokens(raw_line.number, text, offset, marker_at)
        tokens = join_wrapped_lines(tokens, piece, latin_space, cut_numeral and line is group[1]) if tokens \
            else _lstrip(piece)
    text, refs, breaks = render(apply_repairs(strip_ends(tokens), audit, glyph_map))
    lines = tuple(raw.number for line in group for raw in line.lines)
    pages = tuple(dict.fromkeys(line.page.printed for line in group))
    return Paragraph("body", text, lines, pages, refs, breaks)


def _lstrip(tokens: list[Token]) -> list[Token]:
    index = 0
    while index < len(tokens) and is_anchor_or_space(tokens[index]):
        index += 1
    anchors = [t for t in tokens[:index] if not isinstance(t, Glyph)]
    return anchors + tokens[index:]


def _line_tokens(number: int, text: str, offset: int, marker_at: dict) -> list[Token]:
    """The line's characters as glyphs, with each marker replaced by its note anchor."""
    tokens: list[Token] = []
    column = 0
    starts = [c - offset for c in range(offset, offset + len(text)) if (number, c) in marker_at]
    for start in starts:
        note_number, marker = marker_at[(number, start + offset)]
        tokens += [Glyph(char, number) for char in text[column:start]]
        tokens.append(NoteAnchor(note_number))
        column = start + len(marker.text)
    tokens += [Glyph(char, number) for char in text[column:]]
    return tokens


def _table_paragraph(line: PrintedLine, table: Table, current_page: Page | None, markers: list[Marker],
                     glyph_map: dict[str, str], audit: Audit) -> Paragraph:
    numbers = iter(n for n, m in enumerate(markers, 1) if m.line == table.first_line and m.column < 0)

    def tidy(text: str) -> str:
        return render(apply_repairs(glyphs(text, table.first_line), audit, glyph_map, table=True))[0]
    rows = tuple(tuple(SOURCE_CELL_MARKER.sub(lambda _: f"{{n{next(numbers)}}}", tidy(cell)) for cell in row)
                 for row in table.rows)
    caption = tidy(table.caption)
    breaks = (PageBreak(0, line.page.printed),) if line.page is not current_page else ()
    return Paragraph("table", caption, tuple(range(table.first_line, table.last_line + 1)),
                     (line.page.printed,), page_breaks=breaks, table=rows, title=caption, table_spans=table.spans,
                     table_head=table.header_rows, table_note=tidy(table.source_note) if table.source_note else "")


def classify_quotes(paragraphs: list[Paragraph], narrow: list[bool], labelled: list[bool]) -> list[Paragraph]:
    """Mark quoted documents (set narrower than the body) and the numbered clauses inside them.

    A numbered clause (`（一）`, `1.`, `甲、`, `第一款`: `labelled`) next to a quotation is a list
    item of it; a short paragraph between two quoted ones belongs to the quotation.
    """
    kinds = [("list" if item else "quote") if is_narrow else p.kind
             for p, is_narrow, item in zip(paragraphs, narrow, labelled, strict=True)]

    def quoted(i: int) -> bool:
        return 0 <= i < len(kinds) and kinds[i] in ("quote", "list")
    changed = True
    while changed:
        changed = False
        for i, paragraph in enumerate(paragraphs):
            if kinds[i] != "body":
                continue
            if labelled[i] and (quoted(i - 1) or quoted(i + 1)):
                kinds[i], changed = "list", True
            elif len(paragraph.lines) <= 2 and quoted(i - 1) and quoted(i + 1):
                kinds[i], changed = "quote", True
    return [replace(p, kind=kind) for p, kind in zip(paragraphs, kinds, strict=True)]


def normalize_note(note: Note, source: TextSource, glyph_map: dict[str, str], audit: Audit,
                   latin_space: bool = False) -> Note:
    tokens: list[Token] = []
    pieces = note.text.split("\n")
    for number, piece in zip(note.lines, pieces, strict=True):
        tokens = join_wrapped_lines(tokens, glyphs(piece, number), latin_space) if tokens \
            else _lstrip(glyphs(piece, number))
    text, _, _ = render(apply_repairs(strip_ends(tokens), audit, glyph_map))
    return replace(note, text=text)
