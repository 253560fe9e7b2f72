"""The downloads of the edition: every file under `site/data/`, its size and what it is for.

In: the sizes of the files the export stage wrote (name -> bytes), the texts and the interface
strings. Out: the download list of each text's home page, and `site/data/index.html`, the data
downloads page (both scripts on one page, written once both scripts' files exist). The words are
in `templates/strings.yml`; file names follow design.md's export contract. Never reads a source.
"""
from __future__ import annotations

from pathlib import Path

from edition.core.errors import fail
from edition.core.scripts import LANG, SCRIPTS
from edition.exports.formats import FORMATS, export_name
from edition.exports.records import CITATIONS, record_name
from edition.site.strings import html_environment


def human_size(size: int) -> str:
    """A size as readers read it (decimal units).

    >>> [human_size(n) for n in (240, 34_560, 1_250_000)]
    ['240 B', '35 KB', '1.2 MB']
    """
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"


def text_downloads(text_id: str, script: str, strings: dict, sizes: dict[str, int], prefix: str) -> list[dict]:
    """A text's files for its home page in `script`: this script's exports and the citation files,
    each with its size (when known to this script's build) and a line on what it is for."""
    items = []
    for form in FORMATS:
        items.append(_item(export_name(text_id, script, form.suffix),
                           strings[f"format_{form.key}"].format(script=strings[f"{script}_name"]),
                           strings[f"purpose_{form.key}"], sizes, prefix))
    for ext, key, _ in CITATIONS:
        items.append(_item(record_name(text_id, script, ext), strings[f"format_{key}"].format(
            script=strings[f"{script}_name"]), strings[f"purpose_{key}"], sizes, prefix))
    return items


def _item(name: str, label: str, purpose: str, sizes: dict[str, int], prefix: str) -> dict:
    return {"href": prefix + name, "name": name, "label": label, "purpose": purpose,
            "size": human_size(sizes[name]) if name in sizes else ""}


def write_downloads_page(templates: Path, strings: dict, titles: dict, texts, data: Path) -> None:
    """`site/data/index.html`: every file of `data` by text, with its size and purpose in both scripts.
    A file in `data` that the page does not describe is an error: the list must stay complete."""
    sizes = {path.name: path.stat().st_size for path in data.iterdir() if path.is_file() and path.name != "index.html"}
    groups = [{"title": text.source.title, "lang": LANG[text.source.script],
               "rows": [_row(name, key, script, strings, sizes) for name, key, script in _files(text.source.id)]}
              for text in texts]
    glossary = _row("glossary.json", "glossary", "hant", strings, sizes)
    described = {row["href"] for group in groups for row in group["rows"]} | {"glossary.json"}
    if set(sizes) != described:
        raise fail("site/data", f"files without a description {sorted(set(sizes) - described)}, "
                         f"descriptions without a file {sorted(described - set(sizes))}")
    (data / "index.html").write_text(html_environment(templates).get_template("downloads.html.j2").render(
        titles=titles, strings=strings, groups=groups, glossary=glossary), encoding="utf-8")


def _files(text_id: str) -> list[tuple[str, str, str]]:
    """(file name, strings key, script) of every file of a text."""
    files = [(export_name(text_id, script, f.suffix), f.key, script) for script in SCRIPTS for f in FORMATS]
    return files + [(record_name(text_id, script, ext), key, script) for script in SCRIPTS for ext, key, _ in CITATIONS]


def _row(name: str, key: str, script: str, strings: dict, sizes: dict[str, int]) -> dict:
    return {"href": name, "size": human_size(sizes[name]),
            **{f"label_{s}": strings[s][f"format_{key}"].format(script=strings[s][f"{script}_name"]) for s in SCRIPTS},
            **{f"purpose_{s}": strings[s][f"purpose_{key}"] for s in SCRIPTS}}
