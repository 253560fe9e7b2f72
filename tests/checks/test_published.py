"""Conservation on what readers get (edition/published.py, audit.raw_order).

The real build passes; then the built pages and exports are damaged in a temporary copy, one way
at a time, and the check must name the raw line that holds the lost or doubled text and say
what is wrong. Each case states the raw line it expects and a piece of text that line holds,
so the expectation is checked against the raw file, not taken from the pipeline. Last, an
editor's MkDocs hook that damages the pages fails the whole build."""
import json
import re
import shutil
from dataclasses import replace

import pytest

from edition.build import Timer, build, edition_in, load_texts
from edition.checks.conservation import raw_order, squeeze
from edition.checks.published import conservation_problems, published_problems
from edition.core.errors import EditionError
from tests.conftest import SOURCES, copy_project


@pytest.fixture(scope="module")
def editions():
    """Each script's edition as the build renders it, the texts in their own script, the logs."""
    config, texts, _, overrides, _ = load_texts(SOURCES, Timer())
    by_script = {script: edition_in(script, config, texts, overrides) for script in ("hant", "hans")}
    return by_script, {text.source.id: text for text in texts}


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
    ("words dropped from a note, converted site", "hant", "mongolia/yalta", r'(<li id="n10"[^>]*><p>[^<]{10})[^<]{6}', r"\1",
     177, "外蒙古撤治问题》，台北", "note n10 lacks '問題》，臺北'"),
    ("a page marker left as text", "hant", "manchuria/introduction", r'<a class="ed-page" href="#page-4"[^>]*><span aria-hidden="true">(\[4\])</span></a>', r"\1",
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


@pytest.mark.parametrize("what, script, page, pattern, replacement, line, holds, message", DAMAGE, ids=[d[0] for d in DAMAGE])
def test_damaged_pages_fail_naming_the_raw_line(damageable, editions, what, script, page, pattern, replacement, line, holds,
                                                message):
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
    problems = [str(p) for p in published_problems(editions[0]["hans"][0], editions[1], damageable / "hans", damageable / "data")]
    assert len(problems) == 1 and problems[0].startswith(f"{where}") and "data/mongolia.hans.json" in problems[0], problems
    assert message in problems[0]


def damaged_paragraph(text, anchor: str, change):
    chapters = tuple(replace(c, paragraphs=tuple(replace(p, text=change(p.text)) if p.anchor == anchor else p
                                                 for p in c.paragraphs)) for c in text.chapters)
    return replace(text, chapters=chapters)


def test_the_model_holds_the_raw_text_in_raw_order(built):
    assert raw_order(built["manchuria"], {}) == [] and raw_order(built["mongolia"], {}) == []


def test_a_character_lost_from_the_model_is_named_by_raw_line_and_column(built):
    text = built["manchuria"]
    p5 = next(p for p in text.paragraphs if p.anchor == "p0005")
    lost = p5.text.index("Union") + 1                 # the 'n' of Union, raw line 15
    problems = [str(p) for p in raw_order(damaged_paragraph(text, "p0005", lambda t: t[:lost] + t[lost + 1:]), {})]
    column = (SOURCES / "manchuria.txt").read_text(encoding="utf-8").split("\n")[14].index("Union") + 2
    assert problems == [f"sources/manchuria.txt:15:{column}: text: the edition (p0005) lacks 'n' (in raw order)"]


def test_a_swapped_paragraph_order_fails_although_every_character_is_kept(built):
    text = built["mongolia"]
    chapter = text.chapters[2]
    swapped = chapter.paragraphs[:2] + (chapter.paragraphs[3], chapter.paragraphs[2]) + chapter.paragraphs[4:]
    damaged = replace(text, chapters=text.chapters[:2] + (replace(chapter, paragraphs=swapped),) + text.chapters[3:])
    problems = raw_order(damaged, {})
    assert len(problems) == 1 and problems[0].where.startswith("sources/mongolia.txt:")


def test_a_change_nobody_audited_fails(built):
    """A glyph repair that the audit does not record, and a name form nobody declared."""
    text = built["manchuria"]
    assert raw_line("manchuria", 15).startswith("蘇聯（Union")
    problems = raw_order(damaged_paragraph(text, "p0005", lambda t: t.replace("蘇聯", "苏聯", 1)), {})
    column = (SOURCES / "manchuria.txt").read_text(encoding="utf-8").split("\n")[14].index("蘇聯") + 1
    assert [p.where for p in problems] == [f"sources/manchuria.txt:15:{column}"] and "has '苏聯" in problems[0].message
    mongolia = built["mongolia"]
    renamed = damaged_paragraph(mongolia, "p0007", lambda t: t.replace("吉田丰子", "吉田豊子"))
    assert len(raw_order(renamed, {})) == 1 and raw_order(renamed, {"吉田丰子": "吉田豊子"}) == []


HOOK = '''import re
def on_page_content(html, page, config, files):
    """An editor's hook that damages the text: drops 表1's source note, doubles a paragraph."""
    html = re.sub(r'<p class="ed-table-source">.*?</p>', "", html)
    return re.sub(r'(<p id="p0050".*?</p>)', r"\\1\\1", html, flags=re.S)
'''


def test_a_build_whose_pages_lose_text_fails_and_publishes_nothing(tmp_path):
    project = copy_project(tmp_path)
    (project / "damage.py").write_text(HOOK, encoding="utf-8")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8") + "hooks:\n  - damage.py\n", encoding="utf-8")
    with pytest.raises(EditionError) as error:
        build(project / "sources", project)
    report = error.value.report()
    for script in ("hant", "hans"):
        assert f"sources/mongolia.txt:1303: {script}/mongolia/aftermath/: table p0044: source note" in report
        assert re.search(rf"sources/mongolia.txt:\d+: {script}/mongolia/conclusion/: paragraph p0050 appears 2 times", report)
    assert not (project / "site").exists()
