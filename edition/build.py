"""The build, stage by stage. This is the only long function: it reads like the pipeline.

Everything is gathered and checked in memory first; files are written into a fresh temporary
folder and moved into place only when every text built cleanly, so a failed build never touches
the previously built site or audit.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from .audit import BuiltText, conservation, report, table_conservation
from .errors import EditionError, Problem, Problems
from .export import export_text
from .layout import layout
from .load import TextSource, load
from .model import Audit
from .notes import find_notes
from .paragraphs import build_paragraphs
from .structure import structure
from .yamlfile import read_yaml


def build_text(source: TextSource, glyph_map: dict[str, str]) -> BuiltText:
    audit = Audit()
    pages = layout(source)                                   # raw lines -> pages, furniture out
    notes, markers = find_notes(source, pages)               # note blocks and markers, one to one
    paragraphs, notes = build_paragraphs(source, pages, markers, notes, glyph_map, audit)
    chapters = structure(source, paragraphs, audit)          # headings need the joined paragraphs
    built = BuiltText(source, pages, tuple(chapters), tuple(notes), tuple(markers), audit)
    problems = conservation(built)
    for table in source.tables:
        problems += table_conservation(source, table)
    if problems:
        raise EditionError([Problem(source.path, f"conservation: {p}") for p in problems])
    return built


def load_glyphs(root: Path) -> dict[str, dict[str, str]]:
    entries = read_yaml(root / "glyphs.yml", "sources/glyphs.yml") or []
    problems = Problems()
    mapping: dict[str, dict[str, str]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not {"text", "wrong", "right", "reason"} <= set(entry):
            problems.add(f"sources/glyphs.yml:{getattr(entry, 'line', 1)}",
                         "each glyph repair needs text, wrong, right and reason")
            continue
        mapping.setdefault(entry["text"], {})[entry["wrong"]] = entry["right"]
    problems.raise_if_any()
    return mapping


def build(root: Path, out: Path, write: bool = True) -> list[BuiltText]:
    """Build every text from `root` (sources/) into `out` (the project folder)."""
    timings = {}
    started = time.perf_counter()
    config = load(root)
    glyphs = load_glyphs(root)
    timings["load"] = time.perf_counter() - started
    texts, problems = [], []
    for source in config.texts:
        try:
            texts.append(build_text(source, glyphs.get(source.id, {})))
        except EditionError as error:                        # keep going: report every text's problems
            problems += error.problems
    if problems:
        raise EditionError(problems)
    timings["texts"] = time.perf_counter() - started - timings["load"]
    if write:
        write_outputs(texts, out)
    timings["total"] = time.perf_counter() - started
    print("build: " + ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in timings.items()))
    return texts


def write_outputs(texts: list[BuiltText], out: Path) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        for text in texts:
            data = staging / "site" / "data"
            data.mkdir(parents=True, exist_ok=True)
            exported = export_text(text, text.source.script)
            (data / f"{text.source.id}.{text.source.script}.json").write_text(
                json.dumps(exported, ensure_ascii=False, indent=1), encoding="utf-8")
            audit_dir = staging / "build" / "audit"
            audit_dir.mkdir(parents=True, exist_ok=True)
            (audit_dir / f"{text.source.id}.md").write_text(report(text), encoding="utf-8")
        for name in ("site", "build"):
            target = out / name
            old = out / f".old-{name}"
            if target.exists():
                target.rename(old)
            (staging / name).rename(target)
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
