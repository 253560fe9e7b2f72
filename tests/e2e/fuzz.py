"""The structure-aware fuzzer's parts (tests/e2e/test_fuzz.py runs them): a small edition to build,
mutations of its sources as data, and the oracles every build must satisfy.

A mutation is a dict, as a regression case in tests/cases/fuzz.yaml stores it:
- `{kind: value, file: edition.yml, path: [texts, 0, title], yaml: '"<b>x</b>"'}`: the YAML value
  at `path` in `sources/<file>` (or `mkdocs.yml`) is replaced by the YAML text `yaml`;
- `{kind: raw, damage: crlf|bom|bad-utf8|nul}`: the raw text damaged, its sha256 in edition.yml updated;
  `{kind: raw, damage: insert, text: …, line: 120, column: 3}`: a string put into a line of the raw text;
- `{kind: symlink, file: glossary/people.yml}`: the file moved outside the project and linked back.

The oracles (issue 20): exit 0 or 1, never a traceback; on 1 the message names the mutated file and
the previous `site/` is byte-identical; nothing is written outside the project; on 0 no string
from sources/ is markup on any page (every sentinel of the hostile alphabet is shown whole, and
no sentinel element, attribute, script or link exists) and every export parses.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tests.projects import KEPT_TEXT

# Pieces of every output format's syntax, each carrying a sentinel word (fz…) so that a piece that
# became markup can be told from one shown as text. `sentinel: piece`.
PIECES = {
    "fzel": "<fzel fzattr=1>", "fzjs": "<img src=x onerror=fzjs()>", "fzsc": "<script>fzsc()</script>",
    "fzem": "*fzem*", "fzst": "**fzst**", "fzcd": "`fzcd`", "fzln": "[fzln](fzu)", "fzhd": "# fzhd",
    "fzli": "- fzli", "fzcls": "{: .fzcls}", "fzfm": "\n---\nfzfm: 1\n", "fzdl": "~~fzdl~~", "fzus": "__fzus__",
    "fzti": "</title><fzel>", "fzqt": "\"><fzel>", "fzsq": "' onmouseover='fzjs()", "fzbr": "}fzbr{",
    "fzpi": "| fzpi |", "fzbs": "\\fzbs", "fzcm": "<!-- fzcm -->", "fzxm": "]]>fzxm<![CDATA[",
}
PLAIN = ["\n", "\r\n", "---", "...", "{", "}", "'", '"', " ", "\t", "\u202e", "\u2066", "\u200b", "\u200d",
         "\ufeff", "\u3000", "\x00", "\x85",
         "東北", "蒋介石", "𠮷", "Сталин", "石井明『中ソ』", "Ω", "e\u0301", ": ", "#", "&amp;"]
# YAML text that is no string, or a string no field takes: wrong types, dates that do not exist,
# paths that leave sources/ (drawn for any value, and for dates and file names above all).
WRONG = ["123", "-1", "1.5", "[1, 2]", "{a: b}", "null", "true", "''", "~", '"yalta\\n"']
DATES = ["2026-02-30", "'2026-12-32'", "2027-13-01", "'2026-2-3'", "0000-00-00", "'1945'", "20260101"]
PATHS = ["../../outside.txt", "/etc/passwd", "'../sources/edition.yml'", "'tables/../../mkdocs.yml'", "'.'",
         "'tables/'", "'glossary/people.yml'", '"mongolia.txt\\n"', "'C:\\\\x.txt'", "'./mongolia.txt'"]
# Where a source string is printed: a value under one of these keys is drawn more often.
PRINTED = {"title", "author", "name", "reason", "description", "en", "label", "caption", "source_note", "dates",
           "romanized", "role", "site_name", "copyright", "journal", "institution", "degree", "place", "note",
           "hant", "hans", "rights", "publisher", "replace"}
YAML_FILES = ("edition.yml", "corrections.yml", "glyphs.yml", "conversion.yml", "one-to-many.yml",
              "glossary/people.yml", "glossary/treaties.yml", "glossary/conferences.yml", "glossary/rules.yml")


# ---- where a value can go ------------------------------------------------------------------------

def value_paths(project: Path) -> list[tuple[str, tuple]]:
    """Every scalar value of the YAML files of sources/ and of mkdocs.yml: (file, path), the file
    relative to sources/ (mkdocs.yml as `../mkdocs.yml`)."""
    found = []
    for name in YAML_FILES + tuple(f"tables/{p.name}" for p in sorted((project / "sources" / "tables").glob("*.yml"))):
        path = project / "sources" / name
        if path.exists():
            found += [(name, p) for p in _scalars(yaml.compose(path.read_text(encoding="utf-8")), ())]
    mkdocs = yaml.compose((project / "mkdocs.yml").read_text(encoding="utf-8"))   # nodes only: no tag runs
    found += [("../mkdocs.yml", p) for p in _scalars(mkdocs, ())]
    return found


def _scalars(node, path: tuple) -> list[tuple]:
    if isinstance(node, yaml.MappingNode):
        return [p for k, v in node.value for p in _scalars(v, path + (k.value,))]
    if isinstance(node, yaml.SequenceNode):
        return [p for i, v in enumerate(node.value) for p in _scalars(v, path + (i,))]
    if isinstance(node, yaml.ScalarNode) and node.style not in ("|", ">"):
        return [path]
    return []


def printed(path: tuple) -> bool:
    return any(isinstance(part, str) and part in PRINTED for part in path[-2:])


def kind_of(path: tuple) -> str:
    """What a value is, from its key: a date, a file name, or anything else."""
    keys = [part for part in path if isinstance(part, str)]
    return "date" if keys and keys[-1] in ("date", "issued") else \
        "path" if keys and keys[-1] in ("file", "tables") else "other"


# ---- applying a mutation -------------------------------------------------------------------------

def mutate(project: Path, outside: Path, mutation: dict) -> str:
    """Apply `mutation` to `project`; return the file a failure must name (as the build shows it)."""
    sources = project / "sources"
    if mutation["kind"] == "value":
        path = sources / mutation["file"]
        text = path.read_text(encoding="utf-8")
        node = _node_at(yaml.compose(text), mutation["path"])
        path.write_text(text[:node.start_mark.index] + mutation["yaml"] + text[node.end_mark.index:], encoding="utf-8")
        return "mkdocs.yml" if path.name == "mkdocs.yml" else f"sources/{mutation['file']}"
    if mutation["kind"] == "raw":
        raw = sources / f"{KEPT_TEXT}.txt"
        data = raw.read_bytes()
        damaged = {"crlf": lambda d: d.replace(b"\n", b"\r\n"), "bom": lambda d: b"\xef\xbb\xbf" + d,
                   "bad-utf8": lambda d: d[:5000] + b"\xff\xfe" + d[5000:],
                   "nul": lambda d: d[:5000] + b"\x00" + d[5000:],
                   "insert": lambda d: _inserted(d, mutation)}[mutation["damage"]](data)
        raw.write_bytes(damaged)
        edition = sources / "edition.yml"
        edition.write_text(edition.read_text(encoding="utf-8").replace(
            hashlib.sha256(data).hexdigest(), hashlib.sha256(damaged).hexdigest()), encoding="utf-8")
        return f"sources/{KEPT_TEXT}.txt"
    if mutation["kind"] == "symlink":
        path = sources / mutation["file"]
        target = outside / path.name
        shutil.move(path, target)
        path.symlink_to(target)
        return f"sources/{mutation['file']}"
    raise ValueError(f"unknown mutation {mutation!r}")


def _inserted(data: bytes, mutation: dict) -> bytes:
    """The raw text with `mutation["text"]` put into its line `line` (counted modulo the lines) at
    `column` (clamped to the line)."""
    lines = data.decode("utf-8").split("\n")
    number = mutation["line"] % len(lines)
    line = lines[number]
    column = min(mutation["column"], len(line))
    lines[number] = line[:column] + mutation["text"] + line[column:]
    return "\n".join(lines).encode("utf-8")


def value_line(project: Path, mutation: dict) -> int | None:
    """The line (from 1) where a value mutation's value begins, before it is made; None for others."""
    if mutation["kind"] != "value":
        return None
    path = project / "mkdocs.yml" if mutation["file"] == "mkdocs.yml" else project / "sources" / mutation["file"]
    return _node_at(yaml.compose(path.read_text(encoding="utf-8")), mutation["path"]).start_mark.line + 1


def _node_at(node, path) -> yaml.Node:
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next(v for k, v in node.value if k.value == part)
        else:
            node = node.value[part]
    return node


# ---- the oracles ---------------------------------------------------------------------------------

def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` -> its content's sha256 (a link -> where it points)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (f"link:{os.readlink(p)}" if p.is_symlink() else
                                          hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir")
            for p in sorted(folder.rglob("*"))}


class Page(HTMLParser):
    """What a page holds: its elements and attributes, its text, its attribute values, its scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        # (a heading's id, and the links to it, are slugs of its text: `fzem-fzel`, no piece whole)
        self.attributes += [value for name, value in attrs
                            if value and name != "id" and not (name == "href" and value.startswith("#"))]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", [("comment", data)]))


def markup_problems(site: Path, value: str, markers: bool = False) -> list[str]:
    """Where a sentinel piece of `value` became markup on a page of `site` (none is the promise).

    Whitespace is not compared (the spacing rule tidies it); with `markers` (a string put into the
    raw text) neither are digits: a digit glued to text may be read as a note marker, as in print."""
    ignored = r"[\s0-9①-⑳]" if markers else r"\s"
    sentinels = {word: piece for word, piece in PIECES.items() if piece in value}
    if not sentinels:
        return []
    problems = []
    for page_path in sorted(site.rglob("*.html")):
        raw = page_path.read_text(encoding="utf-8")
        if not _may_hold_a_sentinel(raw, ignored):
            continue
        page = Page()
        page.feed(raw)
        where = page_path.relative_to(site)
        for tag, attrs in page.tags:
            if "fz" in tag or any("fz" in name or (name.startswith("on") and "fz" in (v or "")) for name, v in attrs):
                problems.append(f"{where}: element <{tag} {attrs}> made from a source string")
            # (a heading's id and the links to it are slugs of its text: `#fzlnfzu` is no link made from one)
            if any((name in ("href", "src") and v and (v.split("/")[-1] == "fzu" or v.startswith("javascript:")))
                   or (name == "class" and v and "fzcls" in v.split()) for name, v in attrs):
                problems.append(f"{where}: attribute of <{tag}> made from a source string: {attrs}")
            if tag == "!--" and "fzcm" in attrs[0][1]:
                problems.append(f"{where}: comment made from a source string")
        if any("fz" in script for script in page.scripts):
            problems.append(f"{where}: a script holds a source string")
        shown = [re.sub(ignored, "", "".join(page.text))] + [re.sub(ignored, "", v) for v in page.attributes]
        for word, piece in sentinels.items():
            # (a text without the word holds it nowhere: whole) every piece of the value holding the
            # word may stand there: '<fzel fzattr=1>' and '"><fzel>' both hold 'fzel'
            bare = tuple(re.sub(ignored, "", p) for p in PIECES.values() if p in value and word in p)
            if any(word in text and not shown_whole(bare, word, text) for text in shown):
                problems.append(f"{where}: {piece!r} is not shown whole: its markup was read")
    return problems


def _may_hold_a_sentinel(raw: str, ignored: str) -> bool:
    r"""Whether a page can hold an 'fz' word anywhere the checks below look: in its markup as written
    (a tag or attribute name, which the parser leaves raw), with references resolved, or in its text
    joined across tags ('f<b>zel'). Every check looks for one, so a page without is skipped unparsed.

    >>> [_may_hold_a_sentinel(raw, r"\s") for raw in ("<p>東北</p>", "<img &#x1fzjs=1>", "f<b>zel", "&#102;z")]
    [False, True, True, True]
    """
    text = re.sub(r"<[^>]*>", "", raw)
    return any("fz" in re.sub(ignored, "", form) for form in (raw, html.unescape(raw), html.unescape(text)))


def shown_whole(pieces: str | tuple[str, ...], word: str, text: str) -> bool:
    """Every `word` in `text` stands inside one of `pieces` as that piece has it, or inside an
    excerpt that an ellipsis cuts short (a search result, a glossary entry's passages): markup read
    as markup would have taken some of its characters away.

    >>> shown_whole("<fzel>", "fzel", "a<fzel>b …l>b <fzel…")
    True
    >>> shown_whole("<b x=fzjs>", "fzjs", "a …x=fzjs> <b x=fzjs…")
    True
    >>> shown_whole("<fzel>", "fzel", "afzelb")
    False
    >>> shown_whole(("<fzel x=1>", '"><fzel>'), "fzel", '<fzel x=1>a"><fzel>b')
    True
    >>> shown_whole("<fzel x=1>", "fzel", "<fzel>")
    False
    """
    pieces = (pieces,) if isinstance(pieces, str) else pieces
    pieces = tuple(piece for piece in pieces if word in piece)
    if not pieces:                  # a piece named for what it does, not holding its name ('fzsq')
        return True
    return all(any(_whole_at(piece, found.start(), word, text) for piece in pieces)
               for found in re.finditer(re.escape(word), text))


def _whole_at(piece: str, position: int, word: str, text: str) -> bool:
    """Whether the `word` found at `position` of `text` stands inside `piece`, as far as an ellipsis."""
    at = piece.index(word)
    start = position - at
    for offsets in (range(at, len(piece)), range(at - 1, -1, -1)):     # from the word on, then back
        for offset in offsets:
            index = start + offset
            char = text[index] if 0 <= index < len(text) else ""
            if char == "…":
                break
            if char != piece[offset]:
                return False
    return True


def export_problems(data: Path) -> list[str]:
    """Each export that its format's own parser refuses."""
    import pybtex.database
    import rispy
    from lxml import etree
    problems = []
    for path in sorted(data.rglob("*")):
        try:
            if path.name.endswith(".json"):
                json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix == ".bib":
                pybtex.database.parse_string(path.read_text(encoding="utf-8"), "bibtex")
            elif path.suffix == ".ris":
                entries = rispy.loads(path.read_text(encoding="utf-8"))
                assert entries, "no entry"
            elif path.name.endswith(".xml"):
                etree.parse(str(path))
        except Exception as error:     # any refusal of the format's parser is the finding
            problems.append(f"{path.relative_to(data)}: {type(error).__name__}: {error}")
    return problems
