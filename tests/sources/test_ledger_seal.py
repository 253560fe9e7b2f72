"""The ledger cannot be bent: every hand edit that would move, retire, re-date or duplicate a
published id is refused at its anchors.lock line; a renamed text keeps its ids only when
edition.yml says `renamed_from:`. The edits are made on the committed ledger's text, and the
expected line numbers are found by reading that text, not by the reader under test."""
import re
from pathlib import Path

import pytest

from edition.core.errors import EditionError
from edition.sources.ledger import LEDGER_END
from edition.sources.load import load
from tests.conftest import SOURCES, copy_project

LEDGER = (SOURCES / "anchors.lock").read_text(encoding="utf-8").split("\n")


@pytest.fixture
def sources(tmp_path):
    return copy_project(tmp_path) / "sources"


def line_of(prefix: str) -> int:
    return next(n for n, line in enumerate(LEDGER, 1) if line.startswith(prefix))


def write(sources: Path, lines: list[str]) -> None:
    (sources / "anchors.lock").write_text("\n".join(lines), encoding="utf-8")


def problems_of(sources: Path) -> list[str]:
    with pytest.raises(EditionError) as caught:
        load(sources)
    return [str(p) for p in caught.value.problems]


def test_swapping_two_ids_is_refused_at_both_lines(sources):
    five, six = line_of("manchuria p0005 "), line_of("manchuria p0006 ")
    lines = list(LEDGER)
    lines[five - 1] = LEDGER[five - 1].replace("p0005", "p0006", 1)
    lines[six - 1] = LEDGER[six - 1].replace("p0006", "p0005", 1)
    write(sources, lines)
    found = problems_of(sources)
    for line in (five, six):
        assert any(p.startswith(f"sources/anchors.lock:{line}:") and "changed by hand" in p for p in found), found


def test_moving_an_id_to_another_paragraph_is_refused(sources):
    five, six = line_of("manchuria p0005 "), line_of("manchuria p0006 ")
    lines = list(LEDGER)
    fields = lines[five - 1].split(" ")
    fields[7] = LEDGER[six - 1].split(" ")[7]            # p0005 now names p0006's paragraph
    lines[five - 1] = " ".join(fields)
    write(sources, lines)
    assert any(p.startswith(f"sources/anchors.lock:{five}:") for p in problems_of(sources))


def test_retiring_a_live_id_by_hand_is_refused(sources):
    seven = line_of("mongolia p0007 ")
    lines = list(LEDGER)
    fields = lines[seven - 1].split(" ")
    fields[2], fields[5], fields[6] = "retired", "2026-12-01", "p0006"
    lines[seven - 1] = " ".join(fields)
    write(sources, lines)
    assert any(p.startswith(f"sources/anchors.lock:{seven}:") and "changed by hand" in p
               for p in problems_of(sources))


def test_a_duplicated_id_is_refused_at_the_copy(sources):
    three = line_of("mongolia p0003 ")
    lines = list(LEDGER)
    lines.insert(three, LEDGER[three - 1])            # the same line again, right below
    end = next(i for i, line in enumerate(lines) if line.startswith(LEDGER_END))
    count = int(re.search(r"(\d+) records", lines[end]).group(1))
    lines[end] = f"{LEDGER_END} {count + 1} records"
    write(sources, lines)
    found = problems_of(sources)
    assert any(p.startswith(f"sources/anchors.lock:{three + 1}:") and "listed twice" in p
               and f"first at line {three}" in p for p in found), found


def test_a_date_that_does_not_exist_is_a_sentence(sources):
    three = line_of("mongolia p0003 ")
    lines = list(LEDGER)
    lines[three - 1] = re.sub(r" \d{4}-\d{2}-\d{2} ", " 2027-02-30 ", LEDGER[three - 1], count=1)
    write(sources, lines)
    assert any(p.startswith(f"sources/anchors.lock:{three}:") and "2027-02-30 does not exist" in p
               for p in problems_of(sources))


def test_a_line_that_lost_its_seal_in_a_sealed_ledger_is_refused(sources):
    three = line_of("mongolia p0003 ")
    lines = list(LEDGER)
    lines[three - 1] = LEDGER[three - 1].rsplit(" ", 1)[0]
    write(sources, lines)
    assert any(p.startswith(f"sources/anchors.lock:{three}:") and "8 fields instead of 9" in p
               for p in problems_of(sources))


def test_negative_a_ledger_written_before_seals_is_read_and_marked_for_sealing(sources):
    unsealed = [line if line.startswith("#") or not line else line.rsplit(" ", 1)[0] for line in LEDGER]
    unsealed = [line.removesuffix(" seal") if line.startswith("# Columns:") else line for line in unsealed]
    write(sources, unsealed)
    legacy, sealed = load(sources).published, load(SOURCES).published
    assert legacy.records == sealed.records and not legacy.sealed and sealed.sealed


def test_negative_the_committed_ledger_reads_whole(sources):
    records = load(sources).published.records
    written = [line for line in LEDGER if line and not line.startswith("#")]
    assert [f"{r.text} {r.id}" for r in records] == [" ".join(line.split(" ")[:2]) for line in written]


def rename(sources: Path, renamed_from: bool) -> None:
    edition = sources / "edition.yml"
    text = edition.read_text(encoding="utf-8").replace("  - id: mongolia\n", "  - id: mongolia-1952\n"
                                                       + ("    renamed_from: mongolia\n" if renamed_from else ""))
    edition.write_text(text, encoding="utf-8")
    for name in ("tables/mongolia-table-1.yml", "corrections.yml", "glossary/rules.yml"):
        path = sources / name
        path.write_text(path.read_text(encoding="utf-8").replace("text: mongolia", "text: mongolia-1952"),
                        encoding="utf-8")


def test_renaming_a_text_without_renamed_from_is_refused_at_its_first_record(sources):
    rename(sources, renamed_from=False)
    first = line_of("mongolia ")
    found = problems_of(sources)
    assert [p for p in found if p.startswith(f"sources/anchors.lock:{first}:")
            and "renamed_from: mongolia" in p] and len(found) == 1, found


def test_renaming_a_text_with_renamed_from_carries_every_id_over(sources):
    rename(sources, renamed_from=True)
    ledger = load(sources).published
    before = [line.split(" ")[1] for line in LEDGER if line.startswith("mongolia ")]
    assert [r.id for r in ledger.records if r.text == "mongolia-1952"] == before
    assert ledger.renamed == {"mongolia": "mongolia-1952"}
    assert not [r for r in ledger.records if r.text == "mongolia"]


def test_renamed_from_an_unknown_text_is_refused(sources):
    edition = sources / "edition.yml"
    text = edition.read_text(encoding="utf-8").replace("  - id: mongolia\n", "  - id: mongolia\n"
                                                       "    renamed_from: nowhere\n")
    edition.write_text(text, encoding="utf-8")
    line = text.split("\n").index("    renamed_from: nowhere") + 1
    assert any(p.startswith(f"sources/edition.yml:{line}:") and "no text 'nowhere'" in p
               for p in problems_of(sources))
