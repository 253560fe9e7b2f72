"""The JSON exports (edition/exports/json_export.py) against the shared contract: design.md's schemas,
copied in tests/schema/."""
import json

import jsonschema
import pytest

from edition.exports.json_export import export_text
from tests.conftest import ROOT, SCHEMAS

SHARED_SCHEMAS = ROOT.parent / "shared" / "schema"   # tests/schema holds copies (checked below)


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_schema_copies_match_the_shared_contract():
    if not SHARED_SCHEMAS.is_dir():
        pytest.skip("../shared/schema is not beside this checkout")
    for path in SHARED_SCHEMAS.glob("*.json"):
        assert (SCHEMAS / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("text_id", ["manchuria", "mongolia"])
def test_export_follows_the_contract(built, text_id):
    data = export_text(built[text_id], built[text_id].source.script)
    jsonschema.validate(data, schema("text-export.schema.json"))
    paragraphs = {p["id"]: p for p in data["paragraphs"]}
    for note in data["notes"]:
        assert 0 <= note["ref"]["offset"] <= len(paragraphs[note["ref"]["paragraph"]]["text"])


def test_every_export_the_build_writes_follows_its_schema(site):
    """All four text/script files as written (mentions included, converted scripts too) and the glossary."""
    text_schema, glossary_schema = schema("text-export.schema.json"), schema("glossary-export.schema.json")
    written = sorted(p for p in (site / "data").glob("*.h*.json") if not p.name.endswith(".csl.json"))
    assert [p.name for p in written] == ["manchuria.hans.json", "manchuria.hant.json", "mongolia.hans.json",
                                         "mongolia.hant.json"]
    for path in written:
        data = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, text_schema)
        assert data["mentions"], f"{path.name} has no glossary mentions"
    jsonschema.validate(json.loads((site / "data" / "glossary.json").read_text(encoding="utf-8")), glossary_schema)


def test_exports_for_all_four_pairs_share_ids(site):
    for text in ("manchuria", "mongolia"):
        hant = json.loads((site / "data" / f"{text}.hant.json").read_text(encoding="utf-8"))
        hans = json.loads((site / "data" / f"{text}.hans.json").read_text(encoding="utf-8"))
        assert [p["id"] for p in hant["paragraphs"]] == [p["id"] for p in hans["paragraphs"]]
        assert [n["ref"] for n in hant["notes"]] == [n["ref"] for n in hans["notes"]]
        assert hant["script"] == "hant" and hans["script"] == "hans"
