"""Stage 12, audit: account for every character of the raw text and write the report.

In: a built text (pages, paragraphs, notes, markers, tables) and its `Audit` log. Out: a Markdown
report, and two conservation checks that fail the build:
- `conservation` (as soon as a text is reconstructed): every non-whitespace character of the raw
  file is in the edition (paragraphs, notes, note labels, markers, re-keyed tables) or in a recorded
  artifact, counted; glyph repairs swap one character for another and are counted back. A re-keyed
  table holds exactly the characters of the raw lines it replaces (`table_conservation`).
- `raw_order` (on the text as rendered, corrected and anchored): the same characters in raw order.
  The raw body lines minus the audited removals (artifact lines, table lines, note markers at their
  columns) read as the paragraphs in reading order, the raw note lines minus the printed numbers
  as the notes, and they differ only by audited changes: a glyph repair on its raw line, an
  emendation (read back to its `before`), a name form declared for the text's own script. Every
  non-blank raw line is in exactly one bucket of the layout (a line cut into a two-column note
  area's pieces once, its pieces holding no column twice). edition/checks/published.py carries the
  check on to the pages and exports; whitespace is never compared (spaces are tidied by rule).
"""
from __future__ import annotations

import os
from bisect import bisect_right
from collections import Counter

from edition.core.errors import Problem
from edition.core.inputs import RawLine, Table, TextSource
from edition.core.model import SOURCE_CELL_MARKER, BuiltText
from edition.text.repairs import INVISIBLE


def chars(text: str) -> Counter:
    """The non-whitespace characters of `text`, counted."""
    counts = Counter(text)
    for char in [c for c in counts if c.isspace()]:
        del counts[char]
    return counts


def conservation(text: BuiltText) -> list[str]:
    """Differences between the raw characters and those accounted for; empty when all are kept."""
    raw = chars("".join(line.text for line in text.source.lines))
    # A table counts by what the model holds, not by the lines it claims: each table paragraph
    # stands for the raw lines it replaces (table_conservation checks it holds their characters),
    # so a table that reaches no paragraph loses them, and two tables claiming a line count it twice.
    table_lines = [number for p in text.paragraphs if p.kind == "table" for number in p.lines]
    kept_text = [p.text for p in text.paragraphs if p.kind != "table"]
    kept_text += [note.text + (note.label or str(note.printed_number)) for note in text.notes]
    kept_text += [marker.text for marker in text.markers if marker.column >= 0]
    raw_lines = {line.number: line.text for line in text.source.lines}
    kept_text += [raw_lines[number] for number in table_lines]
    kept_text += [c.before for page in text.pages for c in page.artifacts if c.fix != "remove_separator"]
    kept = chars("".join(kept_text))
    for change in text.audit.changes:      # a repaired glyph, a removed hyphen: counted back
        kept.update(chars(change.before))
        kept.subtract(chars(change.after))
    missing, extra = raw - kept, kept - raw
    problems = [f"raw character '{ch}' x{n} is not accounted for" for ch, n in missing.most_common(20)]
    problems += [f"character '{ch}' x{n} appears in the edition but not in the raw text"
                 for ch, n in extra.most_common(20)]
    return problems


def table_conservation(source: TextSource, table: Table) -> list[str]:
    """A re-keyed table must hold exactly the characters of the raw lines it replaces (but those no
    page shows: the table is typed from the print, in which an extractor's NUL is not)."""
    raw = chars(INVISIBLE.sub("", "".join(line.text for line in source.lines
                                          if table.first_line <= line.number <= table.last_line)))
    cells = "".join(cell for row in table.rows for cell in row)
    rekeyed = chars(table.caption + SOURCE_CELL_MARKER.sub(r"\1", cells) + (table.source_note or ""))
    if raw == rekeyed:
        return []
    return [f"the re-keyed table differs from raw lines {table.first_line}-{table.last_line} of {source.path}: "
            f"missing {dict(raw - rekeyed)}, added {dict(rekeyed - raw)}; if that file changed, set "
            "replaces_lines to the lines the table now stands on"]


def squeeze(text: str) -> str:
    """The non-whitespace characters of `text`, in order."""
    return "".join(text.split())


def shorten(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[:size] + "…"


def difference(found: str, expected: str, other: str = "the edition") -> tuple[int, str]:
    """Where `found` first departs from `expected` (`other`'s text), and how.

    >>> difference("甲乙乙丙", "甲乙丙")
    (2, "has extra '乙'")
    >>> difference("甲丙", "甲乙丙"), difference("甲丁", "甲乙", "the raw text")
    ((1, "lacks '乙'"), (1, "has '丁' where the raw text has '乙'"))
    """
    at = len(os.path.commonprefix([found, expected]))
    rest, wanted = found[at:], expected[at:]
    if not rest or not wanted:
        return at, f"lacks '{shorten(wanted)}'" if wanted else f"has extra '{shorten(rest)}'"
    if (extra := rest.find(wanted[:8], 1)) > 0:
        return at, f"has extra '{shorten(rest[:extra])}'"
    if (lost := wanted.find(rest[:8], 1)) > 0:
        return at, f"lacks '{shorten(wanted[:lost])}'"
    return at, f"has '{shorten(rest, 12)}' where {other} has '{shorten(wanted, 12)}'"


class RawStream:
    """The kept characters of raw lines as one string, each line's removals blanked out."""

    def __init__(self, path: str, lines: list[RawLine], removed: dict[int, list[tuple[int, int]]]) -> None:
        self.path = path
        self.lines: list[tuple[int, str]] = []   # (line number, text with removals blanked)
        self.ends: list[int] = []                # where each line's kept characters end in `chars`
        pieces: list[str] = []
        for line in lines:
            text = line.text
            for start, end in removed.get(line.number, ()):   # blanked, so columns stay
                text = text[:start] + " " * (end - start) + text[end:]
            pieces.append(squeeze(text))
            self.lines.append((line.number, text))
            self.ends.append((self.ends[-1] if self.ends else 0) + len(pieces[-1]))
        self.chars = "".join(pieces)

    def line_at(self, index: int) -> int:
        return min(bisect_right(self.ends, index), len(self.lines) - 1)

    def where(self, index: int) -> str:
        """`path:line:column` of the kept character at `index` (columns from 1)."""
        k = self.line_at(index)
        number, text = self.lines[k]
        columns = [c for c, char in enumerate(text, 1) if not char.isspace()]
        left = index - (self.ends[k - 1] if k else 0)
        return f"{self.path}:{number}:{columns[left] if left < len(columns) else len(text)}"


def as_printed(text: str, emendations) -> str:
    """A unit's text with each emendation's new reading read back to the old: from the last place
    back, and at one place the later correction first (a reading may begin where an earlier one
    deleted its own)."""
    marks = [(e.offset, order, e) for order, e in enumerate(emendations) if e.kind == "replace"]
    for _, _, e in sorted(marks, key=lambda mark: mark[:2], reverse=True):
        text = text[:e.offset] + e.before + text[e.offset + e.length:]
    return text


def align(raw: RawStream, units: list[tuple[str, str]], changes: dict[int, Counter], forms: list,
          what: str) -> list[Problem]:
    """Walk the raw stream and the units' text together; only an audited change steps over a
    difference. Returns the first departure, where it is in the raw file and what differs."""
    starts = [0]
    model = "".join(squeeze(t) for _, t in units)
    for _, text in units:
        starts.append(starts[-1] + len(squeeze(text)))
    chars, i, j = raw.chars, 0, 0
    while i < len(chars):
        k = raw.line_at(i)
        rest_of_line = chars[i:raw.ends[k]]
        if model.startswith(rest_of_line, j):
            i, j = i + len(rest_of_line), j + len(rest_of_line)
        elif step := audited_step(chars, model, i, j, changes.get(raw.lines[k][0], Counter()), forms):
            i, j = step       # before the character match: a repair may begin where both agree (Geo-politics)
        elif j < len(model) and chars[i] == model[j]:
            i, j = i + 1, j + 1
        else:
            break
    if i == len(chars) and j == len(model):
        return []
    unit = units[max(bisect_right(starts, j) - 1, 0)][0] if units else "(none)"
    _, how = difference(model[j:j + 200], chars[i:i + 200], "the raw text")
    return [Problem(raw.where(min(i, len(chars) - 1)), f"{what}: the edition ({unit}) {how} (in raw order)")]


def audited_step(chars: str, model: str, i: int, j: int, changes: Counter, forms: list) -> tuple[int, int] | None:
    """Past a repair recorded on this raw line (used up once taken), or past a declared name
    form that began up to its length before (吉田丰子 -> 吉田豊子 differs at its third character)."""
    for (before, after), count in changes.items():
        if count and chars.startswith(before, i) and model.startswith(after, j):
            changes[(before, after)] -= 1
            return i + len(before), j + len(after)
    for form, reading in forms:
        for back in range(min(len(form), i + 1, j + 1)):
            if chars.startswith(form, i - back) and model.startswith(reading, j - back):
                return i - back + len(form), j - back + len(reading)
    return None


def layout_buckets(text: BuiltText) -> Counter:
    """How many buckets of the layout each raw line is in. The pieces a two-column note area's line
    is cut into (edition/text/columns.py), each in its own columns, count once in the bucket they
    share when no two of them hold a character in the same column; a line written twice in a
    bucket, whole or in part, counts twice (a piece lost is `conservation`'s to find)."""
    buckets: Counter = Counter()
    for page in text.pages:
        for lines in (page.body, page.notes, page.table_lines):
            pieces: dict[int, list[str]] = {}
            for line in lines:
                pieces.setdefault(line.number, []).append(line.text)
            buckets.update({number: 1 if _apart(texts) else len(texts) for number, texts in pieces.items()})
    buckets.update(change.line for page in text.pages for change in page.artifacts)
    return buckets


def _apart(pieces: list[str]) -> bool:
    """Whether no two of a line's pieces hold a character in the same column.

    >>> _apart(["甲乙  ", "    丙丁"]), _apart(["甲乙丙丁", "甲乙丙丁"]), _apart(["甲乙", "  丙", " 乙"])
    (True, False, False)
    """
    taken: set[int] = set()
    for piece in pieces:
        columns = {i for i, char in enumerate(piece) if not char.isspace()}
        if columns & taken:
            return False
        taken |= columns
    return True


def raw_order(text: BuiltText, forms: dict[str, str]) -> list[Problem]:
    """The in-order check (module docstring) of a text in its own script, as rendered: `forms` are
    the name forms its conversion declared for that script."""
    source = text.source
    buckets = layout_buckets(text)
    problems = [Problem(f"{source.path}:{line.number}", f"the line is in {buckets[line.number]} buckets of the layout, "
                        "not one (text, notes, table, audited removal)")
                for line in source.lines if line.text.strip() and buckets[line.number] != 1]
    changes: dict[int, Counter] = {}
    for change in text.audit.changes:
        if squeeze(change.before) != squeeze(change.after):
            changes.setdefault(change.line, Counter())[(squeeze(change.before), squeeze(change.after))] += 1
    shown = [(squeeze(form), squeeze(reading)) for form, reading in forms.items() if squeeze(form) != squeeze(reading)]
    markers: dict[int, list[tuple[int, int]]] = {}
    for marker in (m for m in text.markers if m.column >= 0):
        markers.setdefault(marker.line, []).append((marker.column, marker.column + len(marker.text)))
    body = RawStream(source.path, [line for page in text.pages for line in page.body], markers)
    paragraphs = [(p.anchor, as_printed(p.text, p.emendations)) for p in text.paragraphs if p.kind != "table"]
    raw = {line.number: line.text for line in source.lines}
    labels: dict[int, list[tuple[int, int]]] = {}
    pieces: dict[int, list[str]] = {}
    for line in (line for page in text.pages for line in page.notes):
        pieces.setdefault(line.number, []).append(line.text)
    for note in text.notes:       # the printed number opens the note's first line, or its piece of it
        label = note.label or str(note.printed_number)
        opened = next((piece for piece in pieces.get(note.label_line, ()) if piece.lstrip().startswith(label)),
                      raw[note.label_line])
        start = len(opened) - len(opened.lstrip())
        labels.setdefault(note.label_line, []).append((start, start + len(label)))
    notes = RawStream(source.path, [line for page in text.pages for line in page.notes], labels)
    departures = align(body, paragraphs, changes, shown, "text")
    departures += align(notes, [(f"n{n.number}", as_printed(n.text, n.emendations)) for n in text.notes],
                        changes, shown, "notes")
    tables = {n for t in source.tables for n in range(t.first_line, t.last_line + 1)}
    unused = [] if departures else sorted((line, before) for line, counted in changes.items()
                                          for (before, _), n in counted.items() if n and line not in tables)
    return problems + departures + [Problem(f"{source.path}:{line}", f"the audit records a repair of '{before}' "
                                            "that the edition does not show") for line, before in unused]

