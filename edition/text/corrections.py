"""Stage 6, corrections: apply the editor's emendations of `sources/corrections.yml`, in file order.

In: the texts as reconstructed (own script) and the corrections. Out: the texts emended, each
change kept as an `Emendation` on its paragraph or note (the apparatus). Kinds:
- `find` + `replace`: the reading must occur exactly once in the text (paragraphs and notes),
  or once in the note named by `note:` (identical notes can only be told apart that way);
- `split_after`: a new paragraph starts right after the (unique) reading;
- `join_after`: the (unique) reading ends a paragraph, which is joined with the next one;
- `sic`: the reading (unique, as for `find`) is a slip of the source kept as printed: the text is
  not changed, the reading is marked (an `Emendation` of kind sic, before and after the same).
A correction that does not match exactly once is an error naming the file, the line and the count.
Splits and joins never touch a heading (a chapter's structure is the text's, found by `structure`);
after each one the sections are placed on their headings again.
Never touches the raw text; runs after the conservation check, so the audit accounts for the raw
characters and the apparatus for every emendation.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from edition.core.errors import Problems
from edition.core.inputs import Correction
from edition.core.model import NoteRef, PageBreak
from edition.text.structure import place_sections

SHOWN = "sources/corrections.yml"


@dataclass(frozen=True)
class Emendation:
    kind: str            # replace, split, join, sic
    offset: int          # where it stands in the emended text
    length: int          # length of the new reading (0 for split and join)
    before: str
    after: str
    reason: str
    date: str = ""
    by: str = ""
    line: int = 0        # of sources/corrections.yml


def apply_corrections(text, corrections: tuple[Correction, ...]):
    """The text with every correction for it applied in file order; raises listing every failure."""
    problems = Problems()
    for item in (c for c in corrections if c.text == text.source.id):
        text = _apply(text, item, problems)
    problems.raise_if_any()
    return text


def _apply(text, item: Correction, problems: Problems):
    reading = item.reading
    units = [("p", c, k, p.text) for c, chapter in enumerate(text.chapters) for k, p in enumerate(chapter.paragraphs)]
    if item.kind in ("replace", "sic"):
        units += [("n", None, k, n.text) for k, n in enumerate(text.notes) if item.note in (None, n.number)]
    hits = [(unit, position) for unit in units for position in _positions(unit[3], reading)]
    if len(hits) != 1:
        where = f" in note {item.note}" if item.note else ""
        problems.add(f"{SHOWN}:{item.line}", f"'{reading}' matches {len(hits)} times in {text.source.id}{where}; "
                     "a correction must match exactly once (add context, or pin a note with note:)")
        return text
    (kind, chapter, index, unit_text), position = hits[0]
    make = lambda kind_, offset, length, before, after: Emendation(
        kind_, offset, length, before, after, item.reason, item.date, item.by, item.line)
    if item.kind == "sic":
        return _mark(text, kind, chapter, index, position, make(
            "sic", position, len(reading), reading, reading), problems, item)
    if item.kind == "replace":
        if kind == "n":
            note = text.notes[index]
            emended = replace(note, text=note.text[:position] + item.replacement + note.text[position + len(reading):],
                              emendations=note.emendations + (make("replace", position, len(item.replacement), reading, item.replacement),))
            return replace(text, notes=text.notes[:index] + (emended,) + text.notes[index + 1:])
        return _in_chapter(text, chapter, lambda ps: _replace(ps, index, position, reading, item.replacement, make, problems, item))
    paragraphs = text.chapters[chapter].paragraphs
    touched = paragraphs[index:index + 1] if item.kind == "split" else paragraphs[index:index + 2]
    if any(p.kind == "heading" for p in touched):
        problems.add(f"{SHOWN}:{item.line}", f"'{reading}' is in or next to a heading; split_after and join_after "
                     "never change headings (a heading is found by the structure stage)")
        return text
    if item.kind == "split":
        return _in_chapter(text, chapter, lambda ps: _split(ps, index, position + len(reading), make, reading))
    if position + len(reading) != len(unit_text):
        problems.add(f"{SHOWN}:{item.line}", f"'{reading}' does not end its paragraph; join_after needs a paragraph's last words")
        return text
    if index + 1 >= len(text.chapters[chapter].paragraphs):
        problems.add(f"{SHOWN}:{item.line}", f"'{reading}' ends the last paragraph of its chapter; nothing to join")
        return text
    return _in_chapter(text, chapter, lambda ps: _join(ps, index, make, reading))


def _mark(text, kind: str, chapter, index: int, position: int, mark: Emendation, problems: Problems, item: Correction):
    """The text unchanged, with `mark` on the paragraph or note that holds the reading."""
    if kind == "n":
        note = text.notes[index]
        marked = replace(note, emendations=note.emendations + (mark,))
        return replace(text, notes=text.notes[:index] + (marked,) + text.notes[index + 1:])
    paragraph = text.chapters[chapter].paragraphs[index]
    if _spans_anchor(paragraph, position, len(item.reading)):
        problems.add(f"{SHOWN}:{item.line}", f"'{item.reading}' spans a note marker or page break; mark around it")
        return text
    return _in_chapter(text, chapter, lambda ps: ps[:index] + [replace(paragraph, emendations=paragraph.emendations + (mark,))]
                       + ps[index + 1:])


def _spans_anchor(paragraph, position: int, length: int) -> bool:
    anchors = [r.offset for r in paragraph.note_refs] + [b.offset for b in paragraph.page_breaks]
    return any(position < offset < position + length for offset in anchors)


def _positions(text: str, reading: str) -> list[int]:
    found, start = [], text.find(reading)
    while start >= 0:
        found.append(start)
        start = text.find(reading, start + 1)
    return found


def _in_chapter(text, chapter: int, change):
    chapters = list(text.chapters)
    chapters[chapter] = place_sections(replace(chapters[chapter], paragraphs=tuple(change(list(chapters[chapter].paragraphs)))))
    return replace(text, chapters=tuple(chapters))


def _shift(paragraph, start: int, delta: int):
    """Move every anchor at or after `start` by `delta` characters."""
    return replace(
        paragraph,
        note_refs=tuple(NoteRef(r.offset + delta if r.offset >= start else r.offset, r.number) for r in paragraph.note_refs),
        page_breaks=tuple(PageBreak(b.offset + delta if b.offset >= start else b.offset, b.page) for b in paragraph.page_breaks),
        emendations=tuple(replace(e, offset=e.offset + delta) if e.offset >= start else e for e in paragraph.emendations))


def _replace(paragraphs, index, position, reading, new, make, problems, item):
    p = paragraphs[index]
    if _spans_anchor(p, position, len(reading)):
        problems.add(f"{SHOWN}:{item.line}", f"'{reading}' spans a note marker or page break; correct around it")
        return paragraphs
    shifted = _shift(p, position + len(reading), len(new) - len(reading))
    paragraphs[index] = replace(shifted, text=p.text[:position] + new + p.text[position + len(reading):],
                                emendations=shifted.emendations + (make("replace", position, len(new), reading, new),))
    return paragraphs


def _split(paragraphs, index, cut, make, reading):
    p = paragraphs[index]
    first = replace(p, text=p.text[:cut], note_refs=tuple(r for r in p.note_refs if r.offset <= cut),
                    page_breaks=tuple(b for b in p.page_breaks if b.offset < cut),
                    emendations=tuple(e for e in p.emendations if e.offset < cut))
    rest = _shift(replace(p, note_refs=tuple(r for r in p.note_refs if r.offset > cut),
                          page_breaks=tuple(b for b in p.page_breaks if b.offset >= cut),
                          emendations=tuple(e for e in p.emendations if e.offset >= cut)), 0, -cut)
    second = replace(rest, text=p.text[cut:], emendations=(make("split", 0, 0, reading, ""),) + rest.emendations)
    paragraphs[index:index + 1] = [first, second]
    return paragraphs


def _join(paragraphs, index, make, reading):
    a, b = paragraphs[index], paragraphs[index + 1]
    b = _shift(b, 0, len(a.text))
    joined = replace(a, text=a.text + b.text, note_refs=a.note_refs + b.note_refs, page_breaks=a.page_breaks + b.page_breaks,
                     lines=a.lines + b.lines, pages=tuple(dict.fromkeys(a.pages + b.pages)),
                     emendations=a.emendations + (make("join", len(a.text), 0, reading, ""),) + b.emendations)
    paragraphs[index:index + 2] = [joined]
    return paragraphs
