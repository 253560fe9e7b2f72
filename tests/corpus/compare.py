"""Measure a built text against its corpus ground truth.

In: the edition's JSON export of one text in its own script (`site/data/<id>.<script>.json`, shape in
tests/schema/text-export.schema.json) and the text's `truth.yml` (see tests/corpus/README.md).
Out: a `Report` with the four measures of issue 19's "done when":
- the share of notes linked at the right place (the note found by its text, its marker between the
  same characters as in print);
- headings at the right level (all of them, none missing, no extra heading: a list item or a line
  of a quotation taken for a heading counts against);
- the share of paragraphs, list items and quotations exactly as printed;
- every furniture string (running header or footer, a decorated page number) left in the text;
and, apart from the bar, each paragraph whose printed pages differ from print.

Text is compared after `normalize`: whitespace next to a CJK character or full-width punctuation is
dropped (print shows none there; extractors and typesetters put some in), other runs become one
space. Nothing else is forgiven: `⋯⋯` for `……` or `➀` for `①` left in a paragraph is a difference.
Never reads a file, never imports the edition: tests hand both documents in.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2460-\u27bf\u2010-\u206f"
SPACE_NEXT_TO_WIDE = re.compile(rf"\s+(?=[{WIDE}])|(?<=[{WIDE}])\s+")   # "1945 年" -> "1945年"; not "J. Grew"
KINDS = {"paragraph": {"body", "front"}, "list_item": {"list"}, "quotation": {"quote"}}
CONTEXT = 6          # characters on each side of a marker that must agree with print


def normalize(text: str) -> str:
    """Text with the whitespace print does not show removed.

    >>> normalize(" 1945 年 8 月，格魯（J.  Grew）约晤 ")
    '1945年8月，格魯（J. Grew）约晤'
    """
    return re.sub(r"\s+", " ", SPACE_NEXT_TO_WIDE.sub("", text)).strip()


@dataclass
class Report:
    """What `compare` found; each list holds one sentence per problem."""
    notes_total: int = 0
    notes_linked: int = 0
    note_problems: list[str] = field(default_factory=list)
    headings_total: int = 0
    headings_right: int = 0
    heading_problems: list[str] = field(default_factory=list)
    paragraphs_total: int = 0
    paragraphs_exact: int = 0
    paragraph_problems: list[str] = field(default_factory=list)
    page_problems: list[str] = field(default_factory=list)
    furniture_left: list[str] = field(default_factory=list)

    @property
    def notes_share(self) -> float:
        return self.notes_linked / self.notes_total if self.notes_total else 1.0

    @property
    def paragraphs_share(self) -> float:
        return self.paragraphs_exact / self.paragraphs_total if self.paragraphs_total else 1.0

    def passes(self, notes: float = 0.95, paragraphs: float = 0.90) -> bool:
        """Issue 19's bar: notes and paragraphs over their shares, every heading right, no furniture."""
        return (self.notes_share >= notes and self.paragraphs_share >= paragraphs
                and not self.heading_problems and not self.furniture_left)

    def summary(self) -> str:
        lines = [f"notes linked {self.notes_linked}/{self.notes_total}",
                 f"headings right {self.headings_right}/{self.headings_total}",
                 f"paragraphs exact {self.paragraphs_exact}/{self.paragraphs_total}",
                 f"furniture left {len(self.furniture_left)}", f"pages wrong {len(self.page_problems)}"]
        problems = (self.note_problems + self.heading_problems + self.paragraph_problems + self.furniture_left
                    + self.page_problems)
        return "; ".join(lines) + "".join(f"\n  - {p}" for p in problems)


def compare(export: dict, truth: dict) -> Report:
    report = Report()
    compare_notes(export, truth, report)
    compare_headings(export, truth, report)
    compare_paragraphs(export, truth, report)
    report.furniture_left = furniture_left(export, truth)
    return report


# --- notes ------------------------------------------------------------------------------------------

def compare_notes(export: dict, truth: dict, report: Report) -> None:
    """Each printed note: found in the export by its text, and referenced between the printed context."""
    places = marker_places(truth)
    paragraphs = {p["id"]: p["text"] for p in export["paragraphs"]}

    def linked(note: dict, found: dict) -> bool:
        before, after = places[note["id"]]
        text = paragraphs.get(found["ref"]["paragraph"], "")
        offset = found["ref"]["offset"]
        return normalize(text[:offset]).endswith(before) and normalize(text[offset:]).startswith(after)

    for note, found in pair_notes(truth["notes"], export["notes"], linked):
        report.notes_total += 1
        if found is None:
            report.note_problems.append(
                f"note {note['mark']} (p. {note['page']}) «{note['text'][:12]}…» not in the export")
        elif linked(note, found):
            report.notes_linked += 1
        else:
            text = paragraphs.get(found["ref"]["paragraph"], "")
            offset = found["ref"]["offset"]
            before, after = places[note["id"]]
            report.note_problems.append(
                f"note {note['mark']} (p. {note['page']}) linked at «…{normalize(text[:offset])[-CONTEXT:]}|"
                f"{normalize(text[offset:])[:CONTEXT]}…», printed at «…{before}|{after}…»")


def pair_notes(printed: list[dict], built: list[dict], linked) -> list[tuple[dict, dict | None]]:
    """Each printed note with the export note of the same text (one that is `linked` right first, as
    notes may repeat a text such as 同上), then the unpaired ones with the nearest text left, if near.
    A note lost from the export thus costs one note, not every note after it."""
    unused = list(built)
    pairs: dict[int, dict | None] = {}
    for i, note in enumerate(printed):
        same = [c for c in unused if normalize(c["text"]) == normalize(note["text"])]
        if same:
            pairs[i] = next((c for c in same if linked(note, c)), same[0])
            unused.remove(pairs[i])
    for i, note in enumerate(printed):
        if i not in pairs:
            pairs[i] = best_note(note["text"], unused)
            if pairs[i] is not None:
                unused.remove(pairs[i])
    return [(note, pairs[i]) for i, note in enumerate(printed)]


def marker_places(truth: dict) -> dict[str, tuple[str, str]]:
    """Each note id -> the normalized characters just before and just after its marker in print."""
    places = {}
    for note in truth["notes"]:
        if note.get("in") == "title":
            places[note["id"]] = (normalize(truth["title"])[-CONTEXT:], "")
    for block in truth["blocks"]:
        for marker in block.get("notes", ()):
            text = block["text"]
            places[marker["note"]] = (normalize(text[:marker["offset"]])[-CONTEXT:],
                                      normalize(text[marker["offset"]:])[:CONTEXT])
    return places


def best_note(text: str, candidates: list[dict]) -> dict | None:
    """The export note whose text is the printed text, or nearly (a repaired glyph must not hide a link)."""
    wanted = normalize(text)
    scored = [(SequenceMatcher(None, wanted, normalize(c["text"]), autojunk=False).ratio(), i)
              for i, c in enumerate(candidates)]
    if not scored:
        return None
    ratio, index = max(scored)
    return candidates[index] if ratio >= 0.9 else None


# --- headings ---------------------------------------------------------------------------------------

def compare_headings(export: dict, truth: dict, report: Report) -> None:
    """Every printed heading found once at its level (levels may be shifted as a whole), none extra."""
    printed = [(normalize(b["text"]), b["level"]) for b in truth["blocks"] if b["kind"] == "heading"]
    built = [(normalize(heading_text(p)), p.get("level")) for p in export["paragraphs"] if p.get("kind") == "heading"]
    report.headings_total = len(printed)
    remaining = list(built)
    matched = []
    for text, level in printed:
        hit = next((h for h in remaining if h[0] == text), None)
        if hit is None:
            report.heading_problems.append(f"heading «{text}» (level {level}) is not a heading in the export")
            continue
        remaining.remove(hit)
        matched.append((text, level, hit[1]))
    shift = Counter(got - level for _, level, got in matched if got is not None).most_common(1)
    for text, level, got in matched:
        if shift and got is not None and got - level == shift[0][0]:
            report.headings_right += 1
        else:
            report.heading_problems.append(f"heading «{text}» at level {got}, printed at level {level}")
    report.heading_problems += [f"«{text}» is a heading in the export, not in print" for text, _ in remaining]


def heading_text(paragraph: dict) -> str:
    """A heading's printed text: its `text`, or its label and title where the export splits them."""
    if paragraph.get("text"):
        return paragraph["text"]
    return f"{paragraph.get('label') or ''}{paragraph.get('title') or ''}"


# --- paragraphs -------------------------------------------------------------------------------------

def compare_paragraphs(export: dict, truth: dict, report: Report) -> None:
    """Each printed paragraph, list item and quotation found word for word, of its kind, on its pages.

    Pages are reported (a paragraph placed on other printed pages than in print) but do not count
    against `paragraphs_exact`: the page of a paragraph is a citation matter, not a text one.
    """
    unused = [(normalize(p["text"]), p) for p in export["paragraphs"] if p.get("kind") != "heading"]
    for block in truth["blocks"]:
        if block["kind"] not in KINDS:
            continue
        report.paragraphs_total += 1
        forms = [normalize(block["text"])]
        if block.get("label"):
            forms.insert(0, normalize(block["label"] + block["text"]))
        found = next((pair for form in forms for pair in unused if pair[0] == form), None)
        if found is None:
            report.paragraph_problems.append(f"{block['kind']} «{forms[-1][:16]}…» not found word for word")
            continue
        unused.remove(found)
        report.paragraphs_exact += 1
        text, paragraph = found
        if paragraph.get("kind") not in KINDS[block["kind"]]:
            report.paragraph_problems.append(f"{block['kind']} «{text[:16]}…» exported as {paragraph.get('kind')}")
        printed = [str(page) for page in block.get("pages", ())]
        shown = shown_pages(export, paragraph["pages"]) if paragraph.get("pages") is not None else printed
        if printed and shown != printed:
            report.page_problems.append(f"«{text[:16]}…» on pages {', '.join(shown)}, printed on {', '.join(printed)}")
    front = {normalize(truth["title"]), normalize(truth.get("author") or "")}
    report.paragraph_problems += [f"«{text[:16]}…» is a paragraph in the export, not in print"
                                  for text, _ in unused if text not in front]


def shown_pages(export: dict, pages: list[int]) -> list[str]:
    """The pages as printed on them: a page the export's `page_labels` names ('i') by its name."""
    labels = export.get("page_labels") or {}
    return [labels.get(str(page), str(page)) for page in pages]


# --- furniture --------------------------------------------------------------------------------------

def furniture_left(export: dict, truth: dict) -> list[str]:
    """Each running header, footer or decorated page number found in the export more often than in print."""
    printed = " ".join([truth["title"], truth.get("author") or ""] + [b.get("text", "") for b in truth["blocks"]]
                       + [n["text"] for n in truth["notes"]])
    built = " ".join([p["text"] for p in export["paragraphs"]] + [n["text"] for n in export["notes"]])
    printed, built = normalize(printed), normalize(built)
    problems = []
    for string in furniture_strings(truth):
        extra = built.count(string) - printed.count(string)
        if extra > 0:
            problems.append(f"furniture «{string}» left in the text {extra} time(s)")
    return problems


def furniture_strings(truth: dict) -> list[str]:
    """The header, footer and endnotes-heading strings, every head a page printed where heads change
    along the text (`header_by_page`: an odd head carrying the current section's title), and every
    page's number in its printed form.

    Counted against print, a bare page number (format `{n}`) left in the text shows as one `57`
    more than print has; numbers of one digit are left out, as a stray note marker looks the same.
    A section title printed as a head shows as one more than print's heading of that title.
    """
    furniture = truth.get("furniture", {})
    keys = ("header_first", "header_odd", "header_even", "footer_odd", "footer_even", "notes_heading")
    strings = [furniture[key] for key in keys if key in furniture]
    strings += [head for head in dict.fromkeys((furniture.get("header_by_page") or {}).values())
                if head and head not in strings]
    number = furniture.get("page_number", "{n}")
    pages = [str(page) for page in truth.get("pages", ())]
    if number.strip() == "{n}":
        pages = [page for page in pages if len(page) > 1]
    strings += [number.replace("{n}", page) for page in pages]
    pieces = [piece for s in strings for piece in PIECE_BREAK.split(s) if piece != s and len(normalize(piece)) > 1
              and not normalize(piece).isdigit()]
    return list(dict.fromkeys(normalize(s) for s in strings + pieces if normalize(s)))


# Where an extractor may cut a running head into pieces ('近代史译丛' and '2026 年' on lines of their
# own): each piece is counted too, so that a head removed in part is not a head removed.
PIECE_BREAK = re.compile(r"[\s\u3000]+")
