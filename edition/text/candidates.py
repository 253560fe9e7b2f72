"""`python build_edition.py glossary-candidates`: names and titles in the texts no entry covers.

For editors extending the glossary: person names by jieba's part-of-speech tags (`nr`, run on the
simplified text, where jieba's model is trained) and bracketed titles that name a treaty-like
document (條約, 協定, 宣言…), each with its count and first place (text, paragraph or note).
"""
from __future__ import annotations

import re
from collections import Counter

from edition.core.inputs import Glossary

DOCUMENT = re.compile(r"[《〈]([^《》〈〉]{2,40}?"
                      r"(?:條約|条约|協定|协定|協議|协议|協約|协约|宣言|公告|照會|照会|議定書|议定书|換文|换文|聲明|声明))[》〉]")


def candidates(glossary: Glossary, texts_hans, texts_own) -> list[str]:
    """Report lines: people (count, form, first place), then documents."""
    import jieba  # here: jieba's tagger loads its dictionary when imported (0.2 s)
    import jieba.posseg
    jieba.setLogLevel(60)
    covered = {form for pair in glossary.form_pairs() for form in pair}
    covered |= {form for rule in glossary.rules for form in rule.forms}
    people: Counter[str] = Counter()
    first: dict[str, str] = {}
    for text in texts_hans:
        for paragraph in text.paragraphs:
            for word, flag in jieba.posseg.cut(paragraph.text):
                if flag == "nr" and len(word) >= 2 and not any(word in form or form in word for form in covered):
                    people[word] += 1
                    first.setdefault(word, f"{text.source.id} {paragraph.anchor}")
    documents: Counter[str] = Counter()
    where: dict[str, str] = {}
    for text in texts_own:
        units = [(p.anchor, p.text) for p in text.paragraphs]
        units += [(f"n{n.number}", n.text) for n in text.notes]
        for place, unit in units:
            for title in DOCUMENT.findall(unit):
                if not any(form in title for form in covered):
                    documents[title] += 1
                    where.setdefault(title, f"{text.source.id} {place}")
    lines = ["# person names no entry covers (jieba nr tags; count, name, first place)"]
    lines += [f"{count:4d}  {word}  {first[word]}" for word, count in people.most_common()]
    lines += ["", "# titles of treaty-like documents no entry covers (count, title, first place)"]
    lines += [f"{count:4d}  {title}  {where[title]}" for title, count in documents.most_common()]
    return lines
