"""MkDocs hook of the edition (added to the `hooks:` of each script's configuration).

- The search plugin stays enabled because Material shows its search box only then, but the site
  uses its own index (edition/site/search.py, templates/assets/search.js): every page is excluded
  from Material's index (which would otherwise segment every page with jieba, seconds per
  build), and the empty index file is removed after the build.
- The pages' finished HTML blocks are stashed before Python-Markdown's HTML parser and MkDocs'
  reader of anchors read them (MkDocs is handed their anchors): edition/site/rawblocks.py,
  output unchanged.
- The theme's Jinja templates are compiled once and kept as bytecode in the build's work folder
  (`extra.edition_cache`): compiling Material's templates is a large share of a rebuild. The build
  sets the theme's environment up (`themed`) before MkDocs runs the plugins' `on_config`, where
  Material's search plugin already renders its language templates; `on_config` does it for a run
  that starts elsewhere.
- A page MkDocs made in the last build from the same inputs is not made again
  (edition/site/kept_pages.py): its Markdown is not converted (`on_pre_page`), its template not
  rendered (`KeptTemplate`). Pages are compacted as they are written (`on_post_page`), so a
  kept page is kept compacted.
- A page's title and `citation_*` tags come from the build (`extra.edition_pages`, by the page's
  path), never from YAML front matter built from source strings (edition/site/pages.py: page_meta).
- Material's stylesheet is trimmed to the rules the built site can use (edition/site/slim.py):
  a phone's first view was over its budget, a third of it Material's stylesheet.
- MkDocs lists every file of the theme's folders on every build to copy the theme's assets, and
  leaves out every name with a part that begins with `.`; Material's `.icons/` holds 14,000 icons,
  walked and matched one by one against MkDocs' patterns (a sixth of MkDocs' time on a small
  site). The theme's loader lists without entering hidden folders (`ThemeLoader`): the same files
  copied, templates found as before.
- The 404 page is served at any depth, so MkDocs gives it absolute links from the path of
  `site_url`, or from `/` when none is set; but each script's site lives below its own prefix
  (`/hant/`), so without this its navigation, stylesheets and scripts would point outside the site.
"""
import hashlib
import os
from collections.abc import Collection
from pathlib import Path

import jinja2

from edition.core.memo import key_of
from edition.site import kept_pages
from edition.site.rawblocks import RawBlocksExtension
from edition.site.slim import compact_css, compact_html, compact_js, properties_named, site_classes, trim


def on_config(config):
    config.markdown_extensions.append(RawBlocksExtension())
    return themed(config)


def themed(config):
    """`config` with its theme's environments made with the loader that lists less (`ThemeLoader`)
    and, given `extra.edition_cache`, Jinja's bytecode kept in that folder (`KeyedBytecode`).
    Once: a second call changes nothing."""
    theme = config.theme
    make_env = theme.get_env
    if getattr(make_env, "edition_themed", False):
        return config
    cache = (config.get("extra") or {}).get("edition_cache")

    def get_env() -> jinja2.Environment:     # MkDocs' environment otherwise
        env = make_env()
        env.loader = ThemeLoader(theme.dirs)
        env.template_class = kept_pages.KeptTemplate   # a kept page's HTML instead of rendering it
        if cache:
            Path(cache).mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = KeyedBytecode(cache)
        return env
    get_env.edition_themed = True     # type: ignore[attr-defined]
    theme.get_env = get_env
    return config


class KeyedBytecode(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode in a folder, each template's kept under a key of its name and file (Jinja's
    own) and of what its compiled code depends on besides its source, which Jinja checks itself:
    Jinja's version, and the environment's extensions, filters and tests as they are when the
    template is loaded (a filter's calling convention is compiled in). So an environment that a
    plugin gave another filter, or another version of Jinja, compiles afresh, never reads
    another's code."""

    def get_bucket(self, environment, name, filename, source):
        return super().get_bucket(environment, name, f"{filename}|{_compiled_with(environment)}", source)


# The settings of an environment that its parser and code generator read.
_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
           "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
           "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized")


def _compiled_with(env: jinja2.Environment) -> str:
    def calls(functions: dict) -> list:      # each filter's or test's name and how it is called
        return sorted((name, str(getattr(f, "jinja_pass_arg", ""))) for name, f in functions.items())
    facts = (jinja2.__version__, sorted(env.extensions), [getattr(env, name) for name in _SYNTAX],
             bool(env.finalize), str(getattr(env.finalize, "jinja_pass_arg", "")),
             env.autoescape if isinstance(env.autoescape, bool) else "chosen by name",
             calls(env.filters), calls(env.tests))
    return hashlib.sha1(repr(facts).encode("utf-8")).hexdigest()


class ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's loader of files over the theme's folders, whose listing leaves out every hidden file
    and folder (a part of the name that begins with `.`), without walking into them: MkDocs lists
    the theme's files only to copy its assets (`Files.add_files_from_theme`), and its own filter
    drops every such name (patterns `.*` and `*/.*`). Loading a template by name is Jinja's own, so
    `.icons/…` is still found where the theme includes an icon."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in map(str, self.searchpath):
            for path, folders, names in os.walk(folder, followlinks=self.followlinks):
                folders[:] = sorted(name for name in folders if not name.startswith("."))
                found.update(os.path.relpath(os.path.join(path, name), folder).replace(os.sep, "/")
                             for name in names if not name.startswith("."))
        return sorted(found)


def on_template_context(context, template_name, config):
    if template_name == "404.html":   # the script's root, absolute: /hant/ (or /<site path>/hant/)
        context["base_url"] = config["extra"]["other_script"]["words"]["root"].rstrip("/")
    return context


def on_pre_page(page, config, files):
    kept_pages.watch(page, config)      # its Markdown made as the last build made it, if unchanged
    return page


def on_page_context(context, page, config, nav):
    kept_pages.before_template(page, config, nav)
    return context


def on_post_page(output, page, config):
    """The page compacted as it is written (a kept page was kept compacted)."""
    config.edition_compacted = getattr(config, "edition_compacted", set()) | {page.file.abs_dest_path}
    if getattr(page, "edition_kept", False):
        return output
    output = compact_html(output)
    kept_pages.finished(page, output)
    return output


def on_page_markdown(markdown, page, config, files):
    page.meta.update((config.get("extra") or {}).get("edition_pages", {}).get(page.file.src_uri, {}))
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_post_build(config, **kwargs):
    site = Path(config["site_dir"])
    (site / "search" / "search_index.json").unlink(missing_ok=True)
    # Every build writes a fresh site (serve too: it builds whole and swaps), so every file is
    # trimmed and compacted: never chosen by file times, which a faked or skewed clock breaks.
    trim_theme_stylesheets(site, store=kept_pages.store_of(config))
    compact(site, done={Path(path) for path in getattr(config, "edition_compacted", ())})


def trim_theme_stylesheets(site: Path, store: kept_pages.PageStore | None = None) -> None:
    """Material's stylesheets without what no page of `site` can use; the source maps go with them
    (they map the untrimmed file). A sheet trimmed before for the same pages, scripts and sheet is
    taken from the `store` (edition/site/kept_pages.py)."""
    sheets = list((site / "assets" / "stylesheets").glob("*.min.css"))
    if not sheets:
        return
    pages = [page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))]
    theme = [script.read_text(encoding="utf-8") for script in sorted((site / "assets" / "javascripts").rglob("*.js"))]
    scripts = [script.read_text(encoding="utf-8") for script in sorted((site / "assets").glob("*.js"))]
    ours = [sheet.read_text(encoding="utf-8") for sheet in sorted((site / "assets").glob("*.css"))]
    used: tuple = ()
    inputs = key_of("trim", pages, theme, scripts, ours) if store else ""
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8").split("/*# sourceMappingURL=")[0]
        key = key_of(inputs, css)
        trimmed = store.text(key) if store else None
        if trimmed is None:
            used = used or (site_classes(pages, theme, scripts), properties_named(pages + theme + scripts + ours))
            trimmed = trim(css, *used)
            if store:
                store.keep_text(key, trimmed)
        sheet.write_text(trimmed, encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)


def compact(site: Path, done: Collection[Path] = ()) -> None:
    """The pages and the edition's own stylesheets and scripts of `site` without source-only
    whitespace and comments, but the pages `done` (compacted as they were written: on_post_page)."""
    for files, compacted in ((site.rglob("*.html"), compact_html), ((site / "assets").glob("*.css"), compact_css),
                             ((site / "assets").glob("*.js"), compact_js)):
        for path in files:
            if path not in done:
                path.write_text(compacted(path.read_text(encoding="utf-8")), encoding="utf-8")
