"""The anchor ledger's file format (edition/sources/ledger.py): the records a build issues are written
and read back unchanged."""
import pytest

from edition.core.model import Paragraph
from edition.sources.ledger import ledger_text, parse_ledger_line
from edition.text.anchors import assign


def build(records, texts, day):
    """One build: (anchors in order, every retired id -> live id, new records)."""
    anchored, retired, new_records = assign("t", records, [Paragraph("body", text, (1,), (1,)) for text in texts],
                                            ["c"] * len(texts), day)
    return [p.anchor for p in anchored], retired, new_records


@pytest.fixture(scope="module")
def real(built):
    """The article's paragraphs, from the session's built texts."""
    return [p.text for p in built["mongolia"].paragraphs]


def test_ledger_round_trips(tmp_path, real):
    _, _, records = build([], real, "2026-01-01")
    path = tmp_path / "anchors.lock"
    path.write_text(ledger_text(records), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [parse_ledger_line(line) for line in lines if not line.startswith("#")] == records
    assert lines[-1] == f"# end of ledger: {len(records)} records"
