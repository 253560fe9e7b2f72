"""Work a build stores for the next one, under build/cache/: a value computed from inputs, read back
when the inputs are the same. Invalidated by content, never by time: each file holds the key of
what it was computed from (the caller's hash of every input, its own code included), and a file
whose key differs, or that cannot be read, is computed again and replaced. A file is written
aside and renamed, so two jobs or a killed build never leave half of one."""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from edition.core.encode import json_data


def key_of(*parts: str | bytes | Iterable[str | bytes]) -> str:
    """A hash of the parts, each length-prefixed so no two lists of parts share one.

    >>> key_of("ab", "c") != key_of("a", "bc"), key_of(["a", "b"]) == key_of(["a", "b"])
    (True, True)
    """
    digest = hashlib.sha256()
    for part in parts:
        items = [part] if isinstance(part, str | bytes) else list(part)
        for item in items:
            data = item if isinstance(item, bytes) else item.encode("utf-8", "surrogatepass")
            digest.update(b"%d:" % len(data) + data)
        digest.update(b";")
    return digest.hexdigest()


def code_of(*modules: str) -> str:
    """A hash of these source files' bytes (a module's code is an input of what it computes)."""
    return key_of(*(Path(module).read_bytes() for module in modules))


def stored(folder: Path | None, name: str, key: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, or the value stored as `name` in `folder` for the same `key` (JSON values only:
    what comes back is what JSON gives back). Without a folder, always computed."""
    if folder is None:
        return compute()
    path = folder / f"{name}.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(kept, dict) and kept.get("key") == key and "value" in kept:
            return kept["value"]
    except (OSError, ValueError, RecursionError):   # a damaged file: computed again
        pass
    value = compute()
    write_whole(path, {"key": key, "value": value})
    return value


def write_whole(path: Path, value: Any) -> None:
    """`value` as JSON in `path`, whole or not at all: written aside, then renamed over it."""
    _write_aside(path, json_data(value).encode("utf-8"))


def _write_aside(path: Path, data: bytes) -> None:
    """`data` in `path`, written aside and renamed over it: whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = path.parent / f".{path.name}.{os.getpid()}.tmp"
    aside.write_bytes(data)
    os.replace(aside, path)


def stored_objects(folder: Path | None, name: str, key: str, compute: Callable[[], Any],
                   classes: Iterable[type], write: bool = True, shape: tuple[type, ...] | None = None) -> Any:
    """`compute()`, or the value pickled as `name` in `folder` for the same `key`: for values JSON
    cannot hold (the pipeline's frozen objects). Read back by an unpickler that makes no object but
    those of `classes` and the built-in containers, strings and numbers, so a file put into the
    folder by someone else runs no code (Python's pickle documentation, "Restricting Globals");
    a file that tries, that changes one of those classes (pickle's BUILD can set a class's
    attributes), that is damaged, or whose value is not a tuple of the types of `shape`, is computed
    again (and the classes are put back as they were). Without `write`, only read."""
    if folder is None:
        return compute()
    path = folder / f"{name}.pickle"
    allowed = {(c.__module__, c.__qualname__): c for c in classes}
    before = {c: dict(vars(c)) for c in allowed.values()}
    try:
        head, _, body = path.read_bytes().partition(b"\n")
        if head == key.encode("ascii"):
            value = _Unpickler(io.BytesIO(body), allowed).load()
            if all(dict(vars(c)) == kept for c, kept in before.items()) and _fits(value, shape):
                return value
    except Exception:    # damaged, foreign or hostile: computed again  # noqa: BLE001
        pass
    finally:
        for cls, kept in before.items():     # a file that set a class's attributes: undone
            _restore(cls, kept)
    value = compute()
    if write:
        _write_aside(path, key.encode("ascii") + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _fits(value: Any, shape: tuple[type, ...] | None) -> bool:
    return shape is None or (type(value) is tuple and len(value) == len(shape)
                             and all(isinstance(part, kind) for part, kind in zip(value, shape, strict=True)))


def _restore(cls: type, kept: dict) -> None:
    for name in set(vars(cls)) - set(kept):
        delattr(cls, name)
    for name, attribute in kept.items():
        if vars(cls).get(name, object()) is not attribute and name not in ("__dict__", "__weakref__"):
            setattr(cls, name, attribute)


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, allowed: dict[tuple[str, str], type]):
        super().__init__(file)
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self.allowed:
            return self.allowed[(module, name)]
        raise pickle.UnpicklingError(f"{module}.{name} is not a class this store holds")
