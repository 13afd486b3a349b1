"""A document under cleaning: its text, its lines, and the regions no rule may touch."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[str, ...] = ("auto", "text", "markdown", "html")

# Markdown fenced code: an opening fence of 3+ backticks or tildes, closed by a fence of the same
# character at least as long (CommonMark). Backtick fences take no backtick in their info string.
_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}(?=[^`\n]*$)|~{3,})[^\n]*$", re.MULTILINE)
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HTML_PRE = re.compile(r"<(pre|code|kbd|samp)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)

# Format sniffing: an HTML page announces itself; Markdown shows its syntax on several lines.
_HTML_DOC = re.compile(r"\A[\s\ufeff]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_BLOCK_TAG = re.compile(r"<(?:p|div|article|section|table|ul|ol|li|h[1-6]|br|span|main)\b[^>]*>", re.I)
_MARKDOWN_SIGNS = re.compile(
    r"^(?:[ \t]{0,3}(?:#{1,6}[ \t]+\S|```|~~~|>[ \t]|[*+-][ \t]+\S|\d{1,3}[.)][ \t]+\S))"
    r"|\[[^\]\n]+\]\([^)\s]+[^)\n]*\)|^\[[^\]\n]+\]:[ \t]*\S|\*\*[^*\n]+\*\*",
    re.MULTILINE,
)
# HTML is assumed when block tags are this dense: at least this many, covering this share of lines.
HTML_MIN_BLOCK_TAGS = 8
HTML_MIN_TAGGED_LINE_SHARE = 0.5
# Markdown is assumed at this many Markdown signs (one "**bold**" is not yet Markdown).
MARKDOWN_MIN_SIGNS = 2


def detect_format(text: str) -> Format:
    """Guess whether ``text`` is an HTML page, Markdown or plain text."""
    if _HTML_DOC.match(text):
        return "html"
    head = text[:20000]
    block_tags = len(_HTML_BLOCK_TAG.findall(head))
    if block_tags >= HTML_MIN_BLOCK_TAGS:
        lines = [line for line in head.splitlines() if line.strip()]
        tagged = sum(1 for line in lines if line.lstrip().startswith("<"))
        if lines and tagged / len(lines) >= HTML_MIN_TAGGED_LINE_SHARE:
            return "html"
    if "```" in head or "~~~" in head or len(_MARKDOWN_SIGNS.findall(head)) >= MARKDOWN_MIN_SIGNS:
        return "markdown"
    return "text"


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
    """Text plus the line table and protected (code) regions every detector works from."""

    def __init__(self, text: str, fmt: Format) -> None:
        self.text = text
        self.format: Format = fmt
        self.lines: list[Line] = _split_lines(text)
        self._line_starts = [line.start for line in self.lines]
        self.protected: list[tuple[int, int]] = _protected_regions(text) if fmt == "markdown" else []
        self._protected_starts = [start for start, _ in self.protected]

    def line_at(self, offset: int) -> Line:
        return self.lines[bisect_right(self._line_starts, offset) - 1]

    def content(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def is_blank(self, index: int) -> bool:
        line = self.lines[index]
        return not self.text[line.start : line.end].strip()

    def is_protected(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches a code region."""
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


def _protected_regions(text: str) -> list[tuple[int, int]]:
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
    for pattern in (_INLINE_CODE, _HTML_PRE):
        for m in pattern.finditer(text):
            if not _inside(regions, m.start()) and "\n\n" not in m.group(0):
                inline.append((m.start(), m.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions + inline):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(regions: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in regions)
