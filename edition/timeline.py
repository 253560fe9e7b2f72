"""The treaty timeline: an SVG drawn at build time (no JavaScript, nothing fetched).

In: glossary entries with dates (treaties and conferences) in one script. Out: SVG markup with a
time axis 1896-1952 and one row per event, each a link to its entry. Rows keep every label
readable even where many events crowd into 1943-1945.
"""
from __future__ import annotations

import html

FIRST, LAST = 1896, 1952
WIDTH, LEFT, RIGHT, AXIS, ROW = 760, 24, 28, 34, 21
LONGEST_LABEL = 16  # longer names are shortened on the axis (the full name is on the entry page)


def year_of(date: str) -> float:
    parts = [int(p) for p in str(date).split("-")]
    month = parts[1] if len(parts) > 1 else 6
    day = parts[2] if len(parts) > 2 else 15
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


def x_of(year: float) -> float:
    return LEFT + (year - FIRST) / (LAST - FIRST) * (WIDTH - LEFT - RIGHT)


def timeline_svg(events: list[dict], title: str) -> str:
    """`events`: dicts with date, label, href and group (treaty or conference), any order."""
    events = sorted(events, key=lambda e: year_of(e["date"]))
    height = AXIS + 24 + ROW * len(events)
    parts = [f'<svg class="ed-timeline" role="img" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{html.escape(title)}</title>",
             f'<line x1="{LEFT}" y1="{AXIS}" x2="{WIDTH - RIGHT}" y2="{AXIS}" class="ed-axis"/>']
    for year in range(FIRST, LAST + 1, 4):
        x = x_of(year)
        parts.append(f'<line x1="{x:.1f}" y1="{AXIS - 4}" x2="{x:.1f}" y2="{AXIS + 4}" class="ed-axis"/>'
                     f'<text x="{x:.1f}" y="{AXIS - 10}" text-anchor="middle" class="ed-year">{year}</text>')
    for row, event in enumerate(events):
        x, y = x_of(year_of(event["date"])), AXIS + 24 + row * ROW
        right = x > WIDTH * 0.62
        label_x = x - 8 if right else x + 8
        anchor = "end" if right else "start"
        label = event["label"] if len(event["label"]) <= LONGEST_LABEL else event["label"][:9] + "…" + event["label"][-5:]
        parts.append(
            f'<a href="{html.escape(event["href"])}"><title>{html.escape(event["label"])}</title>'
            f'<g class="ed-event ed-{event["group"]}">'
            f'<line x1="{x:.1f}" y1="{AXIS}" x2="{x:.1f}" y2="{y}" class="ed-guide"/>'
            f'<circle cx="{x:.1f}" cy="{y - 4}" r="4"/>'
            f'<text x="{label_x:.1f}" y="{y}" text-anchor="{anchor}">{html.escape(label)}'
            f' ({html.escape(str(event["date"])[:4])})</text></g></a>')
    parts.append("</svg>")
    return "".join(parts)
