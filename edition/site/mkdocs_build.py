"""Stage 10b, site: generated docs -> `site/<script>/` with MkDocs and Material for MkDocs.

In: the docs folder of each script and the project's `mkdocs.yml`. Out: the built sites. Each
script's configuration is the editor's `mkdocs.yml` loaded by MkDocs itself (`load_config`), with
the keys the edition owns given as overrides: the script's docs and site folders, language,
navigation and switch, and the edition's own plugin options and hook *added* to the editor's
`plugins:` and `hooks:` (MkDocs' INHERIT would replace those lists). Plugins get their whole
lifecycle (`on_startup` … `on_shutdown`), as under `mkdocs build`. Builds go through MkDocs'
Python API, so Material's end-of-life banner (it checks whether the `mkdocs` command is running)
never prints; any MkDocs warning fails the build.

Templates and theme overrides ship inside the package (`TEMPLATES`), so an installed
`build-edition` works in any edition folder that has `sources/` and `mkdocs.yml`.
"""
from __future__ import annotations

import datetime
import io
import logging
import re
from pathlib import Path

from edition.core.errors import Problem, Problems
from edition.core.scripts import LANG, OPENCC_CONFIGS
from edition.sources.site_address import read_mkdocs_yml

PACKAGE = Path(__file__).resolve().parents[1]
# In a source checkout the templates stand beside the package; an installed wheel carries them inside.
TEMPLATES = next((p for p in (PACKAGE / "templates", PACKAGE.parent / "templates") if (p / "pages").is_dir()),
                 PACKAGE.parent / "templates")
HOOK = str(Path(__file__).resolve().parent / "hooks.py")


def warm(pages: bool = True) -> None:
    """Import MkDocs and the theme's plugin (which imports jieba) and, when pages are to be made,
    OpenCC's converters and the page templates, once, in the process that forks the script workers
    (a build's, or serve's for all its rebuilds), so neither worker does it again."""
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401
    if not pages:
        return

    from edition.site.strings import environment, load_strings
    from edition.text.conversion import opencc_of
    for config in OPENCC_CONFIGS.values():
        opencc_of(config)
    load_strings(TEMPLATES)
    for template in environment(TEMPLATES).list_templates(extensions=["j2"]):   # compiled once, not per worker
        environment(TEMPLATES).get_template(template)


def script_config(script: str, other: dict, site_name: str, docs: Path, site: Path, nav: list, site_url: str,
                  work: Path, extra: dict) -> dict:
    """The settings one script's site takes over the editor's mkdocs.yml."""
    return {
        "site_name": site_name,
        "site_url": f"{site_url}{script}/" if site_url else "",   # none: never the editor's placeholder
        # Material includes partials/alternate.html (our script switch) only when alternates exist.
        "extra": {**extra, "other_script": other, **work_settings(script, work),
                  "alternate": [{"name": other["title"], "link": f"/{other['prefix']}/", "lang": other["lang"]}]},
        "nav": nav,
        "not_in_nav": "/glossary/*.md\n",   # entry pages are reached from the index and the texts
    } | place_settings(script, docs, site)


def work_settings(script: str, work: Path) -> dict:
    """Where a script's MkDocs keeps what the next build reuses, in the build's work folder `work`:
    the theme's compiled templates (`jinja/`, edition/site/hooks.py) and the pages it made
    (`pages/<script>.json`, edition/site/kept_pages.py)."""
    return {"edition_cache": str(work / "jinja"), "edition_kept": str(work / "pages" / f"{script}.json")}


# The settings that are data the pages were made with (kept with a script job's files, build.py);
# every other setting is the build's own (`place_settings`), never read back from a kept file.
DATA_SETTINGS = frozenset({"site_name", "site_url", "extra", "nav", "not_in_nav"})


def place_settings(script: str, docs: Path, site: Path) -> dict:
    """Where a script's site is built from and to, and the code MkDocs runs for it: the theme's
    folder, the plugins, the hooks. Made by the build every time: a kept job hands over only
    `DATA_SETTINGS` (and the build sets `work_settings`, where what MkDocs keeps is), so a file
    in build/cache/ can name no code to run."""
    return {
        "docs_dir": str(docs), "site_dir": str(site),
        "theme": {"language": LANG[script], "custom_dir": str(TEMPLATES / "overrides")},
        # Material shows its search box only with its search plugin; the edition's own index replaces
        # the plugin's (edition/search.py), so the plugin indexes as cheaply as it can (no jieba).
        "plugins": [{"search": {"lang": ["en"]}}],
        "hooks": [HOOK],
    }


def merged_config(mkdocs_yml: Path, ours: dict) -> dict:
    """`ours` merged into the editor's file: mappings key by key, plugins and hooks appended."""
    from mkdocs.utils.yaml import yaml_load
    with open(mkdocs_yml, encoding="utf-8") as file:
        theirs = yaml_load(file) or {}
    merged = {key: value for key, value in ours.items() if value is not None}
    for key in ("theme", "extra"):
        section = theirs.get(key)
        base = section if isinstance(section, dict) else {}
        merged[key] = {**base, **ours[key]}
    merged["plugins"] = _plugins(theirs.get("plugins"), ours["plugins"])
    their_hooks = theirs.get("hooks") or []
    merged["hooks"] = list(their_hooks) + [h for h in ours["hooks"] if h not in their_hooks]
    return merged


def _plugins(theirs, ours: list) -> list:
    """The editor's plugins (MkDocs' default `search` when none are listed) with our options added."""
    listed = ["search"] if theirs is None else (list(theirs) if isinstance(theirs, list)
                                                 else [{name: options} for name, options in theirs.items()])
    options = {name: value for item in ours for name, value in item.items()}
    result = []
    for item in listed:
        name, value = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        result.append({name: {**(value or {}), **options.pop(name, {})}} if name in options else item)
    return result + [{name: value} for name, value in options.items()]


def build_one(mkdocs_yml: Path, overrides: dict, keep: bool = True) -> list[str]:
    """Build one site; return every warning MkDocs logged (the build is strict, so it aborts on one).
    The pages it made are kept for the next build (edition/site/kept_pages.py) unless not to `keep`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from edition.site import kept_pages
    from edition.site.hooks import themed

    stream = io.StringIO()
    store = None
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        settings = merged_config(mkdocs_yml, overrides)
        config = themed(load_config(config_file=str(mkdocs_yml), **settings))   # before any plugin's on_config
        store = kept_pages.attach(config, settings)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        return [line for line in stream.getvalue().splitlines() if line] + [str(error)]
    finally:
        logger.removeHandler(handler)
    warnings = [line for line in stream.getvalue().splitlines() if line]
    if store is not None and keep and not warnings:
        store.save()        # a page that warned is made again next time, and warns again
    return warnings


def build_sites(project: Path, overrides: list[dict], keep: bool = True) -> list[Problem]:
    """Build one site per set of `overrides`, one after the other; every warning becomes a problem.
    A `check` builds without keeping its pages (`keep`): what it made is thrown away."""
    mkdocs_yml = project / "mkdocs.yml"
    if not mkdocs_yml.is_file():
        return [Problem("mkdocs.yml", f"not found in {project}: the site's configuration lives there")]
    vetted = Problems()           # MkDocs' loader is unsafe: it reads only a file read safely first
    config = read_mkdocs_yml(project, vetted)
    if config is None:
        return vetted.items or [Problem("mkdocs.yml", "is empty")]
    return [Problem(where(config, warning), warning) for each in overrides
            for warning in build_one(mkdocs_yml, each, keep)]


CONFIG_VALUE = re.compile(r"Config value '([^']+)'")


def where(config: dict, warning: str) -> str:
    """`mkdocs.yml:line` of the setting a MkDocs warning names ("Config value 'markdown_extensions':
    …"): in a list, the item the warning quotes by name, else the first item that is neither a
    name nor a one-key mapping of a name to its options (the shape MkDocs takes for extensions,
    plugins, scripts and styles), else the key's line; `mkdocs.yml` alone when the warning names no
    setting of the file.

    >>> from edition.sources.yamlfile import YamlList, YamlMap
    >>> items = YamlList(["toc", True, "foo"]); items.item_lines = [3, 4, 5]
    >>> config = YamlMap(markdown_extensions=items); config.key_lines = {"markdown_extensions": 2}
    >>> [where(config, w) for w in ("Config value 'markdown_extensions': Invalid Markdown Extensions configuration",
    ...                             "Config value 'markdown_extensions': Failed to load extension 'foo'.",
    ...                             "Config value 'theme': Unrecognised theme name", "Aborted with 1 error")]
    ['mkdocs.yml:4', 'mkdocs.yml:5', 'mkdocs.yml', 'mkdocs.yml']
    """
    named = CONFIG_VALUE.search(warning)
    lines = getattr(config, "key_lines", {})
    if not named or named.group(1) not in lines:
        return "mkdocs.yml"
    value = config[named.group(1)]
    items = list(zip(value, getattr(value, "item_lines", ()), strict=False)) if isinstance(value, list) else []
    quoted = set(re.findall(r"'([^']+)'", warning[named.end():]))
    for item, line in items:
        if (item if isinstance(item, str) else next(iter(item), None) if isinstance(item, dict) else None) in quoted:
            return f"mkdocs.yml:{line}"
    for item, line in items:
        if not isinstance(item, str) and not (isinstance(item, dict) and len(item) == 1
                                                and isinstance(next(iter(item)), str)):
            return f"mkdocs.yml:{line}"
    return f"mkdocs.yml:{lines[named.group(1)]}"


def source_date_epoch(versions: tuple[dict, ...]) -> str:
    """The edition's date (the newest in its history) as seconds since 1970, at midnight UTC: MkDocs
    dates the sitemap by SOURCE_DATE_EPOCH, else by the clock."""
    day = datetime.date.fromisoformat(versions[0]["date"]) if versions else datetime.date(1970, 1, 1)
    return str(int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc).timestamp()))
