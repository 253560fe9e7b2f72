"""The interface strings (`templates/strings.yml`) and the page templates' Jinja environment.

In: the templates folder. Out: the words of each script (`load_strings(templates)[script]`), read
once a process while the file is unchanged; the environment every page template renders in, whose
`finalize` prints every value as text unless the build made it as `Markup` (`escape.finalize`);
and the autoescaping environment of the few templates that write HTML files (`html_environment`).
"""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2
import yaml

from edition.site.escape import finalize


@functools.lru_cache(maxsize=None)
def environment(templates: Path) -> jinja2.Environment:
    """The page templates write Markdown with raw HTML in it. Every value they print is text
    (edition/text.py: escaped for HTML and Markdown alike) unless the build made it as HTML, which
    is `Markup`: a string from sources/ can never become markup, whatever template prints it."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates / "pages"), autoescape=False,
                              keep_trailing_newline=True, undefined=jinja2.StrictUndefined, finalize=finalize)


@functools.lru_cache(maxsize=None)
def html_environment(templates: Path) -> jinja2.Environment:
    """The environment of the templates that write HTML files themselves (the root page and the
    site's root 404 page, the downloads page): Jinja's autoescaping, compiled once a process."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates / "pages"), autoescape=True)


def load_strings(templates: Path) -> dict:
    """The interface words of both scripts (read once a process: every stage asks for them)."""
    return _strings(templates, (templates / "strings.yml").stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _strings(templates: Path, _mtime: int) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)     # libyaml: ten times the pure-Python parser
    return yaml.load((templates / "strings.yml").read_text(encoding="utf-8"), Loader=loader)
