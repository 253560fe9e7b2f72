"""The two scripts of the edition, defined once.

A script is named by its key everywhere (`hant`, `hans`): in URLs (`site/hant/`), file names
(`<text>.hans.json`), the sources (`script: hant`) and the interface strings.
"""
from __future__ import annotations

SCRIPTS = ("hant", "hans")
# Position of each script in a glossary form pair, written [traditional, simplified].
SCRIPT_INDEX = {"hant": 0, "hans": 1}
# The language tag of each script's pages (BCP 47).
LANG = {"hant": "zh-Hant", "hans": "zh-Hans"}
# OpenCC's configuration for each (source, target): Taiwan's standard characters, no regional
# vocabulary (the author's wording is kept).
OPENCC_CONFIGS = {("hans", "hant"): "s2tw", ("hant", "hans"): "tw2s"}


def other(script: str) -> str:
    """The script that is not `script`.

    >>> other("hant"), other("hans")
    ('hans', 'hant')
    """
    return "hans" if script == "hant" else "hant"
