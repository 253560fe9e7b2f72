"""Typeset tests/corpus/<id>/source.yml with LibreOffice (thesis.fodt), extract it 4 ways, write truth.yml:
the thesis layout of tanggu-1933 (`python tests/corpus/make_corpus.py tanggu-1933` hands it here).

Reuses make_corpus.py for markers, extraction and truth
blocks; adds what this layout needs: a roman front page (front blocks, a starred title footnote),
the body from an arabic page, endnotes numbered afresh in each chapter and printed under 註釋 at the
chapter's end (superscript digit markers), a three-column table set in place with its caption above.
"""
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.corpus import make_corpus as mc

HERE = Path(__file__).resolve().parent
STYLES = {"paragraph": "Body", "quotation": "Quote", "list_item": "Item"}


def chapter_notes(source):
    """note id -> (chapter index, number in chapter), in the order markers stand."""
    out, chapter, n = {}, 0, 0
    for block in source["blocks"]:
        if block["kind"] == "heading" and block["level"] == 1:
            chapter, n = chapter + 1, 0
        for note_id in mc.MARKER.findall(block.get("text", "")):
            n += 1
            out[note_id] = (chapter, n)
    return out


def body(source):
    numbers = chapter_notes(source)
    notes = source["notes"]

    def text_with_markers(text):
        pieces = mc.MARKER.split(text)
        return "".join(mc.xml(p) if i % 2 == 0 else
                       f'<text:span text:style-name="Sup">{numbers[p][1]}</text:span>'
                       for i, p in enumerate(pieces))
    title_note = "".join(
        f'<text:note text:id="{n}" text:note-class="footnote"><text:note-citation text:label="{mc.STAR}">{mc.STAR}'
        f'</text:note-citation><text:note-body><text:p text:style-name="Footnote">'
        f'{mc.bookmarked(n, mc.xml(notes[n]))}</text:p></text:note-body></text:note>'
        for n in source.get("title_notes", []))
    out = [f'<text:p text:style-name="Title">{mc.xml(source["title"])}{title_note}</text:p>',
           f'<text:p text:style-name="Author">{mc.xml(source.get("author") or "")}</text:p>']
    pending = []          # note ids of the chapter being written
    for index, block in enumerate(source["blocks"]):
        mark = f"b{index}"
        kind = block["kind"]
        if kind == "endnotes":
            out.append('<text:p text:style-name="NotesHead">' + mc.xml(source["layout"]["notes_heading"]) + '</text:p>')
            for n in pending:
                out.append(f'<text:p text:style-name="Endnote">{numbers[n][1]}<text:tab/>'
                           f'{mc.bookmarked(n, mc.xml(notes[n]))}</text:p>')
            pending = []
            continue
        pending += mc.MARKER.findall(block.get("text", ""))
        if kind == "table":
            out.append(mc.odt_table(block, mark))
            continue
        text = mc.bookmarked(mark, text_with_markers(block["text"]))
        if kind == "heading":
            style = "H1First" if block.get("arabic_from_here") else f"H{block['level']}"
            out.append(f'<text:h text:style-name="{style}" text:outline-level="{block["level"]}">{text}</text:h>')
        elif kind == "list_item":
            out.append(f'<text:p text:style-name="Item">{mc.xml(block["label"])}<text:tab/>{text}</text:p>')
        else:
            out.append(f'<text:p text:style-name="{"Front" if block.get("front") else STYLES[kind]}">{text}</text:p>')
    return "\n".join(out)


def roman_to_int(r):
    return sum({"i": 1, "v": 5, "x": 10}[c] for c in r) - 2 * r.count("iv") - 2 * r.count("ix")


def document(source: dict) -> str:
    """The flat ODT of `source`, from the template its layout names."""
    layout = source["layout"]
    number = mc.xml(layout["page_number"]).replace("{n}", '<text:page-number text:select-page="current"/>')
    template = (HERE / layout["fodt_template"]).read_text(encoding="utf-8")
    return template.format(font=layout["cjk_font"], heading_font=layout["heading_font"],
                           quote_font=layout["quote_font"], width=layout["paper"][0], height=layout["paper"][1],
                           front_number=roman_to_int(layout["front_page"]), first_page=layout["first_page"],
                           header_odd=mc.xml(layout["header_odd"]), header_even=mc.xml(layout["header_even"]),
                           footer=number, body=body(source))


def make(folder: Path):
    source = yaml.safe_load((folder / "source.yml").read_text(encoding="utf-8"))
    mc.check_source({"blocks": [b for b in source["blocks"] if "text" in b], "notes": source["notes"]})
    layout = source["layout"]
    fodt = folder / f"{source['id']}.fodt"
    fodt.write_text(document(source), encoding="utf-8")
    pdf = mc.soffice_pdf(fodt)
    import pymupdf
    with pymupdf.open(pdf) as opened:
        names = opened.resolve_names()
        count = opened.page_count
    printed = [layout["front_page"]] + list(range(layout["first_page"], layout["first_page"] + count - 1))
    marks = {}
    for name, target in sorted(names.items(), key=lambda item: item[0].endswith("-end")):
        if m := re.fullmatch(r"mark-(\w+)-(start|end)", name):
            marks.setdefault(m.group(1), []).append(printed[target["page"]])
    mc.extract_all(pdf, folder / "extract")
    numbers = chapter_notes(source)
    marks_printed = {n: (mc.STAR if n in source.get("title_notes", []) else str(numbers[n][1]))
                     for n in source["notes"]}
    blocks = []
    for i, block in enumerate(source["blocks"]):
        if block["kind"] == "endnotes":
            continue
        b = mc.truth_block(block, marks_printed)
        if f"b{i}" in marks:
            b["pages"] = mc.printed_pages(marks[f"b{i}"])
        blocks.append(b)
    notes = [{"id": n, "mark": marks_printed[n], "page": marks[n][0], "pages": mc.printed_pages(marks[n]),
              "in": "title" if n in source.get("title_notes", []) else "text", "text": t}
             for n, t in source["notes"].items()]
    furniture = {k: layout[k] for k in ("header_odd", "header_even", "page_number", "notes_heading")}
    furniture["first_page"] = ("front page (roman, 第 iii 頁): no running header, the page number centred in the foot; "
                               "body pages: running header with the page number in its outer corner "
                               "(odd: header_odd left, number right; even: number left, header_even right), no footer")
    truth = {"id": source["id"], "script": source["script"], "title": source["title"], "author": source.get("author"),
             "source": source["source"], "note_style": layout["note_style"], "pages": printed,
             "furniture": furniture, "blocks": blocks, "notes": notes}
    dumped = yaml.safe_dump(truth, allow_unicode=True, sort_keys=False, width=100)
    (folder / "truth.yml").write_text("# Ground truth written by tests/corpus/make_thesis.py from source.yml and "
                                      "the PDF's named destinations.\n" + dumped, encoding="utf-8")
    print(source["id"], printed, len(notes), "notes")
    for n in notes:
        if len(n["pages"]) > 1:
            print("note over pages:", n["id"], n["pages"])
    for b in blocks:
        if len(b.get("pages", [])) > 1:
            print("block over pages:", b["kind"], b.get("text", b.get("caption"))[:12], b["pages"])


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        make(HERE / arg)
