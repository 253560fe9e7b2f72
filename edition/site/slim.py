"""What a phone need not download: Material's stylesheet without the rules no page of the site
can use, and the site's pages and own stylesheets without the whitespace and comments that only a
reader of the source sees (the sources in templates/ keep theirs). With them the longest chapter's
first view went from 485 to 394 KiB and its first contentful paint on a slow phone from 2.0 to
1.3 s (bench/bench_phone.py).

Trimming the stylesheet. In: the text of a minified stylesheet, and the words the built site can
put in a class attribute (every class in its HTML, every class the theme's script sets, every
identifier-like word of the edition's own scripts). Out: the stylesheet with every rule left out
whose every selector needs a class the site never has, and every custom property left out that
nothing reads. A phone's first view loaded Material's 134 KiB stylesheet, most of it for features
the edition does not use (admonition kinds, code blocks, tabs, Mermaid, the blog). Conservative
by construction: a selector with `:is()`, `:where()` or `:has()` is kept, a class inside `:not()`
is not required, and at-rules other than @media and @supports are kept whole.

Compacting a page: a run of whitespace that holds a line break becomes one line break (the
browser collapses both alike), never inside <pre>, <textarea> or <script>. Compacting the
edition's own scripts: only comments that stand on lines of their own go, and indentation (a
comment inside a line or a string is left alone). Never reads or writes a file.
"""
from __future__ import annotations

import functools
import re

CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NEGATION = re.compile(r":not\([^()]*\)")
ANY_OF = (":is(", ":where(", ":has(", ":-webkit-any(", ":-moz-any(")
READ = re.compile(r"var\(\s*(--[\w-]+)")


def trim(css: str, classes: set[str], read_elsewhere: frozenset[str] | set[str] = frozenset()) -> str:
    """`css` without the rules no element can match and the custom properties that neither it nor
    the site's other stylesheets, pages and scripts (`read_elsewhere`) read.

    >>> trim(".a{color:red}.b,.a .c{margin:0}@media print{.b{x:y}}.d:not(.b){z:0}", {"a", "d"})
    '.a{color:red}.d:not(.b){z:0}'
    >>> trim(':root{--used:1;--icon:url("data:a;b");--unused:2}.a{width:var(--used)}', {"a"})
    ':root{--used:1}.a{width:var(--used)}'
    """
    kept = _rules(css, classes)
    return _drop_unread_properties(kept, set(read_elsewhere))


def _rules(css: str, classes: set[str]) -> str:
    out: list[str] = []
    position = 0
    while position < len(css):
        brace = css.find("{", position)
        if brace < 0:
            out.append(css[position:])
            break
        prelude = css[position:brace]
        end = _matching(css, brace)
        body = css[brace + 1:end]
        head = prelude.strip()
        if head.startswith("@media") or head.startswith("@supports"):
            inner = _rules(body, classes)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@") or _matches_something(head, classes):
            out.append(css[position:end + 1])
        position = end + 1
    return "".join(out)


def _matching(css: str, brace: int) -> int:
    """The index of the brace that closes the one at `brace` (strings hold no braces in Material's CSS)."""
    depth = 0
    for index in range(brace, len(css)):
        if css[index] == "{":
            depth += 1
        elif css[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return len(css) - 1


def _matches_something(selectors: str, classes: set[str]) -> bool:
    return any(_possible(selector, classes) for selector in _split(selectors))


def _possible(selector: str, classes: set[str]) -> bool:
    if any(form in selector for form in ANY_OF):
        return True
    needed = CLASS.findall(NEGATION.sub("", re.sub(r"\[[^\]]*\]", "", selector)))
    return all(name in classes for name in needed)


def _split(selectors: str) -> list[str]:
    """A selector list at its top-level commas."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(selectors):
        depth += char in "([" and 1 or char in ")]" and -1 or 0
        if char == "," and depth == 0:
            parts.append(selectors[start:index])
            start = index + 1
    return parts + [selectors[start:]]


# A custom property's declaration, its value up to the next ; or } outside quotes (an icon's data
# URI holds `;charset=utf-8`): matches `--x:url("a;b");`, not the `--y` of `var(--y)`.
DECLARATION = re.compile(r"""(?<=[{;])(--[\w-]+)\s*:(?:"[^"]*"|'[^']*'|[^;{}"'])*(?:;|(?=}))""")


def _kept_if_read(read: set[str], declaration: re.Match) -> str:
    return declaration.group(0) if declaration.group(1) in read else ""


def _drop_unread_properties(css: str, read_elsewhere: set[str]) -> str:
    """Custom property declarations (`--x:…;`) that nothing reads, left out; repeated until none
    is left, as one property may be read only by another that goes."""
    while True:
        read = set(READ.findall(css)) | read_elsewhere
        trimmed = DECLARATION.sub(functools.partial(_kept_if_read, read), css).replace(";}", "}")
        if trimmed == css:
            return css
        css = trimmed


def site_classes(html_pages: list[str], theme_scripts: list[str], own_scripts: list[str]) -> set[str]:
    """Every class the site's pages carry, every class the theme's script sets (JSX-like `class:"…"`
    and `classList.add("…")` in Material's bundle), and every identifier-like word of the edition's
    own scripts (small, and free to build a class name any way)."""
    classes = {name for page in html_pages for value in re.findall(r'class="([^"]*)"', page)
               for name in value.split()}
    for script in theme_scripts:
        for value in re.findall(r'class:["`]([^"`]*)["`]', script) + re.findall(r'classList\.\w+\(([^)]*)\)', script):
            classes |= set(re.findall(r"[_a-zA-Z][\w-]*", re.sub(r"\$\{[^}]*\}", " ", value)))
    return classes | {word for script in own_scripts for word in re.findall(r"[_a-zA-Z][\w-]*", script)}


def properties_named(texts: list[str]) -> set[str]:
    """Every `--name` the site's other stylesheets, pages and scripts mention (read or set)."""
    return {name for text in texts for name in re.findall(r"--[a-zA-Z][\w-]*", text)}


# A run of whitespace with a line break in it: renders as one space (or none), as one line break does.
BREAK_RUN = re.compile(r"[ \t]*\n[ \t\n]*")
RAW = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
# A line break between two wide (East Asian F/W) characters, the second perhaps opening an inline
# element: CSS Text 3 (4.1.3) removes such a segment break, but browsers still draw it as a space
# (`一版。 版本記錄`), so the page is written without it. Latin on either side keeps its space.
WIDE = ("\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
        "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6")
WIDE_BREAK = re.compile(f"(?<=[{WIDE}])[ \t]*\n[ \t\n]*"
                        f"(?=[{WIDE}]|<(?:a|span|strong|em|b|i|code|mark|abbr)\\b[^<>]*>[{WIDE}])")


def compact_html(page: str) -> str:
    r"""`page` with each whitespace run that holds a line break as one line break, outside raw elements.

    A line break between two wide characters is removed (WIDE_BREAK).

    >>> compact_html("<p>\n    甲\n  <a>乙</a> 丙</p>\n<pre>  x\n    y</pre>")
    '<p>\n甲<a>乙</a> 丙</p>\n<pre>  x\n    y</pre>'
    >>> compact_html("<p>算一版。\n版本記錄\nYalta 會議\n與 sources/；\n一切</p>")
    '<p>算一版。版本記錄\nYalta 會議與 sources/；一切</p>'
    """
    parts = RAW.split(page)
    out = []
    for index, part in enumerate(parts):
        kind = index % 3            # split keeps 2 groups: text, raw element, its tag name
        if kind == 0:
            out.append(BREAK_RUN.sub("\n", WIDE_BREAK.sub("", part)))
        elif kind == 1:
            out.append(part)
    return "".join(out)


CSS_STRING = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""", re.S)
CSS_PUNCTUATION = re.compile(r"\s*([{};,])\s*")
CSS_PROPERTY = re.compile(r"(?<=[{;])([-\w]+):\s+")


def compact_css(css: str) -> str:
    r"""The edition's own stylesheet without comments, whitespace runs as one space and none
    around `{ } ; ,` or after a declaration's colon, nor a `;` before `}`; quoted strings untouched.
    (A space before a colon stays: `a :hover` is not `a:hover`.)

    >>> compact_css("/* why */\n.a, .b {\n  color: red; /* x */\n  font-family: \"A ; B\", serif;\n}\n")
    '.a,.b{color:red;font-family:"A ; B",serif}'
    >>> compact_css("@media (max-width: 40em) { .a :hover { top: calc(1px + 2px); } }")
    '@media (max-width: 40em){.a :hover{top:calc(1px + 2px)}}'
    """
    parts = CSS_STRING.split(re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", "", css, flags=re.S)).strip())
    return "".join(part if index % 2 else CSS_PROPERTY.sub(r"\1:", CSS_PUNCTUATION.sub(r"\1", part)).replace(";}", "}")
                   for index, part in enumerate(parts))


# A comment on lines of its own: `  /* why … */` (one or more whole lines) or `  // why`.
OWN_LINE_COMMENT = re.compile(r"^[ \t]*(?:/\*(?:(?!\*/).)*\*/|//[^\n]*)[ \t]*\n", re.S | re.M)


# A comment after code, two spaces on: taken only where the code before it holds no `/` (no regular
# expression, no address) and closes every string it opens.
TRAILING_COMMENT = re.compile(r"^([^/\n]*?)[ \t]{2,}//(?:(?!\*/)[^\n])*$", re.M)


def _code_before(comment: re.Match) -> str:
    code = comment.group(1)
    return code if code.count('"') % 2 == 0 and code.count("'") % 2 == 0 else comment.group(0)


def compact_js(script: str) -> str:
    r"""The edition's own script without comments and indentation.

    >>> compact_js("/* why\n   more */\nvar a = 1;  // gone\n  // gone\n  f(\"/* x */\");\n")
    'var a = 1;\nf("/* x */");\n'
    >>> compact_js('f("a  // b");\nvar r = /x/;  // kept: a slash before it\n')
    'f("a  // b");\nvar r = /x/;  // kept: a slash before it\n'
    """
    return re.sub(r"^[ \t]+", "", TRAILING_COMMENT.sub(_code_before, OWN_LINE_COMMENT.sub("", script)), flags=re.M)
