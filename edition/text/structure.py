"""Stage 5, structure: paragraphs -> chapters, sections and subsections.

In: the paragraphs of a text and its declaration (chapter slugs and labels). Out: `Chapter`s, each
with its paragraphs (headings marked `kind="heading"` with label, title and level) and its
sections. How headings look depends on the kind of work (edition.yml's metadata `type`): each
heading scheme is one function registered in `SCHEMES` with `@scheme(name)`, and each work type
names its scheme (`headings` in `edition.core.inputs.WORK_TYPES`).
Thesis: chapters `第二章` + a title line; sections `第一節 …` (in chapter 1 `壹、 …`);
subsections `一、…`. Chapter 6 has `一、` `二、` directly under the chapter: they are kept at
subsection level (3), since the thesis prints them exactly like the subsections of the other
chapters, and a reader's table of contents should not promote them. Article: front matter (title,
author, abstract, keywords: kind `front`) then sections `一、前言` … `五、结论`, one chapter each.
A text with a declared `headings:` profile, or extracted otherwise than the seeds, is read by its
numbering schemes instead (`numbered`, schemes from `edition.text.headings`, confirmed by sequence).
Numbered items inside quoted documents (`（一）外蒙古現狀…`) are never headings: only body
paragraphs can be. The thesis's own table of contents is compared with what was detected; every
difference goes into the audit as a `ContentsMismatch`. Never changes a paragraph's text. A
section remembers its heading's raw line, so that `place_sections` can find the heading after
corrections.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from edition.core.errors import Problems, fail
from edition.core.inputs import TextSource
from edition.core.model import Audit, Chapter, ContentsMismatch, Paragraph, Section
from edition.text.headings import NUMBERINGS, candidate, confirm_headings, propose_schemes, unnumbered
from edition.text.layout import page_convention

NUMERAL = "一二三四五六七八九十"
CHAPTER = re.compile(rf"^第[{NUMERAL}]+章$")
SECTION = re.compile(rf"^(第[{NUMERAL}]+節|[壹貳參肆伍陸柒捌玖拾]、)\s*(\S.*)$")
# A short numbered line with no sentence punctuation: '一、研究動機', not '一、蘇聯陸海軍部…。'
NUMBERED_HEADING = re.compile(rf"^([{NUMERAL}]+、)\s*([^。；：，]{{1,30}})$")
# The thesis's own contents: '2. 第二章 莫斯科談判前的東北問題', 'III. 蘇聯談判前之準備'.
TOC_CHAPTER = re.compile(r"^\d\.\s*(第.章)\s*(.+)$")
TOC_SECTION = re.compile(r"^[IVX]+\.\s*(.+)$")


# A heading scheme: the text's declaration, its paragraphs, the audit (for what it notes) and the
# problems to add to (a declared chapter not found) -> its chapters.
Scheme = Callable[[TextSource, list[Paragraph], Audit, Problems], list[Chapter]]
SCHEMES: dict[str, Scheme] = {}


def scheme(work_type: str) -> Callable[[Scheme], Scheme]:
    """Register the function it decorates as the heading scheme of works of `work_type`."""
    def register(function: Scheme) -> Scheme:
        SCHEMES[work_type] = function
        return function
    return register


def structure(source: TextSource, paragraphs: list[Paragraph], audit: Audit) -> list[Chapter]:
    """The text's chapters, by the heading scheme of its type of work; raises listing every problem."""
    work_type = source.work.headings    # the scheme its work type declares (core.inputs.WORK_TYPES)
    # The schema admits only known types: a type left without a scheme is a programming error.
    # A text with a declared heading profile, or any extraction but the seeds', is read by its own
    # numbering schemes (declared or detected) whatever its type of work.
    # So is a text of one declared chapter (a text without chapter headings is all one chapter).
    by_numbering = bool(source.layout.headings) or page_convention(source) != "blank-lines" \
        or len(source.chapters) == 1
    if not by_numbering and work_type not in SCHEMES:
        raise LookupError(f"no heading scheme for works of type '{work_type}' (text '{source.id}'; "
                          f"registered: {', '.join(SCHEMES)})")
    problems = Problems()
    chapters = (numbered if by_numbering else SCHEMES[work_type])(source, paragraphs, audit, problems)
    problems.raise_if_any()
    return chapters


@scheme("thesis")
def thesis(source: TextSource, paragraphs: list[Paragraph], audit: Audit, problems: Problems) -> list[Chapter]:
    """Chapters `第二章` and a title line; sections and subsections inside (`_thesis_heading`); the
    printed table of contents checked against them."""
    starts = [i for i, p in enumerate(paragraphs) if p.kind == "body" and CHAPTER.match(p.text)]
    _check_slugs(source, starts, paragraphs, problems)
    chapters = []
    # A declared chapter without its heading, or the reverse, is a problem `_check_slugs` reported.
    for (slug, label), start, end in zip(source.chapters, starts, starts[1:] + [len(paragraphs)], strict=False):
        title = paragraphs[start + 1].text
        body = [replace(paragraphs[start], kind="heading", level=1, label=label, title=title),
                replace(paragraphs[start + 1], kind="heading", level=1, label=label, title=title)]
        body += [_thesis_heading(p) for p in paragraphs[start + 2:end]]
        chapters.append(Chapter(slug, label, title, tuple(body), _sections(slug, body)))
    compare_with_contents(paragraphs, chapters, audit)
    return chapters


def _thesis_heading(paragraph: Paragraph) -> Paragraph:
    if paragraph.kind != "body" or paragraph.note_refs:
        return paragraph
    section = SECTION.match(paragraph.text)
    if section:
        return replace(paragraph, kind="heading", level=2, label=section.group(1), title=section.group(2).strip())
    numbered = NUMBERED_HEADING.match(paragraph.text)
    if numbered:
        return replace(paragraph, kind="heading", level=3, label=numbered.group(1), title=numbered.group(2).strip())
    return paragraph


@scheme("article")
def article(source: TextSource, paragraphs: list[Paragraph], audit: Audit, problems: Problems) -> list[Chapter]:
    """Front matter (kind `front`), then one chapter per numbered section `一、前言`; no sections."""
    headings = {i: numbered for i, p in enumerate(paragraphs)
                if p.kind == "body" and (numbered := NUMBERED_HEADING.match(p.text))}
    starts = list(headings)
    _check_slugs(source, starts, paragraphs, problems)
    front = [as_front(p) for p in paragraphs[: starts[0] if starts else 0]]
    chapters = [Chapter("front", "", source.title, tuple(front), ())]
    # A declared chapter without its heading, or the reverse, is a problem `_check_slugs` reported.
    for (slug, label), start, end in zip(source.chapters, starts, starts[1:] + [len(paragraphs)], strict=False):
        match = headings[start]
        title = match.group(2).strip()
        heading = replace(paragraphs[start], kind="heading", level=1, label=match.group(1), title=title)
        chapters.append(Chapter(slug, label, title, (heading,) + tuple(paragraphs[start + 1:end]), ()))
    return chapters


def heading_schemes(source: TextSource, paragraphs: list[Paragraph]) -> tuple[str, ...]:
    """The text's heading schemes, level 1 first: as its layout profile declares, else detected."""
    unknown = [name for name in source.layout.headings if name not in NUMBERINGS]
    if unknown:
        raise fail(f"sources/edition.yml:{source.layout.line}", f"text '{source.id}' declares the heading scheme "
                   f"'{unknown[0]}', which is none of: {', '.join(NUMBERINGS)}")
    return source.layout.headings or propose_schemes([p.text for p in paragraphs if p.kind in ("body", "list")])


def numbered(source: TextSource, paragraphs: list[Paragraph], audit: Audit, problems: Problems) -> list[Chapter]:
    """Headings by the text's numbering schemes (`edition.text.headings`), confirmed by sequence:
    level 1 opens a chapter, deeper levels are its sections; what precedes the first chapter is front
    matter. A text without level-1 headings and one declared chapter is that chapter."""
    schemes = heading_schemes(source, paragraphs)
    # a confirmed heading can have been taken for a list item beside a quotation ('4. 和解')
    levels = confirm_headings(heading_texts(paragraphs), schemes)
    marked = [p if found is None else _numbered_heading(p, found[0], schemes) for p, found in zip(
        paragraphs, levels, strict=True)]
    starts = [i for i, p in enumerate(marked) if p.kind == "heading" and p.level == 1]
    if not starts and len(source.chapters) == 1:
        slug, label = source.chapters[0]
        return [Chapter(slug, label, source.title, tuple(marked), _sections(slug, marked))]
    _check_slugs(source, starts, paragraphs, problems)
    chapters = [Chapter("front", "", source.title, tuple(as_front(p) for p in marked[:starts[0]]), ())] \
        if starts and starts[0] > 0 else []
    for (slug, label), start, end in zip(source.chapters, starts, starts[1:] + [len(marked)], strict=False):
        body = marked[start:end]
        chapters.append(Chapter(slug, label, marked[start].title, tuple(body), _sections(slug, body)))
    return chapters


def as_front(paragraph: Paragraph) -> Paragraph:
    """A paragraph before the first chapter, as front matter; a table stays a table (its cells are
    its text: a table floated above the first heading lost them, and the build its conservation)."""
    return paragraph if paragraph.kind == "table" else replace(paragraph, kind="front")


def heading_texts(paragraphs: list[Paragraph]) -> list[str]:
    """Each paragraph's text where it may be a heading, else '': a body or list paragraph whose note
    markers all stand at its end, as on a heading ('第二节　瑷珲谈判与条约的签订〔5〕'); a marker inside is
    a sentence's ('一、蘇聯…①，雙方…')."""
    return [p.text if p.kind in ("body", "list") and all(ref.offset == len(p.text) for ref in p.note_refs) else ""
            for p in paragraphs]


def _numbered_heading(paragraph: Paragraph, level: int, schemes: tuple[str, ...]) -> Paragraph:
    if unnumbered(paragraph.text):      # '序', '結論': the part's name is its title
        return replace(paragraph, kind="heading", level=level, label="", title=unnumbered(paragraph.text))
    found = candidate(paragraph.text, schemes)
    assert found is not None   # confirm_headings matched it
    return replace(paragraph, kind="heading", level=level, label=found[1], title=found[3].strip())


def _check_slugs(source: TextSource, starts: list[int], paragraphs: list[Paragraph], problems: Problems) -> None:
    if len(starts) != len(source.chapters):
        found = ", ".join(paragraphs[i].text[:12] for i in starts)
        # where to look: the raw file, after the last heading found in the declared order
        matched = 0
        while matched < min(len(starts), len(source.chapters)) \
                and paragraphs[starts[matched]].text.startswith(source.chapters[matched][1]):
            matched += 1
        where = f"{source.path}:{paragraphs[starts[matched - 1]].lines[0]}" if matched else source.path
        missing = (f"; the heading '{source.chapters[matched][1]}…' of chapter '{source.chapters[matched][0]}' is not "
                   f"found after {where}") if matched < len(source.chapters) else ""
        problems.add("sources/edition.yml", f"text '{source.id}' declares {len(source.chapters)} chapter slugs, "
                     f"but {len(starts)} chapter headings were found in {source.path}: {found}{missing}")
    for (slug, label), start in zip(source.chapters, starts, strict=False):    # a count that differs: just above
        if not paragraphs[start].text.startswith(label):
            problems.add("sources/edition.yml", f"chapter '{slug}' is declared as '{label}', but the text has "
                         f"'{paragraphs[start].text}' there ({source.path}:{paragraphs[start].lines[0]})")


def _sections(slug: str, body: list[Paragraph]) -> tuple[Section, ...]:
    sections: list[Section] = []
    for index, paragraph in enumerate(body):
        if paragraph.kind == "heading" and paragraph.level > 1:
            sections.append(Section(f"{slug}-s{len(sections) + 1}", paragraph.label, paragraph.title,
                                    paragraph.level, index, paragraph.lines[0]))
    return tuple(sections)


def place_sections(chapter: Chapter) -> Chapter:
    """The chapter with each section's position pointing at its heading again, found by the
    heading's first raw line (a correction that splits or joins paragraphs moves positions)."""
    first_holding: dict[int, int] = {}
    for index, paragraph in enumerate(chapter.paragraphs):
        for line in paragraph.lines:
            first_holding.setdefault(line, index)
    return replace(chapter, sections=tuple(replace(s, paragraph=first_holding[s.line]) for s in chapter.sections))


def compare_with_contents(paragraphs: list[Paragraph], chapters: list[Chapter], audit: Audit) -> None:
    """Note every difference between the thesis's printed contents and the detected headings."""
    printed: list[tuple[str, str, str]] = []  # (chapter label, kind, title)
    current = ""
    for paragraph in paragraphs:
        chapter = TOC_CHAPTER.match(paragraph.text)
        if chapter:
            current = chapter.group(1)
            printed.append((current, "chapter", chapter.group(2).strip()))
        elif current and (section := TOC_SECTION.match(paragraph.text)):
            printed.append((current, "section", section.group(1).strip()))
    detected = {(c.label, "chapter"): [c.title] for c in chapters}
    for c in chapters:
        detected[(c.label, "section")] = [s.title for s in c.sections if s.level == 2]
    for label in dict.fromkeys(label for label, _, _ in printed):
        for kind in ("chapter", "section"):
            listed = [title for under, of_kind, title in printed if under == label and of_kind == kind]
            found = detected.get((label, kind), [])
            for position in range(max(len(listed), len(found))):
                a = listed[position] if position < len(listed) else None
                b = found[position] if position < len(found) else None
                if a != b:
                    audit.mismatches.append(ContentsMismatch(label, kind, position + 1, a, b))
