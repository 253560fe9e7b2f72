"""Measure built texts against the corpus: `compare` from the command line.

    python -m tests.corpus.measure site/data/<id>.<script>.json tests/corpus/<text>/truth.yml

Prints the report's summary and every problem; exit 0 when the text passes issue 19's bar, 1 when
not. For an editor or developer checking a reconstruction by hand; the tests call `compare` directly.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from tests.corpus.compare import compare


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    export = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    truth = yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8"))
    report = compare(export, truth)
    print(f"{argv[0]} against {argv[1]}: {'passes' if report.passes() else 'fails'}")
    print(report.summary())
    return 0 if report.passes() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
