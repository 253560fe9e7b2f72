"""Stage 8, script: a built text in its own script -> the same text in the other script.

In: a `BuiltText` and the conversion overrides. Out: a `BuiltText` whose paragraphs, notes,
headings and tables are converted character by character with OpenCC's official binding
(`s2tw`: Taiwan character forms, so the article reads like the thesis; `tw2s`: Taiwan forms back,
which gets 著/着 right by phrase where `t2s` keeps 著 in 沿著, 著手). No regional vocabulary is
swapped: the author's wording stays. Ids, note numbers and offsets are unchanged: text is cut at
every anchor before conversion, so no anchor moves.

Protected spans are never converted: Latin and Cyrillic runs, and Japanese (any stretch between
Chinese punctuation that contains kana: `石井明『中ソ関係史の研究』、東京大学出版会`). Override forms
(`sources/conversion.yml`, later fed by the glossary) are replaced by their declared form first.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import opencc

from .audit import BuiltText
from .errors import Problems
from .model import NoteRef, PageBreak, Paragraph
from .yamlfile import read_yaml

CONFIGS = {("hans", "hant"): "s2tw", ("hant", "hans"): "tw2s"}
LATIN_OR_CYRILLIC = r"[A-Za-z\u00c0-\u024f\u0400-\u04ff][A-Za-z0-9\u00c0-\u024f\u0400-\u04ff .,'’:;&/()\-]*"
# A Japanese stretch: between Chinese punctuation, with at least one kana in it.
KANA = re.compile(r"[\u3040-\u30ff]")
JAPANESE = r"[^；。，：（）《》“”\s]*[\u3040-\u30ff][^；。，：（）《》“”\s]*"


@dataclass
class ConversionLog:
    """What the conversion did to one text: counts, and every protected span."""

    source: str
    target: str
    config: str
    changed: Counter = field(default_factory=Counter)
    protected: Counter = field(default_factory=Counter)
    overrides: Counter = field(default_factory=Counter)
    forms: dict = field(default_factory=dict)


def load_overrides(root: Path) -> list[dict[str, str]]:
    entries = read_yaml(root / "conversion.yml", "sources/conversion.yml") or []
    problems = Problems()
    for entry in entries:
        if not isinstance(entry, dict) or not {"hans", "hant"} <= set(entry):
            problems.add(f"sources/conversion.yml:{getattr(entry, 'line', 1)}", "each override needs hans and hant")
    problems.raise_if_any()
    return [{"hans": e["hans"], "hant": e["hant"]} for e in entries]


class Converter:
    """Converts strings from one script to the other, protecting and overriding as declared."""

    def __init__(self, source: str, target: str, overrides: list[dict[str, str]]):
        self.log = ConversionLog(source, target, CONFIGS[(source, target)])
        self.opencc = opencc.OpenCC(f"{self.log.config}.json")
        self.forms = {o[source]: o[target] for o in overrides}
        self.log.forms = self.forms
        names = "|".join(re.escape(form) for form in sorted(self.forms, key=len, reverse=True)) or "(?!)"
        # The Japanese pattern is slow on long runs without kana, so it is only tried where kana occur.
        self.with_japanese = re.compile(rf"(?P<form>{names})|(?P<japanese>{JAPANESE})|(?P<latin>{LATIN_OR_CYRILLIC})")
        self.without_japanese = re.compile(rf"(?P<form>{names})|(?P<japanese>(?!))|(?P<latin>{LATIN_OR_CYRILLIC})")

    def __call__(self, text: str) -> str:
        out, position = [], 0
        pattern = self.with_japanese if KANA.search(text) else self.without_japanese
        for match in pattern.finditer(text):
            out.append(self._convert(text[position:match.start()]))
            if match.group("form"):
                self.log.overrides[match.group(0)] += 1
                out.append(self.forms[match.group(0)])
            else:
                if match.group("japanese"):
                    self.log.protected[match.group(0)] += 1
                out.append(match.group(0))
            position = match.end()
        out.append(self._convert(text[position:]))
        return "".join(out)

    def _convert(self, text: str) -> str:
        converted = self.opencc.convert(text) if text else text
        for before, after in zip(text, converted):
            if before != after:
                self.log.changed[(before, after)] += 1
        return converted


def convert_paragraph(paragraph: Paragraph, convert: Converter, reason: Converter) -> Paragraph:
    """Convert between anchors so that every note ref and page break keeps its place."""
    cuts = sorted({0, len(paragraph.text)} | {r.offset for r in paragraph.note_refs}
                  | {b.offset for b in paragraph.page_breaks}
                  | {o for e in paragraph.emendations for o in (e.offset, e.offset + e.length)})
    pieces = [convert(paragraph.text[a:b]) for a, b in zip(cuts, cuts[1:])]
    new_offset = {0: 0}
    for (a, b), piece in zip(zip(cuts, cuts[1:]), pieces):
        new_offset[b] = new_offset[a] + len(piece)
    return replace(
        paragraph, text="".join(pieces), label=convert(paragraph.label), title=convert(paragraph.title),
        note_refs=tuple(NoteRef(new_offset[r.offset], r.number) for r in paragraph.note_refs),
        page_breaks=tuple(PageBreak(new_offset[b.offset], b.page) for b in paragraph.page_breaks),
        emendations=tuple(replace(e, offset=new_offset[e.offset], length=new_offset[e.offset + e.length] - new_offset[e.offset],
                                  before=convert(e.before), after=convert(e.after), reason=reason(e.reason))
                           for e in paragraph.emendations),
        table=tuple(tuple(convert(cell) for cell in row) for row in paragraph.table))


def convert_text(text: BuiltText, target: str, overrides: list[dict[str, str]]) -> tuple[BuiltText, ConversionLog]:
    convert = Converter(text.source.script, target, overrides)
    # Reasons are the editors' words, not the text: converted for the reader, not counted in the log.
    reason = Converter(text.source.script, target, overrides)
    chapters = tuple(replace(c, title=convert(c.title), label=convert(c.label),
                             paragraphs=tuple(convert_paragraph(p, convert, reason) for p in c.paragraphs),
                             sections=tuple(replace(s, title=convert(s.title), label=convert(s.label)) for s in c.sections))
                     for c in text.chapters)
    notes = tuple(replace(n, text=convert(n.text), emendations=tuple(
        replace(e, before=convert(e.before), after=convert(e.after), reason=reason(e.reason)) for e in n.emendations))
                  for n in text.notes)
    metadata = {key: convert(value) if isinstance(value, str) else value for key, value in text.source.metadata.items()}
    source = replace(text.source, title=convert(text.source.title), metadata=metadata,
                     author=convert(text.source.author) if text.source.author else None)
    return replace(text, source=source, chapters=chapters, notes=notes), convert.log


def conversion_report(log: ConversionLog, strings: dict) -> str:
    """The conversion section of a text's audit, for the script it was converted into, in the
    words of that script's `strings`."""
    s = strings
    lines = ["", "## " + s["conversion_title"].format(source=s[f"{log.source}_name"], target=s[f"{log.target}_name"])
             + " { #conversion }", "",
             s["conversion_summary"].format(config=log.config, changed=sum(log.changed.values()), distinct=len(log.changed),
                                            overrides=sum(log.overrides.values()), protected=sum(log.protected.values())),
             "", f"| {s['audit_before']} | {s['audit_after']} | {s['audit_count']} |", "|---|---|---|"]
    lines += [f"| {before} | {after} | {count} |" for (before, after), count in log.changed.most_common()]
    lines += ["", f"{s['conversion_forms']}：", ""]
    lines += [f"- {form} → {log.forms.get(form, form)}（{count}）" for form, count in sorted(log.overrides.items())]
    lines += ["", f"{s['conversion_protected']}：", ""]
    lines += [f'- <span lang="ja">{span}</span>' for span in sorted(log.protected)]
    return "\n".join(lines) + "\n"
