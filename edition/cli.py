"""Command line: `python build_edition.py [build|serve|check|add-text|…]` (also `build-edition`).

Run in the edition folder (the one holding `sources/` and `mkdocs.yml`). Every mistake an editor
can make ends as `file:line: sentence` and exit status 1, never a traceback; a traceback means a
bug in the edition's code and exits with status 2.
"""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from edition.add_text import add_text
from edition.build import build
from edition.core.errors import EditionError
from edition.serve import check_port, serve

COMMANDS = {
    "build": "write site/ (both scripts, data exports) and build/audit/",
    "serve": "build, serve site/ at http://127.0.0.1:PORT/, rebuild and reload the browser on every change",
    "check": "run every stage and check, MkDocs included, in a temporary folder; write nothing",
    "glossary-candidates": "list names and treaty titles that no glossary entry covers",
    "conversion-review": "every disagreement of OpenCC and the second converter and every one-to-many "
                         "character, with its decision; exit 1 on an undecided or stale one",
    "add-text": "add-text PATH --id ID --title TITLE: copy a new extracted text into sources/, detect its "
                "script, notes and headings, write its entry in sources/edition.yml and report what it found; "
                "exit 0 when the edition then builds",
}


def parser() -> argparse.ArgumentParser:
    commands = "; ".join(f"{name}: {what}" for name, what in COMMANDS.items())
    cli = argparse.ArgumentParser(prog="build_edition.py", description=__doc__.splitlines()[0])
    cli.add_argument("command", nargs="?", default="build", choices=list(COMMANDS), help=commands)
    cli.add_argument("path", nargs="?", type=Path, help="add-text: the extracted text (UTF-8) to add")
    cli.add_argument("--id", help="add-text: the text's id (lowercase ASCII, in every URL)")
    cli.add_argument("--title", help="add-text: the title as the work prints it")
    cli.add_argument("--author", help="add-text: the author as printed (left out: unknown)")
    cli.add_argument("--script", choices=["hant", "hans"], help="add-text: the text's script (default: detected)")
    cli.add_argument("--type", dest="work_type", help="add-text: the work type (CSL: thesis, article-journal, "
                     "chapter, book, report, webpage, entry-encyclopedia, legislation, treaty, manuscript)")
    cli.add_argument("--meta", action="append", default=[], metavar="KEY=VALUE",
                     help="add-text: a metadata key of the work type (repeat: --meta journal=… --meta year=2001)")
    cli.add_argument("--port", type=int, default=8000, help="serve: the port on 127.0.0.1")
    cli.add_argument("--frozen", action="store_true",
                     help="fail if sources/anchors.lock would change (for CI, like a lockfile)")
    cli.add_argument("--new-ledger", action="store_true",
                     help="start a new sources/anchors.lock when there is none (only for a new edition)")
    cli.add_argument("--sources", type=Path, default=Path("sources"), help="the sources folder (default: ./sources)")
    cli.add_argument("--out", type=Path, default=Path("."), help="where site/ and build/ are written (default: .)")
    return cli


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # Absolute, but not resolved: a `sources` or `site` that is a symbolic link must stay one to be refused.
    sources, out = Path(os.path.abspath(args.sources)), Path(os.path.abspath(args.out))
    try:
        if args.command == "add-text":
            return _add_text(args, sources)
        if args.path is not None:
            print(f"{args.command}: unexpected argument '{args.path}' (only add-text takes a path)", file=sys.stderr)
            return 1
        if args.command == "glossary-candidates":
            return list_candidates(sources)
        if args.command == "conversion-review":
            return conversion_review(sources)
        if args.command == "serve":
            check_port(args.port)
        texts = build(sources, out, check=args.command == "check", frozen=args.frozen, new_ledger=args.new_ledger)
        for text in texts:
            print(f"{text.source.id}: {len(text.pages)} pages, {len(text.paragraphs)} paragraphs, "
                  f"{len(text.notes)} notes; conservation holds")
        if args.command == "serve":
            serve(lambda: build(sources, out), out / "site", [sources, sources.parent / "mkdocs.yml"],
                  args.port, writes=(sources / "anchors.lock",))
    except EditionError as error:
        print(f"{args.command} failed; nothing was written.\n{error.report()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopped; the previous site is untouched.", file=sys.stderr)
        return 130
    except OSError as error:   # the output folder not writable, the disk full, the port taken
        print(f"{args.command} failed: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except Exception:          # a bug in the edition's code, not an editor's mistake
        traceback.print_exc()
        print("internal error: please report it with the traceback above.", file=sys.stderr)
        return 2
    return 0


def _add_text(args: argparse.Namespace, sources: Path) -> int:
    missing = [f"--{name}" for name in ("id", "title") if not getattr(args, name)]
    if args.path is None or missing:
        print("add-text needs PATH, --id and --title: python build_edition.py add-text PATH --id ID --title TITLE",
              file=sys.stderr)
        return 1
    return add_text(sources, args.path, args.id, args.title, args.author, args.script, args.work_type,
                    tuple(args.meta))


def list_candidates(sources: Path) -> int:
    from edition.build import Timer, load_texts
    from edition.text.candidates import candidates
    from edition.text.conversion import edition_in
    anchored = load_texts(sources, Timer())
    simplified, _ = edition_in("hans", anchored)
    print("\n".join(candidates(anchored.config.glossary, simplified.texts, list(anchored.texts))))
    return 0


def conversion_review(sources: Path) -> int:
    """Print the review of both texts in both directions; exit 1 on an undecided or stale entry."""
    from edition.build import Timer, load_texts
    from edition.text import review
    anchored = load_texts(sources, Timer())
    findings, used, counted = review.review_both(anchored)
    for finding in findings:
        if finding.disagreement:
            print(f"{finding.text} {finding.place} -> {finding.target}: {finding.context}  OpenCC {finding.opencc}  "
                  f"zhconv {finding.second}  {finding.decision} {finding.where}".rstrip())
    print(review.agreed_summary(findings))
    print(review.summary(counted))
    failed = review.check_review(list(anchored.overrides), used, findings)
    if failed:
        print(EditionError(failed).report(), file=sys.stderr)
    return 1 if failed else 0
