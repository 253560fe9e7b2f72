"""The small edition: a copy of the project with one text (KEPT_TEXT) and the glossary entries that
text mentions, for the tests that exercise a mechanism (files, ledger, hosts, serve, add-text, the
fuzzer) rather than the seeds' pages. A build of it costs about half a build of the whole edition:
most of a build's pages are glossary entries, and most entries are the thesis's.

It is made from the committed sources by rules, not kept as a second copy: every list item of
sources/ that names another text is left out, and so are that text's ledger records; then the
glossary entries the kept text never mentions (as the build's own warnings say), unless a kept
entry relates to them; then the conversion decisions the build reports as matching nothing.
`small_edition` (tests/conftest.py) builds it once for the whole run.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, copy_project

KEPT_TEXT = "mongolia"     # the article: a build of it alone takes a few seconds
GLOSSARY = ("glossary/people.yml", "glossary/treaties.yml", "glossary/conferences.yml")


def build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_edition.py"), *args], cwd=project,
                          capture_output=True, text=True, timeout=300)


def one_text_project(folder: Path) -> Path:
    """A copy of the edition in `folder/project` with KEPT_TEXT alone (see the module's docstring)."""
    project = copy_project(folder)
    sources = project / "sources"
    for name in ("edition.yml", "corrections.yml", "glyphs.yml", "conversion.yml", "glossary/rules.yml"):
        path = sources / name
        if path.exists():
            path.write_text(_without_other_texts(path.read_text(encoding="utf-8"), name), encoding="utf-8")
    for path in [*sources.glob("*.txt"), *sources.glob("tables/*.yml")]:   # the other texts' files
        if not path.name.startswith(KEPT_TEXT):
            path.unlink()
    ledger = sources / "anchors.lock"
    kept = [line for line in ledger.read_text(encoding="utf-8").splitlines(keepends=True)
            if line.startswith("#") or line.split(" ", 1)[0] == KEPT_TEXT]
    records = sum(not line.startswith("#") for line in kept)
    ledger.write_text("".join(re.sub(r"^# end of ledger: \d+", f"# end of ledger: {records}", line) for line in kept),
                      encoding="utf-8")
    # One build says both what to leave out: the glossary's forms it never found, and the conversion
    # decisions about the other text (they name no text) that match nothing.
    said = build(project)
    _drop_unmentioned_entries(sources, said.stdout + said.stderr)
    stale = {int(n) for n in re.findall(r"sources/conversion\.yml:(\d+): stale", said.stderr)}
    conversion = sources / "conversion.yml"
    conversion.write_text(_without_items(conversion.read_text(encoding="utf-8"), lambda item: item.start_mark.line + 1
                                         in stale), encoding="utf-8")
    return project


def _drop_unmentioned_entries(sources: Path, output: str) -> None:
    """Leave out of the glossary each entry whose every form the build found in no text (its
    warning "form … of 'id' is never found"), unless an entry kept relates to it."""
    unfound: dict[str, int] = {}
    for entry in re.findall(r"form .* of '([^']+)' is never found in the texts", output):
        unfound[entry] = unfound.get(entry, 0) + 1
    entries = {item["id"]: item for name in GLOSSARY
               for item in yaml.safe_load((sources / name).read_text(encoding="utf-8")) or []}
    dropped = {i for i, item in entries.items() if unfound.get(i, 0) == len(item.get("forms") or [])}
    related = True
    while related:      # an entry kept names its relations' pages: they stay too
        related = {target for i, item in entries.items() if i not in dropped
                   for targets in (item.get("relations") or {}).values() for target in targets} & dropped
        dropped -= related
    for name in GLOSSARY:
        path = sources / name
        path.write_text(_without_items(path.read_text(encoding="utf-8"), lambda item: _id_of(item) in dropped),
                        encoding="utf-8")


def _id_of(node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        return next((v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)), None)
    return None


def _without_other_texts(text: str, name: str) -> str:
    """`text` (a YAML file) without the items of its lists that name another text (`text: x` or,
    in edition.yml's `texts:`, `id: x`)."""
    return _without_items(text, lambda item: _names_other(item, name))


def _without_items(text: str, drop) -> str:
    """`text` (a YAML file) without the items of its top list (or of edition.yml's `texts:`) that `drop`."""
    root = yaml.compose(text)
    items = root.value if isinstance(root, yaml.SequenceNode) else \
        next((v.value for k, v in root.value if k.value == "texts"), []) if isinstance(root, yaml.MappingNode) else []
    lines = text.splitlines(keepends=True)
    for number, item in reversed(list(enumerate(items))):
        if drop(item):     # its lines, up to the next item's (or its own end)
            end = items[number + 1].start_mark.line if number + 1 < len(items) else \
                item.end_mark.line + (item.end_mark.column > 0)
            del lines[item.start_mark.line:end]
    return "".join(lines)


def _names_other(node, name: str) -> bool:
    key = "id" if name == "edition.yml" else "text"
    if isinstance(node, yaml.MappingNode):
        return any((k.value == key and isinstance(v, yaml.ScalarNode) and v.value != KEPT_TEXT)
                   or _names_other(v, name) for k, v in node.value)
    return False
