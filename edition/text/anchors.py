"""Stage 7, anchors: give every paragraph and note its stable id from `sources/anchors.lock`.

In: the texts' paragraphs and notes (after corrections) and the ledger of every id ever published.
Out: paragraphs carrying their `anchor`, the retired ids with their successors, and the new ledger.
An id is never reused; an id that ever existed keeps resolving, to its own paragraph or, when that
is gone, to its successor.

Matching, per text, old ledger against new paragraphs:
1. identical text (fingerprint hash) keeps its id, wherever the paragraph moved;
2. the identical matches that keep their order (longest increasing run) fix the alignment; each
   other old paragraph is looked for only in the matching gap of the new text (widened by three
   paragraphs if that finds nothing). The new paragraph there that begins with its first six
   characters takes its id (the first part of a split); otherwise, where the new paragraphs there
   hold at least 30% of its sampled 4-grams together, the one holding most takes it (a few
   characters changed). The surest claims go first; if the paragraph already took an earlier id,
   the two were merged: the later id retires with the merged paragraph as successor. A paragraph
   moved (and edited, or split) is looked for everywhere, stricter;
3. an old paragraph found nowhere retires, its successor the nearest paragraph before it that
   survived (or after it, at the start of a text);
4. paragraphs left without an id get new ones, numbered after the highest ever issued.

The fingerprint is `length.sha.incipit.sample`: the incipit is the first six characters, the
sample the 32 smallest hashes of the text's character 4-grams (a bottom-k sketch), enough to
estimate how much of an old paragraph survives in a new one without storing its text. A short text
(a heading) is stored whole instead of sampled.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import os
import zlib
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timezone

from edition.core.errors import EditionError, Problem
from edition.core.inputs import Ledger, Record

GRAM, SAMPLE, INCIPIT = 4, 32, 6
PART, SURVIVES = 0.15, 0.3  # a part of a split holds >= 15%; together the parts hold >= 30%
MERGED = 0.6  # a paragraph that already has an id absorbed this one only if it holds most of it
WIDEN = 3  # paragraphs either side of an empty or fruitless gap also searched
MOVED = 0.5  # moved (and edited or split): an unclaimed paragraph holding half of the old sample


@functools.lru_cache(maxsize=2048)
def grams(text: str) -> frozenset[int]:
    """The text's character 4-grams as 24-bit hashes (CRC-32: stable across runs, and fast); a
    fingerprint writes each as 6 hex digits, whose order is the numbers' order. Remembered for the
    texts last seen: a rebuild (`serve`) fingerprints again the paragraphs that did not change."""
    return frozenset(zlib.crc32(text[i:i + GRAM].encode()) & 0xFFFFFF for i in range(max(1, len(text) - GRAM + 1)))


def grams_of(cache: dict[int, frozenset[int]], j: int, text: str) -> frozenset[int]:
    """`grams(text)`, computed once per paragraph `j` of a build."""
    if j not in cache:
        cache[j] = grams(text)
    return cache[j]


def fingerprint(text: str) -> str:
    """`length.sha.incipit.sample`: the incipit is the first characters (in hex: a split's first part
    begins with them); a short text (a heading) is its own sample."""
    sha = hashlib.sha1(text.encode()).hexdigest()[:10]
    sample = text.encode().hex() if len(text) < 2 * GRAM else "".join(f"{h:06x}" for h in sorted(grams(text))[:SAMPLE])
    return f"{len(text)}.{sha}.{text[:INCIPIT].encode().hex()}.{sample}"


def incipit(old_fingerprint: str) -> str:
    return bytes.fromhex(old_fingerprint.split(".")[2]).decode()


def survives(old_fingerprint: str, new_text: str, new_grams: frozenset[int]) -> float:
    """The share of the old paragraph found in the new one (estimated from its sampled 4-grams)."""
    length, _, _, sample = old_fingerprint.split(".", 3)
    if int(length) < 2 * GRAM:
        old = bytes.fromhex(sample).decode()
        if len(old) <= 5:  # a fragment this short counts only whole ('蒋介石' is in many paragraphs)
            return 1.0 if old in new_text else 0.0
        longest = max((k for k in range(len(old), 0, -1) for i in range(len(old) - k + 1) if old[i:i + k] in new_text),
                      default=0)
        return longest / len(old)
    hashes = [int(sample[i:i + 6], 16) for i in range(0, len(sample), 6)]
    return sum(h in new_grams for h in hashes) / len(hashes)


def match(old: list[Record], new_texts: list[str]) -> tuple[list[str | None], dict[str, int]]:
    """For each new text, the old id it keeps (or None); and each retired old id -> new index."""
    old_live = [r for r in old if r.status == "live"]
    shas = [r.fingerprint.split(".")[1] for r in old_live]
    new_shas = [hashlib.sha1(t.encode()).hexdigest()[:10] for t in new_texts]
    kept: list[str | None] = [None] * len(new_texts)
    old_to_new: dict[int, int] = {}
    free: dict[str, list[int]] = {}
    for j, sha in enumerate(new_shas):
        free.setdefault(sha, []).append(j)
    for i, sha in enumerate(shas):                       # 1. identical text, anywhere
        if free.get(sha):
            j = free[sha].pop(0)
            kept[j], old_to_new[i] = old_live[i].id, j
    aligned = increasing_run(sorted(old_to_new.items()))
    new_grams: dict[int, frozenset[int]] = {}

    def share(record: Record, j: int) -> float:
        return survives(record.fingerprint, new_texts[j], grams_of(new_grams, j, new_texts[j]))

    choices: dict[int, tuple[int, float]] = {}           # 2. edited, split or merged, within its gap
    for i, record in enumerate(old_live):
        if i not in old_to_new:
            low, high = gap(i, aligned, len(new_texts))
            for widen in (0, WIDEN):                      # a neighbour that moved can close the gap
                window = range(max(0, low - widen), min(len(new_texts), high + widen))
                shares = {j: share(record, j) for j in window}
                starts = [j for j in window if new_texts[j].startswith(incipit(record.fingerprint))]
                if starts and int(record.fingerprint.split(".")[0]) >= 2 * GRAM and kept[starts[0]] is None:
                    choices[i] = (starts[0], max(shares[starts[0]], SURVIVES))  # begins as it did
                    break
                holders = [j for j, s in shares.items() if s >= PART]
                if holders and sum(shares[j] for j in holders) >= SURVIVES:
                    best = max(holders, key=lambda j: (shares[j], -j))   # the part holding most of it
                    choices[i] = (best, shares[best])
                    break
    merged_into: dict[int, int] = {}
    for i, (j, s) in sorted(choices.items(), key=lambda item: (-item[1][1], item[0])):  # surest first
        if kept[j] is None:
            kept[j], old_to_new[i] = old_live[i].id, j
        elif s >= MERGED:
            merged_into[i] = j                               # absorbed: a later id of a merge
    for i, record in enumerate(old_live):                # not in its gap: moved, whole or edited
        if i not in old_to_new and i not in merged_into:
            whole = next((j for j in range(len(new_texts)) if share(record, j) >= 0.9), None)
            if whole is not None and kept[whole] is not None:
                merged_into[i] = whole
                continue
            target = whole if whole is not None else moved_and_edited(record, new_texts, kept, new_grams)
            if target is not None:
                kept[target], old_to_new[i] = record.id, target
    retired = {old_live[i].id: j for i, j in merged_into.items()}
    for i, record in enumerate(old_live):                # 3. gone: successor before it, else after
        if i not in old_to_new and i not in merged_into:
            retired[record.id] = neighbour(i, old_to_new, len(new_texts))
    return kept, retired


def moved_and_edited(record: Record, new_texts: list[str], kept: list[str | None],
                     new_grams: dict[int, frozenset[int]]) -> int | None:
    """Outside its gap: the unclaimed paragraph holding most of the old one, no more than twice as
    long (a moved part or an edited copy, not a long paragraph that merely shares some words)."""
    length = int(record.fingerprint.split(".")[0])
    best, best_share = None, MOVED
    for j, text in enumerate(new_texts):
        if kept[j] is None and len(text) <= 2 * length and length >= 2 * GRAM:
            share = survives(record.fingerprint, text, grams_of(new_grams, j, text))
            if share >= best_share:
                best, best_share = j, share
    return best


def increasing_run(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of (old, new) pairs whose new positions increase with the old ones."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        position = bisect.bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[position], tail_at[position] = j, k
        parent[k] = tail_at[position - 1] if position else -1
    run: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        run.append(pairs[k])
        k = parent[k]
    return run[::-1]


def gap(i: int, aligned: list[tuple[int, int]], count: int) -> tuple[int, int]:
    """New positions between the aligned neighbours of old position `i`."""
    before = [j for a, j in aligned if a < i]
    after = [j for a, j in aligned if a > i]
    return (before[-1] + 1 if before else 0), (after[0] if after else count)


def neighbour(i: int, old_to_new: dict[int, int], count: int) -> int:
    earlier = [old_to_new[k] for k in range(i - 1, -1, -1) if k in old_to_new]
    later = [old_to_new[k] for k in range(i + 1, i + 10_000) if k in old_to_new]
    return earlier[0] if earlier else (later[0] if later else 0)


def next_number(records: list[Record], prefix: str) -> int:
    numbers = [int(r.id[1:]) for r in records if r.id.startswith(prefix) and r.id[1:].isdigit()]
    return max(numbers, default=0) + 1


def assign(text_id: str, old: list[Record], paragraphs: list, chapters: list[str], today: str):
    """Anchors for one text's paragraphs: (paragraphs with anchors, every retired id -> its live
    successor, the text's new ledger records)."""
    kept, retired_at = match([r for r in old if r.id.startswith("p")], [p.text for p in paragraphs])
    revived = set(revive(old, [p.text for p in paragraphs], kept))
    number = next_number(old, "p")
    anchors = []
    for keep in kept:
        if keep is None:
            keep, number = f"p{number:04d}", number + 1
        anchors.append(keep)
    retired = {old_id: anchors[j] for old_id, j in retired_at.items()}
    records = []
    issued = {r.id: r.issued for r in old}
    for paragraph, anchor, chapter in zip(paragraphs, anchors, chapters, strict=True):
        records.append(Record(text_id, anchor, "live", chapter, issued.get(anchor, today),
                              fingerprint=fingerprint(paragraph.text)))
    for r in old:
        if r.id.startswith("p") and r.status == "retired" and r.id not in revived:
            records.append(r)
        elif r.id in retired:
            records.append(replace(r, status="retired", retired=today, successor=retired[r.id]))
    records = rehome([p.text for p in paragraphs], anchors, records)
    live = set(anchors)
    successors = {r.id: r.successor for r in records if r.status == "retired"}
    every_retired = {old_id: resolve(successors, live, old_id) for old_id in successors}
    return [replace(p, anchor=a) for p, a in zip(paragraphs, anchors, strict=True)], every_retired, records


def revive(old: list[Record], texts: list[str], kept: list[str | None]) -> list[str]:
    """A retired id whose paragraph is in the text again word for word, and unclaimed, takes it back
    (`kept` is updated): a correction undone restores its ids, and an id retired by hand in the
    ledger is never issued again under a new number. Returns the ids made live again.

    >>> old = [Record("t", "p0002", "retired", "c", "2026-11-25", "2026-11-26", "p0001", fingerprint("乙段。"))]
    >>> kept = ["p0001", None]
    >>> revive(old, ["甲段。", "乙段。"], kept), kept
    (['p0002'], ['p0001', 'p0002'])
    """
    taken = set(filter(None, kept))
    by_sha: dict[str, list[str]] = {}
    for r in old:
        if r.id.startswith("p") and r.status == "retired" and r.fingerprint != "-" and r.id not in taken:
            by_sha.setdefault(r.fingerprint.split(".")[1], []).append(r.id)
    back: list[str] = []
    for j, text in enumerate(texts):
        ids = by_sha.get(hashlib.sha1(text.encode()).hexdigest()[:10]) if kept[j] is None else None
        if ids:
            back.append(ids.pop(0))
            kept[j] = back[-1]
    return back


def out_of_order(old: list[Record], anchors: list[str]) -> list[tuple[str, str]]:
    """Pairs of ids issued on the same day that no longer stand in reading order: (earlier id, the
    later id it now stands after). Ids are issued in reading order, and no edit of a text moves a
    paragraph (a split keeps the first part's id, a merge keeps the first id), so an id standing
    after a later one of its own day was moved by hand: two ids swapped in the ledger, seals and all.

    >>> old = [Record("t", f"p000{n}", "live", "c", "2026-11-25") for n in (1, 2, 3)]
    >>> out_of_order(old, ["p0001", "p0003", "p0002", "p0009"])
    [('p0002', 'p0003')]
    """
    issued = {r.id: r.issued for r in old if r.id.startswith("p") and r.id[1:].isdigit()}
    last: dict[str, str] = {}           # day -> the id of that day that stands last so far
    found = []
    for anchor in anchors:
        day = issued.get(anchor)
        if day is None:
            continue
        before = last.get(day)
        if before is not None and int(before[1:]) > int(anchor[1:]):
            found.append((anchor, before))
        else:
            last[day] = anchor
    return found


def rehome(texts: list[str], anchors: list[str], records: list[Record]) -> list[Record]:
    """A retired id follows its content: when the paragraph it points to (say, a merged one that
    was split again) no longer holds it, it points to the paragraph that does, if any does."""
    live = set(anchors)
    successors = {r.id: r.successor for r in records if r.status == "retired"}
    cache: dict[int, frozenset[int]] = {}

    def share(record: Record, j: int) -> float:
        return survives(record.fingerprint, texts[j], grams_of(cache, j, texts[j]))

    updated = []
    for r in records:
        if r.status == "retired":
            target = anchors.index(resolve(successors, live, r.id)) if resolve(successors, live, r.id) in live else None
            if target is not None and share(r, target) < PART:
                best = max(range(len(texts)), key=lambda j: share(r, j), default=None)
                if best is not None and share(r, best) >= SURVIVES:
                    r = replace(r, successor=anchors[best])
        updated.append(r)
    return updated


def note_records(text_id: str, old: list[Record], notes, chapter_of_note: dict, today: str) -> list[Record]:
    """Notes keep their numbers (n1…); the ledger records each with its fingerprint."""
    issued = {r.id: r.issued for r in old}
    return [Record(text_id, f"n{n.number}", "live", chapter_of_note.get(n.number, "-"),
                   issued.get(f"n{n.number}", today), fingerprint=fingerprint(n.text)) for n in notes]


def resolve(retired: dict[str, str], live: set[str], anchor: str) -> str:
    """Follow successors until a live id: an old citation always lands somewhere that exists."""
    seen = set()
    while anchor not in live and anchor in retired and anchor not in seen:
        seen.add(anchor)
        anchor = retired[anchor]
    return anchor


def today() -> str:
    """The date under which newly issued or retired ids enter the ledger: SOURCE_DATE_EPOCH when
    set (reproducible builds), else the day the editor runs the build that writes the ledger. Only
    the ledger, a source the editors commit, takes this date; the site takes its dates from the
    ledger, so the same sources give the same site on any day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), timezone.utc).date().isoformat()
    return date.today().isoformat()


def anchor_text(text, ledger: Ledger, day: str):
    """The text with every paragraph anchored, its new ledger records (paragraphs, notes), and a
    warning for each retired id made live again (`revive`), at its ledger line."""
    old = ledger.of(text.source.id)
    flat = [(chapter.id, p) for chapter in text.chapters for p in chapter.paragraphs]
    paragraphs, retired, records = assign(text.source.id, old, [p for _, p in flat], [c for c, _ in flat], day)
    swapped = out_of_order(old, [p.anchor for p in paragraphs])
    if swapped:
        raise EditionError([Problem(f"sources/anchors.lock:{ledger.lines.get((text.source.id, moved), 1)}",
                                    f"{moved} of text {text.source.id} now stands after {after}, though both were "
                                    "issued the same day in reading order: an id was moved to another paragraph "
                                    "by hand (ids never move, and citations of both would land on the wrong "
                                    "paragraph); restore sources/anchors.lock from version control")
                            for moved, after in swapped])
    remaining = iter(paragraphs)
    chapters = tuple(replace(c, paragraphs=tuple(next(remaining) for _ in c.paragraphs)) for c in text.chapters)
    records += note_records(text.source.id, old, text.notes, text.note_chapters(), day)
    records += chapter_records(text.source.id, old, [c.id for c in text.chapters if c.id != "front"], records, day)
    records += text_records(text.source.id, old, ledger.renamed, day)
    anchors = {p.anchor for p in paragraphs}
    warnings = [f"sources/anchors.lock:{ledger.lines.get((text.source.id, r.id), 1)}: {r.id} of text "
                f"{text.source.id} was retired, but its paragraph is in the text again word for word: the id is "
                "live again (an id is never issued twice; commit sources/anchors.lock)"
                for r in old if r.status == "retired" and r.id in anchors]
    return replace(text, chapters=chapters, retired=retired), records, warnings


def text_records(text_id: str, old: list[Record], renamed: dict[str, str], day: str) -> list[Record]:
    """The ids the text was published under before it was renamed (`text/<old id>`, retired, kept
    forever): their addresses redirect to the text's own."""
    kept = [r for r in old if r.id.startswith("text/")]
    first = min((r.issued for r in old), default=day)
    return kept + [Record(text_id, f"text/{before}", "retired", "-", first, day, text_id, "-")
                   for before, after in sorted(renamed.items())
                   if after == text_id and f"text/{before}" not in {r.id for r in kept}]


def chapter_records(text_id: str, old: list[Record], slugs: list[str], records: list[Record], day: str) -> list[Record]:
    """Chapter paths ever published: a path that disappeared redirects to the chapter that now
    holds most of its paragraphs (recorded as `chapter/<slug>` with that successor)."""
    now = {r.id: r.chapter for r in records if r.status == "live" and r.id.startswith("p")}
    issued = {r.id: r for r in old if r.id.startswith("chapter/")}
    result = [Record(text_id, f"chapter/{slug}", "live", slug, issued[f"chapter/{slug}"].issued
                     if f"chapter/{slug}" in issued else day, fingerprint="-") for slug in slugs]
    for r in issued.values():
        if r.chapter in slugs:
            continue
        if r.status == "retired":
            result.append(r)
            continue
        where = Counter(now[p.id] for p in old if p.chapter == r.chapter and p.id in now)
        successor = where.most_common(1)[0][0] if where else (slugs[0] if slugs else "-")
        result.append(replace(r, status="retired", retired=day, successor=successor))
    return result


def history(records: list[Record], corrections: list) -> list[dict]:
    """The edition's versions, newest first: per date, the ids issued and retired and the
    corrections made (a correction without a date counts with the first version)."""
    days: dict[str, dict] = {}
    first = min((r.issued for r in records), default="")
    for r in records:
        days.setdefault(r.issued, {"issued": [], "retired": [], "corrections": []})["issued"].append(r)
        if r.status == "retired":
            days.setdefault(r.retired, {"issued": [], "retired": [], "corrections": []})["retired"].append(r)
    for item in corrections:
        day = item.date or first
        days.setdefault(day, {"issued": [], "retired": [], "corrections": []})["corrections"].append(item)
    return [{"date": day, **content} for day, content in sorted(days.items(), reverse=True)]
