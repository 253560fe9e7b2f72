"""Stage 12, audit: account for every character of the raw text and write the report.

In: a built text (pages, paragraphs, notes, markers, tables) and its `Audit` log. Out: a Markdown
report, and a conservation check that fails the build when any non-whitespace character of the raw
file is neither in the edition (paragraphs, notes, note labels, markers, re-keyed tables) nor in a
recorded artifact. Glyph repairs swap one character for another and are counted back. A re-keyed
table must hold exactly the characters of the raw lines it replaces.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .load import Table, TextSource
from .text import text as as_text
from .model import SOURCE_CELL_MARKER, Audit, Chapter, Marker, Note, Page, cell_notes

# layout.py records a rule of blanks as "[56 spaces]"
SPACES = re.compile(r"\[(\d+) spaces\]")
# The repairs that change a character (not a space), each listed with its line in the report.
CHARACTER_REPAIRS = ("fix_pdf_glyphs", "remove_line_break_hyphens", "repair_quotation_glyphs")
# structure.py's notice: "contents vs text, 第二章 section 1: contents has 'a', text has 'b'"
CONTENTS_NOTICE = re.compile(r"contents vs text, (\S+) (chapter|section) (\d+): contents has '(.*)', text has '(.*)'")


@dataclass(frozen=True)
class BuiltText:
    source: TextSource
    pages: tuple[Page, ...]
    chapters: tuple[Chapter, ...]
    notes: tuple[Note, ...]
    markers: tuple[Marker, ...]
    audit: Audit
    retired: dict = field(default_factory=dict)   # every retired paragraph id -> its live successor

    @property
    def paragraphs(self):
        return [p for chapter in self.chapters for p in chapter.paragraphs]

    def note_chapters(self) -> dict[int, str]:
        """Note number -> id of the chapter whose text (or table) carries its marker."""
        return {number: chapter.id for chapter in self.chapters for p in chapter.paragraphs
                for number in [r.number for r in p.note_refs] + cell_notes(p)}


def chars(text: str) -> Counter:
    """The non-whitespace characters of `text`, counted."""
    counts = Counter(text)
    for char in [c for c in counts if c.isspace()]:
        del counts[char]
    return counts


def conservation(text: BuiltText) -> list[str]:
    """Differences between the raw characters and those accounted for; empty when all are kept."""
    raw = chars("".join(line.text for line in text.source.lines))
    table_lines = {n for t in text.source.tables for n in range(t.first_line, t.last_line + 1)}
    kept_text = [p.text for p in text.paragraphs if p.kind != "table"]
    kept_text += [note.text + str(note.printed_number) for note in text.notes]
    kept_text += [marker.text for marker in text.markers if marker.column >= 0]
    kept_text += [line.text for line in text.source.lines if line.number in table_lines]
    kept_text += [c.before for page in text.pages for c in page.artifacts if c.fix != "remove_separator"]
    kept = chars("".join(kept_text))
    for change in text.audit.changes:      # a repaired glyph, a removed hyphen: counted back
        kept.update(chars(change.before))
        kept.subtract(chars(change.after))
    missing, extra = raw - kept, kept - raw
    problems = [f"raw character '{ch}' x{n} is not accounted for" for ch, n in missing.most_common(20)]
    problems += [f"character '{ch}' x{n} appears in the edition but not in the raw text" for ch, n in extra.most_common(20)]
    return problems


def table_conservation(source: TextSource, table: Table) -> list[str]:
    """A re-keyed table must hold exactly the characters of the raw lines it replaces."""
    raw = chars("".join(l.text for l in source.lines if table.first_line <= l.number <= table.last_line))
    cells = "".join(cell for row in table.rows for cell in row)
    rekeyed = chars(table.caption + SOURCE_CELL_MARKER.sub(r"\1", cells) + (table.source_note or ""))
    if raw == rekeyed:
        return []
    return [f"{table.path}: re-keyed table differs from raw lines {table.first_line}-{table.last_line}: "
            f"missing {dict(raw - rekeyed)}, added {dict(rekeyed - raw)}"]


def contents_notice(notice: str, strings: dict) -> str:
    """A notice of structure.py ('contents vs text, 第二章 section 1: contents has 'a', text has
    'b'') in the interface's words; any other notice is shown as it was recorded."""
    match = CONTENTS_NOTICE.fullmatch(notice)
    if not match:
        return as_text(notice)
    label, kind, number, listed, found = match.groups()
    shown = lambda title: strings["contents_missing"] if title == "(missing)" else title
    return strings["contents_notice"].format(label=label, kind=strings[f"contents_{kind}"], position=number,
                                             listed=shown(listed), found=shown(found))


def removed_text(before: str, strings: dict) -> str:
    """A removed line as the table shows it: its text as code, or a rule of spaces in words."""
    spaces = SPACES.fullmatch(before.strip())
    return strings["audit_spaces"].format(count=spaces.group(1)) if spaces else f"<code>{as_text(before.strip())}</code>"


def fix_name(fix: str, strings: dict) -> str:
    return strings.get(f"fix_{fix}", fix)


def report(text: BuiltText, strings: dict) -> str:
    """The audit report of one text, in Markdown, in the words of `strings` (one script's)."""
    source, audit = text.source, text.audit
    artifacts = [c for page in text.pages for c in page.artifacts]
    by_fix = Counter(c.fix for c in artifacts + audit.changes)
    s = strings
    lines = ["---", "search:", "  exclude: true", "---", "", f"# {s['audit_title'].format(title=as_text(source.title))}", "",
             f"- {s['audit_source'].format(path=as_text(source.path))}",
             "- " + s["audit_summary"].format(pages=len(text.pages), paragraphs=len(text.paragraphs), notes=len(text.notes),
                                             chapters=sum(1 for c in text.chapters if c.id != "front")),
             f"- {s['audit_conservation']}", "", f"## {s['audit_counts']} {{ #counts }}", ""]
    lines += [f"- {fix_name(fix, s)}（`{fix}`）：{count}" for fix, count in sorted(by_fix.items())]
    lines += ["", f"## {s['audit_removed']} {{ #removed }}", "",
              f"| {s['audit_line']} | {s['audit_category']} | {s['audit_text']} |", "|---|---|---|"]
    lines += [f"| {c.line} | {fix_name(c.fix, s)} | {removed_text(c.before, s)} |" for c in artifacts]
    lines += ["", f"## {s['audit_glyphs']} {{ #glyphs }}", "",
              f"| {s['audit_line']} | {s['audit_before']} | {s['audit_after']} |", "|---|---|---|"]
    lines += [f"| {c.line} | {as_text(c.before)} | {as_text(c.after)} |" for c in audit.changes if c.fix in CHARACTER_REPAIRS]
    spacing = Counter(c.line for c in audit.changes if c.fix == "tighten_cjk_latin_space")
    lines += ["", f"## {s['audit_spacing']} {{ #spacing }}", "",
              s["audit_spacing_text"].format(spaces=sum(spacing.values()), lines=len(spacing))]
    lines += ["", f"## {s['audit_tables']} {{ #tables }}", ""]
    lines += ["- " + s["audit_table_row"].format(path=as_text(t.path), caption=as_text(t.caption), first=t.first_line, last=t.last_line)
              for t in source.tables]
    lines += ["", f"## {s['audit_notices']} {{ #notices }}", ""] + [f"- {contents_notice(n, s)}" for n in audit.notices]
    return "\n".join(lines) + "\n"
