"""Document formats: telling them apart, and reading each into a :class:`~cleanpress.document.Document`
with the regions no rule may touch.

Readers: ``text`` (nothing protected) and ``markdown`` (code). Writers of diagnostics live in
:mod:`cleanpress.formats.writers`; the JSONL record codec in :mod:`cleanpress.formats.jsonl`.
"""

from __future__ import annotations

import re
from typing import Literal

from cleanpress.document import Document
from cleanpress.errors import UnsupportedFormat

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[str, ...] = ("auto", "text", "markdown", "html")

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


def resolve_format(text: str, fmt: str) -> Format:
    """``fmt`` checked, or detected when it is ``auto``."""
    if fmt not in FORMATS:
        raise UnsupportedFormat(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return detect_format(text) if fmt == "auto" else fmt  # type: ignore[return-value]


def read_document(text: str, fmt: Format) -> Document:
    """``text`` as a document of format ``fmt``, with its protected regions."""
    if fmt == "markdown":
        from cleanpress.formats.markdown import protected_regions

        return Document(text, fmt, protected_regions(text))
    if fmt == "text":
        return Document(text, fmt)
    raise UnsupportedFormat("HTML mode is not available yet: clean extracted text or Markdown instead")
