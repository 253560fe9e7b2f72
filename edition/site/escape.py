"""Text from `sources/` as it appears in the generated pages: always text, never markup.

The page templates write Markdown with raw HTML inside it, and MkDocs' theme templates print page
titles and navigation unescaped. One escape serves every one of those places: HTML's own
(`< > & " '`) and, as numeric character references, the characters that Markdown or its
extensions would read as syntax (emphasis `* _`, links `[ ]`, code `` ` ``, tables `|`,
attribute lists `{ }`, strike `~`, escapes `\\`). A character reference reads as the character in
Markdown text, in raw HTML blocks, in attribute values and in YAML front matter alike, so a title
shows `2*3*4` and `__init__` as written and `<script>` or `[x](javascript:…)` as plain text.

No source field is declared Markdown: every one goes through `text`. Values the build itself made
as HTML are `Markup` and pass unchanged.

>>> str(text("2*3*4 <b>__init__</b> [x](javascript:alert(1)) {: onclick=x}"))
'2&#42;3&#42;4 &lt;b&gt;&#95;&#95;init&#95;&#95;&lt;/b&gt; &#91;x&#93;(javascript:alert(1)) &#123;: onclick=x&#125;'
>>> str(text(Markup("<sup>1</sup>")))
'<sup>1</sup>'
"""
from __future__ import annotations

import html

from markupsafe import Markup

MARKDOWN_SYNTAX = {ord(char): f"&#{ord(char)};" for char in "\\`*_[]{}|~"}


def text(value) -> Markup:
    """`value` escaped for HTML and Markdown (see the module docstring); Markup passes unchanged."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True).translate(MARKDOWN_SYNTAX))


def finalize(value):
    """Jinja's `finalize` for the page templates: every printed value is text unless it is Markup."""
    if value is None or isinstance(value, (Markup, int, float)):
        return value
    return text(value)
