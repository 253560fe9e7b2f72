"""Stage 2 for extractions other than the seeds' convention: raw lines -> printed pages and furniture.

In: a `TextSource` and its page convention (`form-feed` or `furniture`, see `LayoutProfile`). Out:
pages whose lines are sorted into body, note lines and furniture, the furniture recorded as `Change`s
under the line removals of `repairs.REPAIRS`, and every printed page number found. Never alters the
text of a line it keeps; every non-blank raw line lands in exactly one bucket.

Where pages end: `pdftotext` (plain or `-layout`) and pdfminer.six write a form feed before each
new page (`\\fFirst line of page 2`); an extraction without form feeds (PyMuPDF's text joined by
newlines) is cut after each page number and before each declared running header, or, where the
page numbers are printed in the head, before the run of head lines around each number (running
lines are found as lines repeated at page edges). Furniture is only ever taken from a page's edge
(its first or last three lines of text, furniture not counted): a declared pattern that matches a
line inside a page is reported, never removed (issue 20, item 8).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import takewhile

from edition.core.inputs import RawLine, TextSource
from edition.core.model import Change, Page, printed_page
from edition.text.floats import TABLE_CAPTION
from edition.text.footnotes import CIRCLED, read_label
from edition.text.headings import candidate, unnumbered
from edition.text.markers import BRACKETED
from edition.text.printed import NEVER_OPENS, em_width, goes_on_printed_line

EDGE = 3   # how many non-blank lines at a page's top and bottom may be furniture
FLOAT_CELL = 0.5   # a line of a table floated to the page's top is under this share of the page's longest
# A running header or footer is short: a repeated longer line is text (a note citing the same
# book on several pages: '3 薛人仰主編，周昆田著，蒙藏民族史略，台灣中華書局，1983').
FURNITURE_MAX = 30
SENTENCE_ENDS = "。！？；，、!?;,"   # ... and it is no sentence: a line ending so is text
# A printed page number alone on its line, in the forms journals and books print: '12', '·12·',
# '- 12 -', '— 12 —', '第12頁', '第 12 页' (a report's '第 3 页 共 6 页' too), and the same with roman
# numerals in front matter ('iv', '- iii -', '第 iii 頁'); not '2.', '表 1' or '第 iii 卷'.
NUMERAL = r"(\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})"
PAGE_NUMBER_FORMS = {
    "plain": re.compile(rf"^{NUMERAL}$"),
    "dots": re.compile(rf"^[·•‧・]\s*{NUMERAL}\s*[·•‧・]$"),
    "dashes": re.compile(rf"^[-–—]\s*{NUMERAL}\s*[-–—]$"),
    "chinese": re.compile(rf"^第\s*{NUMERAL}\s*[頁页](?:[\s\u3000]*共\s*\d{{1,4}}\s*[頁页])?$"),   # '第 3 页　共 6 页'
}
# A page number at either end of a running header or footer, in any of the forms above but roman
# ones (a Latin word at a header's edge is no page number): '12 抗日战争研究 2015年第1期',
# '史学月刊 · 12 ·', '塘沽協定始末      第 27 頁'; not '抗日战争研究 2015年第1期' (no number set apart).
EDGE_FORM = (r"(?:第\s*(\d{1,4})\s*[頁页](?:[\s\u3000]*共\s*\d{1,4}\s*[頁页])?"   # '第 3 页 共 6 页' too
             r"|(\d{1,4})(?!\s*[年月日期卷辑輯号號]))")   # not a year or an issue
EDGE_DECORATION = r"[·•‧\-–—\s]"
# A note marker ending a heading's line: '第二节　瑷珲谈判与条约的签订〔5〕', '一、緣起①', '三、結論12'.
HEADING_MARKER = re.compile(rf"(?:{BRACKETED}|[{CIRCLED}]|[⁰¹²³⁴-⁹]{{1,3}}|\d{{1,3}})$")
EDGE_NUMBER = re.compile(rf"^{EDGE_DECORATION}*{EDGE_FORM}{EDGE_DECORATION}+\S"
                         rf"|\S{EDGE_DECORATION}+{EDGE_FORM}{EDGE_DECORATION}*$")


@dataclass
class PageLayout:
    """What the generic layout found, for the build and for `add-text`'s report."""

    pages: tuple[Page, ...] = ()
    convention: str = ""
    furniture: Counter = field(default_factory=Counter)            # repair name -> lines removed
    examples: dict[str, str] = field(default_factory=dict)         # repair name -> one removed line
    printed: dict[int, str] = field(default_factory=dict)          # page index -> printed number as printed
    undecided: list[tuple[int, str]] = field(default_factory=list)  # (raw line, what could not be decided)


def split_form_feeds(lines: tuple[RawLine, ...]) -> list[list[RawLine]]:
    """Pages cut at form feeds: a line beginning with one starts a page; one at the end of a line ends
    the page after that line; one inside a line is a stray control character (repairs remove it).

    >>> lines = tuple(RawLine(n, t) for n, t in enumerate(["a", "b", "\\fc", "d\\f", "e\\fe", "f"], 1))
    >>> [[line.text for line in page] for page in split_form_feeds(lines)]
    [['a', 'b'], ['\\x0cc', 'd\\x0c'], ['e\\x0ce', 'f']]
    """
    pages: list[list[RawLine]] = [[]]
    for line in lines:
        if line.text.startswith("\f") and any(not is_blank(previous) for previous in pages[-1]):
            pages.append([])
        pages[-1].append(line)
        if line.text.lstrip("\f").rstrip(" ").endswith("\f"):    # one inside a line is stray: no page
            pages.append([])
    while pages and not any(not is_blank(line) for line in pages[-1]):
        pages.pop()    # the form feed after the last page; an empty page inside is a page
    return pages


def is_blank(line: RawLine) -> bool:
    return line.text.strip() == ""


def furniture_key(text: str) -> str:
    """A line as a running header or footer: numbers stand as `#`, spacing does not count.

    >>> furniture_key(" 12  抗日战争研究  2015年第1期"), furniture_key("·13· 抗日战争研究 2015年第1期")
    ('#抗日战争研究#年第#期', '·#·抗日战争研究#年第#期')
    """
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def page_number(text: str, forms: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(form, number as printed) when the line is a printed page number alone (in one of `forms`,
    by default any), else None.

    >>> page_number(" - 12 - "), page_number("第12頁"), page_number("1945"), page_number("第 iii 頁")
    (('dashes', '12'), ('chinese', '12'), ('plain', '1945'), ('chinese', 'iii'))
    >>> page_number("2.") is None, page_number("表 1") is None, page_number("第3 页\u3000共6 页")
    (True, True, ('chinese', '3'))
    """
    stripped = text.strip()
    for form in forms or tuple(PAGE_NUMBER_FORMS):
        match = PAGE_NUMBER_FORMS[form].match(stripped)
        if match:
            return form, match.group(1)
    return None


def edges(page: list[RawLine], forms: tuple[str, ...] = ()) -> list[RawLine]:
    """The first and last `EDGE` non-blank lines of a page (each once), as printed: lines written
    after its foot (`written_after_foot`: a table below the page number) are no edge, the number is."""
    floats = written_after_foot(page, lambda line: page_number(line.text, forms) is not None)
    nonblank = [line for line in page if not is_blank(line) and line not in floats]
    return list({line.number: line for line in nonblank[:EDGE] + nonblank[-EDGE:]}.values())


def repeated_edges(pages: list[list[RawLine]]) -> dict[str, float]:
    """Keys of lines standing at the edge of at least a third of the pages (and of two at least), with
    that share: running headers and footers, alternating ones included (each is on half of the pages;
    in a short text the title on the first page can be the second of the odd pages' header).

    A note label alone on its line is never one: notes numbered afresh on each page or in each
    section put `[1]` at the foot of most pages. Nor is a bare number (`#`): page numbers are read
    by their own rule (`page_number`), and a year alone on a line is text."""
    counts = Counter(key for page in pages for key in {k for line in edges(page) if not only_a_label(line.text)
                                                       for k in (furniture_key(line.text), issue_stem(line.text))
                                                       if k})
    least = max(2, len(pages) // 3)
    return {key: count / len(pages) for key, count in counts.items()
            if count >= least and 0 < len(key) <= FURNITURE_MAX and key != "#" and key[-1] not in SENTENCE_ENDS}


def issue_stem(text: str) -> str:
    """A head line's words before the issue that follows them ('近代史译丛　2026 年第 3 期（总第 57 期）'
    and '近代史译丛　2026 年' -> '近代史译丛'): a journal's name, however much of its issue each page's
    head carries; '' when the line has no such issue.

    >>> issue_stem("近代史译丛　 2026 年第 3 期（总第 57 期）"), issue_stem("近代史译丛　2026年"), issue_stem("第三章")
    ('近代史译丛', '近代史译丛', '')
    """
    squeezed = re.sub(r"\s+", "", text)
    found = re.search(r"(?:\d{4}年|第\d+[期辑輯卷]).*$", squeezed)
    stem = squeezed[:found.start()] if found else ""
    return stem if len(stem) >= 4 and not ISSUE_WORDS.sub("", squeezed[len(stem):]) else ""


def only_a_label(text: str) -> bool:
    """The line is a note label and nothing else: `[1]`, `①`, `12`, `∗`; not `[1] 见上文` or `·12·`.

    >>> only_a_label(" [3] "), only_a_label("②"), only_a_label("12"), only_a_label("[3] 见上文"), only_a_label("·12·")
    (True, True, True, False, False)
    """
    found = read_label(text)
    return found is not None and not text[found[1]:].strip()


def declared_patterns(declared: tuple[str, ...]) -> list[re.Pattern]:
    """The editor's furniture patterns: literal text in which `#` stands for any number."""
    return [re.compile("^" + r"\d+".join(re.escape(re.sub(r"\s+", "", part)) for part in pattern.split("#")) + "$")
            for pattern in declared]


def split_at_furniture(lines: tuple[RawLine, ...], declared: list[re.Pattern],
                       forms: tuple[str, ...] = ()) -> list[list[RawLine]]:
    """Pages of an extraction without form feeds: a page ends after its page-number line (see
    `page_number_lines`), or, where the numbers are printed in the head (`head_starts`), begins
    with the running lines around its number; and a line matching a declared running header or
    footer begins one (unless the page has only furniture so far)."""
    numbers = page_number_lines(lines, forms)
    after_numbers = {following.number for line, following in zip(lines, lines[1:], strict=False)
                     if line.number in numbers}
    pages = cut_pages(lines, declared, after_numbers, numbers)
    repeated = repeated_edges(pages)
    in_head = head_starts(lines, declared, numbers, repeated)
    if in_head:
        return cut_pages(lines, declared, in_head, numbers)
    spilled = foot_spills(lines, numbers, repeated)
    return cut_pages(lines, declared, spilled, numbers) if spilled != after_numbers else pages


FOOT_SPILL = 4    # lines of a page's foot an extraction writes after its page number, at most


def foot_spills(lines: tuple[RawLine, ...], numbers: set[int], repeated: dict[str, float]) -> set[int]:
    """Where pages begin when each ends after its page number, except that plain pdftotext may
    write the rest of the page's foot after the number: a footnote's text after its label and the
    number ('➀', '·38·', '〈雅爾塔協議〉…', then the footer '維基百科編者' and the next page's head
    '中蘇友好同盟條約'). Lines that follow a page number and come before a running line (one at the
    edge of many pages, `repeated`) are that page's, when the line before the number is a note's
    label alone (its text is what spilled); the next page begins at the running line. Otherwise the
    next page begins right after the number (a head of two lines, the first on one page only, is
    that page's)."""
    text = [line for line in lines if not is_blank(line)]
    starts = set()
    for at, line in enumerate(text[:-1]):
        if line.number not in numbers:
            continue
        following = text[at + 1:at + 2 + FOOT_SPILL]
        running = next((i for i, after in enumerate(following) if furniture_key(after.text) in repeated
                        or after.number in numbers), None)
        spill = following[:running] if running is not None else []
        if running and following[running].number not in numbers and at and only_a_label(text[at - 1].text) \
                and not any(page_number(after.text) for after in spill):
            starts.add(following[running].number)
        else:
            starts.add(following[0].number)
    return starts


def cut_pages(lines: tuple[RawLine, ...], declared: list[re.Pattern], starts: set[int],
              numbers: set[int]) -> list[list[RawLine]]:
    """`lines` cut before each line in `starts` and each line matching a declared pattern; short
    lines after the last page number (`numbers`) are the last page's foot."""
    pages: list[list[RawLine]] = [[]]
    for line in lines:
        squeezed = re.sub(r"\s+", "", line.text)
        if (line.number in starts or any(p.match(squeezed) for p in declared)) \
                and any(not is_blank(seen) for seen in pages[-1]):
            pages.append([])
        pages[-1].append(line)
    pages = [page for page in pages if any(not is_blank(line) for line in page)]
    footer = len(pages) > 1 and not any(line.number in numbers for line in pages[-1]) \
        and all(len(line.text.strip()) <= FURNITURE_MAX for line in pages[-1])
    if footer:
        pages[-2:] = [pages[-2] + pages[-1]]   # what follows the last page number is that page's footer
    return pages


def head_starts(lines: tuple[RawLine, ...], declared: list[re.Pattern], numbers: set[int],
                repeated: dict[str, float]) -> set[int]:
    """Where pages begin when the page numbers are printed in the head, or nothing when they are not.

    Between one page's text and the next an extraction without form feeds writes a run of running
    lines: the page's foot, then the next page's head. What follows the text's last body line is the
    last page's foot; when it holds no page number while the text has page numbers, the numbers are
    in the head (PyMuPDF on boxer-1901: `近代条约文本选读·辛丑条约` / `·303·` / `《辛丑条约》的订立与内容`;
    mongolia-1945: `外蒙古与《中苏友好同盟条约》` / `59` above the page's text). A page then begins
    where the run of head lines before its number begins: after the lines of that foot, and after
    an earlier page number in the same run (the first page's, printed in its foot: `·301·` /
    `近代条约史札记　第3卷` / `·302·`)."""
    def running(line: RawLine) -> bool:
        squeezed = re.sub(r"\s+", "", line.text)
        return line.number in numbers or furniture_key(line.text) in repeated \
            or any(p.match(squeezed) for p in declared)

    text = [line for line in lines if not is_blank(line)]
    closing = list(takewhile(running, reversed(text)))
    if not numbers or any(line.number in numbers for line in closing):
        return set()
    foot = {furniture_key(line.text) for line in closing}
    starts = set()
    for at, line in enumerate(text):
        if line.number not in numbers:
            continue
        later = list(takewhile(running, text[at + 1:]))
        if any(after.number in numbers for after in later):
            continue     # two numbers in one run: this one ends its page, the next one's page begins after it
        begins = at
        while begins > 0 and running(text[begins - 1]) and text[begins - 1].number not in numbers \
                and furniture_key(text[begins - 1].text) not in foot:
            begins -= 1
        starts.add(text[begins].number)
    return starts


def page_number_lines(lines: tuple[RawLine, ...], forms: tuple[str, ...] = ()) -> set[int]:
    """The raw lines that are printed page numbers, in a text not yet cut into pages: of one form (a
    decorated form before bare numbers), the run of numbers going up by one that spreads over most
    of the text (note labels on their own line also go 1, 2, 3, but within a page or two), and the
    roman front-matter numbers of that form.

    >>> texts = ["a", "1", "b", "第 1 頁", "2", "c", "第 2 頁"]
    >>> sorted(page_number_lines(tuple(RawLine(n, t) for n, t in enumerate(texts, 1))))
    [4, 7]
    >>> texts = ["甲", "57", "1", "乙", "2", "丙", "3", "丁", "58", "戊", "己", "59"]
    >>> sorted(page_number_lines(tuple(RawLine(n, t) for n, t in enumerate(texts, 1))))
    [2, 9, 12]
    """
    beside = {line.number: head for line in lines
              if not page_number(line.text, forms) and (head := _column_page_number(line.text, forms))}
    # the rest of a line beside its number repeats: beside the other pages' numbers, or alone (a
    # head the first page prints without its number, '外蒙古与《中苏友好同盟条约》', then '… 59')
    heads = Counter(furniture_key(rest) for _, rest in beside.values()) \
        + Counter(furniture_key(line.text) for line in lines)
    by_form: dict[str, list[tuple[int, str]]] = {}
    for line in lines:
        found = page_number(line.text, forms)
        if not found and line.number in beside and heads[furniture_key(beside[line.number][1])] >= 2:
            found = beside[line.number][0]
        if found:
            by_form.setdefault(found[0], []).append((line.number, found[1]))
    form = next((f for f in forms or ("chinese", "dots", "dashes", "plain") if len(by_form.get(f, ())) >= 2), "")
    candidates = by_form.get(form, [])
    runs: list[list[tuple[int, int]]] = []
    for number, printed in candidates:
        if printed.isdigit():
            run = next((r for r in reversed(runs) if r[-1][1] == int(printed) - 1), None)
            (run.append if run else lambda item: runs.append([item]))((number, int(printed)))
    spread = (lines[-1].number - lines[0].number) / 2 if lines else 0
    wide = [run for run in runs if run[-1][0] - run[0][0] >= spread] or runs
    best = max(wide, key=len, default=[])
    return {number for number, _ in best} | {number for number, printed in candidates if not printed.isdigit()}


# Columns of a line as a layout extraction sets them apart (`pdftotext -layout`): a running head and
# its page number on one line, '塘沽協定始末                    第 27 頁'.
COLUMN_GAP = re.compile(r"\s{4,}")


SENTENCE = re.compile(r"[。，；;：:！？!?]")


def _column_page_number(text: str, forms: tuple[str, ...]) -> tuple[tuple[str, str], str] | None:
    """((form, number), the rest of the line) when the first or the last of the line's layout
    columns, or its first or last word, is a page number alone and the line holds more: a running
    head printed beside its page number, with a gap (-layout) or one space (plain pdftotext: '·96·
    外交史学刊', '58 《中文历史文本语料》…'). `page_number_lines` takes it only where the rest
    of the line repeats: a running head.

    >>> [_column_page_number(text, ())[0] for text in ("塘沽協定始末        第 27 頁", "第 28 頁     語料·第九篇")]
    [('chinese', '27'), ('chinese', '28')]
    >>> _column_page_number("·96· 外交史学刊", ()), _column_page_number("2026 年第 1 期 ·97·", ())[0]
    ((('dots', '96'), '外交史学刊'), ('dots', '97'))
    >>> _column_page_number("於 1933 年 5 月 31 日 1 在河北省", ()), _column_page_number("第 27 頁", ())
    (None, None)
    """
    stripped = text.strip()
    columns, words = COLUMN_GAP.split(stripped), stripped.split()
    if len(words) < 2:
        return None
    edges = ([columns[0], columns[-1]] if len(columns) >= 2 else []) + [words[0], words[-1]]
    ends = [(found, edge) for edge in edges if (found := page_number(edge, forms)) and found[1].isdigit()]
    if not ends:
        return None     # (not a roman numeral: a table's row label)
    # a decorated number before a bare one: '2026 年第 1 期 ·97·' is page 97, not 2026
    found, edge = min(ends, key=lambda end: end[0][0] == "plain")
    rest = stripped[len(edge):] if stripped.startswith(edge) else stripped[:len(stripped) - len(edge)]
    if SENTENCE.search(rest):
        return None     # a sentence beside a number: a note ('5 同上。'), no head
    return found, rest.strip()


def generic_layout(source: TextSource, convention: str, watermark_pattern: str = "") -> PageLayout:
    """Cut `source` into pages by `convention` and take the furniture off each page's edges."""
    declared = declared_patterns(source.layout.furniture)
    forms = (source.layout.page_numbers,) if source.layout.page_numbers else ()
    spans = split_form_feeds(source.lines) if convention == "form-feed" else split_at_furniture(source.lines, declared,
                                                                                                forms)
    repeated = repeated_edges(spans)
    offset = page_offset(spans, repeated, forms)
    watermark = re.sub(r"\s", "", watermark_pattern)
    found = PageLayout(convention=convention)
    pages = []
    table_lines = {n for table in source.tables for n in range(table.first_line, table.last_line + 1)}
    furniture = Furniture(repeated, declared, watermark, offset, forms, re.sub(r"\s", "", source.title),
                          journal_names(spans, repeated), section_titles(source.lines))
    for index, span in enumerate(spans, 1):
        pages.append(_sort_page(index, span, furniture, table_lines, found))
    _refuse_inner_matches(source, declared, watermark, pages, found)
    if offset is None:    # no page number alone on a line: the numbers in running headers
        headers = Counter(int(number) - index for index, number in found.printed.items() if number.isdigit())
        offset = headers.most_common(1)[0][0] if headers else source.first_printed_page - 1
    found.pages = tuple(replace(p, printed=printed_page(p.index + offset, found.printed.get(p.index, "")),
                                label=found.printed.get(p.index, "")) for p in pages)
    return found


def page_offset(spans: list[list[RawLine]], repeated: dict[str, float], forms: tuple[str, ...] = ()) -> int | None:
    """The difference between printed page numbers and page indexes most page numbers agree on: the
    lines that are only a number at a page edge, and the numbers in running headers and footers.

    A line that is only a number at a page edge is a page number only when it agrees: a year alone
    on a line (`1945`) or a note label on its own line (`1`) does not, whatever edge it stands at.
    """
    offsets: Counter[int] = Counter()
    for index, span in enumerate(spans, 1):
        for line in edges(span, forms):
            number = page_number(line.text, forms)
            at_start, at_end = edge_numbers(line.text) if furniture_key(line.text) in repeated else ("", "")
            printed = number[1] if number else at_start or at_end
            if printed.isdigit():
                offsets[int(printed) - index] += 1
    return offsets.most_common(1)[0][0] if offsets else None


@dataclass(frozen=True)
class Furniture:
    """What counts as furniture at a page edge: repeated lines, declared patterns, the watermark,
    and page numbers agreeing with `offset`."""

    repeated: dict[str, float]
    declared: list[re.Pattern]
    watermark: str
    offset: int | None
    forms: tuple[str, ...] = ()     # the page-number forms to read (all when empty)
    title: str = ""                 # the text's title, spaces out (unknown while add-text reads a text)
    journals: frozenset[str] = frozenset()   # repeated heads that are a journal's name (journal_names)
    section_titles: dict[str, tuple[int, ...]] = field(default_factory=dict)    # see `section_titles`


def journal_names(spans: list[list[RawLine]], repeated: dict[str, float]) -> frozenset[str]:
    """The repeated heads that name a journal: a head line carrying its issue after it
    ('近代史译丛　2026 年第 3 期'), or a head line followed at the page's top by its issue alone, where the extractor
    cut the two apart ('近代史译丛', then '2026 年第 3 期（总第 57 期）'). A title is followed by no
    issue: a year alone below it ('1858年', a heading) is no issue, the issue's number is wanted.

    >>> page = [RawLine(1, "近代史译丛"), RawLine(2, ""), RawLine(3, "2026 年第 3 期（总第 57 期）"),
    ...         RawLine(4, "正文")]
    >>> sorted(journal_names([page], {"近代史译丛": 0.7, "《望厦条约》的订立": 0.3}))
    ['近代史译丛']
    >>> journal_names([[RawLine(1, "瑷珲条约"), RawLine(2, "1858 年")]], {"瑷珲条约": 0.7})
    frozenset()
    """
    names = set()
    for span in spans:
        top = [line for line in span if not is_blank(line)][:EDGE]
        for line, below in zip(top, top[1:] + [None], strict=True):
            key = furniture_key(line.text)
            if issue_stem(line.text) in repeated:
                names.add(issue_stem(line.text))
            issue = re.sub(r"\s+", "", below.text) if below is not None else ""
            if key in repeated and _issue_alone(issue) and ISSUE_NUMBER.search(issue):
                names.add(key)
    return frozenset(names)


def section_titles(lines: tuple[RawLine, ...]) -> dict[str, tuple[int, ...]]:
    """The titles of the text's headings printed more than once, each with the raw lines it is first
    printed on: as the heading, and as the running head of the pages of its section (a book's odd
    pages carry the current section's title). A title is a line a heading scheme reads, or such a
    label alone and the line after it (pdftotext cuts a centred title at its gap: '第二节',
    '瑷珲谈判与条约的签订'), spaces and a note marker at its end left out."""
    texts = [(line.number, squeezed) for line in lines if (squeezed := re.sub(r"\s+", "", line.text))]
    pairs: list[tuple[tuple[int, ...], str]] = [((number, after), label + title) for (number, label), (after, title)
                                                in zip(texts, texts[1:], strict=False)]
    printed: dict[str, list[tuple[int, ...]]] = {}
    singles: list[tuple[tuple[int, ...], str]] = [((number,), text) for number, text in texts]
    for numbers, text in sorted(singles + pairs):
        if title := _title(text):
            printed.setdefault(title, []).append(numbers)
    return {title: numbers[0] for title, numbers in printed.items() if len(numbers) > 1}


def _title(squeezed: str) -> str:
    """A heading's title a running head may repeat: a numbered heading's, or an unnumbered part's
    name ('序' heading a preface of three pages, each after the first headed so)."""
    title = HEADING_MARKER.sub("", squeezed)
    found = len(title) <= FURNITURE_MAX and candidate(title)
    return title if (found and found[3]) or unnumbered(title) else ""


def section_head(span: list[RawLine], furniture: Furniture) -> set[int]:
    """The line or two at the very top of a page (after a page number) that print one of the text's
    section titles already printed (or printed again below on the page, where the section begins):
    the page's running head. The title's first printing is its heading.

    >>> titles = {"一、緣起": (1,)}
    >>> furniture = Furniture({}, [], "", 0, section_titles=titles)
    >>> section_head([RawLine(1, "一、緣起"), RawLine(2, "正文。")], furniture)
    set()
    >>> section_head([RawLine(8, "\f一、  緣起"), RawLine(9, "正文。")], furniture)
    {8}
    """
    top = list(takewhile(lambda line: is_blank(line) or page_number(line.text, furniture.forms), span))
    lines = [line for line in span[len(top):] if not is_blank(line)]
    for count in (1, 2):
        title = _title("".join(re.sub(r"\s+", "", line.text) for line in lines[:count]))
        below = {_title(re.sub(r"\s+", "", line.text)) for line in lines[count:]}
        if title in furniture.section_titles and (furniture.section_titles[title][0] < lines[0].number
                                                  or title in below):
            return {line.number for line in lines[:count]}
    return set()


def _sort_page(index: int, span: list[RawLine], furniture: Furniture, table_lines: set[int],
               found: PageLayout) -> Page:
    head = section_head(span, furniture)
    first_printed = {number for numbers in furniture.section_titles.values() for number in numbers}

    def removal(line: RawLine, at_top: bool) -> str:
        if line.number in head:
            return "remove_running_header"
        if line.number in table_lines or _title(re.sub(r"\s+", "", line.text)) in furniture.section_titles \
                or line.number in first_printed:
            return ""           # a section's heading, which its pages' heads repeat (its label and its
            # title on two lines: '第一章', '開羅會議的召開' on the chapter's first page, each repeated)
        return _furniture(line, index, furniture, at_top)
    after = _float_after_foot(span, removal)
    removals = edge_furniture([line for line in span if line.number not in after], removal)
    body: list[RawLine] = []
    tables: list[RawLine] = []
    artifacts: list[Change] = []
    for line in span:
        if is_blank(line):
            continue
        fix = removals.get(line.number, "")
        if fix:
            artifacts.append(Change(fix, line.number, line.text, ""))
            found.furniture[fix] += 1
            found.examples.setdefault(fix, line.text.strip())
            number = _printed_number(line.text, fix)
            if number:
                found.printed.setdefault(index, number)
        elif line.number in table_lines:
            tables.append(line)
        else:
            body.append(line)
    floated = [line for line in body if line.number in after]     # read at the page's top, as printed
    body = floated + [line for line in body if line.number not in after]
    return Page(index, 0, tuple(lower_raised_fragments(read_split_rows(body))), (), tuple(tables), tuple(artifacts),
                floated=tuple(sorted(after)))


def written_after_foot(span: list[RawLine], is_page_number: Callable[[RawLine], bool]) -> list[RawLine]:
    """The non-blank lines of a page an extraction wrote after its foot, below its page number
    (PyMuPDF writes a frame last: '- 149 -', then '表1　西安事变大事简表', its cells to the page's end):
    everything after a page number below the page's top that a table's caption directly follows.
    Those lines are no edge of the page; its page number is."""
    nonblank = [line for line in span if not is_blank(line)]
    for at in range(EDGE, len(nonblank) - 1):
        if TABLE_CAPTION.match(nonblank[at + 1].text) and is_page_number(nonblank[at]):
            return nonblank[at + 1:]
    return []


def _float_after_foot(span: list[RawLine], removal: Callable[[RawLine, bool], str]) -> set[int]:
    """The lines of `span` read at the page's top (`written_after_foot`), but a footer or watermark
    written after the table, which is still the page's furniture."""
    after = written_after_foot(span, lambda line: removal(line, False) == "remove_page_number")
    for _ in range(EDGE):
        if len(after) > 1 and removal(after[-1], False) not in ("", "remove_page_number"):
            after.pop()              # (not a cell that reads as a page number: the page has its own)
    return {line.number for line in after}


def edge_furniture(span: list[RawLine], removal: Callable[[RawLine, bool], str]) -> dict[int, str]:
    """The furniture at a page's top and bottom: line number -> the removal that takes it off, as
    `removal(line, at_top)` names it.

    A page's edge is its first and last `EDGE` lines that are not furniture: lines already found to
    be furniture do not use the window up. A running header split in two and a table's caption
    floated to the page's top push the page number to the fourth line (`近代条约史札记`, `第3卷`,
    `表1`, `·304·`); the edge still ends at the third line of text. A whole table floated to the top,
    written cell by cell before the head's page number (pdftotext: `表1`, its title, `号`, `条数`, `4`,
    …, `- 125 -`), is one line of text: its caption and the short lines after it up to the next
    furniture or the next line of the measure. A line at both edges (a short page) is read as the top's.

    >>> span = [RawLine(n, t) for n, t in enumerate(["H", "H", "a", "N", "b", "c", "d", "e", "N"], 1)]
    >>> edge_furniture(span, lambda line, at_top: "x" if line.text in "HN" else "")
    {1: 'x', 2: 'x', 4: 'x', 9: 'x'}
    """
    nonblank = [line for line in span if not is_blank(line)]
    cell = max((_line_width(line) for line in nonblank), default=0.0) * FLOAT_CELL
    found: dict[int, str] = {}
    read_at_top: set[int] = set()
    for lines, at_top in ((nonblank, True), (nonblank[::-1], False)):
        text_lines = 0
        in_float = False
        for line in lines:
            if text_lines == EDGE:
                break
            fix = found.get(line.number, "") if line.number in read_at_top else removal(line, at_top)
            if fix == "remove_page_number" and line.number not in read_at_top \
                    and "remove_page_number" in found.values():
                fix = ""     # a page prints its number once: a second is a note's label ('9' over
                # note 9 at the foot of page —9—, its number removed below it)
            if fix:
                found[line.number] = fix
                in_float = False
            elif not (in_float and _line_width(line) < cell):
                text_lines += 1
                in_float = at_top and bool(TABLE_CAPTION.match(line.text))
            if at_top:
                read_at_top.add(line.number)
    return found


def _line_width(line: RawLine) -> float:
    return em_width("".join(line.text.split()))


def lower_raised_fragments(body: list[RawLine]) -> list[RawLine]:
    """Put back below the line it ends a fragment `pdftotext -layout` printed above it.

    A superscript raises the baseline of its part of a printed line, and -layout then writes that
    part as a line of its own above the rest, set at its column: `                       ”1“倘使有一个`
    above `外蒙古，完全是…这块地方的。`; where a printed line was cut in pieces at two full-width
    punctuation marks (`goes_on_printed_line`), -layout may write the second piece first:
    `           《望厦条约》有几项重要扩充：…` above `1。与《南京条约》相比，`. Such a line opens with
    punctuation no printed line opens with, or with an opening mark after a pause that ends the line
    below, and is indented as far as the line below it is long (-layout gives every character one column;
    two either way for rounding) and not as far as the line above ends (then it already follows
    the part of its line it ends: `”4 月 11` after `                    “史达林接见松冈…`). Then it is
    the end of the line below, and goes after it, at whatever column it stands: the line below can
    be as short as three characters (`   。[3] 各国所得份额…` above `子赔款”`). A line at column 0 is
    not set apart at all, and is no such fragment.

    >>> lines = [RawLine(1, "正文第一行很長很長很長很長很長。"), RawLine(2, " " * 11 + "”1“倘使"),
    ...          RawLine(3, "外蒙古，完全是站在军事的"),
    ...          RawLine(4, "外蒙古向苏联进攻。")]
    >>> [line.number for line in lower_raised_fragments(lines)]
    [1, 3, 2, 4]
    >>> [line.number for line in lower_raised_fragments([RawLine(1, " " * 11 + "”1“倘使"), RawLine(2, "短。")])]
    [1, 2]
    >>> lines = [RawLine(1, " " * 4 + "“史达林接见松冈，是纯"), RawLine(2, " " * 15 + "”4 月 11"),
    ...          RawLine(3, "日“苏联不为自己而牺牲友邦的")]
    >>> [line.number for line in lower_raised_fragments(lines)]
    [1, 2, 3]
    """
    result = list(body)
    i = 0
    while i + 1 < len(result):
        line, below = result[i], result[i + 1]
        text = line.text.lstrip(" ")
        indent = len(line.text) - len(text)
        ends_above = len(result[i - 1].text.rstrip()) if i else -99     # the column the line above ends at
        if indent > 0 and goes_on_printed_line(below.text, text) and abs(len(below.text.rstrip()) - indent) <= 2 \
                and abs(ends_above - indent) > 2 and not below.text.startswith(" " * 3):
            result[i], result[i + 1] = below, line
            i += 2
        else:
            i += 1
    return result


# A piece of a line `pdftotext -layout` wrote: text between gaps of two spaces or more.
PIECE = re.compile(r"\S+(?: \S+)*")
OVERLAP = 2    # columns two pieces of one printed line may share (-layout rounds a character's place)
MARGIN_COLUMNS = 6   # a body line -layout writes begins this far in at most (a paragraph's indent)


def read_split_rows(body: list[RawLine]) -> list[RawLine]:
    """Two lines `pdftotext -layout` wrote of one printed line, read as one, by column.

    A superscript inside a parenthesis raises part of a printed line, and -layout may then write
    the line as two rows of pieces, each piece at its column, the pieces of one row standing in the
    gaps of the other: `同年 12 月 17 日，      （Magnuson Act of 1943(1) ）` above
    `      罗斯福签署《马格努森法案》                  ，`. Two such rows, each with a gap the other
    fills and no piece over another's columns (but for `OVERLAP`), the first piece at the body's
    margin and the second going on where it ends, are read as their pieces by column, each piece a
    line of its own that keeps its raw line's number and columns. A table's rows or two columns of
    notes set their pieces one above the other, a table's caption above its head row begins and
    breaks elsewhere: neither is such a pair.

    >>> rows = [RawLine(1, "同年 12 月，           （Act(1) ）"),
    ...         RawLine(2, "        罗斯福签署《法案》              ，")]
    >>> [(line.number, line.text.strip()) for line in read_split_rows(rows)]
    [(1, '同年 12 月，'), (2, '罗斯福签署《法案》'), (1, '（Act(1) ）'), (2, '，')]
    >>> rows = [RawLine(1, "           表1       比较"), RawLine(2, "   项目          甲方          乙方")]
    >>> [line.number for line in read_split_rows(rows)]
    [1, 2]
    >>> rows = [RawLine(1, "   日期           事件"), RawLine(2, "   12 月 12 日    张学良、杨虎城发动兵谏")]
    >>> [line.number for line in read_split_rows(rows)]
    [1, 2]
    >>> rows = [RawLine(1, "中华民国代表              美利坚合众国代表"), RawLine(2, "      宋子文              赫尔")]
    >>> [line.number for line in read_split_rows(rows)]
    [1, 2]
    """
    result: list[RawLine] = []
    i = 0
    while i < len(body):
        if i + 1 < len(body) and (pieces := _interleaved(body[i], body[i + 1])):
            result += pieces
            i += 2
        else:
            result.append(body[i])
            i += 1
    return result


def _interleaved(upper: RawLine, lower: RawLine) -> list[RawLine]:
    """The pieces of `upper` and `lower` by column when they are two rows of one printed line
    (`read_split_rows`), else []. The pieces alternate between the rows, each row has two at least
    (or one after an indent the other row's first piece fills), and the pieces read as one line: a
    piece that opens with punctuation no printed line opens with follows text."""
    spans = sorted([(m.start(), m.end(), upper.number) for m in PIECE.finditer(upper.text)]
                   + [(m.start(), m.end(), lower.number) for m in PIECE.finditer(lower.text)])
    rows = [number for _, _, number in spans]
    if len(spans) < 4 or any(a == b for a, b in zip(rows, rows[1:], strict=False)):
        return []
    if any(start < end - min(OVERLAP, (end - begin) // 2)
           for (begin, end, _), (start, _, _) in zip(spans, spans[1:], strict=False)):
        return []     # a piece over another's columns (a table's cells: '日期' above '12 月 12 日')
    # the printed line begins at the body's margin (or a paragraph's indent), and its second piece
    # goes on where the first ends: a table's caption above its head row begins and breaks elsewhere
    if spans[0][0] > MARGIN_COLUMNS or abs(spans[1][0] - spans[0][1]) > OVERLAP:
        return []
    text = {upper.number: upper.text, lower.number: lower.text}
    pieces = [RawLine(number, " " * start + text[number][start:end]) for start, end, number in spans]
    openings = [piece.text.strip()[:1] for piece in pieces]
    # the raised part and the rest meet at a bracket or at punctuation no printed line opens with;
    # a signature block or a contents page's rows ('中华民国代表' over '宋子文') meet at words
    if openings[0] in NEVER_OPENS or not any(first in NEVER_OPENS + "（(" for first in openings[1:]):
        return []
    return pieces


def _furniture(line: RawLine, index: int, furniture: Furniture, at_top: bool = True) -> str:
    """The line removal that takes `line`, standing at an edge of page `index` (its top when
    `at_top`), off its page, or ''.

    On the first page a repeated line at the top is furniture only when it carries a number (a
    journal's issue line, `抗日战争研究 2015年第1期`) or stands on nearly every page (a header that
    does not alternate), not a title that the odd pages' header repeats; at the foot it is the odd
    pages' running foot (`九一八事變始末` beside `·11·`). A header seen once (an odd page's
    in a four-page text) is furniture when it carries the page's own number: at its end, or at its
    start in the head (in the foot a line opening with a number is a footnote, `1 见《…》第三卷` on
    page 1)."""
    squeezed = re.sub(r"\s+", "", line.text)
    if furniture.watermark and squeezed == furniture.watermark:
        return "remove_watermark"
    number = page_number(line.text, furniture.forms)
    if number and (not number[1].isdigit() or int(number[1]) - index == furniture.offset):   # roman: front matter
        return "remove_page_number"
    key = furniture_key(line.text)
    share = furniture.repeated.get(key, 0.0)
    if share and (index > 1 or not at_top or "#" in key or share >= 0.75 or key in furniture.journals) \
            or any(p.match(squeezed) for p in furniture.declared):
        return "remove_running_header"
    if at_top and index > 1 and furniture.title and squeezed == furniture.title:
        return "remove_running_header"      # the title as the odd pages' head, seen once in a short text
    if at_top and _issue_alone(squeezed):
        return "remove_running_header"      # an issue line alone: '2026 年', split from the journal's name
    if at_top and _issue_line(squeezed, furniture):
        return "remove_running_header"
    if _carries_this_page(line.text, index, furniture, at_top) and len(key) <= FURNITURE_MAX \
            and key[-1] not in SENTENCE_ENDS:
        return "remove_running_header"   # a header printed once, with this page's number at its end
    return ""


# What a journal's issue line adds to its name: brackets, numbers, 第…辑/期/卷, the year.
ISSUE = re.compile(r"\d{4}年|第\d+[期辑輯卷]")     # a year or a number of an issue, in an issue line
ISSUE_NUMBER = re.compile(r"第\d+[期辑輯卷号號]|\d+[期号號]|Vol|No")      # the number of an issue, not a year
ISSUE_WORDS = re.compile(r"[\d《》〈〉【】()（）\[\]·\-–—,，:：/]|第|[辑輯期卷号號年总總]|Vol\.?|No\.?")
MASTHEAD_WORDS = re.compile(ISSUE_WORDS.pattern + "|月")     # a masthead's issue may give its month


def _issue_alone(squeezed: str) -> bool:
    """A line that is a journal's issue and nothing else: '2026 年', '2026年第3期（总第57期）'."""
    return len(squeezed) <= FURNITURE_MAX and bool(ISSUE.search(squeezed)) and not ISSUE_WORDS.sub("", squeezed)


def _issue_line(squeezed: str, furniture: Furniture) -> bool:
    """A first page's head line that is a running header with the issue added: the journal's name
    the other pages carry, in brackets or not, with its volume, number and year
    ('《近代中外关系史研究》第15辑（2026年）' over pages headed '近代中外关系史研究'). A title that
    only contains the header's words ('外蒙古独立与1945年中苏条约') keeps words of its own."""
    for header in furniture.repeated:
        if len(header) >= 4 and "#" not in header and header in squeezed and header != squeezed:
            rest = squeezed.replace(header, "", 1)
            if rest and not ISSUE_WORDS.sub("", rest) and re.search(r"\d", rest):
                return True
        # a head that carries its own issue ('《近代中外关系研究》2026 年第 2 期'): the masthead
        # names the same journal with the volume and month ('…第12卷第2期（2026年4月）')
        name = ISSUE_WORDS.sub("", header.replace("#", ""))
        if "#" in header and len(name) >= 4 and MASTHEAD_WORDS.sub("", squeezed) == name \
                and re.search(r"\d", squeezed):
            return True
    return False


def _carries_this_page(text: str, index: int, furniture: Furniture, at_top: bool = True) -> bool:
    """A short line at the page's edge that ends (or, in the head, begins) with the page's own
    printed number, set apart by spaces or a rule: `外蒙古与《中苏友好同盟条约》      59` on page 59."""
    at_start, at_end = edge_numbers(text)
    number = at_end or (at_start if at_top else "")
    return bool(number) and furniture.offset is not None and int(number) == index + furniture.offset


def _printed_number(text: str, fix: str) -> str:
    if fix == "remove_page_number":
        return page_number(text)[1]  # type: ignore[index]
    at_start, at_end = edge_numbers(text) if fix == "remove_running_header" else ("", "")
    return at_start or at_end


def edge_numbers(text: str) -> tuple[str, str]:
    """The page number a running header or footer carries at its start, or else at its end.

    >>> edge_numbers("12 抗日战争研究 2015年第1期"), edge_numbers("塘沽協定始末      第 27 頁")
    (('12', ''), ('', '27'))
    >>> edge_numbers("第 28 頁      中文歷史文本語料·第九篇"), edge_numbers("抗日战争研究 2015年第1期")
    (('28', ''), ('', ''))
    >>> edge_numbers("2026 年"), edge_numbers("12 抗日战争研究"), edge_numbers("研究报告      第1页   共6页")
    (('', ''), ('12', ''), ('', '1'))
    """
    match = EDGE_NUMBER.search(text.strip())
    if not match:
        return "", ""
    return match.group(1) or match.group(2) or "", match.group(3) or match.group(4) or ""


def _refuse_inner_matches(source: TextSource, declared: list[re.Pattern], watermark: str, pages: list[Page],
                          found: PageLayout) -> None:
    """A declared furniture pattern or watermark that matches a line inside a page is kept as text and
    reported: furniture stands at page edges, and body text is never deleted silently."""
    for page in pages:
        for line in page.body:
            squeezed = re.sub(r"\s+", "", line.text)
            if (watermark and squeezed == watermark) or any(p.match(squeezed) for p in declared):
                found.undecided.append((line.number, "matches a declared furniture pattern or watermark but stands "
                                                     "inside a page: kept as text"))
