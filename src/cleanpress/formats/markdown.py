"""Markdown: the regions no rule may touch (fenced code, inline code, preformatted HTML)."""

from __future__ import annotations

import re
from bisect import bisect_right

# Markdown fenced code: an opening fence of 3+ backticks or tildes, closed by a fence of the same
# character at least as long (CommonMark). Backtick fences take no backtick in their info string.
_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}(?=[^`\n]*$)|~{3,})[^\n]*$", re.MULTILINE)
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HTML_PRE = re.compile(r"<(pre|code|kbd|samp)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def protected_regions(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of code in a Markdown document."""
    regions: list[tuple[int, int]] = []
    pos = 0
    while True:
        match = _FENCE_OPEN.search(text, pos)
        if match is None:
            break
        fence = match.group(1)
        closer = re.compile(rf"^[ \t]{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        close = closer.search(text, match.end())
        if close is None:
            # An unclosed fence protects nothing: in scraped text a stray "~~~" line is decoration,
            # and honouring it would switch cleaning off for the rest of the document.
            pos = match.end()
            continue
        regions.append((match.start(), close.end()))
        pos = close.end()
    inline: list[tuple[int, int]] = []
    fence_starts = [start for start, _ in regions]
    for pattern in (_INLINE_CODE, _HTML_PRE):
        for m in pattern.finditer(text):
            if not _inside(regions, fence_starts, m.start()) and "\n\n" not in m.group(0):
                inline.append((m.start(), m.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions + inline):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(regions: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``regions`` (sorted, disjoint; ``starts`` their starts)."""
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < regions[i][1]
