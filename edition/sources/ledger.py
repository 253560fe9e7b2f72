"""The anchor ledger's file format: `sources/anchors.lock`, read and written.

In: the file's text (read by `read_ledger`) or the records of a build (`ledger_text`). Out:
`Record`s, or the text of the file. A line a hand edit broke, a cut-off or lengthened file is a
problem at its line: ids students cite must never be issued again. Matching paragraphs to
records is the anchors stage's (`edition.text.anchors`); this module only knows the file.
"""
from __future__ import annotations

import re
from pathlib import Path

from edition.core.errors import EditionError, Problems
from edition.core.inputs import Ledger, Record
from edition.sources.yamlfile import read_text

HEADER = """# Anchor ledger: every paragraph (p…) and note (n…) id ever published, per text. Written by the
# build; commit it with the sources. Never edit ids by hand: a student's citation may use any of them.
# Columns: text id status chapter issued retired successor fingerprint(length.sha.sample)
"""


LEDGER_END = "# end of ledger:"


# One ledger line's fields; a hand edit that breaks one is caught where the ledger is read.
LEDGER_FIELDS = (
    ("text id", re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")),
    ("id", re.compile(r"p\d{4,}|n\d+|chapter/[a-z0-9]+(-[a-z0-9]+)*")),
    ("status", re.compile(r"live|retired")),
    ("chapter", re.compile(r"-|[a-z0-9]+(-[a-z0-9]+)*")),
    ("issued", re.compile(r"\d{4}-\d{2}-\d{2}")),
    ("retired", re.compile(r"-|\d{4}-\d{2}-\d{2}")),
    ("successor", re.compile(r"-|p\d{4,}|[a-z0-9]+(-[a-z0-9]+)*")),
    ("fingerprint", re.compile(r"-|\d+\.[0-9a-f]{10}\.[0-9a-f]*\.[0-9a-f]*")),
)


def parse_ledger_line(line: str) -> Record | str:
    """A ledger line as a Record, or a sentence saying what is wrong with it."""
    parts = line.split(" ")
    if len(parts) != len(LEDGER_FIELDS):
        return f"malformed ledger line: {len(parts)} fields instead of {len(LEDGER_FIELDS)}"
    for (name, pattern), value in zip(LEDGER_FIELDS, parts, strict=True):   # counted just above
        if not pattern.fullmatch(value):
            return f"malformed ledger line: the {name} '{value[:40]}' is not valid"
    record = Record(*parts)
    if record.id.startswith("chapter/") != (record.fingerprint == "-"):
        return "malformed ledger line: only chapter records go without a fingerprint"
    if record.fingerprint != "-" and not _hex_parts(record.fingerprint):
        return "malformed ledger line: the fingerprint is garbled"
    return record


def _hex_parts(fingerprint: str) -> bool:
    _, _, incipit_hex, sample = fingerprint.split(".", 3)
    try:
        bytes.fromhex(incipit_hex).decode()
        return len(sample) % 2 == 0 and len(incipit_hex) % 2 == 0
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
    records = []
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            record = parse_ledger_line(line)
            if isinstance(record, str):
                problems.add(f"{shown}:{number}", f"{record}; the ledger is written by the build: restore it "
                             "from version control")
            else:
                records.append(record)
    _check_ledger_end(lines, records, shown, problems)
    return Ledger(records)


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
    return " ".join((record.text, record.id, record.status, record.chapter, record.issued, record.retired,
                     record.successor, record.fingerprint))
