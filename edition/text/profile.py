"""What a raw extraction looks like: its layout profile detected, and a report of what was found.

In: a text's raw lines (and, optionally, what the editor already declared). Out: a `LayoutReport`:
the detected `LayoutProfile` (the keys `add-text` writes under the text's `layout:` in
sources/edition.yml), the page convention, the printed page sequence and its gaps, the furniture
removed (count and one example per kind), the notes found, linked and unmatched, the headings per
level (the level-1 ones are the proposed chapters), the paragraphs, and every line the detection
could not decide. It runs the same stages the build runs (layout, notes, paragraphs, headings), so
what it reports is what the build will do. Never raises for a text it cannot read: a problem is a
line of the report.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from edition.core.errors import EditionError
from edition.core.inputs import LayoutProfile, RawLine, Table, TextSource
from edition.core.model import Audit, Page
from edition.text.columns import doubtful_note_columns
from edition.text.floats import TABLE_CAPTION
from edition.text.footnotes import find_generic_notes
from edition.text.headings import candidate, confirm_headings, unnumbered
from edition.text.layout import is_separator, layout, page_convention
from edition.text.notes import find_notes
from edition.text.pages import generic_layout, page_number
from edition.text.paragraphs import build_paragraphs, paragraph_convention
from edition.text.structure import heading_schemes, heading_texts

# Characters a PDF font maps where print shows another: CJK fonts' centred ellipsis extracts as
# U+22EF MIDLINE HORIZONTAL ELLIPSIS ('⋯⋯' for '……'). Never applied by the reconstruction itself:
# add-text writes the repair into sources/glyphs.yml, where the editor sees it and may delete it.
FONT_FORMS = {"⋯": "…"}


@dataclass
class LayoutReport:
    """Everything `detect_profile` found in one text (see the module docstring)."""

    profile: LayoutProfile
    pages: int = 0
    printed: list[int] = field(default_factory=list)            # the printed number of every page, in order
    labels: list[str] = field(default_factory=list)             # ... as printed ('iii', '101'); '' if none
    gaps: list[tuple[int, int]] = field(default_factory=list)   # printed numbers of two pages in a row that skip
    furniture: dict[str, tuple[int, str]] = field(default_factory=dict)   # repair -> (lines removed, example)
    notes: int = 0
    markers: int = 0
    unmatched: list[str] = field(default_factory=list)          # 'path:line: sentence'
    headings: dict[int, list[tuple[str, str, int]]] = field(default_factory=dict)  # level -> (label, title, line)
    paragraphs: int = 0
    glyphs: dict[str, str] = field(default_factory=dict)        # proposed font-mapping repairs: wrong -> right
    numbering: str = "global"     # the text's `notes:` key: per-page when numbers start again at 1
                                  # (the build of any but the seeds' extraction reads both)
    undecided: list[str] = field(default_factory=list)          # 'path:line: sentence'

    @property
    def chapters(self) -> list[tuple[str, str]]:
        """The proposed chapters: (label, title) of each level-1 heading."""
        return [(label, title) for label, title, _ in self.headings.get(1, [])]

    def lines(self) -> list[str]:
        """The report as an editor reads it."""
        front = [label for label in self.labels if label and not label.isdigit()]
        out = [f"pages: {self.pages} ({self.profile.pages}); printed "
               + (f"{', '.join(front)} (front matter), " if front else "")
               + _ranges([n for n, label in zip(self.printed, self.labels or [""] * len(self.printed), strict=True)
                          if not label or label.isdigit()])]
        out += [f"  printed page numbers skip from {a} to {b} between two pages in a row" for a, b in self.gaps]
        out += [f"furniture: {name} x{count}, e.g. '{example}'" for name, (count, example) in self.furniture.items()]
        out.append(f"notes: {self.notes} found, {self.markers} linked, {len(self.unmatched)} unmatched")
        out += [f"  {problem}" for problem in self.unmatched]
        out.append(f"headings: schemes {', '.join(self.profile.headings) or 'none'}; "
                   + "; ".join(f"level {level}: {len(found)}" for level, found in sorted(self.headings.items())))
        out.append(f"paragraphs: {self.paragraphs} ({self.profile.paragraphs})")
        out += [f"glyphs: '{wrong}' is the font's form of '{right}' (repaired: add-text writes it into "
                "sources/glyphs.yml for this text; delete the entry to keep it as extracted)"
                for wrong, right in self.glyphs.items()]
        out += [f"undecided: {problem}" for problem in self.undecided]
        return out


def detect_profile(lines: tuple[RawLine, ...], path: str = "sources/new.txt", watermark: str = "",
                   declared: LayoutProfile | None = None, tables: tuple[Table, ...] = ()) -> LayoutReport:
    """The layout profile of the raw `lines` (keys `declared` by the editor are kept as declared)
    and the report of what the build will find with it. `path` is how messages name the file; a
    `watermark` and re-keyed `tables` are those the text's entry in edition.yml declares."""
    source = TextSource("new", path, "hant", "global", "", False, None, {"type": "article"}, (("text", ""),), 1,
                        watermark, lines, tables, layout=declared or LayoutProfile())
    guessed = page_convention(source)
    if _certain(source, guessed):
        return _read_as(source, guessed)
    # Neither form feeds nor the seeds' footnote rules: lines separated by empty lines are the seeds'
    # way, and also what `pdftotext -layout -nopgbrk` and PyMuPDF's sorted text write of any page.
    # Both readings are made; the one that explains more of the text is taken (the guess on a tie).
    readings = [_read_as(source, convention) for convention in dict.fromkeys((guessed, "blank-lines", "furniture"))]
    return max(readings, key=_explained)


def page_reading(source: TextSource) -> str:
    """The page convention `source` is read by: as declared in its layout profile, else as
    `detect_profile` chooses, so that a text entered by hand without `pages:` is read as add-text
    would read it."""
    guessed = page_convention(source)
    if _certain(source, guessed):
        return guessed
    return detect_profile(source.lines, source.path, source.watermark, source.layout, source.tables).profile.pages


def _certain(source: TextSource, guessed: str) -> bool:
    """Whether the page convention `guessed` needs no second reading: declared, form feeds, or the
    seeds' footnote rules."""
    return bool(source.layout.pages) or guessed == "form-feed" or any(is_separator(line) for line in source.lines)


def _explained(report: LayoutReport) -> tuple[int, int, int]:
    """How much of the text a reading explains: notes linked less those left unmatched, then the
    page furniture it removed, then fewer lines undecided."""
    return report.markers - len(report.unmatched), sum(count for count, _ in report.furniture.values()), \
        -len(report.undecided)


def _read_as(source: TextSource, convention: str) -> LayoutReport:
    """The report of `source` read with the page `convention` (see `detect_profile`)."""
    path, lines = source.path, source.lines
    source = replace(source, layout=replace(source.layout, pages=convention))
    report = LayoutReport(source.layout)
    try:
        pages = layout(source)
    except EditionError as error:
        report.undecided += [str(problem) for problem in error.problems]
        return report
    _report_pages(report, source, pages)
    report.glyphs = {wrong: right for wrong, right in FONT_FORMS.items() if any(wrong in line.text for line in lines)}
    report.undecided += [f"{path}:{line.number}: a table's caption ('{line.text.strip()[:20]}'): until it is re-keyed "
                         "in sources/tables/ (replaces_lines), its lines are shown as they were extracted, "
                         "as a table of one row per line where a line of text follows it on its page"
                         for page in pages for line in page.body if TABLE_CAPTION.match(line.text)]
    if convention == "blank-lines":     # the seeds' parser needs the numbering: the one linking most notes
        readings, errors = [], []
        for numbering in ("global", "per-page"):
            try:
                readings.append((*find_notes(replace(source, notes=numbering), pages), numbering))
            except EditionError as error:
                errors.append(error)
        if not readings:
            report.unmatched += [str(problem) for problem in min(errors, key=lambda e: len(e.problems)).problems]
            return report
        notes, markers, report.numbering = max(readings, key=lambda reading: len(reading[0]))
        source = replace(source, notes=report.numbering)
    else:    # unmatched notes are reported, and the rest is still read
        finding = find_generic_notes(pages)
        notes, markers = finding.notes, finding.markers
        # numbers that start again at 1 (on a page or in a chapter) after a numbered note (a symbol
        # note, † or ∗, counts 0 and starts nothing): cite a note by page and number
        numbers = [note.printed_number for note in notes if note.printed_number]
        report.numbering = "per-page" if 1 in numbers[1:] else "global"
        report.unmatched += [f"{path}:{line}: {sentence}" for line, sentence in finding.unmatched]
    report.notes, report.markers = len(notes) + len(report.unmatched), len(markers)
    paragraphs, _ = build_paragraphs(source, pages, markers, notes, {}, Audit())
    report.paragraphs = len(paragraphs)
    schemes = heading_schemes(source, paragraphs)
    report.profile = replace(report.profile, headings=schemes, paragraphs=paragraph_convention(source))
    for paragraph, found in zip(paragraphs, confirm_headings(heading_texts(paragraphs), schemes), strict=True):
        if found and not found[1]:       # an unnumbered part ('序'): its chapter is labelled with its name
            name = unnumbered(paragraph.text)
            report.headings.setdefault(found[0], []).append((name, name, paragraph.lines[0]))
        elif found:
            match = candidate(paragraph.text, schemes)
            assert match is not None
            report.headings.setdefault(found[0], []).append((match[1], match[3].strip(), paragraph.lines[0]))
    return report


def _report_pages(report: LayoutReport, source: TextSource, pages: tuple[Page, ...]) -> None:
    report.pages = len(pages)
    report.printed = [page.printed for page in pages]
    removed = Counter(change.fix for page in pages for change in page.artifacts)
    examples: dict[str, str] = {}
    for change in (c for page in pages for c in page.artifacts):
        examples.setdefault(change.fix, change.before.strip() or f"[{len(change.before)} spaces]")
    report.furniture = {fix: (count, examples[fix]) for fix, count in removed.items()}
    forms = Counter(form[0] for page in pages for change in page.artifacts
                    if change.fix == "remove_page_number" and (form := page_number(change.before)))
    if len(forms) == 1 and report.profile.pages != "blank-lines":   # of two forms ('第 iii 頁' in the front
        report.profile = replace(report.profile, page_numbers=next(iter(forms)))   # matter, then '12'), none declared
    if report.profile.pages != "blank-lines":
        found = generic_layout(source, report.profile.pages, source.watermark)
        report.labels = [found.printed.get(page.index, "") for page in pages]
        report.undecided += [f"{source.path}:{line}: {sentence}"
                             for line, sentence in found.undecided + doubtful_note_columns(found.pages)]
        arabic = {index: int(number) for index, number in found.printed.items() if number.isdigit()}
        report.gaps = [(arabic[i], arabic[i + 1]) for i in sorted(arabic) if i + 1 in arabic
                       and arabic[i + 1] != arabic[i] + 1]


def _ranges(numbers: list[int]) -> str:
    """'1-5, 7' for [1, 2, 3, 4, 5, 7]."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in spans) or "none"
