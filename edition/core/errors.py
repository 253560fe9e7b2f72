"""Errors an editor can act on: each names a file and line and says what is wrong.

Stages collect `Problem`s instead of stopping at the first one; the build prints them grouped
(the same message repeated is shown once with a count) and exits with status 1.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class EditionError(Exception):
    """A bad input or a failed check. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.report())

    def __reduce__(self):   # crosses from a build worker to the parent intact
        return (EditionError, (self.problems,))

    def report(self) -> str:
        counts = Counter(str(problem) for problem in self.problems)
        lines = [f"{text} (x{count})" if count > 1 else text for text, count in counts.items()]
        return "\n".join(lines)


def fail(where: str, message: str) -> EditionError:
    return EditionError([Problem(where, message)])


class Problems:
    """A collector for one stage: `add` as you go, `raise_if_any` at the end."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(Problem(where, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise EditionError(self.items)
