"""Stage 11, export: the registry of data formats, and the writing of every text's exports.

In: one script's edition (its texts already in that script), the mentions found in it, the
glossary, and each text's TEI header facts. Out: `site/data/<text-id>.<script>.<suffix>` for every
registered format (design.md's export contract), and the size of each file written.

Every format is made from the same dict, `json_export.export_text`'s: an export never reads a
source or a page. Adding a format is one module with its encoder and one `Format` below; the
downloads page describes every registered format (its words are `format_<key>` and `purpose_<key>`
in `templates/strings.yml`).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from edition.core.encode import json_data
from edition.core.errors import Problem
from edition.core.inputs import Glossary
from edition.core.model import BuiltText, Mention, ScriptEdition
from edition.core.paths import inside
from edition.exports.citation import UNKNOWN_AUTHOR, Edition, Work, original_gbt, printed_note
from edition.exports.json_export import export_text
from edition.exports.plaintext import header_block, plain_text
from edition.exports.records import citation_files
from edition.exports.tei import tei_document, validate
from edition.exports.tei_header import HeaderFacts


@dataclass(frozen=True)
class Inputs:
    """What an encoder may use besides the exported dict."""

    glossary: Glossary
    facts: HeaderFacts
    page_markers: bool       # `plain_text_page_markers` of edition.yml
    header: str = ""         # the plain text's first block: what the file is
    printed_notes: dict[str, str] = field(default_factory=dict)   # note id -> 第4頁注⑥ (per-page numbering)


def text_inputs(glossary: Glossary, facts: HeaderFacts, page_markers: bool, work: Work, about: Edition,
                text: BuiltText, script: str) -> Inputs:
    """A text's inputs in `script`: the plain text's header (title, author, the work as printed,
    this edition and version, the rights, the text's address) and its notes' printed labels."""
    title = f"[{text.source.title}]" if work.supplied else text.source.title
    edition = f"{about.title[script]}，第{about.version}版（{about.date}）"
    header = header_block((title, text.source.author or UNKNOWN_AUTHOR, original_gbt(work, script=script), edition,
                           text.source.rights.get(script, ""), f"{about.base_url}{script}/{work.id}/"), script)
    page = "頁" if script == "hant" else "页"
    printed = {f"n{note.number}": f"第{note.page}{page}注{printed_note(work, note.printed, 'gbt')}"
               for note in text.notes} if text.source.notes == "per-page" else {}
    return Inputs(glossary, facts, page_markers, header, printed)


@dataclass(frozen=True)
class Format:
    suffix: str                               # the file name after `<text-id>.<script>.`
    key: str                                  # its words in strings.yml: format_<key>, purpose_<key>
    encode: Callable[[dict, Inputs], bytes]


def _json(exported: dict, _: Inputs) -> bytes:
    return json_data(exported).encode("utf-8")


def _tei(exported: dict, inputs: Inputs) -> bytes:
    return tei_document(exported, inputs.glossary, inputs.facts)


def _plain_text(exported: dict, inputs: Inputs) -> bytes:
    return plain_text(exported, inputs.page_markers, inputs.header, inputs.printed_notes).encode("utf-8")


# In the order the downloads list them.
FORMATS = (Format("tei.xml", "tei", _tei), Format("txt", "txt", _plain_text), Format("json", "json", _json))


def export_name(text_id: str, script: str, suffix: str) -> str:
    """`manchuria.hant.tei.xml`: the file name the export contract promises."""
    return f"{text_id}.{script}.{suffix}"


def write_exports(edition: ScriptEdition, data: Path, mentions: list[Mention],
                  inputs: dict[str, Inputs]) -> dict[str, int]:
    """Every registered format of every text of `edition` into `data` (`inputs` by text id).
    Returns the size of each file `data` holds now (the downloads list gives them)."""
    data.mkdir(parents=True, exist_ok=True)
    for text in edition.texts:
        exported = export_text(text, edition.script, mentions)
        for form in FORMATS:
            (data / export_name(text.source.id, edition.script, form.suffix)).write_bytes(
                form.encode(exported, inputs[text.source.id]))
    return {path.name: path.stat().st_size for path in data.iterdir()}


def glossary_export(glossary: Glossary, mentions: list[Mention]) -> dict:
    """`site/data/glossary.json` (design.md): every entry, its forms in both scripts, its counts per text."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)   # entry -> text -> mentions
    for m in mentions:
        counts[m.entry][m.text] += 1
    return {"entries": [{
        "id": e.id, "kind": e.group if e.group != "person" else "person", "subkind": e.kind,
        "names": e.names, "forms": sorted({f for pair in e.forms for f in pair}), "en": e.data.get("en", ""),
        "wikidata": e.data.get("wikidata"), "counts": dict(counts[e.id]),
        "date": str(e.data.get("date", e.data.get("dates", "")))} for e in glossary.entries.values()]}



def write_glossary(glossary: Glossary, mentions: list[Mention], data: Path) -> None:
    (data / "glossary.json").write_text(json_data(glossary_export(glossary, mentions)), encoding="utf-8")


def write_citations(texts: tuple[BuiltText, ...], works: dict[str, Work], about: Edition, data: Path,
                    script: str) -> dict[str, int]:
    """BibTeX, RIS and CSL-JSON of every text and chapter in `script` (`records.citation_files`),
    `texts` being the texts as built in `script`. Returns the size of every file written."""
    sizes = {}
    for text in texts:
        for name, content in citation_files(works[text.source.id], about, text, script).items():
            sizes[name] = len(content.encode("utf-8"))
            path = inside(data, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    return sizes


def tei_problems(data: Path, edition: ScriptEdition) -> list[Problem]:
    """For `check`: every schema error of the TEI exports of one script's edition, as written in `data`."""
    problems = []
    for text in edition.texts:
        name = export_name(text.source.id, edition.script, "tei.xml")
        problems += [Problem(f"site/data/{name}:{error.split(':')[0]}",
                             f"not valid TEI (tei_all.rng): {error.split(': ', 1)[1]}")
                     for error in validate((data / name).read_bytes())]
    return problems
