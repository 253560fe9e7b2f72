"""Nothing says "two" (issue 19 item 7): the interface, the 凡例, the home and landing pages hold for
any number of texts and any work type, and say whose pages a page marker counts by the text's type,
not "非期刊頁碼" for every article. Checked with a third text made from the article (a report, and a
journal article whose journal pages are declared)."""
import re
from dataclasses import replace
from types import SimpleNamespace

from edition.core.model import ScriptEdition
from edition.site.navigation import write_root_page
from edition.site.principles import principles_page
from edition.site.strings import load_strings
from tests.conftest import ROOT

TEMPLATES = ROOT / "templates"


def test_the_interface_says_two_only_of_scripts_and_converters():
    """兩種/两种 may count the two scripts (字體, 版本) or the two converters; never texts."""
    files = [TEMPLATES / "strings.yml", *sorted((TEMPLATES / "pages").glob("*.j2"))]
    for path in files:
        for match in re.finditer(r"[兩两][種种](.{0,3})", path.read_text(encoding="utf-8")):
            assert match.group(1).startswith(("字體", "字体", "版本", "轉換器", "转换器")), (path.name, match.group())


def third_text(text, text_id: str, title: str, **metadata):
    return replace(text, source=replace(text.source, id=text_id, title=title, metadata=metadata))


def test_the_principles_say_whose_pages_each_text_counts(built):
    mongolia = built["mongolia"]
    report = third_text(mongolia, "memo", "东北接收工作纪要", type="report", publisher="示例出版者", year=1946)
    journal = third_text(mongolia, "paged", "有刊物頁碼的論文", type="article-journal", journal="近代史研究",
                         year=2001, pages="79-95")
    strings = load_strings(TEMPLATES)["hant"]
    edition = ScriptEdition("hant", "t", (built["manchuria"], mongolia, report, journal))
    page = principles_page(TEMPLATES, edition, {}, strings)
    lines = {line.split("：", 1)[0].lstrip("- "): line for line in page.splitlines() if "頁碼標記即" in line}
    assert "「原論文第N頁」" in lines["1945年中華民國與蘇聯的東北問題交涉"]
    assert "「本文第N頁（非期刊頁碼）」" in lines["蒋介石与1945-1952年的外蒙古独立问题"]
    assert "「原報告第N頁」" in lines["东北接收工作纪要"]
    assert "「原刊第N頁」" in lines["有刊物頁碼的論文"]
    assert "兩種" not in page and "論文一致" not in page


def test_the_landing_page_names_each_text_by_its_type(config, tmp_path):
    texts = [SimpleNamespace(source=source) for source in config.texts]
    memo = replace(config.texts[1], id="memo", title="东北接收工作纪要",
                   metadata={"type": "report", "publisher": "示例出版者", "year": 1946})
    write_root_page(config, (*texts, SimpleNamespace(source=memo)), tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "东北接收工作纪要</span></a>（報告，原以簡體寫成）" in page
    assert "东北接收工作纪要</span></a>（报告，原以简体写成）" in page
    assert "（碩士學位論文，原以繁體寫成；題名為編者所擬）" in page    # the seeds as before
    interface = page.replace(config.title["hant"], "").replace(config.title["hans"], "")   # the editors' title
    assert "兩種" not in interface and "两种" not in interface
