"""The body of a text in reading order, as one stream of characters that remember their raw place.

Later stages (markers, paragraphs) need to look across line ends (`1945` at the end of one line and
`年` at the start of the next) and still report the raw line and column of every character.
A re-keyed table stands in the stream at the place of its first printed (non-blank) raw line, as
one `TableSlot`: a claimed span may begin or end on blank lines, which no page holds; a table an
extraction wrote after its page's foot stands at the page's top.
"""
from __future__ import annotations

from dataclasses import dataclass

from edition.core.inputs import RawLine, Table
from edition.core.model import Page


@dataclass(frozen=True)
class BodyLine:
    page: Page
    line: RawLine


@dataclass(frozen=True)
class TableSlot:
    page: Page
    table: Table


def reading_order(pages: tuple[Page, ...], tables: tuple[Table, ...]) -> list[BodyLine | TableSlot]:
    """Every body line and table of every page, in the order a reader meets them: a page's floats
    (`Page.floated`: written after its foot, read at its top), then its other lines, each in raw order."""
    items: list[BodyLine | TableSlot] = []
    waiting = list(tables)
    for page in pages:
        slots = []              # (where the table is printed, the table): its first held line on this page
        for table in list(waiting):
            held = [line.number for line in page.table_lines if table.first_line <= line.number <= table.last_line]
            if held:
                slots.append((_place(page, min(held)), TableSlot(page, table)))
                waiting.remove(table)
        slots.sort(key=lambda pair: pair[0])
        for line in page.body:      # in the page's order: the layout may have put a raised fragment back
            while slots and slots[0][0] < _place(page, line.number):
                items.append(slots.pop(0)[1])
            items.append(BodyLine(page, line))
        items += [slot for _, slot in slots]
    return items


def _place(page: Page, number: int) -> tuple[bool, int]:
    """Where raw line `number` stands in `page`'s reading: its floats first, each part in raw order."""
    return number not in page.floated, number


def float_moves(pages: tuple[Page, ...]) -> list[RawLine]:
    """The first line of each page's floats (`Page.floated`) where the page reads them above lines
    written before them: the moves the audit lists as `restore_float_order`."""
    moved = []
    for page in pages:
        lines = sorted((*page.body, *page.table_lines), key=lambda line: line.number)
        floats = [line for line in lines if line.number in page.floated]
        if floats and any(line.number not in page.floated for line in page.body):
            moved.append(floats[0])
    return moved
