"""Paths that stay where they belong: every file the build writes below a folder goes through `inside`.

Names that reach a path (text ids, chapter slugs, ledger entries) are validated where they are read;
this is the second guard, at the write.
"""
from __future__ import annotations

from pathlib import Path

from edition.core.errors import fail


def inside(base: Path, *parts: str) -> Path:
    """`base/parts…`, refusing any path that would leave `base` (a '..' or absolute part)."""
    path = base.joinpath(*parts).resolve()
    if not path.is_relative_to(base.resolve()):
        raise fail("", f"refusing to write {'/'.join(parts)!r} outside {base}")
    return path
