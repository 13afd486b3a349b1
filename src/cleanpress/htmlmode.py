"""HTML mode: a page -> its elements removed by the ``html-selector`` rules -> the main content
rendered as text or Markdown -> the text rules over that -> one :class:`~cleanpress.model.CleanResult`.

The result's ``original`` is the rendering the text rules ran over (their ``removals`` index it),
``elements`` the page's removed elements, ``page`` the page as given. ``text`` is the cleaned
rendering for ``output="text"``/``"markdown"`` (so ``apply_edits(original, removals) == text``),
the cleaned article as HTML for ``"html"``, and for ``"page"`` the whole page with the removed
elements gone (what ``cleanpress fix`` writes over an ``.html`` file).

lxml is imported on the first page only: text mode never loads it.
"""

from __future__ import annotations

import html as html_lib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from cleanpress.detect.registry import detector
from cleanpress.errors import UnsupportedFormat
from cleanpress.model import CleanResult, Confidence, Removal
from cleanpress.ruleset import Rule

if TYPE_CHECKING:
    from cleanpress.formats import Format
    from cleanpress.formats.html.extract import Extractor
    from cleanpress.formats.html.model import Block, Extraction

OUTPUTS: tuple[str, ...] = ("text", "markdown", "html", "page")
# Blocks are separated by a blank line in the text and Markdown renderings.
BLOCK_SEPARATOR = "\n\n"

CleanText = Callable[[str, "Format"], CleanResult]


class HtmlPage:
    """The page stage of one cleaner: its html-selector rules, compiled on the first page."""

    def __init__(self, rules: Sequence[Rule], min_confidence: Confidence) -> None:
        # --min-confidence certain: suspect element rules (menus, share bars, …) do not run.
        self.rules = [
            r
            for r in rules
            if min_confidence == "suspect" or r.confidence == "certain" or r.params.get("protect")
        ]
        self._extractor: Extractor | None = None

    def extractor(self) -> Extractor:
        if self._extractor is None:
            try:
                from cleanpress.formats.html.extract import Extractor

                kind = detector("html-selector")
            except ImportError as exc:  # pragma: no cover - lxml is a dependency
                raise UnsupportedFormat(f"HTML mode needs lxml and cssselect ({exc})") from None
            self._extractor = Extractor(kind.prepare([kind.compile(rule) for rule in self.rules]))
        return self._extractor

    def clean(self, page: str, output: str, clean_text: CleanText) -> CleanResult:
        if output not in OUTPUTS:
            raise UnsupportedFormat(f"unknown output {output!r}: expected one of {', '.join(OUTPUTS)}")
        extraction = self.extractor().extract(page)
        from cleanpress.formats.html.render import markdown_parts

        markdown = output == "markdown"
        parts = markdown_parts(extraction.blocks) if markdown else [b.text for b in extraction.blocks]
        starts = _starts(parts)
        inner = clean_text(BLOCK_SEPARATOR.join(parts), "markdown" if markdown else "text")
        result = replace(
            inner,
            format="html",
            elements=extraction.elements,
            page=page,
            output=output,
            block_lines=tuple(zip(starts, (b.line for b in extraction.blocks), strict=True)),
        )
        if output == "html":
            return replace(result, text=_article_html(extraction.blocks, parts, starts, inner.removals))
        if output == "page":
            return _page_result(result, extraction, parts, starts)
        return result


def _starts(parts: Sequence[str]) -> list[int]:
    starts: list[int] = []
    offset = 0
    for part in parts:
        starts.append(offset)
        offset += len(part) + len(BLOCK_SEPARATOR)
    return starts


def _cleaned_parts(parts: Sequence[str], starts: Sequence[int], removals: Sequence[Removal]) -> list[str]:
    """Each block's text with the removals inside it applied (removals are ordered, disjoint)."""
    out: list[str] = []
    k = 0
    for part, start in zip(parts, starts, strict=True):
        end = start + len(part)
        while k < len(removals) and removals[k].end <= start:
            k += 1
        pieces: list[str] = []
        cursor = start
        j = k
        while j < len(removals) and removals[j].start < end:
            r = removals[j]
            pieces.append(part[cursor - start : max(cursor, r.start) - start])
            if r.start >= start:
                pieces.append(r.replacement)
            cursor = max(cursor, min(r.end, end))
            j += 1
        pieces.append(part[cursor - start :])
        out.append("".join(pieces))
    return out


def _article_html(
    blocks: Sequence[Block], parts: Sequence[str], starts: Sequence[int], removals: Sequence[Removal]
) -> str:
    """The main content as HTML: untouched blocks keep their inline markup, a block the text rules
    emptied goes, a block they edited is its cleaned text, escaped."""
    from cleanpress.formats.html.render import blocks_to_html

    kept: list[Block] = []
    inline: list[str] = []
    for block, part, cleaned in zip(blocks, parts, _cleaned_parts(parts, starts, removals), strict=True):
        if cleaned == part:
            kept.append(block)
            inline.append(block.inline_html)
        elif cleaned.strip():
            kept.append(block)
            inline.append(html_lib.escape(cleaned.strip(), quote=False))
    return blocks_to_html(kept, inline)


def _page_result(
    result: CleanResult, extraction: Extraction, parts: Sequence[str], starts: Sequence[int]
) -> CleanResult:
    """The whole page with the removed elements gone: those of the rules, and the elements of the
    blocks the text rules emptied. An edit inside a block's text cannot be made to the page
    without re-rendering it: it stays, reported as a suggestion."""
    from cleanpress.formats.html.render import drop_block_elements, page_html

    cleaned = _cleaned_parts(parts, starts, result.removals)
    emptied = [i for i, text in enumerate(cleaned) if not text.strip()]
    dropped = drop_block_elements([extraction.blocks[i] for i in emptied])
    gone = {i for i, ok in zip(emptied, dropped, strict=True) if ok}
    applied: list[Removal] = []
    held: list[Removal] = list(result.suggestions)
    for removal in result.removals:
        inside = _blocks_within(removal, starts, parts)
        (applied if inside and all(i in gone for i in inside) else held).append(removal)
    held.sort(key=lambda r: r.start)
    changed = bool(gone) or any(not e.heuristic for e in extraction.elements)
    text = page_html(extraction) if changed else (result.page or "")
    return replace(result, text=text, removals=tuple(applied), suggestions=tuple(held))


def _blocks_within(removal: Removal, starts: Sequence[int], parts: Sequence[str]) -> range:
    """The blocks whose text ``removal`` overlaps (not the separators between them)."""
    first = max(0, bisect_right(starts, removal.start) - 1)
    if first < len(parts) and starts[first] + len(parts[first]) <= removal.start:
        first += 1  # the removal starts in the separator after the block
    last = bisect_left(starts, removal.end)  # blocks starting before the removal's end
    return range(first, max(first, last))
