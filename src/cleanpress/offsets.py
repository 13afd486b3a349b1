"""Offsets in a derived text mapped back to the text it came from.

A derived text is the original with some spans edited: invisible characters taken out (the URL
skeleton), an earlier cleaning pass applied (composing edit scripts), markup turned into text
(HTML mode). It is kept as runs of the original that survive unchanged, so a position maps back
by one binary search, and memory grows with the number of edits, not with the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class OffsetMap:
    """Runs of ``original`` kept in the derived text: derived ``[d, d + n)`` is original ``[o, o + n)``."""

    __slots__ = ("_derived", "_length", "_runs")

    def __init__(self, runs: list[tuple[int, int, int]], length: int) -> None:
        self._runs = runs
        """(derived start, original start, length), in order; gaps between them are edits."""
        self._derived = [run[0] for run in runs]
        self._length = length
        """Length of the derived text."""

    @classmethod
    def from_edits(cls, original_length: int, edits: Iterable[tuple[int, int, int]]) -> OffsetMap:
        """The map of ``original`` after ``edits``: ordered, non-overlapping ``(start, end,
        replacement length)`` in original offsets."""
        runs: list[tuple[int, int, int]] = []
        cursor = derived = 0
        for start, end, replacement in edits:
            if start > cursor:
                runs.append((derived, cursor, start - cursor))
                derived += start - cursor
            derived += replacement
            cursor = end
        runs.append((derived, cursor, original_length - cursor))
        return cls(runs, derived + original_length - cursor)

    @property
    def length(self) -> int:
        return self._length

    @property
    def identity(self) -> bool:
        """Whether nothing was edited."""
        return len(self._runs) == 1 and self._runs[0][1] == 0

    def to_original(self, position: int, *, end: bool = False) -> int | None:
        """The original offset of derived ``position``; None inside an edit's replacement.

        ``end=True`` reads ``position`` as the end of a span (exclusive): it maps the character
        before it and steps past it, so a span ending where an edit starts stays clear of it."""
        probe = position - 1 if end else position
        if probe < 0:
            return 0
        i = bisect_right(self._derived, probe) - 1
        derived_start, original_start, length = self._runs[i]
        if not derived_start <= probe < derived_start + length:
            return None
        return original_start + (probe - derived_start) + (1 if end else 0)


class DisjointSpans:
    """Sorted, non-overlapping spans, asked whether a span overlaps one of them (binary search)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._ends = [end for _, end in ordered]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span: only the last span starting before ``end`` can,
        since spans are disjoint and so their ends are in order too."""
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start
