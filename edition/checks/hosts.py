"""Stage 12c, no other host: nothing a reader's browser loads from the built site comes from elsewhere.

In: one script's built site (after MkDocs) and the project's mkdocs.yml. Out: a problem for every
address of another host that a page, stylesheet or script *loads* (a script, stylesheet, font,
image, frame, media, icon, preload, CSS `url()` or `@import`, an address a script holds), each
named at the mkdocs.yml setting that put it there: a removed `font: false` (Google Fonts), a
remote `extra_javascript` or `extra_css`, another `theme:`, or the line that holds the address;
Material's loads on a condition (a Mermaid diagram, `repo_url`'s facts) where the site meets it.
Links readers may follow (`<a href>`, canonical and alternate links) load nothing and are fine;
`data:` and relative addresses are the site's own, as is the host of `site_url`. Never writes.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

from edition.core.errors import Problem, Problems
from edition.sources.site_address import read_mkdocs_yml

# The attributes through which an element loads something, per element.
LOADING = {"script": ("src",), "base": ("href",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
           "embed": ("src",), "object": ("data",), "source": ("src", "srcset"), "video": ("src", "poster"),
           "audio": ("src",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
           "use": ("href", "xlink:href")}
# `<link rel=…>` values whose address the browser fetches (canonical, alternate, author: it does not).
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload", "modulepreload",
                "prefetch", "prerender", "preconnect", "dns-prefetch", "manifest"}
# CSS: url(x), url('x'), @import 'x'. Matches `url("https://f.io/a.woff2")`, not `--url: 1`.
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""")
# A script may load any address it holds, at any time (`fetch`, a created `<script>`, an import):
# every string literal that is an absolute or protocol-relative address with a dotted host counts.
# Matches "https://unpkg.com/x", `https://api.github.com/repos/${e}`, '//cdn.io/a.js'; not "//nbsp".
JS_URL = re.compile(r"""(['"`])((?:[a-zA-Z][\w+.-]*:)?//[\w-]+(?:\.[\w-]+)+(?:[/:?#][^'"`\s]*)?)""")
# XML namespace names (`createElementNS("http://www.w3.org/2000/svg", …)`, an SVG's xmlns): names,
# never fetched.
NAMESPACE = re.compile(r"https?://www\.w3\.org/(?:2000/svg|1999/xhtml|1999/xlink|1998/Math/MathML|XML/1998/namespace"
                       r"|2000/xmlns/?)$")
# Addresses in Material's own script (assets/javascripts/bundle.*.js) that it loads only on a
# condition, and what `theme_loads` checks for each: the Mermaid library for a page with a
# `mermaid` diagram; the ResizeObserver polyfill in a browser without ResizeObserver (every
# browser since 2020 has it: accepted); a repository's facts from GitHub's API when `repo_url`
# is set (GitLab's come from the `repo_url` host itself).
MATERIAL_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
CONDITIONAL = {"https://unpkg.com/mermaid": "mermaid", "https://unpkg.com/resize-observer-polyfill": "accepted",
               "https://api.github.com/": "repo_url"}
MERMAID = re.compile(r"""class\s*=\s*["']?(?:[^"'>]*\s)?mermaid[\s"'>]""")
FONT_HOSTS = {"fonts.googleapis.com", "fonts.gstatic.com"}
ANALYTICS_HOSTS = {"www.googletagmanager.com", "www.google-analytics.com"}     # Material's `extra.analytics`


# A start tag of an element that loads, its attributes quoted or not (a quoted value may hold
# '>'): matches `<img src="a>b" alt=x>`, not `<span class=x>`.
TAG = re.compile(r"""<(%s|link)\b((?:[^>"']|"[^"]*"|'[^']*')*)>""" % "|".join(LOADING), re.I)
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.S | re.I)   # an inline script's body
# CSS escapes: `\68 ttps` is 'https' to the browser (CSS Syntax 4.3.7), `\:` is ':'.
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.S)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)   # on any element


def page_addresses(page: str) -> list[tuple[str, str]]:
    """Every address `page` loads, with what loads it."""
    found = [("<style>", address) for block in STYLE.findall(page) for address in css_addresses(block)]
    found += [("<script>", address) for body in SCRIPT.findall(page) for address in js_addresses(body)]
    found += [("style=", address) for m in STYLE_ATTRIBUTE.finditer(page)
              for address in css_addresses(html.unescape(m.group(1) or m.group(2) or ""))]
    for match in TAG.finditer(page):
        tag = match.group(1).lower()
        values = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                  for m in ATTRIBUTE.finditer(match.group(2))}
        names = LOADING.get(tag, ())
        if tag == "link" and set(values.get("rel", "").lower().split()) & LOADING_RELS:
            names = ("href",)
        found += [(f"<{tag} {name}>", address) for name in names
                  for address in _addresses(values.get(name, ""), srcset=name == "srcset")]
    return found


def _addresses(value: str, srcset: bool) -> list[str]:
    if not srcset:
        return [value.strip()] if value.strip() else []
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_addresses(css: str) -> list[str]:
    """Every address a stylesheet loads: `url()`, `@import`, and any string that is an address (as
    `image-set("https://…" 1x)` takes one), after its escapes are read as the browser reads them.

    >>> css_addresses('a{background:url(\\\\68ttps://e.test/b.png)} b{x:image-set("https://f.test/a.png" 1x)}')
    ['https://e.test/b.png', 'https://f.test/a.png']
    """
    css = CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), css)
    found = [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]
    return found + [address for address in js_addresses(css) if address not in found]


def js_addresses(js: str) -> list[str]:
    """Every address a script holds as a string (JS_URL).

    >>> js_addresses('a="//nbsp";fetch(`https://api.x.io/r/${e}`);import("//cdn.io/m.js")')
    ['https://api.x.io/r/${e}', '//cdn.io/m.js']
    """
    return [m.group(2) for m in JS_URL.finditer(js) if not NAMESPACE.match(m.group(2))]


def condition(address: str, path: str) -> str | None:
    """The condition under which Material's own script loads `address` (CONDITIONAL), or None."""
    if not MATERIAL_BUNDLE.search(path):
        return None
    return next((why for prefix, why in CONDITIONAL.items() if address.startswith(prefix)), None)


def foreign(address: str, own_host: str) -> bool:
    """An address on another host: absolute (`https://…`) or protocol-relative (`//…`), read as a
    browser reads it (WHATWG URL: leading spaces and controls dropped, tabs and line breaks
    removed, a backslash is a slash, so `/\\evil.test/x` is `//evil.test/x`).

    >>> foreign("/\\\\evil.test/c.png", "edition.test"), foreign(" \\\\/evil.test", ""), foreign("/a/b", "")
    (True, True, False)
    """
    address = re.sub(r"[\t\n\r]", "", address).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                       "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                                       "\x1c\x1d\x1e\x1f ").replace("\\", "/")
    if not re.match(r"([a-zA-Z][\w+.-]*:)?//", address):
        return False
    return (urlparse(address if "://" in address else "https:" + address).hostname or "") != own_host


def other_hosts(site: Path, project: Path, own_host: str) -> list[Problem]:
    """One problem per foreign address found in `site` (see the module docstring)."""
    pages: dict[str, list[str]] = defaultdict(list)     # address -> files that load it
    conditions: dict[str, list[str]] = defaultdict(list)
    mermaid: list[str] = []
    for path in sorted(site.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = path.relative_to(site.parent.parent).as_posix()
        if suffix == ".html":
            found = [address for _, address in page_addresses(text)]
            mermaid += [shown] if MERMAID.search(text) else []
        else:
            found = css_addresses(text) if suffix == ".css" else js_addresses(text)
        for address in found:
            if foreign(address, own_host) and condition(address, shown):
                conditions[condition(address, shown) or ""].append(address)
            elif foreign(address, own_host):
                pages[address].append(shown)
    config: dict = read_mkdocs_yml(project, Problems()) or {}
    problems = theme_loads(conditions, mermaid, config)
    if not pages:
        return problems
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    return problems + [Problem(cause(address, config, lines), f"{files[0]}{_more(files)} {address} from another "
                               "host, which every reader's browser would contact; the site loads nothing from "
                               "elsewhere: remove what this setting adds or serve a copy from the site")
                       for address, files in sorted(pages.items())]


def theme_loads(conditions: dict[str, list[str]], mermaid: list[str], config) -> list[Problem]:
    """Material's conditional loads (CONDITIONAL) whose condition this site meets."""
    problems = []
    lines = getattr(config, "key_lines", {})
    if conditions.get("mermaid") and mermaid:
        problems.append(Problem(f"mkdocs.yml:{lines.get('markdown_extensions', 1)}: markdown_extensions",
                                f"{mermaid[0]} holds a Mermaid diagram, for which Material loads "
                                f"{conditions['mermaid'][0]} from another host; the site loads nothing from "
                                "elsewhere: remove the mermaid fence or draw the diagram as an image"))
    repository = config.get("repo_url")
    if isinstance(repository, str) and repository.strip():
        host = urlparse(repository).hostname or ""
        if host == "github.com" or "gitlab" in host:
            api = conditions.get("repo_url", ["https://api.github.com/"])[0] if host == "github.com" else host
            problems.append(Problem(f"mkdocs.yml:{lines.get('repo_url', 1)}: repo_url",
                                    f"with a {host} repo_url, Material fetches the repository's facts (stars, "
                                    f"forks, version) from {api} on every page, another host; the site loads "
                                    "nothing from elsewhere: remove repo_url (link the repository from a page)"))
    return problems


def _more(files: list[str]) -> str:
    return f" and {len(files) - 1} more files load" if len(files) > 1 else " loads"


def cause(address: str, config, lines: list[str]) -> str:
    """The mkdocs.yml setting (as `mkdocs.yml:line: setting`) that put `address` on the site."""
    host = urlparse(address if "://" in address else "https:" + address).hostname or ""
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {"name": config.get("theme")}
    theme_line = getattr(config, "key_lines", {}).get("theme", 1)
    if host in FONT_HOSTS and theme.get("font") is not False:
        return f"mkdocs.yml:{theme_line}: theme.font (Material loads Google Fonts unless `font: false`)"
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    if host in ANALYTICS_HOSTS and "analytics" in extra:
        return f"mkdocs.yml:{getattr(extra, 'key_lines', {}).get('analytics', 1)}: extra.analytics"
    for key in ("extra_javascript", "extra_css"):
        listed = config.get(key) if isinstance(config.get(key), list) else []
        for number, item in enumerate(listed):
            path = item.get("path") if isinstance(item, dict) else item
            if isinstance(path, str) and (path == address or host and host in path):
                return f"mkdocs.yml:{getattr(listed, 'item_lines', [1] * len(listed))[number]}: {key}"
    line = next((n for n, text in enumerate(lines, 1) if host and host in text), None)
    if line is not None:
        return f"mkdocs.yml:{line}: the setting on this line"
    if theme.get("name") not in (None, "material"):
        return f"mkdocs.yml:{getattr(theme, 'key_lines', {}).get('name', theme_line)}: theme.name"
    return "mkdocs.yml: a theme, plugin or template override"
