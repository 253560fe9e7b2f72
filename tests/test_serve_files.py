"""What serve takes for an edit (edition/serve.py: `contents`, `own_writes`): a file saved again is
an edit even when its bytes are the same as before (undone during a build, touched); only the files
the build itself writes may change behind it."""
import os

from edition.serve import contents, own_writes


def test_a_file_saved_again_with_the_same_bytes_is_an_edit(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    text, ledger = sources / "corrections.yml", sources / "anchors.lock"
    text.write_text("A", encoding="utf-8")
    ledger.write_text("1", encoding="utf-8")
    read = contents([sources])
    assert contents([sources]) == read                       # nothing done: nothing changed
    ledger.write_text("2", encoding="utf-8")                  # the build's own write
    assert own_writes(read, contents([sources]), (ledger,))
    assert not own_writes(read, contents([sources]), ())     # ... which is an edit when not the build's
    stamp = text.stat().st_mtime_ns
    text.write_text("B", encoding="utf-8")                    # saved, then undone, during the build
    text.write_text("A", encoding="utf-8")
    os.utime(text, ns=(stamp + 1_000_000, stamp + 1_000_000))   # a clock coarser than the two saves
    assert not own_writes(read, contents([sources]), (ledger,))


def test_a_new_or_removed_file_is_an_edit(tmp_path):
    (tmp_path / "a.yml").write_text("x", encoding="utf-8")
    read = contents([tmp_path])
    (tmp_path / "b.yml").write_text("y", encoding="utf-8")
    assert not own_writes(read, contents([tmp_path]), ())
    (tmp_path / "b.yml").unlink()
    (tmp_path / "a.yml").unlink()
    assert not own_writes(read, contents([tmp_path]), ())
