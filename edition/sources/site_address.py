"""The hosted address of the edition: `site_url` of the project's `mkdocs.yml`, read and judged.

In: the project folder. Out: the address citations, exports and canonical links carry ('' when none
is set), and a warning when the configured one is a placeholder that must not be published.
"""
from __future__ import annotations

import re
from pathlib import Path

from edition.core.errors import Problems

RESERVED_HOST = re.compile(r"(^|\.)(example\.(org|com|net)|example|invalid|test|localhost)$")


def site_url(configured: str | None) -> tuple[str, str | None]:
    """The configured site address, and a warning when it is a placeholder (a reserved example
    domain serves nobody's site, RFC 2606/6761), which is then not used.

    >>> site_url("https://sino-soviet-1945.example.org/")[0]
    ''
    >>> site_url("https://edition.nccu.edu.tw/sino-soviet/")
    ('https://edition.nccu.edu.tw/sino-soviet/', None)
    """
    if not configured:
        return "", None
    host = re.sub(r"^[a-z]+://([^/:]+).*$", r"\1", configured.strip().lower())
    if RESERVED_HOST.search(host):
        return "", (f"mkdocs.yml: site_url {configured} is a reserved example domain; citations build "
                    "the address in the reader's browser instead. Set the real address or remove site_url.")
    return configured.rstrip("/") + "/", None


def configured_site_url(project: Path, problems: Problems) -> str:
    """The hosted address from the project's mkdocs.yml ('' when none is configured)."""
    from mkdocs.utils.yaml import yaml_load
    path = project / "mkdocs.yml"
    try:
        with open(path, encoding="utf-8") as file:
            config = yaml_load(file) or {}
    except FileNotFoundError:
        return ""
    except Exception as error:   # MkDocs' loader raises several kinds; each is a broken file
        problems.add("mkdocs.yml", f"cannot be read: {error}")
        return ""
    url = config.get("site_url") or ""
    if not isinstance(url, str) or not re.fullmatch(r"https?://[^\s\"'<>]+", url or "http://x"):
        problems.add(f"mkdocs.yml:{_key_line(path, 'site_url')}",
                     "site_url must be an http(s) address such as https://example.edu/edition/")
        return ""
    return url


def _key_line(path: Path, key: str) -> int:
    """The line of a top-level `key:` in a YAML file (1 when it is not written at the top level).

    MkDocs' loader keeps no line numbers; a top-level key starts its line, unindented."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)
