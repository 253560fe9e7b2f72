"""Paths that stay where they belong: the edition never follows a symbolic link it did not create.

`sources/`, `build/` and `site/` are the edition's own folders; a link anywhere in them could make a
read echo a file from elsewhere or a write (a delete) land outside the project. `links_in` finds
every link below a folder (without following any) so that the build refuses them before it writes
anything; `inside` is the second guard, at each path built from a source value: the path must stay
below its base by real path, and no component between the base and the file may be a link.
"""
from __future__ import annotations

import os
from pathlib import Path

from edition.core.errors import fail


def links_in(folder: Path, shown: str) -> list[str]:
    """Every symbolic link at or below `folder`, as `shown/relative/path` (the folder itself
    included; a folder that is not there has none). Links are listed, never followed."""
    if folder.is_symlink():
        return [shown]
    found = []
    for top, folders, files in os.walk(folder):      # os.walk never descends through a link
        for name in sorted(folders + files):
            path = Path(top, name)
            if path.is_symlink():
                found.append(f"{shown}/{path.relative_to(folder).as_posix()}")
    return found


def link_on_the_way(base: Path, path: Path) -> Path | None:
    """The first component from `base` (itself included) down to `path` that is a symbolic link."""
    current = base
    if current.is_symlink():
        return current
    for part in path.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def inside(base: Path, *parts: str) -> Path:
    """`base/parts…`, refusing any path that would leave `base` (a '..' or absolute part, or a
    symbolic link on the way)."""
    path = Path(os.path.normpath(base.joinpath(*parts)))
    if not path.is_relative_to(base) or not path.resolve().is_relative_to(base.resolve()):
        raise fail("", f"refusing to write {'/'.join(parts)!r} outside {base}")
    link = link_on_the_way(base, path)
    if link is not None:
        raise fail(str(link), "is a symbolic link; the edition never writes through one: replace it with a "
                   "real folder or file")
    return path
