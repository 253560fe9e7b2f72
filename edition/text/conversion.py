"""Stage 8, script: a built text in its own script -> the same text in the other script.

In: a `BuiltText` and the conversion overrides. Out: a `BuiltText` whose paragraphs, notes,
headings and tables are converted character by character with OpenCC's official binding
(`s2tw`: Taiwan character forms, so the article reads like the thesis; `tw2s`: Taiwan forms back,
which gets 著/着 right by phrase where `t2s` keeps 著 in 沿著, 著手). No regional vocabulary is
swapped: the author's wording stays. Ids, note numbers and offsets are unchanged: text is cut at
every anchor before conversion, and every later step keeps the length, so no anchor moves.

Protected spans are never converted: Latin and Cyrillic runs, and Japanese (any stretch between
Chinese punctuation that contains kana: `石井明『中ソ関係史の研究』、東京大学出版会`). Overrides
(`sources/conversion.yml` and the glossary's name forms) are replaced by their declared form first,
inside Japanese spans too (an editor's decision is trusted there). An override with `find` is
bound to its context and works in one direction; one that names the text's own script as well
(吉田丰子 -> 吉田豊子) also rewrites the text in its own script. Quotation marks then follow the
target script by nesting level (“ ” ‘ ’ <-> 「 」 『 』), outside protected spans.

Every converted unit is recorded (`Converter.units`) with the origin of each span, for the
conversion review (`edition/text/review.py`). This stage never decides what is right: it applies
what `sources/` declares.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

import opencc

from edition.core.languages import JAPANESE, KANA, LATIN_OR_CYRILLIC
from edition.core.model import AnchoredEdition, BuiltText, NoteRef, PageBreak, Paragraph, ScriptEdition
from edition.core.scripts import OPENCC_CONFIGS

# A Japanese stretch: between Chinese punctuation, with at least one kana in it.
QUOTES = {"hant": ("「『", "」』"), "hans": ("“‘", "”’")}   # (openers, closers) by nesting level
SHOWN = "sources/conversion.yml"


@dataclass(frozen=True)
class Unit:
    """One converted string (a paragraph, a note, a title, a cell) and where each span came from.

    `spans` are (start, end, origin) in the output: origin is "japanese", "latin", or the
    file:line of the override that wrote it; every other character is OpenCC's."""

    place: str
    source: str
    output: str
    spans: tuple


@dataclass
class ConversionLog:
    """What the conversion did to one text: counts, every protected span and every unit."""

    source: str
    target: str
    config: str
    changed: Counter = field(default_factory=Counter)
    protected: Counter = field(default_factory=Counter)
    overrides: Counter = field(default_factory=Counter)
    hits: Counter = field(default_factory=Counter)      # override file:line -> times applied
    quotes: bool = False                                # quotation marks follow the target script
    forms: dict = field(default_factory=dict)
    reasons: dict = field(default_factory=dict)
    units: list = field(default_factory=list)


@functools.lru_cache(maxsize=None)
def opencc_of(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration for the life of the process: loading its
    dictionaries costs more than converting a whole text (serve keeps them across rebuilds)."""
    return opencc.OpenCC(f"{config}.json")


class Converter:
    """Converts strings from one script to the other, protecting and overriding as declared.

    With source == target there is no OpenCC: only the overrides with `find` that name both
    scripts apply (a Japanese name shown in its Japanese form in both)."""

    def __init__(self, source: str, target: str, overrides: list[dict], quotes: bool = True):
        config = OPENCC_CONFIGS.get((source, target), "")
        self.log = ConversionLog(source, target, config)
        self.opencc = opencc_of(config) if config else None
        self.quotes = self.log.quotes = quotes and source != target
        self.forms: dict[str, str] = {}     # declared form -> its reading in the target script
        self.origin: dict[str, str] = {}    # declared form -> where it was declared (file:line)
        self.reasons: dict[str, str] = {}
        for o in overrides:
            if "keep" in o or target not in o:
                continue
            if source == target and not {"hans", "hant"} <= set(o):
                continue          # only an entry that names both scripts rewrites a text in its own
            if "find" in o:
                self._declare(o["find"], o[target], o.get("where", "glossary"), o.get("reason", ""))
            elif source != target and source in o:
                self._declare(o[source], o[target], o.get("where", "glossary"), o.get("reason", ""))
        self.log.forms, self.log.reasons = self.forms, self.reasons
        names = "|".join(re.escape(form) for form in sorted(self.forms, key=len, reverse=True)) or "(?!)"
        self.form_pattern = re.compile(names)
        # The Japanese pattern is slow on long runs without kana, so it is only tried where kana occur.
        self.with_japanese = re.compile(rf"(?P<form>{names})|(?P<japanese>{JAPANESE})|(?P<latin>{LATIN_OR_CYRILLIC})")
        self.without_japanese = re.compile(rf"(?P<form>{names})|(?P<japanese>(?!))|(?P<latin>{LATIN_OR_CYRILLIC})")

    def _declare(self, form: str, reading: str, where: str, reason: str) -> None:
        if form not in self.origin or where.startswith(SHOWN):   # conversion.yml's decisions win
            self.forms[form], self.origin[form], self.reasons[form] = reading, where, reason

    def __call__(self, text: str) -> str:
        return "".join(out for out, _ in self.segments(text))

    def segments(self, text: str) -> list[tuple[str, str | None]]:
        """The conversion of `text` as (output, origin) pieces; origin None is OpenCC's."""
        out: list[tuple[str, str | None]] = []
        position = 0
        pattern = self.with_japanese if KANA.search(text) else self.without_japanese
        for match in pattern.finditer(text):
            out.append((self._convert(text[position:match.start()]), None))
            if match.group("form"):
                out.append(self._override(match.group(0)))
            elif match.group("japanese"):
                self.log.protected[match.group(0)] += 1
                out += self._inside_japanese(match.group(0))
            else:
                out.append((match.group(0), "latin"))
            position = match.end()
        out.append((self._convert(text[position:]), None))
        return out

    def _override(self, form: str) -> tuple[str, str]:
        self.log.overrides[form] += 1
        self.log.hits[self.origin[form]] += 1
        return self.forms[form], self.origin[form]

    def _inside_japanese(self, span: str) -> list[tuple[str, str]]:
        out, position = [], 0
        for match in self.form_pattern.finditer(span):
            out += [(span[position:match.start()], "japanese"), self._override(match.group(0))]
            position = match.end()
        return out + [(span[position:], "japanese")]

    def _convert(self, text: str) -> str:
        if not text or not self.opencc:
            return text
        converted = self.opencc.convert(text)
        # A tally of the characters changed: were the length to change, the tally would stop at the
        # shorter string (the anchors' offsets in `unit` come from the output's own lengths).
        for before, after in zip(text, converted, strict=False):
            if before != after:
                self.log.changed[(before, after)] += 1
        return converted

    def unit(self, text: str, place: str, cuts: tuple[int, ...] = ()) -> tuple[str, dict[int, int]]:
        """Convert one unit cut at `cuts` (anchors) and record it; returns the output and the new
        offset of every cut."""
        bounds = sorted({0, len(text), *cuts})
        pieces: list[str] = []
        spans: list[tuple[int, int, str]] = []
        new_offset = {0: 0}
        for a, b in itertools.pairwise(bounds):
            for out, origin in self.segments(text[a:b]):
                start = sum(len(p) for p in pieces)
                if origin and out:
                    spans.append((start, start + len(out), origin))
                pieces.append(out)
            new_offset[b] = sum(len(p) for p in pieces)
        output = "".join(pieces)
        if self.quotes:
            output = follow_quotes(output, self.log.target, spans)
        self.log.units.append(Unit(place, text, output, tuple(spans)))
        return output, new_offset


def follow_quotes(text: str, target: str, spans=()) -> str:
    """Quotation marks in the target script's convention, by nesting level; same length.

    >>> follow_quotes("他說“甲‘乙’丙”。", "hant")
    '他說「甲『乙』丙」。'
    >>> follow_quotes("「外交部」與『紀要』", "hans")
    '“外交部”與“紀要”'
    """
    openers, closers = QUOTES[target]
    all_open, all_close = "“‘「『", "”’」』"
    protected = {i for start, end, origin in spans if origin in ("japanese", "latin") for i in range(start, end)}
    out, depth = list(text), 0
    for i, char in enumerate(text):
        if i in protected:
            continue
        if char in all_open:
            out[i] = openers[depth % 2] if char not in openers else char
            depth += 1
        elif char in all_close:
            depth = max(depth - 1, 0)
            out[i] = closers[depth % 2] if char not in closers else char
    return "".join(out)


def convert_paragraph(paragraph: Paragraph, convert: Converter, place: str, reason: Converter) -> Paragraph:
    """Convert between anchors so that every note ref and page break keeps its place."""
    cuts = ({r.offset for r in paragraph.note_refs} | {b.offset for b in paragraph.page_breaks}
            | {o for e in paragraph.emendations for o in (e.offset, e.offset + e.length)})
    text, new_offset = convert.unit(paragraph.text, place, tuple(cuts))
    return replace(
        paragraph, text=text,
        label=convert.unit(paragraph.label, place)[0], title=convert.unit(paragraph.title, place)[0],
        note_refs=tuple(NoteRef(new_offset[r.offset], r.number) for r in paragraph.note_refs),
        page_breaks=tuple(PageBreak(new_offset[b.offset], b.page) for b in paragraph.page_breaks),
        emendations=tuple(replace(e, offset=new_offset[e.offset],
                                  length=new_offset[e.offset + e.length] - new_offset[e.offset],
                                  before=convert(e.before), after=convert(e.after), reason=reason(e.reason))
                          for e in paragraph.emendations),
        table=tuple(tuple(convert.unit(cell, f"{place} table")[0] for cell in row) for row in paragraph.table),
        table_note=convert.unit(paragraph.table_note, f"{place} table")[0] if paragraph.table_note else "")


def convert_text(text: BuiltText, target: str, overrides: list[dict],
                 quotes: bool = True) -> tuple[BuiltText, ConversionLog]:
    """`text` in `target` (its own script too: then only the overrides for that script apply).
    Every string is a reviewed unit except an emendation's readings, which the apparatus shows
    beside the paragraph that holds them."""
    overrides = decisions_for(overrides, text.source.id)
    convert = Converter(text.source.script, target, overrides, quotes)
    # Reasons are the editors' words, not the text: converted for the reader, not reviewed or counted.
    reason = Converter(text.source.script, target, overrides, quotes)
    chapters = tuple(replace(c, title=convert.unit(c.title, f"{c.id} title")[0],
                             label=convert.unit(c.label, f"{c.id} label")[0],
                             paragraphs=tuple(convert_paragraph(p, convert, p.anchor or c.id, reason)
                                              for p in c.paragraphs),
                             sections=tuple(replace(s, title=convert.unit(s.title, f"{c.id} section")[0],
                                                    label=convert.unit(s.label, f"{c.id} section")[0])
                                           for s in c.sections))
                     for c in text.chapters)
    notes = tuple(replace(n, text=convert.unit(n.text, f"n{n.number}")[0], emendations=tuple(
        replace(e, before=convert(e.before), after=convert(e.after), reason=reason(e.reason)) for e in n.emendations))
        for n in text.notes)
    metadata = {key: convert.unit(value, f"metadata {key}")[0] if isinstance(value, str) else value
                for key, value in text.source.metadata.items()}
    source = replace(text.source, title=convert.unit(text.source.title, "title")[0], metadata=metadata,
                     author=convert.unit(text.source.author, "author")[0] if text.source.author else None)
    return replace(text, source=source, chapters=chapters, notes=notes), convert.log


def decisions_for(overrides: list[dict], text_id: str) -> list[dict]:
    """The overrides and keeps that apply to one text: the global ones and those scoped to it
    (`text:` in sources/conversion.yml). The one place a decision's scope is read.

    >>> [o["find"] for o in decisions_for([{"find": "a"}, {"find": "b", "text": "x"}, {"find": "c", "text": "y"}], "x")]
    ['a', 'b']
    """
    return [o for o in overrides if o.get("text", text_id) == text_id]


def edition_in(script: str, anchored: AnchoredEdition) -> tuple[ScriptEdition, dict[str, ConversionLog]]:
    """Every text of the edition in `script`, converting those written in the other script (and
    applying the overrides that name a text's own script to it), with each text's conversion log."""
    logs = {}
    in_script = []
    for text in anchored.texts:
        text, logs[text.source.id] = convert_text(text, script, list(anchored.overrides),
                                                  anchored.config.script_quotes)
        in_script.append(text)
    return ScriptEdition(script, anchored.config.title[script], tuple(in_script)), logs
