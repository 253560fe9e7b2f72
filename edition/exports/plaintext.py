"""Stage 11, export (plain text): a text's JSON export -> `site/data/<text-id>.<script>.txt`.

In: the dict `export.export_text` made, the file's header lines and, where the print numbers notes
per page, each note's printed label. Out: the reading text as a string (written as UTF-8 without
BOM, LF line ends), made of blocks separated by one blank line:
- first, one block that says what the file is (`header`: title, author, source, edition and
  version, licence, address), one `label：value` line each;
- every paragraph of the export, headings included, as one block: its `text` exactly, with each
  note marker as 〔注12〕 where it stood and, when `page_markers` is on, each printed page's
  beginning as 〔第12頁〕 (〔第12页〕 in the simplified script);
- a table's rows follow its caption as one block, a line per row, cells separated by tabs, line
  breaks inside a cell as ` / `, cell note markers as 〔注12〕, and its source note as a block after it;
- after each chapter, 注釋 (注释) and then each of its notes as a block `〔注12〕note text`.
A note is marked by its running number (〔注12〕), or, where the print numbers notes per page, as
it is printed and cited (〔第4頁注⑥〕).
Removing the markers from a paragraph block gives the export's paragraph text. Never changes text.
"""
from __future__ import annotations

from edition.core.encode import plain_line
from edition.core.model import CELL_NOTE

NOTES_HEADING = {"hant": "注釋", "hans": "注释"}
PAGE = {"hant": "頁", "hans": "页"}


def note_marker(label: str) -> str:
    return f"〔{label}〕"


def page_marker(page: int, script: str) -> str:
    return f"〔第{page}{PAGE[script]}〕"


HEADER = {"hant": ("題名", "作者", "原作", "本版", "權利", "網址"),
          "hans": ("题名", "作者", "原作", "本版", "权利", "网址")}


def header_block(values: tuple[str, ...], script: str) -> str:
    r"""What the file is, one line per field (values in HEADER's order; an empty one left out).

    >>> header_block(("甲", "乙", "", "", "", "u"), "hans")
    '题名：甲\n作者：乙\n网址：u'
    """
    lines = zip(HEADER[script], values, strict=True)
    return "\n".join(f"{label}：{' '.join(value.split())}" for label, value in lines if value)


def plain_text(exported: dict, page_markers: bool = True, header: str = "",
               printed: dict[str, str] | None = None) -> str:
    """The whole text, chapter by chapter, each chapter's notes after it, after the `header` block.
    `printed`: note id -> its printed label (第4頁注⑥) where the print numbers notes per page."""
    script = exported["script"]
    labels = {n["id"]: (printed or {}).get(n["id"], f"注{n['label']}") for n in exported["notes"]}
    notes_at: dict[str, list[dict]] = {}
    for note in exported["notes"]:
        notes_at.setdefault(note["ref"]["paragraph"], []).append(note)
    blocks: list[str] = []
    for chapter in exported["chapters"]:
        chapter_notes: list[dict] = []
        for paragraph in (p for p in exported["paragraphs"] if p["chapter"] == chapter["id"]):
            here = notes_at.get(paragraph["id"], [])
            in_cells = {f"n{n}" for row in paragraph.get("table", ()) for cell in row for n in CELL_NOTE.findall(cell)}
            inserts = [(n["ref"]["offset"], 0, note_marker(labels[n["id"]])) for n in here if n["id"] not in in_cells]
            if page_markers:
                inserts += [(b["offset"], 1, page_marker(b["page"], script)) for b in paragraph["page_breaks"]]
            blocks.append(with_markers(plain_line(paragraph["text"]), inserts))
            if paragraph.get("table"):
                blocks.append(table_block(paragraph["table"], {n["id"]: labels[n["id"]] for n in here}))
                if paragraph.get("table_note"):
                    blocks.append(plain_line(paragraph["table_note"]))
            chapter_notes += here
        if chapter_notes:
            blocks.append(NOTES_HEADING[script])
            blocks += [note_marker(labels[n["id"]]) + plain_line(n["text"]) for n in sorted(chapter_notes, key=_number)]
    return "\n\n".join(([header] if header else []) + blocks) + "\n"


def with_markers(text: str, inserts: list[tuple[int, int, str]]) -> str:
    """`text` with each marker inserted at its offset (a note marker before a page's beginning).

    >>> with_markers("甲乙丙", [(2, 1, "〔第3頁〕"), (2, 0, "〔注1〕")])
    '甲乙〔注1〕〔第3頁〕丙'
    """
    out, position = [], 0
    for offset, _, marker in sorted(inserts):
        out += [text[position:offset], marker]
        position = offset
    return "".join(out) + text[position:]


def table_block(rows: list[list[str]], labels: dict[str, str]) -> str:
    r"""Rows as lines, cells separated by tabs.

    >>> table_block([["甲", "乙{n5}"], ["丙\n丁", ""]], {"n5": "注5"})
    '甲\t乙〔注5〕\n丙 / 丁\t'
    """
    def cell(text: str) -> str:
        shown = CELL_NOTE.sub(lambda m: note_marker(labels[f"n{m.group(1)}"]), text).replace("\n", " / ")
        return plain_line(shown).replace("\t", " ")   # a tab would open a column of its own
    return "\n".join("\t".join(cell(c) for c in row) for row in rows)


def _number(note: dict) -> int:
    return int(note["id"][1:])
