"""Glossary pages and glossary.json (edition/site/glossary_pages.py): the export against its schema,
entry pages with the forms that occur, links between entries and paragraphs."""
import json

import jsonschema

from tests.conftest import SCHEMAS


def test_glossary_export(site):
    data = json.loads((site / "data" / "glossary.json").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "glossary-export.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    stalin = next(e for e in data["entries"] if e["id"] == "stalin")
    assert {"史達林", "斯大林", "史达林"} <= set(stalin["forms"]) and stalin["wikidata"] == "Q855"
    assert stalin["counts"]["manchuria"] > 50 and stalin["counts"]["mongolia"] > 20


def test_entry_page_lists_only_forms_that_occur(site):
    page = (site / "hant" / "glossary" / "wang-shijie" / "index.html").read_text(encoding="utf-8")
    forms = page.split("文中用名</th><td>")[1].split("</td>")[0]
    assert forms.startswith("王世杰（學位論文 ") and "期刊論文 " in forms and "王世傑" not in page


def test_glossary_pages_link_back_to_paragraphs(site):
    page = (site / "hant" / "glossary" / "stalin" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../manchuria/before-moscow/#p0' in page and "Q855" in page
    chapter = (site / "hans" / "manchuria" / "before-moscow" / "index.html").read_text(encoding="utf-8")
    assert 'class="ed-term" href="../../glossary/stalin/"' in chapter
    home = (site / "hant" / "index.html").read_text(encoding="utf-8")
    assert 'class="ed-events"' in home and 'href="glossary/sino-soviet-1945/"' in home   # the timeline
