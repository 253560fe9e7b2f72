"""Where paragraphs begin in extractions that write one raw line per printed line.

pdftotext (plain and `-layout`), pdfminer.six and PyMuPDF keep no trailing space at a paragraph's
end (the seeds' cue, `edition.text.paragraphs.group_paragraphs`). In: printed lines, the raw lines,
the markers and the text's heading schemes. Out: the lines grouped into paragraphs, by the cues in
`starts_paragraph`. Never changes text.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import replace

from edition.core.inputs import RawLine
from edition.core.model import Audit, Page
from edition.text.headings import bare_label, candidate
from edition.text.printed import PAIRS, PrintedLine, ends_sentence, goes_on_printed_line, inside_paragraph
from edition.text.repairs import is_cjk

# Numbered clauses of a quoted document: '（一）外蒙古現狀', '1.庫頁島南部', '甲、旧日辽东半岛'.
# A treaty's articles, clauses and items too, their label set off by a gap or alone on its line
# (PyMuPDF cuts it from its text): '第五条 割让土地内居民…', '第一款', '第三項 …'; not a sentence
# that begins with one ('第五条规定，…').
LIST_ITEM = re.compile(r"^(（[一二三四五六七八九十]+）|\d{1,2}\.\s?\D|[甲乙丙丁戊己庚辛壬癸]、"
                       r"|第[一二三四五六七八九十百]+[条條款項项](\s|$))")
# Punctuation no printed line begins with (CJK line-breaking rules): a line opening with it was
# split by the extractor, '完」' then '；二、'.
CONTINUES = re.compile(r"^[）」』》〉，。、；：！？”’﹕)\],.;:!?]")
OPENING_QUOTES = "“「『‘"
# Other list labels a line can open with: bullets, '（1）', '(2)', '（甲）', '⑴', '㈠', '⒈', '1）', '2)', 'a.',
# '(a)'. A number that only closes a bracket is the end of a wrapped parenthesis, no label: '15）日' after
# '（1945 年 8 月', '23），' ('1）' is a label only before the item's text, not before punctuation or a digit).
LIST_LABEL = re.compile(r"^([•▪◦●○■□◆◇·]\s?\S|[（(]\d{1,2}[）)]|[（(][甲乙丙丁戊己庚辛壬癸][）)]|[⑴-⒇㈠-㈩⒈-⒛]"
                        r"|[1-9]\d?[）)]\s?(?=[^\s\W]|[“「《（(])"
                        r"|[a-z][.)]\s|[（(][a-z][）)]\s?(?=[^\s\W]|[“「《（(]))")
# Punctuation a sentence ends on, closing quotations included (and a colon before a quoted block).
SENTENCE_END = frozenset("。！？!?」』”’：:…")
COLONS = frozenset("：:﹕")   # after a colon the sentence goes on: a split line's fragments may follow
ITEM_ENDS = frozenset("；;")   # a list's item may end on a semicolon, the next opening the next line
PAUSES = frozenset("，、；,;")   # a clause goes on after them: no heading holds one
# A parenthesis alone on its printed line, nothing outside it: '（國史館藏，…典藏號：002-…）' under a
# document; not a list item's label ('（1）', '（甲）', '（十二）') cut from its text.
WHOLE_PARENTHESIS = re.compile(r"^[（(][^（）()]{4,}[）)]$")
OPENING_BRACKETS = "（(［[〔【《〈"
# The fields of a paper's front matter, each a paragraph of its own: '摘要：…', '關鍵詞：…',
# 'Abstract: …', 'Keywords: …', '作者简介：…', '收稿日期：…'.
FRONT_FIELD = re.compile(r"(?:内容提要|內容提要|摘\s*要|提\s*要|关键词|關鍵詞|关键字|關鍵字|作者简介|作者簡介"
                         r"|收稿日期|基金项目|基金項目|中图分类号|中圖分類號|文献标识码|文獻標識碼|文章编号|文章編號"
                         r"|Abstract|ABSTRACT|Key\s?words|KEY\s?WORDS|Keywords)\s*[：:]")


def group_lines(printed: list[PrintedLine], raw: dict[int, str], marker_at: dict,
                headings: tuple[str, ...], named: tuple[str, ...] = ()) -> list[list[PrintedLine]]:
    """Paragraphs of an extraction that writes one raw line per printed line (pdftotext, pdfminer.six,
    PyMuPDF): a paragraph starts after an empty line inside a page, at an indented line, after a
    short line that ends a sentence, at a numbered list item, and around a heading (see
    `starts_paragraph`); and around the lines of the first page that print one of the `named`
    strings whole (the text's title and author as the editor gave them: `own_lines`)."""
    measure = _measure(printed)
    own = own_lines(printed, named)
    blank_ends_paragraph = _blank_lines_are_rare(raw)
    margin = Counter(_indent(line.lines[0].text) for line in printed if not line.table).most_common(1)
    body_indent = margin[0][0] if margin else 0
    groups: list[list[PrintedLine]] = []
    previous: PrintedLine | None = None
    run = 0.0     # the width of the printed line `previous` ends: its fragments an extractor split, added
    held: list[PrintedLine] = []      # tables set inside the paragraph being read: they follow it
    cut_from: PrintedLine | None = None    # the printed line `previous` is the rest of, cut at a superscript
    following = {id(line): after for line, after in zip(printed, printed[1:], strict=False)}
    for index, line in enumerate(printed):
        # a paragraph's first line is set two characters in: it is full at two less than the measure
        full = measure - 2 if groups and groups[-1] == [previous] else measure

        def starts(before: PrintedLine, later: PrintedLine, full: float = full, run: float = run) -> bool:
            return starts_paragraph(before, later, raw if blank_ends_paragraph else {}, marker_at, (full, body_indent),
                                    headings, run, after=following.get(id(later)))

        def goes_on(before: PrintedLine, later: PrintedLine) -> bool:
            return not starts(before, later)
        if inside_paragraph(printed, index, previous, goes_on):
            held.append(line)
            continue
        # a paragraph going on past the page of a table it holds is cut there (the pages stay in order)
        past_held = bool(held) and line.page is not held[0].page
        # a line holding only a marker (a superscript set apart) says nothing of where its sentence
        # ended: the line of text before it does ('…表示赞成与否」', '，', '3', then '    投票结果…')
        # ('…共生死！”', '②③', '蒋看到此处…'); the markers stand on that printed line and fill it.
        # Nor does the rest of a printed line PyMuPDF cut at a superscript ('…承認長城為國界」。', '3國',
        # then '民政府方面則認為…'): the whole printed line does
        judged = previous
        if cut_from is not None and previous is not None:
            judged = _joined(cut_from, previous, marker_at)
        elif judged is not None and judged.lines and not _after_marker(judged.lines[0], marker_at).strip():
            at = next((i for i in range(len(groups[-1]) - 1, -1, -1) if groups[-1][i].lines
                       and _after_marker(groups[-1][i].lines[0], marker_at).strip()), None)
            if at is not None:
                judged = groups[-1][at]
                judged = replace(judged, _width=judged.width() + sum(p.width() for p in groups[-1][at + 1:]))
        # a title wrapped over lines is one paragraph, and the lines around it are others
        if previous is None or judged is None or past_held or own.get(id(line)) != own.get(id(previous)) \
                or (id(line) not in own and starts(judged, line)):
            groups += [[table] for table in held] + [[line]]
            held = []
            run = squeezed_width(line)
            cut_from = None
        else:
            groups[-1].append(line)
            cut_from = judged if judged is not None and _rest_of_printed_line(judged, line, marker_at, full) else None
            fragment = previous.width() < full - 1 and previous.page is line.page and not line.table
            # a heading's label cut from its title is no fragment of a printed line: the title is a
            # line of its own, and what follows it is judged after it alone ('第二节', then
            # '条约的主要内容', then the section's first paragraph)
            titled = len(groups[-1]) == 2 and bare_label(previous.lines[0].text, headings)
            run = run + squeezed_width(line) if fragment and not titled else squeezed_width(line)
        previous = line
    return groups + [[table] for table in held]


# What may follow a title or a name on its line: a note's marker ('…的废除∗', '…影响†', '…编者1').
NAME_MARKS = re.compile(r"[∗*†‡§¹²³⁴-⁹\d①-⑳\[\]〔〕()（）]*")


def own_lines(printed: list[PrintedLine], named: tuple[str, ...]) -> dict[int, int]:
    """The printed lines of the first page that print one of `named` whole, alone or over
    consecutive lines (a long title wraps), spaces aside and a note's marker after it: each such
    line's id, with the index of the string. A title ending in '废除∗' at 18 em of a 29 em measure
    and the author's name below it are no fragments of one line, whatever their widths."""
    own: dict[int, int] = {}
    first = [line for line in printed if line.lines and line.page is printed[0].page] if printed else []
    texts = ["".join("".join(raw.text for raw in line.lines).split()) for line in first]
    for which, name in enumerate(named):
        wanted = "".join(name.split())
        for start in range(len(first)):
            if span := _spelling(texts, start, wanted):
                own.update({id(line): which for line in first[start:start + span]})
                break
    return own


def _spelling(texts: list[str], start: int, wanted: str) -> int:
    """How many of `texts` from `start` spell `wanted`, with a marker after it on its line or on a
    line of its own (PyMuPDF: '九一八事變始末', then '∗'); 0 if none. Three lines at most spell it."""
    joined, spelt = "", 0
    for count, text in enumerate(texts[start:], 1):
        joined += text
        if joined.startswith(wanted) and NAME_MARKS.fullmatch(joined[len(wanted):]):
            spelt = count
        elif spelt or not wanted.startswith(joined) or count == 3:
            break
    return spelt


def starts_paragraph(previous: PrintedLine, line: PrintedLine, raw: dict[int, str], marker_at: dict,
                     body: tuple[float, int], headings: tuple[str, ...], run: float = 0.0,
                     after: PrintedLine | None = None) -> bool:
    """True when `line` begins a paragraph. `body` is the text's measure (em) and its most common
    indentation (spaces); a line is short when it ends more than one character before the measure.

    Never before a line that opens with closing or pausing punctuation (`」`, `；`): no printed line
    starts so, and an extractor that breaks there split one line; nor after a list item's label
    alone (`第一款`, see `bare_list_label`): its text is on the next line. Else a paragraph starts after an
    empty raw line inside a page that follows the end of a sentence (pdftotext also leaves empty lines
    around a superscript inside a paragraph), at an indentation of two or more beyond the body's (`-layout`
    keeps it; a full-width space counts two), at a short line that is a numbered heading and after
    one, and after a short line that ends a sentence, comes before a list item (`1.`, `（一）`, `•`),
    or is much shorter than the measure without ending in punctuation (a title, an author's name).

    `run` is the width of the printed line `previous` ends, with the fragments before it: plain
    pdftotext cuts a printed line where its text flow breaks (at a quotation mark, a superscript), so
    one printed line comes as several short raw lines; a raw line that opens with pausing punctuation
    proves the cut. After such a fragment, a short line that ends inside a sentence (on a character,
    not punctuation) and fits in what is left of that printed line (its punctuation squeezed, see
    `squeezed_width`) is its last fragment, never a paragraph or a heading of its own: `備忘錄中記載著
    「…意志」`, `，內容是﹕`, `（一）斯大林`, then `總書記盡全力…`. A title and an author's name,
    short lines too, follow no such fragment; a heading follows the end of a sentence. PyMuPDF cuts
    a printed line before a superscript: a line that opens with a marker and fits, with the line
    before it, in the measure (the marker, set small, counted as nothing) is the rest of that printed
    line (`…而不安欤？”`, `①蒋又召开…`), and `previous` is that whole printed line when the line after
    the rest is judged (`group_lines`).
    `after` is the printed line after `line`: a full line that ends a sentence (a colon too), then
    a short line that ends inside one and a line as wide, begin a block quotation set on a narrower
    measure whose first line the extraction did not indent.
    """
    if line.table or previous.table:
        return True
    first, last = line.lines[0], previous.lines[-1]
    if FRONT_FIELD.match(first.text.lstrip(" \f\u3000")):
        return True     # a field of a paper's front matter: 'Abstract: …' after the English title
    after_marker = _after_marker(first, marker_at)
    if CONTINUES.match(after_marker) or not after_marker.strip():
        return False    # or a line holding only a marker: a superscript the extractor set apart
    if len(previous.lines) == 1 and bare_list_label(previous.lines[0].text, headings) \
            and not LIST_ITEM.match(after_marker.strip()):
        return False    # an item's label the extractor cut from its text ('第一款', then '中國軍即撤退…')
    blank_before = line.page is previous.page and raw and any(raw.get(n, "").strip() == ""
                                                               for n in range(last.number + 1, first.number))
    if blank_before and _text_end(last, marker_at)[-1:] in SENTENCE_END:
        return True
    measure, body_indent = body
    if (WHOLE_PARENTHESIS.match(first.text.strip(" \f\u3000")) and len(line.lines) == 1
            and ends_sentence(_text_end(last, marker_at))) \
            or (len(previous.lines) == 1 and WHOLE_PARENTHESIS.match(previous.lines[0].text.strip(" \f\u3000"))):
        return True     # a parenthesis alone after a sentence's end is a block of its own: a document's
        # source line (pdfminer.six writes it before the signature, '職宋子文叩　午江', which follows it)
    if _rest_of_printed_line(previous, line, marker_at, measure):
        return False    # the rest of a printed line, cut at the superscript that opens it ('…而不安欤？”', '①蒋又…')
    indent = _indent(first.text)
    above = previous.lines[0].text.strip(" \f\u3000")
    if indent > _indent(previous.lines[0].text) and previous.width() >= measure - 2 \
            and (LIST_ITEM.match(above) or LIST_LABEL.match(above)):
        return False    # a full list item's hanging indent (-layout: '丙、 向日本…以', '   及北纬 41 度线…')
    # a paragraph's indent, not each line of an indented quotation, nor a fragment of a line that
    # -layout set apart at its column (far right: '                    “史达林接见松冈…')
    if max(body_indent, _indent(last.text)) + 2 <= indent <= body_indent + 8:
        return True
    tail = _text_end(line.lines[-1], marker_at)[-1:]
    split = CONTINUES.match(_after_marker(previous.lines[0], marker_at))   # `previous` is itself a fragment
    if split and run + squeezed_width(line) <= measure + 0.5 and tail and not _is_punctuation(tail) \
            and _text_end(last, marker_at)[-1:] not in SENTENCE_END - COLONS:
        return False    # the last fragment of a printed line the extractor split, '（一）' or not
    heading_line = candidate(first.text, headings or None) and line.width() < measure - 1
    if bare_label(previous.lines[0].text, headings) and len(previous.lines) == 1 and not heading_line \
            and line.width() < measure - 1 and tail and tail not in SENTENCE_END:
        return False    # a centred heading cut at its gap: the label alone ('第一部分'), then its title
    alone = run <= squeezed_width(previous) + 0.01     # `previous` is not the last fragment of a split line
    opening = first.text.lstrip(" \f\u3000")
    clause = opening[len(label.group(0)):] if (label := LIST_ITEM.match(opening)) else opening
    if alone and opening[:1] in OPENING_BRACKETS and tail and not _is_punctuation(tail) and PAUSES & set(clause) \
            and previous.width() < measure - 1 and line.width() < measure - 2.75 \
            and squeezed_width(previous) + squeezed_width(line) <= measure + 0.5 \
            and previous.width() + line.width() >= measure - 1.5:
        # pdftotext cuts a printed line before an opening bracket as before a quotation mark: two
        # short lines that fit one printed line, the second opening with a bracket and ending inside
        # a clause ('旅順問題，…的名稱。' then '（二）對於外蒙古，可以賦予'; '蒙的獨立：' then '（一）
        # 外蒙對…的戰略地位，蘇'). A heading after a paragraph's last line ('（二）莫斯科談判') holds
        # no pause after its label.
        return False
    if heading_line or (alone and candidate(previous.lines[0].text, headings or None)
                        and previous.width() < measure - 1):
        return True
    if previous.width() >= measure - 1:
        if _text_end(last, marker_at)[-1:] in SENTENCE_END and _narrower_measure(line, after, measure, tail):
            return True     # a block quotation after '…条约第六款写道：', its first line not indented
        if _text_end(last, marker_at)[-1:] in SENTENCE_END | ITEM_ENDS and (LIST_ITEM.match(after_marker.strip())
                                                                             or LIST_LABEL.match(after_marker.strip())):
            return True     # a list after a full line that ends a sentence ('…归纳为以下六项：', '1） 清政府…'),
            # or its next item after a full one that ends on a semicolon ('（1） 急賑：…收容所；', '（2） 工賑：…')
        # a full line that ends a sentence, then one about two characters short that goes on: the
        # extraction dropped a paragraph's first-line indent (plain pdftotext: '…否决权6 。' then
        # '10 月 25 日，…的表决', then the paragraph's next full line); a quotation closed inside a
        # sentence ends none ('…沿用了“政治协商”' then '的名称，…')
        return (ends_sentence(_text_end(last, marker_at)) and bool(tail)
                and tail not in SENTENCE_END and measure - 2.75 <= line.width() <= measure - 1.25)
    end = _text_end(last, marker_at)[-1:]
    if end not in "。！？!?" and first.text.lstrip(" \f\u3000")[:1] in OPENING_QUOTES:
        return False   # pdftotext breaks a line before an opening quotation mark ('说：' then '“史达林…')
    if goes_on_printed_line(end, first.text) and squeezed_width(previous) + squeezed_width(line) <= measure:
        return False   # and where a pause meets a title mark, if the two fit one line ('摘要：' then '《望厦条约》是…')
    if end in "。！？!?" and _title_cut(first.text) and line.width() < measure / 2 \
            and squeezed_width(previous) + squeezed_width(line) <= measure:
        return False   # or a full stop: a title opened at a printed line's end, cut off at the stop
        # ('…应归还中华民国[3]。' then '《开罗', the title closing on the next line '宣言》确立了…')
    listed = (LIST_ITEM.match(first.text.strip()) or LIST_LABEL.match(first.text.strip())) \
        and not _run_in(previous, first.text.strip())
    # a title or an author's name: a short line of its own ('维基百科编者'), not the tail of a line an
    # extractor broke at a quotation mark ('”4 月 11' then '日“苏联…')
    opening = previous.lines[0].text.lstrip(" \f\u3000")[:1]
    untitled = previous.width() < measure * 0.6 and is_cjk(end) and not _is_punctuation(end) \
        and not CONTINUES.match(opening) \
        and opening not in OPENING_QUOTES \
        and alone   # nor a quotation's head it broke off ('「不' then '与外蒙…'), nor a split line's last fragment
    return bool(ends_sentence(_text_end(last, marker_at)) or end in COLONS or listed or untitled)


def _run_in(previous: PrintedLine, opening: str) -> bool:
    """Whether the lettered label `opening` starts with ('(b) 大連商港…') goes on an enumeration run
    into the text: the label before it ('(a)') stands inside the line above, not at its start. Such
    a label opens a line by chance and no list item."""
    label = re.match(r"[（(]([b-z])[）)]", opening)
    if not label:
        return False
    before = chr(ord(label.group(1)) - 1)
    text = "".join(line.text for line in previous.lines).strip()
    return any(form in text[1:] for form in (f"({before})", f"（{before}）"))


def list_order(pages: tuple[Page, ...], audit: Audit, headings: tuple[str, ...] = ()) -> tuple[Page, ...]:
    """`pages` with the labels of list items an extraction wrote in a run before their texts read
    each above its own text (pdfminer.six: '丙、', '丁、', then the two items' texts). The run's
    texts are cut after the lines that end an item (on 。；; or a closing mark), one item per label;
    where that does not give as many items as labels, nothing moves. Each move is audited
    (`restore_list_order`) and the raw-order check reads the page in its new order."""
    moved = []
    for page in pages:
        body = list(page.body)
        filled = [i for i, line in enumerate(body) if line.text.strip()]
        labelled = {i for i in filled if bare_list_label(body[i].text, headings)}
        k = 0
        while k < len(filled):
            run = list(itertools.takewhile(labelled.__contains__, filled[k:]))
            texts = filled[k + len(run):]
            ends = [n for n, i in enumerate(texts) if body[i].text.rstrip()[-1:] in "。；;」』”"]
            if len(run) < 2 or len(ends) < len(run) or labelled & set(texts[:ends[len(run) - 1] + 1]):
                k += max(len(run), 1)
                continue
            items = [texts[a:b + 1] for a, b in zip([0] + [e + 1 for e in ends[:len(run) - 1]], ends[:len(run)],
                                                    strict=True)]
            labels = [body[i] for i in run]
            order = [line for label, item in zip(labels, items, strict=True)
                     for line in [label] + [body[i] for i in item]]
            span = run + [i for item in items for i in item]
            for label in labels[1:]:
                audit.record("restore_list_order", label.number, label.text, label.text)
            for i, line in zip(sorted(span), order, strict=True):
                body[i] = line
            k += len(span)
        moved.append(replace(page, body=tuple(body)))
    return tuple(moved)


def bare_list_label(text: str, headings: tuple[str, ...] = ()) -> bool:
    """Whether `text` is a list item's label alone, its text on the next line: PyMuPDF cuts a
    treaty article's label from its text at the gap ('第一款', then '中國軍即撤退…'). A heading's
    label alone is a heading's (`headings.bare_label`).

    >>> bare_list_label("第一款"), bare_list_label("第一款 中國軍即撤退"), bare_list_label("第一款規定")
    (True, False, False)
    """
    text = text.strip(" \f\u3000")
    found = LIST_ITEM.match(text)
    return found is not None and found.end() == len(text) and not bare_label(text, headings)


def _rest_of_printed_line(before: PrintedLine, line: PrintedLine, marker_at: dict, measure: float) -> bool:
    """Whether `line` is the rest of the printed line `before` began: PyMuPDF cuts a printed line
    before a superscript marker and writes what follows on a line of its own. The line opens with a
    marker and goes on with text (a line holding only markers ends its sentence where the text
    before it does), and the two fit in the measure with the superscript counted as nothing: it is
    set small, and a printed line full to its last character holds it ('…簡稱「塘沽協定」。' then
    '3從形式上看，協定', 31 em with the marker counted as a body digit and its gap, 31.75)."""
    first = line.lines[0]
    text = _after_marker(first, marker_at)
    return text != first.text.lstrip(" \f\u3000") and bool(text.strip()) and line.page is before.page \
        and before.width() + _unmarked_width(line, marker_at) <= measure + 0.5


def _unmarked_width(line: PrintedLine, marker_at: dict) -> float:
    """The width of `line` without the markers that open it."""
    first = line.lines[0]
    return replace(line, lines=[RawLine(first.number, _after_marker(first, marker_at)), *line.lines[1:]],
                   _width=None).width()


def _joined(before: PrintedLine, rest: PrintedLine, marker_at: dict) -> PrintedLine:
    """The printed line `before` began and `rest` ends, one line again."""
    return replace(before, lines=before.lines + rest.lines, _width=before.width() + _unmarked_width(rest, marker_at))


def _narrower_measure(line: PrintedLine, after: PrintedLine | None, measure: float, tail: str) -> bool:
    """Whether `line` and the line after it are set on a measure narrower than the body's: a block
    quotation whose lines are indented on both sides, its first line no further (plain pdftotext,
    pdfminer.six and PyMuPDF keep no indent). Only a paragraph's last line is short in the body, so
    a short line that ends inside a sentence, followed by a line as wide, is no body line; nor is
    one followed by a line too wide to be the rest of its printed line (a quotation's paragraph of
    two lines: '…我们必须有足够的气度承认', then '过去的错误，并加以改正。'), where an extractor
    splits a printed line into short pieces ('同年 12 月 17 日，', then '罗斯福签署《马格努森法案》')."""
    return (after is not None and after.page is line.page and not after.table and bool(tail)
            and tail not in SENTENCE_END and line.width() <= measure - 1.5
            and (abs(after.width() - line.width()) <= 1
                 or squeezed_width(line) + squeezed_width(after) > measure + 0.5))


# Chinese punctuation set on a half-em body with half an em of glue that shrinks when a line is
# justified (CLREQ, JLREQ; xeCJK and LibreOffice squeeze it so): a full line can hold more of them.
SQUEEZABLE = frozenset("，。、；：﹕！？「」『』（）《》〈〉【】“”‘’")


def squeezed_width(line: PrintedLine) -> float:
    """The least width in em `line` can be set in: its punctuation squeezed to half an em.

    >>> from edition.core.model import Page
    >>> line = RawLine(1, "，內容是﹕")
    >>> squeezed_width(PrintedLine(Page(1, 1, (line,), (), (), ()), [line]))
    4.0
    """
    text = "".join(raw.text for raw in line.lines)
    return line.width() - 0.5 * sum(1 for char in text if char in SQUEEZABLE)


def _after_marker(line: RawLine, marker_at: dict) -> str:
    """The line's text after the note markers standing at its start (`1。在沙俄…` -> `。在沙俄…`;
    `②③` -> ``: two notes' markers glued)."""
    text = line.text.lstrip(" \f\u3000")
    start = len(line.text) - len(text)
    while (found := marker_at.get((line.number, start))) and found[1].text:
        start += len(found[1].text)
    return line.text[start:]


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def _blank_lines_are_rare(raw: dict[int, str]) -> bool:
    """Whether an empty line says something: not when the extraction puts one after most lines
    (pdfminer.six on some PDFs), where it ends no paragraph."""
    texts = [raw[n] for n in sorted(raw)]
    nonblank = sum(1 for text in texts if text.strip())
    adjacent = sum(1 for a, b in zip(texts, texts[1:], strict=False) if a.strip() and b.strip())
    return adjacent * 3 >= nonblank


def _indent(text: str) -> int:
    stripped = text.lstrip(" \f\u3000")
    return sum(2 if char == "\u3000" else 1 for char in text[: len(text) - len(stripped)] if char != "\f")


def _text_end(line: RawLine, marker_at: dict) -> str:
    """The line without its trailing spaces and any note marker at its end."""
    text = line.text.rstrip()
    for (number, column), (_, marker) in marker_at.items():
        if number == line.number and column + len(marker.text) == len(text):
            return text[:column].rstrip()
    return text


def _title_cut(text: str) -> bool:
    """Whether `text` opens a title mark it does not close: '《开罗', where '《开罗宣言》' goes on
    past the printed line's end."""
    stripped = text.strip(" \f\u3000")
    return stripped[:1] in "《〈" and PAIRS[stripped[0]] not in stripped


def _measure(printed: list[PrintedLine]) -> float:
    """The body's full line width in em: the width nine lines in ten do not exceed (paragraph ends,
    headings and short lines are many; an overlong line, a table row, does not stretch it). The
    pieces of a printed line plain pdftotext wrote apart (`goes_on_printed_line`) count as one line:
    each is short, and a text with many would read its measure short."""
    widths: list[float] = []
    for before, line in zip([None, *printed], printed, strict=False):
        if line.table:
            continue
        if before is not None and not before.table and before.page is line.page \
                and goes_on_printed_line(before.lines[-1].text, line.lines[0].text):
            widths[-1] += line.width()
        else:
            widths.append(line.width())
    widths.sort()
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0.0
