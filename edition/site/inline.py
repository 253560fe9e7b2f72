"""A paragraph, a note or a table cell as inline HTML: note markers, page markers, glossary links,
emendations and sic marks at their offsets, runs of other languages tagged.

In: a paragraph's text with its note refs, page breaks and emendations, the glossary links of the
unit, the interface strings. Out: `Markup`. Text is escaped here (`escape.lang_html`); the markup
added is the build's own.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup

from edition.core.encode import html_attribute, html_text
from edition.core.model import CELL_NOTE, Paragraph
from edition.site.escape import lang_html

CLOSING = set("，。、；：！？）」』》〉】")   # punctuation that may not begin a line
Link = tuple[int, int, str, str]             # (offset, length, href, title) of a glossary link


def note_ref(number: int, labels: Mapping[int, tuple[str, str]] | None = None) -> Markup:
    """A note's marker: anchored by the running number (#n27); where the text numbers its notes
    per page, `labels` gives what it shows and what it is called (⑥, 本文第4頁注⑥)."""
    # 注 is the same word in both scripts; the name is what a screen reader says ("注12", not "12").
    shown, name = (html_attribute(part) for part in (labels or {}).get(number, (str(number), f"注{number}")))
    return Markup(f'<sup id="nref{number}" class="ed-nref"><a class="footnote-ref" href="#n{number}" '
                  f'aria-label="{name}">{shown}</a></sup>')


def page_marker(page: int, strings: dict) -> Markup:
    """The visible `[12]` of a printed page: a link to its anchor, named 原論文第12頁 for a screen
    reader (the bracketed number is hidden from it). An article's own page count, which is not the
    journal's, reads `〔4〕` and is drawn apart (edition.css), so a reader tells the two at sight."""
    label = html_attribute(strings["page_marker_title"].format(page=page))
    kind = strings.get("page_kind", "thesis")     # whose page: the thesis's own, or an article's own count
    shown = f"〔{page}〕" if kind == "article" else f"[{page}]"
    return Markup(f'<a class="ed-page" href="#page-{page}" data-page-of="{html_attribute(kind)}" title="{label}" '
                  f'aria-label="{label}">'
                  f'<span aria-hidden="true">{shown}</span></a>')


def page_anchor(page: int) -> Markup:
    """Where printed page `page` begins, to the character: what `#page-12` lands on and cites."""
    return Markup(f'<span class="ed-page-at" id="page-{page}"></span>')


def shown_page_offset(text: str, offset: int, links: Sequence[Link] = ()) -> int:
    """Where the visible marker of a page turn at `offset` goes: the anchor stays at the turn,
    but the `[12]` never splits a word, a name or a glossary mention, so it moves on to the first
    place that is not between two letters or ideographs and not inside a mention.

    >>> shown_page_offset("熊式輝說，好", 2)
    4
    >>> shown_page_offset("Potsdam Conference", 11)
    18
    >>> shown_page_offset("甲乙。丙丁", 3)
    3
    """
    def inside(at: int) -> bool:
        return any(start < at < start + length for start, length, *_ in links)

    while 0 < offset < len(text) and ((_is_word(text[offset - 1]) and _is_word(text[offset])) or inside(offset)):
        offset += 1
    return offset


def _is_word(char: str) -> bool:
    return char.isalnum()    # ideographs, kana, Latin and Cyrillic letters, digits; never punctuation


def inline_html(paragraph: Paragraph, strings: dict, links: Sequence[Link] = (),
                labels: Mapping[int, tuple[str, str]] | None = None) -> Markup:
    """The paragraph's text, escaped, with note refs and page markers at their offsets, each
    emendation marked and each link (offset, length, href, title) around its span; a link that
    would enclose a note ref or a visible page marker, or cross an emendation, is left out, so
    elements always nest. A page's anchor stands exactly at the turn, inside a link if need be."""
    points: dict[int, list[str]] = {}
    anchors: dict[int, list[str]] = {}
    for ref in paragraph.note_refs:          # a note marker belongs to the word before it: first
        points.setdefault(ref.offset, []).append(note_ref(ref.number, labels))
    for page_break in paragraph.page_breaks:
        anchors.setdefault(page_break.offset, []).append(page_anchor(page_break.page))
        shown = shown_page_offset(paragraph.text, page_break.offset, links)
        points.setdefault(shown, []).append(page_marker(page_break.page, strings))
    return annotate(paragraph.text, points, links, paragraph.emendations, strings, anchors)


def emendation_title(emendation, strings: dict) -> str:
    what = strings[f"emend_{emendation.kind}"].format(before=emendation.before)
    return f"{what} {emendation.reason}"


def annotate(text: str, points: dict[int, list[str]], links, emendations=(), strings=None,
             anchors: dict[int, list[str]] | None = None) -> Markup:
    """`text` escaped with `points` (markup at an offset, never inside a link), `anchors` (empty
    elements at an offset, inside a link if need be), the emendations and the links."""
    anchors = anchors or {}
    opening: dict[int, str] = {}
    closing: dict[int, str] = {}
    spans = []
    for e in emendations:
        title = html_attribute(emendation_title(e, strings))
        if e.length:
            opening[e.offset] = opening.get(e.offset, "") + f'<span class="ed-emend" tabindex="0" title="{title}">'
            closing[e.offset + e.length] = "</span>" + closing.get(e.offset + e.length, "")
            spans.append((e.offset, e.offset + e.length))
        else:
            points.setdefault(e.offset, []).append(
                f'<span class="ed-emend ed-emend-break" tabindex="0" title="{title}">‖</span>')
    for offset, length, href, title in links:
        crosses = any(a < offset + length and offset < b for a, b in spans)
        if not crosses and not any(offset < point < offset + length for point in points):
            link = f'<a class="ed-term" href="{html_attribute(href)}" title="{html_attribute(title)}">'
            opening[offset] = opening.get(offset, "") + link
            closing[offset + length] = "</a>" + closing.get(offset + length, "")
    # A note marker and the closing punctuation after it never part at a line end (CJK line
    # breaking: no line starts with 。，」): both go in a span that does not wrap.
    taken = set(points) | set(opening) | set(closing) | set(anchors)
    glue = {o for o in points if o < len(text) and text[o] in CLOSING and o not in opening}
    out: list[str] = []
    position = 0
    for offset in sorted(taken | {o + 1 for o in glue}):
        out.append(lang_html(text[position:offset]))
        out.append(("</span>" if offset - 1 in glue else "") + closing.get(offset, ""))   # inside what closes here
        out += anchors.get(offset, [])
        out.append('<span class="ed-glue">' if offset in glue else "")
        out += points.get(offset, [])
        out.append(opening.get(offset, ""))
        position = offset
    out.append(lang_html(text[position:]))
    return Markup("".join(out))


def cell_html(cell: str, labels: Mapping[int, tuple[str, str]] | None = None) -> Markup:
    escaped = "<br>".join(html_text(line) for line in cell.split("\n"))   # a cell's lines, as keyed
    return Markup(CELL_NOTE.sub(lambda m: note_ref(int(m.group(1)), labels), escaped))
