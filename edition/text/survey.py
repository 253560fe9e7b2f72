"""What the reconstruction finds in a new text, before any editor has declared anything about it.

In: a raw text as a `TextSource` whose declaration is still a guess (no chapters yet). Out: a
`Survey`: its script (counted), and the layout report of `edition.text.profile.detect_profile`
(the layout profile to declare, the note numbering, pages and printed page numbers with their
gaps, furniture removed with counts and an example each, notes found, linked and unmatched,
headings per level, paragraphs, every undecided line as `file:line`), with a proposed slug for
each chapter heading. This is what `add-text` prints and writes into the text's entry of
sources/edition.yml: the one adapter between add-text and the reconstruction.
Never writes anything, never raises on a text it cannot read.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

import opencc

from edition.core.inputs import TextSource
from edition.text.profile import LayoutReport, detect_profile


@dataclass(frozen=True)
class Heading:
    label: str           # 一、 or 第二章: what edition.yml declares for a chapter
    title: str
    line: int            # its first raw line
    slug: str            # proposed; the editor may rename it before the first publication


@dataclass(frozen=True)
class Survey:
    script: str
    script_counts: dict[str, int]     # characters only the traditional / simplified script has
    layout: LayoutReport
    headings: tuple[Heading, ...]     # the chapter (level-1) headings, with proposed slugs

    @property
    def problems(self) -> list[str]:
        """Everything left undecided, each as 'file:line: sentence'."""
        return self.layout.unmatched + self.layout.undecided


@functools.lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(f"{config}.json")


def script_counts(text: str) -> dict[str, int]:
    """How many Han characters of `text` only one script writes: a character that t2s changes is
    traditional, one that s2t changes is simplified (one that both leave alone says nothing).

    >>> script_counts("這個国家")
    {'hant': 2, 'hans': 1}
    """
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    to_simplified, to_traditional = _converter("t2s"), _converter("s2t")
    distinct = Counter(han)
    return {"hant": sum(n for c, n in distinct.items() if to_simplified.convert(c) != c),
            "hans": sum(n for c, n in distinct.items() if to_traditional.convert(c) != c)}


def survey(source: TextSource) -> Survey:
    """Everything `add-text` reports on `source` and writes into its entry."""
    counts = script_counts("".join(line.text for line in source.lines))
    script = "hant" if counts["hant"] >= counts["hans"] else "hans"
    report = detect_profile(source.lines, source.path, source.watermark, tables=source.tables)
    return Survey(script, counts, report, chapter_headings(report))


def chapter_headings(report: LayoutReport) -> tuple[Heading, ...]:
    """The level-1 headings the reconstruction found, each with a slug from its title."""
    headings: list[Heading] = []
    slugs = Counter[str]()
    for label, title, line in report.headings.get(1, []):
        slug = slug_of(title) or f"chapter-{len(headings) + 1}"
        slugs[slug] += 1
        headings.append(Heading(label, title, line, slug if slugs[slug] == 1 else f"{slug}-{slugs[slug]}"))
    return tuple(headings)


def slug_of(title: str, words: int = 4) -> str:
    """A chapter slug from the first words of its title, in pinyin (Latin words kept).

    >>> slug_of("前言"), slug_of("雅尔塔密约与外蒙古"), slug_of("The Yalta Agreement")
    ('qian-yan', 'ya-er-ta-mi', 'the-yalta-agreement')
    """
    # imported here, not with the module: every command imports this module, and pypinyin takes 0.2 s
    from pypinyin import lazy_pinyin
    syllables = [re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-") for word in lazy_pinyin(title)]
    return "-".join([s for s in syllables if s][:words])[:40].strip("-")
