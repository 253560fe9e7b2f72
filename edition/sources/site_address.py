"""The hosted address of the edition: `site_url` of the project's `mkdocs.yml`, read and judged.

In: the project folder. Out: the address citations, exports and canonical links carry ('' when none
is set), and a warning when the configured one is a placeholder that must not be published.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from edition.core.errors import EditionError, Problems, fail
from edition.core.paths import inside
from edition.sources.yamlfile import MKDOCS_TAGS, YamlMap, read_yaml

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
    config = read_mkdocs_yml(project, problems)
    if config is None:
        return ""
    url = config.get("site_url") or ""
    if not isinstance(url, str) or not re.fullmatch(r"https?://[^\s\"'<>]+", url or "http://x"):
        problems.add(f"mkdocs.yml:{config.key_lines.get('site_url', 1)}",
                     "site_url must be an http(s) address such as https://example.edu/edition/")
        return ""
    return url


MAX_INHERIT = 8      # files in one INHERIT chain


def _vet_inherited(project: Path, path: Path, shown: str, config) -> None:
    """Every file of the INHERIT chain that starts at `path` (MkDocs reads each with its unsafe loader,
    resolving INHERIT from the folder of the file that names it): each INHERIT a plain file name (no
    `!ENV`, which MkDocs would resolve to a file this check never saw) inside the project, the chain
    without a loop and at most MAX_INHERIT long, each file refusing Python tags as mkdocs.yml does."""
    seen = {path.resolve()}
    while isinstance(config, dict) and "INHERIT" in config:
        line = getattr(config, "key_lines", {}).get("INHERIT", 1)
        parent = config["INHERIT"]
        node = _inherit_node(path)
        if not isinstance(parent, str) or node is None or node.tag != "tag:yaml.org,2002:str" or not parent.strip():
            raise fail(f"{shown}:{line}", "INHERIT must be the plain name of a YAML file in the project (no tag such "
                       "as !ENV, no list)")
        try:
            target = inside(project, *path.parent.relative_to(project).parts, parent)
        except EditionError:
            raise fail(f"{shown}:{line}", f"INHERIT names {parent!r}, outside the project or through a link; "
                       "the settings are the project's own files") from None
        if target.resolve() in seen or len(seen) >= MAX_INHERIT:
            raise fail(f"{shown}:{line}", f"INHERIT makes a loop or a chain of more than {MAX_INHERIT} files")
        if not target.is_file():
            raise fail(f"{shown}:{line}", f"INHERIT names {parent!r}, which is not a file in the project")
        seen.add(target.resolve())
        path, shown = target, target.relative_to(project).as_posix()
        config = read_yaml(path, shown, MKDOCS_TAGS)


def _inherit_node(path: Path):
    """The INHERIT value's node in `path`, as written (composed, nothing constructed), or None."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return None
    return next((value for key, value in root.value if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT"),
                None)


def read_mkdocs_yml(project: Path, problems: Problems) -> YamlMap | None:
    """The project's mkdocs.yml read as plain data, with the file it INHERITs from, before MkDocs
    reads them: MkDocs' own loader would run a `!!python/...` tag. None (problems added) when
    either is unusable; None without a problem when there is no mkdocs.yml."""
    path, shown = project / "mkdocs.yml", "mkdocs.yml"
    if not path.exists() and not path.is_symlink():
        return None
    try:
        config = read_yaml(path, shown, MKDOCS_TAGS)
        if config is not None and not isinstance(config, dict):
            problems.add(shown, "must be a mapping of settings (site_name: …)")
            return None
        if not config:
            config = YamlMap()
            config.line, config.key_lines = 1, {}
        _vet_inherited(project, path, shown, config)
        return config
    except EditionError as error:
        problems.items.extend(error.problems)
        return None
