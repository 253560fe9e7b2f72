"""The conversion review: a second, independent converter reads every unit OpenCC converted.

In: the conversion logs of stage 8 (every converted unit with the origin of each span), the
decisions of `sources/conversion.yml` and the one-to-many characters of `sources/one-to-many.yml`.
Out: `Finding`s (every disagreement between the two converters, and every occurrence of a
character OpenCC maps one-to-many), each with its decision; the counts; the review's Markdown for
the audit page and the command line; problems for undecided disagreements and stale decisions.

The second converter is `zhconv-rs`: MediaWiki's conversion tables (the ones zh.wikipedia uses),
maintained apart from OpenCC's dictionaries, compiled to an Aho-Corasick automaton in Rust, so it
reviews a whole text in milliseconds. It converts to generic `zh-hant` / `zh-hans`, not `zh-tw`:
that target swaps no regional vocabulary, so its output aligns with OpenCC's character by
character. Differences of punctuation alone are not disagreements (quotation marks follow the
script in a later step of stage 8).

Decisions, in order: a span written by an override (its file:line), a protected span (Japanese,
Latin), a `keep` of OpenCC's reading, else the disagreement is undecided and fails the build. An
agreement on a one-to-many character is listed as such. Never changes a text.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from zhconv_rs import zhconv

from edition.core.errors import Problem
from edition.core.model import AnchoredEdition
from edition.core.scripts import SCRIPTS
from edition.text.conversion import SHOWN, ConversionLog, decisions_for, edition_in

SECOND: dict[str, Literal["zh-hant", "zh-hans"]] = {"hant": "zh-hant", "hans": "zh-hans"}
CONTEXT = 6       # characters shown either side


@dataclass(frozen=True)
class Finding:
    text: str
    target: str
    place: str        # paragraph anchor, note (n12), or title
    offset: int
    char: str         # the source character
    opencc: str       # the reading published (OpenCC's, or the override's)
    second: str       # the second converter's reading
    context: str      # the source around it, the character in 【】
    decision: str     # override, protected, keep, agree or undecided
    where: str        # file:line of the deciding entry, or the protected span's kind
    one_to_many: bool

    @property
    def disagreement(self) -> bool:
        return self.opencc != self.second


def review_log(text_id: str, log: ConversionLog, decisions: list[dict], watched: frozenset) -> list[Finding]:
    """Every disagreement and every watched character in the units of one converted text."""
    keeps = [d for d in decisions if "keep" in d and d["into"] == log.target]
    findings = []
    for unit in log.units:
        second = zhconv(unit.source, SECOND[log.target])
        if not len(unit.source) == len(unit.output) == len(second):
            findings.append(Finding(text_id, log.target, unit.place, 0, unit.source, unit.output, second,
                                    unit.source, "undecided", "the converters' outputs differ in length", False))
            continue
        positions = {i for i, c in enumerate(unit.source) if c in watched}
        if second != unit.output:
            positions |= {i for i, (a, b) in enumerate(zip(unit.output, second, strict=True))
                          if a != b and not _punctuation(a, b)}
        for i in sorted(positions):
            findings.append(_finding(text_id, log.target, unit, second, i, keeps, watched))
    return findings


def _punctuation(a: str, b: str) -> bool:
    return unicodedata.category(a).startswith("P") and unicodedata.category(b).startswith("P")


def _finding(text_id: str, target: str, unit, second: str, i: int, keeps: list[dict], watched) -> Finding:
    source = unit.source
    context = f"{source[max(0, i - CONTEXT):i]}【{source[i]}】{source[i + 1:i + 1 + CONTEXT]}"
    decision, where = _decide(unit, second, i, keeps)
    return Finding(text_id, target, unit.place, i, source[i], unit.output[i], second[i], context, decision, where,
                   source[i] in watched)


def _decide(unit, second: str, i: int, keeps: list[dict]) -> tuple[str, str]:
    for start, end, origin in unit.spans:
        if start <= i < end:
            return ("protected", origin) if origin in ("japanese", "latin") else ("override", origin)
    if unit.output[i] == second[i]:
        return "agree", ""
    for keep in keeps:
        if keep["char"] == unit.source[i] and keep["keep"] == unit.output[i] and _in_context(unit.source, i, keep):
            return "keep", keep["where"]
    return "undecided", ""


def _in_context(source: str, i: int, keep: dict) -> bool:
    """Whether the keep's `find` (if any) occurs in `source` around position `i`."""
    find = keep.get("find", "")
    return not find or any(source.startswith(find, start) for start in range(max(0, i - len(find) + 1), i + 1))


def counts(logs: list[ConversionLog], findings: list[Finding]) -> dict:
    """Units and characters compared, disagreements, one-to-many occurrences, decisions by kind."""
    disagreements = [f for f in findings if f.disagreement]
    return {"units": sum(len(log.units) for log in logs),
            "characters": sum(len(u.source) for log in logs for u in log.units),
            "disagreements": len(disagreements), "one-to-many": sum(f.one_to_many for f in findings),
            "decisions": dict(sorted(Counter(f.decision for f in findings).items()))}


def summary(counts: dict) -> str:
    decisions = ", ".join(f"{kind} {n}" for kind, n in counts["decisions"].items())
    return (f"conversion review: {counts['units']} units ({counts['characters']} characters) compared with zhconv; "
            f"{counts['disagreements']} disagreements, {counts['one-to-many']} one-to-many characters; "
            f"findings by decision: {decisions or 'none'}")


def problems(findings: list[Finding]) -> list[Problem]:
    """Every undecided disagreement, with where to decide it."""
    return [Problem(SHOWN, f"undecided: {f.text} {f.place} → {f.target}: {f.context}: OpenCC {f.opencc}, "
                    f"zhconv {f.second}; add an override (find/{f.target}) or a keep with a reason")
            for f in findings if f.decision == "undecided"]


def stale(decisions: list[dict], used: set[str]) -> list[Problem]:
    """Decisions of sources/conversion.yml that matched nothing: say which (file:line)."""
    return [Problem(d["where"], f"stale: this {'keep' if 'keep' in d else 'override'} matches nothing in the texts")
            for d in decisions if d["where"] not in used]


def used(logs: Iterable[ConversionLog], findings: list[Finding]) -> set[str]:
    return {where for log in logs for where in log.hits} | {f.where for f in findings if f.decision == "keep"}


def merge_counts(parts: list[dict]) -> dict:
    merged = {key: sum(p[key] for p in parts) for key in ("units", "characters", "disagreements", "one-to-many")}
    decisions: Counter = Counter()
    for part in parts:
        decisions.update(part["decisions"])
    return {**merged, "decisions": dict(sorted(decisions.items()))}


def agreed(findings: list[Finding]) -> dict[tuple[str, str, str, str], Counter]:
    """(target, character, reading, decision) -> the contexts (two characters either side) of the
    one-to-many characters both converters read alike."""
    agreed: dict[tuple[str, str, str, str], Counter] = {}
    for f in findings:
        if not f.disagreement:
            i = f.context.index("【")
            context = f.context[max(0, i - 2):i] + f.char + f.context[i + 3:i + 5]
            agreed.setdefault((f.target, f.char, f.opencc, f.decision), Counter())[context] += 1
    return agreed


def agreed_summary(findings: list[Finding]) -> str:
    """The agreed one-to-many characters for the command line, one line per reading."""
    return "\n".join(f"alike -> {target}: {char} -> {reading} ({decision}, {sum(c.values())}): " + " ".join(sorted(c))
                     for (target, char, reading, decision), c in sorted(agreed(findings).items()))


def review_script(anchored: AnchoredEdition, logs: dict[str, ConversionLog]) -> tuple[list[Finding], set[str]]:
    """The review of the texts converted into one script: findings, and the decisions of
    sources/conversion.yml that were used (overrides applied, keeps that decided something)."""
    findings = [f for text_id, log in logs.items() if log.config
                for f in review_log(text_id, log, decisions_for(list(anchored.overrides), text_id),
                                    watched(anchored.config, text_id, log.source))]
    return findings, used(logs.values(), findings)


def watched(config, text_id: str, script: str) -> frozenset:
    """The characters the review lists wherever they occur in `text_id` written in `script`:
    sources/one-to-many.yml's for every text, and those it names for this text alone."""
    return config.one_to_many[script] | config.one_to_many_by_text.get(text_id, {}).get(script, frozenset())


def review_both(anchored: AnchoredEdition) -> tuple[list[Finding], set[str], dict]:
    """The conversion and its review in both scripts, one after the other (for
    `conversion-review`): findings, decisions used, counts."""
    findings: list[Finding] = []
    used_anywhere: set[str] = set()
    counted = []
    for script in SCRIPTS:
        _, logs = edition_in(script, anchored)
        script_findings, script_used = review_script(anchored, logs)
        findings += script_findings
        used_anywhere |= script_used
        counted.append(counts([log for log in logs.values() if log.config], script_findings))
    return findings, used_anywhere, merge_counts(counted)


def check_review(overrides: list[dict], used_anywhere: set[str], findings: list[Finding]) -> list[Problem]:
    """Undecided disagreements and stale decisions, over both scripts."""
    return problems(findings) + stale(decisions(overrides), used_anywhere)


def decisions(overrides: list[dict]) -> list[dict]:
    """The entries of sources/conversion.yml among the overrides (the glossary adds the others)."""
    return [o for o in overrides if o.get("where", "").startswith(SHOWN)]
