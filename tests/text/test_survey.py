"""What add-text reports on a text (edition/text/survey.py), checked on the seeds against what
design.md and the seeds' own declarations say by hand: the thesis is traditional, its 320 notes
numbered through the text, six chapters 第一章…第六章; the article is simplified, its 145 notes
numbered per page, five sections 一、…五、."""
from dataclasses import replace

import pytest

from edition.text.survey import script_counts, slug_of, survey


@pytest.mark.parametrize("text_id, script, notes, count, labels", [
    ("manchuria", "hant", "global", 320, ["第一章", "第二章", "第三章", "第四章", "第五章", "第六章"]),
    ("mongolia", "hans", "per-page", 145, ["一、", "二、", "三、", "四、", "五、"]),
])
def test_the_seeds_are_surveyed_as_they_were_declared(config, text_id, script, notes, count, labels):
    source = next(t for t in config.texts if t.id == text_id)
    undeclared = replace(source, notes="global" if notes == "per-page" else "per-page", chapters=())
    found = survey(undeclared)
    assert (found.script, found.layout.numbering) == (script, notes)
    assert (found.layout.notes, found.layout.markers, found.layout.unmatched) == (count, count, [])
    assert [h.label for h in found.headings] == labels


def test_script_counts_tell_the_scripts_apart():
    assert script_counts("這個國家的經濟") == {"hant": 5, "hans": 0}
    assert script_counts("这个国家的经济") == {"hant": 0, "hans": 5}
    assert script_counts("中文 and 1945") == {"hant": 0, "hans": 0}      # nothing either script alone writes


def test_a_slug_is_lowercase_ascii_words():
    assert slug_of("莫斯科談判前之東北問題") == "mo-si-ke-tan"
    assert slug_of("“北塔山事件”") == "bei-ta-shan-shi"
    assert slug_of("，。") == ""
