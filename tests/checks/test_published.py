"""Conservation on what readers get (edition/checks/published.py).

The real build passes; then the built pages and exports are damaged in a temporary copy, one way
at a time, and the check must name the raw line that holds the lost or doubled text and say
what is wrong. Each case states the raw line it expects and a piece of text that line holds,
so the expectation is checked against the raw file, not taken from the pipeline. The model's
own raw order (checks/conservation.raw_order): tests/checks/test_conservation.py; a build whose
pages an editor's hook damages: tests/e2e/test_published.py."""
import json
import re
import shutil

import pytest

from edition.build import Timer, load_texts
from edition.checks.conservation import squeeze
from edition.checks.published import conservation_problems, published_problems
from edition.text.conversion import edition_in
from tests.conftest import SOURCES


@pytest.fixture(scope="module")
def editions():
    """Each script's edition as the build renders it, the texts in their own script, the logs."""
    anchored = load_texts(SOURCES, Timer())
    by_script = {script: edition_in(script, anchored) for script in ("hant", "hans")}
    return by_script, {text.source.id: text for text in anchored.texts}


def raw_line(text_id: str, number: int) -> str:
    return squeeze((SOURCES / f"{text_id}.txt").read_text(encoding="utf-8").split("\n")[number - 1])


def test_the_built_site_and_exports_hold_every_raw_character_in_order(site, editions):
    by_script, originals = editions
    for script, (edition, logs) in by_script.items():
        assert conservation_problems(edition, originals, logs, site / script, site / "data") == []


def test_the_table_source_note_is_on_the_page_in_both_scripts(site):
    """The loss that started issue 9: 表1's source note (raw line 1303) was on no page."""
    for script, words in (("hans", "资料来源"), ("hant", "資料來源")):
        page = (site / script / "mongolia" / "aftermath" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<p class="ed-table-source">{words}', page)


# (what is damaged, script, page or export, pattern, replacement, raw line, text on that line, message)
DAMAGE = [
    ("a dropped table source note", "hans", "mongolia/aftermath", r'<p class="ed-table-source">.*?</p>', "",
     1303, "资料来源", "table p0044: source note '资料来源"),
    ("a dropped table source note, converted site", "hant", "mongolia/aftermath", r'<p class="ed-table-source">.*?</p>',
     "", 1303, "资料来源", "table p0044: source note '資料來源"),
    ("a duplicated paragraph", "hant", "manchuria/introduction", r'(<p id="p0010".*?</p>)', r"\1\1",
     121, "檢視各國研究這段歷史", "paragraph p0010 appears 2 times"),
    ("a duplicated paragraph under a new anchor", "hant", "manchuria/introduction", r'(<p id="p0010"(.*?</p>))',
     r'\1<p id="p9999"\2', 121, "檢視各國研究這段歷史", "paragraph p9999 '檢視各國研究這段歷史"),
    ("a duplicated line inside a paragraph", "hans", "mongolia/yalta", r'(<p id="p0010"[^>]*>)([^<]{20})', r"\1\2\2",
     206, "对蒙古人民共和国的存在", "paragraph p0010 has extra '对蒙古人民共和国的存在"),
    ("a dropped cell", "hant", "manchuria/preparations", r"<td>蔣經國</td>", "<td></td>",
     5032, "蔣經國", "table p0254: row 4, column 5 '蔣經國' is missing"),
    ("a dropped note", "hant", "manchuria/introduction", r'<li id="n5".*?</li>', "",
     387, "5林碧炤", "note n5 is missing"),
    ("words dropped from a note, converted site", "hant", "mongolia/yalta",
     r'(<li id="n10"[^>]*><p>[^<]{10})[^<]{6}', r"\1", 177, "外蒙古撤治问题》，台北", "note n10 lacks '問題》，臺北'"),
    ("a page marker left as text", "hant", "manchuria/introduction",
     r'<a class="ed-page" href="#page-4"[^>]*><span aria-hidden="true">(\[4\])</span></a>', r"\1",
     97, "盟條約》。蘇聯", "paragraph p0009 has extra '[4]'"),
    ("a paragraph of the front matter dropped", "hans", "mongolia", r'<p id="p0002".*?</p>', "",
     9, "尤淑君", "paragraph p0002 is missing"),
]


@pytest.fixture
def damageable(site, tmp_path):
    """A copy of the built texts' pages and the data exports, to be damaged freely."""
    copy = tmp_path / "site"
    for script in ("hant", "hans"):
        for text_id in ("manchuria", "mongolia"):
            shutil.copytree(site / script / text_id, copy / script / text_id)
    (copy / "data").mkdir()
    for export in (site / "data").glob("*.json"):
        shutil.copy(export, copy / "data" / export.name)
    return copy


@pytest.mark.parametrize("what, script, page, pattern, replacement, line, holds, message", DAMAGE,
                         ids=[d[0] for d in DAMAGE])
def test_damaged_pages_fail_naming_the_raw_line(damageable, editions, what, script, page, pattern, replacement, line,
                                                holds, message):
    text_id = page.split("/")[0]
    assert holds in raw_line(text_id, line)
    path = damageable / script / page / "index.html"
    before = path.read_text(encoding="utf-8")
    damaged = re.sub(pattern, replacement, before, count=1, flags=re.S)
    assert damaged != before
    path.write_text(damaged, encoding="utf-8")
    edition, _ = editions[0][script]
    problems = [str(p) for p in published_problems(edition, editions[1], damageable / script, damageable / "data")]
    assert len(problems) == 1 and problems[0].startswith(f"sources/{text_id}.txt:{line}: {script}/{page}/"), problems
    assert message in problems[0]


@pytest.mark.parametrize("field", ["source_note", "notes"])
def test_a_damaged_export_fails_naming_the_raw_line(damageable, editions, field):
    export = damageable / "data" / "mongolia.hans.json"
    data = json.loads(export.read_text(encoding="utf-8"))
    if field == "source_note":
        del next(p for p in data["paragraphs"] if p.get("table"))["table_note"]
        where, message = "sources/mongolia.txt:1303", "table p0044: source note"
    else:
        data["notes"] = data["notes"][:4] + data["notes"][5:]
        where, message = "sources/mongolia.txt:", "note n5 is missing"
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    problems = [str(p) for p in published_problems(editions[0]["hans"][0], editions[1], damageable / "hans",
                                                   damageable / "data")]
    assert len(problems) == 1 and problems[0].startswith(f"{where}") and "data/mongolia.hans.json" in problems[0], \
        problems
    assert message in problems[0]


def test_a_note_whose_marker_the_page_dropped_is_named_at_its_line(tmp_path):
    """A note listed on a page must have its one marker there, where its ↩ lands (found on
    aigun-1858: a heading's marker dropped by the page, its note's way back leading nowhere)."""
    from edition.checks.published import marker_problems
    from edition.core.model import Note

    class Lines:     # the notes' raw lines
        @staticmethod
        def line(anchor: str) -> str:
            return f"sources/t.txt:{ {'n1': 10, 'n2': 20}[anchor]}"
    page = tmp_path / "index.html"
    notes = [Note(1, 1, 1, "甲。", (10,), 10), Note(2, 2, 1, "乙。", (20,), 20)]
    page.write_text('<h1>一、緣起<sup id="nref1" class="ed-nref"><a href="#n1">1</a></sup></h1>'
                    '<li id="n1"></li><li id="n2"></li>', encoding="utf-8")
    assert [str(p) for p in marker_problems(page, notes, Lines(), "hant/t/c1/")] == [
        "sources/t.txt:20: hant/t/c1/: note n2 has 0 markers on its page, not one"]
    page.write_text('<p>甲<sup id="nref1">1</sup>乙<sup id="nref2">2</sup></p>', encoding="utf-8")
    assert marker_problems(page, notes, Lines(), "hant/t/c1/") == []
