"""Read editor-owned files: bytes, UTF-8 text and YAML that keeps its line numbers.

`read_yaml` returns plain dicts and lists that also know their line (`.line`), the line of each
key (`.key_lines`) and of each list item (`.item_lines`), so that `schema.validate` can say
`file:line`. Every failure (missing file, a folder, not UTF-8, broken YAML) is an EditionError
naming the file and, where there is one, the line.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from edition.core.errors import fail

_SCALARS = yaml.constructor.SafeConstructor()  # turns a scalar node into its Python value


class BadKey(Exception):
    def __init__(self, line: int, message: str = "a key must be plain text, not a list or mapping"):
        self.line, self.message = line, message


class YamlMap(dict):
    line: int = 0
    key_lines: dict[Any, int]    # key -> its line


class YamlList(list):
    line: int = 0
    item_lines: list[int]        # the line of each item


def _build(node: yaml.Node) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = YamlMap()
        mapping.line, mapping.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _build(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise BadKey(key_node.start_mark.line + 1)
            if key in mapping:    # YAML keeps the last silently: one of two `reason:`s would vanish
                raise BadKey(key_node.start_mark.line + 1, f"'{key}' is given twice here (first at line "
                             f"{mapping.key_lines[key]}); keep one")
            mapping[key] = _build(value_node)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = YamlList(_build(item) for item in node.value)
        items.line, items.item_lines = line, [item.start_mark.line + 1 for item in node.value]
        return items
    return _SCALARS.construct_object(node)


def read_yaml(path: Path, shown: str) -> Any:
    """Parse `path`; a syntax error becomes an EditionError naming `shown` and the line."""
    text = read_text(path, shown)
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return _build(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise fail(_where(error, shown), f"broken YAML: {error.problem}{_opened(error)}") from None
    except BadKey as error:
        raise fail(f"{shown}:{error.line}", error.message) from None
    except (ValueError, TypeError, yaml.YAMLError) as error:   # e.g. a date that is no date: 2026-13-45
        raise fail(shown, f"broken YAML: {error}") from None


def _where(error: yaml.MarkedYAMLError, shown: str) -> str:
    """An unclosed quote or bracket is reported where it opened, not at the end of the file."""
    mark = error.problem_mark
    if error.context_mark and "end of stream" in (error.problem or ""):
        mark = error.context_mark
    return f"{shown}:{mark.line + 1}" if mark else shown


def _opened(error: yaml.MarkedYAMLError) -> str:
    if error.context and error.context_mark:
        return f" ({error.context} opened at line {error.context_mark.line + 1})"
    return ""


def read_text(path: Path, shown: str) -> str:
    """A source file as text: it must exist, be a file, and be UTF-8 (a legacy encoding is named)."""
    data = read_bytes(path, shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        encoding = guess_encoding(data)
        how = f"convert it with: iconv -f {encoding} -t UTF-8" if encoding else "save it as UTF-8"
        raise fail(f"{shown}:{line}", f"not UTF-8 (it reads as {encoding or 'an unknown encoding'}); {how}") from None


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes. Neither the file nor any folder named in `shown` (`sources/tables/x.yml`:
    the file, `tables/`, `sources/`) may be a symbolic link: a link is never followed, so a file
    outside the project can neither be read nor echoed in a message."""
    for depth, ancestor in enumerate([path, *path.parents][:len(PurePosixPath(shown).parts)]):
        if ancestor.is_symlink():
            link = "/".join(PurePosixPath(shown).parts[:len(PurePosixPath(shown).parts) - depth])
            raise fail(link, "is a symbolic link; the edition never reads through one: replace it with the "
                       "real file or folder")
    if path.is_dir():
        raise fail(shown, "is a folder, not a file")
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as file:   # no link swapped in since
            return file.read()
    except FileNotFoundError:
        raise fail(shown, "file not found") from None
    except OSError as error:
        raise fail(shown, f"cannot be read ({error.strerror})") from None


# The most frequent characters of written Chinese, in both scripts: legacy bytes decoded with the
# wrong codec give rare characters and almost none of these (Big5 bytes read as GB18030 are valid
# but nonsense), so their share tells the encodings apart.
COMMON = set("的一是不了在人有我他這这個个中大來来上國国到說说們们為为子和你地出道也時时年得就那要下以生會会自著着"
             "去之過过家學学對对可她裡里後后小麼么心多天而能好都然沒没日於于起還还發发成事只作當当想看文無无開开手十"
             "用主行方又如前所本見见經经頭头面公同三已老從从動动兩两長长知民樣样現现分將将外但身些與与高意進进把法此實实")


def guess_encoding(data: bytes) -> str | None:
    """The legacy encoding under which `data` reads as the most plausible Chinese, or None."""
    best, best_score = None, 0.0
    for name in ("BIG5", "GB18030", "UTF-16"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
        score = sum(ch in COMMON for ch in han) / max(len(han), 1)
        if score > best_score:
            best, best_score = name, score
    return best


