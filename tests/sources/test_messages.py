"""Messages that name the cause at its file and line: CRLF line ends, a byte-order mark, a
compatibility ideograph in a correction, a raw file listed twice. Each damage is made by hand on a
copy of the sources (the raw text's sha256 updated, so only the damage itself is wrong)."""
import hashlib
from pathlib import Path

import pytest

from edition.build import Timer, load_texts
from edition.core.errors import EditionError
from edition.sources.load import load
from tests.conftest import copy_project


@pytest.fixture
def sources(tmp_path):
    return copy_project(tmp_path) / "sources"


def damage_raw(sources: Path, name: str, damage) -> None:
    """Rewrite a raw text's bytes and declare their sha256, as an editor who re-saved it would."""
    path = sources / name
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(damage(path.read_bytes()))
    edition = sources / "edition.yml"
    edition.write_text(edition.read_text(encoding="utf-8").replace(old, hashlib.sha256(path.read_bytes()).hexdigest()),
                       encoding="utf-8")


def report(sources: Path) -> str:
    with pytest.raises(EditionError) as caught:
        load(sources)
    return caught.value.report()


def test_crlf_line_ends_are_named_at_the_first_one(sources):
    damage_raw(sources, "mongolia.txt", lambda data: data.replace(b"\n", b"\r\n"))
    found = report(sources)
    assert found.startswith("sources/mongolia.txt:1: has Windows line ends (CR LF)") and "marker" not in found


def test_crlf_from_a_later_line_is_named_there(sources):
    def from_line_40(data: bytes) -> bytes:
        lines = data.split(b"\n")
        return b"\n".join(lines[:39]) + b"\n" + b"\r\n".join(lines[39:])
    damage_raw(sources, "manchuria.txt", from_line_40)
    assert report(sources).startswith("sources/manchuria.txt:40: has Windows line ends")


def test_a_utf8_text_damaged_in_one_place_is_named_damaged_not_another_encoding(sources):
    """An overlong `C0 AF` on line 202 of a UTF-8 text: no legacy encoding to convert from (review)."""
    def at_line_202(data: bytes) -> bytes:
        lines = data.split(b"\n")
        lines[201] = lines[201][:6] + b"\xc0\xaf" + lines[201][6:]
        return b"\n".join(lines)
    damage_raw(sources, "mongolia.txt", at_line_202)
    found = report(sources)
    assert found.startswith("sources/mongolia.txt:202: is UTF-8 but for 2 byte(s) that are not, the first on this "
                            "line (bytes C0)") and "iconv" not in found


def test_a_byte_order_mark_in_a_raw_text_is_named(sources):
    damage_raw(sources, "mongolia.txt", lambda data: b"\xef\xbb\xbf" + data)
    assert report(sources).startswith("sources/mongolia.txt:1: starts with a byte-order mark")


def test_a_raw_file_listed_twice_is_named_where_it_is_listed_again(sources):
    edition = sources / "edition.yml"
    text = edition.read_text(encoding="utf-8")
    entry = text[text.index("  - id: mongolia\n"):]
    text += entry.replace("id: mongolia", "id: mongolia-again")
    edition.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    first, again = [n for n, line in enumerate(lines, 1) if line == "    file: mongolia.txt"]
    assert report(sources) == (f"sources/edition.yml:{again}: the file 'mongolia.txt' is listed twice (first at line "
                               f"{first}); list each text once")


@pytest.mark.slow     # stages 1-7
def test_a_compatibility_ideograph_in_a_find_gets_the_normal_form_as_a_hint(sources):
    corrections = sources / "corrections.yml"
    text = corrections.read_text(encoding="utf-8")
    assert "find: 轉淚點" in text
    corrections.write_text(text.replace("find: 轉淚點", "find: 轉\uf94d點"), encoding="utf-8")
    lines = corrections.read_text(encoding="utf-8").split("\n")
    find = lines.index("  find: 轉\uf94d點")
    item = max(n for n, line in enumerate(lines[:find + 1], 1) if line.startswith("- "))   # the entry's first line
    with pytest.raises(EditionError) as caught:
        load_texts(sources, Timer())
    found = caught.value.report()
    assert found.startswith(f"sources/corrections.yml:{item}: '轉\uf94d點' matches 0 times"), found
    assert "matches 0 times" in found and "U+F94D (normally U+6DDA 淚)" in found and "'轉淚點'" in found
