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


@pytest.mark.parametrize("sample, garbled", [
    ("0a1b2c3d4e5f", False),      # two 4-gram hashes, as a build writes them
    ("0a1b2c3d4e", True),         # a hash cut short: it would be read as a small number and match one
    ("", True),                   # no sample: nothing to find the paragraph by
])
def test_a_long_texts_sample_is_whole_hashes(sample, garbled):
    """A text of 8 characters or more is sampled by 4-gram hashes of 6 hex digits: a sample of
    another length was written by hand (its seal recomputed), and is refused as garbled."""
    from edition.sources.ledger import seal
    fields = ["t", "p0001", "live", "c", "2026-01-01", "-", "-", f"12.0123456789.e4b880.{sample}"]
    result = parse_ledger_line(" ".join(fields + [seal(fields)]))
    assert (result == "malformed ledger line: the fingerprint is garbled") == garbled, result


def test_a_short_texts_sample_is_the_text_itself():
    from edition.sources.ledger import seal
    for sample, garbled in (("一、前言".encode().hex(), False), ("ff", True)):
        fields = ["t", "p0001", "live", "c", "2026-01-01", "-", "-", f"4.0123456789.e4b880.{sample}"]
        result = parse_ledger_line(" ".join(fields + [seal(fields)]))
        assert (result == "malformed ledger line: the fingerprint is garbled") == garbled, result
