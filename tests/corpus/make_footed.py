"""Typeset tests/corpus/<id>/source.yml with LibreOffice (template footed.fodt), extract it 4 ways,
write truth.yml: the layout of sept18-1931 (`python tests/corpus/make_corpus.py sept18-1931`).

Reuses make_corpus.py (XML, bookmarks, markers, extractors, truth blocks). footed.fodt: 15×21 cm,
no running head; a running foot over a rule: even pages `·12·` in the outer (left) corner and the
author centred, odd pages the title centred and `·13·` in the outer (right) corner, the first page
like every odd page; footnotes in superscript digits numbered afresh on every page (LibreOffice's
own per-page numbering); a starred (∗) title footnote; headings 壹、/ 一、/（一）; a list 甲、–丁、;
a two-column table set in place, its caption above; a two-paragraph block quotation in 楷體.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from tests.corpus import make_corpus as mc

HERE = Path(__file__).resolve().parent
STYLES = {"paragraph": "Body", "quotation": "Quote", "list_item": "Item"}


def note_xml(n: str, notes: dict, label: str | None = None) -> str:
    cit = f'<text:note-citation text:label="{label}">{label}</text:note-citation>' if label \
        else '<text:note-citation/>'
    return (f'<text:note text:id="{n}" text:note-class="footnote">{cit}<text:note-body>'
            f'<text:p text:style-name="Footnote">{mc.bookmarked(n, mc.xml(notes[n]))}</text:p></text:note-body>'
            '</text:note>')


def body(source: dict) -> str:
    notes = source["notes"]

    def text(t: str) -> str:
        pieces = mc.MARKER.split(t)
        return "".join(mc.xml(p) if i % 2 == 0 else note_xml(p, notes) for i, p in enumerate(pieces))
    title_note = "".join(note_xml(n, notes, mc.STAR) for n in source.get("title_notes", []))
    out = [f'<text:p text:style-name="Title">{mc.xml(source["title"])}{title_note}</text:p>',
           f'<text:p text:style-name="Author">{mc.xml(source.get("author") or "")}</text:p>']
    for i, b in enumerate(source["blocks"]):
        mark = f"b{i}"
        if b["kind"] == "table":
            out.append(mc.odt_table(b, mark))
            continue
        t = mc.bookmarked(mark, text(b["text"]))
        if b["kind"] == "heading":
            out.append(f'<text:h text:style-name="H{b["level"]}" text:outline-level="{b["level"]}">{t}</text:h>')
        elif b["kind"] == "list_item":
            out.append(f'<text:p text:style-name="Item">{mc.xml(b["label"])}<text:tab/>{t}</text:p>')
        else:
            out.append(f'<text:p text:style-name="{STYLES[b["kind"]]}">{t}</text:p>')
    return "\n".join(out)


def document(source: dict) -> str:
    """The flat ODT of `source`, from the template its layout names."""
    layout = source["layout"]
    number = mc.xml(layout["page_number"]).replace("{n}", '<text:page-number text:select-page="current"/>')
    return (HERE / layout["fodt_template"]).read_text(encoding="utf-8").format(
        font=layout["cjk_font"], heading_font=layout["heading_font"], quote_font=layout["quote_font"],
        width=layout["paper"][0], height=layout["paper"][1], first_page=layout["first_page"],
        footer_odd=mc.xml(layout["footer_odd"]), footer_even=mc.xml(layout["footer_even"]), number=number,
        body=body(source))


def make(folder: Path) -> None:
    source = yaml.safe_load((folder / "source.yml").read_text(encoding="utf-8"))
    mc.check_source(source)
    layout = source["layout"]
    fodt = folder / f"{source['id']}.fodt"
    fodt.write_text(document(source), encoding="utf-8")
    pdf = mc.soffice_pdf(fodt)
    record = mc.read_destinations(pdf, layout["first_page"])
    title = source.get("title_notes", [])
    counters: dict[str, int] = {}
    for n in source["notes"]:       # the per-page number: rank among the numbered notes starting on its page
        if n not in title:
            counters[n] = 1 + sum(record["marks"][o][0] == record["marks"][n][0] for o in counters)
    record["counters"] = counters
    mc.extract_all(pdf, folder / "extract")
    truth = mc.ground_truth(source, record)
    truth["furniture"]["first_page"] = ("as every odd page: no running header; the foot (over a rule) has the title "
                                        "centred and the page number in the outer (right) corner; even pages: the "
                                        "page number in the outer (left) corner, the author centred")
    dumped = yaml.safe_dump(truth, allow_unicode=True, sort_keys=False, width=100)
    (folder / "truth.yml").write_text("# Ground truth written by tests/corpus/make_footed.py from source.yml and the "
                                      "PDF's named destinations.\n" + dumped, encoding="utf-8")
    print(source["id"], record["pages"], len(truth["notes"]), "notes")
