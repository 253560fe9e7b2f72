"""Take a new raw text into sources/: the checks before anything is written, the byte copy, and the
text's entry in sources/edition.yml (for `add-text`).

In: the path of an extracted text, the id and declaration the editor chose, and the entry written
as YAML (a commented block, `entry_block`). Out: `sources/<id>.txt`, a byte-for-byte copy, and the
entry inserted at the end of the `texts:` list, every other byte of edition.yml kept (its comments
and layout are the editors'). `Intake.undo` puts both back as they were. Refuses, before writing
anything and with a sentence each: an id that is not a slug or is taken, a path that is not a
file, a file that is not UTF-8, a copy that would overwrite a file (a file the editor already put
at `sources/<id>.txt` is taken where it is).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from edition.core.errors import EditionError, Problem, Problems, fail
from edition.core.inputs import RawLine
from edition.sources import schema
from edition.sources.yamlfile import read_text, read_yaml

TOP_LEVEL_KEY = re.compile(r"^[^\s#]")     # 'texts:', 'edition:'; not '  - id: x' nor '# a comment'


@dataclass(frozen=True)
class NewText:
    id: str
    name: str                   # the copy's name in sources/
    data: bytes
    sha256: str
    lines: tuple[RawLine, ...]
    in_place: bool = False      # the editor put it at sources/<id>.txt already: nothing to copy


def read_new_text(root: Path, path: Path, text_id: str) -> NewText:
    """The file at `path` as it would enter sources/ under `text_id`; raises listing every refusal."""
    problems = Problems()
    good_id = re.fullmatch(schema.TEXT_ID["pattern"], text_id) and len(text_id) <= schema.TEXT_ID["maxLength"]
    if not good_id:
        problems.add("--id", f"'{text_id}' {schema.TEXT_ID['x-hint']}, at most {schema.TEXT_ID['maxLength']} long")
    taken = {entry["id"] for entry in (read_yaml(root / "edition.yml", "sources/edition.yml") or {}).get("texts", [])}
    if text_id in taken:
        problems.add("--id", f"a text '{text_id}' is already in sources/edition.yml; choose another id")
    name = f"{text_id}.txt"
    in_place = good_id and path.is_file() and (root / name).exists() and (root / name).samefile(path)
    if good_id and (root / name).exists() and not in_place:
        problems.add(f"sources/{name}", "already exists; add-text never overwrites a file in sources/")
    if not path.is_file():
        problems.add(str(path), "is a folder, not a file" if path.is_dir() else "no such file")
    problems.raise_if_any()
    text = read_text(path, str(path))      # not UTF-8: named with the line and the iconv command
    if not text.strip():
        raise fail(str(path), "holds no text (it is empty, or only spaces and line ends): nothing to add; "
                   "extract the PDF again, or give the extraction's own file")
    data = path.read_bytes()
    lines = tuple(RawLine(number, line) for number, line in enumerate(text.split("\n"), 1))
    return NewText(text_id, name, data, hashlib.sha256(data).hexdigest(), lines, bool(in_place))


@dataclass
class Intake:
    """What `add` wrote, to be undone when the new text does not build."""

    root: Path
    copy: Path | None          # None when the file was in sources/ before: it stays
    edition_before: bytes
    glyphs_before: bytes | None = None    # sources/glyphs.yml before (None: there was none)
    glyphs_added: bool = False

    def undo(self) -> None:
        (self.root / "edition.yml").write_bytes(self.edition_before)
        if self.glyphs_added and self.glyphs_before is None:
            (self.root / "glyphs.yml").unlink(missing_ok=True)
        elif self.glyphs_added:
            (self.root / "glyphs.yml").write_bytes(self.glyphs_before or b"")
        if self.copy is not None:
            self.copy.unlink(missing_ok=True)


def add(root: Path, text: NewText, block: str, repairs: str = "") -> Intake:
    """Copy the raw text into sources/ and insert `block` (the entry, indented as a list item of
    `texts:`) after the last text in sources/edition.yml; append `repairs` (entries of the list in
    sources/glyphs.yml) to that file, which is made when there is none."""
    edition = root / "edition.yml"
    before = edition.read_bytes()
    lines = before.decode("utf-8").split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("texts:")), None)
    if start is None:
        raise EditionError([Problem("sources/edition.yml", "has no 'texts:' list to add the text to")])
    end = next((i for i in range(start + 1, len(lines)) if TOP_LEVEL_KEY.match(lines[i])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1      # a comment at the margin before the next key belongs to that key
    lines[end:end] = [""] + block.rstrip("\n").split("\n")
    copy = None if text.in_place else root / text.name
    if copy is not None:
        copy.write_bytes(text.data)
    edition.write_bytes("\n".join(lines).encode("utf-8"))
    glyphs = root / "glyphs.yml"
    glyphs_before = glyphs.read_bytes() if glyphs.is_file() else None
    if repairs:
        kept = (glyphs_before or b"").decode("utf-8")
        if not any(line.startswith("-") for line in kept.split("\n")):
            kept = "".join(line + "\n" for line in kept.split("\n") if line.startswith("#"))   # '[]' or empty
        glyphs.write_bytes((kept + ("\n" if kept and not kept.endswith("\n") else "") + repairs).encode("utf-8"))
    return Intake(root, copy, before, glyphs_before, bool(repairs))
