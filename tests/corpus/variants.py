"""The corpus PDFs extracted with other options than the committed extractions, measured against
their ground truth: cases nobody wrote, for the reconstruction's robustness (issue 19).

    python -m tests.corpus.variants extract OUT    # needs poppler's pdftotext, pymupdf, pdfminer.six
    python -m tests.corpus.variants measure OUT    # needs only this checkout

`extract` writes OUT/<text>/<variant>.txt for every corpus text with a PDF; `measure` reads each
as `tests/text/test_corpus.py` reads a committed extraction (the profile detected, no hand edit)
and prints, per variant, how many texts pass issue 19's bar and the summary of each that does not.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.corpus.cases import CORPUS, Case, text_ids

# variant -> what it is: poppler's and PyMuPDF's and pdfminer.six's other common ways of reading
VARIANTS = {
    "pdftotext-raw": "pdftotext -raw (content-stream order)",
    "pdftotext-nopgbrk": "pdftotext -nopgbrk (no form feeds)",
    "pdftotext-layout-nopgbrk": "pdftotext -layout -nopgbrk",
    "pymupdf-sort": "PyMuPDF get_text(sort=True), pages joined as they come",
    "pymupdf-formfeed": "PyMuPDF get_text(), pages joined by form feeds",
    "pymupdf-blocks": "PyMuPDF get_text('blocks'), each block a line or more, pages joined by form feeds",
    "pdfminer-noflow": "pdfminer.six extract_text with LAParams(boxes_flow=None)",
}


@dataclass(frozen=True)
class Variant(Case):
    """One variant extraction of one corpus text, read from `folder`."""
    folder: Path = Path()

    @property
    def extraction(self) -> Path:
        return self.folder / self.text_id / f"{self.extractor}.txt"


def extract(out: Path) -> None:
    import pymupdf
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams
    for text_id in text_ids():
        pdf = CORPUS / text_id / f"{text_id}.pdf"
        if not pdf.exists():
            continue
        folder = out / text_id
        folder.mkdir(parents=True, exist_ok=True)
        for name, options in (("pdftotext-raw", ["-raw"]), ("pdftotext-nopgbrk", ["-nopgbrk"]),
                              ("pdftotext-layout-nopgbrk", ["-layout", "-nopgbrk"])):
            subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), str(folder / f"{name}.txt")], check=True)
        with pymupdf.open(pdf) as document:
            (folder / "pymupdf-sort.txt").write_text("".join(page.get_text(sort=True) for page in document),
                                                     encoding="utf-8")
            (folder / "pymupdf-formfeed.txt").write_text("\f".join(page.get_text() for page in document),
                                                         encoding="utf-8")
            (folder / "pymupdf-blocks.txt").write_text(
                "\f".join("".join(block[4].rstrip("\n") + "\n" for block in page.get_text("blocks"))
                           for page in document), encoding="utf-8")
        (folder / "pdfminer-noflow.txt").write_text(extract_text(str(pdf), laparams=LAParams(boxes_flow=None)),
                                                    encoding="utf-8")


def measure(out: Path) -> None:
    from tests.text.test_corpus import measure as measured
    for variant, what in VARIANTS.items():
        cases = [Variant(text_id, variant, out) for text_id in text_ids()]
        reports = [(case, measured(case)) for case in cases if case.extraction.exists()]
        print(f"{variant} ({what}): {sum(report.passes() for _, report in reports)} of {len(reports)} pass")
        for case, report in reports:
            if not report.passes():
                print(f"  {case.text_id}: {report.summary().splitlines()[0]}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("extract", "measure"):
        sys.exit(__doc__.strip().splitlines()[3].strip())
    (extract if sys.argv[1] == "extract" else measure)(Path(sys.argv[2]))
