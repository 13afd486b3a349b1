"""Source lines, spans and block scanning shared by the Markdown and reStructuredText readers.

All spans are ``(start, end)`` character offsets into the text, end exclusive. Line indexes are
0-based; a line's ``\\r`` belongs to its line end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import TypeVar

Span = tuple[int, int]
T = TypeVar("T")


def last_text(scan: Callable[[str], T]) -> Callable[[str], T]:
    """``scan`` remembering its result for the text it read last (the very same string object):
    a document's reader and its structure facts read the same blocks of the same text. The
    result is shared, so callers must not change it."""
    last: list[tuple[str, T]] = []

    @wraps(scan)
    def read(text: str) -> T:
        memo = last[0] if last else None  # one tuple, replaced whole: safe across threads
        if memo is not None and memo[0] is text:
            return memo[1]
        found = scan(text)
        last[:] = [(text, found)]
        return found

    return read


@dataclass(slots=True, unsafe_hash=True)
class SourceLine:
    """A line of the source (not frozen, for speed: one per line; never changed once made)."""

    index: int
    start: int  # offset of the first character
    end: int  # offset of the line end (before "\r\n" / "\n")
    next: int  # offset of the next line
    text: str  # the line without its line end

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indent(self) -> int:
        return indent_width(self.text)


def indent_width(s: str) -> int:
    width = 0
    for ch in s:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


@last_text
def split_lines(text: str) -> list[SourceLine]:
    """The lines of ``text`` (remembered for the text read last: the readers, the code blocks and
    the wrapped paragraphs of one document share them; callers must not change them)."""
    lines: list[SourceLine] = []
    pos, n = 0, len(text)
    while pos < n or not lines:
        nl = text.find("\n", pos)
        if nl == -1:
            lines.append(SourceLine(len(lines), pos, n, n, text[pos:n]))
            break
        end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
        lines.append(SourceLine(len(lines), pos, end, nl + 1, text[pos:end]))
        pos = nl + 1
    return lines


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and merge overlapping or touching ones; drop empty spans."""
    out: list[Span] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


@dataclass(frozen=True, slots=True)
class Region:
    """A protected region with the reason it is protected (``kind``)."""

    kind: str
    start: int
    end: int


def block_end(lines: Sequence[SourceLine], first: int, parent_indent: int) -> int:
    """Index one past the last line of the indented block starting at ``first``: lines that are
    blank or indented more than ``parent_indent``; trailing blank lines are not included."""
    last = first - 1
    i = first
    while i < len(lines):
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        if ln.indent <= parent_indent:
            break
        last = i
        i += 1
    return last + 1


def inside(spans: Sequence[Span], pos: int) -> bool:
    """Whether ``pos`` falls in one of ``spans`` (sorted, disjoint)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= pos < spans[lo][1]
