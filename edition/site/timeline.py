"""The treaty timeline: HTML drawn at build time (no JavaScript, nothing fetched).

In: glossary entries with dates (treaties and conferences) in one script, and the interface
strings. Out: an ordered list, one item per event in date order, each a link to its entry; CSS
lays it out. On a wide screen each item is a row whose mark stands on a 1896-1952 axis (one row
per event, so the fourteen events of 1943-1950 never overlap); under 600 px the axis is dropped and
the items read as a dated list. Labels are never shortened: they wrap. Treaties and conferences
differ in colour and in shape (circle, diamond), a legend says which is which, and each item also
names its kind in words for screen readers (colour and shape are hidden from them).
"""
from __future__ import annotations

from edition.core.encode import html_attribute, html_text

FIRST, LAST = 1896, 1952
TICK = 8  # years between the axis labels


def year_of(date: str) -> float:
    """A date ('1945', '1945-08' or '1945-08-14') as a fractional year; a missing part is mid-way.

    >>> round(year_of("1945-08-14"), 2), year_of("1896") > 1896
    (1945.62, True)
    """
    parts = [int(p) for p in str(date).split("-")]
    month = parts[1] if len(parts) > 1 else 6
    day = parts[2] if len(parts) > 2 else 15
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


def position(year: float) -> str:
    """Where a year stands on the axis, as a CSS percentage of the track."""
    return f"{(year - FIRST) / (LAST - FIRST) * 100:.1f}%"


def legend(strings: dict) -> str:
    items = "".join(f'<li class="ed-{group}"><span class="ed-mark" aria-hidden="true"></span>'
                    f'{html_text(strings[key])}</li>'
                    for group, key in (("treaty", "glossary_treaties"), ("conference", "glossary_conferences")))
    return f'<ul class="ed-legend" aria-label="{html_attribute(strings["timeline_legend"])}">{items}</ul>'


def axis() -> str:
    ticks = "".join(f'<span style="--x:{position(year)}">{year}</span>' for year in range(FIRST, LAST + 1, TICK))
    return (f'<div class="ed-axis" aria-hidden="true"><span></span><span></span>'
            f'<span class="ed-ticks">{ticks}</span></div>')


def event_item(event: dict, strings: dict) -> str:
    date = html_attribute(str(event["date"]))
    kind = strings["glossary_treaties"] if event["group"] == "treaty" else strings["glossary_conferences"]
    return (f'<li class="ed-event ed-{event["group"]}" style="--x:{position(year_of(event["date"]))}">'
            f'<time datetime="{date}">{date}</time>'
            f'<span class="ed-label"><span class="ed-mark" aria-hidden="true"></span>'
            f'<a href="{html_attribute(event["href"])}">{html_text(event["label"])}</a>'
            f'<span class="ed-sr">（{html_text(kind)}）</span></span>'
            f'<span class="ed-track" aria-hidden="true"><span class="ed-mark"></span></span></li>')


def timeline_html(events: list[dict], strings: dict) -> str:
    """`events`: dicts with date, label, href and group (treaty or conference), any order."""
    events = sorted(events, key=lambda e: (year_of(e["date"]), e["label"]))
    items = "".join(event_item(event, strings) for event in events)
    return (f'<div class="ed-timeline">{legend(strings)}{axis()}'
            f'<ol class="ed-events" aria-label="{html_attribute(strings["timeline"])}">{items}</ol></div>')
