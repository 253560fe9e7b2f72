"""The anchor ledger: every id ever issued keeps resolving to the paragraph carrying its content."""
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.core.model import Paragraph
from edition.text.anchors import assign, resolve


def paragraphs_of(texts):
    return [Paragraph("body", text, (1,), (1,)) for text in texts]


def build(records, texts, day):
    """One build: (anchors in order, every retired id -> live id, new records)."""
    anchored, retired, new_records = assign("t", records, paragraphs_of(texts), ["c"] * len(texts), day)
    return [p.anchor for p in anchored], retired, new_records


@st.composite
def edits(draw):
    """A sequence of editors' changes: (operation, position seed, extra seed)."""
    operations = st.sampled_from(["edit", "split", "join", "delete", "insert", "move"])
    return draw(st.lists(st.tuples(operations, st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=12))


def apply(document, operations, rng):
    """Apply edits to a document held as paragraphs of (character, id it came from) pairs, so
    that after any edits we know exactly which paragraph holds how much of each original one."""
    for operation, a, b in operations:
        if not document:
            break
        i = a % len(document)
        chars = document[i]
        if operation == "edit" and len(chars) >= 30:
            chars = list(chars)
            for k in range(1 + b % 3):                      # a few characters changed
                chars[(b * (k + 7)) % len(chars)] = ("錯", frozenset())
            document[i] = chars
        elif operation == "split" and len(chars) >= 20:
            cut = 5 + b % (len(chars) - 10)
            document[i:i + 1] = [chars[:cut], chars[cut:]]
        elif operation == "join" and i + 1 < len(document):
            document[i:i + 2] = [chars + document[i + 1]]
        elif operation == "delete" and len(document) > 1:
            del document[i]
        elif operation == "insert":
            new = "".join(rng.choice("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥") for _ in range(20 + b % 40))
            document.insert(i, [(char, frozenset()) for char in new])
        elif operation == "move":
            moved = document.pop(i)
            document.insert(b % (len(document) + 1), moved)
    return document


def text_of(paragraph) -> str:
    return "".join(char for char, _ in paragraph)


def shares(paragraph, lengths) -> dict:
    counts = Counter(tag for _, tags in paragraph for tag in tags)
    return {tag: count / lengths[tag] for tag, count in counts.items()}


@pytest.fixture(scope="module")
def real(built):
    """The article's paragraphs (51: kept small for speed), from the session's built texts."""
    return [p.text for p in built["mongolia"].paragraphs]


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(first=edits(), second=edits(), seed=st.integers(0, 1000))
def test_every_anchor_ever_issued_resolves_to_its_content(first, second, seed, real):
    """Content is what a reader saw under the id: characters are tagged with every id they were
    published under, so a citation is judged against the text it cited."""
    rng = random.Random(seed)
    anchors, _, records = build([], real, "2026-01-01")
    document = [[(char, frozenset([anchor])) for char in text] for text, anchor in zip(real, anchors, strict=True)]
    lengths = {anchor: len(text) for text, anchor in zip(real, anchors, strict=True)}
    issued = set(anchors)
    for day, operations in (("2026-02-01", first), ("2026-03-01", second)):
        document = apply(document, operations, rng)
        before = {r.id for r in records}
        anchors, retired, records = build(records, [text_of(p) for p in document], day)
        assert not (set(anchors) - before) & before       # an id is never reused
        assert len(set(anchors)) == len(anchors)
        issued |= set(anchors)
        holder = {anchor: shares(p, lengths) for anchor, p in zip(anchors, document, strict=True)}
        for old in issued:
            live = resolve(retired, set(anchors), old)
            assert live in holder, f"{old} resolves to nothing"
            kept = max(held.get(old, 0) for held in holder.values())
            if kept >= 0.5:  # most of what was cited is still in one paragraph: it must land on a holder
                assert holder[live].get(old, 0) > 0, f"{old} resolves to {live}, which does not hold its content"
        document = [[(char, tags | {anchor}) for char, tags in p] for p, anchor in zip(document, anchors, strict=True)]
        lengths.update({anchor: len(p) for p, anchor in zip(document, anchors, strict=True)})


def test_unchanged_text_changes_no_id_and_a_split_keeps_the_first_part(real):
    anchors, _, records = build([], real, "2026-01-01")
    again, retired, _ = build(records, real, "2026-02-01")
    assert again == anchors and retired == {}
    text = real[10]
    split = real[:10] + [text[:len(text) // 2], text[len(text) // 2:]] + real[11:]
    after, retired, _ = build(records, split, "2026-02-01")
    assert after[10] == anchors[10] and after[11] not in anchors and retired == {}
    joined = real[:10] + [real[10] + real[11]] + real[12:]
    after, retired, _ = build(records, joined, "2026-02-01")
    assert after[10] == anchors[10] and retired == {anchors[11]: anchors[10]}
