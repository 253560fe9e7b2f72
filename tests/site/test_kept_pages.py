"""edition/site/kept_pages.py: a page kept from the last build is used only while everything it is
made from is unchanged. The oracle is MkDocs itself: the same docs built with no store at all."""
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from edition.site.docs import switch
from edition.site.kept_pages import _known_extension
from edition.site.mkdocs_build import build_one, script_config

PAGES = {
    "index.md": "# 首頁\n\n見[乙](b.md#x)。\n",
    "a.md": "# 甲\n\n甲文。\n\n[乙之節](b.md#x)\n",
    "b.md": "# 乙\n\n乙文。\n\n## 節 {#x}\n\n內容。\n",
    "glossary/c.md": "# 丙\n\n不在目錄。\n",
}
NAV = [{"首頁": "index.md"}, "a.md", "b.md"]      # a and b titled by their first heading


def project(tmp_path: Path, pages: dict, hooks: str = "") -> Path:
    folder = tmp_path / "p"
    shutil.rmtree(folder / "docs", ignore_errors=True)
    shutil.rmtree(folder / "site", ignore_errors=True)
    for name, text in pages.items():
        (folder / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: x\nstrict: true\ntheme:\n  name: material\n"
                                       f"validation:\n  anchors: warn\n{hooks}", encoding="utf-8")
    return folder


def build(folder: Path, work: Path) -> list[str]:
    settings = script_config("hant", switch("hant", ""), "試", folder / "docs", folder / "site", NAV, "", work,
                             {"edition_pages": {}})
    return build_one(folder / "mkdocs.yml", settings)


def site_of(folder: Path) -> dict:
    return {p.relative_to(folder / "site").as_posix(): p.read_bytes()
            for p in sorted((folder / "site").rglob("*")) if p.is_file()}


def cold(tmp_path: Path, pages: dict) -> dict:
    """The site MkDocs makes of `pages` with nothing kept."""
    folder = project(tmp_path / "cold", pages)
    assert build(folder, tmp_path / "cold" / "work") == []
    return site_of(folder)


def store(work: Path) -> Path:
    return work / "pages" / "hant.json"


def mark_html(work: Path, marker: str) -> int:
    """Every finished page in the store replaced by `marker`; how many there were."""
    data = json.loads(store(work).read_text(encoding="utf-8"))
    html = [key for key, value in data["pages"].items()
            if isinstance(value, str) and value.lstrip().startswith("<!doctype")]
    data["pages"].update({key: marker for key in html})
    store(work).write_text(json.dumps(data), encoding="utf-8")
    return len(html)


def test_a_kept_page_is_used_until_what_it_is_made_from_changes(tmp_path):
    work = tmp_path / "work"
    folder = project(tmp_path, PAGES)
    assert build(folder, work) == []
    assert site_of(folder) == cold(tmp_path, PAGES)
    assert mark_html(work, "<p>KEPT</p>") == 4

    assert build(project(tmp_path, PAGES), work) == []          # nothing changed: every page as kept
    built = site_of(folder)
    assert {name for name, data in built.items() if data == b"<p>KEPT</p>"} == {
        "index.html", "a/index.html", "b/index.html", "glossary/c/index.html"}

    changed = {**PAGES, "glossary/c.md": "# 丙\n\n改了。\n"}     # one page's text: that page alone
    assert build(project(tmp_path, changed), work) == []
    built, expected = site_of(folder), cold(tmp_path, changed)
    assert built["glossary/c/index.html"] == expected["glossary/c/index.html"]
    assert built["a/index.html"] == b"<p>KEPT</p>"

    retitled = {**changed, "b.md": PAGES["b.md"].replace("# 乙", "# 乙二")}   # a title every page prints
    assert build(project(tmp_path, retitled), work) == []
    assert site_of(folder) == cold(tmp_path, retitled)


def test_a_page_is_kept_while_the_files_it_links_to_are_as_they_were(tmp_path):
    work = tmp_path / "work"
    assert build(project(tmp_path, PAGES), work) == []
    mark_html(work, "<p>KEPT</p>")
    added = {**PAGES, "glossary/d.md": "# 丁\n"}     # a page no page links to, outside the navigation
    assert build(project(tmp_path, added), work) == []
    built = site_of(tmp_path / "p")
    assert built["glossary/d/index.html"] == cold(tmp_path, added)["glossary/d/index.html"]
    assert all(built[name] == b"<p>KEPT</p>" for name in ("index.html", "a/index.html", "b/index.html"))

    linking = {**added, "a.md": PAGES["a.md"] + "\n[丙](glossary/c.md)\n"}
    assert build(project(tmp_path, linking), work) == []
    gone = {name: text for name, text in linking.items() if name != "glossary/c.md"}   # a.md as it was
    warnings = build(project(tmp_path, gone), work)
    assert any("glossary/c.md" in w and "a.md" in w for w in warnings), warnings


def test_a_link_into_a_changed_page_is_checked_again_though_the_linking_page_is_kept(tmp_path):
    work = tmp_path / "work"
    assert build(project(tmp_path, PAGES), work) == []
    without = {**PAGES, "b.md": "# 乙\n\n乙文。\n"}       # the anchor a.md and index.md link to is gone
    warnings = build(project(tmp_path, without), work)
    assert any("b.md#x" in w and "a.md" in w for w in warnings), warnings
    assert any("b.md#x" in w and "index.md" in w for w in warnings), warnings


def test_a_page_that_warned_is_not_kept(tmp_path):
    work = tmp_path / "work"
    broken = {**PAGES, "a.md": "# 甲\n\n[無](nowhere.md)\n"}
    assert any("nowhere.md" in w for w in build(project(tmp_path, broken), work))
    assert not store(work).exists()
    assert any("nowhere.md" in w for w in build(project(tmp_path, broken), work))


def damaged(value, damage: str):
    """A kept page's value with every field of another shape, or with one field's inner items so."""
    if not isinstance(value, dict):
        return {"html": value}
    if damage == "{{key}} values":
        return {"content": 1, "toc": "x", "title": [], "anchors": 5, "links": [], "lookups": 3}
    if damage == "{{key}} toc":          # found by review: get_toc takes any token, AnchorLink.url fails later
        return {**value, "toc": [{"level": 1, "id": 5, "name": "x", "children": []}]}
    return {**value, "links": {"b.md": {"x": 5}}, "lookups": {"b.md": 7}}


@pytest.mark.parametrize("damage", ["not json", "[]", '{"key": 1}', "{{key}}", "[" * 100000, "{{key}} values",
                                    "{{key}} toc", "{{key}} links"])
def test_a_damaged_store_gives_the_pages_mkdocs_makes(tmp_path, damage):
    work = tmp_path / "work"
    assert build(project(tmp_path, PAGES), work) == []
    data = json.loads(store(work).read_text(encoding="utf-8"))
    if damage.startswith("{{key}} "):     # the right key, values of another shape
        data["pages"] = {key: damaged(value, damage) for key, value in data["pages"].items()}
        text = json.dumps(data)
    else:
        text = damage.replace("{{key}}", json.dumps({"key": data["key"]}))
    store(work).write_text(text, encoding="utf-8")
    assert build(project(tmp_path, PAGES), work) == []
    assert site_of(tmp_path / "p") == cold(tmp_path, PAGES)


def test_a_store_holding_a_lone_surrogate_stops_no_build(tmp_path):
    """Found by review: JSON may hold a lone surrogate, which UTF-8 cannot; writing the store failed."""
    work = tmp_path / "work"
    assert build(project(tmp_path, PAGES), work) == []
    data = json.loads(store(work).read_text(encoding="utf-8"))
    data["pages"] = {key: {**value, "content": "\ud800"} for key, value in data["pages"].items()
                     if isinstance(value, dict)}         # no page's HTML: each is rendered and kept again
    store(work).write_text(json.dumps(data), encoding="utf-8")
    assert build(project(tmp_path, PAGES), work) == []
    assert build(project(tmp_path, {**PAGES, "a.md": "# 甲\n"}), work) == []


def test_another_pages_metadata_printed_in_the_navigation_makes_every_page_again(tmp_path):
    """Found by review: Material prints each navigation item's subtitle, icon and status."""
    work = tmp_path / "work"
    one = {**PAGES, "b.md": "---\nsubtitle: ONE\n---\n" + PAGES["b.md"]}
    assert build(project(tmp_path, one), work) == []
    two = {**PAGES, "b.md": "---\nsubtitle: TWO\n---\n" + PAGES["b.md"]}
    assert build(project(tmp_path, two), work) == []
    assert site_of(tmp_path / "p") == cold(tmp_path, two)


@pytest.mark.parametrize("extension, known", [
    ("toc", True), ("markdown.extensions.tables", True), ("pymdownx.superfences", True),
    ("pymdownx.blocks.admonition", True), ("pymdownx.snippets", False), ("pymdownx.b64", False),
    ("pymdownx.snippets:SnippetExtension", False), ("markdown.extensions.toc:TocExtension", True),
    ("material.extensions.emoji", False), ("their_own", False), (3, False)])
def test_only_extensions_that_read_the_page_alone_let_pages_be_kept(extension, known):
    assert _known_extension(extension) is known


def test_a_site_with_the_editors_own_hook_keeps_nothing(tmp_path):
    hook = tmp_path / "p" / "their_hook.py"
    hook.parent.mkdir(parents=True)
    hook.write_text("def on_page_content(html, page, config, files):\n    return html + '<p>theirs</p>'\n",
                    encoding="utf-8")
    work = tmp_path / "work"
    assert build(project(tmp_path, PAGES, hooks="hooks:\n  - their_hook.py\n"), work) == []
    assert not store(work).exists()
    assert b"<p>theirs</p>" in site_of(tmp_path / "p")["a/index.html"]


# Random edits, built one after another with the store and each compared with MkDocs' build of the
# same docs with nothing kept: the same warnings, or the same site to the byte.
EDITS = st.lists(st.one_of(
    st.tuples(st.just("text"), st.sampled_from(["index.md", "a.md", "b.md", "glossary/c.md"]),
              st.text(alphabet="甲乙丙丁文字", min_size=1, max_size=4)),
    st.tuples(st.just("title"), st.sampled_from(["a.md", "b.md", "glossary/c.md"]),
              st.text(alphabet="甲乙丙丁", min_size=1, max_size=3)),
    st.tuples(st.just("anchor"), st.just("b.md"), st.booleans()),
    st.tuples(st.just("link"), st.just("a.md"), st.sampled_from(["b.md#x", "glossary/c.md", "glossary/d.md", ""])),
    st.tuples(st.just("page"), st.just("glossary/d.md"), st.booleans())), min_size=4, max_size=5)


def edited(pages: dict, edit: tuple) -> dict:
    kind, name, value = edit
    pages = dict(pages)
    if kind == "page":
        pages.pop(name, None)
        pages.update({name: "# 丁\n"} if value else {})
        return pages
    title, _, rest = pages[name].partition("\n")
    if kind == "text":
        rest = rest + f"\n{value}\n"
    elif kind == "title":
        title = f"# {value}"
    elif kind == "anchor":
        rest = rest.replace("\n## 節 {#x}\n", "\n") + ("\n## 節 {#x}\n" if value else "")
    else:
        rest = re.sub(r"\n\[連\]\([^)]*\)\n", "\n", rest) + (f"\n[連]({value})\n" if value else "")
    pages[name] = f"{title}\n{rest}"
    return pages


# Each kind of edit at least once, in an order where each can matter: then a few random sequences
# (not shrunk: a failing sequence is short already, and shrinking rebuilds hundreds of times).
@settings(max_examples=2, derandomize=True, phases=[Phase.explicit, Phase.generate])
@given(EDITS)
@example([("title", "b.md", "丙"), ("link", "a.md", "glossary/d.md"), ("page", "glossary/d.md", True),
          ("anchor", "b.md", False), ("text", "glossary/c.md", "丁"), ("page", "glossary/d.md", False)])
def test_any_edits_built_in_turn_give_what_mkdocs_makes_with_nothing_kept(edits):
    with tempfile.TemporaryDirectory() as folder:
        tmp_path, pages = Path(folder), dict(PAGES)
        build(project(tmp_path, pages), tmp_path / "work")
        for edit in edits:
            pages = edited(pages, edit)
            warnings = build(project(tmp_path, pages), tmp_path / "work")
            expected_folder = project(tmp_path / "cold", pages)
            expected_warnings = build(expected_folder, tmp_path / "cold" / "work")
            shutil.rmtree(tmp_path / "cold" / "work")
            assert sorted(warnings) == sorted(expected_warnings), edit
            if not warnings:
                assert site_of(tmp_path / "p") == site_of(expected_folder), edit
