"""The editorial principles page (凡例) of one script, with the audit's and conversion's counts.

In: a script's edition, the conversion logs, the interface strings. Out: Markdown, from
`templates/pages/principles.<script>.md.j2` (the prose is the editors', one file per script).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from edition.core.model import ScriptEdition
from edition.site.audit_page import contents_notice
from edition.site.strings import environment
from edition.text.repairs import GLYPH, LINE, REPAIRS, SPACE


def text_facts(text, log, strings: dict) -> dict:
    """The counts the principles page quotes; `log` is None (or has no OpenCC config) for a text
    shown in its own script."""
    log = log if log and log.config else None
    artifacts = Counter(c.fix for page in text.pages for c in page.artifacts)
    changes = Counter(c.fix for c in text.audit.changes)
    glyphs = Counter((c.before, c.after) for c in text.audit.changes   # what the PDF's fonts got wrong
                     if REPAIRS[c.fix].change == GLYPH)
    removed = {name: artifacts[name] for name, repair in REPAIRS.items() if repair.change == LINE}
    return {
        "id": text.source.id, "title": text.source.title, "pages": len(text.pages), "notes": len(text.notes),
        "paragraphs": len(text.paragraphs), "numbering": text.source.notes,
        "watermark": removed["remove_watermark"], "page_numbers": removed["remove_page_number"],
        "separators": removed["remove_separator"], "headers": removed["remove_running_header"],
        "urls": removed["remove_duplicate_url"],
        "spaces": sum(count for fix, count in changes.items() if REPAIRS[fix].change == SPACE),
        "glyphs": sorted(glyphs.items(), key=lambda item: -item[1]),
        "tables": [(t.caption, t.first_line, t.last_line) for t in text.source.tables],
        "converted": sum(log.changed.values()) if log else 0, "config": log.config if log else "",
        "protected": sorted(log.protected.items()) if log else [],
        "overrides": sorted(log.overrides.items()) if log else [],
        "quotes": bool(log and log.quotes),
        "contents_differences": [contents_notice(m, strings) for m in text.audit.mismatches],
        # whose pages a page marker counts, in the interface's words: 原論文第N頁, 本文第N頁（非期刊頁碼）…
        "page_word": strings[f"cite_page_{text.source.work.pages_counted}"].replace("{pages}", "N"),
        "first_page": text.source.first_printed_page,
    }


def principles_page(templates: Path, edition: ScriptEdition, logs: dict, strings: dict) -> str:
    facts = [text_facts(text, logs.get(text.source.id), strings) for text in edition.texts]
    template = environment(templates).get_template(f"principles.{edition.script}.md.j2")
    return template.render(texts=facts, strings=strings)
