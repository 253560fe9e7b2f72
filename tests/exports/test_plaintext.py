"""The plain-text download (edition/exports/plaintext.py): the reading text of the JSON export with its
markers where they stood, the notes after their chapter."""
import json
import re

import pytest

FILES = [("manchuria", "hant"), ("manchuria", "hans"), ("mongolia", "hant"), ("mongolia", "hans")]
COUNTS = {"manchuria": {"notes": 320, "pages": 142}, "mongolia": {"notes": 145, "pages": 17}}  # from the issue


def export_of(site, text_id: str, script: str) -> dict:
    return json.loads((site / "data" / f"{text_id}.{script}.json").read_text(encoding="utf-8"))


MARKER = re.compile(r"〔注\d+〕|〔第\d+[頁页]〕")


@pytest.mark.parametrize("text_id,script", FILES)
def test_plain_text_is_the_reading_text(site, text_id, script):
    raw = (site / "data" / f"{text_id}.{script}.txt").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    exported = export_of(site, text_id, script)
    blocks = raw.decode("utf-8").rstrip("\n").split("\n\n")
    notes_heading = "注釋" if script == "hant" else "注释"
    note_blocks = [b for b in blocks if re.match(r"〔注\d+〕", b)]
    paragraph_blocks, table_blocks, source_notes, previous = [], [], [], None
    for block in (b for b in blocks if b not in note_blocks and b != notes_heading):
        if previous and "table" in previous:             # a table's rows follow its caption,
            table_blocks.append(block)                   # and its source note (if printed) the rows
            previous = "note" if previous.get("table_note") else None
            continue
        if previous == "note":
            source_notes.append(block)
            previous = None
            continue
        paragraph_blocks.append(block)
        previous = exported["paragraphs"][len(paragraph_blocks) - 1]
    assert source_notes == [p["table_note"] for p in exported["paragraphs"] if p.get("table_note")]
    assert len(source_notes) == (1 if text_id == "mongolia" else 0)    # 表1's 资料来源 (raw line 1303)
    assert [MARKER.sub("", b) for b in paragraph_blocks] == [p["text"] for p in exported["paragraphs"]]
    assert table_blocks == ["\n".join("\t".join(re.sub(r"\{n(\d+)\}", r"〔注\1〕", c).replace("\n", " / ") for c in row)
                                      for row in p["table"]) for p in exported["paragraphs"] if "table" in p]
    assert sorted(MARKER.sub("", b, count=1) for b in note_blocks) == sorted(n["text"] for n in exported["notes"])
    text = raw.decode("utf-8")
    assert text.count("〔注") == 2 * len(exported["notes"])            # marker and note
    page = "頁" if script == "hant" else "页"
    assert len(re.findall(rf"〔第\d+{page}〕", text)) == COUNTS[text_id]["pages"]
    assert not re.search("〔第\\d+" + ("页" if script == "hant" else "頁"), text)


def test_notes_follow_their_chapter(site):
    exported = export_of(site, "manchuria", "hant")
    text = (site / "data" / "manchuria.hant.txt").read_text(encoding="utf-8")
    blocks = [re.sub(r"〔第\d+頁〕", "", b) for b in text.split("\n\n")]
    first_chapter = blocks[:blocks.index("第二章")]
    chapter_of = {p["id"]: p["chapter"] for p in exported["paragraphs"]}
    expected = [f"〔注{n['label']}〕" for n in exported["notes"] if chapter_of[n["ref"]["paragraph"]] == "introduction"]
    notes = first_chapter[first_chapter.index("注釋") + 1:]
    assert [re.match(r"〔注\d+〕", b).group() for b in notes] == expected and len(expected) > 10


def test_page_markers_follow_the_setting():
    from edition.exports.plaintext import plain_text
    exported = {"script": "hans", "chapters": [{"id": "c", "label": "", "title": "", "sections": []}],
                "paragraphs": [{"id": "p0001", "chapter": "c", "kind": "body", "text": "甲乙",
                                "page_breaks": [{"offset": 1, "page": 7}]}],
                "notes": [{"id": "n1", "label": "1", "text": "注文", "ref": {"paragraph": "p0001", "offset": 2}}]}
    assert plain_text(exported) == "甲〔第7页〕乙〔注1〕\n\n注释\n\n〔注1〕注文\n"
    assert plain_text(exported, page_markers=False) == "甲乙〔注1〕\n\n注释\n\n〔注1〕注文\n"
