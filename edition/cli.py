"""Command line: `python build_edition.py [build|serve|check]` (also installed as `build-edition`)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build
from .errors import EditionError
from .serve import serve

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_edition.py", description=__doc__)
    parser.add_argument("command", nargs="?", default="build", choices=["build", "serve", "check", "glossary-candidates",
                                                                   "conversion-review"],
                        help="build: write site/ and build/audit; serve: build, serve site/ and rebuild on "
                             "changes; check: run every stage and check, write nothing; glossary-candidates: "
                             "list names and treaty titles that no glossary entry covers; conversion-review: "
                             "every disagreement of OpenCC and the second converter and every one-to-many "
                             "character, with its decision")
    parser.add_argument("--port", type=int, default=8000, help="serve: the port on 127.0.0.1")
    parser.add_argument("--frozen", action="store_true",
                        help="fail if sources/anchors.lock would change (for CI, like a lockfile)")
    parser.add_argument("--sources", type=Path, default=PROJECT / "sources", help="the sources folder")
    parser.add_argument("--out", type=Path, default=PROJECT, help="where site/ and build/ are written")
    args = parser.parse_args(argv)
    if args.command == "glossary-candidates":
        return list_candidates(args.sources)
    if args.command == "conversion-review":
        return conversion_review(args.sources)
    try:
        texts = build(args.sources, args.out, write=args.command != "check", frozen=args.frozen)
    except EditionError as error:
        print(f"build failed; nothing was written.\n{error.report()}", file=sys.stderr)
        return 1
    for text in texts:
        print(f"{text.source.id}: {len(text.pages)} pages, {len(text.paragraphs)} paragraphs, "
              f"{len(text.notes)} notes; conservation holds")
    if args.command == "serve":
        watched = [args.sources, PROJECT / "templates", PROJECT / "mkdocs.yml"]
        serve(lambda: build(args.sources, args.out), args.out / "site", watched, args.port)
    return 0


def list_candidates(sources: Path) -> int:
    from .build import Timer, edition_in, load_texts
    from .candidates import candidates
    try:
        config, texts, glossary, overrides, _ = load_texts(sources, Timer())
    except EditionError as error:
        print(error.report(), file=sys.stderr)
        return 1
    simplified, _ = edition_in("hans", config, texts, overrides)
    print("\n".join(candidates(glossary, simplified.texts, texts)))
    return 0


def conversion_review(sources: Path) -> int:
    """Print the review of both texts in both directions; exit 1 on an undecided or stale entry."""
    from . import review
    from .build import Timer, check_review, load_texts, review_both
    try:
        config, texts, _, overrides, _ = load_texts(sources, Timer())
    except EditionError as error:
        print(error.report(), file=sys.stderr)
        return 1
    findings, used, counted = review_both(config, texts, overrides)
    for finding in findings:
        if finding.disagreement:
            print(f"{finding.text} {finding.place} -> {finding.target}: {finding.context}  OpenCC {finding.opencc}  "
                  f"zhconv {finding.second}  {finding.decision} {finding.where}".rstrip())
    print(review.agreed_summary(findings))
    print(review.summary(counted))
    failed = check_review(overrides, used, findings)
    if failed:
        print(EditionError(failed).report(), file=sys.stderr)
    return 1 if failed else 0
