"""`python build_edition.py add-text PATH --id ID --title TITLE [...]`: take a new text into the edition.

1. refuse, before writing anything: a bad or taken id, a path that is not a file, a file that is
   not UTF-8, a work type that is unknown or lacks its required metadata (`sources.new_text`), an
   edition whose texts do not build as they are;
2. survey the text as today's reconstruction reads it (`text.survey`): script, note numbering,
   pages, furniture, notes, headings; print it, every undecided thing as `file:line`;
3. copy the file into sources/ (bytes unchanged) and append its entry, commented, to
   sources/edition.yml (the rest of the file untouched);
4. build the edition with it in check mode (every stage and MkDocs, nothing written). Exit 0 when
   it builds. When the new text itself cannot be reconstructed, sources/ is put back as it was;
   when it can but the edition does not build yet (a conversion decision to take), what was left
   is named with the problems, and the exit status is 1 either way.
"""
from __future__ import annotations

import contextlib
import io
from collections import Counter
from dataclasses import replace
from pathlib import Path

from edition.build import Timer, build, load_texts
from edition.core.encode import yaml_scalar as scalar
from edition.core.errors import EditionError, Problem, Problems, fail
from edition.core.inputs import TYPE_NAMES, WORK_TYPES, LayoutProfile, TextSource
from edition.core.model import BuiltText, heading_line
from edition.sources import schema
from edition.sources.new_text import Intake, NewText, add, read_new_text
from edition.text import review
from edition.text.survey import Survey, survey

DEFAULT_TYPE = "manuscript"    # the one type that needs no metadata beyond itself
WHOLE_TEXT = (("text", "全文"),)  # the one chapter of a text without chapter headings: all of it


def add_text(root: Path, path: Path, text_id: str, title: str, author: str | None = None,
             script: str | None = None, work_type: str | None = None, meta: tuple[str, ...] = ()) -> int:
    new = read_new_text(root, path, text_id)
    metadata = declared_metadata(work_type or DEFAULT_TYPE, meta)
    with contextlib.redirect_stdout(io.StringIO()):   # the edition as it is must build: else a failure
        load_texts(root, Timer(), cache=store(root))   # would be blamed on the text
    source = TextSource(text_id, f"sources/{new.name}", script or "hans", "global", title, False, author, metadata,
                        (), 1, "", new.lines, ())
    found = survey(source)
    counts = found.script_counts
    if script and script != found.script and counts[script] * 10 < counts[found.script]:
        names = {"hant": "traditional", "hans": "simplified"}
        raise fail("--script", f"the text is written in {names[found.script]} characters ({counts[found.script]} "
                   f"characters only {names[found.script]}, {counts[script]} only {names[script]}), not in "
                   f"{names[script]}: leave --script out, or give --script {found.script}; nothing was written")
    source = replace(source, script=script or found.script, notes=found.layout.numbering,
                     chapters=tuple((h.slug, h.label) for h in found.headings) or WHOLE_TEXT,
                     layout=found.layout.profile)
    print("\n".join(report(new, path, found, script)))
    block = entry_block(source, new, found, path, work_type is None)
    intake = add(root, new, block, repair_block(source.id, found.layout.glyphs))
    try:
        return _check(root, intake, new, block)
    except BaseException:          # a bug or an interruption: sources/ as it was, then the error
        intake.undo()
        raise


def store(root: Path) -> Path:
    """Where a build of the project stores its work (build/cache/): add-text reads and adds to it."""
    return root.parent / "build" / "cache"


def _check(root: Path, intake: Intake, new: NewText, block: str) -> int:
    """Build the edition with the new text in; undo when the text itself cannot be reconstructed."""
    text_id = new.id
    first, last = entry_lines(root, block)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            texts = load_texts(root, Timer(), cache=store(root))   # stages 1-7: the new text reconstructed
    except EditionError as error:
        intake.undo()
        tried = "\n".join(f"{number:5}  {line}" for number, line in enumerate(block.rstrip("\n").split("\n"), first))
        print(f"\nthe text does not build yet; sources/ is as it was (nothing added):\n{error.report()}\n"
              f"the entry it tried, as lines {first}-{last} of sources/edition.yml:\n{tried}")
        return 1
    built = next(t for t in texts.texts if t.source.id == text_id)
    print("\n".join(heading_levels(built)))
    print(f"entry: sources/edition.yml:{first}-{last}; rename the chapter slugs there now if you wish: "
          "once published they are in every URL")
    # The readings the two converters read apart, found before any page is made (the review is a
    # build's first check): OpenCC's reading proposed for each, then one build with them.
    proposed = ""
    keeps = proposed_readings(review.review_both(texts)[0], text_id)
    if keeps:
        start, end = append_readings(root, keeps, text_id)
        proposed = f" and the readings proposed at sources/conversion.yml:{start}-{end}"
        print(f"readings: {len(keeps)} where OpenCC and the second converter differ, proposed as OpenCC reads "
              f"them, for '{text_id}' alone: sources/conversion.yml:{start}-{end}; confirm or correct each")
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            build(root, root.parent, check=True)              # every stage and MkDocs, nothing written
    except EditionError as error:
        print(f"\nleft in place: sources/{new.name} and its entry at sources/edition.yml:{first}-{last}"
              f"{proposed}; the edition does not build yet:\n{error.report()}\n"
              "decide these (sources/conversion.yml for readings), then run: python build_edition.py")
        return 1
    print(f"\nthe edition builds with '{text_id}': run python build_edition.py to publish it")
    return 0


def proposed_readings(findings: list[review.Finding], text_id: str) -> list[dict] | None:
    """When every undecided reading of the review is one of the new text, a keep of OpenCC's
    reading for each character and reading, scoped to that text, naming the places (one keep for
    all of a character's places: contexts overlap, and a keep no place needs would be stale); else
    None (the build then reports them)."""
    undecided = [f for f in findings if f.decision == "undecided"]
    if any(f.text != text_id for f in undecided):
        return None
    places: dict[tuple[str, str, str, str], list[str]] = {}
    for f in undecided:
        places.setdefault((f.target, f.char, f.opencc, f.second), []).append(f.place.split(" ")[0])
    keeps = []
    for (target, char, opencc, second), where in places.items():
        shown = ", ".join(dict.fromkeys(where[:6])) + (" …" if len(set(where)) > 6 else "")
        keeps.append({"text": text_id, "into": target, "char": char, "keep": opencc,
                      "reason": f"proposed by add-text: OpenCC's reading {opencc} (zhconv reads {second}) in "
                                f"{len(where)} place(s): {shown}; confirm or correct"})
    return keeps or None


def append_readings(root: Path, keeps: list[dict], text_id: str) -> tuple[int, int]:
    """Append the proposed keeps to sources/conversion.yml; the lines they take."""
    path = root / "conversion.yml"
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = ["", f"# Proposed by add-text for '{text_id}': where OpenCC and zhconv read a character apart, "
             "OpenCC's reading, to be confirmed or corrected."]
    lines += ["- {" + ", ".join(f"{key}: {scalar(value)}" for key, value in keep.items()) + "}" for keep in keeps]
    text = before.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    start = before.rstrip("\n").count("\n") + 4
    return start, start + len(keeps) - 1


def declared_metadata(work_type: str, meta: tuple[str, ...]) -> dict:
    """`--type` and `--meta KEY=VALUE` as the metadata mapping; raises naming what is missing."""
    problems = Problems()
    if work_type not in TYPE_NAMES:
        raise EditionError([Problem("--type", f"unknown work type '{work_type}'; known: {', '.join(TYPE_NAMES)}")])
    kind = WORK_TYPES[TYPE_NAMES[work_type]]
    metadata: dict = {"type": work_type}
    for item in meta:
        key, sep, value = item.partition("=")
        if not sep or key not in kind.keys:
            problems.add("--meta", f"'{item}' is not KEY=VALUE with a key of a {kind.name} ({', '.join(kind.keys)})")
            continue
        integer = "integer" in str(schema.METADATA_KEYS[key].get("type")) and value.isdigit()
        metadata[key] = int(value) if integer else value
    missing = [key for key in kind.required if key not in metadata]
    if missing:
        problems.add("--type", f"a {kind.name} needs " + " ".join(f"--meta {key}=…" for key in missing))
    problems.raise_if_any()
    schema.validate(metadata, schema.METADATA, "--meta", problems)
    problems.raise_if_any()
    return metadata


def report(new: NewText, path: Path, found: Survey, script: str | None) -> list[str]:
    where = f"sources/{new.name}"
    lines = [f"add-text: {path} -> {where} ({len(new.data)} bytes, sha256 {new.sha256[:12]}…)"]
    counts = found.script_counts
    detected = f"{counts['hant']} characters only traditional, {counts['hans']} only simplified"
    declared = f"declared; detected {found.script}: " if script and script != found.script else ""
    lines.append(f"script: {script or found.script} ({declared}{detected})")
    lines += found.layout.lines()
    lines.append(f"notes numbered: {found.layout.numbering}")
    lines.append(f"chapters: {len(found.headings)}")
    lines += [f"  {heading_line(h.label, h.title)} -> slug {h.slug} ({where}:{h.line})" for h in found.headings]
    if not found.problems:
        lines.append("undecided: nothing")
    return lines


def heading_levels(text: BuiltText) -> list[str]:
    levels = Counter(p.level for c in text.chapters for p in c.paragraphs if p.kind == "heading")
    return ["built with it, headings: " + ", ".join(f"level {level}: {n}" for level, n in sorted(levels.items()))]


def entry_block(source: TextSource, new: NewText, found: Survey, path: Path, default_type: bool) -> str:
    """The text's entry as edition.yml's editors write it, with comments saying what was detected."""
    kind = WORK_TYPES[TYPE_NAMES[source.metadata["type"]]]
    counts = found.script_counts
    lines = [f"  # '{source.id}': added by add-text from {path.name}. Check it against what add-text printed:",
             "  # the title and author as the work prints them; the metadata of its type",
             f"  # ({kind.name}: required {', '.join(kind.required) or 'nothing more'}; "
             f"optional {', '.join(kind.optional)});",
             "  # the chapter slugs, which are in every URL: rename them before the first build that",
             "  # publishes them, never after.",
             f"  - id: {source.id}",
             f"    file: {new.name}",
             f"    sha256: {new.sha256}",
             f"    script: {source.script}          # detected: {counts['hant']} characters only traditional, "
             f"{counts['hans']} only simplified",
             f"    notes: {source.notes}          # detected: {found.layout.markers} of {found.layout.notes} "
             "notes linked",
             f"    title: {scalar(source.title)}",
             f"    author: {scalar(source.author)}" + ("" if source.author else "   # not given: unknown, not guessed")]
    if "remove_page_number" not in found.layout.furniture:
        lines.append("    first_printed_page: 1   # no printed page number was found; the first page is counted as 1")
    lines += layout_lines(found.layout.profile)
    lines.append("    metadata:")
    lines.append(f"      type: {source.metadata['type']}" + ("   # the default: give the real type (--type)"
                                                              if default_type else ""))
    lines += [f"      {key}: {scalar(value)}" for key, value in source.metadata.items() if key != "type"]
    lines.append("    chapters:           # the headings found; a slug is lowercase ASCII and in every URL")
    lines += [f"      - {{slug: {h.slug}, label: {scalar(h.label)}}}   # {h.label}{h.title[:30]}, "
              f"sources/{new.name}:{h.line}" for h in found.headings]
    if not found.headings:
        slug, label = WHOLE_TEXT[0]
        lines.append(f"      - {{slug: {slug}, label: {label}}}   # no chapter heading was found: the whole text "
                     "is one page")
    return "\n".join(lines) + "\n"


def repair_block(text_id: str, glyphs: dict[str, str]) -> str:
    """The font forms found (a CJK font's centred ellipsis '⋯' for '…') as sources/glyphs.yml
    entries for this text alone, with a comment: the editor deletes one to keep the character
    as extracted. Each repair is then made and listed in the text's audit, as every other."""
    if not glyphs:
        return ""
    lines = [f"# '{text_id}': added by add-text, the characters its PDF's font set in place of others;",
             "# delete an entry to keep the character as extracted."]
    for wrong, right in glyphs.items():
        reason = f"font form: U+{ord(wrong):04X} extracted where the print shows U+{ord(right):04X}"
        lines += [f"- text: {text_id}", f"  wrong: {scalar(wrong)}", f"  right: {scalar(right)}",
                  f"  reason: {scalar(reason)}"]
    return "\n".join(lines) + "\n"


def layout_lines(profile: LayoutProfile) -> list[str]:
    """The detected layout profile as the entry's `layout:` mapping (README, "Adding a text")."""
    keys = {key: getattr(profile, key) for key in ("pages", "furniture", "headings", "paragraphs", "page_numbers")}
    shown = [f"      {key}: " + (f"[{', '.join(scalar(v) for v in value)}]" if isinstance(value, tuple) else value)
             for key, value in keys.items() if value]
    return ["    layout:             # detected; adjust a key, or delete it to have it detected again"] + shown \
        if shown else []


def entry_lines(root: Path, block: str) -> tuple[int, int]:
    """The first and last line of `block` in sources/edition.yml, as written."""
    lines = (root / "edition.yml").read_text(encoding="utf-8").split("\n")
    first_line = block.split("\n", 1)[0]
    first = lines.index(first_line) + 1
    return first, first + block.rstrip("\n").count("\n")
