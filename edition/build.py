"""The build, stage by stage. This is the only long function: it reads like the pipeline.

Everything is gathered and checked in memory first; files are written into a fresh temporary
folder and moved into place only when every text and both sites built cleanly, so a failed build
never touches the previously built site or audit. Intermediate files (generated docs, MkDocs
configs, the search dictionary) are kept under build/ for inspection and for `serve`.
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import json
import multiprocessing
import os
import pickle
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

import jinja2

from edition.checks.conservation import conservation, table_conservation
from edition.checks.published import conservation_problems
from edition.core.errors import EditionError, Problem
from edition.core.inputs import EditionConfig, Glossary, TextSource
from edition.core.model import Audit, BuiltText, ScriptEdition
from edition.core.scripts import LANG, SCRIPTS
from edition.core.scripts import other as other_script
from edition.exports.citation import edition_of, site_url, work_of
from edition.exports.json_export import export_text
from edition.exports.plaintext import plain_text
from edition.exports.tei import tei_document, tei_problems
from edition.exports.tei_header import header_facts
from edition.site.audit_page import report, review_section
from edition.site.cite_box import footer
from edition.site.downloads import citation_files, write_downloads_page
from edition.site.escape import text as shown_text
from edition.site.glossary_pages import first_links, glossary_export, render_glossary, timeline
from edition.site.mkdocs_build import TEMPLATES, build_sites, script_config
from edition.site.pages import environment, load_strings, places, render_script, shown_title
from edition.site.principles import principles_page
from edition.site.search import write_search_index
from edition.sources.ledger import ledger_text
from edition.sources.load import load
from edition.staging import Staging, inside, recover, sync_tree
from edition.text import review
from edition.text.anchors import anchor_text, history, today
from edition.text.conversion import SHOWN, convert_text
from edition.text.corrections import apply_corrections
from edition.text.layout import layout
from edition.text.mentions import find_mentions, respelling_pairs, unused_forms
from edition.text.notes import find_notes
from edition.text.paragraphs import build_paragraphs
from edition.text.structure import structure


def build_text(source: TextSource, glyph_map: dict[str, str]) -> BuiltText:
    audit = Audit()
    pages = layout(source)                                   # raw lines -> pages, furniture out
    notes, markers = find_notes(source, pages)               # note blocks and markers, one to one
    paragraphs, notes = build_paragraphs(source, pages, markers, notes, glyph_map, audit)
    chapters = structure(source, paragraphs, audit)          # headings need the joined paragraphs
    built = BuiltText(source, pages, tuple(chapters), tuple(notes), tuple(markers), audit)
    problems = [Problem(source.path, f"conservation: {p}") for p in conservation(built)]
    for table in source.tables:   # named at the table file's rows: that is where an editor fixes it
        problems += [Problem(f"{table.path}:{table.rows_line}", p) for p in table_conservation(source, table)]
    if problems:
        raise EditionError(problems)
    return built


_RECONSTRUCTED: dict[bytes, BuiltText] = {}


def reconstructed(source: TextSource, glyph_map: dict[str, str]) -> BuiltText:
    """`build_text`, remembered by its inputs for the life of the process: `serve` rebuilds after
    a correction without reconstructing the texts whose raw file and repairs did not change."""
    key = hashlib.sha1(pickle.dumps((source, sorted(glyph_map.items())))).digest()
    if key not in _RECONSTRUCTED:
        if len(_RECONSTRUCTED) >= 8:   # a long serve session: forget the oldest
            del _RECONSTRUCTED[next(iter(_RECONSTRUCTED))]
        _RECONSTRUCTED[key] = build_text(source, glyph_map)
    return _RECONSTRUCTED[key]


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


def load_texts(root: Path, timer: Timer, frozen: bool = False, project: Path | None = None,
               new_ledger: bool = False):
    """Stages 1-7: every text reconstructed, checked and anchored in its own script. Returns (config,
    texts, glossary, conversion overrides, new ledger text or None when the ledger is unchanged).
    With `frozen`, a ledger that would change is an error."""
    config = load(root, project, new_ledger)
    glossary = config.glossary
    overrides = list(config.overrides) + glossary.overrides()   # names keep their declared forms
    timer.lap("load")
    texts, problems = [], []
    for source in config.texts:
        try:
            texts.append(reconstructed(source, config.glyphs.get(source.id, {})))
        except EditionError as error:                        # keep going: report every text's problems
            problems += error.problems
    if problems:
        raise EditionError(problems)
    texts = [apply_corrections(text, config.corrections) for text in texts]   # after the conservation check
    for warning in unused_forms(glossary, texts):
        print(f"warning: {warning}")
    if respelled := respelling_pairs(glossary, texts):      # on the corrected texts, like the matching
        raise EditionError(respelled)
    timer.lap("texts")
    anchored, records = [], []
    for text in texts:                                       # anchors after corrections, before conversion
        text, text_records = anchor_text(text, config.published, today())
        anchored.append(text)
        records += text_records
    new_ledger_text = ledger_text(records)
    changed = new_ledger_text != ledger_text(config.published.records) or not (root / "anchors.lock").exists()
    if changed and frozen:
        raise EditionError([Problem("sources/anchors.lock", "the ledger would change (ids issued or retired); "
                                    "build without --frozen and commit sources/anchors.lock")])
    timer.lap("anchors")
    config = replace(config, ledger=tuple(records))
    return config, anchored, glossary, overrides, new_ledger_text if changed else None


def edition_in(script: str, config: EditionConfig, texts: list[BuiltText], overrides: list[dict]):
    """Stage 8: every text in `script`, converting those written in the other script (and applying
    the overrides that name a text's own script to it).

    Returns the edition and the conversion log of each text."""
    logs = {}
    in_script = []
    for text in texts:
        text, logs[text.source.id] = convert_text(text, script, overrides, config.script_quotes)
        in_script.append(text)
    return ScriptEdition(script, config.title[script], tuple(in_script)), logs


def review_script(config: EditionConfig, logs: dict, overrides: list[dict]) -> tuple[list, set]:
    """The conversion review of the texts converted into one script: findings, and the decisions
    of sources/conversion.yml that were used (overrides applied, keeps that decided something)."""
    one_to_many = config.one_to_many
    findings = [f for text_id, log in logs.items() if log.config
                for f in review.review_log(text_id, log, overrides, one_to_many[log.source])]
    return findings, review.used(logs.values(), findings)


def review_both(config: EditionConfig, texts: list[BuiltText], overrides: list[dict]) -> tuple[list, set, dict]:
    """Stage 8 and its review in both scripts, one after the other (for `check` and
    `conversion-review`): findings, decisions used, counts."""
    findings, used, counted = [], set(), []
    for script in SCRIPTS:
        _, logs = edition_in(script, config, texts, overrides)
        script_findings, script_used = review_script(config, logs, overrides)
        findings += script_findings
        used |= script_used
        counted.append(review.counts([log for log in logs.values() if log.config], script_findings))
    return findings, used, review.merge_counts(counted)


def check_review(overrides: list[dict], used_anywhere: set, findings: list) -> list[Problem]:
    """Undecided disagreements and stale decisions, over both scripts."""
    return review.problems(findings) + review.stale(decisions(overrides), used_anywhere)


def decisions(overrides: list[dict]) -> list[dict]:
    """The entries of sources/conversion.yml among the overrides (the glossary adds the others)."""
    return [o for o in overrides if o.get("where", "").startswith(SHOWN)]


def build(root: Path, out: Path, check: bool = False, frozen: bool = False, project: Path | None = None,
          new_ledger: bool = False, live: bool = False) -> list[BuiltText]:
    """Build every text from `root` (sources/) into `out`: `out/site/` and `out/build/`. `project`
    holds mkdocs.yml (by default the folder holding sources/). With `check`, every stage runs,
    MkDocs included, into a staging folder that is then thrown away: nothing else is written.
    With `live` (serve's rebuilds), an existing site is updated in place, MkDocs rebuilding only
    the pages whose Markdown changed."""
    project = project or root.parent
    recover(out)             # what a killed build left behind, before anything else can fail
    timer = Timer()
    config, texts, glossary, overrides, ledger = load_texts(root, timer, frozen, project, new_ledger)
    base_url, warning = site_url(config.site_url or None)   # a placeholder address is never published
    if warning:
        print(f"warning: {warning}")
    config = replace(config, site_url=base_url)
    if check:     # the conversion review first: an undecided reading fails before any page is made
        findings, used_anywhere, _ = review_both(config, texts, overrides)
        if failed := check_review(overrides, used_anywhere, findings):
            raise EditionError(failed)
    if live and (out / "site").is_dir():
        results = run_parallel([functools.partial(script_job, script, config, texts, glossary, overrides, project,
                                                  out / "build", out / "site", out / "build" / "audit", dirty=True)
                                for script in SCRIPTS])
        _raise_problems(results, overrides, timer)
        write_downloads_page(TEMPLATES, load_strings(TEMPLATES), config.title, texts, out / "site" / "data")
        if ledger is not None:
            (root / "anchors.lock").write_text(ledger, encoding="utf-8")
        print(timer.summary())
        return texts
    with Staging(out) as stage:
        staging = stage.folder
        work = staging / "work" if check else out / "build"
        # From here on each script is independent: one process per script converts, renders, writes
        # its own texts' audits and runs MkDocs, so the two scripts' work overlaps on two cores.
        jobs = [functools.partial(script_job, script, config, texts, glossary, overrides, project, work,
                                  staging / "site", staging / "build" / "audit") for script in SCRIPTS]
        _raise_problems(run_parallel(jobs), overrides, timer)
        write_downloads_page(TEMPLATES, load_strings(TEMPLATES), config.title, texts,
                             staging / "site" / "data")   # after both scripts' files exist
        if check:                                         # the TEI exports against tei_all.rng
            problems = [p for script in SCRIPTS
                        for p in tei_problems(edition_in(script, config, texts, overrides)[0], glossary, config)]
            if problems:
                raise EditionError(problems)
            timer.lap("validate TEI")
        else:
            publish(stage, root, ledger)
    print(timer.summary())
    return texts


def _raise_problems(results: list[dict], overrides: list[dict], timer: Timer) -> None:
    problems = [problem for result in results for problem in result["problems"]]
    problems += review.stale(decisions(overrides), set().union(*(result["used"] for result in results)))
    if problems:
        raise EditionError(problems)
    print(review.summary(review.merge_counts([result["review"] for result in results])))
    for result in results:
        timer.stages.update({f"{stage} ({result['script']})": t for stage, t in result["timings"].items()})


def publish(stage: Staging, root: Path, ledger: str | None) -> None:
    """Publish the built folders, then the ledger: ids are recorded only once they are online."""
    stage.commit()
    if ledger is not None:
        (root / "anchors.lock").write_text(ledger, encoding="utf-8")


def script_job(script: str, config: EditionConfig, texts: list[BuiltText], glossary: Glossary,
               overrides: list[dict[str, str]], project: Path, work: Path, site: Path, audits: Path,
               mkdocs: bool = True, dirty: bool = False) -> dict:
    """One script's share of the build: convert, export, render, then MkDocs (unless `mkdocs` is
    False: the benchmark times the stages before MkDocs that way)."""
    timer = Timer()
    edition, logs = edition_in(script, config, texts, overrides)
    timer.lap("convert")
    findings, used_here = review_script(config, logs, overrides)    # the second converter reads OpenCC's work
    timer.lap("review")
    mentions = find_mentions(glossary, edition.texts, script)    # after conversion: forms of this script
    sizes = write_exports({script: edition}, site / "data", mentions, glossary, config)
    if script == "hans":
        (site / "data" / "glossary.json").write_text(
            json.dumps(glossary_export(glossary, mentions), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    overrides_of_mkdocs = generate_script_docs(edition, logs, glossary, mentions, work, site, config, texts, sizes)
    write_audits([t for t in texts if t.source.script == script], audits)
    if script == "hans":  # the lighter of the two jobs
        write_root_page(config, texts, site)
    timer.lap("render")
    docs = work / "docs-new" / script
    for text_id, log in logs.items():                              # the review closes the text's audit page
        if log.config:
            mine = [f for f in findings if f.text == text_id]
            with open(docs / "audit" / f"{text_id}.md", "a", encoding="utf-8") as page:
                page.write(review_section(mine, review.counts([log], mine), load_strings(TEMPLATES)[script]))
    sync_tree(docs, work / "docs" / script)              # unchanged pages keep their time (serve's dirty builds)
    failed = review.problems(findings)
    if mkdocs:   # MkDocs dates the sitemap by SOURCE_DATE_EPOCH, else by the clock: give it the edition's date
        os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(config))
    failed += build_sites(project, [overrides_of_mkdocs], dirty) if mkdocs and not failed else []
    write_chapter_redirects(config, site / script)
    timer.lap("mkdocs")
    if mkdocs and not failed:   # what readers get holds every raw character, in order (edition/published.py)
        failed += conservation_problems(edition, {t.source.id: t for t in texts}, logs, site / script, site / "data")
        timer.lap("published")
    if mkdocs and not dirty:  # into the site MkDocs built (it empties it first): passages, never glossary pages
        write_search_index(edition.texts, glossary, script, load_strings(TEMPLATES)[script], site / script)
        timer.lap("search")
    return {"script": script, "problems": failed, "timings": timer.stages, "mkdocs": overrides_of_mkdocs,
            "used": used_here, "review": review.counts([log for log in logs.values() if log.config], findings)}


def source_date_epoch(config: EditionConfig) -> str:
    """The edition's date (the newest in its history) as seconds since 1970, at midnight UTC."""
    versions = history(list(config.ledger), list(config.corrections))
    day = datetime.date.fromisoformat(versions[0]["date"]) if versions else datetime.date(1970, 1, 1)
    return str(int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc).timestamp()))


def write_chapter_redirects(config: EditionConfig, site: Path) -> None:
    """A chapter path that once existed keeps working: a page that forwards, #anchor and all.
    Slugs come from the ledger, validated where it is read; `inside` guards the write anyway."""
    for record in config.ledger:
        if record.id.startswith("chapter/") and record.status == "retired":
            page = inside(site, record.text, record.chapter, "index.html")
            target = f"../{record.successor}/"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(
                f'<!doctype html><html><head><meta charset="utf-8"><title>{record.successor}</title>'
                f'<meta http-equiv="refresh" content="0; url={target}"><link rel="canonical" href="{target}">'
                f'<script>location.replace("{target}" + location.hash)</script></head>'
                f'<body><a href="{target}">{record.successor}</a></body></html>', encoding="utf-8")


_JOBS: list = []   # the jobs of the running build, inherited by the forked workers


def run_parallel(jobs: list) -> list:
    """Run each job in a forked worker (inheriting the built texts without copying them). A worker
    that dies is an error, not a hang; an error inside one keeps its traceback as the cause."""
    global _JOBS
    _JOBS = jobs
    pool = ProcessPoolExecutor(max_workers=len(jobs), mp_context=multiprocessing.get_context("fork"))
    try:
        futures = [pool.submit(_run_job, index) for index in range(len(jobs))]
        return [future.result() for future in futures]
    except BrokenProcessPool:
        raise EditionError([Problem("", "a build worker died (killed, or out of memory); nothing was written")]) from None
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):   # no orphans on Ctrl-C or SIGTERM
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _JOBS = []


def _run_job(index: int):
    return _JOBS[index]()


def write_exports(editions: dict[str, ScriptEdition], data: Path, mentions: list, glossary: Glossary,
                  config: EditionConfig) -> dict[str, int]:
    """JSON, TEI and plain text of every text in every script; TEI and text made from the JSON's dict.
    Returns the size of each file written."""
    data.mkdir(parents=True, exist_ok=True)
    for script, edition in editions.items():
        for text in edition.texts:
            exported = export_text(text, script, mentions)
            stem = f"{text.source.id}.{script}"
            (data / f"{stem}.json").write_text(
                json.dumps(exported, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            (data / f"{stem}.tei.xml").write_bytes(tei_document(exported, glossary, header_facts(config, text, script)))
            (data / f"{stem}.txt").write_bytes(
                plain_text(exported, config.meta.get("plain_text_page_markers", True)).encode("utf-8"))
    return {path.name: path.stat().st_size for path in data.iterdir()}


def generate_script_docs(edition: ScriptEdition, logs: dict, glossary: Glossary, mentions: list, work: Path,
                         site: Path, config: EditionConfig, originals: list[BuiltText], sizes: dict[str, int]) -> dict:
    """Markdown pages and search dictionary of one script; returns its MkDocs settings.
    `originals` are the texts in their own scripts (for the citation files), `sizes` the sizes of
    the data files written so far."""
    strings = load_strings(TEMPLATES)
    script = edition.script
    other = other_script(script)
    docs = work / "docs-new" / script      # synced into work/docs by the job: unchanged pages keep their time
    page = principles_page(TEMPLATES, edition, logs, strings[script])

    def links(text_id: str, depth: int) -> dict:
        by_unit = first_links(mentions, glossary, script, "../" * depth)
        return {(p if p is not None else f"n{n}"): spans for (t, p, n), spans in by_unit.items() if t == text_id}
    about = edition_of(config, history(list(config.ledger), list(config.corrections)), config.site_url)
    works = {source.id: work_of(source) for source in config.texts}   # as printed: never converted
    citations = {name: content for text in originals
                 for name, content in citation_files(works[text.source.id], about, text).items()}
    render_script(edition, TEMPLATES, docs, strings[script], page, logs, links,
                  timeline(glossary, script, "", strings[script]), works, about,
                  sizes | {name: len(content.encode("utf-8")) for name, content in citations.items()})
    for text in originals:
        if text.source.script == script:                      # one set of citation files per text
            for name in (n for n in citations if n.split("/")[0].split(".")[0] == text.source.id):
                path = inside(site / "data", name)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(citations[name], encoding="utf-8")
    render_glossary(glossary, edition, mentions, TEMPLATES, docs, strings[script])
    (docs / "history.md").write_text(environment(TEMPLATES).get_template("history.md.j2").render(
        strings=strings[script], versions=history(list(config.ledger), list(config.corrections)),
        texts={t.source.id: {"title": shown_title(t.source.title, works[t.source.id]), "places": places(t, strings[script])}
               for t in edition.texts}),     # a supplied title in its brackets, as in the navigation
        encoding="utf-8")
    root = urlparse(config.site_url).path.rstrip("/")     # absolute paths, for the 404 page
    words = {key: strings[script][key] for key in ("not_found_title", "not_found_text", "search_label", "home",
                                                   "switch_not_found")}
    switch = {"prefix": other, "lang": strings[other]["site_lang"], "label": strings[script]["switch_label"],
              "title": strings[script]["switch_title"],
              "root": f"{root}/{other}/", "words": {**words, "root": f"{root}/{script}/"}}
    return script_config(script, switch, shown_text(edition.title), work / "docs" / script, site / script,
                         navigation(edition, strings[script], works), config.site_url, work / "jinja",
                         {"edition": footer(about, script, strings[script])})


def write_root_page(config: EditionConfig, texts: list[BuiltText], site: Path) -> None:
    """The landing page above both script sites: each text under its own title, in both scripts."""
    titles = [{"id": t.source.id, "title": f"[{t.source.title}]" if t.source.title_supplied else t.source.title,
               "supplied": t.source.title_supplied, "lang": LANG[t.source.script]}
              for t in texts]
    pages = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "pages"), autoescape=True)
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(pages.get_template("root.html.j2").render(titles=config.title, texts=titles,
                                                                                     editors=config.editors),
                                     encoding="utf-8")


def navigation(edition: ScriptEdition, strings: dict, works: dict) -> list:
    """MkDocs' nav; Material prints its titles unescaped, so titles from sources/ go in as text."""
    nav: list = [{strings["home"]: "index.md"}]
    for text in edition.texts:
        title = f"[{text.source.title}]" if works[text.source.id].supplied else text.source.title
        pages = [f"{text.source.id}/index.md"]
        pages += [{shown_text(f"{c.label} {c.title}".strip()): f"{text.source.id}/{c.id}/index.md"}
                  for c in text.chapters if c.id != "front"]
        pages.append({strings["apparatus"]: f"{text.source.id}/apparatus.md"})
        nav.append({shown_text(title): pages})
    nav.append({strings["glossary"]: "glossary/index.md"})
    nav.append({strings["history"]: "history.md"})
    nav.append({strings["principles"]: "principles.md"})
    nav.append({strings["about"]: "about.md"})
    nav.append({strings["audit"]: [f"audit/{t.source.id}.md" for t in edition.texts]})
    return nav


def write_audits(texts: list[BuiltText], folder: Path) -> None:
    strings = load_strings(TEMPLATES)
    folder.mkdir(parents=True, exist_ok=True)
    for text in texts:                                       # in the words of the text's own script
        (folder / f"{text.source.id}.md").write_text(report(text, strings[text.source.script]), encoding="utf-8")
