"""Stage 1, load: read and validate everything under `sources/`.

In: the sources folder. Out: an `EditionConfig` with one `TextSource` per text (its raw lines, its
declaration from `edition.yml`, its re-keyed tables). Every problem is collected and reported at
once with `file:line`. Never writes anything, never repairs a raw file.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EditionError, Problems, fail
from .model import RawLine
from .yamlfile import Schema, check, read_yaml

SCRIPTS = ("hant", "hans")
TEXT_ID = re.compile(r"^[a-z][a-z0-9-]{1,30}$")
EDITION_SCHEMA = Schema(required={"edition": dict, "texts": list})
EDITION_META_SCHEMA = Schema(required={"title": dict}, optional={"publisher": str, "url": str, "editors": list,
                                                                 "contact": (str, type(None))})
EDITOR_SCHEMA = Schema(required={"name": str, "role": dict})
TEXT_SCHEMA = Schema(
    required={"id": str, "file": str, "sha256": str, "script": str, "notes": str, "title": str,
              "metadata": dict, "chapters": list},
    optional={"title_supplied_by_editor": bool, "author": (str, type(None)), "tables": list,
              "first_printed_page": int, "watermark": str, "rights": dict},
)
CHAPTER_SCHEMA = Schema(required={"slug": str, "label": str})
TABLE_SCHEMA = Schema(
    required={"text": str, "replaces_lines": list, "caption": str, "rows": list},
    optional={"header_rows": int, "source_note": str},
)


@dataclass(frozen=True)
class Table:
    """An editor-owned re-keyed table that replaces a run of scrambled raw lines."""

    path: str
    first_line: int
    last_line: int
    caption: str
    rows: tuple[tuple[str, ...], ...]
    header_rows: int
    source_note: str = ""


@dataclass(frozen=True)
class TextSource:
    id: str
    path: str
    script: str
    notes: str
    title: str
    title_supplied: bool
    author: str | None
    metadata: dict
    chapters: tuple[tuple[str, str], ...]
    first_printed_page: int
    watermark: str
    lines: tuple[RawLine, ...]
    tables: tuple[Table, ...]
    rights: dict = field(default_factory=dict)   # script -> the rights statement shown for the text


@dataclass(frozen=True)
class EditionConfig:
    root: Path
    title: dict
    texts: tuple[TextSource, ...]
    corrections: tuple = ()   # filled by the corrections stage
    ledger: tuple = ()        # the anchor ledger's records after this build
    editors: tuple = ()       # ({"name": ..., "role": {script: ...}}, ...) from edition.yml
    contact: str | None = None   # where readers report errors (mailto: or a URL), if given


def load(root: Path) -> EditionConfig:
    """Read `root/edition.yml` and every file it names; raise one EditionError listing all problems."""
    problems = Problems()
    shown = "sources/edition.yml"
    data = read_yaml(root / "edition.yml", shown)
    if not check(data, EDITION_SCHEMA, shown, problems, "edition.yml"):
        problems.raise_if_any()
    check(data["edition"], EDITION_META_SCHEMA, shown, problems, "'edition'")
    editors = [e for e in data["edition"].get("editors") or () if check(e, EDITOR_SCHEMA, shown, problems, "an editor")]
    contact = data["edition"].get("contact")
    if isinstance(contact, str) and not re.match(r"^(mailto:|https?://)\S+$", contact):
        problems.add(f"{shown}:{data['edition'].key_lines['contact']}", "contact must be a mailto: address or an http(s) URL")
    texts = []
    for entry in data["texts"]:
        text = _load_text(root, entry, shown, problems)
        if text:
            texts.append(text)
    _check_unique_ids(data["texts"], shown, problems)
    problems.raise_if_any()
    return EditionConfig(root, dict(data["edition"]["title"]), tuple(texts),
                         editors=tuple({"name": e["name"], "role": dict(e["role"])} for e in editors),
                         contact=contact)


def _check_unique_ids(entries: list, shown: str, problems: Problems) -> None:
    seen: dict[str, int] = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            if entry["id"] in seen:
                problems.add(f"{shown}:{entry.key_lines['id']}",
                             f"duplicate text id '{entry['id']}' (first at line {seen[entry['id']]})")
            seen.setdefault(entry["id"], entry.key_lines["id"])


def _load_text(root: Path, entry, shown: str, problems: Problems) -> TextSource | None:
    if not check(entry, TEXT_SCHEMA, shown, problems, "a text"):
        return None
    where = f"{shown}:{entry.line}"
    if not TEXT_ID.match(entry["id"]):
        problems.add(where, f"text id '{entry['id']}' must be short lowercase ASCII (it is in every URL)")
    if entry["script"] not in SCRIPTS:
        problems.add(f"{shown}:{entry.key_lines['script']}", f"script must be one of {SCRIPTS}")
    if entry["notes"] not in ("global", "per-page"):
        problems.add(f"{shown}:{entry.key_lines['notes']}", "notes must be 'global' or 'per-page'")
    chapters = []
    for chapter in entry["chapters"]:
        if check(chapter, CHAPTER_SCHEMA, shown, problems, "a chapter"):
            chapters.append((chapter["slug"], chapter["label"]))
    try:
        lines = read_raw(root / entry["file"], f"sources/{entry['file']}", entry["sha256"])
    except EditionError as error:
        problems.items.extend(error.problems)
        return None
    tables = []
    for table_file in entry.get("tables") or ():
        try:
            tables.append(read_table(root / table_file, f"sources/{table_file}", entry["id"]))
        except EditionError as error:
            problems.items.extend(error.problems)
    return TextSource(
        id=entry["id"], path=f"sources/{entry['file']}", script=entry["script"], notes=entry["notes"],
        title=entry["title"], title_supplied=bool(entry.get("title_supplied_by_editor")),
        author=entry.get("author"), metadata=dict(entry["metadata"]), chapters=tuple(chapters),
        first_printed_page=entry.get("first_printed_page", 1),
        watermark=entry.get("watermark") or "", lines=lines, tables=tuple(tables),
        rights=dict(entry.get("rights") or {}),
    )


def read_raw(path: Path, shown: str, sha256: str | None = None) -> tuple[RawLine, ...]:
    """The raw file's lines, numbered from 1. It must be UTF-8 and, if given, match `sha256`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail(shown, "raw text file not found") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise fail(f"{shown}:{line}", f"not UTF-8; it looks like {guess_encoding(data)}. "
                   "Convert it to UTF-8 (e.g. iconv -f GB18030 -t UTF-8)") from None
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        raise fail(shown, "raw text differs from the sha256 declared in sources/edition.yml; raw texts "
                   "are never edited by hand: put emendations in sources/corrections.yml")
    return tuple(RawLine(number, line) for number, line in enumerate(text.split("\n"), 1))


def guess_encoding(data: bytes) -> str:
    """Name the legacy Chinese encoding under which `data` reads as the most plausible text."""
    best, best_score = "an unknown encoding", 0.0
    for name in ("big5", "gb18030", "utf-16"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        common = sum(1 for ch in text if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\uff60")
        score = common / max(len(text), 1)
        if score > best_score:
            best, best_score = name.upper(), score
    return best


def read_table(path: Path, shown: str, text_id: str) -> Table:
    problems = Problems()
    data = read_yaml(path, shown)
    if check(data, TABLE_SCHEMA, shown, problems, "a table"):
        if data["text"] != text_id:
            problems.add(f"{shown}:{data.key_lines['text']}", f"table belongs to '{data['text']}', "
                         f"but is listed under text '{text_id}'")
        span = data["replaces_lines"]
        if len(span) != 2 or not all(isinstance(n, int) for n in span) or span[0] > span[1]:
            problems.add(f"{shown}:{data.key_lines['replaces_lines']}", "replaces_lines must be [first, last]")
        for row in data["rows"]:
            if not isinstance(row, list):
                problems.add(f"{shown}:{getattr(row, 'line', data.line)}", "each row must be a list of cells")
    problems.raise_if_any()
    rows = tuple(tuple("" if cell is None else str(cell) for cell in row) for row in data["rows"])
    return Table(shown, span[0], span[1], data["caption"], rows, data.get("header_rows", 1),
                 data.get("source_note") or "")
