"""Result types: what was removed, where, and why."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

from cleanpress._version import __version__

Confidence = Literal["certain", "suspect"]
CONFIDENCE_LEVELS: tuple[Confidence, ...] = ("certain", "suspect")
REPORT_SCHEMA = "cleanpress-report/1"


@dataclass(frozen=True, slots=True)
class Removal:
    """One edit of the original text: ``original[start:end]`` becomes ``replacement``."""

    rule: str
    start: int
    end: int
    text: str
    replacement: str = ""
    reason: str = ""
    name: str = ""
    confidence: Confidence = "certain"
    evidence: tuple[str, ...] = ()

    def to_dict(self, line_index: LineIndex | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "start": self.start,
            "end": self.end,
        }
        if line_index is not None:
            line, column = line_index.position(self.start)
            end_line, end_column = line_index.position(self.end)
            data.update(line=line, column=column, end_line=end_line, end_column=end_column)
        data.update(
            text=self.text,
            replacement=self.replacement,
            reason=self.reason,
            confidence=self.confidence,
            evidence=list(self.evidence),
        )
        return data


class LineIndex:
    """Maps offsets in a text to 1-based (line, column) pairs."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:

        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def apply_edits(original: str, removals: tuple[Removal, ...] | list[Removal]) -> str:
    """Apply an ordered, non-overlapping edit script to ``original``."""
    pieces: list[str] = []
    cursor = 0
    for removal in removals:
        if removal.start < cursor:
            raise ValueError(f"removals overlap at offset {removal.start}")
        pieces.append(original[cursor : removal.start])
        pieces.append(removal.replacement)
        cursor = removal.end
    pieces.append(original[cursor:])
    return "".join(pieces)


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The cleaned text and the exact edit script that produced it from ``original``."""

    text: str
    removals: tuple[Removal, ...]
    original: str = field(repr=False)
    format: str = "text"
    suggestions: tuple[Removal, ...] = ()
    """Findings below the cleaner's ``min_confidence``: reported, not applied."""
    suppressed: int = 0
    """Findings silenced by inline ``cleanpress: keep`` markers."""

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for removal in self.removals:
            counts[removal.rule] = counts.get(removal.rule, 0) + 1
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (schema ``cleanpress-report/1``, documented in the README)."""
        index = LineIndex(self.original)
        return {
            "schema": REPORT_SCHEMA,
            "cleanpress": __version__,
            "format": self.format,
            "input": {
                "chars": len(self.original),
                "lines": index.line_count,
            },
            "output": {"chars": len(self.text)},
            "removed_chars": sum(len(r.text) - len(r.replacement) for r in self.removals),
            "counts": self.counts(),
            "removals": [r.to_dict(index) for r in self.removals],
            "suggestions": [r.to_dict(index) for r in self.suggestions],
            "suppressed": self.suppressed,
        }
