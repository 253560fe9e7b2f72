"""The fuzzer with oracles (issue 20): Hypothesis mutates a built one-text copy of the edition
(hostile YAML values in sources/ and mkdocs.yml, wrong types, impossible dates, paths out of
sources/, damaged raw text, files turned into links) and builds it; every example must satisfy the
oracles of tests/e2e/fuzz.py. The bounded run takes about a minute (EDITION_FUZZ_EXAMPLES, default 10);
`EDITION_FUZZ_EXAMPLES=500 python -m pytest tests/e2e/test_fuzz.py` runs a long one. Each shrunk
failure is kept in tests/cases/fuzz.yaml, which `test_fuzz_case` replays (a case whose fix belongs
to other work is marked xfail there, with its reason, and turns green when that work lands).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import cases
from tests.e2e.fuzz import (
    DATES,
    PATHS,
    PIECES,
    PLAIN,
    WRONG,
    export_problems,
    kind_of,
    markup_problems,
    mutate,
    printed,
    tree_digest,
    value_line,
    value_paths,
)
from tests.projects import build

EXAMPLES = int(os.environ.get("EDITION_FUZZ_EXAMPLES", "10"))


def check(small_edition: Path, mutation: dict) -> list[str]:
    """Run one example in a fresh folder; return every oracle it breaks (none is the promise)."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        project, outside = folder / "project", folder / "outside"
        shutil.copytree(small_edition, project, symlinks=True)
        outside.mkdir()
        line = value_line(project, mutation)
        named = mutate(project, outside, mutation)
        before_site, before_outside = tree_digest(project / "site"), tree_digest(outside)
        around = sorted(p.name for p in folder.iterdir())
        result = build(project)
        said = result.stderr + result.stdout
        problems = []
        if result.returncode not in (0, 1) or "Traceback" in said:
            problems.append(f"exit {result.returncode}, a traceback or a crash:\n{said[-2500:]}")
        if result.returncode == 1:
            if named not in said:
                problems.append(f"the message does not name {named}:\n{said[-1500:]}")
            elif line is not None and f"{named}:{line}:" not in said:
                problems.append(f"the message does not name {named}:{line}, where the value is:\n{said[-1500:]}")
            if tree_digest(project / "site") != before_site:
                problems.append("a failed build changed site/")
        if tree_digest(outside) != before_outside or sorted(p.name for p in folder.iterdir()) != around:
            problems.append("the build wrote outside the project")
        if result.returncode == 0 and mutation["kind"] == "symlink":
            problems.append(f"{named} is a link and was followed (exit 0): a link in sources/ is an error naming it")
        if result.returncode == 0:
            problems += markup_problems(project / "site", shown_value(mutation),
                                        markers=mutation.get("damage") == "insert")
            problems += export_problems(project / "site" / "data")
        return problems
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def shown_value(mutation: dict) -> str:
    """The string a value mutation puts in sources/ or an insertion into the raw text ("" for any other
    mutation or a non-string)."""
    if mutation.get("damage") == "insert":
        return mutation["text"]
    try:
        value = yaml.safe_load(mutation.get("yaml", "''"))
    except yaml.YAMLError:
        return ""
    return value if isinstance(value, str) else ""


# ---- the mutations Hypothesis draws --------------------------------------------------------------

hostile_string = st.lists(st.one_of(st.sampled_from(list(PIECES.values())), st.sampled_from(PLAIN),
                                    st.text(max_size=3)), min_size=1, max_size=12).map("".join)
long_string = st.builds(lambda s, n: s * n, hostile_string, st.integers(50, 2000))


def yaml_text(value: str, ascii_only: bool) -> str:
    """A string as YAML text: a JSON string is a YAML double-quoted scalar, in block or flow context."""
    return json.dumps(value, ensure_ascii=ascii_only)


@st.composite
def value_mutation(draw, paths):
    special = [p for p in paths if kind_of(p[1]) != "other"]
    where = draw(st.one_of(st.sampled_from([p for p in paths if printed(p[1])]), st.sampled_from(paths),
                           st.sampled_from(special)))
    kind = kind_of(where[1])
    text = draw(st.one_of(st.builds(yaml_text, hostile_string | long_string, st.booleans()),
                          st.sampled_from(WRONG + (DATES if kind == "date" else PATHS if kind == "path" else []))))
    return {"kind": "value", "file": where[0], "path": list(where[1]), "yaml": text}


# Classes of failure whose fix is other work still open (issue 20 items 3 and 9): the fuzzer leaves
# them out of its draws so that it keeps finding new ones; their cases in tests/cases/fuzz.yaml are
# strict xfails, which fail when the fix lands: then delete the entry here and the case's `xfail`.
PENDING: dict[str, str] = {}
DAMAGES = [d for d in ("crlf", "bom", "bad-utf8", "nul") if d not in PENDING]
LINKED = ["edition.yml", "corrections.yml", "glossary/people.yml", "mongolia.txt", "anchors.lock",
          "tables/mongolia-table-1.yml"]


# A hostile string put anywhere in the raw text (its sha256 updated): the extraction itself is input.
raw_insertion = st.builds(lambda text, line, column: {"kind": "raw", "damage": "insert", "text": text, "line": line,
                                                      "column": column},
                          hostile_string, st.integers(0, 10_000), st.integers(0, 40))


def mutations(paths):
    kinds = [value_mutation(paths)] * 4 + [st.builds(lambda d: {"kind": "raw", "damage": d}, st.sampled_from(DAMAGES)),
                                           raw_insertion] * 2
    if "symlink" not in PENDING:
        kinds.append(st.builds(lambda name: {"kind": "symlink", "file": name}, st.sampled_from(LINKED)))
    return st.one_of(*kinds)


def test_fuzz(small_edition):
    paths = value_paths(small_edition)

    # Shrinking rebuilds the edition tens of times: the bounded run reports the example as found
    # (a mutation is small data already); a long run shrinks it.
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              phases=list(Phase) if EXAMPLES > 10 else [Phase.explicit, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutations(paths))
    def example(mutation):
        problems = check(small_edition, mutation)
        assert not problems, ("keep as a case in tests/cases/fuzz.yaml:\n"
                              + yaml.safe_dump([{"label": "found by the fuzzer", "mutation": mutation}],
                                               allow_unicode=True) + "\n".join(problems))
    example()


CASES = cases("fuzz.yaml")


@pytest.mark.parametrize("case", [pytest.param(c, id=c["label"], marks=[pytest.mark.xfail(reason=c["xfail"],
                                                                                           strict=True)]
                                                if c.get("xfail") else []) for c in CASES])
def test_fuzz_case(small_edition, case):
    """Every failure the fuzzer ever found, replayed with the same oracles."""
    assert check(small_edition, case["mutation"]) == []
