"""Numbered outlines in the body text: the author's own plan of the work (the thesis's 章節安排,
`1. 第一章 …` with `I. …` under it), which a page shows as a nested list and the exports mark as one.

In: a chapter's paragraphs. Out: the runs of paragraphs that form a two-level outline and each
item's level. Never changes a paragraph: the outline is how a run is read, not a new kind of text.
"""
from __future__ import annotations

import re

from edition.core.model import Paragraph

# A top-level item `1. 緒論` or a second-level one `II. 研究方法`; not `1.5 倍` nor `1945.`.
OUTLINE_ITEM = re.compile(r"^(?:(?P<top>\d{1,2})|(?P<sub>[IVX]{1,4}))\. \S")


def outline_run(paragraphs: list[Paragraph], start: int) -> list[Paragraph]:
    """The body paragraphs from `start` that form a two-level numbered outline (at least three
    items, both levels present, beginning at the top level), or []."""
    run: list[Paragraph] = []
    levels: list[bool] = []   # whether each item is at the top level
    for paragraph in paragraphs[start:]:
        match = OUTLINE_ITEM.match(paragraph.text) if paragraph.kind == "body" else None
        if match is None:
            break
        run.append(paragraph)
        levels.append(match.group("top") is not None)
    return run if len(run) >= 3 and levels[0] and not all(levels) else []


def item_level(paragraph: Paragraph) -> int:
    """1 for a top-level item, 2 for one under it (the paragraph is an outline item)."""
    match = OUTLINE_ITEM.match(paragraph.text)
    assert match is not None, "only outline items have a level"
    return 1 if match.group("top") is not None else 2


def outline_levels(paragraphs: list[Paragraph]) -> dict[int, int]:
    """id() of every paragraph that is an outline item -> its level, over one chapter's paragraphs."""
    levels: dict[int, int] = {}
    index = 0
    while index < len(paragraphs):
        run = outline_run(paragraphs, index)
        levels |= {id(p): item_level(p) for p in run}
        index += len(run) or 1
    return levels
