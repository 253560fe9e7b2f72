"""The anchor ledger's file format: `sources/anchors.lock`, read and written.

In: the file's text (read by `read_ledger`) or the records of a build (`ledger_text`). Out:
`Record`s, or the text of the file. A line a hand edit broke, a cut-off or lengthened file is a
problem at its line: ids students cite must never be issued again. Matching paragraphs to
records is the anchors stage's (`edition.text.anchors`); this module only knows the file.

Each line ends in its record's seal (`seal`: a hash of the other fields), so a hand edit that moves
an id to another paragraph (swapping two ids, changing a fingerprint), retires a live id or
changes a date is refused at its line, as is an id listed twice. A ledger written before records
were sealed (no line carries a seal, and its header does not name the column) is read as it is and
sealed by the next build that writes the ledger.
"""
from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path

from edition.core.errors import EditionError, Problems
from edition.core.inputs import Ledger, Record
from edition.sources.yamlfile import read_text

HEADER = """# Anchor ledger: every paragraph (p…) and note (n…) id ever published, per text. Written by the
# build; commit it with the sources. Never edit ids by hand: a student's citation may use any of them.
# Columns: text id status chapter issued retired successor fingerprint(length.sha.sample) seal
"""
SEAL_COLUMN = " seal\n"     # the header's column list ends so in a sealed ledger


LEDGER_END = "# end of ledger:"


# One ledger line's fields; a hand edit that breaks one is caught where the ledger is read.
LEDGER_FIELDS = (
    ("text id", re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")),
    ("id", re.compile(r"p[0-9]{4,}|n[0-9]+|(chapter|text)/[a-z0-9]+(-[a-z0-9]+)*")),
    ("status", re.compile(r"live|retired")),
    ("chapter", re.compile(r"-|[a-z0-9]+(-[a-z0-9]+)*")),
    ("issued", re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")),
    ("retired", re.compile(r"-|[0-9]{4}-[0-9]{2}-[0-9]{2}")),
    ("successor", re.compile(r"-|p[0-9]{4,}|[a-z0-9]+(-[a-z0-9]+)*")),
    ("fingerprint", re.compile(r"-|[0-9]+\.[0-9a-f]{10}\.[0-9a-f]*\.[0-9a-f]*")),
)
SEAL = re.compile(r"[0-9a-f]{12}")


def seal(fields: tuple[str, ...] | list[str]) -> str:
    """The record's seal: the first 12 hex digits of the SHA-256 of its fields, space-joined."""
    return hashlib.sha256(" ".join(fields).encode()).hexdigest()[:12]


def parse_ledger_line(line: str, sealed: bool = True) -> Record | str:
    """A ledger line as a Record, or a sentence saying what is wrong with it. A `sealed` ledger's
    lines end in their record's seal, which must match."""
    parts = line.split(" ")
    count = len(LEDGER_FIELDS) + sealed
    if len(parts) != count:
        return f"malformed ledger line: {len(parts)} fields instead of {count}"
    for (name, pattern), value in zip(LEDGER_FIELDS, parts, strict=False):   # the seal is checked below
        if not pattern.fullmatch(value):
            return f"malformed ledger line: the {name} '{value[:40]}' is not valid"
        if name in ("issued", "retired") and value != "-" and not _real_date(value):
            return f"malformed ledger line: the {name} date {value} does not exist"
    if sealed and parts[-1] != seal(parts[:-1]):
        return ("this record was changed by hand (its seal does not match its fields): an id moved to "
                "another paragraph, retired or re-dated would break the citations that use it")
    record = Record(*parts[:len(LEDGER_FIELDS)])
    if record.id.startswith(("chapter/", "text/")) != (record.fingerprint == "-"):
        return "malformed ledger line: only chapter and text records go without a fingerprint"
    if record.fingerprint != "-" and not _hex_parts(record.fingerprint):
        return "malformed ledger line: the fingerprint is garbled"
    return record


def _real_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


SHORT = 8   # a text shorter than two 4-grams is its own sample (edition/text/anchors.py: fingerprint)


def _hex_parts(fingerprint: str) -> bool:
    """The incipit is UTF-8 in hex; the sample is the text itself, so written, for a short text,
    else one or more 4-gram hashes of 6 hex digits each."""
    length, _, incipit_hex, sample = fingerprint.split(".", 3)
    try:
        bytes.fromhex(incipit_hex).decode()
        if int(length) < SHORT:
            bytes.fromhex(sample).decode()
            return True
        return len(sample) % 6 == 0 and sample != ""
    except (ValueError, UnicodeDecodeError):
        return False


def read_ledger(root: Path, new_ledger: bool, problems: Problems) -> Ledger:
    """The published ids. A missing or cut-off ledger stops the build: ids already cited would be
    issued again to other paragraphs. Only `--new-ledger` starts an empty one."""
    shown = "sources/anchors.lock"
    path = root / "anchors.lock"
    if not path.exists():
        if not new_ledger:
            problems.add(shown, "missing: it records every anchor ever published, and without it ids that "
                         "students cite would be given to other paragraphs. Restore it from version control "
                         "(git checkout sources/anchors.lock); to start a new edition, build with --new-ledger")
        return Ledger()
    try:
        lines = read_text(path, shown).splitlines()
    except EditionError as error:
        problems.items.extend(error.problems)
        return Ledger()
    records: list[Record] = []
    sealed = _sealed(lines)
    first_at: dict[tuple[str, str], int] = {}
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            record = parse_ledger_line(line, sealed)
            if isinstance(record, str):
                problems.add(f"{shown}:{number}", f"{record}; the ledger is written by the build: restore it "
                             "from version control")
                continue
            key = (record.text, record.id)
            if key in first_at:
                problems.add(f"{shown}:{number}", f"the id {record.id} of text {record.text} is listed twice "
                             f"(first at line {first_at[key]}); the ledger is written by the build: restore it "
                             "from version control")
            first_at.setdefault(key, number)
            records.append(record)
    _check_ledger_end(lines, records, shown, problems)
    return Ledger(records, sealed, first_at)


def _sealed(lines: list[str]) -> bool:
    """Whether the ledger's records carry seals: its header names the column, or a record line has
    it. A ledger written before seals existed has neither."""
    header = any(line.startswith("# Columns:") and line.endswith(SEAL_COLUMN.strip("\n")) for line in lines)
    unsealed = all(len(line.split(" ")) == len(LEDGER_FIELDS) for line in lines
                   if line.strip() and not line.startswith("#"))
    return header or not unsealed


def _check_ledger_end(lines: list[str], records: list[Record], shown: str, problems: Problems) -> None:
    ends = [n for n, line in enumerate(lines, 1) if line.startswith(LEDGER_END)]
    if not ends:
        problems.add(f"{shown}:{len(lines)}", f"truncated: its last line '{LEDGER_END} N records' is missing; "
                     "restore it from version control")
    elif lines[ends[-1] - 1] != f"{LEDGER_END} {len(records)} records":
        problems.add(f"{shown}:{ends[-1]}", f"holds {len(records)} records, but its last line says otherwise: "
                     "lines were lost or added by hand; restore it from version control")


def ledger_text(records: list[Record]) -> str:
    """The ledger file for `records`: the header, a line each, and the closing count."""
    return HEADER + "".join(record_line(r) + "\n" for r in records) + f"{LEDGER_END} {len(records)} records\n"


def record_line(record: Record) -> str:
    fields = (record.text, record.id, record.status, record.chapter, record.issued, record.retired,
              record.successor, record.fingerprint)
    return " ".join(fields) + " " + seal(fields)
