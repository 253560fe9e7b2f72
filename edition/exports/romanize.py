"""Hanyu Pinyin for Chicago citations of Chinese works (Chicago Manual 17th ed., 11.58 ff., 14.107).

In: a title or a personal name in Chinese characters (either script), and the editors' readings
from `sources/edition.yml` (`romanization`: characters -> reading), which win wherever they match.
Out: the romanization Chicago puts before the characters: words run together (jieba's words,
pypinyin's readings, no tone marks, an apostrophe before a syllable that begins with a, o or e
inside a word), sentence case for a title, surname then given name for a person.
Never guesses capitals for proper nouns inside a title: that is what the editors' readings are for.
"""
from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path

from edition.core.memo import code_of, key_of, write_whole

# One CJK ideograph (Basic block and Extension A): `蘇` matches, `1945` and `、` do not.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Chinese punctuation as the romanization writes it.
PUNCTUATION = {"：": ": ", "，": ", ", "、": ", ", "；": "; ", "（": " (", "）": ") ", "《": "", "》": "",
               "「": "“", "」": "”", "“": "“", "”": "”", "—": "—", "－": "-", "？": "? ", "！": "! "}


def romanize_word(word: str) -> str:
    """One word's syllables run together, with the apostrophe pinyin writes between them.

    >>> romanize_word("東北"), romanize_word("第二"), romanize_word("西安")
    ('dongbei', 'di’er', 'xi’an')
    """
    from pypinyin import Style, lazy_pinyin  # here, as jieba below: a rebuild finds its titles in the memo
    syllables = lazy_pinyin(word, style=Style.NORMAL, errors="default")
    return syllables[0] + "".join(("’" if s[:1] in "aoe" else "") + s for s in syllables[1:])


def _segments(text: str, readings: Mapping[str, str]) -> list[tuple[str, bool]]:
    """`text` split into (piece, romanized) pairs: the editors' readings first, longest first."""
    for chars in sorted(readings, key=len, reverse=True):
        if chars and chars in text:
            before, _, after = text.partition(chars)
            return [*_segments(before, readings), (readings[chars], True), *_segments(after, readings)]
    return [(text, False)] if text else []


def _auto(text: str) -> str:
    """Characters read word by word; Latin letters, digits and other marks kept as they stand.
    jieba is imported here, on the first title not already in the memo: loading its dictionary is
    most of a cold romanization's cost."""
    import jieba
    jieba.setLogLevel(logging.WARNING)
    out = []
    for word in jieba.cut(text):
        if HAN.search(word):
            out.append(" " + romanize_word(word) + " ")
        else:
            out.append("".join(PUNCTUATION.get(ch, ch) for ch in word))
    return "".join(out)


# Titles and names already romanized, by their keys: this process's, and those a build stored under
# build/cache/ (`load_memo`, `save_memo`). The key holds everything the result depends on (the
# title, the editors' readings, this module's code, jieba's and pypinyin's versions), so a stored
# entry is never stale: a change to any of them is another key.
MEMO: dict[str, str] = {}
CODE = code_of(__file__)


@functools.cache
def _versions() -> tuple[str, str, str]:
    return CODE, version("jieba"), version("pypinyin")


def _memo_key(text: str, readings: Mapping[str, str]) -> str:
    return key_of(text, [f"{chars}\x00{reading}" for chars, reading in sorted(readings.items())], *_versions())


def load_memo(folder: Path) -> None:
    """Add the romanizations stored in `folder` (one file per script job) to the memo; a file that
    cannot be read is ignored (the titles are romanized again)."""
    for path in sorted(folder.glob("romanize-*.json")) if folder.is_dir() else ():
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(kept, dict):
            MEMO.update((k, v) for k, v in kept.items() if isinstance(k, str) and isinstance(v, str))


def save_memo(folder: Path, name: str) -> None:
    """Store the memo as `romanize-<name>.json` in `folder`, whole or not at all (written aside,
    then renamed), so a concurrent job or a killed build never leaves half a file."""
    write_whole(folder / f"romanize-{name}.json", dict(sorted(MEMO.items())))


def prepare(titles: list[str], readings: Mapping[str, str]) -> None:
    """Load jieba's dictionary now when one of `titles` (the texts' titles and chapter titles as
    printed) is not in the memo: a build calls this before its script workers fork, so that they
    share one loaded dictionary instead of loading it each (most of a cold romanization's cost).
    When every title is in the memo, nothing is loaded: a rebuild seldom needs jieba at all."""
    if any(HAN.search(title) and _memo_key(title, readings) not in MEMO for title in titles):
        import jieba
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()


def romanize(text: str, readings: Mapping[str, str]) -> str:
    """A title in pinyin, sentence case (the first letter capital, the rest as read).

    >>> romanize("莫斯科談判前之東北問題", {"東北": "Dongbei"})
    'Mosike tanpan qian zhi Dongbei wenti'
    >>> romanize("[1945年的問題]", {})
    '[1945 nian de wenti]'
    """
    key = _memo_key(text, readings)
    if key not in MEMO:
        MEMO[key] = _romanized(text, readings)
    return MEMO[key]


def _romanized(text: str, readings: Mapping[str, str]) -> str:
    joined = "".join(f" {piece} " if done else _auto(piece) for piece, done in _segments(text, readings))
    joined = re.sub(r"\s+", " ", joined).strip()
    joined = re.sub(r"([\[(“]) ", r"\1", re.sub(r" ([\]),.:;?!”])", r"\1", joined))
    first = len(joined) - len(joined.lstrip("[(“"))       # the first word, inside any bracket
    return joined[:first] + joined[first:first + 1].upper() + joined[first + 1:]


def romanize_name(name: str, readings: Mapping[str, str]) -> str:
    """A Chinese personal name as Chicago writes it: surname, then the given name in one word.
    A compound surname (歐陽) or a name known by another form needs the editors' reading.

    >>> romanize_name("尤淑君", {}), romanize_name("Jane Doe", {})
    ('You Shujun', 'Jane Doe')
    """
    if name in readings:
        return readings[name]
    if not HAN.fullmatch(name[:1] or "x"):
        return name
    key = key_of("name", name, "", *_versions())   # six parts, a title's key five: never the same key
    if key not in MEMO:
        surname, given = romanize_word(name[0]), romanize_word(name[1:]) if len(name) > 1 else ""
        MEMO[key] = " ".join(part.capitalize() for part in (surname, given) if part)
    return MEMO[key]
