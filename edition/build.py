"""The build, stage by stage: the table of contents of the pipeline (design.md, "The pipeline").

1. load (`sources.load`)      the sources, validated, typed and frozen
2-5. reconstruct (`text`)     layout, notes, paragraphs, structure of each text; conservation checked
6-7. correct, anchor (`text`) the editor's emendations, then the stable ids of the ledger
--- then one job per script, in two processes side by side (`script_job`) ---
8. convert (`text`)           the texts in the job's script, reviewed by a second converter
9. mentions (`text`)          the glossary's entries found in the converted texts
11. export (`exports`)        JSON, TEI, plain text, citations, the glossary's JSON
10. render (`site`)           the script's Markdown pages, then MkDocs into site/<script>/
12. check (`checks`)          conservation again, on the published pages and exports; search index

Everything is gathered and checked in memory first; files are written into a fresh temporary
folder and moved into place only when every text and both sites built cleanly, so a failed build
never touches the previously built site or audit (`staging`). Intermediate files (generated docs,
MkDocs configs) are kept under build/ for inspection and for `serve`.
"""
from __future__ import annotations

import functools
import json
import os
import pickle
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from importlib import metadata
from pathlib import Path, PosixPath
from typing import Any
from urllib.parse import urlparse

from edition.checks.conservation import conservation, table_conservation
from edition.checks.hosts import other_hosts
from edition.checks.published import conservation_problems
from edition.core import inputs, model
from edition.core.errors import EditionError, Problem
from edition.core.inputs import RawLine, Table, TextSource
from edition.core.memo import code_of, key_of, stored_objects, write_whole
from edition.core.model import AnchoredEdition, Audit, BuiltText, ScriptEdition
from edition.core.scripts import SCRIPTS
from edition.exports.citation import edition_of, works_of
from edition.exports.formats import tei_problems, text_inputs, write_citations, write_exports, write_glossary
from edition.exports.romanize import load_memo, prepare, save_memo
from edition.exports.tei_header import header_facts
from edition.site.audit_page import write_audits
from edition.site.docs import write_script_docs
from edition.site.downloads import write_downloads_page
from edition.site.mkdocs_build import (
    DATA_SETTINGS,
    TEMPLATES,
    build_sites,
    place_settings,
    source_date_epoch,
    warm,
    work_settings,
)
from edition.site.navigation import write_chapter_redirects, write_root_page
from edition.site.search import write_search_index
from edition.site.strings import load_strings
from edition.sources.ledger import ledger_text
from edition.sources.load import load
from edition.sources.yamlfile import YamlList, YamlMap
from edition.staging import Staging, copy_tree, exclusive, recover, refuse_links, sync_tree, tree_digest, write_source
from edition.text import review
from edition.text.anchors import anchor_text, history, today
from edition.text.breaks import list_order
from edition.text.conversion import ConversionLog, edition_in
from edition.text.corrections import Emendation, apply_corrections
from edition.text.floats import provisional_tables
from edition.text.footnotes import note_order
from edition.text.headings import heading_order
from edition.text.layout import layout, page_convention
from edition.text.mentions import find_mentions, respelling_pairs, unused_forms
from edition.text.notes import find_notes
from edition.text.paragraphs import build_paragraphs
from edition.text.profile import page_reading
from edition.text.stream import float_moves
from edition.text.structure import structure
from edition.workers import build_failing, fail_build, run_parallel


def build_text(source: TextSource, glyph_map: dict[str, str]) -> BuiltText:
    """Stages 2-5 over one text, then the check that every raw character is accounted for."""
    return checked(_reconstruct(_pages_read(source), glyph_map))


def _pages_read(source: TextSource) -> TextSource:
    """`source` with the page convention it is read by in its layout profile (`page_reading`): a
    text entered without `pages:` is read as add-text would have declared it."""
    return replace(source, layout=replace(source.layout, pages=page_reading(source)))


def _reconstruct(source: TextSource, glyph_map: dict[str, str]) -> BuiltText:
    audit = Audit()
    pages = layout(source)                                   # raw lines -> pages, furniture out
    floated = provisional_tables(source, pages) if page_convention(source) != "blank-lines" else ()
    if floated:                                              # tables not re-keyed yet, read where they stand
        source = replace(source, tables=source.tables + floated)
        pages = layout(source)
    for line in float_moves(pages):                          # a table written after its page's foot
        audit.record("restore_float_order", line.number, line.text, line.text)
    pages = heading_order(source, pages, audit)              # a section heading written above its part's
    if page_convention(source) != "blank-lines":
        pages = note_order(pages, audit)                     # a note's last line written after the next note
        pages = list_order(pages, audit, tuple(source.layout.headings))   # list labels written before the items
    notes, markers = find_notes(source, pages)               # note blocks and markers, one to one
    paragraphs, notes = build_paragraphs(source, pages, markers, notes, glyph_map, audit)
    chapters = structure(source, paragraphs, audit)          # headings need the joined paragraphs
    return BuiltText(source, pages, tuple(chapters), tuple(notes), tuple(markers), audit)


def checked(built: BuiltText) -> BuiltText:
    """`built`, once every raw character is accounted for in it (a reconstruction read back from
    build/cache/ too: whatever the file holds, nothing is published that loses a character)."""
    source = built.source
    problems = [Problem(source.path, f"conservation: {p}") for p in conservation(built)]
    for table in source.tables:   # named at the table file's rows: that is where an editor fixes it
        problems += [Problem(f"{table.path}:{table.rows_line}", p) for p in table_conservation(source, table)]
    if problems:
        raise EditionError(problems)
    return built


_RECONSTRUCTED: dict[str, BuiltText] = {}
# What a stored reconstruction depends on besides its inputs: the code of the stages as this process
# imported it (hashed once, so a file edited while `serve` runs is not taken for the running code),
# and the Python and Unicode versions its character classes come from.
_CODE = key_of(code_of(*sorted(str(path) for folder in ("text", "core", "checks")
                               for path in (Path(__file__).parent / folder).glob("*.py")), __file__),
               repr(sys.version_info), unicodedata.unidata_version)
_STORED_CLASSES = [RawLine, Table] + [c for c in vars(model).values()
                                      if isinstance(c, type) and c.__module__ == model.__name__]
_PARTS = (tuple, tuple, tuple, tuple, Audit)   # pages, chapters, notes, markers, audit
# what a stored load (`load_texts`) is made of: the sources' and the pipeline's frozen objects
_LOADED_CLASSES = [*(c for module in (inputs, model) for c in vars(module).values()
                     if isinstance(c, type) and c.__module__ == module.__name__),
                   Emendation, YamlMap, YamlList, PosixPath]


def reconstructed(source: TextSource, glyph_map: dict[str, str], cache: Path | None = None,
                  write: bool = True) -> BuiltText:
    """`build_text`, remembered by its inputs: for the life of the process (`serve` rebuilds after a
    correction without reconstructing the texts whose raw file and repairs did not change) and,
    given a `cache` folder (build/cache/), for the next build, keyed by the text's whole entry,
    its raw lines, its repairs, the stages' code and the Python and Unicode versions. A stored one
    is checked for conservation as a computed one is."""
    key = key_of(pickle.dumps((source, sorted(glyph_map.items()))), _CODE)
    if key not in _RECONSTRUCTED:
        if len(_RECONSTRUCTED) >= 8:   # a long serve session: forget the oldest
            del _RECONSTRUCTED[next(iter(_RECONSTRUCTED))]

        read = _pages_read(source)

        def parts() -> tuple:      # checked below, whether computed or read
            built = _reconstruct(read, glyph_map)
            return built.pages, built.chapters, built.notes, built.markers, built.audit
        stored = stored_objects(cache, f"text-{source.id}", key, parts, _STORED_CLASSES, write, shape=_PARTS)
        _RECONSTRUCTED[key] = checked(BuiltText(read, *stored))
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


NO_SITE_URL = ("mkdocs.yml: no site_url: the BibTeX, RIS and CSL-JSON records and the meta tags carry "
               "addresses relative to the site's root, which are dead once imported; set site_url to the "
               "edition's address (the pages still build each address in the reader's browser).")


def load_texts(root: Path, timer: Timer, frozen: bool = False, project: Path | None = None,
               new_ledger: bool = False, cache: Path | None = None, write_cache: bool = True) -> AnchoredEdition:
    """Stages 1-7: every text reconstructed, checked, corrected and anchored in its own script.
    With `frozen`, a ledger that would change is an error. With a `cache` folder, reconstructions
    are read from it and (with `write_cache`) stored there for the next build; and so is the whole
    result with its warnings, keyed by every file under sources/, mkdocs.yml, the day new ids would
    take, the options and the code (`_load_key`): a build with the same sources reads it back."""
    said: list[str] = []
    made: list[bool] = []

    def computed() -> tuple[AnchoredEdition, tuple[str, ...]]:
        made.append(True)
        try:
            return _load_texts(root, timer, frozen, project, new_ledger, cache, write_cache, said.append), tuple(said)
        except EditionError:
            for warning in said:
                print(f"warning: {warning}")
            raise
    if cache is None:
        anchored, warnings = computed()
    else:
        anchored, warnings = stored_objects(cache, "load", _load_key(root, project, frozen, new_ledger), computed,
                                            _LOADED_CLASSES, write_cache, shape=(AnchoredEdition, tuple))
        if not made:
            timer.lap("kept load")
    for warning in warnings:
        print(f"warning: {warning}")
    return anchored


def _load_key(root: Path, project: Path | None, frozen: bool, new_ledger: bool) -> str:
    return key_of(_JOB_CODE, _contents(root), _content((project or root.parent) / "mkdocs.yml"), today(),
                  repr((frozen, new_ledger)), str(root.resolve()), str(project.resolve() if project else ""))


def _contents(folder: Path, leaving: Path | None = None) -> list[str | bytes]:
    """The names and contents (`_content`) of every file under `folder` but `leaving`, for a key."""
    paths = [p for p in sorted(folder.rglob("*")) if (p.is_symlink() or p.is_file()) and p != leaving]
    return [item for p in paths for item in (p.relative_to(folder).as_posix(), _content(p))]


def _content(path: Path) -> bytes:
    """A file's bytes for a key; a link is never read (the loader refuses it by name), it only makes
    the key differ; a missing file is empty."""
    return b"\0link" if path.is_symlink() else path.read_bytes() if path.is_file() else b""


def _load_texts(root: Path, timer: Timer, frozen: bool, project: Path | None, new_ledger: bool,
                cache: Path | None, write_cache: bool, say: Callable[[str], object]) -> AnchoredEdition:
    """`load_texts` computed; each warning handed to `say`."""
    config = load(root, project, new_ledger)
    for warning in config.warnings or (() if config.site_url else (NO_SITE_URL,)):
        say(warning)
    timer.lap("load")
    texts, problems = [], []
    for source in config.texts:
        try:
            texts.append(reconstructed(source, config.glyphs.get(source.id, {}), cache, write_cache))
        except EditionError as error:                        # keep going: report every text's problems
            problems += error.problems
    if problems:
        raise EditionError(problems)
    texts = [apply_corrections(text, config.corrections) for text in texts]   # after the conservation check
    for warning in unused_forms(config.glossary, texts):
        say(warning)
    if respelled := respelling_pairs(config.glossary, texts):   # on the corrected texts, like the matching
        raise EditionError(respelled)
    timer.lap("texts")
    anchored, records = [], []
    for text in texts:                                       # anchors after corrections, before conversion
        text, text_records, revived = anchor_text(text, config.published, today())
        for warning in revived:
            say(warning)
        anchored.append(text)
        records += text_records
    new_ledger_text = ledger_text(records)
    changed = (new_ledger_text != ledger_text(config.published.records) or not config.published.sealed
               or not (root / "anchors.lock").exists())
    if changed and frozen:
        raise EditionError([Problem("sources/anchors.lock", "the ledger would change (ids issued or retired); "
                                    "build without --frozen and commit sources/anchors.lock")])
    timer.lap("anchors")
    overrides = tuple(config.overrides) + tuple(config.glossary.overrides())   # names keep their declared forms
    return AnchoredEdition(config, tuple(anchored), overrides, tuple(records),
                           tuple(history(records, list(config.corrections))), new_ledger_text if changed else None)


def build(root: Path, out: Path, check: bool = False, frozen: bool = False, project: Path | None = None,
          new_ledger: bool = False) -> tuple[BuiltText, ...]:
    """Build every text from `root` (sources/) into `out`: `out/site/` and `out/build/`. `project`
    holds mkdocs.yml (by default the folder holding sources/). With `check`, every stage runs,
    MkDocs included, into a staging folder that is then thrown away: nothing else is written.
    `serve` rebuilds with this same function: its site is staged and swapped in whole too."""
    project = project or root.parent
    with exclusive(out):     # one build at a time in `out`; a second one waits
        refuse_links(root, out)  # before anything is read or written: no link is ever followed
        recover(out)             # what a killed build left behind, before anything else can fail
        return _build(root, out, check, frozen, project, new_ledger)


def _build(root: Path, out: Path, check: bool, frozen: bool, project: Path, new_ledger: bool) -> tuple[BuiltText, ...]:
    timer = Timer()        # `check` reads what earlier builds stored and stores nothing
    anchored = load_texts(root, timer, frozen, project, new_ledger, out / "build" / "cache", write_cache=not check)
    with Staging(out) as stage:
        staging = stage.folder
        work = staging / "work" if check else out / "build"
        for stored in ("cache", "jinja", "pages") if check else ():   # what earlier builds stored, read from a copy
            if (out / "build" / stored).is_dir():
                shutil.copytree(out / "build" / stored, work / stored, ignore=shutil.ignore_patterns(".*"))
        # From here on each script is independent: one process per script converts, renders, writes
        # its own texts' audits and runs MkDocs, so the two scripts' work overlaps on two cores.
        key = job_key(root, project, anchored, check)
        kept = {script: _kept_job(work / "cache" / f"job-{script}", key) for script in SCRIPTS}
        making = any(result is None for result in kept.values())
        warm(pages=making)   # MkDocs, the theme's plugin (the page templates): once, before the workers fork
        if making:
            load_memo(work / "cache")    # titles romanized by earlier builds; jieba loaded once if one is new
            prepare([title for t in anchored.texts for title in ((() if t.source.title_supplied else (t.source.title,))
                                                                 + tuple(c.title for c in t.chapters))],
                    anchored.config.meta.get("romanization") or {})   # a supplied title is romanized in its brackets
        jobs = [functools.partial(script_job, script, anchored, project, work, staging / "site",
                                  staging / "build" / "audit", check=check, key=key, kept=kept[script])
                for script in SCRIPTS]
        _raise_problems(run_parallel(jobs), anchored, timer)
        write_downloads_page(TEMPLATES, load_strings(TEMPLATES), anchored.config.title, anchored.texts,
                             staging / "site" / "data")   # after both scripts' files exist
        if not check:
            stage.commit()
            _write_ledger(root, anchored)                 # ids are recorded only once they are online
    print(timer.summary())
    return anchored.texts


def _raise_problems(results: list[dict], anchored: AnchoredEdition, timer: Timer) -> None:
    """Every problem the workers found; when a reading is undecided in either script, those alone
    (with the stale decisions): a worker stops once the other has one, so what it would have found
    later depends on timing, and is reported by the build after the readings are decided."""
    undecided = [problem for result in results for problem in result["undecided"]]
    problems = undecided or [problem for result in results for problem in result["problems"]]
    used = set().union(*(result["used"] for result in results))
    problems += review.stale(review.decisions(list(anchored.overrides)), used)
    if problems:
        raise EditionError(problems)
    print(review.summary(review.merge_counts([result["review"] for result in results])))
    for result in results:
        timer.stages.update({f"{stage} ({result['script']})": t for stage, t in result["timings"].items()})


def _write_ledger(root: Path, anchored: AnchoredEdition) -> None:
    if anchored.ledger_text is not None:
        write_source(root, "anchors.lock", anchored.ledger_text)


def script_job(script: str, anchored: AnchoredEdition, project: Path, work: Path, site: Path, audits: Path,
               mkdocs: bool = True, check: bool = False, key: str | None = None, kept: dict | None = None) -> dict:
    """One script's share of the build, stages 8-12 (the module docstring). Without `mkdocs` it
    stops before MkDocs (the benchmark times the stages before it that way); `check` validates
    the TEI exports against tei_all.rng. Given the `key` of everything the job's files are computed
    from (`job_key`), the files are kept in build/cache/job-<script>/ and copied from there by the
    next build with the same key: then only MkDocs and the checks of what it made run (`kept`: what
    the build found kept for the key, if it looked)."""
    timer = Timer()
    job = work / "cache" / f"job-{script}"
    kept = kept or _kept_job(job, key)
    converted: list = []      # the texts in the job's script, once converted: the checks below read them too
    if kept is None:
        made = _make_job(script, anchored, work, site, job, timer, converted)
        if "mkdocs" not in made:            # stopped before its pages: an undecided reading here or there
            return made
        if key is not None:     # the key last: a job folder without it is never read
            write_whole(job / "key.json", {"key": key, "files": _job_files(job),
                                           "result": {**made, "used": sorted(made["used"])}})
        result = made
    else:
        result = {**kept, "used": set(kept["used"]), "timings": timer.stages}
        data = {name: value for name, value in kept["mkdocs"].items() if name in DATA_SETTINGS}
        result["mkdocs"] = data | place_settings(script, work / "docs" / script, site / script) | {
            "extra": {**data["extra"], **work_settings(script, work)}}
    copy_tree(job / "site", site)           # the exports (and the root page) as made for this key
    copy_tree(job / "audit", audits)
    sync_tree(job / "docs", work / "docs" / script, keep=True)   # unchanged pages keep their time (serve)
    timer.lap("render" if kept is None else "kept")
    settings = result["mkdocs"]
    if build_failing() or not mkdocs:         # the other script has an undecided reading: no MkDocs
        return result
    failed: list[Problem] = list(result["problems"])
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(anchored.versions))   # the sitemap's date
    failed += build_sites(project, [settings], keep=not check) if not failed else []
    if not failed:   # nothing on the pages loads from another host (checks.hosts)
        failed += other_hosts(site / script, project, urlparse(anchored.config.site_url).hostname or "")
    write_chapter_redirects(anchored.ledger, site / script)
    timer.lap("mkdocs")

    def edition() -> tuple[ScriptEdition, dict[str, ConversionLog]]:   # converted here only if kept and checked
        converted[:] = converted or [edition_in(script, anchored)]
        return converted[0]
    published = key_of(key or "", tree_digest(site / script), tree_digest(job / "site" / "data"))
    if not failed and (key is None or _read_json(job / "checked.json") != published):
        # what readers get holds every raw character, in order (checks.published); the same
        # files checked for the same key need no second look
        in_script, logs = edition()
        failed += conservation_problems(in_script, {t.source.id: t for t in anchored.texts}, logs, site / script,
                                        site / "data")
        if not failed and key is not None:
            write_whole(job / "checked.json", published)
        timer.lap("published")
    if check and not failed:
        failed += tei_problems(site / "data", edition()[0])
        timer.lap("validate TEI")
    copy_tree(job / "search", site / script)   # into the site MkDocs built (it empties it first)
    return result | {"problems": failed, "timings": timer.stages}


def _make_job(script: str, anchored: AnchoredEdition, work: Path, site: Path, job: Path, timer: Timer,
              converted: list) -> dict:
    """The job's files, into `job` (emptied first): the exports and the root page under site/, the
    texts' audits under audit/, the Markdown pages under docs/, the search index under search/. The
    converted texts and their logs are appended to `converted`."""
    shutil.rmtree(job, ignore_errors=True)
    job.mkdir(parents=True)
    config = anchored.config
    load_memo(work / "cache")            # titles romanized by earlier builds (never stale: keyed by content)
    edition, logs = edition_in(script, anchored)                      # stage 8
    converted.append((edition, logs))
    timer.lap("convert")
    findings, used_here = review.review_script(anchored, logs)     # the second converter reads OpenCC's work
    counted = review.counts([log for log in logs.values() if log.config], findings)
    undecided = review.problems(findings)
    result: dict[str, Any] = {"script": script, "problems": list(undecided), "undecided": undecided,
                              "timings": timer.stages, "used": used_here, "review": counted}
    if undecided:       # the build fails: the other script's worker need not make its pages either
        fail_build()
    if undecided or build_failing():   # an undecided reading fails before any page is made
        return result
    timer.lap("review")
    mentions = find_mentions(config.glossary, edition.texts, script)    # after conversion: forms of this script
    works = works_of(config, anchored.texts)     # as printed: never converted
    about = edition_of(config, list(anchored.versions), config.site_url)
    data = job / "site" / "data"
    inputs = {t.source.id: text_inputs(config.glossary, header_facts(anchored, t, script),
                                       config.meta.get("plain_text_page_markers", True), works[t.source.id], about,
                                       t, script) for t in edition.texts}
    sizes = write_exports(edition, data, mentions, inputs)
    sizes |= write_citations(edition.texts, works, about, data, script)
    if script == "hans":                    # the lighter of the two jobs writes what both share
        write_glossary(config.glossary, mentions, data)
        write_root_page(config, anchored.texts, job / "site")
    shutil.rmtree(work / "docs-new" / script, ignore_errors=True)    # what a killed build left
    settings = write_script_docs(edition, logs, findings, mentions, anchored, works, about, sizes, work, site)
    (work / "docs-new" / script).rename(job / "docs")
    write_audits([t for t in anchored.texts if t.source.script == script], job / "audit", load_strings(TEMPLATES))
    save_memo(work / "cache", script)
    write_search_index(edition.texts, config.glossary, mentions, script, load_strings(TEMPLATES)[script],
                       job / "search", works, cache=work / "cache")     # passages, never glossary pages
    return result | {"mkdocs": settings}


def _kept_job(job: Path, key: str | None) -> dict | None:
    """What the job made for `key`, if its folder holds it, every file as it was made. Of the MkDocs
    settings it made, only the data (`DATA_SETTINGS`) is taken back (script_job)."""
    kept = _read_json(job / "key.json") if key is not None else None
    if not isinstance(kept, dict) or kept.get("key") != key:
        return None
    result = kept.get("result")
    settings = result.get("mkdocs") if isinstance(result, dict) else None
    if (isinstance(settings, dict) and DATA_SETTINGS <= set(settings) and isinstance(settings["extra"], dict)
            and kept.get("files") == _job_files(job)):
        return result
    return None


def _job_files(job: Path) -> str:
    """The hash of a job's files: the site's are links to them, and a file changed through one is
    not published again."""
    return key_of([tree_digest(job / part) for part in ("site", "audit", "docs", "search")])


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# The code a job's files are computed by: every module of the package as this process imported it
# (hashed once, as _CODE), the Python and Unicode versions, and the libraries whose output is in them.
_JOB_CODE = key_of(code_of(*sorted(str(path) for path in Path(__file__).parent.rglob("*.py"))),
                   repr(sys.version_info), unicodedata.unidata_version,
                   [f"{name} {metadata.version(name)}" for name in ("opencc", "jieba", "pypinyin", "zhconv-rs",
                                                                     "lxml", "jinja2", "pyyaml")])


def job_key(root: Path, project: Path, anchored: AnchoredEdition, check: bool) -> str:
    """What the script jobs' files are computed from: every file under sources/ and templates/ (their
    paths and bytes), mkdocs.yml, the ledger this build writes (new ids carry today's date), the
    date MkDocs is given, whether it is a check, and the code (`_JOB_CODE`). The ledger is the one
    the build leaves in sources/: what it writes, or the file as it is when it writes none; so the
    build after a correction, which reads what that build wrote, finds its jobs kept."""
    ledger = root / "anchors.lock"
    left = anchored.ledger_text.encode("utf-8") if anchored.ledger_text is not None else _content(ledger)
    return key_of(_JOB_CODE, _contents(root, leaving=ledger), _contents(TEMPLATES), _content(project / "mkdocs.yml"),
                  left, os.environ.get("SOURCE_DATE_EPOCH", ""), repr(check))
