"""Heading numbering schemes: how a printed heading is numbered, and the number it carries.

In: a line or paragraph of text. Out: the scheme that numbers it and its number. Each scheme is one
`NumberingScheme` registered in `NUMBERINGS` under the name an editor writes in a text's layout
profile (`headings: [第X章, 第X節, 一、]`), in the order of rank a book gives them (a chapter above
its sections, 一、 above （一）, 1 above 1.1 above 1.1.1). A line is a heading candidate only when it
is short and is no sentence (no full stop or semicolon inside); whether it is a heading is decided
by `confirm_headings`, by sequence: 一、 then 二、, restarting under each higher heading; a part
headed by its name alone (`序`, `結論`: `UNNUMBERED`) is a first-level heading beside numbered
chapters, before the first or after the last. Never changes text. `heading_order` reads a part's
first section heading that an extraction wrote above the part heading (pdfminer.six) below it, as
printed, and audits the move.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from edition.core.inputs import TextSource
from edition.core.model import Audit, Page
from edition.text.markers import NOT_UNITS

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                  "九": 9, "壹": 1, "貳": 2, "贰": 2, "參": 3, "叁": 3, "肆": 4, "伍": 5, "陸": 6, "陆": 6,
                  "柒": 7, "捌": 8, "玖": 9}
TENS = {"十": 10, "拾": 10, "百": 100}
CN = "〇零一二三四五六七八九十百"
FORMAL = "壹貳贰參叁肆伍陸陆柒捌玖拾"
TITLE = r"\s*(?P<title>[^。；;，,]{0,40}?)\s*$"   # a heading's title: short, no sentence, no clause
# After a bare number, a heading's title opens with a letter or an opening bracket, never a unit: a
# year, a date, a time, a share or a count ('1945 年', '3 月', '5%', '2 次') is no heading, nor a
# label followed by punctuation ('1.', '1、'). Matches '1 背景', '2《条约》'; not '3 月', '12个'.
UNITS = "年月日时時点點分秒次回个個名岁歲号號届屆万萬亿億倍页頁"
# ...but for words that open on a unit's character (markers.NOT_UNITS): '3 日本的反应与投降' is a
# heading, '3 日' a day.
NOT_A_QUANTITY = (rf"(?=\s*(?:[^\W\d_]|[《「『“]))"
                  rf"(?!\s*(?:(?!{'|'.join(NOT_UNITS)})[{UNITS}]|世[纪紀]))")


def chinese_number(numeral: str) -> int:
    """The value of a Chinese numeral up to the hundreds.

    >>> chinese_number("十二"), chinese_number("二十"), chinese_number("貳拾壹"), chinese_number("三")
    (12, 20, 21, 3)
    """
    total, digit = 0, 0
    for char in numeral:
        if char in TENS:
            total += (digit or 1) * TENS[char]
            digit = 0
        else:
            digit = CHINESE_DIGITS[char]
    return total + digit


@dataclass(frozen=True)
class NumberingScheme:
    name: str          # as the profile writes it
    pattern: re.Pattern
    chinese: bool      # numbered with Chinese numerals (else arabic)

    def match(self, text: str) -> tuple[str, int, str] | None:
        """(label, number, title) when `text` is a heading of this scheme's form, else None."""
        found = self.pattern.match(text.strip(" \f\u3000"))
        if not found:
            return None
        numeral = found.group("n")
        number = chinese_number(numeral) if self.chinese else int(numeral.split(".")[-1])
        return found.group("label"), number, found.group("title")


def _scheme(name: str, label: str, chinese: bool) -> NumberingScheme:
    return NumberingScheme(name, re.compile(f"^(?P<label>{label})" + TITLE), chinese)


# Comments give one line each must match and one it must not.
NUMBERINGS: dict[str, NumberingScheme] = {s.name: s for s in (
    _scheme("第X編", rf"第(?P<n>[{CN}]+)[編编]", True),             # '第一編 總論'
    _scheme("第X篇", rf"第(?P<n>[{CN}]+)篇", True),                 # '第二篇 外交'
    _scheme("第X部分", rf"第(?P<n>[{CN}]+)部分", True),             # '第一部分 兵谏与通电'
    _scheme("第X章", rf"第(?P<n>[{CN}]+)章", True),                 # '第二章 莫斯科談判', not '第二章中說'
    _scheme("第X節", rf"第(?P<n>[{CN}]+)[節节]", True),             # '第一節 研究動機'
    _scheme("壹、", rf"(?P<n>[{FORMAL}]+)、", True),                  # '壹、研究動機'
    # '一　引言' (a journal's numeral and a gap, no 、), or '一' alone where the extraction cut it off
    # its title; not '一切', '一 年'
    _scheme("一　", rf"(?P<n>[{CN}]+)(?:(?=[ \t\u3000]){NOT_A_QUANTITY}|(?=\s*$))", True),
    _scheme("一、", rf"(?P<n>[{CN}]+)、", True),                      # '一、前言', not '一、蘇聯…。'
    _scheme("（一）", rf"[（(](?P<n>[{CN}]+)[）)]", True),            # '（一）外蒙古問題'
    _scheme("Chapter N", r"(?:Chapter|CHAPTER)\s+(?P<n>\d{1,2})\.?", False),   # 'Chapter 3 Yalta'
    _scheme("1.", r"(?P<n>\d{1,2})[.．、](?!\d)", False),             # '1. 引言', not '1.5'
    _scheme("1", rf"(?P<n>\d{{1,2}})(?!\d){NOT_A_QUANTITY}", False),   # '1 背景', '1背景'; not '3 月', '1.'
    _scheme("1.1", r"(?P<n>\d{1,2}\.\d{1,2})\.?(?![\d%]|\.\d)", False),   # '2.1 背景', '2.1背景'; not '2.5%', '3.1.1'
    _scheme("1.1.1", r"(?P<n>\d{1,2}\.\d{1,2}\.\d{1,2})\.?(?![\d%]|\.\d)", False),   # '3.1.1 谈判的开始'
    _scheme("（1）", r"[（(](?P<n>\d{1,2})[）)]", False),               # '（1）美方草案', below '1.'; not '（1945）'
)}


def candidate(text: str, names: tuple[str, ...] | None = None) -> tuple[str, str, int, str] | None:
    """(scheme name, label, number, title) of the first scheme (of `names`, else all) that `text`
    reads as a heading of.

    >>> candidate("（二）雅尔塔密约"), candidate("一、蘇聯陸海軍部隊應於本協定簽字後撤出。")
    (('（一）', '（二）', 2, '雅尔塔密约'), None)
    >>> candidate("2.1 背景")[:3], candidate("1945年")
    (('1.1', '2.1', 1), None)
    >>> candidate("3 日本的反应与投降", ("1",))[:3], candidate("3 日下午", ("1",))
    (('1', '3', 3), None)
    """
    for name in names or tuple(NUMBERINGS):
        if name not in NUMBERINGS:
            continue    # an unknown declared scheme is reported by the structure stage
        found = NUMBERINGS[name].match(text)
        if found:
            return (name, *found)
    return None


def bare_label(text: str, names: tuple[str, ...] = ()) -> bool:
    """Whether `text` is a heading's label alone, without its title: a centred heading the
    extraction cut at its gap ('第一部分', then '兵谏与通电' on the next line).

    >>> bare_label("第一部分"), bare_label("第一部分　兵谏与通电"), bare_label("兵谏")
    (True, False, False)
    """
    found = candidate(text, names or None)
    return found is not None and not found[3]


# The parts of a work headed by their name alone, not numbered: '序', '前言', '結論' (where such a
# name heads a part of the work: `confirm_headings`).
UNNUMBERED = frozenset("序 序言 自序 代序 前言 引言 導言 导言 導論 导论 緒論 绪论 結論 结论 結語 结语 "
                       "餘論 余论 後記 后记 附錄 附录 參考文獻 参考文献 徵引書目 征引书目 引用書目 引用书目 "
                       "凡例 致謝 致谢 謝辭 谢辞 編者前言 编者前言 出版說明 出版说明 編輯說明 编辑说明".split())


def unnumbered(text: str) -> str:
    """The name of an unnumbered part the text heads ('序'), or ''.

    >>> unnumbered("序"), unnumbered("結　論"), unnumbered("序言：本書之作"), unnumbered("一、前言")
    ('序', '結論', '', '')
    """
    name = re.sub(r"\s", "", text)
    return name if name in UNNUMBERED else ""


def confirm_headings(texts: list[str], names: tuple[str, ...]) -> list[tuple[int, str, int] | None]:
    """For each text, (level, scheme name, number) when it is a heading of the declared schemes
    (`names`, level 1 first) in sequence, else None. A level's numbers start at 1 under each heading
    above it and go up by one (one may be missing: an extractor can move a heading out of its place,
    pdfminer.six among others); an item out of sequence (a list inside a quotation restarting at
    一、) stays an item.

    >>> confirm_headings(["一、甲", "（一）乙", "文。", "（二）丙", "文。", "（一）丁", "二、戊"], ("一、", "（一）"))
    [(1, '一、', 1), (2, '（一）', 1), None, (2, '（一）', 2), None, None, (1, '一、', 2)]
    >>> confirm_headings(["一、甲", "正文。", "（1）乙", "（2）丙", "正文。"], ("一、", "（1）"))
    [(1, '一、', 1), None, None, None, None]

    A level may also be numbered through the levels above, as a collection numbers its documents
    through its parts:

    >>> [found and found[2] for found in confirm_headings(["壹、甲", "一、乙", "文。", "二、丙", "文。", "貳、丁",
    ...                                                      "三、戊", "文。", "一、己"], ("壹、", "一、"))]
    [1, 1, None, 2, None, 2, 3, None, None]

    An unnumbered part's name alone (`unnumbered`) is a first-level heading of no scheme, numbered 0,
    where the text has numbered first-level headings and it stands before the first of them (front
    matter: '序', '凡例') or after the last (back matter: '結論', '參考文獻'), and is printed once (a
    contents page lists it too; one closing each chapter is a section's). After a label alone it is
    that label's title (a thesis: '第一章', then '緒論').

    >>> confirm_headings(["序", "正文。", "第一章", "結論", "正文。", "第二章", "文。", "結論"], ("第X章",))
    [(1, '', 0), None, (1, '第X章', 1), None, None, (1, '第X章', 2), None, (1, '', 0)]
    >>> confirm_headings(["正文。", "参考文献", "文。"], ("一、",)), confirm_headings(["結語", "結語"], ("一、",))
    ([None, None, None], [None, None])
    """
    numbered = _confirm(texts, names, set())
    firsts = [at for at, found in enumerate(numbered) if found and found[0] == 1]
    named = [at for at, text in enumerate(texts) if unnumbered(text) and not (at and bare_label(texts[at - 1]))]
    counts = Counter(unnumbered(texts[at]) for at in named)
    parts = {at for at in named if firsts and counts[unnumbered(texts[at])] == 1 and not firsts[0] <= at <= firsts[-1]}
    return _confirm(texts, names, parts) if parts else numbered


def _confirm(texts: list[str], names: tuple[str, ...], parts: set[int]) -> list[tuple[int, str, int] | None]:
    """`confirm_headings`, the texts at `parts` unnumbered first-level headings."""
    expected = [1] * len(names)
    through = [1] * len(names)    # each level's next number where it is numbered through the levels above
    result: list[tuple[int, str, int] | None] = []
    read = [candidate(text, names) if names else None for text in texts]
    listed = list_runs(read)
    for at, found in enumerate(read):
        if at in parts:
            expected[1:] = [1] * (len(names) - 1)
            result.append((1, "", 0))
            continue
        found = None if at in listed else found
        if not found:
            result.append(None)
            continue
        level = names.index(found[0])
        # numbered through: a collection's documents 一、–六、 under 壹、, then 七、 under 貳、
        continued = expected[level] == 1 and found[2] == through[level] > 1
        if found[2] not in (expected[level], expected[level] + 1) and not continued:
            result.append(None)
            continue
        expected[level] = found[2] + 1 if continued else expected[level] + 1
        through[level] = expected[level]
        expected[level + 1:] = [1] * (len(names) - level - 1)
        result.append((level + 1, found[0], found[2]))
    return result


def list_runs(found: list[tuple[str, str, int, str] | None]) -> set[int]:
    """Of texts read as heading candidates (`candidate`), those that stand in a run of two or more
    of one scheme numbered one after another with nothing between them: a list's items, not
    headings (a heading heads some text): '（1）放弃治外法权', '（2）交还租界' one under the other.

    >>> sorted(list_runs([candidate(t) for t in ["分列如下：", "（1）甲", "（2）乙", "正文。", "（3）丙"]]))
    [1, 2]
    """
    runs: set[int] = set()
    for at, (one, other) in enumerate(zip(found, found[1:], strict=False)):
        if one and other and one[0] == other[0] and other[2] == one[2] + 1:
            runs |= {at, at + 1}
    return runs


def propose_schemes(texts: list[str]) -> tuple[str, ...]:
    """The schemes a text's headings follow, ranked: each scheme whose candidates begin a sequence
    1, 2 (so a lone `1.` or one `（一）` proposes nothing), in the order of `NUMBERINGS`.

    >>> propose_schemes(["一、前言", "正文。", "（一）甲", "正文。", "（二）乙", "二、结论", "1945年"])
    ('一、', '（一）')
    """
    numbers: dict[str, list[int]] = {}
    read = [candidate(text) for text in texts]
    listed = list_runs(read)
    for at, found in enumerate(read):
        if found and at not in listed:
            numbers.setdefault(found[0], []).append(found[2])
    return tuple(name for name in NUMBERINGS if 1 in numbers.get(name, []) and 2 in numbers.get(name, []))


def heading_order(source: TextSource, pages: tuple[Page, ...], audit: Audit) -> tuple[Page, ...]:
    """`pages` with each first section heading an extraction wrote directly above the heading of the
    level above it moved below that heading, as printed: a section cannot open before its part
    (pdfminer.six: '一、兵谏', then '第一部分　兵谏与通电'). Only a heading numbered 1 of a lower
    level of the text's declared schemes, followed by nothing but blank lines and then a heading of
    a higher level. And two headings set one above the other whose labels an extraction wrote
    before their titles (pdftotext: '第二章', '第一節', '簽訂經過', '長城抗戰與停戰交涉'): the second
    label is read below the first title. Each move is audited (`restore_heading_order`) and the
    raw-order check reads the page in its new order."""
    names = tuple(source.layout.headings)
    if len(names) < 2:
        return pages

    def level(text: str) -> tuple[int, int] | None:
        found = candidate(text.strip(" \f\u3000"), names)
        return (names.index(found[0]), found[2]) if found else None

    def bare(text: str) -> bool:
        return bare_label(text.strip(" \f\u3000"), names)
    moved = []
    for page in pages:
        body = list(page.body)
        filled = [i for i, line in enumerate(body) if line.text.strip()]
        for here, there in zip(filled, filled[1:], strict=False):
            first, then = level(body[here].text), level(body[there].text)
            if first and then and first[0] > then[0] and first[1] == 1:
                body[here], body[there] = body[there], body[here]
                audit.record("restore_heading_order", body[there].number, body[there].text, body[there].text)
        for here, there, title, other in zip(filled, filled[1:], filled[2:], filled[3:], strict=False):
            # two headings set one above the other, their labels written before their titles (pdftotext:
            # '第二章', '第一節', '簽訂經過', '長城抗戰與停戰交涉'): each label goes above its own title
            first, then = level(body[here].text), level(body[there].text)
            if first and then and first[0] < then[0] and bare(body[here].text) and bare(body[there].text) \
                    and not level(body[title].text) and not level(body[other].text):
                label = body[there]
                body[there:title + 1] = body[there + 1:title + 1] + [label]
                audit.record("restore_heading_order", label.number, label.text, label.text)
        moved.append(replace(page, body=tuple(body)))
    return tuple(moved)
