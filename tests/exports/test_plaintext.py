"""The plain-text download (edition/exports/plaintext.py): the reading text of the JSON export with its
markers where they stood, the notes after their chapter."""
import json
import re

import pytest

FILES = [("manchuria", "hant"), ("manchuria", "hans"), ("mongolia", "hant"), ("mongolia", "hans")]
COUNTS = {"manchuria": {"notes": 320, "pages": 142}, "mongolia": {"notes": 145, "pages": 17}}  # from the issue


def export_of(site, text_id: str, script: str) -> dict:
    return json.loads((site / "data" / f"{text_id}.{script}.json").read_text(encoding="utf-8"))


MARKER = re.compile(r"〔注\d+〕|〔第\d+[頁页]〕|〔第\d+[頁页]注[①-⑳\d]+〕")
NOTE_MARKER = re.compile(r"〔注\d+〕|〔第\d+[頁页]注[①-⑳\d]+〕")


@pytest.mark.parametrize("text_id,script", FILES)
def test_plain_text_is_the_reading_text(site, text_id, script):
    raw = (site / "data" / f"{text_id}.{script}.txt").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    exported = export_of(site, text_id, script)
    header, *blocks = raw.decode("utf-8").rstrip("\n").split("\n\n")
    assert header.startswith(("題名：", "题名：")) and len(header.split("\n")) == 6
    notes_heading = "注釋" if script == "hant" else "注释"
    note_blocks = [b for b in blocks if NOTE_MARKER.match(b)]
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
    assert len(NOTE_MARKER.findall(text)) == 2 * len(exported["notes"])            # marker and note
    page = "頁" if script == "hant" else "页"
    assert len(re.findall(rf"〔第\d+{page}〕", text)) == COUNTS[text_id]["pages"]
    if text_id == "mongolia":     # per-page numbering: the note is marked as printed and cited
        assert f"〔第4{page}注⑥〕The United States, Foreign Relations" in text and "〔注27〕" not in text
    assert not re.search("〔第\\d+" + ("页" if script == "hant" else "頁"), text)


def test_notes_follow_their_chapter(site):
    exported = export_of(site, "manchuria", "hant")
    text = (site / "data" / "manchuria.hant.txt").read_text(encoding="utf-8")
    blocks = [re.sub(r"〔第\d+頁〕", "", b) for b in text.split("\n\n")]
    first_chapter = blocks[:blocks.index("第二章")]
    chapter_of = {p["id"]: p["chapter"] for p in exported["paragraphs"]}
    expected = [f"〔注{n['label']}〕" for n in exported["notes"] if chapter_of[n["ref"]["paragraph"]] == "introduction"]
    notes = first_chapter[first_chapter.index("注釋") + 1:]
    assert first_chapter[0].startswith("題名：[1945年中華民國與蘇聯的東北問題交涉]\n作者：佚名\n")
    assert [re.match(r"〔注\d+〕", b).group() for b in notes] == expected and len(expected) > 10


def test_page_markers_follow_the_setting():
    from edition.exports.plaintext import plain_text
    exported = {"script": "hans", "chapters": [{"id": "c", "label": "", "title": "", "sections": []}],
                "paragraphs": [{"id": "p0001", "chapter": "c", "kind": "body", "text": "甲乙",
                                "page_breaks": [{"offset": 1, "page": 7}]}],
                "notes": [{"id": "n1", "label": "1", "text": "注文", "ref": {"paragraph": "p0001", "offset": 2}}]}
    assert plain_text(exported) == "甲〔第7页〕乙〔注1〕\n\n注释\n\n〔注1〕注文\n"
    assert plain_text(exported, page_markers=False) == "甲乙〔注1〕\n\n注释\n\n〔注1〕注文\n"


@pytest.mark.parametrize("text_id,script", FILES)
def test_header_says_what_the_file_is(site, text_id, script):
    """Read from sources/edition.yml and the citation rules: title, author, the work as printed,
    the edition and its version, the rights, the address (site-relative: the build has no site_url)."""
    import yaml

    from tests.conftest import ROOT
    declared = {t["id"]: t for t in yaml.safe_load((ROOT / "sources" / "edition.yml").read_text(encoding="utf-8"))
                ["texts"]}[text_id]
    lines = (site / "data" / f"{text_id}.{script}.txt").read_text(encoding="utf-8").split("\n\n")[0].split("\n")
    fields = dict(line.split("：", 1) for line in lines)
    labels = {"hant": ("題名", "作者", "原作", "本版", "權利", "網址"),
              "hans": ("题名", "作者", "原作", "本版", "权利", "网址")}[script]
    assert tuple(fields) == labels
    assert fields[labels[1]] == (declared["author"] or "佚名")
    assert fields[labels[2]].startswith(f"{declared['author'] or '佚名'}. ") and ("[2005?]" in fields[labels[2]]) == (
        text_id == "manchuria")
    assert re.search(r"，第\d+版（\d{4}-\d{2}-\d{2}）$", fields[labels[3]])
    assert fields[labels[4]] == declared["rights"][script]
    assert fields[labels[5]] == f"{script}/{text_id}/"
