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
    """Every body line and table of every page, in the order a reader meets them."""
    items: list[BodyLine | TableSlot] = []
    waiting = list(tables)
    for page in pages:
        slots = []              # (where the table is printed, the table): its first held line on this page
        foot = max([line.number for line in page.notes]
                   + [change.line for change in page.artifacts if change.fix == "remove_page_number"], default=0)
        text_ends = max((line.number for line in page.body), default=0)
        for table in list(waiting):
            held = [line.number for line in page.table_lines if table.first_line <= line.number <= table.last_line]
            if held:
                # a table written after the page's foot (PyMuPDF writes a frame last) is read at the
                # page's top, where a float stands and where pdftotext writes it
                written_after_foot = min(held) > foot > text_ends
                slots.append((0 if written_after_foot else min(held), TableSlot(page, table)))
                waiting.remove(table)
        slots.sort(key=lambda pair: pair[0])
        for line in page.body:      # in the page's order: the layout may have put a raised fragment back
            while slots and slots[0][0] < line.number:
                items.append(slots.pop(0)[1])
            items.append(BodyLine(page, line))
        items += [slot for _, slot in slots]
    return items
