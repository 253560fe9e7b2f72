"""The body of a text in reading order, as one stream of characters that remember their raw place.

Later stages (markers, paragraphs) need to look across line ends (`1945` at the end of one line and
`年` at the start of the next) and still report the raw line and column of every character.
A re-keyed table stands in the stream at the place of its first printed (non-blank) raw line, as
one `TableSlot`: a claimed span may begin or end on blank lines, which no page holds.
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
    """Every body line and table of every page, in the order a reader meets them."""
    items: list[BodyLine | TableSlot] = []
    waiting = list(tables)
    for page in pages:
        page_items: list[tuple[int, BodyLine | TableSlot]] = [(line.number, BodyLine(page, line)) for line in page.body]
        for table in list(waiting):
            held = [line.number for line in page.table_lines if table.first_line <= line.number <= table.last_line]
            if held:
                page_items.append((min(held), TableSlot(page, table)))
                waiting.remove(table)
        items += [item for _, item in sorted(page_items, key=lambda pair: pair[0])]
    return items
