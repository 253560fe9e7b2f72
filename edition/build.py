"""The build, stage by stage. This is the only long function: it reads like the pipeline.

Everything is gathered and checked in memory first; files are written into a fresh temporary
folder and moved into place only when every text and both sites built cleanly, so a failed build
never touches the previously built site or audit. Intermediate files (generated docs, MkDocs
configs, the search dictionary) are kept under build/ for inspection and for `serve`.
"""
from __future__ import annotations

import functools
import json
from dataclasses import replace
import multiprocessing
import shutil
import tempfile
import time
from urllib.parse import urlparse
from pathlib import Path

import jinja2
import yaml

from .anchors import Ledger, anchor_text, history, read_ledger, today
from .audit import BuiltText, conservation, report, table_conservation
from .citation import bibtex, csl_json, ris
from .corrections import apply_corrections, load_corrections
from .errors import EditionError, Problem, Problems
from .export import export_text
from .layout import layout
from .glossary import Glossary, find_mentions, load_glossary, unused_forms
from .glossary_pages import first_links, glossary_export, render_glossary, timeline
from .load import EditionConfig, TextSource, load
from .model import Audit
from .notes import find_notes
from .paragraphs import build_paragraphs
from .principles import principles_page
from .render import SCRIPTS, ScriptEdition, environment, load_strings, places, render_script
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


def load_texts(root: Path, timer: Timer, frozen: bool = False):
    """Stages 1-7: every text reconstructed, checked and anchored in its own script; the glossary
    loaded. Returns (config, texts, glossary, conversion overrides, new ledger text or None when
    the ledger is unchanged). With `frozen`, a ledger that would change is an error."""
    config = load(root)
    glyphs = load_glyphs(root)
    glossary = load_glossary(root)
    overrides = load_overrides(root) + glossary.overrides()   # names keep their declared forms
    timer.lap("load")
    texts, problems = [], []
    for source in config.texts:
        try:
            texts.append(build_text(source, glyphs.get(source.id, {})))
        except EditionError as error:                        # keep going: report every text's problems
            problems += error.problems
    if problems:
        raise EditionError(problems)
    corrections = load_corrections(root, {t.source.id for t in texts})
    config = replace(config, corrections=tuple(corrections))
    texts = [apply_corrections(text, corrections) for text in texts]   # after the conservation check
    for warning in unused_forms(glossary, texts):
        print(f"warning: {warning}")
    timer.lap("texts")
    ledger_path = root / "anchors.lock"
    old_ledger = read_ledger(ledger_path)
    anchored, records = [], []
    for text in texts:                                       # anchors after corrections, before conversion
        text, text_records = anchor_text(text, old_ledger, today())
        anchored.append(text)
        records += text_records
    new_ledger = Ledger(records).dump()
    changed = new_ledger != (ledger_path.read_text(encoding="utf-8") if ledger_path.exists() else "")
    if changed and frozen:
        raise EditionError([Problem("sources/anchors.lock", "the ledger would change (ids issued or retired); "
                                    "build without --frozen and commit sources/anchors.lock")])
    timer.lap("anchors")
    config = replace(config, ledger=tuple(records))
    return config, anchored, glossary, overrides, new_ledger if changed else None


def edition_in(script: str, config: EditionConfig, texts: list[BuiltText], overrides: list[dict[str, str]]):
    """Stage 8: every text in `script`, converting those written in the other script.

    Returns the edition and the conversion log of each text that was converted into `script`.
    """
    logs = {}
    in_script = []
    for text in texts:
        if text.source.script != script:
            text, logs[text.source.id] = convert_text(text, script, overrides)
        in_script.append(text)
    return ScriptEdition(script, config.title[script], tuple(in_script)), logs


def build(root: Path, out: Path, write: bool = True, frozen: bool = False) -> list[BuiltText]:
    """Build every text from `root` (sources/) into `out` (the project folder)."""
    timer = Timer()
    config, texts, glossary, overrides, ledger = load_texts(root, timer, frozen)
    if not write:
        for script in SCRIPTS:
            edition_in(script, config, texts, overrides)
        timer.lap("convert")
        print(timer.summary())
        return texts
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        # From here on each script is independent: one process per script converts, renders, writes
        # its own texts' audits and runs MkDocs, so the two scripts' work overlaps on two cores.
        jobs = [functools.partial(script_job, script, config, texts, glossary, overrides, root, out / "build",
                                  staging / "site") for script in SCRIPTS]
        results = run_parallel(jobs)
        problems = [problem for result in results for problem in result["problems"]]
        if problems:
            raise EditionError(problems)
        for result in results:
            timer.stages.update({f"{stage} ({result['script']})": t for stage, t in result["timings"].items()})
        move_into_place(staging, out)
        if ledger is not None:
            (root / "anchors.lock").write_text(ledger, encoding="utf-8")   # only after a good build
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(timer.summary())
    return texts


def script_job(script: str, config: EditionConfig, texts: list[BuiltText], glossary: Glossary,
               overrides: list[dict[str, str]], root: Path, work: Path, site: Path, mkdocs: bool = True) -> dict:
    """One script's share of the build: convert, export, render, then MkDocs (unless `mkdocs` is
    False: the benchmark times the stages before MkDocs that way)."""
    timer = Timer()
    edition, logs = edition_in(script, config, texts, overrides)
    timer.lap("convert")
    mentions = find_mentions(glossary, edition.texts, script)    # after conversion: forms of this script
    write_exports({script: edition}, site / "data", mentions)
    if script == "hans":
        (site / "data" / "glossary.json").write_text(
            json.dumps(glossary_export(glossary, mentions), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    config_file = generate_script_docs(PROJECT, root, edition, logs, glossary, mentions, work, site, config)
    write_audits([t for t in texts if t.source.script == script], site.parent / "build" / "audit")
    if script == "hans":  # the lighter of the two jobs
        write_root_page(PROJECT / "templates", config, texts, site)
    timer.lap("render")
    problems = build_sites([config_file]) if mkdocs else []
    write_chapter_redirects(config, site / script)
    timer.lap("mkdocs")
    return {"script": script, "problems": problems, "timings": timer.stages, "config": str(config_file)}


def write_chapter_redirects(config: EditionConfig, site: Path) -> None:
    """A chapter path that once existed keeps working: a page that forwards, #anchor and all."""
    for record in config.ledger:
        if record.id.startswith("chapter/") and record.status == "retired":
            page = site / record.text / record.chapter / "index.html"
            target = f"../{record.successor}/"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(
                f'<!doctype html><html><head><meta charset="utf-8"><title>{record.successor}</title>'
                f'<meta http-equiv="refresh" content="0; url={target}"><link rel="canonical" href="{target}">'
                f'<script>location.replace("{target}" + location.hash)</script></head>'
                f'<body><a href="{target}">{record.successor}</a></body></html>', encoding="utf-8")


def run_parallel(jobs: list) -> list:
    """Run each job in a forked process (inheriting the built texts without copying them)."""
    context = multiprocessing.get_context("fork")
    pipes, processes = [], []
    for job in jobs:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_run_job, args=(job, send))
        process.start()
        pipes.append(receive)
        processes.append(process)
    results = [pipe.recv() for pipe in pipes]
    for process in processes:
        process.join()
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def _run_job(job, send) -> None:
    try:
        send.send(job())
    except BaseException as error:  # the parent re-raises it with its message intact
        send.send(error)


def write_exports(editions: dict[str, ScriptEdition], data: Path, mentions: list = ()) -> None:
    data.mkdir(parents=True, exist_ok=True)
    for script, edition in editions.items():
        for text in edition.texts:
            exported = export_text(text, script, mentions)
            (data / f"{text.source.id}.{script}.json").write_text(
                json.dumps(exported, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def generate_script_docs(project: Path, root: Path, edition: ScriptEdition, logs: dict, glossary: Glossary,
                         mentions: list, work: Path, site: Path, config: EditionConfig) -> Path:
    """Markdown pages, search dictionary and MkDocs config of one script; returns the config."""
    templates = project / "templates"
    strings = load_strings(templates)
    terms = read_yaml(root / "search-terms.yml", "sources/search-terms.yml") or []
    script = edition.script
    other = "hans" if script == "hant" else "hant"
    docs = work / "docs" / script
    page = principles_page(templates, edition, logs, strings[script])

    def links(text_id: str, depth: int) -> dict:
        by_unit = first_links(mentions, glossary, script, "../" * depth)
        return {(p if p is not None else f"n{n}"): spans for (t, p, n), spans in by_unit.items() if t == text_id}
    site_url = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    render_script(edition, templates, docs, strings[script], page, logs, links,
                  timeline(glossary, script, "", strings[script]), site_url)
    for text in edition.texts:
        if text.source.script == script:                      # one set of citation files per text
            url = f"{site_url.rstrip('/')}/{script}/{text.source.id}/"
            for ext, make in (("bib", bibtex), ("ris", ris), ("csl.json", csl_json)):
                (site / "data" / f"{text.source.id}.{ext}").write_text(make(text, script, url), encoding="utf-8")
    render_glossary(glossary, edition, mentions, templates, docs, strings[script])
    (docs / "history.md").write_text(environment(templates).get_template("history.md.j2").render(
        strings=strings[script], versions=history(list(config.ledger), list(config.corrections)),
        texts={t.source.id: {"title": t.source.title, "places": places(t, strings[script])} for t in edition.texts}),
        encoding="utf-8")
    jieba_dict = work / "jieba" / f"{script}.txt"
    write_jieba_dict(jieba_dict, terms + [pair[0] for pair in glossary.form_pairs()], script)
    root = urlparse(site_url).path.rstrip("/")            # absolute paths, for the 404 page
    words = {key: strings[script][key] for key in ("not_found_title", "not_found_text", "search_label", "home",
                                                   "switch_not_found")}
    switch = {"prefix": other, "lang": strings[other]["site_lang"], "label": strings[script]["switch_label"],
              "title": strings[script]["switch_title"],
              "root": f"{root}/{other}/", "words": {**words, "root": f"{root}/{script}/"}}
    return write_config(project, script, switch, edition.title, docs, site / script, jieba_dict,
                        navigation(edition, strings[script]), work / "mkdocs")


def write_root_page(templates: Path, config: EditionConfig, texts: list[BuiltText], site: Path) -> None:
    """The landing page above both script sites: each text under its own title, in both scripts."""
    titles = [{"id": t.source.id, "title": t.source.title, "lang": "zh-Hant" if t.source.script == "hant" else "zh-Hans"}
              for t in texts]
    root_page = jinja2.Environment(loader=jinja2.FileSystemLoader(templates / "pages")).get_template("root.html.j2")
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(root_page.render(titles=config.title, texts=titles), encoding="utf-8")


def write_jieba_dict(path: Path, terms: list[str], script: str) -> None:
    convert = Converter("hant", "hans", [])
    forms = set(terms) if script == "hant" else {convert(term) for term in terms}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{form} 100000 nz\n" for form in sorted(forms)), encoding="utf-8")


def navigation(edition: ScriptEdition, strings: dict) -> list:
    nav: list = [{strings["home"]: "index.md"}]
    for text in edition.texts:
        pages = [f"{text.source.id}/index.md"]
        pages += [{f"{c.label} {c.title}".strip(): f"{text.source.id}/{c.id}/index.md"}
                  for c in text.chapters if c.id != "front"]
        pages.append({strings["apparatus"]: f"{text.source.id}/apparatus.md"})
        nav.append({text.source.title: pages})
    nav.append({strings["glossary"]: "glossary/index.md"})
    nav.append({strings["history"]: "history.md"})
    nav.append({strings["principles"]: "principles.md"})
    nav.append({strings["audit"]: [f"audit/{t.source.id}.md" for t in edition.texts]})
    return nav


def write_audits(texts: list[BuiltText], folder: Path) -> None:
    strings = load_strings(PROJECT / "templates")
    folder.mkdir(parents=True, exist_ok=True)
    for text in texts:                                       # in the words of the text's own script
        (folder / f"{text.source.id}.md").write_text(report(text, strings[text.source.script]), encoding="utf-8")


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
