"""The body of a text in reading order, as one stream of characters that remember their raw place.

Later stages (markers, paragraphs) need to look across line ends (`1945` at the end of one line and
`年` at the start of the next) and still report the raw line and column of every character.
A re-keyed table stands in the stream at the place of its first raw line, as one `TableSlot`.
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
    for page in pages:
        page_tables = [t for t in tables if any(line.number == t.first_line for line in page.table_lines)]
        waiting = sorted(page_tables, key=lambda table: table.first_line)
        for line in page.body:      # in the page's order: the layout may have put a raised fragment back
            while waiting and waiting[0].first_line < line.number:
                items.append(TableSlot(page, waiting.pop(0)))
            items.append(BodyLine(page, line))
        items += [TableSlot(page, table) for table in waiting]
    return items
