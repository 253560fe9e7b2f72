"""Stage 12b, published: the pages and exports hold the text, all of it, in order, and nothing else.

In: one script's edition (its texts as rendered), the texts in their own script (for raw line
numbers), the conversion logs, and the built site of that script with the data folder.
Out: problems, each naming `sources/<file>.txt:<line>` and what is missing or extra. Never writes.

The check runs in every build, after MkDocs, as a chain of two links:
1. raw -> model: `audit.raw_order` for each text in this script (raw characters minus audited
   removals, in raw order, with the audited changes and nothing else);
2. model -> published: every chapter page (and a text's home page, which carries the front matter)
   shows its chapter's paragraphs, tables and notes, each anchor once and in order, each with the
   model's text; the JSON export the same. The converted site is checked against the converted
   model. Page text is the text of anchored blocks (`p.ed-p`, headings, `.ed-table` caption, cells
   and source note) and of `.ed-notes li#nN`, markup removed and the furniture the pages add
   (`SKIPPED`) left out. Text outside anchored blocks (the interface) is not the edition's text.
   Whitespace is not compared; an empty cell is no part (the print merges it with its neighbour).
   Every note on a page has its one marker on that page (`#nrefN`, where its ↩ lands).
"""
from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from edition.checks.conservation import difference, raw_order, shorten, squeeze
from edition.core.errors import Problem
from edition.core.model import CELL_NOTE, BuiltText

# What the pages add around the text: note refs, page markers, pilcrows, back-links, the article's
# note origins (（第16頁注1）), the notes' cite controls and the mark of an editor's split or join (‖).
SKIPPED = {"ed-nref", "ed-page", "ed-pilcrow", "footnote-backref", "ed-note-origin", "ed-emend-break", "ed-note-cite"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PARAGRAPH_ID = re.compile(r"p\d+")    # p0001, not page-12
NOTE_ID = re.compile(r"n\d+")         # n12, not nref12


@dataclass
class Block:
    """An anchored unit: a paragraph (headings too), a table or a note, as non-whitespace text."""

    kind: str
    id: str
    parts: list[str] = field(default_factory=list)   # one text; a table's caption, cells, source note
    labels: list[str] = field(default_factory=list)  # what the model calls each part of a table


class PageText(HTMLParser):
    """The anchored blocks of a built page, in page order, with their text and nothing else."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[Block] = []              # in the order they begin on the page
        self.open: list[tuple[str, str]] = []     # (tag, role) of each open element
        self.outer: list[Block | None] = []       # the blocks an outline item is nested in
        self.block: Block | None = None
        self.skipping = self.notes = 0
        self.in_part = False

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        found = dict(attrs)
        block = self.block
        classes, ident, free = set((found.get("class") or "").split()), found.get("id") or "", block is None
        role = ""
        if self.skipping or classes & SKIPPED or tag in ("script", "style"):
            role, self.skipping = "skip", self.skipping + 1
        elif free and "ed-notes" in classes:
            role, self.notes = "notes", self.notes + 1
        elif free and self.notes and tag == "li" and NOTE_ID.fullmatch(ident):
            role, self.block = "block", Block("note", ident, [""])
            self.outer.append(None)
            self.blocks.append(self.block)
        elif free and "ed-table" in classes:
            role, self.block = "block", Block("table", ident)
            self.outer.append(None)
            self.blocks.append(self.block)
        elif ((block is None or block.kind == "paragraph" and tag == "li") and "ed-p" in classes
              or free and PARAGRAPH_ID.fullmatch(ident)):
            self.outer.append(self.block)             # an outline's items nest: each is its own block
            role, self.block = "block", Block("paragraph", ident, [""])
            self.blocks.append(self.block)
        elif not free and tag == "span" and PARAGRAPH_ID.fullmatch(ident):   # a chapter title's anchor in its <h1>
            self.blocks.append(Block("paragraph", ident, [""]))
        elif block is not None and block.kind == "table" and (tag in ("caption", "figcaption", "th", "td")
                                                              or "ed-table-source" in classes):
            role, self.in_part = "part", True
            block.parts.append("")
        self.open.append((tag, role))

    def handle_endtag(self, tag):
        if tag in VOID or all(tag != open_tag for open_tag, _ in self.open):
            return
        while self.open:
            closed, role = self.open.pop()
            if role == "skip":
                self.skipping -= 1
            elif role == "notes":
                self.notes -= 1
            elif role == "part":
                self.in_part = False
            elif role == "block":
                self.block = self.outer.pop()
            if closed == tag:
                return

    def handle_data(self, data):
        if self.block and not self.skipping and (self.block.kind != "table" or self.in_part):
            self.block.parts[-1] += data


def page_blocks(path: Path) -> list[Block]:
    page = path.read_text(encoding="utf-8")
    start, end = page.find("<article"), page.rfind("</article>")   # the theme's navigation is no text
    parser = PageText()
    parser.feed(page[start:end] if 0 <= start < end else page)
    parser.close()
    return [Block(b.kind, b.id, [p for p in map(squeeze, b.parts) if p or b.kind != "table"]) for b in parser.blocks]


def table_block(anchor: str, caption: str, rows, source_note: str) -> Block:
    named = [("caption", caption)] + [(f"row {r}, column {c}", CELL_NOTE.sub("", cell))
                                      for r, row in enumerate(rows, 1) for c, cell in enumerate(row, 1)]
    named = [(label, squeeze(text)) for label, text in named + [("source note", source_note)]]
    named = [(label, text) for label, text in named if text]
    return Block("table", anchor, [text for _, text in named], [label for label, _ in named])


def model_blocks(paragraphs) -> list[Block]:
    return [table_block(p.anchor, p.title, p.table, p.table_note) if p.kind == "table"
            else Block("paragraph", p.anchor, [squeeze(p.text)]) for p in paragraphs]


def note_blocks(notes) -> list[Block]:
    return [Block("note", f"n{n.number}", [squeeze(n.text)]) for n in notes]


def export_blocks(entries: list[dict]) -> list[Block]:
    return [table_block(e["id"], e["text"], e["table"], e.get("table_note", "")) if e.get("table")
            else Block("note" if e["id"].startswith("n") else "paragraph", e["id"], [squeeze(e["text"])])
            for e in entries]


class Locator:
    """The raw line of a place in an anchored unit, found through the text in its own script (a
    converted unit has the same anchor and, character for character, nearly the same place)."""

    def __init__(self, text: BuiltText) -> None:
        self.text, self.path = text, text.source.path

    @functools.cached_property     # only a failing check needs it
    def raw(self) -> dict[int, str]:
        return {line.number: squeeze(line.text) for line in self.text.source.lines}

    @functools.cached_property
    def units(self) -> dict[str, tuple[list[str], tuple[int, ...]]]:
        units = {p.anchor: (model_blocks([p])[0].parts, p.lines) for p in self.text.paragraphs}
        return units | {f"n{n.number}": ([squeeze(n.text)], n.lines) for n in self.text.notes}

    def line(self, anchor: str, part: int = 0, offset: int = 0) -> str:
        parts, lines = self.units.get(anchor, ([""], (1,)))
        snippet = parts[min(part, len(parts) - 1)][offset:] if parts else ""
        for size in (8, 3, 1):   # the first of the unit's raw lines that holds the text there
            found = next((n for n in lines if snippet[:size] and snippet[:size] in self.raw.get(n, "")), None)
            if found:
                return f"{self.path}:{found}"
        return f"{self.path}:{lines[0]}"


def sequence_problems(found: list[Block], expected: list[Block], locate: Locator, place: str,
                      kind: str) -> list[Problem]:
    """Every anchor missing, repeated, unknown or out of order."""
    ids, wanted = [b.id for b in found], [b.id for b in expected]
    counts, known = Counter(ids), set(wanted)
    problems = [Problem(locate.line(i), f"{place}: {kind} {i} is missing") for i in wanted if i not in counts]
    problems += [Problem(locate.line(i), f"{place}: {kind} {i} appears {n} times") for i, n in counts.items() if n > 1]
    for index, i in enumerate(ids):
        if i not in known:    # named by the nearest known block before it
            before = next((b for b in reversed(ids[:index]) if b in known), wanted[0] if wanted else "")
            problems.append(Problem(locate.line(before), f"{place}: {kind} {i or '(no anchor)'} "
                                    f"'{shorten(''.join(found[index].parts))}' after {before} is not in the edition"))
    if not problems and ids != wanted:
        first = next(a for a, b in zip(ids, wanted, strict=True) if a != b)   # the same anchors, once each
        problems.append(Problem(locate.line(first), f"{place}: {kind} {first} is out of order"))
    return problems


def text_problems(found: list[Block], expected: list[Block], locate: Locator, place: str) -> list[Problem]:
    """The same anchors on both sides: each block's text against the model's. One exception: a
    chapter's label and title lines are two anchors shown in one <h1>, the second left empty."""
    problems, k = [], 0
    while k < len(found):
        have, want = found[k], expected[k]
        if want.kind == "table":
            problems += table_problems(have, want, locate, place)
        elif (shown := "".join(have.parts)) != want.parts[0]:
            merged, end = want.parts[0], k + 1
            while end < len(found) and found[end].parts == [""] and len(merged) < len(shown):
                merged, end = merged + expected[end].parts[0], end + 1
            if merged == shown:
                k = end
                continue
            at, how = difference(shown, want.parts[0])
            problems.append(Problem(locate.line(want.id, 0, at), f"{place}: {want.kind} {want.id} {how}"))
        k += 1
    return problems


def table_problems(have: Block, want: Block, locate: Locator, place: str) -> list[Problem]:
    """Caption, non-empty cells and source note, part by part: the first part that differs."""
    if have.parts == want.parts:
        return []
    index = next((i for i, (a, b) in enumerate(zip(have.parts, want.parts, strict=False)) if a != b),
                 min(len(have.parts), len(want.parts)))
    label = (want.labels + ["its end"])[index]
    if index < len(want.parts) and want.parts[index] not in have.parts:
        how = f"{label} '{shorten(want.parts[index])}' is missing"
    elif index < len(have.parts) and have.parts[index] not in want.parts:
        how = f"'{shorten(have.parts[index])}' before {label} is not in the edition"
    else:
        how = f"'{shorten((want.parts + have.parts)[index])}' is repeated or out of order at {label}"
    return [Problem(locate.line(want.id, min(index, len(want.parts) - 1)), f"{place}: table {want.id}: {how}")]


def compare(found: list[Block], expected: list[Block], locate: Locator, place: str, kind: str) -> list[Problem]:
    return sequence_problems(found, expected, locate, place, kind) or text_problems(found, expected, locate, place)


MARKER_ID = re.compile(r'id="nref(\d+)"')


def marker_problems(page: Path, notes: list, locate: Locator, place: str) -> list[Problem]:
    """Every note listed on a page has its one marker on that page, where its way back (↩, #nrefN)
    lands: a marker the text holds and a page drops (in a heading, a table cell) is a lost link."""
    shown = Counter(MARKER_ID.findall(page.read_text(encoding="utf-8")))
    return [Problem(locate.line(f"n{n.number}"), f"{place}: note n{n.number} has {shown[str(n.number)]} markers on "
                    "its page, not one")
            for n in notes if shown[str(n.number)] != 1]


def published_problems(edition, originals: dict[str, BuiltText], site: Path, data: Path) -> list[Problem]:
    """Link 2 for every text of one script's edition (render.ScriptEdition): its pages under
    `site` (that script's site) and its JSON export in `data`, against the texts as rendered."""
    problems = []
    for text in edition.texts:
        text_id, locate = text.source.id, Locator(originals[text.source.id])
        chapter_of = text.note_chapters()
        chapters = {c.id: c for c in text.chapters}
        pages = [("", chapters.get("front"))] + [(f"{c}/", chapters[c]) for c in chapters if c != "front"]
        for folder, chapter in pages:
            place, page = f"{edition.script}/{text_id}/{folder}", site / text_id / folder / "index.html"
            paragraphs = chapter.paragraphs if chapter else ()
            notes = [n for n in text.notes if chapter and chapter_of.get(n.number) == chapter.id]
            if not page.is_file():
                problems.append(Problem(locate.line(paragraphs[0].anchor) if paragraphs else locate.path,
                                        f"{place}: the page was not built"))
                continue
            blocks = page_blocks(page)
            found = compare([b for b in blocks if b.kind != "note"], model_blocks(paragraphs), locate, place,
                            "paragraph")
            found += compare([b for b in blocks if b.kind == "note"], note_blocks(notes), locate, place, "note")
            # a marker lost with its paragraph is that paragraph's loss, said once
            problems += found or marker_problems(page, notes, locate, place)
        problems += [Problem(locate.line(f"n{n.number}"), f"{edition.script}/{text_id}/: note n{n.number} is on no "
                             "page (no chapter carries its marker)")
                     for n in text.notes if chapter_of.get(n.number) not in chapters]
        place, export = f"data/{text_id}.{edition.script}.json", data / f"{text_id}.{edition.script}.json"
        if not export.is_file():
            problems.append(Problem(locate.path, f"{place}: the export was not written"))
            continue
        export = json.loads(export.read_text(encoding="utf-8"))
        problems += compare(export_blocks(export["paragraphs"]), model_blocks(text.paragraphs), locate, place,
                            "paragraph")
        problems += compare(export_blocks(export["notes"]), note_blocks(text.notes), locate, place, "note")
    return problems


def conservation_problems(edition, originals: dict[str, BuiltText], logs: dict, site: Path,
                          data: Path) -> list[Problem]:
    """Both links for one script's build: `site` is that script's site, `data` the data folder."""
    problems = [p for text in edition.texts if text.source.script == edition.script
                for p in raw_order(text, logs[text.source.id].forms)]
    return problems + published_problems(edition, originals, site, data)
