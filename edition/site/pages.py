"""Stage 10, render: built texts in both scripts -> a Markdown docs tree per script.

In: for each script, the texts in that script (converted where needed), their conversion logs and
audits. Out: `docs/<script>/` (Markdown from the Jinja2 templates in `templates/pages/`, plus the
site's own CSS and JS) and a MkDocs config per script. Paragraph anchors `#p0001`, note anchors
`#n1` and page anchors `#page-36` are the same in both scripts. Never changes a text: it only
escapes it and places the anchors.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import jinja2
from markupsafe import Markup

from edition.core.encode import html_attribute, html_text, json_data
from edition.core.model import (
    BuiltText,
    Chapter,
    Paragraph,
    ScriptEdition,
    covered_cells,
    heading_line,
    section_heading,
)
from edition.exports.citation import Edition, Part, Work, meta_tags, page_range, printed_note
from edition.exports.json_export import paragraph_ids
from edition.exports.romanize import romanize
from edition.site.audit_page import audit_page
from edition.site.cite_box import citations, edition_citations
from edition.site.downloads import text_downloads
from edition.site.escape import lang_html
from edition.site.escape import text as shown_text
from edition.site.inline import Link, annotate, cell_html, inline_html, note_ref, page_anchor, page_marker
from edition.site.reading import pager, start_page
from edition.site.strings import environment
from edition.text.outline import item_level, outline_run


def heading_depth(outline: list[int], level: int) -> int:
    """The depth of a heading of source `level` under the headings before it (`outline`, kept up
    to date): siblings share a depth and none skips one, whatever levels the source gives.

    >>> outline = []
    >>> [heading_depth(outline, level) for level in (1, 3, 3, 2, 3)]
    [1, 2, 2, 2, 3]
    """
    while outline and outline[-1] >= level:
        outline.pop()
    outline.append(level)
    return len(outline)


# An item of an author's outline of the work: '1. 第一章 緒論' above 'I. 研究動機與目的'.
# Matches '2. 第二章…' and 'IV. 結語'; not '1.處理政務收復' (no space: a clause of a document).
def cited_pages(pages) -> str:
    """A paragraph's printed pages for cite.js (`data-pages`): in order, each as printed ('iii,101')."""
    return ",".join(map(str, sorted(pages)))


def outline_html(run: list[Paragraph], ids: dict[int, str], strings: dict, links: dict,
                 labels: Mapping[int, tuple[str, str]] | None = None) -> Markup:
    """The outline as a nested list; every item keeps its paragraph anchor and its own number."""
    groups: list[list[Paragraph]] = []
    for paragraph in run:
        if item_level(paragraph) == 1:
            groups.append([paragraph])
        else:
            groups[-1].append(paragraph)

    def item(paragraph: Paragraph, inner: str = "") -> str:
        pid = ids[id(paragraph)]
        return (f'<li id="{pid}" class="ed-p ed-outline-item" data-pages="{cited_pages(paragraph.pages)}">'
                f'{inline_html(paragraph, strings, links.get(pid, []), labels)}<a class="ed-pilcrow" href="#{pid}" '
                f'title="{html_attribute(strings["paragraph_link"])}">¶</a>{inner}</li>')

    def nested(items: list[str]) -> str:
        return f'<ol class="ed-outline">{"".join(items)}</ol>' if items else ""

    return Markup(nested([item(top, nested([item(sub) for sub in subs])) for top, *subs in groups]))


def table_rows(paragraph: Paragraph, labels: Mapping[int, tuple[str, str]] | None = None) -> list[list[dict]]:
    """The table's rows as printed: each cell with its spans; the cells a span covers left out."""
    spans = {(r, c): (cols, rows) for r, c, cols, rows in paragraph.table_spans}
    covered = covered_cells(paragraph.table_spans)
    return [[{"html": cell_html(cell, labels), "cols": spans.get((r, c), (1, 1))[0],
              "rows": spans.get((r, c), (1, 1))[1], "row_header": c == 0 and r >= paragraph.table_head}
             for c, cell in enumerate(row) if (r, c) not in covered] for r, row in enumerate(paragraph.table)]


def chapter_blocks(chapter: Chapter, ids: dict[int, str], strings: dict, links: dict,
                   labels: Mapping[int, tuple[str, str]] | None = None,
                   sections: Mapping[str, dict] | None = None) -> list[dict]:
    """The chapter as blocks for the template; quotes and their list items grouped.

    `links` maps a paragraph id to its glossary links (offset, length, href, title); `labels` a
    note's running number to the number its markers show (`note_labels`); `sections` a section
    heading's id to what its citation needs (`section_cites`)."""
    blocks: list[dict] = []
    paragraphs = list(chapter.paragraphs)
    index = 0
    outline: list[int] = []   # the source levels of the headings above (see heading_depth)
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        pid = ids[id(paragraph)]
        if paragraph.kind == "heading":
            # a label and its title the extractor cut apart at the gap between them come back joined
            # ('第一節宣言的發表'): shown with that gap, as printed
            cut_apart = paragraph.label and paragraph.title and paragraph.text == paragraph.label + paragraph.title
            text = heading_line(paragraph.label, paragraph.title) if paragraph.level == 1 or cut_apart \
                else paragraph.text
            if paragraph.level == 1 and index + 1 < len(paragraphs) and paragraphs[index + 1].kind == "heading" \
                    and paragraphs[index + 1].level == 1:   # 第二章 / its title: two printed lines, one heading
                text = Markup(f'{shown_text(paragraph.label)} <span id="{ids[id(paragraphs[index + 1])]}"></span>'
                              f'{shown_text(paragraph.title)}')
                markers = Markup("").join(page_anchor(b.page) + page_marker(b.page, strings)
                                          for p in paragraphs[index:index + 2] for b in p.page_breaks)
                index += 1
            else:
                markers = Markup("").join(page_anchor(b.page) + page_marker(b.page, strings)
                                          for b in paragraph.page_breaks)
            level = min(heading_depth(outline, paragraph.level), 4)   # never skips a level (一、 right under 第六章)
            # a note marker printed at the heading's end ('第二节　瑷珲谈判与条约的签订〔5〕') stands there, and
            # the contents name the heading without it
            toc_label = str(text) if paragraph.note_refs and not isinstance(text, Markup) else ""
            if paragraph.note_refs:
                text = shown_text(text) + Markup("").join(note_ref(ref.number, labels) for ref in paragraph.note_refs)
            blocks.append({"kind": "heading", "hashes": Markup("#" * level), "id": pid, "markdown": text,
                           "toc_label": toc_label, "section": (sections or {}).get(pid),
                           "page_markers": Markup(f'<div class="ed-page-line">{markers}</div>') if markers else ""})
        elif paragraph.kind in ("quote", "list"):
            items = []
            while index < len(paragraphs) and paragraphs[index].kind in ("quote", "list"):
                item = paragraphs[index]
                items.append({"id": ids[id(item)], "kind": item.kind, "pages": cited_pages(item.pages),
                              "html": inline_html(item, strings, links.get(ids[id(item)], []), labels)})
                index += 1
            blocks.append({"kind": "quote", "members": items})
            continue
        elif paragraph.kind == "table":
            rows = table_rows(paragraph, labels)
            blocks.append({"kind": "table", "id": pid, "caption": paragraph.title, "head": rows[:paragraph.table_head],
                           "rows": rows[paragraph.table_head:], "source_note": paragraph.table_note,
                           # two columns or fewer fit a phone: no minimum width, nothing to scroll
                           "narrow": max((len(row) for row in paragraph.table), default=0) <= 2,
                           "page_markers": Markup("").join(page_anchor(b.page) + page_marker(b.page, strings)
                                                         for b in paragraph.page_breaks)})
        elif paragraph.kind == "body" and outline_run(paragraphs, index):
            run = outline_run(paragraphs, index)
            blocks.append({"kind": "outline", "html": outline_html(run, ids, strings, links, labels)})
            index += len(run)
            continue
        else:
            blocks.append({"kind": paragraph.kind, "id": pid, "pages": cited_pages(paragraph.pages),
                           "html": inline_html(paragraph, strings, links.get(pid, []), labels)})
        index += 1
    return blocks


def note_labels(text: BuiltText, work: Work, strings: dict) -> dict[int, tuple[str, str]]:
    """Where the print numbers notes per page, each note's running number -> what its marker shows
    (its printed number, ⑥ where the print circles it) and its name (本文第4頁注⑥); none where
    numbers run through the text."""
    if text.source.notes != "per-page":
        return {}
    shown = {note.number: printed_note(work, note.printed, "gbt") for note in text.notes}
    origin = note_origin(strings, work)
    return {note.number: (shown[note.number], origin.format(page=note.page, number=shown[note.number]))
            for note in text.notes}


def chapter_notes(text: BuiltText, chapter: Chapter, strings: dict, links: dict, work: Work) -> list[dict]:
    """The notes of a chapter as its page lists them: the running number is the anchor (#n27);
    where the print numbers notes per page, the page and printed number are what is shown and
    cited (本文第4頁注⑥), carried as data for the note's cite control."""
    numbers = [n for n, c in text.note_chapters().items() if c == chapter.id]
    by_number = {note.number: note for note in text.notes}
    per_page = text.source.notes == "per-page"
    notes = []
    for n in sorted(set(numbers)):
        note = by_number[n]
        shown = printed_note(work, note.printed, "gbt")
        notes.append({"number": n, "label": note.printed_number if per_page else n,
                      "html": annotate(note.text, {}, links.get(f"n{n}", []), note.emendations, strings),
                      "page": note.page, "printed": note.printed_number, "printed_shown": shown,
                      "origin": note_origin(strings, work).format(page=note.page, number=shown) if per_page else ""})
    return notes


def section_cites(chapter: Chapter, ids: dict[int, str], work: Work) -> dict[str, dict]:
    """Each section heading's id -> what the 引用 box needs to cite the section (cite.js): its
    printed pages (its heading's and its paragraphs', up to the next heading of its level or
    above), its heading in the page's script (`h`), as the work prints it (`p`, where that
    differs) and its title's romanization (`r`). The box's strings hold the chapter's name with slots for these."""
    cites: dict[str, dict] = {}
    paragraphs = chapter.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind != "heading" or paragraph.level < 2:
            continue
        pages: list[int] = list(paragraph.pages)
        for after in paragraphs[index + 1:]:
            if after.kind == "heading" and after.level <= paragraph.level:
                break
            pages.extend(after.pages)
        own = section_heading(paragraph)
        shown, printed, title = own[0], *work.sections.get(paragraph.anchor, own)
        cites[ids[id(paragraph)]] = {"pages": cited_pages(set(pages)), "h": shown,
                                     "p": printed if printed != shown else "",
                                     "r": romanize(title, work.readings)}
    return cites


def section_anchor(chapter: Chapter, section, ids: dict[int, str]) -> str:
    return ids[id(chapter.paragraphs[section.paragraph])]


def render_script(edition: ScriptEdition, templates: Path, docs: Path, strings: dict, principles: str,
                  logs: dict, findings: list, links: Callable[[str, int], dict[str, list[Link]]], timeline: str,
                  works: dict[str, Work], about: Edition, sizes: dict | None = None) -> dict[str, dict]:
    """Write the Markdown pages of one script into `docs` (which is emptied first); return each
    page's meta (`page_meta`) by its path in `docs`, for MkDocs' hook.

    `links(text_id, depth)` gives a text's glossary links by paragraph or note id, for pages
    `depth` folders below the script's root. `works` are the texts as printed (what citations
    and meta tags name), `about` the edition statement, `sizes` (file name -> bytes) the data
    files' sizes, `findings` the conversion review's (closing a converted text's audit page)."""
    shutil.rmtree(docs, ignore_errors=True)
    (docs / "assets").mkdir(parents=True)
    for asset in (templates / "assets").iterdir():
        shutil.copy(asset, docs / "assets" / asset.name)
    env = environment(templates)
    script_strings = strings
    meta: dict[str, dict] = {}
    for text in edition.texts:
        work = works[text.source.id]
        strings = text_strings(script_strings, work)
        ids = paragraph_ids(text)
        chapter_links = links(text.source.id, 2)
        for chapter in text.chapters:
            if chapter.id == "front":
                continue
            page = env.get_template("chapter.md.j2").render(
                strings=strings,
                blocks=chapter_blocks(chapter, ids, strings, chapter_links, note_labels(text, work, strings),
                                      section_cites(chapter, ids, work)),
                notes=chapter_notes(text, chapter, strings, chapter_links, work),
                cite=chapter_citation(work, about, edition.script, chapter, strings, text.source.title),
                retired_map=json_data(retired_targets(text)),
                pager=pager(text, chapter, strings), chapter_start=start_page(chapter, strings))
            path = f"{text.source.id}/{chapter.id}/index.md"
            meta[path] = page_meta(chapter.heading,
                                   meta_tags(work, Part(*work.headings.get(chapter.id, ("", "")), _pages(chapter)),
                                             f"{about.base_url}{edition.script}/{work.id}/{chapter.id}/"
                                             if about.base_url else ""))
            _write(docs / path, page)
        meta[f"{text.source.id}/index.md"] = page_meta(shown_title(text.source.title, work), meta_tags(work))
        _write(docs / text.source.id / "index.md",
               text_home(env, text, ids, edition.script, strings, links(text.source.id, 1), work, about, sizes or {}))
        title = f"{strings['apparatus']}：{shown_title(text.source.title, work)}"
        meta[f"{text.source.id}/apparatus.md"] = page_meta(title, meta_tags(work))
        _write(docs / text.source.id / "apparatus.md", env.get_template("apparatus.md.j2").render(
            title=title, strings=strings, rows=apparatus_rows(text, strings, work)))
        _write(docs / "audit" / f"{text.source.id}.md", audit_page(text, strings, logs.get(text.source.id), findings))
    strings = script_strings
    texts = [{"id": t.source.id, "title": shown_title(t.source.title, works[t.source.id]),
              "summary": (f"{strings['title_supplied']}；" if t.source.title_supplied else "") + _summary(t, strings)}
             for t in edition.texts]
    meta["index.md"] = page_meta(edition.title)
    _write(docs / "index.md", env.get_template("home.md.j2").render(
        title=edition.title, texts=texts, strings=strings, timeline=timeline))
    _write(docs / "principles.md", principles)
    meta["about.md"] = page_meta(strings["about"])
    _write(docs / "about.md", env.get_template("about.md.j2").render(
        strings=strings, edition=about, title=about.title[edition.script], script=edition.script,
        romanization=lang_html(strings["romanization_text"]),    # its Latin names tagged with their lang
        version=strings["version_label"].format(version=about.version, date=about.date),
        cite=edition_citations(about, edition.script, strings),
        texts=[{"id": t.source.id, "title": shown_title(t.source.title, works[t.source.id]),
                "rights": t.source.rights.get(edition.script, ""),
                "year_estimate": "" if works[t.source.id].year else works[t.source.id].shown_year,
                "year_evidence": ((t.source.citation.get("year") or {}).get("evidence") or {}).get(edition.script, "")}
               for t in edition.texts]))
    return meta


def text_strings(strings: dict, work: Work) -> dict:
    """The interface words for one text's pages: a printed page is the thesis's own
    (原論文第N頁) or the article's own, which is not the journal's (本文第N頁（非期刊頁碼）)."""
    kind = "thesis" if work.type == "thesis" else "article"
    page_words = strings[f"cite_page_{work.pages_counted}"]    # whose pages, by work type
    return {**strings, "page_marker_title": page_words.replace("{pages}", "{page}"), "page_kind": kind}


def _note_words(strings: dict, work: Work) -> tuple[str, str]:
    """A note numbered afresh on each page named by its page, whose page as a page marker says by
    work type: the words before the number ('原書第{page}頁注', '本文第{page}頁注') and the
    parenthesis after it ('（非期刊頁碼）' for an article's own pages, else '')."""
    page_words = strings[f"cite_page_{work.pages_counted}"].replace("{pages}", "{page}")
    whose = re.search(r"（[^（）]*）$", page_words)
    at = whose.start() if whose else len(page_words)
    return page_words[:at] + "注", page_words[at:]


def note_origin(strings: dict, work: Work) -> str:
    """How the note list and a note's marker name a note numbered afresh on each page, its
    parenthesis left to the page marker: 原書第{page}頁注{number} in a book, 本文第{page}頁注{number}
    in an article (本文第4頁注⑥)."""
    return _note_words(strings, work)[0] + "{number}"


def note_place(note, work: Work, per_page: bool, strings: dict) -> str:
    """Where a reader finds a note, as the print numbers it: 注12, 注∗ for a starred title note, or
    where numbers restart on each page its page, whose page it is, and its printed number
    (本文第4頁注⑥（非期刊頁碼）, 原書第2頁注3); never the edition's running number, which is only the
    anchor (#n27)."""
    shown = printed_note(work, note.printed, "gbt")
    if not per_page:
        return strings["place_note"].format(number=shown)
    before, whose = _note_words(strings, work)
    return before.format(page=note.page) + shown + whose


def shown_title(title: str, work: Work) -> str:
    """A text's title in this script's words; one the editors supplied stands in square brackets."""
    return f"[{title}]" if work.supplied else title


def page_meta(title: str, citation: dict | None = None) -> dict:
    """What MkDocs takes as a page's meta, set by `site/hooks.py` rather than written as front
    matter (YAML built from a source string could end early and turn what follows into markup):
    the title as HTML text (the theme prints it unescaped), the `citation_*` tags as they are (the
    theme's `main.html` escapes them)."""
    meta: dict = {"title": html_text(title)}
    if citation:
        meta["citation"] = {name: str(value) for name, value in citation.items()}
    return meta


def chapter_citation(work: Work, about: Edition, script: str, chapter: Chapter | None, strings: dict,
                     title: str) -> dict:
    """The 引用 box of a chapter page (or, with no chapter, of the text's home page); `title` is
    the work's title in the page's script."""
    pages = [page for p in chapter.paragraphs for page in p.pages] if chapter else []
    part = Part(chapter.label, chapter.title) if chapter else Part()
    printed = Part(*work.headings.get(chapter.id, (chapter.label, chapter.title))) if chapter else Part()
    path = f"{script}/{work.id}/" + (f"{chapter.id}/" if chapter else "")
    depth = path.count("/")
    remarks = [strings["cite_supplied"]] if work.supplied else []
    if work.type == "article-journal" and not work.pages:
        remarks.append(strings["cite_no_journal_pages"])
    if work.year_estimate and not work.year:
        remarks.append(strings["cite_year_estimated"].format(year=work.shown_year))
    data = "../" * depth + "data/" + (f"{work.id}/{chapter.id}" if chapter else work.id)
    return {**citations(work, about, script, path, pages, strings, part, title, printed), "root": "../",
            "site_root": "../" * depth, "base": about.base_url,
            "heading": strings["cite_this" if chapter else "cite_text"],
            "remarks": remarks, "hint": bool(chapter), "downloads_label": strings["cite_downloads"],
            "downloads": [{"href": f"{data}.{script}.{ext}", "label": label}
                          for ext, label in (("bib", "BibTeX"), ("ris", "RIS"), ("csl.json", "CSL-JSON"))]
                         if chapter else []}


def _pages(chapter: Chapter) -> str:
    return page_range([page for p in chapter.paragraphs for page in p.pages])


def retired_targets(text: BuiltText) -> dict:
    """Each retired id of the text -> its successor's place, relative to the text's folder."""
    where = {p.anchor: ("" if c.id == "front" else f"{c.id}/") for c in text.chapters for p in c.paragraphs}
    return {old: f"{where[new]}#{new}" for old, new in text.retired.items() if new in where}


def places(text: BuiltText, strings: dict, work: Work) -> dict[str, tuple[str, str]]:
    """Each paragraph and note anchor -> (where a reader finds it, e.g. 第二章第28段 or 注12 (see
    `note_place`), its chapter's folder relative to the text's folder). Paragraphs are counted
    within their chapter as a reader counts them: headings and tables are not paragraphs (a table
    is named by its caption)."""
    chapter_of_note = text.note_chapters()
    per_page = text.source.notes == "per-page"
    found = {f"n{note.number}": (note_place(note, work, per_page, strings),
                                 "" if chapter_of_note.get(note.number, "front") == "front"
                                 else f"{chapter_of_note[note.number]}/") for note in text.notes}
    for chapter in text.chapters:
        name = strings["place_front"] if chapter.id == "front" else chapter.label or chapter.title
        folder = "" if chapter.id == "front" else f"{chapter.id}/"
        body = [p for p in chapter.paragraphs if p.kind not in ("heading", "table")]
        found.update({p.anchor: (strings["place_paragraph"].format(chapter=name, number=n), folder)
                      for n, p in enumerate(body, 1)})
        found.update({p.anchor: (f"{name}{p.title}", folder) for p in chapter.paragraphs if p.kind == "table"})
        found.update({p.anchor: (name if p.label in ("", name) else f"{name}{p.label.rstrip('、.．')}", folder)
                      for p in chapter.paragraphs if p.kind == "heading"})   # 第五章三, not 第五章三、
    return found


def apparatus_rows(text: BuiltText, strings: dict, work: Work) -> list[dict]:
    """Every emendation of a text, where it stands, in reading order (paragraphs, then notes)."""
    rows = []
    where = places(text, strings, work)
    for paragraph in text.paragraphs:      # links from <text>/apparatus/ to the built chapter pages
        place, folder = where[paragraph.anchor]
        rows += [_row(e, f"../{folder}#{paragraph.anchor}", place, strings) for e in paragraph.emendations]
    for note in text.notes:
        place, folder = where[f"n{note.number}"]
        rows += [_row(e, f"../{folder}#n{note.number}", place, strings) for e in note.emendations]
    return rows


def _row(e, href: str, place: str, strings: dict) -> dict:
    return {"href": href, "place": place, "kind": strings[f"kind_{e.kind}"], "before": lang_html(e.before),
            "after": lang_html(e.after), "reason": lang_html(e.reason), "date": e.date, "by": e.by}


def contents_sections(chapter: Chapter, ids: dict[int, str]) -> list[dict]:
    """A chapter's sections for the contents, each at its depth (the chapter is 1): 2, 3, …, and
    the indent of its nested list item (the build's own Markdown, never a source string)."""
    outline = [1]
    levels = [heading_depth(outline, s.level) for s in chapter.sections]
    return [{"level": level, "indent": Markup("    " * (level - 1)), "heading": heading_line(s.label, s.title),
             "anchor": section_anchor(chapter, s, ids)} for s, level in zip(chapter.sections, levels, strict=True)]


def text_home(env: jinja2.Environment, text: BuiltText, ids: dict[int, str], script: str, strings: dict,
              links: dict, work: Work, about: Edition, sizes: dict) -> str:
    source = text.source
    heading = shown_title(source.title, work)
    title = heading + (f"（{strings['title_supplied']}）" if source.title_supplied else "")
    biblio = [(strings["meta_title"], title), (strings["meta_author"], source.author or strings["author_unknown"])]
    for key, value in source.metadata.items():
        if f"meta_{key}" in strings:
            shown = strings.get(f"{key}_{value}", value)  # e.g. type 'thesis' -> 碩士學位論文
            biblio.append((strings[f"meta_{key}"], str(shown)))
    front_chapter = next((c for c in text.chapters if c.id == "front"), None)
    front = ""
    if front_chapter:
        front = env.get_template("chapter.md.j2").render(
            strings=strings,
            blocks=chapter_blocks(front_chapter, ids, strings, links, note_labels(text, work, strings)),
            notes=chapter_notes(text, front_chapter, strings, links, work), cite=None, retired_map="",
            pager=None, chapter_start="")
        front = Markup(front)   # Markdown this build wrote: its source strings are already text
    chapters = [{"id": c.id, "heading": c.heading, "sections": contents_sections(c, ids)}
                for c in text.chapters if c.id != "front"]
    downloads = text_downloads(source.id, script, strings, sizes, "../../data/")
    return env.get_template("text.md.j2").render(
        title=heading, biblio=biblio, front=front, chapters=chapters, downloads=downloads, strings=strings,
        cite=chapter_citation(work, about, script, None, strings, source.title))


def _summary(text: BuiltText, strings: dict) -> str:
    author = text.source.author or strings["author_unknown"]
    chapters = strings["chapters_count"].format(count=sum(1 for c in text.chapters if c.id != "front"))
    return f"{author}；{chapters}，{len(text.notes)} {strings['notes']}"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")

