"""Command line: `python build_edition.py [build|check]` (also installed as `build-edition`)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build
from .errors import EditionError

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_edition.py", description=__doc__)
    parser.add_argument("command", nargs="?", default="build", choices=["build", "check"],
                        help="build: write site/data and build/audit; check: run every stage and check, write nothing")
    parser.add_argument("--sources", type=Path, default=PROJECT / "sources", help="the sources folder")
    parser.add_argument("--out", type=Path, default=PROJECT, help="where site/ and build/ are written")
    args = parser.parse_args(argv)
    try:
        texts = build(args.sources, args.out, write=args.command == "build")
    except EditionError as error:
        print(f"build failed; nothing was written.\n{error.report()}", file=sys.stderr)
        return 1
    for text in texts:
        print(f"{text.source.id}: {len(text.pages)} pages, {len(text.paragraphs)} paragraphs, "
              f"{len(text.notes)} notes; conservation holds")
    return 0
