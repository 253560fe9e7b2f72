"""What the reconstruction finds in a new text, before any editor has declared anything about it.

In: a raw text as a `TextSource` whose declaration is still a guess (no chapters yet). Out: a
`Survey`: its script (counted), its note numbering (the convention under which the notes link
best), the pages and printed page numbers with their gaps, the furniture removed (counts and an
example each), notes found, linked and unmatched, the paragraphs, the headings per level with
proposed chapter slugs, and every problem as `file:line`. This is what `add-text` prints and
writes into the text's entry of sources/edition.yml.

It runs today's stages (layout, notes, paragraphs, the heading patterns of `structure`) through
this one adapter, so that a better reconstruction (a detected layout profile) changes what it
finds here and nowhere else. Never writes anything, never raises on a text it cannot read: what
it cannot decide is a problem in the survey.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

import opencc
from pypinyin import lazy_pinyin

from edition.core.errors import EditionError, Problem, Problems
from edition.core.inputs import TextSource
from edition.core.model import Audit, Page, Paragraph
from edition.text.layout import layout
from edition.text.notes import find_markers, link, parse_note_blocks
from edition.text.paragraphs import build_paragraphs
from edition.text.structure import CHAPTER, NUMBERED_HEADING

NOTE_CONVENTIONS = ("global", "per-page")


@dataclass(frozen=True)
class Heading:
    label: str           # 一、 or 第二章: what edition.yml declares for a chapter
    title: str
    line: int            # its first raw line
    slug: str            # proposed; the editor may rename it before the first publication


@dataclass
class Survey:
    script: str
    script_counts: dict[str, int]                  # characters only the traditional / simplified script has
    notes_convention: str = "global"
    pages: int = 0
    printed: list[int] = field(default_factory=list)      # printed page numbers found, in page order
    furniture: dict[str, tuple[int, str]] = field(default_factory=dict)   # fix -> (count, example at file:line)
    notes_found: int = 0
    markers_found: int = 0
    notes_linked: int = 0
    paragraphs: int = 0
    headings: list[Heading] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def gaps(self) -> list[int]:
        """Printed page numbers missing inside the printed sequence."""
        present = set(self.printed)
        return [n for n in range(min(present), max(present) + 1) if n not in present] if present else []


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
    """Everything `add-text` reports on `source`: its note numbering is the convention under which
    fewest notes and markers stay unmatched (the first of `NOTE_CONVENTIONS` on a tie)."""
    counts = script_counts("".join(line.text for line in source.lines))
    script = "hant" if counts["hant"] >= counts["hans"] else "hans"
    tries = [_survey(replace(source, notes=convention), Survey(script, counts, convention))
             for convention in NOTE_CONVENTIONS]
    return min(tries, key=lambda found: (len(found.problems), -found.notes_linked))


def _survey(source: TextSource, found: Survey) -> Survey:
    try:
        pages = layout(source)
    except EditionError as error:
        found.problems += error.problems
        return found
    found.pages, found.printed = len(pages), _printed(pages)
    found.furniture = _furniture(source, pages)
    problems = Problems()
    drafts = parse_note_blocks(source, pages, problems)
    markers = find_markers(source, pages, problems)
    notes = link(source, drafts, markers, problems)
    found.notes_found, found.markers_found, found.notes_linked = len(drafts), len(markers), len(notes)
    found.problems += problems.items
    if problems.items:
        return found          # paragraphs need every marker paired with its note
    try:
        paragraphs, _ = build_paragraphs(source, pages, markers, notes, {}, Audit())
    except EditionError as error:
        found.problems += error.problems
        return found
    found.paragraphs = len(paragraphs)
    found.headings = chapter_headings(source, paragraphs)
    if not found.headings:
        found.problems.append(Problem(source.path, "no chapter heading found (第一章 … or 一、…): "
                                      "the text would have no chapters"))
    return found


def _printed(pages: tuple[Page, ...]) -> list[int]:
    return [int(c.before) for page in pages for c in page.artifacts if c.fix == "remove_page_number"]


def _furniture(source: TextSource, pages: tuple[Page, ...]) -> dict[str, tuple[int, str]]:
    removed: dict[str, tuple[int, str]] = {}
    for change in (c for page in pages for c in page.artifacts):
        count, example = removed.get(change.fix, (0, f"{source.path}:{change.line}: {change.before.strip()[:40]}"))
        removed[change.fix] = (count + 1, example)
    return removed


def chapter_headings(source: TextSource, paragraphs: list[Paragraph]) -> list[Heading]:
    """The top-level headings as the text's heading scheme finds them (`structure`'s patterns):
    `第二章` with the title on the next paragraph, or a short numbered line `一、前言`."""
    headings: list[Heading] = []
    slugs = Counter[str]()
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind != "body":
            continue
        if source.work.headings == "thesis":
            if not CHAPTER.match(paragraph.text):
                continue
            label = paragraph.text
            title = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        elif numbered := NUMBERED_HEADING.match(paragraph.text):
            label, title = numbered.group(1), numbered.group(2).strip()
        else:
            continue
        slug = slug_of(title) or f"chapter-{len(headings) + 1}"
        slugs[slug] += 1
        unique = slug if slugs[slug] == 1 else f"{slug}-{slugs[slug]}"
        headings.append(Heading(label, title, paragraph.lines[0], unique))
    return headings


def slug_of(title: str, words: int = 4) -> str:
    """A chapter slug from the first words of its title, in pinyin (Latin words kept).

    >>> slug_of("前言"), slug_of("雅尔塔密约与外蒙古"), slug_of("The Yalta Agreement")
    ('qian-yan', 'ya-er-ta-mi', 'the-yalta-agreement')
    """
    syllables = [re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-") for word in lazy_pinyin(title)]
    return "-".join([s for s in syllables if s][:words])[:40].strip("-")
