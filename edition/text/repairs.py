"""Small named repairs of extraction damage, each logged as a `Change` in the audit.

`REPAIRS` is the one list of their names (ftfy's table of fixers is the model): each `Repair` says
what it changes (a glyph replaced, a character or a space removed, a whole line removed), how the
TEI header declares it, and, for a repair of the joined text, its function. Those functions are
registered with `@register` in the order `apply_repairs` runs them, each with a docstring saying
where the damage comes from; the line removals are made by `layout` as it sorts a page's lines.
Adding a repair: one function here, registered, and its `fix_<name>` words in both scripts of
templates/strings.yml (a test checks them); the audit page, the principles page and the TEI
header take it from here.

Text is handled as a list of tokens: `Glyph`s (a character and the raw line it came from) and
zero-width anchors (a note reference, a page break) that must stay where they are while
characters around them are removed. `render` turns tokens into text plus anchor offsets.

Spacing rule (`tighten_cjk_latin_space`): no space between a Chinese character or Chinese
punctuation and a Latin or Cyrillic letter or a digit (`1945 年` -> `1945年`, `在 1945` ->
`在1945`); spaces between Latin or Cyrillic words are kept (`Yalta Conference`). The extraction
inserted such spaces inconsistently; printed Chinese does not space them (the site may add a
visual gap with CSS `text-autospace`, which is not a character). One space stays: the one after a
foreign name that opens a note or paragraph (`В. Л. Петров 于寶林、楊冰皓 譯`, `Marc Trachtenberg
陳秉路 譯`): there the author separates the fields of a citation, author and translator, with a
space, as between `楊冰皓 譯`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from edition.core.characters import INVISIBLE
from edition.core.languages import LETTER
from edition.core.model import Audit, NoteRef, PageBreak

CJK_SIDE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef—…“”‘’·]")
LATIN_SIDE = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff]")
# Signs set with the number before them (`100%`): on the Latin side of the spacing rule, as the
# typesetter's inter-script glue (xeCJK's CJKecglue, LibreOffice's Asian-Western spacing) treats them.
NUMBER_SIGNS = "%‰‱"
# A foreign name of two or more capitalised words or initials, alone before the space:
# 'В. Л. Петров', 'Marc Trachtenberg'; not 'CC' (of 'CC 派') nor 'Frank Cass, 2003'.
OPENING_NAME = re.compile(r"(?:[A-ZА-ЯЁ](?:[a-zа-яё]+|\.)\s+)+[A-ZА-ЯЁ][a-zа-яё]+")
# The thesis's PDF font gave the curly quotation marks of its English text as U+2015 and U+2016.
QUOTATION_GLYPHS = ("―", "‖")

@dataclass(frozen=True)
class Glyph:
    char: str
    line: int


@dataclass(frozen=True)
class NoteAnchor:
    number: int


@dataclass(frozen=True)
class PageAnchor:
    page: int


Token = Glyph | NoteAnchor | PageAnchor
# A repair of the joined text: the tokens, the audit that records each change, the text's glyph map
# (sources/glyphs.yml, wrong -> right); it returns the tokens repaired.
TokenRepair = Callable[[list[Token], Audit, Mapping[str, str]], list[Token]]
NO_GLYPHS: Mapping[str, str] = MappingProxyType({})

# What a repair changes, as the audit page reports it.
GLYPH = "glyph"            # a character replaced by the one the PDF's font meant: listed, and counted by pair
CHARACTER = "character"    # a character removed: listed with its line
SPACE = "space"            # a space removed: counted by line
LINE = "line"              # a whole raw line removed: listed in the table of removed lines
ORDER = "order"            # a whole raw line read where print has it, not where the extraction wrote it: listed


@dataclass(frozen=True)
class Repair:
    """One kind of extraction damage and its remedy, under the name the audit records (`Change.fix`).

    `change` is one of GLYPH, CHARACTER, SPACE, LINE; `declared` is what it does in the words of the
    TEI header's editorial declaration. `function` is None for a line removal (layout makes it);
    `in_tables`: it also runs on the editor's re-keyed tables (typed from the PDF, not extracted)."""

    name: str
    change: str
    declared: str
    function: TokenRepair | None = None
    in_tables: bool = False


REPAIRS: dict[str, Repair] = {repair.name: repair for repair in (
    # The furniture of a printed page, which layout.py sorts out of the text a whole raw line at a time:
    # the university's watermark the PDF stamps on every page, the printed page number under it, the
    # rule of spaces above the footnotes, a journal's rubric atop its first page, and a URL a PDF link
    # annotation repeats under the note that prints it.
    Repair("remove_watermark", LINE, "watermark lines removed"),
    Repair("remove_page_number", LINE, "printed page numbers removed (kept as page beginnings)"),
    Repair("remove_separator", LINE, "footnote separator lines removed"),
    Repair("remove_running_header", LINE, "running header lines removed"),
    Repair("remove_duplicate_url", LINE, "repeated URL lines removed"),
    # The heading an extraction prints above gathered endnotes ('注释'): the notes become notes.
    Repair("remove_notes_heading", LINE, "endnotes headings removed (the notes are linked to their markers)"),
    # pdfminer.six can write a part's first section heading above the part heading ('一、兵谏' then
    # '第一部分　兵谏与通电'): read below it, as printed (edition/text/headings.py: heading_order).
    Repair("restore_heading_order", ORDER,
           "section headings an extraction wrote above their part heading read below it"),
    # pdftotext can write a note's last printed line after the next note ('127、133、135、139'): read
    # at the end of the note it finishes (edition/text/footnotes.py: note_order).
    Repair("restore_note_order", ORDER, "note lines an extraction wrote after the next note read in their note"),
    # pdfminer.six can write list labels in a run before their items' texts ('丙、', '丁、', then the
    # texts): each read above its own text (edition/text/breaks.py: list_order).
    Repair("restore_list_order", ORDER,
           "list labels an extraction wrote in a run before their items read each above its item"),
    # PyMuPDF writes a table's frame after the rest of its page, below the page number: the table
    # is read at the page's top, where a float stands (edition/text/pages.py records it in Page.floated).
    Repair("restore_float_order", ORDER, "tables an extraction wrote after their page's foot read at the page's top"),
)}


def register(change: str, declared: str, in_tables: bool = False) -> Callable[[TokenRepair], TokenRepair]:
    """Register the repair it decorates under its function's name; repairs run in registration order."""
    def add(function: TokenRepair) -> TokenRepair:
        REPAIRS[function.__name__] = Repair(function.__name__, change, declared, function, in_tables)
        return function
    return add


def apply_repairs(tokens: list[Token], audit: Audit, glyph_map: Mapping[str, str],
                  table: bool = False) -> list[Token]:
    """Every registered repair of the joined text in turn (for a re-keyed `table`, those `in_tables`)."""
    for repair in REPAIRS.values():
        if repair.function is not None and (repair.in_tables or not table):
            tokens = repair.function(tokens, audit, glyph_map)
    return tokens


def glyphs(text: str, line: int) -> list[Token]:
    return [Glyph(char, line) for char in text]


def is_cjk(char: str) -> bool:
    return bool(CJK_SIDE.match(char))


def is_latin(char: str) -> bool:
    return bool(LATIN_SIDE.match(char))


def join_wrapped_lines(tokens: list[Token], following: list[Token], latin_space: bool = False,
                       gap: bool = False) -> list[Token]:
    """Join a wrapped line to the text before it, as the printed page reads.

    The line-end space is dropped, except between Latin words (`of Science, ` + `Cambridge`);
    a hyphen at a line end joins without a space (`Geo- ` + `politics` -> `Geo-politics`; whether
    the hyphen stays is `remove_line_break_hyphens`'s decision). Extractors other than the seeds'
    write no line-end space at all: with `latin_space` a word space joins a line ending on a Latin
    word or its punctuation to one opening with a Latin word (`moving` + `that`), but not inside a
    web address (`https://zh.wikipedia.org/wiki/Trea` + `ty`).

    >>> text = lambda ts: "".join(t.char for t in ts)
    >>> text(join_wrapped_lines(glyphs("Science, ", 1), glyphs("Cambridge", 2)))
    'Science, Cambridge'
    >>> text(join_wrapped_lines(glyphs("交涉的過程 ", 1), glyphs("  更需", 2)))
    '交涉的過程更需'

    With `gap` the line before is a heading's numeral that the extraction cut from its title at the
    gap between them, and the gap is kept, as printed: `一` + `引言` -> `一 引言` (without it '一引言'
    would read as '一切' does, no heading).

    >>> text(join_wrapped_lines(glyphs("一", 1), glyphs("引言", 2), gap=True))
    '一 引言'
    """
    had_space = bool(tokens) and isinstance(tokens[-1], Glyph) and tokens[-1].char.isspace()
    head = _strip(tokens, from_end=True)
    tail = _strip(following, from_end=False)
    last = next((t.char for t in reversed(head) if isinstance(t, Glyph)), "")
    first = next((t.char for t in tail if isinstance(t, Glyph)), "")
    word_space = had_space and last and first and not is_cjk(last) and not is_cjk(first) and last != "-"
    if latin_space and not had_space:
        word = _last_word(head)
        word_space = bool(LATIN_END.match(last) and LATIN_START.match(first)) and not WEB.search(word)
    space = [Glyph(" ", _line_of(head))] if word_space or gap else []
    return head + space + tail


LATIN_END = re.compile(r"[A-Za-z0-9,;:.!?]")
LATIN_START = re.compile(r"[A-Za-z0-9]")
WEB = re.compile(r"://|www\.|/")


def _last_word(tokens: list[Token]) -> str:
    """The characters after the last space of `tokens` (read from the end: a paragraph's whole
    text is never rebuilt at each of its line ends)."""
    chars = []
    for token in reversed(tokens):
        if isinstance(token, Glyph):
            if token.char.isspace():
                break
            chars.append(token.char)
    return "".join(reversed(chars))


def _line_of(tokens: list[Token]) -> int:
    return next((t.line for t in reversed(tokens) if isinstance(t, Glyph)), 0)


def _strip(tokens: list[Token], from_end: bool) -> list[Token]:
    items = list(reversed(tokens)) if from_end else list(tokens)
    while items and isinstance(items[0], Glyph) and items[0].char.isspace():
        items.pop(0)
    return list(reversed(items)) if from_end else items


# The order of registration is the order of the repairs: the spacing rule comes last, since a removed
# hyphen or repaired glyph can change what stands either side of a space.

@register(CHARACTER, "control and invisible format characters of the extraction removed (NUL, U+200B, bidi controls)",
          in_tables=True)
def remove_control_characters(tokens: list[Token], audit: Audit,
                              glyph_map: Mapping[str, str] = NO_GLYPHS) -> list[Token]:
    """Drop the control characters (C0 and C1 but the tab, DEL) and invisible format characters
    (zero-width spaces and joiners, direction marks, embeddings, overrides and isolates, a BOM inside
    the text) an extractor can leave in its output: printed text has none, an unmapped glyph or a
    PDF's hidden text layer puts them there. Left in, a NUL stops the script converter, a C0 control
    is not XML, a bidi override reorders what a reader sees. Runs first, so no later repair or stage
    sees them; each is logged with its line (the audit page names it by code point).

    >>> audit = Audit()
    >>> "".join(t.char for t in remove_control_characters(glyphs("雅\\x00爾\\u200b塔\\u202e\\tx", 4), audit))
    '雅爾塔\\tx'
    >>> [(c.line, c.before) for c in audit.changes]
    [(4, '\\x00'), (4, '\\u200b'), (4, '\\u202e')]
    """
    if not any(isinstance(t, Glyph) and INVISIBLE.match(t.char) for t in tokens):
        return tokens
    kept: list[Token] = []
    for token in tokens:
        if isinstance(token, Glyph) and INVISIBLE.match(token.char):
            audit.record("remove_control_characters", token.line, token.char, "")
            continue
        kept.append(token)
    return kept


@register(GLYPH, "wrong glyphs of the PDF's font mapping repaired (頇→須, 詴→試, 尌→就 …)", in_tables=True)
def fix_pdf_glyphs(tokens: list[Token], audit: Audit,
                   glyph_map: Mapping[str, str] = NO_GLYPHS) -> list[Token]:
    """Replace characters the PDF's font mapping got wrong (頇 for 須): the font's table from glyphs to
    characters mapped some glyphs to a neighbouring code point. `glyph_map` is sources/glyphs.yml.

    >>> audit = Audit()
    >>> "".join(t.char for t in fix_pdf_glyphs(glyphs("必頇", 7), audit, {"頇": "須"}))
    '必須'
    >>> audit.changes
    [Change(fix='fix_pdf_glyphs', line=7, before='頇', after='須')]
    """
    if not any(isinstance(t, Glyph) and t.char in glyph_map for t in tokens):
        return tokens
    fixed = []
    for token in tokens:
        if isinstance(token, Glyph) and token.char in glyph_map:
            audit.record("fix_pdf_glyphs", token.line, token.char, glyph_map[token.char])
            token = Glyph(glyph_map[token.char], token.line)
        fixed.append(token)
    return fixed


@register(CHARACTER, "hyphens of Latin words broken across printed lines removed (Comfe-rence)")
def remove_line_break_hyphens(tokens: list[Token], audit: Audit,
                              glyph_map: Mapping[str, str] = NO_GLYPHS) -> list[Token]:
    """Drop the hyphen the typesetter put where a Latin word broke across two printed lines.

    A hyphen that ends a raw line between two letters, the second lowercase, is the line break's
    (`Comfe-` + `rence`); a hyphen inside a line is the word's own (`Sino-Soviet`, `1945-1946`),
    and so is one before a capital or a digit. Logged with the whole word, before and after.

    >>> audit = Audit()
    >>> text = lambda ts: "".join(t.char for t in ts)
    >>> text(remove_line_break_hyphens(glyphs("（Potsdam Comfe-", 1) + glyphs("rence）", 3), audit))
    '（Potsdam Comference）'
    >>> audit.changes
    [Change(fix='remove_line_break_hyphens', line=1, before='Comfe-rence', after='Comference')]
    >>> tokens = glyphs("Sino-Soviet 1945-", 1) + glyphs("1946, Pro-", 2) + glyphs("Soviet", 3)
    >>> text(remove_line_break_hyphens(tokens, audit))
    'Sino-Soviet 1945-1946, Pro-Soviet'
    """
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        if isinstance(token, Glyph) and token.char == "-" and _breaks_a_word(tokens, index):
            word = _word_around(tokens, index)
            audit.record("remove_line_break_hyphens", token.line, word, word.replace("-", "", 1))
            continue
        kept.append(token)
    return kept


def _breaks_a_word(tokens: list[Token], index: int) -> bool:
    hyphen = tokens[index]
    before = tokens[index - 1] if index else None
    after = next((t for t in tokens[index + 1:] if isinstance(t, Glyph)), None)
    return (isinstance(hyphen, Glyph) and isinstance(before, Glyph) and bool(LETTER.match(before.char))
            and after is not None and after.line != hyphen.line and after.char.islower()
            and bool(LETTER.match(after.char)))


def _word_around(tokens: list[Token], index: int) -> str:
    """The letters either side of the hyphen at `index`, and the hyphen."""
    chars = [t.char if isinstance(t, Glyph) else "" for t in tokens]
    start, end = index, index + 1
    while start and (chars[start - 1] == "" or LETTER.match(chars[start - 1])):
        start -= 1
    while end < len(chars) and (chars[end] == "" or LETTER.match(chars[end])):
        end += 1
    return "".join(chars[start:end])


@register(GLYPH, "the PDF's stand-ins for quotation marks around Latin text (―…‖) repaired as “…”")
def repair_quotation_glyphs(tokens: list[Token], audit: Audit,
                            glyph_map: Mapping[str, str] = NO_GLYPHS) -> list[Token]:
    """Turn the PDF's stand-ins for quotation marks around Latin text back into “ and ”: the thesis's
    font gave the curly quotation marks of its English text as U+2015 and U+2016 (QUOTATION_GLYPHS).

    >>> audit = Audit()
    >>> text = lambda ts: "".join(t.char for t in ts)
    >>> text(repair_quotation_glyphs(glyphs("Vol. ―Sino-Soviet Relations 1945-1946‖, pp.50", 3193), audit))
    'Vol. “Sino-Soviet Relations 1945-1946”, pp.50'
    >>> [(c.before, c.after) for c in audit.changes]
    [('―', '“'), ('‖', '”')]
    >>> text(repair_quotation_glyphs(glyphs("中蘇―關係", 1), audit))   # a bar in Chinese is left alone
    '中蘇―關係'
    """
    opening, closing = QUOTATION_GLYPHS
    chars = [t.char if isinstance(t, Glyph) else "" for t in tokens]
    lines = [t.line if isinstance(t, Glyph) else 0 for t in tokens]
    fixed = list(tokens)
    start = 0
    while opening in chars[start:]:
        first = chars.index(opening, start)
        last = chars.index(closing, first) if closing in chars[first:] else -1
        inside = "".join(chars[first + 1:last])
        if last > 0 and inside and is_latin(inside[0]) and opening not in inside and not any(map(is_cjk, inside)):
            for position, mark in ((first, "“"), (last, "”")):
                audit.record("repair_quotation_glyphs", lines[position], chars[position], mark)
                fixed[position] = Glyph(mark, lines[position])
        start = first + 1
    return fixed


@register(SPACE, "spaces inserted by the extraction between Chinese and digits or Latin letters removed",
          in_tables=True)
def tighten_cjk_latin_space(tokens: list[Token], audit: Audit,
                            glyph_map: Mapping[str, str] = NO_GLYPHS) -> list[Token]:
    """Drop spaces between Chinese and Latin letters or digits, which the extraction inserted
    inconsistently (the spacing rule of the module docstring), and spaces a removed marker left.

    >>> audit = Audit()
    >>> "".join(t.char for t in tighten_cjk_latin_space(glyphs("在 1945 年 Yalta Conference 會議", 1), audit))
    '在1945年Yalta Conference會議'
    >>> len(audit.changes)
    4
    >>> "".join(t.char for t in tighten_cjk_latin_space(glyphs("顯示，100% 的公民", 1), audit))
    '顯示，100%的公民'
    >>> "".join(t.char for t in tighten_cjk_latin_space(glyphs("В. Л. Петров 于寶林、楊冰皓 譯，CC 派", 1), audit))
    'В. Л. Петров 于寶林、楊冰皓 譯，CC派'
    """
    return _drop_spaces(tokens, audit, "tighten_cjk_latin_space", _space_goes)


def _drop_spaces(tokens: list[Token], audit: Audit, repair: str,
                 goes: Callable[[list[Token], int], bool]) -> list[Token]:
    """`tokens` without each ASCII space for which `goes(tokens, index)` holds, each one audited
    under `repair`."""
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        if isinstance(token, Glyph) and token.char == " " and goes(tokens, index):
            audit.record(repair, token.line, " ", "")
            continue
        kept.append(token)
    return kept


def _space_goes(tokens: list[Token], index: int) -> bool:
    before = _neighbour(tokens, index, -1)
    after = _neighbour(tokens, index, +1)
    if not before or not after:
        return True  # a space at the very start or end of a paragraph
    follows_marker = isinstance(tokens[index - 1], NoteAnchor) if index else False
    if is_latin(before) and is_cjk(after) and _ends_opening_name(tokens, index):
        return False
    latin_before = is_latin(before) or before in NUMBER_SIGNS
    mixed = (is_cjk(before) and is_latin(after)) or (latin_before and is_cjk(after))
    return mixed or (follows_marker and is_cjk(before) and is_cjk(after)) or (is_cjk(before) and after == " ")


# Full-width marks whose em box already holds the blank on one side (W3C clreq 3.1.6): after a
# pause or a closing bracket, before an opening bracket. Book-title marks 《》 are left out: in a
# keyword line (`《雅尔塔协定》 《中苏友好同盟条约》 蒙古人民共和国`) the spaces part the keywords.
BLANK_AFTER = set("、，。；：！？）」』】〕")
BLANK_BEFORE = set("（「『【〔")


@register(SPACE, "spaces inserted by the extraction beside full-width Chinese punctuation removed", in_tables=True)
def tighten_cjk_punctuation_space(tokens: list[Token], audit: Audit,
                                  glyph_map: Mapping[str, str] = NO_GLYPHS) -> list[Token]:
    """Drop an ASCII space on the blank side of a full-width mark, next to Chinese (`壹、 研究動機`,
    `（1932.3.1-1945.8.18） 的`, `會議 （Potsdam`): the mark's own em box holds that blank, and
    the extraction added another. A space before a pause mark stays: in `张祖 ：` it stands for a
    character the PDF lost (sources/corrections.yml restores it); a space between two ideographs
    is the author's (`楊冰皓 譯`).

    >>> audit = Audit()
    >>> "".join(t.char for t in tighten_cjk_punctuation_space(glyphs("壹、 研究（1945） 的會議 （Potsdam", 1), audit))
    '壹、研究（1945）的會議（Potsdam'
    >>> len(audit.changes)
    3
    >>> "".join(t.char for t in tighten_cjk_punctuation_space(glyphs("张祖 ：《甲》 《乙》 丙 楊冰皓 譯", 1), audit))
    '张祖 ：《甲》 《乙》 丙 楊冰皓 譯'
    """
    return _drop_spaces(tokens, audit, "tighten_cjk_punctuation_space", _on_blank_side)


def _on_blank_side(tokens: list[Token], index: int) -> bool:
    before, after = _neighbour(tokens, index, -1), _neighbour(tokens, index, +1)
    return (before in BLANK_AFTER and is_cjk(after)) or (after in BLANK_BEFORE and is_cjk(before))


def _ends_opening_name(tokens: list[Token], index: int) -> bool:
    """True when everything before `index` is one foreign name (see OPENING_NAME)."""
    head = "".join(t.char for t in tokens[:index] if isinstance(t, Glyph))
    return bool(OPENING_NAME.fullmatch(head.strip()))


def _neighbour(tokens: list[Token], index: int, step: int) -> str:
    position = index + step
    while 0 <= position < len(tokens):
        token = tokens[position]
        if isinstance(token, Glyph):
            if token.char != " " or step > 0:
                return token.char
        position += step
    return ""


def strip_ends(tokens: list[Token]) -> list[Token]:
    """Drop whitespace at both ends of a paragraph or note (anchors stay)."""
    start, end = 0, len(tokens)
    while start < end and is_anchor_or_space(tokens[start]):
        start += 1
    while end > start and is_anchor_or_space(tokens[end - 1]):
        end -= 1
    head = [t for t in tokens[:start] if not isinstance(t, Glyph)]
    tail = [t for t in tokens[end:] if not isinstance(t, Glyph)]
    return head + tokens[start:end] + tail


def is_anchor_or_space(token: Token) -> bool:
    """A note or page anchor, or a whitespace character."""
    return not isinstance(token, Glyph) or token.char.isspace()


def render(tokens: list[Token]) -> tuple[str, tuple[NoteRef, ...], tuple[PageBreak, ...]]:
    """Text with anchors taken out, and the offset each anchor stood at."""
    text, notes, pages = [], [], []
    for token in tokens:
        if isinstance(token, Glyph):
            text.append(token.char)
        elif isinstance(token, NoteAnchor):
            notes.append(NoteRef(len(text), token.number))
        else:
            pages.append(PageBreak(len(text), token.page))
    return "".join(text), tuple(notes), tuple(pages)
