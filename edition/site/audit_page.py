"""The audit page of a text: every change the build made, every removed line, the conversion's
record and, for a converted text, the conversion review.

In: a built text in its own script with its `Audit`, the conversion log of the script the page is
in, the review's findings (data of `edition.text.review`) and the interface strings. Out: the page's
Markdown. Every string from the texts or `sources/` goes through `edition.site.escape`.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from edition.core.model import BuiltText, ContentsMismatch
from edition.site.escape import as_shown, as_text
from edition.text.conversion import ConversionLog
from edition.text.repairs import CHARACTER, GLYPH, INVISIBLE, ORDER, REPAIRS, SPACE
from edition.text.review import Finding, agreed, counts

# layout.py records a rule of blanks as "[56 spaces]"
SPACES = re.compile(r"\[(\d+) spaces\]")


# The repairs that change a character (not a space), each listed with its line in the report.
CHARACTER_REPAIRS = tuple(repair.name for repair in REPAIRS.values() if repair.change in (GLYPH, CHARACTER))


def contents_notice(mismatch: ContentsMismatch, strings: dict) -> str:
    """A difference between the printed contents and the text's headings, in the interface's words."""
    def shown(title: str | None) -> str:
        return strings["contents_missing"] if title is None else title
    return strings["contents_notice"].format(label=mismatch.label, kind=strings[f"contents_{mismatch.kind}"],
                                             position=mismatch.position, listed=shown(mismatch.listed),
                                             found=shown(mismatch.found))


def removed_text(before: str, strings: dict) -> str:
    """A removed line as the table shows it: its text as code, or a rule of spaces in words."""
    spaces = SPACES.fullmatch(before.strip())
    if spaces:
        return strings["audit_spaces"].format(count=spaces.group(1))
    return f"<code>{as_text(visible(before.strip()))}</code>"


def visible(text: str) -> str:
    """`text` with each character no page shows (a NUL, a zero-width space) as its code point.

    >>> visible("a\\x00b\\u200b")
    'a⟨U+0000⟩b⟨U+200B⟩'
    """
    return INVISIBLE.sub(lambda match: f"⟨U+{ord(match.group()):04X}⟩", text)


def fix_name(fix: str, strings: dict) -> str:
    return strings.get(f"fix_{fix}", fix)


def report(text: BuiltText, strings: dict) -> str:
    """The audit report of one text, in Markdown, in the words of `strings` (one script's)."""
    source, audit = text.source, text.audit
    artifacts = [c for page in text.pages for c in page.artifacts]
    by_fix = Counter(c.fix for c in artifacts + audit.changes)
    s = strings
    lines = ["---", "search:", "  exclude: true", "---", "",
             f"# {s['audit_title'].format(title=as_text(source.title))}", "",
             f"- {s['audit_source'].format(path=as_text(source.path))}",
             "- " + s["audit_summary"].format(pages=len(text.pages), paragraphs=len(text.paragraphs),
                                             notes=len(text.notes),
                                             chapters=sum(1 for c in text.chapters if c.id != "front")),
             f"- {s['audit_conservation']}", "", f"## {s['audit_counts']} {{ #counts }}", ""]
    lines += [f"- {fix_name(fix, s)}（`{fix}`）：{count}" for fix, count in sorted(by_fix.items())]
    lines += ["", f"## {s['audit_removed']} {{ #removed }}", ""]
    lines += listed_or_none([f"| {s['audit_line']} | {s['audit_category']} | {s['audit_text']} |", "|---|---|---|"],
                            [f"| {c.line} | {fix_name(c.fix, s)} | {removed_text(c.before, s)} |"
                             for c in artifacts], s)
    moved = [c for c in audit.changes if REPAIRS[c.fix].change == ORDER]
    if moved:        # only where an extraction wrote a line out of its printed place
        lines += ["", f"## {s['audit_moved']} {{ #moved }}", "", s["audit_moved_text"], "",
                  f"| {s['audit_line']} | {s['audit_category']} | {s['audit_text']} |", "|---|---|---|"]
        lines += [f"| {c.line} | {fix_name(c.fix, s)} | {as_text(c.before)} |" for c in moved]
    lines += ["", f"## {s['audit_glyphs']} {{ #glyphs }}", ""]
    lines += listed_or_none([f"| {s['audit_line']} | {s['audit_before']} | {s['audit_after']} |", "|---|---|---|"],
                            [f"| {c.line} | {as_text(visible(c.before))} | {as_text(c.after)} |"
                             for c in audit.changes if c.fix in CHARACTER_REPAIRS], s)
    spacing = Counter(c.line for c in audit.changes if REPAIRS[c.fix].change == SPACE)
    lines += ["", f"## {s['audit_spacing']} {{ #spacing }}", "",
              s["audit_spacing_text"].format(spaces=sum(spacing.values()), lines=len(spacing))]
    lines += ["", f"## {s['audit_tables']} {{ #tables }}", ""]
    lines += listed_or_none([], ["- " + s["audit_table_row"].format(path=as_text(t.path), caption=as_text(t.caption),
                                                                    first=t.first_line, last=t.last_line)
                                 for t in source.tables], s)
    lines += ["", f"## {s['audit_notices']} {{ #notices }}", ""]
    lines += listed_or_none([], [f"- {contents_notice(m, s)}" for m in audit.mismatches], s)
    return "\n".join(lines) + "\n"


def listed_or_none(head: list[str], rows: list[str], strings: dict) -> list[str]:
    """A section's table head and rows, or the sentence that the text has none (an empty table
    reads as a page that failed)."""
    return head + rows if rows else [strings["audit_none"]]


def conversion_report(log: ConversionLog, strings: dict) -> str:
    """The conversion section of a text's audit, for the script it was converted into (or, for a
    text in its own script, the declared forms applied to it), in the words of `strings`."""
    s = strings

    def listed(form: str, count: int) -> str:
        line = f"- {as_text(form)} → {as_text(log.forms.get(form, form))}（{count}）"
        reason = "" if log.config else log.reasons.get(form)    # a text rewritten in its own script: why
        return f"{line}：{as_shown(reason)}" if reason else line
    forms = [listed(form, count) for form, count in sorted(log.overrides.items())]
    if not log.config:
        own = ["", f"## {s['conversion_forms']} {{ #forms }}", "", s["conversion_forms_own"], ""]
        return "\n".join(own + listed_or_none([], forms, s)) + "\n"
    lines = ["", "## " + s["conversion_title"].format(source=s[f"{log.source}_name"], target=s[f"{log.target}_name"])
             + " { #conversion }", "",
             s["conversion_summary"].format(config=log.config, changed=sum(log.changed.values()),
                                            distinct=len(log.changed), overrides=sum(log.overrides.values()),
                                            protected=sum(log.protected.values())),
             "", f"| {s['audit_before']} | {s['audit_after']} | {s['audit_count']} |", "|---|---|---|"]
    lines += [f"| {before} | {after} | {count} |" for (before, after), count in log.changed.most_common()]
    lines += ["", f"{s['conversion_forms']}（{s['conversion_forms_source']}）：", ""] + listed_or_none([], forms, s)
    lines += ["", f"{s['conversion_protected']}：", ""]
    lines += listed_or_none([], [f'- <span lang="ja">{as_text(span)}</span>' for span in sorted(log.protected)], s)
    return "\n".join(lines) + "\n"


def review_section(findings: list[Finding], counted: dict, strings: dict) -> str:
    """The review section of a converted text's audit page, in the words of the page's script
    (`strings`): every disagreement one by one, then the one-to-many characters both converters
    read alike, by reading, with every context."""
    s = strings
    decisions = ("、".join(f"{s['decision_' + kind]} {n}" for kind, n in counted["decisions"].items())
                 or s["review_none"])
    lines = ["", f"## {s['review_title']} {{ #review }}", "",
             s["review_summary"].format(units=counted["units"], characters=counted["characters"],
                                        disagreements=counted["disagreements"], one_to_many=counted["one-to-many"],
                                        decisions=decisions), "",
             s["review_disagreements"], "",
             f"| {s['place_column']} | {s['review_context']} | {s['review_ours']} | {s['review_second']} | "
             f"{s['review_decision']} |", "|---|---|---|---|---|"]
    lines += [f"| {f.place} | {as_shown(f.context)} | {as_shown(f.opencc)} | {as_shown(f.second)} | {decided(f, s)} |"
              for f in findings if f.disagreement]
    lines += ["", s["review_agreed"], "",
              f"| {s['review_char']} | {s['review_reading']} | {s['review_decision']} | {s['audit_count']} | "
              f"{s['review_contexts']} |", "|---|---|---|---|---|"]
    lines += [f"| {as_shown(char)} | {as_shown(reading)} | {s['decision_' + decision]} | {sum(c.values())} | "
              + "、".join(as_shown(f"{context}×{n}" if n > 1 else context) for context, n in sorted(c.items())) + " |"
              for (_, char, reading, decision), c in sorted(agreed(findings).items())]
    return "\n".join(lines) + "\n"


def decided(finding: Finding, strings: dict) -> str:
    """The decision in the page's words, with its file:line or the kind of span left unconverted."""
    where = strings.get(f"span_{finding.where}", finding.where) if finding.decision == "protected" else finding.where
    return f"{strings['decision_' + finding.decision]} {as_text(where)}".strip()


def audit_page(text: BuiltText, strings: dict, log: ConversionLog | None, findings: list[Finding]) -> str:
    """A text's audit page on one script's site: its report, what conversion did to it (or the
    forms declared for its own script), and the review of a converted text's conversion."""
    page = report(text, strings) + (conversion_report(log, strings) if log else "")
    if log and log.config:
        mine = [f for f in findings if f.text == text.source.id]
        page += review_section(mine, counts([log], mine), strings)
    return page


def write_audits(texts: list[BuiltText], folder: Path, strings: dict) -> None:
    """`build/audit/<text>.md`: each text's report, in the words of its own script."""
    folder.mkdir(parents=True, exist_ok=True)
    for text in texts:
        (folder / f"{text.source.id}.md").write_text(report(text, strings[text.source.script]), encoding="utf-8")
