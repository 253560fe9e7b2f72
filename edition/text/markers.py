"""Whether a number in running text is a note marker or a quantity: a year, a date, a count.

Shared by the note conventions (`edition.text.notes` for the seeds' extraction,
`edition.text.footnotes` for the others). Pure functions of the text around a digit run.
"""
from __future__ import annotations

import re

# Characters after a number that make it a quantity or date, not a marker: '1945 年', '3 月'.
UNITS = set("年月日時时點点歲岁萬万億亿人名個个件次條条項项款章節节頁页版期卷冊册輯辑編编號号週周倍架艘輛辆"
            "師师團团旅營营艦舰里哩噸吨%％度届屆位家座天秒兩两成份篇則则封員员批句")
DATE_UNITS = set("年月日")
# Words that begin with a unit character but are no unit: '任務，43期間', '味道。5日本学界'.
NOT_UNITS = ("期間", "期间", "日本", "年代", "人民", "名義", "名义", "時期", "时期", "時間", "时间",
             "成立", "成為", "成为", "次要", "分析", "點評", "点评")
# Characters before a number that make it a quantity: '第 3 期', 'No.742', '1945-1949', '1.'.
QUANTITY_BEFORE = set("第卷號号-—–~～/.．:,")
# The brackets a note's number is printed in: '[1]', '［1］', the tortoise shells '〔1〕', the
# lenticular '【1】' and '〖1〗', and parentheses '(1)' (LaTeX's and Word's '(\arabic)'; never the
# full-width '（1）' a heading or list item is labelled with). The full-width square bracket is the
# half-width one as another font writes it: a label in one has its markers in either.
NOTE_BRACKETS = {"[": "]", "［": "］", "〔": "〕", "【": "】", "〖": "〗", "(": ")"}
SAME_BRACKET = {"［": "["}
# The brackets a list's items and a sentence's enumeration are labelled in too ('(1) 放弃…；',
# '有三：(1)战时宣传'): a label in them opens notes only where markers point to them, and a marker
# in them follows text (edition/text/footnotes.py).
LIST_BRACKETS = "("
# A bracketed number, a note's label or marker: '[12]', '〔3〕', '(3)'; not '[a]', '〔十〕' or '（3）'.
BRACKETED = rf"[{re.escape(''.join(NOTE_BRACKETS))}]\d{{1,3}}[{re.escape(''.join(NOTE_BRACKETS.values()))}]"


def bracketed_forms(opening: str, number: int) -> tuple[str, ...]:
    """How a marker in the brackets of a label opening with `opening` may be written in the body.

    >>> bracketed_forms("[", 3), bracketed_forms("〔", 12)
    (('[3]', '［3］'), ('〔12〕',))
    """
    shape = SAME_BRACKET.get(opening, opening)
    return tuple(f"{o}{number}{c}" for o, c in NOTE_BRACKETS.items() if SAME_BRACKET.get(o, o) == shape)



def marker_length(text: str, start: int, end: int, expected: int) -> int:
    """How many leading digits of the run text[start:end] are the marker `expected`; 0 if none.

    >>> marker_length("分析。1本文", 3, 4, 1), marker_length("1945 年", 0, 4, 1)
    (1, 0)
    >>> marker_length("紧密。51926年4月", 3, 8, 5), marker_length("意见。1010 月", 3, 7, 10)
    (1, 2)
    >>> marker_length("第 3 期", 2, 3, 3), marker_length("问题3，没有", 2, 3, 3)
    (0, 1)
    >>> marker_length("於 8 月 14 日", 6, 8, 1), marker_length("于 12 月 27", 2, 4, 1)
    (0, 0)
    >>> marker_length("關東軍。 21927 年", 5, 10, 2), marker_length("18 日322 時", 4, 7, 3)
    (1, 1)
    >>> marker_length("18 日12 時", 4, 6, 1), marker_length("月14日", 1, 3, 1)
    (0, 0)
    """
    label = str(expected)
    digits = text[start:end]
    if not digits.startswith(label):
        return 0
    before = text[:start].rstrip()[-1:]
    if before in QUANTITY_BEFORE:
        return 0
    after = text[end:].lstrip()[:1]
    rest = digits[len(label):]
    if not rest:
        following = re.sub(r"\s", "", text[end:end + 8])
        is_unit = after in UNITS and not following.startswith(NOT_UNITS)
        return 0 if is_unit else len(label)
    # '紧密。51926年' is a marker glued to a year; '8 月 14 日' is a date, whatever note is expected;
    # a number the extractor set off by a space is one number, no digit of it a marker ('于 12 月'),
    # unless the whole run can be no such number while its rest can: '關東軍。 21927 年' (the space
    # the extractor puts between CJK and digits), '18 日322 時' (no hour 322, a marker and 22 時)
    spaced = text[start - 1:start].isspace()
    whole = _is_date_part(digits, after)
    glued_to_date = _is_date_part(rest, after) and (not whole or (not spaced and before not in DATE_UNITS))
    return len(label) if glued_to_date else 0


def _is_date_part(number: str, unit: str) -> bool:
    """'1926' before 年, '10' before 月, '5' before 日, '22' before 時: a number a marker can be glued to."""
    value = int(number)
    if number.startswith("0"):
        return False
    if unit == "年":
        return len(number) == 4 and 1800 <= value <= 2099
    if unit == "月":
        return 1 <= value <= 12
    if unit == "日":
        return 1 <= value <= 31
    if unit in "時时點点":
        return value <= 24
    return False
