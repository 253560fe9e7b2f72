"""Stage 10c, search: one script's texts -> a sharded static search index under `site/<script>/search/`.

In: a `ScriptEdition` (texts already in the site's script), the glossary, its mentions in those
texts (stage 9) and the site's interface words. Out, read by `templates/assets/search-index.js`
(the format is shared with it; change both):

- `search/manifest.json`: the texts (title, first and last passage number), the chapters (URL
  relative to the script's root, label and first passage), the heading passages, the number of
  buckets, the passages per chunk, the folding map of the query characters and the interface
  words. Its size grows with the number of texts, chapters and headings, never with their length.
- `search/b/<k>.json`: bucket k of the postings. A folded bigram -> `[doc, count, offset, offset
  gap…, doc gap, count, …]`; a folded character -> `[doc, doc gap, …]`; `@<entry id>` -> `[doc,
  mentions, doc gap, mentions, …]`, the passages the glossary stage found naming the entry in any
  form; `~<Latin key>` -> the same for the passages writing a Latin name (`search_names`); under
  `"s"`, by the folded bigram their members start with, the synonym groups `{"m": members, "e":
  [[name, URL, id], …]}`, members written as the site's texts write them (or as `search_forms`
  declare), compared only once folded: a folded key is no spelling, and shown as one it may
  respell a name (王世杰 folds to 王世傑). A key lives in bucket `fnv1a(key) % buckets`, so a query
  fetches only the buckets of its own bigrams; the number of buckets grows with the corpus and a
  bucket's size does not.
- `search/d/<k>.json`: passages k*CHUNK … as `[chapter index, anchor, printed pages, text,
  place]`, the place named as the entry pages name it (第一章第26段, 注12).
- `search/names.json`: the Latin names and the names for "did you mean" (`search_names`).

A passage is a paragraph or a note of a text, numbered in reading order (a note right after the
paragraph that cites it). Glossary pages are never indexed: their keyword-in-context lines repeat
the texts. Matching is on folded text: every character is replaced by one representative of its
OpenCC class (characters that any of t2s, tw2s, s2t, s2tw turns into one another, taken one
character at a time), Latin lowercased. Folding keeps lengths, so a match's offsets are the same
in the site's script and the highlight is drawn on the site's own text. Synonyms come from the
glossary: the forms of an entry that the site's texts write (a declared form no text uses is left
out), the readers' forms in its optional `search_forms`, and the name stems of forms that differ
in one character before a shared ending (雅爾達會議 / 雅爾塔會議 give 雅爾達 ≡ 雅爾塔). Never changes
text; writes only under `search/`.
"""
from __future__ import annotations

import functools
import itertools
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import opencc

from edition.core.encode import json_data
from edition.core.inputs import Glossary
from edition.core.memo import code_of, key_of, stored
from edition.core.model import BuiltText, Mention, cell_notes, heading_line
from edition.core.scripts import SCRIPT_INDEX
from edition.exports.citation import Work
from edition.site.pages import places
from edition.site.search_names import counts_coded, latin_keys, latin_postings, names_file

CODE = code_of(__file__)     # what the stored postings were computed by (core.memo)
CHUNK = 8                  # passages per chunk file: a page of 20 results fetches at most 20 small files
BUCKET_BYTES = 16_000      # target size of a postings bucket before gzip
CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
FOLDING_CONFIGS = ("t2s", "tw2s", "s2t", "s2tw")


@dataclass(frozen=True)
class Passage:
    chapter: int    # index into the manifest's chapters
    anchor: str     # p0001 or n12
    pages: str      # "9" or "9–10"
    text: str
    place: str      # where a reader finds it, as the entry pages say: 第一章第26段, 注12
    heading: bool = False


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over code points; search-index.js computes the same.

    >>> fnv1a("中長") == fnv1a("中長") != fnv1a("長中")
    True
    """
    value = 0x811C9DC5
    for char in key:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def indexed(text: str) -> bool:
    """Letters and digits are indexed (Unicode categories L* and N*, which is what `isalnum`
    tests); punctuation and spaces end a searchable run. search-index.js splits queries on the same
    classes (`[^\\p{L}\\p{N}]`)."""
    return text.isalnum()


def folding_classes() -> dict[str, str]:
    """Every CJK character that OpenCC converts, one character at a time, -> one representative
    (the smallest code point of its class): 蔣 and 蒋 fold together, and so do 著 and 着."""
    chars = [chr(c) for start, end in CJK_RANGES for c in range(start, end)]
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.get(char, char) != char:
            char = parent[char]
        return char
    for config in FOLDING_CONFIGS:
        converted = opencc.OpenCC(f"{config}.json").convert("\n".join(chars)).split("\n")
        for before, after in zip(chars, converted, strict=True):   # one line in, one line out
            if len(after) == 1 and before != after:
                a, b = sorted((root(before), root(after)))
                parent[b] = a
    return {char: root(char) for char in parent if root(char) != char}


class Folder:
    """Folds a string character by character (str.translate over a table filled on first use)."""

    def __init__(self, classes: dict[str, str]):
        self.classes = classes
        self.table = _FoldTable(classes)

    def __call__(self, text: str) -> str:
        return text.translate(self.table)


class _FoldTable(dict):
    def __init__(self, classes: dict[str, str]):
        super().__init__()
        self.classes = classes

    def __missing__(self, code: int) -> str:
        char = chr(code)
        lower = char.lower()
        char = lower if len(lower) == 1 else char     # 'İ'.lower() is two characters: kept as is
        self[code] = self.classes.get(char, char)
        return self[code]


def passages(texts: tuple[BuiltText, ...], strings: dict,
             works: dict[str, Work]) -> tuple[list[dict], list[list[Passage]]]:
    """The chapters (for the manifest) and each text's passages in reading order."""
    chapters: list[dict] = []
    per_text: list[list[Passage]] = []
    before = 0                                   # passages of the texts before this one
    for number, text in enumerate(texts):
        where, per_page = places(text, strings, works[text.source.id]), text.source.notes == "per-page"
        notes = {note.number: note for note in text.notes}
        cited: set[int] = set()
        found: list[Passage] = []
        for chapter in text.chapters:
            url = f"{text.source.id}/" if chapter.id == "front" else f"{text.source.id}/{chapter.id}/"
            label = heading_line(chapter.label, chapter.title) if chapter.id != "front" else ""   # 三、中蘇談判
            chapters.append({"t": number, "u": url, "l": label, "f": before + len(found)})
            index = len(chapters) - 1
            for paragraph in chapter.paragraphs:
                found.append(Passage(index, paragraph.anchor, page_span(paragraph.pages), paragraph.text,
                                     where[paragraph.anchor][0], paragraph.kind == "heading"))
                for n in [r.number for r in paragraph.note_refs] + cell_notes(paragraph):
                    if n in notes and n not in cited:
                        cited.add(n)
                        found.append(note_passage(notes[n], index, where, per_page))
        last = len(chapters) - 1
        # nothing lost: a note no paragraph cites comes last
        found += [note_passage(note, last, where, per_page) for note in text.notes if note.number not in cited]
        per_text.append(found)
        before += len(found)
    return chapters, per_text


def note_passage(note, chapter: int, where: dict[str, tuple[str, str]], per_page: bool) -> Passage:
    """A note as a passage, its place named as the entry pages name it (`places`): 注12 beside its
    page, or where numbers restart on each page its page and number together (本文第4頁注⑥), the
    page then not shown twice."""
    return Passage(chapter, f"n{note.number}", "" if per_page else str(note.page), note.text,
                   where[f"n{note.number}"][0])


def page_span(pages: tuple[int, ...]) -> str:
    return "" if not pages else str(pages[0]) if pages[0] == pages[-1] else f"{pages[0]}–{pages[-1]}"


RUN = re.compile(r"[^\W_]+")   # a run of letters and digits (what `indexed` accepts): "中長鐵路", "1945"


def _places(folded: list[str]) -> dict[str, dict[int, list[int]]]:
    places: dict[str, dict[int, list[int]]] = defaultdict(dict)
    for doc, text in enumerate(folded):
        for run in RUN.finditer(text):
            start, word = run.start(), run.group()
            for char in word:
                places[char][doc] = []
            for offset in range(len(word) - 1):
                places[word[offset:offset + 2]].setdefault(doc, []).append(start + offset)
    return places


def edition_postings(texts: list[tuple[str, list[str]]], script: str, cache: Path | None) -> dict[str, list[int]]:
    """The postings of every text's folded passages (`texts`: (text id, passages) in the edition's
    order), numbered through the edition, put together from each text's own: `cache` keeps those by
    the text's passages, so a correction makes its own text's postings again, not the edition's.
    A text's doc numbers start at 0; shifted by the passages before it, only the first delta of
    each key's list changes (from the key's last doc in the texts before)."""
    merged: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    first = 0
    for text_id, folded in texts:
        own = stored(cache, f"postings-{script}-{text_id}", key_of(CODE, folded),
                     functools.partial(text_postings, folded))
        for key, coded in own["p"].items():
            merged.setdefault(key, []).extend([first + coded[0] - last.get(key, 0), *coded[1:]])
            last[key] = first + own["e"][key]
        first += len(folded)
    return merged


def text_postings(folded: list[str]) -> dict[str, dict]:
    """One text's postings ("p": bigram -> delta-coded [doc, count, offsets…], character ->
    delta-coded [doc…]) and each key's last doc ("e")."""
    places = _places(folded)
    return {"p": {key: encode(key, docs) for key, docs in places.items()},
            "e": {key: max(docs) for key, docs in places.items()}}


def encode(key: str, docs: dict[int, list[int]]) -> list[int]:
    out, previous = [], 0
    for doc in sorted(docs):
        out.append(doc - previous)
        previous = doc
        if len(key) == 2:
            offsets = docs[doc]
            out += [len(offsets), offsets[0]] + [b - a for a, b in itertools.pairwise(offsets)]
    return out


def synonym_groups(glossary: Glossary, fold: Folder, script: str, corpus: str) -> tuple[list[dict], dict]:
    """Groups of strings that name the same thing, each with the entries it names
    (`[name in the site's script, URL relative to the script root, id]`), and each entry's own
    members (the forms its texts write, then its stems). A member is written as the site's texts
    (`corpus`) write it, or as a reader types it (`search_forms`); never as a folded key: folding
    王世杰 gives 王世傑, a spelling no text uses. Members are compared folded."""
    groups: list[tuple[set[str], set[str]]] = []
    shown: dict[str, str] = {}           # folded member -> the member as written
    own: dict[str, list[str]] = {}
    for entry in glossary.entries.values():
        in_texts = found_in(corpus, entry.forms, script)
        written = in_texts | set(entry.data.get("search_forms", []))
        for form in sorted(written):
            shown.setdefault(fold(form), form)
        forms = {fold(f) for f in written}
        if forms:
            groups.append((forms, {entry.id}))
        own[entry.id] = sorted(in_texts)
        for stems in variant_stems(sorted(forms)):     # folding keeps lengths: a stem is a prefix
            for stem in stems:
                whole = next(f for f in sorted(forms) if f.startswith(stem))
                shown.setdefault(stem, shown[whole][:len(stem)])
            groups.append((stems, {entry.id}))
            own[entry.id] += sorted(shown[stem] for stem in stems)
    merged = merge_groups(groups)
    return [{"m": sorted(shown[m] for m in members),
             "e": [[glossary.entries[e].names[script], f"glossary/{e}/", e] for e in sorted(ids)]}
            for members, ids in merged], own


def found_in(corpus: str, pairs: tuple, script: str) -> set[str]:
    """The forms of `pairs`, in `script`, that the texts of the site write."""
    return {pair[SCRIPT_INDEX[script]] for pair in pairs if pair[SCRIPT_INDEX[script]] in corpus}


def variant_stems(forms: list[str]) -> list[set[str]]:
    """Forms of one entry that differ in one character before a shared ending name the same
    thing by their stems: 雅尔达会议 / 雅尔塔会议 -> {雅尔达, 雅尔塔}; 中苏条约 / 雅尔达条约 are
    never of one entry, and stems of one character are never taken."""
    found = []
    for i, a in enumerate(forms):
        for b in forms[i + 1:]:
            if len(a) != len(b):
                continue
            differ = [k for k in range(len(a)) if a[k] != b[k]]
            if len(differ) == 1 and 2 <= differ[0] + 1 < len(a):
                found.append({a[:differ[0] + 1], b[:differ[0] + 1]})
    return found


def mention_postings(texts: tuple[BuiltText, ...], per_text: list[list[Passage]],
                     mentions: list[Mention]) -> dict[str, list[int]]:
    """`@<entry id>` -> delta-coded [doc, mentions in it, …]: the passages that the glossary stage
    found naming the entry, in any form (and where a rule decides an ambiguous form), so that any
    of the entry's names finds them."""
    doc_of, first = {}, 0
    for text, found in zip(texts, per_text, strict=True):
        doc_of.update({(text.source.id, p.anchor): first + k for k, p in enumerate(found)})
        first += len(found)
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for mention in mentions:
        anchor = mention.paragraph if mention.paragraph is not None else f"n{mention.note}"
        counts[f"@{mention.entry}"][doc_of[(mention.text, anchor)]] += 1
    return {key: counts_coded(docs) for key, docs in counts.items()}


def merge_groups(groups: list[tuple[set[str], set[str]]]) -> list[tuple[set[str], set[str]]]:
    """Groups sharing a member are one group (a form of two entries names both)."""
    merged: list[tuple[set[str], set[str]]] = []
    for members, ids in groups:
        overlapping = [g for g in merged if g[0] & members]
        for group in overlapping:
            merged.remove(group)
            members, ids = members | group[0], ids | group[1]
        merged.append((members, ids))
    return sorted(merged, key=lambda g: sorted(g[0]))


def write_search_index(texts: tuple[BuiltText, ...], glossary: Glossary, mentions: list[Mention], script: str,
                       strings: dict, out: Path, works: dict[str, Work], classes: dict[str, str] | None = None,
                       cache: Path | None = None) -> None:
    """Write the index of `texts` (in `script`) under `out` (the script's site folder)/search.
    `cache` (build/cache/) keeps the folding classes and each text's postings for the next build,
    keyed by OpenCC's version and by the text's folded passages (core.memo)."""
    if classes is None:
        classes = stored(cache, "folding-classes", key_of(CODE, version("opencc")), folding_classes)
    fold = Folder(classes)
    chapters, per_text = passages(texts, strings, works)
    docs = [p for found in per_text for p in found]
    folded_texts = [(text.source.id, [fold(p.text) for p in found])
                    for text, found in zip(texts, per_text, strict=True)]
    folded = [text for _, own in folded_texts for text in own]
    found = edition_postings(folded_texts, script, cache)
    keys = found | mention_postings(texts, per_text, mentions)
    keys |= latin_postings([p.text for p in docs], latin_keys(glossary))
    groups, own = synonym_groups(glossary, fold, script, "\n".join(p.text for p in docs))
    size = sum(4 * len(v) + 10 for v in keys.values())     # about 4 bytes a number, 10 a key
    buckets = max(1, math.ceil(size / BUCKET_BYTES))
    shards: list[dict] = [{"b": {}, "s": {}} for _ in range(buckets)]
    for key in sorted(keys):
        shards[fnv1a(key) % buckets]["b"][key] = keys[key]
    for group in groups:
        for prefix in sorted({fold(member)[:2] for member in group["m"]}):
            shards[fnv1a(prefix) % buckets]["s"].setdefault(prefix, []).append(group)
    folder = out / "search"
    write_json(folder / "manifest.json", manifest(texts, per_text, chapters, buckets, fold, folded, strings))
    write_json(folder / "names.json", names_file(glossary, script, own))
    for number, shard in enumerate(shards):
        write_json(folder / "b" / f"{number}.json", shard)
    for start in range(0, len(docs), CHUNK):
        write_json(folder / "d" / f"{start // CHUNK}.json",
                   [[p.chapter, p.anchor, p.pages, p.text, p.place] for p in docs[start:start + CHUNK]])


def manifest(texts, per_text, chapters, buckets: int, fold: Folder, folded: list[str], strings: dict) -> dict:
    corpus = {c for text in folded for c in text}
    # Only characters that can lead to a match are shipped: a class whose representative never
    # occurs in the texts matches nothing in either script.
    folding = {c: r for c, r in fold.classes.items() if r in corpus}
    first, ranges = 0, []
    for text, found in zip(texts, per_text, strict=True):
        kind = text.source.work.pages_counted      # whose pages: the thesis's, or the article's own…
        page = strings.get(f"cite_page_{kind}", strings["search_page"]).replace("{pages}", "{page}")
        ranges.append({"id": text.source.id, "title": text.source.title, "first": first, "end": first + len(found),
                       "page": page})
        first += len(found)
    headings = [doc for doc, passage in enumerate(p for found in per_text for p in found) if passage.heading]
    return {"version": 1, "buckets": buckets, "chunk": CHUNK, "texts": ranges, "chapters": chapters,
            "headings": headings,
            "fold": "".join(c + r for c, r in sorted(folding.items())),
            "strings": {k[len("search_"):]: v for k, v in strings.items() if k.startswith("search_")}}


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json_data(data), encoding="utf-8")
