"""Stage 10b, site: generated docs -> `site/<script>/` with MkDocs and Material for MkDocs.

In: the docs folder of each script and the shared `mkdocs.yml`. Out: one MkDocs config per script
(`build/mkdocs/<script>.yml`) and the built sites. The build runs each script's share (conversion,
pages, MkDocs) in a process of its own, so the two scripts' builds run in parallel on 2 cores. Builds go through MkDocs' Python API, so Material's end-of-life banner (it
checks whether the `mkdocs` command is running) never prints; any MkDocs warning fails the build.
"""
from __future__ import annotations

import copy
import io
import logging
from pathlib import Path

import yaml

from .errors import Problem

# Material's recommended separator for Chinese: jieba's segments are joined by zero-width spaces.
SEARCH_SEPARATOR = r'[\s\u200b\-_,:!=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])'


def merge(base: dict, extra: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def write_config(project: Path, script: str, other: dict, site_name: str, docs: Path, site: Path,
                 jieba_dict: Path, nav: list, out: Path, base_url: str = "", extra: dict | None = None) -> Path:
    """Write the MkDocs config of one script, derived from the project's mkdocs.yml.

    `base_url` is the site address to use ('' when none is configured or the configured one is a
    placeholder: MkDocs then writes no canonical links); `extra` goes to the theme's `extra`."""
    base = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    base.pop("site_url", None)
    config = merge(base, {
        "site_name": site_name,
        **({"site_url": f"{base_url}{script}/"} if base_url else {}),
        "docs_dir": str(docs), "site_dir": str(site),
        "theme": {"language": "zh-Hant" if script == "hant" else "zh-Hans",
                  "custom_dir": str(project / base["theme"]["custom_dir"])},
        "plugins": [{"search": {"separator": SEARCH_SEPARATOR, "jieba_dict_user": str(jieba_dict)}}],
        "hooks": [str(Path(__file__).with_name("mkdocs_hooks.py"))],
        # Material includes partials/alternate.html (our script switch) only when alternates exist.
        "extra": {**(extra or {}), "other_script": other,
                  "alternate": [{"name": other["title"], "link": f"/{other['prefix']}/", "lang": other["lang"]}]},
        "nav": nav,
        "not_in_nav": "/glossary/*.md\n",   # entry pages are reached from the index and the texts
    })
    path = out / f"{script}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_one(config_file: str) -> list[str]:
    """Build one site; return every warning MkDocs logged (the build is strict, so it aborts on one)."""
    import jieba
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    jieba.setLogLevel(logging.WARNING)  # its start-up chatter is not a warning of ours
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(load_config(config_file=config_file))
    except (Abort, ConfigurationError) as error:
        return [line for line in stream.getvalue().splitlines() if line] + [str(error)]
    finally:
        logger.removeHandler(handler)
    return [line for line in stream.getvalue().splitlines() if line]


def build_sites(config_files: list[Path]) -> list[Problem]:
    """Build the sites of `config_files` one after the other; every warning becomes a problem."""
    return [Problem(path.name, warning) for path in config_files for warning in build_one(str(path))]
