"""The downloads (edition/site/downloads.py): every file of site/data/ listed with its size and purpose,
on the downloads page and on each text's home."""
import re

import pytest

from edition.core.errors import EditionError


def expected_size(size: int) -> str:
    return f"{size} B" if size < 1000 else f"{round(size / 1000)} KB" if size < 1_000_000 else f"{size / 1e6:.1f} MB"


def test_downloads_page_lists_every_file_with_size_and_purpose(site):
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    files = sorted(p for p in (site / "data").iterdir() if p.is_file() and p.name != "index.html")
    assert len(files) == 2 * 2 * 6 + 1      # per text and script: TEI, TXT, JSON, BibTeX, RIS, CSL-JSON
    folders = [p for p in (site / "data").iterdir() if p.is_dir()]   # per-chapter citations, offered on chapter pages
    assert sorted(p.name for p in folders) == ["manchuria", "mongolia"]
    assert all(f.suffix in (".bib", ".ris", ".json") for folder in folders for f in folder.iterdir())
    for path in files:
        row = re.search(rf'<tr><td><a href="{re.escape(path.name)}" download>.*?</tr>', page, re.S)
        assert row, path.name
        assert f'<td class="size">{expected_size(path.stat().st_size)}</td>' in row.group()
        assert re.search(r'<p class="purpose" lang="zh-Hant">[^<]{8,}</p>'
                         r'<p class="purpose" lang="zh-Hans">[^<]{8,}</p>', row.group())


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_each_text_home_lists_its_formats_with_sizes(site, script):
    for text_id in ("manchuria", "mongolia"):
        home = (site / script / text_id / "index.html").read_text(encoding="utf-8")
        listed = dict(re.findall(r'<a href="\.\./\.\./data/([^"]+)" download>[^<]+</a> '
                                 r'<span class="ed-size">([^<]+)</span>：[^<]{8,}</li>', home))
        expected = [f"{text_id}.{script}.{ext}" for ext in ("tei.xml", "txt", "json", "bib", "ris", "csl.json")]
        assert sorted(listed) == sorted(expected)
        for name, size in listed.items():
            assert size == expected_size((site / "data" / name).stat().st_size)
        assert '<a href="../../data/index.html">' in home


def test_a_file_the_downloads_page_does_not_describe_stops_the_build(tmp_path):
    from types import SimpleNamespace

    from edition.site.downloads import write_downloads_page
    from edition.site.mkdocs_build import TEMPLATES
    from edition.site.strings import load_strings
    for name in ["x.hant.tei.xml", "x.hant.txt", "x.hant.json", "x.hans.tei.xml", "x.hans.txt", "x.hans.json",
                 "x.hant.bib", "x.hant.ris", "x.hant.csl.json", "x.hans.bib", "x.hans.ris", "x.hans.csl.json",
                 "glossary.json"]:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    text = SimpleNamespace(source=SimpleNamespace(id="x", title="<b>標題</b>", script="hant"))
    templates = TEMPLATES
    write_downloads_page(templates, load_strings(templates), {"hant": "版", "hans": "版"}, [text], tmp_path)
    assert "&lt;b&gt;標題&lt;/b&gt;" in (tmp_path / "index.html").read_text(encoding="utf-8")
    (tmp_path / "stray.csv").write_text("", encoding="utf-8")
    with pytest.raises(EditionError, match="stray.csv"):
        write_downloads_page(templates, load_strings(templates), {"hant": "版", "hans": "版"}, [text], tmp_path)
