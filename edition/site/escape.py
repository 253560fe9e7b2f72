"""Text from `sources/` as it appears in the generated pages: always text, never markup.

The page templates write Markdown with raw HTML inside it, and MkDocs' theme templates print page
titles and navigation unescaped. One encoder serves every one of those places,
`edition.core.encode.markdown_text`: HTML's own characters (`< > & " '`), line breaks, and, as
numeric character references, the characters that Markdown or its extensions would read as syntax
(emphasis `* _`, links `[ ]`, code `` ` ``, tables `|`, attribute lists `{ }`, headings `#`, a
list marker at the start). A character reference reads as the character in Markdown text, in raw
HTML blocks and in attribute values alike, so a title shows `2*3*4` and `__init__` as written and
`<script>`, `[x](javascript:…)` or a newline followed by `---` as plain text.

No source field is declared Markdown: every one goes through `text`. Values the build itself made
as HTML are `Markup` and pass unchanged.

>>> str(text("2*3*4 <b>__init__</b> [x](javascript:alert(1)) {: onclick=x}"))
'2&#42;3&#42;4 &lt;b&gt;&#95;&#95;init&#95;&#95;&lt;/b&gt; &#91;x&#93;(javascript:alert(1)) &#123;: onclick=x&#125;'
>>> str(text(Markup("<sup>1</sup>")))
'<sup>1</sup>'
"""
from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from edition.core.encode import html_text, markdown_text
from edition.core.languages import CYRILLIC_LETTER, FOREIGN, FOREIGN_WITHOUT_KANA, KANA, TWO_LETTERS


def text(value) -> Markup:
    """`value` escaped for HTML and Markdown (see the module docstring); Markup passes unchanged."""
    if isinstance(value, Markup):
        return value
    return Markup(markdown_text(str(value)))


def finalize(value):
    """Jinja's `finalize` for the page templates: every printed value is text unless it is Markup."""
    if value is None or isinstance(value, (Markup, int, float)):
        return value
    return text(value)


# Runs in another language get a lang attribute (screen readers switch voice, browsers pick fonts):
# kana stretches are Japanese, Cyrillic is Russian (even one letter), other Latin runs of two
# letters or more English.
def lang_html(text: str, encode: Callable[[str], str] = html_text) -> Markup:
    """`text` escaped by `encode`, each Japanese, Russian or English run in a span with its lang.

    >>> str(lang_html("見 Yalta Conference 與 Сталин。"))
    '見 <span lang="en">Yalta Conference</span> 與 <span lang="ru">Сталин</span>。'
    >>> str(lang_html("石井明『中ソ関係史の研究』，1990年，A 頁"))
    '<span lang="ja">石井明『中ソ関係史の研究』</span>，1990年，A 頁'
    """
    out, position = [], 0
    pattern = FOREIGN if KANA.search(text) else FOREIGN_WITHOUT_KANA
    for match in pattern.finditer(text):
        run = match.group(0).rstrip(" .,:;(&/-")
        if match.group("latin") and not TWO_LETTERS.search(run) and not CYRILLIC_LETTER.search(run):
            continue
        lang = "ja" if match.group("ja") else "ru" if CYRILLIC_LETTER.search(run) else "en"
        out.append(encode(text[position:match.start()]))
        out.append(f'<span lang="{lang}">{encode(run)}</span>')
        position = match.start() + len(run)
    out.append(encode(text[position:]))
    return Markup("".join(out))


def as_text(text: str) -> str:
    """A string from sources/ as text in Markdown (and in a table cell): never markup.

    >>> as_text("<b>|x|</b> # 1")
    '&lt;b&gt;&#124;x&#124;&lt;/b&gt; &#35; 1'
    """
    return markdown_text(text)


def as_shown(text: str) -> str:
    """A string of the texts or of sources/ in Markdown (and in a table cell) as the reading pages
    show it: never markup, each Japanese, Russian or English run in a span with its lang.

    >>> as_shown("<b>|x|</b> 見 **Yalta**")
    '&lt;b&gt;&#124;x&#124;&lt;/b&gt; 見 &#42;&#42;<span lang="en">Yalta</span>&#42;&#42;'
    """
    return str(lang_html(text, markdown_text))
