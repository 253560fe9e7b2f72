"""Stage 6, corrections: apply the editor's emendations of `sources/corrections.yml`, in file order.

In: the texts as reconstructed (own script) and the corrections. Out: the texts emended, each
change kept as an `Emendation` on its paragraph or note (the apparatus). Every correction's reading
must occur exactly once (in the paragraphs, and for a kind that reaches notes in the notes too, or
in the note named by `note:`, since identical notes can only be told apart that way); then what its
kind does is looked up in `KINDS`, where each kind registers one function under its name
(the vocabulary of the file, kind names and YAML keys, is `edition.core.inputs.CORRECTION_KINDS`):
- `replace` (`find` + `replace`): the reading is replaced by the new one;
- `split` (`split_after`): a new paragraph starts right after the reading;
- `join` (`join_after`): the reading ends a paragraph, which is joined with the next one;
- `sic`: the reading is a slip of the source kept as printed: the text is not changed, the reading
  is marked (an `Emendation` of kind sic, before and after the same).
A correction that does not match exactly once is an error naming the file, the line and the count.
Splits and joins never touch a heading (a chapter's structure is the text's, found by `structure`);
after each one the sections are placed on their headings again.
Never touches the raw text; runs after the conservation check, so the audit accounts for the raw
characters and the apparatus for every emendation.

Adding a kind: its name and keys in `CORRECTION_KINDS`, one function registered here with `@kind`,
its words in templates/strings.yml and its TEI mark (tests check that none is missing).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from edition.core.errors import Problems
from edition.core.inputs import Correction
from edition.core.model import BuiltText, Note, NoteRef, PageBreak, Paragraph
from edition.text.structure import place_sections

SHOWN = "sources/corrections.yml"
HEADING = ("is in or next to a heading; split_after and join_after never change headings "
           "(a heading is found by the structure stage)")


@dataclass(frozen=True)
class Emendation:
    kind: str            # the correction's kind: replace, split, join, sic
    offset: int          # where it stands in the emended text
    length: int          # length of the new reading (0 for split and join)
    before: str
    after: str
    reason: str
    date: str = ""
    by: str = ""
    line: int = 0        # of sources/corrections.yml


@dataclass(frozen=True)
class Found:
    """The one place a correction's reading stands: note `index` (`chapter` None), or paragraph
    `index` of chapter `chapter`; the reading starts at `position`."""

    text: BuiltText
    item: Correction
    problems: Problems
    chapter: int | None
    index: int
    position: int

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraphs of the reading's chapter."""
        assert self.chapter is not None, "the reading stands in a note"
        return self.text.chapters[self.chapter].paragraphs

    @property
    def paragraph(self) -> Paragraph:
        return self.paragraphs[self.index]

    @property
    def note(self) -> Note:
        return self.text.notes[self.index]

    @property
    def end(self) -> int:
        """Where the reading ends."""
        return self.position + len(self.item.reading)

    def emendation(self, offset: int, length: int, before: str, after: str) -> Emendation:
        """The apparatus entry of this correction, of its kind, standing at `offset`."""
        item = self.item
        return Emendation(item.kind, offset, length, before, after, item.reason, item.date, item.by, item.line)

    def refuse(self, why: str) -> BuiltText:
        """The text unchanged, and a problem at the correction's line: the reading, then `why`."""
        self.problems.add(f"{SHOWN}:{self.item.line}", f"'{self.item.reading}' {why}")
        return self.text

    def in_chapter(self, change: Callable[[list[Paragraph]], list[Paragraph]]) -> BuiltText:
        """The text with the paragraphs of the reading's chapter changed, sections placed again."""
        assert self.chapter is not None, "the reading stands in a note"
        chapters = list(self.text.chapters)
        paragraphs = tuple(change(list(self.paragraphs)))
        chapters[self.chapter] = place_sections(replace(chapters[self.chapter], paragraphs=paragraphs))
        return replace(self.text, chapters=tuple(chapters))

    def with_note(self, note: Note) -> BuiltText:
        notes = self.text.notes
        return replace(self.text, notes=notes[:self.index] + (note,) + notes[self.index + 1:])


Apply = Callable[[Found], BuiltText]


@dataclass(frozen=True)
class Kind:
    """What a kind of correction does: `apply` takes where the reading was found and returns the text
    emended (or, refusing, unchanged with a problem added); `in_notes`: the reading may stand in a note."""

    apply: Apply
    in_notes: bool


KINDS: dict[str, Kind] = {}


def kind(name: str, in_notes: bool = False) -> Callable[[Apply], Apply]:
    """Register the function it decorates as what a correction of kind `name` does."""
    def register(apply: Apply) -> Apply:
        KINDS[name] = Kind(apply, in_notes)
        return apply
    return register


def apply_corrections(text: BuiltText, corrections: tuple[Correction, ...]) -> BuiltText:
    """The text with every correction for it applied in file order; raises listing every failure."""
    problems = Problems()
    for item in (c for c in corrections if c.text == text.source.id):
        text = _apply(text, item, problems)
    problems.raise_if_any()
    return text


def _apply(text: BuiltText, item: Correction, problems: Problems) -> BuiltText:
    if item.kind not in KINDS:     # the loader makes only the kinds of CORRECTION_KINDS: a kind left unregistered
        raise LookupError(f"{SHOWN}:{item.line}: no correction kind '{item.kind}' is registered "
                          f"(registered: {', '.join(KINDS)})")
    reading = item.reading
    units: list[tuple[int | None, int, str]] = [(c, k, p.text) for c, chapter in enumerate(text.chapters)
                                                for k, p in enumerate(chapter.paragraphs)]
    if KINDS[item.kind].in_notes:
        units += [(None, k, n.text) for k, n in enumerate(text.notes) if item.note in (None, n.number)]
    hits = [(unit, position) for unit in units for position in _positions(unit[2], reading)]
    if len(hits) != 1:
        where = f" in note {item.note}" if item.note else ""
        problems.add(f"{SHOWN}:{item.line}", f"'{reading}' matches {len(hits)} times in {text.source.id}{where}; "
                     "a correction must match exactly once (add context, or pin a note with note:)"
                     + (_normal_form_hint(reading) if not hits else ""))
        return text
    (chapter, index, _), position = hits[0]
    found = Found(text, item, problems, chapter, index, position)
    marks = found.note.emendations if chapter is None else found.paragraph.emendations
    earlier = next((e for e in marks if _overlaps(e, position, found.end)), None)
    if earlier is not None:     # its reading would be read back over a reading that is no longer there
        return found.refuse(f"overlaps the correction at {SHOWN}:{earlier.line} ('{earlier.before}' -> "
                            f"'{earlier.after}'); make the two one correction there, or correct around it")
    return KINDS[item.kind].apply(found)


def _overlaps(mark: Emendation, start: int, end: int) -> bool:
    """Whether a reading from `start` to `end` shares a character with what `mark` wrote, or runs
    across the place where a deletion (a replace with nothing) took its reading out."""
    if mark.length:
        return start < mark.offset + mark.length and mark.offset < end
    return mark.kind == "replace" and start < mark.offset < end


def _normal_form_hint(reading: str) -> str:
    """Why a reading that looks right may match nothing: it holds characters that Unicode maps to
    others (compatibility ideographs such as U+F94D, which looks like 淚 U+6DDA), while the text
    holds the normal forms (NFC)."""
    normal = unicodedata.normalize("NFC", reading)
    if normal == reading:
        return ""
    odd = ", ".join(f"U+{ord(a):04X} (normally U+{ord(b):04X} {b})" for a, b in zip(reading, normal, strict=False)
                    if a != b)
    return f". It holds {odd}: characters that look the same but differ; write the normal form '{normal}'"


@kind("replace", in_notes=True)
def replace_reading(found: Found) -> BuiltText:
    """The reading replaced by the new one; in a paragraph, the anchors after it move with the text."""
    reading, new, position = found.item.reading, found.item.replacement, found.position
    mark = found.emendation(position, len(new), reading, new)
    if found.chapter is None:
        note = found.note
        return found.with_note(replace(note, text=note.text[:position] + new + note.text[found.end:],
                                       emendations=note.emendations + (mark,)))
    paragraph = found.paragraph
    if _spans_anchor(paragraph, position, len(reading)):
        return found.refuse("spans a note marker or page break; correct around it")
    shifted = _shift(paragraph, found.end, len(new) - len(reading))
    emended = replace(shifted, text=paragraph.text[:position] + new + paragraph.text[found.end:],
                      emendations=shifted.emendations + (mark,))
    return found.in_chapter(lambda ps: ps[:found.index] + [emended] + ps[found.index + 1:])


@kind("sic", in_notes=True)
def mark_sic(found: Found) -> BuiltText:
    """The text unchanged, the reading marked as the source's slip on its paragraph or note."""
    reading = found.item.reading
    mark = found.emendation(found.position, len(reading), reading, reading)
    if found.chapter is None:
        return found.with_note(replace(found.note, emendations=found.note.emendations + (mark,)))
    paragraph = found.paragraph
    if _spans_anchor(paragraph, found.position, len(reading)):
        return found.refuse("spans a note marker or page break; mark around it")
    marked = replace(paragraph, emendations=paragraph.emendations + (mark,))
    return found.in_chapter(lambda ps: ps[:found.index] + [marked] + ps[found.index + 1:])


@kind("split")
def split_after(found: Found) -> BuiltText:
    """A new paragraph starts right after the reading; the mark stands at the new paragraph's start."""
    if found.paragraph.kind == "heading":
        return found.refuse(HEADING)
    mark = found.emendation(0, 0, found.item.reading, "")
    return found.in_chapter(lambda ps: _split(ps, found.index, found.end, mark))


@kind("join")
def join_after(found: Found) -> BuiltText:
    """The paragraph the reading ends is joined with the next; the mark stands where they meet."""
    if any(p.kind == "heading" for p in found.paragraphs[found.index:found.index + 2]):
        return found.refuse(HEADING)
    if found.end != len(found.paragraph.text):
        return found.refuse("does not end its paragraph; join_after needs a paragraph's last words")
    if found.index + 1 >= len(found.paragraphs):
        return found.refuse("ends the last paragraph of its chapter; nothing to join")
    mark = found.emendation(len(found.paragraph.text), 0, found.item.reading, "")
    return found.in_chapter(lambda ps: _join(ps, found.index, mark))


def _spans_anchor(paragraph: Paragraph, position: int, length: int) -> bool:
    anchors = [r.offset for r in paragraph.note_refs] + [b.offset for b in paragraph.page_breaks]
    return any(position < offset < position + length for offset in anchors)


def _positions(text: str, reading: str) -> list[int]:
    found, start = [], text.find(reading)
    while start >= 0:
        found.append(start)
        start = text.find(reading, start + 1)
    return found


def _shift(paragraph: Paragraph, start: int, delta: int) -> Paragraph:
    """Move every anchor at or after `start` by `delta` characters."""
    return replace(
        paragraph,
        note_refs=tuple(NoteRef(r.offset + delta if r.offset >= start else r.offset, r.number)
                        for r in paragraph.note_refs),
        page_breaks=tuple(PageBreak(b.offset + delta if b.offset >= start else b.offset, b.page)
                          for b in paragraph.page_breaks),
        emendations=tuple(replace(e, offset=e.offset + delta) if e.offset >= start else e
                          for e in paragraph.emendations))


def _split(paragraphs: list[Paragraph], index: int, cut: int, mark: Emendation) -> list[Paragraph]:
    p = paragraphs[index]
    first = replace(p, text=p.text[:cut], note_refs=tuple(r for r in p.note_refs if r.offset <= cut),
                    page_breaks=tuple(b for b in p.page_breaks if b.offset < cut),
                    emendations=tuple(e for e in p.emendations if e.offset < cut))
    rest = _shift(replace(p, note_refs=tuple(r for r in p.note_refs if r.offset > cut),
                          page_breaks=tuple(b for b in p.page_breaks if b.offset >= cut),
                          emendations=tuple(e for e in p.emendations if e.offset >= cut)), 0, -cut)
    second = replace(rest, text=p.text[cut:], emendations=(mark,) + rest.emendations)
    return paragraphs[:index] + [first, second] + paragraphs[index + 1:]


def _join(paragraphs: list[Paragraph], index: int, mark: Emendation) -> list[Paragraph]:
    a, b = paragraphs[index], paragraphs[index + 1]
    b = _shift(b, 0, len(a.text))
    joined = replace(a, text=a.text + b.text, note_refs=a.note_refs + b.note_refs,
                     page_breaks=a.page_breaks + b.page_breaks, lines=a.lines + b.lines,
                     pages=tuple(dict.fromkeys(a.pages + b.pages)),
                     emendations=a.emendations + (mark,) + b.emendations)
    return paragraphs[:index] + [joined] + paragraphs[index + 2:]
