"""The declared shape of every editor-owned file in `sources/`, as JSON Schema, and its checker.

Each schema says which keys a file's mappings take, of which type, which are required, which
strings must be non-empty or match a pattern (slugs, ids, sha256, Wikidata). `validate` runs one
and turns every error into a `Problem` with `file:line` and a sentence an editor can act on,
including a did-you-mean for a misspelt key (MkDocs' config validation is the model).
A schema's `title` names the thing in messages ("a text"); a `pattern` carries the sentence shown
when it fails as `x-hint`.
"""
from __future__ import annotations

import datetime
import difflib
import re
from typing import Any

import jsonschema

from edition.core.errors import Problems
from edition.core.inputs import CORRECTION_KINDS, SIDES, TYPE_NAMES, WORK_TYPES

TEXT = {"type": "string", "minLength": 1, "maxLength": 4000}
SHORT = {"type": "string", "minLength": 1, "maxLength": 400}
SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*\Z", "maxLength": 60,
        "x-hint": "must be lowercase ASCII letters and digits joined by single hyphens (it is in every URL)"}
TEXT_ID: dict[str, Any] = {**SLUG, "maxLength": 30}
# A file named by edition.yml: a plain relative path below sources/ (no '..', no absolute path).
SOURCE_PATH = {"type": "string", "pattern": r"^(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9_][A-Za-z0-9_./-]*\Z", "maxLength": 200,
               "x-hint": "must be a relative path inside sources/ (letters, digits, '_', '-', '.', '/'; no '..')"}
SHA256 = {"type": "string", "pattern": r"^[0-9a-f]{64}\Z",
          "x-hint": "must be the file's sha256 as 64 lowercase hex digits (sha256sum prints it)"}
DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", "format": "real-date",
        "x-hint": "must be a date that exists, written YYYY-MM-DD"}
PARTIAL_DATE = {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z", "format": "real-date",
                "x-hint": "must be a date that exists, written YYYY-MM-DD, YYYY-MM or YYYY"}
QID = {"type": ["string", "null"], "pattern": r"^Q[1-9][0-9]*\Z", "x-hint": "must be a Wikidata id such as Q16574"}
BOTH_SCRIPTS = {"type": "object", "title": "a pair of script forms", "additionalProperties": False,
                "required": ["hant", "hans"], "properties": {"hant": TEXT, "hans": TEXT}}
FORM = {"type": "string", "minLength": 2, "maxLength": 60}
RELATIONS = ("has_part", "part_of", "led_to", "follows", "replaces", "replaced_by", "produced")


def _mapping(title: str, required: dict, optional: dict | None = None) -> dict:
    return {"type": "object", "title": title, "additionalProperties": False, "required": list(required),
            "properties": {**required, **(optional or {})}}


def _list_of(item: dict) -> dict:
    return {"type": "array", "items": item}


CHAPTER = _mapping("a chapter", {"slug": SLUG, "label": SHORT})
YEAR = {"type": "integer", "minimum": 1, "maximum": 2200}
# The shape of every metadata key a work type may take (core.inputs.WORK_TYPES says which type takes which).
METADATA_KEYS: dict[str, dict[str, Any]] = {
    "degree": SHORT, "institution": SHORT, "place": SHORT, "language": SHORT, "note": TEXT, "year": YEAR,
    "journal": SHORT, "book": SHORT, "encyclopedia": SHORT, "site": SHORT, "editor": SHORT, "publisher": SHORT,
    "edition": SHORT, "author_affiliation": SHORT, "archive": SHORT, "archive_location": SHORT, "authority": SHORT,
    "parties": SHORT,
    "volume": {"type": ["integer", "string"], "minimum": 1, "minLength": 1, "maxLength": 40},
    "issue": {"type": "integer", "minimum": 1}, "number": {"type": ["integer", "string"], "minLength": 1,
                                                           "maxLength": 60},
    "pages": {"type": ["string", "null"], "pattern": r"^[0-9]+(-[0-9]+)?\Z",
              "x-hint": "must be the page range the work has in what prints it, such as 79-95"},
    "date": PARTIAL_DATE, "accessed": DATE,
    "url": {"type": "string", "pattern": r"^https?://\S+\Z", "maxLength": 400, "x-hint": "must be an http(s) URL"},
}


def _metadata_of(kind) -> dict:
    """The metadata mapping of one work type: `type` names it (or an alias), its keys as declared."""
    return _mapping(f"the metadata of a work of type {kind.name!r}",
                    {"type": {"enum": [kind.name, *kind.aliases]}, **{k: METADATA_KEYS[k] for k in kind.required}},
                    {k: METADATA_KEYS[k] for k in kind.optional})


# The type is checked first, against every known name; then the branch of the type that was named.
METADATA = {"type": "object", "title": "the metadata", "required": ["type"],
            "properties": {"type": {"enum": list(TYPE_NAMES)}},
            "allOf": [{"if": {"required": ["type"], "properties": {"type": {"enum": [kind.name, *kind.aliases]}}},
                       "then": _metadata_of(kind)} for kind in WORK_TYPES.values()]}
# A text's layout profile (edition.core.inputs.LayoutProfile): every key optional, detected when left out.
LAYOUT = _mapping("the layout profile", {}, {
    "pages": {"enum": ["blank-lines", "form-feed", "furniture"]},
    "furniture": _list_of(SHORT), "headings": _list_of(SHORT),
    "paragraphs": {"enum": ["trailing-space", "lines"]},
    "page_numbers": {"enum": ["plain", "dots", "dashes", "chinese"]}})
# How a citation gives what the print does not: a year the editors estimate (GB/T 7714-2015 and
# Chicago write it [2005?]) with the evidence it rests on, and an English translation of the title.
CITATION = _mapping("a text's citation", {}, {
    "year": _mapping("an estimated year", {"estimate": {"type": "integer", "minimum": 1800, "maximum": 2200},
                                           "evidence": BOTH_SCRIPTS}),
    "translation": SHORT, "printed_notes": {"enum": ["digits", "circled"]}})
# Chicago's romanization: characters (either script) -> the reading, where pypinyin's is wrong.
ROMANIZATION = {"type": "object", "title": "the romanization", "additionalProperties": SHORT}
TEXT_ENTRY = _mapping(
    "a text",
    {"id": TEXT_ID, "file": SOURCE_PATH, "sha256": SHA256, "script": {"enum": ["hant", "hans"]},
     "notes": {"enum": ["global", "per-page"]}, "title": SHORT,
     "metadata": METADATA,
     "chapters": {**_list_of(CHAPTER), "minItems": 1}},
    {"title_supplied_by_editor": {"type": "boolean"}, "author": {"type": ["string", "null"], "minLength": 1,
                                                                 "maxLength": 200},
     "tables": _list_of(SOURCE_PATH), "first_printed_page": {"type": "integer", "minimum": 1},
     "watermark": SHORT, "rights": BOTH_SCRIPTS, "layout": LAYOUT, "citation": CITATION,
     "renamed_from": TEXT_ID})
EDITOR = _mapping("an editor", {"name": SHORT, "role": BOTH_SCRIPTS})
EDITION = _mapping("edition.yml", {
    "edition": _mapping("'edition'", {"title": BOTH_SCRIPTS}, {
        "publisher": SHORT, "url": SHORT, "editors": _list_of(EDITOR),
        "contact": {"type": ["string", "null"], "pattern": r"^(mailto:|https?://)\S+\Z",
                    "x-hint": "must be a mailto: address or an http(s) URL"},
        "plain_text_page_markers": {"type": "boolean"}, "script_quotes": {"type": "boolean"},
        "romanization": ROMANIZATION}),
    "texts": {**_list_of(TEXT_ENTRY), "minItems": 1}})
TABLE = _mapping(
    "a table",
    {"text": TEXT_ID, "replaces_lines": {"type": "array", "items": {"type": "integer", "minimum": 1},
                                         "minItems": 2, "maxItems": 2},
     "caption": SHORT, "rows": {"type": "array", "minItems": 1, "items": {"type": "array", "items": {"anyOf": [
         {"type": ["string", "number", "null"]},
         _mapping("a spanning cell", {"text": {"type": ["string", "number"]}},
                  {"cols": {"type": "integer", "minimum": 1, "maximum": 50},
                   "rows": {"type": "integer", "minimum": 1, "maximum": 200}})]}}}},
    {"header_rows": {"type": "integer", "minimum": 0}, "source_note": TEXT})
GLYPHS = _list_of(_mapping("a glyph repair", {"text": TEXT_ID, "wrong": {"type": "string", "minLength": 1,
                                                                          "maxLength": 1},
                                              "right": {"type": "string", "minLength": 1, "maxLength": 1},
                                              "reason": TEXT}))
NEW_READING = {"type": "string", "maxLength": 4000}   # may be empty: the reading is deleted
# Each kind's keys (core.inputs.CORRECTION_KINDS): the reading, and the new reading where there is one.
READINGS = {key: TEXT if key == kind.key else NEW_READING for kind in CORRECTION_KINDS for key in kind.keys}
CORRECTIONS = _list_of({
    **_mapping("a correction", {"text": TEXT_ID, "reason": TEXT},
               {**READINGS, "note": {"type": "integer", "minimum": 1}, "date": DATE, "by": SHORT}),
    # A kind's branch requires its keys and refuses every other kind's (a stray `replace:` beside
    # `split_after:` would otherwise pass and be ignored).
    "oneOf": [{"required": list(kind.keys), "properties": {key: False for other in CORRECTION_KINDS
                                                          for key in other.keys if key not in kind.keys}}
              for kind in CORRECTION_KINDS],
    "x-hint": "a correction has exactly one of " + ", ".join("+".join(kind.keys) for kind in CORRECTION_KINDS)})
# Three kinds of entry: a name form {hans, hant}; a context-bound override {find, hant and/or hans};
# a keep of OpenCC's reading where the second converter disagrees {into, char, keep, find?}.
CONVERSION = _list_of({
    **_mapping("a conversion entry", {}, {"hans": SHORT, "hant": SHORT, "find": SHORT, "keep": SHORT,
                                          "char": SHORT, "into": {"enum": ["hant", "hans"]}, "reason": TEXT,
                                          "text": TEXT_ID}),
    "anyOf": [{"required": ["hans", "hant"]}, {"required": ["find", "hant"]}, {"required": ["find", "hans"]},
              {"required": ["keep", "char", "into"]}],
    "x-hint": "an entry is a name form (hans and hant), an override (find with hant or hans) or a keep "
              "(into, char and keep)"})
ONE_TO_MANY = _mapping("one-to-many.yml", {"hans": TEXT, "hant": TEXT}, {"texts": {
    "type": "object", "title": "the characters watched in one text only", "propertyNames": TEXT_ID,
    "additionalProperties": _mapping("a text's characters", {}, {"hans": TEXT, "hant": TEXT})}})
PERSON = _mapping(
    "a person",
    {"id": SLUG, "side": {"enum": list(SIDES)},
     "names": BOTH_SCRIPTS, "forms": {"type": "array", "minItems": 1, "items": {
         "type": "array", "items": FORM, "minItems": 2, "maxItems": 2,
         "x-hint": "each form is [traditional, simplified], two characters or more"}},
     "en": SHORT, "description": BOTH_SCRIPTS},
    {"romanized": SHORT, "dates": SHORT, "wikidata": QID, "search_forms": _list_of(FORM)})
TREATY = _mapping(
    "a treaty or conference",
    {"id": SLUG, "kind": {"enum": ["treaty", "agreement", "protocol", "exchange of notes", "declaration",
                                   "conference"]},
     "names": BOTH_SCRIPTS, "forms": {**PERSON["properties"]["forms"], "minItems": 0}, "en": SHORT,
     "date": PARTIAL_DATE, "description": BOTH_SCRIPTS},
    {"place": BOTH_SCRIPTS, "parties": BOTH_SCRIPTS, "wikidata": QID, "search_forms": _list_of(FORM),
     "relations": {"type": ["object", "null"], "title": "the relations", "additionalProperties": _list_of(SLUG),
                   "propertyNames": {"enum": list(RELATIONS)}}})
RULE = _mapping("a rule", {
    "form": {"type": "array", "items": FORM, "minItems": 2, "maxItems": 2},
    "entry": SLUG,
    "when": {"type": "object", "title": "a rule's condition", "additionalProperties": False, "minProperties": 1,
             "properties": {"preceded_by": SHORT, "paragraph_mentions": SHORT, "text": TEXT_ID}}})
GLOSSARY = {"people.yml": _list_of(PERSON), "treaties.yml": _list_of(TREATY), "conferences.yml": _list_of(TREATY),
            "rules.yml": _list_of(RULE)}


DATES = jsonschema.FormatChecker(formats=())


@DATES.checks("real-date", raises=ValueError)
def real_date(value: object) -> bool:
    """A date (or year-month, or year) that exists: 2026-02-29 and 2026-12-32 do not.

    >>> real_date("2024-02-29"), real_date("1945-08"), real_date("1945")
    (True, True, True)
    """
    if not isinstance(value, str):
        return True
    parts = [int(part) for part in value.split("-")] + [1, 1]
    datetime.date(*parts[:3])
    return True


def _whole_value(validator, pattern: str, instance: Any, schema: dict):
    """`pattern` matches the whole value, whatever its anchors say: `$` alone would let a trailing
    newline through ("yalta\n" as a slug)."""
    if isinstance(instance, str) and not re.fullmatch(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


# Every schema here is checked by this one validator: patterns match whole values, dates exist.
Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _whole_value})


def validate(value: Any, schema: dict, shown: str, problems: Problems) -> bool:
    """Add a problem for every way `value` breaks `schema`. True when there was none."""
    errors = list(Validator(schema, format_checker=DATES).iter_errors(value))
    for error in _most_specific(errors):
        path = list(error.absolute_path)
        if error.validator == "additionalProperties":   # one message per unknown key, at its own line
            for key in [k for k in error.instance if k not in error.schema.get("properties", {})]:
                problems.add(f"{shown}:{line_of(value, path + [key])}", _unknown_key(error, key))
        else:
            problems.add(f"{shown}:{line_of(value, path)}", _sentence(error, value))
    return not errors


def _unknown_key(error, key) -> str:
    allowed = list(error.schema.get("properties", {}))
    guess = difflib.get_close_matches(str(key), allowed, n=1)
    tip = f"did you mean '{guess[0]}'?" if guess else f"allowed: {', '.join(allowed)}"
    return f"unknown key '{key}' in {error.schema.get('title') or 'this entry'}; {tip}"


def _most_specific(errors) -> list:
    """oneOf/if-then failures report their own sub-errors where one branch clearly applies."""
    out = []
    for error in sorted(errors, key=lambda e: (line_sort(e), e.message)):
        if error.validator in ("oneOf", "anyOf") and error.context and "x-hint" not in error.schema:
            best = jsonschema.exceptions.best_match(error.context)
            out.append(best)
        else:
            out.append(error)
    return out


def line_sort(error) -> tuple:
    return tuple(str(step) for step in error.absolute_path)


def line_of(value: Any, path: list) -> int:
    """The source line of the node at `path` (the key's line for a mapping value)."""
    line = getattr(value, "line", 1)
    for step in path:
        if isinstance(value, dict) and step in value:
            line = getattr(value, "key_lines", {}).get(step, line)
        elif isinstance(value, list) and isinstance(step, int) and step < len(value):
            item_lines = getattr(value, "item_lines", [])
            line = item_lines[step] if step < len(item_lines) else line
        else:
            break
        value = value[step]
        line = getattr(value, "line", line)
    return line


def _sentence(error, root: Any) -> str:
    path = list(error.absolute_path)
    key = next((str(step) for step in reversed(path) if isinstance(step, str)), None)
    name = f"'{key}'" if key else "this value"
    what = error.schema.get("title") or _parent_title(error) or "this entry"
    hint = error.schema.get("x-hint")
    kind, instance = error.validator, error.instance
    if kind == "required":
        missing = error.message.split("'")[1]
        return f"{what} lacks required key '{missing}'"
    if instance is None and kind == "type":
        return f"{name} is empty; give it a value"
    if hint:
        shown = f" ({_one_line(str(instance)[:60])})" if isinstance(instance, (str, int, float)) \
            and instance != "" else ""
        return f"{name}{shown} {hint}" if kind not in ("oneOf", "anyOf") else hint
    if kind == "type":
        if instance is None:
            return f"{name} is empty; give it a value"
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"{name} must be {' or '.join(_TYPE_WORDS.get(t, str(t)) for t in expected if t != 'null')}"
    if kind == "minLength":
        return f"{name} is empty; give it a value" if not instance else f"{name} is too short"
    if kind == "maxLength":
        return f"{name} is too long ({error.validator_value} characters at most)"
    if kind in ("enum", "const"):
        values = error.validator_value if kind == "enum" else [error.validator_value]
        return f"{name} must be one of: {', '.join(map(str, values))}"
    if kind in ("minItems", "maxItems"):
        return f"{name} must have {'at least' if kind == 'minItems' else 'at most'} {error.validator_value} items"
    if kind in ("minimum", "maximum"):
        return f"{name} must be {'at least' if kind == 'minimum' else 'at most'} {error.validator_value}"
    return f"{name}: {error.message}"


def _one_line(value: str) -> str:
    """A value quoted in a message, its line breaks shown as `\\n` (a message is one line)."""
    return value.replace("\r", "\\r").replace("\n", "\\n")


def _parent_title(error) -> str | None:
    schema = getattr(error, "parent", None)
    return schema.schema.get("title") if schema is not None else None


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "object": "a mapping (key: value)", "array": "a list", "null": "empty"}
