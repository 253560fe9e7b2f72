"""The treaty timeline: HTML drawn at build time (no JavaScript, nothing fetched).

In: glossary entries with dates (treaties and conferences) in one script, and the interface
strings. Out: an ordered list, one item per event in date order, each a link to its entry; CSS
lays it out. On a wide screen each item is a row whose mark stands on a 1896-1952 axis (one row
per event, so the fourteen events of 1943-1950 never overlap); the axis gives a year more room the
more events it holds, and spreads the events of one year across it in date order (eleven in 1945
stood on one point of an even axis); under 600 px the axis is dropped and
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


class Axis:
    """A 1896-1952 axis on which a year takes room by the events it holds (1 + 3 per event), so
    the crowded years spread; `at(year)` is a fractional year's place as a percentage.

    >>> axis = Axis([1945, 1945, 1900])
    >>> axis.at(1896) == 0 and axis.at(LAST + 1) == 100
    True
    >>> axis.at(1946) - axis.at(1945) > 5 * (axis.at(1944) - axis.at(1943))
    True
    """

    def __init__(self, years: list[int]):
        self.width = {year: 1 + 3 * years.count(year) for year in range(FIRST, LAST + 1)}
        self.start: dict[int, float] = {}
        total = 0.0
        for year in range(FIRST, LAST + 1):
            self.start[year], total = total, total + self.width[year]
        self.total = total

    def at(self, year: float) -> float:
        whole = min(max(int(year), FIRST), LAST)
        return min(100.0, (self.start[whole] + (year - whole) * self.width[whole]) / self.total * 100)


def spread(events: list[dict], axis: Axis) -> list[str]:
    """Each event's place (sorted `events`): the i-th of a year's n events at i+0.5 n-ths of the year."""
    years = [int(year_of(e["date"])) for e in events]
    return [f"{axis.at(year + (years[:i].count(year) + .5) / years.count(year)):.1f}%"
            for i, year in enumerate(years)]


def legend(strings: dict) -> str:
    items = "".join(f'<li class="ed-{group}"><span class="ed-mark" aria-hidden="true"></span>'
                    f'{html_text(strings[key])}</li>'
                    for group, key in (("treaty", "glossary_treaties"), ("conference", "glossary_conferences")))
    return f'<ul class="ed-legend" aria-label="{html_attribute(strings["timeline_legend"])}">{items}</ul>'


def axis_html(axis: Axis, years: list[int]) -> str:
    """Year labels: the first and the last, then the years with the most events, each at least
    14% of the axis (a label's width on the narrowest axis) from every other and 20% from the first
    and last, whose labels start at the axis's start and end at its end, inside the box."""
    shown = {FIRST: axis.at(FIRST), LAST: axis.at(LAST + 1)}
    for year in sorted(set(years) - {FIRST, LAST}, key=lambda y: (-years.count(y), y)):
        x = axis.at(year + .5)
        if all(abs(x - other) >= (20 if edge in (FIRST, LAST) else 14) for edge, other in shown.items()):
            shown[year] = x
    ticks = "".join(f'<span class="{_edge(x)}" style="--x:{x:.1f}%">{year}</span>' for year, x in sorted(shown.items()))
    return (f'<div class="ed-axis" aria-hidden="true"><span></span><span></span>'
            f'<span class="ed-ticks">{ticks}</span></div>')


def _edge(x: float) -> str:
    return "ed-tick-start" if x <= 0 else "ed-tick-end" if x >= 100 else "ed-tick"


def event_item(event: dict, strings: dict, x: str) -> str:
    date = html_attribute(str(event["date"]))
    kind = strings["glossary_treaties"] if event["group"] == "treaty" else strings["glossary_conferences"]
    return (f'<li class="ed-event ed-{event["group"]}" style="--x:{x}">'
            f'<time datetime="{date}">{date}</time>'
            f'<span class="ed-label"><span class="ed-mark" aria-hidden="true"></span>'
            f'<a href="{html_attribute(event["href"])}">{html_text(event["label"])}</a>'
            f'<span class="ed-sr">（{html_text(kind)}）</span></span>'
            f'<span class="ed-track" aria-hidden="true"><span class="ed-mark"></span></span></li>')


def timeline_html(events: list[dict], strings: dict) -> str:
    """`events`: dicts with date, label, href and group (treaty or conference), any order."""
    events = sorted(events, key=lambda e: (year_of(e["date"]), e["label"]))
    years = [int(year_of(e["date"])) for e in events]
    axis = Axis(years)
    items = "".join(event_item(event, strings, x) for event, x in zip(events, spread(events, axis), strict=True))
    return (f'<div class="ed-timeline">{legend(strings)}{axis_html(axis, years)}'
            f'<ol class="ed-events" aria-label="{html_attribute(strings["timeline"])}">{items}</ol></div>')
