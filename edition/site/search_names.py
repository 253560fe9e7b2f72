"""Stage 10c, search (names): the glossary's names for the search, one small file read on demand.

In: the glossary, the site's script and the forms its texts write (`written`: entry id -> the
forms, as `search.synonym_groups` finds them). Out, read by `templates/assets/search-index.js`
(the format is shared with it; change both), `search/names.json`:

- `"latin"`: a folded Latin key -> the ids of the entries it names. A key is a run of the words of
  an entry's Latin name (`en`, `romanized`, and any Latin `search_forms`), lowercased, accents
  dropped and joined without the spaces and hyphens between them: "Chiang Kai-shek" gives
  `chiangkaishek`, `chiang` and `kaishek`. A person is named by the first or the last words of a
  name (Stalin, Chiang), anything else by its first words (Yalta, not Conference) unless they
  begin the names of more than two entries (Soviet, Agreement); a key is never shorter than
  three letters. A parenthesis holds a second name ("Jiang Jieshi (Jiang
  Zhongzheng)"); one of more than three words describes, and is only matched whole.
- `"entries"`: id -> `[name in the site's script, URL relative to the script's root, members]`,
  the members being the forms the site's texts write, then the entry's stems (雅爾達 of
  雅爾達會議 / 雅爾塔會議): what a Latin name finds, beside the passages that mention the entry.
- in the postings buckets (search.py), `~<key>`: the passages that write the key's words.
- `"near"`: the names a query one character off is pointed to ("did you mean"): every form the
  texts write, the entries' names and places in the site's script, the Latin names and their
  words of four letters or more.

Its size grows with the glossary, never with the texts. Writes only `search/names.json`.
"""
from __future__ import annotations

import re
import unicodedata

from edition.core.inputs import Entry, Glossary

WORD = re.compile(r"[^\W_]+")          # a run of letters and digits: "Kai", "shek" in "Kai-shek"
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF]")    # Latin or Cyrillic: "Stalin", "Сталин"
LONGEST_ALIAS = 3                      # words in a parenthesis that still make a name
COMMON_HEAD = 2                        # first words beginning more names than this are common words
HEAD_WORDS = 2                         # first (last) words that name: "Harry S", "S Truman", never more


def fold_latin(text: str) -> list[str]:
    """The words of a Latin (or Cyrillic) name as search-index.js folds a query: accents dropped,
    lowercased, split at everything but letters and digits.

    >>> fold_latin("Zhang Jia'ao")
    ['zhang', 'jia', 'ao']
    >>> fold_latin("Molotov, Vyacheslav")
    ['molotov', 'vyacheslav']
    """
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return WORD.findall(bare.lower())


def latin_names(entry: Entry) -> list[tuple[str, bool]]:
    """The entry's Latin names, each with whether it is matched by its first or last words too: a
    parenthesis is a name of its own, and one of more than three words describes, so it is not."""
    names = [entry.data.get("en", ""), entry.data.get("romanized", "")]
    names += [form for form in entry.data.get("search_forms", []) if LATIN.search(form)]
    found = []
    for name in filter(None, names):
        found.append((re.sub(r"\([^)]*\)", " ", name), True))
        found += [(alias, len(fold_latin(alias)) <= LONGEST_ALIAS) for alias in re.findall(r"\(([^)]*)\)", name)]
    return [(" ".join(name.split()), parts) for name, parts in found if fold_latin(name)]


def name_keys(entry: Entry, name: str, parts: bool) -> tuple[set[str], set[str]]:
    """The keys a name gives: the whole name; and with `parts`, the keys of its first one or two
    words (for a person also of its last), which are names only where they are not common words
    (`latin_keys` decides). Never a key of fewer than three letters ("T. V. Soong" gives no `tv`).

    >>> [sorted(keys) for keys in name_keys(Entry("x", "person", "", {}, (), {}, ""), "Chiang Kai-shek", True)]
    [['chiangkaishek'], ['chiang', 'chiangkai', 'kaishek', 'shek']]
    """
    words = fold_latin(name)
    heads: set[str] = set()
    if parts:
        heads |= {"".join(words[:k]) for k in range(1, min(len(words), HEAD_WORDS + 1))}
        if entry.group == "person":
            heads |= {"".join(words[-k:]) for k in range(1, min(len(words), HEAD_WORDS + 1))}
    long_enough = {key for key in heads if len(key) >= 3}
    return {"".join(words)}, long_enough


def latin_keys(glossary: Glossary) -> dict[str, list[str]]:
    """Every key -> the entries it names. A person's surname names every person of that name
    (Chiang, Wang); the first words of anything else name it only when they begin the names of at
    most two entries (Yalta: the conference and its agreement), otherwise they are a common word
    (Soviet, Agreement, Sino) and only a whole name finds those entries."""
    found: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}
    for entry in glossary.entries.values():
        for name, parts in latin_names(entry):
            whole, parts_of = name_keys(entry, name, parts)
            for key in whole | (parts_of if entry.group == "person" else set()):
                found.setdefault(key, set()).add(entry.id)
            for key in parts_of if entry.group != "person" else set():
                heads.setdefault(key, set()).add(entry.id)
    for key, ids in heads.items():
        if len(ids) <= COMMON_HEAD:
            found.setdefault(key, set()).update(ids)
    return {key: sorted(ids) for key, ids in sorted(found.items())}


def latin_postings(texts: list[str], keys: dict[str, list[str]]) -> dict[str, list[int]]:
    """`~<key>` -> [doc, times, doc gap, times, …]: the passages that write a Latin name's key as a
    run of whole words ("Chiang Kai-shek", "Joseph Stalin", not "Stalinism"). A Latin name is then
    found through one short list, not through the bigrams of all its words (an English treaty
    title has dozens, and each bigram is a bucket to fetch)."""
    longest = max(map(len, keys), default=0)
    found: dict[str, dict[int, int]] = {}
    for doc, text in enumerate(texts):
        words = fold_latin(text)
        for start in range(len(words)):
            run = ""
            for word in words[start:]:
                run += word
                if len(run) > longest:
                    break
                if run in keys:
                    found.setdefault(f"~{run}", {}).setdefault(doc, 0)
                    found[f"~{run}"][doc] += 1
    return {key: counts_coded(docs) for key, docs in found.items()}


def counts_coded(docs: dict[int, int]) -> list[int]:
    """doc -> times, delta-coded as search-index.js reads it.

    >>> counts_coded({3: 1, 10: 2})
    [3, 1, 7, 2]
    """
    coded, previous = [], 0
    for doc in sorted(docs):
        coded += [doc - previous, docs[doc]]
        previous = doc
    return coded


def names_file(glossary: Glossary, script: str, written: dict[str, list[str]]) -> dict:
    """The contents of `search/names.json` (the module docstring)."""
    entries = {entry.id: [entry.names[script], f"glossary/{entry.id}/", written.get(entry.id, [])]
               for entry in glossary.entries.values()}
    near = {form for forms in written.values() for form in forms}
    for entry in glossary.entries.values():
        near.add(entry.names[script])
        place = entry.data.get("place")
        if isinstance(place, dict) and place.get(script):
            near.add(place[script])
        for name, _ in latin_names(entry):    # a Latin name, and its words: Stalim -> Stalin
            near |= {name} | {word for word in WORD.findall(name) if len(word) >= 4}
    return {"latin": latin_keys(glossary), "entries": entries, "near": sorted(near)}
