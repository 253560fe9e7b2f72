"""One encoder per output format: a string from `sources/` or a text, as text of that format.

In: any string (a title, a reason, a paragraph). Out: the same characters written so that the
format's own parser reads them back as those characters and nothing else: never an element, an
attribute, a field, a heading or a line of their own. Every writer of a format goes through its
encoder here; none concatenates a source string into markup (OWASP's output-encoding rules: encode
for the context the value lands in). Never refuses a string and never drops a character.

| format                                   | encoder          | read back by               |
|------------------------------------------|------------------|----------------------------|
| HTML text (between tags)                 | `html_text`      | an HTML parser             |
| HTML attribute value (double-quoted)     | `html_attribute` | an HTML parser             |
| Markdown with raw HTML (page templates)  | `markdown_text`  | Python-Markdown, then HTML |
| JSON (exports, search index)             | `json_data`      | `json.loads`               |
| JavaScript data (inside a script)        | `js_data`        | a JS engine, an HTML parser|
| XML text and attributes (TEI, via lxml)  | `xml_text`       | lxml                       |
| plain text, one line (TXT exports)       | `plain_line`     | a reader, line by line     |
| YAML scalar (`add-text`'s new entry)     | `yaml_scalar`    | a YAML parser              |

YAML front matter has no encoder on purpose (`yaml_scalar` writes `sources/edition.yml` only): no
page's front matter is built from a source string (a page's title and citation tags reach MkDocs
through `site/hooks.py`). BibTeX and RIS have theirs in `edition.exports.citation`, beside the
only writers of those formats.
"""
from __future__ import annotations

import json
import re

_HTML = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#x27;"}
# Line breaks and tabs as references: an attribute or a Markdown line stays one line, so no blank
# line can end a raw HTML block and no source line can begin a heading, a list or a rule.
# (Markdown splits lines at these two only; HTML reads `&#133;` as '…', so no other is referenced.)
_BREAKS = {ord(c): f"&#{ord(c)};" for c in "\n\r"}
_TAB = {ord("\t"): "&#9;"}
# What Markdown or its extensions read as syntax anywhere in a line: escapes, code, emphasis, links
# and images, attribute lists, tables, strike.
_MARKDOWN = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]{}|~!"}
# A hash that opens or closes an ATX heading (`- # x` is a heading in a list item; `題名 #` and `0#`
# lose their `#`): one at the start, after whitespace or ending the value. Matches the # of '# x',
# 'a #', '0#'; not of 'C# x' or '../#p0001' (nor of a reference `&#35;`, after `&`).
_HEADING_HASH = re.compile(r"(?<!\S)#|#(?=#*$)")
# What Markdown reads as syntax at the start of a line only: a list item (`- `, `+ `, `1. `, `1) `),
# a setext underline or quote (`=`, `>` is already an HTML reference), indentation (code). Matches
# '- x', '  1945. x', '= x'; not '1945年' or 'x - y'.
_LINE_START = re.compile(r"^(?:[-+=]|\d+[.)])")
_HTML_TABLE = {**_HTML, **_BREAKS}
_ATTRIBUTE_TABLE = {**_HTML_TABLE, **_TAB}
_MARKDOWN_TABLE = {**_ATTRIBUTE_TABLE, **_MARKDOWN}


def html_text(value: str) -> str:
    """`value` as HTML text: `& < > " '` and line breaks as references (every page is Markdown, in
    which a blank line would end a raw HTML block), everything else as it is.

    >>> html_text('<img src=x onerror="alert(1)"> & \\'q\\'\\n')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#x27;q&#x27;&#10;'
    """
    return str(value).translate(_HTML_TABLE)


def html_attribute(value: str) -> str:
    """`value` as a double-quoted HTML attribute value: `html_text`, tabs too (an attribute value
    is normalised by the parser: a reference keeps the character).

    >>> html_attribute('a"\\n\\tb')
    'a&quot;&#10;&#9;b'
    """
    return str(value).translate(_ATTRIBUTE_TABLE)


def markdown_text(value: str) -> str:
    """`value` as text in Markdown that holds raw HTML (the page templates): valid as HTML text, as
    an attribute value and as Markdown inline text at once, since a character reference reads as
    its character in all three. Line breaks, Markdown's syntax characters, a heading's hash, a list or underline
    marker at the start and whitespace at either end (indentation, a hard break, U+3000 that
    Markdown would strip) are references.

    >>> markdown_text("- # x\\n---")
    '&#45; &#35; x&#10;---'
    >>> markdown_text(" 2*3 [a](b) {: #id} <i> ")
    '&#32;2&#42;3 &#91;a&#93;(b) &#123;: &#35;id&#125; &lt;i&gt;&#32;'
    """
    value = str(value)
    core = value.strip()            # what Markdown strips from a block's edges: str.isspace, U+3000 too
    start = value.index(core) if core else len(value)
    first = _LINE_START.match(core)
    escaped = f"&#{ord(core[0])};{core[1:].translate(_MARKDOWN_TABLE)}" if first else core.translate(_MARKDOWN_TABLE)
    escaped = _HEADING_HASH.sub("&#35;", escaped)
    return _references(value[:start]) + escaped + _references(value[start + len(core):])


def _references(text: str) -> str:
    return "".join(f"&#{ord(c)};" for c in text)


def json_data(value, indent: int | None = None) -> str:
    """`value` as JSON text (UTF-8 as is, compact unless `indent`); `json.loads` gives it back."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(value, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False)


def key_text(value) -> str:
    """`value` as text to hash, never to read back: JSON with its mappings' keys sorted, and any
    value JSON has no form for by its `repr`.

    >>> key_text({"b": 1, "a": {1, 2}.__class__.__name__}) == key_text({"a": "set", "b": 1})
    True
    """
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=repr, separators=(",", ":"))


_SCRIPT = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", ord("'"): "\\u0027",
           ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}


def js_data(value) -> str:
    """`value` as a JavaScript literal that is safe inside a `<script>` element or an HTML
    attribute: JSON with `< > & '` and the two JavaScript line separators as `\\u` escapes, so
    `</script>` or `<!--` in a value never ends or comments out the script.

    >>> js_data("</script><script>alert(1)//")
    '"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)//"'
    """
    return json_data(value).translate(_SCRIPT)


# What XML 1.0 cannot carry at all, not even as a character reference (lxml refuses it).
XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """`value` as text lxml can write (element text or attribute): lxml escapes markup itself;
    a character XML 1.0 cannot carry (NUL, other C0 controls, U+FFFE) becomes U+FFFD, the
    replacement character, so a TEI file is always well-formed. The loader refuses such
    characters in `sources/` YAML; this keeps the writer total for raw texts.

    >>> xml_text("a\\x00b\\x0cc")
    'a\\ufffdb\\ufffdc'
    """
    return XML_INVALID.sub("\ufffd", str(value))


_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")   # str.splitlines' set


def plain_line(value: str) -> str:
    """`value` on one line of a plain-text file: each line break a space (one for one, so offsets
    into the string still hold), so no string can forge a line of its own (a heading, a note).

    >>> plain_line("題名\\r\\n〔注1〕 假")
    '題名  〔注1〕 假'
    """
    return _LINE_BREAKS.sub(" ", str(value))


def xml_data(value):
    """`value` (a JSON-like export: dicts, lists, strings) with every string through `xml_text`."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, dict):
        return {key: xml_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [xml_data(item) for item in value]
    return value


# What YAML reads differently from JSON inside a double-quoted string: C1 controls and DEL (not
# printable in YAML), NEL and the line and paragraph separators (line breaks, folded to a space),
# the byte order mark. Written as \u escapes, which both read alike. Matches '\u2028', not '甲'.
YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def yaml_scalar(value) -> str:
    r"""A value as a YAML scalar that reads back as itself, whatever it holds (a JSON string is a
    YAML double-quoted scalar, once YAML_UNSAFE is escaped); numbers and null as they are.

    >>> yaml_scalar("標題: 甲 # 乙"), yaml_scalar(None), yaml_scalar(1946), yaml_scalar("甲\u2028乙")
    ('"標題: 甲 # 乙"', 'null', '1946', '"甲\\u2028乙"')
    """
    return YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_data(value))
