"""Stage 9, glossary: the people, treaties and conferences of `sources/glossary/`, and every mention.

In: the glossary (entries and rules, read and checked by the load stage) and a script's edition
(texts already in that script: the conversion has run, so forms are matched in the output script).
Out: `Glossary` (validated entries and rules) and `Mention`s in paragraphs and notes. Never changes
a text.

Matching: leftmost-longest over every form of every entry in the script at hand (forms are
declared as [traditional, simplified] pairs), never one character. Precision first:
- a person inside a title of a work (`《蔣介石日記》`, `〈蔣中正電宋子文…〉`) is the work, not a
  mention, and is not linked;
- a treaty inside brackets is a mention only when the brackets hold exactly its name
  (`《中蘇友好同盟條約》`), not when it is part of a work's title;
- forms that name different entries in different places (`中蘇條約`) are resolved only by the
  declared rules of `rules.yml`, and left unlinked where no rule applies.
"""
from __future__ import annotations

import re

from edition.core.errors import Problem
from edition.core.inputs import Glossary, Rule
from edition.core.model import Mention
from edition.core.scripts import SCRIPT_INDEX
from edition.text.conversion import Converter

BRACKETS = {"《": "》", "〈": "〉"}


def _haystacks(texts) -> dict[str, str]:
    """All paragraphs and notes of the texts written in each script, in that script."""
    return {script: "\n".join(p.text for t in texts if t.source.script == script for p in t.paragraphs)
            + "\n".join(n.text for t in texts if t.source.script == script for n in t.notes)
            for script in SCRIPT_INDEX}


def unused_forms(glossary: Glossary, texts) -> list[str]:
    """Warnings for forms found in no text (each text searched in its own script)."""
    haystacks = _haystacks(texts)
    return [f"{entry.where}: form '{pair[0]}' / '{pair[1]}' of '{entry.id}' is never found in the texts"
            for entry in glossary.entries.values() for pair in entry.forms
            if pair[0] not in haystacks["hant"] and pair[1] not in haystacks["hans"]]


def respelling_pairs(glossary: Glossary, texts) -> list[Problem]:
    """A pair may keep a form through the conversion, never respell it into a form that neither
    text uses. A pair fails when its source side occurs in a text and its converted side in none,
    and the converted side either differs from OpenCC's plain conversion of the source side or
    replaces a form the texts already write in the target script: [王世傑, 王世杰] would print 王世傑
    in the traditional article, where the thesis, in traditional script, writes 王世杰 too. A form
    the target script's character set cannot write is no such spelling: a traditional text's note
    that cites a simplified title (《毛泽东，斯大林与朝鲜战争》) decides nothing about 毛澤東."""
    haystacks = _haystacks(texts)
    problems = []
    for source, target in (("hans", "hant"), ("hant", "hans")):
        plain = Converter(source, target, [], quotes=False)
        for entry in glossary.entries.values():
            # An entry made without `form_where` (its default, ()) has no places to report: skipped.
            for pair, where in zip(entry.forms, entry.form_where, strict=False):
                form, converted = pair[SCRIPT_INDEX[source]], pair[SCRIPT_INDEX[target]]
                if form not in haystacks[source] or any(converted in h for h in haystacks.values()):
                    continue
                if form in haystacks[target] and _writable(form, target):
                    why = f"a text in {target} writes {form} itself"
                elif converted != plain(form):
                    why = f"its plain conversion is {plain(form)}"
                else:
                    continue
                problems.append(Problem(where, f"the pair [{pair[0]}, {pair[1]}] of '{entry.id}' respells {form} as "
                                f"{converted}, a form no text uses ({why}); declare the form the texts write"))
    return problems


# The character sets of the two scripts: Big5 holds the traditional characters, GB 2312 the simplified.
CHARACTER_SETS = {"hant": "big5", "hans": "gb2312"}


def _writable(form: str, script: str) -> bool:
    """Whether `form` can be written in `script`'s own character set (毛泽东 cannot in traditional).

    >>> _writable("王世杰", "hant"), _writable("毛泽东", "hant"), _writable("毛澤東", "hans")
    (True, False, False)
    """
    try:
        form.encode(CHARACTER_SETS[script])
    except UnicodeEncodeError:
        return False
    return True


class Matcher:
    """Finds the mentions of one script's forms in a text of that script."""

    def __init__(self, glossary: Glossary, script: str):
        index = SCRIPT_INDEX[script]
        self.glossary = glossary
        self.entry_of = {pair[index]: entry.id for entry in glossary.entries.values() for pair in entry.forms}
        self.rules: dict[str, list[Rule]] = {}
        for rule in glossary.rules:
            self.rules.setdefault(rule.forms[index], []).append(rule)
        forms = sorted(set(self.entry_of) | set(self.rules), key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(form) for form in forms))

    def find(self, text: str, text_id: str) -> list[tuple[str, int, int]]:
        """(entry id, offset, length) of every mention in `text`."""
        spans = bracket_spans(text)
        found = []
        for match in self.pattern.finditer(text):
            entry_id = self.entry_of.get(match.group()) or self._by_rule(match, text, text_id)
            if entry_id and self._stands_alone(entry_id, match, spans, text):
                found.append((entry_id, match.start(), match.end() - match.start()))
        return found

    def _by_rule(self, match: re.Match, text: str, text_id: str) -> str | None:
        for rule in self.rules.get(match.group(), []):
            when = rule.when
            if "preceded_by" in when and not text[:match.start()].endswith(when["preceded_by"]):
                continue
            if "paragraph_mentions" in when and when["paragraph_mentions"] not in text:
                continue
            if "text" in when and when["text"] != text_id:
                continue
            return rule.entry
        return None

    def _stands_alone(self, entry_id: str, match: re.Match, spans, text: str) -> bool:
        enclosing = [(a, b) for a, b in spans if a < match.start() and match.end() <= b]
        if not enclosing:
            return True
        if self.glossary.entries[entry_id].group == "person" or len(enclosing) != 1:
            return False  # a name inside a work's title is the work
        start, end = enclosing[0]
        return text[start + 1:end - 1] == match.group()


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """Spans [open, close] of every 《…》 and 〈…〉, nested ones included."""
    spans, stack = [], []
    for index, char in enumerate(text):
        if char in BRACKETS:
            stack.append((char, index))
        elif stack and char == BRACKETS[stack[-1][0]]:
            spans.append((stack.pop()[1], index + 1))
    return spans


def find_mentions(glossary: Glossary, texts, script: str) -> list[Mention]:
    """Every mention in the paragraphs (headings aside) and notes of `texts`, all in `script`."""
    matcher = Matcher(glossary, script)
    mentions = []
    for text in texts:
        chapter_of_note = text.note_chapters()
        for chapter in text.chapters:
            for paragraph in chapter.paragraphs:
                if paragraph.kind not in ("heading", "table"):
                    mentions += [Mention(e, text.source.id, chapter.id, paragraph.anchor, None, o, n)
                                 for e, o, n in matcher.find(paragraph.text, text.source.id)]
        for note in text.notes:
            mentions += [Mention(e, text.source.id, chapter_of_note.get(note.number, ""), None, note.number, o, n)
                         for e, o, n in matcher.find(note.text, text.source.id)]
    return mentions
