"""The search index (edition/site/search.py), read back in Python: its answers are checked against plain
substring search over the data exports, and its pieces against published reference values."""
import gzip
import json
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.site.search import Folder, edition_postings, fnv1a, folding_classes, indexed, variant_stems
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def fold():
    return Folder(folding_classes())


class Index:
    """A reader of one script's index, written independently of search.js from the format in
    edition/search.py's docstring."""

    def __init__(self, folder):
        self.folder = folder
        self.manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        self.buckets = {}

    def shard(self, key: str) -> dict:
        number = fnv1a(key) % self.manifest["buckets"]
        if number not in self.buckets:
            self.buckets[number] = json.loads((self.folder / "b" / f"{number}.json").read_text(encoding="utf-8"))
        return self.buckets[number]

    def positions(self, bigram: str) -> dict[int, set[int]]:
        codes, found, doc, i = self.shard(bigram)["b"].get(bigram, []), {}, 0, 0
        while i < len(codes):
            doc += codes[i]
            count = codes[i + 1]
            offsets = [codes[i + 2]]
            for gap in codes[i + 3:i + 2 + count]:
                offsets.append(offsets[-1] + gap)
            found[doc] = set(offsets)
            i += 2 + count
        return found

    def phrase(self, folded: str) -> set[int]:
        lists = [self.positions(folded[k:k + 2]) for k in range(len(folded) - 1)]
        return {doc for doc, starts in lists[0].items()
                if any(all(start + k in lst.get(doc, ()) for k, lst in enumerate(lists)) for start in starts)}

    def passage(self, doc: int) -> list:
        chunk = self.manifest["chunk"]
        return json.loads((self.folder / "d" / f"{doc // chunk}.json").read_text(encoding="utf-8"))[doc % chunk]


def exported_units(site, script: str) -> list[tuple[str, str, str]]:
    units = []
    for text_id in ("manchuria", "mongolia"):
        data = json.loads((site / "data" / f"{text_id}.{script}.json").read_text(encoding="utf-8"))
        units += [(text_id, unit["id"], unit["text"]) for unit in data["paragraphs"] + data["notes"]]
    return units


def test_fnv1a_matches_the_published_test_vectors():
    # FNV-1a 32-bit reference values (Fowler/Noll/Vo test suite); search.js computes the same hash
    assert fnv1a("") == 0x811C9DC5 and fnv1a("a") == 0xE40C292C and fnv1a("foobar") == 0xBF9CF968


@pytest.mark.parametrize("a, b", [("蔣經國", "蒋经国"), ("沿著", "沿着"), ("發", "髮"), ("發", "发"), ("臺灣", "台湾"),
                                  ("Yalta", "yalta"), ("後東升", "后东升")])
def test_both_scripts_fold_together(fold, a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [("蘇", "蒙"), ("雅爾達", "雅尔塔"), ("中長", "中东"), ("Ялта", "Yalta")])
def test_different_words_stay_apart(fold, a, b):
    assert fold(a) != fold(b)


def test_folding_keeps_every_offset(site, fold):
    for script in ("hant", "hans"):
        for _, _, text in exported_units(site, script):
            assert len(fold(text)) == len(text)


@pytest.mark.parametrize("forms, stems", [
    (["雅尔达会议", "雅尔塔会议"], [{"雅尔达", "雅尔塔"}]),
    (["彼得洛夫", "彼得罗夫"], [{"彼得洛", "彼得罗"}]),
    (["中苏条约", "中苏友好同盟条约"], []),           # different lengths: not a transliteration
    (["蒋中正", "蒋介石"], []),                     # two characters differ
    (["苏方案", "美方案"], []),                     # a one-character stem is never taken
    (["雅尔达", "雅尔塔"], []),                     # no shared ending: the forms themselves already group
])
def test_variant_stems(forms, stems):
    assert variant_stems(forms) == stems


@pytest.mark.parametrize("char, expected", [("中", True), ("9", True), ("a", True), ("，", False), (" ", False),
                                            ("《", False), ("・", False)])
def test_what_is_indexed(char, expected):
    assert indexed(char) is expected


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_phrases_find_exactly_the_passages_that_hold_them(site, fold, script):
    index = Index(site / script / "search")
    units = exported_units(site, script)
    random.seed(11)
    samples = ["中長鐵路", "中长铁路", "北塔山", "蔣經國", "雅爾達協定", "外蒙古獨立", "1945年8月", "Yalta"]
    for _ in range(40):                                    # and strings cut from the texts themselves
        text = random.choice(units)[2]
        start = random.randrange(max(1, len(text) - 6))
        samples.append(text[start:start + random.randint(2, 6)])
    for sample in samples:
        folded = fold(sample)
        if len(folded) < 2 or not all(indexed(c) for c in folded):
            continue
        expected = {(t, a) for t, a, text in units if folded in fold(text)}
        got = set()
        for doc in index.phrase(folded):
            record = index.passage(doc)
            text_id = index.manifest["chapters"][record[0]]["u"].split("/")[0]
            got.add((text_id, record[1]))
        assert got == expected, sample


def test_passages_are_every_paragraph_and_note_and_nothing_else(site):
    for script in ("hant", "hans"):
        index = Index(site / script / "search")
        last = index.manifest["texts"][-1]["end"]
        anchors = [(index.manifest["chapters"][r[0]]["u"].split("/")[0], r[1], r[3])
                   for r in (index.passage(doc) for doc in range(last))]
        assert sorted(anchors) == sorted(exported_units(site, script))
        assert all(re.fullmatch(r"p\d{4}|n\d+", anchor) for _, anchor, _ in anchors)
        assert not (site / script / "search" / "search_index.json").exists()    # Material's index is gone


def test_pages_and_chapters_are_shown_as_printed(site):
    index = Index(site / "hant" / "search")
    data = json.loads((site / "data" / "manchuria.hant.json").read_text(encoding="utf-8"))
    pages = {p["id"]: p["pages"] for p in data["paragraphs"]}
    chapters = {c["id"]: f"{c['label']} {c['title']}".strip() for c in data["chapters"]}
    chapter_of = {p["id"]: p["chapter"] for p in data["paragraphs"]}
    for doc in range(index.manifest["texts"][0]["end"]):
        record = index.passage(doc)
        if record[1] in pages:
            first, last = pages[record[1]][0], pages[record[1]][-1]
            assert record[2] == (str(first) if first == last else f"{first}–{last}")
            if chapter_of[record[1]] != "front":
                assert index.manifest["chapters"][record[0]]["l"] == chapters[chapter_of[record[1]]]


def test_a_shard_stays_small_and_the_first_transfer_too(site):
    folder = site / "hant" / "search"
    sizes = [len(gzip.compress(path.read_bytes())) for path in (folder / "b").glob("*.json")]
    manifest = len(gzip.compress((folder / "manifest.json").read_bytes()))
    assert manifest < 20_000 and sorted(sizes)[len(sizes) // 2] < 10_000


def test_glossary_synonyms_reach_the_other_forms(site, fold):
    index = Index(site / "hans" / "search")
    groups = [g for g in index.shard(fold("雅爾"))["s"].get(fold("雅爾"), []) if fold("雅爾達") in map(fold, g["m"])]
    assert len(groups) == 1 and fold("雅尔塔") in map(fold, groups[0]["m"])
    assert {"雅尔达", "雅尔塔"} <= set(groups[0]["m"])     # written as the site's texts write them, not folded
    assert {entry[1] for entry in groups[0]["e"]} == {"glossary/yalta-1945/", "glossary/yalta-agreement-1945/"}


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_synonyms_are_written_as_the_texts_or_the_readers_write_them(site, script):
    """A synonym is a string of the site's texts, or (a stem of) a reader's form declared in the
    glossary's `search_forms`: never a folded key, which may be a spelling no text uses."""
    import yaml
    folder = ROOT / "sources" / "glossary"
    readers = {form for path in folder.glob("*.yml") for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []
               if isinstance(entry, dict) for form in entry.get("search_forms", [])}
    texts = "\n".join(text for _, _, text in exported_units(site, script))
    members = {member for path in (site / script / "search" / "b").glob("*.json")
               for groups in json.loads(path.read_text(encoding="utf-8"))["s"].values()
               for group in groups for member in group["m"]}
    assert len(members) > 50 and readers
    assert [m for m in members if m not in texts and not any(r.startswith(m) for r in readers)] == []


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_every_result_link_lands_on_its_passage(site, script):
    index = Index(site / script / "search")
    pages = {}
    for doc in range(index.manifest["texts"][-1]["end"]):
        record = index.passage(doc)
        url = index.manifest["chapters"][record[0]]["u"]
        if url not in pages:
            pages[url] = (site / script / url / "index.html").read_text(encoding="utf-8")
        assert f'id="{record[1]}"' in pages[url], (url, record[1])


# ---- the glossary's names: Latin keys, mentions, places (search_names.py and the index) ----

def names_of(site, script: str) -> dict:
    return json.loads((site / script / "search" / "names.json").read_text(encoding="utf-8"))


def latin_key(query: str) -> str:
    """A query folded as a reader's browser folds it (written here from the format, not imported)."""
    import unicodedata
    bare = "".join(c for c in unicodedata.normalize("NFKD", query) if not unicodedata.combining(c))
    return "".join(re.findall(r"[^\W_]+", bare.lower()))


@pytest.mark.parametrize("query, entries", [
    ("Stalin", {"stalin"}), ("Joseph Stalin", {"stalin"}), ("Сталин", {"stalin"}),
    ("Chiang Kai-shek", {"chiang-kai-shek"}), ("Kai-shek", {"chiang-kai-shek"}),
    ("Chiang", {"chiang-kai-shek", "chiang-ching-kuo"}),            # a surname names every bearer
    ("Jiang Zhongzheng", {"chiang-kai-shek"}),                       # the name in the parenthesis
    ("T. V. Soong", {"soong-tse-ven"}), ("Truman", {"truman"}), ("Harry S. Truman", {"truman"}),
    ("Molotov", {"molotov"}), ("Yalta", {"yalta-1945", "yalta-agreement-1945"}),
    ("Yalta Conference", {"yalta-1945"}), ("Zhang Jia'ao", {"chang-kia-ngau"}),
    # negatives: a common word, a middle of a description, initials, a partial word
    ("Soviet", None), ("Agreement", None), ("Conference", None), ("Soviet Union", None), ("TV", None),
    ("Stal", None), ("Entry of the Soviet Union", None),
])
def test_latin_names_name_their_entries(site, query, entries):
    for script in ("hant", "hans"):
        found = names_of(site, script)["latin"].get(latin_key(query))
        assert (set(found) if found else None) == entries, query


def test_every_english_name_finds_its_entry(site):
    """Read from sources/glossary/*.yml directly: each `en` (outside a parenthesis) is a key of its entry."""
    import yaml
    entries = [entry for path in (ROOT / "sources" / "glossary").glob("*.yml")
               for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or [] if isinstance(entry, dict)]
    named = [entry for entry in entries if entry.get("en")]
    assert len(named) > 60
    latin = names_of(site, "hans")["latin"]
    for entry in named:
        assert entry["id"] in latin[latin_key(re.sub(r"\(.*?\)", "", entry["en"]))], entry["en"]


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_an_entrys_mentions_are_its_exported_mentions(site, script):
    index = Index(site / script / "search")
    anchor_of = {}
    for doc in range(index.manifest["texts"][-1]["end"]):
        record = index.passage(doc)
        anchor_of[doc] = (index.manifest["chapters"][record[0]]["u"].split("/")[0], record[1])
    exported: dict[str, dict] = {}
    for text_id in ("manchuria", "mongolia"):
        data = json.loads((site / "data" / f"{text_id}.{script}.json").read_text(encoding="utf-8"))
        for mention in data["mentions"]:
            place = (text_id, mention.get("paragraph") or mention.get("note"))
            exported.setdefault(mention["entry"], {}).setdefault(place, 0)
            exported[mention["entry"]][place] += 1
    assert len(exported) > 50
    for entry, places in exported.items():
        codes, doc, found = index.shard(f"@{entry}")["b"][f"@{entry}"], 0, {}
        for k in range(0, len(codes), 2):
            doc += codes[k]
            found[anchor_of[doc]] = codes[k + 1]
        assert found == places, entry


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_results_name_their_place_as_the_entry_pages_do(site, script):
    """第一章第26段, 注12: read from the keyword-in-context links of the built glossary pages."""
    index = Index(site / script / "search")
    named = {}
    for page in (site / script / "glossary").glob("*/index.html"):
        kwic = r'<li(?: id="[^"]*")?><a href="\.\./\.\./([^"#]+)#([^"]+)">([^<]+)</a>'
        for text_path, anchor, label in re.findall(kwic, page.read_text(encoding="utf-8")):
            named[(text_path.split("/")[0], anchor)] = label
    assert len(named) > 250
    checked = 0
    for doc in range(index.manifest["texts"][-1]["end"]):
        record = index.passage(doc)
        key = (index.manifest["chapters"][record[0]]["u"].split("/")[0], record[1])
        assert "¶" not in record[4] and not re.fullmatch(r"p\d+", record[4])
        if key in named:
            assert record[4] == named[key], key
            checked += 1
    assert checked == len(named)


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_chapters_and_headings_of_the_manifest(site, script):
    index = Index(site / script / "search")
    kinds = {}
    for text_id in ("manchuria", "mongolia"):
        data = json.loads((site / "data" / f"{text_id}.{script}.json").read_text(encoding="utf-8"))
        kinds |= {(text_id, p["id"]): p["kind"] for p in data["paragraphs"]}
    chapters = index.manifest["chapters"]
    starts = [chapter["f"] for chapter in chapters]
    assert starts == sorted(starts) and starts[0] == 0
    headings = set()
    for doc in range(index.manifest["texts"][-1]["end"]):
        record = index.passage(doc)
        assert max(c for c, start in enumerate(starts) if start <= doc) == record[0]   # `f` finds the chapter
        if kinds.get((chapters[record[0]]["u"].split("/")[0], record[1])) == "heading":
            headings.add(doc)
    assert headings and sorted(headings) == index.manifest["headings"]


@pytest.mark.parametrize("script, typo, name, other_script", [
    ("hant", "莫斯料", "莫斯科", None), ("hans", "莫斯料", "莫斯科", None),
    ("hant", "史達材", "史達林", "史达林"), ("hans", "斯大材", "斯大林", "史達林"),
])
def test_near_names_are_written_in_the_sites_script(site, script, typo, name, other_script):
    near = names_of(site, script)["near"]
    assert name in near and typo not in near and other_script not in near


@pytest.mark.parametrize("name", ["Stalin", "Joseph Stalin", "Chiang Kai-shek", "Truman", "Molotov", "Yalta"])
def test_a_latin_name_lists_the_passages_that_write_it(site, name):
    """`~<key>` against a regular expression over the exports: the name's words as whole words,
    anything but letters and digits between them (Stalin, not Stalinism)."""
    words = re.findall(r"[^\W_]+", name)
    pattern = re.compile(r"(?<![^\W_])" + r"[\W_]*".join(map(re.escape, words)) + r"(?![^\W_])", re.IGNORECASE)
    for script in ("hant", "hans"):
        index = Index(site / script / "search")
        key = f"~{latin_key(name)}"
        codes, doc, found = index.shard(key)["b"].get(key, []), 0, set()
        for k in range(0, len(codes), 2):
            doc += codes[k]
            record = index.passage(doc)
            found.add((index.manifest["chapters"][record[0]]["u"].split("/")[0], record[1]))
        expected = {(text_id, anchor) for text_id, anchor, text in exported_units(site, script) if pattern.search(text)}
        assert found == expected, (name, script)
        assert expected or name not in ("Stalin", "Joseph Stalin")       # the thesis writes Joseph Stalin


def test_a_chapter_is_named_as_printed_with_no_space_after_its_pause_mark(site):
    """The article's chapter heads print as `三、中苏谈判与《中苏友好同盟条约》` (its raw line 588);
    a result names the chapter so, never `三、 中苏…`."""
    raw = (ROOT / "sources" / "mongolia.txt").read_text(encoding="utf-8").split("\n")
    labels = [c["l"] for c in Index(site / "hans" / "search").manifest["chapters"]]
    assert raw[587].strip() in labels
    assert not [label for label in labels if re.search(r"[、，。：；] ", label)]


# Passages from a few letters, digits, ideographs and separators, so that keys recur across texts.
PASSAGE = st.text(alphabet=st.sampled_from(list("甲乙丙丁戊ab19 ，。_")), max_size=12)


@settings(max_examples=200)
@given(texts=st.lists(st.lists(PASSAGE, max_size=6), max_size=5))
def test_the_editions_postings_are_its_texts_put_together(texts):
    """Each text's own postings, shifted and joined, are the postings of all passages as one text."""
    named = [(f"t{number}", folded) for number, folded in enumerate(texts)]
    assert edition_postings(named, "hans", None) == postings([text for own in texts for text in own])


def test_postings_as_worked_out_by_hand():
    """Docs 0 甲乙 (text a), 1 乙 and 2 甲乙 (text b): a character lists its docs, a bigram each doc
    with its count and offsets, every number a delta from the one before in its kind."""
    assert edition_postings([("a", ["甲乙"]), ("b", ["乙", "甲乙"])], "hans", None) == \
        {"甲": [0, 2], "乙": [0, 1, 1], "甲乙": [0, 1, 0, 2, 1, 0]}


def postings(folded: list[str]) -> dict:
    """All passages as one text: no shift."""
    return edition_postings([("all", folded)], "hans", None)


def test_a_changed_text_makes_its_own_postings_again_and_no_other(tmp_path, monkeypatch):
    from edition.site import search
    texts = [("a", ["甲乙丙", "乙丙"]), ("b", ["丙丁", "甲乙"]), ("c", ["乙丙丁"])]
    whole = search.edition_postings(texts, "hant", tmp_path)
    expected = postings(["甲乙丙", "乙丙", "丙丁", "甲乙丙", "乙丙丁"])
    made, make = [], search.text_postings
    monkeypatch.setattr(search, "text_postings", lambda folded: made.append(folded) or make(folded))
    assert search.edition_postings(texts, "hant", tmp_path) == whole and made == []     # all kept
    changed = [texts[0], ("b", ["丙丁", "甲乙丙"]), texts[2]]
    assert search.edition_postings(changed, "hant", tmp_path) == expected
    assert made == [["丙丁", "甲乙丙"]]

