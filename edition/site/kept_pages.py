"""The pages MkDocs made in the last build, made again only when something they are made from changed.

A rebuild used to convert every page's Markdown and render every page's template again, though a
correction changes one page: that was most of a rebuild's time. Each script's MkDocs now keeps what
it made in `build/pages/<script>.json` (the build's work folder, `extra.edition_kept`), by content:

- a page's Markdown as HTML, its table of contents, title and anchors (what MkDocs' `Page.render`
  makes), keyed by the page's Markdown and metadata, its address and the settings, and used only
  while every file the page looked up (its links' targets, found or not) is as it was: same
  address, same inclusion in the site (a link to a file is checked against the files there are);
- the page's finished HTML, keyed by that key, the files it looked up, and the navigation (every
  page's title and address: each page prints all of them).

"The settings" (`settings_key`) are every setting MkDocs is given but the folders, with the versions
of MkDocs, Material, Python-Markdown, Jinja, PyMdown Extensions and Pygments, this package's site
code, the theme's folder of overrides, file by file, and `SOURCE_DATE_EPOCH`. Keys are hashes of
contents, never file times. A page whose key is in the store is not made again: its
HTML is what MkDocs writes. What a build does not use is dropped when it writes the store, and it
writes it only when the build succeeded without a warning (`save`): a page that warned is made again,
and warns again.

The store is used only for a site whose page depends on nothing else: Material's theme, no plugin
but the search plugin, no hook but the edition's, and Markdown extensions that read only the page
(`_KNOWN_EXTENSIONS`). An editor who adds a plugin, a hook or another extension gets every page
made every time, as MkDocs makes them.
"""
from __future__ import annotations

import functools
import json
import logging
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2

from edition.core.encode import key_text
from edition.core.memo import code_of, key_of, write_whole

_SITE_CODE = code_of(*sorted(str(path) for path in Path(__file__).parent.glob("*.py")))
_LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "markupsafe", "pymdown-extensions", "pygments")
# The Markdown extensions whose output depends on the page's text and their settings alone, by name
# (a name may end in `:Class`): Python-Markdown's own, short or full, and PyMdown's but those that
# read other files (snippets includes them, b64 inlines images).
_MARKDOWN_OWN = {"abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "legacy_attrs",
                 "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks",
                 "codehilite", "extra"}
_PYMDOWNX_OWN = {"arithmatex", "betterem", "caret", "critic", "details", "emoji", "escapeall", "extra", "highlight",
                 "inlinehilite", "keys", "mark", "magiclink", "progressbar", "saneheaders", "smartsymbols",
                 "striphtml", "superfences", "tabbed", "tasklist", "tilde"}
_PLUGINS = {"search", "material/search"}


def _version(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} none"


@functools.cache
def _libraries() -> tuple[str, ...]:
    return tuple(_version(name) for name in _LIBRARIES)


def _known_extension(extension: Any) -> bool:
    from edition.site.rawblocks import RawBlocksExtension
    if isinstance(extension, RawBlocksExtension):
        return True
    if not isinstance(extension, str):
        return False
    name = extension.partition(":")[0]
    own = name.removeprefix("markdown.extensions.")
    pymdownx = name.removeprefix("pymdownx.") if name.startswith("pymdownx.") else None
    return own in _MARKDOWN_OWN or pymdownx in _PYMDOWNX_OWN or (pymdownx or "").startswith("blocks.")


def _folder_key(folder: Path) -> list[str | bytes]:
    parts: list[str | bytes] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return parts


def settings_key(settings: dict, custom_dir: str, source_date: str) -> str:
    """The hash of what every page is made with (the module docstring): `settings` as given to MkDocs
    less the folders and the per-page data, which keys each page."""
    extra = {k: v for k, v in (settings.get("extra") or {}).items()
             if k not in ("edition_cache", "edition_kept", "edition_pages")}
    given = {k: v for k, v in settings.items() if k not in ("docs_dir", "site_dir", "nav", "extra")}
    # MkDocs records a page's links to anchors only when it logs above DEBUG (Page.render)
    links = logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG
    return key_of(key_text([given, extra]), _libraries(), sys.version, repr(links),
                  _SITE_CODE, _folder_key(Path(custom_dir)) if custom_dir else "", source_date)


class PageStore:
    """One script's kept pages (the module docstring): read when MkDocs starts, written by `save`."""

    def __init__(self, path: Path, key: str):
        self.path, self.key = path, key
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            kept = None
        valid = isinstance(kept, dict) and kept.get("key") == key and isinstance(kept.get("pages"), dict)
        self.kept: dict[str, Any] = kept["pages"] if valid else {}
        self.used: dict[str, Any] = {}
        self.made = 0
        self.usable: bool | None = None     # decided at the first page: the extensions are known then
        self._nav: tuple[int, str] | None = None

    def nav_key(self, nav) -> str:
        """Every page prints the navigation: each item's kind, title, address and children, and each
        page's metadata (Material prints an item's icon, subtitle and status)."""
        def walk(items) -> list:
            return [[type(item).__name__, str(item.title), getattr(item, "url", ""), getattr(item, "meta", None),
                     walk(getattr(item, "children", None) or [])] for item in items]
        if self._nav is None or self._nav[0] != id(nav):
            homepage = nav.homepage.url if nav.homepage else ""
            self._nav = id(nav), key_of(key_text([homepage, walk(nav.items)]))
        return self._nav[1]

    def render(self, page, config, files) -> None:
        """MkDocs' `Page.render` for `page`, or what it made for the same key while every file the
        page looked up (its links' targets) is still what it was: same address, same inclusion."""
        from mkdocs.structure.pages import Page
        key = key_of("page", self.key, page.file.src_uri, page.url, page.markdown or "", key_text(page.meta))
        kept = self.kept.get(key)
        if not (isinstance(kept, dict) and _restore(page, kept, files)):
            looked = _Lookups(files)
            Page.render(page, config, looked)    # type: ignore[arg-type]   # Files, as far as render reads it
            kept = _made(page, looked.seen)
            self.made += 1
        page.edition_key = key_of("html", key, key_text(kept["lookups"]))
        self.used[key] = kept

    def html_key(self, page, nav) -> str | None:
        key = getattr(page, "edition_key", None)
        return key and key_of(key, self.nav_key(nav))

    def text(self, key: str) -> str | None:
        """The text kept for `key` (a page's HTML, a trimmed stylesheet), if any."""
        kept = self.kept.get(key)
        if not isinstance(kept, str):
            return None
        self.used[key] = kept
        return kept

    def keep_text(self, key: str, text: str) -> None:
        if key not in self.kept:
            self.made += 1
        self.used[key] = text

    def save(self) -> None:
        """The pages this build used, written whole, if any was made or any kept one went unused."""
        if self.made or set(self.used) != set(self.kept):
            try:
                write_whole(self.path, {"key": self.key, "pages": self.used})
            except UnicodeEncodeError:     # a lone surrogate from a damaged store: the next build makes it
                pass


class _Lookups:
    """The site's files as MkDocs' `Page.render` reads them, every file looked up recorded (`seen`)."""

    def __init__(self, files):
        self.files, self.seen = files, {}

    def get_file_from_path(self, path: str):
        found = self.files.get_file_from_path(path)
        self.seen[path] = _seen(found)
        return found

    def __getattr__(self, name: str):
        return getattr(self.files, name)


def _seen(file) -> list[str] | None:
    """What a page's HTML takes from a file it links to: its address and whether it is in the site."""
    return None if file is None else [file.src_uri, file.url, file.inclusion.name]


def _made(page, lookups: dict) -> dict:
    def tokens(items) -> list:
        return [{"level": a.level, "id": a.id, "name": a.title, "children": tokens(a.children)} for a in items]
    links = page.links_to_anchors
    return {"content": page.content, "toc": tokens(page.toc), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()), "lookups": lookups,
            "links": None if links is None else {f.src_uri: dict(a) for f, a in links.items()}}


def _strings(pair: tuple) -> bool:
    return all(isinstance(item, str) for item in pair)


def _tokens(tokens) -> bool:
    """Whether `tokens` is a table of contents as `_made` keeps it."""
    return isinstance(tokens, list) and all(
        isinstance(t, dict) and type(t.get("level")) is int and isinstance(t.get("id"), str)
        and isinstance(t.get("name"), str) and _tokens(t.get("children")) for t in tokens)


def _restore(page, kept: dict, files) -> bool:
    """`page` given what `_made` kept, or False (nothing changed) when `kept` is not such a value."""
    from mkdocs.structure.toc import get_toc
    try:
        content, title, anchors, links = kept["content"], kept["title"], kept["anchors"], kept["links"]
        if not (isinstance(content, str) and (title is None or isinstance(title, str))
                and all(isinstance(a, str) for a in anchors) and _tokens(kept["toc"])
                and (links is None or all(isinstance(a, dict) and all(map(_strings, a.items()))
                                          for a in links.values()))):
            return False
        toc = get_toc(kept["toc"])
        if any(_seen(files.get_file_from_path(path)) != seen for path, seen in kept["lookups"].items()):
            return False
        to_files = None if links is None else {files.get_file_from_path(uri): dict(a) for uri, a in links.items()}
        if to_files is not None and None in to_files:
            return False
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
        return False
    page.content, page.toc, page._title_from_render = content, toc, title
    page.present_anchor_ids = set(anchors)
    if to_files is not None:
        page.links_to_anchors = to_files
    return True


def attach(config, settings: dict) -> PageStore | None:
    """A store for the site `config` describes (kept as `config.edition_store`), or None when it is
    not to be kept: no `extra.edition_kept`, or a plugin, hook or theme whose pages may depend on more."""
    import os

    from edition.site.mkdocs_build import HOOK
    path = (config.get("extra") or {}).get("edition_kept")
    plugins = set(config.plugins) - {HOOK}
    if not path or not plugins <= _PLUGINS or config.theme.name != "material":
        return None
    store = PageStore(Path(path), settings_key(settings, config.theme.get("custom_dir") or "",
                                               os.environ.get("SOURCE_DATE_EPOCH", "")))
    config.edition_store = store
    return store


def store_of(config) -> PageStore | None:
    """The site's store, once the plugins' `on_config` have added their Markdown extensions: None
    when one of them may read more than the page (`_known_extension`)."""
    store = getattr(config, "edition_store", None)
    if store is not None and store.usable is None:
        store.usable = all(map(_known_extension, config.markdown_extensions))
    return store if store is not None and store.usable else None


def watch(page, config) -> None:
    """Before MkDocs reads `page`: its Markdown is made by the store when the site has one."""
    store = store_of(config)
    if store is not None:
        page.render = functools.partial(store.render, page)


def before_template(page, config, nav) -> None:
    store = store_of(config)
    key = store.html_key(page, nav) if store is not None else None
    page.edition_html = (store, key) if key else None


def kept_html(page) -> str | None:
    """The finished HTML of `page` the store holds, if it holds it (`page.edition_kept` then)."""
    if page is None:
        return None
    store, key = getattr(page, "edition_html", None) or (None, None)
    html = store.text(key) if store is not None else None
    page.edition_kept = html is not None
    return html


def finished(page, html: str) -> None:
    store, key = getattr(page, "edition_html", None) or (None, None)
    if store is not None:
        store.keep_text(key, html)


class KeptTemplate(jinja2.Template):
    """A theme template that gives a page the HTML the store holds for it instead of rendering it."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        html = kept_html(context.get("page")) if "page" in context else None
        return html if html is not None else super().render(*args, **kwargs)
