"""The ways through a text that a reader of one chapter needs: the previous and next chapter, and
the printed page the chapter starts on.

In: a built text, one of its chapters and the interface strings of its pages (`text_strings`, whose
`page_marker_title` names whose page it is). Out: plain dicts for `templates/pages/chapter.md.j2`,
which writes them as Markdown links (MkDocs checks and rewrites them; no theme method is called).
Never reads sources/ and never changes a text.
"""
from __future__ import annotations

from edition.core.model import BuiltText, Chapter


def pager(text: BuiltText, chapter: Chapter, strings: dict) -> dict:
    """The previous and next chapter of `chapter`, each {"href", "label", "title"}; before the
    first and after the last stands the text's contents page, so every chapter has a way on."""
    chapters = [c for c in text.chapters if c.id != "front"]
    index = [c.id for c in chapters].index(chapter.id)
    contents = {"href": "../index.md", "label": strings["contents"], "title": text.source.title}

    def link(other: Chapter, label: str) -> dict:
        return {"href": f"../{other.id}/index.md", "label": label, "title": other.heading}
    return {"prev": link(chapters[index - 1], strings["chapter_prev"]) if index > 0 else contents,
            "next": link(chapters[index + 1], strings["chapter_next"]) if index + 1 < len(chapters) else contents,
            "label": strings["chapter_pager"]}


def start_page(chapter: Chapter, strings: dict) -> str:
    """`本章始於原論文第9頁`: the printed page the chapter's first paragraph stands on ('' if unknown).

    >>> from edition.core.model import Chapter, Paragraph
    >>> first = Paragraph("heading", "第二章", (1,), (9, 10))
    >>> start_page(Chapter("a", "第二章", "t", (first,), ()), {"chapter_start": "本章始於{page}",
    ...                                                         "page_marker_title": "原論文第{page}頁"})
    '本章始於原論文第9頁'
    """
    pages = [page for paragraph in chapter.paragraphs for page in paragraph.pages]
    if not pages:
        return ""
    return strings["chapter_start"].format(page=strings["page_marker_title"].format(page=pages[0]))
