"""Stage 2, after page cutting: a note area set in two columns, read column by column.

In: pages from `edition.text.pages` (their notes still in the body). Out: the same pages, where a
page's foot holds notes set in two columns (LaTeX's dblfnote, in the notes' smaller type), with the
area's lines in reading order: the left column's lines, then the right's. Two ways an extractor
writes such an area:

- side by side on each line (`pdftotext -layout`: '〔8〕条约各条大意如下：      第三条，…'): each line
  is cut at the gap between the columns, a line indented to the right column is the right's;
- interleaved, with no gap to cut at (plain pdftotext row by row, now and then one row on one line
  '…俄方遂以 〔6〕奕山…'; pdfminer.six box by box): which column each line is in is searched for,
  the reading in which the notes' labels number on, each note's lines run full to its last, and
  its brackets and list items pair and number on (`interleaved_area`). Where another reading
  does as well but for the order the extractor would have written the rows in, the area is read
  left line first and add-text reports it (`doubtful_note_columns`).

A piece keeps its raw line's number and its columns, the other column's characters written as
spaces, so that every later stage and the raw-order check read it against its raw line. Never
changes or drops a character; a page without such an area is returned as it is.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from edition.core.inputs import RawLine
from edition.core.model import Page
from edition.text.breaks import COLONS, ITEM_ENDS
from edition.text.footnotes import CLOSES, FRAMED, Label, full_body_width, line_width, read_label
from edition.text.headings import CN, chinese_number
from edition.text.printed import NEVER_OPENS, OPENING_MARKS, PAIRS, em_width, goes_on_printed_line

# The gap between two columns on one line: text, then two spaces or more, or one space before a
# bracketed or circled note label ('…另有 〔2〕穆拉维约夫'); not a label's own gap ('[1]   條約…'),
# which no text precedes, nor a label glued to the body's text ('…总督〔2〕 ，授以').
COLUMN_GAP = re.compile(r"(?<=\S)(?: {2,}| (?=\S))")
LAID_OUT = re.compile(r"^ {2,}\S|\S {2,}\S")
LEFT_TEXT = 2        # characters of text a left column's piece has at least before its gap
# A left column's line unbroken may be this much wider than its widest piece (its brackets set
# narrow: '〔5〕本节所述谈判经过，…' is 24 em as written, 22 as printed), a body line is wider still.
COLUMN_SLACK = 1.2
RIGHT_INDENT = 0.5   # a line indented past this share of where right columns start is the right's alone


def read_note_columns(pages: tuple[Page, ...]) -> tuple[Page, ...]:
    """Each page with its two-column note area, if any, read left column first."""
    body_width = full_body_width(pages)
    return tuple(_read_page_columns(page, body_width)[0] for page in pages)


def doubtful_note_columns(pages: tuple[Page, ...]) -> list[tuple[int, str]]:
    """(raw line, sentence) for each page whose two-column note area another order reads as well
    as the one read: an editor checks it against the printed page (add-text's report)."""
    body_width = full_body_width(pages)
    found = []
    for page in pages:
        read, doubtful = _read_page_columns(page, body_width)
        if doubtful is not None:
            area = [line for line in read.body if line.number >= doubtful]
            labels = [unit.label.text for unit in _units(area) if unit.label]
            found.append((doubtful, DOUBTFUL.format(notes=f"{labels[0]}–{labels[-1]}" if labels else "")))
    return found


DOUBTFUL = ("a note area set in two columns (notes {notes}), its columns' lines written interleaved, reads as "
            "well in another order: it is read as pdftotext most often writes rows, each row's left line first; "
            "check those notes against the printed page (a note read wrong is mended by a replace with note: N "
            "in sources/corrections.yml)")


def _read_page_columns(page: Page, body_width: float) -> tuple[Page, int | None]:
    """The page with its note area in columns read in order, and the area's first raw line where
    that reading is doubtful."""
    lines = list(page.body)
    start = _area_start(lines)
    if start is not None and _laid_out(lines[start:]):
        return replace(page, body=tuple(lines[:start] + _column_order(lines[start:]))), None
    interleaved = interleaved_area(lines, body_width)
    if interleaved is None:
        return page, None
    start, order, doubtful = interleaved
    return replace(page, body=tuple(lines[:start] + order)), lines[start].number if doubtful else None


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


def _laid_out(area: list[RawLine]) -> bool:
    """Whether the extractor set the area's lines where they stand (`pdftotext -layout`: columns
    apart by two spaces or more, a right column's line alone indented to it), so that a line's
    column is read from its spaces; plain pdftotext sets one space at most."""
    return any(LAID_OUT.search(line.text) for line in area)


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


# A note area in two columns that the extractor wrote with no gap to cut at: plain pdftotext writes
# the two columns' lines interleaved row by row (the left column's and the right's at one height,
# either first: '〔3〕即尼古拉耶夫斯克哨所…', '（咸丰朝）》所收奕山奏折…', '〔4〕克里米亚战争中…'), now
# and then one row's two lines on one line ('…俄方遂以 〔6〕奕山（1790—1878）', cut as above);
# pdfminer.six writes them box by box. Which column each line is in is read from what a column of
# notes is: its labels number on one by one, the left column's then the right's; a line that is not
# full (or that closes a sentence) ends a note or a paragraph, so the next line of its column opens
# one; the columns end level; and each note's brackets pair and its list items number on from one.
NARROW = 0.85        # an area's lines are at most this share of a full body line: two columns of notes
FULL_COLUMN = 0.85   # this share of the column's width or wider is full (a first line indented two em too)
MAX_AREA = 24        # lines in an area the search reads; a larger one is left as written
MARGIN = 0.25        # what two columns must read better by than the order written: half a line at least
SLACK = 1.0          # readings this much dearer line by line than the cheapest are ranked too
READINGS = 2000      # readings so ranked at most; an area with more alike is left as written
EARLIER = 2          # right column lines written before the left column's first label, at most
FOLLOWS = {"full": 0.0, "closed": 0.5, "short": 1.0}   # what a line not opening a note costs after one
# To choose between readings whose notes read alike: the order they say the extractor wrote the
# lines in, how far from an order an extractor writes (`_order_misfit`), then how far from the
# order pdftotext writes most often (each row's left line first). Where only the last tells two
# readings apart, the area is doubtful: both its columns run full, alike, and either reads.
MISFIT = 0.01
INVERSION = 0.0001   # below half a MISFIT for any area's rows (MAX_AREA)
ALIKE = 0.008        # readings this close are alike: one explained row by row, the other box by box
SHORT_EARLIER = 0.004   # what a reading taking short lines written before the area must be better by
CLOSING_MARKS = "」』》”’）"
ITEM_CLOSES = ITEM_ENDS | COLONS   # a list item may end on these, its next one opening the next line


@dataclass(frozen=True)
class _Unit:
    """A line of the area, or a piece of a line cut at its gap (its column then decided)."""
    line: RawLine
    side: str | None          # "L" or "R" for a cut line's pieces
    label: Label | None
    width: float
    text: str


@dataclass(frozen=True)
class _Reading:
    """An area read in two columns: its cost, its lines in reading order, and whether another order
    reads as well but for the order pdftotext writes rows in (the left line of a row first)."""
    cost: float
    lines: list[RawLine]
    doubtful: bool


@dataclass(frozen=True)
class _Printed:
    """A printed line of one column: the units pdftotext wrote of it (cut where punctuation meets)."""
    first: int                # index of its first unit
    width: float
    last: str                 # its last unit's text


def interleaved_area(lines: list[RawLine], body_width: float) -> tuple[int, list[RawLine], bool] | None:
    """Where the page's interleaved two-column note area begins, its lines as read, left column
    then right, and whether another reading reads as well (see `_Reading`); or None: no area of
    framed labels whose lines are all narrow, or no reading of it in two columns better than the
    order it is written in. The right column's first lines may be written before the left one's
    first label (pdftotext writing a row's right line first), no wider than the area's column and
    no label: the reading that takes them, where it is better (where they are full lines, no
    worse), is the reading; the order written leaves them to the body. Where a reading taking short
    ones reads as well as one leaving them, the area is doubtful."""
    start = _narrow_start(lines, body_width)
    if start is None:
        return None
    written = _one_column_cost(lines[start:], "".join(line.text for line in lines[:start]))
    column = max(unit.width for unit in _units(lines[start:]))
    found: tuple[_Reading, int] | None = None
    doubtful = False
    for earlier in range(start, max(start - EARLIER, 0) - 1, -1):
        line = lines[earlier]
        if earlier < start and (read_label(line.text) or not line_width(line) <= column):
            break
        reading = _read_interleaved(lines[earlier:], written)
        if reading is None:
            continue
        full = all(FULL_COLUMN * column <= line_width(taken) for taken in lines[earlier:start])
        if found is None or reading.cost <= found[0].cost - (0 if full else SHORT_EARLIER):
            found, doubtful = (reading, earlier), False
        elif reading.cost < found[0].cost + ALIKE:
            doubtful = True
    if found is None:
        return None
    return found[1], found[0].lines, doubtful or found[0].doubtful


def _narrow_start(lines: list[RawLine], body_width: float) -> int | None:
    """The first line opening with a framed label from which every line to the page's foot is
    narrow (its pieces, where it is cut at a gap), none a label alone, and two labels of its kind
    or more stand."""
    if body_width <= 0:
        return None
    for start, line in enumerate(lines):
        label = read_label(line.text)
        if label is None or label[0].kind not in FRAMED:
            continue
        area = lines[start:]
        units = _units(area)
        if len(area) > MAX_AREA or any(unit.width > NARROW * body_width or _bare(unit) for unit in units):
            continue
        if sum(1 for unit in units if unit.label and unit.label.kind == label[0].kind) >= 2:
            return start
    return None


def _bare(unit: _Unit) -> bool:
    """A label alone on its line: an extractor that writes labels apart from their notes (pdfminer.six
    in one column: edition/text/footnotes.py reads those), not a two-column area's line."""
    label = read_label(unit.text)
    return label is not None and not unit.text[label[1]:].strip()


def _units(area: list[RawLine]) -> list[_Unit]:
    units = []
    for line in area:
        pieces = split_columns(line.text)
        for side, text in zip("LR", pieces, strict=True) if pieces else [(None, line.text)]:
            label = read_label(text.strip())
            framed = label[0] if label and label[0].kind in FRAMED else None
            piece = RawLine(line.number, text)
            units.append(_Unit(piece, side, framed, line_width(piece), text.strip()))
    return units


def _read_interleaved(area: list[RawLine], written: float) -> _Reading | None:
    """The area's lines read in two columns, or None where the order the extractor wrote (costing
    `written`, read as one column) reads as well, no reading numbers its notes one by one, or too
    many read alike to choose between."""
    units = _units(area)
    if not units or not any(unit.label for unit in units):
        return None
    search = _Search(units, max(unit.width for unit in units))
    least = search.cost_to_go(search.START)
    if least >= written - MARGIN:
        return None
    readings = search.readings(least + SLACK)
    if readings is None:
        return None
    ranked = sorted((search.whole_cost(sides) + (_in_order(units, sides),) for sides in readings), key=lambda r: r[0])
    cost, filled, order = ranked[0]
    if cost >= written - MARGIN or (written < math.inf and not filled):
        return None     # where one column reads too, each column of two opens a note or runs to its measure
        # somewhere: short notes with paragraphs of their own are one ('〔1〕此据俄文本。', '中文本…。')
    second = min((other for other, _, lines in ranked[1:] if lines != order), default=math.inf)
    return _Reading(cost, order, second - cost < ALIKE)


def _in_order(units: list[_Unit], sides: list[str]) -> list[RawLine]:
    """The area's lines (or pieces) in the order `sides` reads them: the left column, then the right."""
    return [unit.line for side in "LR" for unit, placed in zip(units, sides, strict=True) if placed == side]


def _one_column_cost(area: list[RawLine], body: str) -> float:
    """What the area costs read as one column, as written (each line whole), or infinity when the
    labels opening its lines do not number on. A label after a space inside a line whose marker the
    page's `body` does not hold is a number its note cites ('① 参见下页注 ② 所引档案。'): the
    labels may skip it."""
    pieces = _units(area)
    opening = {unit.line.number: unit.label for unit in reversed(pieces)}     # each line's first piece's
    units = [_Unit(line, None, opening[line.number], line_width(line), line.text.strip()) for line in area]
    if units[0].label is None:
        return math.inf
    inside = [unit.label for unit in pieces if unit.side == "R" and unit.label]
    if any(label.text in body for label in inside):
        return math.inf      # a note's label: its marker stands in the body
    cited = {label.number for label in inside}
    numbers = [unit.label.number for unit in units if unit.label]
    if any(b <= a or set(range(a + 1, b)) - cited for a, b in zip(numbers, numbers[1:], strict=False)):
        return math.inf
    column = max(unit.width for unit in units)
    cost, last = 0.0, None
    for index, unit in enumerate(units):
        step = _add(last, unit, index, column)
        if step is None:
            return math.inf
        cost, last = cost + step[0], step[1]
    return cost + _disorder(units, ["L"] * len(units))


def _line_kind(line: _Printed, column: float) -> str:
    """A printed line of a column is full (its note goes on), closed (ends a sentence) or short; a
    label alone on its line is full, its note's text on the next ('①' then '《解放日报》…')."""
    label = read_label(line.last)
    if label is not None and line.last == line.last[:label[1]].rstrip():
        return "full"
    if line.width < FULL_COLUMN * column:
        return "short"
    return "closed" if CLOSES.search(line.last) else "full"


def _follow_cost(before: _Printed, unit: _Unit, column: float) -> float:
    """What `unit` costs on the line after `before` in its column: a note's label or a list item
    ('第三条，…') after a full line that does not end a clause, a line going on after one that is
    not full (a paragraph inside a note) or that closes a sentence."""
    kind = _line_kind(before, column)
    if unit.label is not None or ITEM.match(unit.text):
        return 1.0 if kind == "full" and before.last[-1:] not in ITEM_CLOSES else 0.0
    return FOLLOWS[kind]


def _add(last: _Printed | None, unit: _Unit, index: int, column: float) -> tuple[float, _Printed, int] | None:
    """`unit` added to a column whose last printed line is `last`: its cost, the column's last
    printed line then and the rows it adds (0 where it goes on `last`), or None where it cannot go
    (a line no printed line opens with, with no line above it in the column)."""
    if last is not None and unit.label is None:
        if goes_on_printed_line(last.last, unit.text) or (
                last.last[-1:] in CLOSING_MARKS and unit.text[:1] in OPENING_MARKS
                and last.width + unit.width <= column):
            return 0.0, _Printed(last.first, last.width + unit.width, unit.text), 0
    if unit.text[:1] in NEVER_OPENS:
        return None
    cost = _follow_cost(last, unit, column) if last is not None else 0.0
    return cost, _Printed(index, unit.width, unit.text), 1


# A state of the search once some units are read: the next unit's index, each column's last printed
# line, the left column's rows less the right's, the label numbers (`_numbers_after`), and whether
# the right column's first unit opens a note or an item (1), goes on (0), or is still to come (-1).
_State = tuple[int, "_Printed | None", "_Printed | None", int, tuple[int, int, int], int]


class _Search:
    """The readings of an area as two columns, each unit in the left or the right column in the
    order written. Its cost as one reading sees it line by line (`cost_to_go`, remembered by state,
    so that an area of alike lines costs no more than its states) ranks them; among the cheapest,
    the one whose notes read in order wins (`whole_cost`)."""

    START: _State = (0, None, None, 0, (0, 0, 0), -1)

    def __init__(self, units: list[_Unit], column: float) -> None:
        self.units, self.column = units, column
        self.memo: dict[_State, float] = {}

    def moves(self, state: _State):
        index, left, right, rows, numbers, opens = state
        unit = self.units[index]
        for side in (unit.side,) if unit.side else ("L", "R"):
            if side == "L" and left is None and unit.label is None:
                continue      # the left column opens with a note's label
            placed = _numbers_after(numbers, side, unit)
            step = _add(left if side == "L" else right, unit, index, self.column) if placed is not None else None
            if step is None:
                continue
            cost, line, added = step
            if side == "L":
                yield side, cost, (index + 1, line, right, rows + added, placed, opens)
            elif unit.side != "R" or rows - added == 0:    # a cut line's two pieces stand in one row
                first = opens if right is not None else int(unit.label is not None or bool(ITEM.match(unit.text)))
                yield side, cost, (index + 1, left, line, rows - added, placed, first)

    def cost_to_go(self, state: _State) -> float:
        if state not in self.memo:
            if state[0] == len(self.units):
                self.memo[state] = self._ending(state)
            else:
                self.memo[state] = min((cost + self.cost_to_go(after) for _, cost, after in self.moves(state)),
                                       default=math.inf)
        return self.memo[state]

    def _ending(self, state: _State) -> float:
        """The right column opening after the left one's last line; the columns set to one height,
        the left one line longer at most."""
        _, left, right, rows, (last_left, first_right, _), opens = state
        if left is None or right is None or (first_right and first_right != last_left + 1):
            return math.inf
        kind = _line_kind(left, self.column)
        follows = (1.0 if kind == "full" and left.last[-1:] not in ITEM_CLOSES else 0.0) if opens else FOLLOWS[kind]
        return follows + 0.5 * (max(0, rows - 1) + max(0, -rows))

    def readings(self, bound: float) -> list[list[str]] | None:
        """Every reading costing `bound` at most, or None where there are more than READINGS."""
        found: list[list[str]] = []

        def walk(state: _State, cost: float, sides: list[str]) -> None:
            if state[0] == len(self.units):
                found.append(list(sides))
                return
            for side, step, after in self.moves(state):
                if len(found) <= READINGS and cost + step + self.cost_to_go(after) <= bound:
                    walk(after, cost + step, [*sides, side])
        walk(self.START, 0.0, [])
        return found if len(found) <= READINGS else None

    def whole_cost(self, sides: list[str]) -> tuple[float, bool]:
        """A reading's cost: its lines' (`cost_to_go`), what reads out of order in its notes
        (`_disorder`) and, to choose between readings otherwise alike, its rows written out of order
        (pdftotext writes row by row, the left line of a row first); and whether each of its
        columns of two lines or more opens a note or runs to its measure somewhere."""
        state, cost = self.START, 0.0
        rows: dict[int, tuple[int, int]] = {}
        counts = {"L": 0, "R": 0}
        full = {"L": False, "R": False}      # a full line, or a note's label, in each column
        for index, side in enumerate(sides):
            step, after = next((step, after) for placed, step, after in self.moves(state) if placed == side)
            line = after[1] if side == "L" else after[2]
            if line is not None and line.first == state[0]:
                rows[state[0]] = (counts[side], 0 if side == "L" else 1)
                counts[side] += 1
            full[side] = full[side] or self.units[index].label is not None \
                or (line is not None and line.width >= FULL_COLUMN * self.column)
            state, cost = after, cost + step
        placed = [rows[index] for index in sorted(rows)]
        inversions = sum(1 for a, b in zip(placed, placed[1:], strict=False) if b < a)
        filled = all(counts[side] < 2 or full[side] for side in "LR")
        return cost + self._ending(state) + _disorder(self.units, sides) + MISFIT * _order_misfit(placed) \
            + INVERSION * inversions, filled


def _order_misfit(placed: list[tuple[int, int]]) -> float:
    """How far the order the extractor wrote a reading's printed lines in is from an order it
    writes: row by row (each row's two lines in either order: the rows never go back), or box by
    box (runs of one column's lines, each run starting no higher than the run before it)."""
    rows = [row for row, _ in placed]
    back = sum(1 for a, b in zip(rows, rows[1:], strict=False) if b < a)
    starts = [row for k, (row, side) in enumerate(placed) if k == 0 or placed[k - 1][1] != side]
    boxes = sum(1 for a, b in zip(starts, starts[1:], strict=False) if b < a)
    return min(back, 0.5 + boxes)


def _numbers_after(numbers: tuple[int, int, int], side: str, unit: _Unit) -> tuple[int, int, int] | None:
    """The label numbers once `unit` is in `side`, or None where its label does not number on: each
    column's labels one by one, every label of the left column before the right column's first.
    `numbers`: the left column's last label, the right column's first and last (0: none yet)."""
    last_left, first_right, last_right = numbers
    if unit.label is None:
        return numbers
    number = unit.label.number
    if side == "L":
        if (last_left and number != last_left + 1) or (first_right and number >= first_right):
            return None
        return number, first_right, last_right
    if (last_right and number != last_right + 1) or number <= last_left:
        return None
    return last_left, first_right or number, number


CLOSERS = {close: open_ for open_, close in PAIRS.items()}
# An item's number at a line's start, as lists number their items: '第二条，', '三、', '（2）', '2.'.
ITEM = re.compile(rf"^(?P<before>第|[（(])?(?P<n>[{CN}]+|\d{{1,2}})(?P<after>[条條款項项]|、|[）)]|[.．](?!\d))")


def _disorder(units: list[_Unit], sides: list[str]) -> int:
    """What reads out of order in the notes read in this order: a bracket or quotation mark left
    unpaired (a closing one with none open before it in its note; an opening one its note never
    closes, but in the area's last note, which may go on on the next page), and an item numbered
    other than one after the item before it of its form ('第三条' read before '第二条')."""
    order = [index for side in "LR" for index, placed in enumerate(sides) if placed == side]
    count = 0
    depth: dict[str, int] = {}
    items: dict[tuple[str, str], int] = {}
    for index in order:
        unit = units[index]
        if unit.label is not None:
            count += sum(depth.values())
            depth, items = {}, {}
        item = ITEM.match(unit.text)
        if item:
            form = (item.group("before") or "", item.group("after"))
            numeral = item.group("n")
            number = int(numeral) if numeral.isdigit() else chinese_number(numeral)
            count += number != items.get(form, 0) + 1    # a list opens with its first item
            items[form] = number
        for char in unit.text:
            if char in PAIRS:
                depth[char] = depth.get(char, 0) + 1
            elif char in CLOSERS:
                if depth.get(CLOSERS[char], 0):
                    depth[CLOSERS[char]] -= 1
                else:
                    count += 1
    return count
