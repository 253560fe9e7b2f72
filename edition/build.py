"""The build, stage by stage. This is the only long function: it reads like the pipeline.

Everything is gathered and checked in memory first; files are written into a fresh temporary
folder and moved into place only when every text and both sites built cleanly, so a failed build
never touches the previously built site or audit. Intermediate files (generated docs, MkDocs
configs, the search dictionary) are kept under build/ for inspection and for `serve`.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import jinja2

from .audit import BuiltText, conservation, report, table_conservation
from .errors import EditionError, Problem, Problems
from .export import export_text
from .layout import layout
from .load import EditionConfig, TextSource, load
from .model import Audit
from .notes import find_notes
from .paragraphs import build_paragraphs
from .principles import principles_page
from .render import SCRIPTS, ScriptEdition, load_strings, render_script
from .script import Converter, convert_text, load_overrides
from .site import build_sites, write_config
from .structure import structure
from .yamlfile import read_yaml

PROJECT = Path(__file__).resolve().parent.parent  # templates/ and mkdocs.yml live here


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


class Timer:
    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.stages: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = now - self.last
        self.last = now

    def summary(self) -> str:
        total = time.perf_counter() - self.started
        return "build: " + ", ".join(f"{s} {t:.2f}s" for s, t in self.stages.items()) + f"; total {total:.2f}s"


def prepare(root: Path, timer: Timer) -> tuple[EditionConfig, dict[str, ScriptEdition], dict]:
    """Every stage before MkDocs: the texts in their own script, then in the other one."""
    config = load(root)
    glyphs = load_glyphs(root)
    overrides = load_overrides(root)
    timer.lap("load")
    texts, problems = [], []
    for source in config.texts:
        try:
            texts.append(build_text(source, glyphs.get(source.id, {})))
        except EditionError as error:                        # keep going: report every text's problems
            problems += error.problems
    if problems:
        raise EditionError(problems)
    timer.lap("texts")
    by_script: dict[str, list[BuiltText]] = {script: [] for script in SCRIPTS}
    logs = {}
    for text in texts:
        by_script[text.source.script].append(text)
        other = "hans" if text.source.script == "hant" else "hant"
        converted, logs[text.source.id] = convert_text(text, other, overrides)
        by_script[other].append(converted)
    order = [source.id for source in config.texts]
    editions = {script: ScriptEdition(script, config.title[script],
                                      tuple(sorted(by_script[script], key=lambda t: order.index(t.source.id))))
                for script in SCRIPTS}
    timer.lap("convert")
    return config, editions, logs


def build(root: Path, out: Path, write: bool = True, sites: bool = True) -> list[BuiltText]:
    """Build every text from `root` (sources/) into `out` (the project folder)."""
    timer = Timer()
    config, editions, logs = prepare(root, timer)
    own = [t for e in editions.values() for t in e.texts if t.source.script == e.script]
    if not write:
        print(timer.summary())
        return own
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        write_exports(editions, staging / "site" / "data")
        config_files = generate_docs(PROJECT, root, editions, logs, out / "build", staging / "site")
        timer.lap("render")
        if sites:
            build_sites(config_files)
            timer.lap("mkdocs")
        write_audits(own, staging / "build" / "audit")
        move_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(timer.summary())
    return own


def write_exports(editions: dict[str, ScriptEdition], data: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)
    for script, edition in editions.items():
        for text in edition.texts:
            exported = export_text(text, script)
            (data / f"{text.source.id}.{script}.json").write_text(
                json.dumps(exported, ensure_ascii=False, indent=1), encoding="utf-8")


def generate_docs(project: Path, root: Path, editions: dict[str, ScriptEdition], logs: dict, work: Path,
                  site: Path) -> list[Path]:
    """Markdown pages, search dictionary and MkDocs config of each script; returns the configs."""
    templates = project / "templates"
    strings = load_strings(templates)
    terms = read_yaml(root / "search-terms.yml", "sources/search-terms.yml") or []
    config_files = []
    for script, edition in editions.items():
        other = "hans" if script == "hant" else "hant"
        docs = work / "docs" / script
        page = principles_page(templates, edition, logs, strings[script])
        render_script(edition, templates, docs, strings[script], page)
        jieba_dict = work / "jieba" / f"{script}.txt"
        write_jieba_dict(jieba_dict, terms, script, editions)
        nav = navigation(edition, strings[script])
        switch = {"prefix": other, "lang": strings[other]["site_lang"], "label": strings[script]["switch_label"],
                  "title": strings[script]["switch_title"]}
        config_files.append(write_config(project, script, switch, edition.title, docs, site / script, jieba_dict,
                                         nav, work / "mkdocs"))
    root_page = jinja2.Environment(loader=jinja2.FileSystemLoader(templates / "pages")).get_template("root.html.j2")
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(root_page.render(
        titles={s: e.title for s, e in editions.items()},
        texts=[{"id": t.source.id, "hant": t.source.title, "hans": h.source.title}
               for t, h in zip(editions["hant"].texts, editions["hans"].texts)]), encoding="utf-8")
    return config_files


def write_jieba_dict(path: Path, terms: list[str], script: str, editions: dict[str, ScriptEdition]) -> None:
    forms = set(terms) if script == "hant" else {Converter("hant", "hans", [])(term) for term in terms}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{form} 100000 nz\n" for form in sorted(forms)), encoding="utf-8")


def navigation(edition: ScriptEdition, strings: dict) -> list:
    nav: list = [{strings["home"]: "index.md"}]
    for text in edition.texts:
        pages = [f"{text.source.id}/index.md"]
        pages += [{f"{c.label} {c.title}".strip(): f"{text.source.id}/{c.id}/index.md"}
                  for c in text.chapters if c.id != "front"]
        nav.append({text.source.title: pages})
    nav.append({strings["principles"]: "principles.md"})
    nav.append({strings["audit"]: [f"audit/{t.source.id}.md" for t in edition.texts]})
    return nav


def write_audits(texts: list[BuiltText], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for text in texts:
        (folder / f"{text.source.id}.md").write_text(report(text), encoding="utf-8")


def move_into_place(staging: Path, out: Path) -> None:
    for name in ("site", "build/audit"):
        target, new = out / name, staging / name
        if not new.exists():
            continue
        old = out / f".old-{name.replace('/', '-')}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.rename(old)
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)
