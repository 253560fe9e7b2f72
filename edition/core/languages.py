"""Runs of another language inside the Chinese texts: the one definition every stage uses.

A run is Latin or Cyrillic (an English or Russian title, a name: `Joseph Stalin`, `Иосиф Сталин`)
or a Japanese stretch (with at least one kana, between Chinese punctuation). The conversion never
converts a run, the pages tag each with its `lang`, TEI with `xml:lang`. The Japanese pattern is
slow on long texts, so each user tries it only where `KANA` finds a kana.

>>> [m.group(0) for m in FOREIGN.finditer("見 Joseph Stalin，與 Иосиф Сталин。")]
['Joseph Stalin', 'Иосиф Сталин']
>>> [m.lastgroup for m in BY_LANGUAGE.finditer("〈ソ連の対外政策〉，FRUS")]
['ja', 'en']
>>> [m.group(0) for m in FOREIGN.finditer("石井明『中ソ』，x onerror=fzjs()>石井明『中ソ』，明=fzjs()>ソ連")]
['石井明『中ソ』', 'x onerror', 'fzjs()', '石井明『中ソ』', 'fzjs()', 'ソ連']
"""
from __future__ import annotations

import re

LATIN_LETTERS = "A-Za-z\u00c0-\u024f"
CYRILLIC_LETTERS = "\u0400-\u04ff"


def _run(letters: str) -> str:
    """A run begins with a letter and goes on over letters, digits, spaces and the punctuation of
    a Western title (`FRUS, 1945, Vol. VII`)."""
    return rf"[{letters}][{letters}0-9 .,'’:;&/()\-]*"


LATIN = _run(LATIN_LETTERS)
CYRILLIC = _run(CYRILLIC_LETTERS)
LATIN_OR_CYRILLIC = _run(LATIN_LETTERS + CYRILLIC_LETTERS)   # one run: `Joseph Stalin/ Иосиф Сталин`
KANA = re.compile(r"[\u3040-\u30ff]")
# A Japanese stretch opens with a kana or with a character that is neither an ASCII letter nor ASCII
# punctuation, and holds no markup's characters (< > = " ' `): a Latin run or markup around it is
# no part of it ('src=x onerror=ソ連' and '明=fzjs()>ソ連' keep 'ソ連' alone).
_NOT_IN_JAPANESE = "；。，：（）《》“”\\s<>=\"'`"
JAPANESE = (rf"(?:[^{_NOT_IN_JAPANESE}A-Za-z\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e][^{_NOT_IN_JAPANESE}]*)?"
            rf"[\u3040-\u30ff][^{_NOT_IN_JAPANESE}]*")
LETTER = re.compile(f"[{LATIN_LETTERS}{CYRILLIC_LETTERS}]")
TWO_LETTERS = re.compile(f"[{LATIN_LETTERS}{CYRILLIC_LETTERS}]{{2}}")
CYRILLIC_LETTER = re.compile(f"[{CYRILLIC_LETTERS}]")

# Japanese or Latin-or-Cyrillic runs (the pages tell Russian by its letters); without kana in the
# text, the second pattern skips the slow Japanese one.
FOREIGN = re.compile(rf"(?P<ja>{JAPANESE})|(?P<latin>{LATIN_OR_CYRILLIC})")
FOREIGN_WITHOUT_KANA = re.compile(rf"(?P<ja>(?!))|(?P<latin>{LATIN_OR_CYRILLIC})")
# Runs by language, Latin and Cyrillic told apart (TEI's xml:lang).
BY_LANGUAGE = re.compile(rf"(?P<ja>{JAPANESE})|(?P<ru>{CYRILLIC})|(?P<en>{LATIN})")
BY_LANGUAGE_WITHOUT_KANA = re.compile(rf"(?P<ru>{CYRILLIC})|(?P<en>{LATIN})")
