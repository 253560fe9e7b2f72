"""Stage 3 for extractions other than the seeds' convention: note blocks, markers, links.

In: pages from `edition.text.pages` (their `notes` still empty). Out: the pages with each page's note
lines moved out of the body, the `Note`s and the `Marker`s, one to one, and what could not be linked.
Never changes a character.

Conventions read: notes numbered through the text, per page or per chapter (a block may restart at
1 anywhere; what decides is that its marker stands where the convention says); note labels as
digits (`1 `, `1．`, `12张`), superscript digits (`¹²`), circled numbers (`①`), bracketed numbers
(`[1]`, `［1］`, `〔1〕`, `【1】`, `(1)`) and symbols (`∗`, `†`); footnotes (a page's notes after its body) and endnotes
(notes gathered after a heading such as `注释` or `Notes`, which is then furniture); a body set in
two columns with notes at the foot of each, written column by column (the body resumes after a
column's notes: `two_columns`, `_column_resumes`). Markers are
looked for note by note: a number in the body is a marker only when the note it would point to
exists, and then only the next occurrence after the previous marker that is no year, no quantity, no
list label (`2.`) and no table number (`表 1`). Consecutive markers extracted glued together
(`¹⁴¹⁵¹⁶` as `141516`) are split by the notes that exist.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from edition.core.inputs import RawLine
from edition.core.model import Audit, Change, Marker, Note, Page
from edition.text.headings import candidate
from edition.text.markers import BRACKETED, DATE_UNITS, LIST_BRACKETS, NOTE_BRACKETS, bracketed_forms, marker_length
from edition.text.printed import em_width, ends_sentence, goes_on_printed_line, unspaced_width, wide_share

# Circled numbers as fonts map them: ① (U+2460…), and the dingbats ➀ (U+2780…), ❶ and ➊ that
# XeLaTeX's and Word's fonts produce for the same printed mark; each series counts 1, 2, 3….
CIRCLED_SERIES = ("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", "➀➁➂➃➄➅➆➇➈➉", "❶❷❸❹❺❻❼❽❾❿", "➊➋➌➍➎➏➐➑➒➓")
CIRCLED = "".join(CIRCLED_SERIES)
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SYMBOLS = "∗*†‡§"
# A note's label at the start of its first line, in each convention:
# digits then a space, a full stop and space, or glued text ('1 张淑雅', '2．同上', '12Hanson'), but
# not a year, a date or a decimal ('1945年', '3月', '2.5'), nor a number with a leading zero (an
# archival number's wrapped tail, '001。'); circled; bracketed; superscript; symbols.
NOTE_LABEL = re.compile(
    r"^[\s\f]*(?:"
    r"(?P<digits>(?!0)\d{1,3})(?:[.．)）](?=\s)|(?![\d.．,，、:：)）/\-–年月日時时%％])(?!\s+[年月%％]))"
    rf"|(?P<circled>[{CIRCLED}])"
    rf"|(?={BRACKETED}).(?P<bracket>\d{{1,3}})."
    r"|(?P<superscript>[⁰¹²³⁴-⁹]{1,3})"
    rf"|(?P<symbol>[{re.escape(SYMBOLS)}]{{1,3}}))")
# How a finished note ends: a full stop, a closing bracket or quotation, a page reference ('第5页').
FINISHED = re.compile(r"[。．.)）」』”’页頁\d]$")
# A line that closes a sentence, a bracket or a page reference: a note whose full last line ends so
# may end there (digits do not: a date or a page cut at the line's end goes on).
SENTENCE_CLOSES = re.compile(r"[。．.！？!?)）」』”’》〉页頁]$")
# What a note's last line ends on, besides those: a closing title mark (《…》).
CLOSES = re.compile(FINISHED.pattern.replace("]$", "》〉]$"))
# A line that breaks a Latin sentence between words: it ends on a letter, a comma, a colon or a
# semicolon after a letter ('…Mass.: East Asian', '…Harvard University,'), not on '1970.' or '》'.
LATIN_RUNS_ON = re.compile(r"[A-Za-z][,;:]?$")
# …and the next line goes on with a word ('Research Center'), not with Chinese or a label ('2 见').
LATIN_OPENS = re.compile(r"[A-Za-z]")
FULL = 0.9        # a note line this share of the measure or wider is full (wrapped, not ended)
CLOSING_EM = 3.0   # measured on the corpus: 2 to 4 em all read its notes right, 6 does not
NOTE_TYPE = 1.1    # a line this many times a full body line's width or wider is set in the notes' type
OWN_SCRIPT = 0.5   # a line with this share of full-width characters is in the text's own script
# The heading of gathered endnotes: '注释', '註釋', '注', 'Notes'.
ENDNOTES_HEADING = re.compile(r"^[\s\f]*(注释|註釋|注|註|尾注|附注|Notes|NOTES)\s*$")
# The labels no sentence's number reads as, which may open a piece of a line after a single space
# (two notes side by side, two columns of notes): bracketed and circled ('〔2〕', '③').
FRAMED = ("bracket", "circled")
# What stands before an enumeration's '(1)', never before a note's marker: a pause, a colon, a line's start.
ENUMERATION_BEFORE = set("：:，,；;、\n \t\f\u3000")
# A number preceded by these is a table's, figure's or section's: '表 1', '图2', '第 3 期'.
NOT_AFTER = set("表图圖附第")
# ...but for the words that end on one of them and number nothing: a note's marker after 發表
# ('由重慶、華盛頓與倫敦同時發表2 。', cairo-1943), 代表, 企圖
NUMBERS_NOTHING = {"發表", "发表", "代表", "外表", "公表", "企圖", "企图", "試圖", "试图", "意圖", "意图"}


@dataclass(frozen=True)
class Label:
    """A note label: its kind, the text as printed, and its number (0 for a symbol)."""

    kind: str
    text: str
    number: int

    def marker_forms(self) -> tuple[str, ...]:
        if self.kind == "circled":
            return (self.text,)
        if self.kind == "bracket":
            return bracketed_forms(self.text[0], self.number)
        if self.kind == "superscript":
            return (self.text,)
        if self.kind == "symbol":
            return (self.text,)
        return (str(self.number),)


def read_label(text: str) -> tuple[Label, int] | None:
    """The note label opening `text` and where the note's own text begins, or None.

    >>> read_label("1 张淑雅：…")[0], read_label("② 同上")[0].number, read_label("[12] Ibid.")[0].text
    (Label(kind='digits', text='1', number=1), 2, '[12]')
    >>> read_label("3． 同上")[0].text, read_label(" \f¹² Ibid.")[0].number, read_label("➁")[0].number
    ('3．', 12, 2)
    >>> read_label("1945年8月") is None, read_label("2.5 倍") is None, read_label("∗ 本文")[0].kind
    (True, True, 'symbol')
    >>> read_label("〔14〕1900 年 7 月")[0], read_label("【3】见上")[0].marker_forms()
    (Label(kind='bracket', text='〔14〕', number=14), ('【3】',))
    >>> read_label("(3) 见上")[0].text, read_label("(3〕见上"), read_label("[3) 见上")
    ('(3)', None, None)
    """
    match = NOTE_LABEL.match(text)
    if not match:
        return None
    kind = next(k for k in ("digits", "circled", "bracket", "superscript", "symbol") if match.group(k))
    printed = match.group(kind)
    if kind == "circled":
        number = next(series.index(printed) + 1 for series in CIRCLED_SERIES if printed in series)
    elif kind == "symbol":
        number = 0
    else:
        number = int(printed.translate(SUPERSCRIPT))
    begins = match.start(kind) - (1 if kind == "bracket" else 0)
    if kind == "bracket" and NOTE_BRACKETS.get(text[begins]) != text[match.end() - 1]:
        return None     # brackets that do not pair: '(3〕', '[3)'
    return Label(kind, text[begins:match.end()], number), match.end()


@dataclass
class NoteFinding:
    """The notes and markers of a text, and what `add-text` reports about them."""

    pages: tuple[Page, ...] = ()
    notes: list[Note] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    unmatched: list[tuple[int, str]] = field(default_factory=list)   # (raw line, sentence)
    endnotes: bool = False


@dataclass
class _Draft:
    label: Label
    page: Page
    label_line: RawLine
    lines: list[RawLine]
    start: int             # where the note's text begins on its label line


def sort_note_lines(pages: tuple[Page, ...]) -> tuple[Page, ...]:
    """Each page with its note lines (footnotes after its body, or the gathered endnotes) moved out
    of its body: the layout side of notes."""
    endnotes = _endnote_blocks(pages)
    drafts: list[_Draft] = []
    sorted_pages = []
    widths = _body_widths(pages)
    body_width, in_columns = _full_width(widths), bool(_column_measure(widths))
    shapes = _marked_shapes(pages)
    for page in pages:
        unfinished = bool(drafts) and _carried_over(drafts)
        body, notes = _split_page(page, drafts, endnotes, body_width, shapes, in_columns)
        if unfinished and notes and not endnotes:
            body, notes = _take_continuation(body, notes, body_width, drafts, page)
        heading = [line for line in body if any(line.number == first for first, _ in endnotes)]
        artifacts = page.artifacts + tuple(Change("remove_notes_heading", line.number, line.text, "")
                                           for line in heading)
        sorted_pages.append(replace(page, body=tuple(line for line in body if line not in heading), notes=tuple(notes),
                                    artifacts=artifacts))
    return tuple(sorted_pages)


def _carried_over(drafts: list[_Draft]) -> bool:
    """Whether the last note read goes on past its page's foot: its last line does not end as a note
    ends, or it ends on a quotation closed inside a sentence at the full measure of the notes
    (shiliao-1945's note ④: '…「灰」為十日，「文」', then '為十二日，…' on the next page)."""
    last = drafts[-1].lines[-1]
    text = last.text.rstrip()
    if not FINISHED.search(text):
        return True
    if text[-1:] not in "」』”’" or ends_sentence(text):
        return False
    measure = _notes_measure(drafts)      # only for such a line: it sorts every note line read so far
    return measure > 0 and line_width(last) >= measure - 1


def note_order(pages: tuple[Page, ...], audit: Audit) -> tuple[Page, ...]:
    """`pages` with each note line an extraction wrote after a later note read back at the end of
    the note it finishes, as printed (pdftotext: note 2's last line '127、133、135、139' after note 3,
    or a note's last line after the page's last note). A wrapped note line fills the notes' measure,
    a note's last line mostly does not: when a note's last printed line is full and a later note on
    the page ends on a short line followed by lines without a label, those lines are the rest of the
    first note. Each move is audited (`restore_note_order`) and the raw-order check reads the page in
    its new order."""
    drafts: list[_Draft] = []
    spans = []
    for page in pages:
        before = len(drafts)
        _read_block(page, list(page.notes), drafts)
        spans.append((page, before, len(drafts)))
    measure = _notes_measure(drafts)
    moved = []
    for page, first, last in spans:
        lines = list(page.notes)
        for at in range(first, last):
            unfinished = drafts[at]
            rest = _rest_written_later(unfinished, drafts[at + 1:last], measure, {line.number for line in lines})
            if not rest:
                continue
            for line in rest:
                lines.remove(line)
                audit.record("restore_note_order", line.number, line.text, line.text)
            where = lines.index(unfinished.lines[-1]) + 1
            lines[where:where] = rest
            unfinished.lines += rest
        moved.append(replace(page, notes=tuple(lines)))
    return tuple(moved)


def _rest_written_later(unfinished: _Draft, later: list[_Draft], measure: float, on_page: set[int]) -> list[RawLine]:
    """The lines of `unfinished`, whose last printed line is full, that the extraction wrote among
    the `later` notes of its page, taken out of that note's draft. A later note's first short printed
    line but its last tells: when it is the note's first, the note ends there and the lines after it
    are the rest (shimonoseki's '127、133、135、139'); when full lines of the note come before it, it
    is the rest itself, written inside the note (a note's wrapped lines fill the measure: '…国耻日者。
    1920', then '三联书店，1959 年。', then '年代，每逢此日，…'). Looked for past notes that end on a short
    line only: a later note that is itself unfinished takes its own rest, a bare label's text is
    written elsewhere. Lines of another page (a later note going on there) are never a rest."""
    ends = _printed(unfinished.lines)
    if not measure or not ends or ends[-1][1] < measure * FULL:
        return []
    for then in later:
        printed = _printed(then.lines)
        short = next((k for k, (_, width) in enumerate(printed[:-1]) if width < measure * FULL), None)
        if short is not None:
            start = printed[short - 1][0] + 1 if short else printed[0][0] + 1
            end = printed[short][0] + 1 if short else len(then.lines)
            rest = then.lines[start:end]
            if not all(line.number in on_page for line in rest):
                return []
            del then.lines[start:end]
            return rest
        if not printed or printed[-1][1] >= measure * FULL:
            return []
    return []


def _printed(lines: list[RawLine]) -> list[tuple[int, float]]:
    """(index of its last raw line, width in em) of each printed line of a note's `lines`, its label
    alone on a line left out: the pieces pdftotext wrote apart (`goes_on_printed_line`) counted as
    the one line they were printed as."""
    printed: list[tuple[int, float]] = []
    texts = [i for i, line in enumerate(lines) if line.text.strip() and not _label_only(line)]
    for before, i in zip([None, *texts], texts, strict=False):
        if before is not None and goes_on_printed_line(lines[before].text, lines[i].text):
            printed[-1] = (i, printed[-1][1] + line_width(lines[i]))
        else:
            printed.append((i, line_width(lines[i])))
    return printed


def _label_only(line: RawLine) -> bool:
    read = read_label(line.text)
    return read is not None and not line.text[read[1]:].strip()


def _notes_measure(drafts: list[_Draft]) -> float:
    """A full note line in em: the median width of the printed note lines another printed line of
    the same note follows (a wrapped line fills the measure), 0 when there are none."""
    wrapped = sorted(width for draft in drafts for _, width in _printed(draft.lines)[:-1])
    return wrapped[len(wrapped) // 2] if wrapped else 0.0


def find_generic_notes(pages: tuple[Page, ...]) -> NoteFinding:
    """The notes of pages sorted by `sort_note_lines`, each linked to its marker."""
    found = NoteFinding(pages=pages)
    drafts: list[_Draft] = []
    for page in pages:
        before = len(drafts)
        _read_block(page, list(page.notes), drafts)
        _distribute(drafts[before:])
        found.endnotes = found.endnotes or any(c.fix == "remove_notes_heading" for c in page.artifacts)
    _link(found, drafts)
    if found.unmatched and (two_columns(pages) or columns_side_by_side(pages)):
        line, sentence = found.unmatched[0]
        found.unmatched[0] = (line, sentence + TWO_COLUMNS)
    return found


TWO_COLUMNS = ("; the text is set in two columns, which this extraction does not write one after the other "
               "(plain pdftotext and pdfminer.six interleave the columns' lines, pdftotext -layout sets them side by "
               "side), so its notes and markers meet out of order: extract the PDF with PyMuPDF, which writes each "
               "column whole (README, 'Adding a text')")


def _endnote_blocks(pages: tuple[Page, ...]) -> list[tuple[int, int]]:
    """The raw lines (first, last) of each block of gathered endnotes: a notes heading followed by
    note 1, up to the text's end or to where the body resumes, at a heading after a note's finished
    last line ('註釋' at the end of each chapter, then '第二章'). Notes gathered at the end of the
    text make one block; at the end of each chapter, one block each."""
    lines = [line for page in pages for line in page.body if line.text.strip()]
    blocks = []
    position = 0
    while position < len(lines) - 1:
        following = read_label(lines[position + 1].text)
        if not (ENDNOTES_HEADING.match(lines[position].text) and following and following[0].number == 1):
            position += 1
            continue
        end = position + 1
        while end + 1 < len(lines) and not _body_resumes(lines[end], lines[end + 1]):
            end += 1
        blocks.append((lines[position].number, lines[end].number))
        position = end + 1
    return blocks


def _body_resumes(last: RawLine, line: RawLine) -> bool:
    """Whether `line`, after the note line `last`, is the body again: a heading (no note label)
    after a note's finished line, or the next notes heading."""
    text = line.text.strip(" \f\u3000")
    if ENDNOTES_HEADING.match(line.text):
        return True
    return (read_label(text) is None and candidate(text) is not None
            and bool(FINISHED.search(last.text.rstrip()) or CLOSES.search(last.text.rstrip())))


def _split_page(page: Page, drafts: list[_Draft], endnotes: list[tuple[int, int]],
                body_width: float, shapes: set[tuple[str, str]],
                in_columns: bool = False) -> tuple[list[RawLine], list[RawLine]]:
    """The page's body and note lines. The block starts at the first line that opens a run of note
    labels in sequence (1, or the number after the last note) whose first marker stands in the body
    above; failing that, at the first such run without a marker (reported by the notes stage, never
    left in the text as body); then above it, where its first note's text was written above its
    bare label. Where the numbered notes are gathered endnotes, a page's notes labelled with a
    symbol are still its footnotes (`_symbol_footnotes`). In a text set in two columns, the body
    may resume after a column's notes (`_column_resumes`): the rest of the page is read again so."""
    lines = list(page.body)
    if endnotes:
        gathered = [line for line in lines if any(first < line.number <= last for first, last in endnotes)]
        rest = [line for line in lines if line not in gathered]
        cut = _symbol_footnotes(rest)
        _read_block(page, rest[cut:], drafts)
        _read_block(page, gathered, drafts)
        return rest[:cut], rest[cut:] + gathered
    candidates = [(cut, block) for cut, block in _label_runs(lines) if _opens_note(block[0], drafts)
                  and not _wraps_at_body_measure(_column_notes(lines[cut:], body_width, in_columns), body_width)]
    body = "\n".join(line.text for line in lines)
    marked = [cut for cut, block in candidates if _has_marker(body[:_offset(lines, cut)], block[0], block[1:2])]
    # a heading numbered as a note ('1. 割台与台湾民主国') opens a run whose later markers stand below it
    every = [cut for cut, block in candidates if _all_marked(body[:_offset(lines, cut)], block)]
    # a run no marker points to is a note block only when its labels are written as those of the
    # text's notes with markers: a list '1）…' on a page without notes is text; and never in the
    # parentheses a list's items are labelled in ('(1) 放弃…；' at a page's foot, a text's notes '(1)')
    unmarked = [cut for cut, block in candidates
                if _shape(block[0]) in shapes and block[0].text[0] not in LIST_BRACKETS]
    cut = (every or marked or unmarked or [len(lines)])[0]
    above = _above_bare_label(lines, cut, body_width, drafts)
    # the text taken back holds none of the block's markers: a short page's body line may be as
    # wide as its notes' ('双方各执一词①…直至今日④。' above '①', the labels written apart)
    block = dict(candidates).get(cut, [])
    if _all_marked(body[:_offset(lines, above)], block) or not _all_marked(body[:_offset(lines, cut)], block):
        cut = above
    while cut > 0 and (read := read_label(lines[cut - 1].text)) and _label_only(lines[cut - 1]) \
            and _written_above(read[0], lines[cut:]) and _has_marker(body[:_offset(lines, cut - 1)], read[0], []):
        cut -= 1          # a bare label written above the note it follows: '➁', then '➀ 在 1937 年…';
        # its marker stands in the body above (else the line is that marker, set apart)
    written = lines[cut:]
    resume = _column_resumes(written, body_width) if in_columns else None
    if resume is not None:       # the left column's notes, then the right column's body and notes
        _read_block(page, written[:resume], drafts)
        column = replace(page, body=tuple(written[resume:]))
        column_body, column_notes = _split_page(column, drafts, endnotes, body_width, shapes, in_columns)
        return lines[:cut] + column_body, written[:resume] + column_notes
    notes = [piece for at, line in enumerate(written) for piece in side_by_side(line, written[at + 1:])]
    _read_block(page, notes, drafts)
    return lines[:cut], notes


INDENT = 2     # em: a paragraph's first line is indented so
COLUMN_SLACK = 1.05   # a body line is this much wider than the measure at most (Latin and digits set loose)


def _column_notes(lines: list[RawLine], body_width: float, in_columns: bool) -> list[RawLine]:
    """The lines of a candidate note block up to where the body resumes in the next column, if any."""
    resume = _column_resumes(lines, body_width) if in_columns else None
    return lines if resume is None else lines[:resume]


def _column_resumes(written: list[RawLine], body_width: float) -> int | None:
    """Where the body resumes after a column's notes, in a text set in two columns with notes at the
    foot of each (`two_columns`), as PyMuPDF and pdftotext write a page column by column: after a
    note's finished last line, two lines no wider than the body's measure, one of them running at
    it, where notes run wider in their smaller type (lytton-1932: '…皆为有关联盟全体', '之事。',
    then '远东各有重大利益，又正为世界经济危机所困，');
    None when the notes run to the page's end."""
    text = [i for i, line in enumerate(written) if line.text.strip()]
    for before, at, after in zip(text, text[1:], text[2:], strict=False):
        lines = [written[at], written[after]]
        if any(read_label(line.text) for line in lines) or not FINISHED.search(written[before].text.rstrip()):
            continue
        widths = [line_width(line) for line in lines]
        if max(widths) <= body_width * COLUMN_SLACK and max(widths) >= body_width * FULL - INDENT:
            return at      # a line may end a paragraph the column before began ('…不便⑪。'), the next
            # open one (indented two em, which extractors do not write)
    return None


def two_columns(pages: tuple[Page, ...]) -> bool:
    """Whether the text's body is set in two columns (`_column_measure`)."""
    return bool(_column_measure(_body_widths(pages)))


def columns_side_by_side(pages: tuple[Page, ...]) -> bool:
    """Whether the extraction sets two columns side by side on its lines (`pdftotext -layout`): of
    the body's lines, `SIDE_BY_SIDE` or more hold two runs of text, `SIDE_TEXT` characters each or
    more, apart by three spaces or more (a one-column text's -layout extraction: 8% at most in the
    corpus, where notes are set in two columns; lytton-1932's two-column body: 29%)."""
    lines = [line.text for page in pages for line in page.body if line.text.strip()]
    apart = sum(1 for text in lines if any(len(text[:gap.start()].strip()) >= SIDE_TEXT
                                           and len(text[gap.end():].strip()) >= SIDE_TEXT
                                           for gap in COLUMNS_APART.finditer(text)))
    return bool(lines) and apart >= SIDE_BY_SIDE * len(lines)


COLUMNS_APART = re.compile(r"(?<=\S) {3,}(?=\S)")
SIDE_TEXT = 8
SIDE_BY_SIDE = 0.2


def _column_measure(widths: list[float]) -> float:
    """A column's measure where the text is set in two: one width is that of many of its lines
    (`COLUMN_SHARE`), a column of prose (`COLUMN_LEAST` em at least: no verse of five or seven
    characters a line), and lines across both columns (an abstract, a title) are over twice as
    wide; else 0."""
    overall = Counter(round(width) for width in widths).most_common(1)
    if not overall or overall[0][1] < COLUMN_SHARE * len(widths) or overall[0][0] < COLUMN_LEAST:
        return 0.0
    return float(overall[0][0]) if max(widths) > 2 * overall[0][0] else 0.0


def side_by_side(line: RawLine, later: tuple[RawLine, ...] | list[RawLine] = ()) -> list[RawLine]:
    """A note line holding short notes side by side, as plain pdftotext writes a row of them
    ('① 见档案甲。     ② 见档案乙。'): one piece per note, each keeping the raw line's number and
    its columns (the other notes' characters written as spaces), as edition/text/columns.py cuts two
    columns. Only bracketed and circled labels, each the next of the one before it, after a note's
    text that closes ('。', '）', '页') and a space, and not opening a `later` line of the block: a
    note citing the next ('此处引文与下注 ② 所引…', then '② 见档案乙。') or listing ('三说：① 甲说；
    ② 乙说；') is one note. ('…第 2 版' or '1 日改稱' never opens a piece.)

    >>> [piece.text for piece in side_by_side(RawLine(3, "① 见档案甲。  ② 见档案乙。 ③ 同上。"))]
    ['① 见档案甲。', '         ② 见档案乙。', '                 ③ 同上。']
    >>> [len(side_by_side(RawLine(3, text))) for text in ("① 见第 ③ 卷。", "① 甲。 ② 乙", "① 甲。 ② ③ 乙", "① 甲 ② 乙")]
    [1, 2, 2, 1]
    >>> len(side_by_side(RawLine(3, "① 此处引文与下注 ② 所引同出一书。"), [RawLine(4, "② 见档案乙。")]))
    1
    """
    read = read_label(line.text)
    if read is None or read[0].kind not in FRAMED:
        return [line]
    label, cuts, start = read[0], [], read[1]
    text_from = start          # where the text of the last note found begins
    for gap in re.finditer(r"(?<=\S)\s+", line.text[start:]):
        at = start + gap.end()
        following = read_label(line.text[at:])
        before = line.text[text_from:start + gap.start()].strip()
        if following and _follows(following[0], label) and before and CLOSES.search(before) \
                and not any((opens := read_label(other.text)) and opens[0] == following[0] for other in later):
            cuts.append((start + gap.start(), at))
            label, text_from = following[0], at + following[1]
    if not cuts:
        return [line]
    ends = [end for end, _ in cuts] + [len(line.text)]
    starts = [0] + [begin for _, begin in cuts]
    return [RawLine(line.number, " " * a + line.text[a:b]) for a, b in zip(starts, ends, strict=True)]


def _wraps_at_body_measure(lines: list[RawLine], body_width: float) -> bool:
    """Whether the first note of a candidate block wraps at the body's measure: more of its wrapped
    lines in the text's own script (a line with more text after it before the next label) are as
    wide as a full body line than wider. Notes are set in smaller type and wrap at a wider measure
    in characters, so such lines are body text and the label a heading's number ('1 背景' over the
    paragraphs of its section), not a note's."""
    after = [line for line in lines[1:] if line.text.strip()]
    following = next((i for i, line in enumerate(after) if read_label(line.text)), len(after))
    widths = [line_width(line) for line in after[:max(following - 1, 0)] if wide_share(line.text) >= OWN_SCRIPT]
    body = sum(1 for width in widths if body_width * FULL <= width <= body_width * NOTE_TYPE)
    return body >= 2 and body > sum(1 for width in widths if width > body_width * NOTE_TYPE)


def _symbol_footnotes(lines: list[RawLine]) -> int:
    """Where a page's footnotes labelled with a symbol begin in a text whose numbered notes are
    gathered as endnotes, or len(lines): a starred title note stays at the foot of its page
    (`∗ 本文按…` under the 提要 and 關鍵詞 of a thesis's front page, the endnotes after each
    chapter). A symbol line is such a note only when every symbol marker of its block stands in the
    body above it (after the title, `…及其影響∗`); a line opening with `∗` whose marker is not above
    is text."""
    body = "\n".join(line.text for line in lines)
    return next((cut for cut, block in _label_runs(lines)
                 if block[0].kind == "symbol" and _all_marked(body[:_offset(lines, cut)], block)), len(lines))


def _above_bare_label(lines: list[RawLine], cut: int, body_width: float, drafts: list[_Draft]) -> int:
    """Where the note block starts when it opens with a bare label and the note before is finished:
    above the unlabelled lines just over the label that are set in the notes' type, wider than a
    full body line (pdfminer.six writes a note's text above its label: '1909 年起，…赴美。', then
    '[2]'), or, when the label's note would be empty, the one line above it that is a sentence of
    its own. A body line above the label is as wide as the body's at most, and stays."""
    if cut == len(lines) or not _label_only(lines[cut]) or not _finished(drafts):
        return cut
    start = cut
    while start > 0 and (not lines[start - 1].text.strip() or _in_note_type(lines[start - 1], body_width)):
        start -= 1
    while start < cut and not lines[start].text.strip():
        start += 1
    below = next((line for line in lines[cut + 1:] if line.text.strip()), None)
    above = [i for i in range(cut) if lines[i].text.strip()]
    if start == cut and below is not None and read_label(below.text) and not _label_only(below) \
            and len(above) >= 2 and all(FINISHED.search(lines[i].text.rstrip()) for i in above[-2:]):
        # the label's note would be empty (the next note's label and text follow it, not a run of
        # bare labels whose texts come after them): its text is the one line just above, a sentence
        # of its own after one that ended (pdfminer.six: '1931 年冬至…一半以上。', '1', '2 日本學界…')
        start = above[-1]
    return start


def _finished(drafts: list[_Draft]) -> bool:
    """Whether the last note read so far is finished: lines without a label after it are another's."""
    return not drafts or not _carried_over(drafts)


def _in_note_type(line: RawLine, body_width: float) -> bool:
    """Whether the line is set in the notes' smaller type: wider in em than a full body line can be."""
    return line_width(line) > body_width * NOTE_TYPE


def _take_continuation(body: list[RawLine], notes: list[RawLine], body_width: float, drafts: list[_Draft],
                       page: Page) -> tuple[list[RawLine], list[RawLine]]:
    """The lines just above a page's note block that go on the previous page's unfinished last note:
    set in the notes' smaller type, they hold more characters than a body line, but for the last
    (pdftotext places them after the body, without a label). Widths are of printed lines: the
    pieces pdftotext writes apart at a title mark (`…委员会编：`, `《较场口事件》`, `，重庆出版`) are one."""
    starts: list[int] = []
    widths: list[float] = []
    for at, line in enumerate(body):
        if starts and line.text.strip() and goes_on_printed_line(body[at - 1].text, line.text):
            widths[-1] += line_width(line)
        else:
            starts.append(at)
            widths.append(line_width(line))
    wide = [width > body_width * NOTE_TYPE for width in widths]
    cut = len(starts) - 1 if len(starts) > 2 and wide[-2] else len(starts)   # its last line may be short
    while cut > 1 and wide[cut - 1]:
        cut -= 1
    if cut >= len(starts) - 1 and not (wide and wide[-1]):
        return body, notes
    cut = starts[cut] if cut < len(starts) else len(body)
    owner = next(d for d in reversed(drafts) if d.page is not page)
    owner.lines[len(owner.lines):] = body[cut:]
    return body[:cut], body[cut:] + notes


def line_width(line: RawLine) -> float:
    """The line's printed width in em, spaces left out: a digit or a Latin letter is half as wide as a
    Chinese character ('2006-12-19，2007 年' is not a long line)."""
    return em_width("".join(line.text.split()))


COLUMN_SHARE = 0.4   # lines of one width in a text set in two columns, at least: the columns' measure
COLUMN_LEAST = 12    # em: a column of prose is this wide at least


def full_body_width(pages: tuple[Page, ...]) -> float:
    """A full line of the body in em: the most common width of the lines at least half as wide as
    the widest (full lines are the most alike; a text with many short lines, list items or table
    cells, has its median far below). Only lines mostly in the text's own script count: pdftotext
    joins a Latin abstract's printed lines into lines of 60 em and more, and half of those is wider
    than any body line. A text set in two columns has its columns' measure (`_column_measure`): it
    prints its abstract across both, over twice a column's width."""
    return _full_width(_body_widths(pages))


def _body_widths(pages: tuple[Page, ...]) -> list[float]:
    """The widths of the body's lines mostly in the text's own script."""
    return [line_width(line) for page in pages for line in page.body if wide_share(line.text) >= OWN_SCRIPT]


def _full_width(widths: list[float]) -> float:
    column = _column_measure(widths)
    if column:
        return column      # two columns, an abstract across both (lytton-1932: 20 em, 45 em)
    common = Counter(round(width) for width in widths if width >= max(widths, default=0) / 2).most_common(1)
    return float(common[0][0]) if common else 0.0


def _offset(lines: list[RawLine], cut: int) -> int:
    return sum(len(line.text) + 1 for line in lines[:cut])


def _last_number(drafts: list[_Draft]) -> int:
    """The number of the last numbered note (a symbol note does not count)."""
    return next((d.label.number for d in reversed(drafts) if d.label.kind != "symbol"), 0)


def _block_labels(lines: list[RawLine]) -> list[Label]:
    """The labels of a candidate note block: it opens with a label, and the later labels of the
    same kind that go on its sequence (a number of another kind or out of sequence, '209 頁' in a
    wrapped note, is text of the note above); [] when the first line has no label."""
    first = read_label(lines[0].text)
    if not first:
        return []
    labels = [first[0]]
    for line in lines[1:]:
        read = read_label(line.text)
        if read and read[0].kind == first[0].kind and (read[0].kind == "symbol" or
                                                       read[0].number == labels[-1].number + 1):
            labels.append(read[0])
    return labels


def _shape(label: Label) -> tuple[str, str]:
    """How a label is written, its number aside: ('digits', '#）'), ('bracket', '[#]')."""
    return label.kind, re.sub(r"\d+", "#", label.text)


def _marked_shapes(pages: tuple[Page, ...]) -> set[tuple[str, str]]:
    """The shapes of the labels that open a run of notes in sequence whose first marker stands in
    the body above, on any page: how the text writes its notes' labels."""
    shapes = set()
    for page in pages:
        lines = list(page.body)
        body = "\n".join(line.text for line in lines)
        shapes |= {_shape(block[0]) for cut, block in _label_runs(lines)
                   if _has_marker(body[:_offset(lines, cut)], block[0], block[1:2])}
    return shapes


def _label_runs(lines: list[RawLine]) -> list[tuple[int, list[Label]]]:
    """Every line of a page's body but the first that opens a run of note labels, with the run
    (`_block_labels`): where a note block could begin."""
    return [(cut, block) for cut in range(1, len(lines)) if (block := _block_labels(lines[cut:]))]


def _opens_note(label: Label, drafts: list[_Draft]) -> bool:
    """Whether a line labelled so opens a note after the notes read so far: numbered 1 or next, or
    a symbol, and of a kind that can follow them. Notes labelled [1] or ① are not followed by one
    labelled with bare digits: a line that opens with a number after them is text, a wrapped note
    line ('[3] …在 1840 年' then '4 月 7 日大英國會…') or a list item of the body ('1） 清政府赔偿…',
    which must not open the page's note block)."""
    if label.kind == "digits" and drafts and drafts[-1].label.kind in ("bracket", "circled"):
        return False
    return label.kind == "symbol" or label.number in (1, _last_number(drafts) + 1)


@dataclass
class _Held:
    """A bare label held until the note it follows opens, and where it stood: in `owner`'s lines at `at`."""
    label: Label
    line: RawLine
    start: int
    owner: _Draft | None
    at: int


def _read_block(page: Page, lines: list[RawLine], drafts: list[_Draft]) -> None:
    """The block's notes appended to `drafts`: each labelled line opens a note, the lines after it
    are its own; unlabelled lines before the first label go on the note before (continued from the
    page before), or, when that is finished and the first label is bare, are that label's text
    written above it (`_above_bare_label`)."""
    first = next((i for i, line in enumerate(lines) if read_label(line.text)), len(lines))
    read = read_label(lines[first].text) if first < len(lines) else None
    bare = read is not None and _label_only(lines[first]) and _opens_note(read[0], drafts)
    above = lines[:first] if bare and _finished(drafts) else []
    held: list[_Held] = []      # bare labels written above the note they follow
    current = drafts[-1] if drafts else None
    for at, line in enumerate(lines[len(above):], len(above)):
        read = read_label(line.text)
        if read and _opens_note(read[0], drafts):
            current = _Draft(read[0], page, line, [line] + above, read[1])
            drafts.append(current)
            above = []
            label = read[0]
            while (after := next((h for h in held if _follows(h.label, label)), None)) is not None:
                drafts.append(_Draft(after.label, page, after.line, [after.line], after.start))  # text: `_distribute`
                held.remove(after)
                label = after.label       # '③', '②' above '①': each after the one it follows
        elif read and _label_only(line) and _written_above(read[0], lines[at + 1:]):
            held.append(_Held(read[0], line, read[1], current, len(current.lines) if current else 0))
        elif current is not None:
            current.lines.append(line)   # a wrapped line of the note above, or continued from the page before
    for waiting in reversed(held):      # the note it follows never opened: read where it stands, as before
        if waiting.owner is not None:
            waiting.owner.lines.insert(waiting.at, waiting.line)


def _follows(label: Label, before: Label) -> bool:
    """Whether the note labelled `label` is the next after the one labelled `before`."""
    return label.kind == before.kind and label.number == before.number + 1 and (
        _series(label) == _series(before) if label.kind == "circled" else _shape(label) == _shape(before))


def _series(label: Label) -> int:
    """Which series of circled numbers a circled label is written in (① or ➀ or ❶ or ➊)."""
    return next(i for i, series in enumerate(CIRCLED_SERIES) if label.text in series)


def _written_above(label: Label, later: list[RawLine]) -> bool:
    """Whether a bare label that opens no note where it stands is written above the note it follows
    (pdfminer.six: '➁' alone, then '➀ 在 1937 年…' and both notes' lines): a later line of the
    block opens that note."""
    labels = [read[0] for line in later if (read := read_label(line.text))]
    # the same label below, at a line's start or beside another note ('① 见档案甲。    ② 见档案乙。'):
    # this one is a marker set apart in the body
    again = re.compile(rf"(?:^|\s){re.escape(label.text)}" if label.kind == "digits" else re.escape(label.text))
    return label.kind != "symbol" and label.number > 1 and any(_follows(label, other) for other in labels) \
        and not any(again.search(line.text.strip()) for line in later)


def _distribute(drafts: list[_Draft]) -> None:
    """Give a run of bare labels their texts, where the extractor wrote the labels first and the
    texts after them (pdfminer.six: `1`, `2`, `3`, then three notes' lines). A wrapped note line
    fills the measure, so the lines are cut after the shortest ones, as many cuts as notes less one.
    When the note before the run is unfinished, its last line full and closing nothing, the run's
    first lines are its own (pdfminer.six: '9' and '10' written together in the middle of note 8's
    lines, '5' and '6' together after note 4's first line): they go on it, as many cuts as notes."""
    start = 0
    while start < len(drafts):
        end = start
        while end < len(drafts) and not _draft_text(drafts[end]) and len(drafts[end].lines) == 1:
            end += 1
        if end > start and end < len(drafts) and not _draft_text(drafts[end]):
            end += 1   # the last bare label holds every line written after the run
        run = drafts[start:end]
        if len(run) > 1 and len(run[-1].lines) - 1 >= len(run):
            before = drafts[start - 1] if start else None
            if before is not None and before.page is run[0].page and _unfinished(before, drafts) \
                    and _note_ends(run[-1].lines[1:], drafts, before.page) > len(run):
                _share([before, *run], keep_first=True)
            else:
                _share(run)
        start = max(end, start + 1)
    for at, before in enumerate(drafts):
        # labels written after their notes' text, which then reads as the end of the note above
        # (pdfminer.six: '➀ 在 1937 年…', '…210 個步兵師。', '1945 年 9 月，八路军…', then '➁' alone):
        # the notes end on that note's shortest lines but the last, a line that closes counted shorter
        # ('[4] …时任公使团领袖。' ends note 4, not '1901 年 9 月 7 日为星期六。…由同一使馆' below it)
        bare = list(itertools.takewhile(functools.partial(_bare_on, before.page), drafts[at + 1:]))
        if bare and len(before.lines) > len(bare):
            cuts = sorted(sorted(range(len(before.lines) - 1),
                                 key=lambda i: (_ending_width(before.lines[i]), i))[:len(bare)])
            lines = before.lines
            before.lines = lines[:cuts[0] + 1]
            for draft, start, end in zip(bare, cuts, [*cuts[1:], len(lines) - 1], strict=True):
                draft.lines = [draft.label_line] + lines[start + 1:end + 1]


def _bare_on(page: Page, draft: _Draft) -> bool:
    """Whether `draft` is a bare label with no text yet, on `page`."""
    return not _draft_text(draft) and len(draft.lines) == 1 and draft.page is page


def _ending_width(line: RawLine) -> float:
    """The line's width as a note's last line: a line that closes (a full stop, a bracket, a page
    number) counts CLOSING_EM shorter, for a note mostly ends on one: '…的国家认同》' ends its note
    where '…日本交流协会，2012 年 6 月', as wide, goes on. The width counts the gaps print sets beside
    digits and Latin ('至 5 月 6 日…' is wider than its characters), wherever the extractor wrote them."""
    return unspaced_width(line.text) - (CLOSING_EM if CLOSES.search(line.text.rstrip()) else 0)


def _draft_text(draft: _Draft) -> str:
    return draft.label_line.text[draft.start:].strip()


def _runs_on(line: RawLine, following: RawLine) -> bool:
    """Whether `line` wraps a Latin sentence that `following` goes on with ('…Mass.: East Asian',
    then 'Research Center, Harvard University, 1970;'): a note does not end on a word with no stop
    when the next line opens with a word. Its width says nothing here: extractors leave the word
    spaces out and a proportional font sets its letters narrower or wider than half an em."""
    return bool(LATIN_RUNS_ON.search(line.text.rstrip())) and bool(LATIN_OPENS.match(following.text.lstrip("\f ")))


def _unfinished(draft: _Draft, drafts: list[_Draft]) -> bool:
    """Whether a note's last line is full and ends on no closing mark, so that the note may go on past
    it: digits do not close here (a date or a page cut at the line's end: '…一说出自蔣中正 8 月 16',
    then '日致張學良…'; 'Volume II, p491', then 'ISBN …')."""
    last = draft.lines[-1].text.rstrip()
    return len(draft.lines) > 1 and unspaced_width(last) >= FULL * _page_measure(drafts, draft.page) \
        and not SENTENCE_CLOSES.search(last)


def _note_ends(lines: list[RawLine], drafts: list[_Draft], page: Page) -> int:
    """How many notes `lines` can end: its short or closing lines, and its last. A run of bare labels
    gives the note above it lines only when they end one note more than the run has labels (a note
    ending on a year, a URL or a Latin title is finished too: then they end as many as it has)."""
    measure = _page_measure(drafts, page)
    return 1 + sum(1 for line in lines[:-1]
                   if unspaced_width(line.text) < FULL * measure or CLOSES.search(line.text.rstrip()))


def _page_measure(drafts: list[_Draft], page: Page) -> float:
    """The widest note line of `page` in em: a full line of its notes."""
    return max((unspaced_width(line.text) for other in drafts if other.page is page for line in other.lines[1:]),
               default=0.0)


def _share(run: list[_Draft], keep_first: bool = False) -> None:
    """The last draft's lines cut among the drafts of `run` (`keep_first`: the first draft keeps its
    own lines and takes the first share after them)."""
    lines = run[-1].lines[1:]
    widths = _ending_widths(lines)
    # a note ends on one of its shortest lines: cut after the len(run) - 1 shortest (a tie: the earlier),
    # a line whose printed line goes on (a Latin sentence, a piece pdftotext wrote apart) last of all
    shortest = sorted(range(len(lines) - 1),
                      key=lambda i: (_goes_on(lines[i], lines[i + 1]), widths[i], i))[:len(run) - 1]
    bounds = [0] + sorted(i + 1 for i in shortest) + [len(lines)]
    for at, (draft, (a, b)) in enumerate(zip(run, zip(bounds, bounds[1:], strict=False), strict=True)):
        draft.lines = (draft.lines if keep_first and at == 0 else [draft.label_line]) + lines[a:b]


def _goes_on(line: RawLine, following: RawLine) -> bool:
    """Whether `following` goes on the sentence or the printed line `line` holds: no note ends there."""
    return _runs_on(line, following) or goes_on_printed_line(line.text, following.text)


def _ending_widths(lines: list[RawLine]) -> list[float]:
    """Each line's `_ending_width` as the end of its printed line, the pieces pdftotext wrote apart
    before it counted in (`goes_on_printed_line`): '…（道光朝）' then '》卷七十一，…第 12—15' is one
    full line, no short one that could end a note."""
    widths: list[float] = []
    start = 0
    for i, line in enumerate(lines):
        if i and not goes_on_printed_line(lines[i - 1].text, line.text):
            start = i
        widths.append(_ending_width(RawLine(line.number, "".join(piece.text.strip() for piece in lines[start:i + 1]))))
    return widths


def _has_marker(body: str, label: Label, following: list[Label]) -> bool:
    return _find_marker(body, 0, label, following) is not None


def _all_marked(body: str, labels: list[Label]) -> bool:
    """Whether the markers of all `labels` stand in `body`, in their order."""
    cursor = 0
    for position, label in enumerate(labels):
        hit = _find_marker(body, cursor, label, labels[position + 1:position + 2])
        if hit is None:
            return False
        cursor = hit[0] + hit[1]
    return True


def _find_marker(text: str, cursor: int, label: Label, following: list[Label]) -> tuple[int, int] | None:
    """(start, length) of the first marker of `label` in `text` from `cursor`, or None. A numbered
    note's marker is found printed as superscript digits (`¹²`) or as digits the extractor lowered."""
    if label.kind not in ("digits", "superscript"):
        starts = [_framed_marker(text, cursor, form) for form in label.marker_forms()]
        start = min((s for s in starts if s >= 0), default=-1)
        return (start, len(next(f for f in label.marker_forms() if text.startswith(f, start)))) if start >= 0 else None
    hits = [hit for hit in (_superscript_marker(text, cursor, label, following),
                            _digit_run_marker(text, cursor, label, following)) if hit]
    return min(hits) if hits else _line_end_marker(text, cursor, label)


def _framed_marker(text: str, cursor: int, form: str) -> int:
    """Where `form` ('〔3〕', '②', '(3)') first stands in `text` from `cursor` as a note's marker, or
    -1. A number in parentheses is also how an enumeration inside a sentence or a list item is
    labelled ('有三：(1)战时宣传，(2)国会压力', a line opening '(1) 战时…'): a marker follows a word or
    a closing mark, never a pause, a colon or a line's start."""
    start = text.find(form, cursor)
    while form[0] in LIST_BRACKETS and start >= 0 and (start == 0 or text[start - 1] in ENUMERATION_BEFORE):
        start = text.find(form, start + 1)
    return start


def _line_end_marker(text: str, cursor: int, label: Label) -> tuple[int, int] | None:
    """The label's number alone at a line's end after closing punctuation ('省巡抚。2', then '日索
    交台湾…' on the next line), read as a marker when nothing else is: the next line's first
    character would otherwise make it a day ('2日')."""
    found = re.compile(rf"(?<=[。，；：！？」』”’）)])\s?{label.number}(?=\n)").search(text, cursor)
    return (found.end() - len(str(label.number)), len(str(label.number))) if found else None


def _superscript_marker(text: str, cursor: int, label: Label, following: list[Label]) -> tuple[int, int] | None:
    """The first superscript run from `cursor` that is the label's number, alone or glued to the
    next note's ('¹⁴¹⁵' for notes 14 and 15)."""
    wanted = str(label.number).translate(TO_SUPERSCRIPT)
    after = str(following[0].number).translate(TO_SUPERSCRIPT) if following else None
    for run in re.finditer("[⁰¹²³⁴⁵⁶⁷⁸⁹]+", text[cursor:]):
        rest = run.group()[len(wanted):]
        if run.group().startswith(wanted) and (not rest or (after and rest.startswith(after))):
            return cursor + run.start(), len(wanted)
    return None


def _digit_run_marker(text: str, cursor: int, label: Label, following: list[Label]) -> tuple[int, int] | None:
    for run in re.finditer(r"\d+", text[cursor:]):
        start, end = cursor + run.start(), cursor + run.end()
        length = _digit_marker(text, start, end, label, following)
        if length:
            return start, length
    return None


def _digit_marker(text: str, start: int, end: int, label: Label, following: list[Label]) -> int:
    """How many digits of the run text[start:end] are the marker of `label`; 0 if none."""
    digits, wanted = text[start:end], str(label.number)
    before = text[:start].rstrip(" ")[-1:]
    if not digits.startswith(wanted) or (before in NOT_AFTER
                                         and text[:start].rstrip(" ")[-2:] not in NUMBERS_NOTHING):
        return 0
    after = text[start + len(wanted):start + len(wanted) + 1]
    if after and ((before in ("", "\n") and after in ".．、)）") or (after in ".．" and digits == wanted)):
        return 0   # a list label '2.' or a decimal point
    glued = digits[len(wanted):]
    # a run between two of 年, 月, 日 is a date's number ('8 月 23 日' with notes 2 and 3 on the page),
    # no consecutive markers; after other text it may be a marker and a month ('山海關。12 月下旬')
    dated = before in DATE_UNITS and text[end:].lstrip(" ")[:1] in DATE_UNITS
    if glued and not dated and following and following[0].kind in ("digits", "superscript") \
            and glued.startswith(str(following[0].number)):
        return len(wanted)   # '141516': markers of consecutive notes, glued
    return marker_length(text, start, end, label.number)


def _link(found: NoteFinding, drafts: list[_Draft]) -> None:
    """Each note's marker: on the note's own page for footnotes, anywhere after the previous
    marker for endnotes; markers then numbered in reading order."""
    streams = {page.index: _stream_of((page,)) for page in found.pages}
    page_of = {line.number: page.index for page in found.pages for line in page.body}
    everything = _stream_of(found.pages)
    cursors: dict[int, int] = {}
    linked: list[tuple[tuple[int, int], Marker, _Draft]] = []
    for position, draft in enumerate(drafts):
        text, where = everything if found.endnotes else streams[draft.page.index]
        key = 0 if found.endnotes else draft.page.index
        # the next note, when its marker can stand glued to this one: next in number, same page
        after = [d.label for d in drafts[position + 1:position + 2] if d.label.number == draft.label.number + 1
                 and (found.endnotes or d.page.index == draft.page.index)]
        hit = _find_marker(text, cursors.get(key, 0), draft.label, after)
        if hit is None:
            found.unmatched.append((draft.label_line.number, f"note {draft.label.text} (page {draft.page.printed}) "
                                                             "has no marker in the body"))
            continue
        start, length = hit
        cursors[key] = start + length
        line, column = where[start]
        marker = Marker(draft.label.number, page_of[line], line, column, text[start:start + length])
        linked.append(((line, column), marker, draft))
    linked.sort(key=lambda item: item[0])
    for number, (_, marker, draft) in enumerate(linked, 1):
        found.markers.append(marker)
        found.notes.append(_note(number, draft))


def _note(number: int, draft: _Draft) -> Note:
    first = draft.label_line.text[draft.start:]
    text = "\n".join([first] + [line.text for line in draft.lines[1:]])
    label = "" if draft.label.text == str(draft.label.number) else draft.label.text
    return Note(number, draft.label.number, draft.page.printed, text, tuple(line.number for line in draft.lines),
                draft.label_line.number, label=label)


def _stream_of(pages: tuple[Page, ...]) -> tuple[str, list[tuple[int, int]]]:
    """The body lines as one string, lines joined by newlines, with each character's (line, column)."""
    flat: list[str] = []
    where: list[tuple[int, int]] = []
    for page in pages:
        for line in page.body:
            for column, char in enumerate(line.text + "\n"):
                flat.append(char)
                where.append((line.number, column))
    return "".join(flat), where
