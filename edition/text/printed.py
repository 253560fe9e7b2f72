"""Printed lines: the unit the paragraph stage reads, one or more raw lines of one printed line.

In: the pages of a text and its tables. Out: `PrintedLine`s in reading order, each with its printed
width in em. In the seeds' extraction adjacent raw lines (no empty line between them) are one line a
superscript split; the other extractions write one raw line per printed line. Never changes text.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from edition.core.inputs import RawLine, Table
from edition.core.model import Page
from edition.text.stream import TableSlot, reading_order


@dataclass
class PrintedLine:
    """One printed line: the raw lines a superscript split, joined back."""

    page: Page
    lines: list[RawLine] = field(default_factory=list)
    table: Table | None = None
    _width: float | None = None
    # The seeds' extraction keeps the printed spacing; the others insert spaces beside digits and
    # Latin (`1945 年`) and pad with them (`-layout`): there a line's width counts no space.
    spaces_printed: bool = True

    @property
    def page_start(self) -> bool:
        first = self.lines[0]
        # the seeds' page-opening space; the form feed that opens a page of pdftotext and pdfminer.six
        return first.number == self.page.body[0].number and first.text.startswith((" ", "\f"))

    def indent(self) -> int:
        text = self.lines[0].text
        spaces = len(text) - len(text.lstrip(" "))
        return max(spaces - 1, 0) if self.page_start else spaces

    def width(self) -> float:
        """Printed width in em: indentation and half-width characters count half."""
        if self._width is None:
            text = "".join(line.text for line in self.lines).strip()
            if self.spaces_printed:
                self._width = self.indent() * 0.5 + em_width(text)
            else:
                self._width = unspaced_width(text)
        return self._width


def unspaced_width(text: str) -> float:
    """`text` as set, in em, from an extraction that writes the quarter-em gaps beside digits and
    Latin now and then: counted where print sets them (between two Latin words, between a Chinese
    character and a digit or a letter), not where written.

    >>> unspaced_width("至5 月 6日"), unspaced_width("Harvard University")
    (5.0, 8.75)
    """
    words = text.split()
    spaces = sum(1 for a, b in zip(words, words[1:], strict=False) if not _wide(a[-1]) and not _wide(b[0]))
    return em_width("".join(words)) + 0.25 * (spaces + len(_MIXED.findall("".join(words))))


def em_width(text: str) -> float:
    """`text` as set, in em: a Chinese character (or a full-width form) one, any other character half."""
    wide = sum(1 for c in text if _wide(c))
    return wide + (len(text) - wide) / 2


def wide_share(text: str) -> float:
    """The share of `text`'s characters, spaces left out, set full-width: near 1 for a Chinese line,
    0 for an English one.

    >>> wide_share("1914 年 7 月，第一"), wide_share("Abstract: The Twenty-One")
    (0.5, 0.0)
    """
    chars = "".join(text.split())
    return sum(1 for c in chars if _wide(c)) / len(chars) if chars else 0.0


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


# A Chinese character next to a digit or a Latin letter: typesetters set a quarter-em gap between
# them (xeCJK's CJKecglue, LibreOffice's Asian/Western spacing), none beside punctuation.
_HAN = "\u3400-\u9fff\uf900-\ufaff"
_MIXED = re.compile(rf"(?<=[{_HAN}])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[{_HAN}])")


# Punctuation no printed line begins with (CJK line-breaking rules).
NEVER_OPENS = "）」』》〉，。、；：！？”’﹕"
# Opening title and quotation marks; no bracket: '（2）' opens a list item after '…；' ends the one above.
OPENING_MARKS = "《〈「『“‘"
# The marks that open and close a bracket, a quotation or a title, each with its closing one.
PAIRS = {"「": "」", "『": "』", "（": "）", "《": "》", "〈": "〉", "“": "”", "‘": "’", "(": ")"}


def goes_on_printed_line(text: str, following: str) -> bool:
    """Whether the raw line `following` is the rest of the printed line `text` began. pdftotext cuts
    a printed line where two full-width punctuation marks meet (a pair the typesetter sets close,
    as xeCJK does), and writes each piece as a line: the rest opens with punctuation no printed line
    opens with, or with an opening mark after a pause or a colon (a sentence's end may end a
    printed line before a note or a paragraph that opens with a title mark).

    >>> goes_on_printed_line("国书中文译本见《筹办夷务始末（道光朝）", "》卷七十一，北京")
    True
    >>> goes_on_printed_line("王铁崖编：", "《中外旧约章汇编》第一册")
    True
    >>> goes_on_printed_line("…文本整理。", "《虎门条约》第八款")
    False

    Nor after a title's closing mark, where its publication's parenthesis follows ('《史迪威事件》',
    then '（臺北：…'); a title mark or a quotation closing a note may end a printed line before the
    next note's opening one.

    >>> goes_on_printed_line("參見梁敬錞，", "《史迪威事件》"), goes_on_printed_line("《史迪威事件》", "（臺北：")
    (True, True)
    """
    first, last = following.lstrip(" \f\u3000")[:1], text.rstrip()[-1:]
    return first in NEVER_OPENS or (first in OPENING_MARKS and last in "，、；：﹕") \
        or (first == "（" and last in "》〉")


def printed_lines(pages: tuple[Page, ...], tables: tuple[Table, ...],
                  join_split_lines: bool = True) -> list[PrintedLine]:
    """The printed lines; in the seeds' extraction adjacent raw lines are one line a superscript split."""
    result: list[PrintedLine] = []
    for item in reading_order(pages, tables):
        if isinstance(item, TableSlot):
            result.append(PrintedLine(item.page, table=item.table, spaces_printed=join_split_lines))
            continue
        last = result[-1] if result else None
        if join_split_lines and last and not last.table and last.page is item.page \
                and last.lines[-1].number + 1 == item.line.number:
            last.lines.append(item.line)
        else:
            result.append(PrintedLine(item.page, [item.line], spaces_printed=join_split_lines))
    return result


def inside_paragraph(printed: list[PrintedLine], index: int, previous: PrintedLine | None,
                     continues: Callable[[PrintedLine, PrintedLine], bool]) -> bool:
    """Whether the re-keyed table at `printed[index]` stands inside a paragraph: a float set at the
    top of a page (or after the line that called it) while the paragraph goes on below it, as
    `continues(previous, line)` judges the text line before the table and the first one after it,
    on the table's own page. The reader reads the paragraph through and the table after it, so the
    paragraph stages hold such a table until the paragraph ends."""
    line = printed[index]
    if line.table is None or previous is None or previous.table is not None:
        return False
    after = next((later for later in printed[index + 1:] if later.table is None), None)
    return after is not None and after.page is line.page and continues(previous, after)


def ends_sentence(text: str) -> bool:
    """Whether `text` ends a sentence: on a full stop, a question or exclamation mark or an ellipsis,
    or on a closing quotation mark or bracket right after one; not on a quotation closed inside a
    sentence, nor on a colon.

    >>> ends_sentence("…否决权6 。"), ends_sentence("…说：“好。”"), ends_sentence("…沿用了“政治协商”")
    (True, True, False)
    """
    return text.rstrip("」』”’）)")[-1:] in SENTENCE_STOPS


SENTENCE_STOPS = frozenset("。！？!?…")
