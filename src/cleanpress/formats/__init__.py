"""Document formats: telling them apart, and reading each into a :class:`~cleanpress.document.Document`
with the regions no rule may touch.

Readers: ``text`` (nothing protected), ``markdown`` (code, HTML blocks) and ``rst`` (literal blocks,
code directives, targets, substitutions, comments); each also hands the document the function that
computes its structure facts (:mod:`cleanpress.formats.structure`). Writers of diagnostics live in
:mod:`cleanpress.formats.writers`; the JSONL record codec in :mod:`cleanpress.formats.jsonl`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from cleanpress.document import Document
from cleanpress.errors import UnsupportedFormat
from cleanpress.formats import markdown, rst
from cleanpress.formats.rst import looks_like_rst
from cleanpress.formats.structure import structure_of

Format = Literal["text", "markdown", "rst", "html"]
FORMATS: tuple[str, ...] = ("auto", "text", "markdown", "rst", "html")

# Format sniffing: an HTML page announces itself at its start; a fragment of HTML tags (inline
# HTML blocks in a Markdown post, scraped remnants) is not a page. reST and Markdown show their
# syntax on several lines.
_HTML_DOC = re.compile(r"\A[\s\ufeff]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
# Markdown signs: a block opener (heading, fence, quote, list item), a reference definition (both
# at a line's start), an inline link, a bold run.
_BLOCK_OPENER = r"[ \t]{0,3}(?:#{1,6}[ \t]+\S|```|~~~|>[ \t]|[*+-][ \t]+\S|\d{1,3}[.)][ \t]+\S)"
_REFERENCE_DEFINITION = r"\[[^\]\n]+\]:[ \t]*\S"
_INLINE_LINK = r"\[[^\]\n]+\]\([^)\s]+[^)\n]*\)"
_BOLD = r"\*\*[^*\n]+\*\*"
_MARKDOWN_SIGNS = re.compile(
    rf"^(?:{_BLOCK_OPENER})|{_INLINE_LINK}|^{_REFERENCE_DEFINITION}|{_BOLD}", re.MULTILINE
)
# Markdown is assumed at this many Markdown signs (one "**bold**" is not yet Markdown).
MARKDOWN_MIN_SIGNS = 2
# The same signs found fast: those that open a line (after a line break, which the scan jumps
# to, or at the very start), and those inside a line (a link, a bold run: the scan jumps to "["
# and "*"). No sign reaches over a line break, so _MARKDOWN_SIGNS finds every line-opening sign;
# and where no line opens with a sign, it finds exactly the signs inside lines.
_LINE_SIGN = rf"{_BLOCK_OPENER}|{_REFERENCE_DEFINITION}"
_LINE_SIGNS = re.compile(rf"\n(?:{_LINE_SIGN})")
_FIRST_LINE_SIGN = re.compile(_LINE_SIGN)
_INLINE_SIGNS = re.compile(rf"{_INLINE_LINK}|{_BOLD}")


def detect_format(text: str) -> Format:
    """Guess whether ``text`` is an HTML page, reStructuredText, Markdown or plain text.

    Only a page (``<!doctype html>`` or ``<html>`` at the start) is HTML: a Markdown or reST
    document with HTML blocks is still Markdown or reST."""
    if _HTML_DOC.match(text):
        return "html"
    head = text[:20000]
    if looks_like_rst(head):
        return "rst"
    if "```" in head or "~~~" in head or _has_signs(head, MARKDOWN_MIN_SIGNS):
        return "markdown"
    return "text"


def _has_signs(head: str, wanted: int) -> bool:
    """Whether ``head`` shows at least ``wanted`` Markdown signs (the scans stop there)."""
    opening = _count(_LINE_SIGNS.finditer(head), wanted) + (_FIRST_LINE_SIGN.match(head) is not None)
    if opening >= wanted:
        return True
    if opening == 0:
        return _count(_INLINE_SIGNS.finditer(head), wanted) >= wanted
    return _count(_MARKDOWN_SIGNS.finditer(head), wanted) >= wanted


def _count(found: Iterator[object], most: int) -> int:
    """How many ``found`` yields, counting up to ``most``."""
    seen = 0
    for _ in found:
        seen += 1
        if seen >= most:
            break
    return seen


def resolve_format(text: str, fmt: str) -> Format:
    """``fmt`` checked, or detected when it is ``auto``."""
    if fmt not in FORMATS:
        raise UnsupportedFormat(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return detect_format(text) if fmt == "auto" else fmt  # type: ignore[return-value]


def read_document(text: str, fmt: Format) -> Document:
    """``text`` as a document of format ``fmt``, with its protected regions."""
    if fmt == "markdown":
        return Document(text, fmt, markdown.protected_regions(text), structure_of(fmt))
    if fmt == "rst":
        return Document(text, fmt, rst.rst_protected(text), structure_of(fmt))
    if fmt == "text":
        return Document(text, fmt, (), structure_of(fmt))
    # An HTML page is not a text document: HTML mode (cleanpress.htmlmode) extracts its text first.
    raise UnsupportedFormat("an HTML page is cleaned by Cleaner.clean (HTML mode), not read as text")
