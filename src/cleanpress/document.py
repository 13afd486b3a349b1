"""A document under cleaning: its text, its lines, and the regions no rule may touch.

Readers in :mod:`cleanpress.formats` build it; detectors read it; nothing changes it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One line: ``text[start:end]`` is its content, ``text[end:next_start]`` its line break."""

    index: int
    start: int
    end: int
    next_start: int

    @property
    def has_break(self) -> bool:
        return self.next_start > self.end


class Document:
    """Text plus the line table and protected regions every detector works from."""

    def __init__(self, text: str, fmt: str, protected: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.format = fmt
        self.lines: list[Line] = _split_lines(text)
        self._line_starts = [line.start for line in self.lines]
        self.protected: list[tuple[int, int]] = list(protected)
        """Sorted, disjoint spans (code) that no rule may touch."""
        self._protected_starts = [start for start, _ in self.protected]

    def line_at(self, offset: int) -> Line:
        return self.lines[bisect_right(self._line_starts, offset) - 1]

    def content(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def is_blank(self, index: int) -> bool:
        line = self.lines[index]
        return not self.text[line.start : line.end].strip()

    def is_protected(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches a protected region."""
        if not self.protected:
            return False
        # Regions are sorted and disjoint, so only the last one starting before ``end`` can overlap.
        i = bisect_right(self._protected_starts, end - 1) - 1
        return i >= 0 and self.protected[i][1] > start


def _split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    n = len(text)
    index = 0
    while True:
        nl = text.find("\n", pos)
        if nl == -1:
            end = n
            lines.append(Line(index, pos, end, n))
            break
        end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
        lines.append(Line(index, pos, end, nl + 1))
        pos = nl + 1
        index += 1
        if pos == n:
            break
    return lines
