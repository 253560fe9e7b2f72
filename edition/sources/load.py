"""Stage 1, load: read and validate everything under `sources/` into one typed model.

In: the sources folder (and the site address in the project's `mkdocs.yml`). Out: `EditionConfig`:
the texts with their raw lines and re-keyed tables, the glyph repairs, the corrections, the
conversion overrides, the glossary and the published anchor ledger. Each file
is checked against its declared schema (`edition/schema.py`) and then for what a schema cannot
say (unique ids, entries that refer to each other); every problem is collected and reported at
once with `file:line`. No later stage reads a source file.

Paths never leave `sources/`: a file named in `edition.yml` is a plain relative path, checked
before anything is opened, so a hostile path neither reads a file elsewhere nor reveals whether
one exists. Never writes anything, never repairs a raw file.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from edition.core.characters import INVISIBLE
from edition.core.errors import EditionError, Problems, fail
from edition.core.inputs import (
    CORRECTION_KINDS,
    GLOSSARY_FILES,
    Correction,
    EditionConfig,
    Entry,
    Glossary,
    LayoutProfile,
    Ledger,
    RawLine,
    Rule,
    Table,
    TextSource,
)
from edition.core.paths import links_in
from edition.core.scripts import SCRIPTS
from edition.sources import schema
from edition.sources.ledger import read_ledger
from edition.sources.site_address import configured_site_url, site_url
from edition.sources.yamlfile import read_text, read_yaml


def load(root: Path, project: Path | None = None, new_ledger: bool = False) -> EditionConfig:
    """Read `root` (sources/) and the site address of `project/mkdocs.yml`; raise one EditionError
    listing every problem. A missing ledger is an error unless `new_ledger` starts one."""
    problems = Problems()
    for link in links_in(root, "sources"):     # before any file is opened: none is read through a link
        problems.add(link, "is a symbolic link; the edition never reads through one (it could reach a file "
                     "outside the project): replace it with the real file or folder")
    problems.raise_if_any()
    edition = _document(root, "edition.yml", schema.EDITION, problems)
    texts: tuple[TextSource, ...] = ()
    ids = None   # unknown when edition.yml is broken: the other files are still checked
    if edition is not None:
        listed = _listed_once(edition["texts"], problems)
        texts = tuple(t for t in (_load_text(root, entry, problems) for entry in listed) if t)
        _unique(edition["texts"], "id", "sources/edition.yml", "text id", problems)
        ids = {e["id"] for e in edition["texts"]}
    address, warning = site_url(configured_site_url(project, problems) if project else None)
    config = EditionConfig(
        root, dict(edition["edition"]["title"]) if edition else {}, texts,
        site_url=address, warnings=(warning,) if warning else (),
        glyphs=_glyphs(root, ids, problems),
        overrides=_overrides(root, ids, problems),
        glossary=_glossary(root, ids, problems),
        published=_carry_renamed(edition["texts"] if edition else None, read_ledger(root, new_ledger, problems),
                                 problems),
        corrections=_corrections(root, ids, problems),
        meta={key: value for key, value in edition["edition"].items() if key != "title"} if edition else {},
        **_one_to_many(root, ids, problems),
        script_quotes=edition["edition"].get("script_quotes", True) if edition else True,
        editors=tuple({"name": e["name"], "role": dict(e["role"])} for e in edition["edition"].get("editors") or ())
        if edition else (),
        contact=edition["edition"].get("contact") if edition else None)
    problems.raise_if_any()
    return config


def _listed_once(entries, problems: Problems) -> list:
    """The text entries, each raw file once: a file listed under a second id is named there (its
    tables and ledger would otherwise be blamed instead)."""
    first: dict[str, int] = {}
    once = []
    for entry in entries:
        line = entry.key_lines["file"]
        if entry["file"] in first:
            problems.add(f"sources/edition.yml:{line}", f"the file '{entry['file']}' is listed twice (first at line "
                         f"{first[entry['file']]}); list each text once")
        else:
            first[entry["file"]] = line
            once.append(entry)
    return once


def _carry_renamed(entries, ledger: Ledger, problems: Problems) -> Ledger:
    """The ledger with a renamed text's records under its new id (`renamed_from:` in edition.yml).
    Records of a text that edition.yml no longer lists are an error at their first line: dropping
    them would drop every id students cite in it."""
    if entries is None:
        return ledger
    shown, ids = "sources/edition.yml", {entry["id"] for entry in entries}
    renamed = {}
    for entry in entries:
        old = entry.get("renamed_from")
        if old is None:
            continue
        where = f"{shown}:{entry.key_lines['renamed_from']}"
        if old in ids or old in renamed:
            problems.add(where, f"renamed_from: '{old}' is the id of a listed text or renamed twice; a text is "
                         "renamed from an id no longer listed")
        elif not any(r.text == old or (r.text, r.id) == (entry["id"], f"text/{old}") for r in ledger.records):
            problems.add(where, f"renamed_from: the ledger (sources/anchors.lock) has no text '{old}'")
        else:
            renamed[old] = entry["id"]
    for text in sorted({r.text for r in ledger.records} - ids - set(renamed)):
        line = min(n for (t, _), n in ledger.lines.items() if t == text) if ledger.lines else 1
        problems.add(f"sources/anchors.lock:{line}", f"holds the ids of text '{text}', which sources/edition.yml "
                     f"does not list. If the text was renamed, add `renamed_from: {text}` to it there (its ids "
                     "and addresses carry over); a published text is never dropped from the ledger")
    records = [replace(r, text=renamed.get(r.text, r.text)) for r in ledger.records]
    return replace(ledger, records=records, renamed=renamed)


def _document(root: Path, name: str, declared: dict, problems: Problems, required: bool = True):
    """A YAML file of sources/, validated; None (with its problems added) when unusable."""
    shown = f"sources/{name}"
    path = root / name
    if not required and not path.exists():
        return None
    try:
        data = read_yaml(path, shown)
    except EditionError as error:
        problems.items.extend(error.problems)
        return None
    if data is None and declared.get("type") == "array":
        return []
    valid = schema.validate(data, declared, shown, problems)
    return data if valid and _plain_text(data, shown, problems) else None


def _plain_text(value, shown: str, problems: Problems, line: int = 1) -> bool:
    """Characters no page shows (core.characters: controls, bidi overrides, zero-width characters,
    lone surrogates …) are not text."""
    if isinstance(value, str):
        if found := INVISIBLE.search(value.replace("\n", "").replace("\t", "")):
            problems.add(f"{shown}:{line}", f"contains U+{ord(found.group()):04X}, a control, bidirectional-override, "
                                            "zero-width or other invisible character; remove it")
            return False
        return True
    if isinstance(value, dict):
        keys = getattr(value, "key_lines", {})
        return all([_plain_text(v, shown, problems, keys.get(k, line)) for k, v in value.items()])
    if isinstance(value, list):
        lines = getattr(value, "item_lines", [])
        return all([_plain_text(v, shown, problems, lines[i] if i < len(lines) else line)
                    for i, v in enumerate(value)])
    return True


def _unique(items: list, key: str, shown: str, what: str, problems: Problems) -> None:
    seen: dict[str, int] = {}
    for item in items:
        value, line = item[key], item.key_lines[key]
        if value in seen:
            problems.add(f"{shown}:{line}", f"duplicate {what} '{value}' (first at line {seen[value]})")
        seen.setdefault(value, line)


def _load_text(root: Path, entry, problems: Problems) -> TextSource | None:
    shown = "sources/edition.yml"
    line = entry.key_lines
    chapters = tuple((c["slug"], c["label"]) for c in entry["chapters"])
    _unique(entry["chapters"], "slug", shown, "chapter slug", problems)
    if not _is_file(root, entry["file"], f"{shown}:{line['file']}", problems):
        return None
    try:
        lines = read_raw(root / entry["file"], f"sources/{entry['file']}", entry["sha256"], f"{shown}:{line['sha256']}",
                         f"{shown}:{line['file']}")
    except EditionError as error:
        problems.items.extend(error.problems)
        return None
    tables = []
    for number, table_file in enumerate(entry.get("tables") or ()):
        declared = f"{shown}:{entry['tables'].item_lines[number]}"
        table = _is_file(root, table_file, declared, problems) and read_table(root, table_file, entry["id"],
                                                                               len(lines), problems)
        if table:
            tables.append(table)
    return TextSource(
        id=entry["id"], path=f"sources/{entry['file']}", script=entry["script"], notes=entry["notes"],
        title=entry["title"], title_supplied=bool(entry.get("title_supplied_by_editor")),
        author=entry.get("author"), metadata=dict(entry["metadata"]), chapters=chapters,
        first_printed_page=entry.get("first_printed_page", 1),
        watermark=entry.get("watermark") or "", lines=lines, tables=tuple(tables),
        rights=dict(entry.get("rights") or {}), layout=_layout(entry),
        citation=dict(entry.get("citation") or {}),
    )


def _layout(entry) -> LayoutProfile:
    declared = entry.get("layout") or {}
    return LayoutProfile(declared.get("pages", ""), tuple(declared.get("furniture") or ()),
                         tuple(declared.get("headings") or ()), declared.get("paragraphs", ""),
                         declared.get("page_numbers", ""), entry.key_lines.get("layout", 0))


def _is_file(root: Path, name: str, declared_at: str, problems: Problems) -> bool:
    """A file named in edition.yml must be a file inside sources/ (the name's pattern keeps it
    inside; this says what is wrong where the name is written)."""
    path = root / name
    if path.is_dir():
        problems.add(declared_at, f"'{name}' is a folder, not a file")
    elif not path.is_file():
        problems.add(declared_at, f"'{name}' not found in sources/")
    return path.is_file()


def read_raw(path: Path, shown: str, sha256: str, declared_at: str, named_at: str = "") -> tuple[RawLine, ...]:
    """The raw file's lines, numbered from 1. It must be UTF-8 and match the declared `sha256`
    (`declared_at`); `named_at` is where the file's name is written, the other half of a mismatch."""
    text = read_text(path, shown)             # not UTF-8 is the likelier mistake: named first
    if "\r" in text:                          # else every line ends in a stray character: markers lose notes
        line = text[:text.index("\r")].count("\n") + 1
        raise fail(f"{shown}:{line}", "has Windows line ends (CR LF) from this line on; an extraction's lines end "
                   "in LF alone, as its sha256 was taken. Restore the file (git may have converted it: "
                   "core.autocrlf), or convert it with dos2unix and update its sha256")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256:
        named = f" (the file named at {named_at}: is that the text's file?)" if named_at else ""
        raise fail(shown, f"differs from the sha256 declared at {declared_at}{named}; raw texts are never edited "
                   "by hand: put emendations in sources/corrections.yml")
    return tuple(RawLine(number, line) for number, line in enumerate(text.split("\n"), 1))


def read_table(root: Path, name: str, text_id: str, raw_lines: int, problems: Problems) -> Table | None:
    shown = f"sources/{name}"
    data = _document(root, name, schema.TABLE, problems)
    if data is None:
        return None
    span = data["replaces_lines"]
    where = f"{shown}:{data.key_lines['replaces_lines']}"
    if data["text"] != text_id:
        problems.add(f"{shown}:{data.key_lines['text']}", f"table belongs to '{data['text']}', "
                     f"but is listed under text '{text_id}'")
    if span[0] > span[1] or span[1] > raw_lines:
        problems.add(where, f"replaces_lines must be [first, last] within the raw file's {raw_lines} lines")
        return None
    grid = table_grid(data["rows"], f"{shown}:{data.key_lines['rows']}", data["rows"].item_lines, problems)
    if grid is None:
        return None
    rows, spans = grid
    return Table(shown, span[0], span[1], data["caption"], rows, data.get("header_rows", 1),
                 data.get("source_note") or "", spans, data.key_lines["rows"])


def table_grid(rows: list, where: str, row_lines: list[int], problems: Problems):
    """The printed grid of a re-keyed table and its spanning cells, or None (problems added).

    A row lists the cells that begin in it; `{text: …, cols: 3}` or `{…, rows: 2}` declares a cell
    that spans, and the cells it covers are left out of the rows it covers. Every row must come
    out as wide as the first."""
    grid: list[list[str]] = []
    covered: set[tuple[int, int]] = set()
    spans = []
    for r, row in enumerate(rows):
        cells, column = [], 0
        for cell in row:
            while (r, column) in covered:
                cells.append("")
                column += 1
            text, cols, down = (cell.get("text"), cell.get("cols", 1), cell.get("rows", 1)) if isinstance(cell, dict) \
                else (cell, 1, 1)
            cells.append("" if text is None else str(text))
            covered |= {(r + i, column + j) for i in range(down) for j in range(cols)} - {(r, column)}
            if cols > 1 or down > 1:
                spans.append((r, column, cols, down))
            cells += [""] * (cols - 1)
            column += cols
        while (r, column) in covered:
            cells.append("")
            column += 1
        grid.append(cells)
    widths = [len(row) for row in grid]
    for r, width in enumerate(widths):
        if width != widths[0]:
            problems.add(f"{where.rsplit(':', 1)[0]}:{row_lines[r]}", f"this row is {width} cells wide (spans "
                         f"included), the first row {widths[0]}: declare cols/rows on the spanning cells")
    beyond = any(r >= len(grid) for r, _ in covered)
    if beyond:
        problems.add(where, "a cell spans more rows than the table has")
    if len(set(widths)) > 1 or beyond:
        return None
    return tuple(tuple(row) for row in grid), tuple(spans)


def _glyphs(root: Path, ids: set[str] | None, problems: Problems) -> dict[str, dict[str, str]]:
    mapping: dict[str, dict[str, str]] = {}
    for item in _document(root, "glyphs.yml", schema.GLYPHS, problems) or []:
        _known_text(item, ids, "sources/glyphs.yml", problems)
        mapping.setdefault(item["text"], {})[item["wrong"]] = item["right"]
    return mapping


def _known_text(item, ids: set[str] | None, shown: str, problems: Problems) -> None:
    if ids is not None and item["text"] not in ids:
        problems.add(f"{shown}:{item.key_lines['text']}",
                     f"unknown text '{item['text']}' (texts: {', '.join(sorted(ids))})")


def _overrides(root: Path, ids: set[str] | None, problems: Problems) -> tuple[dict, ...]:
    """The entries of conversion.yml (see schema.CONVERSION), each with its `where` (file:line);
    an entry with `text:` is that text's decision alone."""
    shown = "sources/conversion.yml"
    loaded = []
    for item in _document(root, "conversion.yml", schema.CONVERSION, problems) or []:
        where = f"{shown}:{item.line}"
        if "text" in item:
            _known_text(item, ids, shown, problems)
        problem = _override_problem(item)
        if problem:
            key, sentence = problem      # named at the key's own line, where there is one
            problems.add(f"{shown}:{item.key_lines[key]}" if key else where, sentence)
            continue
        loaded.append({**{k: item[k] for k in ("hans", "hant", "find", "keep", "char", "into", "text") if k in item},
                       "where": where, "reason": item.get("reason", "")})
    return tuple(loaded)


def _override_problem(entry) -> tuple[str | None, str] | None:
    """What the schema cannot say of a conversion entry: (the key to name, or None for the entry's
    first line; the sentence)."""
    if "keep" in entry:
        if len(entry["char"]) != 1 or len(entry["keep"]) != 1:
            return None, "a keep's char and keep are one character each"
        if "find" in entry and entry["char"] not in entry["find"]:
            return None, f"the find '{entry['find']}' of a keep must contain its char '{entry['char']}'"
    elif "find" in entry:
        wrong = next((k for k in ("hans", "hant") if k in entry and len(entry[k]) != len(entry["find"])), None)
        if wrong:      # named at the reading whose length differs
            return wrong, f"an override keeps the length of its find '{entry['find']}' (offsets never move)"
    elif "hans" in entry and "hant" in entry and len(entry["hans"]) != len(entry["hant"]):
        return "hant", (f"a name's two forms '{entry['hans']}' and '{entry['hant']}' are of one length (the one "
                        "replaces the other in conversion: offsets never move)")
    if ("find" in entry or "keep" in entry) and not entry.get("reason"):
        return None, "each decision needs a reason"
    return None


def _one_to_many(root: Path, ids: set[str] | None, problems: Problems) -> dict[str, dict]:
    """The characters the review lists everywhere, and those it lists in one text only (`texts:`)."""
    data = _document(root, "one-to-many.yml", schema.ONE_TO_MANY, problems) or {}
    by_text = data.get("texts") or {}
    for text_id in by_text:
        if ids is not None and text_id not in ids:
            problems.add(f"sources/one-to-many.yml:{schema.line_of(data, ['texts', text_id])}",
                         f"unknown text '{text_id}' (texts: {', '.join(sorted(ids))})")
    return {"one_to_many": {script: frozenset(data.get(script) or "") for script in SCRIPTS},
            "one_to_many_by_text": {text_id: {script: frozenset(chars.get(script) or "") for script in SCRIPTS}
                                    for text_id, chars in by_text.items()}}


def _corrections(root: Path, ids: set[str] | None, problems: Problems) -> tuple[Correction, ...]:
    shown = "sources/corrections.yml"
    corrections = []
    for item in _document(root, "corrections.yml", schema.CORRECTIONS, problems, required=False) or []:
        _known_text(item, ids, shown, problems)
        kind = next(kind for kind in CORRECTION_KINDS if kind.key in item)   # the schema allows one
        corrections.append(Correction(
            item["text"], kind.name, item[kind.key], item.get(kind.new_key, ""), item["reason"], item.line,
            item.get("note"), str(item.get("date", "")), item.get("by", "")))
    return tuple(corrections)


def _glossary(root: Path, ids: set[str] | None, problems: Problems) -> Glossary:
    glossary = Glossary()
    claimed: dict[str, str] = {}
    before = len(problems.items)
    for name, group in GLOSSARY_FILES.items():
        shown = f"sources/glossary/{name}"
        for item in _document(root, f"glossary/{name}", schema.GLOSSARY[name], problems) or []:
            where = f"{shown}:{item.line}"
            if item["id"] in glossary.entries:
                problems.add(f"{shown}:{item.key_lines['id']}",
                             f"duplicate glossary id '{item['id']}' (first at {glossary.entries[item['id']].where})")
                continue
            forms = tuple(tuple(pair) for pair in item["forms"])
            form_where = tuple(f"{shown}:{line}" for line in item["forms"].item_lines)
            data = {k: v for k, v in item.items() if k not in ("id", "names", "forms")}
            kind = item["side"] if group == "person" else item["kind"]
            glossary.entries[item["id"]] = Entry(item["id"], group, kind, dict(item["names"]), forms, data, where,
                                                 form_where)
            for form in {f for pair in forms for f in pair}:
                if claimed.setdefault(form, item["id"]) != item["id"]:
                    problems.add(where, f"form '{form}' of '{item['id']}' is already claimed by '{claimed[form]}'")
    complete = len(problems.items) == before   # else references into a broken file are not reported
    if complete:
        _check_relations(glossary, problems)
    shown = "sources/glossary/rules.yml"
    for item in _document(root, "glossary/rules.yml", schema.GLOSSARY["rules.yml"], problems) or []:
        if complete and item["entry"] not in glossary.entries:
            problems.add(f"{shown}:{item.key_lines['entry']}", f"rule names unknown entry '{item['entry']}'")
        if ids is not None and "text" in item["when"] and item["when"]["text"] not in ids:
            problems.add(f"{shown}:{item.line}", f"rule names unknown text '{item['when']['text']}'")
        glossary.rules.append(Rule(tuple(item["form"]), item["entry"], dict(item["when"])))
    return glossary


def _check_relations(glossary: Glossary, problems: Problems) -> None:
    for entry in glossary.entries.values():
        for relation, targets in (entry.data.get("relations") or {}).items():
            for target in targets:
                if target not in glossary.entries:
                    problems.add(entry.where, f"'{entry.id}' {relation} unknown entry '{target}'")

