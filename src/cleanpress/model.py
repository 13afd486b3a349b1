"""Result types: what was removed, where, and why."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from cleanpress._version import __version__
from cleanpress.offsets import OffsetMap

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


def compose_edits(original: str, first: Sequence[Removal], second: Sequence[Removal]) -> list[Removal] | None:
    """One edit script for ``first`` applied to ``original`` and then ``second`` to the result.

    A removal of the second pass that spans a deletion of the first absorbs it (the line that held
    an inline ad and is now a bare repeated pitch goes whole, with the ad), and so does a deletion
    that takes a rewrite of the first whole. Returns None when the two cannot be composed simply (a
    second-pass edit inside or across a first-pass rewrite)."""
    # The intermediate text as kept runs of the original.
    inter = OffsetMap.from_edits(len(original), ((r.start, r.end, len(r.replacement)) for r in first))
    total = inter.length
    first_starts = [r.start for r in first]
    # Where each first-pass rewrite's replacement stands in the intermediate text: a deletion that
    # starts or ends exactly at its edge takes it whole.
    rewrites: dict[int, int] = {}  # intermediate start -> original start
    rewrite_ends: dict[int, int] = {}  # intermediate end -> original end
    shift = 0
    for r in first:
        if r.replacement:
            rewrites[r.start + shift] = r.start
            rewrite_ends[r.start + shift + len(r.replacement)] = r.end
        shift += len(r.replacement) - (r.end - r.start)
    merged: list[Removal] = []
    absorbed: set[int] = set()
    for removal in second:
        start = inter.to_original(removal.start) if removal.start < total else len(original)
        stop = inter.to_original(removal.end, end=True)
        if not removal.replacement:
            start = rewrites.get(removal.start, start) if start is None else start
            stop = rewrite_ends.get(removal.end, stop) if stop is None else stop
        if start is None or stop is None:
            return None  # inside a first-pass replacement
        # First-pass edits overlapping [start, stop): they are sorted and disjoint, so they start
        # before ``stop`` and, from the one before ``start`` on, end after ``start``.
        lo = max(0, bisect_right(first_starts, start) - 1)
        for k in range(lo, bisect_left(first_starts, stop)):
            earlier = first[k]
            if earlier.start < stop and earlier.end > start:
                # A rewrite goes with a deletion that takes it whole (a line made a repeat by its
                # rewritten link goes, link and all); an edit inside or across one cannot be composed.
                covered = earlier.start >= start and earlier.end <= stop
                if earlier.replacement and (removal.replacement or not covered):
                    return None
                absorbed.add(k)
                start, stop = min(start, earlier.start), max(stop, earlier.end)
        merged.append(
            Removal(
                rule=removal.rule,
                start=start,
                end=stop,
                text=original[start:stop],
                replacement=removal.replacement,
                reason=removal.reason,
                name=removal.name,
                confidence=removal.confidence,
                evidence=removal.evidence,
            )
        )
    kept = [r for k, r in enumerate(first) if k not in absorbed]
    result = sorted(kept + merged, key=lambda r: r.start)
    if any(a.end > b.start for a, b in pairwise(result)):
        return None
    return result


@dataclass(frozen=True, slots=True)
class ElementRemoval:
    """One element of an HTML page removed on purpose, with the rule that removed it."""

    rule: str
    name: str
    path: str
    """CSS-like path of the element in the original page (``html > body > div#main > aside``)."""
    excerpt: str
    """The start of the element's whitespace-normalised text."""
    chars: int
    """Characters of the element's whitespace-normalised text."""
    reason: str
    confidence: Confidence = "certain"
    line: int = 0
    """The element's line in the page (lxml ``sourceline``; 0 when unknown)."""
    heuristic: bool = False
    """A content choice of the extractor (headline, link list), not a rule: it shapes the extracted
    text, the page itself keeps the element."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "path": self.path,
            "line": self.line,
            "excerpt": self.excerpt,
            "chars": self.chars,
            "reason": self.reason,
            "confidence": self.confidence,
            "heuristic": self.heuristic,
        }


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
    elements: tuple[ElementRemoval, ...] = ()
    """HTML pages: the elements removed before the text rules ran over the extracted text."""
    page: str | None = field(default=None, repr=False)
    """HTML pages: the page as given (``original`` is the text extracted from it)."""
    output: str = "text"
    """HTML pages: what ``text`` holds: ``text``, ``markdown``, ``html`` (the article) or ``page``."""
    block_lines: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    """HTML pages: ``(offset in original, line in the page)`` of each extracted block."""

    @property
    def changed(self) -> bool:
        if self.page is not None and self.output == "page":
            return self.text != self.page
        return self.text != self.original or any(not e.heuristic for e in self.elements)

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
            **({"elements": [e.to_dict() for e in self.elements]} if self.page is not None else {}),
        }
