"""Read editor-owned files: bytes, UTF-8 text and YAML that keeps its line numbers.

`read_yaml` returns plain dicts and lists that also know their line (`.line`), the line of each
key (`.key_lines`) and of each list item (`.item_lines`), so that `schema.validate` can say
`file:line`. Every failure (missing file, a folder, a symbolic link, not UTF-8, a byte-order mark,
broken YAML) is an EditionError naming the file and, where there is one, the line.

YAML here is data and nothing else, whoever wrote it (`vet`, before any value is built): only the
standard tags of plain data (a Python tag could run code), aliases that expand to at most
`EXPANSION` values beyond the file's own (an alias bomb grows without end) and never into
themselves, dates that exist, and files of at most `MAX_YAML_BYTES`. `mkdocs.yml` goes through the
same reader (with MkDocs' own two harmless tags) before MkDocs, whose loader is unsafe, sees it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from edition.core.errors import fail

_SCALARS = yaml.constructor.SafeConstructor()  # turns a scalar node into its Python value

MAX_YAML_BYTES = 4_000_000       # the largest sources file is ~60 kB
MAX_TEXT_BYTES = 64_000_000      # a raw text of a long book is a few MB
EXPANSION = 10_000               # values aliases may add beyond the file's own
DATA_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null",
                                                                 "timestamp", "map", "seq"))
MKDOCS_TAGS = frozenset({"!ENV", "!relative"})    # MkDocs' own: an environment variable, a path


class BadKey(Exception):
    def __init__(self, line: int, message: str = "a key must be plain text, not a list or mapping"):
        self.line, self.message = line, message


class YamlMap(dict):
    line: int = 0
    key_lines: dict[Any, int]    # key -> its line


class YamlList(list):
    line: int = 0
    item_lines: list[int]        # the line of each item


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def vet(root: yaml.Node, allowed_tags: frozenset[str] = frozenset()) -> None:
    """Refuse what is not plain data (see the module docstring), at its line: BadKey."""
    sizes: dict[int, int] = {}        # node -> how many values it expands to, aliases included
    uses: dict[int, int] = {}         # node -> how often it is written or aliased
    nodes: dict[int, yaml.Node] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:                      # depth first without recursion: a deep file is no RecursionError
        node, done = stack.pop()
        if done:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        uses[id(node)] = uses.get(id(node), 0) + 1
        if id(node) in open_nodes:
            raise BadKey(_line(node), "an alias refers to the value that contains it (the anchor is on this "
                         "line): write the value out")
        if id(node) in nodes:
            continue
        if node.tag not in DATA_TAGS | allowed_tags:
            raise BadKey(_line(node), f"the tag '{_shown_tag(node.tag)}' is not allowed: this file holds plain data "
                         "(text, numbers, lists, mappings), and a tag could make a program run code")
        nodes[id(node)] = node
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    if sizes[id(root)] > len(nodes) + EXPANSION:
        aliased = max((key for key, count in uses.items() if count > 1), key=lambda key: sizes[key])
        raise BadKey(_line(nodes[aliased]), f"aliases expand to {sizes[id(root)]:,} values from {len(nodes):,} "
                     f"written (at most {EXPANSION:,} more are allowed: an alias bomb); write the values out")


def _shown_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _build(node: yaml.Node) -> Any:
    line = _line(node)
    if isinstance(node, yaml.MappingNode):
        mapping = YamlMap()
        mapping.line, mapping.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _build(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise BadKey(_line(key_node))
            if key in mapping:    # YAML keeps the last silently: one of two `reason:`s would vanish
                raise BadKey(_line(key_node), f"'{key}' is given twice here (first at line "
                             f"{mapping.key_lines[key]}); keep one")
            mapping[key] = _build(value_node)
            mapping.key_lines[key] = _line(key_node)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = YamlList(_build(item) for item in node.value)
        items.line, items.item_lines = line, [_line(item) for item in node.value]
        return items
    if node.tag in MKDOCS_TAGS:
        return node.value         # checked, never resolved here: MkDocs resolves its own tags
    try:
        return _SCALARS.construct_object(node)
    except ValueError:            # a date that matches YYYY-MM-DD but does not exist: 2026-12-32
        raise BadKey(line, f"'{node.value}' is not a date that exists; write a real date "
                     "(YYYY-MM-DD)") from None


YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")    # line breaks to PyYAML, not to an editor


def read_yaml(path: Path, shown: str, allowed_tags: frozenset[str] = frozenset()) -> Any:
    """Parse `path` as plain data (`vet`); a problem becomes an EditionError naming `shown` and the line."""
    text = read_text(path, shown, MAX_YAML_BYTES)
    breaks = YAML_ONLY_BREAKS.search(text)
    if breaks:          # YAML 1.1 ends a line there, so every line after it would be misnumbered
        raise fail(f"{shown}:{text[:breaks.start()].count(chr(10)) + 1}",
                   f"holds U+{ord(breaks.group()):04X}, which YAML reads as a line break though no editor shows "
                   f"one; delete it (or write it as \"\\u{ord(breaks.group()):04x}\" in a double-quoted string)")
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if node is None:
            return None
        vet(node, allowed_tags)
        return _build(node)
    except yaml.MarkedYAMLError as error:
        quote = _unclosed_quote(text)
        if quote:
            raise fail(f"{shown}:{quote[0]}", f"broken YAML: the quotation mark opened on this line is not closed "
                       f"on it (the text runs on to line {quote[1]}); close it") from None
        raise fail(_where(error, shown), f"broken YAML: {error.problem}{_opened(error)}") from None
    except BadKey as error:
        raise fail(f"{shown}:{error.line}", error.message) from None
    except RecursionError:
        raise fail(shown, "nested too deeply to be read; flatten it") from None
    except yaml.reader.ReaderError as error:      # a character YAML does not allow: no mark; its first place
        line = text[:max(text.find(chr(error.character)), 0)].count("\n") + 1
        raise fail(f"{shown}:{line}", f"broken YAML: the character U+{error.character:04X} is not allowed in "
                   "YAML (a control character): write it as an escape in a double-quoted string "
                   f"(\"\\u{error.character:04x}\") or delete it") from None
    except (ValueError, TypeError, yaml.YAMLError) as error:
        raise fail(shown, f"broken YAML: {error}") from None


def _unclosed_quote(text: str) -> tuple[int, int] | None:
    """(opening line, closing line) of the last quoted value that runs over several lines before
    the scanner stopped: in a file that does not parse, the likeliest cause is a quote left open
    (YAML lets a quoted value run on until the next quotation mark, often lines later)."""
    found = None
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                found = (token.start_mark.line + 1, token.end_mark.line + 1)
    except yaml.MarkedYAMLError as error:   # the quote ran to the end of the file
        if "quoted scalar" in (error.context or "") and error.context_mark:
            return error.context_mark.line + 1, error.problem_mark.line + 1 if error.problem_mark else 0
    return found


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


def read_text(path: Path, shown: str, limit: int = MAX_TEXT_BYTES) -> str:
    """A source file as text: it must exist, be a file, be UTF-8 (a legacy encoding is named) and
    carry no byte-order mark (an invisible character that would become part of its first line)."""
    data = read_bytes(path, shown, limit)
    if data.startswith(b"\xef\xbb\xbf"):
        raise fail(f"{shown}:1", "starts with a byte-order mark (BOM, bytes EF BB BF), which would become part "
                   "of its first line; save it as UTF-8 without BOM")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        mended = data.decode("utf-8", errors="replace")
        bad, wide = mended.count("\ufffd"), sum(ord(ch) > 127 for ch in mended)
        if wide - bad > 10 * bad:      # UTF-8 but for a few bytes: damaged, not in another encoding
            raise fail(f"{shown}:{line}", f"is UTF-8 but for {bad} byte(s) that are not, the first on this line "
                       f"(bytes {data[error.start:error.end].hex(' ').upper()}): the file was damaged; restore it "
                       "from version control or the extraction, or retype the character there") from None
        encoding = guess_encoding(data)
        how = f"convert it with: iconv -f {encoding} -t UTF-8" if encoding else "save it as UTF-8"
        raise fail(f"{shown}:{line}", f"not UTF-8 (it reads as {encoding or 'an unknown encoding'}); {how}") from None


def read_bytes(path: Path, shown: str, limit: int = MAX_TEXT_BYTES) -> bytes:
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
            if os.fstat(file.fileno()).st_size > limit:
                raise fail(shown, f"is larger than {limit:,} bytes, more than any edition file needs; "
                           "is it the right file?")
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


