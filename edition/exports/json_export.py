"""Stage 11, export: a built text -> `site/data/<text-id>.<script>.json` (design.md's contract).

In: a `BuiltText` and its paragraph ids. Out: a JSON-ready dict; the items of the author's
numbered outline are `kind: list` with their `list_level` (1, 2). Ids are assigned in reading order
(`p0001`…, `n1`…) from the anchor ledger. Never changes text.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from edition.core.model import BuiltText, Mention, PrintedPage, cell_notes
from edition.text.outline import outline_levels


def paragraph_ids(text: BuiltText) -> dict[int, str]:
    return {id(p): p.anchor for p in text.paragraphs}


def export_text(text: BuiltText, script: str, mentions: Iterable[Mention] = ()) -> dict:
    source = text.source
    ids = paragraph_ids(text)
    paragraphs: list[dict[str, Any]] = []
    refs: dict[int, dict[str, Any]] = {}
    for chapter in text.chapters:
        outline = outline_levels(list(chapter.paragraphs))    # the author's outline: a list, not prose
        for paragraph in chapter.paragraphs:
            entry: dict[str, Any] = {
                "id": ids[id(paragraph)], "chapter": chapter.id,
                "kind": "list" if id(paragraph) in outline else paragraph.kind,
                "text": paragraph.text, "pages": list(paragraph.pages),
                "page_breaks": [{"offset": b.offset, "page": b.page} for b in paragraph.page_breaks],
                "source_lines": [paragraph.lines[0], paragraph.lines[-1]]}
            if id(paragraph) in outline:
                entry["list_level"] = outline[id(paragraph)]
            if paragraph.kind == "heading":
                entry.update(label=paragraph.label, title=paragraph.title, level=paragraph.level)
            if paragraph.table:
                entry.update(table=[list(row) for row in paragraph.table], table_head=paragraph.table_head,
                             table_spans=[list(span) for span in paragraph.table_spans],
                             table_note=paragraph.table_note)
            paragraphs.append(entry)
            for ref in paragraph.note_refs:
                refs[ref.number] = {"paragraph": ids[id(paragraph)], "offset": ref.offset}
            for number in cell_notes(paragraph):
                refs[number] = {"paragraph": ids[id(paragraph)], "offset": len(paragraph.text)}
    notes = [{"id": f"n{note.number}", "label": str(note.number), "printed_number": note.printed,
              "page": note.page, "text": note.text, "ref": refs[note.number],
              "source_lines": [note.label_line, note.lines[-1]]} for note in text.notes]
    chapters = [{"id": c.id, "label": c.label, "title": c.title,
                 "url": f"{source.id}/" if c.id == "front" else f"{source.id}/{c.id}/",
                 "sections": [{"id": s.id, "label": s.label, "title": s.title, "level": s.level,
                               "paragraph": ids[id(c.paragraphs[s.paragraph])]} for s in c.sections]}
                for c in text.chapters]
    return {"id": source.id, "script": script, "source_script": source.script, "title": source.title,
            "author": source.author, "metadata": {**source.metadata, "title_supplied_by_editor": source.title_supplied},
            "page_labels": page_labels(text), "chapters": chapters, "paragraphs": paragraphs, "notes": notes,
            "mentions": [_mention(m) for m in mentions if m.text == source.id],
            "emendations": _emendations(text), "retired": dict(sorted(text.retired.items()))}


def page_labels(text: BuiltText) -> dict[str, str]:
    """Each page whose printed number is not its place in the arabic sequence, by that place (the
    integer `pages`, `page_breaks` and a note's `page` hold): `{"0": "i"}` for a front-matter page."""
    return {str(int(page.printed)): page.printed.name for page in text.pages if isinstance(page.printed, PrintedPage)}


def _emendations(text: BuiltText) -> list[dict]:
    rows = [{"paragraph": p.anchor, **_emendation(e)} for p in text.paragraphs for e in p.emendations]
    return rows + [{"note": f"n{n.number}", **_emendation(e)} for n in text.notes for e in n.emendations]


def _emendation(e) -> dict:
    return {"kind": e.kind, "offset": e.offset, "before": e.before, "after": e.after, "reason": e.reason,
            "date": e.date, "by": e.by}


def _mention(m) -> dict:
    where = {"paragraph": m.paragraph} if m.paragraph is not None else {"note": f"n{m.note}"}
    return {"entry": m.entry, **where, "offset": m.offset, "length": m.length}

