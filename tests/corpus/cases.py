"""The corpus as test cases: one per text and extraction, each with its ground truth.

For the end-to-end test (add-text each extraction, build, `compare` the export with the truth):

    @pytest.mark.parametrize("case", cases(), ids=str)
    def test_...(case): ... add-text case.extraction --id case.text_id ...; compare(export, case.truth())

Reads only files under tests/corpus/; needs none of the tools that made them.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent
EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdfminer", "pymupdf")


@dataclass(frozen=True)
class Case:
    """One extraction of one corpus text."""
    text_id: str
    extractor: str

    @property
    def extraction(self) -> Path:
        return CORPUS / self.text_id / "extract" / f"{self.extractor}.txt"

    def truth(self) -> dict:
        """The text's ground truth (shared by its cases and read once a process: never change it)."""
        return _truth(self.text_id)

    def __str__(self) -> str:
        return f"{self.text_id}-{self.extractor}"


@functools.cache
def _truth(text_id: str) -> dict:
    # libyaml's loader where PyYAML has it: every test process reads every truth file to collect
    return yaml.load((CORPUS / text_id / "truth.yml").read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def text_ids() -> list[str]:
    """Every corpus text that has a ground truth."""
    return sorted(path.parent.name for path in CORPUS.glob("*/truth.yml"))


def cases() -> list[Case]:
    """Every (text, extractor) pair whose extraction is committed."""
    return [Case(text_id, extractor) for text_id in text_ids() for extractor in EXTRACTORS
            if Case(text_id, extractor).extraction.exists()]
