"""Read editor-owned YAML files keeping line numbers, and check them against a small schema.

`read_yaml` returns plain dicts and lists that also know their line (`.line`) and the line of each
key (`.key_lines`). `check` validates a mapping against a `Schema`, collecting every problem with
`file:line` and a did-you-mean for unknown keys (MkDocs' config validation is the model).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems, fail


_SCALARS = yaml.constructor.SafeConstructor()  # turns a scalar node into its Python value


class YamlMap(dict):
    line: int = 0
    key_lines: dict


class YamlList(list):
    line: int = 0


def _build(node: yaml.Node) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = YamlMap()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _build(key_node)
            result[key] = _build(value_node)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        result = YamlList(_build(item) for item in node.value)
        result.line = line
        return result
    return _SCALARS.construct_object(node)


def read_yaml(path: Path, shown: str) -> Any:
    """Parse `path`; a syntax error becomes an EditionError naming `shown` and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(shown, "file not found") from None
    except UnicodeDecodeError as error:
        raise fail(shown, f"not UTF-8 (byte {error.start})") from None
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{shown}:{mark.line + 1}" if mark else shown
        raise fail(where, f"broken YAML: {error.problem}") from None
    return _build(node) if node is not None else None


@dataclass(frozen=True)
class Schema:
    """Required and optional keys of a mapping, each with the Python type(s) its value takes."""

    required: dict[str, type | tuple[type, ...]]
    optional: dict[str, type | tuple[type, ...]] = field(default_factory=dict)


def check(value: Any, schema: Schema, shown: str, problems: Problems, what: str) -> bool:
    """Add a problem for every missing, unknown or mistyped key. True when `value` is usable."""
    if not isinstance(value, dict):
        problems.add(f"{shown}:{getattr(value, 'line', 1)}", f"{what} must be a mapping")
        return False
    allowed = {**schema.required, **schema.optional}
    line_of = getattr(value, "key_lines", {})
    ok = True
    for key in value:
        if key not in allowed:
            guess = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"; did you mean '{guess[0]}'?" if guess else f"; allowed: {', '.join(allowed)}"
            problems.add(f"{shown}:{line_of.get(key, value.line)}", f"unknown key '{key}' in {what}{hint}")
            ok = False
        elif value[key] is not None and not isinstance(value[key], allowed[key]):
            expected = allowed[key]
            names = "/".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            problems.add(f"{shown}:{line_of[key]}", f"'{key}' in {what} must be {names}")
            ok = False
    for key in schema.required:
        if key not in value:
            problems.add(f"{shown}:{value.line}", f"{what} lacks required key '{key}'")
            ok = False
    return ok
