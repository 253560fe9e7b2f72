r"""Regenerate the corpus: typeset each `tests/corpus/<text>/source.yml`, extract the PDF, write the truth.

    python tests/corpus/make_corpus.py [TEXT-ID ...]     # all texts when none is named

Needs XeLaTeX (ctex, fancyhdr, footmisc, endnotes, booktabs, enumitem), LibreOffice for a text whose
layout says `typesetter: soffice`, poppler's `pdftotext`, pdfminer.six and PyMuPDF. Running the tests
needs none of them: they read the committed files.

In, per text: `source.yml`, written by hand from the text's source (address, licence and every edit
recorded in it). Out, in the same folder:
- `<id>.tex` or `<id>.fodt` and `<id>.pdf`: the typeset paper;
- `extract/<extractor>.txt`: what each extractor makes of the PDF, bytes as written;
- `truth.yml`: the ground truth. Its blocks and notes come from `source.yml`; the only facts taken
  from typesetting are the ones the source cannot know (the printed page sequence, the pages each
  block and note is printed on, a per-page note number), and those come from the typesetter's own
  record (marks written to LaTeX's .aux file; bookmarks LibreOffice turns into named destinations
  of the PDF), never from an extraction.

Never run by the tests.

Optional layout keys, each added for a text whose layout needed it (without them the other texts'
.tex and .fodt are written exactly as before): `zihao`, `margins`, `cjk_font_options`,
`cjk_sans_font`, `cjk_fallback_font`, `quote_font`, `heading_levels: 3`, `page_number_in:
footer-centre` and the note style `footnote-perchapter` (shimonoseki-1895); `linespread`,
`latin_font_options`, `floats_after_reference`, `heading_style: thesis` (第一章 / 第一節 / 一、; an
ideographic space in a heading set as a 0.5 em gap), `page_number_in: footer-outer` (the page number
alone in the outer corner of the foot, a running header on even pages only), `first_page_style:
fancy`, the note style `endnote-through-bracketed` (endnotes marked [1] in superscript, listed as
`[1] …`) and a table's `float` (default t) (nanking-1842); for LibreOffice, `fodt_template` (a second
template, journal.fodt: a first page with its own running header `header_first`, odd and even heads,
a page-number offset, footnotes restarting on every page in circled numbers for the note style
`footnote-perpage-circled`, headings at three levels, a table in a frame at the top of its page),
with `heading_font` and `quote_font` (xian-1936); the note style `footnote-through-tortoise-twocolumn`
(〔1〕 in superscript, numbered through the chapter, the notes set in two columns; a newline in a note is a
paragraph break inside it), `page_number_in: footer-centre-section-heads` (the bare number centred in the
foot; even heads the chapter title, odd heads the CURRENT section's title, each head the page prints
recorded in the .aux and in the truth as `furniture.header_by_page`) and `chapter_opening` (the title set
as a book chapter opening, no author line) (aigun-1858); the note style `footnote-perpage-parenthesized`
((1) in superscript, numbered afresh on every page, `(1) note` in the foot; a newline in a note is a
paragraph break inside it), `heading_style: four-level` (一、 / （一） / 1. / （1）, the fourth level
\paragraph* set on its own line) and `url_breaks` (a URL in a note may break after / . - _ = & ? # and
before %, with no hyphen added) (treaty-1943); `title_style: journal` (a journal article's opening: the
title centred in large sans over two lines, broken before `title_break_before`, the author's name under it)
and a block's `style` (centred, title-en, abstract: how a front block is set; not written to the truth)
(relief-1945); `title_style: book` (no title: front matter paged in roman from i, the body's first block
`arabic_from_here`), `heading_style: book` (第一章 / 第一節 / 一、 / （一）; every level-1 heading opens a new
odd page in the plain style, an empty plain page inserted before it where needed), a block's `style:
epigraph` (right-aligned in the quotation font, outside any quote environment) and the source's
`symbol_notes` (note id -> † or ‡: a footnote marked so, which does not advance the numbered notes)
(cairo-1943); `columns: 2` (the body in two columns, LaTeX's own `twocolumn`: the title with its
starred note, the author and the front blocks across the full width of the first page, the title note at
the foot of the first column; footnotes at the foot of each column), with `columnsep`, `page_number_in:
header-outer` (the bare page number in the head's outer corner, header_even right of it on even pages,
header_odd left of it on odd pages; the first page the masthead `header_first` left and its number right,
over a thick rule) and a table's `span: true` (a table* across both columns, at the top of a page)
(lytton-1932); the note style `endnote-through-inline-bracketed` (endnotes marked [1] on the line, not
raised, listed as `[1] …`), `page_number_in: footer-title-left` (no head; footer_odd left and the page number
right in the foot of every page, with `first_page_style: fancy` the first too), `longtable` and a table's
`continued_caption` (a longtable breaking across pages, its caption centred above the head, the head repeated
under `continued_caption` on the next page; not written to the truth) (potsdam-1945); the note style
`footnote-perpage-fullwidth-brackets` (［1］ with full-width brackets in superscript, numbered afresh on every
page, `［1］note` in the foot; a newline in a note is a paragraph break inside it) (jindaishi-1946); a block's
`style: salutation` (flush left, no indent), `style: signature` (right-aligned, 2 em from the right edge)
and `style: source-line` (small type, indented 2 em, space after it), all in the body font and written to the
truth as the block's kind says; `page_number_in: footer-centre-section-heads` without `chapter_opening` or
`heading_style: book` (a text under its own title, \maketitle on a first page without head; its level-1
headings, parts, set the odd heads) (shiliao-1945).
"""
from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent
MARKER = re.compile(r"\{\{(\w+)\}\}")          # {{n12}}: a note marker in source.yml; not {n12} or {{ n12 }}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
CJK_SPACE = re.compile(rf".{{0,3}}{CJK} +{CJK}.{{0,3}}")     # "冊 俄": print drops the space; not "年 J."
STAR = "∗"                                      # what LaTeX's \thanks prints (\ast) and extractors read
DAGGER = "†"                                    # a title note marked so (`title_note_mark: dagger`)


def main(argv: list[str]) -> int:
    folders = [CORPUS / name for name in argv] or sorted(p.parent for p in CORPUS.glob("*/source.yml"))
    for folder in folders:
        make_text(folder)
    return 0


def make_text(folder: Path) -> None:
    source = yaml.safe_load((folder / "source.yml").read_text(encoding="utf-8"))
    maker = own_maker(source)
    if maker:
        maker.make(folder)
        return
    check_source(source)
    typeset = TYPESETTERS[source["layout"]["typesetter"]]
    pdf, record = typeset(folder, source)
    extract_all(pdf, folder / "extract")
    truth = ground_truth(source, record)
    header = "# Ground truth of this corpus text, written by make_corpus.py from source.yml (see its docstring).\n"
    (folder / "truth.yml").write_text(header + yaml.safe_dump(truth, allow_unicode=True, sort_keys=False,
                                                                width=100), encoding="utf-8")
    print(f"{source['id']}: {len(record['pages'])} pages {record['pages']}, {len(truth['notes'])} notes")


def own_maker(source: dict):
    """The module that makes a text with a LibreOffice template of its own (its `document(source)`
    writes the flat ODT, its `make(folder)` typesets and extracts it), or None."""
    import importlib
    if str(CORPUS.parents[1]) not in sys.path:      # run as a script: the checkout, for `tests.corpus`
        sys.path.insert(0, str(CORPUS.parents[1]))
    template = source["layout"].get("fodt_template")
    name = {"thesis.fodt": "make_thesis", "footed.fodt": "make_footed"}.get(template or "")
    return importlib.import_module(f"tests.corpus.{name}") if name else None


def check_source(source: dict) -> None:
    """Refuse a source whose text print would change: a space between two CJK characters is not printed.

    >>> check_source({"blocks": [{"text": "第一冊 俄提"}], "notes": {}})
    Traceback (most recent call last):
    ValueError: a space between CJK characters is not printed: '第一冊 俄提'
    """
    texts = [b["text"] for b in source["blocks"] if "text" in b] + list(source["notes"].values())
    for text in texts:
        if match := CJK_SPACE.search(text):
            raise ValueError(f"a space between CJK characters is not printed: {match.group()!r}")


# --- the ground truth ---------------------------------------------------------------------------

def ground_truth(source: dict, record: dict) -> dict:
    """The truth of a text: its blocks and notes from `source`, pages and note numbers from `record`."""
    marks = note_marks(source, record)
    blocks = [truth_block(block, marks) for block in source["blocks"]]
    blocks = [{**block, "pages": printed_pages(record["marks"][f"b{i}"])} if f"b{i}" in record["marks"] else block
              for i, block in enumerate(blocks)]
    notes = [{"id": note_id, "mark": marks[note_id], "page": record["marks"][note_id][0],
              "pages": printed_pages(record["marks"][note_id]), "in": "title" if note_id in source.get(
                  "title_notes", ()) else "text", "text": text}
             for note_id, text in source["notes"].items()]
    layout = source["layout"]
    furniture = {key: layout[key] for key in ("header_odd", "header_even", "footer_odd", "footer_even",
                                               "page_number", "notes_heading") if layout.get(key)}
    furniture["first_page"] = FIRST_PAGE[layout["typesetter"]]
    if layout.get("first_page_style") == "fancy":
        furniture["first_page"] = FIRST_PAGE["fancy"]
    if layout.get("page_number_in") == "header-outer-title-centre":
        furniture["first_page"] = ("no running header; the page number alone, centred in the foot; other pages: "
                                   "the page number in the head's outer corner, header_odd/header_even centred")
    if layout.get("header_first"):
        furniture = {"header_first": layout["header_first"], **furniture,
                     "first_page": FIRST_PAGE[f"{layout['typesetter']}-first"]}
    if layout.get("page_number_in") == "footer-title-left":
        furniture["first_page"] = ("as every page: no running header; footer_odd left and the page number right "
                                   "in the foot")
    if layout.get("page_number_in") == SECTION_HEADS:
        book = layout.get("heading_style") == "book"
        furniture.update(section_heads(record, book, titled=not book and not layout.get("chapter_opening")))
    if layout.get("page_number_in") == "header-outer" and layout.get("header_first"):
        furniture["first_page"] = FIRST_PAGE["xelatex-first-head"]
    return {"id": source["id"], "script": source["script"], "title": source["title"],
            "author": source.get("author"), "source": source["source"], "note_style": layout["note_style"],
            "pages": record["pages"], "furniture": furniture, "blocks": blocks, "notes": notes}


FIRST_PAGE = {"xelatex": "no running header or footer; the page number alone, centred",
              "xelatex-first": ("its own masthead head (header_first, left, thick rule), no header_odd; "
                                "the page number in the foot's outer (right) corner, as on every page"),
              "xelatex-first-head": ("its own masthead head (header_first, left, thick rule) with the page number "
                                     "in the head's right corner; no header_odd; no foot"),
              "soffice": "the running header and the page number, as on every page",
              "fancy": "as every odd page: no running header; the page number alone in the outer corner of the foot",
              "soffice-first": "its own running header (header_first) instead of header_odd; "
                               "the page number as on every page",
              "chapter_opening": ("a chapter opening: no running header; the page number alone, centred in the "
                                  "foot (as on every page)")}


def section_heads(record: dict, book: bool = False, titled: bool = False) -> dict:
    """The furniture of heads that change along the text: every head each page printed (the
    typesetter's record; None on a page with none), the odd ones apart. `titled`: a text opening with
    its own title (\\maketitle), whose level-1 headings (parts) set the odd heads."""
    heads = record["heads"]
    note = ("even pages: header_even (the chapter title, centred); odd pages but the first: the "
            "current section's title, centred (header_odd_by_page, from the typesetter's record); "
            "a rule under every head; page_number alone centred in the foot of every page")
    if book:
        note = ("even pages: header_even (the book's title, centred); odd pages: the current chapter's title, "
                "centred (header_odd_by_page, from the typesetter's record); no head on a chapter opening or an "
                "empty page; a rule under every head; page_number alone centred in the foot of every page")
    if titled:
        note = ("even pages: header_even (the text's title, centred); odd pages but the first: the current "
                "level-1 heading (part), centred (header_odd_by_page, from the typesetter's record); a rule "
                "under every head; page_number alone centred in the foot of every page")
        return {"first_page": "the title page: no running header; the page number alone, centred in the foot "
                              "(as on every page)",
                "header_odd_by_page": {page: head for page, head in sorted(
                    (p, h) for p, h in heads.items() if isinstance(p, int)) if page % 2 == 1},
                "header_by_page": {page: heads.get(page) for page in record["pages"]},
                "heads_note": note}
    return {"first_page": FIRST_PAGE["chapter_opening"],
            "header_odd_by_page": {page: head for page, head in sorted(
                (p, h) for p, h in heads.items() if isinstance(p, int)) if page % 2 == 1},
            "header_by_page": {page: heads.get(page) for page in record["pages"]},
            "heads_note": note}


def printed_pages(marked: list) -> list:
    """The pages from a start mark's page to an end mark's page (both printed numbers).

    >>> printed_pages([42, 43]), printed_pages([44, 44]), printed_pages(["iii", "iii"])
    ([42, 43], [44], ['iii'])
    """
    first, last = marked[0], marked[-1]
    if isinstance(first, int) and isinstance(last, int):
        return list(range(first, last + 1))
    return list(dict.fromkeys([first, last]))


def truth_block(block: dict, marks: dict[str, str]) -> dict:
    out = {key: value for key, value in block.items()
           if key not in ("text", "arabic_from_here", "float", "style", "span",
                                                      "continued_caption")}
    if "text" not in block:
        return out
    plain, refs = strip_markers(block["text"])
    out["text"] = plain
    if refs:
        out["notes"] = [{"note": note_id, "mark": marks[note_id], "offset": offset,
                         "after": plain[max(0, offset - 8):offset]} for note_id, offset in refs]
    return out


def strip_markers(text: str) -> tuple[str, list[tuple[str, int]]]:
    """The text without its {{id}} markers, and each marker's note id and offset in that text.

    >>> strip_markers("國。{{n1}}{{n2}}1945年")
    ('國。1945年', [('n1', 2), ('n2', 2)])
    """
    refs, parts, last = [], [], 0
    for match in MARKER.finditer(text):
        parts.append(text[last:match.start()])
        refs.append((match.group(1), sum(map(len, parts))))
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), refs


def note_marks(source: dict, record: dict) -> dict[str, str]:
    """The mark each note carries in print, by the text's note style."""
    style = source["layout"]["note_style"]
    title_notes = source.get("title_notes", [])
    marks = {note_id: DAGGER if source["layout"].get("title_note_mark") == "dagger" else STAR
             for note_id in title_notes}
    symbols = source.get("symbol_notes") or {}
    marks.update(symbols)
    numbered = [note_id for note_id in source["notes"] if note_id not in title_notes and note_id not in symbols]
    for number, note_id in enumerate(numbered, 1):
        if style.endswith("through-circled"):
            marks[note_id] = CIRCLED[number - 1]
        elif style.endswith("bracketed"):
            marks[note_id] = f"[{record['counters'][note_id]}]" if "perchapter" in style else f"[{number}]"
        elif "tortoise" in style:        # 〔1〕, the typesetter's counter
            marks[note_id] = f"〔{record['counters'][note_id]}〕"
        elif style.endswith("perpage-parenthesized"):     # (1) in superscript, afresh on every page
            marks[note_id] = f"({record['counters'][note_id]})"
        elif style.endswith("perpage-circled"):
            marks[note_id] = CIRCLED[record["counters"][note_id] - 1]
        elif style.endswith("perpage-fullwidth-brackets"):     # ［1］ in superscript, afresh on every page
            marks[note_id] = f"［{record['counters'][note_id]}］"
        elif style.endswith("perpage") or style.endswith("perchapter"):
            marks[note_id] = str(record["counters"][note_id])
        else:
            marks[note_id] = str(number)
    return marks


# --- XeLaTeX ------------------------------------------------------------------------------------

PREAMBLE = (CORPUS / "paper.tex").read_text(encoding="utf-8")     # %-style fields

NOTE_STYLES = {
    "footnote-through-circled": {   # ①② numbered through the text (not afresh on each page)
        "notes_package": r"\usepackage[hang]{footmisc}",
        "note_format": r"\renewcommand\thefootnote{\circnum{footnote}}",
        "counter": "footnote", "command": "footnote"},
    "footnote-perpage-circled": {
        "notes_package": r"\usepackage[perpage,hang]{footmisc}",
        "note_format": r"\renewcommand\thefootnote{\circnum{footnote}}",
        "counter": "footnote", "command": "footnote"},
    "footnote-perpage-parenthesized": {   # (1) in superscript, numbered per page; `(1) note` in the foot
        "notes_package": r"\usepackage[perpage]{footmisc}",
        "note_format": (r"\renewcommand\thefootnote{(\arabic{footnote})}" "\n" r"\makeatletter"
                        r"\renewcommand\@makefntext[1]{\leftskip1.8em\parindent1em\noindent\hskip-1.8em"
                        r"\hbox to 1.8em{\@thefnmark\hfil}#1}\makeatother"),
        "counter": "footnote", "command": "footnote"},
    "footnote-perpage-fullwidth-brackets": {   # ［1］ (full-width brackets) in superscript, afresh on every
        "notes_package": r"\usepackage[perpage]{footmisc}",   # page; `［1］note` in the foot
        "note_format": (r"\renewcommand\thefootnote{［\arabic{footnote}］}" "\n" r"\makeatletter"
                        r"\renewcommand\@makefntext[1]{\leftskip2.6em\parindent1em\noindent\hskip-2.6em"
                        r"\hbox to 2.6em{\@thefnmark\hfil}#1}\makeatother"),
        "counter": "footnote", "command": "footnote"},
    "footnote-perpage": {
        "notes_package": r"\usepackage[perpage,hang]{footmisc}", "note_format": "",
        "counter": "footnote", "command": "footnote"},
    "footnote-through": {
        "notes_package": r"\usepackage[hang]{footmisc}", "note_format": "",
        "counter": "footnote", "command": "footnote"},
    "footnote-perchapter": {         # numbered afresh under every level-1 heading (see latex_block)
        "notes_package": r"\usepackage[hang]{footmisc}", "note_format": "",
        "counter": "footnote", "command": "footnote", "reset_at_chapter": True},
    "footnote-perchapter-bracketed": {   # [1] in superscript, restarting under every level-1 heading
        "notes_package": r"\usepackage[hang]{footmisc}",
        "note_format": (r"\renewcommand\thefootnote{[\arabic{footnote}]}" "\n" r"\makeatletter"
                        r"\renewcommand\@makefntext[1]{\noindent\hangindent2.2em\hbox to 2.2em{\@thefnmark\hfil}#1}"
                        r"\makeatother"),
        "counter": "footnote", "command": "footnote", "reset_at_chapter": True},
    "endnote-through": {
        "notes_package": r"\usepackage{endnotes}",
        "note_format": r"\renewcommand\enoteheading{\section*{\notesname}}",
        "counter": "endnote", "command": "endnote"},
    "endnote-through-bracketed": {   # [1] in superscript in the text; `[1] note` in the list at the end
        "notes_package": r"\usepackage{endnotes}",
        "note_format": (r"\renewcommand\enoteheading{\section*{\notesname}}" "\n"
                        r"\renewcommand\makeenmark{\textsuperscript{[\theenmark]}}" "\n"
                        r"\renewcommand\enoteformat{\rightskip0pt\leftskip0pt\parindent0pt\hangindent2.6em"
                        r"\hangafter1\leavevmode\hbox to 2.6em{[\theenmark]\hfil}}"),
        "counter": "endnote", "command": "endnote"},
    "endnote-through-inline-bracketed": {   # [1] on the line (not raised) in the text; `[1] note` at the end
        "notes_package": r"\usepackage{endnotes}",
        "note_format": (r"\renewcommand\enoteheading{\section*{\notesname}}" "\n"
                        r"\renewcommand\makeenmark{[\theenmark]}" "\n"
                        r"\renewcommand\enoteformat{\rightskip0pt\leftskip0pt\parindent0pt\hangindent2.6em"
                        r"\hangafter1\leavevmode\hbox to 2.6em{[\theenmark]\hfil}}"),
        "counter": "endnote", "command": "endnote"},
    "footnote-through-tortoise-twocolumn": {   # 〔1〕 in superscript; `〔1〕note` in two columns (dblfnote)
        "notes_package": r"\usepackage{dblfnote}\DFNalwaysdouble",
        "note_format": (r"\renewcommand\thefootnote{〔\arabic{footnote}〕}" "\n"
                        r"\makeatletter\renewcommand\@makefntext[1]{\parindent1em\noindent\@thefnmark#1}\makeatother"),
        "counter": "footnote", "command": "footnote"},
}
SECTION_HEADS = "footer-centre-section-heads"     # odd heads carry the current section's title


def typeset_latex(folder: Path, source: dict) -> tuple[Path, dict]:
    tex = folder / f"{source['id']}.tex"
    tex.write_text(latex_document(source), encoding="utf-8")
    with tempfile.TemporaryDirectory() as work:
        for _ in range(3):      # perpage numbering and fancyhdr settle over the runs
            subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                           cwd=folder, check=True, stdout=subprocess.DEVNULL, env=_tex_env(work))
        aux = (folder / tex.with_suffix(".aux").name).read_text(encoding="utf-8")
    for suffix in (".aux", ".log", ".ent", ".out"):
        tex.with_suffix(suffix).unlink(missing_ok=True)
    return tex.with_suffix(".pdf"), read_aux(aux)


def _tex_env(work: str) -> dict:
    return {**os.environ, "TEXMFVAR": work, "SOURCE_DATE_EPOCH": "1767225600", "FORCE_SOURCE_DATE": "1"}


def read_aux(aux: str) -> dict:
    """Pages, and the pages of note and block marks, from the lines the document wrote to its .aux file."""
    pages: list[str] = []
    for page in re.findall(r"\\corpuspage\{([^}]*)\}", aux):
        if not pages or pages[-1] != page:
            pages.append(page)
    marks: dict[str, list] = {}
    counters: dict[str, int] = {}
    for mark, counter, page in re.findall(r"\\corpusnote\{(\w+)\}\{(\d+)\}\{([^}]*)\}", aux):
        marks[mark] = [_page(page)]
        counters[mark] = int(counter)
    for mark, page in re.findall(r"\\corpusnoteend\{(\w+)\}\{([^}]*)\}", aux):
        marks[mark].append(_page(page))
    heads = {_page(page): head.replace(r"\par ", "").strip()
             for page, head in re.findall(r"\\corpushead\{([^}]*)\}\{([^}]*)\}", aux)}
    return {"pages": [_page(p) for p in pages], "marks": marks, "counters": counters, "heads": heads}


def _page(printed: str) -> int | str:
    return int(printed) if printed.isdigit() else printed


def latex_document(source: dict) -> str:
    layout = source["layout"]
    style = NOTE_STYLES[layout["note_style"]]
    number = layout["page_number"].replace("{n}", r"\thepage{}")
    circled = "".join(rf"\or {c}" for c in CIRCLED)
    head = PREAMBLE % {**style, "circled": circled, "cjk_font": layout["cjk_font"], "width": layout["paper"][0],
                       "height": layout["paper"][1], "number": number, "running": running_heads(layout, number),
                       "latin_font": latin_font(layout),
                       **font_and_page_fields(layout)}
    if layout.get("header_first"):     # the first page's own masthead head over a thick rule, its number right
        place = "head" if layout.get("page_number_in") == "header-outer" else "foot"
        first = (r"\fancypagestyle{plain}{\fancyhf{}\renewcommand\headrulewidth{1.2pt}"
                 rf"\fancyhead[L]{{\small\sffamily {escape(layout['header_first'])}}}"
                 rf"\fancy{place}[R]{{\cpage {number}}}}}")
        head = "\n".join(first if line.startswith(r"\fancypagestyle{plain}") else line for line in head.split("\n"))
    if layout.get("columns") == 2:     # LaTeX's twocolumn; the front set across both columns
        head = head.replace("twoside,", "twoside,twocolumn,", 1)
        head = head.replace(r"\begin{document}",
                            r"\setlength\columnsep{%s}" % layout.get("columnsep", "6mm") + "\n" + r"\begin{document}")
        return head + "\n".join([twocolumn_front(source, style)] + latex_blocks(source, style)) + "\n\\end{document}\n"
    body = [front_matter(source, style)]
    if layout.get("title_note_mark") == "dagger":
        body.insert(0, r"\makeatletter\def\@fnsymbol#1{\ensuremath{\dagger}}\makeatother")
    if style["command"] == "endnote":
        body.insert(0, rf"\renewcommand\notesname{{{layout['notes_heading']}}}")
    body += latex_blocks(source, style)
    if style["command"] == "endnote":
        body.append(r"\theendnotes")
    if layout.get("page_number_in") == SECTION_HEADS:      # the record of every head printed
        head = head.replace(r"\newcommand\corpuspage[1]{}", r"\newcommand\corpuspage[1]{}\newcommand\corpushead[2]{}")
    return head + "\n".join(body) + "\n\\end{document}\n"


def latin_font(layout: dict) -> str:
    if "latin_font" not in layout:
        return ""
    options = f"[{layout['latin_font_options']}]" if layout.get("latin_font_options") else ""
    return rf"\setmainfont{options}{{{layout['latin_font']}}}"


DEFAULT_MARGINS = "top=24mm,bottom=24mm,inner=20mm,outer=18mm,headsep=6mm"
DEFAULT_HEADINGS = (r"\ctexset{section={format=\large\bfseries\centering,beforeskip=1.2ex,afterskip=1ex}," "\n"
                    r"         subsection={format=\normalsize\bfseries,beforeskip=1ex,afterskip=0.6ex}}")
THREE_LEVEL_HEADINGS = (r"\ctexset{section={format=\large\sffamily\centering,beforeskip=1.6ex,afterskip=1.2ex}," "\n"
                        r"         subsection={format=\normalsize\sffamily,beforeskip=1.2ex,afterskip=0.8ex}," "\n"
                        r"         subsubsection={format=\normalsize\sffamily\hspace{2em},"
                        r"beforeskip=1ex,afterskip=0.6ex}}")

THESIS_HEADINGS = (r"\ctexset{section={format=\Large\sffamily\centering,beforeskip=1ex,afterskip=2.5ex}," "\n"
                   r"         subsection={format=\large\sffamily,beforeskip=2ex,afterskip=1.2ex}," "\n"
                   r"         subsubsection={format=\normalsize\sffamily,beforeskip=1.2ex,afterskip=0.8ex}}")

INDENTED_HEADINGS = (r"\ctexset{section={format=\large\sffamily,beforeskip=2ex,afterskip=1.2ex}," "\n"
                     r"         subsection={format=\normalsize\sffamily\hspace{1em},"
                     r"beforeskip=1.2ex,afterskip=0.8ex}," "\n"
                     r"         subsubsection={format=\normalsize\sffamily\hspace{2em},"
                     r"beforeskip=1ex,afterskip=0.6ex}}")

DECIMAL_HEADINGS = (r"\ctexset{section={format=\large\sffamily\raggedright,beforeskip=2.2ex,afterskip=1.2ex}," "\n"
                    r"         subsection={format=\normalsize\sffamily\raggedright,"
                    r"beforeskip=1.4ex,afterskip=0.8ex}," "\n"
                    r"         subsubsection={format=\normalsize\sffamily\raggedright,"
                    r"beforeskip=1ex,afterskip=0.6ex}}")


FOUR_LEVEL_HEADINGS = (r"\ctexset{section={format=\large\sffamily\centering,beforeskip=2ex,afterskip=1.2ex}," "\n"
                       r"         subsection={format=\normalsize\sffamily,beforeskip=1.4ex,afterskip=0.8ex}," "\n"
                       r"         subsubsection={format=\normalsize\sffamily\hspace{2em},"
                       r"beforeskip=1ex,afterskip=0.6ex}," "\n"
                       r"         paragraph={format=\normalsize\hspace{2em},runin=false,"
                       r"beforeskip=0.8ex,afterskip=0.4ex}}")


BOOK_HEADINGS = (r"\ctexset{section={format=\LARGE\sffamily\centering,beforeskip=0pt,afterskip=5ex}," "\n"
                 r"         subsection={format=\large\sffamily\centering,beforeskip=2.2ex,afterskip=1.4ex}," "\n"
                 r"         subsubsection={format=\normalsize\sffamily,beforeskip=1.4ex,afterskip=0.8ex}," "\n"
                 r"         paragraph={format=\normalsize\sffamily\hspace{1em},runin=false,"
                 r"beforeskip=1ex,afterskip=0.6ex}}" "\n"
                 r"\newcommand\chapteropening{\clearpage\ifodd\value{page}\else\hbox{}\thispagestyle{plain}\newpage"
                 r"\fi\thispagestyle{plain}\vspace*{14mm}}")


def font_and_page_fields(layout: dict) -> dict:
    """Size, margins, CJK font files, heading formats. Without the optional layout keys (`zihao`,
    `margins`, `cjk_font_options`, `cjk_sans_font`, `cjk_fallback_font`, `quote_font`,
    `heading_levels`) the preamble is the original template's."""
    fields = {"zihao": layout.get("zihao", 5), "margins": layout.get("margins", DEFAULT_MARGINS),
              "cjk_font_options": f"[{layout['cjk_font_options']}]" if layout.get("cjk_font_options") else "",
              "cjk_sans_font": "{%s}" % layout.get("cjk_sans_font", layout["cjk_font"]),
              "extra_fonts": "", "headings": DEFAULT_HEADINGS,
              "footins": layout.get("footnote_share", 0.4)}   # the share of the page the notes may take
    if layout.get("cjk_fallback_font"):      # rare characters the main font lacks (殷允芃, 日清戦争)
        fields["extra_fonts"] = (r"\xeCJKsetup{AutoFallBack=true}\setCJKfallbackfamilyfont{\CJKrmdefault}{%s}"
                                 % layout["cjk_fallback_font"] + "\n")
    if layout.get("quote_font"):
        fields["extra_fonts"] += r"\setCJKfamilyfont{quote}{%s}" % layout["quote_font"]
    if layout.get("heading_levels") == 3:
        fields["headings"] = THREE_LEVEL_HEADINGS
    if layout.get("heading_style") == "thesis":
        fields["headings"] = THESIS_HEADINGS
    if layout.get("heading_style") == "decimal":   # 1 / 1.1 / 1.1.1, flush left, no stop after the number
        fields["headings"] = DECIMAL_HEADINGS
    if layout.get("heading_style") == "four-level":  # 一、 / （一） / 1. / （1）, the last on its own line
        fields["headings"] = FOUR_LEVEL_HEADINGS
    if layout.get("heading_style") == "book":      # chapters opening odd pages: 第一章 / 第一節 / 一、 / （一）
        fields["headings"] = BOOK_HEADINGS
    if layout.get("heading_style") == "indented":  # 第一节 left, 一、 and （一） indented by 1 and 2 em
        fields["headings"] = INDENTED_HEADINGS
    if layout.get("floats_after_reference"):      # flafter: a float never printed above where it stands
        fields["extra_fonts"] += "\n" r"\usepackage{flafter}"
    if layout.get("longtable"):      # a table breaking across pages, its head repeated under `continued_caption`
        fields["extra_fonts"] += "\n" r"\usepackage{longtable}"
    if layout.get("linespread"):
        fields["extra_fonts"] += "\n" r"\linespread{%s}" % layout["linespread"]
    return fields


def running_heads(layout: dict, number: str) -> str:
    """fancyhdr's heads and feet: the page number in the outer corner of the foot, or of the head
    beside the running title (`page_number_in: header`, as many journals print it)."""
    odd, even = (escape(layout.get(key, "")) for key in ("header_odd", "header_even"))
    if layout.get("page_number_in") == SECTION_HEADS:     # each head written to the .aux as printed
        record_odd, record_even = (r"\write\@auxout{\string\corpushead{\thepage}{%s}}" % head
                                   for head in (r"\rightmark", even))
        return (r"\makeatletter" "\n"
                rf"\fancyhead[CO]{{\small\rightmark{record_odd}}}" "\n"
                rf"\fancyhead[CE]{{\small {even}{record_even}}}" "\n"
                rf"\fancyfoot[C]{{\cpage {number}}}" "\n" r"\makeatother")
    if layout.get("page_number_in") == "header":
        return (rf"\fancyhead[RO]{{\small {odd}\quad\cpage {number}}}" "\n"
                rf"\fancyhead[LE]{{\small\cpage {number}\quad {even}}}")
    if layout.get("page_number_in") == "footer-centre":
        return (rf"\fancyhead[RO]{{\small {odd}}}" "\n" rf"\fancyhead[LE]{{\small {even}}}" "\n"
                rf"\fancyfoot[C]{{\cpage {number}}}")
    if layout.get("page_number_in") == "header-outer":     # the bare number in the head's outer corner
        return (rf"\fancyhead[LE]{{\small\cpage {number}}}" "\n" rf"\fancyhead[RE]{{\small {even}}}" "\n"
                rf"\fancyhead[LO]{{\small {odd}}}" "\n" rf"\fancyhead[RO]{{\small\cpage {number}}}")
    if layout.get("page_number_in") == "journal-footer-outer":    # the number in the foot's outer corner
        return (rf"\fancyhead[LE]{{\small {even}}}" "\n" rf"\fancyhead[RO]{{\small {odd}}}" "\n"
                rf"\fancyfoot[LE]{{\cpage {number}}}" "\n" rf"\fancyfoot[RO]{{\cpage {number}}}")
    if layout.get("page_number_in") == "header-outer-title-centre":   # a book chapter: the number outside
        return (rf"\fancyhead[CO]{{\small {odd}}}" "\n" rf"\fancyhead[RO]{{\small\cpage {number}}}" "\n"
                rf"\fancyhead[CE]{{\small {even}}}" "\n" rf"\fancyhead[LE]{{\small\cpage {number}}}")
    if layout.get("page_number_in") == "header-centre":     # the number centred in the head, a running foot
        foot = escape(layout.get("footer_odd", ""))
        return (rf"\fancyhead[C]{{\small\cpage {number}}}" "\n" rf"\fancyhead[RO]{{\small {odd}}}" "\n"
                rf"\fancyhead[LE]{{\small {even}}}" "\n" rf"\fancyfoot[C]{{\footnotesize {foot}}}")
    if layout.get("page_number_in") == "footer-title-left":    # a report: no head; the short title left in
        foot = escape(layout.get("footer_odd", ""))             # the foot, the page number right, every page
        return (r"\renewcommand\headrulewidth{0pt}" "\n" rf"\fancyfoot[L]{{\footnotesize {foot}}}" "\n"
                rf"\fancyfoot[R]{{\footnotesize\cpage {number}}}")
    if layout.get("page_number_in") == "footer-outer":     # head on even pages only, rule only there
        return (rf"\fancyhead[LE]{{\small {even}}}" "\n" rf"\fancyfoot[RO]{{\cpage {number}}}" "\n"
                rf"\fancyfoot[LE]{{\cpage {number}}}" "\n"
                r"\renewcommand\headrulewidth{\ifodd\value{page}0pt\else0.4pt\fi}")
    foot_odd, foot_even = (escape(layout.get(key, "")) for key in ("footer_odd", "footer_even"))
    return "\n".join([rf"\fancyhead[CO]{{\small {odd}}}", rf"\fancyhead[CE]{{\small {even}}}",
                      rf"\fancyfoot[RO]{{\cpage {number}}}", rf"\fancyfoot[LE]{{\cpage {number}}}",
                      rf"\fancyfoot[LO]{{\footnotesize {foot_odd}}}", rf"\fancyfoot[RE]{{\footnotesize {foot_even}}}"])


def front_matter(source: dict, style: dict) -> str:
    layout = source["layout"]
    if layout.get("chapter_opening"):
        return (rf"\setcounter{{page}}{{{layout['first_page']}}}" "\n" r"\thispagestyle{plain}\markboth{}{}" "\n"
                r"\vspace*{8mm}{\centering\sffamily\Large " + escape(source["title"]) + r"\par}\vspace{10mm}" "\n")
    if layout.get("title_style") == "journal":
        return journal_title(source)
    if layout.get("title_style") == "book":      # front matter paged i, ii, … with no title of its own
        return r"\pagenumbering{roman}\setcounter{page}{1}"
    thanks = "".join(rf"\thanks{{\cnote{{{n}}}{escape(source['notes'][n])}\cnoteend{{{n}}}}}"
                     for n in source.get("title_notes", []))
    parts = []
    if layout.get("roman_front"):
        parts.append(r"\pagenumbering{roman}")
    parts.append(rf"\setcounter{{page}}{{{layout.get('front_first_page', layout['first_page'])}}}")
    parts.append(rf"\title{{{escape(source['title'])}{thanks}}}\author{{{escape(source.get('author') or '')}}}"
                 r"\date{}\maketitle\thispagestyle{%s}" % layout.get("first_page_style", "plain"))
    return "\n".join(parts)


def journal_title(source: dict) -> str:
    """A journal article's opening (`title_style: journal`): the title centred in large sans type, broken
    onto a second line before `title_break_before` (a subtitle's ——), the author's name centred under it;
    no date, no title note. Front blocks with a `style` (centred, title-en, abstract) follow it."""
    layout = source["layout"]
    title = escape(source["title"])
    if layout.get("title_break_before"):
        cut = escape(layout["title_break_before"])
        title = title.replace(cut, r"\\" + cut, 1)
    return (rf"\setcounter{{page}}{{{layout['first_page']}}}\thispagestyle{{plain}}" "\n"
            r"\vspace*{4mm}{\centering\sffamily\LARGE\linespread{1.3}\selectfont " + title + r"\par}"
            r"\vspace{6mm}" "\n" r"{\centering\large " + escape(source.get("author") or "") + r"\par}\vspace{1mm}")


def twocolumn_front(source: dict, style: dict) -> str:
    """A two-column article's opening (`columns: 2`): the title (its starred note's mark after it), the
    author and the front blocks across the full width (`\\twocolumn[...]`), the title notes at the foot
    of the first column."""
    layout = source["layout"]
    front = [latex_block({**block, "style": block.get("style", "abstract")}, source, style, f"b{i}")
             for i, block in enumerate(source["blocks"]) if block.get("front")]
    star = r"\textsuperscript{$\ast$}" if source.get("title_notes") else ""
    notes = "".join(r"{\renewcommand\thefootnote{\ensuremath{\ast}}\footnotetext{\cnote{%s}%s\cnoteend{%s}}}"
                    % (n, escape(source["notes"][n]), n) for n in source.get("title_notes", []))
    return (rf"\setcounter{{page}}{{{layout['first_page']}}}\thispagestyle{{plain}}" "\n"
            r"\twocolumn[{\vspace*{4mm}{\centering\sffamily\LARGE " + escape(source["title"]) + star + r"\par}"
            r"\vspace{5mm}" "\n" r"{\centering\large " + escape(source.get("author") or "") + r"\par}\vspace{4mm}" "\n"
            + "".join(front) + r"\vspace{4mm}}]" "\n" + notes)


FRONT_STYLES = {     # a front block's `style`: how it is set (typesetting only; not in the truth)
    "centred": r"{\centering\small %s\par}\vspace{5mm}",
    "title-en": r"\vspace{3mm}{\centering\large\bfseries %s\par}\vspace{2mm}",
    "abstract": r"{\small\leftskip2em\rightskip2em\noindent %s\par}\vspace{1.5mm}",
    "epigraph": r"{\raggedleft\CJKfamily{quote}\noindent %s\par}\vspace{1mm}",
    "salutation": r"{\noindent %s\par}",                          # a letter's or telegram's salutation, flush left
    "signature": r"{\raggedleft\noindent %s\hspace*{2em}\par}",  # a signature and date, right-aligned, 2 em in
    "source-line": r"{\small\leftskip2em\noindent %s\par}\vspace{2ex}",   # a document's source, small type
}


def latex_blocks(source: dict, style: dict) -> list[str]:
    out: list[str] = []
    open_env = None
    blocks = source["blocks"]
    quote = r"\begin{quote}\CJKfamily{quote}" if source["layout"].get("quote_font") else r"\begin{quote}\small"
    for index, block in enumerate(blocks):
        if block.get("front") and source["layout"].get("columns") == 2:     # set by twocolumn_front
            continue
        env = {"list_item": "list", "quotation": "quote"}.get(block["kind"])
        if block.get("style") == "epigraph":
            env = None
        if env != open_env:
            if open_env:
                out.append(rf"\end{{{'enumerate' if open_env == 'list' else 'quote'}}}")
            if env:
                out.append(rf"\begin{{enumerate}}[leftmargin={list_margin(blocks, index)}em]" if env == "list"
                           else quote)
            open_env = env
        out.append(latex_block(block, source, style, f"b{index}"))
    if open_env:
        out.append(rf"\end{{{'enumerate' if open_env == 'list' else 'quote'}}}")
    return out


def list_margin(blocks: list, start: int) -> int:
    """3em, or one more than the widest label of the list starting at `start` when that is wider
    than three characters (`第十一条`)."""
    labels = [b["label"] for b in itertools.takewhile(lambda b: b["kind"] == "list_item", blocks[start:])]
    widest = max(map(len, labels))
    return 3 if widest <= 3 else widest + 1


def latex_block(block: dict, source: dict, style: dict, mark: str) -> str:
    kind = block["kind"]
    if kind == "table":
        return latex_table(block)
    # marks inside the first and last line record the pages the block is printed on
    text = rf"\leavevmode\cnote{{{mark}}}" + with_notes(block["text"], source, style) + rf"\cnoteend{{{mark}}}"
    if block.get("arabic_from_here"):      # the body after roman front matter starts a new page
        return (rf"\clearpage\pagenumbering{{arabic}}\setcounter{{page}}{{{source['layout']['first_page']}}}"
                + "\n" + latex_block({**block, "arabic_from_here": False}, source, style, mark))
    if kind == "heading":
        reset = r"\setcounter{footnote}{0}" if block["level"] == 1 and style.get("reset_at_chapter") else ""
        if source["layout"].get("heading_style") == "thesis":      # 第二章　緒論: the gap, not the U+3000 glyph
            text = text.replace("\u3000", r"\hspace{0.5em}")    # (which pdftotext splits a centred line at)
        if block["level"] == 1 and source["layout"].get("heading_style") == "book":
            reset = r"\chapteropening" + reset
        heading = {1: r"\section*{%s}", 2: r"\subsection*{%s}", 3: r"\subsubsection*{%s}",
                   4: r"\paragraph*{%s}"}[block["level"]] % text
        if block["level"] == 1 and source["layout"].get("page_number_in") == SECTION_HEADS:
            heading += rf"\markright{{{escape(strip_markers(block['text'])[0])}}}"    # the odd heads from here
        return reset + heading
    if kind == "list_item":
        return rf"\item[{escape(block['label'])}] {text}"
    if block.get("style"):
        return FRONT_STYLES[block["style"]] % text + "\n"
    return text + "\n"


def latex_table(block: dict) -> str:
    head, *rows = block["rows"]
    if block.get("continued_caption"):      # a longtable: breaks across pages, `续表1` over its head there
        span = r"\multicolumn{%d}{c}{%%s}\\[0.5ex]" % len(head)
        header = r"\toprule " + " & ".join(escape(c) for c in head) + r" \\ \midrule"
        return ("\\begin{longtable}{" + "l" * len(head) + "}\n" + span % escape(block["caption"]) + "\n" + header
                + "\n\\endfirsthead\n" + span % escape(block["continued_caption"]) + "\n" + header
                + "\n\\endhead\n\\bottomrule\n\\endlastfoot\n"
                + "\n".join(" & ".join(escape(c) for c in row) + r" \\" for row in rows) + "\n\\end{longtable}\n")
    lines = [" & ".join(escape(c) for c in head) + r" \\ \midrule"]
    lines += [" & ".join(escape(c) for c in row) + r" \\" for row in rows]
    env = "table*" if block.get("span") else "table"      # table*: across both columns of a twocolumn page
    start = "\\begin{%s}[%s]\\centering\n" % (env, block.get("float", "t"))
    return (start + escape(block["caption"]) + "\\par\\smallskip\n"
            "\\begin{tabular}{" + "l" * len(head) + "}\\toprule\n" + "\n".join(lines)
            + "\n\\bottomrule\\end{tabular}\\end{%s}\n" % env)


def with_notes(text: str, source: dict, style: dict) -> str:
    def note(match: re.Match) -> str:
        note_id = match.group(1)
        body = (url_breakable(source['notes'][note_id]) if source["layout"].get("url_breaks")
                else escape(source['notes'][note_id]))
        symbol = (source.get("symbol_notes") or {}).get(note_id)
        if symbol:       # † or ‡ at the foot of the page; the numbered notes go on as if it were not there
            glyph = {"†": r"\textdagger", "‡": r"\textdaggerdbl"}[symbol]
            return (rf"{{\renewcommand\thefootnote{{{glyph}}}\footnote{{\cnote{{{note_id}}}{body}"
                    rf"\cnoteend{{{note_id}}}}}}}\addtocounter{{footnote}}{{-1}}")
        return rf"\{style['command']}{{\cnote{{{note_id}}}{body}\cnoteend{{{note_id}}}}}"
    pieces = MARKER.split(text)
    return "".join(escape(piece) if i % 2 == 0 else note(re.match(r"(\w+)", piece))
                   for i, piece in enumerate(pieces))


URL = re.compile(r"https?://[!-~]+")


def url_breakable(text: str) -> str:
    """`escape(text)`, a URL in it breakable after / . - _ = & ? # and before % (no hyphen is printed).

    >>> url_breakable("见https://a.b/c%E4，")
    '见https:/\\\\allowbreak{}/\\\\allowbreak{}a.\\\\allowbreak{}b/\\\\allowbreak{}c\\\\allowbreak{}\\\\%E4，'
    """
    out, last = [], 0
    for match in URL.finditer(text):
        out.append(escape(text[last:match.start()]))
        pieces = []
        for char in match.group():
            if char == "%":
                pieces.append(r"\allowbreak{}")
            pieces.append(escape(char))
            if char in "/.-_=&?#":
                pieces.append(r"\allowbreak{}")
        out.append("".join(pieces))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def escape(text: str) -> str:
    """Text as LaTeX prints it unchanged: specials escaped, ligatures (--, ``) broken.

    >>> escape("97% -- a_b")
    '97\\\\% -{}- a\\\\_b'
    """
    specials = {"\\": r"\textbackslash{}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
    text = "".join(specials.get(c, c) for c in text).replace("\n", r"\par ")    # a paragraph break in a note
    return text.replace("--", "-{}-").replace("``", "`{}`").replace("''", "'{}'")


# --- LibreOffice ---------------------------------------------------------------------------------

FODT = (CORPUS / "paper.fodt").read_text(encoding="utf-8")       # str.format fields

SOFFICE_STYLES = {"heading": "H{level}", "paragraph": "Body", "quotation": "Quote", "list_item": "Item"}


def typeset_soffice(folder: Path, source: dict) -> tuple[Path, dict]:
    """A flat ODT written from `source`, converted to PDF by LibreOffice. Every footnote carries two
    bookmarks (at its first and last character), and so does every block; LibreOffice exports them as
    PDF named destinations: their pages are the typesetter's record of where each was printed."""
    layout = source["layout"]
    fodt = folder / f"{source['id']}.fodt"
    fodt.write_text(fodt_document(source), encoding="utf-8")
    pdf = soffice_pdf(fodt)
    return pdf, read_destinations(pdf, layout["first_page"], list(source["notes"]))


def soffice_pdf(fodt: Path) -> Path:
    """The PDF LibreOffice makes of a flat ODT beside it, its bookmarks exported as named destinations."""
    options = '{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        f"pdf:writer_pdf_Export:{options}", "--outdir", str(fodt.parent), str(fodt)],
                       check=True, stdout=subprocess.DEVNULL)
    return fodt.with_suffix(".pdf")


def fodt_document(source: dict) -> str:
    """The flat ODT of a text: paper.fodt, or with `fodt_template` that template (journal.fodt)."""
    layout = source["layout"]
    number = xml(layout["page_number"]).replace("{n}", '<text:page-number text:select-page="current"/>')
    if not layout.get("fodt_template"):
        return FODT.format(font=layout["cjk_font"], width=layout["paper"][0], height=layout["paper"][1],
                           header=xml(layout.get("header_odd", "")), footer=number, body=odt_body(source))
    template = (CORPUS / layout["fodt_template"]).read_text(encoding="utf-8")
    return template.format(font=layout["cjk_font"], heading_font=layout.get("heading_font", layout["cjk_font"]),
                           quote_font=layout.get("quote_font", layout["cjk_font"]), width=layout["paper"][0],
                           height=layout["paper"][1], first_page=layout["first_page"],
                           header_first=xml(layout.get("header_first", "")),
                           header_odd=xml(layout.get("header_odd", "")),
                           header_even=xml(layout.get("header_even", layout.get("header_odd", ""))),
                           footer=number, body=odt_body(source))


def read_destinations(pdf: Path, first_page: int, note_ids: list | None = None) -> dict:
    """Pages and note positions from the named destinations LibreOffice wrote for the bookmarks; for
    notes numbered per page, each note's number on its page (its rank among the notes beginning there)."""
    import pymupdf  # here: regenerating needs it, the tests never do
    with pymupdf.open(pdf) as document:
        names = document.resolve_names()
        pages = list(range(first_page, first_page + document.page_count))
    marks: dict[str, list] = {}
    for name, target in sorted(names.items(), key=lambda item: item[0].endswith("-end")):
        if match := re.fullmatch(r"mark-(\w+)-(start|end)", name):
            marks.setdefault(match.group(1), []).append(first_page + target["page"])
    counters: dict[str, int] = {}
    for note_id in note_ids or ():
        counters[note_id] = 1 + sum(marks[other][0] == marks[note_id][0] for other in counters)
    return {"pages": pages, "marks": marks, "counters": counters}


def odt_body(source: dict) -> str:
    paragraphs = [f'<text:p text:style-name="Title">{xml(source["title"])}</text:p>',
                  f'<text:p text:style-name="Author">{xml(source.get("author") or "")}</text:p>']
    frame = ""
    for index, block in enumerate(source["blocks"]):
        if block["kind"] == "table":      # a frame at the top of the page of the next block's paragraph
            frame = odt_table_frame(block, f"b{index}")
            continue
        style = SOFFICE_STYLES[block["kind"]].format(level=block.get("level"))
        text = frame + bookmarked(f"b{index}", odt_text(block["text"], source))
        frame = ""
        if block["kind"] == "list_item":
            text = f"{xml(block['label'])}<text:tab/>{text}"
        element = "h" if block["kind"] == "heading" else "p"
        level = f' text:outline-level="{block["level"]}"' if element == "h" else ""
        paragraphs.append(f'<text:{element} text:style-name="{style}"{level}>{text}</text:{element}>')
    if frame:
        paragraphs.append(f'<text:p text:style-name="Body">{frame}</text:p>')
    return "\n".join(paragraphs)


def odt_table_row(cells: list, cell_style: str) -> str:
    """One row of a flat ODT table, each cell in `cell_style` (the templates' CellHead, CellBody, CellLast)."""
    return "<table:table-row>" + "".join(
        f'<table:table-cell table:style-name="{cell_style}" office:value-type="string">'
        f'<text:p text:style-name="TableText">{xml(c)}</text:p></table:table-cell>' for c in cells) \
        + "</table:table-row>"


def odt_table(block: dict, mark: str) -> str:
    """A table with its caption above it, in flat ODT: a column style per column (the templates'
    TblColA, TblColB, …), the first row the header, the last in CellLast."""
    head, *rows = block["rows"]
    columns = "".join(f'<table:table-column table:style-name="TblCol{chr(ord("A") + i)}"/>' for i in range(len(head)))
    body = "".join(odt_table_row(r, "CellLast" if i == len(rows) - 1 else "CellBody") for i, r in enumerate(rows))
    return (f'<text:p text:style-name="Caption">{bookmarked(mark, xml(block["caption"]))}</text:p>'
            f'<table:table table:name="Table1" table:style-name="Tbl">{columns}'
            f'<table:table-header-rows>{odt_table_row(head, "CellHead")}</table:table-header-rows>{body}</table:table>')


def odt_table_frame(block: dict, mark: str) -> str:
    """A two-column table with its caption, in a frame (journal.fodt's graphic style TopFloat) placed at
    the top of the page of the paragraph it is anchored in, as LaTeX floats a table [t]."""
    assert len(block["rows"][0]) == 2, "journal.fodt has column styles for two columns"
    return ('<draw:frame draw:style-name="TopFloat" draw:name="Table frame" text:anchor-type="paragraph" '
            f'svg:width="13.4cm" draw:z-index="0"><draw:text-box fo:min-height="1cm">{odt_table(block, mark)}'
            '</draw:text-box></draw:frame>')


def odt_text(text: str, source: dict) -> str:
    def note(note_id: str) -> str:
        body = bookmarked(note_id, xml(source["notes"][note_id]))
        return (f'<text:note text:id="{note_id}" text:note-class="footnote"><text:note-citation/>'
                f'<text:note-body><text:p text:style-name="Footnote">{body}</text:p></text:note-body></text:note>')
    pieces = MARKER.split(text)
    return "".join(xml(piece) if i % 2 == 0 else note(piece) for i, piece in enumerate(pieces))


def bookmarked(mark: str, content: str) -> str:
    """`content` between two bookmarks, which the PDF export turns into named destinations."""
    return f'<text:bookmark text:name="mark-{mark}-start"/>{content}<text:bookmark text:name="mark-{mark}-end"/>'


def xml(text: str) -> str:
    """Text as XML character data.

    >>> xml("a<b & c")
    'a&lt;b &amp; c'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


TYPESETTERS = {"xelatex": typeset_latex, "soffice": typeset_soffice}


# --- extraction ---------------------------------------------------------------------------------

def extract_all(pdf: Path, out: Path) -> None:
    """Each extractor's text of `pdf`, written as the tool writes it."""
    out.mkdir(exist_ok=True)
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(out / "pdftotext.txt")], check=True)
    subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(out / "pdftotext-layout.txt")],
                   check=True)
    pdf2txt = shutil.which("pdf2txt.py") or str(Path(sys.executable).parent / "pdf2txt.py")
    subprocess.run([sys.executable, pdf2txt, "-o", str(out / "pdfminer.txt"), str(pdf)], check=True)
    import pymupdf  # here: regenerating needs it, the tests never do
    with pymupdf.open(pdf) as document:      # pages simply concatenated, as a short script would
        (out / "pymupdf.txt").write_text("".join(page.get_text() for page in document), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
